//! The financial statements of a fiscal year, from the double-entry books (`journal`): the
//! statement of financial position (bilan) at the year's end and the statement of operations
//! (état des résultats) over the year, each with the previous year beside it, in the form a
//! Québec non-profit's reviewed statements take. The screen, the PDF, the CSV file and the
//! annual report's section all show these lines.

use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;
use ts_rs::TS;

use crate::catalog::{self, Catalog};
use crate::error::{Error, Result};
use crate::finance::journal::{self, Account};
use crate::fiscal::FiscalYear;
use crate::money::Cents;
use crate::store::sql::Connection;
use crate::text::text_enum;
use crate::Lang;

text_enum! {
    /// How a line reads: a heading without figures, an item, a subtotal, the statement's total.
    pub enum FinancialLineKind {
        Heading => "heading",
        Item => "item",
        Total => "total",
        GrandTotal => "grand_total",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FinancialLine {
    pub kind: FinancialLineKind,
    pub label: String,
    /// None on a heading.
    pub current: Option<Cents>,
    /// None on a heading, or when the books did not cover the previous year.
    pub previous: Option<Cents>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FinancialStatement {
    pub title: String,
    pub lines: Vec<FinancialLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FinancialStatements {
    /// `2012-2013`.
    pub fiscal_year: String,
    pub previous_year: String,
    /// Whether the books hold the previous year (else its column is empty).
    pub has_previous: bool,
    pub position: FinancialStatement,
    pub operations: FinancialStatement,
    /// The result and the net worth at the end of the year, as the statements give them.
    pub result: Cents,
    pub net_worth: Cents,
}

/// One year's figures from the books: balances at its end and its revenue and expenses.
struct Year {
    at_end: BTreeMap<Account, i64>,
    during: BTreeMap<Account, i64>,
}

impl Year {
    fn of(all: &[journal::Transaction], fy: FiscalYear) -> Year {
        Year {
            at_end: journal::balances(all, None, fy.end()),
            during: journal::balances(all, Some(fy.start()), fy.end()),
        }
    }

    fn balance(&self, accounts: &[Account]) -> i64 {
        accounts.iter().filter_map(|a| self.at_end.get(a)).sum()
    }

    fn assets(&self) -> i64 {
        self.balance(&[
            Account::Bank,
            Account::Receivables,
            Account::GstCredits,
            Account::QstCredits,
        ])
    }

    fn liabilities(&self) -> i64 {
        -self.balance(&[
            Account::Gst,
            Account::Qst,
            Account::ClientCredit,
            Account::OpeningOther,
        ])
    }

    fn revenue(&self, code: Option<&str>) -> i64 {
        -self
            .during
            .iter()
            .filter(|(a, _)| matches!(a, Account::Revenue(c) if code.is_none_or(|k| k == c)))
            .map(|(_, v)| v)
            .sum::<i64>()
    }

    fn expenses(&self, code: Option<&str>) -> i64 {
        self.during
            .iter()
            .filter(|(a, _)| matches!(a, Account::Expense(c) if code.is_none_or(|k| k == c)))
            .map(|(_, v)| v)
            .sum()
    }

    fn result(&self) -> i64 {
        self.revenue(None) - self.expenses(None)
    }
}

pub fn compute(conn: &Connection, fy: FiscalYear, lang: Lang) -> Result<FinancialStatements> {
    let all = journal::transactions(conn, fy.end())?;
    let prev = fy.previous();
    let has_previous = all.iter().any(|t| t.date <= prev.end());
    let (now, before) = (Year::of(&all, fy), Year::of(&all, prev));
    let t = |fr: &str, en: &str| match lang {
        Lang::Fr => fr.to_owned(),
        Lang::En => en.to_owned(),
    };
    let pair = |f: &dyn Fn(&Year) -> i64| (f(&now), has_previous.then(|| f(&before)));
    let mut position = Lines::default();
    position.heading(t("Actif", "Assets"));
    position.item(
        t("Encaisse", "Cash"),
        pair(&|y| y.balance(&[Account::Bank])),
    );
    position.item(
        t("Comptes à recevoir", "Accounts receivable"),
        pair(&|y| y.balance(&[Account::Receivables])),
    );
    position.item(
        t(
            "Taxes à recouvrer (CTI et RTI)",
            "Sales taxes recoverable (ITC and ITR)",
        ),
        pair(&|y| y.balance(&[Account::GstCredits, Account::QstCredits])),
    );
    position.total(t("Total de l’actif", "Total assets"), pair(&Year::assets));
    position.heading(t("Passif", "Liabilities"));
    position.item(
        t("TPS et TVQ à remettre", "GST and QST payable"),
        pair(&|y| -y.balance(&[Account::Gst, Account::Qst])),
    );
    position.item(
        t("Crédits des clients", "Client credits"),
        pair(&|y| -y.balance(&[Account::ClientCredit])),
    );
    position.item(
        t(
            "Autres éléments du bilan d’ouverture",
            "Other items of the opening balance sheet",
        ),
        pair(&|y| -y.balance(&[Account::OpeningOther])),
    );
    position.total(
        t("Total du passif", "Total liabilities"),
        pair(&Year::liabilities),
    );
    position.heading(t("Actif net", "Net assets"));
    let worth = |y: &Year| y.assets() - y.liabilities();
    position.item(
        t(
            "Actif net au début de l’exercice",
            "Net assets, beginning of year",
        ),
        pair(&|y| worth(y) - y.result()),
    );
    position.item(
        t(
            "Excédent (insuffisance) des revenus sur les dépenses",
            "Excess (deficiency) of revenue over expenses",
        ),
        pair(&Year::result),
    );
    position.total(
        t(
            "Actif net à la fin de l’exercice",
            "Net assets, end of year",
        ),
        pair(&worth),
    );
    position.grand_total(
        t(
            "Total du passif et de l’actif net",
            "Total liabilities and net assets",
        ),
        pair(&|y| y.liabilities() + worth(y)),
    );

    let mut operations = Lines::default();
    operations.heading(t("Revenus", "Revenue"));
    for (code, name) in names(conn, Catalog::RevenueDepartments, lang, &now, &before)? {
        operations.item(name, pair(&|y| y.revenue(Some(&code))));
    }
    operations.total(
        t("Total des revenus", "Total revenue"),
        pair(&|y| y.revenue(None)),
    );
    operations.heading(t("Dépenses", "Expenses"));
    for (code, name) in names(conn, Catalog::ExpenseCategories, lang, &now, &before)? {
        operations.item(name, pair(&|y| y.expenses(Some(&code))));
    }
    operations.total(
        t("Total des dépenses", "Total expenses"),
        pair(&|y| y.expenses(None)),
    );
    operations.grand_total(
        t(
            "Excédent (insuffisance) des revenus sur les dépenses",
            "Excess (deficiency) of revenue over expenses",
        ),
        pair(&Year::result),
    );
    Ok(FinancialStatements {
        fiscal_year: fy.name(),
        previous_year: prev.name(),
        has_previous,
        position: FinancialStatement {
            title: t(
                &format!(
                    "État de la situation financière au {}",
                    lang.long_date(fy.end())
                ),
                &format!(
                    "FinancialStatement of financial position as of {}",
                    lang.long_date(fy.end())
                ),
            ),
            lines: position.0,
        },
        operations: FinancialStatement {
            title: t(
                &format!("État des résultats de l’exercice {}", fy.name()),
                &format!(
                    "FinancialStatement of operations, fiscal year {}",
                    fy.name()
                ),
            ),
            lines: operations.0,
        },
        result: Cents(now.result()),
        net_worth: Cents(worth(&now)),
    })
}

/// The catalogue's entries (archived ones too: old years used them) that either year used, in
/// the catalogue's order, then any code the catalogue does not hold.
fn names(
    conn: &Connection,
    which: Catalog,
    lang: Lang,
    now: &Year,
    before: &Year,
) -> Result<Vec<(String, String)>> {
    let used = |code: &str| {
        [now, before].iter().any(|y| {
            y.during.iter().any(|(a, v)| {
                *v != 0
                    && matches!((a, which),
                        (Account::Revenue(c), Catalog::RevenueDepartments)
                        | (Account::Expense(c), Catalog::ExpenseCategories) if c == code)
            })
        })
    };
    let mut out: Vec<(String, String)> = catalog::list(conn, which, true)?
        .into_iter()
        .filter(|e| used(&e.code))
        .map(|e| (e.code.clone(), e.name(lang).to_owned()))
        .collect();
    for y in [now, before] {
        for a in y.during.keys() {
            let code = match (a, which) {
                (Account::Revenue(c), Catalog::RevenueDepartments)
                | (Account::Expense(c), Catalog::ExpenseCategories) => c,
                _ => continue,
            };
            if used(code) && !out.iter().any(|(c, _)| c == code) {
                out.push((code.clone(), code.clone()));
            }
        }
    }
    Ok(out)
}

#[derive(Default)]
struct Lines(Vec<FinancialLine>);

impl Lines {
    fn heading(&mut self, label: String) {
        self.0.push(FinancialLine {
            kind: FinancialLineKind::Heading,
            label,
            current: None,
            previous: None,
        });
    }

    fn push(
        &mut self,
        kind: FinancialLineKind,
        label: String,
        (current, previous): (i64, Option<i64>),
    ) {
        self.0.push(FinancialLine {
            kind,
            label,
            current: Some(Cents(current)),
            previous: previous.map(Cents),
        });
    }

    /// An item that is zero both years is left out (an account the collective does not use).
    fn item(&mut self, label: String, amounts: (i64, Option<i64>)) {
        if amounts.0 != 0 || amounts.1.is_some_and(|p| p != 0) {
            self.push(FinancialLineKind::Item, label, amounts);
        }
    }

    fn total(&mut self, label: String, amounts: (i64, Option<i64>)) {
        self.push(FinancialLineKind::Total, label, amounts);
    }

    fn grand_total(&mut self, label: String, amounts: (i64, Option<i64>)) {
        self.push(FinancialLineKind::GrandTotal, label, amounts);
    }
}

/// The two statements as one CSV file: a row per line, the statement's title before its lines,
/// amounts as plain decimal numbers (`-32277.32`) a spreadsheet reads as numbers.
pub fn write_csv(s: &FinancialStatements, lang: Lang, out: impl Write) -> Result<()> {
    let io = |e: csv::Error| Error::internal(format_args!("could not write the CSV file: {e}"));
    let mut w = csv::Writer::from_writer(out);
    let item = match lang {
        Lang::Fr => "Poste",
        Lang::En => "Item",
    };
    w.write_record([item, &s.fiscal_year, &s.previous_year])
        .map_err(io)?;
    let plain = |c: Option<Cents>| c.map(|c| c.to_decimal().to_string()).unwrap_or_default();
    for statement in [&s.position, &s.operations] {
        w.write_record([statement.title.as_str(), "", ""])
            .map_err(io)?;
        for line in &statement.lines {
            w.write_record([
                line.label.clone(),
                plain(line.current),
                plain(line.previous),
            ])
            .map_err(io)?;
        }
    }
    w.flush()
        .map_err(|e| Error::internal(format_args!("could not write the CSV file: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(s: &FinancialStatement, label: &str) -> (Option<Cents>, Option<Cents>) {
        let line = s
            .lines
            .iter()
            .find(|l| l.label == label)
            .unwrap_or_else(|| panic!("no line {label}"));
        (line.current, line.previous)
    }

    #[test]
    fn the_demo_statements_balance_and_carry_the_year_before() {
        let store = crate::demo::in_memory();
        let conn = store.conn();
        let fy = FiscalYear::parse("2012-2013", 9).unwrap();
        let s = compute(conn, fy, Lang::Fr).unwrap();
        assert!(s.has_previous);
        let assets = figure(&s.position, "Total de l’actif");
        assert_eq!(
            assets,
            figure(&s.position, "Total du passif et de l’actif net")
        );
        let books = crate::finance::books::for_span(conn, fy.start(), fy.end()).unwrap();
        assert_eq!(s.result, books.result);
        assert_eq!(
            figure(&s.operations, "Total des revenus").0,
            Some(books.revenue)
        );
        // The year's beginning is the year before's end.
        assert_eq!(
            figure(&s.position, "Actif net au début de l’exercice").0,
            figure(&s.position, "Actif net à la fin de l’exercice").1
        );
        let worth = crate::finance::history::money(conn, fy)
            .unwrap()
            .pop()
            .unwrap();
        assert_eq!(s.net_worth, worth.summary.net_worth);
        // The first year of the books has no year before.
        let first = compute(conn, fy.previous(), Lang::En).unwrap();
        assert!(!first.has_previous);
        assert!(first.position.lines.iter().all(|l| l.previous.is_none()));
        assert_eq!(
            figure(&first.position, "Net assets, beginning of year").0,
            Some(Cents(7_200_000))
        );
    }

    #[test]
    fn the_csv_holds_both_statements_as_numbers() {
        let store = crate::demo::in_memory();
        let fy = FiscalYear::parse("2012-2013", 9).unwrap();
        let s = compute(store.conn(), fy, Lang::Fr).unwrap();
        let mut out = Vec::new();
        write_csv(&s, Lang::Fr, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut rows = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(
            rows.headers().unwrap(),
            vec!["Poste", "2012-2013", "2011-2012"]
        );
        let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
        let result = records
            .iter()
            .rfind(|r| &r[0] == "Excédent (insuffisance) des revenus sur les dépenses")
            .unwrap();
        assert_eq!(&result[1], s.result.to_decimal().to_string());
        assert!(result[1].starts_with('-'), "a loss: {}", &result[1]);
        assert!(records
            .iter()
            .any(|r| r[0].starts_with("État des résultats")));
    }
}
