//! Money coming in: payments and their allocation, what clients owe as of a date, statements,
//! and the sales tax summary for the returns.

use chrono::NaiveDate;
use tauri::{State, WebviewWindow};

use konbit_core::invoicing::payment::{self, Allocation, Payment, PaymentInput};
use konbit_core::invoicing::receivables::{self, Aging, QuarterOverdue, Statement};
use konbit_core::invoicing::sales_tax::{self, SalesTaxSummary};
use konbit_core::money::Cents;
use konbit_core::Lang;

use crate::dialogs;
use crate::error::CmdResult;
use crate::files::{FileRef, Purpose};
use crate::state::AppState;

#[tauri::command(async)]
pub fn record_payment(state: State<'_, AppState>, input: PaymentInput) -> CmdResult<Payment> {
    state.write(|tx| payment::record(tx, &input))
}

#[tauri::command(async)]
pub fn allocate_payment(
    state: State<'_, AppState>,
    id: i64,
    allocations: Vec<Allocation>,
) -> CmdResult<Payment> {
    state.write(|tx| payment::allocate(tx, id, &allocations))
}

/// Voids a payment by a reversing record; its invoices are due again.
#[tauri::command(async)]
pub fn void_payment(state: State<'_, AppState>, id: i64, reason: String) -> CmdResult<Payment> {
    state.write(|tx| payment::void(tx, id, &reason))
}

/// Voids a payment typed wrong and records it again as corrected, both or neither.
#[tauri::command(async)]
pub fn correct_payment(
    state: State<'_, AppState>,
    id: i64,
    input: PaymentInput,
    reason: String,
) -> CmdResult<Payment> {
    state.write(|tx| payment::correct(tx, id, &input, &reason))
}

#[tauri::command(async)]
pub fn client_payments(state: State<'_, AppState>, client_id: i64) -> CmdResult<Vec<Payment>> {
    state.read(|conn| payment::for_client(conn, client_id))
}

#[tauri::command(async)]
pub fn client_credit(state: State<'_, AppState>, client_id: i64) -> CmdResult<Cents> {
    state.read(|conn| payment::client_credit(conn, client_id))
}

#[tauri::command(async)]
pub fn receivables_aging(state: State<'_, AppState>, as_of: NaiveDate) -> CmdResult<Aging> {
    state.read(|conn| receivables::aging(conn, as_of))
}

#[tauri::command(async)]
pub fn over_90_by_quarter(
    state: State<'_, AppState>,
    fiscal_year: String,
) -> CmdResult<Vec<QuarterOverdue>> {
    state.read(|conn| {
        let start = konbit_core::organisation::settings::require(conn)?.fiscal_year_start_month;
        let fy = konbit_core::fiscal::FiscalYear::parse(&fiscal_year, start)?;
        receivables::over_90_by_quarter(conn, fy)
    })
}

/// Asks where to save the aging, as PDF or CSV by the name chosen. `None` when cancelled.
#[tauri::command]
pub async fn save_aging(
    window: WebviewWindow,
    state: State<'_, AppState>,
    as_of: NaiveDate,
    lang: Lang,
) -> CmdResult<Option<FileRef>> {
    let name = format!("comptes-a-recevoir-{as_of}.pdf");
    let Some(path) = dialogs::save_file(&window, &name, "PDF, CSV", &["pdf", "csv"]).await else {
        return Ok(None);
    };
    state.read(|conn| {
        let aging = receivables::aging(conn, as_of)?;
        let org = konbit_core::organisation::settings::require(conn)?.name;
        konbit_core::fs::write_pdf_or_csv(
            &path,
            |out| receivables::write_csv(&aging, lang, out),
            || receivables::write_pdf(&aging, &org, lang),
        )
    })?;
    state.files.register(Purpose::Written, path).map(Some)
}

#[tauri::command(async)]
pub fn client_statement(
    state: State<'_, AppState>,
    client_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> CmdResult<Statement> {
    state.read(|conn| receivables::statement(conn, client_id, from, to))
}

#[tauri::command(async)]
pub fn sales_tax_summary(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
) -> CmdResult<SalesTaxSummary> {
    state.read(|conn| sales_tax::summary(conn, from, to))
}
