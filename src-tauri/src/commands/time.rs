use chrono::{NaiveDate, Utc};
use tauri::State;

use konbit_core::worktime::distribution::{self, Distribution, YearFigures};
use konbit_core::worktime::entry::{self, TimeEntry, TimeEntryInput};
use konbit_core::worktime::timer::{self, Started, Timer, TimerInput};
use konbit_core::worktime::week::{self, CellInput, Week};

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn load_week(state: State<'_, AppState>, worker_id: i64, date: NaiveDate) -> CmdResult<Week> {
    state.read(|conn| week::load(conn, worker_id, date))
}

#[tauri::command(async)]
pub fn set_week_cell(state: State<'_, AppState>, input: CellInput) -> CmdResult<Week> {
    state.write(|tx| week::set_cell(tx, &input))
}

#[tauri::command(async)]
pub fn distribution_by_year(state: State<'_, AppState>) -> CmdResult<Vec<YearFigures>> {
    state.read(distribution::by_year)
}

#[tauri::command(async)]
pub fn update_entry(
    state: State<'_, AppState>,
    id: i64,
    input: TimeEntryInput,
) -> CmdResult<TimeEntry> {
    state.write(|tx| entry::update(tx, id, &input))
}

#[tauri::command(async)]
pub fn delete_entry(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state.write(|tx| entry::delete(tx, id))
}

#[tauri::command(async)]
pub fn get_timer(state: State<'_, AppState>, worker_id: i64) -> CmdResult<Option<Timer>> {
    state.read(|conn| timer::get(conn, worker_id))
}

#[tauri::command(async)]
pub fn start_timer(state: State<'_, AppState>, input: TimerInput) -> CmdResult<Started> {
    state.write(|tx| timer::start(tx, &input, Utc::now()))
}

#[tauri::command(async)]
pub fn stop_timer(state: State<'_, AppState>, worker_id: i64) -> CmdResult<Option<TimeEntry>> {
    state.write(|tx| timer::stop(tx, worker_id, Utc::now()))
}

#[tauri::command(async)]
pub fn discard_timer(state: State<'_, AppState>, worker_id: i64) -> CmdResult<()> {
    state.write(|tx| timer::discard(tx, worker_id))
}

#[tauri::command(async)]
pub fn work_distribution(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
) -> CmdResult<Distribution> {
    state.read(|conn| distribution::compute(conn, from, to))
}
