//! The commendation a return writes for an entry, as the funnel counts it:
//! each statement's stage (`tuyên dương`, `đề nghị`, `khen thưởng`, `ghi
//! danh`), the level that gives it (`của UBND tỉnh`, `Đảng ủy Khối`) and
//! its form (`Bằng khen`, `Giấy khen`…), through the vocabulary's groups
//! `khen_thuong` and `cap`.
//!
//! ```
//! use tonghop_core::Level;
//! use tonghop_text::stage::{statements, Stage};
//! use tonghop_text::Vocabulary;
//! let s = statements(Vocabulary::builtin(), "Giấy khen của Đảng ủy Khối; đề nghị UBND tỉnh tặng Bằng khen");
//! assert_eq!((s[0].stage, s[0].level), (Stage::Awarded, Some(Level::Khoi)));
//! assert_eq!((s[1].stage, s[1].level), (Stage::Proposed, Some(Level::Tinh)));
//! ```

use crate::{fold_key, Vocabulary};
use tonghop_core::{Level, Subject};

/// What a statement says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Honoured (*tuyên dương*).
    Honoured,
    /// Proposed for an award (*đề nghị khen thưởng*, *đề nghị … tặng Bằng khen*).
    Proposed,
    /// Awarded (*khen thưởng*, *Giấy khen*, *Bằng khen*…).
    Awarded,
    /// Entered in the honour book (*ghi danh*).
    HonourBook,
}

/// One statement of a commendation cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The stage.
    pub stage: Stage,
    /// The level that gives it, or is asked to (`None`: not said).
    pub level: Option<Level>,
    /// The form, as the vocabulary names it (`bằng khen`, `giấy khen`…).
    pub form: Option<String>,
    /// Asked for (`đề nghị`), not done: a proposal to the level named.
    pub proposal: bool,
}

/// The statements of a cell: parts separated by `;`, `,`, `+` or line
/// breaks, a part naming no stage read with the one before (`Bằng khen của
/// Chủ tịch UBND tỉnh, Giám đốc Sở`).
#[must_use]
pub fn statements(v: &Vocabulary, text: &str) -> Vec<Statement> {
    let mut parts: Vec<String> = Vec::new();
    for p in text.split([';', ',', '+', '\n']) {
        let f = fold_key(p);
        if f.is_empty() {
            continue;
        }
        if stage_of(v, &f).is_none() {
            if let Some(last) = parts.last_mut() {
                last.push(' ');
                last.push_str(&f);
            }
            continue;
        }
        parts.push(f);
    }
    parts
        .iter()
        .filter_map(|f| {
            let stage = stage_of(v, f)?;
            let form = v
                .within("khen_thuong", f)
                .into_iter()
                .filter(|t| t.code == "khen_thuong" && t.key != "khen thuong")
                .max_by_key(|t| t.key.len())
                .map(|t| t.word.clone());
            Some(Statement {
                stage,
                level: v.level(f),
                form,
                proposal: v.has("khen_thuong", "de_nghi", f),
            })
        })
        .collect()
}

fn stage_of(v: &Vocabulary, f: &str) -> Option<Stage> {
    let has = |code: &str| v.has("khen_thuong", code, f);
    if has("de_nghi") && (has("khen") || has("khen_thuong") || has("tuyen_duong")) {
        Some(Stage::Proposed)
    } else if has("ghi_danh") {
        Some(Stage::HonourBook)
    } else if has("khen_thuong") {
        Some(Stage::Awarded)
    } else if has("tuyen_duong") {
        Some(Stage::Honoured)
    } else {
        None
    }
}

/// A figure a text states at a stage of the funnel: `tuyên dương 05 tập
/// thể`, `54 tập thể … được tuyên dương`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StagedFigure {
    /// Collectives (`tập thể`, `mô hình`) or individuals (`cá nhân`, `gương`).
    pub subject: Subject,
    /// The figure.
    pub value: i64,
    /// The words that name the stage, folded (`de nghi dang uy khoi khen
    /// thuong`): read with [`statements`] for the stage and the level.
    pub clause: String,
}

/// What [`staged_figures`] read in a text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StagedFigures {
    /// The figures, in reading order.
    pub figures: Vec<StagedFigure>,
    /// The folded text before the first figure or word a stage claims:
    /// what is left there for a statement of totals (`Tổng số: 10 mô hình;
    /// tuyên dương 5 mô hình` leaves `tong so 10 mo hinh`).
    pub before: String,
}

/// One word of a text, with what ends the piece it is in.
struct Word {
    text: String,
    /// A `;`, `.`, `!`, `?` or line break right after it: the end of a
    /// sentence.
    hard_end: bool,
    /// A `,`, `(` or `)` right after it.
    soft_end: bool,
}

fn words_of(text: &str) -> Vec<Word> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut piece = String::new();
    let flush = |piece: &mut String, hard: bool, soft: bool, out: &mut Vec<Word>| {
        let folded = fold_key(piece);
        piece.clear();
        let mut ws: Vec<Word> = folded
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(|w| Word {
                text: w.to_owned(),
                hard_end: false,
                soft_end: false,
            })
            .collect();
        if let Some(last) = ws.last_mut() {
            last.hard_end = hard;
            last.soft_end = soft;
        } else if let Some(last) = out.last_mut() {
            last.hard_end |= hard;
            last.soft_end |= soft;
        }
        out.append(&mut ws);
    };
    for (i, &c) in chars.iter().enumerate() {
        let digits_around = i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        match c {
            ';' | '!' | '?' | '\n' | '\r' => flush(&mut piece, true, false, &mut out),
            '.' if !digits_around => flush(&mut piece, true, false, &mut out),
            ',' | '(' | ')' if !digits_around => flush(&mut piece, false, true, &mut out),
            _ => piece.push(c),
        }
    }
    flush(&mut piece, true, false, &mut out);
    out
}

/// The length of the vocabulary term of `group` that starts at word `i`,
/// the longest, with its code.
fn term_at<'v>(
    v: &'v Vocabulary,
    group: &str,
    words: &[Word],
    i: usize,
) -> Option<(usize, &'v str)> {
    v.terms(group)
        .filter(|t| !matches!(t.kind, crate::vocab::Kind::Name | crate::vocab::Kind::Whole))
        .filter(|t| {
            !t.words.is_empty()
                && words.len() >= i + t.words.len()
                && t.words.iter().zip(&words[i..]).all(|(a, b)| *a == b.text)
        })
        .max_by_key(|t| t.words.len())
        .map(|t| (t.words.len(), t.code.as_str()))
}

/// The subject of a code of group `doi_tuong`.
fn subject_of(code: &str) -> Subject {
    if code == "mo_hinh" {
        Subject::Model
    } else {
        Subject::Exemplar
    }
}

/// A figure at word `i`: a number and a subject's words (`05 tập thể`), or
/// a subject's words and a number (`cá nhân: 08`); its subject, value and
/// length in words.
fn figure_at(v: &Vocabulary, words: &[Word], i: usize) -> Option<(Subject, i64, usize)> {
    let subject = subject_of;
    let number = |k: usize| words.get(k).and_then(|w| w.text.parse::<i64>().ok());
    if let Some(n) = number(i) {
        if words[i].hard_end || words[i].soft_end {
            return None;
        }
        let (len, code) = term_at(v, "doi_tuong", words, i + 1)?;
        return Some((subject(code), n, len + 1));
    }
    let (len, code) = term_at(v, "doi_tuong", words, i)?;
    if words[i + len - 1].hard_end {
        return None;
    }
    let n = number(i + len)?;
    Some((subject(code), n, len + 1))
}

/// Words that join figures of one stage (`5 tập thể và 8 cá nhân`) or lead
/// from figures to the stage that follows them (`… được tuyên dương`).
const JOINING: &[&str] = &[
    "va", "cung", "voi", "gom", "duoc", "da", "deu", "dong", "thoi", "con", "co", "tong", "cong",
];

/// The figures a text states at stages of the funnel, as an analyst reads
/// a sentence of a return: a stage's words and the figures that follow them
/// (`Tuyên dương 05 tập thể, 08 cá nhân; đề nghị Đảng ủy Khối khen thưởng 02
/// tập thể`), or figures and then `được` and the stage (`54 tập thể và 69
/// cá nhân được tuyên dương ở cơ sở`). A sentence ends at `;`, `.` or a line
/// break; figures no stage claims are left to the statement of totals
/// ([`StagedFigures::before`]). A stage's words that name no stage the
/// funnel knows (`đề nghị công nhận`) claim nothing.
///
/// ```
/// use tonghop_core::Subject;
/// use tonghop_text::stage::staged_figures;
/// use tonghop_text::Vocabulary;
/// let s = staged_figures(Vocabulary::builtin(), "Tổng số 10 mô hình; tuyên dương 5 tập thể, 8 cá nhân");
/// assert_eq!(s.before, "tong so 10 mo hinh");
/// assert_eq!((s.figures[1].subject, s.figures[1].value), (Subject::Exemplar, 8));
/// ```
#[must_use]
pub fn staged_figures(v: &Vocabulary, text: &str) -> StagedFigures {
    let mut out = StagedFigures::default();
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        out.before = fold_key(text);
        return out;
    }
    let words = words_of(text);
    // Where the first claimed word is, for `before`.
    let mut first_claim: Option<usize> = None;
    // The clause being read: where it starts, its words.
    let mut clause: Option<(usize, Vec<&str>)> = None;
    // The clause figures go to, while only joining words come between.
    let mut assigned: Option<String> = None;
    // Figures no clause claimed yet, in this sentence: (start, subject, value).
    let mut pending: Vec<(usize, Subject, i64)> = Vec::new();
    // Only joining words since the last pending figure, and one of them `được`.
    let (mut joined, mut passive) = (false, false);
    // The words between `được` and the stage: who gives it (`được Đảng ủy
    // Khối khen thưởng`), read with the stage for its level.
    let mut agent: Vec<&str> = Vec::new();
    // A subject's words with no figure yet, and where they are.
    let mut lone: Option<(usize, Subject)> = None;
    // A number without a subject came in the clause (`… 2 trong số 5 mô
    // hình`): its figure is not the stage's.
    let mut spoiled = false;
    let is_stage = |clause: &str| !statements(v, clause).is_empty();
    let mut claim = |out: &mut StagedFigures, at: usize, subject, value, clause: &str| {
        first_claim = Some(first_claim.map_or(at, |f: usize| f.min(at)));
        out.figures.push(StagedFigure {
            subject,
            value,
            clause: clause.to_owned(),
        });
    };
    let mut i = 0;
    while i < words.len() {
        if let Some((subject, value, len)) = figure_at(v, &words, i) {
            if let Some((start, ws)) = clause.take() {
                let text = ws.join(" ");
                if is_stage(&text) && !std::mem::take(&mut spoiled) {
                    claim(&mut out, start, subject, value, &text);
                    assigned = Some(text);
                } else {
                    assigned = None;
                }
                (joined, passive) = (false, false);
                pending.clear();
                agent.clear();
            } else if let Some(text) = &assigned {
                let text = text.clone();
                claim(&mut out, i, subject, value, &text);
            } else {
                pending.push((i, subject, value));
                (joined, passive) = (true, false);
                agent.clear();
            }
            i += len;
        } else if let Some((len, _)) = term_at(v, "khen_thuong", &words, i) {
            let ws = words[i..i + len].iter().map(|w| w.text.as_str());
            // A stage after a comma starts a clause of its own (`tuyên
            // dương ở cơ sở, đề nghị khen thưởng 23 tập thể`).
            match clause.as_mut() {
                Some((_, c)) if !words[i - 1].soft_end => c.extend(ws),
                _ => {
                    if clause.is_some() {
                        passive = false;
                    }
                    clause = Some((i, agent.drain(..).chain(ws).collect()));
                    spoiled = false;
                }
            }
            assigned = None;
            i += len;
        } else if let Some((len, code)) = term_at(v, "doi_tuong", &words, i) {
            // A subject whose figure comes after its stage (`Số cá nhân được
            // tuyên dương: 05`).
            lone = Some((i, subject_of(code)));
            if let Some((_, c)) = clause.as_mut() {
                c.extend(words[i..i + len].iter().map(|w| w.text.as_str()));
            }
            i += len;
        } else if let Some(n) = words[i]
            .text
            .parse::<i64>()
            .ok()
            .filter(|_| i == 0 || words[i - 1].text != "nam")
        {
            // A number with no subject of its own: the lone subject's, after
            // its stage; else it makes the clause's figures unsure (`tuyên
            // dương 2 trong số 5 mô hình`).
            match (lone.take(), clause.take()) {
                (Some((at, subject)), Some((start, ws))) => {
                    let text = ws.join(" ");
                    if is_stage(&text) {
                        claim(&mut out, at.min(start), subject, n, &text);
                    }
                }
                (_, Some(_)) => spoiled = true,
                _ => {}
            }
            assigned = None;
            (joined, passive) = (false, false);
            pending.clear();
            agent.clear();
            i += 1;
        } else {
            let w = words[i].text.as_str();
            if let Some((_, c)) = clause.as_mut() {
                c.push(w);
            } else if w == "duoc" && joined {
                passive = true;
            } else if passive {
                agent.push(w);
            } else if !JOINING.contains(&w) {
                assigned = None;
                joined = false;
            }
            i += 1;
        }
        let end = &words[i - 1];
        // Figures, `được` and a stage: the stage's, once its words end.
        if passive && clause.is_some() && (end.hard_end || end.soft_end) {
            if let Some((_, ws)) = clause.take() {
                let text = ws.join(" ");
                if is_stage(&text) {
                    for (at, subject, value) in pending.drain(..) {
                        claim(&mut out, at, subject, value, &text);
                    }
                }
            }
            pending.clear();
            (joined, passive) = (false, false);
            agent.clear();
        }
        if end.hard_end {
            clause = None;
            lone = None;
            spoiled = false;
            assigned = None;
            pending.clear();
            (joined, passive) = (false, false);
            agent.clear();
        }
    }
    let before = first_claim.unwrap_or(words.len());
    out.before = words[..before]
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(t: &str) -> Vec<(Stage, Option<Level>, Option<String>)> {
        statements(Vocabulary::builtin(), t)
            .into_iter()
            .map(|s| (s.stage, s.level, s.form))
            .collect()
    }

    fn staged(t: &str) -> Vec<(Stage, Option<Level>, Subject, i64)> {
        let v = Vocabulary::builtin();
        staged_figures(v, t)
            .figures
            .into_iter()
            .map(|f| {
                let s = &statements(v, &f.clause)[0];
                (s.stage, s.level, f.subject, f.value)
            })
            .collect()
    }

    #[test]
    fn figures_after_a_stage() {
        use Stage::*;
        use Subject::*;
        assert_eq!(
            staged("Tuyên dương 05 tập thể, 08 cá nhân; đề nghị Đảng ủy Khối khen thưởng 02 tập thể và 03 cá nhân."),
            [
                (Honoured, None, Model, 5),
                (Honoured, None, Exemplar, 8),
                (Proposed, Some(Level::Khoi), Model, 2),
                (Proposed, Some(Level::Khoi), Exemplar, 3),
            ]
        );
        // A subject and then its figure; a stage after a comma.
        assert_eq!(
            staged("Biểu dương: tập thể 4, cá nhân 6, đề nghị cấp trên khen thưởng cá nhân: 2"),
            [
                (Honoured, None, Model, 4),
                (Honoured, None, Exemplar, 6),
                (Proposed, None, Exemplar, 2),
            ]
        );
    }

    #[test]
    fn figures_before_a_passive_stage() {
        use Stage::*;
        use Subject::*;
        // Seed 002, the consolidating committee's own sentences.
        let said = "Qua tổng hợp, đã có 54 tập thể và 69 cá nhân được các cấp ủy cơ sở tuyên dương, \
            khen thưởng vì có thành tích xuất sắc. Cấp ủy đã đề nghị khen thưởng 23 tập thể và 29 cá nhân. \
            Đảng ủy Khối đã tổ chức Lễ báo công và khen thưởng 20 tập thể và 20 cá nhân; đồng thời đề nghị \
            Ủy ban nhân dân tỉnh khen thưởng 04 cá nhân và 02 tập thể có thành tích xuất sắc.";
        assert_eq!(
            staged(said),
            [
                (Honoured, Some(Level::CoSo), Model, 54),
                (Honoured, Some(Level::CoSo), Exemplar, 69),
                (Proposed, None, Model, 23),
                (Proposed, None, Exemplar, 29),
                (Awarded, None, Model, 20),
                (Awarded, None, Exemplar, 20),
                (Proposed, Some(Level::Tinh), Exemplar, 4),
                (Proposed, Some(Level::Tinh), Model, 2),
            ]
        );
        assert_eq!(
            staged("Có 3 cá nhân được Đảng ủy Khối tặng Giấy khen"),
            [(Awarded, Some(Level::Khoi), Exemplar, 3)]
        );
    }

    #[test]
    fn a_subject_then_its_stage_then_the_figure() {
        use Stage::*;
        use Subject::*;
        assert_eq!(
            staged("Số cá nhân được tuyên dương năm 2022: 05"),
            [(Honoured, None, Exemplar, 5)]
        );
        assert_eq!(
            staged("Số tập thể đề nghị Đảng ủy Khối khen thưởng: 02"),
            [(Proposed, Some(Level::Khoi), Model, 2)]
        );
    }

    #[test]
    fn figures_no_stage_claims() {
        let v = Vocabulary::builtin();
        // Registered, not honoured: the stage has figures of its own.
        let s = staged_figures(v, "Đăng ký 10 mô hình, tuyên dương 3 mô hình");
        assert_eq!(s.figures.len(), 1);
        assert_eq!(s.before, "dang ky 10 mo hinh");
        // Another sentence; a proposal that is no commendation.
        assert!(
            staged_figures(v, "Tổng số 12 cá nhân. Tuyên dương các cá nhân tiêu biểu")
                .figures
                .is_empty()
        );
        assert!(staged_figures(v, "Đề nghị công nhận 2 mô hình")
            .figures
            .is_empty());
        assert!(staged_figures(v, "Tuyên dương 2 trong số 5 mô hình")
            .figures
            .is_empty());
        let s = staged_figures(v, "Tổng số: 05 mô hình, 02 điển hình");
        assert!(s.figures.is_empty());
        assert_eq!(s.before, "tong so 05 mo hinh 02 dien hinh");
    }

    #[test]
    fn a_proposal_for_the_honour_book() {
        let s = statements(Vocabulary::builtin(), "Đề nghị Đảng ủy phường ghi danh");
        assert_eq!((s[0].stage, s[0].proposal), (Stage::HonourBook, true));
        let s = statements(Vocabulary::builtin(), "Ghi danh");
        assert!(!s[0].proposal);
    }

    #[test]
    fn stages_levels_and_forms() {
        use Stage::*;
        assert_eq!(read("Tuyên dương"), [(Honoured, None, None)]);
        assert_eq!(
            read("Đề nghị Đảng ủy Khối khen thưởng"),
            [(Proposed, Some(Level::Khoi), None)]
        );
        assert_eq!(
            read("Bằng khen của Chủ tịch UBND tỉnh, Giám đốc Sở"),
            [(Awarded, Some(Level::Tinh), Some("bằng khen".into()))]
        );
        assert_eq!(
            read("Giấy khen của Đảng ủy cơ sở + đề nghị UBND tỉnh tặng Bằng khen"),
            [
                (Awarded, Some(Level::CoSo), Some("giấy khen".into())),
                (Proposed, Some(Level::Tinh), Some("bằng khen".into()))
            ]
        );
        assert_eq!(read("Ghi danh sổ vàng"), [(HonourBook, None, None)]);
        assert!(read("chưa").is_empty());
        assert!(read("").is_empty());
    }
}
