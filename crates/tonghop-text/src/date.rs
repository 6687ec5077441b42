use tonghop_core::Date;

/// A date written the Vietnamese way anywhere in `s`: `ngày 20 tháng 10 năm 2022`
/// (with or without diacritics), or `20/10/2022`, `02-4-2021`, `10.06.2022`.
/// Day comes first, always.
#[must_use]
pub fn parse_date(s: &str) -> Option<Date> {
    parse_date_in(s).map(|(d, _)| d)
}

/// Like [`parse_date`], and also says which form matched (for evidence).
#[must_use]
pub fn parse_date_in(s: &str) -> Option<(Date, &'static str)> {
    let folded = crate::fold_key(s);
    let words: Vec<&str> = folded.split(' ').collect();
    // `ngay D thang M nam Y`.
    for i in 0..words.len() {
        if words[i] == "ngay" && words.get(i + 2) == Some(&"thang") {
            let d = words.get(i + 1).and_then(|w| w.parse::<u32>().ok());
            let m = words.get(i + 3).and_then(|w| w.parse::<u32>().ok());
            let y = if words.get(i + 4) == Some(&"nam") {
                words.get(i + 5).and_then(|w| w.parse::<i32>().ok())
            } else {
                None
            };
            if let (Some(d), Some(m), Some(y)) = (d, m, y) {
                if let Some(date) = Date::new(y, m, d) {
                    return Some((date, "ngày … tháng … năm …"));
                }
            }
        }
    }
    // Numeric forms on the raw text: D/M/YYYY with `/`, `-` or `.`.
    let bytes: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit()) {
            if let Some(date) = numeric_at(&bytes[i..]) {
                return Some((date, "dd/mm/yyyy"));
            }
        }
        i += 1;
    }
    None
}

/// The month and year of a date line whose day was left blank, as in a form
/// filled in by hand: `…, ngày     tháng 10 năm 2022` → `(10, 2022)`. Only the
/// `ngày … tháng M năm Y` shape counts (a month named in running text is not
/// a document date).
#[must_use]
pub fn parse_month_only(s: &str) -> Option<(u32, i32)> {
    let folded = crate::fold_key(s);
    let words: Vec<&str> = folded.split(' ').collect();
    (0..words.len()).find_map(|i| {
        if words[i] != "ngay"
            || words.get(i + 1) != Some(&"thang")
            || words.get(i + 3) != Some(&"nam")
        {
            return None;
        }
        let m = words
            .get(i + 2)?
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=12).contains(m))?;
        let y = words
            .get(i + 4)?
            .parse::<i32>()
            .ok()
            .filter(|y| *y >= 1900)?;
        Some((m, y))
    })
}

fn numeric_at(c: &[char]) -> Option<Date> {
    let (d, rest) = take_number(c, 2)?;
    let sep = *rest.first()?;
    if !matches!(sep, '/' | '-' | '.') {
        return None;
    }
    let (m, rest) = take_number(&rest[1..], 2)?;
    if rest.first() != Some(&sep) {
        return None;
    }
    let (y, rest) = take_number(&rest[1..], 4)?;
    if rest.first().is_some_and(char::is_ascii_digit) || y < 1900 {
        return None;
    }
    Date::new(i32::try_from(y).ok()?, m, d)
}

fn take_number(c: &[char], max: usize) -> Option<(u32, &[char])> {
    let n = c
        .iter()
        .take(max)
        .take_while(|x| x.is_ascii_digit())
        .count();
    if n == 0 {
        return None;
    }
    let v: String = c[..n].iter().collect();
    Some((v.parse().ok()?, &c[n..]))
}

/// A date from a cell that may hold text (`20/10/2022`, `ngày 20 tháng 10 năm
/// 2022`) or an Excel serial number stored as text or number (`44854`).
#[must_use]
pub fn parse_date_or_serial(s: &str) -> Option<Date> {
    let t = s.trim();
    if let Ok(serial) = t.parse::<f64>() {
        // 1950–2150: a serial, not a year or a count.
        return (18_264.0..91_311.0)
            .contains(&serial)
            .then(|| Date::from_excel_serial(serial))
            .flatten();
    }
    parse_date(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_and_date_line() {
        assert_eq!(
            parse_date("Yên Bái, ngày 20 tháng 10 năm 2022"),
            Date::new(2022, 10, 20)
        );
        assert_eq!(
            parse_date("Yen Bai, ngay 05 thang 4 nam 2021"),
            Date::new(2021, 4, 5)
        );
    }

    #[test]
    fn numeric_forms() {
        assert_eq!(parse_date("ngày 02/4/2021"), Date::new(2021, 4, 2));
        assert_eq!(parse_date("10/06/2022"), Date::new(2022, 6, 10));
        assert_eq!(parse_date("hạn 10.06.2022"), Date::new(2022, 6, 10));
    }

    #[test]
    fn excel_serials() {
        assert_eq!(parse_date_or_serial("44854"), Date::new(2022, 10, 20));
        assert_eq!(parse_date_or_serial("44854.5"), Date::new(2022, 10, 20));
        assert_eq!(parse_date_or_serial("2022"), None);
        assert_eq!(parse_date_or_serial("20/10/2022"), Date::new(2022, 10, 20));
    }

    #[test]
    fn a_blank_day_keeps_its_month() {
        assert_eq!(
            parse_month_only("Yên Bái, ngày      tháng 4 năm 2021"),
            Some((4, 2021))
        );
        assert_eq!(
            parse_month_only("Yên Bái, ngày …… tháng 10 năm 2022"),
            Some((10, 2022))
        );
        assert_eq!(parse_month_only("Yên Bái, ngày 20 tháng 10 năm 2022"), None);
        assert_eq!(parse_month_only("Kế hoạch tháng 4 năm 2021"), None);
        assert_eq!(parse_month_only("ngày tháng 13 năm 2021"), None);
    }

    #[test]
    fn blanks_in_the_template_are_not_dates() {
        assert_eq!(parse_date("Yên Bái, ngày      tháng 4 năm 2021"), None);
        assert_eq!(parse_date("Số 46-KH/ĐUK"), None);
        assert_eq!(parse_date("31/02/2022"), None);
    }
}
