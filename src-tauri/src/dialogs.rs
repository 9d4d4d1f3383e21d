//! Native open and save dialogs (rfd, GTK). The paths they answer stay in the shell: a command
//! keeps a path it hands on in the [`Files`] registry and gives the UI its id and name.
//!
//! End-to-end tests cannot click inside a GTK dialog, so a build with the `e2e` feature answers
//! every dialog with the path in `KONBIT_E2E_DIALOG` at once. A build without it (the one people
//! run) does not read the variable at all: otherwise whoever sets a variable in the app's
//! environment would choose the files it reads and writes.

use std::path::{Path, PathBuf};

use tauri::WebviewWindow;

use crate::error::CmdResult;
use crate::files::{FileRef, Files, Purpose};

/// A file to open, or `None` when the person cancels.
pub async fn pick_file(window: &WebviewWindow, name: &str, extensions: &[&str]) -> Option<PathBuf> {
    if let Some(path) = e2e_answer() {
        return Some(path);
    }
    let picked = rfd::AsyncFileDialog::new()
        .set_parent(window)
        .set_title("Konbit")
        .add_filter(name, extensions)
        .pick_file()
        .await;
    picked.map(|f| f.path().to_owned())
}

/// Opens a document Konbit wrote or the person picked (PDF or CSV, found through the registry)
/// in the system's viewer, from which people print. The extension is checked again: the
/// registry vouches for where the path came from, not for what the system opener would run.
pub fn open_in_viewer(path: &Path) -> Result<(), String> {
    let allowed = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "pdf" | "csv"));
    if !allowed || !path.is_file() {
        return Err(format!(
            "{} is not a PDF or CSV file",
            crate::files::display_name(path)
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
                crate::files::display_name(path)
            )
        })
}

/// Opens a folder Konbit keeps (the automatic backups) in the system's file manager.
pub fn open_folder(path: &Path) -> Result<(), String> {
    if !path.is_dir() {
        return Err(format!(
            "{} is not a folder",
            crate::files::display_name(path)
        ));
    }
    launch(path)
}

/// Opens a checked copy of an attached document (a receipt, a court order) in the system's
/// viewer.
pub fn open_copy(path: &Path) -> Result<(), String> {
    launch(path)
}

/// Asks where to save a PDF suggested as `file_name`, then writes what `render` makes there, in
/// one step; answers the file written, or `None` when the person cancels (nothing is rendered
/// then).
pub async fn save_pdf(
    window: &WebviewWindow,
    files: &Files,
    file_name: &str,
    render: impl FnOnce() -> CmdResult<Vec<u8>>,
) -> CmdResult<Option<FileRef>> {
    let Some(path) = save_file(window, file_name, "PDF", &["pdf"]).await else {
        return Ok(None);
    };
    konbit_core::fs::write_bytes(&path, &render()?)?;
    files.register(Purpose::Written, path).map(Some)
}

/// Where to save a file suggested as `file_name`, or `None` when the person cancels.
pub async fn save_file(
    window: &WebviewWindow,
    file_name: &str,
    name: &str,
    extensions: &[&str],
) -> Option<PathBuf> {
    if let Some(path) = e2e_answer() {
        return Some(path);
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

/// The path the end-to-end tests answer every dialog with (`KONBIT_E2E_DIALOG`).
#[cfg(feature = "e2e")]
fn e2e_answer() -> Option<PathBuf> {
    std::env::var_os("KONBIT_E2E_DIALOG").map(PathBuf::from)
}

/// Without the `e2e` feature the dialogs always ask the person: the variable's name is not even
/// in the binary.
#[cfg(not(feature = "e2e"))]
fn e2e_answer() -> Option<PathBuf> {
    None
}

#[cfg(test)]
mod tests {
    #[cfg(not(feature = "e2e"))]
    #[test]
    fn without_the_e2e_feature_the_variable_is_ignored() {
        // No other test of this binary reads or sets this variable.
        std::env::set_var("KONBIT_E2E_DIALOG", "/tmp/konbit-e2e-answer.pdf");
        assert_eq!(super::e2e_answer(), None);
    }

    #[cfg(feature = "e2e")]
    #[test]
    fn with_the_e2e_feature_the_variable_answers_the_dialogs() {
        // No other test of this binary reads or sets this variable.
        std::env::set_var("KONBIT_E2E_DIALOG", "/tmp/konbit-e2e-answer.pdf");
        assert_eq!(
            super::e2e_answer(),
            Some(std::path::PathBuf::from("/tmp/konbit-e2e-answer.pdf"))
        );
    }
}
