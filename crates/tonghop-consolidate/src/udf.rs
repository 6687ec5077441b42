//! The few steps polars has no expression for — Vietnamese matching keys, the
//! campaign's codes, stable ids — as column functions used inside the lazy
//! pipelines. Each runs over its column in parallel parts and writes straight
//! into polars buffers.

use polars::prelude::*;
use rayon::prelude::*;

/// Rows per part below which a column is not split.
const MIN_PART: usize = 50_000;

/// The parts a column of `n` rows is cut into: (offset, length).
fn parts(n: usize) -> Vec<(usize, usize)> {
    let step = n
        .div_ceil(rayon::current_num_threads().max(1))
        .max(MIN_PART);
    (0..n).step_by(step).map(|s| (s, step.min(n - s))).collect()
}

/// Runs `f` on each part (offset, length) of a column of `n` rows in
/// parallel and glues the results back in order.
fn in_parts<T, F>(n: usize, name: PlSmallStr, f: F) -> PolarsResult<ChunkedArray<T>>
where
    T: PolarsDataType<IsNested = FalseT, IsObject = FalseT>,
    for<'a> T::Physical<'a>: polars::polars_utils::total_ord::TotalOrd,
    F: Fn(i64, usize) -> ChunkedArray<T> + Sync,
{
    let pieces: Vec<ChunkedArray<T>> = parts(n)
        .into_par_iter()
        .map(|(offset, len)| f(i64::try_from(offset).unwrap_or(i64::MAX), len))
        .collect();
    let mut iter = pieces.into_iter();
    let Some(mut out) = iter.next() else {
        return Ok(f(0, 0).with_name(name));
    };
    for p in iter {
        out.append_owned(p)?;
    }
    Ok(out.with_name(name))
}

/// A text column mapped value by value: `f` appends the result for one value
/// to the buffer it is given. Nulls stay null. With `repeat`, each distinct
/// value is mapped once per part (for columns such as owners or labels that
/// repeat across thousands of rows).
pub(crate) fn text<F>(input: Expr, repeat: bool, f: F) -> Expr
where
    F: Fn(&str, &mut String) + Send + Sync + 'static,
{
    input.map(
        move |c: Column| {
            let ca = c.str()?;
            let out = in_parts(ca.len(), c.name().clone(), |offset, len| {
                map_part(&ca.slice(offset, len), repeat, &f)
            })?;
            Ok(out.into_column())
        },
        |_, field| Ok(Field::new(field.name().clone(), DataType::String)),
    )
}

fn map_part<F: Fn(&str, &mut String)>(part: &StringChunked, repeat: bool, f: &F) -> StringChunked {
    let mut b = StringChunkedBuilder::new(part.name().clone(), part.len());
    let mut buf = String::new();
    let mut seen: PlHashMap<&str, String> = PlHashMap::new();
    for v in part.iter() {
        let Some(s) = v else {
            b.append_null();
            continue;
        };
        if repeat {
            let mapped = seen.entry(s).or_insert_with(|| {
                let mut out = String::new();
                f(s, &mut out);
                out
            });
            b.append_value(mapped.as_str());
        } else {
            buf.clear();
            f(s, &mut buf);
            b.append_value(buf.as_str());
        }
    }
    b.finish()
}

/// A text column to static codes (levels, statuses), each distinct value read once.
pub(crate) fn code<F>(input: Expr, f: F) -> Expr
where
    F: Fn(&str) -> &'static str + Send + Sync + 'static,
{
    text(input, true, move |s, out| out.push_str(f(s)))
}

/// The entity key of each row from (subject, name key, owner key): see [`crate::ids`].
pub(crate) fn entity_key(subject: Expr, name_key: Expr, owner_key: Expr) -> Expr {
    subject.map_many(
        |c: &mut [Column]| {
            let subject = c[0].str()?;
            let name = c[1].str()?;
            let owner = c[2].str()?;
            let out: UInt64Chunked = subject
                .iter()
                .zip(name.iter())
                .zip(owner.iter())
                .map(|((s, n), o)| match (s, n, o) {
                    (Some(s), Some(n), Some(o)) => {
                        Some(crate::ids::key(crate::ids::subject_of(s), n, o))
                    }
                    _ => None,
                })
                .collect();
            Ok(out.with_name(c[0].name().clone()).into_column())
        },
        &[name_key, owner_key],
        |_, fields| Ok(Field::new(fields[0].name().clone(), DataType::UInt64)),
    )
}

/// The printed id (`MH-…`, `DH-…`) of an entity key column.
pub(crate) fn id_text(key: Expr) -> Expr {
    key.map(
        |c: Column| {
            let ca = c.u64()?;
            let mut b = StringChunkedBuilder::new(c.name().clone(), ca.len());
            let mut buf = String::new();
            for v in ca.iter() {
                match v {
                    Some(k) => {
                        buf.clear();
                        crate::ids::write_id(k, &mut buf);
                        b.append_value(buf.as_str());
                    }
                    None => b.append_null(),
                }
            }
            Ok(b.finish().into_column())
        },
        |_, field| Ok(Field::new(field.name().clone(), DataType::String)),
    )
}

/// The block of a distinct entity for near-duplicate detection: a hash of its
/// period index, subject, owner and the first (or last) word of its name, the
/// text compared without diacritics so that a wrong tone mark stays in the block.
pub(crate) fn block_key(period: Expr, subject: Expr, owner: Expr, name: Expr, last: bool) -> Expr {
    period.map_many(
        move |c: &mut [Column]| {
            let period = c[0].u32()?;
            let subject = c[1].str()?;
            let owner = c[2].str()?;
            let name = c[3].str()?;
            let mut owners: PlHashMap<&str, u64> = PlHashMap::new();
            let mut buf = String::new();
            let out: UInt64Chunked = period
                .iter()
                .zip(subject.iter())
                .zip(owner.iter())
                .zip(name.iter())
                .map(|(((p, s), o), n)| {
                    let (p, s, o, n) = (p?, s?, o?, n?);
                    let owner = *owners.entry(o).or_insert_with(|| {
                        let mut f = String::new();
                        tonghop_text::fold_key_into(o, &mut f);
                        fnv(FNV_START, f.as_bytes())
                    });
                    buf.clear();
                    tonghop_text::fold_key_into(n, &mut buf);
                    let word = if last {
                        buf.rsplit(' ').next()
                    } else {
                        buf.split(' ').next()
                    }
                    .unwrap_or("");
                    let mut h = fnv(FNV_START, &p.to_le_bytes());
                    h = fnv(h, &[0xff, u8::from(last)]);
                    h = fnv(h, s.as_bytes());
                    h = fnv(h, &owner.to_le_bytes());
                    Some(fnv(h, word.as_bytes()))
                })
                .collect();
            Ok(out.with_name(c[0].name().clone()).into_column())
        },
        &[subject, owner, name],
        |_, fields| Ok(Field::new(fields[0].name().clone(), DataType::UInt64)),
    )
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    // A separator, so that fields cannot run into each other.
    h ^= 0x1f;
    h.wrapping_mul(0x0100_0000_01b3)
}
