//! The demo organisation: the collective of the seed's annual report 2012-2013, with fictional
//! people and clients. `konbit demo` and the app's first start build it through the same
//! services a person would use, so the demo obeys every rule the app enforces.

mod clients;
mod finance;
mod invoices;
mod legal;
pub use legal::PASSPHRASE as LEGAL_PASSPHRASE;
mod people;
mod plan;
mod report;
#[cfg(feature = "scale")]
mod scale;
mod time;

#[cfg(feature = "scale")]
pub use scale::MAX_SCALE;

use chrono::NaiveDate;
use rand::rngs::StdRng;
use rand::SeedableRng;

use crate::error::{Error, Result};
use crate::organisation::settings::{self, Settings};
use crate::organisation::team::{self, TeamInput};
use crate::store::sql::Connection;
use crate::Cents;

pub const DEFAULT_SEED: u64 = 2013;

/// What `konbit demo` created, for its summary line.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub members: usize,
    pub workers: usize,
    pub teams: usize,
    pub committees: usize,
    pub clients: usize,
    pub projects: usize,
    pub time_entries: usize,
    pub invoices: usize,
}

/// Builds the demo organisation in an empty database. Run it inside one transaction
/// ([`crate::store::Store::write`]) so that a failure leaves nothing behind.
pub fn create(conn: &Connection, seed: u64) -> Result<Summary> {
    Ok(create_with_rng(conn, seed)?.0)
}

/// The demo, then, from `scale` 2 on, the years after it of a collective that grew, for about
/// `scale` times the demo's records (see `scale.rs`). Run it inside one transaction too.
#[cfg(feature = "scale")]
pub fn create_at_scale(conn: &Connection, seed: u64, scale: u32) -> Result<Summary> {
    let (demo, mut rng) = create_with_rng(conn, seed)?;
    if scale <= 1 {
        return Ok(demo);
    }
    let grown = scale::extend(conn, &mut rng, scale)?;
    Ok(demo.merge(grown))
}

/// The demo and the random generator as the demo left it, which the scale's years go on from.
fn create_with_rng(conn: &Connection, seed: u64) -> Result<(Summary, StdRng)> {
    let (summary, mut rng) = people_and_clients(conn, seed)?;
    let time_entries = time::create(conn, &mut rng)?;
    plan::create(conn)?;
    let invoices = invoices::create(conn, &mut rng)?;
    finance::create(conn)?;
    legal::create(conn)?;
    report::create(conn)?;
    let demo = Summary {
        time_entries,
        invoices,
        ..summary
    };
    Ok((demo, rng))
}

/// The organisation, its people, clients, projects and contracts, without hours or invoices:
/// what tests of the services that make hours and invoices start from.
pub(crate) fn people_and_clients(conn: &Connection, seed: u64) -> Result<(Summary, StdRng)> {
    if settings::get(conn)?.is_some() {
        return Err(Error::Refused(crate::error::Problem::OrganisationExists));
    }
    let mut rng = StdRng::seed_from_u64(seed);
    settings::save(conn, &organisation())?;
    let teams = [
        ("drupal", "Équipe Drupal"),
        ("infra", "Équipe Infrastructure"),
        ("obnl", "Équipe OBNL"),
    ]
    .iter()
    .map(|(code, name)| {
        team::create(
            conn,
            &TeamInput {
                code: (*code).into(),
                name: (*name).into(),
            },
        )
        .map(|t| t.id)
    })
    .collect::<Result<Vec<_>>>()?;
    let people = people::create(conn, &teams, &mut rng)?;
    let clients = clients::create(conn, &teams)?;
    Ok((
        Summary {
            teams: teams.len(),
            ..people.merge(clients)
        },
        rng,
    ))
}

fn organisation() -> Settings {
    Settings {
        name: "Réseau Koumbit".into(),
        address: "7000, avenue du Parc, bureau 202\nMontréal (Québec) H3N 1X1".into(),
        gst_number: "86297 4512 RT0001".into(),
        qst_number: "1218634571 TQ0001".into(),
        cushion: Cents(3_000_000),
        ..Settings::new("Réseau Koumbit")
    }
}

impl Summary {
    fn merge(self, other: Summary) -> Summary {
        Summary {
            members: self.members + other.members,
            workers: self.workers + other.workers,
            teams: self.teams + other.teams,
            committees: self.committees + other.committees,
            clients: self.clients + other.clients,
            projects: self.projects + other.projects,
            time_entries: self.time_entries + other.time_entries,
            invoices: self.invoices + other.invoices,
        }
    }
}

fn date(text: &str) -> NaiveDate {
    // The demo's dates are literals in this module, checked by its tests.
    text.parse().unwrap_or(NaiveDate::MIN)
}

/// The demo organisation, default seed, in a database in memory: what many tests start from.
#[cfg(test)]
pub(crate) fn in_memory() -> crate::store::Store {
    let mut store = crate::store::Store::open_in_memory().expect("a database in memory");
    store
        .write(|tx| create(tx, DEFAULT_SEED))
        .expect("the demo organisation");
    store
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::listing::ListQuery;
    use crate::organisation::{committee, member, worker};
    use crate::store::Store;

    fn all() -> ListQuery {
        ListQuery {
            include_archived: true,
            limit: Some(500),
            ..Default::default()
        }
    }

    #[test]
    fn builds_the_seed_organisation() {
        let mut store = Store::open_in_memory().unwrap();
        let summary = store.write(|tx| create(tx, DEFAULT_SEED)).unwrap();
        let conn = store.conn();
        let members = member::list(conn, &all()).unwrap().items;
        assert_eq!(members.len(), 46);
        assert_eq!(
            members
                .iter()
                .filter(|m| m.kind == member::MemberKind::Organisation)
                .count(),
            5
        );
        assert_eq!(summary.members, 46);
        assert!(
            (18..=22).contains(&summary.workers),
            "about 20 workers past and present: {}",
            summary.workers
        );
        assert!(
            (38..=42).contains(&summary.clients),
            "about 40 clients: {}",
            summary.clients
        );
        assert_eq!(
            team::by_code(conn, "infra").unwrap().name,
            "Équipe Infrastructure"
        );
        let committees = committee::list(conn, &all()).unwrap().items;
        let council = committees
            .iter()
            .find(|c| c.kind == committee::CommitteeKind::WorkCouncil)
            .unwrap();
        assert!(
            council.member_ids.len() >= 10,
            "every salaried worker sits on the work council"
        );
        assert_eq!(
            committees
                .iter()
                .filter(|c| c.kind == committee::CommitteeKind::Permanent)
                .count(),
            6
        );
    }

    #[test]
    fn everyone_gets_the_raise_during_2012_2013() {
        let mut store = Store::open_in_memory().unwrap();
        store.write(|tx| create(tx, DEFAULT_SEED)).unwrap();
        let conn = store.conn();
        let before = date("2012-08-31");
        let after = date("2013-08-31");
        let mut raised = 0;
        for w in worker::list(conn, &all()).unwrap().items {
            let detail = worker::get(conn, w.id).unwrap();
            let active = detail
                .statuses
                .iter()
                .any(|s| s.start_on <= after && s.end_on.is_none_or(|e| e >= after));
            let (Some(old), Some(new)) = (
                worker::wage_on(conn, w.id, before).unwrap(),
                worker::wage_on(conn, w.id, after).unwrap(),
            ) else {
                continue;
            };
            if active {
                assert_eq!(
                    new.hourly_rate.0 - old.hourly_rate.0,
                    100,
                    "{} got 1 $/h more",
                    w.name
                );
                raised += 1;
            }
        }
        assert!(raised >= 10);
    }

    #[test]
    fn the_years_hours_tell_the_seeds_story() {
        use crate::worktime::distribution;
        let mut store = Store::open_in_memory().unwrap();
        store.write(|tx| create(tx, DEFAULT_SEED)).unwrap();
        let conn = store.conn();
        let year = distribution::compute(conn, date("2012-09-01"), date("2013-08-31")).unwrap();
        let before = distribution::compute(conn, date("2011-09-01"), date("2012-08-31")).unwrap();
        assert!(
            (11.0..=13.0).contains(&year.fte),
            "about 12 FTE in 2012-2013: {:.2}",
            year.fte
        );
        assert!(
            year.salaried_share >= 0.80,
            "salaried share {:.2}",
            year.salaried_share
        );
        let ratio = year.totals.billable as f64 / before.totals.billable as f64;
        assert!(
            (0.4..=0.6).contains(&ratio),
            "hourly client work about half the year before: {ratio:.2}"
        );
        let internal = year.totals.internal as f64 / before.totals.internal as f64;
        assert!(
            (0.85..=1.15).contains(&internal),
            "internal and committee work stable: {internal:.2}"
        );
        eprintln!("2012-2013: {:.2} FTE, salaried {:.2}, hourly {ratio:.2} of the year before, internal {internal:.2}", year.fte, year.salaried_share);
    }

    #[test]
    fn the_year_fell_short_of_its_plan_on_client_work() {
        use crate::worktime::plan::{self, PlanKind};
        let mut store = Store::open_in_memory().unwrap();
        store.write(|tx| create(tx, DEFAULT_SEED)).unwrap();
        let cmp = plan::compare(store.conn(), "2012-2013", None).unwrap();
        let total = cmp.total;
        let hours = |m: u64| m / 60;
        eprintln!(
            "2012-2013 plan: {} h planned, {} h worked, {:+.1} %",
            hours(total.planned),
            hours(total.actual),
            total.percent.unwrap() * 100.0
        );
        assert!(
            total.percent.unwrap().abs() < 0.15,
            "the hours worked are about the hours planned"
        );
        let client = |kind| {
            cmp.buckets
                .iter()
                .filter(|b| b.bucket.kind == kind)
                .fold((0, 0), |(p, a), b| {
                    (p + b.variance.planned, a + b.variance.actual)
                })
        };
        let (planned, actual) = client(PlanKind::Team);
        assert!(
            actual < planned * 9 / 10,
            "client work below plan: {} of {} h",
            hours(actual),
            hours(planned)
        );
        let (planned, actual) = client(PlanKind::Internal);
        assert!(
            actual > planned,
            "internal work above plan: {} of {} h",
            hours(actual),
            hours(planned)
        );
        assert!(cmp.workers.len() >= 15 && cmp.quarters.len() == 4);
    }

    #[test]
    fn receivables_over_90_days_rise_then_fall_in_2012_2013() {
        use crate::fiscal::FiscalYear;
        use crate::invoicing::receivables;
        let mut store = Store::open_in_memory().unwrap();
        store.write(|tx| create(tx, DEFAULT_SEED)).unwrap();
        let quarters = receivables::over_90_by_quarter(
            store.conn(),
            FiscalYear::containing(date("2013-01-01"), 9),
        )
        .unwrap();
        let over: Vec<i64> = quarters.iter().map(|q| q.over_90.0 / 100).collect();
        eprintln!("90+ at the end of each quarter of 2012-2013: {over:?} $");
        assert!(
            over[1] > over[0] && over[2] > over[1],
            "grows in Q2 and Q3: {over:?}"
        );
        assert!(over[3] < over[2], "falls in Q4: {over:?}");
        let methods: i64 = store
            .conn()
            .query_row(
                "SELECT count(*) FROM payments WHERE method = 'barter'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let credit_notes: i64 =
            store.conn().query_row("SELECT count(*) FROM invoices WHERE kind = 'credit_note' AND issued_at IS NOT NULL", [], |r| r.get(0)).unwrap();
        assert!(methods > 0 && credit_notes > 0);
    }

    #[test]
    fn twice_is_refused() {
        let mut store = Store::open_in_memory().unwrap();
        store.write(|tx| create(tx, 1)).unwrap();
        assert!(matches!(
            store.write(|tx| create(tx, 1)),
            Err(Error::Refused(crate::error::Problem::OrganisationExists))
        ));
    }
}

#[cfg(test)]
mod seed_figures;
