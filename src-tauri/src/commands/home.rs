//! The home screen: the day's overview for the person at the keyboard, in one read.

use tauri::State;

use konbit_core::clock;
use konbit_core::home::{self, Home};

use crate::error::CmdResult;
use crate::state::AppState;

/// `worker_id` is who said "Je suis" on this computer, none before anyone did.
#[tauri::command(async)]
pub fn home_summary(state: State<'_, AppState>, worker_id: Option<i64>) -> CmdResult<Home> {
    summary(&state, worker_id)
}

/// The legal deadlines as the session may see them: its own access, read here.
pub(crate) fn summary(state: &AppState, worker_id: Option<i64>) -> CmdResult<Home> {
    let access = state.legal_access();
    state.read(|conn| home::summary(conn, worker_id, clock::today(), access))
}
