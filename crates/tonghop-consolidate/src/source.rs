//! The rows read by ingest as one polars frame: where the consolidation
//! pipelines start. One row per row read (data or not), in reading order.

use crate::{ids, ReturnState, ReturnUse};
use polars::prelude::*;
use rayon::prelude::*;
use tonghop_core::{Entry, Return, SourceRow};

/// Column names used inside the stage (the written ones are in [`crate::cols`]).
pub(crate) mod c {
    /// Position of the row in the frame (reading order).
    pub const SEQ: &str = "seq";
    /// Index of the period in the sorted list of periods.
    pub const PI: &str = "period_index";
    /// `model`, `exemplar`, or null for a row that is not an entry.
    pub const SUBJECT: &str = "subject";
    /// Whether the row's return is the one used for its unit and period.
    pub const USED: &str = "used";
    pub const CATEGORY_LABEL: &str = "category_label";
    pub const LEVEL_LABEL: &str = "level_label";
    pub const STATUS_LABEL: &str = "status_label";
    pub const COMMENDATION_LABEL: &str = "commendation_label";
    /// Why ingest classed a row as it did (for rows that are not entries).
    pub const NOTE: &str = "note";
    pub const NAME_KEY: &str = "name_key";
    pub const OWNER_KEY: &str = "owner_key";
    /// The entity key (see [`crate::ids`]).
    pub const KEY: &str = "key";
    /// The key before analysts' merges, where a merge applied.
    pub const MERGED_FROM: &str = "merged_from";
    /// The entity in its period: period index above the key; null for rows
    /// that are not counted (structure, superseded, rejected).
    pub const EK: &str = "entity_in_period";
    /// The row is the first source of its entity in its period.
    pub const FIRST: &str = "first";
    pub const DEC_NAME: &str = "decided_name";
    pub const DEC_CATEGORY: &str = "decided_category";
    pub const DEC_LEVEL: &str = "decided_level";
    pub const DEC_STATUS: &str = "decided_status";
}

/// The sorted periods of a batch; a row's period index points into it.
pub(crate) fn periods(returns: &[Return]) -> Vec<&str> {
    let mut p: Vec<&str> = returns.iter().map(|r| r.period.as_str()).collect();
    p.sort_unstable();
    p.dedup();
    p
}

/// Builds the frame; each column is filled by its own task.
pub(crate) fn frame(returns: &[Return], uses: &[ReturnUse]) -> PolarsResult<DataFrame> {
    use crate::cols::{
        EXTRA, KIND, NAME, OWNER, PERIOD, POSITION, SOURCE_FILE, SOURCE_ROW, SOURCE_SHEET, UNIT,
    };
    use c::*;
    let n: usize = returns.iter().map(|r| r.rows.len()).sum();
    let periods = periods(returns);
    let each = || {
        returns
            .iter()
            .zip(uses)
            .flat_map(|(r, u)| r.rows.iter().map(move |row| (r, u, row)))
    };
    let names = [
        SEQ,
        PI,
        PERIOD,
        SOURCE_FILE,
        SOURCE_SHEET,
        SOURCE_ROW,
        UNIT,
        KIND,
        SUBJECT,
        USED,
        NAME,
        OWNER,
        POSITION,
        CATEGORY_LABEL,
        LEVEL_LABEL,
        STATUS_LABEL,
        COMMENDATION_LABEL,
        EXTRA,
        NOTE,
    ];
    let text = |name: &str, f: fn(&Return, &ReturnUse, &SourceRow) -> &'static str| {
        strings(name, n, each().map(|(r, u, row)| f(r, u, row)))
    };
    let field = |name: &str, f: fn(&Entry) -> &str| {
        strings(name, n, each().map(|(_, _, row)| entry(row).map_or("", f)))
    };
    let columns: Vec<Column> = names
        .par_iter()
        .map(|&name| match name {
            SEQ => {
                let len = u32::try_from(n).unwrap_or(u32::MAX);
                let mut seq = UInt32Chunked::from_vec(name.into(), (0..len).collect());
                seq.set_sorted_flag(polars::series::IsSorted::Ascending);
                seq.into_column()
            }
            PI => UInt32Chunked::from_iter_values(
                name.into(),
                each().map(|(r, _, _)| {
                    let i = periods.binary_search(&r.period.as_str()).unwrap_or(0);
                    u32::try_from(i).unwrap_or(u32::MAX)
                }),
            )
            .into_column(),
            PERIOD => strings(name, n, each().map(|(r, _, _)| r.period.as_str())),
            SOURCE_FILE => strings(name, n, each().map(|(r, _, _)| r.rel.as_str())),
            SOURCE_SHEET => strings(name, n, each().map(|(_, _, row)| row.sheet.as_str())),
            SOURCE_ROW => {
                UInt32Chunked::from_iter_values(name.into(), each().map(|(_, _, row)| row.row))
                    .into_column()
            }
            UNIT => strings(name, n, each().map(|(_, u, _)| u.unit.as_str())),
            KIND => text(name, |_, _, row| row.kind.code()),
            SUBJECT => StringChunked::from_iter_options(
                name.into(),
                each().map(|(_, _, row)| {
                    entry(row)?;
                    row.kind.subject().map(ids::tag)
                }),
            )
            .into_column(),
            USED => BooleanChunked::from_iter_values(
                name.into(),
                each().map(|(_, u, _)| u.state == ReturnState::Used),
            )
            .into_column(),
            NAME => field(name, |e| &e.name),
            OWNER => field(name, |e| &e.owner),
            POSITION => field(name, |e| &e.position),
            CATEGORY_LABEL => field(name, |e| &e.category),
            LEVEL_LABEL => field(name, |e| &e.level),
            STATUS_LABEL => field(name, |e| &e.status),
            COMMENDATION_LABEL => field(name, |e| &e.commendation),
            EXTRA => {
                let mut b = StringChunkedBuilder::new(name.into(), n);
                let mut buf = String::new();
                for (_, _, row) in each() {
                    buf.clear();
                    if let Some(e) = entry(row) {
                        for (i, (h, v)) in e.extra.iter().enumerate() {
                            if i > 0 {
                                buf.push_str("; ");
                            }
                            buf.push_str(h);
                            buf.push_str(": ");
                            buf.push_str(v);
                        }
                    }
                    b.append_value(buf.as_str());
                }
                b.finish().into_column()
            }
            NOTE => text(name, |_, _, row| row.reason),
            // Every name above has its arm; a new one without is caught by the test.
            _ => Column::full_null(name.into(), n, &DataType::String),
        })
        .collect();
    DataFrame::new_infer_height(columns)
}

/// The entry of a row that is a model or an exemplar.
fn entry(row: &SourceRow) -> Option<&Entry> {
    row.kind.subject().and(row.entry.as_ref())
}

fn strings<'a>(name: &str, n: usize, values: impl Iterator<Item = &'a str>) -> Column {
    let mut b = StringChunkedBuilder::new(name.into(), n);
    for v in values {
        b.append_value(v);
    }
    b.finish().into_column()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::choose_returns;
    use tonghop_core::{RowKind, UnitMatch};

    /// Each column of the frame carries its own field: a field added to the
    /// list of names without its arm (or an arm reading the wrong field) fails.
    #[test]
    fn every_column_carries_its_own_field() {
        let mut r = Return::new("P/A.xlsx".into(), "P/A.xlsx", "P");
        r.readable = true;
        r.unit = UnitMatch {
            code: Some("A".into()),
            name: "A".into(),
            evidence: String::new(),
        };
        r.rows = vec![SourceRow {
            sheet: "sheet".into(),
            row: 7,
            kind: RowKind::Model,
            entry: Some(Entry {
                name: "name".into(),
                owner: "owner".into(),
                position: "position".into(),
                category: "category".into(),
                level: "level".into(),
                status: "status".into(),
                commendation: "commendation".into(),
                extra: vec![("h".into(), "v".into())],
            }),
            reason: "note",
        }];
        let (uses, _) = choose_returns(std::slice::from_ref(&r));
        let df = frame(std::slice::from_ref(&r), &uses).unwrap();
        let text = |c: &str| {
            df.column(c)
                .unwrap()
                .str()
                .unwrap()
                .get(0)
                .map(str::to_owned)
        };
        use crate::cols::*;
        use c::*;
        for (column, want) in [
            (PERIOD, "P"),
            (SOURCE_FILE, "P/A.xlsx"),
            (SOURCE_SHEET, "sheet"),
            (UNIT, "A"),
            (KIND, "model"),
            (SUBJECT, "model"),
            (NAME, "name"),
            (OWNER, "owner"),
            (POSITION, "position"),
            (CATEGORY_LABEL, "category"),
            (LEVEL_LABEL, "level"),
            (STATUS_LABEL, "status"),
            (COMMENDATION_LABEL, "commendation"),
            (EXTRA, "h: v"),
            (NOTE, "note"),
        ] {
            assert_eq!(text(column).as_deref(), Some(want), "{column}");
        }
        assert_eq!(
            df.column(SOURCE_ROW).unwrap().u32().unwrap().get(0),
            Some(7)
        );
        assert_eq!(df.width(), 19, "{:?}", df.get_column_names());
    }
}
