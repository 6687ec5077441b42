//! Why a workbook could not be read, in words an analyst can act on (the
//! readers' own errors are English and technical).

use calamine::{Error, OdsError, XlsError, XlsxError};

/// A damaged or incomplete file, the commonest case: a download or an e-mail
/// attachment cut short, or a file saved by a tool that writes it wrongly.
const DAMAGED: &str =
    "nội dung file bị hỏng hoặc không trọn vẹn (có thể tải về chưa xong hay bị lỗi khi gửi)";
const PASSWORD: &str = "file có đặt mật khẩu";

/// The reason a workbook could not be opened or read.
pub(crate) fn workbook(e: &Error) -> String {
    match e {
        Error::Io(io) => tonghop_core::io_reason(io),
        Error::Xlsx(x) => xlsx(x),
        Error::Xls(x) => xls(x),
        Error::Ods(x) => ods(x),
        Error::Xlsb(_) => format!("file .xlsb: {DAMAGED}"),
        Error::Msg(_) | Error::Vba(_) | Error::De(_) => DAMAGED.to_owned(),
    }
}

/// The reason an .xlsx/.xlsm could not be read.
pub(crate) fn xlsx(e: &XlsxError) -> String {
    match e {
        XlsxError::Io(io) => tonghop_core::io_reason(io),
        XlsxError::Password => PASSWORD.to_owned(),
        XlsxError::Zip(_) => {
            "không phải file Excel .xlsx hợp lệ: file hỏng, chưa tải về trọn vẹn, hoặc là loại file khác mang đuôi .xlsx".to_owned()
        }
        XlsxError::FileNotFound(part) => {
            format!("file thiếu phần \"{part}\" mà file Excel nào cũng có (không phải file Excel chuẩn)")
        }
        _ => DAMAGED.to_owned(),
    }
}

fn xls(e: &XlsError) -> String {
    match e {
        XlsError::Io(io) => tonghop_core::io_reason(io),
        XlsError::Password => PASSWORD.to_owned(),
        XlsError::Cfb(_) => {
            "không phải file Excel 97-2003 (.xls) hợp lệ: file hỏng, hoặc là loại file khác mang đuôi .xls".to_owned()
        }
        _ => DAMAGED.to_owned(),
    }
}

fn ods(e: &OdsError) -> String {
    match e {
        OdsError::Io(io) => tonghop_core::io_reason(io),
        OdsError::Password => PASSWORD.to_owned(),
        OdsError::Zip(_) | OdsError::InvalidMime(_) => {
            "không phải file bảng tính .ods hợp lệ: file hỏng, hoặc là loại file khác mang đuôi .ods".to_owned()
        }
        _ => DAMAGED.to_owned(),
    }
}
