//! The crate-wide error: every service returns [`Result`]. What went wrong is a [`Problem`]: one
//! variant per kind of mistake or refusal, with the values involved as parameters, and a stable
//! code. The desktop shell sends the problem as it is (`{ code, params, field?, message }`), the
//! UI's two catalogs turn each code into a sentence in the person's language with the field's
//! label, and the command line prints the English sentence given here. The list of problems is
//! the one source of the codes: the TypeScript type is generated from it, so a catalog that
//! misses one does not compile.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::money::Cents;
use crate::store::StoreError;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A value typed by a person, refused, about one field of the form.
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// A rule of the books refuses the action (an issued invoice never changes, a year is
    /// closed in order…), whatever was typed.
    #[error("{0}")]
    Refused(Problem),
    #[error("no {entity} has the id {id}; it may have been removed by another window")]
    NotFound { entity: &'static str, id: i64 },
    /// A restricted case (or one about to be made restricted), and a session that did not unlock
    /// the restricted cases: every service of `legal` refuses it so, whatever the caller.
    #[error("the restricted legal cases are locked: unlock them to see, change or restrict a case (on the command line, add --unlock-restricted)")]
    Restricted,
    #[error("the organisation is not set up yet: create it or load the demo first")]
    NoOrganisation,
    #[error("could not read or write {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A record dated in a closed fiscal year (`finance::closing`): written, changed or removed.
    #[error("{date} is in the fiscal year {fiscal_year}, which is closed: its records can no longer change. Reopen the year first if its accounts must be corrected")]
    Closed {
        fiscal_year: String,
        date: NaiveDate,
    },
    /// A file refused whole (an import): nothing was written.
    #[error("{}", rejected(problems))]
    Rejected {
        problems: Vec<crate::file_problem::Problem>,
    },
    /// Something Konbit itself got wrong (a damaged embedded font, a value that does not
    /// serialize): not the person's doing, said as such.
    #[error("internal error: {0}")]
    Internal(String),
}

fn rejected(problems: &[crate::file_problem::Problem]) -> String {
    match problems {
        [] => "the file was refused; nothing was written".into(),
        [only] => format!("nothing was written: {only}"),
        [first, rest @ ..] => format!(
            "nothing was written: {first} (and {} more problems)",
            rest.len()
        ),
    }
}

impl Error {
    /// The problem as the UI and the command line's `--json` receive it.
    pub fn problem(&self) -> Problem {
        match self {
            Error::Store(e) => store_problem(e),
            Error::Invalid(invalid) => invalid.problem.clone(),
            Error::Refused(problem) => problem.clone(),
            Error::NotFound { entity, id } => Problem::NotFound {
                entity: (*entity).to_owned(),
                id: *id,
            },
            Error::Restricted => Problem::Restricted,
            Error::NoOrganisation => Problem::NoOrganisation,
            Error::Io { path, source } => Problem::Io {
                path: path.display().to_string(),
                reason: source.to_string(),
            },
            Error::Closed { fiscal_year, date } => Problem::Closed {
                fiscal_year: fiscal_year.clone(),
                date: (*date).into(),
            },
            Error::Rejected { problems } => Problem::Rejected {
                count: problems.len() as i64,
            },
            Error::Internal(detail) => Problem::Unexpected {
                detail: detail.clone(),
            },
        }
    }

    /// A stable, machine-readable code: the problem's.
    pub fn code(&self) -> &'static str {
        self.problem().code()
    }

    /// The field a validation error is about, so the UI can show it next to that field.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Invalid(invalid) => Some(&invalid.field),
            _ => None,
        }
    }

    /// A rule of the books, refused.
    pub fn refused(problem: Problem) -> Self {
        Error::Refused(problem)
    }

    /// Something of Konbit's own that failed.
    pub fn internal(what: impl std::fmt::Display) -> Self {
        Error::Internal(what.to_string())
    }
}

fn store_problem(e: &StoreError) -> Problem {
    let path = |p: &PathBuf| p.display().to_string();
    match e {
        StoreError::NotSqlite { path: p } | StoreError::NotKonbit { path: p } => {
            Problem::NotKonbit { path: path(p) }
        }
        StoreError::TooNew {
            path: p,
            found,
            known,
        } => Problem::TooNew {
            path: path(p),
            found: i64::from(*found),
            known: i64::from(*known),
        },
        StoreError::Missing { path: p } => Problem::Missing { path: path(p) },
        StoreError::Corrupt { path: p } => Problem::Corrupt { path: path(p) },
        StoreError::Damaged => Problem::Damaged,
        StoreError::Locked => Problem::Locked,
        StoreError::ReadOnly { path: p } => Problem::ReadOnly { path: path(p) },
        StoreError::DiskFull => Problem::DiskFull,
        StoreError::NoHome => Problem::NoHome,
        StoreError::Migration { version, source } => Problem::Migration {
            version: i64::from(*version),
            detail: source.to_string(),
        },
        StoreError::Io { path: p, source } => Problem::Io {
            path: path(p),
            reason: source.to_string(),
        },
        StoreError::Database(source) => Problem::Database {
            detail: source.to_string(),
        },
        StoreError::Unreachable { server, detail } => Problem::ServerUnreachable {
            server: server.clone(),
            detail: detail.clone(),
        },
        StoreError::ServerNotEmpty { server, tables } => Problem::ServerNotEmpty {
            server: server.clone(),
            tables: tables.join(", "),
        },
        StoreError::ServerNotKonbit { server } => Problem::ServerNotKonbit {
            server: server.clone(),
        },
        StoreError::ServerTooNew {
            server,
            found,
            known,
        } => Problem::ServerTooNew {
            server: server.clone(),
            found: i64::from(*found),
            known: i64::from(*known),
        },
        StoreError::ServerOlder { server, found } => Problem::ServerOlder {
            server: server.clone(),
            found: i64::from(*found),
        },
        StoreError::ReplicaExists { path: p } => Problem::ReplicaExists { path: path(p) },
        StoreError::NotReplica => Problem::NotReplica,
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::from(crate::store::sql::Error::from(e))
    }
}

impl From<crate::store::sql::Error> for Error {
    /// A trigger's `RAISE(ABORT, …)` is a rule of the books the database enforces itself (an
    /// issued invoice is frozen): the services check first so the person gets a precise
    /// sentence; if anything gets past them, the trigger's words reach the person as such. The
    /// lock on closed years (migration 0021) says `closed_year <date> <end of the last closed
    /// year>`, and becomes the [`Error::Closed`] the services give.
    fn from(e: crate::store::sql::Error) -> Self {
        if let Some(detail) = e.not_allowed() {
            return Error::Refused(Problem::ServerRefused { detail });
        }
        match e.rule() {
            Some(message) => closed_year(message).unwrap_or_else(|| {
                Error::Refused(Problem::BooksRule {
                    rule: message.to_owned(),
                })
            }),
            None => Error::Store(StoreError::from(e)),
        }
    }
}

/// The prefix of the closed-year triggers' messages (`store/migrations/0021_closed_years.sql`).
const CLOSED_YEAR: &str = "closed_year ";

/// A closed-year trigger's message as the error the services give. The fiscal year is named
/// without reading the settings (there is no connection here): a closed year ends the day
/// before a fiscal year starts, so the day after the lock gives the start month.
fn closed_year(message: &str) -> Option<Error> {
    let mut words = message.strip_prefix(CLOSED_YEAR)?.split(' ');
    let date: NaiveDate = words.next()?.parse().ok()?;
    let through: NaiveDate = words.next()?.parse().ok()?;
    let start_month = chrono::Datelike::month(&through.succ_opt()?);
    Some(Error::Closed {
        fiscal_year: crate::fiscal::FiscalYear::containing(date, start_month).name(),
        date,
    })
}

/// A value typed by a person that cannot be accepted: the field (its key in the form, which the
/// UI turns into its label) and what is wrong with it.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, TS)]
#[error("{field}: {problem}")]
pub struct Invalid {
    // A boxed `str` rather than a `String`: the field's name never grows, and the eight bytes
    // keep every `Result<_, Invalid>` (what each parser returns) within Clippy's size for an
    // error returned by value.
    #[ts(type = "string")]
    pub field: Box<str>,
    pub problem: Problem,
}

impl Invalid {
    pub fn new(field: &str, problem: Problem) -> Self {
        Invalid {
            field: field.into(),
            problem,
        }
    }
}

/// An amount in a problem's parameters: the UI formats it in the person's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Money {
    pub money: Cents,
}

impl From<Cents> for Money {
    fn from(money: Cents) -> Self {
        Money { money }
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.money.format(crate::Lang::En))
    }
}

/// A day in a problem's parameters: the UI writes it as its screens do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Day {
    pub date: NaiveDate,
}

impl From<NaiveDate> for Day {
    fn from(date: NaiveDate) -> Self {
        Day { date }
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.date)
    }
}

/// Declares the problems: each with its code, its parameters and its English sentence (the
/// command line's; the UI has its own catalogs), in which `{name}` is a parameter.
macro_rules! problems {
    ($( $(#[$doc:meta])* $name:ident ($code:literal) $({ $($param:ident : $ty:ty),* $(,)? })? = $english:literal, )*) => {
        #[derive(Debug, Clone, PartialEq, Serialize, TS)]
        #[serde(tag = "code", content = "params", rename_all = "snake_case")]
        #[ts(rename = "ErrorProblem")]
        pub enum Problem {
            $( $(#[$doc])* $name $({ $($param: $ty),* })?, )*
        }

        impl Problem {
            /// Every code, in declaration order: the table the catalogs' tests walk.
            pub const CODES: &'static [&'static str] = &[$($code),*];

            /// Each code with the names of its parameters, for the catalogs' tests.
            pub const PARAMS: &'static [(&'static str, &'static [&'static str])] = &[$(($code, &[$($(stringify!($param)),*)?])),*];

            pub fn code(&self) -> &'static str {
                match self {
                    $( Problem::$name { .. } => $code, )*
                }
            }
        }

        impl std::fmt::Display for Problem {
            #[allow(unused_variables)]
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    $( Problem::$name $({ $($param),* })? => write!(f, $english), )*
                }
            }
        }
    };
}

problems! {
    // What a person typed, about one field.
    Required("required") = "this is required",
    TooLong("too_long") { count: i64, max: i64 } = "{count} characters; at most {max} are allowed",
    NotAnEmail("not_an_email") { value: String } = "'{value}' is not an e-mail address; write it like nom@exemple.org",
    NotAnAmount("not_an_amount") { value: String } = "'{value}' is not an amount; write it like 1 234,56",
    AmountDecimals("amount_decimals") { value: String } = "'{value}' has more than two decimals; round it to the cent",
    NotADuration("not_a_duration") { value: String } = "'{value}' is not a duration; write it like 1:30, 1h30, 1,5 or 90m",
    DurationRange("duration_range") { value: String } = "a duration is between 1 minute and 24 hours, not '{value}'",
    NotATime("not_a_time") { value: String } = "'{value}' is not a time of day; write it like 09:30",
    NotAFiscalYear("not_a_fiscal_year") { value: String, example: String } = "'{value}' is not a fiscal year; write it like {example}",
    NoSuchQuarter("no_such_quarter") { value: i64 } = "quarter {value} does not exist; use 1, 2, 3 or 4",
    NotALanguage("not_a_language") { value: String } = "'{value}' is not a language Konbit speaks; use fr or en",
    AmountRange("amount_range") { min: Money, max: Money } = "the amount is between {min} and {max}",
    NumberRange("number_range") { min: i64, max: i64 } = "the value is between {min} and {max}",
    QuantityRange("quantity_range") = "the quantity is between 0,001 and 100 000",
    PercentRange("percent_range") { min: i64, max: i64 } = "the percentage is between {min} % and {max} %",
    HoursRange("hours_range") { min: i64, max: i64 } = "the hours are between {min} and {max}",
    FractionRange("fraction_range") = "the salaried share is between 0 and 1, the FTE between 0 and 1 000",
    TaxAboveAmount("tax_above_amount") { amount: Money } = "a tax paid is between 0 $ and the amount before taxes ({amount})",
    EndBeforeStart("end_before_start") { start: Day, end: Day } = "the end ({end}) comes before the start ({start})",
    EndTimeBeforeStart("end_time_before_start") { start: String, end: String } = "the end ({end}) comes before the start ({start})",
    EndWithoutStart("end_without_start") = "an end time needs a start time",
    BadCode("bad_code") { example: String } = "a code is a short word of letters a to z, digits and _, like {example}",
    Taken("taken") { value: String } = "'{value}' is already used",
    UnknownWorker("unknown_worker") { name: String } = "no worker is named '{name}'",
    UnknownClient("unknown_client") { name: String } = "no client is named '{name}'",
    UnknownProject("unknown_project") { name: String } = "no project is named '{name}'",
    UnknownCommittee("unknown_committee") { name: String } = "no committee is named '{name}'",
    NamedTwice("named_twice") { name: String, count: i64 } = "{count} are named '{name}'; tell them apart",
    UnknownTeam("unknown_team") { code: String } = "no team has the code '{code}'; the codes are listed under Organisation → Équipes",
    UnknownNumber("unknown_number") { number: String } = "no invoice or credit note is numbered {number}",
    ProjectOrCommittee("project_or_committee") = "choose a project or a committee (one of the two)",
    PlanBucket("plan_bucket") = "plan hours for a team, a committee or internal work (exactly one)",
    PlanTooLong("plan_too_long") { hours: i64 } = "{hours} hours is more than a year holds",
    NoPlan("no_plan") { worker: String, fiscal_year: String } = "{worker} has no plan for {fiscal_year}; set one under Temps → Plan",
    BudgetLine("budget_line") = "a budget line is for a revenue department or an expense category",
    ClientWorkNeedsClient("client_work_needs_client") = "client work needs a client; choose one or make the project internal",
    BillingNeedsRate("billing_needs_rate") = "a project billed this way needs this rate",
    NoTaxRates("no_tax_rates") { date: Day } = "no sales tax rates are in force on {date}; add them under Paramètres → Taxes",
    TaxRateTooHigh("tax_rate_too_high") { max: i64 } = "a sales tax above {max} % is a typo",
    RatesStartThatDay("rates_start_that_day") { date: Day } = "rates already start on {date}",
    RatesAfterIssued("rates_after_issued") { number: String, date: Day } = "invoice {number} was issued on or after {date} at the old rates; new rates can only start after the last issued invoice",
    DraftKeepsClient("draft_keeps_client") = "a draft stays with its client; delete it and start another",
    NoUnbilledHours("no_unbilled_hours") { client: String, from: Day, to: Day, first: Day, last: Day } =
        "{client} has no unbilled hours between {from} and {to}; its unbilled hours run from {first} to {last}",
    NoBillableHoursLeft("no_billable_hours_left") { client: String } = "{client} has no unbilled billable hours at all",
    InvoiceNeedsLines("invoice_needs_lines") = "an invoice needs at least one line",
    InvoiceNotPositive("invoice_not_positive") { subtotal: Money } = "the subtotal is {subtotal}; an invoice is for more than 0 $",
    NumberBeforeDate("number_before_date") { number: String, date: Day } = "{number} is dated {date}; numbers follow the dates, so date this one {date} or later",
    CreditOnlyIssued("credit_only_issued") = "only an issued invoice can be credited",
    CreditBeforeInvoice("credit_before_invoice") { invoice_date: Day } = "a credit note comes after its invoice ({invoice_date})",
    CreditAboveLine("credit_above_line") { line: Money } = "credit between 0,01 $ and the line's {line}",
    CreditAboveLeft("credit_above_left") { left: Money } = "only {left} of this invoice is left to credit",
    AllocationsAbovePayment("allocations_above_payment") { asked: Money, available: Money } = "the allocations ({asked}) are more than the payment has left ({available})",
    AllocationForeign("allocation_foreign") = "a payment settles issued invoices of the same client",
    AllocationAboveBalance("allocation_above_balance") { number: String, balance: Money } = "{number} has {balance} left to pay",
    ClosedCaseNeedsDay("closed_case_needs_day") = "a closed case needs the day it closed",
    ClosingDayOnOpenCase("closing_day_on_open_case") = "only a closed case has a closing day; clear it or close the case",
    PartyNeedsRole("party_needs_role") { name: String } = "choose the role of {name}",
    AlreadyWorker("already_worker") = "this member is already a worker",
    PeriodOverlaps("period_overlaps") { start: Day, end: String } = "this period overlaps the one from {start} to {end}; change its dates or remove that one first",
    RateStartsThatDay("rate_starts_that_day") { date: Day } = "a rate already starts on {date}; remove it first to change it",
    NoStatusThatDay("no_status_that_day") { worker: String, date: Day } = "{worker} has no status (salaried or freelance) on {date}; add one under Organisation → Travailleurs first",
    DayFull("day_full") {
        worker: String,
        date: Day,
        already: String,
        left: String,
        added: String,
    } = "{worker} already has {already} h recorded on {date}; a day holds 24 h, so at most {left} h more fit, not {added}",
    TooManyRows("too_many_rows") { count: i64, max: i64 } = "this table has {count} rows; at most {max} can be saved at once",
    SeveralEntries("several_entries") { count: i64 } = "{count} entries make this day; change them one by one in the day's list",
    TimerUnreadable("timer_unreadable") = "the timer's start time is unreadable; discard it",
    TimerTooLong("timer_too_long") { hours: i64 } = "the timer has run for {hours} hours; discard it and enter the time by hand",
    BadInvoicePattern("bad_invoice_pattern") { why: String, example: String } = "{why}; write it like {example} (gives 2013-0042)",
    FileTooLarge("file_too_large") { name: String, max_mb: i64 } = "{name} is larger than {max_mb} MB; attach a smaller copy (a scan at a lower resolution)",
    GeneratedSection("generated_section") = "a generated section names what it shows; other sections do not",
    LookAhead("look_ahead") { max_days: i64 } = "look at most {max_days} days ahead",
    OutputKind("output_kind") = "name the output FILE.pdf or FILE.csv",
    // Rules of the books, whatever was typed.
    InvoiceIssued("invoice_issued") { number: String } = "{number} is issued and cannot change; correct it with a credit note",
    HoursBilled("hours_billed") { number: String } = "these hours are billed on invoice {number}, which is issued; they can no longer change",
    HoursOnDraft("hours_on_draft") { client: String } = "these hours are on a draft invoice for {client}; take them off the draft first",
    WeekHasHours("week_has_hours") = "this week already has hours; the plan only fills an empty week",
    BudgetExists("budget_exists") { fiscal_year: String } = "{fiscal_year} already has a budget; change it line by line",
    ReportHasSections("report_has_sections") { fiscal_year: String } = "the report of {fiscal_year} already has its sections",
    YearAlreadyClosed("year_already_closed") { fiscal_year: String } = "{fiscal_year} is already closed",
    YearNotOver("year_not_over") { fiscal_year: String, end: Day } = "{fiscal_year} can be closed once it is over, after {end}",
    EarlierYearOpen("earlier_year_open") { fiscal_year: String, earlier: String } = "{fiscal_year} cannot be closed before {earlier}: close {earlier} first",
    DraftsInYear("drafts_in_year") { fiscal_year: String, count: i64 } = "{fiscal_year} cannot be closed: {count} draft invoice(s) are dated in it; issue or delete them first",
    LaterYearClosed("later_year_closed") { fiscal_year: String, later: String } = "{fiscal_year} cannot be reopened: {later} is closed after it; reopen {later} first",
    YearNotClosed("year_not_closed") { fiscal_year: String } = "{fiscal_year} is not closed",
    SummaryOfClosedYear("summary_of_closed_year") { fiscal_year: String } = "{fiscal_year} is closed: its figures are those it was closed with; reopen it to change its records",
    ExpenseInOtherCase("expense_in_other_case") { case_id: i64 } = "this expense is already counted in case {case_id}; unlink it there first",
    AlreadyVoided("already_voided") { date: Day, amount: Money } = "the record of {amount} on {date} is voided or is a reversal: it can no longer change",
    OrganisationExists("organisation_exists") = "this database already holds an organisation",
    DocumentMissing("document_missing") { name: String, folder: String } = "{name} is missing from the documents folder; restore the folder {folder} from a backup",
    DocumentChanged("document_changed") { name: String, folder: String } = "{name} has changed since it was attached; restore the folder {folder} from a backup",
    RestoreNeedsYes("restore_needs_yes") = "restoring replaces the database: confirm with --yes when no one can answer on a terminal",
    BooksRule("books_rule") { rule: String } = "the database refused the change: {rule}",
    // The desktop window's own.
    Restoring("restoring") = "the database is being restored; wait a moment",
    SameDatabase("same_database") = "choose another file than the open database",
    NoBackupThatDay("no_backup_that_day") { date: String } = "there is no backup of {date}",
    NotAttached("not_attached") = "this document is not attached to this record",
    OpenFailed("open_failed") { reason: String } = "the document could not be opened: {reason}",
    UnknownFile("unknown_file") = "this file was not chosen in this window; choose it again",
    // The records and the session.
    NotFound("not_found") { entity: String, id: i64 } = "no {entity} has the id {id}; it may have been removed by another window",
    Restricted("restricted") = "the restricted legal cases are locked: unlock them to see, change or restrict a case",
    PassphraseTooShort("passphrase_too_short") { min: i64 } = "the passphrase needs at least {min} characters: four or five words are easy to remember and hard to guess",
    PassphrasesDiffer("passphrases_differ") = "the two passphrases differ: type the same one twice",
    WrongPassphrase("wrong_passphrase") = "this is not the legal committee's passphrase: check the caps lock and the keyboard's language, then type it again",
    VaultNotSet("vault_not_set") = "the legal committee has not chosen its passphrase yet: choose it before unlocking",
    VaultAlreadySet("vault_already_set") = "the legal committee's passphrase is already chosen: unlock with it",
    SealedDamaged("sealed_damaged") { case_id: i64, what: String } = "a sealed detail of the restricted case {case_id} ({what}) does not open: it was changed outside Konbit; restore a backup",
    NoOrganisation("no_organisation") = "the organisation is not set up yet: create it or load the demo first",
    Closed("closed") { fiscal_year: String, date: Day } = "{date} is in the fiscal year {fiscal_year}, which is closed: its records can no longer change. Reopen the year first if its accounts must be corrected",
    Rejected("rejected") { count: i64 } = "the file was refused for {count} problem(s); nothing was written",
    // The database file and the machine.
    Io("io") { path: String, reason: String } = "could not read or write {path}: {reason}",
    NotKonbit("not_konbit") { path: String } = "{path} is not a Konbit database; choose another file or restore a backup",
    TooNew("too_new") { path: String, found: i64, known: i64 } = "{path} was written by a newer Konbit (schema {found}, this program knows up to {known}); update Konbit or open a backup",
    Missing("missing") { path: String } = "no database at {path}",
    Corrupt("corrupt") { path: String } = "{path} is damaged; restore the latest backup (`konbit restore FILE`)",
    Damaged("damaged") = "the database is damaged; restore the latest backup (`konbit restore FILE`, or a copy from konbit.sqlite.backups)",
    Locked("locked") = "the database is in use by another program; close it and try again",
    ReadOnly("read_only") { path: String } = "{path} cannot be written (read-only file or folder)",
    DiskFull("disk_full") = "the disk is full or cannot be written; free some space and try again (nothing was saved)",
    NoHome("no_home") = "no home folder was found for the database; pass --db PATH or set KONBIT_DB",
    Migration("migration") { version: i64, detail: String } = "could not upgrade the database to schema {version} ({detail}); it was left as it was",
    Database("database") { detail: String } = "database error: {detail}",
    // The office's server.
    ServerUnreachable("server_unreachable") { server: String, detail: String } = "the office's server {server} does not answer ({detail}); check the address, the login and the password, and that this computer reaches the office's network",
    ServerNotEmpty("server_not_empty") { server: String, tables: String } = "{server} already holds other tables ({tables}); give Konbit an empty database",
    ServerNotKonbit("server_not_konbit") { server: String } = "{server} does not hold Konbit's books; check the database's name",
    ServerTooNew("server_too_new") { server: String, found: i64, known: i64 } = "{server} holds books of a newer Konbit (server schema {found}, this program knows up to {known}); update Konbit",
    ServerRefused("server_refused") { detail: String } = "the office's server does not let your login do this ({detail}); ask an administrator of the books if your role should allow it",
    ReplicaExists("replica_exists") { path: String } = "{path} already exists; the office's books are joined in a new file: choose another name",
    NotReplica("not_replica") = "this file holds local books, not the office's",
    ServerOlder("server_older") { server: String, found: i64 } = "{server} holds books of an older Konbit (server schema {found}); ask the office's administrator to upgrade them",
    Unexpected("unexpected") { detail: String } = "unexpected error: {detail}",
}

/// Turns SQLite's "no row" into the entity's [`Error::NotFound`].
pub(crate) trait OrNotFound<T> {
    fn or_not_found(self, entity: &'static str, id: i64) -> Result<T>;
}

impl<T> OrNotFound<T> for Option<T> {
    fn or_not_found(self, entity: &'static str, id: i64) -> Result<T> {
        self.ok_or(Error::NotFound { entity, id })
    }
}

impl<T> OrNotFound<T> for crate::store::sql::Result<T> {
    fn or_not_found(self, entity: &'static str, id: i64) -> Result<T> {
        self.map_err(|e| match e {
            crate::store::sql::Error::NoRows => Error::NotFound { entity, id },
            other => Error::from(other),
        })
    }
}

/// Fails with [`Error::NotFound`] when an UPDATE touched no row.
pub(crate) fn changed(rows: usize, entity: &'static str, id: i64) -> Result<()> {
    if rows == 0 {
        Err(Error::NotFound { entity, id })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_code_is_the_one_serialized() {
        let samples = [
            Problem::Required,
            Problem::EndBeforeStart {
                start: Day::from(NaiveDate::from_ymd_opt(2013, 9, 20).unwrap()),
                end: Day::from(NaiveDate::from_ymd_opt(2013, 9, 16).unwrap()),
            },
            Problem::AmountRange {
                min: Cents(1).into(),
                max: Cents(100_000_000).into(),
            },
        ];
        for p in samples {
            let json = serde_json::to_value(&p).unwrap();
            assert_eq!(json["code"], p.code());
            assert!(Problem::CODES.contains(&p.code()));
        }
        let mut codes = Problem::CODES.to_vec();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(
            codes.len(),
            Problem::CODES.len(),
            "every code is given once"
        );
    }

    #[test]
    fn english_names_the_values() {
        let p = Problem::EndBeforeStart {
            start: NaiveDate::from_ymd_opt(2013, 9, 20).unwrap().into(),
            end: NaiveDate::from_ymd_opt(2013, 9, 16).unwrap().into(),
        };
        assert_eq!(
            Invalid::new("to", p).to_string(),
            "to: the end (2013-09-16) comes before the start (2013-09-20)"
        );
        let json = serde_json::to_value(Problem::AmountRange {
            min: Cents(1).into(),
            max: Cents(150_000).into(),
        })
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "code": "amount_range", "params": { "min": { "money": 1 }, "max": { "money": 150000 } } })
        );
    }

    #[test]
    fn a_closed_year_trigger_names_the_year_and_other_triggers_the_rule() {
        let trigger = |message: &str| {
            Error::from(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_TRIGGER),
                Some(message.into()),
            ))
        };
        let check = |message: &str, expect: &str| {
            let error = trigger(message);
            assert_eq!(format!("{}: {error}", error.code()), expect, "{message}");
        };
        check(
            "closed_year 2012-06-30 2012-08-31",
            "closed: 2012-06-30 is in the fiscal year 2011-2012, which is closed: its records can no longer change. Reopen the year first if its accounts must be corrected",
        );
        // An earlier year than the last closed, and a calendar fiscal year.
        check(
            "closed_year 2009-01-05 2012-08-31",
            "closed: 2009-01-05 is in the fiscal year 2008-2009, which is closed: its records can no longer change. Reopen the year first if its accounts must be corrected",
        );
        check(
            "closed_year 2012-12-01 2012-12-31",
            "closed: 2012-12-01 is in the fiscal year 2012, which is closed: its records can no longer change. Reopen the year first if its accounts must be corrected",
        );
        check(
            "closed_year somewhen",
            "books_rule: the database refused the change: closed_year somewhen",
        );
        check(
            "payments cannot be changed; record a correction",
            "books_rule: the database refused the change: payments cannot be changed; record a correction",
        );
    }
}
