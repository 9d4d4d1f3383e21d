//! Money in and out of the collective. For now: the revenue departments and expense
//! categories every amount is classified under.

pub mod catalog;
