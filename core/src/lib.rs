//! Konbit's core: everything the collective's office software knows, with no user interface.
//!
//! The desktop shell (`src-tauri`) and the `konbit` command line are both thin layers over the
//! services here. Services take a `crate::store::Connection` (usually a transaction opened by
//! [`store::Store::write`]), validate what they are given, and return [`Result`].
//! See ARCHITECTURE.md for the map and its invariants.

pub mod audit;
pub mod backup;
pub mod catalog;
pub mod chart;
pub mod check;
pub mod clients;
pub mod clock;
pub mod demo;
pub mod documents;
pub mod error;
pub mod file_problem;
pub mod finance;
pub mod fiscal;
pub mod fs;
pub mod home;
pub mod invoicing;
pub mod lang;
pub mod legal;
pub mod listing;
pub mod lock;
pub mod money;
pub mod organisation;
pub mod pdf;
pub mod report;
pub mod stats;
pub mod store;
pub mod table;
pub mod text;
pub mod worktime;

#[cfg(test)]
mod bindings;

pub use error::{Day, Error, Invalid, Money, Problem, Result};
pub use lang::Lang;
pub use money::Cents;
