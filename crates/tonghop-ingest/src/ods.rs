//! The merged cells of an OpenDocument spreadsheet, which calamine does not
//! give: read from `content.xml` (`table:number-rows-spanned`, with rows and
//! cells counted through their `…-repeated` attributes).

use crate::cells::Region;
use std::io::Read;

/// The merged regions of the sheet named `sheet`, 0-based as calamine's
/// positions; empty when the file is not a readable .ods.
pub(crate) fn merged_regions(bytes: &[u8], sheet: &str) -> Vec<Region> {
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Vec::new();
    };
    let Ok(mut entry) = archive.by_name("content.xml") else {
        return Vec::new();
    };
    let mut xml = String::new();
    if entry.read_to_string(&mut xml).is_err() {
        return Vec::new();
    }
    regions_in(&xml, sheet)
}

/// The value of attribute `name` in a tag's text.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let rest = &tag[at..];
    rest.find('"').map(|end| &rest[..end])
}

fn count(tag: &str, name: &str) -> u32 {
    attr(tag, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1)
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn regions_in(xml: &str, sheet: &str) -> Vec<Region> {
    let mut out = Vec::new();
    let mut in_sheet = false;
    let (mut row, mut col) = (0u32, 0u32);
    let mut rows_repeated = 1u32;
    let mut pos = 0;
    while let Some(open) = xml[pos..].find('<') {
        let start = pos + open;
        let Some(len) = xml[start..].find('>') else {
            break;
        };
        let tag = &xml[start + 1..start + len];
        pos = start + len + 1;
        let closing = tag.starts_with('/');
        let empty = tag.ends_with('/');
        let name = tag
            .trim_start_matches('/')
            .split([' ', '/'])
            .next()
            .unwrap_or("");
        match name {
            "table:table" if !closing => {
                if in_sheet {
                    break;
                }
                in_sheet = attr(tag, "table:name").is_some_and(|n| unescape(n) == sheet);
                row = 0;
            }
            "table:table" if closing && in_sheet => break,
            _ if !in_sheet => {}
            "table:table-row" if !closing => {
                col = 0;
                rows_repeated = count(tag, "table:number-rows-repeated");
                if empty {
                    row = row.saturating_add(rows_repeated);
                }
            }
            "table:table-row" => row = row.saturating_add(rows_repeated),
            "table:table-cell" | "table:covered-table-cell" if !closing => {
                let rows = count(tag, "table:number-rows-spanned");
                let cols = count(tag, "table:number-columns-spanned");
                if name == "table:table-cell" && (rows > 1 || cols > 1) {
                    out.push(((row, col), (row + rows - 1, col + cols - 1)));
                }
                col = col.saturating_add(count(tag, "table:number-columns-repeated"));
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_counted_through_repeated_rows_and_cells() {
        let xml = r#"<office:body><table:table table:name="Khác"><table:table-row><table:table-cell/></table:table-row></table:table><table:table table:name="Mô hình">
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>1</text:p></table:table-cell><table:table-cell table:number-rows-spanned="3" table:number-columns-spanned="1"><text:p>Khoa Nội</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell/><table:covered-table-cell/></table:table-row>
</table:table>"#;
        assert_eq!(regions_in(xml, "Mô hình"), vec![((2, 1), (4, 1))]);
        assert!(regions_in(xml, "Khác").is_empty());
        assert!(regions_in(xml, "Không có").is_empty());
    }
}
