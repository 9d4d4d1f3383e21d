//! Charts in PDFs: a [`Drawing`] placed on the page with the same geometry the screen's SVG has,
//! scaled to a width in millimetres.

use printpdf::{Line, LineDashPattern, LinePoint, Mm, Op, Point, Pt};

use super::{grey, Document, Weight, PAGE_HEIGHT};
use crate::chart::{Anchor, Drawing, Shape};

const PT_PER_MM: f32 = 72.0 / 25.4;

impl Document {
    /// Draws `d` with its top left corner at (`x`, `y`) mm, `width` mm wide; answers its height
    /// in mm. The cursor does not move.
    pub fn drawing(&mut self, x: f32, y: f32, width: f32, d: &Drawing) -> f32 {
        let scale = width / d.width.max(1.0);
        let at = |px: f32, py: f32| LinePoint {
            p: Point::new(Mm(x + px * scale), Mm(PAGE_HEIGHT - (y + py * scale))),
            bezier: false,
        };
        for shape in &d.shapes {
            match shape {
                Shape::Line {
                    points,
                    width,
                    gray,
                    dash,
                } => {
                    let pattern = dash.map_or_else(LineDashPattern::solid, |(on, off)| {
                        LineDashPattern::new(
                            0.0,
                            &[on * scale * PT_PER_MM, off * scale * PT_PER_MM],
                        )
                    });
                    let ops = [
                        Op::SetOutlineColor { col: grey(*gray) },
                        Op::SetOutlineThickness {
                            pt: Pt(width * scale * PT_PER_MM),
                        },
                        Op::SetLineDashPattern { dash: pattern },
                        Op::DrawLine {
                            line: Line {
                                points: points.iter().map(|(px, py)| at(*px, *py)).collect(),
                                is_closed: false,
                            },
                        },
                        Op::SetLineDashPattern {
                            dash: LineDashPattern::solid(),
                        },
                    ];
                    self.page().extend(ops);
                }
                Shape::Rect {
                    x: rx,
                    y: ry,
                    w,
                    h,
                    gray,
                } => self.fill(x + rx * scale, y + ry * scale, w * scale, h * scale, *gray),
                Shape::Text {
                    x: tx,
                    y: ty,
                    text,
                    size,
                    anchor,
                    ..
                } => {
                    let pt = size * scale * PT_PER_MM;
                    let left = x + tx * scale;
                    let shift = match anchor {
                        Anchor::Start => 0.0,
                        Anchor::Middle => self.width(text, pt, Weight::Regular) / 2.0,
                        Anchor::End => self.width(text, pt, Weight::Regular),
                    };
                    self.text(left - shift, y + ty * scale, text, pt, Weight::Regular);
                }
            }
        }
        d.height * scale
    }
}
