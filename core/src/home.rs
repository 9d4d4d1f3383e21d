//! The home screen: what the person at the keyboard needs to see when the app opens — their
//! hours this week and running timer, the legal deadlines of the next two weeks, the overdue
//! invoices, the drafts waiting to be issued and the money in the bank against the cushion.
//! Everything is read in one call so that the screen shows one consistent moment.

use chrono::{Days, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::finance::cashflow;
use crate::invoicing::{invoice, receivables};
use crate::legal::{timeline, Access};
use crate::money::Cents;
use crate::organisation::settings;
use crate::store::sql::{params, Connection, OptionalExtension};
use crate::worktime::{timer, week};

/// How far ahead the legal deadlines are looked for.
pub const DEADLINE_DAYS: u64 = 14;
/// How many overdue invoices are named; the others are counted.
pub const OLDEST_OVERDUE: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Home {
    pub today: NaiveDate,
    /// The week of the person at the keyboard; none until they say who they are.
    pub week: Option<WeekHours>,
    pub timer: Option<RunningTimer>,
    /// Not done, overdue or due within [`DEADLINE_DAYS`], the most urgent first.
    pub deadlines: Vec<HomeDeadline>,
    pub overdue: receivables::Overdue,
    pub drafts: u32,
    /// None before any bank account is recorded.
    pub bank: Option<BankAgainstCushion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WeekHours {
    pub monday: NaiveDate,
    pub sunday: NaiveDate,
    pub minutes: u32,
    /// The weekly hours of the worker's status on `today`, if they have one.
    pub expected_minutes: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RunningTimer {
    /// UTC, RFC 3339.
    pub started_at: String,
    /// The project (with its client) or committee it runs for.
    pub target: String,
    pub description: String,
}

/// A deadline as the home screen may show it. For a restricted case the session did not
/// unlock, only that the case has a deadline and its date: neither the case's title nor what is
/// due (which often names the parties), nor who answers for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HomeDeadline {
    pub case_id: i64,
    pub due_on: NaiveDate,
    pub overdue: bool,
    /// A restricted case this session did not unlock: only its date is shown.
    pub hidden: bool,
    pub case_title: Option<String>,
    pub what: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct BankAgainstCushion {
    /// At the end of `today`, every account together.
    pub balance: Cents,
    pub cushion: Cents,
    pub under_cushion: bool,
}

/// The home screen of `worker` (none when nobody said who is at the keyboard) on `today`.
pub fn summary(
    conn: &Connection,
    worker: Option<i64>,
    today: NaiveDate,
    access: Access,
) -> Result<Home> {
    let (week, timer) = match worker {
        Some(id) => (Some(week_hours(conn, id, today)?), running_timer(conn, id)?),
        None => (None, None),
    };
    Ok(Home {
        today,
        week,
        timer,
        deadlines: deadlines(conn, today, access)?,
        overdue: receivables::overdue(conn, today, OLDEST_OVERDUE)?,
        drafts: invoice::drafts_waiting(conn)?,
        bank: bank(conn, today)?,
    })
}

fn week_hours(conn: &Connection, worker: i64, today: NaiveDate) -> Result<WeekHours> {
    let monday = week::monday_of(today);
    let sunday = monday + Days::new(6);
    let minutes: u32 = conn
        .prepare_cached("SELECT coalesce(sum(minutes), 0) FROM time_entries WHERE worker_id = ?1 AND work_date BETWEEN ?2 AND ?3")?
        .query_row(params![worker, monday, sunday], |r| r.get(0))?;
    let expected_minutes = conn
        .prepare_cached(
            "SELECT weekly_minutes FROM worker_statuses WHERE worker_id = ?1 AND start_on <= ?2 AND (end_on IS NULL OR end_on >= ?2)
             ORDER BY start_on DESC LIMIT 1",
        )?
        .query_row(params![worker, today], |r| r.get(0))
        .optional()?;
    Ok(WeekHours {
        monday,
        sunday,
        minutes,
        expected_minutes,
    })
}

fn running_timer(conn: &Connection, worker: i64) -> Result<Option<RunningTimer>> {
    let Some(running) = timer::get(conn, worker)? else {
        return Ok(None);
    };
    let target: Option<String> = conn
        .prepare_cached(
            "SELECT CASE WHEN c.name IS NULL THEN p.name ELSE p.name || ' — ' || c.name END FROM projects p LEFT JOIN clients c ON c.id = p.client_id WHERE p.id = ?1
             UNION ALL SELECT name FROM committees WHERE id = ?2",
        )?
        .query_row(params![running.project_id, running.committee_id], |r| r.get(0))
        .optional()?;
    Ok(Some(RunningTimer {
        started_at: running.started_at,
        target: target.unwrap_or_default(),
        description: running.description,
    }))
}

fn deadlines(conn: &Connection, today: NaiveDate, access: Access) -> Result<Vec<HomeDeadline>> {
    // `upcoming` checks the access itself: a restricted case's deadline comes without its
    // details to a session that did not unlock it.
    Ok(timeline::upcoming(conn, today, DEADLINE_DAYS, access)?
        .into_iter()
        .map(|u| {
            let (case_title, what) = match u.shown {
                Some(shown) => (Some(shown.case_title), Some(shown.what)),
                None => (None, None),
            };
            HomeDeadline {
                case_id: u.case_id,
                due_on: u.due_on,
                overdue: u.overdue,
                hidden: what.is_none(),
                case_title,
                what,
            }
        })
        .collect())
}

fn bank(conn: &Connection, today: NaiveDate) -> Result<Option<BankAgainstCushion>> {
    let Some(balance) = cashflow::balance_at(conn, today)? else {
        return Ok(None);
    };
    let cushion = settings::require(conn)?.cushion;
    Ok(Some(BankAgainstCushion {
        balance,
        cushion,
        under_cushion: balance < cushion,
    }))
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::invoicing::invoice::DraftInput;
    use crate::legal::timeline::DeadlineInput;
    use crate::legal::{CaseInput, CaseKind, CaseStatus};
    use crate::organisation::worker;
    use crate::worktime::timer::TimerInput;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn case(conn: &Connection, title: &str, restricted: bool, due_on: &str, what: &str) -> i64 {
        let input = CaseInput {
            kind: CaseKind::FormalNotice,
            title: title.into(),
            reference: String::new(),
            client_id: None,
            sites: String::new(),
            server: String::new(),
            status: CaseStatus::Open,
            opened_on: d("2013-05-27"),
            closed_on: None,
            restricted,
            summary: String::new(),
            parties: vec![],
        };
        let key = crate::legal::vault::test_key();
        let id = crate::legal::create(conn, &input, Access::Unlocked(&key)).unwrap();
        timeline::add_deadline(
            conn,
            id,
            &DeadlineInput {
                due_on: d(due_on),
                what: what.into(),
                responsible: "Comité légal".into(),
            },
            Access::Unlocked(&key),
        )
        .unwrap();
        id
    }

    /// Omar's Wednesday in June 2013: his week so far, the invoices the demo leaves unpaid, the bank
    /// above the 30 000 $ cushion.
    #[test]
    fn the_demo_seen_from_omars_desk() {
        let store = crate::demo::in_memory();
        let conn = store.conn();
        let omar = worker::by_name(conn, "Omar Benali").unwrap();
        let home = summary(conn, Some(omar), d("2013-06-12"), Access::Public).unwrap();
        assert_eq!(
            home.week,
            Some(WeekHours {
                monday: d("2013-06-10"),
                sunday: d("2013-06-16"),
                minutes: 1995,
                expected_minutes: Some(2100)
            })
        );
        assert_eq!(home.timer, None);
        assert!(home.deadlines.is_empty());
        assert_eq!(
            (home.overdue.count, home.overdue.total),
            (82, Cents(11_483_863))
        );
        let oldest = &home.overdue.oldest[0];
        assert_eq!(oldest.number, "2013-0015");
        assert_eq!(
            oldest.client_name,
            "Ligue des droits et libertés, section Québec"
        );
        assert_eq!(
            (oldest.due_on, oldest.days_late, oldest.balance),
            (d("2012-10-01"), 254, Cents(6_899))
        );
        assert_eq!(home.overdue.oldest.len(), OLDEST_OVERDUE);
        assert!(
            home.overdue
                .oldest
                .windows(2)
                .all(|w| w[0].due_on <= w[1].due_on),
            "the longest overdue first"
        );
        assert_eq!(home.drafts, 0);
        assert_eq!(
            home.bank,
            Some(BankAgainstCushion {
                balance: Cents(4_432_200),
                cushion: Cents(3_000_000),
                under_cushion: false
            })
        );
    }

    #[test]
    fn nobody_at_the_keyboard_sees_the_collectives_figures_only() {
        let store = crate::demo::in_memory();
        let home = summary(store.conn(), None, d("2013-06-12"), Access::Public).unwrap();
        assert_eq!((home.week, home.timer), (None, None));
        assert_eq!(home.overdue.count, 82);
    }

    #[test]
    fn a_running_timer_and_a_draft_waiting_show() {
        let mut store = crate::demo::in_memory();
        let (omar, client) = store
            .write(|tx| {
                let omar = worker::by_name(tx, "Omar Benali")?;
                let committee: i64 = tx.query_row("SELECT id FROM committees WHERE name = 'Légal'", [], |r| r.get(0))?;
                let started = Utc.with_ymd_and_hms(2013, 6, 12, 13, 0, 0).unwrap();
                timer::start(tx, &TimerInput { worker_id: omar, project_id: None, committee_id: Some(committee), description: "Lire la mise en demeure".into() }, started)?;
                let client: i64 = tx.query_row("SELECT id FROM clients WHERE name = 'Ligue des droits et libertés, section Québec'", [], |r| r.get(0))?;
                Ok::<_, crate::Error>((omar, client))
            })
            .unwrap();
        store
            .write(|tx| {
                invoice::create_draft(
                    tx,
                    &DraftInput {
                        client_id: client,
                        invoice_date: d("2013-06-12"),
                        notes: String::new(),
                    },
                )
            })
            .unwrap();
        let home = summary(store.conn(), Some(omar), d("2013-06-12"), Access::Public).unwrap();
        let timer = home.timer.unwrap();
        assert_eq!(
            (timer.target.as_str(), timer.description.as_str()),
            ("Légal", "Lire la mise en demeure")
        );
        assert_eq!(timer.started_at, "2013-06-12T13:00:00+00:00");
        assert_eq!(home.drafts, 1);
    }

    /// The rule of `legal::summary`: a restricted case shows that it has a deadline, and its
    /// date, until the session unlocks it; never what is due.
    #[test]
    fn a_restricted_cases_deadline_shows_only_its_date() {
        let mut store = crate::demo::in_memory();
        let (open, restricted) = store
            .write(|tx| {
                let open = case(
                    tx,
                    "Avis de retrait — radio communautaire",
                    false,
                    "2013-06-20",
                    "Répondre à l’hébergeur",
                );
                let restricted = case(
                    tx,
                    "Mise en demeure — site militant",
                    true,
                    "2013-06-14",
                    "Déposer la défense de Mme Tremblay",
                );
                case(
                    tx,
                    "Plainte lointaine",
                    false,
                    "2013-07-15",
                    "Hors de la fenêtre de 14 jours",
                );
                Ok::<_, crate::Error>((open, restricted))
            })
            .unwrap();
        let conn = store.conn();
        let home = summary(conn, None, d("2013-06-12"), Access::Public).unwrap();
        let hidden = HomeDeadline {
            case_id: restricted,
            due_on: d("2013-06-14"),
            overdue: false,
            hidden: true,
            case_title: None,
            what: None,
        };
        let shown = HomeDeadline {
            case_id: open,
            due_on: d("2013-06-20"),
            overdue: false,
            hidden: false,
            case_title: Some("Avis de retrait — radio communautaire".into()),
            what: Some("Répondre à l’hébergeur".into()),
        };
        assert_eq!(home.deadlines, vec![hidden, shown.clone()]);

        let key = crate::legal::vault::test_key();
        let unlocked = summary(conn, None, d("2013-06-12"), Access::Unlocked(&key)).unwrap();
        assert_eq!(
            unlocked.deadlines[0].what.as_deref(),
            Some("Déposer la défense de Mme Tremblay")
        );
        // Two days later the first deadline is past and still listed, as overdue.
        let later = summary(conn, None, d("2013-06-17"), Access::Public).unwrap();
        assert!(later.deadlines[0].overdue && later.deadlines[0].hidden);
    }
}
