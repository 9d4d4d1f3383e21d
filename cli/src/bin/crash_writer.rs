//! The writer the crash test kills (`core/tests/crash.rs`, `make stress`): it commits records
//! one after another — time entries, issued invoices, payments, 20-line imports — and prints
//! each one on its own line as soon as its transaction is committed, until it is killed.
//! Usage: konbit-crash-writer DB SEED

use std::io::Write;
use std::process::ExitCode;

use chrono::{Days, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use konbit_core::invoicing::invoice::{self, DraftInput, LineInput};
use konbit_core::invoicing::payment::{self, PaymentInput, PaymentMethod};
use konbit_core::store::{OpenMode, Store};
use konbit_core::worktime::entry::{self, TimeEntryInput};
use konbit_core::worktime::import::{self, Format, ImportOptions};
use konbit_core::{Cents, Result};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(db), Some(seed)) = (args.get(1), args.get(2).and_then(|s| s.parse::<u64>().ok()))
    else {
        eprintln!("usage: konbit-crash-writer DB SEED");
        return ExitCode::FAILURE;
    };
    match run(db, seed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("konbit-crash-writer: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(db: &str, seed: u64) -> Result<()> {
    let mut store = Store::open(std::path::Path::new(db), OpenMode::MustExist)?;
    let ids = |sql: &str| -> Result<i64> { Ok(store.conn().query_row(sql, [], |r| r.get(0))?) };
    let worker = ids("SELECT w.id FROM workers w JOIN members m ON m.id = w.member_id WHERE m.name = 'Omar Benali'")?;
    let committee = ids("SELECT id FROM committees WHERE name = 'Légal'")?;
    let client = ids("SELECT id FROM clients WHERE name = 'Montreal Tenants'' Union'")?;
    let mut rng = StdRng::seed_from_u64(seed);
    let out = std::io::stdout();
    for n in 0u64.. {
        let line = match rng.random_range(0..4) {
            0 => {
                let day = day_of(n);
                let input = TimeEntryInput {
                    worker_id: worker,
                    work_date: day,
                    duration: "0:15".into(),
                    committee_id: Some(committee),
                    description: format!("écrit {seed}-{n}"),
                    ..Default::default()
                };
                let e = store.write(|tx| entry::create(tx, &input))?;
                format!("entry {}", e.id)
            }
            1 => {
                let issued = store.write(|tx| {
                    let draft = invoice::create_draft(
                        tx,
                        &DraftInput {
                            client_id: client,
                            invoice_date: NaiveDate::from_ymd_opt(2013, 8, 31).unwrap_or_default(),
                            notes: String::new(),
                        },
                    )?;
                    invoice::add_line(
                        tx,
                        draft.id,
                        &LineInput {
                            description: format!("Soutien {seed}-{n}"),
                            quantity_milli: 1000,
                            unit_price: Cents(6_500),
                            discount: false,
                            department_id: None,
                        },
                    )?;
                    invoice::issue(tx, draft.id)
                })?;
                format!("invoice {}", issued.number.unwrap_or_default())
            }
            2 => {
                let input = PaymentInput {
                    client_id: client,
                    received_on: NaiveDate::from_ymd_opt(2013, 8, 31).unwrap_or_default(),
                    method: PaymentMethod::Cheque,
                    amount: Cents(1_000),
                    reference: format!("{seed}-{n}"),
                    notes: String::new(),
                    allocations: vec![],
                };
                let p = store.write(|tx| payment::record(tx, &input))?;
                format!("payment {}", p.id)
            }
            _ => {
                let batch = format!("lot-{seed}-{n}");
                let csv = toggl(&batch, day_of(n));
                store.write(|tx| {
                    import::commit(tx, Format::Toggl, csv.as_bytes(), &ImportOptions::default())
                })?;
                format!("import {batch}")
            }
        };
        let mut lock = out.lock();
        // The test reads only whole lines: a line is written after its commit, in one call.
        if writeln!(lock, "{line}")
            .and_then(|()| lock.flush())
            .is_err()
        {
            break;
        }
    }
    Ok(())
}

/// The day the `n`th write lands on: spread over 3 000 days, so that however long the test runs
/// no day comes near the 24 hours it may hold.
fn day_of(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2013, 6, 3).unwrap_or_default() + Days::new(n % 3_000)
}

/// Twenty Toggl lines for Omar's legal committee on `day`, tagged by their batch.
fn toggl(batch: &str, day: NaiveDate) -> String {
    let mut csv = String::from("User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (CAD)\n");
    for i in 0..20 {
        csv.push_str(&format!("Omar Benali,omar@koumbit.org,,Légal,,{batch}/{i},No,{day},09:{i:02}:00,{day},09:{:02}:00,00:01:00,,\n", i + 1));
    }
    csv
}
