//! The `konbit` command line: its own crate over the core's public functions, as the desktop
//! shell is, so the core links no argument parser and no terminal prompt. Each subcommand opens
//! the store, calls the same services as the desktop app, and prints a short result. Errors are
//! one sentence on stderr with exit code 1.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod books;
mod office;

use chrono::NaiveDate;
use konbit_core::store::Connection;

use konbit_core::error::{Error, Result};
use konbit_core::store::{self, OpenMode, Store};
use konbit_core::worktime::import::{self, Format, ImportOptions, ImportOutcome};
use konbit_core::worktime::timesheet::{self, TimesheetFilter};

#[derive(Debug, Parser)]
#[command(
    name = "konbit",
    version,
    about = "Konbit: the office of a self-managed IT workers' collective, on the command line"
)]
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
        #[arg(long, default_value_t = konbit_core::demo::DEFAULT_SEED)]
        seed: u64,
        /// About this many times the demo's records, in the years after 2013 of a collective
        /// that grew (50: about a million time entries), for measuring speed.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=i64::from(konbit_core::demo::MAX_SCALE)))]
        scale: u32,
    },
    /// Start an empty organisation in a new database (the app's « Organisation vide »).
    Init {
        /// The organisation's name.
        #[arg(long)]
        name: String,
    },
    /// Hours worked: add an entry.
    Entry {
        #[command(subcommand)]
        what: books::EntryWhat,
    },
    /// Payments received: record one.
    Payment {
        #[command(subcommand)]
        what: books::PaymentWhat,
    },
    /// The workers, with their status and weekly hours.
    Worker {
        #[command(subcommand)]
        what: books::ListWhat,
    },
    /// The committees, with their kind and number of members.
    Committee {
        #[command(subcommand)]
        what: books::ListWhat,
    },
    /// Check the database's integrity and Konbit's invariants; exit 1 listing each problem.
    Check,
    /// The office's shared books on PostgreSQL.
    Office {
        #[command(subcommand)]
        what: office::OfficeWhat,
    },
    /// Bring records in from another tool's files; all or nothing, and never twice.
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Invoices and credit notes: draft one, issue it, list the issued ones, print one.
    Invoice {
        #[command(subcommand)]
        what: InvoiceWhat,
    },
    /// Reports as PDF or CSV (by the output's extension).
    Report {
        #[command(subcommand)]
        what: ReportWhat,
    },
    /// Write records out as files.
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// The legal committee's cases: list them, print one's file.
    Legal {
        #[command(subcommand)]
        what: LegalWhat,
    },
    /// Write a checked copy of the database (online: the app may stay open).
    Backup {
        #[arg(short = 'o', long = "output", value_name = "FILE.sqlite")]
        output: PathBuf,
    },
    /// Put a backup in place of the database, keeping the current file beside it. Close the app
    /// first.
    Restore {
        /// The backup to restore.
        file: PathBuf,
        /// Do not ask for a confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// Fiscal years: list the closed ones, close the next one once its accounts are adopted
    /// (its records are locked), reopen the last one.
    Year {
        #[command(subcommand)]
        what: YearWhat,
    },
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

#[derive(Debug, Subcommand)]
pub enum YearWhat {
    /// The closed years, oldest first, with the figures they were closed with.
    List,
    /// Close a fiscal year: its figures are kept, its records (and those of every year before)
    /// can no longer change.
    Close {
        /// The fiscal year, e.g. 2012-2013.
        fy: String,
    },
    /// Reopen the last closed year, so that its records can be corrected.
    Reopen {
        /// The fiscal year, e.g. 2012-2013.
        fy: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportWhat {
    /// Timesheets exported from Kimai, Toggl Track (detailed report), Clockify (detailed report),
    /// Harvest (detailed time report) or as Konbit's CSV (see the README).
    Time {
        /// kimai, toggl, clockify, harvest or csv
        #[arg(long, value_parser = parse_format)]
        format: Format,
        /// The exported CSV file.
        file: PathBuf,
        /// Create the clients, projects and workers the file names and Konbit lacks, instead of refusing it.
        #[arg(long)]
        create_missing: bool,
        /// Whose hours a file without a worker column holds (a single person's export), by
        /// the worker's name.
        #[arg(long, value_name = "NAME")]
        worker: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum InvoiceWhat {
    /// A draft for a client, with their hours of a span and free lines; prints its id.
    Draft {
        /// The client, by name.
        #[arg(long)]
        client: String,
        /// The invoice's date (default: today).
        #[arg(long)]
        date: Option<NaiveDate>,
        /// The client's unbilled hours from this day, grouped by project (with --hours-to).
        #[arg(long, requires = "hours_to")]
        hours_from: Option<NaiveDate>,
        /// The last day of the hours, included.
        #[arg(long, requires = "hours_from")]
        hours_to: Option<NaiveDate>,
        /// A free line, "TEXT=AMOUNT" (a negative amount is a discount); repeat for several.
        #[arg(long = "line", value_name = "TEXT=AMOUNT", value_parser = books::parse_line)]
        lines: Vec<books::Line>,
        /// Printed below the invoice's totals.
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// Issue a draft: it takes the next number of its fiscal year and never changes again;
    /// prints the number.
    Issue {
        /// The draft's id, as `invoice draft` printed it.
        id: i64,
        /// Date it again before issuing (default: the date it has).
        #[arg(long)]
        date: Option<NaiveDate>,
    },
    /// Every issued invoice and credit note, oldest first.
    List {
        /// Only this fiscal year's, e.g. 2012-2013.
        #[arg(long)]
        fy: Option<String>,
        /// One JSON object per invoice (amounts in integer cents), for scripts.
        #[arg(long)]
        json: bool,
    },
    /// An invoice or credit note as PDF.
    Pdf {
        /// Its number, e.g. 2013-0042 or NC-2013-0003.
        number: String,
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum LegalWhat {
    /// The cases open during a fiscal year (all without --fy), with their counts and cost. A
    /// restricted case shows its kind, dates and cost only.
    List {
        /// The fiscal year, e.g. 2012-2013; the cost is counted within it.
        #[arg(long)]
        fy: Option<String>,
        /// One JSON object per line, amounts in integer cents.
        #[arg(long)]
        json: bool,
        /// Show the restricted cases' titles and clients too, after the legal committee's
        /// passphrase (asked, or read from KONBIT_LEGAL_PASSPHRASE).
        #[arg(long)]
        unlock_restricted: bool,
    },
    /// A case's file as PDF: parties, timeline, deadlines, documents with their hashes, costs.
    Pdf {
        /// The case's number, as `legal list` shows it.
        id: i64,
        /// fr or en (default: the organisation's language).
        #[arg(long)]
        lang: Option<String>,
        /// Print a restricted case, whose details are otherwise kept out of every document,
        /// after the legal committee's passphrase (asked, or read from KONBIT_LEGAL_PASSPHRASE).
        #[arg(long)]
        unlock_restricted: bool,
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReportWhat {
    /// The annual report of a fiscal year: cover, contents, the written and generated sections.
    Annual {
        /// The fiscal year, e.g. 2012-2013.
        #[arg(long)]
        fy: String,
        /// fr or en (default: the organisation's language).
        #[arg(long)]
        lang: Option<String>,
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// The financial statements of a fiscal year (financial position and operations, the year
    /// before beside), from the double-entry books: PDF or CSV by the output's extension.
    Statements {
        /// The fiscal year, e.g. 2012-2013.
        #[arg(long)]
        fy: String,
        /// fr or en (default: the organisation's language).
        #[arg(long)]
        lang: Option<String>,
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf|FILE.csv")]
        output: PathBuf,
    },
    /// A team's quarterly report: budget against actual for the quarter and the year to date.
    Team {
        #[arg(long)]
        fy: String,
        /// 1 to 4.
        #[arg(long)]
        quarter: u8,
        /// The team's code, e.g. infra.
        #[arg(long)]
        team: String,
        #[arg(long)]
        lang: Option<String>,
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// What clients owe, by days past due (current, 1-30, 31-60, 61-90, over 90).
    Aging {
        /// The date the balances are taken at, e.g. 2013-08-31.
        #[arg(long)]
        as_of: NaiveDate,
        /// fr or en (default: the organisation's language).
        #[arg(long)]
        lang: Option<String>,
        #[arg(short = 'o', long = "output", value_name = "FILE.pdf|FILE.csv")]
        output: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportWhat {
    /// The books as a journal hledger and ledger read (account names in the README).
    Ledger {
        /// Only this fiscal year, e.g. 2012-2013 (default: everything).
        #[arg(long)]
        fy: Option<String>,
        #[arg(short = 'o', long = "output", value_name = "FILE.journal")]
        output: PathBuf,
    },
    /// Time entries as CSV, in the columns the generic import reads.
    Time {
        /// First day, e.g. 2012-09-01.
        #[arg(long)]
        from: NaiveDate,
        /// Last day, included.
        #[arg(long)]
        to: NaiveDate,
        /// Only this worker's entries (their name).
        #[arg(long)]
        worker: Option<String>,
        #[arg(short = 'o', long = "output", value_name = "FILE.csv")]
        output: PathBuf,
    },
}

fn parse_format(text: &str) -> std::result::Result<Format, String> {
    Format::from_code(text).ok_or_else(|| {
        format!("'{text}' is not a format Konbit reads; use kimai, toggl, clockify, harvest or csv")
    })
}

fn main() -> ExitCode {
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
    // The office's commands name their server; the others, a file.
    if let Command::Office { what } = cli.command {
        let db = cli.db;
        office::run(what, || Ok(store::resolve_path(db)?))?;
        return Ok(ExitCode::SUCCESS);
    }
    let path = store::resolve_path(cli.db)?;
    match cli.command {
        Command::Office { .. } => Ok(ExitCode::SUCCESS),
        Command::Init { name } => {
            books::init(&mut Store::open(&path, OpenMode::CreateIfMissing)?, &name)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Entry { what } => {
            books::entry(&mut Store::open(&path, OpenMode::MustExist)?, what)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Payment { what } => {
            books::payment(&mut Store::open(&path, OpenMode::MustExist)?, what)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Worker {
            what: books::ListWhat::List { json },
        } => {
            books::workers(&Store::open(&path, OpenMode::MustExist)?, json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Committee {
            what: books::ListWhat::List { json },
        } => {
            books::committees(&Store::open(&path, OpenMode::MustExist)?, json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Invoice {
            what:
                InvoiceWhat::Draft {
                    client,
                    date,
                    hours_from,
                    hours_to,
                    lines,
                    notes,
                },
        } => {
            let mut store = Store::open(&path, OpenMode::MustExist)?;
            let hours = hours_from.zip(hours_to);
            books::draft(&mut store, &client, date, hours, &lines, notes)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Invoice {
            what: InvoiceWhat::Issue { id, date },
        } => {
            books::issue(&mut Store::open(&path, OpenMode::MustExist)?, id, date)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo { seed, scale } => {
            let mut store = Store::open(&path, OpenMode::CreateIfMissing)?;
            let s = store.write(|tx| konbit_core::demo::create_at_scale(tx, seed, scale))?;
            println!(
                "demo organisation created in {}: {} members, {} workers, {} teams, {} committees, {} clients, {} projects, {} time entries, {} invoices",
                path.display(),
                s.members,
                s.workers,
                s.teams,
                s.committees,
                s.clients,
                s.projects,
                s.time_entries,
                s.invoices
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Backup { output } => {
            let store = Store::open(&path, OpenMode::MustExist)?;
            store.backup_to(&output)?;
            println!(
                "backup of {} written to {} and checked",
                path.display(),
                output.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Restore { file, yes } => {
            if !yes
                && !confirmed(&format!(
                "Replace {} with the backup {}? The current file is kept beside it. [oui/yes/N] ",
                path.display(),
                file.display()
            ))? {
                eprintln!("konbit: nothing was restored");
                return Ok(ExitCode::FAILURE);
            }
            let kept = konbit_core::backup::restore(&path, &file, &konbit_core::clock::now())?;
            println!(
                "{} restored into {}; the file it replaced is kept as {}",
                file.display(),
                path.display(),
                kept.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Year {
            what: YearWhat::List,
        } => {
            let store = Store::open(&path, OpenMode::MustExist)?;
            for c in konbit_core::finance::closing::list(store.conn())? {
                let result = c.revenue - c.expenses;
                println!(
                    "{} closed {}: revenue {}, expenses {}, result {}, net worth {}",
                    c.fiscal_year,
                    c.closed_at.get(..10).unwrap_or(&c.closed_at),
                    c.revenue.format(konbit_core::Lang::En),
                    c.expenses.format(konbit_core::Lang::En),
                    result.format(konbit_core::Lang::En),
                    c.net_worth.format(konbit_core::Lang::En)
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Year {
            what: YearWhat::Close { fy },
        } => {
            let mut store = Store::open(&path, OpenMode::MustExist)?;
            let fy = konbit_core::organisation::settings::fiscal_year(store.conn(), &fy)?;
            let closed = store.write(|tx| konbit_core::finance::closing::close(tx, fy))?;
            println!(
                "{} closed: its records up to {} can no longer change",
                closed.fiscal_year, closed.end
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Year {
            what: YearWhat::Reopen { fy },
        } => {
            let mut store = Store::open(&path, OpenMode::MustExist)?;
            let fy = konbit_core::organisation::settings::fiscal_year(store.conn(), &fy)?;
            store.write(|tx| konbit_core::finance::closing::reopen(tx, fy))?;
            println!(
                "{} reopened: its records can be corrected; close it again once they are",
                fy.name()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats { fy, json } => {
            let store = Store::open(&path, OpenMode::MustExist)?;
            let fy = konbit_core::organisation::settings::fiscal_year(store.conn(), &fy)?;
            let stats = konbit_core::stats::compute(store.conn(), fy)?;
            if json {
                let text =
                    serde_json::to_string_pretty(&stats).map_err(konbit_core::Error::internal)?;
                println!("{text}");
            } else {
                println!("{} ({} to {})", stats.fiscal_year, stats.start, stats.end);
                println!(
                    "hours: {} total, {} billable, {} internal",
                    stats.hours.total, stats.hours.billable, stats.hours.internal
                );
                println!(
                    "FTE: {}, salaried share: {:.1} %",
                    stats.fte,
                    stats.salaried_share * 100.0
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            what:
                ImportWhat::Time {
                    format,
                    file,
                    create_missing,
                    worker,
                },
        } => {
            let bytes = import::read_file(&file)?;
            let mut store = Store::open(&path, OpenMode::MustExist)?;
            let worker = match worker {
                Some(name) => Some(konbit_core::organisation::worker::by_name(
                    store.conn(),
                    &name,
                )?),
                None => None,
            };
            let options = ImportOptions {
                create_missing,
                worker,
                ..Default::default()
            };
            match store.write(|tx| import::commit(tx, format, &bytes, &options)) {
                Ok(outcome) => {
                    print_import(&file, &outcome);
                    Ok(ExitCode::SUCCESS)
                }
                Err(Error::Rejected { problems }) => {
                    for problem in problems.iter().take(import::MAX_PROBLEMS) {
                        eprintln!("{}: {problem}", file.display());
                    }
                    if problems.len() > import::MAX_PROBLEMS {
                        eprintln!(
                            "{}: and {} more problems",
                            file.display(),
                            problems.len() - import::MAX_PROBLEMS
                        );
                    }
                    eprintln!(
                        "konbit: {} refused, nothing was imported: {} problem(s)",
                        file.display(),
                        problems.len()
                    );
                    Ok(ExitCode::FAILURE)
                }
                Err(e) => Err(e),
            }
        }
        Command::Export {
            what: ExportWhat::Ledger { fy, output },
        } => {
            let store = Store::open(&path, OpenMode::MustExist)?;
            let settings = konbit_core::organisation::settings::require(store.conn())?;
            let (from, to) = match fy {
                Some(name) => {
                    let fy = konbit_core::fiscal::FiscalYear::parse(
                        &name,
                        settings.fiscal_year_start_month,
                    )?;
                    (fy.start(), fy.end())
                }
                None => konbit_core::finance::ledger::span(store.conn())?,
            };
            konbit_core::fs::write_atomically(&output, |out| {
                konbit_core::finance::ledger::write(store.conn(), from, to, out)
            })?;
            println!(
                "journal from {from} to {to} written to {}",
                output.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            what:
                ExportWhat::Time {
                    from,
                    to,
                    worker,
                    output,
                },
        } => {
            let store = Store::open(&path, OpenMode::MustExist)?;
            let worker_id = worker
                .map(|name| konbit_core::organisation::worker::by_name(store.conn(), &name))
                .transpose()?;
            let filter = TimesheetFilter {
                from,
                to,
                worker_id,
                project_id: None,
                committee_id: None,
            };
            let written = konbit_core::fs::write_atomically(&output, |out| {
                timesheet::write_csv(store.conn(), &filter, out)
            })?;
            println!("{written} time entries written to {}", output.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Invoice {
            what: InvoiceWhat::List { fy, json },
        } => {
            let store = Store::open(&path, OpenMode::MustExist)?;
            let settings = konbit_core::organisation::settings::require(store.conn())?;
            let fy = fy
                .map(|name| {
                    konbit_core::fiscal::FiscalYear::parse(&name, settings.fiscal_year_start_month)
                })
                .transpose()?;
            let rows = konbit_core::invoicing::register::issued(store.conn(), fy)?;
            let mut out = std::io::stdout().lock();
            for row in &rows {
                let line = match json {
                    true => serde_json::to_string(row).map_err(Error::internal)?,
                    false => format!(
                        "{}\t{}\t{}\t{}\t{:?}",
                        row.number,
                        row.date,
                        row.client,
                        konbit_core::Cents(row.total).format(settings.language),
                        row.status
                    ),
                };
                // A closed pipe (`| head`) ends the listing quietly.
                if writeln!(out, "{line}").is_err() {
                    break;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Invoice {
            what: InvoiceWhat::Pdf { number, output },
        } => {
            let store = Store::open(&path, OpenMode::MustExist)?;
            let id = konbit_core::invoicing::register::by_number(store.conn(), &number)?;
            let bytes = konbit_core::invoicing::document::pdf(store.conn(), id)?;
            konbit_core::fs::write_bytes(&output, &bytes)?;
            println!(
                "{number} written to {} ({} KB)",
                output.display(),
                bytes.len() / 1024
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Legal {
            what:
                LegalWhat::List {
                    fy,
                    json,
                    unlock_restricted,
                },
        } => {
            let store = Store::open(&path, OpenMode::MustExist)?;
            let settings = konbit_core::organisation::settings::require(store.conn())?;
            let fy = fy
                .map(|name| {
                    konbit_core::fiscal::FiscalYear::parse(&name, settings.fiscal_year_start_month)
                })
                .transpose()?;
            let span = fy.map(|y| (y.start(), y.end()));
            let key = legal_key(store.conn(), unlock_restricted)?;
            let cases = konbit_core::legal::summary::list(
                store.conn(),
                span,
                konbit_core::clock::today(),
                legal_access(&key),
            )?;
            let mut out = std::io::stdout().lock();
            for case in &cases {
                let line = match json {
                    true => serde_json::to_string(&LegalListItem::from(case))
                        .map_err(Error::internal)?,
                    false => format!(
                        "{}\t{}\t{}\t{}\t{}\t{}",
                        case.id,
                        case.kind.label(settings.language),
                        case.status.label(settings.language),
                        case.opened_on,
                        case.title.as_deref().unwrap_or("(restreint)"),
                        case.cost.total.format(settings.language)
                    ),
                };
                if writeln!(out, "{line}").is_err() {
                    break;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Legal {
            what:
                LegalWhat::Pdf {
                    id,
                    lang,
                    unlock_restricted,
                    output,
                },
        } => {
            let store = Store::open(&path, OpenMode::MustExist)?;
            let settings = konbit_core::organisation::settings::require(store.conn())?;
            let lang = language(lang, settings.language)?;
            let key = legal_key(store.conn(), unlock_restricted)?;
            let bytes =
                konbit_core::legal::file::write_pdf(store.conn(), id, legal_access(&key), lang)?;
            konbit_core::fs::write_bytes(&output, &bytes)?;
            println!(
                "case {id} written to {} ({} KB)",
                output.display(),
                bytes.len() / 1024
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Report {
            what: ReportWhat::Annual { fy, lang, output },
        } => {
            let store = Store::open(&path, OpenMode::MustExist)?;
            let settings = konbit_core::organisation::settings::require(store.conn())?;
            let lang = language(lang, settings.language)?;
            let fy = konbit_core::fiscal::FiscalYear::parse(&fy, settings.fiscal_year_start_month)?;
            let started = std::time::Instant::now();
            let report = konbit_core::report::annual::write_pdf(store.conn(), fy, lang)?;
            konbit_core::fs::write_bytes(&output, &report.bytes)?;
            println!(
                "annual report {} written to {}: {} pages, {} KB, in {} ms",
                fy.name(),
                output.display(),
                report.pages,
                report.bytes.len() / 1024,
                started.elapsed().as_millis()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Report {
            what: ReportWhat::Statements { fy, lang, output },
        } => {
            let store = Store::open(&path, OpenMode::MustExist)?;
            let settings = konbit_core::organisation::settings::require(store.conn())?;
            let lang = language(lang, settings.language)?;
            let fy = konbit_core::fiscal::FiscalYear::parse(&fy, settings.fiscal_year_start_month)?;
            konbit_core::fs::write_pdf_or_csv(
                &output,
                |out| {
                    let s = konbit_core::finance::statements::compute(store.conn(), fy, lang)?;
                    konbit_core::finance::statements::write_csv(&s, lang, out)
                },
                || konbit_core::report::single::statements_pdf(store.conn(), fy, lang),
            )?;
            println!(
                "financial statements {} written to {}",
                fy.name(),
                output.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Report {
            what:
                ReportWhat::Team {
                    fy,
                    quarter,
                    team,
                    lang,
                    output,
                },
        } => {
            let store = Store::open(&path, OpenMode::MustExist)?;
            let settings = konbit_core::organisation::settings::require(store.conn())?;
            let lang = language(lang, settings.language)?;
            let bytes =
                konbit_core::report::team::write_pdf(store.conn(), &fy, quarter, &team, lang)?;
            konbit_core::fs::write_bytes(&output, &bytes)?;
            println!(
                "quarterly report of {team} for Q{quarter} {fy} written to {} ({} KB)",
                output.display(),
                bytes.len() / 1024
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Report {
            what:
                ReportWhat::Aging {
                    as_of,
                    lang,
                    output,
                },
        } => {
            let store = Store::open(&path, OpenMode::MustExist)?;
            let settings = konbit_core::organisation::settings::require(store.conn())?;
            let lang = language(lang, settings.language)?;
            let aging = konbit_core::invoicing::receivables::aging(store.conn(), as_of)?;
            konbit_core::fs::write_pdf_or_csv(
                &output,
                |out| konbit_core::invoicing::receivables::write_csv(&aging, lang, out),
                || konbit_core::invoicing::receivables::write_pdf(&aging, &settings.name, lang),
            )?;
            println!(
                "receivables as of {as_of}: {} owed by {} clients, {} over 90 days; written to {}",
                aging.total.format(lang),
                aging.clients.len(),
                aging.buckets[4].format(lang),
                output.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Check => {
            let store = Store::open(&path, OpenMode::MustExist)?;
            let mut problems = konbit_core::check::run(store.conn())?;
            let heads = konbit_core::audit::verify_heads(store.conn(), &path)?;
            match &heads.last {
                Some(last) => println!(
                    "audit log head: row {}, SHA-256 {}{}",
                    last.id,
                    last.hash,
                    if heads.kept {
                        ""
                    } else {
                        " (no head was kept beside the file: it is written at the next change)"
                    }
                ),
                None => println!("audit log: empty"),
            }
            problems.extend(heads.problems);
            if problems.is_empty() {
                println!("{}: ok", path.display());
                return Ok(ExitCode::SUCCESS);
            }
            for problem in &problems {
                eprintln!("{problem}");
            }
            eprintln!(
                "konbit: {} problem(s) found in {}",
                problems.len(),
                path.display()
            );
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Asks on the terminal; without one, refuses and says how to confirm.
fn confirmed(question: &str) -> Result<bool> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return Err(Error::Refused(konbit_core::error::Problem::RestoreNeedsYes));
    }
    print!("{question}");
    std::io::stdout().flush().map_err(|e| Error::Io {
        path: PathBuf::from("stdout"),
        source: e,
    })?;
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| Error::Io {
            path: PathBuf::from("stdin"),
            source: e,
        })?;
    Ok(matches!(
        answer.trim().to_lowercase().as_str(),
        "o" | "oui" | "y" | "yes"
    ))
}

/// `--lang fr|en`, else the organisation's language.
fn language(code: Option<String>, default: konbit_core::Lang) -> Result<konbit_core::Lang> {
    match code {
        None => Ok(default),
        Some(code) => Ok(konbit_core::Lang::from_code(&code).ok_or_else(|| {
            konbit_core::error::Invalid::new(
                "lang",
                konbit_core::error::Problem::NotALanguage {
                    value: code.clone(),
                },
            )
        })?),
    }
}

/// The command line has no session: a restricted case shows when the command says so and the
/// committee's passphrase opens its key. The passphrase is read from `KONBIT_LEGAL_PASSPHRASE`
/// when set, else asked on the terminal without echo, else (a pipe) read as the first line of
/// the standard input.
fn legal_key(
    conn: &Connection,
    unlock_restricted: bool,
) -> Result<Option<konbit_core::legal::Key>> {
    if !unlock_restricted {
        return Ok(None);
    }
    let passphrase = match std::env::var("KONBIT_LEGAL_PASSPHRASE") {
        Ok(given) => zeroize::Zeroizing::new(given),
        Err(_) => zeroize::Zeroizing::new(read_passphrase().map_err(|e| Error::Io {
            path: "stdin".into(),
            source: e,
        })?),
    };
    konbit_core::legal::vault::unlock(conn, &passphrase).map(Some)
}

fn read_passphrase() -> std::io::Result<String> {
    use std::io::{BufRead, IsTerminal};
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password("The legal committee's passphrase: ");
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn legal_access(key: &Option<konbit_core::legal::Key>) -> konbit_core::legal::Access<'_> {
    match key {
        Some(key) => konbit_core::legal::Access::Unlocked(key),
        None => konbit_core::legal::Access::Public,
    }
}

/// One line of `konbit legal list --json`: amounts in integer cents, hours as decimals.
#[derive(serde::Serialize)]
struct LegalListItem<'a> {
    id: i64,
    kind: konbit_core::legal::CaseKind,
    /// Null for a restricted case.
    title: Option<&'a str>,
    status: konbit_core::legal::CaseStatus,
    opened: NaiveDate,
    closed: Option<NaiveDate>,
    client: Option<&'a str>,
    restricted: bool,
    events: u32,
    deadlines: u32,
    documents: u32,
    disclosures: u32,
    expenses: i64,
    hours: f64,
    cost: i64,
}

impl<'a> From<&'a konbit_core::legal::summary::CaseSummary> for LegalListItem<'a> {
    fn from(c: &'a konbit_core::legal::summary::CaseSummary) -> Self {
        LegalListItem {
            id: c.id,
            kind: c.kind,
            title: c.title.as_deref(),
            status: c.status,
            opened: c.opened_on,
            closed: c.closed_on,
            client: c.client_name.as_deref(),
            restricted: c.restricted,
            events: c.events,
            deadlines: c.deadlines,
            documents: c.documents,
            disclosures: c.disclosures,
            expenses: c.cost.expenses.0,
            hours: (c.cost.minutes as f64 / 60.0 * 100.0).round() / 100.0,
            cost: c.cost.total.0,
        }
    }
}

/// `1 entry`, `2 entries`: the count and its noun, singular for one.
fn entries(count: impl Into<u64>) -> String {
    match count.into() {
        1 => "1 entry".to_owned(),
        n => format!("{n} entries"),
    }
}

fn print_import(file: &std::path::Path, outcome: &ImportOutcome) {
    println!(
        "{}: {} imported ({} h), {} already there",
        file.display(),
        entries(outcome.imported),
        konbit_core::worktime::duration::format(u32::try_from(outcome.minutes).unwrap_or(u32::MAX)),
        outcome.already_imported
    );
    for created in &outcome.created {
        println!("created {:?} '{}'", created.kind, created.key());
    }
    if outcome.short_count > 0 {
        println!(
            "{} under half a minute left out (durations are rounded to the nearest minute):",
            entries(outcome.short_count)
        );
        for short in &outcome.short {
            // A single person's export names no worker: the line says only what it has.
            let what: Vec<&str> = [short.worker.as_str(), short.description.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            println!(
                "  line {}: {} s on {}, {}",
                short.line,
                short.seconds,
                short.work_date,
                what.join(", ")
            );
        }
        if outcome.short_count as usize > outcome.short.len() {
            println!(
                "  and {} more",
                outcome.short_count as usize - outcome.short.len()
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_entry_is_singular() {
        assert_eq!(super::entries(1u32), "1 entry");
        assert_eq!(super::entries(0u32), "0 entries");
        assert_eq!(super::entries(4u32), "4 entries");
    }
}
