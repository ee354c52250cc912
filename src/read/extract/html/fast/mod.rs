//! A page read without building its tree. The tree builder's rules for what report pages hold
//! (html5ever's insertion modes for the head, the body, tables, rows and cells; implied end
//! tags; scopes) are followed on a stack of open elements while the tokens stream past, and
//! what the DOM reader keeps — prose lines between blocks, leaf tables as grids, the title — is
//! made as elements open and close: a DOM traversal's order, without the DOM.
//!
//! Whatever lies outside those rules bails ([`Bail`]) and the page goes to html5ever: text
//! that a table would foster out, misnested formatting elements (the adoption agency), foreign
//! content, templates, frames, captions and column groups, ruby, and pages the pre-scan would
//! change (too deep, too many tags). A unit test reads every bundled real page and thousands
//! of generated tag soups both ways and wants the same [`Document`].

mod rules;

use super::names::{TagName, BLOCK, IMPLIED, SCAN_RAW, SCAN_SIBLING, SCAN_VOID, SCOPE, SKIP};
use super::tokens::{decode, Bail, Result, StartTag, Token, Tokens};
use super::{span, Builder, TableCell, TableRow, MAX_COLSPAN, MAX_ROWSPAN};
use crate::read::extract::nesting;
use crate::read::extract::Document;
use std::borrow::Cow;

/// A page read without its tree.
pub struct Read {
    pub doc: Document,
    /// The page had more start tags than [`nesting::MAX_TAGS`]: read up to there, as the
    /// pre-scan cuts it for the tree builder.
    pub cut_at_tags: bool,
}

/// Read a decoded page, or bail.
pub fn read(text: &str) -> Result<Read> {
    if memchr::memchr(0, text.as_bytes()).is_some() {
        return Err(Bail);
    }
    // The tokenizer reads CR LF and a lone CR as LF.
    let text: Cow<str> = if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    };
    let mut reader = Reader {
        tokens: Tokens::new(&text),
        stack: Vec::new(),
        next_id: 0,
        mode: Mode::Initial,
        skip: 0,
        form: None,
        lf_at: None,
        out: Builder::default(),
        tables: Vec::new(),
        formatting: Vec::new(),
        meta_title: None,
        title: None,
        scan: Scan::default(),
    };
    let run = reader.run();
    if run.is_err() {
        #[cfg(test)]
        LAST_BAIL.with(|b| b.set(reader.tokens.last_start()));
        #[cfg(test)]
        BAIL_STATE.with(|b| {
            *b.borrow_mut() = format!(
                "{:?} [{}] skip {} tables {}",
                reader.mode,
                reader
                    .stack
                    .iter()
                    .map(|e| e.name.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                reader.skip,
                reader.tables.len()
            )
        });
        return Err(Bail);
    }
    let Reader {
        mut out,
        meta_title,
        title,
        ..
    } = reader;
    out.flush();
    Ok(Read {
        doc: out.rows.into_document(meta_title.or(title)),
        cut_at_tags: run == Ok(true),
    })
}

#[cfg(test)]
thread_local! {
    /// Where the last page bailed (for finding out why).
    pub static LAST_BAIL: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    pub static BAIL_STATE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

pub(super) fn is_ws(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    /// Before `<head>` (html5ever's initial, before-html and before-head modes).
    Initial,
    InHead,
    AfterHead,
    InBody,
    InTable,
    InTableBody,
    InRow,
    InCell,
}

#[derive(Clone, Copy)]
enum Scope {
    Default,
    ListItem,
    Button,
    Table,
}

struct El {
    name: TagName,
    kind: u16,
    id: u32,
}

impl El {
    fn is(&self, name: &str) -> bool {
        self.name.as_str() == name
    }
}

/// What a table, still open, has given: both readings, until it is known whether it holds a
/// table (then it is page layout, read as blocks) or not (a grid).
struct OpenTable {
    id: u32,
    leaf: bool,
    events: Vec<Event>,
    rows: Vec<TableRow>,
    cell: Option<OpenCell>,
}

struct OpenCell {
    id: u32,
    text: String,
    colspan: usize,
    rowspan: usize,
}

enum Event {
    Text(String),
    Flush,
    Table(Vec<TableRow>),
}

/// The pre-scan's nesting model ([`nesting::limit_depth`]), run on the same tags: a page it
/// would change is left to the slow path, which reports what it left out.
#[derive(Default)]
struct Scan {
    stack: Vec<TagName>,
    starts: usize,
}

impl Scan {
    /// A start tag; `true` when the pre-scan cuts the page before it.
    fn start(&mut self, name: &TagName, self_closing: bool) -> Result<bool> {
        self.starts += 1;
        let kind = name.kind();
        if self.starts > nesting::MAX_TAGS {
            return Ok(true);
        }
        if name.as_str() == "plaintext" {
            return Err(Bail);
        }
        // The pre-scan ignores the slash of a raw-text element, as the tokenizer does.
        let self_closing = self_closing && kind & SCAN_RAW == 0;
        if self_closing || kind & (SCAN_VOID | SCAN_SIBLING) != 0 {
            return Ok(false);
        }
        match name.as_str() {
            "td" | "th" => self.close_to(&["td", "th"]),
            "tr" => self.close_to(&["tr"]),
            _ => {}
        }
        if self.stack.len() >= nesting::MAX_DEPTH {
            return Err(Bail);
        }
        if kind & SCAN_RAW == 0 {
            self.stack.push(name.clone());
        }
        Ok(false)
    }

    fn close_to(&mut self, names: &[&str]) {
        for i in (0..self.stack.len()).rev() {
            let name = self.stack[i].as_str();
            if names.contains(&name) {
                self.stack.truncate(i);
                return;
            }
            if name == "table" {
                return;
            }
        }
    }

    fn end(&mut self, name: &str) {
        if let Some(pos) = self.stack.iter().rposition(|n| n.as_str() == name) {
            self.stack.truncate(pos);
        }
    }
}

struct Reader<'a> {
    tokens: Tokens<'a>,
    stack: Vec<El>,
    next_id: u32,
    mode: Mode,
    /// SKIPPED elements open: their content makes nothing.
    skip: usize,
    /// The form element pointer.
    form: Option<u32>,
    /// Just after a `<pre>`/`<listing>`: a line feed starting the text there is dropped.
    lf_at: Option<usize>,
    out: Builder,
    tables: Vec<OpenTable>,
    /// The list of active formatting elements.
    formatting: Vec<Entry>,
    meta_title: Option<String>,
    title: Option<String>,
    scan: Scan,
}

/// An entry of the list of active formatting elements.
enum Entry {
    /// A cell opened.
    Marker,
    Element {
        name: TagName,
        id: u32,
    },
}

impl<'a> Reader<'a> {
    /// Read the tokens; `true` when the page was cut at the tag cap.
    fn run(&mut self) -> Result<bool> {
        let mut cut = false;
        let mut tokens = 0u32;
        loop {
            // The file's time budget, now and then: a page that runs out of it bails, and the
            // tree builder reports it out of time at once.
            tokens = tokens.wrapping_add(1);
            if tokens.is_multiple_of(4096) && crate::read::budget::exceeded() {
                return Err(Bail);
            }
            let lf_at = self.lf_at.take();
            let Some(token) = self.tokens.next_token()? else {
                break;
            };
            match token {
                Token::Text(raw) => {
                    let mut raw = raw;
                    if lf_at == Some(self.tokens.last_start()) {
                        if raw.starts_with('&') {
                            return Err(Bail);
                        }
                        raw = raw.strip_prefix('\n').unwrap_or(raw);
                    }
                    let text = decode(raw)?;
                    self.on_text(&text)?;
                }
                Token::Start(tag) => {
                    if self.scan.start(&tag.name, tag.self_closing)? {
                        cut = true;
                        break;
                    }
                    self.on_start(&tag)?;
                }
                Token::End(name) => {
                    self.scan.end(name.as_str());
                    self.on_end(name.as_str())?;
                }
                Token::PrescanEnd(name) => self.scan.end(name.as_str()),
            }
        }
        while !self.stack.is_empty() {
            self.pop()?;
        }
        Ok(cut)
    }

    // ---- what the reader keeps ----

    fn text(&mut self, s: &str) {
        if self.skip > 0 || s.is_empty() {
            return;
        }
        match self.tables.last_mut() {
            None => self.out.line.push_str(s),
            Some(t) => {
                if let Some(cell) = &mut t.cell {
                    cell.text.push_str(s);
                }
                if let Some(Event::Text(last)) = t.events.last_mut() {
                    last.push_str(s);
                } else {
                    t.events.push(Event::Text(s.to_string()));
                }
            }
        }
    }

    fn flush(&mut self) {
        match self.tables.last_mut() {
            None => self.out.flush(),
            Some(t) => t.events.push(Event::Flush),
        }
    }

    /// A closed table's reading goes to the table around it, or out.
    fn emit(&mut self, event: Event) {
        match (self.tables.last_mut(), event) {
            (Some(t), Event::Text(s)) => {
                if let Some(Event::Text(last)) = t.events.last_mut() {
                    last.push_str(&s);
                } else {
                    t.events.push(Event::Text(s));
                }
            }
            (Some(t), event) => t.events.push(event),
            (None, Event::Text(s)) => self.out.line.push_str(&s),
            (None, Event::Flush) => self.out.flush(),
            (None, Event::Table(rows)) => self.out.table(rows),
        }
    }

    // ---- the stack ----

    fn push(&mut self, name: TagName, tag: Option<&StartTag>) -> Result<()> {
        if self.stack.len() >= nesting::MAX_DEPTH {
            return Err(Bail);
        }
        let n = name.as_str();
        let kind = name.kind();
        let id = self.next_id;
        self.next_id += 1;
        if kind & SKIP != 0 {
            self.skip += 1;
        } else if self.skip == 0 {
            if n == "table" {
                self.flush();
                for t in &mut self.tables {
                    t.leaf = false;
                    t.rows.clear();
                    t.cell = None;
                }
                self.tables.push(OpenTable {
                    id,
                    leaf: true,
                    events: Vec::new(),
                    rows: Vec::new(),
                    cell: None,
                });
            } else if kind & BLOCK != 0 {
                self.flush();
                if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                    cell.text.push('\n');
                }
            }
            if let Some(t) = self.tables.last_mut().filter(|t| t.leaf) {
                match n {
                    "tr" => t.rows.push(TableRow::default()),
                    "td" | "th" => {
                        let attr = |a: &str| -> Result<Option<Cow<str>>> {
                            tag.map_or(Ok(None), |tag| tag.attr(a))
                        };
                        t.cell = Some(OpenCell {
                            id,
                            text: String::new(),
                            colspan: span(attr("colspan")?.as_deref(), MAX_COLSPAN),
                            rowspan: span(attr("rowspan")?.as_deref(), MAX_ROWSPAN),
                        });
                    }
                    _ => {}
                }
            }
        } else if n == "table" {
            return Err(Bail);
        }
        self.stack.push(El { name, kind, id });
        Ok(())
    }

    /// Pop the current node (a formatting element popped other than by its own end tag stays
    /// in the active formatting list, to be made again by [`Reader::reconstruct`]).
    fn pop(&mut self) -> Result<()> {
        let Some(el) = self.stack.pop() else {
            return Err(Bail);
        };
        if el.kind & SKIP != 0 {
            self.skip -= 1;
            return Ok(());
        }
        if self.skip > 0 {
            return Ok(());
        }
        if el.is("table") {
            let Some(t) = self.tables.pop().filter(|t| t.id == el.id) else {
                return Err(Bail);
            };
            if t.leaf {
                self.emit(Event::Table(t.rows));
            } else {
                for event in t.events {
                    self.emit(event);
                }
                self.flush();
            }
            return Ok(());
        }
        if let Some(t) = self.tables.last_mut() {
            if t.cell.as_ref().is_some_and(|c| c.id == el.id) {
                let cell = t.cell.take().ok_or(Bail)?;
                let row = t.rows.last_mut().ok_or(Bail)?;
                row.cells.push(TableCell {
                    text: cell.text.trim().to_string(),
                    colspan: cell.colspan,
                    rowspan: cell.rowspan,
                });
            }
        }
        if el.kind & BLOCK != 0 {
            self.flush();
        }
        Ok(())
    }

    fn void(&mut self, name: &str, tag: Option<&StartTag>) -> Result<()> {
        self.push(TagName::new(name.as_bytes()), tag)?;
        self.pop()
    }

    fn current(&self) -> Option<&El> {
        self.stack.last()
    }

    fn current_is(&self, name: &str) -> bool {
        self.current().is_some_and(|e| e.is(name))
    }

    fn in_scope(&self, scope: Scope, target: impl Fn(&El) -> bool) -> bool {
        for el in self.stack.iter().rev() {
            if target(el) {
                return true;
            }
            let n = el.name.as_str();
            let boundary = match scope {
                Scope::Default => el.kind & SCOPE != 0,
                Scope::ListItem => el.kind & SCOPE != 0 || n == "ol" || n == "ul",
                Scope::Button => el.kind & SCOPE != 0 || n == "button",
                Scope::Table => matches!(n, "html" | "table" | "template"),
            };
            if boundary {
                return false;
            }
        }
        false
    }

    fn has_in_scope(&self, scope: Scope, name: &str) -> bool {
        self.in_scope(scope, |e| e.is(name))
    }

    fn generate_implied(&mut self, except: Option<&str>) -> Result<()> {
        while let Some(el) = self.current() {
            if el.kind & IMPLIED == 0 || except.is_some_and(|x| el.is(x)) {
                break;
            }
            self.pop()?;
        }
        Ok(())
    }

    fn pop_until(&mut self, target: impl Fn(&El) -> bool) -> Result<()> {
        loop {
            let Some(el) = self.current() else {
                return Err(Bail);
            };
            let last = target(el);
            self.pop()?;
            if last {
                return Ok(());
            }
        }
    }

    fn pop_until_current(&mut self, names: &[&str]) -> Result<()> {
        while let Some(el) = self.current() {
            if names.contains(&el.name.as_str()) {
                return Ok(());
            }
            self.pop()?;
        }
        Err(Bail)
    }

    fn close_p(&mut self) -> Result<()> {
        self.generate_implied(Some("p"))?;
        self.pop_until(|e| e.is("p"))
    }

    fn close_p_in_button_scope(&mut self) -> Result<()> {
        if self.has_in_scope(Scope::Button, "p") {
            self.close_p()?;
        }
        Ok(())
    }

    fn close_cell(&mut self) -> Result<()> {
        self.generate_implied(None)?;
        self.pop_until(|e| e.is("td") || e.is("th"))?;
        self.clear_to_marker();
        self.mode = Mode::InRow;
        Ok(())
    }

    /// The list's entries after its last marker.
    fn after_marker(&self) -> &[Entry] {
        let from = self
            .formatting
            .iter()
            .rposition(|e| matches!(e, Entry::Marker))
            .map_or(0, |i| i + 1);
        &self.formatting[from..]
    }

    fn clear_to_marker(&mut self) {
        while let Some(entry) = self.formatting.pop() {
            if matches!(entry, Entry::Marker) {
                break;
            }
        }
    }

    fn on_stack(&self, id: u32) -> bool {
        self.stack.iter().rev().any(|e| e.id == id)
    }

    /// Open a formatting element (`<b>`, `<a>`, `<font>` …) and put it on the list.
    fn push_formatting(&mut self, name: TagName) -> Result<()> {
        // Noah's Ark: a fourth like element (by name and attributes) drops the first.
        let n = name.as_str();
        let like = self
            .after_marker()
            .iter()
            .filter(|e| matches!(e, Entry::Element { name, .. } if name.as_str() == n))
            .count();
        if like >= 3 {
            return Err(Bail);
        }
        let id = self.next_id;
        self.push(name.clone(), None)?;
        self.formatting.push(Entry::Element { name, id });
        Ok(())
    }

    /// Open again the formatting elements closed by something else than their end tag.
    fn reconstruct(&mut self) -> Result<()> {
        let open = |r: &Self, e: &Entry| match e {
            Entry::Marker => true,
            Entry::Element { id, .. } => r.on_stack(*id),
        };
        let Some(last) = self.formatting.last() else {
            return Ok(());
        };
        if open(self, last) {
            return Ok(());
        }
        let mut i = self.formatting.len() - 1;
        while i > 0 && !open(self, &self.formatting[i - 1]) {
            i -= 1;
        }
        for j in i..self.formatting.len() {
            let Entry::Element { name, .. } = &self.formatting[j] else {
                return Err(Bail);
            };
            let name = name.clone();
            let id = self.next_id;
            self.push(name.clone(), None)?;
            self.formatting[j] = Entry::Element { name, id };
        }
        Ok(())
    }

    fn reset_mode(&mut self) -> Result<()> {
        for (i, el) in self.stack.iter().enumerate().rev() {
            let mode = match el.name.as_str() {
                "td" | "th" if i > 0 => Mode::InCell,
                "tr" => Mode::InRow,
                "tbody" | "thead" | "tfoot" => Mode::InTableBody,
                "table" => Mode::InTable,
                "body" => Mode::InBody,
                "caption" | "colgroup" | "template" | "frameset" | "head" | "html" => {
                    return Err(Bail)
                }
                _ => continue,
            };
            self.mode = mode;
            return Ok(());
        }
        Err(Bail)
    }
}
