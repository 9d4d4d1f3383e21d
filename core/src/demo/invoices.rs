//! The demo's invoicing for fiscal years 2011-2012 and 2012-2013, through the same services a
//! person uses: on the first of each month, the contracts' month and the previous month's
//! billable hours of every client, issued; then payments as clients really pay: most within
//! their terms, some late, a few not at all (the 90-day receivables the finance committee
//! watches every quarter).

use chrono::{Datelike, Days, Months, NaiveDate};
use rand::rngs::StdRng;
use rand::Rng;

use super::date;
use crate::error::{Error, Result};
use crate::invoicing::contract;
use crate::invoicing::invoice::{self, DraftInput, TimeGrouping, TimeSelection};
use crate::invoicing::payment::{self, Allocation, PaymentInput, PaymentMethod};
use crate::money::Cents;
use crate::store::sql::Connection;

/// The last day the demo's records know.
const LAST_DAY: &str = "2013-08-31";

pub(super) fn create(conn: &Connection, rng: &mut StdRng) -> Result<usize> {
    let last = date(LAST_DAY);
    let mut month = date("2011-09-01");
    let mut issued = Vec::new();
    while month <= last {
        let previous = month.checked_sub_months(Months::new(1)).unwrap_or(month);
        let drafts = contract::generate(conn, month, month)?.invoice_ids;
        for id in drafts {
            issued.push(invoice::issue(conn, id)?);
        }
        for client_id in
            clients_with_unbilled_hours(conn, previous, month.pred_opt().unwrap_or(month))?
        {
            let draft = invoice::create_draft(
                conn,
                &DraftInput {
                    client_id,
                    invoice_date: month,
                    notes: String::new(),
                },
            )?;
            let span = TimeSelection {
                from: previous,
                to: month.pred_opt().unwrap_or(month),
                group_by: TimeGrouping::Project,
            };
            invoice::add_time(conn, draft.id, &span)?;
            issued.push(invoice::issue(conn, draft.id)?);
        }
        month = month
            .checked_add_months(Months::new(1))
            .ok_or_else(|| Error::internal("the demo ran past the calendar"))?;
    }
    let credited = credit_a_double_count(conn, &issued)?;
    for inv in &issued {
        let inv = invoice::get(conn, inv.id)?;
        pay(conn, rng, &inv, last)?;
    }
    Ok(issued.len() + usize::from(credited))
}

/// Clients that stopped paying in the autumn of 2012 and caught up in June and July 2013: the
/// 90-day receivables grow through the second and third quarters and fall in the fourth.
const SLOW_PAYERS: &[&str] = &[
    "Ligue des droits et libertés, section Québec",
    "Groupe de recherche en santé publique",
    "Radio communautaire Centre-Sud",
    "Fédération des coopératives d'habitation de l'Est",
    "Cinéma coopératif du Mile-End",
];
/// Pays its hosting in airtime (a barter: revenue for the collective, and the airtime received
/// an expense of the same amount), its consulting by cheque.
const BARTER: &str = "Radio communautaire Centre-Sud";

/// One hour billed twice on a February 2013 invoice, corrected by a credit note.
fn credit_a_double_count(conn: &Connection, issued: &[invoice::Invoice]) -> Result<bool> {
    let Some(inv) = issued.iter().find(|i| {
        i.invoice_date == date("2013-02-01")
            && i.lines.iter().any(|l| l.kind == invoice::LineKind::Time)
    }) else {
        return Ok(false);
    };
    let Some(line) = inv.lines.iter().find(|l| l.kind == invoice::LineKind::Time) else {
        return Ok(false);
    };
    let input = invoice::CreditInput {
        credit_date: date("2013-02-12"),
        reason: "Une heure de janvier comptée deux fois".into(),
        lines: vec![invoice::LineCredit {
            line_id: line.id,
            amount: line.unit_price,
        }],
    };
    let note = invoice::create_credit_note(conn, inv.id, &input)?;
    invoice::issue(conn, note.id)?;
    Ok(true)
}

fn clients_with_unbilled_hours(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<i64>> {
    let ids = conn
        .prepare_cached(
            "SELECT DISTINCT p.client_id FROM time_entries e JOIN projects p ON p.id = e.project_id
             WHERE p.billing_mode = 'hourly' AND e.billable = 1 AND e.work_date BETWEEN ?1 AND ?2
               AND NOT EXISTS (SELECT 1 FROM invoice_time_entries b WHERE b.time_entry_id = e.id)
             ORDER BY p.client_id",
        )?
        .query_map([from, to], |r| r.get(0))?
        .collect::<crate::store::sql::Result<_>>()?;
    Ok(ids)
}

/// Most pay within their terms and one in eight late; the slow payers catch up in June and
/// July 2013; one in fifty 2012-2013 invoices is still unpaid at the end of the demo.
fn pay(conn: &Connection, rng: &mut StdRng, inv: &invoice::Invoice, last: NaiveDate) -> Result<()> {
    if inv.kind != invoice::InvoiceKind::Invoice || inv.balance.0 <= 0 {
        return Ok(());
    }
    let Some((received_on, method)) = payment_plan(
        rng,
        &inv.client_name,
        inv.invoice_date,
        date("2012-09-01"),
        last,
    ) else {
        return Ok(());
    };
    // The radio pays its hosting in airtime, the rest of the invoice by cheque.
    let in_kind = match method {
        PaymentMethod::Barter => hosting_share(conn, inv)?,
        _ => Cents(0),
    };
    for (method, amount) in [
        (PaymentMethod::Barter, in_kind),
        (
            match method {
                PaymentMethod::Barter => PaymentMethod::Cheque,
                other => other,
            },
            inv.balance - in_kind,
        ),
    ] {
        if amount.0 <= 0 {
            continue;
        }
        payment::record(
            conn,
            &PaymentInput {
                client_id: inv.client_id,
                received_on,
                method,
                amount,
                reference: inv.number.clone().unwrap_or_default(),
                notes: String::new(),
                allocations: vec![Allocation {
                    invoice_id: inv.id,
                    amount,
                }],
            },
        )?;
    }
    Ok(())
}

/// The part of an invoice's balance its hosting lines make, taxes included.
fn hosting_share(conn: &Connection, inv: &invoice::Invoice) -> Result<Cents> {
    let hosting: i64 = conn.query_row(
        "SELECT id FROM revenue_departments WHERE code = 'hosting'",
        [],
        |r| r.get(0),
    )?;
    let lines: i64 = inv
        .lines
        .iter()
        .filter(|l| l.department_id == Some(hosting))
        .map(|l| l.amount.0)
        .sum();
    Ok(Cents(crate::invoicing::invoice::round_div(
        i128::from(inv.balance.0) * i128::from(lines),
        i128::from(inv.subtotal.0.max(1)),
    )))
}

/// When and how a client pays an invoice dated `invoice_date`, if it pays by `last`: most
/// within their terms, one in eight late, the slow payers in June and July 2013, and one in
/// fifty of the invoices dated from `last_year` on not at all.
pub(super) fn payment_plan(
    rng: &mut StdRng,
    client: &str,
    invoice_date: NaiveDate,
    last_year: NaiveDate,
    last: NaiveDate,
) -> Option<(NaiveDate, PaymentMethod)> {
    let this_year = invoice_date >= last_year;
    let slow = this_year && invoice_date <= date("2013-03-31") && SLOW_PAYERS.contains(&client);
    let roll: f64 = rng.random();
    let received_on = match roll {
        _ if slow => date("2013-06-10") + Days::new(rng.random_range(0..40)),
        r if this_year && r < 0.02 => return None,
        r if r < 0.17 => invoice_date + Days::new(rng.random_range(60..150)),
        _ => invoice_date + Days::new(rng.random_range(8..40)),
    };
    if received_on > last {
        return None;
    }
    let method = match (client, invoice_date.day0() % 3) {
        (BARTER, _) => PaymentMethod::Barter,
        (_, 0) => PaymentMethod::Transfer,
        _ => PaymentMethod::Cheque,
    };
    Some((received_on, method))
}
