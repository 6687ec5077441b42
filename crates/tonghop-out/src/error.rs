//! Why OUT cannot be used or written, in Vietnamese, with what to do.

use std::fmt;
use std::path::{Path, PathBuf};
pub use tonghop_core::io_reason;

/// Why the outputs cannot be written where asked.
#[derive(Debug)]
pub enum OutError {
    /// OUT is a file.
    IsFile(PathBuf),
    /// OUT is INPUTS.
    SameAsInputs(PathBuf),
    /// OUT lies inside INPUTS.
    InsideInputs {
        /// OUT as given.
        out: PathBuf,
        /// INPUTS as given.
        inputs: PathBuf,
    },
    /// INPUTS lies inside OUT.
    ContainsInputs {
        /// OUT as given.
        out: PathBuf,
        /// INPUTS as given.
        inputs: PathBuf,
    },
    /// OUT holds files that are not tonghop's.
    Foreign {
        /// OUT as given.
        out: PathBuf,
        /// A few of the names found.
        examples: Vec<String>,
        /// How many more.
        more: usize,
    },
    /// The system refused an operation.
    Io {
        /// What was being done (Vietnamese verb phrase: `ghi`, `tạo thư mục`).
        action: String,
        /// On what.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
}

impl OutError {
    /// A system error while doing `action` on `path`.
    #[must_use]
    pub fn io(action: &str, path: &Path, source: std::io::Error) -> OutError {
        OutError::Io {
            action: action.to_owned(),
            path: path.to_path_buf(),
            source,
        }
    }
}

impl fmt::Display for OutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutError::IsFile(p) => write!(
                f,
                "\"{}\" là một file, không phải thư mục: không ghi kết quả vào đó (file được giữ nguyên)\n\
                 gợi ý: chọn một thư mục khác, ví dụ --out ket-qua",
                p.display()
            ),
            OutError::SameAsInputs(p) => write!(
                f,
                "thư mục kết quả \"{}\" chính là thư mục đầu vào: ghi vào đó sẽ lẫn hoặc mất các báo cáo\n\
                 gợi ý: chọn thư mục khác, ví dụ --out ket-qua",
                p.display()
            ),
            OutError::InsideInputs { out, inputs } => write!(
                f,
                "thư mục kết quả \"{}\" nằm trong thư mục đầu vào \"{}\": lần chạy sau sẽ đọc cả kết quả như một báo cáo\n\
                 gợi ý: chọn thư mục nằm ngoài \"{}\"",
                out.display(),
                inputs.display(),
                inputs.display()
            ),
            OutError::ContainsInputs { out, inputs } => write!(
                f,
                "thư mục kết quả \"{}\" chứa thư mục đầu vào \"{}\": không ghi kết quả vào đó để không động đến các báo cáo\n\
                 gợi ý: chọn một thư mục riêng cho kết quả, ví dụ --out ket-qua",
                out.display(),
                inputs.display()
            ),
            OutError::Foreign { out, examples, more } => {
                let names = examples
                    .iter()
                    .map(|n| format!("\"{n}\""))
                    .collect::<Vec<_>>()
                    .join(", ");
                let more = if *more > 0 {
                    format!(" và {more} mục khác")
                } else {
                    String::new()
                };
                write!(
                    f,
                    "thư mục \"{}\" đã có file không phải của tonghop ({names}{more}): không ghi kết quả vào đó để không ghi đè lên file của người dùng\n\
                     gợi ý: chọn thư mục trống hoặc chưa có, ví dụ --out ket-qua; thư mục kết quả của tonghop được nhận ra nhờ thư mục con .tonghop",
                    out.display()
                )
            }
            OutError::Io {
                action,
                path,
                source,
            } => write!(
                f,
                "không {action} được \"{}\": {}",
                path.display(),
                io_reason(source)
            ),
        }
    }
}

impl std::error::Error for OutError {}
