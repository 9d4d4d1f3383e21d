//! Planned allocation: each worker's plan, planned against worked, and filling a week from it.

use chrono::NaiveDate;
use tauri::State;

use konbit_core::worktime::plan::{self, PlanComparison, PlanInput, WorkerPlan};
use konbit_core::worktime::week::Week;

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn worker_plan(
    state: State<'_, AppState>,
    worker_id: i64,
    fiscal_year: String,
) -> CmdResult<WorkerPlan> {
    state.read(|conn| plan::for_worker(conn, worker_id, &fiscal_year))
}

#[tauri::command(async)]
pub fn set_plan(state: State<'_, AppState>, input: PlanInput) -> CmdResult<WorkerPlan> {
    state.write(|tx| plan::set(tx, &input))
}

#[tauri::command(async)]
pub fn plan_comparison(
    state: State<'_, AppState>,
    fiscal_year: String,
    quarter: Option<u8>,
) -> CmdResult<PlanComparison> {
    state.read(|conn| plan::compare(conn, &fiscal_year, quarter))
}

#[tauri::command(async)]
pub fn fill_week_from_plan(
    state: State<'_, AppState>,
    worker_id: i64,
    date: NaiveDate,
) -> CmdResult<Week> {
    state.write(|tx| plan::fill_week(tx, worker_id, date))
}
