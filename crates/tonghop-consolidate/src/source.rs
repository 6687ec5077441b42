//! The rows read by ingest as polars frames: where the consolidation
//! pipelines start. The entries (models, exemplars) in one frame, the other
//! rows (titles, headers, totals, blanks…) in another with only what the
//! lineage says of them; both in reading order (`seq`).

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
    /// Whether the row's return is the one used for its unit and period
    /// (0), and if not, why: superseded, a copy, excluded (see
    /// `ReturnState::aside`).
    pub const ASIDE: &str = "aside";
    /// Index of the row's return in the batch.
    pub const RI: &str = "return_index";
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
    /// The status the row itself states, before the analysts' decisions.
    pub const ROW_STATUS: &str = "row_status";
}

/// The sorted periods of a batch; a row's period index points into it.
pub(crate) fn periods(returns: &[Return]) -> Vec<&str> {
    let mut p: Vec<&str> = returns.iter().map(|r| r.period.as_str()).collect();
    p.sort_unstable();
    p.dedup();
    p
}

/// The rows read, as polars columns: built part by part while the returns are
/// read ([`Source::take`] moves each batch's rows in), so that a national batch
/// never holds every row twice — once as strings on the returns, once in the
/// frame. Columns that depend on the whole batch (the period index, whether a
/// return is the one used) are added by `Source::frames`.
#[derive(Default)]
pub struct Source {
    /// Entry rows (models and exemplars): every column.
    parts: Vec<DataFrame>,
    /// The other rows (titles, headers, sections, totals, blanks, footers):
    /// only what the lineage says of them.
    others: Vec<DataFrame>,
    returns: usize,
    rows: usize,
}

/// The rows read, split: the entries, which the pipelines consolidate, and
/// the other rows, which only the lineage lists. Both carry `seq`, the row's
/// place in reading order.
pub(crate) struct Frames {
    pub(crate) entries: DataFrame,
    pub(crate) others: DataFrame,
}

impl Source {
    /// An empty store.
    #[must_use]
    pub fn new() -> Source {
        Source::default()
    }

    /// Moves the rows of the next returns (in the batch's final order) into
    /// the store; the returns keep their metadata (sheets, totals, findings).
    ///
    /// # Errors
    /// Only when polars fails on the columns built here (a bug, not bad input).
    pub fn take(&mut self, returns: &mut [Return]) -> PolarsResult<()> {
        let (entries, others) = part(returns, self.returns, self.rows)?;
        self.returns += returns.len();
        self.rows += entries.height() + others.height();
        for r in returns {
            r.rows = Vec::new();
        }
        self.parts.push(entries);
        self.others.push(others);
        Ok(())
    }

    /// The entries, with each row's period index and whether its return is
    /// the one used, and the other rows.
    pub(crate) fn frames(self, returns: &[Return], uses: &[ReturnUse]) -> PolarsResult<Frames> {
        if self.returns != returns.len() {
            return Err(PolarsError::ComputeError(
                format!(
                    "bảng dòng có dòng của {} báo cáo, đợt có {} báo cáo (lỗi chương trình)",
                    self.returns,
                    returns.len()
                )
                .into(),
            ));
        }
        let stack = |parts: Vec<DataFrame>, empty: DataFrame| -> PolarsResult<DataFrame> {
            let mut parts = parts.into_iter();
            let mut frame = parts.next().unwrap_or(empty);
            for p in parts {
                frame.vstack_mut_owned(p)?;
            }
            sorted_seq(&mut frame)?;
            Ok(frame)
        };
        let (empty, no_others) = part(&[], 0, 0)?;
        let others = stack(self.others, no_others)?;
        let mut frame = stack(self.parts, empty)?;
        let periods = periods(returns);
        let index: Vec<u32> = returns
            .iter()
            .map(|r| {
                let i = periods.binary_search(&r.period.as_str()).unwrap_or(0);
                u32::try_from(i).unwrap_or(u32::MAX)
            })
            .collect();
        let ri = frame.column(c::RI)?.u32()?.clone();
        let at = |i: Option<u32>| i.and_then(|i| usize::try_from(i).ok());
        let pi = UInt32Chunked::from_iter_values(
            c::PI.into(),
            ri.iter()
                .map(|i| at(i).and_then(|i| index.get(i).copied()).unwrap_or(0)),
        );
        let aside = UInt32Chunked::from_iter_values(
            c::ASIDE.into(),
            ri.iter().map(|i| {
                at(i)
                    .and_then(|i| uses.get(i))
                    .map_or(ReturnState::Unreadable, |u| u.state)
                    .aside()
                    .into()
            }),
        );
        frame.with_column(pi.into_column())?;
        frame.with_column(aside.into_column())?;
        Ok(Frames {
            entries: frame,
            others,
        })
    }
}

/// The entries of each period, in period order (`period_index`): slices of
/// the frame when it is stored period by period (as `ingest_into` reads), a
/// filter otherwise.
pub(crate) fn by_period(entries: DataFrame, periods: usize) -> PolarsResult<Vec<DataFrame>> {
    if entries.height() == 0 {
        // One empty part: the outputs keep their columns.
        return Ok(vec![entries]);
    }
    let pi = entries.column(c::PI)?.u32()?;
    let mut starts = Vec::with_capacity(periods + 1);
    let mut sorted = true;
    let mut last = None;
    for (i, p) in pi.iter().enumerate() {
        if p != last {
            if p < last {
                sorted = false;
                break;
            }
            starts.push((p, i));
            last = p;
        }
    }
    let out: Vec<DataFrame> = if sorted {
        let ends = starts
            .iter()
            .skip(1)
            .map(|&(_, i)| i)
            .chain(std::iter::once(entries.height()));
        starts
            .iter()
            .zip(ends)
            .map(|(&(_, start), end)| {
                entries.slice(i64::try_from(start).unwrap_or(i64::MAX), end - start)
            })
            .collect()
    } else {
        (0..u32::try_from(periods).unwrap_or(u32::MAX))
            .map(|p| {
                entries
                    .clone()
                    .lazy()
                    .filter(col(c::PI).eq(lit(p)))
                    .collect()
            })
            .collect::<PolarsResult<_>>()?
    };
    Ok(out)
}

/// Frames of the same columns, one after the other.
pub(crate) fn stacked(frames: Vec<DataFrame>) -> PolarsResult<DataFrame> {
    let mut frames = frames.into_iter();
    let Some(mut out) = frames.next() else {
        return Err(PolarsError::NoData(
            "không có bảng nào để ghép (lỗi chương trình)".into(),
        ));
    };
    for f in frames {
        out.vstack_mut_owned(f)?;
    }
    Ok(out)
}

/// Marks `seq` as sorted (parts are stored in reading order).
fn sorted_seq(frame: &mut DataFrame) -> PolarsResult<()> {
    let mut seq = frame.column(c::SEQ)?.u32()?.clone();
    seq.set_sorted_flag(polars::series::IsSorted::Ascending);
    frame.with_column(seq.into_column())?;
    Ok(())
}

/// What is the same for every row of a return — its period, file and unit
/// key — held once per return instead of once per row: the frames carry the
/// row's return index, and these columns are gathered from here only into the
/// frames written (a national batch has 1.4 million rows of ~20,000 returns).
pub(crate) struct PerReturn {
    period: StringChunked,
    file: StringChunked,
    unit: StringChunked,
}

impl PerReturn {
    pub(crate) fn new(returns: &[Return], uses: &[ReturnUse]) -> PerReturn {
        let column = |values: Vec<&str>| {
            StringChunked::from_iter_values(PlSmallStr::EMPTY, values.into_iter())
        };
        PerReturn {
            period: column(returns.iter().map(|r| r.period.as_str()).collect()),
            file: column(returns.iter().map(|r| r.rel.as_str()).collect()),
            unit: column(
                (0..returns.len())
                    .map(|i| uses.get(i).map_or("", |u| u.unit.as_str()))
                    .collect(),
            ),
        }
    }

    /// Replaces each of `period`, `source_file` and `unit` that `df` holds as
    /// a return index (`stages::entities`, `stages::lineage`) by the return's
    /// text.
    pub(crate) fn attach(&self, mut df: DataFrame) -> PolarsResult<DataFrame> {
        use crate::cols::{PERIOD, SOURCE_FILE, UNIT};
        for (name, values) in [
            (PERIOD, &self.period),
            (SOURCE_FILE, &self.file),
            (UNIT, &self.unit),
        ] {
            let Some(index) = df.column(name).ok().and_then(|c| c.u32().ok()).cloned() else {
                continue;
            };
            let text = values.take(&index)?.with_name(name.into());
            df.replace(name, text.into_column())?;
        }
        Ok(df)
    }

    /// The text of one row's return (`period`, `file`, `unit`).
    pub(crate) fn of(&self, ri: Option<u32>) -> (&str, &str, &str) {
        fn at(ca: &StringChunked, ri: Option<u32>) -> &str {
            ri.and_then(|i| ca.get(i as usize)).unwrap_or("")
        }
        (at(&self.period, ri), at(&self.file, ri), at(&self.unit, ri))
    }
}

/// One part of the store: its entries and its other rows, each column
/// filled by its own task. `first_return` and `first` are where the part
/// starts in the whole batch (returns, rows in reading order).
fn part(
    returns: &[Return],
    first_return: usize,
    first: usize,
) -> PolarsResult<(DataFrame, DataFrame)> {
    use crate::cols::{EXTRA, KIND, NAME, OWNER, POSITION, RATINGS, SOURCE_ROW, SOURCE_SHEET};
    use c::*;
    // (place in reading order, return index, row)
    let all = || {
        returns
            .iter()
            .enumerate()
            .flat_map(|(i, r)| r.rows.iter().map(move |row| (first_return + i, row)))
            .enumerate()
            .map(move |(k, (i, row))| (first + k, i, row))
    };
    let entries = [
        SEQ,
        RI,
        SOURCE_SHEET,
        SOURCE_ROW,
        KIND,
        SUBJECT,
        NAME,
        OWNER,
        POSITION,
        CATEGORY_LABEL,
        LEVEL_LABEL,
        STATUS_LABEL,
        COMMENDATION_LABEL,
        RATINGS,
        EXTRA,
    ];
    let others = [SEQ, RI, SOURCE_SHEET, SOURCE_ROW, KIND, NOTE];
    let (entries, others) = rayon::join(
        || {
            columns(&entries, || {
                all().filter(|(_, _, row)| entry(row).is_some())
            })
        },
        || columns(&others, || all().filter(|(_, _, row)| entry(row).is_none())),
    );
    Ok((entries?, others?))
}

/// The named columns of the rows `each` gives, each filled by its own task.
fn columns<'a, I>(names: &[&str], each: impl Fn() -> I + Sync) -> PolarsResult<DataFrame>
where
    I: Iterator<Item = (usize, usize, &'a SourceRow)>,
{
    use crate::cols::{EXTRA, KIND, NAME, OWNER, POSITION, RATINGS, SOURCE_ROW, SOURCE_SHEET};
    use c::*;
    let n = each().count();
    let text = |name: &str, f: fn(&SourceRow) -> &'static str| {
        repeated(name, n, each().map(|(_, _, row)| f(row)))
    };
    // Every field but the name repeats from row to row.
    let field = |name: &str, f: fn(&Entry) -> &str| {
        repeated(name, n, each().map(|(_, _, row)| entry(row).map_or("", f)))
    };
    let columns = names
        .par_iter()
        .map(|&name| -> PolarsResult<Column> {
            Ok(match name {
                SEQ => UInt32Chunked::from_iter_values(
                    name.into(),
                    each().map(|(k, _, _)| u32::try_from(k).unwrap_or(u32::MAX)),
                )
                .into_column(),
                RI => UInt32Chunked::from_iter_values(
                    name.into(),
                    each().map(|(_, i, _)| u32::try_from(i).unwrap_or(u32::MAX)),
                )
                .into_column(),
                SOURCE_SHEET => repeated(name, n, each().map(|(_, _, row)| row.sheet.as_str()))?,
                SOURCE_ROW => {
                    UInt32Chunked::from_iter_values(name.into(), each().map(|(_, _, row)| row.row))
                        .into_column()
                }
                KIND => text(name, |row| row.kind.code())?,
                SUBJECT => StringChunked::from_iter_options(
                    name.into(),
                    each().map(|(_, _, row)| {
                        entry(row)?;
                        row.kind.subject().map(ids::tag)
                    }),
                )
                .into_column(),
                NAME => strings(
                    name,
                    n,
                    each().map(|(_, _, row)| entry(row).map_or("", |e| e.name.as_str())),
                ),
                OWNER => field(name, |e| &e.owner)?,
                POSITION => field(name, |e| &e.position)?,
                CATEGORY_LABEL => field(name, |e| &e.category)?,
                LEVEL_LABEL => field(name, |e| &e.level)?,
                STATUS_LABEL => field(name, |e| &e.status)?,
                COMMENDATION_LABEL => field(name, |e| &e.commendation)?,
                RATINGS => field(name, |e| &e.ratings)?,
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
                NOTE => text(name, |row| row.reason)?,
                // Every name above has its arm; a new one without is caught by the test.
                _ => Column::full_null(name.into(), n, &DataType::String),
            })
        })
        .collect::<PolarsResult<Vec<Column>>>()?;
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

/// A text column whose values repeat (a sheet's name, an implementing unit, a
/// level as written, why a row is not an entry): each distinct value is
/// stored once and every row points to it, where polars would otherwise keep
/// a copy of every value longer than 12 bytes.
fn repeated<'a>(
    name: &str,
    n: usize,
    values: impl Iterator<Item = &'a str>,
) -> PolarsResult<Column> {
    let mut seen: PlHashMap<&str, IdxSize> = PlHashMap::new();
    let mut distinct: Vec<&str> = Vec::new();
    let mut index: Vec<IdxSize> = Vec::with_capacity(n);
    for v in values {
        let i = *seen.entry(v).or_insert_with(|| {
            distinct.push(v);
            IdxSize::try_from(distinct.len() - 1).unwrap_or(IdxSize::MAX)
        });
        index.push(i);
    }
    let distinct = StringChunked::from_iter_values(name.into(), distinct.into_iter());
    let index = IdxCa::from_vec(PlSmallStr::EMPTY, index);
    Ok(distinct.take(&index)?.into_column())
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
            ..UnitMatch::default()
        };
        let header = SourceRow {
            sheet: "sheet".into(),
            row: 6,
            kind: RowKind::Header,
            entry: None,
            reason: "dòng tiêu đề cột",
        };
        r.rows = vec![
            header,
            SourceRow {
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
                    ratings: "2021: HTT".into(),
                    extra: vec![("h".into(), "v".into())],
                }),
                reason: "note",
            },
        ];
        let (uses, _) = choose_returns(
            std::slice::from_ref(&r),
            &tonghop_core::Reference::default(),
        );
        let mut returns = [r];
        let mut source = Source::new();
        source.take(&mut returns).unwrap();
        let Frames {
            entries: df,
            others,
        } = source.frames(&returns, &uses).unwrap();
        // The header row is kept apart with what the lineage says of it.
        assert_eq!(df.height(), 1);
        assert_eq!(others.height(), 1);
        assert_eq!(others.column(SEQ).unwrap().u32().unwrap().get(0), Some(0));
        assert_eq!(df.column(SEQ).unwrap().u32().unwrap().get(0), Some(1));
        assert_eq!(
            others.column(NOTE).unwrap().str().unwrap().get(0),
            Some("dòng tiêu đề cột")
        );
        assert_eq!(
            others.column(KIND).unwrap().str().unwrap().get(0),
            Some("header")
        );
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
            (SOURCE_SHEET, "sheet"),
            (KIND, "model"),
            (SUBJECT, "model"),
            (NAME, "name"),
            (OWNER, "owner"),
            (POSITION, "position"),
            (CATEGORY_LABEL, "category"),
            (LEVEL_LABEL, "level"),
            (STATUS_LABEL, "status"),
            (COMMENDATION_LABEL, "commendation"),
            (RATINGS, "2021: HTT"),
            (EXTRA, "h: v"),
        ] {
            assert_eq!(text(column).as_deref(), Some(want), "{column}");
        }
        assert_eq!(
            df.column(SOURCE_ROW).unwrap().u32().unwrap().get(0),
            Some(7)
        );
        assert_eq!(df.width(), 17, "{:?}", df.get_column_names());
        // The return's own text, once per return, gathered where written.
        let per_return = PerReturn::new(&returns, &uses);
        assert_eq!(per_return.of(Some(0)), ("P", "P/A.xlsx", "A"));
        assert_eq!(per_return.of(None), ("", "", ""));
        let index = || Column::new("x".into(), [0u32, 0]);
        let written = per_return
            .attach(
                DataFrame::new_infer_height(vec![
                    index().with_name(PERIOD.into()),
                    Column::new(NAME.into(), ["a", "b"]),
                    index().with_name(UNIT.into()),
                    index().with_name(SOURCE_FILE.into()),
                ])
                .unwrap(),
            )
            .unwrap();
        let names: Vec<&str> = written
            .get_column_names()
            .iter()
            .map(|n| n.as_str())
            .collect();
        assert_eq!(names, [PERIOD, NAME, UNIT, SOURCE_FILE]);
        assert_eq!(
            written.column(SOURCE_FILE).unwrap().str().unwrap().get(1),
            Some("P/A.xlsx")
        );
        assert_eq!(
            written.column(UNIT).unwrap().str().unwrap().get(0),
            Some("A")
        );
    }

    /// A repeated text is kept once: the values read back whole, in order,
    /// with one copy of each distinct text behind them.
    #[test]
    fn repeated_text_is_stored_once() {
        let long = "Cán bộ, công chức cơ quan Đảng bộ Sở Thông tin và Truyền thông";
        let other = "Đảng viên";
        let values: Vec<&str> = (0..1000)
            .map(|i| if i % 3 == 0 { other } else { long })
            .collect();
        let column = repeated("x", values.len(), values.iter().copied()).unwrap();
        let ca = column.str().unwrap();
        let back: Vec<&str> = ca.iter().map(Option::unwrap_or_default).collect();
        assert_eq!(back, values);
        let buffers: usize = ca.downcast_iter().map(|a| a.total_buffer_len()).sum();
        assert!(
            buffers <= long.len() + other.len(),
            "{buffers} bytes behind 1,000 values"
        );
    }
}
