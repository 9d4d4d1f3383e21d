//! Crash safety: a writer commits time entries, issued invoices, payments and imports, and is
//! killed with SIGKILL at a random moment, again and again. After every kill the database must
//! open, pass `PRAGMA integrity_check`, hold every write the writer acknowledged, number its
//! invoices without a gap, and hold each import whole or not at all.
//! `make test` runs 50 kills; `make stress` runs 1 000 (KONBIT_KILLS).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use konbit_core::store::{OpenMode, Store};

#[test]
fn every_acknowledged_write_survives_a_kill() {
    let kills: u64 = std::env::var("KONBIT_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("konbit.sqlite");
    let made = Command::new(env!("CARGO_BIN_EXE_konbit"))
        .arg("--db")
        .arg(&db)
        .arg("demo")
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    // Every batch of kills starts again from the demo, so that each check reads a database of
    // the same size and a thousand kills take minutes, not hours.
    let pristine = dir.path().join("demo.sqlite");
    Store::open(&db, OpenMode::MustExist)
        .unwrap()
        .backup_to(&pristine)
        .unwrap();
    let mut rng = StdRng::seed_from_u64(2013);
    let started = Instant::now();
    let (mut acknowledged, mut invoices) = (0usize, 0i64);
    for round in 0..kills {
        let lines = run_and_kill(&db, round, Duration::from_millis(rng.random_range(20..250)));
        acknowledged += lines.len();
        invoices += lines.iter().filter(|l| l.starts_with("invoice ")).count() as i64;
        verify(&db, &lines, round);
        if round % BATCH == BATCH - 1 || round == kills - 1 {
            let store = Store::open(&db, OpenMode::MustExist).unwrap();
            let problems = konbit_core::check::run(store.conn()).unwrap();
            assert!(
                problems.is_empty(),
                "konbit check after round {round}: {problems:?}"
            );
            drop(store);
            for sidecar in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{sidecar}", db.display()));
            }
            std::fs::copy(&pristine, &db).unwrap();
        }
    }
    println!(
        "crash test: {kills} kills survived in {:.1} s, {acknowledged} acknowledged writes all found, {invoices} invoices issued by the writer and numbered without a gap",
        started.elapsed().as_secs_f64()
    );
}

/// Kills between fresh copies of the demo.
const BATCH: u64 = 50;

/// Starts the writer, kills it after `after`, and answers the lines it wrote in full.
fn run_and_kill(db: &Path, seed: u64, after: Duration) -> Vec<String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_konbit-crash-writer"))
        .arg(db)
        .arg(seed.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut lines = Vec::new();
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap_or(0) > 0 {
            // A line cut by the kill was never acknowledged.
            if line.ends_with('\n') {
                lines.push(line.trim_end().to_owned());
            }
            line.clear();
        }
        lines
    });
    std::thread::sleep(after);
    let _ = child.kill();
    let status = child.wait().unwrap();
    let lines = reader.join().unwrap();
    if status.success() {
        panic!(
            "the writer stopped by itself: {}",
            String::from_utf8_lossy(
                &child
                    .wait_with_output()
                    .map(|o| o.stderr)
                    .unwrap_or_default()
            )
        );
    }
    lines
}

fn verify(db: &Path, lines: &[String], round: u64) {
    let store = Store::open(db, OpenMode::MustExist)
        .unwrap_or_else(|e| panic!("round {round}: the database does not open: {e}"));
    let conn = store.conn();
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "round {round}");
    let count = |sql: &str, arg: &str| -> i64 { conn.query_row(sql, [arg], |r| r.get(0)).unwrap() };
    for line in lines {
        let (kind, what) = line.split_once(' ').unwrap();
        let found = match kind {
            "entry" => count("SELECT count(*) FROM time_entries WHERE id = ?1", what),
            "invoice" => count(
                "SELECT count(*) FROM invoices WHERE number = ?1 AND issued_at IS NOT NULL",
                what,
            ),
            "payment" => count("SELECT count(*) FROM payments WHERE id = ?1", what),
            "import" => {
                count(
                    "SELECT count(*) FROM time_entries WHERE description LIKE ?1 || '/%'",
                    what,
                ) / 20
            }
            other => panic!("unknown line {other}"),
        };
        assert_eq!(found, 1, "round {round}: acknowledged {line} is missing");
    }
    let partial: i64 = conn
        .query_row(
            "SELECT count(*) FROM (SELECT substr(description, 1, instr(description, '/') - 1) AS lot, count(*) AS n
             FROM time_entries WHERE description LIKE 'lot-%/%' GROUP BY lot HAVING n <> 20)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(partial, 0, "round {round}: an import was half applied");
    let gaps: i64 = conn
        .query_row(
            "SELECT count(*) FROM (SELECT kind, fiscal_year_start, max(sequence) AS top, count(*) AS n FROM invoices WHERE issued_at IS NOT NULL GROUP BY 1, 2 HAVING top <> n)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(gaps, 0, "round {round}: invoice numbers have a gap");
}
