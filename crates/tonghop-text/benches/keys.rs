//! Micro-benchmark: matching keys and legacy detection per second, one core.
//!
//! Run: `cargo bench -p tonghop-text` (prints one line per measure).

use std::hint::black_box;
use std::time::{Duration, Instant};
use tonghop_text::legacy::{encode, evidence, Legacy};
use tonghop_text::{fold_key, match_key, similarity};

const WORDS: &[&str] = &[
    "Đảng",
    "bộ",
    "Sở",
    "Y",
    "tế",
    "Trường",
    "học",
    "hạnh",
    "phúc",
    "Phòng",
    "khám",
    "thân",
    "thiện",
    "người",
    "bệnh",
    "hài",
    "lòng",
    "Chi",
    "Tư",
    "pháp",
    "Công",
    "ty",
    "Cổ",
    "phần",
    "Môi",
    "trường",
    "Dịch",
    "vụ",
    "đô",
    "thị",
    "Nguyễn",
    "Thị",
    "Thuỷ",
    "Hoà",
    "Bình",
    "văn",
    "hoá",
    "công",
    "sở",
];

/// Names of about 60 characters, deterministic.
fn names(n: usize) -> Vec<String> {
    let mut state: u64 = 7;
    (0..n)
        .map(|_| {
            let mut s = String::new();
            while s.chars().count() < 60 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                if !s.is_empty() {
                    s.push(' ');
                }
                s.push_str(WORDS[(state >> 33) as usize % WORDS.len()]);
            }
            s
        })
        .collect()
}

fn measure(label: &str, inputs: &[String], f: impl Fn(&str) -> usize) {
    let budget = Duration::from_secs(2);
    let start = Instant::now();
    let mut n = 0u64;
    let mut sink = 0usize;
    while start.elapsed() < budget {
        for s in inputs {
            sink = sink.wrapping_add(f(black_box(s)));
        }
        n += inputs.len() as u64;
    }
    let secs = start.elapsed().as_secs_f64();
    black_box(sink);
    println!(
        "{label:<44} {:>12.0} per second ({n} in {secs:.2} s)",
        n as f64 / secs
    );
}

fn main() {
    let plain = names(10_000);
    let avg = plain.iter().map(|s| s.chars().count()).sum::<usize>() / plain.len();
    println!("inputs: 10,000 names, {avg} characters on average, one thread");
    measure("match_key (60-char names)", &plain, |s| match_key(s).len());
    measure("fold_key (60-char names)", &plain, |s| fold_key(s).len());
    measure("legacy evidence, Unicode cell (fast path)", &plain, |s| {
        evidence(s).as_is
    });
    let tcvn3: Vec<String> = plain.iter().map(|s| encode(s, Legacy::Tcvn3)).collect();
    measure(
        "legacy evidence, TCVN3 cell (both decodings)",
        &tcvn3,
        |s| evidence(s).tcvn3,
    );
    let pairs: Vec<String> = plain
        .iter()
        .zip(plain.iter().skip(1))
        .map(|(a, b)| format!("{a}\t{b}"))
        .collect();
    measure("similarity of two names", &pairs, |s| {
        let (a, b) = s.split_once('\t').unwrap_or((s, s));
        similarity(a, b).same
    });
}
