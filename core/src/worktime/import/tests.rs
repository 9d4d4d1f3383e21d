use super::*;
use crate::worktime::entry::tests::fixture;

const KIMAI_EN: &[u8] = include_bytes!("fixtures/kimai-en.csv");
const KIMAI_FR: &[u8] = include_bytes!("fixtures/kimai-fr.csv");
const TOGGL: &[u8] = include_bytes!("fixtures/toggl.csv");
const KIMAI_SECONDS: &[u8] = include_bytes!("fixtures/kimai-2.26-seconds.csv");
const KIMAI_DECIMAL: &[u8] = include_bytes!("fixtures/kimai-2.3x-decimal.csv");
const KIMAI_FR_HHMM: &[u8] = include_bytes!("fixtures/kimai-fr-hhmm.csv");
const KIMAI_EXCEL: &[u8] = include_bytes!("fixtures/kimai-excel-crlf.csv");
const KIMAI_SHIFTED: &[u8] = include_bytes!("fixtures/kimai-shifted.csv");
const TOGGL_SECONDS: &[u8] = include_bytes!("fixtures/toggl-seconds.csv");
const TOGGL_SINGLE: &[u8] = include_bytes!("fixtures/toggl-single-user.csv");
const CLOCKIFY: &[u8] = include_bytes!("fixtures/clockify.csv");
const HARVEST: &[u8] = include_bytes!("fixtures/harvest.csv");

fn count(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM time_entries", [], |r| r.get(0))
        .unwrap()
}

fn rejected(result: Result<ImportOutcome>) -> Vec<String> {
    match result {
        Err(Error::Rejected { problems }) => problems.iter().map(ToString::to_string).collect(),
        other => panic!("expected the file to be refused, got {other:?}"),
    }
}

#[test]
fn a_kimai_export_imports_once() {
    let f = fixture();
    let conn = f.store.conn();
    let options = ImportOptions::default();
    let p = preview(conn, Format::Kimai, KIMAI_EN, &options).unwrap();
    assert_eq!(
        (p.lines, p.new_entries, p.already_imported, p.problem_count),
        (5, 5, 0, 0),
        "{:?}",
        p.problems
    );
    assert_eq!(p.total_minutes, 210 + 105 + 60 + 90 + 120);
    assert_eq!(
        p.first_rows[2].line, 4,
        "a quoted description over two lines is one record"
    );
    assert_eq!(
        p.first_rows[0].target,
        "Comité logement de la Petite-Patrie / Site web"
    );

    let first = commit(conn, Format::Kimai, KIMAI_EN, &options).unwrap();
    assert_eq!(
        (first.imported, first.already_imported, first.minutes),
        (5, 0, 585)
    );
    let again = commit(conn, Format::Kimai, KIMAI_EN, &options).unwrap();
    assert_eq!((again.imported, again.already_imported), (0, 5));
    assert_eq!(count(conn), 5);
    assert_eq!(
        preview(conn, Format::Kimai, KIMAI_EN, &options)
            .unwrap()
            .already_imported,
        5
    );

    let (description, billable, start): (String, bool, String) = conn
        .query_row(
            "SELECT description, billable, start_time FROM time_entries WHERE minutes = 105",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (description.as_str(), billable, start.as_str()),
        (
            "Réunion — Rencontre avec le comité, \"version 2\"",
            true,
            "13:15"
        )
    );
    let committee_hours: i64 = conn
        .query_row(
            "SELECT sum(minutes) FROM time_entries WHERE committee_id IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        committee_hours, 120,
        "a project without a client that names a committee is committee work"
    );
}

#[test]
fn kimai_in_french_with_semicolons_and_decimal_commas() {
    let f = fixture();
    let conn = f.store.conn();
    let outcome = commit(conn, Format::Kimai, KIMAI_FR, &ImportOptions::default()).unwrap();
    assert_eq!((outcome.imported, outcome.minutes), (2, 150 + 45));
}

#[test]
fn a_toggl_detailed_report() {
    let f = fixture();
    let conn = f.store.conn();
    let outcome = commit(conn, Format::Toggl, TOGGL, &ImportOptions::default()).unwrap();
    assert_eq!(
        (outcome.imported, outcome.minutes),
        (4, 149 + 30 + 135 + 20),
        "02:28:31 rounds to 149 minutes"
    );
    let billable: i64 = conn
        .query_row(
            "SELECT count(*) FROM time_entries WHERE billable",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(billable, 2);
}

#[test]
fn a_broken_file_reports_every_line_and_writes_nothing() {
    let f = fixture();
    let conn = f.store.conn();
    let text = String::from_utf8(TOGGL.to_vec()).unwrap();
    let broken = text
        .replacen("2013-02-04,09:12:00", "2013-13-04,09:12:00", 1)
        .replacen("00:30:00,,", "bientôt,,", 1);
    let problems = rejected(commit(
        conn,
        Format::Toggl,
        broken.as_bytes(),
        &ImportOptions::default(),
    ));
    assert_eq!(
        problems,
        [
            "line 2, column Start date: '2013-13-04' is not a date; write it like 2013-01-15",
            "line 3, column Duration: 'bientôt' is not a duration; write it like 1:30, 1h30, 1,5 or 90m",
        ]
    );
    assert_eq!(count(conn), 0);
}

/// The lines are written as they are read: a problem near the end, chunks after the first were
/// written, still leaves nothing behind, the sums included.
#[test]
fn a_problem_on_the_last_line_undoes_the_lines_written_before_it() {
    let f = fixture();
    let conn = f.store.conn();
    let mut file = String::from("id,date,worker,project,duration\n");
    for i in 0..3 * CHUNK {
        // Eight lines of 1:15 a day: 10 hours, within the 24 a day may hold.
        let day = "2010-01-04".parse::<NaiveDate>().unwrap() + chrono::Days::new(i as u64 / 8);
        file.push_str(&format!("{i},{day},Omar Benali,Administration,1:15\n"));
    }
    file.push_str("last,2013-01-31,Nadia Roy,Administration,1\n");
    let problems = rejected(commit(
        conn,
        Format::Csv,
        file.as_bytes(),
        &ImportOptions::default(),
    ));
    assert_eq!(
        problems,
        [format!("line {}: no worker is named 'Nadia Roy'; add them under Organisation, map them, or import with --create-missing", 3 * CHUNK + 2)]
    );
    let sums: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM work_months) + (SELECT count(*) FROM worker_halves)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!((count(conn), sums), (0, 0));
    let outcome = commit(
        conn,
        Format::Csv,
        file.replace("Nadia Roy", "Omar Benali").as_bytes(),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(outcome.imported as usize, 3 * CHUNK + 1);
    assert!(
        crate::check::run(conn).unwrap().is_empty(),
        "the sums agree with the entries"
    );
}

#[test]
fn files_that_are_not_timesheets() {
    let f = fixture();
    let conn = f.store.conn();
    let options = ImportOptions::default();
    assert_eq!(
        rejected(commit(conn, Format::Kimai, b"", &options)),
        ["the file is empty; export the timesheets again"]
    );
    let no_duration = b"Date,Name,Customer,Project\n2013-01-14,Omar Benali,,Administration\n";
    assert_eq!(rejected(commit(conn, Format::Kimai, no_duration, &options))[0], "line 1: the column for the duration is missing; a Kimai timesheet export has Date, From/Begin, To/End, Duration, User or Name, Customer, Project, Activity, Description");
    let latin1 = b"date,worker,project,duration\n2013-01-14,Omar Benali,Administration,1\n2013-01-15,H\xe9lo\xefse Tremblay,Administration,2\n";
    assert_eq!(
        rejected(commit(conn, Format::Csv, latin1, &options))[0],
        "line 3: this line is not UTF-8 text (probably Windows-1252 or Latin-1); save the file as UTF-8 and import it again"
    );
    let renamed: [(&[u8], &str); 7] = [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        (
            b"PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml",
            "an Excel workbook (.xlsx)",
        ),
        (
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
            "an Excel 97-2003 workbook (.xls)",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (
            &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F'],
            "a JPEG image",
        ),
        (
            b"PK\x03\x04\x14\x00\x00\x00\x08\x00feuilles.csv",
            "a zip archive",
        ),
        (&[0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0], "a gzip archive"),
    ];
    for (bytes, what) in renamed {
        assert_eq!(
            rejected(commit(conn, Format::Kimai, bytes, &options)),
            [format!("this file is {what}, not a CSV export; export the timesheets as CSV and choose that file")]
        );
    }
    let utf16 = [0xFF, 0xFE, b'd', 0];
    assert!(rejected(commit(conn, Format::Csv, &utf16, &options))[0].contains("UTF-16"));
    assert_eq!(count(conn), 0);
    let p = preview(conn, Format::Csv, latin1, &options).unwrap();
    assert_eq!((p.lines, p.problem_count), (0, 1));
}

#[test]
fn unknown_names_are_refused_mapped_or_created() {
    let f = fixture();
    let conn = f.store.conn();
    let file = "date,worker,client,project,duration\n\
                2013-03-04,Nadia Roy,Atelier de vélo,Site web,2\n\
                2013-03-05,Nadia Roy,Atelier de vélo,Site web,3\n\
                2013-03-05,Omar Benali,,Légal,1\n";
    let problems = rejected(commit(
        conn,
        Format::Csv,
        file.as_bytes(),
        &ImportOptions::default(),
    ));
    assert_eq!(
        problems,
        [
            "line 2: no worker is named 'Nadia Roy' (and 1 more lines); add them under Organisation, map them, or import with --create-missing",
            "line 2: no client is named 'Atelier de vélo' (and 1 more lines); add it, map its projects, or import with --create-missing",
            "line 2: no project is named 'Atelier de vélo / Site web' (and 1 more lines); add it, map it, or import with --create-missing",
        ]
    );

    let mapped = ImportOptions {
        workers: [("Nadia Roy".to_string(), f.worker)].into(),
        targets: [(
            "Atelier de vélo / Site web".to_string(),
            MappedTarget {
                project_id: Some(f.hourly),
                committee_id: None,
            },
        )]
        .into(),
        ..Default::default()
    };
    let p = preview(conn, Format::Csv, file.as_bytes(), &mapped).unwrap();
    assert_eq!((p.new_entries, p.problem_count), (3, 0));

    let create = ImportOptions {
        create_missing: true,
        ..Default::default()
    };
    let p = preview(conn, Format::Csv, file.as_bytes(), &create).unwrap();
    assert_eq!(
        p.missing.iter().map(Missing::key).collect::<Vec<_>>(),
        ["Nadia Roy", "Atelier de vélo", "Atelier de vélo / Site web"]
    );
    assert_eq!(p.problem_count, 0);
    let outcome = commit(conn, Format::Csv, file.as_bytes(), &create).unwrap();
    assert_eq!(outcome.imported, 3);
    assert_eq!(
        outcome.created.iter().map(|m| m.kind).collect::<Vec<_>>(),
        [
            MissingKind::Worker,
            MissingKind::Client,
            MissingKind::Project
        ]
    );
    let status: String = conn
        .query_row("SELECT status || ' ' || start_on FROM worker_statuses JOIN workers ON workers.id = worker_id JOIN members ON members.id = member_id WHERE members.name = 'Nadia Roy'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(status, "freelance 2013-03-04");
}

#[test]
fn an_import_cannot_overfill_a_day() {
    let f = fixture();
    let conn = f.store.conn();
    crate::worktime::entry::create(
        conn,
        &crate::worktime::entry::tests::input(&f, "2013-01-15", "20"),
    )
    .unwrap();
    let file = "id,date,worker,project,duration\nk1,2013-01-15,Omar Benali,Administration,3\nk2,2013-01-15,Omar Benali,Administration,2\n";
    let refused = commit(
        conn,
        Format::Csv,
        file.as_bytes(),
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert_eq!(refused.field(), Some("duration"));
    assert!(refused.to_string().contains("Omar Benali already has 23:00 h recorded on 2013-01-15; a day holds 24 h, so at most 1:00 h more fit, not 2:00"), "{refused}");
    let fits = file.replace(",2\n", ",1\n");
    assert_eq!(
        commit(
            conn,
            Format::Csv,
            fits.as_bytes(),
            &ImportOptions::default()
        )
        .unwrap()
        .imported,
        2
    );
    assert_eq!(
        commit(
            conn,
            Format::Csv,
            fits.as_bytes(),
            &ImportOptions::default()
        )
        .unwrap()
        .already_imported,
        2,
        "a full day imported again is no error"
    );
}

#[test]
fn a_hundred_thousand_lines_in_one_transaction() {
    let mut f = fixture();
    let mut file = String::from("id,date,worker,project,committee,duration,description\n");
    // Omar's days from 2007 to 2015, 34 lines at most each: about 16 hours, within the 24 a
    // day may hold.
    let start: NaiveDate = "2007-02-01".parse().unwrap();
    for i in 0..100_000u32 {
        let day = start + chrono::Days::new(u64::from(i % 3_000));
        let (project, committee) = if i % 3 == 0 {
            ("", "Légal")
        } else {
            ("Administration", "")
        };
        file.push_str(&format!(
            "{i},{day},Omar Benali,{project},{committee},{}m,ligne {i}\n",
            15 + (i / 3_000) % 30
        ));
    }
    let began = std::time::Instant::now();
    let outcome = f
        .store
        .write(|tx| commit(tx, Format::Csv, file.as_bytes(), &ImportOptions::default()))
        .unwrap();
    eprintln!(
        "100 000 lines imported in {:?} (debug build)",
        began.elapsed()
    );
    assert_eq!(outcome.imported, 100_000);
    let again = f
        .store
        .write(|tx| commit(tx, Format::Csv, file.as_bytes(), &ImportOptions::default()))
        .unwrap();
    assert_eq!(again.already_imported, 100_000);
    assert_eq!(count(f.store.conn()), 100_000);
}

fn imported(conn: &Connection, format: Format, file: &[u8]) -> ImportOutcome {
    commit(conn, format, file, &ImportOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// (line, minutes, billable, description) of what a file wrote, in the order of its lines.
fn entries(conn: &Connection) -> Vec<(u32, bool, String)> {
    let mut stmt = conn
        .prepare("SELECT minutes, billable, description FROM time_entries ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn kimai_before_2_27_writes_seconds() {
    let f = fixture();
    let conn = f.store.conn();
    let outcome = imported(conn, Format::Kimai, KIMAI_SECONDS);
    assert_eq!(
        (outcome.imported, outcome.minutes),
        (3, 210 + 7 + 105),
        "12600 s is 3:30; 400 s rounds to 7 minutes"
    );
    assert_eq!(
        entries(conn),
        [
            (
                210,
                true,
                "Sysadmin — Mise à jour du pare-feu, \"urgence\"".to_string()
            ),
            (
                7,
                false,
                "Support — Appel au sujet des courriels".to_string()
            ),
            (105, false, "Réunion — Assemblée d'équipe".to_string()),
        ]
    );
}

#[test]
fn kimai_since_2_27_decimal_hours_and_an_empty_billable_cell() {
    let f = fixture();
    let conn = f.store.conn();
    let create = ImportOptions {
        create_missing: true,
        ..Default::default()
    };
    let outcome = commit(conn, Format::Kimai, KIMAI_DECIMAL, &create).unwrap();
    assert_eq!(
        (outcome.imported, outcome.minutes),
        (3, 150 + 7 + 120),
        "0.11 h is 6.6 minutes, rounded to 7; a whole 2 is two hours, not two seconds"
    );
    let billable: Vec<bool> = entries(conn).into_iter().map(|e| e.1).collect();
    assert_eq!(
        billable,
        [true, false, false],
        "Kimai writes false as nothing"
    );
    let email: String = conn
        .query_row(
            "SELECT email FROM members WHERE name = 'Nadia Roy'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        email, "nadia@koumbit.org",
        "a created worker keeps the file's e-mail"
    );
}

#[test]
fn kimai_in_french_with_clock_durations() {
    let f = fixture();
    let conn = f.store.conn();
    let outcome = imported(conn, Format::Kimai, KIMAI_FR_HHMM);
    assert_eq!((outcome.imported, outcome.minutes), (2, 150 + 45));
    assert_eq!(entries(conn)[0].2, "Support — Rencontre; suivi");
}

#[test]
fn an_excel_resave_with_semicolons_crlf_and_a_bom_keeps_its_line_numbers() {
    let f = fixture();
    let conn = f.store.conn();
    let p = preview(conn, Format::Kimai, KIMAI_EXCEL, &ImportOptions::default()).unwrap();
    assert_eq!(p.problem_count, 0, "{:?}", p.problems);
    assert_eq!(
        p.first_rows
            .iter()
            .map(|r| (r.line, r.minutes))
            .collect::<Vec<_>>(),
        [(2, 210), (3, 7), (4, 105)]
    );
    let broken =
        String::from_utf8(KIMAI_EXCEL.to_vec())
            .unwrap()
            .replacen("2013-03-05", "2013-03-32", 1);
    let problems = rejected(commit(
        conn,
        Format::Kimai,
        broken.as_bytes(),
        &ImportOptions::default(),
    ));
    assert_eq!(
        problems,
        ["line 4, column Date: '2013-03-32' is not a date; write it like 2013-01-15"]
    );
}

#[test]
fn a_shifted_row_is_refused_with_its_line_and_creates_nothing() {
    let f = fixture();
    let conn = f.store.conn();
    let create = ImportOptions {
        create_missing: true,
        ..Default::default()
    };
    let problems = rejected(commit(conn, Format::Kimai, KIMAI_SHIFTED, &create));
    assert_eq!(
        problems,
        ["line 3: this line has 26 cells and the header 25 columns: a cell holding the separator without quotes? Put that cell between double quotes, or export the file again"]
    );
    let clients: i64 = conn
        .query_row(
            "SELECT count(*) FROM clients WHERE name = 'Ligue des droits et libertés'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!((count(conn), clients), (0, 0));
}

#[test]
fn toggl_entries_under_half_a_minute_are_left_out_and_listed() {
    let f = fixture();
    let conn = f.store.conn();
    let options = ImportOptions::default();
    let p = preview(conn, Format::Toggl, TOGGL_SECONDS, &options).unwrap();
    assert_eq!(
        (p.lines, p.problem_count, p.short_count),
        (2, 0, 2),
        "{:?}",
        p.problems
    );
    assert_eq!(
        p.short
            .iter()
            .map(|s| (s.line, s.seconds))
            .collect::<Vec<_>>(),
        [(3, 29), (5, 4)]
    );
    let outcome = commit(conn, Format::Toggl, TOGGL_SECONDS, &options).unwrap();
    assert_eq!(
        (outcome.imported, outcome.minutes, outcome.short_count),
        (2, 75 + 1, 2),
        "1:14:44 rounds to 75 minutes, 31 s to one"
    );
    assert_eq!(outcome.short[0].worker, "Omar Benali");
}

#[test]
fn a_single_person_toggl_export_asks_whose_hours_they_are() {
    let f = fixture();
    let conn = f.store.conn();
    let p = preview(conn, Format::Toggl, TOGGL_SINGLE, &ImportOptions::default()).unwrap();
    assert!(p.needs_worker);
    assert_eq!(
        p.problems
            .iter()
            .map(|p| p.code.as_str())
            .collect::<Vec<_>>(),
        ["choose_worker"]
    );
    assert_eq!(
        rejected(commit(conn, Format::Toggl, TOGGL_SINGLE, &ImportOptions::default())),
        ["the file names no worker (a single person's export); say whose hours they are: choose the worker, or import with --worker NAME"]
    );
    let options = ImportOptions {
        worker: Some(f.worker),
        ..Default::default()
    };
    let p = preview(conn, Format::Toggl, TOGGL_SINGLE, &options).unwrap();
    assert_eq!((p.problem_count, p.new_entries, p.short_count), (0, 1, 1));
    let outcome = commit(conn, Format::Toggl, TOGGL_SINGLE, &options).unwrap();
    assert_eq!((outcome.imported, outcome.minutes), (1, 150));
    let worker: i64 = conn
        .query_row("SELECT worker_id FROM time_entries", [], |r| r.get(0))
        .unwrap();
    assert_eq!(worker, f.worker);
}

#[test]
fn a_clockify_detailed_report_with_day_first_dates_and_12_hour_times() {
    let f = fixture();
    let conn = f.store.conn();
    let outcome = imported(conn, Format::Clockify, CLOCKIFY);
    assert_eq!((outcome.imported, outcome.minutes), (2, 135 + 30));
    let (day, start): (String, String) = conn
        .query_row(
            "SELECT work_date, start_time FROM time_entries WHERE minutes = 30",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (day.as_str(), start.as_str()),
        ("2013-03-04", "13:30"),
        "04/03/2013 is the 4th of March: another line has 13/03/2013"
    );
    let ambiguous = String::from_utf8(CLOCKIFY.to_vec())
        .unwrap()
        .replace("13/03/2013", "12/03/2013");
    assert_eq!(
        rejected(commit(conn, Format::Clockify, ambiguous.as_bytes(), &ImportOptions::default())),
        ["line 1, column Start Date: the dates are written with slashes and could be day/month or month/day; set the date format to YYYY-MM-DD (in Clockify: Profile settings) and export again"]
    );
}

#[test]
fn a_harvest_detailed_time_report() {
    let f = fixture();
    let conn = f.store.conn();
    let outcome = imported(conn, Format::Harvest, HARVEST);
    assert_eq!((outcome.imported, outcome.minutes), (2, 105 + 30));
    assert_eq!(
        entries(conn)[0],
        (
            105,
            true,
            "Sysadmin — Renouvellement des certificats, domaine principal".to_string()
        )
    );
}

#[test]
fn the_problems_listed_stop_at_fifty() {
    let f = fixture();
    let conn = f.store.conn();
    let mut file = String::from("date,worker,project,duration\n");
    for _ in 0..120 {
        file.push_str("2013-13-01,Omar Benali,Administration,1\n");
    }
    let p = preview(
        conn,
        Format::Csv,
        file.as_bytes(),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!((p.problems.len(), p.problem_count), (MAX_PROBLEMS, 120));
    let refused = commit(
        conn,
        Format::Csv,
        file.as_bytes(),
        &ImportOptions::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(refused.ends_with("(and 119 more problems)"), "{refused}");
}
