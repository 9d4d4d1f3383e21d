//! Expenses: what the collective pays out, before taxes, with the GST and QST paid kept apart
//! (input tax credits), classified by category and, when it is one team's, by team.

use chrono::NaiveDate;
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use std::path::Path;

use crate::clock;
use crate::documents::{Attachment, DocumentStore, Links};
use crate::error::{Invalid, OrNotFound, Result, Rule};
use crate::finance::catalog::{self, Catalog};
use crate::listing::{Cursor, Dated, DatedPage};
use crate::money::Cents;
use crate::text::{free_text, required, text_enum};

text_enum! {
    pub enum ExpenseMethod {
        Cheque => "cheque",
        Transfer => "transfer",
        Card => "card",
        Cash => "cash",
        Barter => "barter",
        Debit => "debit",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Expense {
    pub id: i64,
    pub spent_on: NaiveDate,
    pub supplier: String,
    pub category_id: i64,
    pub team_id: Option<i64>,
    pub amount: Cents,
    pub gst: Cents,
    pub qst: Cents,
    pub method: ExpenseMethod,
    pub description: String,
    /// The recurring expense this one is an occurrence of.
    pub recurring_id: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ExpenseInput {
    pub spent_on: NaiveDate,
    pub supplier: String,
    pub category_id: i64,
    #[serde(default)]
    pub team_id: Option<i64>,
    pub amount: Cents,
    #[serde(default)]
    pub gst: Cents,
    #[serde(default)]
    pub qst: Cents,
    pub method: ExpenseMethod,
    #[serde(default)]
    pub description: String,
}

const MAX_AMOUNT: Cents = Cents(100_000_000);

pub fn create(conn: &Connection, input: &ExpenseInput) -> Result<Expense> {
    // Without a recurrence there is no occurrence to collide with: the row is always inserted.
    let id = insert(conn, input, None)?.ok_or_else(|| crate::error::Error::Conflict("the expense was not recorded".into()))?;
    get(conn, id)
}

/// Inserts a checked expense; for an occurrence of a recurring expense already recorded that
/// day, inserts nothing and answers `None`.
pub(crate) fn insert(conn: &Connection, input: &ExpenseInput, recurring_id: Option<i64>) -> Result<Option<i64>> {
    let supplier = required("supplier", &input.supplier)?;
    crate::finance::closing::ensure_open(conn, input.spent_on)?;
    catalog::get(conn, Catalog::ExpenseCategories, input.category_id)?;
    if let Some(team) = input.team_id {
        crate::organisation::team::get(conn, team)?;
    }
    if input.amount.0 <= 0 || input.amount > MAX_AMOUNT {
        return Err(Invalid::new("amount", Rule::OutOfRange, "an expense is between 0,01 $ and 1 000 000 $ before taxes").into());
    }
    for (field, tax) in [("gst", input.gst), ("qst", input.qst)] {
        if tax.0 < 0 || tax > input.amount {
            return Err(Invalid::new(field, Rule::OutOfRange, "a tax paid is between 0 $ and the amount before taxes").into());
        }
    }
    // ON CONFLICT names the occurrence index so that a CHECK failure still raises.
    let inserted = conn.execute(
        "INSERT INTO expenses (spent_on, supplier, category_id, team_id, amount_cents, gst_cents, qst_cents, method, description, recurring_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)
         ON CONFLICT (recurring_id, spent_on) WHERE recurring_id IS NOT NULL DO NOTHING",
        params![input.spent_on, supplier, input.category_id, input.team_id, input.amount.0, input.gst.0, input.qst.0, input.method, free_text("description", &input.description)?, recurring_id, clock::now()],
    )?;
    if inserted == 0 {
        return Ok(None);
    }
    let id = conn.last_insert_rowid();
    crate::audit::record(conn, "expense", id, "create", Some(&get(conn, id)?))?;
    Ok(Some(id))
}

/// Copies `file` into the document store and attaches it to the expense; attaching the same
/// content twice keeps one copy and one line.
pub fn attach(conn: &Connection, documents: &DocumentStore, expense_id: i64, file: &Path) -> Result<Vec<Attachment>> {
    get(conn, expense_id)?;
    LINKS.attach(conn, documents, expense_id, file)
}

pub fn attachments(conn: &Connection, expense_id: i64) -> Result<Vec<Attachment>> {
    LINKS.of(conn, expense_id)
}

const LINKS: Links = Links { table: "expense_documents", owner: "expense_id" };

const SELECT: &str = "SELECT id, spent_on, supplier, category_id, team_id, amount_cents, gst_cents, qst_cents, method, description, recurring_id FROM expenses";

pub fn get(conn: &Connection, id: i64) -> Result<Expense> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row).or_not_found("expense", id)
}

/// A page of the expenses from `from` to `to`, both included, newest first, of one category or all,
/// with the period's count and total before taxes.
pub fn page(conn: &Connection, span: (NaiveDate, NaiveDate), category: Option<i64>, after: Option<&Cursor>, limit: u32) -> Result<DatedPage<Expense>> {
    let only = category.map(|id| ("category_id", id));
    Dated { select: SELECT, table: "expenses", date: "spent_on", amount: "amount_cents", only }.fetch(conn, span, after, limit, from_row)
}

fn from_row(r: &Row) -> rusqlite::Result<Expense> {
    Ok(Expense {
        id: r.get(0)?,
        spent_on: r.get(1)?,
        supplier: r.get(2)?,
        category_id: r.get(3)?,
        team_id: r.get(4)?,
        amount: Cents(r.get(5)?),
        gst: Cents(r.get(6)?),
        qst: Cents(r.get(7)?),
        method: r.get(8)?,
        description: r.get(9)?,
        recurring_id: r.get(10)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn a_receipt_is_attached_once_and_kept_with_its_hash() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in_memory().unwrap();
        store.write(|tx| crate::demo::people_and_clients(tx, 1).map(|_| ())).unwrap();
        let conn = store.conn();
        let category_id = catalog::list(conn, Catalog::ExpenseCategories, false).unwrap()[0].id;
        let input = ExpenseInput {
            spent_on: "2013-06-08".parse().unwrap(),
            supplier: "Déménageurs associés".into(),
            category_id,
            team_id: None,
            amount: Cents(970_000),
            gst: Cents(48_500),
            qst: Cents(96_758),
            method: ExpenseMethod::Cheque,
            description: String::new(),
        };
        let e = create(conn, &input).unwrap();
        let docs = DocumentStore::in_dir(&dir.path().join("docs"));
        let file = dir.path().join("facture-déménagement.pdf");
        std::fs::write(&file, b"%PDF-1.4 facture").unwrap();
        attach(conn, &docs, e.id, &file).unwrap();
        let list = attach(conn, &docs, e.id, &file).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!((list[0].name.as_str(), list[0].size, list[0].sha256.len()), ("facture-déménagement.pdf", 16, 64));
        assert!(matches!(attach(conn, &docs, 999_999, &file), Err(crate::error::Error::NotFound { .. })));
    }
}
