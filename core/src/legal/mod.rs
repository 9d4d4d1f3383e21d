//! The legal committee's files: formal notices, injunctions, lawsuits, frauds and takedown
//! requests aimed at the collective or the sites it hosts. A case has its parties, a timeline of
//! dated events with their documents (`timeline.rs`), deadlines, the expenses and hours it cost
//! (`cost.rs`), and the log of every disclosure of client information (`disclosure.rs`), which
//! the database refuses to change. A restricted case shows its details only to a session that
//! unlocked them; reports and lists show its kind, dates and cost (`summary.rs`); its file
//! prints as PDF (`file.rs`).
//!
//! Every service that reads or changes a case, or what belongs to it, takes the session's
//! [`Access`] and checks it itself (`guard`): a session that did not unlock the restricted
//! cases can neither read, change, unrestrict nor restrict one, nor add to or read its
//! timeline, deadlines, documents, disclosures and costs' links; it gets [`Error::Restricted`].

pub mod cost;
pub mod disclosure;
pub mod file;
pub mod summary;
pub mod timeline;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock;
use crate::error::{changed, Error, Invalid, OrNotFound, Problem, Result};
use crate::text::{free_text, required, text_enum};

pub use cost::CaseCost;
pub use disclosure::Disclosure;
pub use timeline::{Deadline, Event};

text_enum! {
    pub enum CaseKind {
        FormalNotice => "formal_notice",
        Injunction => "injunction",
        Lawsuit => "lawsuit",
        Fraud => "fraud",
        TakedownRequest => "takedown_request",
        Other => "other",
    }
}

text_enum! {
    pub enum CaseStatus {
        Open => "open",
        Waiting => "waiting",
        Closed => "closed",
    }
}

text_enum! {
    pub enum PartyRole {
        Plaintiff => "plaintiff",
        Defendant => "defendant",
        OurClient => "our_client",
        Lawyer => "lawyer",
        Court => "court",
        Police => "police",
        Bank => "bank",
        Other => "other",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Party {
    #[serde(default)]
    pub role: Option<PartyRole>,
    pub name: String,
    #[serde(default)]
    pub details: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct CaseInput {
    pub kind: CaseKind,
    pub title: String,
    #[serde(default)]
    pub reference: String,
    #[serde(default)]
    pub client_id: Option<i64>,
    #[serde(default)]
    pub sites: String,
    #[serde(default)]
    pub server: String,
    pub status: CaseStatus,
    pub opened_on: NaiveDate,
    #[serde(default)]
    pub closed_on: Option<NaiveDate>,
    pub restricted: bool,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub parties: Vec<Party>,
}

/// A case with everything the committee follows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Case {
    pub id: i64,
    pub kind: CaseKind,
    pub title: String,
    pub reference: String,
    pub client_id: Option<i64>,
    pub client_name: Option<String>,
    pub sites: String,
    pub server: String,
    pub status: CaseStatus,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub restricted: bool,
    pub summary: String,
    pub parties: Vec<Party>,
    pub events: Vec<Event>,
    pub deadlines: Vec<Deadline>,
    pub disclosures: Vec<Disclosure>,
    pub cost: CaseCost,
}

/// Whether this session unlocked the restricted cases. Every service of the module takes it,
/// never a default, so that each caller says which session it serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Kind, dates, status and cost of a restricted case; everything of the others.
    Public,
    Unlocked,
}

impl Access {
    /// Whether the details of a case so restricted (or not) may be read or changed.
    pub(crate) fn sees(self, restricted: bool) -> bool {
        !restricted || self == Access::Unlocked
    }

    fn require(self, restricted: bool) -> Result<()> {
        if self.sees(restricted) {
            Ok(())
        } else {
            Err(Error::Restricted)
        }
    }
}

/// Creates a case. Making it restricted needs the unlock as changing one does: a locked session
/// could not see the case it just made.
pub fn create(conn: &Connection, input: &CaseInput, access: Access) -> Result<i64> {
    access.require(input.restricted)?;
    let checked = check(conn, input)?;
    conn.execute(
        "INSERT INTO legal_cases (kind, title, reference, client_id, sites, server, status, opened_on, closed_on, restricted, summary, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            input.kind,
            checked.title,
            checked.reference,
            input.client_id,
            checked.sites,
            checked.server,
            input.status,
            input.opened_on,
            input.closed_on,
            input.restricted,
            checked.summary,
            clock::now()
        ],
    )?;
    let id = conn.last_insert_rowid();
    save_parties(conn, id, &input.parties)?;
    audit(conn, id, "create")?;
    Ok(id)
}

/// Changes a case. A restricted case is changed, or unrestricted, only by a session that unlocked
/// it; restricting one needs the unlock too, for the answer would be a case it cannot see.
pub fn update(conn: &Connection, id: i64, input: &CaseInput, access: Access) -> Result<()> {
    guard(conn, id, access)?;
    access.require(input.restricted)?;
    let checked = check(conn, input)?;
    let n = conn.execute(
        "UPDATE legal_cases SET kind = ?2, title = ?3, reference = ?4, client_id = ?5, sites = ?6, server = ?7, status = ?8, opened_on = ?9,
                closed_on = ?10, restricted = ?11, summary = ?12, updated_at = ?13 WHERE id = ?1",
        params![
            id,
            input.kind,
            checked.title,
            checked.reference,
            input.client_id,
            checked.sites,
            checked.server,
            input.status,
            input.opened_on,
            input.closed_on,
            input.restricted,
            checked.summary,
            clock::now()
        ],
    )?;
    changed(n, "legal case", id)?;
    conn.execute("DELETE FROM legal_parties WHERE case_id = ?1", [id])?;
    save_parties(conn, id, &input.parties)?;
    audit(conn, id, "update")
}

/// The case as the audit log records it after each change: everything but its cost, which moves
/// with wages and is recomputed, not recorded. Only the audit log and `konbit check` read it,
/// whatever the session: it is not for showing to a person.
pub(crate) fn audit_state(conn: &Connection, id: i64) -> Result<Case> {
    Ok(Case {
        cost: CaseCost::default(),
        ..get(conn, id, Access::Unlocked)?
    })
}

/// Logs the case's new state after `action`.
pub(crate) fn audit(conn: &Connection, id: i64, action: &str) -> Result<()> {
    crate::audit::record(
        conn,
        "legal_case",
        id,
        action,
        Some(&audit_state(conn, id)?),
    )
}

struct Checked {
    title: String,
    reference: String,
    sites: String,
    server: String,
    summary: String,
}

fn check(conn: &Connection, input: &CaseInput) -> Result<Checked> {
    if let Some(client) = input.client_id {
        crate::clients::client::get(conn, client)?;
    }
    match (input.status, input.closed_on) {
        (CaseStatus::Closed, None) => {
            return Err(Invalid::new("closed_on", Problem::ClosedCaseNeedsDay).into())
        }
        (CaseStatus::Open | CaseStatus::Waiting, Some(_)) => {
            return Err(Invalid::new("closed_on", Problem::ClosingDayOnOpenCase).into())
        }
        (_, Some(closed)) if closed < input.opened_on => {
            return Err(Invalid::new(
                "closed_on",
                Problem::EndBeforeStart {
                    start: input.opened_on.into(),
                    end: closed.into(),
                },
            )
            .into())
        }
        _ => {}
    }
    for party in &input.parties {
        if party.role.is_none() {
            return Err(Invalid::new(
                "parties",
                Problem::PartyNeedsRole {
                    name: party.name.trim().to_owned(),
                },
            )
            .into());
        }
        required("parties", &party.name)?;
    }
    Ok(Checked {
        title: required("title", &input.title)?,
        reference: free_text("reference", &input.reference)?,
        sites: free_text("sites", &input.sites)?,
        server: free_text("server", &input.server)?,
        summary: free_text("summary", &input.summary)?,
    })
}

fn save_parties(conn: &Connection, case_id: i64, parties: &[Party]) -> Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO legal_parties (case_id, role, name, details) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for p in parties {
        insert.execute(params![
            case_id,
            p.role,
            p.name.trim(),
            free_text("parties", &p.details)?
        ])?;
    }
    Ok(())
}

/// The whole case; a restricted one only to a session that unlocked it.
pub fn get(conn: &Connection, id: i64, access: Access) -> Result<Case> {
    let mut case = conn
        .query_row(
            "SELECT k.id, k.kind, k.title, k.reference, k.client_id, c.name, k.sites, k.server, k.status, k.opened_on, k.closed_on, k.restricted, k.summary
             FROM legal_cases k LEFT JOIN clients c ON c.id = k.client_id WHERE k.id = ?1",
            [id],
            from_row,
        )
        .optional()?
        .or_not_found("legal case", id)?;
    access.require(case.restricted)?;
    case.parties = conn
        .prepare_cached(
            "SELECT role, name, details FROM legal_parties WHERE case_id = ?1 ORDER BY id",
        )?
        .query_map([id], |r| {
            Ok(Party {
                role: Some(r.get(0)?),
                name: r.get(1)?,
                details: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    case.events = timeline::events(conn, id)?;
    case.deadlines = timeline::deadlines(conn, id)?;
    case.disclosures = disclosure::for_case(conn, id)?;
    case.cost = cost::of_case(conn, id, None, access)?;
    Ok(case)
}

fn from_row(r: &Row) -> rusqlite::Result<Case> {
    Ok(Case {
        id: r.get(0)?,
        kind: r.get(1)?,
        title: r.get(2)?,
        reference: r.get(3)?,
        client_id: r.get(4)?,
        client_name: r.get(5)?,
        sites: r.get(6)?,
        server: r.get(7)?,
        status: r.get(8)?,
        opened_on: r.get(9)?,
        closed_on: r.get(10)?,
        restricted: r.get(11)?,
        summary: r.get(12)?,
        parties: vec![],
        events: vec![],
        deadlines: vec![],
        disclosures: vec![],
        cost: CaseCost::default(),
    })
}

/// The case must exist, and a restricted one be unlocked: every service that reads or changes
/// a case or what belongs to it starts here. A missing case is not found whatever the session.
fn guard(conn: &Connection, id: i64, access: Access) -> Result<()> {
    access.require(is_restricted(conn, id)?)
}

fn is_restricted(conn: &Connection, id: i64) -> Result<bool> {
    conn.prepare_cached("SELECT restricted FROM legal_cases WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .or_not_found("legal case", id)
}

#[cfg(test)]
pub(crate) mod tests;
