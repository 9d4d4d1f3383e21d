//! The `konbit` command line. Each subcommand opens the store, calls the same services as the
//! desktop app, and prints a short result. Errors are one sentence on stderr with exit code 1.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::error::Result;
use crate::store::{self, OpenMode, Store};

#[derive(Debug, Parser)]
#[command(name = "konbit", version, about = "Konbit: the office of a self-managed IT workers' collective, on the command line")]
pub struct Cli {
    /// The database file (default: $KONBIT_DB, else konbit.sqlite in the platform data folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the demo organisation (the seed's collective, fiscal year 2012-2013) in an empty database.
    Demo {
        /// Seed of the random details, for reproducible demos.
        #[arg(long, default_value_t = crate::demo::DEFAULT_SEED)]
        seed: u64,
    },
    /// Check the database's integrity and Konbit's invariants; exit 1 listing each problem.
    Check,
    /// A fiscal year's figures: hours, FTE, salaried share.
    Stats {
        /// The fiscal year, e.g. 2012-2013.
        #[arg(long)]
        fy: String,
        /// One JSON object, for scripts.
        #[arg(long)]
        json: bool,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("konbit: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let path = store::resolve_path(cli.db)?;
    match cli.command {
        Command::Demo { seed } => {
            let mut store = Store::open(&path, OpenMode::CreateIfMissing)?;
            let s = store.write(|tx| crate::demo::create(tx, seed))?;
            println!(
                "demo organisation created in {}: {} members, {} workers, {} teams, {} committees, {} clients, {} projects, {} time entries",
                path.display(),
                s.members,
                s.workers,
                s.teams,
                s.committees,
                s.clients,
                s.projects,
                s.time_entries
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats { fy, json } => {
            let store = Store::open(&path, OpenMode::MustExist)?;
            let settings = crate::organisation::settings::require(store.conn())?;
            let fy = crate::fiscal::FiscalYear::parse(&fy, settings.fiscal_year_start_month)?;
            let stats = crate::stats::compute(store.conn(), fy)?;
            if json {
                let text = serde_json::to_string_pretty(&stats).map_err(|e| crate::Error::Conflict(e.to_string()))?;
                println!("{text}");
            } else {
                println!("{} ({} to {})", stats.fiscal_year, stats.start, stats.end);
                println!("hours: {} total, {} billable, {} internal", stats.hours.total, stats.hours.billable, stats.hours.internal);
                println!("FTE: {}, salaried share: {:.1} %", stats.fte, stats.salaried_share * 100.0);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check => {
            let store = Store::open(&path, OpenMode::MustExist)?;
            let problems = crate::check::run(store.conn())?;
            if problems.is_empty() {
                println!("{}: ok", path.display());
                return Ok(ExitCode::SUCCESS);
            }
            for problem in &problems {
                eprintln!("{problem}");
            }
            eprintln!("konbit: {} problem(s) found in {}", problems.len(), path.display());
            Ok(ExitCode::FAILURE)
        }
    }
}
