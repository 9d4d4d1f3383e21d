//! Legal cases. Whether restricted cases show is the session's state, kept here in the shell:
//! the UI asks for the unlock, it cannot pass it along with a request. Every command goes
//! through [`Cases`], which reads that state once and hands it to the core's services, which
//! check it themselves.

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;
use tauri::{State, WebviewWindow};
use ts_rs::TS;
use zeroize::Zeroizing;

use konbit_core::documents::Attachment;
use konbit_core::legal::cost;
use konbit_core::legal::disclosure::{self, DisclosureInput};
use konbit_core::legal::summary::{self, CaseSummary};
use konbit_core::legal::timeline::{self, DeadlineInput, EventInput, Upcoming};
use konbit_core::legal::{self, vault, Access, Case, CaseInput, Key};
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
    Cases::of(&state).list(fiscal_year)
}

#[tauri::command(async)]
pub fn get_case(state: State<'_, AppState>, id: i64) -> CmdResult<Case> {
    Cases::of(&state).get(id)
}

#[tauri::command(async)]
pub fn save_case(state: State<'_, AppState>, id: Option<i64>, input: CaseInput) -> CmdResult<Case> {
    Cases::of(&state).save(id, &input)
}

#[tauri::command(async)]
pub fn add_case_event(
    state: State<'_, AppState>,
    case_id: i64,
    input: EventInput,
) -> CmdResult<Case> {
    Cases::of(&state).add_event(case_id, &input)
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
    Cases::of(&state).attach(case_id, event_id, &file).map(Some)
}

/// Checks the stored copy against its SHA-256, opens it if sealed, then opens a copy of it from
/// the person's own folder.
#[tauri::command(async)]
pub fn open_case_document(
    state: State<'_, AppState>,
    case_id: i64,
    document_id: i64,
) -> CmdResult<()> {
    let (doc, bytes) = Cases::of(&state).open_document(case_id, document_id)?;
    let copy = konbit_core::documents::write_to_open(&doc, &bytes, &state.opened_folder()?)?;
    dialogs::open_copy(&copy).map_err(|reason| AppError::from(Problem::OpenFailed { reason }))
}

#[tauri::command(async)]
pub fn add_case_deadline(
    state: State<'_, AppState>,
    case_id: i64,
    input: DeadlineInput,
) -> CmdResult<Case> {
    Cases::of(&state).add_deadline(case_id, &input)
}

#[tauri::command(async)]
pub fn complete_case_deadline(
    state: State<'_, AppState>,
    case_id: i64,
    deadline_id: i64,
    done_on: NaiveDate,
) -> CmdResult<Case> {
    Cases::of(&state).complete_deadline(case_id, deadline_id, done_on)
}

#[tauri::command(async)]
pub fn log_disclosure(
    state: State<'_, AppState>,
    case_id: i64,
    input: DisclosureInput,
) -> CmdResult<Case> {
    Cases::of(&state).log_disclosure(case_id, &input)
}

#[tauri::command(async)]
pub fn annotate_disclosure(
    state: State<'_, AppState>,
    case_id: i64,
    disclosure_id: i64,
    text: String,
) -> CmdResult<Case> {
    Cases::of(&state).annotate_disclosure(case_id, disclosure_id, &text)
}

#[tauri::command(async)]
pub fn link_case_expense(
    state: State<'_, AppState>,
    case_id: i64,
    expense_id: i64,
    linked: bool,
) -> CmdResult<Case> {
    Cases::of(&state).link_expense(case_id, expense_id, linked)
}

#[tauri::command(async)]
pub fn link_case_hours(
    state: State<'_, AppState>,
    case_id: i64,
    committee_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> CmdResult<Case> {
    Cases::of(&state).link_hours(case_id, committee_id, from, to)
}

/// Deadlines not done, overdue or due within `days`.
#[tauri::command(async)]
pub fn upcoming_deadlines(state: State<'_, AppState>, days: u64) -> CmdResult<Vec<Upcoming>> {
    Cases::of(&state).upcoming(days)
}

/// Whether the legal committee chose its passphrase, and whether this session unlocked it.
#[derive(Debug, Clone, Copy, Serialize, TS)]
pub struct VaultStatus {
    pub chosen: bool,
    pub unlocked: bool,
}

fn vault_status(state: &AppState) -> CmdResult<VaultStatus> {
    Ok(VaultStatus {
        chosen: state.read(vault::is_set)?,
        unlocked: state.legal_key().is_some(),
    })
}

#[tauri::command(async)]
pub fn legal_vault_status(state: State<'_, AppState>) -> CmdResult<VaultStatus> {
    vault_status(&state)
}

/// The committee's passphrase, chosen once: the restricted cases written before are sealed, the
/// log emptied of their pages in clear, their documents' clear copies removed; the session is
/// unlocked.
#[tauri::command(async)]
pub fn choose_legal_passphrase(
    state: State<'_, AppState>,
    passphrase: String,
    confirmation: String,
) -> CmdResult<VaultStatus> {
    choose(
        &state,
        Zeroizing::new(passphrase),
        Zeroizing::new(confirmation),
    )
}

pub(crate) fn choose(
    state: &AppState,
    passphrase: Zeroizing<String>,
    confirmation: Zeroizing<String>,
) -> CmdResult<VaultStatus> {
    let documents = state.documents();
    let key = state.write(|tx| vault::create(tx, Some(&documents), &passphrase, &confirmation))?;
    state.set_legal_key(Some(key));
    state.checkpoint_truncate()?;
    state.read(|conn| documents.sweep(conn))?;
    vault_status(state)
}

/// Shows the restricted cases until they are locked again or the app closes, if `passphrase`
/// is the committee's; a wrong one is said as such, on the passphrase field.
#[tauri::command(async)]
pub fn unlock_restricted(state: State<'_, AppState>, passphrase: String) -> CmdResult<VaultStatus> {
    unlock(&state, Zeroizing::new(passphrase))
}

pub(crate) fn unlock(state: &AppState, passphrase: Zeroizing<String>) -> CmdResult<VaultStatus> {
    let key = state.read(|conn| vault::unlock(conn, &passphrase))?;
    state.set_legal_key(Some(key));
    vault_status(state)
}

/// Forgets the key: the restricted cases show by kind, dates and cost again.
#[tauri::command(async)]
pub fn lock_restricted(state: State<'_, AppState>) -> CmdResult<VaultStatus> {
    state.set_legal_key(None);
    vault_status(&state)
}

/// Saves the case file as PDF where the person chooses; `None` when cancelled.
#[tauri::command]
pub async fn save_case_file(
    window: WebviewWindow,
    state: State<'_, AppState>,
    case_id: i64,
    lang: Lang,
) -> CmdResult<Option<FileRef>> {
    // Rendered before the dialog opens, so that a refused case is said before a path is asked.
    let bytes = Cases::of(&state).file(case_id, lang)?;
    dialogs::save_pdf(
        &window,
        &state.files,
        &format!("dossier-juridique-{case_id}.pdf"),
        || Ok(bytes),
    )
    .await
}

/// The legal services as this session may use them: the only place the commands take the
/// session's access from, so none can pass another. It holds a copy of the committee's key
/// while the session is unlocked, for the length of one command.
pub(crate) struct Cases<'a> {
    state: &'a AppState,
    key: Option<Key>,
}

impl<'a> Cases<'a> {
    pub(crate) fn of(state: &'a AppState) -> Cases<'a> {
        Cases {
            state,
            key: state.legal_key(),
        }
    }

    fn access(&self) -> Access<'_> {
        match &self.key {
            Some(key) => Access::Unlocked(key),
            None => Access::Public,
        }
    }

    pub(crate) fn list(&self, fiscal_year: Option<String>) -> CmdResult<Vec<CaseSummary>> {
        self.state.read(|conn| {
            let span = match fiscal_year {
                Some(name) => {
                    let fy = settings::fiscal_year(conn, &name)?;
                    Some((fy.start(), fy.end()))
                }
                None => None,
            };
            summary::list(conn, span, clock::today(), self.access())
        })
    }

    pub(crate) fn get(&self, id: i64) -> CmdResult<Case> {
        self.state.read(|conn| legal::get(conn, id, self.access()))
    }

    /// Creates or changes the case, then answers it. A locked session cannot make a case
    /// restricted (the core refuses it), so the answer is always one it may see. Restricting or
    /// unrestricting leaves copies of the documents that nothing names: swept after that commit.
    pub(crate) fn save(&self, id: Option<i64>, input: &CaseInput) -> CmdResult<Case> {
        let documents = self.state.documents();
        let (saved, resealed) = self.state.write(|tx| {
            let (id, resealed) = match id {
                Some(id) => (id, legal::update(tx, &documents, id, input, self.access())?),
                None => (legal::create(tx, input, self.access())?, false),
            };
            Ok((legal::get(tx, id, self.access())?, resealed))
        })?;
        if resealed {
            self.state.read(|conn| documents.sweep(conn))?;
        }
        Ok(saved)
    }

    pub(crate) fn open_document(
        &self,
        case_id: i64,
        document_id: i64,
    ) -> CmdResult<(Attachment, Vec<u8>)> {
        let documents = self.state.documents();
        self.state.read(|conn| {
            timeline::open_document(conn, &documents, case_id, document_id, self.access())
        })
    }

    pub(crate) fn add_event(&self, case_id: i64, input: &EventInput) -> CmdResult<Case> {
        self.change(case_id, |tx, access| {
            timeline::add_event(tx, case_id, input, access).map(|_| ())
        })
    }

    pub(crate) fn attach(&self, case_id: i64, event_id: i64, file: &Path) -> CmdResult<Case> {
        let documents = self.state.documents();
        self.change(case_id, |tx, access| {
            timeline::attach(tx, &documents, event_id, file, access).map(|_| ())
        })
    }

    pub(crate) fn add_deadline(&self, case_id: i64, input: &DeadlineInput) -> CmdResult<Case> {
        self.change(case_id, |tx, access| {
            timeline::add_deadline(tx, case_id, input, access).map(|_| ())
        })
    }

    pub(crate) fn complete_deadline(
        &self,
        case_id: i64,
        deadline_id: i64,
        done_on: NaiveDate,
    ) -> CmdResult<Case> {
        self.change(case_id, |tx, access| {
            timeline::complete_deadline(tx, deadline_id, done_on, access).map(|_| ())
        })
    }

    pub(crate) fn log_disclosure(&self, case_id: i64, input: &DisclosureInput) -> CmdResult<Case> {
        self.change(case_id, |tx, access| {
            disclosure::log(tx, case_id, input, access).map(|_| ())
        })
    }

    pub(crate) fn annotate_disclosure(
        &self,
        case_id: i64,
        disclosure_id: i64,
        text: &str,
    ) -> CmdResult<Case> {
        self.change(case_id, |tx, access| {
            disclosure::annotate(tx, disclosure_id, text, access).map(|_| ())
        })
    }

    pub(crate) fn link_expense(
        &self,
        case_id: i64,
        expense_id: i64,
        linked: bool,
    ) -> CmdResult<Case> {
        self.change(case_id, |tx, access| {
            if linked {
                cost::link_expense(tx, case_id, expense_id, access)
            } else {
                cost::unlink_expense(tx, case_id, expense_id, access)
            }
        })
    }

    pub(crate) fn link_hours(
        &self,
        case_id: i64,
        committee_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> CmdResult<Case> {
        self.change(case_id, |tx, access| {
            cost::link_committee_hours(tx, case_id, committee_id, from, to, access).map(|_| ())
        })
    }

    pub(crate) fn upcoming(&self, days: u64) -> CmdResult<Vec<Upcoming>> {
        self.state
            .read(|conn| timeline::upcoming(conn, clock::today(), days, self.access()))
    }

    pub(crate) fn file(&self, case_id: i64, lang: Lang) -> CmdResult<Vec<u8>> {
        self.state
            .read(|conn| legal::file::write_pdf(conn, case_id, self.access(), lang))
    }

    /// Runs a change on a case, then answers the case as the session may see it.
    fn change(
        &self,
        id: i64,
        f: impl FnOnce(&konbit_core::store::Connection, Access) -> konbit_core::Result<()> + Send,
    ) -> CmdResult<Case> {
        self.state.write(|tx| {
            f(tx, self.access())?;
            legal::get(tx, id, self.access())
        })
    }
}

#[cfg(test)]
mod tests;
