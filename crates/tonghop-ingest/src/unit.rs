//! Which unit sent a return, from all the evidence: the lines of the header
//! block and title (`… của Chi bộ Sở Tư pháp`), the signature block (`T/M
//! BAN CHẤP HÀNH …`), every folder on the file's path, the file name, the
//! sheet names and the document's properties — each matched against the
//! roster's names and aliases on diacritic-free keys with abbreviations
//! spelled out: a whole name, else the name's distinctive part without the
//! words of a unit's kind (`ĐBCS Sở Y tế`, `CB So Tu phap` for `Đảng bộ Sở Y
//! tế`, `Chi bộ Sở Tư pháp`), else that part's words in any order. Each
//! place is worth its points; the best unit wins only by a clear margin over
//! the next, else `UNIT_UNKNOWN` names the candidates. The parent committee
//! (`Trực thuộc`) is never the sender.

use std::collections::HashMap;
use tonghop_core::{Reference, Return, Unit, UnitCandidate};
use tonghop_text::{canonical, fold_key, Abbreviations, Vocabulary};

/// Lines that are never the sender (group `khong_phai_don_vi`).
fn is_boilerplate(v: &Vocabulary, fold: &str) -> bool {
    fold.is_empty() || v.opening("khong_phai_don_vi", fold).is_some()
}

/// Whether a line opens with a word that opens a unit's name (`Đảng bộ`,
/// `Chi bộ`, `Công đoàn`…; group `mo_dau_don_vi`), followed by more words.
fn opens_with_unit_word(v: &Vocabulary, fold: &str) -> bool {
    v.opening("mo_dau_don_vi", fold)
        .is_some_and(|t| fold.len() > t.key.len())
}

fn names(u: &Unit) -> impl Iterator<Item = &str> {
    std::iter::once(u.name.as_str()).chain(u.aliases.iter().map(String::as_str))
}

/// The roster's names and aliases, keyed once, indexed by their whole key, so
/// that a line is matched in time proportional to its words, whatever the size
/// of the roster (a national roster's names mostly open with the same words,
/// `Chi bộ …`: an index by the first word compared a line with thousands).
pub(crate) struct UnitMatcher {
    abbreviations: Abbreviations,
    /// Key (words joined by one space) → the roster names with that key, in
    /// roster order.
    index: HashMap<String, Vec<Needle>>,
    /// The most words any key has.
    longest: usize,
    /// The distinctive part of each name (kind words taken off) → the units
    /// with that part, with the kind words they had.
    cores: HashMap<String, Vec<(usize, String)>>,
    /// The most words any core has.
    longest_core: usize,
    /// The parent committees' keys (`Trực thuộc`), never a sender.
    parents: Vec<String>,
    /// The roster's codes → the first unit with each (the winner of a
    /// return's evidence is found by its code).
    pub(crate) by_code: HashMap<String, usize>,
    /// Each distinctive part's words, once each, with its unit: (unit, words).
    core_words: Vec<(usize, Vec<String>)>,
    /// A word → the distinctive parts (indices of `core_words`) whose rarest
    /// word it is: each part is listed under one word only, so that a line's
    /// common words (`chi`, `bo`, `so`…) do not each walk a list as long as
    /// the roster (issue 21: reading grew with files × roster).
    word_index: HashMap<String, Vec<usize>>,
}

/// A name's key without the words of a unit's kind at its start (`dang bo co
/// so so y te` → (`dang bo co so`, `so y te`)), when at least two words remain.
fn core_of(v: &Vocabulary, key: &str) -> Option<(String, String)> {
    let mut rest = key;
    let mut kind = String::new();
    while let Some(t) = v.opening("mo_dau_don_vi", rest) {
        let after = rest[t.key.len()..].trim_start();
        let after = after
            .strip_prefix("co so ")
            .map_or(after, |a| a.trim_start());
        if after.split(' ').count() < 2 {
            break;
        }
        kind.push_str(&rest[..rest.len() - after.len()]);
        rest = after;
    }
    (!kind.is_empty() && rest.split(' ').count() >= 2)
        .then(|| (kind.trim().to_owned(), rest.to_owned()))
}

struct Needle {
    unit: usize,
    name: String,
}

/// Whether the words after a match go on with a number: the text names a
/// numbered unit (`… 3`) that the matched name is not.
fn numbered_after(words: &[&str], end: usize) -> bool {
    words
        .get(end)
        .is_some_and(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
}

impl UnitMatcher {
    pub(crate) fn new(reference: &Reference, vocabulary: &Vocabulary) -> UnitMatcher {
        let mut abbreviations = Abbreviations::of(vocabulary);
        for (short, full) in &reference.abbreviations {
            abbreviations.add(short, full);
        }
        let mut index: HashMap<String, Vec<Needle>> = HashMap::new();
        let mut longest = 0;
        for (i, u) in reference.units.iter().enumerate() {
            for n in names(u) {
                let key = tonghop_text::designated(&abbreviations.expand(n));
                let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
                if words.is_empty() {
                    continue;
                }
                longest = longest.max(words.len());
                index.entry(words.join(" ")).or_default().push(Needle {
                    unit: i,
                    name: n.to_owned(),
                });
            }
        }
        let mut cores: HashMap<String, Vec<(usize, String)>> = HashMap::new();
        let mut longest_core = 0;
        for (i, u) in reference.units.iter().enumerate() {
            for n in names(u) {
                if let Some((kind, core)) = core_of(
                    vocabulary,
                    &tonghop_text::designated(&abbreviations.expand(n)),
                ) {
                    longest_core = longest_core.max(core.split(' ').count());
                    let entry = cores.entry(core).or_default();
                    if !entry.iter().any(|(j, _)| *j == i) {
                        entry.push((i, kind));
                    }
                }
            }
        }
        let mut core_words: Vec<(usize, Vec<String>)> = Vec::new();
        // In the order of the parts, so that the evidence a match shows
        // does not depend on the hash map's order.
        let mut ordered: Vec<(&String, &Vec<(usize, String)>)> = cores.iter().collect();
        ordered.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (core, units) in ordered {
            let mut words: Vec<String> = core.split(' ').map(str::to_owned).collect();
            words.sort();
            words.dedup();
            for (u, _) in units {
                core_words.push((*u, words.clone()));
            }
        }
        let mut parts_with: HashMap<&str, usize> = HashMap::new();
        for (_, words) in &core_words {
            for w in words {
                *parts_with.entry(w.as_str()).or_default() += 1;
            }
        }
        let mut word_index: HashMap<String, Vec<usize>> = HashMap::new();
        for (k, (_, words)) in core_words.iter().enumerate() {
            // The rarest word, the first in order of two as rare.
            if let Some(rarest) = words.iter().min_by_key(|w| parts_with[w.as_str()]) {
                word_index.entry(rarest.clone()).or_default().push(k);
            }
        }
        let mut parents: Vec<String> = reference
            .units
            .iter()
            .map(|u| abbreviations.expand(&u.parent))
            .filter(|p| p.split(' ').count() >= 2)
            .collect();
        parents.sort();
        parents.dedup();
        let by_code: HashMap<String, usize> = reference
            .unit_positions()
            .into_iter()
            .map(|(code, i)| (code.to_owned(), i))
            .collect();
        UnitMatcher {
            by_code,
            abbreviations,
            index,
            longest,
            cores,
            longest_core,
            parents,
            core_words,
            word_index,
        }
    }

    /// The unit all of whose distinctive part's words are in `text`, in any
    /// order and among other words (`Tư pháp, Sở — chi bộ`, `BC Chi bo cq So
    /// Tu phap`): the part with most words; `None` when none, or when two
    /// units' parts of as many words are there.
    pub(crate) fn best_words<'a>(
        &self,
        text: &str,
        units: &'a [Unit],
    ) -> Option<(&'a Unit, String)> {
        let hay = tonghop_text::designated(&self.abbreviations.expand(text));
        let mut words: Vec<&str> = hay.split(' ').filter(|w| !w.is_empty()).collect();
        words.sort_unstable();
        words.dedup();
        // The parts listed under one of the line's words, all of whose words
        // the line has.
        let mut hits: Vec<usize> = Vec::new();
        for w in &words {
            for &k in self.word_index.get(*w).map_or(&[][..], Vec::as_slice) {
                let part = &self.core_words[k].1;
                if part
                    .iter()
                    .all(|p| words.binary_search(&p.as_str()).is_ok())
                {
                    hits.push(k);
                }
            }
        }
        hits.sort_unstable();
        let mut best: Option<(usize, usize)> = None;
        let mut tied = false;
        for k in hits {
            let (unit, part) = &self.core_words[k];
            let n = part.len();
            if n < 2 {
                continue;
            }
            match best {
                Some((b, bn)) if bn > n || (bn == n && self.core_words[b].0 == *unit) => {}
                Some((_, bn)) if bn == n => tied = true,
                _ => {
                    best = Some((k, n));
                    tied = false;
                }
            }
        }
        let (k, _) = best.filter(|_| !tied)?;
        let (unit, part) = &self.core_words[k];
        Some((&units[*unit], part.join(", ")))
    }

    /// Whether a text (its fold key) names the parent committee.
    pub(crate) fn is_parent(&self, fold: &str) -> bool {
        if self.parents.is_empty() {
            return false;
        }
        // Spelled out only when it opens with an abbreviation (`ĐUK …`).
        let first = fold.split(' ').next().unwrap_or("");
        let key: std::borrow::Cow<'_, str> = if self.abbreviations.full(first).is_some() {
            self.abbreviations.expand(fold).into()
        } else {
            fold.into()
        };
        self.parents.iter().any(|p| key.starts_with(p.as_str()))
    }

    /// The unit whose name's distinctive part occurs (as whole words) in
    /// `text`, the longest part winning. `Ok(None)`: nothing; `Err`: several
    /// units share the part and the text's kind words do not tell them apart
    /// (their codes, for the finding).
    pub(crate) fn best_core<'a>(
        &self,
        text: &str,
        units: &'a [Unit],
    ) -> Result<Option<(&'a Unit, String)>, Vec<&'a Unit>> {
        let hay = tonghop_text::designated(&self.abbreviations.expand(text));
        let words: Vec<&str> = hay.split(' ').filter(|w| !w.is_empty()).collect();
        let mut best: Option<(&Vec<(usize, String)>, String)> = None;
        for i in 0..words.len() {
            for n in 2..=self.longest_core.min(words.len() - i) {
                let key = words[i..i + n].join(" ");
                if numbered_after(&words, i + n) {
                    continue;
                }
                if let Some(c) = self.cores.get(&key) {
                    if best.as_ref().is_none_or(|(_, k)| key.len() > k.len()) {
                        best = Some((c, key));
                    }
                }
            }
        }
        let Some((candidates, core)) = best else {
            return Ok(None);
        };
        let padded = format!(" {hay} ");
        let fits: Vec<&(usize, String)> = if candidates.len() > 1 {
            let by_kind: Vec<&(usize, String)> = candidates
                .iter()
                .filter(|(_, kind)| padded.contains(&format!(" {kind} ")))
                .collect();
            if by_kind.is_empty() {
                candidates.iter().collect()
            } else {
                by_kind
            }
        } else {
            candidates.iter().collect()
        };
        match fits.as_slice() {
            [(u, _)] => Ok(Some((&units[*u], core))),
            many => Err(many.iter().map(|(u, _)| &units[*u]).collect()),
        }
    }

    /// The roster unit whose name or alias occurs (as whole words) in `text`,
    /// the longest such name winning (the earliest in the text, then the first
    /// in the roster, among equally long ones); with the name that matched.
    pub(crate) fn best<'a>(&'a self, text: &str, units: &'a [Unit]) -> Option<(&'a Unit, &'a str)> {
        let hay = tonghop_text::designated(&self.abbreviations.expand(text));
        let words: Vec<&str> = hay.split(' ').filter(|w| !w.is_empty()).collect();
        let mut best: Option<(&Needle, usize)> = None;
        let mut key = String::new();
        for i in 0..words.len() {
            key.clear();
            for (k, w) in words.iter().enumerate().skip(i).take(self.longest) {
                if !key.is_empty() {
                    key.push(' ');
                }
                key.push_str(w);
                if numbered_after(&words, k + 1) {
                    continue;
                }
                let Some(n) = self.index.get(key.as_str()).and_then(|c| c.first()) else {
                    continue;
                };
                if best.is_none_or(|(_, len)| key.len() > len) {
                    best = Some((n, key.len()));
                }
            }
        }
        best.map(|(n, _)| (&units[n.unit], n.name.as_str()))
    }
}

/// The lines of a return's header block and of its signature block, as
/// (sheet, row, text), a row's cells joined by ` | `.
#[derive(Default)]
pub(crate) struct Lines {
    pub title: Vec<(String, u32, String)>,
    pub signature: Vec<(String, u32, String)>,
}

impl Lines {
    /// How many of each there are, to go back to.
    pub fn mark(&self) -> (usize, usize) {
        (self.title.len(), self.signature.len())
    }
    /// Back to a mark (a sheet read again).
    pub fn truncate(&mut self, mark: (usize, usize)) {
        self.title.truncate(mark.0);
        self.signature.truncate(mark.1);
    }
}

/// How much a place is believed when it names a unit by a whole name or
/// alias (points; a name's distinctive part alone counts [`PART`] less).
const TITLE: u32 = 100;
const SIGNATURE: u32 = 80;
const FILE_NAME: u32 = 70;
const FOLDER: u32 = 55;
const SHEET_NAME: u32 = 50;
const FAR_FOLDER: u32 = 40;
const PROPERTIES: u32 = 35;
const PART: u32 = 10;
/// Less again when only the part's words are there, in another order.
const WORDS: u32 = 20;
/// Points for each other place naming the same unit, and the most.
const AGREE: u32 = 5;
const AGREE_MAX: u32 = 15;
/// The best unit wins only this far ahead of the next.
const MARGIN: u32 = 15;

pub(crate) fn detect(
    ret: &mut Return,
    reference: &Reference,
    matcher: &UnitMatcher,
    vocabulary: &Vocabulary,
    lines: &Lines,
    properties: &[(&'static str, String)],
    file_stem: &str,
) {
    let keep = |c: &&str| {
        let f = fold_key(c);
        !is_boilerplate(vocabulary, &f) && !matcher.is_parent(&f)
    };
    // Cells of the header block, in reading order.
    let cells: Vec<(&str, u32, &str)> = lines
        .title
        .iter()
        .flat_map(|(s, r, t)| t.split(" | ").map(move |c| (s.as_str(), *r, c)))
        .filter(|(_, _, c)| keep(c))
        .collect();
    // The signature block's lines that may name the unit (`T/M ĐẢNG ỦY …`),
    // not the recipients (`Nơi nhận:`, `- …`).
    let signature: Vec<(&str, u32, &str)> = lines
        .signature
        .iter()
        .flat_map(|(s, r, t)| t.split(" | ").map(move |c| (s.as_str(), *r, c)))
        .filter(|(_, _, c)| {
            let t = c.trim_start();
            !t.starts_with(['-', '+', '–', '•', '*'])
                && !fold_key(t).starts_with("noi nhan")
                && keep(c)
        })
        .collect();
    if reference.has_roster {
        ret.unit.candidates = candidates(
            ret, reference, matcher, &cells, &signature, properties, file_stem,
        );
        let won = winner(&ret.unit.candidates).and_then(|w| {
            let unit = reference
                .units
                .get(*matcher.by_code.get(w.code.as_str())?)?;
            Some((unit, w.evidence.first().cloned().unwrap_or_default()))
        });
        if let Some((unit, evidence)) = won {
            set(ret, unit, evidence);
            return;
        }
    }
    // Not in the roster (or no roster): the issuing-unit line, as written.
    // A heading line: short, no sentence punctuation, opening with a unit word.
    let heading = |c: &str| {
        // `CB Sở Tư pháp`, `ĐBCS …`: abbreviations spelled out first.
        let f = matcher.abbreviations.expand(c);
        opens_with_unit_word(vocabulary, &f)
            && f.split(' ').count() <= 14
            && !c.trim_end().ends_with(['.', ':', ';'])
    };
    // The parent committee's line comes first, the issuing unit's just below
    // it: of the first run of heading lines on consecutive rows, the last.
    let mut line = cells.iter().find(|(_, _, c)| heading(c));
    if let Some(&(sheet, mut row, _)) = line {
        while let Some(below) = cells
            .iter()
            .find(|(s, r, c)| *s == sheet && *r == row + 1 && heading(c))
        {
            line = Some(below);
            row += 1;
        }
    }
    let (name, evidence) = match line {
        Some((sheet, row, text)) => (
            canonical(text),
            format!(
                "{}: dòng tên đơn vị ban hành",
                tonghop_core::place(sheet, *row)
            ),
        ),
        None => (file_stem.to_owned(), "tên file".to_owned()),
    };
    ret.unit.code = None;
    ret.unit.name = name;
    ret.unit.evidence = evidence;
    if reference.has_roster {
        let candidates = match ret.unit.candidates.as_slice() {
            [] => ambiguous_parts(ret, reference, matcher, &cells, file_stem),
            many => format!(
                "; không chứng cứ nào trội hẳn, có thể là một trong: {}",
                many.iter()
                    .take(4)
                    .map(|c| format!(
                        "{} ({}, {} điểm: {})",
                        c.name,
                        c.code,
                        c.score,
                        c.evidence.join("; ")
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        ret.findings.push(tonghop_core::finding!(
            UnitUnknown,
            doc_duoc = ret.unit.name,
            can_cu = ret.unit.evidence,
            ung_vien = candidates
        ));
    }
}

/// The best candidate, when it is [`MARGIN`] ahead of the next.
fn winner(candidates: &[UnitCandidate]) -> Option<&UnitCandidate> {
    match candidates {
        [] => None,
        [one] => Some(one),
        [first, second, ..] => (first.score >= second.score + MARGIN).then_some(first),
    }
}

/// The places a unit may be named besides the header block, with the points
/// a whole name there is worth: the signature block, every folder on the
/// path (the nearest first), the file name, the sheet names, the document's
/// properties.
fn sources<'a>(
    ret: &'a Return,
    signature: &[(&'a str, u32, &'a str)],
    properties: &'a [(&'static str, String)],
    file_stem: &'a str,
) -> Vec<(String, &'a str, u32)> {
    let mut out: Vec<(String, &str, u32)> = signature
        .iter()
        .map(|(sheet, row, text)| {
            (
                format!(
                    "phần ký tên, {}: \"{text}\"",
                    tonghop_core::place(sheet, *row)
                ),
                *text,
                SIGNATURE,
            )
        })
        .collect();
    out.push((format!("tên file \"{file_stem}\""), file_stem, FILE_NAME));
    let parts: Vec<&str> = ret.rel.split('/').collect();
    if parts.len() > 2 {
        for (k, folder) in parts[1..parts.len() - 1].iter().rev().enumerate() {
            let points = if k == 0 { FOLDER } else { FAR_FOLDER };
            out.push((format!("thư mục \"{folder}\""), folder, points));
        }
    }
    for s in &ret.sheets {
        out.push((
            format!("tên sheet \"{}\"", s.name),
            s.name.as_str(),
            SHEET_NAME,
        ));
    }
    for (what, text) in properties {
        out.push((
            format!("thuộc tính file ({what}) \"{text}\""),
            text.as_str(),
            PROPERTIES,
        ));
    }
    out
}

/// Every roster unit the evidence names, scored, best first (ties in the
/// order the places are believed).
fn candidates(
    ret: &Return,
    reference: &Reference,
    matcher: &UnitMatcher,
    cells: &[(&str, u32, &str)],
    signature: &[(&str, u32, &str)],
    properties: &[(&'static str, String)],
    file_stem: &str,
) -> Vec<UnitCandidate> {
    // (unit index, points, why), in the order found.
    let mut said: Vec<(usize, u32, String)> = Vec::new();
    // Where in the roster a matched unit is, by its code (a search of the
    // roster for each piece of evidence grew with files × roster, issue 21);
    // searched for only if two units shared a code.
    let index = |u: &Unit| match matcher.by_code.get(u.code.as_str()) {
        Some(&i) if reference.units.get(i).is_some_and(|x| std::ptr::eq(x, u)) => i,
        _ => reference
            .units
            .iter()
            .position(|x| std::ptr::eq(x, u))
            .unwrap_or(0),
    };
    // The header block names the parent committee, then the issuing unit
    // below it: of two matches on consecutive lines, the lower one sent it.
    let hit = |&(sheet, row, text): &(&str, u32, &str)| {
        matcher
            .best(text, &reference.units)
            .map(|(unit, matched)| (sheet.to_owned(), row, text.to_owned(), unit, matched))
    };
    if let Some(first) = cells.iter().find_map(hit) {
        let below = cells
            .iter()
            .filter(|(s, r, _)| *s == first.0 && *r == first.1 + 1)
            .find_map(hit)
            .filter(|next| next.3.code != first.3.code);
        let (sheet, row, text, unit, matched) = below.unwrap_or(first);
        said.push((
            index(unit),
            TITLE,
            format!(
                "{}: \"{text}\" khớp \"{matched}\"",
                tonghop_core::place(&sheet, row)
            ),
        ));
    } else if let Some((unit, why)) = cells.iter().find_map(|(sheet, row, text)| {
        match matcher.best_core(text, &reference.units) {
            Ok(Some((u, core))) => Some((
                u,
                format!(
                    "{}: \"{text}\" khớp \"{core}\" trong tên \"{}\"",
                    tonghop_core::place(sheet, *row),
                    u.name
                ),
            )),
            _ => None,
        }
    }) {
        said.push((index(unit), TITLE - PART, why));
    } else if let Some((unit, why)) = cells.iter().find_map(|(sheet, row, text)| {
        matcher
            .best_words(text, &reference.units)
            .map(|(u, words)| {
                (
                    u,
                    format!(
                        "{}: \"{text}\" có đủ các chữ ({words}) của tên \"{}\", không theo thứ tự",
                        tonghop_core::place(sheet, *row),
                        u.name
                    ),
                )
            })
    }) {
        said.push((index(unit), TITLE - WORDS, why));
    }
    for (place, text, points) in sources(ret, signature, properties, file_stem) {
        if let Some((u, m)) = matcher.best(text, &reference.units) {
            said.push((index(u), points, format!("{place} khớp \"{m}\"")));
        } else if let Ok(Some((u, core))) = matcher.best_core(text, &reference.units) {
            said.push((
                index(u),
                points - PART,
                format!("{place} khớp \"{core}\" trong tên \"{}\"", u.name),
            ));
        } else if let Some((u, words)) = matcher.best_words(text, &reference.units) {
            said.push((
                index(u),
                points - WORDS,
                format!(
                    "{place} có đủ các chữ ({words}) của tên \"{}\", không theo thứ tự",
                    u.name
                ),
            ));
        }
    }
    let mut out: Vec<(usize, UnitCandidate, usize)> = Vec::new();
    for (order, (u, points, why)) in said.into_iter().enumerate() {
        match out.iter_mut().find(|(x, _, _)| *x == u) {
            Some((_, c, _)) => {
                if points > c.score {
                    c.score = points;
                    c.evidence.insert(0, why);
                } else {
                    c.evidence.push(why);
                }
            }
            None => out.push((
                u,
                UnitCandidate {
                    code: reference.units[u].code.clone(),
                    name: reference.units[u].name.clone(),
                    score: points,
                    evidence: vec![why],
                },
                order,
            )),
        }
    }
    for (_, c, _) in &mut out {
        let others = u32::try_from(c.evidence.len() - 1).unwrap_or(u32::MAX);
        c.score += (others.saturating_mul(AGREE)).min(AGREE_MAX);
    }
    out.sort_by(|a, b| b.1.score.cmp(&a.1.score).then(a.2.cmp(&b.2)));
    out.into_iter().map(|(_, c, _)| c).collect()
}

fn set(ret: &mut Return, unit: &Unit, evidence: String) {
    ret.unit.code = Some(unit.code.clone());
    ret.unit.name.clone_from(&unit.name);
    ret.unit.evidence = evidence;
}

/// The units a name's distinctive part could not tell apart, for the finding.
fn ambiguous_parts(
    ret: &Return,
    reference: &Reference,
    matcher: &UnitMatcher,
    cells: &[(&str, u32, &str)],
    file_stem: &str,
) -> String {
    let header = cells.iter().map(|(sheet, row, text)| {
        (
            format!("{}: \"{text}\"", tonghop_core::place(sheet, *row)),
            *text,
            TITLE,
        )
    });
    for (place, text, _) in header.chain(sources(ret, &[], &[], file_stem)) {
        if let Err(units) = matcher.best_core(text, &reference.units) {
            let names: Vec<String> = units
                .iter()
                .map(|u| format!("{} ({})", u.name, u.code))
                .collect();
            return format!("; {place} có thể là một trong: {}", names.join(", "));
        }
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(code: &str, name: &str, aliases: &[&str]) -> Unit {
        Unit {
            code: code.into(),
            name: name.into(),
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            kind: String::new(),
            parent: String::new(),
            from: None,
            to: None,
            note: String::new(),
        }
    }

    /// Units that differ by a number only: `Sở GTVT 3`, `Sở GTVT số 3` and
    /// the roster's `Sở Giao thông vận tải số 3` are one; `… 3` is never the
    /// unit without a number.
    #[test]
    fn numbered_units_are_told_apart() {
        let units = vec![
            unit(
                "U1",
                "Đảng bộ Sở Giao thông vận tải",
                &["Sở Giao thông vận tải"],
            ),
            unit(
                "U3",
                "Đảng bộ Sở Giao thông vận tải số 3",
                &["Sở Giao thông vận tải số 3"],
            ),
        ];
        let reference = Reference {
            units: units.clone(),
            has_roster: true,
            ..Reference::default()
        };
        let m = UnitMatcher::new(&reference, Vocabulary::builtin());
        let code = |t: &str| m.best(t, &units).map(|(u, _)| u.code.clone());
        assert_eq!(code("BC MH-DH DBCS So GTVT 3").as_deref(), Some("U3"));
        assert_eq!(code("ĐB Sở Giao thông vận tải số 3").as_deref(), Some("U3"));
        assert_eq!(code("BC MH-DH DBCS So GTVT").as_deref(), Some("U1"));
        let only_first = vec![units[0].clone()];
        let reference = Reference {
            units: only_first.clone(),
            has_roster: true,
            ..Reference::default()
        };
        let m = UnitMatcher::new(&reference, Vocabulary::builtin());
        assert!(m.best("So GTVT 7", &only_first).is_none());
    }

    /// Points by place, agreement adding to them, and the margin: a title
    /// line outweighs a file name that names another unit; a file name and a
    /// folder naming one unit add up; a folder against a sheet name is no
    /// clear winner.
    #[test]
    fn evidence_is_scored_and_wins_only_by_a_margin() {
        let units = vec![
            unit("A", "Chi bộ Sở Tư pháp", &[]),
            unit("B", "Chi bộ Sở Nội vụ", &[]),
        ];
        let reference = Reference {
            units: units.clone(),
            has_roster: true,
            ..Reference::default()
        };
        let v = Vocabulary::builtin();
        let m = UnitMatcher::new(&reference, v);
        let read = |rel: &str, title: &[&str], sheet: &str| {
            let mut r = Return::new(std::path::PathBuf::from(rel), rel, "2023");
            r.sheets.push(tonghop_core::SheetInfo {
                name: sheet.to_owned(),
                ..tonghop_core::SheetInfo::default()
            });
            let lines = Lines {
                title: title
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        (
                            sheet.to_owned(),
                            u32::try_from(i).unwrap() + 1,
                            (*t).to_owned(),
                        )
                    })
                    .collect(),
                signature: Vec::new(),
            };
            let stem = rel.rsplit('/').next().unwrap().trim_end_matches(".xlsx");
            detect(&mut r, &reference, &m, v, &lines, &[], stem);
            r
        };
        let r = read(
            "2023/BC Chi bo So Noi vu.xlsx",
            &["CHI BỘ SỞ TƯ PHÁP"],
            "Sheet1",
        );
        assert_eq!(r.unit.code.as_deref(), Some("A"), "{:?}", r.unit);
        let points: Vec<u32> = r.unit.candidates.iter().map(|c| c.score).collect();
        assert_eq!(points, [100, 70]);
        let r = read(
            "2023/Chi bo So Noi vu/BC Chi bo So Noi vu.xlsx",
            &[],
            "Sheet1",
        );
        assert_eq!(r.unit.code.as_deref(), Some("B"));
        assert_eq!(r.unit.candidates[0].score, 75, "{:?}", r.unit.candidates);
        assert_eq!(r.unit.candidates[0].evidence.len(), 2);
        let r = read("2023/Chi bo So Noi vu/BC.xlsx", &[], "CB Sở Tư pháp");
        assert_eq!(r.unit.code, None, "{:?}", r.unit);
        assert!(r.findings[0]
            .message
            .contains("không chứng cứ nào trội hẳn"));
        let r = read("2023/Chi bo So Noi vu/BC.xlsx", &[], "Sheet1");
        assert_eq!(
            r.unit.code.as_deref(),
            Some("B"),
            "alone, a folder is enough"
        );
    }

    /// A name's distinctive words in another order, among other words.
    #[test]
    fn the_words_of_a_name_in_any_order() {
        let units = vec![
            unit("A", "Chi bộ Sở Tư pháp", &[]),
            unit("B", "Đảng bộ Sở Y tế", &[]),
            unit("C", "Công đoàn Sở Y tế", &[]),
        ];
        let reference = Reference {
            units: units.clone(),
            has_roster: true,
            ..Reference::default()
        };
        let m = UnitMatcher::new(&reference, Vocabulary::builtin());
        let code = |t: &str| m.best_words(t, &units).map(|(u, _)| u.code.clone());
        assert_eq!(code("BC Tu phap - So (chi bo)").as_deref(), Some("A"));
        assert_eq!(
            code("Báo cáo Tư pháp").as_deref(),
            None,
            "one word of the part"
        );
        assert_eq!(code("Y tế, Sở").as_deref(), None, "two units' parts alike");
    }

    /// Each part is indexed under its rarest word only: on generated rosters
    /// whose names share common words, and on lines of their words shuffled
    /// with others, the match is the one every part checked against the
    /// line gives (the part with most words; none when two units tie).
    #[test]
    fn the_words_index_finds_what_checking_every_part_finds() {
        let pool = [
            "Sở",
            "Tư",
            "pháp",
            "Y",
            "tế",
            "Trường",
            "Tiểu",
            "học",
            "Giao",
            "thông",
            "Nội",
            "vụ",
            "Công",
            "Thương",
            "Xây",
            "dựng",
            "Hòa",
            "Bình",
            "An",
            "Phú",
        ];
        let mut seed: u64 = 21;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(seed >> 33).unwrap_or(0) % n
        };
        for round in 0..20 {
            let units: Vec<Unit> = (0..40)
                .map(|i| {
                    let words: Vec<&str> =
                        (0..2 + next(3)).map(|_| pool[next(pool.len())]).collect();
                    unit(
                        &format!("U{i}"),
                        &format!("Chi bộ {}", words.join(" ")),
                        &[],
                    )
                })
                .collect();
            let reference = Reference {
                units: units.clone(),
                has_roster: true,
                ..Reference::default()
            };
            let m = UnitMatcher::new(&reference, Vocabulary::builtin());
            for _ in 0..50 {
                let line: Vec<&str> = (0..1 + next(7)).map(|_| pool[next(pool.len())]).collect();
                let line = format!("Báo cáo {}", line.join(" "));
                let hay = tonghop_text::designated(&m.abbreviations.expand(&line));
                let have: std::collections::HashSet<&str> = hay.split(' ').collect();
                let mut best = 0;
                let mut found: Vec<usize> = Vec::new();
                for (u, part) in &m.core_words {
                    if part.len() < 2 || !part.iter().all(|w| have.contains(w.as_str())) {
                        continue;
                    }
                    if part.len() > best {
                        best = part.len();
                        found.clear();
                    }
                    if part.len() == best && !found.contains(u) {
                        found.push(*u);
                    }
                }
                let expected = (found.len() == 1).then(|| units[found[0]].code.clone());
                let got = m.best_words(&line, &units).map(|(u, _)| u.code.clone());
                assert_eq!(got, expected, "round {round}: {line}");
            }
        }
    }

    #[test]
    fn names_aliases_and_abbreviations() {
        let units = vec![
            unit("U1", "Đảng bộ Sở Y tế", &[]),
            unit("U2", "Chi bộ Trường Cao đẳng Y tế", &[]),
            unit(
                "U3",
                "Chi bộ Ngân hàng Chính sách xã hội chi nhánh tỉnh",
                &["Chi bộ Ngân hàng Chính sách xã hội"],
            ),
        ];
        let mut reference = Reference {
            units: units.clone(),
            has_roster: true,
            ..Reference::default()
        };
        let hit = |t: &str, r: &Reference| {
            UnitMatcher::new(r, Vocabulary::builtin())
                .best(t, &units)
                .map(|(u, _)| u.code.clone())
        };
        assert_eq!(hit("ĐẢNG BỘ SỞ Y TẾ", &reference).as_deref(), Some("U1"));
        assert_eq!(
            hit("BC mo hinh - DB So Y te", &reference).as_deref(),
            Some("U1")
        );
        // The longest name wins: not "Sở Y tế" inside "Cao đẳng Y tế".
        assert_eq!(
            hit("Danh sách của Chi bộ Trường Cao đẳng Y tế", &reference).as_deref(),
            Some("U2")
        );
        assert_eq!(hit("BC - CB NHCSXH", &reference), None);
        reference
            .abbreviations
            .push(("NHCSXH".into(), "Ngân hàng Chính sách xã hội".into()));
        assert_eq!(hit("BC - CB NHCSXH", &reference).as_deref(), Some("U3"));
        assert_eq!(hit("Sở Tư pháp", &reference), None);
    }

    #[test]
    fn the_distinctive_part_of_a_name() {
        let key = |s: &str| Abbreviations::default().expand(s);
        assert_eq!(
            core_of(Vocabulary::builtin(), &key("Đảng bộ cơ sở Sở Y tế")),
            Some(("dang bo co so".into(), "so y te".into()))
        );
        assert_eq!(
            core_of(Vocabulary::builtin(), &key("Chi bộ Sở Tư pháp")),
            Some(("chi bo".into(), "so tu phap".into()))
        );
        assert_eq!(
            core_of(Vocabulary::builtin(), &key("Chi bộ Y")),
            None,
            "too little left"
        );
        assert_eq!(
            core_of(Vocabulary::builtin(), &key("Sở Tư pháp")),
            None,
            "no kind words"
        );
        let units = vec![
            unit("U1", "Đảng bộ Sở Y tế", &[]),
            unit("U2", "Công đoàn Sở Y tế", &[]),
            unit("U3", "Chi bộ Sở Tư pháp", &[]),
        ];
        let reference = Reference {
            units: units.clone(),
            has_roster: true,
            ..Reference::default()
        };
        let m = UnitMatcher::new(&reference, Vocabulary::builtin());
        let code = |t: &str| match m.best_core(t, &units) {
            Ok(Some((u, _))) => Ok(Some(u.code.clone())),
            Ok(None) => Ok(None),
            Err(c) => Err(c.iter().map(|u| u.code.clone()).collect::<Vec<_>>()),
        };
        assert_eq!(code("ĐBCS SỞ Y TẾ"), Ok(Some("U1".into())));
        assert_eq!(code("CĐ Sở Y tế"), Err(vec!["U1".into(), "U2".into()]));
        assert_eq!(code("BC - CB So Tu phap"), Ok(Some("U3".into())));
        assert_eq!(code("Sở Nội vụ"), Ok(None));
    }

    /// A national roster: thousands of names opening with the same words.
    /// The one named in the line is found, the longest name wins over a
    /// shorter one it contains, and of two units sharing an alias the first
    /// in the roster is taken.
    #[test]
    fn a_large_roster_of_names_sharing_their_first_words() {
        let mut units: Vec<Unit> = (0..3000)
            .map(|i| unit(&format!("U{i}"), &format!("Chi bộ Sở Số {i}"), &[]))
            .collect();
        units.push(unit("A", "Chi bộ Sở Số 12 Phòng Hai", &[]));
        units.push(unit("B1", "Chi bộ Trạm Một", &["Trạm Xa"]));
        units.push(unit("B2", "Chi bộ Trạm Hai", &["Trạm Xa"]));
        let reference = Reference {
            units: units.clone(),
            has_roster: true,
            ..Reference::default()
        };
        let matcher = UnitMatcher::new(&reference, Vocabulary::builtin());
        let hit = |t: &str| {
            matcher
                .best(t, &units)
                .map(|(u, m)| (u.code.clone(), m.to_owned()))
        };
        assert_eq!(
            hit("BÁO CÁO CỦA CHI BỘ SỞ SỐ 2718 về mô hình"),
            Some(("U2718".into(), "Chi bộ Sở Số 2718".into()))
        );
        assert_eq!(
            hit("Chi bộ Sở Số 12 Phòng Hai").map(|h| h.0).as_deref(),
            Some("A")
        );
        assert_eq!(
            hit("Chi bộ Sở Số 12 Phòng Ba").map(|h| h.0).as_deref(),
            Some("U12")
        );
        assert_eq!(hit("Chi bộ Sở Số"), None);
        assert_eq!(
            hit("Báo cáo của Trạm Xa"),
            Some(("B1".into(), "Trạm Xa".into()))
        );
    }
}
