//! Receivables: what clients owe as of any date, aged by days past due (current, 1–30, 31–60,
//! 61–90, over 90), the over-90 total at the end of each fiscal quarter (the finance committee's
//! quarterly watch), and a client's statement. Everything is computed as of the date asked:
//! invoices, credit notes and payments after it do not count.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::fiscal::{FiscalYear, Quarter};
use crate::invoicing::payment::PaymentMethod;
use crate::lang::Lang;
use crate::money::Cents;
use crate::store::sql::{params, Connection};

/// Current, 1–30, 31–60, 61–90 and more than 90 days past due.
pub const BUCKETS: usize = 5;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ClientAging {
    pub client_id: i64,
    pub name: String,
    pub buckets: [Cents; BUCKETS],
    pub total: Cents,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Aging {
    pub as_of: NaiveDate,
    pub clients: Vec<ClientAging>,
    pub buckets: [Cents; BUCKETS],
    pub total: Cents,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct QuarterOverdue {
    pub quarter: u8,
    pub end: NaiveDate,
    pub over_90: Cents,
}

/// An issued invoice past its due date with some of it still owed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OverdueInvoice {
    pub invoice_id: i64,
    pub number: String,
    pub client_name: String,
    pub due_on: NaiveDate,
    pub days_late: u32,
    pub balance: Cents,
}

/// The invoices overdue on a day: how many, what they still owe, and the longest overdue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Overdue {
    pub count: u32,
    pub total: Cents,
    /// The longest overdue first, at most the number asked for.
    pub oldest: Vec<OverdueInvoice>,
}

/// The invoices past due on `as_of` with a balance that day, read like the aging through the
/// settlement dates (only the invoices open that day), the longest overdue first.
pub fn overdue(conn: &Connection, as_of: NaiveDate, oldest: usize) -> Result<Overdue> {
    let rows = conn
        .prepare_cached(
            "SELECT i.id, i.number, c.name, i.due_on,
                    i.total_cents
                    - (SELECT coalesce(sum(a.amount_cents), 0) FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
                       WHERE a.invoice_id = i.id AND p.received_on <= ?1)
                    - (SELECT coalesce(sum(n.total_cents), 0) FROM invoices n
                       WHERE n.credited_id = i.id AND n.issued_at IS NOT NULL AND n.invoice_date <= ?1) AS balance
             FROM invoice_settlements s JOIN invoices i ON i.id = s.invoice_id JOIN clients c ON c.id = i.client_id
             WHERE s.settled_on > ?1 AND s.opened_on <= ?1 AND i.due_on < ?1
             ORDER BY i.due_on, i.id",
        )?
        .query_map([as_of], |r| {
            let due_on: NaiveDate = r.get(3)?;
            let days_late = u32::try_from((as_of - due_on).num_days()).unwrap_or(u32::MAX);
            Ok(OverdueInvoice { invoice_id: r.get(0)?, number: r.get(1)?, client_name: r.get(2)?, due_on, days_late, balance: Cents(r.get(4)?) })
        })?
        .collect::<crate::store::sql::Result<Vec<_>>>()?;
    let owing: Vec<OverdueInvoice> = rows.into_iter().filter(|r| r.balance.0 > 0).collect();
    let total = owing.iter().map(|r| r.balance).sum();
    let count = u32::try_from(owing.len()).unwrap_or(u32::MAX);
    Ok(Overdue {
        count,
        total,
        oldest: owing.into_iter().take(oldest).collect(),
    })
}

/// The balance as of `as_of` of every issued invoice still open that day, with its due date and
/// client. Only the invoices dated by then and settled after it are read
/// (`invoice_settlements`, kept by triggers): ten years of books hold tens of thousands of
/// invoices, a day has hundreds open. `due_before` keeps only those due before that day, whose
/// balances alone are then computed (the over-90 watch reads a few dozen).
pub(crate) fn open_balances(
    conn: &Connection,
    as_of: NaiveDate,
    due_before: Option<NaiveDate>,
) -> Result<Vec<(i64, String, NaiveDate, i64)>> {
    let rows = conn
        .prepare_cached(
            "SELECT i.client_id, c.name, i.due_on,
                    i.total_cents
                    - (SELECT coalesce(sum(a.amount_cents), 0) FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
                       WHERE a.invoice_id = i.id AND p.received_on <= ?1)
                    - (SELECT coalesce(sum(n.total_cents), 0) FROM invoices n
                       WHERE n.credited_id = i.id AND n.issued_at IS NOT NULL AND n.invoice_date <= ?1) AS balance
             FROM invoice_settlements s JOIN invoices i ON i.id = s.invoice_id JOIN clients c ON c.id = i.client_id
             WHERE s.settled_on > ?1 AND s.opened_on <= ?1 AND (i.due_on < ?2 OR ?2 IS NULL)
             ORDER BY c.name_key, i.client_id",
        )?
        .query_map(params![as_of, due_before], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<crate::store::sql::Result<Vec<_>>>()?;
    Ok(rows.into_iter().filter(|r| r.3 > 0).collect())
}

fn bucket(as_of: NaiveDate, due: NaiveDate) -> usize {
    match (as_of - due).num_days() {
        d if d <= 0 => 0,
        1..=30 => 1,
        31..=60 => 2,
        61..=90 => 3,
        _ => 4,
    }
}

pub fn aging(conn: &Connection, as_of: NaiveDate) -> Result<Aging> {
    let mut clients: Vec<ClientAging> = Vec::new();
    let mut buckets = [Cents(0); BUCKETS];
    for (client_id, name, due, balance) in open_balances(conn, as_of, None)? {
        if clients.last().is_none_or(|c| c.client_id != client_id) {
            clients.push(ClientAging {
                client_id,
                name,
                buckets: [Cents(0); BUCKETS],
                total: Cents(0),
            });
        }
        let b = bucket(as_of, due);
        if let Some(c) = clients.last_mut() {
            c.buckets[b] = c.buckets[b] + Cents(balance);
            c.total = c.total + Cents(balance);
        }
        buckets[b] = buckets[b] + Cents(balance);
    }
    let total = buckets.iter().copied().sum();
    Ok(Aging {
        as_of,
        clients,
        buckets,
        total,
    })
}

/// The amounts more than 90 days past due at the end of each quarter of the fiscal year.
pub fn over_90_by_quarter(conn: &Connection, fy: FiscalYear) -> Result<Vec<QuarterOverdue>> {
    (1..=4u8)
        .map(|n| {
            let (_, end) = fy.quarter_span(Quarter::new(n)?);
            // More than 90 days past due: due before the 90th day before the quarter's end.
            let due_before = end - chrono::Days::new(90);
            let over_90 = open_balances(conn, end, Some(due_before))?
                .iter()
                .map(|b| Cents(b.3))
                .sum();
            Ok(QuarterOverdue {
                quarter: n,
                end,
                over_90,
            })
        })
        .collect()
}

/// The aging as CSV, in the report's language, amounts in dollars with two decimals.
pub fn write_csv(aging: &Aging, lang: Lang, out: impl Write) -> Result<()> {
    let io = |e: csv::Error| Error::internal(format_args!("could not write the CSV file: {e}"));
    let mut w = csv::Writer::from_writer(out);
    let header: [&str; 7] = match lang {
        Lang::Fr => [
            "client",
            "courant",
            "1-30 jours",
            "31-60 jours",
            "61-90 jours",
            "plus de 90 jours",
            "total",
        ],
        Lang::En => [
            "client",
            "current",
            "1-30 days",
            "31-60 days",
            "61-90 days",
            "over 90 days",
            "total",
        ],
    };
    w.write_record(header).map_err(io)?;
    // A plain number for spreadsheets, ASCII `-` included (`-0.50` keeps its sign).
    let amount = |c: Cents| format!("{:.2}", c.to_decimal());
    for c in &aging.clients {
        let mut row = vec![c.name.clone()];
        row.extend(c.buckets.iter().map(|&b| amount(b)));
        row.push(amount(c.total));
        w.write_record(row).map_err(io)?;
    }
    let mut total = vec![match lang {
        Lang::Fr => "TOTAL".to_string(),
        Lang::En => "TOTAL".to_string(),
    }];
    total.extend(aging.buckets.iter().map(|&b| amount(b)));
    total.push(amount(aging.total));
    w.write_record(total).map_err(io)?;
    w.flush()
        .map_err(|e| Error::internal(format_args!("could not write the CSV file: {e}")))
}

/// One line of a client's statement.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StatementLine {
    pub date: NaiveDate,
    /// `invoice`, `credit_note` or `payment`.
    pub kind: String,
    /// The invoice's or credit note's number, the payment's reference (a cheque's number).
    pub reference: String,
    /// How a payment was made, for the screen and the statement to say in their language.
    pub method: Option<PaymentMethod>,
    /// What the client owes more (invoices) or less (credit notes, payments).
    pub amount: Cents,
    pub balance: Cents,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Statement {
    pub client_id: i64,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub opening: Cents,
    pub lines: Vec<StatementLine>,
    pub closing: Cents,
}

/// A client's account from `from` to `to`: the balance before, each invoice, credit note and
/// payment, and the balance after (negative: the client has credit).
pub fn statement(
    conn: &Connection,
    client_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Statement> {
    crate::clients::client::get(conn, client_id)?;
    type Move = (NaiveDate, String, String, Option<PaymentMethod>, i64);
    let moves: Vec<Move> = conn
        .prepare_cached(
            "SELECT invoice_date, kind, number, NULL, CASE kind WHEN 'invoice' THEN total_cents ELSE -total_cents END
             FROM invoices WHERE client_id = ?1 AND issued_at IS NOT NULL AND invoice_date <= ?2
             UNION ALL
             SELECT received_on, 'payment', reference, method, -amount_cents
             FROM payments WHERE client_id = ?1 AND received_on <= ?2
             ORDER BY 1, 2 DESC",
        )?
        .query_map(params![client_id, to], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<crate::store::sql::Result<_>>()?;
    let opening: i64 = moves.iter().filter(|m| m.0 < from).map(|m| m.4).sum();
    let mut balance = opening;
    let lines = moves
        .into_iter()
        .filter(|m| m.0 >= from)
        .map(|(date, kind, reference, method, amount)| {
            balance += amount;
            StatementLine {
                date,
                kind,
                reference,
                method,
                amount: Cents(amount),
                balance: Cents(balance),
            }
        })
        .collect();
    Ok(Statement {
        client_id,
        from,
        to,
        opening: Cents(opening),
        lines,
        closing: Cents(balance),
    })
}

/// The aging as a one-table PDF: the collective's name, the date, a row per client, the totals.
/// In cents, as the screen and the CSV: what each client owes is a sum to collect and to match
/// against the books to the cent, and a column of rounded rows would not add up to its total.
pub fn write_pdf(aging: &Aging, organisation: &str, lang: Lang) -> Result<Vec<u8>> {
    use crate::pdf::{Align, Column, Document, Table, Weight, MARGIN};
    let (title, headers) = match lang {
        Lang::Fr => (
            format!("Comptes à recevoir au {}", lang.long_date(aging.as_of)),
            [
                "Client", "Courant", "1-30 j", "31-60 j", "61-90 j", "> 90 j", "Total",
            ],
        ),
        Lang::En => (
            format!("Receivables as of {}", lang.long_date(aging.as_of)),
            [
                "Client", "Current", "1-30 d", "31-60 d", "61-90 d", "> 90 d", "Total",
            ],
        ),
    };
    let mut doc = Document::new(&title, organisation, lang)?;
    doc.set_running_header(&format!("{organisation} — {title}"));
    doc.text(MARGIN, 22.0, organisation, 14.0, Weight::Bold);
    doc.text(MARGIN, 30.0, &title, 12.0, Weight::Regular);
    doc.y = 38.0;
    // Room for `123 456,78 $` in bold, the widest total a collective's receivables reach.
    let figures = 24.0;
    let mut columns = vec![Column {
        title: headers[0].into(),
        width: Document::body_width() - 6.0 * figures,
        align: Align::Left,
    }];
    columns.extend(headers[1..].iter().map(|h| Column {
        title: (*h).into(),
        width: figures,
        align: Align::Right,
    }));
    let amount = |c: Cents| {
        if c.0 == 0 {
            String::new()
        } else {
            c.format(lang)
        }
    };
    let mut rows: Vec<(Vec<String>, bool)> = aging
        .clients
        .iter()
        .map(|c| {
            let mut row = vec![c.name.clone()];
            row.extend(c.buckets.iter().map(|&b| amount(b)));
            row.push(amount(c.total));
            (row, false)
        })
        .collect();
    let mut total = vec!["Total".to_string()];
    total.extend(aging.buckets.iter().map(|&b| b.format(lang)));
    total.push(aging.total.format(lang));
    rows.push((total, true));
    Table { columns, size: 8.5 }.draw(&mut doc, &rows);
    doc.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every issued invoice's balance as of a day, computed from all of them: what
    /// `open_balances` must answer while reading only the ones its settlement dates leave open.
    fn from_every_invoice(conn: &Connection, as_of: NaiveDate) -> Vec<(i64, i64)> {
        let mut stmt = conn
            .prepare(
                "SELECT i.id, i.total_cents
                   - (SELECT coalesce(sum(a.amount_cents), 0) FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
                      WHERE a.invoice_id = i.id AND p.received_on <= ?1)
                   - (SELECT coalesce(sum(n.total_cents), 0) FROM invoices n
                      WHERE n.credited_id = i.id AND n.issued_at IS NOT NULL AND n.invoice_date <= ?1) AS balance
                 FROM invoices i WHERE i.kind = 'invoice' AND i.issued_at IS NOT NULL AND i.invoice_date <= ?1",
            )
            .unwrap();
        let rows = stmt
            .query_map([as_of], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        rows.map(Result::unwrap)
            .filter(|r: &(i64, i64)| r.1 > 0)
            .collect()
    }

    #[test]
    fn the_invoices_read_as_open_are_exactly_those_with_a_balance_on_every_day() {
        let store = crate::demo::in_memory();
        let conn = store.conn();
        let (first, last): (String, String) = conn
            .query_row(
                "SELECT min(invoice_date), max(invoice_date) FROM invoices",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let (first, last): (NaiveDate, NaiveDate) = (first.parse().unwrap(), last.parse().unwrap());
        let credited: i64 = conn
            .query_row(
                "SELECT count(*) FROM invoices WHERE credited_id IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(credited > 0, "the demo has credit notes");
        let mut day = first - chrono::Days::new(1);
        while day <= last + chrono::Days::new(120) {
            let expected: i64 = from_every_invoice(conn, day).iter().map(|r| r.1).sum();
            let balances = open_balances(conn, day, None).unwrap();
            assert_eq!(
                balances.iter().map(|r| r.3).sum::<i64>(),
                expected,
                "receivables as of {day}"
            );
            assert_eq!(
                balances.len(),
                from_every_invoice(conn, day).len(),
                "open invoices as of {day}"
            );
            day = day + chrono::Days::new(9);
        }
    }

    #[test]
    fn the_over_90_watch_is_the_agings_last_bucket_at_each_quarters_end() {
        let store = crate::demo::in_memory();
        let conn = store.conn();
        let mut seen = 0;
        for name in ["2011-2012", "2012-2013", "2013-2014"] {
            for q in over_90_by_quarter(conn, FiscalYear::parse(name, 9).unwrap()).unwrap() {
                assert_eq!(
                    q.over_90,
                    aging(conn, q.end).unwrap().buckets[4],
                    "{name} Q{}",
                    q.quarter
                );
                seen += usize::from(q.over_90.0 > 0);
            }
        }
        assert!(
            seen >= 2,
            "the demo has invoices more than 90 days late at some quarter's end"
        );
    }

    /// Three clients owing 1 379,67 $ each: printed in whole dollars, the rows said 1 380 $ and
    /// the total 4 139 $, a column that does not add up.
    fn three_alike() -> Aging {
        let owed = Cents(137_967);
        let client = |id: i64, name: &str| ClientAging {
            client_id: id,
            name: name.to_owned(),
            buckets: [Cents(0), owed, Cents(0), Cents(0), Cents(0)],
            total: owed,
        };
        Aging {
            as_of: NaiveDate::from_ymd_opt(2013, 8, 31).unwrap(),
            clients: vec![
                client(1, "Coalition logement"),
                client(2, "Alternatives"),
                client(3, "Mutuelle Aegir"),
            ],
            buckets: [Cents(0), Cents(413_901), Cents(0), Cents(0), Cents(0)],
            total: Cents(413_901),
        }
    }

    #[test]
    fn the_aging_pdf_prints_cents_so_its_total_is_the_sum_of_its_rows() {
        let bytes = write_pdf(&three_alike(), "Réseau Koumbit", Lang::Fr).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("aging.pdf");
        std::fs::write(&file, &bytes).unwrap();
        let out = std::process::Command::new("pdftotext")
            .arg("-layout")
            .arg(&file)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) runs");
        let text = String::from_utf8(out.stdout)
            .unwrap()
            .replace('\u{a0}', " ");
        assert_eq!(text.matches("1 379,67 $").count(), 6, "{text}");
        assert_eq!(text.matches("4 139,01 $").count(), 2, "{text}");
        assert!(!text.contains("1 380 $"), "{text}");
    }

    #[test]
    fn the_aging_csv_keeps_plain_numbers_and_the_ascii_sign() {
        let mut aging = three_alike();
        aging.clients[0].buckets[0] = Cents(-50);
        let mut out = Vec::new();
        write_csv(&aging, Lang::Fr, &mut out).unwrap();
        let csv = String::from_utf8(out).unwrap();
        assert!(
            csv.contains("Coalition logement,-0.50,1379.67,0.00,0.00,0.00,1379.67"),
            "{csv}"
        );
        assert!(csv.contains("TOTAL,0.00,4139.01"), "{csv}");
        assert!(!csv.contains('\u{2212}'));
    }
}
