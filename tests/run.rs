//! `tonghop run` end to end on generated corpora: every contract output is
//! written, and the outputs agree with each other and with the generator's truth.

use crate::harness::*;
use tonghop_gen::Scenario;

const OUTPUTS: &[&str] = &[
    "tong-hop.xlsx",
    "tong-hop.html",
    "so-lieu.md",
    "summary.json",
    "findings.csv",
    "data/models.parquet",
    "data/exemplars.parquet",
    "data/findings.parquet",
    "data/rows.parquet",
];

#[test]
fn outputs_exist_and_agree_with_each_other_and_the_truth() {
    let ran = generate_and_run(&Scenario::sized(14, 24, true), 7);
    let (out, truth) = (&ran.out, &ran.truth);
    for f in OUTPUTS {
        assert!(out.join(f).is_file(), "missing {f}");
    }
    let charts: Vec<_> = std::fs::read_dir(out.join("bieu-do"))
        .unwrap()
        .flatten()
        .collect();
    assert!(charts
        .iter()
        .any(|c| c.path().extension().is_some_and(|e| e == "png")));
    assert!(charts
        .iter()
        .any(|c| c.path().extension().is_some_and(|e| e == "svg")));

    let summary = json(&out.join("summary.json"));
    let models = parquet(&out.join("data/models.parquet"));
    let exemplars = parquet(&out.join("data/exemplars.parquet"));
    for p in summary["periods"].as_array().unwrap() {
        let id = p["id"].as_str().unwrap();
        let (m, e) = (
            p["models"]["total"].as_u64().unwrap(),
            p["exemplars"]["total"].as_u64().unwrap(),
        );
        // summary = the generator's truth = parquet = the workbook.
        assert_eq!(m, truth.periods[id].models, "models {id}");
        assert_eq!(e, truth.periods[id].exemplars, "exemplars {id}");
        assert_eq!(m as usize, active(&models, id));
        assert_eq!(e as usize, active(&exemplars, id));
        let (wm, we) = workbook_totals(&out.join("tong-hop.xlsx"), id);
        assert_eq!((wm as u64, we as u64), (m, e), "workbook {id}");
        let by_level: u64 = p["models"]["by_level"]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_u64().unwrap())
            .sum();
        assert_eq!(by_level, m);
        // Every code counted has its Vietnamese label.
        for (group, labels) in [("by_level", "levels"), ("by_category", "categories")] {
            for code in p["models"][group].as_object().unwrap().keys() {
                let label = summary["labels"][labels][code].as_str();
                assert!(label.is_some_and(|l| !l.is_empty()), "{labels}: {code}");
            }
        }
    }
    assert_eq!(summary["labels"]["levels"]["tinh"], "Cấp tỉnh");
    assert_eq!(summary["labels"]["subjects"]["models"], "mô hình");
    // The lineage gives each entry row the status it states, and no other row one.
    let lineage = parquet(&out.join("data/rows.parquet"));
    let kinds = lineage.column("kind").unwrap().str().unwrap();
    let statuses = lineage.column("status").unwrap().str().unwrap();
    let mut removed = 0;
    for (k, st) in kinds.iter().zip(statuses.iter()) {
        match k {
            Some("model" | "exemplar") => {
                assert!(matches!(st, Some("dang_ky" | "loai") | None), "{st:?}");
                removed += usize::from(st == Some("loai"));
            }
            _ => assert_eq!(st, None, "{k:?}"),
        }
    }
    assert!(removed > 0, "the generator marks some entries removed");
    // Every bridge is the generator's and adds up.
    for b in summary["bridges"].as_array().unwrap() {
        let g = |k: &str| b[k].as_i64().unwrap();
        assert_eq!(
            g("opening") + g("added")
                - g("removed")
                - g("transferred_out")
                - g("not_reported")
                - g("unexplained"),
            g("closing")
        );
        let t = truth
            .bridges
            .iter()
            .find(|t| t.from == b["from"] && t.to == b["to"] && t.subject == b["subject"])
            .unwrap();
        assert_eq!(
            (
                g("added"),
                g("removed"),
                g("transferred_out"),
                g("not_reported"),
                g("unexplained")
            ),
            (
                t.added as i64,
                t.removed as i64,
                t.transferred_out as i64,
                t.not_reported as i64,
                t.unexplained as i64
            ),
            "{b}"
        );
    }
    // findings.csv: a BOM, the contract's columns, one row per finding.
    let csv = std::fs::read_to_string(out.join("findings.csv")).unwrap();
    assert!(csv.starts_with("\u{FEFF}code,severity,period,unit,file,sheet,row,message"));
    let n: u64 = summary["findings"]["by_severity"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(
        parquet(&out.join("data/findings.parquet")).height() as u64,
        n
    );
}

/// A table of a sheet read back: the header row (the first whose first cell
/// is `first`) and the data rows under it, down to the first empty row.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn read(path: &std::path::Path, sheet_name: &str, first: &str) -> Table {
        let cells = sheet(path, sheet_name);
        let at = cells
            .iter()
            .position(|r| r.first().is_some_and(|c| c == first))
            .unwrap_or_else(|| panic!("{sheet_name}: no header {first}"));
        Table {
            header: cells[at].clone(),
            rows: cells[at + 1..]
                .iter()
                .take_while(|r| r.iter().any(|c| !c.is_empty()))
                .cloned()
                .collect(),
        }
    }

    /// A register whole, over its sheets (see `harness::register`).
    fn register(path: &std::path::Path, name: &str) -> Table {
        let (header, rows) = register(path, name);
        Table { header, rows }
    }

    fn col(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|c| c == name)
            .unwrap_or_else(|| panic!("no column {name} in {:?}", self.header))
    }

    /// The number in column `name` of `row` (0 when the cell is empty).
    fn num(&self, row: &[String], name: &str) -> i64 {
        let c = &row[self.col(name)];
        if c.is_empty() {
            0
        } else {
            c.parse::<f64>()
                .unwrap_or_else(|_| panic!("{name}: {c} is not a number")) as i64
        }
    }

    /// Sum of column `name` over the rows where column `key` is `value`.
    fn sum_where(&self, key: &str, value: &str, name: &str) -> i64 {
        let k = self.col(key);
        self.rows
            .iter()
            .filter(|r| r[k] == value)
            .map(|r| self.num(r, name))
            .sum()
    }
}

/// `tong-hop.xlsx` read back with calamine says what `summary.json` and the
/// parquet files say: totals by level and their change, each unit's counts,
/// the lists row for row, the bridges, the targets, the findings.
#[test]
fn the_workbook_read_back_equals_summary_json_and_parquet() {
    let ran = generate_and_run(&Scenario::sized(12, 20, true), 11);
    let out = &ran.out;
    let book = out.join("tong-hop.xlsx");
    let summary = json(&out.join("summary.json"));
    let periods = summary["periods"].as_array().unwrap();
    let u = |v: &serde_json::Value| v.as_u64().unwrap_or(0) as i64;

    let tong_hop = Table::read(&book, "Tổng hợp", "Kỳ báo cáo");
    let units = Table::read(&book, "Theo đơn vị", "Kỳ");
    // Generated names and lists of another size still print at 9 pt or more.
    for (name, _, printed) in print_layout(&book) {
        assert!(printed >= 9.0, "{name}: {printed:.1} pt");
    }
    let models = Table::register(&book, "Mô hình");
    let exemplars = Table::register(&book, "Điển hình");
    let (models_pq, exemplars_pq) = (
        parquet(&out.join("data/models.parquet")),
        parquet(&out.join("data/exemplars.parquet")),
    );
    // One row per entity per period, as in the parquet files.
    assert_eq!(models.rows.len(), models_pq.height());
    assert_eq!(exemplars.rows.len(), exemplars_pq.height());
    let mut previous: Option<(i64, i64)> = None;
    for p in periods {
        let (id, name) = (p["id"].as_str().unwrap(), p["name"].as_str().unwrap());
        let row = tong_hop
            .rows
            .iter()
            .find(|r| r[1] == id)
            .unwrap_or_else(|| panic!("Tổng hợp has no row for {id}"));
        for (subject, prefix, total, list, frame) in [
            ("models", "MH", "Tổng mô hình", &models, &models_pq),
            (
                "exemplars",
                "ĐH",
                "Tổng điển hình",
                &exemplars,
                &exemplars_pq,
            ),
        ] {
            let s = &p[subject];
            for (level, label) in [
                ("tinh", "cấp tỉnh"),
                ("khoi", "cấp Khối"),
                ("co_so", "cấp cơ sở"),
                ("khong_ro", "chưa rõ cấp"),
            ] {
                assert_eq!(
                    tong_hop.num(row, &format!("{prefix} {label}")),
                    u(&s["by_level"][level]),
                    "{id} {subject} {level}"
                );
            }
            let n = tong_hop.num(row, total);
            assert_eq!(n, u(&s["total"]), "{id} {subject}");
            assert_eq!(n as usize, active(frame, id), "{id} {subject} parquet");
            // The list: the rows of the period still registered.
            let (status, period) = (list.col("Tình trạng"), list.col("Kỳ"));
            let registered = list
                .rows
                .iter()
                .filter(|r| r[period] == name && r[status] == "Đăng ký")
                .count();
            assert_eq!(registered, n as usize, "{id} {subject} list");
            // Per unit, the counts add up to the period's total.
            let unit_total = if prefix == "MH" {
                "Tổng MH"
            } else {
                "Tổng ĐH"
            };
            assert_eq!(units.sum_where("Kỳ", name, unit_total), n, "{id} units");
        }
        let totals = (u(&p["models"]["total"]), u(&p["exemplars"]["total"]));
        if let Some((m, e)) = previous {
            assert_eq!(
                (
                    tong_hop.num(row, "Thay đổi mô hình so với kỳ trước"),
                    tong_hop.num(row, "Thay đổi điển hình so với kỳ trước")
                ),
                (totals.0 - m, totals.1 - e),
                "{id} change"
            );
        }
        previous = Some(totals);
    }

    // Each bridge, term by term.
    let bridges = Table::read(&book, "Đối chiếu", "Từ kỳ");
    let bridges_json = summary["bridges"].as_array().unwrap();
    assert_eq!(bridges.rows.len(), bridges_json.len());
    for (row, b) in bridges.rows.iter().zip(bridges_json) {
        for (column, key) in [
            ("Đầu kỳ", "opening"),
            ("Bổ sung", "added"),
            ("Loại khỏi danh sách", "removed"),
            ("Đơn vị chuyển đi", "transferred_out"),
            ("Đơn vị chưa báo cáo", "not_reported"),
            ("Không rõ lý do", "unexplained"),
            ("Cuối kỳ", "closing"),
        ] {
            assert_eq!(bridges.num(row, column), u(&b[key]), "{b} {key}");
        }
        assert_eq!(row[bridges.col("Kiểm tra")], "Khớp");
    }

    // Targets: the same number of rows, targets and achieved.
    let targets = Table::read(&book, "Chỉ tiêu", "Kỳ");
    let targets_json = summary["targets"].as_array().unwrap();
    assert_eq!(targets.rows.len(), targets_json.len());
    let sum = |key: &str| targets_json.iter().map(|t| u(&t[key])).sum::<i64>();
    let column = |name: &str| -> i64 { targets.rows.iter().map(|r| targets.num(r, name)).sum() };
    assert_eq!(column("Chỉ tiêu"), sum("target"));
    assert_eq!(column("Đạt"), sum("achieved"));

    // Findings: one row each, errors first.
    let findings = Table::read(&book, "Cảnh báo", "Mức độ");
    let by_severity = summary["findings"]["by_severity"].as_object().unwrap();
    assert_eq!(
        findings.rows.len() as i64,
        by_severity.values().map(u).sum::<i64>()
    );
    assert_eq!(
        parquet(&out.join("data/findings.parquet")).height(),
        findings.rows.len()
    );
    let errors = by_severity.get("error").map_or(0, u) as usize;
    assert!(findings.rows[..errors].iter().all(|r| r[0] == "Lỗi"));
}

#[test]
fn no_row_of_a_list_is_lost_between_sheet_and_lineage() {
    let ran = generate_and_run(&Scenario::sized(10, 30, false), 3);
    let (out, truth) = (&ran.out, &ran.truth);
    let rows = parquet(&out.join("data/rows.parquet"));
    for (id, t) in &truth.periods {
        let data = rows
            .clone()
            .lazy()
            .filter(
                col("period").eq(lit(id.as_str())).and(
                    col("kind")
                        .eq(lit("model"))
                        .or(col("kind").eq(lit("exemplar"))),
                ),
            )
            .collect()
            .unwrap();
        assert_eq!(data.height(), t.data_rows, "data rows of {id}");
        // Each data row ends kept, merged, removed or rejected (no superseded file here).
        let fates = data
            .column("fate")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .flatten()
            .filter(|f| ["kept", "merged", "removed", "rejected"].contains(f))
            .count();
        assert_eq!(fates, t.data_rows);
    }
}

#[test]
fn a_failed_write_leaves_previous_outputs_intact() {
    let ran = generate_and_run(&Scenario::sized(8, 10, false), 1);
    let (dir, out) = (&ran.dir, &ran.out);
    let before = std::fs::read(out.join("summary.json")).unwrap();
    // Inputs that cannot be read at all: the run fails with exit 1, outputs stay.
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(empty.join("2024-01")).unwrap();
    std::fs::write(empty.join("2024-01/hong.xlsx"), b"not a workbook").unwrap();
    let o = run(&[
        "run",
        empty.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(std::fs::read(out.join("summary.json")).unwrap(), before);
}

use polars::prelude::*;

#[test]
fn analyst_decisions_in_quyet_dinh_csv_apply_on_the_next_run() {
    let ran = generate_and_run(&Scenario::sized(8, 12, false), 4);
    let models = parquet(&ran.out.join("data/models.parquet"));
    let period = models.column("period").unwrap().str().unwrap();
    let ids = models.column("model_id").unwrap().str().unwrap();
    let last = period.get(models.height() - 1).unwrap().to_owned();
    let in_last: Vec<&str> = (0..models.height())
        .filter(|&i| period.get(i) == Some(last.as_str()))
        .map(|i| ids.get(i).unwrap())
        .collect();
    let before = active(&models, &last);
    std::fs::write(
        ran.inputs.join("quyet-dinh.csv"),
        format!("\u{FEFF}Quyết định,Mã,Mã thứ hai,Giá trị mới,Ghi chú\nGộp,{},{},,\"cùng một mô hình, ghi hai tên\"\nĐổi tên,{},,\"Tên mới, có dấu phẩy\",\nXoá,MH-0,,,\n", in_last[0], in_last[1], in_last[0]),
    )
    .unwrap();
    let o = run(&[
        "run",
        ran.inputs.to_str().unwrap(),
        "--out",
        ran.out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let after = parquet(&ran.out.join("data/models.parquet"));
    assert_eq!(active(&after, &last), before - 1);
    let names = after.column("name").unwrap().str().unwrap();
    assert!(names.iter().any(|n| n == Some("Tên mới, có dấu phẩy")));
    let csv = std::fs::read_to_string(ran.out.join("findings.csv")).unwrap();
    assert_eq!(csv.matches("DECISION_APPLIED").count(), 2, "{csv}");
    // "Xoá" is not a decision tonghop knows: said, not guessed.
    assert!(
        csv.contains("REFERENCE_INVALID") && csv.contains("Xoá"),
        "{csv}"
    );
}
