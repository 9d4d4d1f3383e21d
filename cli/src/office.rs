//! `konbit office …`: the office's shared books on PostgreSQL (ARCHITECTURE.md, "The office").
//! The server is named by a libpq URL, `postgresql://LOGIN@HOST:PORT/DATABASE`; the password
//! comes from the URL or `PGPASSWORD`, as with PostgreSQL's own tools, and is never kept in a
//! replica's file.

use std::path::Path;

use clap::Subcommand;

use konbit_core::error::{Error, Invalid, Problem, Result};
use konbit_core::store::replica::{self, Pulled};
use konbit_core::store::server::{self, Initialised, Role};
use konbit_core::store::{OpenMode, Store, StoreError};
use zeroize::Zeroizing;

#[derive(Debug, Subcommand)]
pub enum OfficeWhat {
    /// Create Konbit's schema, rules and change feed in an empty PostgreSQL database (or bring
    /// Konbit's books there to this version's schema).
    Init {
        /// The database, as a libpq URL: postgresql://LOGIN@HOST:PORT/DATABASE
        url: String,
        /// Load the demo organisation into the new books, through the same services as the app.
        #[arg(long)]
        demo: bool,
    },
    /// Give a person a login on the books at URL, in a role; the password is read from the
    /// standard input (one line), never from the command line.
    AddPerson {
        /// The database, as a libpq URL, with an administrator's login.
        url: String,
        /// The person's name, as the audit log will say it.
        #[arg(long)]
        name: String,
        /// The login they will type (PostgreSQL's role name).
        #[arg(long)]
        login: String,
        #[arg(long, value_parser = ["worker", "finance", "legal", "admin"])]
        role: String,
        /// The worker whose hours a worker login records, by name.
        #[arg(long)]
        worker: Option<String>,
        /// Read the password from the standard input.
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// Make the file named by --db (a new one) this computer's replica of the books at URL.
    Join {
        /// The database, as a libpq URL: postgresql://LOGIN@HOST:PORT/DATABASE
        url: String,
    },
    /// Bring this replica up to date with the office's server.
    Sync {
        #[arg(long)]
        json: bool,
    },
    /// A backup of the office's books (pg_dump's custom format), with this replica's login,
    /// which must read every table: an administrator's. `pg_restore --dbname URL FILE` puts it
    /// back into an empty database of the same name.
    Backup {
        #[arg(short = 'o', long)]
        output: std::path::PathBuf,
    },
    /// The server this replica follows, the revision it holds and when it last heard from it.
    Status {
        #[arg(long)]
        json: bool,
    },
}

/// `init` names its server only; the others work on the replica at `db`.
pub fn run(what: OfficeWhat, db: impl FnOnce() -> Result<std::path::PathBuf>) -> Result<()> {
    match what {
        OfficeWhat::Init { url, demo } => init(&url, demo),
        OfficeWhat::AddPerson {
            url,
            name,
            login,
            role,
            worker,
            password_stdin: _,
        } => add_person(&url, &name, &login, &role, worker.as_deref()),
        OfficeWhat::Join { url } => join(&db()?, &url),
        OfficeWhat::Sync { json } => {
            let mut store = replica_at(&db()?)?;
            let pulled = store.sync()?;
            print_pulled(&pulled, json);
            Ok(())
        }
        OfficeWhat::Status { json } => status(&db()?, json),
        OfficeWhat::Backup { output } => {
            let store = replica_at(&db()?)?;
            let server = store.office_server().unwrap_or_default();
            server::dump(server, &output)?;
            println!("the office's books are saved in {}", output.display());
            Ok(())
        }
    }
}

fn init(url: &str, demo: bool) -> Result<()> {
    let (conn, outcome) = server::init(url)?;
    let place = server::shown(url);
    match outcome {
        Initialised::Created => println!("the office's books are ready on {place}"),
        Initialised::Existing { from } if from == server::SCHEMA_VERSION => {
            println!("{place} already holds Konbit's books, at this version's schema")
        }
        Initialised::Existing { from } => println!(
            "{place} holds Konbit's books: brought from server schema {from} to {}",
            server::SCHEMA_VERSION
        ),
    }
    if demo {
        let s =
            conn.transaction(|tx| konbit_core::demo::create(tx, konbit_core::demo::DEFAULT_SEED))?;
        println!(
            "demo organisation created on {place}: {} members, {} workers, {} clients, {} projects, {} time entries, {} invoices",
            s.members, s.workers, s.clients, s.projects, s.time_entries, s.invoices
        );
    }
    Ok(())
}

fn add_person(url: &str, name: &str, login: &str, role: &str, worker: Option<&str>) -> Result<()> {
    let role = match role {
        "worker" => Role::Worker,
        "finance" => Role::Finance,
        "legal" => Role::Legal,
        _ => Role::Admin,
    };
    let conn = server::open(url)?;
    let worker_id = match worker {
        Some(name) => Some(konbit_core::organisation::worker::by_name(&conn, name)?),
        None if role == Role::Worker => {
            return Err(Invalid::new("worker", Problem::Required).into());
        }
        None => None,
    };
    server::ensure_login_free(&conn, login)?;
    let mut password = String::new();
    std::io::stdin()
        .read_line(&mut password)
        .map_err(|source| Error::Io {
            path: "stdin".into(),
            source,
        })?;
    let password = Zeroizing::new(password.trim_end_matches(['\r', '\n']).to_owned());
    if password.is_empty() {
        return Err(Invalid::new("password", Problem::Required).into());
    }
    conn.transaction(|tx| server::add_person(tx, name, login, role, worker_id, &password))?;
    println!("{name} can now open the books as {login} ({})", role.code());
    Ok(())
}

fn join(path: &Path, url: &str) -> Result<()> {
    let (_, pulled) = replica::join(path, url, None)?;
    println!(
        "{} is now this computer's copy of the office's books on {}: {} rows, revision {}",
        path.display(),
        server::shown(url),
        pulled.changed,
        pulled.revision
    );
    Ok(())
}

fn replica_at(path: &Path) -> Result<Store> {
    let store = Store::open(path, OpenMode::MustExist)?;
    if store.office_server().is_none() {
        return Err(StoreError::NotReplica.into());
    }
    Ok(store)
}

fn print_pulled(pulled: &Pulled, json: bool) {
    if json {
        println!("{}", serde_json::json!(pulled));
    } else {
        println!(
            "{} rows changed, {} deleted; revision {}",
            pulled.changed, pulled.deleted, pulled.revision
        );
    }
}

fn status(path: &Path, json: bool) -> Result<()> {
    let store = replica_at(path)?;
    let server = store.office_server().unwrap_or_default().to_owned();
    let file = store.conn().sqlite("reading the replica's state")?;
    let (revision, synced_at) = replica::state(file)?;
    let reachable = server::open(&server).is_ok();
    if json {
        println!(
            "{}",
            serde_json::json!({
                "server": server::shown(&server),
                "reachable": reachable,
                "revision": revision,
                "synced_at": synced_at,
            })
        );
    } else {
        println!(
            "server {} ({}); revision {revision}, last synced {synced_at}",
            server::shown(&server),
            if reachable {
                "reachable"
            } else {
                "not reachable"
            }
        );
    }
    Ok(())
}
