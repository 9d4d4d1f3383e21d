//! Expenses: what the collective pays out, before taxes, with the GST and QST paid kept apart
//! (input tax credits), classified by category and, when it is one team's, by team.

use crate::store::sql::{params, Connection, OptionalExtension, Row};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use std::path::Path;

use crate::catalog::{self, Catalog};
use crate::clock;
use crate::documents::{Attachment, DocumentStore, Links};
use crate::error::{Error, Invalid, OrNotFound, Problem, Result};
use crate::listing::{Cursor, Dated, DatedPage};
use crate::money::Cents;
use crate::store::sql::Value;
use crate::text::{fold, free_text, required, text_enum};

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
    /// For a reversal: the expense it voids (its amounts are the original's, negated).
    pub reverses: Option<i64>,
    /// For a voided expense: its reversal.
    pub voided_by: Option<i64>,
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
    let id = insert(conn, input, None)?
        .ok_or_else(|| crate::error::Error::internal("the expense was not recorded"))?;
    get(conn, id)
}

/// Inserts a checked expense; for an occurrence of a recurring expense already recorded that
/// day, inserts nothing and answers `None`.
pub(crate) fn insert(
    conn: &Connection,
    input: &ExpenseInput,
    recurring_id: Option<i64>,
) -> Result<Option<i64>> {
    let (supplier, description) = check(conn, input)?;
    // ON CONFLICT names the occurrence index so that a CHECK failure still raises.
    let inserted: Option<i64> = conn.query_row(
        "INSERT INTO expenses (spent_on, supplier, category_id, team_id, amount_cents, gst_cents, qst_cents, method, description, recurring_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)
         ON CONFLICT (recurring_id, spent_on) WHERE recurring_id IS NOT NULL DO NOTHING RETURNING id",
        params![input.spent_on, supplier, input.category_id, input.team_id, input.amount.0, input.gst.0, input.qst.0, input.method, description, recurring_id, clock::now()],
        |r| r.get(0),
    ).optional()?;
    let Some(id) = inserted else {
        return Ok(None);
    };
    crate::audit::record(conn, "expense", id, "create", Some(&get(conn, id)?))?;
    Ok(Some(id))
}

/// What a person typed, checked: the supplier and the description as kept.
fn check(conn: &Connection, input: &ExpenseInput) -> Result<(String, String)> {
    let supplier = required("supplier", &input.supplier)?;
    crate::lock::ensure_open(conn, input.spent_on)?;
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
    for (field, tax) in [("gst", input.gst), ("qst", input.qst)] {
        if tax.0 < 0 || tax > input.amount {
            return Err(Invalid::new(
                field,
                Problem::TaxAboveAmount {
                    amount: input.amount.into(),
                },
            )
            .into());
        }
    }
    Ok((supplier, free_text("description", &input.description)?))
}

/// Corrects an expense while its year, and the year it moves to, are open. The audit log keeps
/// the expense as it was (its previous entry) and as it becomes. A voided expense and a
/// reversal are final.
pub fn update(conn: &Connection, id: i64, input: &ExpenseInput) -> Result<Expense> {
    let before = get(conn, id)?;
    ensure_live(&before)?;
    crate::lock::ensure_open(conn, before.spent_on)?;
    let (supplier, description) = check(conn, input)?;
    conn.execute(
        "UPDATE expenses SET spent_on = ?1, supplier = ?2, category_id = ?3, team_id = ?4, amount_cents = ?5, gst_cents = ?6, qst_cents = ?7,
                method = ?8, description = ?9, updated_at = ?10 WHERE id = ?11",
        params![
            input.spent_on,
            supplier,
            input.category_id,
            input.team_id,
            input.amount.0,
            input.gst.0,
            input.qst.0,
            input.method,
            description,
            clock::now(),
            id
        ],
    )?;
    let after = get(conn, id)?;
    crate::audit::record(conn, "expense", id, "update", Some(&after))?;
    Ok(after)
}

/// Voids an expense recorded by mistake: a reversing expense on the same day, its amounts and
/// taxes negated, nets it out of the books, the budget, the cashflow and the tax credits; the
/// expense itself stays as it was, marked voided, its receipts attached. `reason` is kept as
/// the reversal's description.
pub fn void(conn: &Connection, id: i64, reason: &str) -> Result<Expense> {
    let e = get(conn, id)?;
    ensure_live(&e)?;
    crate::lock::ensure_open(conn, e.spent_on)?;
    let reason = required("reason", reason)?;
    let reversal: i64 = conn.query_row(
        "INSERT INTO expenses (spent_on, supplier, category_id, team_id, amount_cents, gst_cents, qst_cents, method, description, created_at, updated_at, reverses)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11) RETURNING id",
        params![e.spent_on, e.supplier, e.category_id, e.team_id, -e.amount.0, -e.gst.0, -e.qst.0, e.method, reason, clock::now(), id], |r| r.get(0))?;
    crate::audit::record(
        conn,
        "expense",
        reversal,
        "reverse",
        Some(&get(conn, reversal)?),
    )?;
    let voided = get(conn, id)?;
    crate::audit::record(conn, "expense", id, "void", Some(&voided))?;
    Ok(voided)
}

fn ensure_live(e: &Expense) -> Result<()> {
    match (e.reverses, e.voided_by) {
        (None, None) => Ok(()),
        _ => Err(Error::Refused(Problem::AlreadyVoided {
            date: e.spent_on.into(),
            amount: Cents(e.amount.0.abs()).into(),
        })),
    }
}

/// Copies `file` into the document store and attaches it to the expense; attaching the same
/// content twice keeps one copy and one line.
pub fn attach(
    conn: &Connection,
    documents: &DocumentStore,
    expense_id: i64,
    file: &Path,
) -> Result<Vec<Attachment>> {
    get(conn, expense_id)?;
    LINKS.attach(conn, documents, expense_id, file)
}

pub fn attachments(conn: &Connection, expense_id: i64) -> Result<Vec<Attachment>> {
    LINKS.of(conn, expense_id)
}

const LINKS: Links = Links {
    table: "expense_documents",
    owner: "expense_id",
};

const SELECT: &str = "SELECT id, spent_on, supplier, category_id, team_id, amount_cents, gst_cents, qst_cents, method, description, recurring_id, reverses,
    (SELECT r.id FROM expenses r WHERE r.reverses = expenses.id) FROM expenses";

pub fn get(conn: &Connection, id: i64) -> Result<Expense> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .or_not_found("expense", id)
}

/// Which of a period's expenses a list shows: all, or those of one category, team or supplier.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ExpenseFilter {
    #[serde(default)]
    pub category: Option<i64>,
    #[serde(default)]
    pub team: Option<i64>,
    /// A supplier as recorded, from [`suppliers`].
    #[serde(default)]
    pub supplier: Option<String>,
}

/// A page of the filter's expenses from `from` to `to`, both included, newest first, with the
/// count, total before taxes, GST and QST of all of them.
pub fn page(
    conn: &Connection,
    span: (NaiveDate, NaiveDate),
    filter: &ExpenseFilter,
    after: Option<&Cursor>,
    limit: u32,
) -> Result<DatedPage<Expense>> {
    let mut only = Vec::new();
    if let Some(id) = filter.category {
        only.push(("category_id", Value::Integer(id)));
    }
    if let Some(id) = filter.team {
        only.push(("team_id", Value::Integer(id)));
    }
    if let Some(supplier) = filter.supplier.as_deref().filter(|s| !s.is_empty()) {
        only.push(("supplier", Value::Text(supplier.to_owned())));
    }
    let taxes = Some(("gst_cents", "qst_cents"));
    Dated {
        select: SELECT,
        table: "expenses",
        date: "spent_on",
        amount: "amount_cents",
        taxes,
        only,
    }
    .fetch(conn, span, after, limit, from_row)
}

/// The suppliers paid from `from` to `to`, each once, in French alphabetical order (accents
/// and case folded): the choices of the list's supplier filter.
pub fn suppliers(conn: &Connection, (from, to): (NaiveDate, NaiveDate)) -> Result<Vec<String>> {
    let mut names: Vec<String> = conn
        .prepare_cached("SELECT DISTINCT supplier FROM expenses WHERE spent_on BETWEEN ?1 AND ?2")?
        .query_map(params![from, to], |r| r.get(0))?
        .collect::<crate::store::sql::Result<_>>()?;
    names.sort_by_cached_key(|name| (fold(name), name.clone()));
    Ok(names)
}

fn from_row(r: &Row) -> crate::store::sql::Result<Expense> {
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
        reverses: r.get(11)?,
        voided_by: r.get(12)?,
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
        store
            .write(|tx| crate::demo::people_and_clients(tx, 1).map(|_| ()))
            .unwrap();
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
        assert_eq!(
            (list[0].name.as_str(), list[0].size, list[0].sha256.len()),
            ("facture-déménagement.pdf", 16, 64)
        );
        assert!(matches!(
            attach(conn, &docs, 999_999, &file),
            Err(crate::error::Error::NotFound { .. })
        ));
    }

    #[test]
    fn a_mistake_is_corrected_then_voided_by_a_reversal_that_nets_it_out() {
        let store = crate::demo::in_memory();
        let conn = store.conn();
        let category_id = catalog::list(conn, Catalog::ExpenseCategories, false).unwrap()[0].id;
        let day: NaiveDate = "2013-06-12".parse().unwrap();
        let books = |conn: &Connection| {
            crate::finance::books::for_span(conn, day, day)
                .unwrap()
                .expenses
        };
        let before = books(conn);
        let typed = ExpenseInput {
            spent_on: day,
            supplier: "Bureau en Gros".into(),
            category_id,
            team_id: None,
            amount: Cents(15_000),
            gst: Cents(750),
            qst: Cents(1_496),
            method: ExpenseMethod::Card,
            description: "Cartouches".into(),
        };
        let e = create(conn, &typed).unwrap();
        let fixed = update(
            conn,
            e.id,
            &ExpenseInput {
                amount: Cents(1_500),
                gst: Cents(75),
                qst: Cents(150),
                ..typed.clone()
            },
        )
        .unwrap();
        assert_eq!((fixed.id, fixed.amount), (e.id, Cents(1_500)));
        assert_eq!(books(conn) - before, Cents(1_500));

        let voided = void(conn, e.id, "Achat retourné").unwrap();
        assert_eq!(
            (voided.amount, voided.voided_by.is_some()),
            (Cents(1_500), true),
            "the original stays as it was"
        );
        let reversal = get(conn, voided.voided_by.unwrap()).unwrap();
        assert_eq!(
            (
                reversal.amount,
                reversal.gst,
                reversal.qst,
                reversal.spent_on,
                reversal.reverses
            ),
            (Cents(-1_500), Cents(-75), Cents(-150), day, Some(e.id))
        );
        assert_eq!(books(conn), before, "the pair nets to nothing");
        assert!(matches!(
            update(conn, e.id, &typed),
            Err(Error::Refused(Problem::AlreadyVoided { .. }))
        ));
        assert!(matches!(
            void(conn, reversal.id, "encore"),
            Err(Error::Refused(Problem::AlreadyVoided { .. }))
        ));
        assert!(
            conn.execute("DELETE FROM expenses WHERE id = ?1", [e.id])
                .is_err(),
            "never deleted"
        );
        assert!(
            conn.execute(
                "UPDATE expenses SET amount_cents = 1 WHERE id = ?1",
                [reversal.id]
            )
            .is_err(),
            "a reversal is final"
        );
        let actions: Vec<String> = conn
            .prepare("SELECT action FROM audit_log WHERE entity = 'expense' AND entity_id IN (?1, ?2) ORDER BY id")
            .unwrap()
            .query_map([e.id, reversal.id], |r| r.get(0))
            .unwrap()
            .collect::<crate::store::sql::Result<_>>()
            .unwrap();
        assert_eq!(actions, ["create", "update", "reverse", "void"]);
        assert_eq!(crate::check::run(conn).unwrap(), Vec::<String>::new());
    }
}
