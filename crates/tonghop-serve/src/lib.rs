//! `tonghop serve`: the outputs of a run as a local web application, and the
//! analyst's desk — units, review of what the run could not decide, uploads
//! of new returns, downloads — each page rendered here, every asset in the
//! binary.
//!
//! Safe by default: it listens on the loopback address unless `--lan` is
//! given, and then every page asks for a password (kept only as an Argon2id
//! hash) or a token printed at start. Sessions are signed cookies, every form
//! carries a CSRF token, failed logins are rate-limited per address, one run
//! at a time (one more waits), and no path outside INPUTS and OUT is read or
//! written.
//!
//! The pipeline itself is the binary's: it is handed in as a [`Runner`],
//! which runs it on INPUTS into OUT and gives back a [`Snapshot`] of what the
//! pages show.
#![deny(missing_docs)]

mod auth;
mod decisions;
mod files;
mod pages;
mod review;
mod runs;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tonghop_core::Finding;
use tonghop_reconcile::{Summary, UnitPeriod};

pub use auth::Access;
pub use files::clean_name;

/// A period as the pages need it.
#[derive(Debug, Clone)]
pub struct PeriodInfo {
    /// Period id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its folder under INPUTS.
    pub folder: String,
}

/// What one run gives the pages.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// `summary.json`.
    pub summary: Summary,
    /// Each unit in each period.
    pub units: Vec<UnitPeriod>,
    /// Every finding, sorted for reading.
    pub findings: Vec<Finding>,
    /// The periods, with their folders.
    pub periods: Vec<PeriodInfo>,
    /// The entity each reviewed finding's row became: (file, sheet, row) →
    /// (id, name).
    pub entity_at: HashMap<(String, String, u32), (String, String)>,
    /// The committee's name (blank when the reference has none).
    pub committee: String,
    /// The files written, relative to OUT.
    pub written: Vec<String>,
    /// The file counted for each (period, unit), relative to INPUTS.
    pub unit_files: HashMap<(String, String), String>,
    /// The roster: (code, name).
    pub roster: Vec<(String, String)>,
    /// For each return whose unit was not recognised (its file, relative to
    /// INPUTS): the roster units it may be, best first, (code, name).
    pub unit_candidates: HashMap<String, Vec<(String, String)>>,
}

/// Runs the pipeline on INPUTS into OUT.
pub trait Runner: Send + Sync + 'static {
    /// One run; the error in Vietnamese.
    ///
    /// # Errors
    /// When the run could not complete (no readable inputs, OUT not writable).
    fn run(&self, inputs: &Path, out: &Path) -> Result<Snapshot, String>;
}

/// How the server is started.
#[derive(Debug, Clone)]
pub struct Config {
    /// INPUTS.
    pub inputs: PathBuf,
    /// OUT.
    pub out: PathBuf,
    /// Where to listen.
    pub addr: SocketAddr,
    /// Who may use it.
    pub access: Access,
    /// The largest file an upload may hold.
    pub max_file: usize,
    /// The most files one upload may hold.
    pub max_files: usize,
}

impl Config {
    /// The defaults for INPUTS, OUT and an address.
    #[must_use]
    pub fn new(inputs: PathBuf, out: PathBuf, addr: SocketAddr, access: Access) -> Config {
        Config {
            inputs,
            out,
            addr,
            access,
            max_file: 20 * 1024 * 1024,
            max_files: 50,
        }
    }
}

/// The server's state, shared by every request.
pub(crate) struct App {
    pub config: Config,
    pub auth: auth::Auth,
    pub runs: runs::Runs,
    /// Decisions taken on the review page, for undo.
    pub taken: review::Taken,
    /// Held while the decisions file is rewritten.
    pub writing: std::sync::Mutex<()>,
}

/// The application's routes over `app` (the server's, and the tests').
pub(crate) fn router(app: Arc<App>) -> Router {
    let upload_limit = app
        .config
        .max_file
        .saturating_mul(app.config.max_files.min(8))
        + 64 * 1024;
    Router::new()
        .route("/", get(pages::dashboard))
        .route("/don-vi", get(pages::units))
        .route("/don-vi/{code}", get(pages::unit))
        .route("/xem-xet", get(review::show).post(review::decide))
        .route("/xem-xet/hoan-tac", post(review::undo))
        .route(
            "/nop",
            get(pages::upload_form)
                .post(pages::upload)
                .layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route("/chay", post(pages::rerun))
        .route("/tai-ve", get(pages::downloads))
        .route("/tai-ve/{*path}", get(pages::download))
        .route("/dang-nhap", get(auth::login_form).post(auth::login))
        .route("/dang-xuat", post(auth::logout))
        .route("/kieu.css", get(pages::style))
        .route("/favicon.ico", get(pages::no_icon))
        .fallback(pages::not_found)
        .layer(DefaultBodyLimit::max(64 * 1024))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            auth::middleware,
        ))
        .with_state(app)
}

/// Starts the server and serves until the process ends: prints where it
/// listens (and the token, when one is needed), runs the pipeline once, then
/// serves.
///
/// # Errors
/// When the address cannot be listened on, or the runtime cannot start.
pub fn serve(config: Config, runner: Arc<dyn Runner>) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .enable_time()
        .thread_name("tonghop-serve")
        .build()
        .map_err(|e| format!("không khởi động được máy chủ: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|e| {
                format!(
                    "không nghe được ở {}: {e}\ngợi ý: cổng đang bận? chọn cổng khác: --addr 127.0.0.1:8081",
                    config.addr
                )
            })?;
        let local = listener
            .local_addr()
            .map_err(|e| format!("không đọc được địa chỉ đang nghe: {e}"))?;
        let (auth, token) = auth::Auth::new(&config.access)?;
        let app = Arc::new(App {
            runs: runs::Runs::new(runner, config.inputs.clone(), config.out.clone()),
            auth,
            config,
            taken: review::Taken::default(),
            writing: std::sync::Mutex::new(()),
        });
        announce(&app, local, token.as_deref());
        app.runs.request();
        let service = router(app).into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, service)
            .await
            .map_err(|e| format!("máy chủ dừng vì lỗi: {e}"))
    })
}

fn announce(app: &App, local: SocketAddr, token: Option<&str>) {
    let host = if local.ip().is_unspecified() {
        "<địa chỉ máy này>".to_owned()
    } else {
        local.ip().to_string()
    };
    eprintln!(
        "tonghop đang phục vụ tại http://{host}:{}/ (đầu vào: {}, kết quả: {})",
        local.port(),
        app.config.inputs.display(),
        app.config.out.display()
    );
    match &app.config.access {
        Access::Local => eprintln!(
            "Chỉ máy này mở được (địa chỉ 127.0.0.1). Cho máy khác trong mạng nội bộ mở: thêm --lan"
        ),
        Access::Password(_) => {
            eprintln!("Máy khác trong mạng nội bộ mở được; đăng nhập bằng mật khẩu đã đặt.");
        }
        Access::Token => {
            if let Some(t) = token {
                eprintln!("Máy khác trong mạng nội bộ mở được; mã đăng nhập: {t}");
            }
        }
    }
    eprintln!("Dừng: Ctrl+C");
}
