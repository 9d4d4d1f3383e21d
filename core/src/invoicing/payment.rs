//! Payments received: allocated to one or several of the client's issued invoices, partly or
//! in full; what is not allocated is the client's credit, usable later. Money received is never
//! edited or deleted (triggers refuse it): a mistake is voided by a reversing payment on the same
//! day, its amount and allocations negated, which frees the invoices again; a correction is that
//! reversal and the payment recorded anew, in one transaction.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clients::client;
use crate::clock;
use crate::error::{Error, Invalid, OrNotFound, Problem, Result};
use crate::invoicing::invoice::{self, InvoiceKind};
use crate::money::Cents;
use crate::store::sql::{params, Connection, Row};
use crate::text::{free_text, optional, required, text_enum};

text_enum! {
    pub enum PaymentMethod {
        Cheque => "cheque",
        Transfer => "transfer",
        Card => "card",
        Cash => "cash",
        Barter => "barter",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Allocation {
    pub invoice_id: i64,
    pub amount: Cents,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AllocationLine {
    pub invoice_id: i64,
    pub number: String,
    pub amount: Cents,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Payment {
    pub id: i64,
    pub client_id: i64,
    pub received_on: NaiveDate,
    pub method: PaymentMethod,
    pub amount: Cents,
    pub reference: String,
    pub notes: String,
    pub allocations: Vec<AllocationLine>,
    /// Kept as the client's credit.
    pub unallocated: Cents,
    /// For a reversal: the payment it voids.
    pub reverses: Option<i64>,
    /// For a voided payment: its reversal.
    pub voided_by: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PaymentInput {
    pub client_id: i64,
    pub received_on: NaiveDate,
    pub method: PaymentMethod,
    pub amount: Cents,
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub allocations: Vec<Allocation>,
}

/// A payment above a million dollars is a typo for a collective of twelve.
const MAX_PAYMENT: Cents = Cents(100_000_000);

/// Records a payment and its allocations; nothing is written if an allocation is refused.
pub fn record(conn: &Connection, input: &PaymentInput) -> Result<Payment> {
    client::get(conn, input.client_id)?;
    crate::lock::ensure_open(conn, input.received_on)?;
    if input.amount.0 <= 0 || input.amount > MAX_PAYMENT {
        return Err(Invalid::new(
            "amount",
            Problem::AmountRange {
                min: Cents(1).into(),
                max: MAX_PAYMENT.into(),
            },
        )
        .into());
    }
    check_allocations(conn, input.client_id, input.amount, &input.allocations)?;
    let id: i64 = conn.query_row(
        "INSERT INTO payments (client_id, received_on, method, amount_cents, reference, notes, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
        params![
            input.client_id,
            input.received_on,
            input.method,
            input.amount.0,
            optional("reference", &input.reference)?,
            free_text("notes", &input.notes)?,
            clock::now()
        ], |r| r.get(0))?;
    write_allocations(conn, id, &input.allocations)?;
    let payment = get(conn, id)?;
    crate::audit::record(conn, "payment", id, "record", Some(&payment))?;
    Ok(payment)
}

/// `amount` spread over these invoices in the order given, each up to what it still owes; what
/// is left stays the client's credit (the command line's `payment add --invoice N…`). Whether
/// each invoice is the client's and issued is `record`'s to check.
pub fn spread(conn: &Connection, amount: Cents, invoice_ids: &[i64]) -> Result<Vec<Allocation>> {
    let mut left = amount.0;
    let mut allocations = Vec::new();
    for &invoice_id in invoice_ids {
        let take = invoice::get(conn, invoice_id)?.balance.0.min(left);
        if take > 0 {
            allocations.push(Allocation {
                invoice_id,
                amount: Cents(take),
            });
            left -= take;
        }
    }
    Ok(allocations)
}

/// Allocates more of a payment (the client's credit) to invoices.
pub fn allocate(conn: &Connection, payment_id: i64, allocations: &[Allocation]) -> Result<Payment> {
    let payment = get(conn, payment_id)?;
    ensure_live(&payment)?;
    crate::lock::ensure_open(conn, payment.received_on)?;
    check_allocations(conn, payment.client_id, payment.unallocated, allocations)?;
    write_allocations(conn, payment_id, allocations)?;
    let payment = get(conn, payment_id)?;
    crate::audit::record(conn, "payment", payment_id, "allocate", Some(&payment))?;
    Ok(payment)
}

/// Each allocation goes to an issued invoice of the same client, no more than its balance, and
/// all together no more than `available`.
fn check_allocations(
    conn: &Connection,
    client_id: i64,
    available: Cents,
    allocations: &[Allocation],
) -> Result<()> {
    let asked: i64 = allocations.iter().map(|a| a.amount.0).sum();
    if asked > available.0 {
        return Err(Invalid::new(
            "allocations",
            Problem::AllocationsAbovePayment {
                asked: Cents(asked).into(),
                available: available.into(),
            },
        )
        .into());
    }
    for a in allocations {
        let inv = invoice::get(conn, a.invoice_id)?;
        if inv.kind != InvoiceKind::Invoice || inv.number.is_none() || inv.client_id != client_id {
            return Err(Invalid::new("allocations", Problem::AllocationForeign).into());
        }
        if a.amount.0 <= 0 || a.amount > inv.balance {
            let number = inv.number.unwrap_or_default();
            return Err(Invalid::new(
                "allocations",
                Problem::AllocationAboveBalance {
                    number,
                    balance: inv.balance.into(),
                },
            )
            .into());
        }
    }
    Ok(())
}

fn write_allocations(conn: &Connection, payment_id: i64, allocations: &[Allocation]) -> Result<()> {
    for a in allocations {
        conn.execute(
            "INSERT INTO payment_allocations (payment_id, invoice_id, amount_cents) VALUES (?1, ?2, ?3)
             ON CONFLICT (payment_id, invoice_id) DO UPDATE SET amount_cents = payment_allocations.amount_cents + excluded.amount_cents",
            params![payment_id, a.invoice_id, a.amount.0],
        )?;
    }
    Ok(())
}

/// Voids a payment: a reversing payment on the same day negates its amount and each of its
/// allocations, so its invoices are due again and the books, the cashflow and the aging net the
/// pair to nothing. The payment itself stays as it was, marked voided; `reason` is kept with the
/// reversal. Refused for a payment already voided, for a reversal, and in a closed year.
pub fn void(conn: &Connection, id: i64, reason: &str) -> Result<Payment> {
    let payment = get(conn, id)?;
    ensure_live(&payment)?;
    crate::lock::ensure_open(conn, payment.received_on)?;
    let reason = required("reason", reason)?;
    let reversal: i64 = conn.query_row(
        "INSERT INTO payments (client_id, received_on, method, amount_cents, reference, notes, created_at, reverses) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
        params![payment.client_id, payment.received_on, payment.method, -payment.amount.0, payment.reference, reason, clock::now(), id], |r| r.get(0))?;
    let negated: Vec<Allocation> = payment
        .allocations
        .iter()
        .map(|a| Allocation {
            invoice_id: a.invoice_id,
            amount: Cents(-a.amount.0),
        })
        .collect();
    write_allocations(conn, reversal, &negated)?;
    crate::audit::record(
        conn,
        "payment",
        reversal,
        "reverse",
        Some(&get(conn, reversal)?),
    )?;
    let voided = get(conn, id)?;
    crate::audit::record(conn, "payment", id, "void", Some(&voided))?;
    Ok(voided)
}

/// Corrects a payment typed wrong (amount, date, allocations): voids it and records `input` in
/// its place, both or neither. Answers the new payment.
pub fn correct(conn: &Connection, id: i64, input: &PaymentInput, reason: &str) -> Result<Payment> {
    void(conn, id, reason)?;
    record(conn, input)
}

/// A voided payment and a reversal are final: neither is voided again nor allocated further.
fn ensure_live(payment: &Payment) -> Result<()> {
    match (payment.reverses, payment.voided_by) {
        (None, None) => Ok(()),
        _ => Err(Error::Refused(Problem::AlreadyVoided {
            date: payment.received_on.into(),
            amount: Cents(payment.amount.0.abs()).into(),
        })),
    }
}

pub fn get(conn: &Connection, id: i64) -> Result<Payment> {
    let mut payment = conn
        .query_row(
            "SELECT id, client_id, received_on, method, amount_cents, reference, notes, reverses, (SELECT r.id FROM payments r WHERE r.reverses = payments.id)
             FROM payments WHERE id = ?1",
            [id],
            from_row,
        )
        .or_not_found("payment", id)?;
    payment.allocations = conn
        .prepare_cached(
            "SELECT a.invoice_id, i.number, a.amount_cents FROM payment_allocations a JOIN invoices i ON i.id = a.invoice_id
             WHERE a.payment_id = ?1 ORDER BY i.invoice_date, i.id",
        )?
        .query_map([id], |r| Ok(AllocationLine { invoice_id: r.get(0)?, number: r.get(1)?, amount: Cents(r.get(2)?) }))?
        .collect::<crate::store::sql::Result<Vec<_>>>()?;
    payment.unallocated = payment.amount - payment.allocations.iter().map(|a| a.amount).sum();
    Ok(payment)
}

/// A client's payments, newest first.
pub fn for_client(conn: &Connection, client_id: i64) -> Result<Vec<Payment>> {
    let ids: Vec<i64> = conn
        .prepare_cached(
            "SELECT id FROM payments WHERE client_id = ?1 ORDER BY received_on DESC, id DESC",
        )?
        .query_map([client_id], |r| r.get(0))?
        .collect::<crate::store::sql::Result<_>>()?;
    ids.into_iter().map(|id| get(conn, id)).collect()
}

/// What the client has paid and not yet allocated: their credit.
pub fn client_credit(conn: &Connection, client_id: i64) -> Result<Cents> {
    let credit: i64 = conn.query_row(
        "SELECT coalesce(sum(p.amount_cents - (SELECT coalesce(sum(a.amount_cents), 0) FROM payment_allocations a WHERE a.payment_id = p.id)), 0)
         FROM payments p WHERE p.client_id = ?1",
        [client_id],
        |r| r.get(0),
    )?;
    Ok(Cents(credit))
}

fn from_row(r: &Row) -> crate::store::sql::Result<Payment> {
    Ok(Payment {
        id: r.get(0)?,
        client_id: r.get(1)?,
        received_on: r.get(2)?,
        method: r.get(3)?,
        amount: Cents(r.get(4)?),
        reference: r.get(5)?,
        notes: r.get(6)?,
        allocations: vec![],
        unallocated: Cents(0),
        reverses: r.get(7)?,
        voided_by: r.get(8)?,
    })
}
