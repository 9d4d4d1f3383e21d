//! Everything a case holds, sealed when it becomes restricted and opened when it no longer is:
//! its timeline, deadlines, disclosures with their notes, and its documents' names and contents.
//! The case's own columns and parties are written by `legal::update` itself.

use super::Details;
use crate::documents::{Attachment, DocumentStore};
use crate::error::{Error, Result};
use crate::store::sql::{params, Connection};

/// The words of what a case holds: the table, the columns sealed, and which of its rows belong
/// to case `?1`. Fixed names only, never from input.
struct Words {
    table: &'static str,
    columns: &'static [&'static str],
    of_case: &'static str,
}

const WORDS: [Words; 4] = [
    Words {
        table: "legal_events",
        columns: &["text"],
        of_case: "case_id = ?1",
    },
    Words {
        table: "legal_deadlines",
        columns: &["what", "responsible"],
        of_case: "case_id = ?1",
    },
    Words {
        table: "legal_disclosures",
        columns: &["what", "recipient", "authority", "decided_by"],
        of_case: "case_id = ?1",
    },
    Words {
        table: "legal_disclosure_notes",
        columns: &["text"],
        of_case: "disclosure_id IN (SELECT id FROM legal_disclosures WHERE case_id = ?1)",
    },
];

/// Reads everything case `id` holds as `before` says and writes it again as `after` says.
pub(super) fn case(
    conn: &Connection,
    documents: Option<&DocumentStore>,
    id: i64,
    before: Details,
    after: Details,
) -> Result<()> {
    children(conn, id, before, after)?;
    files(conn, documents, id, before, after)
}

/// The words of the case's timeline, deadlines and disclosures (the documents excepted).
fn children(conn: &Connection, id: i64, before: Details, after: Details) -> Result<()> {
    for words in &WORDS {
        let select = format!(
            "SELECT id, {} FROM {} WHERE {} ORDER BY id",
            words.columns.join(", "),
            words.table,
            words.of_case
        );
        let rows: Vec<(i64, Vec<String>)> = conn
            .prepare(&select)?
            .query_map([id], |r| {
                let values = (1..=words.columns.len())
                    .map(|i| r.get(i))
                    .collect::<crate::store::sql::Result<_>>()?;
                Ok((r.get(0)?, values))
            })?
            .collect::<crate::store::sql::Result<_>>()?;
        let assignments: Vec<String> = words
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ?{}", i + 2))
            .collect();
        let update = format!(
            "UPDATE {} SET {} WHERE id = ?1",
            words.table,
            assignments.join(", ")
        );
        let mut update = conn.prepare(&update)?;
        for (row, values) in rows {
            let mut written = vec![rusqlite::types::Value::Integer(row)];
            for (column, value) in words.columns.iter().zip(values) {
                let column = format!("{}.{column}", words.table);
                let text = before.read(&column, value)?;
                written.push(after.write(&column, &text)?.into());
            }
            update.execute(crate::store::sql::params_from_iter(written))?;
        }
    }
    Ok(())
}

/// The case's documents: each stored anew as `after` says, its link moved to the new copy;
/// the old copy's row goes when nothing else names it, its file at the next
/// [`DocumentStore::sweep`].
fn files(
    conn: &Connection,
    documents: Option<&DocumentStore>,
    id: i64,
    before: Details,
    after: Details,
) -> Result<()> {
    let linked: Vec<(i64, Attachment)> = conn
        .prepare(
            "SELECT a.event_id, a.document_id, a.name, d.sha256, d.size, a.attached_at
             FROM legal_event_documents a JOIN documents d ON d.id = a.document_id JOIN legal_events e ON e.id = a.event_id
             WHERE e.case_id = ?1",
        )?
        .query_map([id], |r| {
            Ok((
                r.get(0)?,
                Attachment {
                    document_id: r.get(1)?,
                    name: r.get(2)?,
                    sha256: r.get(3)?,
                    size: r.get::<_, i64>(4)?.max(0) as u64,
                    attached_at: r.get(5)?,
                },
            ))
        })?
        .collect::<crate::store::sql::Result<_>>()?;
    if linked.is_empty() {
        return Ok(());
    }
    let documents = documents.ok_or_else(|| {
        Error::internal(format_args!(
            "legal case {id} has documents to seal and no documents folder was given"
        ))
    })?;
    for (event, stored) in linked {
        let name = before.read("legal_event_documents.name", stored.name.clone())?;
        let clear = before.read_file(documents.read_checked(&Attachment {
            name: name.clone(),
            ..stored.clone()
        })?)?;
        let (document, _, _) = documents.put_bytes(conn, &after.write_file(&clear)?)?;
        // Two sealed copies of one file (attached twice) open to the same clear copy: linked once.
        conn.execute(
            "INSERT INTO legal_event_documents (event_id, document_id, name, attached_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (event_id, document_id) DO NOTHING",
            params![
                event,
                document,
                after.write("legal_event_documents.name", &name)?,
                stored.attached_at
            ],
        )?;
        conn.execute(
            "DELETE FROM legal_event_documents WHERE event_id = ?1 AND document_id = ?2",
            params![event, stored.document_id],
        )?;
        conn.execute(
            "DELETE FROM documents WHERE id = ?1
               AND NOT EXISTS (SELECT 1 FROM legal_event_documents WHERE document_id = ?1)
               AND NOT EXISTS (SELECT 1 FROM expense_documents WHERE document_id = ?1)",
            [stored.document_id],
        )?;
    }
    Ok(())
}
