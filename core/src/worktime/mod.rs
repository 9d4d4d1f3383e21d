//! Work time: what the collective's hours are spent on. Entries (`entry`), the weekly grid
//! (`week`), the running timer (`timer`), durations as people type them (`duration`).

pub mod distribution;
pub mod duration;
pub mod entry;
pub mod timer;
pub mod week;
