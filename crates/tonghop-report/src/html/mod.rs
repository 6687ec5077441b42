//! `tong-hop.html`: the campaign at a glance, one self-contained file that
//! opens by double-click in any current browser, with no network: no font,
//! script or style is fetched (the page's own are inlined; text is in the
//! reader's system font), and it prints on A4.
//!
//! What it shows, for the period chosen (the latest when the page opens, and
//! when it is printed): totals by category and level with the change since
//! the period before, returns received, on time and behind by unit kind and
//! the units behind, progress against targets, the bridge from the period
//! before as a waterfall, commendation when the returns write it; then every
//! period side by side. Each chart is inline SVG with its numbers on hover and
//! in a table beside it. Every figure that counts rows is a link: it opens
//! those rows (unit, file, sheet, row) in the searchable, sortable table at
//! the end of the page ([`data`]).

pub(crate) mod data;
mod svg;

use crate::{format_int, Report, ReportError};
use data::{state, Data, Query};
use std::fmt::Write;
use std::path::Path;
use svg::{Bar, Part, Step};
use tonghop_core::Level;
use tonghop_reconcile::{PeriodSummary, Summary};

const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

pub(crate) use tonghop_text::escape_html as esc;

/// Writes `tong-hop.html` at `path`: the page around its data, and the data
/// (tens of MB for a national batch) written as it is, not copied into it.
pub(crate) fn write(report: &Report, path: &Path) -> Result<(), ReportError> {
    use std::io::Write as _;
    let data = data::build(report);
    let (head, tail) = Page {
        report,
        s: &report.reconciled.summary,
        data: &data,
    }
    .render();
    let io = |e: std::io::Error| ReportError::io("tong-hop.html", &e);
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).map_err(io)?);
    f.write_all(head.as_bytes()).map_err(io)?;
    f.write_all(data.json.as_bytes()).map_err(io)?;
    f.write_all(tail.as_bytes()).map_err(io)?;
    f.flush().map_err(io)
}

struct Page<'a> {
    report: &'a Report<'a>,
    s: &'a Summary,
    data: &'a Data,
}

/// A signed change, as the page shows it.
fn change(now: u64, before: Option<u64>) -> String {
    match before {
        None => "—".to_owned(),
        Some(b) if now == b => "0".to_owned(),
        Some(b) if now > b => format!("+{}", format_int(now - b)),
        Some(b) => format!("−{}", format_int(b - now)),
    }
}

fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "—".to_owned();
    }
    #[allow(clippy::cast_precision_loss)]
    let p = part as f64 * 100.0 / whole as f64;
    format!("{p:.1}%").replace('.', ",")
}

impl Page<'_> {
    /// The attributes that link a figure to its rows (none when its rows are
    /// not all on the page).
    fn attrs(&self, n: u64, q: &Query, what: &str) -> String {
        if n == 0 || !self.data.linkable(q) {
            return String::new();
        }
        let json = serde_json::to_string(q).unwrap_or_default();
        format!(
            r#" class="f" data-n="{n}" data-q="{}" data-t="{}""#,
            esc(&json),
            esc(what)
        )
    }

    /// A figure, linked to its rows when they are on the page.
    fn num(&self, n: u64, q: &Query, what: &str) -> String {
        let attrs = self.attrs(n, q, what);
        if attrs.is_empty() {
            format_int(n)
        } else {
            format!(r##"<a href="#chi-tiet"{attrs}>{}</a>"##, format_int(n))
        }
    }

    fn previous(&self, i: usize) -> Option<&PeriodSummary> {
        i.checked_sub(1).and_then(|j| self.s.periods.get(j))
    }

    fn category_name(&self, code: &str) -> String {
        tonghop_core::category_label(&self.report.reference.categories, code)
    }

    /// The page before its data, and after it.
    fn render(&self) -> (String, String) {
        let s = self.s;
        let mut h = String::with_capacity(200_000);
        let committee = &self.report.reference.office.committee;
        let title = "Tổng hợp mô hình, điển hình tiên tiến";
        let _ = write!(
            h,
            r#"<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}{}</title><style>{STYLE}</style></head><body><header><div><h1>{title}</h1>"#,
            if committee.is_empty() {
                String::new()
            } else {
                format!(" — {}", esc(committee))
            }
        );
        if !committee.is_empty() {
            let _ = write!(h, r#"<p class="org">{}</p>"#, esc(committee));
        }
        h.push_str("</div>");
        if !s.periods.is_empty() {
            h.push_str(r#"<label class="ky noprint">Kỳ báo cáo <select id="ky">"#);
            for (i, p) in s.periods.iter().enumerate() {
                let _ = write!(
                    h,
                    r#"<option value="{}"{}>{}</option>"#,
                    esc(&p.id),
                    if i + 1 == s.periods.len() {
                        " selected"
                    } else {
                        ""
                    },
                    esc(&p.name)
                );
            }
            h.push_str("</select></label>");
        }
        h.push_str("</header><main>");
        if s.periods.is_empty() {
            h.push_str("<p>Chưa có kỳ báo cáo nào có số liệu.</p>");
        }
        for (i, p) in s.periods.iter().enumerate() {
            let _ = write!(
                h,
                r#"<div class="per" data-p="{}"{}><h2 class="kyten">{}</h2>"#,
                esc(&p.id),
                if i + 1 == s.periods.len() {
                    ""
                } else {
                    " hidden"
                },
                esc(&p.name)
            );
            self.glance(&mut h, i, p);
            self.categories(&mut h, i, p);
            self.exemplars(&mut h, i, p);
            self.returns(&mut h, p);
            self.targets(&mut h, p);
            self.bridges(&mut h, p);
            self.commendation(&mut h, p);
            h.push_str("</div>");
        }
        self.across(&mut h);
        self.explorer(&mut h);
        h.push_str("</main>");
        h.push_str(r#"<script type="application/json" id="du-lieu">"#);
        (
            h,
            format!("</script><script>{SCRIPT}</script></body></html>"),
        )
    }

    /// The cards at the top: totals with change, returns, findings.
    fn glance(&self, h: &mut String, i: usize, p: &PeriodSummary) {
        let before = self.previous(i);
        let ent = |sj: u8| Query::active(p.id.clone(), sj);
        h.push_str(r#"<section class="cards">"#);
        for (sj, word, counts, prev) in [
            (
                0,
                "Mô hình tập thể",
                &p.models,
                before.map(|b| b.models.total),
            ),
            (
                1,
                "Điển hình tiên tiến",
                &p.exemplars,
                before.map(|b| b.exemplars.total),
            ),
        ] {
            let _ = write!(
                h,
                r#"<div class="card"><div class="k">{word} đang đăng ký</div><div class="n">{}</div><div class="d">{} so với kỳ trước</div></div>"#,
                self.num(
                    counts.total,
                    &ent(sj),
                    &format!("{word} đang đăng ký — {}", p.name)
                ),
                change(counts.total, prev)
            );
        }
        let r = &p.returns;
        let expected = r.expected.len() as u64;
        if expected > 0 {
            let roster: std::collections::HashSet<&String> = r.expected.iter().collect();
            let of_roster = |l: &[String]| l.iter().filter(|u| roster.contains(u)).count() as u64;
            let received = of_roster(&r.received);
            let units = |rs: Vec<u8>| Query::units(p.id.clone(), rs);
            let _ = write!(
                h,
                r#"<div class="card"><div class="k">Đơn vị đã gửi báo cáo</div><div class="n">{} / {}</div><div class="d">{} · chưa gửi {} · muộn {}</div></div>"#,
                self.num(
                    received,
                    &units(state::RECEIVED.to_vec()),
                    &format!("Đơn vị đã gửi báo cáo — {}", p.name)
                ),
                self.num(
                    expected,
                    &units(state::EXPECTED.to_vec()),
                    &format!("Đơn vị phải gửi báo cáo — {}", p.name)
                ),
                percent(received, expected),
                self.num(
                    r.missing.len() as u64,
                    &units(vec![state::MISSING]),
                    &format!("Đơn vị chưa gửi báo cáo — {}", p.name)
                ),
                self.num(
                    r.late.len() as u64,
                    &units(vec![state::LATE]),
                    &format!("Đơn vị gửi muộn — {}", p.name)
                ),
            );
        }
        let count = |sev: tonghop_core::Severity| {
            self.report
                .findings
                .iter()
                .filter(|f| f.period == p.id && f.severity == sev)
                .count() as u64
        };
        let fin = |sev: u8| Query {
            d: "fin",
            p: Some(p.id.clone()),
            sev: Some(sev),
            ..Query::default()
        };
        let _ = write!(
            h,
            r#"<div class="card"><div class="k">Vấn đề trong số liệu kỳ này</div><div class="n">{} <small>lỗi</small></div><div class="d">{} cảnh báo</div></div></section>"#,
            self.num(
                count(tonghop_core::Severity::Error),
                &fin(0),
                &format!("Lỗi — {}", p.name)
            ),
            self.num(
                count(tonghop_core::Severity::Warning),
                &fin(1),
                &format!("Cảnh báo — {}", p.name)
            ),
        );
    }

    /// Models by category and level, with the period before.
    fn categories(&self, h: &mut String, i: usize, p: &PeriodSummary) {
        let by = crate::category_level_counts(p);
        let before = self.previous(i).map(crate::category_level_counts);
        let mut codes = crate::category_codes(self.report.reference);
        let total = |m: &std::collections::BTreeMap<(String, String), u64>, c: &str| -> u64 {
            m.iter().filter(|((k, _), _)| k == c).map(|(_, n)| *n).sum()
        };
        codes.retain(|c| total(&by, c) > 0 || before.as_ref().is_some_and(|b| total(b, c) > 0));
        let levels: Vec<Level> = Level::ALL
            .into_iter()
            .filter(|l| by.iter().any(|((_, lv), n)| lv == l.code() && *n > 0))
            .collect();
        let q = |c: &str, l: Option<Level>, period: &str| Query {
            c: Some(c.to_owned()),
            l: l.map(|l| l.code().to_owned()),
            ..Query::active(period.to_owned(), 0)
        };
        let bars: Vec<Bar> = codes
            .iter()
            .map(|c| Bar {
                label: self.category_name(c),
                parts: levels
                    .iter()
                    .map(|l| {
                        let n = by
                            .get(&(c.clone(), l.code().to_owned()))
                            .copied()
                            .unwrap_or(0);
                        Part {
                            value: n,
                            link: self.attrs(
                                n,
                                &q(c, Some(*l), &p.id),
                                &format!(
                                    "Mô hình {} {} — {}",
                                    self.category_name(c),
                                    l.phrase(),
                                    p.name
                                ),
                            ),
                        }
                    })
                    .collect(),
            })
            .collect();
        let series: Vec<(&str, &str)> = levels.iter().map(|l| (l.label(), colour(*l))).collect();
        let _ = write!(
            h,
            r#"<section><h3>Mô hình tập thể theo loại và cấp đăng ký</h3><div class="stack"><figure>{}</figure><table><thead><tr><th>Loại mô hình</th>"#,
            svg::hbars_wide("Mô hình theo loại và cấp", &series, &bars)
        );
        for l in &levels {
            let _ = write!(h, r#"<th class="n">{}</th>"#, l.label());
        }
        h.push_str(r#"<th class="n">Cộng</th><th class="n">Kỳ trước</th><th class="n">Tăng, giảm</th></tr></thead><tbody>"#);
        for c in &codes {
            let name = self.category_name(c);
            let _ = write!(h, "<tr><td>{}</td>", esc(&name));
            for l in &levels {
                let n = by
                    .get(&(c.clone(), l.code().to_owned()))
                    .copied()
                    .unwrap_or(0);
                let _ = write!(
                    h,
                    r#"<td class="n">{}</td>"#,
                    self.num(
                        n,
                        &q(c, Some(*l), &p.id),
                        &format!("Mô hình {name} {} — {}", l.phrase(), p.name)
                    )
                );
            }
            let now = total(&by, c);
            let prev = before.as_ref().map(|b| total(b, c));
            let _ = write!(
                h,
                r#"<td class="n">{}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
                self.num(
                    now,
                    &q(c, None, &p.id),
                    &format!("Mô hình {name} — {}", p.name)
                ),
                match (prev, self.previous(i)) {
                    (Some(n), Some(b)) => self.num(
                        n,
                        &q(c, None, &b.id),
                        &format!("Mô hình {name} — {}", b.name)
                    ),
                    _ => "—".to_owned(),
                },
                change(now, prev)
            );
        }
        let _ = write!(h, r#"</tbody><tfoot><tr><th>Cộng</th>"#);
        let all = |l: Option<Level>, period: &str| Query {
            l: l.map(|l| l.code().to_owned()),
            ..Query::active(period.to_owned(), 0)
        };
        for l in &levels {
            let n = p.models.by_level.get(l.code()).copied().unwrap_or(0);
            let _ = write!(
                h,
                r#"<td class="n">{}</td>"#,
                self.num(
                    n,
                    &all(Some(*l), &p.id),
                    &format!("Mô hình {} — {}", l.phrase(), p.name)
                )
            );
        }
        let prev = self.previous(i);
        let _ = write!(
            h,
            r#"<td class="n">{}</td><td class="n">{}</td><td class="n">{}</td></tr></tfoot></table></div></section>"#,
            self.num(
                p.models.total,
                &all(None, &p.id),
                &format!("Mô hình — {}", p.name)
            ),
            prev.map_or_else(
                || "—".to_owned(),
                |b| self.num(
                    b.models.total,
                    &all(None, &b.id),
                    &format!("Mô hình — {}", b.name)
                )
            ),
            change(p.models.total, prev.map(|b| b.models.total))
        );
    }

    /// Exemplars by level, with the period before.
    fn exemplars(&self, h: &mut String, i: usize, p: &PeriodSummary) {
        let before = self.previous(i);
        let q = |l: Option<Level>, period: &str| Query {
            l: l.map(|l| l.code().to_owned()),
            ..Query::active(period.to_owned(), 1)
        };
        let levels: Vec<Level> = Level::ALL
            .into_iter()
            .filter(|l| {
                p.exemplars.by_level.get(l.code()).copied().unwrap_or(0) > 0
                    || before.is_some_and(|b| {
                        b.exemplars.by_level.get(l.code()).copied().unwrap_or(0) > 0
                    })
            })
            .collect();
        let bars: Vec<Bar> = levels
            .iter()
            .map(|l| {
                let n = p.exemplars.by_level.get(l.code()).copied().unwrap_or(0);
                Bar {
                    label: l.label().to_owned(),
                    parts: vec![Part {
                        value: n,
                        link: self.attrs(
                            n,
                            &q(Some(*l), &p.id),
                            &format!("Điển hình {} — {}", l.phrase(), p.name),
                        ),
                    }],
                }
            })
            .collect();
        let _ = write!(
            h,
            r#"<section><h3>Điển hình tiên tiến theo cấp đăng ký</h3><div class="pair"><figure>{}</figure><table><thead><tr><th>Cấp</th><th class="n">Kỳ này</th><th class="n">Kỳ trước</th><th class="n">Tăng, giảm</th></tr></thead><tbody>"#,
            svg::hbars("Điển hình theo cấp", &[("Điển hình", svg::MID)], &bars)
        );
        let rows = levels
            .iter()
            .map(|l| (l.label(), Some(*l)))
            .chain(std::iter::once(("Cộng", None)));
        for (label, l) in rows {
            let get = |x: &PeriodSummary| {
                l.map_or(x.exemplars.total, |l| {
                    x.exemplars.by_level.get(l.code()).copied().unwrap_or(0)
                })
            };
            let what = |x: &PeriodSummary| {
                format!(
                    "Điển hình{} — {}",
                    l.map(|l| format!(" {}", l.phrase())).unwrap_or_default(),
                    x.name
                )
            };
            let now = get(p);
            let _ = write!(
                h,
                r#"<tr><td>{label}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
                self.num(now, &q(l, &p.id), &what(p)),
                before.map_or_else(
                    || "—".to_owned(),
                    |b| self.num(get(b), &q(l, &b.id), &what(b))
                ),
                change(now, before.map(get))
            );
        }
        h.push_str("</tbody></table></div></section>");
    }

    /// Returns by unit kind, and the units behind.
    fn returns(&self, h: &mut String, p: &PeriodSummary) {
        let r = &p.returns;
        if r.expected.is_empty() {
            return;
        }
        let q = |k: &str, rs: Vec<u8>| Query {
            k: Some(k.to_owned()),
            ..Query::units(p.id.clone(), rs)
        };
        let series = [
            ("Đúng hạn", svg::DARK),
            ("Muộn", svg::MID),
            ("Chưa rõ đúng hạn", svg::LIGHT),
            ("Chưa gửi", svg::GREY),
        ];
        let states = state::EXPECTED;
        let bars: Vec<Bar> = r
            .by_kind
            .iter()
            .map(|(kind, k)| Bar {
                label: kind.clone(),
                parts: [k.on_time, k.late, k.timeliness_unknown, k.missing]
                    .iter()
                    .zip(states.iter().zip(series))
                    .map(|(&n, (&st, (name, _)))| Part {
                        value: n,
                        link: self.attrs(
                            n,
                            &q(kind, vec![st]),
                            &format!("{kind}: {} — {}", name.to_lowercase(), p.name),
                        ),
                    })
                    .collect(),
            })
            .collect();
        let _ = write!(
            h,
            r#"<section><h3>Gửi báo cáo theo loại đơn vị</h3><div class="pair"><figure>{}</figure><table><thead><tr><th>Loại đơn vị</th><th class="n">Phải gửi</th><th class="n">Đã gửi</th><th class="n">Đúng hạn</th><th class="n">Muộn</th><th class="n">Chưa gửi</th><th class="n">Tỷ lệ</th></tr></thead><tbody>"#,
            svg::hbars("Gửi báo cáo theo loại đơn vị", &series, &bars)
        );
        for (kind, k) in &r.by_kind {
            let _ = write!(
                h,
                r#"<tr><td>{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
                esc(kind),
                self.num(
                    k.expected,
                    &q(kind, state::EXPECTED.to_vec()),
                    &format!("{kind} phải gửi — {}", p.name)
                ),
                self.num(
                    k.received,
                    &q(kind, state::RECEIVED.to_vec()),
                    &format!("{kind} đã gửi — {}", p.name)
                ),
                self.num(
                    k.on_time,
                    &q(kind, vec![state::ON_TIME]),
                    &format!("{kind} gửi đúng hạn — {}", p.name)
                ),
                self.num(
                    k.late,
                    &q(kind, vec![state::LATE]),
                    &format!("{kind} gửi muộn — {}", p.name)
                ),
                self.num(
                    k.missing,
                    &q(kind, vec![state::MISSING]),
                    &format!("{kind} chưa gửi — {}", p.name)
                ),
                format!("{:.1}%", k.rate).replace('.', ",")
            );
        }
        h.push_str("</tbody></table></div>");
        // The units behind: not sent, then late (the latest first).
        let mut behind: Vec<&tonghop_reconcile::UnitPeriod> = self
            .report
            .reconciled
            .units
            .iter()
            .filter(|u| {
                u.period == p.id
                    && u.expected
                    && (!u.received
                        || (!u.timeliness_unknown && u.days_late.is_some_and(|d| d > 0)))
            })
            .collect();
        behind.sort_by_key(|u| (u.received, std::cmp::Reverse(u.days_late), u.name.clone()));
        if !behind.is_empty() {
            let _ = write!(
                h,
                r#"<h4>Đơn vị chưa gửi hoặc gửi muộn ({})</h4><ul class="behind">"#,
                format_int(behind.len() as u64)
            );
            const SHOWN: usize = 60;
            for u in behind.iter().take(SHOWN) {
                let _ = write!(
                    h,
                    r"<li>{} <span>{}</span></li>",
                    esc(&u.name),
                    if u.received {
                        format!("muộn {} ngày", u.days_late.unwrap_or(0))
                    } else {
                        "chưa gửi".to_owned()
                    }
                );
            }
            h.push_str("</ul>");
            if behind.len() > SHOWN {
                let _ = write!(
                    h,
                    "<p>… và {} đơn vị khác: {}.</p>",
                    format_int((behind.len() - SHOWN) as u64),
                    self.num(
                        behind.len() as u64,
                        &Query::units(p.id.clone(), vec![state::MISSING, state::LATE]),
                        &format!("Đơn vị chưa gửi hoặc gửi muộn — {}", p.name)
                    )
                );
            }
        }
        h.push_str("</section>");
    }

    fn target_name(&self, t: &tonghop_reconcile::TargetResult) -> String {
        let mut n = match &t.category {
            Some(c) => self.category_name(c),
            None if t.subject == "models" => "Mô hình".to_owned(),
            None => "Điển hình".to_owned(),
        };
        if let Some(l) = t.level.as_deref().and_then(Level::from_code) {
            let _ = write!(n, " {}", l.phrase());
        }
        n
    }

    /// Progress against the committee's targets.
    fn targets(&self, h: &mut String, p: &PeriodSummary) {
        let all: Vec<&tonghop_reconcile::TargetResult> =
            self.s.targets.iter().filter(|t| t.period == p.id).collect();
        if all.is_empty() {
            return;
        }
        let q = |t: &tonghop_reconcile::TargetResult| Query {
            c: t.category.clone(),
            l: t.level.clone(),
            u: t.unit.clone(),
            ..Query::active(p.id.clone(), u8::from(t.subject != "models"))
        };
        let whole: Vec<&&tonghop_reconcile::TargetResult> =
            all.iter().filter(|t| t.unit.is_none()).collect();
        h.push_str("<section><h3>Thực hiện chỉ tiêu</h3>");
        if !whole.is_empty() {
            let bars: Vec<Bar> = whole
                .iter()
                .map(|t| {
                    let name = self.target_name(t);
                    Bar {
                        label: name.clone(),
                        parts: vec![
                            Part {
                                value: t.achieved.min(t.target),
                                link: String::new(),
                            },
                            Part {
                                value: t.achieved.saturating_sub(t.target),
                                link: String::new(),
                            },
                            Part {
                                value: t.target.saturating_sub(t.achieved),
                                link: String::new(),
                            },
                        ],
                    }
                })
                .collect();
            let _ = write!(
                h,
                r#"<div class="pair"><figure>{}</figure><table><thead><tr><th>Chỉ tiêu toàn Khối</th><th class="n">Chỉ tiêu</th><th class="n">Đạt</th><th class="n">Còn thiếu</th></tr></thead><tbody>"#,
                svg::hbars(
                    "Thực hiện chỉ tiêu",
                    &[
                        ("Đã đạt", svg::DARK),
                        ("Vượt chỉ tiêu", svg::MID),
                        ("Còn thiếu", svg::GREY)
                    ],
                    &bars
                )
            );
            for t in &whole {
                let name = self.target_name(t);
                let _ = write!(
                    h,
                    r#"<tr><td>{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
                    esc(&name),
                    format_int(t.target),
                    self.num(t.achieved, &q(t), &format!("{name} — {}", p.name)),
                    if t.gap < 0 {
                        format_int(t.gap.unsigned_abs())
                    } else {
                        "—".to_owned()
                    }
                );
            }
            h.push_str("</tbody></table></div>");
        }
        let each: Vec<&&tonghop_reconcile::TargetResult> =
            all.iter().filter(|t| t.unit.is_some()).collect();
        if !each.is_empty() {
            let short: Vec<&&&tonghop_reconcile::TargetResult> =
                each.iter().filter(|t| t.gap < 0).collect();
            let _ = write!(
                h,
                "<h4>Chỉ tiêu cho từng đơn vị: {} / {} đạt</h4>",
                format_int((each.len() - short.len()) as u64),
                format_int(each.len() as u64)
            );
            if !short.is_empty() {
                h.push_str(r#"<table><thead><tr><th>Đơn vị chưa đạt</th><th>Chỉ tiêu</th><th class="n">Cần</th><th class="n">Đạt</th></tr></thead><tbody>"#);
                let names: std::collections::HashMap<&str, &str> = self
                    .report
                    .reconciled
                    .units
                    .iter()
                    .filter(|u| u.period == p.id)
                    .map(|u| (u.unit.as_str(), u.name.as_str()))
                    .collect();
                for t in short.iter().take(200) {
                    let unit = t.unit.as_deref().unwrap_or("");
                    let who = names.get(unit).copied().unwrap_or(unit);
                    let name = self.target_name(t);
                    let _ = write!(
                        h,
                        r#"<tr><td>{}</td><td>{}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
                        esc(who),
                        esc(&name),
                        format_int(t.target),
                        self.num(t.achieved, &q(t), &format!("{name} — {who} — {}", p.name))
                    );
                }
                h.push_str("</tbody></table>");
            }
        }
        h.push_str("</section>");
    }

    /// The bridge from the period before, as waterfalls and a table.
    fn bridges(&self, h: &mut String, p: &PeriodSummary) {
        let bridges: Vec<(usize, &tonghop_reconcile::Bridge)> = self
            .s
            .bridges
            .iter()
            .enumerate()
            .filter(|(_, b)| b.to == p.id)
            .collect();
        if bridges.is_empty() {
            return;
        }
        let terms = [
            "added",
            "removed",
            "transferred_out",
            "not_reported",
            "unexplained",
        ];
        let value = |b: &tonghop_reconcile::Bridge, t: &str| match t {
            "added" => b.added,
            "removed" => b.removed,
            "transferred_out" => b.transferred_out,
            "not_reported" => b.not_reported,
            _ => b.unexplained,
        };
        let from = data::period_name(self.s, &bridges[0].1.from);
        let _ = write!(
            h,
            r#"<section><h3>Biến động từ {} đến {}</h3><div class="falls">"#,
            esc(from),
            esc(&p.name)
        );
        let open = |b: &tonghop_reconcile::Bridge, to: bool| {
            Query::active(
                if to { b.to.clone() } else { b.from.clone() },
                u8::from(b.subject != "models"),
            )
        };
        let term = |i: usize, t: &'static str| Query {
            d: "bm",
            p: Some(p.id.clone()),
            b: Some(i),
            t: Some(t),
            ..Query::default()
        };
        let word = |b: &tonghop_reconcile::Bridge| {
            if b.subject == "models" {
                "mô hình"
            } else {
                "điển hình"
            }
        };
        for (i, b) in &bridges {
            let what = word(b);
            // Both ends must be on the page for a term's rows to be.
            let whole = self.data.complete.contains(&b.from);
            let link = |n: u64, q: &Query, t: &str| {
                if whole {
                    self.attrs(n, q, t)
                } else {
                    String::new()
                }
            };
            let steps: Vec<Step> = terms
                .iter()
                .map(|t| {
                    let n = value(b, t);
                    let signed = i64::try_from(n).unwrap_or(0);
                    Step {
                        label: crate::term_label(t).to_owned(),
                        value: if *t == "added" { signed } else { -signed },
                        link: link(
                            n,
                            &term(*i, t),
                            &format!("{}: {what} — {}", crate::term_label(t), p.name),
                        ),
                    }
                })
                .collect();
            let _ = write!(
                h,
                "<figure><figcaption>Số {what}: {} → {}</figcaption>{}</figure>",
                format_int(b.opening),
                format_int(b.closing),
                svg::waterfall(
                    &format!("Biến động số {what}"),
                    &Step {
                        label: "Đầu kỳ".to_owned(),
                        value: i64::try_from(b.opening).unwrap_or(0),
                        link: link(b.opening, &open(b, false), &format!("{what} đầu kỳ")),
                    },
                    &steps,
                    &Step {
                        label: "Cuối kỳ".to_owned(),
                        value: i64::try_from(b.closing).unwrap_or(0),
                        link: self.attrs(b.closing, &open(b, true), &format!("{what} cuối kỳ")),
                    },
                )
            );
        }
        h.push_str(r#"</div><table class="bridge"><thead><tr><th>Khoản</th>"#);
        for (_, b) in &bridges {
            let w = if b.subject == "models" {
                "Mô hình"
            } else {
                "Điển hình"
            };
            let _ = write!(h, r#"<th class="n">{w}</th>"#);
        }
        h.push_str("</tr></thead><tbody>");
        let rows = std::iter::once("opening")
            .chain(terms)
            .chain(std::iter::once("closing"));
        for t in rows {
            let _ = write!(h, "<tr><td>{}</td>", crate::term_label(t));
            for (i, b) in &bridges {
                let whole = self.data.complete.contains(&b.from);
                let (n, q) = match t {
                    "opening" => (b.opening, open(b, false)),
                    "closing" => (b.closing, open(b, true)),
                    t => (value(b, t), term(*i, t)),
                };
                let sign = match t {
                    "opening" | "closing" => "",
                    "added" => "+",
                    _ if n > 0 => "−",
                    _ => "",
                };
                let shown = if whole || t == "closing" {
                    self.num(
                        n,
                        &q,
                        &format!("{}: {} — {}", crate::term_label(t), word(b), p.name),
                    )
                } else {
                    format_int(n)
                };
                let _ = write!(h, r#"<td class="n">{sign}{shown}</td>"#);
            }
            h.push_str("</tr>");
        }
        h.push_str("</tbody></table></section>");
    }

    /// The commendation funnel of the period, when its returns write one.
    fn commendation(&self, h: &mut String, p: &PeriodSummary) {
        let funnels: Vec<&tonghop_reconcile::commendation::Funnel> = self
            .s
            .commendation
            .funnel
            .iter()
            .filter(|f| f.period == p.id)
            .collect();
        let get = |subject: &str| {
            funnels
                .iter()
                .find(|f| f.subject == subject)
                .map(|f| f.total.clone())
                .unwrap_or_default()
        };
        let (m, e) = (get("models"), get("exemplars"));
        if m.honoured + e.honoured == 0 && m.eligible.is_none() && e.eligible.is_none() {
            return;
        }
        let stages = |t: &tonghop_reconcile::commendation::Stages| {
            [
                t.registered,
                t.eligible.unwrap_or(0),
                t.honoured,
                t.proposed,
                t.awarded,
                t.proposed_above,
            ]
        };
        let names = [
            "Đang đăng ký",
            "Đủ tiêu chuẩn",
            "Được tuyên dương",
            "Đề nghị khen thưởng",
            "Được khen thưởng cấp Khối",
            "Đề nghị cấp trên khen thưởng",
        ];
        let (sm, se) = (stages(&m), stages(&e));
        // Each stage's entities: active, with the stage's bit (none for
        // «registered», which is every active entity).
        use tonghop_reconcile::commendation::mark;
        let bits = [
            None,
            Some(mark::ELIGIBLE),
            Some(mark::HONOURED),
            Some(mark::PROPOSED),
            Some(mark::AWARDED),
            Some(mark::PROPOSED_ABOVE),
        ];
        let q = |sj: u8, k: usize| Query {
            cs: bits[k],
            ..Query::active(p.id.clone(), sj)
        };
        let shown: Vec<usize> = (0..names.len())
            .filter(|&k| k != 1 || m.eligible.is_some() || e.eligible.is_some())
            .collect();
        let bars: Vec<Bar> = shown
            .iter()
            .map(|&k| Bar {
                label: names[k].to_owned(),
                parts: vec![
                    Part {
                        value: sm[k],
                        link: self.attrs(
                            sm[k],
                            &q(0, k),
                            &format!("Tập thể — {} — {}", names[k].to_lowercase(), p.name),
                        ),
                    },
                    Part {
                        value: se[k],
                        link: self.attrs(
                            se[k],
                            &q(1, k),
                            &format!("Cá nhân — {} — {}", names[k].to_lowercase(), p.name),
                        ),
                    },
                ],
            })
            .collect();
        let _ = write!(
            h,
            r#"<section><h3>Tuyên dương, khen thưởng</h3><div class="pair"><figure>{}</figure><table><thead><tr><th>Bước</th><th class="n">Tập thể</th><th class="n">Cá nhân</th></tr></thead><tbody>"#,
            svg::hbars(
                "Tuyên dương, khen thưởng",
                &[("Tập thể", svg::DARK), ("Cá nhân", svg::MID)],
                &bars
            )
        );
        for &k in &shown {
            let _ = write!(
                h,
                r#"<tr><td>{}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
                names[k],
                self.num(
                    sm[k],
                    &q(0, k),
                    &format!("Tập thể — {} — {}", names[k].to_lowercase(), p.name)
                ),
                self.num(
                    se[k],
                    &q(1, k),
                    &format!("Cá nhân — {} — {}", names[k].to_lowercase(), p.name)
                )
            );
        }
        h.push_str("</tbody></table></div><p class=\"note\">Danh sách từng người, từng tập thể và lý do: sheet <i>Xét khen thưởng</i> của tong-hop.xlsx.</p></section>");
    }

    /// Every period side by side.
    fn across(&self, h: &mut String) {
        let s = self.s;
        if s.periods.len() < 2 {
            return;
        }
        let q = |p: &PeriodSummary, sj: u8| Query::active(p.id.clone(), sj);
        let groups: Vec<Bar> = s
            .periods
            .iter()
            .map(|p| Bar {
                label: p.name.clone(),
                parts: vec![
                    Part {
                        value: p.models.total,
                        link: self.attrs(
                            p.models.total,
                            &q(p, 0),
                            &format!("Mô hình — {}", p.name),
                        ),
                    },
                    Part {
                        value: p.exemplars.total,
                        link: self.attrs(
                            p.exemplars.total,
                            &q(p, 1),
                            &format!("Điển hình — {}", p.name),
                        ),
                    },
                ],
            })
            .collect();
        let _ = write!(
            h,
            r#"<section class="across"><h2>Qua các kỳ</h2><div class="pair"><figure>{}</figure><table><thead><tr><th>Kỳ</th><th class="n">Mô hình</th><th class="n">Điển hình</th><th class="n">Đơn vị đã gửi / phải gửi</th></tr></thead><tbody>"#,
            svg::vbars(
                "Mô hình, điển hình qua các kỳ",
                &[
                    ("Mô hình tập thể", svg::DARK),
                    ("Điển hình tiên tiến", svg::LIGHT)
                ],
                &groups
            )
        );
        for p in &s.periods {
            let roster: std::collections::HashSet<&String> = p.returns.expected.iter().collect();
            let received = p
                .returns
                .received
                .iter()
                .filter(|u| roster.contains(u))
                .count() as u64;
            let _ = write!(
                h,
                r#"<tr><td>{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
                esc(&p.name),
                self.num(p.models.total, &q(p, 0), &format!("Mô hình — {}", p.name)),
                self.num(
                    p.exemplars.total,
                    &q(p, 1),
                    &format!("Điển hình — {}", p.name)
                ),
                if roster.is_empty() {
                    "—".to_owned()
                } else {
                    let units = |rs: Vec<u8>| Query::units(p.id.clone(), rs);
                    format!(
                        "{} / {} ({})",
                        self.num(
                            received,
                            &units(state::RECEIVED.to_vec()),
                            &format!("Đơn vị đã gửi báo cáo — {}", p.name)
                        ),
                        self.num(
                            roster.len() as u64,
                            &units(state::EXPECTED.to_vec()),
                            &format!("Đơn vị phải gửi báo cáo — {}", p.name)
                        ),
                        percent(received, roster.len() as u64)
                    )
                }
            );
        }
        h.push_str("</tbody></table></div></section>");
    }

    /// The table every figure opens: searchable, sortable, a page at a time.
    fn explorer(&self, h: &mut String) {
        let (shown, total) = self.data.entities;
        let _ = write!(
            h,
            r#"<section id="chi-tiet" class="noprint"><h2>Danh sách chi tiết</h2><p class="note">Bấm vào một con số ở trên để xem các dòng làm nên nó: đơn vị, file, sheet, dòng.{}</p><noscript><p>Trình duyệt đang tắt JavaScript: bảng này cần JavaScript; các danh sách đầy đủ có trong tong-hop.xlsx.</p></noscript><div class="tools"><span id="tabs"></span><input id="tim" type="search" placeholder="Tìm (gõ có dấu hay không dấu đều được)" aria-label="Tìm"><span id="loc"></span><span id="dem"></span></div><div class="scroll"><table id="bang"><thead></thead><tbody></tbody></table></div><div class="pager"><button id="truoc" type="button">‹ Trang trước</button> <span id="trang"></span> <button id="sau" type="button">Trang sau ›</button></div></section>"#,
            if shown < total {
                format!(
                    " Trang này chỉ mang theo {} trong {} dòng mô hình, điển hình (các kỳ gần nhất); danh sách đầy đủ ở tong-hop.xlsx và data/*.parquet.",
                    format_int(shown as u64),
                    format_int(total as u64)
                )
            } else {
                String::new()
            }
        );
    }
}

fn colour(l: Level) -> &'static str {
    match l {
        Level::Tinh => svg::DARK,
        Level::Khoi => svg::MID,
        Level::CoSo => svg::LIGHT,
        Level::KhongRo => svg::GREY,
    }
}
