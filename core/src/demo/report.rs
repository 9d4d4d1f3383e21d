//! The demo's annual report 2012-2013: short sections written for the demo by its committees
//! and teams, the generated financial sections in the seed's order, and the errata.

use crate::error::Result;
use crate::report::section::{self, SectionInput, SectionKind, DEFAULT_OUTLINE};
use crate::store::sql::Connection;

/// (title, author, body in the report's markup)
const PROSE: &[(&str, &str, &str)] = &[
    (
        "Mot d’ouverture",
        "Conseil d’administration",
        "Une année de **tempête** et de **stabilité** à la fois\u{a0}: la fin de la subvention PAPSI, des départs dans l’équipe web, une poursuite visant un site que nous hébergeons. Nous l’avons traversée ensemble, en gardant nos principes d’autogestion.\n\nCe rapport rassemble les mots des équipes et des comités, puis le rapport financier préparé par le comité finances.",
    ),
    (
        "Équipe Infrastructure",
        "Équipe Infrastructure",
        "L’équipe a signé de nouveaux **contrats de support** avec des groupes communautaires et des coopératives. Ces revenus récurrents donnent de l’air au collectif.\n\n## Le déménagement des serveurs\n\nNotre fournisseur de colocation a changé ses conditions au printemps. Il a fallu\u{a0}:\n\n- préparer la nouvelle baie et le réseau\u{a0};\n- migrer les sites et les courriels sans interruption\u{a0};\n- informer chaque client du changement d’adresse IP.\n\nCe travail n’était pas prévu au budget et a pesé sur nos heures internes.",
    ),
    (
        "Équipe Drupal",
        "Équipe Drupal",
        "Plusieurs départs ont réduit notre capacité\u{a0}: les heures facturables ont diminué de moitié. Nous avons priorisé les projets *Drupal 7* déjà engagés et l’accueil des nouvelles personnes.\n\nPour l’an prochain, il faudra absolument **vendre de nouveaux projets web**.",
    ),
    (
        "Comité légal",
        "Comité légal",
        "Trois dossiers ont occupé le comité cette année, dont l’affaire **Val-Jalbert**\u{a0}: une mise en demeure, puis une injonction Anton-Piller et enfin une ordonnance de divulguer l’identité d’un client. Le collectif s’est conformé à l’ordonnance et a publié un communiqué sur le rôle des hébergeurs.\n\nÀ la suite de chèques frauduleux tirés sur notre compte, le conseil de travail a adopté la règle des **deux signatures**.",
    ),
];

const ERRATA: &str = "Le rapport annuel 2011-2012 comportait quelques erreurs, corrigées après impression\u{a0}:\n\n- le surplus de l’exercice était de **102\u{a0}000\u{a0}$** et non de 116\u{a0}000\u{a0}$\u{a0};\n- l’axe du graphique de la proportion de salariés était gradué de 0\u{a0}% à 100\u{a0}%, et non seulement à 0\u{a0}%\u{a0};\n- deux travailleurs sont devenus salariés en 2012.";

pub(super) fn create(conn: &Connection) -> Result<()> {
    let year = "2012-2013".to_string();
    let section = |kind, generated, title: &str, author: &str, body: &str| SectionInput {
        fiscal_year: year.clone(),
        kind,
        generated,
        title: title.into(),
        author: author.into(),
        body: body.into(),
    };
    for (title, author, body) in PROSE {
        section::create(
            conn,
            &section(SectionKind::Prose, None, title, author, body),
        )?;
    }
    for g in DEFAULT_OUTLINE {
        section::create(conn, &section(SectionKind::Generated, Some(*g), "", "", ""))?;
    }
    section::create(
        conn,
        &section(
            SectionKind::Errata,
            None,
            "Errata",
            "Comité finances",
            ERRATA,
        ),
    )?;
    Ok(())
}
