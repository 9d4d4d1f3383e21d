//! Text helpers shared by every record: folding names for French sorting and accent-blind
//! search, checking what people type, and enums stored as short text codes.

use crate::error::{Invalid, Problem};

/// The longest name or title Konbit accepts; longer is a paste gone wrong.
pub const MAX_NAME: usize = 200;
/// The longest free text (addresses, notes).
pub const MAX_TEXT: usize = 10_000;

/// Lower-cases and strips French (and common Latin) accents, so that `Émile` sorts with `emile`
/// and a search for `montreal` finds `Montréal`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            '\u{a0}' | '\u{202f}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A name as two records are compared to find a likely duplicate: folded, with every space
/// taken out, so that "Centre des femmes de  Verdun" and "centre des Femmes deVerdun" meet.
pub fn same_name_key(name: &str) -> String {
    fold(name).split_whitespace().collect()
}

/// The SQL expression of [`same_name_key`] over a `name_key` column (already folded).
pub(crate) fn same_name_sql(name_key: &str) -> String {
    format!("replace(replace({name_key}, ' ', ''), char(9), '')")
}

/// A required single-line value: trimmed, not empty, at most [`MAX_NAME`] characters.
pub fn required(field: &str, value: &str) -> Result<String, Invalid> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Invalid::new(field, Problem::Required));
    }
    limit(field, value, MAX_NAME)
}

/// An optional single-line value: trimmed, at most [`MAX_NAME`] characters.
pub fn optional(field: &str, value: &str) -> Result<String, Invalid> {
    limit(field, value.trim(), MAX_NAME)
}

/// Free text such as an address or notes: at most [`MAX_TEXT`] characters.
pub fn free_text(field: &str, value: &str) -> Result<String, Invalid> {
    limit(field, value.trim(), MAX_TEXT)
}

/// An e-mail address, or nothing. Only the shape is checked: one `@`, a dot after it.
pub fn email(field: &str, value: &str) -> Result<String, Invalid> {
    let value = optional(field, value)?;
    let shaped = match value.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.contains('@')
                && !value.contains(' ')
        }
        None => false,
    };
    if value.is_empty() || shaped {
        Ok(value)
    } else {
        Err(Invalid::new(field, Problem::NotAnEmail { value }))
    }
}

fn limit(field: &str, value: &str, max: usize) -> Result<String, Invalid> {
    let count = value.chars().count();
    if count > max {
        return Err(Invalid::new(
            field,
            Problem::TooLong {
                count: count as i64,
                max: max as i64,
            },
        ));
    }
    Ok(value.to_owned())
}

/// Declares an enum stored in SQLite and sent to the UI as a short snake_case text code.
macro_rules! text_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        #[serde(rename_all = "snake_case")]
        $vis enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.code().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::from_code(text).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(format!("unknown {} code '{text}'", stringify!($name)).into())
                })
            }
        }
    };
}
pub(crate) use text_enum;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_case() {
        assert_eq!(fold("  Émile Côté-Brûlé "), "emile cote-brule");
        assert_eq!(fold("Cœur de Montréal"), "coeur de montreal");
        assert_eq!(fold("ÇA\u{a0}VA"), "ca va");
    }

    #[test]
    fn names_meet_whatever_their_accents_case_and_spaces() {
        assert_eq!(
            same_name_key("Centre des femmes de  Verdun"),
            same_name_key(" centre des Femmes deVerdun")
        );
        assert_eq!(same_name_key("Héloïse Tremblay"), "heloisetremblay");
        assert_ne!(
            same_name_key("Héloïse Tremblay"),
            same_name_key("Héloïse Tremblay-Roy")
        );
    }

    #[test]
    fn checks_typed_values() {
        assert_eq!(required("name", "  Koumbit ").unwrap(), "Koumbit");
        assert_eq!(
            required("name", "   ").unwrap_err().problem,
            Problem::Required
        );
        assert_eq!(
            required("name", &"x".repeat(201)).unwrap_err().problem,
            Problem::TooLong {
                count: 201,
                max: 200
            }
        );
        assert_eq!(
            free_text("notes", &"é".repeat(10_000))
                .unwrap()
                .chars()
                .count(),
            10_000
        );
        assert_eq!(email("email", "").unwrap(), "");
        assert_eq!(
            email("email", "info@cdec.qc.ca").unwrap(),
            "info@cdec.qc.ca"
        );
        for bad in ["info", "@x.org", "a@b", "a b@c.org", "a@b@c.org"] {
            assert!(
                matches!(
                    email("email", bad).unwrap_err().problem,
                    Problem::NotAnEmail { .. }
                ),
                "{bad}"
            );
        }
    }
}
