use super::postgres::dollar_placeholders;
use super::*;

fn memory() -> Connection {
    Connection::from(rusqlite::Connection::open_in_memory().unwrap())
}

#[test]
fn placeholders_become_dollars_outside_quotes_and_comments() {
    let check = |sql: &str, expect: &str| assert_eq!(dollar_placeholders(sql), expect, "{sql}");
    check(
        "SELECT * FROM t WHERE a = ?1 AND b = ?2 OR c = ?1",
        "SELECT * FROM t WHERE a = $1 AND b = $2 OR c = $1",
    );
    check("VALUES (?, ?, ?)", "VALUES ($1, $2, $3)");
    check("VALUES (?2, ?)", "VALUES ($2, $3)");
    check(
        "SELECT 'où ?1' || \"col?\" FROM t -- pourquoi ?\nWHERE x = ?1",
        "SELECT 'où ?1' || \"col?\" FROM t -- pourquoi ?\nWHERE x = $1",
    );
    check("SELECT ?10, ?9", "SELECT $10, $9");
}

#[test]
fn no_row_is_none_and_other_errors_stay_errors() {
    let conn = memory();
    conn.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)")
        .unwrap();
    let found: Option<String> = conn
        .query_row("SELECT name FROM t WHERE id = ?1", [1], |r| r.get(0))
        .optional()
        .unwrap();
    assert_eq!(found, None);
    let id: i64 = conn
        .query_row(
            "INSERT INTO t (name) VALUES (?1) RETURNING id",
            ["Coop Vélo"],
            |r| r.get(0),
        )
        .unwrap();
    let again = conn.execute("INSERT INTO t (name) VALUES (?1)", params!["Coop Vélo"]);
    assert!(again.unwrap_err().is_constraint());
    let bad = conn.query_row("SELECT nothing FROM t", [], |r| r.get::<_, i64>(0));
    assert!(matches!(bad, Err(Error::Sqlite(_))), "{bad:?}");
    assert_eq!(id, 1);
}

#[test]
fn a_failed_transaction_keeps_nothing() {
    let conn = memory();
    conn.execute_batch("CREATE TABLE t (n INTEGER NOT NULL CHECK (n > 0))")
        .unwrap();
    let failed: Result<()> = conn.transaction(|tx| {
        tx.execute("INSERT INTO t VALUES (?1)", [1])?;
        tx.execute("INSERT INTO t VALUES (?1)", [-1])?;
        Ok(())
    });
    assert!(failed.unwrap_err().is_constraint());
    let kept: i64 = conn
        .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, 0);
    conn.transaction(|tx| tx.execute("INSERT INTO t VALUES (?1)", [2]))
        .unwrap();
    let kept: i64 = conn
        .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, 1);
}

#[test]
fn rows_are_read_by_position_or_by_name_and_lists_are_bound_in_order() {
    let conn = memory();
    let mut stmt = conn
        .prepare("SELECT value AS n, value * 2 AS twice FROM json_each(?1) WHERE value IN (?2, ?3)")
        .unwrap();
    let rows: Vec<(i64, i64)> = stmt
        .query_map(
            params_from_iter([
                Value::Text("[1,2,3]".into()),
                Value::Integer(2),
                Value::Integer(3),
            ]),
            |r| Ok((r.get("n")?, r.get(1)?)),
        )
        .unwrap()
        .collect::<Result<_>>()
        .unwrap();
    assert_eq!(rows, vec![(2, 4), (3, 6)]);
}

#[test]
fn file_operations_name_themselves_on_a_server() {
    let err = Error::LocalOnly { what: "a backup" };
    assert_eq!(
        err.to_string(),
        "a backup works only on a file on this computer, not on the office's server"
    );
}
