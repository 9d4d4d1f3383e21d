//! A team's quarterly report: planned against actual revenue and expenses for the quarter and
//! for the year to date, the variance in dollars and percent, a chart, and the team's comment —
//! what "chaque équipe devra fournir, chaque trimestre" asks for.

use super::generated::{Piece, TableData};
use crate::catalog::{self, Catalog};
use crate::chart::bar::{BarChart, Bars, Format};
use crate::error::Result;
use crate::finance::budget::{self, BudgetVsActual, Comparison};
use crate::money::format_percent;
use crate::organisation::{settings, team};
use crate::pdf::{Document, Weight, MARGIN};
use crate::store::sql::Connection;
use crate::Lang;

pub fn write_pdf(
    conn: &Connection,
    fiscal_year: &str,
    quarter: u8,
    team_code: &str,
    lang: Lang,
) -> Result<Vec<u8>> {
    let org = settings::require(conn)?.name;
    let team = team::by_code(conn, team_code)?;
    let quarter_only = budget::compare(conn, fiscal_year, quarter, Some(team.id), false)?;
    let to_date = budget::compare(conn, fiscal_year, quarter, Some(team.id), true)?;
    let fr = lang == Lang::Fr;
    let q = if fr {
        format!("T{quarter}")
    } else {
        format!("Q{quarter}")
    };
    let title = if fr {
        format!("Rapport trimestriel — {} — {q} {fiscal_year}", team.name)
    } else {
        format!("Quarterly report — {} — {q} {fiscal_year}", team.name)
    };
    let mut doc = Document::new(&title, &org, lang)?;
    doc.set_running_header(&format!("{org} — {title}"));
    doc.text(MARGIN, 22.0, &org, 10.0, Weight::Regular);
    doc.y = 24.0;
    doc.paragraph(MARGIN, Document::body_width(), &title, 15.0, Weight::Bold);
    doc.paragraph(
        MARGIN,
        Document::body_width(),
        &lang.span(quarter_only.from, quarter_only.to),
        10.0,
        Weight::Italic,
    );
    doc.y += 3.0;
    let names: Vec<(String, String)> = catalog::list(conn, Catalog::RevenueDepartments, true)?
        .into_iter()
        .chain(catalog::list(conn, Catalog::ExpenseCategories, true)?)
        .map(|e| (e.code.clone(), e.name(lang).to_owned()))
        .collect();
    let name = |code: &str| {
        names
            .iter()
            .find(|n| n.0 == code)
            .map_or(code.to_owned(), |n| n.1.clone())
    };
    let heading = |label: &str| {
        if fr {
            format!("{label} — trimestre {q}")
        } else {
            format!("{label} — quarter {q}")
        }
    };
    let ytd = |label: &str| {
        if fr {
            format!("{label} — depuis le début de l’exercice")
        } else {
            format!("{label} — year to date")
        }
    };
    let (revenue, expenses) = if fr {
        ("Revenus", "Dépenses")
    } else {
        ("Revenue", "Expenses")
    };
    for (caption, rows) in [
        (heading(revenue), &quarter_only.revenue),
        (heading(expenses), &quarter_only.expenses),
        (ytd(revenue), &to_date.revenue),
        (ytd(expenses), &to_date.expenses),
    ] {
        // The table starts on the next page when this one is nearly full: so does its bookmark.
        doc.ensure_room(20.0);
        doc.bookmark(&caption, doc.here());
        super::annual::piece(
            &mut doc,
            &Piece::Table(comparison_table(&caption, rows, &name, lang)),
        );
    }
    super::annual::piece(
        &mut doc,
        &Piece::Chart(chart(&quarter_only, &name, lang).draw()),
    );
    let comment = if quarter_only.comment.trim().is_empty() {
        if fr {
            "Aucun commentaire."
        } else {
            "No comment."
        }
        .to_owned()
    } else {
        quarter_only.comment.clone()
    };
    doc.ensure_room(20.0);
    let comment_heading = if fr {
        "Commentaire de l’équipe"
    } else {
        "The team's comment"
    };
    doc.bookmark(comment_heading, doc.here());
    doc.paragraph(
        MARGIN,
        Document::body_width(),
        comment_heading,
        11.0,
        Weight::Bold,
    );
    doc.y += 1.0;
    doc.paragraph(
        MARGIN,
        Document::body_width(),
        &comment,
        10.0,
        Weight::Regular,
    );
    doc.finish()
}

fn comparison_table(
    caption: &str,
    rows: &[Comparison],
    name: &dyn Fn(&str) -> String,
    lang: Lang,
) -> TableData {
    let fr = lang == Lang::Fr;
    let pct = |p: Option<f64>| p.map_or("—".to_owned(), |p| format_percent(p, lang));
    // Every figure is the printed dollars' own arithmetic: the variance is actual less budget
    // as printed, the total the sum of the rows above it, so the table adds up by hand.
    let dollars = |c: crate::Cents| c.format_dollars(lang);
    let mut out: Vec<(Vec<String>, bool)> = rows
        .iter()
        .map(|r| {
            let (budget, actual) = (r.budget.whole_dollars(), r.actual.whole_dollars());
            (
                vec![
                    name(&r.code),
                    dollars(budget),
                    dollars(actual),
                    dollars(actual - budget),
                    pct(r.percent),
                ],
                false,
            )
        })
        .collect();
    let (b, a) = (
        rows.iter()
            .map(|r| r.budget.whole_dollars())
            .sum::<crate::Cents>(),
        rows.iter()
            .map(|r| r.actual.whole_dollars())
            .sum::<crate::Cents>(),
    );
    out.push((
        vec![
            "Total".into(),
            dollars(b),
            dollars(a),
            dollars(a - b),
            pct((b.0 > 0).then(|| (a - b).0 as f64 / b.0 as f64)),
        ],
        true,
    ));
    TableData {
        caption: caption.to_owned(),
        columns: vec![
            ((if fr { "Poste" } else { "Line" }).into(), false, 0.36),
            ("Budget".into(), true, 0.16),
            ((if fr { "Réel" } else { "Actual" }).into(), true, 0.16),
            ((if fr { "Écart" } else { "Variance" }).into(), true, 0.18),
            ("%".into(), true, 0.14),
        ],
        rows: out,
    }
}

fn chart(c: &BudgetVsActual, name: &dyn Fn(&str) -> String, lang: Lang) -> BarChart {
    let fr = lang == Lang::Fr;
    let rows: Vec<&Comparison> = c.revenue.iter().chain(&c.expenses).collect();
    BarChart {
        title: if fr {
            "Budget et réel du trimestre".into()
        } else {
            "Budget and actual for the quarter".into()
        },
        categories: rows.iter().map(|r| name(&r.code)).collect(),
        series: vec![
            Bars {
                label: "Budget".into(),
                values: rows.iter().map(|r| r.budget.0 as f64).collect(),
                gray: 0.72,
            },
            Bars {
                label: if fr { "Réel".into() } else { "Actual".into() },
                values: rows.iter().map(|r| r.actual.0 as f64).collect(),
                gray: 0.25,
            },
        ],
        line: None,
        format: Format::Dollars,
        lang,
    }
}
