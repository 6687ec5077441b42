//! `tonghop`: consolidate the branch returns of a campaign into one set of
//! figures, charts and an Excel summary.

mod inspect;
mod pipeline;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Tổng hợp báo cáo mô hình, điển hình tiên tiến từ các file Excel của đơn vị.
#[derive(Parser)]
#[command(name = "tonghop", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Chạy toàn bộ: đọc, chuẩn hoá, hợp nhất, đối chiếu và ghi kết quả.
    ///
    /// Ví dụ:
    ///   tonghop run
    ///   tonghop run "D:/Bao cao 2023" --out ket-qua
    Run {
        /// Thư mục đầu vào (danh-muc.xlsx và các thư mục kỳ báo cáo).
        #[arg(default_value = "inputs")]
        inputs: PathBuf,
        /// Thư mục ghi kết quả.
        #[arg(long, default_value = "outputs")]
        out: PathBuf,
    },
    /// Chỉ đọc và kiểm tra, in các vấn đề phát hiện; không ghi file nào.
    ///
    /// Ví dụ:
    ///   tonghop check inputs
    Check {
        /// Thư mục đầu vào.
        #[arg(default_value = "inputs")]
        inputs: PathBuf,
    },
    /// Cho biết một file được đọc thế nào: sheet, dòng tiêu đề, cột, đơn vị, ngày.
    ///
    /// Ví dụ:
    ///   tonghop inspect "inputs/2023-03/Dang bo co so/BC mo hinh - DB So Y te.xlsx"
    Inspect {
        /// File báo cáo.
        file: PathBuf,
        /// Thư mục đầu vào có danh-muc.xlsx (mặc định: tìm ở các thư mục cha của file).
        #[arg(long)]
        inputs: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Run { inputs, out } => pipeline::run(&inputs, Some(&out)),
        Command::Check { inputs } => pipeline::run(&inputs, None),
        Command::Inspect { file, inputs } => inspect::run(&file, inputs.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lỗi: {e:#}");
            ExitCode::from(1)
        }
    }
}
