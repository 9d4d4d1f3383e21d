//! The files the person picked in a native dialog or Konbit wrote, kept in the shell by opaque
//! ids. The webview never supplies a path: it receives `{ id, name }` (the name for display) and
//! hands back the id, which only this registry turns into a path again. An id is random, never
//! derived from the path, and answers only for what it was issued for: a file picked for an
//! import cannot be opened as a database, and an id from another run of the app means nothing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use konbit_core::Problem;

use crate::error::{AppError, CmdResult};

/// A file the shell knows, as the UI holds it: the id to hand back and the name to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FileRef {
    pub id: FileId,
    /// The file's name without its folder, only for display.
    pub name: String,
}

/// An opaque handle on a path kept by the shell. On the wire it is 16 hexadecimal digits: a
/// JavaScript number cannot hold 64 random bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, TS)]
#[ts(type = "string")]
pub struct FileId(u64);

/// What a file was registered for; each command accepts only the purposes it serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A timesheet export the person picked to import.
    Import,
    /// A document Konbit wrote where the person chose (a PDF, a CSV).
    Written,
}

#[derive(Default)]
pub struct Files {
    entries: Mutex<HashMap<FileId, (Purpose, PathBuf)>>,
}

impl Files {
    /// Keeps `path` and answers the reference the UI may hold.
    pub fn register(&self, purpose: Purpose, path: PathBuf) -> CmdResult<FileRef> {
        let name = display_name(&path);
        let mut entries = self.lock();
        let id = loop {
            let id = FileId(random_u64()?);
            // 64 random bits do not collide in a session's few dozen files, but an id must
            // never name two files, so a repeat draws again.
            if !entries.contains_key(&id) {
                break id;
            }
        };
        entries.insert(id, (purpose, path));
        Ok(FileRef { id, name })
    }

    /// The path behind `id` when it was issued for one of `purposes`; anything else, an id
    /// this registry never issued included, is refused with `unknown_file`.
    pub fn path(&self, id: FileId, purposes: &[Purpose]) -> CmdResult<PathBuf> {
        match self.lock().get(&id) {
            Some((purpose, path)) if purposes.contains(purpose) => Ok(path.clone()),
            _ => Err(AppError::from(Problem::UnknownFile)),
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<FileId, (Purpose, PathBuf)>> {
        // Inserting or reading a map entry leaves it whole even if a holder panicked.
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A file's name without its folder, for the person to read; the folder stays in the shell.
pub fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn random_u64() -> CmdResult<u64> {
    // From the operating system's generator, so an id cannot be guessed from the ones seen.
    getrandom::u64().map_err(|e| {
        AppError::from(konbit_core::Error::Internal(format!(
            "no random number for a file id: {e}"
        )))
    })
}

impl Serialize for FileId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format!("{:016x}", self.0))
    }
}

impl<'de> Deserialize<'de> for FileId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        // Exactly the form `serialize` writes: anything else cannot be an id we issued.
        let hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
        if text.len() != 16 || !text.bytes().all(hex) {
            return Err(serde::de::Error::custom(
                "a file id is 16 hexadecimal digits",
            ));
        }
        u64::from_str_radix(&text, 16)
            .map(FileId)
            .map_err(|_| serde::de::Error::custom("a file id is 16 hexadecimal digits"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(result: CmdResult<PathBuf>) -> String {
        match result {
            Ok(path) => format!("ok {}", path.display()),
            Err(e) => serde_json::to_value(&e).unwrap()["code"]
                .as_str()
                .unwrap()
                .to_owned(),
        }
    }

    #[test]
    fn an_issued_id_answers_its_path_for_its_purpose_only() {
        let files = Files::default();
        let picked = files
            .register(
                Purpose::Import,
                PathBuf::from("/home/omar/Téléchargements/toggl.csv"),
            )
            .unwrap();
        assert_eq!(picked.name, "toggl.csv");
        assert_eq!(
            code(files.path(picked.id, &[Purpose::Import])),
            "ok /home/omar/Téléchargements/toggl.csv"
        );
        assert_eq!(
            code(files.path(picked.id, &[Purpose::Written])),
            "unknown_file"
        );
    }

    #[test]
    fn the_registry_never_answers_an_id_it_did_not_issue() {
        let files = Files::default();
        let issued: Vec<FileId> = (0..100)
            .map(|i| {
                files
                    .register(
                        Purpose::Written,
                        PathBuf::from(format!("/tmp/rapport-{i}.pdf")),
                    )
                    .unwrap()
                    .id
            })
            .collect();
        let both = [Purpose::Import, Purpose::Written];
        for guess in [0, 1, 2, u64::MAX, 0x00c0_ffee] {
            if issued.contains(&FileId(guess)) {
                continue;
            }
            assert_eq!(code(files.path(FileId(guess), &both)), "unknown_file");
        }
        // Ids from another registry (another run of the app) mean nothing here.
        let other = Files::default();
        let elsewhere = other
            .register(Purpose::Written, PathBuf::from("/etc/passwd.csv"))
            .unwrap();
        if !issued.contains(&elsewhere.id) {
            assert_eq!(code(files.path(elsewhere.id, &both)), "unknown_file");
        }
        // Ids are not a count: a hundred of them are all different and not 0, 1, 2…
        let mut sorted = issued.clone();
        sorted.sort_by_key(|id| id.0);
        sorted.dedup();
        assert_eq!(sorted.len(), issued.len());
        assert!(issued.iter().filter(|id| id.0 < 1000).count() <= 1);
    }

    #[test]
    fn an_id_crosses_the_wire_as_sixteen_hex_digits_and_nothing_else_is_one() {
        let id = FileId(0x0123_4567_89ab_cdef);
        assert_eq!(serde_json::to_value(id).unwrap(), "0123456789abcdef");
        let back: FileId = serde_json::from_value(serde_json::json!("0123456789abcdef")).unwrap();
        assert_eq!(back, id);
        for not_an_id in [
            serde_json::json!("/home/omar/toggl.csv"),
            serde_json::json!("123"),
            serde_json::json!(81985529216486895u64),
            serde_json::json!("0123456789abcdeg"),
        ] {
            assert!(serde_json::from_value::<FileId>(not_an_id).is_err());
        }
    }
}
