use super::*;
use crate::worktime::entry::tests::fixture;

const KIMAI_EN: &[u8] = include_bytes!("fixtures/kimai-en.csv");
const KIMAI_FR: &[u8] = include_bytes!("fixtures/kimai-fr.csv");
const TOGGL: &[u8] = include_bytes!("fixtures/toggl.csv");

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
