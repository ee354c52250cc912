//! The tree builder's insertion-mode rules, as far as the tree-less reader follows them
//! (html5ever 0.40's `tree_builder/rules.rs`: initial to after-head, in body, in table, in
//! table body, in row, in cell). Every path either does what html5ever does to the stack of
//! open elements, or bails.

use super::super::names::{is_heading, TagName, FORMATTING, SPECIAL};
use super::super::tokens::{decode, Bail, Result, StartTag};
use super::{is_ws, Entry, Mode, Reader, Scope};

/// Start tags that close an open `<p>` and open a block (html5ever's list, with `menu`).
const P_CLOSING_BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "nav",
    "ol",
    "p",
    "search",
    "section",
    "summary",
    "ul",
    "menu",
];

/// End tags closing a block in the default scope.
const BLOCK_ENDS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "button",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "pre",
    "search",
    "section",
    "select",
    "summary",
    "ul",
];

/// Start tags this reader leaves to html5ever wherever they appear.
const NOT_OURS: &[&str] = &[
    "plaintext",
    "xmp",
    "noembed",
    "applet",
    "marquee",
    "object",
    "template",
    "math",
    "svg",
    "frameset",
    "rb",
    "rtc",
    "rp",
    "rt",
    "selectedcontent",
];

impl Reader<'_> {
    pub(super) fn on_text(&mut self, text: &str) -> Result<()> {
        let lead = text.bytes().take_while(|b| is_ws(*b)).count();
        match self.mode {
            Mode::Initial | Mode::InHead | Mode::AfterHead => {
                if self.mode == Mode::AfterHead {
                    self.text(&text[..lead]);
                }
                if lead == text.len() {
                    return Ok(());
                }
                self.open_body()?;
                self.text(&text[lead..]);
            }
            Mode::InBody | Mode::InCell => {
                self.reconstruct()?;
                self.text(text);
            }
            Mode::InTable | Mode::InTableBody | Mode::InRow => {
                if lead != text.len() {
                    // Foster parenting.
                    return Err(Bail);
                }
                self.text(text);
            }
        }
        Ok(())
    }

    /// Whatever ends the head: the implied `<html>`, `<head>` and `<body>` open as needed.
    fn open_body(&mut self) -> Result<()> {
        if self.mode == Mode::Initial {
            self.open_head()?;
        }
        if self.mode == Mode::InHead {
            self.pop()?; // the head
            self.mode = Mode::AfterHead;
        }
        if self.mode == Mode::AfterHead {
            self.push(TagName::new(b"body"), None)?;
            self.mode = Mode::InBody;
        }
        Ok(())
    }

    fn open_head(&mut self) -> Result<()> {
        if self.stack.is_empty() {
            self.push(TagName::new(b"html"), None)?;
        }
        self.push(TagName::new(b"head"), None)?;
        self.mode = Mode::InHead;
        Ok(())
    }

    pub(super) fn on_start(&mut self, tag: &StartTag) -> Result<()> {
        let name = tag.name.as_str();
        if NOT_OURS.contains(&name) {
            return Err(Bail);
        }
        loop {
            match self.mode {
                Mode::Initial => match name {
                    "html" if self.stack.is_empty() => return self.push(tag.name.clone(), None),
                    "html" => return Ok(()),
                    "head" => {
                        if self.stack.is_empty() {
                            self.push(TagName::new(b"html"), None)?;
                        }
                        self.push(tag.name.clone(), None)?;
                        self.mode = Mode::InHead;
                        return Ok(());
                    }
                    _ => self.open_head()?,
                },
                Mode::InHead => match name {
                    "html" | "head" => return Ok(()),
                    "base" | "basefont" | "bgsound" | "link" | "meta" | "title" | "style"
                    | "noscript" | "noframes" | "script" => return self.head_element(tag),
                    _ => {
                        self.pop()?;
                        self.mode = Mode::AfterHead;
                    }
                },
                Mode::AfterHead => match name {
                    "html" | "head" => return Ok(()),
                    "body" => {
                        self.push(tag.name.clone(), None)?;
                        self.mode = Mode::InBody;
                        return Ok(());
                    }
                    // Into the head, which is read as nothing.
                    "base" | "basefont" | "bgsound" | "link" | "meta" | "title" | "style"
                    | "noframes" | "script" => {
                        self.skip += 1;
                        let r = self.head_element(tag);
                        self.skip -= 1;
                        return r;
                    }
                    _ => self.open_body()?,
                },
                Mode::InBody => return self.start_in_body(tag),
                Mode::InCell => match name {
                    "caption" | "col" | "colgroup" | "tbody" | "td" | "tfoot" | "th" | "thead"
                    | "tr" => {
                        if !self.in_scope(Scope::Table, |e| e.is("td") || e.is("th")) {
                            return Ok(());
                        }
                        self.close_cell()?;
                    }
                    _ => return self.start_in_body(tag),
                },
                Mode::InRow => match name {
                    "td" | "th" => {
                        self.pop_until_current(&["tr", "template", "html"])?;
                        self.push(tag.name.clone(), Some(tag))?;
                        self.formatting.push(Entry::Marker);
                        self.mode = Mode::InCell;
                        return Ok(());
                    }
                    "caption" | "col" | "colgroup" | "tbody" | "tfoot" | "thead" | "tr" => {
                        if !self.has_in_scope(Scope::Table, "tr") {
                            return Ok(());
                        }
                        self.close_row()?;
                    }
                    _ => return self.start_in_table(tag),
                },
                Mode::InTableBody => match name {
                    "tr" => {
                        self.pop_until_current(&["tbody", "tfoot", "thead", "template", "html"])?;
                        self.push(tag.name.clone(), None)?;
                        self.mode = Mode::InRow;
                        return Ok(());
                    }
                    "td" | "th" => {
                        self.pop_until_current(&["tbody", "tfoot", "thead", "template", "html"])?;
                        self.push(TagName::new(b"tr"), None)?;
                        self.mode = Mode::InRow;
                    }
                    "caption" | "col" | "colgroup" | "tbody" | "tfoot" | "thead" => {
                        if !self.in_scope(Scope::Table, |e| {
                            e.is("table") || e.is("tbody") || e.is("tfoot")
                        }) {
                            return Ok(());
                        }
                        self.close_table_body()?;
                    }
                    _ => return self.start_in_table(tag),
                },
                Mode::InTable => return self.start_in_table(tag),
            }
        }
    }

    fn close_row(&mut self) -> Result<()> {
        self.pop_until_current(&["tr", "template", "html"])?;
        self.pop()?;
        self.mode = Mode::InTableBody;
        Ok(())
    }

    fn close_table_body(&mut self) -> Result<()> {
        self.pop_until_current(&["tbody", "tfoot", "thead", "template", "html"])?;
        self.pop()?;
        self.mode = Mode::InTable;
        Ok(())
    }

    fn start_in_table(&mut self, tag: &StartTag) -> Result<()> {
        let name = tag.name.as_str();
        match name {
            "tbody" | "tfoot" | "thead" => {
                self.pop_until_current(&["table", "template", "html"])?;
                self.push(tag.name.clone(), None)?;
                self.mode = Mode::InTableBody;
                Ok(())
            }
            "td" | "th" | "tr" => {
                self.pop_until_current(&["table", "template", "html"])?;
                self.push(TagName::new(b"tbody"), None)?;
                self.mode = Mode::InTableBody;
                self.on_start(tag)
            }
            "style" | "script" => self.head_element(tag),
            // Captions, column groups, a table in a table, inputs, forms, and everything
            // fostered out of the table.
            _ => Err(Bail),
        }
    }

    /// `<meta>`, `<title>`, `<script>` … wherever they stand.
    fn head_element(&mut self, tag: &StartTag) -> Result<()> {
        let name = tag.name.as_str();
        match name {
            "base" | "basefont" | "bgsound" | "link" => self.void(name, None),
            "meta" => {
                if self.meta_title.is_none() {
                    let kind = tag.attr("name")?.unwrap_or_default().to_ascii_lowercase();
                    if kind == "articletitle" || kind == "title" {
                        if let Some(c) = tag.attr("content")?.filter(|c| !c.trim().is_empty()) {
                            self.meta_title = Some(c.trim().to_string());
                        }
                    }
                }
                self.void(name, None)
            }
            "title" => {
                self.push(tag.name.clone(), None)?;
                let raw = self.tokens.raw_text("title")?;
                let text = decode(raw)?;
                if self.title.is_none() && !text.trim().is_empty() {
                    self.title = Some(text.trim().to_string());
                }
                self.text(&text);
                self.pop()
            }
            "script" | "style" | "noscript" | "noframes" | "iframe" | "textarea" => {
                if name == "noframes" && self.skip == 0 {
                    // Its raw text would be read.
                    return Err(Bail);
                }
                self.push(tag.name.clone(), None)?;
                let raw = self.tokens.raw_text(name)?;
                if name == "script" && raw.contains("<!--") {
                    return Err(Bail);
                }
                self.pop()
            }
            _ => Err(Bail),
        }
    }

    fn start_in_body(&mut self, tag: &StartTag) -> Result<()> {
        let name = tag.name.as_str();
        match name {
            "html" | "body" => Ok(()),
            "base" | "basefont" | "bgsound" | "link" | "meta" | "noframes" | "script" | "style"
            | "title" | "noscript" | "iframe" | "textarea" => self.head_element(tag),
            n if P_CLOSING_BLOCKS.contains(&n) => {
                self.close_p_in_button_scope()?;
                self.push(tag.name.clone(), None)
            }
            n if is_heading(n) => {
                self.close_p_in_button_scope()?;
                if self.current().is_some_and(|e| is_heading(e.name.as_str())) {
                    self.pop()?;
                }
                self.push(tag.name.clone(), None)
            }
            "pre" | "listing" => {
                self.close_p_in_button_scope()?;
                self.push(tag.name.clone(), None)?;
                self.lf_at = Some(self.tokens.position());
                Ok(())
            }
            "form" => {
                if self.form.is_some() {
                    return Ok(());
                }
                self.close_p_in_button_scope()?;
                self.form = Some(self.next_id);
                self.push(tag.name.clone(), None)
            }
            "li" | "dd" | "dt" => {
                let list = name == "li";
                let mut to_close = None;
                for el in self.stack.iter().rev() {
                    let n = el.name.as_str();
                    if (list && n == "li") || (!list && (n == "dd" || n == "dt")) {
                        to_close = Some(el.name.clone());
                        break;
                    }
                    if el.kind & SPECIAL != 0 && !matches!(n, "address" | "div" | "p") {
                        break;
                    }
                }
                if let Some(close) = to_close {
                    self.generate_implied(Some(close.as_str()))?;
                    self.pop_until(|e| e.is(close.as_str()))?;
                }
                self.close_p_in_button_scope()?;
                self.push(tag.name.clone(), None)
            }
            "button" => {
                if self.has_in_scope(Scope::Default, "button") {
                    return Err(Bail);
                }
                self.reconstruct()?;
                self.push(tag.name.clone(), None)
            }
            "a" => {
                let open_a = self.after_marker().iter().rev().find_map(|e| match e {
                    Entry::Element { name, id } if name.as_str() == "a" => Some(*id),
                    _ => None,
                });
                if let Some(id) = open_a {
                    self.adoption_agency("a")?;
                    if self.on_stack(id) {
                        // It would be taken out of the middle of the stack.
                        return Err(Bail);
                    }
                    self.formatting
                        .retain(|e| !matches!(e, Entry::Element { id: i, .. } if *i == id));
                }
                self.reconstruct()?;
                self.push_formatting(tag.name.clone())
            }
            "nobr" => {
                self.reconstruct()?;
                if self.has_in_scope(Scope::Default, "nobr") {
                    self.adoption_agency("nobr")?;
                    self.reconstruct()?;
                }
                self.push_formatting(tag.name.clone())
            }
            _ if tag.name.kind() & FORMATTING != 0 => {
                self.reconstruct()?;
                self.push_formatting(tag.name.clone())
            }
            "table" => {
                // Outside quirks mode a table closes an open paragraph; in quirks mode (which
                // the doctype decides) it does not.
                if self.has_in_scope(Scope::Button, "p") {
                    return Err(Bail);
                }
                self.push(tag.name.clone(), None)?;
                self.mode = Mode::InTable;
                Ok(())
            }
            "area" | "br" | "embed" | "img" | "keygen" | "wbr" => {
                self.reconstruct()?;
                self.void(name, None)
            }
            "param" | "source" | "track" => self.void(name, None),
            "image" => {
                self.reconstruct()?;
                self.void("img", None)
            }
            "input" => {
                if self.has_in_scope(Scope::Default, "select") {
                    return Err(Bail);
                }
                self.reconstruct()?;
                self.void(name, None)
            }
            "hr" => {
                self.close_p_in_button_scope()?;
                if self.has_in_scope(Scope::Default, "select") {
                    return Err(Bail);
                }
                self.void(name, None)
            }
            "select" => {
                if self.has_in_scope(Scope::Default, "select") {
                    return Err(Bail);
                }
                self.reconstruct()?;
                self.push(tag.name.clone(), None)
            }
            "option" | "optgroup" => {
                if self.has_in_scope(Scope::Default, "select") {
                    self.generate_implied((name == "option").then_some("optgroup"))?;
                } else if self.current_is("option") {
                    self.pop()?;
                }
                self.reconstruct()?;
                self.push(tag.name.clone(), None)
            }
            "caption" | "col" | "colgroup" | "frame" | "head" | "tbody" | "td" | "tfoot" | "th"
            | "thead" | "tr" => Ok(()),
            _ => {
                self.reconstruct()?;
                self.push(tag.name.clone(), None)
            }
        }
    }

    pub(super) fn on_end(&mut self, name: &str) -> Result<()> {
        if name == "template" {
            return Err(Bail);
        }
        loop {
            match self.mode {
                Mode::Initial => match name {
                    "head" | "body" | "html" | "br" => self.open_head()?,
                    _ => return Ok(()),
                },
                Mode::InHead => match name {
                    "head" => {
                        self.pop()?;
                        self.mode = Mode::AfterHead;
                        return Ok(());
                    }
                    "body" | "html" | "br" => {
                        self.pop()?;
                        self.mode = Mode::AfterHead;
                    }
                    _ => return Ok(()),
                },
                Mode::AfterHead => match name {
                    "body" | "html" | "br" => self.open_body()?,
                    _ => return Ok(()),
                },
                Mode::InBody => return self.end_in_body(name),
                Mode::InCell => match name {
                    "td" | "th" => {
                        if self.has_in_scope(Scope::Table, name) {
                            self.generate_implied(None)?;
                            self.pop_until(|e| e.is(name))?;
                            self.clear_to_marker();
                            self.mode = Mode::InRow;
                        }
                        return Ok(());
                    }
                    "body" | "caption" | "col" | "colgroup" | "html" => return Ok(()),
                    "table" | "tbody" | "tfoot" | "thead" | "tr" => {
                        if !self.has_in_scope(Scope::Table, name) {
                            return Ok(());
                        }
                        self.close_cell()?;
                    }
                    _ => return self.end_in_body(name),
                },
                Mode::InRow => match name {
                    "tr" => {
                        if self.has_in_scope(Scope::Table, "tr") {
                            self.close_row()?;
                        }
                        return Ok(());
                    }
                    "table" => {
                        if !self.has_in_scope(Scope::Table, "tr") {
                            return Ok(());
                        }
                        self.close_row()?;
                    }
                    "tbody" | "tfoot" | "thead" => {
                        if !self.has_in_scope(Scope::Table, name)
                            || !self.has_in_scope(Scope::Table, "tr")
                        {
                            return Ok(());
                        }
                        self.close_row()?;
                    }
                    "body" | "caption" | "col" | "colgroup" | "html" | "td" | "th" => return Ok(()),
                    _ => return self.end_in_table(name),
                },
                Mode::InTableBody => match name {
                    "tbody" | "tfoot" | "thead" => {
                        if self.has_in_scope(Scope::Table, name) {
                            self.close_table_body()?;
                        }
                        return Ok(());
                    }
                    "table" => {
                        if !self.in_scope(Scope::Table, |e| {
                            e.is("table") || e.is("tbody") || e.is("tfoot")
                        }) {
                            return Ok(());
                        }
                        self.close_table_body()?;
                    }
                    "body" | "caption" | "col" | "colgroup" | "html" | "td" | "th" | "tr" => {
                        return Ok(())
                    }
                    _ => return self.end_in_table(name),
                },
                Mode::InTable => return self.end_in_table(name),
            }
        }
    }

    fn end_in_table(&mut self, name: &str) -> Result<()> {
        match name {
            "table" => {
                if self.has_in_scope(Scope::Table, "table") {
                    self.pop_until(|e| e.is("table"))?;
                    self.reset_mode()?;
                }
                Ok(())
            }
            "body" | "caption" | "col" | "colgroup" | "html" | "tbody" | "td" | "tfoot" | "th"
            | "thead" | "tr" => Ok(()),
            _ => Err(Bail),
        }
    }

    fn end_in_body(&mut self, name: &str) -> Result<()> {
        match name {
            "body" | "html" => Ok(()),
            n if BLOCK_ENDS.contains(&n) => {
                if self.has_in_scope(Scope::Default, n) {
                    self.generate_implied(None)?;
                    self.pop_until(|e| e.is(n))?;
                }
                Ok(())
            }
            "form" => {
                let Some(id) = self.form.take() else {
                    return Ok(());
                };
                if !self.in_scope(Scope::Default, |e| e.id == id) {
                    return Ok(());
                }
                self.generate_implied(None)?;
                if self.current().is_some_and(|e| e.id == id) {
                    self.pop()
                } else {
                    // Taken out of the middle of the stack.
                    Err(Bail)
                }
            }
            "p" => {
                if !self.has_in_scope(Scope::Button, "p") {
                    self.push(TagName::new(b"p"), None)?;
                }
                self.close_p()
            }
            "li" => {
                if self.has_in_scope(Scope::ListItem, "li") {
                    self.generate_implied(Some("li"))?;
                    self.pop_until(|e| e.is("li"))?;
                }
                Ok(())
            }
            "dd" | "dt" => {
                if self.has_in_scope(Scope::Default, name) {
                    self.generate_implied(Some(name))?;
                    self.pop_until(|e| e.is(name))?;
                }
                Ok(())
            }
            n if is_heading(n) => {
                if self.in_scope(Scope::Default, |e| is_heading(e.name.as_str())) {
                    self.generate_implied(None)?;
                    self.pop_until(|e| is_heading(e.name.as_str()))?;
                }
                Ok(())
            }
            n if TagName::new(n.as_bytes()).kind() & FORMATTING != 0 => self.adoption_agency(n),
            "br" => {
                self.reconstruct()?;
                self.void("br", None)
            }
            _ => self.end_other(name),
        }
    }

    /// The adoption agency algorithm for the end tag of formatting element `subject`, in the
    /// cases where it moves no node (there is no "furthest block").
    fn adoption_agency(&mut self, subject: &str) -> Result<()> {
        if let Some(current) = self.current() {
            let listed = self
                .formatting
                .iter()
                .any(|e| matches!(e, Entry::Element { id, .. } if *id == current.id));
            if current.is(subject) && !listed {
                return self.pop();
            }
        }
        let from = self.formatting.len() - self.after_marker().len();
        let found = self.formatting[from..]
            .iter()
            .rposition(|e| matches!(e, Entry::Element { name, .. } if name.as_str() == subject));
        let Some(index) = found.map(|i| from + i) else {
            return self.end_other(subject);
        };
        let Entry::Element { id, .. } = self.formatting[index] else {
            return Err(Bail);
        };
        let Some(k) = self.stack.iter().rposition(|e| e.id == id) else {
            self.formatting.remove(index);
            return Ok(());
        };
        if !self.in_scope(Scope::Default, |e| e.id == id) {
            return Ok(());
        }
        if self.stack[k + 1..].iter().any(|e| e.kind & SPECIAL != 0) {
            // A furthest block: nodes would move.
            return Err(Bail);
        }
        while self.stack.len() > k {
            self.pop()?;
        }
        self.formatting.remove(index);
        Ok(())
    }

    /// "Any other end tag".
    fn end_other(&mut self, name: &str) -> Result<()> {
        for i in (0..self.stack.len()).rev() {
            let el = &self.stack[i];
            if el.is(name) {
                self.generate_implied(Some(name))?;
                while self.stack.len() > i {
                    self.pop()?;
                }
                return Ok(());
            }
            if el.kind & SPECIAL != 0 {
                return Ok(());
            }
        }
        Ok(())
    }
}
