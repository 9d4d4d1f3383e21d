//! What is wrong with a line of a file a person gave Konbit (an import of hours): below the
//! domains and beside `error.rs`, whose `Error::Rejected` carries a list of them, so that the
//! error type depends on no domain.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use ts_rs::TS;

/// What is wrong with a file: a line (0 for the whole file), the column's name, and why: in
/// English for the command line (`message`), and as a `code` with the `value` at fault, which
/// the UI words in the person's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Problem {
    pub line: u64,
    // A boxed `str`: the header's name never grows, and the eight bytes keep the functions
    // that return a problem by value within Clippy's size for an error.
    #[ts(type = "string | null")]
    pub column: Option<Box<str>>,
    pub code: String,
    pub value: String,
    /// Other values the sentence names (a line's cell count: the header's `columns`).
    pub params: BTreeMap<String, String>,
    pub message: String,
}

impl Problem {
    pub(crate) fn file(message: impl Into<String>) -> Problem {
        Problem::at(0, None, message)
    }

    pub(crate) fn at(line: u64, column: Option<&str>, message: impl Into<String>) -> Problem {
        Problem {
            line,
            column: column.map(Into::into),
            code: String::new(),
            value: String::new(),
            params: BTreeMap::new(),
            message: message.into(),
        }
    }

    /// Names the problem for translation: `bad_date` with the date as typed, and so on.
    pub(crate) fn because(mut self, code: &str, value: impl Into<String>) -> Problem {
        self.code = code.to_owned();
        self.value = value.into();
        self
    }

    /// Another value the sentence names.
    pub(crate) fn with(mut self, name: &str, value: impl Into<String>) -> Problem {
        self.params.insert(name.to_owned(), value.into());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, &self.column) {
            (0, _) => write!(f, "{}", self.message),
            (line, Some(column)) => write!(f, "line {line}, column {column}: {}", self.message),
            (line, None) => write!(f, "line {line}: {}", self.message),
        }
    }
}
