//! Bad input, generated: more than 100 000 cases (ten times more in `make stress`) through every
//! parser people's text reaches — durations, amounts, the report markup, timesheet files (Kimai,
//! Toggl, Konbit CSV) — with no panic, answers that round-trip, escaped HTML, and no partial
//! write when a file is refused.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use konbit_core::report::markup;
use konbit_core::store::Store;
use konbit_core::worktime::duration;
use konbit_core::worktime::import::{self, Format, ImportOptions};
use konbit_core::{Cents, Lang};

/// `make stress` multiplies the cases (KONBIT_FUZZ_SCALE, 10 there: over a million).
fn runner(cases: u32) -> TestRunner {
    let scale: u32 = std::env::var("KONBIT_FUZZ_SCALE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    TestRunner::new(Config {
        cases: cases.saturating_mul(scale),
        failure_persistence: None,
        ..Config::default()
    })
}

/// Text like what people type in a duration or amount cell: digits, separators, units, spaces,
/// letters, and anything else now and then.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9 :hHmM.,$\u{a0}-]{0,12}",
        "[0-9]{1,3}[:h][0-9]{0,2}",
        "[0-9]{1,9}([.,][0-9]{0,3})?( \\$)?",
        ".{0,20}",
    ]
}

#[test]
fn durations_never_panic_and_round_trip() {
    runner(40_000)
        .run(&typed(), |text| {
            if let Ok(minutes) = duration::parse(&text) {
                prop_assert!((1..=duration::MAX_MINUTES).contains(&minutes));
                prop_assert_eq!(
                    duration::parse(&duration::format(minutes)).ok(),
                    Some(minutes)
                );
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn amounts_never_panic_and_what_is_shown_reads_back() {
    runner(30_000)
        .run(
            &(typed(), -99_999_999_999i64..99_999_999_999, any::<bool>()),
            |(text, cents, fr)| {
                let lang = if fr { Lang::Fr } else { Lang::En };
                let _ = Cents::parse(&text, lang);
                prop_assert_eq!(
                    Cents::parse(&Cents(cents).format(lang), lang).ok(),
                    Some(Cents(cents))
                );
                Ok(())
            },
        )
        .unwrap();
}

#[test]
fn markup_never_panics_and_its_html_is_escaped() {
    let pieces = prop::collection::vec(
        prop_oneof![
            "[a-zé <>&\"'*_#\\[\\]()\n-]{0,8}",
            Just("**".to_string()),
            Just("[x](https://a.b)".to_string()),
            Just("<script>".to_string())
        ],
        0..30,
    );
    runner(20_000)
        .run(&pieces, |parts| {
            let text = parts.concat();
            let (blocks, problems) = markup::parse(&text);
            let html = markup::to_html(&blocks);
            prop_assert!(!html.contains("<script"), "{}", html);
            for tag in html.split('<').skip(1) {
                let name: String = tag
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                prop_assert!(
                    ["p", "h3", "h4", "ul", "li", "strong", "em", "span"].contains(&name.as_str()),
                    "unexpected <{}> in {}",
                    name,
                    html
                );
            }
            prop_assert!(problems
                .iter()
                .all(|p| p.line as usize <= text.lines().count().max(1)));
            Ok(())
        })
        .unwrap();
}

/// A timesheet file: a real header, then lines of fields that are sometimes right and
/// sometimes not.
fn timesheet() -> impl Strategy<Value = (usize, String)> {
    let field = prop_oneof![
        "Omar Benali",
        "Légal",
        "Administration",
        "2013-02-0[1-9]",
        "[0-2][0-9]:[0-5][0-9](:00)?",
        "[0-9]{1,2}[.,:][0-9]{1,2}",
        "Yes|No|Oui|Non",
        ".{0,10}",
        "\"[^\"]{0,8}\"",
        ""
    ];
    let line = prop::collection::vec(field, 0..16).prop_map(|f| f.join(","));
    (0usize..3, prop::collection::vec(line, 0..8)).prop_map(|(format, lines)| {
        let header = match format {
            0 => "Date,From,To,Duration,Name,Customer,Project,Activity,Description,Billable",
            1 => "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (CAD)",
            _ => "date,worker,client,project,committee,duration,start,end,description,billable",
        };
        (format, format!("{header}\n{}", lines.join("\n")))
    })
}

#[test]
fn timesheet_files_never_panic_and_a_refused_file_writes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    store.write(|tx| konbit_core::demo::create(tx, 3)).unwrap();
    let formats = [Format::Kimai, Format::Toggl, Format::Csv];
    let count = |store: &Store| -> i64 {
        store
            .conn()
            .query_row("SELECT count(*) FROM time_entries", [], |r| r.get(0))
            .unwrap()
    };
    runner(10_000)
        .run(
            &(timesheet(), prop::collection::vec(any::<u8>(), 0..64)),
            |((format, text), noise)| {
                let format = formats[format];
                let _ = import::preview(
                    store.conn(),
                    format,
                    text.as_bytes(),
                    &ImportOptions::default(),
                );
                let _ = import::preview(store.conn(), format, &noise, &ImportOptions::default());
                Ok(())
            },
        )
        .unwrap();
    let cell = std::cell::RefCell::new(store);
    runner(1_000)
        .run(&timesheet(), |(format, text)| {
            let mut store = cell.borrow_mut();
            let before = count(&store);
            let result = store.write(|tx| {
                import::commit(
                    tx,
                    formats[format],
                    text.as_bytes(),
                    &ImportOptions::default(),
                )
            });
            if result.is_err() {
                prop_assert_eq!(count(&store), before, "a refused file wrote nothing");
            }
            Ok(())
        })
        .unwrap();
}
