//! Timesheets as lists and files: the entries of a filter page by page, CSV export, and the
//! import of other tools' exports (preview, then all-or-nothing commit).

use std::path::PathBuf;

use tauri::{State, WebviewWindow};

use konbit_core::listing::{Cursor, Page};
use konbit_core::worktime::import::{self, Format, ImportOptions, ImportOutcome, ImportPreview};
use konbit_core::worktime::timesheet::{self, TimesheetFilter, TimesheetRow};

use crate::dialogs;
use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn timesheet_page(
    state: State<'_, AppState>,
    filter: TimesheetFilter,
    after: Option<Cursor>,
    limit: u32,
) -> CmdResult<Page<TimesheetRow>> {
    state.read(|conn| timesheet::page(conn, &filter, after.as_ref(), limit))
}

/// Asks where to save, then writes the filter's entries as CSV. `None` when cancelled.
#[tauri::command]
pub async fn export_timesheet(
    window: WebviewWindow,
    state: State<'_, AppState>,
    filter: TimesheetFilter,
) -> CmdResult<Option<String>> {
    let name = format!("heures-{}-{}.csv", filter.from, filter.to);
    let Some(path) = dialogs::save_file(&window, &name, "CSV", &["csv"]).await else {
        return Ok(None);
    };
    state.read(|conn| {
        konbit_core::fs::write_atomically(&path, |out| timesheet::write_csv(conn, &filter, out))
    })?;
    Ok(Some(path.display().to_string()))
}

/// The file to import, chosen in the native dialog; `None` when cancelled.
#[tauri::command]
pub async fn pick_timesheet_file(window: WebviewWindow) -> CmdResult<Option<String>> {
    Ok(dialogs::pick_file(&window, "CSV", &["csv", "txt"])
        .await
        .map(|p| p.display().to_string()))
}

#[tauri::command(async)]
pub fn preview_timesheet_import(
    state: State<'_, AppState>,
    path: PathBuf,
    format: Format,
    options: ImportOptions,
) -> CmdResult<ImportPreview> {
    let bytes = import::read_file(&path)?;
    state.read(|conn| import::preview(conn, format, &bytes, &options))
}

#[tauri::command(async)]
pub fn import_timesheet(
    state: State<'_, AppState>,
    path: PathBuf,
    format: Format,
    options: ImportOptions,
) -> CmdResult<ImportOutcome> {
    let bytes = import::read_file(&path)?;
    state.write(|tx| import::commit(tx, format, &bytes, &options))
}
