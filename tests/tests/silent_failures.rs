//! Nothing fails silently (issue 19, point 4): a bad date in an unrelated box keeps the invoice
//! a draft and the confirmation says why; a bad date in a filter or the go-to box, a red cell of
//! the week grid and a timer stopped under a minute are each said in a sentence.

use konbit_core::store::{OpenMode, Store};
use konbit_e2e::{artifacts, keys, App, Driver};

/// The text of the element, no-break spaces read as spaces.
fn plain(app: &App, css: &str) -> String {
    app.text(&app.css(css)).replace('\u{a0}', " ")
}

#[test]
fn a_refused_action_says_why_where_the_person_looks() {
    let (_dir, db) = konbit_e2e::demo_books();
    let store = Store::open(&db, OpenMode::MustExist).expect("the demo's books");
    // The demo invoices each month's hours on the first of the next: August 2013 is still open.
    let client: String = store
        .conn()
        .query_row(
            "SELECT c.name FROM time_entries e JOIN projects p ON p.id = e.project_id JOIN clients c ON c.id = p.client_id
             WHERE p.billing_mode = 'hourly' AND e.billable AND e.work_date >= '2013-08-01'
               AND NOT EXISTS (SELECT 1 FROM invoice_time_entries b WHERE b.time_entry_id = e.id)
             GROUP BY c.id ORDER BY sum(e.minutes) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a client with unbilled August hours");
    drop(store);
    let shots = artifacts("silent_failures");
    let driver = Driver::start(&db);
    let app = driver.launch(&shots);

    // A draft with its August hours, then an impossible day typed in the hours' "Du" box.
    app.click(&app.with_text("button", "Factures"));
    app.choose(&app.css(".new-draft select"), &client);
    app.type_into(&app.css(".new-draft input.date"), "2013-09-01");
    app.click(&app.with_text("button", "Créer le brouillon"));
    app.with_text("h1", &format!("Facture brouillon — {client}"));
    app.click(&app.with_text("button", "Ajouter les heures"));
    app.containing("td", "août 2013");
    app.type_into(&app.css("#time-from"), "2013-02-30");
    app.click(&app.with_text("button", "Émettre la facture…"));
    app.click(&app.with_text("button", "Confirmer l’émission"));
    // The question stays open with the reason, and the invoice is still a draft.
    app.css("[data-testid=confirm-problem]");
    let said = plain(&app, "[data-testid=confirm-problem]");
    assert!(
        said.starts_with("Rien n’a été fait : le champ « Du » est à corriger. Date invalide"),
        "{said}"
    );
    assert_eq!(plain(&app, "[data-testid=invoice-status]"), "brouillon");
    app.screenshot("1-emission-refusee-1280");
    app.resize(1024, 768);
    app.screenshot("1-emission-refusee-1024");
    app.resize(1280, 1024);
    // Corrected, the same question goes through.
    app.type_into(&app.css("#time-from"), "2013-08-01");
    app.click(&app.with_text("button", "Confirmer l’émission"));
    let status = app.css("[data-testid=invoice-status]");
    assert_eq!(app.wait_text(&status, "en retard"), "en retard");
    app.gone("//*[@role='alertdialog']");

    // Entrées: an impossible "Du" is said, not only outlined in red.
    app.click(&app.with_text("button", "Entrées"));
    app.type_into(&app.css("input[name=from]"), "2013-02-30");
    app.css("[data-testid=date-problem]");
    let said = plain(&app, "[data-testid=date-problem]");
    assert!(
        said.contains("La date « 2013-02-30 » du champ « Du » n’existe pas ou est mal écrite"),
        "{said}"
    );
    app.screenshot("2-entrees-date-1280");

    // Ma semaine: the go-to box, a red cell's reason, a timer stopped at once.
    app.click(&app.with_text("button", "Ma semaine"));
    app.choose(&app.css(".timerbar select"), "Omar Benali");
    let go_to = app.css(".week-head input.date");
    app.type_into(&go_to, "2013-13-01");
    app.press(keys::ENTER);
    app.css("[data-testid=date-problem]");
    assert!(plain(&app, "[data-testid=date-problem]").contains("« Aller à la date »"));
    app.type_into(&go_to, "2013-09-16");
    app.press(keys::ENTER);
    app.with_text("h1", "Semaine du 16 sept. 2013");
    app.gone("//*[@data-testid='date-problem']");
    app.choose(&app.css(".row-actions select"), "Administration");
    app.press(&format!("douze{}", keys::ENTER));
    app.css("[data-testid=cell-problems]");
    let said = plain(&app, "[data-testid=cell-problems]");
    assert!(said.starts_with("Administration, lun. 16 : "), "{said}");
    app.css("input.cell.invalid");
    app.click(&app.css("button[aria-label^='Démarrer la minuterie']"));
    app.click(&app.with_text("button", "Arrêter"));
    let notice = app.css("[data-testid=timer-notice]");
    assert_eq!(
        app.wait_text(
            &notice,
            "Minuterie arrêtée après moins d’une minute : rien n’a été enregistré."
        )
        .replace('\u{a0}', " "),
        "Minuterie arrêtée après moins d’une minute : rien n’a été enregistré."
    );
    app.screenshot("3-semaine-1280");
    app.resize(1024, 768);
    app.screenshot("3-semaine-1024");
    app.quit();
}
