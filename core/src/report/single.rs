//! Reports printed on their own from their screens: the cashflow of a year with its projection,
//! and the work distribution with each worker's hours. Laid out the way the annual report lays
//! out its sections.

use chrono::NaiveDate;

use super::annual::{self, Part};
use super::generated::{self, Content, Context, GeneratedSection, Piece, TableData};
use crate::error::Result;
use crate::finance::cashflow;
use crate::fiscal::FiscalYear;
use crate::organisation::settings;
use crate::store::sql::Connection;
use crate::worktime::distribution;
use crate::Lang;

/// The year's cashflow against the cushion, then the projection made as of `as_of`.
pub fn cashflow_pdf(
    conn: &Connection,
    fy: FiscalYear,
    as_of: NaiveDate,
    lang: Lang,
) -> Result<Vec<u8>> {
    let ctx = Context { conn, fy, lang };
    let mut content = generated::content(&ctx, GeneratedSection::Cashflow)?;
    let projection = cashflow::projection(conn, as_of)?;
    let fr = lang == Lang::Fr;
    content
        .pieces
        .push(Piece::Text(match (fr, projection.under_cushion_from) {
            (true, Some(day)) => format!(
                "Projection au {}\u{a0}: le solde passerait sous le coussin le {}.",
                lang.long_date(as_of),
                lang.long_date(day)
            ),
            (true, None) => format!(
                "Projection au {}\u{a0}: le solde resterait au-dessus du coussin.",
                lang.long_date(as_of)
            ),
            (false, Some(day)) => format!(
                "Projection as of {}: the balance would fall under the cushion on {}.",
                lang.long_date(as_of),
                lang.long_date(day)
            ),
            (false, None) => format!(
                "Projection as of {}: the balance would stay above the cushion.",
                lang.long_date(as_of)
            ),
        }));
    content
        .pieces
        .push(Piece::Chart(cashflow::chart(&projection, lang)));
    let dollars = |c: crate::Cents| c.format_dollars(lang);
    let rows = projection
        .months
        .iter()
        .map(|m| {
            (
                vec![
                    lang.span(m.start, m.end),
                    dollars(m.receipts + m.income),
                    dollars(m.expenses + m.payroll + m.sales_tax),
                    dollars(m.net),
                    dollars(m.closing),
                ],
                m.closing < projection.cushion,
            )
        })
        .collect();
    content.pieces.push(Piece::Table(TableData {
        caption: if fr {
            "Les 12 prochains mois".into()
        } else {
            "The next 12 months".into()
        },
        columns: vec![
            ((if fr { "Mois" } else { "Month" }).into(), false, 0.32),
            ((if fr { "Entrées" } else { "In" }).into(), true, 0.17),
            ((if fr { "Sorties" } else { "Out" }).into(), true, 0.17),
            ((if fr { "Variation" } else { "Change" }).into(), true, 0.17),
            ((if fr { "Solde" } else { "Balance" }).into(), true, 0.17),
        ],
        rows,
    }));
    single(conn, content, fy, lang)
}

/// The year's work distribution, then each worker's hours.
pub fn distribution_pdf(conn: &Connection, fy: FiscalYear, lang: Lang) -> Result<Vec<u8>> {
    let ctx = Context { conn, fy, lang };
    let mut content = generated::content(&ctx, GeneratedSection::WorkDistribution)?;
    let d = distribution::compute(conn, fy.start(), fy.end())?;
    let fr = lang == Lang::Fr;
    let share = |part: u64, whole: u64| {
        let value = (part as f64 / whole.max(1) as f64 * 100.0).round();
        if fr {
            format!("{value}\u{a0}%")
        } else {
            format!("{value}%")
        }
    };
    let rows = d
        .workers
        .iter()
        .map(|w| {
            (
                vec![
                    w.name.clone(),
                    lang.hours(w.totals.minutes),
                    lang.hours(w.totals.client),
                    lang.hours(w.totals.internal),
                    share(w.totals.billable, w.totals.minutes),
                ],
                false,
            )
        })
        .collect();
    content.pieces.push(Piece::Table(TableData {
        caption: if fr {
            "Par travailleur ou travailleuse".into()
        } else {
            "By worker".into()
        },
        columns: vec![
            ((if fr { "Nom" } else { "Name" }).into(), false, 0.36),
            ((if fr { "Heures" } else { "Hours" }).into(), true, 0.16),
            ("Clients".into(), true, 0.16),
            ((if fr { "Interne" } else { "Internal" }).into(), true, 0.16),
            (
                (if fr { "Facturable" } else { "Billable" }).into(),
                true,
                0.16,
            ),
        ],
        rows,
    }));
    single(conn, content, fy, lang)
}

/// The year's financial statements: the statement of financial position and of operations.
pub fn statements_pdf(conn: &Connection, fy: FiscalYear, lang: Lang) -> Result<Vec<u8>> {
    let ctx = Context { conn, fy, lang };
    single(
        conn,
        generated::content(&ctx, GeneratedSection::Statements)?,
        fy,
        lang,
    )
}

/// One generated section as a document of its own, headed by the organisation's name.
fn single(conn: &Connection, content: Content, fy: FiscalYear, lang: Lang) -> Result<Vec<u8>> {
    let part = Part {
        title: content.title,
        author: String::new(),
        pieces: content.pieces,
    };
    let org = settings::require(conn)?.name;
    let title = format!("{} {}", part.title, fy.name());
    let mut doc = crate::pdf::Document::new(&title, &org, lang)?;
    doc.set_running_header(&format!("{org} — {title}"));
    doc.text(
        crate::pdf::MARGIN,
        22.0,
        &org,
        10.0,
        crate::pdf::Weight::Regular,
    );
    doc.y = 26.0;
    annual::lay_out_part(&mut doc, &part);
    doc.finish()
}
