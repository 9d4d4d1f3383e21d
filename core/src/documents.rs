//! Documents attached to records (an expense's receipt, a legal case's court order): copied into
//! the app's own folder beside the database, named by their SHA-256, so that the same file is
//! kept once and a file changed behind Konbit's back is caught when it is opened.
//!
//! The copy is written (atomically) before the row that names it is committed: a transaction that
//! rolls back leaves at worst an unnamed copy, which the next attachment of the same file reuses.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::clock;
use crate::error::{Error, Invalid, Problem, Result};
use crate::store::sql::{params, Connection, OptionalExtension};

/// Larger files are refused: a scanned court order is a few megabytes.
pub const MAX_SIZE: u64 = 100 * 1024 * 1024;

/// Where the copies live: `konbit.sqlite` keeps them in `konbit.sqlite.documents/`.
#[derive(Debug, Clone)]
pub struct DocumentStore {
    dir: PathBuf,
}

/// A document as a record names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Attachment {
    pub document_id: i64,
    /// The file's name when it was attached.
    pub name: String,
    pub sha256: String,
    pub size: u64,
    pub attached_at: String,
}

/// What opening a document found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Check {
    Intact,
    /// The copy's bytes no longer have the SHA-256 recorded when it was attached.
    Changed {
        actual: String,
    },
    Missing,
}

impl DocumentStore {
    pub fn beside(database: &Path) -> DocumentStore {
        let mut name = database
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_default();
        name.push(".documents");
        DocumentStore {
            dir: database.with_file_name(name),
        }
    }

    /// A store in a folder of its own (tests, a database in memory).
    pub fn in_dir(dir: &Path) -> DocumentStore {
        DocumentStore {
            dir: dir.to_owned(),
        }
    }

    /// Copies `source` into the store, once per content, and answers its document id and what the
    /// record should say about it.
    pub fn put(&self, conn: &Connection, source: &Path) -> Result<Attachment> {
        let name = source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "document".into());
        let bytes = read_source(source)?;
        let (document_id, sha256, size) = self.put_bytes(conn, &bytes)?;
        Ok(Attachment {
            document_id,
            name,
            sha256,
            size,
            attached_at: clock::now(),
        })
    }

    /// Keeps `bytes` (a file's, or a restricted case's document sealed) once per content:
    /// answers its document id, SHA-256 and size.
    pub(crate) fn put_bytes(&self, conn: &Connection, bytes: &[u8]) -> Result<(i64, String, u64)> {
        let sha256 = hex(&Sha256::digest(bytes));
        let copy = self.path(&sha256);
        if self.check(&sha256)? != Check::Intact {
            let parent = copy.parent().unwrap_or(&self.dir);
            fs::create_dir_all(parent).map_err(|e| Error::Io {
                path: parent.to_owned(),
                source: e,
            })?;
            crate::fs::write_bytes(&copy, bytes)?;
        }
        let size = bytes.len() as u64;
        conn.execute(
            "INSERT INTO documents (sha256, size, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (sha256) DO NOTHING",
            params![sha256, size as i64, clock::now()],
        )?;
        let document_id: i64 = conn.query_row(
            "SELECT id FROM documents WHERE sha256 = ?1",
            [&sha256],
            |r| r.get(0),
        )?;
        Ok((document_id, sha256, size))
    }

    /// Hashes the stored copy again. A recorded digest that is not one (the row changed behind
    /// Konbit's back) names no copy: it is missing, and never read as a path out of the store.
    pub fn check(&self, sha256: &str) -> Result<Check> {
        if !is_digest(sha256) {
            return Ok(Check::Missing);
        }
        let path = self.path(sha256);
        let mut file = match fs::File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Check::Missing),
            Err(e) => return Err(Error::Io { path, source: e }),
        };
        let mut hasher = Sha256::new();
        let mut buffer = vec![0; 64 * 1024];
        loop {
            let n = file.read(&mut buffer).map_err(|e| Error::Io {
                path: path.clone(),
                source: e,
            })?;
            if n == 0 {
                break;
            }
            hasher.update(&buffer[..n]);
        }
        let actual = hex(&hasher.finalize());
        Ok(if actual == sha256 {
            Check::Intact
        } else {
            Check::Changed { actual }
        })
    }

    /// The stored copy's bytes, after checking they are the ones attached.
    pub fn read_checked(&self, attachment: &Attachment) -> Result<Vec<u8>> {
        match self.check(&attachment.sha256)? {
            Check::Intact => {}
            Check::Changed { actual } => {
                return Err(Error::Refused(Problem::DocumentChanged {
                    name: format!("{} (SHA-256 {actual})", attachment.name),
                    folder: self.dir.display().to_string(),
                }))
            }
            Check::Missing => {
                return Err(Error::Refused(Problem::DocumentMissing {
                    name: attachment.name.clone(),
                    folder: self.dir.display().to_string(),
                }))
            }
        }
        let path = self.path(&attachment.sha256);
        fs::read(&path).map_err(|e| Error::Io { path, source: e })
    }

    /// The stored copy, after checking it is the one attached: a copy to open, never the
    /// original, so that a viewer that saves cannot change it.
    pub fn copy_to_open(&self, attachment: &Attachment, into: &Path) -> Result<PathBuf> {
        let bytes = self.read_checked(attachment)?;
        write_to_open(attachment, &bytes, into)
    }

    /// Removes the copies no document row names any more: a restricted case's documents in
    /// clear once their sealed copies replaced them (and the other way), a copy written for a
    /// transaction that rolled back. Called after the commit that let them go; answers how many.
    pub fn sweep(&self, conn: &Connection) -> Result<usize> {
        let mut named = conn.prepare_cached("SELECT 1 FROM documents WHERE sha256 = ?1")?;
        let mut removed = 0;
        let Ok(folders) = fs::read_dir(&self.dir) else {
            return Ok(0);
        };
        for folder in folders.flatten() {
            let Ok(files) = fs::read_dir(folder.path()) else {
                continue;
            };
            for file in files.flatten() {
                let name = file.file_name().to_string_lossy().into_owned();
                if is_digest(&name) && !named.exists([&name])? {
                    let path = file.path();
                    fs::remove_file(&path).map_err(|e| Error::Io { path, source: e })?;
                    removed += 1;
                }
            }
        }
        Ok(removed)
    }

    fn path(&self, sha256: &str) -> PathBuf {
        self.dir.join(prefix(sha256, 2)).join(sha256)
    }
}

/// Writes a document's bytes to open into `into` (a folder of the person's own), under a folder
/// of its digest's first characters so that two documents of the same name do not collide.
pub fn write_to_open(attachment: &Attachment, bytes: &[u8], into: &Path) -> Result<PathBuf> {
    // Characters, not bytes: a name cut inside a character would panic.
    let folder = into.join(prefix(&attachment.sha256, 16));
    fs::create_dir_all(&folder).map_err(|e| Error::Io {
        path: folder.clone(),
        source: e,
    })?;
    let target = folder.join(safe_name(&attachment.name));
    crate::fs::write_bytes(&target, bytes)?;
    Ok(target)
}

/// A file to attach, refused past [`MAX_SIZE`].
pub(crate) fn read_source(source: &Path) -> Result<Vec<u8>> {
    let io = |e: std::io::Error| Error::Io {
        path: source.to_owned(),
        source: e,
    };
    let size = fs::metadata(source).map_err(io)?.len();
    if size > MAX_SIZE {
        return Err(Invalid::new(
            "file",
            Problem::FileTooLarge {
                name: source.display().to_string(),
                max_mb: 100,
            },
        )
        .into());
    }
    fs::read(source).map_err(io)
}

/// Where a kind of record keeps its documents: the link table and the column naming the record.
/// Fixed names only, never from input.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Links {
    pub table: &'static str,
    pub owner: &'static str,
}

impl Links {
    /// Copies `file` into the store and links it to record `id`; the same content twice is
    /// linked once. Answers the record's documents.
    pub(crate) fn attach(
        self,
        conn: &Connection,
        documents: &DocumentStore,
        id: i64,
        file: &Path,
    ) -> Result<Vec<Attachment>> {
        let doc = documents.put(conn, file)?;
        conn.execute(
            &format!(
                "INSERT INTO {t} ({o}, document_id, name, attached_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT ({o}, document_id) DO NOTHING",
                t = self.table,
                o = self.owner
            ),
            params![id, doc.document_id, doc.name, doc.attached_at],
        )?;
        self.of(conn, id)
    }

    /// Record `id`'s documents, in the order they were attached.
    pub(crate) fn of(self, conn: &Connection, id: i64) -> Result<Vec<Attachment>> {
        let sql = format!(
            "SELECT a.document_id, a.name, d.sha256, d.size, a.attached_at FROM {} a JOIN documents d ON d.id = a.document_id
             WHERE a.{} = ?1 ORDER BY a.attached_at, a.name",
            self.table, self.owner
        );
        let rows = conn
            .prepare_cached(&sql)?
            .query_map([id], |r| {
                Ok(Attachment {
                    document_id: r.get(0)?,
                    name: r.get(1)?,
                    sha256: r.get(2)?,
                    size: r.get::<_, i64>(3)?.max(0) as u64,
                    attached_at: r.get(4)?,
                })
            })?
            .collect::<crate::store::sql::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

/// The document's row, if the id names one.
pub fn sha256_of(conn: &Connection, document_id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT sha256 FROM documents WHERE id = ?1",
            [document_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// A SHA-256 as `hex` writes it: 64 lowercase hexadecimal digits.
fn is_digest(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The first `count` characters of `text` (all of it when shorter).
fn prefix(text: &str, count: usize) -> &str {
    text.char_indices()
        .nth(count)
        .map_or(text, |(end, _)| &text[..end])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The attached name without folders or characters a file system refuses.
fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    match cleaned.trim_start_matches('.') {
        "" => "document".into(),
        rest => rest.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn keeps_one_copy_per_content_and_flags_a_changed_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in_memory().unwrap();
        let docs = DocumentStore::in_dir(&dir.path().join("docs"));
        let receipt = dir.path().join("reçu loyer.pdf");
        fs::write(&receipt, b"%PDF-1.4 loyer de mars").unwrap();
        let first = docs.put(store.conn(), &receipt).unwrap();
        assert_eq!(
            first.sha256,
            hex(&Sha256::digest(b"%PDF-1.4 loyer de mars"))
        );
        assert_eq!((first.name.as_str(), first.size), ("reçu loyer.pdf", 22));
        let again = docs
            .put(store.conn(), &dir.path().join("reçu loyer.pdf"))
            .unwrap();
        assert_eq!(
            again.document_id, first.document_id,
            "the same content is kept once"
        );

        let opened = docs.copy_to_open(&first, &dir.path().join("open")).unwrap();
        assert_eq!(fs::read(&opened).unwrap(), b"%PDF-1.4 loyer de mars");

        // Someone edits the stored copy behind Konbit's back.
        fs::write(docs.path(&first.sha256), b"%PDF-1.4 loyer d'avril").unwrap();
        assert!(matches!(
            docs.check(&first.sha256).unwrap(),
            Check::Changed { .. }
        ));
        let err = docs
            .copy_to_open(&first, &dir.path().join("open"))
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("has changed since it was attached"),
            "{err}"
        );
        fs::remove_file(docs.path(&first.sha256)).unwrap();
        assert_eq!(docs.check(&first.sha256).unwrap(), Check::Missing);
        // Attaching the original again restores the copy.
        docs.put(store.conn(), &receipt).unwrap();
        assert_eq!(docs.check(&first.sha256).unwrap(), Check::Intact);
    }

    #[test]
    fn a_tampered_digest_is_a_missing_copy_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let docs = DocumentStore::in_dir(&dir.path().join("docs"));
        // Outside the store, where a digest read as a path would lead.
        fs::write(dir.path().join("secret"), b"not a document").unwrap();
        for tampered in [
            "é".repeat(32),
            "aéb".into(),
            "".into(),
            "../secret".into(),
            "ABCDEF0123456789".repeat(4),
        ] {
            let attachment = Attachment {
                document_id: 1,
                name: "reçu.pdf".into(),
                sha256: tampered.clone(),
                size: 1,
                attached_at: "2013-03-01T12:00:00Z".into(),
            };
            assert_eq!(docs.check(&tampered).unwrap(), Check::Missing, "{tampered}");
            let err = docs
                .copy_to_open(&attachment, &dir.path().join("open"))
                .unwrap_err();
            assert_eq!(err.code(), "document_missing", "{tampered}: {err}");
        }
        assert_eq!(prefix("éèêë", 2), "éè");
        assert_eq!(prefix("ab", 16), "ab");
    }

    #[test]
    fn names_cannot_climb_out_of_the_folder() {
        assert_eq!(safe_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_name("..."), "document");
        assert_eq!(safe_name("ordonnance 2013.pdf"), "ordonnance 2013.pdf");
    }
}
