//! `tonghop`: consolidate the branch returns of a campaign into one set of
//! figures, charts and an Excel summary.

mod claims;
mod inspect;
mod memory;
mod pipeline;
mod progress;
mod serve;
mod usage;

use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Many small strings allocated on every core while reading: see `Cargo.toml`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Tổng hợp báo cáo mô hình, điển hình tiên tiến từ các file Excel của đơn vị.
#[derive(Parser)]
#[command(
    name = "tonghop",
    version,
    about,
    long_about = None,
    override_usage = "tonghop [TÙY CHỌN] <LỆNH>",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "Lệnh",
    subcommand_value_name = "LỆNH",
    help_template = usage::TEMPLATE,
    next_help_heading = "Tùy chọn"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    common: CommonArgs,
}

/// Tùy chọn dùng được với mọi lệnh.
#[derive(clap::Args)]
#[command(next_help_heading = "Tùy chọn")]
struct CommonArgs {
    /// Không in tiến độ (chỉ in lỗi và kết quả cuối).
    #[arg(short, long, global = true)]
    quiet: bool,
    /// In thêm thời gian và bộ nhớ của từng bước.
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    verbose: bool,
    /// Bỏ qua file lớn hơn số MB này (mặc định: 100).
    #[arg(
        long,
        global = true,
        default_value_t = 100,
        value_name = "MB",
        hide_default_value = true
    )]
    max_file_mb: u64,
    /// Bỏ qua file .xlsx/.ods mà nội dung giải nén lớn hơn số MB này (mặc định: 200).
    #[arg(
        long,
        global = true,
        default_value_t = 200,
        value_name = "MB",
        hide_default_value = true
    )]
    max_unzipped_mb: u64,
    /// Chỉ đọc chừng này dòng đầu của mỗi sheet (mặc định: 100000).
    #[arg(
        long,
        global = true,
        default_value_t = 100_000,
        value_name = "SỐ_DÒNG",
        hide_default_value = true
    )]
    max_rows: u32,
    /// In trợ giúp.
    #[arg(short, long, global = true, action = ArgAction::Help)]
    help: Option<bool>,
    /// In số phiên bản.
    #[arg(short = 'V', long, action = ArgAction::Version)]
    version: Option<bool>,
}

impl CommonArgs {
    fn limits(&self) -> tonghop_ingest::Limits {
        tonghop_ingest::Limits {
            max_file_bytes: self.max_file_mb.saturating_mul(1_048_576),
            max_unzipped_bytes: self.max_unzipped_mb.saturating_mul(1_048_576),
            max_rows_per_sheet: self.max_rows,
        }
    }
    fn verbosity(&self) -> progress::Verbosity {
        if self.quiet {
            progress::Verbosity::Quiet
        } else if self.verbose {
            progress::Verbosity::Verbose
        } else {
            progress::Verbosity::Normal
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
    #[command(
        verbatim_doc_comment,
        override_usage = "tonghop run [THƯ_MỤC_ĐẦU_VÀO] [--out THƯ_MỤC] [TÙY CHỌN]",
        help_template = usage::TEMPLATE
    )]
    Run {
        /// Thư mục đầu vào: danh-muc.xlsx và các thư mục kỳ báo cáo (mặc định: inputs).
        #[arg(
            default_value = "inputs",
            value_name = "THƯ_MỤC_ĐẦU_VÀO",
            help_heading = "Đối số",
            hide_default_value = true
        )]
        inputs: PathBuf,
        /// Thư mục ghi kết quả, ngoài thư mục đầu vào; tonghop chỉ thay các file của mình trong đó (mặc định: outputs).
        #[arg(
            long,
            default_value = "outputs",
            value_name = "THƯ_MỤC",
            help_heading = "Tùy chọn",
            hide_default_value = true
        )]
        out: PathBuf,
    },
    /// Chỉ đọc và kiểm tra, in các vấn đề phát hiện; không ghi file nào.
    ///
    /// Ví dụ:
    ///   tonghop check inputs
    #[command(
        verbatim_doc_comment,
        override_usage = "tonghop check [THƯ_MỤC_ĐẦU_VÀO] [TÙY CHỌN]",
        help_template = usage::TEMPLATE
    )]
    Check {
        /// Thư mục đầu vào (mặc định: inputs).
        #[arg(
            default_value = "inputs",
            value_name = "THƯ_MỤC_ĐẦU_VÀO",
            help_heading = "Đối số",
            hide_default_value = true
        )]
        inputs: PathBuf,
    },
    /// Cho biết một file được đọc thế nào: sheet, dòng tiêu đề, cột, đơn vị, ngày.
    ///
    /// Ví dụ:
    ///   tonghop inspect "inputs/2023-03/Dang bo co so/BC mo hinh - DB So Y te.xlsx"
    #[command(
        verbatim_doc_comment,
        override_usage = "tonghop inspect <FILE> [--inputs THƯ_MỤC] [TÙY CHỌN]",
        help_template = usage::TEMPLATE
    )]
    Inspect {
        /// File báo cáo.
        #[arg(value_name = "FILE", help_heading = "Đối số")]
        file: PathBuf,
        /// Thư mục đầu vào có danh-muc.xlsx (mặc định: tìm ở các thư mục cha của file).
        #[arg(long, value_name = "THƯ_MỤC", help_heading = "Tùy chọn")]
        inputs: Option<PathBuf>,
    },
    /// Mở tonghop trong trình duyệt: trang tổng quan, từng đơn vị, xem xét
    /// (gộp, để riêng, chọn loại, cấp, đổi tên — ghi vào quyet-dinh.xlsx rồi
    /// chạy lại), nộp báo cáo mới, tải kết quả. Mặc định chỉ máy này mở được;
    /// --lan cho các máy trong mạng nội bộ, có đăng nhập.
    ///
    /// Ví dụ:
    ///   tonghop serve
    ///   tonghop serve "D:/Bao cao 2023" --out ket-qua --addr 127.0.0.1:8090
    ///   tonghop serve --lan --password-file mat-khau.txt
    #[command(
        verbatim_doc_comment,
        override_usage = "tonghop serve [THƯ_MỤC_ĐẦU_VÀO] [--out THƯ_MỤC] [--addr ĐỊA_CHỈ] [--lan] [TÙY CHỌN]",
        help_template = usage::TEMPLATE
    )]
    Serve(serve::Options),
    /// Soát dự thảo báo cáo: tìm mọi số liệu trong văn bản (.docx, .txt, .md)
    /// và kiểm tra chúng với nhau (tổng và các phần, x/y, một số liệu nêu hai
    /// giá trị, danh sách tên, thứ tự khen thưởng, văn bản dẫn hai ngày), và
    /// với số liệu tổng hợp khi có --data.
    ///
    /// Ví dụ:
    ///   tonghop claims "Du thao bao cao so ket.docx"
    ///   tonghop claims du-thao.txt --data outputs --out ket-qua
    #[command(
        verbatim_doc_comment,
        override_usage = "tonghop claims <DỰ_THẢO> [--data THƯ_MỤC] [--out THƯ_MỤC] [TÙY CHỌN]",
        help_template = usage::TEMPLATE
    )]
    Claims {
        /// Dự thảo báo cáo (.docx, .txt, .md).
        #[arg(value_name = "DỰ_THẢO", help_heading = "Đối số")]
        draft: PathBuf,
        /// Thư mục kết quả của một lần `tonghop run` (có summary.json): đối chiếu
        /// từng số liệu trong dự thảo với số liệu tổng hợp.
        #[arg(long, value_name = "THƯ_MỤC", help_heading = "Tùy chọn")]
        data: Option<PathBuf>,
        /// Thư mục ghi soat-bao-cao.xlsx và soat-bao-cao.md (mặc định: outputs).
        #[arg(
            long,
            default_value = "outputs",
            value_name = "THƯ_MỤC",
            help_heading = "Tùy chọn",
            hide_default_value = true
        )]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    // The stages give the memory they let go back to the system (memory.rs).
    tonghop_core::memory::set_give_back(memory::give_back);
    // A bug is said in Vietnamese, once, without a backtrace; a file whose
    // reader fails this way is still only a finding (ingest catches it).
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("lỗi bất thường trong tonghop: {what}{at}; xin báo cho người phát triển kèm các file đầu vào");
    }));
    match std::panic::catch_unwind(run) {
        Ok(code) => code,
        Err(_) => ExitCode::from(1),
    }
}

fn run() -> ExitCode {
    let command = usage::vietnamese(Cli::command());
    let matches = match command.clone().try_get_matches() {
        Ok(m) => m,
        Err(e) => return usage::report(&e, &command),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return usage::report(&e, &command),
    };
    let limits = cli.common.limits();
    let verbosity = cli.common.verbosity();
    let result = match cli.command {
        Command::Run { inputs, out } => pipeline::run(&inputs, Some(&out), limits, verbosity),
        Command::Check { inputs } => pipeline::run(&inputs, None, limits, verbosity),
        Command::Inspect { file, inputs } => inspect::run(&file, inputs.as_deref(), limits),
        Command::Claims { draft, data, out } => claims::run(&draft, data.as_deref(), &out),
        Command::Serve(options) => serve::run(options, limits),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lỗi: {e:#}");
            ExitCode::from(1)
        }
    }
}
