//! The office's books on PostgreSQL: connecting as a person's login, and the server's own
//! numbered migrations (`NNNN_*.sql` here), which `konbit office init` applies to an empty
//! database. `konbit_schema` records each one applied; it is also how a database is known to
//! be Konbit's.
//!
//! **Invariant:** a database that holds anything but Konbit's books is refused before anything
//! is written to it, and so is one whose schema is newer than this program.

use super::sql::{Connection, OptionalExtension, Server};
use super::StoreError;

/// The server's migrations, applied in order, each in one transaction.
const MIGRATIONS: &[&str] = &[
    include_str!("0001_books.sql"),
    include_str!("0002_rules.sql"),
    include_str!("0003_feed.sql"),
    include_str!("0004_sqlite_functions.sql"),
    include_str!("0005_people.sql"),
];

/// The server schema this program writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// What `init` found and did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Initialised {
    /// An empty database, now holding Konbit's schema.
    Created,
    /// Konbit's books already, migrated from this version if it was older.
    Existing { from: u32 },
}

/// Connects to the office's database at `url` (libpq's URL or key=value form).
pub fn connect(url: &str) -> Result<Connection, StoreError> {
    connect_as(url, None)
}

/// Connects with the password the person typed (else the URL's, else `PGPASSWORD`).
pub fn connect_as(url: &str, password: Option<&str>) -> Result<Connection, StoreError> {
    Server::connect_as(url, password)
        .map(Connection::from)
        .map_err(|source| StoreError::Unreachable {
            server: shown(url),
            detail: source.to_string(),
        })
}

/// Connects, and checks that the database holds Konbit's books at this program's schema.
pub fn open(url: &str) -> Result<Connection, StoreError> {
    open_as(url, None)
}

/// [`open`] with the password the person typed.
pub fn open_as(url: &str, password: Option<&str>) -> Result<Connection, StoreError> {
    let conn = connect_as(url, password)?;
    match version(&conn)? {
        Some(v) if v == SCHEMA_VERSION => Ok(conn),
        Some(v) if v > SCHEMA_VERSION => Err(StoreError::ServerTooNew {
            server: shown(url),
            found: v,
            known: SCHEMA_VERSION,
        }),
        Some(v) => Err(StoreError::ServerOlder {
            server: shown(url),
            found: v,
        }),
        None => Err(StoreError::ServerNotKonbit { server: shown(url) }),
    }
}

/// Creates Konbit's schema in an empty database, or migrates Konbit's books to this program's
/// schema. Anything else in it is refused, untouched.
pub fn init(url: &str) -> Result<(Connection, Initialised), StoreError> {
    let conn = connect(url)?;
    let found = version(&conn)?;
    if let Some(v) = found {
        if v > SCHEMA_VERSION {
            return Err(StoreError::ServerTooNew {
                server: shown(url),
                found: v,
                known: SCHEMA_VERSION,
            });
        }
    } else {
        let tables = other_tables(&conn)?;
        if !tables.is_empty() {
            return Err(StoreError::ServerNotEmpty {
                server: shown(url),
                tables,
            });
        }
        conn.execute_batch(
            "CREATE TABLE konbit_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
        )?;
    }
    let from = found.unwrap_or(0);
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        let version = index as u32 + 1;
        // One transaction per migration: a failed one leaves the schema as the previous one.
        let batch = format!(
            "BEGIN;\n{sql}\n;INSERT INTO konbit_schema (version) VALUES ({version});\nCOMMIT;"
        );
        if let Err(source) = conn.execute_batch(&batch) {
            let _ = conn.execute_batch("ROLLBACK");
            return Err(StoreError::Migration { version, source });
        }
    }
    let outcome = match found {
        None => Initialised::Created,
        Some(from) => Initialised::Existing { from },
    };
    Ok((conn, outcome))
}

/// The four roles of the office's books.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Their own hours and timer; the reference lists and reports, without other people's wages.
    Worker,
    /// Every book but the legal committee's; the cases that are not restricted, read only.
    Finance,
    /// The legal cases, restricted ones included (still sealed by the committee's passphrase).
    Legal,
    /// Everything, and the people.
    Admin,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Worker => "worker",
            Role::Finance => "finance",
            Role::Legal => "legal",
            Role::Admin => "admin",
        }
    }
}

/// Gives a person a login on the books, in `role`; a worker's login is tied to their worker.
pub fn add_person(
    conn: &Connection,
    name: &str,
    login: &str,
    role: Role,
    worker_id: Option<i64>,
    password: &str,
) -> Result<(), crate::error::Error> {
    ensure_login_free(conn, login)?;
    conn.query_row(
        "SELECT konbit_add_person(?1, ?2, ?3, ?4, ?5)::text",
        super::sql::params![login, name, role.code(), worker_id, password],
        |_| Ok(()),
    )?;
    Ok(())
}

/// Refuses a login someone holds already: asked before the password is, and again when adding.
pub fn ensure_login_free(conn: &Connection, login: &str) -> Result<(), crate::error::Error> {
    // A login is the cluster's: another database's person may hold it already.
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?1) OR EXISTS (SELECT 1 FROM konbit_people WHERE login = ?1)",
        [login],
        |r| r.get(0),
    )?;
    if taken {
        return Err(crate::error::Invalid::new(
            "login",
            crate::error::Problem::Taken {
                value: login.to_owned(),
            },
        )
        .into());
    }
    Ok(())
}

/// Writes a backup of the books at `url` to `dest` with PostgreSQL's own `pg_dump` (custom
/// format: `pg_restore --dbname URL FILE` puts it back, into a database of the same name, as the
/// roles are named after it). Written beside `dest` and renamed once whole. The login needs to
/// read every table: an administrator's.
pub fn dump(url: &str, dest: &std::path::Path) -> Result<(), StoreError> {
    let tool = ["/usr/lib/postgresql/15/bin/pg_dump", "pg_dump"]
        .into_iter()
        .find(|t| !t.starts_with('/') || std::path::Path::new(t).exists())
        .unwrap_or("pg_dump");
    let mut partial = dest.as_os_str().to_owned();
    partial.push(".partial");
    let partial = std::path::PathBuf::from(partial);
    let io = |source| StoreError::Io {
        path: dest.to_owned(),
        source,
    };
    let out = std::process::Command::new(tool)
        .args(["--format=custom", "--no-password", "--file"])
        .arg(&partial)
        .arg(format!("--dbname={url}"))
        .output()
        .map_err(io)?;
    if !out.status.success() {
        let _ = std::fs::remove_file(&partial);
        let said = String::from_utf8_lossy(&out.stderr).trim().to_owned();
        return Err(io(std::io::Error::other(said)));
    }
    std::fs::rename(&partial, dest).map_err(io)
}

/// The last migration applied, or `None` when the database has no `konbit_schema`.
fn version(conn: &Connection) -> Result<Option<u32>, StoreError> {
    let known: Option<String> = conn
        .query_row("SELECT to_regclass('konbit_schema')::text", [], |r| {
            r.get(0)
        })
        .optional()?
        .flatten();
    if known.is_none() {
        return Ok(None);
    }
    let v: Option<i64> =
        conn.query_row("SELECT max(version) FROM konbit_schema", [], |r| r.get(0))?;
    Ok(Some(v.and_then(|v| u32::try_from(v).ok()).unwrap_or(0)))
}

/// The tables, views and sequences already in the schema Konbit would write to.
fn other_tables(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'm', 'S', 'p', 'f')
         ORDER BY 1 LIMIT 5",
    )?;
    let names = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(names)
}

/// The server as a message may name it: the URL without its password.
pub fn shown(url: &str) -> String {
    match url.parse::<postgres::Config>() {
        Ok(config) => {
            let host = config
                .get_hosts()
                .first()
                .map(|h| match h {
                    postgres::config::Host::Tcp(name) => name.clone(),
                    postgres::config::Host::Unix(path) => path.display().to_string(),
                })
                .unwrap_or_else(|| "localhost".into());
            let port = config.get_ports().first().copied().unwrap_or(5432);
            let user = config.get_user().unwrap_or("");
            let db = config.get_dbname().unwrap_or(user);
            format!("{user}@{host}:{port}/{db}")
        }
        Err(_) => "the office's server".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_is_named_without_its_password() {
        assert_eq!(
            shown("postgresql://finance:secret@10.0.0.5:5433/livres"),
            "finance@10.0.0.5:5433/livres"
        );
        assert_eq!(
            shown("host=bureau user=amelie password=x dbname=konbit"),
            "amelie@bureau:5432/konbit"
        );
        assert_eq!(shown("pas une adresse ::"), "the office's server");
    }
}
