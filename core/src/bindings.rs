//! The TypeScript types of everything that crosses into the UI, generated from the Rust types
//! into `ui/src/lib/bindings.ts`. This test fails when the checked-in file is stale; run
//! `UPDATE_BINDINGS=1 cargo test -p konbit-core bindings` (or `make bindings`) to refresh it.

use std::path::PathBuf;

use ts_rs::{Config, TS};

use crate::catalog;
use crate::clients::{client, project};
use crate::error::{Day, Invalid, Money, Problem};
use crate::finance::{
    bank, books, budget, cashflow, closing, expense, history, income, profitability, recurring,
    statements,
};
use crate::invoicing::{contract, invoice, payment, receivables, sales_tax, tax};
use crate::legal;
use crate::listing::{Cursor, DatedPage, ListQuery, Page};
use crate::organisation::{committee, member, settings, team, worker};
use crate::report;
use crate::worktime::{distribution, entry, import, plan, timer, timesheet, week};
use crate::{fiscal, home};
use crate::{Cents, Lang};

macro_rules! declarations {
    ($cfg:expr; $($t:ty),+ $(,)?) => {
        vec![$(format!("export {}", <$t as TS>::decl($cfg))),+]
    };
}

fn generate() -> String {
    // Ids and cents stay far below 2^53: plain numbers in TypeScript.
    let cfg = Config::new().with_large_int("number");
    let decls = declarations![&cfg;
        Lang, Cents, Money, Day, Problem, Invalid, ListQuery, Cursor, Page<()>, DatedPage<()>,
        settings::Settings,
        fiscal::YearsOnRecord, fiscal::YearOnRecord,
        home::Home, home::WeekHours, home::RunningTimer, home::HomeDeadline, home::BankAgainstCushion,
        member::MemberKind, member::Member, member::MemberInput,
        worker::WorkStatus, worker::StatusPeriod, worker::Wage, worker::Worker, worker::WorkerSummary,
        worker::NewWorker, worker::StatusInput, worker::WageInput,
        team::Team, team::TeamInput,
        committee::CommitteeKind, committee::Committee, committee::CommitteeInput,
        client::Client, client::Contact, client::ClientInput,
        project::BillingMode, project::Project, project::ProjectInput,
        catalog::Catalog, catalog::Entry, catalog::EntryInput,
        entry::TimeEntry, entry::TimeEntryInput,
        week::Week, week::RowTarget, week::WeekRow, week::Cell, week::CellInput,
        timer::Timer, timer::TimerInput, timer::Started,
        distribution::WorkKind, distribution::Bucket, distribution::BucketMinutes, distribution::Totals,
        distribution::WorkerHours, distribution::Distribution, distribution::YearFigures,
        timesheet::TimesheetFilter, timesheet::TimesheetRow,
        import::Format, import::ImportOptions, import::MappedTarget, import::Problem, import::MissingKind, import::Missing,
        import::PreviewRow, import::ImportPreview, import::ImportOutcome, import::Short,
        plan::PlanKind, plan::PlanBucket, plan::PlanLine, plan::WorkerPlan, plan::PlanInput, plan::Variance, plan::BucketVariance,
        plan::WorkerVariance, plan::QuarterVariance, plan::PlanComparison,
        tax::TaxRate, tax::Taxes,
        invoice::InvoiceKind, invoice::LineKind, invoice::InvoiceStatus, invoice::InvoiceLine, invoice::Invoice, invoice::InvoiceSummary,
        invoice::DraftInput, invoice::LineInput, invoice::TimeGrouping, invoice::TimeSelection, invoice::CreditInput, invoice::LineCredit,
        invoice::InvoiceFilter, invoice::InvoiceSort,
        contract::Period, contract::Contract, contract::ContractInput, contract::Generated,
        payment::PaymentMethod, payment::Allocation, payment::AllocationLine, payment::Payment, payment::PaymentInput,
        receivables::ClientAging, receivables::Aging, receivables::QuarterOverdue, receivables::StatementLine, receivables::Statement,
        receivables::OverdueInvoice, receivables::Overdue,
        sales_tax::SalesTaxSummary,
        expense::ExpenseMethod, expense::Expense, expense::ExpenseInput, expense::ExpenseFilter, income::IncomeKind, income::Income, income::IncomeInput,
        history::HistoryYear, books::CodeAmount, books::Books, budget::BudgetLine, budget::Comparison, budget::BudgetVsActual,
        history::YearSummary, closing::Closing, closing::YearState, closing::Blocker, bank::BankAccount, bank::BankAccountInput, recurring::RecurringExpense, recurring::RecurringInput,
        cashflow::CashPeriod, profitability::DepartmentMargin, profitability::Profitability,
        statements::FinancialLineKind, statements::FinancialLine, statements::FinancialStatement, statements::FinancialStatements,
        crate::documents::Attachment, crate::documents::Check,
        legal::CaseKind, legal::CaseStatus, legal::PartyRole, legal::Party, legal::CaseInput, legal::Case, legal::timeline::EventKind,
        legal::timeline::Event, legal::timeline::EventInput, legal::timeline::Deadline, legal::timeline::DeadlineInput, legal::timeline::Upcoming, legal::timeline::UpcomingDetails,
        legal::disclosure::Disclosure, legal::disclosure::Note, legal::disclosure::DisclosureInput, legal::cost::CaseCost, legal::cost::LinkedExpense,
        legal::summary::CaseSummary, report::generated::GeneratedSection, report::section::SectionKind, report::section::Section,
        report::section::SectionInput, report::markup::MarkupProblem, report::preview::Preview, cashflow::DayBalance, cashflow::Cashflow, cashflow::CashflowView,
        crate::table::Table,
    ];
    let mut out = String::from("// Generated from the Rust types by core/src/bindings.rs. Do not edit: run `make bindings`.\n\n");
    for decl in decls {
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    // The codes as a list too, for the UI's test that walks every one in both catalogs.
    let codes: Vec<String> = Problem::CODES.iter().map(|c| format!("'{c}'")).collect();
    out.push_str(&format!(
        "export const ERROR_CODES = [{}] as const;\n\n",
        codes.join(", ")
    ));
    let params: Vec<String> = Problem::PARAMS
        .iter()
        .map(|(code, names)| {
            format!(
                "  {code}: [{}],",
                names
                    .iter()
                    .map(|n| format!("'{n}'"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
        .collect();
    out.push_str(&format!(
        "/** The names of each code's parameters. */\nexport const ERROR_PARAMS: Record<ErrorProblem['code'], readonly string[]> = {{\n{}\n}};\n",
        params.join("\n")
    ));
    // The limits the core checks, so that the inputs' maxlength are the same numbers.
    for (name, value) in [
        ("MAX_NAME", crate::text::MAX_NAME),
        ("MAX_TEXT", crate::text::MAX_TEXT),
    ] {
        out.push_str(&format!("export const {name} = {value};\n\n"));
    }
    out.trim_end().to_owned() + "\n"
}

#[test]
fn bindings_are_fresh() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts");
    let fresh = generate();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == fresh,
        "ui/src/lib/bindings.ts is stale: run `make bindings` and commit the result"
    );
}

#[test]
fn every_type_has_its_own_name() {
    // Two Rust types of one name would give TypeScript two declarations, and the UI the wrong one.
    let fresh = generate();
    let mut names: Vec<&str> = fresh
        .lines()
        .filter_map(|l| l.strip_prefix("export type "))
        .filter_map(|l| l.split([' ', '<']).next())
        .collect();
    names.sort_unstable();
    let repeated: Vec<_> = names
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0])
        .collect();
    assert!(repeated.is_empty(), "declared twice: {repeated:?}");
}
