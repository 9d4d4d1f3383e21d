//! Finance: expenses, other income, the summaries of past years, and the books of a span.

use chrono::NaiveDate;
use tauri::State;

use konbit_core::finance::books::{self, Books};
use konbit_core::finance::expense::{self, Expense, ExpenseInput};
use konbit_core::finance::history::{self, HistoryYear};
use konbit_core::finance::income::{self, Income, IncomeInput};

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_expenses(state: State<'_, AppState>, from: NaiveDate, to: NaiveDate) -> CmdResult<Vec<Expense>> {
    state.read(|conn| expense::between(conn, from, to))
}

#[tauri::command(async)]
pub fn create_expense(state: State<'_, AppState>, input: ExpenseInput) -> CmdResult<Expense> {
    state.write(|tx| expense::create(tx, &input))
}

#[tauri::command(async)]
pub fn list_income(state: State<'_, AppState>, from: NaiveDate, to: NaiveDate) -> CmdResult<Vec<Income>> {
    state.read(|conn| income::between(conn, from, to))
}

#[tauri::command(async)]
pub fn create_income(state: State<'_, AppState>, input: IncomeInput) -> CmdResult<Income> {
    state.write(|tx| income::create(tx, &input))
}

#[tauri::command(async)]
pub fn list_history(state: State<'_, AppState>) -> CmdResult<Vec<HistoryYear>> {
    state.read(history::list)
}

#[tauri::command(async)]
pub fn save_history(state: State<'_, AppState>, year: HistoryYear) -> CmdResult<HistoryYear> {
    state.write(|tx| history::save(tx, &year))
}

#[tauri::command(async)]
pub fn finance_books(state: State<'_, AppState>, from: NaiveDate, to: NaiveDate) -> CmdResult<Books> {
    state.read(|conn| books::for_span(conn, from, to))
}
