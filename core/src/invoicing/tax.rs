//! Quebec sales taxes: GST and QST at the rates in force on the invoice date, kept in a dated
//! table that an administrator extends when the rates change. Rounded to the cent once per
//! invoice, on its subtotal. Before 2013 the QST was charged on the price plus the GST.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock;
use crate::error::{Invalid, Problem, Result};
use crate::money::Cents;
use crate::store::sql::{params, Connection, OptionalExtension, Row};

/// Rates are in hundred-thousandths: 5 % is 5 000, 9,975 % is 9 975.
pub const RATE_SCALE: i64 = 100_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaxRate {
    pub effective_on: NaiveDate,
    pub gst_rate: u32,
    pub qst_rate: u32,
    pub qst_on_gst: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
pub struct Taxes {
    pub gst: Cents,
    pub qst: Cents,
}

impl TaxRate {
    /// The taxes on a subtotal; none for an exempt client.
    pub fn apply(&self, subtotal: Cents, exempt: bool) -> Taxes {
        if exempt {
            return Taxes::default();
        }
        let gst = share(subtotal.0, self.gst_rate);
        let base = if self.qst_on_gst {
            subtotal.0 + gst
        } else {
            subtotal.0
        };
        Taxes {
            gst: Cents(gst),
            qst: Cents(share(base, self.qst_rate)),
        }
    }
}

/// `amount × rate`, rounded half away from zero to the cent.
fn share(amount: i64, rate: u32) -> i64 {
    let scaled = i128::from(amount) * i128::from(rate);
    let half = i128::from(RATE_SCALE / 2);
    let rounded = if scaled >= 0 {
        (scaled + half) / i128::from(RATE_SCALE)
    } else {
        (scaled - half) / i128::from(RATE_SCALE)
    };
    rounded as i64
}

pub fn list(conn: &Connection) -> Result<Vec<TaxRate>> {
    let rates = conn
        .prepare("SELECT effective_on, gst_rate, qst_rate, qst_on_gst FROM tax_rates ORDER BY effective_on")?
        .query_map([], from_row)?
        .collect::<crate::store::sql::Result<Vec<_>>>()?;
    Ok(rates)
}

/// The rates in force on `date`, or why there are none.
pub fn on(conn: &Connection, date: NaiveDate) -> Result<TaxRate> {
    conn.prepare_cached("SELECT effective_on, gst_rate, qst_rate, qst_on_gst FROM tax_rates WHERE effective_on <= ?1 ORDER BY effective_on DESC LIMIT 1")?
        .query_row([date], from_row)
        .optional()?
        .ok_or_else(|| Invalid::new("invoice_date", Problem::NoTaxRates { date: date.into() }).into())
}

/// Adds the rates in force from a date. Rates already used by an issued invoice are never
/// changed: a new row starts a new period.
pub fn add(conn: &Connection, rate: &TaxRate) -> Result<Vec<TaxRate>> {
    // Each rate's error names its own field, so the screen shows it under that field.
    for (field, value) in [("gst_rate", rate.gst_rate), ("qst_rate", rate.qst_rate)] {
        if value > 30_000 {
            return Err(Invalid::new(field, Problem::TaxRateTooHigh { max: 30 }).into());
        }
    }
    let exists: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM tax_rates WHERE effective_on = ?1",
            [rate.effective_on],
            |r| r.get(0),
        )
        .optional()?;
    if exists.is_some() {
        return Err(Invalid::new(
            "effective_on",
            Problem::RatesStartThatDay {
                date: rate.effective_on.into(),
            },
        )
        .into());
    }
    let issued_after: Option<String> = conn
        .query_row("SELECT number FROM invoices WHERE issued_at IS NOT NULL AND invoice_date >= ?1 LIMIT 1", [rate.effective_on], |r| r.get(0))
        .optional()?;
    if let Some(number) = issued_after {
        return Err(Invalid::new(
            "effective_on",
            Problem::RatesAfterIssued {
                number,
                date: rate.effective_on.into(),
            },
        )
        .into());
    }
    conn.execute(
        "INSERT INTO tax_rates (effective_on, gst_rate, qst_rate, qst_on_gst, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![rate.effective_on, rate.gst_rate, rate.qst_rate, rate.qst_on_gst, clock::now()],
    )?;
    list(conn)
}

fn from_row(row: &Row) -> crate::store::sql::Result<TaxRate> {
    Ok(TaxRate {
        effective_on: row.get(0)?,
        gst_rate: row.get(1)?,
        qst_rate: row.get(2)?,
        qst_on_gst: row.get(3)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_briefs_rates_on_each_side_of_2013() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        // 1 000,00 $ in 2012: GST 50,00; QST 9,5 % of 1 050,00 = 99,75.
        let before = on(conn, d("2012-12-31"))
            .unwrap()
            .apply(Cents(100_000), false);
        assert_eq!(
            before,
            Taxes {
                gst: Cents(5_000),
                qst: Cents(9_975)
            }
        );
        // In 2013: QST 9,975 % of the price alone = 99,75 as well, by design of the reform.
        let after = on(conn, d("2013-01-01"))
            .unwrap()
            .apply(Cents(100_000), false);
        assert_eq!(
            after,
            Taxes {
                gst: Cents(5_000),
                qst: Cents(9_975)
            }
        );
        // Rounding once, half away from zero: 65,00 $ × 1,5 h = 97,50 $ → GST 4,875 → 4,88; QST 9,72563 → 9,73.
        assert_eq!(
            on(conn, d("2013-03-01"))
                .unwrap()
                .apply(Cents(9_750), false),
            Taxes {
                gst: Cents(488),
                qst: Cents(973)
            }
        );
        assert_eq!(
            on(conn, d("2013-03-01")).unwrap().apply(Cents(9_750), true),
            Taxes::default()
        );
        assert_eq!(
            on(conn, d("2010-06-01")).unwrap_err().field(),
            Some("invoice_date")
        );
    }

    #[test]
    fn new_rates_extend_the_table() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let rates = add(
            conn,
            &TaxRate {
                effective_on: d("2030-01-01"),
                gst_rate: 6000,
                qst_rate: 9975,
                qst_on_gst: false,
            },
        )
        .unwrap();
        assert_eq!(rates.len(), 4);
        assert_eq!(on(conn, d("2030-02-01")).unwrap().gst_rate, 6000);
        let again = add(
            conn,
            &TaxRate {
                effective_on: d("2030-01-01"),
                gst_rate: 5000,
                qst_rate: 9975,
                qst_on_gst: false,
            },
        );
        assert_eq!(again.unwrap_err().field(), Some("effective_on"));
        let qst = add(
            conn,
            &TaxRate {
                effective_on: d("2031-01-01"),
                gst_rate: 5000,
                qst_rate: 99_750,
                qst_on_gst: false,
            },
        )
        .unwrap_err();
        assert_eq!(
            (qst.field(), qst.to_string().as_str()),
            (
                Some("qst_rate"),
                "qst_rate: a sales tax above 30 % is a typo"
            )
        );
    }
}
