use tauri::State;

use konbit_core::listing::{ListQuery, Page};
use konbit_core::organisation::worker::{
    self, NewWorker, StatusInput, WageInput, Worker, WorkerSummary,
};

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_workers(
    state: State<'_, AppState>,
    query: ListQuery,
) -> CmdResult<Page<WorkerSummary>> {
    state.read(|conn| worker::list(conn, &query))
}

#[tauri::command(async)]
pub fn get_worker(state: State<'_, AppState>, id: i64) -> CmdResult<Worker> {
    state.read(|conn| worker::get(conn, id))
}

#[tauri::command(async)]
pub fn create_worker(state: State<'_, AppState>, input: NewWorker) -> CmdResult<Worker> {
    state.write(|tx| worker::create(tx, &input))
}

#[tauri::command(async)]
pub fn add_worker_status(
    state: State<'_, AppState>,
    id: i64,
    input: StatusInput,
) -> CmdResult<Worker> {
    state.write(|tx| worker::add_status(tx, id, &input))
}

#[tauri::command(async)]
pub fn remove_worker_status(
    state: State<'_, AppState>,
    id: i64,
    period_id: i64,
) -> CmdResult<Worker> {
    state.write(|tx| worker::remove_status(tx, id, period_id))
}

#[tauri::command(async)]
pub fn add_worker_wage(state: State<'_, AppState>, id: i64, input: WageInput) -> CmdResult<Worker> {
    state.write(|tx| worker::add_wage(tx, id, &input))
}

#[tauri::command(async)]
pub fn remove_worker_wage(state: State<'_, AppState>, id: i64, wage_id: i64) -> CmdResult<Worker> {
    state.write(|tx| worker::remove_wage(tx, id, wage_id))
}

#[tauri::command(async)]
pub fn set_worker_teams(
    state: State<'_, AppState>,
    id: i64,
    team_ids: Vec<i64>,
) -> CmdResult<Worker> {
    state.write(|tx| worker::set_teams(tx, id, &team_ids))
}

#[tauri::command(async)]
pub fn archive_worker(state: State<'_, AppState>, id: i64, archived: bool) -> CmdResult<Worker> {
    state.write(|tx| worker::set_archived(tx, id, archived))
}
