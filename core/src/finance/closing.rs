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
use serde::Serialize;
use ts_rs::TS;

use crate::clock;
use crate::error::{Error, Problem, Result};
use crate::finance::history;
use crate::fiscal::FiscalYear;
use crate::money::Cents;
use crate::organisation::settings;
use crate::store::sql::{params, Connection, OptionalExtension, Row};

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
        .collect::<crate::store::sql::Result<Vec<_>>>()?;
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

fn from_row(r: &Row, start_month: u32) -> crate::store::sql::Result<Closing> {
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
        let tamper = "UPDATE expenses SET amount_cents = amount_cents + 100 WHERE id = (SELECT min(id) FROM expenses WHERE spent_on <= '2012-08-31')";
        assert!(
            matches!(
                conn.execute(tamper, []).map_err(Error::from),
                Err(Error::Closed { .. })
            ),
            "the database refuses it"
        );
        // Someone with the sqlite3 shell can drop the lock first: `check` still sees it.
        conn.execute_batch("DROP TRIGGER expenses_closed_update")
            .unwrap();
        conn.execute(tamper, []).unwrap();
        let problems = crate::check::run(conn).unwrap();
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("the fiscal year 2011-2012 was closed with revenue")),
            "{problems:?}"
        );
    }

    /// What a raw statement gives: written, refused because its year is closed, or refused by
    /// another rule of the books (a payment never changes, whatever its year).
    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Raw {
        Written,
        Closed,
        Rule,
    }

    fn raw(conn: &Connection, sql: &str) -> Raw {
        match conn.execute(sql, []) {
            Ok(rows) => {
                assert!(rows > 0, "{sql} changed nothing: the case proves nothing");
                Raw::Written
            }
            Err(e) => match Error::from(e) {
                Error::Closed { date, .. } => {
                    assert!(date <= "2012-08-31".parse().unwrap(), "{sql}: {date}");
                    Raw::Closed
                }
                Error::Refused(Problem::BooksRule { .. }) => Raw::Rule,
                other => panic!("{sql}: {other}"),
            },
        }
    }

    /// Raw SQL, past every service: a statement on each locked table in the closed year, the
    /// same in the open year, and the first again once the year is reopened. Inserts come first
    /// and deletes last, so that the open year's statements work on the rows they added.
    #[test]
    fn the_database_itself_refuses_raw_sql_in_a_closed_year() {
        use Raw::{Closed, Rule, Written};
        let store = demo();
        let conn = store.conn();
        // A budget and a status still running in the year about to close, as a collective has.
        let category: i64 = conn
            .query_row("SELECT min(id) FROM expense_categories", [], |r| r.get(0))
            .unwrap();
        crate::finance::budget::set(
            conn,
            &crate::finance::budget::BudgetLine {
                fiscal_year: "2011-2012".into(),
                quarter: 2,
                team_id: None,
                department_id: None,
                category_id: Some(category),
                amount: Cents(50_000),
            },
        )
        .unwrap();
        close(conn, year("2011-2012")).unwrap();

        const CLOSED: &str = "'2012-08-31'";
        // A category neither year budgets yet.
        let spare_category = "(SELECT max(id) FROM expense_categories WHERE id NOT IN (SELECT category_id FROM budget_lines WHERE category_id IS NOT NULL))";
        let unbilled = |cmp: &str| {
            format!("(SELECT min(id) FROM time_entries WHERE work_date {cmp} AND id NOT IN (SELECT time_entry_id FROM invoice_time_entries) AND id NOT IN (SELECT time_entry_id FROM legal_case_hours))")
        };
        let unreversed = |table: &str, column: &str, cmp: &str| {
            format!("(SELECT min(id) FROM {table} WHERE {column} {cmp} AND reverses IS NULL AND id NOT IN (SELECT reverses FROM {table} WHERE reverses IS NOT NULL))")
        };
        // An issued invoice of the closed year that bills hours.
        let closed_invoice = "(SELECT min(id) FROM invoices WHERE invoice_date <= '2012-08-31' AND id IN (SELECT l.invoice_id FROM invoice_lines l JOIN invoice_time_entries b ON b.line_id = l.id))";
        let draft = "(SELECT max(id) FROM invoices WHERE notes = 'brouillon brut')";
        let draft_line = format!("(SELECT max(id) FROM invoice_lines WHERE invoice_id = {draft})");
        let closed_payment = "(SELECT min(id) FROM payments WHERE received_on <= '2012-08-31' AND id IN (SELECT payment_id FROM payment_allocations))";
        let open_payment = "(SELECT max(id) FROM payments WHERE reference = 'brut')";
        // An issued invoice the payment is not yet allocated to.
        let unpaid = |payment: &str| {
            format!("(SELECT max(id) FROM invoices WHERE issued_at IS NOT NULL AND id NOT IN (SELECT invoice_id FROM payment_allocations WHERE payment_id = {payment}))")
        };
        let month = |table: &str, column: &str, cmp: &str, pick: &str| {
            format!("{column} = (SELECT {pick}({column}) FROM {table} WHERE {column} {cmp})")
        };
        let cases: Vec<(String, String, Raw, Raw)> = vec![
            // INSERT: (in the closed year, in the open year, what the open one gives, what the
            // closed one gives once reopened)
            (
                format!("INSERT INTO time_entries (worker_id, work_date, minutes, project_id, billable, created_at, updated_at) VALUES ((SELECT min(id) FROM workers), {CLOSED}, 60, (SELECT min(id) FROM projects), 0, 'brut', 'brut')"),
                "INSERT INTO time_entries (worker_id, work_date, minutes, project_id, billable, created_at, updated_at) VALUES ((SELECT min(id) FROM workers), '2012-09-04', 60, (SELECT min(id) FROM projects), 0, 'brut', 'brut')".into(),
                Written, Written,
            ),
            (
                "INSERT INTO work_months VALUES (999999, '2012-08-01', 0, 0, 60, 0)".into(),
                "INSERT INTO work_months VALUES (999999, '2012-09-01', 0, 0, 60, 0)".into(),
                Written, Written,
            ),
            (
                "INSERT INTO worker_halves VALUES (999999, '2012-08-16', 60)".into(),
                "INSERT INTO worker_halves VALUES (999999, '2012-09-01', 60)".into(),
                Written, Written,
            ),
            (
                "INSERT INTO project_months VALUES ('2012-08-01', 999999, 0, 60, 0)".into(),
                "INSERT INTO project_months VALUES ('2012-09-01', 999999, 0, 60, 0)".into(),
                Written, Written,
            ),
            (
                "INSERT INTO revenue_months VALUES ('2012-08-01', 999999, 100)".into(),
                "INSERT INTO revenue_months VALUES ('2012-09-01', 999999, 100)".into(),
                Written, Written,
            ),
            (
                format!("INSERT INTO invoices (kind, client_id, invoice_date, due_on, notes, created_at, updated_at) VALUES ('invoice', (SELECT min(id) FROM clients), {CLOSED}, {CLOSED}, 'brouillon brut', 'brut', 'brut')"),
                "INSERT INTO invoices (kind, client_id, invoice_date, due_on, notes, created_at, updated_at) VALUES ('invoice', (SELECT min(id) FROM clients), '2012-09-04', '2012-10-04', 'brouillon brut', 'brut', 'brut')".into(),
                Written, Written,
            ),
            (
                format!("INSERT INTO invoice_lines (invoice_id, position, kind, description, quantity_milli, unit_price_cents, amount_cents) VALUES ({closed_invoice}, 99, 'free', 'brut', 1000, 100, 100)"),
                format!("INSERT INTO invoice_lines (invoice_id, position, kind, description, quantity_milli, unit_price_cents, amount_cents) VALUES ({draft}, 1, 'free', 'brut', 1000, 100, 100)"),
                Written, Rule,
            ),
            (
                format!("INSERT INTO invoice_time_entries VALUES ((SELECT min(id) FROM invoice_lines WHERE invoice_id = {closed_invoice}), {})", unbilled("<= '2012-08-31'")),
                format!("INSERT INTO invoice_time_entries VALUES ({draft_line}, {})", unbilled(">= '2012-09-01'")),
                Written, Rule,
            ),
            (
                format!("INSERT INTO payments (client_id, received_on, method, amount_cents, reference, created_at) VALUES ((SELECT min(id) FROM clients), {CLOSED}, 'cheque', 100, 'brut', 'brut')"),
                "INSERT INTO payments (client_id, received_on, method, amount_cents, reference, created_at) VALUES ((SELECT min(id) FROM clients), '2012-09-04', 'cheque', 100, 'brut', 'brut')".into(),
                Written, Written,
            ),
            (
                format!("INSERT INTO payment_allocations VALUES ({closed_payment}, {}, 1)", unpaid(closed_payment)),
                format!("INSERT INTO payment_allocations VALUES ({open_payment}, {}, 1)", unpaid(open_payment)),
                Written, Written,
            ),
            (
                format!("INSERT INTO expenses (spent_on, supplier, category_id, amount_cents, method, created_at, updated_at) VALUES ({CLOSED}, 'Vidéotron', {category}, 100, 'card', 'brut', 'brut')"),
                format!("INSERT INTO expenses (spent_on, supplier, category_id, amount_cents, method, created_at, updated_at) VALUES ('2012-09-04', 'Vidéotron', {category}, 100, 'card', 'brut', 'brut')"),
                Written, Written,
            ),
            (
                format!("INSERT INTO other_income (received_on, kind, source, department_id, amount_cents, created_at) VALUES ({CLOSED}, 'donation', 'brut', (SELECT min(id) FROM revenue_departments), 100, 'brut')"),
                "INSERT INTO other_income (received_on, kind, source, department_id, amount_cents, created_at) VALUES ('2012-09-04', 'donation', 'brut', (SELECT min(id) FROM revenue_departments), 100, 'brut')".into(),
                Written, Written,
            ),
            (
                "INSERT INTO worker_wages (worker_id, effective_on, hourly_rate_cents, employer_charges_bp, created_at) VALUES ((SELECT min(id) FROM workers), '2012-08-17', 2500, 1500, 'brut')".into(),
                "INSERT INTO worker_wages (worker_id, effective_on, hourly_rate_cents, employer_charges_bp, created_at) VALUES ((SELECT min(id) FROM workers), '2013-08-17', 2500, 1500, 'brut')".into(),
                Written, Written,
            ),
            (
                "INSERT INTO worker_statuses (worker_id, status, weekly_minutes, start_on, end_on, created_at) VALUES ((SELECT min(id) FROM workers), 'freelance', 60, '2012-08-20', '2012-08-24', 'brut')".into(),
                "INSERT INTO worker_statuses (worker_id, status, weekly_minutes, start_on, end_on, created_at) VALUES ((SELECT min(id) FROM workers), 'freelance', 60, '2099-08-20', '2099-08-24', 'brut')".into(),
                Written, Written,
            ),
            (
                format!("INSERT INTO budget_lines (fiscal_year_start, quarter, category_id, amount_cents) VALUES ('2011-09-01', 3, {spare_category}, 100)"),
                format!("INSERT INTO budget_lines (fiscal_year_start, quarter, category_id, amount_cents) VALUES ('2012-09-01', 3, {spare_category}, 100)"),
                Written, Written,
            ),
            // UPDATE, and moves into the closed year.
            (
                format!("UPDATE time_entries SET minutes = minutes + 1 WHERE id = {}", unbilled("<= '2012-08-31'")),
                format!("UPDATE time_entries SET minutes = minutes + 1 WHERE id = {}", unbilled(">= '2012-09-01'")),
                Written, Written,
            ),
            (
                format!("UPDATE time_entries SET work_date = {CLOSED} WHERE id = {}", unbilled(">= '2012-09-01'")),
                format!("UPDATE time_entries SET work_date = '2012-09-03' WHERE id = {}", unbilled(">= '2012-09-01'")),
                Written, Written,
            ),
            (
                format!("UPDATE work_months SET minutes = minutes + 1 WHERE {}", month("work_months", "month", "<= '2012-08-31'", "max")),
                format!("UPDATE work_months SET minutes = minutes + 1 WHERE {}", month("work_months", "month", ">= '2012-09-01'", "min")),
                Written, Written,
            ),
            (
                format!("UPDATE worker_halves SET minutes = minutes + 1 WHERE {}", month("worker_halves", "half", "<= '2012-08-31'", "max")),
                format!("UPDATE worker_halves SET minutes = minutes + 1 WHERE {}", month("worker_halves", "half", ">= '2012-09-01'", "min")),
                Written, Written,
            ),
            (
                format!("UPDATE project_months SET minutes = minutes + 1 WHERE {}", month("project_months", "month", "<= '2012-08-31'", "max")),
                format!("UPDATE project_months SET minutes = minutes + 1 WHERE {}", month("project_months", "month", ">= '2012-09-01'", "min")),
                Written, Written,
            ),
            (
                format!("UPDATE revenue_months SET amount_cents = amount_cents + 1 WHERE {}", month("revenue_months", "month", "<= '2012-08-31'", "max")),
                format!("UPDATE revenue_months SET amount_cents = amount_cents + 1 WHERE {}", month("revenue_months", "month", ">= '2012-09-01'", "min")),
                Written, Written,
            ),
            (
                format!("UPDATE invoices SET notes = 'brut' WHERE id = {closed_invoice}"),
                format!("UPDATE invoices SET due_on = '2012-10-30' WHERE id = {draft}"),
                Written, Rule,
            ),
            (
                format!("UPDATE invoices SET invoice_date = {CLOSED} WHERE id = {draft}"),
                format!("UPDATE invoices SET invoice_date = '2012-09-05' WHERE id = {draft}"),
                Written, Written,
            ),
            (
                format!("UPDATE invoice_lines SET position = position WHERE invoice_id = {closed_invoice}"),
                format!("UPDATE invoice_lines SET position = 2 WHERE invoice_id = {draft}"),
                Written, Rule,
            ),
            (
                format!("UPDATE payments SET notes = 'brut' WHERE id = {closed_payment}"),
                format!("UPDATE payments SET notes = 'brut' WHERE id = {open_payment}"),
                Rule, Rule,
            ),
            (
                format!("UPDATE payment_allocations SET amount_cents = amount_cents WHERE payment_id = {closed_payment}"),
                format!("UPDATE payment_allocations SET amount_cents = 2 WHERE payment_id = {open_payment}"),
                Written, Written,
            ),
            (
                format!("UPDATE expenses SET amount_cents = amount_cents + 100 WHERE id = {}", unreversed("expenses", "spent_on", "<= '2012-08-31'")),
                format!("UPDATE expenses SET amount_cents = amount_cents + 100 WHERE id = {}", unreversed("expenses", "spent_on", ">= '2012-09-01'")),
                Written, Written,
            ),
            (
                format!("UPDATE other_income SET description = 'brut' WHERE id = {}", unreversed("other_income", "received_on", "<= '2012-08-31'")),
                format!("UPDATE other_income SET description = 'brut' WHERE id = {}", unreversed("other_income", "received_on", ">= '2012-09-01'")),
                Written, Written,
            ),
            (
                "UPDATE worker_wages SET hourly_rate_cents = hourly_rate_cents + 1 WHERE effective_on <= '2012-08-31'".into(),
                "UPDATE worker_wages SET hourly_rate_cents = 2600 WHERE effective_on = '2013-08-17'".into(),
                Written, Written,
            ),
            (
                "UPDATE worker_statuses SET weekly_minutes = weekly_minutes + 1 WHERE start_on <= '2012-08-31'".into(),
                "UPDATE worker_statuses SET weekly_minutes = 120 WHERE start_on = '2099-08-20'".into(),
                Written, Written,
            ),
            (
                // A status of the closed year ended inside it.
                "UPDATE worker_statuses SET end_on = '2012-08-30' WHERE start_on <= '2012-08-01' AND (end_on IS NULL OR end_on > '2012-08-31')".into(),
                "UPDATE worker_statuses SET end_on = '2099-08-30' WHERE start_on = '2099-08-20'".into(),
                Written, Written,
            ),
            (
                "UPDATE budget_lines SET amount_cents = amount_cents + 1 WHERE fiscal_year_start = '2011-09-01'".into(),
                "UPDATE budget_lines SET amount_cents = amount_cents + 1 WHERE fiscal_year_start = '2012-09-01'".into(),
                Written, Written,
            ),
            // DELETE; the open year's rows added above go, the draft's bits before the draft.
            (
                format!("DELETE FROM time_entries WHERE id = {}", unbilled("<= '2012-08-31'")),
                "DELETE FROM time_entries WHERE created_at = 'brut' AND work_date >= '2012-09-01'".into(),
                Written, Written,
            ),
            (
                format!("DELETE FROM work_months WHERE {}", month("work_months", "month", "<= '2012-08-31'", "max")),
                "DELETE FROM work_months WHERE worker_id = 999999".into(),
                Written, Written,
            ),
            (
                format!("DELETE FROM worker_halves WHERE {}", month("worker_halves", "half", "<= '2012-08-31'", "max")),
                "DELETE FROM worker_halves WHERE worker_id = 999999".into(),
                Written, Written,
            ),
            (
                format!("DELETE FROM project_months WHERE {}", month("project_months", "month", "<= '2012-08-31'", "max")),
                "DELETE FROM project_months WHERE project_key = 999999".into(),
                Written, Written,
            ),
            (
                format!("DELETE FROM revenue_months WHERE {}", month("revenue_months", "month", "<= '2012-08-31'", "max")),
                "DELETE FROM revenue_months WHERE department_key = 999999".into(),
                Written, Written,
            ),
            (
                format!("DELETE FROM payment_allocations WHERE payment_id = {closed_payment}"),
                format!("DELETE FROM payment_allocations WHERE payment_id = {open_payment}"),
                Rule, Rule,
            ),
            (
                format!("DELETE FROM payments WHERE id = {closed_payment}"),
                format!("DELETE FROM payments WHERE id = {open_payment}"),
                Rule, Rule,
            ),
            (
                format!("DELETE FROM invoice_time_entries WHERE line_id IN (SELECT id FROM invoice_lines WHERE invoice_id = {closed_invoice})"),
                format!("DELETE FROM invoice_time_entries WHERE line_id = {draft_line}"),
                Written, Rule,
            ),
            (
                format!("DELETE FROM invoice_lines WHERE invoice_id = {closed_invoice}"),
                format!("DELETE FROM invoice_lines WHERE invoice_id = {draft}"),
                Written, Rule,
            ),
            (
                format!("DELETE FROM invoices WHERE id = {closed_invoice}"),
                format!("DELETE FROM invoices WHERE id = {draft}"),
                Written, Rule,
            ),
            (
                format!("DELETE FROM expenses WHERE id = {}", unreversed("expenses", "spent_on", "<= '2012-08-31'")),
                format!("DELETE FROM expenses WHERE id = {}", unreversed("expenses", "spent_on", ">= '2012-09-01'")),
                Rule, Rule,
            ),
            (
                format!("DELETE FROM other_income WHERE id = {}", unreversed("other_income", "received_on", "<= '2012-08-31'")),
                format!("DELETE FROM other_income WHERE id = {}", unreversed("other_income", "received_on", ">= '2012-09-01'")),
                Rule, Rule,
            ),
            (
                "DELETE FROM worker_wages WHERE effective_on <= '2012-08-31' AND worker_id = (SELECT max(worker_id) FROM worker_wages)".into(),
                "DELETE FROM worker_wages WHERE effective_on = '2013-08-17'".into(),
                Written, Written,
            ),
            (
                "DELETE FROM worker_statuses WHERE start_on <= '2012-08-31' AND worker_id = (SELECT max(worker_id) FROM worker_statuses)".into(),
                "DELETE FROM worker_statuses WHERE start_on = '2099-08-20'".into(),
                Written, Written,
            ),
            (
                "DELETE FROM budget_lines WHERE fiscal_year_start = '2011-09-01'".into(),
                "DELETE FROM budget_lines WHERE fiscal_year_start = '2012-09-01' AND quarter = 3".into(),
                Written, Written,
            ),
        ];
        for (closed, open, when_open, _) in &cases {
            assert_eq!(raw(conn, closed), Closed, "{closed}");
            assert_eq!(raw(conn, open), *when_open, "{open}");
        }
        // One change of a closed year's status is Konbit's own: a new status in the open year
        // ends the one still running the day before, leaving its closed days as they were.
        let running = "UPDATE worker_statuses SET end_on = '2013-06-30' WHERE start_on <= '2012-08-31' AND end_on IS NULL";
        assert_eq!(raw(conn, running), Written);
        let sentence = Error::from(conn.execute(&cases[0].0, []).unwrap_err());
        assert_eq!(
            sentence.to_string(),
            "2012-08-31 is in the fiscal year 2011-2012, which is closed: its records can no longer change. Reopen the year first if its accounts must be corrected"
        );
        assert_eq!(sentence.code(), "closed");

        reopen(conn, year("2011-2012")).unwrap();
        for (closed, _, _, when_reopened) in &cases {
            assert_eq!(raw(conn, closed), *when_reopened, "reopened: {closed}");
        }
    }
}
