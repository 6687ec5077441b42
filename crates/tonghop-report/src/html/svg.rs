//! The page's charts as inline SVG: no script is needed to see them, each
//! part says its number on hover (`<title>`), and a part that stands for rows
//! carries the same link as the table beside it. Text is the page's font;
//! every text is escaped.

use super::esc;
use std::fmt::Write;

/// The colours of `bieu-do/` (they differ in lightness, for grey print).
pub(crate) const DARK: &str = "#1f3b73";
pub(crate) const MID: &str = "#4f81c7";
pub(crate) const LIGHT: &str = "#a9c4eb";
pub(crate) const GREY: &str = "#c8c8c8";
pub(crate) const RED: &str = "#b03a2e";
pub(crate) const GREEN: &str = "#2e7d32";

/// One part of a bar: its value and, when it stands for rows, the link's
/// attributes (`class`, `data-q`, `data-n`).
pub(crate) struct Part {
    pub value: u64,
    pub link: String,
}

/// One bar: its label and its parts, one per series.
pub(crate) struct Bar {
    pub label: String,
    pub parts: Vec<Part>,
}

const WIDTH: i64 = 720;

/// Cuts `text` to about `chars` characters on a word, with an ellipsis.
fn cut(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_owned();
    }
    let mut out = String::new();
    for word in text.split(' ') {
        if out.chars().count() + word.chars().count() + 1 > chars.saturating_sub(1) {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = text.chars().take(chars.saturating_sub(1)).collect();
    }
    out.push('…');
    out
}

/// Splits `text` into lines of about `chars` characters, at most `max`.
fn lines(text: &str, chars: usize, max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match out.last_mut() {
            Some(line) if line.chars().count() + word.chars().count() < chars => {
                line.push(' ');
                line.push_str(word);
            }
            _ => out.push(word.to_owned()),
        }
    }
    if out.len() > max {
        let rest = out.split_off(max - 1).join(" ");
        out.push(cut(&rest, chars));
    }
    out
}

fn legend(svg: &mut String, series: &[(&str, &str)], y: i64) {
    let mut x = 4i64;
    for (name, colour) in series {
        let _ = write!(
            svg,
            r#"<rect x="{x}" y="{}" width="12" height="12" fill="{colour}"/><text x="{}" y="{y}" class="lg">{}</text>"#,
            y - 10,
            x + 16,
            esc(name)
        );
        x += 16 + 8 * i64::try_from(name.chars().count()).unwrap_or(10) + 24;
    }
}

#[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
fn scale(v: u64, max: u64, px: i64) -> i64 {
    if max == 0 {
        return 0;
    }
    (v as f64 / max as f64 * px as f64).round() as i64
}

/// Horizontal stacked bars, labels on the left: long Vietnamese names stay
/// readable. `series` names and colours the parts.
pub(crate) fn hbars(title: &str, series: &[(&str, &str)], bars: &[Bar]) -> String {
    hbars_in((WIDTH, 250, 36), title, series, bars)
}

/// [`hbars`] across the page's width, for labels too long for half of it.
pub(crate) fn hbars_wide(title: &str, series: &[(&str, &str)], bars: &[Bar]) -> String {
    hbars_in((1100, 470, 66), title, series, bars)
}

/// `(width, left, chars)`: the picture's width, the room of the labels on its
/// left and how many characters of a label fit there.
fn hbars_in(
    (width, left, chars): (i64, i64, usize),
    title: &str,
    series: &[(&str, &str)],
    bars: &[Bar],
) -> String {
    let (right, row, top) = (64i64, 26i64, 34i64);
    let height = top + row * i64::try_from(bars.len()).unwrap_or(0) + 8;
    let max = bars
        .iter()
        .map(|b| b.parts.iter().map(|p| p.value).sum::<u64>())
        .max()
        .unwrap_or(0);
    let room = width - left - right;
    let mut svg = format!(
        r#"<svg viewBox="0 0 {width} {height}" role="img" aria-label="{}"><title>{}</title>"#,
        esc(title),
        esc(title)
    );
    if series.len() > 1 {
        legend(&mut svg, series, 18);
    }
    for (i, b) in bars.iter().enumerate() {
        let y = top + row * i64::try_from(i).unwrap_or(0);
        let total: u64 = b.parts.iter().map(|p| p.value).sum();
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" class="lb" text-anchor="end"><title>{}</title>{}</text>"#,
            left - 6,
            y + 16,
            esc(&b.label),
            esc(&cut(&b.label, chars))
        );
        let mut x = left;
        let mut done = 0u64;
        for (part, (name, colour)) in b.parts.iter().zip(series) {
            if part.value == 0 {
                continue;
            }
            done += part.value;
            let end = left + scale(done, max, room);
            let w = (end - x).max(1);
            let _ = write!(
                svg,
                r#"<rect x="{x}" y="{}" width="{w}" height="{}" fill="{colour}"{}><title>{} — {}: {}</title></rect>"#,
                y + 3,
                row - 8,
                part.link,
                esc(&b.label),
                esc(name),
                crate::format_int(part.value)
            );
            x = end;
        }
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" class="v">{}</text>"#,
            x + 6,
            y + 16,
            crate::format_int(total)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Vertical grouped bars: one group per label (a period), one bar per series.
pub(crate) fn vbars(title: &str, series: &[(&str, &str)], groups: &[Bar]) -> String {
    let (height, top, bottom, left) = (280i64, 34i64, 48i64, 10i64);
    let max = groups
        .iter()
        .flat_map(|g| g.parts.iter().map(|p| p.value))
        .max()
        .unwrap_or(0);
    let n = i64::try_from(groups.len().max(1)).unwrap_or(1);
    let k = i64::try_from(series.len().max(1)).unwrap_or(1);
    let slot = (WIDTH - 2 * left) / n;
    let bar = ((slot - 24) / k).clamp(8, 90);
    let room = height - top - bottom - 18;
    let base = height - bottom;
    let mut svg = format!(
        r#"<svg viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{}"><title>{}</title>"#,
        esc(title),
        esc(title)
    );
    legend(&mut svg, series, 18);
    let _ = write!(
        svg,
        r##"<line x1="{left}" x2="{}" y1="{base}" y2="{base}" stroke="#888"/>"##,
        WIDTH - left
    );
    for (g, group) in groups.iter().enumerate() {
        let x0 = left + slot * i64::try_from(g).unwrap_or(0) + (slot - bar * k) / 2;
        for (j, (part, (name, colour))) in group.parts.iter().zip(series).enumerate() {
            let h = scale(part.value, max, room);
            let x = x0 + bar * i64::try_from(j).unwrap_or(0);
            let _ = write!(
                svg,
                r#"<rect x="{x}" y="{}" width="{}" height="{h}" fill="{colour}"{}><title>{} — {}: {}</title></rect><text x="{}" y="{}" class="v" text-anchor="middle">{}</text>"#,
                base - h,
                bar - 4,
                part.link,
                esc(&group.label),
                esc(name),
                crate::format_int(part.value),
                x + (bar - 4) / 2,
                base - h - 4,
                crate::format_int(part.value)
            );
        }
        for (l, line) in lines(&group.label, 22, 2).iter().enumerate() {
            let _ = write!(
                svg,
                r#"<text x="{}" y="{}" class="lb" text-anchor="middle">{}</text>"#,
                left + slot * i64::try_from(g).unwrap_or(0) + slot / 2,
                base + 18 + 16 * i64::try_from(l).unwrap_or(0),
                esc(line)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// One step of a waterfall: its label, its signed change (the first and the
/// last are totals) and its link.
pub(crate) struct Step {
    pub label: String,
    pub value: i64,
    pub link: String,
}

/// The bridge as a waterfall: the opening total, each term up or down, the
/// closing total. The axis starts near the lowest running value when the
/// changes are small beside the totals, and says so.
pub(crate) fn waterfall(title: &str, opening: &Step, steps: &[Step], closing: &Step) -> String {
    let (height, top, bottom, left) = (300i64, 30i64, 56i64, 10i64);
    let mut bars: Vec<(&Step, i64, i64, &str)> = vec![(opening, 0, opening.value, DARK)];
    let mut running = opening.value;
    for s in steps {
        let next = running + s.value;
        bars.push((s, running, next, if s.value >= 0 { GREEN } else { RED }));
        running = next;
    }
    bars.push((closing, 0, closing.value, DARK));
    let max = bars.iter().map(|b| b.1.max(b.2)).max().unwrap_or(1).max(1);
    let low = bars[1..bars.len() - 1]
        .iter()
        .map(|b| b.1.min(b.2))
        .min()
        .unwrap_or(0);
    let floor = if low > max / 5 {
        (low * 4 / 5) / 10 * 10
    } else {
        0
    };
    let room = height - top - bottom;
    let base = height - bottom;
    #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
    let y = |v: i64| -> i64 {
        base - ((v - floor).max(0) as f64 / (max - floor).max(1) as f64 * room as f64).round()
            as i64
    };
    let mut svg = format!(
        r#"<svg viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{}"><title>{}</title>"#,
        esc(title),
        esc(title)
    );
    if floor > 0 {
        let _ = write!(
            svg,
            r#"<text x="{left}" y="16" class="lg">Trục dọc bắt đầu từ {}</text>"#,
            crate::format_int(u64::try_from(floor).unwrap_or(0))
        );
    }
    let _ = write!(
        svg,
        r##"<line x1="{left}" x2="{}" y1="{base}" y2="{base}" stroke="#888"/>"##,
        WIDTH - left
    );
    let slot = (WIDTH - 2 * left) / i64::try_from(bars.len()).unwrap_or(1);
    for (i, (step, from, to, colour)) in bars.iter().enumerate() {
        let x = left + slot * i64::try_from(i).unwrap_or(0) + 8;
        let (a, b) = (y(*from.max(to)), y(*from.min(to)));
        let shown = if i == 0 || i == bars.len() - 1 {
            crate::format_int(u64::try_from(step.value).unwrap_or(0))
        } else if step.value >= 0 {
            format!("+{}", crate::format_int(step.value.unsigned_abs()))
        } else {
            format!("−{}", crate::format_int(step.value.unsigned_abs()))
        };
        let _ = write!(
            svg,
            r#"<rect x="{x}" y="{a}" width="{}" height="{}" fill="{colour}"{}><title>{}: {shown}</title></rect><text x="{}" y="{}" class="v" text-anchor="middle">{shown}</text>"#,
            slot - 16,
            (b - a).max(1),
            step.link,
            esc(&step.label),
            x + (slot - 16) / 2,
            a - 4
        );
        for (l, line) in lines(&step.label, 13, 3).iter().enumerate() {
            let _ = write!(
                svg,
                r#"<text x="{}" y="{}" class="lb" text-anchor="middle">{}</text>"#,
                x + (slot - 16) / 2,
                base + 16 + 14 * i64::try_from(l).unwrap_or(0),
                esc(line)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_cut_on_words_and_wrapped() {
        assert_eq!(cut("Chi bộ Sở Tư pháp", 40), "Chi bộ Sở Tư pháp");
        assert_eq!(
            cut("Đảng bộ Sở Giao thông vận tải tỉnh", 20),
            "Đảng bộ Sở Giao…"
        );
        assert_eq!(
            lines("Loại khỏi danh sách", 13, 3),
            vec!["Loại khỏi", "danh sách"]
        );
        assert_eq!(lines("a b c d e f g h", 4, 2).len(), 2);
    }

    #[test]
    fn a_hostile_label_is_text_not_markup() {
        let svg = hbars(
            "t",
            &[("x", DARK)],
            &[Bar {
                label: "</svg><script>alert(1)</script>".to_owned(),
                parts: vec![Part {
                    value: 3,
                    link: String::new(),
                }],
            }],
        );
        assert!(!svg.contains("<script"), "{svg}");
        assert!(svg.contains("&lt;script&gt;"));
    }
}
