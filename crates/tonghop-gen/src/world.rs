//! The committee being simulated: its roster, its entities and what each unit
//! lists in each period.

use crate::names::{self, Sector, UnitTemplate};
use crate::rng::Rng;
use tonghop_core::{Date, Level};

/// Sizes and planted changes of a corpus.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// Units on the roster.
    pub units: usize,
    /// Active models at the second period (the pivot).
    pub models: usize,
    /// Active exemplars at the second period.
    pub exemplars: usize,
    /// Of which belong to banking units that leave before the third period.
    pub bank_models: usize,
    /// Exemplars of banking units.
    pub bank_exemplars: usize,
    /// Models: removed in period 2, added in period 2, removed in 3, added in 3.
    pub m_changes: Changes,
    /// Exemplars: the same.
    pub e_changes: Changes,
    /// Province-level models and exemplars in period 2, not counting additions.
    pub tinh_p2: (usize, usize),
    /// Models moved up to province level in period 3.
    pub upgraded: usize,
    /// Plant the messy features (late, missing, superseded, corrupt, wrong total…).
    pub messy: bool,
    /// Write a few returns as Word documents (the committed sample).
    pub word_returns: bool,
}

/// Entities added and removed between periods.
#[derive(Debug, Clone, Copy)]
pub struct Changes {
    /// Listed as removed in period 2 (active in period 1).
    pub removed_2: usize,
    /// New in period 2 (and how many at province level).
    pub added_2: (usize, usize),
    /// Listed as removed in period 3.
    pub removed_3: usize,
    /// New in period 3 (and how many at province level).
    pub added_3: (usize, usize),
}

impl Scenario {
    /// The committee of the seed report: 324 models and 597 exemplars at the 2022
    /// review, 309 and 568 at the 2023 review, the banking units gone.
    #[must_use]
    pub fn sample() -> Scenario {
        Scenario {
            units: names::UNITS.len(),
            models: 324,
            exemplars: 597,
            bank_models: 17,
            bank_exemplars: 31,
            m_changes: Changes {
                removed_2: 2,
                added_2: (6, 2),
                removed_3: 3,
                added_3: (5, 2),
            },
            e_changes: Changes {
                removed_2: 3,
                added_2: (10, 0),
                removed_3: 4,
                added_3: (6, 2),
            },
            tinh_p2: (20, 10),
            upgraded: 2,
            messy: true,
            word_returns: true,
        }
    }

    /// A corpus of `units` returns per period with about `rows` entries each.
    #[must_use]
    pub fn sized(units: usize, rows: usize, messy: bool) -> Scenario {
        let units = units.max(6);
        let total = units * rows.max(2);
        let models = (total * 35 / 100).max(units);
        let exemplars = (total - total * 35 / 100).max(units);
        let banks = bank_count(units);
        let small = |n: usize| (n / 50).max(1);
        Scenario {
            units,
            models,
            exemplars,
            bank_models: models * banks / units,
            bank_exemplars: exemplars * banks / units,
            m_changes: Changes {
                removed_2: small(models),
                added_2: (small(models) * 3, small(models)),
                removed_3: small(models),
                added_3: (small(models) * 2, small(models)),
            },
            e_changes: Changes {
                removed_2: small(exemplars),
                added_2: (small(exemplars) * 3, 0),
                removed_3: small(exemplars),
                added_3: (small(exemplars) * 2, small(exemplars)),
            },
            tinh_p2: (models / 16, exemplars / 60),
            upgraded: small(models),
            messy,
            word_returns: false,
        }
    }
}

fn bank_count(units: usize) -> usize {
    if units >= names::UNITS.len() {
        6 * units / names::UNITS.len()
    } else {
        (units / 9).max(1)
    }
}

/// A unit of the simulated roster.
#[derive(Debug, Clone)]
pub struct Unit {
    pub code: String,
    pub name: String,
    pub short: String,
    pub kind: &'static str,
    pub abbrev: String,
    pub sector: Sector,
    pub bank: bool,
    pub joined: Option<Date>,
    pub left: Option<Date>,
}

impl Unit {
    pub fn active_on(&self, d: Date) -> bool {
        self.joined.is_none_or(|j| j <= d) && self.left.is_none_or(|l| l >= d)
    }
}

/// A model or an exemplar.
#[derive(Debug, Clone)]
pub struct Entity {
    pub model: bool,
    pub unit: usize,
    /// Model name or full name.
    pub name: String,
    /// Implementing unit or workplace.
    pub owner: String,
    pub position: String,
    pub category: usize,
    pub level: [Level; 3],
    /// Listed active in period k.
    pub active: [bool; 3],
    /// Listed as removed in period k.
    pub removed: [bool; 3],
}

/// A period of the corpus.
#[derive(Debug, Clone)]
pub struct PeriodDef {
    pub id: &'static str,
    pub name: &'static str,
    pub deadline: Date,
    pub kind: &'static str,
}

pub fn periods() -> [PeriodDef; 3] {
    let d = |y, m, dd| Date::new(y, m, dd).unwrap_or_else(|| Date::from_days_since_epoch(0));
    [
        PeriodDef {
            id: "2021-04",
            name: "Đăng ký giai đoạn 2021-2023",
            deadline: d(2021, 4, 15),
            kind: "Đăng ký",
        },
        PeriodDef {
            id: "2022-10",
            name: "Sơ kết 01 năm",
            deadline: d(2022, 10, 31),
            kind: "Sơ kết",
        },
        PeriodDef {
            id: "2023-03",
            name: "Sơ kết 02 năm",
            deadline: d(2023, 3, 20),
            kind: "Sơ kết",
        },
    ]
}

/// The simulated committee.
pub struct World {
    pub units: Vec<Unit>,
    pub entities: Vec<Entity>,
    pub periods: [PeriodDef; 3],
    /// Units that send nothing in period k.
    pub missing: [Vec<usize>; 3],
}

fn unit_from(t: &UnitTemplate, copy: usize, i: usize) -> Unit {
    let suffix = if copy == 0 {
        String::new()
    } else {
        format!(" số {}", copy + 1)
    };
    let short = format!("{}{suffix}", t.short);
    let abbrev = format!(
        "{}{}",
        t.abbrev,
        if copy == 0 {
            String::new()
        } else {
            format!(" {}", copy + 1)
        }
    );
    let name = match t.kind {
        names::DB => format!("Đảng bộ {short}"),
        names::CB => format!("Chi bộ {short}"),
        _ => short.clone(),
    };
    Unit {
        code: format!("DV{:03}", i + 1),
        name,
        short,
        kind: t.kind,
        abbrev,
        sector: t.sector,
        bank: t.sector == Sector::Bank,
        joined: None,
        left: None,
    }
}

/// `n` units of the roster's kinds and sectors, every one active throughout.
pub(crate) fn roster_of(n: usize) -> Vec<Unit> {
    let mut units = roster(n);
    for u in &mut units {
        u.joined = None;
        u.left = None;
    }
    units
}

fn roster(n: usize) -> Vec<Unit> {
    let banks: Vec<&UnitTemplate> = names::UNITS
        .iter()
        .filter(|t| t.sector == Sector::Bank)
        .collect();
    let others: Vec<&UnitTemplate> = names::UNITS
        .iter()
        .filter(|t| t.sector != Sector::Bank)
        .collect();
    let n_banks = bank_count(n);
    let mut units = Vec::with_capacity(n);
    for k in 0..n - n_banks {
        let t = others[k % others.len()];
        units.push(unit_from(t, k / others.len(), units.len()));
    }
    for k in 0..n_banks {
        let t = banks[k % banks.len()];
        units.push(unit_from(t, k / banks.len(), units.len()));
    }
    let left = Date::new(2022, 12, 31);
    for u in &mut units {
        if u.bank {
            u.left = left;
        }
    }
    // One enterprise joined the committee in mid-2022.
    if let Some(u) = units
        .iter_mut()
        .rev()
        .find(|u| !u.bank && u.sector == Sector::Enterprise)
    {
        u.joined = Date::new(2022, 7, 1);
    }
    units
}

/// Splits `total` among `weights` (largest remainder, deterministic).
fn distribute(total: usize, weights: &[usize]) -> Vec<usize> {
    let sum: usize = weights.iter().sum::<usize>().max(1);
    let mut out: Vec<usize> = weights.iter().map(|w| total * w / sum).collect();
    let mut rem = total - out.iter().sum::<usize>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse((total * weights[i]) % sum));
    for i in order.into_iter().cycle().take(weights.len() * 2) {
        if rem == 0 {
            break;
        }
        if weights[i] > 0 {
            out[i] += 1;
            rem -= 1;
        }
    }
    out
}

struct Namer<'a> {
    rng: &'a mut Rng,
    used: std::collections::HashSet<(String, String)>,
}

impl Namer<'_> {
    fn model(&mut self, unit: &Unit, category: usize) -> (String, String) {
        let templates = names::CATEGORIES[category].2;
        let subs = names::sub_units(unit.sector);
        for attempt in 0..200 {
            let name = templates[self.rng.below(templates.len())].to_owned();
            let sub = subs[self.rng.below(subs.len())];
            let owner = if attempt < 100 {
                format!("{sub}, {}", unit.short)
            } else {
                format!("{sub} {}, {}", attempt - 99, unit.short)
            };
            if self.used.insert((name.clone(), owner.clone())) {
                return (name, owner);
            }
        }
        let n = self.used.len();
        let name = format!("{} (mô hình {n})", templates[0]);
        let owner = unit.short.clone();
        self.used.insert((name.clone(), owner.clone()));
        (name, owner)
    }

    fn person(&mut self, unit: &Unit) -> (String, String, String) {
        let positions = names::positions(unit.sector);
        for _ in 0..1000 {
            let female = self.rng.below(2) == 0;
            let family = names::FAMILY[self.rng.below(names::FAMILY.len())];
            let (middle, given) = if female {
                (
                    names::MIDDLE_F[self.rng.below(names::MIDDLE_F.len())],
                    names::GIVEN_F[self.rng.below(names::GIVEN_F.len())],
                )
            } else {
                (
                    names::MIDDLE_M[self.rng.below(names::MIDDLE_M.len())],
                    names::GIVEN_M[self.rng.below(names::GIVEN_M.len())],
                )
            };
            let name = format!("{family} {middle} {given}");
            let workplace = if unit.sector == Sector::MassOrg {
                names::sub_units(Sector::MassOrg)
                    [self.rng.below(names::sub_units(Sector::MassOrg).len())]
                .to_owned()
            } else {
                unit.short.clone()
            };
            if self.used.insert((name.clone(), workplace.clone())) {
                return (
                    name,
                    positions[self.rng.below(positions.len())].to_owned(),
                    workplace,
                );
            }
        }
        let n = self.used.len();
        (
            format!("Nguyễn Văn Số {n}"),
            positions[0].to_owned(),
            unit.short.clone(),
        )
    }
}

impl World {
    /// Builds the committee for a scenario.
    #[must_use]
    #[allow(clippy::too_many_lines)]
    pub fn build(s: &Scenario, rng: &mut Rng) -> World {
        let units = roster(s.units);
        let periods = periods();
        let mut entities = Vec::new();
        let mut namer = Namer {
            rng,
            used: std::collections::HashSet::new(),
        };
        for model in [true, false] {
            let (total, bank_total, ch, tinh) = if model {
                (s.models, s.bank_models, s.m_changes, s.tinh_p2.0)
            } else {
                (s.exemplars, s.bank_exemplars, s.e_changes, s.tinh_p2.1)
            };
            // Active at the pivot (period 2), by unit.
            let bank_units: Vec<usize> = (0..units.len()).filter(|&i| units[i].bank).collect();
            let mass: Vec<usize> = (0..units.len())
                .filter(|&i| units[i].sector == Sector::MassOrg)
                .collect();
            let bank_counts = distribute(bank_total, &vec![1; bank_units.len()]);
            let mut counts = vec![0usize; units.len()];
            for (k, &i) in bank_units.iter().enumerate() {
                counts[i] = bank_counts[k];
            }
            // Mass organisations register 5 + 5 (seed 001); in a messy corpus one
            // of them falls one short at committee level.
            let per_mass = if mass.len() * 10 <= (total - bank_total) / 3 {
                10
            } else {
                0
            };
            for &i in &mass {
                counts[i] = per_mass;
            }
            let short_mass = if s.messy && per_mass > 0 && model {
                mass.last().copied()
            } else {
                None
            };
            if let Some(i) = short_mass {
                counts[i] -= 1;
            }
            let fixed: usize = counts.iter().sum();
            let rest: Vec<usize> = (0..units.len())
                .map(|i| {
                    if units[i].bank || (per_mass > 0 && units[i].sector == Sector::MassOrg) {
                        0
                    } else if units[i].kind == names::DB {
                        3
                    } else if units[i].joined.is_some() {
                        1
                    } else {
                        2
                    }
                })
                .collect();
            let spread = distribute(total.saturating_sub(fixed), &rest);
            for i in 0..units.len() {
                counts[i] += spread[i];
            }
            let start = entities.len();
            for (u, &n) in counts.iter().enumerate() {
                for k in 0..n {
                    let category = if model {
                        category_for(&units[u], namer.rng)
                    } else {
                        0
                    };
                    let level = if units[u].sector == Sector::MassOrg && per_mass > 0 {
                        if k < 5 - usize::from(short_mass == Some(u)) {
                            Level::Khoi
                        } else {
                            Level::CoSo
                        }
                    } else if namer.rng.below(4) == 0 {
                        Level::Khoi
                    } else {
                        Level::CoSo
                    };
                    let (name, owner, position) = if model {
                        let (n, o) = namer.model(&units[u], category);
                        (n, o, String::new())
                    } else {
                        let (n, p, w) = namer.person(&units[u]);
                        (n, w, p)
                    };
                    entities.push(Entity {
                        model,
                        unit: u,
                        name,
                        owner,
                        position,
                        category,
                        level: [level; 3],
                        active: [true, true, !units[u].bank],
                        removed: [false; 3],
                    });
                }
            }
            let pivot: Vec<usize> = (start..entities.len()).collect();
            let plain: Vec<usize> = pivot
                .iter()
                .copied()
                .filter(|&i| {
                    let u = &units[entities[i].unit];
                    !u.bank && u.joined.is_none() && u.sector != Sector::MassOrg
                })
                .collect();
            let pick =
                |n: usize, pool: &[usize], taken: &mut Vec<usize>, rng: &mut Rng| -> Vec<usize> {
                    let free: Vec<usize> = pool
                        .iter()
                        .copied()
                        .filter(|i| !taken.contains(i))
                        .collect();
                    let chosen = rng.sample(&free, n);
                    taken.extend(&chosen);
                    chosen
                };
            let mut taken = Vec::new();
            // Province level at the pivot: `tinh` among the plain ones.
            let tinh_set = pick(tinh, &plain, &mut taken, namer.rng);
            for &i in &tinh_set {
                entities[i].level = [Level::Tinh; 3];
            }
            // Added in period 2: not active in period 1.
            let added_2 = pick(ch.added_2.0, &plain, &mut taken, namer.rng);
            for (k, &i) in added_2.iter().enumerate() {
                entities[i].active[0] = false;
                if k < ch.added_2.1 {
                    entities[i].level = [Level::Tinh; 3];
                }
            }
            // Removed in period 3: listed as removed.
            for i in pick(ch.removed_3, &plain, &mut taken, namer.rng) {
                entities[i].active[2] = false;
                entities[i].removed[2] = true;
            }
            // Moved up to province level in period 3.
            if model {
                let khoi: Vec<usize> = plain
                    .iter()
                    .copied()
                    .filter(|&i| entities[i].level[1] == Level::Khoi)
                    .collect();
                for i in pick(s.upgraded, &khoi, &mut taken, namer.rng) {
                    entities[i].level[2] = Level::Tinh;
                }
            }
            // Joined units have nothing before they joined.
            for &i in &pivot {
                if units[entities[i].unit].joined.is_some() {
                    entities[i].active[0] = false;
                }
            }
            // Removed in period 2 (active in period 1) and added in period 3: new entities.
            let hosts: Vec<usize> = (0..units.len())
                .filter(|&u| {
                    !units[u].bank
                        && units[u].joined.is_none()
                        && units[u].sector != Sector::MassOrg
                })
                .collect();
            for (k, extra) in [(ch.removed_2, 0usize), (ch.added_3.0, 1)]
                .iter()
                .flat_map(|(n, kind)| (0..*n).map(move |k| (k, *kind)))
                .enumerate()
            {
                let _ = k;
                let (j, kind) = extra;
                let u = hosts[namer.rng.below(hosts.len())];
                let category = if model {
                    category_for(&units[u], namer.rng)
                } else {
                    0
                };
                let (name, owner, position) = if model {
                    let (n, o) = namer.model(&units[u], category);
                    (n, o, String::new())
                } else {
                    let (n, p, w) = namer.person(&units[u]);
                    (n, w, p)
                };
                let (active, removed, level) = if kind == 0 {
                    ([true, false, false], [false, true, false], Level::CoSo)
                } else {
                    (
                        [false, false, true],
                        [false; 3],
                        if j < ch.added_3.1 {
                            Level::Tinh
                        } else {
                            Level::CoSo
                        },
                    )
                };
                entities.push(Entity {
                    model,
                    unit: u,
                    name,
                    owner,
                    position,
                    category,
                    level: [level; 3],
                    active,
                    removed,
                });
            }
        }
        let mut missing: [Vec<usize>; 3] = [Vec::new(), Vec::new(), Vec::new()];
        if s.messy {
            // A chi bộ that never sent its registration list.
            if let Some(u) = (0..units.len()).find(|&u| {
                units[u].kind == names::CB && !units[u].bank && units[u].joined.is_none()
            }) {
                missing[0].push(u);
            }
        }
        World {
            units,
            entities,
            periods,
            missing,
        }
    }

    /// Whether unit `u` sends a return in period `k`.
    pub fn sends(&self, u: usize, k: usize) -> bool {
        self.units[u].active_on(self.periods[k].deadline) && !self.missing[k].contains(&u)
    }
}

fn category_for(unit: &Unit, rng: &mut Rng) -> usize {
    let code = |c: &str| names::CATEGORIES.iter().position(|x| x.0 == c).unwrap_or(0);
    // Each sector leans to its own fields, as real registrations do.
    let lean: &[&str] = match unit.sector {
        Sector::Health => &["y_te", "y_te", "van_hoa_cong_so", "nam_s"],
        Sector::School => &["giao_duc", "giao_duc", "van_hoa_cong_so"],
        Sector::Enterprise => &[
            "san_xuat_kinh_doanh",
            "an_toan_tiet_kiem",
            "trach_nhiem_xa_hoi",
            "nam_s",
        ],
        Sector::Bank => &[
            "san_xuat_kinh_doanh",
            "cai_cach_hanh_chinh",
            "trach_nhiem_xa_hoi",
        ],
        Sector::MassOrg => &["hoi_doan_the", "hoi_doan_the", "khac"],
        Sector::Agency => &[
            "cai_cach_hanh_chinh",
            "van_hoa_cong_so",
            "co_quan_don_vi",
            "nam_khong",
        ],
    };
    if rng.below(3) == 0 {
        rng.below(names::CATEGORIES.len())
    } else {
        code(lean[rng.below(lean.len())])
    }
}
