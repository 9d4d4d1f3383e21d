//! The annual report's outline for a fiscal year: its sections in order. A year without one
//! starts from [`DEFAULT_OUTLINE`], every generated section in the seed's order.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::generated::GeneratedSection;
use crate::clock;
use crate::error::{changed, Error, Invalid, OrNotFound, Problem, Result};
use crate::fiscal::FiscalYear;
use crate::organisation::settings;
use crate::store::sql::{params, Connection, OptionalExtension, Row};
use crate::text::{free_text, text_enum};

text_enum! {
    pub enum SectionKind {
        Prose => "prose",
        Generated => "generated",
        Errata => "errata",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Section {
    pub id: i64,
    pub fiscal_year: String,
    pub position: u32,
    pub kind: SectionKind,
    pub generated: Option<GeneratedSection>,
    pub title: String,
    /// The committee or team that wrote it.
    pub author: String,
    pub body: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct SectionInput {
    pub fiscal_year: String,
    pub kind: SectionKind,
    #[serde(default)]
    pub generated: Option<GeneratedSection>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub body: String,
}

/// The generated sections, in the order of the seed's financial report.
pub const DEFAULT_OUTLINE: &[GeneratedSection] = &[
    GeneratedSection::Financial,
    GeneratedSection::Receivables,
    GeneratedSection::RevenueByDepartment,
    GeneratedSection::ExpenseDistribution,
    GeneratedSection::Cashflow,
    GeneratedSection::NetWorth,
    GeneratedSection::Statements,
    GeneratedSection::Workforce,
    GeneratedSection::Budget,
    GeneratedSection::WorkDistribution,
    GeneratedSection::Legal,
];

/// Larger bodies are refused: a section is a few pages of text.
const MAX_BODY: usize = 100_000;

/// Adds a section at the end of the year's outline.
pub fn create(conn: &Connection, input: &SectionInput) -> Result<Section> {
    let fy = settings::fiscal_year(conn, &input.fiscal_year)?;
    let (title, author, body) = check(input)?;
    let next: u32 = conn.query_row(
        "SELECT coalesce(max(position) + 1, 0) FROM report_sections WHERE fiscal_year_start = ?1",
        [fy.start()],
        |r| r.get(0),
    )?;
    let inserted: i64 = conn.query_row(
        "INSERT INTO report_sections (fiscal_year_start, position, kind, generated, title, author, body, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) RETURNING id",
        params![fy.start(), next, input.kind, input.generated, title, author, body, clock::now()], |r| r.get(0))?;
    get(conn, inserted)
}

pub fn update(conn: &Connection, id: i64, input: &SectionInput) -> Result<Section> {
    let (title, author, body) = check(input)?;
    let n = conn.execute(
        "UPDATE report_sections SET kind = ?2, generated = ?3, title = ?4, author = ?5, body = ?6, updated_at = ?7 WHERE id = ?1",
        params![id, input.kind, input.generated, title, author, body, clock::now()],
    )?;
    changed(n, "report section", id)?;
    get(conn, id)
}

fn check(input: &SectionInput) -> Result<(String, String, String)> {
    if (input.kind == SectionKind::Generated) != input.generated.is_some() {
        return Err(Invalid::new("generated", Problem::GeneratedSection).into());
    }
    if input.kind != SectionKind::Generated && input.title.trim().is_empty() {
        return Err(Invalid::new("title", Problem::Required).into());
    }
    if input.body.len() > MAX_BODY {
        return Err(Invalid::new(
            "body",
            Problem::TooLong {
                count: input.body.chars().count() as i64,
                max: MAX_BODY as i64,
            },
        )
        .into());
    }
    Ok((
        free_text("title", &input.title)?,
        free_text("author", &input.author)?,
        input.body.trim_end().to_owned(),
    ))
}

/// Moves a section one place up (`-1`) or down (`1`) in its year's outline.
pub fn shift(conn: &Connection, id: i64, by: i32) -> Result<Vec<Section>> {
    let section = get(conn, id)?;
    let list = for_year(conn, &section.fiscal_year)?;
    let index = list.iter().position(|s| s.id == id).unwrap_or(0) as i64;
    let target = index + i64::from(by.signum());
    if let Some(other) = usize::try_from(target).ok().and_then(|t| list.get(t)) {
        // Through a free position: (year, position) is not unique but stays tidy this way.
        conn.execute(
            "UPDATE report_sections SET position = ?2 WHERE id = ?1",
            params![id, other.position],
        )?;
        conn.execute(
            "UPDATE report_sections SET position = ?2 WHERE id = ?1",
            params![other.id, section.position],
        )?;
    }
    for_year(conn, &section.fiscal_year)
}

pub fn remove(conn: &Connection, id: i64) -> Result<()> {
    let n = conn.execute("DELETE FROM report_sections WHERE id = ?1", [id])?;
    changed(n, "report section", id)
}

const SELECT: &str = "SELECT id, fiscal_year_start, position, kind, generated, title, author, body FROM report_sections";

pub fn get(conn: &Connection, id: i64) -> Result<Section> {
    let start_month = settings::require(conn)?.fiscal_year_start_month;
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], |r| {
        row(r, start_month)
    })
    .optional()?
    .or_not_found("report section", id)
}

pub fn for_year(conn: &Connection, fiscal_year: &str) -> Result<Vec<Section>> {
    let fy = settings::fiscal_year(conn, fiscal_year)?;
    let start_month = settings::require(conn)?.fiscal_year_start_month;
    let rows = conn
        .prepare_cached(&format!(
            "{SELECT} WHERE fiscal_year_start = ?1 ORDER BY position, id"
        ))?
        .query_map([fy.start()], |r| row(r, start_month))?
        .collect::<crate::store::sql::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Gives a year without an outline the default one; a year that has one keeps it.
pub fn start_outline(conn: &Connection, fiscal_year: &str) -> Result<Vec<Section>> {
    if !for_year(conn, fiscal_year)?.is_empty() {
        return Err(Error::Refused(Problem::ReportHasSections {
            fiscal_year: fiscal_year.to_string(),
        }));
    }
    for g in DEFAULT_OUTLINE {
        create(
            conn,
            &SectionInput {
                fiscal_year: fiscal_year.to_owned(),
                kind: SectionKind::Generated,
                generated: Some(*g),
                title: String::new(),
                author: String::new(),
                body: String::new(),
            },
        )?;
    }
    for_year(conn, fiscal_year)
}

fn row(r: &Row, start_month: u32) -> crate::store::sql::Result<Section> {
    let start: chrono::NaiveDate = r.get(1)?;
    Ok(Section {
        id: r.get(0)?,
        fiscal_year: FiscalYear::containing(start, start_month).name(),
        position: r.get(2)?,
        kind: r.get(3)?,
        generated: r.get(4)?,
        title: r.get(5)?,
        author: r.get(6)?,
        body: r.get(7)?,
    })
}
