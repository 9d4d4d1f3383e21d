//! Work time on the demo database, in a file with Konbit's durability settings (WAL,
//! synchronous=FULL). Each figure has a baseline measured in the same run, so that the ratio
//! means something on a noisy machine: a bare durable commit for writes, a one-row read for reads.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

use konbit_core::store::{OpenMode, Store};
use konbit_core::worktime::entry::{self, TimeEntryInput};
use konbit_core::worktime::import::{self, Format, ImportOptions};
use konbit_core::worktime::{distribution, week};

fn date(s: &str) -> NaiveDate {
    s.parse().expect("a literal date")
}

fn demo(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::open(&dir.path().join("konbit.sqlite"), OpenMode::CreateIfMissing).expect("a database file");
    store.write(|tx| konbit_core::demo::create(tx, konbit_core::demo::DEFAULT_SEED)).expect("the demo");
    store.conn().execute_batch("CREATE TABLE bench_baseline (x INTEGER)").expect("the baseline table");
    store
}

fn omar(store: &Store) -> i64 {
    konbit_core::organisation::worker::by_name(store.conn(), "Omar Benali").expect("Omar is in the demo")
}

fn writes(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut store = demo(&dir);
    let worker = omar(&store);
    let project: i64 = store.conn().query_row("SELECT id FROM projects WHERE name = 'Administration'", [], |r| r.get(0)).expect("a project");
    let mut group = c.benchmark_group("write");
    group.bench_function("baseline: durable commit of one row", |b| {
        b.iter(|| store.write(|tx| tx.execute("INSERT INTO bench_baseline VALUES (1)", [])).expect("a commit"))
    });
    group.bench_function("save one time entry", |b| {
        let input = TimeEntryInput { worker_id: worker, work_date: date("2013-01-15"), duration: "1:30".into(), project_id: Some(project), ..Default::default() };
        b.iter(|| store.write(|tx| entry::create(tx, &input)).expect("an entry"))
    });
    group.finish();

    let mut group = c.benchmark_group("import");
    let lines = 10_000u64;
    group.throughput(Throughput::Elements(lines));
    group.sample_size(10);
    let mut run = 0u64;
    group.bench_function("10 000 Konbit CSV lines", |b| {
        b.iter_batched(
            || {
                run += 1;
                let mut file = String::from("id,date,worker,project,duration,description\n");
                for i in 0..lines {
                    file.push_str(&format!("{run}-{i},2013-01-{:02},Omar Benali,Administration,1:15,ligne {i}\n", 1 + i % 28));
                }
                file
            },
            |file| store.write(|tx| import::commit(tx, Format::Csv, file.as_bytes(), &ImportOptions::default())).expect("an import"),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn reads(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let store = demo(&dir);
    let worker = omar(&store);
    let conn = store.conn();
    let mut group = c.benchmark_group("read");
    group.bench_function("baseline: one row by key", |b| {
        b.iter(|| conn.query_row("SELECT name FROM members WHERE id = ?1", [black_box(1)], |r| r.get::<_, String>(0)).expect("a row"))
    });
    group.bench_function("load a worker's week", |b| b.iter(|| week::load(conn, worker, black_box(date("2013-01-16"))).expect("a week")));
    group.bench_function("work distribution of a fiscal year", |b| {
        b.iter(|| distribution::compute(conn, date("2012-09-01"), date("2013-08-31")).expect("a distribution"))
    });
    group.bench_function("plan against worked, fiscal year", |b| {
        b.iter(|| konbit_core::worktime::plan::compare(conn, "2012-2013", None).expect("a comparison"))
    });
    group.finish();
}

criterion_group!(benches, reads, writes);
criterion_main!(benches);
