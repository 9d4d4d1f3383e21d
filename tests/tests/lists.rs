//! The office works with its lists: an expense's taxes are computed in the form at the day's
//! rates and saved; the expenses are filtered by supplier with the filter's totals and GST and
//! QST; the invoices are searched by client, limited to a month and sorted by total across the
//! pages; a table is saved as CSV and read back. Screenshots at 1280 × 1024 and 1024 × 768.

use konbit_core::store::{OpenMode, Store};
use konbit_e2e::{artifacts, keys, Driver};

/// "1 923,89 $" (no-break spaces as the screen writes them) as cents.
fn cents(text: &str) -> i64 {
    let plain: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == ',' || *c == '-' || *c == '−')
        .collect();
    let negative = plain.starts_with('-') || plain.starts_with('−');
    let digits: String = plain.chars().filter(|c| c.is_ascii_digit()).collect();
    let value: i64 = digits
        .parse()
        .unwrap_or_else(|_| panic!("not an amount: {text:?}"));
    if negative {
        -value
    } else {
        value
    }
}

#[test]
fn an_expense_gets_its_taxes_and_the_list_filters_totals_and_saves_as_csv() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = konbit_e2e::demo_books_in(dir.path());
    let csv = dir.path().join("depenses.csv");
    let shots = artifacts("lists-expenses");

    let driver = Driver::start_with_dialogs(&db, Some(&csv));
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Dépenses"));
    app.with_text("h1", "Dépenses 2012-2013");
    app.type_into(&app.css("#exp-date"), "2013-03-15");
    app.type_into(&app.css("#exp-supplier"), "Papeterie Notre-Dame");
    app.choose(&app.css("#exp-category"), "Autres");
    app.type_into(&app.css("#exp-amount"), "150,00");
    // 5 % and 9,975 % of 150,00 $, filled in by the form.
    let gst = app.css("#exp-gst");
    let start = std::time::Instant::now();
    while app.value(&app.css("#exp-gst")) != "7,50" {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "the GST was not computed: {:?}",
            app.value(&gst)
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(app.value(&app.css("#exp-qst")), "14,96");
    // A QST typed for a partly taxed item stays, flagged beside the field.
    app.type_into(&app.css("#exp-qst"), "10,00");
    app.containing("small", "les taux du jour donnent 14,96");
    app.screenshot("1-taxes-flagged");
    app.type_into(&app.css("#exp-qst"), "14,96");
    app.click(&app.with_text("button", "Enregistrer"));
    app.containing("td", "Papeterie Notre-Dame");

    app.choose(&app.css("#filter-supplier"), "Papeterie Notre-Dame");
    let total = app.css("[data-testid='expenses-total']");
    assert_eq!(
        app.wait_text(&total, "150,00 $").replace('\u{a0}', " "),
        "150,00 $"
    );
    assert_eq!(
        app.text(&app.css("[data-testid='expenses-gst']"))
            .replace('\u{a0}', " "),
        "7,50 $"
    );
    assert_eq!(
        app.text(&app.css("[data-testid='expenses-qst']"))
            .replace('\u{a0}', " "),
        "14,96 $"
    );
    app.screenshot("2-filtered-1280");
    app.resize(1024, 768);
    app.screenshot("3-filtered-1024");
    app.resize(1280, 1024);

    app.click(&app.css("[data-testid='expense-filters'] [data-testid='save-csv']"));
    app.containing("span", "CSV enregistré");
    let content = std::fs::read_to_string(&csv).expect("the CSV file");
    assert_eq!(
        content,
        "Date,Fournisseur,Catégorie,Avant taxes,TPS,TVQ\n2013-03-15,Papeterie Notre-Dame,Autres,150.00,7.50,14.96\nTotal du filtre (toutes les pages),,,150.00,7.50,14.96\n"
    );

    // A category filter: the year's travel, whose totals are those of every page.
    app.choose(&app.css("#filter-supplier"), "Tous les fournisseurs");
    app.choose(&app.css("#filter-category"), "Déplacements");
    app.containing("td", "DrupalCamp Ottawa");
    app.quit();
    drop(driver);

    let driver = Driver::start(&db);
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Dépenses"));
    let row = app.containing("tr", "Papeterie Notre-Dame");
    let text = app.text(&row).replace('\u{a0}', " ");
    assert!(
        text.contains("150,00 $") && text.contains("7,50 $") && text.contains("14,96 $"),
        "{text}"
    );
    app.quit();
}

#[test]
fn invoices_are_searched_limited_to_a_month_and_sorted_across_pages() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = konbit_e2e::demo_books_in(dir.path());
    let csv = dir.path().join("factures.csv");
    let shots = artifacts("lists-invoices");

    let driver = Driver::start_with_dialogs(&db, Some(&csv));
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Factures"));
    app.css("[data-testid='invoice-list'] tbody tr");
    app.type_into(&app.css("#inv-search"), "benevole");
    // Every row is the client's, its name found without its accent.
    let start = std::time::Instant::now();
    loop {
        let rows = app.text(&app.css("[data-testid='invoice-list'] tbody"));
        if !rows.is_empty() && rows.lines().all(|l| l.contains("bénévole")) {
            break;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "the search did not narrow the list: {rows}"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    app.type_into(&app.css("#inv-from"), "2013-03-01");
    app.type_into(&app.css("#inv-to"), "2013-03-31");
    app.containing("td", "mars 2013");
    let start = std::time::Instant::now();
    while !app
        .text(&app.css("[data-testid='invoice-list'] tbody"))
        .lines()
        .all(|l| l.contains("mars 2013"))
    {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "the dates did not narrow the list"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    // Emptied as a person would (WebDriver refuses to type nothing): a space, trimmed.
    app.type_into(&app.css("#inv-search"), " ");
    app.type_into(&app.css("#inv-from"), " ");
    app.type_into(&app.css("#inv-to"), " ");

    // Sorted by total, largest first, then smallest first: the order holds across "Afficher plus".
    app.click(&app.css("button.sort[data-sort='total']"));
    app.css("th[aria-sort='descending'] button[data-sort='total']");
    app.click(&app.with_text("button", "Afficher plus"));
    // The second page is below the window: the rows are counted from the file saved further on.
    app.with_text("button", "Afficher plus");
    app.screenshot("1-sorted-by-total-1280");
    app.resize(1024, 768);
    app.screenshot("2-sorted-by-total-1024");
    app.resize(1280, 1024);
    let start = std::time::Instant::now();
    let content = loop {
        app.click(&app.css("[data-testid='save-csv']"));
        app.containing("span", "CSV enregistré");
        let content = std::fs::read_to_string(&csv).expect("the CSV file");
        if content.lines().count() > 102 {
            break content;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "a second page was added"
        );
        std::thread::sleep(std::time::Duration::from_millis(300));
    };
    let mut lines = content.lines();
    assert_eq!(lines.next(), Some("Numéro,Date,Client,Total,Solde,État"));
    let rows: Vec<Vec<String>> = lines.map(split_csv).collect();
    let (footer, rows) = rows.split_last().expect("rows and their total");
    assert!(rows.len() > 100);
    let amounts: Vec<i64> = rows.iter().map(|r| decimal_cents(&r[3])).collect();
    assert!(
        amounts.windows(2).all(|w| w[0] >= w[1]),
        "largest first across both pages"
    );
    assert_eq!(
        decimal_cents(&footer[3]),
        amounts.iter().sum::<i64>(),
        "the footer totals the rows shown"
    );
    assert!(
        footer[0].starts_with("Total des lignes affichées"),
        "{footer:?}"
    );
    let shown_total = cents(&app.text(&app.css("[data-testid='invoices-total']")));
    assert_eq!(shown_total, amounts.iter().sum::<i64>());

    app.click(&app.css("button.sort[data-sort='total']"));
    app.css("th[aria-sort='ascending'] button[data-sort='total']");
    app.click(&app.css("[data-testid='save-csv']"));
    let start = std::time::Instant::now();
    let ascending = loop {
        let content = std::fs::read_to_string(&csv).expect("the CSV file");
        let amounts: Vec<i64> = content
            .lines()
            .skip(1)
            .map(split_csv)
            .map(|r| decimal_cents(&r[3]))
            .collect();
        if amounts.len() > 1 && amounts[0] <= amounts[1] {
            break amounts;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "the smallest first was not saved"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    let (_, rows) = ascending.split_last().expect("rows");
    assert!(
        rows.windows(2).all(|w| w[0] <= w[1]),
        "smallest first (credit notes, negative, at the top)"
    );
    app.quit();
}

/// One CSV record (the file is Konbit's own: quotes only around cells with commas or quotes).
fn split_csv(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cells.last_mut().expect("a cell").push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(String::new()),
            (c, _) => cells.last_mut().expect("a cell").push(c),
        }
    }
    cells
}

/// "1923.89" or "-150.00" as cents.
fn decimal_cents(text: &str) -> i64 {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, "00"));
    let negative = whole.starts_with('-');
    let value = whole
        .trim_start_matches('-')
        .parse::<i64>()
        .unwrap_or_else(|_| panic!("not a number: {text:?}"))
        * 100
        + fraction.parse::<i64>().unwrap_or(0);
    if negative {
        -value
    } else {
        value
    }
}

#[test]
fn a_client_whose_name_exists_is_created_only_once_confirmed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = konbit_e2e::demo_books_in(dir.path());
    let shots = artifacts("lists-namesakes");
    let driver = Driver::start(&db);
    let app = driver.launch(&shots);
    app.click(&app.with_text("button", "Clients"));
    app.click(&app.with_text("button", "Nouveau (Ctrl+N)"));
    app.type_into(&app.css("#client-name"), "centre des FEMMES de verdun");
    app.press(keys::ENTER);
    let warning = app.css("[data-testid='namesake-warning']");
    let said = app.text(&warning).replace('\u{a0}', " ");
    assert!(said.contains("« Centre des femmes de Verdun »"), "{said}");
    app.screenshot("1-namesake-warning");
    app.click(&app.with_text("button", "Créer quand même"));
    app.with_text("h2", "centre des FEMMES de verdun");
    app.quit();
    let store = Store::open(&db, OpenMode::MustExist).expect("the database");
    let count: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM clients WHERE name_key = 'centre des femmes de verdun'",
            [],
            |r| r.get(0),
        )
        .expect("a count");
    assert_eq!(
        count, 2,
        "created once confirmed: two organisations may share a name"
    );
}
