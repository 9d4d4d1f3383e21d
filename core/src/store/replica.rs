//! A laptop's replica of the office's books: a SQLite file with Konbit's own schema, so every
//! read, report and PDF runs on it as on local books, filled from the server's change feed
//! (`server/0003_feed.sql`).
//!
//! **A pull** reads, in one snapshot of the server, every row whose revision is above the
//! replica's and every tombstone, and applies them in one SQLite transaction, in the order of
//! their revisions. Writers on the server follow one another (they take the feed's row first),
//! so the revisions are committed in the order they were handed out and the snapshot holds every
//! revision up to its head: none can be skipped. Replaying the rows' latest states in revision
//! order passes the file's own triggers as the writes passed the server's: a line is applied
//! before the invoice that was issued after it, a link removed before its entry is deleted.
//! Foreign keys are checked at the commit, when every row of the snapshot is in. The sums the
//! file's triggers keep (revenue by month) are then set to the server's, which come after the
//! rows they sum.
//!
//! **Nothing half-pulled**: a pull killed at any point leaves the file at its previous revision,
//! and the next pull starts from there.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::types::Value;

use super::sql::{self, Connection};
use super::{server, OpenMode, Store, StoreError};

/// What a pull brought.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Pulled {
    /// Rows added or changed.
    pub changed: u64,
    /// Rows deleted on the server since.
    pub deleted: u64,
    /// The feed's revision the replica now holds.
    pub revision: i64,
}

/// Makes `path`, a new file, a replica of the books at `url`, and pulls them whole. The file is
/// made under a name of its own (`FILE.joining`) and takes its name only once whole: a join
/// killed midway leaves no half replica under the chosen name, and is simply run again.
/// `password` is the one the person typed (else the URL's, else `PGPASSWORD`); it is kept in
/// the returned store's memory only.
pub fn join(path: &Path, url: &str, password: Option<&str>) -> Result<(Store, Pulled), StoreError> {
    if path.exists() {
        return Err(StoreError::ReplicaExists {
            path: path.to_owned(),
        });
    }
    let server = server::open_as(url, password)?;
    let joining = sibling(path, "joining");
    for stale in [
        joining.clone(),
        super::head::path_for(&joining),
        joining.with_extension("joining-wal"),
        joining.with_extension("joining-shm"),
    ] {
        let _ = std::fs::remove_file(stale);
    }
    let pulled = {
        let mut store = Store::open(&joining, OpenMode::CreateIfMissing)?;
        let now = crate::clock::now();
        store.file()?.execute(
            "INSERT INTO replica (id, server, revision, joined_at, synced_at) VALUES (1, ?1, 0, ?2, ?2)",
            rusqlite::params![without_password(url), now],
        )?;
        pull(&mut store, &server)?
    };
    let io = |source| StoreError::Io {
        path: path.to_owned(),
        source,
    };
    let head = super::head::path_for(&joining);
    if head.exists() {
        std::fs::rename(&head, super::head::path_for(path)).map_err(io)?;
    }
    std::fs::rename(&joining, path).map_err(io)?;
    let mut store = Store::open(path, OpenMode::MustExist)?;
    if let Some(password) = password {
        store.set_password(password)?;
    }
    if let Some(office) = store.office.as_mut() {
        office.server = Some(server);
    }
    Ok((store, pulled))
}

/// `FILE.sqlite` → `FILE.sqlite.<suffix>`.
fn sibling(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".");
    name.push(suffix);
    path.with_file_name(name)
}

/// The server a file follows, as it was joined (no password), or `None` for local books.
pub fn server_of(file: &rusqlite::Connection) -> Result<Option<String>, StoreError> {
    use rusqlite::OptionalExtension;
    Ok(file
        .query_row("SELECT server FROM replica WHERE id = 1", [], |r| r.get(0))
        .optional()?)
}

/// The revision and last contact the replica holds.
pub fn state(file: &rusqlite::Connection) -> Result<(i64, String), StoreError> {
    Ok(file.query_row(
        "SELECT revision, synced_at FROM replica WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Pulls every change since the replica's revision from `server`.
pub fn pull(store: &mut Store, server: &Connection) -> Result<Pulled, StoreError> {
    let (since, _) = state(store.file()?)?;
    let tables = tables(store.file()?)?;
    let (head, mut changes) = read_changes(server, &tables, since)?;
    changes.sort_by_key(|c| c.revision);
    let file = store.conn.sqlite_mut("applying the office's changes")?;
    let pulled = apply(file, &tables, &changes, head)?;
    store.keep_head();
    Ok(pulled)
}

/// A table of the replica: its columns in order, and its primary key's.
struct Table {
    name: String,
    columns: Vec<String>,
    key: Vec<String>,
}

enum What {
    Row(Vec<Value>),
    Gone(Vec<Value>),
}

struct Change {
    revision: i64,
    table: usize,
    what: What,
}

/// The tables the replica shares with the server: all of the file's but its own state.
fn tables(file: &rusqlite::Connection) -> Result<Vec<Table>, StoreError> {
    let names: Vec<String> = file
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
             AND name <> 'replica' ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    names
        .into_iter()
        .map(|name| {
            let mut columns = Vec::new();
            let mut key: Vec<(i64, String)> = Vec::new();
            let mut info =
                file.prepare("SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid")?;
            let mut rows = info.query([&name])?;
            while let Some(row) = rows.next()? {
                let column: String = row.get(0)?;
                let pk: i64 = row.get(1)?;
                if pk > 0 {
                    key.push((pk, column.clone()));
                }
                columns.push(column);
            }
            key.sort();
            Ok(Table {
                name,
                columns,
                key: key.into_iter().map(|(_, c)| c).collect(),
            })
        })
        .collect()
}

/// Every row and tombstone above `since`, read in one snapshot; and the snapshot's head.
fn read_changes(
    server: &Connection,
    tables: &[Table],
    since: i64,
) -> Result<(i64, Vec<Change>), StoreError> {
    server.execute_batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
    let read = || -> Result<(i64, Vec<Change>), sql::Error> {
        let head: i64 =
            server.query_row("SELECT revision FROM konbit_feed WHERE id = 1", [], |r| {
                r.get(0)
            })?;
        let mut changes = Vec::new();
        if head == since {
            return Ok((head, changes));
        }
        // Only what this login may read reaches its replica; row-level security filters the rest.
        let readable: Vec<String> = server
            .prepare(
                "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = current_schema() AND c.relkind = 'r' AND has_table_privilege(c.oid, 'SELECT')",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<sql::Result<_>>()?;
        for (index, table) in tables.iter().enumerate() {
            if !readable.contains(&table.name) {
                continue;
            }
            let sql = format!(
                "SELECT revision, {} FROM {} WHERE revision > ?1 AND revision <= ?2",
                table.columns.join(", "),
                table.name
            );
            let width = table.columns.len();
            let mut stmt = server.prepare(&sql)?;
            let rows = stmt.query_map(sql::params![since, head], |r| {
                let revision: i64 = r.get(0)?;
                let values = (1..=width)
                    .map(|i| r.get::<_, Value>(i))
                    .collect::<sql::Result<_>>()?;
                Ok((revision, values))
            })?;
            for row in rows {
                let (revision, values) = row?;
                changes.push(Change {
                    revision,
                    table: index,
                    what: What::Row(values),
                });
            }
        }
        let by_name: HashMap<&str, usize> = tables
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.as_str(), i))
            .collect();
        let mut stmt = server.prepare(
            "SELECT revision, table_name, row_key::text FROM konbit_tombstones WHERE revision > ?1 AND revision <= ?2",
        )?;
        let gone = stmt.query_map(sql::params![since, head], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in gone {
            let (revision, table_name, key) = row?;
            // A table this replica does not hold (a newer server's) is not this replica's.
            let Some(&index) = by_name
                .get(table_name.as_str())
                .filter(|_| readable.contains(&table_name))
            else {
                continue;
            };
            let key = key_values(&tables[index], &key)?;
            changes.push(Change {
                revision,
                table: index,
                what: What::Gone(key),
            });
        }
        Ok((head, changes))
    };
    let result = read();
    let _ = server.execute_batch("COMMIT");
    Ok(result?)
}

/// A tombstone's key (`{"id": 12}`) as the values of the table's key columns, in order.
fn key_values(table: &Table, key: &str) -> Result<Vec<Value>, sql::Error> {
    let json: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(key).map_err(|e| sql::Error::Conversion {
            index: 0,
            detail: format!("a tombstone of {} has no readable key ({e})", table.name),
        })?;
    Ok(table
        .key
        .iter()
        .map(|column| match json.get(column) {
            Some(serde_json::Value::Number(n)) => n
                .as_i64()
                .map(Value::Integer)
                .unwrap_or_else(|| Value::Real(n.as_f64().unwrap_or_default())),
            Some(serde_json::Value::String(s)) => Value::Text(s.clone()),
            _ => Value::Null,
        })
        .collect())
}

/// The changes in one transaction of the file, then its new revision.
fn apply(
    file: &mut rusqlite::Connection,
    tables: &[Table],
    changes: &[Change],
    head: i64,
) -> Result<Pulled, StoreError> {
    let tx = file.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    tx.pragma_update(None, "defer_foreign_keys", true)?;
    let upserts: Vec<String> = tables.iter().map(upsert_sql).collect();
    let deletes: Vec<String> = tables.iter().map(delete_sql).collect();
    let mut pulled = Pulled {
        revision: head,
        ..Pulled::default()
    };
    for change in changes {
        match &change.what {
            What::Row(values) => {
                tx.prepare_cached(&upserts[change.table])?
                    .execute(rusqlite::params_from_iter(values))?;
                pulled.changed += 1;
            }
            What::Gone(key) => {
                tx.prepare_cached(&deletes[change.table])?
                    .execute(rusqlite::params_from_iter(key))?;
                pulled.deleted += 1;
            }
        }
    }
    tx.execute(
        "UPDATE replica SET revision = ?1, synced_at = ?2 WHERE id = 1",
        rusqlite::params![head, crate::clock::now()],
    )?;
    tx.commit()?;
    Ok(pulled)
}

fn upsert_sql(t: &Table) -> String {
    let placeholders: Vec<String> = (1..=t.columns.len()).map(|i| format!("?{i}")).collect();
    let others: Vec<String> = t
        .columns
        .iter()
        .filter(|c| !t.key.contains(c))
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    let on_conflict = if others.is_empty() {
        "DO NOTHING".to_owned()
    } else {
        format!("DO UPDATE SET {}", others.join(", "))
    };
    format!(
        "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT ({}) {on_conflict}",
        t.name,
        t.columns.join(", "),
        placeholders.join(", "),
        t.key.join(", ")
    )
}

fn delete_sql(t: &Table) -> String {
    let matches: Vec<String> = t
        .key
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 1))
        .collect();
    format!("DELETE FROM {} WHERE {}", t.name, matches.join(" AND "))
}

/// The URL as kept in the replica: without its password, which stays with the person.
fn without_password(url: &str) -> String {
    match url.parse::<postgres::Config>() {
        Ok(config) if config.get_password().is_some() => {
            let mut parts = Vec::new();
            if let Some(user) = config.get_user() {
                parts.push(format!("user={user}"));
            }
            for host in config.get_hosts() {
                if let postgres::config::Host::Tcp(name) = host {
                    parts.push(format!("host={name}"));
                }
            }
            if let Some(port) = config.get_ports().first() {
                parts.push(format!("port={port}"));
            }
            if let Some(db) = config.get_dbname() {
                parts.push(format!("dbname={db}"));
            }
            parts.join(" ")
        }
        _ => url.to_owned(),
    }
}
