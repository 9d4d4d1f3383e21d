//! The report editor keeps a writer's work (issue 19, point 10): text typed in a section and not
//! saved is still there after looking at another section and after a restart, marked as not
//! saved; removing a section asks first, naming it.

use konbit_core::store::{OpenMode, Store};
use konbit_e2e::{artifacts, Driver};

const DRUPAL: &str =
    "//ol[@data-testid='outline']/li[.//button[normalize-space()='Équipe Drupal']]";
const ERRATA: &str = "//ol[@data-testid='outline']/li[.//button[normalize-space()='Errata']]";

#[test]
fn unsaved_text_is_kept_and_a_section_is_removed_only_after_a_yes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("konbit.sqlite");
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).expect("a new database");
    store
        .write(|tx| konbit_core::demo::create(tx, konbit_core::demo::DEFAULT_SEED))
        .expect("the demo organisation");
    drop(store);
    let shots = artifacts("report_editor");
    let driver = Driver::start(&db);

    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Rapport annuel"));
    app.with_text("h1", "Rapport annuel 2012-2013");
    app.click(&app.with_text("button", "Équipe Drupal"));
    let body = app.css("#section-body");
    let saved = app.value(&body);
    let typed = format!("{saved}\n\nUn paragraphe pas encore enregistré.");
    app.type_into(&body, &typed);
    // What the box holds, as WebDriver typed it (it may fold the blank line).
    let typed = app.value(&body);
    assert!(
        typed.ends_with("Un paragraphe pas encore enregistré."),
        "{typed}"
    );
    app.xpath(&format!("{DRUPAL}//span[@data-testid='unsaved']"));

    // Another section, then back: the text is where the writer left it.
    app.click(&app.with_text("button", "Errata"));
    assert_ne!(
        app.value(&app.css("#section-body")),
        typed,
        "the errata show their own text"
    );
    app.click(&app.with_text("button", "Équipe Drupal"));
    assert_eq!(app.value(&app.css("#section-body")), typed);
    app.containing("span", "Sections modifiées et non enregistrées");
    app.screenshot("1-texte-garde-1280");
    app.resize(1024, 768);
    app.screenshot("1-texte-garde-1024");
    app.resize(1280, 1024);

    // Removing asks, names the section, and "Annuler" keeps it.
    app.click(&app.xpath(&format!(
        "{ERRATA}//button[@aria-label='Retirer la section']"
    )));
    let question = app.css("[role=alertdialog]");
    let asked = app.text(&question).replace('\u{a0}', " ");
    assert!(
        asked.contains("Retirer la section « Errata » du rapport 2012-2013 ?"),
        "{asked}"
    );
    app.screenshot("2-retirer-demande-1280");
    app.resize(1024, 768);
    app.screenshot("2-retirer-demande-1024");
    app.resize(1280, 1024);
    app.click(&app.xpath("//*[@role='alertdialog']//button[normalize-space()='Annuler']"));
    app.gone("//*[@role='alertdialog']");
    app.xpath(ERRATA);
    app.quit();

    // After a restart the unsaved text is still kept, and the removal asked for goes through.
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Rapport annuel"));
    app.xpath(&format!("{DRUPAL}//span[@data-testid='unsaved']"));
    app.click(&app.with_text("button", "Équipe Drupal"));
    assert_eq!(
        app.value(&app.css("#section-body")),
        typed,
        "the draft survived the restart"
    );
    app.click(&app.xpath(&format!(
        "{ERRATA}//button[@aria-label='Retirer la section']"
    )));
    app.click(
        &app.xpath("//*[@role='alertdialog']//button[normalize-space()='Retirer la section']"),
    );
    app.gone(ERRATA);
    app.click(&app.with_text("button", "Revenir au texte enregistré"));
    assert_eq!(app.value(&app.css("#section-body")), saved);
    app.gone(&format!("{DRUPAL}//span[@data-testid='unsaved']"));
    app.screenshot("3-apres-redemarrage");
    app.quit();
    drop(driver);

    let store = Store::open(&db, OpenMode::MustExist).expect("the database");
    let errata: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM report_sections WHERE kind = 'errata'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(errata, 0, "the errata were removed");
}
