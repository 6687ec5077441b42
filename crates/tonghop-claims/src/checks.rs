//! Checks that need no data: a stated total against its listed parts, `x/y`
//! with x ≤ y, a named list against the number stated, the same quantity
//! stated with different values (unless additions and removals stated in
//! between account for the change), the commendation funnel, and documents
//! cited with two dates.

use crate::document::{Block, Place};
use crate::extract::{tokens, Claim, Counted, Level, Stage, Value};
use std::collections::BTreeMap;

/// The verdict of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// Differs from the data.
    Mismatch,
    /// Contradicts the text itself.
    Inconsistent,
    /// Agrees.
    Consistent,
    /// Nothing to check it against.
    Unchecked,
}

impl Verdict {
    /// The Vietnamese verdict.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Mismatch => "lệch",
            Verdict::Inconsistent => "không tự nhất quán",
            Verdict::Consistent => "khớp",
            Verdict::Unchecked => "không kiểm được",
        }
    }
}

/// One check of one claim.
#[derive(Debug, Clone)]
pub struct Check {
    /// Index of the claim.
    pub claim: usize,
    /// What was checked.
    pub what: String,
    /// The verdict.
    pub verdict: Verdict,
    /// The figures and places behind it.
    pub evidence: String,
}

fn at(c: &Claim) -> String {
    format!("«{}» ({})", c.text, c.place.label())
}

/// Runs every internal check.
#[must_use]
pub fn internal(blocks: &[Block], claims: &[Claim]) -> Vec<Check> {
    let mut out = Vec::new();
    let parts = breakdowns(blocks, claims, &mut out);
    for (i, c) in claims.iter().enumerate() {
        if let Value::Ratio(x, y) = c.value {
            let ok = x <= y;
            out.push(Check {
                claim: i,
                what: "x/y: phần không lớn hơn tổng".into(),
                verdict: if ok {
                    Verdict::Consistent
                } else {
                    Verdict::Inconsistent
                },
                evidence: format!(
                    "{x}/{y}{}",
                    if ok {
                        ""
                    } else {
                        ": tử số lớn hơn mẫu số"
                    }
                ),
            });
            if let Some((pct, half)) = percent_after(&blocks[c.block], c.span.1) {
                #[allow(clippy::cast_precision_loss)]
                let exact = if y == 0 {
                    0.0
                } else {
                    100.0 * x as f64 / y as f64
                };
                let ok = (exact - pct).abs() <= half + 1e-9;
                out.push(Check {
                    claim: i,
                    what: "x/y và tỷ lệ phần trăm ghi kèm".into(),
                    verdict: if ok {
                        Verdict::Consistent
                    } else {
                        Verdict::Inconsistent
                    },
                    evidence: format!(
                        "{x}/{y} = {} %, văn bản ghi {} %",
                        format!("{exact:.1}").replace('.', ","),
                        format!("{pct}").replace('.', ",")
                    ),
                });
            }
        }
        if let Value::Range(a, b) = c.value {
            out.push(Check {
                claim: i,
                what: "khoảng: cận dưới không lớn hơn cận trên".into(),
                verdict: if a <= b {
                    Verdict::Consistent
                } else {
                    Verdict::Inconsistent
                },
                evidence: format!("từ {a} đến {b}"),
            });
        }
    }
    repeated(claims, &parts, &mut out);
    funnel(claims, &mut out);
    sub_breakdowns(claims, &mut out);
    bridge_sentences(blocks, claims, &mut out);
    out
}

/// The check of a figure whose disagreement is reported on another one
/// (`on`): agreeing, or pointing there with the figures, so that one
/// inconsistency is reported once, with its parts in its evidence.
fn reported_on(claim: usize, what: String, on: &Claim, ok: bool, evidence: &str) -> Check {
    Check {
        claim,
        what,
        verdict: if ok {
            Verdict::Consistent
        } else {
            Verdict::Unchecked
        },
        evidence: if ok {
            evidence.to_owned()
        } else {
            format!("{evidence}: báo ở {}", at(on))
        },
    }
}

/// A part's check when its whole was checked ([`reported_on`] the whole).
fn part_check(claim: usize, of: &Claim, ok: bool, evidence: &str) -> Check {
    reported_on(
        claim,
        format!("là một phần của {}", at(of)),
        of,
        ok,
        evidence,
    )
}

/// `44 mô hình …, trong đó có 07 mô hình cấp tỉnh, 10 mô hình cấp Khối và
/// 27 mô hình cấp cơ sở`, `17 mô hình, trong đó: cấp tỉnh 04, cấp Khối 06,
/// cấp cơ sở 07`: the parts of a figure, each at a level of its own (or of a
/// category of its own), against it — equal when every level is named, at
/// most the whole otherwise.
fn sub_breakdowns(claims: &[Claim], out: &mut Vec<Check>) {
    let mut by_head: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        let Some(h) = c.head else { continue };
        let head = &claims[h];
        if !c.in_parens
            && c.counted == head.counted
            && c.stage == head.stage
            && matches!(c.value, Value::Count(_))
            && matches!(head.value, Value::Count(_))
        {
            by_head.entry(h).or_default().push(i);
        }
    }
    for (h, parts) in by_head {
        if parts.len() < 2 {
            continue;
        }
        let head = &claims[h];
        let distinct = |key: &dyn Fn(&Claim) -> String| {
            let mut k: Vec<String> = parts.iter().map(|&p| key(&claims[p])).collect();
            k.sort();
            k.dedup();
            k.len() == parts.len()
        };
        let by_level = head.levels.is_empty()
            && parts.iter().all(|&p| {
                let c = &claims[p];
                c.levels.len() == 1 && !c.inherited_levels && c.category.is_none()
            })
            && distinct(&|c| c.levels[0].code().to_owned());
        let by_category = head.category.is_none()
            && parts.iter().all(|&p| {
                let c = &claims[p];
                c.category.is_some() && c.levels == head.levels
            })
            && distinct(&|c| c.category.clone().unwrap_or_default());
        if !(by_level || by_category) {
            continue;
        }
        let sum: u64 = parts.iter().map(|&p| claims[p].value.whole()).sum();
        let terms = parts
            .iter()
            .map(|&p| claims[p].value.whole().to_string())
            .collect::<Vec<_>>()
            .join(" + ");
        let whole = head.value.whole();
        let every_level = by_level && parts.len() == 3;
        let ok = if every_level {
            sum == whole
        } else {
            sum <= whole
        };
        let (what, rule) = match (by_level, every_level) {
            (true, true) => ("tổng ghi so với các phần theo từng cấp", "="),
            (true, false) => ("tổng ghi so với các phần theo cấp (không đủ mọi cấp)", "≤"),
            _ => ("tổng ghi so với các phần theo loại", "≤"),
        };
        let evidence = format!(
            "{} ghi {whole}; các phần {terms} = {sum}{}",
            at(head),
            if ok {
                String::new()
            } else if every_level {
                format!(", lệch {}", sum.abs_diff(whole))
            } else {
                format!(", lớn hơn tổng (phải {rule} {whole})")
            }
        );
        out.push(Check {
            claim: h,
            what: what.into(),
            verdict: if ok {
                Verdict::Consistent
            } else {
                Verdict::Inconsistent
            },
            evidence: evidence.clone(),
        });
        for &p in &parts {
            out.push(part_check(p, head, ok, &evidence));
        }
    }
}

/// The words just before a claim's number, back to a comma or a sentence
/// end (at most six).
fn words_before(block: &Block, c: &Claim) -> Vec<String> {
    let toks = tokens(&block.text[..c.number_at]);
    let mut out: Vec<String> = toks
        .iter()
        .rev()
        .take_while(|t| !matches!(t.key.as_str(), "," | ";" | "." | ":"))
        .take(6)
        .map(|t| t.key.clone())
        .collect();
    out.reverse();
    out
}

/// `So với 50 mô hình …, giảm 06 mô hình, do đơn vị chuyển đi (07), loại 01
/// và bổ sung 04`: a sentence stating an opening figure, a net change and
/// its parts, checked on its own arithmetic — the parts against the net
/// change, and the opening and the change against a closing figure the
/// sentence states (`Đến nay có 44 mô hình, so với 50 …`). Reported once, on
/// the net change.
fn bridge_sentences(blocks: &[Block], claims: &[Claim], out: &mut Vec<Check>) {
    let mut sentences: BTreeMap<(usize, &str), Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        sentences
            .entry((c.block, c.sentence.as_str()))
            .or_default()
            .push(i);
    }
    for ((b, _), idx) in sentences {
        let before: Vec<Vec<String>> = idx
            .iter()
            .map(|&i| words_before(&blocks[b], &claims[i]))
            .collect();
        let has = |k: usize, w: &[&str]| before[k].windows(w.len()).any(|x| x == w);
        let Some(n) = (0..idx.len()).find(|&k| {
            before[k]
                .iter()
                .rev()
                .take(3)
                .any(|w| w == "giam" || w == "tang")
        }) else {
            continue;
        };
        let net_claim = &claims[idx[n]];
        let decrease = before[n].iter().rev().take(3).any(|w| w == "giam");
        let net = i128::from(net_claim.value.whole()) * if decrease { -1 } else { 1 };
        let opening = (0..n).rev().find(|&k| has(k, &["so", "voi"]));
        let mut terms = Vec::new();
        let mut sum = 0i128;
        let mut parts = Vec::new();
        for k in n + 1..idx.len() {
            let c = &claims[idx[k]];
            if c.counted != net_claim.counted {
                continue;
            }
            let (sign, label) = match c.stage {
                Some(Stage::Added) => (1, "bổ sung"),
                Some(Stage::Removed) => (-1, "loại"),
                Some(Stage::TransferredOut) => (-1, "chuyển đi"),
                _ => continue,
            };
            let v = i128::from(c.value.whole());
            sum += sign * v;
            terms.push(format!("{} {label} {v}", if sign > 0 { "+" } else { "−" }));
            parts.push(idx[k]);
        }
        let closing = opening.and_then(|o| {
            (0..o).rev().find(|&k| {
                let c = &claims[idx[k]];
                c.counted == net_claim.counted
                    && !matches!(
                        c.stage,
                        Some(Stage::Added | Stage::Removed | Stage::TransferredOut)
                    )
            })
        });
        if parts.is_empty() && closing.is_none() {
            continue;
        }
        let change = if decrease { "giảm" } else { "tăng" };
        let mut ok = true;
        let mut evidence = Vec::new();
        if !parts.is_empty() {
            let fits = sum == net;
            ok &= fits;
            evidence.push(format!(
                "{change} {}; các khoản {} = {}{}",
                net.abs(),
                terms.join(" "),
                if sum < 0 {
                    format!("−{}", -sum)
                } else {
                    format!("+{sum}")
                },
                if fits {
                    String::new()
                } else {
                    format!(", không phải {change} {}", net.abs())
                }
            ));
        }
        if let (Some(o), Some(c)) = (opening, closing) {
            let (from, to) = (
                i128::from(claims[idx[o]].value.whole()),
                i128::from(claims[idx[c]].value.whole()),
            );
            let fits = from + net == to;
            ok &= fits;
            evidence.push(format!(
                "{from} {} {} = {}{}",
                if decrease { "−" } else { "+" },
                net.abs(),
                from + net,
                if fits {
                    String::new()
                } else {
                    format!(", văn bản ghi {to}")
                }
            ));
        }
        let evidence = evidence.join("; ");
        out.push(Check {
            claim: idx[n],
            what: "phép tính của câu: đầu kỳ, tăng giảm và các khoản".into(),
            verdict: if ok {
                Verdict::Consistent
            } else {
                Verdict::Inconsistent
            },
            evidence: evidence.clone(),
        });
        for k in parts
            .iter()
            .copied()
            .chain(opening.map(|o| idx[o]))
            .chain(closing.map(|c| idx[c]))
        {
            out.push(part_check(k, net_claim, ok, &evidence));
        }
    }
}

/// A percentage written just after a figure (`11/12 đồng chí (91,7%)`,
/// `… đạt 92 phần trăm`): its value and half a unit of its last digit.
fn percent_after(block: &Block, from: usize) -> Option<(f64, f64)> {
    let t = tokens(&block.text[from..]);
    let window = &t[..t.len().min(8)];
    window.iter().enumerate().find_map(|(j, x)| {
        if !x.digits || j > 5 {
            return None;
        }
        let decimal = window.get(j + 1).is_some_and(|s| s.key == ",")
            && window.get(j + 2).is_some_and(|d| d.digits);
        let (text, k) = if decimal {
            (format!("{}.{}", x.key, window[j + 2].key), j + 3)
        } else {
            (x.key.clone(), j + 1)
        };
        let pct = window.get(k).is_some_and(|s| s.key == "%")
            || (window.get(k).is_some_and(|s| s.key == "phan")
                && window.get(k + 1).is_some_and(|s| s.key == "tram"));
        let decimals = text.split('.').nth(1).map_or(0, str::len);
        let half = 0.5 / 10f64.powi(i32::try_from(decimals).unwrap_or(0));
        pct.then(|| text.parse().ok().map(|v| (v, half))).flatten()
    })
}

/// The text between two byte offsets of a block, as diacritic-free words.
fn keys_between(block: &Block, from: usize, to: usize) -> Vec<String> {
    tokens(&block.text[from..to.max(from)])
        .into_iter()
        .map(|t| t.key)
        .collect()
}

/// `gồm`, `trong đó`, `:` after a figure and before any parenthesis (a
/// `gồm` inside the next part's parentheses opens nothing).
fn opens_list(keys: &[String]) -> bool {
    let keys = &keys[..keys.iter().position(|k| k == "(").unwrap_or(keys.len())];
    keys.iter().any(|k| k == "gom" || k == ":")
        || keys
            .windows(2)
            .any(|w| w[0] == "trong" && (w[1] == "do" || w[1] == "co"))
}

/// Totals followed by `gồm` / `trong đó` / `:` and the parts listed after them
/// (in parentheses, or `x/y`); the parts' sum against the total. A named list
/// (`11/12 đồng chí … gồm: A; B; …`) is counted against its number. Returns
/// the indices of the claims that are parts of a breakdown.
fn breakdowns(blocks: &[Block], claims: &[Claim], out: &mut Vec<Check>) -> Vec<usize> {
    let mut all_parts = Vec::new();
    let mut by_block: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        by_block.entry(c.block).or_default().push(i);
    }
    for (b, idx) in by_block {
        let block = &blocks[b];
        let mut heads: Vec<usize> = Vec::new();
        let mut parts: Vec<usize> = Vec::new();
        for (n, &i) in idx.iter().enumerate() {
            let c = &claims[i];
            let next_start = idx
                .get(n + 1)
                .map_or(block.text.len(), |&j| claims[j].span.0);
            let after = keys_between(block, c.span.1, next_start);
            // A part stays a part whatever follows it (`(8 mô hình); Mô hình: …`).
            let is_part = !heads.is_empty() && (c.in_parens || matches!(c.value, Value::Ratio(..)));
            if is_part {
                parts.push(i);
                continue;
            }
            if !parts.is_empty() {
                settle(claims, &heads, &parts, out);
                all_parts.append(&mut parts);
                heads.clear();
            }
            if opens_list(&after) {
                heads.push(i);
                if idx.get(n + 1).is_none() {
                    names(block, c, i, out);
                }
            }
        }
        if !parts.is_empty() {
            settle(claims, &heads, &parts, out);
            all_parts.append(&mut parts);
        }
    }
    all_parts
}

/// The parts against their total(s).
fn settle(claims: &[Claim], heads: &[usize], parts: &[usize], out: &mut Vec<Check>) {
    let listed = |f: &dyn Fn(&Claim) -> u64| -> (u64, String) {
        let sum = parts.iter().map(|&p| f(&claims[p])).sum();
        let terms = parts
            .iter()
            .map(|&p| f(&claims[p]).to_string())
            .collect::<Vec<_>>()
            .join(" + ");
        (sum, terms)
    };
    let ratios = parts
        .iter()
        .all(|&p| matches!(claims[p].value, Value::Ratio(..)));
    let mut compare = |head: usize, sum: u64, terms: &str, what: &str| {
        let h = &claims[head];
        let ok = h.value.whole() == sum;
        let evidence = format!(
            "{} ghi {}; các phần {} = {sum}{}",
            at(h),
            h.value.whole(),
            terms,
            if ok {
                String::new()
            } else {
                format!(", lệch {}", sum.abs_diff(h.value.whole()))
            }
        );
        let verdict = if ok {
            Verdict::Consistent
        } else {
            Verdict::Inconsistent
        };
        out.push(Check {
            claim: head,
            what: what.into(),
            verdict,
            evidence: evidence.clone(),
        });
        for &p in parts {
            out.push(part_check(p, h, ok, &evidence));
        }
    };
    if ratios {
        // y's add up to the total, x's to the figure meeting the criteria.
        let (total, met): (Vec<usize>, Vec<usize>) = heads
            .iter()
            .partition(|&&h| claims[h].stage != Some(Stage::MeetsCriteria));
        if let Some(&h) = total.last() {
            let (sum, terms) = listed(&|c| c.value.whole());
            compare(
                h,
                sum,
                &terms,
                "tổng ghi so với tổng các phần (mẫu số y của x/y)",
            );
        }
        if let Some(&h) = met.last() {
            let (sum, terms) = listed(&|c| c.value.part());
            compare(
                h,
                sum,
                &terms,
                "số đạt ghi so với tổng các phần (tử số x của x/y)",
            );
        }
    } else {
        let counted = claims[parts[0]].counted;
        let head = heads
            .iter()
            .rev()
            .find(|&&h| claims[h].counted == counted)
            .or(heads.last());
        if let Some(&h) = head {
            let (sum, terms) = listed(&|c| c.value.whole());
            compare(h, sum, &terms, "tổng ghi so với tổng các phần liệt kê");
        }
    }
}

/// `11/12 đồng chí … gồm: A, chức vụ; B, chức vụ; …`: the names after the
/// last list opener, separated by `;`, against the number stated.
fn names(block: &Block, c: &Claim, i: usize, out: &mut Vec<Check>) {
    if !matches!(c.counted, Counted::Individual | Counted::Collective) {
        return;
    }
    let rest = &block.text[c.span.1..];
    let Some(colon) = rest.find(':') else {
        return;
    };
    let items: Vec<&str> = rest[colon + 1..]
        .split(';')
        .map(|s| s.trim().trim_end_matches('.'))
        .filter(|s| s.chars().any(char::is_alphabetic))
        .collect();
    if items.len() < 2 {
        return;
    }
    let want = c.value.part();
    let n = items.len() as u64;
    let first = |s: &str| {
        s.split([',', '-', '–'])
            .next()
            .unwrap_or(s)
            .trim()
            .to_owned()
    };
    out.push(Check {
        claim: i,
        what: "số ghi so với danh sách tên kể ra".into(),
        verdict: if n == want {
            Verdict::Consistent
        } else {
            Verdict::Inconsistent
        },
        evidence: format!(
            "ghi {want}, kể {n} tên ({} … {})",
            first(items[0]),
            first(items[items.len() - 1])
        ),
    });
}

/// The key of a quantity: what is counted, at which levels, at which stage,
/// in which year.
type Key = (
    Counted,
    Vec<Level>,
    Option<Stage>,
    Option<u32>,
    Option<String>,
);

/// The same quantity stated more than once must have one value, unless the
/// additions and removals stated between two statements account for the
/// change.
fn repeated(claims: &[Claim], parts: &[usize], out: &mut Vec<Check>) {
    let mut groups: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        // A named quantity: registered or meeting the criteria, or at a level.
        // A bare `03 mô hình` of one section is not the `05 mô hình` of the next.
        let stock = matches!(c.stage, Some(Stage::Registered | Stage::MeetsCriteria))
            || (c.stage.is_none() && !c.levels.is_empty());
        if stock
            && matches!(c.counted, Counted::Model | Counted::Exemplar)
            && matches!(c.value, Value::Count(_))
            && !c.in_parens
            && !c.sub_count
            && !parts.contains(&i)
        {
            groups
                .entry((
                    c.counted,
                    c.levels.clone(),
                    c.stage,
                    c.year,
                    c.category.clone(),
                ))
                .or_default()
                .push(i);
        }
    }
    for ((counted, levels, stage, year, category), idx) in groups {
        if idx.len() < 2 {
            continue;
        }
        let mut what = describe(counted, &levels, stage, year);
        if let Some(code) = &category {
            what.push_str(&format!(", loại {}", crate::category_name(code)));
        }
        let values: Vec<u64> = idx.iter().map(|&i| claims[i].value.whole()).collect();
        let all = idx
            .iter()
            .map(|&i| format!("{} ({})", claims[i].value.whole(), claims[i].place.label()))
            .collect::<Vec<_>>()
            .join(", ");
        if values.iter().all(|v| *v == values[0]) {
            for &i in &idx {
                out.push(Check {
                    claim: i,
                    what: format!("cùng một số liệu ({what}) nêu nhiều lần"),
                    verdict: Verdict::Consistent,
                    evidence: format!("nêu {} lần, cùng giá trị: {all}", idx.len()),
                });
            }
            continue;
        }
        // Each change from one statement to the next: explained by the
        // additions and removals stated in between, or not.
        let mut why = String::new();
        let mut explained = true;
        for w in idx.windows(2) {
            let (a, b) = (claims[w[0]].value.whole(), claims[w[1]].value.whole());
            if a == b {
                continue;
            }
            let (added, removed) = changes(claims, w[0], w[1], counted, &levels);
            let net = i128::from(a) + i128::from(added) - i128::from(removed);
            explained &= net == i128::from(b);
            why.push_str(&if added + removed > 0 {
                format!("; từ {a} đến {b}: văn bản nêu bổ sung {added}, đưa ra {removed} — {a} + {added} − {removed} = {net}")
            } else {
                format!("; từ {a} đến {b}: văn bản không nêu bổ sung hay đưa ra nào")
            });
        }
        for &i in &idx {
            out.push(Check {
                claim: i,
                what: format!("cùng một số liệu ({what}) nêu nhiều lần"),
                verdict: if explained {
                    Verdict::Consistent
                } else {
                    Verdict::Inconsistent
                },
                evidence: format!("các giá trị: {all}{why}"),
            });
        }
    }
}

/// Added and removed figures stated between two claims (the later one's
/// sentence included) for the same counted thing at the same levels; a
/// category's additions are a part, not a change of the whole.
fn changes(
    claims: &[Claim],
    from: usize,
    to: usize,
    counted: Counted,
    levels: &[Level],
) -> (u64, u64) {
    let (mut added, mut removed) = (0, 0);
    for c in &claims[from + 1..=to] {
        if c.counted != counted || c.in_parens || c.category.is_some() || c.levels != levels {
            continue;
        }
        match c.stage {
            Some(Stage::Added) => added += c.value.whole(),
            Some(Stage::Removed) => removed += c.value.whole(),
            _ => {}
        }
    }
    (added, removed)
}

fn describe(counted: Counted, levels: &[Level], stage: Option<Stage>, year: Option<u32>) -> String {
    let mut s = counted.label().to_owned();
    if let Some(st) = stage {
        s.push(' ');
        s.push_str(st.label());
    }
    for (n, l) in levels.iter().enumerate() {
        s.push_str(if n == 0 { " " } else { " và " });
        s.push_str(l.label());
    }
    if let Some(y) = year {
        s.push_str(&format!(" năm {y}"));
    }
    s
}

/// Honoured ≥ proposed ≥ awarded, per thing counted and year: the first
/// statement of each stage.
fn funnel(claims: &[Claim], out: &mut Vec<Check>) {
    let mut first: BTreeMap<(Counted, Option<u32>), BTreeMap<Stage, usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        if let Some(st @ (Stage::Honoured | Stage::Proposed | Stage::Awarded)) = c.stage {
            first
                .entry((c.counted, c.year))
                .or_default()
                .entry(st)
                .or_insert(i);
        }
    }
    for stages in first.values() {
        let order = [Stage::Honoured, Stage::Proposed, Stage::Awarded];
        let present: Vec<usize> = order
            .iter()
            .filter_map(|s| stages.get(s).copied())
            .collect();
        for w in present.windows(2) {
            let (big, small) = (&claims[w[0]], &claims[w[1]]);
            let ok = small.value.whole() <= big.value.whole();
            let evidence = format!(
                "{} {} {} ≤ {} {} {}",
                small.stage.map_or("", Stage::label),
                small.value.whole(),
                small.place.label(),
                big.stage.map_or("", Stage::label),
                big.value.whole(),
                big.place.label(),
            );
            // Reported once, on the later stage that exceeds the earlier.
            out.push(Check {
                claim: w[1],
                what: "thứ tự tuyên dương ≥ đề nghị khen thưởng ≥ khen thưởng".into(),
                verdict: if ok {
                    Verdict::Consistent
                } else {
                    Verdict::Inconsistent
                },
                evidence: evidence.clone(),
            });
            out.push(reported_on(
                w[0],
                "thứ tự tuyên dương ≥ đề nghị khen thưởng ≥ khen thưởng".into(),
                small,
                ok,
                &evidence,
            ));
        }
    }
}

/// A document cited by the text (`Kế hoạch số 24-KH/TU, ngày 17/3/2021`).
#[derive(Debug, Clone)]
pub struct Citation {
    /// Where.
    pub place: Place,
    /// As written.
    pub text: String,
    /// The paragraph, cell or footnote it is in.
    pub sentence: String,
    /// Kind and number, normalised (`ke hoach 24-KH/TU`).
    pub key: String,
    /// Kind and number as written (`Kế hoạch 24-KH/TU`).
    pub document: String,
    /// (day, month, year).
    pub date: (u32, u32, u32),
}

/// Every `<kind of document> số <number>, ngày <d/m/y>` of the text.
#[must_use]
pub fn citations(blocks: &[Block]) -> Vec<Citation> {
    const KINDS: [&str; 11] = [
        "ke hoach",
        "cong van",
        "quyet dinh",
        "nghi quyet",
        "chi thi",
        "ket luan",
        "huong dan",
        "thong bao",
        "to trinh",
        "bao cao",
        "thong tri",
    ];
    let mut out = Vec::new();
    for b in blocks {
        let t = tokens(&b.text);
        for i in 0..t.len().saturating_sub(3) {
            let kind = format!("{} {}", t[i].key, t[i + 1].key);
            if !KINDS.contains(&kind.as_str()) || t[i + 2].key != "so" {
                continue;
            }
            // The number runs to the comma (or `ngày`).
            let mut j = i + 3;
            while j < t.len() && t[j].key != "," && t[j].key != "ngay" && j < i + 12 {
                j += 1;
            }
            if j == i + 3 || j >= t.len() {
                continue;
            }
            let number: String = b.text[t[i + 3].start..t[j - 1].end]
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_uppercase();
            let mut k = j;
            if t[k].key == "," {
                k += 1;
            }
            if t.get(k).is_none_or(|x| x.key != "ngay") {
                continue;
            }
            let d = |n: usize| {
                t.get(k + n)
                    .filter(|x| x.digits)
                    .and_then(|x| x.key.parse::<u32>().ok())
            };
            let slash = |n: usize| t.get(k + n).is_some_and(|x| x.key == "/");
            let date = match (d(1), slash(2), d(3), slash(4), d(5)) {
                (Some(dd), true, Some(mm), true, Some(yy)) => Some(((dd, mm, yy), k + 5)),
                _ => None,
            };
            if let Some((date, end)) = date {
                out.push(Citation {
                    place: b.place,
                    text: b.text[t[i].start..t[end].end].to_owned(),
                    sentence: b.text.clone(),
                    key: format!("{kind} {number}"),
                    document: format!("{} {number}", &b.text[t[i].start..t[i + 1].end]),
                    date,
                });
            }
        }
    }
    out
}

/// A document cited with two different dates.
#[must_use]
pub fn citation_checks(cites: &[Citation]) -> Vec<(usize, Verdict, String)> {
    let mut by: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in cites.iter().enumerate() {
        by.entry(c.key.as_str()).or_default().push(i);
    }
    let mut out = Vec::new();
    for idx in by.values() {
        if idx.len() < 2 {
            continue;
        }
        let dates: Vec<String> = idx
            .iter()
            .map(|&i| {
                let (d, m, y) = cites[i].date;
                format!("{d}/{m}/{y} ({})", cites[i].place.label())
            })
            .collect();
        let same = idx.iter().all(|&i| cites[i].date == cites[idx[0]].date);
        for &i in idx {
            out.push((
                i,
                if same {
                    Verdict::Consistent
                } else {
                    Verdict::Inconsistent
                },
                format!("dẫn {} lần: {}", idx.len(), dates.join(", ")),
            ));
        }
    }
    out
}
