//! Cashflow: the money in the bank day by day, and where it is heading.
//!
//! The actual balance starts from the bank accounts' opening balances and moves with what really
//! went through the bank: payments received (barter is not cash), other income, expenses paid
//! with their taxes, salaries (the payroll of each half-month, paid on the 15th and the last day)
//! and the sales tax remitted each fiscal quarter (collected minus input tax credits, paid by the
//! end of the following month).
//!
//! The projection, made as of any day from what was known that day, adds the open invoices
//! (expected at their due date shifted by the client's average delay, the overdue ones within a
//! week), the contracts' coming invoices, hourly work billed each month at the pace of the last
//! three months, the salaried workers' weekly hours at their wages, the recurring expenses and
//! the sales tax those imply. Grants and one-off expenses are not foreseen: the finance
//! committee reads the projection as "if nothing else happens".

use std::collections::HashMap;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::Serialize;
use ts_rs::TS;

use crate::chart::line::{Series, TimeChart};
use crate::chart::{self, Drawing};
use crate::error::Result;
use crate::finance::bank::{self, BankAccount};
use crate::finance::{payroll, recurring};
use crate::invoicing::{contract, receivables, sales_tax, tax};
use crate::money::Cents;
use crate::organisation::settings;
use crate::store::sql::{params, Connection};
use crate::text::text_enum;
use crate::Lang;

text_enum! {
    /// What moved money in or out of the bank.
    pub enum Flow {
        Opening => "opening",
        Receipts => "receipts",
        Income => "income",
        Expenses => "expenses",
        Payroll => "payroll",
        SalesTax => "sales_tax",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Movement {
    on: NaiveDate,
    flow: Flow,
    /// Positive in, negative out.
    amount: i64,
}

/// A week or a month of the cashflow: what came in and went out by kind, and the balance at its
/// end. Outflows are negative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CashPeriod {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub receipts: Cents,
    /// Grants, donations, fees, and accounts opened during the bucket.
    pub income: Cents,
    pub expenses: Cents,
    pub payroll: Cents,
    pub sales_tax: Cents,
    pub net: Cents,
    pub closing: Cents,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct DayBalance {
    pub on: NaiveDate,
    /// At the end of the day.
    pub balance: Cents,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Cashflow {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// A projection made as of the day before `from`, or the actual balance.
    pub projected: bool,
    pub accounts: Vec<BankAccount>,
    pub cushion: Cents,
    /// At the start of `from`.
    pub opening: Cents,
    pub closing: Cents,
    pub days: Vec<DayBalance>,
    /// The projection's first 13 weeks; empty for the actual balance.
    pub weeks: Vec<CashPeriod>,
    pub months: Vec<CashPeriod>,
    pub lowest: DayBalance,
    /// The first day that ends under the cushion.
    pub under_cushion_from: Option<NaiveDate>,
}

/// A cashflow with its chart, as the screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CashflowView {
    pub cashflow: Cashflow,
    /// The balance day by day against the cushion, as SVG.
    pub chart: String,
}

impl CashflowView {
    pub fn new(cashflow: Cashflow, lang: Lang) -> CashflowView {
        let chart = chart(&cashflow, lang).to_svg();
        CashflowView { cashflow, chart }
    }
}

/// The balance day by day, solid when actual and dashed when projected, and the cushion across.
pub fn chart(flow: &Cashflow, lang: Lang) -> Drawing {
    let (balance, cushion, title) = match (lang, flow.projected) {
        (Lang::Fr, false) => ("Solde", "Coussin", "Trésorerie"),
        (Lang::Fr, true) => ("Solde projeté", "Coussin", "Trésorerie projetée"),
        (Lang::En, false) => ("Balance", "Cushion", "Cash"),
        (Lang::En, true) => ("Projected balance", "Cushion", "Projected cash"),
    };
    TimeChart {
        title: format!("{title}, {}", lang.span(flow.from, flow.to)),
        series: vec![Series {
            label: balance.into(),
            points: flow.days.iter().map(|d| (d.on, d.balance.0)).collect(),
            gray: chart::INK,
            dash: flow.projected.then_some((4.0, 2.0)),
        }],
        threshold: Some((
            format!("{cushion} {}", flow.cushion.format_dollars(lang)),
            flow.cushion.0,
        )),
        lang,
    }
    .draw()
}

/// The actual balance from `from` to `to`, both included.
pub fn actual(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Cashflow> {
    let accounts = bank::list(conn)?;
    let opening = balance_before(conn, &accounts, from)?;
    let moves = actual_movements(conn, &accounts, from, to)?;
    let months = spans(from, to, |d| d.checked_add_months(Months::new(1)));
    shape(
        conn,
        accounts,
        false,
        (from, to),
        opening,
        &moves,
        &[],
        &months,
    )
}

/// The projection over 12 months from the day after `as_of`, from what was known at the end of
/// `as_of`: its first 13 weeks and its 12 months.
pub fn projection(conn: &Connection, as_of: NaiveDate) -> Result<Cashflow> {
    let accounts = bank::list(conn)?;
    let from = as_of + Days::new(1);
    let to = from
        .checked_add_months(Months::new(12))
        .and_then(|d| d.pred_opt())
        .unwrap_or(from);
    let opening = balance_before(conn, &accounts, from)?;
    let moves = projected_movements(conn, as_of, to)?;
    let weeks: Vec<_> = spans(from, from + Days::new(13 * 7 - 1), |d| {
        d.checked_add_days(Days::new(7))
    });
    let months = spans(from, to, |d| d.checked_add_months(Months::new(1)));
    shape(
        conn,
        accounts,
        true,
        (from, to),
        opening,
        &moves,
        &weeks,
        &months,
    )
}

/// The money in the bank at the end of `day`, every account together; `None` before any
/// account is recorded, when there is no balance to speak of.
pub fn balance_at(conn: &Connection, day: NaiveDate) -> Result<Option<Cents>> {
    let accounts = bank::list(conn)?;
    if accounts.is_empty() {
        return Ok(None);
    }
    let next = day.succ_opt().unwrap_or(day);
    Ok(Some(Cents(balance_before(conn, &accounts, next)?)))
}

#[allow(clippy::too_many_arguments)]
fn shape(
    conn: &Connection,
    accounts: Vec<BankAccount>,
    projected: bool,
    (from, to): (NaiveDate, NaiveDate),
    opening: i64,
    moves: &[Movement],
    weeks: &[(NaiveDate, NaiveDate)],
    months: &[(NaiveDate, NaiveDate)],
) -> Result<Cashflow> {
    let cushion = settings::require(conn)?.cushion;
    let days = daily(from, to, opening, moves);
    let lowest = days
        .iter()
        .copied()
        .min_by_key(|d| (d.balance, d.on))
        .unwrap_or(DayBalance {
            on: from,
            balance: Cents(opening),
        });
    let under_cushion_from = days.iter().find(|d| d.balance < cushion).map(|d| d.on);
    let bucketed = |list: &[(NaiveDate, NaiveDate)]| {
        list.iter()
            .map(|&(s, e)| bucket(s, e, moves, &days, opening))
            .collect()
    };
    Ok(Cashflow {
        from,
        to,
        projected,
        accounts,
        cushion,
        opening: Cents(opening),
        closing: days.last().map_or(Cents(opening), |d| d.balance),
        weeks: bucketed(weeks),
        months: bucketed(months),
        days,
        lowest,
        under_cushion_from,
    })
}

/// The balance at the start of `day`: every movement since the first account was opened.
fn balance_before(conn: &Connection, accounts: &[BankAccount], day: NaiveDate) -> Result<i64> {
    let Some(first) = accounts.iter().map(|a| a.opened_on).min() else {
        return Ok(0);
    };
    let Some(last) = day.pred_opt().filter(|last| *last >= first) else {
        return Ok(0);
    };
    Ok(actual_movements(conn, accounts, first, last)?
        .iter()
        .map(|m| m.amount)
        .sum())
}

fn actual_movements(
    conn: &Connection,
    accounts: &[BankAccount],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Movement>> {
    let mut moves: Vec<Movement> = accounts
        .iter()
        .filter(|a| (from..=to).contains(&a.opened_on))
        .map(|a| Movement {
            on: a.opened_on,
            flow: Flow::Opening,
            amount: a.opening_balance.0,
        })
        .collect();
    for (flow, sql) in [
        (Flow::Receipts, "SELECT received_on, sum(amount_cents) FROM payments WHERE method <> 'barter' AND received_on BETWEEN ?1 AND ?2 GROUP BY 1"),
        (Flow::Income, "SELECT received_on, sum(amount_cents) FROM other_income WHERE received_on BETWEEN ?1 AND ?2 GROUP BY 1"),
        (
            Flow::Expenses,
            "SELECT spent_on, -sum(amount_cents + gst_cents + qst_cents) FROM expenses WHERE method <> 'barter' AND spent_on BETWEEN ?1 AND ?2 GROUP BY 1",
        ),
    ] {
        let mut stmt = conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params![from, to], |r| Ok(Movement { on: r.get(0)?, flow, amount: r.get(1)? }))?;
        moves.extend(rows.collect::<crate::store::sql::Result<Vec<_>>>()?);
    }
    for (pay_day, cost) in payroll::pay_runs(conn, from, to)? {
        moves.push(Movement {
            on: pay_day,
            flow: Flow::Payroll,
            amount: -cost.0,
        });
    }
    for r in sales_tax::remittances(conn, from, to)? {
        moves.push(Movement {
            on: r.due,
            flow: Flow::SalesTax,
            amount: -r.net().0,
        });
    }
    Ok(moves)
}

/// What was to come as of the end of `as_of`, up to `to`.
fn projected_movements(
    conn: &Connection,
    as_of: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Movement>> {
    let from = as_of + Days::new(1);
    let delays = average_delays(conn, as_of)?;
    let mut moves = Vec::new();
    // Taxes collected and claimed on the documents still to come, by day, for the remittances.
    let mut future_taxes: Vec<(NaiveDate, i64)> = Vec::new();
    for (client_id, _, due, balance) in receivables::open_balances(conn, as_of, None)? {
        let expected = (due + Days::new(delays.get(&client_id).copied().unwrap_or(0)))
            .max(as_of + Days::new(7));
        moves.push(Movement {
            on: expected,
            flow: Flow::Receipts,
            amount: balance,
        });
    }
    for c in contract::list(conn, None)?
        .into_iter()
        .filter(|c| !c.archived)
    {
        let (terms, exempt): (u32, bool) = conn.query_row(
            "SELECT payment_terms_days, tax_exempt FROM clients WHERE id = ?1",
            [c.client_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        for start in c
            .period
            .starts(c.starts_on, c.ends_on, to)
            .into_iter()
            .filter(|s| *s >= from)
        {
            let taxes = tax::on(conn, start)?.apply(c.amount, exempt);
            let expected = start
                + Days::new(u64::from(terms) + delays.get(&c.client_id).copied().unwrap_or(0));
            moves.push(Movement {
                on: expected,
                flow: Flow::Receipts,
                amount: (c.amount + taxes.gst + taxes.qst).0,
            });
            future_taxes.push((start, (taxes.gst + taxes.qst).0));
        }
    }
    let (hourly_total, hourly_taxes) = hourly_pace(conn, as_of)?;
    let usual_delay = if delays.is_empty() {
        0
    } else {
        delays.values().sum::<u64>() / delays.len() as u64
    };
    for (month, _) in spans(from, to, |d| d.checked_add_months(Months::new(1)))
        .into_iter()
        .filter(|_| hourly_total > 0)
    {
        moves.push(Movement {
            on: month + Days::new(30 + usual_delay),
            flow: Flow::Receipts,
            amount: hourly_total,
        });
        future_taxes.push((month, hourly_taxes));
    }
    for o in recurring::occurrences(conn, from, to)? {
        moves.push(Movement {
            on: o.on,
            flow: Flow::Expenses,
            amount: -(o.amount + o.gst + o.qst).0,
        });
        future_taxes.push((o.on, -(o.gst + o.qst).0));
    }
    let planned = PlannedPayroll::load(conn)?;
    for (start, pay_day) in payroll::half_months(from, to) {
        // A half-month under way when the projection is made: its hours so far are known.
        let worked = if start <= as_of {
            payroll::cost(conn, start, as_of)?.0
        } else {
            0
        };
        moves.push(Movement {
            on: pay_day,
            flow: Flow::Payroll,
            amount: -(worked + planned.cost(start.max(from), pay_day)),
        });
    }
    for sales_tax::QuarterDue {
        start: quarter_start,
        end: quarter_end,
        due,
        ..
    } in sales_tax::quarters_due(conn, from, to)?
    {
        let known_until = as_of.min(quarter_end);
        let actual = if quarter_start <= known_until {
            collected(conn, quarter_start, known_until)?
                - input_credits(conn, quarter_start, known_until)?
        } else {
            0
        };
        let coming: i64 = future_taxes
            .iter()
            .filter(|(on, _)| (quarter_start..=quarter_end).contains(on))
            .map(|(_, t)| t)
            .sum();
        moves.push(Movement {
            on: due,
            flow: Flow::SalesTax,
            amount: -(actual + coming),
        });
    }
    moves.retain(|m| m.on <= to);
    Ok(moves)
}

/// What hourly and one-off work was billed a month, taxes included, and its taxes, over the three
/// months up to `as_of`: everything invoiced except the contracts.
fn hourly_pace(conn: &Connection, as_of: NaiveDate) -> Result<(i64, i64)> {
    let since = as_of.checked_sub_months(Months::new(3)).unwrap_or(as_of);
    let (total, subtotal): (f64, i64) = conn.query_row(
        "SELECT coalesce(sum(l.amount_cents * 1.0 * i.total_cents / i.subtotal_cents), 0), coalesce(sum(l.amount_cents), 0)
         FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
         WHERE i.kind = 'invoice' AND i.issued_at IS NOT NULL AND l.contract_id IS NULL AND i.subtotal_cents > 0
           AND i.invoice_date > ?1 AND i.invoice_date <= ?2",
        params![since, as_of],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let monthly = (total / 3.0).round() as i64;
    Ok((monthly, monthly - (subtotal as f64 / 3.0).round() as i64))
}

/// Each client's average delay past the due date, in whole days, over the invoices paid by
/// `as_of`; a client who pays early counts as on time.
fn average_delays(conn: &Connection, as_of: NaiveDate) -> Result<HashMap<i64, u64>> {
    let rows = conn
        .prepare_cached(
            "SELECT i.client_id, avg(max(0, julianday(paid.last) - julianday(i.due_on)))
             FROM invoices i
             JOIN (SELECT a.invoice_id, max(p.received_on) AS last FROM payment_allocations a JOIN payments p ON p.id = a.payment_id
                   WHERE p.received_on <= ?1 GROUP BY a.invoice_id) paid ON paid.invoice_id = i.id
             WHERE i.kind = 'invoice' AND i.issued_at IS NOT NULL GROUP BY i.client_id",
        )?
        .query_map([as_of], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, f64>(1)?)))?
        .collect::<crate::store::sql::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .map(|(client, days)| (client, days.round() as u64))
        .collect())
}

/// The salaried workers' contracted hours at their wages: the payroll to come. Salaried workers
/// are paid their weekly hours whether they take a holiday or not.
struct PlannedPayroll {
    /// (worker, start, end, weekly minutes)
    statuses: Vec<(i64, NaiveDate, Option<NaiveDate>, i64)>,
    /// (worker, effective on, hourly rate in cents, employer charges in basis points), by date.
    wages: Vec<(i64, NaiveDate, i64, i64)>,
}

impl PlannedPayroll {
    fn load(conn: &Connection) -> Result<PlannedPayroll> {
        let statuses = conn
            .prepare_cached("SELECT worker_id, start_on, end_on, weekly_minutes FROM worker_statuses WHERE status = 'salaried'")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<crate::store::sql::Result<Vec<_>>>()?;
        let wages = conn
            .prepare_cached("SELECT worker_id, effective_on, hourly_rate_cents, employer_charges_bp FROM worker_wages ORDER BY effective_on")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<crate::store::sql::Result<Vec<_>>>()?;
        Ok(PlannedPayroll { statuses, wages })
    }

    /// The cost of the weekdays from `from` to `to`: a fifth of each weekly status a day, at the
    /// wage in force that day plus its charges, rounded once.
    fn cost(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let mut exact: i128 = 0;
        for day in from
            .iter_days()
            .take_while(|d| *d <= to)
            .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        {
            for &(worker, start, end, weekly) in &self.statuses {
                if start > day || end.is_some_and(|e| e < day) {
                    continue;
                }
                let wage = self
                    .wages
                    .iter()
                    .rev()
                    .find(|w| w.0 == worker && w.1 <= day);
                if let Some(&(_, _, rate, charges)) = wage {
                    exact += i128::from(weekly) * i128::from(rate) * i128::from(10_000 + charges);
                }
            }
        }
        // Minutes a week ÷ 5 days ÷ 60 minutes × 1/10 000 of the charges.
        crate::invoicing::invoice::round_div(exact, 5 * 60 * 10_000)
    }
}

fn collected(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<i64> {
    let s = sales_tax::summary(conn, from, to)?;
    Ok((s.gst + s.qst).0)
}

fn input_credits(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<i64> {
    let (gst, qst) = sales_tax::input_credits(conn, from, to)?;
    Ok((gst + qst).0)
}

/// The balance at the end of each day.
fn daily(from: NaiveDate, to: NaiveDate, opening: i64, moves: &[Movement]) -> Vec<DayBalance> {
    let mut by_day: HashMap<NaiveDate, i64> = HashMap::new();
    for m in moves {
        *by_day.entry(m.on).or_default() += m.amount;
    }
    let mut balance = opening;
    from.iter_days()
        .take_while(|d| *d <= to)
        .map(|on| {
            balance += by_day.get(&on).copied().unwrap_or(0);
            DayBalance {
                on,
                balance: Cents(balance),
            }
        })
        .collect()
}

fn bucket(
    start: NaiveDate,
    end: NaiveDate,
    moves: &[Movement],
    days: &[DayBalance],
    opening: i64,
) -> CashPeriod {
    let sum = |flows: &[Flow]| {
        Cents(
            moves
                .iter()
                .filter(|m| (start..=end).contains(&m.on) && flows.contains(&m.flow))
                .map(|m| m.amount)
                .sum(),
        )
    };
    let (receipts, income, expenses) = (
        sum(&[Flow::Receipts]),
        sum(&[Flow::Income, Flow::Opening]),
        sum(&[Flow::Expenses]),
    );
    let (payroll, sales_tax) = (sum(&[Flow::Payroll]), sum(&[Flow::SalesTax]));
    let closing = days
        .iter()
        .take_while(|d| d.on <= end)
        .last()
        .map_or(Cents(opening), |d| d.balance);
    CashPeriod {
        start,
        end,
        receipts,
        income,
        expenses,
        payroll,
        sales_tax,
        net: receipts + income + expenses + payroll + sales_tax,
        closing,
    }
}

/// Consecutive spans from `from`, each starting where `step` puts the next, the last one cut at
/// `to`.
fn spans(
    from: NaiveDate,
    to: NaiveDate,
    step: impl Fn(NaiveDate) -> Option<NaiveDate>,
) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    let mut start = from;
    while start <= to {
        let Some(next) = step(start) else { break };
        out.push((start, next.pred_opt().unwrap_or(next).min(to)));
        start = next;
    }
    out
}

#[cfg(test)]
mod tests;
