//! The commands serve the legal cases with the session's access: locked, the demo's restricted
//! case is refused or shown by kind, dates and cost; unlocked, it is served whole.

use konbit_core::legal::timeline::{DeadlineInput, EventInput, EventKind};
use konbit_core::legal::{CaseInput, CaseStatus};

use super::*;

/// The demo in a database of its own, as the app opens it, with a deadline of the coming days on
/// the restricted case (the demo's are all met): answers the state and the case's id.
fn demo() -> (tempfile::TempDir, AppState, i64) {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::open(dir.path().join("konbit.sqlite"));
    state
        .write(|tx| konbit_core::demo::create(tx, 1).map(|_| ()))
        .unwrap();
    let id = state
        .read(|conn| {
            Ok(
                conn.query_row("SELECT id FROM legal_cases WHERE restricted = 1", [], |r| {
                    r.get(0)
                })?,
            )
        })
        .unwrap();
    unlock(
        &state,
        Zeroizing::new(konbit_core::demo::LEGAL_PASSPHRASE.into()),
    )
    .unwrap();
    Cases::of(&state)
        .add_deadline(
            id,
            &DeadlineInput {
                due_on: clock::today() + chrono::Days::new(3),
                what: "Relancer la société de gestion".into(),
                responsible: "Comité légal".into(),
            },
        )
        .unwrap();
    state.set_legal_key(None);
    (dir, state, id)
}

fn unrestricting(case: &Case) -> CaseInput {
    CaseInput {
        status: CaseStatus::Closed,
        restricted: false,
        ..CaseInput::from(case)
    }
}

fn is_refused<T: std::fmt::Debug>(answer: CmdResult<T>) -> bool {
    matches!(answer, Err(AppError { ref problem, .. }) if **problem == Problem::Restricted)
}

/// Unlocking asks for the committee's passphrase: a wrong one is refused on its field, and
/// leaves the session locked; the right one unlocks until the session locks again.
#[test]
fn unlocking_takes_the_committees_passphrase() {
    let (_dir, state, id) = demo();
    let wrong = unlock(&state, Zeroizing::new("la baie trois reste ouverte".into())).unwrap_err();
    assert_eq!(
        (wrong.field.as_deref(), &*wrong.problem),
        (Some("passphrase"), &Problem::WrongPassphrase)
    );
    assert!(is_refused(Cases::of(&state).get(id)));
    let status = unlock(
        &state,
        Zeroizing::new(konbit_core::demo::LEGAL_PASSPHRASE.into()),
    )
    .unwrap();
    assert!(status.chosen && status.unlocked);
    assert!(Cases::of(&state).get(id).is_ok());
    state.set_legal_key(None);
    assert!(is_refused(Cases::of(&state).get(id)));
}

/// A database whose restricted case was written before the vault (simulated: the flag set in
/// SQL on a case in clear) has it sealed when the committee chooses its passphrase, and the
/// log is emptied at once: the title is then in neither the file nor its log.
#[test]
fn choosing_the_passphrase_seals_and_empties_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("konbit.sqlite");
    let state = AppState::open(db.clone());
    let title = "Plainte visant le serveur de la radio communautaire";
    state
        .write(|tx| {
            let id = legal::create(
                tx,
                &CaseInput {
                    kind: legal::CaseKind::Lawsuit,
                    title: title.into(),
                    reference: String::new(),
                    client_id: None,
                    sites: String::new(),
                    server: String::new(),
                    status: CaseStatus::Open,
                    opened_on: clock::today(),
                    closed_on: None,
                    restricted: false,
                    summary: String::new(),
                    parties: vec![],
                },
                Access::Public,
            )?;
            tx.execute("UPDATE legal_cases SET restricted = 1 WHERE id = ?1", [id])?;
            Ok(())
        })
        .unwrap();
    let short = choose(
        &state,
        Zeroizing::new("court".into()),
        Zeroizing::new("court".into()),
    );
    assert_eq!(short.unwrap_err().field.as_deref(), Some("passphrase"));
    let phrase = || Zeroizing::new(String::from("quatre mots bien choisis"));
    let status = choose(&state, phrase(), phrase()).unwrap();
    assert!(status.chosen && status.unlocked);
    let wal = std::fs::read(dir.path().join("konbit.sqlite-wal")).unwrap_or_default();
    assert!(wal.is_empty(), "the log is emptied");
    let cases = Cases::of(&state).list(None).unwrap();
    assert_eq!(cases[0].title.as_deref(), Some(title));
    let stored: String = state
        .read(|conn| Ok(conn.query_row("SELECT title FROM legal_cases", [], |r| r.get(0))?))
        .unwrap();
    assert!(stored.starts_with("kv1:"));
}

#[test]
fn the_commands_serve_the_sessions_access() {
    let (_dir, state, id) = demo();
    unlock(
        &state,
        Zeroizing::new(konbit_core::demo::LEGAL_PASSPHRASE.into()),
    )
    .unwrap();
    let whole = Cases::of(&state).get(id).unwrap();
    state.set_legal_key(None);
    let event = EventInput {
        happened_on: clock::today(),
        kind: EventKind::Other,
        text: "Appel".into(),
    };

    let locked = Cases::of(&state);
    assert!(is_refused(locked.get(id)));
    assert!(is_refused(locked.save(Some(id), &unrestricting(&whole))));
    assert!(is_refused(locked.add_event(id, &event)));
    assert!(is_refused(locked.file(id, Lang::Fr)));
    let listed = locked.list(None).unwrap();
    let summary = listed.iter().find(|c| c.id == id).unwrap();
    assert_eq!(
        (summary.title.as_ref(), summary.client_name.as_ref()),
        (None, None)
    );
    let upcoming = locked.upcoming(14).unwrap();
    assert!(upcoming
        .iter()
        .any(|u| u.case_id == id && u.shown.is_none()));
    let home = crate::commands::home::summary(&state, None).unwrap();
    let deadline = home.deadlines.iter().find(|d| d.case_id == id).unwrap();
    assert!(deadline.hidden && deadline.what.is_none());

    unlock(
        &state,
        Zeroizing::new(konbit_core::demo::LEGAL_PASSPHRASE.into()),
    )
    .unwrap();
    let unlocked = Cases::of(&state);
    assert_eq!(unlocked.get(id).unwrap().title, whole.title);
    assert!(unlocked.add_event(id, &event).is_ok());
    assert!(unlocked.file(id, Lang::Fr).unwrap().starts_with(b"%PDF"));
    assert!(unlocked
        .upcoming(14)
        .unwrap()
        .iter()
        .any(|u| u.case_id == id
            && u.shown.as_ref().map(|s| s.what.as_str())
                == Some("Relancer la société de gestion")));
    let home = crate::commands::home::summary(&state, None).unwrap();
    assert!(home.deadlines.iter().any(|d| d.case_id == id && !d.hidden));
    assert!(
        !unlocked
            .save(Some(id), &unrestricting(&whole))
            .unwrap()
            .restricted
    );
}
