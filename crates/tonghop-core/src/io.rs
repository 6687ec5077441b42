//! System errors said in Vietnamese (no I/O here: only the words).

use std::io::ErrorKind;

/// A system error in Vietnamese: what happened and what to do.
#[must_use]
pub fn io_reason(e: &std::io::Error) -> String {
    let (what, hint) = match e.kind() {
        ErrorKind::StorageFull => ("ổ đĩa đã đầy", "giải phóng chỗ trống trên ổ đĩa rồi chạy lại"),
        ErrorKind::QuotaExceeded => ("đã hết hạn mức dung lượng", "xoá bớt file hoặc ghi sang ổ khác"),
        ErrorKind::PermissionDenied => (
            "không có quyền (hoặc file đang mở trong chương trình khác)",
            "đóng file nếu đang mở trong Excel/Word, kiểm tra quyền của thư mục hoặc chọn thư mục khác",
        ),
        ErrorKind::ReadOnlyFilesystem => ("ổ đĩa chỉ cho đọc", "chọn một thư mục trên ổ ghi được"),
        ErrorKind::NotFound => ("không tồn tại", "kiểm tra lại đường dẫn"),
        ErrorKind::AlreadyExists => ("đã có sẵn", "chọn tên khác"),
        ErrorKind::IsADirectory => ("là thư mục, không phải file", "chỉ đường dẫn tới một file"),
        ErrorKind::NotADirectory => ("một phần của đường dẫn là file, không phải thư mục", "kiểm tra lại đường dẫn"),
        ErrorKind::DirectoryNotEmpty => ("thư mục không trống", "chọn thư mục khác"),
        ErrorKind::InvalidFilename => ("tên không hợp lệ hoặc quá dài", "đặt tên ngắn hơn, không có ký tự đặc biệt"),
        ErrorKind::FileTooLarge => ("file quá lớn", "chọn ổ đĩa khác"),
        ErrorKind::CrossesDevices => ("không chuyển được giữa hai ổ đĩa", "chọn thư mục trên cùng ổ đĩa"),
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => (
            "đang được chương trình khác dùng",
            "đóng chương trình đang mở file đó rồi chạy lại",
        ),
        ErrorKind::TimedOut | ErrorKind::Interrupted => ("bị gián đoạn", "chạy lại"),
        ErrorKind::InvalidData | ErrorKind::UnexpectedEof => ("dữ liệu hỏng hoặc không trọn vẹn", "kiểm tra lại file"),
        _ => ("lỗi của hệ thống", "kiểm tra ổ đĩa và quyền của thư mục rồi chạy lại"),
    };
    match e.raw_os_error() {
        Some(code) => format!("{what} (mã lỗi hệ thống {code}); {hint}"),
        None => format!("{what}; {hint}"),
    }
}

/// The system error a library's message carries (`… (os error 28)`), in
/// words: for libraries that turn an I/O error into text of their own.
#[must_use]
pub fn io_reason_in(text: &str) -> Option<String> {
    let at = text.find("os error ")? + "os error ".len();
    let code: i32 = text[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()?;
    Some(io_reason(&std::io::Error::from_raw_os_error(code)))
}
