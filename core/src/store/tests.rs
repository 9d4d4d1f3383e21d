use std::fs;

use super::*;
use rusqlite::Connection;

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn creates_migrates_and_reopens() {
    let dir = temp();
    let path = dir.path().join("nested").join("konbit.sqlite");
    let store = Store::open(&path, OpenMode::CreateIfMissing).unwrap();
    let version: u32 = store
        .conn()
        .sqlite("test")
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let mode: String = store
        .conn()
        .sqlite("test")
        .unwrap()
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = store
        .conn()
        .sqlite("test")
        .unwrap()
        .pragma_query_value(None, "synchronous", |r| r.get(0))
        .unwrap();
    assert_eq!(sync, 2, "synchronous=FULL");
    let fk: i64 = store
        .conn()
        .sqlite("test")
        .unwrap()
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    drop(store);
    Store::open(&path, OpenMode::MustExist).unwrap();
}

#[test]
fn refuses_a_file_that_is_not_a_database_and_leaves_it_alone() {
    let dir = temp();
    let path = dir.path().join("README.md");
    let text = "# Konbit\n\nPas une base de données.\n";
    fs::write(&path, text).unwrap();
    let err = Store::open(&path, OpenMode::CreateIfMissing).err().unwrap();
    assert_eq!(err.code(), "not_konbit");
    assert!(
        err.to_string().contains("is not a Konbit database"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no -wal or -shm file left behind"
    );
}

#[test]
fn refuses_another_programs_database() {
    let dir = temp();
    let path = dir.path().join("other.sqlite");
    let other = Connection::open(&path).unwrap();
    other
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(other);
    let before = fs::read(&path).unwrap();
    let err = Store::open(&path, OpenMode::CreateIfMissing).err().unwrap();
    assert_eq!(err.code(), "not_konbit", "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn refuses_a_newer_schema_untouched() {
    let dir = temp();
    let path = dir.path().join("konbit.sqlite");
    drop(Store::open(&path, OpenMode::CreateIfMissing).unwrap());
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(conn);
    let before = fs::read(&path).unwrap();
    let err = Store::open(&path, OpenMode::CreateIfMissing).err().unwrap();
    assert_eq!(err.code(), "too_new");
    assert!(err.to_string().contains("newer Konbit"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_missing_file_is_not_created_when_it_must_exist() {
    let dir = temp();
    let path = dir.path().join("absent.sqlite");
    let err = Store::open(&path, OpenMode::MustExist).err().unwrap();
    assert_eq!(err.code(), "missing");
    assert!(!path.exists());
}

#[test]
fn an_older_database_is_backed_up_then_migrated() {
    let dir = temp();
    let path = dir.path().join("konbit.sqlite");
    let old = Connection::open(&path).unwrap();
    old.execute_batch(MIGRATIONS[0]).unwrap();
    old.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    old.pragma_update(None, "user_version", 1).unwrap();
    drop(old);
    let store = Store::open(&path, OpenMode::CreateIfMissing).unwrap();
    let version: u32 = store
        .conn()
        .sqlite("test")
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let backups: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "bak"))
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert!(backups[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("konbit.sqlite.v1-"));
    let copy = Connection::open(&backups[0]).unwrap();
    let copied: u32 = copy
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(
        copied, 1,
        "the backup is the database as it was before the migration"
    );
}

#[test]
fn backup_copies_are_complete_databases() {
    let dir = temp();
    let mut store =
        Store::open(&dir.path().join("konbit.sqlite"), OpenMode::CreateIfMissing).unwrap();
    store.write(|tx| crate::demo::create(tx, 1)).unwrap();
    let copy = dir.path().join("copie.sqlite");
    store.backup_to(&copy).unwrap();
    let reopened = Store::open(&copy, OpenMode::MustExist).unwrap();
    let clients: i64 = reopened
        .conn()
        .query_row("SELECT count(*) FROM clients", [], |r| r.get(0))
        .unwrap();
    assert_eq!(clients, 42);
    assert!(!copy.with_extension("partial").exists());
}

#[test]
fn a_failed_write_keeps_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let result: crate::Result<()> = store.write(|tx| {
        tx.execute("INSERT INTO teams (code, name, name_key, created_at, updated_at) VALUES ('web', 'Web', 'web', 'x', 'x')", [])?;
        Err(crate::Error::internal("stop"))
    });
    assert!(result.is_err());
    let teams: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM teams", [], |r| r.get(0))
        .unwrap();
    assert_eq!(teams, 0);
}

/// A commit writes to the log only; the database file takes the pages at the checkpoint, which
/// the app runs off the write path.
#[test]
fn commits_leave_the_copy_into_the_file_to_the_checkpoint() {
    let dir = temp();
    let path = dir.path().join("konbit.sqlite");
    let mut store = Store::open(&path, OpenMode::CreateIfMissing).unwrap();
    store.checkpoint().unwrap();
    let size = || fs::metadata(&path).unwrap().len();
    let before = size();
    for _ in 0..5 {
        // 5 × 2 MB: ten times the 1 000 pages at which SQLite would otherwise copy during a commit.
        store.write(|tx| Ok::<_, StoreError>(tx.execute_batch("CREATE TABLE IF NOT EXISTS filler (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) INSERT INTO filler SELECT randomblob(2000) FROM n;")?)).unwrap();
    }
    assert_eq!(size(), before, "no commit copied pages into the file");
    assert_eq!(store.checkpoint().unwrap(), 0, "every page copied");
    assert!(
        size() > before + 10_000_000,
        "the file holds the rows: {} bytes",
        size()
    );
    drop(store);
    let store = Store::open(&path, OpenMode::MustExist).unwrap();
    let rows: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM filler", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 5000);
}

/// 0018 rebuilds payments, their allocations, expenses and other income to let reversals in:
/// a database of schema 17 keeps every row, every reference and the settlement it had.
#[test]
fn the_reversals_migration_keeps_the_books_of_an_older_database() {
    let dir = temp();
    let path = dir.path().join("konbit.sqlite");
    let old = Connection::open(&path).unwrap();
    old.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
    for sql in &MIGRATIONS[..17] {
        old.execute_batch(sql).unwrap();
    }
    old.execute_batch(
        "INSERT INTO clients (id, name, name_key, created_at, updated_at) VALUES (1, 'Ligue des droits et libertés', 'ligue des droits et libertes', 'x', 'x');
         INSERT INTO invoices (id, kind, client_id, invoice_date, due_on, number, fiscal_year_start, sequence, issued_at, total_cents, created_at, updated_at)
              VALUES (1, 'invoice', 1, '2013-01-10', '2013-02-09', '2013-0001', '2012-09-01', 1, 'x', 114975, 'x', 'x');
         INSERT INTO payments (id, client_id, received_on, method, amount_cents, reference, created_at) VALUES (1, 1, '2013-02-01', 'cheque', 114975, '1042', 'x');
         INSERT INTO payment_allocations (payment_id, invoice_id, amount_cents) VALUES (1, 1, 114975);
         INSERT INTO expenses (id, spent_on, supplier, category_id, amount_cents, gst_cents, qst_cents, method, created_at, updated_at)
              VALUES (1, '2013-03-04', 'Déménageurs associés', (SELECT min(id) FROM expense_categories), 970000, 48500, 96758, 'cheque', 'x', 'x');
         INSERT INTO other_income (id, received_on, kind, source, department_id, amount_cents, created_at)
              VALUES (1, '2013-01-15', 'grant', 'PAPSI', (SELECT min(id) FROM revenue_departments), 1200000, 'x');",
    )
    .unwrap();
    let settled: String = old
        .query_row(
            "SELECT settled_on FROM invoice_settlements WHERE invoice_id = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(settled, "2013-02-01");
    old.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    old.pragma_update(None, "user_version", 17).unwrap();
    drop(old);

    let store = Store::open(&path, OpenMode::CreateIfMissing).unwrap();
    let conn = store.conn().sqlite("test").unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        count("SELECT count(*) FROM payments") + count("SELECT count(*) FROM payment_allocations"),
        2
    );
    assert_eq!(
        count("SELECT sum(amount_cents) FROM expenses")
            + count("SELECT sum(amount_cents) FROM other_income"),
        970000 + 1200000
    );
    assert_eq!(count("SELECT count(*) FROM pragma_foreign_key_check"), 0);
    let fk: i64 = conn
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1, "foreign keys are on again after the migration");
    // The settlement triggers were made again: a reversal reopens the invoice.
    conn.execute_batch(
        "INSERT INTO payments (id, client_id, received_on, method, amount_cents, created_at, reverses) VALUES (2, 1, '2013-02-01', 'cheque', -114975, 'x', 1);
         INSERT INTO payment_allocations (payment_id, invoice_id, amount_cents) VALUES (2, 1, -114975);",
    )
    .unwrap();
    let settled: String = conn
        .query_row(
            "SELECT settled_on FROM invoice_settlements WHERE invoice_id = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(settled, "9999-12-31");
    assert!(
        conn.execute("UPDATE payments SET amount_cents = 5 WHERE id = 1", [])
            .is_err(),
        "payments stay frozen"
    );
}
