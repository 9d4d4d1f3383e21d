//! `konbit stats --fy Y --json`: a fiscal year's figures, computed from the records exactly as
//! the reports show them. The brief's object grows with each area: for now the hours, FTE and
//! salaried share; money figures join when invoicing and finance record them.

use rusqlite::Connection;
use serde::Serialize;

use crate::error::Result;
use crate::fiscal::FiscalYear;
use crate::worktime::distribution;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub fiscal_year: String,
    pub start: String,
    pub end: String,
    pub fte: f64,
    pub salaried_share: f64,
    pub hours: Hours,
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
    let d = distribution::compute(conn, fy.start(), fy.end())?;
    Ok(Stats {
        fiscal_year: fy.name(),
        start: fy.start().to_string(),
        end: fy.end().to_string(),
        fte: round(d.fte, 2),
        salaried_share: round(d.salaried_share, 4),
        hours: Hours { total: hours(d.totals.minutes), billable: hours(d.totals.billable), internal: hours(d.totals.internal) },
    })
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
        store.write(|tx| crate::demo::create(tx, crate::demo::DEFAULT_SEED)).unwrap();
        let fy = FiscalYear::parse("2012-2013", 9).unwrap();
        let stats = compute(store.conn(), fy).unwrap();
        let json = serde_json::to_value(&stats).unwrap();
        assert_eq!(json["fiscal_year"], "2012-2013");
        assert_eq!(json["start"], "2012-09-01");
        assert_eq!(json["end"], "2013-08-31");
        assert!((11.0..=13.0).contains(&stats.fte), "{}", stats.fte);
        assert!(stats.salaried_share >= 0.8);
        assert!(stats.hours.billable < stats.hours.total && stats.hours.internal < stats.hours.total);
        let d = distribution::compute(store.conn(), fy.start(), fy.end()).unwrap();
        assert_eq!(stats.hours.total, (d.totals.minutes as f64 / 60.0 * 100.0).round() / 100.0, "the same figures as the distribution");
    }
}
