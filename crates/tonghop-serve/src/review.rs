//! The review desk: what the run could not decide alone, with its evidence
//! and a button for each decision an analyst takes — near-duplicate pairs
//! (the same entity, or two), categories that match several or none,
//! levels not read, names to correct; units the roster does not know are
//! listed with what to do. A decision is a row of `quyet-dinh.xlsx`
//! ([`crate::decisions`]), and the run is redone at once; the last decisions
//! taken here can be undone.
//!
//! A decision is taken only on what the page offered: a pair it listed, an
//! entity of an item it listed, a category of the taxonomy, a level that is
//! one. Anything else is refused and said why.

use crate::auth::{csrf_ok, Session};
use crate::decisions::{self, Row};
use crate::pages::{csrf_refused, esc, page, see_other};
use crate::{App, Snapshot};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::Extension;
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tonghop_core::{Finding, FindingCode};

/// One thing to decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Item {
    /// Two entries that may be one.
    Pair {
        a: Side,
        b: Side,
        why: String,
        period: String,
    },
    /// A category that matched several, or none.
    Category {
        side: Side,
        written: String,
        candidates: String,
        ambiguous: bool,
    },
    /// A level that could not be read.
    Level { side: Side, written: String },
    /// A return whose unit the roster does not know: the name read, the
    /// units it may be.
    Unit {
        finding: Finding,
        read: String,
        candidates: Vec<(String, String)>,
    },
}

/// An entry of an item: its id (when known), name and where it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Side {
    pub id: String,
    pub name: String,
    pub place: String,
}

fn field<'a>(f: &'a Finding, key: &str) -> &'a str {
    f.fields
        .iter()
        .find(|(k, _)| *k == key)
        .map_or("", |(_, v)| v.as_str())
}

fn place(f: &Finding) -> String {
    let mut p = f.file.clone();
    if !f.sheet.is_empty() {
        let _ = write!(p, ", sheet {}", f.sheet);
    }
    if let Some(r) = f.row {
        let _ = write!(p, ", dòng {r}");
    }
    p
}

/// The items of a run, in the order the findings are read.
pub(crate) fn items(snap: &Snapshot) -> Vec<Item> {
    // The entity a finding's row became: (id, name); the finding's own name
    // when it gives one.
    let side = |f: &Finding| {
        let (id, name) = f
            .row
            .and_then(|r| {
                snap.entity_at
                    .get(&(f.file.clone(), f.sheet.clone(), r))
                    .cloned()
            })
            .unwrap_or_default();
        let given = field(f, "ten");
        Side {
            id,
            name: if given.is_empty() {
                name
            } else {
                given.to_owned()
            },
            place: place(f),
        }
    };
    let mut out = Vec::new();
    for f in &snap.findings {
        match f.code {
            FindingCode::PossibleDuplicate => out.push(Item::Pair {
                a: Side {
                    id: field(f, "ma").to_owned(),
                    name: field(f, "ten").to_owned(),
                    place: field(f, "nguon").to_owned(),
                },
                b: Side {
                    id: field(f, "ma_2").to_owned(),
                    name: field(f, "ten_2").to_owned(),
                    place: field(f, "nguon_2").to_owned(),
                },
                why: field(f, "do_giong").to_owned(),
                period: f.period.clone(),
            }),
            FindingCode::CategoryAmbiguous | FindingCode::CategoryUnknown => {
                let ambiguous = f.code == FindingCode::CategoryAmbiguous;
                out.push(Item::Category {
                    side: side(f),
                    written: if ambiguous {
                        field(f, "chu").to_owned()
                    } else {
                        field(f, "ghi").to_owned()
                    },
                    candidates: field(f, "cac_loai").to_owned(),
                    ambiguous,
                });
            }
            FindingCode::LevelUnknown => out.push(Item::Level {
                side: side(f),
                written: field(f, "ghi").to_owned(),
            }),
            FindingCode::UnitUnknown => out.push(Item::Unit {
                finding: f.clone(),
                read: field(f, "doc_duoc").to_owned(),
                candidates: snap
                    .unit_candidates
                    .get(&f.file)
                    .cloned()
                    .unwrap_or_default(),
            }),
            _ => {}
        }
    }
    out
}

/// What a decision form asks for, checked against the items offered.
fn decision(snap: &Snapshot, form: &HashMap<String, String>) -> Result<Row, String> {
    let get = |k: &str| form.get(k).map_or("", |v| v.trim());
    let (kind, id, other, value) = (get("quyet_dinh"), get("ma"), get("ma2"), get("gia_tri"));
    let items = items(snap);
    let ids = || {
        items.iter().flat_map(|i| match i {
            Item::Pair { a, b, .. } => vec![a.id.as_str(), b.id.as_str()],
            Item::Category { side, .. } | Item::Level { side, .. } => vec![side.id.as_str()],
            Item::Unit { .. } => vec![],
        })
    };
    let unknown = || {
        format!("Mã «{id}» không có trong danh sách cần xem xét của lần chạy gần nhất (có thể đã được quyết định); tải lại trang.")
    };
    if id.is_empty() {
        return Err("Thiếu mã của mục được quyết định.".to_owned());
    }
    let row = |k: &str, other: &str, value: &str| Row {
        kind: k.to_owned(),
        id: id.to_owned(),
        other: other.to_owned(),
        value: value.to_owned(),
        note: "Ghi từ trang Xem xét của tonghop".to_owned(),
    };
    match kind {
        "gop" | "khong_gop" => {
            let offered = items
                .iter()
                .any(|i| matches!(i, Item::Pair { a, b, .. } if a.id == id && b.id == other));
            if !offered {
                return Err(format!("Cặp «{id}» – «{other}» không có trong danh sách các cặp có thể trùng; tải lại trang."));
            }
            Ok(row(
                if kind == "gop" {
                    "Gộp"
                } else {
                    "Không gộp"
                },
                other,
                "",
            ))
        }
        "sua_loai" => {
            if !items
                .iter()
                .any(|i| matches!(i, Item::Category { side, .. } if side.id == id))
            {
                return Err(unknown());
            }
            if !snap.summary.labels.categories.contains_key(value) {
                return Err(format!(
                    "«{value}» không phải một loại mô hình của danh mục."
                ));
            }
            Ok(row("Sửa loại", "", value))
        }
        "sua_cap" => {
            if !items
                .iter()
                .any(|i| matches!(i, Item::Level { side, .. } if side.id == id))
            {
                return Err(unknown());
            }
            if !matches!(value, "tinh" | "khoi" | "co_so") {
                return Err(format!("«{value}» không phải một cấp (tinh, khoi, co_so)."));
            }
            Ok(row("Sửa cấp", "", value))
        }
        "don_vi" => {
            let offered = items
                .iter()
                .any(|i| matches!(i, Item::Unit { read, .. } if !read.is_empty() && read == value));
            if !offered {
                return Err(format!(
                    "Không có báo cáo nào ghi đơn vị «{value}» chờ xem xét; tải lại trang."
                ));
            }
            if !snap.roster.iter().any(|(code, _)| code == id) {
                return Err(format!("«{id}» không phải mã đơn vị trong danh mục."));
            }
            Ok(row("Đơn vị", "", value))
        }
        "doi_ten" => {
            if !ids().any(|x| !x.is_empty() && x == id) {
                return Err(unknown());
            }
            if value.is_empty()
                || value.chars().count() > 300
                || value.chars().any(char::is_control)
            {
                return Err(
                    "Tên mới phải có chữ, không quá 300 ký tự, không có ký tự điều khiển."
                        .to_owned(),
                );
            }
            Ok(row("Đổi tên", "", value))
        }
        other => Err(format!("Không có loại quyết định «{other}».")),
    }
}

/// The decisions taken on this page since the server started, the last
/// first out (what «Hoàn tác» takes back).
#[derive(Default)]
pub(crate) struct Taken(Mutex<Vec<Row>>);

impl Taken {
    fn push(&self, r: Row) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(r);
    }
    fn last(&self) -> Option<Row> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .last()
            .cloned()
    }
    fn pop(&self) {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).pop();
    }
}

fn hidden(name: &str, value: &str) -> String {
    format!(
        r#"<input type="hidden" name="{name}" value="{}">"#,
        esc(value)
    )
}

fn form(s: &Session, fields: &[(&str, &str)], inner: &str, button: &str) -> String {
    let mut h = String::from(r#"<form method="post" action="/xem-xet">"#);
    h.push_str(&hidden("csrf", &s.csrf));
    for (k, v) in fields {
        h.push_str(&hidden(k, v));
    }
    let _ = write!(
        h,
        r#"{inner}<button type="submit">{}</button></form>"#,
        esc(button)
    );
    h
}

fn rename_form(s: &Session, side: &Side) -> String {
    form(
        s,
        &[("quyet_dinh", "doi_ten"), ("ma", &side.id)],
        &format!(
            r#"<input type="text" name="gia_tri" value="{}" aria-label="Tên mới" maxlength="300">"#,
            esc(&side.name)
        ),
        "Đổi tên",
    )
}

fn side_html(side: &Side) -> String {
    format!(
        r#"<div class="ben"><div class="ten">{}</div><div class="ma">{}</div><div class="nguon">{}</div></div>"#,
        esc(&side.name),
        esc(&side.id),
        esc(&side.place)
    )
}

fn body(app: &App, s: &Session, snap: &Snapshot, message: Option<(bool, &str)>) -> String {
    let mut b = String::new();
    if let Some((ok, m)) = message {
        let _ = write!(
            b,
            r#"<p class="{}" role="{}">{}</p>"#,
            if ok { "ok" } else { "loi" },
            if ok { "status" } else { "alert" },
            esc(m)
        );
    }
    let items = items(snap);
    let count = |f: fn(&Item) -> bool| items.iter().filter(|i| f(i)).count();
    let _ = write!(
        b,
        r##"<p>Mỗi quyết định được ghi thành một dòng của <b>{}</b> trong thư mục đầu vào (file anh chị cũng có thể sửa bằng Excel) và tonghop chạy lại ngay.</p><nav class="muc"><a href="#cap">Có thể trùng ({})</a><a href="#loai">Loại mô hình ({})</a><a href="#capdk">Cấp ({})</a><a href="#donvi">Đơn vị lạ ({})</a><a href="#da-ghi">Đã quyết định</a></nav>"##,
        esc(&decisions::path_in(&app.config.inputs)
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default()),
        count(|i| matches!(i, Item::Pair { .. })),
        count(|i| matches!(i, Item::Category { .. })),
        count(|i| matches!(i, Item::Level { .. })),
        count(|i| matches!(i, Item::Unit { .. })),
    );
    b.push_str(r#"<h2 id="cap">Có thể trùng</h2>"#);
    let mut any = false;
    for i in &items {
        if let Item::Pair {
            a,
            b: other,
            why,
            period,
        } = i
        {
            any = true;
            let _ = write!(
                b,
                r#"<section class="cap"><div class="hai">{}{}</div><p class="vi-sao">Kỳ {} · {}</p><div class="nut">{}{}</div></section>"#,
                side_html(a),
                side_html(other),
                esc(period),
                esc(why),
                form(
                    s,
                    &[("quyet_dinh", "gop"), ("ma", &a.id), ("ma2", &other.id)],
                    "",
                    "Là một — gộp"
                ),
                form(
                    s,
                    &[
                        ("quyet_dinh", "khong_gop"),
                        ("ma", &a.id),
                        ("ma2", &other.id)
                    ],
                    "",
                    "Khác nhau — để riêng"
                ),
            );
        }
    }
    if !any {
        b.push_str("<p>Không có cặp nào cần xem.</p>");
    }
    b.push_str(r#"<h2 id="loai">Loại mô hình chưa rõ</h2>"#);
    let mut categories: Vec<(&String, &String)> = snap.summary.labels.categories.iter().collect();
    categories.sort_by_key(|(_, n)| tonghop_text::fold_key(n));
    any = false;
    for i in &items {
        if let Item::Category {
            side,
            written,
            candidates,
            ambiguous,
        } = i
        {
            any = true;
            let _ = write!(b, r#"<section class="muc-xet">{}<p>"#, side_html(side));
            // The candidates are codes; the analyst reads their names.
            let codes: Vec<&str> = candidates
                .split(',')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            if *ambiguous {
                let names: Vec<&str> = codes
                    .iter()
                    .map(|c| {
                        snap.summary
                            .labels
                            .categories
                            .get(*c)
                            .map_or(*c, String::as_str)
                    })
                    .collect();
                let _ = write!(
                    b,
                    "Ghi «{}», khớp nhiều loại: {}",
                    esc(written),
                    esc(&names.join("; "))
                );
            } else {
                let _ = write!(b, "Ghi «{}»: không khớp loại nào", esc(written));
            }
            b.push_str("</p>");
            if side.id.is_empty() {
                b.push_str("<p class=\"ghi-chu\">Dòng này không thành một mục (không tính), nên không quyết định ở đây được.</p>");
            } else {
                let mut select =
                    String::from(r#"<select name="gia_tri" aria-label="Loại mô hình">"#);
                for (code, name) in &categories {
                    let first = codes.first() == Some(&code.as_str());
                    let _ = write!(
                        select,
                        r#"<option value="{}"{}>{}</option>"#,
                        esc(code),
                        if first { " selected" } else { "" },
                        esc(name)
                    );
                }
                select.push_str("</select>");
                let _ = write!(
                    b,
                    r#"<div class="nut">{}{}</div>"#,
                    form(
                        s,
                        &[("quyet_dinh", "sua_loai"), ("ma", &side.id)],
                        &select,
                        "Chọn loại này"
                    ),
                    rename_form(s, side)
                );
            }
            b.push_str("</section>");
        }
    }
    if !any {
        b.push_str("<p>Không có mục nào.</p>");
    }
    b.push_str(r#"<h2 id="capdk">Cấp đăng ký chưa rõ</h2>"#);
    any = false;
    for i in &items {
        if let Item::Level { side, written } = i {
            any = true;
            let _ = write!(
                b,
                r#"<section class="muc-xet">{}<p>Ghi «{}»</p>"#,
                side_html(side),
                esc(written)
            );
            if side.id.is_empty() {
                b.push_str("<p class=\"ghi-chu\">Dòng này không thành một mục, nên không quyết định ở đây được.</p>");
            } else {
                let select = r#"<select name="gia_tri" aria-label="Cấp"><option value="tinh">Cấp tỉnh</option><option value="khoi">Cấp Khối</option><option value="co_so" selected>Cấp cơ sở</option></select>"#;
                let _ = write!(
                    b,
                    r#"<div class="nut">{}</div>"#,
                    form(
                        s,
                        &[("quyet_dinh", "sua_cap"), ("ma", &side.id)],
                        select,
                        "Chọn cấp này"
                    )
                );
            }
            b.push_str("</section>");
        }
    }
    if !any {
        b.push_str("<p>Không có mục nào.</p>");
    }
    b.push_str(r#"<h2 id="donvi">Đơn vị không có trong danh mục</h2>"#);
    any = false;
    for i in &items {
        if let Item::Unit {
            finding,
            read,
            candidates,
        } = i
        {
            if !any {
                b.push_str("<p>Chọn đơn vị trong danh mục mà báo cáo này là của nó: tên đọc được sẽ được coi là một tên gọi khác của đơn vị ấy (như cột <i>Tên gọi khác</i> của danh-muc.xlsx).</p>");
            }
            any = true;
            let _ = write!(
                b,
                r#"<section class="muc-xet"><div class="ben"><div class="ten">{}</div><div class="nguon">{} · kỳ {}</div></div><p>{}</p>"#,
                esc(read),
                esc(&finding.file),
                esc(&finding.period),
                esc(&finding.message)
            );
            if read.is_empty() {
                b.push_str("</section>");
                continue;
            }
            // The candidates first, then the whole roster by name.
            let mut select =
                String::from(r#"<select name="ma" aria-label="Đơn vị trong danh mục">"#);
            for (j, (code, name)) in candidates.iter().enumerate() {
                let _ = write!(
                    select,
                    r#"<option value="{}"{}>{} ({})</option>"#,
                    esc(code),
                    if j == 0 { " selected" } else { "" },
                    esc(name),
                    esc(code)
                );
            }
            let mut roster: Vec<&(String, String)> = snap
                .roster
                .iter()
                .filter(|(c, _)| !candidates.iter().any(|(x, _)| x == c))
                .collect();
            roster.sort_by_key(|(_, n)| tonghop_text::fold_key(n));
            if !roster.is_empty() {
                select.push_str(r#"<optgroup label="Các đơn vị khác">"#);
                for (code, name) in roster {
                    let _ = write!(
                        select,
                        r#"<option value="{}">{} ({})</option>"#,
                        esc(code),
                        esc(name),
                        esc(code)
                    );
                }
                select.push_str("</optgroup>");
            }
            select.push_str("</select>");
            let mut f = String::from(r#"<form method="post" action="/xem-xet">"#);
            f.push_str(&hidden("csrf", &s.csrf));
            f.push_str(&hidden("quyet_dinh", "don_vi"));
            f.push_str(&hidden("gia_tri", read));
            let _ = write!(
                f,
                r#"{select}<button type="submit">Là đơn vị này</button></form>"#
            );
            let _ = write!(b, r#"<div class="nut">{f}</div></section>"#);
        }
    }
    if !any {
        b.push_str("<p>Mọi báo cáo đều nhận ra đơn vị.</p>");
    }
    b.push_str(r#"<h2 id="da-ghi">Đã quyết định</h2>"#);
    match decisions::list(&decisions::path_in(&app.config.inputs)) {
        Ok(rows) if rows.is_empty() => b.push_str("<p>Chưa có quyết định nào.</p>"),
        Ok(rows) => {
            b.push_str("<table><thead><tr><th>Quyết định</th><th>Mã</th><th>Mã thứ hai</th><th>Giá trị mới</th><th>Ghi chú</th></tr></thead><tbody>");
            for r in rows.iter().rev().take(200) {
                let _ = write!(
                    b,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    esc(&r.kind),
                    esc(&r.id),
                    esc(&r.other),
                    esc(&r.value),
                    esc(&r.note)
                );
            }
            b.push_str("</tbody></table>");
        }
        Err(e) => {
            let _ = write!(b, r#"<p class="loi">{}</p>"#, esc(&e));
        }
    }
    if let Some(last) = app.taken.last() {
        let _ = write!(
            b,
            r#"<form method="post" action="/xem-xet/hoan-tac">{}<button type="submit">Hoàn tác: {} {}{}</button></form>"#,
            hidden("csrf", &s.csrf),
            esc(&last.kind),
            esc(&last.id),
            if last.other.is_empty() && last.value.is_empty() {
                String::new()
            } else {
                format!(
                    " → {}",
                    esc(if last.other.is_empty() {
                        &last.value
                    } else {
                        &last.other
                    })
                )
            }
        );
    }
    b
}

/// `GET /xem-xet`.
pub(crate) async fn page_get(app: &App, s: &Session) -> Response {
    let Some(snap) = app.runs.state().last else {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            Html(page(
                app,
                s,
                "Xem xét",
                "<p>Chưa có lần chạy nào xong; tải lại trang sau ít giây.</p>",
            )),
        )
            .into_response();
    };
    (
        StatusCode::OK,
        Html(page(app, s, "Xem xét", &body(app, s, &snap, None))),
    )
        .into_response()
}

pub(crate) async fn show(
    State(app): State<Arc<App>>,
    Extension(s): Extension<Session>,
) -> Response {
    page_get(&app, &s).await
}

fn refused(app: &App, s: &Session, snap: &Snapshot, code: StatusCode, why: &str) -> Response {
    (
        code,
        Html(page(
            app,
            s,
            "Xem xét",
            &body(app, s, snap, Some((false, why))),
        )),
    )
        .into_response()
}

/// Does `change` to the decisions file (its path, the folder keeping the
/// versions before), one change at a time, off the server's threads.
async fn on_file<T: Send + 'static>(
    app: &Arc<App>,
    change: impl FnOnce(&std::path::Path, &std::path::Path) -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    let app = app.clone();
    tokio::task::spawn_blocking(move || {
        let _one = app.writing.lock().unwrap_or_else(PoisonError::into_inner);
        change(
            &decisions::path_in(&app.config.inputs),
            &app.config.out.join(".tonghop").join("quyet-dinh-truoc"),
        )
    })
    .await
    .unwrap_or_else(|_| Err("lỗi bất thường khi ghi quyết định".to_owned()))
}

/// `POST /xem-xet`: one decision, written, then a run.
pub(crate) async fn decide(
    State(app): State<Arc<App>>,
    Extension(s): Extension<Session>,
    crate::pages::Fields(form): crate::pages::Fields,
) -> Response {
    if !csrf_ok(&s, form.get("csrf").map(String::as_str)) {
        return csrf_refused();
    }
    let Some(snap) = app.runs.state().last else {
        return page_get(&app, &s).await;
    };
    let row = match decision(&snap, &form) {
        Ok(r) => r,
        Err(why) => return refused(&app, &s, &snap, StatusCode::UNPROCESSABLE_ENTITY, &why),
    };
    let written = {
        let row = row.clone();
        on_file(&app, move |path, keep| decisions::append(path, &row, keep)).await
    };
    if let Err(why) = written {
        return refused(&app, &s, &snap, StatusCode::CONFLICT, &why);
    }
    app.taken.push(row);
    let target = app.runs.request();
    app.runs.wait(target, Duration::from_secs(10)).await;
    see_other("/xem-xet#da-ghi")
}

/// `POST /xem-xet/hoan-tac`: the last decision taken here, taken back.
pub(crate) async fn undo(
    State(app): State<Arc<App>>,
    Extension(s): Extension<Session>,
    crate::pages::Fields(form): crate::pages::Fields,
) -> Response {
    if !csrf_ok(&s, form.get("csrf").map(String::as_str)) {
        return csrf_refused();
    }
    let Some(snap) = app.runs.state().last else {
        return page_get(&app, &s).await;
    };
    let Some(last) = app.taken.last() else {
        return refused(
            &app,
            &s,
            &snap,
            StatusCode::CONFLICT,
            "Không có quyết định nào ghi từ trang này để hoàn tác.",
        );
    };
    let removed = {
        let last = last.clone();
        on_file(&app, move |path, keep| decisions::remove(path, &last, keep)).await
    };
    match removed {
        Ok(true) => {
            app.taken.pop();
            let target = app.runs.request();
            app.runs.wait(target, Duration::from_secs(10)).await;
            see_other("/xem-xet#da-ghi")
        }
        Ok(false) => {
            app.taken.pop();
            refused(&app, &s, &snap, StatusCode::CONFLICT, "Dòng quyết định ấy không còn trong file (có thể đã được sửa bằng tay); không có gì để hoàn tác.")
        }
        Err(why) => refused(&app, &s, &snap, StatusCode::CONFLICT, &why),
    }
}
