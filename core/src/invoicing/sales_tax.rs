//! The sales tax summary of a period, for the GST/QST returns: taxable and exempt sales, GST and
//! QST collected, net of the credit notes issued in the period.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Invalid, Problem, Result};
use crate::money::Cents;

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
