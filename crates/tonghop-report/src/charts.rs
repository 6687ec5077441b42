//! Charts in `bieu-do/`, each as PNG and SVG, drawn by plotters with a bundled
//! font (DejaVu Sans, which covers Vietnamese) so they render the same on a
//! machine with no fonts installed. Colours differ in lightness as well as hue,
//! so the charts stay readable in grey print.

use crate::{Report, ReportError};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::{register_font, FontStyle};
use std::path::Path;
use std::sync::Once;
use tonghop_core::Level;

const FONT: &str = "sans-serif";
static FONTS: Once = Once::new();

fn fonts() {
    FONTS.call_once(|| {
        let _ = register_font(
            FONT,
            FontStyle::Normal,
            include_bytes!("../../../assets/fonts/DejaVuSans.ttf"),
        );
        let _ = register_font(
            FONT,
            FontStyle::Bold,
            include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf"),
        );
    });
}

const DARK: RGBColor = RGBColor(0x1f, 0x3b, 0x73);
const MID: RGBColor = RGBColor(0x4f, 0x81, 0xc7);
const LIGHT: RGBColor = RGBColor(0xa9, 0xc4, 0xeb);
const GREY: RGBColor = RGBColor(0xd0, 0xd0, 0xd0);
const RED: RGBColor = RGBColor(0xb0, 0x3a, 0x2e);
const GREEN: RGBColor = RGBColor(0x2e, 0x7d, 0x32);

fn level_colour(l: Level) -> RGBColor {
    match l {
        Level::Tinh => DARK,
        Level::Khoi => MID,
        Level::CoSo => LIGHT,
        Level::KhongRo => GREY,
    }
}

/// One primitive of a chart, so one description renders to both backends.
enum Element {
    Rect {
        x0: i32,
        y0: i32,
        x1: i32,
        y1: i32,
        colour: RGBColor,
        filled: bool,
    },
    Line {
        x0: i32,
        y0: i32,
        x1: i32,
        y1: i32,
        colour: RGBColor,
    },
    Text {
        x: i32,
        y: i32,
        text: String,
        size: u32,
        bold: bool,
        anchor: Anchor,
        colour: RGBColor,
    },
}

#[derive(Clone, Copy)]
enum Anchor {
    Left,
    Right,
    Centre,
}

fn render<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    elements: &[Element],
) -> Result<(), String> {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    area.fill(&WHITE).map_err(|e| format!("{e:?}"))?;
    for el in elements {
        let r = match el {
            Element::Rect {
                x0,
                y0,
                x1,
                y1,
                colour,
                filled,
            } => {
                let style = if *filled {
                    colour.filled()
                } else {
                    colour.stroke_width(1)
                };
                area.draw(&Rectangle::new([(*x0, *y0), (*x1, *y1)], style))
            }
            Element::Line {
                x0,
                y0,
                x1,
                y1,
                colour,
            } => area.draw(&PathElement::new(
                vec![(*x0, *y0), (*x1, *y1)],
                colour.stroke_width(1),
            )),
            Element::Text {
                x,
                y,
                text,
                size,
                bold,
                anchor,
                colour,
            } => {
                let h = match anchor {
                    Anchor::Left => HPos::Left,
                    Anchor::Right => HPos::Right,
                    Anchor::Centre => HPos::Center,
                };
                let style = FontDesc::new(
                    FontFamily::Name(FONT),
                    f64::from(*size),
                    if *bold {
                        FontStyle::Bold
                    } else {
                        FontStyle::Normal
                    },
                )
                .color(colour)
                .pos(Pos::new(h, VPos::Center));
                area.draw_text(text, &style, (*x, *y))
            }
        };
        r.map_err(|e| format!("{e:?}"))?;
    }
    area.present().map_err(|e| format!("{e:?}"))
}

/// The charts of a run, laid out first and then drawn on every core (issue
/// 21: a small batch's run is mostly its fixed costs).
#[derive(Default)]
struct Charts(Vec<(String, (u32, u32), Vec<Element>)>);

impl Charts {
    fn add(&mut self, stem: &str, size: (u32, u32), elements: Vec<Element>) {
        self.0.push((stem.to_owned(), size, elements));
    }

    /// Draws every chart as PNG and SVG into `dir`, in parallel; when some
    /// cannot be written, the error of one of them is returned.
    fn draw(&self, dir: &Path) -> Result<(), ReportError> {
        use rayon::prelude::*;
        fonts();
        self.0
            .par_iter()
            .map(|(stem, size, elements)| draw(dir, stem, *size, elements))
            .collect()
    }
}

fn draw(dir: &Path, stem: &str, size: (u32, u32), elements: &[Element]) -> Result<(), ReportError> {
    let (png_name, svg_name) = (format!("bieu-do/{stem}.png"), format!("bieu-do/{stem}.svg"));
    let drawing = |name: &str, e: String| {
        ReportError::other(
            name,
            format!("lỗi khi vẽ biểu đồ ({e}); xin báo cho người phát triển"),
        )
    };
    // Drawn in memory and written here, so that a disk error is the system's
    // own (full disk, no permission), said in words, not an image library's.
    let (w, h) = size;
    let mut rgb = vec![0u8; usize::try_from(u64::from(w) * u64::from(h) * 3).unwrap_or(0)];
    {
        let area = BitMapBackend::with_buffer(&mut rgb, size).into_drawing_area();
        render(&area, elements).map_err(|e| drawing(&png_name, e))?;
    }
    let png = encode_png(&rgb, size).map_err(|e| drawing(&png_name, e.to_string()))?;
    std::fs::write(dir.join(format!("{stem}.png")), png)
        .map_err(|e| ReportError::io(png_name, &e))?;
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        render(&area, elements).map_err(|e| drawing(&svg_name, e))?;
    }
    std::fs::write(dir.join(format!("{stem}.svg")), svg).map_err(|e| ReportError::io(svg_name, &e))
}

/// A chart's pixels as PNG. Each line is filtered against the line above
/// (the default tries five filters on every line and keeps the best, most of
/// a small batch's drawing time, for files hardly smaller: flat areas and
/// horizontal rules compress as well either way) and deflated fast.
fn encode_png(rgb: &[u8], (w, h): (u32, u32)) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::FilterType::Up);
    encoder.set_adaptive_filter(png::AdaptiveFilterType::NonAdaptive);
    encoder.write_header()?.write_image_data(rgb)?;
    Ok(out)
}

/// Approximate width of `text` at `size` px in DejaVu Sans, to keep labels apart.
fn text_width(text: &str, size: u32) -> i32 {
    let w = text.chars().count() as f64 * f64::from(size) * 0.58;
    #[allow(clippy::cast_possible_truncation)]
    let w = w.round() as i32;
    w
}

/// Shortens a label to fit `max_px`, on a word boundary, with an ellipsis.
fn fit(text: &str, size: u32, max_px: i32) -> String {
    if text_width(text, size) <= max_px {
        return text.to_owned();
    }
    let mut out = String::new();
    for w in text.split(' ') {
        let next = if out.is_empty() {
            w.to_owned()
        } else {
            format!("{out} {w}")
        };
        if text_width(&format!("{next}…"), size) > max_px {
            break;
        }
        out = next;
    }
    format!("{out}…")
}

/// Splits `text` into at most `max_lines` lines that fit `max_px`; the last
/// line is shortened with an ellipsis when words remain.
fn wrap(text: &str, size: u32, max_px: i32, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let words: Vec<&str> = text.split(' ').collect();
    for (i, w) in words.iter().enumerate() {
        let next = if current.is_empty() {
            (*w).to_owned()
        } else {
            format!("{current} {w}")
        };
        if text_width(&next, size) <= max_px || current.is_empty() {
            current = next;
        } else {
            lines.push(std::mem::take(&mut current));
            if lines.len() == max_lines - 1 {
                current = words[i..].join(" ");
                break;
            }
            current = (*w).to_owned();
        }
    }
    if !current.is_empty() {
        lines.push(fit(&current, size, max_px));
    }
    lines
}

/// Title and subtitle at the top left of every chart.
fn heading(title: String, subtitle: String) -> Vec<Element> {
    vec![
        Element::Text {
            x: 30,
            y: 32,
            text: title,
            size: 28,
            bold: true,
            anchor: Anchor::Left,
            colour: BLACK,
        },
        Element::Text {
            x: 30,
            y: 66,
            text: subtitle,
            size: 19,
            bold: false,
            anchor: Anchor::Left,
            colour: RGBColor(80, 80, 80),
        },
    ]
}

struct Bars {
    title: String,
    subtitle: String,
    labels: Vec<String>,
    /// (legend, colour, one value per label)
    series: Vec<(String, RGBColor, Vec<u64>)>,
}

/// Horizontal stacked bars: long Vietnamese labels stay readable on the left.
fn hbars(b: &Bars) -> ((u32, u32), Vec<Element>) {
    let width: i32 = 1400;
    let label_w: i32 = 520;
    let row_h: i32 = 52;
    let top: i32 = 110;
    let n = i32::try_from(b.labels.len()).unwrap_or(0);
    let height = top + n * row_h + 90;
    let plot_x0 = label_w + 20;
    let plot_x1 = width - 90;
    let totals: Vec<u64> = (0..b.labels.len())
        .map(|i| b.series.iter().map(|s| s.2[i]).sum())
        .collect();
    let max = totals.iter().copied().max().unwrap_or(0).max(1);
    let scale = |v: u64| -> i32 {
        #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
        let px = (v as f64 / max as f64 * f64::from(plot_x1 - plot_x0)).round() as i32;
        px
    };
    let mut el = heading(b.title.clone(), b.subtitle.clone());
    // Legend on one line under the subtitle.
    let mut lx = plot_x0;
    for (name, colour, _) in &b.series {
        el.push(Element::Rect {
            x0: lx,
            y0: 86,
            x1: lx + 22,
            y1: 104,
            colour: *colour,
            filled: true,
        });
        el.push(Element::Rect {
            x0: lx,
            y0: 86,
            x1: lx + 22,
            y1: 104,
            colour: BLACK,
            filled: false,
        });
        el.push(Element::Text {
            x: lx + 30,
            y: 95,
            text: name.clone(),
            size: 18,
            bold: false,
            anchor: Anchor::Left,
            colour: BLACK,
        });
        lx += 30 + text_width(name, 18) + 30;
    }
    for (i, label) in b.labels.iter().enumerate() {
        let y0 = top + i32::try_from(i).unwrap_or(0) * row_h + 6;
        let y1 = y0 + row_h - 12;
        // Long Vietnamese category names wrap onto two lines rather than lose words.
        let lines = wrap(label, 17, label_w - 30, 2);
        let n_lines = i32::try_from(lines.len()).unwrap_or(1);
        for (k, line) in lines.into_iter().enumerate() {
            let k = i32::try_from(k).unwrap_or(0);
            el.push(Element::Text {
                x: label_w,
                y: (y0 + y1) / 2 + (2 * k - (n_lines - 1)) * 10,
                text: line,
                size: 17,
                bold: false,
                anchor: Anchor::Right,
                colour: BLACK,
            });
        }
        let mut x = plot_x0;
        for (_, colour, values) in &b.series {
            let w = scale(values[i]);
            if w > 0 {
                el.push(Element::Rect {
                    x0: x,
                    y0,
                    x1: x + w,
                    y1,
                    colour: *colour,
                    filled: true,
                });
                el.push(Element::Rect {
                    x0: x,
                    y0,
                    x1: x + w,
                    y1,
                    colour: WHITE,
                    filled: false,
                });
            }
            x += w;
        }
        el.push(Element::Text {
            x: x + 8,
            y: (y0 + y1) / 2,
            text: crate::format_int(totals[i]),
            size: 18,
            bold: true,
            anchor: Anchor::Left,
            colour: BLACK,
        });
    }
    el.push(Element::Line {
        x0: plot_x0,
        y0: top,
        x1: plot_x0,
        y1: top + n * row_h,
        colour: BLACK,
    });
    let w = u32::try_from(width).unwrap_or(1400);
    let h = u32::try_from(height).unwrap_or(600);
    ((w, h), el)
}

/// The bridge as a waterfall: opening, each term, closing.
fn waterfall(
    title: &str,
    subtitle: &str,
    steps: &[(String, i64)],
    closing: u64,
) -> ((u32, u32), Vec<Element>) {
    let (width, height) = (1400i32, 700i32);
    let (x0, x1, y_top, y_bottom) = (110i32, width - 40, 120i32, height - 140);
    let mut running: i64 = 0;
    let mut bars: Vec<(String, i64, i64, RGBColor)> = Vec::new();
    for (i, (name, v)) in steps.iter().enumerate() {
        if i == 0 {
            bars.push((name.clone(), 0, *v, DARK));
            running = *v;
        } else {
            let (from, to) = (running, running + v);
            bars.push((name.clone(), from, to, if *v >= 0 { GREEN } else { RED }));
            running = to;
        }
    }
    bars.push((
        "Cuối kỳ".to_owned(),
        0,
        i64::try_from(closing).unwrap_or(0),
        DARK,
    ));
    let max = bars.iter().map(|b| b.1.max(b.2)).max().unwrap_or(1).max(1);
    // Changes are small beside the totals: start the axis near the lowest
    // running value so they can be seen, and say so on the chart.
    let low = bars
        .iter()
        .skip(1)
        .take(bars.len().saturating_sub(2))
        .map(|b| b.1.min(b.2))
        .min()
        .unwrap_or(0);
    let floor = if low > max / 5 {
        (low * 4 / 5) / 10 * 10
    } else {
        0
    };
    let scale = |v: i64| -> i32 {
        #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
        let px = ((v - floor).max(0) as f64 / (max - floor).max(1) as f64
            * f64::from(y_bottom - y_top))
        .round() as i32;
        y_bottom - px
    };
    let subtitle = if floor > 0 {
        format!("{subtitle} (trục dọc bắt đầu từ {floor})")
    } else {
        subtitle.to_owned()
    };
    let mut el = heading(title.to_owned(), subtitle);
    let n = i32::try_from(bars.len()).unwrap_or(1);
    let slot = (x1 - x0) / n;
    for (i, (name, from, to, colour)) in bars.iter().enumerate() {
        let i = i32::try_from(i).unwrap_or(0);
        let bx0 = x0 + i * slot + slot / 6;
        let bx1 = x0 + (i + 1) * slot - slot / 6;
        let (ya, yb) = (scale(*from.max(to)), scale(*from.min(to)));
        el.push(Element::Rect {
            x0: bx0,
            y0: ya,
            x1: bx1,
            y1: yb.max(ya + 2),
            colour: *colour,
            filled: true,
        });
        let delta = to - from;
        let label = if i == 0 || i == n - 1 {
            to.to_string()
        } else if delta > 0 {
            format!("+{delta}")
        } else {
            delta.to_string()
        };
        el.push(Element::Text {
            x: (bx0 + bx1) / 2,
            y: ya - 16,
            text: label,
            size: 20,
            bold: true,
            anchor: Anchor::Centre,
            colour: BLACK,
        });
        // Two-line category label under the bar.
        let words: Vec<&str> = name.split(' ').collect();
        let half = words.len().div_ceil(2);
        let (l1, l2) = if text_width(name, 17) > slot - 8 {
            (words[..half].join(" "), words[half..].join(" "))
        } else {
            (name.clone(), String::new())
        };
        el.push(Element::Text {
            x: (bx0 + bx1) / 2,
            y: y_bottom + 24,
            text: fit(&l1, 17, slot - 4),
            size: 17,
            bold: false,
            anchor: Anchor::Centre,
            colour: BLACK,
        });
        if !l2.is_empty() {
            el.push(Element::Text {
                x: (bx0 + bx1) / 2,
                y: y_bottom + 48,
                text: fit(&l2, 17, slot - 4),
                size: 17,
                bold: false,
                anchor: Anchor::Centre,
                colour: BLACK,
            });
        }
    }
    el.push(Element::Line {
        x0,
        y0: y_bottom,
        x1,
        y1: y_bottom,
        colour: BLACK,
    });
    #[allow(clippy::cast_sign_loss)]
    ((width as u32, height as u32), el)
}

pub(crate) fn write_all(report: &Report, dir: &Path) -> Result<(), ReportError> {
    let mut charts = Charts::default();
    lay_out(report, &mut charts);
    charts.draw(dir)
}

/// Every chart of the run, laid out (nothing drawn yet).
fn lay_out(report: &Report, charts: &mut Charts) {
    let s = report.summary();
    let Some(last) = s.periods.last() else {
        return;
    };
    // Models by category and level, latest period.
    let cats = &report.reference.categories;
    let by = crate::category_level_counts(last);
    let mut labels: Vec<(String, String)> = cats
        .iter()
        .map(|c| (c.code.clone(), c.name.clone()))
        .collect();
    let (code, label) = tonghop_core::UNKNOWN_CATEGORY;
    labels.push((code.to_owned(), label.to_owned()));
    labels.retain(|(code, _)| by.iter().any(|((c, _), n)| c == code && *n > 0));
    let series = Level::ALL
        .iter()
        .map(|l| {
            (
                l.label().to_owned(),
                level_colour(*l),
                labels
                    .iter()
                    .map(|(code, _)| {
                        by.iter()
                            .filter(|((c, lv), _)| c == code && lv == l.code())
                            .map(|(_, n)| *n)
                            .sum()
                    })
                    .collect(),
            )
        })
        .filter(|(_, _, v): &(String, RGBColor, Vec<u64>)| v.iter().any(|x| *x > 0))
        .collect();
    let (size, el) = hbars(&Bars {
        title: format!("Mô hình theo loại và cấp đăng ký — {}", last.name),
        subtitle: format!(
            "{} mô hình tập thể đang đăng ký",
            crate::format_int(last.models.total)
        ),
        labels: labels.iter().map(|(_, n)| n.clone()).collect(),
        series,
    });
    charts.add("mo-hinh-theo-loai-va-cap", size, el);

    // Returns received on time / late / missing, per period.
    if s.periods.iter().any(|p| !p.returns.expected.is_empty()) {
        let labels = s.periods.iter().map(|p| p.name.clone()).collect();
        let on_time = s
            .periods
            .iter()
            .map(|p| {
                // A set: a national roster's received × expected was
                // billions of comparisons (issue 21).
                let of_roster: std::collections::HashSet<&String> =
                    p.returns.expected.iter().collect();
                let expected =
                    |list: &[String]| list.iter().filter(|u| of_roster.contains(u)).count();
                expected(&p.returns.received).saturating_sub(
                    expected(&p.returns.late) + expected(&p.returns.timeliness_unknown),
                ) as u64
            })
            .collect();
        let late = s
            .periods
            .iter()
            .map(|p| p.returns.late.len() as u64)
            .collect();
        let missing = s
            .periods
            .iter()
            .map(|p| p.returns.missing.len() as u64)
            .collect();
        let unknown: Vec<u64> = s
            .periods
            .iter()
            .map(|p| p.returns.timeliness_unknown.len() as u64)
            .collect();
        let mut series = vec![
            ("Đúng hạn".to_owned(), DARK, on_time),
            ("Muộn".to_owned(), MID, late),
        ];
        if unknown.iter().any(|n| *n > 0) {
            series.push(("Chưa rõ đúng hạn".to_owned(), LIGHT, unknown));
        }
        series.push(("Chưa gửi".to_owned(), GREY, missing));
        let (size, el) = hbars(&Bars {
            title: "Tình hình gửi báo cáo của các đơn vị".to_owned(),
            subtitle: "Số đơn vị phải báo cáo theo danh mục, theo từng kỳ".to_owned(),
            labels,
            series,
        });
        charts.add("tinh-hinh-nop-bao-cao", size, el);
    }

    // Returns of the latest period by unit kind (DHIS2's reporting-rate matrix).
    if !last.returns.by_kind.is_empty() {
        let kinds: Vec<(&String, &tonghop_reconcile::KindRate)> =
            last.returns.by_kind.iter().collect();
        let (size, el) = hbars(&Bars {
            title: format!("Gửi báo cáo theo loại đơn vị — {}", last.name),
            subtitle: format!(
                "{} đơn vị phải báo cáo; tỷ lệ đã gửi: {}",
                crate::format_int(kinds.iter().map(|(_, k)| k.expected).sum()),
                kinds
                    .iter()
                    .map(|(n, k)| format!("{n} {:.1}%", k.rate).replace('.', ","))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            labels: kinds.iter().map(|(n, _)| (*n).clone()).collect(),
            series: vec![
                (
                    "Đúng hạn".to_owned(),
                    DARK,
                    kinds.iter().map(|(_, k)| k.on_time).collect(),
                ),
                (
                    "Muộn".to_owned(),
                    MID,
                    kinds.iter().map(|(_, k)| k.late).collect(),
                ),
                (
                    "Chưa gửi".to_owned(),
                    GREY,
                    kinds.iter().map(|(_, k)| k.missing).collect(),
                ),
            ],
        });
        charts.add("nop-bao-cao-theo-loai-don-vi", size, el);
    }

    // Progress against the committee's targets, latest period.
    let targets: Vec<&tonghop_reconcile::TargetResult> = s
        .targets
        .iter()
        .filter(|t| t.period == last.id && t.unit.is_none())
        .collect();
    if !targets.is_empty() {
        let name = |t: &tonghop_reconcile::TargetResult| {
            // A category's name already says what it is (`Mô hình tiên tiến…`).
            let mut n = match &t.category {
                Some(c) => cats
                    .iter()
                    .find(|x| &x.code == c)
                    .map_or(c.clone(), |x| x.name.clone()),
                None if t.subject == "models" => "Mô hình".to_owned(),
                None => "Điển hình".to_owned(),
            };
            if let Some(l) = t.level.as_deref().and_then(Level::from_code) {
                n.push_str(&format!(" {}", l.phrase()));
            }
            format!("{n} (đạt {}/{})", t.achieved, t.target)
        };
        let met = targets.iter().filter(|t| t.gap >= 0).count();
        let (size, el) = hbars(&Bars {
            title: format!("Thực hiện chỉ tiêu — {}", last.name),
            subtitle: format!("Đạt {met}/{} chỉ tiêu toàn Khối", targets.len()),
            labels: targets.iter().map(|t| name(t)).collect(),
            series: vec![
                (
                    "Đã đạt".to_owned(),
                    DARK,
                    targets.iter().map(|t| t.achieved.min(t.target)).collect(),
                ),
                (
                    "Vượt chỉ tiêu".to_owned(),
                    MID,
                    targets
                        .iter()
                        .map(|t| t.achieved.saturating_sub(t.target))
                        .collect(),
                ),
                (
                    "Còn thiếu".to_owned(),
                    GREY,
                    targets
                        .iter()
                        .map(|t| t.target.saturating_sub(t.achieved))
                        .collect(),
                ),
            ],
        });
        charts.add("thuc-hien-chi-tieu", size, el);
    }

    // The units with the most models, latest period, by level.
    let mut units: Vec<&tonghop_reconcile::UnitPeriod> = report
        .reconciled
        .units
        .iter()
        .filter(|u| u.period == last.id && u.models.values().sum::<u64>() > 0)
        .collect();
    units.sort_by_key(|u| {
        (
            std::cmp::Reverse(u.models.values().sum::<u64>()),
            u.name.clone(),
        )
    });
    units.truncate(15);
    if !units.is_empty() {
        let series = Level::ALL
            .iter()
            .map(|l| {
                (
                    l.label().to_owned(),
                    level_colour(*l),
                    units
                        .iter()
                        .map(|u| u.models.get(l.code()).copied().unwrap_or(0))
                        .collect(),
                )
            })
            .filter(|(_, _, v): &(String, RGBColor, Vec<u64>)| v.iter().any(|x| *x > 0))
            .collect();
        let (size, el) = hbars(&Bars {
            title: format!("Các đơn vị có nhiều mô hình nhất — {}", last.name),
            subtitle: format!(
                "{} đơn vị đứng đầu theo số mô hình đang đăng ký",
                units.len()
            ),
            labels: units.iter().map(|u| u.name.clone()).collect(),
            series,
        });
        charts.add("don-vi-nhieu-mo-hinh-nhat", size, el);
    }

    // Bridges as waterfalls.
    for b in &s.bridges {
        let what = if b.subject == "models" {
            "mô hình"
        } else {
            "điển hình"
        };
        let from = s
            .periods
            .iter()
            .find(|p| p.id == b.from)
            .map_or(b.from.as_str(), |p| p.name.as_str());
        let to = s
            .periods
            .iter()
            .find(|p| p.id == b.to)
            .map_or(b.to.as_str(), |p| p.name.as_str());
        let count = |n: u64| i64::try_from(n).unwrap_or(0);
        let steps: Vec<(String, i64)> = [
            ("opening", count(b.opening)),
            ("added", count(b.added)),
            ("removed", -count(b.removed)),
            ("transferred_out", -count(b.transferred_out)),
            ("not_reported", -count(b.not_reported)),
            ("unexplained", -count(b.unexplained)),
        ]
        .into_iter()
        .map(|(t, n)| (crate::term_label(t).to_owned(), n))
        .collect();
        let (size, el) = waterfall(
            &format!("Biến động số {what}: {from} → {to}"),
            &format!("{} → {} {what}", b.opening, b.closing),
            &steps,
            b.closing,
        );
        charts.add(
            &format!("bien-dong-{}-{}-{}", b.subject, b.from, b.to),
            size,
            el,
        );
    }
    funnel(report, charts);
}

/// The commendation funnel of the latest period whose returns write a stage:
/// collectives' stages, then individuals', each its own bar.
fn funnel(report: &Report, charts: &mut Charts) {
    let s = report.summary();
    let funnels = &s.commendation.funnel;
    let Some(p) = s.periods.iter().rev().find(|p| {
        funnels
            .iter()
            .any(|f| f.period == p.id && f.total.honoured > 0)
    }) else {
        return;
    };
    let of = |plural: &str| {
        funnels
            .iter()
            .find(|f| f.period == p.id && f.subject == plural)
            .map(|f| f.total.clone())
            .unwrap_or_default()
    };
    let (m, e) = (of("models"), of("exemplars"));
    let stages = |t: &tonghop_reconcile::commendation::Stages| {
        [t.honoured, t.proposed, t.awarded, t.proposed_above]
    };
    let names = [
        "được tuyên dương",
        "đề nghị khen thưởng",
        "được khen thưởng cấp Khối",
        "đề nghị cấp trên khen thưởng",
    ];
    let mut labels = Vec::new();
    let (mut collective, mut individual) = (Vec::new(), Vec::new());
    for (who, values) in [("Tập thể", stages(&m)), ("Cá nhân", stages(&e))] {
        for (name, v) in names.iter().zip(values) {
            labels.push(format!("{who} {name}"));
            let (mine, other) = if who == "Tập thể" {
                (&mut collective, &mut individual)
            } else {
                (&mut individual, &mut collective)
            };
            mine.push(v);
            other.push(0);
        }
    }
    let (size, el) = hbars(&Bars {
        title: format!("Tuyên dương, khen thưởng — {}", p.name),
        subtitle: format!(
            "Từ các dòng báo cáo ghi khen thưởng; {} tập thể và {} cá nhân đang đăng ký",
            crate::format_int(m.registered),
            crate::format_int(e.registered)
        ),
        labels,
        series: vec![
            ("Tập thể".to_owned(), DARK, collective),
            ("Cá nhân".to_owned(), MID, individual),
        ],
    });
    charts.add(&format!("khen-thuong-{}", p.id), size, el);
}
