//! The demo's three legal cases of 2012-2013: the formal notice about a European site hosted on a
//! colocated server (restricted), the fraudulent cheques, and the Val-Jalbert case — formal
//! notice, Anton-Piller injunction, court-ordered disclosure of a client's identity, March to
//! August 2013, made public by the collective's press release.

use super::date;
use crate::error::Result;
use crate::legal::cost::{link_committee_hours, link_expense};
use crate::legal::disclosure::{self, DisclosureInput};
use crate::legal::timeline::{self, DeadlineInput, EventInput, EventKind};
use crate::legal::{self, vault, Access, CaseInput, CaseKind, CaseStatus, Party, PartyRole};
use crate::store::sql::{params, Connection};

/// The legal committee's passphrase in the demo, as the README states it: the restricted case
/// opens with it.
pub const PASSPHRASE: &str = "la baie trois reste fermée";

use EventKind::*;

/// (day, kind, text)
type Step = (&'static str, EventKind, &'static str);
/// (due, what, responsible, done)
type Due = (&'static str, &'static str, &'static str, &'static str);

/// The demo is written as the legal committee writes its cases, the restricted one included,
/// after it chose its passphrase: the restricted case is sealed from its first write.
pub(super) fn create(conn: &Connection) -> Result<()> {
    let key = vault::create(conn, None, PASSPHRASE, PASSPHRASE)?;
    let committee = Access::Unlocked(&key);
    let client = |name: &str| -> Result<Option<i64>> {
        Ok(Some(conn.query_row(
            "SELECT id FROM clients WHERE name = ?1",
            [name],
            |r| r.get(0),
        )?))
    };
    case(
        conn,
        committee,
        CaseInput {
            kind: CaseKind::TakedownRequest,
            title: "Demande de retrait visant un site européen hébergé".into(),
            reference: "Lettre du 2 novembre 2012".into(),
            client_id: client("Association européenne pour les libertés numériques")?,
            sites: "libertes-numeriques.example.eu".into(),
            server: "Serveur du client en colocation, baie 3".into(),
            status: CaseStatus::Closed,
            opened_on: date("2012-11-05"),
            closed_on: Some(date("2012-12-07")),
            restricted: true,
            summary: "Une société européenne de gestion de droits exige le retrait d'un site hébergé sur le serveur d'un client en colocation.".into(),
            parties: vec![
                party(PartyRole::Plaintiff, "Société européenne de gestion de droits", ""),
                party(PartyRole::OurClient, "Association européenne pour les libertés numériques", "Propriétaire du serveur"),
            ],
        },
        &[
            ("2012-11-05", NoticeReceived, "Mise en demeure exigeant le retrait du site."),
            ("2012-11-07", ClientInformed, "Le client est avisé\u{a0}; le serveur et son contenu lui appartiennent."),
            ("2012-11-16", AnswerSent, "Réponse\u{a0}: Koumbit loue l'espace et la bande passante et ne contrôle pas le contenu."),
            ("2012-12-07", Closed, "Aucune suite de la société."),
        ],
        &[("2012-11-19", "Répondre à la mise en demeure", "Comité légal", "2012-11-16")],
    )?;

    let fraud = case(
        conn,
        committee,
        CaseInput {
            kind: CaseKind::Fraud,
            title: "Chèques frauduleux tirés sur le compte du collectif".into(),
            reference: "SPVM 13-004512\u{a0}; Caisse F-2013-007".into(),
            client_id: None,
            sites: String::new(),
            server: String::new(),
            status: CaseStatus::Closed,
            opened_on: date("2013-01-14"),
            closed_on: Some(date("2013-03-15")),
            restricted: false,
            summary: "Trois chèques contrefaits encaissés sur notre compte\u{a0}; la caisse les rembourse et le collectif adopte la règle des deux signatures."
                .into(),
            parties: vec![
                party(PartyRole::Police, "Service de police de la Ville de Montréal", "Poste de quartier 35"),
                party(PartyRole::Bank, "Caisse d'économie solidaire", "Service des fraudes"),
            ],
        },
        &[
            ("2013-01-14", NoticeReceived, "La caisse signale trois chèques contrefaits encaissés sur notre compte."),
            ("2013-01-15", Other, "Plainte à la police\u{a0}; opposition sur les chèques."),
            ("2013-01-22", Settlement, "La caisse rembourse les chèques contrefaits\u{a0}; restent les frais d'opposition."),
            ("2013-02-05", Other, "Le conseil de travail adopte la règle des deux signatures sur tous les chèques."),
            ("2013-03-15", Closed, "Dossier fermé à la caisse et à la police."),
        ],
        &[("2013-01-31", "Déclaration sous serment à la caisse", "Comité finances", "2013-01-24")],
    )?;
    link_expenses(conn, committee, fraud, "Chèques frauduleux%")?;

    let val_jalbert = case(conn, committee, CaseInput {
        kind: CaseKind::Injunction,
        title: "Val-Jalbert\u{a0}: site parodique, injonction Anton-Piller et divulgation".into(),
        reference: "Cour supérieure, district de Roberval, 155-17-000213-133".into(),
        client_id: client("Parc Sans Frontières")?,
        sites: "valjalbert-parodie.example.org".into(),
        server: "koumbit-web-04".into(),
        status: CaseStatus::Closed,
        opened_on: date("2013-03-11"),
        closed_on: Some(date("2013-08-30")),
        restricted: false,
        summary: "Le Village historique de Val-Jalbert poursuit l'auteur d'un site parodique hébergé par le collectif\u{a0}: mise en demeure, injonction Anton-Piller, puis ordonnance de divulguer l'identité du client. Le collectif a publié un communiqué.".into(),
        parties: vec![
            party(PartyRole::Plaintiff, "Village historique de Val-Jalbert", ""),
            party(PartyRole::Lawyer, "Cabinet Tremblay Gagnon", "Avocats du demandeur"),
            party(PartyRole::Lawyer, "Étude Dubois avocats", "Nos avocats"),
            party(PartyRole::OurClient, "Parc Sans Frontières", "Titulaire du site parodique"),
            party(PartyRole::Court, "Cour supérieure du Québec", "District de Roberval"),
        ],
    }, &[
        ("2013-03-11", NoticeReceived, "Mise en demeure exigeant le retrait du site parodique et l'identité de son auteur."),
        ("2013-03-13", ClientInformed, "Le client est avisé et garde son site en ligne."),
        ("2013-03-20", AnswerSent, "Nos avocats répondent\u{a0}: hébergeur, le collectif ne divulgue l'identité d'un client que sur ordonnance."),
        ("2013-04-24", Order, "Injonction Anton-Piller\u{a0}: copie des journaux du serveur, en présence d'un huissier."),
        ("2013-05-14", Hearing, "Audience sur la portée de l'injonction."),
        ("2013-07-10", Order, "Ordonnance de divulguer l'identité du client."),
        ("2013-07-17", Disclosure, "Identité du client remise aux avocats du demandeur, selon l'ordonnance."),
        ("2013-07-25", Other, "Communiqué du collectif sur la liberté d'expression et le rôle des hébergeurs."),
        ("2013-08-30", Closed, "Dossier fermé pour le collectif\u{a0}; le litige se poursuit entre les parties."),
    ], &[
        ("2013-03-21", "Répondre à la mise en demeure", "Comité légal", "2013-03-20"),
        ("2013-05-14", "Comparaître à l'audience", "Étude Dubois avocats", "2013-05-14"),
        ("2013-07-17", "Divulguer l'identité selon l'ordonnance", "Conseil de travail", "2013-07-17"),
    ])?;
    disclosure::log(
        conn,
        val_jalbert,
        &DisclosureInput {
            disclosed_on: date("2013-07-17"),
            what: "Nom, adresse et courriel du titulaire du compte d'hébergement du site parodique"
                .into(),
            recipient: "Cabinet Tremblay Gagnon, avocats du demandeur".into(),
            authority: "Ordonnance de la Cour supérieure du 10 juillet 2013".into(),
            decided_by: "Conseil de travail, sur avis de l'Étude Dubois avocats".into(),
        },
        committee,
    )?;
    link_expenses(conn, committee, val_jalbert, "Étude Dubois avocats%")?;
    let legal_committee: i64 =
        conn.query_row("SELECT id FROM committees WHERE name = 'Légal'", [], |r| {
            r.get(0)
        })?;
    link_committee_hours(
        conn,
        val_jalbert,
        legal_committee,
        date("2013-03-11"),
        date("2013-08-30"),
        committee,
    )?;
    Ok(())
}

fn party(role: PartyRole, name: &str, details: &str) -> Party {
    Party {
        role: Some(role),
        name: name.into(),
        details: details.into(),
    }
}

fn case(
    conn: &Connection,
    committee: Access,
    input: CaseInput,
    steps: &[Step],
    due: &[Due],
) -> Result<i64> {
    let id = legal::create(conn, &input, committee)?;
    for (on, kind, text) in steps {
        timeline::add_event(
            conn,
            id,
            &EventInput {
                happened_on: date(on),
                kind: *kind,
                text: (*text).into(),
            },
            committee,
        )?;
    }
    for (on, what, responsible, done) in due {
        let deadline = timeline::add_deadline(
            conn,
            id,
            &DeadlineInput {
                due_on: date(on),
                what: (*what).into(),
                responsible: (*responsible).into(),
            },
            committee,
        )?;
        timeline::complete_deadline(conn, deadline.id, date(done), committee)?;
    }
    Ok(id)
}

fn link_expenses(conn: &Connection, committee: Access, case_id: i64, supplier: &str) -> Result<()> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM expenses WHERE supplier LIKE ?1 ORDER BY spent_on")?
        .query_map(params![supplier], |r| r.get(0))?
        .collect::<crate::store::sql::Result<_>>()?;
    for id in ids {
        link_expense(conn, case_id, id, committee)?;
    }
    Ok(())
}
