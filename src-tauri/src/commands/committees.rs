use tauri::State;

use konbit_core::listing::{ListQuery, Page};
use konbit_core::organisation::committee::{self, Committee, CommitteeInput};

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_committees(state: State<'_, AppState>, query: ListQuery) -> CmdResult<Page<Committee>> {
    state.read(|conn| committee::list(conn, &query))
}

#[tauri::command(async)]
pub fn create_committee(state: State<'_, AppState>, input: CommitteeInput) -> CmdResult<Committee> {
    state.write(|tx| committee::create(tx, &input))
}

#[tauri::command(async)]
pub fn update_committee(
    state: State<'_, AppState>,
    id: i64,
    input: CommitteeInput,
) -> CmdResult<Committee> {
    state.write(|tx| committee::update(tx, id, &input))
}

#[tauri::command(async)]
pub fn archive_committee(
    state: State<'_, AppState>,
    id: i64,
    archived: bool,
) -> CmdResult<Committee> {
    state.write(|tx| committee::set_archived(tx, id, archived))
}
