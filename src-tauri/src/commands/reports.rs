//! Reports: the annual report's sections and their preview, and the PDFs saved through the
//! native dialog. Rendering runs off the main thread; the window stays responsive.

use tauri::{State, WebviewWindow};

use konbit_core::organisation::settings;
use konbit_core::report::generated::GeneratedSection;
use konbit_core::report::preview::{self, Preview};
use konbit_core::report::section::{self, Section, SectionInput};
use konbit_core::report::{annual, single, team};
use konbit_core::Lang;

use crate::dialogs;
use crate::error::CmdResult;
use crate::files::FileRef;
use crate::state::AppState;

#[tauri::command(async)]
pub fn report_sections(state: State<'_, AppState>, fiscal_year: String) -> CmdResult<Vec<Section>> {
    state.read(|conn| section::for_year(conn, &fiscal_year))
}

#[tauri::command(async)]
pub fn save_report_section(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: SectionInput,
) -> CmdResult<Section> {
    state.write(|tx| match id {
        Some(id) => section::update(tx, id, &input),
        None => section::create(tx, &input),
    })
}

#[tauri::command(async)]
pub fn shift_report_section(
    state: State<'_, AppState>,
    id: i64,
    by: i32,
) -> CmdResult<Vec<Section>> {
    state.write(|tx| section::shift(tx, id, by))
}

#[tauri::command(async)]
pub fn remove_report_section(state: State<'_, AppState>, id: i64) -> CmdResult<Vec<Section>> {
    state.write(|tx| {
        let year = section::get(tx, id)?.fiscal_year;
        section::remove(tx, id)?;
        section::for_year(tx, &year)
    })
}

#[tauri::command(async)]
pub fn start_report_outline(
    state: State<'_, AppState>,
    fiscal_year: String,
) -> CmdResult<Vec<Section>> {
    state.write(|tx| section::start_outline(tx, &fiscal_year))
}

/// The preview of a written body, or of a generated section for the year.
#[tauri::command(async)]
pub fn preview_section(
    state: State<'_, AppState>,
    fiscal_year: String,
    generated: Option<GeneratedSection>,
    body: String,
    lang: Lang,
) -> CmdResult<Preview> {
    match generated {
        None => Ok(preview::prose(&body)),
        Some(which) => state.read(|conn| {
            let fy = settings::fiscal_year(conn, &fiscal_year)?;
            preview::generated(conn, fy, which, lang)
        }),
    }
}

/// Saves the annual report where the person chooses; `None` when cancelled.
#[tauri::command]
pub async fn save_annual_report(
    window: WebviewWindow,
    state: State<'_, AppState>,
    fiscal_year: String,
    lang: Lang,
) -> CmdResult<Option<FileRef>> {
    let name = if lang == Lang::Fr {
        format!("rapport-annuel-{fiscal_year}.pdf")
    } else {
        format!("annual-report-{fiscal_year}.pdf")
    };
    dialogs::save_pdf(&window, &state.files, &name, || {
        Ok(state
            .read(|conn| annual::write_pdf(conn, settings::fiscal_year(conn, &fiscal_year)?, lang))?
            .bytes)
    })
    .await
}

/// Saves a team's quarterly report; `None` when cancelled.
#[tauri::command]
pub async fn save_team_report(
    window: WebviewWindow,
    state: State<'_, AppState>,
    fiscal_year: String,
    quarter: u8,
    team_code: String,
    lang: Lang,
) -> CmdResult<Option<FileRef>> {
    let name = format!("rapport-{team_code}-t{quarter}-{fiscal_year}.pdf");
    dialogs::save_pdf(&window, &state.files, &name, || {
        state.read(|conn| team::write_pdf(conn, &fiscal_year, quarter, &team_code, lang))
    })
    .await
}

/// Saves the year's cashflow with its projection as of `as_of`; `None` when cancelled.
#[tauri::command]
pub async fn save_cashflow_report(
    window: WebviewWindow,
    state: State<'_, AppState>,
    fiscal_year: String,
    as_of: chrono::NaiveDate,
    lang: Lang,
) -> CmdResult<Option<FileRef>> {
    let render = || {
        state.read(|conn| {
            single::cashflow_pdf(
                conn,
                settings::fiscal_year(conn, &fiscal_year)?,
                as_of,
                lang,
            )
        })
    };
    dialogs::save_pdf(
        &window,
        &state.files,
        &format!("tresorerie-{fiscal_year}.pdf"),
        render,
    )
    .await
}

/// Saves the year's work distribution; `None` when cancelled.
#[tauri::command]
pub async fn save_distribution_report(
    window: WebviewWindow,
    state: State<'_, AppState>,
    fiscal_year: String,
    lang: Lang,
) -> CmdResult<Option<FileRef>> {
    let render = || {
        state.read(|conn| {
            single::distribution_pdf(conn, settings::fiscal_year(conn, &fiscal_year)?, lang)
        })
    };
    dialogs::save_pdf(
        &window,
        &state.files,
        &format!("repartition-du-travail-{fiscal_year}.pdf"),
        render,
    )
    .await
}
