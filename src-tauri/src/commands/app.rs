//! The database itself: status at start, first-start choices, opening another file, saving a copy.

use tauri::{State, WebviewWindow};

use konbit_core::organisation::settings;

use crate::dialogs;
use crate::error::{AppError, CmdResult};
use crate::files::{display_name, FileId, FileRef, Purpose};
use crate::state::{AppState, AppStatus};
use konbit_core::Problem;

#[tauri::command(async)]
pub fn app_status(state: State<'_, AppState>) -> CmdResult<AppStatus> {
    state.status()
}

#[tauri::command(async)]
pub fn create_demo(state: State<'_, AppState>) -> CmdResult<AppStatus> {
    state.write(|tx| konbit_core::demo::create(tx, konbit_core::demo::DEFAULT_SEED))?;
    state.status()
}

#[tauri::command(async)]
pub fn start_empty(state: State<'_, AppState>, name: String) -> CmdResult<AppStatus> {
    state.write(|tx| settings::start_empty(tx, &name))?;
    state.status()
}

/// File → Ouvrir une autre base… Returns `None` when the person cancels the dialog.
#[tauri::command]
pub async fn open_database(
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> CmdResult<Option<AppStatus>> {
    match dialogs::pick_file(&window, "Konbit", &["sqlite", "db", "bak"]).await {
        Some(path) => state.reopen(&path).map(Some),
        None => Ok(None),
    }
}

/// Opens a PDF or CSV in the system's viewer: one Konbit wrote or the person picked in this
/// window, by the id the command that wrote or picked it answered. Any other id is refused
/// (`unknown_file`); the documents attached to records open by their record's id
/// (`open_expense_attachment`, `open_case_document`).
#[tauri::command(async)]
pub fn open_document(state: State<'_, AppState>, id: FileId) -> CmdResult<()> {
    open_known(&state, id, dialogs::open_in_viewer)
}

/// À propos → « Ouvrir le dossier des sauvegardes »: the folder beside the open database, in
/// the file manager; its path never leaves the shell.
#[tauri::command(async)]
pub fn open_backups_folder(state: State<'_, AppState>) -> CmdResult<()> {
    let folder = state.backups_folder()?;
    dialogs::open_folder(&folder).map_err(|reason| AppError::from(Problem::OpenFailed { reason }))
}

/// Hands the path behind `id` to `open` (the system viewer) when the registry issued `id`.
fn open_known(
    state: &AppState,
    id: FileId,
    open: impl FnOnce(&std::path::Path) -> Result<(), String>,
) -> CmdResult<()> {
    let path = state.files.path(id, &[Purpose::Written, Purpose::Import])?;
    open(&path).map_err(|reason| AppError::from(Problem::OpenFailed { reason }))
}

/// Any table on screen, saved as CSV where the person chooses; `None` when cancelled.
#[tauri::command]
pub async fn save_table_csv(
    window: WebviewWindow,
    state: State<'_, AppState>,
    file_name: String,
    table: konbit_core::table::Table,
) -> CmdResult<Option<FileRef>> {
    // Only a name is suggested: the dialog decides the folder.
    let suggested = std::path::Path::new(&file_name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "konbit.csv".into());
    let Some(path) = dialogs::save_file(&window, &suggested, "CSV", &["csv"]).await else {
        return Ok(None);
    };
    konbit_core::fs::write_atomically(&path, |out| konbit_core::table::write_csv(&table, out))?;
    state.files.register(Purpose::Written, path).map(Some)
}

/// File → Enregistrer une copie… Returns the name of the file written (its folder stays here),
/// or `None` when cancelled.
#[tauri::command]
pub async fn save_copy(
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> CmdResult<Option<String>> {
    let Some(path) =
        dialogs::save_file(&window, "konbit-copie.sqlite", "Konbit", &["sqlite"]).await
    else {
        return Ok(None);
    };
    state.backup_to(&path)?;
    Ok(Some(display_name(&path)))
}

/// One automatic backup, as the Sauvegardes screen lists it.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct BackupInfo {
    pub day: chrono::NaiveDate,
    pub size: u64,
}

#[tauri::command(async)]
pub fn list_backups(state: State<'_, AppState>) -> CmdResult<Vec<BackupInfo>> {
    Ok(state
        .backups()?
        .into_iter()
        .map(|(day, path)| BackupInfo {
            day,
            size: std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
        })
        .collect())
}

/// Restores one of the automatic backups (the UI asks for a confirmation first); answers the
/// name of the replaced file, kept beside the database.
#[tauri::command(async)]
pub fn restore_backup(state: State<'_, AppState>, day: chrono::NaiveDate) -> CmdResult<String> {
    let (_, path) = state
        .backups()?
        .into_iter()
        .find(|(d, _)| *d == day)
        .ok_or_else(|| {
            AppError::from(Problem::NoBackupThatDay {
                date: day.to_string(),
            })
        })?;
    Ok(display_name(&state.restore(&path)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_document_opens_only_files_the_registry_issued() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path().join("konbit.sqlite"));
        let pdf = dir.path().join("rapport-annuel.pdf");
        std::fs::write(&pdf, b"%PDF-1.7\n").unwrap();
        let written = state.files.register(Purpose::Written, pdf.clone()).unwrap();
        let mut opened = Vec::new();
        open_known(&state, written.id, |p| {
            opened.push(p.to_owned());
            Ok(())
        })
        .unwrap();
        assert_eq!(opened, [pdf]);

        let unknown: FileId =
            serde_json::from_value(serde_json::json!("0000000000000001")).unwrap();
        let refused = open_known(&state, unknown, |_| panic!("nothing is opened")).unwrap_err();
        assert_eq!(*refused.problem, Problem::UnknownFile);
    }

    #[test]
    fn the_viewer_opens_only_pdf_and_csv_even_when_registered() {
        // A registered path that is not a PDF or CSV is still not handed to the system opener.
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("lancer.sh");
        std::fs::write(&script, b"#!/bin/sh\n").unwrap();
        let reason = dialogs::open_in_viewer(&script).unwrap_err();
        assert_eq!(reason, "lancer.sh is not a PDF or CSV file");
    }

    #[test]
    fn the_status_names_the_database_without_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path().join("konbit.sqlite"));
        let status = serde_json::to_value(state.status().unwrap()).unwrap();
        assert_eq!(status["db_name"], "konbit.sqlite");
        let folder = dir.path().display().to_string();
        assert!(!status.to_string().contains(&folder), "{status}");
        assert_eq!(status["db_key"].as_str().unwrap().len(), 64);
    }

    #[test]
    fn a_copy_is_never_written_over_the_open_database() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("konbit.sqlite");
        let state = AppState::open(db.clone());
        let refused = state.backup_to(&db).unwrap_err();
        assert_eq!(*refused.problem, Problem::SameDatabase);
    }
}
