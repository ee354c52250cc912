//! Reading CSV files people give the tool (a roster saved by Excel, last year's units.csv), and
//! the one rule every CSV this tool writes follows for a field ([`field`]).

/// Minimal RFC 4180 reader: quoted fields with doubled quotes; returns (line number, fields).
pub fn csv_rows(text: &str) -> Vec<(usize, Vec<String>)> {
    Rows::new(text).collect()
}

/// The column a header names by any of `names` (case aside, blanks and a byte-order mark
/// trimmed): the contract's English header or the Chinese one a clerk writes.
pub fn column(header: &[String], names: &[&str]) -> Option<usize> {
    header.iter().position(|h| {
        let h = h.trim().trim_start_matches('\u{FEFF}');
        names.iter().any(|n| h.eq_ignore_ascii_case(n))
    })
}

/// As [`csv_rows`], with whether each row broke RFC 4180's quoting (text after a closing quote,
/// or a quote opened inside a field): read leniently, but a file that matters can refuse it.
pub fn csv_rows_checked(text: &str) -> Vec<(usize, Vec<String>, bool)> {
    let mut rows = Rows::new(text);
    let mut out = Vec::new();
    while let Some((line, row)) = rows.next() {
        out.push((line, row, rows.irregular));
    }
    out
}

/// One field of a CSV this tool writes: text that a spreadsheet would run as a formula (it
/// begins with `=`, `+`, `@`, a tab, a carriage return, or a `-` that is not a number) gets a
/// leading `'` (the OWASP rule against CSV injection: a file or unit named `=cmd|…` stays text);
/// then quoted when it holds a comma, quote or line break (RFC 4180).
pub fn field(s: &str) -> String {
    let guarded;
    let s = if starts_formula(s) {
        guarded = format!("'{s}");
        &guarded
    } else {
        s
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Whether a spreadsheet would take text beginning so for a formula.
fn starts_formula(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(b'=' | b'+' | b'@' | b'\t' | b'\r') => true,
        Some(b'-') => {
            let rest = &s[1..];
            rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        }
        _ => false,
    }
}

/// A field as [`field`] meant it: the `'` it put before a formula's first character taken off,
/// so that what this tool wrote reads back as it was (a unit named `=…` is still that unit).
fn unguard(mut s: String) -> String {
    if s.starts_with('\'') && starts_formula(&s[1..]) {
        s.remove(0);
    }
    s
}

/// The rows of CSV text one at a time (a large file's rows are never all in memory).
pub struct Rows<'a> {
    text: &'a str,
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    line: usize,
    /// The last row given by `next` broke RFC 4180's quoting.
    pub irregular: bool,
}

impl<'a> Rows<'a> {
    pub fn new(text: &'a str) -> Rows<'a> {
        let text = text.trim_start_matches('\u{FEFF}');
        Rows {
            text,
            chars: text.char_indices().peekable(),
            line: 1,
            irregular: false,
        }
    }
}

impl Rows<'_> {
    /// The next row's fields at `cols` only (in that order; empty past the row's end): the other
    /// fields are passed over without being copied. `None` at the end.
    pub fn pick(&mut self, cols: &[usize]) -> Option<Vec<String>> {
        // Bytes, jumping from one `,` `"` or line end to the next: those are ASCII, so every
        // stop is a character boundary.
        let start = self.chars.peek()?.0;
        let bytes = self.text.as_bytes();
        let mut out = vec![String::new(); cols.len()];
        let (mut at, mut col, mut quoted, mut from) = (start, 0usize, false, start);
        let mut slot = cols.iter().position(|&c| c == col);
        let keep = |out: &mut Vec<String>, slot: Option<usize>, piece: &str| {
            if let Some(k) = slot {
                out[k].push_str(piece);
            }
        };
        let end = loop {
            let next = if quoted {
                memchr::memchr(b'"', &bytes[at..])
            } else {
                memchr::memchr3(b',', b'"', b'\n', &bytes[at..])
            };
            let Some(n) = next else {
                keep(&mut out, slot, self.text[from..].trim_end_matches('\r'));
                break bytes.len();
            };
            let p = at + n;
            match (quoted, bytes[p]) {
                (true, _) if bytes.get(p + 1) == Some(&b'"') => {
                    keep(&mut out, slot, &self.text[from..=p]);
                    from = p + 2;
                    at = p + 2;
                }
                (true, _) => {
                    keep(&mut out, slot, &self.text[from..p]);
                    quoted = false;
                    from = p + 1;
                    at = p + 1;
                }
                (false, b'"') => {
                    keep(&mut out, slot, &self.text[from..p]);
                    quoted = true;
                    from = p + 1;
                    at = p + 1;
                }
                (false, b',') => {
                    keep(&mut out, slot, &self.text[from..p]);
                    col += 1;
                    slot = cols.iter().position(|&c| c == col);
                    from = p + 1;
                    at = p + 1;
                }
                _ => {
                    keep(&mut out, slot, self.text[from..p].trim_end_matches('\r'));
                    break p + 1;
                }
            }
        };
        self.line += self.text[start..end].matches('\n').count();
        self.chars = self.text[end..].char_indices().peekable();
        // Offsets stay those of the whole text.
        self.text = &self.text[end..];
        Some(out.into_iter().map(unguard).collect())
    }
}

impl Iterator for Rows<'_> {
    type Item = (usize, Vec<String>);

    fn next(&mut self) -> Option<Self::Item> {
        let mut row = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let start_line = self.line;
        let mut any = false;
        // Just past a closing quote: only a comma or a line end may follow.
        let mut closed = false;
        self.irregular = false;
        while let Some((_, c)) = self.chars.next() {
            any = true;
            if closed && !matches!(c, ',' | '\n' | '\r') {
                self.irregular = true;
            }
            closed = false;
            match (quoted, c) {
                (true, '"') if self.chars.peek().map(|p| p.1) == Some('"') => {
                    self.chars.next();
                    field.push('"');
                }
                (true, '"') => {
                    quoted = false;
                    closed = true;
                }
                (true, c) => {
                    if c == '\n' {
                        self.line += 1;
                    }
                    field.push(c);
                }
                (false, '"') => {
                    // A quote opened inside a field.
                    self.irregular |= !field.is_empty();
                    quoted = true;
                }
                (false, ',') => row.push(unguard(std::mem::take(&mut field))),
                (false, '\r') => {}
                (false, '\n') => {
                    row.push(unguard(field));
                    self.line += 1;
                    return Some((start_line, row));
                }
                (false, c) => field.push(c),
            }
        }
        if !any {
            return None;
        }
        // A quote never closed swallowed the rest of the text.
        self.irregular |= quoted;
        if !field.is_empty() || !row.is_empty() {
            row.push(unguard(field));
            return Some((start_line, row));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_formula_is_written_as_text_and_read_back_as_it_was() {
        for (text, written) in [
            ("=cmd|' -C calc'!A0.txt", "'=cmd|' -C calc'!A0.txt"),
            ("@SUM(A1)|calc局", "'@SUM(A1)|calc局"),
            ("+SUM(1+1)", "'+SUM(1+1)"),
            (
                "=HYPERLINK(\"x\",\"y\")",
                "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"",
            ),
            ("-x", "'-x"),
            ("-", "'-"),
            ("\tx", "'\tx"),
            ("-12", "-12"),
            ("-0.5", "-0.5"),
            ("财政局", "财政局"),
            ("'quoted", "'quoted"),
        ] {
            assert_eq!(field(text), written, "{text}");
            let line = format!("{},{}\n", field(text), field(text));
            let rows = csv_rows(&line);
            assert_eq!(rows[0].1, [text, text], "{line}");
            let mut picked = Rows::new(&line);
            assert_eq!(picked.pick(&[1]), Some(vec![text.to_string()]), "{line}");
        }
    }

    #[test]
    fn quoted_fields_line_breaks_and_a_bom() {
        let rows = csv_rows("\u{FEFF}a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\nlast,");
        assert_eq!(
            rows,
            vec![
                (1, vec!["a".to_string(), "b".to_string()]),
                (2, vec!["x,1".to_string(), "say \"hi\"".to_string()]),
                (3, vec!["two\nlines".to_string(), "z".to_string()]),
                (5, vec!["last".to_string(), String::new()]),
            ]
        );
        let mut rows = Rows::new("a,b,c\n\"x,1\",skip,\"y\"\"z\"\nlast\n");
        assert_eq!(
            rows.pick(&[2, 0]),
            Some(vec!["c".to_string(), "a".to_string()])
        );
        assert_eq!(
            rows.pick(&[2, 0]),
            Some(vec!["y\"z".to_string(), "x,1".to_string()])
        );
        assert_eq!(
            rows.pick(&[2, 0]),
            Some(vec![String::new(), "last".to_string()])
        );
        assert_eq!(rows.pick(&[2, 0]), None);
    }
}
