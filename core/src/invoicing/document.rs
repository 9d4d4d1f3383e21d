//! The invoice or credit note as the client receives it: a letter-size PDF in the client's
//! language, with the collective's tax numbers, the lines, the taxes at the rates frozen on it,
//! what is left to pay, and an annex detailing the hours billed.

use crate::clients::client;
use crate::error::{Error, Result};
use crate::invoicing::invoice::{self, Invoice, InvoiceKind};
use crate::invoicing::tax::RATE_SCALE;
use crate::lang::Lang;
use crate::money::Cents;
use crate::organisation::settings;
use crate::pdf::{Align, Column, Document, Place, Table, Weight, MARGIN, PAGE_WIDTH};
use crate::store::sql::Connection;

struct Words {
    invoice: &'static str,
    credit_note: &'static str,
    number: &'static str,
    date: &'static str,
    due: &'static str,
    corrects: &'static str,
    billed_to: &'static str,
    description: &'static str,
    quantity: &'static str,
    unit_price: &'static str,
    amount: &'static str,
    subtotal: &'static str,
    exempt: &'static str,
    total: &'static str,
    paid: &'static str,
    balance: &'static str,
    draft: &'static str,
    annex: &'static str,
    worker: &'static str,
    hours: &'static str,
    terms: &'static str,
}

const FR: Words = Words {
    invoice: "FACTURE",
    credit_note: "NOTE DE CRÉDIT",
    number: "Numéro",
    date: "Date",
    due: "Échéance",
    corrects: "Corrige la facture",
    billed_to: "Facturé à",
    description: "Description",
    quantity: "Quantité",
    unit_price: "Prix unitaire",
    amount: "Montant",
    subtotal: "Sous-total",
    exempt: "Client exempté des taxes",
    total: "Total",
    paid: "Payé",
    balance: "Solde à payer",
    draft: "BROUILLON — non émise",
    annex: "Annexe : détail des heures",
    worker: "Travailleur·euse",
    hours: "Heures",
    terms: "Payable au plus tard le",
};

const EN: Words = Words {
    invoice: "INVOICE",
    credit_note: "CREDIT NOTE",
    number: "Number",
    date: "Date",
    due: "Due",
    corrects: "Corrects invoice",
    billed_to: "Billed to",
    description: "Description",
    quantity: "Quantity",
    unit_price: "Unit price",
    amount: "Amount",
    subtotal: "Subtotal",
    exempt: "Client exempt from sales taxes",
    total: "Total",
    paid: "Paid",
    balance: "Balance due",
    draft: "DRAFT — not issued",
    annex: "Annex: hours in detail",
    worker: "Worker",
    hours: "Hours",
    terms: "Payable by",
};

/// The invoice (or credit note, or draft, marked as such) as PDF bytes.
pub fn pdf(conn: &Connection, id: i64) -> Result<Vec<u8>> {
    let inv = invoice::get(conn, id)?;
    let org = settings::require(conn)?;
    let c = client::get(conn, inv.client_id)?;
    let lang = c.language;
    let w = match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    };
    let title = if inv.kind == InvoiceKind::Invoice {
        w.invoice
    } else {
        w.credit_note
    };
    let number = inv.number.clone().unwrap_or_else(|| w.draft.to_owned());
    let mut doc = Document::new(&format!("{title} {number}"), &org.name, lang)?;
    doc.set_running_header(&format!(
        "{org_name} — {title} {number} — {client}",
        org_name = org.name,
        client = c.name
    ));
    let right = PAGE_WIDTH - MARGIN;

    // The collective, on the left; the document's title and references on the right.
    doc.text(MARGIN, 22.0, &org.name, 15.0, Weight::Bold);
    doc.y = 24.0;
    for line in org.address.lines() {
        doc.paragraph(MARGIN, 90.0, line, 9.0, Weight::Regular);
    }
    for (label, value) in [("TPS/GST", &org.gst_number), ("TVQ/QST", &org.qst_number)] {
        if !value.is_empty() {
            doc.paragraph(
                MARGIN,
                90.0,
                &format!("{label} : {value}"),
                9.0,
                Weight::Regular,
            );
        }
    }
    let org_bottom = doc.y;
    doc.text_right(right, 22.0, title, 16.0, Weight::Bold);
    let mut refs = vec![
        (w.number, number.clone()),
        (w.date, lang.long_date(inv.invoice_date)),
    ];
    match (inv.kind, &inv.credited_number) {
        (InvoiceKind::Invoice, _) => refs.push((w.due, lang.long_date(inv.due_on))),
        (InvoiceKind::CreditNote, Some(n)) => refs.push((w.corrects, n.clone())),
        (InvoiceKind::CreditNote, None) => {}
    }
    for (i, (label, value)) in refs.iter().enumerate() {
        let y = 30.0 + i as f32 * 5.0;
        doc.text_right(right - 40.0, y, &format!("{label} :"), 9.0, Weight::Regular);
        doc.text_right(right, y, value, 9.0, Weight::Bold);
    }

    // The client.
    doc.y = org_bottom.max(48.0) + 8.0;
    doc.text(MARGIN, doc.y, w.billed_to, 9.0, Weight::Bold);
    doc.y += 1.0;
    doc.paragraph(MARGIN, 100.0, &c.name, 10.0, Weight::Regular);
    for line in c.address.lines() {
        doc.paragraph(MARGIN, 100.0, line, 9.0, Weight::Regular);
    }
    doc.y += 8.0;

    lines_table(&mut doc, &inv, w, lang);
    totals(&mut doc, &inv, w, lang);
    if !inv.notes.is_empty() {
        doc.y += 6.0;
        doc.paragraph(
            MARGIN,
            Document::body_width(),
            &inv.notes,
            9.0,
            Weight::Regular,
        );
    }
    if inv.kind == InvoiceKind::Invoice {
        doc.y += 6.0;
        doc.paragraph(
            MARGIN,
            Document::body_width(),
            &format!("{} {}.", w.terms, lang.long_date(inv.due_on)),
            9.0,
            Weight::Regular,
        );
    }
    annex(conn, &mut doc, &format!("{title} {number}"), &inv, w, lang)?;
    doc.finish()
}

fn lines_table(doc: &mut Document, inv: &Invoice, w: &Words, lang: Lang) {
    let width = Document::body_width();
    let table = Table {
        columns: vec![
            Column {
                title: w.description.into(),
                width: width - 84.0,
                align: Align::Left,
            },
            Column {
                title: w.quantity.into(),
                width: 22.0,
                align: Align::Right,
            },
            Column {
                title: w.unit_price.into(),
                width: 30.0,
                align: Align::Right,
            },
            Column {
                title: w.amount.into(),
                width: 32.0,
                align: Align::Right,
            },
        ],
        size: 9.0,
    };
    let rows: Vec<(Vec<String>, bool)> = inv
        .lines
        .iter()
        .map(|l| {
            (
                vec![
                    l.description.clone(),
                    quantity(l.quantity_milli, lang),
                    l.unit_price.format(lang),
                    l.amount.format(lang),
                ],
                false,
            )
        })
        .collect();
    table.draw(doc, &rows);
}

fn totals(doc: &mut Document, inv: &Invoice, w: &Words, lang: Lang) {
    let right = PAGE_WIDTH - MARGIN;
    let mut rows: Vec<(String, Cents, bool)> = vec![(w.subtotal.into(), inv.subtotal, false)];
    if inv.tax_exempt {
        rows.push((w.exempt.into(), Cents(0), false));
    } else {
        rows.push((
            format!("TPS/GST ({})", percent(inv.rates.gst_rate, lang)),
            inv.gst,
            false,
        ));
        let qst = if inv.rates.qst_on_gst {
            format!("TVQ/QST ({}, TPS incl.)", percent(inv.rates.qst_rate, lang))
        } else {
            format!("TVQ/QST ({})", percent(inv.rates.qst_rate, lang))
        };
        rows.push((qst, inv.qst, false));
    }
    rows.push((w.total.into(), inv.total, true));
    if inv.kind == InvoiceKind::Invoice
        && inv.number.is_some()
        && (inv.paid.0 > 0 || inv.credited.0 > 0)
    {
        rows.push((w.paid.into(), inv.paid + inv.credited, false));
        rows.push((w.balance.into(), inv.balance, true));
    }
    doc.ensure_room(rows.len() as f32 * 6.0 + 4.0);
    doc.y += 3.0;
    for (label, amount, bold) in rows {
        doc.y += 5.5;
        let weight = if bold { Weight::Bold } else { Weight::Regular };
        doc.text_right(right - 34.0, doc.y, &label, 9.0, weight);
        doc.text_right(right - 1.5, doc.y, &amount.format(lang), 9.0, weight);
    }
}

/// The time entries each line bills, for clients who want to see the hours, when there are
/// any; `title` is the invoice's, for the outline.
fn annex(
    conn: &Connection,
    doc: &mut Document,
    title: &str,
    inv: &Invoice,
    w: &Words,
    lang: Lang,
) -> Result<()> {
    let rows: Vec<(Vec<String>, bool)> = conn
        .prepare(
            "SELECT e.work_date, m.name, e.minutes, e.description FROM invoice_time_entries b
             JOIN invoice_lines l ON l.id = b.line_id JOIN time_entries e ON e.id = b.time_entry_id
             JOIN workers k ON k.id = e.worker_id JOIN members m ON m.id = k.member_id
             WHERE l.invoice_id = ?1 ORDER BY e.work_date, m.name_key, e.id",
        )?
        .query_map([inv.id], |r| {
            let minutes: u32 = r.get(2)?;
            Ok((
                vec![
                    lang.long_date(r.get(0)?),
                    r.get(1)?,
                    quantity(i64::from(minutes) * 1000 / 60, lang),
                    r.get(3)?,
                ],
                false,
            ))
        })?
        .collect::<crate::store::sql::Result<_>>()
        .map_err(Error::from)?;
    if rows.is_empty() {
        return Ok(());
    }
    doc.y += 10.0;
    doc.ensure_room(30.0);
    // Two parts to go between: the invoice from its first page, and its annex.
    doc.bookmark(title, Place { page: 1, y: 0.0 });
    doc.bookmark(w.annex, doc.here());
    doc.text(MARGIN, doc.y, w.annex, 11.0, Weight::Bold);
    doc.y += 3.0;
    let width = Document::body_width();
    let table = Table {
        columns: vec![
            Column {
                title: w.date.into(),
                width: 30.0,
                align: Align::Left,
            },
            Column {
                title: w.worker.into(),
                width: 45.0,
                align: Align::Left,
            },
            Column {
                title: w.hours.into(),
                width: 20.0,
                align: Align::Right,
            },
            Column {
                title: w.description.into(),
                width: width - 95.0,
                align: Align::Left,
            },
        ],
        size: 8.5,
    };
    table.draw(doc, &rows);
    Ok(())
}

/// Thousandths as people write them: `3,5` / `3.5`, no trailing zeros.
pub(crate) fn quantity(milli: i64, lang: Lang) -> String {
    let text = format!("{}.{:03}", milli / 1000, milli % 1000);
    let text = text.trim_end_matches('0').trim_end_matches('.').to_owned();
    match lang {
        Lang::Fr => text.replace('.', ","),
        Lang::En => text,
    }
}

/// 9975 → `9,975 %` / `9.975%`.
fn percent(rate: u32, lang: Lang) -> String {
    let number = quantity(i64::from(rate) * 1000 / (RATE_SCALE / 100), lang);
    match lang {
        Lang::Fr => format!("{number}\u{a0}%"),
        Lang::En => format!("{number}%"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_dates_quantities_and_rates() {
        let d = |s: &str| s.parse().unwrap();
        assert_eq!(Lang::Fr.long_date(d("2013-03-01")), "1er mars 2013");
        assert_eq!(Lang::En.long_date(d("2013-02-14")), "February 14, 2013");
        assert_eq!(Lang::Fr.span(d("2012-08-01"), d("2012-08-31")), "août 2012");
        assert_eq!(
            Lang::Fr.span(d("2012-08-01"), d("2012-08-15")),
            "du 1er août 2012 au 15 août 2012"
        );
        assert_eq!(quantity(3500, Lang::Fr), "3,5");
        assert_eq!(quantity(1000, Lang::Fr), "1");
        assert_eq!(percent(9975, Lang::Fr), "9,975\u{a0}%");
        assert_eq!(percent(5000, Lang::En), "5%");
    }
}
