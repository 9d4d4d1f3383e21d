//! The finance committee opens Finances → États financiers, reads the year's statement of
//! financial position and statement of operations beside the year before, checks them against
//! the net worth and the result the other screens give, steps back to the books' first year (no
//! comparison column), and saves the statements as CSV through the save dialog.

use konbit_core::finance::{books, history};
use konbit_core::fiscal::FiscalYear;
use konbit_core::store::{OpenMode, Store};
use konbit_core::Lang;
use konbit_e2e::{artifacts, Driver};

#[test]
fn the_years_statements_on_screen_and_as_csv() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("konbit.sqlite");
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).expect("a new database");
    store
        .write(|tx| konbit_core::demo::create(tx, konbit_core::demo::DEFAULT_SEED))
        .expect("the demo organisation");
    // What the Résultats screen and the net worth chart say, to find on the statements.
    let fy = FiscalYear::parse("2012-2013", 9).unwrap();
    let result = books::for_span(store.conn(), fy.start(), fy.end())
        .unwrap()
        .result;
    let worth = history::money(store.conn(), fy)
        .unwrap()
        .pop()
        .unwrap()
        .summary
        .net_worth;
    drop(store);
    let csv = dir.path().join("etats-financiers.csv");
    let shots = artifacts("statements");

    let driver = Driver::start_with_dialogs(&db, Some(&csv));
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "États financiers"));
    app.with_text("h1", "États financiers 2012-2013");
    let position = app.css("[data-testid='statement-position']");
    let text = app.text(&position).replace('\u{a0}', " ");
    assert!(
        text.contains("État de la situation financière au 31 août 2013"),
        "{text}"
    );
    let row = |label: &str| app.xpath(&format!("//tr[th[normalize-space()=\"{label}\"]]"));
    let end = app
        .text(&row("Actif net à la fin de l’exercice"))
        .replace('\u{a0}', " ");
    assert!(
        end.contains(&worth.format(Lang::Fr).replace('\u{a0}', " ")),
        "{end} against {worth:?}"
    );
    let operations = app.css("[data-testid='statement-operations']");
    let excess = app
        .xpath("//table[@data-testid='statement-operations']//tr[contains(@class,'grand_total')]");
    assert!(
        app.text(&excess)
            .replace('\u{a0}', " ")
            .contains(&result.format(Lang::Fr).replace('\u{a0}', " ")),
        "{} against {result:?}",
        app.text(&excess)
    );
    assert!(app
        .text(&operations)
        .contains("Troc (biens et services reçus)"));
    app.screenshot("1-statements-1280");
    app.resize(1024, 768);
    app.screenshot("2-statements-1024");

    app.click(&app.with_text("button", "Enregistrer les états financiers (PDF ou CSV)…"));
    app.containing("span", "Rapport enregistré dans");
    let saved = std::fs::read_to_string(&csv).expect("the CSV was written");
    let mut lines = saved.lines();
    assert_eq!(lines.next(), Some("Poste,2012-2013,2011-2012"));
    assert!(
        saved.contains(&format!(
            "Excédent (insuffisance) des revenus sur les dépenses,{}",
            result.to_decimal()
        )),
        "{saved}"
    );

    // The books' first year has nothing to compare with.
    app.click(&app.with_text("button", "← Précédente"));
    app.with_text("h1", "États financiers 2011-2012");
    app.containing("p", "commencent avec cet exercice");
    app.screenshot("3-first-year");
    app.quit();
}
