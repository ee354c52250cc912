//! The tokens of a page, as html5ever's tokenizer reads them, for the tree-less reader
//! ([`super::fast`]): text, start tags and end tags; comments, doctypes and processing
//! instructions are passed over. Where this reading could differ from the tokenizer's (a
//! character reference it does not know, a NUL, a tag cut by the end of the page, an attribute
//! whose quotes the pre-scan would read differently) it gives up with [`Bail`], and the page goes
//! to the tree builder.

use super::names::TagName;
use crate::read::extract::nesting::{comment_end, find, raw_text_close};
use memchr::memchr;
use std::borrow::Cow;

/// The page needs html5ever: the tree-less reader does not read it the same way for sure.
#[derive(Debug, PartialEq, Eq)]
pub struct Bail;

pub type Result<T> = std::result::Result<T, Bail>;

pub enum Token<'a> {
    /// Text as it stands in the page (character references not yet decoded).
    Text(&'a str),
    Start(StartTag<'a>),
    End(TagName),
    /// A bogus comment like `</</ul>` that the pre-scan reads as the end tag `</ul>` (and
    /// html5ever as nothing).
    PrescanEnd(TagName),
}

pub struct StartTag<'a> {
    pub name: TagName,
    /// The bytes after the name, to the tag's `>` included.
    attrs: &'a [u8],
    /// Written `<name … />` (only the pre-scan's nesting model reads it).
    pub self_closing: bool,
}

impl<'a> StartTag<'a> {
    /// The first attribute named `name` (lower-case), its value decoded.
    pub fn attr(&self, name: &str) -> Result<Option<Cow<'a, str>>> {
        let mut found: Option<&'a [u8]> = None;
        scan_attributes(self.attrs, 0, |n, v| {
            if found.is_none() && n.eq_ignore_ascii_case(name.as_bytes()) {
                found = Some(v);
            }
        })?;
        match found {
            None => Ok(None),
            Some(v) => {
                let v = std::str::from_utf8(v).map_err(|_| Bail)?;
                decode(v).map(Some)
            }
        }
    }
}

pub struct Tokens<'a> {
    text: &'a str,
    at: usize,
    /// Where the last token returned starts.
    last: usize,
}

impl<'a> Tokens<'a> {
    /// `text` must have no CR and no NUL (the caller normalises or bails).
    pub fn new(text: &'a str) -> Tokens<'a> {
        Tokens {
            text,
            at: 0,
            last: 0,
        }
    }

    /// Where the next token starts.
    pub fn position(&self) -> usize {
        self.at
    }

    /// Where the last token returned starts.
    pub fn last_start(&self) -> usize {
        self.last
    }

    pub fn next_token(&mut self) -> Result<Option<Token<'a>>> {
        let bytes = self.text.as_bytes();
        loop {
            if self.at >= bytes.len() {
                return Ok(None);
            }
            let start = self.at;
            self.last = start;
            if bytes[start] != b'<' {
                let end = memchr(b'<', &bytes[start..]).map_or(bytes.len(), |i| start + i);
                self.at = end;
                return Ok(Some(Token::Text(&self.text[start..end])));
            }
            match bytes.get(start + 1) {
                Some(b'!') => {
                    self.at = if bytes[start..].starts_with(b"<!--") {
                        comment_end(bytes, start + 4)
                    } else {
                        // A doctype or a bogus comment: to the next `>`.
                        find(bytes, start + 2, b">").map_or(bytes.len(), |i| i + 1)
                    };
                }
                Some(b'?') => {
                    self.at = find(bytes, start + 2, b">").map_or(bytes.len(), |i| i + 1);
                }
                Some(b'/') => match bytes.get(start + 2) {
                    Some(b) if b.is_ascii_alphabetic() => {
                        let (name, after) = tag_name(bytes, start + 2)?;
                        let (end, _) = scan_attributes(bytes, after, |_, _| {})?;
                        self.at = end;
                        return Ok(Some(Token::End(name)));
                    }
                    // `</>`: nothing.
                    Some(b'>') => self.at = start + 3,
                    // `</` at the end: text.
                    None => {
                        self.at = bytes.len();
                        return Ok(Some(Token::Text(&self.text[start..])));
                    }
                    // `</ …>`: a bogus comment, to the next `>`.
                    Some(_) => {
                        let end = find(bytes, start + 2, b">").map_or(bytes.len(), |i| i + 1);
                        self.at = end;
                        if let Some(name) = prescan_end(&bytes[start + 2..end])? {
                            return Ok(Some(Token::PrescanEnd(name)));
                        }
                    }
                },
                Some(b) if b.is_ascii_alphabetic() => {
                    let (name, after) = tag_name(bytes, start + 1)?;
                    let (end, self_closing) = scan_attributes(bytes, after, |_, _| {})?;
                    self.at = end;
                    return Ok(Some(Token::Start(StartTag {
                        name,
                        attrs: &bytes[after..end],
                        self_closing,
                    })));
                }
                _ => {
                    // A `<` that starts no tag is text.
                    let end =
                        memchr(b'<', &bytes[start + 1..]).map_or(bytes.len(), |i| start + 1 + i);
                    self.at = end;
                    return Ok(Some(Token::Text(&self.text[start..end])));
                }
            }
        }
    }

    /// The raw text of element `name` (its start tag just read) up to its end tag, which is
    /// passed over: `<script>`, `<style>`, `<title>` … The end tag is `</name` followed by a
    /// blank, `/` or `>`; without one the text runs to the end of the page.
    pub fn raw_text(&mut self, name: &str) -> Result<&'a str> {
        let bytes = self.text.as_bytes();
        let from = self.at;
        // The pre-scan's rule (the text has no CR here, the only blank it adds).
        match raw_text_close(bytes, from, name) {
            Some(i) => {
                let (end, _) = scan_attributes(bytes, i + 2 + name.len(), |_, _| {})?;
                self.at = end;
                Ok(&self.text[from..i])
            }
            None => {
                self.at = bytes.len();
                Ok(&self.text[from..])
            }
        }
    }
}

/// What the pre-scan reads in the rest of a bogus comment `</…>` (from its third byte): no tag,
/// or one end tag ending where the comment ends. Anything else bails.
fn prescan_end(rest: &[u8]) -> Result<Option<TagName>> {
    let Some(lt) = memchr(b'<', rest) else {
        return Ok(None);
    };
    let tail = &rest[lt..];
    if tail.get(1) != Some(&b'/') || !tail.get(2).is_some_and(u8::is_ascii_alphabetic) {
        return Err(Bail);
    }
    let len = tail[2..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if tail.get(2 + len) != Some(&b'>') || 2 + len + 1 != tail.len() {
        return Err(Bail);
    }
    Ok(Some(TagName::new(&tail[2..2 + len])))
}

/// The tag name at `from` (an ASCII letter there) and the index after it.
fn tag_name(bytes: &[u8], from: usize) -> Result<(TagName, usize)> {
    let len = bytes[from..]
        .iter()
        .take_while(|b| !matches!(b, b'\t' | b'\n' | b'\x0c' | b' ' | b'/' | b'>'))
        .count();
    if from + len >= bytes.len() || bytes[from..from + len].contains(&b'=') {
        // The page ends in the tag (the tokenizer drops it), or the pre-scan may take a quote
        // after the name's `=` for a value's.
        return Err(Bail);
    }
    Ok((TagName::new(&bytes[from..from + len]), from + len))
}

fn blank(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b' ')
}

/// Read a tag's attributes from `i` (just after its name) as the tokenizer does, calling `each`
/// with every attribute's name and raw value; returns the index past the tag's `>` and whether
/// it ended in `/>`. Bails when the page ends inside the tag, and where the pre-scan (which
/// finds a tag's end by a simpler rule) could end the tag elsewhere: a quote after an `=`
/// that does not start a value.
fn scan_attributes<'b>(
    bytes: &'b [u8],
    mut i: usize,
    mut each: impl FnMut(&'b [u8], &'b [u8]),
) -> Result<(usize, bool)> {
    let n = bytes.len();
    loop {
        // Before an attribute name.
        while i < n && blank(bytes[i]) {
            i += 1;
        }
        match bytes.get(i) {
            None => return Err(Bail),
            Some(b'>') => return Ok((i + 1, false)),
            Some(b'/') => {
                match bytes.get(i + 1) {
                    None => return Err(Bail),
                    Some(b'>') => return Ok((i + 2, true)),
                    Some(_) => {}
                }
                i += 1;
                continue;
            }
            Some(_) => {}
        }
        // The name: a first `=` belongs to it.
        let name_start = i;
        i += 1;
        while i < n && !blank(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let name = &bytes[name_start..i];
        if name.iter().any(|b| matches!(b, b'=' | b'"' | b'\'')) {
            // The pre-scan may take that quote for a value's.
            return Err(Bail);
        }
        while i < n && blank(bytes[i]) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            each(name, b"");
            continue;
        }
        i += 1;
        while i < n && blank(bytes[i]) {
            i += 1;
        }
        match bytes.get(i) {
            None => return Err(Bail),
            Some(&q @ (b'"' | b'\'')) => {
                let Some(len) = memchr(q, &bytes[i + 1..]) else {
                    return Err(Bail);
                };
                each(name, &bytes[i + 1..i + 1 + len]);
                i += 1 + len + 1;
            }
            Some(b'>') => {
                each(name, b"");
            }
            Some(_) => {
                let start = i;
                while i < n && !blank(bytes[i]) && bytes[i] != b'>' {
                    i += 1;
                }
                let value = &bytes[start..i];
                if value.contains(&b'=') {
                    return Err(Bail);
                }
                each(name, value);
            }
        }
    }
}

/// Text with its character references decoded as the tokenizer decodes them — those with a
/// `;` that it knows for sure; any other `&` followed by a letter, digit or `#` bails.
pub fn decode(text: &str) -> Result<Cow<'_, str>> {
    let bytes = text.as_bytes();
    let Some(first) = memchr(b'&', bytes) else {
        return Ok(Cow::Borrowed(text));
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut at = first;
    loop {
        // bytes[at] == b'&'
        let rest = &bytes[at + 1..];
        match rest.first() {
            Some(b'#') => {
                let (hex, digits_from) = match rest.get(1) {
                    Some(b'x' | b'X') => (true, 2),
                    _ => (false, 1),
                };
                let digits = rest[digits_from..]
                    .iter()
                    .take_while(|b| {
                        if hex {
                            b.is_ascii_hexdigit()
                        } else {
                            b.is_ascii_digit()
                        }
                    })
                    .count();
                let end = digits_from + digits;
                if digits == 0 || digits > 7 || rest.get(end) != Some(&b';') {
                    return Err(Bail);
                }
                let s = std::str::from_utf8(&rest[digits_from..end]).map_err(|_| Bail)?;
                let n = u32::from_str_radix(s, if hex { 16 } else { 10 }).map_err(|_| Bail)?;
                // NUL, surrogates, out of range and the C1 range get replacements: not ours.
                if n == 0 || (0x80..=0x9f).contains(&n) {
                    return Err(Bail);
                }
                out.push(char::from_u32(n).ok_or(Bail)?);
                at += 1 + end + 1;
            }
            Some(b) if b.is_ascii_alphanumeric() => {
                let len = rest
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                if rest.get(len) != Some(&b';') {
                    return Err(Bail);
                }
                let key = std::str::from_utf8(&rest[..=len]).map_err(|_| Bail)?;
                let &(a, b) = html5ever::data::NAMED_ENTITIES.get(key).ok_or(Bail)?;
                out.push(char::from_u32(a).ok_or(Bail)?);
                if b != 0 {
                    out.push(char::from_u32(b).ok_or(Bail)?);
                }
                at += 1 + len + 1;
            }
            // `&` before a blank, `<`, another `&`, punctuation or the end: itself.
            _ => {
                out.push('&');
                at += 1;
            }
        }
        match memchr(b'&', &bytes[at..]) {
            Some(i) => {
                out.push_str(&text[at..at + i]);
                at += i;
            }
            None => {
                out.push_str(&text[at..]);
                return Ok(Cow::Owned(out));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(page: &str) -> Result<Vec<String>> {
        let mut t = Tokens::new(page);
        let mut out = Vec::new();
        while let Some(tok) = t.next_token()? {
            out.push(match tok {
                Token::Text(s) => format!("T:{s}"),
                Token::Start(s) => format!(
                    "S:{}{}",
                    s.name.as_str(),
                    if s.self_closing { "/" } else { "" }
                ),
                Token::End(n) => format!("E:{}", n.as_str()),
                Token::PrescanEnd(n) => format!("P:{}", n.as_str()),
            });
        }
        Ok(out)
    }

    #[test]
    fn tags_text_and_what_is_passed_over() {
        assert_eq!(
            all("<!DOCTYPE html><P Class=\"a>b\">x<!-- <td> -->y<?php ?>< z<br/></P>").unwrap(),
            vec!["S:p", "T:x", "T:y", "T:< z", "S:br/", "E:p"]
        );
        // Bogus comments, and what the pre-scan makes of them.
        assert_eq!(all("a</ b></>c</").unwrap(), vec!["T:a", "T:c", "T:</"]);
        assert_eq!(all("</</ul>x").unwrap(), vec!["P:ul", "T:x"]);
        assert_eq!(all("</ <div>"), Err(Bail));
        // Ends the tokenizer reads its own way: left to html5ever.
        assert_eq!(all("a<td colspan=2"), Err(Bail));
        assert_eq!(all("<td a=b=\"c>\">"), Err(Bail));
        assert_eq!(all("<td a '/>x'>"), Err(Bail));
        assert!(all("<td a= '/>x'>").is_ok());
        assert_eq!(all("<td= '/>x'>"), Err(Bail));
    }

    #[test]
    fn attributes_first_one_wins_and_values_are_decoded() {
        let mut t = Tokens::new("<td ROWSPAN='3' rowspan=4 colspan = \"2\" title=a&amp;b>");
        let Ok(Some(Token::Start(tag))) = t.next_token() else {
            panic!("a start tag")
        };
        assert_eq!(tag.attr("rowspan").unwrap().as_deref(), Some("3"));
        assert_eq!(tag.attr("colspan").unwrap().as_deref(), Some("2"));
        assert_eq!(tag.attr("title").unwrap().as_deref(), Some("a&b"));
        assert_eq!(tag.attr("width").unwrap(), None);
    }

    #[test]
    fn raw_text_runs_to_its_own_end_tag() {
        let mut t = Tokens::new("<script>if (a</b) x='</scripts>'</SCRIPT >after");
        assert!(matches!(t.next_token(), Ok(Some(Token::Start(_)))));
        assert_eq!(t.raw_text("script").unwrap(), "if (a</b) x='</scripts>'");
        assert!(matches!(t.next_token(), Ok(Some(Token::Text("after")))));
        let mut t = Tokens::new("<title>a</title");
        assert!(matches!(t.next_token(), Ok(Some(Token::Start(_)))));
        assert_eq!(t.raw_text("title").unwrap(), "a</title");
    }

    #[test]
    fn character_references() {
        assert_eq!(
            decode("a&nbsp;b&#12288;&#x41;&amp;&lt;&ldquo;").unwrap(),
            "a\u{a0}b\u{3000}A&<\u{201c}"
        );
        assert_eq!(decode("a & b &").unwrap(), "a & b &");
        assert_eq!(decode("plain").unwrap(), Cow::Borrowed("plain"));
        // Without `;`, unknown names, NUL and the C1 range: html5ever's own rules.
        for hard in ["R&D", "&nbsp x", "&bogus;", "&#0;", "&#150;", "&#12288"] {
            assert_eq!(decode(hard), Err(Bail), "{hard}");
        }
    }
}
