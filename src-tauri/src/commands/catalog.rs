use tauri::State;

use konbit_core::catalog::{self, Catalog, Entry, EntryInput};

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_catalog(
    state: State<'_, AppState>,
    catalog: Catalog,
    include_archived: bool,
) -> CmdResult<Vec<Entry>> {
    state.read(|conn| catalog::list(conn, catalog, include_archived))
}

#[tauri::command(async)]
pub fn create_catalog_entry(
    state: State<'_, AppState>,
    catalog: Catalog,
    input: EntryInput,
) -> CmdResult<Entry> {
    state.write(|tx| catalog::create(tx, catalog, &input))
}

#[tauri::command(async)]
pub fn update_catalog_entry(
    state: State<'_, AppState>,
    catalog: Catalog,
    id: i64,
    input: EntryInput,
) -> CmdResult<Entry> {
    state.write(|tx| catalog::update(tx, catalog, id, &input))
}

#[tauri::command(async)]
pub fn archive_catalog_entry(
    state: State<'_, AppState>,
    catalog: Catalog,
    id: i64,
    archived: bool,
) -> CmdResult<Entry> {
    state.write(|tx| catalog::set_archived(tx, catalog, id, archived))
}
