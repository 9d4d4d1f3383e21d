//! The organisation's settings: one row, absent until the organisation is created.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock;
use crate::error::{Invalid, Problem, Result};
use crate::fiscal::FiscalYear;
use crate::lang::Lang;
use crate::money::Cents;
use crate::store::sql::{params, Connection, OptionalExtension};
use crate::text::{free_text, optional, required};

pub const DEFAULT_INVOICE_PATTERN: &str = "{fy_end}-{seq:4}";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Settings {
    pub name: String,
    pub address: String,
    pub gst_number: String,
    pub qst_number: String,
    /// 1 (January) to 12; September (9) by default.
    pub fiscal_year_start_month: u32,
    pub language: Lang,
    /// `{fy_end}` is the year the fiscal year ends, `{fy_start}` the year it starts,
    /// `{seq:4}` the number within the year on 4 digits: `{fy_end}-{seq:4}` gives `2013-0042`.
    pub invoice_number_pattern: String,
    pub cushion: Cents,
    /// The full-time week (35 h by default), the unit of FTE.
    pub full_time_weekly_minutes: u32,
}

impl Settings {
    /// What a new organisation starts with: only the name is needed.
    pub fn new(name: &str) -> Settings {
        Settings {
            name: name.to_owned(),
            address: String::new(),
            gst_number: String::new(),
            qst_number: String::new(),
            fiscal_year_start_month: 9,
            language: Lang::Fr,
            invoice_number_pattern: DEFAULT_INVOICE_PATTERN.to_owned(),
            cushion: Cents(3_000_000),
            full_time_weekly_minutes: 35 * 60,
        }
    }

    pub fn fiscal_year_of(&self, date: chrono::NaiveDate) -> FiscalYear {
        FiscalYear::containing(date, self.fiscal_year_start_month)
    }

    fn validated(&self) -> Result<Settings, Invalid> {
        if !(1..=12).contains(&self.fiscal_year_start_month) {
            return Err(Invalid::new(
                "fiscal_year_start_month",
                Problem::NumberRange { min: 1, max: 12 },
            ));
        }
        if !(60..=80 * 60).contains(&self.full_time_weekly_minutes) {
            return Err(Invalid::new(
                "full_time_weekly_minutes",
                Problem::HoursRange { min: 1, max: 80 },
            ));
        }
        if self.cushion.0 < 0 {
            return Err(Invalid::new(
                "cushion",
                Problem::AmountRange {
                    min: Cents(0).into(),
                    max: Cents(i64::MAX).into(),
                },
            ));
        }
        Ok(Settings {
            name: required("name", &self.name)?,
            address: free_text("address", &self.address)?,
            gst_number: optional("gst_number", &self.gst_number)?,
            qst_number: optional("qst_number", &self.qst_number)?,
            invoice_number_pattern: check_pattern(&self.invoice_number_pattern)?,
            ..self.clone()
        })
    }
}

/// The settings, or `None` before the organisation exists.
pub fn get(conn: &Connection) -> Result<Option<Settings>> {
    let settings = conn
        .query_row(
            "SELECT name, address, gst_number, qst_number, fiscal_year_start_month, language,
                    invoice_number_pattern, cushion_cents, full_time_weekly_minutes FROM settings WHERE id = 1",
            [],
            |row| {
                Ok(Settings {
                    name: row.get(0)?,
                    address: row.get(1)?,
                    gst_number: row.get(2)?,
                    qst_number: row.get(3)?,
                    fiscal_year_start_month: row.get(4)?,
                    language: row.get(5)?,
                    invoice_number_pattern: row.get(6)?,
                    cushion: Cents(row.get(7)?),
                    full_time_weekly_minutes: row.get(8)?,
                })
            },
        )
        .optional()?;
    Ok(settings)
}

/// The settings of an organisation that must exist.
pub fn require(conn: &Connection) -> Result<Settings> {
    get(conn)?.ok_or(crate::Error::NoOrganisation)
}

/// The fiscal year named `2012-2013` (or `2013` for a January start) in this organisation.
pub fn fiscal_year(conn: &Connection, name: &str) -> Result<crate::fiscal::FiscalYear> {
    Ok(crate::fiscal::FiscalYear::parse(
        name,
        require(conn)?.fiscal_year_start_month,
    )?)
}

/// Starts an empty organisation of this name, with the default settings: the first start's
/// « Organisation vide » and `konbit init`. Refused when the books already hold one.
pub fn start_empty(conn: &Connection, name: &str) -> Result<Settings> {
    if get(conn)?.is_some() {
        return Err(crate::error::Error::Refused(Problem::OrganisationExists));
    }
    save(conn, &Settings::new(name))
}

/// Creates or replaces the settings.
pub fn save(conn: &Connection, settings: &Settings) -> Result<Settings> {
    let s = settings.validated()?;
    let now = clock::now();
    conn.execute(
        "INSERT INTO settings (id, name, address, gst_number, qst_number, fiscal_year_start_month, language,
                               invoice_number_pattern, cushion_cents, full_time_weekly_minutes, created_at, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
         ON CONFLICT (id) DO UPDATE SET name = ?1, address = ?2, gst_number = ?3, qst_number = ?4,
             fiscal_year_start_month = ?5, language = ?6, invoice_number_pattern = ?7, cushion_cents = ?8,
             full_time_weekly_minutes = ?9, updated_at = ?10",
        params![
            s.name,
            s.address,
            s.gst_number,
            s.qst_number,
            s.fiscal_year_start_month,
            s.language,
            s.invoice_number_pattern,
            s.cushion.0,
            s.full_time_weekly_minutes,
            now
        ],
    )?;
    Ok(s)
}

/// Formats invoice number `seq` of fiscal year `fy` with `pattern`.
pub fn invoice_number(pattern: &str, fy: FiscalYear, seq: u32) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let token = &rest[open + 1..open + close];
        match token.split_once(':') {
            _ if token == "fy_end" => out.push_str(&fy.end_year().to_string()),
            _ if token == "fy_start" => out.push_str(&fy.start().format("%Y").to_string()),
            _ if token == "seq" => out.push_str(&seq.to_string()),
            Some(("seq", width)) => {
                let width: usize = width.parse().unwrap_or(1);
                out.push_str(&format!("{seq:0width$}"));
            }
            _ => out.push_str(&rest[open..=open + close]),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

fn check_pattern(pattern: &str) -> Result<String, Invalid> {
    let pattern = required("invoice_number_pattern", pattern)?;
    let bad = |why: &str| {
        Invalid::new(
            "invoice_number_pattern",
            Problem::BadInvoicePattern {
                why: why.to_string(),
                example: DEFAULT_INVOICE_PATTERN.to_string(),
            },
        )
    };
    let mut has_seq = false;
    let mut rest = pattern.as_str();
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .ok_or_else(|| bad("a '{' is not closed"))?;
        let token = &rest[open + 1..open + close];
        match token {
            "fy_end" | "fy_start" => {}
            "seq" => has_seq = true,
            t if t
                .strip_prefix("seq:")
                .and_then(|w| w.parse::<u8>().ok())
                .is_some_and(|w| (1..=9).contains(&w)) =>
            {
                has_seq = true
            }
            other => return Err(bad(&format!("'{{{other}}}' is not a known part"))),
        }
        rest = &rest[open + close + 1..];
    }
    if !has_seq {
        return Err(bad(
            "the pattern needs {seq} or {seq:4} for the number itself",
        ));
    }
    Ok(pattern)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn absent_until_created_then_saved_and_read_back() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(get(store.conn()).unwrap(), None);
        let mut settings = Settings::new("Koumbit");
        settings.address = "3000, rue Jean-Talon Est, Montréal (Québec)".into();
        settings.gst_number = "86297 4512 RT0001".into();
        let saved = save(store.conn(), &settings).unwrap();
        assert_eq!(get(store.conn()).unwrap(), Some(saved.clone()));
        let renamed = Settings {
            name: "Réseau Koumbit".into(),
            ..saved
        };
        save(store.conn(), &renamed).unwrap();
        assert_eq!(require(store.conn()).unwrap().name, "Réseau Koumbit");
    }

    #[test]
    fn refuses_bad_settings() {
        let store = Store::open_in_memory().unwrap();
        let check = |settings: Settings, field: &str| {
            let err = save(store.conn(), &settings).unwrap_err();
            assert_eq!(err.field(), Some(field), "{err}");
        };
        check(Settings::new("  "), "name");
        check(
            Settings {
                fiscal_year_start_month: 13,
                ..Settings::new("K")
            },
            "fiscal_year_start_month",
        );
        check(
            Settings {
                cushion: Cents(-1),
                ..Settings::new("K")
            },
            "cushion",
        );
        check(
            Settings {
                invoice_number_pattern: "{fy_end}".into(),
                ..Settings::new("K")
            },
            "invoice_number_pattern",
        );
        check(
            Settings {
                invoice_number_pattern: "{annee}-{seq}".into(),
                ..Settings::new("K")
            },
            "invoice_number_pattern",
        );
        assert_eq!(get(store.conn()).unwrap(), None, "nothing was written");
    }

    #[test]
    fn invoice_numbers_follow_the_pattern() {
        let fy = FiscalYear::parse("2012-2013", 9).unwrap();
        assert_eq!(invoice_number(DEFAULT_INVOICE_PATTERN, fy, 42), "2013-0042");
        assert_eq!(invoice_number("F{fy_start}-{seq}", fy, 7), "F2012-7");
        assert_eq!(invoice_number("{fy_end}/{seq:6}", fy, 1234), "2013/001234");
    }
}
