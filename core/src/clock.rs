//! The one place that reads the wall clock: timestamps are decided by Rust, in UTC.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

/// Now, as stored in `created_at` / `updated_at` columns.
pub fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// When a document (a PDF) is written: now, or `SOURCE_DATE_EPOCH` when it is set, so that a
/// build or a test that fixes it gets the same bytes every time (reproducible-builds.org).
pub fn document_time() -> DateTime<Utc> {
    from_epoch(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref()).unwrap_or_else(Utc::now)
}

/// Seconds since 1970 as `SOURCE_DATE_EPOCH` holds them; `None` for anything else, which then
/// falls back to the clock rather than stamping a document with a made-up date.
fn from_epoch(value: Option<&str>) -> Option<DateTime<Utc>> {
    let seconds = value?.trim().parse::<i64>().ok()?;
    DateTime::from_timestamp(seconds, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_date_epoch_is_read_as_seconds_or_ignored() {
        let check = |value: Option<&str>, expect: Option<&str>| {
            assert_eq!(
                from_epoch(value).map(|t| t.to_rfc3339()),
                expect.map(str::to_owned),
                "{value:?}"
            );
        };
        check(Some("1356998400"), Some("2013-01-01T00:00:00+00:00"));
        check(Some(" 0\n"), Some("1970-01-01T00:00:00+00:00"));
        check(Some("demain"), None);
        check(Some(""), None);
        check(None, None);
    }
}
