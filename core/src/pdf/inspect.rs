//! PDFs read back for the tests, as a viewer reads them: the information dictionary, the
//! catalog's language, the outline and the links of a page.

use lopdf::{Dictionary, Document, Object, ObjectId};

pub struct Inspected {
    doc: Document,
}

impl Inspected {
    pub fn new(bytes: &[u8]) -> Inspected {
        Inspected {
            doc: Document::load_mem(bytes).expect("the PDF parses"),
        }
    }

    fn info(&self) -> &Dictionary {
        let id = self
            .doc
            .trailer
            .get(b"Info")
            .unwrap()
            .as_reference()
            .unwrap();
        self.doc.get_dictionary(id).unwrap()
    }

    /// Every key of the information dictionary with its text.
    pub fn information(&self) -> Vec<(String, String)> {
        self.info()
            .iter()
            .map(|(k, v)| (String::from_utf8_lossy(k).into_owned(), self.text(v)))
            .collect()
    }

    pub fn info_text(&self, key: &str) -> Option<String> {
        self.info().get(key.as_bytes()).ok().map(|v| self.text(v))
    }

    fn catalog(&self) -> &Dictionary {
        self.doc.catalog().unwrap()
    }

    pub fn catalog_has(&self, key: &str) -> bool {
        self.catalog().has(key.as_bytes())
    }

    pub fn lang(&self) -> Option<String> {
        self.catalog().get(b"Lang").ok().map(|v| self.text(v))
    }

    fn page_number(&self, id: ObjectId) -> usize {
        let pages = self.doc.get_pages();
        let found = pages.iter().find(|(_, p)| **p == id);
        found
            .map(|(n, _)| *n as usize)
            .expect("a page of the document")
    }

    /// The page (from 1) a destination array goes to.
    fn destination(&self, dest: &Object) -> usize {
        let page = dest.as_array().unwrap()[0].as_reference().unwrap();
        self.page_number(page)
    }

    /// Each item of the outline, in order: its title and the page it goes to.
    pub fn outline(&self) -> Vec<(String, usize)> {
        let Ok(root) = self.catalog().get(b"Outlines") else {
            return Vec::new();
        };
        let root = self
            .doc
            .get_dictionary(root.as_reference().unwrap())
            .unwrap();
        let mut items = Vec::new();
        let mut next = root.get(b"First").ok().map(|r| r.as_reference().unwrap());
        while let Some(id) = next {
            let item = self.doc.get_dictionary(id).unwrap();
            items.push((
                self.text(item.get(b"Title").unwrap()),
                self.destination(item.get(b"Dest").unwrap()),
            ));
            next = item.get(b"Next").ok().map(|r| r.as_reference().unwrap());
        }
        let count = root.get(b"Count").unwrap().as_i64().unwrap();
        assert_eq!(count as usize, items.len(), "the outline's /Count");
        items
    }

    /// The pages the links of page `number` (from 1) go to, top to bottom.
    pub fn links(&self, number: usize) -> Vec<usize> {
        let pages = self.doc.get_pages();
        let page = self.doc.get_dictionary(pages[&(number as u32)]).unwrap();
        let Ok(annots) = page.get(b"Annots") else {
            return Vec::new();
        };
        let annots = match annots {
            Object::Reference(id) => self.doc.get_object(*id).unwrap(),
            direct => direct,
        };
        let mut links: Vec<(f32, usize)> = annots
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                let a = match a {
                    Object::Reference(id) => self.doc.get_dictionary(*id).unwrap(),
                    direct => direct.as_dict().unwrap(),
                };
                assert_eq!(a.get(b"Subtype").unwrap().as_name().unwrap(), b"Link");
                let top = a.get(b"Rect").unwrap().as_array().unwrap()[3]
                    .as_float()
                    .unwrap();
                let action = a.get(b"A").unwrap().as_dict().unwrap();
                assert_eq!(action.get(b"S").unwrap().as_name().unwrap(), b"GoTo");
                (top, self.destination(action.get(b"D").unwrap()))
            })
            .collect();
        // PDF heights grow upwards: the highest link is the first line.
        links.sort_by(|a, b| b.0.total_cmp(&a.0));
        links.into_iter().map(|(_, page)| page).collect()
    }

    fn text(&self, value: &Object) -> String {
        let value = match value {
            Object::Reference(id) => self.doc.get_object(*id).unwrap(),
            direct => direct,
        };
        let bytes = value.as_str().unwrap();
        match bytes {
            [0xfe, 0xff, rest @ ..] => String::from_utf16(
                &rest
                    .chunks(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect::<Vec<_>>(),
            )
            .unwrap(),
            // PDFDocEncoding agrees with Latin-1 for what Konbit writes.
            latin => latin.iter().map(|b| char::from(*b)).collect(),
        }
    }
}
