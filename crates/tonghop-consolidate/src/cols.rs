//! Column names of the frames and parquet files (CONTRACT.md).
#![allow(missing_docs)]

pub const PERIOD: &str = "period";
pub const ID: &str = "id";
pub const MODEL_ID: &str = "model_id";
pub const PERSON_ID: &str = "person_id";
pub const NAME: &str = "name";
pub const FULL_NAME: &str = "full_name";
pub const OWNER: &str = "owner";
pub const WORKPLACE: &str = "workplace";
pub const POSITION: &str = "position";
pub const CATEGORY: &str = "category";
pub const LEVEL: &str = "level";
pub const STATUS: &str = "status";
pub const UNIT: &str = "unit";
pub const SOURCE_FILE: &str = "source_file";
pub const SOURCE_SHEET: &str = "source_sheet";
pub const SOURCE_ROW: &str = "source_row";
pub const N_SOURCES: &str = "n_sources";
pub const KIND: &str = "kind";
pub const FATE: &str = "fate";
pub const ENTITY_ID: &str = "entity_id";
pub const REASON: &str = "reason";
/// Columns of the return that no field took, as `header: value; …`.
pub const EXTRA: &str = "extra";
/// Where a model's category came from (`cột lĩnh vực`, `tên mô hình`, `quyết định`).
pub const CATEGORY_FROM: &str = "category_from";
/// The commendation stage (`tuyen_duong`, `de_nghi_khen_thuong`, `khen_thuong`, `ghi_danh`, `khac`, or empty).
pub const COMMENDATION: &str = "commendation";
/// The commendation as written (the first source that writes one).
pub const COMMENDATION_TEXT: &str = "commendation_text";
/// Yearly ratings as written (`2021: HTXSNV; 2022: HTTNV`; empty when none).
pub const RATINGS: &str = "ratings";
