//! The invoice list: searched by number or client, filtered by dates, sorted by any of its
//! columns in the query itself, so that keyset paging stays right whatever the order. The
//! total, balance and status a row shows are derived (a draft's total from its lines and the
//! rates of its date), so the sort keys compute them in SQL the way [`Head`] does in Rust.

use crate::store::sql::Value;

use super::{Head, InvoiceFilter, InvoiceSort, InvoiceSummary, SELECT_COLUMNS};
use crate::clock;
use crate::error::Result;
use crate::invoicing::tax::RATE_SCALE;
use crate::listing::{escape_like, Cursor, Page, MAX_PAGE};
use crate::store::sql::Connection;
use crate::text::fold;

/// Invoices and credit notes of the filter, sorted by its column (newest first by default),
/// page by page.
pub fn list(
    conn: &Connection,
    filter: &InvoiceFilter,
    after: Option<&Cursor>,
    limit: u32,
) -> Result<Page<InvoiceSummary>> {
    let limit = limit.clamp(1, MAX_PAGE);
    // ?1 is today, which the status's rank needs (overdue): given once so every row agrees.
    let mut values = vec![Value::Text(clock::today().to_string())];
    let conditions = conditions(filter, &mut values);
    let key = sort_key(filter.sort);
    let (order, beyond) = if filter.ascending {
        ("ASC", ">")
    } else {
        ("DESC", "<")
    };
    let mut sql = format!(
        "SELECT *, {key} AS sort_key, ?1 AS today FROM (SELECT {SELECT_COLUMNS}, {total} AS total, c.name_key AS client_key
         FROM invoices i JOIN clients c ON c.id = i.client_id LEFT JOIN invoices o ON o.id = i.credited_id WHERE {conditions}) h",
        total = total_sql()
    );
    if let Some(after) = after {
        let typed = if numeric(filter.sort) {
            "CAST(? AS INTEGER)"
        } else {
            "?"
        };
        sql.push_str(&format!(" WHERE ({key}, id) {beyond} ({typed}, ?)"));
        values.extend([Value::Text(after.key.clone()), Value::Integer(after.id)]);
    }
    sql.push_str(&format!(
        " ORDER BY sort_key {order}, id {order} LIMIT {}",
        limit + 1
    ));
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(crate::store::sql::params_from_iter(values))?;
    let mut items = Vec::new();
    let mut last = None;
    let mut next = None;
    while let Some(row) = rows.next()? {
        if items.len() == limit as usize {
            next = last.take();
            break;
        }
        let head = Head::from_row(&row)?;
        last = Some(Cursor {
            key: key_text(row.get("sort_key")?),
            id: head.id,
        });
        items.push(head.summary(conn)?);
    }
    Ok(Page { items, next })
}

/// The filter's conditions on the inner query, their values pushed after the ones given.
fn conditions(filter: &InvoiceFilter, values: &mut Vec<Value>) -> String {
    let mut parts = vec!["1".to_owned()];
    let mut and = |condition: &str, value: Value| {
        parts.push(condition.to_owned());
        values.push(value);
    };
    if let Some(id) = filter.client_id {
        and("i.client_id = ?", Value::Integer(id));
    }
    if let Some(kind) = filter.kind {
        and("i.kind = ?", Value::Text(kind.code().into()));
    }
    if let Some(from) = filter.from {
        and("i.invoice_date >= ?", Value::Text(from.to_string()));
    }
    if let Some(to) = filter.to {
        and("i.invoice_date <= ?", Value::Text(to.to_string()));
    }
    // Each word is in the number or in the client's folded name: "koumbit 2013-03" finds
    // Koumbit's invoices of March 2013.
    for word in filter
        .search
        .as_deref()
        .map(fold)
        .unwrap_or_default()
        .split_whitespace()
    {
        let pattern = format!("%{}%", escape_like(word));
        parts.push(
            "(lower(coalesce(i.number, '')) LIKE ? ESCAPE '\\' OR c.name_key LIKE ? ESCAPE '\\')"
                .to_owned(),
        );
        values.extend([Value::Text(pattern.clone()), Value::Text(pattern)]);
    }
    if filter.unpaid_only {
        // The open ones by their settlement (kept by triggers), then their balance to the cent.
        parts.push(
            "i.id IN (SELECT invoice_id FROM invoice_settlements WHERE settled_on = '9999-12-31')
              AND i.kind = 'invoice' AND i.issued_at IS NOT NULL AND i.total_cents >
              (SELECT coalesce(sum(amount_cents), 0) FROM payment_allocations a WHERE a.invoice_id = i.id)
              + (SELECT coalesce(sum(total_cents), 0) FROM invoices n WHERE n.credited_id = i.id AND n.issued_at IS NOT NULL)"
                .to_owned(),
        );
    }
    parts.join(" AND ")
}

/// The expression a column sorts by, over the inner query's columns (`paid`, `credited`,
/// `total`): what the row shows, a credit note's total negative as on screen.
fn sort_key(sort: InvoiceSort) -> &'static str {
    match sort {
        InvoiceSort::Number => "coalesce(number, '')",
        InvoiceSort::Date => "invoice_date",
        InvoiceSort::Client => "client_key",
        InvoiceSort::Total => "(CASE kind WHEN 'credit_note' THEN -total ELSE total END)",
        // Drafts and credit notes owe nothing: their balance cell is empty.
        InvoiceSort::Balance => "(CASE WHEN kind = 'invoice' AND number IS NOT NULL THEN total - paid - credited ELSE 0 END)",
        // The order of the work: drafts, issued, partly paid, overdue, paid, credited. The same
        // tests, in the same order, as `Head::status`.
        InvoiceSort::Status => {
            "(CASE WHEN number IS NULL THEN 0 WHEN kind = 'credit_note' THEN 1 WHEN credited >= total THEN 5
                   WHEN total - paid - credited <= 0 THEN 4 WHEN due_on < ?1 THEN 3 WHEN paid > 0 OR credited > 0 THEN 2 ELSE 1 END)"
        }
    }
}

fn numeric(sort: InvoiceSort) -> bool {
    matches!(
        sort,
        InvoiceSort::Total | InvoiceSort::Balance | InvoiceSort::Status
    )
}

fn key_text(key: Value) -> String {
    match key {
        Value::Integer(n) => n.to_string(),
        Value::Text(s) => s,
        Value::Real(r) => r.to_string(),
        Value::Null | Value::Blob(_) => String::new(),
    }
}

/// An invoice's total with taxes: frozen on an issued one; for a draft, its lines with the
/// taxes of `TaxRate::apply` (rounded half away from zero) at the rates of its date, or those
/// of the invoice a credit note corrects, none for an exempt client.
fn total_sql() -> String {
    let subtotal = "coalesce(sum(l.amount_cents), 0)";
    let rate = |column: &str| {
        format!("coalesce(o.{column}, (SELECT {column} FROM tax_rates WHERE effective_on <= i.invoice_date ORDER BY effective_on DESC LIMIT 1))")
    };
    let gst = share(subtotal, &rate("gst_rate"));
    let qst = share(
        &format!(
            "{subtotal} + CASE WHEN {} THEN {gst} ELSE 0 END",
            rate("qst_on_gst")
        ),
        &rate("qst_rate"),
    );
    let exempt = "CASE WHEN o.id IS NULL THEN c.tax_exempt ELSE o.tax_exempt END";
    format!(
        "coalesce(i.total_cents, (SELECT {subtotal} + CASE WHEN {exempt} = 1 THEN 0 ELSE {gst} + {qst} END FROM invoice_lines l WHERE l.invoice_id = i.id))"
    )
}

/// SQL for `amount × rate / RATE_SCALE` rounded half away from zero (integer division in
/// SQLite truncates toward zero, as in Rust).
fn share(amount: &str, rate: &str) -> String {
    let half = RATE_SCALE / 2;
    format!("(CASE WHEN ({amount}) * ({rate}) >= 0 THEN ({amount}) * ({rate}) + {half} ELSE ({amount}) * ({rate}) - {half} END) / {RATE_SCALE}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::invoicing::invoice::{self, DraftInput, InvoiceKind, InvoiceStatus, LineInput};
    use crate::money::Cents;

    /// Every page of one sort, in order, as (shown key, id).
    fn paged(conn: &Connection, filter: &InvoiceFilter) -> Vec<InvoiceSummary> {
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let page = list(conn, filter, after.as_ref(), 37).unwrap();
            assert!(page.items.len() <= 37);
            seen.extend(page.items);
            match page.next {
                Some(next) => after = Some(next),
                None => return seen,
            }
        }
    }

    fn rank(status: InvoiceStatus) -> u8 {
        match status {
            InvoiceStatus::Draft => 0,
            InvoiceStatus::Issued => 1,
            InvoiceStatus::PartlyPaid => 2,
            InvoiceStatus::Overdue => 3,
            InvoiceStatus::Paid => 4,
            InvoiceStatus::Credited => 5,
        }
    }

    /// What a person reads in the column, as the order of its rows must follow.
    fn shown(sort: InvoiceSort, r: &InvoiceSummary) -> (String, i64) {
        let signed = if r.kind == InvoiceKind::CreditNote {
            -r.total.0
        } else {
            r.total.0
        };
        let owed = if r.kind == InvoiceKind::Invoice && r.status != InvoiceStatus::Draft {
            r.balance.0
        } else {
            0
        };
        match sort {
            InvoiceSort::Number => (r.number.clone().unwrap_or_default(), 0),
            InvoiceSort::Date => (r.invoice_date.to_string(), 0),
            InvoiceSort::Client => (fold(&r.client_name), 0),
            InvoiceSort::Total => (String::new(), signed),
            InvoiceSort::Balance => (String::new(), owed),
            InvoiceSort::Status => (String::new(), i64::from(rank(r.status))),
        }
    }

    #[test]
    fn every_column_sorts_the_whole_list_across_pages() {
        let mut store = crate::demo::in_memory();
        // Two drafts, whose totals are computed from their lines: one with a discount.
        store
            .write(|tx| {
                let client = crate::clients::client::list(tx, &Default::default())?.items[0].id;
                let draft = invoice::create_draft(
                    tx,
                    &DraftInput {
                        client_id: client,
                        invoice_date: "2013-08-20".parse().unwrap(),
                        notes: String::new(),
                    },
                )?;
                invoice::add_line(
                    tx,
                    draft.id,
                    &LineInput {
                        description: "Formation CiviCRM".into(),
                        quantity_milli: 3_500,
                        unit_price: Cents(6_600),
                        discount: false,
                        department_id: None,
                    },
                )?;
                invoice::add_line(
                    tx,
                    draft.id,
                    &LineInput {
                        description: "Rabais solidaire".into(),
                        quantity_milli: 1_000,
                        unit_price: Cents(1_033),
                        discount: true,
                        department_id: None,
                    },
                )?;
                invoice::create_draft(
                    tx,
                    &DraftInput {
                        client_id: client,
                        invoice_date: "2013-08-21".parse().unwrap(),
                        notes: String::new(),
                    },
                )?;
                Ok::<(), crate::error::Error>(())
            })
            .unwrap();
        let conn = store.conn();
        let year = InvoiceFilter {
            from: Some("2012-09-01".parse().unwrap()),
            to: Some("2013-08-31".parse().unwrap()),
            ..Default::default()
        };
        let count: i64 = conn.query_row("SELECT count(*) FROM invoices WHERE invoice_date BETWEEN '2012-09-01' AND '2013-08-31'", [], |r| r.get(0)).unwrap();
        let count = count as usize;
        assert!(
            count > 100,
            "the demo year has {count} invoices: several pages"
        );
        for sort in [
            InvoiceSort::Number,
            InvoiceSort::Date,
            InvoiceSort::Client,
            InvoiceSort::Total,
            InvoiceSort::Balance,
            InvoiceSort::Status,
        ] {
            for ascending in [true, false] {
                let rows = paged(
                    conn,
                    &InvoiceFilter {
                        sort,
                        ascending,
                        ..year.clone()
                    },
                );
                assert_eq!(rows.len(), count, "{sort:?}: every invoice once");
                let keys: Vec<(String, i64, i64)> = rows
                    .iter()
                    .map(|r| {
                        let (t, n) = shown(sort, r);
                        (t, n, r.id)
                    })
                    .collect();
                let mut expected = keys.clone();
                expected.sort();
                if !ascending {
                    expected.reverse();
                }
                assert_eq!(
                    keys, expected,
                    "{sort:?} ascending={ascending}: the order of what is shown"
                );
            }
        }
    }

    #[test]
    fn a_search_finds_a_number_or_a_client_without_accents() {
        let store = crate::demo::in_memory();
        let conn = store.conn();
        let search = |words: &str| {
            paged(
                conn,
                &InvoiceFilter {
                    search: Some(words.into()),
                    ..Default::default()
                },
            )
        };
        let by_number = search("2013-0001");
        assert!(by_number
            .iter()
            .any(|r| r.number.as_deref() == Some("2013-0001")));
        assert!(by_number
            .iter()
            .all(|r| r.number.as_deref().is_some_and(|n| n.contains("2013-0001"))));
        let by_client = search("REGROUPEMENT benevole");
        assert!(!by_client.is_empty());
        assert!(by_client
            .iter()
            .all(|r| r.client_name == "Regroupement des centres d'action bénévole"));
        let spring = paged(
            conn,
            &InvoiceFilter {
                search: Some("benevole".into()),
                from: Some("2013-03-01".parse().unwrap()),
                to: Some("2013-03-31".parse().unwrap()),
                ..Default::default()
            },
        );
        assert!(!spring.is_empty() && spring.len() < by_client.len());
        assert!(spring
            .iter()
            .all(|r| r.invoice_date.to_string().starts_with("2013-03")));
        assert!(
            search("100%_").is_empty(),
            "LIKE's wildcards are searched as text"
        );
    }
}
