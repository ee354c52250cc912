//! Word `.docx`: `word/document.xml` read from the zip archive (with limits on what it may
//! expand to), paragraphs as one-cell rows, each leaf table as grid rows with `w:gridSpan` and
//! `w:vMerge` expanded the way HTML spans are: a merged cell's text appears once, at its origin.
//! Tables that contain tables are layout: their content is read as blocks.

use super::{Cell, Document, Place, Row};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::{Cursor, Read};

/// Most entries an archive may list (a real report has a few dozen).
pub const MAX_ENTRIES: usize = 10_000;
/// Most bytes the archive's entries may expand to, in all (a real report: well under 5 MiB).
pub const MAX_UNCOMPRESSED: u64 = 64 * 1024 * 1024;
/// Deepest XML element nesting read.
pub const MAX_DEPTH: usize = 256;
/// Most tables, rows, cells and paragraphs read (a report has a few thousand).
pub const MAX_NODES: usize = 500_000;
/// Grid columns a spanned cell may cover.
const MAX_SPAN: usize = 64;

/// Why a `.docx` could not be read.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DocxError {
    #[error("not a readable zip archive: {0}")]
    NotZip(String),
    #[error("no word/document.xml: not a Word document")]
    NoDocument,
    #[error("archive lists {0} entries (limit {MAX_ENTRIES}): refused as a possible zip bomb")]
    TooManyEntries(usize),
    #[error("archive expands past {MAX_UNCOMPRESSED} bytes: refused as a possible zip bomb")]
    TooLarge,
    #[error("word/document.xml cannot be decompressed: {0}")]
    Corrupt(String),
    #[error("word/document.xml is not well-formed XML: {0}")]
    Xml(String),
    #[error("word/document.xml nests elements deeper than {MAX_DEPTH}")]
    TooDeep,
    #[error("word/document.xml has more than {MAX_NODES} paragraphs and table cells")]
    TooMany,
}

impl DocxError {
    /// The message in Chinese and in English.
    pub fn messages(&self) -> (String, String) {
        let zh = match self {
            DocxError::NotZip(e) => format!("不是可读的 .docx（zip）文件：{e}"),
            DocxError::NoDocument => "压缩包内没有 word/document.xml，不是 Word 文档".into(),
            DocxError::TooManyEntries(n) => {
                format!("压缩包含 {n} 个条目（上限 {MAX_ENTRIES}），疑为压缩炸弹，未读取")
            }
            DocxError::TooLarge => {
                format!("压缩包解压后超过 {MAX_UNCOMPRESSED} 字节，疑为压缩炸弹，未读取")
            }
            DocxError::Corrupt(e) => format!("word/document.xml 无法解压：{e}"),
            DocxError::Xml(e) => format!("word/document.xml 不是格式正确的 XML：{e}"),
            DocxError::TooDeep => format!("word/document.xml 嵌套超过 {MAX_DEPTH} 层，未读取"),
            DocxError::TooMany => {
                format!("word/document.xml 的段落和表格单元格超过 {MAX_NODES} 个，未读取")
            }
        };
        (zh, self.to_string())
    }
}

/// Read a `.docx` file's body into rows.
pub fn extract(bytes: &[u8]) -> Result<Document, DocxError> {
    let xml = document_xml(bytes)?;
    let tree = Tree::parse(&xml)?;
    let mut out = Builder::default();
    out.walk(&tree, 0);
    Ok(Document {
        title: None,
        meta_date: None,
        rows: out.rows,
        more_rows: 0,
    })
}

/// `word/document.xml` as text, refusing archives that expand past the limits.
fn document_xml(bytes: &[u8]) -> Result<String, DocxError> {
    let mut archive =
        ::zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::NotZip(e.to_string()))?;
    if archive.len() > MAX_ENTRIES {
        return Err(DocxError::TooManyEntries(archive.len()));
    }
    let mut declared: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|e| DocxError::NotZip(e.to_string()))?;
        declared = declared.saturating_add(entry.size());
    }
    if declared > MAX_UNCOMPRESSED {
        return Err(DocxError::TooLarge);
    }
    // The main part is word/document.xml, or wherever the package's relationships say.
    let name = if archive.index_for_name("word/document.xml").is_some() {
        "word/document.xml".to_string()
    } else {
        main_part(&mut archive).ok_or(DocxError::NoDocument)?
    };
    let entry = match archive.by_name(&name) {
        Ok(e) => e,
        Err(::zip::result::ZipError::FileNotFound) => return Err(DocxError::NoDocument),
        Err(e) => return Err(DocxError::Corrupt(e.to_string())),
    };
    // The declared size can lie: stop reading at the limit whatever the header says.
    let mut raw = Vec::new();
    entry
        .take(MAX_UNCOMPRESSED + 1)
        .read_to_end(&mut raw)
        .map_err(|e| DocxError::Corrupt(e.to_string()))?;
    if raw.len() as u64 > MAX_UNCOMPRESSED {
        return Err(DocxError::TooLarge);
    }
    String::from_utf8(raw).map_err(|e| DocxError::Xml(format!("not UTF-8 ({e})")))
}

/// The target of the package's `officeDocument` relationship (`_rels/.rels`).
fn main_part(archive: &mut ::zip::ZipArchive<Cursor<&[u8]>>) -> Option<String> {
    let mut rels = String::new();
    archive
        .by_name("_rels/.rels")
        .ok()?
        .take(1 << 20)
        .read_to_string(&mut rels)
        .ok()?;
    let mut reader = Reader::from_str(&rels);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let kind = attr(&e, "Type").unwrap_or_default();
                if kind.ends_with("/officeDocument") {
                    let target = attr(&e, "Target")?;
                    return Some(target.trim_start_matches('/').to_string());
                }
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VMerge {
    None,
    Restart,
    Continue,
}

#[derive(Debug)]
enum Kind {
    Root,
    Table,
    TableRow { grid_before: usize },
    TableCell { span: usize, vmerge: VMerge },
    Paragraph { text: String },
}

#[derive(Debug)]
struct Node {
    kind: Kind,
    children: Vec<usize>,
}

/// The parts of the document that matter: tables, rows, cells and paragraphs.
struct Tree {
    nodes: Vec<Node>,
}

impl Tree {
    fn parse(xml: &str) -> Result<Tree, DocxError> {
        let mut nodes = vec![Node {
            kind: Kind::Root,
            children: vec![],
        }];
        // Open structural nodes; `depth` counts every open element.
        let mut open: Vec<(usize, usize)> = vec![(0, 0)];
        let mut depth = 0usize;
        let mut in_text = false;
        // Element depth of a skipped subtree (`mc:Fallback` repeats `mc:Choice`).
        let mut skip_from: Option<usize> = None;
        let mut reader = Reader::from_str(xml);
        loop {
            let event = reader
                .read_event()
                .map_err(|e| DocxError::Xml(format!("{e} at byte {}", reader.error_position())))?;
            match event {
                Event::Start(e) => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(DocxError::TooDeep);
                    }
                    if skip_from.is_some() {
                        continue;
                    }
                    let name = e.local_name();
                    let name = name.as_ref();
                    if name == "Fallback" {
                        skip_from = Some(depth);
                        continue;
                    }
                    if let Some(kind) = structural(name) {
                        let id = add_node(&mut nodes, &open, kind)?;
                        open.push((id, depth));
                    } else if name == "t" {
                        in_text = true;
                    } else {
                        property(&mut nodes, &open, name, &e);
                    }
                }
                Event::Empty(e) => {
                    if skip_from.is_some() {
                        continue;
                    }
                    let name = e.local_name();
                    match name.as_ref() {
                        "tab" => push_text(&mut nodes, &open, "\t"),
                        "br" | "cr" => push_text(&mut nodes, &open, "\n"),
                        other => match structural(other) {
                            // An empty paragraph or cell still takes its place.
                            Some(kind) => {
                                add_node(&mut nodes, &open, kind)?;
                            }
                            None => property(&mut nodes, &open, other, &e),
                        },
                    }
                }
                Event::End(e) => {
                    if let Some(from) = skip_from {
                        if depth == from {
                            skip_from = None;
                        }
                    } else if e.local_name().as_ref() == "t" {
                        in_text = false;
                    }
                    if open.last().is_some_and(|&(_, d)| d == depth) && open.len() > 1 {
                        open.pop();
                    }
                    depth = depth.saturating_sub(1);
                }
                Event::Text(t) if in_text && skip_from.is_none() => {
                    push_text(&mut nodes, &open, &t.xml_content(Default::default()));
                }
                Event::CData(t) if in_text && skip_from.is_none() => {
                    push_text(&mut nodes, &open, &t);
                }
                Event::GeneralRef(r) if in_text && skip_from.is_none() => {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        _ => match &*r.into_inner() {
                            "amp" => Some('&'),
                            "lt" => Some('<'),
                            "gt" => Some('>'),
                            "quot" => Some('"'),
                            "apos" => Some('\''),
                            _ => None,
                        },
                    };
                    if let Some(c) = c {
                        push_text(&mut nodes, &open, c.encode_utf8(&mut [0; 4]));
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(Tree { nodes })
    }

    fn has_table_inside(&self, id: usize) -> bool {
        let mut stack: Vec<usize> = self.nodes[id].children.clone();
        while let Some(n) = stack.pop() {
            if matches!(self.nodes[n].kind, Kind::Table) {
                return true;
            }
            stack.extend(&self.nodes[n].children);
        }
        false
    }

    /// A cell's or paragraph's text: its paragraphs (and those of text boxes) on their own lines.
    fn text_of(&self, id: usize) -> String {
        let mut lines = Vec::new();
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            if let Kind::Paragraph { text } = &self.nodes[n].kind {
                lines.push(text.replace('\t', " "));
            }
            stack.extend(self.nodes[n].children.iter().rev());
        }
        lines.join("\n").trim().to_string()
    }
}

/// Add a node under the innermost open one; refuse past [`MAX_NODES`].
fn add_node(
    nodes: &mut Vec<Node>,
    open: &[(usize, usize)],
    kind: Kind,
) -> Result<usize, DocxError> {
    if nodes.len() >= MAX_NODES {
        return Err(DocxError::TooMany);
    }
    let id = nodes.len();
    nodes.push(Node {
        kind,
        children: vec![],
    });
    let parent = open.last().map_or(0, |p| p.0);
    nodes[parent].children.push(id);
    Ok(id)
}

fn structural(name: &str) -> Option<Kind> {
    Some(match name {
        "tbl" => Kind::Table,
        "tr" => Kind::TableRow { grid_before: 0 },
        "tc" => Kind::TableCell {
            span: 1,
            vmerge: VMerge::None,
        },
        "p" => Kind::Paragraph {
            text: String::new(),
        },
        _ => return None,
    })
}

fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| a.value.into_owned())
}

/// Record a cell's span or merge, or a row's leading empty grid columns.
fn property(nodes: &mut [Node], open: &[(usize, usize)], name: &str, e: &BytesStart) {
    let Some(&(id, _)) = open.last() else { return };
    match (&mut nodes[id].kind, name) {
        (Kind::TableCell { span, .. }, "gridSpan") => {
            *span = attr(e, "val")
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(1usize)
                .clamp(1, MAX_SPAN);
        }
        // Old Word's horizontal merge: a continuing cell is covered by the one before it.
        (Kind::TableCell { vmerge, .. }, "hMerge")
            if attr(e, "val").as_deref() != Some("restart") =>
        {
            *vmerge = VMerge::Continue;
        }
        (Kind::TableCell { vmerge, .. }, "vMerge") => {
            *vmerge = match attr(e, "val").as_deref() {
                Some("restart") => VMerge::Restart,
                _ => VMerge::Continue,
            };
        }
        (Kind::TableRow { grid_before }, "gridBefore") => {
            *grid_before = attr(e, "val")
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0usize)
                .min(MAX_SPAN);
        }
        _ => {}
    }
}

fn push_text(nodes: &mut [Node], open: &[(usize, usize)], s: &str) {
    if let Some(&(id, _)) = open
        .iter()
        .rev()
        .find(|(id, _)| matches!(nodes[*id].kind, Kind::Paragraph { .. }))
    {
        if let Kind::Paragraph { text } = &mut nodes[id].kind {
            text.push_str(s);
        }
    }
}

#[derive(Default)]
struct Builder {
    rows: Vec<Row>,
    tables: usize,
    paragraphs: usize,
}

impl Builder {
    fn walk(&mut self, tree: &Tree, id: usize) {
        match &tree.nodes[id].kind {
            Kind::Paragraph { text } => {
                let cells: Vec<&str> = text
                    .split('\t')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .collect();
                if !cells.is_empty() {
                    self.paragraphs += 1;
                    let place = Place::Paragraph {
                        paragraph: self.paragraphs,
                    };
                    self.rows.push(Row {
                        cells: cells
                            .into_iter()
                            .map(|c| Cell {
                                text: c.to_string(),
                                place,
                            })
                            .collect(),
                    });
                }
                for &c in &tree.nodes[id].children {
                    self.walk(tree, c);
                }
            }
            Kind::Table if !tree.has_table_inside(id) => self.grid(tree, id),
            _ => {
                for &c in &tree.nodes[id].children {
                    self.walk(tree, c);
                }
            }
        }
    }

    fn grid(&mut self, tree: &Tree, table: usize) {
        self.tables += 1;
        let rows = tree.nodes[table]
            .children
            .iter()
            .filter(|&&r| matches!(tree.nodes[r].kind, Kind::TableRow { .. }));
        for (r, &row) in rows.enumerate() {
            let mut col = match tree.nodes[row].kind {
                Kind::TableRow { grid_before } => grid_before,
                _ => 0,
            };
            let mut cells = Vec::new();
            for &tc in &tree.nodes[row].children {
                let Kind::TableCell { span, vmerge } = tree.nodes[tc].kind else {
                    continue;
                };
                if vmerge != VMerge::Continue {
                    cells.push(Cell {
                        text: tree.text_of(tc),
                        place: Place::Table {
                            table: self.tables,
                            row: r + 1,
                            col: col + 1,
                        },
                    });
                }
                col += span;
            }
            if !cells.is_empty() {
                self.rows.push(Row { cells });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    fn docx(body: &str) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        let mut z = ::zip::ZipWriter::new(&mut buf);
        let opts = ::zip::write::SimpleFileOptions::default();
        z.start_file("[Content_Types].xml", opts).unwrap();
        z.write_all(b"<Types/>").unwrap();
        z.start_file("word/document.xml", opts).unwrap();
        write!(z, "<w:document {NS}><w:body>{body}</w:body></w:document>").unwrap();
        z.finish().unwrap();
        buf.into_inner()
    }

    fn texts(doc: &Document) -> Vec<Vec<String>> {
        doc.rows.iter().map(Row::texts).collect()
    }

    fn p(s: &str) -> String {
        format!("<w:p><w:r><w:t>{s}</w:t></w:r></w:p>")
    }

    #[test]
    fn paragraphs_and_a_grid_with_spans_and_vertical_merges() {
        let body = format!(
            "{}<w:tbl>\
             <w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>{}</w:tc>\
                   <w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>{}</w:tc></w:tr>\
             <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc>{}</w:tc><w:tc><w:p/></w:tc></w:tr>\
             <w:tr><w:tc><w:p><w:r><w:t>（二）部分</w:t></w:r><w:r><w:t xml:space=\"preserve\">公开 </w:t></w:r></w:p></w:tc>\
                   <w:tc><w:p><w:r><w:t>1</w:t></w:r><w:r><w:t>2</w:t></w:r></w:p></w:tc><w:tc>{}{}</w:tc></w:tr>\
             </w:tbl>{}",
            p("本报告由某局编制 &amp; 发布"),
            p("申请人情况"),
            p("法人"),
            p("0"),
            p(""),
            p("3"),
            p("五、存在的主要问题")
        );
        let doc = extract(&docx(&body)).unwrap();
        assert_eq!(
            texts(&doc),
            vec![
                vec!["本报告由某局编制 & 发布"],
                vec!["申请人情况", "法人"],
                vec!["0", ""],
                vec!["（二）部分公开", "12", "3"],
                vec!["五、存在的主要问题"],
            ]
        );
        // The merged-down cell is not repeated; the cells after it keep their grid columns.
        assert_eq!(
            doc.rows[2].cells[0].place,
            Place::Table {
                table: 1,
                row: 2,
                col: 2
            }
        );
        assert_eq!(
            doc.rows[1].cells[1].place,
            Place::Table {
                table: 1,
                row: 1,
                col: 2
            }
        );
        assert_eq!(
            doc.rows[4].cells[0].place,
            Place::Paragraph { paragraph: 2 }
        );
    }

    #[test]
    fn deleted_text_fallbacks_and_layout_tables() {
        let body = format!(
            "<w:tbl><w:tr><w:tc>{}<w:tbl><w:tr><w:tc>{}</w:tc><w:tc><w:p><w:r><w:delText>9</w:delText></w:r><w:r><w:t>4</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>\
             <w:p><w:r><mc:AlternateContent><mc:Choice><w:t>框</w:t></mc:Choice><mc:Fallback><w:t>框</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>",
            p("正文"),
            p("规章")
        );
        let doc = extract(&docx(&body)).unwrap();
        assert_eq!(
            texts(&doc),
            vec![vec!["正文"], vec!["规章", "4"], vec!["框"]]
        );
    }

    #[test]
    fn archives_that_are_not_documents_or_expand_too_far() {
        assert!(matches!(
            extract(b"PK\x03\x04junk"),
            Err(DocxError::NotZip(_))
        ));
        let mut buf = Cursor::new(Vec::new());
        let mut z = ::zip::ZipWriter::new(&mut buf);
        let opts = ::zip::write::SimpleFileOptions::default()
            .compression_method(::zip::CompressionMethod::Deflated);
        z.start_file("xl/workbook.xml", opts).unwrap();
        z.write_all(b"<workbook/>").unwrap();
        z.finish().unwrap();
        assert_eq!(extract(&buf.into_inner()), Err(DocxError::NoDocument));

        // 80 MiB of zeros deflates to about 80 KiB.
        let mut buf = Cursor::new(Vec::new());
        let mut z = ::zip::ZipWriter::new(&mut buf);
        z.start_file("word/document.xml", opts).unwrap();
        let block = vec![b' '; 1 << 20];
        for _ in 0..80 {
            z.write_all(&block).unwrap();
        }
        z.finish().unwrap();
        let bomb = buf.into_inner();
        assert!(bomb.len() < 1 << 20);
        assert_eq!(extract(&bomb), Err(DocxError::TooLarge));
    }

    #[test]
    fn old_horizontal_merges_cover_their_columns() {
        let body = format!(
            "<w:tbl><w:tr><w:tc><w:tcPr><w:hMerge w:val=\"restart\"/></w:tcPr>{}</w:tc>\
             <w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
            p("（七）总计"),
            p("5")
        );
        let doc = extract(&docx(&body)).unwrap();
        assert_eq!(texts(&doc), vec![vec!["（七）总计", "5"]]);
        assert_eq!(
            doc.rows[0].cells[1].place,
            Place::Table {
                table: 1,
                row: 1,
                col: 3
            }
        );
    }

    #[test]
    fn the_main_part_is_found_through_the_package_relationships() {
        let mut buf = Cursor::new(Vec::new());
        let mut z = ::zip::ZipWriter::new(&mut buf);
        let opts = ::zip::write::SimpleFileOptions::default();
        z.start_file("_rels/.rels", opts).unwrap();
        z.write_all(br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>"#).unwrap();
        z.start_file("word/document2.xml", opts).unwrap();
        write!(
            z,
            "<w:document {NS}><w:body>{}</w:body></w:document>",
            p("规章")
        )
        .unwrap();
        z.finish().unwrap();
        let doc = extract(&buf.into_inner()).unwrap();
        assert_eq!(texts(&doc), vec![vec!["规章"]]);
    }

    #[test]
    fn malformed_and_deep_xml_are_errors() {
        assert!(matches!(
            extract(&docx("<w:p><w:t>unclosed</w:p>")),
            Err(DocxError::Xml(_))
        ));
        let deep = "<w:sdt>".repeat(MAX_DEPTH + 1);
        assert_eq!(extract(&docx(&deep)), Err(DocxError::TooDeep));
        let many = "<w:p/>".repeat(MAX_NODES + 1);
        assert_eq!(extract(&docx(&many)), Err(DocxError::TooMany));
    }
}
