//! Invoicing and receivables: Quebec sales taxes (`tax`), recurring contracts (`contract`),
//! invoices and credit notes (`invoice`), payments (`payment`), what clients owe as of a date
//! (`receivables`) and the sales tax summary for the returns (`sales_tax`).

pub mod contract;
pub mod document;
pub mod invoice;
pub mod payment;
pub mod receivables;
pub mod register;
pub mod sales_tax;
pub mod tax;
