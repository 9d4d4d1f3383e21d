//! Lines over time: a balance day by day, with a threshold (the cushion) drawn across.

use chrono::{Datelike, NaiveDate};

use super::{ticks, Anchor, Drawing, Shape, GRID, INK, MUTED};
use crate::money::Cents;
use crate::Lang;

pub struct Series {
    pub label: String,
    /// By date; amounts in cents.
    pub points: Vec<(NaiveDate, i64)>,
    pub gray: f32,
    pub dash: Option<(f32, f32)>,
}

pub struct TimeChart {
    pub title: String,
    pub series: Vec<Series>,
    /// A level drawn across the whole chart, dashed, with its label.
    pub threshold: Option<(String, i64)>,
    pub lang: Lang,
}

const WIDTH: f32 = 640.0;
const HEIGHT: f32 = 260.0;
const LEFT: f32 = 74.0;
const RIGHT: f32 = 12.0;
const TOP: f32 = 26.0;
const BOTTOM: f32 = 34.0;
const TEXT: f32 = 9.0;

impl TimeChart {
    pub fn draw(&self) -> Drawing {
        let mut d = Drawing::new(WIDTH, HEIGHT, &self.title);
        let dates = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.0));
        let (Some(first), Some(last)) = (dates.clone().min(), dates.max()) else {
            return d;
        };
        let values = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.1))
            .chain(self.threshold.iter().map(|t| t.1));
        let (low, high) = values.fold((0i64, 0i64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let steps = ticks(low as f64, high as f64, 5);
        let (bottom, top) = (
            steps.first().copied().unwrap_or(0.0),
            steps.last().copied().unwrap_or(1.0),
        );
        let days = ((last - first).num_days().max(1)) as f32;
        let x = |date: NaiveDate| {
            LEFT + (WIDTH - LEFT - RIGHT) * (date - first).num_days() as f32 / days
        };
        let y = |v: f64| {
            TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - ((v - bottom) / (top - bottom).max(1.0)) as f32)
        };
        for step in &steps {
            let at = y(*step);
            let (width, gray) = if *step == 0.0 {
                (1.0, INK)
            } else {
                (0.5, GRID)
            };
            d.shapes.push(Shape::Line {
                points: vec![(LEFT, at), (WIDTH - RIGHT, at)],
                width,
                gray,
                dash: None,
            });
            let label = Cents(*step as i64).format_dollars(self.lang);
            d.shapes.push(Shape::Text {
                x: LEFT - 4.0,
                y: at + TEXT / 3.0,
                text: label,
                size: TEXT,
                anchor: Anchor::End,
                gray: INK,
            });
        }
        self.month_labels(&mut d, first, last, &x);
        if let Some((label, level)) = &self.threshold {
            let at = y(*level as f64);
            d.shapes.push(Shape::Line {
                points: vec![(LEFT, at), (WIDTH - RIGHT, at)],
                width: 1.0,
                gray: MUTED,
                dash: Some((6.0, 3.0)),
            });
            d.shapes.push(Shape::Text {
                x: WIDTH - RIGHT,
                y: at - 3.0,
                text: label.clone(),
                size: TEXT,
                anchor: Anchor::End,
                gray: MUTED,
            });
        }
        for s in &self.series {
            let points = s
                .points
                .iter()
                .map(|(date, v)| (x(*date), y(*v as f64)))
                .collect();
            d.shapes.push(Shape::Line {
                points,
                width: 1.5,
                gray: s.gray,
                dash: s.dash,
            });
        }
        self.legend(&mut d);
        d
    }

    /// The first of each month under the axis; every second or third month on long spans.
    fn month_labels(
        &self,
        d: &mut Drawing,
        first: NaiveDate,
        last: NaiveDate,
        x: &impl Fn(NaiveDate) -> f32,
    ) {
        let months =
            (last.year() - first.year()) * 12 + last.month() as i32 - first.month() as i32 + 1;
        let every = (months / 13 + 1).max(1) as usize;
        let firsts = first
            .iter_days()
            .take_while(|day| *day <= last)
            .filter(|day| day.day() == 1);
        for (i, day) in firsts.enumerate().filter(|(i, _)| i % every == 0) {
            let at = x(day);
            d.shapes.push(Shape::Line {
                points: vec![(at, HEIGHT - BOTTOM), (at, HEIGHT - BOTTOM + 3.0)],
                width: 0.5,
                gray: INK,
                dash: None,
            });
            let below = HEIGHT - BOTTOM + 3.0 + TEXT;
            d.shapes.push(Shape::Text {
                x: at + 2.0,
                y: below,
                text: self.lang.short_month(day).to_owned(),
                size: TEXT,
                anchor: Anchor::Start,
                gray: INK,
            });
            // The year once, under the first month and under each January.
            if day.month() == 1 || i == 0 {
                d.shapes.push(Shape::Text {
                    x: at + 2.0,
                    y: below + TEXT + 1.0,
                    text: day.year().to_string(),
                    size: TEXT,
                    anchor: Anchor::Start,
                    gray: MUTED,
                });
            }
        }
    }

    fn legend(&self, d: &mut Drawing) {
        let mut at = LEFT;
        for s in &self.series {
            d.shapes.push(Shape::Line {
                points: vec![(at, 10.0), (at + 18.0, 10.0)],
                width: 1.5,
                gray: s.gray,
                dash: s.dash,
            });
            d.shapes.push(Shape::Text {
                x: at + 22.0,
                y: 10.0 + TEXT / 3.0,
                text: s.label.clone(),
                size: TEXT,
                anchor: Anchor::Start,
                gray: INK,
            });
            // DejaVu Sans averages about 0,55 em a character.
            at += 22.0 + s.label.chars().count() as f32 * TEXT * 0.55 + 16.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn chart(lang: Lang) -> TimeChart {
        TimeChart {
            title: "Trésorerie 2012-2013".into(),
            series: vec![Series {
                label: "Solde".into(),
                points: vec![
                    (d("2012-09-01"), 10_964_200),
                    (d("2013-02-15"), 2_000_000),
                    (d("2013-08-31"), 4_891_500),
                ],
                gray: INK,
                dash: None,
            }],
            threshold: Some(("Coussin".into(), 3_000_000)),
            lang,
        }
    }

    #[test]
    fn draws_axes_from_zero_with_money_and_months_in_the_language() {
        let svg = chart(Lang::Fr).draw().to_svg();
        assert!(svg.contains(">0\u{a0}$</text>"), "{svg}");
        assert!(svg.contains(">120\u{a0}000\u{a0}$</text>"), "{svg}");
        assert!(
            svg.contains(">sept.</text>")
                && svg.contains(">2012</text>")
                && svg.contains(">janv.</text>")
                && svg.contains(">2013</text>")
        );
        assert!(svg.contains(">Coussin</text>") && svg.contains("stroke-dasharray=\"6 3\""));
        let en = chart(Lang::En).draw().to_svg();
        assert!(en.contains(">$120,000</text>") && en.contains(">Sep</text>"));
        assert_eq!(
            svg,
            chart(Lang::Fr).draw().to_svg(),
            "the same chart, the same bytes"
        );
    }

    #[test]
    fn the_cushion_line_sits_at_its_level() {
        let drawing = chart(Lang::Fr).draw();
        let level = |label: &str| {
            drawing.shapes.iter().find_map(|s| match s {
                Shape::Text {
                    text,
                    y,
                    anchor: Anchor::End,
                    ..
                } if text == label => Some(*y),
                _ => None,
            })
        };
        // 0 at the bottom, 120 000 $ at the top; 30 000 $ a quarter of the way up.
        // Axis labels sit a third of their size below their line, the cushion's 3 points above.
        let (zero, top) = (
            level("0\u{a0}$").unwrap() - TEXT / 3.0,
            level("120\u{a0}000\u{a0}$").unwrap() - TEXT / 3.0,
        );
        let cushion = level("Coussin").unwrap() + 3.0;
        assert!(
            (cushion - (zero - (zero - top) / 4.0)).abs() < 0.01,
            "{cushion} between {zero} and {top}"
        );
    }
}
