//! Which file counts as each unit's return for each period, and why the
//! others do not.
//!
//! The rules, in order (each documented for users in `docs/dau-vao-dau-ra.md`):
//! 1. a file that could not be read counts for nothing;
//! 2. a return from a unit that was not on the roster at the period's deadline
//!    (it had left, or not joined yet) is not counted (`RETURN_UNIT_INACTIVE`);
//! 3. a file byte-for-byte identical to one read before is a copy: in the
//!    same period it is counted once (`RETURN_COPY`), in a later period it is
//!    the earlier return sent again and is not counted (`RETURN_OTHER_PERIOD`);
//! 4. a return whose date line places it in another period's window is not
//!    counted for this one (`RETURN_OTHER_PERIOD`): before the period opened
//!    (an old return sent again) or after the next period's deadline (the next
//!    period's return in the wrong folder). Only a date written in the
//!    document decides this; a date outside the campaign or after today is
//!    not believed (reconcile reports it);
//! 5. of a unit's remaining files for a period, the latest document date
//!    (then the latest file time, then the name) is its return; the others
//!    are superseded (`RETURN_SUPERSEDED`).

use std::collections::HashMap;
use tonghop_core::{finding, DateSource, Finding, Reference, Return};

/// What became of a whole file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReturnState {
    /// The unit's return for the period.
    Used,
    /// An older version of the unit's return.
    Superseded,
    /// A byte-for-byte copy of another file of the period, counted once.
    Copy,
    /// Not counted: its unit was not on the roster at the deadline, or it
    /// belongs to another period (see the module's rules).
    Excluded,
    /// Could not be read.
    Unreadable,
}

impl ReturnState {
    /// The Vietnamese label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            ReturnState::Used => "dùng",
            ReturnState::Superseded => "bị thay thế",
            ReturnState::Copy => "bản sao",
            ReturnState::Excluded => "không tính",
            ReturnState::Unreadable => "không đọc được",
        }
    }
    /// Why its rows do not count, for the lineage.
    #[must_use]
    pub fn reason(self) -> &'static str {
        match self {
            ReturnState::Used => "",
            ReturnState::Superseded => "file đã được thay bằng bản mới hơn",
            ReturnState::Copy => "file là bản sao y hệt của một file khác cùng kỳ",
            ReturnState::Excluded => {
                "file không được tính cho kỳ này (đơn vị không có trong danh sách vào hạn nộp, hoặc là báo cáo của kỳ khác)"
            }
            ReturnState::Unreadable => "không đọc được file",
        }
    }
    /// The code of the frame's `aside` column: 0 when used.
    pub(crate) fn aside(self) -> u8 {
        match self {
            ReturnState::Used => 0,
            ReturnState::Superseded => 1,
            ReturnState::Copy => 2,
            ReturnState::Excluded => 3,
            ReturnState::Unreadable => 4,
        }
    }
}

/// How one file was used.
#[derive(Debug, Clone)]
pub struct ReturnUse {
    /// Index into the returns given to [`crate::consolidate`].
    pub index: usize,
    /// The unit key: roster code, or the detected name.
    pub unit: String,
    /// Used, superseded, a copy, excluded or unreadable.
    pub state: ReturnState,
}

/// The unit key of a return: its roster code, or the name it was detected by.
#[must_use]
pub fn unit_key(r: &Return) -> String {
    r.unit.code.clone().unwrap_or_else(|| r.unit.name.clone())
}

/// A unit's name as a key that ignores how it was written: case,
/// diacritics, abbreviations spelled out (`CB`, `ĐBCS`, `GTVT`), the words of
/// a unit's kind at its start (`Chi bộ`, `Đảng bộ cơ sở`) and the word `số`
/// before a number: `CHI BỘ SỞ TƯ PHÁP`, `CB Sở Tư pháp` and `Chi bo So Tu
/// phap` are one key.
fn name_key(
    v: &tonghop_text::Vocabulary,
    abbreviations: &tonghop_text::Abbreviations,
    name: &str,
) -> String {
    let expanded = abbreviations.expand(name);
    let mut rest = expanded.as_str();
    while let Some(t) = v.opening("mo_dau_don_vi", rest) {
        let after = rest[t.key.len()..].trim_start();
        let after = after.strip_prefix("co so").map_or(after, str::trim_start);
        if after.split(' ').count() < 2 {
            break;
        }
        rest = after;
    }
    tonghop_text::designated(rest)
}

/// Without a roster entry, a unit is known by the name it was read by: the
/// returns whose names are one key ([`name_key`]) are one unit, shown by the
/// name of its first return — across periods as within one.
fn same_unit_by_name(uses: &mut [ReturnUse], returns: &[Return], reference: &Reference) {
    if returns.iter().all(|r| r.unit.code.is_some()) {
        return;
    }
    let (v, _) = tonghop_text::Vocabulary::for_campaign(&reference.words);
    let mut abbreviations = tonghop_text::Abbreviations::of(&v);
    for (short, full) in &reference.abbreviations {
        abbreviations.add(short, full);
    }
    let mut shown: HashMap<String, String> = HashMap::new();
    for (u, r) in uses.iter_mut().zip(returns) {
        if r.unit.code.is_some() || r.unit.name.trim().is_empty() {
            continue;
        }
        let key = name_key(&v, &abbreviations, &r.unit.name);
        if key.is_empty() {
            continue;
        }
        u.unit
            .clone_from(shown.entry(key).or_insert_with(|| r.unit.name.clone()));
    }
}

/// Decides which file counts as each unit's return per period (the module's
/// rules), with a finding for every file set aside.
#[must_use]
pub fn choose_returns(returns: &[Return], reference: &Reference) -> (Vec<ReturnUse>, Vec<Finding>) {
    let mut uses: Vec<ReturnUse> = returns
        .iter()
        .enumerate()
        .map(|(index, r)| ReturnUse {
            index,
            unit: unit_key(r),
            state: if r.readable {
                ReturnState::Used
            } else {
                ReturnState::Unreadable
            },
        })
        .collect();
    same_unit_by_name(&mut uses, returns, reference);
    let mut findings = Vec::new();
    let period_index: HashMap<&str, usize> = reference
        .periods
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    // Rule 2, then 3 (copies), then 4 (dates): a copy is said as a copy.
    let exclude = |uses: &mut [ReturnUse],
                   findings: &mut Vec<Finding>,
                   rule: &dyn Fn(&Return, usize) -> Option<Finding>| {
        for (i, r) in returns.iter().enumerate() {
            if uses[i].state != ReturnState::Used {
                continue;
            }
            let Some(&pi) = period_index.get(r.period.as_str()) else {
                continue;
            };
            if let Some(f) = rule(r, pi) {
                uses[i].state = ReturnState::Excluded;
                findings.push(f.period(&r.period).unit(&uses[i].unit).file(&r.rel));
            }
        }
    };
    let positions = reference.unit_positions();
    exclude(&mut uses, &mut findings, &|r, pi| {
        inactive_unit(r, pi, reference, &positions)
    });
    copies(returns, reference, &period_index, &mut uses, &mut findings);
    exclude(&mut uses, &mut findings, &|r, pi| {
        other_period(r, pi, reference)
    });
    supersede(returns, &mut uses, &mut findings);
    (uses, findings)
}

/// Rule 3: byte-identical files. In reading order (period, then file), the
/// first is the original; a later one in its period is a copy, counted once;
/// in a later period it is the old return sent again, not counted.
fn copies(
    returns: &[Return],
    reference: &Reference,
    period_index: &HashMap<&str, usize>,
    uses: &mut [ReturnUse],
    findings: &mut Vec<Finding>,
) {
    let mut order: Vec<usize> = (0..returns.len())
        .filter(|&i| returns[i].readable && returns[i].content.is_some())
        .collect();
    order.sort_by_key(|&i| {
        (
            period_index.get(returns[i].period.as_str()).copied(),
            returns[i].rel.clone(),
        )
    });
    let mut first: HashMap<(u64, u64, u64), usize> = HashMap::new();
    for i in order {
        let Some(content) = returns[i].content else {
            continue;
        };
        let Some(&o) = first.get(&content) else {
            first.insert(content, i);
            continue;
        };
        let (copy, original) = (&returns[i], &returns[o]);
        if copy.period == original.period {
            if uses[i].state == ReturnState::Used {
                uses[i].state = ReturnState::Copy;
            }
            findings.push(
                finding!(ReturnCopy, ban_goc = original.rel)
                    .period(&copy.period)
                    .unit(&uses[i].unit)
                    .file(&copy.rel),
            );
        } else if uses[i].state == ReturnState::Used {
            uses[i].state = ReturnState::Excluded;
            let name = reference
                .periods
                .iter()
                .find(|p| p.id == original.period)
                .map_or(original.period.as_str(), |p| p.name.as_str());
            findings.push(
                finding!(
                    ReturnOtherPeriod,
                    "ban_cu",
                    ban_goc = original.rel,
                    ky_goc = name
                )
                .period(&copy.period)
                .unit(&uses[i].unit)
                .file(&copy.rel),
            );
        }
    }
}

/// Rule 5: of a unit's files left for a period, the latest wins.
fn supersede(returns: &[Return], uses: &mut [ReturnUse], findings: &mut Vec<Finding>) {
    let mut groups: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, r) in returns.iter().enumerate() {
        if uses[i].state == ReturnState::Used {
            groups
                .entry((r.period.as_str(), uses[i].unit.as_str()))
                .or_default()
                .push(i);
        }
    }
    let mut keys: Vec<_> = groups.keys().copied().collect();
    keys.sort_unstable();
    let mut superseded = Vec::new();
    for k in keys {
        let idx = &groups[&k];
        if idx.len() < 2 {
            continue;
        }
        let winner = *idx
            .iter()
            .max_by_key(|&&i| (returns[i].date, returns[i].mtime, returns[i].rel.clone()))
            .unwrap_or(&idx[0]);
        for &i in idx {
            if i != winner {
                superseded.push(i);
                let (old, new) = (&returns[i], &returns[winner]);
                findings.push(
                    finding!(
                        ReturnSuperseded,
                        ngay = old.date.map(|d| d.to_string()).unwrap_or_default(),
                        ban_moi = new.rel,
                        ngay_moi = new.date.map(|d| d.to_string()).unwrap_or_default()
                    )
                    .period(&old.period)
                    .unit(k.1)
                    .file(&old.rel),
                );
            }
        }
    }
    for i in superseded {
        uses[i].state = ReturnState::Superseded;
    }
}

/// Rule 2: the unit was not on the roster at the period's deadline.
fn inactive_unit(
    r: &Return,
    pi: usize,
    reference: &Reference,
    positions: &HashMap<&str, usize>,
) -> Option<Finding> {
    let p = &reference.periods[pi];
    let deadline = p.deadline?;
    let u = reference
        .units
        .get(*positions.get(r.unit.code.as_deref()?)?)?;
    if u.active_on(deadline) {
        return None;
    }
    match (u.to, u.from) {
        (Some(to), _) if to < deadline => Some(finding!(
            ReturnUnitInactive,
            "da_roi",
            ten_don_vi = u.name,
            den_ngay = to,
            han = deadline,
            ky = p.name
        )),
        (_, Some(from)) => Some(finding!(
            ReturnUnitInactive,
            "chua_co",
            ten_don_vi = u.name,
            tu_ngay = from,
            han = deadline,
            ky = p.name
        )),
        _ => None,
    }
}

/// Rule 4: the date line places the return in another period's window.
fn other_period(r: &Return, pi: usize, reference: &Reference) -> Option<Finding> {
    if !matches!(r.date_source, DateSource::Text | DateSource::TextMonth) {
        return None;
    }
    let (first, last) = r.date_span()?;
    if reference.implausible(first, last).is_some() {
        return None;
    }
    let (opens, closes) = reference.window(pi);
    let p = &reference.periods[pi];
    if let Some(opens) = opens.filter(|o| last < *o) {
        let earlier = (0..pi)
            .rev()
            .find(|&j| {
                let (o, _) = reference.window(j);
                o.is_none_or(|o| first >= o)
            })
            .map(|j| format!(" — đây là báo cáo của kỳ \"{}\"", reference.periods[j].name))
            .unwrap_or_default();
        return Some(finding!(
            ReturnOtherPeriod,
            "truoc_ky",
            ngay = r.date_shown(),
            can_cu = r.date_evidence,
            ky = p.name,
            bat_dau = opens,
            ky_dung = earlier
        ));
    }
    if let Some(closes) = closes.filter(|c| first > *c) {
        let next = &reference.periods[pi + 1];
        return Some(finding!(
            ReturnOtherPeriod,
            "sau_ky",
            ngay = r.date_shown(),
            can_cu = r.date_evidence,
            han_ky_sau = closes,
            ky_sau = next.name,
            ky = p.name
        ));
    }
    None
}
