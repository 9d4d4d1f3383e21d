use tauri::State;

use konbit_core::clock;
use konbit_core::fiscal::{self, YearsOnRecord};
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

/// The years the year picker offers, and the one the screens open on before any choice.
#[tauri::command(async)]
pub fn fiscal_years_on_record(state: State<'_, AppState>) -> CmdResult<YearsOnRecord> {
    state.read(|conn| {
        let start_month = settings::require(conn)?.fiscal_year_start_month;
        fiscal::on_record(conn, clock::today(), start_month)
    })
}
