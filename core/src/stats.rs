//! `konbit stats --fy Y --json`: a fiscal year's figures, computed from the records exactly as
//! the reports show them, in the brief's shape: amounts in integer cents, shares as fractions,
//! hours as decimals. What Konbit cannot know is left out rather than written as zero: the
//! revenue budget of a year without one.

use serde::Serialize;

use crate::error::Result;
use crate::finance::{books, history};
use crate::fiscal::FiscalYear;
use crate::invoicing::receivables;
use crate::store::sql::Connection;
use crate::worktime::distribution;
use crate::Cents;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub fiscal_year: String,
    pub start: String,
    pub end: String,
    pub revenue: i64,
    /// The year's revenue budget; left out when no budget was entered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revenue_budget: Option<i64>,
    pub expenses: i64,
    pub result: i64,
    pub previous: Previous,
    pub revenue_by_department: Vec<DepartmentAmount>,
    pub expenses_by_category: Vec<CategoryAmount>,
    pub grants: i64,
    pub net_worth: i64,
    pub fte: f64,
    pub salaried_share: f64,
    pub hours: Hours,
    pub receivables_90_plus_by_quarter: Vec<i64>,
    pub invoices: InvoiceCounts,
    pub legal_cases: LegalCounts,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Previous {
    pub fiscal_year: String,
    pub revenue: i64,
    pub result: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepartmentAmount {
    pub department: String,
    pub amount: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryAmount {
    pub category: String,
    pub amount: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InvoiceCounts {
    pub issued: u32,
    pub credit_notes: u32,
}

/// The legal cases that lived during the year: still open at its end, or closed within it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegalCounts {
    pub open: u32,
    pub closed: u32,
}

/// Hours as decimals (minutes ÷ 60, to the hundredth).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hours {
    pub total: f64,
    pub billable: f64,
    /// Internal projects and committee work.
    pub internal: f64,
}

pub fn compute(conn: &Connection, fy: FiscalYear) -> Result<Stats> {
    let (hours_worked, fte, salaried_share) = distribution::totals(conn, fy.start(), fy.end())?;
    let b = books::for_span(conn, fy.start(), fy.end())?;
    // Every year since the first summary up to the one before, for the net worth and the year
    // before; this year's books are `b`, read once. Closed years are read as they were closed.
    let before = history::money(conn, fy.previous())?;
    let prior = match before.last() {
        Some(y) if y.summary.fiscal_year == fy.previous().name() => y.summary.clone(),
        _ => empty(fy.previous()),
    };
    let net_worth = match history::get(conn, fy)? {
        Some(recorded) => recorded.net_worth,
        None => prior.net_worth + b.result,
    };
    let (issued, credit_notes): (u32, u32) = conn.query_row(
        "SELECT count(*) FILTER (WHERE kind = 'invoice'), count(*) FILTER (WHERE kind = 'credit_note')
         FROM invoices WHERE issued_at IS NOT NULL AND invoice_date BETWEEN ?1 AND ?2",
        [fy.start(), fy.end()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(Stats {
        fiscal_year: fy.name(),
        start: fy.start().to_string(),
        end: fy.end().to_string(),
        revenue: b.revenue.0,
        revenue_budget: crate::finance::budget::revenue_total(conn, fy)?.map(|c| c.0),
        expenses: b.expenses.0,
        result: b.result.0,
        previous: Previous {
            fiscal_year: prior.fiscal_year.clone(),
            revenue: prior.revenue.0,
            result: prior.result().0,
        },
        revenue_by_department: b
            .revenue_by_department
            .into_iter()
            .map(|c| DepartmentAmount {
                department: c.code,
                amount: c.amount.0,
            })
            .collect(),
        expenses_by_category: b
            .expenses_by_category
            .into_iter()
            .map(|c| CategoryAmount {
                category: c.code,
                amount: c.amount.0,
            })
            .collect(),
        grants: b.grants.0,
        net_worth: net_worth.0,
        fte: round(fte, 2),
        salaried_share: round(salaried_share, 4),
        hours: Hours {
            total: hours(hours_worked.minutes),
            billable: hours(hours_worked.billable),
            internal: hours(hours_worked.internal),
        },
        receivables_90_plus_by_quarter: receivables::over_90_by_quarter(conn, fy)?
            .into_iter()
            .map(|q| q.over_90.0)
            .collect(),
        invoices: InvoiceCounts {
            issued,
            credit_notes,
        },
        legal_cases: legal_counts(conn, fy)?,
    })
}

/// A year with no record at all.
fn empty(fy: FiscalYear) -> history::HistoryYear {
    history::HistoryYear {
        fiscal_year: fy.name(),
        revenue: Cents(0),
        expenses: Cents(0),
        net_worth: Cents(0),
        fte: 0.0,
        salaried_share: 0.0,
        notes: String::new(),
    }
}

fn legal_counts(conn: &Connection, fy: FiscalYear) -> Result<LegalCounts> {
    let (open, closed) = conn.query_row(
        "SELECT coalesce(sum(closed_on IS NULL OR closed_on > ?2), 0), coalesce(sum(closed_on BETWEEN ?1 AND ?2), 0)
         FROM legal_cases WHERE opened_on <= ?2 AND (closed_on IS NULL OR closed_on >= ?1)",
        rusqlite::params![fy.start(), fy.end()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(LegalCounts { open, closed })
}

fn hours(minutes: u64) -> f64 {
    round(minutes as f64 / 60.0, 2)
}

fn round(value: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    (value * factor).round() / factor
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn the_demo_year_in_figures() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|tx| crate::demo::create(tx, crate::demo::DEFAULT_SEED))
            .unwrap();
        let fy = FiscalYear::parse("2012-2013", 9).unwrap();
        let stats = compute(store.conn(), fy).unwrap();
        let json = serde_json::to_value(&stats).unwrap();
        assert_eq!(json["fiscal_year"], "2012-2013");
        assert_eq!(json["start"], "2012-09-01");
        assert_eq!(json["end"], "2013-08-31");
        assert!((11.0..=13.0).contains(&stats.fte), "{}", stats.fte);
        assert!(stats.salaried_share >= 0.8);
        assert!(
            stats.hours.billable < stats.hours.total && stats.hours.internal < stats.hours.total
        );
        let d = distribution::compute(store.conn(), fy.start(), fy.end()).unwrap();
        assert_eq!(
            stats.hours.total,
            hours(d.totals.minutes),
            "the same figures as the distribution"
        );
        assert_eq!(
            (stats.hours.billable, stats.hours.internal),
            (hours(d.totals.billable), hours(d.totals.internal))
        );
        assert_eq!(
            (stats.fte, stats.salaried_share),
            (round(d.fte, 2), round(d.salaried_share, 4))
        );
        assert_eq!(stats.result, stats.revenue - stats.expenses);
        assert_eq!(
            stats.revenue,
            json["revenue_by_department"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["amount"].as_i64().unwrap())
                .sum::<i64>()
        );
        assert_eq!(json["revenue_by_department"][0]["department"], "webdev");
        assert!(stats.invoices.issued > 400 && stats.invoices.credit_notes >= 1);
        assert_eq!(stats.receivables_90_plus_by_quarter.len(), 4);
        let series = history::all(store.conn(), fy).unwrap();
        assert_eq!(
            stats.net_worth,
            series.last().unwrap().summary.net_worth.0,
            "the net worth the charts since 2007 end on"
        );
        assert_eq!(
            stats.previous.result,
            series[series.len() - 2].summary.result().0
        );
    }
}
