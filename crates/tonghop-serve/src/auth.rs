//! Who may use the server, and the session of each browser.
//!
//! - On the loopback address (the default) nobody logs in, but a request must
//!   name the loopback host (`Host: 127.0.0.1:…` or `localhost`): a page of
//!   another site cannot reach it through a name it controls (DNS rebinding).
//! - With `--lan`, every page but the login asks for the password (kept as an
//!   Argon2id hash of a random salt, never as text) or the token printed at
//!   start (kept the same way). Five wrong attempts from one address in ten
//!   minutes close the login to it until they age; at most two hashes are
//!   computed at a time, so a flood of attempts costs neither memory nor the
//!   other users' pages.
//! - A session is a random id in a cookie signed with HMAC-SHA-256 under a key
//!   drawn at start (`HttpOnly`, `SameSite=Strict`), with whether it logged
//!   in and when it began (it lasts 12 hours); the CSRF token every form
//!   sends back is derived from it under the key. Logging in starts a new
//!   session (no fixation); logging out ends it for good.

use crate::App;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use hmac::{KeyInit, Mac};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

const COOKIE: &str = "tonghop_phien";
/// A session ends this long after it began.
const IDLE: Duration = Duration::from_secs(12 * 3600);
/// At most this many ended sessions, and addresses with failed logins, are
/// remembered.
const MAX_ENDED: usize = 100_000;
/// Wrong logins from one address within [`WINDOW`] before it must wait.
const MAX_FAILURES: usize = 5;
const WINDOW: Duration = Duration::from_secs(600);

/// Who may use the server.
#[derive(Clone)]
pub enum Access {
    /// Only this machine (the loopback address); no login.
    Local,
    /// The local network, with this password (its Argon2id hash).
    Password(Secret),
    /// The local network, with a token drawn at start and printed.
    Token,
}

impl std::fmt::Debug for Access {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Access::Local => "Local",
            Access::Password(_) => "Password(…)",
            Access::Token => "Token",
        })
    }
}

impl Access {
    /// The local network with `password`, hashed at once.
    ///
    /// # Errors
    /// When the password is too short to be one, or cannot be hashed.
    pub fn password(password: &str) -> Result<Access, String> {
        let password = password.trim_end_matches(['\r', '\n']);
        if password.chars().count() < 8 {
            return Err("mật khẩu phải có ít nhất 8 ký tự".to_owned());
        }
        Ok(Access::Password(Secret::of(password)?))
    }
}

/// A password or token as its Argon2id hash and salt.
#[derive(Clone)]
pub struct Secret {
    salt: [u8; 16],
    hash: [u8; 32],
}

impl Secret {
    fn of(text: &str) -> Result<Secret, String> {
        let salt: [u8; 16] = random()?;
        Ok(Secret {
            salt,
            hash: argon(text, &salt)?,
        })
    }

    fn matches(&self, text: &str) -> bool {
        argon(text, &self.salt).is_ok_and(|h| same(&h, &self.hash))
    }
}

fn argon(text: &str, salt: &[u8]) -> Result<[u8; 32], String> {
    let mut out = [0u8; 32];
    argon2::Argon2::default()
        .hash_password_into(text.as_bytes(), salt, &mut out)
        .map_err(|e| format!("không băm được mật khẩu: {e}"))?;
    Ok(out)
}

/// Equal bytes, compared in a time that does not depend on where they differ.
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn random<const N: usize>() -> Result<[u8; N], String> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).map_err(|e| format!("không lấy được số ngẫu nhiên: {e}"))?;
    Ok(b)
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// One browser's session.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    pub id: String,
    /// The token every form of this session sends back.
    pub csrf: String,
    /// Logged in (always, on the loopback address).
    pub authed: bool,
    /// When it began (seconds since the epoch), signed with it.
    issued: u64,
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The server's keys, the sessions ended before their time, failed logins.
///
/// A session lives in its cookie alone — `id.logged-in.issued.signature`,
/// the CSRF token derived from the id under the key — so that no number of
/// browsers (or of requests without a cookie) grows the server's memory;
/// only logouts are remembered, until the sessions they end would have
/// expired anyway.
pub(crate) struct Auth {
    /// HMAC-SHA-256 keyed with 32 random bytes drawn at start, cloned for
    /// each signature.
    mac: HmacSha256,
    secret: Option<Secret>,
    ended: Mutex<HashMap<String, u64>>,
    failures: Mutex<HashMap<IpAddr, Vec<Instant>>>,
    hashing: tokio::sync::Semaphore,
}

impl Auth {
    /// The keys for `access`; the token to print when one was drawn.
    pub(crate) fn new(access: &Access) -> Result<(Auth, Option<String>), String> {
        let (secret, token) = match access {
            Access::Local => (None, None),
            Access::Password(s) => (Some(s.clone()), None),
            Access::Token => {
                let t = hex(&random::<8>()?);
                let shown = format!("{}-{}-{}-{}", &t[0..4], &t[4..8], &t[8..12], &t[12..16]);
                (Some(Secret::of(&shown)?), Some(shown))
            }
        };
        Ok((
            Auth {
                mac: HmacSha256::new_from_slice(&random::<32>()?)
                    .map_err(|e| format!("không tạo được khóa ký phiên: {e}"))?,
                secret,
                ended: Mutex::new(HashMap::new()),
                failures: Mutex::new(HashMap::new()),
                hashing: tokio::sync::Semaphore::new(2),
            },
            token,
        ))
    }

    fn needs_login(&self) -> bool {
        self.secret.is_some()
    }

    fn sign(&self, what: &str) -> String {
        let mut mac = self.mac.clone();
        mac.update(what.as_bytes());
        hex(&mac.finalize().into_bytes())
    }

    fn session(&self, id: String, authed: bool, issued: u64) -> Session {
        Session {
            csrf: self.sign(&format!("csrf:{id}")),
            id,
            authed,
            issued,
        }
    }

    /// The session a cookie holds, when its signature holds, it is not too
    /// old and it was not ended.
    fn find(&self, headers: &HeaderMap) -> Option<Session> {
        let value = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .find_map(|c| c.trim().strip_prefix(COOKIE)?.strip_prefix('='))?;
        let (body, sig) = value.rsplit_once('.')?;
        if !same(self.sign(body).as_bytes(), sig.as_bytes()) {
            return None;
        }
        let mut parts = body.split('.');
        let (id, authed, issued) = (parts.next()?, parts.next()?, parts.next()?);
        let issued: u64 = issued.parse().ok()?;
        if now().saturating_sub(issued) > IDLE.as_secs() {
            return None;
        }
        if self
            .ended
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains_key(id)
        {
            return None;
        }
        Some(self.session(id.to_owned(), authed == "1", issued))
    }

    fn start(&self, authed: bool) -> Option<Session> {
        Some(self.session(hex(&random::<24>().ok()?), authed, now()))
    }

    fn end(&self, s: &Session) {
        let mut ended = self.ended.lock().unwrap_or_else(PoisonError::into_inner);
        let cutoff = now().saturating_sub(IDLE.as_secs());
        if ended.len() >= MAX_ENDED {
            ended.retain(|_, issued| *issued >= cutoff);
        }
        if ended.len() < MAX_ENDED {
            ended.insert(s.id.clone(), s.issued);
        }
    }

    fn cookie(&self, s: &Session) -> HeaderValue {
        let body = format!("{}.{}.{}", s.id, u8::from(s.authed), s.issued);
        HeaderValue::from_str(&format!(
            "{COOKIE}={body}.{}; Path=/; HttpOnly; SameSite=Strict",
            self.sign(&body)
        ))
        .unwrap_or_else(|_| HeaderValue::from_static(""))
    }

    /// How long `ip` must wait before trying again, if it must.
    fn barred(&self, ip: IpAddr) -> Option<Duration> {
        let mut f = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        let list = f.entry(ip).or_default();
        list.retain(|t| t.elapsed() < WINDOW);
        (list.len() >= MAX_FAILURES).then(|| WINDOW.saturating_sub(list[0].elapsed()))
    }

    fn failed(&self, ip: IpAddr) {
        let mut f = self.failures.lock().unwrap_or_else(PoisonError::into_inner);
        if f.len() > MAX_ENDED {
            f.retain(|_, l| l.iter().any(|t| t.elapsed() < WINDOW));
        }
        f.entry(ip).or_default().push(Instant::now());
    }
}

/// Whether `token` is the session's CSRF token.
pub(crate) fn csrf_ok(s: &Session, token: Option<&str>) -> bool {
    token.is_some_and(|t| same(t.as_bytes(), s.csrf.as_bytes()))
}

/// Whether a request names this machine: `localhost`, `127.x.x.x` or `[::1]`,
/// with any port.
fn local_host(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(h, _)| h)
    };
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Every request: the host checked (loopback only), the session found or
/// started, the login asked for, the headers that keep pages to themselves.
pub(crate) async fn middleware(
    State(app): State<Arc<App>>,
    mut req: Request,
    next: Next,
) -> Response {
    let local = matches!(app.config.access, Access::Local);
    if local && !local_host(req.headers()) {
        return crate::pages::problem(
            StatusCode::MISDIRECTED_REQUEST,
            "Địa chỉ không hợp lệ",
            "Máy chủ này chỉ mở cho chính máy này: dùng địa chỉ http://127.0.0.1:… hoặc http://localhost:…",
        );
    }
    let (session, fresh) = match app.auth.find(req.headers()) {
        Some(s) => (s, false),
        None => match app.auth.start(local) {
            Some(s) => (s, true),
            None => {
                return crate::pages::problem(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "Không tạo được phiên làm việc",
                    "Máy không cho số ngẫu nhiên; thử lại sau",
                )
            }
        },
    };
    let path = req.uri().path();
    let open = path == "/dang-nhap" || path == "/kieu.css";
    let mut res = if app.auth.needs_login() && !session.authed && !open {
        crate::pages::see_other("/dang-nhap")
    } else {
        req.extensions_mut().insert(session.clone());
        next.run(req).await
    };
    let h = res.headers_mut();
    if fresh && !h.contains_key(header::SET_COOKIE) {
        h.insert(header::SET_COOKIE, app.auth.cookie(&session));
    }
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            ),
        );
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// `GET /dang-nhap`.
pub(crate) async fn login_form(
    State(app): State<Arc<App>>,
    Extension(s): Extension<Session>,
) -> Response {
    if !app.auth.needs_login() || s.authed {
        return crate::pages::see_other("/");
    }
    crate::pages::login(&s, None, StatusCode::OK)
}

/// `POST /dang-nhap`: the password or token, the CSRF token.
pub(crate) async fn login(
    State(app): State<Arc<App>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Extension(s): Extension<Session>,
    crate::pages::Fields(form): crate::pages::Fields,
) -> Response {
    if !app.auth.needs_login() {
        return crate::pages::see_other("/");
    }
    if !csrf_ok(&s, form.get("csrf").map(String::as_str)) {
        return crate::pages::csrf_refused();
    }
    if let Some(wait) = app.auth.barred(peer.ip()) {
        return crate::pages::login(
            &s,
            Some(&format!(
                "Đăng nhập sai quá nhiều lần từ máy này; thử lại sau {} phút.",
                wait.as_secs() / 60 + 1
            )),
            StatusCode::TOO_MANY_REQUESTS,
        );
    }
    let given = form.get("ma").cloned().unwrap_or_default();
    let Some(secret) = app.auth.secret.clone() else {
        return crate::pages::see_other("/");
    };
    let ok = match app.auth.hashing.acquire().await {
        Ok(_permit) => tokio::task::spawn_blocking(move || secret.matches(given.trim()))
            .await
            .unwrap_or(false),
        Err(_) => false,
    };
    if !ok {
        app.auth.failed(peer.ip());
        return crate::pages::login(
            &s,
            Some("Mật khẩu hoặc mã đăng nhập không đúng."),
            StatusCode::UNAUTHORIZED,
        );
    }
    app.auth.end(&s);
    let Some(fresh) = app.auth.start(true) else {
        return crate::pages::see_other("/dang-nhap");
    };
    let mut res = crate::pages::see_other("/");
    res.headers_mut()
        .insert(header::SET_COOKIE, app.auth.cookie(&fresh));
    res
}

/// `POST /dang-xuat`.
pub(crate) async fn logout(
    State(app): State<Arc<App>>,
    Extension(s): Extension<Session>,
    crate::pages::Fields(form): crate::pages::Fields,
) -> Response {
    if !csrf_ok(&s, form.get("csrf").map(String::as_str)) {
        return crate::pages::csrf_refused();
    }
    app.auth.end(&s);
    let mut res = crate::pages::see_other(if app.auth.needs_login() {
        "/dang-nhap"
    } else {
        "/"
    });
    res.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static("tonghop_phien=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"),
    );
    res.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_kept_only_as_its_hash_and_matches_itself_alone() {
        let Access::Password(s) = Access::password("mật khẩu dài").unwrap() else {
            panic!("a password");
        };
        assert!(s.matches("mật khẩu dài"));
        assert!(!s.matches("mật khẩu dai"));
        assert!(!s.hash.windows(4).any(|w| w == b"m\xe1\xba"));
        assert!(Access::password("ngắn").is_err());
        assert_eq!(
            format!("{:?}", Access::password("mật khẩu dài").unwrap()),
            "Password(…)"
        );
    }

    #[test]
    fn only_the_loopback_host_is_local() {
        let h = |v: &str| {
            let mut m = HeaderMap::new();
            m.insert(header::HOST, HeaderValue::from_str(v).unwrap());
            local_host(&m)
        };
        assert!(h("127.0.0.1:8080") && h("localhost:8080") && h("[::1]:8080") && h("localhost"));
        assert!(!h("evil.example:8080") && !h("192.168.1.5:8080") && !h("127.0.0.1.evil.example"));
        assert!(!local_host(&HeaderMap::new()));
    }

    #[test]
    fn a_cookie_whose_signature_does_not_hold_names_no_session() {
        let (auth, _) = Auth::new(&Access::Local).unwrap();
        let s = auth.start(true).unwrap();
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, auth.cookie(&s));
        assert_eq!(auth.find(&h).map(|x| x.id), Some(s.id.clone()));
        let forged = format!("{COOKIE}={}.1.{}.{}", s.id, s.issued, "0".repeat(64));
        h.insert(header::COOKIE, HeaderValue::from_str(&forged).unwrap());
        assert!(auth.find(&h).is_none());
        // A logged-out cookie made to say «logged in» no longer holds.
        let out = auth.start(false).unwrap();
        let real = auth.cookie(&out).to_str().unwrap().to_owned();
        let lifted = real.replacen(&format!("{}.0.", out.id), &format!("{}.1.", out.id), 1);
        assert_ne!(real, lifted);
        h.insert(
            header::COOKIE,
            HeaderValue::from_str(lifted.split(';').next().unwrap()).unwrap(),
        );
        assert!(auth.find(&h).is_none());
        // An ended session stays ended.
        h.insert(header::COOKIE, auth.cookie(&s));
        auth.end(&s);
        assert!(auth.find(&h).is_none());
        assert!(csrf_ok(&s, Some(&s.csrf)));
        assert!(!csrf_ok(&s, Some("x")) && !csrf_ok(&s, None));
    }

    #[test]
    fn logins_are_barred_after_five_failures_from_one_address() {
        let (auth, token) = Auth::new(&Access::Token).unwrap();
        assert_eq!(token.unwrap().len(), 19);
        let ip: IpAddr = "10.0.0.7".parse().unwrap();
        for _ in 0..MAX_FAILURES {
            assert!(auth.barred(ip).is_none());
            auth.failed(ip);
        }
        assert!(auth.barred(ip).is_some());
        assert!(auth.barred("10.0.0.8".parse().unwrap()).is_none());
    }
}
