//! What a person reads when what they typed cannot be: the exact sentence, in French first, with
//! the field named as the screen labels it and the values involved, then the same in English.

use konbit_e2e::{artifacts, Driver};

#[test]
fn an_end_before_the_start_is_said_with_both_dates() {
    let (_dir, db) = konbit_e2e::demo_books();
    let shots = artifacts("errors");
    let driver = Driver::start(&db);
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Entrées"));
    app.type_into(&app.css("input[name=from]"), "2013-09-20");
    app.type_into(&app.css("input[name=to]"), "2013-09-16");
    let alert = app.css("[data-testid=entries] .form-error[role=alert]");
    let french = "Au\u{a0}: la fin (16 sept. 2013) précède le début (20 sept. 2013)\u{a0}; changez l’une des deux dates.";
    app.wait_text(&alert, french);
    app.screenshot("1-fin-avant-debut");
    app.click(&app.with_text("button", "English"));
    app.type_into(&app.css("input[name=to]"), "2013-09-15");
    app.type_into(&app.css("input[name=to]"), "2013-09-16");
    let english = "To: the end (Sep 16, 2013) comes before the start (Sep 20, 2013); change one of the two dates.";
    let alert = app.css("[data-testid=entries] .form-error[role=alert]");
    app.wait_text(&alert, english);
    app.quit();
}
