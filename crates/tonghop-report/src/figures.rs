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

/// One ready sentence and where its figures are in `tong-hop.xlsx`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence.
    pub text: String,
    /// The sheet (and the table or row on it) its figures come from.
    pub basis: String,
}

/// The sentences of one period, or of the changes between periods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading (the period's name).
    pub title: String,
    /// Its sentences, in order.
    pub sentences: Vec<Sentence>,
}

/// What `so-lieu.md` and `so-lieu.docx` say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    /// Mistakes of the reference workbook that make the figures wrong, to mend
    /// before any sentence is used: (its file, the messages).
    pub mend_first: Option<(String, Vec<String>)>,
    /// The sections, periods in order, then the changes between them.
    pub sections: Vec<Section>,
}

/// The title of the figures' document.
pub const TITLE: &str = "Số liệu tổng hợp mô hình, điển hình tiên tiến";
/// What the figures are and how to use them.
pub const LEAD: &str =
    "Các câu dưới đây được sinh từ số liệu các báo cáo đã đọc; có thể dán thẳng vào báo cáo sơ kết, tổng kết.";

/// How a period's sentence opens: «Đến nay» for the latest period, «Tính
/// đến ngày …» (its deadline) for an earlier one, which is a past state.
fn as_of(p: &PeriodSummary, latest: bool) -> String {
    if latest {
        return "Đến nay".to_owned();
    }
    match p.deadline.as_deref().and_then(tonghop_core::Date::from_iso) {
        Some(d) => format!("Tính đến ngày {d}"),
        None => format!("Tính đến kỳ {}", p.name),
    }
}

/// The sentences, every figure computed from the data.
#[must_use]
pub fn figures(report: &Report) -> Figures {
    let s = report.summary();
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
    let mend_first = (!wrong.is_empty()).then(|| {
        (
            wrong[0].file.clone(),
            wrong.iter().map(|f| f.message.clone()).collect(),
        )
    });
    let mut sections = Vec::new();
    for (k, p) in s.periods.iter().enumerate() {
        let latest = k + 1 == s.periods.len();
        let mut sentences = Vec::new();
        sentences.push(Sentence {
            text: format!(
                "{} có {} mô hình tập thể và {} điển hình tiên tiến cá nhân đăng ký, trong đó có {} mô hình và {} điển hình tiên tiến lựa chọn đăng ký cấp tỉnh; {} mô hình và {} điển hình tiên tiến đăng ký cấp Khối; {} mô hình và {} điển hình tiên tiến đăng ký cấp cơ sở{}.",
                as_of(p, latest),
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
                        format!(
                            "; {} mô hình và {} điển hình chưa rõ cấp đăng ký",
                            format_int(m),
                            format_int(e)
                        )
                    } else {
                        String::new()
                    }
                }
            ),
            basis: format!(
                "tong-hop.xlsx, sheet \"Tổng hợp\", dòng kỳ \"{}\" (cột mô hình, điển hình theo cấp)",
                p.name
            ),
        });
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
                sentences.push(Sentence {
                    text: format!(
                        "Theo loại mô hình: {}; tổng cộng {} mô hình.",
                        parts.join("; "),
                        format_int(sum)
                    ),
                    basis: format!(
                        "tong-hop.xlsx, sheet \"Tổng hợp\", bảng \"Mô hình theo loại và cấp — {}\" (cột Tổng)",
                        p.name
                    ),
                });
            }
        }
        let r = &p.returns;
        if !r.expected.is_empty() {
            let expected: std::collections::HashSet<&String> = r.expected.iter().collect();
            sentences.push(Sentence {
                text: format!(
                    "Có {}/{} đơn vị gửi báo cáo{}{}.",
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
                ),
                basis: format!(
                    "tong-hop.xlsx, sheet \"Tỷ lệ báo cáo\", kỳ \"{}\"; từng đơn vị ở sheet \"Theo đơn vị\"",
                    p.name
                ),
            });
        }
        sentences.extend(commendation_sentences(report, p));
        sections.push(Section {
            title: p.name.clone(),
            sentences,
        });
    }
    if !s.bridges.is_empty() {
        sections.push(Section {
            title: "Biến động giữa các kỳ".to_owned(),
            sentences: s
                .bridges
                .iter()
                .map(|b| Sentence {
                    text: bridge_sentence(report, b),
                    basis: "tong-hop.xlsx, sheet \"Đối chiếu\" (từng khoản); danh sách đứng sau mỗi khoản ở sheet \"Biến động chi tiết\"".to_owned(),
                })
                .collect(),
        });
    }
    Figures {
        mend_first,
        sections,
    }
}

/// The funnel of a period in the seed report's words («… đã có 54 tập thể
/// và 69 cá nhân được tuyên dương, khen thưởng; đề nghị khen thưởng 23 tập
/// thể và 29 cá nhân …»), when its returns write any stage; and, for the
/// period judged, who meets the criteria.
fn commendation_sentences(report: &Report, p: &PeriodSummary) -> Vec<Sentence> {
    let c = &report.summary().commendation;
    let of = |plural: &str| {
        c.funnel
            .iter()
            .find(|f| f.period == p.id && f.subject == plural)
            .map(|f| &f.total)
    };
    let (Some(m), Some(e)) = (of("models"), of("exemplars")) else {
        return Vec::new();
    };
    let pair = |a: u64, b: u64| format!("{} tập thể và {} cá nhân", format_int(a), format_int(b));
    let mut out = Vec::new();
    if m.honoured + e.honoured > 0 {
        let mut text = format!(
            "Qua tổng hợp, đã có {} được tuyên dương, khen thưởng",
            pair(m.honoured, e.honoured)
        );
        if m.proposed + e.proposed > 0 {
            let _ = write!(
                text,
                "; đề nghị khen thưởng {}",
                pair(m.proposed, e.proposed)
            );
        }
        if m.awarded + e.awarded > 0 {
            let _ = write!(
                text,
                "; khen thưởng cấp Khối {}",
                pair(m.awarded, e.awarded)
            );
        }
        if m.proposed_above + e.proposed_above > 0 {
            let _ = write!(
                text,
                "; đồng thời đề nghị cấp trên khen thưởng {}",
                pair(m.proposed_above, e.proposed_above)
            );
        }
        text.push('.');
        out.push(Sentence {
            text,
            basis: format!(
                "tong-hop.xlsx, sheet \"Tổng hợp\", bảng \"Tuyên dương, khen thưởng — {}\"",
                p.name
            ),
        });
    }
    let el = &c.eligibility;
    let judged = el.individuals.candidates + el.collectives.candidates;
    if el.period == p.id && judged > 0 {
        let window = match (el.from_year, el.to_year) {
            (Some(a), Some(b)) if a < b => format!(" giai đoạn {a}–{b}"),
            (Some(a), _) => format!(" năm {a}"),
            _ => String::new(),
        };
        let mut text = format!(
            "Theo tiêu chuẩn xếp loại hằng năm{window}, {} trên {} cá nhân và {} trên {} tập thể được xét đủ tiêu chuẩn khen thưởng",
            format_int(el.individuals.eligible),
            format_int(el.individuals.candidates),
            format_int(el.collectives.eligible),
            format_int(el.collectives.candidates),
        );
        let not = el.individuals.not_eligible + el.collectives.not_eligible;
        let undecided = el.individuals.undecidable + el.collectives.undecidable;
        if not > 0 {
            let _ = write!(text, "; {} không đủ tiêu chuẩn", format_int(not));
        }
        if undecided > 0 {
            let _ = write!(
                text,
                "; {} chưa đủ căn cứ (thiếu xếp loại)",
                format_int(undecided)
            );
        }
        text.push('.');
        out.push(Sentence {
            text,
            basis: "tong-hop.xlsx, sheet \"Xét khen thưởng\" (từng cá nhân, tập thể và lý do)"
                .to_owned(),
        });
    }
    out
}

/// The whole `so-lieu.md`.
#[must_use]
pub fn sentences(report: &Report) -> String {
    let f = figures(report);
    let mut md = format!("# {TITLE}\n\n_{LEAD}_\n\n");
    if let Some((file, wrong)) = &f.mend_first {
        let _ = writeln!(
            md,
            "> **Cần sửa trước khi dùng số liệu:** {file} có {} lỗi làm sai số liệu bên dưới (xem sheet *Cảnh báo* của tong-hop.xlsx):\n>",
            wrong.len()
        );
        for m in wrong {
            let _ = writeln!(md, "> - {m}");
        }
        md.push('\n');
    }
    for section in &f.sections {
        let _ = writeln!(md, "## {}\n", section.title);
        for s in &section.sentences {
            let _ = writeln!(md, "{}\n", s.text);
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
