//! The simple markup committees write their sections in: blank lines between blocks, `# ` and
//! `## ` headings, `- ` list items, `**bold**`, `*italic*` and `[text](https://…)` links. The
//! same parse gives the screen's preview (HTML) and the PDF's paragraphs. A marker left open is
//! kept as typed and reported, with its line, so the author can close it.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub style: Style,
    pub link: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading { level: u8, spans: Vec<Span> },
    Paragraph(Vec<Span>),
    List(Vec<Vec<Span>>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MarkupProblem {
    /// From 1.
    pub line: u32,
    pub message: String,
}

pub fn parse(text: &str) -> (Vec<Block>, Vec<MarkupProblem>) {
    let mut blocks = Vec::new();
    let mut problems = Vec::new();
    let mut paragraph: Vec<(u32, &str)> = Vec::new();
    let mut list: Vec<Vec<Span>> = Vec::new();
    let flush = |paragraph: &mut Vec<(u32, &str)>,
                 list: &mut Vec<Vec<Span>>,
                 blocks: &mut Vec<Block>,
                 problems: &mut Vec<MarkupProblem>| {
        if !paragraph.is_empty() {
            let line = paragraph[0].0;
            let joined = paragraph
                .iter()
                .map(|(_, l)| l.trim())
                .collect::<Vec<_>>()
                .join(" ");
            blocks.push(Block::Paragraph(inline(&joined, line, problems)));
            paragraph.clear();
        }
        if !list.is_empty() {
            blocks.push(Block::List(std::mem::take(list)));
        }
    };
    for (i, raw) in text.lines().enumerate() {
        let n = i as u32 + 1;
        let line = raw.trim_end();
        if line.trim().is_empty() {
            flush(&mut paragraph, &mut list, &mut blocks, &mut problems);
        } else if let Some(title) = line.strip_prefix("## ").or_else(|| line.strip_prefix("# ")) {
            flush(&mut paragraph, &mut list, &mut blocks, &mut problems);
            let level = if line.starts_with("## ") { 2 } else { 1 };
            blocks.push(Block::Heading {
                level,
                spans: inline(title.trim(), n, &mut problems),
            });
        } else if let Some(item) = line
            .trim_start()
            .strip_prefix("- ")
            .or_else(|| line.trim_start().strip_prefix("• "))
        {
            if !paragraph.is_empty() {
                flush(&mut paragraph, &mut list, &mut blocks, &mut problems);
            }
            list.push(inline(item.trim(), n, &mut problems));
        } else if !list.is_empty() && raw.starts_with("  ") {
            // An indented line continues the list item above.
            if let Some(last) = list.last_mut() {
                last.push(Span {
                    text: " ".into(),
                    style: Style::default(),
                    link: None,
                });
                last.extend(inline(line.trim(), n, &mut problems));
            }
        } else {
            if !list.is_empty() {
                flush(&mut paragraph, &mut list, &mut blocks, &mut problems);
            }
            paragraph.push((n, line));
        }
    }
    flush(&mut paragraph, &mut list, &mut blocks, &mut problems);
    (blocks, problems)
}

/// Bold, italic and links within one block of text.
fn inline(text: &str, line: u32, problems: &mut Vec<MarkupProblem>) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    let mut style = Style::default();
    let mut current = String::new();
    let mut rest = text;
    let push = |spans: &mut Vec<Span>, current: &mut String, style: Style| {
        if !current.is_empty() {
            spans.push(Span {
                text: std::mem::take(current),
                style,
                link: None,
            });
        }
    };
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("**") && (style.bold || rest[2..].contains("**")) {
            push(&mut spans, &mut current, style);
            style.bold = !style.bold;
            rest = &rest[2..];
        } else if c == '*' && !rest.starts_with("**") && (style.italic || rest[1..].contains('*')) {
            push(&mut spans, &mut current, style);
            style.italic = !style.italic;
            rest = &rest[1..];
        } else if let Some((label, url, after)) = link(rest) {
            push(&mut spans, &mut current, style);
            spans.push(Span {
                text: label.to_owned(),
                style,
                link: Some(url.to_owned()),
            });
            rest = after;
        } else if c == '*' {
            let marker = if rest.starts_with("**") { "**" } else { "*" };
            problems.push(MarkupProblem { line, message: format!("'{marker}' opens bold or italic text that is never closed; close it or remove it") });
            current.push_str(marker);
            rest = &rest[marker.len()..];
        } else {
            current.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    push(&mut spans, &mut current, style);
    spans
}

/// `[label](url)` at the start of `text`: the label, the url and what follows.
fn link(text: &str) -> Option<(&str, &str, &str)> {
    let inner = text.strip_prefix('[')?;
    let close = inner.find("](")?;
    let (label, after) = (&inner[..close], &inner[close + 2..]);
    let end = after.find(')')?;
    let url = &after[..end];
    let allowed =
        url.starts_with("https://") || url.starts_with("http://") || url.starts_with("mailto:");
    (allowed && !label.is_empty() && !url.contains(' ')).then(|| (label, url, &after[end + 1..]))
}

/// The preview the editor shows: escaped HTML, links written out rather than followed (the app
/// opens nothing remote).
pub fn to_html(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Heading { level, spans } => out.push_str(&format!(
                "<h{l}>{}</h{l}>",
                spans_html(spans),
                l = level + 2
            )),
            Block::Paragraph(spans) => out.push_str(&format!("<p>{}</p>", spans_html(spans))),
            Block::List(items) => {
                out.push_str("<ul>");
                for item in items {
                    out.push_str(&format!("<li>{}</li>", spans_html(item)));
                }
                out.push_str("</ul>");
            }
        }
    }
    out
}

fn spans_html(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| {
            let mut text = escape(&s.text);
            if let Some(url) = &s.link {
                text = format!(
                    "<span class=\"ref\">{text}</span> <span class=\"url\">({})</span>",
                    escape(url)
                );
            }
            if s.style.italic {
                text = format!("<em>{text}</em>");
            }
            if s.style.bold {
                text = format!("<strong>{text}</strong>");
            }
            text
        })
        .collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Span {
        Span {
            text: text.into(),
            style: Style::default(),
            link: None,
        }
    }

    #[test]
    fn blocks_headings_lists_and_inline_styles() {
        let text = "# Le comité légal\n\nCette année, **trois dossiers** et une *injonction*.\nSuite du paragraphe.\n\n- premier point\n- second [communiqué](https://koumbit.org/fr/communique)\n";
        let (blocks, problems) = parse(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(blocks.len(), 3);
        assert_eq!(
            blocks[0],
            Block::Heading {
                level: 1,
                spans: vec![plain("Le comité légal")]
            }
        );
        let Block::Paragraph(p) = &blocks[1] else {
            panic!("{:?}", blocks[1])
        };
        assert_eq!(
            p[1],
            Span {
                text: "trois dossiers".into(),
                style: Style {
                    bold: true,
                    italic: false
                },
                link: None
            }
        );
        assert_eq!(
            p[3].style,
            Style {
                bold: false,
                italic: true
            }
        );
        assert!(
            p.last().unwrap().text.ends_with("Suite du paragraphe."),
            "lines of a paragraph join"
        );
        let Block::List(items) = &blocks[2] else {
            panic!()
        };
        assert_eq!(
            items[1][1].link.as_deref(),
            Some("https://koumbit.org/fr/communique")
        );
        let html = to_html(&blocks);
        assert!(html.starts_with("<h3>Le comité légal</h3><p>Cette année, <strong>trois dossiers</strong> et une <em>injonction</em>."), "{html}");
        assert!(html.contains("<span class=\"ref\">communiqué</span> <span class=\"url\">(https://koumbit.org/fr/communique)</span>"));
    }

    #[test]
    fn an_open_marker_is_kept_and_reported_with_its_line() {
        let (blocks, problems) = parse("Premier paragraphe.\n\nUn **gras jamais fermé.");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 3);
        let Block::Paragraph(p) = &blocks[1] else {
            panic!()
        };
        assert_eq!(p[0].text, "Un **gras jamais fermé.");
    }

    #[test]
    fn html_is_escaped_and_odd_links_stay_text() {
        let (blocks, _) = parse("<script>alert(1)</script> [clic](javascript:alert(1))");
        let html = to_html(&blocks);
        assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"));
        assert!(html.contains("[clic](javascript:alert(1))"), "{html}");
    }
}
