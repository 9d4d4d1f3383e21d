//! Reading a timesheet export into [`Line`]s: what the file is (a CSV, or a PDF, spreadsheet,
//! image or archive renamed), the encoding, the delimiter, the header of each known format, and
//! each cell's date, time, duration and yes/no as Kimai, Toggl Track, Clockify, Harvest and
//! Konbit's own CSV write them. Every problem names its line (the file's own, CRLF or not) and
//! column.
//!
//! Durations are read to the second and rounded to the nearest minute (30 s and more round up):
//! Toggl records entries of a few seconds all the time, and an entry that rounds to no minute
//! at all is left out and listed ([`Short`]), never a reason to refuse the file.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::Problem;
use crate::text::{fold, text_enum};
use crate::worktime::duration;

text_enum! {
    /// The timesheet exports Konbit reads.
    pub enum Format {
        Kimai => "kimai",
        Toggl => "toggl",
        Clockify => "clockify",
        Harvest => "harvest",
        Csv => "csv",
    }
}

/// One line of the file, read but not yet matched to Konbit's workers and projects.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Line {
    /// The line of the file where the record starts (the header is line 1).
    pub number: u64,
    /// Identifies the line across imports, so that importing a file twice adds nothing.
    pub source: String,
    pub date: NaiveDate,
    pub start: Option<NaiveTime>,
    pub minutes: u32,
    /// Names, logins or e-mails of the worker, in the order to try them; empty when the file
    /// has no worker column (a single person's export: the import is told whose it is).
    pub worker: Vec<String>,
    /// The worker's e-mail as the file gives it, kept when the import creates the worker.
    pub email: String,
    pub client: String,
    pub project: String,
    pub committee: String,
    pub description: String,
    pub billable: Option<bool>,
}

/// An entry shorter than half a minute: it rounds to no minute, so it is left out of the
/// import, and counted and listed so that nobody wonders where it went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Short {
    pub line: u64,
    pub seconds: u32,
    pub work_date: NaiveDate,
    pub worker: String,
    pub description: String,
}

/// What one record of the file turned out to be.
#[derive(Debug)]
enum Record {
    Line(Line),
    Short(Short),
}

/// A chunk of the file: its lines, its short entries left out, the problems of the lines that
/// could not be read.
#[derive(Debug, Default)]
pub(super) struct Chunk {
    pub lines: Vec<Line>,
    pub short: Vec<Short>,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Field {
    Id,
    Date,
    Start,
    End,
    Duration,
    WorkerName,
    WorkerLogin,
    WorkerEmail,
    FirstName,
    LastName,
    Client,
    Project,
    Committee,
    Activity,
    Description,
    Billable,
}

/// Header names per field, folded (lower case, no accents); the first column that matches a
/// field is the one read. Kimai translates its headers into the exporting user's language
/// (translations/messages.{en,fr,de}.xlf: `begin` is From/De/Von, `username` is
/// User/Identifiant (2.26) or Nom d'utilisateur/Benutzer, `alias` is Name/Nom), so its English,
/// French and German names are all accepted; its other columns (Price, Internal price, Hourly
/// price, Fixed price, Currency, Exported, Tags, Type, Category, Account, Staff number, VAT-ID,
/// Order number, Project number, meta fields) are not Konbit's and are skipped.
fn aliases(format: Format) -> &'static [(Field, &'static [&'static str])] {
    use Field::*;
    match format {
        Format::Kimai => &[
            (Id, &["id"]),
            (Date, &["date", "datum"]),
            (Start, &["begin", "from", "de", "debut", "von", "start"]),
            (End, &["end", "to", "a", "fin", "bis"]),
            (Duration, &["duration", "duree", "dauer"]),
            (
                WorkerName,
                &["name", "alias", "nom", "user", "utilisateur", "benutzer"],
            ),
            (
                WorkerLogin,
                &[
                    "username",
                    "identifiant",
                    "nom d'utilisateur",
                    "nom d’utilisateur",
                    "benutzername",
                    "login",
                ],
            ),
            (WorkerEmail, &["e-mail", "email", "courriel"]),
            (Client, &["customer", "client", "kunde"]),
            (Project, &["project", "projet", "projekt"]),
            (Activity, &["activity", "activite", "tatigkeit"]),
            (Description, &["description", "beschreibung"]),
            (Billable, &["billable", "facturable", "abrechenbar"]),
        ],
        Format::Toggl => &[
            (Date, &["start date"]),
            (Start, &["start time"]),
            (Duration, &["duration"]),
            (WorkerName, &["user", "member"]),
            (WorkerEmail, &["email"]),
            (Client, &["client"]),
            (Project, &["project"]),
            (Activity, &["task"]),
            (Description, &["description"]),
            (Billable, &["billable"]),
        ],
        // Clockify's detailed report: Project, Client, Description, Task, User, Group, Email,
        // Tags, Billable, Start Date, Start Time, End Date, End Time, Duration (h), Duration
        // (decimal), Billable Rate (USD), Billable Amount (USD).
        Format::Clockify => &[
            (Date, &["start date"]),
            (Start, &["start time"]),
            (End, &["end time"]),
            (Duration, &["duration (h)", "duration (decimal)"]),
            (WorkerName, &["user"]),
            (WorkerEmail, &["email"]),
            (Client, &["client"]),
            (Project, &["project"]),
            (Activity, &["task"]),
            (Description, &["description"]),
            (Billable, &["billable"]),
        ],
        // Harvest's detailed time report: Date, Client, Project, Project Code, Task, Notes,
        // Hours, Hours Rounded, Billable?, Invoiced?, Approved?, First Name, Last Name, Roles,
        // Employee?, Billable Rate, Billable Amount, Cost Rate, Cost Amount, Currency,
        // External Reference URL.
        Format::Harvest => &[
            (Date, &["date"]),
            (Duration, &["hours"]),
            (FirstName, &["first name"]),
            (LastName, &["last name"]),
            (Client, &["client"]),
            (Project, &["project"]),
            (Activity, &["task"]),
            (Description, &["notes"]),
            (Billable, &["billable?", "billable"]),
        ],
        Format::Csv => &[
            (Id, &["id"]),
            (Date, &["date"]),
            (WorkerName, &["worker", "travailleur", "travailleuse"]),
            (WorkerEmail, &["email", "courriel"]),
            (Client, &["client"]),
            (Project, &["project", "projet"]),
            (Committee, &["committee", "comite"]),
            (Duration, &["duration", "duree"]),
            (Start, &["start", "debut"]),
            (End, &["end", "fin"]),
            (Description, &["description"]),
            (Billable, &["billable", "facturable"]),
        ],
    }
}

/// What the header of each format must have, for the message when it does not.
fn expected(format: Format) -> &'static str {
    match format {
        Format::Kimai => "a Kimai timesheet export has Date, From/Begin, To/End, Duration, User or Name, Customer, Project, Activity, Description",
        Format::Toggl => "a Toggl Track detailed report has User, Email, Client, Project, Task, Description, Billable, Start date, Start time, Duration",
        Format::Clockify => "a Clockify detailed report has Project, Client, Description, Task, User, Email, Billable, Start Date, Start Time, Duration (h)",
        Format::Harvest => "a Harvest detailed time report has Date, Client, Project, Task, Notes, Hours, Billable?, First Name, Last Name",
        Format::Csv => "a Konbit CSV has date, worker, client, project or committee, duration (or start and end), description, billable",
    }
}

/// How a duration that is a plain number is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// Decimal hours: `1.5`, `1,50` (Kimai's decimal duration, Clockify's Duration (decimal),
    /// Harvest's Hours).
    Hours,
    /// Seconds: `12600` (Kimai's CSV from 1.5 to 2.26, kimai/kimai#1873 and #2434).
    Seconds,
}

/// How the dates of a file with slashed dates (Clockify writes the workspace's format) are
/// ordered, decided from the whole file: `25/02/2013` can only be day first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slashed {
    DayFirst,
    MonthFirst,
    /// Every slashed date reads the same both ways (or there is none).
    Either,
    /// Some dates read two ways and none tells which: refused with the file.
    Ambiguous,
}

/// Reads the whole file. Either every line is read, or every problem is returned.
#[cfg(test)]
pub(super) fn lines(format: Format, bytes: &[u8]) -> Result<Vec<Line>, Vec<Problem>> {
    read(format, bytes).map(|(lines, _)| lines)
}

/// Reads the whole file: its lines and its short entries, or every problem.
pub(super) fn read(format: Format, bytes: &[u8]) -> Result<(Vec<Line>, Vec<Short>), Vec<Problem>> {
    let mut reader = Reader::open(format, bytes)?;
    let mut all = Chunk::default();
    while let Some(mut chunk) = reader.chunk(usize::MAX) {
        all.lines.append(&mut chunk.lines);
        all.short.append(&mut chunk.short);
        all.problems.append(&mut chunk.problems);
    }
    if !all.problems.is_empty() {
        return Err(all.problems);
    }
    reader.end().map_err(|p| vec![p])?;
    Ok((all.lines, all.short))
}

/// A file read a chunk of lines at a time, so that an import can write the first lines while
/// the next are read on another core.
pub(super) struct Reader<'a> {
    format: Format,
    columns: Columns,
    text: &'a str,
    records: csv::ByteRecordsIntoIter<&'a [u8]>,
    /// The last record's start (byte) and line, so that each line number counts only the
    /// newlines since the previous record.
    counted: (usize, u64),
    /// Hashes of lines without an id, for identical lines' counters (see [`source_key`]).
    seen: HashMap<String, u32>,
    /// Lines read (short ones included) and lines refused so far.
    read: usize,
    refused: usize,
}

impl<'a> Reader<'a> {
    /// Checks what the file is, its encoding and its header, or says why it cannot be read at
    /// all.
    pub(super) fn open(format: Format, bytes: &'a [u8]) -> Result<Reader<'a>, Vec<Problem>> {
        let text = decode(bytes).map_err(|p| vec![p])?;
        let delimiter = delimiter(text);
        let builder = {
            let mut b = csv::ReaderBuilder::new();
            b.delimiter(delimiter).flexible(true).has_headers(false);
            b
        };
        let mut records = builder.from_reader(text.as_bytes()).into_byte_records();
        let header = match records.next() {
            Some(Ok(h)) if h.iter().any(|c| !c.is_empty()) => h,
            Some(Err(e)) => return Err(vec![csv_problem(text, &e)]),
            _ => {
                return Err(vec![Problem::file(
                    "the file is empty; export the timesheets again",
                )
                .because("empty", "")])
            }
        };
        let mut columns = Columns::from_header(format, &header)?;
        columns.settle(
            format,
            builder.from_reader(text.as_bytes()).into_byte_records(),
        );
        if columns.slashed == Slashed::Ambiguous {
            let column = columns.name(Field::Date).map(str::to_owned);
            return Err(vec![Problem::at(
                1,
                column.as_deref(),
                "the dates are written with slashes and could be day/month or month/day; set the date format to YYYY-MM-DD (in Clockify: Profile settings) and export again",
            )
            .because("ambiguous_dates", "")]);
        }
        Ok(Reader {
            format,
            columns,
            text,
            records,
            counted: (0, 1),
            seen: HashMap::new(),
            read: 0,
            refused: 0,
        })
    }

    /// Whether the file says whose hours each line is; a single person's export does not, and
    /// the import is then told who.
    pub(super) fn names_workers(&self) -> bool {
        self.columns.names_workers()
    }

    /// Up to `n` more records, read; `None` at the end of the file. Blank lines are skipped.
    pub(super) fn chunk(&mut self, n: usize) -> Option<Chunk> {
        let mut chunk = Chunk::default();
        let mut taken = 0;
        while taken < n {
            let Some(record) = self.records.next() else {
                break;
            };
            taken += 1;
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    chunk.problems.push(csv_problem(self.text, &e));
                    continue;
                }
            };
            if record.iter().all(|c| c.iter().all(u8::is_ascii_whitespace)) {
                continue;
            }
            let number = self.line_of(record.position().map_or(0, |p| p.byte() as usize));
            match self
                .columns
                .line(self.format, number, &record, &mut self.seen)
            {
                Ok(Record::Line(line)) => chunk.lines.push(line),
                Ok(Record::Short(short)) => chunk.short.push(short),
                Err(mut p) => chunk.problems.append(&mut p),
            }
        }
        self.read += chunk.lines.len() + chunk.short.len();
        self.refused += chunk.problems.len();
        (taken > 0).then_some(chunk)
    }

    /// The file's line at a byte: one more than the newlines before it. The csv crate's own
    /// count is one short on CRLF files.
    fn line_of(&mut self, byte: usize) -> u64 {
        // After a CR, the csv crate starts the next record at the LF that ends the line.
        let byte = byte + usize::from(self.text.as_bytes().get(byte) == Some(&b'\n'));
        let (from, line) = self.counted;
        let Some(between) = self.text.as_bytes().get(from..byte) else {
            return line;
        };
        let line = line + between.iter().filter(|&&b| b == b'\n').count() as u64;
        self.counted = (byte, line);
        line
    }

    /// After the last chunk: a file with a header and no line at all is refused.
    pub(super) fn end(&self) -> Result<(), Problem> {
        if self.read == 0 && self.refused == 0 {
            return Err(
                Problem::file("the file has a header but no timesheet lines")
                    .because("header_only", ""),
            );
        }
        Ok(())
    }
}

/// What a file that is not text is, by its first bytes, so that a PDF or a spreadsheet renamed
/// `.csv` is called what it is instead of text in a wrong encoding.
fn sniff(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    let start = &bytes[..bytes.len().min(4096)];
    let has = |needle: &[u8]| start.windows(needle.len()).any(|w| w == needle);
    if bytes.starts_with(b"%PDF") {
        Some(("pdf", "a PDF document"))
    } else if bytes.starts_with(b"PK\x03\x04") {
        if has(b"xl/") || has(b"[Content_Types].xml") {
            Some(("xlsx", "an Excel workbook (.xlsx)"))
        } else if has(b"opendocument.spreadsheet") {
            Some(("ods", "a LibreOffice spreadsheet (.ods)"))
        } else {
            Some(("zip", "a zip archive"))
        }
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some(("xls", "an Excel 97-2003 workbook (.xls)"))
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(("png", "a PNG image"))
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(("jpeg", "a JPEG image"))
    } else if bytes.starts_with(&[0x1F, 0x8B]) {
        Some(("gzip", "a gzip archive"))
    } else {
        None
    }
}

/// UTF-8, with or without a byte-order mark. Other encodings are refused with the line of the
/// first byte that is not UTF-8, rather than guessed: a wrong guess would corrupt every accent.
fn decode(bytes: &[u8]) -> Result<&str, Problem> {
    if let Some((code, what)) = sniff(bytes) {
        return Err(Problem::file(format!(
            "this file is {what}, not a CSV export; export the timesheets as CSV and choose that file"
        ))
        .because("not_csv", code));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(
            Problem::file("the file is in UTF-16; export it again as UTF-8 CSV")
                .because("utf16", ""),
        );
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        Problem::at(line, None, "this line is not UTF-8 text (probably Windows-1252 or Latin-1); save the file as UTF-8 and import it again")
            .because("not_utf8", "")
    })
}

/// Spreadsheets in French locales write `;` between cells; exports write `,`; some write tabs.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| first.bytes().filter(|&b| b == d).count())
        .unwrap_or(b',')
}

fn csv_problem(text: &str, e: &csv::Error) -> Problem {
    let line = e.position().map_or(0, |p| {
        let before = text.as_bytes().get(..p.byte() as usize).unwrap_or_default();
        before.iter().filter(|&&b| b == b'\n').count() as u64 + 1
    });
    Problem::at(
        line,
        None,
        "this line cannot be read as CSV (a quote is not closed?)",
    )
    .because("unreadable", "")
}

struct Columns {
    index: HashMap<Field, usize>,
    names: Vec<String>,
    /// The header's cells, empty ones at the end included: every line has as many.
    width: usize,
    /// How a plain number in the duration column is meant.
    unit: Unit,
    slashed: Slashed,
}

impl Columns {
    fn from_header(format: Format, header: &csv::ByteRecord) -> Result<Columns, Vec<Problem>> {
        let mut names: Vec<String> = header
            .iter()
            .map(|c| String::from_utf8_lossy(c).trim().to_string())
            .collect();
        let width = names.len();
        // A spreadsheet re-saved with a separator after the last cell: the empty names at the
        // end are no columns (and every line has as many empty cells).
        while names.len() > 1 && names.last().is_some_and(String::is_empty) {
            names.pop();
        }
        let mut index = HashMap::new();
        for (i, name) in names.iter().enumerate() {
            let folded = fold(name);
            if let Some((field, _)) = aliases(format)
                .iter()
                .find(|(_, names)| names.contains(&folded.as_str()))
            {
                index.entry(*field).or_insert(i);
            }
        }
        let columns = Columns {
            index,
            names,
            width,
            unit: Unit::Hours,
            slashed: Slashed::Either,
        };
        let missing = columns.missing();
        if missing.is_empty() {
            return Ok(columns);
        }
        Err(missing
            .into_iter()
            .map(|what| {
                Problem::at(
                    1,
                    None,
                    format!("the column for the {what} is missing; {}", expected(format)),
                )
                .because("missing_column", what)
            })
            .collect())
    }

    /// What the values of the whole file decide: whether Kimai's plain-number durations are
    /// seconds (before 2.27) or decimal hours (a user's setting since), and how slashed dates
    /// are ordered. Kimai's header says "Duration" either way: a decimal point means hours, a
    /// whole number above 24 can only be seconds, and small whole numbers alone are hours.
    fn settle(&mut self, format: Format, records: csv::ByteRecordsIntoIter<&[u8]>) {
        let duration = self.index.get(&Field::Duration).copied();
        let date = self.index.get(&Field::Date).copied();
        let mut unit = None;
        let (mut day_first, mut month_first, mut two_ways) = (false, false, false);
        for record in records.skip(1).flatten() {
            let cell = |i: Option<usize>| {
                i.and_then(|i| record.get(i))
                    .and_then(|c| std::str::from_utf8(c).ok())
                    .map(str::trim)
                    .unwrap_or("")
            };
            let d = cell(duration);
            if format == Format::Kimai && unit.is_none() && !d.is_empty() {
                if d.contains(['.', ',']) && d.replace(',', ".").parse::<f64>().is_ok() {
                    unit = Some(Unit::Hours);
                } else if d.parse::<u32>().is_ok_and(|n| n > 24) {
                    unit = Some(Unit::Seconds);
                }
            }
            if let Some((a, b)) = slashed_parts(cell(date)) {
                match (a > 12, b > 12) {
                    (true, _) => day_first = true,
                    (_, true) => month_first = true,
                    _ if a != b => two_ways = true,
                    _ => {}
                }
            }
            let unit_settled = format != Format::Kimai || unit.is_some();
            if unit_settled && (day_first || month_first) {
                break;
            }
        }
        if let Some(unit) = unit {
            self.unit = unit;
        }
        self.slashed = match (day_first, month_first, two_ways) {
            (true, false, _) => Slashed::DayFirst,
            (false, true, _) => Slashed::MonthFirst,
            (false, false, false) => Slashed::Either,
            _ => Slashed::Ambiguous,
        };
    }

    fn names_workers(&self) -> bool {
        [
            Field::WorkerName,
            Field::WorkerLogin,
            Field::WorkerEmail,
            Field::FirstName,
            Field::LastName,
        ]
        .iter()
        .any(|f| self.index.contains_key(f))
    }

    fn name(&self, field: Field) -> Option<&str> {
        self.index.get(&field).map(|&i| self.names[i].as_str())
    }

    /// The columns without which no line can be read. A worker column is not one of them: a
    /// single person's export has none, and the import asks whose hours they are.
    fn missing(&self) -> Vec<&'static str> {
        let has = |f: Field| self.index.contains_key(&f);
        let mut missing = Vec::new();
        if !has(Field::Date) {
            missing.push("date");
        }
        let timed = has(Field::Start) && has(Field::End);
        if !has(Field::Duration) && !timed {
            missing.push("duration");
        }
        if !has(Field::Project) && !has(Field::Committee) {
            missing.push("project");
        }
        missing
    }

    fn line(
        &self,
        format: Format,
        number: u64,
        record: &csv::ByteRecord,
        seen: &mut HashMap<String, u32>,
    ) -> Result<Record, Vec<Problem>> {
        // A cell more or less than the header: a separator inside an unquoted cell
        // ("Ligue des droits et libertés, section Québec") shifts every cell after it, and
        // reading on would file the hours under a client made of half a name.
        let cells = record.len();
        if cells != self.width {
            return Err(vec![Problem::at(
                number,
                None,
                format!(
                    "this line has {cells} cells and the header {} columns: a cell holding the separator without quotes? Put that cell between double quotes, or export the file again",
                    self.width
                ),
            )
            .because("cell_count", cells.to_string())
            .with("columns", self.width.to_string())]);
        }
        let mut problems = Vec::new();
        let mut cell = |field: Field| -> String {
            let Some(&i) = self.index.get(&field) else {
                return String::new();
            };
            match std::str::from_utf8(record.get(i).unwrap_or_default()) {
                Ok(s) => s.trim().to_string(),
                Err(_) => {
                    problems.push(
                        Problem::at(
                            number,
                            Some(&self.names[i]),
                            "not UTF-8 text; save the file as UTF-8",
                        )
                        .because("not_utf8", ""),
                    );
                    String::new()
                }
            }
        };
        let (id, date, start, end, dur) = (
            cell(Field::Id),
            cell(Field::Date),
            cell(Field::Start),
            cell(Field::End),
            cell(Field::Duration),
        );
        let full_name = [cell(Field::FirstName), cell(Field::LastName)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let email = cell(Field::WorkerEmail);
        let worker: Vec<String> = [
            cell(Field::WorkerName),
            full_name,
            cell(Field::WorkerLogin),
            email.clone(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
        let (client, project, committee) = (
            cell(Field::Client),
            cell(Field::Project),
            cell(Field::Committee),
        );
        let (activity, description, billable) = (
            cell(Field::Activity),
            cell(Field::Description),
            cell(Field::Billable),
        );
        let name = |f: Field| self.name(f);

        let date = parse_date(&date, self.slashed).ok_or_else(|| {
            Problem::at(
                number,
                name(Field::Date),
                format!("'{date}' is not a date; write it like 2013-01-15"),
            )
            .because("bad_date", &date)
        });
        let start_time = parse_time(&start, self.slashed).map_err(|()| {
            Problem::at(
                number,
                name(Field::Start),
                format!("'{start}' is not a time of day; write it like 09:30"),
            )
            .because("bad_time", &start)
        });
        let end_time = parse_time(&end, self.slashed).map_err(|()| {
            Problem::at(
                number,
                name(Field::End),
                format!("'{end}' is not a time of day; write it like 17:00"),
            )
            .because("bad_time", &end)
        });
        // Konbit's own CSV holds minutes as people type them; the other tools' exports are
        // read to the second.
        let seconds = match (dur.is_empty(), &start_time, &end_time) {
            (false, _, _) if format == Format::Csv => {
                parse_minutes(&dur).map(|m| m * 60).map_err(|(code, why)| {
                    Problem::at(number, name(Field::Duration), why).because(code, &dur)
                })
            }
            (false, _, _) => parse_seconds(&dur, self.unit).map_err(|(code, why)| {
                Problem::at(number, name(Field::Duration), why).because(code, &dur)
            }),
            (true, Ok(Some(s)), Ok(Some(e))) => span(*s, *e).ok_or_else(|| {
                Problem::at(number, name(Field::End), "the end comes before the start")
                    .because("end_before_start", &end)
            }),
            _ => Err(Problem::at(
                number,
                name(Field::Duration),
                "no duration (an entry still running when it was exported?)",
            )
            .because("no_duration", "")),
        };
        let billable = match (format, billable.is_empty()) {
            // Kimai writes a true cell as 1 and a false one as nothing since 2.27, and Yes/No
            // (translated) before: an empty cell in its Billable column is "no".
            (Format::Kimai, true) if self.index.contains_key(&Field::Billable) => Ok(Some(false)),
            _ => parse_yes_no(&billable).map_err(|()| {
                Problem::at(
                    number,
                    name(Field::Billable),
                    format!("'{billable}' is neither yes nor no"),
                )
                .because("not_yes_no", &billable)
            }),
        };
        if worker.is_empty() && self.names_workers() {
            problems.push(
                Problem::at(
                    number,
                    name(Field::WorkerName).or(name(Field::WorkerEmail)),
                    "no worker named on this line",
                )
                .because("no_worker", ""),
            );
        }
        if project.is_empty() && committee.is_empty() {
            problems.push(
                Problem::at(
                    number,
                    name(Field::Project).or(name(Field::Committee)),
                    "no project (or committee) on this line",
                )
                .because("no_project", ""),
            );
        }
        let (date, start, _, seconds, billable) =
            match (date, start_time, end_time, seconds, billable) {
                (Ok(d), Ok(s), Ok(e), Ok(m), Ok(b)) if problems.is_empty() => (d, s, e, m, b),
                (d, s, e, m, b) => {
                    problems.extend(
                        [d.err(), s.err(), e.err(), m.err(), b.err()]
                            .into_iter()
                            .flatten(),
                    );
                    return Err(problems);
                }
            };
        let description = match (activity.is_empty(), description.is_empty()) {
            (false, false) => format!("{activity} — {description}"),
            (false, true) => activity,
            _ => description,
        };
        let minutes = (seconds + 30) / 60;
        if minutes == 0 {
            return Ok(Record::Short(Short {
                line: number,
                seconds,
                work_date: date,
                worker: worker.first().cloned().unwrap_or_default(),
                description,
            }));
        }
        if minutes > duration::MAX_MINUTES {
            return Err(vec![Problem::at(
                number,
                name(Field::Duration),
                format!("a duration is at most 24 hours, not '{dur}'"),
            )
            .because("duration_range", &dur)]);
        }
        Ok(Record::Line(Line {
            number,
            source: source_key(format, &id, record, seen),
            date,
            start,
            minutes,
            worker,
            email,
            client,
            project,
            committee,
            description,
            billable,
        }))
    }
}

/// The `id` column when the file has one; otherwise a hash of the whole record, with a counter
/// for identical records in one file (two equal lines are two entries).
fn source_key(
    format: Format,
    id: &str,
    record: &csv::ByteRecord,
    seen: &mut HashMap<String, u32>,
) -> String {
    if !id.is_empty() {
        return format!("{}:id:{id}", format.code());
    }
    let mut hash = Sha256::new();
    for cell in record.iter() {
        hash.update(cell);
        hash.update([0x1f]);
    }
    let digest: String = hash.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let count = seen.entry(digest.clone()).or_insert(0);
    *count += 1;
    format!("{}:{digest}#{count}", format.code())
}

/// `2013-01-15`, `2013-01-15 09:30:00`, `2013-01-15T09:30:00-05:00`, `15.01.2013` (Kimai in
/// German, Harvest in some countries), or a slashed date in the order the file settles
/// ([`Slashed`]): `01/02/2013` alone means two different days in Canada.
fn parse_date(s: &str, slashed: Slashed) -> Option<NaiveDate> {
    let iso = s
        .get(..10)
        .filter(|_| s.len() == 10 || matches!(s.as_bytes()[10], b' ' | b'T'));
    if let Some(d) = iso.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) {
        return Some(d);
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%d.%m.%Y") {
        return Some(d);
    }
    let (a, b) = slashed_parts(s)?;
    let year: i32 = s.get(s.rfind('/')? + 1..)?.get(..4)?.parse().ok()?;
    let (day, month) = match slashed {
        Slashed::DayFirst => (a, b),
        Slashed::MonthFirst => (b, a),
        Slashed::Either if a == b => (a, b),
        Slashed::Either | Slashed::Ambiguous => return None,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The two first numbers of `dd/mm/yyyy` or `mm/dd/yyyy`.
fn slashed_parts(s: &str) -> Option<(u32, u32)> {
    let mut parts = s.split('/');
    let (a, b, year) = (parts.next()?, parts.next()?, parts.next()?);
    let year = year.get(..4)?;
    if !year.bytes().all(|c| c.is_ascii_digit()) || a.len() > 2 || b.len() > 2 {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// `09:30`, `09:30:15`, `9h30`, `03:30 PM` (Clockify in English), or the time of a date-time;
/// empty is no time.
fn parse_time(s: &str, slashed: Slashed) -> Result<Option<NaiveTime>, ()> {
    if s.is_empty() {
        return Ok(None);
    }
    let t = match s.find([' ', 'T']) {
        Some(i) if i >= 8 && parse_date(&s[..i], slashed).is_some() => &s[i + 1..],
        _ => s,
    };
    let t = t
        .get(..8)
        .filter(|_| t.len() > 8 && !t.contains(['A', 'P', 'a', 'p']))
        .unwrap_or(t);
    ["%H:%M:%S", "%H:%M", "%Hh%M", "%I:%M %p", "%I:%M:%S %p"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(t, f).ok())
        .map(Some)
        .ok_or(())
}

/// The seconds from start to end: an entry that ends at or before it starts has none.
fn span(start: NaiveTime, end: NaiveTime) -> Option<u32> {
    let seconds = (end - start).num_seconds();
    (seconds > 0).then_some(seconds as u32)
}

/// Konbit's own CSV: every form Konbit's fields accept (`1:30`, `1h30`, `1,5`, `90m`) and
/// `01:30:00`, seconds rounded to the nearest minute; zero is refused.
fn parse_minutes(s: &str) -> Result<u32, (&'static str, String)> {
    let minutes = if s.split(':').count() == 3 {
        clock_seconds(s)
            .map(|sec| (sec + 30) / 60)
            .ok_or_else(|| bad_duration(s))?
    } else {
        return duration::parse(s).map_err(|e| {
            (
                if matches!(e.problem, crate::error::Problem::DurationRange { .. }) {
                    "duration_range"
                } else {
                    "bad_duration"
                },
                e.problem.to_string(),
            )
        });
    };
    if minutes == 0 || minutes > duration::MAX_MINUTES {
        return Err((
            "duration_range",
            format!("a duration is between 1 minute and 24 hours, not '{s}'"),
        ));
    }
    Ok(minutes)
}

/// Another tool's duration, to the second: `1:30:00` and `0:06` (Toggl, Clockify, Kimai since
/// 2.32), a plain number in the file's [`Unit`] (`12600` seconds from Kimai before 2.27, `1.5`
/// or `1,50` hours), or what Konbit's fields accept (`1h30`, `90m`).
fn parse_seconds(s: &str, unit: Unit) -> Result<u32, (&'static str, String)> {
    if s.contains(':') {
        return clock_seconds(s).ok_or_else(|| bad_duration(s));
    }
    let decimal = s.replace(',', ".");
    if decimal.bytes().all(|b| b.is_ascii_digit() || b == b'.') && decimal.parse::<f64>().is_ok() {
        return match unit {
            Unit::Seconds => s.parse::<u32>().map_err(|_| {
                (
                    "not_seconds",
                    format!("'{s}' is not a whole number of seconds, as the other lines of this file are"),
                )
            }),
            Unit::Hours => match decimal.parse::<f64>() {
                Ok(h) if h <= 1000.0 => Ok((h * 3600.0).round() as u32),
                _ => Err(bad_duration(s)),
            },
        };
    }
    duration::parse(s)
        .map(|m| m * 60)
        .map_err(|_| bad_duration(s))
}

/// `h:mm` or `h:mm:ss`, the hours of any length.
fn clock_seconds(s: &str) -> Option<u32> {
    let n = |x: &str| {
        (!x.is_empty() && x.bytes().all(|b| b.is_ascii_digit()))
            .then(|| x.parse::<u32>().ok())
            .flatten()
    };
    match s.split(':').collect::<Vec<_>>()[..] {
        [h, m] if m.len() == 2 => Some(n(h)?.checked_mul(3600)? + n(m).filter(|&m| m < 60)? * 60),
        [h, m, sec] if m.len() == 2 && sec.len() == 2 => Some(
            n(h)?.checked_mul(3600)?
                + n(m).filter(|&m| m < 60)? * 60
                + n(sec).filter(|&s| s < 60)?,
        ),
        _ => None,
    }
}

fn bad_duration(s: &str) -> (&'static str, String) {
    (
        "bad_duration",
        format!("'{s}' is not a duration; write it like 1:30, 1h30, 1,5 or 90m"),
    )
}

fn parse_yes_no(s: &str) -> Result<Option<bool>, ()> {
    match fold(s).as_str() {
        "" => Ok(None),
        "yes" | "oui" | "ja" | "true" | "vrai" | "1" | "y" | "o" => Ok(Some(true)),
        "no" | "non" | "nein" | "false" | "faux" | "0" | "n" => Ok(Some(false)),
        _ => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_as_the_exports_write_them() {
        let date = |s| parse_date(s, Slashed::Either);
        assert_eq!(date("2013-01-15"), "2013-01-15".parse().ok());
        assert_eq!(date("2013-01-15T09:30:00-05:00"), "2013-01-15".parse().ok());
        assert_eq!(date("15.01.2013"), "2013-01-15".parse().ok());
        assert_eq!(date("01/02/2013"), None);
        assert_eq!(date("03/03/2013"), "2013-03-03".parse().ok());
        assert_eq!(
            parse_date("01/02/2013", Slashed::DayFirst),
            "2013-02-01".parse().ok()
        );
        assert_eq!(
            parse_date("01/02/2013", Slashed::MonthFirst),
            "2013-01-02".parse().ok()
        );
        assert_eq!(date("2013-02-30"), None);
        let time = |s| parse_time(s, Slashed::Either);
        assert_eq!(
            time("2013-01-15 09:30:00"),
            Ok(NaiveTime::from_hms_opt(9, 30, 0))
        );
        assert_eq!(time("17:05"), Ok(NaiveTime::from_hms_opt(17, 5, 0)));
        assert_eq!(time("03:30 PM"), Ok(NaiveTime::from_hms_opt(15, 30, 0)));
        assert_eq!(time("midi"), Err(()));
        assert_eq!(parse_minutes("01:30:00"), Ok(90));
        assert_eq!(parse_minutes("00:44:31"), Ok(45));
        assert_eq!(parse_minutes("1,50"), Ok(90));
        assert_eq!(parse_minutes("2.25"), Ok(135));
        assert_eq!(parse_minutes("1h30"), Ok(90));
        assert!(parse_minutes("00:00:10").is_err());
        assert!(parse_minutes("25:00:00").is_err());
        assert_eq!(parse_yes_no("Oui"), Ok(Some(true)));
        assert_eq!(parse_yes_no("No"), Ok(Some(false)));
        assert_eq!(parse_yes_no(""), Ok(None));
    }

    /// The durations as each tool writes them, in seconds before rounding.
    #[test]
    fn durations_to_the_second() {
        let check = |s, unit, expect: Result<u32, &str>| {
            assert_eq!(
                parse_seconds(s, unit).map_err(|(code, _)| code),
                expect,
                "{s}"
            );
        };
        check("12600", Unit::Seconds, Ok(12_600));
        check("400", Unit::Seconds, Ok(400));
        check("1.5", Unit::Seconds, Err("not_seconds"));
        check("0.11", Unit::Hours, Ok(396));
        check("2,50", Unit::Hours, Ok(9_000));
        check("2", Unit::Hours, Ok(7_200));
        check("0:06", Unit::Seconds, Ok(360));
        check("0:06:40", Unit::Hours, Ok(400));
        check("00:00:29", Unit::Hours, Ok(29));
        check("1h30", Unit::Hours, Ok(5_400));
        check("0:6", Unit::Hours, Err("bad_duration"));
        check("bientôt", Unit::Hours, Err("bad_duration"));
    }

    #[test]
    fn semicolons_and_a_byte_order_mark() {
        let file =
            "\u{feff}date;worker;project;duration\n2013-01-15;Omar Benali;Administration;1:30\n";
        let lines = lines(Format::Csv, file.as_bytes()).unwrap();
        assert_eq!(
            (
                lines[0].number,
                lines[0].minutes,
                lines[0].worker[0].as_str()
            ),
            (2, 90, "Omar Benali")
        );
    }

    #[test]
    fn equal_lines_are_two_entries_and_keep_their_keys() {
        let file =
            "date,worker,project,duration\n2013-01-15,Omar,Admin,1\n2013-01-15,Omar,Admin,1\n";
        let a = lines(Format::Csv, file.as_bytes()).unwrap();
        let b = lines(Format::Csv, file.as_bytes()).unwrap();
        assert_ne!(a[0].source, a[1].source);
        assert_eq!(a, b);
    }
}
