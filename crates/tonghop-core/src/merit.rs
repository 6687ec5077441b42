//! Yearly ratings and the eligibility criteria of commendation (seed 001
//! section 2.2, seed 003): the scale, whose ratings a criterion reads, and
//! the criteria built in when `danh-muc.xlsx` has no `Tiêu chuẩn` sheet.

use crate::Subject;
use serde::Serialize;

/// A yearly rating (*xếp loại*), lowest first: the order compares them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Rating {
    /// *Không hoàn thành nhiệm vụ* (KHTNV).
    KhongHoanThanh,
    /// *Hoàn thành nhiệm vụ* (HTNV).
    HoanThanh,
    /// *Hoàn thành tốt nhiệm vụ* (HTTNV).
    Tot,
    /// *Hoàn thành xuất sắc nhiệm vụ* (HTXSNV).
    XuatSac,
}

impl Rating {
    /// Every rating, highest first (the order users list them).
    pub const ALL: [Rating; 4] = [
        Rating::XuatSac,
        Rating::Tot,
        Rating::HoanThanh,
        Rating::KhongHoanThanh,
    ];
    /// The code (`xuat_sac`, `tot`, `hoan_thanh`, `khong_hoan_thanh`), as in
    /// the vocabulary's group `xep_loai`.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Rating::XuatSac => "xuat_sac",
            Rating::Tot => "tot",
            Rating::HoanThanh => "hoan_thanh",
            Rating::KhongHoanThanh => "khong_hoan_thanh",
        }
    }
    /// Parses a code.
    #[must_use]
    pub fn from_code(s: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.code() == s)
    }
    /// In words, as a report writes it.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Rating::XuatSac => "Hoàn thành xuất sắc nhiệm vụ",
            Rating::Tot => "Hoàn thành tốt nhiệm vụ",
            Rating::HoanThanh => "Hoàn thành nhiệm vụ",
            Rating::KhongHoanThanh => "Không hoàn thành nhiệm vụ",
        }
    }
    /// The abbreviation (`HTXSNV`).
    #[must_use]
    pub fn short(self) -> &'static str {
        match self {
            Rating::XuatSac => "HTXSNV",
            Rating::Tot => "HTTNV",
            Rating::HoanThanh => "HTNV",
            Rating::KhongHoanThanh => "KHTNV",
        }
    }
}

/// Whose ratings a criterion reads: a party member is rated as a party
/// member (*Đảng viên hoàn thành … nhiệm vụ*) and, as a cadre or employee,
/// at work; the two are separate ratings of the same year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Track {
    /// Whichever is written (a year with both takes the lower).
    Any,
    /// The work rating (cadres, civil servants, public and other employees).
    Work,
    /// The party member's rating.
    Party,
}

impl Track {
    /// In words, for the sheets and the reasons.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Track::Any => "mọi xếp loại",
            Track::Work => "xếp loại cán bộ, công chức, viên chức, người lao động",
            Track::Party => "xếp loại đảng viên",
        }
    }
}

/// One eligibility criterion (a row of sheet `Tiêu chuẩn`, or built in).
#[derive(Debug, Clone, Serialize)]
pub struct Criterion {
    /// `Tên tiêu chuẩn`: how the sheets and reasons name it.
    pub name: String,
    /// `Đối tượng`: individuals (exemplars) or collectives (models).
    pub subject: Subject,
    /// `Xếp loại theo`: which ratings it reads.
    pub track: Track,
    /// `Áp dụng cho` names leaders (`lãnh đạo`, `quản lý`, `người đứng
    /// đầu`): the criterion applies only to those whose position is a
    /// leader's.
    pub leaders_only: bool,
    /// `Chức vụ`: position words that make a leader for this criterion
    /// (blank: the vocabulary's group `lanh_dao`).
    pub positions: Vec<String>,
    /// `Từ năm`: first year of the window (blank: the campaign's first year).
    pub from_year: Option<u16>,
    /// `Đến năm`: last year of the window (blank: the last year ended
    /// before the latest period's deadline).
    pub to_year: Option<u16>,
    /// `Xếp loại tối thiểu mỗi năm`.
    pub min_each_year: Option<Rating>,
    /// `Số năm xuất sắc tối thiểu`: years rated *hoàn thành xuất sắc*.
    pub excellent_years: u16,
    /// `Ghi danh: xếp loại tối thiểu`: the rating of the window's last year
    /// an entry of the honour book needs (seed 003); a criterion with only
    /// this set is the honour book's.
    pub honour_min: Option<Rating>,
    /// The collective a leader heads must be rated *hoàn thành xuất sắc*
    /// (seed 001: a leader is an exemplar only when his collective is).
    pub collective_excellent: bool,
    /// The sheet's row (0 when built in).
    pub row: u32,
}

impl Criterion {
    /// Whether this criterion is the honour book's (and not commendation's).
    #[must_use]
    pub fn is_honour_book(&self) -> bool {
        self.honour_min.is_some() && self.min_each_year.is_none() && self.excellent_years == 0
    }
}

/// The criteria of seeds 001 and 003, used when `danh-muc.xlsx` has no
/// `Tiêu chuẩn` sheet.
#[must_use]
pub fn default_criteria() -> Vec<Criterion> {
    let base = Criterion {
        name: String::new(),
        subject: Subject::Exemplar,
        track: Track::Work,
        leaders_only: false,
        positions: Vec::new(),
        from_year: None,
        to_year: None,
        min_each_year: Some(Rating::Tot),
        excellent_years: 0,
        honour_min: None,
        collective_excellent: false,
        row: 0,
    };
    vec![
        Criterion {
            name: "Cán bộ, công chức, viên chức, người lao động: hằng năm hoàn thành tốt nhiệm vụ trở lên, ít nhất 01 năm hoàn thành xuất sắc".into(),
            excellent_years: 1,
            ..base.clone()
        },
        Criterion {
            name: "Đảng viên: hằng năm hoàn thành tốt nhiệm vụ trở lên".into(),
            track: Track::Party,
            ..base.clone()
        },
        Criterion {
            name: "Đảng viên giữ chức vụ lãnh đạo, quản lý: ít nhất 01 năm hoàn thành xuất sắc nhiệm vụ; tập thể do đồng chí đứng đầu hoàn thành xuất sắc nhiệm vụ".into(),
            track: Track::Party,
            leaders_only: true,
            excellent_years: 1,
            collective_excellent: true,
            ..base.clone()
        },
        Criterion {
            name: "Tập thể: hằng năm hoàn thành tốt nhiệm vụ trở lên".into(),
            subject: Subject::Model,
            track: Track::Any,
            ..base.clone()
        },
        Criterion {
            name: "Ghi danh (đảng viên): hoàn thành xuất sắc nhiệm vụ trở lên".into(),
            track: Track::Party,
            min_each_year: None,
            honour_min: Some(Rating::XuatSac),
            ..base
        },
    ]
}

/// A replacement obligation (a row of sheet `Yêu cầu bổ sung`): a unit told
/// to introduce new models or exemplars, e.g. in place of ones that failed
/// the criteria (seed 000: 2 health models from the health department).
#[derive(Debug, Clone, Serialize)]
pub struct Obligation {
    /// `Đơn vị`: the roster code (or the name as written when there is no roster).
    pub unit: String,
    /// `Đối tượng`.
    pub subject: Subject,
    /// `Cấp` (blank: any level).
    pub level: Option<crate::Level>,
    /// `Loại mô hình` as a code (blank: any).
    pub category: Option<String>,
    /// `Số lượng`.
    pub count: u32,
    /// `Kỳ`: the period whose returns must show them.
    pub period: String,
    /// `Căn cứ`: the directive, as written (`Công văn số 924-CV/BTGTU`).
    pub basis: String,
    /// The sheet's row.
    pub row: u32,
}
