//! The finance committee edits a section of the annual report beside its preview, saves the
//! report as PDF through the save dialog and reads it back; the edit survives a restart.

use std::process::Command;

use konbit_core::store::{OpenMode, Store};
use konbit_e2e::{artifacts, keys, Driver};

#[test]
fn an_edited_section_reaches_the_saved_annual_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("konbit.sqlite");
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).expect("a new database");
    store
        .write(|tx| konbit_core::demo::create(tx, konbit_core::demo::DEFAULT_SEED))
        .expect("the demo organisation");
    drop(store);
    let pdf = dir.path().join("rapport-annuel.pdf");
    let shots = artifacts("reports");

    let driver = Driver::start_with_dialogs(&db, Some(&pdf));
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Rapport annuel"));
    app.with_text("h1", "Rapport annuel 2012-2013");
    app.click(&app.with_text("button", "Équipe Drupal"));
    let body = app.css("#section-body");
    let text = app.value(&body);
    // Line breaks are typed as the Enter key: WebKit's driver drops a "\n" sent as text.
    let typed = format!("{text}\n\nMerci à **Zacharie**, salarié depuis septembre.")
        .replace('\n', keys::ENTER);
    app.type_into(&body, &typed);
    let preview = app.css("[data-testid='preview']");
    app.wait_text(
        &app.css("[data-testid='preview'] p:last-of-type"),
        "Merci à Zacharie, salarié depuis septembre.",
    );
    assert!(app
        .text(&preview)
        .contains("vendre de nouveaux projets web"));
    app.click(&app.with_text("button", "Enregistrer la section"));
    app.click(&app.with_text("button", "Enregistrer le rapport en PDF…"));
    app.containing("span", "Rapport enregistré dans");
    app.screenshot("1-editor");
    app.quit();
    drop(driver);

    let out = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let words = String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ");
    for expected in [
        "Rapport annuel",
        "Table des matières",
        "Merci à Zacharie",
        "752 000 $",
        "Tableau 1 : Revenus par département",
    ] {
        assert!(
            words.contains(expected),
            "{expected} missing from the saved report"
        );
    }

    let driver = Driver::start(&db);
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Rapport annuel"));
    app.click(&app.with_text("button", "Équipe Drupal"));
    assert!(app
        .value(&app.css("#section-body"))
        .contains("Merci à **Zacharie**"));
    app.quit();
}
