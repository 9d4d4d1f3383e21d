//! Projects: client work billed by the hour, at a fixed price or by a recurring contract, and
//! internal or non-billable work. Each belongs to a team and a revenue department, so the fiscal
//! year, quarter and team of every hour and dollar are derived, never typed twice.

use crate::store::sql::{params, Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock;
use crate::error::{changed, Invalid, OrNotFound, Problem, Result};
use crate::listing::{ListQuery, Listing, Page};
use crate::money::Cents;
use crate::store::sql::Value;
use crate::text::{fold, required, text_enum};

text_enum! {
    pub enum BillingMode {
        Hourly => "hourly",
        Fixed => "fixed",
        Recurring => "recurring",
        Internal => "internal",
        NonBillable => "non_billable",
    }
}

impl BillingMode {
    /// Whether the work is done for a client (and so needs one).
    pub fn is_client_work(self) -> bool {
        matches!(
            self,
            BillingMode::Hourly | BillingMode::Fixed | BillingMode::Recurring
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Project {
    pub id: i64,
    pub client_id: Option<i64>,
    pub client_name: Option<String>,
    pub team_id: Option<i64>,
    pub department_id: Option<i64>,
    pub name: String,
    pub billing_mode: BillingMode,
    pub hourly_rate: Option<Cents>,
    pub fixed_price: Option<Cents>,
    pub archived: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ProjectInput {
    #[serde(default)]
    pub client_id: Option<i64>,
    #[serde(default)]
    pub team_id: Option<i64>,
    #[serde(default)]
    pub department_id: Option<i64>,
    pub name: String,
    pub billing_mode: BillingMode,
    #[serde(default)]
    pub hourly_rate: Option<Cents>,
    #[serde(default)]
    pub fixed_price: Option<Cents>,
}

/// A rate above 1 000 $ an hour is a typo.
const MAX_RATE: Cents = Cents(100_000);
/// A fixed price above a million dollars is a typo for a collective of twelve.
const MAX_PRICE: Cents = Cents(100_000_000);

const SELECT: &str = "SELECT projects.id, client_id, clients.name, team_id, department_id, projects.name, billing_mode,
        hourly_rate_cents, fixed_price_cents, projects.archived_at, projects.name_key AS sort_key, projects.id AS id
    FROM projects LEFT JOIN clients ON clients.id = projects.client_id";

/// Projects in name order, optionally those of one client only.
pub fn list(conn: &Connection, query: &ListQuery, client_id: Option<i64>) -> Result<Page<Project>> {
    let filters = client_id
        .map(|id| vec![("projects.client_id = ?", Value::Integer(id))])
        .unwrap_or_default();
    Listing {
        select: SELECT,
        key: "projects.name_key",
        id: "projects.id",
        archived: "projects.archived_at",
        filters,
    }
    .fetch(conn, query, from_row)
}

pub fn get(conn: &Connection, id: i64) -> Result<Project> {
    conn.query_row(&format!("{SELECT} WHERE projects.id = ?1"), [id], from_row)
        .or_not_found("project", id)
}

/// The project with this name, accents and case ignored, among one client's projects when
/// `client_id` is given (for the command line, where two clients may each have a « Site web »).
pub fn by_name(conn: &Connection, name: &str, client_id: Option<i64>) -> Result<i64> {
    crate::listing::one_named(
        conn,
        "SELECT id FROM projects WHERE name_key = ?1 AND (client_id = ?2 OR ?2 IS NULL) ORDER BY id",
        name,
        &[&client_id],
        "project",
        Problem::UnknownProject { name: name.trim().to_owned() },
    )
}

pub fn create(conn: &Connection, input: &ProjectInput) -> Result<Project> {
    let p = validated(conn, input)?;
    let inserted: i64 = conn.query_row(
        "INSERT INTO projects (client_id, team_id, department_id, name, name_key, billing_mode, hourly_rate_cents, fixed_price_cents,
                               created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9) RETURNING id",
        params![
            p.client_id,
            p.team_id,
            p.department_id,
            p.name,
            fold(&p.name),
            p.billing_mode,
            p.hourly_rate.map(|c| c.0),
            p.fixed_price.map(|c| c.0),
            clock::now()
        ], |r| r.get(0))?;
    get(conn, inserted)
}

pub fn update(conn: &Connection, id: i64, input: &ProjectInput) -> Result<Project> {
    let p = validated(conn, input)?;
    let rows = conn.execute(
        "UPDATE projects SET client_id = ?1, team_id = ?2, department_id = ?3, name = ?4, name_key = ?5, billing_mode = ?6,
                hourly_rate_cents = ?7, fixed_price_cents = ?8, updated_at = ?9 WHERE id = ?10",
        params![
            p.client_id,
            p.team_id,
            p.department_id,
            p.name,
            fold(&p.name),
            p.billing_mode,
            p.hourly_rate.map(|c| c.0),
            p.fixed_price.map(|c| c.0),
            clock::now(),
            id
        ],
    )?;
    changed(rows, "project", id)?;
    get(conn, id)
}

pub fn set_archived(conn: &Connection, id: i64, archived: bool) -> Result<Project> {
    crate::listing::set_archived(conn, "projects", "project", id, archived)?;
    get(conn, id)
}

fn validated(conn: &Connection, input: &ProjectInput) -> Result<ProjectInput> {
    let name = required("name", &input.name)?;
    let mode = input.billing_mode;
    if mode.is_client_work() && input.client_id.is_none() {
        return Err(Invalid::new("client_id", Problem::ClientWorkNeedsClient).into());
    }
    let amount = |field: &str,
                  value: Option<Cents>,
                  needed: bool,
                  max: Cents|
     -> Result<Option<Cents>, Invalid> {
        match value {
            None if needed => Err(Invalid::new(field, Problem::BillingNeedsRate)),
            Some(c) if c.0 < 0 || c > max => Err(Invalid::new(
                field,
                Problem::AmountRange {
                    min: Cents(0).into(),
                    max: max.into(),
                },
            )),
            other => Ok(other),
        }
    };
    let hourly_rate = amount(
        "hourly_rate",
        input.hourly_rate,
        mode == BillingMode::Hourly,
        MAX_RATE,
    )?;
    let fixed_price = amount(
        "fixed_price",
        input.fixed_price,
        mode == BillingMode::Fixed,
        MAX_PRICE,
    )?;
    if let Some(id) = input.client_id {
        crate::clients::client::get(conn, id)?;
    }
    if let Some(id) = input.team_id {
        crate::organisation::team::get(conn, id)?;
    }
    if let Some(id) = input.department_id {
        crate::catalog::get(conn, crate::catalog::Catalog::RevenueDepartments, id)?;
    }
    let client_id = if mode.is_client_work() || input.client_id.is_some() {
        input.client_id
    } else {
        None
    };
    Ok(ProjectInput {
        name,
        client_id,
        hourly_rate,
        fixed_price,
        ..input.clone()
    })
}

fn from_row(row: &Row) -> crate::store::sql::Result<Project> {
    Ok(Project {
        id: row.get(0)?,
        client_id: row.get(1)?,
        client_name: row.get(2)?,
        team_id: row.get(3)?,
        department_id: row.get(4)?,
        name: row.get(5)?,
        billing_mode: row.get(6)?,
        hourly_rate: row.get::<_, Option<i64>>(7)?.map(Cents),
        fixed_price: row.get::<_, Option<i64>>(8)?.map(Cents),
        archived: row.get::<_, Option<String>>(9)?.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clients::client;
    use crate::store::Store;

    fn hourly(client_id: Option<i64>, rate: Option<i64>) -> ProjectInput {
        ProjectInput {
            client_id,
            team_id: None,
            department_id: None,
            name: "Refonte du site".into(),
            billing_mode: BillingMode::Hourly,
            hourly_rate: rate.map(Cents),
            fixed_price: None,
        }
    }

    #[test]
    fn client_work_needs_a_client_and_a_price() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let client =
            client::create(conn, &client::tests::input("Comité logement Rosemont")).unwrap();
        assert_eq!(
            create(conn, &hourly(None, Some(6_500)))
                .unwrap_err()
                .field(),
            Some("client_id")
        );
        assert_eq!(
            create(conn, &hourly(Some(client.id), None))
                .unwrap_err()
                .field(),
            Some("hourly_rate")
        );
        assert_eq!(
            create(conn, &hourly(Some(client.id), Some(200_000)))
                .unwrap_err()
                .field(),
            Some("hourly_rate")
        );
        let p = create(conn, &hourly(Some(client.id), Some(6_500))).unwrap();
        assert_eq!(p.client_name.as_deref(), Some("Comité logement Rosemont"));
        let internal = ProjectInput {
            billing_mode: BillingMode::Internal,
            client_id: None,
            ..hourly(None, None)
        };
        assert_eq!(create(conn, &internal).unwrap().client_id, None);
        assert_eq!(
            list(conn, &ListQuery::default(), Some(client.id))
                .unwrap()
                .items,
            vec![p]
        );
    }
}
