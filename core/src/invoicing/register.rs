//! The register of issued invoices and credit notes, as `konbit invoice list --json` prints it
//! for scripts and the accountant: one flat record each, amounts in integer cents.

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Invalid, Problem, Result};
use crate::fiscal::FiscalYear;
use crate::invoicing::invoice::{self, InvoiceKind, InvoiceStatus};
use crate::store::sql::Connection;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Registered {
    pub number: String,
    pub kind: InvoiceKind,
    pub date: NaiveDate,
    pub due: NaiveDate,
    pub client: String,
    pub client_exempt: bool,
    /// After discounts, before taxes.
    pub subtotal: i64,
    pub gst: i64,
    pub qst: i64,
    pub total: i64,
    pub paid: i64,
    pub status: InvoiceStatus,
}

/// Every issued invoice and credit note (of one fiscal year, if given), by date then number.
pub fn issued(conn: &Connection, fy: Option<FiscalYear>) -> Result<Vec<Registered>> {
    let span = fy.map(|fy| (fy.start(), fy.end()));
    let ids: Vec<i64> = conn
        .prepare(
            "SELECT id FROM invoices WHERE issued_at IS NOT NULL AND (invoice_date BETWEEN ?1 AND ?2 OR ?1 IS NULL)
             ORDER BY invoice_date, kind, sequence",
        )?
        .query_map([span.map(|s| s.0), span.map(|s| s.1)], |r| r.get(0))?
        .collect::<crate::store::sql::Result<_>>()?;
    ids.into_iter()
        .map(|id| {
            let i = invoice::get(conn, id)?;
            Ok(Registered {
                number: i.number.unwrap_or_default(),
                kind: i.kind,
                date: i.invoice_date,
                due: i.due_on,
                client: i.client_name,
                client_exempt: i.tax_exempt,
                subtotal: i.subtotal.0,
                gst: i.gst.0,
                qst: i.qst.0,
                total: i.total.0,
                paid: i.paid.0,
                status: i.status,
            })
        })
        .collect()
}

/// The id of the invoice or credit note with this number.
pub fn by_number(conn: &Connection, number: &str) -> Result<i64> {
    conn.query_row(
        "SELECT id FROM invoices WHERE number = ?1",
        [number.trim()],
        |r| r.get(0),
    )
    .map_err(|_| {
        Invalid::new(
            "number",
            Problem::UnknownNumber {
                number: number.to_string(),
            },
        )
        .into()
    })
}
