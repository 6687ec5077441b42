//! `tonghop-gen`: writes a sample corpus and its ground truth.
//!
//! Examples:
//!   tonghop-gen --out inputs                      # the committed sample corpus
//!   tonghop-gen --out /tmp/c --units 2000 --rows 50 --truth /tmp/c-truth.json
//!   tonghop-gen --out /tmp/u --unseen 600 --words giu-lai   # layouts never shown (issue 18)

/// See `Cargo.toml`: freed memory handed back as files are written.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;
use tonghop_gen::{generate, Scenario};

/// Sinh bộ báo cáo mẫu (danh-muc.xlsx và các thư mục kỳ) cùng đáp án đúng.
#[derive(Parser)]
#[command(name = "tonghop-gen", version)]
struct Args {
    /// Thư mục ghi bộ báo cáo (sẽ bị xoá và tạo lại).
    #[arg(long, default_value = "inputs")]
    out: PathBuf,
    /// File JSON ghi đáp án (mặc định: <OUT>-truth.json, bên cạnh thư mục).
    #[arg(long)]
    truth: Option<PathBuf>,
    /// Số đơn vị (bỏ trống: bộ mẫu theo báo cáo sơ kết).
    #[arg(long)]
    units: Option<usize>,
    /// Số dòng mô hình + điển hình mỗi báo cáo, khi có --units.
    #[arg(long, default_value_t = 50)]
    rows: usize,
    /// Không cài các lỗi mẫu (nộp muộn, thiếu, file hỏng…).
    #[arg(long)]
    clean: bool,
    /// Hạt giống ngẫu nhiên.
    #[arg(long, default_value_t = 46)]
    seed: u64,
    /// Chuyển một phần báo cáo sang .xls và .ods bằng LibreOffice (cần lệnh soffice).
    #[arg(long)]
    libreoffice: bool,
    /// Sinh N báo cáo theo thói quen chưa gặp (mỗi báo cáo rút ngẫu nhiên trên mọi
    /// chiều: định dạng, tên file, tiêu đề cột, cấp, lĩnh vực, gộp ô, bảng mã…).
    #[arg(long, value_name = "N")]
    unseen: Option<usize>,
    /// Với --unseen: dùng phần từ ngữ nào — giu-lai (không có trong từ vựng), moi (một phần
    /// thứ ba, cũng không có trong từ vựng) hay da-biet.
    #[arg(long, default_value = "giu-lai", value_parser = ["giu-lai", "moi", "da-biet"])]
    words: String,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let scenario = match args.units {
        None => {
            let mut s = Scenario::sample();
            s.messy = !args.clean;
            s
        }
        Some(n) => Scenario::sized(n, args.rows, !args.clean),
    };
    // Only a folder this generator wrote (it leaves a marker) is replaced: a
    // mistyped --out never wipes somebody's folder.
    if let Err(e) = clear(&args.out) {
        eprintln!("lỗi: {e}");
        return ExitCode::from(1);
    }
    let truth_path = args.truth.clone().unwrap_or_else(|| {
        let name = args
            .out
            .file_name()
            .map_or_else(|| "inputs".into(), |n| n.to_string_lossy().to_string());
        args.out.with_file_name(format!("{name}-truth.json"))
    });
    if let Some(n) = args.unseen {
        use tonghop_gen::unseen::{self, Words};
        let words = match args.words.as_str() {
            "da-biet" => Words::Seen,
            "moi" => Words::Fresh,
            _ => Words::HeldOut,
        };
        return match unseen::generate(&args.out, n, args.seed, words, args.libreoffice) {
            Ok(truth) => finish(&args.out, &truth_path, &truth),
            Err(e) => {
                eprintln!("lỗi: {e}");
                ExitCode::from(1)
            }
        };
    }
    match generate(&scenario, args.seed, &args.out) {
        Ok(mut truth) => {
            if args.libreoffice {
                match tonghop_gen::convert_with_libreoffice(&args.out, &mut truth) {
                    Ok(n) => eprintln!("Đã chuyển {n} báo cáo sang .xls/.ods bằng LibreOffice"),
                    Err(e) => {
                        eprintln!("lỗi: {e}");
                        return ExitCode::from(1);
                    }
                }
            }
            finish(&args.out, &truth_path, &truth)
        }
        Err(e) => {
            eprintln!("lỗi: {e}");
            ExitCode::from(1)
        }
    }
}

/// Writes the truth beside the corpus and the marker inside it.
fn finish(
    out: &std::path::Path,
    truth_path: &std::path::Path,
    truth: &impl serde::Serialize,
) -> ExitCode {
    let json = serde_json::to_string_pretty(truth).unwrap_or_default();
    if let Err(e) = std::fs::write(truth_path, json + "\n") {
        eprintln!("lỗi: không ghi được {}: {e}", truth_path.display());
        return ExitCode::from(1);
    }
    if let Err(e) = std::fs::write(out.join(MARKER), "bộ báo cáo sinh bởi tonghop-gen\n") {
        eprintln!("lỗi: không ghi được {}: {e}", out.join(MARKER).display());
        return ExitCode::from(1);
    }
    eprintln!(
        "Đã ghi bộ báo cáo vào {} và đáp án vào {}",
        out.display(),
        truth_path.display()
    );
    ExitCode::SUCCESS
}

/// The file that marks a folder as written by this generator.
const MARKER: &str = ".tonghop-gen";

/// Empties `out` for a new corpus: only when it is missing, empty, or an
/// earlier corpus of this generator.
fn clear(out: &std::path::Path) -> Result<(), String> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(format!(
            "\"{}\" là một file, không phải thư mục",
            out.display()
        ));
    }
    let empty = std::fs::read_dir(out)
        .map_err(|e| format!("không đọc được \"{}\": {e}", out.display()))?
        .next()
        .is_none();
    if !empty && !out.join(MARKER).exists() {
        return Err(format!(
            "thư mục \"{}\" đã có file mà không phải bộ báo cáo do tonghop-gen sinh ra: không ghi đè\ngợi ý: chọn thư mục trống hoặc chưa có",
            out.display()
        ));
    }
    std::fs::remove_dir_all(out)
        .map_err(|e| format!("không xoá được bộ báo cáo cũ \"{}\": {e}", out.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_earlier_corpus_is_replaced() {
        let dir = std::env::temp_dir().join(format!("tonghop-gen-clear-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("ghi-chu.docx"), "của tôi").unwrap();
        let e = clear(&dir).unwrap_err();
        assert!(e.contains("không ghi đè") && e.contains("gợi ý:"), "{e}");
        assert!(dir.join("ghi-chu.docx").exists());
        std::fs::write(dir.join(MARKER), "").unwrap();
        clear(&dir).unwrap();
        assert!(!dir.exists());
        clear(&dir).unwrap();
    }
}
