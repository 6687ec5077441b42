//! `tonghop inspect FILE`: how one file was read, and why.

use anyhow::{bail, Result};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use tonghop_core::Reference;
use tonghop_ingest::{read_reference, read_return, FoundFile, Limits};

/// The nearest ancestor of `file` holding a reference workbook.
fn find_inputs(file: &Path) -> Option<PathBuf> {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d.join("danh-muc.xlsx").exists() {
            return Some(d.to_path_buf());
        }
        dir = d.parent();
    }
    None
}

pub fn run(file: &Path, inputs: Option<&Path>, limits: Limits) -> Result<()> {
    if !file.is_file() {
        bail!("không thấy file \"{}\"", file.display());
    }
    let inputs = inputs.map(Path::to_path_buf).or_else(|| find_inputs(file));
    let (reference, _) = match &inputs {
        Some(dir) => read_reference(dir)?,
        None => (
            Reference {
                categories: tonghop_text::default_categories(),
                ..Reference::default()
            },
            Vec::new(),
        ),
    };
    let rel = inputs
        .as_ref()
        .and_then(|d| file.strip_prefix(d).ok())
        .map_or_else(
            || file.display().to_string(),
            |p| p.to_string_lossy().replace('\\', "/"),
        );
    let period = rel
        .split('/')
        .next()
        .filter(|_| rel.contains('/'))
        .unwrap_or("")
        .to_owned();
    let found = FoundFile {
        path: file.to_path_buf(),
        rel: rel.clone(),
        period,
    };
    let r = read_return(&found, &reference, limits);
    let mut o = std::io::stdout().lock();
    writeln!(o, "File: {rel}")?;
    match &inputs {
        Some(d) => writeln!(o, "Danh mục: {}", d.join("danh-muc.xlsx").display())?,
        None => writeln!(
            o,
            "Danh mục: không có (không đối chiếu được đơn vị với danh mục)"
        )?,
    }
    if !r.readable {
        writeln!(o, "Không đọc được file.")?;
    } else {
        writeln!(
            o,
            "Đơn vị: {} {} — căn cứ: {}",
            r.unit
                .code
                .as_deref()
                .map(|c| format!("[{c}]"))
                .unwrap_or_else(|| "[không có trong danh mục]".to_owned()),
            r.unit.name,
            r.unit.evidence
        )?;
        for c in &r.unit.candidates {
            writeln!(
                o,
                "  ứng viên [{}] {} — {} điểm: {}",
                c.code,
                c.name,
                c.score,
                c.evidence.join("; ")
            )?;
        }
        writeln!(
            o,
            "Ngày văn bản: {} — căn cứ: {}",
            r.date.map(|d| d.to_string()).unwrap_or_default(),
            r.date_evidence
        )?;
        for s in &r.sheets {
            writeln!(o, "\nSheet \"{}\" ({} dòng)", s.name, s.rows)?;
            if s.lists.is_empty() {
                writeln!(o, "  không có danh sách nhận ra được")?;
            }
            for l in &s.lists {
                writeln!(
                    o,
                    "  Danh sách {} — dòng tiêu đề cột: {}",
                    l.subject.label(),
                    l.header_rows
                        .iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                )?;
                for (letter, header, field) in &l.columns {
                    writeln!(o, "    cột {letter}: \"{header}\" → {field}")?;
                }
            }
            let mut kinds: BTreeMap<&str, (usize, Vec<u32>)> = BTreeMap::new();
            for row in r.rows.iter().filter(|x| x.sheet == s.name) {
                let e = kinds.entry(row.kind.code()).or_default();
                e.0 += 1;
                if e.1.len() < 6 {
                    e.1.push(row.row);
                }
            }
            writeln!(o, "  Các dòng theo loại:")?;
            for (k, (n, sample)) in kinds {
                writeln!(
                    o,
                    "    {:<10} {n:>5}  (ví dụ dòng {})",
                    kind_label(k),
                    sample
                        .iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                )?;
            }
            for t in r.totals.iter().filter(|t| t.sheet == s.name) {
                writeln!(
                    o,
                    "  Số tổng ghi ở dòng {}: {} {} (\"{}\")",
                    t.row,
                    t.value,
                    t.subject.label(),
                    t.text
                )?;
            }
            for t in r.stages.iter().filter(|t| t.sheet == s.name) {
                writeln!(
                    o,
                    "  Số khen thưởng ghi ở dòng {}: {} {} {} (\"{}\")",
                    t.row,
                    t.value,
                    match t.subject {
                        tonghop_core::Subject::Model => "tập thể",
                        tonghop_core::Subject::Exemplar => "cá nhân",
                    },
                    stage_label(&t.clause),
                    t.text
                )?;
            }
        }
    }
    if !r.findings.is_empty() {
        writeln!(o, "\nVấn đề:")?;
        for f in &r.findings {
            writeln!(
                o,
                "  [{}] {}{}: {}",
                f.severity.label(),
                f.code.as_str(),
                f.row.map(|x| format!(" dòng {x}")).unwrap_or_default(),
                f.message
            )?;
        }
    }
    Ok(())
}

fn kind_label(code: &str) -> &'static str {
    match code {
        "title" => "tiêu đề",
        "header" => "đầu cột",
        "numbering" => "đánh số",
        "section" => "mục",
        "model" => "mô hình",
        "exemplar" => "điển hình",
        "total" => "dòng tổng",
        "blank" => "trống",
        "text" => "chữ",
        "footer" => "cuối trang",
        _ => "khác",
    }
}

/// The stage a stated figure's words name, as the analyst says it.
fn stage_label(clause: &str) -> String {
    use tonghop_text::stage::{statements, Stage};
    let Some(s) = statements(tonghop_text::Vocabulary::builtin(), clause)
        .into_iter()
        .next()
    else {
        return String::new();
    };
    let stage = match s.stage {
        Stage::Honoured => "được tuyên dương",
        Stage::Proposed => "được đề nghị khen thưởng",
        Stage::Awarded => "được khen thưởng",
        Stage::HonourBook => "được ghi danh",
    };
    match s.level {
        Some(l) => format!("{stage} ({})", l.phrase()),
        None => stage.to_owned(),
    }
}
