//! Work time on the scale-50 database (see `common`). Each figure has a baseline measured in
//! the same run, so that the ratio means something on a noisy machine: a bare durable commit
//! for writes, a one-row read for reads.

#[path = "common/mod.rs"]
mod common;

use std::hint::black_box;
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use common::date;
use konbit_core::store::Store;
use konbit_core::worktime::entry::{self, TimeEntryInput};
use konbit_core::worktime::import::{self, Format, ImportOptions};
use konbit_core::worktime::{distribution, week};

fn omar(store: &Store) -> i64 {
    konbit_core::organisation::worker::by_name(store.conn(), "Omar Benali")
        .expect("Omar is in the demo")
}

fn writes(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut store = common::scale_50(&dir);
    let worker = omar(&store);
    let project: i64 = store
        .conn()
        .query_row(
            "SELECT id FROM projects WHERE name = 'Administration'",
            [],
            |r| r.get(0),
        )
        .expect("a project");
    let input = TimeEntryInput {
        worker_id: worker,
        work_date: date("2021-01-15"),
        duration: "1:30".into(),
        project_id: Some(project),
        ..Default::default()
    };
    // Eight saves of 1:30 a day, then the next day: a day holds 24 h at most.
    let mut saved = 0u64;
    let mut next_input = move || {
        saved += 1;
        TimeEntryInput {
            work_date: date("2021-01-15") + chrono::Days::new(saved / 8),
            ..input.clone()
        }
    };
    let (base50, base99) = common::percentiles(&mut store, 1000, |store| {
        store
            .write(|tx| {
                tx.execute("INSERT INTO bench_baseline VALUES (1)", [])
                    .map_err(konbit_core::error::Error::from)
            })
            .expect("a commit");
    });
    let (p50, p99) = common::percentiles(&mut store, 1000, |store| {
        let input = next_input();
        store
            .write(|tx| entry::create(tx, &input))
            .expect("an entry");
    });
    println!("save one time entry, synchronous=FULL, 1 000 saves: p50 {p50:.0} µs, p99 {p99:.0} µs (baseline durable commit of one row: p50 {base50:.0} µs, p99 {base99:.0} µs)");
    let mut group = c.benchmark_group("write");
    group.bench_function("baseline: durable commit of one row", |b| {
        b.iter_custom(|iters| common::durable_commits(&mut store, iters))
    });
    group.bench_function("save one time entry", |b| {
        b.iter_custom(|iters| {
            common::writes(&mut store, iters, common::CHECKPOINT_EVERY, |store| {
                let input = next_input();
                store
                    .write(|tx| entry::create(tx, &input))
                    .expect("an entry");
            })
            .into_iter()
            .sum()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("import");
    let lines = 100_000u64;
    group.throughput(Throughput::Elements(lines));
    group.sample_size(10);
    let mut run = 0u64;
    group.bench_function("100 000 Konbit CSV lines", |b| {
        b.iter_custom(|iters| {
            let files: Vec<String> = (0..iters)
                .map(|_| {
                    run += 1;
                    import_file(run, lines)
                })
                .collect();
            let mut files = files.into_iter();
            common::writes(&mut store, iters, 1, |store| {
                let file = files.next().expect("a file per run");
                store
                    .write(|tx| {
                        import::commit(tx, Format::Csv, file.as_bytes(), &ImportOptions::default())
                    })
                    .expect("an import");
            })
            .into_iter()
            .sum()
        })
    });
    group.finish();
    // What the import leaves to the checkpoint, which the app runs off the write path.
    store
        .write(|tx| {
            import::commit(
                tx,
                Format::Csv,
                import_file(0, lines).as_bytes(),
                &ImportOptions::default(),
            )
        })
        .expect("an import");
    let start = Instant::now();
    store.checkpoint().expect("a checkpoint");
    println!(
        "checkpoint after an import of 100 000 lines, run by the app off the write path: {:.0} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
}

/// A Konbit CSV of `lines` lines of Omar's, their ids prefixed with `run` so that each import is new.
fn import_file(run: u64, lines: u64) -> String {
    let mut file = String::from("id,date,worker,project,duration,description\n");
    for i in 0..lines {
        // Eight lines of 1:15 a day, each run on days of its own: a day holds 24 h at most.
        let day = date("2030-01-01") + chrono::Days::new(run * (lines / 8 + 1) + i / 8);
        file.push_str(&format!(
            "{run}-{i},{day},Omar Benali,Administration,1:15,ligne {i}\n"
        ));
    }
    file
}

fn reads(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let store = common::scale_50(&dir);
    let worker = omar(&store);
    let conn = store.conn();
    let year = konbit_core::fiscal::FiscalYear::parse(common::YEAR, 9).expect("a fiscal year");
    let mut group = c.benchmark_group("read");
    group.bench_function("baseline: one row by key", |b| {
        b.iter(|| {
            conn.query_row(
                "SELECT name FROM members WHERE id = ?1",
                [black_box(1)],
                |r| r.get::<_, String>(0),
            )
            .expect("a row")
        })
    });
    group.bench_function("load a worker's week", |b| {
        b.iter(|| week::load(conn, worker, black_box(date("2021-01-13"))).expect("a week"))
    });
    group.sample_size(10);
    group.bench_function("work distribution of the largest fiscal year", |b| {
        b.iter(|| distribution::compute(conn, year.start(), year.end()).expect("a distribution"))
    });
    group.finish();
}

criterion_group!(benches, reads, writes);
criterion_main!(benches);
