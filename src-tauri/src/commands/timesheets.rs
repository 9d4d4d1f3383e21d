//! Timesheets as lists and files: the entries of a filter page by page, CSV export, and the
//! import of other tools' exports (preview, then all-or-nothing commit).

use tauri::{State, WebviewWindow};

use konbit_core::listing::{Cursor, Page};
use konbit_core::worktime::import::{self, Format, ImportOptions, ImportOutcome, ImportPreview};
use konbit_core::worktime::timesheet::{self, TimesheetFilter, TimesheetRow};

use crate::dialogs;
use crate::error::CmdResult;
use crate::files::{FileId, FileRef, Purpose};
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
) -> CmdResult<Option<FileRef>> {
    let name = format!("heures-{}-{}.csv", filter.from, filter.to);
    let Some(path) = dialogs::save_file(&window, &name, "CSV", &["csv"]).await else {
        return Ok(None);
    };
    state.read(|conn| {
        konbit_core::fs::write_atomically(&path, |out| timesheet::write_csv(conn, &filter, out))
    })?;
    state.files.register(Purpose::Written, path).map(Some)
}

/// The file to import, chosen in the native dialog; `None` when cancelled. The preview and the
/// import take the id answered here, and no other.
#[tauri::command]
pub async fn pick_timesheet_file(
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> CmdResult<Option<FileRef>> {
    match dialogs::pick_file(&window, "CSV", &["csv", "txt"]).await {
        Some(path) => state.files.register(Purpose::Import, path).map(Some),
        None => Ok(None),
    }
}

#[tauri::command(async)]
pub fn preview_timesheet_import(
    state: State<'_, AppState>,
    file: FileId,
    format: Format,
    options: ImportOptions,
) -> CmdResult<ImportPreview> {
    preview(&state, file, format, &options)
}

#[tauri::command(async)]
pub fn import_timesheet(
    state: State<'_, AppState>,
    file: FileId,
    format: Format,
    options: ImportOptions,
) -> CmdResult<ImportOutcome> {
    let bytes = picked_bytes(&state, file)?;
    state.write(|tx| import::commit(tx, format, &bytes, &options))
}

fn preview(
    state: &AppState,
    file: FileId,
    format: Format,
    options: &ImportOptions,
) -> CmdResult<ImportPreview> {
    let bytes = picked_bytes(state, file)?;
    state.read(|conn| import::preview(conn, format, &bytes, options))
}

/// The bytes of the file picked for the import: only an id `pick_timesheet_file` answered.
fn picked_bytes(state: &AppState, file: FileId) -> CmdResult<Vec<u8>> {
    Ok(import::read_file(
        &state.files.path(file, &[Purpose::Import])?,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo(dir: &tempfile::TempDir) -> AppState {
        let state = AppState::open(dir.path().join("konbit.sqlite"));
        state.write(|tx| konbit_core::demo::create(tx, 1)).unwrap();
        state
    }

    fn code<T: std::fmt::Debug>(result: CmdResult<T>) -> String {
        match result {
            Ok(value) => format!("ok {value:?}"),
            Err(e) => serde_json::to_value(&e).unwrap()["code"]
                .as_str()
                .unwrap()
                .to_owned(),
        }
    }

    #[test]
    fn the_import_reads_only_the_file_picked_for_it() {
        let dir = tempfile::tempdir().unwrap();
        let state = demo(&dir);
        let csv = dir.path().join("toggl.csv");
        std::fs::write(
            &csv,
            include_str!("../../../core/src/worktime/import/fixtures/toggl.csv"),
        )
        .unwrap();
        let options = ImportOptions::default();
        let picked = state.files.register(Purpose::Import, csv.clone()).unwrap();
        let previewed = preview(&state, picked.id, Format::Toggl, &options).unwrap();
        assert_eq!(previewed.new_entries, 4);

        // The same file, but written by the app (an export), or an id never issued: refused
        // before anything is read.
        let written = state.files.register(Purpose::Written, csv).unwrap();
        let unknown: FileId =
            serde_json::from_value(serde_json::json!("00000000deadbeef")).unwrap();
        for id in [written.id, unknown] {
            assert_eq!(
                code(preview(&state, id, Format::Toggl, &options)),
                "unknown_file"
            );
            assert_eq!(code(picked_bytes(&state, id)), "unknown_file");
        }
    }
}
