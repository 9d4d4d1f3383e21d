//! The office's books on a real PostgreSQL 15: `make test` starts a throwaway cluster
//! (scripts/with-postgres.sh) and gives its superuser's URL in KONBIT_TEST_PG. Each test works
//! in a database of its own on it.
//!
//! The figures are checked against the same demo written in a SQLite file by the same seed, and
//! read back from the server by plain SQL through the `postgres` crate, not through Konbit.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Barrier};

use chrono::NaiveDate;
use konbit_core::error::Error;
use konbit_core::invoicing::invoice::{self, DraftInput, LineInput};
use konbit_core::store::{server, Store};
use konbit_core::Cents;

/// A new, empty database on the test cluster; its URL.
fn fresh_database() -> String {
    let admin = std::env::var("KONBIT_TEST_PG").expect(
        "KONBIT_TEST_PG is not set: run these tests through `make test` or `scripts/with-postgres.sh cargo test …`",
    );
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "konbit_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    );
    let mut client = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    let (base, _) = admin.rsplit_once('/').unwrap();
    format!("{base}/{name}")
}

fn plain(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).unwrap()
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn demo_on_server(url: &str) {
    let (conn, outcome) = server::init(url).unwrap();
    assert_eq!(outcome, server::Initialised::Created);
    conn.transaction(|tx| konbit_core::demo::create(tx, konbit_core::demo::DEFAULT_SEED))
        .unwrap();
}

#[test]
fn the_demo_loaded_on_the_server_has_the_figures_of_the_demo_in_a_file() {
    let url = fresh_database();
    demo_on_server(&url);
    let mut local = Store::open_in_memory().unwrap();
    local
        .write(|tx| konbit_core::demo::create(tx, konbit_core::demo::DEFAULT_SEED))
        .unwrap();
    let file = local.conn().sqlite("test").unwrap();
    let mut pg = plain(&url);
    // Every table of the file, counted on both; then the sums the books are made of.
    let tables: Vec<String> = file
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'replica' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(tables.len() > 40, "{tables:?}");
    let checks = tables
        .iter()
        .map(|t| format!("SELECT count(*) FROM {t}"))
        .chain([
            "SELECT coalesce(sum(total_cents), 0) FROM invoices WHERE issued_at IS NOT NULL".into(),
            "SELECT coalesce(sum(amount_cents), 0) FROM payments".into(),
            "SELECT coalesce(sum(amount_cents + gst_cents + qst_cents), 0) FROM expenses".into(),
            "SELECT coalesce(sum(minutes), 0) FROM time_entries".into(),
            "SELECT coalesce(sum(amount_cents), 0) FROM revenue_months".into(),
            "SELECT coalesce(sum(minutes), 0) FROM worker_halves".into(),
            "SELECT count(*) FROM invoice_settlements WHERE settled_on < '9999-12-31'".into(),
        ]);
    for sql in checks {
        let here: i64 = file.query_row(&sql, [], |r| r.get(0)).unwrap();
        let there: i64 = pg
            .query_one(&format!("SELECT ({sql})::bigint"), &[])
            .unwrap()
            .get(0);
        assert_eq!(here, there, "{sql}");
    }
    let numbers = |sql: &str| -> Vec<String> {
        file.prepare(sql)
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let sql = "SELECT number FROM invoices WHERE number IS NOT NULL ORDER BY number";
    let on_server: Vec<String> = pg
        .query(sql, &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(numbers(sql), on_server);
}

#[test]
fn init_refuses_a_database_that_holds_something_else() {
    let url = fresh_database();
    plain(&url)
        .batch_execute("CREATE TABLE clients (id int); CREATE TABLE factures (id int)")
        .unwrap();
    let err = server::init(&url).err().unwrap();
    assert_eq!(err.code(), "server_not_empty");
    assert!(err.to_string().contains("clients, factures"), "{err}");
    let left: i64 = plain(&url)
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(left, 2, "nothing was written");
    let err = server::open(&url).err().unwrap();
    assert_eq!(err.code(), "server_not_konbit");
}

#[test]
fn a_wrong_password_is_said_with_the_server_and_without_the_password() {
    let url = fresh_database();
    let (rest, db) = url.rsplit_once('/').unwrap();
    let (scheme_user, host) = rest.rsplit_once('@').unwrap();
    let (scheme, _) = scheme_user.rsplit_once(':').unwrap();
    let wrong = format!("{scheme}:pas-le-bon@{host}/{db}");
    let err = server::open(&wrong).err().unwrap();
    assert_eq!(err.code(), "server_unreachable");
    let message = err.to_string();
    assert!(
        message.contains(&format!("postgres@{host}/{db}")),
        "{message}"
    );
    assert!(!message.contains("pas-le-bon"), "{message}");
    assert!(
        message.contains("password authentication failed"),
        "{message}"
    );
}

#[test]
fn the_server_refuses_what_the_file_refuses_even_by_plain_sql() {
    let url = fresh_database();
    demo_on_server(&url);
    let mut pg = plain(&url);
    let refused = |pg: &mut postgres::Client, sql: &str| -> String {
        let e = pg.batch_execute(sql).unwrap_err();
        e.as_db_error().unwrap().message().to_owned()
    };
    assert_eq!(
        refused(
            &mut pg,
            "UPDATE invoices SET notes = 'x' WHERE number = '2013-0001'"
        ),
        "issued invoices cannot be changed; write a credit note"
    );
    assert_eq!(
        refused(&mut pg, "DELETE FROM payments"),
        "payments cannot be deleted; void them with a reversal"
    );
    assert_eq!(
        refused(&mut pg, "UPDATE audit_log SET actor = 'quelqu''un'"),
        "the audit log cannot be changed"
    );
    // A closed year, then an hour in it, through the services: the same error as in a file.
    let conn = server::open(&url).unwrap();
    conn.execute_batch(
        "INSERT INTO year_closings (start_on, end_on, revenue_cents, expenses_cents, net_worth_cents, fte, salaried_share, closed_at)
         VALUES ('2011-09-01', '2012-08-31', 0, 0, 0, 0, 0, now())",
    )
    .unwrap();
    assert_eq!(
        refused(
            &mut pg,
            "DELETE FROM time_entries WHERE work_date = (SELECT min(work_date) FROM time_entries)"
        )
        .split(' ')
        .next(),
        Some("closed_year")
    );
    let e = conn
        .transaction(|tx| -> konbit_core::error::Result<()> {
            tx.execute(
                "UPDATE worker_wages SET hourly_rate_cents = hourly_rate_cents + 1 WHERE effective_on <= '2012-01-01'",
                [],
            )?;
            Ok(())
        })
        .unwrap_err();
    // The earliest wage the statement touched is the one named, as SQLite's trigger does.
    assert!(
        matches!(&e, Error::Closed { date, .. } if *date <= day("2012-08-31")),
        "{e:?}"
    );
}

/// Two laptops issue at the same moment, many times: the numbers of each fiscal year follow one
/// another with no gap and no number twice.
#[test]
fn two_writers_issuing_at_once_take_gapless_numbers() {
    let url = fresh_database();
    demo_on_server(&url);
    const EACH: usize = 12;
    let client_id: i64 = plain(&url)
        .query_one("SELECT id FROM clients ORDER BY id LIMIT 1", &[])
        .unwrap()
        .get(0);
    let before: i64 = plain(&url)
        .query_one(
            "SELECT count(*) FROM invoices WHERE number IS NOT NULL",
            &[],
        )
        .unwrap()
        .get(0);
    let start = Arc::new(Barrier::new(2));
    let laptops: Vec<_> = (0..2)
        .map(|laptop| {
            let url = url.clone();
            let start = Arc::clone(&start);
            std::thread::spawn(move || {
                let conn = server::open(&url).unwrap();
                start.wait();
                (0..EACH)
                    .map(|k| {
                        conn.transaction(|tx| {
                            let draft = invoice::create_draft(
                                tx,
                                &DraftInput {
                                    client_id,
                                    invoice_date: day("2026-11-30"),
                                    notes: String::new(),
                                },
                            )?;
                            let line = LineInput {
                                description: format!("Portable {laptop}, facture {k}"),
                                quantity_milli: 1000,
                                unit_price: Cents(10_000 + k as i64),
                                discount: false,
                                department_id: None,
                            };
                            invoice::add_line(tx, draft.id, &line)?;
                            invoice::issue(tx, draft.id)
                        })
                        .unwrap()
                        .number
                        .unwrap()
                    })
                    .collect::<Vec<String>>()
            })
        })
        .collect();
    let mut numbers: Vec<String> = laptops
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    numbers.sort();
    let expected: Vec<String> = (1..=2 * EACH).map(|n| format!("2027-{n:04}")).collect();
    assert_eq!(numbers, expected);
    let after: i64 = plain(&url)
        .query_one(
            "SELECT count(*) FROM invoices WHERE number IS NOT NULL",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(after - before, 2 * EACH as i64);
}
