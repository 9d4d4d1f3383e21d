//! Bars by category, one bar per series side by side (this year against last, budget against
//! actual), with an optional line across the categories (net worth over the years). The axis
//! always shows 0, and a percentage axis runs from 0 % to 100 % (the seed's erratum: an axis
//! graduated only at 0 %).

use super::{ticks, Anchor, Drawing, Shape, GRID, INK};
use crate::money::{format_decimal, format_percent, Cents};
use crate::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Cents, shown as whole dollars.
    Dollars,
    /// Fractions, shown as whole percentages.
    Percent,
    /// Plain numbers with this many decimals.
    Number(u8),
}

pub struct Bars {
    pub label: String,
    pub values: Vec<f64>,
    pub gray: f32,
}

pub struct BarChart {
    pub title: String,
    pub categories: Vec<String>,
    pub series: Vec<Bars>,
    /// A line over the categories, with its label (drawn with the same axis).
    pub line: Option<(String, Vec<f64>)>,
    pub format: Format,
    pub lang: Lang,
}

const WIDTH: f32 = 640.0;
const HEIGHT: f32 = 260.0;
const LEFT: f32 = 74.0;
const RIGHT: f32 = 12.0;
const TOP: f32 = 30.0;
const BOTTOM: f32 = 40.0;
const TEXT: f32 = 9.0;
/// DejaVu Sans is about 0,62 em a character at most in ordinary words.
const EM: f32 = 0.62;

impl BarChart {
    pub fn draw(&self) -> Drawing {
        let mut d = Drawing::new(WIDTH, HEIGHT, &self.title);
        let values = self
            .series
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .chain(self.line.iter().flat_map(|l| l.1.iter().copied()));
        let (mut low, mut high) = values.fold((0f64, 0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        if self.format == Format::Percent {
            (low, high) = (low.min(0.0), high.max(1.0));
        }
        let steps = ticks(low, high, 5);
        let (bottom, top) = (
            steps.first().copied().unwrap_or(0.0),
            steps.last().copied().unwrap_or(1.0),
        );
        let y = |v: f64| {
            TOP + (HEIGHT - TOP - BOTTOM)
                * (1.0 - ((v - bottom) / (top - bottom).max(f64::EPSILON)) as f32)
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
            d.shapes.push(Shape::Text {
                x: LEFT - 4.0,
                y: at + TEXT / 3.0,
                text: self.value(*step),
                size: TEXT,
                anchor: Anchor::End,
                gray: INK,
            });
        }
        let slot = (WIDTH - LEFT - RIGHT) / self.categories.len().max(1) as f32;
        let count = self.series.len().max(1) as f32;
        let bar = (slot * 0.7 / count).min(48.0);
        let zero = y(0.0);
        // Category names shrink (down to 6) until their longest word fits the slot.
        let longest = self
            .categories
            .iter()
            .flat_map(|c| c.split_whitespace())
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(1) as f32;
        let label_size = (slot * 0.92 / (longest * EM)).clamp(6.0, TEXT);
        for (c, category) in self.categories.iter().enumerate() {
            let centre = LEFT + slot * (c as f32 + 0.5);
            let first = centre - bar * count / 2.0;
            for (s, series) in self.series.iter().enumerate() {
                let Some(value) = series.values.get(c).copied() else {
                    continue;
                };
                let (top_y, bottom_y) = if value >= 0.0 {
                    (y(value), zero)
                } else {
                    (zero, y(value))
                };
                let left = first + bar * s as f32;
                d.shapes.push(Shape::Rect {
                    x: left,
                    y: top_y,
                    w: bar * 0.92,
                    h: (bottom_y - top_y).max(0.5),
                    gray: series.gray,
                });
                let label_y = if value >= 0.0 {
                    top_y - 2.0
                } else {
                    bottom_y + TEXT
                };
                d.shapes.push(Shape::Text {
                    x: left + bar * 0.46,
                    y: label_y,
                    text: self.value(value),
                    size: TEXT * 0.8,
                    anchor: Anchor::Middle,
                    gray: INK,
                });
            }
            for (i, line) in wrap(category, slot, label_size).iter().enumerate() {
                let y = HEIGHT - BOTTOM + label_size + 3.0 + i as f32 * (label_size + 1.0);
                d.shapes.push(Shape::Text {
                    x: centre,
                    y,
                    text: line.clone(),
                    size: label_size,
                    anchor: Anchor::Middle,
                    gray: INK,
                });
            }
        }
        if let Some((_, points)) = &self.line {
            let path = points
                .iter()
                .enumerate()
                .map(|(c, v)| (LEFT + slot * (c as f32 + 0.5), y(*v)))
                .collect();
            d.shapes.push(Shape::Line {
                points: path,
                width: 2.0,
                gray: INK,
                dash: Some((5.0, 3.0)),
            });
        }
        self.legend(&mut d);
        d
    }

    fn value(&self, v: f64) -> String {
        match self.format {
            Format::Dollars => Cents(v.round() as i64).format_dollars(self.lang),
            Format::Percent => format_percent(v, self.lang),
            Format::Number(decimals) => format_decimal(v, decimals, self.lang),
        }
    }

    fn legend(&self, d: &mut Drawing) {
        let mut at = LEFT;
        for s in &self.series {
            d.shapes.push(Shape::Rect {
                x: at,
                y: 6.0,
                w: 12.0,
                h: 9.0,
                gray: s.gray,
            });
            d.shapes.push(Shape::Text {
                x: at + 16.0,
                y: 14.0,
                text: s.label.clone(),
                size: TEXT,
                anchor: Anchor::Start,
                gray: INK,
            });
            at += 16.0 + s.label.chars().count() as f32 * TEXT * EM + 16.0;
        }
        if let Some((label, _)) = &self.line {
            d.shapes.push(Shape::Line {
                points: vec![(at, 10.5), (at + 18.0, 10.5)],
                width: 2.0,
                gray: INK,
                dash: Some((5.0, 3.0)),
            });
            d.shapes.push(Shape::Text {
                x: at + 22.0,
                y: 14.0,
                text: label.clone(),
                size: TEXT,
                anchor: Anchor::Start,
                gray: INK,
            });
        }
    }
}

/// A category name on up to three lines that fit its slot.
fn wrap(text: &str, width: f32, size: f32) -> Vec<String> {
    let fits = ((width * 0.92 / (size * EM)) as usize).max(4);
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= fits => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines.truncate(3);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn departments(lang: Lang) -> BarChart {
        BarChart {
            title: "Revenus par département".into(),
            categories: vec![
                "Développement web".into(),
                "Hébergement".into(),
                "Contrats de services sysadmin".into(),
            ],
            series: vec![
                Bars {
                    label: "2011-2012".into(),
                    values: vec![22_060_000.0, 1_340_000.0, 7_720_000.0],
                    gray: 0.7,
                },
                Bars {
                    label: "2012-2013".into(),
                    values: vec![13_890_000.0, 2_130_000.0, 15_380_000.0],
                    gray: 0.25,
                },
            ],
            line: None,
            format: Format::Dollars,
            lang,
        }
    }

    #[test]
    fn bars_carry_their_values_and_categories_in_the_language() {
        let svg = departments(Lang::Fr).draw().to_svg();
        assert!(svg.contains(">138\u{a0}900\u{a0}$</text>"), "{svg}");
        assert!(svg.contains(">0\u{a0}$</text>"));
        assert!(
            svg.contains(">Contrats de services sysadmin</text>"),
            "a name that fits its slot stays on one line: {svg}"
        );
        assert_eq!(
            wrap("Contrats de services sysadmin", 60.0, 9.0),
            ["Contrats", "de", "services"],
            "a narrow slot wraps, three lines at most"
        );
        let en = departments(Lang::En).draw().to_svg();
        assert!(en.contains(">$138,900</text>"));
        assert_eq!(svg, departments(Lang::Fr).draw().to_svg());
    }

    #[test]
    fn a_percentage_axis_runs_from_0_to_100() {
        let chart = BarChart {
            title: "Proportion salariés".into(),
            categories: vec!["2011-2012".into(), "2012-2013".into()],
            series: vec![Bars {
                label: "Salariés".into(),
                values: vec![0.907, 0.915],
                gray: 0.4,
            }],
            line: None,
            format: Format::Percent,
            lang: Lang::Fr,
        };
        let svg = chart.draw().to_svg();
        for label in ["0\u{a0}%", "60\u{a0}%", "100\u{a0}%", "92\u{a0}%"] {
            assert!(
                svg.contains(&format!(">{label}</text>")),
                "{label} missing: {svg}"
            );
        }
    }

    #[test]
    fn a_deficit_goes_below_zero() {
        let chart = BarChart {
            title: "Profit".into(),
            categories: vec!["2011-2012".into(), "2012-2013".into()],
            series: vec![Bars {
                label: "Profit".into(),
                values: vec![10_200_000.0, -3_200_000.0],
                gray: 0.4,
            }],
            line: Some(("Valeur nette".into(), vec![12_800_000.0, 9_600_000.0])),
            format: Format::Dollars,
            lang: Lang::Fr,
        };
        let d = chart.draw();
        let rects: Vec<(f32, f32)> = d
            .shapes
            .iter()
            .filter_map(|s| {
                if let Shape::Rect { y, h, gray, .. } = s {
                    (*gray == 0.4).then_some((*y, *h))
                } else {
                    None
                }
            })
            .collect();
        // The two bars (the legend's swatch comes after): the deficit starts at the zero line.
        let (profit, deficit) = (rects[0], rects[1]);
        assert!(
            (profit.0 + profit.1 - deficit.0).abs() < 0.01,
            "both meet at zero: {profit:?} {deficit:?}"
        );
        assert!(
            d.to_svg().contains("-32\u{a0}000\u{a0}$")
                || d.to_svg().contains("−32\u{a0}000\u{a0}$"),
            "{}",
            d.to_svg()
        );
    }
}
