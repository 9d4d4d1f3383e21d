//! The legal committee's files, on the demo's people and clients.

use std::fs;

use chrono::NaiveDate;

use super::cost::{link_committee_hours, link_expense};
use super::disclosure::{self, DisclosureInput};
use super::summary;
use super::timeline::{self, DeadlineInput, EventInput, EventKind};
use super::*;
use crate::documents::{Check, DocumentStore};
use crate::listing::ListQuery;
use crate::money::Cents;
use crate::store::Store;

/// A key for the tests' own cases, made at once: Argon2id is tested in `vault.rs`, not here.
static KEY: std::sync::LazyLock<Key> = std::sync::LazyLock::new(vault::test_key);

fn unlocked() -> Access<'static> {
    Access::Unlocked(&KEY)
}

/// The documents folder of a test that attaches none.
fn no_documents() -> DocumentStore {
    DocumentStore::in_dir(std::path::Path::new("/nonexistent/konbit-documents"))
}

pub(crate) fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store
        .write(|tx| crate::demo::people_and_clients(tx, 1).map(|_| ()))
        .unwrap();
    store
}

fn client(conn: &Connection, name: &str) -> i64 {
    let all = ListQuery {
        include_archived: true,
        limit: Some(500),
        ..Default::default()
    };
    crate::clients::client::list(conn, &all)
        .unwrap()
        .items
        .into_iter()
        .find(|c| c.name == name)
        .unwrap()
        .id
}

pub(crate) fn notice(conn: &Connection, restricted: bool) -> CaseInput {
    CaseInput {
        kind: CaseKind::FormalNotice,
        title: "Mise en demeure — site parodique".into(),
        reference: "500-17-077123-131".into(),
        client_id: Some(client(conn, "Parc Sans Frontières")),
        sites: "parc-sans-frontieres.example.org".into(),
        server: "koumbit-web-04".into(),
        status: CaseStatus::Open,
        opened_on: d("2013-03-11"),
        closed_on: None,
        restricted,
        summary: "Le village historique exige le retrait d'un site parodique hébergé.".into(),
        parties: vec![
            Party {
                role: Some(PartyRole::Plaintiff),
                name: "Village historique".into(),
                details: String::new(),
            },
            Party {
                role: Some(PartyRole::Lawyer),
                name: "Étude Dubois avocats".into(),
                details: "Me Dubois".into(),
            },
        ],
    }
}

#[test]
fn a_case_follows_its_timeline_to_its_close() {
    let mut store = store();
    let id = store
        .write(|tx| create(tx, &notice(tx, false), Access::Public))
        .unwrap();
    let conn = store.conn();
    timeline::add_event(
        conn,
        id,
        &EventInput {
            happened_on: d("2013-03-11"),
            kind: EventKind::NoticeReceived,
            text: "Reçue par courriel".into(),
        },
        Access::Public,
    )
    .unwrap();
    timeline::add_event(
        conn,
        id,
        &EventInput {
            happened_on: d("2013-03-14"),
            kind: EventKind::ClientInformed,
            text: String::new(),
        },
        Access::Public,
    )
    .unwrap();
    let deadline = timeline::add_deadline(
        conn,
        id,
        &DeadlineInput {
            due_on: d("2013-03-21"),
            what: "Répondre à la mise en demeure".into(),
            responsible: "Comité légal".into(),
        },
        Access::Public,
    )
    .unwrap();
    let case = get(conn, id, Access::Public).unwrap();
    assert_eq!(
        case.events.iter().map(|e| e.kind).collect::<Vec<_>>(),
        [EventKind::NoticeReceived, EventKind::ClientInformed]
    );
    assert_eq!(case.parties.len(), 2);
    assert_eq!(case.client_name.as_deref(), Some("Parc Sans Frontières"));

    let soon = timeline::upcoming(conn, d("2013-03-15"), 14, Access::Public).unwrap();
    assert_eq!((soon.len(), soon[0].overdue), (1, false));
    let late = timeline::upcoming(conn, d("2013-03-25"), 14, Access::Public).unwrap();
    assert!(late[0].overdue, "past its day and not done");
    timeline::complete_deadline(conn, deadline.id, d("2013-03-20"), Access::Public).unwrap();
    assert!(
        timeline::upcoming(conn, d("2013-03-25"), 14, Access::Public)
            .unwrap()
            .is_empty()
    );

    let closing = CaseInput {
        status: CaseStatus::Closed,
        ..notice(conn, false)
    };
    let err = update(conn, &no_documents(), id, &closing, Access::Public).unwrap_err();
    assert!(
        matches!(err, Error::Invalid(ref i) if &*i.field == "closed_on"),
        "{err:?}"
    );
    update(
        conn,
        &no_documents(),
        id,
        &CaseInput {
            closed_on: Some(d("2013-08-30")),
            ..closing
        },
        Access::Public,
    )
    .unwrap();
    assert_eq!(
        get(conn, id, Access::Public).unwrap().status,
        CaseStatus::Closed
    );
}

#[test]
fn the_disclosure_log_cannot_be_changed_even_by_raw_sql() {
    let mut store = store();
    let id = store
        .write(|tx| create(tx, &notice(tx, false), Access::Public))
        .unwrap();
    let conn = store.conn();
    let input = DisclosureInput {
        disclosed_on: d("2013-07-17"),
        what: "Nom et adresse du client titulaire du site".into(),
        recipient: "Avocats du demandeur".into(),
        authority: "Ordonnance de la Cour supérieure du 10 juillet 2013".into(),
        decided_by: "Conseil de travail".into(),
    };
    let logged = disclosure::log(conn, id, &input, Access::Public).unwrap();
    for sql in [
        "UPDATE legal_disclosures SET recipient = 'personne' WHERE id = ?1",
        "DELETE FROM legal_disclosures WHERE id = ?1",
    ] {
        let err = conn.execute(sql, [logged.id]).unwrap_err();
        assert!(err.to_string().contains("add a note"), "{err}");
    }
    let noted = disclosure::annotate(
        conn,
        logged.id,
        "Copie de l'ordonnance classée au dossier",
        Access::Public,
    )
    .unwrap();
    assert_eq!(noted.notes.len(), 1);
    assert!(conn
        .execute("UPDATE legal_disclosure_notes SET text = 'autre'", [])
        .is_err());
    assert!(conn
        .execute("DELETE FROM legal_disclosure_notes", [])
        .is_err());
    assert_eq!(
        get(conn, id, Access::Public).unwrap().disclosures[0].recipient,
        "Avocats du demandeur"
    );
}

#[test]
fn a_document_changed_behind_konbits_back_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store();
    let id = store
        .write(|tx| create(tx, &notice(tx, false), Access::Public))
        .unwrap();
    let conn = store.conn();
    let docs = DocumentStore::in_dir(&dir.path().join("docs"));
    let event = timeline::add_event(
        conn,
        id,
        &EventInput {
            happened_on: d("2013-04-25"),
            kind: EventKind::Order,
            text: "Injonction Anton Piller".into(),
        },
        Access::Public,
    )
    .unwrap();
    let order = dir.path().join("ordonnance.pdf");
    fs::write(&order, b"%PDF-1.4 ordonnance").unwrap();
    let attached = timeline::attach(conn, &docs, event.id, &order, Access::Public).unwrap();
    assert_eq!(attached.len(), 1);
    let doc =
        timeline::document_of_case(conn, id, attached[0].document_id, Access::Public).unwrap();
    assert_eq!(docs.check(&doc.sha256).unwrap(), Check::Intact);
    // Someone edits the stored copy.
    let copy = dir
        .path()
        .join("docs")
        .join(&doc.sha256[..2])
        .join(&doc.sha256);
    fs::write(&copy, b"%PDF-1.4 ordonnance modifiee").unwrap();
    assert!(matches!(
        docs.check(&doc.sha256).unwrap(),
        Check::Changed { .. }
    ));
    assert!(docs.copy_to_open(&doc, &dir.path().join("open")).is_err());
}

#[test]
fn restricted_details_stay_out_of_lists_and_reports() {
    let mut store = store();
    let id = store
        .write(|tx| create(tx, &notice(tx, true), unlocked()))
        .unwrap();
    let conn = store.conn();
    timeline::add_deadline(
        conn,
        id,
        &DeadlineInput {
            due_on: d("2013-03-20"),
            what: "Répondre".into(),
            responsible: String::new(),
        },
        unlocked(),
    )
    .unwrap();
    assert!(matches!(
        get(conn, id, Access::Public),
        Err(Error::Restricted)
    ));
    let list = summary::list(conn, None, d("2013-03-15"), Access::Public).unwrap();
    assert_eq!(
        (
            list[0].kind,
            list[0].title.as_deref(),
            list[0].client_name.as_deref()
        ),
        (CaseKind::FormalNotice, None, None)
    );
    let json = serde_json::to_string(&list).unwrap();
    for secret in [
        "parodique",
        "Parc Sans Frontières",
        "Village",
        "500-17",
        "koumbit-web-04",
    ] {
        assert!(!json.contains(secret), "{secret} leaked: {json}");
    }
    let soon = timeline::upcoming(conn, d("2013-03-15"), 14, Access::Public).unwrap();
    assert_eq!(soon[0].shown, None);
    let whole = get(conn, id, unlocked()).unwrap();
    assert_eq!(whole.title, "Mise en demeure — site parodique");
    assert!(
        summary::list(conn, None, d("2013-03-15"), unlocked()).unwrap()[0]
            .title
            .is_some()
    );
}

#[test]
fn a_case_costs_its_expenses_and_the_hours_worked_on_it() {
    use crate::finance::expense::{self, ExpenseInput, ExpenseMethod};
    use crate::worktime::entry::{self, TimeEntryInput};
    let mut store = store();
    let id = store
        .write(|tx| create(tx, &notice(tx, false), Access::Public))
        .unwrap();
    let conn = store.conn();
    let legal = crate::catalog::list(conn, crate::catalog::Catalog::ExpenseCategories, false)
        .unwrap()
        .into_iter()
        .find(|c| c.code == "legal")
        .unwrap()
        .id;
    let fee = expense::create(
        conn,
        &ExpenseInput {
            spent_on: d("2013-03-28"),
            supplier: "Étude Dubois avocats".into(),
            category_id: legal,
            team_id: None,
            amount: Cents(650_000),
            gst: Cents(32_500),
            qst: Cents(64_838),
            method: ExpenseMethod::Cheque,
            description: String::new(),
        },
    )
    .unwrap();
    link_expense(conn, id, fee.id, Access::Public).unwrap();
    let other = store_case(conn);
    assert!(
        matches!(
            link_expense(conn, other, fee.id, Access::Public),
            Err(Error::Refused(
                crate::error::Problem::ExpenseInOtherCase { .. }
            ))
        ),
        "an expense counts in one case"
    );
    // Omar (21 $/h until the raise, 22 $/h after, plus 14 % charges) sits on the legal committee.
    let all = ListQuery {
        include_archived: true,
        limit: Some(500),
        ..Default::default()
    };
    let omar = crate::organisation::worker::list(conn, &all)
        .unwrap()
        .items
        .into_iter()
        .find(|w| w.name == "Omar Benali")
        .unwrap()
        .id;
    let committee = crate::organisation::committee::list(conn, &all)
        .unwrap()
        .items
        .into_iter()
        .find(|c| c.name == "Légal")
        .unwrap()
        .id;
    entry::create(
        conn,
        &TimeEntryInput {
            worker_id: omar,
            work_date: d("2013-03-12"),
            duration: "3".into(),
            committee_id: Some(committee),
            ..Default::default()
        },
    )
    .unwrap();
    entry::create(
        conn,
        &TimeEntryInput {
            worker_id: omar,
            work_date: d("2013-09-12"),
            duration: "1".into(),
            committee_id: Some(committee),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        link_committee_hours(
            conn,
            id,
            committee,
            d("2013-03-11"),
            d("2013-08-31"),
            Access::Public
        )
        .unwrap(),
        1
    );
    let wage = crate::organisation::worker::wage_on(conn, omar, d("2013-03-12"))
        .unwrap()
        .unwrap();
    let hour = wage.hourly_rate.0 * (10_000 + i64::from(wage.employer_charges_bp)) / 10_000;
    let case = get(conn, id, Access::Public).unwrap();
    assert_eq!(
        (case.cost.expenses, case.cost.minutes, case.cost.hours_cost),
        (Cents(650_000), 180, Cents(3 * hour))
    );
    assert_eq!(case.cost.total, Cents(650_000 + 3 * hour));
    let in_2011 = cost::of_case(
        conn,
        id,
        Some((d("2011-09-01"), d("2012-08-31"))),
        Access::Public,
    )
    .unwrap();
    assert_eq!(
        in_2011.total,
        Cents(0),
        "nothing in a year the case did not live"
    );
}

fn store_case(conn: &Connection) -> i64 {
    create(
        conn,
        &CaseInput {
            kind: CaseKind::Fraud,
            title: "Chèques frauduleux".into(),
            ..notice(conn, false)
        },
        Access::Public,
    )
    .unwrap()
}

/// What a locked session gets from a service on the demo's restricted case.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Locked {
    Refused,
    /// An answer by kind, dates and cost only: none of the case's details are in it.
    KindDatesCost,
}

/// A service called on the demo's restricted case, its answer as JSON.
type Call<'a> = Box<dyn Fn(&Connection, Access) -> Result<serde_json::Value> + 'a>;

fn json(value: impl serde::Serialize) -> Result<serde_json::Value> {
    serde_json::to_value(value).map_err(Error::internal)
}

/// Every public service of the module, and the home screen, on the demo's restricted case: a
/// locked session is refused or answered by kind, dates and cost only; an unlocked one is
/// served. The details looked for are those the demo gives the case, and those added here.
#[test]
fn every_service_keeps_the_restricted_case_from_a_locked_session() {
    let store = crate::demo::in_memory();
    let conn = store.conn();
    let demo_key = vault::unlock(conn, crate::demo::LEGAL_PASSPHRASE).unwrap();
    let unlocked = || Access::Unlocked(&demo_key);
    let dir = tempfile::tempdir().unwrap();
    let docs = DocumentStore::in_dir(&dir.path().join("docs"));
    let letter = dir.path().join("lettre-societe-de-gestion.pdf");
    fs::write(&letter, b"%PDF-1.4 lettre").unwrap();
    let one = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let id = one("SELECT id FROM legal_cases WHERE restricted = 1");
    let event = one(&format!(
        "SELECT id FROM legal_events WHERE case_id = {id} ORDER BY id LIMIT 1"
    ));
    let committee = one("SELECT id FROM committees WHERE name = 'Légal'");
    let unlinked = |n: i64| {
        one(&format!(
            "SELECT id FROM expenses WHERE id NOT IN (SELECT expense_id FROM legal_case_expenses)
             ORDER BY id LIMIT 1 OFFSET {n}"
        ))
    };
    // What the demo lacks for the case, added by the committee: a deadline of the coming days,
    // a document, a disclosure, an expense.
    let due = timeline::add_deadline(
        conn,
        id,
        &DeadlineInput {
            due_on: d("2013-06-14"),
            what: "Relancer la Société au sujet du retrait".into(),
            responsible: "Comité légal".into(),
        },
        unlocked(),
    )
    .unwrap();
    let document =
        timeline::attach(conn, &docs, event, &letter, unlocked()).unwrap()[0].document_id;
    let disclosed = disclosure::log(
        conn,
        id,
        &DisclosureInput {
            disclosed_on: d("2012-11-20"),
            what: "Courriel du titulaire du serveur".into(),
            recipient: "Procureur de la société de gestion".into(),
            authority: "Demande écrite".into(),
            decided_by: "Conseil de travail".into(),
        },
        unlocked(),
    )
    .unwrap()
    .id;
    let (expense, other_expense) = (unlinked(0), unlinked(1));
    link_expense(conn, id, expense, unlocked()).unwrap();
    let whole = get(conn, id, unlocked()).unwrap();
    let secrets = [
        whole.title.clone(),
        whole.reference.clone(),
        whole.sites.clone(),
        whole.server.clone(),
        whole.summary.clone(),
        "Association européenne pour les libertés numériques".into(),
        "Société européenne de gestion de droits".into(),
        "Mise en demeure exigeant le retrait du site.".into(),
        "Répondre à la mise en demeure".into(),
        "Relancer la Société".into(),
        "lettre-societe-de-gestion.pdf".into(),
        "Procureur de la société de gestion".into(),
        whole.cost.expense_lines[0].supplier.clone(),
    ];
    assert!(
        whole.cost.expense_lines.len() == 1 && whole.disclosures.len() == 1,
        "the case has what the test looks for"
    );
    let as_input = |restricted: bool| CaseInput {
        restricted,
        ..CaseInput::from(&whole)
    };
    let today = d("2013-06-12");
    let ours = move |v: serde_json::Value, key: &str| -> serde_json::Value {
        v.as_array()
            .unwrap()
            .iter()
            .filter(|x| x[key] == id)
            .cloned()
            .collect()
    };
    use Locked::*;
    // In the order the unlocked session can run them one after the other.
    let calls: Vec<(&str, Locked, Call)> = vec![
        ("get", Refused, Box::new(|c, a| json(get(c, id, a)?))),
        (
            "summary::list",
            KindDatesCost,
            Box::new(|c, a| Ok(ours(json(summary::list(c, None, today, a)?)?, "id"))),
        ),
        (
            "timeline::upcoming",
            KindDatesCost,
            Box::new(|c, a| Ok(ours(json(timeline::upcoming(c, today, 14, a)?)?, "case_id"))),
        ),
        (
            "home::summary",
            KindDatesCost,
            Box::new(|c, a| {
                Ok(ours(
                    json(crate::home::summary(c, None, today, a)?.deadlines)?,
                    "case_id",
                ))
            }),
        ),
        (
            "cost::of_case",
            KindDatesCost,
            Box::new(|c, a| json(cost::of_case(c, id, None, a)?)),
        ),
        (
            "timeline::document_of_case",
            Refused,
            Box::new(|c, a| json(timeline::document_of_case(c, id, document, a)?)),
        ),
        (
            "file::write_pdf",
            Refused,
            Box::new(|c, a| json(file::write_pdf(c, id, a, crate::Lang::Fr)?.len())),
        ),
        (
            "timeline::add_event",
            Refused,
            Box::new(|c, a| {
                json(timeline::add_event(
                    c,
                    id,
                    &EventInput {
                        happened_on: d("2013-06-12"),
                        kind: EventKind::Other,
                        text: "Appel".into(),
                    },
                    a,
                )?)
            }),
        ),
        (
            "timeline::attach",
            Refused,
            Box::new(|c, a| json(timeline::attach(c, &docs, event, &letter, a)?)),
        ),
        (
            "timeline::add_deadline",
            Refused,
            Box::new(|c, a| {
                json(timeline::add_deadline(
                    c,
                    id,
                    &DeadlineInput {
                        due_on: d("2013-06-20"),
                        what: "Classer".into(),
                        responsible: String::new(),
                    },
                    a,
                )?)
            }),
        ),
        (
            "timeline::complete_deadline",
            Refused,
            Box::new(|c, a| json(timeline::complete_deadline(c, due.id, today, a)?)),
        ),
        (
            "disclosure::log",
            Refused,
            Box::new(|c, a| {
                json(disclosure::log(
                    c,
                    id,
                    &DisclosureInput {
                        disclosed_on: today,
                        what: "Rien".into(),
                        recipient: "Personne".into(),
                        authority: "Aucune".into(),
                        decided_by: "Personne".into(),
                    },
                    a,
                )?)
            }),
        ),
        (
            "disclosure::annotate",
            Refused,
            Box::new(|c, a| json(disclosure::annotate(c, disclosed, "Copie classée", a)?)),
        ),
        (
            "cost::link_expense",
            Refused,
            Box::new(|c, a| json(link_expense(c, id, other_expense, a)?)),
        ),
        (
            "cost::unlink_expense",
            Refused,
            Box::new(|c, a| json(cost::unlink_expense(c, id, other_expense, a)?)),
        ),
        (
            "cost::link_committee_hours",
            Refused,
            Box::new(|c, a| {
                json(link_committee_hours(
                    c,
                    id,
                    committee,
                    d("2012-11-05"),
                    d("2012-12-07"),
                    a,
                )?)
            }),
        ),
        (
            "update",
            Refused,
            Box::new(|c, a| json(update(c, &docs, id, &as_input(true), a)?)),
        ),
        (
            "update, unrestricting",
            Refused,
            Box::new(|c, a| json(update(c, &docs, id, &as_input(false), a)?)),
        ),
        (
            "create, restricted",
            Refused,
            Box::new(|c, a| json(create(c, &as_input(true), a)?)),
        ),
    ];

    for (name, expected, call) in &calls {
        match (expected, call(conn, Access::Public)) {
            (Refused, Err(Error::Restricted)) => {}
            (KindDatesCost, Ok(answer)) => {
                let text = answer.to_string();
                assert!(text.len() > 2, "{name} answers the case: {text}");
                for secret in &secrets {
                    assert!(
                        !text.contains(secret.as_str()),
                        "{name} leaks {secret}: {text}"
                    );
                }
            }
            (_, other) => panic!("{name}, locked: {other:?}"),
        }
    }
    assert_eq!(get(conn, id, unlocked()).unwrap(), whole, "nothing changed");
    let locked_cost = cost::of_case(conn, id, None, Access::Public).unwrap();
    assert_eq!(
        (locked_cost.total, locked_cost.expense_lines.len()),
        (whole.cost.total, 0),
        "the whole cost, without what it is made of"
    );

    for (name, _, call) in &calls {
        let answer = call(conn, unlocked()).unwrap_or_else(|e| panic!("{name}, unlocked: {e:?}"));
        assert!(
            answer != serde_json::json!([]),
            "{name} answers the case unlocked"
        );
    }
    assert!(
        !get(conn, id, unlocked()).unwrap().restricted,
        "unrestricted when unlocked"
    );
}

/// Whether `needle` is anywhere in the file's bytes.
fn file_holds(path: &std::path::Path, needle: &str) -> bool {
    let bytes = fs::read(path).unwrap_or_default();
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Every file under `dir`.
fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = vec![];
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// The demo's restricted case, and a document added to it, are nowhere in clear: not in the
/// database file, its write-ahead log, a backup, nor the documents folder; the committee's
/// passphrase opens them all.
#[test]
fn the_restricted_case_is_sealed_in_the_file_its_log_its_backups_and_its_documents() {
    use crate::store::OpenMode;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("konbit.sqlite");
    let docs = DocumentStore::beside(&db);
    let order = dir.path().join("ordonnance-confidentielle.pdf");
    fs::write(
        &order,
        b"%PDF-1.4 Ordonnance visant libertes-numeriques.example.eu",
    )
    .unwrap();
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
    store.write(|tx| crate::demo::create(tx, 1)).unwrap();
    let id: i64 = store
        .conn()
        .query_row("SELECT id FROM legal_cases WHERE restricted = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let key = vault::unlock(store.conn(), crate::demo::LEGAL_PASSPHRASE).unwrap();
    let event: i64 = store
        .conn()
        .query_row(
            "SELECT id FROM legal_events WHERE case_id = ?1 ORDER BY id LIMIT 1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    store
        .write(|tx| timeline::attach(tx, &docs, event, &order, Access::Unlocked(&key)))
        .unwrap();
    let backup = dir.path().join("copie.sqlite");
    store.backup_to(&backup).unwrap();
    let whole = get(store.conn(), id, Access::Unlocked(&key)).unwrap();
    assert_eq!(
        whole.title,
        "Demande de retrait visant un site européen hébergé"
    );
    let secrets = [
        whole.title.as_str(),
        "libertes-numeriques.example.eu",
        "Lettre du 2 novembre 2012",
        "Société européenne de gestion de droits",
        "Mise en demeure exigeant le retrait du site.",
        "Serveur du client en colocation, baie 3",
        "ordonnance-confidentielle",
    ];
    let wal = dir.path().join("konbit.sqlite-wal");
    assert!(
        fs::metadata(&wal).unwrap().len() > 0,
        "the log holds the demo"
    );
    let mut places = vec![db.clone(), wal, backup];
    places.extend(files_under(&dir.path().join("konbit.sqlite.documents")));
    assert!(places.len() >= 4, "{places:?}");
    for place in &places {
        for secret in secrets {
            assert!(
                !file_holds(place, secret),
                "{secret} is in clear in {}",
                place.display()
            );
        }
    }
    // The audit log holds the sealed state; `konbit check` finds it as the tables are.
    assert!(crate::check::run(store.conn()).unwrap().is_empty());
    let (doc, bytes) = timeline::open_document(
        store.conn(),
        &docs,
        id,
        whole.events[0].documents[0].document_id,
        Access::Unlocked(&key),
    )
    .unwrap();
    assert_eq!(doc.name, "ordonnance-confidentielle.pdf");
    assert_eq!(bytes, fs::read(&order).unwrap());
    assert!(matches!(
        timeline::open_document(store.conn(), &docs, id, doc.document_id, Access::Public),
        Err(Error::Restricted)
    ));
}

/// A temporary folder with a documents store and the Village's letter to attach, and the
/// demo's people and clients.
fn with_a_letter() -> (tempfile::TempDir, DocumentStore, std::path::PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let docs = DocumentStore::in_dir(&dir.path().join("docs"));
    let letter = dir.path().join("lettre.pdf");
    fs::write(&letter, b"%PDF-1.4 lettre du Village historique").unwrap();
    (dir, docs, letter, store())
}

/// The notice, not restricted, with its first event and the letter attached to it.
fn notice_with_letter(
    tx: &Connection,
    docs: &DocumentStore,
    letter: &std::path::Path,
    access: Access,
) -> Result<i64> {
    let id = create(tx, &notice(tx, false), access)?;
    let event = timeline::add_event(
        tx,
        id,
        &EventInput {
            happened_on: d("2013-03-11"),
            kind: EventKind::NoticeReceived,
            text: "Mise en demeure du Village historique".into(),
        },
        access,
    )?;
    timeline::attach(tx, docs, event.id, letter, access)?;
    Ok(id)
}

/// Unrestricting a case opens all it holds, restricting it again seals it: the case reads the
/// same each way, its document's copy in clear and sealed by turns, the old copy swept.
#[test]
fn restricting_and_unrestricting_seal_and_open_all_a_case_holds() {
    let (dir, docs, letter, mut store) = with_a_letter();
    let id = store
        .write(|tx| {
            let id = notice_with_letter(tx, &docs, &letter, unlocked())?;
            disclosure::log(
                tx,
                id,
                &DisclosureInput {
                    disclosed_on: d("2013-03-12"),
                    what: "Courriel du titulaire".into(),
                    recipient: "Étude Dubois avocats".into(),
                    authority: "Demande écrite".into(),
                    decided_by: "Conseil de travail".into(),
                },
                unlocked(),
            )?;
            Ok::<_, Error>(id)
        })
        .unwrap();
    let clear = get(store.conn(), id, unlocked()).unwrap();
    let stored_title = |conn: &Connection| -> String {
        conn.query_row("SELECT title FROM legal_cases WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
    };
    let document_files = || files_under(&dir.path().join("docs"));
    for restricted in [true, false, true] {
        let resealed = store
            .write(|tx| {
                let input = CaseInput {
                    restricted,
                    ..CaseInput::from(&clear)
                };
                update(tx, &docs, id, &input, unlocked())
            })
            .unwrap();
        assert!(resealed, "the caller is told to sweep");
        assert_eq!(docs.sweep(store.conn()).unwrap(), 1, "the old copy goes");
        let now = get(store.conn(), id, unlocked()).unwrap();
        assert_eq!(now.restricted, restricted);
        let same = |case: &Case| {
            (
                case.title.clone(),
                case.client_name.clone(),
                case.parties.clone(),
                case.events[0].text.clone(),
                case.events[0].documents[0].name.clone(),
                case.disclosures.clone(),
            )
        };
        assert_eq!(same(&now), same(&clear));
        assert_eq!(vault::is_sealed(&stored_title(store.conn())), restricted);
        let files = document_files();
        assert_eq!(files.len(), 1);
        assert_eq!(
            file_holds(&files[0], "Village historique"),
            !restricted,
            "the document is sealed with its case"
        );
    }
    assert!(crate::check::run(store.conn()).unwrap().is_empty());
}

/// A restricted case written before the committee chose its passphrase (by an earlier Konbit)
/// is sealed, documents and all, when it does.
#[test]
fn choosing_the_passphrase_seals_the_cases_restricted_before() {
    let (dir, docs, letter, mut store) = with_a_letter();
    let id = store
        .write(|tx| {
            let id = notice_with_letter(tx, &docs, &letter, Access::Public)?;
            // What Konbit 0.1 wrote: the flag, the details in clear.
            tx.execute("UPDATE legal_cases SET restricted = 1 WHERE id = ?1", [id])?;
            Ok::<_, Error>(id)
        })
        .unwrap();
    let key = store
        .write(|tx| {
            vault::create(
                tx,
                Some(&docs),
                "la baie trois reste fermée",
                "la baie trois reste fermée",
            )
        })
        .unwrap();
    docs.sweep(store.conn()).unwrap();
    let stored: (String, String, Option<i64>) = store
        .conn()
        .query_row(
            "SELECT k.title, e.text, k.client_id FROM legal_cases k JOIN legal_events e ON e.case_id = k.id WHERE k.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert!(vault::is_sealed(&stored.0) && vault::is_sealed(&stored.1));
    assert_eq!(stored.2, None, "the client is sealed too");
    let files = files_under(&dir.path().join("docs"));
    assert_eq!(files.len(), 1);
    assert!(!file_holds(&files[0], "Village historique"));
    let case = get(store.conn(), id, Access::Unlocked(&key)).unwrap();
    assert_eq!(case.title, "Mise en demeure — site parodique");
    assert_eq!(case.client_name.as_deref(), Some("Parc Sans Frontières"));
    assert_eq!(case.events[0].documents[0].name, "lettre.pdf");
}
