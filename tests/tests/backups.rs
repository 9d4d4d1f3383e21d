//! The app backs the database up when it starts; the office restores that backup from the
//! Sauvegardes screen after a confirmation, and the replaced file is kept.

use konbit_core::store::{OpenMode, Store};
use konbit_e2e::{artifacts, Driver};

#[test]
fn the_start_up_backup_is_restored_after_a_confirmation() {
    let (dir, db) = konbit_e2e::demo_books();
    let shots = artifacts("backups");

    let driver = Driver::start(&db);
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Sauvegardes"));
    let today = konbit_core::clock::today();
    // The start-up backup is written off the main thread: it shows once there.
    let mut found = false;
    for _ in 0..30 {
        if konbit_core::backup::list(&db)
            .map(|l| !l.is_empty())
            .unwrap_or(false)
        {
            found = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    assert!(found, "a backup at start");
    app.click(&app.with_text("button", "Sauvegardes"));
    app.click(&app.with_text("button", "Restaurer…"));
    app.click(&app.with_text("button", "Restaurer la sauvegarde"));
    app.containing("p", "restaurée");
    app.screenshot("1-restored");
    app.quit();
    drop(driver);

    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().contains("before-restore"));
    assert!(kept, "the replaced file is kept beside the database");
    let restored = Store::open(&db, OpenMode::MustExist).expect("the restored database opens");
    assert!(konbit_core::check::run(restored.conn()).unwrap().is_empty());
    assert_eq!(konbit_core::backup::list(&db).unwrap()[0].0, today);
}

/// « À propos » says which Konbit is running, the database it has open and where its backups
/// go, in the person's language.
#[test]
fn about_names_the_version_the_database_and_the_backups_folder() {
    let (_dir, db) = konbit_e2e::demo_books();
    let shots = artifacts("about");
    let driver = Driver::start(&db);
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "À propos"));
    app.with_text("h1", "À propos de Konbit");
    let version = app.css("[data-testid=about-version]");
    assert_eq!(app.text(&version), env!("CARGO_PKG_VERSION"));
    assert_eq!(
        app.text(&app.css("[data-testid=about-database]")),
        "konbit.sqlite"
    );
    let backups = app.css("[data-testid=about-backups]");
    assert_eq!(
        app.wait_text(
            &backups,
            "dans le dossier konbit.sqlite.backups, à côté de la base"
        ),
        "dans le dossier konbit.sqlite.backups, à côté de la base"
    );
    app.screenshot("1-a-propos");
    app.click(&app.with_text("button", "English"));
    app.with_text("h1", "About Konbit");
    assert_eq!(
        app.wait_text(
            &backups,
            "in the folder konbit.sqlite.backups, beside the database"
        ),
        "in the folder konbit.sqlite.backups, beside the database"
    );
    app.resize(1024, 768);
    app.screenshot("2-about-1024");
    app.quit();
}
