//! Reports: the annual report composed of written and generated sections (`section.rs`,
//! `markup.rs`, `generated.rs`, `annual.rs`), and each team's quarterly report of budget
//! against actual (`team.rs`), and the cashflow and work distribution printed from their
//! screens (`single.rs`). Charts come from `chart/`, pages from `pdf/`.

pub mod annual;
pub mod generated;
pub mod markup;
pub mod preview;
pub mod section;
pub mod single;
pub mod team;

#[cfg(test)]
mod tests;
