use tauri::State;

use konbit_core::listing::{ListQuery, Page};
use konbit_core::organisation::team::{self, Team, TeamInput};

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_teams(state: State<'_, AppState>, query: ListQuery) -> CmdResult<Page<Team>> {
    state.read(|conn| team::list(conn, &query))
}

#[tauri::command(async)]
pub fn create_team(state: State<'_, AppState>, input: TeamInput) -> CmdResult<Team> {
    state.write(|tx| team::create(tx, &input))
}

#[tauri::command(async)]
pub fn update_team(state: State<'_, AppState>, id: i64, input: TeamInput) -> CmdResult<Team> {
    state.write(|tx| team::update(tx, id, &input))
}

#[tauri::command(async)]
pub fn archive_team(state: State<'_, AppState>, id: i64, archived: bool) -> CmdResult<Team> {
    state.write(|tx| team::set_archived(tx, id, archived))
}
