//! What a finding says, as facts: one variant per kind of finding, holding the cells, numbers,
//! names and files it is about. [`super::wording`] words each in Chinese and English; nothing
//! else makes a finding's text.

use super::Check;
use crate::read::extract::doc::DocError;
use crate::read::extract::docx::DocxError;
use crate::read::extract::pdf::{PdfError, PdfNotice};
use crate::read::extract::workbook::WorkbookError;
use crate::template::keys::{T3Col, T3Row, T4Block, T4Result};
use crate::value::Note;
use serde::{Deserialize, Serialize};

/// Units named in one explanation, at most (the rest are counted).
pub const MAX_NAMED: usize = 10;

/// A finding's facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Said {
    // ---- A file that could not be read (UNPARSEABLE, TIME_LIMIT, INTERNAL_ERROR).
    EmptyFile,
    /// The file system would not give the file.
    CannotRead {
        error: String,
    },
    TooLarge {
        size: u64,
        limit: u64,
    },
    GrewWhileRead,
    Docx(DocxError),
    Doc(DocError),
    Workbook(WorkbookError),
    /// The file's name says one format, its content another (read as the content says).
    NameMismatch {
        extension: String,
        format: String,
    },
    Pdf(PdfError),
    /// A Word 97, WPS or Excel binary file.
    OldBinaryDocument,
    BinaryData,
    NotText,
    /// Reading gave up on the per-file time budget (`what`: the reader).
    TimeLimit {
        what: String,
    },
    /// A bug this file reached (a caught panic).
    Internal {
        format: String,
        panic: String,
    },
    /// Read, but no table of a report in it.
    NoReportTable,
    /// A PDF whose tables are incomplete and whose `pages` are scanned images with no text
    /// layer: what the text pages hold is not half a report, so none of it is summed.
    ScannedTablePages {
        pages: Vec<usize>,
    },
    /// A PDF whose scanned `pages` Tesseract read, not summed: its doubtful cells (key, what
    /// was read, confidence), the checks that failed on what was read, the tables read whole.
    ScanDoubtful {
        pages: Vec<usize>,
        cells: Vec<DoubtfulCell>,
        failing: Vec<Check>,
        tables: usize,
    },

    // ---- Doubts about the reading (TEXT_UNREADABLE, NESTING_CAPPED, CHARSET_MISMATCH).
    TooManyRows {
        all: usize,
        max: usize,
    },
    NestingCapped {
        cap: usize,
        dropped: usize,
    },
    TooManyTags {
        max: usize,
    },
    CharsetDeclared {
        declared: String,
        actual: String,
    },
    Undecodable {
        encoding: String,
        count: usize,
    },
    PdfNotice(PdfNotice),

    // ---- Discovery.
    Unreachable {
        dangling: bool,
        error: String,
    },
    NotAFile,
    FolderLoop {
        path: String,
    },
    FolderEntryUnreadable {
        error: String,
    },
    FolderUnreadable {
        error: String,
    },

    // ---- The report's own checks.
    /// The file holds the tables twice (`same`: the same numbers).
    SecondCopy {
        same: bool,
    },
    RowSum {
        row: T3Row,
        total: i128,
        parts: Vec<i128>,
    },
    ResultSum {
        col: T3Col,
        processed: i128,
        sum: i128,
    },
    Balance {
        col: T3Col,
        new: i128,
        over: i128,
        done: i128,
        forward: i128,
    },
    Unanswered {
        new: i128,
        over: i128,
        done: i128,
        forward: i128,
    },
    T4Sum {
        block: T4Block,
        total: i128,
        parts: Vec<i128>,
    },
    /// Table 二, 三 or 四 (2, 3, 4) not found.
    /// Table 四's count of `block` × `result` against the 司法局's register (`cases`: its case
    /// numbers for the cell).
    CasesMismatch {
        block: T4Block,
        result: T4Result,
        table: i128,
        register: i128,
        cases: Vec<String>,
    },
    /// Published `days` after its deadline `due`, on `on` (read from `source`).
    PublishedLate {
        on: crate::util::date::Date,
        source: crate::template::dated::DateSource,
        due: crate::util::date::Date,
        days: i64,
    },
    /// Parts of the report not found (0-based: 0 is 一、总体情况).
    SectionMissing {
        parts: Vec<usize>,
    },
    /// Part 五 says nothing but this.
    ImprovementEmpty {
        text: String,
    },
    /// A report of `year` (2021 or later) cites the 2019 notice.
    OldFormatCited {
        year: i32,
    },
    /// The 本级政府's report does not state these of 考核、评议、责任追究 (条例第五十条).
    AssessmentNotStated {
        missing: Vec<String>,
    },
    TableMissing {
        table: u8,
    },
    TemplateMixed {
        old_t2: bool,
        old_t3: bool,
        year: Option<i32>,
    },
    FeeNotStated,
    /// A row (or table) whose cells cannot be placed: its cells' keys and why.
    RowUnreadable {
        table: u8,
        cells: Vec<String>,
        why: Note,
    },
    /// A cell that does not read as a number: what it printed and why.
    CellUnreadable {
        table: u8,
        cells: Vec<String>,
        raw: String,
        why: Note,
    },
    /// Cells without a number: those printed blank or with a placeholder, in runs printed
    /// alike, and those in rows not printed.
    BlankCells {
        table: u8,
        runs: Vec<(Blank, Vec<String>)>,
        blank: usize,
        absent: usize,
        /// The cells in rows not printed (named by their rows in the message).
        #[serde(default)]
        absent_cells: Vec<String>,
    },
    /// A fee printed in 元, converted exactly to 万元.
    Converted {
        cell: String,
        raw: String,
        value: String,
    },
    CarriedForward {
        n: i128,
    },
    OtherHandlingHigh {
        other: i128,
        processed: i128,
    },
    NoApplications,
    /// Table 四: reviews or suits pending, or decided against the body.
    T4Flag {
        block: T4Block,
        result: T4Result,
        n: i128,
    },
    /// A sentence of the prose (as quoted) whose figure the tables do not bear out.
    Prose {
        quote: String,
        claim: ProseClaim,
    },

    // ---- The roll-up's decisions.
    OtherYear {
        got: i32,
        want: i32,
        inferred: bool,
    },
    FitsSeveral {
        unit: String,
        bodies: Vec<String>,
        top: String,
    },
    NotOnRoster {
        unit: String,
        maybe: Option<String>,
        top: String,
    },
    OtherVersion {
        unit: String,
        year: Option<i32>,
        used: String,
        chosen_by: ChosenBy,
    },
    Duplicate {
        unit: String,
        year: Option<i32>,
        role: DuplicateRole,
    },
    Missing {
        body: String,
        year: Option<i32>,
        sent: Option<(String, NotSummed)>,
    },
    RulesNonzero {
        values: Vec<(String, String)>,
    },
    TotalOverflow {
        cell: String,
    },
    /// A summed total's failure that the same error in units' reports explains.
    CarriedIntoTotal {
        inner: Box<Said>,
        check: Check,
        /// The units named (at most ten) and how many there are.
        units: Vec<String>,
        all_units: usize,
        /// The levels it reaches (`unnamed`: the one row of a run without a roster), or the
        /// published aggregate.
        levels: Vec<String>,
        published: bool,
        unnamed: bool,
    },

    // ---- Last year.
    LastYearUnreadable {
        why: Vec<Said>,
    },
    /// A 信息处理费 of `fee` (as printed, with its unit) charged in a year of `applications`
    /// new applications, 10 or fewer (no fee under 10 a month: 《办法》第四条).
    FeeImplausible {
        fee: String,
        applications: i128,
    },
    /// 收费 printed with no unit, too large to be 万元 for a body of its kind (`government`: a
    /// government's own report, whose limit is `limit` 万元 too).
    FeeUnitDoubtful {
        printed: String,
        value: crate::value::Decimal,
        government: bool,
        limit: i128,
    },
    /// 现行有效 below 本年制发 − 本年废止 for `what` (规章 or 行政规范性文件).
    InForceImpossible {
        what: String,
        issued: i128,
        repealed: i128,
        in_force: i128,
    },
    /// Every number of tables 二–四 (`cells` of them) equals last year's report's (`last`).
    SameAsLastYear {
        last: String,
        cells: usize,
    },
    /// Parts (0-based: 0 is 一, 4 is 五) alike to last year's report `last`, with the likeness
    /// in percent.
    ProseCopied {
        last: String,
        parts: Vec<(usize, u8)>,
    },
    /// A report of `year` whose statistics period is the year before.
    YearStatedAsLast {
        year: i32,
        stated: i32,
    },
    CarryChain {
        last: String,
        cols: Vec<(T3Col, String, String)>,
    },
    InForceChain {
        last: String,
        items: Vec<InForce>,
    },
    Tenfold {
        items: Vec<(String, String, String)>,
    },

    // ---- The published aggregate.
    PublishedUnreadable,
    PublishedDiffers {
        level: String,
        cell: String,
        told: String,
        summed: Option<String>,
        causes: Vec<String>,
    },
    PublishedIncomplete {
        missing: usize,
        failed: usize,
        short: usize,
    },

    // ---- The outputs.
    ViewsLimited {
        units: usize,
        findings: usize,
        view_units: usize,
        view_findings: usize,
    },
    ViewFailed {
        file: String,
        error: String,
    },
}

/// How cells without a number were printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Blank {
    Blank,
    /// A placeholder such as “—” or “/”, as printed.
    Placeholder(String),
}

/// A figure a sentence states, and what the table has (and last year's carry-over beside a
/// received count).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProseClaim {
    Received {
        said: i128,
        table: i128,
        carried: i128,
    },
    Answered {
        said: i128,
        table: i128,
    },
    Forward {
        said: i128,
        table: i128,
    },
    Reviews {
        said: i128,
        table: i128,
    },
    Suits {
        said: i128,
        table: i128,
    },
    NoReview {
        table: i128,
    },
    NoSuit {
        table: i128,
    },
    /// Applications carried over from last year.
    CarriedOver {
        said: i128,
        table: i128,
    },
    /// A count of table 二 (`key`: its cell).
    Table2 {
        key: String,
        said: i128,
        table: i128,
    },
    /// 行政事业性收费, in 万元.
    Fees {
        said: crate::value::Decimal,
        table: crate::value::Decimal,
    },
    /// Reviews (`suits` false) or lawsuits with a result (upheld or corrected).
    Results {
        suits: bool,
        result: crate::template::keys::T4Result,
        said: i128,
        table: i128,
    },
}

/// A cell of a scanned table read without confidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoubtfulCell {
    /// The cell's key.
    pub key: String,
    /// What was read (empty: ink, but no digit).
    pub read: String,
    /// Tesseract's confidence, 0–100.
    pub conf: u8,
    /// The cell as scanned: a grey PNG, base64 (`report.html` shows it).
    pub picture: String,
}

/// Who chose the version that is summed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChosenBy {
    RosterFile,
    Newest,
    LastPath,
}

/// A duplicate report's part: the newest (summed; the others named), or an older one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DuplicateRole {
    Newest {
        reports: usize,
        others: Vec<String>,
        unnamed: usize,
    },
    Older {
        newer: String,
    },
}

/// Why a body's file is not summed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotSummed {
    Unread,
    TwoReports,
    OtherYear(Option<i32>),
    Duplicate,
}

/// An in-force count that does not follow from last year's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InForce {
    /// 规章 or 行政规范性文件.
    pub name: String,
    pub in_force: String,
    pub before: String,
    pub issued: String,
    pub repealed: String,
    pub want: String,
}
