//! The `konbit` binary as a script would use it: exit codes, what goes to stdout and stderr.

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
fn import_a_timesheet_twice_then_export_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("konbit.sqlite");
    assert!(konbit(&db, &["demo"]).status.success());
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../core/src/worktime/import/fixtures/toggl.csv"
    );

    let first = konbit(&db, &["import", "time", "--format", "toggl", fixture]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(
        text(&first.stdout).contains("4 entries imported (5:34 h), 0 already there"),
        "{}",
        text(&first.stdout)
    );
    let second = konbit(&db, &["import", "time", "--format", "toggl", fixture]);
    assert!(text(&second.stdout).contains("0 entries imported (0:00 h), 4 already there"));

    let broken = dir.path().join("broken.csv");
    let content = std::fs::read_to_string(fixture)
        .unwrap()
        .replace("2013-02-05,10:00:00", "5 février,10:00:00");
    std::fs::write(&broken, content).unwrap();
    let refused = konbit(
        &db,
        &[
            "import",
            "time",
            "--format",
            "toggl",
            broken.to_str().unwrap(),
        ],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr).contains("line 4, column Start date: '5 février' is not a date"),
        "{}",
        text(&refused.stderr)
    );

    let out = dir.path().join("omar.csv");
    let export = konbit(
        &db,
        &[
            "export",
            "time",
            "--from",
            "2013-02-04",
            "--to",
            "2013-02-04",
            "--worker",
            "Omar Benali",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(export.status.success(), "{}", text(&export.stderr));
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.starts_with(
        "id,date,worker,client,project,committee,duration,start,end,description,billable\n"
    ));
    assert!(
        csv.contains(",2013-02-04,Omar Benali,,,Légal,0:30,13:00,13:30,Lettre de l'avocat,no\n"),
        "{csv}"
    );
    assert!(konbit(&db, &["check"]).status.success());
}

#[test]
fn a_closed_year_refuses_an_import_into_it_until_reopened() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("konbit.sqlite");
    assert!(konbit(&db, &["demo"]).status.success());
    let stats = |db: &Path| -> serde_json::Value {
        serde_json::from_slice(&konbit(db, &["stats", "--fy", "2012-2013", "--json"]).stdout)
            .unwrap()
    };
    let before = stats(&db);

    let closed = konbit(&db, &["year", "close", "2011-2012"]);
    assert!(closed.status.success(), "{}", text(&closed.stderr));
    assert!(
        text(&closed.stdout)
            .contains("2011-2012 closed: its records up to 2012-08-31 can no longer change"),
        "{}",
        text(&closed.stdout)
    );
    let listed = text(&konbit(&db, &["year", "list"]).stdout);
    assert!(
        listed.starts_with("2011-2012 closed 20") && listed.contains("net worth"),
        "{listed}"
    );
    assert_eq!(
        stats(&db),
        before,
        "the year after reads the closed year's figures: the same"
    );
    let again = konbit(&db, &["year", "close", "2011-2012"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("2011-2012 is already closed"),
        "{}",
        text(&again.stderr)
    );

    let file = dir.path().join("late.csv");
    std::fs::write(
        &file,
        "id,date,worker,project,duration,description
L1,2012-09-04,Omar Benali,Administration,1:15,ouvert
L2,2012-08-20,Omar Benali,Administration,2:00,en retard
",
    )
    .unwrap();
    let import = |db: &Path| {
        konbit(
            db,
            &["import", "time", "--format", "csv", file.to_str().unwrap()],
        )
    };
    let refused = import(&db);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr)
            .contains("2012-08-20 is in the fiscal year 2011-2012, which is closed"),
        "{}",
        text(&refused.stderr)
    );
    assert!(konbit(&db, &["year", "reopen", "2011-2012"])
        .status
        .success());
    let accepted = import(&db);
    assert!(accepted.status.success(), "{}", text(&accepted.stderr));
    assert!(
        text(&accepted.stdout).contains("2 entries imported"),
        "{}",
        text(&accepted.stdout)
    );
    assert!(konbit(&db, &["year", "list"]).stdout.is_empty());
    assert!(konbit(&db, &["check"]).status.success());
}

/// Both tools read a journal in strict mode (every account, commodity and payee declared, dates
/// in order) without a word on stderr.
fn strict_checks(journal: &Path) {
    let out = Command::new("hledger")
        .arg("-f")
        .arg(journal)
        .args(["--strict", "check", "ordereddates", "payees"])
        .output()
        .expect("hledger runs (installed by scripts/setup.sh)");
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "hledger --strict check: {}",
        text(&out.stderr)
    );
    let out = Command::new("ledger")
        .arg("-f")
        .arg(journal)
        .args(["--strict", "--check-payees", "balance"])
        .output()
        .expect("ledger runs (installed by scripts/setup.sh)");
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "ledger --strict: {}",
        text(&out.stderr)
    );
}

/// hledger's balance sheet at the end of `fy` (its assets less its liabilities), in cents.
fn hledger_net_assets(journal: &Path, end_exclusive: &str) -> i64 {
    let out = Command::new("hledger")
        .arg("-f")
        .arg(journal)
        .args(["balancesheet", "-e", end_exclusive, "-O", "csv"])
        .output()
        .expect("hledger runs");
    assert!(out.status.success(), "hledger bs: {}", text(&out.stderr));
    let csv = text(&out.stdout);
    let net = csv
        .lines()
        .find(|l| l.starts_with("\"Net:\""))
        .expect("a Net line");
    cents(
        net.rsplit(',')
            .next()
            .unwrap()
            .trim_matches('"')
            .trim_end_matches(" CAD"),
    )
}

fn stats(db: &Path, fy: &str) -> serde_json::Value {
    let out = konbit(db, &["stats", "--fy", fy, "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn export(db: &Path, journal: &Path, fy: Option<&str>) {
    let mut args = vec!["export", "ledger", "-o", journal.to_str().unwrap()];
    if let Some(fy) = fy {
        args.extend(["--fy", fy]);
    }
    let out = konbit(db, &args);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// hledger and ledger (from the distribution, installed by scripts/setup.sh) read the exported
/// journal in strict mode, and find what `konbit stats` finds: the year's revenue and expenses,
/// and at each year end a balance sheet equal to the net worth, whether the journal holds every
/// year or only one (which then opens with the balances carried in).
#[test]
fn hledger_and_ledger_agree_with_stats_on_the_demo_years() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("konbit.sqlite");
    assert!(konbit(&db, &["demo"]).status.success());
    let all = dir.path().join("all.journal");
    export(&db, &all, None);
    strict_checks(&all);
    for (fy, end) in [("2011-2012", "2012-09-01"), ("2012-2013", "2013-09-01")] {
        let stats = stats(&db, fy);
        let worth = stats["net_worth"].as_i64().unwrap();
        assert_eq!(hledger_net_assets(&all, end), worth, "{fy}: every year");
        let journal = dir.path().join(format!("{fy}.journal"));
        export(&db, &journal, Some(fy));
        strict_checks(&journal);
        assert_eq!(hledger_net_assets(&journal, end), worth, "{fy} alone");
        let span = ["-b", &format!("{}-09-01", &fy[..4]), "-e", end];
        let hledger = |account: &str| -> i64 {
            let out = Command::new("hledger")
                .arg("-f")
                .arg(&journal)
                .args(["balance", account, "-O", "csv"])
                .args(span)
                .output()
                .expect("hledger runs");
            assert!(out.status.success(), "hledger: {}", text(&out.stderr));
            let csv = text(&out.stdout);
            let last = csv.lines().last().expect("a total line");
            cents(
                last.rsplit(',')
                    .next()
                    .unwrap()
                    .trim_matches('"')
                    .trim_end_matches(" CAD"),
            )
        };
        let ledger = |account: &str| -> i64 {
            let out = Command::new("ledger")
                .arg("-f")
                .arg(&journal)
                .args([
                    "balance",
                    account,
                    "-n",
                    "--format",
                    "%(quantity(scrub(display_total)))\n",
                ])
                .args(span)
                .output()
                .expect("ledger runs");
            assert!(out.status.success(), "ledger: {}", text(&out.stderr));
            cents(text(&out.stdout).trim())
        };
        for (tool, total) in [
            ("hledger", &hledger as &dyn Fn(&str) -> i64),
            ("ledger", &ledger),
        ] {
            assert_eq!(
                -total("^revenues"),
                stats["revenue"].as_i64().unwrap(),
                "{tool} {fy}: revenues"
            );
            assert_eq!(
                total("^expenses"),
                stats["expenses"].as_i64().unwrap(),
                "{tool} {fy}: expenses"
            );
        }
    }
}

/// The same identity over the six years of `demo --scale 5`, four of them closed.
#[test]
fn the_balance_sheet_is_the_net_worth_at_every_year_end_of_the_scaled_demo() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("konbit.sqlite");
    let made = konbit(&db, &["demo", "--scale", "5"]);
    assert!(made.status.success(), "{}", text(&made.stderr));
    let all = dir.path().join("all.journal");
    export(&db, &all, None);
    strict_checks(&all);
    for start in 2011..2017 {
        let fy = format!("{start}-{}", start + 1);
        let end = format!("{}-09-01", start + 1);
        assert_eq!(
            hledger_net_assets(&all, &end),
            stats(&db, &fy)["net_worth"].as_i64().unwrap(),
            "{fy}"
        );
    }
}

/// `-1234.5` or `589260.75` as cents.
fn cents(amount: &str) -> i64 {
    let amount = amount.replace(',', "");
    let (units, fraction) = amount.split_once('.').unwrap_or((&amount, "0"));
    let sign = if units.starts_with('-') { -1 } else { 1 };
    sign * (units.trim_start_matches('-').parse::<i64>().unwrap() * 100
        + format!("{fraction:0<2}").parse::<i64>().unwrap())
}

/// `konbit legal list` names a restricted case by its kind only, and its file is printed only
/// when asked for explicitly; the others print with their cost.
#[test]
fn legal_cases_listed_and_printed_without_leaking_the_restricted_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("konbit.sqlite");
    assert!(konbit(&db, &["demo"]).status.success());
    let list = konbit(&db, &["legal", "list", "--fy", "2012-2013", "--json"]);
    assert!(list.status.success(), "{}", text(&list.stderr));
    let cases: Vec<serde_json::Value> = text(&list.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let kinds: Vec<&str> = cases.iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["injunction", "fraud", "takedown_request"]);
    assert!(cases[0]["title"]
        .as_str()
        .unwrap()
        .starts_with("Val-Jalbert"));
    assert_eq!(cases[0]["disclosures"], 1);
    assert!(
        cases[0]["cost"].as_i64().unwrap() > cases[0]["expenses"].as_i64().unwrap(),
        "fees and hours"
    );
    assert!(
        cases[2]["title"].is_null()
            && cases[2]["client"].is_null()
            && cases[2]["restricted"] == true
    );
    assert!(
        !text(&list.stdout).contains("européen"),
        "the restricted case's title stays out"
    );

    let restricted = dir.path().join("restreint.pdf");
    let refused = konbit(
        &db,
        &[
            "legal",
            "pdf",
            &cases[2]["id"].to_string(),
            "-o",
            restricted.to_str().unwrap(),
        ],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr).contains("--unlock-restricted"),
        "{}",
        text(&refused.stderr)
    );
    assert!(!restricted.exists(), "nothing written");

    let pdf = dir.path().join("val-jalbert.pdf");
    let printed = konbit(
        &db,
        &[
            "legal",
            "pdf",
            &cases[0]["id"].to_string(),
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(printed.status.success(), "{}", text(&printed.stderr));
    let words = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let words = text(&words.stdout).replace('\u{a0}', " ");
    for expected in [
        "Dossier juridique",
        "Val-Jalbert",
        "Cabinet Tremblay",
        "Divulgations",
        "Divulguer l'identité selon l'ordonnance",
        "Total",
    ] {
        assert!(
            words.contains(expected),
            "{expected} missing from the case file:\n{words}"
        );
    }
    let total = konbit_core::Cents(cases[0]["cost"].as_i64().unwrap())
        .format(konbit_core::Lang::Fr)
        .replace('\u{a0}', " ");
    assert!(words.contains(&total), "{total} missing:\n{words}");
}

/// What a script does on a working day: hours on a project and on a committee, a draft with
/// those hours and a free line, issued, then paid; each refused input told on stderr.
#[test]
fn a_script_records_hours_invoices_them_and_records_the_payment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("konbit.sqlite");
    assert!(konbit(&db, &["demo"]).status.success());
    let ok = |args: &[&str]| -> String {
        let out = konbit(&db, args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        text(&out.stdout).trim_end().to_owned()
    };
    let refused = |args: &[&str]| -> String {
        let out = konbit(&db, args);
        assert!(
            !out.status.success(),
            "{args:?} was accepted: {}",
            text(&out.stdout)
        );
        text(&out.stderr)
    };
    let client = "Comité logement de la Petite-Patrie";
    let hours = [
        "entry",
        "add",
        "--worker",
        "heloise TREMBLAY",
        "--date",
        "2013-09-10",
        "--project",
        "Site web",
        "--duration",
        "1:30",
        "--description",
        "Formulaire d'adhésion",
    ];
    // Four clients have a « Site web »: the script must say whose.
    assert!(
        refused(&hours).contains("project: 4 are named 'Site web'; tell them apart"),
        "{}",
        refused(&hours)
    );
    let entry = ok(&[&hours[..], &["--client", client]].concat());
    assert!(
        entry.ends_with("\t2013-09-10\t1:30 h\theloise TREMBLAY"),
        "{entry}"
    );
    let committee = ok(&[
        "entry",
        "add",
        "--worker",
        "Héloïse Tremblay",
        "--date",
        "2013-09-11",
        "--committee",
        "légal",
        "--duration",
        "2h",
    ]);
    assert!(committee.contains("\t2:00 h\t"), "{committee}");
    assert!(refused(&[
        "entry",
        "add",
        "--worker",
        "Personne Inconnue",
        "--date",
        "2013-09-11",
        "--committee",
        "Légal",
        "--duration",
        "1:00"
    ])
    .contains("no worker is named 'Personne Inconnue'"));
    assert!(refused(&[
        "entry",
        "add",
        "--worker",
        "Héloïse Tremblay",
        "--date",
        "2013-09-11",
        "--committee",
        "Légal",
        "--duration",
        "25:00"
    ])
    .contains("a duration is between 1 minute and 24 hours"));

    let id = ok(&[
        "invoice",
        "draft",
        "--client",
        client,
        "--date",
        "2013-09-30",
        "--hours-from",
        "2013-09-01",
        "--hours-to",
        "2013-09-30",
        "--line",
        "Nom de domaine=25,00",
        "--notes",
        "Merci de votre confiance.",
    ]);
    assert!(id.parse::<i64>().is_ok(), "the draft's id alone: {id}");
    assert!(refused(&[
        "invoice",
        "draft",
        "--client",
        client,
        "--line",
        "Nom de domaine"
    ])
    .contains("write the line's text, '=' and its amount"));
    let number = ok(&["invoice", "issue", &id]);
    let listed = ok(&["invoice", "list", "--fy", "2013-2014", "--json"]);
    let row: serde_json::Value = serde_json::from_str(listed.lines().last().unwrap()).unwrap();
    assert_eq!(row["number"], number.as_str());
    assert_eq!(row["date"], "2013-09-30");
    // 1,5 h at 60 $ and the 25 $ line, with GST 5 % and QST 9,975 %: 132,22 $.
    assert_eq!(row["total"], 13_222);
    assert!(
        refused(&["invoice", "issue", &id]).contains(&number),
        "issued once only"
    );
    let pdf = dir.path().join("facture.pdf");
    ok(&["invoice", "pdf", &number, "-o", pdf.to_str().unwrap()]);
    let printed = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let printed = text(&printed.stdout);
    assert!(
        printed.contains("Merci de votre confiance."),
        "the notes on the PDF:\n{printed}"
    );

    let paid = ok(&[
        "payment",
        "add",
        "--client",
        client,
        "--date",
        "2013-10-15",
        "--amount",
        "200,00",
        "--method",
        "cheque",
        "--invoice",
        &number,
        "--reference",
        "chèque 1042",
    ]);
    // Amounts as the PDFs print them, with a no-break space before the dollar sign.
    assert!(
        paid.replace('\u{a0}', " ")
            .ends_with(&format!("\t200,00 $\t{number} 132,22 $\tcredit 67,78 $")),
        "{paid}"
    );
    assert!(refused(&[
        "payment",
        "add",
        "--client",
        client,
        "--date",
        "2013-10-15",
        "--amount",
        "1,234.56",
        "--method",
        "cheque"
    ])
    .contains("is not an amount"));
    assert!(refused(&[
        "payment",
        "add",
        "--client",
        client,
        "--date",
        "2013-10-15",
        "--amount",
        "10",
        "--method",
        "bitcoin"
    ])
    .contains("'bitcoin' is not a way of paying"));

    let workers = ok(&["worker", "list"]);
    assert!(
        workers.lines().any(|l| l.starts_with("Héloïse Tremblay\t")),
        "{workers}"
    );
    for line in ok(&["worker", "list", "--json"]).lines() {
        let worker: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(worker["name"].is_string());
    }
    let committees = ok(&["committee", "list"]);
    assert!(
        committees.lines().any(|l| l.starts_with("Légal\t")),
        "{committees}"
    );
}

#[test]
fn init_starts_an_empty_organisation_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("neuf.sqlite");
    let first = konbit(&db, &["init", "--name", "Collectif des Faubourgs"]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(text(&first.stdout).contains("Collectif des Faubourgs started"));
    let again = konbit(&db, &["init", "--name", "Autre"]);
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("already"),
        "{}",
        text(&again.stderr)
    );
    let none = konbit(&db, &["worker", "list"]);
    assert!(none.status.success());
    assert_eq!(text(&none.stdout), "");
}
