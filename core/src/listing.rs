//! Lists that the UI pages through by key, never by OFFSET, so that page 50 costs what page 1
//! costs and a record added meanwhile does not shift the pages.

use crate::store::sql::{Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Invalid, Problem, Result};
use crate::store::sql::Value;
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
    pub fn fetch<T>(
        &self,
        conn: &Connection,
        query: &ListQuery,
        map: impl Fn(&Row) -> crate::store::sql::Result<T>,
    ) -> Result<Page<T>> {
        let limit = query.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
        let mut conditions: Vec<String> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        if !query.include_archived {
            conditions.push(format!("{} IS NULL", self.archived));
        }
        for word in query
            .search
            .as_deref()
            .map(fold)
            .unwrap_or_default()
            .split_whitespace()
        {
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
        sql.push_str(&format!(
            " ORDER BY {}, {} LIMIT {}",
            self.key,
            self.id,
            limit + 1
        ));
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(crate::store::sql::params_from_iter(values))?;
        let mut items = Vec::new();
        let mut next = None;
        let mut last = None;
        while let Some(row) = rows.next()? {
            if items.len() as u32 == limit {
                next = last.take();
                break;
            }
            last = Some(Cursor {
                key: row.get("sort_key")?,
                id: row.get("id")?,
            });
            items.push(map(&row)?);
        }
        Ok(Page { items, next })
    }
}

/// One page of a period's dated records (expenses, other income), newest first, with the count
/// and total of the whole period: the screen shows the year's total whatever it has loaded.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DatedPage<T> {
    pub items: Vec<T>,
    /// Present when more rows follow; pass it back as `after`.
    pub next: Option<Cursor>,
    pub count: u32,
    pub total: crate::Cents,
    /// The period's GST and QST paid, for the records that keep them apart (expenses); zero
    /// for the others.
    pub gst: crate::Cents,
    pub qst: crate::Cents,
}

/// The table a dated page reads: its columns for the rows, its date and its amount.
pub(crate) struct Dated<'a> {
    /// `SELECT <columns> FROM <table>`, the row mapper's columns.
    pub select: &'a str,
    pub table: &'a str,
    pub date: &'a str,
    pub amount: &'a str,
    /// The GST and QST columns, when the table has them.
    pub taxes: Option<(&'a str, &'a str)>,
    /// Columns that must hold these values, e.g. the expenses of one category and one team.
    pub only: Vec<(&'a str, Value)>,
}

impl Dated<'_> {
    /// The records dated from `from` to `to`, after the cursor, `limit` at most (capped at
    /// [`MAX_PAGE`]); read by key from the date's index.
    pub fn fetch<T>(
        &self,
        conn: &Connection,
        (from, to): (chrono::NaiveDate, chrono::NaiveDate),
        after: Option<&Cursor>,
        limit: u32,
        map: impl Fn(&Row) -> crate::store::sql::Result<T>,
    ) -> Result<DatedPage<T>> {
        let limit = limit.clamp(1, MAX_PAGE);
        let mut filter = format!("{} BETWEEN ?1 AND ?2", self.date);
        let mut values = vec![Value::Text(from.to_string()), Value::Text(to.to_string())];
        for (column, value) in &self.only {
            values.push(value.clone());
            filter.push_str(&format!(" AND {column} = ?{}", values.len()));
        }
        let (gst, qst) = self.taxes.unwrap_or(("0", "0"));
        let (count, total, gst, qst) = conn
            .prepare_cached(&format!(
                "SELECT count(*), coalesce(sum({}), 0), coalesce(sum({gst}), 0), coalesce(sum({qst}), 0) FROM {} WHERE {filter}",
                self.amount, self.table
            ))?
            .query_row(crate::store::sql::params_from_iter(&values), |r| {
                Ok((r.get(0)?, crate::Cents(r.get(1)?), crate::Cents(r.get(2)?), crate::Cents(r.get(3)?)))
            })?;
        // Newest first, as a person recording this week's receipts expects to find them.
        let (key, id) = after.map_or(("9999-12-31".to_owned(), i64::MAX), |c| {
            (c.key.clone(), c.id)
        });
        let n = values.len();
        let sql = format!(
            "{} WHERE {filter} AND ({date}, id) < (?{}, ?{}) ORDER BY {date} DESC, id DESC LIMIT ?{}",
            self.select,
            n + 1,
            n + 2,
            n + 3,
            date = self.date
        );
        values.extend([
            Value::Text(key),
            Value::Integer(id),
            Value::Integer(i64::from(limit) + 1),
        ]);
        let mut items: Vec<(Cursor, T)> = conn
            .prepare_cached(&sql)?
            .query_map(crate::store::sql::params_from_iter(&values), |r| {
                Ok((
                    Cursor {
                        key: r.get(self.date)?,
                        id: r.get("id")?,
                    },
                    map(r)?,
                ))
            })?
            .collect::<crate::store::sql::Result<_>>()?;
        let next = if items.len() > limit as usize {
            items.truncate(limit as usize);
            items.last().map(|(cursor, _)| cursor.clone())
        } else {
            None
        };
        Ok(DatedPage {
            items: items.into_iter().map(|(_, item)| item).collect(),
            next,
            count,
            total,
            gst,
            qst,
        })
    }
}

/// The id of the one row `sql` selects, given a name as a person typed it on the command line
/// (`sql` compares `name_key` with `?1`, the folded name, and may take more parameters after
/// it): none is `unknown`, several are `NamedTwice`, both said of `field`.
pub(crate) fn one_named(
    conn: &Connection,
    sql: &str,
    name: &str,
    more: &[&dyn rusqlite::ToSql],
    field: &'static str,
    unknown: Problem,
) -> Result<i64> {
    let key = fold(name);
    let mut params: Vec<&dyn rusqlite::ToSql> = vec![&key];
    params.extend_from_slice(more);
    let ids: Vec<i64> = conn
        .prepare_cached(sql)?
        .query_map(params.as_slice(), |r| r.get(0))?
        .collect::<crate::store::sql::Result<_>>()?;
    match ids.as_slice() {
        [id] => Ok(*id),
        [] => Err(Invalid::new(field, unknown).into()),
        _ => Err(Invalid::new(
            field,
            Problem::NamedTwice {
                name: name.trim().to_owned(),
                count: ids.len() as i64,
            },
        )
        .into()),
    }
}

/// The names in `table` (archived rows too) whose folded `name_key` is the one of `name`:
/// what a screen warns about before creating a client or a member of that name.
pub(crate) fn namesakes(conn: &Connection, table: &'static str, name: &str) -> Result<Vec<String>> {
    let key = crate::text::same_name_key(name);
    if key.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT name FROM {table} WHERE {} = ?1 ORDER BY name_key, id",
        crate::text::same_name_sql("name_key")
    );
    let names = conn
        .prepare_cached(&sql)?
        .query_map([key], |r| r.get(0))?
        .collect::<crate::store::sql::Result<_>>()?;
    Ok(names)
}

pub(crate) fn escape_like(word: &str) -> String {
    word.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Sets or clears `archived_at` on one row of `table`. Archived records stay for the records
/// that point to them, and drop out of lists and pickers.
pub(crate) fn set_archived(
    conn: &crate::store::Connection,
    table: &'static str,
    entity: &'static str,
    id: i64,
    archived: bool,
) -> crate::Result<()> {
    let stamp = archived.then(crate::clock::now);
    let rows = conn.execute(
        &format!("UPDATE {table} SET archived_at = ?1 WHERE id = ?2"),
        rusqlite::params![stamp, id],
    )?;
    crate::error::changed(rows, entity, id)
}

#[cfg(test)]
mod tests {
    use crate::finance::expense;
    use crate::store::Store;

    #[test]
    fn a_years_expenses_come_by_pages_that_add_up_to_the_year() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .write(|tx| crate::demo::create(tx, crate::demo::DEFAULT_SEED))
            .unwrap();
        let conn = store.conn();
        let year = ("2012-09-01".parse().unwrap(), "2013-08-31".parse().unwrap());
        let (count, total): (u32, i64) = conn
            .query_row("SELECT count(*), sum(amount_cents) FROM expenses WHERE spent_on BETWEEN '2012-09-01' AND '2013-08-31'", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert!(
            count > 100,
            "the demo year has {count} expenses: several pages"
        );
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let page = expense::page(conn, year, &Default::default(), after.as_ref(), 50).unwrap();
            assert!(page.items.len() <= 50);
            assert_eq!(
                (page.count, page.total.0),
                (count, total),
                "every page carries the year's count and total"
            );
            seen.extend(page.items.iter().map(|e| (e.spent_on, e.id)));
            match page.next {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        assert_eq!(seen.len() as u32, count);
        assert!(
            seen.windows(2).all(|w| w[0] > w[1]),
            "newest first, none twice"
        );
        let huge = expense::page(conn, year, &Default::default(), None, 100_000).unwrap();
        assert_eq!(
            huge.items.len() as u32,
            super::MAX_PAGE.min(count),
            "a page never exceeds the cap"
        );
        let category: i64 = conn
            .query_row(
                "SELECT category_id FROM expenses GROUP BY category_id ORDER BY count(*) LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let one = expense::page(
            conn,
            year,
            &expense::ExpenseFilter {
                category: Some(category),
                ..Default::default()
            },
            None,
            500,
        )
        .unwrap();
        assert!(one.items.iter().all(|e| e.category_id == category) && one.count < count);
    }
}
