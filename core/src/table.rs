//! A table as a screen shows it, saved as CSV: whatever list a person is looking at (invoices,
//! expenses, budgets…) leaves Konbit the same way, without a command per table.

use std::io::Write;

use serde::Deserialize;
use ts_rs::TS;

use crate::error::{Error, Invalid, Problem, Result};

/// The header and rows of a table on screen; the screen has made each amount a plain decimal
/// number (`1923.89`) so that a spreadsheet reads it as a number.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A spreadsheet opens larger files, but a table on screen never holds more.
const MAX_ROWS: usize = 100_000;

/// Writes the table as UTF-8 CSV, header first, every row as wide as the header.
pub fn write_csv(table: &Table, out: impl Write) -> Result<()> {
    let width = table.header.len();
    if width == 0 {
        return Err(Invalid::new("header", Problem::Required).into());
    }
    if table.rows.len() > MAX_ROWS {
        return Err(Invalid::new(
            "rows",
            Problem::TooManyRows {
                count: table.rows.len() as i64,
                max: MAX_ROWS as i64,
            },
        )
        .into());
    }
    let io = |e: csv::Error| Error::internal(format_args!("could not write the CSV file: {e}"));
    let mut w = csv::Writer::from_writer(out);
    w.write_record(&table.header).map_err(io)?;
    for row in &table.rows {
        // A row with cells spanning columns (a total's label) is padded to the header's width.
        let mut cells: Vec<&str> = row.iter().map(String::as_str).take(width).collect();
        cells.resize(width, "");
        w.write_record(cells).map_err(io)?;
    }
    w.flush()
        .map_err(|e| Error::internal(format_args!("could not write the CSV file: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_on_screen_becomes_csv_with_its_header() {
        let table = Table {
            header: vec!["Numéro".into(), "Client".into(), "Total".into()],
            rows: vec![
                vec![
                    "2013-0322".into(),
                    "Centre des femmes de Verdun, Montréal".into(),
                    "1923.89".into(),
                ],
                vec!["Total".into()],
            ],
        };
        let mut out = Vec::new();
        write_csv(&table, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "Numéro,Client,Total\n2013-0322,\"Centre des femmes de Verdun, Montréal\",1923.89\nTotal,,\n");
        let empty = Table {
            header: vec![],
            rows: vec![],
        };
        assert_eq!(
            write_csv(&empty, Vec::new()).unwrap_err().field(),
            Some("header")
        );
    }
}
