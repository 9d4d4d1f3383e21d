//! The legal committee opens a case, adds an event with a document and a deadline, restarts,
//! finds the deadline on the home screen and the case as it left it; then the demo's restricted
//! case, shown by its kind only until the committee's passphrase unlocks it (a wrong one said as
//! such), and again once locked. In a new organisation, the committee chooses its passphrase,
//! warned that a lost one cannot be recovered, and unlocks with it after a restart.

use konbit_core::store::{OpenMode, Store};
use konbit_e2e::{artifacts, keys, Driver};

#[test]
fn a_case_with_an_event_a_document_and_a_deadline_survives_a_restart() {
    let (dir, db) = konbit_e2e::demo_books();
    let letter = dir.path().join("mise-en-demeure.pdf");
    std::fs::write(&letter, b"%PDF-1.4\n% lettre de l'avocat\n").expect("a letter");
    let due = (konbit_core::clock::today() + chrono::Days::new(7)).to_string();
    let shots = artifacts("legal");

    let driver = Driver::start_with_dialogs(&db, Some(&letter));
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Dossiers juridiques"));
    app.click(&app.with_text("button", "Nouveau dossier"));
    app.type_into(&app.css("#case-title"), "Mise en demeure — radio hébergée");
    app.click(&app.with_text("button", "Enregistrer le dossier"));
    app.with_text("h2", "Mise en demeure — radio hébergée");

    app.choose(&app.css("#event-kind"), "Avis reçu");
    app.type_into(
        &app.css("#event-text"),
        "Lettre de l'avocat reçue par courriel",
    );
    app.click(&app.with_text("button", "Ajouter l’événement"));
    app.containing("li", "Lettre de l'avocat reçue par courriel");
    app.click(&app.with_text("button", "Joindre un document…"));
    let document = app.containing("li", "mise-en-demeure.pdf");
    assert!(
        app.text(&document).contains("SHA-256"),
        "{}",
        app.text(&document)
    );

    app.type_into(&app.css("#deadline-date"), &due);
    app.type_into(&app.css("#deadline-what"), "Répondre à la mise en demeure");
    app.type_into(&app.css("#deadline-who"), "Comité légal");
    app.press(keys::TAB);
    app.click(&app.with_text("button", "Ajouter l’échéance"));
    app.containing("td", "Répondre à la mise en demeure");
    app.screenshot("1-case");
    app.quit();
    drop(driver);

    let driver = Driver::start(&db);
    let app = driver.launch(&shots);
    // Accueil, where the app opens, lists the deadline of the coming days.
    let banner = app.css("[data-testid='home-deadlines']");
    assert!(
        app.text(&banner).contains("Répondre à la mise en demeure"),
        "{}",
        app.text(&banner)
    );
    app.screenshot("2-home");
    app.click(&app.with_text("button", "Dossiers juridiques"));
    app.click(&app.with_text("button", "Mise en demeure — radio hébergée"));
    app.containing("li", "Lettre de l'avocat reçue par courriel");
    app.containing("li", "mise-en-demeure.pdf");
    app.containing("td", "Répondre à la mise en demeure");
    app.screenshot("3-after-restart");

    // Locked, the core refuses to make a case restricted, and the screen says so in French.
    app.click(&app.with_text("button", "Nouveau dossier"));
    app.type_into(&app.css("#case-title"), "Plainte confidentielle");
    app.click(&app.css("#case-restricted"));
    app.click(&app.with_text("button", "Enregistrer le dossier"));
    app.xpath("//p[@role='alert'][contains(., 'dossiers restreints sont verrouillés')]");
    app.click(&app.with_text("button", "Annuler"));

    let restricted = "Demande de retrait visant un site européen hébergé";
    app.with_text("span", "Dossier restreint");
    app.gone(&format!("//*[contains(., '{restricted}')]"));
    app.click(&app.with_text("button", "Déverrouiller les dossiers restreints"));
    app.type_into(&app.css("#vault-passphrase"), "la baie trois reste ouverte");
    app.click(&app.with_text("button", "Déverrouiller"));
    app.xpath(
        "//small[@role='alert'][contains(., 'Phrase de passe') and contains(., 'ce n’est pas la phrase de passe du comité juridique')]",
    );
    app.screenshot("4-wrong-passphrase");
    app.gone(&format!("//*[contains(., '{restricted}')]"));
    app.type_into(
        &app.css("#vault-passphrase"),
        konbit_core::demo::LEGAL_PASSPHRASE,
    );
    app.press(keys::ENTER);
    app.click(&app.with_text("button", restricted));
    app.with_text("h2", restricted);
    app.containing("li", "Mise en demeure exigeant le retrait du site.");
    app.screenshot("5-unlocked");
    app.click(&app.with_text("button", "Verrouiller les dossiers restreints"));
    app.gone(&format!("//*[contains(., '{restricted}')]"));
    app.with_text("span", "Dossier restreint");
    app.screenshot("6-locked-again");
    app.quit();
}

#[test]
fn the_committee_chooses_its_passphrase_then_unlocks_with_it_after_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("konbit.sqlite");
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).expect("a new database");
    store
        .write(|tx| {
            konbit_core::organisation::settings::save(
                tx,
                &konbit_core::organisation::settings::Settings::new("Collectif Konbit"),
            )
        })
        .expect("an organisation");
    drop(store);
    let shots = artifacts("legal_passphrase");
    let passphrase = "quatre mots bien gardés";

    let driver = Driver::start(&db);
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Dossiers juridiques"));
    app.click(&app.with_text("button", "Choisir la phrase de passe du comité juridique"));
    app.containing(
        "strong",
        "Une phrase de passe perdue ne peut pas être retrouvée",
    );
    app.type_into(&app.css("#vault-passphrase"), "trop court");
    app.type_into(&app.css("#vault-confirmation"), "trop court");
    app.click(&app.with_text("button", "Choisir cette phrase de passe"));
    app.xpath("//small[@role='alert'][contains(., 'au moins 12 caractères')]");
    app.type_into(&app.css("#vault-passphrase"), passphrase);
    app.type_into(&app.css("#vault-confirmation"), "quatre mots bien gardes");
    app.click(&app.with_text("button", "Choisir cette phrase de passe"));
    app.xpath("//small[@role='alert'][contains(., 'les deux phrases de passe diffèrent')]");
    app.screenshot("1-choosing");
    app.type_into(&app.css("#vault-confirmation"), passphrase);
    app.click(&app.with_text("button", "Choisir cette phrase de passe"));
    // Chosen, the session is unlocked: a restricted case can be made.
    app.with_text("button", "Verrouiller les dossiers restreints");
    app.click(&app.with_text("button", "Nouveau dossier"));
    app.type_into(&app.css("#case-title"), "Plainte confidentielle");
    app.click(&app.css("#case-restricted"));
    app.click(&app.with_text("button", "Enregistrer le dossier"));
    app.with_text("h2", "Plainte confidentielle");
    app.screenshot("2-restricted-case");
    app.quit();
    drop(driver);

    let sealed = std::fs::read(&db).expect("the database file");
    let wal = std::fs::read(dir.path().join("konbit.sqlite-wal")).unwrap_or_default();
    for bytes in [&sealed, &wal] {
        assert!(
            !bytes
                .windows("Plainte confidentielle".len())
                .any(|w| w == "Plainte confidentielle".as_bytes()),
            "the title is sealed"
        );
    }

    let driver = Driver::start(&db);
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Dossiers juridiques"));
    app.with_text("span", "Dossier restreint");
    app.click(&app.with_text("button", "Déverrouiller les dossiers restreints"));
    app.type_into(&app.css("#vault-passphrase"), passphrase);
    app.press(keys::ENTER);
    app.click(&app.with_text("button", "Plainte confidentielle"));
    app.with_text("h2", "Plainte confidentielle");
    app.screenshot("3-unlocked-after-restart");
    app.quit();
}
