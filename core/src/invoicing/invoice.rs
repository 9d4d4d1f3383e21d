//! Invoices and credit notes: drafts built from a client's unbilled hours, from contracts or
//! from free lines; issuing gives the next gapless number of the fiscal year and freezes the
//! invoice, its lines and its hours (the database's triggers refuse any later change). A
//! credit note corrects an issued invoice in full or in part, numbered in its own series.
//! An invoice's status is derived from its payments and credit notes, never stored.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clients::client;
use crate::clock;
use crate::error::{changed, Error, Invalid, OrNotFound, Problem, Result};
use crate::fiscal::FiscalYear;
use crate::invoicing::tax::{self, TaxRate};
use crate::lock;

use crate::money::Cents;
use crate::organisation::settings;
use crate::store::sql::{params, Connection, OptionalExtension, Row};
use crate::text::{free_text, required, text_enum};

text_enum! {
    pub enum InvoiceKind {
        Invoice => "invoice",
        CreditNote => "credit_note",
    }
}

text_enum! {
    pub enum LineKind {
        Time => "time",
        Contract => "contract",
        Free => "free",
        Discount => "discount",
    }
}

/// Derived from the dates, payments and credit notes; never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    Draft,
    Issued,
    PartlyPaid,
    Paid,
    Credited,
    Overdue,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct InvoiceLine {
    pub id: i64,
    pub kind: LineKind,
    pub description: String,
    /// Thousandths: 1,5 h is 1 500.
    pub quantity_milli: i64,
    pub unit_price: Cents,
    pub amount: Cents,
    pub department_id: Option<i64>,
    pub project_id: Option<i64>,
    pub contract_id: Option<i64>,
    pub period_start: Option<NaiveDate>,
    /// How many time entries this line bills (their detail is on the invoice's annex).
    pub time_entries: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Invoice {
    pub id: i64,
    pub kind: InvoiceKind,
    pub client_id: i64,
    pub client_name: String,
    pub credited_id: Option<i64>,
    pub credited_number: Option<String>,
    pub invoice_date: NaiveDate,
    pub due_on: NaiveDate,
    pub notes: String,
    /// None while a draft.
    pub number: Option<String>,
    pub tax_exempt: bool,
    pub rates: TaxRate,
    pub lines: Vec<InvoiceLine>,
    pub subtotal: Cents,
    pub gst: Cents,
    pub qst: Cents,
    pub total: Cents,
    /// Payments allocated to it, and credit notes issued against it (invoices only).
    pub paid: Cents,
    pub credited: Cents,
    pub balance: Cents,
    pub status: InvoiceStatus,
}

/// One row of the invoice list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct InvoiceSummary {
    pub id: i64,
    pub kind: InvoiceKind,
    pub number: Option<String>,
    pub client_id: i64,
    pub client_name: String,
    pub invoice_date: NaiveDate,
    pub due_on: NaiveDate,
    pub total: Cents,
    pub balance: Cents,
    pub status: InvoiceStatus,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct DraftInput {
    pub client_id: i64,
    pub invoice_date: NaiveDate,
    #[serde(default)]
    pub notes: String,
}

/// A line typed by a person: a free line or a discount (a positive price, taken off).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct LineInput {
    pub description: String,
    pub quantity_milli: i64,
    pub unit_price: Cents,
    #[serde(default)]
    pub discount: bool,
    #[serde(default)]
    pub department_id: Option<i64>,
}

text_enum! {
    /// How a client's hours become lines.
    pub enum TimeGrouping {
        Project => "project",
        Worker => "worker",
        Rate => "rate",
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TimeSelection {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub group_by: TimeGrouping,
}

/// What to credit: every line in full, or some amounts (before taxes) per line.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct CreditInput {
    pub credit_date: NaiveDate,
    pub reason: String,
    /// Empty: the whole invoice.
    #[serde(default)]
    pub lines: Vec<LineCredit>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct LineCredit {
    pub line_id: i64,
    pub amount: Cents,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct InvoiceFilter {
    /// Words found in the number or the client's name, accents and case ignored.
    #[serde(default)]
    #[ts(optional)]
    pub search: Option<String>,
    #[serde(default)]
    pub client_id: Option<i64>,
    #[serde(default)]
    pub kind: Option<InvoiceKind>,
    #[serde(default)]
    pub from: Option<NaiveDate>,
    #[serde(default)]
    pub to: Option<NaiveDate>,
    /// Only issued invoices with a balance left.
    #[serde(default)]
    pub unpaid_only: bool,
    /// The column the list is sorted by; newest first when nothing is said (the other lists
    /// that pick invoices leave both out).
    #[serde(default)]
    #[ts(optional, as = "Option<InvoiceSort>")]
    pub sort: InvoiceSort,
    #[serde(default)]
    #[ts(optional, as = "Option<bool>")]
    pub ascending: bool,
}

/// The columns of the invoice list a person can sort by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceSort {
    Number,
    #[default]
    Date,
    Client,
    Total,
    Balance,
    Status,
}

/// A quantity above 100 000 units or a price above a million dollars is a typo.
const MAX_QUANTITY_MILLI: i64 = 100_000_000;
const MAX_PRICE: Cents = Cents(100_000_000);

pub fn create_draft(conn: &Connection, input: &DraftInput) -> Result<Invoice> {
    let c = client::get(conn, input.client_id)?;
    lock::ensure_open(conn, input.invoice_date)?;
    tax::on(conn, input.invoice_date)?;
    let due = input.invoice_date + Days::new(u64::from(c.payment_terms_days));
    let inserted: i64 = conn.query_row(
        "INSERT INTO invoices (kind, client_id, invoice_date, due_on, notes, created_at, updated_at) VALUES ('invoice', ?1, ?2, ?3, ?4, ?5, ?5) RETURNING id",
        params![c.id, input.invoice_date, due, free_text("notes", &input.notes)?, clock::now()], |r| r.get(0))?;
    get(conn, inserted)
}

/// Changes a draft's date (its due date follows the client's terms) and notes.
pub fn update_draft(conn: &Connection, id: i64, input: &DraftInput) -> Result<Invoice> {
    let draft = ensure_draft(conn, id)?;
    let c = client::get(conn, draft.client_id)?;
    lock::ensure_open(conn, input.invoice_date)?;
    tax::on(conn, input.invoice_date)?;
    if input.client_id != draft.client_id {
        return Err(Invalid::new("client_id", Problem::DraftKeepsClient).into());
    }
    let due = input.invoice_date + Days::new(u64::from(c.payment_terms_days));
    conn.execute(
        "UPDATE invoices SET invoice_date = ?1, due_on = ?2, notes = ?3, updated_at = ?4 WHERE id = ?5",
        params![input.invoice_date, due, free_text("notes", &input.notes)?, clock::now(), id],
    )?;
    get(conn, id)
}

/// Deletes a draft with its lines; its hours and contract periods become unbilled again.
pub fn delete_draft(conn: &Connection, id: i64) -> Result<()> {
    ensure_draft(conn, id)?;
    conn.execute("DELETE FROM invoice_time_entries WHERE line_id IN (SELECT id FROM invoice_lines WHERE invoice_id = ?1)", [id])?;
    conn.execute("DELETE FROM invoice_lines WHERE invoice_id = ?1", [id])?;
    changed(
        conn.execute("DELETE FROM invoices WHERE id = ?1", [id])?,
        "invoice",
        id,
    )
}

pub fn add_line(conn: &Connection, id: i64, input: &LineInput) -> Result<Invoice> {
    ensure_draft(conn, id)?;
    let description = required("description", &input.description)?;
    if input.quantity_milli <= 0 || input.quantity_milli > MAX_QUANTITY_MILLI {
        return Err(Invalid::new("quantity", Problem::QuantityRange).into());
    }
    if input.unit_price.0 < 0 || input.unit_price > MAX_PRICE {
        return Err(Invalid::new(
            "unit_price",
            Problem::AmountRange {
                min: Cents(0).into(),
                max: MAX_PRICE.into(),
            },
        )
        .into());
    }
    let amount = round_div(
        i128::from(input.quantity_milli) * i128::from(input.unit_price.0),
        1000,
    );
    let (kind, amount) = if input.discount {
        (LineKind::Discount, -amount)
    } else {
        (LineKind::Free, amount)
    };
    insert_line(
        conn,
        id,
        kind,
        &description,
        input.quantity_milli,
        input.unit_price,
        Cents(amount),
        input.department_id,
        None,
        None,
    )?;
    get(conn, id)
}

pub fn remove_line(conn: &Connection, invoice_id: i64, line_id: i64) -> Result<Invoice> {
    ensure_draft(conn, invoice_id)?;
    conn.execute(
        "DELETE FROM invoice_time_entries WHERE line_id = ?1",
        [line_id],
    )?;
    changed(
        conn.execute(
            "DELETE FROM invoice_lines WHERE id = ?1 AND invoice_id = ?2",
            [line_id, invoice_id],
        )?,
        "invoice line",
        line_id,
    )?;
    get(conn, invoice_id)
}

/// Why a period gave no hours, and where the client's unbilled hours are, so that the person
/// chooses other dates instead of guessing.
fn no_hours_left(conn: &Connection, draft: &Invoice, sel: &TimeSelection) -> Result<Invalid> {
    let (first, last): (Option<NaiveDate>, Option<NaiveDate>) = conn.query_row(
        "SELECT min(e.work_date), max(e.work_date)
         FROM time_entries e JOIN projects p ON p.id = e.project_id
         WHERE p.client_id = ?1 AND p.billing_mode = 'hourly' AND e.billable = 1
           AND NOT EXISTS (SELECT 1 FROM invoice_time_entries b WHERE b.time_entry_id = e.id)",
        [draft.client_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let client = draft.client_name.clone();
    let problem = match (first, last) {
        (Some(first), Some(last)) => Problem::NoUnbilledHours {
            client,
            from: sel.from.into(),
            to: sel.to.into(),
            first: first.into(),
            last: last.into(),
        },
        _ => Problem::NoBillableHoursLeft { client },
    };
    Ok(Invalid::new("from", problem))
}

/// Adds the client's billable hours not yet on an invoice, from `from` to `to`, as lines
/// grouped by project, by worker or by rate, each at its project's hourly rate.
pub fn add_time(conn: &Connection, id: i64, sel: &TimeSelection) -> Result<Invoice> {
    let draft = ensure_draft(conn, id)?;
    if sel.to < sel.from {
        return Err(Invalid::new(
            "to",
            Problem::EndBeforeStart {
                start: sel.from.into(),
                end: sel.to.into(),
            },
        )
        .into());
    }
    let group_key = match sel.group_by {
        TimeGrouping::Project => "p.id, 0",
        TimeGrouping::Worker => "p.id, e.worker_id",
        TimeGrouping::Rate => "p.hourly_rate_cents, 0",
    };
    let sql = format!(
        "SELECT {group_key}, min(p.id), min(p.name), min(m.name), p.hourly_rate_cents, min(p.department_id), sum(e.minutes), group_concat(e.id)
         FROM time_entries e JOIN projects p ON p.id = e.project_id
         JOIN workers w ON w.id = e.worker_id JOIN members m ON m.id = w.member_id
         WHERE p.client_id = ?1 AND p.billing_mode = 'hourly' AND e.billable = 1 AND e.work_date BETWEEN ?2 AND ?3
           AND NOT EXISTS (SELECT 1 FROM invoice_time_entries b WHERE b.time_entry_id = e.id)
         GROUP BY 1, 2 ORDER BY min(p.name_key), min(m.name_key)"
    );
    let groups: Vec<TimeGroup> = conn
        .prepare(&sql)?
        .query_map(params![draft.client_id, sel.from, sel.to], |r| {
            Ok((
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ))
        })?
        .collect::<crate::store::sql::Result<_>>()?;
    if groups.is_empty() {
        return Err(no_hours_left(conn, &draft, sel)?.into());
    }
    let lang = client::get(conn, draft.client_id)?.language;
    let span = lang.span(sel.from, sel.to);
    for (project_id, project, worker, rate, department, minutes, ids) in groups {
        let quantity_milli = round_div(i128::from(minutes) * 1000, 60);
        let hours = crate::invoicing::document::quantity(quantity_milli, lang);
        let description = match (sel.group_by, lang) {
            (TimeGrouping::Project, _) => format!("{project} — {hours} h, {span}"),
            (TimeGrouping::Worker, _) => format!("{project} — {worker}, {hours} h, {span}"),
            (TimeGrouping::Rate, crate::Lang::Fr) => {
                format!("Heures à {} — {hours} h, {span}", Cents(rate).format(lang))
            }
            (TimeGrouping::Rate, crate::Lang::En) => {
                format!("Hours at {} — {hours} h, {span}", Cents(rate).format(lang))
            }
        };
        let amount = Cents(round_div(i128::from(minutes) * i128::from(rate), 60));
        let project = (sel.group_by != TimeGrouping::Rate).then_some(project_id);
        let line = insert_line(
            conn,
            id,
            LineKind::Time,
            &description,
            quantity_milli,
            Cents(rate),
            amount,
            department,
            project,
            None,
        )?;
        let mut link = conn.prepare_cached(
            "INSERT INTO invoice_time_entries (line_id, time_entry_id) VALUES (?1, ?2)",
        )?;
        for entry in ids.split(',').filter_map(|s| s.parse::<i64>().ok()) {
            link.execute([line, entry])?;
        }
    }
    get(conn, id)
}

/// One line's worth of hours: project id and name, worker name, rate, department, minutes, and
/// the ids of the entries (comma-separated).
type TimeGroup = (i64, String, String, i64, Option<i64>, i64, String);

/// A contract's period as a line of a draft (see `contract::generate`).
pub(crate) fn add_contract_line(
    conn: &Connection,
    id: i64,
    description: &str,
    amount: Cents,
    department_id: i64,
    project_id: Option<i64>,
    contract: (i64, NaiveDate),
) -> Result<()> {
    insert_line(
        conn,
        id,
        LineKind::Contract,
        description,
        1000,
        amount,
        amount,
        Some(department_id),
        project_id,
        Some(contract),
    )?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn insert_line(
    conn: &Connection,
    invoice_id: i64,
    kind: LineKind,
    description: &str,
    quantity_milli: i64,
    unit_price: Cents,
    amount: Cents,
    department_id: Option<i64>,
    project_id: Option<i64>,
    contract: Option<(i64, NaiveDate)>,
) -> Result<i64> {
    Ok(conn.prepare_cached(
        "INSERT INTO invoice_lines (invoice_id, position, kind, description, quantity_milli, unit_price_cents, amount_cents, department_id,
                                    project_id, contract_id, period_start)
         VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM invoice_lines WHERE invoice_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         RETURNING id",
    )?
    .query_row(params![
        invoice_id,
        kind,
        description,
        quantity_milli,
        unit_price.0,
        amount.0,
        department_id,
        project_id,
        contract.map(|c| c.0),
        contract.map(|c| c.1)
    ], |r| r.get(0))?)
}

/// Issues a draft: the next number of its fiscal year in its series, the tax rates of its date
/// (a credit note takes those of the invoice it corrects), and its totals, all frozen.
pub fn issue(conn: &Connection, id: i64) -> Result<Invoice> {
    let draft = ensure_draft(conn, id)?;
    if draft.lines.is_empty() {
        return Err(Invalid::new("lines", Problem::InvoiceNeedsLines).into());
    }
    if draft.subtotal.0 <= 0 {
        return Err(Invalid::new(
            "lines",
            Problem::InvoiceNotPositive {
                subtotal: draft.subtotal.into(),
            },
        )
        .into());
    }
    lock::ensure_open(conn, draft.invoice_date)?;
    let settings = settings::require(conn)?;
    let fy = FiscalYear::containing(draft.invoice_date, settings.fiscal_year_start_month);
    let last: Option<(String, NaiveDate, i64)> = conn
        .query_row(
            "SELECT number, invoice_date, sequence FROM invoices WHERE kind = ?1 AND fiscal_year_start = ?2 AND sequence IS NOT NULL
             ORDER BY sequence DESC LIMIT 1",
            params![draft.kind, fy.start()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    if let Some((number, date, _)) = &last {
        if draft.invoice_date < *date {
            return Err(Invalid::new(
                "invoice_date",
                Problem::NumberBeforeDate {
                    number: number.clone(),
                    date: (*date).into(),
                },
            )
            .into());
        }
    }
    let sequence = last.map_or(1, |l| l.2 + 1);
    let base = settings::invoice_number(&settings.invoice_number_pattern, fy, sequence as u32);
    let number = match draft.kind {
        InvoiceKind::Invoice => base,
        InvoiceKind::CreditNote => format!("NC-{base}"),
    };
    conn.execute(
        "UPDATE invoices SET number = ?1, fiscal_year_start = ?2, sequence = ?3, issued_at = ?4, tax_exempt = ?5, gst_rate = ?6, qst_rate = ?7,
                qst_on_gst = ?8, subtotal_cents = ?9, gst_cents = ?10, qst_cents = ?11, total_cents = ?12, updated_at = ?4
         WHERE id = ?13",
        params![
            number,
            fy.start(),
            sequence,
            clock::now(),
            draft.tax_exempt,
            draft.rates.gst_rate,
            draft.rates.qst_rate,
            draft.rates.qst_on_gst,
            draft.subtotal.0,
            draft.gst.0,
            draft.qst.0,
            draft.total.0,
            id
        ],
    )?;
    let issued = get(conn, id)?;
    crate::audit::record(conn, "invoice", id, "issue", Some(&issued))?;
    Ok(issued)
}

/// A draft credit note against an issued invoice: in full, or the given amounts per line.
pub fn create_credit_note(
    conn: &Connection,
    invoice_id: i64,
    input: &CreditInput,
) -> Result<Invoice> {
    let invoice = get(conn, invoice_id)?;
    if invoice.kind != InvoiceKind::Invoice || invoice.number.is_none() {
        return Err(Invalid::new("invoice", Problem::CreditOnlyIssued).into());
    }
    if input.credit_date < invoice.invoice_date {
        return Err(Invalid::new(
            "credit_date",
            Problem::CreditBeforeInvoice {
                invoice_date: invoice.invoice_date.into(),
            },
        )
        .into());
    }
    lock::ensure_open(conn, input.credit_date)?;
    let reason = required("reason", &input.reason)?;
    let wanted: Vec<(String, Cents, Option<i64>)> =
        if input.lines.is_empty() {
            invoice
                .lines
                .iter()
                .map(|l| (l.description.clone(), l.amount, l.department_id))
                .collect()
        } else {
            input
                .lines
                .iter()
                .map(|c| {
                    let line = invoice.lines.iter().find(|l| l.id == c.line_id).ok_or(
                        Error::NotFound {
                            entity: "invoice line",
                            id: c.line_id,
                        },
                    )?;
                    if c.amount.0 <= 0 || c.amount > line.amount {
                        return Err(Invalid::new(
                            "amount",
                            Problem::CreditAboveLine {
                                line: line.amount.into(),
                            },
                        )
                        .into());
                    }
                    Ok((line.description.clone(), c.amount, line.department_id))
                })
                .collect::<Result<_>>()?
        };
    let already: i64 = conn.query_row(
        "SELECT coalesce(sum(l.amount_cents), 0) FROM invoices n JOIN invoice_lines l ON l.invoice_id = n.id WHERE n.credited_id = ?1",
        [invoice_id],
        |r| r.get(0),
    )?;
    let asked: i64 = wanted.iter().map(|w| w.1 .0).sum();
    if already + asked > invoice.subtotal.0 {
        let left = Cents(invoice.subtotal.0 - already);
        return Err(Invalid::new("amount", Problem::CreditAboveLeft { left: left.into() }).into());
    }
    let id: i64 = conn.query_row(
        "INSERT INTO invoices (kind, client_id, credited_id, invoice_date, due_on, notes, created_at, updated_at)
         VALUES ('credit_note', ?1, ?2, ?3, ?3, ?4, ?5, ?5) RETURNING id",
        params![invoice.client_id, invoice_id, input.credit_date, reason, clock::now()], |r| r.get(0))?;
    for (description, amount, department) in wanted {
        let kind = if amount.0 < 0 {
            LineKind::Discount
        } else {
            LineKind::Free
        };
        insert_line(
            conn,
            id,
            kind,
            &description,
            1000,
            amount,
            amount,
            department,
            None,
            None,
        )?;
    }
    get(conn, id)
}

fn ensure_draft(conn: &Connection, id: i64) -> Result<Invoice> {
    let invoice = get(conn, id)?;
    match &invoice.number {
        None => Ok(invoice),
        Some(number) => Err(Error::Refused(Problem::InvoiceIssued {
            number: number.clone(),
        })),
    }
}

/// The columns [`Head::from_row`] reads, from `invoices i JOIN clients c LEFT JOIN invoices o`
/// (the invoice a credit note corrects).
macro_rules! select_columns {
    () => {
        "i.id AS id, i.kind AS kind, i.client_id, c.name, i.credited_id, o.number AS credited_number, i.invoice_date AS invoice_date,
        i.due_on AS due_on, i.notes, i.number AS number, coalesce(i.tax_exempt, 0), c.tax_exempt, i.gst_rate, i.qst_rate, i.qst_on_gst, i.total_cents,
        (SELECT coalesce(sum(amount_cents), 0) FROM payment_allocations a WHERE a.invoice_id = i.id) AS paid,
        (SELECT coalesce(sum(total_cents), 0) FROM invoices n WHERE n.credited_id = i.id AND n.issued_at IS NOT NULL) AS credited"
    };
}
const SELECT_COLUMNS: &str = select_columns!();
const SELECT: &str = concat!("SELECT ", select_columns!(), " FROM invoices i JOIN clients c ON c.id = i.client_id LEFT JOIN invoices o ON o.id = i.credited_id");

pub fn get(conn: &Connection, id: i64) -> Result<Invoice> {
    let head = conn
        .query_row(&format!("{SELECT} WHERE i.id = ?1"), [id], Head::from_row)
        .or_not_found("invoice", id)?;
    let lines = conn
        .prepare_cached(
            "SELECT l.id, l.kind, l.description, l.quantity_milli, l.unit_price_cents, l.amount_cents, l.department_id, l.project_id,
                    l.contract_id, l.period_start, (SELECT count(*) FROM invoice_time_entries b WHERE b.line_id = l.id)
             FROM invoice_lines l WHERE l.invoice_id = ?1 ORDER BY l.position",
        )?
        .query_map([id], line_from_row)?
        .collect::<crate::store::sql::Result<Vec<_>>>()?;
    head.into_invoice(conn, lines)
}

/// How many drafts wait to be issued. They are read through their own partial index
/// (`invoices_drafts`), which holds the drafts alone, never the invoices issued over the years;
/// the bound on the date, true of every invoice, lets SQLite seek in it rather than scan it.
pub fn drafts_waiting(conn: &Connection) -> Result<u32> {
    let sql =
        "SELECT count(*) FROM invoices WHERE issued_at IS NULL AND invoice_date >= '0001-01-01'";
    Ok(conn.prepare_cached(sql)?.query_row([], |r| r.get(0))?)
}

/// The columns of [`SELECT`], before the lines are read.
struct Head {
    id: i64,
    kind: InvoiceKind,
    client_id: i64,
    client_name: String,
    credited_id: Option<i64>,
    credited_number: Option<String>,
    invoice_date: NaiveDate,
    due_on: NaiveDate,
    notes: String,
    number: Option<String>,
    frozen_exempt: bool,
    client_exempt: bool,
    frozen_rates: Option<(u32, u32, bool)>,
    frozen_total: Option<i64>,
    paid: i64,
    credited: i64,
}

impl Head {
    fn from_row(r: &Row) -> crate::store::sql::Result<Head> {
        let rates: (Option<u32>, Option<u32>, Option<bool>) = (r.get(12)?, r.get(13)?, r.get(14)?);
        Ok(Head {
            id: r.get(0)?,
            kind: r.get(1)?,
            client_id: r.get(2)?,
            client_name: r.get(3)?,
            credited_id: r.get(4)?,
            credited_number: r.get(5)?,
            invoice_date: r.get(6)?,
            due_on: r.get(7)?,
            notes: r.get(8)?,
            number: r.get(9)?,
            frozen_exempt: r.get(10)?,
            client_exempt: r.get(11)?,
            frozen_rates: match rates {
                (Some(g), Some(q), Some(on)) => Some((g, q, on)),
                _ => None,
            },
            frozen_total: r.get(15)?,
            paid: r.get(16)?,
            credited: r.get(17)?,
        })
    }

    /// An issued invoice's rates are those frozen on it; a draft's, those of its date (or, for a
    /// credit note, those of the invoice it corrects) and its client's exemption today.
    fn rates(&self, conn: &Connection) -> Result<(TaxRate, bool)> {
        if let Some((gst_rate, qst_rate, qst_on_gst)) = self.frozen_rates {
            return Ok((
                TaxRate {
                    effective_on: self.invoice_date,
                    gst_rate,
                    qst_rate,
                    qst_on_gst,
                },
                self.frozen_exempt,
            ));
        }
        if let Some(credited) = self.credited_id {
            let original = get(conn, credited)?;
            return Ok((original.rates, original.tax_exempt));
        }
        Ok((tax::on(conn, self.invoice_date)?, self.client_exempt))
    }

    fn status(&self, total: i64, today: NaiveDate) -> (i64, InvoiceStatus) {
        let balance = total - self.paid - self.credited;
        let status = match (&self.number, self.kind) {
            (None, _) => InvoiceStatus::Draft,
            (Some(_), InvoiceKind::CreditNote) => InvoiceStatus::Issued,
            _ if self.credited >= total => InvoiceStatus::Credited,
            _ if balance <= 0 => InvoiceStatus::Paid,
            _ if self.due_on < today => InvoiceStatus::Overdue,
            _ if self.paid > 0 || self.credited > 0 => InvoiceStatus::PartlyPaid,
            _ => InvoiceStatus::Issued,
        };
        (balance, status)
    }

    fn summary(self, conn: &Connection) -> Result<InvoiceSummary> {
        let total = match self.frozen_total {
            Some(total) => total,
            None => get(conn, self.id)?.total.0,
        };
        let (balance, status) = self.status(total, clock::today());
        Ok(InvoiceSummary {
            id: self.id,
            kind: self.kind,
            number: self.number,
            client_id: self.client_id,
            client_name: self.client_name,
            invoice_date: self.invoice_date,
            due_on: self.due_on,
            total: Cents(total),
            balance: Cents(balance),
            status,
        })
    }

    fn into_invoice(self, conn: &Connection, lines: Vec<InvoiceLine>) -> Result<Invoice> {
        let (rates, tax_exempt) = self.rates(conn)?;
        let subtotal = Cents(lines.iter().map(|l| l.amount.0).sum());
        let taxes = rates.apply(subtotal, tax_exempt);
        let total = subtotal + taxes.gst + taxes.qst;
        let (balance, status) = self.status(total.0, clock::today());
        Ok(Invoice {
            id: self.id,
            kind: self.kind,
            client_id: self.client_id,
            client_name: self.client_name,
            credited_id: self.credited_id,
            credited_number: self.credited_number,
            invoice_date: self.invoice_date,
            due_on: self.due_on,
            notes: self.notes,
            number: self.number,
            tax_exempt,
            rates,
            lines,
            subtotal,
            gst: taxes.gst,
            qst: taxes.qst,
            total,
            paid: Cents(self.paid),
            credited: Cents(self.credited),
            balance: Cents(balance),
            status,
        })
    }
}

fn line_from_row(r: &Row) -> crate::store::sql::Result<InvoiceLine> {
    Ok(InvoiceLine {
        id: r.get(0)?,
        kind: r.get(1)?,
        description: r.get(2)?,
        quantity_milli: r.get(3)?,
        unit_price: Cents(r.get(4)?),
        amount: Cents(r.get(5)?),
        department_id: r.get(6)?,
        project_id: r.get(7)?,
        contract_id: r.get(8)?,
        period_start: r.get(9)?,
        time_entries: r.get(10)?,
    })
}

/// `a / b` rounded half away from zero.
pub(crate) fn round_div(a: i128, b: i128) -> i64 {
    let q = if (a >= 0) == (b >= 0) {
        (a + b / 2) / b
    } else {
        (a - b / 2) / b
    };
    q as i64
}

mod list;
pub use list::list;

#[cfg(test)]
mod tests;
