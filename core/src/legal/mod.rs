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
//! Unlocking is the committee's passphrase opening its key (`vault.rs`), which [`Access`]
//! carries: the details of a restricted case are sealed under it in the database, in the audit
//! log and so in every backup, and [`Details`] seals and opens them column by column.

pub mod cost;
pub mod disclosure;
pub mod file;
mod reseal;
pub mod summary;
pub mod timeline;
pub mod vault;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock;
use crate::documents::DocumentStore;
use crate::error::{changed, Error, Invalid, OrNotFound, Problem, Result};
use crate::store::sql::{params, Connection, OptionalExtension, Row};
use crate::text::{free_text, required, text_enum};

pub use cost::CaseCost;
pub use disclosure::Disclosure;
pub use timeline::{Deadline, Event};
pub use vault::Key;

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

/// Whether this session unlocked the restricted cases, with the key the passphrase opened. Every
/// service of the module takes it, never a default, so that each caller says which session it
/// serves.
#[derive(Debug, Clone, Copy)]
pub enum Access<'k> {
    /// Kind, dates, status and cost of a restricted case; everything of the others.
    Public,
    Unlocked(&'k Key),
}

impl<'k> Access<'k> {
    /// Whether the details of a case so restricted (or not) may be read or changed.
    pub(crate) fn sees(self, restricted: bool) -> bool {
        !restricted || self.is_unlocked()
    }

    pub fn is_unlocked(self) -> bool {
        matches!(self, Access::Unlocked(_))
    }

    /// How this session reads and writes the details of case `id`, so restricted (or not).
    pub(crate) fn details(self, id: i64, restricted: bool) -> Result<Details<'k>> {
        match (restricted, self) {
            (false, _) => Ok(Details::Clear),
            (true, Access::Unlocked(key)) => Ok(Details::Sealed { key, case_id: id }),
            (true, Access::Public) => Err(Error::Restricted),
        }
    }
}

/// How the details of one case are written and read: in clear for a case that is not
/// restricted, sealed under the committee's key for one that is; or, for the audit log and
/// `konbit check`, as they are stored, sealed or not, with no key.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Details<'k> {
    Clear,
    Sealed { key: &'k Key, case_id: i64 },
    AsStored,
}

impl Details<'_> {
    /// The value to store for `text` in `column`.
    pub(crate) fn write(self, column: &str, text: &str) -> Result<String> {
        match self {
            Details::Clear => Ok(text.to_owned()),
            Details::Sealed { key, case_id } => key.seal(case_id, column, text),
            Details::AsStored => Err(Error::internal(format_args!(
                "{column} written without saying whether it is sealed"
            ))),
        }
    }

    /// The text of a value stored in `column`.
    pub(crate) fn read(self, column: &str, stored: String) -> Result<String> {
        match self {
            Details::Clear | Details::AsStored => Ok(stored),
            Details::Sealed { key, case_id } => key.open(case_id, column, &stored),
        }
    }

    /// A document's bytes to store.
    pub(crate) fn write_file(self, bytes: &[u8]) -> Result<Vec<u8>> {
        match self {
            Details::Sealed { key, case_id } => key.seal_file(case_id, bytes),
            Details::Clear | Details::AsStored => Ok(bytes.to_vec()),
        }
    }

    /// A stored document's bytes to open.
    pub(crate) fn read_file(self, stored: Vec<u8>) -> Result<Vec<u8>> {
        match self {
            Details::Sealed { key, case_id } => key.open_file(case_id, stored),
            Details::Clear | Details::AsStored => Ok(stored),
        }
    }

    pub(crate) fn sealed(self) -> bool {
        matches!(self, Details::Sealed { .. })
    }
}

/// Creates a case. Making it restricted needs the unlock as changing one does: a locked session
/// could not see the case it just made. The id is taken before the row is written, for a
/// restricted case's details are sealed to it and never touch the file in clear.
pub fn create(conn: &Connection, input: &CaseInput, access: Access) -> Result<i64> {
    let id: i64 = conn.query_row(
        "SELECT coalesce(max(id), 0) + 1 FROM legal_cases",
        [],
        |r| r.get(0),
    )?;
    let details = access.details(id, input.restricted)?;
    let checked = check(conn, input)?;
    let now = clock::now();
    conn.execute(
        "INSERT INTO legal_cases (id, kind, title, status, opened_on, closed_on, restricted, created_at, updated_at)
         VALUES (?1, ?2, '-', ?3, ?4, ?5, ?6, ?7, ?7)",
        params![id, input.kind, input.status, input.opened_on, input.closed_on, input.restricted, now],
    )?;
    write_details(conn, id, input, &checked, details)?;
    save_parties(conn, id, &input.parties, details)?;
    audit(conn, id, "create")?;
    Ok(id)
}

/// Changes a case. A restricted case is changed, or unrestricted, only by a session that unlocked
/// it; restricting one needs the unlock too, for the answer would be a case it cannot see.
/// Restricting seals everything the case holds, unrestricting opens it, in this transaction;
/// its documents are sealed or opened as new copies in `documents`, and the copies no longer
/// named are removed by [`DocumentStore::sweep`] after the commit. Answers whether it did, so
/// that the caller sweeps only then.
pub fn update(
    conn: &Connection,
    documents: &DocumentStore,
    id: i64,
    input: &CaseInput,
    access: Access,
) -> Result<bool> {
    let before = guard(conn, id, access)?;
    let after = access.details(id, input.restricted)?;
    let checked = check(conn, input)?;
    let n = conn.execute(
        "UPDATE legal_cases SET kind = ?2, status = ?3, opened_on = ?4, closed_on = ?5, restricted = ?6, updated_at = ?7 WHERE id = ?1",
        params![id, input.kind, input.status, input.opened_on, input.closed_on, input.restricted, clock::now()],
    )?;
    changed(n, "legal case", id)?;
    write_details(conn, id, input, &checked, after)?;
    conn.execute("DELETE FROM legal_parties WHERE case_id = ?1", [id])?;
    save_parties(conn, id, &input.parties, after)?;
    let resealed = before.sealed() != after.sealed();
    if resealed {
        reseal::case(conn, Some(documents), id, before, after)?;
    }
    audit(conn, id, "update")?;
    Ok(resealed)
}

/// Writes the case's own details as `details` says: the client of a restricted case sealed in
/// `sealed_client`, its `client_id` left empty, so that the file does not tell whose it is.
fn write_details(
    conn: &Connection,
    id: i64,
    input: &CaseInput,
    checked: &Checked,
    details: Details,
) -> Result<()> {
    let (client_id, sealed_client) = match (input.client_id, details.sealed()) {
        (Some(client), true) => (
            None,
            Some(details.write("legal_cases.client_id", &client.to_string())?),
        ),
        (client, _) => (client, None),
    };
    conn.execute(
        "UPDATE legal_cases SET title = ?2, reference = ?3, client_id = ?4, sealed_client = ?5, sites = ?6, server = ?7, summary = ?8 WHERE id = ?1",
        params![
            id,
            details.write("legal_cases.title", &checked.title)?,
            details.write("legal_cases.reference", &checked.reference)?,
            client_id,
            sealed_client,
            details.write("legal_cases.sites", &checked.sites)?,
            details.write("legal_cases.server", &checked.server)?,
            details.write("legal_cases.summary", &checked.summary)?,
        ],
    )?;
    Ok(())
}

/// Seals every restricted case still in clear: those written before the committee chose its
/// passphrase. Called once, when it does (`vault::create`).
pub(crate) fn seal_clear_cases(
    conn: &Connection,
    documents: Option<&DocumentStore>,
    key: &Key,
) -> Result<()> {
    let clear: Vec<(i64, String)> = conn
        .prepare("SELECT id, title FROM legal_cases WHERE restricted = 1 ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<crate::store::sql::Result<_>>()?;
    for (id, title) in clear {
        if vault::is_sealed(&title) {
            continue;
        }
        let mut case = read(conn, id, Details::Clear)?;
        case.restricted = true;
        let input = CaseInput::from(&case);
        let sealed = Access::Unlocked(key).details(id, true)?;
        write_details(conn, id, &input, &check(conn, &input)?, sealed)?;
        conn.execute("DELETE FROM legal_parties WHERE case_id = ?1", [id])?;
        save_parties(conn, id, &input.parties, sealed)?;
        reseal::case(conn, documents, id, Details::Clear, sealed)?;
        audit(conn, id, "seal")?;
    }
    Ok(())
}

impl From<&Case> for CaseInput {
    fn from(case: &Case) -> CaseInput {
        CaseInput {
            kind: case.kind,
            title: case.title.clone(),
            reference: case.reference.clone(),
            client_id: case.client_id,
            sites: case.sites.clone(),
            server: case.server.clone(),
            status: case.status,
            opened_on: case.opened_on,
            closed_on: case.closed_on,
            restricted: case.restricted,
            summary: case.summary.clone(),
            parties: case.parties.clone(),
        }
    }
}

/// The case as the audit log records it after each change: everything but its cost, which moves
/// with wages and is recomputed, not recorded; a restricted case's details as they are stored,
/// sealed, so that the log holds no more of them in clear than the tables do. Only the audit log
/// and `konbit check` read it, whatever the session: it is not for showing to a person.
pub(crate) fn audit_state(conn: &Connection, id: i64) -> Result<AuditedCase> {
    let sealed_client = conn
        .query_row(
            "SELECT sealed_client FROM legal_cases WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    Ok(AuditedCase {
        case: read(conn, id, Details::AsStored)?,
        sealed_client,
    })
}

/// [`audit_state`]'s record: the stored case, and a restricted case's sealed client (absent
/// otherwise, so that the records of cases written before the vault read the same).
#[derive(Debug, Serialize)]
pub(crate) struct AuditedCase {
    #[serde(flatten)]
    case: Case,
    #[serde(skip_serializing_if = "Option::is_none")]
    sealed_client: Option<String>,
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

fn save_parties(
    conn: &Connection,
    case_id: i64,
    parties: &[Party],
    details: Details,
) -> Result<()> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO legal_parties (case_id, role, name, details) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for p in parties {
        insert.execute(params![
            case_id,
            p.role,
            details.write("legal_parties.name", p.name.trim())?,
            details.write("legal_parties.details", &free_text("parties", &p.details)?)?
        ])?;
    }
    Ok(())
}

/// The whole case; a restricted one only to a session that unlocked it.
pub fn get(conn: &Connection, id: i64, access: Access) -> Result<Case> {
    let details = guard(conn, id, access)?;
    let mut case = read(conn, id, details)?;
    case.cost = cost::of_case(conn, id, None, access)?;
    Ok(case)
}

/// The case and all it holds but its cost, its details read as `details` says.
fn read(conn: &Connection, id: i64, details: Details) -> Result<Case> {
    let (mut case, sealed_client): (Case, Option<String>) = conn
        .query_row(
            "SELECT k.id, k.kind, k.title, k.reference, k.client_id, c.name, k.sites, k.server, k.status, k.opened_on, k.closed_on, k.restricted, k.summary,
                    k.sealed_client
             FROM legal_cases k LEFT JOIN clients c ON c.id = k.client_id WHERE k.id = ?1",
            [id],
            |r| Ok((from_row(r)?, r.get(13)?)),
        )
        .optional()?
        .or_not_found("legal case", id)?;
    case.title = details.read("legal_cases.title", case.title)?;
    case.reference = details.read("legal_cases.reference", case.reference)?;
    case.sites = details.read("legal_cases.sites", case.sites)?;
    case.server = details.read("legal_cases.server", case.server)?;
    case.summary = details.read("legal_cases.summary", case.summary)?;
    if let Some((client, name)) = open_client(conn, details, sealed_client)? {
        case.client_id = Some(client);
        case.client_name = Some(name);
    }
    let parties: Vec<(PartyRole, String, String)> = conn
        .prepare_cached(
            "SELECT role, name, details FROM legal_parties WHERE case_id = ?1 ORDER BY id",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<crate::store::sql::Result<_>>()?;
    case.parties = parties
        .into_iter()
        .map(|(role, name, more)| {
            Ok(Party {
                role: Some(role),
                name: details.read("legal_parties.name", name)?,
                details: details.read("legal_parties.details", more)?,
            })
        })
        .collect::<Result<_>>()?;
    case.events = timeline::events(conn, id, details)?;
    case.deadlines = timeline::deadlines(conn, id, details)?;
    case.disclosures = disclosure::for_case(conn, id, details)?;
    Ok(case)
}

fn from_row(r: &Row) -> crate::store::sql::Result<Case> {
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

/// A restricted case's client, id and name, from its `sealed_client`; `None` when it has none
/// or `details` does not open it.
pub(crate) fn open_client(
    conn: &Connection,
    details: Details,
    sealed: Option<String>,
) -> Result<Option<(i64, String)>> {
    let (Some(sealed), Details::Sealed { case_id, .. }) = (sealed, details) else {
        return Ok(None);
    };
    let client: i64 = details
        .read("legal_cases.client_id", sealed)?
        .parse()
        .map_err(|_| {
            Error::Refused(Problem::SealedDamaged {
                case_id,
                what: "legal_cases.client_id".into(),
            })
        })?;
    Ok(Some((
        client,
        crate::clients::client::get(conn, client)?.name,
    )))
}

/// The case must exist, and a restricted one be unlocked: every service that reads or changes
/// a case or what belongs to it starts here, and reads and writes its details as the answer
/// says. A missing case is not found whatever the session.
fn guard<'k>(conn: &Connection, id: i64, access: Access<'k>) -> Result<Details<'k>> {
    access.details(id, is_restricted(conn, id)?)
}

fn is_restricted(conn: &Connection, id: i64) -> Result<bool> {
    conn.prepare_cached("SELECT restricted FROM legal_cases WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .or_not_found("legal case", id)
}

#[cfg(test)]
pub(crate) mod tests;
