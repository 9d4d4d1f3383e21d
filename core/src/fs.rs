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

/// A report that saves as PDF or CSV, by the name the person chose: `.csv` (in any case) is the
/// table for a spreadsheet, `.pdf` or no extension the printed report; any other extension is
/// refused, as `output`, before anything is computed or written.
pub fn write_pdf_or_csv(
    path: &Path,
    csv: impl FnOnce(&mut dyn Write) -> Result<()>,
    pdf: impl FnOnce() -> Result<Vec<u8>>,
) -> Result<()> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match extension.as_deref() {
        Some("csv") => write_atomically(path, csv),
        Some("pdf") | None => write_bytes(path, &pdf()?),
        Some(_) => {
            Err(crate::error::Invalid::new("output", crate::error::Problem::OutputKind).into())
        }
    }
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
    fn a_report_saves_by_the_name_chosen() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str| {
            let path = dir.path().join(name);
            write_pdf_or_csv(
                &path,
                |out| out.write_all(b"a,b\n").map_err(Error::internal),
                || Ok(b"%PDF-1.4".to_vec()),
            )
            .map(|()| fs::read(&path).unwrap())
        };
        assert_eq!(write("etats.CSV").unwrap(), b"a,b\n");
        assert_eq!(write("etats.pdf").unwrap(), b"%PDF-1.4");
        assert_eq!(write("etats").unwrap(), b"%PDF-1.4");
        let refused = write("etats.txt").unwrap_err();
        assert_eq!(refused.field(), Some("output"));
        assert!(!dir.path().join("etats.txt").exists());
    }

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
