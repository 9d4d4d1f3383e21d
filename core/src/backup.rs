//! Backups: copies of the database through SQLite's online backup API, each checked with
//! `PRAGMA integrity_check` before it counts ([`Store::backup_to`]). The app makes one at start
//! and one a day while it runs, in the folder beside the database (`konbit.sqlite.backups/`),
//! and keeps 7 daily, 4 weekly and 12 monthly ones. Restoring checks the backup, keeps a copy of
//! the current file, and puts the backup in its place in one rename.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Result};
use crate::store::{OpenMode, Store, StoreError};

const PREFIX: &str = "konbit-";
const SUFFIX: &str = ".sqlite";

/// The folder of automatic backups of the database at `db`.
pub fn folder(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".backups");
    db.with_file_name(name)
}

/// The automatic backups kept, newest first.
pub fn list(db: &Path) -> Result<Vec<(NaiveDate, PathBuf)>> {
    let dir = folder(db);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => {
            return Err(Error::Io {
                path: dir,
                source: e,
            })
        }
    };
    let mut found: Vec<(NaiveDate, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let day = name
                .strip_prefix(PREFIX)?
                .strip_suffix(SUFFIX)?
                .parse()
                .ok()?;
            Some((day, e.path()))
        })
        .collect();
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    Ok(found)
}

/// Today's backup of the database file `db` if there is none yet, then the rotation; answers
/// the file written. It reads the file through its own connection, so the app's stays free.
pub fn automatic(db: &Path, today: NaiveDate) -> Result<Option<PathBuf>> {
    let dir = folder(db);
    let path = dir.join(format!("{PREFIX}{today}{SUFFIX}"));
    if path.exists() {
        return Ok(None);
    }
    fs::create_dir_all(&dir).map_err(|e| Error::Io {
        path: dir.clone(),
        source: e,
    })?;
    Store::backup_file(db, &path)?;
    let days: Vec<NaiveDate> = list(db)?.into_iter().map(|(d, _)| d).collect();
    let kept = keep(&days);
    for (day, file) in list(db)? {
        if !kept.contains(&day) {
            fs::remove_file(&file).map_err(|e| Error::Io {
                path: file.clone(),
                source: e,
            })?;
            let _ = fs::remove_file(crate::store::head::path_for(&file));
        }
    }
    Ok(Some(path))
}

/// The days to keep: the 7 most recent, the newest of each of the 4 most recent weeks, and the
/// newest of each of the 12 most recent months.
pub fn keep(days: &[NaiveDate]) -> BTreeSet<NaiveDate> {
    let mut newest_first: Vec<NaiveDate> = days.to_vec();
    newest_first.sort_unstable_by(|a, b| b.cmp(a));
    newest_first.dedup();
    let mut kept: BTreeSet<NaiveDate> = newest_first.iter().take(7).copied().collect();
    let mut by = |key: &dyn Fn(&NaiveDate) -> (i32, u32), count: usize| {
        let mut seen = Vec::new();
        for day in &newest_first {
            let k = key(day);
            if !seen.contains(&k) {
                seen.push(k);
                if seen.len() > count {
                    break;
                }
                kept.insert(*day);
            }
        }
    };
    by(&|d| (d.iso_week().year(), d.iso_week().week()), 4);
    by(&|d| (d.year(), d.month()), 12);
    kept
}

/// Puts the backup at `source` in place of the database at `db`, after checking it is a whole
/// Konbit database; the current file is kept beside it first. Answers where that copy is.
/// Nothing may have the database open.
pub fn restore(db: &Path, source: &Path, now: &str) -> Result<PathBuf> {
    // Checked as a copy beside the database: the backup itself is never written to (opening an
    // older one upgrades its schema).
    let partial = db.with_extension("restoring");
    let checked = (|| -> Result<()> {
        fs::copy(source, &partial).map_err(|e| Error::Io {
            path: source.to_owned(),
            source: e,
        })?;
        let store = Store::open(&partial, OpenMode::MustExist)?;
        let verdict: String = store
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if verdict != "ok" {
            return Err(StoreError::Corrupt {
                path: source.to_owned(),
            }
            .into());
        }
        Ok(())
    })();
    if let Err(e) = checked {
        let _ = fs::remove_file(&partial);
        return Err(e);
    }
    let stamp: String = now.chars().filter(|c| c.is_ascii_digit()).collect();
    let name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let kept = db.with_file_name(format!("{name}.before-restore-{stamp}.sqlite"));
    if db.exists() {
        // A consistent copy when the current file opens (it may have a WAL beside it); the raw
        // bytes when it is damaged, which is when people restore.
        let consistent =
            Store::open(db, OpenMode::MustExist).and_then(|current| current.backup_to(&kept));
        if consistent.is_err() {
            fs::copy(db, &kept).map_err(|e| Error::Io {
                path: kept.clone(),
                source: e,
            })?;
        }
    }
    for sidecar in ["-wal", "-shm"] {
        let mut path = db.as_os_str().to_owned();
        path.push(sidecar);
        let _ = fs::remove_file(PathBuf::from(path));
    }
    fs::rename(&partial, db).map_err(|e| Error::Io {
        path: db.to_owned(),
        source: e,
    })?;
    // The restored log is the one to follow now: its own last row becomes the kept head, or the
    // head of the replaced file would make it look cut off.
    let _ = fs::remove_file(crate::store::head::path_for(&partial));
    let restored = crate::store::Connection::from(rusqlite::Connection::open_with_flags(
        db,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )?);
    match crate::store::head::last_of_copy(&restored)? {
        Some(h) => crate::store::head::write(db, &h)?,
        None => {
            let _ = fs::remove_file(crate::store::head::path_for(db));
        }
    }
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn keeps_seven_days_four_weeks_twelve_months() {
        let days: Vec<NaiveDate> = (0..400)
            .map(|i| d("2013-08-31") - chrono::Days::new(i))
            .collect();
        let kept = keep(&days);
        let newest: Vec<_> = kept.iter().rev().take(7).copied().collect();
        assert_eq!(
            newest,
            (0..7)
                .map(|i| d("2013-08-31") - chrono::Days::new(i))
                .collect::<Vec<_>>()
        );
        // Plus a Sunday for each of the older weeks, and a last day for each older month.
        assert!(
            kept.contains(&d("2013-08-18")) && kept.contains(&d("2013-08-11")),
            "{kept:?}"
        );
        assert!(
            kept.contains(&d("2013-07-31")) && kept.contains(&d("2012-09-30")),
            "{kept:?}"
        );
        assert!(
            !kept.contains(&d("2012-08-31")),
            "thirteen months back is gone"
        );
        assert!(kept.len() <= 7 + 4 + 12, "{}", kept.len());
    }

    #[test]
    fn a_day_gets_one_checked_backup_and_a_restore_keeps_the_current_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("konbit.sqlite");
        let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
        store
            .write(|tx| crate::demo::people_and_clients(tx, 1).map(|_| ()))
            .unwrap();
        // The backup reads through its own connection: a write in progress neither blocks it nor
        // reaches it.
        store
            .conn()
            .execute_batch("BEGIN IMMEDIATE; UPDATE settings SET name = 'En cours';")
            .unwrap();
        let first = automatic(&db, d("2013-08-30")).unwrap().expect("a backup");
        store.conn().execute_batch("ROLLBACK").unwrap();
        assert_eq!(automatic(&db, d("2013-08-30")).unwrap(), None, "once a day");
        automatic(&db, d("2013-08-31")).unwrap();
        assert_eq!(list(&db).unwrap().len(), 2);
        // A change after the backup, then the restore brings the day before back.
        store
            .conn()
            .execute("UPDATE settings SET name = 'Autre nom'", [])
            .unwrap();
        drop(store);
        let kept = restore(&db, &first, "2013-09-01T10:00:00Z").unwrap();
        let restored = Store::open(&db, OpenMode::MustExist).unwrap();
        let name: String = restored
            .conn()
            .query_row("SELECT name FROM settings", [], |r| r.get(0))
            .unwrap();
        assert_eq!(name, "Réseau Koumbit");
        let before: String = Store::open(&kept, OpenMode::MustExist)
            .unwrap()
            .conn()
            .query_row("SELECT name FROM settings", [], |r| r.get(0))
            .unwrap();
        assert_eq!(before, "Autre nom", "the file replaced is kept");
    }

    #[test]
    fn a_damaged_backup_is_refused_and_nothing_is_touched() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("konbit.sqlite");
        let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
        store
            .write(|tx| crate::demo::people_and_clients(tx, 1).map(|_| ()))
            .unwrap();
        drop(store);
        let fake = dir.path().join("photo.sqlite");
        fs::write(&fake, b"not a database at all").unwrap();
        let before = fs::read(&db).unwrap();
        assert!(restore(&db, &fake, "now").is_err());
        assert_eq!(
            fs::read(&db).unwrap(),
            before,
            "the database is left as it was"
        );
    }
}
