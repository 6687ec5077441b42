//! Validation rules as data, after DHIS2's: each check has a code, a severity
//! and a Vietnamese message template. The built-in checks (stated totals,
//! missing and late returns, targets, the bridge) are rows of [`BUILTIN`]; a
//! campaign adds its own rules `left op right` over the consolidated figures
//! in `danh-muc.xlsx`, sheet `Quy tắc`, and may give a built-in check another
//! severity or message there (a row with the built-in code and no sides).
//!
//! A side is an expression of figures and numbers (`+ - * /`, brackets):
//! `mo_hinh.tinh`, `dien_hinh.khoi.loai`, `mo_hinh.khen_thuong`,
//! `bao_cao.thieu`… (see [`Figure`]). When a figure has no value (a unit sent
//! nothing; nobody wrote a commendation), DHIS2's missing-value strategies
//! decide: skip the side if any value is missing, if all are (the default, as
//! in DHIS2), or never (missing counts as 0).

use std::collections::BTreeMap;
use tonghop_core::{CategoryDef, Finding, FindingCode, RuleSpec, Severity, Subject};
use tonghop_text::fold_key;

/// The built-in checks: code and what the rule says. Their messages are
/// the catalogue's ([`tonghop_core::catalogue`]), filled by the check that
/// finds the problem.
pub const BUILTIN: &[(FindingCode, &str)] = &[
    (
        FindingCode::TotalMismatch,
        "Tổng số ghi trong báo cáo bằng số dòng kê đang đăng ký",
    ),
    (
        FindingCode::ReturnMissing,
        "Đơn vị phải báo cáo đã gửi báo cáo",
    ),
    (FindingCode::ReturnLate, "Báo cáo gửi đúng hạn"),
    (FindingCode::TargetShortfall, "Đạt chỉ tiêu"),
    (
        FindingCode::BridgeUnexplained,
        "Mô hình, điển hình không còn trong báo cáo kỳ sau phải có lý do",
    ),
];

/// Gives the findings of any code that the campaign's `Quy tắc` sheet names
/// with no sides (a built-in check's code aside: those are its rules') the
/// severity and the message it writes there. The message is a template:
/// `{thong_bao}` is the finding's own message, `{tep}`, `{sheet}`, `{dong}`,
/// `{don_vi}`, `{ky}` its place, `{cach_xu_ly}` the catalogue's advice for
/// the code, and every placeholder of the catalogue's messages for the code
/// the value the finding was written with. Rows that cannot be read were
/// said by [`Rules::new`].
pub fn apply_code_overrides(specs: &[RuleSpec], findings: &mut [Finding]) {
    let overrides: Vec<(FindingCode, Option<Severity>, &str)> = specs
        .iter()
        .filter(|s| s.left.trim().is_empty() && s.right.trim().is_empty())
        .filter_map(|s| {
            let code = FindingCode::from_code(&s.code)?;
            if BUILTIN.iter().any(|(b, _)| *b == code) {
                return None;
            }
            Some((code, severity(&s.severity), s.message.trim()))
        })
        .collect();
    if overrides.is_empty() {
        return;
    }
    for f in findings.iter_mut() {
        let Some((_, sev, template)) = overrides.iter().find(|(c, _, _)| *c == f.code) else {
            continue;
        };
        if let Some(v) = sev {
            f.severity = *v;
        }
        if !template.is_empty() {
            let mut values = vec![
                ("thong_bao", f.message.clone()),
                ("tep", f.file.clone()),
                ("sheet", f.sheet.clone()),
                ("dong", f.row.map(|r| r.to_string()).unwrap_or_default()),
                ("don_vi", f.unit.clone()),
                ("ky", f.period.clone()),
                ("cach_xu_ly", f.code.advice().to_owned()),
            ];
            values.extend(f.fields.iter().cloned());
            f.message = render(template, &values);
        }
    }
}

/// The message of a campaign rule that fails, unless the rule gives its own.
pub const RULE_TEMPLATE: &str = tonghop_core::catalogue::template(FindingCode::RuleFailed, "");

pub use tonghop_core::render;

/// A comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `<=`, `≤`
    Le,
    /// `<`
    Lt,
    /// `=`, `==`
    Eq,
    /// `>=`, `≥`
    Ge,
    /// `>`
    Gt,
    /// `!=`, `<>`, `≠`
    Ne,
}

impl Op {
    fn parse(s: &str) -> Option<Op> {
        Some(match s.trim() {
            "<=" | "≤" | "=<" => Op::Le,
            "<" => Op::Lt,
            "=" | "==" => Op::Eq,
            ">=" | "≥" | "=>" => Op::Ge,
            ">" => Op::Gt,
            "!=" | "<>" | "≠" => Op::Ne,
            _ => return None,
        })
    }

    /// The symbol shown in messages.
    #[must_use]
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Le => "≤",
            Op::Lt => "<",
            Op::Eq => "=",
            Op::Ge => "≥",
            Op::Gt => ">",
            Op::Ne => "≠",
        }
    }

    /// Whether `a op b` holds (figures are whole numbers or simple ratios).
    #[must_use]
    pub fn holds(self, a: f64, b: f64) -> bool {
        let eq = (a - b).abs() < 1e-9;
        match self {
            Op::Le => a < b || eq,
            Op::Lt => a < b && !eq,
            Op::Eq => eq,
            Op::Ge => a > b || eq,
            Op::Gt => a > b && !eq,
            Op::Ne => !eq,
        }
    }
}

/// DHIS2's missing-value strategies, applied to each side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// Skip the side when any of its figures has no value.
    SkipIfAny,
    /// Skip the side when none of its figures has a value (the default).
    SkipIfAll,
    /// Never skip: a figure without a value counts as 0.
    NeverSkip,
}

impl Missing {
    fn parse(s: &str) -> Option<Missing> {
        let f = fold_key(s);
        Some(
            if f.is_empty() || f.contains("tat ca") || f.contains("all") {
                Missing::SkipIfAll
            } else if f.contains("khong bo qua") || f.contains("never") {
                Missing::NeverSkip
            } else if f.contains("bat ky") || f.contains("mot") || f.contains("any") {
                Missing::SkipIfAny
            } else {
                return None;
            },
        )
    }

    /// The Vietnamese label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Missing::SkipIfAny => "bỏ qua nếu thiếu bất kỳ số liệu nào",
            Missing::SkipIfAll => "bỏ qua nếu thiếu tất cả số liệu",
            Missing::NeverSkip => "không bỏ qua (thiếu tính là 0)",
        }
    }
}

/// Where a rule is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Once per period, over the whole committee.
    Committee,
    /// Once per period for each unit expected or reporting.
    EachUnit,
    /// Once per period for each unit of this kind (as the roster writes it).
    Kind(String),
}

impl Scope {
    fn parse(s: &str) -> Scope {
        let f = fold_key(s);
        if f.is_empty() || f == "toan khoi" || f == "tong hop" || f == "toan bo" {
            Scope::Committee
        } else if f.starts_with("tung don vi") || f == "moi don vi" || f == "don vi" {
            Scope::EachUnit
        } else {
            Scope::Kind(s.trim().to_owned())
        }
    }

    /// The Vietnamese label.
    #[must_use]
    pub fn label(&self) -> String {
        match self {
            Scope::Committee => "toàn khối".to_owned(),
            Scope::EachUnit => "từng đơn vị".to_owned(),
            Scope::Kind(k) => format!("từng đơn vị loại \"{k}\""),
        }
    }
}

/// Which entities a figure counts, by status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusSel {
    /// Active (the default).
    Active,
    /// Marked removed (`.loai`).
    Removed,
    /// Both (`.tat_ca`).
    All,
}

/// A figure: a count over the consolidated entities or the returns of a
/// period, in the rule's scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Figure {
    /// `mo_hinh…` / `dien_hinh…` with qualifiers, in any order: a level
    /// (`tinh`, `khoi`, `co_so`, `cap_khong_ro`), a category code (or
    /// `loai_khong_ro`), a status (`loai`, `tat_ca`), a commendation stage
    /// (`tuyen_duong`, `de_nghi_khen_thuong`, `khen_thuong`, `ghi_danh`).
    Entities {
        /// Models or exemplars.
        subject: Subject,
        /// Level code.
        level: Option<String>,
        /// Category code.
        category: Option<String>,
        /// Status.
        status: StatusSel,
        /// Commendation stage.
        commendation: Option<String>,
    },
    /// `bao_cao.du_kien` (expected), `.da_nop` (received), `.thieu` (missing),
    /// `.nop_muon` (late), `.dung_han` (received on time).
    Returns(&'static str),
}

const RETURN_FIGURES: &[&str] = &["du_kien", "da_nop", "thieu", "nop_muon", "dung_han"];
const LEVELS: &[(&str, &str)] = &[
    ("tinh", "tinh"),
    ("khoi", "khoi"),
    ("co_so", "co_so"),
    ("cap_khong_ro", "khong_ro"),
];
const STAGES: &[&str] = &[
    "tuyen_duong",
    "de_nghi_khen_thuong",
    "khen_thuong",
    "ghi_danh",
];

impl Figure {
    /// Reads a figure name (diacritics and case ignored: `mô_hình.tỉnh`).
    fn parse(name: &str, categories: &[CategoryDef]) -> Result<Figure, String> {
        let parts: Vec<String> = name
            .split('.')
            .map(|p| fold_key(p).replace(' ', "_"))
            .collect();
        let (head, rest) = parts.split_first().ok_or_else(|| "trống".to_owned())?;
        let subject = match head.as_str() {
            "mo_hinh" => Subject::Model,
            "dien_hinh" => Subject::Exemplar,
            "bao_cao" => {
                return match rest {
                    [one] => RETURN_FIGURES
                        .iter()
                        .find(|f| **f == one.as_str())
                        .map(|f| Figure::Returns(f))
                        .ok_or_else(|| {
                            format!(
                                "\"{name}\": sau bao_cao phải là một trong {}",
                                RETURN_FIGURES.join(", ")
                            )
                        }),
                    _ => Err(format!(
                        "\"{name}\": sau bao_cao phải là một trong {}",
                        RETURN_FIGURES.join(", ")
                    )),
                }
            }
            other => {
                return Err(format!(
                    "\"{other}\" không phải số liệu nào (mo_hinh, dien_hinh, bao_cao)"
                ))
            }
        };
        let (mut level, mut category, mut status, mut commendation) =
            (None, None, StatusSel::Active, None);
        let set = |slot: &mut Option<String>, v: &str, what: &str| {
            if slot.replace(v.to_owned()).is_some() {
                Err(format!("\"{name}\" ghi hai {what}"))
            } else {
                Ok(())
            }
        };
        for q in rest {
            let q = q.as_str();
            if let Some((_, code)) = LEVELS.iter().find(|(w, _)| *w == q) {
                set(&mut level, code, "cấp")?;
            } else if q == "loai_khong_ro" || categories.iter().any(|c| c.code == q) {
                set(&mut category, q.trim_start_matches("loai_"), "loại")?;
            } else if q == "loai" {
                status = StatusSel::Removed;
            } else if q == "tat_ca" {
                status = StatusSel::All;
            } else if q == "dang_ky" {
                status = StatusSel::Active;
            } else if STAGES.contains(&q) {
                set(&mut commendation, q, "hình thức khen thưởng")?;
            } else {
                return Err(format!(
                    "\"{name}\": không hiểu \"{q}\" (cấp: tinh, khoi, co_so, cap_khong_ro; loại: mã trong danh mục loại mô hình; tình trạng: loai, tat_ca; khen thưởng: {})",
                    STAGES.join(", ")
                ));
            }
        }
        if subject == Subject::Exemplar && category.is_some() {
            return Err(format!("\"{name}\": điển hình không có loại mô hình"));
        }
        Ok(Figure::Entities {
            subject,
            level,
            category,
            status,
            commendation,
        })
    }
}

/// An expression over figures.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A number.
    Num(f64),
    /// A figure.
    Fig(Figure),
    /// `-x`.
    Neg(Box<Expr>),
    /// `a op b` with `op` one of `+ - * /`.
    Bin(Box<Expr>, char, Box<Expr>),
}

impl Expr {
    /// Parses `mo_hinh.tinh + 2 * dien_hinh.tinh`.
    ///
    /// # Errors
    /// A Vietnamese explanation of what could not be read.
    pub fn parse(text: &str, categories: &[CategoryDef]) -> Result<Expr, String> {
        let tokens = tokens(text)?;
        let mut p = Parser {
            tokens,
            at: 0,
            categories,
        };
        let e = p.sum()?;
        if p.at < p.tokens.len() {
            return Err(format!("thừa \"{}\"", p.tokens[p.at]));
        }
        Ok(e)
    }

    /// The figures used.
    #[must_use]
    pub fn figures(&self) -> Vec<&Figure> {
        match self {
            Expr::Num(_) => Vec::new(),
            Expr::Fig(f) => vec![f],
            Expr::Neg(e) => e.figures(),
            Expr::Bin(a, _, b) => {
                let mut v = a.figures();
                v.extend(b.figures());
                v
            }
        }
    }

    /// The value, given each figure's (missing as 0); `None` on division by zero.
    pub fn value(&self, fig: &mut impl FnMut(&Figure) -> Option<f64>) -> Option<f64> {
        Some(match self {
            Expr::Num(n) => *n,
            Expr::Fig(f) => fig(f).unwrap_or(0.0),
            Expr::Neg(e) => -e.value(fig)?,
            Expr::Bin(a, op, b) => {
                let (x, y) = (a.value(fig)?, b.value(fig)?);
                match op {
                    '+' => x + y,
                    '-' => x - y,
                    '*' => x * y,
                    _ if y == 0.0 => return None,
                    _ => x / y,
                }
            }
        })
    }
}

fn tokens(text: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if "+-*/()".contains(c) {
            out.push(c.to_string());
            chars.next();
        } else if c.is_alphanumeric() || c == '_' || c == '.' || c == ',' {
            let mut t = String::new();
            while let Some(&d) = chars.peek() {
                // Combining marks belong to the word (text typed in NFD).
                if d.is_alphanumeric()
                    || d == '_'
                    || d == '.'
                    || d == ','
                    || ('\u{300}'..='\u{36f}').contains(&d)
                {
                    t.push(d);
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(t);
        } else {
            return Err(format!("không hiểu ký tự \"{c}\""));
        }
    }
    if out.is_empty() {
        return Err("vế trống".to_owned());
    }
    Ok(out)
}

struct Parser<'a> {
    tokens: Vec<String>,
    at: usize,
    categories: &'a [CategoryDef],
}

impl Parser<'_> {
    fn peek(&self) -> Option<&str> {
        self.tokens.get(self.at).map(String::as_str)
    }

    fn sum(&mut self) -> Result<Expr, String> {
        let mut e = self.product()?;
        while let Some(op @ ("+" | "-")) = self.peek() {
            let op = op.chars().next().unwrap_or('+');
            self.at += 1;
            e = Expr::Bin(Box::new(e), op, Box::new(self.product()?));
        }
        Ok(e)
    }

    fn product(&mut self) -> Result<Expr, String> {
        let mut e = self.atom()?;
        while let Some(op @ ("*" | "/")) = self.peek() {
            let op = op.chars().next().unwrap_or('*');
            self.at += 1;
            e = Expr::Bin(Box::new(e), op, Box::new(self.atom()?));
        }
        Ok(e)
    }

    fn atom(&mut self) -> Result<Expr, String> {
        let Some(t) = self.tokens.get(self.at).cloned() else {
            return Err("thiếu số liệu ở cuối".to_owned());
        };
        self.at += 1;
        match t.as_str() {
            "-" => Ok(Expr::Neg(Box::new(self.atom()?))),
            "(" => {
                let e = self.sum()?;
                if self.peek() != Some(")") {
                    return Err("thiếu dấu \")\"".to_owned());
                }
                self.at += 1;
                Ok(e)
            }
            _ => {
                // A number as Vietnamese write it (`1,5`) or not (`1.5`).
                if t.chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
                {
                    return t
                        .replace(',', ".")
                        .parse()
                        .map(Expr::Num)
                        .map_err(|_| format!("\"{t}\" không phải số"));
                }
                Figure::parse(&t, self.categories).map(Expr::Fig)
            }
        }
    }
}

/// A campaign rule, read.
#[derive(Debug, Clone)]
pub struct Campaign {
    /// Left side as written, and read.
    pub left_text: String,
    /// Left side.
    pub left: Expr,
    /// Comparison.
    pub op: Op,
    /// Right side as written.
    pub right_text: String,
    /// Right side.
    pub right: Expr,
    /// Missing-value strategy.
    pub missing: Missing,
    /// Scope.
    pub scope: Scope,
    /// Row of `Quy tắc`.
    pub row: u32,
}

/// One rule: built in or the campaign's.
#[derive(Debug, Clone)]
pub struct Rule {
    /// `TOTAL_MISMATCH`, or the campaign's code.
    pub code: String,
    /// What the rule says.
    pub name: String,
    /// Severity of what it finds.
    pub severity: Severity,
    /// Message template.
    pub template: String,
    /// The built-in check, or the campaign's comparison.
    pub check: Check,
}

/// What a rule checks.
#[derive(Debug, Clone)]
pub enum Check {
    /// A check in code, by its finding code.
    Builtin(FindingCode),
    /// A comparison from the sheet.
    Campaign(Box<Campaign>),
}

impl Rule {
    fn is(&self, code: FindingCode) -> bool {
        matches!(self.check, Check::Builtin(c) if c == code)
    }
}

/// Every rule of a run.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Built-in ones first, then the campaign's in sheet order.
    pub list: Vec<Rule>,
}

fn severity(text: &str) -> Option<Severity> {
    let f = fold_key(text);
    Some(if f.starts_with("loi") || f == "error" {
        Severity::Error
    } else if f.starts_with("canh bao") || f == "warning" {
        Severity::Warning
    } else if f.starts_with("thong tin") || f == "info" {
        Severity::Info
    } else {
        return None;
    })
}

impl Rules {
    /// The built-in rules, changed and extended by the campaign's sheet; a
    /// row that cannot be read is a `REFERENCE_INVALID` finding (and no rule).
    #[must_use]
    pub fn new(
        specs: &[RuleSpec],
        categories: &[CategoryDef],
        findings: &mut Vec<Finding>,
    ) -> Rules {
        let mut list: Vec<Rule> = BUILTIN
            .iter()
            .map(|(code, name)| Rule {
                code: code.as_str().to_owned(),
                name: (*name).to_owned(),
                severity: code.severity(),
                template: tonghop_core::catalogue::template(*code, "").to_owned(),
                check: Check::Builtin(*code),
            })
            .collect();
        let mut seen: BTreeMap<String, u32> = BTreeMap::new();
        for s in specs {
            let bad = |msg: String| {
                tonghop_core::finding!(ReferenceInvalid, "quy_tac", so_dong = s.row, chi_tiet = msg)
                    .file("danh-muc.xlsx")
                    .at("Quy tắc", Some(s.row))
            };
            let code = s.code.trim().to_owned();
            let sev = if s.severity.trim().is_empty() {
                None
            } else if let Some(v) = severity(&s.severity) {
                Some(v)
            } else {
                findings.push(bad(format!(
                    "mức độ \"{}\" không đọc được (lỗi, cảnh báo, thông tin)",
                    s.severity
                )));
                continue;
            };
            if let Some(first) = seen.insert(code.clone(), s.row) {
                findings.push(bad(format!("mã \"{code}\" đã dùng ở dòng {first}")));
                continue;
            }
            if let Some(builtin) = list.iter_mut().find(|r| {
                matches!(r.check, Check::Builtin(_)) && r.code.eq_ignore_ascii_case(&code)
            }) {
                if !s.left.trim().is_empty() || !s.right.trim().is_empty() {
                    findings.push(bad(format!(
                        "\"{code}\" là mã của kiểm tra có sẵn; chỉ đổi được mức độ và thông báo, không ghi vế trái, vế phải"
                    )));
                    continue;
                }
                if let Some(v) = sev {
                    builtin.severity = v;
                }
                if !s.message.trim().is_empty() {
                    builtin.template = s.message.trim().to_owned();
                }
                if !s.name.trim().is_empty() {
                    builtin.name = s.name.trim().to_owned();
                }
                continue;
            }
            // Any other code of the catalogue: its severity and message are
            // changed where every finding is gathered (`apply_code_overrides`).
            if FindingCode::from_code(&code).is_some()
                && s.left.trim().is_empty()
                && s.right.trim().is_empty()
            {
                continue;
            }
            if code.is_empty() {
                findings.push(bad("thiếu mã quy tắc".to_owned()));
                continue;
            }
            let side = |t: &str, which: &str| {
                Expr::parse(t, categories).map_err(|e| {
                    // A side that is one figure is named once, by the figure's error.
                    if e.starts_with(&format!("\"{}\"", t.trim())) {
                        format!("{which} {e}")
                    } else {
                        format!("{which} \"{}\": {e}", t.trim())
                    }
                })
            };
            let read = (|| -> Result<Campaign, String> {
                Ok(Campaign {
                    left_text: s.left.trim().to_owned(),
                    left: side(&s.left, "vế trái")?,
                    op: Op::parse(&s.op).ok_or_else(|| {
                        format!("so sánh \"{}\" không đọc được (<=, <, =, >=, >, !=)", s.op)
                    })?,
                    right_text: s.right.trim().to_owned(),
                    right: side(&s.right, "vế phải")?,
                    missing: Missing::parse(&s.missing).ok_or_else(|| {
                        format!(
                            "\"{}\" không phải cách xử lý thiếu số liệu (bỏ qua nếu thiếu bất kỳ, bỏ qua nếu thiếu tất cả, không bỏ qua)",
                            s.missing
                        )
                    })?,
                    scope: Scope::parse(&s.scope),
                    row: s.row,
                })
            })();
            match read {
                Ok(c) => list.push(Rule {
                    code,
                    name: if s.name.trim().is_empty() {
                        format!("{} {} {}", c.left_text, c.op.symbol(), c.right_text)
                    } else {
                        s.name.trim().to_owned()
                    },
                    severity: sev.unwrap_or(Severity::Warning),
                    template: if s.message.trim().is_empty() {
                        RULE_TEMPLATE.to_owned()
                    } else {
                        s.message.trim().to_owned()
                    },
                    check: Check::Campaign(Box::new(c)),
                }),
                Err(msg) => findings.push(bad(msg)),
            }
        }
        Rules { list }
    }

    /// A finding of a built-in check, with the rule's severity and message.
    #[must_use]
    pub fn finding(&self, code: FindingCode, values: Vec<(&'static str, String)>) -> Finding {
        let rule = self.list.iter().find(|r| r.is(code));
        let mut f = Finding::of(
            code,
            rule.map_or(tonghop_core::catalogue::template(code, ""), |r| {
                r.template.as_str()
            }),
            values,
        );
        if let Some(r) = rule {
            f.severity = r.severity;
        }
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tonghop_text::default_categories;

    fn parse(s: &str) -> Result<Expr, String> {
        Expr::parse(s, &default_categories())
    }

    #[test]
    fn expressions_and_figures() {
        let e = parse("mô_hình.tỉnh + 2 * dien_hinh.TINH - (bao_cao.thieu / 2)").unwrap();
        assert_eq!(e.figures().len(), 3);
        let v = e
            .value(&mut |f| match f {
                Figure::Entities {
                    subject: Subject::Model,
                    ..
                } => Some(10.0),
                Figure::Entities { .. } => Some(3.0),
                Figure::Returns(_) => Some(4.0),
            })
            .unwrap();
        assert!((v - 14.0).abs() < 1e-9, "{v}");
        assert_eq!(
            parse("mo_hinh.y_te.loai.khen_thuong").unwrap(),
            Expr::Fig(Figure::Entities {
                subject: Subject::Model,
                level: None,
                category: Some("y_te".into()),
                status: StatusSel::Removed,
                commendation: Some("khen_thuong".into()),
            })
        );
        assert_eq!(parse("1,5").unwrap(), Expr::Num(1.5));
        for bad in [
            "",
            "mo_hinh.tinh +",
            "mo_hinh.tinh.khoi",
            "mo_hinh.xyz",
            "dien_hinh.y_te",
            "bao_cao.abc",
            "so_lieu",
            "(mo_hinh",
            "mo_hinh $ 2",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn operators_and_templates() {
        assert!(Op::parse("≤").unwrap().holds(2.0, 2.0));
        assert!(!Op::parse("<").unwrap().holds(2.0, 2.0));
        assert!(Op::parse("<>").unwrap().holds(1.0, 2.0));
        assert_eq!(Op::parse("=>"), Some(Op::Ge));
        assert_eq!(Op::parse("~"), None);
        assert_eq!(
            render("{a} và {b} {c", &[("a", "1".into()), ("b", "2".into())]),
            "1 và 2 {c"
        );
        assert_eq!(render("{x}", &[]), "{x}");
    }

    /// Any code of the catalogue, not only a built-in check's, takes the
    /// severity and the message the campaign's sheet gives it.
    #[test]
    fn any_code_takes_the_sheets_severity_and_message() {
        let spec = |code: &str, row| RuleSpec {
            code: code.into(),
            row,
            ..RuleSpec::default()
        };
        let mut row = spec("LEGACY_ENCODING", 3);
        row.severity = "Cảnh báo".into();
        row.message = "{tep} gõ bằng phông cũ: {thong_bao}".into();
        let mut other = spec("unit_unknown", 4);
        other.severity = "Lỗi".into();
        let specs = vec![row, other];
        let mut errors = Vec::new();
        let rules = Rules::new(&specs, &[], &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            rules.list.len(),
            BUILTIN.len(),
            "no campaign rule was made of them"
        );
        let mut findings = vec![
            Finding::new(FindingCode::LegacyEncoding, "đã chuyển 3 ô").file("2023/a.xlsx"),
            Finding::new(FindingCode::UnitUnknown, "không rõ đơn vị"),
            Finding::new(FindingCode::DateUnknown, "không có ngày"),
        ];
        apply_code_overrides(&specs, &mut findings);
        assert_eq!(findings[0].severity, Severity::Warning);
        assert_eq!(
            findings[0].message,
            "2023/a.xlsx gõ bằng phông cũ: đã chuyển 3 ô"
        );
        assert_eq!(findings[1].severity, Severity::Error);
        assert_eq!(findings[1].message, "không rõ đơn vị");
        assert_eq!(findings[2].severity, Severity::Info);
    }

    /// A message of the catalogue keeps the values it was written from, so
    /// an override may word them its own way, with the code's advice.
    #[test]
    fn an_override_uses_the_values_of_the_catalogue_message() {
        let mut row = RuleSpec {
            code: "LEGACY_ENCODING".into(),
            row: 3,
            ..RuleSpec::default()
        };
        row.message = "{so_o} ô gõ bằng {bang_ma} ở sheet {sheet}; {cach_xu_ly} {khong_co}".into();
        let mut findings = vec![tonghop_core::finding!(
            LegacyEncoding,
            sheet = "Danh sách",
            bang_ma = "TCVN3",
            so_o = 12
        )
        .at("Danh sách", None)];
        assert!(findings[0].message.contains("đã chuyển 12 ô"));
        apply_code_overrides(&[row], &mut findings);
        assert_eq!(
            findings[0].message,
            "12 ô gõ bằng TCVN3 ở sheet Danh sách; kiểm tra lại tên riêng trong danh sách {khong_co}"
        );
    }

    #[test]
    fn sheet_rows_override_builtins_add_rules_and_bad_rows_are_findings() {
        let spec = |code: &str, left: &str, op: &str, right: &str, row| RuleSpec {
            code: code.into(),
            left: left.into(),
            op: op.into(),
            right: right.into(),
            row,
            ..RuleSpec::default()
        };
        let mut override_late = spec("RETURN_LATE", "", "", "", 2);
        override_late.severity = "Lỗi".into();
        override_late.message = "Nộp muộn {so_ngay} ngày".into();
        let mut findings = Vec::new();
        let rules = Rules::new(
            &[
                override_late,
                spec("QT01", "mo_hinh.tinh", "<=", "mo_hinh", 3),
                spec("QT02", "mo_hinh.tinh", "~", "mo_hinh", 4),
                spec("QT01", "mo_hinh", "<=", "mo_hinh", 5),
                spec("TOTAL_MISMATCH", "mo_hinh", "<=", "1", 6),
            ],
            &default_categories(),
            &mut findings,
        );
        let late = rules.finding(FindingCode::ReturnLate, vec![("so_ngay", "3".into())]);
        assert_eq!(late.severity, Severity::Error);
        assert_eq!(late.message, "Nộp muộn 3 ngày");
        assert_eq!(rules.list.len(), BUILTIN.len() + 1);
        let rows: Vec<Option<u32>> = findings.iter().map(|f| f.row).collect();
        assert_eq!(rows, vec![Some(4), Some(5), Some(6)], "{findings:?}");
        assert!(findings
            .iter()
            .all(|f| f.code == FindingCode::ReferenceInvalid));
    }
}
