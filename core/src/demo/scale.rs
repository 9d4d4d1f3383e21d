//! `konbit demo --scale N`: the demo organisation, then the years after 2013 of a collective
//! that grew, with the demo's patterns: its clients and workers copied into branches (a
//! client's branch in another town, a worker hired into it), the same working days, monthly
//! invoices of the contracts and of the previous month's hours, payments as clients really
//! pay, the year's expenses and income, a raise every other September, and each worker's expense
//! claims. About N times the demo's records: at 50, about a million time entries.
//!
//! The services check and audit one record at a time, which would take minutes here, so these
//! records go in by bulk inserts in the demo's one transaction, with the rules the services
//! enforce kept by construction: gapless invoice numbers that follow the dates, taxes of the
//! day, billed hours linked to their line. The audit log gets one entry that says so. The
//! demo's own years (2011-2013) are left as they are, so their figures hold at every scale.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Days, Months, NaiveDate};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::Rng;
use serde::Serialize;

use super::{date, invoices, time, Summary};
use crate::error::{Error, Result};
use crate::fiscal::FiscalYear;
use crate::invoicing::contract;
use crate::invoicing::invoice::round_div;
use crate::invoicing::tax;
use crate::lang::Lang;
use crate::organisation::settings;
use crate::store::sql::{params, Connection};
use crate::text::fold;
use crate::worktime::months;

/// The largest scale `konbit demo` accepts: 200 is four million time entries.
pub const MAX_SCALE: u32 = 200;
/// The demo's last day; the grown collective starts the day after.
const DEMO_LAST_DAY: &str = "2013-08-31";
const RAISE_CENTS: i64 = 100;

/// How a scale is spread: over `years` after the demo's, in `width` branches (the demo's own
/// collective counts as one). The demo is two years of one collective, so `years × width` is
/// about `2 × (scale − 1)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Plan {
    pub years: u32,
    pub width: u32,
}

impl Plan {
    pub(super) fn new(scale: u32) -> Result<Plan> {
        if !(2..=MAX_SCALE).contains(&scale) {
            return Err(Error::from(crate::error::Invalid::new(
                "scale",
                crate::error::Problem::NumberRange {
                    min: 1,
                    max: i64::from(MAX_SCALE),
                },
            )));
        }
        let years = (scale - 1).min(8);
        let width = ((2 * (scale - 1)) as f64 / f64::from(years))
            .round()
            .max(1.0) as u32;
        Ok(Plan { years, width })
    }

    fn first(self) -> NaiveDate {
        date(DEMO_LAST_DAY) + Days::new(1)
    }

    fn last(self) -> NaiveDate {
        let end = self
            .first()
            .checked_add_months(Months::new(12 * self.years))
            .unwrap_or(NaiveDate::MAX);
        end.pred_opt().unwrap_or(end)
    }
}

/// What the grown years added, recorded in the audit log.
#[derive(Debug, Default, Serialize)]
struct Added {
    scale: u32,
    from: String,
    to: String,
    branches: u32,
    workers: usize,
    clients: usize,
    projects: usize,
    time_entries: usize,
    invoices: usize,
    payments: usize,
    expenses: usize,
    other_income: usize,
}

/// Adds the grown years to a database that holds the demo.
pub(super) fn extend(conn: &Connection, rng: &mut StdRng, scale: u32) -> Result<Summary> {
    let plan = Plan::new(scale)?;
    let mut added = Added {
        scale,
        from: plan.first().to_string(),
        to: plan.last().to_string(),
        branches: plan.width,
        ..Added::default()
    };
    let workers = branches::workers(conn, plan, &mut added)?;
    branches::clients(conn, plan, &mut added)?;
    let billable = hours(conn, rng, plan, &workers, &mut added)?;
    let issued = invoices(conn, plan, &billable, &mut added)?;
    payments(conn, rng, plan, &issued, &mut added)?;
    money::expenses(conn, rng, plan, &workers, &mut added)?;
    money::income(conn, plan, &mut added)?;
    close_past_years(conn, plan)?;
    crate::audit::record(conn, "demo", i64::from(scale), "scale", Some(&added))?;
    Ok(Summary {
        workers: added.workers,
        members: added.workers,
        clients: added.clients,
        projects: added.projects,
        time_entries: added.time_entries,
        invoices: added.invoices,
        ..Summary::default()
    })
}

/// Every year but the last closed, oldest first, as the collective closes each once its general
/// meeting has adopted the accounts: the last one is the year being worked in.
fn close_past_years(conn: &Connection, plan: Plan) -> Result<()> {
    let start_month = settings::require(conn)?.fiscal_year_start_month;
    let last = FiscalYear::containing(plan.last(), start_month);
    let mut year = FiscalYear::containing(date(time::FIRST_DAY), start_month);
    while year < last {
        crate::finance::closing::close(conn, year)?;
        year = year.next();
    }
    Ok(())
}

/// A worker of the grown years: (worker id, member id, hours a week in minutes).
type Worker = (i64, i64, u32);
/// Billable minutes and their entries, by (month, project).
type Billable = BTreeMap<(NaiveDate, i64), (i64, Vec<i64>)>;

fn stamp(day: NaiveDate) -> String {
    format!("{day}T17:00:00.000Z")
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// Every worker's working days, split as in 2011-2012, the last year with enough hourly client
/// work to pay everyone; the billable hours kept for invoicing.
fn hours(
    conn: &Connection,
    rng: &mut StdRng,
    plan: Plan,
    workers: &[Worker],
    added: &mut Added,
) -> Result<Billable> {
    let mut billable = Billable::new();
    let mut tally = months::Tally::default();
    let mut insert = conn.prepare_cached(
        "INSERT INTO time_entries (worker_id, work_date, minutes, project_id, committee_id, billable, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) RETURNING id",
    )?;
    for &(worker_id, member_id, weekly) in workers {
        let choices = time::choices(conn, worker_id, member_id)?;
        let vacations: Vec<_> = (0..plan.years)
            .map(|k| time::vacation(rng, plan.first().year() + 1 + k as i32))
            .collect();
        let mut day = plan.first();
        while day <= plan.last() {
            let off = vacations.iter().any(|(s, e)| *s <= day && day <= *e);
            if !off && time::is_working_day(day) {
                let at = stamp(day);
                for e in time::day_parts(rng, worker_id, day, weekly, time::SHARES_2011, &choices) {
                    let entry_id: i64 = insert.query_row(
                        params![
                            worker_id,
                            day,
                            e.minutes,
                            e.project_id,
                            e.committee_id,
                            e.billable,
                            at
                        ],
                        |r| r.get(0),
                    )?;
                    added.time_entries += 1;
                    tally.add(e.worked(), 1);
                    if let (true, Some(project)) = (e.billable, e.project_id) {
                        let slot = billable.entry((first_of_month(day), project)).or_default();
                        slot.0 += i64::from(e.minutes);
                        slot.1.push(entry_id);
                    }
                }
            }
            day = day + Days::new(1);
        }
    }
    tally.write(conn)?;
    Ok(billable)
}

/// One line of an invoice to write.
struct Line {
    kind: &'static str,
    description: String,
    quantity_milli: i64,
    unit_price: i64,
    amount: i64,
    department_id: Option<i64>,
    project_id: Option<i64>,
    contract: Option<(i64, NaiveDate)>,
    entries: Vec<i64>,
}

/// A client as its invoices need it.
struct Client {
    name: String,
    language: Lang,
    tax_exempt: bool,
    terms: u32,
}

/// An issued invoice, for its payment.
struct Issued {
    id: i64,
    client_id: i64,
    date: NaiveDate,
    number: String,
    total: i64,
}

/// On the first of each month, one invoice per client: its contracts' periods starting by then,
/// and the previous month's billable hours, one line per project.
fn invoices(
    conn: &Connection,
    plan: Plan,
    billable: &Billable,
    added: &mut Added,
) -> Result<Vec<Issued>> {
    let clients = clients_by_id(conn)?;
    let mut drafts: BTreeMap<(NaiveDate, i64), Vec<Line>> = BTreeMap::new();
    for c in contract::list(conn, None)?
        .into_iter()
        .filter(|c| !c.archived)
    {
        let lang = clients.get(&c.client_id).map_or(Lang::Fr, |k| k.language);
        for start in c
            .period
            .starts(c.starts_on, c.ends_on, plan.last())
            .into_iter()
            .filter(|s| *s >= plan.first())
        {
            let on = if start.day() == 1 {
                start
            } else {
                first_of_month(start)
                    .checked_add_months(Months::new(1))
                    .unwrap_or(start)
            };
            if on > plan.last() {
                continue;
            }
            let next = start
                .checked_add_months(Months::new(c.period.months()))
                .unwrap_or(start);
            let end = next.pred_opt().unwrap_or(next);
            drafts.entry((on, c.client_id)).or_default().push(Line {
                kind: "contract",
                description: format!("{} — {}", c.description, lang.span(start, end)),
                quantity_milli: 1000,
                unit_price: c.amount.0,
                amount: c.amount.0,
                department_id: Some(c.department_id),
                project_id: c.project_id,
                contract: Some((c.id, start)),
                entries: vec![],
            });
        }
    }
    let projects = hourly_projects(conn)?;
    for ((month, project_id), (minutes, entries)) in billable {
        let (Some(p), Some(on)) = (
            projects.get(project_id),
            month.checked_add_months(Months::new(1)),
        ) else {
            continue;
        };
        if on > plan.last() {
            continue;
        }
        let lang = clients.get(&p.client_id).map_or(Lang::Fr, |k| k.language);
        let quantity_milli = round_div(i128::from(*minutes) * 1000, 60);
        let hours = crate::invoicing::document::quantity(quantity_milli, lang);
        let span = lang.span(*month, on.pred_opt().unwrap_or(on));
        drafts.entry((on, p.client_id)).or_default().push(Line {
            kind: "time",
            description: format!("{} — {hours} h, {span}", p.name),
            quantity_milli,
            unit_price: p.rate,
            amount: round_div(i128::from(*minutes) * i128::from(p.rate), 60),
            department_id: p.department_id,
            project_id: Some(*project_id),
            contract: None,
            entries: entries.clone(),
        });
    }
    let mut issued = Vec::with_capacity(drafts.len());
    let mut numbering = Numbering::new(conn)?;
    for ((on, client_id), lines) in drafts {
        let Some(client) = clients.get(&client_id) else {
            continue;
        };
        issued.push(write_invoice(
            conn,
            &mut numbering,
            client_id,
            client,
            on,
            &lines,
        )?);
        added.invoices += 1;
    }
    Ok(issued)
}

/// The next number of each fiscal year, as `invoice::issue` gives them.
struct Numbering {
    pattern: String,
    start_month: u32,
    next: HashMap<NaiveDate, i64>,
    rates: Option<tax::TaxRate>,
}

impl Numbering {
    fn new(conn: &Connection) -> Result<Numbering> {
        let s = settings::require(conn)?;
        Ok(Numbering {
            pattern: s.invoice_number_pattern,
            start_month: s.fiscal_year_start_month,
            next: HashMap::new(),
            rates: None,
        })
    }

    fn take(&mut self, conn: &Connection, on: NaiveDate) -> Result<(FiscalYear, i64, String)> {
        let fy = FiscalYear::containing(on, self.start_month);
        let next = match self.next.get(&fy.start()) {
            Some(n) => *n,
            None => {
                conn.query_row("SELECT coalesce(max(sequence), 0) + 1 FROM invoices WHERE kind = 'invoice' AND fiscal_year_start = ?1", [fy.start()], |r| {
                    r.get(0)
                })?
            }
        };
        self.next.insert(fy.start(), next + 1);
        Ok((
            fy,
            next,
            settings::invoice_number(&self.pattern, fy, next as u32),
        ))
    }

    /// The rates of a day; the grown years all fall under the last rates of the demo, so they
    /// are read once and checked against each day.
    fn rates(&mut self, conn: &Connection, on: NaiveDate) -> Result<tax::TaxRate> {
        match self.rates {
            Some(r) if r.effective_on <= on => Ok(r),
            _ => {
                let r = tax::on(conn, on)?;
                self.rates = Some(r);
                Ok(r)
            }
        }
    }
}

/// A draft with its lines and billed hours, then issued: the invoice triggers refuse lines
/// added to an issued invoice, so the order is the services' own.
fn write_invoice(
    conn: &Connection,
    numbering: &mut Numbering,
    client_id: i64,
    client: &Client,
    on: NaiveDate,
    lines: &[Line],
) -> Result<Issued> {
    let at = stamp(on);
    let due = on + Days::new(u64::from(client.terms));
    let id: i64 = conn.prepare_cached("INSERT INTO invoices (kind, client_id, invoice_date, due_on, created_at, updated_at) VALUES ('invoice', ?1, ?2, ?3, ?4, ?4) RETURNING id")?
        .query_row(params![client_id, on, due, at], |r| r.get(0))?;
    let mut insert_line = conn.prepare_cached(
        "INSERT INTO invoice_lines (invoice_id, position, kind, description, quantity_milli, unit_price_cents, amount_cents, department_id, project_id, contract_id, period_start)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id",
    )?;
    let mut link = conn.prepare_cached(
        "INSERT INTO invoice_time_entries (line_id, time_entry_id) VALUES (?1, ?2)",
    )?;
    for (position, l) in lines.iter().enumerate() {
        let line_id: i64 = insert_line.query_row(
            params![
                id,
                position as i64 + 1,
                l.kind,
                l.description,
                l.quantity_milli,
                l.unit_price,
                l.amount,
                l.department_id,
                l.project_id,
                l.contract.map(|c| c.0),
                l.contract.map(|c| c.1)
            ],
            |r| r.get(0),
        )?;
        for entry in &l.entries {
            link.execute([line_id, *entry])?;
        }
    }
    let subtotal: i64 = lines.iter().map(|l| l.amount).sum();
    let rates = numbering.rates(conn, on)?;
    let taxes = rates.apply(crate::Cents(subtotal), client.tax_exempt);
    let total = subtotal + taxes.gst.0 + taxes.qst.0;
    let (fy, sequence, number) = numbering.take(conn, on)?;
    conn.prepare_cached(
        "UPDATE invoices SET number = ?1, fiscal_year_start = ?2, sequence = ?3, issued_at = ?4, tax_exempt = ?5, gst_rate = ?6, qst_rate = ?7,
                qst_on_gst = ?8, subtotal_cents = ?9, gst_cents = ?10, qst_cents = ?11, total_cents = ?12, updated_at = ?4
         WHERE id = ?13",
    )?
    .execute(params![
        number,
        fy.start(),
        sequence,
        at,
        client.tax_exempt,
        rates.gst_rate,
        rates.qst_rate,
        rates.qst_on_gst,
        subtotal,
        taxes.gst.0,
        taxes.qst.0,
        total,
        id
    ])?;
    Ok(Issued {
        id,
        client_id,
        date: on,
        number,
        total,
    })
}

/// Each invoice paid whole, when and how `invoices::payment_plan` says, as the demo's are.
fn payments(
    conn: &Connection,
    rng: &mut StdRng,
    plan: Plan,
    issued: &[Issued],
    added: &mut Added,
) -> Result<()> {
    let names: HashMap<i64, String> = clients_by_id(conn)?
        .into_iter()
        .map(|(id, c)| (id, c.name))
        .collect();
    let settings = settings::require(conn)?;
    let last_year = FiscalYear::containing(plan.last(), settings.fiscal_year_start_month).start();
    let mut payment =
        conn.prepare_cached("INSERT INTO payments (client_id, received_on, method, amount_cents, reference, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id")?;
    let mut allocation = conn.prepare_cached("INSERT INTO payment_allocations (payment_id, invoice_id, amount_cents) VALUES (?1, ?2, ?3)")?;
    for inv in issued {
        let name = names.get(&inv.client_id).map_or("", String::as_str);
        let Some((received_on, method)) =
            invoices::payment_plan(rng, name, inv.date, last_year, plan.last())
        else {
            continue;
        };
        let payment_id: i64 = payment.query_row(
            params![
                inv.client_id,
                received_on,
                method,
                inv.total,
                inv.number,
                stamp(received_on)
            ],
            |r| r.get(0),
        )?;
        allocation.execute(params![payment_id, inv.id, inv.total])?;
        added.payments += 1;
    }
    Ok(())
}

fn clients_by_id(conn: &Connection) -> Result<HashMap<i64, Client>> {
    let rows = conn
        .prepare("SELECT id, name, language, tax_exempt, payment_terms_days FROM clients")?
        .query_map([], |r| {
            let language: String = r.get(2)?;
            Ok((
                r.get(0)?,
                Client {
                    name: r.get(1)?,
                    language: if language == "en" { Lang::En } else { Lang::Fr },
                    tax_exempt: r.get(3)?,
                    terms: r.get(4)?,
                },
            ))
        })?
        .collect::<crate::store::sql::Result<_>>()?;
    Ok(rows)
}

struct HourlyProject {
    client_id: i64,
    name: String,
    rate: i64,
    department_id: Option<i64>,
}

fn hourly_projects(conn: &Connection) -> Result<HashMap<i64, HourlyProject>> {
    let rows = conn
        .prepare("SELECT id, client_id, name, hourly_rate_cents, department_id FROM projects WHERE billing_mode = 'hourly'")?
        .query_map([], |r| Ok((r.get(0)?, HourlyProject { client_id: r.get(1)?, name: r.get(2)?, rate: r.get(3)?, department_id: r.get(4)? })))?
        .collect::<crate::store::sql::Result<_>>()?;
    Ok(rows)
}

/// The branches: the demo's clients and workers copied, from the first day of the grown years.
mod branches {
    use super::*;

    /// Towns of the branches after the first; past the list, numbered.
    const TOWNS: &[&str] = &[
        "Laval",
        "Longueuil",
        "Québec",
        "Sherbrooke",
        "Gatineau",
        "Trois-Rivières",
        "Saguenay",
        "Rimouski",
        "Lévis",
        "Joliette",
        "Drummondville",
        "Granby",
        "Saint-Jérôme",
        "Rouyn-Noranda",
        "Sept-Îles",
        "Victoriaville",
        "Shawinigan",
        "Val-d'Or",
        "Baie-Comeau",
        "Gaspé",
    ];
    const FIRST_NAMES: &[&str] = &[
        "Amélie",
        "Benoît",
        "Chloé",
        "Denis",
        "Élodie",
        "François",
        "Gabrielle",
        "Hugo",
        "Isabelle",
        "Jérôme",
        "Karine",
        "Louis",
        "Mélanie",
        "Nicolas",
        "Océane",
        "Pascal",
        "Rosalie",
        "Stéphane",
        "Valérie",
        "Yannick",
        "Maude",
        "Félix",
        "Noémie",
        "Rachid",
    ];
    const LAST_NAMES: &[&str] = &[
        "Bouchard",
        "Gagnon",
        "Roy",
        "Côté",
        "Bélanger",
        "Pelletier",
        "Lévesque",
        "Bergeron",
        "Leblanc",
        "Girard",
        "Simard",
        "Boucher",
        "Caron",
        "Beaulieu",
        "Cloutier",
        "Dubé",
        "Poirier",
        "Fortin",
        "Ouellet",
        "Paquette",
        "Nadeau",
        "Mercier",
        "Lemieux",
        "Thériault",
    ];

    fn town(branch: u32) -> String {
        let list = TOWNS.len() as u32;
        let name = TOWNS[((branch - 1) % list) as usize];
        if branch <= list {
            name.to_owned()
        } else {
            format!("{name} {}", (branch - 1) / list + 1)
        }
    }

    /// The workers still with the collective at the end of the demo, and one copy of each per
    /// branch, with their teams, committees, status and wage; then a raise every other September.
    pub(super) fn workers(conn: &Connection, plan: Plan, added: &mut Added) -> Result<Vec<Worker>> {
        let staying: Vec<(i64, i64, String, u32)> = conn
            .prepare(
                "SELECT w.id, w.member_id, s.status, s.weekly_minutes FROM workers w JOIN worker_statuses s ON s.worker_id = w.id
                 WHERE s.end_on IS NULL AND s.start_on <= ?1 ORDER BY w.id",
            )?
            .query_map([DEMO_LAST_DAY], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<crate::store::sql::Result<_>>()?;
        let mut workers: Vec<Worker> = staying
            .iter()
            .map(|(w, m, _, weekly)| (*w, *m, *weekly))
            .collect();
        let at = stamp(plan.first());
        let mut hired = 0usize;
        for branch in 1..plan.width {
            for (worker_id, member_id, status, weekly) in &staying {
                let name = format!(
                    "{} {}",
                    FIRST_NAMES[hired % FIRST_NAMES.len()],
                    LAST_NAMES[(hired / FIRST_NAMES.len() + hired) % LAST_NAMES.len()]
                );
                hired += 1;
                let member: i64 = conn.prepare_cached(
                    "INSERT INTO members (kind, name, name_key, address, joined_on, created_at, updated_at) VALUES ('person', ?1, ?2, ?3, ?4, ?5, ?5) RETURNING id",
                )?
                .query_row(params![name, fold(&name), town(branch), plan.first(), at], |r| r.get(0))?;
                let worker: i64 = conn.prepare_cached(
                    "INSERT INTO workers (member_id, created_at, updated_at) VALUES (?1, ?2, ?2) RETURNING id",
                )?
                .query_row(params![member, at], |r| r.get(0))?;
                conn.prepare_cached("INSERT INTO worker_statuses (worker_id, status, weekly_minutes, start_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")?
                    .execute(params![worker, status, weekly, plan.first(), at])?;
                conn.prepare_cached(
                    "INSERT INTO worker_wages (worker_id, effective_on, hourly_rate_cents, employer_charges_bp, created_at)
                     SELECT ?1, ?2, hourly_rate_cents, employer_charges_bp, ?3 FROM worker_wages WHERE worker_id = ?4 ORDER BY effective_on DESC LIMIT 1",
                )?
                .execute(params![worker, plan.first(), at, worker_id])?;
                conn.prepare_cached("INSERT INTO team_workers (team_id, worker_id) SELECT team_id, ?1 FROM team_workers WHERE worker_id = ?2")?
                    .execute(params![worker, worker_id])?;
                conn.prepare_cached(
                    "INSERT INTO committee_members (committee_id, member_id) SELECT committee_id, ?1 FROM committee_members WHERE member_id = ?2",
                )?
                .execute(params![member, member_id])?;
                workers.push((worker, member, *weekly));
                added.workers += 1;
            }
        }
        for k in (2..plan.years).step_by(2) {
            let on = plan
                .first()
                .checked_add_months(Months::new(12 * k))
                .unwrap_or(NaiveDate::MAX);
            for (worker_id, _, _) in &workers {
                conn.prepare_cached(
                    "INSERT INTO worker_wages (worker_id, effective_on, hourly_rate_cents, employer_charges_bp, created_at)
                     SELECT worker_id, ?2, hourly_rate_cents + ?3, employer_charges_bp, ?4 FROM worker_wages WHERE worker_id = ?1 ORDER BY effective_on DESC LIMIT 1",
                )?
                .execute(params![worker_id, on, RAISE_CENTS, stamp(on)])?;
            }
        }
        Ok(workers)
    }

    /// Every client copied once per branch, with its projects and its contracts still running.
    pub(super) fn clients(conn: &Connection, plan: Plan, added: &mut Added) -> Result<()> {
        let originals: Vec<(i64, String)> = conn
            .prepare("SELECT id, name FROM clients WHERE archived_at IS NULL ORDER BY id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<crate::store::sql::Result<_>>()?;
        let at = stamp(plan.first());
        for branch in 1..plan.width {
            let town = town(branch);
            for (client_id, name) in &originals {
                let name = format!("{name} ({town})");
                let copy: i64 = conn.prepare_cached(
                    "INSERT INTO clients (name, name_key, language, tax_exempt, address, payment_terms_days, created_at, updated_at)
                     SELECT ?1, ?2, language, tax_exempt, ?3, payment_terms_days, ?4, ?4 FROM clients WHERE id = ?5 RETURNING id",
                )?
                .query_row(params![name, fold(&name), town, at, client_id], |r| r.get(0))?;
                added.clients += 1;
                let projects: Vec<(i64, String)> = conn
                    .prepare_cached("SELECT id, name FROM projects WHERE client_id = ?1 AND archived_at IS NULL ORDER BY id")?
                    .query_map([client_id], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<crate::store::sql::Result<_>>()?;
                for (project_id, project) in projects {
                    let copied: i64 = conn.prepare_cached(
                        "INSERT INTO projects (client_id, team_id, department_id, name, name_key, billing_mode, hourly_rate_cents, fixed_price_cents, created_at, updated_at)
                         SELECT ?1, team_id, department_id, name, ?2, billing_mode, hourly_rate_cents, fixed_price_cents, ?3, ?3 FROM projects WHERE id = ?4 RETURNING id",
                    )?
                    .query_row(params![copy, fold(&project), at, project_id], |r| r.get(0))?;
                    added.projects += 1;
                    conn.prepare_cached(
                        "INSERT INTO contracts (client_id, project_id, department_id, description, amount_cents, period, starts_on, created_at, updated_at)
                         SELECT ?1, ?2, department_id, description, amount_cents, period, ?3, ?4, ?4 FROM contracts
                         WHERE project_id = ?5 AND archived_at IS NULL AND (ends_on IS NULL OR ends_on >= ?3)",
                    )?
                    .execute(params![copy, copied, plan.first(), at, project_id])?;
                }
                conn.prepare_cached(
                    "INSERT INTO contracts (client_id, department_id, description, amount_cents, period, starts_on, created_at, updated_at)
                     SELECT ?1, department_id, description, amount_cents, period, ?2, ?3, ?3 FROM contracts
                     WHERE client_id = ?4 AND project_id IS NULL AND archived_at IS NULL AND (ends_on IS NULL OR ends_on >= ?2)",
                )?
                .execute(params![copy, plan.first(), at, client_id])?;
            }
        }
        Ok(())
    }
}

/// The grown years' expenses and income.
mod money {
    use super::*;

    /// What a worker claims in a month: (supplier, category, lowest and highest dollars, taxable).
    const CLAIMS: &[(&str, &str, i64, i64, bool)] = &[
        ("STM — titres de transport", "travel", 3, 55, false),
        ("Via Rail", "travel", 40, 160, true),
        ("Bureau en Gros — fournitures", "other", 8, 90, true),
        ("Café Névé — rencontre de client", "other", 6, 45, true),
        ("Canada Computers — pièces", "equipment", 20, 180, true),
        ("Communauto — déplacements", "travel", 10, 70, true),
    ];

    /// Each branch's share of 2012-2013's expenses (legal fees aside: they belong to their
    /// cases), every year on the same day, the demo's own recurring ones recorded from their
    /// templates; and two or three expense claims a month per worker.
    pub(super) fn expenses(
        conn: &Connection,
        rng: &mut StdRng,
        plan: Plan,
        workers: &[Worker],
        added: &mut Added,
    ) -> Result<()> {
        for k in 1..=plan.years {
            for branch in 0..plan.width {
                added.expenses += conn
                    .prepare_cached(
                        "INSERT INTO expenses (spent_on, supplier, category_id, team_id, amount_cents, gst_cents, qst_cents, method, description, created_at, updated_at)
                         SELECT date(spent_on, ?1), supplier, category_id, team_id, amount_cents, gst_cents, qst_cents, method, description, date(spent_on, ?1) || 'T17:00:00.000Z', date(spent_on, ?1) || 'T17:00:00.000Z'
                         FROM expenses WHERE spent_on BETWEEN '2012-09-01' AND ?2 AND (?3 OR recurring_id IS NULL)
                           AND category_id <> (SELECT id FROM expense_categories WHERE code = 'legal') ORDER BY spent_on, id",
                    )?
                    .execute(params![format!("+{k} years"), DEMO_LAST_DAY, branch > 0])?;
            }
        }
        // The demo's own recurring expenses go on as occurrences of their templates, so that
        // recording them later adds nothing twice.
        added.expenses += crate::finance::recurring::generate(conn, plan.last())?;
        let categories: HashMap<String, i64> = conn
            .prepare("SELECT code, id FROM expense_categories")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<crate::store::sql::Result<_>>()?;
        let mut insert = conn.prepare_cached(
            "INSERT INTO expenses (spent_on, supplier, category_id, amount_cents, gst_cents, qst_cents, method, description, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        )?;
        let rates = tax::on(conn, plan.first())?;
        let mut month = plan.first();
        while month <= plan.last() {
            for (n, _) in workers.iter().enumerate() {
                for _ in 0..rng.random_range(2..=3) {
                    let Some(&(supplier, category, low, high, taxable)) = CLAIMS.choose(rng) else {
                        continue;
                    };
                    let day = month + Days::new(rng.random_range(0..28));
                    let amount = rng.random_range(low * 100..=high * 100);
                    let taxes = rates.apply(crate::Cents(amount), !taxable);
                    let category = categories.get(category).copied();
                    insert.execute(params![
                        day,
                        supplier,
                        category,
                        amount,
                        taxes.gst.0,
                        taxes.qst.0,
                        "card",
                        format!("Note de frais nº {}", n + 1),
                        stamp(day)
                    ])?;
                    added.expenses += 1;
                }
            }
            month = month
                .checked_add_months(Months::new(1))
                .unwrap_or(NaiveDate::MAX);
        }
        Ok(())
    }

    /// Each branch's membership fees, donations and workshops of 2012-2013, every year (the
    /// PAPSI grant ended with 2012-2013).
    pub(super) fn income(conn: &Connection, plan: Plan, added: &mut Added) -> Result<()> {
        for k in 1..=plan.years {
            for _ in 0..plan.width {
                added.other_income += conn
                    .prepare_cached(
                        "INSERT INTO other_income (received_on, kind, source, department_id, amount_cents, description, created_at)
                         SELECT date(received_on, ?1), kind, source, department_id, amount_cents, description, date(received_on, ?1) || 'T17:00:00.000Z'
                         FROM other_income WHERE received_on BETWEEN '2012-09-01' AND ?2 AND kind <> 'grant' ORDER BY received_on, id",
                    )?
                    .execute(params![format!("+{k} years"), DEMO_LAST_DAY])?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// Scale 2: the demo, then one year of two branches.
    #[test]
    fn the_grown_years_keep_the_rules_the_services_keep() {
        let mut store = Store::open_in_memory().unwrap();
        let summary = store
            .write(|tx| super::super::create_at_scale(tx, super::super::DEFAULT_SEED, 2))
            .unwrap();
        let conn = store.conn();
        assert_eq!(crate::check::run(conn).unwrap(), Vec::<String>::new());
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        let grown = count("SELECT count(*) FROM time_entries WHERE work_date >= '2013-09-01'");
        let demo = count("SELECT count(*) FROM time_entries WHERE work_date < '2013-09-01'");
        assert!(
            (0.8..1.2).contains(&(grown as f64 / demo as f64)),
            "about the demo's entries again: {grown} after, {demo} before"
        );
        assert_eq!(summary.time_entries as i64, grown + demo);
        // Numbers without gaps, in the order of the dates, in each fiscal year.
        let out_of_order = count(
            "SELECT count(*) FROM invoices a JOIN invoices b ON a.kind = b.kind AND a.fiscal_year_start = b.fiscal_year_start
             AND b.sequence = a.sequence + 1 WHERE b.invoice_date < a.invoice_date",
        );
        let gaps = count("SELECT coalesce(sum(max_seq - n), 0) FROM (SELECT max(sequence) AS max_seq, count(*) AS n FROM invoices WHERE sequence IS NOT NULL GROUP BY kind, fiscal_year_start)");
        assert_eq!((out_of_order, gaps), (0, 0));
        // Every billable hour of the grown year is on an invoice, but August's, billed in September.
        let unbilled = count(
            "SELECT count(*) FROM time_entries e JOIN projects p ON p.id = e.project_id WHERE p.billing_mode = 'hourly' AND e.billable = 1
             AND e.work_date BETWEEN '2013-09-01' AND '2014-07-31' AND NOT EXISTS (SELECT 1 FROM invoice_time_entries b WHERE b.time_entry_id = e.id)",
        );
        assert_eq!(unbilled, 0);
        // Each invoice's totals are its lines plus the taxes of its day.
        let wrong_totals = count(
            "SELECT count(*) FROM invoices i WHERE issued_at IS NOT NULL AND subtotal_cents <> (SELECT sum(amount_cents) FROM invoice_lines WHERE invoice_id = i.id)
             OR total_cents <> subtotal_cents + gst_cents + qst_cents",
        );
        assert_eq!(wrong_totals, 0);
        let fy = crate::fiscal::FiscalYear::parse("2013-2014", 9).unwrap();
        let stats = crate::stats::compute(conn, fy).unwrap();
        assert!(
            stats.result > 0,
            "the grown collective pays its way: {}",
            stats.result
        );
        assert!(
            count("SELECT count(*) FROM audit_log WHERE entity = 'demo' AND action = 'scale'") == 1
        );
        // The demo's own year is untouched.
        let demo_year = crate::stats::compute(
            conn,
            crate::fiscal::FiscalYear::parse("2012-2013", 9).unwrap(),
        )
        .unwrap();
        assert_eq!(demo_year.revenue, 58_926_075);
        let closed: Vec<String> = crate::finance::closing::list(conn)
            .unwrap()
            .into_iter()
            .map(|c| c.fiscal_year)
            .collect();
        assert_eq!(
            closed,
            ["2011-2012", "2012-2013"],
            "every year but the one being worked in is closed"
        );
    }

    #[test]
    fn a_scale_spreads_over_years_then_branches() {
        assert_eq!(Plan::new(2).unwrap(), Plan { years: 1, width: 2 });
        assert_eq!(Plan::new(5).unwrap(), Plan { years: 4, width: 2 });
        assert_eq!(
            Plan::new(50).unwrap(),
            Plan {
                years: 8,
                width: 12
            }
        );
        assert_eq!(Plan::new(50).unwrap().last(), date("2021-08-31"));
        assert!(Plan::new(1).is_err() && Plan::new(MAX_SCALE + 1).is_err());
    }
}
