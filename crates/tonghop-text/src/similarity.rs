//! How alike two names are, for near-duplicates that an analyst should review.
//!
//! Both names become words of their [`match_key`](crate::match_key) (so case,
//! spacing, punctuation, Unicode form and tone placement already agree). Words
//! are paired: the same word counts 1, a word one edit away (a typo, a swapped
//! pair, a different tone mark) counts 0.8, and the score is the Dice
//! coefficient of those weights: `2 × matched / (words of a + words of b)`.
//!
//! [`THRESHOLD`] is 0.85: one typo in a name of two words or more
//! (`Trường học hạnh phcú`, 0.95), one word more in a name of three words or more
//! (3 and 4 words: 0.857; 6 and 7: 0.92), or one different tone in a three-word
//! person's name (`Lê Thị Hương` / `Lệ Thị Hương`, 0.93) all reach it; a name of
//! two words against three (0.80) and two different words in four (0.75) do not.

use crate::match_key;

/// Scores at or above this are reported as possible duplicates.
pub const THRESHOLD: f64 = 0.85;

const TYPO_WEIGHT: f64 = 0.8;

/// A score and the reason for it, in Vietnamese.
#[derive(Debug, Clone, PartialEq)]
pub struct Similarity {
    /// 0 (nothing in common) to 1 (same key).
    pub score: f64,
    /// Words in both.
    pub same: usize,
    /// Word pairs one edit apart: (in a, in b).
    pub typos: Vec<(String, String)>,
    /// Words only in a.
    pub only_a: Vec<String>,
    /// Words only in b.
    pub only_b: Vec<String>,
}

impl Similarity {
    /// Why the two strings scored as they did (Vietnamese, for analysts).
    #[must_use]
    pub fn explain(&self) -> String {
        let mut parts = vec![
            format!("độ giống {:.2}", self.score),
            format!("{} từ trùng", self.same),
        ];
        for (a, b) in &self.typos {
            parts.push(format!("\"{a}\" ≈ \"{b}\" (khác một ký tự hoặc dấu)"));
        }
        if !self.only_a.is_empty() {
            parts.push(format!("chỉ bên thứ nhất có: {}", self.only_a.join(" ")));
        }
        if !self.only_b.is_empty() {
            parts.push(format!("chỉ bên thứ hai có: {}", self.only_b.join(" ")));
        }
        parts.join("; ")
    }
}

/// The words of `s` as written (canonical form), when they line up with its key.
fn written(s: &str, n: usize) -> Option<Vec<String>> {
    let words: Vec<String> = crate::canonical(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    (words.len() == n).then_some(words)
}

/// Whether two words are at most one edit apart (optimal string alignment:
/// one substitution, insertion, deletion or swap of neighbours), in one pass
/// and without allocating: past the common beginning and end, what is left
/// must be that one edit.
fn within_one_edit(a: &str, b: &str) -> bool {
    let (na, nb) = (a.chars().count(), b.chars().count());
    if na.abs_diff(nb) > 1 {
        return false;
    }
    let prefix = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let room = na.min(nb) - prefix;
    let suffix = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (na - prefix - suffix, nb - prefix - suffix);
    match (ma, mb) {
        (0, _) | (_, 0) | (1, 1) => ma.max(mb) <= 1,
        (2, 2) => {
            let mut x = a.chars().skip(prefix);
            let mut y = b.chars().skip(prefix);
            let (x0, x1, y0, y1) = (x.next(), x.next(), y.next(), y.next());
            x0 == y1 && x1 == y0
        }
        _ => false,
    }
}

/// The first letters of two words are the same.
fn same_start(a: &str, b: &str) -> bool {
    a.chars().next() == b.chars().next()
}

/// The score of [`similarity`] from two matching keys already made, without
/// the explanation: cheap enough for every candidate pair of a large batch.
#[must_use]
pub fn score_keys(ka: &str, kb: &str) -> f64 {
    score_keys_from(ka, kb, 0.0).unwrap_or(0.0)
}

/// [`score_keys`] when it reaches `at_least`, else `None` — decided after the
/// exact word matches whenever even every remaining word being a typo could not
/// reach it (most candidate pairs of a block share one word and stop there).
#[must_use]
pub fn score_keys_from(ka: &str, kb: &str, at_least: f64) -> Option<f64> {
    let wa: Vec<&str> = ka.split(' ').filter(|w| !w.is_empty()).collect();
    let wb: Vec<&str> = kb.split(' ').filter(|w| !w.is_empty()).collect();
    let mut used = vec![false; wb.len()];
    let mut same = 0usize;
    let mut rest = Vec::new();
    for w in &wa {
        if let Some(j) = (0..wb.len()).find(|&j| !used[j] && wb[j] == *w) {
            used[j] = true;
            same += 1;
        } else {
            rest.push(*w);
        }
    }
    let total = wa.len() + wb.len();
    #[allow(clippy::cast_precision_loss)]
    let best_case = 2.0 * (same as f64 + TYPO_WEIGHT * rest.len().min(wb.len() - same) as f64)
        / total.max(1) as f64;
    if total > 0 && best_case < at_least {
        return None;
    }
    let mut typos = 0usize;
    for w in rest {
        if let Some(j) =
            (0..wb.len()).find(|&j| !used[j] && same_start(w, wb[j]) && within_one_edit(w, wb[j]))
        {
            used[j] = true;
            typos += 1;
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let score = if total == 0 {
        1.0
    } else {
        2.0 * (same as f64 + TYPO_WEIGHT * typos as f64) / total as f64
    };
    (score >= at_least).then_some(score)
}

/// Scores two names (see the module text).
#[must_use]
pub fn similarity(a: &str, b: &str) -> Similarity {
    let ka = match_key(a);
    let kb = match_key(b);
    let wa: Vec<&str> = ka.split(' ').filter(|w| !w.is_empty()).collect();
    let wb: Vec<&str> = kb.split(' ').filter(|w| !w.is_empty()).collect();
    // The words as written, to explain in the analyst's spelling.
    let (oa, ob) = (written(a, wa.len()), written(b, wb.len()));
    let mut used = vec![false; wb.len()];
    let mut same = 0;
    let mut unmatched_a = Vec::new();
    for (i, w) in wa.iter().enumerate() {
        if let Some(j) = (0..wb.len()).find(|&j| !used[j] && wb[j] == *w) {
            used[j] = true;
            same += 1;
        } else {
            unmatched_a.push(i);
        }
    }
    let shown = |words: &Option<Vec<String>>, keys: &[&str], i: usize| -> String {
        words
            .as_ref()
            .map_or_else(|| keys[i].to_owned(), |w| w[i].clone())
    };
    let mut typos = Vec::new();
    let mut only_a = Vec::new();
    for i in unmatched_a {
        let w = wa[i];
        // One edit away and the same first letter: a typo or another tone mark
        // (`lê`/`lệ`, `phúc`/`phcú`), not another word (`và`/`là`).
        let hit =
            (0..wb.len()).find(|&j| !used[j] && same_start(w, wb[j]) && within_one_edit(w, wb[j]));
        match hit {
            Some(j) => {
                used[j] = true;
                typos.push((shown(&oa, &wa, i), shown(&ob, &wb, j)));
            }
            None => only_a.push(shown(&oa, &wa, i)),
        }
    }
    let only_b: Vec<String> = (0..wb.len())
        .filter(|&j| !used[j])
        .map(|j| shown(&ob, &wb, j))
        .collect();
    let total = wa.len() + wb.len();
    #[allow(clippy::cast_precision_loss)]
    let score = if total == 0 {
        1.0
    } else {
        2.0 * (same as f64 + TYPO_WEIGHT * typos.len() as f64) / total as f64
    };
    Similarity {
        score,
        same,
        typos,
        only_a,
        only_b,
    }
}

/// Optimal string alignment distance, by the textbook table: insertions,
/// deletions, substitutions and swaps of two neighbours each count one
/// (`rnu` → `run` is 1). For short words (command names, typos); the
/// matching of names uses the one-pass checks above.
#[must_use]
pub fn osa_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[n][m]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The textbook table is the oracle for the one-pass check.
    fn osa(a: &str, b: &str) -> usize {
        osa_distance(a, b)
    }

    #[test]
    fn one_edit_check_agrees_with_the_table() {
        // Every word of up to four letters over a small alphabet with marks,
        // against every other: all the edit shapes, multi-byte letters included.
        let alphabet = ['a', 'ă', 'b', 'ư'];
        let mut words = vec![String::new()];
        for len in 1..=4 {
            let mut n = 1;
            for _ in 0..len {
                n *= alphabet.len();
            }
            for mut k in 0..n {
                let mut w = String::new();
                for _ in 0..len {
                    w.push(alphabet[k % alphabet.len()]);
                    k /= alphabet.len();
                }
                words.push(w);
            }
        }
        for a in &words {
            for b in &words {
                assert_eq!(within_one_edit(a, b), osa(a, b) <= 1, "{a:?} / {b:?}");
            }
        }
    }

    #[test]
    fn identical_after_keys() {
        assert!(
            (similarity("Trường học hạnh phúc", "TRƯỜNG HỌC  HẠNH PHÚC.").score - 1.0).abs() < 1e-9
        );
        assert!((similarity("Hoà nhập", "Hòa nhập").score - 1.0).abs() < 1e-9);
    }

    #[test]
    fn one_typo_or_one_word_more_is_a_possible_duplicate() {
        let typo = similarity("Trường học hạnh phúc", "Trường học hạnh phcú");
        assert!(typo.score >= THRESHOLD, "{}", typo.explain());
        assert_eq!(typo.typos.len(), 1);
        let more = similarity(
            "Phòng khám thân thiện, người bệnh hài lòng",
            "Phòng khám thân thiện, người bệnh luôn hài lòng",
        );
        assert!(more.score >= THRESHOLD, "{}", more.explain());
        assert_eq!(more.only_b, vec!["luôn".to_owned()]);
        let tone = similarity("Lê Thị Hương", "Lệ Thị Hương");
        assert!(
            tone.score >= THRESHOLD && tone.score < 1.0,
            "{}",
            tone.explain()
        );
        assert!(tone.explain().contains("khác một ký tự"));
    }

    #[test]
    fn score_from_keys_is_the_same_score() {
        for (a, b) in [
            ("Trường học hạnh phúc", "Trường học hạnh phcú"),
            ("Lê Thị Hương", "Lệ Thị Hương"),
            ("Nguyễn Văn An", "Nguyễn Văn Bình"),
            (
                "Phòng khám thân thiện",
                "Phòng khám thân thiện, người bệnh hài lòng",
            ),
        ] {
            let full = similarity(a, b).score;
            assert!(
                (score_keys(&match_key(a), &match_key(b)) - full).abs() < 1e-12,
                "{a} / {b}"
            );
        }
    }

    #[test]
    fn different_names_are_not() {
        for (a, b) in [
            ("Trường học hạnh phúc", "Thư viện xanh"),
            ("Nguyễn Văn An", "Nguyễn Văn Bình"),
            ("Một cửa liên thông hiện đại", "Công sở xanh - sạch - đẹp"),
            ("Tiết kiệm điện, nước", "An toàn lao động trong sản xuất"),
        ] {
            let s = similarity(a, b);
            assert!(s.score < THRESHOLD, "{a} / {b}: {}", s.explain());
        }
    }
}
