//! What the report editor shows beside a section: its HTML as it will read, and the markup's
//! problems. GeneratedSection sections show their tables and the very SVG charts the PDF draws.

use serde::Serialize;
use ts_rs::TS;

use super::generated::{self, Context, GeneratedSection, Piece, TableData};
use super::markup::{self, MarkupProblem};
use crate::error::Result;
use crate::fiscal::FiscalYear;
use crate::store::sql::Connection;
use crate::Lang;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Preview {
    pub html: String,
    pub problems: Vec<MarkupProblem>,
}

/// A written section's body as it will read.
pub fn prose(body: &str) -> Preview {
    let (blocks, problems) = markup::parse(body);
    Preview {
        html: markup::to_html(&blocks),
        problems,
    }
}

/// A generated section as computed now.
pub fn generated(
    conn: &Connection,
    fy: FiscalYear,
    which: GeneratedSection,
    lang: Lang,
) -> Result<Preview> {
    let content = generated::content(&Context { conn, fy, lang }, which)?;
    let mut html = format!("<h3>{}</h3>", escape(&content.title));
    for piece in &content.pieces {
        match piece {
            Piece::Text(text) => html.push_str(&format!("<p>{}</p>", escape(text))),
            Piece::Table(t) => html.push_str(&table(t)),
            Piece::Chart(drawing) => html.push_str(&format!(
                "<figure class=\"chart\">{}</figure>",
                drawing.to_svg()
            )),
        }
    }
    Ok(Preview {
        html,
        problems: vec![],
    })
}

fn table(t: &TableData) -> String {
    let class = |right: bool| if right { " class=\"num\"" } else { "" };
    let head: String = t
        .columns
        .iter()
        .map(|(title, right, _)| format!("<th{}>{}</th>", class(*right), escape(title)))
        .collect();
    let body: String = t
        .rows
        .iter()
        .map(|(cells, bold)| {
            let cells: String = t
                .columns
                .iter()
                .zip(cells)
                .map(|((_, right, _), c)| format!("<td{}>{}</td>", class(*right), escape(c)))
                .collect();
            if *bold {
                format!("<tr class=\"total\">{cells}</tr>")
            } else {
                format!("<tr>{cells}</tr>")
            }
        })
        .collect();
    format!("<table class=\"report\"><caption>{}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>", escape(&t.caption))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
