//! Checks against the data: each claim matched to the figure a run computed
//! (`summary.json` of `tonghop run`) for the same period and qualifiers, with
//! the difference and, for a count that moved between periods, the bridge
//! that explains the move.

use crate::checks::{Check, Verdict};
use crate::extract::{Claim, Counted, Level, Stage, Value};
use serde_json::Value as Json;
use std::path::Path;

/// A run's figures.
pub struct Data {
    summary: Json,
}

impl Data {
    /// A run's figures from `summary.json` already read.
    #[must_use]
    pub fn from_summary(summary: Json) -> Data {
        Data { summary }
    }

    /// Reads `summary.json` from a run's output folder (or the file itself).
    ///
    /// # Errors
    /// A Vietnamese message when it is missing or not a summary.
    pub fn read(path: &Path) -> Result<Data, String> {
        let file = if path.is_dir() {
            path.join("summary.json")
        } else {
            path.to_path_buf()
        };
        let text = std::fs::read_to_string(&file).map_err(|e| {
            format!(
                "không đọc được \"{}\" ({}): --data chỉ thư mục kết quả của `tonghop run`",
                file.display(),
                tonghop_core::io_reason(&e)
            )
        })?;
        let summary: Json = serde_json::from_str(&text)
            .map_err(|e| {
                format!(
                    "\"{}\" không phải summary.json của tonghop (nội dung hỏng ở dòng {}); chạy lại `tonghop run`",
                    file.display(),
                    e.line()
                )
            })?;
        if !summary["periods"].is_array() {
            return Err(format!(
                "\"{}\" không có danh sách kỳ (periods)",
                file.display()
            ));
        }
        Ok(Data { summary })
    }

    fn periods(&self) -> &[Json] {
        self.summary["periods"]
            .as_array()
            .map_or(&[], Vec::as_slice)
    }

    /// The period a claim speaks of: the latest one of its year, or the
    /// latest of all when it names none (a report speaks of its own period).
    fn period(&self, c: &Claim) -> Option<&Json> {
        let ps = self.periods();
        match c.year {
            Some(y) => ps.iter().rfind(|p| {
                p["id"]
                    .as_str()
                    .is_some_and(|id| id.starts_with(&y.to_string()))
            }),
            None => ps.last(),
        }
    }

    fn name(p: &Json) -> String {
        format!(
            "{} ({})",
            p["name"].as_str().unwrap_or_default(),
            p["id"].as_str().unwrap_or_default()
        )
    }

    /// The figure of a stock (`total`, or the levels named) in a period.
    fn stock(p: &Json, subject: &str, levels: &[Level]) -> Option<u64> {
        let s = &p[subject];
        if levels.is_empty() {
            s["total"].as_u64()
        } else {
            levels
                .iter()
                .map(|l| s["by_level"][l.code()].as_u64())
                .sum()
        }
    }

    /// The bridge into a period.
    fn bridge(&self, to: &str, subject: &str) -> Option<&Json> {
        self.summary["bridges"]
            .as_array()?
            .iter()
            .find(|b| b["to"] == to && b["subject"] == subject)
    }

    /// Checks every claim that has a figure in the data.
    #[must_use]
    pub fn checks(&self, claims: &[Claim]) -> Vec<Check> {
        let mut out = Vec::new();
        for (i, c) in claims.iter().enumerate() {
            if let Some((verdict, evidence)) = self.check(c) {
                out.push(Check {
                    claim: i,
                    what: "so với số liệu tổng hợp (summary.json)".into(),
                    verdict,
                    evidence,
                });
            }
        }
        out
    }

    /// A stage of commendation (`54 tập thể … được tuyên dương`, `đề nghị
    /// UBND tỉnh khen thưởng 02 tập thể`) against the funnel
    /// (`commendation.funnel`): collectives are the models, individuals the
    /// exemplars; a proposal to the province is `proposed_above`.
    fn stage_figure(&self, c: &Claim, stage: Stage, p: &Json) -> Option<(Json, &'static str)> {
        let subject = match c.counted {
            Counted::Collective | Counted::Model => "models",
            Counted::Individual | Counted::Exemplar => "exemplars",
            _ => return None,
        };
        let funnel = self.summary["commendation"]["funnel"]
            .as_array()?
            .iter()
            .find(|f| f["period"] == p["id"] && f["subject"] == subject)?;
        // The level that gives it, or is asked to, as the sentence says it
        // (`đề nghị Ủy ban nhân dân tỉnh khen thưởng 04 cá nhân`): read
        // as the returns' own stage sentences are.
        let province = {
            use tonghop_text::stage::{staged_figures, statements};
            let v = tonghop_text::Vocabulary::builtin();
            let want = if subject == "models" {
                tonghop_core::Subject::Model
            } else {
                tonghop_core::Subject::Exemplar
            };
            let Value::Count(n) = c.value else {
                return None;
            };
            c.levels.contains(&Level::Province)
                || staged_figures(v, &c.sentence)
                    .figures
                    .iter()
                    .filter(|f| f.subject == want && u64::try_from(f.value).ok() == Some(n))
                    .any(|f| {
                        statements(v, &f.clause)
                            .iter()
                            .any(|s| s.level == Some(tonghop_core::Level::Tinh))
                    })
        };
        let (key, what) = match stage {
            Stage::Honoured => ("honoured", "được tuyên dương"),
            Stage::Proposed if province => ("proposed_above", "được đề nghị cấp tỉnh khen thưởng"),
            Stage::Proposed => ("proposed", "được đề nghị khen thưởng"),
            Stage::Awarded if province => return None,
            Stage::Awarded => ("awarded", "được khen thưởng"),
            _ => return None,
        };
        Some((funnel["total"][key].clone(), what))
    }

    fn check(&self, c: &Claim) -> Option<(Verdict, String)> {
        if let Some(stage @ (Stage::Honoured | Stage::Proposed | Stage::Awarded)) = c.stage {
            let Value::Count(claimed) = c.value else {
                return None;
            };
            if c.in_parens {
                return None;
            }
            let p = self.period(c)?;
            let (figure, what) = self.stage_figure(c, stage, p)?;
            let figure = figure.as_u64()?;
            // A period whose lists record no commendation at all has nothing
            // to say about the figure.
            let recorded = self.summary["commendation"]["funnel"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|f| f["period"] == p["id"])
                .any(|f| f["total"]["honoured"].as_u64().unwrap_or(0) > 0);
            if !recorded {
                return Some((
                    Verdict::Unchecked,
                    format!(
                        "danh sách kỳ {} không ghi khen thưởng cho ai",
                        Data::name(p)
                    ),
                ));
            }
            let mut evidence = format!(
                "{} {what} kỳ {}: {figure}",
                c.counted.label(),
                Data::name(p)
            );
            if claimed == figure {
                return Some((Verdict::Consistent, evidence));
            }
            evidence.push_str(&format!(
                ", văn bản ghi {claimed} (chênh {})",
                claimed.abs_diff(figure)
            ));
            return Some((Verdict::Mismatch, evidence));
        }
        let subject = match c.counted {
            Counted::Model => "models",
            Counted::Exemplar => "exemplars",
            _ => return None,
        };
        let (claimed, range) = match c.value {
            Value::Count(n) => (n, None),
            Value::Range(a, b) => (b, Some((a, b))),
            Value::Ratio(..) => return None,
        };
        // A part of a figure (in parentheses, or `trong đó …` naming no level
        // of its own) is a breakdown the data has no column for.
        // A category part of a figure at one level (`26 mô hình cấp tỉnh,
        // trong đó 05 mô hình y tế`) is the level's breakdown by category.
        let category_at_level = c.category.is_some() && c.levels.len() == 1;
        if c.in_parens
            || (c.inherited_levels && !category_at_level)
            || (c.sub_count
                && c.stage != Some(Stage::Registered)
                && !(category_at_level && c.stage.is_none()))
        {
            return None;
        }
        let p = self.period(c)?;
        let id = p["id"].as_str()?;
        let (figure, what) = match c.stage {
            // A category of models, at no named level: `by_category`.
            Some(Stage::Registered) | None if c.category.is_some() && c.levels.is_empty() => {
                let code = c.category.as_deref()?;
                (
                    p[subject]["by_category"][code].as_u64()?,
                    "đang đăng ký, cùng loại",
                )
            }
            // A category at one level: `by_level_category` (a summary
            // written before it existed has nothing to say).
            Some(Stage::Registered) | None if category_at_level => {
                let code = c.category.as_deref()?;
                (
                    p[subject]["by_level_category"][c.levels[0].code()][code].as_u64()?,
                    "đang đăng ký, cùng cấp và cùng loại",
                )
            }
            Some(Stage::Registered) | None if c.category.is_some() => return None,
            Some(Stage::Registered) | None if c.stage.is_some() || !c.levels.is_empty() => {
                (Data::stock(p, subject, &c.levels)?, "đang đăng ký")
            }
            Some(Stage::Added | Stage::Removed) => {
                let b = self.bridge(id, subject)?;
                let key = if c.stage == Some(Stage::Added) {
                    "added"
                } else {
                    "removed"
                };
                let n = if c.levels.is_empty() {
                    b[key].as_u64()?
                } else {
                    c.levels
                        .iter()
                        .map(|l| b["by_level"][l.code()][key].as_u64())
                        .sum::<Option<u64>>()?
                };
                (
                    n,
                    if key == "added" {
                        "bổ sung so với kỳ trước"
                    } else {
                        "loại so với kỳ trước"
                    },
                )
            }
            _ => return None,
        };
        let mut evidence = format!("{} kỳ {}: {figure}", what, Data::name(p));
        if let Some((a, b)) = range {
            let inside = (a..=b).contains(&figure);
            evidence.push_str(&format!(
                ", văn bản ghi từ {a} đến {b}{}",
                if inside { "" } else { ": ngoài khoảng" }
            ));
            return Some((
                if inside {
                    Verdict::Consistent
                } else {
                    Verdict::Mismatch
                },
                evidence,
            ));
        }
        if claimed == figure {
            return Some((Verdict::Consistent, evidence));
        }
        evidence.push_str(&format!(
            ", văn bản ghi {claimed} (chênh {})",
            claimed.abs_diff(figure)
        ));
        // The figure of another period, and the bridge between the two.
        if c.stage != Some(Stage::Added) && c.stage != Some(Stage::Removed) {
            if let Some(other) = self
                .periods()
                .iter()
                .find(|q| q["id"] != p["id"] && Data::stock(q, subject, &c.levels) == Some(claimed))
            {
                evidence.push_str(&format!("; {claimed} là số của kỳ {}", Data::name(other)));
                if let Some(b) = self
                    .bridge(id, subject)
                    .filter(|b| b["from"] == other["id"])
                {
                    evidence.push_str(&format!(
                        "; từ kỳ đó đến kỳ này: {} + bổ sung {} − loại {} − chuyển đi {} − không báo cáo {} − không giải thích được {} = {}",
                        b["opening"], b["added"], b["removed"], b["transferred_out"],
                        b["not_reported"], b["unexplained"], b["closing"]
                    ));
                }
            }
        }
        Some((Verdict::Mismatch, evidence))
    }
}
