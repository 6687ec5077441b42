//! A small harness for end-to-end tests: corpora in temp dirs, the binary,
//! and readers for its outputs.
#![allow(dead_code)]

use calamine::{open_workbook_auto, Data, Reader};
use polars::prelude::*;
use polars_io::prelude::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary folder removed when dropped (std only, so the test build pulls
/// in no crate that would change the feature set of the release build).
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn tempdir() -> TempDir {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let p = std::env::temp_dir().join(format!(
        "tonghop-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&p);
    std::fs::create_dir_all(&p).expect("temp dir");
    TempDir(p)
}

/// A generated corpus in a temp dir, and `tonghop run` on it.
pub struct Ran {
    pub dir: TempDir,
    pub inputs: PathBuf,
    pub out: PathBuf,
    pub truth: tonghop_gen::Truth,
}

/// Generates a corpus and runs the pipeline on it; the run must succeed.
pub fn generate_and_run(scenario: &tonghop_gen::Scenario, seed: u64) -> Ran {
    let dir = tempdir();
    let inputs = dir.path().join("inputs");
    let out = dir.path().join("out");
    let truth = tonghop_gen::generate(scenario, seed, &inputs).expect("corpus written");
    let o = run(&[
        "run",
        inputs.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    Ran {
        dir,
        inputs,
        out,
        truth,
    }
}

pub fn tonghop() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tonghop"))
}

/// Runs `tonghop` with `args`, returning its output.
pub fn run(args: &[&str]) -> Output {
    tonghop().args(args).output().expect("the binary runs")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

/// The repository root.
pub fn root() -> PathBuf {
    manifest_dir()
}

pub fn json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("valid JSON")
}

pub fn parquet(path: &Path) -> DataFrame {
    let f = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    ParquetReader::new(f).finish().expect("readable parquet")
}

/// A text column of a frame, in its order (nulls as empty).
pub fn texts(df: &DataFrame, column: &str) -> Vec<String> {
    df.column(column)
        .unwrap_or_else(|e| panic!("{column}: {e}"))
        .str()
        .unwrap_or_else(|e| panic!("{column}: {e}"))
        .iter()
        .map(|v| v.unwrap_or("").to_owned())
        .collect()
}

/// Distinct active entities of a period in a models/exemplars frame.
pub fn active(df: &DataFrame, period: &str) -> usize {
    df.clone()
        .lazy()
        .filter(
            col("period")
                .eq(lit(period))
                .and(col("status").eq(lit("dang_ky"))),
        )
        .collect()
        .expect("filter")
        .height()
}

/// The cells of a sheet of a workbook, as text.
pub fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut wb = open_workbook_auto(path).expect("workbook opens");
    let range = wb.worksheet_range(name).expect("sheet exists");
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Float(f) => format!("{f}"),
                    Data::Int(i) => i.to_string(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// The numbers of the `Tổng hợp` row for a period: (models total, exemplars total).
pub fn workbook_totals(path: &Path, period: &str) -> (f64, f64) {
    let cells = sheet(path, "Tổng hợp");
    let header = cells
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "Kỳ báo cáo"))
        .expect("header row");
    let h = &cells[header];
    let m = h
        .iter()
        .position(|c| c == "Tổng mô hình")
        .expect("models column");
    let e = h
        .iter()
        .position(|c| c == "Tổng điển hình")
        .expect("exemplars column");
    let row = cells
        .iter()
        .find(|r| r.get(1).is_some_and(|c| c == period))
        .expect("period row");
    (
        row[m].parse().expect("number"),
        row[e].parse().expect("number"),
    )
}

/// This package's folder, as `cargo test` gives it when running the test: the
/// path compiled in can be another checkout's when a target directory is
/// shared between clones (cargo's fingerprints do not depend on the path).
pub fn manifest_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
}

/// Copies a folder with its subfolders (links are not followed).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create");
    for e in std::fs::read_dir(from).expect("list").flatten() {
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if e.file_type().expect("type").is_dir() {
            copy_dir(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).expect("copy");
        }
    }
}

/// The bundled sample inputs, copied into a temp folder: (folder, its `inputs`).
pub fn sample_copy() -> (TempDir, PathBuf) {
    let dir = tempdir();
    let inputs = dir.path().join("inputs");
    copy_dir(&root().join("inputs"), &inputs);
    (dir, inputs)
}

/// Every file under `dir` (path relative to it) with a hash of its bytes.
pub fn digest(dir: &Path) -> std::collections::BTreeMap<String, u64> {
    use std::hash::{Hash, Hasher};
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("list").flatten() {
            let p = e.path();
            if e.file_type().expect("type").is_dir() {
                stack.push(p);
            } else {
                let mut h = std::hash::DefaultHasher::new();
                std::fs::read(&p).expect("read").hash(&mut h);
                let rel = p
                    .strip_prefix(dir)
                    .expect("inside")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, h.finish());
            }
        }
    }
    out
}

/// The findings of a run, from `data/findings.parquet`: (code, severity,
/// period, unit, file, sheet, row, message) as text.
pub fn findings(out: &Path) -> Vec<[String; 8]> {
    let df = parquet(&out.join("data/findings.parquet"));
    let col = |name: &str| -> Vec<String> {
        let c = df
            .column(name)
            .expect("column")
            .cast(&DataType::String)
            .expect("text");
        c.str()
            .expect("text")
            .iter()
            .map(|v| v.unwrap_or("").to_owned())
            .collect()
    };
    let cols: Vec<Vec<String>> = [
        "code", "severity", "period", "unit", "file", "sheet", "row", "message",
    ]
    .iter()
    .map(|c| col(c))
    .collect();
    (0..df.height())
        .map(|i| std::array::from_fn(|j| cols[j][i].clone()))
        .collect()
}

/// The findings of a code.
pub fn with_code(out: &Path, code: &str) -> Vec<[String; 8]> {
    findings(out).into_iter().filter(|f| f[0] == code).collect()
}

/// A cell of a workbook rewritten by [`edit_workbook`].
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl Cell {
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => format!("{n}"),
            Cell::Empty => String::new(),
        }
    }
}

/// A register of `tong-hop.xlsx` (`Mô hình`, `Điển hình`) whole: its header
/// row (found by `STT`) and every row, the earlier periods' sheet
/// (`… các kỳ trước`) first, then the latest period's, each with the parts
/// a long list goes on over (`… (2)`).
pub fn register(path: &Path, name: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let wb = open_workbook_auto(path).expect("workbook opens");
    let names = wb.sheet_names();
    let earlier = format!("{name} các kỳ trước");
    let part_of = |sheet: &str, list: &str| {
        sheet == list
            || sheet
                .strip_prefix(list)
                .is_some_and(|rest| rest.starts_with(" (") && rest.ends_with(')'))
    };
    let mut header = Vec::new();
    let mut rows = Vec::new();
    for list in [earlier.as_str(), name] {
        for sheet_name in names.iter().filter(|s| part_of(s, list)) {
            let cells = sheet(path, sheet_name);
            let at = cells
                .iter()
                .position(|r| r.first().is_some_and(|c| c == "STT"))
                .unwrap_or_else(|| panic!("{sheet_name}: no STT header"));
            if header.is_empty() {
                header = cells[at].clone();
            }
            assert_eq!(cells[at], header, "{sheet_name}: another header");
            rows.extend(
                cells[at + 1..]
                    .iter()
                    .take_while(|r| r.iter().any(|c| !c.is_empty()))
                    .cloned(),
            );
        }
    }
    assert!(!header.is_empty(), "no sheet {name}");
    (header, rows)
}

/// The XML parts of an xlsx file, by name.
fn xlsx_parts(path: &Path) -> std::collections::HashMap<String, String> {
    use std::io::Read;
    let mut zip = ::zip::ZipArchive::new(std::fs::File::open(path).expect("xlsx")).expect("zip");
    (0..zip.len())
        .filter_map(|i| {
            let mut f = zip.by_index(i).ok()?;
            let name = f.name().ok()?.to_string();
            let mut text = String::new();
            f.read_to_string(&mut text).ok()?;
            Some((name, text))
        })
        .collect()
}

/// The XML of sheet `name` of an xlsx file written by rust_xlsxwriter
/// (`sheetN.xml` in the workbook's order).
pub fn sheet_xml(path: &Path, name: &str) -> String {
    let mut parts = xlsx_parts(path);
    let k = attrs(&parts["xl/workbook.xml"], "sheet", "name")
        .iter()
        .position(|n| n.replace("&amp;", "&") == name)
        .unwrap_or_else(|| panic!("no sheet {name}"));
    parts
        .remove(&format!("xl/worksheets/sheet{}.xml", k + 1))
        .expect("sheet part")
}

/// The height (points) set on row `row` (1-based) of a sheet's XML, if any.
pub fn row_height(xml: &str, row: usize) -> Option<f64> {
    let at = xml.find(&format!("<row r=\"{row}\""))?;
    let el = &xml[at..at + xml[at..].find('>')?];
    attrs(&format!("{el}>"), "row", "ht").first()?.parse().ok()
}

/// The values of attribute `attr` in the elements `<tag …>` of `xml`.
fn attrs<'a>(xml: &'a str, tag: &str, attr: &str) -> Vec<&'a str> {
    xml.split(&format!("<{tag} "))
        .skip(1)
        .filter_map(|el| {
            let el = &el[..el.find('>').unwrap_or(el.len())];
            let at = el
                .find(&format!(" {attr}=\""))
                .map(|k| k + attr.len() + 3)
                .or_else(|| {
                    el.starts_with(&format!("{attr}=\""))
                        .then_some(attr.len() + 2)
                })?;
            el[at..].split('"').next()
        })
        .collect()
}

/// The text of the first element `<tag>…</tag>` of `xml`, unescaped.
fn element(xml: &str, tag: &str) -> Option<String> {
    let start = xml.find(&format!("<{tag}>"))? + tag.len() + 2;
    let end = xml[start..].find(&format!("</{tag}>"))? + start;
    Some(
        xml[start..end]
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

/// A column's letters as a number (`A` = 1).
fn column_number(letters: &str) -> usize {
    letters
        .chars()
        .filter(char::is_ascii_uppercase)
        .fold(0, |n, c| n * 26 + (c as usize - 'A' as usize + 1))
}

/// How each sheet of `tong-hop.xlsx` prints, read from the file's XML (as
/// Excel reads it): A4 landscape; the sheet's title in the page header and
/// `Trang &P / &N` in the footer; fitted to the page's width only where the
/// smallest text stays at 9 pt or more once shrunk, else printed at full
/// size; every list's header row repeated on each page; no column sized
/// by the title. Returns each sheet's name, whether it is fitted, and the
/// smallest text it prints (points).
pub fn print_layout(path: &Path) -> Vec<(String, bool, f64)> {
    let parts = xlsx_parts(path);
    let book = &parts["xl/workbook.xml"];
    let names: Vec<String> = attrs(book, "sheet", "name")
        .into_iter()
        .map(|n| n.replace("&amp;", "&"))
        .collect();
    let smallest_font = attrs(&parts["xl/styles.xml"], "sz", "val")
        .iter()
        .map(|v| v.parse::<f64>().expect("size"))
        .fold(f64::MAX, f64::min);
    let defined: Vec<(usize, String, String)> = book
        .split("<definedName ")
        .skip(1)
        .map(|d| {
            let name = attrs(&format!("<x {d}"), "x", "name")[0].to_owned();
            let id = attrs(&format!("<x {d}"), "x", "localSheetId")
                .first()
                .and_then(|v| v.parse().ok())
                .unwrap_or(usize::MAX);
            let value = d[d.find('>').unwrap() + 1..d.find("</definedName>").unwrap()].to_owned();
            (id, name, value)
        })
        .collect();
    let mut out = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let xml = &parts[&format!("xl/worksheets/sheet{}.xml", i + 1)];
        let setup = attrs(xml, "pageSetup", "orientation");
        assert_eq!(setup, ["landscape"], "{name}: not landscape");
        assert_eq!(
            attrs(xml, "pageSetup", "paperSize"),
            ["9"],
            "{name}: not A4"
        );
        let header = element(xml, "oddHeader").unwrap_or_default();
        let footer = element(xml, "oddFooter").unwrap_or_default();
        assert!(
            footer.contains("Trang &P / &N"),
            "{name}: no page numbers in {footer:?}"
        );
        let title = sheet(path, name)[0][0].clone();
        let shown = header.rsplit("&12").next().unwrap_or("").replace("&&", "&");
        assert!(
            !title.is_empty() && title.starts_with(shown.trim_end_matches('…')),
            "{name}: the page header {header:?} is not the title {title:?}"
        );
        // Widths in pixels of the printed columns (to the print area's end).
        let last = defined
            .iter()
            .find(|(id, n, _)| *id == i && n == "_xlnm.Print_Area")
            .map(|(_, _, v)| column_number(v.rsplit(':').next().unwrap_or("")));
        let mins = attrs(xml, "col", "min");
        let maxs = attrs(xml, "col", "max");
        let widths = attrs(xml, "col", "width");
        let mut px = 0.0;
        for ((a, b), w) in mins.iter().zip(&maxs).zip(&widths) {
            let (a, b, w): (usize, usize, f64) =
                (a.parse().unwrap(), b.parse().unwrap(), w.parse().unwrap());
            for c in a..=b {
                if last.is_none_or(|l| c <= l) {
                    px += (w * 7.0).round();
                }
            }
        }
        let width_pt = px * 0.75;
        let fitted = xml.contains("fitToPage=\"1\"");
        let scale = if fitted && width_pt > 770.0 {
            770.0 / width_pt
        } else {
            1.0
        };
        assert!(
            attrs(xml, "pageSetup", "scale").is_empty(),
            "{name}: printed at a set scale"
        );
        let printed = smallest_font * scale;
        assert!(
            printed >= 9.0,
            "{name}: fitted to the page's width, its {smallest_font} pt text prints at {printed:.1} pt"
        );
        // A list: its header row repeated on every page, no column as wide
        // as a long title.
        if xml.contains("<autoFilter ") {
            assert!(
                defined.iter().any(|(id, n, v)| *id == i
                    && n == "_xlnm.Print_Titles"
                    && v.ends_with("!$3:$3")),
                "{name}: the header row is not repeated on each page"
            );
            let first = widths.first().map_or(8.43, |w| w.parse().unwrap());
            assert!(
                title.chars().count() < 40 || first < title.chars().count() as f64 * 0.8,
                "{name}: column A is {first} wide, sized by the title {title:?}"
            );
        }
        out.push((name.clone(), fitted, printed));
    }
    out
}

/// Reads a workbook, lets `edit` change each sheet's cells (or drop the sheet
/// by returning false), and writes it again with rust_xlsxwriter. Dates are
/// written back as `dd/mm/yyyy` text, as the reference workbook allows.
pub fn edit_workbook(path: &Path, mut edit: impl FnMut(&str, &mut Vec<Vec<Cell>>) -> bool) {
    let mut wb = open_workbook_auto(path).expect("workbook opens");
    let mut sheets = Vec::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).expect("sheet");
        let mut rows: Vec<Vec<Cell>> = range
            .rows()
            .map(|r| {
                r.iter()
                    .map(|c| match c {
                        Data::Empty => Cell::Empty,
                        Data::Float(f) => Cell::Number(*f),
                        Data::Int(i) => Cell::Number(*i as f64),
                        Data::DateTime(dt) => Cell::Text(
                            tonghop_core::Date::from_excel_serial(dt.as_f64())
                                .map(|d| d.to_string())
                                .unwrap_or_default(),
                        ),
                        other => Cell::Text(other.to_string()),
                    })
                    .collect()
            })
            .collect();
        if edit(&name, &mut rows) {
            sheets.push((name, rows));
        }
    }
    let mut out = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let ws = out.add_worksheet();
        ws.set_name(&name).expect("name");
        for (i, r) in rows.iter().enumerate() {
            for (j, c) in r.iter().enumerate() {
                let (i, j) = (u32::try_from(i).unwrap(), u16::try_from(j).unwrap());
                match c {
                    Cell::Text(s) => ws.write_string(i, j, s).map(|_| ()),
                    Cell::Number(n) => ws.write_number(i, j, *n).map(|_| ()),
                    Cell::Empty => Ok(()),
                }
                .expect("cell");
            }
        }
    }
    out.save(path).expect("saved");
}

/// Runs `tonghop run INPUTS --out OUT` with extra environment, returning its output.
pub fn run_env(inputs: &Path, out: &Path, env: &[(&str, &str)]) -> Output {
    let mut cmd = tonghop();
    cmd.args([
        "run",
        inputs.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the binary runs")
}

/// `summary.json`'s totals of a period: (models, exemplars).
pub fn totals(out: &Path, period: &str) -> (u64, u64) {
    let s = json(&out.join("summary.json"));
    let p = s["periods"]
        .as_array()
        .expect("periods")
        .iter()
        .find(|p| p["id"] == period)
        .unwrap_or_else(|| panic!("period {period}"));
    (
        p["models"]["total"].as_u64().expect("n"),
        p["exemplars"]["total"].as_u64().expect("n"),
    )
}

/// The run succeeded (its stderr shown when not).
pub fn ok(o: &Output) {
    assert!(o.status.success(), "{}", stderr(o));
}

/// The text of a Word output, paragraph by paragraph (table cells included).
pub fn docx_text(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    tonghop_docx::read(&bytes)
        .unwrap()
        .paragraphs()
        .map(|p| p.text.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect()
}

/// A small deterministic generator for generated test inputs (no crate for
/// it in the tests).
pub struct Lcg(pub u64);

impl Lcg {
    /// The next number (31 bits).
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next()).unwrap() % n
    }

    /// One of `xs`.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}
