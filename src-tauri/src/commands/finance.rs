//! Finance: expenses, other income, the summaries of past years, and the books of a span.

use chrono::NaiveDate;
use tauri::{State, WebviewWindow};

use konbit_core::documents::Attachment;
use konbit_core::finance::books::{self, Books};
use konbit_core::finance::budget::{self, BudgetLine, BudgetVsActual};
use konbit_core::finance::closing::{self, Closing, YearState};
use konbit_core::finance::expense::{self, Expense, ExpenseFilter, ExpenseInput};
use konbit_core::finance::history::{self, HistoryYear, YearSummary};
use konbit_core::finance::income::{self, Income, IncomeInput};
use konbit_core::finance::payroll;
use konbit_core::finance::profitability::{self, Profitability};
use konbit_core::finance::statements::{self, FinancialStatements};
use konbit_core::listing::{Cursor, DatedPage};
use konbit_core::organisation::settings;
use konbit_core::Cents;
use konbit_core::Lang;

use crate::dialogs;
use crate::error::{AppError, CmdResult};
use crate::files::{FileRef, Purpose};
use crate::state::AppState;
use konbit_core::Problem;

#[tauri::command(async)]
pub fn list_expenses(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
    filter: ExpenseFilter,
    after: Option<Cursor>,
    limit: u32,
) -> CmdResult<DatedPage<Expense>> {
    state.read(|conn| expense::page(conn, (from, to), &filter, after.as_ref(), limit))
}

#[tauri::command(async)]
pub fn expense_suppliers(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
) -> CmdResult<Vec<String>> {
    state.read(|conn| expense::suppliers(conn, (from, to)))
}

#[tauri::command(async)]
pub fn create_expense(state: State<'_, AppState>, input: ExpenseInput) -> CmdResult<Expense> {
    state.write(|tx| expense::create(tx, &input))
}

#[tauri::command(async)]
pub fn update_expense(
    state: State<'_, AppState>,
    id: i64,
    input: ExpenseInput,
) -> CmdResult<Expense> {
    state.write(|tx| expense::update(tx, id, &input))
}

#[tauri::command(async)]
pub fn void_expense(state: State<'_, AppState>, id: i64, reason: String) -> CmdResult<Expense> {
    state.write(|tx| expense::void(tx, id, &reason))
}

#[tauri::command(async)]
pub fn expense_attachments(
    state: State<'_, AppState>,
    expense_id: i64,
) -> CmdResult<Vec<Attachment>> {
    state.read(|conn| expense::attachments(conn, expense_id))
}

/// Asks for a file with the native dialog and attaches a copy; `None` when cancelled.
#[tauri::command]
pub async fn attach_expense_document(
    window: WebviewWindow,
    state: State<'_, AppState>,
    expense_id: i64,
) -> CmdResult<Option<Vec<Attachment>>> {
    let Some(file) = dialogs::pick_file(
        &window,
        "Documents",
        &["pdf", "png", "jpg", "jpeg", "odt", "docx", "txt", "eml"],
    )
    .await
    else {
        return Ok(None);
    };
    let documents = state.documents();
    state
        .write(|tx| expense::attach(tx, &documents, expense_id, &file))
        .map(Some)
}

/// Checks the stored copy against its SHA-256, then opens a copy of it.
#[tauri::command(async)]
pub fn open_expense_attachment(
    state: State<'_, AppState>,
    expense_id: i64,
    document_id: i64,
) -> CmdResult<()> {
    let attachment = state
        .read(|conn| expense::attachments(conn, expense_id))?
        .into_iter()
        .find(|a| a.document_id == document_id)
        .ok_or_else(|| AppError::from(Problem::NotAttached))?;
    let copy = state
        .documents()
        .copy_to_open(&attachment, &state.opened_folder()?)?;
    dialogs::open_copy(&copy).map_err(|reason| AppError::from(Problem::OpenFailed { reason }))
}

#[tauri::command(async)]
pub fn list_income(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
    after: Option<Cursor>,
    limit: u32,
) -> CmdResult<DatedPage<Income>> {
    state.read(|conn| income::page(conn, (from, to), after.as_ref(), limit))
}

#[tauri::command(async)]
pub fn create_income(state: State<'_, AppState>, input: IncomeInput) -> CmdResult<Income> {
    state.write(|tx| income::create(tx, &input))
}

#[tauri::command(async)]
pub fn update_income(state: State<'_, AppState>, id: i64, input: IncomeInput) -> CmdResult<Income> {
    state.write(|tx| income::update(tx, id, &input))
}

#[tauri::command(async)]
pub fn void_income(state: State<'_, AppState>, id: i64, reason: String) -> CmdResult<Income> {
    state.write(|tx| income::void(tx, id, &reason))
}

/// Every year since the first summary through `through`, recorded or computed.
#[tauri::command(async)]
pub fn history_series(state: State<'_, AppState>, through: String) -> CmdResult<Vec<YearSummary>> {
    state.read(|conn| history::all(conn, settings::fiscal_year(conn, &through)?))
}

/// Whether a fiscal year is closed, and what keeps it from being closed or reopened now.
#[tauri::command(async)]
pub fn year_state(state: State<'_, AppState>, fiscal_year: String) -> CmdResult<YearState> {
    state.read(|conn| closing::state(conn, settings::fiscal_year(conn, &fiscal_year)?))
}

/// Closes a fiscal year once its accounts are adopted: its figures are kept, its records locked.
#[tauri::command(async)]
pub fn close_year(state: State<'_, AppState>, fiscal_year: String) -> CmdResult<Closing> {
    state.write(|tx| closing::close(tx, settings::fiscal_year(tx, &fiscal_year)?))
}

/// Reopens the last closed year, so that its records can be corrected.
#[tauri::command(async)]
pub fn reopen_year(state: State<'_, AppState>, fiscal_year: String) -> CmdResult<()> {
    state.write(|tx| closing::reopen(tx, settings::fiscal_year(tx, &fiscal_year)?))
}

/// What a raise of `per_hour` for every salaried hour from `from` to `to` costs, charges included.
#[tauri::command(async)]
pub fn raise_cost(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
    per_hour: Cents,
) -> CmdResult<Cents> {
    state.read(|conn| payroll::raise_cost(conn, from, to, per_hour))
}

#[tauri::command(async)]
pub fn profitability(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
) -> CmdResult<Profitability> {
    state.read(|conn| profitability::compute(conn, from, to))
}

#[tauri::command(async)]
pub fn save_history(state: State<'_, AppState>, year: HistoryYear) -> CmdResult<HistoryYear> {
    state.write(|tx| history::save(tx, &year))
}

#[tauri::command(async)]
pub fn finance_books(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
) -> CmdResult<Books> {
    state.read(|conn| books::for_span(conn, from, to))
}

/// The year's statement of financial position and statement of operations, the year before beside.
#[tauri::command(async)]
pub fn financial_statements(
    state: State<'_, AppState>,
    fiscal_year: String,
    lang: Lang,
) -> CmdResult<FinancialStatements> {
    state.read(|conn| statements::compute(conn, settings::fiscal_year(conn, &fiscal_year)?, lang))
}

/// Asks where to save the year's financial statements, as PDF or CSV by the name chosen. `None`
/// when cancelled.
#[tauri::command]
pub async fn save_financial_statements(
    window: WebviewWindow,
    state: State<'_, AppState>,
    fiscal_year: String,
    lang: Lang,
) -> CmdResult<Option<FileRef>> {
    let name = format!("etats-financiers-{fiscal_year}.pdf");
    let Some(path) = dialogs::save_file(&window, &name, "PDF, CSV", &["pdf", "csv"]).await else {
        return Ok(None);
    };
    state.read(|conn| {
        let fy = settings::fiscal_year(conn, &fiscal_year)?;
        konbit_core::fs::write_pdf_or_csv(
            &path,
            |out| statements::write_csv(&statements::compute(conn, fy, lang)?, lang, out),
            || konbit_core::report::single::statements_pdf(conn, fy, lang),
        )
    })?;
    state.files.register(Purpose::Written, path).map(Some)
}

#[tauri::command(async)]
pub fn budget_lines(state: State<'_, AppState>, fiscal_year: String) -> CmdResult<Vec<BudgetLine>> {
    state.read(|conn| budget::for_year(conn, &fiscal_year))
}

#[tauri::command(async)]
pub fn set_budget_line(state: State<'_, AppState>, line: BudgetLine) -> CmdResult<Vec<BudgetLine>> {
    state.write(|tx| {
        budget::set(tx, &line)?;
        budget::for_year(tx, &line.fiscal_year)
    })
}

#[tauri::command(async)]
pub fn copy_budget(
    state: State<'_, AppState>,
    from: String,
    to: String,
    percent: f64,
) -> CmdResult<u32> {
    state.write(|tx| budget::copy_year(tx, &from, &to, percent))
}

#[tauri::command(async)]
pub fn budget_vs_actual(
    state: State<'_, AppState>,
    fiscal_year: String,
    quarter: u8,
    team_id: Option<i64>,
    year_to_date: bool,
) -> CmdResult<BudgetVsActual> {
    state.read(|conn| budget::compare(conn, &fiscal_year, quarter, team_id, year_to_date))
}

#[tauri::command(async)]
pub fn set_budget_comment(
    state: State<'_, AppState>,
    fiscal_year: String,
    quarter: u8,
    team_id: i64,
    comment: String,
) -> CmdResult<()> {
    state.write(|tx| budget::set_comment(tx, &fiscal_year, quarter, team_id, &comment))
}
