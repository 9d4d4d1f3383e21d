//! The database itself: status at start, first-start choices, opening another file, saving a copy.

use tauri::{State, WebviewWindow};

use konbit_core::organisation::settings::{self, Settings};

use crate::dialogs;
use crate::error::{AppError, CmdResult};
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
    state.write(|tx| {
        if settings::get(tx)?.is_some() {
            return Err(konbit_core::Error::Refused(
                konbit_core::Problem::OrganisationExists,
            ));
        }
        settings::save(tx, &Settings::new(&name))
    })?;
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

/// Opens a PDF or CSV Konbit just wrote in the system's viewer.
#[tauri::command(async)]
pub fn open_document(path: std::path::PathBuf) -> CmdResult<()> {
    dialogs::open_in_viewer(&path).map_err(|reason| AppError::from(Problem::OpenFailed { reason }))
}

/// Any table on screen, saved as CSV where the person chooses; `None` when cancelled.
#[tauri::command]
pub async fn save_table_csv(
    window: WebviewWindow,
    file_name: String,
    table: konbit_core::table::Table,
) -> CmdResult<Option<String>> {
    // Only a name is suggested: the dialog decides the folder.
    let suggested = std::path::Path::new(&file_name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "konbit.csv".into());
    let Some(path) = dialogs::save_file(&window, &suggested, "CSV", &["csv"]).await else {
        return Ok(None);
    };
    konbit_core::fs::write_atomically(&path, |out| konbit_core::table::write_csv(&table, out))?;
    Ok(Some(path.display().to_string()))
}

/// File → Enregistrer une copie… Returns the path written, or `None` when cancelled.
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
    if state.status()?.db_path == path.display().to_string() {
        return Err(AppError::from(Problem::SameDatabase));
    }
    state.backup_to(&path)?;
    Ok(Some(path.display().to_string()))
}

/// One automatic backup, as the Sauvegardes screen lists it.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct BackupInfo {
    pub day: chrono::NaiveDate,
    pub path: String,
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
            path: path.display().to_string(),
        })
        .collect())
}

/// Restores one of the automatic backups (the UI asks for a confirmation first); answers where
/// the replaced file was kept.
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
    Ok(state.restore(&path)?.display().to_string())
}
