//! A linear pass over a page's tags that caps how deeply elements nest, before the page reaches
//! the HTML tree builder.
//!
//! The tree builder looks down its stack of open elements for most start tags (is a `<p>` open
//! in button scope?), so a page of 200,000 nested `<div>`s costs it 2·10¹⁰ steps — minutes for
//! one 1 MB file. Real reports nest a few dozen deep. Tags deeper than the cap are left out
//! (their text is kept), together with their end tags, so the builder never sees a deep stack
//! and its time stays linear in the page.
//!
//! The scan follows the tokenizer's rules closely enough to find tags: comments, doctype and
//! processing instructions are skipped, quoted attribute values may hold `>`, and the raw text
//! of `<script>`, `<style>`, `<textarea>`, `<title>` … is not read as tags. Elements that the
//! builder closes by themselves (`<p>`, `<li>`, `<option>` …) and void elements never count.
//!
//! It also leaves out what makes no text the reader keeps, so that the tree builder has less to
//! do: comments, scripts, styles, and the attributes of start tags (half the bytes of a Word
//! export), except the few the reader or the builder use — a cell's `colspan`/`rowspan`, a
//! `<meta>`'s name and content, and those that change how the builder nests (`<font>` in
//! foreign content, `<input type=hidden>` in tables, `<annotation-xml encoding>`).

use memchr::memchr;

/// How deep elements may nest before their tags are left out. The reports of the corpus nest
/// 25 deep at most by this count.
pub const MAX_DEPTH: usize = 256;

/// Start tags a page may have before the rest of it is left out: ten times a large report
/// page (the bundled real ones have at most 1,352; a CMS page with its site chrome about
/// 2,600). A page of hundreds of thousands (a 1 MB file of `<br>` or `<td>`) is not a report,
/// and its tree alone would cost the reader a tenth of a second.
pub const MAX_TAGS: usize = 25_000;

/// Elements without content.
pub(super) const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image", "menuitem",
];

/// Elements the tree builder closes when a sibling opens (or that never nest): not counted.
pub(super) const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "rb", "rt", "rtc", "rp", "html", "head", "body",
    "colgroup", "caption",
];

/// Elements whose content is raw text, up to their end tag.
pub(super) const RAW_TEXT: &[&str] = &[
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title",
];

/// Start tags whose attributes are all kept.
const KEEP_ATTRIBUTES: &[&str] = &["meta", "font", "input", "annotation-xml"];

/// Attributes kept on cells (the grid's spans).
const CELL_ATTRIBUTES: &[&str] = &["colspan", "rowspan"];

/// A tag name, lower-cased, without a heap allocation for the names of HTML (a scan meets
/// thousands of tags per page).
#[derive(Clone)]
pub(super) enum Name {
    Short([u8; 24], u8),
    Long(String),
}

impl Name {
    pub(super) fn new(raw: &[u8]) -> Name {
        match u8::try_from(raw.len()) {
            Ok(len) if raw.len() <= 24 => {
                let mut buf = [0u8; 24];
                buf[..raw.len()].copy_from_slice(raw);
                buf[..raw.len()].make_ascii_lowercase();
                Name::Short(buf, len)
            }
            _ => Name::Long(String::from_utf8_lossy(raw).to_ascii_lowercase()),
        }
    }

    pub(super) fn as_str(&self) -> &str {
        match self {
            // The bytes of a name cut from the page at ASCII bytes: whole characters.
            Name::Short(buf, len) => std::str::from_utf8(&buf[..usize::from(*len)]).unwrap_or(""),
            Name::Long(s) => s,
        }
    }
}

/// One open element on the scan's stack.
struct Open {
    name: Name,
    /// Its tags were left out (it opened deeper than the cap).
    dropped: bool,
}

/// What [`limit_depth`] did.
#[derive(Debug, PartialEq, Eq)]
pub struct Limited {
    /// The page without the tags nested deeper than the cap, its comments, scripts, styles and
    /// unused attributes.
    pub html: String,
    /// How many start tags were left out.
    pub dropped: usize,
    /// The page had more than [`MAX_TAGS`] start tags: it was cut before the next one.
    pub cut_at_tags: bool,
}

/// The page with tags deeper than `max` left out — and its comments, scripts and styles, which
/// make no text the reader keeps (the tree builder then has less to do) — or `None` when there
/// is nothing to leave out.
pub fn limit_depth(html: &str, max: usize) -> Option<Limited> {
    let bytes = html.as_bytes();
    let mut stack: Vec<Open> = Vec::new();
    // Byte ranges to leave out, in order.
    let mut cut: Vec<(usize, usize)> = Vec::new();
    let mut dropped = 0usize;
    let mut cut_at_tags = false;
    let mut starts = 0usize;
    let mut at = 0usize;
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let Some(tag) = scan_tag(bytes, start) else {
            at = start + 1;
            continue;
        };
        at = tag.end;
        match tag.kind {
            TagKind::Skip => {}
            // Comments make no text: the tree builder need not see them.
            TagKind::Comment if cut_joins_nothing(bytes, start) => cut.push((start, tag.end)),
            TagKind::Comment => {}
            TagKind::Start { self_closing } => {
                starts += 1;
                if starts > MAX_TAGS {
                    cut.push((start, bytes.len()));
                    cut_at_tags = true;
                    break;
                }
                let name = tag.name.as_str();
                // `<title/>`, `<script/>`: the tokenizer ignores the slash, and raw text follows.
                let self_closing = self_closing && !RAW_TEXT.contains(&name);
                if name == "plaintext" {
                    // All the rest is text: nothing after it is a tag or a comment.
                    break;
                }
                // The attributes to leave out (the tag itself is kept unless it is too deep).
                let mut unused = Vec::new();
                if !self_closing && !KEEP_ATTRIBUTES.contains(&name) && !RAW_TEXT.contains(&name) {
                    let keep: &[&str] = if matches!(name, "td" | "th") {
                        CELL_ATTRIBUTES
                    } else {
                        &[]
                    };
                    unused = unused_attributes(bytes, tag.name_end, tag.end, keep);
                }
                if self_closing || VOID.contains(&name) || SELF_CLOSING_SIBLINGS.contains(&name) {
                    cut.extend(unused);
                    continue;
                }
                match name {
                    // A cell or row opening closes the open cell (and row) of its table.
                    "td" | "th" => close_to(&mut stack, &["td", "th"], &["table"]),
                    "tr" => close_to(&mut stack, &["tr"], &["table"]),
                    _ => {}
                }
                let deep = stack.len() >= max;
                if deep {
                    dropped += 1;
                    cut.push((start, tag.end));
                } else {
                    cut.extend(unused);
                }
                if RAW_TEXT.contains(&name) {
                    // Raw text up to its end tag; the element closes there.
                    at = raw_text_end(bytes, tag.end, name);
                    if deep {
                        if let Some(last) = cut.last_mut() {
                            last.1 = at;
                        }
                    } else if (name == "style"
                        || (name == "script" && find(&bytes[..at], tag.end, b"<!--").is_none()))
                        && cut_joins_nothing(bytes, start)
                    {
                        // Scripts and styles make no text the reader keeps: left out whole
                        // (a script holding `<!--` is left in, where the tokenizer's rules
                        // for it are subtler than this scan).
                        cut.push((start, at));
                    }
                    continue;
                }
                stack.push(Open {
                    name: tag.name.clone(),
                    dropped: deep,
                });
            }
            TagKind::End => {
                let name = tag.name.as_str();
                let Some(pos) = stack.iter().rposition(|o| o.name.as_str() == name) else {
                    continue;
                };
                if stack[pos].dropped {
                    cut.push((start, tag.end));
                }
                stack.truncate(pos);
            }
        }
    }
    if cut.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (a, b) in cut {
        out.push_str(&html[from..a]);
        from = b;
    }
    out.push_str(&html[from..]);
    Some(Limited {
        html: out,
        dropped,
        cut_at_tags,
    })
}

/// Whether text before `start` can be joined with what follows a cut there without being read
/// differently: not a `<` (it could open a tag with what follows), not a character reference
/// begun (`&am` + `p;`), not a CR (CR + LF is one line break, CR and LF apart are two).
fn cut_joins_nothing(bytes: &[u8], start: usize) -> bool {
    let before = &bytes[..start];
    let run = before
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
        .count();
    let reference_begun = start
        .checked_sub(run + 1)
        .is_some_and(|i| before.get(i) == Some(&b'&'));
    !matches!(before.last(), Some(b'<' | b'\r')) && !reference_begun
}

/// Pop open elements down to (and including) the nearest one named in `names`, unless a
/// `boundary` element is nearer.
fn close_to(stack: &mut Vec<Open>, names: &[&str], boundary: &[&str]) {
    for i in (0..stack.len()).rev() {
        let name = stack[i].name.as_str();
        if names.contains(&name) {
            stack.truncate(i);
            return;
        }
        if boundary.contains(&name) {
            return;
        }
    }
}

enum TagKind {
    Start {
        self_closing: bool,
    },
    End,
    /// `<!-- … -->`.
    Comment,
    /// A doctype, processing instruction or bogus comment.
    Skip,
}

/// Past the end of a comment whose text starts at `from` (after `<!--`), as the tokenizer ends
/// it: `<!-->` and `<!--->` at once, else at the first `-->` or `--!>`, else at the end.
pub(super) fn comment_end(bytes: &[u8], from: usize) -> usize {
    let rest = &bytes[from.min(bytes.len())..];
    if rest.starts_with(b">") {
        return from + 1;
    }
    if rest.starts_with(b"->") {
        return from + 2;
    }
    let close = find(bytes, from, b"-->").map(|i| i + 3);
    let bang = find(bytes, from, b"--!>").map(|i| i + 4);
    match (close, bang) {
        (Some(a), Some(b)) => a.min(b),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => bytes.len(),
    }
}

struct Tag {
    kind: TagKind,
    /// Lower-case ASCII name (empty for `Skip`).
    name: Name,
    /// Just past the name (where the attributes start).
    name_end: usize,
    /// Just past the tag's `>` (or the end of the page).
    end: usize,
}

/// The tag starting at `bytes[start] == b'<'`, or `None` when this `<` is text.
fn scan_tag(bytes: &[u8], start: usize) -> Option<Tag> {
    let next = *bytes.get(start + 1)?;
    let skip_to = |from: usize, pattern: &[u8]| -> usize {
        find(bytes, from, pattern).map_or(bytes.len(), |i| i + pattern.len())
    };
    match next {
        b'!' if bytes[start..].starts_with(b"<!--") => Some(Tag {
            kind: TagKind::Comment,
            name: Name::new(b""),
            name_end: start,
            end: comment_end(bytes, start + 4),
        }),
        b'!' | b'?' => Some(Tag {
            kind: TagKind::Skip,
            name: Name::new(b""),
            name_end: start,
            end: skip_to(start + 2, b">"),
        }),
        b'/' => {
            let (name, after) = tag_name(bytes, start + 2)?;
            Some(Tag {
                kind: TagKind::End,
                name,
                name_end: after,
                end: attributes_end(bytes, after).0,
            })
        }
        _ => {
            let (name, after) = tag_name(bytes, start + 1)?;
            let (end, self_closing) = attributes_end(bytes, after);
            Some(Tag {
                kind: TagKind::Start { self_closing },
                name,
                name_end: after,
                end,
            })
        }
    }
}

/// An ASCII tag name at `from` (lower-cased) and the index after it.
fn tag_name(bytes: &[u8], from: usize) -> Option<(Name, usize)> {
    if !bytes.get(from)?.is_ascii_alphabetic() {
        return None;
    }
    let len = bytes[from..]
        .iter()
        .take_while(|b| !b.is_ascii_whitespace() && **b != b'/' && **b != b'>')
        .count();
    Some((Name::new(&bytes[from..from + len]), from + len))
}

/// Past the `>` that ends a tag's attributes (quoted values may hold `>`), and whether the tag
/// ends with `/>`.
fn attributes_end(bytes: &[u8], mut i: usize) -> (usize, bool) {
    let mut last = 0u8;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return (i + 1, last == b'/'),
            q @ (b'"' | b'\'')
                if last == b'=' || (last.is_ascii_whitespace() && seen_eq(bytes, i)) =>
            {
                i = memchr(q, &bytes[i + 1..]).map_or(bytes.len(), |j| i + 1 + j + 1);
                last = q;
                continue;
            }
            b => last = b,
        }
        i += 1;
    }
    (bytes.len(), false)
}

/// The byte ranges of a start tag's attributes (between its name, ending at `from`, and its `>`
/// at `end - 1`) other than those named in `keep` — read as the tokenizer reads attributes.
/// Nothing when the tag runs to the end of the page, or when this reading and
/// [`attributes_end`] disagree on where the tag ends (the tag is then left as it is).
fn unused_attributes(bytes: &[u8], from: usize, end: usize, keep: &[&str]) -> Vec<(usize, usize)> {
    let Some(close) = end.checked_sub(1).filter(|&c| bytes.get(c) == Some(&b'>')) else {
        return Vec::new();
    };
    if from >= close {
        return Vec::new();
    }
    let blank = |b: u8| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut i = from;
    // Each attribute's range starts at the blank or `/` before it, so that the tag keeps the
    // form `<name>` or `<td colspan=2>`.
    let mut attr_start = from;
    loop {
        // Before an attribute name: blanks and stray slashes.
        while i < close && (blank(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        if i >= close {
            if attr_start < close {
                out.push((attr_start, close));
            }
            break;
        }
        // The name: a first `=` belongs to it.
        let name_start = i;
        i += 1;
        while i < close && !blank(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let name = &bytes[name_start..i];
        let mut j = i;
        while j < close && blank(bytes[j]) {
            j += 1;
        }
        if j < close && bytes[j] == b'=' {
            j += 1;
            while j < close && blank(bytes[j]) {
                j += 1;
            }
            match bytes.get(j) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    match memchr(q, &bytes[j + 1..]) {
                        Some(k) => j = j + 1 + k + 1,
                        // The value runs past the page: leave the tag alone.
                        None => return Vec::new(),
                    }
                }
                _ => {
                    while j < close && !blank(bytes[j]) && bytes[j] != b'>' {
                        j += 1;
                    }
                }
            }
            i = j;
        }
        if i > close {
            // A quoted value holds the `>` the scan took for the end: they disagree.
            return Vec::new();
        }
        let kept = keep.iter().any(|k| name.eq_ignore_ascii_case(k.as_bytes()));
        if kept {
            if attr_start < name_start {
                // What came before it, up to one blank before its name.
                out.push((attr_start, name_start - 1));
            }
            attr_start = i;
        }
    }
    // Drop empty ranges (a kept attribute right after the name).
    out.retain(|(a, b)| a < b);
    out
}

/// Whether the last non-blank byte before `i` is `=` (`name = "value"`).
fn seen_eq(bytes: &[u8], i: usize) -> bool {
    bytes[..i]
        .iter()
        .rev()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'=')
}

/// Past the end tag of raw text element `name` starting at `from` (or the end of the page).
fn raw_text_end(bytes: &[u8], from: usize, name: &str) -> usize {
    raw_text_close(bytes, from, name)
        .map_or(bytes.len(), |i| attributes_end(bytes, i + 2 + name.len()).0)
}

/// Where the end tag closing raw text element `name` from `from` starts: the first `</name`
/// (any case) followed by a blank, `/` or `>`. None: the raw text runs to the end of the page
/// (a `</name` at the very end is text).
pub(super) fn raw_text_close(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    while let Some(i) = find(bytes, at, b"</") {
        let after = i + 2 + name.len();
        let matches = bytes
            .get(i + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        let ends = bytes
            .get(after)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/');
        if matches && ends {
            return Some(i);
        }
        at = i + 2;
    }
    None
}

pub(super) fn find(bytes: &[u8], from: usize, pattern: &[u8]) -> Option<usize> {
    let first = pattern[0];
    let mut at = from;
    while at < bytes.len() {
        let i = at + memchr(first, &bytes[at..])?;
        if bytes[i..].starts_with(pattern) {
            return Some(i);
        }
        at = i + 1;
    }
    None
}

/// The deepest nesting [`limit_depth`] counts in a page (tests).
#[cfg(test)]
pub fn depth(html: &str) -> usize {
    let mut lo = 0;
    let mut hi = html.len() + 1;
    // The smallest cap that drops nothing.
    while lo < hi {
        let mid = (lo + hi) / 2;
        if limit_depth(html, mid).is_none_or(|l| l.dropped == 0) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cut that would join text into something else (a tag, a reference, one line break)
    /// is not made.
    #[test]
    fn comments_stay_where_leaving_them_out_would_join_text() {
        for page in [
            "a<<!-- c -->/>b",
            "&am<!-- c -->p;",
            "x\r<!-- c -->\ny",
            "&#1<style>s</style>2;",
            // Raw text to the end: what looks like a comment in it is text.
            "<title/>t<!-- c -->",
        ] {
            assert_eq!(limit_depth(page, MAX_DEPTH), None, "{page:?}");
        }
        assert_eq!(
            limit_depth("a <!-- c -->b &amp;<!-- d -->c", MAX_DEPTH).map(|l| l.html),
            Some("a b &amp;c".to_string())
        );
    }

    #[test]
    fn comments_scripts_and_styles_are_left_out_and_nothing_else() {
        let page = "<html><head><title>a<b></title><script>if (a<b) x='<div>';</script></head>\
                    <body><!-- <div><div> --><div class=\"a>b\"><p>x<p>y<table><tr><td>1<td>2<tr><td>3</table></div></body></html>";
        let lean = limit_depth(page, 4).unwrap();
        assert_eq!(lean.dropped, 0);
        assert_eq!(
            lean.html,
            "<html><head><title>a<b></title></head>\
             <body><div><p>x<p>y<table><tr><td>1<td>2<tr><td>3</table></div></body></html>"
        );
        // div > table > tr > td: the unclosed cells and paragraphs close themselves.
        assert_eq!(depth(page), 4);
        assert_eq!(limit_depth("<p>a</p>", 4), None);
        // Comments end as the tokenizer ends them; a script holding `<!--` stays.
        assert_eq!(
            limit_depth("a<!-->b<!--->c<!--x--!>d", 4).unwrap().html,
            "abcd"
        );
        let kept = "<script>x='<!--'</script>e";
        assert_eq!(limit_depth(kept, 4), None);
    }

    #[test]
    fn deep_tags_are_left_out_with_their_end_tags_and_text_kept() {
        let page = "<div><div><div><span>a</span>b</div>c</div>d</div>";
        let got = limit_depth(page, 2).unwrap();
        assert_eq!(got.html, "<div><div>abc</div>d</div>");
        assert_eq!(got.dropped, 2);
    }

    #[test]
    fn attributes_are_left_out_but_spans_and_those_the_builder_reads() {
        let page = "<p class=MsoNormal style='a:b>c'>x</p><td  style=\"w\" colspan=2 x=1 ROWSPAN = \"3\"\n>1\
                    <meta name=title content=\"t\"><font color=red>f</font><br clear=all/><td/rowspan=2>\
                    <a href=x/>y</a><div a\"b=\"x>y\">z</div>";
        assert_eq!(
            limit_depth(page, 8).unwrap().html,
            "<p>x</p><td colspan=2 ROWSPAN = \"3\">1<meta name=title content=\"t\"><font color=red>f</font>\
             <br clear=all/><td/rowspan=2><a href=x/>y</a><div>z</div>"
        );
        // A tag cut by the end of the page is left as it is.
        assert_eq!(limit_depth("<div class=a", 8), None);
        assert_eq!(limit_depth("<div class='a>", 8), None);
    }

    #[test]
    fn a_page_of_more_tags_than_a_report_is_cut() {
        let page = "x<br>".repeat(MAX_TAGS + 10);
        let got = limit_depth(&page, MAX_DEPTH).unwrap();
        assert!(got.cut_at_tags);
        assert_eq!(got.html, "x<br>".repeat(MAX_TAGS) + "x");
        let fits = "x<br>".repeat(MAX_TAGS);
        assert_eq!(limit_depth(&fits, MAX_DEPTH), None);
    }

    #[test]
    fn unclosed_nesting_is_cut_and_stays_linear() {
        // As many as a page may have: the depth is capped, the text after them kept.
        let page = "<div>".repeat(MAX_TAGS) + "x";
        let got = limit_depth(&page, MAX_DEPTH).unwrap();
        assert_eq!(got.dropped, MAX_TAGS - MAX_DEPTH);
        assert!(!got.cut_at_tags);
        assert_eq!(got.html, "<div>".repeat(MAX_DEPTH) + "x");
        // More: the depth is capped up to the tag cap, and the rest left out.
        let page = "<div>".repeat(200_000) + "x";
        let got = limit_depth(&page, MAX_DEPTH).unwrap();
        assert_eq!(got.dropped, MAX_TAGS - MAX_DEPTH);
        assert!(got.cut_at_tags);
        assert_eq!(got.html, "<div>".repeat(MAX_DEPTH));
    }

    #[test]
    fn unterminated_constructs_end_the_scan() {
        for page in ["<div a=\"", "<!-- x", "<script>", "<", "<div", "</"] {
            assert_eq!(limit_depth(page, 0), limit_depth(page, 0));
            let _ = depth(page);
        }
        assert_eq!(limit_depth("<b>x", 0).unwrap().html, "x");
    }
}

#[cfg(test)]
mod real_pages {
    use super::*;

    /// The real pages nest far below the cap: it never changes how a report reads.
    #[test]
    fn real_report_pages_nest_far_below_the_cap() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/real/pingtan-2023");
        let mut deepest = 0;
        let mut pages = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "html") {
                let bytes = std::fs::read(&path).unwrap();
                let text = crate::read::decode::decode(&bytes, true).text;
                deepest = deepest.max(depth(&text));
                pages += 1;
            }
        }
        assert!(pages >= 8, "{pages}");
        assert!(deepest <= 40, "deepest {deepest}");
        assert!(deepest >= 10, "the count sees the real nesting: {deepest}");
    }
}
