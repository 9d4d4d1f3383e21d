//! The managed state: the open database, or why it could not be opened. Every command goes
//! through [`AppState::read`] or [`AppState::write`]; writes run in one IMMEDIATE transaction.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use konbit_core::store::Connection;
use serde::Serialize;
use ts_rs::TS;

use konbit_core::documents::DocumentStore;
use konbit_core::legal::Key;
use konbit_core::store::{OpenMode, Store};

use crate::error::{AppError, CmdResult};
use crate::files::{display_name, Files};
use konbit_core::Problem;

pub struct AppState {
    session: Mutex<Session>,
    /// The legal committee's key once its passphrase unlocked the restricted cases; until they
    /// are locked again, the app closes or another database is opened.
    legal_key: Mutex<Option<Key>>,
    /// The folder the documents opened are copied to: the person's own (0700), made at the
    /// first opening, removed when the app exits.
    opened: Mutex<Option<tempfile::TempDir>>,
    /// The name chosen in "Je suis", who signs the changes in the audit log.
    person: Mutex<Option<String>>,
    /// The files picked in dialogs or written by the app, by the ids the UI holds.
    pub files: Files,
}

struct Session {
    path: PathBuf,
    store: Result<Store, AppError>,
}

/// What the UI needs to know at start and after opening another database. The database's path
/// stays in the shell: the UI shows its name and keys what it remembers per database by `db_key`.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppStatus {
    /// The database file's name, for display.
    pub db_name: String,
    /// Stands for the open database file in what the UI keeps on this computer (the fiscal year
    /// chosen, unsaved report text): the same file always gives the same key, and the key does
    /// not give the path back (the SHA-256 of the path).
    pub db_key: String,
    pub version: String,
    /// The name of the folder of automatic backups, beside the database (its path stays here).
    pub backups_folder: String,
    /// Set when the database could not be opened; the UI offers to open another one.
    pub error: Option<AppError>,
    /// The organisation's name, absent in a new, empty database.
    pub organisation: Option<String>,
}

impl AppState {
    pub fn open(path: PathBuf) -> AppState {
        let store = Store::open(&path, OpenMode::CreateIfMissing).map_err(AppError::from);
        AppState {
            session: Mutex::new(Session { path, store }),
            legal_key: Mutex::new(None),
            opened: Mutex::new(None),
            person: Mutex::new(None),
            files: Files::default(),
        }
    }

    /// A state with no database, when not even its path could be found.
    pub fn unavailable(error: AppError) -> AppState {
        AppState {
            session: Mutex::new(Session {
                path: PathBuf::new(),
                store: Err(error),
            }),
            legal_key: Mutex::new(None),
            opened: Mutex::new(None),
            person: Mutex::new(None),
            files: Files::default(),
        }
    }

    /// Switches to another database file. The current one stays open if the new one is refused.
    pub fn reopen(&self, path: &Path) -> CmdResult<AppStatus> {
        let store = Store::open(path, OpenMode::CreateIfMissing)?;
        let mut session = self.lock();
        *session = Session {
            path: path.to_owned(),
            store: Ok(store),
        };
        drop(session);
        self.set_legal_key(None);
        self.status()
    }

    pub fn status(&self) -> CmdResult<AppStatus> {
        let session = self.lock();
        let (error, organisation) = match &session.store {
            Ok(store) => (
                None,
                konbit_core::organisation::settings::get(store.conn())?.map(|s| s.name),
            ),
            Err(e) => (Some(e.clone()), None),
        };
        Ok(AppStatus {
            db_name: display_name(&session.path),
            db_key: database_key(&session.path),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            backups_folder: display_name(&konbit_core::backup::folder(&session.path)),
            error,
            organisation,
        })
    }

    /// The folder of the open database's automatic backups, made if no backup is there yet.
    pub fn backups_folder(&self) -> CmdResult<PathBuf> {
        let folder = konbit_core::backup::folder(&self.lock().path);
        std::fs::create_dir_all(&folder).map_err(|source| {
            AppError::from(konbit_core::Error::Io {
                path: folder.clone(),
                source,
            })
        })?;
        Ok(folder)
    }

    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> konbit_core::Result<T>) -> CmdResult<T> {
        let session = self.lock();
        let store = session.store.as_ref().map_err(Clone::clone)?;
        Ok(f(store.conn())?)
    }

    /// Runs `f` in one IMMEDIATE transaction, signed in the audit log by the person chosen in
    /// "Je suis" (set on the connection first: whichever database is open, whoever is chosen).
    ///
    /// On a replica of the office's books the transaction is the server's. PostgreSQL's
    /// synchronous client runs a runtime of its own, which tokio forbids inside the one the
    /// commands run on: the write then runs on a thread of its own, waited for here.
    pub fn write<T: Send>(
        &self,
        f: impl FnOnce(&Connection) -> konbit_core::Result<T> + Send,
    ) -> CmdResult<T> {
        let person = self.person();
        let mut session = self.lock();
        let store = session.store.as_mut().map_err(|e| e.clone())?;
        let write = move |store: &mut Store| {
            store.write(|tx| {
                konbit_core::audit::set_actor(tx, person.as_deref())?;
                f(tx)
            })
        };
        if store.office_server().is_none() {
            return Ok(write(store)?);
        }
        let written = std::thread::scope(|scope| scope.spawn(|| write(store)).join());
        match written {
            Ok(result) => Ok(result?),
            Err(_) => Err(AppError::from(Problem::Unexpected {
                detail: "the write to the office's server stopped".into(),
            })),
        }
    }

    /// Pulls what changed on the office's server, when the open file is a replica of its books;
    /// called every few seconds off the commands' runtime (`lib.rs`). A server that does not
    /// answer is said once per failure and tried again at the next round.
    pub fn pull_office(&self) -> CmdResult<Option<konbit_core::store::replica::Pulled>> {
        let mut session = self.lock();
        match session.store.as_mut() {
            Ok(store) if store.office_server().is_some() => Ok(Some(store.sync()?)),
            _ => Ok(None),
        }
    }

    /// Who is at the keyboard, as "Je suis" says; none until someone chose.
    pub fn set_person(&self, name: Option<String>) {
        *self
            .person
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = name;
    }

    fn person(&self) -> Option<String> {
        self.person
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// The legal committee's key, if this session unlocked the restricted cases.
    pub fn legal_key(&self) -> Option<Key> {
        self.legal_key
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    pub fn set_legal_key(&self, key: Option<Key>) {
        *self
            .legal_key
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = key;
    }

    /// The folder to copy a document into for opening: one of the person's own, readable by
    /// them alone (`tempfile` makes it 0700 under a random name), not a shared folder whose
    /// name anyone on the computer can guess.
    pub fn opened_folder(&self) -> CmdResult<PathBuf> {
        let mut opened = self
            .opened
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if opened.is_none() {
            let dir = tempfile::Builder::new()
                .prefix("konbit-documents-")
                .tempdir()
                .map_err(|source| {
                    AppError::from(konbit_core::Error::Io {
                        path: std::env::temp_dir(),
                        source,
                    })
                })?;
            *opened = Some(dir);
        }
        Ok(opened
            .as_ref()
            .map(|dir| dir.path().to_owned())
            .unwrap_or_default())
    }

    /// Removes the folder of opened documents, with everything in it: called when the app
    /// exits, as Tauri does not drop the managed state then.
    pub fn remove_opened(&self) {
        if let Some(dir) = self
            .opened
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
        {
            let _ = dir.close();
        }
    }

    /// Copies the whole log into the database file and empties it: after the restricted cases
    /// were sealed, so that their pages in clear leave the log at once.
    pub fn checkpoint_truncate(&self) -> CmdResult<()> {
        let session = self.lock();
        if let Ok(store) = &session.store {
            store.checkpoint_truncate()?;
        }
        Ok(())
    }

    /// The folder of documents that belongs to the open database.
    pub fn documents(&self) -> DocumentStore {
        DocumentStore::beside(&self.lock().path)
    }

    /// Puts a backup in place of the open database: closes it, restores (the current file is
    /// kept beside it), and opens the restored one. Answers where the replaced file was kept.
    pub fn restore(&self, backup: &Path) -> CmdResult<PathBuf> {
        let mut session = self.lock();
        let path = session.path.clone();
        // Closing the connection first: the file is replaced under no open handle.
        session.store = Err(AppError::from(Problem::Restoring));
        let result = konbit_core::backup::restore(&path, backup, &konbit_core::clock::now());
        session.store = Store::open(&path, OpenMode::MustExist).map_err(AppError::from);
        Ok(result?)
    }

    /// The automatic backups of the open database, newest first.
    pub fn backups(&self) -> CmdResult<Vec<(chrono::NaiveDate, PathBuf)>> {
        let path = self.lock().path.clone();
        Ok(konbit_core::backup::list(&path)?)
    }

    /// Today's automatic backup, if not made yet, with the rotation.
    /// Today's backup of the open database. The lock is held only to learn which file is
    /// open: copying a large file takes seconds, during which the window must keep answering.
    pub fn automatic_backup(&self) -> CmdResult<Option<PathBuf>> {
        let path = {
            let session = self.lock();
            if session.store.is_err() {
                return Ok(None);
            }
            session.path.clone()
        };
        Ok(konbit_core::backup::automatic(
            &path,
            konbit_core::clock::today(),
        )?)
    }

    /// Copies the log into the database file (see `Store::checkpoint`); nothing when no
    /// database is open.
    pub fn checkpoint(&self) -> CmdResult<()> {
        let session = self.lock();
        if let Ok(store) = &session.store {
            store.checkpoint()?;
        }
        Ok(())
    }

    /// Copies the open database to `dest` (Enregistrer une copie…), never onto itself.
    pub fn backup_to(&self, dest: &Path) -> CmdResult<()> {
        let session = self.lock();
        if session.path == dest {
            return Err(AppError::from(Problem::SameDatabase));
        }
        let store = session.store.as_ref().map_err(Clone::clone)?;
        Ok(store.backup_to(dest)?)
    }

    fn lock(&self) -> MutexGuard<'_, Session> {
        // A command that panicked mid-way poisoned the lock; its transaction was rolled back by
        // SQLite, so the store itself is sound and the app can go on.
        self.session
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The key the UI remembers a database by: the hex SHA-256 of its path, so that two files of the
/// same name in different folders keep their own choices.
fn database_key(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(path.as_os_str().as_encoded_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use konbit_core::invoicing::invoice::{self, DraftInput};

    /// A command's write on a replica, run as Tauri runs commands: inside the async runtime,
    /// where PostgreSQL's synchronous client may not start its own. Needs the test cluster
    /// (`make test`).
    #[test]
    fn a_replica_writes_through_the_server_from_a_command_and_follows_it() {
        let admin = std::env::var("KONBIT_TEST_PG").expect(
            "KONBIT_TEST_PG is not set: run the tests through `make test` or scripts/with-postgres.sh",
        );
        let name = format!("konbit_app_{}", std::process::id());
        postgres::Client::connect(&admin, postgres::NoTls)
            .unwrap()
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        let (base, _) = admin.rsplit_once('/').unwrap();
        let url = format!("{base}/{name}");
        let (server, _) = konbit_core::store::server::init(&url).unwrap();
        server
            .transaction(|tx| konbit_core::demo::create(tx, konbit_core::demo::DEFAULT_SEED))
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bureau.sqlite");
        // The URL without its password, as a person would type it; the password apart.
        let (user_password, host) = url.split_once('@').unwrap();
        let (scheme_user, password) = user_password.rsplit_once(':').unwrap();
        let typed = format!("{scheme_user}@{host}");
        drop(konbit_core::store::replica::join(&path, &typed, Some(password)).unwrap());

        let state = AppState::open(path);
        state
            .lock()
            .store
            .as_mut()
            .unwrap()
            .set_password(password)
            .unwrap();
        let client_id: i64 = state
            .read(|conn| Ok(conn.query_row("SELECT min(id) FROM clients", [], |r| r.get(0))?))
            .unwrap();
        let draft = tauri::async_runtime::block_on(async {
            state.write(|tx| {
                invoice::create_draft(
                    tx,
                    &DraftInput {
                        client_id,
                        invoice_date: "2013-08-31".parse().unwrap(),
                        notes: "Brouillon du portable".into(),
                    },
                )
            })
        })
        .unwrap();
        // Written on the server, and already in the replica the screens read.
        let on_server: i64 = postgres::Client::connect(&url, postgres::NoTls)
            .unwrap()
            .query_one(
                "SELECT count(*) FROM invoices WHERE notes = 'Brouillon du portable'",
                &[],
            )
            .unwrap()
            .get(0);
        assert_eq!(on_server, 1);
        assert_eq!(
            state
                .read(|conn| invoice::get(conn, draft.id))
                .unwrap()
                .notes,
            "Brouillon du portable"
        );

        // Another laptop's change arrives at the next round of the shell's timer.
        postgres::Client::connect(&url, postgres::NoTls)
            .unwrap()
            .batch_execute("UPDATE clients SET notes = 'Changé ailleurs' WHERE id = (SELECT min(id) FROM clients)")
            .unwrap();
        let pulled = state.pull_office().unwrap().unwrap();
        assert_eq!(pulled.changed, 1);
        let notes: String = state
            .read(|conn| {
                Ok(conn.query_row(
                    "SELECT notes FROM clients WHERE id = ?1",
                    [client_id],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
        assert_eq!(notes, "Changé ailleurs");
    }
}
