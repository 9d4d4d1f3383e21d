//! What makes the laid-out pages a document: its information (title, author, dates, Konbit as
//! creator and producer), its language in the catalog, the outline a viewer shows beside the
//! pages, and an identifier. printpdf writes an information dictionary with empty keys (an empty
//! `GTS_PDFXVersion` claims a PDF/X version that is not there) and dates of 1970; it is replaced
//! here, on the lopdf objects printpdf builds, before the file is written.

use chrono::{DateTime, Utc};
use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use sha2::{Digest, Sha256};

use super::Place;
use crate::error::{Error, Result};
use crate::lang::Lang;

/// What the document says about itself.
pub(super) struct Info<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub lang: Lang,
    pub written: DateTime<Utc>,
    /// Each section's title and where it starts, in reading order.
    pub outline: &'a [(String, Place)],
}

/// Finishes `doc` with `info` and answers the file's bytes.
pub(super) fn write(mut doc: lopdf::Document, info: &Info) -> Result<Vec<u8>> {
    // `/Lang` in the catalog is PDF 1.4; printpdf announces 1.3.
    doc.version = "1.4".into();
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    drop_empty_annotations(&mut doc, &pages);
    let info_id = doc.add_object(information(info));
    doc.trailer.set("Info", info_id);
    let outline = outline(&mut doc, &pages, info.outline);
    let catalog = doc.catalog_mut().map_err(broken)?;
    catalog.set("Lang", Object::string_literal(language_tag(info.lang)));
    if let Some(outline) = outline {
        catalog.set("Outlines", outline);
        // Open with the outline showing: it is the report's contents, one click from anywhere.
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    doc.prune_objects();
    doc.compress();
    identify(&mut doc)?;
    save(&mut doc)
}

/// The BCP 47 tag screen readers and hyphenation read: Quebec's French or Canada's English.
fn language_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "fr-CA",
        Lang::En => "en-CA",
    }
}

/// The information dictionary with only what is known: no empty keys, no claimed conformance.
fn information(info: &Info) -> Dictionary {
    let date = Object::string_literal(pdf_date(info.written));
    let mut dict = Dictionary::new();
    dict.set("Title", text(info.title));
    if !info.author.trim().is_empty() {
        dict.set("Author", text(info.author));
    }
    dict.set("Creator", text("Konbit"));
    dict.set(
        "Producer",
        text(&format!("Konbit {}", env!("CARGO_PKG_VERSION"))),
    );
    dict.set("CreationDate", date.clone());
    // Written once, never edited: modified when created.
    dict.set("ModDate", date);
    dict
}

/// `D:20130831142500+00'00'`, the PDF's date format, in UTC as every Konbit timestamp.
fn pdf_date(at: DateTime<Utc>) -> String {
    at.format("D:%Y%m%d%H%M%S+00'00'").to_string()
}

/// A text string as PDF readers decode any language: UTF-16BE behind its byte-order mark.
fn text(value: &str) -> Object {
    let mut bytes = vec![0xfe, 0xff];
    bytes.extend(value.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// printpdf gives every page an `/Annots` array, empty on pages without links.
fn drop_empty_annotations(doc: &mut lopdf::Document, pages: &[ObjectId]) {
    for id in pages {
        if let Ok(page) = doc.get_dictionary_mut(*id) {
            let empty = page
                .get(b"Annots")
                .and_then(Object::as_array)
                .is_ok_and(Vec::is_empty);
            if empty {
                page.remove(b"Annots");
            }
        }
    }
}

/// The outline's root with one item per entry, in the order given (printpdf's own bookmarks
/// sort by page, then by title, which shuffles two sections that share a page). `None` when
/// there is nothing to list.
fn outline(
    doc: &mut lopdf::Document,
    pages: &[ObjectId],
    entries: &[(String, Place)],
) -> Option<ObjectId> {
    let items: Vec<(&str, ObjectId, Place)> = entries
        .iter()
        .filter_map(|(title, place)| {
            let page = pages.get(place.page.checked_sub(1)?)?;
            Some((title.as_str(), *page, *place))
        })
        .collect();
    if items.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = items.iter().map(|_| doc.new_object_id()).collect();
    for (i, (title, page, place)) in items.iter().enumerate() {
        let mut item = Dictionary::new();
        item.set("Title", text(title));
        item.set("Parent", root);
        item.set("Dest", destination(*page, *place));
        if let Some(prev) = i.checked_sub(1).map(|p| ids[p]) {
            item.set("Prev", prev);
        }
        if let Some(next) = ids.get(i + 1) {
            item.set("Next", *next);
        }
        doc.objects.insert(ids[i], Object::Dictionary(item));
    }
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Outlines".to_vec()));
    dict.set("First", ids[0]);
    dict.set("Last", ids[ids.len() - 1]);
    dict.set("Count", ids.len() as i64);
    doc.objects.insert(root, Object::Dictionary(dict));
    Some(root)
}

/// The page with `place` at the top of the window, at the reader's zoom.
fn destination(page: ObjectId, place: Place) -> Object {
    Object::Array(vec![
        page.into(),
        Object::Name(b"XYZ".to_vec()),
        Object::Integer(0),
        Object::Real(super::top_in_points(place.y)),
        Object::Null,
    ])
}

/// The file identifier, from the content rather than chance as printpdf draws it: the same
/// document written at the same `SOURCE_DATE_EPOCH` is the same file, byte for byte.
fn identify(doc: &mut lopdf::Document) -> Result<()> {
    doc.trailer.remove(b"ID");
    let hash = Sha256::digest(save(doc)?);
    let id = Object::String(hash[..16].to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    Ok(())
}

fn save(doc: &mut lopdf::Document) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)
        .map_err(|e| Error::internal(format_args!("could not write the PDF: {e}")))?;
    Ok(bytes)
}

fn broken(e: lopdf::Error) -> Error {
    Error::internal(format_args!("the PDF printpdf built has no catalog: {e}"))
}
