//! Faults a laptop meets, through the `konbit` binary: a full disk, a damaged file, a database
//! another program holds. Each gives one sentence with a way out, and leaves the file as it was.

use std::path::Path;
use std::process::{Command, Output};

fn konbit(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_konbit"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the konbit binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_full_disk_saves_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("konbit.sqlite");
    // A 3 MB file-size limit stands for a full disk: writes past it fail with EFBIG.
    let script = format!(
        "trap '' XFSZ; ulimit -f 3000; exec '{}' --db '{}' demo",
        env!("CARGO_BIN_EXE_konbit"),
        db.display()
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("the disk is full or cannot be written; free some space and try again (nothing was saved)"), "{}", text(&out.stderr));
    // The demo runs in one transaction: the file holds no half of it, and is sound.
    let check = konbit(&db, &["check"]);
    assert!(
        check.status.success(),
        "{}{}",
        text(&check.stdout),
        text(&check.stderr)
    );
    let again = konbit(&db, &["demo"]);
    assert!(
        again.status.success(),
        "with room again, the demo goes in whole: {}",
        text(&again.stderr)
    );
}

#[test]
fn a_damaged_file_says_to_restore_a_backup_and_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("konbit.sqlite");
    assert!(konbit(&db, &["demo"]).status.success());
    let backup = dir.path().join("copie.sqlite");
    assert!(konbit(&db, &["backup", "-o", backup.to_str().unwrap()])
        .status
        .success());
    let mut bytes = std::fs::read(&db).unwrap();
    for b in &mut bytes[8192..40960] {
        *b ^= 0x5a;
    }
    std::fs::write(&db, &bytes).unwrap();
    for args in [&["check"][..], &["stats", "--fy", "2012-2013"][..]] {
        let out = konbit(&db, args);
        assert_ne!(out.status.code(), Some(0));
        let said = text(&out.stderr) + &text(&out.stdout);
        assert!(
            said.contains("damaged") || said.contains("SQLite integrity"),
            "{args:?}: {said}"
        );
    }
    assert_eq!(
        std::fs::read(&db).unwrap(),
        bytes,
        "reading a damaged file does not change it"
    );
    let restored = konbit(&db, &["restore", backup.to_str().unwrap(), "--yes"]);
    assert!(restored.status.success(), "{}", text(&restored.stderr));
    assert!(
        konbit(&db, &["check"]).status.success(),
        "the restored file is whole"
    );
}

#[test]
fn a_database_held_by_another_program_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("konbit.sqlite");
    assert!(konbit(&db, &["demo"]).status.success());
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder
        .execute_batch("BEGIN EXCLUSIVE; UPDATE settings SET name = name;")
        .unwrap();
    // A write waits 5 seconds for the other program, then says who is in the way.
    let out = konbit(
        &db,
        &[
            "backup",
            "-o",
            dir.path().join("copie.sqlite").to_str().unwrap(),
        ],
    );
    let out = if out.status.success() {
        konbit(&db, &["demo"])
    } else {
        out
    };
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("in use by another program"),
        "{}",
        text(&out.stderr)
    );
    holder.execute_batch("ROLLBACK").unwrap();
}
