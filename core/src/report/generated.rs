//! The annual report's generated sections, computed from the records: each is a title and a list
//! of pieces (paragraphs, tables, charts) that the PDF lays out and the editor previews. Legal
//! cases are read through the summary, so a restricted case shows its kind, dates and cost only.

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use crate::catalog::{self, Catalog};
use crate::chart::bar::{BarChart, Bars, Format};
use crate::chart::Drawing;
use crate::error::Result;
use crate::finance::{books, budget, cashflow, history, payroll, statements};
use crate::fiscal::FiscalYear;
use crate::invoicing::receivables;
use crate::legal::{self, summary};
use crate::money::{format_percent, Cents};
use crate::store::sql::Connection;
use crate::text::text_enum;
use crate::worktime::distribution;
use crate::Lang;

text_enum! {
    /// The sections Konbit writes itself.
    pub enum GeneratedSection {
        Financial => "financial",
        RevenueByDepartment => "revenue_by_department",
        ExpenseDistribution => "expense_distribution",
        Receivables => "receivables",
        Cashflow => "cashflow",
        NetWorth => "net_worth",
        Statements => "statements",
        Workforce => "workforce",
        Budget => "budget",
        WorkDistribution => "work_distribution",
        Legal => "legal",
    }
}

/// A generated section's content, the same on screen and on paper.
#[derive(Debug, Clone, PartialEq)]
pub struct Content {
    pub title: String,
    pub pieces: Vec<Piece>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Text(String),
    Table(TableData),
    Chart(Drawing),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableData {
    pub caption: String,
    /// (title, right-aligned, share of the width)
    pub columns: Vec<(String, bool, f32)>,
    /// (cells, bold)
    pub rows: Vec<(Vec<String>, bool)>,
}

/// What the generated sections need: the year, the language, and the catalogue's names.
pub struct Context<'a> {
    pub conn: &'a Connection,
    pub fy: FiscalYear,
    pub lang: Lang,
}

impl Context<'_> {
    fn fr(&self) -> bool {
        self.lang == Lang::Fr
    }

    fn say(&self, fr: &str, en: &str) -> String {
        if self.fr() {
            fr.to_owned()
        } else {
            en.to_owned()
        }
    }

    fn dollars(&self, c: Cents) -> String {
        c.format_dollars(self.lang)
    }

    fn percent(&self, fraction: f64) -> String {
        format_percent(fraction, self.lang)
    }

    fn names(&self, which: Catalog) -> Result<Vec<(String, String)>> {
        Ok(catalog::list(self.conn, which, true)?
            .into_iter()
            .map(|e| (e.code.clone(), e.name(self.lang).to_owned()))
            .collect())
    }
}

pub fn content(ctx: &Context, which: GeneratedSection) -> Result<Content> {
    match which {
        GeneratedSection::Financial => financial(ctx),
        GeneratedSection::RevenueByDepartment => revenue_by_department(ctx),
        GeneratedSection::ExpenseDistribution => expense_distribution(ctx),
        GeneratedSection::Receivables => receivables_90(ctx),
        GeneratedSection::Cashflow => cash(ctx),
        GeneratedSection::NetWorth => net_worth(ctx),
        GeneratedSection::Statements => statements(ctx),
        GeneratedSection::Workforce => workforce(ctx),
        GeneratedSection::Budget => budget_against_actual(ctx),
        GeneratedSection::WorkDistribution => work_distribution(ctx),
        GeneratedSection::Legal => legal_summary(ctx),
    }
}

fn financial(ctx: &Context) -> Result<Content> {
    let year = books::for_span(ctx.conn, ctx.fy.start(), ctx.fy.end())?;
    let prev_fy = ctx.fy.previous();
    let before = history::money(ctx.conn, prev_fy)?.pop().map(|y| y.summary);
    let budget = budget::revenue_total(ctx.conn, ctx.fy)?;
    let raise = payroll::raise_cost(ctx.conn, ctx.fy.start(), ctx.fy.end(), Cents(100))?;
    let d = |c: Cents| ctx.dollars(c);
    let mut text = Vec::new();
    let (revenue, expenses, result) = (d(year.revenue), d(year.expenses), d(year.result));
    text.push(match (ctx.lang, budget) {
        (Lang::Fr, Some(b)) => format!(
            "Les revenus de l’exercice {} s’élèvent à {revenue}, pour des revenus budgétés de {} ({} du budget).",
            ctx.fy.name(),
            d(b),
            ctx.percent(year.revenue.0 as f64 / b.0.max(1) as f64)
        ),
        (Lang::Fr, None) => format!("Les revenus de l’exercice {} s’élèvent à {revenue}.", ctx.fy.name()),
        (Lang::En, Some(b)) => format!(
            "Revenue for fiscal year {} was {revenue}, against a budget of {} ({} of budget).",
            ctx.fy.name(),
            d(b),
            ctx.percent(year.revenue.0 as f64 / b.0.max(1) as f64)
        ),
        (Lang::En, None) => format!("Revenue for fiscal year {} was {revenue}.", ctx.fy.name()),
    });
    if let Some(b) = &before {
        let change = year.revenue - b.revenue;
        text.push(if ctx.fr() {
            format!(
                "L’année précédente ({}), les revenus étaient de {}, soit un écart de {}\u{a0}; le résultat était de {}.",
                b.fiscal_year,
                d(b.revenue),
                d(change),
                d(b.result())
            )
        } else {
            format!("The year before ({}), revenue was {}, a difference of {}; the result was {}.", b.fiscal_year, d(b.revenue), d(change), d(b.result()))
        });
    }
    text.push(if ctx.fr() {
        format!("Les dépenses totalisent {expenses}, dont {} de masse salariale. Le résultat de l’exercice est de {result}.", d(year.payroll))
    } else {
        format!("Expenses came to {expenses}, of which {} was payroll. The result for the year is {result}.", d(year.payroll))
    });
    text.push(if ctx.fr() {
        format!(
            "Subventions reçues\u{a0}: {}. Une augmentation de 1\u{a0}$ l’heure pour tous les salariés coûte {} par année, charges comprises.",
            d(year.grants),
            d(raise)
        )
    } else {
        format!("Grants received: {}. A raise of $1 an hour for every salaried worker costs {} a year, employer charges included.", d(year.grants), d(raise))
    });
    Ok(Content {
        title: ctx.say("Rapport financier", "Financial report"),
        pieces: text.into_iter().map(Piece::Text).collect(),
    })
}

fn revenue_by_department(ctx: &Context) -> Result<Content> {
    let year = books::for_span(ctx.conn, ctx.fy.start(), ctx.fy.end())?;
    let prev = ctx.fy.previous();
    let before = books::for_span(ctx.conn, prev.start(), prev.end())?;
    let names = ctx.names(Catalog::RevenueDepartments)?;
    let name = |code: &str| {
        names
            .iter()
            .find(|n| n.0 == code)
            .map_or(code.to_owned(), |n| n.1.clone())
    };
    let mut rows: Vec<(Vec<String>, bool)> = Vec::new();
    let mut categories = Vec::new();
    let (mut this, mut last) = (Vec::new(), Vec::new());
    // The totals and changes are those of the printed dollars: the table adds up on paper.
    let (mut total_old, mut total_now) = (Cents(0), Cents(0));
    for dept in &year.revenue_by_department {
        let old = before
            .revenue_by_department
            .iter()
            .find(|d| d.code == dept.code)
            .map_or(Cents(0), |d| d.amount);
        if dept.amount.0 == 0 && old.0 == 0 {
            continue;
        }
        let (old_dollars, now_dollars) = (old.whole_dollars(), dept.amount.whole_dollars());
        total_old = total_old + old_dollars;
        total_now = total_now + now_dollars;
        rows.push((
            vec![
                name(&dept.code),
                ctx.dollars(old_dollars),
                ctx.dollars(now_dollars),
                ctx.dollars(now_dollars - old_dollars),
                ctx.percent(dept.amount.0 as f64 / year.revenue.0.max(1) as f64),
            ],
            false,
        ));
        categories.push(name(&dept.code));
        last.push(old.0 as f64);
        this.push(dept.amount.0 as f64);
    }
    rows.push((
        vec![
            "Total".into(),
            ctx.dollars(total_old),
            ctx.dollars(total_now),
            ctx.dollars(total_now - total_old),
            ctx.percent(1.0),
        ],
        true,
    ));
    let sysadmin: Cents = year
        .revenue_by_department
        .iter()
        .filter(|d| d.code.starts_with("sysadmin"))
        .map(|d| d.amount)
        .sum();
    let share = ctx.percent(sysadmin.0 as f64 / year.revenue.0.max(1) as f64);
    let caption = ctx.say(
        "Tableau 1\u{a0}: Revenus par département",
        "Table 1: Revenue by department",
    );
    let table = TableData {
        caption: caption.clone(),
        columns: vec![
            (ctx.say("Département", "Department"), false, 0.32),
            (prev.name(), true, 0.17),
            (ctx.fy.name(), true, 0.17),
            (ctx.say("Écart", "Change"), true, 0.18),
            (ctx.say("Part", "Share"), true, 0.16),
        ],
        rows,
    };
    let chart = BarChart {
        title: caption,
        categories,
        series: vec![
            Bars {
                label: prev.name(),
                values: last,
                gray: 0.72,
            },
            Bars {
                label: ctx.fy.name(),
                values: this,
                gray: 0.25,
            },
        ],
        line: None,
        format: Format::Dollars,
        lang: ctx.lang,
    };
    let note = if ctx.fr() {
        format!("Les revenus de l’équipe sysadmin (contrats de services et consultation) représentent {share} des revenus de l’exercice.")
    } else {
        format!("The sysadmin team's revenue (service contracts and consulting) is {share} of the year's revenue.")
    };
    Ok(Content {
        title: ctx.say("Revenus par département", "Revenue by department"),
        pieces: vec![
            Piece::Table(table),
            Piece::Chart(chart.draw()),
            Piece::Text(note),
        ],
    })
}

fn expense_distribution(ctx: &Context) -> Result<Content> {
    let year = books::for_span(ctx.conn, ctx.fy.start(), ctx.fy.end())?;
    let names = ctx.names(Catalog::ExpenseCategories)?;
    let name = |code: &str| {
        names
            .iter()
            .find(|n| n.0 == code)
            .map_or(code.to_owned(), |n| n.1.clone())
    };
    let used: Vec<_> = year
        .expenses_by_category
        .iter()
        .filter(|c| c.amount.0 != 0)
        .collect();
    let mut rows: Vec<(Vec<String>, bool)> = used
        .iter()
        .map(|c| {
            (
                vec![
                    name(&c.code),
                    ctx.dollars(c.amount),
                    ctx.percent(c.amount.0 as f64 / year.expenses.0.max(1) as f64),
                ],
                false,
            )
        })
        .collect();
    let printed: Cents = used.iter().map(|c| c.amount.whole_dollars()).sum();
    rows.push((
        vec!["Total".into(), ctx.dollars(printed), ctx.percent(1.0)],
        true,
    ));
    let caption = ctx.say(
        "Tableau 2\u{a0}: Distribution des dépenses",
        "Table 2: Distribution of expenses",
    );
    let chart = BarChart {
        title: caption.clone(),
        categories: used.iter().map(|c| name(&c.code)).collect(),
        series: vec![Bars {
            label: ctx.fy.name(),
            values: used
                .iter()
                .map(|c| c.amount.0 as f64 / year.expenses.0.max(1) as f64)
                .collect(),
            gray: 0.35,
        }],
        line: None,
        format: Format::Percent,
        lang: ctx.lang,
    };
    let table = TableData {
        caption,
        columns: vec![
            (ctx.say("Catégorie", "Category"), false, 0.5),
            (ctx.say("Montant", "Amount"), true, 0.3),
            (ctx.say("Part", "Share"), true, 0.2),
        ],
        rows,
    };
    Ok(Content {
        title: ctx.say("Distribution des dépenses", "Distribution of expenses"),
        pieces: vec![Piece::Table(table), Piece::Chart(chart.draw())],
    })
}

fn receivables_90(ctx: &Context) -> Result<Content> {
    let quarters = receivables::over_90_by_quarter(ctx.conn, ctx.fy)?;
    let label = |q: u8| {
        if ctx.fr() {
            format!("T{q}")
        } else {
            format!("Q{q}")
        }
    };
    let rows = quarters
        .iter()
        .map(|q| {
            (
                vec![
                    label(q.quarter),
                    ctx.lang.long_date(q.end),
                    ctx.dollars(q.over_90),
                ],
                false,
            )
        })
        .collect();
    let caption = ctx.say(
        "Comptes de 90 jours et plus, à la fin de chaque trimestre",
        "Accounts 90 days and over, at the end of each quarter",
    );
    let chart = BarChart {
        title: caption.clone(),
        categories: quarters.iter().map(|q| label(q.quarter)).collect(),
        series: vec![Bars {
            label: ctx.say("90 jours et plus", "90 days and over"),
            values: quarters.iter().map(|q| q.over_90.0 as f64).collect(),
            gray: 0.35,
        }],
        line: None,
        format: Format::Dollars,
        lang: ctx.lang,
    };
    let table = TableData {
        caption,
        columns: vec![
            (ctx.say("Trimestre", "Quarter"), false, 0.2),
            (ctx.say("Au", "As of"), false, 0.45),
            (ctx.say("90 jours et plus", "90 days and over"), true, 0.35),
        ],
        rows,
    };
    Ok(Content {
        title: ctx.say("Comptes à recevoir", "Accounts receivable"),
        pieces: vec![Piece::Table(table), Piece::Chart(chart.draw())],
    })
}

fn cash(ctx: &Context) -> Result<Content> {
    let flow = cashflow::actual(ctx.conn, ctx.fy.start(), ctx.fy.end())?;
    let mut text = if ctx.fr() {
        format!(
            "L’exercice commence avec {} en banque et se termine avec {}. Le solde le plus bas, {}, est atteint le {}.",
            ctx.dollars(flow.opening),
            ctx.dollars(flow.closing),
            ctx.dollars(flow.lowest.balance),
            ctx.lang.long_date(flow.lowest.on)
        )
    } else {
        format!(
            "The year opens with {} in the bank and closes with {}. The lowest balance, {}, is reached on {}.",
            ctx.dollars(flow.opening),
            ctx.dollars(flow.closing),
            ctx.dollars(flow.lowest.balance),
            ctx.lang.long_date(flow.lowest.on)
        )
    };
    if let Some(day) = flow.under_cushion_from {
        text.push(' ');
        text.push_str(&if ctx.fr() {
            format!(
                "Le coussin de {} est entamé à partir du {}.",
                ctx.dollars(flow.cushion),
                ctx.lang.long_date(day)
            )
        } else {
            format!(
                "The {} cushion is drawn on from {}.",
                ctx.dollars(flow.cushion),
                ctx.lang.long_date(day)
            )
        });
    }
    Ok(Content {
        title: ctx.say("Trésorerie", "Cash flow"),
        pieces: vec![
            Piece::Text(text),
            Piece::Chart(cashflow::chart(&flow, ctx.lang)),
        ],
    })
}

/// The statement of financial position and the statement of operations, the year before beside.
fn statements(ctx: &Context) -> Result<Content> {
    let s = statements::compute(ctx.conn, ctx.fy, ctx.lang)?;
    let amount = |c: Option<Cents>| c.map(|c| c.format(ctx.lang)).unwrap_or_default();
    let table = |statement: &statements::FinancialStatement| TableData {
        caption: statement.title.clone(),
        columns: vec![
            (String::new(), false, 0.56),
            (s.fiscal_year.clone(), true, 0.22),
            (s.previous_year.clone(), true, 0.22),
        ],
        rows: statement
            .lines
            .iter()
            .map(|l| {
                (
                    vec![l.label.clone(), amount(l.current), amount(l.previous)],
                    l.kind != statements::FinancialLineKind::Item,
                )
            })
            .collect(),
    };
    let note = if ctx.fr() {
        "Établis à partir des livres tenus dans Konbit en partie double\u{a0}: les revenus à la date des factures, les salaires à chaque paie, les taxes de vente remises chaque trimestre. Ces états n’ont pas fait l’objet d’une mission d’examen."
    } else {
        "Prepared from the double-entry books kept in Konbit: revenue at the invoices' dates, salaries at each pay, sales taxes remitted each quarter. These statements have not been reviewed."
    };
    Ok(Content {
        title: ctx.say("États financiers", "Financial statements"),
        pieces: vec![
            Piece::Table(table(&s.position)),
            Piece::Table(table(&s.operations)),
            Piece::Text(note.to_owned()),
        ],
    })
}

fn net_worth(ctx: &Context) -> Result<Content> {
    let years = history::money(ctx.conn, ctx.fy)?;
    let first = years
        .first()
        .map_or(ctx.fy.name(), |y| y.summary.fiscal_year.clone());
    let caption = if ctx.fr() {
        format!(
            "Valeur nette et profit, {} à {}",
            &first[..4],
            ctx.fy.end().year()
        )
    } else {
        format!(
            "Net worth and profit, {} to {}",
            &first[..4],
            ctx.fy.end().year()
        )
    };
    let chart = BarChart {
        title: caption.clone(),
        categories: years
            .iter()
            .map(|y| y.summary.fiscal_year.clone())
            .collect(),
        series: vec![Bars {
            label: ctx.say("Profit ou déficit", "Profit or deficit"),
            values: years.iter().map(|y| y.summary.result().0 as f64).collect(),
            gray: 0.45,
        }],
        line: Some((
            ctx.say("Valeur nette", "Net worth"),
            years.iter().map(|y| y.summary.net_worth.0 as f64).collect(),
        )),
        format: Format::Dollars,
        lang: ctx.lang,
    };
    let rows = years
        .iter()
        .map(|y| {
            (
                vec![
                    y.summary.fiscal_year.clone(),
                    ctx.dollars(y.summary.revenue),
                    ctx.dollars(y.summary.expenses),
                    ctx.dollars(y.summary.result()),
                    ctx.dollars(y.summary.net_worth),
                ],
                false,
            )
        })
        .collect();
    let table = TableData {
        caption: caption.clone(),
        columns: vec![
            (ctx.say("Exercice", "Fiscal year"), false, 0.2),
            (ctx.say("Revenus", "Revenue"), true, 0.2),
            (ctx.say("Dépenses", "Expenses"), true, 0.2),
            (ctx.say("Résultat", "Result"), true, 0.2),
            (ctx.say("Valeur nette", "Net worth"), true, 0.2),
        ],
        rows,
    };
    Ok(Content {
        title: caption,
        pieces: vec![Piece::Chart(chart.draw()), Piece::Table(table)],
    })
}

fn workforce(ctx: &Context) -> Result<Content> {
    let years = history::all(ctx.conn, ctx.fy)?;
    let categories: Vec<String> = years
        .iter()
        .map(|y| y.summary.fiscal_year.clone())
        .collect();
    let fte = BarChart {
        title: ctx.say("Équivalent temps plein", "Full-time equivalents"),
        categories: categories.clone(),
        series: vec![Bars {
            label: ctx.say("ETC", "FTE"),
            values: years.iter().map(|y| y.summary.fte).collect(),
            gray: 0.4,
        }],
        line: None,
        format: Format::Number(1),
        lang: ctx.lang,
    };
    let share = BarChart {
        title: ctx.say(
            "Part des salariés et des pigistes",
            "Salaried and freelance shares",
        ),
        categories,
        series: vec![
            Bars {
                label: ctx.say("Salariés", "Salaried"),
                values: years.iter().map(|y| y.summary.salaried_share).collect(),
                gray: 0.3,
            },
            Bars {
                label: ctx.say("Pigistes", "Freelancers"),
                values: years
                    .iter()
                    .map(|y| 1.0 - y.summary.salaried_share)
                    .collect(),
                gray: 0.75,
            },
        ],
        line: None,
        format: Format::Percent,
        lang: ctx.lang,
    };
    Ok(Content {
        title: ctx.say(
            "Équivalent temps plein et proportion de salariés",
            "Full-time equivalents and salaried share",
        ),
        pieces: vec![
            Piece::Text(fte.title.clone()),
            Piece::Chart(fte.draw()),
            Piece::Text(share.title.clone()),
            Piece::Chart(share.draw()),
        ],
    })
}

fn budget_against_actual(ctx: &Context) -> Result<Content> {
    let teams = crate::organisation::team::list(
        ctx.conn,
        &crate::listing::ListQuery {
            limit: Some(100),
            ..Default::default()
        },
    )?
    .items;
    let mut rows: Vec<(Vec<String>, bool)> = Vec::new();
    let (mut names, mut budgets, mut actuals) = (Vec::new(), Vec::new(), Vec::new());
    let pct = |b: Cents, a: Cents| {
        if b.0 == 0 {
            "—".to_owned()
        } else {
            ctx.percent((a - b).0 as f64 / b.0 as f64)
        }
    };
    for t in &teams {
        let c = budget::compare(ctx.conn, &ctx.fy.name(), 4, Some(t.id), true)?;
        let sum = |list: &[budget::Comparison], f: fn(&budget::Comparison) -> Cents| {
            list.iter().map(f).sum::<Cents>()
        };
        let (rb, ra) = (sum(&c.revenue, |r| r.budget), sum(&c.revenue, |r| r.actual));
        let (eb, ea) = (
            sum(&c.expenses, |r| r.budget),
            sum(&c.expenses, |r| r.actual),
        );
        if rb.0 == 0 && ra.0 == 0 && eb.0 == 0 && ea.0 == 0 {
            continue;
        }
        rows.push((
            vec![
                t.name.clone(),
                ctx.dollars(rb),
                ctx.dollars(ra),
                pct(rb, ra),
                ctx.dollars(eb),
                ctx.dollars(ea),
                pct(eb, ea),
            ],
            false,
        ));
        names.push(t.name.clone());
        budgets.push(rb.0 as f64);
        actuals.push(ra.0 as f64);
    }
    // The whole collective: every budget line of the year, teams' and the collective's own,
    // against all the books.
    let lines = budget::for_year(ctx.conn, &ctx.fy.name())?;
    let planned = |expense: bool| {
        lines
            .iter()
            .filter(|l| l.category_id.is_some() == expense)
            .map(|l| l.amount)
            .sum::<Cents>()
    };
    let books = books::for_span(ctx.conn, ctx.fy.start(), ctx.fy.end())?;
    let (rb, eb) = (planned(false), planned(true));
    rows.push((
        vec![
            ctx.say("Tout le collectif", "The whole collective"),
            ctx.dollars(rb),
            ctx.dollars(books.revenue),
            pct(rb, books.revenue),
            ctx.dollars(eb),
            ctx.dollars(books.expenses),
            pct(eb, books.expenses),
        ],
        true,
    ));
    let caption = ctx.say(
        "Budget et réel par équipe, exercice complet",
        "Budget and actual per team, whole year",
    );
    let table = TableData {
        caption: caption.clone(),
        columns: vec![
            (ctx.say("Équipe", "Team"), false, 0.22),
            (ctx.say("Revenus budgétés", "Revenue budget"), true, 0.13),
            (ctx.say("Revenus réels", "Revenue actual"), true, 0.13),
            (ctx.say("Écart", "Variance"), true, 0.1),
            (ctx.say("Dépenses budgétées", "Expense budget"), true, 0.14),
            (ctx.say("Dépenses réelles", "Expense actual"), true, 0.14),
            (ctx.say("Écart", "Variance"), true, 0.14),
        ],
        rows,
    };
    let chart = BarChart {
        title: ctx.say(
            "Revenus budgétés et réels par équipe",
            "Revenue budget and actual per team",
        ),
        categories: names,
        series: vec![
            Bars {
                label: ctx.say("Budget", "Budget"),
                values: budgets,
                gray: 0.72,
            },
            Bars {
                label: ctx.say("Réel", "Actual"),
                values: actuals,
                gray: 0.25,
            },
        ],
        line: None,
        format: Format::Dollars,
        lang: ctx.lang,
    };
    Ok(Content {
        title: ctx.say("Budget et réel", "Budget and actual"),
        pieces: vec![Piece::Table(table), Piece::Chart(chart.draw())],
    })
}

fn work_distribution(ctx: &Context) -> Result<Content> {
    let d = distribution::compute(ctx.conn, ctx.fy.start(), ctx.fy.end())?;
    let hours = |m: u64| ctx.lang.hours(m);
    let t = &d.totals;
    let rows = vec![
        (
            vec![
                ctx.say("Travail client", "Client work"),
                hours(t.client),
                ctx.percent(t.client as f64 / t.minutes.max(1) as f64),
            ],
            false,
        ),
        (
            vec![
                ctx.say("dont facturable à l’heure", "of which billed by the hour"),
                hours(t.billable),
                ctx.percent(t.billable as f64 / t.minutes.max(1) as f64),
            ],
            false,
        ),
        (
            vec![
                ctx.say("Travail interne et comités", "Internal work and committees"),
                hours(t.internal),
                ctx.percent(t.internal as f64 / t.minutes.max(1) as f64),
            ],
            false,
        ),
        (
            vec!["Total".into(), hours(t.minutes), ctx.percent(1.0)],
            true,
        ),
    ];
    let table = TableData {
        caption: ctx.say("Répartition des heures travaillées", "Hours worked"),
        columns: vec![
            (ctx.say("Travail", "Work"), false, 0.5),
            (ctx.say("Heures", "Hours"), true, 0.3),
            (ctx.say("Part", "Share"), true, 0.2),
        ],
        rows,
    };
    let fte = if ctx.fr() {
        format!(
            "{} équivalents temps plein, dont {} d’heures salariées.",
            format!("{:.1}", d.fte).replace('.', ","),
            ctx.percent(d.salaried_share)
        )
    } else {
        format!(
            "{:.1} full-time equivalents, {} of the hours salaried.",
            d.fte,
            ctx.percent(d.salaried_share)
        )
    };
    Ok(Content {
        title: ctx.say("Répartition du travail", "Work distribution"),
        pieces: vec![Piece::Table(table), Piece::Text(fte)],
    })
}

fn legal_summary(ctx: &Context) -> Result<Content> {
    let cases = summary::list(
        ctx.conn,
        Some((ctx.fy.start(), ctx.fy.end())),
        ctx.fy.end(),
        legal::Access::Public,
    )?;
    let rows: Vec<(Vec<String>, bool)> = cases
        .iter()
        .map(|c| {
            let title = c
                .title
                .clone()
                .unwrap_or_else(|| ctx.say("Dossier confidentiel", "Confidential case"));
            let closed = c
                .closed_on
                .map(|d| ctx.lang.long_date(d))
                .unwrap_or_else(|| "—".into());
            (
                vec![
                    c.kind.label(ctx.lang).to_owned(),
                    title,
                    ctx.lang.long_date(c.opened_on),
                    closed,
                    ctx.dollars(c.cost.total),
                ],
                false,
            )
        })
        .collect();
    // The sum of the costs the table prints, in dollars.
    let total: Cents = cases.iter().map(|c| c.cost.total.whole_dollars()).sum();
    let mut pieces = vec![Piece::Text(if ctx.fr() {
        format!(
            "{} dossiers ont occupé le comité légal durant l’exercice, pour un coût total de {} (honoraires et heures de travail).",
            cases.len(),
            ctx.dollars(total)
        )
    } else {
        format!("{} cases kept the legal committee busy during the year, at a total cost of {} (fees and hours worked).", cases.len(), ctx.dollars(total))
    })];
    if !rows.is_empty() {
        pieces.push(Piece::Table(TableData {
            caption: ctx.say(
                "Dossiers juridiques de l’exercice",
                "Legal cases of the year",
            ),
            columns: vec![
                (ctx.say("Nature", "Kind"), false, 0.17),
                (ctx.say("Dossier", "Case"), false, 0.38),
                (ctx.say("Ouvert", "Opened"), false, 0.15),
                (ctx.say("Fermé", "Closed"), false, 0.15),
                (ctx.say("Coût", "Cost"), true, 0.15),
            ],
            rows,
        }));
    }
    Ok(Content {
        title: ctx.say("Dossiers juridiques", "Legal cases"),
        pieces,
    })
}
