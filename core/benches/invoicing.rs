//! Invoicing and receivables on the scale-50 database (see `common`): issuing one invoice, the
//! invoice PDF, the aging, the ledger journal of every year, beside a bare durable commit
//! measured in the same run.

#[path = "common/mod.rs"]
mod common;

use criterion::{criterion_group, criterion_main, Criterion};

use common::date;
use konbit_core::invoicing::{document, invoice, receivables};
use konbit_core::money::Cents;

fn invoicing(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut store = common::scale_50(&dir);
    let client: i64 = store
        .conn()
        .query_row("SELECT min(id) FROM clients", [], |r| r.get(0))
        .expect("a client");
    let line = invoice::LineInput {
        description: "Soutien".into(),
        quantity_milli: 1500,
        unit_price: Cents(6_500),
        discount: false,
        department_id: None,
    };
    let mut group = c.benchmark_group("invoicing");
    group.bench_function("baseline: durable commit of one row", |b| {
        b.iter_custom(|iters| common::durable_commits(&mut store, iters))
    });
    group.bench_function("issue one invoice", |b| {
        b.iter_custom(|iters| {
            let drafts: Vec<i64> = (0..iters)
                .map(|_| {
                    store
                        .write(|tx| {
                            let input = invoice::DraftInput {
                                client_id: client,
                                invoice_date: date("2021-08-31"),
                                notes: String::new(),
                            };
                            let draft = invoice::create_draft(tx, &input)?;
                            invoice::add_line(tx, draft.id, &line).map(|i| i.id)
                        })
                        .expect("a draft")
                })
                .collect();
            let mut drafts = drafts.into_iter();
            common::writes(&mut store, iters, common::CHECKPOINT_EVERY, |store| {
                let id = drafts.next().expect("a draft per run");
                store
                    .write(|tx| invoice::issue(tx, id))
                    .expect("an issued invoice");
            })
            .into_iter()
            .sum()
        })
    });
    let conn = store.conn();
    // The invoice with the most hours in its annex: the heaviest a client receives.
    let heaviest: i64 = conn
        .query_row(
            "SELECT l.invoice_id FROM invoice_lines l JOIN invoice_time_entries b ON b.line_id = l.id GROUP BY l.invoice_id ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("an invoice with hours");
    let size = document::pdf(conn, heaviest).expect("a PDF").len();
    println!("invoice PDF with the longest annex: {} KB", size / 1024);
    group.bench_function("render the invoice PDF with the longest annex", |b| {
        b.iter(|| document::pdf(conn, heaviest).expect("a PDF"))
    });
    group.sample_size(10);
    group.bench_function("aging as of 2021-06-30", |b| {
        b.iter(|| receivables::aging(conn, date("2021-06-30")).expect("an aging"))
    });
    let (from, to) = konbit_core::finance::ledger::span(conn).expect("the books' span");
    let mut journal = Vec::new();
    konbit_core::finance::ledger::write(conn, from, to, &mut journal).expect("a journal");
    println!(
        "ledger journal of every year ({from} to {to}): {} MB",
        journal.len() / 1_000_000
    );
    group.bench_function("export the ledger journal of every year", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(journal.len());
            konbit_core::finance::ledger::write(conn, from, to, &mut out).expect("a journal");
            out
        })
    });
    group.finish();
}

criterion_group!(benches, invoicing);
criterion_main!(benches);
