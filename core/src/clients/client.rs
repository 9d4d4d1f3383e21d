//! Clients: who is invoiced, in which language, whether taxes apply, and whom to reach.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock;
use crate::error::{changed, Invalid, OrNotFound, Problem, Result};
use crate::lang::Lang;
use crate::listing::{ListQuery, Listing, Page};
use crate::store::sql::{params, Connection, Row};
use crate::text::{email, fold, free_text, optional, required};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Client {
    pub id: i64,
    pub name: String,
    pub language: Lang,
    pub tax_exempt: bool,
    pub address: String,
    pub email: String,
    pub phone: String,
    pub payment_terms_days: u32,
    pub notes: String,
    pub archived: bool,
    pub contacts: Vec<Contact>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Contact {
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ClientInput {
    pub name: String,
    pub language: Lang,
    #[serde(default)]
    pub tax_exempt: bool,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    pub payment_terms_days: u32,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub contacts: Vec<Contact>,
}

const SELECT: &str = "SELECT id, name, language, tax_exempt, address, email, phone, payment_terms_days, notes, archived_at,
        name_key AS sort_key FROM clients";

/// Lists clients without their contacts; [`get`] gives the whole record.
pub fn list(conn: &Connection, query: &ListQuery) -> Result<Page<Client>> {
    Listing {
        select: SELECT,
        key: "name_key",
        id: "id",
        archived: "archived_at",
        filters: vec![],
    }
    .fetch(conn, query, from_row)
}

pub fn get(conn: &Connection, id: i64) -> Result<Client> {
    let mut client = conn
        .query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .or_not_found("client", id)?;
    client.contacts = conn
        .prepare_cached(
            "SELECT name, role, email, phone FROM client_contacts WHERE client_id = ?1 ORDER BY id",
        )?
        .query_map([id], |row| {
            Ok(Contact {
                name: row.get(0)?,
                role: row.get(1)?,
                email: row.get(2)?,
                phone: row.get(3)?,
            })
        })?
        .collect::<crate::store::sql::Result<Vec<_>>>()?;
    Ok(client)
}

/// The client with this name, accents and case ignored (for the command line); two clients
/// of the same name are refused as `named_twice`.
pub fn by_name(conn: &Connection, name: &str) -> Result<i64> {
    crate::listing::one_named(
        conn,
        "SELECT id FROM clients WHERE name_key = ?1 ORDER BY id",
        name,
        &[],
        "client",
        Problem::UnknownClient {
            name: name.trim().to_owned(),
        },
    )
}

/// The names of the clients (archived ones too) that `name` would duplicate, accents, case
/// and spaces ignored: the screen warns before creating one, since two real people or
/// organisations may still share a name.
pub fn namesakes(conn: &Connection, name: &str) -> Result<Vec<String>> {
    crate::listing::namesakes(conn, "clients", name)
}

pub fn create(conn: &Connection, input: &ClientInput) -> Result<Client> {
    let c = validated(input)?;
    let id: i64 = conn.query_row(
        "INSERT INTO clients (name, name_key, language, tax_exempt, address, email, phone, payment_terms_days, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10) RETURNING id",
        params![c.name, fold(&c.name), c.language, c.tax_exempt, c.address, c.email, c.phone, c.payment_terms_days, c.notes, clock::now()], |r| r.get(0))?;
    replace_contacts(conn, id, &c.contacts)?;
    get(conn, id)
}

pub fn update(conn: &Connection, id: i64, input: &ClientInput) -> Result<Client> {
    let c = validated(input)?;
    let rows = conn.execute(
        "UPDATE clients SET name = ?1, name_key = ?2, language = ?3, tax_exempt = ?4, address = ?5, email = ?6, phone = ?7,
                payment_terms_days = ?8, notes = ?9, updated_at = ?10 WHERE id = ?11",
        params![c.name, fold(&c.name), c.language, c.tax_exempt, c.address, c.email, c.phone, c.payment_terms_days, c.notes, clock::now(), id],
    )?;
    changed(rows, "client", id)?;
    replace_contacts(conn, id, &c.contacts)?;
    get(conn, id)
}

pub fn set_archived(conn: &Connection, id: i64, archived: bool) -> Result<Client> {
    crate::listing::set_archived(conn, "clients", "client", id, archived)?;
    get(conn, id)
}

fn replace_contacts(conn: &Connection, client_id: i64, contacts: &[Contact]) -> Result<()> {
    conn.execute(
        "DELETE FROM client_contacts WHERE client_id = ?1",
        [client_id],
    )?;
    let mut insert = conn.prepare_cached("INSERT INTO client_contacts (client_id, name, role, email, phone) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for c in contacts {
        insert.execute(params![client_id, c.name, c.role, c.email, c.phone])?;
    }
    Ok(())
}

fn validated(input: &ClientInput) -> Result<ClientInput, Invalid> {
    if input.payment_terms_days > 365 {
        return Err(Invalid::new(
            "payment_terms_days",
            Problem::NumberRange { min: 0, max: 365 },
        ));
    }
    let contacts = input
        .contacts
        .iter()
        .filter(|c| {
            !(c.name.trim().is_empty() && c.email.trim().is_empty() && c.phone.trim().is_empty())
        })
        .map(|c| {
            Ok(Contact {
                name: required("contact_name", &c.name)?,
                role: optional("contact_role", &c.role)?,
                email: email("contact_email", &c.email)?,
                phone: optional("contact_phone", &c.phone)?,
            })
        })
        .collect::<Result<Vec<_>, Invalid>>()?;
    Ok(ClientInput {
        name: required("name", &input.name)?,
        language: input.language,
        tax_exempt: input.tax_exempt,
        address: free_text("address", &input.address)?,
        email: email("email", &input.email)?,
        phone: optional("phone", &input.phone)?,
        payment_terms_days: input.payment_terms_days,
        notes: free_text("notes", &input.notes)?,
        contacts,
    })
}

fn from_row(row: &Row) -> crate::store::sql::Result<Client> {
    Ok(Client {
        id: row.get(0)?,
        name: row.get(1)?,
        language: row.get(2)?,
        tax_exempt: row.get(3)?,
        address: row.get(4)?,
        email: row.get(5)?,
        phone: row.get(6)?,
        payment_terms_days: row.get(7)?,
        notes: row.get(8)?,
        archived: row.get::<_, Option<String>>(9)?.is_some(),
        contacts: Vec::new(),
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::store::Store;

    pub(crate) fn input(name: &str) -> ClientInput {
        ClientInput {
            name: name.into(),
            language: Lang::Fr,
            tax_exempt: false,
            address: "1710, rue Beaudry, Montréal (Québec) H2L 3E7".into(),
            email: String::new(),
            phone: String::new(),
            payment_terms_days: 30,
            notes: String::new(),
            contacts: vec![],
        }
    }

    #[test]
    fn the_command_line_names_a_client_and_is_told_when_two_answer() {
        let store = crate::demo::in_memory();
        let conn = store.conn();
        let id = by_name(conn, "  centre des FEMMES de verdun").unwrap();
        assert_eq!(get(conn, id).unwrap().name, "Centre des femmes de Verdun");
        let unknown = by_name(conn, "Centre des hommes de Verdun").unwrap_err();
        assert_eq!(
            (unknown.code(), unknown.field()),
            ("unknown_client", Some("client"))
        );
        create(conn, &input("Centre des femmes de Verdun")).unwrap();
        let twice = by_name(conn, "Centre des femmes de Verdun").unwrap_err();
        assert_eq!(twice.code(), "named_twice");
        assert_eq!(
            twice.to_string(),
            "client: 2 are named 'Centre des femmes de Verdun'; tell them apart"
        );
    }

    #[test]
    fn a_name_already_there_is_found_whatever_its_accents_case_and_spaces() {
        let store = crate::demo::in_memory();
        let conn = store.conn();
        assert_eq!(
            namesakes(conn, "CENTRE des femmes de  verdun").unwrap(),
            ["Centre des femmes de Verdun"]
        );
        assert_eq!(
            namesakes(conn, "Reseau des jardins collectifs").unwrap(),
            ["Réseau des jardins collectifs"]
        );
        assert!(namesakes(conn, "Centre des femmes de Verdun-Nord")
            .unwrap()
            .is_empty());
        assert!(namesakes(conn, "   ").unwrap().is_empty());
    }

    #[test]
    fn keeps_contacts_and_drops_empty_rows() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let contacts = vec![
            Contact {
                name: "Louise Gagnon".into(),
                role: "coordonnatrice".into(),
                email: "louise@cdec.qc.ca".into(),
                phone: String::new(),
            },
            Contact {
                name: " ".into(),
                role: String::new(),
                email: String::new(),
                phone: String::new(),
            },
        ];
        let c = create(
            conn,
            &ClientInput {
                contacts,
                ..input("Centre d'éducation populaire")
            },
        )
        .unwrap();
        assert_eq!(c.contacts.len(), 1);
        assert_eq!(get(conn, c.id).unwrap(), c);
        let c = update(
            conn,
            c.id,
            &ClientInput {
                tax_exempt: true,
                language: Lang::En,
                ..input("Parc Sans Frontières")
            },
        )
        .unwrap();
        assert!(c.tax_exempt && c.contacts.is_empty() && c.language == Lang::En);
    }

    #[test]
    fn refuses_bad_terms_and_contacts() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        assert_eq!(
            create(
                conn,
                &ClientInput {
                    payment_terms_days: 400,
                    ..input("X")
                }
            )
            .unwrap_err()
            .field(),
            Some("payment_terms_days")
        );
        let contacts = vec![Contact {
            name: String::new(),
            role: String::new(),
            email: "a@b.org".into(),
            phone: String::new(),
        }];
        assert_eq!(
            create(
                conn,
                &ClientInput {
                    contacts,
                    ..input("X")
                }
            )
            .unwrap_err()
            .field(),
            Some("contact_name")
        );
        assert!(list(conn, &ListQuery::default()).unwrap().items.is_empty());
    }
}
