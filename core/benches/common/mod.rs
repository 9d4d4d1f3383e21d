#![allow(dead_code)] // Each benchmark uses some of these helpers.
//! The database every benchmark runs on: `konbit demo --scale 50` in a file, with Konbit's
//! durability settings (WAL, synchronous=FULL). About 1,1 million time entries over ten fiscal
//! years, 45 000 invoices, 44 000 payments and 51 000 expenses: ten years of a large collective.

use std::time::Instant;

use konbit_core::store::{OpenMode, Store};

pub const SCALE: u32 = 50;
/// The last and largest fiscal year of the scale data.
pub const YEAR: &str = "2020-2021";

pub fn scale_50(dir: &tempfile::TempDir) -> Store {
    let start = Instant::now();
    let mut store = Store::open(&dir.path().join("konbit.sqlite"), OpenMode::CreateIfMissing).expect("a database file");
    let summary = store.write(|tx| konbit_core::demo::create_at_scale(tx, konbit_core::demo::DEFAULT_SEED, SCALE)).expect("the scale data");
    store.conn().execute_batch("CREATE TABLE bench_baseline (x INTEGER)").expect("the baseline table");
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

/// The 50th and 99th percentiles of `runs` timings of `f`, in microseconds.
pub fn percentiles(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[runs / 2], times[runs * 99 / 100])
}
