use std::fs;

use super::*;

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn creates_migrates_and_reopens() {
    let dir = temp();
    let path = dir.path().join("nested").join("konbit.sqlite");
    let store = Store::open(&path, OpenMode::CreateIfMissing).unwrap();
    let version: u32 = store.conn().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let mode: String = store.conn().pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = store.conn().pragma_query_value(None, "synchronous", |r| r.get(0)).unwrap();
    assert_eq!(sync, 2, "synchronous=FULL");
    let fk: i64 = store.conn().pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
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
    assert!(err.to_string().contains("is not a Konbit database"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no -wal or -shm file left behind");
}

#[test]
fn refuses_another_programs_database() {
    let dir = temp();
    let path = dir.path().join("other.sqlite");
    let other = Connection::open(&path).unwrap();
    other.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
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
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
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
    old.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
    old.pragma_update(None, "user_version", 1).unwrap();
    drop(old);
    let store = Store::open(&path, OpenMode::CreateIfMissing).unwrap();
    let version: u32 = store.conn().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let backups: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "bak"))
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert!(backups[0].file_name().unwrap().to_string_lossy().starts_with("konbit.sqlite.v1-"));
    let copy = Connection::open(&backups[0]).unwrap();
    let copied: u32 = copy.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(copied, 1, "the backup is the database as it was before the migration");
}

#[test]
fn backup_copies_are_complete_databases() {
    let dir = temp();
    let mut store = Store::open(&dir.path().join("konbit.sqlite"), OpenMode::CreateIfMissing).unwrap();
    store.write(|tx| crate::demo::create(tx, 1)).unwrap();
    let copy = dir.path().join("copie.sqlite");
    store.backup_to(&copy).unwrap();
    let reopened = Store::open(&copy, OpenMode::MustExist).unwrap();
    let clients: i64 = reopened.conn().query_row("SELECT count(*) FROM clients", [], |r| r.get(0)).unwrap();
    assert_eq!(clients, 42);
    assert!(!copy.with_extension("partial").exists());
}

#[test]
fn a_failed_write_keeps_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let result: crate::Result<()> = store.write(|tx| {
        tx.execute("INSERT INTO teams (code, name, name_key, created_at, updated_at) VALUES ('web', 'Web', 'web', 'x', 'x')", [])?;
        Err(crate::Error::Conflict("stop".into()))
    });
    assert!(result.is_err());
    let teams: i64 = store.conn().query_row("SELECT count(*) FROM teams", [], |r| r.get(0)).unwrap();
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
        store.write(|tx| tx.execute_batch("CREATE TABLE IF NOT EXISTS filler (x); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) INSERT INTO filler SELECT randomblob(2000) FROM n;")).unwrap();
    }
    assert_eq!(size(), before, "no commit copied pages into the file");
    assert_eq!(store.checkpoint().unwrap(), 0, "every page copied");
    assert!(size() > before + 10_000_000, "the file holds the rows: {} bytes", size());
    drop(store);
    let store = Store::open(&path, OpenMode::MustExist).unwrap();
    let rows: i64 = store.conn().query_row("SELECT count(*) FROM filler", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 5000);
}
