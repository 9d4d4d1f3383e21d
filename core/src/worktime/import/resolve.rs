//! Matching read lines to Konbit's workers, clients, projects and committees, by folded name (or
//! e-mail), through maps loaded once: an import of 100 000 lines makes no query per line.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::read::Line;
use super::{ImportOptions, Missing, MissingKind, Problem};
use crate::clients::client::{self, ClientInput};
use crate::clients::project::{self, BillingMode, ProjectInput};
use crate::error::Result;
use crate::lang::Lang;
use crate::money::Cents;
use crate::organisation::member::{self, MemberInput, MemberKind};
use crate::organisation::worker::{self, NewWorker, StatusInput, WageInput, WorkStatus};
use crate::store::sql::Connection;
use crate::text::{fold, free_text};
use crate::worktime::entry::Checked;

/// Konbit's names, folded, with the ids they stand for.
pub(super) struct Directory {
    workers: HashMap<String, i64>,
    statuses: HashMap<i64, Vec<(NaiveDate, Option<NaiveDate>)>>,
    /// (folded client name or "", folded project name) → project
    projects: HashMap<(String, String), (i64, BillingMode)>,
    clients: HashMap<String, i64>,
    committees: HashMap<String, i64>,
}

/// Where one line's hours go once matched.
#[derive(Clone, Copy)]
enum Target {
    Project(i64, BillingMode),
    Committee(i64),
}

impl Directory {
    pub(super) fn load(conn: &Connection) -> Result<Directory> {
        let mut workers = HashMap::new();
        let mut stmt = conn.prepare("SELECT workers.id, members.name, members.email FROM workers JOIN members ON members.id = workers.member_id")?;
        for row in stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })? {
            let (id, name, email) = row?;
            workers.entry(fold(&name)).or_insert(id);
            if !email.is_empty() {
                workers.entry(email.to_lowercase()).or_insert(id);
            }
        }
        let mut statuses: HashMap<i64, Vec<_>> = HashMap::new();
        let mut stmt = conn.prepare("SELECT worker_id, start_on, end_on FROM worker_statuses")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?)))? {
            let (id, start, end) = row?;
            statuses.entry(id).or_default().push((start, end));
        }
        let mut projects = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT p.id, coalesce(c.name_key, ''), p.name_key, p.billing_mode FROM projects p LEFT JOIN clients c ON c.id = p.client_id ORDER BY p.id",
        )?;
        for row in stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get(3)?,
            ))
        })? {
            let (id, client, name, mode) = row?;
            projects.entry((client, name)).or_insert((id, mode));
        }
        Ok(Directory {
            workers,
            statuses,
            projects,
            clients: names(conn, "clients")?,
            committees: names(conn, "committees")?,
        })
    }

    fn worker(&self, line: &Line, options: &ImportOptions) -> Option<i64> {
        if line.worker.is_empty() {
            return options.worker;
        }
        if let Some(&id) = line
            .worker
            .first()
            .and_then(|label| options.workers.get(label))
        {
            return Some(id);
        }
        line.worker.iter().find_map(|w| {
            self.workers
                .get(&fold(w))
                .or_else(|| self.workers.get(&w.to_lowercase()))
                .copied()
        })
    }

    fn target(&self, line: &Line, options: &ImportOptions) -> std::result::Result<Target, Missing> {
        if let Some(mapped) = options.targets.get(&target_label(line)) {
            return match (mapped.project_id, mapped.committee_id) {
                (Some(id), _) => Ok(Target::Project(id, self.mode_of(id))),
                (None, Some(id)) => Ok(Target::Committee(id)),
                (None, None) => Err(missing_project(line)),
            };
        }
        if !line.committee.is_empty() {
            return self
                .committees
                .get(&fold(&line.committee))
                .map(|&id| Target::Committee(id))
                .ok_or_else(|| Missing {
                    kind: MissingKind::Committee,
                    label: line.committee.clone(),
                    client: String::new(),
                    first_line: line.number,
                    lines: 1,
                });
        }
        let client = fold(&line.client);
        if client.is_empty() {
            if let Some(&id) = self.committees.get(&fold(&line.project)) {
                return Ok(Target::Committee(id));
            }
        } else if !self.clients.contains_key(&client) {
            return Err(Missing {
                kind: MissingKind::Client,
                label: line.client.clone(),
                client: String::new(),
                first_line: line.number,
                lines: 1,
            });
        }
        match self.projects.get(&(client, fold(&line.project))) {
            Some(&(id, mode)) => Ok(Target::Project(id, mode)),
            None => Err(missing_project(line)),
        }
    }

    fn mode_of(&self, project_id: i64) -> BillingMode {
        self.projects
            .values()
            .find(|(id, _)| *id == project_id)
            .map_or(BillingMode::NonBillable, |&(_, mode)| mode)
    }

    fn working(&self, worker_id: i64, date: NaiveDate) -> bool {
        self.statuses.get(&worker_id).is_some_and(|periods| {
            periods
                .iter()
                .any(|&(s, e)| s <= date && e.is_none_or(|e| e >= date))
        })
    }

    /// Matches every line, or says what is unknown or wrong on each.
    pub(super) fn resolve(&self, lines: &[Line], options: &ImportOptions) -> Resolved {
        let mut resolved = Resolved::default();
        // A file repeats a few names over thousands of lines: each distinct set of names is
        // folded and matched once.
        type Names<'l> = (&'l [String], &'l str, &'l str, &'l str);
        let mut matched: HashMap<Names<'_>, (Option<i64>, std::result::Result<Target, Missing>)> =
            HashMap::new();
        for line in lines {
            let names = (
                line.worker.as_slice(),
                line.client.as_str(),
                line.project.as_str(),
                line.committee.as_str(),
            );
            let (worker, target) = matched
                .entry(names)
                .or_insert_with(|| (self.worker(line, options), self.target(line, options)))
                .clone();
            if worker.is_none() && line.worker.is_empty() {
                // A file without a worker column, not yet told whose it is: refused once, in
                // `mod.rs`, rather than on each line.
                continue;
            }
            if worker.is_none() {
                let label = line.worker.first().cloned().unwrap_or_default();
                resolved.missing(Missing {
                    kind: MissingKind::Worker,
                    label,
                    client: String::new(),
                    first_line: line.number,
                    lines: 1,
                });
            }
            if let Err(m) = &target {
                resolved.missing(m.clone());
                if m.kind == MissingKind::Client {
                    resolved.missing(missing_project(line));
                }
            }
            let (Some(worker_id), Ok(target)) = (worker, target) else {
                continue;
            };
            match self.check(line, worker_id, target) {
                Ok(entry) => resolved.entries.push((entry, line.source.clone())),
                Err(p) => resolved.problems.push(p),
            }
        }
        resolved
    }

    fn check(
        &self,
        line: &Line,
        worker_id: i64,
        target: Target,
    ) -> std::result::Result<Checked, Problem> {
        if !self.working(worker_id, line.date) {
            let who = line.worker.first().map_or("", String::as_str);
            return Err(Problem::at(
                line.number,
                None,
                format!("{who} has no status (salaried or freelance) on {}; add one under Organisation → Travailleurs", line.date),
            )
            .because("no_status", format!("{who}, {}", line.date)));
        }
        let (project_id, committee_id, default_billable) = match target {
            Target::Project(id, mode) => (Some(id), None, mode == BillingMode::Hourly),
            Target::Committee(id) => (None, Some(id), false),
        };
        let description = free_text("description", &line.description).map_err(|e| {
            Problem::at(line.number, Some("description"), e.problem.to_string())
                .because("too_long", "")
        })?;
        Ok(Checked {
            worker_id,
            work_date: line.date,
            minutes: line.minutes,
            start_time: line.start.map(|t| t.format("%H:%M").to_string()),
            project_id,
            committee_id,
            description,
            billable: line.billable.unwrap_or(default_billable),
        })
    }
}

/// The entries ready to write with their source keys, and what stands in the way.
#[derive(Default)]
pub(super) struct Resolved {
    pub entries: Vec<(Checked, String)>,
    pub problems: Vec<Problem>,
    /// Unknown names, once each, in the order first met.
    pub missing: Vec<Missing>,
    seen: BTreeMap<(MissingKind, String, String), usize>,
}

impl Resolved {
    /// Adds the problems and unknown names of a later chunk of the same file; its entries are
    /// left to the caller.
    pub(super) fn absorb(&mut self, later: Resolved) {
        self.problems.extend(later.problems);
        for m in later.missing {
            self.missing(m);
        }
    }

    fn missing(&mut self, m: Missing) {
        let key = (m.kind, m.client.clone(), m.label.clone());
        match self.seen.get(&key) {
            Some(&i) => self.missing[i].lines += m.lines,
            None => {
                self.seen.insert(key, self.missing.len());
                self.missing.push(m);
            }
        }
    }
}

/// The words the preview shows for a line's project, and the key of its mapping.
pub(super) fn target_label(line: &Line) -> String {
    match (line.committee.is_empty(), line.client.is_empty()) {
        (false, _) => line.committee.clone(),
        (true, true) => line.project.clone(),
        (true, false) => format!("{} / {}", line.client, line.project),
    }
}

fn missing_project(line: &Line) -> Missing {
    Missing {
        kind: MissingKind::Project,
        label: line.project.clone(),
        client: line.client.clone(),
        first_line: line.number,
        lines: 1,
    }
}

fn names(conn: &Connection, table: &str) -> Result<HashMap<String, i64>> {
    let mut map = HashMap::new();
    let mut stmt = conn.prepare(&format!("SELECT id, name_key FROM {table} ORDER BY id"))?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, key) = row?;
        map.entry(key).or_insert(id);
    }
    Ok(map)
}

/// Creates what the file names and Konbit lacks: clients first, then their projects, then
/// workers (freelance from their first imported day, at 0 $/h until someone sets their wage).
/// Committees are never created: they are decided by the assembly, not by a file.
pub(super) fn create_missing(conn: &Connection, missing: &[Missing], lines: &[Line]) -> Result<()> {
    let mut order: Vec<&Missing> = missing.iter().collect();
    order.sort_by_key(|m| m.kind);
    for m in order {
        match m.kind {
            MissingKind::Client => {
                client::create(
                    conn,
                    &ClientInput {
                        name: m.label.clone(),
                        language: Lang::Fr,
                        tax_exempt: false,
                        address: String::new(),
                        email: String::new(),
                        phone: String::new(),
                        payment_terms_days: 30,
                        notes: "Créé par une importation de feuilles de temps.".into(),
                        contacts: vec![],
                    },
                )?;
            }
            MissingKind::Project => {
                let client_id = match m.client.is_empty() {
                    true => None,
                    false => Directory::load(conn)?
                        .clients
                        .get(&fold(&m.client))
                        .copied(),
                };
                let (billing_mode, hourly_rate) = match client_id {
                    Some(_) => (BillingMode::Hourly, Some(Cents(0))),
                    None => (BillingMode::Internal, None),
                };
                project::create(
                    conn,
                    &ProjectInput {
                        client_id,
                        team_id: None,
                        department_id: None,
                        name: m.label.clone(),
                        billing_mode,
                        hourly_rate,
                        fixed_price: None,
                    },
                )?;
            }
            MissingKind::Worker => {
                let first = lines
                    .iter()
                    .filter(|l| l.worker.first() == Some(&m.label))
                    .map(|l| l.date)
                    .min();
                let Some(first) = first else { continue };
                // The file's e-mail (Kimai, Toggl and Clockify give one) is kept on the new
                // person, so that the next export matches them by it.
                let email = lines
                    .iter()
                    .find(|l| l.worker.first() == Some(&m.label) && l.email.contains('@'))
                    .map(|l| l.email.clone())
                    .unwrap_or_default();
                let member_id = member::create(
                    conn,
                    &MemberInput {
                        kind: MemberKind::Person,
                        name: m.label.clone(),
                        email,
                        phone: String::new(),
                        address: String::new(),
                        joined_on: Some(first),
                    },
                )?
                .id;
                worker::create(
                    conn,
                    &NewWorker {
                        member_id: Some(member_id),
                        name: m.label.clone(),
                        status: StatusInput {
                            status: WorkStatus::Freelance,
                            weekly_minutes: 0,
                            start_on: first,
                            end_on: None,
                        },
                        wage: WageInput {
                            effective_on: first,
                            hourly_rate: Cents(0),
                            employer_charges_bp: 0,
                        },
                    },
                )?;
            }
            MissingKind::Committee => {}
        }
    }
    Ok(())
}
