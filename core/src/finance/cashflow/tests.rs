//! A small collective checked by hand: one account, one client on a monthly contract, one
//! salaried worker, the rent. Amounts in the comments are in dollars; 2013 taxes are GST 5 %
//! and QST 9,975 %, both on the price.

use super::*;
use crate::catalog::{self, Catalog};
use crate::clients::client::{self, ClientInput};
use crate::clients::project::{self, BillingMode, ProjectInput};
use crate::finance::bank::BankAccountInput;
use crate::finance::expense::ExpenseMethod;
use crate::finance::recurring::RecurringInput;
use crate::invoicing::contract::{ContractInput, Period};
use crate::invoicing::invoice;
use crate::invoicing::payment::{self, Allocation, PaymentInput, PaymentMethod};
use crate::organisation::settings::Settings;
use crate::organisation::worker::{self, NewWorker, StatusInput, WageInput, WorkStatus};
use crate::store::Store;
use crate::worktime::entry::{self, TimeEntryInput};
use crate::Lang;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// Dollars written as in the comments, to the cent.
fn c(dollars: f64) -> Cents {
    Cents((dollars * 100.0).round() as i64)
}

/// March and April 2013: the account opens with 20 000 $; the contract's 1 000 $ a month is
/// invoiced on the 1st (1 149,75 $ with taxes, due in 30 days), March's paid 10 days late;
/// 7 hours worked on March 4th at 20 $/h plus 15 % charges; the rent is 500 $ + taxes
/// (574,88 $) on the 1st.
fn collective() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store
        .write(|tx| {
            settings::save(
                tx,
                &Settings {
                    cushion: Cents(1_000_000),
                    ..Settings::new("Collectif d'essai")
                },
            )?;
            bank::create(
                tx,
                &BankAccountInput {
                    name: "Caisse, compte courant".into(),
                    opened_on: d("2013-03-01"),
                    opening_balance: Cents(2_000_000),
                },
            )?;
            let client = client::create(
                tx,
                &ClientInput {
                    name: "Coop A".into(),
                    language: Lang::Fr,
                    tax_exempt: false,
                    address: String::new(),
                    email: String::new(),
                    phone: String::new(),
                    payment_terms_days: 30,
                    notes: String::new(),
                    contacts: vec![],
                },
            )?;
            let department_id = catalog::list(tx, Catalog::RevenueDepartments, false)?[0].id;
            contract::create(
                tx,
                &ContractInput {
                    client_id: client.id,
                    project_id: None,
                    department_id,
                    description: "Support".into(),
                    amount: Cents(100_000),
                    period: Period::Monthly,
                    starts_on: d("2013-03-01"),
                    ends_on: None,
                },
            )?;
            let mut issued = vec![];
            for month in ["2013-03-01", "2013-04-01"] {
                for id in contract::generate(tx, d(month), d(month))?.invoice_ids {
                    issued.push(invoice::issue(tx, id)?);
                }
            }
            payment::record(
                tx,
                &PaymentInput {
                    client_id: client.id,
                    received_on: d("2013-04-10"),
                    method: PaymentMethod::Cheque,
                    amount: issued[0].total,
                    reference: String::new(),
                    notes: String::new(),
                    allocations: vec![Allocation {
                        invoice_id: issued[0].id,
                        amount: issued[0].total,
                    }],
                },
            )?;
            let w = worker::create(
                tx,
                &NewWorker {
                    member_id: None,
                    name: "Alex Roy".into(),
                    status: StatusInput {
                        status: WorkStatus::Salaried,
                        weekly_minutes: 35 * 60,
                        start_on: d("2013-03-01"),
                        end_on: None,
                    },
                    wage: WageInput {
                        effective_on: d("2013-03-01"),
                        hourly_rate: Cents(2_000),
                        employer_charges_bp: 1_500,
                    },
                },
            )?;
            let admin = project::create(
                tx,
                &ProjectInput {
                    client_id: None,
                    team_id: None,
                    department_id: None,
                    name: "Administration".into(),
                    billing_mode: BillingMode::Internal,
                    hourly_rate: None,
                    fixed_price: None,
                },
            )?;
            entry::create(
                tx,
                &TimeEntryInput {
                    worker_id: w.id,
                    work_date: d("2013-03-04"),
                    duration: "7".into(),
                    project_id: Some(admin.id),
                    ..Default::default()
                },
            )?;
            let rent = catalog::list(tx, Catalog::ExpenseCategories, false)?
                .into_iter()
                .find(|c| c.code == "rent")
                .map(|c| c.id)
                .unwrap_or(0);
            recurring::create(
                tx,
                &RecurringInput {
                    supplier: "Propriétaire".into(),
                    category_id: rent,
                    team_id: None,
                    amount: Cents(50_000),
                    taxable: true,
                    method: ExpenseMethod::Cheque,
                    period: Period::Monthly,
                    starts_on: d("2013-03-01"),
                    ends_on: None,
                    description: String::new(),
                },
            )?;
            recurring::generate(tx, d("2013-04-30")).map(|_| ())
        })
        .unwrap();
    store
}

#[test]
fn the_actual_balance_follows_the_bank() {
    let store = collective();
    let flow = actual(store.conn(), d("2013-03-01"), d("2013-04-30")).unwrap();
    let on = |day: &str| flow.days.iter().find(|b| b.on == d(day)).unwrap().balance;
    assert_eq!(flow.opening, c(0.0), "nothing before the account opens");
    assert_eq!(on("2013-03-01"), c(20_000.0 - 574.88));
    assert_eq!(on("2013-03-15"), c(19_425.12 - 161.0), "7 h × 20 $ × 1,15");
    assert_eq!(on("2013-04-01"), c(19_264.12 - 574.88));
    assert_eq!(on("2013-04-10"), c(18_689.24 + 1_149.75));
    assert_eq!(flow.closing, c(19_838.99));
    assert_eq!(
        (flow.lowest.on, flow.lowest.balance),
        (d("2013-04-01"), c(18_689.24))
    );
    assert_eq!(flow.under_cushion_from, None);
    let march = &flow.months[0];
    assert_eq!((march.start, march.end), (d("2013-03-01"), d("2013-03-31")));
    assert_eq!(
        (march.income, march.expenses, march.payroll),
        (c(20_000.0), c(-574.88), c(-161.0))
    );
    assert_eq!(flow.months[1].receipts, c(1_149.75));
    assert_eq!(flow.months[1].closing, c(19_838.99));
}

#[test]
fn the_projection_from_the_end_of_april() {
    let store = collective();
    let p = projection(store.conn(), d("2013-04-30")).unwrap();
    assert!(p.projected);
    assert_eq!((p.from, p.to), (d("2013-05-01"), d("2014-04-30")));
    assert_eq!(p.opening, c(19_838.99));
    assert_eq!((p.weeks.len(), p.months.len()), (13, 12));
    let may = &p.months[0];
    // April's invoice, due May 1st, comes with the client's 10 days of delay.
    assert_eq!(may.receipts, c(1_149.75));
    assert_eq!(may.expenses, c(-574.88));
    // 11 weekdays to the 15th and 12 after, each 7 h × 20 $ × 1,15 = 161 $.
    assert_eq!(may.payroll, c(-(23.0 * 161.0)));
    assert_eq!(may.closing, c(19_838.99 + 1_149.75 - 574.88 - 3_703.0));
    let june = &p.months[1];
    // May's contract invoice (1 149,75 $) is paid 30 + 10 days after May 1st, on June 10th.
    assert_eq!(june.receipts, c(1_149.75));
    // Spring quarter's sales tax, due June 30th: collected 3 × 149,75 $, claimed 3 × 74,88 $.
    assert_eq!(june.sales_tax, c(-(3.0 * 149.75 - 3.0 * 74.88)));
    // Every month spends about 2 600 $ more than it brings: the cushion of 10 000 $ is crossed
    // in August, on a pay day.
    let crossed = p.under_cushion_from.unwrap();
    assert_eq!(crossed.month(), 8, "{crossed}");
    assert!(crossed.day() == 15 || crossed.day() == 31, "{crossed}");
    let before = p
        .days
        .iter()
        .find(|b| b.on == crossed.pred_opt().unwrap())
        .unwrap();
    assert!(before.balance >= p.cushion);
}

#[test]
fn hourly_work_goes_on_at_the_pace_of_the_last_three_months() {
    let mut store = collective();
    store
        .write(|tx| {
            let client = crate::clients::client::list(tx, &crate::listing::ListQuery::default())?
                .items[0]
                .id;
            let draft = invoice::create_draft(
                tx,
                &invoice::DraftInput {
                    client_id: client,
                    invoice_date: d("2013-04-15"),
                    notes: String::new(),
                },
            )?;
            let line = invoice::LineInput {
                description: "Migration".into(),
                quantity_milli: 40_000,
                unit_price: Cents(7_500),
                discount: false,
                department_id: None,
            };
            invoice::add_line(tx, draft.id, &line)?;
            invoice::issue(tx, draft.id).map(|_| ())
        })
        .unwrap();
    let p = projection(store.conn(), d("2013-04-30")).unwrap();
    // April's two invoices: 1 149,75 $ due May 1st and 3 449,25 $ due May 15th, 10 days late.
    assert_eq!(p.months[0].receipts, c(1_149.75 + 3_449.25));
    // Billed on May 1st and paid 30 + 10 days later: May's contract, and May's hours at a third
    // of the 3 449,25 $ billed by the hour over the three months to April 30th.
    assert_eq!(p.months[1].receipts, c(1_149.75 + 1_149.75));
}
