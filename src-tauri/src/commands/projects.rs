use tauri::State;

use konbit_core::clients::project::{self, Project, ProjectInput};
use konbit_core::listing::{ListQuery, Page};

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_projects(
    state: State<'_, AppState>,
    query: ListQuery,
    client_id: Option<i64>,
) -> CmdResult<Page<Project>> {
    state.read(|conn| project::list(conn, &query, client_id))
}

#[tauri::command(async)]
pub fn create_project(state: State<'_, AppState>, input: ProjectInput) -> CmdResult<Project> {
    state.write(|tx| project::create(tx, &input))
}

#[tauri::command(async)]
pub fn update_project(
    state: State<'_, AppState>,
    id: i64,
    input: ProjectInput,
) -> CmdResult<Project> {
    state.write(|tx| project::update(tx, id, &input))
}

#[tauri::command(async)]
pub fn archive_project(state: State<'_, AppState>, id: i64, archived: bool) -> CmdResult<Project> {
    state.write(|tx| project::set_archived(tx, id, archived))
}
