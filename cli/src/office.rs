//! `konbit office …`: the office's shared books on PostgreSQL (ARCHITECTURE.md, "The office").
//! The server is named by a libpq URL, `postgresql://LOGIN@HOST:PORT/DATABASE`; the password
//! comes from the URL or `PGPASSWORD`, as with PostgreSQL's own tools.

use clap::Subcommand;

use konbit_core::error::Result;
use konbit_core::store::server::{self, Initialised};

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
}

pub fn run(what: OfficeWhat) -> Result<()> {
    match what {
        OfficeWhat::Init { url, demo } => init(&url, demo),
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
