//! A worker fills a week of the demo organisation with the keyboard alone, quits, starts again
//! and finds the same totals; a running timer goes on across the restart.

use konbit_e2e::{artifacts, keys, App, Driver};

/// Picks the worker in the top bar and shows the week of 16 September 2013, the first full
/// week after the demo's records end.
fn open_week(app: &App) {
    // The app opens on Accueil; the week is one click away.
    app.click(&app.with_text("button", "Ma semaine"));
    app.choose(&app.css(".timerbar select"), "Omar Benali");
    let go_to = app.css(".week-head input.date");
    app.type_into(&go_to, "2013-09-16");
    app.press(keys::ENTER);
    app.with_text("h1", "Semaine du 16 sept. 2013");
}

#[test]
fn a_week_filled_with_the_keyboard_survives_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = konbit_e2e::demo_books_in(dir.path());
    let shots = artifacts("week_survives_restart");
    let driver = Driver::start(&db);

    let app = driver.launch(&shots);
    open_week(&app);
    app.choose(&app.css(".row-actions select"), "Administration");
    // The new row's first cell has the focus: type Monday to Friday, moving right.
    for day in ["7:00", "7h", "6,5", "420m", "7"] {
        app.press(&format!("{day}{}", keys::ARROW_RIGHT));
    }
    let total = app.css("[data-testid=week-total]");
    assert_eq!(app.wait_text(&total, "34:30"), "34:30");
    app.screenshot("1-semaine-remplie");
    app.quit();

    let app = driver.launch(&shots);
    open_week(&app);
    let total = app.css("[data-testid=week-total]");
    assert_eq!(app.wait_text(&total, "34:30"), "34:30");
    app.screenshot("2-apres-redemarrage");
}

#[test]
fn a_running_timer_survives_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = konbit_e2e::demo_books_in(dir.path());
    let shots = artifacts("timer_survives_restart");
    let driver = Driver::start(&db);

    let app = driver.launch(&shots);
    open_week(&app);
    app.choose(&app.css(".row-actions select"), "Administration");
    app.click(&app.css("button[aria-label^='Démarrer la minuterie']"));
    app.with_text("button", "Arrêter");
    app.screenshot("1-minuterie-demarree");
    app.quit();

    let app = driver.launch(&shots);
    app.choose(&app.css(".timerbar select"), "Omar Benali");
    app.with_text("button", "Arrêter");
    app.css(".timerbar .running");
    app.screenshot("2-minuterie-apres-redemarrage");
}
