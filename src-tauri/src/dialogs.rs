//! Native open and save dialogs (rfd, GTK). End-to-end tests cannot click inside a GTK dialog,
//! so when `KONBIT_E2E_DIALOG` is set every dialog answers that path at once; nothing else in
//! the app reads it.

use std::path::{Path, PathBuf};

use tauri::WebviewWindow;

use crate::error::CmdResult;

const E2E_ANSWER: &str = "KONBIT_E2E_DIALOG";

/// A file to open, or `None` when the person cancels.
pub async fn pick_file(window: &WebviewWindow, name: &str, extensions: &[&str]) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(E2E_ANSWER) {
        return Some(path.into());
    }
    let picked = rfd::AsyncFileDialog::new()
        .set_parent(window)
        .set_title("Konbit")
        .add_filter(name, extensions)
        .pick_file()
        .await;
    picked.map(|f| f.path().to_owned())
}

/// Opens a document Konbit wrote (PDF or CSV) in the system's viewer, from which people print.
pub fn open_in_viewer(path: &Path) -> Result<(), String> {
    let allowed = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "pdf" | "csv"));
    if !allowed || !path.is_file() {
        return Err(format!(
            "{} is not a PDF or CSV file Konbit wrote",
            path.display()
        ));
    }
    launch(path)
}

fn launch(path: &Path) -> Result<(), String> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(path)
        .spawn()
        .map(|_| ())
        .map_err(|e| {
            format!(
                "no program to open {} was found ({e}); open it from the file manager",
                path.display()
            )
        })
}

/// Opens a checked copy of an attached document (a receipt, a court order) in the system's
/// viewer.
pub fn open_copy(path: &Path) -> Result<(), String> {
    launch(path)
}

/// Asks where to save a PDF suggested as `file_name`, then writes what `render` makes there, in
/// one step; answers the path, or `None` when the person cancels (nothing is rendered then).
pub async fn save_pdf(
    window: &WebviewWindow,
    file_name: &str,
    render: impl FnOnce() -> CmdResult<Vec<u8>>,
) -> CmdResult<Option<String>> {
    let Some(path) = save_file(window, file_name, "PDF", &["pdf"]).await else {
        return Ok(None);
    };
    konbit_core::fs::write_bytes(&path, &render()?)?;
    Ok(Some(path.display().to_string()))
}

/// Where to save a file suggested as `file_name`, or `None` when the person cancels.
pub async fn save_file(
    window: &WebviewWindow,
    file_name: &str,
    name: &str,
    extensions: &[&str],
) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(E2E_ANSWER) {
        return Some(path.into());
    }
    let picked = rfd::AsyncFileDialog::new()
        .set_parent(window)
        .set_title("Konbit")
        .set_file_name(file_name)
        .add_filter(name, extensions)
        .save_file()
        .await;
    picked.map(|f| f.path().to_owned())
}
