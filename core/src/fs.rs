//! Files Konbit writes for people (exports, PDFs): written beside the target under a temporary
//! name, flushed to disk, then renamed over it, so a crash or a full disk never leaves half a
//! file where a whole one is expected.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Calls `fill` with a writer, then puts what it wrote at `path` in one step.
pub fn write_atomically<T>(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> Result<T>,
) -> Result<T> {
    let partial = partial_name(path);
    let io = |source: std::io::Error| Error::Io {
        path: path.to_owned(),
        source,
    };
    let result = (|| {
        let file = File::create(&partial).map_err(io)?;
        let mut out = BufWriter::new(file);
        let value = fill(&mut out)?;
        let file = out.into_inner().map_err(|e| io(e.into_error()))?;
        file.sync_all().map_err(io)?;
        fs::rename(&partial, path).map_err(io)?;
        Ok(value)
    })();
    if result.is_err() {
        // Nothing useful can be done if the partial file cannot be removed either.
        let _ = fs::remove_file(&partial);
    }
    result
}

/// Puts `bytes` (a PDF, say) at `path` in one step.
pub fn write_bytes(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically(path, |out| {
        out.write_all(bytes).map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })
    })
}

fn partial_name(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".partial-{}", std::process::id()));
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("heures.csv");
        write_atomically(&path, |out| {
            out.write_all(b"premier").map_err(Error::internal)
        })
        .unwrap();
        let failed: Result<()> = write_atomically(&path, |out| {
            out.write_all(b"moiti").map_err(Error::internal)?;
            Err(Error::internal("disque plein"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "premier");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no partial file is left behind"
        );
    }
}
