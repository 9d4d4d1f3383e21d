use tauri::State;

use konbit_core::clients::client::{self, Client, ClientInput};
use konbit_core::listing::{ListQuery, Page};

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn list_clients(state: State<'_, AppState>, query: ListQuery) -> CmdResult<Page<Client>> {
    state.read(|conn| client::list(conn, &query))
}

#[tauri::command(async)]
pub fn get_client(state: State<'_, AppState>, id: i64) -> CmdResult<Client> {
    state.read(|conn| client::get(conn, id))
}

#[tauri::command(async)]
pub fn client_namesakes(state: State<'_, AppState>, name: String) -> CmdResult<Vec<String>> {
    state.read(|conn| client::namesakes(conn, &name))
}

#[tauri::command(async)]
pub fn create_client(state: State<'_, AppState>, input: ClientInput) -> CmdResult<Client> {
    state.write(|tx| client::create(tx, &input))
}

#[tauri::command(async)]
pub fn update_client(state: State<'_, AppState>, id: i64, input: ClientInput) -> CmdResult<Client> {
    state.write(|tx| client::update(tx, id, &input))
}

#[tauri::command(async)]
pub fn archive_client(state: State<'_, AppState>, id: i64, archived: bool) -> CmdResult<Client> {
    state.write(|tx| client::set_archived(tx, id, archived))
}
