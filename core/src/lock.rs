//! The closed-year lock on dated records: every record dated on or before the end of the last
//! closed year (`year_closings`) is locked. It sits below the domains — hours, invoices,
//! payments, expenses, income, wages, statuses and budgets all ask it before writing — so that
//! none of them depends on `finance::closing`, which closes and reopens years with their figures.
//! Triggers (`0021_closed_years.sql`) refuse what gets past it.

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::fiscal::FiscalYear;
use crate::store::sql::Connection;

/// The lock on dated records, read once for a batch of writes (an import).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lock {
    /// The end of the last closed year.
    through: Option<NaiveDate>,
    start_month: u32,
}

impl Lock {
    pub(crate) fn read(conn: &Connection) -> Result<Lock> {
        let through: Option<NaiveDate> = conn
            .prepare_cached("SELECT max(end_on) FROM year_closings")?
            .query_row([], |r| r.get(0))?;
        // A closed year ends the day before a fiscal year starts: the day after the lock gives
        // the start month, without reading the settings (which live above this layer).
        let start_month = through
            .and_then(|t| t.succ_opt())
            .map_or(1, |next| chrono::Datelike::month(&next));
        Ok(Lock {
            through,
            start_month,
        })
    }

    /// Whether `date` is in a closed year.
    pub(crate) fn covers(&self, date: NaiveDate) -> bool {
        self.through.is_some_and(|through| date <= through)
    }

    /// Refuses a record dated `date` if its year is closed.
    pub(crate) fn check(&self, date: NaiveDate) -> Result<()> {
        if self.covers(date) {
            return Err(Error::Closed {
                fiscal_year: FiscalYear::containing(date, self.start_month).name(),
                date,
            });
        }
        Ok(())
    }
}

/// Refuses a write of a record dated `date` (its date before a change, and after) in a closed
/// year.
pub fn ensure_open(conn: &Connection, date: NaiveDate) -> Result<()> {
    Lock::read(conn)?.check(date)
}
