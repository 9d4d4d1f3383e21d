//! The books in double entry: every record that moves money or value, as balanced transactions
//! over a small chart of accounts. The hledger/ledger export (`ledger.rs`) writes them and the
//! financial statements (`statements.rs`) add them up, so both show the same books.
//!
//! What the journal holds, from the first day of the books:
//! - the opening balance sheet: the bank accounts' opening balances and the net worth carried
//!   from the years before Konbit (`history`) into equity; what the two leave apart is the rest
//!   of the balance sheet of that day (payables, taxes owed…), one liability line;
//! - issued invoices and credit notes (receivables, revenue by department, GST and QST owed);
//! - payments (bank, or for barter the expense of what was received), their allocation to
//!   receivables and what is left as the client's credit; voided ones by their reversal;
//! - expenses with their input tax credits (an expense paid in kind is revenue), other income;
//! - the salaries of each half-month, as the cashflow pays them (`payroll::pay_runs`);
//! - each quarter's sales tax remittance, on the day it is due (`sales_tax::remittances`).
//!
//! So at every date the assets less the liabilities are the net worth carried in plus the
//! results since, which is Konbit's net worth at each year end, and the bank is Trésorerie's.

use chrono::NaiveDate;

use crate::error::Result;
use crate::finance::{history, payroll};
use crate::fiscal::FiscalYear;
use crate::invoicing::sales_tax;
use crate::money::Cents;
use crate::organisation::settings;
use crate::store::sql::Connection;

/// The chart of accounts. Top-level names are hledger's and ledger's usual ones (`assets`,
/// `liabilities`, `equity`, `revenues`, `expenses`), from which both tools tell their kind.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Account {
    Bank,
    Receivables,
    /// GST paid on expenses: input tax credits until remitted against what was collected.
    GstCredits,
    QstCredits,
    /// GST and QST collected, owed until remitted.
    Gst,
    Qst,
    /// Payments not allocated to an invoice: owed back or to be applied.
    ClientCredit,
    /// The rest of the opening balance sheet: its net worth less the bank.
    OpeningOther,
    NetWorthCarried,
    /// A revenue department's code.
    Revenue(String),
    /// An expense category's code.
    Expense(String),
}

impl Account {
    pub fn name(&self) -> String {
        match self {
            Account::Bank => "assets:bank".into(),
            Account::Receivables => "assets:receivables".into(),
            Account::GstCredits => "assets:tax-credits:gst".into(),
            Account::QstCredits => "assets:tax-credits:qst".into(),
            Account::Gst => "liabilities:gst".into(),
            Account::Qst => "liabilities:qst".into(),
            Account::ClientCredit => "liabilities:client-credit".into(),
            Account::OpeningOther => "liabilities:opening-other".into(),
            Account::NetWorthCarried => "equity:net-worth-carried".into(),
            Account::Revenue(code) => format!("revenues:{code}"),
            Account::Expense(code) => format!("expenses:{code}"),
        }
    }

    /// Assets and liabilities: what a balance sheet shows and a new year carries in.
    pub fn on_balance_sheet(&self) -> bool {
        !matches!(
            self,
            Account::NetWorthCarried | Account::Revenue(_) | Account::Expense(_)
        )
    }
}

/// One balanced transaction. Amounts are cents, positive for a debit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaction {
    pub date: NaiveDate,
    /// The invoice's number, for the tools' transaction code.
    pub code: Option<String>,
    /// Who the money came from or went to.
    pub payee: String,
    /// What the transaction is, in French like the rest of the books.
    pub note: String,
    pub postings: Vec<(Account, i64)>,
}

impl Transaction {
    fn new(date: NaiveDate, payee: &str, note: String, postings: Vec<(Account, i64)>) -> Self {
        Transaction {
            date,
            code: None,
            payee: payee.to_owned(),
            note,
            postings: postings.into_iter().filter(|p| p.1 != 0).collect(),
        }
    }

    pub fn balances(&self) -> bool {
        self.postings.iter().map(|p| p.1).sum::<i64>() == 0
    }
}

/// The first and last day the books hold anything (today twice when they are empty).
pub fn span(conn: &Connection) -> Result<(NaiveDate, NaiveDate)> {
    let (first, last): (Option<NaiveDate>, Option<NaiveDate>) = conn.query_row(
        "SELECT min(d), max(d) FROM (SELECT invoice_date AS d FROM invoices WHERE issued_at IS NOT NULL UNION ALL SELECT received_on FROM payments
         UNION ALL SELECT spent_on FROM expenses UNION ALL SELECT received_on FROM other_income UNION ALL SELECT work_date FROM time_entries
         UNION ALL SELECT opened_on FROM bank_accounts)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let today = crate::clock::today();
    Ok((first.unwrap_or(today), last.unwrap_or(today)))
}

/// Every transaction from the first day of the books through `to`, in date order.
pub fn transactions(conn: &Connection, to: NaiveDate) -> Result<Vec<Transaction>> {
    let (first, _) = span(conn)?;
    let mut all = opening(conn, first, to)?;
    invoices(conn, to, &mut all)?;
    payments(conn, to, &mut all)?;
    expenses(conn, to, &mut all)?;
    income(conn, to, &mut all)?;
    salaries(conn, first, to, &mut all)?;
    remittances(conn, first, to, &mut all)?;
    // Stable: within a day, the opening first, then the order above.
    all.sort_by_key(|t| t.date);
    Ok(all)
}

/// The balance of every account over the transactions dated up to `through` (or, with `from`,
/// from that day), in the chart's order.
pub fn balances(
    transactions: &[Transaction],
    from: Option<NaiveDate>,
    through: NaiveDate,
) -> std::collections::BTreeMap<Account, i64> {
    let mut out = std::collections::BTreeMap::new();
    for t in transactions
        .iter()
        .filter(|t| t.date <= through && from.is_none_or(|f| t.date >= f))
    {
        for (account, cents) in &t.postings {
            *out.entry(account.clone()).or_insert(0) += cents;
        }
    }
    out
}

/// The net worth at the end of the year before the books' first: what the years before Konbit
/// left, as recorded (or closed).
pub fn net_worth_carried(conn: &Connection, first: NaiveDate) -> Result<Cents> {
    let start_month = settings::require(conn)?.fiscal_year_start_month;
    let before = FiscalYear::containing(first, start_month).previous();
    Ok(history::money(conn, before)?
        .last()
        .map_or(Cents(0), |y| y.summary.net_worth))
}

/// The opening balance sheet on the books' first day, and each bank account opened later.
fn opening(conn: &Connection, first: NaiveDate, to: NaiveDate) -> Result<Vec<Transaction>> {
    let org = settings::require(conn)?.name;
    let accounts = crate::finance::bank::list(conn)?;
    let at_start: i64 = accounts
        .iter()
        .filter(|a| a.opened_on <= first)
        .map(|a| a.opening_balance.0)
        .sum();
    let worth = net_worth_carried(conn, first)?.0;
    let mut out = vec![Transaction::new(
        first,
        &org,
        "Bilan d'ouverture\u{a0}: valeur nette reportée des années avant Konbit, soldes d'ouverture des comptes bancaires".into(),
        vec![
            (Account::Bank, at_start),
            (Account::OpeningOther, worth - at_start),
            (Account::NetWorthCarried, -worth),
        ],
    )];
    for a in accounts
        .iter()
        .filter(|a| a.opened_on > first && a.opened_on <= to)
    {
        out.push(Transaction::new(
            a.opened_on,
            &org,
            format!("Solde d'ouverture du compte {}", a.name),
            vec![
                (Account::Bank, a.opening_balance.0),
                (Account::OpeningOther, -a.opening_balance.0),
            ],
        ));
    }
    out.retain(|t| !t.postings.is_empty());
    Ok(out)
}

fn invoices(conn: &Connection, to: NaiveDate, out: &mut Vec<Transaction>) -> Result<()> {
    type Row = (i64, NaiveDate, String, String, String, i64, i64, i64);
    let rows: Vec<Row> = conn
        .prepare(
            "SELECT i.id, i.invoice_date, i.kind, i.number, c.name, i.gst_cents, i.qst_cents, i.total_cents FROM invoices i
             JOIN clients c ON c.id = i.client_id WHERE i.issued_at IS NOT NULL AND i.invoice_date <= ?1
             ORDER BY i.invoice_date, i.kind, i.sequence",
        )?
        .query_map([to], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
        })?
        .collect::<crate::store::sql::Result<_>>()?;
    let mut by_department = conn.prepare_cached(
        "SELECT coalesce(d.code, 'other'), sum(l.amount_cents) FROM invoice_lines l LEFT JOIN revenue_departments d ON d.id = l.department_id
         WHERE l.invoice_id = ?1 GROUP BY 1 ORDER BY 1",
    )?;
    for (id, date, kind, number, client, gst, qst, total) in rows {
        let sign = if kind == "invoice" { 1 } else { -1 };
        let mut postings = vec![(Account::Receivables, sign * total)];
        for dept in
            by_department.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
        {
            let (code, cents) = dept?;
            postings.push((Account::Revenue(code), -sign * cents));
        }
        postings.push((Account::Gst, -sign * gst));
        postings.push((Account::Qst, -sign * qst));
        let what = if sign == 1 {
            "Facture"
        } else {
            "Note de crédit"
        };
        let mut t = Transaction::new(date, &client, format!("{what} {number}"), postings);
        t.code = Some(number);
        out.push(t);
    }
    Ok(())
}

fn payments(conn: &Connection, to: NaiveDate, out: &mut Vec<Transaction>) -> Result<()> {
    type Row = (NaiveDate, String, String, i64, i64, bool);
    let rows: Vec<Row> = conn
        .prepare(
            "SELECT p.received_on, c.name, p.method, p.amount_cents,
                    (SELECT coalesce(sum(a.amount_cents), 0) FROM payment_allocations a WHERE a.payment_id = p.id),
                    p.reverses IS NOT NULL
             FROM payments p JOIN clients c ON c.id = p.client_id WHERE p.received_on <= ?1 ORDER BY p.received_on, p.id",
        )?
        .query_map([to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
        .collect::<crate::store::sql::Result<_>>()?;
    for (date, client, method, amount, allocated, reversal) in rows {
        // Paid in kind: what the collective received is an expense, not money in the bank.
        let (into, how) = if method == "barter" {
            (Account::Expense("barter".into()), "troc")
        } else {
            (Account::Bank, method_fr(&method))
        };
        let what = if reversal {
            format!("Annulation d'un paiement ({how})")
        } else {
            format!("Paiement ({how})")
        };
        out.push(Transaction::new(
            date,
            &client,
            what,
            vec![
                (into, amount),
                (Account::Receivables, -allocated),
                (Account::ClientCredit, allocated - amount),
            ],
        ));
    }
    Ok(())
}

fn method_fr(method: &str) -> &'static str {
    match method {
        "cheque" => "chèque",
        "transfer" => "virement",
        "card" => "carte",
        "cash" => "comptant",
        "debit" => "débit",
        "barter" => "troc",
        _ => "autre",
    }
}

fn expenses(conn: &Connection, to: NaiveDate, out: &mut Vec<Transaction>) -> Result<()> {
    type Row = (NaiveDate, String, String, String, i64, i64, i64, bool);
    let rows: Vec<Row> = conn
        .prepare(
            "SELECT e.spent_on, e.supplier, c.code, e.method, e.amount_cents, e.gst_cents, e.qst_cents, e.reverses IS NOT NULL
             FROM expenses e JOIN expense_categories c ON c.id = e.category_id WHERE e.spent_on <= ?1 ORDER BY e.spent_on, e.id",
        )?
        .query_map([to], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
        })?
        .collect::<crate::store::sql::Result<_>>()?;
    for (date, supplier, category, method, amount, gst, qst, reversal) in rows {
        // Paid in kind: the collective's work paid for it, which is revenue.
        let from = if method == "barter" {
            Account::Revenue("other".into())
        } else {
            Account::Bank
        };
        let what = if reversal {
            "Annulation d'une dépense"
        } else {
            "Dépense"
        };
        out.push(Transaction::new(
            date,
            &supplier,
            format!("{what} ({category}, {})", method_fr(&method)),
            vec![
                (Account::Expense(category), amount),
                (Account::GstCredits, gst),
                (Account::QstCredits, qst),
                (from, -(amount + gst + qst)),
            ],
        ));
    }
    Ok(())
}

fn income(conn: &Connection, to: NaiveDate, out: &mut Vec<Transaction>) -> Result<()> {
    let rows: Vec<(NaiveDate, String, String, i64, bool)> = conn
        .prepare(
            "SELECT o.received_on, o.source, d.code, o.amount_cents, o.reverses IS NOT NULL FROM other_income o
             JOIN revenue_departments d ON d.id = o.department_id WHERE o.received_on <= ?1 ORDER BY o.received_on, o.id",
        )?
        .query_map([to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<crate::store::sql::Result<_>>()?;
    for (date, source, department, amount, reversal) in rows {
        let what = if reversal {
            "Annulation d'un revenu"
        } else {
            "Revenu"
        };
        out.push(Transaction::new(
            date,
            &source,
            format!("{what} ({department})"),
            vec![
                (Account::Bank, amount),
                (Account::Revenue(department), -amount),
            ],
        ));
    }
    Ok(())
}

/// The pay runs, each a transaction on its pay day.
fn salaries(
    conn: &Connection,
    first: NaiveDate,
    to: NaiveDate,
    out: &mut Vec<Transaction>,
) -> Result<()> {
    for (pay_day, cost) in payroll::pay_runs(conn, first, to)? {
        out.push(Transaction::new(
            pay_day,
            "Salaires",
            format!("Paie du {}", crate::Lang::Fr.long_date(pay_day)),
            vec![
                (Account::Expense("payroll".into()), cost.0),
                (Account::Bank, -cost.0),
            ],
        ));
    }
    Ok(())
}

/// Each quarter's GST and QST: what was collected cleared against the credits claimed, the
/// difference paid from the bank (in Québec, both returns go to Revenu Québec).
fn remittances(
    conn: &Connection,
    first: NaiveDate,
    to: NaiveDate,
    out: &mut Vec<Transaction>,
) -> Result<()> {
    for r in sales_tax::remittances(conn, first, to)? {
        out.push(Transaction::new(
            r.due,
            "Revenu Québec",
            format!(
                "Remise de TPS et de TVQ, T{} {}",
                r.quarter.number(),
                r.fiscal_year.name()
            ),
            vec![
                (Account::Gst, r.gst.0),
                (Account::Qst, r.qst.0),
                (Account::GstCredits, -r.gst_credits.0),
                (Account::QstCredits, -r.qst_credits.0),
                (Account::Bank, -r.net().0),
            ],
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finance::{books, cashflow};

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// The demo's books in double entry say what Konbit's screens say, at each year end: the
    /// balance sheet is the net worth, the bank is Trésorerie's, revenue and expenses by code are
    /// the books'.
    #[test]
    fn the_demo_balances_and_agrees_with_every_screen() {
        let store = crate::demo::in_memory();
        let conn = store.conn();
        let all = transactions(conn, day("2013-08-31")).unwrap();
        assert!(all.iter().all(Transaction::balances));
        assert!(
            all.windows(2).all(|w| w[0].date <= w[1].date),
            "in date order"
        );
        for fy in ["2011-2012", "2012-2013"] {
            let fy = FiscalYear::parse(fy, 9).unwrap();
            let at_end = balances(&all, None, fy.end());
            let worth: i64 = at_end
                .iter()
                .filter(|(a, _)| a.on_balance_sheet())
                .map(|(_, v)| v)
                .sum();
            let konbit = history::money(conn, fy).unwrap().pop().unwrap();
            assert_eq!(worth, konbit.summary.net_worth.0, "{fy}: net worth");
            assert_eq!(
                at_end.get(&Account::Bank).copied(),
                cashflow::balance_at(conn, fy.end()).unwrap().map(|c| c.0),
                "{fy}: the bank is Trésorerie's"
            );
            let year = balances(&all, Some(fy.start()), fy.end());
            let b = books::for_span(conn, fy.start(), fy.end()).unwrap();
            for dept in &b.revenue_by_department {
                let account = Account::Revenue(dept.code.clone());
                assert_eq!(
                    -year.get(&account).copied().unwrap_or(0),
                    dept.amount.0,
                    "{fy}: {}",
                    dept.code
                );
            }
            for cat in &b.expenses_by_category {
                let account = Account::Expense(cat.code.clone());
                assert_eq!(
                    year.get(&account).copied().unwrap_or(0),
                    cat.amount.0,
                    "{fy}: {}",
                    cat.code
                );
            }
        }
        // The opening: the bank against the net worth carried, nothing left unexplained.
        let first = &all[0];
        assert_eq!(first.date, day("2011-09-01"));
        assert_eq!(
            first.postings,
            vec![
                (Account::Bank, 7_200_000),
                (Account::NetWorthCarried, -7_200_000)
            ]
        );
    }

    /// The quarter's taxes are cleared when remitted: after the remittance of the first quarter of
    /// 2012-2013, nothing collected or claimed in that quarter is left owed.
    #[test]
    fn a_remittance_clears_its_quarter() {
        let store = crate::demo::in_memory();
        let conn = store.conn();
        let all = transactions(conn, day("2012-12-31")).unwrap();
        let remittance = all
            .iter()
            .find(|t| t.payee == "Revenu Québec" && t.date == day("2012-12-31"))
            .expect("Q1 2012-2013 is due on 31 December");
        let q1 = sales_tax::summary(conn, day("2012-09-01"), day("2012-11-30")).unwrap();
        assert!(remittance.postings.contains(&(Account::Gst, q1.gst.0)));
        assert!(remittance.postings.contains(&(Account::Qst, q1.qst.0)));
        let owed = balances(&all, None, day("2012-12-31"));
        let since = sales_tax::summary(conn, day("2012-12-01"), day("2012-12-31")).unwrap();
        assert_eq!(
            -owed.get(&Account::Gst).copied().unwrap_or(0),
            since.gst.0,
            "only December's GST is owed"
        );
    }

    /// Barter is an exchange: the radio's payment in airtime is an expense, never money in the
    /// bank nor an asset.
    #[test]
    fn barter_is_an_expense_not_an_asset() {
        let store = crate::demo::in_memory();
        let conn = store.conn();
        let all = transactions(conn, day("2013-08-31")).unwrap();
        let barter: Vec<&Transaction> = all.iter().filter(|t| t.note.contains("troc")).collect();
        assert!(!barter.is_empty());
        for t in barter {
            assert_eq!(t.payee, "Radio communautaire Centre-Sud");
            assert!(t.postings.iter().all(|(a, _)| *a != Account::Bank));
            assert!(t
                .postings
                .iter()
                .any(|(a, v)| *a == Account::Expense("barter".into()) && *v > 0));
        }
    }
}
