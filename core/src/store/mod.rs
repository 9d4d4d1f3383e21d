//! The SQLite store: opening a database file safely, migrating it, and the connection settings
//! the books need (foreign keys, WAL, `synchronous=FULL`, a busy timeout).
//!
//! **Invariant:** a file that is not a Konbit database, or whose schema is newer than this
//! program, is refused before anything is written to it.

mod error;
pub mod head;
pub mod replica;
pub mod server;
pub mod sql;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{OpenFlags, OptionalExtension, TransactionBehavior};
pub use sql::Connection;

pub use error::StoreError;

/// `PRAGMA application_id` of every Konbit database: "Konb" in ASCII.
pub const APPLICATION_ID: i32 = 0x4B6F_6E62;

/// The numbered migrations, applied in order; `PRAGMA user_version` holds the last one applied.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_reference.sql"),
    include_str!("migrations/0002_worktime.sql"),
    include_str!("migrations/0003_invoicing.sql"),
    include_str!("migrations/0004_finance.sql"),
    include_str!("migrations/0005_budgets.sql"),
    include_str!("migrations/0006_cashflow.sql"),
    include_str!("migrations/0007_documents.sql"),
    include_str!("migrations/0008_legal.sql"),
    include_str!("migrations/0009_reports.sql"),
    include_str!("migrations/0010_audit.sql"),
    include_str!("migrations/0011_indexes.sql"),
    include_str!("migrations/0012_settlements.sql"),
    include_str!("migrations/0013_work_months.sql"),
    include_str!("migrations/0014_covering_books.sql"),
    include_str!("migrations/0015_revenue_months.sql"),
    include_str!("migrations/0016_year_closings.sql"),
    include_str!("migrations/0017_project_months.sql"),
    include_str!("migrations/0018_reversals.sql"),
    include_str!("migrations/0019_draft_invoices.sql"),
    include_str!("migrations/0020_books.sql"),
    include_str!("migrations/0021_closed_years.sql"),
    include_str!("migrations/0022_legal_vault.sql"),
    include_str!("migrations/0023_audit_format.sql"),
    include_str!("migrations/0024_replica.sql"),
];

/// The schema version this program writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Create the file (and its folder) when it does not exist: the app and `konbit demo`.
    CreateIfMissing,
    /// Refuse a path with no file: `check`, reports, exports.
    MustExist,
}

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// The audit log's head this connection last kept beside the file (`head.rs`).
    head: Option<head::Head>,
    /// The office's server, when the file is a replica of its books (`replica.rs`).
    office: Option<Office>,
}

/// The server a replica follows, connected at its first use.
struct Office {
    url: String,
    /// The password the person typed, kept in memory only (wiped when dropped).
    password: Option<zeroize::Zeroizing<String>>,
    server: Option<Connection>,
}

impl Store {
    /// Opens (or creates) the database at `path`, checks that it is a Konbit database this
    /// program can read, backs it up if it needs migrating, and migrates it.
    pub fn open(path: &Path, mode: OpenMode) -> Result<Store, StoreError> {
        let exists = path.exists();
        if !exists && mode == OpenMode::MustExist {
            return Err(StoreError::Missing {
                path: path.to_owned(),
            });
        }
        if exists {
            check_header(path)?;
        } else if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|source| StoreError::Io {
                path: parent.to_owned(),
                source,
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = rusqlite::Connection::open_with_flags(path, flags)
            .map_err(|e| StoreError::at(path, e))?;
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(|e| StoreError::at(path, e))?;
        let found = identify(&conn, path)?;
        configure(&conn).map_err(|e| StoreError::at(path, e))?;
        if found.version > 0 && found.version < SCHEMA_VERSION {
            backup_before_migration(&conn, path, found.version)?;
        }
        let mut store = Store {
            conn: conn.into(),
            path: Some(path.to_owned()),
            head: None,
            office: None,
        };
        store.migrate(found.version)?;
        store.office = replica::server_of(store.file()?)?.map(|url| Office {
            url,
            password: None,
            server: None,
        });
        store.keep_head();
        Ok(store)
    }

    /// A fresh, migrated database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = rusqlite::Connection::open_in_memory()?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        let mut store = Store {
            conn: conn.into(),
            path: None,
            head: None,
            office: None,
        };
        store.migrate(0)?;
        Ok(store)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in an IMMEDIATE transaction: the write lock is taken up front, so two writers
    /// never deadlock half-way, and nothing of `f` is kept unless it returns `Ok`.
    ///
    /// On a replica of the office's books, `f` runs in one transaction of the server instead,
    /// with the same rules, and the replica then pulls what changed. A pull that fails after
    /// the write is said, not turned into a failed save: the write is kept on the server, and
    /// the next pull brings it.
    pub fn write<T, E>(&mut self, f: impl FnOnce(&Connection) -> Result<T, E>) -> Result<T, E>
    where
        E: From<sql::Error> + From<StoreError>,
    {
        if self.office.is_some() {
            let value = self.server()?.transaction(f)?;
            if let Err(e) = self.sync() {
                eprintln!(
                    "konbit: saved on the office's server, but this copy could not follow yet: {e}"
                );
            }
            return Ok(value);
        }
        let value = self.conn.transaction(f)?;
        self.keep_head();
        Ok(value)
    }

    /// The server this replica follows, connected at the first call; `None` for local books.
    pub fn office_server(&self) -> Option<&str> {
        self.office.as_ref().map(|o| o.url.as_str())
    }

    /// The password of this replica's login, for the next connection: the person's, typed in the
    /// app, never kept in the file. Without it the URL's or `PGPASSWORD` is used, as by libpq.
    pub fn set_password(&mut self, password: &str) -> Result<(), StoreError> {
        let office = self.office.as_mut().ok_or(StoreError::NotReplica)?;
        office.password = Some(zeroize::Zeroizing::new(password.to_owned()));
        office.server = None;
        Ok(())
    }

    fn server(&mut self) -> Result<&Connection, StoreError> {
        let office = self.office.as_mut().ok_or(StoreError::NotReplica)?;
        if office.server.is_none() {
            let password = office.password.as_deref().map(String::as_str);
            office.server = Some(server::open_as(&office.url, password)?);
        }
        office.server.as_ref().ok_or(StoreError::NotReplica)
    }

    /// Pulls what changed on the office's server since this replica's last pull.
    pub fn sync(&mut self) -> Result<replica::Pulled, StoreError> {
        self.server()?;
        let office = self.office.as_mut().ok_or(StoreError::NotReplica)?;
        let server = office.server.take().ok_or(StoreError::NotReplica)?;
        let pulled = replica::pull(self, &server);
        if let Some(office) = self.office.as_mut() {
            // A connection the server dropped is made again at the next use.
            office.server = pulled.is_ok().then_some(server);
        }
        pulled
    }

    /// The SQLite file underneath: a local store always has one.
    pub(crate) fn file(&self) -> Result<&rusqlite::Connection, StoreError> {
        Ok(self.conn.sqlite("this file operation")?)
    }

    /// Moves the audit log's head kept beside the file forward (`head::advance`). The commit is
    /// done whatever happens here: a head that could not be written is said, not turned into a
    /// failed save, and the next commit tries again.
    pub(crate) fn keep_head(&mut self) {
        if let Some(path) = &self.path {
            if let Err(e) = head::advance(&self.conn, path, &mut self.head) {
                eprintln!("konbit: the audit log's head could not be kept beside the file: {e}");
            }
        }
    }

    /// Copies the write-ahead log into the database file, as far as no reader still needs it
    /// (PASSIVE: it neither waits for nor blocks anyone). The app calls it every few seconds
    /// under the lock its commands take; closing the last connection does it too (the command
    /// line). A crash before it loses nothing: the log is committed and replayed at the next
    /// open. Answers how many of the log's pages are still to copy.
    pub fn checkpoint(&self) -> Result<u64, StoreError> {
        let (log, copied): (i64, i64) =
            self.file()?
                .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
                    Ok((r.get(1)?, r.get(2)?))
                })?;
        Ok(u64::try_from(log - copied).unwrap_or(0))
    }

    /// Copies the whole log into the database file and empties it, waiting for readers
    /// (TRUNCATE): after the restricted cases were sealed, so that no page of theirs in clear
    /// stays in the log.
    pub fn checkpoint_truncate(&self) -> Result<(), StoreError> {
        self.file()?
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Writes a consistent copy of the database to `dest` through SQLite's online backup API,
    /// then checks the copy's integrity. The copy is written beside `dest` and renamed into
    /// place, so a failed backup never leaves a half-written file under the chosen name.
    pub fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        backup_connection(self.file()?, dest)
    }

    /// A checked copy of the database file `db` through a connection of its own, read-only: the
    /// app keeps working meanwhile (WAL lets a reader copy one snapshot while others write), which
    /// matters when copying and checking a large file takes seconds.
    pub fn backup_file(db: &Path, dest: &Path) -> Result<(), StoreError> {
        check_header(db)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            rusqlite::Connection::open_with_flags(db, flags).map_err(|e| StoreError::at(db, e))?;
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(|e| StoreError::at(db, e))?;
        backup_connection(&conn, dest)
    }

    /// Applies the migrations after `from`, each in one transaction. Foreign keys are off
    /// meanwhile, as SQLite's procedure for rebuilding a table requires (a CHECK cannot change
    /// in place: 0018 rebuilds four tables), and checked whole before each commit, so a
    /// migration that would break a reference is rolled back.
    fn migrate(&mut self, from: u32) -> Result<(), StoreError> {
        let conn = self.conn.sqlite_mut("migrating the file")?;
        conn.pragma_update(None, "foreign_keys", false)?;
        let applied = apply(conn, from);
        conn.pragma_update(None, "foreign_keys", true)?;
        applied
    }
}

fn apply(conn: &mut rusqlite::Connection, from: u32) -> Result<(), StoreError> {
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        let version = index as u32 + 1;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)
            .map_err(|source| StoreError::Migration {
                version,
                source: source.into(),
            })?;
        let broken: Option<String> = tx
            .query_row(
                "SELECT \"table\" FROM pragma_foreign_key_check LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(table) = broken {
            let source = rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY),
                Some(format!("a row of {table} points to nothing")),
            );
            return Err(StoreError::Migration {
                version,
                source: source.into(),
            });
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

/// The per-user database the desktop app and the CLI share unless told otherwise:
/// `--db PATH`, then `KONBIT_DB`, then `konbit.sqlite` in the platform data directory.
pub fn resolve_path(explicit: Option<PathBuf>) -> Result<PathBuf, StoreError> {
    if let Some(path) = explicit {
        return Ok(path);
    }
    if let Some(path) = std::env::var_os("KONBIT_DB").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let dirs =
        directories::ProjectDirs::from("org", "Konbit", "Konbit").ok_or(StoreError::NoHome)?;
    Ok(dirs.data_dir().join("konbit.sqlite"))
}

struct Found {
    version: u32,
}

/// An empty file is a new database; anything else must start with SQLite's header.
fn check_header(path: &Path) -> Result<(), StoreError> {
    use std::io::Read;
    let mut file = fs::File::open(path).map_err(|source| StoreError::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut header = [0u8; 16];
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(source) => {
                return Err(StoreError::Io {
                    path: path.to_owned(),
                    source,
                })
            }
        }
    }
    if read == 0 || &header == SQLITE_HEADER {
        Ok(())
    } else {
        Err(StoreError::NotSqlite {
            path: path.to_owned(),
        })
    }
}

/// Reads the application id and schema version without writing anything.
fn identify(conn: &rusqlite::Connection, path: &Path) -> Result<Found, StoreError> {
    let read = |name: &str| -> Result<i64, StoreError> {
        conn.pragma_query_value(None, name, |row| row.get(0))
            .map_err(|e| StoreError::at(path, e))
    };
    let application_id = read("application_id")?;
    let version = read("user_version")?;
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))
        .map_err(|e| StoreError::at(path, e))?;
    if application_id == 0 && version == 0 && tables == 0 {
        return Ok(Found { version: 0 });
    }
    if application_id != i64::from(APPLICATION_ID) {
        return Err(StoreError::NotKonbit {
            path: path.to_owned(),
        });
    }
    let version = u32::try_from(version).map_err(|_| StoreError::NotKonbit {
        path: path.to_owned(),
    })?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_owned(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    Ok(Found { version })
}

fn configure(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Checkpoints run off the write path (see `Store::checkpoint`). SQLite's default runs one
    // inside the commit that takes the log past 1 000 pages: an import of 100 000 lines waited
    // 45 ms more for it (80 ms instead of 35), and every thousandth page a save paid for it.
    conn.pragma_update(None, "wal_autocheckpoint", 0)?;
    // The log starts over after a full checkpoint; past a large import it is cut back to 64 MiB
    // then rather than kept at its largest.
    conn.pragma_update(None, "journal_size_limit", 64 * 1024 * 1024)?;
    // What is deleted or rewritten is overwritten with zeros, not left in a free page: a
    // restricted case's details in clear, once sealed (legal/vault.rs), are gone from the file.
    conn.pragma_update(None, "secure_delete", "ON")?;
    Ok(())
}

fn backup_before_migration(
    conn: &rusqlite::Connection,
    path: &Path,
    version: u32,
) -> Result<(), StoreError> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let name = format!(
        "{}.v{version}-{stamp}.bak",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    );
    backup_connection(conn, &path.with_file_name(name))
}

fn backup_connection(conn: &rusqlite::Connection, dest: &Path) -> Result<(), StoreError> {
    let partial = dest.with_extension("partial");
    let result = (|| {
        let mut copy =
            rusqlite::Connection::open(&partial).map_err(|e| StoreError::at(&partial, e))?;
        {
            let backup = rusqlite::backup::Backup::new(conn, &mut copy)?;
            // All pages in one step, inside one read transaction: a write by another connection
            // between steps would make SQLite start the copy over.
            copy_all(&backup)?;
        }
        let verdict: String = copy.query_row("PRAGMA integrity_check", [], |row| row.get(0))?;
        if verdict != "ok" {
            return Err(StoreError::Corrupt {
                path: partial.clone(),
            });
        }
        // The copy's own head beside it: `konbit check` later finds each backup's last row,
        // with its hash, still in the database, or says that the log was rewritten since.
        let copy = Connection::from(copy);
        let copied_head = head::last_of_copy(&copy)?;
        drop(copy);
        fs::rename(&partial, dest).map_err(|source| StoreError::Io {
            path: dest.to_owned(),
            source,
        })?;
        match copied_head {
            Some(h) => head::write(dest, &h),
            None => Ok(()),
        }
    })();
    if result.is_err() {
        let _ = fs::remove_file(&partial);
    }
    result
}

/// Steps the backup with every page at once until SQLite says it is done; a busy source (a
/// checkpoint in progress) is waited for, five seconds at most, like the connections' own timeout.
fn copy_all(backup: &rusqlite::backup::Backup<'_, '_>) -> Result<(), StoreError> {
    use rusqlite::backup::StepResult;
    let mut waited = Duration::ZERO;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            _ if waited < Duration::from_secs(5) => {
                std::thread::sleep(Duration::from_millis(50));
                waited += Duration::from_millis(50);
            }
            _ => return Err(StoreError::Locked),
        }
    }
}

#[cfg(test)]
mod tests;
