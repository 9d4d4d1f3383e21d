//! A second start of Konbit while it runs, on the same database, hands over to the window already
//! open and exits: the books are never open twice in two windows that would each believe they
//! hold the latest figures.

use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use konbit_e2e::{artifacts, Driver, SessionBus};

#[test]
fn a_second_start_hands_over_to_the_open_window_and_exits() {
    let (_dir, db) = konbit_e2e::demo_books();
    let shots = artifacts("single_instance");
    let bus = SessionBus::start();
    let driver = Driver::start_on_bus(&db, &bus);
    let app = driver.launch(&shots);
    app.with_text("h1", "Accueil");

    // What a person double-clicking the icon again starts, with the display and the bus of the
    // session the first one runs in.
    let app_binary = std::env::var_os("KONBIT_APP").expect("KONBIT_APP is set");
    let mut second = Command::new(app_binary)
        .arg("--db")
        .arg(&db)
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the second start");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = second.try_wait().expect("the second start's state") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = second.kill();
            let _ = second.wait();
            app.screenshot("second-still-running");
            panic!("the second start was still running after 20 s: two windows on one database");
        }
        sleep(Duration::from_millis(100));
    };
    assert!(status.success(), "the second start exited with {status}");

    // The first window is still there and still works: it answers and moves to another screen.
    app.with_text("h1", "Accueil");
    app.click(&app.with_text("button", "Clients"));
    app.with_text("h1", "Clients");
    app.screenshot("first-window-after-second-start");
}
