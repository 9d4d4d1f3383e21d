//! Money in and out of the collective beyond invoices: the revenue departments and expense
//! categories (`catalog`), expenses (`expense`), grants and other income (`income`), payroll
//! computed from the hours (`payroll`), the books of any span (`books`), budgets and budget
//! against actual (`budget`), recurring expenses (`recurring`), the bank accounts and the cashflow
//! with its projection (`bank`, `cashflow`), the summaries of the years before Konbit
//! (`history`), and closed years (`closing`).

pub mod bank;
pub mod books;
pub mod budget;
pub mod cashflow;
pub mod closing;
pub mod expense;
pub mod history;
pub mod income;
pub mod journal;
pub mod ledger;
pub mod payroll;
pub mod profitability;
pub mod recurring;
pub mod statements;
