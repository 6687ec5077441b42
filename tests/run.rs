//! `tonghop run` end to end on generated corpora: every contract output is
//! written, and the outputs agree with each other and with the generator's truth.

mod harness;

use harness::*;
use tonghop_gen::Scenario;

const OUTPUTS: &[&str] = &[
    "tong-hop.xlsx",
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
    }
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
