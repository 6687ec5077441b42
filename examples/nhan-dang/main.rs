//! The reader measured on returns in layouts and words it was never shown
//! (issue 18): writes an unseen corpus, reads it as `tonghop run` does and
//! prints the share of entities fully right, of units recognised, and the
//! error rate of every habit dimension's options.
//!
//!   cargo run --release --example nhan-dang -- [--returns N] [--seed S]
//!       [--words giu-lai|moi|da-biet] [--libreoffice] [--keep DIR]
//!
//! `--words giu-lai` (default) writes with the held-out half of the word
//! pools, which the vocabulary never holds (`moi`: a third part, never held
//! either, written after the reader's rules); `--libreoffice` also writes .xls
//! and .ods (needs `soffice`); `--keep DIR` leaves the corpus and its truth
//! in DIR (a new folder) instead of a temporary one.

mod read;

use std::path::PathBuf;
use tonghop_gen::unseen::{self, Words};

fn main() {
    let mut returns = 600usize;
    let mut seed = 18u64;
    let mut words = Words::HeldOut;
    let mut libreoffice = false;
    let mut keep: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--returns" => returns = args.next().and_then(|v| v.parse().ok()).unwrap_or(returns),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).unwrap_or(seed),
            "--words" => {
                words = match args.next().as_deref() {
                    Some("da-biet") => Words::Seen,
                    Some("moi") => Words::Fresh,
                    _ => Words::HeldOut,
                }
            }
            "--libreoffice" => libreoffice = true,
            "--keep" => keep = args.next().map(PathBuf::from),
            other => {
                eprintln!("lỗi: không hiểu \"{other}\"\nCách dùng: cargo run --release --example nhan-dang -- [--returns N] [--seed S] [--words giu-lai|moi|da-biet] [--libreoffice] [--keep THƯ_MỤC]");
                std::process::exit(2);
            }
        }
    }
    let dir = keep.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("tonghop-nhan-dang-{}", std::process::id()))
    });
    if dir.exists() && std::fs::read_dir(&dir).is_ok_and(|mut d| d.next().is_some()) {
        eprintln!(
            "lỗi: thư mục \"{}\" đã có file: chọn thư mục mới",
            dir.display()
        );
        std::process::exit(1);
    }
    let inputs = dir.join("inputs");
    let truth = match unseen::generate(&inputs, returns, seed, words, libreoffice) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("lỗi: {e}");
            std::process::exit(1);
        }
    };
    let (read, findings) = read::read(&inputs);
    let score = unseen::score(&truth, &read, &findings);
    println!(
        "hạt giống {seed}, từ {}, {}",
        match words {
            Words::Seen => "đã biết",
            Words::HeldOut => "giữ lại",
            Words::Fresh => "mới",
        },
        if libreoffice {
            "có .xls/.ods (LibreOffice)"
        } else {
            "chỉ .xlsx"
        }
    );
    print!("{}", unseen::table(&score));
    if std::env::var_os("TONGHOP_VI_DU").is_some() {
        for (file, want, got) in &score.examples {
            println!("{file}\n  cần: {want}\n  đọc: {got}");
        }
        for (file, code) in &score.alarm_examples {
            println!("báo động giả {code}: {file}");
        }
    }
    if keep.is_some() {
        let json = serde_json::to_string_pretty(&truth).unwrap_or_default();
        let _ = std::fs::write(dir.join("dap-an.json"), json);
        eprintln!("Bộ báo cáo và đáp án để lại ở {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
