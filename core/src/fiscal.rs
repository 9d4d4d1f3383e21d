//! Fiscal years and quarters. The fiscal year and quarter of every amount are derived from its
//! date and the organisation's start month, never typed.

use std::fmt;

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Invalid, Problem, Result};
use crate::store::sql::{Connection, OptionalExtension};

/// A fiscal year: twelve months from the first day of `start_month` in `first_year`.
/// With the default September start, `2012-2013` runs from 2012-09-01 to 2013-08-31.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FiscalYear {
    first_year: i32,
    start_month: u32,
}

/// A fiscal quarter, 1 to 4; Q1 starts with the fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, TS)]
pub struct Quarter(u8);

/// Every day a record can have, for "no span": dates are compared as ISO text in SQL, where
/// chrono's own MIN and MAX (signed six-digit years) would sort wrongly.
pub const ALL_TIME: (NaiveDate, NaiveDate) = match (
    NaiveDate::from_ymd_opt(1, 1, 1),
    NaiveDate::from_ymd_opt(9999, 12, 31),
) {
    (Some(first), Some(last)) => (first, last),
    _ => panic!("the calendar has years 1 to 9999"),
};

impl FiscalYear {
    /// The fiscal year that contains `date`. `start_month` is 1 to 12 (checked by the settings).
    pub fn containing(date: NaiveDate, start_month: u32) -> FiscalYear {
        let start_month = start_month.clamp(1, 12);
        let first_year = if date.month() >= start_month {
            date.year()
        } else {
            date.year() - 1
        };
        FiscalYear {
            first_year,
            start_month,
        }
    }

    /// Parses a name as printed by [`FiscalYear::name`]: `2012-2013`, or `2013` for a January start.
    pub fn parse(text: &str, start_month: u32) -> Result<FiscalYear, Invalid> {
        let bad = || {
            let example = FiscalYear {
                first_year: 2012,
                start_month,
            }
            .name();
            Invalid::new(
                "fiscal_year",
                Problem::NotAFiscalYear {
                    value: text.to_string(),
                    example: example.to_string(),
                },
            )
        };
        let text = text.trim();
        let year = |s: &str| s.parse::<i32>().ok().filter(|y| (1900..=9999).contains(y));
        let fy = match text.split_once(['-', '–', '/']) {
            Some((a, b)) => {
                let (a, b) = (year(a).ok_or_else(bad)?, year(b).ok_or_else(bad)?);
                if start_month == 1 || b != a + 1 {
                    return Err(bad());
                }
                FiscalYear {
                    first_year: a,
                    start_month,
                }
            }
            None if start_month == 1 => FiscalYear {
                first_year: year(text).ok_or_else(bad)?,
                start_month,
            },
            None => return Err(bad()),
        };
        Ok(fy)
    }

    pub fn name(&self) -> String {
        if self.start_month == 1 {
            self.first_year.to_string()
        } else {
            format!("{}-{}", self.first_year, self.first_year + 1)
        }
    }

    /// The calendar year in which the fiscal year ends (2013 for 2012-2013): invoice numbers use it.
    pub fn end_year(&self) -> i32 {
        self.end().year()
    }

    pub fn start(&self) -> NaiveDate {
        first_of(self.first_year, self.start_month)
    }

    /// The last day of the fiscal year.
    pub fn end(&self) -> NaiveDate {
        month_end(self.start(), 12)
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start() <= date && date <= self.end()
    }

    pub fn previous(&self) -> FiscalYear {
        FiscalYear {
            first_year: self.first_year - 1,
            ..*self
        }
    }

    pub fn next(&self) -> FiscalYear {
        FiscalYear {
            first_year: self.first_year + 1,
            ..*self
        }
    }

    /// The quarter of `date`, or `None` when the date lies outside this fiscal year.
    pub fn quarter_of(&self, date: NaiveDate) -> Option<Quarter> {
        if !self.contains(date) {
            return None;
        }
        let months =
            (date.year() - self.first_year) * 12 + date.month() as i32 - self.start_month as i32;
        Some(Quarter(months as u8 / 3 + 1))
    }

    /// First and last day of quarter `q`.
    pub fn quarter_span(&self, q: Quarter) -> (NaiveDate, NaiveDate) {
        let start = self
            .start()
            .checked_add_months(Months::new(u32::from(q.0 - 1) * 3))
            .unwrap_or(NaiveDate::MAX);
        (start, month_end(start, 3))
    }
}

/// The fiscal years a person can pick on the screens about one year: every year holding hours,
/// invoices, expenses or other income, and the current year even when it holds nothing yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct YearsOnRecord {
    /// The most recent first.
    pub years: Vec<YearOnRecord>,
    /// The first calendar year of the year containing today.
    pub current: i32,
    /// Where the screens open before a person chooses: the most recent year with records that
    /// is not after the current one (a database of past years opens where its data is, and a
    /// draft dated next year does not pull every screen into an empty future), else the current.
    pub opening: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct YearOnRecord {
    pub first_year: i32,
    /// As the core names it: `2012-2013`, or `2013` for a January start.
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// False for the current year when nothing is recorded in it yet.
    pub recorded: bool,
}

/// The dated records whose years count, each read through the index on its date.
const DATED: [(&str, &str); 4] = [
    ("time_entries", "work_date"),
    ("invoices", "invoice_date"),
    ("expenses", "spent_on"),
    ("other_income", "received_on"),
];

/// The fiscal years with records and the current one, for years starting in `start_month` (the
/// settings' — the caller reads them, as this module sits below the organisation). Instead of reading a million time entries,
/// it jumps from year to year: the first date on or after a year's start is one index seek per
/// table, so ten years cost about forty seeks whatever the size of the books.
pub fn on_record(conn: &Connection, today: NaiveDate, start_month: u32) -> Result<YearsOnRecord> {
    let current = FiscalYear::containing(today, start_month);
    let mut recorded = Vec::new();
    let mut from = ALL_TIME.0;
    while let Some(first) = first_date_from(conn, from)? {
        let fy = FiscalYear::containing(first, start_month);
        recorded.push(fy);
        from = fy.next().start();
    }
    let opening = recorded
        .iter()
        .rev()
        .find(|fy| **fy <= current)
        .copied()
        .unwrap_or(current);
    let mut years: Vec<FiscalYear> = recorded.clone();
    if !recorded.contains(&current) {
        years.push(current);
    }
    years.sort_unstable();
    years.reverse();
    let years = years
        .into_iter()
        .map(|fy| YearOnRecord {
            first_year: fy.first_year,
            name: fy.name(),
            start: fy.start(),
            end: fy.end(),
            recorded: recorded.contains(&fy),
        })
        .collect();
    Ok(YearsOnRecord {
        years,
        current: current.first_year,
        opening: opening.first_year,
    })
}

/// The first day on or after `from` that any dated record falls on.
fn first_date_from(conn: &Connection, from: NaiveDate) -> Result<Option<NaiveDate>> {
    let mut first: Option<NaiveDate> = None;
    for (table, column) in DATED {
        // `min` over an indexed column with a lower bound is a single seek in SQLite.
        let sql = format!("SELECT min({column}) FROM {table} WHERE {column} >= ?1");
        let found: Option<NaiveDate> = conn
            .prepare_cached(&sql)?
            .query_row([from], |r| r.get(0))
            .optional()?
            .flatten();
        first = match (first, found) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    Ok(first)
}

impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

impl Quarter {
    pub const ALL: [Quarter; 4] = [Quarter(1), Quarter(2), Quarter(3), Quarter(4)];

    pub fn new(n: u8) -> Result<Quarter, Invalid> {
        if (1..=4).contains(&n) {
            Ok(Quarter(n))
        } else {
            Err(Invalid::new(
                "quarter",
                Problem::NoSuchQuarter {
                    value: i64::from(n),
                },
            ))
        }
    }

    pub fn number(&self) -> u8 {
        self.0
    }
}

fn first_of(year: i32, month: u32) -> NaiveDate {
    // Month is clamped to 1..=12 and years stay within chrono's range for any date we accept.
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
}

/// The last day of the `months`-month span starting on the first-of-month `start`.
fn month_end(start: NaiveDate, months: u32) -> NaiveDate {
    start
        .checked_add_months(Months::new(months))
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::organisation::settings;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// `check(date, start_month, "fiscal year name", quarter)`
    fn check(date: &str, start_month: u32, name: &str, quarter: u8) {
        let fy = FiscalYear::containing(d(date), start_month);
        assert_eq!(
            fy.name(),
            name,
            "fiscal year of {date} (start month {start_month})"
        );
        assert_eq!(
            fy.quarter_of(d(date)),
            Some(Quarter(quarter)),
            "quarter of {date}"
        );
        assert!(fy.contains(d(date)));
    }

    /// `on_record(today)` lists `years` (newest first, `*` for a year without records) and opens on
    /// `opening`.
    fn check_on_record(conn: &Connection, today: &str, years: &[&str], opening: &str) {
        let start_month = crate::organisation::settings::require(conn)
            .unwrap()
            .fiscal_year_start_month;
        let on_record = on_record(conn, d(today), start_month).unwrap();
        let listed: Vec<String> = on_record
            .years
            .iter()
            .map(|y| {
                if y.recorded {
                    y.name.clone()
                } else {
                    format!("{}*", y.name)
                }
            })
            .collect();
        assert_eq!(listed, years, "years on record on {today}");
        let opened = on_record
            .years
            .iter()
            .find(|y| y.first_year == on_record.opening)
            .map(|y| y.name.as_str());
        assert_eq!(opened, Some(opening), "opening year on {today}");
    }

    #[test]
    fn the_years_with_records_and_the_current_one() {
        let mut store = crate::demo::in_memory();
        // Years after the demo's: the current year is offered, empty, and the screens open on the
        // demo's last year rather than on it.
        check_on_record(
            store.conn(),
            "2026-12-01",
            &["2026-2027*", "2012-2013", "2011-2012"],
            "2012-2013",
        );
        // Within the demo's first year, the year after (its records already typed) is listed.
        check_on_record(
            store.conn(),
            "2012-03-01",
            &["2012-2013", "2011-2012"],
            "2011-2012",
        );
        // One minute recorded today makes today's year a year with records, where screens open.
        store
            .write(|tx| {
                let omar = crate::organisation::worker::by_name(tx, "Omar Benali")?;
                let committee: i64 =
                    tx.query_row("SELECT id FROM committees ORDER BY id LIMIT 1", [], |r| {
                        r.get(0)
                    })?;
                let minute = crate::worktime::entry::TimeEntryInput {
                    worker_id: omar,
                    work_date: d("2026-12-01"),
                    duration: "1m".into(),
                    committee_id: Some(committee),
                    ..Default::default()
                };
                crate::worktime::entry::create(tx, &minute)
            })
            .unwrap();
        check_on_record(
            store.conn(),
            "2026-12-01",
            &["2026-2027", "2012-2013", "2011-2012"],
            "2026-2027",
        );
        // A draft dated in a year to come is listed, yet the screens still open on today's year.
        store
            .write(|tx| {
                let client: i64 =
                    tx.query_row("SELECT id FROM clients ORDER BY id LIMIT 1", [], |r| {
                        r.get(0)
                    })?;
                let draft = crate::invoicing::invoice::DraftInput {
                    client_id: client,
                    invoice_date: d("2028-01-15"),
                    notes: String::new(),
                };
                crate::invoicing::invoice::create_draft(tx, &draft)
            })
            .unwrap();
        check_on_record(
            store.conn(),
            "2026-12-01",
            &["2027-2028", "2026-2027", "2012-2013", "2011-2012"],
            "2026-2027",
        );
    }

    #[test]
    fn a_new_organisation_has_only_the_current_year() {
        let mut store = crate::store::Store::open_in_memory().unwrap();
        store
            .write(|tx| {
                settings::save(tx, &settings::Settings::new("Collectif Konbit")).map(|_| ())
            })
            .unwrap();
        check_on_record(store.conn(), "2026-12-01", &["2026-2027*"], "2026-2027");
    }

    #[test]
    fn september_start_boundaries() {
        check("2013-08-31", 9, "2012-2013", 4);
        check("2013-09-01", 9, "2013-2014", 1);
        check("2012-09-01", 9, "2012-2013", 1);
        check("2012-11-30", 9, "2012-2013", 1);
        check("2012-12-01", 9, "2012-2013", 2);
        check("2013-02-28", 9, "2012-2013", 2);
        check("2013-03-01", 9, "2012-2013", 3);
        check("2013-06-01", 9, "2012-2013", 4);
    }

    #[test]
    fn leap_day() {
        check("2012-02-29", 9, "2011-2012", 2);
        check("2012-02-29", 3, "2011-2012", 4);
        let fy = FiscalYear::parse("2011-2012", 3).unwrap();
        assert_eq!(fy.end(), d("2012-02-29"));
        assert_eq!(
            fy.quarter_span(Quarter(4)),
            (d("2011-12-01"), d("2012-02-29"))
        );
    }

    #[test]
    fn january_start_is_the_calendar_year() {
        check("2013-01-01", 1, "2013", 1);
        check("2012-12-31", 1, "2012", 4);
        let fy = FiscalYear::parse("2013", 1).unwrap();
        assert_eq!((fy.start(), fy.end()), (d("2013-01-01"), d("2013-12-31")));
        assert_eq!(fy.end_year(), 2013);
    }

    #[test]
    fn spans_and_neighbours() {
        let fy = FiscalYear::parse("2012-2013", 9).unwrap();
        assert_eq!((fy.start(), fy.end()), (d("2012-09-01"), d("2013-08-31")));
        assert_eq!(fy.end_year(), 2013);
        let spans: Vec<_> = Quarter::ALL.iter().map(|q| fy.quarter_span(*q)).collect();
        assert_eq!(
            spans,
            vec![
                (d("2012-09-01"), d("2012-11-30")),
                (d("2012-12-01"), d("2013-02-28")),
                (d("2013-03-01"), d("2013-05-31")),
                (d("2013-06-01"), d("2013-08-31")),
            ]
        );
        assert_eq!(fy.previous().name(), "2011-2012");
        assert_eq!(fy.next().name(), "2013-2014");
        assert_eq!(fy.quarter_of(d("2013-09-01")), None);
    }

    #[test]
    fn parse_refuses_what_is_not_a_fiscal_year() {
        for bad in ["2012", "2012-2014", "12-13", "deux mille", "", "2013-2012"] {
            let err = FiscalYear::parse(bad, 9).unwrap_err();
            assert!(
                matches!(err.problem, Problem::NotAFiscalYear { .. }),
                "{bad}"
            );
            assert!(
                err.to_string().contains("2012-2013"),
                "the message gives an example: {err}"
            );
        }
        assert!(FiscalYear::parse("2012-2013", 1).is_err());
        assert_eq!(
            FiscalYear::parse(" 2012–2013 ", 9).unwrap().name(),
            "2012-2013"
        );
    }

    #[test]
    fn quarter_numbers() {
        assert!(Quarter::new(0).is_err());
        assert!(Quarter::new(5).is_err());
        assert_eq!(Quarter::new(3).unwrap().number(), 3);
    }
}
