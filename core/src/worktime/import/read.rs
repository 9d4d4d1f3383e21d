//! Reading a timesheet export into [`Line`]s: the encoding, the delimiter, the header of each
//! known format, and each cell's date, time, duration and yes/no as Kimai, Toggl Track and
//! Konbit's own CSV write them. Every problem names its line and column.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use sha2::{Digest, Sha256};

use super::Problem;
use crate::text::{fold, text_enum};
use crate::worktime::duration;

text_enum! {
    /// The timesheet exports Konbit reads.
    pub enum Format {
        Kimai => "kimai",
        Toggl => "toggl",
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
    /// Names, logins or e-mails of the worker, in the order to try them.
    pub worker: Vec<String>,
    pub client: String,
    pub project: String,
    pub committee: String,
    pub description: String,
    pub billable: Option<bool>,
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
    Client,
    Project,
    Committee,
    Activity,
    Description,
    Billable,
}

/// Header names per field, folded (lower case, no accents). Kimai translates its headers into the
/// exporting user's language, so its English, French and German names are all accepted.
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
                &["username", "identifiant", "benutzername", "login"],
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
        Format::Csv => "a Konbit CSV has date, worker, client, project or committee, duration (or start and end), description, billable",
    }
}

/// Reads the whole file. Either every line is read, or every problem is returned.
pub(super) fn lines(format: Format, bytes: &[u8]) -> Result<Vec<Line>, Vec<Problem>> {
    let mut reader = Reader::open(format, bytes)?;
    let (mut out, mut problems) = (Vec::new(), Vec::new());
    while let Some((mut lines, mut met)) = reader.chunk(usize::MAX) {
        out.append(&mut lines);
        problems.append(&mut met);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    reader.end().map_err(|p| vec![p])?;
    Ok(out)
}

/// A file read a chunk of lines at a time, so that an import can write the first lines while
/// the next are read on another core.
pub(super) struct Reader<'a> {
    format: Format,
    columns: Columns,
    records: csv::ByteRecordsIntoIter<&'a [u8]>,
    /// Hashes of lines without an id, for identical lines' counters (see [`source_key`]).
    seen: HashMap<String, u32>,
    /// Lines read and lines refused so far.
    read: usize,
    refused: usize,
}

impl<'a> Reader<'a> {
    /// Checks the encoding and reads the header, or says why the file cannot be read at all.
    pub(super) fn open(format: Format, bytes: &'a [u8]) -> Result<Reader<'a>, Vec<Problem>> {
        let text = decode(bytes).map_err(|p| vec![p])?;
        let delimiter = delimiter(text);
        let reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut records = reader.into_byte_records();
        let header = match records.next() {
            Some(Ok(h)) if h.iter().any(|c| !c.is_empty()) => h,
            Some(Err(e)) => return Err(vec![csv_problem(&e)]),
            _ => {
                return Err(vec![Problem::file(
                    "the file is empty; export the timesheets again",
                )
                .because("empty", "")])
            }
        };
        let columns = Columns::from_header(format, &header)?;
        Ok(Reader {
            format,
            columns,
            records,
            seen: HashMap::new(),
            read: 0,
            refused: 0,
        })
    }

    /// Up to `n` more lines, and the problems of the lines that could not be read among them;
    /// `None` at the end of the file. Blank lines are skipped.
    pub(super) fn chunk(&mut self, n: usize) -> Option<(Vec<Line>, Vec<Problem>)> {
        let (mut out, mut problems) = (Vec::new(), Vec::new());
        let mut taken = 0;
        while taken < n {
            let Some(record) = self.records.next() else {
                break;
            };
            taken += 1;
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    problems.push(csv_problem(&e));
                    continue;
                }
            };
            if record.iter().all(|c| c.iter().all(u8::is_ascii_whitespace)) {
                continue;
            }
            let number = record.position().map_or(0, |p| p.line());
            match self
                .columns
                .line(self.format, number, &record, &mut self.seen)
            {
                Ok(line) => out.push(line),
                Err(mut p) => problems.append(&mut p),
            }
        }
        self.read += out.len();
        self.refused += problems.len();
        (taken > 0).then_some((out, problems))
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

/// UTF-8, with or without a byte-order mark. Other encodings are refused with the line of the
/// first byte that is not UTF-8, rather than guessed: a wrong guess would corrupt every accent.
fn decode(bytes: &[u8]) -> Result<&str, Problem> {
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

fn csv_problem(e: &csv::Error) -> Problem {
    let line = e.position().map_or(0, |p| p.line());
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
}

impl Columns {
    fn from_header(format: Format, header: &csv::ByteRecord) -> Result<Columns, Vec<Problem>> {
        let names: Vec<String> = header
            .iter()
            .map(|c| String::from_utf8_lossy(c).trim().to_string())
            .collect();
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
        let columns = Columns { index, names };
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
        if !has(Field::WorkerName) && !has(Field::WorkerLogin) && !has(Field::WorkerEmail) {
            missing.push("worker");
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
    ) -> Result<Line, Vec<Problem>> {
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
        let worker: Vec<String> = [
            cell(Field::WorkerName),
            cell(Field::WorkerLogin),
            cell(Field::WorkerEmail),
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
        let name = |f: Field| self.index.get(&f).map(|&i| self.names[i].as_str());

        let date = parse_date(&date).ok_or_else(|| {
            Problem::at(
                number,
                name(Field::Date),
                format!("'{date}' is not a date; write it like 2013-01-15"),
            )
            .because("bad_date", &date)
        });
        let start_time = parse_time(&start).map_err(|()| {
            Problem::at(
                number,
                name(Field::Start),
                format!("'{start}' is not a time of day; write it like 09:30"),
            )
            .because("bad_time", &start)
        });
        let end_time = parse_time(&end).map_err(|()| {
            Problem::at(
                number,
                name(Field::End),
                format!("'{end}' is not a time of day; write it like 17:00"),
            )
            .because("bad_time", &end)
        });
        let minutes = match (dur.is_empty(), &start_time, &end_time) {
            (false, _, _) => parse_minutes(&dur).map_err(|(code, why)| {
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
        let billable = parse_yes_no(&billable).map_err(|()| {
            Problem::at(
                number,
                name(Field::Billable),
                format!("'{billable}' is neither yes nor no"),
            )
            .because("not_yes_no", &billable)
        });
        if worker.is_empty() {
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
        let (date, start, _, minutes, billable) =
            match (date, start_time, end_time, minutes, billable) {
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
        Ok(Line {
            number,
            source: source_key(format, &id, record, seen),
            date,
            start,
            minutes,
            worker,
            client,
            project,
            committee,
            description,
            billable,
        })
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

/// `2013-01-15`, `2013-01-15 09:30:00`, `2013-01-15T09:30:00-05:00`, or `15.01.2013` (Kimai in
/// German). Slashed dates are refused: `01/02/2013` means two different days in Canada.
fn parse_date(s: &str) -> Option<NaiveDate> {
    let iso = s
        .get(..10)
        .filter(|_| s.len() == 10 || matches!(s.as_bytes()[10], b' ' | b'T'));
    if let Some(d) = iso.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) {
        return Some(d);
    }
    NaiveDate::parse_from_str(s, "%d.%m.%Y").ok()
}

/// `09:30`, `09:30:15`, `9h30`, or the time of a date-time; empty is no time.
fn parse_time(s: &str) -> Result<Option<NaiveTime>, ()> {
    if s.is_empty() {
        return Ok(None);
    }
    let t = match s.len() {
        n if n > 10 && parse_date(s).is_some() => &s[11..s.len().min(19)],
        _ => s,
    };
    ["%H:%M:%S", "%H:%M", "%Hh%M"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(t, f).ok())
        .map(Some)
        .ok_or(())
}

fn span(start: NaiveTime, end: NaiveTime) -> Option<u32> {
    let minutes = (end - start).num_minutes();
    (minutes > 0).then_some(minutes as u32)
}

/// `01:30:00` (Toggl, Kimai), `1.5` or `1,50` hours (Kimai's decimal duration), and every form
/// Konbit's own fields accept (`1:30`, `1h30`, `90m`). Seconds round to the nearest minute.
fn parse_minutes(s: &str) -> Result<u32, (&'static str, String)> {
    let parts: Vec<&str> = s.split(':').collect();
    let minutes = if let [h, m, sec] = parts[..] {
        let n = |x: &str| x.parse::<u32>().ok();
        match (n(h), n(m), n(sec)) {
            (Some(h), Some(m), Some(sec)) if m < 60 && sec < 60 => {
                h * 60 + m + u32::from(sec >= 30)
            }
            _ => {
                return Err((
                    "bad_duration",
                    format!("'{s}' is not a duration; write it like 1:30 or 1,5"),
                ))
            }
        }
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
        assert_eq!(parse_date("2013-01-15"), "2013-01-15".parse().ok());
        assert_eq!(
            parse_date("2013-01-15T09:30:00-05:00"),
            "2013-01-15".parse().ok()
        );
        assert_eq!(parse_date("15.01.2013"), "2013-01-15".parse().ok());
        assert_eq!(parse_date("01/02/2013"), None);
        assert_eq!(parse_date("2013-02-30"), None);
        assert_eq!(
            parse_time("2013-01-15 09:30:00"),
            Ok(NaiveTime::from_hms_opt(9, 30, 0))
        );
        assert_eq!(parse_time("17:05"), Ok(NaiveTime::from_hms_opt(17, 5, 0)));
        assert_eq!(parse_time("midi"), Err(()));
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
