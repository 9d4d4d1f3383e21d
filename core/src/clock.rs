//! The one place that reads the wall clock: timestamps are decided by Rust, in UTC.

use chrono::{NaiveDate, SecondsFormat, Utc};

/// Now, as stored in `created_at` / `updated_at` columns.
pub fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}
