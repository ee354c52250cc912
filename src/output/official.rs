//! The official layout of tables 二, 三 and 四 (the 2021 template, as the blank Word template
//! draws it) as grids of cells with their spans: one model for the workbook and the web page.

use crate::template::keys::{t3_key, t4_key, T3Col, T3Group, T3Row, T4Block, T4Result};
use crate::value::Decimal;

/// What a grid cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// A header (section title, column heading).
    Head(String),
    /// A row label.
    Label(String),
    /// A value cell: its key and the summed value (`None` where no unit printed a number).
    Value(String, Option<Decimal>),
}

/// A cell at its first row and column, with its spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridCell {
    pub row: usize,
    pub col: usize,
    pub rows: usize,
    pub cols: usize,
    pub content: Content,
}

/// A table: its size and its cells (covered places are not listed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub title: &'static str,
    pub width: usize,
    pub height: usize,
    pub cells: Vec<GridCell>,
}

struct Builder<'a> {
    grid: Grid,
    value: &'a dyn Fn(&str) -> Option<Decimal>,
}

impl Builder<'_> {
    fn put(&mut self, row: usize, col: usize, rows: usize, cols: usize, content: Content) {
        self.grid.height = self.grid.height.max(row + rows);
        self.grid.cells.push(GridCell {
            row,
            col,
            rows,
            cols,
            content,
        });
    }
    fn head(&mut self, row: usize, col: usize, rows: usize, cols: usize, text: &str) {
        self.put(row, col, rows, cols, Content::Head(text.to_string()));
    }
    fn label(&mut self, row: usize, col: usize, rows: usize, cols: usize, text: &str) {
        self.put(row, col, rows, cols, Content::Label(text.to_string()));
    }
    fn value(&mut self, row: usize, col: usize, cols: usize, key: &str) {
        let v = (self.value)(key);
        self.put(row, col, 1, cols, Content::Value(key.to_string(), v));
    }
}

fn builder<'a>(
    title: &'static str,
    width: usize,
    value: &'a dyn Fn(&str) -> Option<Decimal>,
) -> Builder<'a> {
    Builder {
        grid: Grid {
            title,
            width,
            height: 0,
            cells: vec![],
        },
        value,
    }
}

/// Table 二 (2021): four sub-tables in four columns.
pub fn table_two(value: &dyn Fn(&str) -> Option<Decimal>) -> Grid {
    let mut b = builder("二、主动公开政府信息情况", 4, value);
    b.head(0, 0, 1, 4, "第二十条第（一）项");
    for (c, h) in ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
        .iter()
        .enumerate()
    {
        b.head(1, c, 1, 1, h);
    }
    for (r, (label, key)) in [("规章", "rules"), ("行政规范性文件", "normative")]
        .into_iter()
        .enumerate()
    {
        b.label(2 + r, 0, 1, 1, label);
        for (c, f) in ["issued", "repealed", "in_force"].iter().enumerate() {
            b.value(2 + r, 1 + c, 1, &format!("t2.{key}.{f}"));
        }
    }
    let mut row = 4;
    for (section, heading, items) in [
        (
            "第二十条第（五）项",
            "本年处理决定数量",
            &[("行政许可", "t2.licensing")][..],
        ),
        (
            "第二十条第（六）项",
            "本年处理决定数量",
            &[("行政处罚", "t2.punishment"), ("行政强制", "t2.coercion")][..],
        ),
        (
            "第二十条第（八）项",
            "本年收费金额（单位：万元）",
            &[("行政事业性收费", "t2.fees_10k_yuan")][..],
        ),
    ] {
        b.head(row, 0, 1, 4, section);
        b.head(row + 1, 0, 1, 1, "信息内容");
        b.head(row + 1, 1, 1, 3, heading);
        row += 2;
        for (label, key) in items {
            b.label(row, 0, 1, 1, label);
            b.value(row, 1, 3, key);
            row += 1;
        }
    }
    b.grid
}

/// Table 三: three label columns and the seven applicant columns. `（六）其他处理` printed as one
/// row (the 2019 form) gets a row of its own when some unit printed it so.
pub fn table_three(value: &dyn Fn(&str) -> Option<Decimal>) -> Grid {
    let mut b = builder("三、收到和处理政府信息公开申请情况", 10, value);
    b.head(
        0,
        0,
        3,
        3,
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    );
    b.head(0, 3, 1, 7, "申请人情况");
    b.head(1, 3, 2, 1, T3Col::Natural.label());
    b.head(1, 4, 1, 5, "法人或其他组织");
    b.head(1, 9, 2, 1, T3Col::Total.label());
    for (i, c) in T3Col::ALL[1..6].iter().enumerate() {
        b.head(2, 4 + i, 1, 1, c.label());
    }
    let unsplit = T3Col::ALL
        .iter()
        .any(|c| value(&t3_key(T3Row::OtherUnsplit, *c)).is_some());
    let rows: Vec<T3Row> = T3Row::ALL
        .into_iter()
        .filter(|r| *r != T3Row::OtherUnsplit || unsplit)
        .collect();
    let results: Vec<T3Row> = rows
        .iter()
        .copied()
        .filter(|r| r.group().is_some())
        .collect();
    let mut group_done: Vec<T3Group> = vec![];
    for (row, r) in (3..).zip(rows.iter()) {
        let values = |b: &mut Builder, row: usize| {
            for (i, c) in T3Col::ALL.iter().enumerate() {
                b.value(row, 3 + i, 1, &t3_key(*r, *c));
            }
        };
        match r.group() {
            None => b.label(row, 0, 1, 3, r.label()),
            Some(g) => {
                if *r == results[0] {
                    b.head(row, 0, results.len(), 1, T3Group::Results.label());
                }
                let sub = g != T3Group::Results && *r != T3Row::TotalProcessed;
                if sub && !group_done.contains(&g) {
                    let span = results
                        .iter()
                        .filter(|x| x.group() == Some(g) && **x != T3Row::TotalProcessed)
                        .count();
                    b.label(row, 1, span, 1, g.label());
                    group_done.push(g);
                }
                if sub {
                    b.label(row, 2, 1, 1, r.label());
                } else {
                    b.label(row, 1, 1, 2, r.label());
                }
            }
        }
        values(&mut b, row);
    }
    b.grid
}

/// Table 四: three blocks of five results.
pub fn table_four(value: &dyn Fn(&str) -> Option<Decimal>) -> Grid {
    let mut b = builder("四、政府信息公开行政复议、行政诉讼情况", 15, value);
    b.head(0, 0, 1, 5, "行政复议");
    b.head(0, 5, 1, 10, "行政诉讼");
    for (i, x) in T4Result::ALL.iter().enumerate() {
        b.head(1, i, 2, 1, x.label());
        b.head(2, 5 + i, 1, 1, x.label());
        b.head(2, 10 + i, 1, 1, x.label());
    }
    b.head(1, 5, 1, 5, "未经复议直接起诉");
    b.head(1, 10, 1, 5, "复议后起诉");
    for (i, blk) in T4Block::ALL.iter().enumerate() {
        for (j, x) in T4Result::ALL.iter().enumerate() {
            b.value(3, i * 5 + j, 1, &t4_key(*blk, *x));
        }
    }
    b.grid
}

/// The three tables.
pub fn tables(value: &dyn Fn(&str) -> Option<Decimal>) -> [Grid; 3] {
    [table_two(value), table_three(value), table_four(value)]
}

/// A readable Chinese name for a cell key (`表三·（一）予以公开·自然人`).
pub fn cell_name(key: &str) -> String {
    use crate::template::keys::{T2_2019, T2_2021};
    for row in T3Row::ALL {
        for col in T3Col::ALL {
            if t3_key(row, col) == key {
                let label = row.label();
                let short = label.find("（区分").map_or(label, |i| &label[..i]);
                return format!("表三·{short}·{}", col.label());
            }
        }
    }
    for b in T4Block::ALL {
        for x in T4Result::ALL {
            if t4_key(b, x) == key {
                return format!("表四·{}·{}", b.label(), x.label());
            }
        }
    }
    if let Some(f) = T2_2021.iter().find(|f| f.key == key) {
        return format!("表二·{}·{}", f.row, f.column);
    }
    if let Some(f) = T2_2019.iter().find(|f| f.key == key) {
        return format!("表二(2019)·{}·{}", f.row, f.column);
    }
    key.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every grid place is covered exactly once.
    fn covers_once(g: &Grid) {
        let mut seen = vec![vec![0u8; g.width]; g.height];
        for c in &g.cells {
            for line in seen.iter_mut().skip(c.row).take(c.rows) {
                for n in line.iter_mut().skip(c.col).take(c.cols) {
                    *n += 1;
                }
            }
        }
        assert!(
            seen.iter().flatten().all(|n| *n == 1),
            "{}: {seen:?}",
            g.title
        );
    }

    #[test]
    fn grids_are_the_templates_tables() {
        let none = |_: &str| None;
        let [two, three, four] = tables(&none);
        for g in [&two, &three, &four] {
            covers_once(g);
        }
        assert_eq!((two.width, two.height), (4, 14));
        // Header rows, then 25 rows of the 2021 form.
        assert_eq!((three.width, three.height), (10, 3 + 25));
        assert_eq!((four.width, four.height), (15, 4));
        let values = |g: &Grid| {
            g.cells
                .iter()
                .filter(|c| matches!(c.content, Content::Value(..)))
                .count()
        };
        assert_eq!((values(&two), values(&three), values(&four)), (10, 175, 15));
        assert_eq!(
            cell_name("t3.partial.natural"),
            "表三·（二）部分公开·自然人"
        );
        assert_eq!(cell_name("t2.licensing"), "表二·行政许可·本年处理决定数量");
    }

    #[test]
    fn other_handling_as_one_row_gets_its_row_when_printed() {
        let some = |k: &str| {
            k.starts_with("t3.other_unsplit")
                .then(|| Decimal::new(1, 0))
        };
        let three = table_three(&some);
        covers_once(&three);
        assert_eq!(three.height, 3 + 26);
    }
}
