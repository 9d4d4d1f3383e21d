//! Durations as people type them in a timesheet: `1:30`, `1h30`, `1,5`, `1.5`, `90m`, `2h`, `2`.
//! Stored as integer minutes.

use crate::error::{Invalid, Problem};

/// A day holds at most 24 hours of one person's work.
pub const MAX_MINUTES: u32 = 24 * 60;

/// Reads a duration into minutes (1 to 1 440), or says what works.
pub fn parse(text: &str) -> Result<u32, Invalid> {
    let cleaned: String = text
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let minutes = read(&cleaned).ok_or_else(|| {
        Invalid::new(
            "duration",
            Problem::NotADuration {
                value: text.trim().to_owned(),
            },
        )
    })?;
    if minutes == 0 || minutes > MAX_MINUTES {
        return Err(Invalid::new(
            "duration",
            Problem::DurationRange {
                value: text.trim().to_owned(),
            },
        ));
    }
    Ok(minutes)
}

/// `90` → `1:30`, the form the grid shows.
pub fn format(minutes: u32) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

fn read(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    if let Some((h, m)) = s.split_once(':') {
        return clock(h, m);
    }
    if let Some((h, m)) = s.split_once('h') {
        let m = strip_minutes(m).unwrap_or(m);
        return if m.is_empty() { hours(h) } else { clock(h, m) };
    }
    match strip_minutes(s) {
        Some(m) => whole(m),
        None => hours(s),
    }
}

fn strip_minutes(s: &str) -> Option<&str> {
    s.strip_suffix("min").or_else(|| s.strip_suffix('m'))
}

fn whole(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) || s.len() > 5 {
        return None;
    }
    s.parse().ok()
}

/// `1` + `30` → 90; the minutes part is two digits below 60.
fn clock(h: &str, m: &str) -> Option<u32> {
    let h = whole(h)?;
    if m.len() != 2 {
        return None;
    }
    let m = whole(m)?;
    (m < 60).then_some(h * 60 + m)
}

/// Hours, whole or with a decimal comma or point: `2`, `1,5`, `0.25`, `,25`.
fn hours(s: &str) -> Option<u32> {
    let s = s.replace(',', ".");
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let int = if int.is_empty() { 0 } else { whole(int)? };
    if frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hundredths: u32 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse().ok()?
    };
    // Rounded to the nearest minute: 0,01 h is 0.6 minute.
    Some(int * 60 + (hundredths * 60 + 50) / 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, minutes: u32) {
        assert_eq!(parse(text), Ok(minutes), "{text}");
    }

    #[test]
    fn reads_what_people_type() {
        check("1:30", 90);
        check("1h30", 90);
        check("1 h 30", 90);
        check("1h30m", 90);
        check("1,5", 90);
        check("1.5", 90);
        check("90m", 90);
        check("90 min", 90);
        check("2h", 120);
        check("2", 120);
        check(",25", 15);
        check("0:05", 5);
        check("7:45", 465);
        check("24:00", 1440);
    }

    #[test]
    fn refuses_with_an_example() {
        for bad in [
            "", "abc", "1:5", "1:60", "1h75", "1,555", "-1", "1:30:00", "h", "m", "1..5", "٣",
        ] {
            let err = parse(bad).unwrap_err();
            assert!(
                matches!(
                    err.problem,
                    Problem::NotADuration { .. } | Problem::DurationRange { .. }
                ),
                "{bad}: {err}"
            );
        }
        assert!(matches!(
            parse("0").unwrap_err().problem,
            Problem::DurationRange { .. }
        ));
        assert!(matches!(
            parse("25h").unwrap_err().problem,
            Problem::DurationRange { .. }
        ));
        assert!(matches!(
            parse("0m").unwrap_err().problem,
            Problem::DurationRange { .. }
        ));
    }

    #[test]
    fn formats_as_the_grid_shows() {
        assert_eq!(format(90), "1:30");
        assert_eq!(format(5), "0:05");
        for minutes in 1..=MAX_MINUTES {
            assert_eq!(parse(&format(minutes)), Ok(minutes));
        }
    }
}
