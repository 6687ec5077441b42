//! Reads an unseen corpus with the library, as `tonghop run` does, and gives
//! what it made of each entity (shared by the example and the test).

use polars::prelude::*;
use std::path::Path;
use tonghop_gen::unseen::{ReadEntity, ReadFinding};

fn column(df: &DataFrame, name: &str) -> Vec<String> {
    tonghop_consolidate::strings(df, name).unwrap_or_default()
}

/// Every entity the pipeline made of the returns under `inputs`, and every
/// finding it raised on them (reference, files, rows, reconciliation).
pub fn read(inputs: &Path) -> (Vec<ReadEntity>, Vec<ReadFinding>) {
    let Ok((mut reference, mut findings)) = tonghop_ingest::read_reference(inputs) else {
        return (Vec::new(), Vec::new());
    };
    let Ok((files, found)) = tonghop_ingest::discover(inputs, &mut reference) else {
        return (Vec::new(), Vec::new());
    };
    findings.extend(found);
    let mut returns = tonghop_ingest::ingest(
        &files,
        &reference,
        tonghop_ingest::Limits::default(),
        |_| {},
    );
    let Ok(c) = tonghop_consolidate::consolidate(&mut returns, &reference) else {
        return (Vec::new(), Vec::new());
    };
    for r in &returns {
        findings.extend(r.findings.iter().cloned());
    }
    findings.extend(c.findings.iter().cloned());
    if let Ok(r) = tonghop_reconcile::reconcile(&returns, &c, &reference) {
        findings.extend(r.findings);
    }
    let mut out = Vec::new();
    for (df, kind, name, owner) in [
        (&c.models, "model", "name", "owner"),
        (&c.exemplars, "exemplar", "full_name", "workplace"),
    ] {
        let (files, units, names, owners, levels) = (
            column(df, "source_file"),
            column(df, "unit"),
            column(df, name),
            column(df, owner),
            column(df, "level"),
        );
        let categories = if kind == "model" {
            column(df, "category")
        } else {
            vec![String::new(); files.len()]
        };
        for i in 0..files.len() {
            out.push(ReadEntity {
                file: files[i].clone(),
                kind: kind.to_owned(),
                unit: units[i].clone(),
                name: names[i].clone(),
                owner: owners[i].clone(),
                level: levels[i].clone(),
                category: categories.get(i).cloned().unwrap_or_default(),
            });
        }
    }
    let findings = findings
        .into_iter()
        .map(|f| ReadFinding {
            file: f.file,
            code: f.code.as_str().to_owned(),
            severity: f.severity.as_str().to_owned(),
        })
        .collect();
    (out, findings)
}
