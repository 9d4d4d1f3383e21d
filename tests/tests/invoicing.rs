//! The office invoices a client's August hours: a draft from the unbilled hours, issued after a
//! confirmation, saved as PDF and read back; its payment is recorded from the invoice, against
//! that invoice and no other, then voided; after a restart the invoice is due again.

use konbit_core::store::{OpenMode, Store};
use konbit_e2e::{artifacts, Driver};

#[test]
fn a_clients_hours_become_an_issued_invoice_and_a_pdf() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("konbit.sqlite");
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).expect("a new database");
    store
        .write(|tx| konbit_core::demo::create(tx, 1))
        .expect("the demo organisation");
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
    let pdf = dir.path().join("facture.pdf");
    let shots = artifacts("invoice_hours");

    let driver = Driver::start_with_dialogs(&db, Some(&pdf));
    let app = driver.launch(&shots);
    // Sophie is at the keyboard: she signs what follows.
    app.choose(&app.css("select[aria-label='Je suis']"), "Sophie Lavoie");
    app.click(&app.with_text("button", "Factures"));
    app.choose(&app.css(".new-draft select"), &client);
    app.type_into(&app.css(".new-draft input.date"), "2013-09-01");
    app.click(&app.with_text("button", "Créer le brouillon"));
    app.click(&app.with_text("button", "Ajouter les heures"));
    app.containing("td", "août 2013");
    app.screenshot("1-brouillon");
    app.click(&app.with_text("button", "Émettre la facture…"));
    app.click(&app.with_text("button", "Confirmer l’émission"));
    // Issued in 2013 with 30 days to pay and nothing paid since: overdue today.
    let status = app.css("[data-testid=invoice-status]");
    assert_eq!(app.wait_text(&status, "en retard"), "en retard");
    let title = app.text(&app.css("[data-testid=invoice-editor] h1"));
    let number = title
        .split_whitespace()
        .nth(1)
        .expect("the number in the title")
        .to_owned();
    assert!(
        number.starts_with("2014-"),
        "the first invoice of 2013-2014: {title}"
    );
    app.click(&app.with_text("button", "Enregistrer en PDF…"));
    app.containing("p", "PDF enregistré");
    app.screenshot("2-emise");
    let total = app.text(&app.css("[data-testid=invoice-total]"));

    // "Enregistrer un paiement" opens Paiements for this client, the amount the invoice's total,
    // and the whole of it applied to this invoice, shown in its field before anything is saved.
    app.click(&app.css("[data-testid=record-payment]"));
    let amount = app.css("#pay-amount");
    let typed = total.replace(['\u{a0}', ' ', '$'], "");
    assert_eq!(app.wait_value_of(&amount, &typed), typed);
    let share = app.xpath(&format!("//tr[td[normalize-space()='{number}']]//input"));
    assert_eq!(
        app.value(&share),
        typed,
        "the invoice's own field shows what will be applied to it"
    );
    let older = app.xpath(&format!("//table[@data-testid='allocations']//tr[td and not(td[normalize-space()='{number}'])]//input"));
    assert_eq!(app.value(&older), "", "nothing goes to the older invoices");
    app.type_into(&app.css("#pay-reference"), "Chèque 4471");
    app.screenshot("3-paiement-avant");
    app.click(&app.with_text("button", "Enregistrer le paiement"));
    app.containing("p", "Paiement de");
    let saved = app
        .xpath("//table[@data-testid='payment-history']//tr[td[normalize-space()='Chèque 4471']]");
    assert!(
        app.text(&saved).contains(&format!("{number} (")),
        "saved against the invoice shown: {}",
        app.text(&saved)
    );

    // Voided: the payment stays, marked, beside its reversal; the invoice is due again.
    app.click(&app.xpath("//table[@data-testid='payment-history']//tr[td[normalize-space()='Chèque 4471']]//button[normalize-space()='Annuler…']"));
    app.click(&app.with_text("button", "Annuler le paiement"));
    app.containing("small", "Dites pourquoi");
    app.type_into(&app.css("#void-reason"), "Chèque sans provision");
    app.click(&app.with_text("button", "Annuler le paiement"));
    app.containing("p", "ses factures sont de nouveau à payer");
    app.containing("td", "Chèque sans provision");
    app.xpath(&format!(
        "//table[@data-testid='allocations']//td[normalize-space()='{number}']"
    ));
    app.screenshot("4-paiement-annule");
    app.quit();
    drop(driver);

    // The audit log names her for the payment and its void, not the laptop's system user.
    let store = Store::open(&db, OpenMode::MustExist).expect("the database");
    let signed: Vec<String> = store
        .conn()
        .prepare("SELECT actor FROM audit_log WHERE entity = 'payment' ORDER BY id DESC LIMIT 2")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(signed.len(), 2, "the payment and its void are logged");
    assert!(
        signed.iter().all(|a| a.starts_with("Sophie Lavoie (")),
        "{signed:?}"
    );
    drop(store);

    let out = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&out.stdout).replace('\u{a0}', " ");
    for expected in [
        "FACTURE",
        number.as_str(),
        "1er septembre 2013",
        "août 2013",
        "Total",
        "page 1 de",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from the PDF:\n{text}"
        );
    }

    let driver = Driver::start(&db);
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Factures"));
    let row = app.containing("tr", &number);
    assert!(
        app.text(&row).contains("en retard"),
        "voided, the payment left the invoice due: {}",
        app.text(&row)
    );
    app.screenshot("5-apres-redemarrage");
    app.quit();
}
