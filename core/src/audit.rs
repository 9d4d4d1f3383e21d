//! The audit log: every change to money and legal records — what, when, who, the record as it
//! became — in a hash chain: each row carries the SHA-256 of the one before, so that a row
//! removed, changed or inserted behind Konbit's back breaks the chain. `konbit check` walks the
//! chain, and compares each audited record as it is now with the state the log last recorded for
//! it, so an edit that bypassed Konbit is reported too.

use std::path::Path;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::clock;
use crate::error::{Error, Result};
use crate::store::head::{self, Head};
use crate::store::sql::{params, Connection, OptionalExtension};

/// The program writing: `konbit-app` for the window, `konbit` for the command line.
fn program() -> String {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_default()
}

/// Says who is at the keyboard on this connection, for the changes it writes from now on: the
/// person chosen in "Je suis" (the office laptop is shared, and the operating system's user is
/// the laptop's, not the person's). `None` forgets it. Kept by the connection, so another
/// database opened starts with nobody.
pub fn set_actor(conn: &Connection, person: Option<&str>) -> Result<()> {
    conn.set_actor(person.map(|name| format!("{name} ({})", program())));
    Ok(())
}

/// Who made the change: the person set by [`set_actor`], else the operating system's user (the
/// command line, or nobody chose a name yet), with the program either way. On the office's
/// server, the login the server authenticated is said too: it is the one a person cannot choose.
fn actor(conn: &Connection) -> Result<String> {
    let named = conn.actor().unwrap_or_else(|| {
        let user = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "?".into());
        format!("{user} ({})", program())
    });
    if !conn.is_server() {
        return Ok(named);
    }
    let login: String = conn.query_row("SELECT current_user::text", [], |r| r.get(0))?;
    Ok(format!("{named}, login {login}"))
}

/// Appends one change: `entity` and `id` name the record, `action` what happened to it, `state`
/// the record as it is after the change (`None` once deleted).
pub fn record(
    conn: &Connection,
    entity: &str,
    id: i64,
    action: &str,
    state: Option<&impl Serialize>,
) -> Result<()> {
    let data = match state {
        Some(value) => serde_json::to_string(value).map_err(|e| {
            Error::internal(format_args!(
                "the audit log could not record {entity} {id}: {e}"
            ))
        })?,
        None => "null".into(),
    };
    let previous: String = conn
        .query_row(
            "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_default();
    let (at, actor) = (clock::now(), actor(conn)?);
    let format = i64::from(crate::store::SCHEMA_VERSION);
    let hash = chain(&previous, &at, &actor, entity, id, action, &data, format);
    conn.execute(
        "INSERT INTO audit_log (at, actor, entity, entity_id, action, data, prev_hash, hash, format) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![at, actor, entity, id, action, data, previous, hash, format],
    )?;
    Ok(())
}

/// The row's hash: of the row before and every field, and from format 23 on (`0023`) of the
/// format too, so that an older record cannot be passed off as a newer one, compared whole.
#[allow(clippy::too_many_arguments)]
fn chain(
    previous: &str,
    at: &str,
    actor: &str,
    entity: &str,
    id: i64,
    action: &str,
    data: &str,
    format: i64,
) -> String {
    let mut hasher = Sha256::new();
    for part in [previous, at, actor, entity, &id.to_string(), action, data] {
        hasher.update(part.as_bytes());
        hasher.update([0x1f]);
    }
    if format > 1 {
        hasher.update(format.to_string().as_bytes());
        hasher.update([0x1f]);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What is wrong with the chain, one sentence per problem; empty when it is whole.
pub fn verify(conn: &Connection) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let mut previous = String::new();
    let mut stmt = conn.prepare("SELECT id, at, actor, entity, entity_id, action, data, prev_hash, hash, format FROM audit_log ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, String>(8)?,
            r.get::<_, i64>(9)?,
        ))
    })?;
    for row in rows {
        let (id, at, actor, entity, entity_id, action, data, prev_hash, hash, format) = row?;
        if prev_hash != previous {
            problems.push(format!("audit log row {id} does not follow the row before it: a row was removed or inserted outside Konbit"));
        }
        if chain(
            &prev_hash, &at, &actor, &entity, entity_id, &action, &data, format,
        ) != hash
        {
            problems.push(format!(
                "audit log row {id} ({entity} {entity_id}, {action}) was changed outside Konbit"
            ));
        }
        previous = hash;
    }
    Ok(problems)
}

/// What `konbit check` says of the heads kept outside the database: the log's last row, and
/// the problems found comparing it with the head kept beside the file and those kept beside
/// each backup.
#[derive(Debug, Default)]
pub struct Heads {
    /// The log's last row, as the database has it.
    pub last: Option<Head>,
    /// Whether a head was kept beside the file (a database copied without it has none: a
    /// rewritten or cut tail then shows only against the backups' heads).
    pub kept: bool,
    pub problems: Vec<String>,
}

/// Compares the log of the database at `db` with the head kept beside it and beside each of its
/// backups: a kept head whose row is gone means the log's end was cut off; one whose row has
/// another hash means the log was rewritten from that row or before.
pub fn verify_heads(conn: &Connection, db: &Path) -> Result<Heads> {
    let last = head::last(conn)?;
    let mut heads = Heads {
        last: last.clone(),
        ..Heads::default()
    };
    let end = last.as_ref().map_or(0, |h| h.id);
    if let Some(kept) = head::read(db)? {
        heads.kept = true;
        if let Some(problem) = departs(conn, &kept, end, "the head kept beside the file")? {
            heads.problems.push(problem);
        }
    }
    for (day, backup) in crate::backup::list(db)? {
        if let Some(kept) = head::read(&backup)? {
            let whose = format!("the backup of {day}");
            if let Some(problem) = departs(conn, &kept, end, &whose)? {
                heads.problems.push(problem);
            }
        }
    }
    Ok(heads)
}

/// The sentence for a kept head the log no longer holds, if it does not.
fn departs(conn: &Connection, kept: &Head, end: i64, whose: &str) -> Result<Option<String>> {
    if head::holds(conn, kept)? {
        return Ok(None);
    }
    Ok(Some(if end < kept.id {
        format!(
            "the audit log ends at row {end}, but {whose} names row {}: rows were removed from its end outside Konbit",
            kept.id
        )
    } else {
        format!(
            "row {} of the audit log no longer has the hash {whose} names: the log was rewritten from that row or before, outside Konbit",
            kept.id
        )
    }))
}

/// The state the log last recorded for each record of `entity`: (id, JSON, or "null" once
/// deleted, and the format it was written in).
pub fn last_states(conn: &Connection, entity: &str) -> Result<Vec<(i64, String, i64)>> {
    let rows = conn
        .prepare(
            "SELECT entity_id, data, format FROM audit_log a WHERE entity = ?1 AND id = (SELECT max(id) FROM audit_log b WHERE b.entity = a.entity AND b.entity_id = a.entity_id)
             ORDER BY entity_id",
        )?
        .query_map([entity], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<crate::store::sql::Result<_>>()?;
    Ok(rows)
}

/// Records audited this way whose current state differs from what the log last recorded: an
/// edit made behind Konbit's back. `current` reads a record as the services serialize it. A
/// record of this version is compared whole; one of an older version on the fields it had,
/// for the fields added since were never recorded.
pub fn drift(
    conn: &Connection,
    entity: &str,
    current: impl Fn(i64) -> Result<Option<String>>,
) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let this_version = i64::from(crate::store::SCHEMA_VERSION);
    for (id, logged, format) in last_states(conn, entity)? {
        let now = current(id)?.unwrap_or_else(|| "null".into());
        let same = if format >= this_version {
            now == logged
        } else {
            match (
                serde_json::from_str::<serde_json::Value>(&logged),
                serde_json::from_str::<serde_json::Value>(&now),
            ) {
                (Ok(logged), Ok(now)) => had(&logged, &now),
                _ => now == logged,
            }
        };
        if !same {
            problems.push(format!("{entity} {id} differs from what the audit log last recorded for it: it was changed outside Konbit"));
        }
    }
    Ok(problems)
}

/// Whether `now` has every field `logged` has, with the same value: objects field by field
/// (a field only `now` has is one added since), lists element by element.
fn had(logged: &serde_json::Value, now: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (logged, now) {
        (Value::Object(old), Value::Object(new)) => old
            .iter()
            .all(|(key, value)| new.get(key).is_some_and(|n| had(value, n))),
        (Value::Array(old), Value::Array(new)) => {
            old.len() == new.len() && old.iter().zip(new).all(|(o, n)| had(o, n))
        }
        _ => logged == now,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// The person chosen in "Je suis" signs the changes; once forgotten, the system's user does.
    #[test]
    fn the_person_at_the_keyboard_signs_the_changes() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let actors = |conn: &Connection| -> Vec<String> {
            conn.prepare("SELECT actor FROM audit_log ORDER BY id")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect()
        };
        let state = serde_json::json!({ "amount_cents": 100 });
        record(conn, "payment", 1, "record", Some(&state)).unwrap();
        set_actor(conn, Some("Maude Tremblay")).unwrap();
        record(conn, "payment", 2, "record", Some(&state)).unwrap();
        set_actor(conn, Some("Omar Benali")).unwrap();
        record(conn, "payment", 3, "record", Some(&state)).unwrap();
        set_actor(conn, None).unwrap();
        record(conn, "payment", 4, "record", Some(&state)).unwrap();
        let signed = actors(conn);
        assert!(signed[1].starts_with("Maude Tremblay ("), "{signed:?}");
        assert!(signed[2].starts_with("Omar Benali ("), "{signed:?}");
        assert_eq!(signed[0], signed[3], "nobody chosen: the system's user");
        assert!(!signed[0].contains("Omar"));
        assert!(verify(conn).unwrap().is_empty());
    }

    #[test]
    fn the_chain_reports_a_row_changed_or_removed_behind_konbits_back() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        for (id, amount) in [(1, 100), (2, 250), (3, 75)] {
            record(
                conn,
                "payment",
                id,
                "record",
                Some(&serde_json::json!({ "amount_cents": amount })),
            )
            .unwrap();
        }
        assert!(verify(conn).unwrap().is_empty());
        // The log refuses changes through SQL; with the triggers dropped, the chain still tells.
        assert!(conn
            .execute("UPDATE audit_log SET data = '{}' WHERE id = 2", [])
            .is_err());
        conn.execute_batch(
            "DROP TRIGGER audit_log_frozen_update; DROP TRIGGER audit_log_frozen_delete;",
        )
        .unwrap();
        conn.execute(
            "UPDATE audit_log SET data = '{\"amount_cents\":25}' WHERE id = 2",
            [],
        )
        .unwrap();
        let problems = verify(conn).unwrap();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("row 2 (payment 2, record) was changed outside Konbit"));
        conn.execute("DELETE FROM audit_log WHERE id = 2", [])
            .unwrap();
        assert!(verify(conn)
            .unwrap()
            .iter()
            .any(|p| p.contains("row 3 does not follow")));
    }

    /// The log's tail cut off, or rewritten with its chain recomputed, passes the chain inside
    /// the database; the head kept beside the file, and the one kept beside a backup made
    /// before, tell both.
    #[test]
    fn a_cut_or_rewritten_tail_is_told_by_the_heads_kept_outside() {
        use crate::store::OpenMode;
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("konbit.sqlite");
        let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
        for (id, amount) in [(1, 100), (2, 250), (3, 75)] {
            store
                .write(|tx| {
                    record(
                        tx,
                        "payment",
                        id,
                        "record",
                        Some(&serde_json::json!({ "amount_cents": amount })),
                    )
                })
                .unwrap();
        }
        let backups = crate::backup::folder(&db);
        std::fs::create_dir_all(&backups).unwrap();
        store
            .backup_to(&backups.join("konbit-2013-06-01.sqlite"))
            .unwrap();
        store
            .write(|tx| record(tx, "payment", 4, "record", Some(&serde_json::json!({}))))
            .unwrap();
        let heads = verify_heads(store.conn(), &db).unwrap();
        assert!(heads.kept && heads.problems.is_empty(), "{heads:?}");
        assert_eq!(heads.last.as_ref().map(|h| h.id), Some(4));

        // The last row removed behind Konbit's back: the chain is whole, the head is not.
        let conn = store.conn();
        conn.execute_batch(
            "DROP TRIGGER audit_log_frozen_update; DROP TRIGGER audit_log_frozen_delete;
             DELETE FROM audit_log WHERE id = 4;",
        )
        .unwrap();
        assert!(
            verify(conn).unwrap().is_empty(),
            "the chain alone sees nothing"
        );
        let cut = verify_heads(conn, &db).unwrap();
        assert_eq!(cut.problems.len(), 1, "{cut:?}");
        assert!(
            cut.problems[0].contains("ends at row 3")
                && cut.problems[0].contains("removed from its end")
        );

        // Row 3 rewritten and its hash recomputed: the backup's head names it with the old hash.
        let (prev, at, actor): (String, String, String) = conn
            .query_row(
                "SELECT prev_hash, at, actor FROM audit_log WHERE id = 3",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        let data = "{\"amount_cents\":7500}";
        let forged = chain(&prev, &at, &actor, "payment", 3, "record", data, 1);
        conn.execute(
            "UPDATE audit_log SET data = ?1, hash = ?2, format = 1 WHERE id = 3",
            params![data, forged],
        )
        .unwrap();
        assert!(verify(conn).unwrap().is_empty(), "the chain was recomputed");
        let rewritten = verify_heads(conn, &db).unwrap();
        assert!(
            rewritten
                .problems
                .iter()
                .any(|p| p.contains("the backup of 2013-06-01")
                    && p.contains("row 3")
                    && p.contains("rewritten")),
            "{rewritten:?}"
        );
        // And the kept head is left as it was, for the check to keep telling.
        drop(store);
        let store = Store::open(&db, OpenMode::MustExist).unwrap();
        assert_eq!(head::read(&db).unwrap().map(|h| h.id), Some(4));
        assert!(!verify_heads(store.conn(), &db).unwrap().problems.is_empty());
    }

    /// A record written before a field was added to what it records reads as unchanged: only
    /// the fields it had are compared. One written by this version is compared whole.
    #[test]
    fn an_older_record_is_compared_on_the_fields_it_had() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        record(
            conn,
            "payment",
            1,
            "record",
            Some(&serde_json::json!({ "amount_cents": 100 })),
        )
        .unwrap();
        let grown = || Ok(Some(r#"{"amount_cents":100,"reverses":null}"#.to_owned()));
        assert_eq!(
            drift(conn, "payment", |_| grown()).unwrap().len(),
            1,
            "this version's record is compared whole"
        );
        conn.execute_batch(
            "DROP TRIGGER audit_log_frozen_update; UPDATE audit_log SET format = 1;",
        )
        .unwrap();
        assert!(
            drift(conn, "payment", |_| grown()).unwrap().is_empty(),
            "a field added since is not a change"
        );
        let changed = || Ok(Some(r#"{"amount_cents":90,"reverses":null}"#.to_owned()));
        assert_eq!(
            drift(conn, "payment", |_| changed()).unwrap().len(),
            1,
            "a field it had, changed, is"
        );
    }
}
