//! The books as a plain-text journal that hledger and ledger both read in strict mode: the
//! commodity, every account and every payee declared first, then the transactions of the span in
//! date order (`journal.rs` builds them). A span that starts after the books do opens with the
//! balances carried in: each asset and liability as it stood the day before, against the net
//! worth carried, so that the balance sheet of a one-year journal is the whole books' one.

use std::collections::BTreeSet;
use std::io::Write;

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::finance::journal::{self, Account, Transaction};
use crate::organisation::settings;
use crate::store::sql::Connection;

pub use crate::finance::journal::span;

/// Writes every transaction dated from `from` to `to`, both included.
pub fn write(conn: &Connection, from: NaiveDate, to: NaiveDate, out: &mut dyn Write) -> Result<()> {
    let all = journal::transactions(conn, to)?;
    let mut shown: Vec<Transaction> = Vec::new();
    if let Some(carried) = carried_in(conn, &all, from)? {
        shown.push(carried);
    }
    shown.extend(all.into_iter().filter(|t| t.date >= from));
    let mut w = Journal { out };
    w.line("; Konbit — the books exported for hledger and ledger. Amounts in CAD.")?;
    w.line("")?;
    w.line("commodity CAD")?;
    w.line("    format 1000.00 CAD")?;
    w.line("")?;
    let accounts: BTreeSet<String> = shown
        .iter()
        .flat_map(|t| t.postings.iter().map(|(a, _)| a.name()))
        .collect();
    for account in &accounts {
        w.line(&format!("account {account}"))?;
    }
    w.line("")?;
    let payees: BTreeSet<String> = shown.iter().map(|t| clean(&t.payee)).collect();
    for payee in &payees {
        w.line(&format!("payee {payee}"))?;
    }
    for t in &shown {
        w.transaction(t)?;
    }
    Ok(())
}

/// The assets and liabilities as they stood at the end of the day before `from`, when the books
/// hold anything before it.
fn carried_in(
    conn: &Connection,
    all: &[Transaction],
    from: NaiveDate,
) -> Result<Option<Transaction>> {
    let Some(day_before) = from.pred_opt() else {
        return Ok(None);
    };
    if all.iter().all(|t| t.date >= from) {
        return Ok(None);
    }
    let mut postings: Vec<(Account, i64)> = journal::balances(all, None, day_before)
        .into_iter()
        .filter(|(a, cents)| a.on_balance_sheet() && *cents != 0)
        .collect();
    let worth: i64 = postings.iter().map(|p| p.1).sum();
    postings.push((Account::NetWorthCarried, -worth));
    Ok(Some(Transaction {
        date: from,
        code: None,
        payee: settings::require(conn)?.name,
        note: format!(
            "Soldes reportés au {}",
            crate::Lang::Fr.long_date(day_before)
        ),
        postings,
    }))
}

/// A payee or note on one line, without what either tool would read as a comment or a split.
fn clean(text: &str) -> String {
    text.replace(['\n', '\r', ';', '|', '\t'], " ")
        .trim()
        .to_owned()
}

struct Journal<'a> {
    out: &'a mut dyn Write,
}

impl Journal<'_> {
    fn line(&mut self, text: &str) -> Result<()> {
        writeln!(self.out, "{text}")
            .map_err(|e| Error::internal(format_args!("could not write the journal: {e}")))
    }

    fn transaction(&mut self, t: &Transaction) -> Result<()> {
        debug_assert!(t.balances(), "{} does not balance", t.note);
        self.line("")?;
        let code = t
            .code
            .as_deref()
            .map(|c| format!("({}) ", clean(c).replace(['(', ')'], "")))
            .unwrap_or_default();
        self.line(&format!("{} * {code}{}", t.date, clean(&t.payee)))?;
        self.line(&format!("    ; {}", clean(&t.note)))?;
        for (account, cents) in &t.postings {
            self.line(&format!(
                "    {:<40}  {} CAD",
                account.name(),
                amount(*cents)
            ))?;
        }
        Ok(())
    }
}

fn amount(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", cents.abs() / 100, cents.abs() % 100)
}
