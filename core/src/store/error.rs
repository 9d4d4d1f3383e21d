use std::path::PathBuf;

use rusqlite::ErrorCode;

/// Why the database could not be opened, read or written. Each message is one sentence that
/// says what is wrong and what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{} is not a Konbit database (it is not an SQLite file); choose another file or restore a backup", .path.display())]
    NotSqlite { path: PathBuf },
    #[error("{} is an SQLite database but not a Konbit one; choose another file or restore a backup", .path.display())]
    NotKonbit { path: PathBuf },
    #[error("{} was written by a newer Konbit (schema {found}, this program knows up to {known}); update Konbit or open a backup", .path.display())]
    TooNew {
        path: PathBuf,
        found: u32,
        known: u32,
    },
    #[error("no database at {}; check the path or run `konbit demo` to create one", .path.display())]
    Missing { path: PathBuf },
    #[error("{} is damaged; restore the latest backup (`konbit restore FILE`)", .path.display())]
    Corrupt { path: PathBuf },
    #[error("the database is in use by another program; close it and try again")]
    Locked,
    #[error("{} cannot be written (read-only file or folder); open a copy or change its permissions", .path.display())]
    ReadOnly { path: PathBuf },
    #[error(
        "the disk is full or cannot be written; free some space and try again (nothing was saved)"
    )]
    DiskFull,
    /// Found damaged while reading or writing, after it opened.
    #[error("the database is damaged; restore the latest backup (`konbit restore FILE`, or a copy from konbit.sqlite.backups)")]
    Damaged,
    #[error("no home folder was found for the database; pass --db PATH or set KONBIT_DB")]
    NoHome,
    #[error(
        "could not upgrade the database to schema {version} ({source}); it was left as it was"
    )]
    Migration {
        version: u32,
        source: super::sql::Error,
    },
    #[error("could not read or write {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Database(#[source] super::sql::Error),
    #[error("the office's server {server} does not answer ({detail}); check the address, the login and the password, and that this computer reaches the office's network")]
    Unreachable { server: String, detail: String },
    #[error("{server} already holds other tables ({}); give Konbit an empty database", .tables.join(", "))]
    ServerNotEmpty { server: String, tables: Vec<String> },
    #[error("{server} does not hold Konbit's books; check the database's name, or run `konbit office init` on an empty one")]
    ServerNotKonbit { server: String },
    #[error("{server} holds books of a newer Konbit (server schema {found}, this program knows up to {known}); update Konbit")]
    ServerTooNew {
        server: String,
        found: u32,
        known: u32,
    },
    #[error("{server} holds books of an older Konbit (server schema {found}); run `konbit office init` there with this version first")]
    ServerOlder { server: String, found: u32 },
    #[error("{} already exists; a replica of the office's books is made in a new file: choose another name", .path.display())]
    ReplicaExists { path: PathBuf },
    #[error("this file holds local books, not a replica of the office's: join the office's books in a new file (`konbit --db FILE office join URL`)")]
    NotReplica,
}

impl StoreError {
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NotSqlite { .. } | StoreError::NotKonbit { .. } => "not_konbit",
            StoreError::TooNew { .. } => "too_new",
            StoreError::Missing { .. } => "missing",
            StoreError::Corrupt { .. } => "corrupt",
            StoreError::Locked => "locked",
            StoreError::ReadOnly { .. } => "read_only",
            StoreError::DiskFull => "disk_full",
            StoreError::Damaged => "corrupt",
            StoreError::NoHome => "no_home",
            StoreError::Migration { .. } => "migration",
            StoreError::Io { .. } => "io",
            StoreError::Database(_) => "database",
            StoreError::Unreachable { .. } => "server_unreachable",
            StoreError::ServerNotEmpty { .. } => "server_not_empty",
            StoreError::ServerNotKonbit { .. } => "server_not_konbit",
            StoreError::ServerTooNew { .. } => "server_too_new",
            StoreError::ServerOlder { .. } => "server_older",
            StoreError::ReplicaExists { .. } => "replica_exists",
            StoreError::NotReplica => "not_replica",
        }
    }

    /// Classifies an SQLite failure on the file at `path`, so the message can name the file.
    pub(crate) fn at(path: &std::path::Path, e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => StoreError::NotSqlite {
                path: path.to_owned(),
            },
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
                path: path.to_owned(),
            },
            Some(ErrorCode::ReadOnly)
            | Some(ErrorCode::CannotOpen)
            | Some(ErrorCode::PermissionDenied) => StoreError::ReadOnly {
                path: path.to_owned(),
            },
            _ => StoreError::from(e),
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StoreError::Locked,
            // A write refused by the system (no space left, a file-size limit) comes as an I/O
            // error; nothing of the transaction was kept either way.
            Some(ErrorCode::DiskFull) | Some(ErrorCode::SystemIoFailure) => StoreError::DiskFull,
            Some(ErrorCode::DatabaseCorrupt) | Some(ErrorCode::NotADatabase) => StoreError::Damaged,
            _ => StoreError::Database(e.into()),
        }
    }
}

impl From<super::sql::Error> for StoreError {
    fn from(e: super::sql::Error) -> Self {
        match e {
            super::sql::Error::Sqlite(e) => StoreError::from(e),
            other => StoreError::Database(other),
        }
    }
}
