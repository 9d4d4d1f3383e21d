//! Recurring contracts (hosting plans, sysadmin support): an amount per month, quarter or year
//! from a start date. `generate` turns every period due and not yet invoiced into lines of one
//! draft per client; a period is never invoiced twice (a unique index on the lines says so).

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clients::{client, project};
use crate::clock;
use crate::error::{changed, Invalid, OrNotFound, Problem, Result};
use crate::invoicing::invoice::{self, DraftInput};
use crate::money::Cents;
use crate::store::sql::{params, Connection, Row};
use crate::text::{required, text_enum};

text_enum! {
    pub enum Period {
        Monthly => "monthly",
        Quarterly => "quarterly",
        Yearly => "yearly",
    }
}

impl Period {
    pub(crate) fn months(self) -> u32 {
        match self {
            Period::Monthly => 1,
            Period::Quarterly => 3,
            Period::Yearly => 12,
        }
    }

    /// The first day of every period from `first` (included) to `through`, stopping after
    /// `ends_on`. Counted from `first` each time, so that a 31st stays the 31st where the month
    /// has one instead of drifting to the 28th after February.
    pub(crate) fn starts(
        self,
        first: NaiveDate,
        ends_on: Option<NaiveDate>,
        through: NaiveDate,
    ) -> Vec<NaiveDate> {
        let last = ends_on.map_or(through, |end| end.min(through));
        (0u32..)
            .map_while(|n| first.checked_add_months(Months::new(n * self.months())))
            .take_while(|start| *start <= last)
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Contract {
    pub id: i64,
    pub client_id: i64,
    pub client_name: String,
    pub project_id: Option<i64>,
    pub department_id: i64,
    pub description: String,
    pub amount: Cents,
    pub period: Period,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub archived: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ContractInput {
    pub client_id: i64,
    #[serde(default)]
    pub project_id: Option<i64>,
    pub department_id: i64,
    pub description: String,
    pub amount: Cents,
    pub period: Period,
    pub starts_on: NaiveDate,
    #[serde(default)]
    pub ends_on: Option<NaiveDate>,
}

/// What one `generate` did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Generated {
    pub invoice_ids: Vec<i64>,
    pub periods: u32,
}

const SELECT: &str = "SELECT k.id, k.client_id, c.name, k.project_id, k.department_id, k.description, k.amount_cents, k.period, k.starts_on,
        k.ends_on, k.archived_at IS NOT NULL FROM contracts k JOIN clients c ON c.id = k.client_id";

pub fn list(conn: &Connection, client_id: Option<i64>) -> Result<Vec<Contract>> {
    let contracts = conn
        .prepare_cached(&format!(
            "{SELECT} WHERE k.client_id = ?1 OR ?1 IS NULL ORDER BY c.name_key, k.starts_on, k.id"
        ))?
        .query_map([client_id], from_row)?
        .collect::<crate::store::sql::Result<Vec<_>>>()?;
    Ok(contracts)
}

pub fn get(conn: &Connection, id: i64) -> Result<Contract> {
    conn.query_row(&format!("{SELECT} WHERE k.id = ?1"), [id], from_row)
        .or_not_found("contract", id)
}

pub fn create(conn: &Connection, input: &ContractInput) -> Result<Contract> {
    let description = validated(conn, input)?;
    let inserted: i64 = conn.query_row(
        "INSERT INTO contracts (client_id, project_id, department_id, description, amount_cents, period, starts_on, ends_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9) RETURNING id",
        params![
            input.client_id,
            input.project_id,
            input.department_id,
            description,
            input.amount.0,
            input.period,
            input.starts_on,
            input.ends_on,
            clock::now()
        ], |r| r.get(0))?;
    get(conn, inserted)
}

/// Changes a contract; periods already invoiced keep the amount they were invoiced at.
pub fn update(conn: &Connection, id: i64, input: &ContractInput) -> Result<Contract> {
    let description = validated(conn, input)?;
    let rows = conn.execute(
        "UPDATE contracts SET client_id = ?1, project_id = ?2, department_id = ?3, description = ?4, amount_cents = ?5, period = ?6,
                starts_on = ?7, ends_on = ?8, updated_at = ?9 WHERE id = ?10",
        params![
            input.client_id,
            input.project_id,
            input.department_id,
            description,
            input.amount.0,
            input.period,
            input.starts_on,
            input.ends_on,
            clock::now(),
            id
        ],
    )?;
    changed(rows, "contract", id)?;
    get(conn, id)
}

pub fn set_archived(conn: &Connection, id: i64, archived: bool) -> Result<Contract> {
    crate::listing::set_archived(conn, "contracts", "contract", id, archived)?;
    get(conn, id)
}

fn validated(conn: &Connection, input: &ContractInput) -> Result<String> {
    client::get(conn, input.client_id)?;
    if let Some(p) = input.project_id {
        project::get(conn, p)?;
    }
    crate::catalog::get(
        conn,
        crate::catalog::Catalog::RevenueDepartments,
        input.department_id,
    )?;
    if input.amount.0 <= 0 || input.amount > Cents(10_000_000) {
        return Err(Invalid::new(
            "amount",
            Problem::AmountRange {
                min: Cents(1).into(),
                max: Cents(10_000_000).into(),
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
    Ok(required("description", &input.description)?)
}

/// The periods of a contract that start on or before `through`.
fn periods(c: &Contract, through: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    c.period
        .starts(c.starts_on, c.ends_on, through)
        .into_iter()
        .map(|start| {
            let next = start
                .checked_add_months(Months::new(c.period.months()))
                .unwrap_or(NaiveDate::MAX);
            (start, next.pred_opt().unwrap_or(next))
        })
        .collect()
}

/// Drafts, dated `invoice_date`, for every period of every active contract that starts on or
/// before `through` and is not invoiced yet: one draft per client, one line per period.
pub fn generate(
    conn: &Connection,
    through: NaiveDate,
    invoice_date: NaiveDate,
) -> Result<Generated> {
    let mut generated = Generated {
        invoice_ids: vec![],
        periods: 0,
    };
    let mut drafts: Vec<(i64, i64)> = Vec::new();
    let mut invoiced = conn.prepare_cached(
        "SELECT 1 FROM invoice_lines WHERE contract_id = ?1 AND period_start = ?2",
    )?;
    for c in list(conn, None)?.into_iter().filter(|c| !c.archived) {
        let lang = client::get(conn, c.client_id)?.language;
        for (start, end) in periods(&c, through) {
            if invoiced.exists(params![c.id, start])? {
                continue;
            }
            let draft = match drafts.iter().find(|(client, _)| *client == c.client_id) {
                Some(&(_, id)) => id,
                None => {
                    let id = invoice::create_draft(
                        conn,
                        &DraftInput {
                            client_id: c.client_id,
                            invoice_date,
                            notes: String::new(),
                        },
                    )?
                    .id;
                    drafts.push((c.client_id, id));
                    generated.invoice_ids.push(id);
                    id
                }
            };
            let label = format!("{} — {}", c.description, lang.span(start, end));
            invoice::add_contract_line(
                conn,
                draft,
                &label,
                c.amount,
                c.department_id,
                c.project_id,
                (c.id, start),
            )?;
            generated.periods += 1;
        }
    }
    Ok(generated)
}

fn from_row(r: &Row) -> crate::store::sql::Result<Contract> {
    Ok(Contract {
        id: r.get(0)?,
        client_id: r.get(1)?,
        client_name: r.get(2)?,
        project_id: r.get(3)?,
        department_id: r.get(4)?,
        description: r.get(5)?,
        amount: Cents(r.get(6)?),
        period: r.get(7)?,
        starts_on: r.get(8)?,
        ends_on: r.get(9)?,
        archived: r.get(10)?,
    })
}
