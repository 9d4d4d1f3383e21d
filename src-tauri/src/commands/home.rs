//! The home screen: the day's overview for the person at the keyboard, in one read.

use konbit_core::legal::Access;
use tauri::State;

use konbit_core::clock;
use konbit_core::home::{self, Home};

use crate::error::CmdResult;
use crate::state::AppState;

/// Who is at the keyboard ("Je suis"), by their worker id, or nobody: the changes made from now
/// on are signed with their name in the audit log.
#[tauri::command(async)]
pub fn set_person(state: State<'_, AppState>, worker_id: Option<i64>) -> CmdResult<()> {
    // An id this database does not know (remembered from another one) signs as nobody.
    let name = worker_id.and_then(|id| {
        state
            .read(|conn| konbit_core::organisation::worker::get(conn, id))
            .ok()
            .map(|w| w.name)
    });
    state.set_person(name);
    Ok(())
}

/// `worker_id` is who said "Je suis" on this computer, none before anyone did.
#[tauri::command(async)]
pub fn home_summary(state: State<'_, AppState>, worker_id: Option<i64>) -> CmdResult<Home> {
    summary(&state, worker_id)
}

/// The legal deadlines as the session may see them: its own access, read here.
pub(crate) fn summary(state: &AppState, worker_id: Option<i64>) -> CmdResult<Home> {
    let key = state.legal_key();
    let access = match &key {
        Some(key) => Access::Unlocked(key),
        None => Access::Public,
    };
    state.read(|conn| home::summary(conn, worker_id, clock::today(), access))
}
