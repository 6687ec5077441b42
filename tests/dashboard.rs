//! `tong-hop.html` (issue 22): one self-contained page, written by every run,
//! on which every figure that is a link opens exactly the rows it counts, and
//! whatever a return or the roster says is shown as text, never as markup.

use crate::harness::*;
use serde_json::Value;
use std::path::Path;
use tonghop_gen::Scenario;

/// The page of a run: its text, its embedded data and its linked figures
/// (the number shown, the query, the description).
struct Page {
    html: String,
    data: Value,
    links: Vec<(u64, Value, String)>,
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The value of attribute `name` starting in `rest` (`name="…"`).
fn attr<'a>(rest: &'a str, name: &str) -> Option<&'a str> {
    let at = rest.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = rest[at..].find('"')?;
    Some(&rest[at..at + end])
}

fn read_page(out: &Path) -> Page {
    let html = std::fs::read_to_string(out.join("tong-hop.html")).expect("tong-hop.html written");
    let open = r#"<script type="application/json" id="du-lieu">"#;
    let start = html.find(open).expect("the data element") + open.len();
    let end = start
        + html[start..]
            .find("</script>")
            .expect("the data element ends");
    let data: Value = serde_json::from_str(&html[start..end]).expect("the data is JSON");
    let mut links = Vec::new();
    for (at, _) in html.match_indices(r#" class="f" data-n=""#) {
        let rest = &html[at..];
        let n = attr(rest, "data-n")
            .expect("data-n")
            .parse()
            .expect("a count");
        let q = serde_json::from_str(&unescape(attr(rest, "data-q").expect("data-q")))
            .expect("the query is JSON");
        let t = unescape(attr(rest, "data-t").unwrap_or(""));
        links.push((n, q, t));
    }
    Page { html, data, links }
}

/// The rows `q` stands for, by the rules the page's script applies.
fn select<'a>(d: &'a Value, q: &Value) -> Vec<&'a Value> {
    let s = |v: &Value| d["s"][v.as_u64().unwrap() as usize].as_str().unwrap();
    let period = |r: &Value| {
        d["periods"][r[0].as_u64().unwrap() as usize][0]
            .as_str()
            .unwrap()
    };
    let eq_text = |key: &str, v: &str| q.get(key).is_none_or(|x| x.as_str() == Some(v));
    let eq_num = |key: &str, v: &Value| q.get(key).is_none_or(|x| x == v);
    let rows = |name: &str| d[name].as_array().unwrap().iter();
    match q["d"].as_str().unwrap() {
        "bm" => rows("bm")
            .filter(|x| x[0] == q["b"] && x[1] == q["t"])
            .map(|x| &d["ent"][x[2].as_u64().unwrap() as usize])
            .collect(),
        "ent" => rows("ent")
            .filter(|r| {
                eq_text("p", period(r))
                    && eq_num("sj", &r[1])
                    && eq_text("st", s(&r[8]))
                    && eq_text("l", s(&r[7]))
                    && eq_text("c", s(&r[6]))
                    && eq_text("u", s(&r[9]))
                    && q.get("cs")
                        .is_none_or(|k| r[14].as_u64().unwrap() & k.as_u64().unwrap() != 0)
            })
            .collect(),
        "units" => rows("units")
            .filter(|r| {
                eq_text("p", period(r))
                    && eq_text("k", s(&r[3]))
                    && q.get("rs")
                        .is_none_or(|rs| rs.as_array().unwrap().contains(&r[5]))
            })
            .collect(),
        "fin" => rows("fin")
            .filter(|r| eq_text("p", s(&r[2])) && eq_num("sev", &r[0]))
            .collect(),
        other => panic!("unknown dataset {other}"),
    }
}

/// Nothing is fetched: no source, stylesheet, font or address outside.
fn assert_self_contained(html: &str) {
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"vi\">"));
    assert!(html.contains(r#"<meta charset="utf-8">"#));
    for outside in [
        " src=",
        "<link",
        "url(",
        "@import",
        "http://",
        "https://",
        "@font-face",
    ] {
        assert!(
            !html.contains(outside),
            "the page fetches or names {outside:?}"
        );
    }
}

/// Every linked figure opens exactly as many rows as it shows.
fn assert_links_count_their_rows(page: &Page) {
    assert!(!page.links.is_empty(), "no figure is linked");
    for (n, q, what) in &page.links {
        let rows = select(&page.data, q);
        assert_eq!(
            rows.len() as u64,
            *n,
            "«{what}» shows {n} but opens {} rows ({q})",
            rows.len()
        );
    }
}

fn has_link(page: &Page, n: u64, q: Value) -> bool {
    page.links.iter().any(|(m, r, _)| *m == n && *r == q)
}

#[test]
fn the_sample_page_is_whole_and_every_figure_counts_its_rows() {
    let dir = tempdir();
    let out = dir.path().join("out");
    ok(&run(&[
        "run",
        root().join("inputs").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]));
    let page = read_page(&out);
    assert_self_contained(&page.html);
    assert_links_count_their_rows(&page);
    let summary = json(&out.join("summary.json"));
    let periods = summary["periods"].as_array().unwrap();
    for (i, p) in periods.iter().enumerate() {
        let id = p["id"].as_str().unwrap();
        // Each period's part is on the page; the latest is the one shown.
        let part = format!(r#"<div class="per" data-p="{id}""#);
        let at = page.html.find(&part).expect("the period's part");
        let hidden = page.html[at + part.len()..].starts_with(" hidden");
        assert_eq!(hidden, i + 1 != periods.len(), "period {id}");
        assert!(page.html.contains(p["name"].as_str().unwrap()));
        // Its totals are summary.json's, and open their entities.
        for (sj, subject) in [(0, "models"), (1, "exemplars")] {
            let total = p[subject]["total"].as_u64().unwrap();
            assert!(
                has_link(
                    &page,
                    total,
                    serde_json::json!({"d": "ent", "p": id, "sj": sj, "st": "dang_ky"})
                ),
                "{id} {subject}: {total}"
            );
        }
    }
    // The seed report's 324 → 309, each term opening the entities behind it.
    let mut terms = 0;
    for (i, b) in summary["bridges"].as_array().unwrap().iter().enumerate() {
        for t in [
            "added",
            "removed",
            "transferred_out",
            "not_reported",
            "unexplained",
        ] {
            let n = b[t].as_u64().unwrap();
            if n > 0 {
                terms += 1;
                let q = serde_json::json!({"d": "bm", "p": b["to"], "b": i, "t": t});
                assert!(has_link(&page, n, q), "bridge {i} {t} {n}");
            }
        }
    }
    assert!(terms >= 4, "the sample's bridges have terms");
    assert!(page.html.contains("324"));
    assert!(page
        .html
        .contains("Biến động từ Sơ kết 01 năm đến Sơ kết 02 năm"));
    // Rows name where they came from: file, sheet and row.
    let ent = page.data["ent"].as_array().unwrap();
    assert!(!ent.is_empty());
    let s = page.data["s"].as_array().unwrap();
    for r in ent {
        let file = s[r[11].as_u64().unwrap() as usize].as_str().unwrap();
        assert!(
            inputs_has(&root().join("inputs"), file),
            "{file} is not a file of the inputs"
        );
        assert!(r[13].as_u64().unwrap() > 0, "a row number");
    }
}

fn inputs_has(inputs: &Path, rel: &str) -> bool {
    !rel.is_empty() && inputs.join(rel).is_file()
}

/// Batches of other sizes, layouts and periods: the page is written, whole,
/// and every link still counts its rows.
#[test]
fn generated_batches_link_every_figure_to_its_rows() {
    for (scenario, seed) in [
        (Scenario::sized(9, 14, true), 21),
        (Scenario::sized(16, 8, false), 5),
    ] {
        let ran = generate_and_run(&scenario, seed);
        let page = read_page(&ran.out);
        assert_self_contained(&page.html);
        assert_links_count_their_rows(&page);
        let summary = json(&ran.out.join("summary.json"));
        let last = summary["periods"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()
            .clone();
        let total = last["models"]["total"].as_u64().unwrap();
        assert!(has_link(
            &page,
            total,
            serde_json::json!({"d": "ent", "p": last["id"], "sj": 0, "st": "dang_ky"})
        ));
    }
}

const HOSTILE: &str = r#"</script><img src=x onerror="alert(1)"> & 'đậm' <b>"#;

/// A name that looks like markup, in the roster and in a return, is shown as
/// the text it is: no element of it reaches the page, the data keeps it
/// exactly, and the page still parses.
#[test]
fn names_that_look_like_markup_are_shown_as_text() {
    let (dir, inputs) = sample_copy();
    // A unit of the roster and the latest period renamed.
    let mut renamed = Vec::new();
    edit_workbook(&inputs.join("danh-muc.xlsx"), |name, rows| {
        let column = match name {
            "Đơn vị" => "Tên đơn vị",
            "Kỳ báo cáo" => "Tên kỳ",
            _ => return true,
        };
        let col = rows[0]
            .iter()
            .position(|c| matches!(c, Cell::Text(t) if t == column))
            .expect("the name column");
        let last = rows.len() - 1;
        if let Cell::Text(t) = &rows[last][col] {
            renamed.push(format!("{t} {HOSTILE}"));
            rows[last][col] = Cell::Text(renamed.last().unwrap().clone());
        }
        true
    });
    assert_eq!(renamed.len(), 2);
    // And a model's name in a return of the latest period.
    let mut entry = String::new();
    let folder = inputs.join("2023-03/Chi bo co so");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    files.sort();
    for file in &files {
        edit_workbook(file, |_, rows| {
            if !entry.is_empty() {
                return true;
            }
            let header = rows.iter().enumerate().find_map(|(i, r)| {
                r.iter()
                    .position(
                        |c| matches!(c, Cell::Text(t) if t.to_lowercase().contains("tên mô hình")),
                    )
                    .map(|j| (i, j))
            });
            if let Some((i, j)) = header {
                for r in rows.iter_mut().skip(i + 1) {
                    if let Some(Cell::Text(t)) = r.get(j) {
                        if t.chars().count() > 8 && !t.starts_with('(') {
                            entry = format!("{t} {HOSTILE}");
                            r[j] = Cell::Text(entry.clone());
                            break;
                        }
                    }
                }
            }
            true
        });
        if !entry.is_empty() {
            break;
        }
    }
    assert!(!entry.is_empty(), "a model's name was found to edit");
    let out = dir.path().join("out");
    ok(&run_env(&inputs, &out, &[]));
    let page = read_page(&out);
    assert!(
        !page.html.contains("<img"),
        "markup from a name reached the page"
    );
    assert!(
        !page.html.contains("<b>"),
        "markup from a name reached the page"
    );
    assert_eq!(
        page.html.matches("</script>").count(),
        2,
        "only the page's own two script elements end"
    );
    fn strings<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
        match v {
            Value::String(s) => out.push(s),
            Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
            Value::Object(o) => o.values().for_each(|x| strings(x, out)),
            _ => {}
        }
    }
    let mut texts = Vec::new();
    strings(&page.data, &mut texts);
    assert!(texts.contains(&entry.as_str()), "the name, kept exactly");
    assert!(texts.iter().any(|t| t.contains(HOSTILE)));
    for name in &renamed {
        assert!(texts.contains(&name.as_str()), "{name}, kept exactly");
    }
    // The renamed period heads its part of the page, as escaped text.
    assert!(page
        .html
        .contains("&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;đậm&#39; &lt;b&gt;"));
    assert_links_count_their_rows(&page);
}

/// The commendation funnel's figures — meeting the criteria, honoured,
/// proposed, awarded, proposed above — open the entities at each stage.
#[test]
fn commendation_figures_open_the_entities_at_each_stage() {
    let dir = tempdir();
    let out = dir.path().join("out");
    ok(&run(&[
        "run",
        root().join("tests/fixtures/khen-thuong").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]));
    let page = read_page(&out);
    assert_links_count_their_rows(&page);
    let summary = json(&out.join("summary.json"));
    let mut stages = 0;
    for f in summary["commendation"]["funnel"].as_array().unwrap() {
        let sj = u64::from(f["subject"] != "models");
        for (stage, bit) in [
            ("eligible", 1),
            ("honoured", 2),
            ("proposed", 4),
            ("awarded", 8),
            ("proposed_above", 16),
        ] {
            let Some(n) = f["total"][stage].as_u64().filter(|n| *n > 0) else {
                continue;
            };
            stages += 1;
            let q = serde_json::json!({"d": "ent", "p": f["period"], "sj": sj, "st": "dang_ky", "cs": bit});
            assert!(has_link(&page, n, q), "{} {stage}: {n}", f["subject"]);
        }
    }
    assert!(stages >= 5, "the fixture's funnel has stages");
}
