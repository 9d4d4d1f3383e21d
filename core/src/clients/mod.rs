//! Clients of the collective and the projects done for them (or internally).

pub mod client;
pub mod project;
