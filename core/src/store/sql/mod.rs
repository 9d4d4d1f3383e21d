//! The one door between the services and a database: a laptop's SQLite file, or the office's
//! PostgreSQL server (`postgres.rs`). Every service takes a [`Connection`] and runs the same SQL
//! on either, so each rule of the books is written once.
//!
//! **Why this layer and not another.** The services already speak rusqlite's small surface
//! (`execute`, `query_row`, `prepare_cached`, `query_map`, `params!`, `optional`), and their
//! values already cross it as rusqlite's [`ToSql`] and [`FromSql`]. This module keeps that
//! surface and those value traits, and puts the choice of database behind them: on SQLite it
//! passes each call through unchanged (no copy of a row, the same streaming reads the million-
//! entry benchmarks measure); on PostgreSQL it turns `?N` into `$N` and converts each value by
//! the type the server declares for that parameter or column. A query builder would have meant
//! rewriting every statement, generated SQL a second language to review; a trait object per
//! call would have cost the SQLite reads a virtual call and an allocation per row.
//!
//! **The SQL both understand** is what the services write: `?N` placeholders, `RETURNING id`
//! instead of `last_insert_rowid()`, `ON CONFLICT … DO` instead of `INSERT OR`, `IS NOT
//! DISTINCT FROM` instead of `IS` between values; the few SQLite functions they call (the
//! two-argument `min`, `julianday`, `strftime`, `group_concat`) exist on the server too
//! (`server/0004_sqlite_functions.sql`).
//! What only a file on this laptop can do (pragmas, backups, `sqlite_schema`) asks for
//! [`Connection::sqlite`] and says so when it is the server.

mod postgres;

use std::fmt;

pub use rusqlite::types::{FromSql, Value, ValueRef};
pub use rusqlite::{params, ToSql};

pub use self::postgres::Server;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a statement failed, from either database.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `query_row` found nothing: [`OptionalExtension::optional`] turns it into `None`.
    #[error("the query returned no row")]
    NoRows,
    #[error(transparent)]
    Sqlite(rusqlite::Error),
    #[error("{}", postgres::describe(.0))]
    Postgres(#[from] ::postgres::Error),
    /// A value the column holds could not become the Rust type asked for.
    #[error("column {index}: {detail}")]
    Conversion { index: usize, detail: String },
    /// A statement only a SQLite file can run was sent to the server.
    #[error("{what} works only on a file on this computer, not on the office's server")]
    LocalOnly { what: &'static str },
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::QueryReturnedNoRows => Error::NoRows,
            other => Error::Sqlite(other),
        }
    }
}

impl Error {
    /// The words of a rule the database itself enforces: a trigger's `RAISE(ABORT, …)` in
    /// SQLite, a `RAISE EXCEPTION` in PostgreSQL (the books' triggers say the same words in both).
    pub fn rule(&self) -> Option<&str> {
        match self {
            Error::Sqlite(rusqlite::Error::SqliteFailure(f, Some(message)))
                if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_TRIGGER =>
            {
                Some(message)
            }
            Error::Postgres(e) => postgres::rule(e),
            _ => None,
        }
    }

    /// A UNIQUE, CHECK, NOT NULL or foreign key constraint refused the write.
    pub fn is_constraint(&self) -> bool {
        match self {
            Error::Sqlite(e) => {
                e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
            }
            Error::Postgres(e) => postgres::is_constraint(e),
            _ => false,
        }
    }

    /// The server refused the login this statement (SQLSTATE 42501: no privilege on the table,
    /// or a row its row-level security keeps from it); the server's words.
    pub fn not_allowed(&self) -> Option<String> {
        match self {
            Error::Postgres(e) => postgres::not_allowed(e),
            _ => None,
        }
    }

    /// The SQLite failure underneath, for the store's classification of file errors.
    pub fn as_sqlite(&self) -> Option<&rusqlite::Error> {
        match self {
            Error::Sqlite(e) => Some(e),
            _ => None,
        }
    }
}

/// `query_row(…).optional()`: no row is `None`, as in rusqlite.
pub trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(Error::NoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// The values bound to a statement's `?1`, `?2`…: `params![…]`, `[a, b]`, `[]`, or
/// `params_from_iter(…)`, as rusqlite takes them.
pub trait Params {
    /// Calls `f` with the values in order, without copying them.
    fn with<R>(&self, f: impl FnOnce(&[&dyn ToSql]) -> R) -> R;
}

impl Params for &[&dyn ToSql] {
    fn with<R>(&self, f: impl FnOnce(&[&dyn ToSql]) -> R) -> R {
        f(self)
    }
}

impl Params for [&(dyn ToSql + Send + Sync); 0] {
    fn with<R>(&self, f: impl FnOnce(&[&dyn ToSql]) -> R) -> R {
        f(&[])
    }
}

impl Params for () {
    fn with<R>(&self, f: impl FnOnce(&[&dyn ToSql]) -> R) -> R {
        f(&[])
    }
}

/// A list of values of one type bound in order (`IN (?1, ?2, …)`).
pub struct ParamsFromIter<I>(I);

pub fn params_from_iter<I>(iter: I) -> ParamsFromIter<I>
where
    I: IntoIterator + Clone,
    I::Item: ToSql,
{
    ParamsFromIter(iter)
}

impl<I> Params for ParamsFromIter<I>
where
    I: IntoIterator + Clone,
    I::Item: ToSql,
{
    fn with<R>(&self, f: impl FnOnce(&[&dyn ToSql]) -> R) -> R {
        let values: Vec<I::Item> = self.0.clone().into_iter().collect();
        let refs: Vec<&dyn ToSql> = values.iter().map(|v| v as &dyn ToSql).collect();
        f(&refs)
    }
}

macro_rules! array_params {
    ($($n:literal)*) => {$(
        impl<T: ToSql> Params for [T; $n] {
            fn with<R>(&self, f: impl FnOnce(&[&dyn ToSql]) -> R) -> R {
                f(&self.each_ref().map(|v| v as &dyn ToSql))
            }
        }
        impl<T: ToSql + ?Sized> Params for &[&T; $n] {
            fn with<R>(&self, f: impl FnOnce(&[&dyn ToSql]) -> R) -> R {
                f(&self.each_ref().map(|v| v as &dyn ToSql))
            }
        }
    )*};
}
array_params!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);

/// A connection to one of the two databases.
pub struct Connection {
    inner: Inner,
    /// Who the audit log names for this connection's changes (`audit::set_actor`).
    actor: std::cell::RefCell<Option<String>>,
}

enum Inner {
    Sqlite(rusqlite::Connection),
    Postgres(Box<Server>),
}

impl fmt::Debug for Connection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner {
            Inner::Sqlite(_) => f.write_str("Connection(SQLite)"),
            Inner::Postgres(_) => f.write_str("Connection(PostgreSQL)"),
        }
    }
}

impl From<rusqlite::Connection> for Connection {
    fn from(conn: rusqlite::Connection) -> Self {
        Connection {
            inner: Inner::Sqlite(conn),
            actor: Default::default(),
        }
    }
}

impl From<Server> for Connection {
    fn from(server: Server) -> Self {
        Connection {
            inner: Inner::Postgres(Box::new(server)),
            actor: Default::default(),
        }
    }
}

impl Connection {
    /// The SQLite file underneath, for what only a file on this laptop does.
    pub fn sqlite(&self, what: &'static str) -> Result<&rusqlite::Connection> {
        match &self.inner {
            Inner::Sqlite(c) => Ok(c),
            Inner::Postgres(_) => Err(Error::LocalOnly { what }),
        }
    }

    pub fn sqlite_mut(&mut self, what: &'static str) -> Result<&mut rusqlite::Connection> {
        match &mut self.inner {
            Inner::Sqlite(c) => Ok(c),
            Inner::Postgres(_) => Err(Error::LocalOnly { what }),
        }
    }

    pub fn set_actor(&self, actor: Option<String>) {
        *self.actor.borrow_mut() = actor;
    }

    pub fn actor(&self) -> Option<String> {
        self.actor.borrow().clone()
    }

    /// The office's server, when this connection is one.
    pub fn server(&self) -> Option<&Server> {
        match &self.inner {
            Inner::Postgres(s) => Some(s),
            Inner::Sqlite(_) => None,
        }
    }

    pub fn is_server(&self) -> bool {
        self.server().is_some()
    }

    /// Runs one statement; answers how many rows it changed.
    pub fn execute<P: Params>(&self, sql: &str, params: P) -> Result<usize> {
        match &self.inner {
            Inner::Sqlite(c) => Ok(params.with(|p| c.execute(sql, p))?),
            Inner::Postgres(s) => params.with(|p| s.execute(sql, p)),
        }
    }

    /// The first row of a query, through `f`; no row is [`Error::NoRows`].
    pub fn query_row<T, P, F>(&self, sql: &str, params: P, f: F) -> Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> Result<T>,
    {
        self.prepare_cached(sql)?.query_row(params, f)
    }

    pub fn prepare(&self, sql: &str) -> Result<Statement<'_>> {
        match &self.inner {
            Inner::Sqlite(c) => Ok(Statement::Sqlite(SqliteStatement::Plain(c.prepare(sql)?))),
            Inner::Postgres(s) => Ok(Statement::Postgres(s.prepare(sql)?)),
        }
    }

    /// Like [`prepare`](Self::prepare), kept for the next call with the same SQL.
    pub fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>> {
        match &self.inner {
            Inner::Sqlite(c) => Ok(Statement::Sqlite(SqliteStatement::Cached(
                c.prepare_cached(sql)?,
            ))),
            Inner::Postgres(s) => Ok(Statement::Postgres(s.prepare(sql)?)),
        }
    }

    /// Runs `f` in one transaction, kept only if it returns `Ok`. On SQLite it is IMMEDIATE:
    /// the write lock is taken up front, so two writers never deadlock half-way. A panic in `f`
    /// rolls back too.
    pub fn transaction<T, E>(&self, f: impl FnOnce(&Connection) -> Result<T, E>) -> Result<T, E>
    where
        E: From<Error>,
    {
        // On the server, the feed's row is taken first (store/server/0003_feed.sql): writers
        // follow one another there as in the file, and each reads what the one before wrote.
        let begin = match &self.inner {
            Inner::Sqlite(_) => "BEGIN IMMEDIATE",
            Inner::Postgres(_) => "BEGIN; SELECT konbit_begin_write();",
        };
        self.execute_batch(begin)?;
        let open = Open(self);
        let value = f(self)?;
        std::mem::forget(open);
        self.execute_batch("COMMIT")?;
        Ok(value)
    }

    /// Several statements without parameters, one after the other.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match &self.inner {
            Inner::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Inner::Postgres(s) => s.execute_batch(sql),
        }
    }
}

/// A transaction begun and not yet committed: dropped on an error or a panic, it rolls back.
struct Open<'c>(&'c Connection);

impl Drop for Open<'_> {
    fn drop(&mut self) {
        // Nothing to say if it fails: the connection is then closed or the transaction was
        // already ended by the database, and nothing of it was kept either way.
        let _ = self.0.execute_batch("ROLLBACK");
    }
}

pub enum SqliteStatement<'c> {
    Plain(rusqlite::Statement<'c>),
    Cached(rusqlite::CachedStatement<'c>),
}

impl<'c> SqliteStatement<'c> {
    fn get(&mut self) -> &mut rusqlite::Statement<'c> {
        match self {
            SqliteStatement::Plain(s) => s,
            SqliteStatement::Cached(s) => s,
        }
    }
}

/// A prepared statement of either database.
pub enum Statement<'c> {
    Sqlite(SqliteStatement<'c>),
    Postgres(postgres::Prepared<'c>),
}

impl Statement<'_> {
    pub fn execute<P: Params>(&mut self, params: P) -> Result<usize> {
        match self {
            Statement::Sqlite(s) => Ok(params.with(|p| s.get().execute(p))?),
            Statement::Postgres(s) => params.with(|p| s.execute(p)),
        }
    }

    pub fn query<P: Params>(&mut self, params: P) -> Result<Rows<'_>> {
        match self {
            Statement::Sqlite(s) => Ok(Rows::Sqlite(params.with(|p| s.get().query(p))?)),
            Statement::Postgres(s) => Ok(Rows::Values {
                names: s.column_names(),
                rows: params.with(|p| s.query(p))?.into_iter(),
                current: None,
            }),
        }
    }

    /// Whether the query answers at least one row.
    pub fn exists<P: Params>(&mut self, params: P) -> Result<bool> {
        Ok(self.query(params)?.next()?.is_some())
    }

    pub fn query_row<T, P, F>(&mut self, params: P, f: F) -> Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> Result<T>,
    {
        let mut rows = self.query(params)?;
        match rows.next()? {
            Some(row) => f(&row),
            None => Err(Error::NoRows),
        }
    }

    /// Each row through `f`, read as the iterator is advanced.
    pub fn query_map<T, P, F>(&mut self, params: P, f: F) -> Result<MappedRows<'_, F>>
    where
        P: Params,
        F: FnMut(&Row<'_>) -> Result<T>,
    {
        Ok(MappedRows {
            rows: self.query(params)?,
            f,
        })
    }
}

/// The rows of a query, one at a time.
pub enum Rows<'s> {
    Sqlite(rusqlite::Rows<'s>),
    /// The server's rows, already read whole: PostgreSQL answers a query at once.
    Values {
        names: Vec<String>,
        rows: std::vec::IntoIter<Vec<Value>>,
        current: Option<Vec<Value>>,
    },
}

impl Rows<'_> {
    #[allow(clippy::should_implement_trait)] // a lending iterator: the row borrows the cursor
    pub fn next(&mut self) -> Result<Option<Row<'_>>> {
        match self {
            Rows::Sqlite(rows) => Ok(rows.next()?.map(Row::Sqlite)),
            Rows::Values {
                names,
                rows,
                current,
            } => {
                *current = rows.next();
                Ok(current
                    .as_deref()
                    .map(|values| Row::Values { values, names }))
            }
        }
    }
}

pub struct MappedRows<'s, F> {
    rows: Rows<'s>,
    f: F,
}

impl<T, F> Iterator for MappedRows<'_, F>
where
    F: FnMut(&Row<'_>) -> Result<T>,
{
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        match self.rows.next() {
            Ok(Some(row)) => Some((self.f)(&row)),
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        }
    }
}

/// A column by its position, or by its name in the query (`AS sort_key`).
pub trait ColumnIndex: rusqlite::RowIndex + Copy {
    fn position(self, names: &[String]) -> Result<usize>;
}

impl ColumnIndex for usize {
    fn position(self, names: &[String]) -> Result<usize> {
        if self < names.len() {
            Ok(self)
        } else {
            Err(Error::Conversion {
                index: self,
                detail: format!("the query has {} columns", names.len()),
            })
        }
    }
}

impl ColumnIndex for &str {
    fn position(self, names: &[String]) -> Result<usize> {
        names
            .iter()
            .position(|n| n == self)
            .ok_or_else(|| Error::Conversion {
                index: names.len(),
                detail: format!("the query has no column {self}"),
            })
    }
}

/// One row, whichever database it came from.
pub enum Row<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Values {
        values: &'r [Value],
        names: &'r [String],
    },
}

impl Row<'_> {
    /// Column `index` as `T`, by the value traits the services already implement.
    pub fn get<I: ColumnIndex, T: FromSql>(&self, index: I) -> Result<T> {
        match self {
            Row::Sqlite(r) => Ok(r.get(index)?),
            Row::Values { values, names } => {
                let (index, value) = value_at(values, names, index)?;
                T::column_result(value).map_err(|e| Error::Conversion {
                    index,
                    detail: format!("{e} (found {value:?})"),
                })
            }
        }
    }

    pub fn get_ref<I: ColumnIndex>(&self, index: I) -> Result<ValueRef<'_>> {
        match self {
            Row::Sqlite(r) => Ok(r.get_ref(index)?),
            Row::Values { values, names } => Ok(value_at(values, names, index)?.1),
        }
    }
}

/// A server row's value by position or name, with the position it was found at.
fn value_at<'v, I: ColumnIndex>(
    values: &'v [Value],
    names: &[String],
    index: I,
) -> Result<(usize, ValueRef<'v>)> {
    let at = index.position(names)?;
    let value = values.get(at).ok_or(Error::Conversion {
        index: at,
        detail: format!("the row has {} values", values.len()),
    })?;
    Ok((at, ValueRef::from(value)))
}

#[cfg(test)]
mod tests;
