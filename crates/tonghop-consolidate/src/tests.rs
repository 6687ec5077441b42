//! Unit tests of the crate (kept apart from the code they test).
use super::*;
use tonghop_core::{Date, Entry, FindingCode, RowKind, SourceRow, UnitMatch};
use tonghop_text::match_key;

/// A return of unit `code` listing (kind, name, owner) rows.
fn ret(period: &str, code: &str, rows: &[(RowKind, &str, &str)]) -> Return {
    let mut r = Return::new(
        format!("{period}/{code}.xlsx").into(),
        &format!("{period}/{code}.xlsx"),
        period,
    );
    r.readable = true;
    r.unit = UnitMatch {
        code: Some(code.into()),
        name: code.into(),
        evidence: String::new(),
        ..UnitMatch::default()
    };
    r.date = Date::new(2023, 3, 1);
    r.rows = rows
        .iter()
        .enumerate()
        .map(|(i, (kind, name, owner))| SourceRow {
            sheet: "S".into(),
            row: 5 + u32::try_from(i).unwrap(),
            kind: *kind,
            entry: Some(Entry {
                name: (*name).into(),
                owner: (*owner).into(),
                level: "Cơ sở".into(),
                category: "Giáo dục".into(),
                ..Entry::default()
            }),
            reason: "",
        })
        .collect();
    r
}

fn reference() -> Reference {
    Reference {
        categories: tonghop_text::default_categories(),
        ..Reference::default()
    }
}

fn findings(c: &Consolidated, code: FindingCode) -> Vec<&Finding> {
    c.findings.iter().filter(|f| f.code == code).collect()
}

#[test]
fn near_duplicates_are_reported_not_merged() {
    use RowKind::Model;
    let mut returns = vec![ret(
        "P",
        "A",
        &[
            (Model, "Trường học hạnh phúc", "Tổ Ngữ văn"),
            (Model, "Trường học hạnh phcú", "Tổ Ngữ văn"),
            (Model, "Thư viện xanh", "Tổ Ngữ văn"),
            (Model, "Trường học hạnh phúc", "Tổ Toán"),
        ],
    )];
    let c = consolidate(&mut returns, &reference()).unwrap();
    assert_eq!(c.models.height(), 4, "nothing merged");
    let f = findings(&c, FindingCode::PossibleDuplicate);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0].message.contains("phcú") && f[0].message.contains("độ giống 0.95"),
        "{}",
        f[0].message
    );
    assert_eq!(f[0].row, Some(6));
}

#[test]
fn one_person_listed_by_two_returns_and_two_people_with_one_name() {
    use RowKind::Exemplar;
    let mut returns = vec![
        ret(
            "P",
            "A",
            &[
                (Exemplar, "Nguyễn Thị Hoa", "Sở Y tế"),
                (Exemplar, "Lê Văn Nam", "Sở Y tế"),
            ],
        ),
        ret(
            "P",
            "B",
            &[
                (Exemplar, "NGUYỄN THỊ HOA", "Sở  Y tế."),
                (Exemplar, "Nguyễn Thị Hoa", "Sở Tư pháp"),
            ],
        ),
    ];
    let c = consolidate(&mut returns, &reference()).unwrap();
    assert_eq!(c.exemplars.height(), 3);
    let n = numbers(&c.exemplars, cols::N_SOURCES).unwrap();
    assert_eq!(n.iter().filter(|&&x| x == 2).count(), 1);
    let merged = findings(&c, FindingCode::DuplicateMerged);
    assert_eq!(merged.len(), 1);
    assert!(
        merged[0].message.contains("P/B.xlsx / S / dòng 5"),
        "{}",
        merged[0].message
    );
    assert!(findings(&c, FindingCode::PossibleDuplicate).is_empty());
}

#[test]
fn spelling_fixed_in_a_later_period_keeps_the_id() {
    use RowKind::Model;
    let mut returns = vec![
        ret(
            "P1",
            "A",
            &[(
                Model,
                "Mô hình \"Dân vận khéo\" trong hoà giải",
                "Ban Dân vận",
            )],
        ),
        ret(
            "P2",
            "A",
            &[(
                Model,
                "Mô hình “Dân vận khéo”  trong hòa giải.",
                "Ban dân vận",
            )],
        ),
    ];
    let c = consolidate(&mut returns, &reference()).unwrap();
    let ids = strings(&c.models, cols::MODEL_ID).unwrap();
    assert_eq!(ids.len(), 2);
    assert_eq!(ids[0], ids[1]);
}

#[test]
fn analyst_decisions_are_applied_and_reported() {
    use tonghop_core::{Decision, DecisionKind, RecodeField};
    use RowKind::Model;
    let mut returns = vec![ret(
        "P",
        "A",
        &[
            (Model, "Trường học hạnh phúc", "Tổ Ngữ văn"),
            (Model, "Trường học hạnh phcú", "Tổ Ngữ văn"),
            (Model, "Thư viện xanh", "Tổ Văn"),
            (Model, "Thư viện xanh", "Tổ Ngữ văn"),
        ],
    )];
    let base = consolidate(&mut returns.clone(), &reference()).unwrap();
    let ids = strings(&base.models, cols::MODEL_ID).unwrap();
    let names = strings(&base.models, cols::NAME).unwrap();
    let id_of = |n: &str, k: usize| {
        ids[names
            .iter()
            .enumerate()
            .filter(|(_, x)| *x == n)
            .nth(k)
            .unwrap()
            .0]
            .clone()
    };
    let (good, typo) = (
        id_of("Trường học hạnh phúc", 0),
        id_of("Trường học hạnh phcú", 0),
    );
    let d = |kind, id: &str, other: &str, value: &str, row| Decision {
        kind,
        id: id.into(),
        other: other.into(),
        value: value.into(),
        file: "quyet-dinh.xlsx".into(),
        row,
    };
    let mut r = reference();
    r.decisions = vec![
        d(DecisionKind::Merge, &good, &typo, "", 2),
        d(
            DecisionKind::Rename,
            &good,
            "",
            "Mô hình \"Trường học hạnh phúc\"",
            3,
        ),
        d(
            DecisionKind::Recode(RecodeField::Level),
            &good,
            "",
            "tinh",
            4,
        ),
        d(
            DecisionKind::Recode(RecodeField::Category),
            &good,
            "",
            "Văn hóa công sở",
            5,
        ),
        d(DecisionKind::Merge, "MH-khong-co", "MH-cung-khong", "", 6),
    ];
    let c = consolidate(&mut returns.clone(), &r).unwrap();
    assert_eq!(
        c.models.height(),
        3,
        "the typo merged into the right spelling"
    );
    let i = strings(&c.models, cols::MODEL_ID)
        .unwrap()
        .iter()
        .position(|x| *x == good)
        .unwrap();
    assert_eq!(
        strings(&c.models, cols::NAME).unwrap()[i],
        "Mô hình \"Trường học hạnh phúc\""
    );
    assert_eq!(strings(&c.models, cols::LEVEL).unwrap()[i], "tinh");
    assert_eq!(
        strings(&c.models, cols::CATEGORY).unwrap()[i],
        "van_hoa_cong_so"
    );
    assert_eq!(
        strings(&c.models, cols::CATEGORY_FROM).unwrap()[i],
        "quyết định"
    );
    assert_eq!(numbers(&c.models, cols::N_SOURCES).unwrap()[i], 2);
    assert_eq!(findings(&c, FindingCode::DecisionApplied).len(), 4);
    let unused = findings(&c, FindingCode::DecisionUnused);
    assert_eq!(unused.len(), 1);
    assert_eq!(unused[0].row, Some(6));
    assert!(
        findings(&c, FindingCode::PossibleDuplicate).is_empty(),
        "merged, so no longer proposed"
    );
    // Kept apart: the proposal stops.
    let mut r = reference();
    r.decisions = vec![d(DecisionKind::KeepApart, &typo, &good, "", 2)];
    let c = consolidate(&mut returns, &r).unwrap();
    assert!(findings(&c, FindingCode::PossibleDuplicate).is_empty());
    assert_eq!(findings(&c, FindingCode::DecisionApplied).len(), 1);
}

#[test]
fn lineage_accounts_for_every_row() {
    use RowKind::{Blank, Header, Model};
    let mut r1 = ret(
        "P",
        "A",
        &[
            (Header, "", ""),
            (Model, "Một", "X"),
            (Model, "Một", "X"),
            (Blank, "", ""),
            (Model, "", "X"),
        ],
    );
    r1.rows[0].entry = None;
    r1.rows[3].entry = None;
    let mut old = ret("P", "A", &[(Model, "Hai", "X")]);
    old.rel = "P/A-cu.xlsx".into();
    old.date = Date::new(2023, 2, 1);
    let mut removed = ret("P", "B", &[(Model, "Ba", "Y")]);
    removed.rows[0].entry.as_mut().unwrap().status = "Loại khỏi danh sách".into();
    let c = consolidate(&mut [r1, old, removed], &reference()).unwrap();
    let fates = strings(&c.rows, cols::FATE).unwrap();
    let count = |f: &str| fates.iter().filter(|x| *x == f).count();
    assert_eq!(fates.len(), 7);
    assert_eq!(
        (
            count("kept"),
            count("merged"),
            count("rejected"),
            count("superseded"),
            count("removed"),
            count("structure")
        ),
        (1, 1, 1, 1, 1, 2)
    );
    // In reading order, the rows that are not entries in their places.
    assert_eq!(
        fates,
        [
            "structure",
            "kept",
            "merged",
            "structure",
            "rejected",
            "superseded",
            "removed"
        ]
    );
    assert_eq!(
        strings(&c.rows, cols::KIND).unwrap(),
        ["header", "model", "model", "blank", "model", "model", "model"]
    );
    assert_eq!(
        strings(&c.rows, cols::SOURCE_FILE).unwrap(),
        [
            "P/A.xlsx",
            "P/A.xlsx",
            "P/A.xlsx",
            "P/A.xlsx",
            "P/A.xlsx",
            "P/A-cu.xlsx",
            "P/B.xlsx"
        ]
    );
    assert_eq!(
        numbers(&c.rows, cols::SOURCE_ROW).unwrap(),
        [5, 6, 7, 8, 9, 5, 5]
    );
    assert_eq!(findings(&c, FindingCode::ReturnSuperseded).len(), 1);
    assert_eq!(findings(&c, FindingCode::FieldMissing).len(), 1);
}

#[test]
fn ids_are_stable_and_distinct() {
    let a = entity_id(
        Subject::Model,
        &match_key("Trường học hạnh phúc"),
        &match_key("Trường THPT Lý Thường Kiệt"),
    );
    let b = entity_id(
        Subject::Model,
        &match_key("Trường  học hạnh phúc."),
        &match_key("Trường THPT Lý Thường Kiệt"),
    );
    let c = entity_id(
        Subject::Model,
        &match_key("Trường học hạnh phúc"),
        &match_key("Trường THPT Chu Văn An"),
    );
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert!(a.starts_with("MH-"));
}

/// Rows moved into the store batch by batch (as `tonghop run` does while
/// reading) consolidate exactly as the whole batch at once: the same
/// entities, the same lineage, the same findings; the returns keep their
/// metadata and lose their rows; a store fed other returns is refused.
#[test]
fn rows_taken_in_batches_consolidate_as_one_batch() {
    use RowKind::{Exemplar, Model};
    let batch = || {
        vec![
            ret("P1", "A", &[(Model, "Thư viện xanh", "Tổ Văn")]),
            ret(
                "P1",
                "B",
                &[
                    (Model, "Thư viện xanh", "Tổ Văn"),
                    (Exemplar, "Lê Văn Nam", "Sở Y tế"),
                ],
            ),
            ret("P2", "A", &[(Model, "Thư viện  xanh.", "Tổ Văn")]),
            ret("P2", "B", &[(Exemplar, "LÊ VĂN NAM", "Sở Y tế")]),
        ]
    };
    let mut whole = batch();
    let one = consolidate(&mut whole, &reference()).unwrap();
    assert!(whole.iter().all(|r| r.rows.is_empty() && r.readable));
    let mut parts = batch();
    let mut source = Source::new();
    for chunk in parts.chunks_mut(3) {
        source.take(chunk).unwrap();
    }
    let split = consolidate_source(source, &parts, &reference()).unwrap();
    for (a, b) in [
        (&one.models, &split.models),
        (&one.exemplars, &split.exemplars),
        (&one.rows, &split.rows),
    ] {
        assert!(a.equals_missing(b), "{a}\n{b}");
    }
    assert_eq!(one.models.height(), 2, "one model per period");
    assert_eq!(
        strings(&split.models, cols::MODEL_ID).unwrap()[0],
        strings(&split.models, cols::MODEL_ID).unwrap()[1],
        "the same id in both periods"
    );
    assert_eq!(one.findings.len(), split.findings.len());
    let mut short = batch();
    let mut source = Source::new();
    source.take(&mut short[..2]).unwrap();
    assert!(consolidate_source(source, &short, &reference()).is_err());
}
