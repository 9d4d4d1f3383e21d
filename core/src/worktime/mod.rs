//! Work time: what the collective's hours are spent on. Entries (`entry`), the weekly grid
//! (`week`), the running timer (`timer`), durations as people type them (`duration`), timesheets
//! from other tools (`import`), hours per worker and bucket (`distribution`).

pub mod distribution;
pub mod duration;
pub mod entry;
pub mod import;
pub(crate) mod months;
pub mod plan;
pub mod timer;
pub mod timesheet;
pub mod week;
