//! Cashflow: bank accounts, recurring expenses, the actual balance and its projection.

use chrono::NaiveDate;
use tauri::State;

use konbit_core::finance::bank::{self, BankAccount, BankAccountInput};
use konbit_core::finance::cashflow::{self, CashflowView};
use konbit_core::finance::recurring::{self, RecurringExpense, RecurringInput};
use konbit_core::Lang;

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_bank_accounts(state: State<'_, AppState>) -> CmdResult<Vec<BankAccount>> {
    state.read(bank::list)
}

#[tauri::command(async)]
pub fn save_bank_account(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: BankAccountInput,
) -> CmdResult<BankAccount> {
    state.write(|tx| match id {
        Some(id) => bank::update(tx, id, &input),
        None => bank::create(tx, &input),
    })
}

#[tauri::command(async)]
pub fn list_recurring_expenses(state: State<'_, AppState>) -> CmdResult<Vec<RecurringExpense>> {
    state.read(recurring::list)
}

#[tauri::command(async)]
pub fn save_recurring_expense(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: RecurringInput,
) -> CmdResult<RecurringExpense> {
    state.write(|tx| match id {
        Some(id) => recurring::update(tx, id, &input),
        None => recurring::create(tx, &input),
    })
}

/// Records the occurrences due up to `through`; answers how many were added.
#[tauri::command(async)]
pub fn generate_recurring_expenses(
    state: State<'_, AppState>,
    through: NaiveDate,
) -> CmdResult<usize> {
    state.write(|tx| recurring::generate(tx, through))
}

#[tauri::command(async)]
pub fn cashflow_actual(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
    lang: Lang,
) -> CmdResult<CashflowView> {
    state.read(|conn| cashflow::actual(conn, from, to).map(|c| CashflowView::new(c, lang)))
}

#[tauri::command(async)]
pub fn cashflow_projection(
    state: State<'_, AppState>,
    as_of: NaiveDate,
    lang: Lang,
) -> CmdResult<CashflowView> {
    state.read(|conn| cashflow::projection(conn, as_of).map(|c| CashflowView::new(c, lang)))
}
