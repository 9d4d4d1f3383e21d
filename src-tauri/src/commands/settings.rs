use tauri::State;

use konbit_core::organisation::settings::{self, Settings};

use crate::error::CmdResult;
use crate::state::AppState;

#[tauri::command(async)]
pub fn get_settings(state: State<'_, AppState>) -> CmdResult<Option<Settings>> {
    state.read(settings::get)
}

#[tauri::command(async)]
pub fn save_settings(state: State<'_, AppState>, settings: Settings) -> CmdResult<Settings> {
    state.write(|tx| settings::save(tx, &settings))
}
