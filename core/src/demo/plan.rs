//! The demo's plan for 2012-2013, as the work council drew it up in August 2012: three
//! quarters of each worker's paid hours on their team's client work, the rest on internal work
//! and their committees. The year fell short of it on client work (the seed's revenue of
//! 589 000 $ against a budget of 752 000 $), which the planned-against-worked screens show.

use super::date;
use crate::error::Result;
use crate::store::sql::{params, Connection};
use crate::worktime::plan::{self, PlanBucket, PlanInput, PlanKind};

const CLIENT_SHARE: f64 = 0.75;
const INTERNAL_SHARE: f64 = 0.15;
/// Paid weeks in a year of 52: vacations, holidays and the holiday closure take the rest.
const PAID_WEEKS: f64 = 46.0 / 52.0;

pub(super) fn create(conn: &Connection) -> Result<()> {
    let (first, last) = (date("2012-09-01"), date("2013-08-31"));
    let workers: Vec<(i64, i64, Option<i64>)> = conn
        .prepare("SELECT w.id, w.member_id, (SELECT min(team_id) FROM team_workers t WHERE t.worker_id = w.id) FROM workers w ORDER BY w.id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<crate::store::sql::Result<_>>()?;
    for (worker_id, member_id, team_id) in workers {
        // Minutes the statuses in force during the year would pay: weekly minutes × weeks.
        let weekly_minutes_days: f64 = conn.query_row(
            "SELECT coalesce(sum(weekly_minutes * (julianday(min(coalesce(end_on, ?2), ?2)) - julianday(max(start_on, ?1)) + 1)), 0)
             FROM worker_statuses WHERE worker_id = ?3 AND start_on <= ?2 AND coalesce(end_on, ?2) >= ?1",
            params![first, last, worker_id],
            |r| r.get(0),
        )?;
        let paid = weekly_minutes_days / 7.0 * PAID_WEEKS;
        if paid < 60.0 {
            continue;
        }
        let committees: Vec<i64> = conn
            .prepare("SELECT committee_id FROM committee_members WHERE member_id = ?1 ORDER BY committee_id")?
            .query_map([member_id], |r| r.get(0))?
            .collect::<crate::store::sql::Result<_>>()?;
        let committee_share = if committees.is_empty() {
            0.0
        } else {
            1.0 - CLIENT_SHARE - INTERNAL_SHARE
        };
        let mut lines = vec![(
            PlanBucket {
                kind: PlanKind::Internal,
                team_id: None,
                committee_id: None,
            },
            1.0 - CLIENT_SHARE - committee_share,
        )];
        if team_id.is_some() {
            lines.push((
                PlanBucket {
                    kind: PlanKind::Team,
                    team_id,
                    committee_id: None,
                },
                CLIENT_SHARE,
            ));
        }
        for id in &committees {
            lines.push((
                PlanBucket {
                    kind: PlanKind::Committee,
                    team_id: None,
                    committee_id: Some(*id),
                },
                committee_share / committees.len() as f64,
            ));
        }
        for (bucket, share) in lines {
            let hours = (paid * share / 60.0).round() as u32;
            plan::set(
                conn,
                &PlanInput {
                    worker_id,
                    fiscal_year: "2012-2013".into(),
                    quarter: None,
                    bucket,
                    minutes: hours * 60,
                },
            )?;
        }
    }
    Ok(())
}
