//! The case file as PDF, in French or English: the case, its parties, timeline, deadlines,
//! documents with their SHA-256, disclosures and costs. It prints whole cases only: a restricted
//! case prints only for a session that unlocked it.

use super::timeline::EventKind;
use super::{Access, Case, CaseKind, CaseStatus, PartyRole};
use crate::error::Result;
use crate::money::Cents;
use crate::pdf::{Align, Column, Document, Table, Weight, MARGIN};
use crate::store::sql::Connection;
use crate::Lang;

impl CaseKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (CaseKind::FormalNotice, Lang::Fr) => "Mise en demeure",
            (CaseKind::FormalNotice, Lang::En) => "Formal notice",
            (CaseKind::Injunction, Lang::Fr) => "Injonction",
            (CaseKind::Injunction, Lang::En) => "Injunction",
            (CaseKind::Lawsuit, Lang::Fr) => "Poursuite",
            (CaseKind::Lawsuit, Lang::En) => "Lawsuit",
            (CaseKind::Fraud, Lang::Fr) => "Fraude",
            (CaseKind::Fraud, Lang::En) => "Fraud",
            (CaseKind::TakedownRequest, Lang::Fr) => "Demande de retrait",
            (CaseKind::TakedownRequest, Lang::En) => "Takedown request",
            (CaseKind::Other, Lang::Fr) => "Autre",
            (CaseKind::Other, Lang::En) => "Other",
        }
    }
}

impl CaseStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (CaseStatus::Open, Lang::Fr) => "Ouvert",
            (CaseStatus::Open, Lang::En) => "Open",
            (CaseStatus::Waiting, Lang::Fr) => "En attente",
            (CaseStatus::Waiting, Lang::En) => "Waiting",
            (CaseStatus::Closed, Lang::Fr) => "Fermé",
            (CaseStatus::Closed, Lang::En) => "Closed",
        }
    }
}

impl PartyRole {
    pub fn label(self, lang: Lang) -> &'static str {
        const FR: [&str; 8] = [
            "Demandeur",
            "Défendeur",
            "Notre client",
            "Avocat",
            "Tribunal",
            "Police",
            "Banque",
            "Autre",
        ];
        const EN: [&str; 8] = [
            "Plaintiff",
            "Defendant",
            "Our client",
            "Lawyer",
            "Court",
            "Police",
            "Bank",
            "Other",
        ];
        let i = PartyRole::ALL.iter().position(|r| *r == self).unwrap_or(7);
        if lang == Lang::Fr {
            FR[i]
        } else {
            EN[i]
        }
    }
}

impl EventKind {
    pub fn label(self, lang: Lang) -> &'static str {
        const FR: [&str; 10] = [
            "Avis reçu",
            "Réponse envoyée",
            "Client informé",
            "Contenu retiré",
            "Audience",
            "Ordonnance",
            "Divulgation",
            "Règlement",
            "Fermeture",
            "Autre",
        ];
        const EN: [&str; 10] = [
            "Notice received",
            "Answer sent",
            "Client informed",
            "Content removed",
            "Hearing",
            "Order",
            "Disclosure",
            "Settlement",
            "Closed",
            "Other",
        ];
        let i = EventKind::ALL.iter().position(|k| *k == self).unwrap_or(9);
        if lang == Lang::Fr {
            FR[i]
        } else {
            EN[i]
        }
    }
}

/// Words of the case file in each language.
struct Words {
    file: &'static str,
    facts: [&'static str; 9],
    restricted: [&'static str; 2],
    sections: [&'static str; 6],
    parties: [&'static str; 3],
    timeline: [&'static str; 4],
    deadlines: [&'static str; 4],
    documents: [&'static str; 3],
    disclosures: [&'static str; 5],
    costs: [&'static str; 5],
    none: &'static str,
}

const FR: Words = Words {
    file: "Dossier juridique",
    facts: [
        "Nature",
        "Statut",
        "Ouvert le",
        "Fermé le",
        "Référence",
        "Client",
        "Sites",
        "Serveur",
        "Confidentialité",
    ],
    restricted: ["Normale", "Restreinte"],
    sections: [
        "Parties",
        "Chronologie",
        "Échéances",
        "Documents",
        "Divulgations",
        "Coûts",
    ],
    parties: ["Rôle", "Nom", "Précisions"],
    timeline: ["Date", "Événement", "Description", "Documents"],
    deadlines: ["Échéance", "À faire", "Responsable", "Fait le"],
    documents: ["Document", "Taille", "SHA-256"],
    disclosures: ["Date", "Divulgué", "À qui", "En vertu de", "Décidé par"],
    costs: ["Date", "Dépense", "Montant", "Heures de travail", "Total"],
    none: "Aucun.",
};

const EN: Words = Words {
    file: "Legal case file",
    facts: [
        "Kind",
        "Status",
        "Opened",
        "Closed",
        "Reference",
        "Client",
        "Sites",
        "Server",
        "Confidentiality",
    ],
    restricted: ["Normal", "Restricted"],
    sections: [
        "Parties",
        "Timeline",
        "Deadlines",
        "Documents",
        "Disclosures",
        "Costs",
    ],
    parties: ["Role", "Name", "Details"],
    timeline: ["Date", "Event", "Description", "Documents"],
    deadlines: ["Due", "What", "Responsible", "Done"],
    documents: ["Document", "Size", "SHA-256"],
    disclosures: ["Date", "Disclosed", "To", "Under", "Decided by"],
    costs: ["Date", "Expense", "Amount", "Hours worked", "Total"],
    none: "None.",
};

/// The file of `case_id`, read as `access` may see it: a restricted case is refused to a session
/// that did not unlock it, before anything is rendered.
pub fn write_pdf(conn: &Connection, case_id: i64, access: Access, lang: Lang) -> Result<Vec<u8>> {
    let case = super::get(conn, case_id, access)?;
    let organisation = crate::organisation::settings::require(conn)?.name;
    render(&case, &organisation, lang)
}

fn render(case: &Case, organisation: &str, lang: Lang) -> Result<Vec<u8>> {
    let w = if lang == Lang::Fr { &FR } else { &EN };
    let title = format!("{} — {}", w.file, case.title);
    let mut doc = Document::new(&title, organisation, lang)?;
    doc.set_running_header(&format!("{organisation} — {title}"));
    doc.text(MARGIN, 22.0, organisation, 10.0, Weight::Regular);
    doc.y = 24.0;
    doc.paragraph(MARGIN, Document::body_width(), &title, 14.0, Weight::Bold);
    doc.y += 3.0;
    let date =
        |d: Option<chrono::NaiveDate>| d.map(|d| lang.long_date(d)).unwrap_or_else(|| "—".into());
    let facts = [
        case.kind.label(lang).to_owned(),
        case.status.label(lang).to_owned(),
        date(Some(case.opened_on)),
        date(case.closed_on),
        or_dash(&case.reference),
        case.client_name.clone().unwrap_or_else(|| "—".into()),
        or_dash(&case.sites),
        or_dash(&case.server),
        w.restricted[usize::from(case.restricted)].to_owned(),
    ];
    let body = Document::body_width();
    for (label, value) in w.facts.iter().zip(facts) {
        doc.ensure_room(5.0);
        doc.y += 4.6;
        doc.text(MARGIN, doc.y, label, 9.0, Weight::Bold);
        for (i, line) in doc
            .wrap(&value, body - 40.0, 9.0, Weight::Regular)
            .iter()
            .enumerate()
        {
            if i > 0 {
                doc.y += 4.2;
            }
            doc.text(MARGIN + 40.0, doc.y, line, 9.0, Weight::Regular);
        }
    }
    if !case.summary.is_empty() {
        doc.y += 2.0;
        doc.paragraph(MARGIN, body, &case.summary, 9.5, Weight::Regular);
    }
    let parties: Vec<_> = case
        .parties
        .iter()
        .map(|p| {
            (
                vec![
                    p.role.map_or("", |r| r.label(lang)).to_owned(),
                    p.name.clone(),
                    p.details.clone(),
                ],
                false,
            )
        })
        .collect();
    section(
        &mut doc,
        w.sections[0],
        w.none,
        &[
            (w.parties[0], 30.0),
            (w.parties[1], 60.0),
            (w.parties[2], body - 90.0),
        ],
        &parties,
    );
    let events: Vec<_> = case
        .events
        .iter()
        .map(|e| {
            let docs = e
                .documents
                .iter()
                .map(|d| d.name.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            (
                vec![
                    lang.long_date(e.happened_on),
                    e.kind.label(lang).to_owned(),
                    e.text.clone(),
                    docs,
                ],
                false,
            )
        })
        .collect();
    section(
        &mut doc,
        w.sections[1],
        w.none,
        &[
            (w.timeline[0], 30.0),
            (w.timeline[1], 32.0),
            (w.timeline[2], body - 102.0),
            (w.timeline[3], 40.0),
        ],
        &events,
    );
    let deadlines: Vec<_> = case
        .deadlines
        .iter()
        .map(|d| {
            (
                vec![
                    lang.long_date(d.due_on),
                    d.what.clone(),
                    d.responsible.clone(),
                    date(d.done_on),
                ],
                false,
            )
        })
        .collect();
    section(
        &mut doc,
        w.sections[2],
        w.none,
        &[
            (w.deadlines[0], 30.0),
            (w.deadlines[1], body - 100.0),
            (w.deadlines[2], 40.0),
            (w.deadlines[3], 30.0),
        ],
        &deadlines,
    );
    let documents: Vec<_> = case
        .events
        .iter()
        .flat_map(|e| &e.documents)
        .map(|d| {
            (
                vec![d.name.clone(), size(d.size, lang), d.sha256.clone()],
                false,
            )
        })
        .collect();
    section(
        &mut doc,
        w.sections[3],
        w.none,
        &[
            (w.documents[0], 62.0),
            (w.documents[1], 20.0),
            (w.documents[2], body - 82.0),
        ],
        &documents,
    );
    let disclosures: Vec<_> = case
        .disclosures
        .iter()
        .map(|d| {
            let notes = d
                .notes
                .iter()
                .map(|n| format!("\n— {}", n.text))
                .collect::<String>();
            (
                vec![
                    lang.long_date(d.disclosed_on),
                    format!("{}{notes}", d.what),
                    d.recipient.clone(),
                    d.authority.clone(),
                    d.decided_by.clone(),
                ],
                false,
            )
        })
        .collect();
    let rest = body - 30.0 - 35.0;
    section(
        &mut doc,
        w.sections[4],
        w.none,
        &[
            (w.disclosures[0], 30.0),
            (w.disclosures[1], rest * 0.4),
            (w.disclosures[2], rest * 0.3),
            (w.disclosures[3], rest * 0.3),
            (w.disclosures[4], 35.0),
        ],
        &disclosures,
    );
    let mut costs: Vec<_> = case
        .cost
        .expense_lines
        .iter()
        .map(|e| {
            (
                vec![
                    lang.long_date(e.spent_on),
                    e.supplier.clone(),
                    money(e.amount, lang),
                ],
                false,
            )
        })
        .collect();
    let hours = lang.hours(case.cost.minutes);
    costs.push((
        vec![
            String::new(),
            format!("{} ({hours})", w.costs[3]),
            money(case.cost.hours_cost, lang),
        ],
        false,
    ));
    costs.push((
        vec![
            String::new(),
            w.costs[4].to_owned(),
            money(case.cost.total, lang),
        ],
        true,
    ));
    let columns = [
        (w.costs[0], 30.0, Align::Left),
        (w.costs[1], body - 62.0, Align::Left),
        (w.costs[2], 32.0, Align::Right),
    ];
    heading(&mut doc, w.sections[5]);
    Table {
        columns: columns
            .iter()
            .map(|(t, width, align)| Column {
                title: (*t).into(),
                width: *width,
                align: *align,
            })
            .collect(),
        size: 8.5,
    }
    .draw(&mut doc, &costs);
    doc.finish()
}

fn or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "—".into()
    } else {
        text.to_owned()
    }
}

fn money(c: Cents, lang: Lang) -> String {
    c.format(lang)
}

fn size(bytes: u64, lang: Lang) -> String {
    let kb = bytes.div_ceil(1024);
    match lang {
        Lang::Fr => format!("{kb}\u{a0}ko"),
        Lang::En => format!("{kb} KB"),
    }
}

/// A section's title, listed in the outline.
fn heading(doc: &mut Document, title: &str) {
    doc.ensure_room(24.0);
    doc.bookmark(title, doc.here());
    doc.y += 6.0;
    doc.text(MARGIN, doc.y, title, 11.5, Weight::Bold);
    doc.y += 2.0;
}

fn table(doc: &mut Document, columns: &[(&str, f32)], rows: &[(Vec<String>, bool)]) {
    let columns = columns
        .iter()
        .map(|(title, width)| Column {
            title: (*title).into(),
            width: *width,
            align: Align::Left,
        })
        .collect();
    Table { columns, size: 8.5 }.draw(doc, rows);
}

/// A titled table, or "none" under the title when it has no row.
fn section(
    doc: &mut Document,
    title: &str,
    none: &str,
    columns: &[(&str, f32)],
    rows: &[(Vec<String>, bool)],
) {
    heading(doc, title);
    if rows.is_empty() {
        doc.y += 4.5;
        doc.text(MARGIN, doc.y, none, 9.0, Weight::Regular);
        return;
    }
    table(doc, columns, rows);
}
