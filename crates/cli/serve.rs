//! `tonghop serve`: the pipeline handed to the server (`tonghop-serve`).

use anyhow::{bail, Context, Result};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

struct Pipeline {
    limits: tonghop_ingest::Limits,
}

impl tonghop_serve::Runner for Pipeline {
    fn run(&self, inputs: &Path, out: &Path) -> Result<tonghop_serve::Snapshot, String> {
        crate::pipeline::run_kept(inputs, out, self.limits).map_err(|e| format!("{e:#}"))
    }
}

// What `tonghop serve` is given (its command line; the help text is each
// field's comment).
#[derive(clap::Args)]
pub struct Options {
    /// Thư mục đầu vào (mặc định: inputs).
    #[arg(
        default_value = "inputs",
        value_name = "THƯ_MỤC_ĐẦU_VÀO",
        help_heading = "Đối số",
        hide_default_value = true
    )]
    pub inputs: PathBuf,
    /// Thư mục ghi kết quả (mặc định: outputs).
    #[arg(
        long,
        default_value = "outputs",
        value_name = "THƯ_MỤC",
        help_heading = "Tùy chọn",
        hide_default_value = true
    )]
    pub out: PathBuf,
    /// Địa chỉ và cổng để nghe (mặc định: 127.0.0.1:8080; với --lan: 0.0.0.0:8080).
    #[arg(long, value_name = "ĐỊA_CHỈ", help_heading = "Tùy chọn")]
    pub addr: Option<String>,
    /// Cho các máy khác trong mạng nội bộ mở (phải đăng nhập: mật khẩu, hoặc mã in ra khi khởi động).
    #[arg(long, help_heading = "Tùy chọn")]
    pub lan: bool,
    /// File chứa mật khẩu (dòng đầu, ít nhất 8 ký tự) cho --lan; hoặc biến môi trường TONGHOP_PASSWORD. Không có: in ra một mã đăng nhập.
    #[arg(long, value_name = "FILE", help_heading = "Tùy chọn", requires = "lan")]
    pub password_file: Option<PathBuf>,
    /// Mỗi file nộp qua trang Nộp báo cáo tối đa chừng này MB (mặc định: 20).
    #[arg(
        long,
        default_value_t = 20,
        value_name = "MB",
        help_heading = "Tùy chọn",
        hide_default_value = true
    )]
    pub max_upload_mb: usize,
}

pub fn run(options: Options, limits: tonghop_ingest::Limits) -> Result<()> {
    let Options {
        inputs,
        out,
        addr,
        lan,
        password_file,
        max_upload_mb,
    } = options;
    let default = if lan {
        "0.0.0.0:8080"
    } else {
        "127.0.0.1:8080"
    };
    let text = addr.as_deref().unwrap_or(default);
    let addr: SocketAddr = text.parse().ok().with_context(|| {
        format!("\"{text}\" không phải một địa chỉ nghe\ngợi ý: dạng 127.0.0.1:8080")
    })?;
    if !lan && !addr.ip().is_loopback() {
        bail!(
            "{addr} mở cho cả mạng, không chỉ máy này\ngợi ý: muốn các máy trong mạng nội bộ mở được, thêm --lan (phải đăng nhập)"
        );
    }
    if !inputs.is_dir() {
        bail!(
            "không thấy thư mục đầu vào \"{}\"\ngợi ý: tonghop serve <THƯ_MỤC_ĐẦU_VÀO>",
            inputs.display()
        );
    }
    // OUT is checked (never INPUTS, inside or around it, nor a folder of
    // someone else's files) before anything listens.
    drop(tonghop_out::OutDir::open(&out, Some(&inputs), || {})?);
    let access = if lan {
        let password = match password_file.as_deref() {
            Some(f) => Some(
                std::fs::read_to_string(f)
                    .with_context(|| format!("không đọc được file mật khẩu \"{}\"", f.display()))?
                    .lines()
                    .next()
                    .unwrap_or("")
                    .to_owned(),
            ),
            None => std::env::var("TONGHOP_PASSWORD").ok(),
        };
        match password {
            Some(p) => tonghop_serve::Access::password(&p).map_err(anyhow::Error::msg)?,
            None => tonghop_serve::Access::Token,
        }
    } else {
        tonghop_serve::Access::Local
    };
    let mut config = tonghop_serve::Config::new(inputs, out, addr, access);
    config.max_file = max_upload_mb.max(1).saturating_mul(1024 * 1024);
    tonghop_serve::serve(config, Arc::new(Pipeline { limits })).map_err(anyhow::Error::msg)
}
