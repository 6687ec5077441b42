//! Free text to codes: category, level, status, commendation — through the
//! vocabulary (`data/tu-vung.tsv`) and the campaign's taxonomy.

use crate::{expand_abbreviations, fold_key, match_key};
use tonghop_core::{CategoryDef, Level, Status};

/// The outcome of reading a category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CategoryFit {
    /// One category fits.
    One(String),
    /// Several fit; the codes.
    Ambiguous(Vec<String>),
    /// None fits.
    Unknown,
}

/// A taxonomy prepared for matching. Keywords starting with `~` are weak: they
/// decide only when no strong keyword matched (`hội`, `sản xuất`).
#[derive(Debug, Clone)]
pub struct Taxonomy {
    cats: Vec<Prepared>,
    /// Per category, the words of its keywords that no other category's
    /// keywords hold (`dang` for the party's organisations).
    own_words: Vec<(String, Vec<String>)>,
    /// Per category, the pairs of adjacent words of its strong keywords that
    /// no other category's keywords hold side by side (`van hoa`, `cong so`
    /// for the culture of the workplace), whatever the words' length.
    own_pairs: Vec<(String, Vec<String>)>,
    /// (code, display name).
    names: Vec<(String, String)>,
}

/// A category with its name key and (keyword key, weak) pairs.
type Prepared = (String, String, Vec<(String, bool)>);

impl Taxonomy {
    /// Prepares keys for every name and keyword.
    #[must_use]
    pub fn new(defs: &[CategoryDef]) -> Taxonomy {
        let cats: Vec<Prepared> = defs
            .iter()
            .map(|c| {
                let kws = c
                    .keywords
                    .iter()
                    .map(|k| {
                        let weak = k.starts_with('~');
                        (expand_abbreviations(k.trim_start_matches('~')), weak)
                    })
                    .filter(|(k, _)| !k.is_empty())
                    // Padded once here, so that matching whole words allocates nothing.
                    .map(|(k, weak)| (format!(" {k} "), weak))
                    .collect();
                (c.code.clone(), match_key(&c.name), kws)
            })
            .collect();
        let names = defs
            .iter()
            .map(|c| (c.code.clone(), c.name.clone()))
            .collect();
        // Runs of `n` words side by side in a category's keywords (all, or
        // the strong ones only), sorted.
        let runs_of = |kws: &Vec<(String, bool)>, strong_only: bool, n: usize| -> Vec<String> {
            let mut runs: Vec<String> = kws
                .iter()
                .filter(|(_, weak)| !(strong_only && *weak))
                .flat_map(|(k, _)| {
                    let w: Vec<&str> = k.split_whitespace().collect();
                    w.windows(n).map(|x| x.join(" ")).collect::<Vec<_>>()
                })
                .collect();
            runs.sort();
            runs.dedup();
            runs
        };
        // Per category, the runs of its strong keywords that no other
        // category's keywords hold, of `min_len` bytes or more.
        let own = |n: usize, min_len: usize| -> Vec<(String, Vec<String>)> {
            let all: Vec<(&String, Vec<String>)> = cats
                .iter()
                .map(|(code, _, kws)| (code, runs_of(kws, false, n)))
                .collect();
            cats.iter()
                .map(|(code, _, kws)| {
                    let own = runs_of(kws, true, n)
                        .into_iter()
                        .filter(|r| r.len() >= min_len)
                        .filter(|r| {
                            !all.iter()
                                .any(|(other, rs)| *other != code && rs.binary_search(r).is_ok())
                        })
                        .collect();
                    (code.clone(), own)
                })
                .collect()
        };
        let own_words = own(1, 4);
        let own_pairs = own(2, 5);
        Taxonomy {
            cats,
            own_words,
            own_pairs,
            names,
        }
    }

    /// The display name of a category code.
    #[must_use]
    pub fn name(&self, code: &str) -> Option<&str> {
        self.names
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, n)| n.as_str())
    }

    /// The category a label (or a model's name) fits.
    #[must_use]
    pub fn classify(&self, text: &str) -> CategoryFit {
        if text.trim().is_empty() {
            return CategoryFit::Unknown;
        }
        let key = match_key(text);
        if let Some((code, _, _)) = self
            .cats
            .iter()
            .find(|(code, name, _)| *name == key || *code == text.trim())
        {
            return CategoryFit::One(code.clone());
        }
        let hay = format!(" {} ", expand_abbreviations(text));
        let mut strong: Vec<&str> = Vec::new();
        let mut weak: Vec<(&str, usize)> = Vec::new();
        for (code, _, kws) in &self.cats {
            let mut weak_hits = 0;
            for (k, is_weak) in kws {
                if hay.contains(k.as_str()) {
                    if *is_weak {
                        weak_hits += 1;
                    } else if !strong.contains(&code.as_str()) {
                        strong.push(code);
                    }
                }
            }
            if weak_hits > 0 {
                weak.push((code, weak_hits));
            }
        }
        match strong.len() {
            1 => return CategoryFit::One(strong[0].to_owned()),
            n if n > 1 => {
                return CategoryFit::Ambiguous(strong.iter().map(|s| (*s).to_owned()).collect())
            }
            _ => {}
        }
        let best = weak.iter().map(|(_, n)| *n).max().unwrap_or(0);
        let top: Vec<&str> = weak
            .iter()
            .filter(|(_, n)| *n == best)
            .map(|(c, _)| *c)
            .collect();
        match top.len() {
            0 => self.by_words(&hay),
            1 => CategoryFit::One(top[0].to_owned()),
            _ => CategoryFit::Ambiguous(top.iter().map(|s| (*s).to_owned()).collect()),
        }
    }

    /// When no keyword is in a label (six words at most: a model's name is
    /// not read so): a keyword written with a slip of one letter in a long
    /// word (`hành chánh`), else the category whose own words (of four
    /// letters or more, in its strong keywords and in no keyword of another)
    /// and own pairs of words (side by side in its strong keywords, in no
    /// keyword of another: `văn hoá`, `công sở`) the label holds most (`Xây
    /// dựng Đảng`, `Đổi mới hành chính công`, `Nếp sống công sở`). A
    /// number and a letter typed apart (`5 S`) are read together.
    fn by_words(&self, hay: &str) -> CategoryFit {
        if hay.split_whitespace().count() > 6 {
            return CategoryFit::Unknown;
        }
        let mut words: Vec<String> = hay.split_whitespace().map(str::to_owned).collect();
        let mut joined: Vec<String> = Vec::with_capacity(words.len());
        for w in words.drain(..) {
            match joined.last_mut() {
                Some(prev) if w.len() == 1 && prev.bytes().all(|b| b.is_ascii_digit()) => {
                    prev.push_str(&w);
                }
                _ => joined.push(w),
            }
        }
        let words = joined;
        let near = |a: &str, b: &str| {
            a == b || (a.len() >= 5 && b.len() >= 5 && crate::osa_distance(a, b) <= 1)
        };
        let mut slips: Vec<&str> = Vec::new();
        for (code, _, kws) in &self.cats {
            for (k, is_weak) in kws {
                let kw: Vec<&str> = k.split_whitespace().collect();
                if *is_weak || kw.is_empty() || kw.len() > words.len() {
                    continue;
                }
                let found = (0..=words.len() - kw.len())
                    .any(|i| kw.iter().zip(&words[i..]).all(|(a, b)| near(a, b)));
                if found && !slips.contains(&code.as_str()) {
                    slips.push(code);
                }
            }
        }
        if let [one] = slips.as_slice() {
            return CategoryFit::One((*one).to_owned());
        }
        let pairs: Vec<String> = words
            .windows(2)
            .map(|x| format!("{} {}", x[0], x[1]))
            .collect();
        let mut scored: Vec<(&str, usize)> = self
            .own_words
            .iter()
            .zip(&self.own_pairs)
            .map(|((code, own), (_, own_pairs))| {
                let n = words.iter().filter(|w| own.iter().any(|o| o == *w)).count()
                    + pairs.iter().filter(|p| own_pairs.contains(p)).count();
                (code.as_str(), n)
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        let best = scored.iter().map(|(_, n)| *n).max().unwrap_or(0);
        scored.retain(|(_, n)| *n == best);
        match scored.as_slice() {
            [] => CategoryFit::Unknown,
            [(one, _)] => CategoryFit::One((*one).to_owned()),
            many => CategoryFit::Ambiguous(many.iter().map(|(c, _)| (*c).to_owned()).collect()),
        }
    }
}

/// [`Vocabulary::level`] with the built-in vocabulary.
#[must_use]
pub fn level(text: &str) -> Option<Level> {
    crate::Vocabulary::builtin().level(text)
}

/// [`Vocabulary::status`] with the built-in vocabulary.
#[must_use]
pub fn status(text: &str) -> Status {
    crate::Vocabulary::builtin().status(text)
}

/// [`Vocabulary::commendation`] with the built-in vocabulary.
#[must_use]
pub fn commendation(text: &str) -> &'static str {
    crate::Vocabulary::builtin().commendation(text)
}

impl crate::Vocabulary {
    /// A level named on its own, as a fold key (group `cap`, whole-text terms).
    #[must_use]
    pub fn level_word(&self, fold: &str) -> Option<Level> {
        self.whole("cap", fold).and_then(Level::from_code)
    }

    /// The level written in a cell or ticked: `None` when blank, unreadable
    /// or when several levels are ticked. A part is a level word on its own
    /// (group `cap`, whole-text terms), or names one inside a phrase (its
    /// other terms).
    #[must_use]
    pub fn level(&self, text: &str) -> Option<Level> {
        let parts: Vec<Level> = text
            .split([';', ',', '/'])
            .filter_map(|p| {
                let f = fold_key(p);
                self.level_word(&f).or_else(|| {
                    self.within("cap", &f)
                        .first()
                        .and_then(|t| Level::from_code(&t.code))
                })
            })
            .collect();
        match parts.as_slice() {
            [l] => Some(*l),
            [l, rest @ ..] if rest.iter().all(|x| x == l) => Some(*l),
            _ => None,
        }
    }

    /// Removed (`loại`, `không đạt`, `rút`, `dừng`, `thôi`…; group
    /// `tinh_trang`) or active (anything else).
    #[must_use]
    pub fn status(&self, text: &str) -> Status {
        let f = fold_key(text);
        if self.has("tinh_trang", "loai", &f) && !self.has("tinh_trang", "khong_phai_loai", &f) {
            Status::Loai
        } else {
            Status::DangKy
        }
    }

    /// The commendation stage written for an entry (group `khen_thuong`):
    /// `tuyen_duong` (honoured), `de_nghi_khen_thuong` (proposed for an
    /// award), `khen_thuong` (awarded: `Bằng khen`, `Giấy khen`, `Cờ thi
    /// đua`…), `ghi_danh` (honour book), `khac` (written but none of these),
    /// or empty when blank.
    #[must_use]
    pub fn commendation(&self, text: &str) -> &'static str {
        let f = fold_key(text);
        let has = |code: &str| self.has("khen_thuong", code, &f);
        if f.trim().is_empty() {
            ""
        } else if has("de_nghi") && (has("khen") || has("khen_thuong")) {
            "de_nghi_khen_thuong"
        } else if has("tuyen_duong") {
            "tuyen_duong"
        } else if has("khen_thuong") {
            "khen_thuong"
        } else if has("ghi_danh") {
            "ghi_danh"
        } else {
            "khac"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::default_categories;

    #[test]
    fn seed_label_is_ambiguous() {
        let t = Taxonomy::new(&default_categories());
        let fit = t.classify(
            "Điển hình tiên tiến trong thực hiện nội dung “5S” để nói không với tiêu cực",
        );
        assert!(
            matches!(fit, CategoryFit::Ambiguous(ref c) if c.contains(&"nam_s".to_owned()) && c.contains(&"nam_khong".to_owned())),
            "{fit:?}"
        );
    }

    /// Pairs of words side by side in one category's keywords only (`văn
    /// hoá`, `công sở`) tell it, short as each word is; a pair two
    /// categories share tells neither.
    #[test]
    fn a_categorys_own_pairs_of_words_tell_it() {
        let t = Taxonomy::new(&default_categories());
        assert_eq!(
            t.classify("Nếp sống công sở"),
            CategoryFit::One("van_hoa_cong_so".into())
        );
        assert_eq!(
            t.classify("Văn hoá nơi làm việc"),
            CategoryFit::One("van_hoa_cong_so".into())
        );
        let shared = Taxonomy::new(&[
            CategoryDef {
                code: "a".into(),
                name: "A".into(),
                keywords: vec!["công sở xanh".into()],
            },
            CategoryDef {
                code: "b".into(),
                name: "B".into(),
                keywords: vec!["công sở đẹp".into()],
            },
        ]);
        assert_eq!(shared.classify("Nếp sống công sở"), CategoryFit::Unknown);
    }

    #[test]
    fn plain_labels_fit_one() {
        let t = Taxonomy::new(&default_categories());
        assert_eq!(t.classify("Y tế"), CategoryFit::One("y_te".into()));
        assert_eq!(t.classify("GD-ĐT"), CategoryFit::One("giao_duc".into()));
        assert_eq!(
            t.classify("CCHC"),
            CategoryFit::One("cai_cach_hanh_chinh".into())
        );
        assert_eq!(
            t.classify("SXKD"),
            CategoryFit::One("san_xuat_kinh_doanh".into())
        );
        assert_eq!(
            t.classify("Mô hình thi đua an toàn - tiết kiệm trong sản xuất, kinh doanh"),
            CategoryFit::One("an_toan_tiet_kiem".into())
        );
        assert_eq!(
            t.classify("Văn hoá công sở"),
            CategoryFit::One("van_hoa_cong_so".into())
        );
        // Labels in none of the keywords: a slip of one letter, a category's
        // own words; a word two categories share decides nothing.
        assert_eq!(
            t.classify("Cải cách hành chánh"),
            CategoryFit::One("cai_cach_hanh_chinh".into())
        );
        assert_eq!(
            t.classify("Công tác xây dựng Đảng"),
            CategoryFit::One("to_chuc_dang".into())
        );
        assert_eq!(
            t.classify("Hành chính công"),
            CategoryFit::One("cai_cach_hanh_chinh".into())
        );
        assert_eq!(
            t.classify("Thực hiện 5 S"),
            CategoryFit::One("nam_s".into())
        );
        assert_eq!(t.classify("Số hóa hồ sơ"), CategoryFit::Unknown);
        assert_eq!(
            t.classify("Nâng cao chất lượng, hiệu quả công tác chuyên môn của đơn vị mình"),
            CategoryFit::One("co_quan_don_vi".into()),
            "a long text is read by its keywords only"
        );
        assert_eq!(t.classify(""), CategoryFit::Unknown);
        assert_eq!(t.classify("abc"), CategoryFit::Unknown);
    }

    #[test]
    fn levels_and_statuses() {
        assert_eq!(level("Cấp tỉnh"), Some(Level::Tinh));
        assert_eq!(level("Khối"), Some(Level::Khoi));
        assert_eq!(level("cơ sở"), Some(Level::CoSo));
        assert_eq!(level("Cấp tỉnh; Cấp Khối"), None);
        assert_eq!(level(""), None);
        assert_eq!(status("Loại khỏi danh sách"), Status::Loai);
        assert_eq!(status("Không đạt tiêu chí"), Status::Loai);
        assert_eq!(status("Bổ sung mới"), Status::DangKy);
        assert_eq!(status("Đạt"), Status::DangKy);
        assert_eq!(status(""), Status::DangKy);
    }

    #[test]
    fn commendation_stages() {
        assert_eq!(commendation(""), "");
        assert_eq!(commendation("Tuyên dương"), "tuyen_duong");
        assert_eq!(commendation("Đề nghị khen thưởng"), "de_nghi_khen_thuong");
        assert_eq!(
            commendation("Đề nghị UBND tỉnh tặng Bằng khen"),
            "de_nghi_khen_thuong"
        );
        assert_eq!(commendation("Bằng khen của Tỉnh ủy"), "khen_thuong");
        assert_eq!(commendation("Giấy khen"), "khen_thuong");
        assert_eq!(commendation("Ghi danh sổ vàng"), "ghi_danh");
        assert_eq!(commendation("chưa"), "khac");
    }
}
