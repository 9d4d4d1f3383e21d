//! The fiscal years before Konbit: their summaries as the annual reports of the time gave them
//! (revenue, expenses, net worth, FTE, salaried share). Years kept in Konbit are computed instead,
//! or, once closed, carried as they were closed (`closing`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock;
use crate::error::{Error, Invalid, Problem, Result};
use crate::finance::closing;
use crate::fiscal::FiscalYear;
use crate::money::Cents;
use crate::organisation::settings;
use crate::store::sql::{params, Connection, OptionalExtension, Row};
use crate::text::free_text;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HistoryYear {
    /// `2007-2008`.
    pub fiscal_year: String,
    pub revenue: Cents,
    pub expenses: Cents,
    pub net_worth: Cents,
    pub fte: f64,
    pub salaried_share: f64,
    #[serde(default)]
    pub notes: String,
}

impl HistoryYear {
    pub fn result(&self) -> Cents {
        self.revenue - self.expenses
    }
}

/// A year of the series since the first summary: recorded, computed from Konbit's records, or
/// closed (its figures kept as they were when it was closed).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct YearSummary {
    #[serde(flatten)]
    #[ts(flatten)]
    pub summary: HistoryYear,
    pub computed: bool,
    pub closed: bool,
}

/// Records (or replaces) a past year's summary.
pub fn save(conn: &Connection, year: &HistoryYear) -> Result<HistoryYear> {
    let fy = FiscalYear::parse(
        &year.fiscal_year,
        settings::require(conn)?.fiscal_year_start_month,
    )?;
    if closing::get(conn, fy)?.is_some() {
        return Err(Error::Refused(Problem::SummaryOfClosedYear {
            fiscal_year: fy.name(),
        }));
    }
    if year.revenue.0 < 0 || year.expenses.0 < 0 {
        return Err(Invalid::new(
            "revenue",
            Problem::AmountRange {
                min: Cents(0).into(),
                max: Cents(i64::MAX).into(),
            },
        )
        .into());
    }
    if !(0.0..=1.0).contains(&year.salaried_share) || !(0.0..=1000.0).contains(&year.fte) {
        return Err(Invalid::new("salaried_share", Problem::FractionRange).into());
    }
    conn.execute(
        "INSERT INTO history_years (fiscal_year_start, revenue_cents, expenses_cents, net_worth_cents, fte, salaried_share, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
         ON CONFLICT (fiscal_year_start) DO UPDATE SET revenue_cents = excluded.revenue_cents, expenses_cents = excluded.expenses_cents,
            net_worth_cents = excluded.net_worth_cents, fte = excluded.fte, salaried_share = excluded.salaried_share, notes = excluded.notes,
            updated_at = excluded.updated_at",
        params![fy.start(), year.revenue.0, year.expenses.0, year.net_worth.0, year.fte, year.salaried_share, free_text("notes", &year.notes)?, clock::now()],
    )?;
    Ok(get(conn, fy)?.unwrap_or_else(|| year.clone()))
}

pub fn get(conn: &Connection, fy: FiscalYear) -> Result<Option<HistoryYear>> {
    let start_month = settings::require(conn)?.fiscal_year_start_month;
    Ok(conn
        .query_row(
            "SELECT fiscal_year_start, revenue_cents, expenses_cents, net_worth_cents, fte, salaried_share, notes FROM history_years WHERE fiscal_year_start = ?1",
            [fy.start()],
            |r| from_row(r, start_month),
        )
        .optional()?)
}

pub fn list(conn: &Connection) -> Result<Vec<HistoryYear>> {
    let start_month = settings::require(conn)?.fiscal_year_start_month;
    let rows = conn
        .prepare("SELECT fiscal_year_start, revenue_cents, expenses_cents, net_worth_cents, fte, salaried_share, notes FROM history_years ORDER BY fiscal_year_start")?
        .query_map([], |r| from_row(r, start_month))?
        .collect::<crate::store::sql::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Every fiscal year from the first summary through `through`: the summaries as recorded, the
/// years kept in Konbit computed from their books and hours, each net worth carried from the
/// year before. What the charts since 2007 draw.
pub fn all(conn: &Connection, through: FiscalYear) -> Result<Vec<YearSummary>> {
    series(conn, through, true)
}

/// The same years for their money only: a computed year's FTE and salaried share are left at 0.
/// What net worth and the year before need, without reading every hour of every year.
pub fn money(conn: &Connection, through: FiscalYear) -> Result<Vec<YearSummary>> {
    series(conn, through, false)
}

fn series(conn: &Connection, through: FiscalYear, with_hours: bool) -> Result<Vec<YearSummary>> {
    let start_month = settings::require(conn)?.fiscal_year_start_month;
    let closed: Vec<YearSummary> = closing::list(conn)?
        .into_iter()
        .map(YearSummary::from)
        .collect();
    let recorded: Vec<YearSummary> = list(conn)?
        .into_iter()
        .map(|summary| YearSummary {
            summary,
            computed: false,
            closed: false,
        })
        .collect();
    let known: Vec<(FiscalYear, &YearSummary)> = closed
        .iter()
        .chain(&recorded)
        .filter_map(|y| {
            FiscalYear::parse(&y.summary.fiscal_year, start_month)
                .ok()
                .map(|fy| (fy, y))
        })
        .collect();
    let mut year = known
        .iter()
        .map(|(y, _)| *y)
        .min()
        .unwrap_or(through)
        .min(through);
    let mut out: Vec<YearSummary> = Vec::new();
    while year <= through {
        let worth_before = out.last().map_or(Cents(0), |y| y.summary.net_worth);
        // A closed year's figures first: they are what was adopted.
        let figures = match known.iter().find(|(y, _)| *y == year) {
            Some((_, y)) => (*y).clone(),
            None => computed(conn, year, worth_before, with_hours)?,
        };
        out.push(figures);
        year = year.next();
    }
    Ok(out)
}

fn computed(
    conn: &Connection,
    year: FiscalYear,
    worth_before: Cents,
    with_hours: bool,
) -> Result<YearSummary> {
    let books = crate::finance::books::for_span(conn, year.start(), year.end())?;
    let (fte, salaried_share) = if with_hours {
        let (_, fte, salaried_share) =
            crate::worktime::distribution::totals(conn, year.start(), year.end())?;
        (fte, salaried_share)
    } else {
        (0.0, 0.0)
    };
    Ok(YearSummary {
        summary: HistoryYear {
            fiscal_year: year.name(),
            revenue: books.revenue,
            expenses: books.expenses,
            net_worth: worth_before + books.result,
            fte,
            salaried_share,
            notes: String::new(),
        },
        computed: true,
        closed: false,
    })
}

impl From<closing::Closing> for YearSummary {
    fn from(c: closing::Closing) -> Self {
        let summary = HistoryYear {
            fiscal_year: c.fiscal_year,
            revenue: c.revenue,
            expenses: c.expenses,
            net_worth: c.net_worth,
            fte: c.fte,
            salaried_share: c.salaried_share,
            notes: String::new(),
        };
        YearSummary {
            summary,
            computed: false,
            closed: true,
        }
    }
}

fn from_row(r: &Row, start_month: u32) -> crate::store::sql::Result<HistoryYear> {
    let start: chrono::NaiveDate = r.get(0)?;
    Ok(HistoryYear {
        fiscal_year: FiscalYear::containing(start, start_month).name(),
        revenue: Cents(r.get(1)?),
        expenses: Cents(r.get(2)?),
        net_worth: Cents(r.get(3)?),
        fte: r.get(4)?,
        salaried_share: r.get(5)?,
        notes: r.get(6)?,
    })
}
