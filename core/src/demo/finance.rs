//! The demo's money beyond invoices for 2011-2012 and 2012-2013: the PAPSI grant (93 000 $ the
//! first year, 48 000 $ the second as it ended mid-year), the recurring expenses (rent,
//! colocation, insurance…), freelancers' monthly invoices for their hours, the one-off expenses
//! of each year (the legal fees of the spring 2013 case, the server move), the bank account, the
//! 2012-2013 budget; and the summaries of the years 2007-2008 to 2010-2011 from the annual
//! reports of the time. Together with the hours and invoices they give the seed's figures.

use chrono::{Months, NaiveDate};

use super::date;
use crate::catalog::{self, Catalog};
use crate::error::Result;
use crate::finance::bank::{self, BankAccountInput};
use crate::finance::expense::{self, ExpenseInput, ExpenseMethod};
use crate::finance::history::{self, HistoryYear};
use crate::finance::income::{self, IncomeInput, IncomeKind};
use crate::finance::recurring::RecurringInput;
use crate::invoicing::contract::Period;
use crate::money::Cents;
use crate::store::sql::Connection;

/// The last day the demo's records know.
const LAST_DAY: &str = "2013-08-31";

/// In the bank on 2011-09-01, in dollars: with the year's surplus, enough to carry 2012-2013
/// above the 30 000 $ cushion until its last months.
const OPENING_BALANCE: i64 = 72_000;

/// Members' yearly fees, the workshops given in the winter of 2012 and the spring 2012
/// fundraising campaign: (day, kind, source, dollars).
const OTHER_INCOME: &[(&str, IncomeKind, &str, i64)] = &[
    (
        "2011-10-15",
        IncomeKind::Membership,
        "Cotisations des membres 2011-2012",
        2_300,
    ),
    (
        "2012-02-10",
        IncomeKind::Other,
        "Ateliers de formation Drupal pour les groupes communautaires",
        6_300,
    ),
    (
        "2012-04-20",
        IncomeKind::Donation,
        "Dons — campagne de financement",
        6_100,
    ),
    (
        "2012-10-15",
        IncomeKind::Membership,
        "Cotisations des membres 2012-2013",
        2_100,
    ),
];

/// (supplier, category, dollars before taxes, taxable, period, first day, last day)
type Recurring = (
    &'static str,
    &'static str,
    i64,
    bool,
    Period,
    &'static str,
    Option<&'static str>,
);

const RECURRING: &[Recurring] = &[
    (
        "Coopérative d'habitation du Parc (bureaux)",
        "rent",
        2_600,
        true,
        Period::Monthly,
        "2011-09-01",
        None,
    ),
    (
        "Colocation Cogeco (baie et bande passante)",
        "servers",
        2_400,
        true,
        Period::Monthly,
        "2011-09-05",
        Some("2013-06-05"),
    ),
    // After the unplanned server move of June 2013.
    (
        "Colocation iWeb (nouveau fournisseur)",
        "servers",
        2_150,
        true,
        Period::Monthly,
        "2013-07-05",
        None,
    ),
    (
        "Noms de domaine et certificats",
        "servers",
        250,
        true,
        Period::Monthly,
        "2011-09-20",
        None,
    ),
    (
        "Téléphonie et Internet du bureau",
        "other",
        180,
        true,
        Period::Monthly,
        "2011-09-12",
        None,
    ),
    (
        "Caisse d'économie solidaire (frais)",
        "fees",
        45,
        false,
        Period::Monthly,
        "2011-09-28",
        None,
    ),
    (
        "Assurance collective (part de l'employeur)",
        "other",
        1_400,
        false,
        Period::Monthly,
        "2011-09-01",
        None,
    ),
    (
        "Assurances responsabilité civile et professionnelle",
        "other",
        3_800,
        false,
        Period::Yearly,
        "2011-09-15",
        None,
    ),
    (
        "Cotisation à la fédération des coopératives de travail",
        "fees",
        2_500,
        false,
        Period::Yearly,
        "2011-10-01",
        None,
    ),
    (
        "Mission d'examen des états financiers",
        "fees",
        7_500,
        true,
        Period::Yearly,
        "2011-11-15",
        None,
    ),
];

/// (day, category, supplier, dollars before taxes)
const ONE_OFFS: &[(&str, &str, &str, i64)] = &[
    (
        "2011-10-05",
        "equipment",
        "Portables pour les nouveaux salariés",
        9_000,
    ),
    (
        "2011-10-20",
        "travel",
        "Rencontre des coopératives de travail, Québec",
        1_650,
    ),
    ("2012-01-20", "other", "Recrutement et intégration", 4_300),
    (
        "2012-02-14",
        "equipment",
        "Serveurs de remplacement",
        12_000,
    ),
    ("2012-03-15", "travel", "DrupalCon Denver", 5_200),
    ("2012-05-10", "travel", "Formation sysadmin, Toronto", 1_600),
    (
        "2012-06-10",
        "other",
        "Journées de réflexion (retraite annuelle)",
        8_500,
    ),
    // 2012-2013: travel cut by half, the retreat done as volunteers, the office move put off;
    // the Val-Jalbert case and the server move were not in the budget.
    (
        "2012-10-03",
        "travel",
        "Rencontre des coopératives de travail, Québec",
        850,
    ),
    (
        "2012-11-16",
        "travel",
        "Sommet du logiciel libre, Québec",
        2_050,
    ),
    (
        "2013-01-22",
        "fees",
        "Chèques frauduleux — oppositions et frais bancaires",
        350,
    ),
    ("2013-04-12", "travel", "DrupalCamp Ottawa", 1_300),
    (
        "2013-03-28",
        "legal",
        "Étude Dubois avocats — mise en demeure",
        6_500,
    ),
    (
        "2013-05-15",
        "legal",
        "Étude Dubois avocats — injonction Anton Piller",
        10_600,
    ),
    (
        "2013-06-08",
        "equipment",
        "Déménagement des serveurs — matériel et transport",
        9_700,
    ),
    (
        "2013-08-02",
        "legal",
        "Étude Dubois avocats — ordonnance de divulgation",
        4_800,
    ),
];

/// (fiscal year, revenue $, expenses $, net worth $, FTE, salaried share). Each net worth is the
/// one before plus the year's result; the last is what the bank held when Konbit's books open
/// (`OPENING_BALANCE`): the collective owed nothing and was owed nothing that day, so the
/// opening balance sheet is the bank against the net worth carried.
const HISTORY: &[(&str, i64, i64, i64, f64, f64)] = &[
    ("2007-2008", 212_000, 205_000, 106_000, 3.1, 0.90),
    // The largest deficit since the start; 2012-2013's is the second.
    ("2008-2009", 298_000, 343_000, 61_000, 4.6, 0.86),
    ("2009-2010", 455_000, 452_000, 64_000, 7.2, 0.82),
    ("2010-2011", 612_000, 604_000, 72_000, 9.4, 0.80),
];

pub(super) fn create(conn: &Connection) -> Result<()> {
    for (year, revenue, expenses, worth, fte, share) in HISTORY {
        history::save(
            conn,
            &HistoryYear {
                fiscal_year: (*year).into(),
                revenue: Cents(revenue * 100),
                expenses: Cents(expenses * 100),
                net_worth: Cents(worth * 100),
                fte: *fte,
                salaried_share: *share,
                notes: String::new(),
            },
        )?;
    }
    let grants = department(conn, Catalog::RevenueDepartments, "grants")?;
    for (on, dollars) in [
        ("2011-09-15", 23_250),
        ("2011-12-15", 23_250),
        ("2012-03-15", 23_250),
        ("2012-06-15", 23_250),
        ("2012-09-15", 24_000),
        ("2012-12-15", 24_000),
    ] {
        income::create(
            conn,
            &IncomeInput {
                received_on: date(on),
                kind: IncomeKind::Grant,
                source: "PAPSI (Emploi-Québec)".into(),
                department_id: grants,
                amount: Cents(dollars * 100),
                description: String::new(),
            },
        )?;
    }
    let other = department(conn, Catalog::RevenueDepartments, "other")?;
    for (on, kind, source, dollars) in OTHER_INCOME {
        income::create(
            conn,
            &IncomeInput {
                received_on: date(on),
                kind: *kind,
                source: (*source).into(),
                department_id: other,
                amount: Cents(dollars * 100),
                description: String::new(),
            },
        )?;
    }
    for r in RECURRING {
        recurring(conn, r)?;
    }
    crate::finance::recurring::generate(conn, date(LAST_DAY))?;
    for (on, category, supplier, dollars) in ONE_OFFS {
        spend(conn, date(on), category, supplier, *dollars)?;
    }
    bank::create(
        conn,
        &BankAccountInput {
            name: "Caisse d'économie solidaire — compte courant".into(),
            opened_on: date("2011-09-01"),
            opening_balance: Cents(OPENING_BALANCE * 100),
        },
    )?;
    freelancers(conn)?;
    budget(conn)
}

/// The 2012-2013 budget as adopted in August 2012, in dollars for the year, spread evenly over
/// the quarters: 752 000 $ of revenue, counting on webdev hours that did not come.
/// (team code or none for the collective, department or category code, dollars)
const BUDGET_REVENUE: &[(Option<&str>, &str, i64)] = &[
    (Some("drupal"), "webdev", 260_000),
    (Some("infra"), "hosting", 24_000),
    (Some("infra"), "sysadmin_contracts", 150_000),
    (Some("infra"), "sysadmin_consulting", 132_000),
    (Some("obnl"), "obnl_civicrm", 130_000),
    (None, "grants", 48_000),
    (None, "other", 8_000),
];

const BUDGET_EXPENSES: &[(Option<&str>, &str, i64)] = &[
    (Some("drupal"), "payroll", 200_000),
    (Some("infra"), "payroll", 160_000),
    (Some("obnl"), "payroll", 95_000),
    (None, "payroll", 90_000),
    (Some("drupal"), "freelancers", 20_000),
    (Some("infra"), "freelancers", 10_000),
    (None, "rent", 31_200),
    (Some("infra"), "servers", 31_000),
    (None, "legal", 3_000),
    (None, "travel", 8_400),
    // The office move, put off.
    (None, "equipment", 21_000),
    (None, "fees", 11_000),
    (None, "other", 24_000),
];

/// What each team wrote when it handed in its quarterly report.
const COMMENTS: &[(&str, u8, &str)] = &[
    ("drupal", 1, "Deux départs cet automne : les heures facturables fondent. Nous relançons les soumissions en attente."),
    ("drupal", 2, "Toujours sous le budget. Diane arrive en janvier ; Zacharie est maintenant salarié."),
    ("drupal", 3, "Les revenus webdev restent à 60 % du prévu. Priorité : vendre de nouveaux projets Drupal 7."),
    ("infra", 1, "Trois nouveaux contrats de support signés, selon les prévisions."),
    ("infra", 2, "Revenus conformes ; surveiller les comptes de la Ligue et du Groupe de recherche, en retard."),
    ("infra", 3, "Le déménagement des serveurs n'était pas prévu : dépenses et heures au-dessus du budget."),
    ("obnl", 1, "Un seul membre actif : la demande CiviCRM dépasse notre capacité."),
    ("obnl", 3, "Revenus CiviCRM sous le budget ; recrutement à prévoir pour 2013-2014."),
];

fn budget(conn: &Connection) -> Result<()> {
    use crate::finance::budget::{self, BudgetLine};
    use crate::organisation::team;
    let team_id = |code: Option<&str>| {
        code.map(|c| team::by_code(conn, c).map(|t| t.id))
            .transpose()
    };
    for (lines, which) in [
        (BUDGET_REVENUE, Catalog::RevenueDepartments),
        (BUDGET_EXPENSES, Catalog::ExpenseCategories),
    ] {
        for (team, code, dollars) in lines {
            let id = Some(department(conn, which, code)?);
            let (department_id, category_id) = if which == Catalog::RevenueDepartments {
                (id, None)
            } else {
                (None, id)
            };
            for quarter in 1..=4u8 {
                // Whole dollars a quarter; the fourth takes what the division leaves.
                let share = if quarter < 4 {
                    dollars / 4
                } else {
                    dollars - 3 * (dollars / 4)
                };
                budget::set(
                    conn,
                    &BudgetLine {
                        fiscal_year: "2012-2013".into(),
                        quarter,
                        team_id: team_id(*team)?,
                        department_id,
                        category_id,
                        amount: Cents(share * 100),
                    },
                )?;
            }
        }
    }
    for (team, quarter, text) in COMMENTS {
        budget::set_comment(
            conn,
            "2012-2013",
            *quarter,
            team::by_code(conn, team)?.id,
            text,
        )?;
    }
    Ok(())
}

/// Each freelancer invoices the collective at the end of every month for their hours of that
/// month at their hourly rate (no employer charges: they are not employees).
fn freelancers(conn: &Connection) -> Result<()> {
    let monthly: Vec<(String, String, i64)> = conn
        .prepare(concat!(
            "SELECT m.name, strftime('%Y-%m', e.work_date), sum(e.minutes * w.hourly_rate_cents)
             FROM time_entries e JOIN workers k ON k.id = e.worker_id JOIN members m ON m.id = k.member_id",
            crate::finance::payroll::wage_in_force!(),
            "WHERE s.status = 'freelance' GROUP BY 1, 2 ORDER BY 2, 1"
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<crate::store::sql::Result<_>>()?;
    for (name, month, cent_minutes) in monthly {
        let first = date(&format!("{month}-01"));
        let last = first
            .checked_add_months(Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(first);
        let amount = Cents(crate::invoicing::invoice::round_div(
            i128::from(cent_minutes),
            60,
        ));
        if amount.0 > 0 {
            spend_cents(
                conn,
                last,
                "freelancers",
                &format!("{name} (facture de pigiste)"),
                amount,
            )?;
        }
    }
    Ok(())
}

fn department(conn: &Connection, which: Catalog, code: &str) -> Result<i64> {
    let id = catalog::list(conn, which, true)?
        .into_iter()
        .find(|e| e.code == code)
        .map(|e| e.id);
    id.ok_or_else(|| crate::error::Error::internal(format_args!("the catalogue has no '{code}'")))
}

fn recurring(
    conn: &Connection,
    (supplier, category, dollars, taxable, period, first, last): &Recurring,
) -> Result<()> {
    crate::finance::recurring::create(
        conn,
        &RecurringInput {
            supplier: (*supplier).into(),
            category_id: department(conn, Catalog::ExpenseCategories, category)?,
            team_id: None,
            amount: Cents(dollars * 100),
            taxable: *taxable,
            method: if *category == "fees" {
                ExpenseMethod::Debit
            } else {
                ExpenseMethod::Cheque
            },
            period: *period,
            starts_on: date(first),
            ends_on: last.map(date),
            description: String::new(),
        },
    )?;
    Ok(())
}

fn spend(
    conn: &Connection,
    on: NaiveDate,
    category: &str,
    supplier: &str,
    dollars: i64,
) -> Result<()> {
    spend_cents(conn, on, category, supplier, Cents(dollars * 100))
}

/// An expense with Quebec taxes paid (input tax credits), at the rates of its date.
fn spend_cents(
    conn: &Connection,
    on: NaiveDate,
    category: &str,
    supplier: &str,
    amount: Cents,
) -> Result<()> {
    let taxes = crate::invoicing::tax::on(conn, on)?.apply(amount, category == "fees");
    expense::create(
        conn,
        &ExpenseInput {
            spent_on: on,
            supplier: supplier.into(),
            category_id: department(conn, Catalog::ExpenseCategories, category)?,
            team_id: None,
            amount,
            gst: taxes.gst,
            qst: taxes.qst,
            method: if category == "fees" {
                ExpenseMethod::Debit
            } else {
                ExpenseMethod::Cheque
            },
            description: String::new(),
        },
    )?;
    Ok(())
}
