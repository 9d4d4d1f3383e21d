//! The finance committee opens the cashflow of 2012-2013, sees the cushion crossed, projects
//! from the end of March, adds a recurring expense and sees the projection drop by its 12
//! payments; the expense is still there after a restart.

use konbit_core::store::{OpenMode, Store};
use konbit_core::{Cents, Lang};
use konbit_e2e::{artifacts, keys, Driver};

/// The whole dollars in a text such as `−1 234 $` or `1 234 $`.
fn dollars(text: &str) -> i64 {
    let digits: String = text.chars().filter(|c| c.is_ascii_digit()).collect();
    let value: i64 = digits
        .parse()
        .unwrap_or_else(|_| panic!("an amount in {text:?}"));
    if text.contains('-') || text.contains('−') {
        -value
    } else {
        value
    }
}

#[test]
fn a_recurring_expense_lowers_the_projection_and_survives_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("konbit.sqlite");
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).expect("a new database");
    store
        .write(|tx| konbit_core::demo::create(tx, konbit_core::demo::DEFAULT_SEED))
        .expect("the demo organisation");
    drop(store);
    let shots = artifacts("cashflow");

    let driver = Driver::start(&db);
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Trésorerie"));
    app.with_text("h1", "Trésorerie 2012-2013");
    let crossed = app.css("[data-testid='cashflow-actual-warning']");
    assert!(
        app.text(&crossed)
            .replace('\u{a0}', " ")
            .contains("sous le coussin de 30 000 $"),
        "{}",
        app.text(&crossed)
    );

    let as_of = app.css("#cashflow-as-of");
    app.type_into(&as_of, "2013-04-30");
    app.press(keys::TAB);
    let warning = app.css("[data-testid='cashflow-projection-warning']");
    assert!(
        app.text(&warning)
            .contains("solde projeté passe sous le coussin"),
        "{}",
        app.text(&warning)
    );
    let closing = app.css("[data-testid='cashflow-projection-closing']");
    let before = dollars(&app.text(&closing));
    app.screenshot("1-projection");

    app.type_into(&app.css("#rec-supplier"), "Entrepôt Rosemont");
    app.choose(&app.css("#rec-category"), "Loyer");
    app.type_into(&app.css("#rec-amount"), "1000");
    // Untaxed, as rent often is, so that the projection drops by exactly 12 × 1 000 $.
    app.click(&app.css("#rec-taxable"));
    app.type_into(&app.css("#rec-from"), "2013-05-01");
    app.press(keys::TAB);
    app.click(&app.with_text("button", "Ajouter la dépense récurrente"));
    app.containing("td", "Entrepôt Rosemont");
    // Twelve months of 1 000 $, from May 2013 to April 2014.
    let expected = Cents((before - 12_000) * 100).format_dollars(Lang::Fr);
    let after = app.wait_text(&closing, &expected);
    assert_eq!(dollars(&after), before - 12_000, "{after}");
    app.quit();
    drop(driver);

    let driver = Driver::start(&db);
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Trésorerie"));
    app.containing("td", "Entrepôt Rosemont");
    app.screenshot("2-after-restart");
    app.quit();
}
