//! The finance committee types a quarter's budget for web development, sees it against what was
//! invoiced, and finds it again after a restart; closes the year before once its accounts are
//! adopted, and finds it closed and its budget locked after the restart; attaches a receipt to an
//! expense and finds it listed with its hash after a restart.

use konbit_core::store::{OpenMode, Store};
use konbit_e2e::{artifacts, keys, Driver};

#[test]
fn a_budget_typed_in_the_grid_meets_the_actual_and_survives_a_restart() {
    let (_dir, db) = konbit_e2e::demo_books();
    let shots = artifacts("budget");

    let driver = Driver::start(&db);
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Budget"));
    app.with_text("h1", "Budget 2012-2013");
    let cell = app.css("input[aria-label='Développement web, T1']");
    app.type_into(&cell, "70000");
    app.press(keys::TAB);
    let row = app.containing("tr", "Développement web70");
    assert!(
        app.text(&row).replace('\u{a0}', " ").contains("70 000 $"),
        "{}",
        app.text(&row)
    );
    app.screenshot("1-budget-t1");

    // 2011-2012's accounts are adopted: the year is closed from the results screen.
    app.click(&app.with_text("button", "Résultats"));
    app.with_text("h1", "Résultats 2012-2013");
    app.click(&app.with_text("button", "← Précédente"));
    app.with_text("h1", "Résultats 2011-2012");
    app.containing("p", "L’exercice 2011-2012 est ouvert");
    app.click(&app.with_text("button", "Clôturer l’exercice 2011-2012…"));
    app.containing("p", "Clôturer 2011-2012");
    app.click(&app.with_text("button", "Clôturer l’exercice"));
    app.containing("p", "L’exercice 2011-2012 est clôturé depuis le");
    app.xpath("//tr[th[normalize-space()='2011-2012']]/td[normalize-space()='clôturé']");
    app.screenshot("2-year-closed");
    app.quit();
    drop(driver);

    let driver = Driver::start(&db);
    let app = driver.launch(&shots);
    // The year last chosen (2011-2012, in Résultats) is the one every screen opens on again.
    app.click(&app.with_text("button", "Budget"));
    app.with_text("h1", "Budget 2011-2012");
    app.click(&app.with_text("button", "Suivante →"));
    app.with_text("h1", "Budget 2012-2013");
    let cell = app.css("input[aria-label='Développement web, T1']");
    app.wait_value_of(&cell, "70000,00");
    // The closed year's budget no longer changes; the year after it still does.
    app.click(&app.with_text("button", "← Précédente"));
    app.with_text("h1", "Budget 2011-2012");
    let closed = app.css("input[aria-label='Développement web, T2']");
    app.type_into(&closed, "5000");
    app.press(keys::TAB);
    app.containing("p", "appartient à l’exercice 2011-2012, qui est clôturé\u{a0}: ses écritures ne peuvent plus changer");
    app.screenshot("3-closed-budget-refused");
    app.click(&app.with_text("button", "Résultats"));
    app.with_text("h1", "Résultats 2011-2012");
    app.containing("p", "L’exercice 2011-2012 est clôturé depuis le");
    app.quit();
    drop(driver);
    let store = Store::open(&db, OpenMode::MustExist).expect("the database");
    let kept: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM budget_lines WHERE fiscal_year_start = '2011-09-01' AND amount_cents = 500000", [], |r| r.get(0))
        .expect("a count");
    assert_eq!(kept, 0, "nothing was written into the closed year");
}

#[test]
fn a_receipt_attached_to_an_expense_is_kept_with_its_hash() {
    let (dir, db) = konbit_e2e::demo_books();
    let receipt = dir.path().join("facture-déménagement.pdf");
    std::fs::write(&receipt, b"%PDF-1.4\n% facture du transporteur\n").expect("a receipt");
    let shots = artifacts("attachment");

    let driver = Driver::start_with_dialogs(&db, Some(&receipt));
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Dépenses"));
    // A hundred at a time, newest first; the rest on demand, the year's total from the start.
    app.containing("span", "100 affichés sur");
    let total = app.text(&app.css("[data-testid='expenses-total']"));
    app.click(&app.with_text("button", "Afficher plus"));
    app.containing("td", "Rencontre des coopératives de travail");
    assert_eq!(
        app.text(&app.css("[data-testid='expenses-total']")),
        total,
        "the total was the year's before the rest came"
    );
    let row_button = "//tr[td[contains(., 'Déménagement des serveurs')]]//button[normalize-space()='Pièces jointes']";
    app.click(&app.xpath(row_button));
    app.with_text("li", "Aucune pièce jointe.");
    app.click(&app.with_text("button", "Joindre un fichier…"));
    let listed = app.containing("li", "facture-déménagement.pdf");
    assert!(
        app.text(&listed).contains("SHA-256"),
        "{}",
        app.text(&listed)
    );
    app.screenshot("1-attached");
    app.quit();
    drop(driver);

    let driver = Driver::start(&db);
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Dépenses"));
    app.click(&app.xpath(row_button));
    app.containing("li", "facture-déménagement.pdf");
    app.quit();
    let copies = std::fs::read_dir(dir.path().join("konbit.sqlite.documents"))
        .expect("the documents folder")
        .count();
    assert_eq!(
        copies, 1,
        "one folder of copies, named by the hash's first two characters"
    );
}
