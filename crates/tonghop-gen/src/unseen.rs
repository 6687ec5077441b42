//! Returns in layouts and words the reader was never shown (issue 18).
//!
//! Each return draws its habits independently on every [`DIMENSIONS`] entry:
//! format and writer, file name, title block, unit line, date, column order,
//! header rows, key row, level as word or tick, category wording or blank,
//! sections or sheets, numbering, stated totals, merged owners, honorifics,
//! letter case, encoding, blank lines, footer, and the wording of every header
//! and value. Every word pool is split in two halves ([`Words`]): the reader's
//! vocabulary may hold words of the seen half only (a test checks that no word
//! of [`held_out_words`] is in it), so a corpus drawn with
//! [`Words::HeldOut`] measures generalisation, not memory.
//!
//! What leaves: an INPUTS folder (`danh-muc.xlsx`, one period folder) and an
//! [`UnseenTruth`]: every return's habits and the entities it really lists.
//! [`score`] compares what a reader made of them and gives the error rate of
//! each dimension's options.

use crate::names::{self, Sector};
use crate::rng::Rng;
use crate::world::Unit;
use crate::{err, GenError};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use tonghop_core::{Date, Level};
use tonghop_text::legacy::{encode, Legacy};
use unicode_normalization::UnicodeNormalization;

/// Which half of the word pools a corpus is written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Words {
    /// Words the reader's vocabulary may hold.
    Seen,
    /// Words kept out of the vocabulary.
    HeldOut,
    /// A third set, kept out of the vocabulary too, written after the reader's
    /// rules and measured once before any rule was made from it.
    Fresh,
}

/// One habit dimension and its options.
pub struct Dimension {
    /// Name (Vietnamese, without diacritics: a column of the report).
    pub name: &'static str,
    /// What it varies, in words.
    pub about: &'static str,
    /// The options a return draws from (value pools are their own options).
    pub options: &'static [&'static str],
}

macro_rules! dim {
    ($name:literal, $about:literal, [$($o:literal),* $(,)?]) => {
        Dimension { name: $name, about: $about, options: &[$($o),*] }
    };
}

/// Every dimension drawn for each return. Dimensions of wording (`cot_*`,
/// `chu_*`) draw from the pool of the corpus's half; their options are the
/// words themselves and are not listed here.
pub const DIMENSIONS: &[Dimension] = &[
    dim!(
        "dinh_dang",
        "định dạng và phần mềm ghi",
        ["xlsx/rust_xlsxwriter", "xls/LibreOffice", "ods/LibreOffice"]
    ),
    dim!(
        "ten_file",
        "tên file",
        [
            "co_dau",
            "khong_dau",
            "viet_tat",
            "chung_chung_thu_muc_don_vi"
        ]
    ),
    dim!(
        "phan_dau",
        "phần đầu văn bản",
        ["hai_ben", "chi_don_vi", "khong_co"]
    ),
    dim!(
        "dong_don_vi",
        "dòng tên đơn vị",
        ["chu_hoa", "chu_thuong", "viet_tat", "ten_ngan"]
    ),
    dim!(
        "ngay",
        "ngày ký: cách viết và chỗ",
        ["dia_danh_ngay", "so", "cuoi_van_ban", "khong_co"]
    ),
    dim!("thu_tu_cot", "thứ tự cột", ["chuan", "dao"]),
    dim!("dong_tieu_de", "số dòng tiêu đề cột", ["mot", "hai"]),
    dim!(
        "dong_khoa",
        "dòng đánh số cột",
        ["khong", "ngoac", "chu_so"]
    ),
    dim!("cap", "cấp ghi bằng chữ hay đánh dấu", ["chu", "danh_dau"]),
    dim!(
        "linh_vuc",
        "lĩnh vực ghi ra hay bỏ trống",
        ["ghi", "bo_trong"]
    ),
    dim!(
        "bo_cuc",
        "một sheet có mục hay mỗi danh sách một sheet",
        ["muc", "hai_sheet", "hai_sheet_huong_dan"]
    ),
    dim!("danh_so", "số thứ tự", ["1", "01", "1.", "khong"]),
    dim!(
        "tong",
        "tổng số nêu ra",
        ["khong", "dong_cong", "cau", "mot_o_hai_doi_tuong"]
    ),
    dim!(
        "gop_o",
        "đơn vị thực hiện gộp ô theo chiều dọc",
        ["khong", "gop_doc"]
    ),
    dim!("danh_xung", "danh xưng trước họ tên", ["khong", "co"]),
    dim!("chu_hoa_ten", "họ tên viết hoa", ["thuong", "hoa"]),
    dim!("bang_ma", "bảng mã", ["nfc", "nfd", "tcvn3", "vni"]),
    dim!("dong_trong", "dòng trống xen giữa", ["khong", "xen_ke"]),
    dim!("cuoi", "phần cuối văn bản", ["chuan", "khong", "nguoi_lap"]),
];

/// A pool of words in its parts: the one the vocabulary may hold, the
/// held-out one, the fresh one.
struct Pool {
    seen: &'static [&'static str],
    held: &'static [&'static str],
    fresh: &'static [&'static str],
}

impl Pool {
    fn half(&self, w: Words) -> &'static [&'static str] {
        match w {
            Words::Seen => self.seen,
            Words::HeldOut => self.held,
            Words::Fresh => self.fresh,
        }
    }
}

macro_rules! pool {
    ([$($s:literal),* $(,)?], [$($h:literal),* $(,)?], [$($f:literal),* $(,)?]) => {
        Pool { seen: &[$($s),*], held: &[$($h),*], fresh: &[$($f),*] }
    };
}

/// Header words by role: (dimension, pool).
const HEADERS: &[(&str, Pool)] = &[
    (
        "cot_stt",
        pool!(
            ["STT", "TT", "Số TT"],
            ["Số th.tự", "Thứ tự số", "Số hiệu"],
            ["Số mục", "TT mục", "Thứ tự dòng"]
        ),
    ),
    (
        "cot_ten_mo_hinh",
        pool!(
            ["Tên mô hình", "Tên mô hình, cách làm", "Mô hình"],
            [
                "Tên gọi mô hình",
                "Nội dung mô hình",
                "Mô hình, cách làm hay",
                "Tên các mô hình"
            ],
            [
                "Tên mô hình, điển hình tập thể",
                "Mô hình đăng ký",
                "Tên công trình, mô hình",
                "Tên sáng kiến, mô hình"
            ]
        ),
    ),
    (
        "cot_don_vi_thuc_hien",
        pool!(
            ["Đơn vị thực hiện", "Chủ thể", "Đơn vị chủ trì"],
            [
                "Đơn vị áp dụng",
                "Nơi thực hiện",
                "Tập thể, bộ phận thực hiện",
                "Cơ quan, đơn vị thực hiện"
            ],
            [
                "Tập thể đăng ký",
                "Đơn vị đăng ký thực hiện",
                "Bộ phận chủ trì",
                "Nơi áp dụng"
            ]
        ),
    ),
    (
        "cot_linh_vuc",
        pool!(
            ["Lĩnh vực", "Loại mô hình", "Nhóm"],
            [
                "Thuộc lĩnh vực",
                "Phân loại",
                "Mảng, lĩnh vực",
                "Thuộc nhóm"
            ],
            [
                "Ngành, lĩnh vực",
                "Thuộc loại",
                "Nhóm lĩnh vực",
                "Lĩnh vực hoạt động"
            ]
        ),
    ),
    (
        "cot_cap",
        pool!(
            ["Cấp", "Cấp đăng ký"],
            ["Cấp công nhận", "Đăng ký cấp", "Cấp xét chọn", "Cấp độ"],
            ["Cấp đề nghị", "Đề nghị cấp", "Cấp quản lý", "Mức đăng ký"]
        ),
    ),
    (
        "cot_ho_ten",
        pool!(
            ["Họ và tên", "Họ tên"],
            [
                "Họ và tên cá nhân",
                "Tên đồng chí",
                "Họ tên người được đăng ký",
                "Tên cán bộ, đảng viên"
            ],
            [
                "Họ tên cá nhân đăng ký",
                "Tên người đăng ký",
                "Cá nhân điển hình",
                "Cá nhân được đăng ký"
            ]
        ),
    ),
    (
        "cot_chuc_vu",
        pool!(
            ["Chức vụ", "Chức danh"],
            [
                "Chức vụ hiện nay",
                "Vị trí công tác",
                "Nghề nghiệp, chức vụ"
            ],
            [
                "Chức vụ, chức danh",
                "Cương vị công tác",
                "Chức vụ Đảng, chính quyền"
            ]
        ),
    ),
    (
        "cot_noi_cong_tac",
        pool!(
            ["Đơn vị công tác", "Nơi công tác", "Đơn vị"],
            [
                "Nơi làm việc",
                "Cơ quan, đơn vị công tác",
                "Đơn vị đang công tác"
            ],
            [
                "Cơ quan nơi làm việc",
                "Đơn vị, nơi công tác",
                "Công tác tại"
            ]
        ),
    ),
    (
        "cot_ghi_chu",
        pool!(
            ["Ghi chú"],
            ["Chú thích", "Ý kiến khác"],
            ["Ghi chú khác", "Lưu ý"]
        ),
    ),
];

/// Level words: each option a set (province, bloc, grassroots).
const LEVEL_SETS: &[(&str, [&str; 3])] = &[
    ("s1", ["Tỉnh", "Khối", "Cơ sở"]),
    ("s2", ["Cấp tỉnh", "Cấp Khối", "Cấp cơ sở"]),
    ("s3", ["Tỉnh", "ĐUK", "CS"]),
    ("h1", ["Tỉnh ủy", "ĐU Khối", "Đảng ủy cơ sở"]),
    (
        "h2",
        ["Tỉnh công nhận", "Khối công nhận", "Cơ sở công nhận"],
    ),
    ("h3", ["Cấp tỉnh (UBND)", "Đảng bộ Khối", "Đơn vị cơ sở"]),
    (
        "f1",
        [
            "Cấp tỉnh ủy",
            "Cấp Đảng ủy Khối CCQ",
            "Cấp chi, đảng bộ cơ sở",
        ],
    ),
    ("f2", ["UBND tỉnh", "Đảng bộ Khối CCQ", "Cơ sở (chi bộ)"]),
];

/// Category labels by code: (code, seen, held out).
const CATEGORY_WORDS: &[(&str, Pool)] = &[
    (
        "to_chuc_dang",
        pool!(
            ["Tổ chức cơ sở đảng", "TCCS đảng"],
            ["Xây dựng Đảng", "Công tác Đảng"],
            ["Công tác xây dựng Đảng", "Xây dựng tổ chức đảng"]
        ),
    ),
    (
        "san_xuat_kinh_doanh",
        pool!(
            ["Sản xuất - kinh doanh", "SXKD"],
            ["Hoạt động sản xuất", "Lĩnh vực kinh doanh"],
            ["Sản xuất và kinh doanh", "Kinh tế - sản xuất"]
        ),
    ),
    (
        "giao_duc",
        pool!(
            ["Giáo dục - Đào tạo", "GD-ĐT"],
            ["Ngành giáo dục", "Giáo dục và đào tạo nghề"],
            ["Giáo dục phổ thông", "Đào tạo, bồi dưỡng"]
        ),
    ),
    (
        "y_te",
        pool!(
            ["Y tế", "Chăm sóc sức khỏe"],
            ["Ngành y tế", "Y tế - Dân số"],
            ["Y tế, chăm sóc sức khỏe", "Bệnh viện, trạm y tế"]
        ),
    ),
    (
        "hoi_doan_the",
        pool!(
            ["Đoàn thể", "Hội, đoàn thể"],
            ["Đoàn thể quần chúng", "Các đoàn thể chính trị - xã hội"],
            ["Công tác đoàn thể", "Mặt trận, đoàn thể"]
        ),
    ),
    (
        "co_quan_don_vi",
        pool!(
            ["Cơ quan, đơn vị"],
            [
                "Khối cơ quan, đơn vị sự nghiệp",
                "Cơ quan hành chính, đơn vị"
            ],
            ["Xây dựng cơ quan", "Cơ quan vững mạnh"]
        ),
    ),
    (
        "cai_cach_hanh_chinh",
        pool!(
            ["Cải cách hành chính", "CCHC"],
            ["Cải cách hành chánh", "Đổi mới hành chính công"],
            ["CC thủ tục hành chính", "Hành chính công"]
        ),
    ),
    (
        "van_hoa_cong_so",
        pool!(
            ["Văn hóa công sở"],
            ["Văn hoá nơi công sở", "Nếp sống văn hoá công sở"],
            ["Văn hóa nơi làm việc", "Nếp sống công sở"]
        ),
    ),
    (
        "nam_s",
        pool!(
            ["5S"],
            ["Thực hành 5S", "Chương trình 5 S"],
            ["Phương pháp 5S", "5S nơi làm việc"]
        ),
    ),
];

/// Model names that say their category, for returns that leave it blank.
const TELLING_NAMES: &[(&str, &[&str])] = &[
    (
        "to_chuc_dang",
        &[
            "Nâng cao chất lượng sinh hoạt chi bộ",
            "Đảng viên gương mẫu nơi cư trú",
            "Chi bộ trong sạch, vững mạnh",
        ],
    ),
    (
        "giao_duc",
        &[
            "Đổi mới phương pháp giáo dục",
            "Nâng cao chất lượng đào tạo nghề",
            "Giáo dục kỹ năng sống cho học sinh",
        ],
    ),
    (
        "y_te",
        &[
            "Nâng cao chất lượng khám chữa bệnh",
            "Chăm sóc sức khỏe người cao tuổi",
            "Y tế học đường",
        ],
    ),
    (
        "cai_cach_hanh_chinh",
        &[
            "Cải cách thủ tục hành chính một cửa",
            "Giải quyết thủ tục hành chính trực tuyến",
        ],
    ),
    (
        "van_hoa_cong_so",
        &["Xây dựng văn hóa công sở", "Văn hóa công sở kiểu mẫu"],
    ),
    (
        "nam_s",
        &["Thực hành 5S tại phòng làm việc", "Áp dụng 5S nơi làm việc"],
    ),
];

/// Total words: a label of a `Cộng` row.
const TOTAL_WORDS: Pool = pool!(
    ["Cộng", "Tổng cộng", "Tổng số"],
    ["Cộng chung", "Tất cả", "Tổng toàn đơn vị"],
    ["Tổng chung", "Cộng toàn bộ", "Gộp chung"]
);
/// Section lines (models, exemplars).
const SECTIONS: &[(&str, [&str; 2])] = &[
    ("s1", ["I. MÔ HÌNH TẬP THỂ", "II. ĐIỂN HÌNH CÁ NHÂN"]),
    (
        "s2",
        ["1. Danh sách mô hình", "2. Danh sách điển hình tiên tiến"],
    ),
    (
        "h1",
        [
            "A. CÁC MÔ HÌNH, CÁCH LÀM HAY",
            "B. CÁC GƯƠNG CÁ NHÂN TIÊU BIỂU",
        ],
    ),
    (
        "h2",
        [
            "Phần thứ nhất: Tập thể tiêu biểu",
            "Phần thứ hai: Cá nhân tiêu biểu",
        ],
    ),
    ("f1", ["I- Mô hình", "II- Điển hình"]),
    ("f2", ["Phần I. Tập thể", "Phần II. Cá nhân"]),
];
/// Footer labels: (left, right).
const FOOTERS: &[(&str, [&str; 2])] = &[
    ("s1", ["Nơi nhận:", "T/M BAN THƯỜNG VỤ"]),
    ("s2", ["Người lập biểu", "T/M CHI ỦY"]),
    ("h1", ["Người tổng hợp", "THỦ TRƯỞNG ĐƠN VỊ"]),
    ("h2", ["Người báo cáo", "XÁC NHẬN CỦA CẤP ỦY"]),
    ("f1", ["Nơi gửi:", "TM. CHI BỘ"]),
    ("f2", ["Cán bộ tổng hợp", "TM. BAN CHẤP HÀNH"]),
];
/// Honorifics before a person's name.
const HONORIFICS: Pool = pool!(
    ["Đ/c", "Ông", "Bà", "ThS."],
    ["Cô giáo", "Thầy giáo", "Bác sỹ", "Đ.chí"],
    ["Nhà giáo", "Kiểm sát viên", "Điều dưỡng viên", "Nghệ nhân"]
);

fn pick_half<'a, T>(all: &'a [(&'a str, T)], w: Words) -> Vec<&'a (&'a str, T)> {
    let prefix = match w {
        Words::Seen => 's',
        Words::HeldOut => 'h',
        Words::Fresh => 'f',
    };
    all.iter().filter(|(k, _)| k.starts_with(prefix)).collect()
}

/// Every word of the held-out and the fresh parts (headers, values,
/// totals, sections, footers, honorifics): none of them may be in the
/// reader's vocabulary.
#[must_use]
pub fn held_out_words() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for (_, p) in HEADERS.iter().chain(CATEGORY_WORDS) {
        out.extend(p.held);
        out.extend(p.fresh);
    }
    for p in [&TOTAL_WORDS, &HONORIFICS] {
        out.extend(p.held);
        out.extend(p.fresh);
    }
    for (k, set) in LEVEL_SETS {
        if k.starts_with(['h', 'f']) {
            out.extend(set);
        }
    }
    for (k, set) in SECTIONS.iter().chain(FOOTERS) {
        if k.starts_with(['h', 'f']) {
            out.extend(set);
        }
    }
    out
}

/// One entity as the return really lists it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TrueEntity {
    /// `model` or `exemplar`.
    pub kind: String,
    /// Name (without honorific, usual case).
    pub name: String,
    /// Implementing unit or workplace.
    pub owner: String,
    /// Level code.
    pub level: String,
    /// Category code (models; empty for exemplars).
    pub category: String,
}

/// One return: where it is, whose it is, its habits and its entities.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TrueReturn {
    /// Path relative to INPUTS, `/`-separated.
    pub file: String,
    /// Roster code of the sending unit.
    pub unit: String,
    /// Dimension → option drawn.
    pub habits: BTreeMap<String, String>,
    /// The entities listed.
    pub entities: Vec<TrueEntity>,
}

/// What an unseen corpus really holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnseenTruth {
    /// Seed.
    pub seed: u64,
    /// Half of the pools used.
    pub words: Words,
    /// Every return.
    pub returns: Vec<TrueReturn>,
}

/// The single period of an unseen corpus.
pub const PERIOD: &str = "2023-12";
const DEADLINE: (i32, u32, u32) = (2023, 12, 20);

/// Writes `n` returns (of `n` units) into `out` with the words of `words`.
/// Formats other than .xlsx are written only when `libreoffice` is true (they
/// are converted by `soffice`); otherwise every return is .xlsx and the
/// format dimension says so.
///
/// # Errors
/// When a file cannot be written or LibreOffice fails.
pub fn generate(
    out: &Path,
    n: usize,
    seed: u64,
    words: Words,
    libreoffice: bool,
) -> Result<UnseenTruth, GenError> {
    let mut rng = Rng::new(seed ^ 0x005e_ed18);
    let units = crate::world::roster_of(n);
    let period_dir = out.join(PERIOD);
    std::fs::create_dir_all(&period_dir).map_err(err)?;
    write_reference(&out.join("danh-muc.xlsx"), &units).map_err(err)?;
    let mut returns = Vec::with_capacity(n);
    let mut to_convert: Vec<(usize, &'static str)> = Vec::new();
    for (u, unit) in units.iter().enumerate() {
        let mut habits: BTreeMap<String, String> = BTreeMap::new();
        for d in DIMENSIONS {
            let mut o = d.options[rng.below(d.options.len())];
            if d.name == "dinh_dang" && !libreoffice {
                o = d.options[0];
            }
            habits.insert(d.name.to_owned(), o.to_owned());
        }
        // Wording, one word per role from the corpus's half.
        for (dim, p) in HEADERS {
            let half = p.half(words);
            habits.insert((*dim).to_owned(), half[rng.below(half.len())].to_owned());
        }
        let sets = pick_half(LEVEL_SETS, words);
        habits.insert("chu_cap".into(), sets[rng.below(sets.len())].0.to_owned());
        let secs = pick_half(SECTIONS, words);
        habits.insert("chu_muc".into(), secs[rng.below(secs.len())].0.to_owned());
        let foots = pick_half(FOOTERS, words);
        habits.insert(
            "chu_cuoi".into(),
            foots[rng.below(foots.len())].0.to_owned(),
        );
        let tw = TOTAL_WORDS.half(words);
        habits.insert("chu_tong".into(), tw[rng.below(tw.len())].to_owned());
        let hw = HONORIFICS.half(words);
        habits.insert("chu_danh_xung".into(), hw[rng.below(hw.len())].to_owned());
        let doc = Doc::draw(unit, &habits, words, &mut rng);
        let (rel, path) = file_path(&period_dir, unit, &habits, u);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(err)?;
        }
        write_return(&path, &doc, &habits).map_err(err)?;
        let fmt = habits["dinh_dang"].as_str();
        let mut rel = format!("{PERIOD}/{rel}");
        if let Some(ext) = fmt.split('/').next().filter(|e| *e != "xlsx") {
            to_convert.push((returns.len(), if ext == "xls" { "xls" } else { "ods" }));
            rel = format!("{}.{ext}", rel.trim_end_matches(".xlsx"));
        }
        returns.push(TrueReturn {
            file: rel,
            unit: unit.code.clone(),
            entities: doc.truth(),
            habits,
        });
    }
    if !to_convert.is_empty() {
        convert(out, &returns, &to_convert)?;
    }
    Ok(UnseenTruth {
        seed,
        words,
        returns,
    })
}

fn convert(out: &Path, returns: &[TrueReturn], which: &[(usize, &str)]) -> Result<(), GenError> {
    // One LibreOffice start per folder and format.
    let mut groups: BTreeMap<(std::path::PathBuf, &str), Vec<std::path::PathBuf>> = BTreeMap::new();
    for &(i, ext) in which {
        let target = out.join(&returns[i].file);
        let source = target.with_extension("xlsx");
        let dir = target.parent().unwrap_or(out).to_path_buf();
        groups.entry((dir, ext)).or_default().push(source);
    }
    for ((dir, ext), files) in groups {
        let fmt = if ext == "xls" {
            "xls:MS Excel 97"
        } else {
            "ods"
        };
        for batch in files.chunks(200) {
            let status = std::process::Command::new("soffice")
                .args(["--headless", "--calc", "--convert-to", fmt, "--outdir"])
                .arg(&dir)
                .args(batch)
                .output()
                .map_err(|e| err(format!("soffice: {e}")))?;
            for f in batch {
                if !status.status.success() || !f.with_extension(ext).exists() {
                    return Err(err(format!("soffice could not convert {}", f.display())));
                }
                std::fs::remove_file(f).map_err(err)?;
            }
        }
    }
    Ok(())
}

fn fold_ascii(s: &str) -> String {
    s.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

fn kind_abbrev(unit: &Unit) -> &'static str {
    match unit.kind {
        names::DB => "ĐBCS",
        names::CB => "CB",
        _ => "",
    }
}

/// The file's place: `(relative to the period folder, full path)`.
fn file_path(
    period_dir: &Path,
    unit: &Unit,
    habits: &BTreeMap<String, String>,
    u: usize,
) -> (String, std::path::PathBuf) {
    let clean = |s: String| s.replace(['"', '/', '\\'], " ").trim().to_owned();
    let rel = match habits["ten_file"].as_str() {
        "co_dau" => clean(format!("Báo cáo mô hình, điển hình - {}", unit.name)) + ".xlsx",
        "khong_dau" => {
            clean(format!(
                "Bao cao mo hinh dien hinh - {}",
                fold_ascii(&unit.name)
            )) + ".xlsx"
        }
        "viet_tat" => {
            clean(
                format!("BC MH-DH {} {}", fold_ascii(kind_abbrev(unit)), unit.abbrev)
                    .replace("  ", " "),
            ) + ".xlsx"
        }
        _ => format!(
            "{}/Bao cao{}.xlsx",
            clean(unit.name.clone()),
            ["", " (1)", " moi"][u % 3]
        ),
    };
    let path = period_dir.join(&rel);
    (rel, path)
}

/// One row of a list as written.
struct Row {
    name: String,
    owner: String,
    position: String,
    category_code: &'static str,
    category_label: String,
    level: Level,
}

struct Doc<'a> {
    unit: &'a Unit,
    models: Vec<Row>,
    exemplars: Vec<Row>,
    date: Date,
}

fn person(rng: &mut Rng) -> String {
    let female = rng.below(2) == 0;
    let fam = names::FAMILY[rng.below(names::FAMILY.len())];
    let (mid, given) = if female {
        (names::MIDDLE_F, names::GIVEN_F)
    } else {
        (names::MIDDLE_M, names::GIVEN_M)
    };
    format!(
        "{fam} {} {}",
        mid[rng.below(mid.len())],
        given[rng.below(given.len())]
    )
}

impl<'a> Doc<'a> {
    fn draw(
        unit: &'a Unit,
        habits: &BTreeMap<String, String>,
        words: Words,
        rng: &mut Rng,
    ) -> Doc<'a> {
        let subs = names::sub_units(unit.sector);
        let blank_category = habits["linh_vuc"] == "bo_trong";
        let merged = habits["gop_o"] == "gop_doc";
        let n_models = 2 + rng.below(6);
        let n_ex = 2 + rng.below(6);
        let mut models: Vec<Row> = Vec::new();
        let mut owner = String::new();
        while models.len() < n_models {
            let (code, name) = if blank_category {
                let (c, list) = TELLING_NAMES[rng.below(TELLING_NAMES.len())];
                (c, list[rng.below(list.len())].to_owned())
            } else {
                let c = category_for(unit.sector, rng);
                let templates = names::CATEGORIES
                    .iter()
                    .find(|(k, _, _)| *k == c)
                    .map_or(&[][..], |(_, _, t)| *t);
                (c, templates[rng.below(templates.len().max(1))].to_owned())
            };
            if models.iter().any(|m| m.name == name) {
                continue;
            }
            // Merged owners: runs of two or three rows share one.
            if owner.is_empty() || !merged || rng.below(3) == 0 {
                owner = format!("{}, {}", subs[rng.below(subs.len())], unit.short);
            }
            let label = if blank_category {
                String::new()
            } else {
                let half = CATEGORY_WORDS
                    .iter()
                    .find(|(k, _)| *k == code)
                    .map_or(&[][..], |(_, p)| p.half(words));
                half[rng.below(half.len().max(1))].to_owned()
            };
            models.push(Row {
                name,
                owner: owner.clone(),
                position: String::new(),
                category_code: code,
                category_label: label,
                level: level(rng),
            });
        }
        let positions = names::positions(unit.sector);
        let mut exemplars: Vec<Row> = Vec::new();
        while exemplars.len() < n_ex {
            let name = person(rng);
            if exemplars.iter().any(|e| e.name == name) {
                continue;
            }
            exemplars.push(Row {
                name,
                owner: format!("{}, {}", subs[rng.below(subs.len())], unit.short),
                position: positions[rng.below(positions.len())].to_owned(),
                category_code: "",
                category_label: String::new(),
                level: level(rng),
            });
        }
        let (y, m, _) = DEADLINE;
        let day = 1 + u32::try_from(rng.below(15)).unwrap_or(0);
        let date = Date::new(y, m, day)
            .unwrap_or_else(|| Date::from_days_since_epoch(19_700 + i64::from(day)));
        Doc {
            unit,
            models,
            exemplars,
            date,
        }
    }

    fn truth(&self) -> Vec<TrueEntity> {
        let mk = |r: &Row, kind: &str| TrueEntity {
            kind: kind.to_owned(),
            name: r.name.clone(),
            owner: r.owner.clone(),
            level: r.level.code().to_owned(),
            category: r.category_code.to_owned(),
        };
        self.models
            .iter()
            .map(|r| mk(r, "model"))
            .chain(self.exemplars.iter().map(|r| mk(r, "exemplar")))
            .collect()
    }
}

fn level(rng: &mut Rng) -> Level {
    match rng.below(6) {
        0 => Level::Tinh,
        1 | 2 => Level::Khoi,
        _ => Level::CoSo,
    }
}

fn category_for(sector: Sector, rng: &mut Rng) -> &'static str {
    let own: &[&str] = match sector {
        Sector::Health => &[
            "y_te",
            "to_chuc_dang",
            "cai_cach_hanh_chinh",
            "van_hoa_cong_so",
        ],
        Sector::School => &["giao_duc", "to_chuc_dang", "hoi_doan_the"],
        Sector::Enterprise | Sector::Bank => &["san_xuat_kinh_doanh", "nam_s", "to_chuc_dang"],
        Sector::MassOrg => &["hoi_doan_the", "to_chuc_dang"],
        Sector::Agency => &[
            "co_quan_don_vi",
            "cai_cach_hanh_chinh",
            "van_hoa_cong_so",
            "to_chuc_dang",
        ],
    };
    own[rng.below(own.len())]
}

/// The roles of a list's columns, in the order written.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Col {
    Stt,
    Name,
    Owner,
    Position,
    Category,
    Level,
    Note,
}

/// A text transform applied to every string written (an encoding).
type Transform = Box<dyn Fn(&str) -> String>;

struct Style {
    text: Format,
    bold: Format,
    header: Format,
    cell: Format,
    tx: Transform,
}

fn style(habits: &BTreeMap<String, String>) -> Style {
    let (font, tx): (&str, Transform) = match habits["bang_ma"].as_str() {
        "nfd" => ("Times New Roman", Box::new(|s: &str| s.nfd().collect())),
        "tcvn3" => (".VnTime", Box::new(|s: &str| encode(s, Legacy::Tcvn3))),
        "vni" => ("VNI-Times", Box::new(|s: &str| encode(s, Legacy::Vni))),
        _ => ("Times New Roman", Box::new(|s: &str| s.to_owned())),
    };
    let base = Format::new().set_font_name(font).set_font_size(13);
    Style {
        text: base.clone(),
        bold: base.clone().set_bold(),
        header: base
            .clone()
            .set_bold()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap(),
        cell: base
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap(),
        tx,
    }
}

fn col16(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

fn row32(r: usize) -> u32 {
    u32::try_from(r).unwrap_or(u32::MAX)
}

fn unit_line(unit: &Unit, habits: &BTreeMap<String, String>) -> String {
    match habits["dong_don_vi"].as_str() {
        "chu_hoa" => unit.name.to_uppercase(),
        "chu_thuong" => unit.name.clone(),
        "viet_tat" => format!("{} {}", kind_abbrev(unit), unit.short.to_uppercase())
            .trim()
            .to_owned(),
        _ => unit.short.to_uppercase(),
    }
}

fn date_text(d: Date, habits: &BTreeMap<String, String>) -> String {
    match habits["ngay"].as_str() {
        "so" => format!("Ngày {}/{}/{}", d.day(), d.month(), d.year()),
        _ => format!(
            "Hà Giang, ngày {:02} tháng {:02} năm {}",
            d.day(),
            d.month(),
            d.year()
        ),
    }
}

/// Writes the title block; returns the next free row.
fn title(
    ws: &mut Worksheet,
    s: &Style,
    doc: &Doc,
    habits: &BTreeMap<String, String>,
    width: usize,
) -> Result<usize, XlsxError> {
    let t = &s.tx;
    let right = col16(width.saturating_sub(3).max(3));
    let mut r = 0;
    match habits["phan_dau"].as_str() {
        "hai_ben" => {
            ws.write_string_with_format(0, 0, t("ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH"), &s.bold)?;
            ws.write_string_with_format(1, 0, t(&unit_line(doc.unit, habits)), &s.bold)?;
            ws.write_string_with_format(2, 1, "*", &s.bold)?;
            ws.write_string_with_format(0, right, t("ĐẢNG CỘNG SẢN VIỆT NAM"), &s.bold)?;
            if matches!(habits["ngay"].as_str(), "dia_danh_ngay" | "so") {
                ws.write_string_with_format(2, right, t(&date_text(doc.date, habits)), &s.text)?;
            }
            r = 4;
        }
        "chi_don_vi" => {
            ws.write_string_with_format(0, 0, t(&unit_line(doc.unit, habits)), &s.bold)?;
            if matches!(habits["ngay"].as_str(), "dia_danh_ngay" | "so") {
                ws.write_string_with_format(1, right, t(&date_text(doc.date, habits)), &s.text)?;
            }
            r = 3;
        }
        _ => {
            if matches!(habits["ngay"].as_str(), "dia_danh_ngay" | "so") {
                ws.write_string_with_format(0, right, t(&date_text(doc.date, habits)), &s.text)?;
                r = 2;
            }
        }
    }
    ws.write_string_with_format(
        row32(r),
        1,
        t("DANH SÁCH ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH TIÊN TIẾN"),
        &s.bold,
    )?;
    Ok(r + 2)
}

fn columns(model: bool, habits: &BTreeMap<String, String>) -> Vec<Col> {
    let mut cols = if model {
        vec![Col::Name, Col::Owner, Col::Category, Col::Level, Col::Note]
    } else {
        vec![Col::Name, Col::Position, Col::Owner, Col::Level, Col::Note]
    };
    if habits["thu_tu_cot"] == "dao" {
        // Name first still (an entry is read by its name), the rest reversed.
        cols[1..].reverse();
    }
    if habits["danh_so"] != "khong" {
        cols.insert(0, Col::Stt);
    }
    cols
}

fn header_word(c: Col, model: bool, habits: &BTreeMap<String, String>) -> String {
    let key = match (c, model) {
        (Col::Stt, _) => "cot_stt",
        (Col::Name, true) => "cot_ten_mo_hinh",
        (Col::Name, false) => "cot_ho_ten",
        (Col::Owner, true) => "cot_don_vi_thuc_hien",
        (Col::Owner, false) => "cot_noi_cong_tac",
        (Col::Position, _) => "cot_chuc_vu",
        (Col::Category, _) => "cot_linh_vuc",
        (Col::Level, _) => "cot_cap",
        (Col::Note, _) => "cot_ghi_chu",
    };
    habits[key].clone()
}

fn level_word(l: Level, habits: &BTreeMap<String, String>) -> &'static str {
    let set = LEVEL_SETS
        .iter()
        .find(|(k, _)| *k == habits["chu_cap"])
        .map_or(["Tỉnh", "Khối", "Cơ sở"], |(_, s)| *s);
    match l {
        Level::Tinh => set[0],
        Level::Khoi => set[1],
        _ => set[2],
    }
}

fn number_text(i: usize, habits: &BTreeMap<String, String>) -> Option<String> {
    match habits["danh_so"].as_str() {
        "01" => Some(format!("{i:02}")),
        "1." => Some(format!("{i}.")),
        "khong" => None,
        _ => Some(i.to_string()),
    }
}

/// Writes one list from `r`; returns the next free row.
#[allow(clippy::too_many_lines)]
fn list(
    ws: &mut Worksheet,
    s: &Style,
    rows: &[Row],
    model: bool,
    habits: &BTreeMap<String, String>,
    mut r: usize,
) -> Result<usize, XlsxError> {
    let t = &s.tx;
    let cols = columns(model, habits);
    let ticks = habits["cap"] == "danh_dau";
    let two = habits["dong_tieu_de"] == "hai" || ticks;
    // Physical columns: a level column becomes three tick columns.
    let mut at = Vec::new();
    let mut c = 0usize;
    for col in &cols {
        at.push(c);
        c += if *col == Col::Level && ticks { 3 } else { 1 };
    }
    let width = c;
    for (k, col) in cols.iter().enumerate() {
        let word = t(&header_word(*col, model, habits));
        let j = col16(at[k]);
        if *col == Col::Level && ticks {
            ws.merge_range(row32(r), j, row32(r), j + 2, &word, &s.header)?;
            for (m, l) in [Level::Tinh, Level::Khoi, Level::CoSo].iter().enumerate() {
                ws.write_string_with_format(
                    row32(r + 1),
                    j + col16(m),
                    t(level_word(*l, habits)),
                    &s.header,
                )?;
            }
        } else if two {
            ws.merge_range(row32(r), j, row32(r + 1), j, &word, &s.header)?;
        } else {
            ws.write_string_with_format(row32(r), j, &word, &s.header)?;
        }
    }
    r += if two { 2 } else { 1 };
    match habits["dong_khoa"].as_str() {
        "ngoac" => {
            for j in 0..width {
                ws.write_string_with_format(row32(r), col16(j), format!("({})", j + 1), &s.header)?;
            }
            r += 1;
        }
        "chu_so" => {
            for j in 0..width {
                let key = if j < 2 {
                    ["A", "B"][j].to_owned()
                } else {
                    (j - 1).to_string()
                };
                ws.write_string_with_format(row32(r), col16(j), key, &s.header)?;
            }
            r += 1;
        }
        _ => {}
    }
    let merged = habits["gop_o"] == "gop_doc" && model;
    let upper = habits["chu_hoa_ten"] == "hoa" && !model;
    let honorific =
        (habits["danh_xung"] == "co" && !model).then(|| habits["chu_danh_xung"].clone());
    let blank_between = habits["dong_trong"] == "xen_ke";
    let mut owner_runs: Vec<(usize, usize, String)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        for (k, col) in cols.iter().enumerate() {
            let j = col16(at[k]);
            let rr = row32(r);
            match col {
                Col::Stt => {
                    let txt = number_text(i + 1, habits).unwrap_or_default();
                    if habits["danh_so"] == "1" {
                        ws.write_number_with_format(rr, j, f64::from(row32(i + 1)), &s.cell)?;
                    } else {
                        ws.write_string_with_format(rr, j, txt, &s.cell)?;
                    }
                }
                Col::Name => {
                    let mut name = if upper {
                        row.name.to_uppercase()
                    } else {
                        row.name.clone()
                    };
                    if let Some(h) = &honorific {
                        name = format!("{h} {name}");
                    }
                    ws.write_string_with_format(rr, j, t(&name), &s.cell)?;
                }
                Col::Owner => {
                    if merged {
                        match owner_runs.last_mut() {
                            Some((_, end, o)) if *o == row.owner && !blank_between => *end = r,
                            _ => owner_runs.push((r, r, row.owner.clone())),
                        }
                    } else {
                        ws.write_string_with_format(rr, j, t(&row.owner), &s.cell)?;
                    }
                }
                Col::Position => ws
                    .write_string_with_format(rr, j, t(&row.position), &s.cell)
                    .map(|_| ())?,
                Col::Category => ws
                    .write_string_with_format(rr, j, t(&row.category_label), &s.cell)
                    .map(|_| ())?,
                Col::Level => {
                    if ticks {
                        let m = match row.level {
                            Level::Tinh => 0,
                            Level::Khoi => 1,
                            _ => 2,
                        };
                        for q in 0..3u16 {
                            if q == m {
                                ws.write_string_with_format(rr, j + q, "x", &s.cell)?;
                            } else {
                                ws.write_blank(rr, j + q, &s.cell)?;
                            }
                        }
                    } else {
                        ws.write_string_with_format(
                            rr,
                            j,
                            t(level_word(row.level, habits)),
                            &s.cell,
                        )?;
                    }
                }
                Col::Note => ws.write_blank(rr, j, &s.cell).map(|_| ())?,
            }
        }
        r += 1;
        if blank_between && i % 3 == 2 && i + 1 < rows.len() {
            r += 1;
        }
    }
    if let Some(k) = cols.iter().position(|c| *c == Col::Owner) {
        let j = col16(at[k]);
        for (a, b, o) in owner_runs {
            if a == b {
                ws.write_string_with_format(row32(a), j, t(&o), &s.cell)?;
            } else {
                ws.merge_range(row32(a), j, row32(b), j, &t(&o), &s.cell)?;
            }
        }
    }
    if habits["tong"] == "dong_cong" {
        let label = t(&habits["chu_tong"]);
        let name_at = col16(at[cols.iter().position(|c| *c == Col::Name).unwrap_or(0)]);
        ws.write_string_with_format(row32(r), 0, &label, &s.bold)?;
        let n = f64::from(row32(rows.len()));
        if name_at == 0 {
            ws.write_number_with_format(row32(r), 1, n, &s.bold)?;
        } else {
            ws.write_number_with_format(row32(r), name_at, n, &s.bold)?;
        }
        r += 1;
    }
    Ok(r + 1)
}

fn footer(
    ws: &mut Worksheet,
    s: &Style,
    doc: &Doc,
    habits: &BTreeMap<String, String>,
    mut r: usize,
) -> Result<(), XlsxError> {
    let t = &s.tx;
    if habits["ngay"] == "cuoi_van_ban" {
        ws.write_string_with_format(row32(r), 3, t(&date_text(doc.date, habits)), &s.text)?;
        r += 1;
    }
    let set = FOOTERS
        .iter()
        .find(|(k, _)| *k == habits["chu_cuoi"])
        .map_or(["Nơi nhận:", "T/M BAN THƯỜNG VỤ"], |(_, s)| *s);
    match habits["cuoi"].as_str() {
        "chuan" => {
            ws.write_string_with_format(row32(r), 0, t(set[0]), &s.bold)?;
            ws.write_string_with_format(row32(r), 3, t(set[1]), &s.bold)?;
            ws.write_string_with_format(row32(r + 1), 3, t("BÍ THƯ"), &s.bold)?;
            ws.write_string_with_format(row32(r + 4), 3, t("Lò Văn Thành"), &s.bold)?;
        }
        "nguoi_lap" => {
            // Typed in the name column, as many do.
            ws.write_string_with_format(row32(r), 1, t(set[0]), &s.bold)?;
            ws.write_string_with_format(row32(r), 3, t(set[1]), &s.bold)?;
            ws.write_string_with_format(row32(r + 3), 1, t("Hoàng Thị Mai"), &s.bold)?;
            ws.write_string_with_format(row32(r + 3), 3, t("Vũ Đức Long"), &s.bold)?;
        }
        _ => {}
    }
    Ok(())
}

fn stated_sentence(doc: &Doc, habits: &BTreeMap<String, String>) -> Vec<String> {
    let (m, e) = (doc.models.len(), doc.exemplars.len());
    match habits["tong"].as_str() {
        "cau" => vec![
            format!("Tổng số mô hình đăng ký: {m}"),
            format!("Tổng số điển hình đăng ký: {e}"),
        ],
        "mot_o_hai_doi_tuong" => vec![format!("Tổng số: {m:02} mô hình, {e:02} điển hình")],
        _ => Vec::new(),
    }
}

fn write_return(
    path: &Path,
    doc: &Doc,
    habits: &BTreeMap<String, String>,
) -> Result<(), XlsxError> {
    // The document's properties carry its own date (a generated file's would
    // say today, and make every return without a date line late).
    let mut wb = crate::write::new_workbook(doc.date)?;
    let s = style(habits);
    let t = &s.tx;
    let width = 8;
    let section = SECTIONS
        .iter()
        .find(|(k, _)| *k == habits["chu_muc"])
        .map_or(["I. MÔ HÌNH", "II. ĐIỂN HÌNH"], |(_, s)| *s);
    match habits["bo_cuc"].as_str() {
        "muc" => {
            let ws = wb.add_worksheet();
            ws.set_name(t("Báo cáo").chars().take(31).collect::<String>())?;
            let mut r = title(ws, &s, doc, habits, width)?;
            for line in stated_sentence(doc, habits) {
                ws.write_string_with_format(row32(r), 0, t(&line), &s.text)?;
                r += 1;
            }
            for (k, (model, rows)) in [(true, &doc.models), (false, &doc.exemplars)]
                .into_iter()
                .enumerate()
            {
                ws.write_string_with_format(row32(r), 0, t(section[k]), &s.bold)?;
                r = list(ws, &s, rows, model, habits, r + 1)?;
            }
            footer(ws, &s, doc, habits, r)?;
            ws.set_column_width(1, 40)?;
            ws.set_column_width(2, 30)?;
        }
        layout => {
            if layout == "hai_sheet_huong_dan" {
                let ws = wb.add_worksheet();
                ws.set_name("Hướng dẫn")?;
                for (i, line) in [
                    "HƯỚNG DẪN GHI BIỂU",
                    "- Ghi mỗi mô hình, mỗi điển hình một dòng.",
                    "- Cột cấp: ghi hoặc đánh dấu x vào cấp đăng ký.",
                    "- Không thay đổi thứ tự các sheet.",
                ]
                .iter()
                .enumerate()
                {
                    ws.write_string_with_format(row32(i), 0, t(line), &s.text)?;
                }
            }
            for (k, (model, rows, sheet)) in [
                (true, &doc.models, "Mô hình"),
                (false, &doc.exemplars, "Điển hình"),
            ]
            .into_iter()
            .enumerate()
            {
                let ws = wb.add_worksheet();
                ws.set_name(sheet)?;
                let mut r = title(ws, &s, doc, habits, width)?;
                if k == 0 {
                    for line in stated_sentence(doc, habits) {
                        ws.write_string_with_format(row32(r), 0, t(&line), &s.text)?;
                        r += 1;
                    }
                }
                r = list(ws, &s, rows, model, habits, r)?;
                if k == 1 {
                    footer(ws, &s, doc, habits, r)?;
                }
                ws.set_column_width(1, 40)?;
                ws.set_column_width(2, 30)?;
            }
        }
    }
    wb.save(path)
}

fn write_reference(path: &Path, units: &[Unit]) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Đơn vị")?;
    for (j, h) in [
        "Mã đơn vị",
        "Tên đơn vị",
        "Tên gọi khác",
        "Loại đơn vị",
        "Trực thuộc",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, col16(j), *h)?;
    }
    for (i, u) in units.iter().enumerate() {
        let r = row32(i + 1);
        ws.write_string(r, 0, &u.code)?;
        ws.write_string(r, 1, &u.name)?;
        // The short name and the abbreviation the office knows it by.
        ws.write_string(r, 2, format!("{}; {}", u.short, u.abbrev))?;
        ws.write_string(r, 3, u.kind)?;
        ws.write_string(r, 4, "Đảng ủy Khối các cơ quan tỉnh")?;
    }
    let ws = wb.add_worksheet();
    ws.set_name("Kỳ báo cáo")?;
    for (j, h) in ["Mã kỳ", "Tên kỳ", "Thư mục", "Hạn nộp", "Loại kỳ"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, col16(j), *h)?;
    }
    let (y, m, d) = DEADLINE;
    for (j, v) in [
        PERIOD,
        "Đăng ký năm 2023",
        PERIOD,
        &format!("{d:02}/{m:02}/{y}"),
        "đăng ký",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(1, col16(j), *v)?;
    }
    wb.save(path)
}

/// One entity as a reader made it, in the words of its outputs.
#[derive(Debug, Clone, Default)]
pub struct ReadEntity {
    /// File relative to INPUTS, `/`-separated.
    pub file: String,
    /// `model` or `exemplar`.
    pub kind: String,
    /// Roster code of the unit it was counted under (empty when unknown).
    pub unit: String,
    /// Name.
    pub name: String,
    /// Owner or workplace.
    pub owner: String,
    /// Level code.
    pub level: String,
    /// Category code (models).
    pub category: String,
}

/// A finding as a reader raised it: the file (empty for a whole period),
/// the code and the severity (`error`, `warning`, `info`).
#[derive(Debug, Clone, Default)]
pub struct ReadFinding {
    /// File relative to INPUTS, `/`-separated.
    pub file: String,
    /// Finding code.
    pub code: String,
    /// Severity.
    pub severity: String,
}

/// How one option of one dimension fared.
#[derive(Debug, Clone, Default, Serialize)]
pub struct OptionScore {
    /// Returns drawn with it.
    pub returns: usize,
    /// Entities they list.
    pub entities: usize,
    /// Entities not fully right (missed, or a field wrong) or read but not listed.
    pub wrong: usize,
    /// Returns whose unit was not recognised.
    pub units_wrong: usize,
    /// Errors and warnings raised on its returns: every one is false, the
    /// corpus holds no mistake.
    pub alarms: usize,
}

/// The comparison of a reading with the truth.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Score {
    /// Entities listed.
    pub entities: usize,
    /// Fully right (name, owner or workplace, level, category).
    pub right: usize,
    /// Read as entities but not listed (totals, footers, notes…).
    pub spurious: usize,
    /// Returns.
    pub returns: usize,
    /// Returns whose unit was recognised.
    pub units_right: usize,
    /// What went wrong, per field: missed, name, owner, level, category, unit.
    pub by_field: BTreeMap<String, usize>,
    /// Dimension → option → score.
    pub by_option: BTreeMap<String, BTreeMap<String, OptionScore>>,
    /// A few wrong entities, for the eye: (file, what was expected, what was read).
    pub examples: Vec<(String, String, String)>,
    /// Errors and warnings raised (all false: the corpus holds no mistake).
    pub alarms: usize,
    /// The false alarms by code.
    pub alarms_by_code: BTreeMap<String, usize>,
    /// A few false alarms, for the eye: (file, code).
    pub alarm_examples: Vec<(String, String)>,
}

impl Score {
    /// Share of listed entities read fully right, spurious ones counted as errors.
    #[must_use]
    #[allow(clippy::cast_precision_loss)]
    pub fn entity_accuracy(&self) -> f64 {
        self.right as f64 / (self.entities + self.spurious).max(1) as f64
    }

    /// Share of returns whose unit was recognised.
    #[must_use]
    #[allow(clippy::cast_precision_loss)]
    pub fn unit_accuracy(&self) -> f64 {
        self.units_right as f64 / self.returns.max(1) as f64
    }
}

/// Names compared as a reader should give them: case, spacing and tone
/// placement aside, every letter and diacritic kept.
fn same_text(a: &str, b: &str) -> bool {
    let k = |s: &str| {
        tonghop_text::canonical(s)
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    k(a) == k(b)
}

/// Compares `read` with `truth`: entity by entity (file, kind, name), and the
/// unit each return's entities were counted under; and counts the errors and
/// warnings among `findings` — false alarms, since the corpus is written
/// without a mistake (its totals agree, its names and dates are whole).
#[must_use]
pub fn score(truth: &UnseenTruth, read: &[ReadEntity], findings: &[ReadFinding]) -> Score {
    let mut by_file: BTreeMap<&str, Vec<&ReadEntity>> = BTreeMap::new();
    for r in read {
        by_file.entry(r.file.as_str()).or_default().push(r);
    }
    let mut s = Score::default();
    let mut alarms_in: BTreeMap<&str, usize> = BTreeMap::new();
    for f in findings
        .iter()
        .filter(|f| f.severity == "error" || f.severity == "warning")
    {
        s.alarms += 1;
        *s.alarms_by_code.entry(f.code.clone()).or_default() += 1;
        *alarms_in.entry(f.file.as_str()).or_default() += 1;
        if s.alarm_examples.len() < 40 {
            s.alarm_examples.push((f.file.clone(), f.code.clone()));
        }
    }
    for ret in &truth.returns {
        let got = by_file.remove(ret.file.as_str()).unwrap_or_default();
        let mut used = vec![false; got.len()];
        let mut wrong = 0usize;
        for e in &ret.entities {
            let found = got
                .iter()
                .enumerate()
                .find(|(i, g)| !used[*i] && g.kind == e.kind && same_text(&g.name, &e.name));
            let problem = match found {
                None => Some("missed"),
                Some((i, g)) => {
                    used[i] = true;
                    if !same_text(&g.owner, &e.owner) {
                        Some("owner")
                    } else if g.level != e.level {
                        Some("level")
                    } else if e.kind == "model" && g.category != e.category {
                        Some("category")
                    } else {
                        None
                    }
                }
            };
            if let Some(p) = problem {
                wrong += 1;
                *s.by_field.entry(p.into()).or_default() += 1;
                if s.examples.len() < 40 {
                    let read = found.map_or_else(String::new, |(_, g)| {
                        format!("{} | {} | {} | {}", g.name, g.owner, g.level, g.category)
                    });
                    s.examples.push((
                        ret.file.clone(),
                        format!(
                            "{p}: {} | {} | {} | {}",
                            e.name, e.owner, e.level, e.category
                        ),
                        read,
                    ));
                }
            } else {
                s.right += 1;
            }
        }
        let spurious = used.iter().filter(|u| !**u).count();
        for (i, g) in got.iter().enumerate() {
            if !used[i] && s.examples.len() < 40 {
                s.examples.push((
                    ret.file.clone(),
                    "spurious".into(),
                    format!("{} | {} | {}", g.kind, g.name, g.owner),
                ));
            }
        }
        s.spurious += spurious;
        s.entities += ret.entities.len();
        s.returns += 1;
        // The unit most of the return's entities were counted under.
        let mut units: BTreeMap<&str, usize> = BTreeMap::new();
        for g in &got {
            *units.entry(g.unit.as_str()).or_default() += 1;
        }
        let unit_ok = units
            .into_iter()
            .max_by_key(|(_, n)| *n)
            .is_some_and(|(u, _)| u == ret.unit);
        if unit_ok {
            s.units_right += 1;
        } else {
            *s.by_field.entry("unit".into()).or_default() += 1;
        }
        for (dim, option) in &ret.habits {
            let o = s
                .by_option
                .entry(dim.clone())
                .or_default()
                .entry(option.clone())
                .or_default();
            o.returns += 1;
            o.entities += ret.entities.len();
            o.wrong += wrong + spurious;
            o.units_wrong += usize::from(!unit_ok);
            o.alarms += alarms_in.get(ret.file.as_str()).copied().unwrap_or(0);
        }
    }
    // Files read that the truth does not know: every entity in them is spurious.
    for (_, got) in by_file {
        s.spurious += got.len();
    }
    s
}

/// The score as a table: one line per dimension option, its error rate.
#[must_use]
#[allow(clippy::cast_precision_loss)]
pub fn table(s: &Score) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{} báo cáo, {} mô hình/điển hình: đúng hoàn toàn {:.2} % ({} sai, {} đọc thừa); nhận đúng đơn vị {:.2} %\n",
        s.returns,
        s.entities,
        100.0 * s.entity_accuracy(),
        s.entities - s.right,
        s.spurious,
        100.0 * s.unit_accuracy()
    ));
    out.push_str(&format!("sai theo trường: {:?}\n", s.by_field));
    out.push_str(&format!(
        "báo động giả (lỗi, cảnh báo trên bộ báo cáo không có sai sót): {} {:?}\n\n",
        s.alarms, s.alarms_by_code
    ));
    out.push_str(
        "| chiều | lựa chọn | báo cáo | tỷ lệ sai (mục) | đơn vị sai | báo động giả |\n|---|---|---:|---:|---:|---:|\n",
    );
    for (dim, options) in &s.by_option {
        for (o, v) in options {
            out.push_str(&format!(
                "| {dim} | {o} | {} | {:.2} % | {} | {} |\n",
                v.returns,
                100.0 * v.wrong as f64 / v.entities.max(1) as f64,
                v.units_wrong,
                v.alarms
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Errors and warnings are false alarms, counted on their return's
    /// options; information is not.
    #[test]
    fn false_alarms_are_counted_per_option() {
        let truth = UnseenTruth {
            seed: 1,
            words: Words::HeldOut,
            returns: vec![TrueReturn {
                file: "2023-12/a.xlsx".into(),
                unit: "DV01".into(),
                habits: BTreeMap::from([("tong_so".to_owned(), "mot_o".to_owned())]),
                entities: Vec::new(),
            }],
        };
        let f = |file: &str, code: &str, severity: &str| ReadFinding {
            file: file.into(),
            code: code.into(),
            severity: severity.into(),
        };
        let s = score(
            &truth,
            &[],
            &[
                f("2023-12/a.xlsx", "TOTAL_MISMATCH", "error"),
                f("2023-12/a.xlsx", "LEGACY_ENCODING", "info"),
                f("", "RETURN_MISSING", "warning"),
            ],
        );
        assert_eq!(s.alarms, 2);
        assert_eq!(s.alarms_by_code.get("TOTAL_MISMATCH"), Some(&1));
        assert_eq!(s.by_option["tong_so"]["mot_o"].alarms, 1);
    }

    /// Letters and digits only, without diacritics: `Th.S` and `ThS`, `Đ/c`
    /// and `Đc` are one word here, so a held-out word cannot hide in the
    /// vocabulary behind punctuation.
    fn squeezed(s: &str) -> String {
        tonghop_text::fold_key(s)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect()
    }

    /// The test measures generalisation, not memory: no word of the
    /// held-out half is in the reader's vocabulary (any group, any kind).
    #[test]
    fn no_held_out_word_is_in_the_vocabulary() {
        let v = tonghop_text::Vocabulary::builtin();
        let known: std::collections::HashSet<String> = v
            .groups()
            .into_iter()
            .flat_map(|g| v.terms(g).map(|t| squeezed(&t.word)).collect::<Vec<_>>())
            .collect();
        let held = held_out_words();
        assert!(held.len() >= 40, "{}", held.len());
        let found: Vec<&&str> = held
            .iter()
            .filter(|w| known.contains(&squeezed(w)))
            .collect();
        assert!(found.is_empty(), "trong từ vựng: {found:?}");
        // And the halves do not share a word.
        let seen: Vec<&str> = HEADERS
            .iter()
            .flat_map(|(_, p)| p.seen.iter().copied())
            .chain(
                CATEGORY_WORDS
                    .iter()
                    .flat_map(|(_, p)| p.seen.iter().copied()),
            )
            .collect();
        assert!(held
            .iter()
            .all(|h| !seen.iter().any(|s| squeezed(s) == squeezed(h))));
    }

    /// Every return draws every dimension, and the draws vary: each option
    /// of each dimension is drawn in a corpus of 200.
    #[test]
    fn habits_are_drawn_on_every_dimension() {
        let dir = std::env::temp_dir().join(format!("tonghop-unseen-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let truth = generate(&dir, 200, 3, Words::HeldOut, false).unwrap();
        assert!(DIMENSIONS.len() >= 15);
        for d in DIMENSIONS.iter().filter(|d| d.name != "dinh_dang") {
            for o in d.options {
                assert!(
                    truth.returns.iter().any(|r| r.habits[d.name] == *o),
                    "{} = {o} never drawn",
                    d.name
                );
            }
        }
        for r in &truth.returns {
            assert!(dir.join(&r.file).is_file(), "{}", r.file);
            assert!(r.entities.len() >= 4);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
