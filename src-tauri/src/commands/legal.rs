//! Legal cases. Whether restricted cases show is the session's state, kept here in the shell:
//! the UI asks for the unlock, it cannot pass it along with a request.

use chrono::NaiveDate;
use tauri::{State, WebviewWindow};

use konbit_core::legal::cost;
use konbit_core::legal::disclosure::{self, DisclosureInput};
use konbit_core::legal::summary::{self, CaseSummary};
use konbit_core::legal::timeline::{self, DeadlineInput, EventInput, Upcoming};
use konbit_core::legal::{self, Case, CaseInput};
use konbit_core::organisation::settings;
use konbit_core::{clock, Lang};

use crate::dialogs;
use crate::error::{AppError, CmdResult};
use crate::files::FileRef;
use crate::state::AppState;
use konbit_core::Problem;

#[tauri::command(async)]
pub fn list_cases(
    state: State<'_, AppState>,
    fiscal_year: Option<String>,
) -> CmdResult<Vec<CaseSummary>> {
    let access = state.legal_access();
    state.read(|conn| {
        let span = match fiscal_year {
            Some(name) => {
                let fy = settings::fiscal_year(conn, &name)?;
                Some((fy.start(), fy.end()))
            }
            None => None,
        };
        summary::list(conn, span, clock::today(), access)
    })
}

#[tauri::command(async)]
pub fn get_case(state: State<'_, AppState>, id: i64) -> CmdResult<Case> {
    let access = state.legal_access();
    state.read(|conn| legal::get(conn, id, access))
}

/// Runs a change on a case, then answers the case as the session may see it.
fn change(
    state: &AppState,
    id: i64,
    f: impl FnOnce(&konbit_core::store::Connection) -> konbit_core::Result<()>,
) -> CmdResult<Case> {
    let access = state.legal_access();
    state.write(|tx| {
        f(tx)?;
        legal::get(tx, id, access)
    })
}

#[tauri::command(async)]
pub fn save_case(state: State<'_, AppState>, id: Option<i64>, input: CaseInput) -> CmdResult<Case> {
    let access = state.legal_access();
    state.write(|tx| {
        let id = match id {
            Some(id) => legal::update(tx, id, &input).map(|()| id)?,
            None => legal::create(tx, &input)?,
        };
        // A case just made restricted is still shown to whoever made it.
        legal::get(
            tx,
            id,
            if input.restricted {
                konbit_core::legal::Access::Unlocked
            } else {
                access
            },
        )
    })
}

#[tauri::command(async)]
pub fn add_case_event(
    state: State<'_, AppState>,
    case_id: i64,
    input: EventInput,
) -> CmdResult<Case> {
    change(&state, case_id, |tx| {
        timeline::add_event(tx, case_id, &input).map(|_| ())
    })
}

/// Asks for a file with the native dialog and attaches a copy to the event; `None` when cancelled.
#[tauri::command]
pub async fn attach_case_document(
    window: WebviewWindow,
    state: State<'_, AppState>,
    case_id: i64,
    event_id: i64,
) -> CmdResult<Option<Case>> {
    let Some(file) = dialogs::pick_file(
        &window,
        "Documents",
        &["pdf", "png", "jpg", "jpeg", "odt", "docx", "txt", "eml"],
    )
    .await
    else {
        return Ok(None);
    };
    let documents = state.documents();
    change(&state, case_id, |tx| {
        timeline::attach(tx, &documents, event_id, &file).map(|_| ())
    })
    .map(Some)
}

/// Checks the stored copy against its SHA-256, then opens a copy of it.
#[tauri::command(async)]
pub fn open_case_document(
    state: State<'_, AppState>,
    case_id: i64,
    document_id: i64,
) -> CmdResult<()> {
    let access = state.legal_access();
    let doc = state.read(|conn| {
        legal::get(conn, case_id, access)?;
        timeline::document_of_case(conn, case_id, document_id)
    })?;
    let copy = state
        .documents()
        .copy_to_open(&doc, &std::env::temp_dir().join("konbit-documents"))?;
    dialogs::open_copy(&copy).map_err(|reason| AppError::from(Problem::OpenFailed { reason }))
}

#[tauri::command(async)]
pub fn add_case_deadline(
    state: State<'_, AppState>,
    case_id: i64,
    input: DeadlineInput,
) -> CmdResult<Case> {
    change(&state, case_id, |tx| {
        timeline::add_deadline(tx, case_id, &input).map(|_| ())
    })
}

#[tauri::command(async)]
pub fn complete_case_deadline(
    state: State<'_, AppState>,
    case_id: i64,
    deadline_id: i64,
    done_on: NaiveDate,
) -> CmdResult<Case> {
    change(&state, case_id, |tx| {
        timeline::complete_deadline(tx, deadline_id, done_on).map(|_| ())
    })
}

#[tauri::command(async)]
pub fn log_disclosure(
    state: State<'_, AppState>,
    case_id: i64,
    input: DisclosureInput,
) -> CmdResult<Case> {
    change(&state, case_id, |tx| {
        disclosure::log(tx, case_id, &input).map(|_| ())
    })
}

#[tauri::command(async)]
pub fn annotate_disclosure(
    state: State<'_, AppState>,
    case_id: i64,
    disclosure_id: i64,
    text: String,
) -> CmdResult<Case> {
    change(&state, case_id, |tx| {
        disclosure::annotate(tx, disclosure_id, &text).map(|_| ())
    })
}

#[tauri::command(async)]
pub fn link_case_expense(
    state: State<'_, AppState>,
    case_id: i64,
    expense_id: i64,
    linked: bool,
) -> CmdResult<Case> {
    change(&state, case_id, |tx| {
        if linked {
            cost::link_expense(tx, case_id, expense_id)
        } else {
            cost::unlink_expense(tx, case_id, expense_id)
        }
    })
}

#[tauri::command(async)]
pub fn link_case_hours(
    state: State<'_, AppState>,
    case_id: i64,
    committee_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> CmdResult<Case> {
    change(&state, case_id, |tx| {
        cost::link_committee_hours(tx, case_id, committee_id, from, to).map(|_| ())
    })
}

/// Deadlines not done, overdue or due within `days`.
#[tauri::command(async)]
pub fn upcoming_deadlines(state: State<'_, AppState>, days: u64) -> CmdResult<Vec<Upcoming>> {
    let access = state.legal_access();
    state.read(|conn| timeline::upcoming(conn, clock::today(), days, access))
}

/// Shows restricted cases until the app closes; the UI asks the person to confirm first.
#[tauri::command(async)]
pub fn set_restricted_unlocked(state: State<'_, AppState>, unlocked: bool) -> bool {
    state.set_restricted_unlocked(unlocked);
    unlocked
}

#[tauri::command(async)]
pub fn restricted_unlocked(state: State<'_, AppState>) -> bool {
    state.legal_access() == konbit_core::legal::Access::Unlocked
}

/// Saves the case file as PDF where the person chooses; `None` when cancelled.
#[tauri::command]
pub async fn save_case_file(
    window: WebviewWindow,
    state: State<'_, AppState>,
    case_id: i64,
    lang: Lang,
) -> CmdResult<Option<FileRef>> {
    let access = state.legal_access();
    let (case, org) = state.read(|conn| {
        Ok((
            legal::get(conn, case_id, access)?,
            settings::require(conn)?.name,
        ))
    })?;
    dialogs::save_pdf(
        &window,
        &state.files,
        &format!("dossier-juridique-{case_id}.pdf"),
        || Ok(legal::file::write_pdf(&case, &org, lang)?),
    )
    .await
}
