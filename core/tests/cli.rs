//! The `konbit` binary as a script would use it: exit codes, what goes to stdout and stderr.

use std::path::Path;
use std::process::{Command, Output};

fn konbit(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_konbit")).arg("--db").arg(db).args(args).output().expect("the konbit binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn import_a_timesheet_twice_then_export_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("konbit.sqlite");
    assert!(konbit(&db, &["demo"]).status.success());
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/src/worktime/import/fixtures/toggl.csv");

    let first = konbit(&db, &["import", "time", "--format", "toggl", fixture]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(text(&first.stdout).contains("4 entries imported (5:34 h), 0 already there"), "{}", text(&first.stdout));
    let second = konbit(&db, &["import", "time", "--format", "toggl", fixture]);
    assert!(text(&second.stdout).contains("0 entries imported (0:00 h), 4 already there"));

    let broken = dir.path().join("broken.csv");
    let content = std::fs::read_to_string(fixture).unwrap().replace("2013-02-05,10:00:00", "5 février,10:00:00");
    std::fs::write(&broken, content).unwrap();
    let refused = konbit(&db, &["import", "time", "--format", "toggl", broken.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stderr).contains("line 4, column Start date: '5 février' is not a date"), "{}", text(&refused.stderr));

    let out = dir.path().join("omar.csv");
    let export = konbit(&db, &["export", "time", "--from", "2013-02-04", "--to", "2013-02-04", "--worker", "Omar Benali", "-o", out.to_str().unwrap()]);
    assert!(export.status.success(), "{}", text(&export.stderr));
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.starts_with("id,date,worker,client,project,committee,duration,start,end,description,billable\n"));
    assert!(csv.contains(",2013-02-04,Omar Benali,,,Légal,0:30,13:00,13:30,Lettre de l'avocat,no\n"), "{csv}");
    assert!(konbit(&db, &["check"]).status.success());
}
