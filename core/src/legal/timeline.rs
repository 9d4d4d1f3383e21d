//! A case's timeline of dated events with their documents, and its deadlines: what is due, when,
//! by whom; those of the next two weeks and the overdue ones show on the home screen, a
//! restricted case's by their date only until the session unlocks it.

use std::path::Path;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{guard, Access, Details};
use crate::clock;
use crate::documents::{self, Attachment, DocumentStore, Links};
use crate::error::{changed, Invalid, OrNotFound, Problem, Result};
use crate::store::sql::{params, Connection, OptionalExtension};
use crate::text::{free_text, required, text_enum};

text_enum! {
    pub enum EventKind {
        NoticeReceived => "notice_received",
        AnswerSent => "answer_sent",
        ClientInformed => "client_informed",
        ContentRemoved => "content_removed",
        Hearing => "hearing",
        Order => "order",
        Disclosure => "disclosure",
        Settlement => "settlement",
        Closed => "closed",
        Other => "other",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Event {
    pub id: i64,
    pub happened_on: NaiveDate,
    pub kind: EventKind,
    pub text: String,
    pub documents: Vec<Attachment>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct EventInput {
    pub happened_on: NaiveDate,
    pub kind: EventKind,
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Deadline {
    pub id: i64,
    pub case_id: i64,
    pub due_on: NaiveDate,
    pub what: String,
    pub responsible: String,
    pub done_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct DeadlineInput {
    pub due_on: NaiveDate,
    pub what: String,
    #[serde(default)]
    pub responsible: String,
}

/// A deadline not done, due within the coming days or already past, as the session may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Upcoming {
    /// The deadline's id.
    pub id: i64,
    pub case_id: i64,
    pub due_on: NaiveDate,
    pub overdue: bool,
    /// None for a restricted case in a session that did not unlock it: only that the case has a
    /// deadline, and its date, show; not what is due, which often names the parties.
    pub shown: Option<UpcomingDetails>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UpcomingDetails {
    pub case_title: String,
    pub what: String,
    pub responsible: String,
}

pub fn add_event(
    conn: &Connection,
    case_id: i64,
    input: &EventInput,
    access: Access,
) -> Result<Event> {
    let details = guard(conn, case_id, access)?;
    let text = free_text("text", &input.text)?;
    let id: i64 = conn.query_row(
        "INSERT INTO legal_events (case_id, happened_on, kind, text, created_at) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        params![case_id, input.happened_on, input.kind, details.write("legal_events.text", &text)?, clock::now()], |r| r.get(0))?;
    super::audit(conn, case_id, "add event")?;
    Ok(Event {
        id,
        happened_on: input.happened_on,
        kind: input.kind,
        text: input.text.trim().to_owned(),
        documents: vec![],
    })
}

/// Copies `file` into the document store and attaches it to the event.
pub fn attach(
    conn: &Connection,
    documents: &DocumentStore,
    event_id: i64,
    file: &Path,
    access: Access,
) -> Result<Vec<Attachment>> {
    let case_id: i64 = conn
        .query_row(
            "SELECT case_id FROM legal_events WHERE id = ?1",
            [event_id],
            |r| r.get(0),
        )
        .optional()?
        .or_not_found("event", event_id)?;
    // Checked before the file is copied: a refused attachment leaves no copy behind.
    let details = guard(conn, case_id, access)?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".into());
    let bytes = documents::read_source(file)?;
    let (document_id, _, _) = documents.put_bytes(conn, &details.write_file(&bytes)?)?;
    conn.execute(
        "INSERT INTO legal_event_documents (event_id, document_id, name, attached_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (event_id, document_id) DO NOTHING",
        params![event_id, document_id, details.write("legal_event_documents.name", &name)?, clock::now()],
    )?;
    super::audit(conn, case_id, "attach document")?;
    attachments(conn, event_id, details)
}

/// The event's documents, their names read as `details` says.
fn attachments(conn: &Connection, event_id: i64, details: Details) -> Result<Vec<Attachment>> {
    LINKS
        .of(conn, event_id)?
        .into_iter()
        .map(|a| {
            Ok(Attachment {
                name: details.read("legal_event_documents.name", a.name)?,
                ..a
            })
        })
        .collect()
}

const LINKS: Links = Links {
    table: "legal_event_documents",
    owner: "event_id",
};

/// The documents of a case's events, for opening one: it must belong to this case.
pub fn document_of_case(
    conn: &Connection,
    case_id: i64,
    document_id: i64,
    access: Access,
) -> Result<Attachment> {
    let details = guard(conn, case_id, access)?;
    find_document(conn, case_id, document_id, details)
}

fn find_document(
    conn: &Connection,
    case_id: i64,
    document_id: i64,
    details: Details,
) -> Result<Attachment> {
    for event in events(conn, case_id, details)? {
        if let Some(doc) = event
            .documents
            .into_iter()
            .find(|d| d.document_id == document_id)
        {
            return Ok(doc);
        }
    }
    Err(crate::error::Error::NotFound {
        entity: "document",
        id: document_id,
    })
}

/// A document of the case, checked against its digest and opened if sealed: its name and its
/// bytes, for the caller to write where the person alone can read them.
pub fn open_document(
    conn: &Connection,
    documents: &DocumentStore,
    case_id: i64,
    document_id: i64,
    access: Access,
) -> Result<(Attachment, Vec<u8>)> {
    let details = guard(conn, case_id, access)?;
    let doc = find_document(conn, case_id, document_id, details)?;
    let bytes = details.read_file(documents.read_checked(&doc)?)?;
    Ok((doc, bytes))
}

pub(super) fn events(conn: &Connection, case_id: i64, details: Details) -> Result<Vec<Event>> {
    let rows: Vec<(i64, NaiveDate, EventKind, String)> = conn
        .prepare_cached("SELECT id, happened_on, kind, text FROM legal_events WHERE case_id = ?1 ORDER BY happened_on, id")?
        .query_map([case_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<crate::store::sql::Result<_>>()?;
    rows.into_iter()
        .map(|(id, happened_on, kind, text)| {
            Ok(Event {
                id,
                happened_on,
                kind,
                text: details.read("legal_events.text", text)?,
                documents: attachments(conn, id, details)?,
            })
        })
        .collect()
}

pub fn add_deadline(
    conn: &Connection,
    case_id: i64,
    input: &DeadlineInput,
    access: Access,
) -> Result<Deadline> {
    let details = guard(conn, case_id, access)?;
    let inserted: i64 = conn.query_row(
        "INSERT INTO legal_deadlines (case_id, due_on, what, responsible) VALUES (?1, ?2, ?3, ?4) RETURNING id",
        params![
            case_id,
            input.due_on,
            details.write("legal_deadlines.what", &required("what", &input.what)?)?,
            details.write(
                "legal_deadlines.responsible",
                &free_text("responsible", &input.responsible)?
            )?
        ], |r| r.get(0))?;
    let made = deadline(conn, inserted, details)?;
    super::audit(conn, case_id, "add deadline")?;
    Ok(made)
}

/// Marks a deadline met on `done_on`.
pub fn complete_deadline(
    conn: &Connection,
    id: i64,
    done_on: NaiveDate,
    access: Access,
) -> Result<Deadline> {
    let details = guard(conn, deadline(conn, id, Details::AsStored)?.case_id, access)?;
    let n = conn.execute(
        "UPDATE legal_deadlines SET done_on = ?2 WHERE id = ?1",
        params![id, done_on],
    )?;
    changed(n, "deadline", id)?;
    let done = deadline(conn, id, details)?;
    super::audit(conn, done.case_id, "complete deadline")?;
    Ok(done)
}

const DEADLINE: &str =
    "SELECT id, case_id, due_on, what, responsible, done_on FROM legal_deadlines";

fn deadline(conn: &Connection, id: i64, details: Details) -> Result<Deadline> {
    let stored = conn
        .query_row(&format!("{DEADLINE} WHERE id = ?1"), [id], deadline_row)
        .or_not_found("deadline", id)?;
    opened(stored, details)
}

pub(super) fn deadlines(
    conn: &Connection,
    case_id: i64,
    details: Details,
) -> Result<Vec<Deadline>> {
    let rows: Vec<Deadline> = conn
        .prepare_cached(&format!(
            "{DEADLINE} WHERE case_id = ?1 ORDER BY due_on, id"
        ))?
        .query_map([case_id], deadline_row)?
        .collect::<crate::store::sql::Result<_>>()?;
    rows.into_iter().map(|d| opened(d, details)).collect()
}

/// The deadline with its words read as `details` says.
fn opened(stored: Deadline, details: Details) -> Result<Deadline> {
    Ok(Deadline {
        what: details.read("legal_deadlines.what", stored.what)?,
        responsible: details.read("legal_deadlines.responsible", stored.responsible)?,
        ..stored
    })
}

fn deadline_row(r: &crate::store::sql::Row) -> crate::store::sql::Result<Deadline> {
    Ok(Deadline {
        id: r.get(0)?,
        case_id: r.get(1)?,
        due_on: r.get(2)?,
        what: r.get(3)?,
        responsible: r.get(4)?,
        done_on: r.get(5)?,
    })
}

/// Deadlines not done that are past or due within `days` of `today`, the most urgent first.
pub fn upcoming(
    conn: &Connection,
    today: NaiveDate,
    days: u64,
    access: Access,
) -> Result<Vec<Upcoming>> {
    if days > 366 {
        return Err(Invalid::new("days", Problem::LookAhead { max_days: 366 }).into());
    }
    let until = today + Days::new(days);
    let rows: Vec<(Deadline, String, bool)> = conn
        .prepare_cached(
            "SELECT d.id, d.case_id, d.due_on, d.what, d.responsible, d.done_on, k.title, k.restricted
             FROM legal_deadlines d JOIN legal_cases k ON k.id = d.case_id
             WHERE d.done_on IS NULL AND d.due_on <= ?1 ORDER BY d.due_on, d.id",
        )?
        .query_map([until], |r| Ok((deadline_row(r)?, r.get(6)?, r.get(7)?)))?
        .collect::<crate::store::sql::Result<_>>()?;
    rows.into_iter()
        .map(|(deadline, case_title, restricted)| {
            let shown = match access.details(deadline.case_id, restricted) {
                Ok(details) => Some(UpcomingDetails {
                    case_title: details.read("legal_cases.title", case_title)?,
                    what: details.read("legal_deadlines.what", deadline.what.clone())?,
                    responsible: details
                        .read("legal_deadlines.responsible", deadline.responsible.clone())?,
                }),
                Err(_) => None,
            };
            Ok(Upcoming {
                id: deadline.id,
                case_id: deadline.case_id,
                due_on: deadline.due_on,
                overdue: deadline.due_on < today,
                shown,
            })
        })
        .collect()
}
