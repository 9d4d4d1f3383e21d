//! Invoicing on the demo database in a file (WAL, synchronous=FULL): issuing one invoice, and
//! rendering an invoice's PDF, beside a bare durable commit measured in the same run.

use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion};

use konbit_core::invoicing::{document, invoice};
use konbit_core::money::Cents;
use konbit_core::store::{OpenMode, Store};

fn demo(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::open(&dir.path().join("konbit.sqlite"), OpenMode::CreateIfMissing).expect("a database file");
    store.write(|tx| konbit_core::demo::create(tx, konbit_core::demo::DEFAULT_SEED)).expect("the demo");
    store.conn().execute_batch("CREATE TABLE bench_baseline (x INTEGER)").expect("the baseline table");
    store
}

fn invoicing(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut store = demo(&dir);
    let client: i64 = store.conn().query_row("SELECT min(id) FROM clients", [], |r| r.get(0)).expect("a client");
    let line = invoice::LineInput { description: "Soutien".into(), quantity_milli: 1500, unit_price: Cents(6_500), discount: false, department_id: None };
    let mut group = c.benchmark_group("invoicing");
    group.bench_function("baseline: durable commit of one row", |b| {
        b.iter(|| store.write(|tx| tx.execute("INSERT INTO bench_baseline VALUES (1)", [])).expect("a commit"))
    });
    group.bench_function("issue one invoice", |b| {
        b.iter_custom(|iters| {
            let drafts: Vec<i64> = (0..iters)
                .map(|_| {
                    store
                        .write(|tx| {
                            let input = invoice::DraftInput { client_id: client, invoice_date: "2013-08-31".parse().expect("a date"), notes: String::new() };
                            let draft = invoice::create_draft(tx, &input)?;
                            invoice::add_line(tx, draft.id, &line).map(|i| i.id)
                        })
                        .expect("a draft")
                })
                .collect();
            let start = Instant::now();
            for id in drafts {
                store.write(|tx| invoice::issue(tx, id)).expect("an issued invoice");
            }
            start.elapsed()
        })
    });
    // The demo invoice with the most hours in its annex: the heaviest a client receives.
    let heaviest: i64 = store
        .conn()
        .query_row(
            "SELECT l.invoice_id FROM invoice_lines l JOIN invoice_time_entries b ON b.line_id = l.id GROUP BY l.invoice_id ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("an invoice with hours");
    let size = document::pdf(store.conn(), heaviest).expect("a PDF").len();
    println!("invoice PDF with the longest annex of the demo: {} KB", size / 1024);
    group.bench_function("render the invoice PDF with the longest annex", |b| b.iter(|| document::pdf(store.conn(), heaviest).expect("a PDF")));
    group.finish();
}

criterion_group!(benches, invoicing);
criterion_main!(benches);
