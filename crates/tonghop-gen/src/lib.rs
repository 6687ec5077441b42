//! Sample corpora of branch returns, with their ground truth.
//!
//! What enters: a [`Scenario`] (sizes and planted changes) and a seed. What
//! leaves: an INPUTS folder — `danh-muc.xlsx` and one folder per period of
//! returns in several layouts — and a [`Truth`] (the distinct entities each period
//! really has, the bridge terms, and every problem planted), written as JSON
//! beside the corpus, never inside it.
//!
//! The sample corpus ([`Scenario::sample`]) tells the story of the seed report:
//! 324 models and 597 exemplars at the 2022 review, 309 and 568 at the 2023
//! review, the gap made of removals, additions and the banking units that moved
//! to the central level.
#![deny(missing_docs)]
// Units, entities and periods are numbered; indexing by number reads best here.
#![allow(clippy::needless_range_loop)]

pub mod memory;
mod names;
mod rng;
pub mod unseen;
mod word;
mod world;
mod write;

pub use world::{Changes, Scenario};

use rng::Rng;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use tonghop_core::{Date, Level};
use tonghop_text::legacy::{encode, Legacy};
use unicode_normalization::UnicodeNormalization;
use world::World;
use write::{Line, ReturnDoc};

/// A target row of `danh-muc.xlsx`.
#[derive(Debug, Clone)]
pub struct TargetDef {
    /// Models (else exemplars).
    pub model: bool,
    /// Category code.
    pub category: Option<String>,
    /// Level.
    pub level: Level,
    /// Unit kind for per-unit minimums.
    pub unit_kind: Option<&'static str>,
    /// Number.
    pub count: u32,
}

/// What the corpus really holds.
#[derive(Debug, Clone, Serialize)]
pub struct Truth {
    /// Scenario in words.
    pub description: String,
    /// Per period id.
    pub periods: BTreeMap<String, PeriodTruth>,
    /// Bridge terms per consecutive pair and subject.
    pub bridges: Vec<BridgeTruth>,
    /// Problems planted on purpose.
    pub planted: Vec<Planted>,
    /// The distinct active entities of each period.
    pub entities: Vec<EntityTruth>,
}

/// One distinct active entity of one period, as the generator made it.
#[derive(Debug, Clone, Serialize)]
pub struct EntityTruth {
    /// Period id.
    pub period: String,
    /// `model` or `exemplar`.
    pub kind: &'static str,
    /// Roster code of the unit it belongs to.
    pub unit: String,
    /// Model name or full name (in its usual spelling).
    pub name: String,
    /// Implementing unit or workplace.
    pub owner: String,
    /// Level code in this period.
    pub level: &'static str,
    /// Category code (models).
    pub category: &'static str,
}

/// Distinct active entities of one period.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PeriodTruth {
    /// Distinct active models.
    pub models: u64,
    /// Distinct active exemplars.
    pub exemplars: u64,
    /// Models by level code.
    pub models_by_level: BTreeMap<String, u64>,
    /// Exemplars by level code.
    pub exemplars_by_level: BTreeMap<String, u64>,
    /// Models by category code.
    pub models_by_category: BTreeMap<String, u64>,
    /// Return files written (including superseded and corrupt ones).
    pub files: usize,
    /// Entity rows written in the files that count.
    pub data_rows: usize,
}

/// One bridge as the generator knows it.
#[derive(Debug, Clone, Serialize)]
pub struct BridgeTruth {
    /// Earlier period.
    pub from: String,
    /// Later period.
    pub to: String,
    /// `models` or `exemplars`.
    pub subject: String,
    /// Terms.
    pub opening: u64,
    /// Added.
    pub added: u64,
    /// Removed.
    pub removed: u64,
    /// Transferred out.
    pub transferred_out: u64,
    /// Not reported.
    pub not_reported: u64,
    /// Unexplained.
    pub unexplained: u64,
    /// Closing.
    pub closing: u64,
}

/// A problem planted on purpose, which the tool must find.
#[derive(Debug, Clone, Serialize)]
pub struct Planted {
    /// Finding code expected.
    pub code: String,
    /// Period id.
    pub period: String,
    /// Roster code.
    pub unit: String,
    /// File relative to INPUTS (empty for a missing return).
    pub file: String,
}

/// Generator errors.
#[derive(Debug)]
pub struct GenError(String);

impl std::fmt::Display for GenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GenError {}

fn err(e: impl std::fmt::Display) -> GenError {
    GenError(e.to_string())
}

/// Writing in the other tone-placement style (`hoà` ↔ `hòa`, `thuỷ` ↔ `thủy`).
fn new_tone_style(s: &str) -> String {
    const PAIRS: &[(&str, &str)] = &[
        ("oà", "òa"),
        ("oá", "óa"),
        ("oả", "ỏa"),
        ("oã", "õa"),
        ("oạ", "ọa"),
        ("oè", "òe"),
        ("oé", "óe"),
        ("oẻ", "ỏe"),
        ("oẽ", "õe"),
        ("oẹ", "ọe"),
        ("uỳ", "ùy"),
        ("uý", "úy"),
        ("uỷ", "ủy"),
        ("uỹ", "ũy"),
        ("uỵ", "ụy"),
        ("Uỷ", "Ủy"),
        ("UỶ", "ỦY"),
    ];
    let mut out = String::with_capacity(s.len());
    for word in s.split_inclusive(' ') {
        let (w, sp) = word.strip_suffix(' ').map_or((word, ""), |w| (w, " "));
        let mut w2 = w.to_owned();
        for (old, new) in PAIRS {
            if let Some(stem) = w2.strip_suffix(old) {
                // `qu` + vowel keeps its placement (`quý`): only touch true diphthongs.
                if !stem.to_lowercase().ends_with('q') {
                    w2 = format!("{stem}{new}");
                }
                break;
            }
        }
        out.push_str(&w2);
        out.push_str(sp);
    }
    out
}

/// The targets of plan 46 (seed 001).
fn targets() -> Vec<TargetDef> {
    let mut t: Vec<TargetDef> = [
        ("to_chuc_dang", 3),
        ("san_xuat_kinh_doanh", 5),
        ("giao_duc", 2),
        ("y_te", 1),
        ("co_quan_don_vi", 5),
    ]
    .iter()
    .map(|(c, n)| TargetDef {
        model: true,
        category: Some((*c).to_owned()),
        level: Level::Khoi,
        unit_kind: None,
        count: *n,
    })
    .collect();
    for model in [true, false] {
        for level in [Level::Khoi, Level::CoSo] {
            t.push(TargetDef {
                model,
                category: None,
                level,
                unit_kind: Some(names::DT),
                count: 5,
            });
        }
    }
    t
}

/// The last period, the one the commendation of the phase is judged in.
const LAST: usize = 2;

/// The seed 002 funnel, as the returns write each stage (in order: proposed
/// to the province and awarded by the committee, awarded, proposed,
/// honoured) and how many collectives and individuals are at it: 54 and 69
/// honoured, 23 and 29 proposed, 20 and 20 awarded, 2 and 4 proposed to
/// the province.
const STAGES: [(&str, usize, usize); 4] = [
    (
        "Giấy khen của Đảng ủy Khối; đề nghị UBND tỉnh tặng Bằng khen",
        2,
        4,
    ),
    ("Giấy khen của Đảng ủy Khối", 18, 16),
    ("Đề nghị khen thưởng", 3, 9),
    ("Tuyên dương", 31, 40),
];

/// Ratings and commendations of the last period, by entity: every model
/// rated for 2021 and 2022 (excellent in 2022, so that the leaders its
/// unit proposes meet the rule of their collective), and the seed 002
/// funnel spread over the listed entities of the returns in Excel (not the
/// Word ones, not the entity two units list), each staged individual rated
/// with one excellent year.
fn merit(
    world: &World,
    cross: Option<usize>,
    word_return: &dyn Fn(usize, usize) -> bool,
) -> std::collections::HashMap<usize, (String, String)> {
    let mut out = std::collections::HashMap::new();
    let listed = |i: usize| {
        let e = &world.entities[i];
        e.active[LAST]
            && world.sends(e.unit, LAST)
            && !word_return(e.unit, LAST)
            && Some(i) != cross
    };
    for model in [true, false] {
        let candidates: Vec<usize> = (0..world.entities.len())
            .filter(|&i| world.entities[i].model == model && listed(i))
            .collect();
        if model {
            for (n, &i) in candidates.iter().enumerate() {
                let first = if n % 3 == 0 { "HTXSNV" } else { "HTTNV" };
                out.insert(i, (format!("2021: {first}; 2022: HTXSNV"), String::new()));
            }
        }
        let wanted: usize = STAGES
            .iter()
            .map(|(_, m, e)| if model { *m } else { *e })
            .sum();
        let wanted = wanted.min(candidates.len());
        // Spread over the list: every (len / wanted)-th entity.
        let picked: Vec<usize> = (0..wanted)
            .map(|j| candidates[j * candidates.len() / wanted.max(1)])
            .collect();
        let mut next = picked.iter();
        for (text, m, e) in STAGES {
            for _ in 0..if model { m } else { e } {
                let Some(&i) = next.next() else { break };
                let entry = out.entry(i).or_insert_with(|| {
                    let ratings = if i % 2 == 0 {
                        "2021: HTXSNV; 2022: HTTNV"
                    } else {
                        "2021: HTTNV; 2022: HTXSNV"
                    };
                    (ratings.to_owned(), String::new())
                });
                entry.1 = text.to_owned();
            }
        }
    }
    out
}

fn kind_folder(kind: &str) -> &'static str {
    match kind {
        names::DB => "Dang bo co so",
        names::CB => "Chi bo co so",
        _ => "Doan the",
    }
}

fn prefix(kind: &str) -> &'static str {
    match kind {
        names::DB => "DB ",
        names::CB => "CB ",
        _ => "",
    }
}

/// Writes a corpus into `out` (created if needed; existing returns of the same
/// names are overwritten) and returns its truth.
///
/// # Errors
/// When a file cannot be written.
#[allow(clippy::too_many_lines)]
pub fn generate(scenario: &Scenario, seed: u64, out: &Path) -> Result<Truth, GenError> {
    let mut rng = Rng::new(seed);
    let mut world = World::build(scenario, &mut rng);
    let units = world.units.clone();
    let n_units = units.len();
    let planted_units: Vec<usize> = (0..n_units)
        .filter(|&u| {
            !units[u].bank
                && units[u].joined.is_none()
                && units[u].sector != names::Sector::MassOrg
                && !world.missing[0].contains(&u)
        })
        .collect();
    let pick = |k: usize| {
        planted_units
            .get(k % planted_units.len().max(1))
            .copied()
            .unwrap_or(0)
    };
    let (late_u, total_u, super_u, corrupt_u, dup_u, nfd_u) =
        (pick(1), pick(2), pick(3), pick(4), pick(5), pick(6));
    // Returns typed with legacy fonts: TCVN3 (.VnTime) and VNI.
    let (tcvn3_u, vni_u) = (pick(7), pick(8));
    // Same name, two workplaces: two people.
    if scenario.messy {
        let ex: Vec<usize> = (0..world.entities.len())
            .filter(|&i| !world.entities[i].model && world.entities[i].active == [true, true, true])
            .collect();
        if let (Some(&a), Some(&b)) = (
            ex.first(),
            ex.iter().find(|&&i| {
                world.entities[i].unit != world.entities[ex[0]].unit
                    && world.entities[i].owner != world.entities[ex[0]].owner
            }),
        ) {
            let name = world.entities[a].name.clone();
            world.entities[b].name = name;
        }
    }
    // The same person listed by two returns: an exemplar of one unit also listed by another.
    let cross: Option<(usize, usize)> = if scenario.messy {
        (0..world.entities.len())
            .find(|&i| {
                let e = &world.entities[i];
                !e.model
                    && e.active == [true, true, true]
                    && planted_units.contains(&e.unit)
                    && e.unit != late_u
            })
            .and_then(|i| {
                planted_units
                    .iter()
                    .copied()
                    .find(|&u| u != world.entities[i].unit && u != super_u && u != nfd_u)
                    .map(|u| (i, u))
            })
    } else {
        None
    };
    std::fs::create_dir_all(out).map_err(err)?;
    let cat_labels = |c: usize, rng: &mut Rng| -> String {
        let labels = names::CATEGORIES[c].1;
        labels[rng.below(labels.len())].to_owned()
    };
    // A few units of the sample type their return in Word (none that
    // carries a planted problem: its figures stay the same).
    let special = [
        late_u, total_u, super_u, corrupt_u, dup_u, nfd_u, tcvn3_u, vni_u,
    ];
    let word_return = |u: usize, k: usize| {
        scenario.word_returns && !special.contains(&u) && (u + 3 * k) % 19 == 7
    };
    let merit = merit(&world, cross.map(|(i, _)| i), &word_return);
    let mut planted = Vec::new();
    let mut truth_periods = BTreeMap::new();
    let mut entities = Vec::new();
    // Entities counted per period (generator ids), and their status.
    let mut counted: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); 3];
    let mut listed_removed: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); 3];
    let mut sent: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); 3];
    // Each unit's entities, in order: looked up per unit and period (a scan
    // of all entities there made a large corpus quadratic).
    let mut by_unit: Vec<Vec<usize>> = vec![Vec::new(); n_units];
    for (i, e) in world.entities.iter().enumerate() {
        if let Some(list) = by_unit.get_mut(e.unit) {
            list.push(i);
        }
    }
    for k in 0..3 {
        let period = world.periods[k].clone();
        let mut pt = PeriodTruth::default();
        for u in 0..n_units {
            if !world.sends(u, k) {
                if units[u].active_on(period.deadline) {
                    planted.push(Planted {
                        code: "RETURN_MISSING".into(),
                        period: period.id.into(),
                        unit: units[u].code.clone(),
                        file: String::new(),
                    });
                }
                continue;
            }
            sent[k].insert(u);
            let mut ids: Vec<usize> = by_unit[u]
                .iter()
                .copied()
                .filter(|&i| world.entities[i].active[k] || world.entities[i].removed[k])
                .collect();
            if let Some((i, host)) = cross {
                if host == u && world.entities[i].active[k] {
                    ids.push(i);
                    planted.push(Planted {
                        code: "DUPLICATE_MERGED".into(),
                        period: period.id.into(),
                        unit: String::new(),
                        file: String::new(),
                    });
                }
            }
            let line = |i: usize, rng: &mut Rng| -> Line {
                let e = &world.entities[i];
                let note = if e.removed[k] {
                    "Loại khỏi danh sách (không đạt tiêu chí)".to_owned()
                } else if k > 0 && !e.active[k - 1] {
                    "Bổ sung".to_owned()
                } else {
                    String::new()
                };
                let (ratings, commendation) = if k == LAST {
                    merit.get(&i).cloned().unwrap_or_default()
                } else {
                    Default::default()
                };
                Line {
                    name: e.name.clone(),
                    owner: e.owner.clone(),
                    position: e.position.clone(),
                    category_label: if e.model {
                        cat_labels(e.category, rng)
                    } else {
                        String::new()
                    },
                    level: e.level[k],
                    note,
                    ratings,
                    commendation,
                }
            };
            let mut models: Vec<Line> = Vec::new();
            let mut exemplars: Vec<Line> = Vec::new();
            for &i in &ids {
                let l = line(i, &mut rng);
                if world.entities[i].model {
                    models.push(l);
                } else {
                    exemplars.push(l);
                }
                if world.entities[i].active[k] {
                    counted[k].insert(i);
                } else {
                    listed_removed[k].insert(i);
                }
            }
            let messy = scenario.messy;
            // Within one return, the same model twice, spelled a little differently.
            if messy && k == 2 && u == dup_u && !models.is_empty() {
                let mut again = models[0].clone();
                again.name = format!("{}.", again.name.replace(' ', "  "));
                models.push(again);
                planted.push(Planted {
                    code: "DUPLICATE_MERGED".into(),
                    period: period.id.into(),
                    unit: units[u].code.clone(),
                    file: String::new(),
                });
            }
            pt.data_rows += models.len() + exemplars.len();
            let unit = &units[u];
            let folder = out.join(period.id).join(kind_folder(unit.kind));
            std::fs::create_dir_all(&folder).map_err(err)?;
            let stem = format!("BC mo hinh - {}{}", prefix(unit.kind), unit.abbrev);
            let days_before = i64::try_from(1 + rng.below(9)).unwrap_or(1);
            let mut date =
                Date::from_days_since_epoch(period.deadline.days_since_epoch() - days_before);
            let late = messy && k == 1 && u == late_u;
            if late {
                date = Date::from_days_since_epoch(period.deadline.days_since_epoch() + 5);
            }
            let nfd = |s: &str| s.nfd().collect::<String>();
            let plain = |s: &str| s.to_owned();
            let newer = |s: &str| new_tone_style(s);
            let tcvn3 = |s: &str| encode(s, Legacy::Tcvn3);
            let vni = |s: &str| encode(s, Legacy::Vni);
            let legacy = if messy && k == 0 && u == tcvn3_u {
                Some(Legacy::Tcvn3)
            } else if messy && k == 1 && u == vni_u {
                Some(Legacy::Vni)
            } else {
                None
            };
            let tx: &dyn Fn(&str) -> String = if messy && k == 1 && u == nfd_u {
                &nfd
            } else if legacy == Some(Legacy::Tcvn3) {
                &tcvn3
            } else if legacy == Some(Legacy::Vni) {
                &vni
            } else if k == 2 && u % 2 == 0 {
                &newer
            } else {
                &plain
            };
            let total_error = i64::from(messy && k == 1 && u == total_u);
            let layout = u + k;
            let rel = |name: &str| format!("{}/{}/{name}", period.id, kind_folder(unit.kind));
            if messy && k == 2 && u == super_u {
                // First version, with two models forgotten, then the corrected one.
                let mut first = models.clone();
                first.truncate(first.len().saturating_sub(2));
                let old_date = Date::from_days_since_epoch(period.deadline.days_since_epoch() - 9);
                let doc = ReturnDoc {
                    unit,
                    period: &period,
                    date: old_date,
                    layout,
                    models: first,
                    exemplars: exemplars.clone(),
                    total_error: 0,
                    tx,
                };
                let name = format!("{stem}.xlsx");
                write::write_return(&folder.join(&name), &doc).map_err(err)?;
                planted.push(Planted {
                    code: "RETURN_SUPERSEDED".into(),
                    period: period.id.into(),
                    unit: unit.code.clone(),
                    file: rel(&name),
                });
                pt.files += 1;
                date = Date::from_days_since_epoch(period.deadline.days_since_epoch() - 2);
            }
            let word = word_return(u, k);
            let name = if messy && k == 2 && u == super_u {
                format!("{stem} - sua lai.xlsx")
            } else if word {
                format!("{stem}.docx")
            } else {
                format!("{stem}.xlsx")
            };
            let doc = ReturnDoc {
                unit,
                period: &period,
                date,
                layout,
                models,
                exemplars,
                total_error,
                tx,
            };
            if word {
                word::write_word_return(&folder.join(&name), &doc).map_err(err)?;
            } else {
                write::write_return(&folder.join(&name), &doc).map_err(err)?;
            }
            pt.files += 1;
            if legacy.is_some() {
                planted.push(Planted {
                    code: "LEGACY_ENCODING".into(),
                    period: period.id.into(),
                    unit: unit.code.clone(),
                    file: rel(&name),
                });
            }
            if late {
                planted.push(Planted {
                    code: "RETURN_LATE".into(),
                    period: period.id.into(),
                    unit: unit.code.clone(),
                    file: rel(&name),
                });
            }
            if total_error != 0 {
                planted.push(Planted {
                    code: "TOTAL_MISMATCH".into(),
                    period: period.id.into(),
                    unit: unit.code.clone(),
                    file: rel(&name),
                });
            }
            if messy && k == 1 && u == corrupt_u {
                // A broken copy: a zip header and nothing that follows it.
                let bad = format!("{stem} (ban loi).xlsx");
                std::fs::write(folder.join(&bad), b"PK\x03\x04\x14\x00\x00\x00truncated")
                    .map_err(err)?;
                planted.push(Planted {
                    code: "FILE_UNREADABLE".into(),
                    period: period.id.into(),
                    unit: String::new(),
                    file: rel(&bad),
                });
                pt.files += 1;
            }
        }
        for &i in &counted[k] {
            let e = &world.entities[i];
            let level = e.level[k].code().to_owned();
            if e.model {
                pt.models += 1;
                *pt.models_by_level.entry(level).or_default() += 1;
                *pt.models_by_category
                    .entry(names::CATEGORIES[e.category].0.to_owned())
                    .or_default() += 1;
            } else {
                pt.exemplars += 1;
                *pt.exemplars_by_level.entry(level).or_default() += 1;
            }
        }
        truth_periods.insert(period.id.to_owned(), pt);
        for &i in &counted[k] {
            let e = &world.entities[i];
            entities.push(EntityTruth {
                period: period.id.to_owned(),
                kind: if e.model { "model" } else { "exemplar" },
                unit: units[e.unit].code.clone(),
                name: e.name.clone(),
                owner: e.owner.clone(),
                level: e.level[k].code(),
                category: if e.model {
                    names::CATEGORIES[e.category].0
                } else {
                    ""
                },
            });
        }
    }
    // Bridges, from what the generator knows of each entity.
    let mut bridges = Vec::new();
    for k in 0..2 {
        for model in [true, false] {
            let of = |set: &BTreeSet<usize>| -> BTreeSet<usize> {
                set.iter()
                    .copied()
                    .filter(|&i| world.entities[i].model == model)
                    .collect()
            };
            let (before, after) = (of(&counted[k]), of(&counted[k + 1]));
            let mut b = BridgeTruth {
                from: world.periods[k].id.into(),
                to: world.periods[k + 1].id.into(),
                subject: if model { "models" } else { "exemplars" }.into(),
                opening: before.len() as u64,
                added: after.difference(&before).count() as u64,
                removed: 0,
                transferred_out: 0,
                not_reported: 0,
                unexplained: 0,
                closing: after.len() as u64,
            };
            for &i in before.difference(&after) {
                let u = world.entities[i].unit;
                if listed_removed[k + 1].contains(&i) {
                    b.removed += 1;
                } else if !units[u].active_on(world.periods[k + 1].deadline) {
                    b.transferred_out += 1;
                } else if !sent[k + 1].contains(&u) {
                    b.not_reported += 1;
                } else {
                    b.unexplained += 1;
                }
            }
            bridges.push(b);
        }
    }
    let targets = targets();
    write::write_reference(&out.join("danh-muc.xlsx"), &world, &targets).map_err(err)?;
    // Targets not met, as the generator counts them.
    for k in 0..3 {
        let period = &world.periods[k];
        for t in &targets {
            // The entities the target counts, per unit, in one pass (a pass
            // per unit made a national corpus quadratic).
            let mut per_unit = vec![0usize; n_units];
            for &i in &counted[k] {
                let e = &world.entities[i];
                if e.model == t.model
                    && e.level[k] == t.level
                    && t.category
                        .as_ref()
                        .is_none_or(|c| names::CATEGORIES[e.category].0 == c)
                {
                    if let Some(n) = per_unit.get_mut(e.unit) {
                        *n += 1;
                    }
                }
            }
            let count = |unit: Option<usize>| match unit {
                None => per_unit.iter().sum(),
                Some(u) => per_unit.get(u).copied().unwrap_or(0),
            };
            match t.unit_kind {
                None => {
                    if count(None) < t.count as usize {
                        planted.push(Planted {
                            code: "TARGET_SHORTFALL".into(),
                            period: period.id.into(),
                            unit: String::new(),
                            file: "danh-muc.xlsx".into(),
                        });
                    }
                }
                Some(kind) => {
                    for u in (0..n_units)
                        .filter(|&u| units[u].kind == kind && units[u].active_on(period.deadline))
                    {
                        if count(Some(u)) < t.count as usize {
                            planted.push(Planted {
                                code: "TARGET_SHORTFALL".into(),
                                period: period.id.into(),
                                unit: units[u].code.clone(),
                                file: "danh-muc.xlsx".into(),
                            });
                        }
                    }
                }
            }
        }
    }
    Ok(Truth {
        description: format!(
            "{} đơn vị, {} mô hình và {} điển hình ở kỳ giữa, hạt giống {seed}",
            n_units, scenario.models, scenario.exemplars
        ),
        periods: truth_periods,
        bridges,
        planted,
        entities,
    })
}

/// Converts a deterministic share of the returns to legacy `.xls` (one in nine)
/// and to `.ods` (another one in nine) with LibreOffice, as units that use old
/// Excel or LibreOffice send them, and updates the truth's file names. Needs
/// `soffice` on the PATH; the figures of the corpus do not change.
///
/// # Errors
/// When LibreOffice is missing or fails.
pub fn convert_with_libreoffice(out: &Path, truth: &mut Truth) -> Result<usize, GenError> {
    let mut files = Vec::new();
    collect_xlsx(out, &mut files);
    files.sort();
    let mut converted = 0;
    for (fmt, ext, pick) in [("xls:MS Excel 97", "xls", 4), ("ods", "ods", 7)] {
        let chosen: Vec<&std::path::PathBuf> = files
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                i % 9 == pick
                    && !p.to_string_lossy().contains("(ban loi)")
                    && !p.ends_with("danh-muc.xlsx")
            })
            .map(|(_, p)| p)
            .collect();
        // One LibreOffice start per folder and a few hundred files, not per
        // file: a corpus of 20,000 returns converts in minutes, not hours.
        let mut by_dir: BTreeMap<&Path, Vec<&std::path::PathBuf>> = BTreeMap::new();
        for p in chosen {
            by_dir.entry(p.parent().unwrap_or(out)).or_default().push(p);
        }
        for (dir, group) in by_dir {
            for batch in group.chunks(200) {
                let status = std::process::Command::new("soffice")
                    .args(["--headless", "--calc", "--convert-to", fmt, "--outdir"])
                    .arg(dir)
                    .args(batch)
                    .output()
                    .map_err(|e| err(format!("soffice: {e}")))?;
                for p in batch {
                    let target = p.with_extension(ext);
                    if !status.status.success() || !target.exists() {
                        return Err(err(format!("soffice could not convert {}", p.display())));
                    }
                    std::fs::remove_file(p).map_err(err)?;
                    let old = p
                        .strip_prefix(out)
                        .unwrap_or(p)
                        .to_string_lossy()
                        .replace('\\', "/");
                    let new = target
                        .strip_prefix(out)
                        .unwrap_or(&target)
                        .to_string_lossy()
                        .replace('\\', "/");
                    for planted in &mut truth.planted {
                        if planted.file == old {
                            planted.file.clone_from(&new);
                        }
                    }
                    converted += 1;
                }
            }
        }
    }
    Ok(converted)
}

fn collect_xlsx(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_xlsx(&p, out);
        } else if p.extension().is_some_and(|x| x == "xlsx") {
            out.push(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_style_switch() {
        assert_eq!(new_tone_style("Hoà nhập, sức khoẻ"), "Hòa nhập, sức khỏe");
        assert_eq!(new_tone_style("Nguyễn Thị Thuỷ"), "Nguyễn Thị Thủy");
        assert_eq!(new_tone_style("quý"), "quý");
    }

    #[test]
    fn sample_story_holds() {
        let dir = std::env::temp_dir().join(format!("tonghop-gen-test-{}", std::process::id()));
        let truth = generate(&Scenario::sample(), 46, &dir).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(truth.periods["2022-10"].models, 324);
        assert_eq!(truth.periods["2022-10"].exemplars, 597);
        assert_eq!(truth.periods["2023-03"].models, 309);
        assert_eq!(truth.periods["2023-03"].exemplars, 568);
        assert_eq!(truth.periods["2022-10"].models_by_level["tinh"], 22);
        assert_eq!(truth.periods["2023-03"].models_by_level["tinh"], 26);
        assert_eq!(truth.periods["2023-03"].exemplars_by_level["tinh"], 12);
        let b = truth
            .bridges
            .iter()
            .find(|b| b.from == "2022-10" && b.subject == "models")
            .unwrap();
        assert_eq!((b.added, b.removed, b.transferred_out), (5, 3, 17));
    }
}
