//! The app opens on Accueil, the day's overview of the person at the keyboard, with the demo's
//! figures; the one fiscal-year picker reaches any year in one choice, and the year chosen
//! follows the person from screen to screen and across a restart. Screens are photographed at
//! 1280 × 1024 and at 1024 × 768, where tables scroll in their own box.

use std::path::Path;

use konbit_core::fiscal::FiscalYear;
use konbit_core::legal::Access;
use konbit_core::store::{OpenMode, Store};
use konbit_core::worktime::entry::{self, TimeEntryInput};
use konbit_core::{clock, Lang};
use konbit_e2e::{artifacts, App, Driver};

/// Both sizes of every screen the issue asked to look at.
fn photograph(app: &App, name: &str) {
    app.resize(1280, 1024);
    app.screenshot(&format!("{name}-1280x1024"));
    app.resize(1024, 768);
    app.screenshot(&format!("{name}-1024x768"));
    app.resize(1280, 1024);
}

/// What the text of an element reads, its no-break spaces as plain spaces.
fn plain(app: &App, selector: &str) -> String {
    app.text(&app.css(selector))
        .replace(['\u{a0}', '\u{202f}'], " ")
}

#[test]
fn the_home_screen_shows_the_demo_figures_of_today() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = konbit_e2e::demo_books_in(dir.path());
    let shots = artifacts("home");
    let today = clock::today();
    let expected = {
        let store = Store::open(&db, OpenMode::MustExist).expect("the database");
        let omar =
            konbit_core::organisation::worker::by_name(store.conn(), "Omar Benali").expect("Omar");
        konbit_core::home::summary(store.conn(), Some(omar), today, Access::Public)
            .expect("the home figures")
    };
    assert!(
        expected.overdue.count > 1,
        "the demo leaves invoices unpaid: {:?}",
        expected.overdue
    );

    let driver = Driver::start(&db);
    let app = driver.launch(&shots);
    app.with_text("h1", "Accueil");
    app.choose(&app.css(".timerbar select"), "Omar Benali");
    let week = app.css("[data-testid='home-week'] .home-figure");
    assert_eq!(
        app.wait_text(&week, "0:00 h cette semaine")
            .replace('\u{a0}', " "),
        "0:00 h cette semaine"
    );

    let total = expected
        .overdue
        .total
        .format(Lang::Fr)
        .replace(['\u{a0}', '\u{202f}'], " ");
    let overdue = plain(&app, "[data-testid='home-overdue'] .home-figure");
    assert_eq!(
        overdue,
        format!(
            "{} factures en retard, {total} à recevoir",
            expected.overdue.count
        )
    );
    let oldest = &expected.overdue.oldest[0];
    let first_row = app.xpath("//*[@data-testid='home-overdue']//tbody/tr[1]");
    let row = app.text(&first_row).replace(['\u{a0}', '\u{202f}'], " ");
    assert!(
        row.contains(&oldest.number) && row.contains(&oldest.client_name),
        "{row}"
    );
    assert!(row.contains(&oldest.days_late.to_string()), "{row}");

    let bank = expected.bank.expect("the demo has bank accounts");
    assert_eq!(
        plain(&app, "[data-testid='home-bank'] .home-figure"),
        bank.balance
            .format(Lang::Fr)
            .replace(['\u{a0}', '\u{202f}'], " ")
    );
    let drafts = plain(&app, "[data-testid='home-drafts'] .home-figure");
    assert!(
        drafts.starts_with(&expected.drafts.to_string())
            || (expected.drafts == 0 && drafts == "Aucun brouillon en attente."),
        "{drafts}"
    );
    photograph(&app, "1-accueil");

    // Each block opens its screen.
    app.click(&app.with_text("button", "Factures en retard"));
    app.with_text("h1", "Comptes à recevoir");
    app.click(&app.with_text("button", "Accueil"));
    app.click(&app.with_text("button", "Banque"));
    app.css("[data-testid='cashflow']");
}

#[test]
fn the_year_chosen_follows_every_screen_and_survives_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = konbit_e2e::demo_books_in(dir.path());
    // A minute of work recorded today, as the timer does: the current year then has records.
    record_a_minute_today(&db);
    let current = FiscalYear::containing(clock::today(), 9).name();
    let shots = artifacts("year_picker");

    let driver = Driver::start(&db);
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Résultats"));
    app.with_text("h1", &format!("Résultats {current}"));
    // One choice back to the demo's first year, whatever lies between.
    app.choose(&app.css("select.year-picker"), "2011-2012");
    app.with_text("h1", "Résultats 2011-2012");
    photograph(&app, "1-resultats-2011-2012");
    app.click(&app.with_text("button", "Budget"));
    app.with_text("h1", "Budget 2011-2012");
    app.click(&app.with_text("button", "Trésorerie"));
    app.with_text("h1", "Trésorerie 2011-2012");
    photograph(&app, "2-tresorerie-2011-2012");
    // The aging of a past year is as of its last day, never a day still to come.
    app.click(&app.with_text("button", "Comptes à recevoir"));
    let as_of = app.css("input[name='as-of']");
    assert_eq!(app.wait_value_of(&as_of, "2012-08-31"), "2012-08-31");
    app.quit();

    let app = driver.launch(&shots);
    app.with_text("h1", "Accueil");
    app.click(&app.with_text("button", "Dépenses"));
    app.containing("h1", "2011-2012");
    app.choose(&app.css("select.year-picker"), "2012-2013");
    app.click(&app.with_text("button", "Répartition du travail"));
    app.containing("h1", "2012-2013");
    app.click(&app.with_text("button", "Comptes à recevoir"));
    let as_of = app.css("input[name='as-of']");
    assert_eq!(app.wait_value_of(&as_of, "2013-08-31"), "2013-08-31");
    photograph(&app, "3-comptes-a-recevoir-2012-2013");
}

/// Every screen of the sidebar, as a person on a 1024 × 768 display sees it: the top bar on one
/// line, nothing wider than the window (wide tables scroll in their own box).
#[test]
fn every_screen_fits_a_1024_by_768_window() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = konbit_e2e::demo_books_in(dir.path());
    let shots = artifacts("small_screen");
    let driver = Driver::start(&db);
    let app = driver.launch(&shots);
    app.with_text("h1", "Accueil");
    app.choose(&app.css(".timerbar select"), "Omar Benali");
    app.resize(1024, 768);
    let screens = [
        "Accueil",
        "Ma semaine",
        "Entrées",
        "Plan de travail",
        "Répartition du travail",
        "Importer des heures",
        "Factures",
        "Paiements",
        "Comptes à recevoir",
        "Contrats récurrents",
        "Taxes de vente",
        "Résultats",
        "Budget",
        "Trésorerie",
        "Dépenses",
        "Autres revenus",
        "Dossiers juridiques",
        "Rapport annuel",
        "Clients",
        "Projets",
        "Membres",
        "Travailleurs et travailleuses",
        "Équipes",
        "Comités",
        "Départements de revenus",
        "Catégories de dépenses",
        "Paramètres",
        "Sauvegardes",
    ];
    let mut problems = Vec::new();
    for (n, label) in screens.iter().enumerate() {
        app.click(&app.xpath(&format!(
            "//nav[@class='sidebar']//button[normalize-space()='{label}']"
        )));
        app.xpath(&format!(
            "//nav[@class='sidebar']//button[@aria-current='page' and normalize-space()='{label}']"
        ));
        app.css("main.content > *");
        // The screen's figures arrive after its first paint; the picture and the measure wait for them.
        std::thread::sleep(std::time::Duration::from_millis(700));
        app.screenshot(&format!("{n:02}-{label}"));
        let measure = app.script(
            "const top = document.querySelector('.topbar').getBoundingClientRect().height;
             return [document.documentElement.scrollWidth, window.innerWidth, Math.round(top)];",
        );
        let (page, window, top) = (
            measure[0].as_i64().unwrap_or(0),
            measure[1].as_i64().unwrap_or(0),
            measure[2].as_i64().unwrap_or(0),
        );
        if page > window {
            problems.push(format!(
                "{label}: the page is {page} px wide in a {window} px window"
            ));
        }
        // One line with its select is 57 px high; a second line would add about 45.
        if top > 80 {
            problems.push(format!(
                "{label}: the top bar is {top} px high, more than one line"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn record_a_minute_today(db: &Path) {
    let mut store = Store::open(db, OpenMode::MustExist).expect("the database");
    store
        .write(|tx| {
            let omar = konbit_core::organisation::worker::by_name(tx, "Omar Benali")?;
            let committee: i64 =
                tx.query_row("SELECT id FROM committees ORDER BY id LIMIT 1", [], |r| {
                    r.get(0)
                })?;
            let input = TimeEntryInput {
                worker_id: omar,
                work_date: clock::today(),
                duration: "1m".into(),
                committee_id: Some(committee),
                ..Default::default()
            };
            entry::create(tx, &input)
        })
        .expect("a minute recorded today");
}
