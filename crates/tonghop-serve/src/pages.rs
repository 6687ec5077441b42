//! The pages: the dashboard (the run's `tong-hop.html`, with the server's
//! menu), units, uploads, downloads, and the pages that say what went wrong.
//! Every page is written here, in Vietnamese; every text from a return, the
//! roster or a file name is escaped. The server's own pages use no script.

use crate::auth::{csrf_ok, Session};
use crate::{files, App, Snapshot};
use axum::body::Body;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::{Extension, Form};
use sha2::Digest;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::sync::Arc;
use std::time::Duration;

const STYLE: &str = include_str!("kieu.css");

/// How long a request that starts a run waits for it before answering.
const WAIT: Duration = Duration::from_secs(10);

pub(crate) use tonghop_text::escape_html as esc;

/// A path part for a link: every byte but the unreserved ones as `%XX`.
pub(crate) fn encode(s: &str) -> String {
    s.bytes().fold(String::new(), |mut out, b| {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
        out
    })
}

fn number(n: u64) -> String {
    tonghop_text::format_int(n)
}

pub(crate) fn see_other(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_owned())]).into_response()
}

/// A page with the server's menu.
pub(crate) fn page(app: &App, s: &Session, title: &str, body: &str) -> String {
    let mut h = format!(
        r#"<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{} — tonghop</title><link rel="stylesheet" href="/kieu.css"></head><body>"#,
        esc(title)
    );
    h.push_str(&menu(app, s));
    h.push_str(&status(app));
    let _ = write!(
        h,
        "<main><h1>{}</h1>{body}</main></body></html>",
        esc(title)
    );
    h
}

fn menu(app: &App, s: &Session) -> String {
    let mut h = String::from(
        r#"<nav class="menu"><b>tonghop</b><a href="/">Tổng quan</a><a href="/don-vi">Đơn vị</a><a href="/xem-xet">Xem xét</a><a href="/nop">Nộp báo cáo</a><a href="/tai-ve">Tải về</a>"#,
    );
    let _ = write!(
        h,
        r#"<form method="post" action="/chay"><input type="hidden" name="csrf" value="{}"><button type="submit">Chạy lại</button></form>"#,
        esc(&s.csrf)
    );
    if !matches!(app.config.access, crate::Access::Local) {
        let _ = write!(
            h,
            r#"<form method="post" action="/dang-xuat"><input type="hidden" name="csrf" value="{}"><button type="submit">Đăng xuất</button></form>"#,
            esc(&s.csrf)
        );
    }
    h.push_str("</nav>");
    h
}

/// The runs' state in one line.
fn status(app: &App) -> String {
    let st = app.runs.state();
    let mut line = String::new();
    if st.running {
        line.push_str("Đang chạy … (tải lại trang sau ít giây). ");
    }
    if let Some(took) = st.took {
        let _ = write!(
            line,
            "Lần chạy xong gần nhất mất {} giây",
            format!("{:.1}", took.as_secs_f64()).replace('.', ",")
        );
        if let Some(s) = &st.last {
            let p = s.summary.periods.last();
            if let Some(p) = p {
                let _ = write!(
                    line,
                    ": kỳ {} có {} mô hình, {} điển hình; {} vấn đề.",
                    esc(&p.name),
                    number(p.models.total),
                    number(p.exemplars.total),
                    number(s.findings.len() as u64)
                );
            }
        }
    }
    let mut h = String::new();
    if let Some(e) = &st.error {
        let _ = write!(
            h,
            r#"<p class="loi" role="alert">Lần chạy gần nhất không xong: {}</p>"#,
            esc(e)
        );
    }
    if !line.is_empty() {
        let _ = write!(h, r#"<p class="trang-thai">{line}</p>"#);
    }
    h
}

fn html(code: StatusCode, body: String) -> Response {
    (code, Html(body)).into_response()
}

/// A page that says what went wrong, with no session needed.
pub(crate) fn problem(code: StatusCode, title: &str, detail: &str) -> Response {
    html(
        code,
        format!(
            r#"<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{t}</title><link rel="stylesheet" href="/kieu.css"></head><body><main><h1>{t}</h1><p>{d}</p><p><a href="/">Về trang tổng quan</a></p></main></body></html>"#,
            t = esc(title),
            d = esc(detail)
        ),
    )
}

/// A form's fields; a body that is no form (another type, too large,
/// malformed) is refused with a page that says so, not the server
/// library's English.
pub(crate) struct Fields(pub HashMap<String, String>);

impl<S: Send + Sync> axum::extract::FromRequest<S> for Fields {
    type Rejection = Response;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Fields, Response> {
        match Form::<HashMap<String, String>>::from_request(req, state).await {
            Ok(Form(f)) => Ok(Fields(f)),
            Err(e) => Err(unreadable_form(e.status())),
        }
    }
}

/// The page for a body the server could not take as a form.
pub(crate) fn unreadable_form(status: StatusCode) -> Response {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        return problem(
            status,
            "Gửi quá nhiều",
            "Những gì trình duyệt gửi lên lớn quá giới hạn của biểu mẫu này.",
        );
    }
    problem(
        status,
        "Biểu mẫu không đọc được",
        "Những gì gửi lên không phải một biểu mẫu của trang tonghop; tải lại trang rồi làm lại.",
    )
}

pub(crate) fn csrf_refused() -> Response {
    problem(
        StatusCode::FORBIDDEN,
        "Biểu mẫu không hợp lệ",
        "Biểu mẫu này đã cũ hoặc không phải gửi từ trang của tonghop (thiếu mã chống giả mạo). Tải lại trang rồi làm lại.",
    )
}

/// The login page.
pub(crate) fn login(s: &Session, error: Option<&str>, code: StatusCode) -> Response {
    let mut body = String::new();
    if let Some(e) = error {
        let _ = write!(body, r#"<p class="loi" role="alert">{}</p>"#, esc(e));
    }
    let _ = write!(
        body,
        r#"<form method="post" action="/dang-nhap" class="dang-nhap"><input type="hidden" name="csrf" value="{}"><label>Mật khẩu hoặc mã đăng nhập <input type="password" name="ma" autocomplete="current-password" required autofocus></label><button type="submit">Đăng nhập</button></form><p class="ghi-chu">Mã đăng nhập in ra ở cửa sổ đã chạy <code>tonghop serve --lan</code>.</p>"#,
        esc(&s.csrf)
    );
    html(
        code,
        format!(
            r#"<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Đăng nhập — tonghop</title><link rel="stylesheet" href="/kieu.css"></head><body><main><h1>Đăng nhập</h1>{body}</main></body></html>"#
        ),
    )
}

/// `GET /kieu.css`.
pub(crate) async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        STYLE,
    )
        .into_response()
}

/// `GET /favicon.ico`: none (browsers ask for it on every site).
pub(crate) async fn no_icon() -> StatusCode {
    StatusCode::NO_CONTENT
}

pub(crate) async fn not_found(
    State(app): State<Arc<App>>,
    s: Option<Extension<Session>>,
) -> Response {
    match s {
        Some(Extension(s)) => html(
            StatusCode::NOT_FOUND,
            page(
                &app,
                &s,
                "Không có trang này",
                "<p>Địa chỉ này không có trong tonghop. Chọn một mục ở trên.</p>",
            ),
        ),
        None => problem(
            StatusCode::NOT_FOUND,
            "Không có trang này",
            "Địa chỉ này không có trong tonghop.",
        ),
    }
}

fn waiting(app: &App, s: &Session, title: &str) -> Response {
    html(
        StatusCode::SERVICE_UNAVAILABLE,
        page(
            app,
            s,
            title,
            "<p>Chưa có lần chạy nào xong. Lần chạy đầu tiên đang đọc các báo cáo; tải lại trang sau ít giây.</p>",
        ),
    )
}

/// The hash a Content-Security-Policy allows an inline script by.
fn script_hash(script: &str) -> String {
    let digest = sha2::Sha256::digest(script.as_bytes());
    format!("'sha256-{}'", base64(&digest))
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `GET /`: the run's `tong-hop.html`, with the server's menu at its top.
pub(crate) async fn dashboard(
    State(app): State<Arc<App>>,
    Extension(s): Extension<Session>,
) -> Response {
    let path = app.config.out.join("tong-hop.html");
    let text = match tokio::fs::read_to_string(&path).await {
        Ok(t) => t,
        Err(_) => return waiting(&app, &s, "Tổng quan"),
    };
    // The page's own script, allowed by its hash and by nothing else.
    let script = text
        .rfind("<script>")
        .and_then(|a| {
            let from = a + "<script>".len();
            text[from..]
                .find("</script>")
                .map(|b| &text[from..from + b])
        })
        .unwrap_or("");
    let hash = script_hash(script);
    let top = format!(
        r#"<div class="srv" style="font:14px/1.4 'Segoe UI',Arial,sans-serif;background:#eef2f7;padding:6px 24px;display:flex;gap:16px;flex-wrap:wrap;align-items:center">{}</div>"#,
        menu(&app, &s)
            .replace(
                r#"<nav class="menu">"#,
                r#"<nav style="display:flex;gap:14px;align-items:center;flex-wrap:wrap">"#
            )
            .replace("<form ", r#"<form style="display:inline" "#)
            + &status(&app)
    );
    let body = match text.find("<body>") {
        Some(at) => format!("{}{top}{}", &text[..at + 6], &text[at + 6..]),
        None => text,
    };
    let csp = format!(
        "default-src 'none'; style-src 'unsafe-inline'; script-src {}; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        hash
    );
    (
        [(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&csp).unwrap_or(HeaderValue::from_static("default-src 'none'")),
        )],
        Html(body),
    )
        .into_response()
}

fn state_of(u: &tonghop_reconcile::UnitPeriod) -> (&'static str, String) {
    match (u.expected, u.received) {
        (true, false) => ("chua", "Chưa gửi".to_owned()),
        (false, false) => ("khong", "Không phải gửi".to_owned()),
        (false, true) => ("them", "Gửi (không thuộc diện)".to_owned()),
        (true, true) if u.timeliness_unknown => ("ro", "Đã gửi, chưa rõ hạn".to_owned()),
        (true, true) => match u.days_late {
            Some(d) if d > 0 => ("muon", format!("Muộn {d} ngày")),
            _ => ("dung", "Đúng hạn".to_owned()),
        },
    }
}

/// `GET /don-vi`: every unit, its returns period by period, its findings.
pub(crate) async fn units(
    State(app): State<Arc<App>>,
    Extension(s): Extension<Session>,
) -> Response {
    let Some(snap) = app.runs.state().last else {
        return waiting(&app, &s, "Đơn vị");
    };
    let mut by_unit: BTreeMap<&str, Vec<&tonghop_reconcile::UnitPeriod>> = BTreeMap::new();
    for u in &snap.units {
        by_unit.entry(u.unit.as_str()).or_default().push(u);
    }
    let mut findings: HashMap<&str, (u64, u64)> = HashMap::new();
    for f in &snap.findings {
        let e = findings.entry(f.unit.as_str()).or_default();
        match f.severity {
            tonghop_core::Severity::Error => e.0 += 1,
            tonghop_core::Severity::Warning => e.1 += 1,
            tonghop_core::Severity::Info => {}
        }
    }
    let mut rows: Vec<(&str, &Vec<&tonghop_reconcile::UnitPeriod>)> =
        by_unit.iter().map(|(k, v)| (*k, v)).collect();
    rows.sort_by_key(|(_, v)| tonghop_text::fold_key(&v[0].name));
    let mut b = format!(
        r#"<p>{} đơn vị. Bấm tên đơn vị để xem báo cáo từng kỳ, số liệu, vấn đề (file, sheet, dòng) và thư gửi đơn vị.</p><table><thead><tr><th>Mã</th><th>Đơn vị</th><th>Loại</th>"#,
        number(rows.len() as u64)
    );
    for p in &snap.periods {
        let _ = write!(b, "<th>{}</th>", esc(&p.name));
    }
    b.push_str(r#"<th class="n">Lỗi</th><th class="n">Cảnh báo</th></tr></thead><tbody>"#);
    for (code, list) in rows {
        let first = list[0];
        let _ = write!(
            b,
            r#"<tr><td>{}</td><td><a href="/don-vi/{}">{}</a></td><td>{}</td>"#,
            esc(code),
            encode(code),
            esc(&first.name),
            esc(&first.kind)
        );
        for p in &snap.periods {
            match list.iter().find(|u| u.period == p.id) {
                Some(u) => {
                    let (class, text) = state_of(u);
                    let _ = write!(b, r#"<td class="{class}">{}</td>"#, esc(&text));
                }
                None => b.push_str(r#"<td class="ghi-chu">—</td>"#),
            }
        }
        let (e, w) = findings.get(code).copied().unwrap_or_default();
        let _ = write!(b, r#"<td class="n">{e}</td><td class="n">{w}</td></tr>"#);
    }
    b.push_str("</tbody></table>");
    html(StatusCode::OK, page(&app, &s, "Đơn vị", &b))
}

fn letter<'a>(snap: &'a Snapshot, code: &str) -> Option<&'a str> {
    let prefix = format!("thu/{code} - ");
    snap.written
        .iter()
        .find(|w| w.starts_with(&prefix) && w.ends_with(".docx"))
        .map(String::as_str)
}

/// `GET /don-vi/{code}`: one unit.
pub(crate) async fn unit(
    State(app): State<Arc<App>>,
    Extension(s): Extension<Session>,
    code: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Response {
    let Ok(Path(code)) = code else {
        return not_found(State(app), Some(Extension(s))).await;
    };
    let Some(snap) = app.runs.state().last else {
        return waiting(&app, &s, "Đơn vị");
    };
    let list: Vec<&tonghop_reconcile::UnitPeriod> =
        snap.units.iter().filter(|u| u.unit == code).collect();
    let Some(first) = list.first() else {
        return html(
            StatusCode::NOT_FOUND,
            page(
                &app,
                &s,
                "Không có đơn vị này",
                &format!(
                    r#"<p>Không có đơn vị mã «{}» trong lần chạy gần nhất. <a href="/don-vi">Danh sách đơn vị</a></p>"#,
                    esc(&code)
                ),
            ),
        );
    };
    let mut b = format!(
        "<p>Mã {} · {}</p><h2>Báo cáo từng kỳ</h2><table><thead><tr><th>Kỳ</th><th>Tình hình gửi</th><th>File được tính</th><th class=\"n\">Mô hình</th><th class=\"n\">Điển hình</th><th>Theo cấp (mô hình)</th></tr></thead><tbody>",
        esc(&code),
        esc(&first.kind)
    );
    for p in &snap.periods {
        let Some(u) = list.iter().find(|u| u.period == p.id) else {
            continue;
        };
        let (class, text) = state_of(u);
        let file = snap
            .unit_files
            .get(&(p.id.clone(), code.clone()))
            .map_or(String::new(), |f| esc(f));
        let levels = u
            .models
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(l, n)| {
                format!(
                    "{} {n}",
                    tonghop_core::Level::from_code(l).map_or(l.as_str(), |l| l.label())
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let _ = write!(
            b,
            r#"<tr><td>{}</td><td class="{class}">{}</td><td>{file}</td><td class="n">{}</td><td class="n">{}</td><td>{}</td></tr>"#,
            esc(&p.name),
            esc(&text),
            number(u.models.values().sum()),
            number(u.exemplars.values().sum()),
            esc(&levels)
        );
    }
    b.push_str("</tbody></table>");
    let mine: Vec<&tonghop_core::Finding> =
        snap.findings.iter().filter(|f| f.unit == code).collect();
    let _ = write!(b, "<h2>Vấn đề ({})</h2>", number(mine.len() as u64));
    if mine.is_empty() {
        b.push_str("<p>Không có vấn đề nào.</p>");
    } else {
        b.push_str("<table><thead><tr><th>Mức độ</th><th>Mã</th><th>Kỳ</th><th>File</th><th>Sheet</th><th class=\"n\">Dòng</th><th>Nội dung</th></tr></thead><tbody>");
        for f in mine {
            let _ = write!(
                b,
                r#"<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="n">{}</td><td>{}</td></tr>"#,
                f.severity.label(),
                f.code.as_str(),
                esc(&f.period),
                esc(&f.file),
                esc(&f.sheet),
                f.row.map_or(String::new(), |r| r.to_string()),
                esc(&f.message)
            );
        }
        b.push_str("</tbody></table>");
    }
    b.push_str("<h2>Thư gửi đơn vị</h2>");
    match letter(&snap, &code) {
        Some(l) => {
            let _ = write!(
                b,
                r#"<p><a href="/tai-ve/{}">{}</a> (Word)</p>"#,
                l.split('/').map(encode).collect::<Vec<_>>().join("/"),
                esc(l)
            );
        }
        None => b.push_str(
            "<p>Lần chạy này không viết thư cho đơn vị (không có lỗi, cảnh báo phải sửa).</p>",
        ),
    }
    html(StatusCode::OK, page(&app, &s, &first.name, &b))
}

/// `GET /nop`: the upload form.
pub(crate) async fn upload_form(
    State(app): State<Arc<App>>,
    Extension(s): Extension<Session>,
) -> Response {
    html(
        StatusCode::OK,
        page(&app, &s, "Nộp báo cáo", &upload_body(&app, &s)),
    )
}

fn upload_body(app: &App, s: &Session) -> String {
    let periods = app
        .runs
        .state()
        .last
        .map(|x| x.periods.clone())
        .unwrap_or_default();
    if periods.is_empty() {
        return "<p>Chưa biết các kỳ báo cáo (chưa có lần chạy nào xong). Tải lại trang sau ít giây.</p>".to_owned();
    }
    let mut b = format!(
        r#"<p>Chọn kỳ và các file báo cáo (.xlsx, .xlsm, .xls, .ods, .docx; mỗi file tối đa {} MB, mỗi lần tối đa {} file). File được lưu vào thư mục của kỳ trong thư mục đầu vào, không thay file nào đã có (trùng tên thì thêm số), rồi tonghop chạy lại.</p><form method="post" action="/nop" enctype="multipart/form-data" class="nop"><input type="hidden" name="csrf" value="{}"><label>Kỳ báo cáo <select name="ky">"#,
        app.config.max_file / (1024 * 1024),
        app.config.max_files,
        esc(&s.csrf)
    );
    for (i, p) in periods.iter().enumerate() {
        let _ = write!(
            b,
            r#"<option value="{}"{}>{} (thư mục {})</option>"#,
            esc(&p.id),
            if i + 1 == periods.len() {
                " selected"
            } else {
                ""
            },
            esc(&p.name),
            esc(&p.folder)
        );
    }
    b.push_str(r#"</select></label><label>File <input type="file" name="tep" multiple required accept=".xlsx,.xlsm,.xls,.ods,.docx"></label><button type="submit">Nộp và chạy lại</button></form>"#);
    b
}

/// `POST /nop`: returns stored under a period's folder, then a run.
pub(crate) async fn upload(
    State(app): State<Arc<App>>,
    Extension(s): Extension<Session>,
    form: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let mut form = match form {
        Ok(f) => f,
        Err(e) => return unreadable_form(e.status()),
    };
    let mut csrf = None;
    let mut period = None;
    let mut incoming: Vec<(String, Vec<u8>)> = Vec::new();
    let mut refused: Vec<String> = Vec::new();
    let too_big = || {
        problem(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Gửi quá nhiều",
            "Các file gửi lên lớn quá giới hạn của một lần nộp; nộp ít file hơn mỗi lần.",
        )
    };
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return too_big(),
            Err(_) => {
                return problem(
                    StatusCode::BAD_REQUEST,
                    "Biểu mẫu hỏng",
                    "Không đọc được những gì trình duyệt gửi lên; chọn lại file rồi gửi lại.",
                )
            }
        };
        match field.name().unwrap_or("") {
            "csrf" => csrf = field.text().await.ok(),
            "ky" => period = field.text().await.ok(),
            "tep" => {
                let raw = field.file_name().unwrap_or("").to_owned();
                let bytes = match field.bytes().await {
                    Ok(b) => b,
                    Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return too_big(),
                    Err(_) => return too_big(),
                };
                if raw.is_empty() && bytes.is_empty() {
                    continue;
                }
                if incoming.len() + refused.len() >= app.config.max_files {
                    refused.push(format!(
                        "\"{raw}\": quá {} file một lần; nộp tiếp ở lần sau",
                        app.config.max_files
                    ));
                    continue;
                }
                match files::clean_name(&raw) {
                    Some(name) => match files::refused(&name, &bytes, app.config.max_file) {
                        Some(why) => refused.push(why),
                        None => incoming.push((name, bytes.to_vec())),
                    },
                    None => refused.push(format!("\"{raw}\": tên file không dùng được")),
                }
            }
            _ => {}
        }
    }
    if !csrf_ok(&s, csrf.as_deref()) {
        return csrf_refused();
    }
    let snap = app.runs.state().last;
    let Some(p) = snap
        .as_ref()
        .and_then(|x| x.periods.iter().find(|p| Some(&p.id) == period.as_ref()))
        .cloned()
    else {
        return html(
            StatusCode::UNPROCESSABLE_ENTITY,
            page(
                &app,
                &s,
                "Nộp báo cáo",
                &format!(
                    r#"<p class="loi" role="alert">Không có kỳ báo cáo «{}».</p>{}"#,
                    esc(period.as_deref().unwrap_or("")),
                    upload_body(&app, &s)
                ),
            ),
        );
    };
    let Some(dir) = files::period_dir(&app.config.inputs, &p.folder) else {
        return html(
            StatusCode::UNPROCESSABLE_ENTITY,
            page(
                &app,
                &s,
                "Nộp báo cáo",
                &format!(
                    r#"<p class="loi" role="alert">Thư mục của kỳ «{}» nằm ngoài thư mục đầu vào; sửa cột Thư mục của sheet Kỳ báo cáo.</p>"#,
                    esc(&p.name)
                ),
            ),
        );
    };
    let mut stored = Vec::new();
    for (name, bytes) in incoming {
        let dir = dir.clone();
        let result = tokio::task::spawn_blocking(move || {
            files::store(&dir, &name, &bytes).map_err(|e| (name, e))
        })
        .await;
        match result {
            Ok(Ok(n)) => stored.push(n),
            Ok(Err((name, e))) => refused.push(format!(
                "\"{name}\": không lưu được ({})",
                tonghop_core::io_reason(&e)
            )),
            Err(_) => refused.push("một file không lưu được (lỗi bất thường)".to_owned()),
        }
    }
    let mut b = String::new();
    if !stored.is_empty() {
        let target = app.runs.request();
        let done = app.runs.wait(target, WAIT).await;
        let _ = write!(
            b,
            r#"<p class="ok" role="status">Đã lưu {} file vào thư mục «{}»{}</p><ul>"#,
            stored.len(),
            esc(&p.folder),
            if done {
                " và đã chạy lại."
            } else {
                "; đang chạy lại, tải lại trang sau ít giây."
            }
        );
        for n in &stored {
            let _ = write!(b, "<li>{}</li>", esc(n));
        }
        b.push_str("</ul>");
    }
    if !refused.is_empty() {
        b.push_str(r#"<p class="loi" role="alert">Không nhận:</p><ul>"#);
        for r in &refused {
            let _ = write!(b, "<li>{}</li>", esc(r));
        }
        b.push_str("</ul>");
    }
    if stored.is_empty() && refused.is_empty() {
        b.push_str(r#"<p class="loi" role="alert">Chưa chọn file nào.</p>"#);
    }
    b.push_str(&upload_body(&app, &s));
    let code = if stored.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    html(code, page(&app, &s, "Nộp báo cáo", &b))
}

/// `POST /chay`: run again, wait for it (a few seconds at most), back to the
/// dashboard.
pub(crate) async fn rerun(
    State(app): State<Arc<App>>,
    Extension(s): Extension<Session>,
    Fields(form): Fields,
) -> Response {
    if !csrf_ok(&s, form.get("csrf").map(String::as_str)) {
        return csrf_refused();
    }
    let target = app.runs.request();
    app.runs.wait(target, WAIT).await;
    see_other("/")
}

/// `GET /tai-ve`: every output of the last run.
pub(crate) async fn downloads(
    State(app): State<Arc<App>>,
    Extension(s): Extension<Session>,
) -> Response {
    let Some(snap) = app.runs.state().last else {
        return waiting(&app, &s, "Tải về");
    };
    let mut b = format!(
        r#"<p>Các file lần chạy gần nhất đã ghi vào {} (chỉ các file này tải được).</p><table><thead><tr><th>File</th><th class="n">Dung lượng</th></tr></thead><tbody>"#,
        esc(&app.config.out.display().to_string())
    );
    for w in &snap.written {
        let size = std::fs::metadata(app.config.out.join(w)).map_or(0, |m| m.len());
        let _ = write!(
            b,
            r#"<tr><td><a href="/tai-ve/{}">{}</a></td><td class="n">{} KB</td></tr>"#,
            w.split('/').map(encode).collect::<Vec<_>>().join("/"),
            esc(w),
            number(size.div_ceil(1024))
        );
    }
    b.push_str("</tbody></table>");
    html(StatusCode::OK, page(&app, &s, "Tải về", &b))
}

/// `GET /tai-ve/{path}`: one output, only if the last run wrote it.
pub(crate) async fn download(
    State(app): State<Arc<App>>,
    Extension(s): Extension<Session>,
    rel: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Response {
    let Ok(Path(rel)) = rel else {
        return not_found(State(app), Some(Extension(s))).await;
    };
    let written = app
        .runs
        .state()
        .last
        .map(|x| x.written.clone())
        .unwrap_or_default();
    let Some(full) = files::output(&app.config.out, &written, &rel) else {
        return html(
            StatusCode::NOT_FOUND,
            page(&app, &s, "Không có file này", "<p>Chỉ tải được các file lần chạy gần nhất đã ghi. <a href=\"/tai-ve\">Danh sách</a></p>"),
        );
    };
    let Ok(bytes) = tokio::fs::read(&full).await else {
        return problem(
            StatusCode::NOT_FOUND,
            "Không đọc được file",
            "File vừa bị chuyển hay xoá; chạy lại rồi thử lại.",
        );
    };
    let name = rel.rsplit('/').next().unwrap_or("tep");
    let inline = rel.ends_with(".png");
    let disposition = format!(
        "{}; filename=\"{}\"; filename*=UTF-8''{}",
        if inline { "inline" } else { "attachment" },
        name.chars()
            .map(
                |c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                    c
                } else {
                    '_'
                }
            )
            .collect::<String>(),
        encode(name)
    );
    let mut res = Response::new(Body::from(bytes));
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(files::content_type(&rel)),
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_and_the_script_hash() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            script_hash("alert(1)"),
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
    }

    #[test]
    fn link_parts_are_percent_encoded() {
        assert_eq!(
            encode("thu/DV01 - Đảng bộ.docx"),
            "thu%2FDV01%20-%20%C4%90%E1%BA%A3ng%20b%E1%BB%99.docx"
        );
        assert_eq!(
            esc("<a href='x'>&</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;"
        );
    }
}
