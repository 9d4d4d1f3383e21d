//! The demo's money beyond invoices for 2011-2012 and 2012-2013: the PAPSI grant (93 000 $ the
//! first year, 48 000 $ the second as it ended mid-year), rent, colocation, freelancers' monthly
//! invoices for their hours,
//! the legal fees of the spring 2013 case, the server move; and the summaries of the years
//! 2007-2008 to 2010-2011 from the annual reports of the time.
//! The amounts follow the seed's story; matching its totals to the dollar is the Finance issue's
//! calibration, still to do.

use chrono::{Months, NaiveDate};
use rusqlite::Connection;

use super::date;
use crate::error::Result;
use crate::finance::catalog::{self, Catalog};
use crate::finance::expense::{self, ExpenseInput, ExpenseMethod};
use crate::finance::history::{self, HistoryYear};
use crate::finance::income::{self, IncomeInput, IncomeKind};
use crate::money::Cents;

/// (fiscal year, revenue $, expenses $, net worth $, FTE, salaried share)
const HISTORY: &[(&str, i64, i64, i64, f64, f64)] = &[
    ("2007-2008", 212_000, 205_000, 18_000, 3.1, 0.55),
    ("2008-2009", 298_000, 318_000, -2_000, 4.6, 0.61),
    ("2009-2010", 455_000, 441_000, 12_000, 7.2, 0.70),
    ("2010-2011", 612_000, 598_000, 26_000, 9.4, 0.76),
];

pub(super) fn create(conn: &Connection) -> Result<()> {
    for (year, revenue, expenses, worth, fte, share) in HISTORY {
        history::save(conn, &HistoryYear {
            fiscal_year: (*year).into(),
            revenue: Cents(revenue * 100),
            expenses: Cents(expenses * 100),
            net_worth: Cents(worth * 100),
            fte: *fte,
            salaried_share: *share,
            notes: String::new(),
        })?;
    }
    let grants = department(conn, Catalog::RevenueDepartments, "grants")?;
    for (on, dollars) in [("2011-09-15", 23_250), ("2011-12-15", 23_250), ("2012-03-15", 23_250), ("2012-06-15", 23_250), ("2012-09-15", 24_000), ("2012-12-15", 24_000)] {
        income::create(conn, &IncomeInput {
            received_on: date(on),
            kind: IncomeKind::Grant,
            source: "PAPSI (Emploi-Québec)".into(),
            department_id: grants,
            amount: Cents(dollars * 100),
            description: String::new(),
        })?;
    }
    monthly(conn, "rent", "Coopérative d'habitation du Parc (bureaux)", 1_950, date("2011-09-01"))?;
    monthly(conn, "servers", "Colocation Cogeco (baie et bande passante)", 1_700, date("2011-09-05"))?;
    monthly(conn, "fees", "Caisse d'économie solidaire (frais)", 45, date("2011-09-28"))?;
    let one_offs: &[(&str, &str, &str, i64)] = &[
        ("2013-03-28", "legal", "Étude Dubois avocats — mise en demeure", 3_500),
        ("2013-05-15", "legal", "Étude Dubois avocats — injonction Anton Piller", 9_800),
        ("2013-08-02", "legal", "Étude Dubois avocats — ordonnance de divulgation", 4_200),
        ("2013-06-08", "equipment", "Déménagement des serveurs — matériel et transport", 11_400),
        ("2012-10-03", "travel", "Rencontre des coopératives de travail, Québec", 850),
    ];
    for (on, category, supplier, dollars) in one_offs {
        spend(conn, date(on), category, supplier, *dollars)?;
    }
    freelancers(conn)
}

/// Each freelancer invoices the collective at the end of every month for their hours of that
/// month at their hourly rate (no employer charges: they are not employees).
fn freelancers(conn: &Connection) -> Result<()> {
    let monthly: Vec<(String, String, i64)> = conn
        .prepare(
            "SELECT m.name, strftime('%Y-%m', e.work_date), sum(e.minutes * w.hourly_rate_cents)
             FROM time_entries e
             JOIN worker_statuses s ON s.worker_id = e.worker_id AND s.start_on <= e.work_date AND (s.end_on IS NULL OR s.end_on >= e.work_date)
             JOIN worker_wages w ON w.worker_id = e.worker_id
                  AND w.effective_on = (SELECT max(effective_on) FROM worker_wages x WHERE x.worker_id = e.worker_id AND x.effective_on <= e.work_date)
             JOIN workers k ON k.id = e.worker_id JOIN members m ON m.id = k.member_id
             WHERE s.status = 'freelance' GROUP BY 1, 2 ORDER BY 2, 1",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, month, cent_minutes) in monthly {
        let first = date(&format!("{month}-01"));
        let last = first.checked_add_months(Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(first);
        let amount = Cents(crate::invoicing::invoice::round_div(i128::from(cent_minutes), 60));
        if amount.0 > 0 {
            spend_cents(conn, last, "freelancers", &format!("{name} (facture de pigiste)"), amount)?;
        }
    }
    Ok(())
}

fn department(conn: &Connection, which: Catalog, code: &str) -> Result<i64> {
    let id = catalog::list(conn, which, true)?.into_iter().find(|e| e.code == code).map(|e| e.id);
    id.ok_or_else(|| crate::error::Error::Conflict(format!("the catalogue has no '{code}'")))
}

fn monthly(conn: &Connection, category: &str, supplier: &str, dollars: i64, first: NaiveDate) -> Result<()> {
    let mut on = first;
    while on <= date("2013-08-31") {
        spend(conn, on, category, supplier, dollars)?;
        on = on.checked_add_months(Months::new(1)).unwrap_or(NaiveDate::MAX);
    }
    Ok(())
}

fn spend(conn: &Connection, on: NaiveDate, category: &str, supplier: &str, dollars: i64) -> Result<()> {
    spend_cents(conn, on, category, supplier, Cents(dollars * 100))
}

/// An expense with Quebec taxes paid (input tax credits), at the rates of its date.
fn spend_cents(conn: &Connection, on: NaiveDate, category: &str, supplier: &str, amount: Cents) -> Result<()> {
    let taxes = crate::invoicing::tax::on(conn, on)?.apply(amount, category == "fees");
    expense::create(conn, &ExpenseInput {
        spent_on: on,
        supplier: supplier.into(),
        category_id: department(conn, Catalog::ExpenseCategories, category)?,
        team_id: None,
        amount,
        gst: taxes.gst,
        qst: taxes.qst,
        method: if category == "fees" { ExpenseMethod::Debit } else { ExpenseMethod::Cheque },
        description: String::new(),
    })?;
    Ok(())
}
