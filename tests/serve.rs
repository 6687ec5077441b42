//! `tonghop serve` (issue 22) over real HTTP on loopback: every page and form,
//! and what must be refused — forms without their CSRF token, uploads too
//! large or of the wrong type, names that climb out of INPUTS, downloads of
//! what the run did not write, decisions on ids that are not offered, a wrong
//! password, a host that is not this machine.

use crate::harness::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// A `tonghop serve` process, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    /// What it printed at start (the token, when one was drawn).
    said: Vec<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(args: &[&str], env: &[(&str, &str)]) -> Server {
    let mut cmd = tonghop();
    cmd.arg("serve")
        .args(args)
        .stderr(Stdio::piped())
        .stdout(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("tonghop serve starts");
    let mut lines = BufReader::new(child.stderr.take().expect("stderr"));
    let mut said = Vec::new();
    let mut port = None;
    while said.len() < 6 {
        let mut line = String::new();
        if lines.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        if let Some(rest) = line.split("tại http://").nth(1) {
            let p = rest.split('/').next().unwrap().rsplit(':').next().unwrap();
            port = p.parse().ok();
        }
        let done = line.starts_with("Dừng");
        said.push(line);
        if done {
            break;
        }
    }
    // The rest of what it says (each run's lines) is read away.
    std::thread::spawn(move || {
        let mut sink = String::new();
        let _ = lines.read_to_string(&mut sink);
    });
    Server {
        child,
        port: port.unwrap_or_else(|| panic!("no address said: {said:?}")),
        said,
    }
}

/// `tonghop serve INPUTS --out OUT` on a free loopback port, with `extra`
/// arguments and environment.
fn serve_on(inputs: &Path, out: &Path, extra: &[&str], env: &[(&str, &str)]) -> Server {
    let mut args = vec![
        inputs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--addr",
        "127.0.0.1:0",
    ];
    args.extend_from_slice(extra);
    start(&args, env)
}

/// One response.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A browser of sorts: keeps its cookie, reads the CSRF token off forms.
struct Browser {
    port: u16,
    host: String,
    cookie: Option<String>,
}

impl Browser {
    fn new(server: &Server) -> Browser {
        Browser {
            port: server.port,
            host: format!("127.0.0.1:{}", server.port),
            cookie: None,
        }
    }

    fn send(&mut self, method: &str, path: &str, kind: Option<&str>, body: &[u8]) -> Reply {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.host,
            body.len()
        );
        if let Some(k) = kind {
            head.push_str(&format!("Content-Type: {k}\r\n"));
        }
        if let Some(c) = &self.cookie {
            head.push_str(&format!("Cookie: {c}\r\n"));
        }
        head.push_str("\r\n");
        s.write_all(head.as_bytes()).unwrap();
        // A server may answer (and close) before a refused body is sent whole.
        let _ = s.write_all(body);
        let mut raw = Vec::new();
        let _ = s.read_to_end(&mut raw);
        let end = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("no response to {method} {path}"));
        let head = String::from_utf8_lossy(&raw[..end]).into_owned();
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
            .collect();
        let mut body = raw[end + 4..].to_vec();
        if headers
            .iter()
            .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"))
        {
            body = unchunk(&body);
        }
        let reply = Reply {
            status,
            headers,
            body,
        };
        if let Some(c) = reply.header("set-cookie") {
            let pair = c.split(';').next().unwrap().to_owned();
            self.cookie = if pair.ends_with('=') {
                None
            } else {
                Some(pair)
            };
        }
        reply
    }

    fn get(&mut self, path: &str) -> Reply {
        self.send("GET", path, None, b"")
    }

    fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let body = fields
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        self.send(
            "POST",
            path,
            Some("application/x-www-form-urlencoded"),
            body.as_bytes(),
        )
    }

    /// The CSRF token of the forms of `path`.
    fn csrf(&mut self, path: &str) -> String {
        let page = self.get(path).text();
        let at = page
            .find(r#"name="csrf" value=""#)
            .unwrap_or_else(|| panic!("no form on {path}"))
            + r#"name="csrf" value=""#.len();
        page[at..at + page[at..].find('"').unwrap()].to_owned()
    }

    fn upload(&mut self, csrf: Option<&str>, period: &str, files: &[(&str, &[u8])]) -> Reply {
        let b = "----tonghop-test-boundary";
        let mut body = Vec::new();
        let mut field = |name: &str, value: &str| {
            body.extend_from_slice(
                format!(
                    "--{b}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        };
        if let Some(c) = csrf {
            field("csrf", c);
        }
        field("ky", period);
        for (name, bytes) in files {
            body.extend_from_slice(
                format!(
                    "--{b}\r\nContent-Disposition: form-data; name=\"tep\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{b}--\r\n").as_bytes());
        self.send(
            "POST",
            "/nop",
            Some(&format!("multipart/form-data; boundary={b}")),
            &body,
        )
    }
}

fn unchunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = raw.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&raw[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[eol + 2..eol + 2 + size]);
        raw = &raw[eol + 2 + size + 2..];
    }
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Waits until the first run is done: its outputs listed (the dashboard may
/// be an earlier run's, on disk before the run ends).
fn ready(b: &mut Browser) {
    let start = Instant::now();
    while b.get("/tai-ve").status != 200 || b.get("/").status != 200 {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the first run never ended"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.file_type().unwrap().is_dir() {
            out.extend(files_under(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out.sort();
    out
}

#[test]
fn every_page_answers_and_keeps_to_itself() {
    let (dir, inputs) = sample_copy();
    let out = dir.path().join("out");
    let server = serve_on(&inputs, &out, &[], &[]);
    let mut b = Browser::new(&server);
    ready(&mut b);
    let dashboard = b.get("/");
    let text = dashboard.text();
    assert!(
        text.contains("Tổng hợp mô hình, điển hình tiên tiến") && text.contains("Sơ kết 02 năm")
    );
    assert!(text.contains(r#"href="/xem-xet""#), "the server's menu");
    let csp = dashboard.header("content-security-policy").unwrap();
    let scripts = csp
        .split(';')
        .find(|d| d.trim().starts_with("script-src"))
        .unwrap();
    assert!(
        scripts.contains("'sha256-") && !scripts.contains("unsafe"),
        "{csp}"
    );
    for (path, words) in [
        ("/don-vi", "Chi bộ Sở Tư pháp"),
        ("/don-vi/DV021", "Báo cáo từng kỳ"),
        ("/xem-xet", "Có thể trùng"),
        ("/nop", "Nộp và chạy lại"),
        ("/tai-ve", "tong-hop.xlsx"),
    ] {
        let r = b.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert!(r.text().contains(words), "{path} says «{words}»");
        assert!(r.text().starts_with("<!DOCTYPE html><html lang=\"vi\">"));
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(r.header("x-frame-options"), Some("DENY"));
        assert!(r
            .header("content-security-policy")
            .unwrap()
            .contains("default-src 'none'"));
    }
    assert_eq!(b.get("/kieu.css").status, 200);
    let missing = b.get("/khong-co-trang-nay");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("Không có trang này"));
    assert_eq!(b.get("/don-vi/KHONG-CO").status, 404);
    // The unit's letter is offered, and downloads as a Word file.
    let unit = b.get("/don-vi/DV003").text();
    let at = unit
        .find(r#"href="/tai-ve/thu"#)
        .expect("the unit's letter")
        + 6;
    let link = unit[at..at + unit[at..].find('"').unwrap()].to_owned();
    let letter = b.get(&link);
    assert_eq!(letter.status, 200, "{link}");
    assert!(letter.body.starts_with(b"PK"));
    assert!(letter
        .header("content-disposition")
        .unwrap()
        .starts_with("attachment"));
    let summary = b.get("/tai-ve/summary.json");
    assert_eq!(summary.status, 200);
    let ours = std::fs::read(out.join("summary.json")).unwrap();
    assert_eq!(summary.body, ours);
    // Nothing the run did not write, and nothing outside OUT.
    std::fs::write(out.join("ghi-chu.txt"), "của người dùng").unwrap();
    for path in [
        "/tai-ve/ghi-chu.txt",
        "/tai-ve/../../etc/passwd",
        "/tai-ve/%2e%2e/%2e%2e/etc/passwd",
        "/tai-ve/%2Fetc%2Fpasswd",
        "/tai-ve/.tonghop/ket-qua.json",
        "/tai-ve/..%2F..%2Finputs%2Fdanh-muc.xlsx",
    ] {
        let r = b.get(path);
        assert_ne!(r.status, 200, "{path} must not be served");
        assert!(!r.text().contains("của người dùng") && !r.text().contains("root:"));
    }
    // A host that is not this machine (a page of another site, by a name it
    // controls) is refused.
    b.host = "tonghop.evil.example".to_owned();
    assert_eq!(b.get("/").status, 421);
    drop(server);
}

#[test]
fn forms_without_their_csrf_token_are_refused_and_change_nothing() {
    let (dir, inputs) = sample_copy();
    let out = dir.path().join("out");
    let server = serve_on(&inputs, &out, &[], &[]);
    let mut b = Browser::new(&server);
    ready(&mut b);
    let before = files_under(&inputs);
    for token in [None, Some("sai"), Some("")] {
        let mut fields = vec![("quyet_dinh", "gop"), ("ma", "MH-1"), ("ma2", "MH-2")];
        if let Some(t) = token {
            fields.push(("csrf", t));
        }
        for path in ["/xem-xet", "/chay", "/xem-xet/hoan-tac", "/dang-xuat"] {
            let r = b.post(path, &fields);
            assert_eq!(r.status, 403, "{path} with {token:?}");
            assert!(r.text().contains("mã chống giả mạo"));
        }
        let r = b.upload(token, "2023-03", &[("moi.xlsx", b"PK\x03\x04 a return")]);
        assert_eq!(r.status, 403);
    }
    // A body that is no form, or too large for one, or a path that is not
    // UTF-8: refused in Vietnamese, not in the server library's English.
    let token = b.csrf("/nop");
    let plain = b.send(
        "POST",
        "/chay",
        Some("text/plain"),
        format!("csrf={token}").as_bytes(),
    );
    assert_eq!(plain.status, 415);
    assert!(
        plain.text().contains("Biểu mẫu không đọc được"),
        "{}",
        plain.text()
    );
    let huge = format!("csrf={token}&x={}", "a".repeat(100 * 1024));
    let big = b.send(
        "POST",
        "/chay",
        Some("application/x-www-form-urlencoded"),
        huge.as_bytes(),
    );
    assert_eq!(big.status, 413);
    assert!(big.text().contains("Gửi quá nhiều"), "{}", big.text());
    let bytes = b.get("/don-vi/%FF%FE");
    assert_eq!(bytes.status, 404);
    assert!(bytes.text().contains("Không có trang này"));
    let upload = b.send("POST", "/nop", Some("application/json"), b"{}");
    assert!(upload.status >= 400 && upload.text().contains("Biểu mẫu không đọc được"));
    // A browser's cookie with another session's token: refused too.
    let token = b.csrf("/nop");
    let mut other = Browser::new(&server);
    other.get("/");
    assert_eq!(other.post("/chay", &[("csrf", &token)]).status, 403);
    assert_eq!(files_under(&inputs), before, "nothing was written");
    assert!(!inputs.join("quyet-dinh.xlsx").exists());
    // With the token, a run is asked for and done.
    let r = b.post("/chay", &[("csrf", &token)]);
    assert_eq!(r.status, 303);
    drop(server);
}

#[test]
fn uploads_are_stored_only_as_returns_inside_their_period() {
    let (dir, inputs) = sample_copy();
    let out = dir.path().join("out");
    let server = serve_on(&inputs, &out, &["--max-upload-mb", "1"], &[]);
    let mut b = Browser::new(&server);
    ready(&mut b);
    let token = b.csrf("/nop");
    let before = files_under(&inputs);
    // Wrong type by name, by content; too large; a name of nothing.
    let big = {
        let mut v = b"PK\x03\x04".to_vec();
        v.resize(1024 * 1024 + 10, b'x');
        v
    };
    let r = b.upload(
        Some(&token),
        "2023-03",
        &[
            ("virus.exe", b"MZ\x90\x00"),
            ("gia.xlsx", b"<html>not a workbook</html>"),
            ("lon.xlsx", &big),
            ("..", b"PK\x03\x04"),
        ],
    );
    assert_eq!(r.status, 422);
    let text = r.text();
    assert!(text.contains("không phải file báo cáo"), "{text}");
    assert!(text.contains("đổi đuôi"));
    assert!(text.contains("lớn quá"));
    assert!(text.contains("tên file không dùng được"));
    assert_eq!(files_under(&inputs), before, "nothing refused was stored");
    // A period that does not exist.
    assert_eq!(
        b.upload(Some(&token), "../..", &[("a.xlsx", b"PK\x03\x04")])
            .status,
        422
    );
    // A real return, sent with names that climb out of INPUTS: stored inside
    // the period's folder under its last part, never replacing a file.
    let sample = std::fs::read(
        files_under(&inputs.join("2023-03"))
            .into_iter()
            .find(|p| p.extension().is_some_and(|e| e == "xlsx"))
            .unwrap(),
    )
    .unwrap();
    let r = b.upload(
        Some(&token),
        "2023-03",
        &[
            ("../../../thoat-ra.xlsx", &sample),
            ("/tmp/tuyet-doi.xlsx", &sample),
            (r"C:\Users\ai\BC moi.xlsx", &sample),
            (r"C:\Users\ai\BC moi.xlsx", &sample),
        ],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let period = inputs.join("2023-03");
    for name in [
        "thoat-ra.xlsx",
        "tuyet-doi.xlsx",
        "BC moi.xlsx",
        "BC moi (2).xlsx",
    ] {
        assert!(period.join(name).is_file(), "{name} stored in the period");
    }
    assert!(!dir.path().join("thoat-ra.xlsx").exists());
    let after = files_under(&inputs);
    let new: Vec<&PathBuf> = after.iter().filter(|p| !before.contains(p)).collect();
    assert_eq!(
        new.len(),
        4,
        "the four stored, no temporary file left: {new:?}"
    );
    assert!(new.iter().all(|p| p.parent() == Some(period.as_path())));
    // The run that followed read them: the page says so.
    assert!(r.text().contains("đã chạy lại"), "{}", r.text());
    drop(server);
}

#[test]
fn a_decision_is_written_to_quyet_dinh_rerun_and_undone() {
    let dir = tempdir();
    let inputs = dir.path().join("inputs");
    copy_dir(&root().join("tests/fixtures/hop-nhat"), &inputs);
    let out = dir.path().join("out");
    let server = serve_on(&inputs, &out, &[], &[]);
    let mut b = Browser::new(&server);
    ready(&mut b);
    let page = b.get("/xem-xet").text();
    // The pair the run left for review, side by side, with its two ids.
    let ids: Vec<String> = page
        .match_indices(r#"<div class="ma">"#)
        .map(|(at, m)| {
            let s = &page[at + m.len()..];
            s[..s.find('<').unwrap()].to_owned()
        })
        .collect();
    assert!(ids.len() >= 2, "{page}");
    let (a, c) = (ids[0].clone(), ids[1].clone());
    assert!(a.starts_with("MH-") && c.starts_with("MH-"), "{ids:?}");
    let token = b.csrf("/xem-xet");
    // Ids the page did not offer, kinds that do not exist: refused, said why.
    for (fields, words) in [
        (
            vec![
                ("quyet_dinh", "gop"),
                ("ma", "MH-0000000000"),
                ("ma2", c.as_str()),
            ],
            "không có trong danh sách",
        ),
        (
            vec![
                ("quyet_dinh", "doi_ten"),
                ("ma", "MH-khong-co"),
                ("gia_tri", "Tên"),
            ],
            "không có trong danh sách",
        ),
        (
            vec![("quyet_dinh", "xoa_het"), ("ma", a.as_str())],
            "Không có loại quyết định",
        ),
        (
            vec![
                ("quyet_dinh", "sua_cap"),
                ("ma", a.as_str()),
                ("gia_tri", "tinh"),
            ],
            "không có trong danh sách",
        ),
        (
            vec![("quyet_dinh", "gop"), ("ma", ""), ("ma2", c.as_str())],
            "Thiếu mã",
        ),
    ] {
        let mut f = fields.clone();
        f.push(("csrf", &token));
        let r = b.post("/xem-xet", &f);
        assert_eq!(r.status, 422, "{fields:?}");
        assert!(r.text().contains(words), "{fields:?}: «{words}»");
    }
    assert!(
        !inputs.join("quyet-dinh.xlsx").exists(),
        "nothing refused was written"
    );
    // Merge the pair: a row of quyet-dinh.xlsx, a run, the pair gone.
    let r = b.post(
        "/xem-xet",
        &[
            ("csrf", &token),
            ("quyet_dinh", "gop"),
            ("ma", &a),
            ("ma2", &c),
        ],
    );
    assert_eq!(r.status, 303);
    let book = inputs.join("quyet-dinh.xlsx");
    let rows = sheet(&book, "Quyết định");
    assert_eq!(
        rows[0][..4],
        ["Quyết định", "Mã", "Mã thứ hai", "Giá trị mới"]
    );
    assert_eq!(rows[1][..3], ["Gộp".to_owned(), a.clone(), c.clone()]);
    let after = b.get("/xem-xet").text();
    assert!(
        !after.contains(&format!(r#"name="ma2" value="{c}""#)),
        "the pair was decided"
    );
    let applied = std::fs::read_to_string(out.join("findings.csv")).unwrap();
    assert!(applied.contains("DECISION_APPLIED"), "the run applied it");
    // Undo: the row taken away, the pair offered again.
    let r = b.post("/xem-xet/hoan-tac", &[("csrf", &token)]);
    assert_eq!(r.status, 303);
    assert_eq!(
        sheet(&book, "Quyết định").len(),
        1,
        "only the header is left"
    );
    assert!(b
        .get("/xem-xet")
        .text()
        .contains(&format!(r#"name="ma2" value="{c}""#)));
    // Nothing more to undo.
    assert_eq!(b.post("/xem-xet/hoan-tac", &[("csrf", &token)]).status, 409);
    // The ambiguous category: choose one of the taxonomy's (not another).
    let page = b.get("/xem-xet").text();
    let at = page
        .find(r#"name="quyet_dinh" value="sua_loai""#)
        .expect("a category to choose");
    let rest = &page[at..];
    let m = rest.find(r#"name="ma" value=""#).unwrap() + r#"name="ma" value=""#.len();
    let id = rest[m..m + rest[m..].find('"').unwrap()].to_owned();
    let r = b.post(
        "/xem-xet",
        &[
            ("csrf", &token),
            ("quyet_dinh", "sua_loai"),
            ("ma", &id),
            ("gia_tri", "khong-phai-loai"),
        ],
    );
    assert_eq!(r.status, 422);
    let o = rest.find(r#"<option value=""#).unwrap() + r#"<option value=""#.len();
    let code = rest[o..o + rest[o..].find('"').unwrap()].to_owned();
    let r = b.post(
        "/xem-xet",
        &[
            ("csrf", &token),
            ("quyet_dinh", "sua_loai"),
            ("ma", &id),
            ("gia_tri", &code),
        ],
    );
    assert_eq!(r.status, 303);
    assert_eq!(
        sheet(&book, "Quyết định")[1][..4],
        ["Sửa loại".to_owned(), id, String::new(), code]
    );
    drop(server);
}

#[test]
fn on_the_network_every_page_asks_for_the_password_and_wrong_ones_are_limited() {
    let (dir, inputs) = sample_copy();
    let out = dir.path().join("out");
    // Without --lan, an address open to the network is refused.
    let o = run(&[
        "serve",
        inputs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--addr",
        "0.0.0.0:0",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--lan"), "{}", stderr(&o));
    let password = "mật khẩu của văn phòng";
    let server = serve_on(&inputs, &out, &["--lan"], &[("TONGHOP_PASSWORD", password)]);
    assert!(
        server.said.iter().any(|l| l.contains("mật khẩu đã đặt")),
        "{:?}",
        server.said
    );
    let mut b = Browser::new(&server);
    for path in [
        "/",
        "/don-vi",
        "/xem-xet",
        "/nop",
        "/tai-ve",
        "/tai-ve/summary.json",
    ] {
        let r = b.get(path);
        assert_eq!(r.status, 303, "{path}");
        assert_eq!(r.header("location"), Some("/dang-nhap"));
    }
    assert_eq!(
        b.post("/chay", &[]).status,
        303,
        "not even a form gets through"
    );
    let token = b.csrf("/dang-nhap");
    let wrong = b.post("/dang-nhap", &[("csrf", &token), ("ma", "đoán bừa")]);
    assert_eq!(wrong.status, 401);
    assert!(wrong.text().contains("không đúng"));
    assert_eq!(
        b.post("/dang-nhap", &[("ma", password)]).status,
        403,
        "a login needs its token too"
    );
    let before = b.cookie.clone();
    let ok = b.post("/dang-nhap", &[("csrf", &token), ("ma", password)]);
    assert_eq!(ok.status, 303);
    assert_ne!(b.cookie, before, "a new session after login");
    ready(&mut b);
    assert_eq!(b.get("/don-vi").status, 200);
    // A forged cookie is a new, logged-out session.
    let mut forged = Browser::new(&server);
    forged.cookie = Some(format!(
        "tonghop_phien={}.{}",
        "a".repeat(48),
        "0".repeat(64)
    ));
    assert_eq!(forged.get("/").status, 303);
    // Logged out: back to the login.
    let t = b.csrf("/don-vi");
    assert_eq!(b.post("/dang-xuat", &[("csrf", &t)]).status, 303);
    assert_eq!(b.get("/").status, 303);
    // Five wrong attempts, then even the right one waits.
    let mut c = Browser::new(&server);
    let t = c.csrf("/dang-nhap");
    for _ in 0..4 {
        assert_eq!(
            c.post("/dang-nhap", &[("csrf", &t), ("ma", "sai sai sai")])
                .status,
            401
        );
    }
    let barred = c.post("/dang-nhap", &[("csrf", &t), ("ma", password)]);
    assert_eq!(barred.status, 429);
    assert!(barred.text().contains("quá nhiều lần"));
    drop(server);
    // With no password given, a token is drawn, printed, and logs in.
    let server = serve_on(&inputs, &out, &["--lan"], &[]);
    let line = server
        .said
        .iter()
        .find(|l| l.contains("mã đăng nhập:"))
        .expect("the token printed");
    let token_printed = line.rsplit(": ").next().unwrap().trim().to_owned();
    let mut d = Browser::new(&server);
    let t = d.csrf("/dang-nhap");
    assert_eq!(
        d.post("/dang-nhap", &[("csrf", &t), ("ma", &token_printed)])
            .status,
        303
    );
    ready(&mut d);
    drop(server);
}

/// A return whose unit the roster does not know: the review page offers the
/// roster's units; choosing one writes an `Đơn vị` decision, and the next run
/// recognises the return by the name it was written with.
#[test]
fn a_return_of_an_unknown_unit_is_given_its_unit() {
    let (dir, inputs) = sample_copy();
    let folder = inputs.join("2023-03/Chi bo co so");
    let copy = folder.join("BC mo hinh - CB Tram KTTV.xlsx");
    std::fs::copy(folder.join("BC mo hinh - CB BQL KCN.xlsx"), &copy).unwrap();
    let mut renamed = false;
    edit_workbook(&copy, |_, rows| {
        for r in rows.iter_mut() {
            for c in r.iter_mut() {
                if let Cell::Text(t) = c {
                    if t == "CHI BỘ BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP" {
                        *t = "CHI BỘ TRẠM KHÍ TƯỢNG THỦY VĂN".to_owned();
                        renamed = true;
                    }
                }
            }
        }
        true
    });
    assert!(renamed, "the unit's line was found");
    let out = dir.path().join("out");
    let server = serve_on(&inputs, &out, &[], &[]);
    let mut b = Browser::new(&server);
    ready(&mut b);
    let unknown = || {
        std::fs::read_to_string(out.join("findings.csv"))
            .unwrap()
            .lines()
            .filter(|l| l.starts_with("UNIT_UNKNOWN") && l.contains("Tram KTTV"))
            .count()
    };
    assert_eq!(unknown(), 1, "the copy's unit is not recognised");
    let page = b.get("/xem-xet").text();
    assert!(
        page.contains("CHI BỘ TRẠM KHÍ TƯỢNG THỦY VĂN"),
        "listed for review"
    );
    assert!(page.contains(r#"value="don_vi""#), "with a unit to choose");
    let token = b.csrf("/xem-xet");
    let read = "CHI BỘ TRẠM KHÍ TƯỢNG THỦY VĂN";
    // A code the roster does not have, a name no return waits with: refused.
    for (code, name, words) in [
        ("DV999", read, "không phải mã đơn vị"),
        ("DV030", "Chi bộ không ai gửi", "Không có báo cáo nào"),
    ] {
        let r = b.post(
            "/xem-xet",
            &[
                ("csrf", &token),
                ("quyet_dinh", "don_vi"),
                ("ma", code),
                ("gia_tri", name),
            ],
        );
        assert_eq!(r.status, 422, "{code} {name}");
        assert!(r.text().contains(words));
    }
    // DV030 (Chi bộ Báo tỉnh) sent its own return too: the two are then one
    // unit's, and the later is counted — what matters here is the name.
    let r = b.post(
        "/xem-xet",
        &[
            ("csrf", &token),
            ("quyet_dinh", "don_vi"),
            ("ma", "DV030"),
            ("gia_tri", read),
        ],
    );
    assert_eq!(r.status, 303);
    let rows = sheet(&inputs.join("quyet-dinh.xlsx"), "Quyết định");
    assert_eq!(
        rows[1][..4],
        [
            "Đơn vị".to_owned(),
            "DV030".to_owned(),
            String::new(),
            read.to_owned()
        ]
    );
    assert_eq!(unknown(), 0, "recognised by the name decided");
    let findings = std::fs::read_to_string(out.join("findings.csv")).unwrap();
    assert!(
        findings
            .lines()
            .any(|l| l.starts_with("DECISION_APPLIED") && l.contains("DV030")),
        "the decision is said applied"
    );
    assert!(!b.get("/xem-xet").text().contains(r#"value="don_vi""#));
    drop(server);
}
