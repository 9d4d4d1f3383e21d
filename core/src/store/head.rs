//! The audit log's head kept outside the database: the id and hash of its last row, in
//! `konbit.sqlite.audit-head` beside the file and beside every backup. The chain inside the
//! database shows a row changed or removed in the middle; only a head kept elsewhere shows a
//! tail rewritten (the chain recomputed from some row on) or cut off. `audit::verify_heads`
//! compares them; this module only keeps them.
//!
//! The head is moved forward after each commit that added rows, and only along the chain: when
//! the kept head no longer names a row of the database with its hash, the file is left as it is,
//! for `konbit check` to report, rather than made to agree with what replaced the log.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::sql::{Connection, OptionalExtension, Result as SqlResult};

use super::StoreError;

/// A row of the audit log as the head names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub id: i64,
    pub hash: String,
}

/// Where the head of the database (or backup) at `db` is kept.
pub fn path_for(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".audit-head");
    db.with_file_name(name)
}

/// The head kept for the database at `db`; `None` when none was written (a database older than
/// the head, or one in memory). A file that does not read as a head is an error.
pub fn read(db: &Path) -> Result<Option<Head>, StoreError> {
    let path = path_for(db);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(StoreError::Io { path, source }),
    };
    let mut parts = text.split_whitespace();
    match (
        parts.next().and_then(|id| id.parse().ok()),
        parts.next(),
        parts.next(),
    ) {
        (Some(id), Some(hash), None) if hash.len() == 64 => Ok(Some(Head {
            id,
            hash: hash.to_owned(),
        })),
        _ => Err(StoreError::Io {
            path,
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "not an audit log head (a row number and a SHA-256)",
            ),
        }),
    }
}

/// The last row of the log in `conn`.
pub fn last(conn: &Connection) -> SqlResult<Option<Head>> {
    conn.prepare_cached("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| {
            Ok(Head {
                id: r.get(0)?,
                hash: r.get(1)?,
            })
        })
        .optional()
}

/// The last row of the log of a copy, which may predate the log (a backup made before
/// migrating a database of Konbit's first versions).
pub fn last_of_copy(conn: &Connection) -> SqlResult<Option<Head>> {
    let logged: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'",
        [],
        |r| r.get(0),
    )?;
    if logged {
        last(conn)
    } else {
        Ok(None)
    }
}

/// Whether the database's log still holds `head`'s row with its hash.
pub fn holds(conn: &Connection, head: &Head) -> SqlResult<bool> {
    let hash: Option<String> = conn
        .prepare_cached("SELECT hash FROM audit_log WHERE id = ?1")?
        .query_row([head.id], |r| r.get(0))
        .optional()?;
    Ok(hash.as_deref() == Some(head.hash.as_str()))
}

/// Writes `head` beside `db`, whole or not at all.
pub fn write(db: &Path, head: &Head) -> Result<(), StoreError> {
    let path = path_for(db);
    let partial = path.with_extension("audit-head.partial");
    let io = |source| StoreError::Io {
        path: path.clone(),
        source,
    };
    let mut file = fs::File::create(&partial).map_err(io)?;
    writeln!(file, "{} {}", head.id, head.hash).map_err(io)?;
    file.sync_all().map_err(io)?;
    fs::rename(&partial, &path).map_err(io)
}

/// After a commit: moves the kept head to the log's last row if rows were added, and only if
/// the kept head is still in the log. `known` is the head this connection last kept, so that a
/// commit that added no row costs one lookup and no file access.
pub(super) fn advance(
    conn: &Connection,
    db: &Path,
    known: &mut Option<Head>,
) -> Result<(), StoreError> {
    let now = last(conn)?;
    if now.is_none() || now == *known {
        return Ok(());
    }
    if let Some(kept) = read(db)? {
        if !holds(conn, &kept)? {
            return Ok(());
        }
    }
    if let Some(head) = &now {
        write(db, head)?;
    }
    *known = now;
    Ok(())
}
