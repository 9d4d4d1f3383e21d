use super::*;
use crate::invoicing::payment::{self, Allocation, PaymentInput, PaymentMethod};
use crate::invoicing::{contract, receivables, sales_tax};
use crate::worktime::entry::tests::{fixture, input, Fixture};
use crate::worktime::entry::{self as time_entry, TimeEntryInput};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The fixture's hourly project's client, with 1:30 and 2:00 of billable hours in January 2013
/// and 1:00 of non-billable hours.
fn with_hours(f: &Fixture) -> i64 {
    let conn = f.store.conn();
    time_entry::create(conn, &input(f, "2013-01-14", "1:30")).unwrap();
    time_entry::create(conn, &input(f, "2013-01-15", "2:00")).unwrap();
    time_entry::create(
        conn,
        &TimeEntryInput {
            billable: Some(false),
            ..input(f, "2013-01-16", "1")
        },
    )
    .unwrap();
    crate::clients::project::get(conn, f.hourly)
        .unwrap()
        .client_id
        .unwrap()
}

fn january() -> TimeSelection {
    TimeSelection {
        from: d("2013-01-01"),
        to: d("2013-01-31"),
        group_by: TimeGrouping::Project,
    }
}

#[test]
fn hours_become_a_taxed_invoice_with_the_next_number() {
    let f = fixture();
    let conn = f.store.conn();
    let client = with_hours(&f);
    let rate = crate::clients::project::get(conn, f.hourly)
        .unwrap()
        .hourly_rate
        .unwrap();
    let draft = create_draft(
        conn,
        &DraftInput {
            client_id: client,
            invoice_date: d("2013-02-01"),
            notes: String::new(),
        },
    )
    .unwrap();
    let draft = add_time(conn, draft.id, &january()).unwrap();
    assert_eq!(draft.lines.len(), 1);
    assert_eq!(
        (draft.lines[0].quantity_milli, draft.lines[0].time_entries),
        (3500, 2),
        "3,5 h of billable hours, 2 entries"
    );
    assert_eq!(draft.subtotal, Cents(rate.0 * 7 / 2));
    assert_eq!(draft.status, InvoiceStatus::Draft);
    // The same hours are not billed twice, and the refusal names the empty period.
    match add_time(conn, draft.id, &january()) {
        Err(crate::error::Error::Invalid(i)) => {
            assert_eq!(&*i.field, "from");
            assert!(
                matches!(
                    i.problem,
                    crate::error::Problem::NoBillableHoursLeft { .. }
                        | crate::error::Problem::NoUnbilledHours { .. }
                ),
                "{i}"
            );
            assert!(i.to_string().contains("has no unbilled"), "{i}");
        }
        other => panic!("January billed twice: {other:?}"),
    }

    let issued = issue(conn, draft.id).unwrap();
    assert_eq!(issued.number.as_deref(), Some("2013-0001"));
    let taxes = tax::on(conn, d("2013-02-01"))
        .unwrap()
        .apply(issued.subtotal, false);
    assert_eq!(
        (issued.gst, issued.qst, issued.total),
        (
            taxes.gst,
            taxes.qst,
            issued.subtotal + taxes.gst + taxes.qst
        )
    );
    assert_eq!(issued.due_on, d("2013-03-03"), "30 days of terms");

    let second = create_draft(
        conn,
        &DraftInput {
            client_id: client,
            invoice_date: d("2013-02-02"),
            notes: String::new(),
        },
    )
    .unwrap();
    add_line(
        conn,
        second.id,
        &LineInput {
            description: "Formation".into(),
            quantity_milli: 2000,
            unit_price: Cents(6500),
            discount: false,
            department_id: None,
        },
    )
    .unwrap();
    add_line(
        conn,
        second.id,
        &LineInput {
            description: "Rabais solidaire".into(),
            quantity_milli: 1000,
            unit_price: Cents(1000),
            discount: true,
            department_id: None,
        },
    )
    .unwrap();
    let second = issue(conn, second.id).unwrap();
    assert_eq!(
        (second.number.as_deref(), second.subtotal),
        (Some("2013-0002"), Cents(12_000))
    );
}

#[test]
fn an_issued_invoice_is_frozen_down_to_the_database() {
    let f = fixture();
    let conn = f.store.conn();
    let client = with_hours(&f);
    let draft = create_draft(
        conn,
        &DraftInput {
            client_id: client,
            invoice_date: d("2013-02-01"),
            notes: String::new(),
        },
    )
    .unwrap();
    let issued = issue(conn, add_time(conn, draft.id, &january()).unwrap().id).unwrap();
    let entry_id: i64 = conn
        .query_row(
            "SELECT time_entry_id FROM invoice_time_entries LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();

    // Through the services: a clear refusal naming the invoice.
    assert_eq!(
        delete_draft(conn, issued.id).unwrap_err().code(),
        "invoice_issued"
    );
    let err = time_entry::update(conn, entry_id, &input(&f, "2013-01-14", "9:00")).unwrap_err();
    assert!(err.to_string().contains("2013-0001"), "{err}");
    // Behind Konbit's back: the triggers refuse, with their own words.
    for sql in [
        "UPDATE invoices SET total_cents = 1 WHERE id = ?1",
        "DELETE FROM invoices WHERE id = ?1",
        "UPDATE invoice_lines SET amount_cents = 1 WHERE invoice_id = ?1",
        "DELETE FROM invoice_lines WHERE invoice_id = ?1",
        "INSERT INTO invoice_lines (invoice_id, position, kind, description, quantity_milli, unit_price_cents, amount_cents) VALUES (?1, 9, 'free', 'x', 1000, 1, 1)",
        "DELETE FROM invoice_time_entries WHERE line_id IN (SELECT id FROM invoice_lines WHERE invoice_id = ?1)",
    ] {
        let err = Error::from(conn.execute(sql, [issued.id]).unwrap_err());
        assert_eq!(err.code(), "books_rule", "{sql}: {err}");
    }
    let err = Error::from(
        conn.execute(
            "UPDATE time_entries SET minutes = 1 WHERE id = ?1",
            [entry_id],
        )
        .unwrap_err(),
    );
    assert!(err.to_string().contains("issued invoice"), "{err}");
    assert_eq!(get(conn, issued.id).unwrap(), issued);
}

#[test]
fn numbers_are_gapless_follow_the_dates_and_restart_each_fiscal_year() {
    let f = fixture();
    let conn = f.store.conn();
    let client = with_hours(&f);
    let free = LineInput {
        description: "Soutien".into(),
        quantity_milli: 1000,
        unit_price: Cents(10_000),
        discount: false,
        department_id: None,
    };
    let issue_on = |date: &str| {
        let draft = create_draft(
            conn,
            &DraftInput {
                client_id: client,
                invoice_date: d(date),
                notes: String::new(),
            },
        )
        .unwrap();
        add_line(conn, draft.id, &free).unwrap();
        issue(conn, draft.id)
    };
    assert_eq!(
        issue_on("2012-08-31").unwrap().number.as_deref(),
        Some("2012-0001")
    );
    assert_eq!(
        issue_on("2012-09-01").unwrap().number.as_deref(),
        Some("2013-0001")
    );
    let deleted = create_draft(
        conn,
        &DraftInput {
            client_id: client,
            invoice_date: d("2012-09-05"),
            notes: String::new(),
        },
    )
    .unwrap();
    delete_draft(conn, deleted.id).unwrap();
    assert_eq!(
        issue_on("2012-09-10").unwrap().number.as_deref(),
        Some("2013-0002"),
        "a deleted draft leaves no gap"
    );
    assert_eq!(
        issue_on("2012-09-09").unwrap_err().field(),
        Some("invoice_date"),
        "no invoice dated before the last one"
    );
}

#[test]
fn credit_notes_payments_and_what_is_left_to_pay() {
    let f = fixture();
    let conn = f.store.conn();
    let client = with_hours(&f);
    let line = LineInput {
        description: "Développement".into(),
        quantity_milli: 10_000,
        unit_price: Cents(10_000),
        discount: false,
        department_id: None,
    };
    let draft = create_draft(
        conn,
        &DraftInput {
            client_id: client,
            invoice_date: d("2012-12-01"),
            notes: String::new(),
        },
    )
    .unwrap();
    add_line(conn, draft.id, &line).unwrap();
    let inv = issue(conn, draft.id).unwrap();
    // 1 000 $ in 2012: GST 50 $, QST 9,5 % of 1 050 $ = 99,75 $.
    assert_eq!(inv.total, Cents(114_975));

    // A partial credit note of 200 $ before taxes, at the invoice's rates even in 2013.
    let credit = CreditInput {
        credit_date: d("2013-01-10"),
        reason: "Heures comptées deux fois".into(),
        lines: vec![LineCredit {
            line_id: inv.lines[0].id,
            amount: Cents(20_000),
        }],
    };
    let note = issue(conn, create_credit_note(conn, inv.id, &credit).unwrap().id).unwrap();
    assert_eq!(
        (note.number.as_deref(), note.total),
        (Some("NC-2013-0001"), Cents(22_995))
    );
    let too_much = CreditInput {
        lines: vec![LineCredit {
            line_id: inv.lines[0].id,
            amount: Cents(90_000),
        }],
        ..credit.clone()
    };
    assert_eq!(
        create_credit_note(conn, inv.id, &too_much)
            .unwrap_err()
            .field(),
        Some("amount")
    );

    // 500 $ paid on the invoice, then 800 $ of which 419,80 $ settles it and the rest is credit.
    let pay = |amount: i64, alloc: i64, on: &str| {
        payment::record(
            conn,
            &PaymentInput {
                client_id: client,
                received_on: d(on),
                method: PaymentMethod::Cheque,
                amount: Cents(amount),
                reference: "1042".into(),
                notes: String::new(),
                allocations: vec![Allocation {
                    invoice_id: inv.id,
                    amount: Cents(alloc),
                }],
            },
        )
    };
    pay(50_000, 50_000, "2013-01-20").unwrap();
    let inv_now = get(conn, inv.id).unwrap();
    assert_eq!(
        (inv_now.balance, inv_now.status),
        (Cents(114_975 - 22_995 - 50_000), InvoiceStatus::Overdue)
    );
    assert_eq!(
        pay(80_000, 50_000, "2013-02-01").unwrap_err().field(),
        Some("allocations"),
        "no more than the balance"
    );
    let second = pay(80_000, 41_980, "2013-02-01").unwrap();
    assert_eq!(second.unallocated, Cents(38_020));
    assert_eq!(payment::client_credit(conn, client).unwrap(), Cents(38_020));
    assert_eq!(get(conn, inv.id).unwrap().status, InvoiceStatus::Paid);
    let err = Error::from(
        conn.execute("UPDATE payments SET amount_cents = 1", [])
            .unwrap_err(),
    );
    assert_eq!(err.code(), "books_rule");

    // As of 15 January the invoice (due 31 December) was 15 days late and uncredited by payments.
    let aging = receivables::aging(conn, d("2013-01-15")).unwrap();
    assert_eq!(aging.buckets[1], Cents(114_975 - 22_995));
    assert_eq!(
        receivables::aging(conn, d("2013-02-01")).unwrap().total,
        Cents(0)
    );
    let statement = receivables::statement(conn, client, d("2013-01-01"), d("2013-02-28")).unwrap();
    assert_eq!(
        (statement.opening, statement.closing),
        (Cents(114_975), Cents(-38_020))
    );
    // A payment's line says how it came and its reference apart, for the screen to translate.
    let cheque = statement
        .lines
        .iter()
        .find(|l| l.kind == "payment")
        .unwrap();
    assert_eq!(
        (cheque.method, cheque.reference.as_str()),
        (Some(PaymentMethod::Cheque), "1042")
    );

    let summary = sales_tax::summary(conn, d("2012-09-01"), d("2013-08-31")).unwrap();
    assert_eq!(
        (summary.taxable_sales, summary.gst),
        (Cents(80_000), Cents(5_000 - 1_000))
    );

    // The second payment was a mistake: voided, the invoice is due again by what it settled,
    // the client's credit is gone, and the aging of 1 February counts the invoice again.
    let voided = payment::void(conn, second.id, "Chèque sans provision").unwrap();
    assert!(
        voided.voided_by.is_some() && voided.amount == Cents(80_000),
        "the payment stays as it was"
    );
    let inv_now = get(conn, inv.id).unwrap();
    assert_eq!(
        (inv_now.balance, inv_now.status),
        (Cents(41_980), InvoiceStatus::Overdue)
    );
    assert_eq!(payment::client_credit(conn, client).unwrap(), Cents(0));
    assert_eq!(
        receivables::aging(conn, d("2013-02-01")).unwrap().total,
        Cents(41_980)
    );
    let history = payment::for_client(conn, client).unwrap();
    let reversal = history
        .iter()
        .find(|p| p.reverses == Some(second.id))
        .unwrap();
    assert_eq!(
        (
            reversal.amount,
            reversal.received_on,
            reversal.allocations[0].amount
        ),
        (Cents(-80_000), d("2013-02-01"), Cents(-41_980))
    );
    assert!(matches!(
        payment::void(conn, second.id, "encore"),
        Err(Error::Refused(crate::error::Problem::AlreadyVoided { .. }))
    ));
    assert!(matches!(
        payment::void(conn, reversal.id, "encore"),
        Err(Error::Refused(crate::error::Problem::AlreadyVoided { .. }))
    ));
    assert_eq!(
        payment::void(conn, history.last().unwrap().id, "  ")
            .unwrap_err()
            .field(),
        Some("reason"),
        "a void says why"
    );
    assert!(
        conn.execute("DELETE FROM payments WHERE id = ?1", [second.id])
            .is_err(),
        "money received is never deleted"
    );

    // Corrected: the first payment was for 500 $ but typed 500 $ for 419,80 $; it becomes 419,80 $.
    let first = history.iter().find(|p| p.amount == Cents(50_000)).unwrap();
    let fixed = PaymentInput {
        client_id: client,
        received_on: d("2013-01-20"),
        method: PaymentMethod::Transfer,
        amount: Cents(41_980),
        reference: "virement 88".into(),
        notes: String::new(),
        allocations: vec![Allocation {
            invoice_id: inv.id,
            amount: Cents(41_980),
        }],
    };
    let new = payment::correct(conn, first.id, &fixed, "Montant mal saisi").unwrap();
    assert_eq!((new.amount, new.allocations.len()), (Cents(41_980), 1));
    assert_eq!(get(conn, inv.id).unwrap().balance, Cents(50_000));
    assert_eq!(
        crate::check::run(conn).unwrap(),
        Vec::<String>::new(),
        "the kept settlement dates follow the reversals"
    );
}

#[test]
fn contracts_invoice_each_period_once() {
    let f = fixture();
    let conn = f.store.conn();
    let client = with_hours(&f);
    let hosting = crate::catalog::list(conn, crate::catalog::Catalog::RevenueDepartments, false)
        .unwrap()[1]
        .id;
    let input = contract::ContractInput {
        client_id: client,
        project_id: None,
        department_id: hosting,
        description: "Hébergement".into(),
        amount: Cents(2_500),
        period: contract::Period::Monthly,
        starts_on: d("2012-09-01"),
        ends_on: None,
    };
    conn.execute("UPDATE contracts SET archived_at = 'x'", [])
        .unwrap();
    contract::create(conn, &input).unwrap();
    let first = contract::generate(conn, d("2012-11-30"), d("2012-11-01")).unwrap();
    assert_eq!((first.invoice_ids.len(), first.periods), (1, 3));
    let again = contract::generate(conn, d("2012-11-30"), d("2012-11-02")).unwrap();
    assert_eq!(
        again.periods, 0,
        "the same periods are never invoiced twice"
    );
    let draft = get(conn, first.invoice_ids[0]).unwrap();
    assert_eq!(draft.lines[2].description, "Hébergement — novembre 2012");
    assert_eq!(draft.subtotal, Cents(7_500));
}

#[test]
fn the_printed_invoice_reads_in_french_with_its_hours() {
    let f = fixture();
    let conn = f.store.conn();
    let client = with_hours(&f);
    let draft = create_draft(
        conn,
        &DraftInput {
            client_id: client,
            invoice_date: d("2013-02-01"),
            notes: "Merci!".into(),
        },
    )
    .unwrap();
    let inv = issue(conn, add_time(conn, draft.id, &january()).unwrap().id).unwrap();
    let bytes = crate::invoicing::document::pdf(conn, inv.id).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert!(bytes.len() < 100_000, "{} bytes", bytes.len());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("facture.pdf");
    std::fs::write(&path, &bytes).unwrap();
    // pdftotext (poppler-utils, installed by scripts/setup.sh) reads it back as a person would.
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    // pdftotext writes the no-break spaces of French amounts as plain spaces.
    let text = String::from_utf8(out.stdout)
        .unwrap()
        .replace('\u{a0}', " ");
    for expected in [
        "FACTURE",
        "2013-0001",
        "1er février 2013",
        "Facturé à",
        "Sous-total",
        "TVQ/QST (9,975 %)",
        "page 1 de 1",
        "Annexe : détail des heures",
        "Omar Benali",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    let total = inv.total.format(crate::Lang::Fr).replace('\u{a0}', " ");
    assert!(text.contains(&total), "the total {total} in:\n{text}");
}

#[test]
fn two_windows_issuing_at_once_never_share_or_skip_a_number() {
    use crate::store::{OpenMode, Store};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("konbit.sqlite");
    let mut first = Store::open(&path, OpenMode::CreateIfMissing).unwrap();
    first
        .write(|tx| crate::demo::people_and_clients(tx, 1).map(|_| ()))
        .unwrap();
    let client: i64 = first
        .conn()
        .query_row("SELECT min(id) FROM clients", [], |r| r.get(0))
        .unwrap();
    let line = LineInput {
        description: "Soutien".into(),
        quantity_milli: 1000,
        unit_price: Cents(5_000),
        discount: false,
        department_id: None,
    };
    let drafts: Vec<i64> = (0..40)
        .map(|_| {
            first
                .write(|tx| {
                    let draft = create_draft(
                        tx,
                        &DraftInput {
                            client_id: client,
                            invoice_date: d("2013-03-01"),
                            notes: String::new(),
                        },
                    )?;
                    add_line(tx, draft.id, &line).map(|i| i.id)
                })
                .unwrap()
        })
        .collect();
    let (evens, odds): (Vec<i64>, Vec<i64>) = drafts.iter().partition(|id| *id % 2 == 0);
    let issue_all = |ids: Vec<i64>, path: std::path::PathBuf| {
        std::thread::spawn(move || {
            let mut store = Store::open(&path, OpenMode::MustExist).unwrap();
            for id in ids {
                store.write(|tx| issue(tx, id)).unwrap();
            }
        })
    };
    let (a, b) = (
        issue_all(evens, path.clone()),
        issue_all(odds, path.clone()),
    );
    a.join().unwrap();
    b.join().unwrap();
    let mut numbers: Vec<i64> = first
        .conn()
        .prepare("SELECT sequence FROM invoices WHERE issued_at IS NOT NULL")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    numbers.sort();
    assert_eq!(numbers, (1..=40).collect::<Vec<_>>());
}

#[test]
fn aging_buckets_at_their_edges() {
    let f = fixture();
    let conn = f.store.conn();
    let client = with_hours(&f);
    let line = LineInput {
        description: "Soutien".into(),
        quantity_milli: 1000,
        unit_price: Cents(10_000),
        discount: false,
        department_id: None,
    };
    let draft = create_draft(
        conn,
        &DraftInput {
            client_id: client,
            invoice_date: d("2013-01-01"),
            notes: String::new(),
        },
    )
    .unwrap();
    add_line(conn, draft.id, &line).unwrap();
    let inv = issue(conn, draft.id).unwrap();
    assert_eq!(inv.due_on, d("2013-01-31"));
    let bucket_on = |date: &str| {
        receivables::aging(conn, d(date))
            .unwrap()
            .buckets
            .iter()
            .position(|b| b.0 > 0)
    };
    for (date, expected) in [
        ("2012-12-31", None),
        ("2013-01-31", Some(0)),
        ("2013-02-01", Some(1)),
        ("2013-03-02", Some(1)),
        ("2013-03-03", Some(2)),
        ("2013-04-01", Some(2)),
        ("2013-04-02", Some(3)),
        ("2013-05-01", Some(3)),
        ("2013-05-02", Some(4)),
    ] {
        assert_eq!(bucket_on(date), expected, "as of {date}");
    }
}
