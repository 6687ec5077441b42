//! *Yêu cầu bổ sung*: each replacement obligation of `danh-muc.xlsx`, met
//! or short by how many, with the new entities that meet it (written only
//! when the sheet has obligations).

use super::cells::V;
use super::list::{self, List};
use super::Book;
use rust_xlsxwriter::XlsxError;
use tonghop_core::Level;

pub(super) const NAME: &str = "Yêu cầu bổ sung";

const HEADERS: [&str; 10] = [
    "Đơn vị",
    "Đối tượng",
    "Cấp",
    "Loại mô hình",
    "Số lượng yêu cầu",
    "Kỳ",
    "Đã có",
    "Còn thiếu",
    "Mô hình, điển hình mới đáp ứng",
    "Căn cứ",
];

pub(super) fn write(book: &mut Book) -> Result<(), XlsxError> {
    let (summary, names) = (book.summary(), book.names);
    let all = &summary.commendation.obligations;
    if all.is_empty() {
        return Ok(());
    }
    let rows = all
        .iter()
        .map(|o| {
            let found = o.entities.len() as u64;
            vec![
                names.unit(&o.unit).into(),
                super::subject_label(o.subject).into(),
                o.level
                    .as_deref()
                    .and_then(Level::from_code)
                    .map_or(V::from("Mọi cấp"), |l| l.label().into()),
                o.category
                    .as_deref()
                    .map_or(V::from("Mọi loại"), |c| names.category(c).into()),
                u64::from(o.count).into(),
                names.period(&o.period).into(),
                found.into(),
                if o.due {
                    V::from(u64::from(o.short))
                } else {
                    "chưa đến kỳ".into()
                },
                o.names.join("; ").into(),
                o.basis.as_str().into(),
            ]
        })
        .collect();
    let short = all.iter().filter(|o| o.due && o.short > 0).count();
    let title = format!(
        "YÊU CẦU BỔ SUNG, THAY THẾ MÔ HÌNH, ĐIỂN HÌNH: {} yêu cầu, {short} chưa đủ",
        all.len()
    );
    let mut list = List::new(NAME, &title, &HEADERS);
    list.wide = &[8];
    list::add(book, &list, rows)?;
    Ok(())
}
