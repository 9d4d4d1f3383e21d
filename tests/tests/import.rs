//! The office imports a Toggl Track export: a broken file is refused line by line and nothing is
//! written; the corrected file imports once; after a restart its entries are there, and the
//! Entrées screen exports them as CSV.

use konbit_core::store::{OpenMode, Store};
use konbit_e2e::{artifacts, Driver};

const TOGGL: &str = include_str!("../../core/src/worktime/import/fixtures/toggl.csv");

#[test]
fn a_toggl_export_is_previewed_imported_once_and_exported_back() {
    let (dir, db) = konbit_e2e::demo_books();
    let file = dir.path().join("toggl.csv");
    std::fs::write(
        &file,
        TOGGL.replace("2013-02-05,10:00:00", "5 février,10:00:00"),
    )
    .expect("the broken export");
    let shots = artifacts("import_toggl");

    let driver = Driver::start_with_dialogs(&db, Some(&file));
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Importer des heures"));
    app.choose(&app.css("[data-testid=import] select"), "Toggl Track");
    app.click(&app.with_text("button", "Choisir le fichier…"));
    let problem = app.containing("li", "Ligne 4, colonne Start date");
    // Worded in French from the problem's code and value, not the core's English sentence.
    let said = app.text(&problem).replace('\u{a0}', " ");
    assert!(said.contains("« 5 février » n’est pas une date"), "{said}");
    app.containing("h2", "rien ne sera importé");
    app.screenshot("1-fichier-refuse");

    std::fs::write(&file, TOGGL).expect("the corrected export");
    app.click(&app.with_text("button", "Choisir le fichier…"));
    app.click(&app.with_text("button", "Importer 4 entrées"));
    let outcome = app.css("[data-testid=import-outcome]");
    assert_eq!(
        app.wait_text(&outcome, "4 entrées importées (5:34 h), 0 déjà présentes."),
        "4 entrées importées (5:34 h), 0 déjà présentes."
    );
    assert_eq!(
        app.text(&app.css("[data-testid=import-new]")),
        "0",
        "a second import would add nothing"
    );
    app.screenshot("2-importe");
    app.quit();
    drop(driver);

    let export = dir.path().join("heures.csv");
    let driver = Driver::start_with_dialogs(&db, Some(&export));
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Entrées"));
    app.choose(&app.css("[data-testid=entries] select"), "Omar Benali");
    for name in ["from", "to"] {
        app.type_into(
            &app.css(&format!("[data-testid=entries] input[name={name}]")),
            "2013-02-04",
        );
    }
    app.containing("td", "Lettre de l'avocat");
    app.click(&app.with_text("button", "Exporter en CSV…"));
    app.containing("p", "Entrées exportées");
    app.screenshot("3-entrees-exportees");
    let csv = std::fs::read_to_string(&export).expect("the exported file");
    assert!(
        csv.contains(",2013-02-04,Omar Benali,,,Légal,0:30,13:00,13:30,Lettre de l'avocat,no\n"),
        "{csv}"
    );
    app.quit();
}

const TOGGL_SINGLE: &str =
    include_str!("../../core/src/worktime/import/fixtures/toggl-single-user.csv");

/// A single person's Toggl export has no User column: the preview asks whose hours they are,
/// lists the entry of 12 seconds it leaves out, and the outcome counts it.
#[test]
fn a_single_person_toggl_export_asks_for_the_worker_and_lists_its_short_entries() {
    let (dir, db) = konbit_e2e::demo_books();
    let file = dir.path().join("toggl-omar.csv");
    std::fs::write(&file, TOGGL_SINGLE).expect("the export");
    let shots = artifacts("import_toggl_single");

    let driver = Driver::start_with_dialogs(&db, Some(&file));
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Importer des heures"));
    app.choose(&app.css("[data-testid=import] select"), "Toggl Track");
    app.click(&app.with_text("button", "Choisir le fichier…"));
    app.containing("li", "le fichier ne nomme personne");
    let short = app.css("[data-testid=import-short]");
    let listed = app.text(&short).replace('\u{a0}', " ");
    assert!(
        listed.contains("ligne 3 : 12 s le") && listed.contains("Minuteur oublié"),
        "{listed}"
    );
    app.containing("h2", "de moins de 30");
    app.screenshot("1-qui");

    app.choose(&app.css("[data-testid=import-worker]"), "Omar Benali");
    app.click(&app.with_text("button", "Importer 1 entrées"));
    let outcome = app.css("[data-testid=import-outcome]");
    app.containing("p", "1 entrées importées (2:30 h), 0 déjà présentes.");
    let said = app.text(&outcome).replace('\u{a0}', " ");
    assert!(
        said.contains("1 entrée(s) de moins de 30 secondes laissée(s) de côté."),
        "{said}"
    );
    app.screenshot("2-importe");
    app.quit();
    drop(driver);

    let store = Store::open(&db, OpenMode::MustExist).expect("the database");
    let omar: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM time_entries JOIN workers ON workers.id = worker_id JOIN members ON members.id = member_id WHERE members.name = 'Omar Benali' AND source LIKE 'toggl:%'",
            [],
            |r| r.get(0),
        )
        .expect("the count");
    assert_eq!(omar, 1);
}
