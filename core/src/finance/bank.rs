//! The collective's bank accounts and their opening balances: where the cashflow starts counting.
//! Konbit does not track which account each movement goes through; the cashflow is the sum of
//! the accounts, which is what the cushion is measured against.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock;
use crate::error::{changed, OrNotFound, Result};
use crate::money::Cents;
use crate::store::sql::{params, Connection, Row};
use crate::text::required;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BankAccount {
    pub id: i64,
    pub name: String,
    /// The balance is the one at the start of this day, before its movements.
    pub opened_on: NaiveDate,
    pub opening_balance: Cents,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct BankAccountInput {
    pub name: String,
    pub opened_on: NaiveDate,
    pub opening_balance: Cents,
}

pub fn create(conn: &Connection, input: &BankAccountInput) -> Result<BankAccount> {
    let inserted: i64 = conn.query_row(
        "INSERT INTO bank_accounts (name, opened_on, opening_balance_cents, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4) RETURNING id",
        params![required("name", &input.name)?, input.opened_on, input.opening_balance.0, clock::now()], |r| r.get(0))?;
    get(conn, inserted)
}

pub fn update(conn: &Connection, id: i64, input: &BankAccountInput) -> Result<BankAccount> {
    let n = conn.execute(
        "UPDATE bank_accounts SET name = ?2, opened_on = ?3, opening_balance_cents = ?4, updated_at = ?5 WHERE id = ?1",
        params![id, required("name", &input.name)?, input.opened_on, input.opening_balance.0, clock::now()],
    )?;
    changed(n, "bank account", id)?;
    get(conn, id)
}

const SELECT: &str = "SELECT id, name, opened_on, opening_balance_cents FROM bank_accounts";

pub fn get(conn: &Connection, id: i64) -> Result<BankAccount> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .or_not_found("bank account", id)
}

pub fn list(conn: &Connection) -> Result<Vec<BankAccount>> {
    let rows = conn
        .prepare_cached(&format!("{SELECT} ORDER BY opened_on, name"))?
        .query_map([], from_row)?
        .collect::<crate::store::sql::Result<Vec<_>>>()?;
    Ok(rows)
}

fn from_row(r: &Row) -> crate::store::sql::Result<BankAccount> {
    Ok(BankAccount {
        id: r.get(0)?,
        name: r.get(1)?,
        opened_on: r.get(2)?,
        opening_balance: Cents(r.get(3)?),
    })
}
