//! The crate-wide error: every service returns [`Result`]. Each variant has a stable `code`
//! that the desktop shell and the CLI pass on, so the UI can translate it and tests can match it.

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

use crate::store::StoreError;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error("no {entity} has the id {id}; it may have been removed by another window")]
    NotFound { entity: &'static str, id: i64 },
    #[error("{0}")]
    Conflict(String),
    #[error("this legal case is restricted: unlock the restricted cases to see its details (on the command line, add --unlock-restricted)")]
    Restricted,
    #[error("the organisation is not set up yet: create it or load the demo first")]
    NoOrganisation,
    #[error("could not read or write {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// A record dated in a closed fiscal year (`finance::closing`): written, changed or removed.
    #[error("{date} is in the fiscal year {fiscal_year}, which is closed: its records can no longer change. Reopen the year first if its accounts must be corrected")]
    Closed { fiscal_year: String, date: chrono::NaiveDate },
    /// A file refused whole (an import): nothing was written.
    #[error("{}", rejected(problems))]
    Rejected { problems: Vec<crate::worktime::import::Problem> },
}

fn rejected(problems: &[crate::worktime::import::Problem]) -> String {
    match problems {
        [] => "the file was refused; nothing was written".into(),
        [only] => format!("nothing was written: {only}"),
        [first, rest @ ..] => format!("nothing was written: {first} (and {} more problems)", rest.len()),
    }
}

impl Error {
    /// A stable, machine-readable code, mirrored in `ui/src/lib/api/errors.ts`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Store(e) => e.code(),
            Error::Invalid(_) => "invalid",
            Error::NotFound { .. } => "not_found",
            Error::Conflict(_) => "conflict",
            Error::Restricted => "restricted",
            Error::NoOrganisation => "no_organisation",
            Error::Io { .. } => "io",
            Error::Rejected { .. } => "rejected",
            Error::Closed { .. } => "closed",
        }
    }

    /// The field a validation error is about, so the UI can show it next to that field.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Invalid(invalid) => Some(&invalid.field),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for Error {
    /// A trigger's `RAISE(ABORT, …)` is a rule of the books the database enforces itself (an
    /// issued invoice is frozen): it reaches the person as a conflict with the trigger's words.
    fn from(e: rusqlite::Error) -> Self {
        match &e {
            rusqlite::Error::SqliteFailure(f, Some(message)) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_TRIGGER => {
                Error::Conflict(message.clone())
            }
            _ => Error::Store(StoreError::from(e)),
        }
    }
}

/// A value typed by a person that cannot be accepted. `rule` names what is wrong in a way the
/// UI can translate; `message` says it in English for the command line and logs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, TS)]
#[error("{field}: {message}")]
pub struct Invalid {
    pub field: String,
    pub rule: Rule,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    Required,
    TooLong,
    OutOfRange,
    BadFormat,
    Duplicate,
    Unknown,
    Inconsistent,
}

impl Invalid {
    pub fn new(field: &str, rule: Rule, message: impl Into<String>) -> Self {
        Invalid { field: field.to_owned(), rule, message: message.into() }
    }
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

impl<T> OrNotFound<T> for rusqlite::Result<T> {
    fn or_not_found(self, entity: &'static str, id: i64) -> Result<T> {
        self.map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Error::NotFound { entity, id },
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
