//! Printable documents: letter pages laid out in millimetres from the top-left corner, text in
//! DejaVu Sans (embedded and subset, every French accent), right-aligned figures, wrapped
//! paragraphs, tables that break across pages with their header repeated, and a running header
//! and "page X de Y" footer added once the page count is known. Built on printpdf's operations;
//! text widths come from the font's own metrics (ttf-parser), so nothing overlaps or is clipped.
//! A document knows its title, author, language and sections: the file carries them as its
//! information, catalog language and outline (`finish.rs`), and links go from one place to another.

mod drawing;
mod finish;
#[cfg(test)]
pub(crate) mod inspect;
mod table;

use printpdf::{
    Actions, BorderArray, Color, ColorArray, Destination, FontId, Line, LinePoint, LinkAnnotation,
    Mm, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point,
    Polygon, PolygonRing, Pt, Rect, Rgb, TextItem, WindingOrder,
};

pub use table::{Align, Column, Table};

use crate::error::{Error, Result};
use crate::lang::Lang;

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Oblique.ttf");

/// US letter, what Quebec offices print on.
pub const PAGE_WIDTH: f32 = 215.9;
pub const PAGE_HEIGHT: f32 = 279.4;
pub const MARGIN: f32 = 18.0;
/// Where the body may go: below the running header, above the footer.
const BODY_TOP: f32 = 22.0;
const BODY_BOTTOM: f32 = PAGE_HEIGHT - 20.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
    Italic,
}

/// Font metrics for measuring text before placing it.
struct Metrics {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
    italic: ttf_parser::Face<'static>,
}

impl Metrics {
    fn load() -> Result<Metrics> {
        let face = |bytes: &'static [u8]| {
            ttf_parser::Face::parse(bytes, 0)
                .map_err(|e| Error::internal(format_args!("the embedded font is damaged: {e}")))
        };
        Ok(Metrics {
            regular: face(REGULAR)?,
            bold: face(BOLD)?,
            italic: face(ITALIC)?,
        })
    }

    /// Width of `text` in millimetres at `size` points.
    fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        let face = match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
            Weight::Italic => &self.italic,
        };
        let units: u32 = text
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map_or(u32::from(face.units_per_em()) / 2, u32::from)
            })
            .sum();
        units as f32 / f32::from(face.units_per_em()) * size * 25.4 / 72.0
    }
}

/// A place in the document: a page (from 1) and a height on it, in mm from the top.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    pub page: usize,
    pub y: f32,
}

/// A document being laid out, page by page. `y` is the cursor, in mm from the top of the page.
pub struct Document {
    pdf: PdfDocument,
    title: String,
    author: String,
    /// The sections a viewer lists beside the pages, in reading order.
    outline: Vec<(String, Place)>,
    regular: FontId,
    bold: FontId,
    italic: FontId,
    metrics: Metrics,
    pages: Vec<Vec<Op>>,
    pub y: f32,
    lang: Lang,
    header: String,
    /// The page drawing goes to when not the last one (a table of contents filled in at the end).
    target: Option<usize>,
}

impl Document {
    /// A document titled `title` (what a viewer's title bar shows), written by `author` (the
    /// organisation), in `lang`.
    pub fn new(title: &str, author: &str, lang: Lang) -> Result<Document> {
        let mut pdf = PdfDocument::new(title);
        let mut font = |name: &str, bytes: &[u8]| -> Result<FontId> {
            let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
                .ok_or_else(|| Error::internal("the embedded font cannot be read"))?;
            // Named rather than printpdf's random ids, which would change the file every time.
            // printpdf tags the subset with the id's first six letters, which must be capitals.
            let id = FontId(name.to_owned());
            pdf.resources
                .fonts
                .map
                .insert(id.clone(), PdfFont::new(parsed));
            Ok(id)
        };
        let regular = font("KONREG", REGULAR)?;
        let bold = font("KONBLD", BOLD)?;
        let italic = font("KONITA", ITALIC)?;
        Ok(Document {
            pdf,
            title: title.to_owned(),
            author: author.to_owned(),
            outline: Vec::new(),
            regular,
            bold,
            italic,
            metrics: Metrics::load()?,
            pages: vec![vec![]],
            y: BODY_TOP,
            lang,
            header: String::new(),
            target: None,
        })
    }

    /// The text at the top of every page after the first (e.g. "Facture 2013-0042 — Client").
    pub fn set_running_header(&mut self, text: &str) {
        self.header = text.to_owned();
    }

    pub fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        self.metrics.width(text, size, weight)
    }

    /// Text whose baseline is at `y` mm from the top, starting at `x` mm from the left.
    pub fn text(&mut self, x: f32, y: f32, text: &str, size: f32, weight: Weight) {
        let font = match weight {
            Weight::Regular => self.regular.clone(),
            Weight::Bold => self.bold.clone(),
            Weight::Italic => self.italic.clone(),
        };
        let ops = [
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(font),
                size: Pt(size),
            },
            Op::SetTextCursor {
                pos: Point::new(Mm(x), Mm(PAGE_HEIGHT - y)),
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_owned())],
            },
            Op::EndTextSection,
        ];
        self.page().extend(ops);
    }

    /// Text ending at `right` mm from the left: figures line up on their last digit.
    pub fn text_right(&mut self, right: f32, y: f32, text: &str, size: f32, weight: Weight) {
        let w = self.width(text, size, weight);
        self.text(right - w, y, text, size, weight);
    }

    /// Splits `text` into lines no wider than `width` mm, at spaces (a word too long for a
    /// line is cut at characters rather than left to overflow).
    pub fn wrap(&self, text: &str, width: f32, size: f32, weight: Weight) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split(' ') {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size, weight) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                let mut piece = String::new();
                for c in word.chars() {
                    piece.push(c);
                    if self.width(&piece, size, weight) > width {
                        piece.pop();
                        lines.push(std::mem::take(&mut piece));
                        piece.push(c);
                    }
                }
                line = piece;
            }
            lines.push(line);
        }
        lines
    }

    /// A wrapped paragraph from the cursor, moving it down; breaks pages as needed.
    pub fn paragraph(&mut self, x: f32, width: f32, text: &str, size: f32, weight: Weight) {
        let leading = size * 0.45;
        for line in self.wrap(text, width, size, weight) {
            self.ensure_room(leading);
            self.y += leading;
            self.text(x, self.y, &line, size, weight);
        }
    }

    /// A wrapped paragraph of words in mixed weights (bold and italic within a sentence), from
    /// the cursor, moving it down; breaks pages as needed. A word marked `glued` follows the one
    /// before without a space (the period after a bold phrase) and wraps with it.
    pub fn rich_paragraph(
        &mut self,
        x: f32,
        width: f32,
        words: &[(String, Weight, bool)],
        size: f32,
    ) {
        let leading = size * 0.45;
        let space = self.width(" ", size, Weight::Regular);
        // Units that wrap as one: a word and the words glued to it.
        let mut units: Vec<Vec<(String, Weight)>> = Vec::new();
        for (word, weight, glued) in words {
            match units.last_mut() {
                Some(unit) if *glued => unit.push((word.clone(), *weight)),
                _ => units.push(vec![(word.clone(), *weight)]),
            }
        }
        let mut lines: Vec<Vec<(String, Weight, f32)>> = vec![vec![]];
        let mut used = 0.0;
        for unit in units {
            let w: f32 = unit.iter().map(|(t, wt)| self.width(t, size, *wt)).sum();
            if lines.last().is_some_and(|l| !l.is_empty()) && used + space + w > width {
                lines.push(vec![]);
                used = 0.0;
            }
            let mut at = if used == 0.0 { 0.0 } else { used + space };
            for (text, weight) in unit {
                let part = self.width(&text, size, weight);
                if let Some(l) = lines.last_mut() {
                    l.push((text, weight, at));
                }
                at += part;
            }
            used = at;
        }
        for line in lines.into_iter().filter(|l| !l.is_empty()) {
            self.ensure_room(leading);
            self.y += leading;
            for (word, weight, at) in line {
                self.text(x + at, self.y, &word, size, weight);
            }
        }
    }

    /// A horizontal rule at `y`.
    pub fn rule(&mut self, x1: f32, x2: f32, y: f32, thickness: f32) {
        let point = |x: f32| LinePoint {
            p: Point::new(Mm(x), Mm(PAGE_HEIGHT - y)),
            bezier: false,
        };
        let ops = [
            Op::SetOutlineColor { col: grey(0.35) },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine {
                line: Line {
                    points: vec![point(x1), point(x2)],
                    is_closed: false,
                },
            },
        ];
        self.page().extend(ops);
    }

    /// A filled rectangle (table headers, chart bars), `shade` 0 (black) to 1 (white).
    pub fn fill(&mut self, x: f32, y: f32, width: f32, height: f32, shade: f32) {
        let corner = |x: f32, y: f32| LinePoint {
            p: Point::new(Mm(x), Mm(PAGE_HEIGHT - y)),
            bezier: false,
        };
        let ring = PolygonRing {
            points: vec![
                corner(x, y),
                corner(x + width, y),
                corner(x + width, y + height),
                corner(x, y + height),
            ],
        };
        let ops = [
            Op::SetFillColor { col: grey(shade) },
            Op::DrawPolygon {
                polygon: Polygon {
                    rings: vec![ring],
                    mode: printpdf::PaintMode::Fill,
                    winding_order: WindingOrder::NonZero,
                },
            },
            Op::SetFillColor { col: grey(0.0) },
        ];
        self.page().extend(ops);
    }

    /// Starts a new page when fewer than `height` mm are left above the footer.
    pub fn ensure_room(&mut self, height: f32) -> bool {
        if self.y + height <= BODY_BOTTOM {
            return false;
        }
        self.new_page();
        true
    }

    pub fn new_page(&mut self) {
        self.pages.push(vec![]);
        self.y = BODY_TOP + 4.0;
    }

    pub fn body_width() -> f32 {
        PAGE_WIDTH - 2.0 * MARGIN
    }

    fn page(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(vec![]);
        }
        let index = self
            .target
            .filter(|i| *i < self.pages.len())
            .unwrap_or(self.pages.len() - 1);
        &mut self.pages[index]
    }

    /// The number of the page being written, from 1.
    pub fn page_number(&self) -> usize {
        self.pages.len()
    }

    /// Where the cursor is.
    pub fn here(&self) -> Place {
        Place {
            page: self.page_number(),
            y: self.y,
        }
    }

    /// Lists a section starting `at` (usually [`Document::here`]) in the outline, after those
    /// listed before; answers the place, for links to it.
    pub fn bookmark(&mut self, title: &str, at: Place) -> Place {
        self.outline.push((title.to_owned(), at));
        at
    }

    /// Makes the box from (`x`, `top`), `width` by `height` mm, on the page being drawn, a link
    /// to `to`. It draws nothing: what is in the box says where it goes.
    pub fn link(&mut self, x: f32, top: f32, width: f32, height: f32, to: Place) {
        let link = LinkAnnotation::new(
            Rect::from_xywh(
                Mm(x).into(),
                Mm(PAGE_HEIGHT - top - height).into(),
                Mm(width).into(),
                Mm(height).into(),
            ),
            Actions::go_to(Destination::Xyz {
                page: to.page,
                left: Some(0.0),
                top: Some(top_in_points(to.y)),
                zoom: None,
            }),
            // No border: a table of contents is not a form.
            Some(BorderArray::Solid([0.0, 0.0, 0.0])),
            Some(ColorArray::Transparent),
            None,
        );
        self.page().push(Op::LinkAnnotation { link });
    }

    /// Draws on page `number` (from 1) instead of the last one, with the cursor at `y`; for what
    /// is only known once later pages are laid out, such as a table of contents.
    pub fn on_page(&mut self, number: usize, y: f32, f: impl FnOnce(&mut Document)) {
        let (saved_y, saved_target) = (self.y, self.target);
        self.target = Some(number.saturating_sub(1));
        self.y = y;
        f(self);
        self.y = saved_y;
        self.target = saved_target;
    }

    /// Adds the running header and "page X de Y" to every page, and returns the PDF's bytes
    /// (fonts subset to the characters used) with its information, language and outline.
    pub fn finish(self) -> Result<Vec<u8>> {
        self.finish_at(crate::clock::document_time())
    }

    fn finish_at(mut self, written: chrono::DateTime<chrono::Utc>) -> Result<Vec<u8>> {
        let count = self.pages.len();
        let pages = std::mem::take(&mut self.pages);
        let mut out = Vec::with_capacity(count);
        for (i, ops) in pages.into_iter().enumerate() {
            self.pages = vec![ops];
            let footer = match self.lang {
                Lang::Fr => format!("page {} de {count}", i + 1),
                Lang::En => format!("page {} of {count}", i + 1),
            };
            self.text_right(
                PAGE_WIDTH - MARGIN,
                PAGE_HEIGHT - 10.0,
                &footer,
                8.0,
                Weight::Regular,
            );
            if i > 0 && !self.header.is_empty() {
                let header = self.header.clone();
                self.text(MARGIN, 12.0, &header, 8.0, Weight::Regular);
                self.rule(MARGIN, PAGE_WIDTH - MARGIN, 14.0, 0.3);
            }
            let ops = self.pages.pop().unwrap_or_default();
            out.push(PdfPage::new(Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), ops));
        }
        let pdf = self
            .pdf
            .with_pages(out)
            .to_lopdf_document(&PdfSaveOptions::default(), &mut Vec::new());
        let info = finish::Info {
            title: &self.title,
            author: &self.author,
            lang: self.lang,
            written,
            outline: &self.outline,
        };
        finish::write(pdf, &info)
    }
}

/// A height in mm from the top of the page as PDF coordinates: points from the bottom.
fn top_in_points(y: f32) -> f32 {
    Pt::from(Mm(PAGE_HEIGHT - y)).0
}

fn grey(level: f32) -> Color {
    Color::Rgb(Rgb {
        r: level,
        g: level,
        b: level,
        icc_profile: None,
    })
}

#[cfg(test)]
mod tests {
    use super::inspect::Inspected;
    use super::*;

    /// A document of three pages whose last two are sections, one of them linked from page 1.
    fn sections(lang: Lang, written: chrono::DateTime<chrono::Utc>) -> Vec<u8> {
        let mut doc = Document::new("Rapport annuel 2012-2013", "Réseau Koumbit", lang).unwrap();
        doc.text(MARGIN, 40.0, "Table", 11.0, Weight::Regular);
        doc.new_page();
        // Two sections on one page, the second titled to sort first: the outline keeps the
        // reading order.
        doc.bookmark("Mot d’ouverture", doc.here());
        doc.y += 100.0;
        let later = doc.bookmark("Errata", doc.here());
        doc.new_page();
        let last = doc.bookmark("Équipe Drupal", doc.here());
        doc.on_page(1, 50.0, |doc| {
            doc.link(MARGIN, 46.0, Document::body_width(), 6.0, last);
            doc.link(MARGIN, 40.0, Document::body_width(), 6.0, later);
        });
        doc.finish_at(written).unwrap()
    }

    fn august_31() -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::from_timestamp(1_377_950_000, 0).unwrap()
    }

    #[test]
    fn the_file_says_what_it_is_who_wrote_it_when_and_in_what_language() {
        let pdf = Inspected::new(&sections(Lang::Fr, august_31()));
        let info = pdf.information();
        let expect = [
            ("Title", "Rapport annuel 2012-2013"),
            ("Author", "Réseau Koumbit"),
            ("Creator", "Konbit"),
            (
                "Producer",
                &*format!("Konbit {}", env!("CARGO_PKG_VERSION")),
            ),
            ("CreationDate", "D:20130831115320+00'00'"),
            ("ModDate", "D:20130831115320+00'00'"),
        ];
        let mut keys: Vec<_> = info.iter().map(|(k, _)| k.as_str()).collect();
        keys.sort_unstable();
        let mut expected_keys: Vec<_> = expect.iter().map(|(k, _)| *k).collect();
        expected_keys.sort_unstable();
        // Nothing else: no empty GTS_PDFXVersion, Subject, Keywords or Identifier.
        assert_eq!(keys, expected_keys, "{info:?}");
        for (key, value) in expect {
            assert_eq!(pdf.info_text(key).as_deref(), Some(value), "{key}");
        }
        assert_eq!(pdf.lang().as_deref(), Some("fr-CA"));
        assert!(!pdf.catalog_has("Metadata"), "no XMP stream");
        assert!(!pdf.catalog_has("OutputIntents"), "no PDF/X output intent");
        let english = Inspected::new(&sections(Lang::En, august_31()));
        assert_eq!(english.lang().as_deref(), Some("en-CA"));
    }

    #[test]
    fn the_outline_and_the_links_go_to_their_sections_in_reading_order() {
        let pdf = Inspected::new(&sections(Lang::Fr, august_31()));
        let titles = |items: Vec<(String, usize)>| {
            items
                .into_iter()
                .map(|(t, p)| format!("{t} {p}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            titles(pdf.outline()),
            ["Mot d’ouverture 2", "Errata 2", "Équipe Drupal 3"]
        );
        assert_eq!(pdf.links(1), [2, 3], "top to bottom");
        assert!(pdf.links(2).is_empty());
    }

    #[test]
    fn the_same_document_written_at_the_same_time_is_the_same_file() {
        let once = sections(Lang::Fr, august_31());
        assert_eq!(once, sections(Lang::Fr, august_31()));
        let later = august_31() + chrono::Duration::seconds(1);
        assert_ne!(once, sections(Lang::Fr, later));
    }

    #[test]
    fn wrapping_keeps_every_line_inside_its_width() {
        let doc = Document::new("essai", "Koumbit", Lang::Fr).unwrap();
        let text = "Hébergement mutualisé du site de la Coalition pour l'accès au logement, septembre à novembre 2012 — Aegir";
        let lines = doc.wrap(text, 60.0, 10.0, Weight::Regular);
        assert!(lines.len() >= 2);
        assert!(
            lines
                .iter()
                .all(|l| doc.width(l, 10.0, Weight::Regular) <= 60.0),
            "{lines:?}"
        );
        assert_eq!(lines.join(" "), text);
        let long = doc.wrap(
            "https://koumbit.org/fr/services/hebergement/aegir",
            20.0,
            10.0,
            Weight::Regular,
        );
        assert!(long
            .iter()
            .all(|l| doc.width(l, 10.0, Weight::Regular) <= 20.0));
    }

    #[test]
    fn bold_is_wider_and_widths_add_up() {
        let doc = Document::new("essai", "Koumbit", Lang::Fr).unwrap();
        let (regular, bold) = (
            doc.width("589 000 $", 10.0, Weight::Regular),
            doc.width("589 000 $", 10.0, Weight::Bold),
        );
        assert!(
            bold > regular && regular > 10.0 && regular < 25.0,
            "{regular} {bold}"
        );
        let parts =
            doc.width("589 ", 10.0, Weight::Regular) + doc.width("000 $", 10.0, Weight::Regular);
        assert!((parts - regular).abs() < 1e-3);
    }
}
