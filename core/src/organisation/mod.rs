//! The organisation and its people: settings, members, workers (with status and wage
//! history), teams and committees.

pub mod committee;
pub mod member;
pub mod settings;
pub mod team;
pub mod worker;
