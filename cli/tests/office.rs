//! The office's books through the command line exactly as the design note gives it
//! (`office init`, `office join`, `office sync`, and the everyday commands on a replica), against
//! the throwaway PostgreSQL cluster `make test` starts (KONBIT_TEST_PG).

use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

/// A new, empty database on the test cluster; its URL without the password, which the commands
/// get from PGPASSWORD as PostgreSQL's tools do. And the password.
fn fresh_database() -> (String, String) {
    let admin = std::env::var("KONBIT_TEST_PG").expect(
        "KONBIT_TEST_PG is not set: run these tests through `make test` or `scripts/with-postgres.sh cargo test …`",
    );
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "konbit_cli_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    );
    let mut client = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    // postgresql://postgres:PASSWORD@127.0.0.1:PORT/postgres
    let (rest, _) = admin.rsplit_once('/').unwrap();
    let (user_password, host) = rest.rsplit_once('@').unwrap();
    let (scheme_user, password) = user_password.rsplit_once(':').unwrap();
    (format!("{scheme_user}@{host}/{name}"), password.to_owned())
}

struct Office {
    url: String,
    password: String,
}

impl Office {
    fn konbit(&self, db: Option<&Path>, args: &[&str]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_konbit"));
        if let Some(db) = db {
            command.arg("--db").arg(db);
        }
        command
            .args(args)
            .env("PGPASSWORD", &self.password)
            .output()
            .expect("the konbit binary runs")
    }

    /// The year's figures of `db`, as `konbit stats --json` gives them.
    fn stats(&self, db: &Path) -> String {
        self.ok(Some(db), &["stats", "--fy", "2012-2013", "--json"])
    }

    /// A draft of one line for the demo's first cooperative, issued on the last day of
    /// 2012-2013; the number it took.
    fn issue(&self, db: &Path, line: &str) -> String {
        let id = self.ok(
            Some(db),
            &[
                "invoice",
                "draft",
                "--client",
                "Coop de solidarité Santé Nord",
                "--date",
                "2013-08-31",
                "--line",
                line,
            ],
        );
        self.ok(
            Some(db),
            &["invoice", "issue", id.trim(), "--date", "2013-08-31"],
        )
        .trim()
        .to_owned()
    }

    /// `konbit --db DB ARGS` killed after `delay`; whether it had ended well by itself.
    fn killed(&self, db: &Path, args: &[&str], delay: std::time::Duration) -> bool {
        let mut child = Command::new(env!("CARGO_BIN_EXE_konbit"))
            .arg("--db")
            .arg(db)
            .args(args)
            .env("PGPASSWORD", &self.password)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        child.wait().unwrap().success()
    }

    fn ok(&self, db: Option<&Path>, args: &[&str]) -> String {
        let out = self.konbit(db, args);
        assert!(
            out.status.success(),
            "konbit {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

fn issued_numbers(db: &Path) -> Vec<String> {
    let file = rusqlite::Connection::open(db).unwrap();
    let mut stmt = file
        .prepare("SELECT number FROM invoices WHERE number IS NOT NULL ORDER BY number")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn two_replicas_issue_at_once_and_end_equal_to_each_other_and_to_the_demo() {
    let (url, password) = fresh_database();
    let office = Office { url, password };
    let out = office.ok(None, &["office", "init", &office.url, "--demo"]);
    assert!(out.contains("demo organisation created"), "{out}");

    let dir = tempfile::tempdir().unwrap();
    let laptop_a = dir.path().join("a.sqlite");
    let laptop_b = dir.path().join("b.sqlite");
    let local = dir.path().join("local.sqlite");
    for laptop in [&laptop_a, &laptop_b] {
        let out = office.ok(Some(laptop), &["office", "join", &office.url]);
        assert!(out.contains("is now this computer's copy"), "{out}");
    }
    // The password is the person's: it is not in the file.
    let bytes = std::fs::read(&laptop_a).unwrap();
    let needle = office.password.as_bytes();
    assert!(!bytes.windows(needle.len()).any(|w| w == needle));

    // The replica reads exactly as the demo made in a file of its own.
    office.ok(Some(&local), &["demo"]);
    assert_eq!(office.stats(&laptop_a), office.stats(&local));
    let check = office.ok(Some(&laptop_a), &["check"]);
    assert!(check.contains("ok"), "{check}");
    let before = issued_numbers(&laptop_a);
    assert_eq!(before, issued_numbers(&local));

    // Both laptops draft and issue five invoices each, at the same time.
    const EACH: usize = 5;
    let laptops = [&laptop_a, &laptop_b].map(|laptop| {
        let laptop = laptop.to_path_buf();
        let url = office.url.clone();
        let password = office.password.clone();
        std::thread::spawn(move || {
            let office = Office { url, password };
            (0..EACH)
                .map(|k| {
                    let line = format!("Hébergement, portable {}, {k}=120,00", laptop.display());
                    office.issue(&laptop, &line)
                })
                .collect::<Vec<String>>()
        })
    });
    let mut issued: Vec<String> = laptops
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    issued.sort();
    let last: u32 = before
        .iter()
        .filter_map(|n| n.strip_prefix("2013-")?.parse().ok())
        .max()
        .unwrap();
    let expected: Vec<String> = (last + 1..=last + 2 * EACH as u32)
        .map(|n| format!("2013-{n:04}"))
        .collect();
    assert_eq!(issued, expected, "gapless, none twice");

    for laptop in [&laptop_a, &laptop_b] {
        let out = office.ok(Some(laptop), &["office", "sync", "--json"]);
        let pulled: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(pulled["revision"].as_i64().unwrap() > 0, "{out}");
    }
    assert_eq!(issued_numbers(&laptop_a), issued_numbers(&laptop_b));
    // The audit log, appended on the server, names the login of every change.
    assert!(
        count(
            &laptop_b,
            "SELECT count(*) FROM audit_log WHERE action = 'issue'"
        ) > 2 * EACH as i64
    );
    assert_eq!(
        count(
            &laptop_b,
            "SELECT count(*) FROM audit_log WHERE actor NOT LIKE '%, login postgres'"
        ),
        0
    );
    assert_eq!(office.stats(&laptop_a), office.stats(&laptop_b));
    let after_a = issued_numbers(&laptop_a);
    for n in &issued {
        assert!(after_a.contains(n), "{n} reached the replica");
    }
    // Nothing left to pull.
    let out = office.ok(Some(&laptop_a), &["office", "sync", "--json"]);
    let pulled: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(pulled["changed"], 0, "{out}");
    let status = office.ok(Some(&laptop_a), &["office", "status", "--json"]);
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(status["reachable"], true);
    assert_eq!(status["revision"], pulled["revision"]);
}

#[test]
fn a_replica_is_made_in_a_new_file_only() {
    let (url, password) = fresh_database();
    let office = Office { url, password };
    office.ok(None, &["office", "init", &office.url]);
    let dir = tempfile::tempdir().unwrap();
    let books = dir.path().join("livres.sqlite");
    office.ok(Some(&books), &["init", "--name", "Coop locale"]);
    let out = office.konbit(Some(&books), &["office", "join", &office.url]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("already exists"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = office.konbit(Some(&books), &["office", "sync"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("holds local books"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Office {
    /// The books' URL with another login.
    fn as_login(&self, login: &str) -> String {
        let (scheme, rest) = self.url.split_once("://").unwrap();
        let (_, host_db) = rest.split_once('@').unwrap();
        format!("{scheme}://{login}@{host_db}")
    }

    fn add_person(
        &self,
        name: &str,
        login: &str,
        role: &str,
        worker: Option<&str>,
        password: &str,
    ) {
        use std::io::Write;
        let mut args = vec![
            "office",
            "add-person",
            &self.url,
            "--name",
            name,
            "--login",
            login,
            "--role",
            role,
            "--password-stdin",
        ];
        if let Some(w) = worker {
            args.extend(["--worker", w]);
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_konbit"))
            .args(&args)
            .env("PGPASSWORD", &self.password)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_worker_login_and_its_replica_hold_nothing_it_may_not_read() {
    let (url, password) = fresh_database();
    let admin = Office { url, password };
    admin.ok(None, &["office", "init", &admin.url, "--demo"]);
    let suffix = admin.url.rsplit_once('/').unwrap().1.to_owned();
    let omar = format!("omar_{suffix}");
    let sophie = format!("finances_{suffix}");
    admin.add_person(
        "Omar Benali",
        &omar,
        "worker",
        Some("Omar Benali"),
        "sept pommes vertes",
    );
    admin.add_person(
        "Comité des finances",
        &sophie,
        "finance",
        None,
        "registre de caisse 2013",
    );
    let again = admin.konbit(
        None,
        &[
            "office",
            "add-person",
            &admin.url,
            "--name",
            "Omar",
            "--login",
            &omar,
            "--role",
            "worker",
            "--worker",
            "Omar Benali",
            "--password-stdin",
        ],
    );
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(!again.status.success());
    assert!(
        said.contains(&format!("login: '{omar}' is already used")),
        "{said}"
    );

    // Plain SQL with the worker's login: no invoices, no cases, their own wages only.
    let mut config: postgres::Config = admin.as_login(&omar).parse().unwrap();
    let mut plain = config
        .password("sept pommes vertes")
        .connect(postgres::NoTls)
        .unwrap();
    for table in [
        "invoices",
        "payments",
        "expenses",
        "legal_cases",
        "audit_log",
    ] {
        let e = plain
            .query_one(&format!("SELECT count(*) FROM {table}"), &[])
            .unwrap_err();
        assert!(
            e.as_db_error()
                .unwrap()
                .message()
                .contains("permission denied"),
            "{table}: {e:?}"
        );
    }
    let own: i64 = plain
        .query_one("SELECT count(DISTINCT worker_id) FROM worker_wages", &[])
        .unwrap()
        .get(0);
    assert_eq!(own, 1, "a worker reads their own wages only");
    let changed = plain
        .execute(
            "UPDATE time_entries SET description = 'x' WHERE worker_id <> (SELECT worker_id FROM konbit_people WHERE login = current_user)",
            &[],
        )
        .unwrap_or(0);
    assert_eq!(changed, 0, "nobody else's hours");

    // The worker's replica receives the same: hours and reference lists, no books.
    let dir = tempfile::tempdir().unwrap();
    let laptop = dir.path().join("omar.sqlite");
    let worker = Office {
        url: admin.as_login(&omar),
        password: "sept pommes vertes".into(),
    };
    worker.ok(Some(&laptop), &["office", "join", &worker.url]);
    for table in [
        "invoices",
        "invoice_lines",
        "payments",
        "expenses",
        "legal_cases",
        "legal_events",
        "audit_log",
    ] {
        assert_eq!(
            count(&laptop, &format!("SELECT count(*) FROM {table}")),
            0,
            "{table}"
        );
    }
    assert_eq!(
        count(
            &laptop,
            "SELECT count(DISTINCT worker_id) FROM worker_wages"
        ),
        1
    );
    assert!(count(&laptop, "SELECT count(*) FROM time_entries") > 20_000);

    // Their own hours go through; someone else's are refused by the server, in words.
    worker.ok(
        Some(&laptop),
        &[
            "entry",
            "add",
            "--worker",
            "Omar Benali",
            "--date",
            "2013-08-30",
            "--committee",
            "Financement",
            "--duration",
            "1:15",
        ],
    );
    let out = worker.konbit(
        Some(&laptop),
        &[
            "entry",
            "add",
            "--worker",
            "Héloïse Tremblay",
            "--date",
            "2013-08-30",
            "--committee",
            "Financement",
            "--duration",
            "1:15",
        ],
    );
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("does not let your login do this"), "{said}");

    // A finance replica: every book, but no restricted case.
    let finance = Office {
        url: admin.as_login(&sophie),
        password: "registre de caisse 2013".into(),
    };
    let books = dir.path().join("finances.sqlite");
    finance.ok(Some(&books), &["office", "join", &finance.url]);
    assert!(count(&books, "SELECT count(*) FROM invoices") > 1000);
    assert_eq!(
        count(
            &books,
            "SELECT count(*) FROM legal_cases WHERE restricted = 1"
        ),
        0
    );
    assert!(count(&books, "SELECT count(*) FROM legal_cases") > 0);
}

fn superuser() -> postgres::Client {
    postgres::Client::connect(&std::env::var("KONBIT_TEST_PG").unwrap(), postgres::NoTls).unwrap()
}

fn on_books(office: &Office) -> postgres::Client {
    let mut config: postgres::Config = office.url.parse().unwrap();
    config
        .password(&office.password)
        .connect(postgres::NoTls)
        .unwrap()
}

#[test]
fn a_replica_killed_mid_pull_stays_whole_and_catches_up() {
    let (url, password) = fresh_database();
    let office = Office { url, password };
    office.ok(None, &["office", "init", &office.url, "--demo"]);
    let dir = tempfile::tempdir().unwrap();
    let laptop = dir.path().join("a.sqlite");
    office.ok(Some(&laptop), &["office", "join", &office.url]);
    // Many rows change at once on the server.
    let changed = on_books(&office)
        .execute(
            "UPDATE time_entries SET description = description || ' (revu)'
             WHERE NOT EXISTS (SELECT 1 FROM invoice_time_entries b WHERE b.time_entry_id = time_entries.id)",
            &[],
        )
        .unwrap() as i64;
    assert!(changed > 1000, "{changed}");
    let revised = |db: &Path| {
        count(
            db,
            "SELECT count(*) FROM time_entries WHERE description LIKE '% (revu)'",
        )
    };
    for delay in [5, 30, 80, 150, 250, 400] {
        office.killed(
            &laptop,
            &["office", "sync"],
            std::time::Duration::from_millis(delay),
        );
        let now = revised(&laptop);
        assert!(
            now == 0 || now == changed,
            "after {delay} ms: {now} of {changed}, half a pull"
        );
        office.ok(Some(&laptop), &["check"]);
    }
    // A join killed midway leaves nothing under the name it was given.
    let other = dir.path().join("b.sqlite");
    let joined = office.killed(
        &other,
        &["office", "join", &office.url],
        std::time::Duration::from_millis(300),
    );
    assert!(joined || !other.exists(), "no half replica");

    office.ok(Some(&laptop), &["office", "sync"]);
    assert_eq!(revised(&laptop), changed);
    if other.exists() {
        std::fs::remove_file(&other).unwrap();
        let _ = std::fs::remove_file(dir.path().join("b.sqlite.audit-head"));
    }
    office.ok(Some(&other), &["office", "join", &office.url]);
    assert_eq!(office.stats(&laptop), office.stats(&other));
    assert_eq!(revised(&other), changed);
}

#[test]
fn the_books_backed_up_by_pg_dump_come_back_whole() {
    let (url, password) = fresh_database();
    let office = Office { url, password };
    office.ok(None, &["office", "init", &office.url, "--demo"]);
    let dir = tempfile::tempdir().unwrap();
    let laptop = dir.path().join("a.sqlite");
    office.ok(Some(&laptop), &["office", "join", &office.url]);
    let dump = dir.path().join("livres.dump");
    let out = office.ok(
        Some(&laptop),
        &["office", "backup", "-o", dump.to_str().unwrap()],
    );
    assert!(out.contains("saved in"), "{out}");

    // The server loses the books; they are restored as the README says.
    let name = office.url.rsplit_once('/').unwrap().1.to_owned();
    let mut admin = superuser();
    admin
        .batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .unwrap();
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    let restore = Command::new("/usr/lib/postgresql/15/bin/pg_restore")
        .arg(format!("--dbname={}", office.url))
        .arg(&dump)
        .env("PGPASSWORD", &office.password)
        .output()
        .unwrap();
    assert!(
        restore.status.success(),
        "{}",
        String::from_utf8_lossy(&restore.stderr)
    );

    let out = office.ok(Some(&laptop), &["office", "sync", "--json"]);
    let pulled: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        pulled["changed"], 0,
        "the replica already holds all of it: {out}"
    );
    let fresh = dir.path().join("b.sqlite");
    office.ok(Some(&fresh), &["office", "join", &office.url]);
    assert_eq!(office.stats(&laptop), office.stats(&fresh));
    // And the restored books still take the next number.
    let number = office.issue(&laptop, "Sauvegarde=50,00");
    assert!(number.trim().starts_with("2013-"), "{number}");
}
