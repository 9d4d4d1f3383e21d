//! Recurring expenses: rent, colocation, servers, insurance — an amount every month, quarter or
//! year from a start date. `generate` records every occurrence due and not yet recorded as an
//! expense (a unique index makes a second run add nothing); the cashflow projection reads the
//! occurrences still to come.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::catalog::{self, Catalog};
use crate::clock;
use crate::error::{changed, Invalid, OrNotFound, Problem, Result};
use crate::finance::expense::{self, ExpenseInput, ExpenseMethod};
use crate::invoicing::contract::Period;
use crate::invoicing::tax;
use crate::money::Cents;
use crate::store::sql::{params, Connection, Row};
use crate::text::{free_text, required};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RecurringExpense {
    pub id: i64,
    pub supplier: String,
    pub category_id: i64,
    pub team_id: Option<i64>,
    /// Before taxes.
    pub amount: Cents,
    pub taxable: bool,
    pub method: ExpenseMethod,
    pub period: Period,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub description: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct RecurringInput {
    pub supplier: String,
    pub category_id: i64,
    #[serde(default)]
    pub team_id: Option<i64>,
    pub amount: Cents,
    pub taxable: bool,
    pub method: ExpenseMethod,
    pub period: Period,
    pub starts_on: NaiveDate,
    #[serde(default)]
    pub ends_on: Option<NaiveDate>,
    #[serde(default)]
    pub description: String,
}

/// One occurrence: the day it is paid and what is paid, taxes apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    pub recurring_id: i64,
    pub on: NaiveDate,
    pub amount: Cents,
    pub gst: Cents,
    pub qst: Cents,
}

const MAX_AMOUNT: Cents = Cents(100_000_000);

pub fn create(conn: &Connection, input: &RecurringInput) -> Result<RecurringExpense> {
    let (supplier, description) = check(conn, input)?;
    let inserted: i64 = conn.query_row(
        "INSERT INTO recurring_expenses (supplier, category_id, team_id, amount_cents, taxable, method, period, starts_on, ends_on, description, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11) RETURNING id",
        params![supplier, input.category_id, input.team_id, input.amount.0, input.taxable, input.method, input.period, input.starts_on, input.ends_on, description, clock::now()], |r| r.get(0))?;
    get(conn, inserted)
}

/// Changes what future occurrences will be; the expenses already recorded stay as they were
/// paid.
pub fn update(conn: &Connection, id: i64, input: &RecurringInput) -> Result<RecurringExpense> {
    let (supplier, description) = check(conn, input)?;
    let n = conn.execute(
        "UPDATE recurring_expenses SET supplier = ?2, category_id = ?3, team_id = ?4, amount_cents = ?5, taxable = ?6, method = ?7,
                period = ?8, starts_on = ?9, ends_on = ?10, description = ?11, updated_at = ?12 WHERE id = ?1",
        params![
            id,
            supplier,
            input.category_id,
            input.team_id,
            input.amount.0,
            input.taxable,
            input.method,
            input.period,
            input.starts_on,
            input.ends_on,
            description,
            clock::now()
        ],
    )?;
    changed(n, "recurring expense", id)?;
    get(conn, id)
}

fn check(conn: &Connection, input: &RecurringInput) -> Result<(String, String)> {
    let supplier = required("supplier", &input.supplier)?;
    catalog::get(conn, Catalog::ExpenseCategories, input.category_id)?;
    if let Some(team) = input.team_id {
        crate::organisation::team::get(conn, team)?;
    }
    if input.amount.0 <= 0 || input.amount > MAX_AMOUNT {
        return Err(Invalid::new(
            "amount",
            Problem::AmountRange {
                min: Cents(1).into(),
                max: MAX_AMOUNT.into(),
            },
        )
        .into());
    }
    if let Some(end) = input.ends_on.filter(|end| *end < input.starts_on) {
        return Err(Invalid::new(
            "ends_on",
            Problem::EndBeforeStart {
                start: input.starts_on.into(),
                end: end.into(),
            },
        )
        .into());
    }
    Ok((supplier, free_text("description", &input.description)?))
}

const SELECT: &str =
    "SELECT id, supplier, category_id, team_id, amount_cents, taxable, method, period, starts_on, ends_on, description FROM recurring_expenses";

pub fn get(conn: &Connection, id: i64) -> Result<RecurringExpense> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .or_not_found("recurring expense", id)
}

/// Every recurring expense, those still running first, then by supplier.
pub fn list(conn: &Connection) -> Result<Vec<RecurringExpense>> {
    let rows = conn
        .prepare_cached(&format!(
            "{SELECT} ORDER BY ends_on IS NOT NULL, ends_on DESC, supplier, id"
        ))?
        .query_map([], from_row)?
        .collect::<crate::store::sql::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The occurrences of every recurring expense from `from` to `to`, both included, by date, with
/// the taxes in force on each date.
pub fn occurrences(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Occurrence>> {
    let mut out = Vec::new();
    for r in list(conn)? {
        for on in r
            .period
            .starts(r.starts_on, r.ends_on, to)
            .into_iter()
            .filter(|on| *on >= from)
        {
            let taxes = tax::on(conn, on)?.apply(r.amount, !r.taxable);
            out.push(Occurrence {
                recurring_id: r.id,
                on,
                amount: r.amount,
                gst: taxes.gst,
                qst: taxes.qst,
            });
        }
    }
    out.sort_by_key(|o| (o.on, o.recurring_id));
    Ok(out)
}

/// Records as expenses the occurrences up to `through` not recorded yet; answers how many. Those
/// of closed years are left as the years were closed.
pub fn generate(conn: &Connection, through: NaiveDate) -> Result<usize> {
    let lock = crate::lock::Lock::read(conn)?;
    let mut added = 0;
    for r in list(conn)? {
        for on in r
            .period
            .starts(r.starts_on, r.ends_on, through)
            .into_iter()
            .filter(|on| !lock.covers(*on))
        {
            let taxes = tax::on(conn, on)?.apply(r.amount, !r.taxable);
            let input = ExpenseInput {
                spent_on: on,
                supplier: r.supplier.clone(),
                category_id: r.category_id,
                team_id: r.team_id,
                amount: r.amount,
                gst: taxes.gst,
                qst: taxes.qst,
                method: r.method,
                description: r.description.clone(),
            };
            added += usize::from(expense::insert(conn, &input, Some(r.id))?.is_some());
        }
    }
    Ok(added)
}

fn from_row(r: &Row) -> crate::store::sql::Result<RecurringExpense> {
    Ok(RecurringExpense {
        id: r.get(0)?,
        supplier: r.get(1)?,
        category_id: r.get(2)?,
        team_id: r.get(3)?,
        amount: Cents(r.get(4)?),
        taxable: r.get(5)?,
        method: r.get(6)?,
        period: r.get(7)?,
        starts_on: r.get(8)?,
        ends_on: r.get(9)?,
        description: r.get(10)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn rent(conn: &Connection) -> RecurringInput {
        let category_id = catalog::list(conn, Catalog::ExpenseCategories, false)
            .unwrap()
            .into_iter()
            .find(|c| c.code == "rent")
            .unwrap()
            .id;
        RecurringInput {
            supplier: "Coopérative d'habitation du Parc".into(),
            category_id,
            team_id: None,
            amount: Cents(260_000),
            taxable: true,
            method: ExpenseMethod::Cheque,
            period: Period::Monthly,
            starts_on: d("2012-10-31"),
            ends_on: Some(d("2013-03-31")),
            description: String::new(),
        }
    }

    #[test]
    fn generates_each_occurrence_once_with_the_taxes_of_its_day() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|tx| crate::demo::people_and_clients(tx, 1).map(|_| ()))
            .unwrap();
        let conn = store.conn();
        let r = create(conn, &rent(conn)).unwrap();
        assert_eq!(
            generate(conn, d("2013-08-31")).unwrap(),
            6,
            "October to March"
        );
        assert_eq!(
            generate(conn, d("2013-08-31")).unwrap(),
            0,
            "a second run adds nothing"
        );
        let mut paid = expense::page(
            conn,
            (d("2012-01-01"), d("2013-12-31")),
            &Default::default(),
            None,
            100,
        )
        .unwrap()
        .items;
        paid.reverse();
        let days: Vec<String> = paid.iter().map(|e| e.spent_on.to_string()).collect();
        // The 31st stays the 31st, or the last day of a shorter month.
        assert_eq!(
            days,
            [
                "2012-10-31",
                "2012-11-30",
                "2012-12-31",
                "2013-01-31",
                "2013-02-28",
                "2013-03-31"
            ]
        );
        assert!(paid.iter().all(|e| e.recurring_id == Some(r.id)));
        // 2012: QST 9,5 % on the price plus GST; 2013: 9,975 % on the price.
        assert_eq!((paid[0].gst, paid[0].qst), (Cents(13_000), Cents(25_935)));
        assert_eq!((paid[3].gst, paid[3].qst), (Cents(13_000), Cents(25_935)));
        let next = occurrences(conn, d("2013-01-01"), d("2013-02-15")).unwrap();
        assert_eq!(
            next.iter().map(|o| o.on).collect::<Vec<_>>(),
            [d("2013-01-31")]
        );
    }

    #[test]
    fn refuses_an_end_before_the_start() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|tx| crate::demo::people_and_clients(tx, 1).map(|_| ()))
            .unwrap();
        let conn = store.conn();
        let input = RecurringInput {
            ends_on: Some(d("2012-01-01")),
            ..rent(conn)
        };
        let err = create(conn, &input).unwrap_err();
        assert!(
            matches!(err, crate::error::Error::Invalid(ref i) if &*i.field == "ends_on"),
            "{err:?}"
        );
    }
}
