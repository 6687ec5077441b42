//! What a run says while it works: a progress bar on a terminal (indicatif),
//! plain lines in a log, nothing with `-q`; stage timing and memory with `-v`.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Instant;

/// How much a run prints on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    /// `-q`: no progress, no notes; errors and the final lines only.
    Quiet,
    /// Progress and notes.
    Normal,
    /// `-v`: also each stage's time and memory.
    Verbose,
}

/// Files read so far, shown as they are read (from any thread), always
/// counting up.
pub struct Progress {
    bar: Option<ProgressBar>,
    // Plain lines (not a terminal): the count is taken and printed under one
    // lock, so the lines never run backwards.
    lines: Option<Mutex<usize>>,
    total: usize,
}

impl Progress {
    /// A counter of `total` files.
    pub fn files(total: usize, verbosity: Verbosity) -> Progress {
        if verbosity == Verbosity::Quiet {
            return Progress {
                bar: None,
                lines: None,
                total,
            };
        }
        if std::io::stderr().is_terminal() {
            let bar = ProgressBar::with_draw_target(
                Some(u64::try_from(total).unwrap_or(u64::MAX)),
                ProgressDrawTarget::stderr(),
            );
            if let Ok(style) = ProgressStyle::with_template(
                "{bar:30.cyan/blue} {pos}/{len} file · đã {elapsed_precise} · còn khoảng {eta_precise} · {wide_msg}",
            ) {
                bar.set_style(style.progress_chars("█▓░"));
            }
            Progress {
                bar: Some(bar),
                lines: None,
                total,
            }
        } else {
            Progress {
                bar: None,
                lines: Some(Mutex::new(0)),
                total,
            }
        }
    }

    /// One more file read.
    pub fn read(&self, rel: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(rel.to_owned());
            bar.inc(1);
        } else if let Some(lines) = &self.lines {
            let mut n = lines
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            *n += 1;
            if n.is_multiple_of(50) || *n == self.total {
                eprintln!("  đã đọc {}/{}: {rel}", *n, self.total);
            }
        }
    }

    /// Reading is over.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The stages of a run, timed; printed with `-v`.
pub struct Stages {
    started: Instant,
    lap: Instant,
    done: Vec<Stage>,
}

/// One stage of the run: its seconds, and the resident memory at its end and
/// the peak so far (MB, where the system tells them).
struct Stage {
    name: &'static str,
    secs: f64,
    memory: Option<(u64, u64)>,
}

impl Stages {
    pub fn start() -> Stages {
        let now = Instant::now();
        Stages {
            started: now,
            lap: now,
            done: Vec::new(),
        }
    }

    /// The stage that just ended.
    pub fn end(&mut self, name: &'static str) {
        self.done.push(Stage {
            name,
            secs: self.lap.elapsed().as_secs_f64(),
            memory: memory(),
        });
        self.lap = Instant::now();
    }

    /// Where the time went (read by the peer benchmark, `bench/run.py`, which
    /// runs with `-v`).
    pub fn print(&self) {
        let mut line = String::from("Thời gian:");
        let mut mem = String::from("Bộ nhớ (đang dùng / cao nhất từ đầu):");
        for Stage { name, secs, memory } in &self.done {
            line.push_str(&format!(" {name} {} s;", seconds(*secs)));
            if let Some((now, peak)) = memory {
                mem.push_str(&format!(" sau {name} {now} / {peak} MB;"));
            }
        }
        eprintln!(
            "{line} tổng {} s",
            seconds(self.started.elapsed().as_secs_f64())
        );
        if self.done.iter().any(|s| s.memory.is_some()) {
            eprintln!("{}", mem.trim_end_matches(';'));
        }
    }
}

/// Resident memory now and its peak so far, in MB (Linux: `/proc/self/status`).
pub(crate) fn memory() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb / 1024)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// Seconds with two decimals and a decimal comma, as Vietnamese writes them.
fn seconds(s: f64) -> String {
    format!("{s:.2}").replace('.', ",")
}
