//! How a finding reads to the clerk: cells named by the template's own row and column labels
//! (表三“（三）不予公开·2.其他法律行政法规禁止公开”行“商业企业”列) and places as the report prints
//! them (第2页, 表三第9行, 第12行). Keys stay in the machine-readable columns.

use crate::template::keys::{T3Col, T3Group, T3Row, T4Block, T4Result, T2_2019, T2_2021};

/// Which of the report's tables a key is in, and its place in it.
enum Cell {
    T3(T3Row, T3Col),
    T4(T4Block, T4Result),
    T2 {
        row: &'static str,
        column: &'static str,
        old: bool,
    },
}

fn parse(key: &str) -> Option<Cell> {
    if let Some(rest) = key.strip_prefix("t3.") {
        let (row, col) = rest.split_once('.')?;
        let row = T3Row::ALL.into_iter().find(|r| r.key() == row)?;
        let col = T3Col::ALL.into_iter().find(|c| c.key() == col)?;
        return Some(Cell::T3(row, col));
    }
    if let Some(rest) = key.strip_prefix("t4.") {
        let (b, x) = rest.split_once('.')?;
        let b = T4Block::ALL.into_iter().find(|v| v.key() == b)?;
        let x = T4Result::ALL.into_iter().find(|v| v.key() == x)?;
        return Some(Cell::T4(b, x));
    }
    if let Some(f) = T2_2021.iter().find(|f| f.key == key) {
        return Some(Cell::T2 {
            row: f.row,
            column: f.column,
            old: false,
        });
    }
    T2_2019.iter().find(|f| f.key == key).map(|f| Cell::T2 {
        row: f.row,
        column: f.column,
        old: true,
    })
}

/// A table-三 row as the template prints it, with its group where the label alone is a
/// number (`（三）不予公开·2.其他法律行政法规禁止公开`).
pub fn t3_row_label(row: T3Row) -> String {
    let label = row.label();
    let short = label.find("（区分").map_or(label, |i| &label[..i]);
    match row.group() {
        Some(g @ (T3Group::Denied | T3Group::Unable | T3Group::Refused | T3Group::Other))
            if row != T3Row::OtherUnsplit =>
        {
            format!("{}·{short}", g.label())
        }
        _ => short.to_string(),
    }
}

/// The table's name for a key (`表三`), if it is a cell key.
pub fn table_of(key: &str) -> Option<&'static str> {
    Some(match parse(key)? {
        Cell::T3(..) => "表三",
        Cell::T4(..) => "表四",
        Cell::T2 { .. } => "表二",
    })
}

/// One cell in the template's words: `表三“（二）部分公开”行“自然人”列`, `表四“行政复议”“结果纠正”栏`,
/// `表二“行政许可”“本年处理决定数量”栏`. A key that is none of the template's is given as it is.
pub fn cell_label(key: &str) -> String {
    cells_label(&[key])
}

/// Several cells, those of one row together: `表三“（五）不予处理·4.无正当理由大量反复申请”行“自然人”“商业企业”列`
/// (`各列` for a whole row), groups joined by `、`.
pub fn cells_label<S: AsRef<str>>(keys: &[S]) -> String {
    let mut groups: Vec<(String, Vec<String>, &'static str)> = Vec::new();
    for key in keys {
        let key = key.as_ref();
        let (head, part, tail) = match parse(key) {
            Some(Cell::T3(row, col)) => (
                format!("表三“{}”行", t3_row_label(row)),
                format!("“{}”", col.label()),
                "列",
            ),
            Some(Cell::T4(b, x)) => (
                format!("表四“{}”", b.label()),
                format!("“{}”", x.label()),
                "栏",
            ),
            Some(Cell::T2 { row, column, old }) => (
                format!("表二{}“{row}”", if old { "（2019年模板）" } else { "" }),
                format!("“{column}”"),
                "栏",
            ),
            None => (String::new(), key.to_string(), ""),
        };
        match groups.last_mut() {
            Some((h, parts, _)) if *h == head && !head.is_empty() => parts.push(part),
            _ => groups.push((head, vec![part], tail)),
        }
    }
    groups
        .into_iter()
        .map(|(head, parts, tail)| {
            if head.starts_with("表三") && parts.len() == T3Col::ALL.len() {
                format!("{head}各列")
            } else {
                format!("{head}{}{tail}", parts.concat())
            }
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// A place as the report prints it: `第12行` (a text line), `表三第9行第5列` (a table cell, the
/// table named from the finding's cells), `第3段`, `第2页`. An empty place stays empty.
pub fn place_zh<S: AsRef<str>>(place: &str, cells: &[S]) -> String {
    let words: Vec<&str> = place.split_whitespace().collect();
    let num = |i: usize| words.get(i).and_then(|w| w.parse::<usize>().ok());
    match words.first().copied() {
        Some("line") if words.len() == 2 => num(1).map(|n| format!("第{n}行")),
        Some("paragraph") if words.len() == 2 => num(1).map(|n| format!("第{n}段")),
        Some("page") => num(1).map(|n| format!("第{n}页")),
        Some("table") if words.len() == 6 => match (num(1), num(3), num(5)) {
            (Some(t), Some(r), Some(c)) => {
                let name = cells
                    .first()
                    .and_then(|k| table_of(k.as_ref()))
                    .map_or_else(|| format!("第{t}个表格"), str::to_string);
                Some(format!("{name}第{r}行第{c}列"))
            }
            _ => None,
        },
        _ => None,
    }
    .unwrap_or_else(|| place.to_string())
}

/// Every template cell key has a label.
#[cfg(test)]
fn all_labelled() -> bool {
    use crate::template::keys::{t3_key, t4_key};
    T3Row::ALL.into_iter().all(|r| {
        T3Col::ALL
            .into_iter()
            .all(|c| parse(&t3_key(r, c)).is_some())
    }) && T4Block::ALL.into_iter().all(|b| {
        T4Result::ALL
            .into_iter()
            .all(|x| parse(&t4_key(b, x)).is_some())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_the_template_prints_them() {
        assert!(all_labelled());
        assert_eq!(
            cell_label("t3.denied_law.commercial"),
            "表三“（三）不予公开·2.其他法律行政法规禁止公开”行“商业企业”列"
        );
        assert_eq!(
            cell_label("t3.partial.natural"),
            "表三“（二）部分公开”行“自然人”列"
        );
        assert_eq!(
            cell_label("t3.total_processed.total"),
            "表三“（七）总计”行“总计”列"
        );
        assert_eq!(
            cell_label("t4.review.corrected"),
            "表四“行政复议”“结果纠正”栏"
        );
        assert_eq!(
            cell_label("t2.licensing"),
            "表二“行政许可”“本年处理决定数量”栏"
        );
        assert_eq!(
            cells_label(&[
                "t3.new_received.natural",
                "t3.new_received.total",
                "t4.review.total"
            ]),
            "表三“一、本年新收政府信息公开申请数量”行“自然人”“总计”列、表四“行政复议”“总计”栏"
        );
        let row: Vec<String> = T3Col::ALL
            .iter()
            .map(|c| crate::template::keys::t3_key(T3Row::RefusedMass, *c))
            .collect();
        assert_eq!(
            cells_label(&row),
            "表三“（五）不予处理·4.无正当理由大量反复申请”行各列"
        );
        assert_eq!(cell_label("not_a_key"), "not_a_key");
    }

    #[test]
    fn places_read_as_the_report_prints_them() {
        let t3 = ["t3.denied_law.commercial"];
        assert_eq!(place_zh("table 2 row 9 col 5", &t3), "表三第9行第5列");
        assert_eq!(
            place_zh("table 2 row 9 col 5", &[] as &[&str]),
            "第2个表格第9行第5列"
        );
        assert_eq!(place_zh("page 2 x 505 y 373", &t3), "第2页");
        assert_eq!(place_zh("line 505", &t3), "第505行");
        assert_eq!(place_zh("paragraph 3", &t3), "第3段");
        assert_eq!(place_zh("", &t3), "");
    }
}
