//! Konbit's desktop shell. It holds the open database in managed state and exposes one small
//! command module per feature over `konbit-core`; all domain rules live in the core.
//!
//! **API boundary:** only this crate (and the CLI) turn core types into the wire format.

mod commands;
mod dialogs;
mod error;
mod files;
mod state;
mod window;

use std::path::PathBuf;

use tauri::Manager;

pub use error::{AppError, CmdResult};
pub use state::{AppState, AppStatus};

/// `konbit-app [--db PATH]`: the same database choice as the CLI (`--db`, then `KONBIT_DB`,
/// then the platform data folder).
fn db_path_from_args() -> Option<PathBuf> {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--db" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.to_str().and_then(|a| a.strip_prefix("--db=")) {
            return Some(PathBuf::from(path));
        }
    }
    None
}

mod backups {
    //! The automatic backups: one at start, then one a day while the app runs, off the main
    //! thread. A failed backup is reported on stderr and tried again an hour later; it never
    //! stops the app.
    use std::time::Duration;

    use tauri::{AppHandle, Manager};

    use crate::state::AppState;

    pub fn start(app: AppHandle) {
        std::thread::spawn(move || loop {
            if let Err(e) = app.state::<AppState>().automatic_backup() {
                eprintln!("konbit: the automatic backup failed: {}", e.message);
            }
            std::thread::sleep(Duration::from_secs(3600));
        });
    }
}

mod checkpoints {
    //! Copies the database's write-ahead log into its file every two seconds, off the write
    //! path (`Store::checkpoint`): a save or an import never waits for it. It takes the same
    //! lock as the commands, so it never meets a database being replaced by a restore; with
    //! nothing new in the log it takes microseconds.
    use std::time::Duration;

    use tauri::{AppHandle, Manager};

    use crate::state::AppState;

    pub fn start(app: AppHandle) {
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_secs(2));
            if let Err(e) = app.state::<AppState>().checkpoint() {
                eprintln!("konbit: the checkpoint failed: {}", e.message);
            }
        });
    }
}

pub fn run() {
    let state = match konbit_core::store::resolve_path(db_path_from_args()) {
        Ok(path) => AppState::open(path),
        Err(e) => AppState::unavailable(AppError::from(e)),
    };
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            // A second launch brings the running window forward instead of opening the books twice.
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .manage(state)
        .setup(|app| {
            backups::start(app.handle().clone());
            checkpoints::start(app.handle().clone());
            window::render_without_gpu(app)?;
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_status,
            commands::app::create_demo,
            commands::app::start_empty,
            commands::app::open_database,
            commands::app::save_table_csv,
            commands::app::save_copy,
            commands::app::open_document,
            commands::app::list_backups,
            commands::app::restore_backup,
            commands::settings::get_settings,
            commands::settings::save_settings,
            commands::settings::fiscal_years_on_record,
            commands::home::home_summary,
            commands::home::set_person,
            commands::members::list_members,
            commands::members::get_member,
            commands::members::member_namesakes,
            commands::members::create_member,
            commands::members::update_member,
            commands::members::archive_member,
            commands::workers::list_workers,
            commands::workers::get_worker,
            commands::workers::create_worker,
            commands::workers::add_worker_status,
            commands::workers::remove_worker_status,
            commands::workers::add_worker_wage,
            commands::workers::remove_worker_wage,
            commands::workers::set_worker_teams,
            commands::workers::archive_worker,
            commands::teams::list_teams,
            commands::teams::create_team,
            commands::teams::update_team,
            commands::teams::archive_team,
            commands::committees::list_committees,
            commands::committees::create_committee,
            commands::committees::update_committee,
            commands::committees::archive_committee,
            commands::clients::list_clients,
            commands::clients::get_client,
            commands::clients::client_namesakes,
            commands::clients::create_client,
            commands::clients::update_client,
            commands::clients::archive_client,
            commands::projects::list_projects,
            commands::projects::create_project,
            commands::projects::update_project,
            commands::projects::archive_project,
            commands::catalog::list_catalog,
            commands::catalog::create_catalog_entry,
            commands::catalog::update_catalog_entry,
            commands::catalog::archive_catalog_entry,
            commands::time::load_week,
            commands::time::set_week_cell,
            commands::time::list_entries,
            commands::time::create_entry,
            commands::time::update_entry,
            commands::time::delete_entry,
            commands::time::get_timer,
            commands::time::start_timer,
            commands::time::stop_timer,
            commands::time::discard_timer,
            commands::time::work_distribution,
            commands::time::distribution_by_year,
            commands::timesheets::timesheet_page,
            commands::timesheets::export_timesheet,
            commands::timesheets::pick_timesheet_file,
            commands::timesheets::preview_timesheet_import,
            commands::timesheets::import_timesheet,
            commands::plan::worker_plan,
            commands::plan::set_plan,
            commands::plan::plan_comparison,
            commands::plan::fill_week_from_plan,
            commands::invoicing::list_invoices,
            commands::invoicing::get_invoice,
            commands::invoicing::create_draft_invoice,
            commands::invoicing::update_draft_invoice,
            commands::invoicing::delete_draft_invoice,
            commands::invoicing::add_invoice_line,
            commands::invoicing::remove_invoice_line,
            commands::invoicing::add_invoice_time,
            commands::invoicing::issue_invoice,
            commands::invoicing::create_credit_note,
            commands::invoicing::save_invoice_pdf,
            commands::invoicing::list_contracts,
            commands::invoicing::create_contract,
            commands::invoicing::update_contract,
            commands::invoicing::archive_contract,
            commands::invoicing::generate_contract_invoices,
            commands::invoicing::list_tax_rates,
            commands::invoicing::sales_taxes_on,
            commands::invoicing::add_tax_rate,
            commands::receivables::record_payment,
            commands::receivables::allocate_payment,
            commands::receivables::void_payment,
            commands::receivables::correct_payment,
            commands::receivables::client_payments,
            commands::receivables::client_credit,
            commands::receivables::receivables_aging,
            commands::receivables::over_90_by_quarter,
            commands::receivables::save_aging,
            commands::receivables::client_statement,
            commands::receivables::sales_tax_summary,
            commands::finance::list_expenses,
            commands::finance::expense_suppliers,
            commands::finance::create_expense,
            commands::finance::update_expense,
            commands::finance::void_expense,
            commands::finance::expense_attachments,
            commands::finance::attach_expense_document,
            commands::finance::open_expense_attachment,
            commands::finance::list_income,
            commands::finance::create_income,
            commands::finance::update_income,
            commands::finance::void_income,
            commands::finance::list_history,
            commands::finance::save_history,
            commands::finance::finance_books,
            commands::finance::financial_statements,
            commands::finance::save_financial_statements,
            commands::finance::budget_lines,
            commands::finance::set_budget_line,
            commands::finance::copy_budget,
            commands::finance::budget_vs_actual,
            commands::finance::set_budget_comment,
            commands::finance::history_series,
            commands::finance::year_state,
            commands::finance::close_year,
            commands::finance::reopen_year,
            commands::finance::raise_cost,
            commands::finance::profitability,
            commands::cashflow::list_bank_accounts,
            commands::cashflow::save_bank_account,
            commands::cashflow::list_recurring_expenses,
            commands::cashflow::save_recurring_expense,
            commands::cashflow::generate_recurring_expenses,
            commands::cashflow::cashflow_actual,
            commands::cashflow::cashflow_projection,
            commands::legal::list_cases,
            commands::legal::get_case,
            commands::legal::save_case,
            commands::legal::add_case_event,
            commands::legal::attach_case_document,
            commands::legal::open_case_document,
            commands::legal::add_case_deadline,
            commands::legal::complete_case_deadline,
            commands::legal::log_disclosure,
            commands::legal::annotate_disclosure,
            commands::legal::link_case_expense,
            commands::legal::link_case_hours,
            commands::legal::upcoming_deadlines,
            commands::legal::legal_vault_status,
            commands::legal::choose_legal_passphrase,
            commands::legal::unlock_restricted,
            commands::legal::lock_restricted,
            commands::legal::save_case_file,
            commands::reports::report_sections,
            commands::reports::save_report_section,
            commands::reports::shift_report_section,
            commands::reports::remove_report_section,
            commands::reports::start_report_outline,
            commands::reports::preview_section,
            commands::reports::save_annual_report,
            commands::reports::save_team_report,
            commands::reports::save_cashflow_report,
            commands::reports::save_distribution_report,
        ])
        .build(tauri::generate_context!());
    match result {
        // The documents opened go with the app: their folder is removed at exit.
        Ok(app) => app.run(|handle, event| {
            if let tauri::RunEvent::Exit = event {
                handle.state::<AppState>().remove_opened();
            }
        }),
        Err(e) => {
            eprintln!("konbit: the window could not start: {e}");
            std::process::exit(1);
        }
    }
}

#[cfg(test)]
mod tests {
    include!("command_names.rs");

    /// The capability grants exactly the commands the UI calls: nothing more, nothing missing,
    /// and none of Tauri's own (`core:…`: events, windows, paths), which the UI does not use.
    #[test]
    fn capability_grants_exactly_the_commands() {
        let text = include_str!("../capabilities/main.json");
        let json: serde_json::Value = serde_json::from_str(text).unwrap();
        let mut granted: Vec<String> = json["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str())
            .map(|p| p.strip_prefix("allow-").unwrap_or(p).replace('-', "_"))
            .collect();
        let mut expected: Vec<String> = COMMANDS.iter().map(|c| c.to_string()).collect();
        granted.sort();
        expected.sort();
        assert_eq!(granted, expected);
    }

    /// The shell's own types in TypeScript, beside the core's: `make bindings` refreshes them.
    #[test]
    fn bindings_are_fresh() {
        use ts_rs::{Config, TS};
        let cfg = Config::new().with_large_int("number");
        let fresh = format!(
            "// Generated from src-tauri's types by its bindings test. Do not edit: run `make bindings`.\n\nimport type {{ Day, Money }} from './bindings';\n\nexport {}\n\nexport {}\n\nexport {}\n\nexport {}\n\nexport {}\n\nexport {}\n",
            crate::AppError::decl(&cfg),
            crate::AppStatus::decl(&cfg),
            crate::commands::app::BackupInfo::decl(&cfg),
            crate::files::FileRef::decl(&cfg),
            crate::files::FileId::decl(&cfg),
            crate::commands::legal::VaultStatus::decl(&cfg)
        );
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../ui/src/lib/bindings-shell.ts");
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).unwrap();
            return;
        }
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            current == fresh,
            "ui/src/lib/bindings-shell.ts is stale: run `make bindings` and commit the result"
        );
    }

    /// The UI never loads an unbounded list: a command that answers an array is either one of
    /// these, bounded by what they are (the catalogue, a week, a year's sections, one client's
    /// payments…), or pages by key (`Page`, `DatedPage`). A new array needs a reason here.
    #[test]
    fn the_ui_loads_no_unbounded_list() {
        const BOUNDED: &[(&str, &str)] = &[
            ("list_catalog", "departments and categories: a few dozen"),
            ("list_entries", "one worker's week"),
            ("list_backups", "the rotation keeps 23 at most"),
            ("distribution_by_year", "one row per fiscal year"),
            ("list_contracts", "a collective's running contracts: dozens"),
            ("list_tax_rates", "a row per change of rate"),
            ("add_tax_rate", "the same"),
            ("client_payments", "one client's payments"),
            ("over_90_by_quarter", "four quarters"),
            ("expense_attachments", "one expense's files"),
            ("attach_expense_document", "the same"),
            ("list_history", "one row per year"),
            ("budget_lines", "one year's budget"),
            ("set_budget_line", "the same"),
            ("history_series", "one row per year"),
            ("list_bank_accounts", "a few accounts"),
            ("list_recurring_expenses", "a few dozen templates"),
            ("list_cases", "one year's legal cases, or the open ones"),
            ("upcoming_deadlines", "the coming days' deadlines"),
            ("report_sections", "one report's sections"),
            ("shift_report_section", "the same"),
            ("remove_report_section", "the same"),
            ("start_report_outline", "the same"),
            (
                "member_namesakes",
                "the members whose folded name is the one typed: a handful",
            ),
            ("client_namesakes", "the same, among clients"),
            (
                "expense_suppliers",
                "one year's distinct suppliers, for the filter's list",
            ),
        ];
        let api = include_str!("../../ui/src/lib/api/commands.ts");
        let mut lists = Vec::new();
        for line in api.lines().filter(|l| l.contains("call<")) {
            let Some(answer) = line
                .split("call<")
                .nth(1)
                .and_then(|rest| rest.split(">(").next())
            else {
                continue;
            };
            if !answer.contains("[]") {
                continue;
            }
            let command = line.split('\'').nth(1).unwrap_or_default();
            assert!(
                BOUNDED.iter().any(|(c, _)| *c == command),
                "{command} answers {answer}, a list with no bound: page it by key, or say here why it stays small"
            );
            lists.push(command);
        }
        // Back: each reason names a command that answers a list, so the loop above read the
        // calls (a change of how commands.ts writes them would otherwise pass it unread).
        let stale: Vec<&str> = BOUNDED
            .iter()
            .map(|(c, _)| *c)
            .filter(|c| !lists.contains(c))
            .collect();
        assert!(
            stale.is_empty(),
            "listed as bounded, but no call answers a list: {stale:?}"
        );
    }

    /// Commands declared for the shell without the UI calling them, each with the reason. Empty
    /// today: every declared command has its button.
    const NOT_CALLED_BY_THE_UI: &[(&str, &str)] = &[];

    /// The commands `commands.ts` calls, read from its `call<…>('name'` expressions: the
    /// generic argument is skipped bracket by bracket (`Page<Member>`, `Foo | null`), and a call
    /// whose command is not a string literal fails, since it could not be checked.
    fn ui_calls(api: &str) -> Vec<String> {
        let mut calls = Vec::new();
        for (at, _) in api.match_indices("call<") {
            // The helper's own definition, `async function call<T>(command: string, …)`.
            if api[..at].ends_with("function ") {
                continue;
            }
            let rest = &api[at + "call<".len()..];
            let mut depth = 1;
            let mut previous = '<';
            let mut end = None;
            for (i, c) in rest.char_indices() {
                match c {
                    '<' => depth += 1,
                    // `=>` in a function type is no closing bracket.
                    '>' if previous != '=' => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(i + 1);
                            break;
                        }
                    }
                    _ => {}
                }
                previous = c;
            }
            let after = end.map(|end| rest[end..].trim_start());
            let literal = after
                .and_then(|a| a.strip_prefix('('))
                .map(str::trim_start)
                .and_then(|a| {
                    let quote = a.chars().next().filter(|q| matches!(q, '\'' | '"'))?;
                    let name = a[1..].split(quote).next()?;
                    Some(name.to_owned())
                })
                .filter(|name| {
                    !name.is_empty()
                        && name
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                });
            let line = api[..at].lines().count();
            match literal {
                Some(name) => calls.push(name),
                None => panic!(
                    "commands.ts:{line}: a call whose command is not a string literal cannot be checked against command_names.rs"
                ),
            }
        }
        calls
    }

    /// Both ways: every command `commands.ts` calls is declared in `command_names.rs` (and so
    /// granted), and every declared command is called by the UI or listed above with why not.
    /// The UI reaches the shell through `commands.ts` alone.
    #[test]
    fn ui_calls_only_declared_commands() {
        let api = include_str!("../../ui/src/lib/api/commands.ts");
        let calls = ui_calls(api);
        assert!(
            calls.len() > 100,
            "the parser found {} calls only: it no longer reads commands.ts",
            calls.len()
        );
        let undeclared: Vec<&String> = calls
            .iter()
            .filter(|c| !COMMANDS.contains(&c.as_str()))
            .collect();
        assert!(
            undeclared.is_empty(),
            "the UI calls commands command_names.rs does not declare: {undeclared:?}"
        );
        let uncalled: Vec<&&str> = COMMANDS
            .iter()
            .filter(|c| {
                !calls.iter().any(|call| call == *c)
                    && !NOT_CALLED_BY_THE_UI.iter().any(|(name, _)| name == *c)
            })
            .collect();
        assert!(
            uncalled.is_empty(),
            "declared but not called by the UI: {uncalled:?}; remove them, call them, or say in NOT_CALLED_BY_THE_UI why they stay"
        );
        for (name, _) in NOT_CALLED_BY_THE_UI {
            assert!(
                COMMANDS.contains(name) && !calls.iter().any(|call| call == name),
                "{name} is listed as not called by the UI, but it is called or not declared"
            );
        }
        let mut twice = calls.clone();
        twice.sort();
        twice.dedup();
        assert_eq!(twice.len(), calls.len(), "a command has two wrappers");
    }

    /// Only `commands.ts` imports Tauri's API: the checks above see every call the UI makes,
    /// and the capability grants no events, windows or plugins, which the UI does not use.
    #[test]
    fn only_commands_ts_talks_to_the_shell() {
        fn walk(dir: &std::path::Path, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, found);
                } else if path.extension().is_some_and(|e| e == "ts" || e == "svelte")
                    && !path.ends_with("lib/api/commands.ts")
                    && std::fs::read_to_string(&path)
                        .unwrap()
                        .contains("@tauri-apps/")
                {
                    found.push(path.display().to_string());
                }
            }
        }
        let ui = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src");
        let mut found = Vec::new();
        walk(&ui, &mut found);
        assert_eq!(
            found,
            Vec::<String>::new(),
            "these reach Tauri past commands.ts"
        );
    }

    #[test]
    fn the_parser_reads_calls_as_commands_ts_writes_them() {
        let api = "async function call<T>(command: string) {}\n\
                   a: () => call<Page<Member>>('list_members', { q }),\n\
                   b: () => call<string | null>(\n    \"save_copy\"),\n\
                   c: () => call<(x: number) => void>('odd_one'),\n";
        assert_eq!(ui_calls(api), ["list_members", "save_copy", "odd_one"]);
        let dynamic = std::panic::catch_unwind(|| ui_calls("x: (n) => call<Y>(n),"));
        assert!(dynamic.is_err(), "a command named by a variable is refused");
    }
}
