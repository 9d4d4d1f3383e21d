//! Committees: the permanent ones (communication, femmes, financement, légal, ressources
//! humaines, ventes), ad hoc ones, the board and the work council, with their members.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock;
use crate::error::{changed, Invalid, OrNotFound, Problem, Result};
use crate::listing::{ListQuery, Listing, Page};
use crate::organisation::member;
use crate::store::sql::{params, Connection, Row};
use crate::text::{fold, required, text_enum};

text_enum! {
    pub enum CommitteeKind {
        Permanent => "permanent",
        AdHoc => "ad_hoc",
        Board => "board",
        WorkCouncil => "work_council",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Committee {
    pub id: i64,
    pub kind: CommitteeKind,
    pub name: String,
    pub archived: bool,
    pub member_ids: Vec<i64>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CommitteeInput {
    pub kind: CommitteeKind,
    pub name: String,
    #[serde(default)]
    pub member_ids: Vec<i64>,
}

const SELECT: &str = "SELECT id, kind, name, archived_at, name_key AS sort_key FROM committees";

pub fn list(conn: &Connection, query: &ListQuery) -> Result<Page<Committee>> {
    let page = Listing {
        select: SELECT,
        key: "name_key",
        id: "id",
        archived: "archived_at",
        filters: vec![],
    }
    .fetch(conn, query, from_row)?;
    let mut items = Vec::with_capacity(page.items.len());
    for committee in page.items {
        items.push(with_members(conn, committee)?);
    }
    Ok(crate::listing::Page {
        items,
        next: page.next,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Committee> {
    let committee = conn
        .query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .or_not_found("committee", id)?;
    with_members(conn, committee)
}

/// The committee with this name, accents and case ignored (for the command line).
pub fn by_name(conn: &Connection, name: &str) -> Result<i64> {
    crate::listing::one_named(
        conn,
        "SELECT id FROM committees WHERE name_key = ?1 ORDER BY id",
        name,
        &[],
        "committee",
        Problem::UnknownCommittee {
            name: name.trim().to_owned(),
        },
    )
}

pub fn create(conn: &Connection, input: &CommitteeInput) -> Result<Committee> {
    let name = validated(conn, input, None)?;
    let id: i64 = conn.query_row(
        "INSERT INTO committees (kind, name, name_key, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4) RETURNING id",
        params![input.kind, name, fold(&name), clock::now()], |r| r.get(0))?;
    set_members(conn, id, &input.member_ids)?;
    get(conn, id)
}

pub fn update(conn: &Connection, id: i64, input: &CommitteeInput) -> Result<Committee> {
    let name = validated(conn, input, Some(id))?;
    let rows = conn.execute(
        "UPDATE committees SET kind = ?1, name = ?2, name_key = ?3, updated_at = ?4 WHERE id = ?5",
        params![input.kind, name, fold(&name), clock::now(), id],
    )?;
    changed(rows, "committee", id)?;
    set_members(conn, id, &input.member_ids)?;
    get(conn, id)
}

pub fn set_archived(conn: &Connection, id: i64, archived: bool) -> Result<Committee> {
    crate::listing::set_archived(conn, "committees", "committee", id, archived)?;
    get(conn, id)
}

fn set_members(conn: &Connection, id: i64, member_ids: &[i64]) -> Result<()> {
    conn.execute(
        "DELETE FROM committee_members WHERE committee_id = ?1",
        [id],
    )?;
    for member_id in member_ids {
        member::get(conn, *member_id)?;
        conn.execute(
            "INSERT INTO committee_members (committee_id, member_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![id, member_id],
        )?;
    }
    Ok(())
}

fn validated(conn: &Connection, input: &CommitteeInput, id: Option<i64>) -> Result<String> {
    let name = required("name", &input.name)?;
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM committees WHERE name_key = ?1 AND id IS DISTINCT FROM ?2)",
        params![fold(&name), id],
        |row| row.get(0),
    )?;
    if taken {
        return Err(Invalid::new(
            "name",
            Problem::Taken {
                value: name.to_string(),
            },
        )
        .into());
    }
    Ok(name)
}

fn with_members(conn: &Connection, mut committee: Committee) -> Result<Committee> {
    committee.member_ids = conn
        .prepare_cached(
            "SELECT member_id FROM committee_members WHERE committee_id = ?1 ORDER BY member_id",
        )?
        .query_map([committee.id], |row| row.get(0))?
        .collect::<crate::store::sql::Result<Vec<i64>>>()?;
    Ok(committee)
}

fn from_row(row: &Row) -> crate::store::sql::Result<Committee> {
    Ok(Committee {
        id: row.get(0)?,
        kind: row.get(1)?,
        name: row.get(2)?,
        archived: row.get::<_, Option<String>>(3)?.is_some(),
        member_ids: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::organisation::member::{MemberInput, MemberKind};
    use crate::store::Store;

    #[test]
    fn members_are_kept_and_replaced() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let person = |name: &str| {
            let input = MemberInput {
                kind: MemberKind::Person,
                name: name.into(),
                email: String::new(),
                phone: String::new(),
                address: String::new(),
                joined_on: None,
            };
            member::create(conn, &input).unwrap().id
        };
        let (a, b) = (person("Heidi Strohl"), person("Omar Benali"));
        let input = CommitteeInput {
            kind: CommitteeKind::Permanent,
            name: "Comité légal".into(),
            member_ids: vec![a, b],
        };
        let legal = create(conn, &input).unwrap();
        assert_eq!(legal.member_ids, vec![a, b]);
        let legal = update(
            conn,
            legal.id,
            &CommitteeInput {
                member_ids: vec![b],
                ..input.clone()
            },
        )
        .unwrap();
        assert_eq!(legal.member_ids, vec![b]);
        let dup = CommitteeInput {
            name: "comite LEGAL".into(),
            ..input.clone()
        };
        assert_eq!(create(conn, &dup).unwrap_err().field(), Some("name"));
        let unknown = CommitteeInput {
            name: "Comité femmes".into(),
            member_ids: vec![999],
            ..input
        };
        assert!(matches!(
            create(conn, &unknown),
            Err(crate::Error::NotFound {
                entity: "member",
                id: 999
            })
        ));
    }
}
