//! Payroll cost, computed rather than typed: each salaried hour at the hourly rate in force that
//! day, plus the employer charges (the brief's rule). Freelancers are paid on their invoices,
//! entered as expenses.

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::error::Result;
use crate::money::Cents;
use crate::store::sql::{params, Connection};
use crate::worktime::months::{span_minutes, Detail};

/// The salaried hours worked from `from` to `to`, both included, at their cost to the collective.
pub fn cost(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Cents> {
    Ok(weighted(conn, &[(from, to)], None)?.into_iter().sum())
}

/// The cost of each period, each rounded to the cent on its own as it is paid: the pay days of
/// years of cashflow, the months of a ledger, in one query.
pub fn cost_by_period(conn: &Connection, periods: &[(NaiveDate, NaiveDate)]) -> Result<Vec<Cents>> {
    weighted(conn, periods, None)
}

/// The salaries paid from `from` to `to`: one run per half-month (paid on the 15th and the
/// month's last day), each rounded to the cent as it is paid, the last run of each fiscal year
/// taking the year's rounding difference, so that a year's runs sum to its payroll in the books
/// (`cost` over the year) whatever span is asked for. The cashflow and the journal both pay
/// these runs: the bank they show is the same to the cent.
pub fn pay_runs(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(NaiveDate, Cents)>> {
    let start_month = crate::organisation::settings::require(conn)?.fiscal_year_start_month;
    let mut out = Vec::new();
    let mut year = crate::fiscal::FiscalYear::containing(from, start_month);
    while year.start() <= to {
        let periods = half_months(year.start(), year.end());
        let mut spans: Vec<(NaiveDate, NaiveDate)> = periods.clone();
        spans.push((year.start(), year.end()));
        let costs = weighted(conn, &spans, None)?;
        let total = costs.last().copied().unwrap_or(Cents(0));
        let mut paid = Cents(0);
        for (i, ((_, pay_day), cost)) in periods.iter().zip(&costs).enumerate() {
            let cost = if i + 1 == periods.len() {
                total - paid
            } else {
                *cost
            };
            paid = paid + cost;
            if (from..=to).contains(pay_day) {
                out.push((*pay_day, cost));
            }
        }
        year = year.next();
    }
    Ok(out)
}

/// The half-months whose pay day (the 15th or the month's last day) falls from `from` to `to`:
/// (first day of the half-month, pay day).
pub fn half_months(from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    let mut month = from.with_day(1).unwrap_or(from);
    while month <= to {
        let mid = month.with_day(15).unwrap_or(month);
        let last = month
            .checked_add_months(Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(month);
        for (start, pay_day) in [(month, mid), (mid + Days::new(1), last)] {
            if (from..=to).contains(&pay_day) {
                out.push((start, pay_day));
            }
        }
        month = last + Days::new(1);
    }
    out
}

/// The cost of a raise of `per_hour` for every salaried hour of the period: what the seed's
/// 1 $/h raise for everyone cost in a year.
pub fn raise_cost(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    per_hour: Cents,
) -> Result<Cents> {
    Ok(weighted(conn, &[(from, to)], Some(per_hour))?
        .into_iter()
        .sum())
}

/// The payroll of the salaried hours worked on a team's projects: the same spans of one wage,
/// their minutes per project from the monthly sums.
pub fn cost_for_team(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    team_id: i64,
) -> Result<Cents> {
    let exact: i64 = conn.query_row(
        &format!(
            "{WEIGHED_SPANS}, {} SELECT coalesce(sum(minutes * tag), 0) FROM span_minutes
             WHERE project_id IN (SELECT id FROM projects WHERE team_id = ?3)",
            span_minutes(Detail::ByProject)
        ),
        params![periods_json(&[(from, to)]), Option::<i64>::None, team_id],
        |r| r.get(0),
    )?;
    Ok(exact_to_cents(i128::from(exact)))
}

/// Joins each time entry `e` to `w`, the wage in force on its day, and `s`, its worker's status
/// that day: what every cost of hours is computed from.
macro_rules! wage_in_force {
    () => {
        " JOIN worker_wages w ON w.worker_id = e.worker_id
              AND w.effective_on = (SELECT max(effective_on) FROM worker_wages x WHERE x.worker_id = e.worker_id AND x.effective_on <= e.work_date)
          JOIN worker_statuses s ON s.worker_id = e.worker_id AND s.start_on <= e.work_date AND (s.end_on IS NULL OR s.end_on >= e.work_date) "
    };
}
pub(crate) use wage_in_force;

/// Exact cost (cents × 600 000) of minutes × wage × (1 + charges), rounded once to the cent.
pub(crate) fn exact_to_cents(exact: i128) -> Cents {
    Cents(crate::invoicing::invoice::round_div(exact, 600_000))
}

/// The spans of days over which a worker is salaried at one wage (each wage runs until the day
/// before the next, cut by the salaried statuses) within each period of the JSON array ?1
/// (`[["2020-09-01", "2020-09-15"], …]`), each tagged with what one of its minutes costs (the
/// hourly amount ?2 or the wage, times 10 000 plus the charges) and with its period's index;
/// for [`span_minutes`].
const WEIGHED_SPANS: &str = "
    WITH periods AS (
        SELECT key AS part, json_extract(value, '$[0]') AS a, json_extract(value, '$[1]') AS b FROM json_each(?1)),
    wages AS MATERIALIZED (
        SELECT worker_id, effective_on AS a, hourly_rate_cents AS rate, employer_charges_bp AS bp,
               coalesce(date(lead(effective_on) OVER (PARTITION BY worker_id ORDER BY effective_on), '-1 day'), '9999-12-31') AS b
        FROM worker_wages),
    salaried AS MATERIALIZED (
        SELECT w.worker_id, max(w.a, s.start_on) AS a, min(w.b, coalesce(s.end_on, '9999-12-31')) AS b,
               coalesce(?2, w.rate) * (10000 + w.bp) AS tag
        FROM wages w JOIN worker_statuses s ON s.worker_id = w.worker_id AND s.status = 'salaried'
        WHERE max(w.a, s.start_on) <= min(w.b, coalesce(s.end_on, '9999-12-31'))),
    spans AS (
        SELECT s.worker_id, max(s.a, p.a) AS a, min(s.b, p.b) AS b, s.tag, p.part
        FROM periods p CROSS JOIN salaried s WHERE s.a <= p.b AND s.b >= p.a)";

/// The periods as the JSON array `WEIGHED_SPANS` reads; ISO dates hold no character JSON would
/// escape.
fn periods_json(periods: &[(NaiveDate, NaiveDate)]) -> String {
    format!(
        "[{}]",
        periods
            .iter()
            .map(|(a, b)| format!("[\"{a}\",\"{b}\"]"))
            .collect::<Vec<_>>()
            .join(",")
    )
}

/// Salaried minutes × an hourly amount (the wage in force, or `flat`) × (1 + that day's employer
/// charges), summed exactly and rounded once per period to the cent (60 minutes × 10 000 basis
/// points). Summed per span of one wage rather than per entry: the same integer, since each span
/// has one rate; each span's minutes come from the half-month sums and the days around them.
fn weighted(
    conn: &Connection,
    periods: &[(NaiveDate, NaiveDate)],
    flat: Option<Cents>,
) -> Result<Vec<Cents>> {
    let json = periods_json(periods);
    let mut exact = vec![0i64; periods.len()];
    let mut stmt = conn.prepare_cached(&format!(
        "{WEIGHED_SPANS}, {} SELECT part, sum(minutes * tag) FROM span_minutes GROUP BY part",
        span_minutes(Detail::Total)
    ))?;
    let mut rows = stmt.query(params![json, flat.map(|c| c.0)])?;
    while let Some(r) = rows.next()? {
        if let Some(slot) = usize::try_from(r.get::<_, i64>(0)?)
            .ok()
            .and_then(|i| exact.get_mut(i))
        {
            *slot = r.get(1)?;
        }
    }
    Ok(exact
        .into_iter()
        .map(|e| exact_to_cents(i128::from(e)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::organisation::worker::{self, WageInput};
    use crate::worktime::entry::tests::{fixture, input};
    use crate::worktime::entry::{self};

    #[test]
    fn a_teams_payroll_is_each_of_its_hours_at_the_wage_of_its_day() {
        let mut store = crate::store::Store::open_in_memory().unwrap();
        store
            .write(|tx| crate::demo::create(tx, crate::demo::DEFAULT_SEED))
            .unwrap();
        let conn = store.conn();
        let by_entry = concat!(
            "SELECT coalesce(sum(e.minutes * w.hourly_rate_cents * (10000 + w.employer_charges_bp)), 0) FROM time_entries e",
            wage_in_force!(),
            "WHERE s.status = 'salaried' AND e.work_date BETWEEN ?1 AND ?2 AND e.project_id IN (SELECT id FROM projects WHERE team_id = ?3)"
        );
        let teams: Vec<i64> = conn
            .prepare("SELECT id FROM teams")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for team in teams {
            for (from, to) in [
                ("2012-09-01", "2013-08-31"),
                ("2012-10-01", "2012-12-31"),
                ("2012-09-10", "2012-11-20"),
                ("2011-12-20", "2012-01-10"),
            ] {
                let (a, b): (NaiveDate, NaiveDate) = (from.parse().unwrap(), to.parse().unwrap());
                let exact: i64 = conn
                    .query_row(by_entry, params![a, b, team], |r| r.get(0))
                    .unwrap();
                assert_eq!(
                    cost_for_team(conn, a, b, team).unwrap(),
                    exact_to_cents(i128::from(exact)),
                    "team {team}, {from} to {to}"
                );
            }
        }
    }

    #[test]
    fn a_wage_change_mid_period_costs_each_day_at_its_rate() {
        let f = fixture();
        let conn = f.store.conn();
        // Omar earns 21 $/h (22 $/h after the demo's raise of 2012-09-01) plus his charges.
        let before = worker::wage_on(conn, f.worker, "2013-01-01".parse().unwrap())
            .unwrap()
            .unwrap();
        worker::add_wage(
            conn,
            f.worker,
            &WageInput {
                effective_on: "2013-01-16".parse().unwrap(),
                hourly_rate: Cents(3_000),
                employer_charges_bp: 1_500,
            },
        )
        .unwrap();
        entry::create(conn, &input(&f, "2013-01-15", "2")).unwrap();
        entry::create(conn, &input(&f, "2013-01-16", "1:30")).unwrap();
        let expected_first =
            before.hourly_rate.0 * 2 * (10_000 + i64::from(before.employer_charges_bp)) / 10_000;
        let expected_second = 3_000 * 3 / 2 * 11_500 / 10_000;
        let cost = cost(
            conn,
            "2013-01-01".parse().unwrap(),
            "2013-01-31".parse().unwrap(),
        )
        .unwrap();
        assert_eq!(cost, Cents(expected_first + expected_second));
        let raise = raise_cost(
            conn,
            "2013-01-01".parse().unwrap(),
            "2013-01-31".parse().unwrap(),
            Cents(100),
        )
        .unwrap();
        // 3,5 h × 1 $ × each day's charges, rounded once: half a cent rounds up.
        let exact =
            i128::from(100 * 2 * (10_000 + i64::from(before.employer_charges_bp)) + 150 * 11_500);
        assert_eq!(
            raise,
            Cents(crate::invoicing::invoice::round_div(exact, 10_000))
        );
    }
}
