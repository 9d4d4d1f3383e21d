//! Closing a fiscal year: once the general meeting has adopted a year's accounts, its figures
//! (revenue, expenses, net worth, FTE, salaried share) are kept as they were adopted, and every
//! record dated in it — or in any year before — is locked: time entries, invoices and credit
//! notes, payments, expenses, other income, wages and statuses, budgets. Without the lock a
//! correction typed years later would silently change accounts already reported to the members.
//!
//! Years close in order and reopen from the last, so the lock is one date: the end of the last
//! closed year. Reopening is allowed (an auditor's correction) and, like closing, written to the
//! audit log. The series of years, the net worth and `stats` carry a closed year's figures from
//! here instead of recomputing every year before it; `konbit check` compares them with the
//! records.

use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use ts_rs::TS;

use crate::clock;
use crate::error::{Error, Problem, Result};
use crate::finance::history;
use crate::fiscal::FiscalYear;
use crate::money::Cents;
use crate::organisation::settings;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Closing {
    /// `2019-2020`.
    pub fiscal_year: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub revenue: Cents,
    pub expenses: Cents,
    pub net_worth: Cents,
    pub fte: f64,
    pub salaried_share: f64,
    pub closed_at: String,
}

const SELECT: &str = "SELECT start_on, end_on, revenue_cents, expenses_cents, net_worth_cents, fte, salaried_share, closed_at FROM year_closings";

/// Every closed year, oldest first.
pub fn list(conn: &Connection) -> Result<Vec<Closing>> {
    let start_month = settings::require(conn)?.fiscal_year_start_month;
    let rows = conn
        .prepare_cached(&format!("{SELECT} ORDER BY start_on"))?
        .query_map([], |r| from_row(r, start_month))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, fy: FiscalYear) -> Result<Option<Closing>> {
    let start_month = settings::require(conn)?.fiscal_year_start_month;
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE start_on = ?1"),
            [fy.start()],
            |r| from_row(r, start_month),
        )
        .optional()?)
}

/// Where a year stands: closed or not, and what keeps it from being closed (or, closed, from
/// being reopened) now. The screen shows the reason before anyone clicks; `close` and `reopen`
/// refuse with it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct YearState {
    pub fiscal_year: String,
    pub closing: Option<Closing>,
    pub blocker: Option<Blocker>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Blocker {
    /// The year is not over yet.
    NotOver { end: NaiveDate },
    /// Years close in order: this one is the next to close.
    EarlierOpen { fiscal_year: String },
    /// Drafts dated in the year or before could never be issued once it is closed.
    Drafts { count: u32, end: NaiveDate },
    /// The year lies before the last closed one: locked, and not the one to reopen.
    LaterClosed { fiscal_year: String },
}

impl std::fmt::Display for Blocker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Blocker::NotOver { end } => write!(
                f,
                "the year ends on {end}: a year is closed once it is over"
            ),
            Blocker::EarlierOpen { fiscal_year } => {
                write!(f, "years close in order: close {fiscal_year} first")
            }
            Blocker::Drafts { count, end } => {
                write!(f, "{count} draft invoice(s) or credit note(s) are dated on or before {end}: issue them, delete them or date them later first")
            }
            Blocker::LaterClosed { fiscal_year } => write!(
                f,
                "{fiscal_year} is closed after it: only the last closed year can be reopened"
            ),
        }
    }
}

impl Blocker {
    /// Why `fy` cannot be closed, as the person reads it.
    pub fn problem(&self, fy: FiscalYear) -> Problem {
        let fiscal_year = fy.name();
        match self {
            Blocker::NotOver { end } => Problem::YearNotOver {
                fiscal_year,
                end: (*end).into(),
            },
            Blocker::EarlierOpen {
                fiscal_year: earlier,
            } => Problem::EarlierYearOpen {
                fiscal_year,
                earlier: earlier.clone(),
            },
            Blocker::Drafts { count, .. } => Problem::DraftsInYear {
                fiscal_year,
                count: i64::from(*count),
            },
            Blocker::LaterClosed { fiscal_year: later } => Problem::LaterYearClosed {
                fiscal_year,
                later: later.clone(),
            },
        }
    }
}

pub fn state(conn: &Connection, fy: FiscalYear) -> Result<YearState> {
    let closed = list(conn)?;
    let closing = closed.iter().find(|c| c.start == fy.start()).cloned();
    let blocker = match closed.last() {
        Some(last) if last.start > fy.start() => Some(Blocker::LaterClosed {
            fiscal_year: last.fiscal_year.clone(),
        }),
        Some(_) if closing.is_some() => None,
        Some(last) if FiscalYear::containing(last.end, fy.start().month()).next() != fy => {
            Some(Blocker::EarlierOpen {
                fiscal_year: FiscalYear::containing(last.end, fy.start().month())
                    .next()
                    .name(),
            })
        }
        _ if fy.end() >= clock::today() => Some(Blocker::NotOver { end: fy.end() }),
        _ => {
            let count: u32 = conn.query_row(
                "SELECT count(*) FROM invoices WHERE issued_at IS NULL AND invoice_date <= ?1",
                [fy.end()],
                |r| r.get(0),
            )?;
            (count > 0).then_some(Blocker::Drafts {
                count,
                end: fy.end(),
            })
        }
    };
    Ok(YearState {
        fiscal_year: fy.name(),
        closing,
        blocker,
    })
}

/// Closes `fy` with its figures as the records give them today, unless something keeps it
/// open ([`Blocker`]).
pub fn close(conn: &Connection, fy: FiscalYear) -> Result<Closing> {
    let now = state(conn, fy)?;
    if now.closing.is_some() || matches!(now.blocker, Some(Blocker::LaterClosed { .. })) {
        return Err(Error::Refused(Problem::YearAlreadyClosed {
            fiscal_year: fy.name(),
        }));
    }
    if let Some(blocker) = now.blocker {
        return Err(Error::Refused(blocker.problem(fy)));
    }
    let year = history::all(conn, fy)?
        .pop()
        .map(|y| y.summary)
        .ok_or_else(|| Error::internal(format_args!("no figures for {}", fy.name())))?;
    conn.execute(
        "INSERT INTO year_closings (start_on, end_on, revenue_cents, expenses_cents, net_worth_cents, fte, salaried_share, closed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![fy.start(), fy.end(), year.revenue.0, year.expenses.0, year.net_worth.0, year.fte, year.salaried_share, clock::now()],
    )?;
    let closing = get(conn, fy)?
        .ok_or_else(|| Error::internal(format_args!("{} could not be closed", fy.name())))?;
    crate::audit::record(
        conn,
        "fiscal_year",
        i64::from(fy.start().year()),
        "close",
        Some(&closing),
    )?;
    Ok(closing)
}

/// Reopens the last closed year: its records can change again, and its figures are computed
/// from them until it is closed anew.
pub fn reopen(conn: &Connection, fy: FiscalYear) -> Result<()> {
    let now = state(conn, fy)?;
    match (now.closing, now.blocker) {
        (_, Some(Blocker::LaterClosed { fiscal_year })) => {
            Err(Error::Refused(Problem::LaterYearClosed {
                fiscal_year: fy.name(),
                later: fiscal_year,
            }))
        }
        (Some(_), _) => {
            conn.execute(
                "DELETE FROM year_closings WHERE start_on = ?1",
                [fy.start()],
            )?;
            crate::audit::record(
                conn,
                "fiscal_year",
                i64::from(fy.start().year()),
                "reopen",
                None::<&Closing>,
            )
        }
        (None, _) => Err(Error::Refused(Problem::YearNotClosed {
            fiscal_year: fy.name(),
        })),
    }
}

/// The lock on dated records, read once for a batch of writes (an import).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lock {
    /// The end of the last closed year.
    through: Option<NaiveDate>,
    start_month: u32,
}

impl Lock {
    pub(crate) fn read(conn: &Connection) -> Result<Lock> {
        let through: Option<NaiveDate> = conn
            .prepare_cached("SELECT max(end_on) FROM year_closings")?
            .query_row([], |r| r.get(0))?;
        // Settings are read only when a year is closed: records are written before the
        // organisation exists (the demo), when nothing can be closed yet.
        let start_month = match through {
            Some(_) => settings::require(conn)?.fiscal_year_start_month,
            None => 1,
        };
        Ok(Lock {
            through,
            start_month,
        })
    }

    /// Whether `date` is in a closed year.
    pub(crate) fn covers(&self, date: NaiveDate) -> bool {
        self.through.is_some_and(|through| date <= through)
    }

    /// Refuses a record dated `date` if its year is closed.
    pub(crate) fn check(&self, date: NaiveDate) -> Result<()> {
        if self.covers(date) {
            return Err(Error::Closed {
                fiscal_year: FiscalYear::containing(date, self.start_month).name(),
                date,
            });
        }
        Ok(())
    }
}

/// Refuses a write of a record dated `date` (its date before a change, and after) in a closed
/// year.
pub fn ensure_open(conn: &Connection, date: NaiveDate) -> Result<()> {
    Lock::read(conn)?.check(date)
}

fn from_row(r: &Row, start_month: u32) -> rusqlite::Result<Closing> {
    let start: NaiveDate = r.get(0)?;
    Ok(Closing {
        fiscal_year: FiscalYear::containing(start, start_month).name(),
        start,
        end: r.get(1)?,
        revenue: Cents(r.get(2)?),
        expenses: Cents(r.get(3)?),
        net_worth: Cents(r.get(4)?),
        fte: r.get(5)?,
        salaried_share: r.get(6)?,
        closed_at: r.get(7)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::finance::expense::{self, ExpenseInput};
    use crate::invoicing::invoice::{self, DraftInput};
    use crate::worktime::entry::{self, TimeEntryInput};
    use crate::worktime::import::{self, Format, ImportOptions};

    use crate::demo::in_memory as demo;

    fn year(name: &str) -> FiscalYear {
        FiscalYear::parse(name, 9).unwrap()
    }

    fn is_closed<T: std::fmt::Debug>(r: Result<T>) -> bool {
        matches!(r, Err(Error::Closed { .. }))
    }

    fn omar(conn: &Connection, date: &str) -> TimeEntryInput {
        let (worker, project): (i64, i64) = conn
            .query_row(
                "SELECT w.id, (SELECT id FROM projects WHERE billing_mode = 'hourly' ORDER BY id LIMIT 1) FROM workers w JOIN members m ON m.id = w.member_id WHERE m.name = 'Omar Benali'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        TimeEntryInput {
            worker_id: worker,
            work_date: date.parse().unwrap(),
            duration: "2".into(),
            project_id: Some(project),
            ..Default::default()
        }
    }

    #[test]
    fn a_closed_year_keeps_its_figures_and_locks_its_records() {
        let store = demo();
        let conn = store.conn();
        let before = history::all(conn, year("2012-2013")).unwrap();
        let closing = close(conn, year("2011-2012")).unwrap();
        let computed = &before[before.len() - 2].summary;
        assert_eq!(
            (
                closing.fiscal_year.as_str(),
                closing.revenue,
                closing.expenses,
                closing.net_worth
            ),
            (
                "2011-2012",
                computed.revenue,
                computed.expenses,
                computed.net_worth
            )
        );
        assert_eq!(
            (closing.fte, closing.salaried_share),
            (computed.fte, computed.salaried_share)
        );
        let after = history::all(conn, year("2012-2013")).unwrap();
        assert!(after[after.len() - 2].closed && !after[after.len() - 1].closed);
        assert_eq!(
            after.iter().map(|y| &y.summary).collect::<Vec<_>>(),
            before.iter().map(|y| &y.summary).collect::<Vec<_>>(),
            "the same figures, carried"
        );

        // Hours, in the closed year or moved into it, and out of it.
        assert!(is_closed(entry::create(conn, &omar(conn, "2012-08-31"))));
        let open = entry::create(conn, &omar(conn, "2012-09-01")).unwrap();
        assert!(is_closed(entry::update(
            conn,
            open.id,
            &omar(conn, "2012-08-30")
        )));
        let old: i64 = conn
            .query_row(
                "SELECT id FROM time_entries WHERE work_date < '2012-09-01' AND id NOT IN (SELECT time_entry_id FROM invoice_time_entries) LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(is_closed(entry::update(
            conn,
            old,
            &omar(conn, "2012-09-03")
        )));
        assert!(is_closed(entry::delete(conn, old)));
        // Money and wages dated in it, or before it.
        let category: i64 = conn
            .query_row("SELECT id FROM expense_categories LIMIT 1", [], |r| {
                r.get(0)
            })
            .unwrap();
        let spent = ExpenseInput {
            spent_on: "2012-06-30".parse().unwrap(),
            supplier: "Vidéotron".into(),
            category_id: category,
            team_id: None,
            amount: Cents(8_999),
            gst: Cents(0),
            qst: Cents(0),
            method: expense::ExpenseMethod::Card,
            description: String::new(),
        };
        assert!(is_closed(expense::create(conn, &spent)));
        assert!(is_closed(expense::create(
            conn,
            &ExpenseInput {
                spent_on: "2009-01-05".parse().unwrap(),
                ..spent.clone()
            }
        )));
        expense::create(
            conn,
            &ExpenseInput {
                spent_on: "2012-09-30".parse().unwrap(),
                ..spent
            },
        )
        .unwrap();
        let client: i64 = conn
            .query_row("SELECT id FROM clients LIMIT 1", [], |r| r.get(0))
            .unwrap();
        assert!(is_closed(invoice::create_draft(
            conn,
            &DraftInput {
                client_id: client,
                invoice_date: "2012-08-15".parse().unwrap(),
                notes: String::new()
            }
        )));
        let worker = omar(conn, "2012-09-01").worker_id;
        let wage = crate::organisation::worker::WageInput {
            effective_on: "2012-01-01".parse().unwrap(),
            hourly_rate: Cents(2_500),
            employer_charges_bp: 1_500,
        };
        assert!(is_closed(crate::organisation::worker::add_wage(
            conn, worker, &wage
        )));
        let budget = crate::finance::budget::BudgetLine {
            fiscal_year: "2011-2012".into(),
            quarter: 1,
            team_id: None,
            department_id: None,
            category_id: Some(category),
            amount: Cents(100_000),
        };
        assert!(is_closed(crate::finance::budget::set(conn, &budget)));

        let summary = history::HistoryYear {
            fiscal_year: "2011-2012".into(),
            revenue: Cents(1),
            expenses: Cents(1),
            net_worth: Cents(0),
            fte: 1.0,
            salaried_share: 0.5,
            notes: String::new(),
        };
        assert!(
            matches!(
                history::save(conn, &summary),
                Err(Error::Refused(Problem::SummaryOfClosedYear { .. }))
            ),
            "a closed year's summary is its closing"
        );
        // Recurring expenses record the occurrences of open years only, without stumbling on
        // those of the closed one.
        assert!(
            crate::finance::recurring::generate(conn, "2013-09-30".parse().unwrap()).unwrap() > 0
        );

        // An import with one line in the closed year writes nothing.
        let file = "id,date,worker,project,duration,description\nA,2012-09-04,Omar Benali,Administration,1:15,ouvert\nB,2012-08-31,Omar Benali,Administration,2:00,clôturé\n";
        let count = |conn: &Connection| {
            conn.query_row("SELECT count(*) FROM time_entries", [], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap()
        };
        let entries = count(conn);
        let refused = import::commit(
            conn,
            Format::Csv,
            file.as_bytes(),
            &ImportOptions::default(),
        )
        .unwrap_err();
        assert!(
            matches!(&refused, Error::Closed { fiscal_year, .. } if fiscal_year == "2011-2012"),
            "{refused}"
        );
        assert!(refused.to_string().contains("2012-08-31"), "{refused}");
        assert_eq!(count(conn), entries);
        assert!(
            crate::check::run(conn).unwrap().is_empty(),
            "{:?}",
            crate::check::run(conn).unwrap()
        );
    }

    #[test]
    fn years_close_in_order_and_reopen_from_the_last() {
        let store = demo();
        let conn = store.conn();
        let this_year = FiscalYear::containing(clock::today(), 9);
        assert!(matches!(
            close(conn, this_year),
            Err(Error::Refused(Problem::YearNotOver { .. }))
        ));
        close(conn, year("2011-2012")).unwrap();
        assert!(matches!(
            close(conn, year("2011-2012")),
            Err(Error::Refused(Problem::YearAlreadyClosed { .. }))
        ));
        assert!(matches!(
            close(conn, year("2010-2011")),
            Err(Error::Refused(Problem::YearAlreadyClosed { .. }))
        ));
        assert!(
            matches!(close(conn, year("2013-2014")), Err(Error::Refused(Problem::EarlierYearOpen { earlier, .. })) if earlier == "2012-2013")
        );

        // A draft dated in the year holds its closing back until it is dated later.
        let client: i64 = conn
            .query_row("SELECT id FROM clients LIMIT 1", [], |r| r.get(0))
            .unwrap();
        let draft = invoice::create_draft(
            conn,
            &DraftInput {
                client_id: client,
                invoice_date: "2013-08-20".parse().unwrap(),
                notes: String::new(),
            },
        )
        .unwrap();
        assert!(matches!(
            close(conn, year("2012-2013")),
            Err(Error::Refused(Problem::DraftsInYear { count: 1, .. }))
        ));
        assert_eq!(
            state(conn, year("2012-2013")).unwrap().blocker,
            Some(Blocker::Drafts {
                count: 1,
                end: "2013-08-31".parse().unwrap()
            })
        );
        invoice::update_draft(
            conn,
            draft.id,
            &DraftInput {
                client_id: client,
                invoice_date: "2013-09-03".parse().unwrap(),
                notes: String::new(),
            },
        )
        .unwrap();
        close(conn, year("2012-2013")).unwrap();
        assert!(is_closed(entry::create(conn, &omar(conn, "2013-08-30"))));

        assert!(
            matches!(reopen(conn, year("2011-2012")), Err(Error::Refused(Problem::LaterYearClosed { later, .. })) if later == "2012-2013")
        );
        assert_eq!(
            state(conn, year("2011-2012")).unwrap().blocker,
            Some(Blocker::LaterClosed {
                fiscal_year: "2012-2013".into()
            })
        );
        let draft_later = Some(Blocker::Drafts {
            count: 1,
            end: "2014-08-31".parse().unwrap(),
        });
        assert_eq!(
            state(conn, year("2013-2014")).unwrap().blocker,
            draft_later,
            "the next one, but for the draft moved into it"
        );
        assert_eq!(
            state(conn, year("2014-2015")).unwrap().blocker,
            Some(Blocker::EarlierOpen {
                fiscal_year: "2013-2014".into()
            })
        );
        reopen(conn, year("2012-2013")).unwrap();
        entry::create(conn, &omar(conn, "2013-08-30")).unwrap();
        assert!(is_closed(entry::create(conn, &omar(conn, "2012-08-30"))));
        assert_eq!(
            list(conn)
                .unwrap()
                .iter()
                .map(|c| c.fiscal_year.as_str())
                .collect::<Vec<_>>(),
            ["2011-2012"]
        );
        let logged: Vec<String> = conn
            .prepare("SELECT action FROM audit_log WHERE entity = 'fiscal_year' ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(logged, ["close", "close", "reopen"]);
    }

    #[test]
    fn a_closed_year_changed_behind_konbits_back_is_reported() {
        let store = demo();
        let conn = store.conn();
        // The demo's 2010-2011 is a summary typed from the reports of the time, not records.
        let typed = close(conn, year("2010-2011")).unwrap();
        assert_eq!(
            typed.revenue,
            history::get(conn, year("2010-2011"))
                .unwrap()
                .unwrap()
                .revenue
        );
        assert!(
            crate::check::run(conn).unwrap().is_empty(),
            "{:?}",
            crate::check::run(conn).unwrap()
        );
        close(conn, year("2011-2012")).unwrap();
        conn.execute("UPDATE expenses SET amount_cents = amount_cents + 100 WHERE id = (SELECT min(id) FROM expenses WHERE spent_on <= '2012-08-31')", [])
            .unwrap();
        let problems = crate::check::run(conn).unwrap();
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("the fiscal year 2011-2012 was closed with revenue")),
            "{problems:?}"
        );
    }
}
