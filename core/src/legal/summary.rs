//! The cases as lists and reports show them: for a restricted case only its kind, status, dates,
//! counts and cost unless the session unlocked it — the annual report's legal summary and
//! `konbit legal list` read this, never the cases themselves.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::{cost, Access, CaseCost, CaseKind, CaseStatus};
use crate::error::Result;
use crate::store::sql::{params, Connection};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CaseSummary {
    pub id: i64,
    pub kind: CaseKind,
    pub status: CaseStatus,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub restricted: bool,
    /// None for a restricted case the session did not unlock.
    pub title: Option<String>,
    pub client_name: Option<String>,
    pub events: u32,
    pub deadlines: u32,
    pub documents: u32,
    pub disclosures: u32,
    /// The next deadline not done.
    pub next_deadline: Option<NaiveDate>,
    /// Deadlines not done whose day is past.
    pub overdue: u32,
    /// Over the span asked for, or the case's whole life.
    pub cost: CaseCost,
}

/// The cases open at some point from `from` to `to` (all of them without a span), the most
/// recent first, their cost counted within the span.
pub fn list(
    conn: &Connection,
    span: Option<(NaiveDate, NaiveDate)>,
    today: NaiveDate,
    access: Access,
) -> Result<Vec<CaseSummary>> {
    let (from, to) = span.unwrap_or(crate::fiscal::ALL_TIME);
    let rows: Vec<(CaseSummary, String, Option<String>)> = conn
        .prepare_cached(
            "SELECT k.id, k.kind, k.status, k.opened_on, k.closed_on, k.restricted, k.title, c.name,
                    (SELECT count(*) FROM legal_events e WHERE e.case_id = k.id),
                    (SELECT count(*) FROM legal_deadlines d WHERE d.case_id = k.id),
                    (SELECT count(*) FROM legal_event_documents x JOIN legal_events e ON e.id = x.event_id WHERE e.case_id = k.id),
                    (SELECT count(*) FROM legal_disclosures s WHERE s.case_id = k.id),
                    (SELECT min(due_on) FROM legal_deadlines d WHERE d.case_id = k.id AND d.done_on IS NULL),
                    (SELECT count(*) FROM legal_deadlines d WHERE d.case_id = k.id AND d.done_on IS NULL AND d.due_on < ?3),
                    k.sealed_client
             FROM legal_cases k LEFT JOIN clients c ON c.id = k.client_id
             WHERE k.opened_on <= ?2 AND (k.closed_on IS NULL OR k.closed_on >= ?1)
             ORDER BY k.opened_on DESC, k.id DESC",
        )?
        .query_map(params![from, to, today], |r| {
            let summary = CaseSummary {
                id: r.get(0)?,
                kind: r.get(1)?,
                status: r.get(2)?,
                opened_on: r.get(3)?,
                closed_on: r.get(4)?,
                restricted: r.get(5)?,
                title: None,
                client_name: r.get(7)?,
                events: r.get(8)?,
                deadlines: r.get(9)?,
                documents: r.get(10)?,
                disclosures: r.get(11)?,
                next_deadline: r.get(12)?,
                overdue: r.get(13)?,
                cost: CaseCost::default(),
            };
            Ok((summary, r.get(6)?, r.get(14)?))
        })?
        .collect::<crate::store::sql::Result<_>>()?;
    rows.into_iter()
        .map(|(mut s, title, sealed_client)| {
            s.cost = cost::of_case(conn, s.id, span, access)?;
            match access.details(s.id, s.restricted) {
                Ok(details) => {
                    s.title = Some(details.read("legal_cases.title", title)?);
                    if let Some((_, name)) = super::open_client(conn, details, sealed_client)? {
                        s.client_name = Some(name);
                    }
                }
                Err(_) => s.client_name = None,
            }
            Ok(s)
        })
        .collect()
}
