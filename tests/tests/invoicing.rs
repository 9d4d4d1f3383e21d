//! The office invoices a client's August hours: a draft from the unbilled hours, issued after a
//! confirmation, saved as PDF and read back; its payment is recorded from the invoice, against
//! that invoice and no other, then voided; after a restart the invoice is due again.

use konbit_core::store::{OpenMode, Store};
use konbit_e2e::{artifacts, Driver};

#[test]
fn a_clients_hours_become_an_issued_invoice_and_a_pdf() {
    let (dir, db) = konbit_e2e::demo_books();
    let store = Store::open(&db, OpenMode::MustExist).expect("the demo's books");
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
    // The draft is dated again and given its notes before it is issued.
    let date = app.css("#draft-date");
    app.type_into(&date, "2013-09-03");
    app.type_into(&app.css("#draft-notes"), "Merci de votre confiance.");
    app.click(&app.with_text("button", "Enregistrer la date et les notes"));
    app.containing("p", "Date et notes enregistrées.");
    app.xpath("//dl[@class='figures']//dd[normalize-space()='3 sept. 2013']");
    app.screenshot("1-brouillon");
    app.click(&app.with_text("button", "Émettre la facture…"));
    app.click(&app.with_text("button", "Confirmer l’émission"));
    // Issued in 2013 with 30 days to pay and nothing paid since: overdue today.
    let status = app.css("[data-testid=invoice-status]");
    assert_eq!(app.wait_text(&status, "en retard"), "en retard");
    let notes = app.css("[data-testid=invoice-notes]");
    assert_eq!(app.text(&notes), "Merci de votre confiance.");
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
        "3 septembre 2013",
        "août 2013",
        "Merci de votre confiance.",
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

/// A hosting contract's price goes up and the client's last day is set: the form refuses an end
/// before the start, under the field, then keeps the new terms across a restart.
#[test]
fn a_contracts_new_terms_are_kept_across_a_restart() {
    let (_dir, db) = konbit_e2e::demo_books();
    let shots = artifacts("contract_terms");
    let first = "(//section[@data-testid='contracts']//tbody/tr)[1]";

    let driver = Driver::start(&db);
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Contrats récurrents"));
    let client = app.text(&app.xpath(&format!("{first}/td[1]")));
    let description = app.text(&app.xpath(&format!("{first}/td[2]")));
    let row = format!(
        "//tr[td[1][normalize-space()={}] and td[2][normalize-space()={}]]",
        konbit_e2e::xpath_literal(&client),
        konbit_e2e::xpath_literal(&description)
    );
    app.click(&app.xpath(&format!("{first}//button[normalize-space()='Modifier']")));
    app.containing("h2", &description);
    app.type_into(&app.css("#contract-amount"), "42,50");
    app.type_into(&app.css("#contract-end"), "2000-01-31");
    app.click(&app.with_text("button", "Enregistrer"));
    let error = app.css("#contract-end-error");
    let said = app.text(&error).replace('\u{a0}', " ");
    assert!(
        said.starts_with("Dernier jour : la fin (31 janv. 2000) précède le début"),
        "the field named as the form labels it: {said}"
    );
    app.screenshot("1-fin-avant-debut");
    app.type_into(&app.css("#contract-end"), "2014-06-30");
    app.click(&app.with_text("button", "Enregistrer"));
    app.containing("p", "les périodes déjà facturées gardent leur montant");
    let saved = app.text(&app.xpath(&row)).replace('\u{a0}', " ");
    assert!(
        saved.contains("42,50 $") && saved.contains("30 juin 2014"),
        "{saved}"
    );
    app.screenshot("2-enregistre");
    app.resize(1024, 768);
    app.click(&app.xpath(&format!("{row}//button[normalize-space()='Modifier']")));
    app.script("document.querySelector('#contract-end').scrollIntoView(); return null;");
    app.screenshot("3-formulaire-1024");
    app.quit();
    drop(driver);

    let driver = Driver::start(&db);
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Contrats récurrents"));
    let kept = app.text(&app.xpath(&row)).replace('\u{a0}', " ");
    assert!(
        kept.contains("42,50 $") && kept.contains("30 juin 2014"),
        "{kept}"
    );
    app.quit();
    let store = Store::open(&db, OpenMode::MustExist).expect("the database");
    let (amount, ends_on): (i64, String) = store
        .conn()
        .query_row(
            "SELECT k.amount_cents, k.ends_on FROM contracts k JOIN clients c ON c.id = k.client_id
             WHERE k.description = ?1 AND c.name = ?2",
            [&description, &client],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((amount, ends_on.as_str()), (4250, "2014-06-30"));
}

/// A cheque came in before the invoices were sent and was kept as credit: once they are
/// issued, the credit goes to them, oldest first, after the screen shows where each part goes.
#[test]
fn a_payments_credit_is_applied_to_the_unpaid_invoices() {
    use konbit_core::invoicing::payment::{self, PaymentInput, PaymentMethod};
    let (_dir, db) = konbit_e2e::demo_books();
    let mut store = Store::open(&db, OpenMode::MustExist).expect("the demo's books");
    // A client with unpaid invoices, and the oldest of them, as the screen lists them.
    let unpaid = |client_id| {
        let filter = konbit_core::invoicing::invoice::InvoiceFilter {
            client_id: Some(client_id),
            kind: Some(konbit_core::invoicing::invoice::InvoiceKind::Invoice),
            unpaid_only: true,
            ..Default::default()
        };
        konbit_core::invoicing::invoice::list(store.conn(), &filter, None, 500)
            .unwrap()
            .items
    };
    let (client_id, client): (i64, String) = store
        .conn()
        .prepare("SELECT id, name FROM clients ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .find(|(id, _)| unpaid(*id).len() >= 2)
        .expect("a client with two unpaid invoices");
    let oldest = unpaid(client_id)
        .last()
        .and_then(|i| i.number.clone())
        .expect("its oldest unpaid invoice");
    let before = payment::client_credit(store.conn(), client_id).unwrap();
    store
        .write(|tx| {
            payment::record(
                tx,
                &PaymentInput {
                    client_id,
                    received_on: chrono::NaiveDate::from_ymd_opt(2013, 8, 30).unwrap(),
                    method: PaymentMethod::Cheque,
                    amount: konbit_core::Cents(10_000),
                    reference: "Chèque 5120".into(),
                    notes: String::new(),
                    allocations: vec![],
                },
            )
        })
        .expect("a payment kept as credit");
    drop(store);
    let shots = artifacts("apply_credit");

    let driver = Driver::start(&db);
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Paiements"));
    app.choose(&app.css("[data-testid=payment-client]"), &client);
    let row = "//table[@data-testid='payment-history']//tr[td[normalize-space()='Chèque 5120']]";
    app.click(&app.xpath(&format!(
        "{row}//button[starts-with(normalize-space(), 'Appliquer le crédit')]"
    )));
    let parts = app.text(&app.css("[data-testid=credit-parts]"));
    assert!(
        parts.starts_with(&format!("{oldest} — ")),
        "the oldest first: {parts}"
    );
    app.screenshot("1-ou-va-le-credit");
    app.click(&app.with_text("button", "Appliquer le crédit"));
    app.containing("p", "de crédit appliqués aux factures");
    let applied = app.text(&app.xpath(row));
    assert!(applied.contains(&format!("{oldest} (")), "{applied}");
    app.screenshot("2-applique");
    app.quit();
    drop(driver);

    let store = Store::open(&db, OpenMode::MustExist).expect("the database");
    assert_eq!(
        payment::client_credit(store.conn(), client_id).unwrap(),
        before,
        "the cheque's credit is used up, the client's earlier credit untouched"
    );
}

/// "Comptes à recevoir": a client's name opens their statement for the year, whose lines add
/// up from the opening balance to the closing one.
#[test]
fn a_clients_statement_adds_up_from_the_opening_to_the_closing_balance() {
    let (_dir, db) = konbit_e2e::demo_books();
    let shots = artifacts("statement");
    let cents = |text: String| -> i64 {
        let digits: String = text
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '-' || *c == '−')
            .map(|c| if c == '−' { '-' } else { c })
            .collect();
        digits
            .parse()
            .unwrap_or_else(|_| panic!("an amount: {text:?}"))
    };

    let driver = Driver::start(&db);
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Comptes à recevoir"));
    let first = app.xpath("(//table//tbody//th[@scope='row']/button)[1]");
    let client = app.text(&first);
    app.click(&first);
    app.containing("h2", &format!("Relevé de compte — {client}"));
    let rows = "//section[@data-testid='statement']//tbody/tr";
    let opening = cents(app.text(&app.xpath(&format!("({rows})[1]/td[last()]"))));
    let count = app.script(&format!(
        "return document.evaluate(\"count({rows})\", document, null, XPathResult.NUMBER_TYPE, null).numberValue;"
    ));
    let count = count.as_f64().expect("a count") as usize;
    assert!(count > 1, "the opening balance and at least one move");
    let mut balance = opening;
    for i in 2..=count {
        let amount = cents(app.text(&app.xpath(&format!("({rows})[{i}]/td[4]"))));
        let shown = cents(app.text(&app.xpath(&format!("({rows})[{i}]/td[5]"))));
        balance += amount;
        assert_eq!(shown, balance, "line {i}: the running balance");
    }
    let closing = cents(app.text(&app.css("[data-testid=statement-closing]")));
    assert_eq!(
        closing, balance,
        "the closing balance is the last running one"
    );
    app.script("document.querySelector('[data-testid=statement]').scrollIntoView(); return null;");
    app.screenshot("1-releve");
    app.resize(1024, 768);
    app.script("document.querySelector('[data-testid=statement]').scrollIntoView(); return null;");
    app.screenshot("2-releve-1024");
    app.quit();
}
