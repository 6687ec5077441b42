//! Returns made in memory for the benchmarks of the later stages (files are
//! ingest's business, measured by its own bench): `returns_per_period` returns
//! of 50 rows in each of two periods — 18 models and 32 exemplars a return, a
//! duplicate inside each return, removals and tone-placement changes in the
//! second period, category labels blank in a sixth of the rows. Deterministic.

use tonghop_core::{Date, Entry, Return, RowKind, SourceRow, UnitMatch};

const WORDS: &[&str] = &[
    "Trường",
    "học",
    "hạnh",
    "phúc",
    "Phòng",
    "khám",
    "thân",
    "thiện",
    "Một",
    "cửa",
    "liên",
    "thông",
    "Công",
    "sở",
    "xanh",
    "sạch",
    "đẹp",
    "Tiết",
    "kiệm",
    "điện",
    "nước",
    "Dân",
    "vận",
    "khéo",
    "Văn",
    "hoá",
    "an",
    "toàn",
    "lao",
    "động",
    "Chi",
    "bộ",
    "tốt",
    "Đổi",
    "mới",
    "dạy",
];
const FAMILY: &[&str] = &["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"];
const GIVEN: &[&str] = &[
    "An", "Bình", "Hoa", "Thuỷ", "Hương", "Hường", "Nam", "Lan", "Hoà", "Minh",
];

/// The returns (one million rows for 10,000 returns a period).
#[must_use]
pub fn returns(returns_per_period: usize) -> Vec<Return> {
    let mut state: u64 = 99;
    let mut rnd = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % n
    };
    let mut returns = Vec::with_capacity(returns_per_period * 2);
    for (p, period) in ["P1", "P2"].iter().enumerate() {
        for u in 0..returns_per_period {
            let mut rows = Vec::with_capacity(50);
            for k in 0..50usize {
                let model = k < 18;
                // The same entities in both periods (k fixes them), some
                // spelled in the other tone style in P2, some removed.
                let seed = u * 50 + k;
                let name = if model {
                    let w: Vec<&str> = (0..4)
                        .map(|j| WORDS[(seed * 7 + j * 13) % WORDS.len()])
                        .collect();
                    format!("{} {}", w.join(" "), seed % 97)
                } else {
                    format!(
                        "{} Thị {} {}",
                        FAMILY[seed % FAMILY.len()],
                        GIVEN[(seed / 8) % GIVEN.len()],
                        GIVEN[(seed / 3) % GIVEN.len()]
                    )
                };
                let name = if p == 1 && seed % 5 == 0 {
                    name.replace("oà", "òa").replace("uỷ", "ủy")
                } else {
                    name
                };
                let status = if p == 1 && seed % 41 == 0 {
                    "Loại khỏi danh sách"
                } else {
                    ""
                };
                let entry = Entry {
                    name: if k == 49 {
                        rows.first().map_or(String::new(), |r: &SourceRow| {
                            r.entry.as_ref().map_or(String::new(), |e| e.name.clone())
                        })
                    } else {
                        name
                    },
                    owner: format!("Đơn vị {u}"),
                    category: ["Y tế", "GD-ĐT", "CCHC", "Văn hóa công sở", "5S", ""][rnd(6)]
                        .to_owned(),
                    level: ["Tỉnh", "Khối", "Cơ sở"][rnd(3)].to_owned(),
                    status: status.to_owned(),
                    ..Entry::default()
                };
                rows.push(SourceRow {
                    sheet: "DS".into(),
                    row: 8 + u32::try_from(k).unwrap_or(0),
                    kind: if model || k == 49 {
                        RowKind::Model
                    } else {
                        RowKind::Exemplar
                    },
                    entry: Some(entry),
                    reason: "",
                });
            }
            let mut r = Return::new(
                format!("{period}/{u}.xlsx").into(),
                &format!("{period}/{u}.xlsx"),
                period,
            );
            r.readable = true;
            r.unit = UnitMatch {
                code: Some(format!("U{u:05}")),
                name: format!("Đơn vị {u}"),
                evidence: String::new(),
                ..UnitMatch::default()
            };
            r.date = Date::new(2023, 3, 1);
            r.rows = rows;
            returns.push(r);
        }
    }
    returns
}

/// The returns the benchmarks use: `TONGHOP_BENCH_RETURNS` a period (default
/// 10,000, one million rows in all).
#[must_use]
pub fn bench_returns() -> Vec<Return> {
    returns(
        std::env::var("TONGHOP_BENCH_RETURNS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(10_000),
    )
}
