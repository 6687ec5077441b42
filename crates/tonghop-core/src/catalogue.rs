//! The catalogue of findings: every code with its severity, when it is
//! raised and what the user should do, and every message a stage writes, as
//! a template whose `{name}` placeholders the stage fills. Stages emit
//! through [`finding!`](crate::finding), which looks the template up and
//! checks its placeholders **at compile time**; the campaign's `Quy tắc`
//! sheet may then change any code's severity and message, with the same
//! placeholders.

use crate::finding::Severity;
use serde::Serialize;

macro_rules! codes {
    ($($variant:ident => $code:literal, $sev:ident, $when:literal, $todo:literal;)*) => {
        /// Finding codes of CONTRACT.md, plus the project's own.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[allow(missing_docs)]
        pub enum FindingCode { $($variant,)* }

        impl FindingCode {
            /// The code as written in `findings.csv`.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $(FindingCode::$variant => $code,)* }
            }
            /// The severity the contract gives it.
            #[must_use]
            pub fn severity(self) -> Severity {
                match self { $(FindingCode::$variant => Severity::$sev,)* }
            }
            /// When the finding is raised, in Vietnamese.
            #[must_use]
            pub fn when(self) -> &'static str {
                match self { $(FindingCode::$variant => $when,)* }
            }
            /// What the user should do about it, in Vietnamese.
            #[must_use]
            pub fn advice(self) -> &'static str {
                match self { $(FindingCode::$variant => $todo,)* }
            }
            /// Every code, in the catalogue's order.
            pub const ALL: &'static [FindingCode] = &[$(FindingCode::$variant,)*];
            /// The code written as in `findings.csv` (case aside).
            #[must_use]
            pub fn from_code(text: &str) -> Option<FindingCode> {
                let t = text.trim();
                Self::ALL.iter().copied().find(|c| c.as_str().eq_ignore_ascii_case(t))
            }
        }
    };
}

codes! {
    FileUnreadable => "FILE_UNREADABLE", Error,
        "file hỏng, có mật khẩu, không đọc được",
        "đề nghị đơn vị gửi lại file không đặt mật khẩu, lưu dạng .xlsx";
    FileUnsupported => "FILE_UNSUPPORTED", Info,
        "file trong thư mục kỳ không phải bảng tính hay văn bản Word .docx (.doc, .pdf: lưu lại thành .docx)",
        "nếu là báo cáo, đề nghị đơn vị gửi lại dạng Excel";
    SheetUnrecognized => "SHEET_UNRECOGNIZED", Info,
        "sheet không có danh sách nhận ra được",
        "nếu sheet có danh sách, ghi dòng tiêu đề cột (\"Tên mô hình\", \"Họ và tên\") ngay trên danh sách";
    UnitUnknown => "UNIT_UNKNOWN", Warning,
        "đơn vị của báo cáo không có trong danh mục",
        "bổ sung tên gọi khác của đơn vị vào sheet \"Đơn vị\" của danh-muc.xlsx, hoặc sửa tên file";
    ReturnMissing => "RETURN_MISSING", Warning,
        "đơn vị phải nộp mà chưa nộp",
        "đôn đốc đơn vị gửi báo cáo";
    ReturnLate => "RETURN_LATE", Warning,
        "ngày văn bản sau hạn nộp",
        "kiểm tra ngày ký; nếu đúng, ghi nhận đơn vị nộp muộn";
    ReturnSuperseded => "RETURN_SUPERSEDED", Info,
        "file cũ hơn của cùng đơn vị, cùng kỳ, không tính",
        "không cần làm gì nếu bản mới hơn là bản đúng; nếu không, bỏ bản mới hơn ra khỏi thư mục kỳ";
    DateUnknown => "DATE_UNKNOWN", Info,
        "không có dòng ngày tháng; nêu ngày đã dùng thay",
        "đề nghị đơn vị ghi ngày ký (\"…, ngày … tháng … năm …\") trên báo cáo";
    TotalMismatch => "TOTAL_MISMATCH", Error,
        "số tổng ghi khác số dòng đếm được",
        "đề nghị đơn vị kiểm tra lại dòng tổng hoặc danh sách";
    DuplicateMerged => "DUPLICATE_MERGED", Info,
        "mục trùng nhau (sau chuẩn hoá) đã gộp",
        "không cần làm gì; nếu là hai mục khác nhau, ghi quyết định Không gộp vào quyet-dinh.xlsx";
    PossibleDuplicate => "POSSIBLE_DUPLICATE", Warning,
        "mục gần giống nhau, để riêng chờ xem",
        "xem hai dòng; nếu là một, ghi quyết định Gộp vào quyet-dinh.xlsx";
    CategoryUnknown => "CATEGORY_UNKNOWN", Warning,
        "không rõ loại mô hình",
        "đề nghị đơn vị ghi rõ lĩnh vực, hoặc thêm cách viết đó vào sheet Từ điển của danh-muc.xlsx";
    CategoryAmbiguous => "CATEGORY_AMBIGUOUS", Warning,
        "loại mô hình khớp nhiều loại",
        "đề nghị đơn vị ghi rõ một loại, hoặc ghi quyết định Sửa loại";
    CategoryInferred => "CATEGORY_INFERRED", Info,
        "không ghi lĩnh vực; loại mô hình suy ra từ tên (chỉ khi tên chỉ một loại)",
        "xem lại loại đã suy ra; nếu sai, ghi quyết định Sửa loại";
    ColumnRoleConflict => "COLUMN_ROLE_CONFLICT", Warning,
        "tiêu đề cột nói một vai trò mà nội dung nói vai trò khác (một cột *Kết quả công nhận* ghi toàn cấp): đọc theo nội dung; hoặc hai cột cùng vai trò, điểm gần nhau (*Cấp* và *Cấp công nhận*): đọc cột đầu, giữ cột kia riêng",
        "xem lại cột; nếu đọc sai, sửa tiêu đề cột cho rõ";
    LevelUnknown => "LEVEL_UNKNOWN", Warning,
        "không rõ cấp đăng ký",
        "đề nghị đơn vị ghi rõ Tỉnh, Khối hoặc Cơ sở, hoặc ghi quyết định Sửa cấp";
    FieldMissing => "FIELD_MISSING", Warning,
        "thiếu tên",
        "đề nghị đơn vị bổ sung tên mô hình hoặc họ và tên";
    LegacyEncoding => "LEGACY_ENCODING", Info,
        "chữ gõ bằng phông cũ TCVN3 hay VNI đã được chuyển sang Unicode",
        "kiểm tra lại tên riêng trong danh sách";
    TargetShortfall => "TARGET_SHORTFALL", Warning,
        "chưa đạt chỉ tiêu (thiếu bao nhiêu)",
        "đôn đốc đơn vị, hoặc kiểm tra lại chỉ tiêu trong danh-muc.xlsx";
    BridgeUnexplained => "BRIDGE_UNEXPLAINED", Warning,
        "mô hình/điển hình biến mất giữa hai kỳ không rõ lý do",
        "đề nghị đơn vị xác nhận: bỏ sót, hay loại khỏi danh sách (ghi tình trạng)";
    ReferenceInvalid => "REFERENCE_INVALID", Warning,
        "chỗ không dùng được trong danh-muc.xlsx hay quyet-dinh.xlsx (lỗi khi làm sai số liệu)",
        "sửa ô được chỉ rồi chạy lại";
    DecisionApplied => "DECISION_APPLIED", Info,
        "quyết định đã áp dụng",
        "không cần làm gì";
    DecisionUnused => "DECISION_UNUSED", Warning,
        "quyết định không còn khớp mã nào",
        "kiểm tra lại mã trong quyết định, hoặc xoá dòng";
    RuleFailed => "RULE_FAILED", Warning,
        "một quy tắc của sheet *Quy tắc* không đạt",
        "kiểm tra lại số liệu mà quy tắc nêu";
    FileSkipped => "FILE_SKIPPED", Info,
        "file tạm, file khóa, file hệ thống, file ẩn, liên kết không theo, thư mục quá sâu",
        "không cần làm gì nếu file không phải báo cáo";
    FileOutsidePeriod => "FILE_OUTSIDE_PERIOD", Warning,
        "bảng tính ngoài các thư mục kỳ: không đọc, không tính",
        "chuyển file vào thư mục của kỳ, hoặc sửa cột Thư mục của sheet Kỳ báo cáo";
    ReturnCopy => "RETURN_COPY", Info,
        "file giống hệt file khác cùng kỳ, tính một lần",
        "có thể xoá bớt một bản";
    ReturnUnitInactive => "RETURN_UNIT_INACTIVE", Warning,
        "đơn vị không có trong danh sách vào hạn nộp: không tính",
        "nếu đơn vị vẫn thuộc diện báo cáo, sửa cột Từ ngày, Đến ngày của sheet Đơn vị";
    ReturnOtherPeriod => "RETURN_OTHER_PERIOD", Warning,
        "báo cáo của kỳ khác (bản sao, hoặc ngày ký ngoài khoảng của kỳ): không tính",
        "đề nghị đơn vị gửi báo cáo của kỳ này, hoặc sửa ngày ký nếu ngày sai";
    DateImplausible => "DATE_IMPLAUSIBLE", Warning,
        "ngày sau hôm nay hoặc trước khi đợt bắt đầu: không tính muộn",
        "đề nghị đơn vị kiểm tra lại ngày ký";
    ReturnTimelinessUnknown => "RETURN_TIMELINESS_UNKNOWN", Info,
        "không biết đúng hạn hay muộn (chỉ có ngày sửa file, hoặc để trống ngày)",
        "đề nghị đơn vị ghi ngày ký trên báo cáo";
    CellTruncated => "CELL_TRUNCATED", Info,
        "ô dài hơn Excel chứa được: cắt trong tong-hop.xlsx, nguyên trong parquet",
        "rút gọn nội dung ô; số liệu không đổi";
    ListMissing => "LIST_MISSING", Error,
        "báo cáo nêu số mô hình/điển hình bằng lời nhưng không kèm danh sách: số đó không vào tổng hợp",
        "đề nghị đơn vị gửi danh sách theo mẫu (tên, đơn vị thực hiện, cấp, lĩnh vực)";
    RatingUnreadable => "RATING_UNREADABLE", Warning,
        "ô xếp loại hằng năm không đọc được (không rõ mức hay không rõ năm): năm đó coi như thiếu khi xét khen thưởng",
        "đề nghị đơn vị ghi rõ năm và mức xếp loại (ví dụ 2022: HTXSNV)";
    RatingConflict => "RATING_CONFLICT", Warning,
        "cùng một người, cùng một năm, các báo cáo ghi hai mức xếp loại khác nhau",
        "đề nghị đơn vị xác nhận mức đúng; tonghop dùng báo cáo kỳ sau";
    ProposalIneligible => "PROPOSAL_INELIGIBLE", Warning,
        "cá nhân, tập thể được tuyên dương, đề nghị hay khen thưởng nhưng không đạt tiêu chuẩn xếp loại (hoặc chưa đủ căn cứ để xét)",
        "kiểm tra lại xếp loại từng năm, hoặc rút đề nghị";
    HonourBookIneligible => "HONOUR_BOOK_INELIGIBLE", Warning,
        "người được ghi danh chưa đạt mức xếp loại tối thiểu của sổ ghi danh",
        "kiểm tra lại xếp loại, hoặc không ghi danh";
    ObligationShort => "OBLIGATION_SHORT", Warning,
        "đơn vị được yêu cầu bổ sung, thay thế mô hình/điển hình (sheet Yêu cầu bổ sung) nhưng báo cáo của kỳ được nêu chưa có đủ mô hình/điển hình mới",
        "đôn đốc đơn vị giới thiệu bổ sung, hoặc sửa yêu cầu trong danh-muc.xlsx";
    StageMismatch => "STAGE_MISMATCH", Warning,
        "báo cáo nêu bằng lời số tập thể, cá nhân ở một giai đoạn khen thưởng (tuyên dương, đề nghị, khen thưởng) khác số có trong danh sách của chính báo cáo",
        "đề nghị đơn vị sửa số nêu, hoặc ghi khen thưởng cho từng tên trong danh sách";
    StageExceeds => "STAGE_EXCEEDS", Warning,
        "báo cáo nêu ở một giai đoạn khen thưởng nhiều tập thể, cá nhân hơn giai đoạn trước (đề nghị nhiều hơn số được tuyên dương, tuyên dương nhiều hơn số đăng ký)",
        "kiểm tra lại các số nêu với đơn vị";
}

/// One message of the catalogue: a code, the case it is written in (`""`
/// for a code's only message) and its template.
#[derive(Debug, Clone, Copy)]
pub struct Message {
    /// The code.
    pub code: FindingCode,
    /// The case, for codes raised in several situations.
    pub case: &'static str,
    /// What is wrong and what to do, with `{name}` placeholders.
    pub template: &'static str,
}

const fn m(code: FindingCode, case: &'static str, template: &'static str) -> Message {
    Message {
        code,
        case,
        template,
    }
}

use FindingCode as C;

/// Every message a stage writes.
pub const MESSAGES: &[Message] = &[
    m(
        C::FileUnreadable,
        "",
        "Không đọc được file: {ly_do}. Đề nghị đơn vị gửi lại file (không đặt mật khẩu, lưu dạng .xlsx)",
    ),
    m(
        C::FileUnreadable,
        "van_ban",
        "Không đọc được file: {ly_do}. Đề nghị đơn vị gửi lại file (không đặt mật khẩu, lưu dạng .docx hoặc Excel)",
    ),
    m(
        C::FileUnreadable,
        "sheet_dai",
        "Sheet \"{sheet}\" quá dài; chỉ đọc phần đầu",
    ),
    m(
        C::FileUnsupported,
        "",
        "File \"{ten}\" không phải bảng tính (.xlsx, .xls, .ods) hay văn bản Word (.docx) nên không được đọc; nếu là báo cáo, đề nghị đơn vị gửi lại dạng Excel hoặc Word",
    ),
    m(
        C::FileUnsupported,
        "van_ban",
        "File \"{ten}\" (.{duoi}) chưa đọc được; nếu là báo cáo, mở bằng Word rồi lưu lại thành .docx (hoặc đề nghị đơn vị gửi lại dạng .docx hay Excel)",
    ),
    m(C::FileSkipped, "", "Bỏ qua \"{tep}\": {ly_do}"),
    m(
        C::FileOutsidePeriod,
        "thu_muc",
        "Thư mục \"{ten}\" không phải thư mục của kỳ báo cáo nào (sheet Kỳ báo cáo, cột Thư mục của danh-muc.xlsx, hoặc thư mục con của thư mục đầu vào khi không có danh mục): {so_file} file bảng tính trong đó không được đọc. Nếu là báo cáo của một kỳ, chuyển vào thư mục của kỳ đó hoặc sửa cột Thư mục",
    ),
    m(
        C::FileOutsidePeriod,
        "tep",
        "File \"{ten}\" nằm ngay trong thư mục đầu vào, ngoài các thư mục kỳ báo cáo, nên không được đọc và không được tính; nếu là báo cáo, chuyển vào thư mục của kỳ báo cáo",
    ),
    m(
        C::ListMissing,
        "",
        "Báo cáo nêu {so} {doi_tuong} (\"{chu}\") nhưng không kèm danh sách {doi_tuong} nào nên {so} {doi_tuong} này chưa được tính vào số liệu tổng hợp; đề nghị đơn vị gửi danh sách theo mẫu (tên, đơn vị thực hiện, cấp, lĩnh vực)",
    ),
    m(
        C::SheetUnrecognized,
        "",
        "Sheet \"{sheet}\" không có danh sách mô hình hay điển hình nhận ra được (không thấy dòng tiêu đề cột như \"Tên mô hình\", \"Họ và tên\")",
    ),
    m(
        C::LegacyEncoding,
        "",
        "Sheet \"{sheet}\" được gõ bằng bảng mã {bang_ma} (phông chữ cũ); đã chuyển {so_o} ô sang Unicode trước khi đọc. Nên kiểm tra lại tên riêng trong danh sách",
    ),
    m(
        C::CellTruncated,
        "",
        "Ô {o} dài {so_ky_tu} ký tự, quá giới hạn 32.767 ký tự một ô của Excel: được giữ nguyên trong data/*.parquet nhưng cắt bớt trong tong-hop.xlsx; nên rút gọn nội dung ô này",
    ),
    m(
        C::ColumnRoleConflict,
        "",
        "Cột {cot} (\"{tieu_de}\"): {can_cu}. Nếu không đúng, sửa tiêu đề cột cho rõ",
    ),
    m(
        C::ColumnRoleConflict,
        "hai_cot",
        "Cột {cot} (\"{tieu_de}\", {diem} điểm) và cột {cot_2} (\"{tieu_de_2}\", {diem_2} điểm) cùng có thể là {vai_tro}: đọc cột {cot}, giữ cột {cot_2} như một cột riêng. Nếu không đúng, sửa tiêu đề cột cho rõ",
    ),
    m(
        C::UnitUnknown,
        "",
        "Không xác định được đơn vị gửi báo cáo trong danh mục (đọc được: \"{doc_duoc}\", theo {can_cu}){ung_vien}; bổ sung tên gọi khác vào sheet \"Đơn vị\" của danh-muc.xlsx hoặc sửa tên file",
    ),
    m(
        C::DateUnknown,
        "",
        "Không tìm thấy ngày ký văn bản (dòng \"…, ngày … tháng … năm …\"); tạm dùng {nguon} là {ngay}.{luu_y} Đề nghị đơn vị ghi ngày ký trên báo cáo",
    ),
    m(
        C::DateImplausible,
        "",
        "Ngày văn bản {ngay} ({can_cu}) {ly_do}: không dùng để tính nộp muộn; đề nghị đơn vị kiểm tra lại ngày ký",
    ),
    m(
        C::ReturnTimelinessUnknown,
        "",
        "{ly_do}; không tính vào số báo cáo nộp muộn cũng như đúng hạn",
    ),
    m(
        C::ReturnCopy,
        "",
        "File này giống hệt (từng byte) file \"{ban_goc}\" cùng kỳ: là một bản sao, chỉ tính một lần; có thể xoá bớt một bản",
    ),
    m(
        C::ReturnOtherPeriod,
        "ban_cu",
        "File này giống hệt (từng byte) file \"{ban_goc}\" của kỳ \"{ky_goc}\": đơn vị gửi lại báo cáo cũ, nên không được tính cho kỳ này. Đề nghị đơn vị gửi báo cáo của kỳ này",
    ),
    m(
        C::ReturnOtherPeriod,
        "truoc_ky",
        "Báo cáo ký ngày {ngay} ({can_cu}), trước khi kỳ \"{ky}\" bắt đầu ({bat_dau}){ky_dung}: có thể đơn vị gửi lại báo cáo cũ, nên không được tính cho kỳ này. Nếu đúng là báo cáo kỳ này, đề nghị đơn vị sửa ngày ký",
    ),
    m(
        C::ReturnOtherPeriod,
        "sau_ky",
        "Báo cáo ký ngày {ngay} ({can_cu}), sau cả hạn nộp {han_ky_sau} của kỳ sau \"{ky_sau}\": có thể là báo cáo của kỳ sau để nhầm thư mục, nên không được tính cho kỳ \"{ky}\". Nếu đúng là báo cáo kỳ này, đề nghị đơn vị sửa ngày ký",
    ),
    m(
        C::ReturnSuperseded,
        "",
        "File này (ngày {ngay}) được thay bằng bản mới hơn \"{ban_moi}\" (ngày {ngay_moi}); số liệu của file này không được tính",
    ),
    m(
        C::ReturnUnitInactive,
        "da_roi",
        "{ten_don_vi} đã rời danh sách đơn vị từ ngày {den_ngay} (cột Đến ngày của danh-muc.xlsx), trước hạn nộp {han} của kỳ \"{ky}\": đơn vị không còn phải báo cáo, nên báo cáo này không được tính. Nếu đơn vị vẫn thuộc diện báo cáo, sửa cột Đến ngày rồi chạy lại",
    ),
    m(
        C::ReturnUnitInactive,
        "chua_co",
        "{ten_don_vi} chỉ có trong danh sách đơn vị từ ngày {tu_ngay} (cột Từ ngày của danh-muc.xlsx), sau hạn nộp {han} của kỳ \"{ky}\", nên báo cáo này không được tính cho kỳ này. Nếu đơn vị đã thuộc diện báo cáo, sửa cột Từ ngày rồi chạy lại",
    ),
    m(
        C::FieldMissing,
        "",
        "Dòng {so_dong} có thông tin nhưng thiếu {truong}; dòng này không được tính, đề nghị đơn vị bổ sung",
    ),
    m(
        C::CategoryAmbiguous,
        "",
        "Loại mô hình \"{chu}\" ({can_cu}) khớp nhiều loại: {cac_loai}; đề nghị ghi rõ một loại",
    ),
    m(
        C::CategoryUnknown,
        "",
        "Không xác định được loại mô hình của \"{ten}\" (lĩnh vực ghi: \"{ghi}\"); đề nghị ghi rõ lĩnh vực",
    ),
    m(
        C::CategoryInferred,
        "",
        "\"{ten}\" không ghi lĩnh vực; loại mô hình được suy ra từ tên: \"{loai}\". Nếu sai, đề nghị đơn vị ghi rõ lĩnh vực",
    ),
    m(
        C::LevelUnknown,
        "",
        "Không đọc được cấp đăng ký của \"{ten}\" (ghi: \"{ghi}\"); đề nghị ghi rõ Tỉnh, Khối hoặc Cơ sở",
    ),
    m(
        C::DuplicateMerged,
        "",
        "{ma} được kê {so_lan} lần, đã gộp làm một: {nguon}; các nguồn khác: {nguon_khac}",
    ),
    m(
        C::PossibleDuplicate,
        "",
        "Có thể trùng: \"{ten}\" ({ma}, {nguon}) và \"{ten_2}\" ({ma_2}, {nguon_2}) — {do_giong}. Chưa gộp; nếu là một, ghi quyết định gộp vào quyet-dinh.xlsx",
    ),
    m(
        C::TotalMismatch,
        "",
        "Số {doi_tuong} ghi là {ghi} (\"{chu}\") nhưng danh sách kê {dem} {doi_tuong} đang đăng ký; đề nghị đơn vị kiểm tra lại dòng tổng hoặc danh sách",
    ),
    m(
        C::ReturnMissing,
        "",
        "{don_vi} chưa gửi báo cáo kỳ \"{ky}\"{han_nop}; đề nghị đôn đốc đơn vị",
    ),
    m(
        C::ReturnLate,
        "",
        "Báo cáo ký ngày {ngay}, sau hạn nộp {han} là {so_ngay} ngày ({can_cu})",
    ),
    m(
        C::TargetShortfall,
        "",
        "{ai}: {noi_dung} đạt {dat}/{chi_tieu} theo chỉ tiêu, còn thiếu {thieu}",
    ),
    m(
        C::BridgeUnexplained,
        "",
        "{doi_tuong} \"{ten}\" ({ma}) có trong kỳ \"{ky_truoc}\" nhưng không có trong báo cáo kỳ \"{ky_sau}\" của đơn vị, cũng không ghi là loại khỏi danh sách; đề nghị đơn vị xác nhận",
    ),
    m(
        C::RuleFailed,
        "",
        "Quy tắc {ma} ({ten}) không đạt{pham_vi}: {ve_trai} là {trai}, {ve_phai} là {phai}, trong khi phải có {ve_trai} {so_sanh} {ve_phai}; đề nghị kiểm tra lại số liệu",
    ),
    m(C::ReferenceInvalid, "", "{noi}{chi_tiet}{o}"),
    m(
        C::ReferenceInvalid,
        "quy_tac",
        "Quy tắc dòng {so_dong}: {chi_tiet}; quy tắc này không được kiểm tra",
    ),
    m(
        C::ReferenceInvalid,
        "quyet_dinh_loi_doc",
        "Không đọc được {tep}: {ly_do}; các quyết định trong đó chưa được áp dụng",
    ),
    m(
        C::ReferenceInvalid,
        "quyet_dinh_hong",
        "Không đọc được {tep} (file hỏng hoặc không phải bảng tính); các quyết định trong đó chưa được áp dụng",
    ),
    m(
        C::ReferenceInvalid,
        "quyet_dinh_dong",
        "Quyết định dòng {so_dong} không hiểu được (\"{chu}\", mã \"{ma}\"); ghi một trong: Gộp, Không gộp, Đổi tên, Sửa loại, Sửa cấp, Sửa tình trạng, Đơn vị (kèm tên đơn vị ở cột Giá trị mới), kèm mã",
    ),
    m(
        C::RatingUnreadable,
        "",
        "Xếp loại \"{chu}\" của \"{ten}\" (cột \"{cot}\") không đọc được: {ly_do}; năm đó coi như chưa có xếp loại khi xét khen thưởng. Đề nghị đơn vị ghi rõ năm và mức (ví dụ 2022: HTXSNV)",
    ),
    m(
        C::RatingConflict,
        "",
        "{ten} ({ma}): năm {nam} kỳ \"{ky_truoc}\" ghi {truoc}, kỳ \"{ky_sau}\" ghi {sau}; dùng mức kỳ sau. Đề nghị đơn vị xác nhận",
    ),
    m(
        C::ProposalIneligible,
        "",
        "{doi_tuong} \"{ten}\" ({ma}) được ghi \"{giai_doan}\" nhưng {ket_luan}: {ly_do}",
    ),
    m(
        C::HonourBookIneligible,
        "",
        "\"{ten}\" ({ma}) được ghi danh nhưng {ly_do}",
    ),
    m(
        C::ObligationShort,
        "",
        "{don_vi} được yêu cầu bổ sung {so} {noi_dung}{can_cu} trong báo cáo kỳ \"{ky}\" nhưng mới có {co}{ten}, còn thiếu {thieu}; đề nghị đôn đốc đơn vị",
    ),
    m(
        C::StageMismatch,
        "",
        "Báo cáo ghi {ghi} {doi_tuong} {giai_doan} (\"{chu}\") nhưng danh sách có {dem}{ten}",
    ),
    m(
        C::StageExceeds,
        "",
        "Báo cáo ghi {ghi} {doi_tuong} {giai_doan}, nhiều hơn {truoc} {doi_tuong} {giai_doan_truoc} (\"{chu}\"){ten}",
    ),
    m(
        C::DecisionApplied,
        "",
        "Đã áp dụng quyết định dòng {so_dong}: {noi_dung} ({so_lan} lần)",
    ),
    m(
        C::DecisionUnused,
        "",
        "Quyết định dòng {so_dong} ({noi_dung}) không khớp mã nào trong đợt này; kiểm tra lại mã hoặc xoá dòng",
    ),
];

const fn same(a: &[u8], b: &[u8], from: usize, to: usize) -> bool {
    if a.len() != to - from {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[from + i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The template of a code's message in one case. Called in constant
/// context by [`finding!`](crate::finding), so a case missing from the
/// catalogue does not compile.
///
/// # Panics
/// When the catalogue has no such message.
#[must_use]
pub const fn template(code: FindingCode, case: &str) -> &'static str {
    let mut i = 0;
    while i < MESSAGES.len() {
        let m = &MESSAGES[i];
        let c = case.as_bytes();
        if m.code as usize == code as usize && same(m.case.as_bytes(), c, 0, c.len()) {
            return m.template;
        }
        i += 1;
    }
    panic!("the catalogue has no message of this code in this case");
}

/// Whether every `{name}` of `template` is one of `names`. Called in
/// constant context by [`finding!`](crate::finding), so a message that
/// leaves a placeholder unfilled does not compile.
///
/// # Panics
/// When a placeholder is not given.
#[must_use]
pub const fn fills(template: &str, names: &[&str]) -> bool {
    let b = template.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'{' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'}' {
                j += 1;
            }
            let mut k = 0;
            let mut found = false;
            while k < names.len() {
                if same(names[k].as_bytes(), b, i + 1, j) {
                    found = true;
                }
                k += 1;
            }
            assert!(found, "a placeholder of the message is not given");
            i = j;
        }
        i += 1;
    }
    true
}

/// The placeholders of a template, in order, each once.
#[must_use]
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let key = &after[..close];
        if !out.contains(&key) {
            out.push(key);
        }
        rest = &after[close + 1..];
    }
    out
}

/// The catalogue as the Markdown table of `docs/dau-vao-dau-ra.md`: code,
/// severity, when, what to do, and the placeholders its messages fill (the
/// ones a `Quy tắc` message may use besides the finding's place).
#[must_use]
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| mã | mức độ | khi nào | làm gì | chỗ trống của câu thông báo |\n|---|---|---|---|---|\n",
    );
    for code in FindingCode::ALL {
        let mut names: Vec<&str> = Vec::new();
        for m in MESSAGES.iter().filter(|m| m.code == *code) {
            for p in placeholders(m.template) {
                if !names.contains(&p) {
                    names.push(p);
                }
            }
        }
        let names = names
            .iter()
            .map(|n| format!("`{{{n}}}`"))
            .collect::<Vec<_>>()
            .join(" ");
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            code.as_str(),
            code.severity().label().to_lowercase(),
            code.when(),
            code.advice(),
            names
        ));
    }
    out
}

/// Fills `{name}` placeholders; unknown ones stay as written.
#[must_use]
pub fn render(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let key = &after[..close];
                match values.iter().find(|(k, _)| *k == key) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(key);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A finding of the catalogue: `finding!(Code, k = v, …)` for a code's only
/// message, `finding!(Code, "case", k = v, …)` for one of several. The
/// template is looked up and its placeholders checked at compile time; the
/// values (anything `Display`) are kept on the finding, so a `Quy tắc`
/// override may use them too.
///
/// ```
/// let f = tonghop_core::finding!(FileOutsidePeriod, "tep", ten = "a.xlsx");
/// assert!(f.message.starts_with("File \"a.xlsx\""));
/// ```
/// A placeholder left unfilled does not compile:
/// ```compile_fail
/// let f = tonghop_core::finding!(FileOutsidePeriod, "tep");
/// ```
/// nor does a case the catalogue does not have:
/// ```compile_fail
/// let f = tonghop_core::finding!(FileOutsidePeriod, "thu-muc-khac", ten = "a");
/// ```
#[macro_export]
macro_rules! finding {
    ($code:ident, $case:literal $(, $k:ident = $v:expr)* $(,)?) => {{
        const TEMPLATE: &str = $crate::catalogue::template($crate::FindingCode::$code, $case);
        const _: bool = $crate::catalogue::fills(TEMPLATE, &[$(stringify!($k)),*]);
        $crate::Finding::of(
            $crate::FindingCode::$code,
            TEMPLATE,
            vec![$((stringify!($k), ::std::string::ToString::to_string(&$v))),*],
        )
    }};
    ($code:ident $(, $k:ident = $v:expr)* $(,)?) => {
        $crate::finding!($code, "" $(, $k = $v)*)
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_message_and_every_message_is_told_apart() {
        for code in FindingCode::ALL {
            assert!(
                MESSAGES.iter().any(|m| m.code == *code),
                "{} has no message",
                code.as_str()
            );
            assert!(!code.when().is_empty() && !code.advice().is_empty());
        }
        for (i, a) in MESSAGES.iter().enumerate() {
            for b in &MESSAGES[i + 1..] {
                assert!(
                    !(a.code == b.code && a.case == b.case),
                    "{} \"{}\" twice",
                    a.code.as_str(),
                    a.case
                );
            }
        }
    }

    #[test]
    fn a_finding_is_written_from_its_template_and_keeps_its_values() {
        let f = crate::finding!(
            ReturnLate,
            ngay = "20/10/2022",
            han = "15/10/2022",
            so_ngay = 5,
            can_cu = "dòng ngày"
        );
        assert_eq!(
            f.message,
            "Báo cáo ký ngày 20/10/2022, sau hạn nộp 15/10/2022 là 5 ngày (dòng ngày)"
        );
        assert_eq!(f.severity, Severity::Warning);
        assert!(f.fields.contains(&("so_ngay", "5".to_owned())));
        let g = crate::finding!(FileOutsidePeriod, "tep", ten = "a.xlsx");
        assert!(g.message.starts_with("File \"a.xlsx\" nằm ngay"));
    }

    #[test]
    fn the_documentation_shows_the_catalogue() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/dau-vao-dau-ra.md");
        let docs = std::fs::read_to_string(path).unwrap();
        let table = markdown_table();
        assert!(
            docs.contains(&table),
            "docs/dau-vao-dau-ra.md should hold the catalogue's table:\n{table}"
        );
    }

    /// Every stage writes its findings from the catalogue: no message is
    /// written by hand outside tests.
    #[test]
    fn no_stage_writes_a_message_by_hand() {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    if p.file_name().is_some_and(|n| n != "tests" && n != "target") {
                        walk(&p, out);
                    }
                } else if p.extension().is_some_and(|x| x == "rs")
                    && p.file_name().is_some_and(|n| n != "tests.rs")
                {
                    out.push(p);
                }
            }
        }
        let crates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        walk(&crates, &mut files);
        assert!(files.len() > 20, "{}", files.len());
        let mut by_hand = Vec::new();
        for p in files {
            let text = std::fs::read_to_string(&p).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            for (n, line) in code.lines().enumerate() {
                let line = line.trim_start();
                if line.contains("Finding::new(")
                    && !line.starts_with("//")
                    && !p.ends_with("tonghop-core/src/finding.rs")
                {
                    by_hand.push(format!("{}:{}", p.display(), n + 1));
                }
            }
        }
        assert!(by_hand.is_empty(), "findings written by hand: {by_hand:?}");
    }

    #[test]
    fn placeholders_are_listed_once_in_order() {
        assert_eq!(
            placeholders(template(FindingCode::TotalMismatch, "")),
            ["doi_tuong", "ghi", "chu", "dem"]
        );
        assert_eq!(render("{a} và {b}", &[("a", "1".into())]), "1 và {b}");
    }
}
