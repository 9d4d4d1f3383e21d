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
        std::thread::spawn(move || {
            for round in 1u64.. {
                std::thread::sleep(Duration::from_secs(2));
                let state = app.state::<AppState>();
                if let Err(e) = state.checkpoint() {
                    eprintln!("konbit: the checkpoint failed: {}", e.message);
                }
                // A replica of the office's books follows the server every six seconds, on this
                // thread: PostgreSQL's client may not run on the commands' runtime.
                if round % 3 == 0 {
                    if let Err(e) = state.pull_office() {
                        eprintln!(
                            "konbit: the office's server could not be followed: {}",
                            e.message
                        );
                    }
                }
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
        // Every function of src/commands marked #[tauri::command], listed by build.rs.
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/handlers.rs")))
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
mod command_list;

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use crate::command_list::{self, camel_case, typescript, Command};

    fn here(relative: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
    }

    fn commands() -> Vec<Command> {
        let commands = command_list::read(&here("src/commands")).unwrap();
        assert!(
            commands.len() > 100,
            "{} commands only: the list no longer reads src/commands",
            commands.len()
        );
        commands
    }

    /// The capability build.rs wrote grants exactly the commands: nothing more, nothing
    /// missing, and none of Tauri's own (`core:…`: events, windows, paths), which the UI does
    /// not use.
    #[test]
    fn capability_grants_exactly_the_commands() {
        let text = std::fs::read_to_string(here("capabilities/main.json")).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut granted: Vec<String> = json["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_owned())
            .collect();
        let mut expected: Vec<String> = commands()
            .iter()
            .map(|c| format!("allow-{}", c.name.replace('_', "-")))
            .collect();
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
        is_fresh("../ui/src/lib/bindings-shell.ts", &fresh);
    }

    /// A generated file of the UI is what its generator writes now; `UPDATE_BINDINGS=1` (`make
    /// bindings`) writes it instead.
    fn is_fresh(relative: &str, fresh: &str) {
        let path = here(relative);
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, fresh).unwrap();
            return;
        }
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            current == fresh,
            "{} is stale: run `make bindings` and commit the result",
            relative.trim_start_matches("../")
        );
    }

    /// Where the UI's wrappers find each named type: the files ts-rs generates.
    fn exports() -> Vec<(&'static str, Vec<String>)> {
        let names = |file: &str| -> Vec<String> {
            std::fs::read_to_string(here(file))
                .unwrap()
                .lines()
                .filter_map(|l| l.strip_prefix("export type "))
                .filter_map(|l| l.split([' ', '<', '=']).next())
                .map(str::to_owned)
                .collect()
        };
        vec![
            ("../bindings", names("../ui/src/lib/bindings.ts")),
            (
                "../bindings-shell",
                names("../ui/src/lib/bindings-shell.ts"),
            ),
        ]
    }

    /// `ui/src/lib/api/commands.ts`, one typed wrapper per command, written from the command
    /// list: `make bindings` refreshes it.
    #[test]
    fn ui_wrappers_are_fresh() {
        let fresh = typescript::wrappers(&commands(), &exports()).unwrap();
        is_fresh("../ui/src/lib/api/commands.ts", &fresh);
    }

    /// The UI never loads an unbounded list: a command that answers an array is either one of
    /// these, bounded by what they are (the catalogue, a week, a year's sections, one client's
    /// payments…), or pages by key (`Page`, `DatedPage`). A new array needs a reason here.
    #[test]
    fn the_ui_loads_no_unbounded_list() {
        const BOUNDED: &[(&str, &str)] = &[
            ("list_catalog", "departments and categories: a few dozen"),
            ("list_backups", "the rotation keeps 23 at most"),
            ("distribution_by_year", "one row per fiscal year"),
            ("list_contracts", "a collective's running contracts: dozens"),
            ("list_tax_rates", "a row per change of rate"),
            ("add_tax_rate", "the same"),
            ("client_payments", "one client's payments"),
            ("over_90_by_quarter", "four quarters"),
            ("expense_attachments", "one expense's files"),
            ("attach_expense_document", "the same"),
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
        let mut lists = Vec::new();
        for command in commands() {
            let answer = typescript::ts(&command.answer, &mut Vec::new()).unwrap();
            if !answer.contains("[]") {
                continue;
            }
            assert!(
                BOUNDED.iter().any(|(c, _)| *c == command.name),
                "{} answers {answer}, a list with no bound: page it by key, or say here why it stays small",
                command.name
            );
            lists.push(command.name);
        }
        let stale: Vec<&str> = BOUNDED
            .iter()
            .map(|(c, _)| *c)
            .filter(|c| !lists.iter().any(|l| l == c))
            .collect();
        assert!(
            stale.is_empty(),
            "listed as bounded, but no command answers a list: {stale:?}"
        );
    }

    /// Commands the UI does not call, each with the reason. Empty: every command has its
    /// place on a screen.
    const NOT_CALLED_BY_THE_UI: &[(&str, &str)] = &[];

    /// The UI's sources, but the generated wrappers and the unit tests.
    fn ui_sources() -> Vec<(PathBuf, String)> {
        fn walk(dir: &Path, found: &mut Vec<(PathBuf, String)>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if path.is_dir() {
                    walk(&path, found);
                } else if (name.ends_with(".ts") || name.ends_with(".svelte"))
                    && !name.contains(".test.")
                    && !path.ends_with("lib/api/commands.ts")
                {
                    let text = std::fs::read_to_string(&path).unwrap();
                    found.push((path, text));
                }
            }
        }
        let mut found = Vec::new();
        walk(&here("../ui/src"), &mut found);
        found
    }

    /// The wrappers the UI uses: each `api.name` with `api` a whole identifier, spaces allowed
    /// around the dot (`api.listTeams(`, `all(api.listTeams)`, `api\n  .getTimer(id)`).
    fn wrappers_used(sources: &[(PathBuf, String)]) -> Vec<String> {
        let identifier = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
        let mut used = Vec::new();
        for (_, text) in sources {
            for (at, _) in text.match_indices("api") {
                let before = text[..at].chars().next_back();
                if before.is_some_and(|c| identifier(c) || c == '.') {
                    continue;
                }
                let Some(rest) = text[at + 3..].trim_start().strip_prefix('.') else {
                    continue;
                };
                let name: String = rest
                    .trim_start()
                    .chars()
                    .take_while(|c| identifier(*c))
                    .collect();
                if !name.is_empty() {
                    used.push(name);
                }
            }
        }
        used
    }

    /// Every command has its place in the UI, or a reason here why not: a command no screen
    /// calls is a door left open for nothing. (The other way, a wrapper that does not exist,
    /// fails `npm run check`.)
    #[test]
    fn every_command_is_used_by_the_ui() {
        let used = wrappers_used(&ui_sources());
        let unused: Vec<String> = commands()
            .into_iter()
            .filter(|c| !NOT_CALLED_BY_THE_UI.iter().any(|(name, _)| *name == c.name))
            .map(|c| camel_case(&c.name))
            .filter(|wrapper| !used.contains(wrapper))
            .collect();
        assert!(
            unused.is_empty(),
            "no screen calls {unused:?}; remove them, call them, or say in NOT_CALLED_BY_THE_UI why they stay"
        );
    }

    #[test]
    fn the_ui_uses_read_as_identifiers() {
        let sources = vec![(
            PathBuf::from("x.svelte"),
            "api.listTeams(q); all(api.listClients).then(); myapi.getX(); x.api.getY(); api\n  .getTimer(id); apiary.x".to_owned(),
        )];
        assert_eq!(
            wrappers_used(&sources),
            ["listTeams", "listClients", "getTimer"]
        );
    }

    /// Only `api/invoke.ts` imports Tauri's API: every call goes through the generated
    /// wrappers, and the capability grants no events, windows or plugins, which the UI does
    /// not use.
    #[test]
    fn only_invoke_ts_talks_to_the_shell() {
        let found: Vec<String> = ui_sources()
            .into_iter()
            .filter(|(path, text)| {
                !path.ends_with("lib/api/invoke.ts") && text.contains("@tauri-apps/")
            })
            .map(|(path, _)| path.display().to_string())
            .collect();
        assert_eq!(
            found,
            Vec::<String>::new(),
            "these reach Tauri past invoke.ts"
        );
    }
}
