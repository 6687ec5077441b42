//! Figure claims in the text: a number (digits with or without leading
//! zeros and `.` thousands, an `x/y` pair, or Vietnamese number words)
//! directly followed by what it counts, with the qualifiers of its clause —
//! level, stage, year — read on diacritic-free words so that tone placement
//! and Unicode form do not matter.

use crate::document::{Block, Place};

/// A word or a punctuation mark of a block, with its byte span.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    /// Byte span in the block's text.
    pub start: usize,
    /// End of the span.
    pub end: usize,
    /// Lower case, without diacritics (`Đảng` → `dang`); punctuation as is.
    pub key: String,
    /// Digits only.
    pub digits: bool,
}

pub(crate) fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let digits = c.is_ascii_digit();
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                // `1.234`: a dot between digits keeps the number whole.
                let grouped = digits
                    && d == '.'
                    && text[j + 1..]
                        .chars()
                        .next()
                        .is_some_and(|n| n.is_ascii_digit());
                if (digits && (d.is_ascii_digit() || grouped))
                    || (!digits && (d.is_alphanumeric() || is_mark(d)))
                {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let word = &text[i..end];
            out.push(Token {
                start: i,
                end,
                key: if digits {
                    word.to_owned()
                } else {
                    tonghop_text::fold_key(word)
                },
                digits,
            });
        } else {
            out.push(Token {
                start: i,
                end: i + c.len_utf8(),
                key: c.to_string(),
                digits: false,
            });
        }
    }
    out
}

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// What a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Counted {
    /// `mô hình`.
    Model,
    /// `điển hình`.
    Exemplar,
    /// `mô hình, điển hình` counted together.
    ModelOrExemplar,
    /// `tập thể`.
    Collective,
    /// `cá nhân`, `đồng chí`.
    Individual,
}

impl Counted {
    /// The Vietnamese noun.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Counted::Model => "mô hình",
            Counted::Exemplar => "điển hình",
            Counted::ModelOrExemplar => "mô hình, điển hình",
            Counted::Collective => "tập thể",
            Counted::Individual => "cá nhân",
        }
    }
}

/// The stage of the campaign a figure speaks of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    /// Registered (`đăng ký`).
    Registered,
    /// Meeting the criteria (`đạt`, `đáp ứng` … `tiêu chí`).
    MeetsCriteria,
    /// Honoured (`tuyên dương`, `biểu dương`).
    Honoured,
    /// Proposed for an award (`đề nghị … khen thưởng`).
    Proposed,
    /// Awarded (`khen thưởng`).
    Awarded,
    /// Added to the list (`bổ sung`).
    Added,
    /// Taken off the list (`ra khỏi danh sách`, `loại`).
    Removed,
    /// Gone with a unit that moved away (`chuyển đi`).
    TransferredOut,
    /// Inspected (`kiểm tra`).
    Inspected,
}

impl Stage {
    /// The Vietnamese words.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Stage::Registered => "đăng ký",
            Stage::MeetsCriteria => "đạt tiêu chí",
            Stage::Honoured => "tuyên dương",
            Stage::Proposed => "đề nghị khen thưởng",
            Stage::Awarded => "khen thưởng",
            Stage::Added => "bổ sung",
            Stage::Removed => "đưa ra khỏi danh sách",
            Stage::TransferredOut => "chuyển đi",
            Stage::Inspected => "kiểm tra",
        }
    }
}

/// A level named in the clause (a clause may name two: `cấp Khối và cấp tỉnh`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// `cấp tỉnh`.
    Province,
    /// `cấp Khối`, `cấp Đảng ủy Khối`, `cấp đảng ủy`.
    Committee,
    /// `cấp cơ sở`.
    Grassroots,
}

impl Level {
    /// The Vietnamese words.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Level::Province => "cấp tỉnh",
            Level::Committee => "cấp Khối",
            Level::Grassroots => "cấp cơ sở",
        }
    }
    /// The contract code of the level.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Level::Province => "tinh",
            Level::Committee => "khoi",
            Level::Grassroots => "co_so",
        }
    }
}

/// The number of a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    /// `26 mô hình`.
    Count(u64),
    /// `11/12 đồng chí`: x of y.
    Ratio(u64, u64),
    /// `từ 10 đến 12 mô hình`, `10 - 12 mô hình`: at least, at most.
    Range(u64, u64),
}

impl Value {
    /// The whole (`y` of a ratio).
    #[must_use]
    pub fn whole(self) -> u64 {
        match self {
            Value::Count(n) | Value::Ratio(_, n) | Value::Range(_, n) => n,
        }
    }
    /// The part: `x` of `x/y`, the number itself otherwise (a range's lower end).
    #[must_use]
    pub fn part(self) -> u64 {
        match self {
            Value::Count(n) | Value::Ratio(n, _) | Value::Range(n, _) => n,
        }
    }
}

/// A figure claimed by the text.
#[derive(Debug, Clone)]
pub struct Claim {
    /// Index of the block.
    pub block: usize,
    /// Where the block is.
    pub place: Place,
    /// Byte span of the number and its noun in the block.
    pub span: (usize, usize),
    /// The number and its noun as written (`03 mô hình`).
    pub text: String,
    /// The sentence around it.
    pub sentence: String,
    /// The number.
    pub value: Value,
    /// What it counts.
    pub counted: Counted,
    /// Levels named in its clause.
    pub levels: Vec<Level>,
    /// The stage named in its clause.
    pub stage: Option<Stage>,
    /// A year the sentence is about (`Năm 2022, …`).
    pub year: Option<u32>,
    /// Inside parentheses.
    pub in_parens: bool,
    /// A `trong đó` breakdown of the figure before it, whose level or stage
    /// is that figure's: a part of it, not a quantity of its own.
    pub sub_count: bool,
    /// Its levels are its head's (a sub-count naming no level of its own).
    pub inherited_levels: bool,
    /// The figure it breaks down (`44 mô hình, trong đó có 07 mô hình cấp
    /// tỉnh …`): that claim's index.
    pub head: Option<usize>,
    /// Byte offset of the number itself (a figure after its label starts
    /// at the label: `cấp tỉnh 04`).
    pub number_at: usize,
    /// The category of models it names (`05 mô hình thuộc lĩnh vực y tế`,
    /// `Mô hình về lĩnh vực Y tế (11/12 mô hình)`): a code of the taxonomy.
    pub category: Option<String>,
}

/// A number found in a block: where, its value, its noun when it has one,
/// and the token after it (after the noun when there is one).
struct Found {
    at: usize,
    value: Value,
    counted: Option<Counted>,
    end: usize,
}

/// Where a figure's own words stop: a comma, `và`, a semicolon, a colon,
/// parentheses, the end of a sentence.
fn separator(k: &str) -> bool {
    matches!(
        k,
        "," | ";" | ":" | "(" | ")" | "." | "!" | "?" | "va" | "-" | "–"
    )
}

/// Words before a number that make it no count of entities: `số 24`,
/// `ngày 17`, `năm 2023`, `lần 2`, `giai đoạn 2`, `Điều 3`.
const NOT_A_COUNT: &[&str] = &[
    "so", "ngay", "thang", "nam", "lan", "ky", "dot", "quy", "muc", "diem", "khoan", "dieu",
    "doan", "phan", "chuong", "tiet", "buoc", "khoa", "tuan", "gio", "trang", "ban", "to",
];

/// A figure's own words: the label before it (back to a separator; for a
/// figure in parentheses, the words before the parenthesis: `chuyển đi
/// (07)`) and the words after its noun up to a separator — across a comma
/// or `và` when the words after it hold no number and do not lead to the
/// next figure (`cấp Khối và cấp tỉnh`, `y tế và giáo dục`). `floor` and
/// `ceiling` are the ends of the figures around it.
fn own_words(t: &[Token], at: usize, end: usize, floor: usize, ceiling: usize) -> (usize, usize) {
    let mut s = at;
    if s > floor && t[s - 1].key == "(" {
        s -= 1;
    }
    while s > floor && !separator(&t[s - 1].key) {
        s -= 1;
    }
    let mut e = end;
    loop {
        while e < ceiling && !separator(&t[e].key) {
            e += 1;
        }
        // `, cấp tỉnh` / `và giáo dục`: words after a comma or `và` that
        // hold no number and are not the label of the next figure.
        let joined = e + 1 < ceiling && matches!(t[e].key.as_str(), "," | "va") && {
            let mut j = e + 1;
            while j < t.len() && !separator(&t[j].key) && !t[j].digits {
                j += 1;
            }
            (j < ceiling || ceiling == t.len()) && t.get(j).is_none_or(|x| !x.digits)
        };
        if joined {
            e += 2;
        } else {
            break;
        }
    }
    (s, e)
}

/// Every claim of the blocks, in reading order.
#[must_use]
pub fn claims(blocks: &[Block]) -> Vec<Claim> {
    let mut out = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        let toks = tokens(&block.text);
        let mut found: Vec<Found> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let Some((value, next)) = number(&toks, i) else {
                i += 1;
                continue;
            };
            match noun(&toks, next) {
                Some((counted, after)) => {
                    found.push(Found {
                        at: i,
                        value,
                        counted: Some(counted),
                        end: after,
                    });
                    i = after;
                }
                None => {
                    found.push(Found {
                        at: i,
                        value,
                        counted: None,
                        end: next,
                    });
                    i = next.max(i + 1);
                }
            }
        }
        // Each figure's own words, bounded by its neighbours.
        let bounds: Vec<(usize, usize)> = (0..found.len())
            .map(|k| {
                let floor = if k == 0 { 0 } else { found[k - 1].end };
                let ceiling = found.get(k + 1).map_or(toks.len(), |f| f.at);
                own_words(&toks, found[k].at, found[k].end, floor, ceiling)
            })
            .collect();
        let keys_of = |(s, e): (usize, usize)| -> Vec<&str> {
            toks[s..e].iter().map(|t| t.key.as_str()).collect()
        };
        let first_claim_of_block = out.len();
        for (k, f) in found.iter().enumerate() {
            let (ss, se) = sentence(&block.text, &toks, f.at);
            let own = keys_of(bounds[k]);
            let own_levels = levels(&own);
            let labelled = f.counted.is_none();
            let counted = match f.counted {
                Some(c) => c,
                None => {
                    // A number with no noun is a figure when it closes its
                    // own words, carries a label (a level, a stage) and an
                    // earlier figure of its sentence says what it counts:
                    // `cấp tỉnh 04, cấp Khối 06`, `loại 01 và bổ sung 04`.
                    let closes = toks.get(f.end).is_none_or(|n| separator(&n.key));
                    // `số 24`, not `cấp cơ sở 27`.
                    let before =
                        f.at.checked_sub(1)
                            .map(|j| toks[j].key.as_str())
                            .filter(|&w| w != "so" || f.at < 2 || toks[f.at - 2].key != "co");
                    // Written in digits (number words without a noun are
                    // mostly not numbers: `tư tưởng`, `thứ hai`).
                    let small = toks[f.at].digits && matches!(f.value, Value::Count(n) if n < 1900);
                    let label = !own_levels.is_empty()
                        || stage(&own, own.len()).is_some()
                        || own.windows(2).any(|w| w == ["so", "voi"])
                        || own.iter().any(|k| matches!(*k, "giam" | "tang" | "con"));
                    let percent = toks
                        .get(f.end)
                        .is_some_and(|n| n.key == "%" || n.key == "phan");
                    let Some(prev) = out[first_claim_of_block..]
                        .iter()
                        .rev()
                        .find(|c: &&Claim| c.span.0 >= ss)
                    else {
                        continue;
                    };
                    if !(closes && small && label && !percent)
                        || before.is_some_and(|w| NOT_A_COUNT.contains(&w))
                    {
                        continue;
                    }
                    prev.counted
                }
            };
            let (cs, ce) = clause(&toks, f.at);
            let keys: Vec<&str> = toks[cs..ce].iter().map(|t| t.key.as_str()).collect();
            // The figure's levels: its own words', else the clause's that
            // no other figure of the same noun claims as its own
            // (`20 mô hình và 10 điển hình cấp tỉnh`: both at the province).
            let levels = if own_levels.is_empty() {
                let taken: Vec<Level> = (0..found.len())
                    .filter(|&j| j != k && found[j].counted.is_none_or(|c| c == counted))
                    .filter(|&j| bounds[j].0 >= cs && bounds[j].1 <= ce)
                    .flat_map(|j| levels(&keys_of(bounds[j])))
                    .collect();
                let mut l = self::levels(&keys);
                l.retain(|x| !taken.contains(x));
                l
            } else {
                own_levels
            };
            // A net change (`giảm 06 mô hình, do …`) is no stage: the
            // stages after it are its parts'.
            let net_change = toks[f.at.saturating_sub(3)..f.at]
                .iter()
                .any(|t| t.key == "giam" || t.key == "tang");
            let stage = if net_change {
                None
            } else if labelled {
                stage(&own, own.len())
            } else {
                stage(&keys, f.at - cs).or_else(|| stage(&own, own.len()))
            };
            // A figure after its label starts at the label's first word.
            let start = if labelled {
                let from = bounds[k].0;
                (from..f.at)
                    .find(|&j| {
                        let w = toks[j].key.as_str();
                        w == "cap"
                            || matches!(w, "so" | "giam" | "tang" | "con")
                            || stage_word(&own, j - from).is_some()
                    })
                    .map_or(toks[f.at].start, |j| toks[j].start)
            } else {
                toks[f.at].start
            };
            let span = (start, toks[f.end - 1].end);
            let mut claim = Claim {
                block: b,
                place: block.place,
                span,
                number_at: toks[f.at].start,
                text: block.text[span.0..span.1].to_owned(),
                sentence: block.text[ss..se].trim().to_owned(),
                value: f.value,
                counted,
                levels,
                stage,
                year: year(&toks, ss, se),
                in_parens: in_parens(&toks, f.at),
                sub_count: false,
                inherited_levels: false,
                head: None,
                // Categories are of models and exemplars, not of collectives honoured.
                category: matches!(counted, Counted::Model | Counted::Exemplar)
                    .then(|| {
                        // Its own words first (`03 mô hình y tế và 05 mô hình
                        // giáo dục`), else its clause.
                        category(&toks, f.at, f.end, bounds[k].1.min(ce))
                            .or_else(|| category(&toks, f.at, f.end, ce))
                    })
                    .flatten(),
            };
            // `…, trong đó có 22 mô hình …`, `…: cấp tỉnh 04, …`: a breakdown
            // speaks of what its head spoke of, unless it says otherwise.
            let opened = cs >= 1
                && (matches!(toks[cs - 1].key.as_str(), "trong" | "gom")
                    || (toks[cs - 1].key == ":"
                        && cs >= 2
                        && toks[..cs - 1].last().is_some_and(|t| !t.digits)));
            let start_of_clause = toks.get(cs).map_or(block.text.len(), |t| t.start);
            let head = (first_claim_of_block..out.len()).rev().find(|&h| {
                let c: &Claim = &out[h];
                c.span.0 >= ss && c.span.1 <= start_of_clause && c.head.is_none()
            });
            if let Some(h) = head.filter(|_| opened) {
                let head = &out[h];
                claim.head = Some(h);
                if claim.levels.is_empty() && !head.levels.is_empty() {
                    claim.levels.clone_from(&head.levels);
                    claim.sub_count = true;
                    claim.inherited_levels = true;
                }
                if claim.stage.is_none() && head.stage.is_some() {
                    claim.stage = head.stage;
                    claim.sub_count = true;
                }
                claim.year = claim.year.or(head.year);
            }
            out.push(claim);
        }
    }
    out
}

/// A number at `i`: digits (`03`, `1.234`), `x/y`, or number words; the
/// token after it. Dates (`17/3/2021`) and codes (`24-KH/TU`) are not.
pub(crate) fn number(t: &[Token], i: usize) -> Option<(Value, usize)> {
    let tok = &t[i];
    if tok.digits {
        let prev = |k: usize| i.checked_sub(k).map(|j| t[j].key.as_str());
        if matches!(prev(1), Some("/" | "-" | "." | ","))
            && prev(2).is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()))
        {
            return None; // the tail of a date, a code or a decimal
        }
        let n = parse_digits(&tok.key)?;
        // `từ 10 đến 12`, `10 - 12` (not years: `2021 - 2025`).
        let to = |j: usize| {
            t.get(j)
                .filter(|x| x.digits)
                .and_then(|x| parse_digits(&x.key))
        };
        let dash = t.get(i + 1).is_some_and(|x| x.key == "-" || x.key == "–");
        let den = prev(1) == Some("tu") && t.get(i + 1).is_some_and(|x| x.key == "den");
        if let Some(hi) = to(i + 2).filter(|&hi| (dash || den) && n < 1900 && hi < 1900) {
            return Some((Value::Range(n, hi), i + 3));
        }
        // `x/y` (spaces allowed), but not `d/m/y`.
        if t.get(i + 1).is_some_and(|s| s.key == "/") {
            if let Some(y) = t.get(i + 2).filter(|y| y.digits) {
                if t.get(i + 3).is_some_and(|s| s.key == "/") {
                    return None;
                }
                return Some((Value::Ratio(n, parse_digits(&y.key)?), i + 3));
            }
        }
        return Some((Value::Count(n), i + 1));
    }
    words(t, i)
}

fn parse_digits(s: &str) -> Option<u64> {
    let groups: Vec<&str> = s.split('.').collect();
    if groups.len() > 1 && groups[1..].iter().any(|g| g.len() != 3) {
        return None;
    }
    groups.concat().parse().ok()
}

/// Vietnamese number words (`hai mươi`, `một trăm linh năm`). Only whole
/// words that are numbers; `một số` (*some*) is not a number.
fn words(t: &[Token], i: usize) -> Option<(Value, usize)> {
    let digit = |k: &str| -> Option<u64> {
        Some(match k {
            "khong" => 0,
            "mot" => 1,
            "hai" => 2,
            "ba" => 3,
            "bon" | "tu" => 4,
            "nam" | "lam" => 5,
            "sau" => 6,
            "bay" => 7,
            "tam" => 8,
            "chin" => 9,
            _ => return None,
        })
    };
    let (mut total, mut current, mut j, mut any) = (0u64, 0u64, i, false);
    while let Some(tok) = t.get(j) {
        let k = tok.key.as_str();
        if let Some(d) = digit(k) {
            current += d;
        } else if k == "muoi" {
            current = if current == 0 { 10 } else { current * 10 };
        } else if k == "tram" {
            current = current.max(1) * 100;
        } else if k == "nghin" || k == "ngan" {
            total += current.max(1) * 1000;
            current = 0;
        } else if (k == "linh" || k == "le") && any {
            // `một trăm linh năm` (not the `lĩnh` of `lĩnh vực`)
            j += 1;
            continue;
        } else {
            break;
        }
        any = true;
        j += 1;
    }
    if !any || t.get(j).is_some_and(|n| n.key == "so") {
        return None;
    }
    Some((Value::Count(total + current), j))
}

/// What the number counts, right after it; the token after the noun.
fn noun(t: &[Token], i: usize) -> Option<(Counted, usize)> {
    let k = |j: usize| t.get(j).map_or("", |x| x.key.as_str());
    let two = |a: &str, b: &str| k(i) == a && k(i + 1) == b;
    if two("mo", "hinh") {
        // `03 mô hình, điển hình` counts both.
        if k(i + 2) == "," && k(i + 3) == "dien" && k(i + 4) == "hinh" {
            return Some((Counted::ModelOrExemplar, i + 5));
        }
        return Some((Counted::Model, i + 2));
    }
    if two("dien", "hinh") {
        return Some((Counted::Exemplar, i + 2));
    }
    if two("tap", "the") {
        return Some((Counted::Collective, i + 2));
    }
    if two("ca", "nhan") || two("dong", "chi") {
        return Some((Counted::Individual, i + 2));
    }
    None
}

/// The clause around token `i`: bounded by `;`, `:`, parentheses, the
/// sentence, and `trong đó` / `gồm` (a breakdown starts a new clause).
fn clause(t: &[Token], i: usize) -> (usize, usize) {
    let stop = |j: usize| {
        let k = t[j].key.as_str();
        matches!(k, ";" | ":" | "(" | ")" | "." | "!" | "?")
            && !(k == "." && j > 0 && t[j - 1].digits && t.get(j + 1).is_some_and(|n| n.digits))
            || k == "gom"
            || (k == "trong" && t.get(j + 1).is_some_and(|n| n.key == "do" || n.key == "co"))
    };
    let mut s = i;
    while s > 0 && !stop(s - 1) {
        s -= 1;
    }
    let mut e = i + 1;
    while e < t.len() && !stop(e) {
        e += 1;
    }
    (s, e)
}

/// The sentence around token `i`, as a byte span: ends at `.`, `!`, `?`
/// followed by a space and a capital (or the end).
fn sentence(text: &str, t: &[Token], i: usize) -> (usize, usize) {
    let ends = |j: usize| {
        matches!(t[j].key.as_str(), "." | "!" | "?")
            && t.get(j + 1).is_none_or(|n| {
                text[n.start..]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                    && n.start > t[j].end
            })
    };
    let mut s = i;
    while s > 0 && !ends(s - 1) {
        s -= 1;
    }
    let mut e = i;
    while e < t.len() && !ends(e) {
        e += 1;
    }
    (t[s].start, t.get(e).map_or(text.len(), |x| x.end))
}

/// The category a figure names: after its noun to the end of its clause, or,
/// for a figure in parentheses, the label before the parenthesis; only a
/// strong keyword of exactly one category of the default taxonomy decides.
fn category(t: &[Token], i: usize, after: usize, clause_end: usize) -> Option<String> {
    let words = |from: usize, to: usize| -> String {
        t[from..to]
            .iter()
            .map(|x| x.key.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut text = words(after, clause_end.max(after));
    if in_parens(t, i) {
        let open = (0..i).rev().find(|&j| t[j].key == "(")?;
        let start = (0..open)
            .rev()
            .find(|&j| matches!(t[j].key.as_str(), ";" | ")" | ":" | "."))
            .map_or(0, |j| j + 1);
        text = format!("{} {text}", words(start, open));
    }
    let text = format!(" {text} ");
    let found: Vec<String> = tonghop_text::default_categories()
        .into_iter()
        .filter(|c| {
            c.keywords.iter().filter(|k| !k.starts_with('~')).any(|k| {
                let k = tokens(k)
                    .into_iter()
                    .map(|x| x.key)
                    .collect::<Vec<_>>()
                    .join(" ");
                !k.is_empty() && text.contains(&format!(" {k} "))
            })
        })
        .map(|c| c.code)
        .collect();
    (found.len() == 1).then(|| found[0].clone())
}

fn levels(keys: &[&str]) -> Vec<Level> {
    let mut out = Vec::new();
    for (j, k) in keys.iter().enumerate() {
        if *k != "cap" {
            continue;
        }
        let next = |n: usize| keys.get(j + n).copied().unwrap_or("");
        let level = match (next(1), next(2)) {
            ("tinh", _) => Some(Level::Province),
            ("co", "so") => Some(Level::Grassroots),
            ("khoi", _) | ("dang", "uy") => Some(Level::Committee),
            _ => None,
        };
        if let Some(l) = level {
            if !out.contains(&l) {
                out.push(l);
            }
        }
    }
    out.sort();
    out
}

/// The stage whose words start at `j` of `keys`.
fn stage_word(keys: &[&str], j: usize) -> Option<Stage> {
    let starts = |j: usize, words: &[&str]| keys[j..].starts_with(words);
    let criteria = |j: usize| {
        (starts(j, &["dat"]) || starts(j, &["dap", "ung"]))
            && keys[j..keys.len().min(j + 5)]
                .windows(2)
                .any(|w| w == ["tieu", "chi"])
            && !keys[j..keys.len().min(j + 5)].contains(&"theo")
    };
    // `loại` as taking off, not as a kind (`loại mô hình`): `loại 01`,
    // `loại bỏ`, `loại khỏi`.
    let taken_off = keys[j] == "loai"
        && keys.get(j + 1).is_some_and(|k| {
            matches!(*k, "khoi" | "bo") || (!k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()))
        });
    if starts(j, &["ra", "khoi", "danh", "sach"]) || taken_off {
        Some(Stage::Removed)
    } else if starts(j, &["bo", "sung"]) {
        Some(Stage::Added)
    } else if starts(j, &["chuyen", "di"]) {
        Some(Stage::TransferredOut)
    } else if starts(j, &["de", "nghi"])
        && keys[j..keys.len().min(j + 10)]
            .windows(2)
            .any(|w| w == ["khen", "thuong"])
        && !keys[j..keys.len().min(j + 10)]
            .windows(2)
            .any(|w| w == ["ra", "khoi"])
    {
        Some(Stage::Proposed)
    } else if starts(j, &["tuyen", "duong"]) || starts(j, &["bieu", "duong"]) {
        Some(Stage::Honoured)
    } else if starts(j, &["khen", "thuong"]) {
        Some(Stage::Awarded)
    } else if criteria(j) {
        Some(Stage::MeetsCriteria)
    } else if starts(j, &["dang", "ky"]) {
        Some(Stage::Registered)
    } else if starts(j, &["kiem", "tra"]) {
        Some(Stage::Inspected)
    } else {
        None
    }
}

/// The stage a clause names; `at` is the number's position in the clause.
/// The stage word nearest before the number wins (`… ra khỏi danh sách 02 mô
/// hình … đồng thời bổ sung 06 mô hình`); after it, only the words that
/// follow a figure in Vietnamese (`324 mô hình … đăng ký`, `145 mô hình đạt
/// các tiêu chí`, `54 tập thể … được tuyên dương`).
fn stage(keys: &[&str], at: usize) -> Option<Stage> {
    let at_word = |j: usize| stage_word(keys, j);
    // Nearest before; `đề nghị … khen thưởng` is read at `đề nghị`.
    let mut found = None;
    let mut proposed_at = None;
    for j in 0..at.min(keys.len()) {
        if let Some(s) = at_word(j) {
            // The `khen thưởng` of `đề nghị … khen thưởng` (no figure between).
            let inside_proposal = s == Stage::Awarded
                && proposed_at.is_some_and(|p: usize| {
                    j - p <= 10
                        && !keys[p..j]
                            .iter()
                            .any(|k| k.bytes().all(|b| b.is_ascii_digit()))
                });
            if !inside_proposal {
                found = Some(s);
                if s == Stage::Proposed {
                    proposed_at = Some(j);
                }
            }
        }
    }
    if found.is_some() {
        return found;
    }
    (at..keys.len()).find_map(|j| {
        at_word(j).filter(|s| {
            matches!(
                s,
                Stage::Registered
                    | Stage::MeetsCriteria
                    | Stage::Honoured
                    | Stage::Awarded
                    | Stage::Added
                    | Stage::Removed
            )
        })
    })
}

/// `Năm 2022, …`: a year the sentence is about (not a range `2021 - 2023`).
fn year(t: &[Token], s: usize, e: usize) -> Option<u32> {
    let inside: Vec<&Token> = t.iter().filter(|x| x.start >= s && x.end <= e).collect();
    (1..inside.len()).find_map(|j| {
        let y: u32 = inside[j].key.parse().ok()?;
        let range = inside
            .get(j + 1)
            .is_some_and(|n| matches!(n.key.as_str(), "-" | "–"));
        (inside[j - 1].key == "nam" && (1900..2200).contains(&y) && !range).then_some(y)
    })
}

fn in_parens(t: &[Token], i: usize) -> bool {
    let mut depth = 0i32;
    for x in &t[..i] {
        match x.key.as_str() {
            "(" => depth += 1,
            ")" => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth > 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::text;

    fn one(s: &str) -> Vec<Claim> {
        claims(&text(s))
    }

    #[test]
    fn numbers_in_the_forms_writers_use() {
        let c = one("có 03 mô hình, 1.234 điển hình, hai mươi tập thể và 11/12 đồng chí; một số mô hình khác");
        let v: Vec<(Value, Counted)> = c.iter().map(|c| (c.value, c.counted)).collect();
        assert_eq!(
            v,
            vec![
                (Value::Count(3), Counted::Model),
                (Value::Count(1234), Counted::Exemplar),
                (Value::Count(20), Counted::Collective),
                (Value::Ratio(11, 12), Counted::Individual),
            ]
        );
    }

    #[test]
    fn ranges_and_their_bounds() {
        let c = one("từ 10 đến 12 mô hình; 3 - 5 điển hình; giai đoạn 2021 - 2025 mô hình");
        let v: Vec<Value> = c.iter().map(|c| c.value).collect();
        assert_eq!(v, vec![Value::Range(10, 12), Value::Range(3, 5)]);
    }

    #[test]
    fn dates_and_document_numbers_are_not_claims() {
        assert!(one("Kế hoạch số 24-KH/TU, ngày 17/3/2021 về mô hình").is_empty());
        assert!(one("giai đoạn 2021 - 2025 mô hình").is_empty());
    }

    #[test]
    fn qualifiers_come_from_the_clause() {
        let c = one("đăng ký 20 mô hình và 10 điển hình tiên tiến cấp tỉnh, trong đó có 3 mô hình đạt các tiêu chí.");
        assert_eq!(c.len(), 3);
        assert_eq!(
            (c[0].stage, c[0].levels.clone()),
            (Some(Stage::Registered), vec![Level::Province])
        );
        assert_eq!(c[1].levels, vec![Level::Province]);
        // `trong đó` speaks of its head's level unless it names its own.
        assert_eq!(
            (c[2].stage, c[2].levels.clone()),
            (Some(Stage::MeetsCriteria), vec![Level::Province])
        );
        let d = one("Năm 2022, Cấp ủy đã đề nghị khen thưởng 23 tập thể; tuyên dương 54 tập thể.");
        assert_eq!((d[0].stage, d[0].year), (Some(Stage::Proposed), Some(2022)));
        assert_eq!(d[1].stage, Some(Stage::Honoured));
        // A year closing the text, and a period that is a range, not a year.
        assert_eq!(one("có 5 mô hình đăng ký năm 2023")[0].year, Some(2023));
        assert_eq!(one("có 5 mô hình đăng ký năm 2021 - 2023")[0].year, None);
    }

    #[test]
    fn a_category_named_after_the_figure_or_as_its_label() {
        let c = one("Bổ sung 06 mô hình, trong đó có 02 mô hình thuộc lĩnh vực y tế; Mô hình về lĩnh vực Giáo dục (16/16 mô hình); Mô hình khác (5 mô hình)");
        let cats: Vec<Option<&str>> = c.iter().map(|c| c.category.as_deref()).collect();
        assert_eq!(cats, vec![None, Some("y_te"), Some("giao_duc"), None]);
        // Two categories named: none chosen.
        assert_eq!(one("03 mô hình y tế và giáo dục")[0].category, None);
    }

    #[test]
    fn decomposed_text_reads_the_same() {
        use unicode_normalization::UnicodeNormalization;
        let s = "đăng ký 26 mô hình cấp tỉnh";
        let nfd: String = s.nfd().collect();
        let (a, b) = (
            one(s),
            claims(&[crate::document::Block {
                place: Place::Paragraph(1),
                text: nfd,
            }]),
        );
        assert_eq!(
            (a[0].value, a[0].stage, a[0].levels.clone()),
            (b[0].value, b[0].stage, b[0].levels.clone())
        );
    }
}
