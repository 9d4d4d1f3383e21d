//! Tables: columns with a share of the width and an alignment, cells that wrap, rows kept whole,
//! and the header repeated at the top of every page the table continues on.

use super::{Document, Weight, MARGIN};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    /// Width in mm.
    pub width: f32,
    pub align: Align,
}

pub struct Table {
    pub columns: Vec<Column>,
    pub size: f32,
}

const PAD: f32 = 1.5;

impl Table {
    /// The header row; a title wider than its column wraps onto more lines.
    fn header(&self, doc: &mut Document) {
        let leading = self.size * 0.45;
        let titles: Vec<Vec<String>> = self
            .columns
            .iter()
            .map(|c| doc.wrap(&c.title, c.width - 2.0 * PAD, self.size, Weight::Bold))
            .collect();
        let lines = titles.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let height = (lines as f32 - 1.0) * leading + self.size * 0.5 + 2.0 * PAD;
        let total: f32 = self.columns.iter().map(|c| c.width).sum();
        doc.fill(MARGIN, doc.y, total, height, 0.9);
        let mut x = MARGIN;
        for (c, title) in self.columns.iter().zip(&titles) {
            for (i, line) in title.iter().enumerate() {
                let baseline = doc.y + PAD + self.size * 0.4 + i as f32 * leading;
                match c.align {
                    Align::Left => doc.text(x + PAD, baseline, line, self.size, Weight::Bold),
                    Align::Right => {
                        doc.text_right(x + c.width - PAD, baseline, line, self.size, Weight::Bold)
                    }
                }
            }
            x += c.width;
        }
        doc.y += height;
    }

    /// Draws the header and the rows from the cursor; `bold` rows (totals) stand out.
    pub fn draw(&self, doc: &mut Document, rows: &[(Vec<String>, bool)]) {
        doc.ensure_room(20.0);
        self.header(doc);
        let leading = self.size * 0.45;
        let total: f32 = self.columns.iter().map(|c| c.width).sum();
        for (cells, bold) in rows {
            let weight = if *bold { Weight::Bold } else { Weight::Regular };
            let wrapped: Vec<Vec<String>> = self
                .columns
                .iter()
                .zip(cells)
                .map(|(c, text)| doc.wrap(text, c.width - 2.0 * PAD, self.size, weight))
                .collect();
            let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let height = lines as f32 * leading + 2.0 * PAD;
            if doc.ensure_room(height) {
                self.header(doc);
            }
            let mut x = MARGIN;
            for (c, cell) in self.columns.iter().zip(&wrapped) {
                for (i, line) in cell.iter().enumerate() {
                    let baseline = doc.y + PAD + (i as f32 + 1.0) * leading - 0.6;
                    match c.align {
                        Align::Left => doc.text(x + PAD, baseline, line, self.size, weight),
                        Align::Right => {
                            doc.text_right(x + c.width - PAD, baseline, line, self.size, weight)
                        }
                    }
                }
                x += c.width;
            }
            doc.y += height;
            doc.rule(MARGIN, MARGIN + total, doc.y, 0.2);
        }
    }
}
