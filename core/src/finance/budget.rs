//! Budgets per fiscal year × quarter × team × revenue department or expense category, copied
//! from one year to the next with a percentage, and compared with what happened: the figures of
//! the quarterly team report ("un rapport comparatif entre les dépenses prévues et les dépenses
//! effectuées"), for a quarter or the year to date.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock;
use crate::error::{Error, Invalid, Problem, Result};
use crate::fiscal::{FiscalYear, Quarter};
use crate::money::Cents;
use crate::organisation::settings;
use crate::store::sql::{params, Connection, OptionalExtension};
use crate::text::free_text;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BudgetLine {
    pub fiscal_year: String,
    pub quarter: u8,
    /// None: the collective as a whole, not one team.
    pub team_id: Option<i64>,
    pub department_id: Option<i64>,
    pub category_id: Option<i64>,
    /// 0 removes the line.
    pub amount: Cents,
}

/// One row of budget against actual: a department's revenue or a category's expenses.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Comparison {
    pub code: String,
    pub budget: Cents,
    pub actual: Cents,
    pub variance: Cents,
    /// The variance over the budget; none without a budget.
    pub percent: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BudgetVsActual {
    pub fiscal_year: String,
    pub quarter: u8,
    pub team_id: Option<i64>,
    /// The quarter alone, or from the start of the year to the end of the quarter.
    pub year_to_date: bool,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub revenue: Vec<Comparison>,
    pub expenses: Vec<Comparison>,
    pub comment: String,
}

/// Sets (or with 0 removes) one budget amount.
pub fn set(conn: &Connection, line: &BudgetLine) -> Result<()> {
    let fy = settings::fiscal_year(conn, &line.fiscal_year)?;
    crate::lock::ensure_open(conn, fy.start())?;
    Quarter::new(line.quarter)?;
    if line.department_id.is_some() == line.category_id.is_some() {
        return Err(Invalid::new("department_id", Problem::BudgetLine).into());
    }
    if line.amount.0 < 0 || line.amount > Cents(100_000_000) {
        return Err(Invalid::new(
            "amount",
            Problem::AmountRange {
                min: Cents(0).into(),
                max: Cents(100_000_000).into(),
            },
        )
        .into());
    }
    conn.execute(
        "DELETE FROM budget_lines WHERE fiscal_year_start = ?1 AND quarter = ?2 AND coalesce(team_id, 0) = ?3
            AND coalesce(department_id, 0) = ?4 AND coalesce(category_id, 0) = ?5",
        params![fy.start(), line.quarter, line.team_id.unwrap_or(0), line.department_id.unwrap_or(0), line.category_id.unwrap_or(0)],
    )?;
    if line.amount.0 > 0 {
        conn.execute(
            "INSERT INTO budget_lines (fiscal_year_start, quarter, team_id, department_id, category_id, amount_cents) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![fy.start(), line.quarter, line.team_id, line.department_id, line.category_id, line.amount.0],
        )?;
    }
    Ok(())
}

pub fn for_year(conn: &Connection, fiscal_year: &str) -> Result<Vec<BudgetLine>> {
    let fy = settings::fiscal_year(conn, fiscal_year)?;
    let rows = conn
        .prepare_cached(
            "SELECT quarter, team_id, department_id, category_id, amount_cents FROM budget_lines WHERE fiscal_year_start = ?1
             ORDER BY quarter, coalesce(team_id, 0), category_id IS NOT NULL, coalesce(department_id, category_id)",
        )?
        .query_map([fy.start()], |r| {
            Ok(BudgetLine {
                fiscal_year: fy.name(),
                quarter: r.get(0)?,
                team_id: r.get(1)?,
                department_id: r.get(2)?,
                category_id: r.get(3)?,
                amount: Cents(r.get(4)?),
            })
        })?
        .collect::<crate::store::sql::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Copies a year's budget into the next, every amount changed by `percent` (e.g. -5 or 3,5),
/// rounded to the dollar. Refused when the target year already has a budget.
pub fn copy_year(conn: &Connection, from: &str, to: &str, percent: f64) -> Result<u32> {
    if !(-100.0..=1000.0).contains(&percent) {
        return Err(Invalid::new(
            "percent",
            Problem::PercentRange {
                min: -100,
                max: 1000,
            },
        )
        .into());
    }
    if !for_year(conn, to)?.is_empty() {
        return Err(Error::Refused(Problem::BudgetExists {
            fiscal_year: to.to_string(),
        }));
    }
    let lines = for_year(conn, from)?;
    for line in &lines {
        let dollars = (line.amount.0 as f64 / 100.0 * (1.0 + percent / 100.0)).round() as i64;
        set(
            conn,
            &BudgetLine {
                fiscal_year: to.to_owned(),
                amount: Cents(dollars * 100),
                ..line.clone()
            },
        )?;
    }
    Ok(lines.len() as u32)
}

/// The revenue budget of a fiscal year, all teams and quarters.
pub fn revenue_total(conn: &Connection, fy: FiscalYear) -> Result<Option<Cents>> {
    let total: Option<i64> =
        conn.query_row("SELECT sum(amount_cents) FROM budget_lines WHERE fiscal_year_start = ?1 AND department_id IS NOT NULL", [fy.start()], |r| r.get(0))?;
    Ok(total.map(Cents))
}

pub fn set_comment(
    conn: &Connection,
    fiscal_year: &str,
    quarter: u8,
    team_id: i64,
    comment: &str,
) -> Result<()> {
    let fy = settings::fiscal_year(conn, fiscal_year)?;
    Quarter::new(quarter)?;
    crate::organisation::team::get(conn, team_id)?;
    conn.execute(
        "INSERT INTO budget_comments (fiscal_year_start, quarter, team_id, comment, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (fiscal_year_start, quarter, team_id) DO UPDATE SET comment = excluded.comment, updated_at = excluded.updated_at",
        params![fy.start(), quarter, team_id, free_text("comment", comment)?, clock::now()],
    )?;
    Ok(())
}

/// Budget against actual for a team (or the collective's own lines, without a team), for
/// quarter `quarter` alone or the year to the end of it. A team's actual revenue is what was invoiced on its projects; its
/// expenses are those recorded for it plus the payroll of the hours worked on its projects.
pub fn compare(
    conn: &Connection,
    fiscal_year: &str,
    quarter: u8,
    team_id: Option<i64>,
    year_to_date: bool,
) -> Result<BudgetVsActual> {
    let fy = settings::fiscal_year(conn, fiscal_year)?;
    let (q_from, to) = fy.quarter_span(Quarter::new(quarter)?);
    let (from, first_quarter) = if year_to_date {
        (fy.start(), 1)
    } else {
        (q_from, quarter)
    };
    let mut budget: BTreeMap<(bool, String), i64> = BTreeMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT b.category_id IS NOT NULL, coalesce(d.code, c.code), sum(b.amount_cents) FROM budget_lines b
         LEFT JOIN revenue_departments d ON d.id = b.department_id LEFT JOIN expense_categories c ON c.id = b.category_id
         WHERE b.fiscal_year_start = ?1 AND b.quarter BETWEEN ?2 AND ?3 AND b.team_id IS NOT DISTINCT FROM ?4 GROUP BY 1, 2",
    )?;
    for row in stmt.query_map(params![fy.start(), first_quarter, quarter, team_id], |r| {
        Ok((
            r.get::<_, bool>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })? {
        let (expense, code, cents) = row?;
        budget.insert((expense, code), cents);
    }
    let actual = actuals(conn, from, to, team_id)?;
    let mut keys: Vec<(bool, String)> = budget.keys().chain(actual.keys()).cloned().collect();
    keys.sort();
    keys.dedup();
    let (mut revenue, mut expenses) = (Vec::new(), Vec::new());
    for key in keys {
        let (b, a) = (
            budget.get(&key).copied().unwrap_or(0),
            actual.get(&key).copied().unwrap_or(0),
        );
        if b == 0 && a == 0 {
            continue;
        }
        // For expenses, spending more than budgeted is the unfavourable side: the variance keeps
        // its sign (actual − budget) and the reader reads it by the table it is in.
        let row = Comparison {
            code: key.1.clone(),
            budget: Cents(b),
            actual: Cents(a),
            variance: Cents(a - b),
            percent: (b > 0).then(|| (a - b) as f64 / b as f64),
        };
        if key.0 {
            expenses.push(row)
        } else {
            revenue.push(row)
        }
    }
    let comment: Option<String> = match team_id {
        Some(team) => conn
            .query_row(
                "SELECT comment FROM budget_comments WHERE fiscal_year_start = ?1 AND quarter = ?2 AND team_id = ?3",
                params![fy.start(), quarter, team],
                |r| r.get(0),
            )
            .optional()?,
        None => None,
    };
    Ok(BudgetVsActual {
        fiscal_year: fy.name(),
        quarter,
        team_id,
        year_to_date,
        from,
        to,
        revenue,
        expenses,
        comment: comment.unwrap_or_default(),
    })
}

/// (is an expense, code) → actual cents, for a team or the whole collective.
fn actuals(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    team_id: Option<i64>,
) -> Result<BTreeMap<(bool, String), i64>> {
    let mut out = BTreeMap::new();
    let Some(team) = team_id else {
        let books = crate::finance::books::for_span(conn, from, to)?;
        out.extend(
            books
                .revenue_by_department
                .into_iter()
                .map(|c| ((false, c.code), c.amount.0)),
        );
        out.extend(
            books
                .expenses_by_category
                .into_iter()
                .map(|c| ((true, c.code), c.amount.0)),
        );
        return Ok(out);
    };
    let revenue = conn
        .prepare_cached(
            "SELECT coalesce(d.code, 'other'), sum(CASE i.kind WHEN 'invoice' THEN l.amount_cents ELSE -l.amount_cents END)
         FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id JOIN projects p ON p.id = l.project_id
         LEFT JOIN revenue_departments d ON d.id = l.department_id
         WHERE i.issued_at IS NOT NULL AND i.invoice_date BETWEEN ?1 AND ?2 AND p.team_id = ?3 GROUP BY 1",
        )?
        .query_map(params![from, to, team], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<crate::store::sql::Result<Vec<_>>>()?;
    out.extend(
        revenue
            .into_iter()
            .map(|(code, cents)| ((false, code), cents)),
    );
    let spent = conn
        .prepare_cached(
            "SELECT c.code, sum(e.amount_cents) FROM expenses e JOIN expense_categories c ON c.id = e.category_id
         WHERE e.spent_on BETWEEN ?1 AND ?2 AND e.team_id = ?3 GROUP BY 1",
        )?
        .query_map(params![from, to, team], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<crate::store::sql::Result<Vec<_>>>()?;
    out.extend(spent.into_iter().map(|(code, cents)| ((true, code), cents)));
    let payroll = crate::finance::payroll::cost_for_team(conn, from, to, team)?;
    *out.entry((true, "payroll".to_string())).or_insert(0) += payroll.0;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::demo::in_memory as demo;

    fn id(conn: &Connection, table: &str, code: &str) -> i64 {
        conn.query_row(
            &format!("SELECT id FROM {table} WHERE code = ?1"),
            [code],
            |r| r.get(0),
        )
        .unwrap()
    }

    #[test]
    fn budget_against_actual_for_a_quarter_and_the_year_to_date() {
        let store = demo();
        let conn = store.conn();
        // Start from a blank budget on the demo's actual figures.
        conn.execute("DELETE FROM budget_lines", []).unwrap();
        let webdev = id(conn, "revenue_departments", "webdev");
        let rent = id(conn, "expense_categories", "rent");
        let line = |quarter, department_id, category_id, dollars: i64| BudgetLine {
            fiscal_year: "2012-2013".into(),
            quarter,
            team_id: None,
            department_id,
            category_id,
            amount: Cents(dollars * 100),
        };
        for q in 1..=4 {
            set(conn, &line(q, Some(webdev), None, 70_000)).unwrap();
            set(conn, &line(q, None, Some(rent), 5_000)).unwrap();
        }
        let q2 = compare(conn, "2012-2013", 2, None, false).unwrap();
        let web = q2.revenue.iter().find(|r| r.code == "webdev").unwrap();
        let (from, to) = (q2.from, q2.to);
        let actual = crate::finance::books::for_span(conn, from, to)
            .unwrap()
            .revenue_by_department
            .into_iter()
            .find(|c| c.code == "webdev")
            .unwrap()
            .amount;
        assert_eq!(
            (web.budget, web.actual, web.variance),
            (Cents(7_000_000), actual, actual - Cents(7_000_000))
        );
        let rent_row = q2.expenses.iter().find(|r| r.code == "rent").unwrap();
        assert_eq!(
            (rent_row.budget, rent_row.actual),
            (Cents(500_000), Cents(3 * 260_000)),
            "three months of rent at 2 600 $"
        );
        assert!((rent_row.percent.unwrap() - 0.56).abs() < 1e-9);
        let ytd = compare(conn, "2012-2013", 2, None, true).unwrap();
        assert_eq!(
            ytd.revenue
                .iter()
                .find(|r| r.code == "webdev")
                .unwrap()
                .budget,
            Cents(14_000_000)
        );
        assert_eq!(
            revenue_total(conn, FiscalYear::parse("2012-2013", 9).unwrap()).unwrap(),
            Some(Cents(28_000_000))
        );

        assert_eq!(copy_year(conn, "2012-2013", "2013-2014", -5.0).unwrap(), 8);
        assert_eq!(
            for_year(conn, "2013-2014").unwrap()[0].amount,
            Cents(6_650_000)
        );
        assert_eq!(
            copy_year(conn, "2012-2013", "2013-2014", 0.0)
                .unwrap_err()
                .code(),
            "budget_exists"
        );
        set(conn, &line(1, Some(webdev), None, 0)).unwrap();
        assert_eq!(
            for_year(conn, "2012-2013").unwrap().len(),
            7,
            "0 removes the line"
        );
    }

    #[test]
    fn a_teams_quarter_has_its_projects_revenue_payroll_and_comment() {
        let store = demo();
        let conn = store.conn();
        let infra: i64 = conn
            .query_row("SELECT id FROM teams WHERE code = 'infra'", [], |r| {
                r.get(0)
            })
            .unwrap();
        set_comment(
            conn,
            "2012-2013",
            3,
            infra,
            "Le déménagement des serveurs a pris le trimestre.",
        )
        .unwrap();
        let q3 = compare(conn, "2012-2013", 3, Some(infra), false).unwrap();
        assert!(q3
            .revenue
            .iter()
            .any(|r| r.code == "sysadmin_contracts" && r.actual.0 > 0));
        assert!(q3
            .expenses
            .iter()
            .any(|r| r.code == "payroll" && r.actual.0 > 0));
        assert_eq!(
            q3.comment,
            "Le déménagement des serveurs a pris le trimestre."
        );
    }
}
