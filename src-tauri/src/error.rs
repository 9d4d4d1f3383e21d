//! The one error the UI receives: the core's problem as it is (`{ code, params? }`), the field it
//! is about when it is one, and the English sentence for logs. The UI's catalogs make the
//! sentence the person reads from the code and the parameters; only this crate and the CLI know
//! the wire format.

use serde::Serialize;
use ts_rs::TS;

use konbit_core::{Error, Problem};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AppError {
    /// Boxed, as the core's `Error::Invalid` is: every command's `Result` would otherwise carry
    /// the largest problem's size on success too.
    #[serde(flatten)]
    pub problem: Box<Problem>,
    /// The core's English sentence, for logs and the console.
    pub message: String,
    /// The form field the error is about, for validation errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

pub type CmdResult<T> = Result<T, AppError>;

impl From<Error> for AppError {
    fn from(e: Error) -> Self {
        AppError {
            problem: Box::new(e.problem()),
            message: e.to_string(),
            field: e.field().map(str::to_owned),
        }
    }
}

impl From<Problem> for AppError {
    fn from(problem: Problem) -> Self {
        AppError::from(Error::Refused(problem))
    }
}

impl From<konbit_core::store::StoreError> for AppError {
    fn from(e: konbit_core::store::StoreError) -> Self {
        AppError::from(Error::from(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use konbit_core::Invalid;

    #[test]
    fn json_shape_is_pinned() {
        let start = chrono::NaiveDate::from_ymd_opt(2013, 9, 20).unwrap();
        let end = chrono::NaiveDate::from_ymd_opt(2013, 9, 16).unwrap();
        let invalid = Error::from(Invalid::new(
            "to",
            Problem::EndBeforeStart {
                start: start.into(),
                end: end.into(),
            },
        ));
        let json = serde_json::to_value(AppError::from(invalid)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "end_before_start",
                "params": { "start": { "date": "2013-09-20" }, "end": { "date": "2013-09-16" } },
                "message": "to: the end (2013-09-16) comes before the start (2013-09-20)",
                "field": "to",
            })
        );
        let missing = Error::NotFound {
            entity: "client",
            id: 7,
        };
        let json = serde_json::to_value(AppError::from(missing)).unwrap();
        assert_eq!(json["code"], "not_found");
        assert_eq!(
            json["params"],
            serde_json::json!({ "entity": "client", "id": 7 })
        );
        assert!(json.get("field").is_none());
        let json = serde_json::to_value(AppError::from(Problem::Locked)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "code": "locked", "message": "the database is in use by another program; close it and try again" })
        );
    }
}
