#![allow(dead_code)] // Each benchmark uses some of these helpers.
//! The database every benchmark runs on: `konbit demo --scale 50` in a file, with Konbit's
//! durability settings (WAL, synchronous=FULL). About 1,1 million time entries over ten fiscal
//! years, 45 000 invoices, 44 000 payments and 51 000 expenses: ten years of a large collective.

use std::time::{Duration, Instant};

use konbit_core::store::{OpenMode, Store};

pub const SCALE: u32 = 50;
/// The last and largest fiscal year of the scale data.
pub const YEAR: &str = "2020-2021";

pub fn scale_50(dir: &tempfile::TempDir) -> Store {
    let start = Instant::now();
    let mut store = Store::open(&dir.path().join("konbit.sqlite"), OpenMode::CreateIfMissing)
        .expect("a database file");
    let summary = store
        .write(|tx| konbit_core::demo::create_at_scale(tx, konbit_core::demo::DEFAULT_SEED, SCALE))
        .expect("the scale data");
    store
        .conn()
        .execute_batch("CREATE TABLE bench_baseline (x INTEGER)")
        .expect("the baseline table");
    store
        .checkpoint()
        .expect("the scale data copied into the file");
    println!(
        "scale {SCALE}: {} time entries, {} invoices, generated in {:.1} s",
        summary.time_entries,
        summary.invoices,
        start.elapsed().as_secs_f64()
    );
    store
}

pub fn date(s: &str) -> chrono::NaiveDate {
    s.parse().expect("a literal date")
}

/// How many writes the benchmarks let go between checkpoints: the app's checkpointer copies the
/// log into the file every two seconds, off the write path (`Store::checkpoint`); untimed here.
pub const CHECKPOINT_EVERY: u64 = 256;

/// The time of each of `runs` writes by `f`, with the checkpoints between them untimed.
pub fn writes(
    store: &mut Store,
    runs: u64,
    every: u64,
    mut f: impl FnMut(&mut Store),
) -> Vec<Duration> {
    (0..runs)
        .map(|i| {
            if i % every == 0 {
                store.checkpoint().expect("a checkpoint");
            }
            let start = Instant::now();
            f(store);
            start.elapsed()
        })
        .collect()
}

/// The baseline of the writes: `iters` durable commits of one row, checkpointed as the others.
pub fn durable_commits(store: &mut Store, iters: u64) -> Duration {
    writes(store, iters, CHECKPOINT_EVERY, |store| {
        store
            .write(|tx| {
                tx.execute("INSERT INTO bench_baseline VALUES (1)", [])
                    .map_err(konbit_core::error::Error::from)
            })
            .expect("a commit");
    })
    .into_iter()
    .sum()
}

/// The 50th and 99th percentiles of `runs` saves by `f`, in microseconds.
pub fn percentiles(store: &mut Store, runs: usize, f: impl FnMut(&mut Store)) -> (f64, f64) {
    let mut times: Vec<f64> = writes(store, runs as u64, CHECKPOINT_EVERY, f)
        .into_iter()
        .map(|d| d.as_secs_f64() * 1e6)
        .collect();
    times.sort_by(f64::total_cmp);
    (times[runs / 2], times[runs * 99 / 100])
}
