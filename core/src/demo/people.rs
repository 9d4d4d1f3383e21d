//! The demo's people: about twenty workers past and present with their status and wage
//! history (the seed's 1 $/h raise for everyone on 2012-09-01), the other members, the
//! committees, the board and the work council.

use rand::rngs::StdRng;
use rand::seq::IndexedRandom;

use super::{date, Summary};
use crate::error::Result;
use crate::organisation::committee::{self, CommitteeInput, CommitteeKind};
use crate::organisation::member::{self, MemberInput, MemberKind};
use crate::organisation::worker::{self, NewWorker, StatusInput, WageInput, WorkStatus};
use crate::store::sql::Connection;
use crate::Cents;

/// The day the raise of 1 $/h for everyone took effect.
pub const RAISE_ON: &str = "2012-09-01";
const RAISE: i64 = 100;
const SALARIED_CHARGES_BP: u32 = 1_400;

use WorkStatus::{Freelance as F, Salaried as S};

struct DemoWorker {
    name: &'static str,
    /// Indexes into the teams `drupal`, `infra`, `obnl`.
    teams: &'static [usize],
    /// (status, hours a week, from, until)
    periods: &'static [(WorkStatus, u32, &'static str, Option<&'static str>)],
    /// Hourly rate in cents when hired.
    rate: i64,
    committees: &'static [&'static str],
}

const WORKERS: &[DemoWorker] = &[
    DemoWorker {
        name: "Héloïse Tremblay",
        teams: &[0],
        periods: &[(S, 35, "2008-03-01", None)],
        rate: 2_000,
        committees: &["Communication et communauté", "Femmes"],
    },
    DemoWorker {
        name: "Omar Benali",
        teams: &[1],
        periods: &[(S, 35, "2007-01-15", None)],
        rate: 2_100,
        committees: &["Financement", "Légal"],
    },
    DemoWorker {
        name: "Antoine Gervais",
        teams: &[1],
        periods: &[(S, 35, "2007-01-15", None)],
        rate: 2_100,
        committees: &["Légal", "Ventes"],
    },
    DemoWorker {
        name: "Sophie Lavoie",
        teams: &[2],
        periods: &[(S, 35, "2010-05-01", None)],
        rate: 1_900,
        committees: &["Ventes", "Femmes"],
    },
    DemoWorker {
        name: "Samuel Vachon",
        teams: &[2],
        periods: &[
            (S, 35, "2010-05-01", Some("2012-09-30")),
            (S, 35, "2013-02-01", None),
        ],
        rate: 1_900,
        committees: &["Ressources humaines"],
    },
    DemoWorker {
        name: "Gabriel Côté",
        teams: &[1],
        periods: &[
            (F, 20, "2010-01-11", Some("2011-12-31")),
            (S, 35, "2012-01-01", None),
        ],
        rate: 1_800,
        committees: &["Communication et communauté"],
    },
    DemoWorker {
        name: "Christian Bérubé",
        teams: &[1],
        periods: &[
            (F, 15, "2010-06-01", Some("2011-12-31")),
            (S, 35, "2012-01-01", None),
        ],
        rate: 1_800,
        committees: &["Financement"],
    },
    DemoWorker {
        name: "Diane Fortin",
        teams: &[0],
        periods: &[(S, 35, "2013-01-07", None)],
        rate: 1_900,
        committees: &["Femmes"],
    },
    DemoWorker {
        name: "Zacharie Nadeau",
        teams: &[0],
        periods: &[
            (F, 20, "2011-09-01", Some("2012-08-31")),
            (S, 28, "2012-09-01", None),
        ],
        rate: 1_800,
        committees: &[],
    },
    DemoWorker {
        name: "Jenny Ouellet",
        teams: &[0],
        periods: &[(S, 35, "2009-06-01", Some("2012-12-21"))],
        rate: 2_000,
        committees: &["Ressources humaines"],
    },
    DemoWorker {
        name: "Shane Murphy",
        teams: &[0],
        periods: &[
            (S, 35, "2010-02-01", Some("2012-10-31")),
            (S, 21, "2012-11-01", Some("2013-03-31")),
        ],
        rate: 1_900,
        committees: &["Ventes"],
    },
    DemoWorker {
        name: "Guillaume Pelletier",
        teams: &[0],
        periods: &[(S, 35, "2010-09-01", Some("2012-10-31"))],
        rate: 1_900,
        committees: &[],
    },
    DemoWorker {
        name: "Sofiane Belkacem",
        teams: &[2, 0],
        periods: &[(S, 35, "2010-09-01", None)],
        rate: 1_900,
        committees: &["Légal"],
    },
    DemoWorker {
        name: "Patrick Hébert",
        teams: &[2],
        periods: &[(S, 35, "2010-05-01", Some("2012-09-28"))],
        rate: 1_900,
        committees: &[],
    },
    DemoWorker {
        name: "Marie-Ève Gagnon",
        teams: &[],
        periods: &[(S, 28, "2009-01-05", None)],
        rate: 2_000,
        committees: &["Financement", "Ressources humaines"],
    },
    DemoWorker {
        name: "Karine Dubé",
        teams: &[1],
        periods: &[(S, 35, "2011-06-01", None)],
        rate: 1_850,
        committees: &["Femmes", "Légal"],
    },
    DemoWorker {
        name: "Mathieu Leclerc",
        teams: &[2],
        periods: &[(F, 10, "2012-01-01", None)],
        rate: 2_500,
        committees: &[],
    },
    DemoWorker {
        name: "Léa Morin",
        teams: &[0],
        periods: &[(F, 15, "2012-02-01", None)],
        rate: 1_800,
        committees: &["Communication et communauté"],
    },
    DemoWorker {
        name: "Julien Caron",
        teams: &[1],
        periods: &[(F, 15, "2012-10-01", Some("2013-08-31"))],
        rate: 2_000,
        committees: &[],
    },
    DemoWorker {
        name: "Félix Poirier",
        teams: &[0],
        periods: &[(S, 35, "2007-01-15", Some("2011-06-30"))],
        rate: 1_900,
        committees: &[],
    },
    DemoWorker {
        name: "Nadia Chartier",
        teams: &[2],
        periods: &[(S, 35, "2008-01-07", Some("2011-08-31"))],
        rate: 1_800,
        committees: &[],
    },
];

const OTHER_PEOPLE: &[&str] = &[
    "Alexandre Bouchard",
    "Amélie Girard",
    "Benoît Lemieux",
    "Camille Fournier",
    "Catherine Paré",
    "Denis Lapointe",
    "Élise Bergeron",
    "François Leblanc",
    "Geneviève Cloutier",
    "Hugo Desjardins",
    "Isabelle Mercier",
    "Jacques Savard",
    "Josée Thibault",
    "Louis-Philippe Roy",
    "Marc-André Giguère",
    "Nathalie Boivin",
    "Olivier Charbonneau",
    "Pascale Dion",
    "Rachid Haddad",
    "Simone Lacroix",
];

const ORGANISATIONS: &[&str] = &[
    "Coop Les Ateliers libres",
    "Collectif Média libre",
    "Association du logiciel libre de Montréal",
    "Coop Praxis numérique",
    "Réseau sans fil communautaire",
];

const COMMITTEES: &[(&str, CommitteeKind)] = &[
    ("Communication et communauté", CommitteeKind::Permanent),
    ("Femmes", CommitteeKind::Permanent),
    ("Financement", CommitteeKind::Permanent),
    ("Légal", CommitteeKind::Permanent),
    ("Ressources humaines", CommitteeKind::Permanent),
    ("Ventes", CommitteeKind::Permanent),
    ("Déménagement des bureaux", CommitteeKind::AdHoc),
    ("Conseil d'administration", CommitteeKind::Board),
    ("Conseil de travail", CommitteeKind::WorkCouncil),
];

pub(super) fn create(conn: &Connection, teams: &[i64], rng: &mut StdRng) -> Result<Summary> {
    let mut worker_members = Vec::new();
    let mut council = Vec::new();
    for w in WORKERS {
        let (member_id, salaried) = hire(conn, w, teams)?;
        worker_members.push((member_id, w));
        if salaried {
            council.push(member_id);
        }
    }
    let mut others = Vec::new();
    for (names, kind) in [
        (OTHER_PEOPLE, MemberKind::Person),
        (ORGANISATIONS, MemberKind::Organisation),
    ] {
        for name in names {
            let input = MemberInput {
                kind,
                name: (*name).into(),
                email: String::new(),
                phone: String::new(),
                address: String::new(),
                joined_on: Some(date("2009-10-15")),
            };
            others.push(member::create(conn, &input)?.id);
        }
    }
    let people: Vec<i64> = others[..OTHER_PEOPLE.len()].to_vec();
    let board: Vec<i64> = people.choose_multiple(rng, 5).copied().collect();
    for (name, kind) in COMMITTEES {
        let member_ids = match kind {
            CommitteeKind::Board => board.clone(),
            CommitteeKind::WorkCouncil => council.clone(),
            _ => worker_members
                .iter()
                .filter(|(_, w)| w.committees.contains(name))
                .map(|(id, _)| *id)
                .collect(),
        };
        committee::create(
            conn,
            &CommitteeInput {
                kind: *kind,
                name: (*name).into(),
                member_ids,
            },
        )?;
    }
    Ok(Summary {
        members: WORKERS.len() + others.len(),
        workers: WORKERS.len(),
        committees: COMMITTEES.len(),
        ..Summary::default()
    })
}

/// Hires one worker with their whole history; returns the member id and whether they are
/// salaried in 2012-2013 (and so on the work council).
fn hire(conn: &Connection, w: &DemoWorker, teams: &[i64]) -> Result<(i64, bool)> {
    let (status, hours, start, end) = w.periods[0];
    let charges = |s: WorkStatus| if s == S { SALARIED_CHARGES_BP } else { 0 };
    let first = NewWorker {
        member_id: None,
        name: w.name.into(),
        status: StatusInput {
            status,
            weekly_minutes: hours * 60,
            start_on: date(start),
            end_on: end.map(date),
        },
        wage: WageInput {
            effective_on: date(start),
            hourly_rate: Cents(w.rate),
            employer_charges_bp: charges(status),
        },
    };
    let created = worker::create(conn, &first)?;
    for (status, hours, start, end) in &w.periods[1..] {
        let input = StatusInput {
            status: *status,
            weekly_minutes: hours * 60,
            start_on: date(start),
            end_on: end.map(date),
        };
        worker::add_status(conn, created.id, &input)?;
        // A change of status on the day of the raise takes the raised wage below.
        if *status != w.periods[0].0 && date(start) != date(RAISE_ON) {
            let wage = WageInput {
                effective_on: date(start),
                hourly_rate: Cents(w.rate),
                employer_charges_bp: charges(*status),
            };
            worker::add_wage(conn, created.id, &wage)?;
        }
    }
    let raise_on = date(RAISE_ON);
    let last = w.periods[w.periods.len() - 1];
    let last_status = last.0;
    let active_after_raise = last.3.is_none_or(|end| date(end) >= raise_on);
    if date(w.periods[0].2) < raise_on && active_after_raise {
        let wage = WageInput {
            effective_on: raise_on,
            hourly_rate: Cents(w.rate + RAISE),
            employer_charges_bp: charges(last_status),
        };
        worker::add_wage(conn, created.id, &wage)?;
    }
    if !w.teams.is_empty() {
        let ids: Vec<i64> = w.teams.iter().map(|i| teams[*i]).collect();
        worker::set_teams(conn, created.id, &ids)?;
    }
    let fy_end = date("2013-08-31");
    let salaried_in_year = w.periods.iter().any(|(s, _, start, end)| {
        *s == S && date(start) <= fy_end && end.is_none_or(|e| date(e) >= raise_on)
    });
    // Whoever has left by the end of the demo year is archived: still in the books, off the lists.
    let left = last.3.is_some();
    if left {
        worker::set_archived(conn, created.id, true)?;
    }
    Ok((created.member_id, salaried_in_year))
}
