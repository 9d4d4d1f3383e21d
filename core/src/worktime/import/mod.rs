//! Importing timesheets exported from Kimai, Toggl Track, Clockify, Harvest or as Konbit's own
//! CSV.
//!
//! All or nothing: every line is read and matched, and the entries are written as they come
//! under a savepoint, rolled back whole when anything is wrong (every problem is still
//! reported). Each entry keeps the key of the line it came from (`time_entries.source`, unique),
//! so importing the same file again adds nothing.

mod read;
mod resolve;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use read::{Format, Short};
use resolve::Directory;

use crate::error::{Error, Result};
use crate::store::sql::Connection;
use crate::worktime::entry;

/// How to treat names the file has and Konbit does not.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ImportOptions {
    /// Create the unknown clients, projects and workers instead of refusing the file.
    #[serde(default)]
    pub create_missing: bool,
    /// An unknown worker's name in the file → the Konbit worker they are.
    #[serde(default)]
    pub workers: BTreeMap<String, i64>,
    /// An unknown project (`Client / Project`, or the project alone) → where its hours go.
    #[serde(default)]
    pub targets: BTreeMap<String, MappedTarget>,
    /// Whose hours a file without a worker column holds (a single person's Toggl export).
    #[serde(default)]
    pub worker: Option<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct MappedTarget {
    #[serde(default)]
    pub project_id: Option<i64>,
    #[serde(default)]
    pub committee_id: Option<i64>,
}

pub use crate::file_problem::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MissingKind {
    Client,
    Project,
    Worker,
    Committee,
}

/// A name the file uses that Konbit does not know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Missing {
    pub kind: MissingKind,
    pub label: String,
    /// For a project: its client's name in the file, if any.
    pub client: String,
    pub first_line: u64,
    pub lines: u32,
}

impl Missing {
    /// The key under which a mapping for this name is given in [`ImportOptions`].
    pub fn key(&self) -> String {
        match (self.kind, self.client.is_empty()) {
            (MissingKind::Project, false) => format!("{} / {}", self.client, self.label),
            _ => self.label.clone(),
        }
    }
}

/// One line as it will be recorded, for the preview.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PreviewRow {
    pub line: u64,
    pub work_date: NaiveDate,
    pub worker: String,
    pub target: String,
    pub minutes: u32,
    pub description: String,
    pub billable: Option<bool>,
}

/// What importing the file would do, without writing anything.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportPreview {
    pub lines: u32,
    pub total_minutes: u64,
    pub first_rows: Vec<PreviewRow>,
    /// Entries not imported before.
    pub new_entries: u32,
    /// Lines already imported by an earlier import of the same file.
    pub already_imported: u32,
    /// Names Konbit does not know: refused, mapped or created depending on the options.
    pub missing: Vec<Missing>,
    /// The first problems (at most [`MAX_PROBLEMS`]); `problem_count` says how many in all.
    pub problems: Vec<Problem>,
    pub problem_count: u32,
    /// The file has no worker column: [`ImportOptions::worker`] says whose hours they are.
    pub needs_worker: bool,
    /// Entries under half a minute, left out (the first [`MAX_PROBLEMS`]; `short_count` says
    /// how many in all).
    pub short: Vec<Short>,
    pub short_count: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportOutcome {
    pub imported: u32,
    pub already_imported: u32,
    pub minutes: u64,
    /// What was created because the file named it (with `create_missing`).
    pub created: Vec<Missing>,
    /// Entries under half a minute, left out (the first [`MAX_PROBLEMS`]).
    pub short: Vec<Short>,
    pub short_count: u32,
}

/// The largest file Konbit reads: ten years of a large collective's timesheets fit in far less.
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;

/// Reads a file to import, refusing one too large to be a timesheet export.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(Error::Rejected {
            problems: vec![Problem::file(format!(
                "the file holds {} MB; a timesheet export is far smaller: is it the right file?",
                size / 1_000_000
            ))
            .because("too_large", (size / 1_000_000).to_string())],
        });
    }
    std::fs::read(path).map_err(io)
}

/// A preview lists this many problems (and short entries); the count says how many more there
/// are. Past fifty, the rest are the same mistake again.
pub const MAX_PROBLEMS: usize = 50;
const PREVIEW_ROWS: usize = 20;

/// Reads and matches the file, and says what an import would do. Writes nothing.
pub fn preview(
    conn: &Connection,
    format: Format,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<ImportPreview> {
    let (lines, short) = match read::read(format, bytes) {
        Ok(read) => read,
        Err(problems) => return Ok(unreadable(problems)),
    };
    let needs_worker = !read::Reader::open(format, bytes)
        .map_err(|_| Error::internal("the file read once and not twice"))?
        .names_workers();
    let mut problems = Vec::new();
    if needs_worker && options.worker.is_none() {
        problems.push(choose_worker());
    }
    let resolved = Directory::load(conn)?.resolve(&lines, options);
    problems.extend(resolved.problems);
    if !options.create_missing {
        problems.extend(missing_problems(&resolved.missing));
    } else {
        problems.extend(
            resolved
                .missing
                .iter()
                .filter(|m| m.kind == MissingKind::Committee)
                .map(missing_problem),
        );
    }
    problems.sort_by_key(|p| p.line);
    let mut already = 0;
    let mut stmt = conn.prepare_cached("SELECT count(*) FROM time_entries WHERE source = ?1")?;
    for (_, source) in &resolved.entries {
        already += stmt.query_row([source], |r| r.get::<_, u32>(0))?;
    }
    let problem_count = problems.len() as u32;
    problems.truncate(MAX_PROBLEMS);
    let short_count = short.len() as u32;
    Ok(ImportPreview {
        lines: lines.len() as u32,
        total_minutes: lines.iter().map(|l| u64::from(l.minutes)).sum(),
        first_rows: lines.iter().take(PREVIEW_ROWS).map(preview_row).collect(),
        new_entries: resolved.entries.len() as u32 - already,
        already_imported: already,
        missing: resolved.missing,
        problems,
        problem_count,
        needs_worker,
        short: short.into_iter().take(MAX_PROBLEMS).collect(),
        short_count,
    })
}

/// A file without a worker column, imported without saying whose it is.
fn choose_worker() -> Problem {
    Problem::file("the file names no worker (a single person's export); say whose hours they are: choose the worker, or import with --worker NAME")
        .because("choose_worker", "")
}

/// Imports the file into `conn`, or refuses it whole with every problem found and writes
/// nothing, inside the caller's transaction or not.
pub fn commit(
    conn: &Connection,
    format: Format,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<ImportOutcome> {
    conn.execute_batch("SAVEPOINT import")?;
    let result = import(conn, format, bytes, options);
    conn.execute_batch(if result.is_ok() {
        "RELEASE import"
    } else {
        "ROLLBACK TO import; RELEASE import"
    })?;
    result
}

fn import(
    conn: &Connection,
    format: Format,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<ImportOutcome> {
    let mut created = Vec::new();
    if options.create_missing {
        let (lines, _) =
            read::read(format, bytes).map_err(|problems| Error::Rejected { problems })?;
        let missing = Directory::load(conn)?.resolve(&lines, options).missing;
        created = missing
            .into_iter()
            .filter(|m| m.kind != MissingKind::Committee)
            .collect();
        resolve::create_missing(conn, &created, &lines)?;
    }
    let outcome = write(conn, &Directory::load(conn)?, format, bytes, options)?;
    Ok(ImportOutcome { created, ..outcome })
}

/// Lines read and matched at a time. While the calling thread writes a chunk, a second thread
/// reads and matches the next: with two cores, an import takes about the time of its inserts
/// alone (reading and matching are a quarter of the work).
const CHUNK: usize = 4096;

/// What the reading thread hands the writer: a chunk's entries with what stands in their way,
/// its short entries left out, and the problems of its lines that could not be read.
type Chunk = (resolve::Resolved, Vec<Short>, Vec<Problem>);

/// Reads, matches and writes the file's lines until the first problem: the rest is still read
/// so that every problem is reported, and [`commit`] rolls back what was written. A file with
/// unreadable lines is refused for those alone, as the preview does.
fn write(
    conn: &Connection,
    directory: &Directory,
    format: Format,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<ImportOutcome> {
    let mut outcome = ImportOutcome {
        imported: 0,
        already_imported: 0,
        minutes: 0,
        created: vec![],
        short: vec![],
        short_count: 0,
    };
    let mut refused = resolve::Resolved::default();
    let mut unreadable = Vec::new();
    let mut writer = entry::Writer::new(conn)?;
    let opened = std::thread::scope(|scope| -> Result<std::result::Result<(), Vec<Problem>>> {
        let (send, chunks) = std::sync::mpsc::sync_channel::<Chunk>(2);
        let reading = scope.spawn(move || read_and_match(format, bytes, directory, options, &send));
        for (mut resolved, short, problems) in chunks {
            unreadable.extend(problems);
            outcome.short_count += short.len() as u32;
            let room = MAX_PROBLEMS.saturating_sub(outcome.short.len());
            outcome.short.extend(short.into_iter().take(room));
            let entries = std::mem::take(&mut resolved.entries);
            refused.absorb(resolved);
            if !unreadable.is_empty() || !refused.problems.is_empty() || !refused.missing.is_empty()
            {
                continue;
            }
            for (entry, source) in &entries {
                if writer.insert(entry, Some(source))?.is_some() {
                    outcome.imported += 1;
                    outcome.minutes += u64::from(entry.minutes);
                } else {
                    outcome.already_imported += 1;
                }
            }
        }
        Ok(reading
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })?;
    opened.map_err(|problems| Error::Rejected { problems })?;
    if !unreadable.is_empty() {
        return Err(Error::Rejected {
            problems: unreadable,
        });
    }
    let mut problems = refused.problems;
    problems.extend(missing_problems(&refused.missing));
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.line);
        return Err(Error::Rejected { problems });
    }
    writer.finish()?;
    Ok(outcome)
}

/// The reading thread: chunks of lines, each matched, until the end of the file or until the
/// writer stops listening (it failed: its error is the one reported).
fn read_and_match(
    format: Format,
    bytes: &[u8],
    directory: &Directory,
    options: &ImportOptions,
    send: &std::sync::mpsc::SyncSender<Chunk>,
) -> std::result::Result<(), Vec<Problem>> {
    let mut reader = read::Reader::open(format, bytes)?;
    if !reader.names_workers() && options.worker.is_none() {
        return Err(vec![choose_worker()]);
    }
    while let Some(chunk) = reader.chunk(CHUNK) {
        let resolved = directory.resolve(&chunk.lines, options);
        if send.send((resolved, chunk.short, chunk.problems)).is_err() {
            return Ok(());
        }
    }
    reader.end().map_err(|p| vec![p])
}

fn unreadable(problems: Vec<Problem>) -> ImportPreview {
    let problem_count = problems.len() as u32;
    ImportPreview {
        lines: 0,
        total_minutes: 0,
        first_rows: vec![],
        new_entries: 0,
        already_imported: 0,
        missing: vec![],
        problems: problems.into_iter().take(MAX_PROBLEMS).collect(),
        problem_count,
        needs_worker: false,
        short: vec![],
        short_count: 0,
    }
}

fn preview_row(line: &read::Line) -> PreviewRow {
    PreviewRow {
        line: line.number,
        work_date: line.date,
        worker: line.worker.first().cloned().unwrap_or_default(),
        target: resolve::target_label(line),
        minutes: line.minutes,
        description: line.description.clone(),
        billable: line.billable,
    }
}

fn missing_problems(missing: &[Missing]) -> impl Iterator<Item = Problem> + '_ {
    missing.iter().map(missing_problem)
}

fn missing_problem(m: &Missing) -> Problem {
    let others = match m.lines {
        1 => String::new(),
        n => format!(" (and {} more lines)", n - 1),
    };
    let message = match m.kind {
        MissingKind::Worker => format!("no worker is named '{}'{others}; add them under Organisation, map them, or import with --create-missing", m.label),
        MissingKind::Client => format!("no client is named '{}'{others}; add it, map its projects, or import with --create-missing", m.label),
        MissingKind::Project => format!("no project is named '{}'{others}; add it, map it, or import with --create-missing", m.key()),
        MissingKind::Committee => format!("no committee is named '{}'{others}; committees are not created by an import: add it or map it", m.label),
    };
    let code = match m.kind {
        MissingKind::Worker => "unknown_worker",
        MissingKind::Client => "unknown_client",
        MissingKind::Project => "unknown_project",
        MissingKind::Committee => "unknown_committee",
    };
    Problem::at(m.first_line, None, message).because(code, m.key())
}

#[cfg(test)]
mod tests;
