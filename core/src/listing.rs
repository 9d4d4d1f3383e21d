//! Lists that the UI pages through by key, never by OFFSET, so that page 50 costs what page 1
//! costs and a record added meanwhile does not shift the pages.

use rusqlite::types::Value;
use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::text::fold;

/// The most rows one page may hold, whatever the UI asks for.
pub const MAX_PAGE: u32 = 500;
const DEFAULT_PAGE: u32 = 100;

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ListQuery {
    /// Words to look for in the name, accents and case ignored.
    #[serde(default)]
    pub search: Option<String>,
    #[serde(default)]
    pub include_archived: bool,
    /// Where the previous page ended.
    #[serde(default)]
    pub after: Option<Cursor>,
    #[serde(default)]
    pub limit: Option<u32>,
}

/// The sort key and id of the last row of a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Cursor {
    pub key: String,
    pub id: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Present when more rows follow; pass it back as `after`.
    pub next: Option<Cursor>,
}

/// The parts of a list query that differ from one table to the next.
pub(crate) struct Listing<'a> {
    /// `SELECT …, <key> AS sort_key, <table>.id AS id FROM … [JOIN …]`
    pub select: &'a str,
    /// The folded-name column, e.g. `clients.name_key`.
    pub key: &'a str,
    /// The id column, e.g. `clients.id`.
    pub id: &'a str,
    /// The archive column, e.g. `clients.archived_at`.
    pub archived: &'a str,
    /// Extra conditions with their values, e.g. `projects.client_id = ?`.
    pub filters: Vec<(&'a str, Value)>,
}

impl Listing<'_> {
    pub fn fetch<T>(&self, conn: &Connection, query: &ListQuery, map: impl Fn(&Row) -> rusqlite::Result<T>) -> Result<Page<T>> {
        let limit = query.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
        let mut conditions: Vec<String> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        if !query.include_archived {
            conditions.push(format!("{} IS NULL", self.archived));
        }
        for word in query.search.as_deref().map(fold).unwrap_or_default().split_whitespace() {
            conditions.push(format!("{} LIKE ? ESCAPE '\\'", self.key));
            values.push(Value::Text(format!("%{}%", escape_like(word))));
        }
        if let Some(after) = &query.after {
            conditions.push(format!("({}, {}) > (?, ?)", self.key, self.id));
            values.push(Value::Text(after.key.clone()));
            values.push(Value::Integer(after.id));
        }
        for (condition, value) in &self.filters {
            conditions.push((*condition).to_owned());
            values.push(value.clone());
        }
        let mut sql = self.select.to_owned();
        if !conditions.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conditions.join(" AND "));
        }
        sql.push_str(&format!(" ORDER BY {}, {} LIMIT {}", self.key, self.id, limit + 1));
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
        let mut items = Vec::new();
        let mut next = None;
        let mut last = None;
        while let Some(row) = rows.next()? {
            if items.len() as u32 == limit {
                next = last.take();
                break;
            }
            last = Some(Cursor { key: row.get("sort_key")?, id: row.get("id")? });
            items.push(map(row)?);
        }
        Ok(Page { items, next })
    }
}

fn escape_like(word: &str) -> String {
    word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// Sets or clears `archived_at` on one row of `table`. Archived records stay for the records
/// that point to them, and drop out of lists and pickers.
pub(crate) fn set_archived(
    conn: &rusqlite::Connection,
    table: &'static str,
    entity: &'static str,
    id: i64,
    archived: bool,
) -> crate::Result<()> {
    let stamp = archived.then(crate::clock::now);
    let rows = conn.execute(&format!("UPDATE {table} SET archived_at = ?1 WHERE id = ?2"), rusqlite::params![stamp, id])?;
    crate::error::changed(rows, entity, id)
}
