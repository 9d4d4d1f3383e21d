//! Reports and figures of the largest fiscal year of the scale-50 database (see `common`): the
//! annual `stats`, the cashflow of the year, the annual report PDF and a team's quarterly
//! report, beside the invoice PDF (a one-page document) measured in the same run as their
//! baseline.

#[path = "common/mod.rs"]
mod common;

use criterion::{criterion_group, criterion_main, Criterion};

use konbit_core::fiscal::FiscalYear;
use konbit_core::Lang;

fn reports(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let store = common::scale_50(&dir);
    let conn = store.conn();
    let fy = FiscalYear::parse(common::YEAR, 9).expect("a fiscal year");
    let report =
        konbit_core::report::annual::write_pdf(conn, fy, Lang::Fr).expect("the annual report");
    let team = konbit_core::report::team::write_pdf(conn, common::YEAR, 2, "infra", Lang::Fr)
        .expect("a team report");
    println!(
        "annual report {}: {} pages, {} KB; team report: {} KB",
        common::YEAR,
        report.pages,
        report.bytes.len() / 1024,
        team.len() / 1024
    );
    let invoice: i64 = conn
        .query_row(
            "SELECT max(id) FROM invoices WHERE issued_at IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .expect("an invoice");
    let mut group = c.benchmark_group("reports");
    group.sample_size(10);
    group.bench_function("baseline: one invoice PDF", |b| {
        b.iter(|| konbit_core::invoicing::document::pdf(conn, invoice).expect("a PDF"))
    });
    group.bench_function("stats of the year", |b| {
        b.iter(|| konbit_core::stats::compute(conn, fy).expect("stats"))
    });
    group.bench_function("cashflow of the year", |b| {
        b.iter(|| {
            konbit_core::finance::cashflow::actual(conn, fy.start(), fy.end()).expect("cashflow")
        })
    });
    group.bench_function("annual report PDF", |b| {
        b.iter(|| konbit_core::report::annual::write_pdf(conn, fy, Lang::Fr).expect("the report"))
    });
    group.bench_function("team quarterly report PDF", |b| {
        b.iter(|| {
            konbit_core::report::team::write_pdf(conn, common::YEAR, 2, "infra", Lang::Fr)
                .expect("a report")
        })
    });
    group.finish();
}

criterion_group!(benches, reports);
criterion_main!(benches);
