//! The analysts' decisions (`quyet-dinh.xlsx`), applied on every run and
//! reported: each one used says so (`DECISION_APPLIED`), each one that matches
//! nothing any more is a warning (`DECISION_UNUSED`).

use std::cell::Cell;
use std::collections::HashMap;
use tonghop_core::{Decision, DecisionKind, Finding, FindingCode, RecodeField};

pub(crate) struct Decisions<'a> {
    list: &'a [Decision],
    merge: HashMap<&'a str, usize>,
    rename: HashMap<&'a str, usize>,
    recode: HashMap<(&'a str, u8), usize>,
    apart: HashMap<(&'a str, &'a str), usize>,
    used: Vec<Cell<u32>>,
}

fn field_key(f: RecodeField) -> u8 {
    match f {
        RecodeField::Category => 0,
        RecodeField::Level => 1,
        RecodeField::Status => 2,
    }
}

impl<'a> Decisions<'a> {
    pub(crate) fn new(list: &'a [Decision]) -> Decisions<'a> {
        let mut d = Decisions {
            list,
            merge: HashMap::new(),
            rename: HashMap::new(),
            recode: HashMap::new(),
            apart: HashMap::new(),
            used: (0..list.len()).map(|_| Cell::new(0)).collect(),
        };
        for (i, x) in list.iter().enumerate() {
            match x.kind {
                DecisionKind::Merge => {
                    d.merge.insert(x.other.as_str(), i);
                }
                DecisionKind::KeepApart => {
                    let (a, b) = (x.id.as_str(), x.other.as_str());
                    d.apart.insert((a.min(b), a.max(b)), i);
                }
                DecisionKind::Rename => {
                    d.rename.insert(x.id.as_str(), i);
                }
                DecisionKind::Recode(f) => {
                    d.recode.insert((x.id.as_str(), field_key(f)), i);
                }
            }
        }
        d
    }

    fn mark(&self, i: usize) {
        self.used[i].set(self.used[i].get() + 1);
    }

    /// The id an entity is known by after merges (followed through chains).
    pub(crate) fn resolve(&self, id: String) -> String {
        let mut id = id;
        for _ in 0..16 {
            match self.merge.get(id.as_str()) {
                Some(&i) if self.list[i].id != id => {
                    self.mark(i);
                    id.clone_from(&self.list[i].id);
                }
                _ => break,
            }
        }
        id
    }

    /// The name an analyst gave the entity.
    pub(crate) fn name(&self, id: &str) -> Option<&'a str> {
        self.rename.get(id).map(|&i| {
            self.mark(i);
            self.list[i].value.as_str()
        })
    }

    /// A code an analyst set by hand, as written.
    pub(crate) fn recode(&self, id: &str, field: RecodeField) -> Option<&'a str> {
        self.recode.get(&(id, field_key(field))).map(|&i| {
            self.mark(i);
            self.list[i].value.as_str()
        })
    }

    /// Whether an analyst said these two are different entities.
    pub(crate) fn kept_apart(&self, a: &str, b: &str) -> bool {
        self.apart.get(&(a.min(b), a.max(b))).is_some_and(|&i| {
            self.mark(i);
            true
        })
    }

    pub(crate) fn findings(&self) -> Vec<Finding> {
        self.list
            .iter()
            .enumerate()
            .map(|(i, x)| {
                let what = match x.kind {
                    DecisionKind::Merge => format!("gộp {} vào {}", x.other, x.id),
                    DecisionKind::KeepApart => format!("giữ riêng {} và {}", x.id, x.other),
                    DecisionKind::Rename => format!("đổi tên {} thành \"{}\"", x.id, x.value),
                    DecisionKind::Recode(f) => format!(
                        "đặt {} của {} là \"{}\"",
                        match f {
                            RecodeField::Category => "loại mô hình",
                            RecodeField::Level => "cấp",
                            RecodeField::Status => "tình trạng",
                        },
                        x.id,
                        x.value
                    ),
                };
                let n = self.used[i].get();
                let f = if n > 0 {
                    Finding::new(
                        FindingCode::DecisionApplied,
                        format!("Đã áp dụng quyết định dòng {}: {what} ({n} lần)", x.row),
                    )
                } else {
                    Finding::new(
                        FindingCode::DecisionUnused,
                        format!(
                            "Quyết định dòng {} ({what}) không khớp mã nào trong đợt này; kiểm tra lại mã hoặc xoá dòng",
                            x.row
                        ),
                    )
                };
                f.file(&x.file).at("", Some(x.row))
            })
            .collect()
    }
}
