//! The books of a span of days: revenue by department (invoices issued net of credit notes,
//! plus grants, donations and fees) and expenses by category (expenses before taxes, plus the
//! payroll computed from the hours). Barter counts both ways, as the exchange it is: a client's
//! payment in kind is an expense (`barter`: what the collective received for its invoiced work),
//! an expense paid in kind is revenue (`other`: the work the collective gave for it). `stats`, the ledger export and the reports read them here,
//! so every figure is computed one way.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::finance::payroll;
use crate::money::Cents;
use crate::store::sql::{params, Connection};
use crate::worktime::months::WHOLE_MONTHS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CodeAmount {
    /// The department's or category's code (`webdev`, `payroll`…).
    pub code: String,
    pub amount: Cents,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Books {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Every department, in the catalogue's order, zero included.
    pub revenue_by_department: Vec<CodeAmount>,
    pub expenses_by_category: Vec<CodeAmount>,
    pub revenue: Cents,
    pub expenses: Cents,
    pub result: Cents,
    pub grants: Cents,
    pub payroll: Cents,
}

pub fn for_span(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Books> {
    let mut revenue = amounts(
        conn,
        "SELECT code, 0 FROM revenue_departments ORDER BY position",
        params![],
    )?;
    add(
        &mut revenue,
        amounts(conn, &invoiced_sql(), params![from, to])?,
    );
    add(
        &mut revenue,
        amounts(
            conn,
            "SELECT d.code, sum(o.amount_cents) FROM other_income o JOIN revenue_departments d ON d.id = o.department_id
         WHERE o.received_on BETWEEN ?1 AND ?2 GROUP BY 1",
            params![from, to],
        )?,
    );
    add(
        &mut revenue,
        amounts(
            conn,
            "SELECT 'other', sum(amount_cents + gst_cents + qst_cents) FROM expenses
         WHERE method = 'barter' AND spent_on BETWEEN ?1 AND ?2 HAVING count(*) > 0",
            params![from, to],
        )?,
    );
    let mut expenses = amounts(
        conn,
        "SELECT code, 0 FROM expense_categories ORDER BY position",
        params![],
    )?;
    add(
        &mut expenses,
        amounts(
            conn,
            "SELECT c.code, sum(e.amount_cents) FROM expenses e JOIN expense_categories c ON c.id = e.category_id
         WHERE e.spent_on BETWEEN ?1 AND ?2 GROUP BY 1",
            params![from, to],
        )?,
    );
    add(
        &mut expenses,
        amounts(
            conn,
            "SELECT 'barter', sum(amount_cents) FROM payments
         WHERE method = 'barter' AND received_on BETWEEN ?1 AND ?2 HAVING count(*) > 0",
            params![from, to],
        )?,
    );
    let payroll = payroll::cost(conn, from, to)?;
    add(
        &mut expenses,
        vec![CodeAmount {
            code: "payroll".into(),
            amount: payroll,
        }],
    );
    let grants: i64 = conn.query_row(
        "SELECT coalesce(sum(amount_cents), 0) FROM other_income WHERE kind = 'grant' AND received_on BETWEEN ?1 AND ?2",
        params![from, to],
        |r| r.get(0),
    )?;
    let total = |list: &[CodeAmount]| list.iter().map(|c| c.amount).sum::<Cents>();
    let (revenue_total, expenses_total) = (total(&revenue), total(&expenses));
    Ok(Books {
        from,
        to,
        revenue_by_department: revenue,
        expenses_by_category: expenses,
        revenue: revenue_total,
        expenses: expenses_total,
        result: revenue_total - expenses_total,
        grants: Cents(grants),
        payroll,
    })
}

/// Revenue by department from the invoices and credit notes dated from ?1 to ?2: whole months
/// from `revenue_months` (kept at issue, migration 0015), the days before the first and after
/// the last from the lines themselves.
fn invoiced_sql() -> String {
    let (f, l) = WHOLE_MONTHS;
    format!(
        "WITH span AS (SELECT a, b, {f} AS f, {l} AS l FROM (SELECT ?1 AS a, ?2 AS b)),
         amounts (department_key, amount) AS (
             SELECT m.department_key, m.amount_cents FROM span CROSS JOIN revenue_months m WHERE m.month BETWEEN span.f AND span.l
             UNION ALL
             SELECT coalesce(l.department_id, 0), CASE i.kind WHEN 'invoice' THEN l.amount_cents ELSE -l.amount_cents END
             FROM span CROSS JOIN invoices i JOIN invoice_lines l ON l.invoice_id = i.id
             WHERE i.issued_at IS NOT NULL AND i.invoice_date BETWEEN span.a AND min(span.b, date(span.f, '-1 day'))
             UNION ALL
             SELECT coalesce(l.department_id, 0), CASE i.kind WHEN 'invoice' THEN l.amount_cents ELSE -l.amount_cents END
             FROM span CROSS JOIN invoices i JOIN invoice_lines l ON l.invoice_id = i.id
             WHERE i.issued_at IS NOT NULL AND i.invoice_date BETWEEN max(span.a, span.f, date(span.l, '+1 day')) AND span.b)
         SELECT coalesce(d.code, 'other'), sum(x.amount) FROM amounts x
         LEFT JOIN revenue_departments d ON d.id = nullif(x.department_key, 0) GROUP BY 1"
    )
}

fn amounts(
    conn: &Connection,
    sql: &str,
    params: &[&dyn rusqlite::ToSql],
) -> Result<Vec<CodeAmount>> {
    let rows = conn
        .prepare_cached(sql)?
        .query_map(params, |r| {
            Ok(CodeAmount {
                code: r.get(0)?,
                amount: Cents(r.get(1)?),
            })
        })?
        .collect::<crate::store::sql::Result<Vec<_>>>()?;
    Ok(rows)
}

fn add(into: &mut Vec<CodeAmount>, more: Vec<CodeAmount>) {
    for m in more {
        match into.iter_mut().find(|c| c.code == m.code) {
            Some(c) => c.amount = c.amount + m.amount,
            None => into.push(m),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// Revenue by department from every line of the span, the way the books read it before the
    /// monthly sums.
    fn from_lines(conn: &Connection, from: &str, to: &str) -> Vec<(String, i64)> {
        let mut stmt = conn
            .prepare(
                "SELECT coalesce(d.code, 'other'), sum(CASE i.kind WHEN 'invoice' THEN l.amount_cents ELSE -l.amount_cents END)
                 FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id LEFT JOIN revenue_departments d ON d.id = l.department_id
                 WHERE i.issued_at IS NOT NULL AND i.invoice_date BETWEEN ?1 AND ?2 GROUP BY 1 ORDER BY 1",
            )
            .unwrap();
        stmt.query_map([from, to], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn revenue_of_any_span_is_what_its_invoice_lines_say() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|tx| crate::demo::create(tx, crate::demo::DEFAULT_SEED))
            .unwrap();
        let conn = store.conn();
        assert!(
            crate::check::run(conn).unwrap().is_empty(),
            "the sums kept at issue agree with the lines"
        );
        let spans = [
            ("2012-09-01", "2013-08-31"),
            ("2011-09-01", "2012-08-31"),
            ("2012-09-15", "2013-02-10"),
            ("2013-01-31", "2013-03-01"),
            ("2012-10-20", "2012-12-05"),
            ("2013-02-28", "2013-02-28"),
        ];
        for (from, to) in spans {
            let (a, b): (NaiveDate, NaiveDate) = (from.parse().unwrap(), to.parse().unwrap());
            let mut read: Vec<(String, i64)> = amounts(conn, &invoiced_sql(), params![a, b])
                .unwrap()
                .into_iter()
                .map(|c| (c.code, c.amount.0))
                .collect();
            read.retain(|(_, amount)| *amount != 0);
            read.sort();
            let mut invoiced = from_lines(conn, from, to);
            invoiced.retain(|(_, amount)| *amount != 0);
            assert!(
                !invoiced.is_empty() || from == to,
                "{from} to {to} should hold invoices"
            );
            assert_eq!(read, invoiced, "{from} to {to}");
        }
    }
}
