//! The commendation a return writes for an entry, as the funnel counts it:
//! each statement's stage (`tuyên dương`, `đề nghị`, `khen thưởng`, `ghi
//! danh`), the level that gives it (`của UBND tỉnh`, `Đảng ủy Khối`) and
//! its form (`Bằng khen`, `Giấy khen`…), through the vocabulary's groups
//! `khen_thuong` and `cap`.
//!
//! ```
//! use tonghop_core::Level;
//! use tonghop_text::stage::{statements, Stage};
//! use tonghop_text::Vocabulary;
//! let s = statements(Vocabulary::builtin(), "Giấy khen của Đảng ủy Khối; đề nghị UBND tỉnh tặng Bằng khen");
//! assert_eq!((s[0].stage, s[0].level), (Stage::Awarded, Some(Level::Khoi)));
//! assert_eq!((s[1].stage, s[1].level), (Stage::Proposed, Some(Level::Tinh)));
//! ```

use crate::{fold_key, Vocabulary};
use tonghop_core::Level;

/// What a statement says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Honoured (*tuyên dương*).
    Honoured,
    /// Proposed for an award (*đề nghị khen thưởng*, *đề nghị … tặng Bằng khen*).
    Proposed,
    /// Awarded (*khen thưởng*, *Giấy khen*, *Bằng khen*…).
    Awarded,
    /// Entered in the honour book (*ghi danh*).
    HonourBook,
}

/// One statement of a commendation cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The stage.
    pub stage: Stage,
    /// The level that gives it, or is asked to (`None`: not said).
    pub level: Option<Level>,
    /// The form, as the vocabulary names it (`bằng khen`, `giấy khen`…).
    pub form: Option<String>,
    /// Asked for (`đề nghị`), not done: a proposal to the level named.
    pub proposal: bool,
}

/// The statements of a cell: parts separated by `;`, `,`, `+` or line
/// breaks, a part naming no stage read with the one before (`Bằng khen của
/// Chủ tịch UBND tỉnh, Giám đốc Sở`).
#[must_use]
pub fn statements(v: &Vocabulary, text: &str) -> Vec<Statement> {
    let mut parts: Vec<String> = Vec::new();
    for p in text.split([';', ',', '+', '\n']) {
        let f = fold_key(p);
        if f.is_empty() {
            continue;
        }
        if stage_of(v, &f).is_none() {
            if let Some(last) = parts.last_mut() {
                last.push(' ');
                last.push_str(&f);
            }
            continue;
        }
        parts.push(f);
    }
    parts
        .iter()
        .filter_map(|f| {
            let stage = stage_of(v, f)?;
            let form = v
                .within("khen_thuong", f)
                .into_iter()
                .filter(|t| t.code == "khen_thuong" && t.key != "khen thuong")
                .max_by_key(|t| t.key.len())
                .map(|t| t.word.clone());
            Some(Statement {
                stage,
                level: v.level(f),
                form,
                proposal: v.has("khen_thuong", "de_nghi", f),
            })
        })
        .collect()
}

fn stage_of(v: &Vocabulary, f: &str) -> Option<Stage> {
    let has = |code: &str| v.has("khen_thuong", code, f);
    if has("de_nghi") && (has("khen") || has("khen_thuong") || has("tuyen_duong")) {
        Some(Stage::Proposed)
    } else if has("ghi_danh") {
        Some(Stage::HonourBook)
    } else if has("khen_thuong") {
        Some(Stage::Awarded)
    } else if has("tuyen_duong") {
        Some(Stage::Honoured)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(t: &str) -> Vec<(Stage, Option<Level>, Option<String>)> {
        statements(Vocabulary::builtin(), t)
            .into_iter()
            .map(|s| (s.stage, s.level, s.form))
            .collect()
    }

    #[test]
    fn a_proposal_for_the_honour_book() {
        let s = statements(Vocabulary::builtin(), "Đề nghị Đảng ủy phường ghi danh");
        assert_eq!((s[0].stage, s[0].proposal), (Stage::HonourBook, true));
        let s = statements(Vocabulary::builtin(), "Ghi danh");
        assert!(!s[0].proposal);
    }

    #[test]
    fn stages_levels_and_forms() {
        use Stage::*;
        assert_eq!(read("Tuyên dương"), [(Honoured, None, None)]);
        assert_eq!(
            read("Đề nghị Đảng ủy Khối khen thưởng"),
            [(Proposed, Some(Level::Khoi), None)]
        );
        assert_eq!(
            read("Bằng khen của Chủ tịch UBND tỉnh, Giám đốc Sở"),
            [(Awarded, Some(Level::Tinh), Some("bằng khen".into()))]
        );
        assert_eq!(
            read("Giấy khen của Đảng ủy cơ sở + đề nghị UBND tỉnh tặng Bằng khen"),
            [
                (Awarded, Some(Level::CoSo), Some("giấy khen".into())),
                (Proposed, Some(Level::Tinh), Some("bằng khen".into()))
            ]
        );
        assert_eq!(read("Ghi danh sổ vàng"), [(HonourBook, None, None)]);
        assert!(read("chưa").is_empty());
        assert!(read("").is_empty());
    }
}
