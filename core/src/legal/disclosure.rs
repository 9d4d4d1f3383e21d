//! The disclosure log: every time the collective handed over client information — what, to whom,
//! when, under which order or request, decided by whom. Triggers in `0008_legal.sql` refuse any
//! change or deletion of an entry or of its notes; a correction is a note added to it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{guard, Access, Details};
use crate::clock;
use crate::error::{OrNotFound, Result};
use crate::store::sql::{params, Connection, OptionalExtension};
use crate::text::required;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Disclosure {
    pub id: i64,
    pub case_id: i64,
    pub disclosed_on: NaiveDate,
    pub what: String,
    pub recipient: String,
    pub authority: String,
    pub decided_by: String,
    pub written_at: String,
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Note {
    pub text: String,
    pub written_at: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct DisclosureInput {
    pub disclosed_on: NaiveDate,
    pub what: String,
    pub recipient: String,
    /// The court order or request it answered.
    pub authority: String,
    pub decided_by: String,
}

/// Writes the entry for good.
pub fn log(
    conn: &Connection,
    case_id: i64,
    input: &DisclosureInput,
    access: Access,
) -> Result<Disclosure> {
    let details = guard(conn, case_id, access)?;
    let sealed = |column: &str, field: &str, text: &str| -> Result<String> {
        details.write(column, &required(field, text)?)
    };
    let inserted: i64 = conn.query_row(
        "INSERT INTO legal_disclosures (case_id, disclosed_on, what, recipient, authority, decided_by, written_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
        params![
            case_id,
            input.disclosed_on,
            sealed("legal_disclosures.what", "what", &input.what)?,
            sealed("legal_disclosures.recipient", "recipient", &input.recipient)?,
            sealed("legal_disclosures.authority", "authority", &input.authority)?,
            sealed("legal_disclosures.decided_by", "decided_by", &input.decided_by)?,
            clock::now()
        ], |r| r.get(0))?;
    let logged = get(conn, inserted, details)?;
    super::audit(conn, case_id, "log disclosure")?;
    Ok(logged)
}

/// Adds a note to an entry: the only way to correct or complete it.
pub fn annotate(
    conn: &Connection,
    disclosure_id: i64,
    text: &str,
    access: Access,
) -> Result<Disclosure> {
    let case_id: i64 = conn
        .query_row(
            "SELECT case_id FROM legal_disclosures WHERE id = ?1",
            [disclosure_id],
            |r| r.get(0),
        )
        .optional()?
        .or_not_found("disclosure", disclosure_id)?;
    let details = guard(conn, case_id, access)?;
    conn.execute(
        "INSERT INTO legal_disclosure_notes (disclosure_id, text, written_at) VALUES (?1, ?2, ?3)",
        params![
            disclosure_id,
            details.write("legal_disclosure_notes.text", &required("text", text)?)?,
            clock::now()
        ],
    )?;
    let noted = get(conn, disclosure_id, details)?;
    super::audit(conn, noted.case_id, "annotate disclosure")?;
    Ok(noted)
}

const SELECT: &str = "SELECT id, case_id, disclosed_on, what, recipient, authority, decided_by, written_at FROM legal_disclosures";

fn get(conn: &Connection, id: i64, details: Details) -> Result<Disclosure> {
    let d = conn
        .query_row(&format!("{SELECT} WHERE id = ?1"), [id], row)
        .or_not_found("disclosure", id)?;
    with_notes(conn, d, details)
}

pub(super) fn for_case(
    conn: &Connection,
    case_id: i64,
    details: Details,
) -> Result<Vec<Disclosure>> {
    let rows: Vec<Disclosure> = conn
        .prepare_cached(&format!(
            "{SELECT} WHERE case_id = ?1 ORDER BY disclosed_on, id"
        ))?
        .query_map([case_id], row)?
        .collect::<crate::store::sql::Result<_>>()?;
    rows.into_iter()
        .map(|d| with_notes(conn, d, details))
        .collect()
}

/// The disclosure with its words and its notes read as `details` says.
fn with_notes(conn: &Connection, d: Disclosure, details: Details) -> Result<Disclosure> {
    let notes: Vec<Note> = conn
        .prepare_cached("SELECT text, written_at FROM legal_disclosure_notes WHERE disclosure_id = ?1 ORDER BY id")?
        .query_map([d.id], |r| Ok(Note { text: r.get(0)?, written_at: r.get(1)? }))?
        .collect::<crate::store::sql::Result<_>>()?;
    Ok(Disclosure {
        what: details.read("legal_disclosures.what", d.what)?,
        recipient: details.read("legal_disclosures.recipient", d.recipient)?,
        authority: details.read("legal_disclosures.authority", d.authority)?,
        decided_by: details.read("legal_disclosures.decided_by", d.decided_by)?,
        notes: notes
            .into_iter()
            .map(|n| {
                Ok(Note {
                    text: details.read("legal_disclosure_notes.text", n.text)?,
                    ..n
                })
            })
            .collect::<Result<_>>()?,
        ..d
    })
}

fn row(r: &crate::store::sql::Row) -> crate::store::sql::Result<Disclosure> {
    Ok(Disclosure {
        id: r.get(0)?,
        case_id: r.get(1)?,
        disclosed_on: r.get(2)?,
        what: r.get(3)?,
        recipient: r.get(4)?,
        authority: r.get(5)?,
        decided_by: r.get(6)?,
        written_at: r.get(7)?,
        notes: vec![],
    })
}
