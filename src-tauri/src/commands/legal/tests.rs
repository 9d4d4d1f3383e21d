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
    state.set_restricted_unlocked(true);
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
    state.set_restricted_unlocked(false);
    (dir, state, id)
}

fn unrestricting(case: &Case) -> CaseInput {
    CaseInput {
        kind: case.kind,
        title: case.title.clone(),
        reference: case.reference.clone(),
        client_id: case.client_id,
        sites: case.sites.clone(),
        server: case.server.clone(),
        status: CaseStatus::Closed,
        opened_on: case.opened_on,
        closed_on: case.closed_on,
        restricted: false,
        summary: case.summary.clone(),
        parties: case.parties.clone(),
    }
}

fn is_refused<T: std::fmt::Debug>(answer: CmdResult<T>) -> bool {
    matches!(answer, Err(AppError { ref problem, .. }) if **problem == Problem::Restricted)
}

#[test]
fn the_commands_serve_the_sessions_access() {
    let (_dir, state, id) = demo();
    state.set_restricted_unlocked(true);
    let whole = Cases::of(&state).get(id).unwrap();
    state.set_restricted_unlocked(false);
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

    state.set_restricted_unlocked(true);
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
