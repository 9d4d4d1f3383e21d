//! The annual report as PDF: a cover, the table of contents with page numbers, then each
//! section of the year's outline on its own page — prose as written, generated sections computed
//! from the records, the errata — with the running header and "page X de Y". Each section is a
//! bookmark of the PDF's outline, and each line of the contents a link to its section.

use super::generated::{self, Context, Piece, TableData};
use super::markup::{self, Block, Span};
use super::section::{self, SectionKind, DEFAULT_OUTLINE};
use crate::error::Result;
use crate::fiscal::FiscalYear;
use crate::organisation::settings;
use crate::pdf::{Align, Column, Document, Place, Table, Weight, MARGIN};
use crate::store::sql::Connection;
use crate::Lang;

/// What was written, for the CLI's summary and the tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Each section's title and the page it starts on.
    pub contents: Vec<(String, usize)>,
}

/// A section ready to lay out.
struct Section {
    title: String,
    author: String,
    body: Body,
}

/// A generated section on its own (the cashflow or work distribution report).
pub(super) struct Part {
    pub title: String,
    pub author: String,
    pub pieces: Vec<Piece>,
}

/// Lays out a generated section as the annual report would.
pub(super) fn lay_out_part(doc: &mut Document, part: &Part) {
    heading(doc, &part.title, &part.author);
    part.pieces.iter().for_each(|p| piece(doc, p));
}

enum Body {
    Markup(Vec<Block>),
    Pieces(Vec<Piece>),
}

/// Table-of-contents lines that fit a page.
const TOC_LINES: usize = 34;
const TEXT: f32 = 10.0;
/// The height of a page's body, in mm.
const PAGE_BODY: f32 = 230.0;

pub fn write_pdf(conn: &Connection, fy: FiscalYear, lang: Lang) -> Result<Rendered> {
    let org = settings::require(conn)?.name;
    let parts = parts(conn, fy, lang)?;
    let title = match lang {
        Lang::Fr => format!("Rapport annuel {}", fy.name()),
        Lang::En => format!("Annual report {}", fy.name()),
    };
    let mut doc = Document::new(&title, &org, lang)?;
    doc.set_running_header(&format!("{org} — {title}"));
    cover(&mut doc, &org, fy, lang);
    let toc_pages = parts.len().div_ceil(TOC_LINES).max(1);
    let first_toc = doc.page_number() + 1;
    for _ in 0..toc_pages {
        doc.new_page();
    }
    let mut contents = Vec::new();
    doc.new_page();
    for (i, part) in parts.iter().enumerate() {
        // A section starts on a new page unless most of the page is still free.
        if i > 0 && !doc.ensure_room(PAGE_BODY * 0.6) {
            doc.y += 10.0;
        }
        contents.push((part.title.clone(), doc.bookmark(&part.title, doc.here())));
        lay_out(&mut doc, part);
    }
    table_of_contents(&mut doc, first_toc, &contents, lang);
    let pages = doc.page_number();
    Ok(Rendered {
        bytes: doc.finish()?,
        pages,
        contents: contents
            .into_iter()
            .map(|(title, place)| (title, place.page))
            .collect(),
    })
}

fn parts(conn: &Connection, fy: FiscalYear, lang: Lang) -> Result<Vec<Section>> {
    let sections = section::for_year(conn, &fy.name())?;
    let ctx = Context { conn, fy, lang };
    let generated = |g| -> Result<Section> {
        let content = generated::content(&ctx, g)?;
        Ok(Section {
            title: content.title,
            author: String::new(),
            body: Body::Pieces(content.pieces),
        })
    };
    if sections.is_empty() {
        return DEFAULT_OUTLINE.iter().map(|g| generated(*g)).collect();
    }
    sections
        .into_iter()
        .map(|s| match (s.kind, s.generated) {
            (SectionKind::Generated, Some(g)) => {
                let mut part = generated(g)?;
                if !s.title.trim().is_empty() {
                    part.title = s.title;
                }
                Ok(part)
            }
            _ => Ok(Section {
                title: s.title,
                author: s.author,
                body: Body::Markup(markup::parse(&s.body).0),
            }),
        })
        .collect()
}

fn cover(doc: &mut Document, org: &str, fy: FiscalYear, lang: Lang) {
    let (report, year) = match lang {
        Lang::Fr => (
            "Rapport annuel",
            format!("Exercice financier {}", fy.name()),
        ),
        Lang::En => ("Annual report", format!("Fiscal year {}", fy.name())),
    };
    let span = format!(
        "{} – {}",
        lang.long_date(fy.start()),
        lang.long_date(fy.end())
    );
    doc.text(MARGIN, 90.0, org, 26.0, Weight::Bold);
    doc.rule(MARGIN, MARGIN + Document::body_width(), 96.0, 1.2);
    doc.text(MARGIN, 112.0, report, 22.0, Weight::Regular);
    doc.text(MARGIN, 124.0, &year, 14.0, Weight::Regular);
    doc.text(MARGIN, 132.0, &span, 11.0, Weight::Italic);
}

/// The contents on the pages kept for them after the cover, each line a link to its section.
fn table_of_contents(doc: &mut Document, first: usize, contents: &[(String, Place)], lang: Lang) {
    let heading = if lang == Lang::Fr {
        "Table des matières"
    } else {
        "Contents"
    };
    for (chunk, entries) in contents.chunks(TOC_LINES).enumerate() {
        doc.on_page(first + chunk, 30.0, |doc| {
            if chunk == 0 {
                doc.text(MARGIN, doc.y, heading, 18.0, Weight::Bold);
                doc.y += 6.0;
            }
            let right = MARGIN + Document::body_width();
            for (title, place) in entries {
                doc.y += 6.5;
                // The whole line, from a little above the baseline to just under it.
                doc.link(MARGIN, doc.y - 4.5, Document::body_width(), 6.0, *place);
                let number = place.page.to_string();
                let room = Document::body_width() - doc.width(&number, 11.0, Weight::Regular) - 6.0;
                let shown = doc
                    .wrap(title, room, 11.0, Weight::Regular)
                    .into_iter()
                    .next()
                    .unwrap_or_default();
                doc.text(MARGIN, doc.y, &shown, 11.0, Weight::Regular);
                let dots_from = MARGIN + doc.width(&shown, 11.0, Weight::Regular) + 2.0;
                let dots_to = right - doc.width(&number, 11.0, Weight::Regular) - 2.0;
                let dot = doc.width(".", 11.0, Weight::Regular) + 0.6;
                let count = ((dots_to - dots_from) / dot).max(0.0) as usize;
                doc.text(
                    dots_from,
                    doc.y,
                    &". ".repeat(count / 2),
                    11.0,
                    Weight::Regular,
                );
                doc.text_right(right, doc.y, &number, 11.0, Weight::Regular);
            }
        });
    }
}

fn lay_out(doc: &mut Document, part: &Section) {
    heading(doc, &part.title, &part.author);
    match &part.body {
        Body::Markup(blocks) => blocks.iter().for_each(|b| block(doc, b)),
        Body::Pieces(pieces) => pieces.iter().for_each(|p| piece(doc, p)),
    }
}

/// A section's title, and its author under it.
fn heading(doc: &mut Document, title: &str, author: &str) {
    let width = Document::body_width();
    doc.y += 2.0;
    doc.paragraph(MARGIN, width, title, 16.0, Weight::Bold);
    if !author.trim().is_empty() {
        doc.paragraph(
            MARGIN,
            width,
            &format!("— {}", author.trim()),
            10.0,
            Weight::Italic,
        );
    }
    doc.y += 3.0;
}

fn block(doc: &mut Document, b: &Block) {
    let width = Document::body_width();
    match b {
        Block::Heading { level, spans } => {
            doc.ensure_room(14.0);
            doc.y += 3.0;
            doc.rich_paragraph(
                MARGIN,
                width,
                &words(spans, Some(Weight::Bold)),
                if *level == 1 { 13.0 } else { 11.5 },
            );
            doc.y += 1.0;
        }
        Block::Paragraph(spans) => {
            doc.rich_paragraph(MARGIN, width, &words(spans, None), TEXT);
            doc.y += 2.5;
        }
        Block::List(items) => {
            for item in items {
                doc.ensure_room(6.0);
                doc.text(
                    MARGIN + 1.5,
                    doc.y + TEXT * 0.45,
                    "•",
                    TEXT,
                    Weight::Regular,
                );
                doc.rich_paragraph(MARGIN + 6.0, width - 6.0, &words(item, None), TEXT);
                doc.y += 1.0;
            }
            doc.y += 1.5;
        }
    }
}

/// The words of some spans with their weights; a link is followed by its address. A span that
/// starts right after the previous one, without a space, glues its first word to it.
fn words(spans: &[Span], force: Option<Weight>) -> Vec<(String, Weight, bool)> {
    let mut out: Vec<(String, Weight, bool)> = Vec::new();
    let mut ended_with_space = true;
    for s in spans {
        let weight = force.unwrap_or(if s.style.bold {
            Weight::Bold
        } else if s.style.italic {
            Weight::Italic
        } else {
            Weight::Regular
        });
        let text = match &s.link {
            Some(url) => format!("{} ({url})", s.text),
            None => s.text.clone(),
        };
        let glue_first = !ended_with_space && !text.starts_with(char::is_whitespace);
        for (i, w) in text.split_whitespace().enumerate() {
            out.push((w.to_owned(), weight, i == 0 && glue_first));
        }
        if !text.is_empty() {
            ended_with_space = text.ends_with(char::is_whitespace);
        }
    }
    out
}

/// One paragraph, table or chart, as every report lays it out.
pub(super) fn piece(doc: &mut Document, p: &Piece) {
    let width = Document::body_width();
    match p {
        Piece::Text(text) => {
            doc.paragraph(MARGIN, width, text, TEXT, Weight::Regular);
            doc.y += 3.0;
        }
        Piece::Table(t) => table(doc, t),
        Piece::Chart(drawing) => {
            let height = drawing.height * width / drawing.width;
            doc.ensure_room(height + 4.0);
            doc.y += 2.0;
            let used = doc.drawing(MARGIN, doc.y, width, drawing);
            doc.y += used + 4.0;
        }
    }
}

fn table(doc: &mut Document, t: &TableData) {
    let width = Document::body_width();
    doc.ensure_room(20.0);
    doc.y += 2.0;
    doc.paragraph(MARGIN, width, &t.caption, TEXT, Weight::Bold);
    doc.y += 1.5;
    let columns = t
        .columns
        .iter()
        .map(|(title, right, share)| Column {
            title: title.clone(),
            width: width * share,
            align: if *right { Align::Right } else { Align::Left },
        })
        .collect();
    Table { columns, size: 8.5 }.draw(doc, &t.rows);
    doc.y += 4.0;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_after_a_bold_phrase_stays_glued() {
        let (blocks, _) = markup::parse("Il faudra **vendre de nouveaux projets**. Merci.");
        let Block::Paragraph(spans) = &blocks[0] else {
            panic!()
        };
        let w = words(spans, None);
        let glued: Vec<&str> = w
            .iter()
            .filter(|(_, _, g)| *g)
            .map(|(t, _, _)| t.as_str())
            .collect();
        assert_eq!(glued, ["."], "{w:?}");
        assert_eq!(
            w.iter()
                .find(|(t, _, _)| t == "vendre")
                .map(|(_, wt, _)| *wt),
            Some(Weight::Bold)
        );
    }
}
