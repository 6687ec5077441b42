//! Figures a return states at a stage of commendation (`Tuyên dương 05 tập
//! thể, 08 cá nhân; đề nghị Đảng ủy Khối khen thưởng 02 tập thể`) against
//! the entities its own list puts at that stage, and each stated stage
//! against the one before it.
//!
//! A stated figure's stage is read from its words as an entity's
//! commendation cell is ([`entity_stages`]), so that the two are counted the
//! same way: a later stage implies the earlier ones, and the figure stands
//! at the furthest stage its words name. Its scope is the statement's sheet
//! when that sheet lists the subject, else the whole return.

use crate::commendation::{entity_stages, EntityStages, FunnelStage, Row};
use crate::CountedRows;
use std::collections::{HashMap, HashSet};
use tonghop_consolidate::{Consolidated, ReturnState};
use tonghop_core::{Finding, Return, StatedStage, Subject};
use tonghop_text::Vocabulary;

/// How many names a finding lists before `… và N khác`.
const NAMES_SHOWN: usize = 12;

/// One listed entity of a return: its sheet, name and stages.
struct Listed<'a> {
    sheet: &'a str,
    subject: Subject,
    name: &'a str,
    stages: EntityStages,
}

fn noun(subject: Subject) -> &'static str {
    match subject {
        Subject::Model => "tập thể",
        Subject::Exemplar => "cá nhân",
    }
}

/// `: A; B; C` (at most [`NAMES_SHOWN`], then `… và N khác`).
fn names(list: &[&Listed]) -> String {
    if list.is_empty() {
        return String::new();
    }
    let mut out = String::from(": ");
    for (k, l) in list.iter().take(NAMES_SHOWN).enumerate() {
        if k > 0 {
            out.push_str("; ");
        }
        out.push_str(l.name);
    }
    if list.len() > NAMES_SHOWN {
        out.push_str(&format!(" và {} khác", list.len() - NAMES_SHOWN));
    }
    out
}

/// Checks every used return's stated stages against the exemplars
/// (`people`) and models (`groups`) it lists.
pub(crate) fn check(
    returns: &[Return],
    cons: &Consolidated,
    counted: &CountedRows,
    v: &Vocabulary,
    (people, groups): (&[Row], &[Row]),
    findings: &mut Vec<Finding>,
) {
    if returns.iter().all(|r| r.stages.is_empty()) {
        return;
    }
    let entity: HashMap<(&str, &str), (Subject, &Row)> = people
        .iter()
        .map(|r| (Subject::Exemplar, r))
        .chain(groups.iter().map(|r| (Subject::Model, r)))
        .map(|(s, r)| ((r.period(), r.id()), (s, r)))
        .collect();
    for (i, r) in returns.iter().enumerate() {
        if r.stages.is_empty() || cons.returns[i].state != ReturnState::Used {
            continue;
        }
        // The entities the return lists, once each (a name listed twice
        // is one entity), by the sheet that lists it first.
        let mut seen = HashSet::new();
        let mut listed: Vec<Listed> = Vec::new();
        for sheet in &r.sheets {
            let Some(rows) = counted.get(&(r.rel.as_str(), sheet.name.as_str())) else {
                continue;
            };
            for &(_, _, id) in rows {
                let Some(&(subject, e)) = id.and_then(|id| entity.get(&(r.period.as_str(), id)))
                else {
                    continue;
                };
                if seen.insert((subject, e.id())) {
                    listed.push(Listed {
                        sheet: &sheet.name,
                        subject,
                        name: e.name(),
                        stages: entity_stages(v, e.said(), e.stage()),
                    });
                }
            }
        }
        stated_in(r, &cons.returns[i].unit, &listed, v, findings);
    }
}

/// One return's stated stages against its listed entities.
fn stated_in(
    r: &Return,
    unit: &str,
    listed: &[Listed],
    v: &Vocabulary,
    findings: &mut Vec<Finding>,
) {
    // Each stated figure with its stage; figures whose words name no
    // stage the funnel counts (an honour-book entry) are left out.
    let stated: Vec<(&StatedStage, FunnelStage)> = r
        .stages
        .iter()
        .filter_map(|s| Some((s, entity_stages(v, &s.clause, "").furthest()?)))
        .collect();
    for &(s, stage) in &stated {
        let own_sheet = listed
            .iter()
            .any(|l| l.sheet == s.sheet && l.subject == s.subject);
        let scope: Vec<&Listed> = listed
            .iter()
            .filter(|l| l.subject == s.subject && (!own_sheet || l.sheet == s.sheet))
            .collect();
        let at: Vec<&Listed> = scope
            .iter()
            .copied()
            .filter(|l| l.stages.at(stage))
            .collect();
        let place = |f: Finding| {
            f.period(&r.period)
                .unit(unit)
                .file(&r.rel)
                .at(&s.sheet, Some(s.row))
        };
        if i64::try_from(at.len()).unwrap_or(i64::MAX) != s.value {
            let said_any = scope.iter().any(|l| l.stages.furthest().is_some());
            let ten = if at.is_empty() && !said_any {
                format!(
                    " (danh sách không ghi khen thưởng cho {} nào)",
                    noun(s.subject)
                )
            } else {
                names(&at)
            };
            findings.push(place(tonghop_core::finding!(
                StageMismatch,
                ghi = s.value,
                doi_tuong = noun(s.subject),
                giai_doan = stage.label(),
                chu = s.text.clone(),
                dem = at.len(),
                ten = ten
            )));
        }
        // The stage before: the nearest earlier one this return states,
        // else the entities it registers.
        let mut before = stage.before();
        let earlier = loop {
            match before {
                None => break None,
                Some(b) => {
                    if let Some(&(e, _)) = stated
                        .iter()
                        .find(|(e, st)| *st == b && e.subject == s.subject)
                    {
                        break Some((e.value, b.label()));
                    }
                    before = b.before();
                }
            }
        };
        let (truoc, giai_doan_truoc) = match earlier {
            Some(e) => e,
            None if !scope.is_empty() => (
                i64::try_from(scope.len()).unwrap_or(i64::MAX),
                "đăng ký trong danh sách",
            ),
            None => continue,
        };
        if s.value > truoc {
            let ten = if at.is_empty() {
                String::new()
            } else {
                format!("; danh sách ghi {}{}", stage.label(), names(&at))
            };
            findings.push(place(tonghop_core::finding!(
                StageExceeds,
                ghi = s.value,
                doi_tuong = noun(s.subject),
                giai_doan = stage.label(),
                truoc = truoc,
                giai_doan_truoc = giai_doan_truoc,
                chu = s.text.clone(),
                ten = ten
            )));
        }
    }
}
