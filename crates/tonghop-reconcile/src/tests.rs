//! Unit tests of the crate (kept apart from the code they test).
use super::*;
use tonghop_core::{Date, Entry, RowKind, RuleSpec, SourceRow, StatedTotal, Unit, UnitMatch};

fn unit(code: &str, to: Option<Date>) -> Unit {
    Unit {
        code: code.into(),
        name: format!("Chi bộ {code}"),
        aliases: vec![],
        kind: "Chi bộ cơ sở".into(),
        parent: String::new(),
        from: None,
        to,
        note: String::new(),
    }
}

fn period(id: &str, deadline: Date) -> Period {
    Period {
        id: id.into(),
        name: id.into(),
        folder: id.into(),
        deadline: Some(deadline),
        opens: None,
        kind: String::new(),
    }
}

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::new(y, m, day).unwrap()
}

/// A return of `code` in `period` listing models (name, status).
fn ret(
    period: &str,
    code: &str,
    date: Date,
    models: &[(&str, &str)],
    stated: Option<i64>,
) -> Return {
    let rows = models
        .iter()
        .enumerate()
        .map(|(i, (name, status))| SourceRow {
            sheet: "S".into(),
            row: 10 + u32::try_from(i).unwrap(),
            kind: RowKind::Model,
            entry: Some(Entry {
                name: (*name).into(),
                owner: "Văn phòng".into(),
                level: "Cơ sở".into(),
                category: "Y tế".into(),
                status: (*status).into(),
                ..Entry::default()
            }),
            reason: "",
        })
        .collect();
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
    r.date = Some(date);
    r.rows = rows;
    r.totals = stated
        .map(|v| {
            vec![StatedTotal {
                sheet: "S".into(),
                row: 5,
                subject: Subject::Model,
                value: v,
                first_row: 1,
                last_row: u32::MAX,
                text: format!("Tổng số mô hình: {v}"),
            }]
        })
        .unwrap_or_default();
    r
}

fn reference(units: Vec<Unit>) -> Reference {
    Reference {
        units,
        periods: vec![period("P1", d(2022, 10, 31)), period("P2", d(2023, 3, 20))],
        targets: vec![],
        categories: tonghop_text::default_categories(),
        has_roster: true,
        ..Reference::default()
    }
}

fn run(returns: &[Return], reference: &Reference) -> Reconciled {
    let mut returns = returns.to_vec();
    let cons = tonghop_consolidate::consolidate(&mut returns, reference).unwrap();
    reconcile(&returns, &cons, reference).unwrap()
}

fn codes(r: &Reconciled, code: FindingCode) -> Vec<&Finding> {
    r.findings.iter().filter(|f| f.code == code).collect()
}

#[test]
fn bridge_terms_each_explained() {
    let reference = reference(vec![
        unit("A", None),
        unit("B", None),
        unit("BANK", Some(d(2022, 12, 31))),
        unit("C", None),
    ]);
    let returns = vec![
        ret(
            "P1",
            "A",
            d(2022, 10, 20),
            &[("Một", ""), ("Hai", ""), ("Ba", "")],
            None,
        ),
        ret("P1", "B", d(2022, 10, 20), &[("Bốn", "")], None),
        ret(
            "P1",
            "BANK",
            d(2022, 10, 20),
            &[("Năm", ""), ("Sáu", "")],
            None,
        ),
        ret("P1", "C", d(2022, 10, 20), &[("Bảy", "")], None),
        // A: one removed, one vanished, one new. B sent nothing. BANK left.
        ret(
            "P2",
            "A",
            d(2023, 3, 10),
            &[
                ("Một", ""),
                ("Hai", "Loại khỏi danh sách"),
                ("Tám", "Bổ sung"),
            ],
            None,
        ),
        ret("P2", "C", d(2023, 3, 10), &[("Bảy", "")], None),
    ];
    let r = run(&returns, &reference);
    let b = r
        .summary
        .bridges
        .iter()
        .find(|b| b.subject == "models")
        .unwrap();
    assert_eq!(
        (
            b.opening,
            b.added,
            b.removed,
            b.transferred_out,
            b.not_reported,
            b.unexplained,
            b.closing
        ),
        (7, 1, 1, 2, 1, 1, 3)
    );
    assert_eq!(codes(&r, FindingCode::BridgeUnexplained).len(), 1);
    let vanished = codes(&r, FindingCode::BridgeUnexplained)[0];
    assert!(vanished.message.contains("Ba"));
    // Cited where it was last listed.
    assert_eq!(
        (
            vanished.file.as_str(),
            vanished.sheet.as_str(),
            vanished.row
        ),
        ("P1/A.xlsx", "S", Some(12))
    );
}

#[test]
fn unit_that_left_is_not_missing_and_late_is_counted_in_days() {
    let reference = reference(vec![unit("A", None), unit("BANK", Some(d(2022, 12, 31)))]);
    let returns = vec![
        ret("P1", "A", d(2022, 11, 3), &[("Một", "")], None),
        ret("P1", "BANK", d(2022, 10, 1), &[("Hai", "")], None),
        ret("P2", "A", d(2023, 3, 20), &[("Một", "")], None),
    ];
    let r = run(&returns, &reference);
    let p2 = &r.summary.periods[1];
    assert!(p2.returns.missing.is_empty(), "{:?}", p2.returns.missing);
    assert!(!p2.returns.expected.contains(&"BANK".to_owned()));
    let late = codes(&r, FindingCode::ReturnLate);
    assert_eq!(late.len(), 1, "on the deadline is not late");
    assert!(late[0].message.contains("3 ngày"));
    assert_eq!(r.summary.periods[0].returns.late, vec!["A".to_owned()]);
}

#[test]
fn stated_totals_count_active_rows_only() {
    let reference = reference(vec![unit("A", None)]);
    // Two active and one removed: a stated 2 is right, a stated 3 is wrong.
    let ok = vec![ret(
        "P1",
        "A",
        d(2022, 10, 1),
        &[("Một", ""), ("Hai", ""), ("Ba", "Không đạt, loại")],
        Some(2),
    )];
    assert!(codes(&run(&ok, &reference), FindingCode::TotalMismatch).is_empty());
    let wrong = vec![ret(
        "P1",
        "A",
        d(2022, 10, 1),
        &[("Một", ""), ("Hai", ""), ("Ba", "Không đạt, loại")],
        Some(3),
    )];
    let r = run(&wrong, &reference);
    let f = codes(&r, FindingCode::TotalMismatch);
    assert_eq!(f.len(), 1);
    assert_eq!((f[0].sheet.as_str(), f[0].row), ("S", Some(5)));
}

#[test]
fn per_unit_targets_report_the_shortfall() {
    let mut reference = reference(vec![unit("A", None), unit("B", None)]);
    reference.targets.push(tonghop_core::Target {
        period: None,
        subject: Subject::Model,
        category: None,
        level: None,
        unit_kind: Some("Chi bộ cơ sở".into()),
        count: 2,
        row: 2,
    });
    let returns = vec![
        ret("P1", "A", d(2022, 10, 1), &[("Một", ""), ("Hai", "")], None),
        ret("P1", "B", d(2022, 10, 1), &[("Ba", "")], None),
    ];
    let r = run(&returns, &reference);
    let f = codes(&r, FindingCode::TargetShortfall);
    // B is short in P1; both sent nothing in P2, so both are short there.
    assert_eq!(f.iter().filter(|f| f.period == "P1").count(), 1);
    assert_eq!(f.iter().find(|f| f.period == "P1").unwrap().unit, "B");
    assert!(r
        .summary
        .targets
        .iter()
        .any(|t| t.unit.as_deref() == Some("A") && t.period == "P1" && t.gap == 0));
}

fn rule(code: &str, left: &str, op: &str, right: &str, scope: &str, missing: &str) -> RuleSpec {
    RuleSpec {
        code: code.into(),
        left: left.into(),
        op: op.into(),
        right: right.into(),
        scope: scope.into(),
        missing: missing.into(),
        row: 2,
        ..RuleSpec::default()
    }
}

#[test]
fn campaign_rules_hold_fail_and_skip_by_strategy() {
    let mut reference = reference(vec![unit("A", None), unit("B", None), unit("C", None)]);
    // In P1, A lists two models (one removed), B one; C sends nothing.
    let returns = vec![
        ret(
            "P1",
            "A",
            d(2022, 10, 20),
            &[("Một", ""), ("Hai", "Loại")],
            None,
        ),
        ret("P1", "B", d(2022, 10, 20), &[("Ba", "")], None),
    ];
    reference.rules = vec![
        // Holds: 2 active models ≤ 3 (active + removed).
        rule("QT01", "mo_hinh", "<=", "mo_hinh.tat_ca", "", ""),
        // Fails once, over the committee: 2 active, 1 removed.
        rule("QT02", "mo_hinh.loai", ">=", "mo_hinh", "Toàn khối", ""),
        // Per unit: A has 1 ≥ 1, B has 1 ≥ 1; C sent nothing: skipped (all missing).
        rule("QT03", "mo_hinh", ">=", "1", "Từng đơn vị", ""),
        // The same, never skipping: C counts 0 and fails.
        rule("QT04", "mo_hinh", ">=", "1", "Từng đơn vị", "Không bỏ qua"),
        // Nobody wrote a commendation: skipped, not "0 ≤ 0".
        rule(
            "QT05",
            "mo_hinh.khen_thuong",
            "<=",
            "mo_hinh.tuyen_duong",
            "",
            "",
        ),
        // Returns: 1 missing of 3 expected.
        rule("QT06", "bao_cao.thieu", "=", "0", "", ""),
    ];
    let r = run(&returns, &reference);
    let p1 = |code: &str| {
        r.summary
            .rules
            .iter()
            .find(|x| x.code == code && x.period == "P1")
            .unwrap_or_else(|| panic!("{code}"))
    };
    assert_eq!((p1("QT01").checked, p1("QT01").failed), (1, 0));
    assert_eq!((p1("QT02").checked, p1("QT02").failed), (1, 1));
    assert_eq!((p1("QT02").left, p1("QT02").right), (Some(1.0), Some(2.0)));
    assert_eq!(
        (p1("QT03").checked, p1("QT03").failed, p1("QT03").skipped),
        (2, 0, 1)
    );
    assert_eq!((p1("QT04").checked, p1("QT04").failed), (3, 1));
    assert_eq!((p1("QT05").checked, p1("QT05").skipped), (0, 1));
    assert_eq!(p1("QT06").failed, 1);
    let failed = codes(&r, FindingCode::RuleFailed);
    let p1_failed: Vec<_> = failed.iter().filter(|f| f.period == "P1").collect();
    assert_eq!(p1_failed.len(), 3, "{p1_failed:?}");
    // The committee's rule cites its row of the sheet; a unit's, the unit.
    let qt02 = p1_failed
        .iter()
        .find(|f| f.message.contains("QT02"))
        .unwrap();
    assert_eq!((qt02.file.as_str(), qt02.row), ("danh-muc.xlsx", Some(2)));
    assert!(
        qt02.message.contains("mo_hinh.loai là 1"),
        "{}",
        qt02.message
    );
    let qt04 = p1_failed
        .iter()
        .find(|f| f.message.contains("QT04"))
        .unwrap();
    assert_eq!(qt04.unit, "C");
    assert!(qt04.message.contains("Chi bộ C"), "{}", qt04.message);
}

#[test]
fn a_builtin_check_takes_the_campaigns_severity_and_message() {
    let mut reference = reference(vec![unit("A", None)]);
    let mut late = rule("RETURN_LATE", "", "", "", "", "");
    late.severity = "Lỗi".into();
    late.message = "{don_vi} nộp muộn {so_ngay} ngày".into();
    reference.rules = vec![late];
    let returns = vec![ret("P1", "A", d(2022, 11, 3), &[("Một", "")], None)];
    let r = run(&returns, &reference);
    let f = codes(&r, FindingCode::ReturnLate);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(
        f[0].message, "{don_vi} nộp muộn 3 ngày",
        "unknown placeholders stay"
    );
}

#[test]
fn reporting_rates_by_unit_kind() {
    let mut units = vec![
        unit("A", None),
        unit("B", None),
        unit("C", None),
        unit("D", Some(d(2022, 1, 1))),
    ];
    units[2].kind = "Đảng bộ cơ sở".into();
    let reference = reference(units);
    // P1: A on time, B late by 5 days, C (the other kind) missing, D left the roster.
    let returns = vec![
        ret("P1", "A", d(2022, 10, 20), &[("Một", "")], None),
        ret("P1", "B", d(2022, 11, 5), &[("Hai", "")], None),
    ];
    let r = run(&returns, &reference);
    let p1 = &r.summary.periods[0].returns;
    assert_eq!(p1.days_late.get("B"), Some(&5));
    let cb = &p1.by_kind["Chi bộ cơ sở"];
    assert_eq!(
        (cb.expected, cb.received, cb.on_time, cb.late, cb.missing),
        (2, 2, 1, 1, 0),
        "D left before the deadline: not expected"
    );
    assert!((cb.rate - 100.0).abs() < 1e-9 && (cb.on_time_rate - 50.0).abs() < 1e-9);
    let db = &p1.by_kind["Đảng bộ cơ sở"];
    assert_eq!((db.expected, db.received, db.missing), (1, 0, 1));
    assert!(db.rate.abs() < 1e-9);
}
