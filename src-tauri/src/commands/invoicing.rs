//! Invoicing: drafts, lines, hours, issuing, credit notes, the PDF, contracts and tax rates.

use chrono::NaiveDate;
use tauri::{State, WebviewWindow};

use konbit_core::invoicing::contract::{self, Contract, ContractInput, Generated};
use konbit_core::invoicing::invoice::{
    self, CreditInput, DraftInput, Invoice, InvoiceFilter, InvoiceSummary, LineInput, TimeSelection,
};
use konbit_core::invoicing::tax::{self, TaxRate, Taxes};
use konbit_core::listing::{Cursor, Page};
use konbit_core::Cents;

use crate::dialogs;
use crate::error::CmdResult;
use crate::files::FileRef;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_invoices(
    state: State<'_, AppState>,
    filter: InvoiceFilter,
    after: Option<Cursor>,
    limit: u32,
) -> CmdResult<Page<InvoiceSummary>> {
    state.read(|conn| invoice::list(conn, &filter, after.as_ref(), limit))
}

#[tauri::command(async)]
pub fn get_invoice(state: State<'_, AppState>, id: i64) -> CmdResult<Invoice> {
    state.read(|conn| invoice::get(conn, id))
}

#[tauri::command(async)]
pub fn create_draft_invoice(state: State<'_, AppState>, input: DraftInput) -> CmdResult<Invoice> {
    state.write(|tx| invoice::create_draft(tx, &input))
}

#[tauri::command(async)]
pub fn update_draft_invoice(
    state: State<'_, AppState>,
    id: i64,
    input: DraftInput,
) -> CmdResult<Invoice> {
    state.write(|tx| invoice::update_draft(tx, id, &input))
}

#[tauri::command(async)]
pub fn delete_draft_invoice(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state.write(|tx| invoice::delete_draft(tx, id))
}

#[tauri::command(async)]
pub fn add_invoice_line(
    state: State<'_, AppState>,
    id: i64,
    input: LineInput,
) -> CmdResult<Invoice> {
    state.write(|tx| invoice::add_line(tx, id, &input))
}

#[tauri::command(async)]
pub fn remove_invoice_line(
    state: State<'_, AppState>,
    id: i64,
    line_id: i64,
) -> CmdResult<Invoice> {
    state.write(|tx| invoice::remove_line(tx, id, line_id))
}

#[tauri::command(async)]
pub fn add_invoice_time(
    state: State<'_, AppState>,
    id: i64,
    selection: TimeSelection,
) -> CmdResult<Invoice> {
    state.write(|tx| invoice::add_time(tx, id, &selection))
}

#[tauri::command(async)]
pub fn issue_invoice(state: State<'_, AppState>, id: i64) -> CmdResult<Invoice> {
    state.write(|tx| invoice::issue(tx, id))
}

#[tauri::command(async)]
pub fn create_credit_note(
    state: State<'_, AppState>,
    id: i64,
    input: CreditInput,
) -> CmdResult<Invoice> {
    state.write(|tx| invoice::create_credit_note(tx, id, &input))
}

/// Asks where to save, then writes the invoice's PDF there. `None` when cancelled.
#[tauri::command]
pub async fn save_invoice_pdf(
    window: WebviewWindow,
    state: State<'_, AppState>,
    id: i64,
) -> CmdResult<Option<FileRef>> {
    let (bytes, number) = state.read(|conn| {
        let number = invoice::get(conn, id)?
            .number
            .unwrap_or_else(|| "brouillon".into());
        Ok((konbit_core::invoicing::document::pdf(conn, id)?, number))
    })?;
    dialogs::save_pdf(
        &window,
        &state.files,
        &format!("facture-{number}.pdf"),
        || Ok(bytes),
    )
    .await
}

#[tauri::command(async)]
pub fn list_contracts(
    state: State<'_, AppState>,
    client_id: Option<i64>,
) -> CmdResult<Vec<Contract>> {
    state.read(|conn| contract::list(conn, client_id))
}

#[tauri::command(async)]
pub fn create_contract(state: State<'_, AppState>, input: ContractInput) -> CmdResult<Contract> {
    state.write(|tx| contract::create(tx, &input))
}

#[tauri::command(async)]
pub fn update_contract(
    state: State<'_, AppState>,
    id: i64,
    input: ContractInput,
) -> CmdResult<Contract> {
    state.write(|tx| contract::update(tx, id, &input))
}

#[tauri::command(async)]
pub fn archive_contract(
    state: State<'_, AppState>,
    id: i64,
    archived: bool,
) -> CmdResult<Contract> {
    state.write(|tx| contract::set_archived(tx, id, archived))
}

#[tauri::command(async)]
pub fn generate_contract_invoices(
    state: State<'_, AppState>,
    through: NaiveDate,
    invoice_date: NaiveDate,
) -> CmdResult<Generated> {
    state.write(|tx| contract::generate(tx, through, invoice_date))
}

#[tauri::command(async)]
pub fn list_tax_rates(state: State<'_, AppState>) -> CmdResult<Vec<TaxRate>> {
    state.read(tax::list)
}

/// The GST and QST on an amount before taxes at the rates in force that day, as an invoice
/// computes them: what the expense form fills in.
#[tauri::command(async)]
pub fn sales_taxes_on(
    state: State<'_, AppState>,
    on: NaiveDate,
    amount: Cents,
) -> CmdResult<Taxes> {
    state.read(|conn| Ok(tax::on(conn, on)?.apply(amount, false)))
}

#[tauri::command(async)]
pub fn add_tax_rate(state: State<'_, AppState>, rate: TaxRate) -> CmdResult<Vec<TaxRate>> {
    state.write(|tx| tax::add(tx, &rate))
}
