//! `tonghop`: consolidate the branch returns of a campaign into one set of
//! figures, charts and an Excel summary.

mod claims;
mod inspect;
mod pipeline;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Many small strings allocated on every core while reading: see `Cargo.toml`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Tổng hợp báo cáo mô hình, điển hình tiên tiến từ các file Excel của đơn vị.
#[derive(Parser)]
#[command(name = "tonghop", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    limits: LimitArgs,
}

/// Giới hạn cho mỗi file (để một file độc hại không làm treo cả đợt).
#[derive(clap::Args)]
struct LimitArgs {
    /// Bỏ qua file lớn hơn số MB này.
    #[arg(long, global = true, default_value_t = 100)]
    max_file_mb: u64,
    /// Bỏ qua file .xlsx/.ods mà nội dung giải nén lớn hơn số MB này.
    #[arg(long, global = true, default_value_t = 200)]
    max_unzipped_mb: u64,
    /// Chỉ đọc chừng này dòng đầu của mỗi sheet.
    #[arg(long, global = true, default_value_t = 100_000)]
    max_rows: u32,
}

impl LimitArgs {
    fn limits(&self) -> tonghop_ingest::Limits {
        tonghop_ingest::Limits {
            max_file_bytes: self.max_file_mb.saturating_mul(1_048_576),
            max_unzipped_bytes: self.max_unzipped_mb.saturating_mul(1_048_576),
            max_rows_per_sheet: self.max_rows,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Chạy toàn bộ: đọc, chuẩn hoá, hợp nhất, đối chiếu và ghi kết quả.
    ///
    /// Ví dụ:
    ///   tonghop run
    ///   tonghop run "D:/Bao cao 2023" --out ket-qua
    #[command(verbatim_doc_comment)]
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
    #[command(verbatim_doc_comment)]
    Check {
        /// Thư mục đầu vào.
        #[arg(default_value = "inputs")]
        inputs: PathBuf,
    },
    /// Cho biết một file được đọc thế nào: sheet, dòng tiêu đề, cột, đơn vị, ngày.
    ///
    /// Ví dụ:
    ///   tonghop inspect "inputs/2023-03/Dang bo co so/BC mo hinh - DB So Y te.xlsx"
    #[command(verbatim_doc_comment)]
    Inspect {
        /// File báo cáo.
        file: PathBuf,
        /// Thư mục đầu vào có danh-muc.xlsx (mặc định: tìm ở các thư mục cha của file).
        #[arg(long)]
        inputs: Option<PathBuf>,
    },
    /// Soát dự thảo báo cáo: tìm mọi số liệu trong văn bản (.docx, .txt, .md)
    /// và kiểm tra chúng với nhau (tổng và các phần, x/y, một số liệu nêu hai
    /// giá trị, danh sách tên, thứ tự khen thưởng, văn bản dẫn hai ngày), và
    /// với số liệu tổng hợp khi có --data.
    ///
    /// Ví dụ:
    ///   tonghop claims "Du thao bao cao so ket.docx"
    ///   tonghop claims du-thao.txt --data outputs --out ket-qua
    #[command(verbatim_doc_comment)]
    Claims {
        /// Dự thảo báo cáo (.docx, .txt, .md).
        draft: PathBuf,
        /// Thư mục kết quả của một lần `tonghop run` (có summary.json): đối chiếu
        /// từng số liệu trong dự thảo với số liệu tổng hợp.
        #[arg(long)]
        data: Option<PathBuf>,
        /// Thư mục ghi soat-bao-cao.xlsx và soat-bao-cao.md.
        #[arg(long, default_value = "outputs")]
        out: PathBuf,
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
    let limits = cli.limits.limits();
    let result = match cli.command {
        Command::Run { inputs, out } => pipeline::run(&inputs, Some(&out), limits),
        Command::Check { inputs } => pipeline::run(&inputs, None, limits),
        Command::Inspect { file, inputs } => inspect::run(&file, inputs.as_deref(), limits),
        Command::Claims { draft, data, out } => claims::run(&draft, data.as_deref(), &out),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lỗi: {e:#}");
            ExitCode::from(1)
        }
    }
}
