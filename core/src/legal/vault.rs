//! The legal committee's vault: the key that seals the details of restricted cases at rest.
//!
//! The committee chooses a passphrase once. Argon2id (RFC 9106, 64 MiB, 3 passes) derives a key
//! from it and a random salt; that key wraps a random data key with XChaCha20-Poly1305, and only
//! the salt, the parameters and the wrapped key are stored (`legal_vault`). Unlocking derives the
//! key again: a wrong passphrase fails the wrap's authentication, and says so. The data key then
//! seals each detail of a restricted case (its title, parties, timeline, deadlines, disclosures,
//! documents' names and contents) with its own random 192-bit nonce, bound to the case and the
//! column it belongs to, so that a sealed value moved to another case or column does not open.
//! Nothing else is kept: a lost passphrase cannot be recovered, by Konbit or anyone.
//!
//! Sealed text is stored as `kv1:` and the base64 of nonce and ciphertext; its clear text is
//! padded to a multiple of 32 bytes first, so that a title's length shows only roughly. A sealed
//! document starts with [`SEALED_FILE`].

use argon2::{Algorithm, Argon2, Params, Version};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

use crate::clock;
use crate::documents::DocumentStore;
use crate::error::{Error, Invalid, Problem, Result};
use crate::store::sql::{params, Connection, OptionalExtension};

/// The shortest passphrase accepted, in characters: four or five words are longer.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// Argon2id's cost as RFC 9106 recommends where memory is scarce: 64 MiB, 3 passes, one lane.
/// Kept with the vault, so that a later Konbit may raise it for new vaults and still open this.
const MEMORY_KIB: u32 = 64 * 1024;
const PASSES: u32 = 3;
const LANES: u32 = 1;

const TEXT_PREFIX: &str = "kv1:";
/// The first bytes of a sealed document.
pub const SEALED_FILE: &[u8] = b"konbit-sealed-1\n";
const NONCE_LEN: usize = 24;
const PAD: usize = 32;

/// The data key, in memory only while the committee's session is unlocked; wiped when dropped.
#[derive(Clone)]
pub struct Key(Zeroizing<[u8; 32]>);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(…)")
    }
}

/// Whether the committee has chosen its passphrase.
pub fn is_set(conn: &Connection) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM legal_vault WHERE id = 1", [], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Sets the committee's passphrase, the first time, and answers the key it unlocks. Every
/// restricted case still in clear (written before the vault existed) is sealed in the same
/// transaction, its documents in `documents` (`None` only for a database that has none, the
/// demo's); the caller then checkpoints the log, so that the clear pages leave it, and sweeps
/// the documents' folder.
pub fn create(
    conn: &Connection,
    documents: Option<&DocumentStore>,
    passphrase: &str,
    confirmation: &str,
) -> Result<Key> {
    if is_set(conn)? {
        return Err(Error::Refused(Problem::VaultAlreadySet));
    }
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Invalid::new(
            "passphrase",
            Problem::PassphraseTooShort {
                min: MIN_PASSPHRASE_CHARS as i64,
            },
        )
        .into());
    }
    if passphrase != confirmation {
        return Err(Invalid::new("confirmation", Problem::PassphrasesDiffer).into());
    }
    let mut salt = [0u8; 16];
    getrandom(&mut salt)?;
    let mut data = Zeroizing::new([0u8; 32]);
    getrandom(data.as_mut())?;
    let key = Key(data);
    let wrapping = derive(passphrase, &salt, MEMORY_KIB, PASSES, LANES)?;
    let wrapped = wrapping.seal_bytes_with(key.0.as_ref(), WRAP_AAD)?;
    conn.execute(
        "INSERT INTO legal_vault (id, m_cost, t_cost, p_cost, salt, wrapped_key, created_at) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
        params![MEMORY_KIB, PASSES, LANES, &salt[..], wrapped, clock::now()],
    )?;
    super::seal_clear_cases(conn, documents, &key)?;
    Ok(key)
}

/// What the vault keeps: Argon2id's salt and costs, and the data key wrapped.
struct Stored {
    memory: u32,
    passes: u32,
    lanes: u32,
    salt: Vec<u8>,
    wrapped: Vec<u8>,
}

/// The key, if `passphrase` is the committee's.
pub fn unlock(conn: &Connection, passphrase: &str) -> Result<Key> {
    let stored = conn
        .query_row(
            "SELECT m_cost, t_cost, p_cost, salt, wrapped_key FROM legal_vault WHERE id = 1",
            [],
            |r| {
                Ok(Stored {
                    memory: r.get(0)?,
                    passes: r.get(1)?,
                    lanes: r.get(2)?,
                    salt: r.get(3)?,
                    wrapped: r.get(4)?,
                })
            },
        )
        .optional()?;
    let Some(Stored {
        memory,
        passes,
        lanes,
        salt,
        wrapped,
    }) = stored
    else {
        return Err(Error::Refused(Problem::VaultNotSet));
    };
    let wrapping = derive(passphrase, &salt, memory, passes, lanes)?;
    let data = wrapping
        .open_bytes_with(&wrapped, WRAP_AAD)
        .map_err(|_| Error::from(Invalid::new("passphrase", Problem::WrongPassphrase)))?;
    let bytes: [u8; 32] = data
        .as_slice()
        .try_into()
        .map_err(|_| Error::internal("the legal vault's key is not 32 bytes"))?;
    Ok(Key(Zeroizing::new(bytes)))
}

const WRAP_AAD: &[u8] = b"konbit legal vault key";

fn derive(passphrase: &str, salt: &[u8], memory: u32, passes: u32, lanes: u32) -> Result<Key> {
    let params = Params::new(memory, passes, lanes, Some(32))
        .map_err(|e| Error::internal(format_args!("Argon2id parameters: {e}")))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, out.as_mut())
        .map_err(|e| Error::internal(format_args!("Argon2id: {e}")))?;
    Ok(Key(out))
}

fn getrandom(buf: &mut [u8]) -> Result<()> {
    use chacha20poly1305::aead::rand_core::RngCore;
    OsRng
        .try_fill_bytes(buf)
        .map_err(|e| Error::internal(format_args!("the system's random numbers: {e}")))
}

/// Whether a stored text is sealed (else it is in clear: a case not restricted, or one
/// restricted before the vault existed).
pub(crate) fn is_sealed(stored: &str) -> bool {
    stored.starts_with(TEXT_PREFIX)
}

fn aad(case_id: i64, column: &str) -> Vec<u8> {
    format!("konbit legal case {case_id} {column}").into_bytes()
}

impl Key {
    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(self.0.as_ref().into())
    }

    /// Seals `text`, a detail of case `case_id` stored in `column`.
    pub(crate) fn seal(&self, case_id: i64, column: &str, text: &str) -> Result<String> {
        let mut padded = Zeroizing::new(Vec::with_capacity(text.len() + 4 + PAD));
        padded.extend_from_slice(&(text.len() as u32).to_le_bytes());
        padded.extend_from_slice(text.as_bytes());
        let padded_len = padded.len().div_ceil(PAD) * PAD;
        padded.resize(padded_len, 0);
        let sealed = self.seal_bytes_with(&padded, &aad(case_id, column))?;
        Ok(format!("{TEXT_PREFIX}{}", BASE64.encode(sealed)))
    }

    /// The clear text of a value [`Key::seal`] wrote for this case and column; a value in clear
    /// is answered as it is.
    pub(crate) fn open(&self, case_id: i64, column: &str, stored: &str) -> Result<String> {
        let Some(encoded) = stored.strip_prefix(TEXT_PREFIX) else {
            return Ok(stored.to_owned());
        };
        let damaged = || damaged(case_id, column);
        let sealed = BASE64.decode(encoded).map_err(|_| damaged())?;
        let padded = Zeroizing::new(
            self.open_bytes_with(&sealed, &aad(case_id, column))
                .map_err(|_| damaged())?,
        );
        let (len, rest) = padded.split_at_checked(4).ok_or_else(damaged)?;
        let len = u32::from_le_bytes(len.try_into().map_err(|_| damaged())?) as usize;
        let text = rest.get(..len).ok_or_else(damaged)?;
        String::from_utf8(text.to_vec()).map_err(|_| damaged())
    }

    /// Seals a document of case `case_id`.
    pub(crate) fn seal_file(&self, case_id: i64, bytes: &[u8]) -> Result<Vec<u8>> {
        let mut out = SEALED_FILE.to_vec();
        out.extend(self.seal_bytes_with(bytes, &aad(case_id, "document"))?);
        Ok(out)
    }

    /// The clear bytes of a document; one stored in clear is answered as it is.
    pub(crate) fn open_file(&self, case_id: i64, stored: Vec<u8>) -> Result<Vec<u8>> {
        match stored.strip_prefix(SEALED_FILE) {
            Some(sealed) => self
                .open_bytes_with(sealed, &aad(case_id, "document"))
                .map_err(|_| damaged(case_id, "document")),
            None => Ok(stored),
        }
    }

    fn seal_bytes_with(&self, clear: &[u8], aad: &[u8]) -> Result<Vec<u8>> {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = self
            .cipher()
            .encrypt(&nonce, Payload { msg: clear, aad })
            .map_err(|_| Error::internal("sealing a restricted detail failed"))?;
        let mut out = nonce.to_vec();
        out.extend(sealed);
        Ok(out)
    }

    fn open_bytes_with(&self, sealed: &[u8], aad: &[u8]) -> std::result::Result<Vec<u8>, ()> {
        if sealed.len() < NONCE_LEN {
            return Err(());
        }
        let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
        self.cipher()
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad,
                },
            )
            .map_err(|_| ())
    }
}

/// A key made at once, for tests that seal without a vault.
#[cfg(test)]
pub(crate) fn test_key() -> Key {
    Key(Zeroizing::new([42; 32]))
}

fn damaged(case_id: i64, column: &str) -> Error {
    Error::Refused(Problem::SealedDamaged {
        case_id,
        what: column.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    const PASSPHRASE: &str = "la baie trois reste fermée";

    #[test]
    fn the_passphrase_unlocks_the_key_and_a_wrong_one_says_so() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        assert!(!is_set(conn).unwrap());
        assert!(matches!(
            unlock(conn, PASSPHRASE),
            Err(Error::Refused(Problem::VaultNotSet))
        ));
        let short = create(conn, None, "trop court", "trop court").unwrap_err();
        assert!(matches!(
            short,
            Error::Invalid(ref i) if &*i.field == "passphrase" && i.problem == Problem::PassphraseTooShort { min: 12 }
        ));
        let typo = create(conn, None, PASSPHRASE, "la baie trois reste fermee").unwrap_err();
        assert!(matches!(typo, Error::Invalid(ref i) if &*i.field == "confirmation"));
        let key = create(conn, None, PASSPHRASE, PASSPHRASE).unwrap();
        assert!(matches!(
            create(conn, None, PASSPHRASE, PASSPHRASE),
            Err(Error::Refused(Problem::VaultAlreadySet))
        ));
        let again = unlock(conn, PASSPHRASE).unwrap();
        assert_eq!(key.0, again.0);
        let wrong = unlock(conn, "la baie trois reste ouverte").unwrap_err();
        assert!(matches!(
            wrong,
            Error::Invalid(ref i) if &*i.field == "passphrase" && i.problem == Problem::WrongPassphrase
        ));
        // Only the salt, the costs and the wrapped key are kept: not the key, not the passphrase.
        let (salt, wrapped): (Vec<u8>, Vec<u8>) = conn
            .query_row("SELECT salt, wrapped_key FROM legal_vault", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(salt.len(), 16);
        assert!(!wrapped.windows(32).any(|w| w == key.0.as_ref()));
    }

    #[test]
    fn a_sealed_detail_opens_only_for_its_case_and_column() {
        let key = Key(Zeroizing::new([7; 32]));
        let title = "Demande de retrait visant un site européen hébergé";
        let sealed = key.seal(3, "title", title).unwrap();
        assert!(is_sealed(&sealed));
        assert!(!sealed.contains("européen"));
        assert_eq!(key.open(3, "title", &sealed).unwrap(), title);
        // Two seals of the same text differ (a fresh nonce each time).
        assert_ne!(key.seal(3, "title", title).unwrap(), sealed);
        for (case, column) in [(4, "title"), (3, "summary")] {
            assert!(matches!(
                key.open(case, column, &sealed),
                Err(Error::Refused(Problem::SealedDamaged { .. }))
            ));
        }
        let other = Key(Zeroizing::new([8; 32]));
        assert!(other.open(3, "title", &sealed).is_err());
        // A clear value (a case restricted before the vault) reads as it is.
        assert_eq!(key.open(3, "title", "En clair").unwrap(), "En clair");
        // Lengths show only by steps of 32 bytes.
        assert_eq!(
            key.seal(3, "title", "a").unwrap().len(),
            key.seal(3, "title", "abcdefghijklmnopqrstuvwxyz")
                .unwrap()
                .len()
        );
        let pdf = b"%PDF-1.7 ordonnance".to_vec();
        let file = key.seal_file(3, &pdf).unwrap();
        assert!(file.starts_with(SEALED_FILE));
        assert_eq!(key.open_file(3, file.clone()).unwrap(), pdf);
        assert!(key.open_file(4, file).is_err());
        assert_eq!(key.open_file(3, pdf.clone()).unwrap(), pdf);
    }
}
