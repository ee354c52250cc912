//! Saved web pages: prose blocks become one-cell rows; each leaf `<table>` becomes grid rows
//! with `rowspan`/`colspan` expanded (a spanned cell's text appears once, at its origin).
//! Tables that contain tables are page layout: their content is read as blocks.

#[cfg(test)]
mod differential;
mod fast;
mod names;
mod tokens;

use super::{Cell, Document, Place, Row};
use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node};

/// Spans larger than these are clamped (a hostile page cannot make a huge grid).
const MAX_COLSPAN: usize = 64;
const MAX_ROWSPAN: usize = 256;
const MAX_GRID_CELLS: usize = 200_000;

const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "select", "option", "svg", "iframe",
    "object", "button", "textarea",
];

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "blockquote",
    "pre",
    "dl",
    "dt",
    "dd",
    "form",
    "hr",
    "center",
    "tr",
    "td",
    "th",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "caption",
    "main",
    "aside",
    "address",
    "figure",
    "figcaption",
];

fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name)
}

/// How much of the page the tree builder is given at a time (between budget checks).
const CHUNK: usize = 64 * 1024;

/// A page read with its nesting capped (see [`super::nesting`]).
pub struct Page {
    pub doc: Document,
    /// Start tags left out because they nested deeper than the cap.
    pub dropped_tags: usize,
    /// The page had more start tags than a report ([`super::nesting::MAX_TAGS`]): the rest
    /// was not read.
    pub cut_at_tags: bool,
}

/// The time budget ran out while building the page's tree.
#[derive(Debug)]
pub struct OutOfTime;

/// Parse a decoded HTML page into rows (tests: no budget, nesting capped).
#[cfg(test)]
pub fn extract(text: &str) -> Document {
    match extract_page(text) {
        Ok(page) => page.doc,
        Err(OutOfTime) => Document::default(),
    }
}

/// Parse a decoded page into rows: nesting capped, fed to the tree builder in chunks with the
/// file's time budget checked between them.
pub fn extract_page(text: &str) -> Result<Page, OutOfTime> {
    let mut page = match fast::read(text) {
        Ok(read) => Page {
            doc: read.doc,
            dropped_tags: 0,
            cut_at_tags: read.cut_at_tags,
        },
        Err(_) => extract_with_tree(text)?,
    };
    page.doc.meta_date = meta_date(text);
    Ok(page)
}

/// The `<meta>` names a publication date goes by on government sites' pages.
const DATE_METAS: [&str; 6] = [
    "pubdate",
    "publishdate",
    "publishtime",
    "firstpublishedtime",
    "article:published_time",
    "dc.date.issued",
];

/// The content of the page's first publication-date `<meta>` (a look at each `<meta …>` tag's
/// attributes; the tree is not needed for it).
fn meta_date(text: &str) -> Option<String> {
    let lower = |b: &[u8]| b.iter().map(u8::to_ascii_lowercase).collect::<Vec<u8>>();
    let bytes = text.as_bytes();
    // Each `<` (found by memchr), then whether `meta` follows in any case.
    let starts = memchr::memchr_iter(b'<', bytes)
        .filter(|&i| {
            bytes
                .get(i + 1..i + 5)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"meta"))
        })
        .take(500);
    for start in starts {
        let end = bytes[start..]
            .iter()
            .take(1000)
            .position(|&b| b == b'>')
            .map_or(start + 5, |e| start + e)
            .max(start + 5);
        let Some(tag) = text.get(start + 5..end) else {
            continue;
        };
        let attrs = attributes(tag);
        let named = attrs.iter().any(|(k, v)| {
            matches!(
                lower(k.as_bytes()).as_slice(),
                b"name" | b"property" | b"itemprop"
            ) && DATE_METAS.contains(&String::from_utf8_lossy(&lower(v.as_bytes())).as_ref())
        });
        if named {
            if let Some((_, v)) = attrs
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("content"))
            {
                return Some(v.trim().to_string()).filter(|v| !v.is_empty());
            }
        }
    }
    None
}

/// A tag's `name=value` pairs (quoted with `"` or `'`, or bare).
fn attributes(tag: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = tag.trim_end_matches('/');
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq]
            .trim()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        let after = rest[eq + 1..].trim_start();
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => match after[1..].find(q) {
                Some(e) => (&after[1..1 + e], &after[2 + e..]),
                None => (&after[1..], ""),
            },
            _ => {
                let e = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..e], &after[e..])
            }
        };
        out.push((name, value));
        rest = next;
    }
    out
}

/// [`extract_page`] by html5ever's tree: the pages the tree-less reader leaves.
fn extract_with_tree(text: &str) -> Result<Page, OutOfTime> {
    let limited = super::nesting::limit_depth(text, super::nesting::MAX_DEPTH);
    let dropped_tags = limited.as_ref().map_or(0, |l| l.dropped);
    let cut_at_tags = limited.as_ref().is_some_and(|l| l.cut_at_tags);
    let text = limited.as_ref().map_or(text, |l| l.html.as_str());
    let html = build(text)?;
    Ok(Page {
        doc: rows(&html),
        dropped_tags,
        cut_at_tags,
    })
}

fn build(text: &str) -> Result<Html, OutOfTime> {
    use html5ever::tendril::TendrilSink;
    let sink = scraper::HtmlTreeSink::new(Html::new_document());
    let mut parser = html5ever::parse_document(sink, Default::default());
    let mut rest = text;
    while !rest.is_empty() {
        if crate::read::budget::exceeded() {
            return Err(OutOfTime);
        }
        let mut cut = rest.len().min(CHUNK);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        parser.process(rest[..cut].into());
        rest = &rest[cut..];
    }
    Ok(parser.finish())
}

fn rows(html: &Html) -> Document {
    let mut out = Builder {
        title: page_title(html),
        ..Default::default()
    };
    let mut skip_until: Option<ego_tree::NodeId> = None;
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skip_until.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => out.line.push_str(&t.text),
                    Node::Element(el) => {
                        let name = el.name();
                        if SKIPPED.contains(&name) {
                            skip_until = Some(node.id());
                        } else if name == "table" && is_leaf_table(node) {
                            out.flush();
                            if let Some(el) = ElementRef::wrap(node) {
                                out.table(table_rows(el));
                            }
                            skip_until = Some(node.id());
                        } else if is_block(name) {
                            out.flush();
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skip_until == Some(node.id()) {
                    skip_until = None;
                    continue;
                }
                if skip_until.is_none() {
                    if let Node::Element(el) = node.value() {
                        if is_block(el.name()) {
                            out.flush();
                        }
                    }
                }
            }
        }
    }
    out.flush();
    out.rows.into_document(out.title)
}

#[derive(Default)]
struct Builder {
    title: Option<String>,
    rows: super::Rows,
    line: String,
    paragraphs: usize,
    tables: usize,
}

impl Builder {
    fn flush(&mut self) {
        let text = self.line.trim();
        if !text.is_empty() {
            self.paragraphs += 1;
            if self.rows.full() {
                self.rows.count();
                self.line.clear();
                return;
            }
            self.rows.push(Row {
                cells: vec![Cell {
                    text: text.to_string(),
                    place: Place::Paragraph {
                        paragraph: self.paragraphs,
                    },
                }],
            });
        }
        self.line.clear();
    }

    /// Expand a leaf table into grid rows; emit each cell once, at its origin.
    fn table(&mut self, table: Vec<TableRow>) {
        self.tables += 1;
        let table_no = self.tables;
        // occupied[r] holds the columns covered by spans from rows above.
        let mut occupied: Vec<Vec<bool>> = Vec::new();
        let mut grid_cells = 0usize;
        let mut r = 0usize;
        for tr in table {
            if self.rows.full() {
                // Past the rows kept: counted, not made.
                if !tr.cells.is_empty() {
                    self.rows.count();
                }
                continue;
            }
            if occupied.len() <= r {
                occupied.resize(r + 1, Vec::new());
            }
            let mut c = 0usize;
            let mut cells = Vec::new();
            for td in tr.cells {
                while occupied[r].get(c).copied().unwrap_or(false) {
                    c += 1;
                }
                let (colspan, rowspan) = (td.colspan, td.rowspan);
                grid_cells += colspan * rowspan;
                if grid_cells > MAX_GRID_CELLS {
                    break;
                }
                for rr in r..r + rowspan {
                    if occupied.len() <= rr {
                        occupied.resize(rr + 1, Vec::new());
                    }
                    let row = &mut occupied[rr];
                    if row.len() < c + colspan {
                        row.resize(c + colspan, false);
                    }
                    for slot in &mut row[c..c + colspan] {
                        *slot = true;
                    }
                }
                cells.push(Cell {
                    text: td.text,
                    place: Place::Table {
                        table: table_no,
                        row: r + 1,
                        col: c + 1,
                    },
                });
                c += colspan;
            }
            if !cells.is_empty() {
                self.rows.push(Row { cells });
            }
            r += 1;
        }
    }
}

/// One `<tr>` of a leaf table: its `<td>`/`<th>` children.
#[derive(Debug, Default)]
struct TableRow {
    cells: Vec<TableCell>,
}

/// A cell's text (see [`cell_text`]) and spans (clamped).
#[derive(Debug)]
struct TableCell {
    text: String,
    colspan: usize,
    rowspan: usize,
}

/// The rows of a leaf table in the tree: every `<tr>` in it, in order.
fn table_rows(table: ElementRef) -> Vec<TableRow> {
    table
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|tr| tr.value().name() == "tr")
        .map(|tr| TableRow {
            cells: tr
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|td| matches!(td.value().name(), "td" | "th"))
                .map(|td| TableCell {
                    text: cell_text(td),
                    colspan: span(td.value().attr("colspan"), MAX_COLSPAN),
                    rowspan: span(td.value().attr("rowspan"), MAX_ROWSPAN),
                })
                .collect(),
        })
        .collect()
}

fn span(attr: Option<&str>, max: usize) -> usize {
    attr.and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, max)
}

/// A cell's text: block children on their own lines, whitespace kept for the parser to judge.
fn cell_text(td: ElementRef) -> String {
    let mut s = String::new();
    let mut skip: Option<ego_tree::NodeId> = None;
    for edge in td.traverse() {
        match edge {
            Edge::Open(node) if skip.is_none() => match node.value() {
                Node::Text(t) => s.push_str(&t.text),
                Node::Element(el) if SKIPPED.contains(&el.name()) => skip = Some(node.id()),
                Node::Element(el) if el.name() != "td" && is_block(el.name()) => s.push('\n'),
                _ => {}
            },
            Edge::Close(node) if skip == Some(node.id()) => skip = None,
            _ => {}
        }
    }
    s.trim().to_string()
}

fn is_leaf_table(node: NodeRef<Node>) -> bool {
    !node
        .descendants()
        .skip(1)
        .any(|d| matches!(d.value(), Node::Element(el) if el.name() == "table"))
}

fn page_title(html: &Html) -> Option<String> {
    let mut title = None;
    for node in html.tree.root().descendants() {
        if let Node::Element(el) = node.value() {
            if el.name() == "meta" {
                let name = el.attr("name").unwrap_or("").to_ascii_lowercase();
                if name == "articletitle" || name == "title" {
                    if let Some(c) = el.attr("content").filter(|c| !c.trim().is_empty()) {
                        return Some(c.trim().to_string());
                    }
                }
            } else if el.name() == "title" && title.is_none() {
                if let Some(e) = ElementRef::wrap(node) {
                    let t: String = e.text().collect();
                    if !t.trim().is_empty() {
                        title = Some(t.trim().to_string());
                    }
                }
            }
        }
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &Document) -> Vec<Vec<String>> {
        doc.rows.iter().map(Row::texts).collect()
    }

    #[test]
    fn spans_are_expanded_and_cells_placed_on_the_grid() {
        let doc = extract(
            "<p>前言</p><table><tr><td rowspan=2>A</td><td colspan=2>B</td></tr>\
             <tr><td>1</td><td>&nbsp;</td></tr><tr><td>x</td><td>2</td><td><p>&nbsp;</p><p>3</p></td></tr></table><p>后记</p>",
        );
        assert_eq!(
            texts(&doc),
            vec![
                vec!["前言"],
                vec!["A", "B"],
                vec!["1", ""],
                vec!["x", "2", "3"],
                vec!["后记"]
            ]
        );
        assert_eq!(
            doc.rows[2].cells[0].place,
            Place::Table {
                table: 1,
                row: 2,
                col: 2
            }
        );
        assert_eq!(
            doc.rows[2].cells[1].place,
            Place::Table {
                table: 1,
                row: 2,
                col: 3
            }
        );
    }

    #[test]
    fn scripts_navigation_markup_and_layout_tables() {
        let doc = extract(
            "<html><head><title>某区2023年度报告_栏目</title><script>var a='<table>'</script></head>\
             <body><table><tr><td><div>正文</div><table><tr><td>规<span>章</span></td><td>0<o:p> </o:p></td></tr></table></td></tr></table></body></html>",
        );
        assert_eq!(doc.title.as_deref(), Some("某区2023年度报告_栏目"));
        assert_eq!(texts(&doc), vec![vec!["正文"], vec!["规章", "0"]]);
    }

    #[test]
    fn hostile_spans_are_clamped() {
        let doc = extract(
            "<table><tr><td colspan=99999999 rowspan=99999999>a</td><td>b</td></tr></table>",
        );
        assert_eq!(texts(&doc), vec![vec!["a", "b"]]);
        assert_eq!(
            doc.rows[0].cells[1].place,
            Place::Table {
                table: 1,
                row: 1,
                col: 65
            }
        );
    }

    #[test]
    fn rows_past_the_limit_are_counted_not_made() {
        let max = crate::read::extract::MAX_ROWS;
        // Paragraphs up to the limit, then a table whose rows are past it (the empty one is no
        // row), then more paragraphs.
        let page = format!(
            "{}<table><tr><td>a</td></tr><tr></tr><tr><td>b</td></tr></table>{}",
            "<p>x</p>".repeat(max - 1),
            "<p>y</p>".repeat(10)
        );
        let doc = extract(&page);
        assert_eq!(doc.rows.len(), max);
        assert_eq!(doc.rows.last().map(Row::texts), Some(vec!["a".to_string()]));
        assert_eq!(doc.more_rows, 1 + 10);
        assert_eq!(doc.rows_in_all(), max + 11);
    }

    /// The pre-scan (nesting cap, comments, scripts, styles, attributes left out) changes
    /// nothing the reader keeps: every real page reads the same with and without it.
    #[test]
    fn real_pages_read_the_same_without_the_prescan() {
        let root = env!("CARGO_MANIFEST_DIR");
        let mut pages = 0;
        for dir in ["tests/data/real/pingtan-2023", "data/reports"] {
            for entry in std::fs::read_dir(format!("{root}/{dir}")).expect("dir") {
                let path = entry.expect("entry").path();
                let bytes = std::fs::read(&path).expect("read");
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                if super::super::sniff(&bytes, ext) != super::super::Format::Html {
                    continue;
                }
                let text = crate::read::decode::decode(&bytes, true).text;
                let lean =
                    super::super::nesting::limit_depth(&text, super::super::nesting::MAX_DEPTH);
                assert!(
                    lean.as_ref()
                        .is_some_and(|l| l.html.len() < text.len() * 3 / 4),
                    "{}: the pre-scan leaves most of a real page in",
                    path.display()
                );
                let mut whole = rows(&build(&text).expect("no budget"));
                // The date is read from the text, apart from either reader.
                whole.meta_date = meta_date(&text);
                assert_eq!(extract(&text), whole, "{}", path.display());
                pages += 1;
            }
        }
        assert!(pages >= 20, "{pages}");
    }
}
