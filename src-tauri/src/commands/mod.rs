//! One module per feature; each command is a few lines over `konbit-core`. Commands run off the
//! main thread (`async`), so a slow query never freezes the window.

pub mod app;
pub mod cashflow;
pub mod catalog;
pub mod clients;
pub mod committees;
pub mod finance;
pub mod home;
pub mod invoicing;
pub mod legal;
pub mod members;
pub mod plan;
pub mod projects;
pub mod receivables;
pub mod reports;
pub mod settings;
pub mod teams;
pub mod time;
pub mod timesheets;
pub mod workers;
