//! A person starts Konbit on a new database, sets up the organisation, adds a client through
//! the form, quits, starts again and finds the client as they left it.

use konbit_e2e::{artifacts, Driver};

#[test]
fn a_client_survives_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("konbit.sqlite");
    let shots = artifacts("client_survives_restart");
    let driver = Driver::start(&db);

    let app = driver.launch(&shots);
    app.with_text("h1", "Bienvenue dans Konbit");
    app.screenshot("1-bienvenue");
    let name = app.css("#welcome-name");
    app.type_into(&name, "Collectif des Ateliers du Plateau");
    app.click(&app.with_text("button", "Commencer"));
    app.click(&app.with_text("button", "Clients"));
    app.with_text("h1", "Clients");
    app.screenshot("2-organisation-creee");

    app.click(&app.containing("button", "Nouveau"));
    let client = "Centre d'éducation populaire de l'Estrie";
    app.type_into(&app.css("#client-name"), client);
    app.type_into(&app.css("#client-email"), "info@cepe.qc.ca");
    app.click(&app.with_text("button", "Enregistrer"));
    app.with_text("span", client);
    app.screenshot("3-client-enregistre");
    app.quit();

    assert!(db.exists(), "the database file was written");

    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Clients"));
    app.with_text("h1", "Clients");
    app.click(&app.with_text("span", client));
    let email = app.css("#client-email");
    let start = std::time::Instant::now();
    while app.value(&email) != "info@cepe.qc.ca" && start.elapsed().as_secs() < 10 {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(app.value(&email), "info@cepe.qc.ca");
    assert_eq!(app.value(&app.css("#client-name")), client);
    app.screenshot("4-apres-redemarrage");
    app.quit();
}
