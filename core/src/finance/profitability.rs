//! Profitability per revenue department ("trouver le seuil de rentabilité de nos services"):
//! what each department brought in, what the hours spent on its projects cost (salaried hours at
//! their wage plus charges, freelance hours at their rate), and its share of the overhead — the
//! internal and committee hours and the expenses that are neither payroll nor freelancers —
//! spread by hours worked. The full cost per hour is the rate under which the service loses money.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::finance::books;
use crate::finance::payroll::{exact_to_cents, wage_in_force};
use crate::invoicing::invoice::round_div;
use crate::money::Cents;
use crate::store::sql::{params, Connection};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DepartmentMargin {
    pub code: String,
    pub revenue: Cents,
    /// Minutes worked on the department's projects.
    pub minutes: u64,
    pub labour: Cents,
    pub overhead: Cents,
    /// Revenue less labour less overhead.
    pub margin: Cents,
    /// Revenue per hour worked; none without hours.
    pub revenue_per_hour: Option<Cents>,
    /// Labour and overhead per hour worked: the break-even rate.
    pub break_even_per_hour: Option<Cents>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Profitability {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub departments: Vec<DepartmentMargin>,
    /// Internal and committee hours at their cost, plus the other expenses.
    pub overhead: Cents,
}

/// Labour minutes and exact cost (cents × 600 000) per department of the projects worked on;
/// department `None` is internal work and committees.
fn labour(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(Option<String>, u64, i128)>> {
    let rows = conn
        .prepare_cached(concat!(
            "SELECT d.code, sum(e.minutes), sum(e.minutes * w.hourly_rate_cents * (10000 + w.employer_charges_bp))
             FROM time_entries e LEFT JOIN projects p ON p.id = e.project_id LEFT JOIN revenue_departments d ON d.id = p.department_id",
            wage_in_force!(),
            "WHERE e.work_date BETWEEN ?1 AND ?2 GROUP BY 1"
        ))?
        .query_map(params![from, to], |r| Ok((r.get(0)?, r.get::<_, i64>(1)?.max(0) as u64, i128::from(r.get::<_, i64>(2)?))))?
        .collect::<crate::store::sql::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn compute(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Profitability> {
    let b = books::for_span(conn, from, to)?;
    let labour = labour(conn, from, to)?;
    let internal: i128 = labour.iter().filter(|l| l.0.is_none()).map(|l| l.2).sum();
    let other_expenses: i64 = b
        .expenses_by_category
        .iter()
        .filter(|c| c.code != "payroll" && c.code != "freelancers")
        .map(|c| c.amount.0)
        .sum();
    let overhead = exact_to_cents(internal) + Cents(other_expenses);
    let worked: u64 = labour.iter().filter(|l| l.0.is_some()).map(|l| l.1).sum();
    let departments = b
        .revenue_by_department
        .iter()
        .map(|d| {
            let (minutes, exact) = labour
                .iter()
                .find(|l| l.0.as_deref() == Some(d.code.as_str()))
                .map_or((0, 0), |l| (l.1, l.2));
            let labour = exact_to_cents(exact);
            let share = if worked == 0 {
                Cents(0)
            } else {
                Cents(round_div(
                    i128::from(overhead.0) * i128::from(minutes),
                    i128::from(worked),
                ))
            };
            let per_hour = |amount: Cents| {
                (minutes > 0)
                    .then(|| Cents(round_div(i128::from(amount.0) * 60, i128::from(minutes))))
            };
            DepartmentMargin {
                code: d.code.clone(),
                revenue: d.amount,
                minutes,
                labour,
                overhead: share,
                margin: d.amount - labour - share,
                revenue_per_hour: per_hour(d.amount),
                break_even_per_hour: per_hour(labour + share),
            }
        })
        .collect();
    Ok(Profitability {
        from,
        to,
        departments,
        overhead,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn each_department_bears_its_hours_and_a_share_of_the_overhead() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|tx| crate::demo::create(tx, crate::demo::DEFAULT_SEED))
            .unwrap();
        let conn = store.conn();
        let (from, to) = ("2012-09-01".parse().unwrap(), "2013-08-31".parse().unwrap());
        let p = compute(conn, from, to).unwrap();
        let by = |code: &str| {
            p.departments
                .iter()
                .find(|d| d.code == code)
                .unwrap()
                .clone()
        };
        let (webdev, grants) = (by("webdev"), by("grants"));
        assert!(webdev.minutes > 0 && webdev.labour > Cents(0));
        assert_eq!(
            webdev.margin,
            webdev.revenue - webdev.labour - webdev.overhead
        );
        assert_eq!(
            (grants.minutes, grants.labour, grants.margin),
            (0, Cents(0), grants.revenue),
            "a grant costs no hours"
        );
        // The overhead is spread whole, to the cent or two of rounding.
        let spread: i64 = p.departments.iter().map(|d| d.overhead.0).sum();
        assert!(
            (spread - p.overhead.0).abs() <= p.departments.len() as i64,
            "{spread} of {:?}",
            p.overhead
        );
        // Every margin adds up to the year's result (freelancers invoice their hours, rounded monthly).
        let books = books::for_span(conn, from, to).unwrap();
        let margins: i64 = p.departments.iter().map(|d| d.margin.0).sum();
        let unspread = p.overhead.0 - spread;
        assert!(
            (margins - unspread - books.result.0).abs() <= 100,
            "to the dollar: {margins} against {:?}",
            books.result
        );
        eprintln!(
            "webdev: {:?} an hour, break-even {:?}",
            webdev.revenue_per_hour, webdev.break_even_per_hour
        );
        assert!(
            webdev.break_even_per_hour > webdev.revenue_per_hour,
            "webdev lost money in 2012-2013"
        );
    }
}
