//! Work time: what the collective's hours are spent on.

pub mod duration;
