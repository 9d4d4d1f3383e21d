//! Teams group workers by field of work (Drupal, Infrastructure, OBNL). Each has a short code
//! used on the command line (`--team infra`) and in budgets.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock;
use crate::error::{changed, Invalid, OrNotFound, Problem, Result};
use crate::listing::{ListQuery, Listing, Page};
use crate::store::sql::{params, Connection, Row};
use crate::text::{fold, required};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Team {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub archived: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TeamInput {
    pub code: String,
    pub name: String,
}

const SELECT: &str = "SELECT id, code, name, archived_at, name_key AS sort_key FROM teams";

pub fn list(conn: &Connection, query: &ListQuery) -> Result<Page<Team>> {
    Listing {
        select: SELECT,
        key: "name_key",
        id: "id",
        archived: "archived_at",
        filters: vec![],
    }
    .fetch(conn, query, from_row)
}

pub fn get(conn: &Connection, id: i64) -> Result<Team> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .or_not_found("team", id)
}

/// The team with this code, for the command line.
pub fn by_code(conn: &Connection, code: &str) -> Result<Team> {
    conn.query_row(
        &format!("{SELECT} WHERE code = ?1"),
        [code.trim().to_lowercase()],
        from_row,
    )
    .map_err(|e| match e {
        crate::store::sql::Error::NoRows => Invalid::new(
            "team",
            Problem::UnknownTeam {
                code: code.to_string(),
            },
        )
        .into(),
        other => other.into(),
    })
}

pub fn create(conn: &Connection, input: &TeamInput) -> Result<Team> {
    let (code, name) = validated(conn, input, None)?;
    let inserted: i64 = conn.query_row(
        "INSERT INTO teams (code, name, name_key, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4) RETURNING id",
        params![code, name, fold(&name), clock::now()], |r| r.get(0))?;
    get(conn, inserted)
}

pub fn update(conn: &Connection, id: i64, input: &TeamInput) -> Result<Team> {
    let (code, name) = validated(conn, input, Some(id))?;
    let rows = conn.execute(
        "UPDATE teams SET code = ?1, name = ?2, name_key = ?3, updated_at = ?4 WHERE id = ?5",
        params![code, name, fold(&name), clock::now(), id],
    )?;
    changed(rows, "team", id)?;
    get(conn, id)
}

pub fn set_archived(conn: &Connection, id: i64, archived: bool) -> Result<Team> {
    crate::listing::set_archived(conn, "teams", "team", id, archived)?;
    get(conn, id)
}

fn validated(conn: &Connection, input: &TeamInput, id: Option<i64>) -> Result<(String, String)> {
    let code = input.code.trim().to_lowercase();
    let shaped = code.len() <= 20
        && code.starts_with(|c: char| c.is_ascii_lowercase())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if !shaped {
        return Err(Invalid::new(
            "code",
            Problem::BadCode {
                example: "infra".into(),
            },
        )
        .into());
    }
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM teams WHERE code = ?1 AND id IS DISTINCT FROM ?2)",
        params![code, id],
        |row| row.get(0),
    )?;
    if taken {
        return Err(Invalid::new(
            "code",
            Problem::Taken {
                value: code.to_string(),
            },
        )
        .into());
    }
    Ok((code, required("name", &input.name)?))
}

fn from_row(row: &Row) -> crate::store::sql::Result<Team> {
    Ok(Team {
        id: row.get(0)?,
        code: row.get(1)?,
        name: row.get(2)?,
        archived: row.get::<_, Option<String>>(3)?.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn team(code: &str, name: &str) -> TeamInput {
        TeamInput {
            code: code.into(),
            name: name.into(),
        }
    }

    #[test]
    fn codes_are_short_unique_words() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let infra = create(conn, &team(" Infra ", "Infrastructure")).unwrap();
        assert_eq!(infra.code, "infra");
        assert_eq!(by_code(conn, "INFRA").unwrap().id, infra.id);
        assert_eq!(
            create(conn, &team("infra", "Autre")).unwrap_err().field(),
            Some("code")
        );
        for bad in ["", "9lives", "web dev", "équipe"] {
            assert_eq!(
                create(conn, &team(bad, "X")).unwrap_err().field(),
                Some("code"),
                "{bad}"
            );
        }
        assert_eq!(
            update(conn, infra.id, &team("infra", "Infrastructure (sysadmin)"))
                .unwrap()
                .name,
            "Infrastructure (sysadmin)"
        );
        assert_eq!(by_code(conn, "drupal").unwrap_err().field(), Some("team"));
    }
}
