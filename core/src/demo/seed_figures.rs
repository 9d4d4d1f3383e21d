//! The demo reproduces the figures of the seed's financial report, computed from its records
//! the way `stats` and the reports compute them.

use super::*;
use crate::finance::{books, cashflow, history, payroll};

use super::in_memory as demo;

fn thousands(c: Cents) -> i64 {
    (c.0 as f64 / 100_000.0).round() as i64
}

#[test]
fn the_books_of_2012_2013_and_the_year_before() {
    let store = demo();
    let conn = store.conn();
    let year = books::for_span(conn, date("2012-09-01"), date("2013-08-31")).unwrap();
    let before = books::for_span(conn, date("2011-09-01"), date("2012-08-31")).unwrap();
    assert_eq!(thousands(year.revenue), 589, "revenue {:?}", year.revenue);
    assert_eq!(
        thousands(before.revenue),
        769,
        "the year before {:?}",
        before.revenue
    );
    assert_eq!(thousands(year.result), -32, "result {:?}", year.result);
    assert_eq!(
        thousands(before.result),
        102,
        "the year before {:?}",
        before.result
    );
    assert_eq!(
        (year.grants, before.grants),
        (Cents(4_800_000), Cents(9_300_000))
    );
    let fy = crate::fiscal::FiscalYear::parse("2012-2013", 9).unwrap();
    assert_eq!(
        crate::finance::budget::revenue_total(conn, fy).unwrap(),
        Some(Cents(75_200_000))
    );
    let sysadmin = |b: &books::Books| {
        b.revenue_by_department
            .iter()
            .filter(|d| d.code.starts_with("sysadmin_"))
            .map(|d| d.amount)
            .sum::<Cents>()
    };
    let share = sysadmin(&year).0 as f64 / year.revenue.0 as f64;
    assert_eq!((share * 100.0).round(), 48.0, "sysadmin share {share:.3}");
    let growth = sysadmin(&year).0 as f64 / sysadmin(&before).0 as f64 - 1.0;
    assert_eq!(
        (growth * 100.0).round(),
        10.0,
        "sysadmin growth {growth:.3}"
    );
    let legal = year
        .expenses_by_category
        .iter()
        .find(|c| c.code == "legal")
        .unwrap()
        .amount;
    assert!(
        legal > Cents(2_000_000),
        "important legal expenses: {legal:?}"
    );
    assert!(year.payroll < before.payroll, "payroll went down");
    let raise =
        payroll::raise_cost(conn, date("2012-09-01"), date("2013-08-31"), Cents(100)).unwrap();
    assert_eq!(thousands(raise), 22, "the 1 $/h raise: {raise:?}");
}

#[test]
fn the_deficit_is_the_second_largest_since_2007_and_the_largest_in_two_years() {
    let store = demo();
    let conn = store.conn();
    let years: Vec<_> = history::all(
        conn,
        crate::fiscal::FiscalYear::parse("2012-2013", 9).unwrap(),
    )
    .unwrap()
    .into_iter()
    .map(|y| y.summary)
    .collect();
    assert_eq!(years.first().unwrap().fiscal_year, "2007-2008");
    let results: Vec<(String, i64)> = years
        .iter()
        .map(|y| (y.fiscal_year.clone(), y.result().0))
        .collect();
    let this_year = results.iter().find(|(y, _)| y == "2012-2013").unwrap().1;
    let larger: Vec<_> = results.iter().filter(|(_, r)| *r < this_year).collect();
    assert_eq!(
        larger.len(),
        1,
        "one deficit larger than 2012-2013's: {results:?}"
    );
    assert!(results
        .iter()
        .filter(|(y, _)| y.as_str() >= "2010-2011" && y != "2012-2013")
        .all(|(_, r)| *r > this_year));
    let worth = years
        .iter()
        .find(|y| y.fiscal_year == "2012-2013")
        .unwrap()
        .net_worth;
    assert!(
        (141..=143).contains(&thousands(worth)),
        "net worth: last year's 174 000 $ less the deficit: {worth:?}"
    );
}

#[test]
fn the_cushion_is_used_late_in_the_year() {
    let store = demo();
    let conn = store.conn();
    let flow = cashflow::actual(conn, date("2012-09-01"), date("2013-08-31")).unwrap();
    let months: Vec<i64> = flow.months.iter().map(|m| m.closing.0 / 100).collect();
    eprintln!(
        "end of each month of 2012-2013: {months:?} $; lowest {:?}",
        flow.lowest
    );

    let crossed = flow.under_cushion_from.expect("the cushion is crossed");
    assert!(
        crossed >= date("2013-05-01"),
        "only late in the year: {crossed}"
    );
    assert!(
        flow.opening > Cents(3_000_000 * 2),
        "a comfortable start after last year's surplus"
    );
}

#[test]
fn the_three_legal_cases_of_the_year() {
    use crate::legal::{self, summary, Access, CaseKind};
    let store = demo();
    let conn = store.conn();
    let cases = summary::list(
        conn,
        Some((date("2012-09-01"), date("2013-08-31"))),
        date("2013-09-01"),
        Access::Public,
    )
    .unwrap();
    let kinds: Vec<CaseKind> = cases.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            CaseKind::Injunction,
            CaseKind::Fraud,
            CaseKind::TakedownRequest
        ],
        "most recent first"
    );
    let val_jalbert = &cases[0];
    assert!(val_jalbert
        .title
        .as_deref()
        .unwrap()
        .starts_with("Val-Jalbert"));
    assert_eq!(
        (val_jalbert.opened_on, val_jalbert.closed_on),
        (date("2013-03-11"), Some(date("2013-08-30")))
    );
    assert_eq!(val_jalbert.disclosures, 1);
    let books = books::for_span(conn, date("2012-09-01"), date("2013-08-31")).unwrap();
    let legal_fees = books
        .expenses_by_category
        .iter()
        .find(|c| c.code == "legal")
        .unwrap()
        .amount;
    assert_eq!(
        val_jalbert.cost.expenses, legal_fees,
        "every legal fee of the year is the Val-Jalbert case's"
    );
    assert!(
        val_jalbert.cost.minutes > 0 && val_jalbert.cost.total > legal_fees,
        "and the legal committee's hours"
    );
    assert!(cases[2].restricted && cases[2].title.is_none());
    assert!(matches!(
        legal::get(conn, cases[2].id, Access::Public),
        Err(Error::Restricted)
    ));
}
