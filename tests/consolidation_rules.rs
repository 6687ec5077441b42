//! Consolidation rules on committed returns (`tests/fixtures/hop-nhat`, made
//! by `scripts/make_consolidate_fixtures.py` with openpyxl and LibreOffice):
//! each file is named for the trap it holds.

use crate::harness::*;
use polars::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

/// The fixture run once for all tests of this file.
fn out() -> &'static Path {
    static RAN: OnceLock<TempDir> = OnceLock::new();
    RAN.get_or_init(|| {
        let dir = tempdir();
        let inputs = root().join("tests/fixtures/hop-nhat");
        let out = dir.path().join("out");
        let o = run(&[
            "run",
            inputs.to_str().expect("utf-8"),
            "--out",
            out.to_str().expect("utf-8"),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        dir
    })
    .path()
    .join("out")
    .leak()
}

/// The rows of a parquet output matching `filter`, as maps of column → text.
fn rows(file: &str, filter: Expr) -> Vec<std::collections::HashMap<String, String>> {
    let df = parquet(&out().join("data").join(file))
        .lazy()
        .filter(filter)
        .collect()
        .expect("filter");
    (0..df.height())
        .map(|i| {
            df.columns()
                .iter()
                .map(|c| {
                    let v = c.get(i).expect("in range");
                    let text = match v {
                        AnyValue::String(s) => s.to_owned(),
                        AnyValue::Null => String::new(),
                        other => other.to_string(),
                    };
                    (c.name().to_string(), text)
                })
                .collect()
        })
        .collect()
}

fn findings(code: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(out().join("findings.csv")).expect("findings.csv");
    text.lines()
        .skip(1)
        .filter(|l| l.starts_with(&format!("{code},")))
        .map(|l| l.splitn(8, ',').map(str::to_owned).collect())
        .collect()
}

fn named(column: &str, value: &str) -> Expr {
    col(column).eq(lit(value.to_owned()))
}

#[test]
fn the_same_model_twice_in_one_return_is_one_with_its_sources() {
    let m = rows(
        "models.parquet",
        named("name", "Trường học hạnh phúc").and(named("period", "2022-10")),
    );
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0]["n_sources"], "2");
    // The first row had no category: read from the name, and said so.
    assert_eq!(m[0]["category"], "giao_duc");
    assert_eq!(m[0]["category_from"], "tên mô hình");
    let f = findings("DUPLICATE_MERGED");
    assert!(
        f.iter().any(|x| x[7].contains(&m[0]["model_id"])
            && x[7].contains("dòng 9")
            && x[7].contains("dòng 10")),
        "{f:?}"
    );
}

#[test]
fn a_typo_is_proposed_not_merged() {
    let typo = rows("models.parquet", named("name", "Trường học hạnh phcú"));
    assert_eq!(typo.len(), 1, "kept as its own entity");
    let f = findings("POSSIBLE_DUPLICATE");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0][7].contains("phcú") && f[0][7].contains("độ giống"),
        "{f:?}"
    );
    assert_eq!(f[0][6], "11", "cites the later row");
}

#[test]
fn the_seed_label_is_ambiguous_not_guessed() {
    let f = findings("CATEGORY_AMBIGUOUS");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0][4].ends_with("DV01-dong-lap-sai-chinh-ta-loai-mo-ho.xlsx"));
    assert_eq!(f[0][6], "12");
    let m = rows(
        "models.parquet",
        named("name", "Thực hiện 5S tại văn phòng trường").and(named("period", "2022-10")),
    );
    assert_eq!(m[0]["category"], "khong_ro");
}

#[test]
fn one_name_in_two_workplaces_is_two_people() {
    let p = rows(
        "exemplars.parquet",
        named("full_name", "Nguyễn Thị Hoà").and(named("period", "2022-10")),
    );
    assert_eq!(p.len(), 2, "{p:?}");
    assert_ne!(p[0]["person_id"], p[1]["person_id"]);
    assert_ne!(p[0]["workplace"], p[1]["workplace"]);
}

#[test]
fn one_person_listed_by_two_returns_is_one_person() {
    let p = rows("exemplars.parquet", named("full_name", "Trần Văn Bình"));
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0]["n_sources"], "2");
    let lineage = rows("rows.parquet", named("entity_id", &p[0]["person_id"]));
    let files: std::collections::BTreeSet<_> =
        lineage.iter().map(|r| r["source_file"].clone()).collect();
    assert_eq!(files.len(), 2, "{lineage:?}");
    assert_eq!(
        lineage.iter().filter(|r| r["fate"] == "merged").count(),
        1,
        "{lineage:?}"
    );
}

#[test]
fn spelling_fixed_in_the_next_period_keeps_the_ids() {
    // 2023: trailing full stop, case, double space, `Hòa` for `Hoà`, all in
    // decomposed Unicode.
    for (file, column, before, after) in [
        (
            "models.parquet",
            "name",
            "Trường học hạnh phúc",
            "Trường học Hạnh phúc.",
        ),
        (
            "exemplars.parquet",
            "full_name",
            "Nguyễn Thị Hoà",
            "Nguyễn Thị Hòa",
        ),
    ] {
        let old = rows(
            file,
            named(column, before)
                .and(named("period", "2022-10"))
                .and(col("unit").eq(lit("DV01"))),
        );
        let new = rows(
            file,
            named("period", "2023-03").and(col("unit").eq(lit("DV01"))),
        );
        let id = if file == "models.parquet" {
            "model_id"
        } else {
            "person_id"
        };
        let same: Vec<_> = new.iter().filter(|r| r[id] == old[0][id]).collect();
        assert_eq!(same.len(), 1, "{before} → {new:?}");
        // Displayed as written in the later return, in composed form.
        assert_eq!(
            same[0][column]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            after
        );
    }
}

#[test]
fn a_removal_and_a_superseded_return() {
    let m = rows(
        "models.parquet",
        named("name", "Thực hiện 5S tại văn phòng trường").and(named("period", "2023-03")),
    );
    assert_eq!(m[0]["status"], "loai");
    let removed = rows("rows.parquet", named("fate", "removed"));
    assert_eq!(removed.len(), 1);
    assert!(removed[0]["reason"].contains("Loại (không duy trì)"));
    let f = findings("RETURN_SUPERSEDED");
    assert_eq!(f.len(), 1);
    assert!(f[0][4].ends_with("DV01-ban-cu-bi-thay.xlsx"), "{f:?}");
    assert!(rows("models.parquet", named("name", "Mô hình ghi nhầm ở bản cũ")).is_empty());
    let superseded = rows("rows.parquet", named("fate", "superseded"));
    assert_eq!(superseded.len(), 1);
    assert!(superseded[0]["entity_id"].is_empty());
}

#[test]
fn every_row_read_has_one_fate() {
    let all = rows("rows.parquet", lit(true));
    let count = |f: &str| all.iter().filter(|r| r["fate"] == f).count();
    let fates = [
        "kept",
        "merged",
        "superseded",
        "removed",
        "rejected",
        "structure",
    ];
    assert_eq!(fates.iter().map(|f| count(f)).sum::<usize>(), all.len());
    // Entities counted = first sources kept or removed.
    let entities =
        rows("models.parquet", lit(true)).len() + rows("exemplars.parquet", lit(true)).len();
    assert_eq!(count("kept") + count("removed"), entities);
    assert_eq!(count("merged"), 2);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("readable").flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).expect("copied");
        }
    }
}

#[test]
fn analysts_decisions_in_a_csv_saved_by_excel_are_applied() {
    // `quyet-dinh.csv` as Excel saves "CSV UTF-8" (with a byte-order mark):
    // merge the typo into the right spelling, rename it, set a level and a
    // category, and one decision about ids that no longer exist.
    let dir = tempdir();
    let inputs = dir.path().join("inputs");
    copy_dir(&root().join("tests/fixtures/hop-nhat"), &inputs);
    std::fs::copy(
        root().join("tests/fixtures/quyet-dinh-hop-nhat.csv"),
        inputs.join("quyet-dinh.csv"),
    )
    .expect("copied");
    let out = dir.path().join("out");
    let o = run(&[
        "run",
        inputs.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let models = parquet(&out.join("data/models.parquet"))
        .lazy()
        .filter(col("model_id").eq(lit("MH-c4e1980b9b")))
        .sort(["period"], SortMultipleOptions::default())
        .collect()
        .expect("filter");
    let names = models.column("name").unwrap().str().unwrap();
    assert_eq!(names.get(0), Some("Mô hình \"Trường học hạnh phúc\""));
    assert_eq!(names.get(1), Some("Mô hình \"Trường học hạnh phúc\""));
    // Two rows of the right spelling and the typo's row.
    assert_eq!(
        models.column("n_sources").unwrap().u32().unwrap().get(0),
        Some(3)
    );
    let text = std::fs::read_to_string(out.join("findings.csv")).expect("findings");
    assert!(
        !text.contains("POSSIBLE_DUPLICATE"),
        "merged, no longer proposed"
    );
    assert!(
        !text.contains("CATEGORY_AMBIGUOUS"),
        "recoded by the analyst"
    );
    assert_eq!(text.matches("DECISION_APPLIED").count(), 4, "{text}");
    let unused: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("DECISION_UNUSED"))
        .collect();
    assert_eq!(unused.len(), 1);
    assert!(unused[0].contains("quyet-dinh.csv,,6,"), "{unused:?}");
    let person = parquet(&out.join("data/exemplars.parquet"))
        .lazy()
        .filter(col("person_id").eq(lit("DH-52bdd426d6")))
        .collect()
        .expect("filter");
    assert_eq!(
        person.column("level").unwrap().str().unwrap().get(0),
        Some("tinh")
    );
    let category = parquet(&out.join("data/models.parquet"))
        .lazy()
        .filter(col("model_id").eq(lit("MH-430a192854")))
        .collect()
        .expect("filter");
    let from = category.column("category_from").unwrap().str().unwrap();
    assert_eq!(from.len(), 2);
    assert!(from.iter().all(|f| f == Some("quyết định")));
}
