//! The office's server behind [`Connection`](super::Connection): the services' `?N` become
//! PostgreSQL's `$N`, and each value is converted by the type the server declares for it.
//!
//! The server's columns have PostgreSQL's own types (`bigint`, `date`, `timestamptz`,
//! `boolean`, `bytea`), so plain SQL on it reads naturally; the replica keeps SQLite's. The
//! conversion is exact both ways for what Konbit stores: dates as `YYYY-MM-DD`, instants as
//! RFC 3339 in UTC with milliseconds (`clock::now`), flags as 0 and 1, cents as integers.

use std::cell::RefCell;
use std::collections::HashMap;
use std::error::Error as StdError;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use postgres::types::{to_sql_checked, FromSql as PgFromSql, IsNull, ToSql as PgToSql, Type};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::{Error, Result, ToSql, Value};

type BoxError = Box<dyn StdError + Sync + Send>;

/// One login's session on the office's PostgreSQL database.
pub struct Server {
    client: RefCell<postgres::Client>,
    statements: RefCell<HashMap<String, postgres::Statement>>,
}

impl Server {
    /// Connects with a libpq-style URL or key=value string (`postgresql://login@host:port/db`);
    /// the password comes from the URL or `PGPASSWORD`, as with libpq's own tools.
    pub fn connect(url: &str) -> Result<Server> {
        Server::connect_as(url, None)
    }

    /// Like [`connect`](Self::connect), with the password the person typed, before the URL's
    /// and `PGPASSWORD`.
    pub fn connect_as(url: &str, password: Option<&str>) -> Result<Server> {
        let mut config = postgres::Config::from_str(url)?;
        if let Some(password) = password {
            config.password(password);
        } else if config.get_password().is_none() {
            if let Ok(password) = std::env::var("PGPASSWORD") {
                config.password(password);
            }
        }
        config.application_name("konbit");
        let client = config.connect(postgres::NoTls)?;
        Ok(Server {
            client: RefCell::new(client),
            statements: RefCell::new(HashMap::new()),
        })
    }

    /// The statement for `sql`, prepared once per session: PostgreSQL plans it at the first
    /// call and keeps the plan.
    pub(super) fn prepare(&self, sql: &str) -> Result<Prepared<'_>> {
        let kept = self.statements.borrow().get(sql).cloned();
        let statement = match kept {
            Some(statement) => statement,
            None => {
                let statement = self
                    .client
                    .borrow_mut()
                    .prepare(&dollar_placeholders(sql))
                    .inspect_err(|e| trace(sql, e))?;
                self.statements
                    .borrow_mut()
                    .insert(sql.to_owned(), statement.clone());
                statement
            }
        };
        Ok(Prepared {
            server: self,
            statement,
        })
    }

    pub(super) fn execute(&self, sql: &str, params: &[&dyn ToSql]) -> Result<usize> {
        self.prepare(sql)?.execute(params)
    }

    pub(super) fn execute_batch(&self, sql: &str) -> Result<()> {
        // A batch may create or drop what a kept statement refers to.
        self.statements.borrow_mut().clear();
        Ok(self.client.borrow_mut().batch_execute(sql)?)
    }
}

/// A statement prepared on the server.
pub struct Prepared<'c> {
    server: &'c Server,
    statement: postgres::Statement,
}

impl Prepared<'_> {
    pub(super) fn execute(&mut self, params: &[&dyn ToSql]) -> Result<usize> {
        let values = self.bind(params)?;
        let refs = refs(&values);
        let changed = self
            .server
            .client
            .borrow_mut()
            .execute(&self.statement, &refs)?;
        Ok(usize::try_from(changed).unwrap_or(usize::MAX))
    }

    pub(super) fn column_names(&self) -> Vec<String> {
        self.statement
            .columns()
            .iter()
            .map(|c| c.name().to_owned())
            .collect()
    }

    pub(super) fn query(&mut self, params: &[&dyn ToSql]) -> Result<Vec<Vec<Value>>> {
        let values = self.bind(params)?;
        let refs = refs(&values);
        let rows = self
            .server
            .client
            .borrow_mut()
            .query(&self.statement, &refs)?;
        rows.iter()
            .map(|row| {
                (0..row.len())
                    .map(|i| {
                        row.try_get::<_, Column>(i)
                            .map(|c| c.0)
                            .map_err(Error::from)
                    })
                    .collect()
            })
            .collect()
    }

    /// The services' values as SQLite sees them, checked against the statement's parameter count.
    fn bind(&self, params: &[&dyn ToSql]) -> Result<Vec<Param>> {
        let expected = self.statement.params().len();
        if params.len() != expected {
            return Err(Error::Conversion {
                index: params.len(),
                detail: format!("{} values for {expected} parameters", params.len()),
            });
        }
        params
            .iter()
            .enumerate()
            .map(|(index, p)| {
                let value = match p.to_sql() {
                    Ok(rusqlite::types::ToSqlOutput::Borrowed(v)) => owned(v),
                    Ok(rusqlite::types::ToSqlOutput::Owned(v)) => v,
                    Ok(other) => {
                        return Err(Error::Conversion {
                            index,
                            detail: format!("{other:?} cannot be sent to the server"),
                        })
                    }
                    Err(e) => return Err(Error::from(e)),
                };
                Ok(Param(value))
            })
            .collect()
    }
}

fn owned(v: rusqlite::types::ValueRef<'_>) -> Value {
    use rusqlite::types::ValueRef;
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Integer(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}

/// Writes `v` as the server's binary form of `ty`; one name for it, as rusqlite's `ToSql` is
/// in scope too.
fn put<T: PgToSql>(v: T, ty: &Type, out: &mut bytes::BytesMut) -> Result<IsNull, BoxError> {
    v.to_sql(ty, out)
}

fn take<'a, T: PgFromSql<'a>>(ty: &Type, raw: &'a [u8]) -> Result<T, BoxError> {
    T::from_sql(ty, raw)
}

fn refs(values: &[Param]) -> Vec<&(dyn PgToSql + Sync)> {
    values.iter().map(|v| v as &(dyn PgToSql + Sync)).collect()
}

/// `KONBIT_TRACE_SQL=1` prints each statement the server refused to prepare, for whoever ports
/// a service's SQL.
fn trace(sql: &str, e: &postgres::Error) {
    if std::env::var_os("KONBIT_TRACE_SQL").is_some() {
        eprintln!("konbit: the server refused\n{sql}\n: {}", describe(e));
    }
}

/// The server's own words: its message, detail and hint, where `Display` says only "db error".
pub(super) fn describe(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut text = db.message().to_owned();
            if let Some(detail) = db.detail() {
                text.push_str(&format!(" ({detail})"));
            }
            if let Some(hint) = db.hint() {
                text.push_str(&format!("; {hint}"));
            }
            text
        }
        // "invalid configuration" alone does not say what: its cause does ("password missing").
        None => {
            let mut text = e.to_string();
            let mut cause = std::error::Error::source(e);
            while let Some(c) = cause {
                text.push_str(&format!(": {c}"));
                cause = c.source();
            }
            text
        }
    }
}

/// The words of a `RAISE EXCEPTION` in one of the server's triggers.
pub(super) fn rule(e: &postgres::Error) -> Option<&str> {
    let db = e.as_db_error()?;
    (db.code() == &postgres::error::SqlState::RAISE_EXCEPTION).then(|| db.message())
}

pub(super) fn not_allowed(e: &postgres::Error) -> Option<String> {
    let db = e.as_db_error()?;
    (db.code() == &postgres::error::SqlState::INSUFFICIENT_PRIVILEGE)
        .then(|| db.message().to_owned())
}

/// Class 23 of SQLSTATE: integrity constraint violations.
pub(super) fn is_constraint(e: &postgres::Error) -> bool {
    e.as_db_error()
        .is_some_and(|db| db.code().code().starts_with("23"))
}

/// `?N` as `$N`, and a bare `?` as the next number, outside quotes and comments.
pub(super) fn dollar_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    let mut next = 1u32;
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == c {
                        break;
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == '\n' {
                        break;
                    }
                }
            }
            '?' => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                let n = digits.parse().unwrap_or(next);
                next = next.max(n + 1);
                out.push('$');
                out.push_str(&n.to_string());
            }
            _ => out.push(c),
        }
    }
    out
}

/// A value on its way to the server, converted to the parameter's declared type.
#[derive(Debug)]
struct Param(Value);

impl PgToSql for Param {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> Result<IsNull, BoxError> {
        match &self.0 {
            Value::Null => Ok(IsNull::Yes),
            Value::Integer(i) => integer_to_sql(*i, ty, out),
            Value::Real(f) => match *ty {
                Type::FLOAT8 => put(f, ty, out),
                Type::FLOAT4 => put(*f as f32, ty, out),
                Type::NUMERIC => put(Decimal::try_from(*f)?, ty, out),
                _ => text_to_sql(&f.to_string(), ty, out),
            },
            Value::Text(s) => text_to_sql(s, ty, out),
            Value::Blob(b) => put(b.as_slice(), ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

fn integer_to_sql(i: i64, ty: &Type, out: &mut bytes::BytesMut) -> Result<IsNull, BoxError> {
    match *ty {
        Type::INT8 => put(i, ty, out),
        Type::INT4 => put(i32::try_from(i)?, ty, out),
        Type::INT2 => put(i16::try_from(i)?, ty, out),
        Type::BOOL => match i {
            0 => put(false, ty, out),
            1 => put(true, ty, out),
            _ => Err(format!("{i} is not a yes (1) or no (0)").into()),
        },
        Type::NUMERIC => put(Decimal::from(i), ty, out),
        Type::FLOAT8 => put(i as f64, ty, out),
        _ => text_to_sql(&i.to_string(), ty, out),
    }
}

fn text_to_sql(s: &str, ty: &Type, out: &mut bytes::BytesMut) -> Result<IsNull, BoxError> {
    match *ty {
        Type::DATE => put(NaiveDate::parse_from_str(s, "%Y-%m-%d")?, ty, out),
        Type::TIMESTAMPTZ => put(instant(s)?, ty, out),
        Type::INT8 => put(s.parse::<i64>()?, ty, out),
        Type::INT4 => put(s.parse::<i32>()?, ty, out),
        Type::NUMERIC => put(Decimal::from_str(s)?, ty, out),
        Type::BOOL => match s {
            "0" => put(false, ty, out),
            "1" => put(true, ty, out),
            _ => Err(format!("{s:?} is not a yes (1) or no (0)").into()),
        },
        Type::JSONB => {
            // jsonb's binary form: a version byte, then the text.
            out.extend_from_slice(&[1]);
            out.extend_from_slice(s.as_bytes());
            Ok(IsNull::No)
        }
        Type::BYTEA => put(s.as_bytes(), ty, out),
        _ => put(s, ty, out),
    }
}

/// An instant as Konbit writes it (`clock::now`: RFC 3339), or as SQLite's `datetime()` does.
fn instant(s: &str) -> Result<DateTime<Utc>, BoxError> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    let naive = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f")?;
    Ok(naive.and_utc())
}

/// A column read from the server, as the value SQLite would hold.
struct Column(Value);

impl<'a> PgFromSql<'a> for Column {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        let value = match *ty {
            Type::BOOL => Value::Integer(i64::from(take::<bool>(ty, raw)?)),
            Type::INT2 => Value::Integer(i64::from(take::<i16>(ty, raw)?)),
            Type::INT4 => Value::Integer(i64::from(take::<i32>(ty, raw)?)),
            Type::INT8 => Value::Integer(take::<i64>(ty, raw)?),
            Type::OID => Value::Integer(i64::from(take::<u32>(ty, raw)?)),
            Type::FLOAT4 => Value::Real(f64::from(take::<f32>(ty, raw)?)),
            Type::FLOAT8 => Value::Real(take::<f64>(ty, raw)?),
            // sum() of bigint answers numeric: whole numbers stay integers, as in SQLite.
            Type::NUMERIC => {
                let d = take::<Decimal>(ty, raw)?;
                match d.fract().is_zero().then(|| d.to_i64()).flatten() {
                    Some(i) => Value::Integer(i),
                    None => Value::Real(d.to_f64().ok_or("a number too large")?),
                }
            }
            Type::DATE => Value::Text(take::<NaiveDate>(ty, raw)?.format("%Y-%m-%d").to_string()),
            Type::TIMESTAMPTZ => Value::Text(
                take::<DateTime<Utc>>(ty, raw)?.to_rfc3339_opts(SecondsFormat::Millis, true),
            ),
            Type::BYTEA => Value::Blob(raw.to_vec()),
            Type::JSONB => Value::Text(String::from_utf8(
                raw.get(1..).unwrap_or_default().to_vec(),
            )?),
            _ => Value::Text(take::<String>(ty, raw)?),
        };
        Ok(Column(value))
    }

    fn from_sql_null(_: &Type) -> Result<Self, BoxError> {
        Ok(Column(Value::Null))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}
