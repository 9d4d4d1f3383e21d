//! Charts as drawings: a chart is laid out once into a [`Drawing`] of lines, rectangles and text
//! in points, which is written as SVG for the screen and drawn with the same geometry into the
//! PDF reports. Grays and dash patterns only, so that a chart reads the same printed in black
//! and white.

pub mod bar;
pub mod line;

use std::fmt::Write;

/// Gray levels, 0 black to 1 white.
pub const INK: f32 = 0.0;
pub const GRID: f32 = 0.85;
pub const MUTED: f32 = 0.45;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// An open polyline.
    Line {
        points: Vec<(f32, f32)>,
        width: f32,
        gray: f32,
        dash: Option<(f32, f32)>,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        gray: f32,
    },
    Text {
        x: f32,
        y: f32,
        text: String,
        size: f32,
        anchor: Anchor,
        gray: f32,
    },
}

/// What a chart is made of, in points from the top left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    pub width: f32,
    pub height: f32,
    /// Said to screen readers and written as the SVG's title.
    pub title: String,
    pub shapes: Vec<Shape>,
}

impl Drawing {
    pub fn new(width: f32, height: f32, title: &str) -> Drawing {
        Drawing {
            width,
            height,
            title: title.to_owned(),
            shapes: Vec::new(),
        }
    }

    /// The SVG document, byte for byte the same for the same drawing.
    pub fn to_svg(&self) -> String {
        let mut out = String::new();
        let _ = write!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" font-family="DejaVu Sans, sans-serif"><title>{t}</title>"#,
            w = num(self.width),
            h = num(self.height),
            t = escape(&self.title)
        );
        for shape in &self.shapes {
            write_shape(&mut out, shape);
        }
        out.push_str("</svg>");
        out
    }
}

fn write_shape(out: &mut String, shape: &Shape) {
    let _ = match shape {
        Shape::Line {
            points,
            width,
            gray,
            dash,
        } => {
            let path: Vec<String> = points
                .iter()
                .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
                .collect();
            let dash = dash
                .map(|(on, off)| format!(r#" stroke-dasharray="{} {}""#, num(on), num(off)))
                .unwrap_or_default();
            write!(
                out,
                r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="{}"{dash}/>"#,
                path.join(" "),
                color(*gray),
                num(*width)
            )
        }
        Shape::Rect { x, y, w, h, gray } => {
            write!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
                num(*x),
                num(*y),
                num(*w),
                num(*h),
                color(*gray)
            )
        }
        Shape::Text {
            x,
            y,
            text,
            size,
            anchor,
            gray,
        } => {
            let anchor = match anchor {
                Anchor::Start => "start",
                Anchor::Middle => "middle",
                Anchor::End => "end",
            };
            write!(
                out,
                r#"<text x="{}" y="{}" font-size="{}" text-anchor="{anchor}" fill="{}">{}</text>"#,
                num(*x),
                num(*y),
                num(*size),
                color(*gray),
                escape(text)
            )
        }
    };
}

/// Two decimals at most, no trailing zeros: short and stable.
fn num(v: f32) -> String {
    let text = format!("{:.2}", v);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

fn color(gray: f32) -> String {
    let level = (gray.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("#{level:02x}{level:02x}{level:02x}")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Round steps for an axis from 0 (or below, for negative values) to `max`: 1, 2 or 5 times a
/// power of ten, the one that gives the closest to `count` intervals.
pub fn ticks(min: f64, max: f64, count: usize) -> Vec<f64> {
    let low = min.min(0.0);
    let high = if max > low { max.max(0.0) } else { low + 1.0 };
    let span = high - low;
    let rough = span / count.max(1) as f64;
    let power = 10f64.powf(rough.log10().floor());
    let closeness = |step: &f64| (step / rough).ln().abs();
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .min_by(|a, b| closeness(a).total_cmp(&closeness(b)))
        .unwrap_or(power);
    let first = (low / step).floor() as i64;
    let last = (high / step).ceil() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_well_formed_escaped_svg() {
        let mut d = Drawing::new(100.0, 50.0, "Solde & coussin");
        d.shapes.push(Shape::Line {
            points: vec![(0.0, 1.5), (10.25, 2.0)],
            width: 1.0,
            gray: INK,
            dash: Some((4.0, 2.0)),
        });
        d.shapes.push(Shape::Text {
            x: 5.0,
            y: 5.0,
            text: "« 30 000 $ »".into(),
            size: 8.0,
            anchor: Anchor::End,
            gray: MUTED,
        });
        let svg = d.to_svg();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 50\""));
        assert!(svg.contains("<title>Solde &amp; coussin</title>"));
        assert!(svg.contains("points=\"0,1.5 10.25,2\""), "{svg}");
        assert!(svg.contains("stroke-dasharray=\"4 2\""));
        assert!(svg.contains(">« 30 000 $ »</text>"));
        assert!(svg.ends_with("</svg>"));
        assert_eq!(svg, d.clone().to_svg(), "deterministic");
    }

    #[test]
    fn axes_start_at_zero_on_round_steps() {
        assert_eq!(
            ticks(3.0, 117_636.0, 5),
            vec![0.0, 20_000.0, 40_000.0, 60_000.0, 80_000.0, 100_000.0, 120_000.0]
        );
        assert_eq!(
            ticks(-7_000.0, 9_000.0, 4),
            vec![-10_000.0, -5_000.0, 0.0, 5_000.0, 10_000.0]
        );
        assert_eq!(
            ticks(0.0, 0.0, 4).len(),
            6,
            "an empty chart still has an axis"
        );
        assert_eq!(ticks(0.0, 1.0, 5).len(), 6, "0 to 1 by 0,2");
    }
}
