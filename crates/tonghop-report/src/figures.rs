//! `so-lieu.md`: the sentences a report writer pastes, in the register of the
//! seed report, every figure computed from the data.

use crate::Report;
use std::fmt::Write;
use tonghop_reconcile::{Bridge, PeriodSummary, Terms};

pub use tonghop_text::format_int;

fn level(p: &PeriodSummary, subject_models: bool, code: &str) -> u64 {
    let c = if subject_models {
        &p.models
    } else {
        &p.exemplars
    };
    c.by_level.get(code).copied().unwrap_or(0)
}

/// The whole `so-lieu.md`.
#[must_use]
pub fn sentences(report: &Report) -> String {
    let s = report.summary();
    let mut md = String::from("# Số liệu tổng hợp mô hình, điển hình tiên tiến\n\n");
    md.push_str("_Các câu dưới đây được sinh từ số liệu các báo cáo đã đọc; có thể dán thẳng vào báo cáo sơ kết, tổng kết._\n\n");
    // Mistakes of the reference workbook that make the figures wrong come
    // before any figure: the sentences below are not to be pasted until mended.
    let wrong: Vec<&tonghop_core::Finding> = report
        .findings
        .iter()
        .filter(|f| {
            f.code == tonghop_core::FindingCode::ReferenceInvalid
                && f.severity == tonghop_core::Severity::Error
        })
        .collect();
    if !wrong.is_empty() {
        let _ = writeln!(
            md,
            "> **Cần sửa trước khi dùng số liệu:** {} có {} lỗi làm sai số liệu bên dưới (xem sheet *Cảnh báo* của tong-hop.xlsx):\n>",
            wrong[0].file,
            wrong.len()
        );
        for f in &wrong {
            let _ = writeln!(md, "> - {}", f.message);
        }
        md.push('\n');
    }
    for p in &s.periods {
        let _ = writeln!(md, "## {}\n", p.name);
        let _ = writeln!(
            md,
            "Đến nay có {} mô hình tập thể và {} điển hình tiên tiến cá nhân đăng ký, trong đó có {} mô hình và {} điển hình tiên tiến lựa chọn đăng ký cấp tỉnh; {} mô hình và {} điển hình tiên tiến đăng ký cấp Khối; {} mô hình và {} điển hình tiên tiến đăng ký cấp cơ sở{}.\n",
            format_int(p.models.total),
            format_int(p.exemplars.total),
            format_int(level(p, true, "tinh")),
            format_int(level(p, false, "tinh")),
            format_int(level(p, true, "khoi")),
            format_int(level(p, false, "khoi")),
            format_int(level(p, true, "co_so")),
            format_int(level(p, false, "co_so")),
            {
                let m = level(p, true, "khong_ro");
                let e = level(p, false, "khong_ro");
                if m + e > 0 {
                    format!("; {} mô hình và {} điển hình chưa rõ cấp đăng ký", format_int(m), format_int(e))
                } else {
                    String::new()
                }
            }
        );
        if let Some(cats) = &p.models.by_category {
            let parts: Vec<String> = report
                .reference
                .categories
                .iter()
                .map(|c| (c.name.as_str(), cats.get(&c.code).copied().unwrap_or(0)))
                .chain(std::iter::once((
                    "Chưa rõ loại",
                    cats.get("khong_ro").copied().unwrap_or(0),
                )))
                .filter(|(_, n)| *n > 0)
                .map(|(name, n)| format!("{name} ({} mô hình)", format_int(n)))
                .collect();
            let sum: u64 = cats.values().sum();
            if !parts.is_empty() {
                let _ = writeln!(
                    md,
                    "Theo loại mô hình: {}; tổng cộng {} mô hình.\n",
                    parts.join("; "),
                    format_int(sum)
                );
            }
        }
        let r = &p.returns;
        if !r.expected.is_empty() {
            let expected: std::collections::HashSet<&String> = r.expected.iter().collect();
            let _ = writeln!(
                md,
                "Có {}/{} đơn vị gửi báo cáo{}{}.\n",
                r.received.iter().filter(|u| expected.contains(u)).count(),
                r.expected.len(),
                if r.late.is_empty() {
                    String::new()
                } else {
                    format!(
                        ", trong đó {} đơn vị gửi muộn ({})",
                        r.late.len(),
                        names(report, &r.late)
                    )
                },
                if r.missing.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; {} đơn vị chưa gửi: {}",
                        r.missing.len(),
                        names(report, &r.missing)
                    )
                }
            );
        }
    }
    if !s.bridges.is_empty() {
        md.push_str("## Biến động giữa các kỳ\n\n");
        for b in &s.bridges {
            let _ = writeln!(md, "{}\n", bridge_sentence(report, b));
        }
    }
    md
}

fn period_name<'a>(report: &'a Report, id: &'a str) -> &'a str {
    report
        .reference
        .periods
        .iter()
        .find(|p| p.id == id)
        .map_or(id, |p| p.name.as_str())
}

fn names(report: &Report, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| {
            report
                .reference
                .unit(c)
                .map_or(c.as_str(), |u| u.name.as_str())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn bridge_sentence(report: &Report, b: &Bridge) -> String {
    let what = if b.subject == "models" {
        "mô hình"
    } else {
        "điển hình tiên tiến"
    };
    let whole = Terms {
        opening: b.opening,
        added: b.added,
        removed: b.removed,
        transferred_out: b.transferred_out,
        not_reported: b.not_reported,
        unexplained: b.unexplained,
        closing: b.closing,
        ..Terms::default()
    };
    let mut sentence = format!(
        "Từ {} ({} {what}) đến {} ({} {what}): {}.",
        period_name(report, &b.from),
        format_int(b.opening),
        period_name(report, &b.to),
        format_int(b.closing),
        term_words(what, "", &whole)
    );
    // The level the report names (the seed's 20 → 22 → 26 province-level
    // models): its own bridge, with the entities that moved up or down.
    if let Some(t) = b.by_level.get("tinh") {
        if t.opening != t.closing || t.moved_in + t.moved_out > 0 {
            let _ = write!(
                sentence,
                " Riêng cấp tỉnh: {} {} {what} ({}).",
                if t.closing >= t.opening {
                    format!("từ {} lên", format_int(t.opening))
                } else {
                    format!("từ {} xuống", format_int(t.opening))
                },
                format_int(t.closing),
                term_words(what, "cấp tỉnh", t)
            );
        }
    }
    sentence
}

/// A bridge's terms in words, joined by `; ` ("không thay đổi" when none).
/// `level` names the group when the terms are one level's, for the entities
/// that moved into or out of it.
fn term_words(what: &str, level: &str, t: &Terms) -> String {
    // Each term: its count, the words before "N mô hình" and after it.
    let terms = [
        (t.added, "bổ sung ", String::new()),
        (t.moved_in, "", format!(" chuyển từ cấp khác lên {level}")),
        (t.moved_out, "", format!(" chuyển từ {level} sang cấp khác")),
        (
            t.removed,
            "đưa ra khỏi danh sách ",
            " không đảm bảo tiêu chí".to_owned(),
        ),
        (
            t.transferred_out,
            "",
            " của các đơn vị không còn trực thuộc (chuyển về cấp khác)".to_owned(),
        ),
        (
            t.not_reported,
            "",
            " của các đơn vị chưa gửi báo cáo".to_owned(),
        ),
        (
            t.unexplained,
            "",
            " không có trong báo cáo kỳ sau mà không rõ lý do".to_owned(),
        ),
    ];
    let parts: Vec<String> = terms
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, before, after)| format!("{before}{} {what}{after}", format_int(*n)))
        .collect();
    if parts.is_empty() {
        "không thay đổi".to_owned()
    } else {
        parts.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands() {
        assert_eq!(format_int(0), "0");
        assert_eq!(format_int(324), "324");
        assert_eq!(format_int(1234), "1.234");
        assert_eq!(format_int(1_234_567), "1.234.567");
    }
}
