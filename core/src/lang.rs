//! The two languages Konbit speaks: French (Canada) first, English (Canada) too.

use crate::error::{Invalid, Problem};
use crate::text::text_enum;

text_enum! {
    pub enum Lang { Fr => "fr", En => "en" }
}

// Written out because `text_enum!` declares the enum; French is the app's first language.
#[allow(clippy::derivable_impls)]
impl Default for Lang {
    fn default() -> Self {
        Lang::Fr
    }
}

impl Lang {
    /// Reads a language as people write it on the command line: `fr`, `en`, `fr-CA`, `français`…
    pub fn parse(text: &str) -> Result<Lang, Invalid> {
        match text.trim().to_lowercase().as_str() {
            "fr" | "fr-ca" | "français" | "francais" | "french" => Ok(Lang::Fr),
            "en" | "en-ca" | "english" | "anglais" => Ok(Lang::En),
            other => Err(Invalid::new(
                "language",
                Problem::NotALanguage {
                    value: other.to_owned(),
                },
            )),
        }
    }

    /// The month's name, `septembre` / `September`.
    pub fn month(self, date: chrono::NaiveDate) -> &'static str {
        const FR: [&str; 12] = [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ];
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let i = chrono::Datelike::month0(&date) as usize;
        match self {
            Lang::Fr => FR[i],
            Lang::En => EN[i],
        }
    }

    /// The month's abbreviation for a chart's axis, `sept.` / `Sep`.
    pub fn short_month(self, date: chrono::NaiveDate) -> &'static str {
        const FR: [&str; 12] = [
            "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
            "nov.", "déc.",
        ];
        const EN: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let i = chrono::Datelike::month0(&date) as usize;
        match self {
            Lang::Fr => FR[i],
            Lang::En => EN[i],
        }
    }

    /// Minutes as decimal hours, `12,5 h` / `12.5 h`.
    pub fn hours(self, minutes: u64) -> String {
        let tenths = (minutes * 10 + 30) / 60;
        let (whole, tenth) = (tenths / 10, tenths % 10);
        let (mark, group) = if self == Lang::Fr {
            (',', '\u{a0}')
        } else {
            ('.', ',')
        };
        let digits = whole.to_string();
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(group);
            }
            grouped.push(c);
        }
        let number = if tenth == 0 {
            grouped
        } else {
            format!("{grouped}{mark}{tenth}")
        };
        format!("{number}\u{a0}h")
    }

    /// A date as printed on documents: `1er mars 2013` / `March 1, 2013`.
    pub fn long_date(self, date: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        match self {
            Lang::Fr if date.day() == 1 => format!("1er {} {}", self.month(date), date.year()),
            Lang::Fr => format!("{} {} {}", date.day(), self.month(date), date.year()),
            Lang::En => format!("{} {}, {}", self.month(date), date.day(), date.year()),
        }
    }

    /// A span of days: `août 2012` when it is one whole month, else `du 1er au 15 août 2012`.
    pub fn span(self, from: chrono::NaiveDate, to: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let whole_month = from.day() == 1
            && to.succ_opt().is_some_and(|next| next.day() == 1)
            && from.month() == to.month()
            && from.year() == to.year();
        match (whole_month, self) {
            (true, _) => format!("{} {}", self.month(from), from.year()),
            (false, Lang::Fr) => format!("du {} au {}", self.long_date(from), self.long_date(to)),
            (false, Lang::En) => format!("{} to {}", self.long_date(from), self.long_date(to)),
        }
    }
}
