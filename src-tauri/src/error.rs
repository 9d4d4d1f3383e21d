//! The one error the UI receives: `{ code, message, field?, rule? }`, mirrored in
//! `ui/src/lib/api/errors.ts`. Only this crate and the CLI know the wire format.

use serde::Serialize;
use ts_rs::TS;

use konbit_core::{Error, Rule};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AppError {
    pub code: String,
    pub message: String,
    /// The form field the error is about, for validation errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub rule: Option<Rule>,
}

pub type CmdResult<T> = Result<T, AppError>;

impl From<Error> for AppError {
    fn from(e: Error) -> Self {
        let (field, rule) = match &e {
            Error::Invalid(invalid) => (Some(invalid.field.clone()), Some(invalid.rule)),
            _ => (None, None),
        };
        AppError { code: e.code().to_owned(), message: e.to_string(), field, rule }
    }
}

impl From<konbit_core::store::StoreError> for AppError {
    fn from(e: konbit_core::store::StoreError) -> Self {
        AppError::from(Error::from(e))
    }
}

impl AppError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        AppError { code: code.to_owned(), message: message.into(), field: None, rule: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use konbit_core::Invalid;

    #[test]
    fn json_shape_is_pinned() {
        let invalid = Error::from(Invalid::new("email", Rule::BadFormat, "'x' is not an e-mail address"));
        let json = serde_json::to_value(AppError::from(invalid)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "code": "invalid", "message": "email: 'x' is not an e-mail address", "field": "email", "rule": "bad_format" })
        );
        let missing = Error::NotFound { entity: "client", id: 7 };
        let json = serde_json::to_value(AppError::from(missing)).unwrap();
        assert_eq!(json["code"], "not_found");
        assert!(json.get("field").is_none());
    }
}
