//! The records a script adds, each through the service the app's screen calls: an empty
//! organisation, an hour entry, a draft invoice and its issuing, a payment; and the lists of
//! workers and committees. Names are typed as people write them (accents and case ignored);
//! an amount is read the French way, which also takes a point (`1234,56` or `1234.56`), so a
//! thousands separator is refused rather than misread.

use std::io::Write;

use chrono::NaiveDate;
use clap::Subcommand;
use konbit_core::store::Connection;

use konbit_core::clients::{client, project};
use konbit_core::error::{Error, Result};
use konbit_core::invoicing::invoice::{self, DraftInput, LineInput, TimeGrouping, TimeSelection};
use konbit_core::invoicing::payment::{self, PaymentInput, PaymentMethod};
use konbit_core::invoicing::register;
use konbit_core::listing::{ListQuery, Page};
use konbit_core::organisation::{committee, settings, worker};
use konbit_core::store::Store;
use konbit_core::worktime::{duration, entry};
use konbit_core::{Cents, Lang};

#[derive(Debug, Subcommand)]
pub enum EntryWhat {
    /// One entry of hours, on a project or a committee.
    Add {
        /// Whose hours, by name.
        #[arg(long)]
        worker: String,
        /// The day worked, e.g. 2013-09-12.
        #[arg(long)]
        date: NaiveDate,
        /// The project, by name (with --client when two clients have one of that name).
        #[arg(
            long,
            required_unless_present = "committee",
            conflicts_with = "committee"
        )]
        project: Option<String>,
        /// The project's client, by name.
        #[arg(long, requires = "project")]
        client: Option<String>,
        /// The committee, by name, for committee work.
        #[arg(long)]
        committee: Option<String>,
        /// 1:30, 1h30, 1,5 or 90m.
        #[arg(long)]
        duration: String,
        /// What was done.
        #[arg(long, default_value = "")]
        description: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum PaymentWhat {
    /// A payment received from a client, spread over the invoices named in their order; what
    /// is left stays the client's credit.
    Add {
        /// The client, by name.
        #[arg(long)]
        client: String,
        /// The day the money was received.
        #[arg(long)]
        date: NaiveDate,
        /// 1234,56 (or 1234.56).
        #[arg(long, value_parser = parse_amount)]
        amount: Cents,
        /// transfer, cheque, card, cash or barter.
        #[arg(long, value_parser = parse_method)]
        method: PaymentMethod,
        /// An invoice's number the payment settles, e.g. 2013-0042; repeat for several.
        #[arg(long = "invoice", value_name = "NUMBER")]
        invoices: Vec<String>,
        /// The cheque's number or the transfer's reference.
        #[arg(long, default_value = "")]
        reference: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ListWhat {
    /// Every one, archived too, in name order.
    List {
        /// One JSON object per line, for scripts.
        #[arg(long)]
        json: bool,
    },
}

fn parse_method(text: &str) -> std::result::Result<PaymentMethod, String> {
    PaymentMethod::from_code(text).ok_or_else(|| {
        format!("'{text}' is not a way of paying Konbit knows; use transfer, cheque, card, cash or barter")
    })
}

/// `konbit init --name ORG`: an empty organisation in a new or empty database.
pub fn init(store: &mut Store, name: &str) -> Result<()> {
    let started = store.write(|tx| settings::start_empty(tx, name))?;
    println!(
        "{} started: add its teams, people and clients",
        started.name
    );
    Ok(())
}

/// `konbit entry add …`: prints the entry's id, then what was recorded.
pub fn entry(store: &mut Store, what: EntryWhat) -> Result<()> {
    let EntryWhat::Add {
        worker: name,
        date,
        project: project_name,
        client: client_name,
        committee: committee_name,
        duration,
        description,
    } = what;
    let added = store.write(|tx| {
        let client_id = client_name.map(|n| client::by_name(tx, &n)).transpose()?;
        let input = entry::TimeEntryInput {
            worker_id: worker::by_name(tx, &name)?,
            work_date: date,
            duration,
            project_id: project_name
                .map(|n| project::by_name(tx, &n, client_id))
                .transpose()?,
            committee_id: committee_name
                .map(|n| committee::by_name(tx, &n))
                .transpose()?,
            description,
            ..Default::default()
        };
        entry::create(tx, &input)
    })?;
    println!(
        "{}\t{}\t{} h\t{name}",
        added.id,
        added.work_date,
        duration::format(added.minutes)
    );
    Ok(())
}

/// A free line of a draft, `--line "TEXT=AMOUNT"`: quantity one, a negative amount a discount.
#[derive(Debug, Clone)]
pub struct Line {
    description: String,
    amount: Cents,
}

pub fn parse_line(text: &str) -> std::result::Result<Line, String> {
    let (description, amount) = text.rsplit_once('=').ok_or_else(|| {
        format!("'{text}': write the line's text, '=' and its amount, like \"Hébergement=120,00\"")
    })?;
    Ok(Line {
        description: description.trim().to_owned(),
        amount: parse_amount(amount)?,
    })
}

/// An amount the French way, `1234,56`, which also reads `1234.56`.
pub fn parse_amount(text: &str) -> std::result::Result<Cents, String> {
    Cents::parse(text, Lang::Fr).map_err(|e| e.to_string())
}

impl Line {
    fn input(&self) -> LineInput {
        LineInput {
            description: self.description.clone(),
            quantity_milli: 1000,
            unit_price: Cents(self.amount.0.abs()),
            discount: self.amount.0 < 0,
            department_id: None,
        }
    }
}

/// `konbit invoice draft …`: a draft with the client's hours of a span and free lines, all
/// or nothing; prints its id alone, for the script's `invoice issue`.
pub fn draft(
    store: &mut Store,
    client_name: &str,
    date: Option<NaiveDate>,
    hours: Option<(NaiveDate, NaiveDate)>,
    lines: &[Line],
    notes: String,
) -> Result<()> {
    let draft = store.write(|tx| {
        let input = DraftInput {
            client_id: client::by_name(tx, client_name)?,
            invoice_date: date.unwrap_or_else(konbit_core::clock::today),
            notes,
        };
        let mut draft = invoice::create_draft(tx, &input)?;
        if let Some((from, to)) = hours {
            let selection = TimeSelection {
                from,
                to,
                group_by: TimeGrouping::Project,
            };
            draft = invoice::add_time(tx, draft.id, &selection)?;
        }
        for line in lines {
            draft = invoice::add_line(tx, draft.id, &line.input())?;
        }
        Ok::<_, Error>(draft)
    })?;
    println!("{}", draft.id);
    Ok(())
}

/// `konbit invoice issue ID [--date D]`: the draft dated again if asked, then issued in the
/// same transaction, which takes the next number; prints the number alone.
pub fn issue(store: &mut Store, id: i64, date: Option<NaiveDate>) -> Result<()> {
    let issued = store.write(|tx| {
        if let Some(date) = date {
            let draft = invoice::get(tx, id)?;
            let input = DraftInput {
                client_id: draft.client_id,
                invoice_date: date,
                notes: draft.notes.clone(),
            };
            invoice::update_draft(tx, id, &input)?;
        }
        invoice::issue(tx, id)
    })?;
    println!("{}", issued.number.unwrap_or_default());
    Ok(())
}

/// `konbit payment add …`: prints the payment's id, what each invoice received and the credit.
pub fn payment(store: &mut Store, what: PaymentWhat) -> Result<()> {
    let PaymentWhat::Add {
        client: client_name,
        date,
        amount,
        method,
        invoices,
        reference,
    } = what;
    let recorded = store.write(|tx| {
        let ids = invoices
            .iter()
            .map(|number| register::by_number(tx, number))
            .collect::<Result<Vec<_>>>()?;
        let input = PaymentInput {
            client_id: client::by_name(tx, &client_name)?,
            received_on: date,
            method,
            amount,
            reference,
            notes: String::new(),
            allocations: payment::spread(tx, amount, &ids)?,
        };
        payment::record(tx, &input)
    })?;
    let lang = settings::require(store.conn())?.language;
    let mut line = format!("{}\t{}", recorded.id, recorded.amount.format(lang));
    for allocation in &recorded.allocations {
        line.push_str(&format!(
            "\t{} {}",
            allocation.number,
            allocation.amount.format(lang)
        ));
    }
    if recorded.unallocated.0 > 0 {
        line.push_str(&format!("\tcredit {}", recorded.unallocated.format(lang)));
    }
    println!("{line}");
    Ok(())
}

/// Every page of a list, archived rows too.
fn every<T>(
    conn: &Connection,
    mut page: impl FnMut(&Connection, &ListQuery) -> Result<Page<T>>,
) -> Result<Vec<T>> {
    let mut query = ListQuery {
        include_archived: true,
        limit: Some(500),
        ..Default::default()
    };
    let mut all = Vec::new();
    loop {
        let Page { items, next } = page(conn, &query)?;
        all.extend(items);
        match next {
            Some(cursor) => query.after = Some(cursor),
            None => return Ok(all),
        }
    }
}

/// One line per record: its JSON, or the columns `text` writes.
fn print_rows<T: serde::Serialize>(
    rows: &[T],
    json: bool,
    text: impl Fn(&T) -> String,
) -> Result<()> {
    let mut out = std::io::stdout().lock();
    for row in rows {
        let line = match json {
            true => serde_json::to_string(row).map_err(Error::internal)?,
            false => text(row),
        };
        // A closed pipe (`| head`) ends the listing quietly.
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    Ok(())
}

/// `konbit worker list`: name, status, weekly hours, archived.
pub fn workers(store: &Store, json: bool) -> Result<()> {
    let rows = every(store.conn(), worker::list)?;
    print_rows(&rows, json, |w| {
        format!(
            "{}\t{}\t{}\t{}",
            w.name,
            w.status.map(|s| s.code()).unwrap_or("-"),
            w.weekly_minutes
                .map(duration::format)
                .unwrap_or_else(|| "-".into()),
            if w.archived { "archived" } else { "active" }
        )
    })
}

/// `konbit committee list`: name, kind, members, archived.
pub fn committees(store: &Store, json: bool) -> Result<()> {
    let rows = every(store.conn(), committee::list)?;
    print_rows(&rows, json, |c| {
        format!(
            "{}\t{}\t{} members\t{}",
            c.name,
            c.kind.code(),
            c.member_ids.len(),
            if c.archived { "archived" } else { "active" }
        )
    })
}
