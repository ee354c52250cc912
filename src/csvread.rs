//! Reading CSV files people give the tool (a roster saved by Excel, last year's units.csv).

/// Minimal RFC 4180 reader: quoted fields with doubled quotes; returns (line number, fields).
pub fn csv_rows(text: &str) -> Vec<(usize, Vec<String>)> {
    let text = text.trim_start_matches('\u{FEFF}');
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut start_line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push((start_line, std::mem::take(&mut row)));
                line += 1;
                start_line = line;
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push((start_line, row));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
