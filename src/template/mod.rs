//! The typed report: tables 二, 三 and 四 of the national template, every cell with its state and
//! its place in the source, plus the unit and year.

pub mod cells;
pub mod dated;
pub mod keys;
pub(crate) mod labels;
pub mod likeness;
pub mod meta;
pub(crate) mod parse;
pub mod sections;
mod tokens;
pub(crate) mod wording;

use crate::read::extract::Place;
use crate::value::{CellValue, Decimal};
use keys::{t3_key, t4_key, T2Field, T3Col, T3Row, T4Block, T4Result, T2_2019, T2_2021};
use serde::Serialize;

pub use parse::parse;

/// The template version a table follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Template {
    #[serde(rename = "2019")]
    T2019,
    #[serde(rename = "2021")]
    T2021,
}

impl Template {
    pub fn name(self) -> &'static str {
        match self {
            Template::T2019 => "2019",
            Template::T2021 => "2021",
        }
    }
}

/// Which template a report's tables follow, as `units.csv` says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateUsed {
    /// Every table of one template.
    One(Template),
    /// Tables of both (the 2019 trial template's table 二 or （六） in a later report).
    Mixed,
}

impl TemplateUsed {
    /// `2021`, `2019` or `mixed`.
    pub fn name(self) -> &'static str {
        match self {
            TemplateUsed::One(t) => t.name(),
            TemplateUsed::Mixed => "mixed",
        }
    }

    /// The template [`TemplateUsed::name`] gives.
    pub fn from_name(name: &str) -> Option<TemplateUsed> {
        Some(match name {
            "2021" => TemplateUsed::One(Template::T2021),
            "2019" => TemplateUsed::One(Template::T2019),
            "mixed" => TemplateUsed::Mixed,
            _ => return None,
        })
    }
}

/// One cell of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub value: CellValue,
    /// The printed text, as found.
    pub raw: String,
    pub place: Option<Place>,
    /// How the text was read, or why it is invalid.
    pub note: Option<crate::value::Note>,
    /// The printed value was converted (元 → 万元).
    pub converted: bool,
    /// The problem in `note` belongs to the whole row (or table), not to this cell alone.
    pub whole_row: bool,
}

impl Default for Entry {
    fn default() -> Self {
        Entry {
            value: CellValue::Absent,
            raw: String::new(),
            place: None,
            note: None,
            converted: false,
            whole_row: false,
        }
    }
}

impl Entry {
    pub fn number(&self) -> Option<Decimal> {
        self.value.number()
    }

    /// The value for arithmetic checks: the printed number; 0 for a printed blank or a cell
    /// that is not printed; `None` for invalid text (the check cannot be done).
    pub fn arith(&self) -> Option<i128> {
        match &self.value {
            CellValue::Number(d) => d.as_int(),
            CellValue::Blank | CellValue::Placeholder | CellValue::Absent => Some(0),
            CellValue::Invalid => None,
        }
    }

    /// "12", "blank", "placeholder \"/\"", "invalid \"见附件\"", "absent".
    pub fn describe(&self) -> String {
        match &self.value {
            CellValue::Number(d) => d.to_string(),
            CellValue::Blank => "blank".into(),
            CellValue::Placeholder => format!("\"{}\"", self.raw.trim()),
            CellValue::Invalid => format!("\"{}\"", self.raw.trim()),
            CellValue::Absent => "absent".into(),
        }
    }
}

/// Table 二.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table2 {
    pub template: Template,
    /// Indexed like [`Table2::fields`].
    pub cells: Vec<Entry>,
    pub place: Option<Place>,
}

impl Table2 {
    pub fn fields(&self) -> &'static [T2Field] {
        match self.template {
            Template::T2021 => &T2_2021,
            Template::T2019 => &T2_2019,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Entry> {
        let i = self.fields().iter().position(|f| f.key == key)?;
        self.cells.get(i)
    }
}

/// Table 三: 26 rows (both forms of （六）) × 7 columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table3 {
    pub template: Template,
    pub cells: Vec<[Entry; 7]>,
    pub place: Option<Place>,
}

impl Table3 {
    pub fn empty(template: Template) -> Self {
        Table3 {
            template,
            cells: vec![Default::default(); T3Row::ALL.len()],
            place: None,
        }
    }

    pub fn get(&self, row: T3Row, col: T3Col) -> &Entry {
        &self.cells[row.index()][col.index()]
    }

    /// Rows that belong to this table's template (the 2019 form has `other_unsplit`).
    pub fn rows(&self) -> impl Iterator<Item = T3Row> + '_ {
        T3Row::ALL.into_iter().filter(move |r| match self.template {
            Template::T2019 => !matches!(
                r,
                T3Row::OtherNoCorrection | T3Row::OtherNoFee | T3Row::OtherOther
            ),
            Template::T2021 => *r != T3Row::OtherUnsplit,
        })
    }
}

/// Table 四: 3 blocks × 5 results.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table4 {
    pub cells: [[Entry; 5]; 3],
    pub place: Option<Place>,
}

impl Table4 {
    pub fn get(&self, block: T4Block, result: T4Result) -> &Entry {
        &self.cells[block.index()][result.index()]
    }
}

/// Where the unit name or year was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Title,
    OpeningSentence,
    ContactSentence,
    StatisticsPeriod,
    Text,
    FileName,
}

/// A parsed report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub unit: String,
    pub unit_origin: Origin,
    pub year: Option<i32>,
    pub year_origin: Option<Origin>,
    pub t2: Option<Table2>,
    pub t3: Option<Table3>,
    pub t4: Option<Table4>,
    /// The sentence after table 四 that speaks of 信息处理费, if any.
    pub fee_statement: Option<String>,
    /// Text of the report outside the tables' cells that may quote figures (paragraphs, long
    /// lines), with its place.
    pub prose: Vec<(String, Place)>,
    /// A second table 三 after the first report's tables: the file holds two reports (a page
    /// saved twice, two reports pasted into one file).
    pub second_copy: Option<SecondCopy>,
    /// Its six parts' headings, part 五's text, a citation of the 2019 notice.
    pub sections: sections::Sections,
    /// The day the page says it was published.
    pub published: Option<dated::Published>,
    /// The year its statistics period states, and where.
    pub period: Option<(i32, Place)>,
}

/// A second copy of the report's tables in the same file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecondCopy {
    /// Where the second table 三 starts.
    pub place: Option<Place>,
    /// Every table-三 and table-四 value equals the first copy's (the same report twice).
    pub same: bool,
}

impl Report {
    /// The file holds a second, different copy of the tables: which one counts cannot be known.
    pub fn holds_two_reports(&self) -> bool {
        self.second_copy.as_ref().is_some_and(|c| !c.same)
    }

    /// The template of its tables (none when it has neither table 二 nor table 三).
    pub fn template_used(&self) -> Option<TemplateUsed> {
        let mut seen = [
            self.t2.as_ref().map(|t| t.template),
            self.t3.as_ref().map(|t| t.template),
        ]
        .into_iter()
        .flatten();
        let first = seen.next()?;
        Some(if seen.all(|t| t == first) {
            TemplateUsed::One(first)
        } else {
            TemplateUsed::Mixed
        })
    }

    /// `2021`, `2019` or `mixed`, as `units.csv` prints [`Report::template_used`].
    pub fn template_name(&self) -> Option<&'static str> {
        self.template_used().map(TemplateUsed::name)
    }

    /// How many of tables 二, 三, 四 are present with at least one printed number.
    pub fn readable_tables(&self) -> usize {
        fn has_number<'a>(mut cells: impl Iterator<Item = &'a Entry>) -> bool {
            cells.any(|e| e.number().is_some())
        }
        [
            self.t2.as_ref().is_some_and(|t| has_number(t.cells.iter())),
            self.t3
                .as_ref()
                .is_some_and(|t| has_number(t.cells.iter().flatten())),
            self.t4
                .as_ref()
                .is_some_and(|t| has_number(t.cells.iter().flatten())),
        ]
        .iter()
        .filter(|x| **x)
        .count()
    }

    /// Every cell of the report in output order, with its typed place in the layout (its
    /// contract key is [`CellRef::key`]).
    pub fn cells(&self) -> impl Iterator<Item = (CellRef, Option<&Entry>)> + '_ {
        cell_refs().iter().map(move |&c| {
            let entry = match c {
                CellRef::T3(row, col) => self.t3.as_ref().map(|t| t.get(row, col)),
                CellRef::T4(block, result) => self.t4.as_ref().map(|t| t.get(block, result)),
                CellRef::T2(f) => self.t2.as_ref().and_then(|t| t.get(f.key)),
            };
            (c, entry)
        })
    }
}

/// One cell of the output layout.
#[derive(Debug, Clone, Copy)]
pub enum CellRef {
    T3(T3Row, T3Col),
    T4(T4Block, T4Result),
    T2(&'static T2Field),
}

/// The same cell: the same row and column (a table-二 field by its key).
impl PartialEq for CellRef {
    fn eq(&self, other: &CellRef) -> bool {
        match (self, other) {
            (CellRef::T3(r, c), CellRef::T3(r2, c2)) => r == r2 && c == c2,
            (CellRef::T4(b, x), CellRef::T4(b2, x2)) => b == b2 && x == x2,
            (CellRef::T2(f), CellRef::T2(g)) => f.key == g.key,
            _ => false,
        }
    }
}

impl Eq for CellRef {}

impl CellRef {
    pub fn key(self) -> String {
        match self {
            CellRef::T3(row, col) => t3_key(row, col),
            CellRef::T4(block, result) => t4_key(block, result),
            CellRef::T2(f) => f.key.to_string(),
        }
    }
}

/// Every cell in output order: table 三, table 四, table 二 (2021, then 2019 keys); made once.
pub fn cell_refs() -> &'static [CellRef] {
    static REFS: std::sync::OnceLock<Vec<CellRef>> = std::sync::OnceLock::new();
    REFS.get_or_init(|| {
        let t3 = T3Row::ALL
            .into_iter()
            .flat_map(|r| T3Col::ALL.map(move |c| CellRef::T3(r, c)));
        let t4 = T4Block::ALL
            .into_iter()
            .flat_map(|b| T4Result::ALL.map(move |x| CellRef::T4(b, x)));
        let t2 = T2_2021.iter().chain(T2_2019.iter()).map(CellRef::T2);
        t3.chain(t4).chain(t2).collect()
    })
}

/// All cell keys in output order (the columns of `units.csv`).
pub fn all_cell_keys() -> Vec<String> {
    cell_keys().to_vec()
}

/// All cell keys in output order, made once.
pub fn cell_keys() -> &'static [String] {
    static KEYS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| cell_refs().iter().map(|c| c.key()).collect())
}

/// The position of a cell key in [`cell_keys`].
pub fn cell_index(key: &str) -> Option<usize> {
    static INDEX: std::sync::OnceLock<std::collections::HashMap<&'static str, usize>> =
        std::sync::OnceLock::new();
    INDEX
        .get_or_init(|| {
            cell_keys()
                .iter()
                .enumerate()
                .map(|(i, k)| (k.as_str(), i))
                .collect()
        })
        .get(key)
        .copied()
}
