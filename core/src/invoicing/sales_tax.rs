//! The sales tax summary of a period, for the GST/QST returns: taxable and exempt sales, GST and
//! QST collected, net of the credit notes issued in the period.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Invalid, Problem, Result};
use crate::fiscal::{FiscalYear, Quarter};
use crate::money::Cents;
use crate::store::sql::{params, Connection};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SalesTaxSummary {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub taxable_sales: Cents,
    pub exempt_sales: Cents,
    pub gst: Cents,
    pub qst: Cents,
}

pub fn summary(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<SalesTaxSummary> {
    if to < from {
        return Err(Invalid::new(
            "to",
            Problem::EndBeforeStart {
                start: from.into(),
                end: to.into(),
            },
        )
        .into());
    }
    let (taxable, exempt, gst, qst): (i64, i64, i64, i64) = conn.query_row(
        "SELECT coalesce(sum(CASE WHEN tax_exempt THEN 0 ELSE s * subtotal_cents END), 0),
                coalesce(sum(CASE WHEN tax_exempt THEN s * subtotal_cents ELSE 0 END), 0),
                coalesce(sum(s * gst_cents), 0), coalesce(sum(s * qst_cents), 0)
         FROM (SELECT CASE kind WHEN 'invoice' THEN 1 ELSE -1 END AS s, tax_exempt, subtotal_cents, gst_cents, qst_cents
               FROM invoices WHERE issued_at IS NOT NULL AND invoice_date BETWEEN ?1 AND ?2)",
        params![from, to],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    Ok(SalesTaxSummary {
        from,
        to,
        taxable_sales: Cents(taxable),
        exempt_sales: Cents(exempt),
        gst: Cents(gst),
        qst: Cents(qst),
    })
}
/// A fiscal quarter's sales tax remittance: the GST and QST collected on its invoices (net of
/// its credit notes) less the input tax credits of its expenses, paid by the last day of the
/// month after the quarter. The cashflow takes it out of the bank on that day and the journal
/// clears the quarter's taxes against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Remittance {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub due: NaiveDate,
    pub fiscal_year: FiscalYear,
    pub quarter: Quarter,
    pub gst: Cents,
    pub qst: Cents,
    pub gst_credits: Cents,
    pub qst_credits: Cents,
}

impl Remittance {
    /// What goes to the tax authorities (negative: a refund).
    pub fn net(&self) -> Cents {
        self.gst + self.qst - self.gst_credits - self.qst_credits
    }
}

/// The remittances due from `from` to `to`, both included.
pub fn remittances(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Remittance>> {
    quarters_due(conn, from, to)?
        .into_iter()
        .map(
            |QuarterDue {
                 fiscal_year,
                 quarter,
                 start,
                 end,
                 due,
             }| {
                let collected = summary(conn, start, end)?;
                let (gst_credits, qst_credits) = input_credits(conn, start, end)?;
                Ok(Remittance {
                    start,
                    end,
                    due,
                    fiscal_year,
                    quarter,
                    gst: collected.gst,
                    qst: collected.qst,
                    gst_credits,
                    qst_credits,
                })
            },
        )
        .collect()
}

/// The GST and QST paid on the expenses from `from` to `to`: the input tax credits claimed.
pub fn input_credits(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<(Cents, Cents)> {
    let (gst, qst): (i64, i64) = conn.query_row(
        "SELECT coalesce(sum(gst_cents), 0), coalesce(sum(qst_cents), 0) FROM expenses WHERE spent_on BETWEEN ?1 AND ?2",
        params![from, to],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((Cents(gst), Cents(qst)))
}

/// A fiscal quarter and the day its sales tax is due: the last day of the following month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuarterDue {
    pub fiscal_year: FiscalYear,
    pub quarter: Quarter,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub due: NaiveDate,
}

/// The fiscal quarters whose sales tax is due from `from` to `to`.
pub fn quarters_due(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<QuarterDue>> {
    let start_month = crate::organisation::settings::require(conn)?.fiscal_year_start_month;
    let mut fy = FiscalYear::containing(
        from.checked_sub_months(Months::new(4)).unwrap_or(from),
        start_month,
    );
    let mut out = Vec::new();
    while fy.start() <= to {
        for n in 1..=4 {
            let quarter = Quarter::new(n)?;
            let (start, end) = fy.quarter_span(quarter);
            let due = end
                .checked_add_months(Months::new(1))
                .and_then(|d| d.with_day(1))
                .and_then(|d| d.checked_add_months(Months::new(1)))
                .and_then(|d| d.pred_opt());
            if let Some(due) = due.filter(|d| (from..=to).contains(d)) {
                out.push(QuarterDue {
                    fiscal_year: fy,
                    quarter,
                    start,
                    end,
                    due,
                });
            }
        }
        fy = fy.next();
    }
    Ok(out)
}
