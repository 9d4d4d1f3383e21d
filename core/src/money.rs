//! Money: integer cents inside, `rust_decimal` at the edges, printed the way each language
//! writes it (`1 234,56 $` and `−81 703 $` in French, `$1,234.56` and `-$81,703` in English).

use std::fmt::Write;
use std::str::FromStr;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Invalid, Problem};
use crate::lang::Lang;

/// An amount in integer cents. Serialized as a plain integer.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS,
)]
#[serde(transparent)]
#[ts(as = "i64")]
pub struct Cents(pub i64);

/// The no-break space French puts between thousands and before `$`, so amounts never wrap.
pub const NBSP: char = '\u{a0}';

/// The minus sign French typography sets before a negative figure (U+2212): as wide as a digit
/// and level with `+`, where the hyphen `-` is short and low. English keeps the hyphen-minus, as
/// Intl and every spreadsheet print it. Files for machines (CSV, the journal) keep `-`.
pub const MINUS: char = '\u{2212}';

/// The largest amount anyone may type: ten billion dollars. Past that it is a typo.
const MAX_TYPED: i64 = 1_000_000_000_000;

impl Cents {
    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    /// Rounds to the cent, half away from zero (the brief's tax rule).
    pub fn from_decimal(value: Decimal) -> Option<Cents> {
        let rounded =
            value.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        (rounded * Decimal::ONE_HUNDRED).to_i64().map(Cents)
    }

    /// `1 234,56 $` / `$1,234.56`.
    pub fn format(self, lang: Lang) -> String {
        self.format_with(lang, true)
    }

    /// Whole dollars, as reports print them: `589 000 $` / `$589,000`.
    pub fn format_dollars(self, lang: Lang) -> String {
        self.whole_dollars().format_with(lang, false)
    }

    /// Rounded to the dollar, half away from zero: the figure a report in dollars prints. A
    /// total under rounded rows is the sum of these, so that the column adds up on paper.
    pub fn whole_dollars(self) -> Cents {
        Cents::from_decimal(
            self.to_decimal()
                .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
        )
        .unwrap_or(self)
    }

    fn format_with(self, lang: Lang, cents: bool) -> String {
        let negative = self.0 < 0;
        let abs = self.0.unsigned_abs();
        let (group, decimal) = match lang {
            Lang::Fr => (NBSP, ','),
            Lang::En => (',', '.'),
        };
        let mut number = group_thousands(abs / 100, group);
        if cents {
            let _ = write!(number, "{decimal}{:02}", abs % 100);
        }
        let sign = if negative { minus(lang) } else { "" };
        match lang {
            Lang::Fr => format!("{sign}{number}{NBSP}$"),
            Lang::En => format!("{sign}${number}"),
        }
    }

    /// Parses an amount typed by a person: `1234.56`, `1 234,56 $`, `$1,234.56`, `-12,5`, and
    /// `−12,5` with the minus sign the screens and PDFs print (pasted back, it must read).
    /// In French a comma is the decimal mark; in English it separates thousands.
    pub fn parse(text: &str, lang: Lang) -> Result<Cents, Invalid> {
        let value = || text.trim().to_owned();
        let bad = |problem: Problem| Invalid::new("amount", problem);
        let mut cleaned: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != NBSP && *c != '\u{202f}' && *c != '$')
            .map(|c| if c == MINUS { '-' } else { c })
            .collect();
        match lang {
            Lang::Fr => cleaned = cleaned.replace(',', "."),
            Lang::En => cleaned.retain(|c| c != ','),
        }
        if cleaned.is_empty() {
            return Err(bad(Problem::NotAnAmount { value: value() }));
        }
        let number = Decimal::from_str(&cleaned)
            .map_err(|_| bad(Problem::NotAnAmount { value: value() }))?;
        if number.scale() > 2 && number != number.round_dp(2) {
            return Err(bad(Problem::AmountDecimals { value: value() }));
        }
        let range = Problem::AmountRange {
            min: Cents(-MAX_TYPED).into(),
            max: Cents(MAX_TYPED).into(),
        };
        let cents = Cents::from_decimal(number)
            .filter(|c| c.0.abs() <= MAX_TYPED)
            .ok_or_else(|| bad(range))?;
        Ok(cents)
    }
}

impl std::ops::Add for Cents {
    type Output = Cents;
    fn add(self, rhs: Cents) -> Cents {
        Cents(self.0 + rhs.0)
    }
}

impl std::ops::Sub for Cents {
    type Output = Cents;
    fn sub(self, rhs: Cents) -> Cents {
        Cents(self.0 - rhs.0)
    }
}

impl std::iter::Sum for Cents {
    fn sum<I: Iterator<Item = Cents>>(iter: I) -> Cents {
        Cents(iter.map(|c| c.0).sum())
    }
}

/// A fraction (0.25) as a whole percentage the way reports print it: `25 %` / `25%`. Rounded
/// before the sign is decided, so -0,4 % prints `0 %`: a reader stumbles on `-0 %`.
pub fn format_percent(fraction: f64, lang: Lang) -> String {
    let value = with_minus(unsigned_zero((fraction * 100.0).round()).to_string(), lang);
    match lang {
        Lang::Fr => format!("{value}{NBSP}%"),
        Lang::En => format!("{value}%"),
    }
}

/// `value` rounded to `decimals` places with the language's decimal mark (`1,5` / `1.5`), and
/// `0,0` rather than `-0,0` for a small negative value.
pub fn format_decimal(value: f64, decimals: u8, lang: Lang) -> String {
    let scale = 10f64.powi(i32::from(decimals));
    let text = format!(
        "{:.*}",
        usize::from(decimals),
        unsigned_zero((value * scale).round() / scale)
    );
    match lang {
        Lang::Fr => with_minus(text.replace('.', ","), lang),
        Lang::En => text,
    }
}

/// The sign before a negative figure in `lang`.
fn minus(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "\u{2212}",
        Lang::En => "-",
    }
}

/// `text` as Rust prints a number, its leading `-` replaced by the sign of `lang`.
fn with_minus(text: String, lang: Lang) -> String {
    match text.strip_prefix('-') {
        Some(digits) => format!("{}{digits}", minus(lang)),
        None => text,
    }
}

/// Rust prints the negative zero that rounding a small negative number leaves as `-0`.
fn unsigned_zero(value: f64) -> f64 {
    if value == 0.0 {
        0.0
    } else {
        value
    }
}

fn group_thousands(mut n: u64, separator: char) -> String {
    let mut groups = Vec::new();
    loop {
        groups.push(n % 1000);
        n /= 1000;
        if n == 0 {
            break;
        }
    }
    let mut out = String::new();
    for (i, group) in groups.iter().rev().enumerate() {
        if i == 0 {
            let _ = write!(out, "{group}");
        } else {
            let _ = write!(out, "{separator}{group:03}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `fr` written with spaces and `-` for readability: the no-break space and the minus sign.
    fn check_format(cents: i64, fr: &str, en: &str) {
        let fr = fr.replace(' ', "\u{a0}").replace('-', "\u{2212}");
        assert_eq!(Cents(cents).format(Lang::Fr), fr);
        assert_eq!(Cents(cents).format(Lang::En), en);
    }

    /// The table the UI's tests read too (`ui/src/lib/format.test.ts`): what the screen shows is
    /// what the PDF prints, rounding of negative halves included.
    #[test]
    fn the_screen_and_the_paper_format_alike() {
        let table: serde_json::Value =
            serde_json::from_str(include_str!("../../ui/src/lib/money-cases.json")).unwrap();
        let cases = table["cases"].as_array().unwrap();
        assert!(cases.len() >= 10);
        let fr = |s: &serde_json::Value| {
            s.as_str()
                .unwrap()
                .replace(' ', "\u{a0}")
                .replace('-', "\u{2212}")
        };
        let en = |s: &serde_json::Value| s.as_str().unwrap().to_owned();
        for c in cases {
            let cents = Cents(c["cents"].as_i64().unwrap());
            assert_eq!(cents.format(Lang::Fr), fr(&c["fr"]), "{cents:?}");
            assert_eq!(cents.format(Lang::En), en(&c["en"]), "{cents:?}");
            assert_eq!(
                cents.format_dollars(Lang::Fr),
                fr(&c["fr_dollars"]),
                "{cents:?}"
            );
            assert_eq!(
                cents.format_dollars(Lang::En),
                en(&c["en_dollars"]),
                "{cents:?}"
            );
            for lang in [Lang::Fr, Lang::En] {
                assert_eq!(Cents::parse(&cents.format(lang), lang), Ok(cents));
            }
        }
    }

    #[test]
    fn formats_both_ways() {
        check_format(123_456, "1 234,56 $", "$1,234.56");
        check_format(0, "0,00 $", "$0.00");
        check_format(5, "0,05 $", "$0.05");
        check_format(-3_200_000, "-32 000,00 $", "-$32,000.00");
        check_format(10_000_000_000, "100 000 000,00 $", "$100,000,000.00");
    }

    #[test]
    fn whole_dollars_for_reports() {
        assert_eq!(
            Cents(58_900_000).format_dollars(Lang::Fr),
            "589\u{a0}000\u{a0}$"
        );
        assert_eq!(Cents(58_900_000).format_dollars(Lang::En), "$589,000");
        assert_eq!(Cents(149).format_dollars(Lang::En), "$1");
        assert_eq!(Cents(150).format_dollars(Lang::En), "$2");
        assert_eq!(Cents(-150).format_dollars(Lang::Fr), "\u{2212}2\u{a0}$");
        assert_eq!(
            Cents(-8_170_300).format_dollars(Lang::Fr),
            "\u{2212}81\u{a0}703\u{a0}$"
        );
        assert_eq!(Cents(-8_170_300).format_dollars(Lang::En), "-$81,703");
        assert_eq!(Cents(-8_170_349).whole_dollars(), Cents(-8_170_300));
        assert_eq!(Cents(8_170_350).whole_dollars(), Cents(8_170_400));
    }

    #[test]
    fn an_amount_that_rounds_to_zero_has_no_minus_sign() {
        // A credit of 40 cents in a report of whole dollars: "0 $", not "-0 $".
        assert_eq!(Cents(-40).format_dollars(Lang::Fr), "0\u{a0}$");
        assert_eq!(Cents(-49).format_dollars(Lang::En), "$0");
        assert_eq!(Cents(-50).format_dollars(Lang::Fr), "\u{2212}1\u{a0}$");
        check_format(-1, "-0,01 $", "-$0.01");
    }

    #[test]
    fn percentages_and_decimals_never_print_minus_zero() {
        assert_eq!(format_percent(-0.004, Lang::Fr), "0\u{a0}%");
        assert_eq!(format_percent(0.48, Lang::Fr), "48\u{a0}%");
        assert_eq!(format_percent(-0.123, Lang::En), "-12%");
        assert_eq!(format_percent(-0.123, Lang::Fr), "\u{2212}12\u{a0}%");
        assert_eq!(format_decimal(-1.25, 1, Lang::Fr), "\u{2212}1,3");
        assert_eq!(format_decimal(-0.04, 1, Lang::Fr), "0,0");
        assert_eq!(format_decimal(8.25, 1, Lang::Fr), "8,3");
        assert_eq!(format_decimal(-1.25, 1, Lang::En), "-1.3");
    }

    #[test]
    fn parses_what_people_type() {
        let cases = [
            ("1234.56", Lang::Fr, 123_456),
            ("1 234,56 $", Lang::Fr, 123_456),
            ("1\u{a0}234,5", Lang::Fr, 123_450),
            ("$1,234.56", Lang::En, 123_456),
            ("-12,5", Lang::Fr, -1_250),
            ("\u{2212}12,5", Lang::Fr, -1_250),
            ("\u{2212}81\u{a0}703\u{a0}$", Lang::Fr, -8_170_300),
            ("-$81,703", Lang::En, -8_170_300),
            ("\u{2212}$81,703", Lang::En, -8_170_300),
            ("65", Lang::En, 6_500),
            ("0,1", Lang::Fr, 10),
        ];
        for (text, lang, cents) in cases {
            assert_eq!(Cents::parse(text, lang), Ok(Cents(cents)), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for text in ["", "abc", "1.2.3"] {
            let err = Cents::parse(text, Lang::Fr).unwrap_err();
            assert_eq!(
                err.problem,
                Problem::NotAnAmount {
                    value: text.to_owned()
                },
                "{text}"
            );
            assert!(
                err.to_string().contains("1 234,56"),
                "gives an example: {err}"
            );
        }
        assert!(matches!(
            Cents::parse("12,345", Lang::Fr).unwrap_err().problem,
            Problem::AmountDecimals { .. }
        ));
        assert!(matches!(
            Cents::parse("99999999999999", Lang::Fr)
                .unwrap_err()
                .problem,
            Problem::AmountRange { .. }
        ));
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(
            Cents::from_decimal(Decimal::new(12345, 3)),
            Some(Cents(1235))
        );
        assert_eq!(
            Cents::from_decimal(Decimal::new(-12345, 3)),
            Some(Cents(-1235))
        );
        assert_eq!(
            Cents::from_decimal(Decimal::new(12344, 3)),
            Some(Cents(1234))
        );
    }
}
