//! The demo's annual report read back as a person would: its text with pdftotext, its fonts
//! with pdffonts, its contents against its pages.

use std::process::Command;

use super::annual;
use super::markup;
use super::section::{self, SectionInput, SectionKind};
use crate::fiscal::FiscalYear;
use crate::pdf::inspect::Inspected;
use crate::Lang;

use crate::demo::in_memory as demo;

fn fy() -> FiscalYear {
    FiscalYear::parse("2012-2013", 9).unwrap()
}

/// The text of each page, no-break spaces read as spaces.
fn pages(bytes: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rapport.pdf");
    std::fs::write(&file, bytes).unwrap();
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .replace('\u{a0}', " ")
        .split('\u{c}')
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_french_report_carries_the_seeds_figures_and_its_contents_agree_with_its_pages() {
    let store = demo();
    let report = annual::write_pdf(store.conn(), fy(), Lang::Fr).unwrap();
    let text = pages(&report.bytes);
    let all = text.join("\n");
    for expected in [
        "Rapport annuel",
        "Table des matières",
        "Mot d’ouverture",
        "752 000 $",
        "Tableau 1 : Revenus par département",
        "Tableau 2 : Distribution des dépenses",
        "Valeur nette et profit, 2007 à 2013",
        "Équivalent temps plein",
        "Part des salariés et des pigistes",
        "48 %",
        "48 000 $",
        "Val-Jalbert",
        "Dossier confidentiel",
        "Errata",
    ] {
        assert!(all.contains(expected), "{expected} missing from the report");
    }
    // The result is negative: French sets it with the minus sign U+2212, not a hyphen.
    for figure in ["589 2", "768 7", "\u{2212}32 2"] {
        assert!(
            all.contains(figure),
            "{figure}… missing: revenue, last year's revenue, result"
        );
    }
    assert!(!all.contains("européen"), "the restricted case stays out");
    // One vocabulary with the screens (issue 19): the office says « comptes à recevoir » and
    // « trésorerie », never the anglicisms of the first drafts.
    for expected in ["Comptes à recevoir", "Trésorerie"] {
        assert!(all.contains(expected), "{expected} missing from the report");
    }
    let lower = all.to_lowercase();
    for stumble in ["recevables", "cashflow", " vs. ", "1 septembre"] {
        assert!(
            !lower.contains(stumble),
            "« {stumble} » in the French report"
        );
    }
    assert!(report.pages > 6, "{} pages", report.pages);
    assert_eq!(
        text.iter().filter(|p| !p.trim().is_empty()).count(),
        report.pages,
        "pdftotext sees every page"
    );
    // The contents say where each section starts: that page shows its title.
    for (title, page) in &report.contents {
        let shown = &text[page - 1];
        let start: String = title.chars().take(20).collect();
        assert!(
            shown.contains(&start),
            "{title} is not on page {page}:\n{shown}"
        );
        assert!(
            text[1].contains(&start) || text[2].contains(&start),
            "{title} missing from the contents"
        );
    }
    assert!(text[report.pages - 1].contains(&format!("page {} de {}", report.pages, report.pages)));
}

#[test]
fn the_reports_outline_follows_its_contents_and_each_line_links_to_its_section() {
    let store = demo();
    let report = annual::write_pdf(store.conn(), fy(), Lang::Fr).unwrap();
    let pdf = Inspected::new(&report.bytes);
    assert_eq!(
        pdf.outline(),
        report.contents,
        "one bookmark per line of the contents"
    );
    assert!(report.contents.len() > 10, "{:?}", report.contents);
    // The contents fit on page 2, after the cover; each line goes where its number says.
    let pages: Vec<usize> = report.contents.iter().map(|(_, page)| *page).collect();
    assert_eq!(pdf.links(2), pages);
    assert!(pdf.links(1).is_empty() && pdf.links(3).is_empty());
    assert_eq!(
        pdf.info_text("Title").as_deref(),
        Some("Rapport annuel 2012-2013")
    );
    assert_eq!(pdf.info_text("Author").as_deref(), Some("Réseau Koumbit"));
    assert_eq!(pdf.lang().as_deref(), Some("fr-CA"));
    let english = annual::write_pdf(store.conn(), fy(), Lang::En).unwrap();
    let pdf = Inspected::new(&english.bytes);
    assert_eq!(pdf.lang().as_deref(), Some("en-CA"));
    assert_eq!(pdf.outline(), english.contents);
}

#[test]
fn the_english_report_and_its_fonts() {
    let store = demo();
    let report = annual::write_pdf(store.conn(), fy(), Lang::En).unwrap();
    let all = pages(&report.bytes).join("\n");
    for expected in [
        "Annual report",
        "Contents",
        "Table 1: Revenue by department",
        "$752,000",
        "$48,000",
        "Net worth and profit, 2007 to 2013",
        "Confidential case",
    ] {
        assert!(
            all.contains(expected),
            "{expected} missing from the English report"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.pdf");
    std::fs::write(&file, &report.bytes).unwrap();
    let fonts = Command::new("pdffonts")
        .arg(&file)
        .output()
        .expect("pdffonts runs");
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 2, "{fonts}");
    assert!(
        rows.iter().all(|r| r.contains("yes yes")),
        "every font embedded and subset:\n{fonts}"
    );
    assert!(report.bytes.len() < 400_000, "{} bytes", report.bytes.len());
}

#[test]
fn a_team_report_compares_its_quarter_and_year_to_date() {
    let store = demo();
    let bytes = super::team::write_pdf(store.conn(), "2012-2013", 2, "infra", Lang::Fr).unwrap();
    let all = pages(&bytes).join("\n");
    for expected in [
        "Rapport trimestriel — Équipe Infrastructure — T2 2012-2013",
        "Revenus — trimestre T2",
        "depuis le début de l’exercice",
        "Commentaire de l’équipe",
        "Revenus conformes",
    ] {
        assert!(all.contains(expected), "{expected} missing:\n{all}");
    }
    let outline: Vec<String> = Inspected::new(&bytes)
        .outline()
        .into_iter()
        .map(|(title, _)| title)
        .collect();
    assert_eq!(
        outline,
        [
            "Revenus — trimestre T2",
            "Dépenses — trimestre T2",
            "Revenus — depuis le début de l’exercice",
            "Dépenses — depuis le début de l’exercice",
            "Commentaire de l’équipe"
        ]
    );
}

#[test]
fn sections_keep_their_order_and_markup_previews() {
    let mut store = demo();
    let conn = store.conn();
    let before = section::for_year(conn, "2012-2013").unwrap();
    let last = before.last().unwrap().id;
    let moved = section::shift(conn, last, -1).unwrap();
    assert_eq!(moved[moved.len() - 2].id, last, "moved up one place");
    let made = store
        .write(|tx| {
            section::create(
                tx,
                &SectionInput {
                    fiscal_year: "2012-2013".into(),
                    kind: SectionKind::Prose,
                    generated: None,
                    title: "Témoignage".into(),
                    author: "Un travailleur".into(),
                    body: "Un **beau** projet.".into(),
                },
            )
        })
        .unwrap();
    assert_eq!(made.position as usize, before.len());
    let (blocks, problems) = markup::parse(&made.body);
    assert!(problems.is_empty());
    assert_eq!(
        markup::to_html(&blocks),
        "<p>Un <strong>beau</strong> projet.</p>"
    );
    let refused = section::create(
        store.conn(),
        &SectionInput {
            fiscal_year: "2012-2013".into(),
            kind: SectionKind::Prose,
            generated: None,
            title: " ".into(),
            author: String::new(),
            body: String::new(),
        },
    );
    assert!(matches!(refused, Err(crate::error::Error::Invalid(ref i)) if &*i.field == "title"));
}

#[test]
fn the_cashflow_and_distribution_reports_print_on_their_own() {
    let store = demo();
    // As of the end of April 2013, the projection goes under the cushion early in May.
    let as_of: chrono::NaiveDate = "2013-04-30".parse().unwrap();
    let cash = pages(&super::single::cashflow_pdf(store.conn(), fy(), as_of, Lang::Fr).unwrap())
        .join("\n");
    for expected in [
        "Trésorerie",
        "Projection au 30 avril 2013",
        "passerait sous le coussin",
        "Les 12 prochains mois",
    ] {
        assert!(cash.contains(expected), "{expected} missing:\n{cash}");
    }
    let work =
        pages(&super::single::distribution_pdf(store.conn(), fy(), Lang::En).unwrap()).join("\n");
    for expected in [
        "Work distribution",
        "By worker",
        "Omar Benali",
        "full-time equivalents",
    ] {
        assert!(work.contains(expected), "{expected} missing:\n{work}");
    }
}
