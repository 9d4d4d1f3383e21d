//! The audit log: every change to money and legal records — what, when, who, the record as it
//! became — in a hash chain: each row carries the SHA-256 of the one before, so that a row
//! removed, changed or inserted behind Konbit's back breaks the chain. `konbit check` walks the
//! chain, and compares each audited record as it is now with the state the log last recorded for
//! it, so an edit that bypassed Konbit is reported too.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::clock;
use crate::error::{Error, Result};

/// The program writing: `konbit-app` for the window, `konbit` for the command line.
fn program() -> String {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_default()
}

/// Says who is at the keyboard on this connection, for the changes it writes from now on: the
/// person chosen in "Je suis" (the office laptop is shared, and the operating system's user is
/// the laptop's, not the person's). `None` forgets it. Kept in a temporary table, which lives
/// and dies with the connection: another database opened starts with nobody.
pub fn set_actor(conn: &Connection, person: Option<&str>) -> Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS audit_actor (name TEXT NOT NULL); DELETE FROM temp.audit_actor;",
    )?;
    if let Some(name) = person {
        conn.execute(
            "INSERT INTO temp.audit_actor (name) VALUES (?1)",
            [format!("{name} ({})", program())],
        )?;
    }
    Ok(())
}

/// Who made the change: the person set by [`set_actor`], else the operating system's user (the
/// command line, or nobody chose a name yet), with the program either way.
fn actor(conn: &Connection) -> Result<String> {
    let declared: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_temp_master WHERE name = 'audit_actor'",
        [],
        |r| r.get(0),
    )?;
    let person: Option<String> = if declared {
        conn.query_row("SELECT name FROM temp.audit_actor LIMIT 1", [], |r| {
            r.get(0)
        })
        .optional()?
    } else {
        None
    };
    Ok(person.unwrap_or_else(|| {
        let user = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "?".into());
        format!("{user} ({})", program())
    }))
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
    let hash = chain(&previous, &at, &actor, entity, id, action, &data);
    conn.execute(
        "INSERT INTO audit_log (at, actor, entity, entity_id, action, data, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![at, actor, entity, id, action, data, previous, hash],
    )?;
    Ok(())
}

fn chain(
    previous: &str,
    at: &str,
    actor: &str,
    entity: &str,
    id: i64,
    action: &str,
    data: &str,
) -> String {
    let mut hasher = Sha256::new();
    for part in [previous, at, actor, entity, &id.to_string(), action, data] {
        hasher.update(part.as_bytes());
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
    let mut stmt = conn.prepare("SELECT id, at, actor, entity, entity_id, action, data, prev_hash, hash FROM audit_log ORDER BY id")?;
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
        ))
    })?;
    for row in rows {
        let (id, at, actor, entity, entity_id, action, data, prev_hash, hash) = row?;
        if prev_hash != previous {
            problems.push(format!("audit log row {id} does not follow the row before it: a row was removed or inserted outside Konbit"));
        }
        if chain(&prev_hash, &at, &actor, &entity, entity_id, &action, &data) != hash {
            problems.push(format!(
                "audit log row {id} ({entity} {entity_id}, {action}) was changed outside Konbit"
            ));
        }
        previous = hash;
    }
    Ok(problems)
}

/// The state the log last recorded for each record of `entity`: (id, JSON, or "null" once
/// deleted).
pub fn last_states(conn: &Connection, entity: &str) -> Result<Vec<(i64, String)>> {
    let rows = conn
        .prepare(
            "SELECT entity_id, data FROM audit_log a WHERE entity = ?1 AND id = (SELECT max(id) FROM audit_log b WHERE b.entity = a.entity AND b.entity_id = a.entity_id)
             ORDER BY entity_id",
        )?
        .query_map([entity], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Records audited this way whose current state differs from what the log last recorded: an
/// edit made behind Konbit's back. `current` reads a record as the services serialize it.
pub fn drift(
    conn: &Connection,
    entity: &str,
    current: impl Fn(i64) -> Result<Option<String>>,
) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for (id, logged) in last_states(conn, entity)? {
        let now = current(id)?.unwrap_or_else(|| "null".into());
        if now != logged {
            problems.push(format!("{entity} {id} differs from what the audit log last recorded for it: it was changed outside Konbit"));
        }
    }
    Ok(problems)
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
}
