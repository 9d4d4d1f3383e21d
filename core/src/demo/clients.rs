//! The demo's clients (community groups, non-profits, unions, a few businesses, a European
//! association) and their projects, plus the collective's internal projects.

use super::Summary;
use crate::catalog::{self, Catalog};
use crate::clients::client::{self, ClientInput, Contact};
use crate::clients::project::{self, BillingMode, ProjectInput};
use crate::error::Result;
use crate::invoicing::contract::{self, ContractInput, Period};
use crate::store::sql::Connection;
use crate::{Cents, Lang};

use BillingMode::{Fixed, Hourly, Recurring};

/// (client, language, tax exempt, payment terms, projects: (name, team index, department, mode, amount in dollars))
type DemoClient = (
    &'static str,
    Lang,
    bool,
    u32,
    &'static [(&'static str, usize, &'static str, BillingMode, i64)],
);

const DRUPAL: usize = 0;
const INFRA: usize = 1;
const OBNL: usize = 2;

const CLIENTS: &[DemoClient] = &[
    (
        "Comité logement de la Petite-Patrie",
        Lang::Fr,
        false,
        30,
        &[
            ("Site web", DRUPAL, "webdev", Hourly, 60),
            ("Hébergement", INFRA, "hosting", Recurring, 35),
        ],
    ),
    (
        "Centre des femmes de Verdun",
        Lang::Fr,
        false,
        30,
        &[
            ("Refonte Drupal 7", DRUPAL, "webdev", Fixed, 8_500),
            ("Hébergement", INFRA, "hosting", Recurring, 35),
        ],
    ),
    (
        "Coalition pour l'accès au logement",
        Lang::Fr,
        false,
        30,
        &[("CiviCRM", OBNL, "obnl_civicrm", Hourly, 66)],
    ),
    (
        "Réseau des jardins collectifs",
        Lang::Fr,
        false,
        30,
        &[("Site et infolettre", DRUPAL, "webdev", Hourly, 60)],
    ),
    (
        "Fédération des coopératives d'habitation de l'Est",
        Lang::Fr,
        false,
        45,
        &[
            (
                "Contrat de support sysadmin",
                INFRA,
                "sysadmin_contracts",
                Recurring,
                1_400,
            ),
            (
                "Migration des serveurs",
                INFRA,
                "sysadmin_consulting",
                Hourly,
                65,
            ),
        ],
    ),
    (
        "Syndicat des travailleuses en garderie",
        Lang::Fr,
        false,
        30,
        &[
            ("Intranet", DRUPAL, "webdev", Hourly, 60),
            ("Hébergement Aegir", INFRA, "hosting", Recurring, 180),
        ],
    ),
    (
        "Montreal Tenants' Union",
        Lang::En,
        false,
        30,
        &[("Website", DRUPAL, "webdev", Hourly, 60)],
    ),
    (
        "Parc Sans Frontières",
        Lang::Fr,
        false,
        30,
        &[("Site parodique", INFRA, "hosting", Recurring, 20)],
    ),
    (
        "Radio communautaire Centre-Sud",
        Lang::Fr,
        false,
        30,
        &[
            (
                "Diffusion en continu",
                INFRA,
                "sysadmin_consulting",
                Hourly,
                65,
            ),
            ("Hébergement", INFRA, "hosting", Recurring, 60),
        ],
    ),
    (
        "Association européenne pour les libertés numériques",
        Lang::En,
        true,
        30,
        &[("Colocation", INFRA, "hosting", Recurring, 450)],
    ),
    (
        "Conseil de bande de Kitigan",
        Lang::En,
        true,
        60,
        &[("Site web", DRUPAL, "webdev", Fixed, 6_000)],
    ),
    (
        "Maison des jeunes L'Escale",
        Lang::Fr,
        false,
        30,
        &[("Hébergement", INFRA, "hosting", Recurring, 20)],
    ),
    (
        "Regroupement des centres d'action bénévole",
        Lang::Fr,
        false,
        30,
        &[
            ("CiviCRM membres", OBNL, "obnl_civicrm", Hourly, 66),
            ("Hébergement CiviCRM", INFRA, "hosting", Recurring, 90),
        ],
    ),
    (
        "Dispensaire alimentaire du Plateau",
        Lang::Fr,
        false,
        30,
        &[("CiviCRM dons", OBNL, "obnl_civicrm", Hourly, 66)],
    ),
    (
        "Institut de recherche en économie sociale",
        Lang::Fr,
        false,
        45,
        &[(
            "Contrat de support sysadmin",
            INFRA,
            "sysadmin_contracts",
            Recurring,
            1_800,
        )],
    ),
    (
        "Éditions du Remue-ménage",
        Lang::Fr,
        false,
        30,
        &[("Boutique en ligne", DRUPAL, "webdev", Hourly, 60)],
    ),
    (
        "Festival des films engagés",
        Lang::Fr,
        false,
        30,
        &[
            ("Site du festival", DRUPAL, "webdev", Fixed, 4_500),
            ("Hébergement", INFRA, "hosting", Recurring, 35),
        ],
    ),
    (
        "Café coopératif La Petite Cuillère",
        Lang::Fr,
        false,
        15,
        &[("Site vitrine", DRUPAL, "webdev", Fixed, 1_800)],
    ),
    (
        "Ligue des droits et libertés, section Québec",
        Lang::Fr,
        false,
        30,
        &[
            ("Hébergement", INFRA, "hosting", Recurring, 60),
            (
                "Sécurité des serveurs",
                INFRA,
                "sysadmin_consulting",
                Hourly,
                65,
            ),
        ],
    ),
    (
        "Centre d'éducation populaire de Pointe-Saint-Charles",
        Lang::Fr,
        false,
        30,
        &[("Site web", DRUPAL, "webdev", Hourly, 56)],
    ),
    (
        "Table de concertation en environnement",
        Lang::Fr,
        false,
        30,
        &[("CiviCRM événements", OBNL, "obnl_civicrm", Hourly, 66)],
    ),
    (
        "Green Communities Network",
        Lang::En,
        false,
        30,
        &[("Aegir VPS", INFRA, "hosting", Recurring, 250)],
    ),
    (
        "Cinéma coopératif du Mile-End",
        Lang::Fr,
        false,
        30,
        &[("Billetterie", DRUPAL, "webdev", Hourly, 60)],
    ),
    (
        "Coop de solidarité Santé Nord",
        Lang::Fr,
        false,
        30,
        &[(
            "Contrat de support sysadmin",
            INFRA,
            "sysadmin_contracts",
            Recurring,
            1_100,
        )],
    ),
    (
        "Fondation pour l'alphabétisation populaire",
        Lang::Fr,
        false,
        30,
        &[
            ("CiviCRM", OBNL, "obnl_civicrm", Hourly, 66),
            ("Hébergement", INFRA, "hosting", Recurring, 45),
        ],
    ),
    (
        "Université populaire d'été",
        Lang::Fr,
        false,
        30,
        &[("Inscriptions en ligne", DRUPAL, "webdev", Fixed, 3_200)],
    ),
    (
        "Collectif de vidéastes Vidéo Tiers",
        Lang::Fr,
        false,
        30,
        &[(
            "Serveur de fichiers",
            INFRA,
            "sysadmin_consulting",
            Hourly,
            65,
        )],
    ),
    (
        "Association des locataires de Villeray",
        Lang::Fr,
        false,
        30,
        &[("Hébergement", INFRA, "hosting", Recurring, 20)],
    ),
    (
        "Quebec Community Theatre",
        Lang::En,
        false,
        30,
        &[
            ("Website", DRUPAL, "webdev", Hourly, 60),
            ("Hosting", INFRA, "hosting", Recurring, 35),
        ],
    ),
    (
        "Centre de justice de proximité",
        Lang::Fr,
        false,
        30,
        &[(
            "Contrat de support sysadmin",
            INFRA,
            "sysadmin_contracts",
            Recurring,
            1_200,
        )],
    ),
    (
        "Réseau québécois de l'action communautaire",
        Lang::Fr,
        false,
        30,
        &[
            ("Portail", DRUPAL, "webdev", Hourly, 60),
            ("CiviCRM", OBNL, "obnl_civicrm", Hourly, 66),
        ],
    ),
    (
        "Atelier d'histoire de Hochelaga",
        Lang::Fr,
        false,
        30,
        &[("Archives en ligne", DRUPAL, "webdev", Fixed, 5_000)],
    ),
    (
        "Groupe de recherche en santé publique",
        Lang::Fr,
        false,
        45,
        &[
            (
                "Contrat de support sysadmin",
                INFRA,
                "sysadmin_contracts",
                Recurring,
                1_600,
            ),
            (
                "Consultation infonuagique",
                INFRA,
                "sysadmin_consulting",
                Hourly,
                70,
            ),
        ],
    ),
    (
        "Entraide bénévole Rosemont",
        Lang::Fr,
        false,
        30,
        &[("Hébergement", INFRA, "hosting", Recurring, 20)],
    ),
    (
        "Solidarité Nord-Sud",
        Lang::Fr,
        false,
        30,
        &[("Site bilingue", DRUPAL, "webdev", Hourly, 60)],
    ),
    (
        "Open Source Hosting Co-op",
        Lang::En,
        false,
        30,
        &[(
            "Sysadmin support contract",
            INFRA,
            "sysadmin_contracts",
            Recurring,
            2_500,
        )],
    ),
    (
        "Regroupement des maisons d'hébergement",
        Lang::Fr,
        false,
        30,
        &[
            ("CiviCRM", OBNL, "obnl_civicrm", Hourly, 66),
            ("Hébergement sécurisé", INFRA, "hosting", Recurring, 320),
        ],
    ),
    (
        "Théâtre de l'Œil ouvert",
        Lang::Fr,
        false,
        30,
        &[("Site web", DRUPAL, "webdev", Hourly, 56)],
    ),
    (
        "Carrefour jeunesse-emploi du Sud-Ouest",
        Lang::Fr,
        false,
        30,
        &[("Hébergement", INFRA, "hosting", Recurring, 35)],
    ),
    (
        "Fédération des femmes du Québec rural",
        Lang::Fr,
        false,
        30,
        &[("Site et CiviCRM", OBNL, "obnl_civicrm", Hourly, 66)],
    ),
    (
        "Alternatives, réseau d'action solidaire",
        Lang::Fr,
        false,
        30,
        &[
            (
                "Contrat de support sysadmin",
                INFRA,
                "sysadmin_contracts",
                Recurring,
                2_000,
            ),
            ("Hébergement", INFRA, "hosting", Recurring, 120),
        ],
    ),
    (
        "Regroupement des radios communautaires",
        Lang::Fr,
        false,
        30,
        &[(
            "Contrat de support sysadmin",
            INFRA,
            "sysadmin_contracts",
            Recurring,
            1_800,
        )],
    ),
];

/// Contracts signed during 2012-2013, when the infrastructure team's recurring support grew
/// (the seed's sysadmin revenue up 10 %); every other contract runs from [`CONTRACTS_FROM`].
const SIGNED_LATER: &[(&str, &str)] = &[
    (
        "Fédération des coopératives d'habitation de l'Est",
        "2012-01-01",
    ),
    ("Coop de solidarité Santé Nord", "2012-09-01"),
    ("Alternatives, réseau d'action solidaire", "2012-09-01"),
    ("Green Communities Network", "2012-09-01"),
    ("Parc Sans Frontières", "2012-10-01"),
    ("Groupe de recherche en santé publique", "2012-10-01"),
    ("Regroupement des radios communautaires", "2012-12-01"),
    ("Regroupement des maisons d'hébergement", "2012-11-01"),
];

/// Hosting plans and support contracts run, invoiced monthly, from the first demo year on.
const CONTRACTS_FROM: &str = "2011-09-01";

/// Work the collective does for itself: committees, administration, support, its own site.
const INTERNAL: &[(&str, Option<usize>)] = &[
    ("Administration", None),
    ("Support aux membres", Some(INFRA)),
    ("Nouveau site koumbit.org", Some(DRUPAL)),
    ("Déménagement des serveurs", Some(INFRA)),
    ("Formation et veille", None),
];

pub(super) fn create(conn: &Connection, teams: &[i64]) -> Result<Summary> {
    let departments = catalog::list(conn, Catalog::RevenueDepartments, false)?;
    let department = |code: &str| departments.iter().find(|d| d.code == code).map(|d| d.id);
    let mut projects = 0;
    for (i, (name, language, exempt, terms, client_projects)) in CLIENTS.iter().enumerate() {
        let contact = Contact {
            name: format!("Coordination {}", i + 1),
            role: if *language == Lang::Fr {
                "coordination".into()
            } else {
                "coordinator".into()
            },
            email: format!("coordination{}@exemple.org", i + 1),
            phone: format!("514 555-{:04}", 1000 + i * 37),
        };
        let input = ClientInput {
            name: (*name).into(),
            language: *language,
            tax_exempt: *exempt,
            address: format!(
                "{} rue Ontario Est\nMontréal (Québec) H2L 1N{}",
                1200 + i * 14,
                i % 10
            ),
            email: format!("info{}@exemple.org", i + 1),
            phone: contact.phone.clone(),
            payment_terms_days: *terms,
            notes: String::new(),
            contacts: vec![contact],
        };
        let client = client::create(conn, &input)?;
        for (project_name, team, dept, mode, dollars) in client_projects.iter() {
            let amount = Some(Cents(dollars * 100));
            let input = ProjectInput {
                client_id: Some(client.id),
                team_id: Some(teams[*team]),
                department_id: department(dept),
                name: (*project_name).into(),
                billing_mode: *mode,
                hourly_rate: if *mode == Hourly { amount } else { None },
                fixed_price: if *mode == Fixed { amount } else { None },
            };
            let project = project::create(conn, &input)?;
            projects += 1;
            if let (Recurring, Some(department_id)) = (*mode, department(dept)) {
                contract::create(
                    conn,
                    &ContractInput {
                        client_id: client.id,
                        project_id: Some(project.id),
                        department_id,
                        description: (*project_name).into(),
                        amount: Cents(dollars * 100),
                        period: Period::Monthly,
                        starts_on: super::date(
                            SIGNED_LATER
                                .iter()
                                .find(|(c, _)| c == name)
                                .map_or(CONTRACTS_FROM, |(_, on)| on),
                        ),
                        ends_on: None,
                    },
                )?;
            }
        }
    }
    for (name, team) in INTERNAL {
        let input = ProjectInput {
            client_id: None,
            team_id: team.map(|t| teams[t]),
            department_id: None,
            name: (*name).into(),
            billing_mode: BillingMode::Internal,
            hourly_rate: None,
            fixed_price: None,
        };
        project::create(conn, &input)?;
        projects += 1;
    }
    Ok(Summary {
        clients: CLIENTS.len(),
        projects,
        ..Summary::default()
    })
}
