//! Revenue departments and expense categories: short lists, pre-filled from the brief, named in
//! both languages, that the organisation can extend, rename and archive.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{changed, Invalid, OrNotFound, Problem, Result};
use crate::lang::Lang;
use crate::store::sql::{params, Connection, Row};
use crate::text::{required, text_enum};

text_enum! {
    pub enum Catalog { RevenueDepartments => "revenue_departments", ExpenseCategories => "expense_categories" }
}

impl Catalog {
    /// The codes are the table names.
    fn table(self) -> &'static str {
        self.code()
    }

    fn entity(self) -> &'static str {
        match self {
            Catalog::RevenueDepartments => "revenue department",
            Catalog::ExpenseCategories => "expense category",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Entry {
    pub id: i64,
    /// A stable code (`sysadmin_contracts`, `legal`) used in exports and `konbit stats`.
    pub code: String,
    pub name_fr: String,
    pub name_en: String,
    pub archived: bool,
}

impl Entry {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.name_fr,
            Lang::En => &self.name_en,
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct EntryInput {
    pub code: String,
    pub name_fr: String,
    pub name_en: String,
}

/// The whole list in its set order; these lists are short.
pub fn list(conn: &Connection, catalog: Catalog, include_archived: bool) -> Result<Vec<Entry>> {
    let sql = format!("SELECT id, code, name_fr, name_en, archived_at FROM {} WHERE ?1 OR archived_at IS NULL ORDER BY position, id", catalog.table());
    let entries = conn
        .prepare_cached(&sql)?
        .query_map([include_archived], from_row)?
        .collect::<crate::store::sql::Result<Vec<_>>>()?;
    Ok(entries)
}

pub fn get(conn: &Connection, catalog: Catalog, id: i64) -> Result<Entry> {
    let sql = format!(
        "SELECT id, code, name_fr, name_en, archived_at FROM {} WHERE id = ?1",
        catalog.table()
    );
    conn.query_row(&sql, [id], from_row)
        .or_not_found(catalog.entity(), id)
}

pub fn create(conn: &Connection, catalog: Catalog, input: &EntryInput) -> Result<Entry> {
    let e = validated(conn, catalog, input, None)?;
    let sql =
        format!("INSERT INTO {0} (code, name_fr, name_en, position) VALUES (?1, ?2, ?3, (SELECT coalesce(max(position), 0) + 1 FROM {0})) RETURNING id", catalog.table());
    let id: i64 = conn.query_row(&sql, params![e.code, e.name_fr, e.name_en], |r| r.get(0))?;
    get(conn, catalog, id)
}

pub fn update(conn: &Connection, catalog: Catalog, id: i64, input: &EntryInput) -> Result<Entry> {
    let e = validated(conn, catalog, input, Some(id))?;
    let sql = format!(
        "UPDATE {} SET code = ?1, name_fr = ?2, name_en = ?3 WHERE id = ?4",
        catalog.table()
    );
    changed(
        conn.execute(&sql, params![e.code, e.name_fr, e.name_en, id])?,
        catalog.entity(),
        id,
    )?;
    get(conn, catalog, id)
}

pub fn set_archived(conn: &Connection, catalog: Catalog, id: i64, archived: bool) -> Result<Entry> {
    crate::listing::set_archived(conn, catalog.table(), catalog.entity(), id, archived)?;
    get(conn, catalog, id)
}

fn validated(
    conn: &Connection,
    catalog: Catalog,
    input: &EntryInput,
    id: Option<i64>,
) -> Result<EntryInput> {
    let code = input.code.trim().to_lowercase();
    if code.is_empty()
        || code.len() > 40
        || !code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err(Invalid::new(
            "code",
            Problem::BadCode {
                example: "sysadmin_contracts".into(),
            },
        )
        .into());
    }
    let sql = format!(
        "SELECT EXISTS (SELECT 1 FROM {} WHERE code = ?1 AND id IS DISTINCT FROM ?2)",
        catalog.table()
    );
    if conn.query_row(&sql, params![code, id], |row| row.get::<_, bool>(0))? {
        return Err(Invalid::new(
            "code",
            Problem::Taken {
                value: code.to_string(),
            },
        )
        .into());
    }
    Ok(EntryInput {
        code,
        name_fr: required("name_fr", &input.name_fr)?,
        name_en: required("name_en", &input.name_en)?,
    })
}

fn from_row(row: &Row) -> crate::store::sql::Result<Entry> {
    Ok(Entry {
        id: row.get(0)?,
        code: row.get(1)?,
        name_fr: row.get(2)?,
        name_en: row.get(3)?,
        archived: row.get::<_, Option<String>>(4)?.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn prefilled_from_the_brief() {
        let store = Store::open_in_memory().unwrap();
        let codes = |c| {
            list(store.conn(), c, false)
                .unwrap()
                .into_iter()
                .map(|e| e.code)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            codes(Catalog::RevenueDepartments),
            [
                "webdev",
                "hosting",
                "sysadmin_contracts",
                "sysadmin_consulting",
                "obnl_civicrm",
                "grants",
                "other"
            ]
        );
        assert_eq!(
            codes(Catalog::ExpenseCategories),
            [
                "payroll",
                "freelancers",
                "rent",
                "servers",
                "legal",
                "travel",
                "equipment",
                "fees",
                "other",
                "barter"
            ]
        );
    }

    #[test]
    fn extend_rename_archive() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let input = EntryInput {
            code: "formation".into(),
            name_fr: "Formation".into(),
            name_en: "Training".into(),
        };
        let e = create(conn, Catalog::RevenueDepartments, &input).unwrap();
        assert_eq!(
            list(conn, Catalog::RevenueDepartments, false)
                .unwrap()
                .last(),
            Some(&e)
        );
        assert_eq!(
            create(conn, Catalog::RevenueDepartments, &input)
                .unwrap_err()
                .field(),
            Some("code")
        );
        set_archived(conn, Catalog::RevenueDepartments, e.id, true).unwrap();
        assert_eq!(
            list(conn, Catalog::RevenueDepartments, false)
                .unwrap()
                .len(),
            7
        );
        assert_eq!(
            list(conn, Catalog::RevenueDepartments, true).unwrap().len(),
            8
        );
        let renamed = update(
            conn,
            Catalog::RevenueDepartments,
            e.id,
            &EntryInput {
                name_fr: "Formations".into(),
                ..input
            },
        )
        .unwrap();
        assert_eq!(renamed.name(Lang::Fr), "Formations");
    }
}
