//! *Theo đơn vị*: each unit in each period — expected, sent, late, its
//! counts by level and how many findings it has.

use super::cells::V;
use super::list::{self, List};
use super::Book;
use rust_xlsxwriter::XlsxError;
use std::collections::BTreeMap;

pub(super) fn write(book: &mut Book) -> Result<(), XlsxError> {
    let (report, names) = (book.report, book.names);
    let mut findings_by_unit: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    for x in report.findings {
        *findings_by_unit
            .entry((x.period.as_str(), x.unit.as_str()))
            .or_default() += 1;
    }
    let rows = report
        .reconciled
        .units
        .iter()
        .map(|u| {
            let lv =
                |m: &BTreeMap<String, u64>, c: &str| -> V { m.get(c).copied().unwrap_or(0).into() };
            vec![
                names.period(&u.period).into(),
                u.unit.as_str().into(),
                u.name.as_str().into(),
                u.kind.as_str().into(),
                (if u.expected { "Có" } else { "Không" }).into(),
                (if u.received {
                    "Đã gửi"
                } else {
                    "Chưa gửi"
                })
                .into(),
                u.days_late.map_or(V::Blank, V::from),
                lv(&u.models, "tinh"),
                lv(&u.models, "khoi"),
                lv(&u.models, "co_so"),
                u.models.values().sum::<u64>().into(),
                lv(&u.exemplars, "tinh"),
                lv(&u.exemplars, "khoi"),
                lv(&u.exemplars, "co_so"),
                u.exemplars.values().sum::<u64>().into(),
                findings_by_unit
                    .get(&(u.period.as_str(), u.unit.as_str()))
                    .copied()
                    .unwrap_or(0)
                    .into(),
            ]
        })
        .collect();
    let list = List::new(
        "Theo đơn vị",
        "TÌNH HÌNH BÁO CÁO VÀ SỐ LIỆU THEO ĐƠN VỊ",
        &[
            "Kỳ",
            "Mã đơn vị",
            "Tên đơn vị",
            "Loại đơn vị",
            "Phải báo cáo",
            "Báo cáo",
            "Muộn (ngày)",
            "MH tỉnh",
            "MH Khối",
            "MH cơ sở",
            "Tổng MH",
            "ĐH tỉnh",
            "ĐH Khối",
            "ĐH cơ sở",
            "Tổng ĐH",
            "Số cảnh báo",
        ],
    );
    list::add(book, &list, rows)?;
    Ok(())
}
