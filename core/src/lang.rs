//! The two languages Konbit speaks: French (Canada) first, English (Canada) too.

use crate::error::{Invalid, Rule};
use crate::text::text_enum;

text_enum! {
    pub enum Lang { Fr => "fr", En => "en" }
}

// Written out because `text_enum!` declares the enum; French is the app's first language.
#[allow(clippy::derivable_impls)]
impl Default for Lang {
    fn default() -> Self {
        Lang::Fr
    }
}

impl Lang {
    /// Reads a language as people write it on the command line: `fr`, `en`, `fr-CA`, `français`…
    pub fn parse(text: &str) -> Result<Lang, Invalid> {
        match text.trim().to_lowercase().as_str() {
            "fr" | "fr-ca" | "français" | "francais" | "french" => Ok(Lang::Fr),
            "en" | "en-ca" | "english" | "anglais" => Ok(Lang::En),
            other => Err(Invalid::new("language", Rule::Unknown, format!("'{other}' is not a language Konbit speaks; use fr or en"))),
        }
    }
}
