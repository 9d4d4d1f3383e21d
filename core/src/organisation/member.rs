//! Members of the collective: people and organisations that paid their dues. A worker is a
//! member who works (see [`super::worker`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock;
use crate::error::{changed, OrNotFound, Result};
use crate::listing::{ListQuery, Listing, Page};
use crate::store::sql::{params, Connection, Row};
use crate::text::{email, fold, free_text, optional, required, text_enum};

text_enum! {
    pub enum MemberKind { Person => "person", Organisation => "organisation" }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Member {
    pub id: i64,
    pub kind: MemberKind,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub address: String,
    pub joined_on: Option<NaiveDate>,
    pub archived: bool,
    /// Whether this member is also a worker.
    pub is_worker: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct MemberInput {
    pub kind: MemberKind,
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub joined_on: Option<NaiveDate>,
}

const SELECT: &str =
    "SELECT members.id, kind, name, email, phone, address, joined_on, members.archived_at,
        workers.id IS NOT NULL, members.name_key AS sort_key, members.id AS id
    FROM members LEFT JOIN workers ON workers.member_id = members.id";

pub fn list(conn: &Connection, query: &ListQuery) -> Result<Page<Member>> {
    Listing {
        select: SELECT,
        key: "members.name_key",
        id: "members.id",
        archived: "members.archived_at",
        filters: vec![],
    }
    .fetch(conn, query, from_row)
}

pub fn get(conn: &Connection, id: i64) -> Result<Member> {
    conn.query_row(&format!("{SELECT} WHERE members.id = ?1"), [id], from_row)
        .or_not_found("member", id)
}

/// The names of the members (archived ones too) that `name` would duplicate, accents, case
/// and spaces ignored: the screen warns before creating one, since two real people or
/// organisations may still share a name.
pub fn namesakes(conn: &Connection, name: &str) -> Result<Vec<String>> {
    crate::listing::namesakes(conn, "members", name)
}

pub fn create(conn: &Connection, input: &MemberInput) -> Result<Member> {
    let m = validated(input)?;
    let now = clock::now();
    let inserted: i64 = conn.query_row(
        "INSERT INTO members (kind, name, name_key, email, phone, address, joined_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) RETURNING id",
        params![m.kind, m.name, fold(&m.name), m.email, m.phone, m.address, m.joined_on, now], |r| r.get(0))?;
    get(conn, inserted)
}

pub fn update(conn: &Connection, id: i64, input: &MemberInput) -> Result<Member> {
    let m = validated(input)?;
    let rows = conn.execute(
        "UPDATE members SET kind = ?1, name = ?2, name_key = ?3, email = ?4, phone = ?5, address = ?6,
                joined_on = ?7, updated_at = ?8 WHERE id = ?9",
        params![m.kind, m.name, fold(&m.name), m.email, m.phone, m.address, m.joined_on, clock::now(), id],
    )?;
    changed(rows, "member", id)?;
    get(conn, id)
}

pub fn set_archived(conn: &Connection, id: i64, archived: bool) -> Result<Member> {
    crate::listing::set_archived(conn, "members", "member", id, archived)?;
    get(conn, id)
}

fn validated(input: &MemberInput) -> Result<MemberInput> {
    Ok(MemberInput {
        kind: input.kind,
        name: required("name", &input.name)?,
        email: email("email", &input.email)?,
        phone: optional("phone", &input.phone)?,
        address: free_text("address", &input.address)?,
        joined_on: input.joined_on,
    })
}

fn from_row(row: &Row) -> crate::store::sql::Result<Member> {
    Ok(Member {
        id: row.get(0)?,
        kind: row.get(1)?,
        name: row.get(2)?,
        email: row.get(3)?,
        phone: row.get(4)?,
        address: row.get(5)?,
        joined_on: row.get(6)?,
        archived: row.get::<_, Option<String>>(7)?.is_some(),
        is_worker: row.get(8)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use crate::Error;

    fn person(name: &str) -> MemberInput {
        MemberInput {
            kind: MemberKind::Person,
            name: name.into(),
            email: String::new(),
            phone: String::new(),
            address: String::new(),
            joined_on: None,
        }
    }

    #[test]
    fn a_member_already_there_is_found_whatever_its_accents_case_and_spaces() {
        let store = crate::demo::in_memory();
        let conn = store.conn();
        assert_eq!(
            namesakes(conn, "heloise  TREMBLAY").unwrap(),
            ["Héloïse Tremblay"]
        );
        assert_eq!(namesakes(conn, "Gabriel Cote").unwrap(), ["Gabriel Côté"]);
        assert!(namesakes(conn, "Gabrielle Côté").unwrap().is_empty());
    }

    #[test]
    fn lists_in_french_order_and_finds_without_accents() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        for name in [
            "Zoé Tremblay",
            "Émile Côté",
            "eric Labbé",
            "Centre des médias alternatifs",
        ] {
            create(conn, &person(name)).unwrap();
        }
        let names = |q: &ListQuery| {
            list(conn, q)
                .unwrap()
                .items
                .into_iter()
                .map(|m| m.name)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(&ListQuery::default()),
            [
                "Centre des médias alternatifs",
                "Émile Côté",
                "eric Labbé",
                "Zoé Tremblay"
            ]
        );
        assert_eq!(
            names(&ListQuery {
                search: Some("cote".into()),
                ..Default::default()
            }),
            ["Émile Côté"]
        );
        assert_eq!(
            names(&ListQuery {
                search: Some("MEDIAS centre".into()),
                ..Default::default()
            }),
            ["Centre des médias alternatifs"]
        );
        assert!(
            names(&ListQuery {
                search: Some("%".into()),
                ..Default::default()
            })
            .is_empty(),
            "LIKE wildcards are literal"
        );
    }

    #[test]
    fn pages_by_key() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        for i in 0..7 {
            create(conn, &person(&format!("Membre {i:02}"))).unwrap();
        }
        let mut query = ListQuery {
            limit: Some(3),
            ..Default::default()
        };
        let mut seen = Vec::new();
        loop {
            let page = list(conn, &query).unwrap();
            seen.extend(page.items.iter().map(|m| m.name.clone()));
            match page.next {
                Some(cursor) => query.after = Some(cursor),
                None => break,
            }
        }
        assert_eq!(
            seen,
            (0..7).map(|i| format!("Membre {i:02}")).collect::<Vec<_>>()
        );
    }

    #[test]
    fn archive_hides_from_lists_and_keeps_the_row() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let m = create(conn, &person("Samuel Vanhove")).unwrap();
        set_archived(conn, m.id, true).unwrap();
        assert!(list(conn, &ListQuery::default()).unwrap().items.is_empty());
        let all = list(
            conn,
            &ListQuery {
                include_archived: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert!(all.items[0].archived);
        assert!(matches!(
            set_archived(conn, 999, true),
            Err(Error::NotFound { .. })
        ));
    }

    #[test]
    fn updates_and_validates() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let m = create(conn, &person("Stéphane Lussier")).unwrap();
        let input = MemberInput {
            email: "stephane@exemple.org".into(),
            ..person("Stéphane Lussier")
        };
        assert_eq!(
            update(conn, m.id, &input).unwrap().email,
            "stephane@exemple.org"
        );
        let err = update(
            conn,
            m.id,
            &MemberInput {
                email: "pas-un-courriel".into(),
                ..person("S")
            },
        )
        .unwrap_err();
        assert_eq!(err.field(), Some("email"));
        assert!(matches!(
            update(conn, 42, &input),
            Err(Error::NotFound {
                entity: "member",
                id: 42
            })
        ));
    }
}
