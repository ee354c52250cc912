//! Findings: what the checks say about a report or the district, one line in Chinese and English.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Errors, warnings and infos.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: u32,
    pub warnings: u32,
    pub infos: u32,
}

impl Counts {
    pub fn of(findings: &[Finding]) -> Counts {
        let mut c = Counts::default();
        for f in findings {
            c.add(f.severity(), 1);
        }
        c
    }

    pub fn get(&self, s: Severity) -> u32 {
        match s {
            Severity::Error => self.errors,
            Severity::Warning => self.warnings,
            Severity::Info => self.infos,
        }
    }

    pub fn add(&mut self, s: Severity, n: u32) {
        let slot = match s {
            Severity::Error => &mut self.errors,
            Severity::Warning => &mut self.warnings,
            Severity::Info => &mut self.infos,
        };
        *slot = slot.saturating_add(n);
    }

    pub fn total(&self) -> u32 {
        self.errors
            .saturating_add(self.warnings)
            .saturating_add(self.infos)
    }
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        for s in [Severity::Error, Severity::Warning, Severity::Info] {
            self.add(s, o.get(s));
        }
    }
}

/// The checks, with the stable ids of `report-format.md` (plus `CHARSET_MISMATCH`,
/// `VALUE_CONVERTED` and `TEXT_UNREADABLE`, documented in the README).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Check {
    #[serde(rename = "T3_ROW_SUM")]
    T3RowSum,
    #[serde(rename = "T3_RESULT_SUM")]
    T3ResultSum,
    #[serde(rename = "T3_BALANCE")]
    T3Balance,
    #[serde(rename = "T4_SUM")]
    T4Sum,
    #[serde(rename = "UNANSWERED")]
    Unanswered,
    #[serde(rename = "VALUE_INVALID")]
    ValueInvalid,
    #[serde(rename = "TABLE_MISSING")]
    TableMissing,
    #[serde(rename = "UNPARSEABLE")]
    Unparseable,
    #[serde(rename = "DUPLICATE_REPORT")]
    DuplicateReport,
    #[serde(rename = "CARRIED_FORWARD")]
    CarriedForward,
    #[serde(rename = "REVIEW_PENDING")]
    ReviewPending,
    #[serde(rename = "SUIT_PENDING")]
    SuitPending,
    #[serde(rename = "REVIEW_CORRECTED")]
    ReviewCorrected,
    #[serde(rename = "SUIT_CORRECTED")]
    SuitCorrected,
    #[serde(rename = "BLANK_CELLS")]
    BlankCells,
    #[serde(rename = "OTHER_HANDLING_HIGH")]
    OtherHandlingHigh,
    #[serde(rename = "FEE_NOT_STATED")]
    FeeNotStated,
    #[serde(rename = "TEMPLATE_MIXED")]
    TemplateMixed,
    #[serde(rename = "YEAR_MISMATCH")]
    YearMismatch,
    #[serde(rename = "CHARSET_MISMATCH")]
    CharsetMismatch,
    #[serde(rename = "VALUE_CONVERTED")]
    ValueConverted,
    #[serde(rename = "ZERO_REPORT")]
    ZeroReport,
    #[serde(rename = "TEXT_UNREADABLE")]
    TextUnreadable,
    #[serde(rename = "MISSING_REPORT")]
    MissingReport,
    #[serde(rename = "UNKNOWN_UNIT")]
    UnknownUnit,
    #[serde(rename = "RULES_NONZERO")]
    RulesNonzero,
    #[serde(rename = "NARRATIVE_MISMATCH")]
    NarrativeMismatch,
    #[serde(rename = "CARRY_CHAIN")]
    CarryChain,
    #[serde(rename = "IN_FORCE_CHAIN")]
    InForceChain,
    #[serde(rename = "TENFOLD_CHANGE")]
    TenfoldChange,
    #[serde(rename = "AGGREGATE_MISMATCH")]
    AggregateMismatch,
    #[serde(rename = "INTERNAL_ERROR")]
    InternalError,
    #[serde(rename = "TWO_REPORTS")]
    TwoReports,
    #[serde(rename = "REPORT_REPEATED")]
    ReportRepeated,
    #[serde(rename = "TIME_LIMIT")]
    TimeLimit,
    #[serde(rename = "NESTING_CAPPED")]
    NestingCapped,
    #[serde(rename = "OUTPUT_LIMITED")]
    OutputLimited,
    #[serde(rename = "OUTPUT_FAILED")]
    OutputFailed,
    #[serde(rename = "UNIT_ERROR_IN_TOTAL")]
    UnitErrorInTotal,
    #[serde(rename = "OTHER_VERSION")]
    OtherVersion,
}

impl Check {
    pub const ALL: [Check; 40] = [
        Check::T3RowSum,
        Check::T3ResultSum,
        Check::T3Balance,
        Check::T4Sum,
        Check::Unanswered,
        Check::ValueInvalid,
        Check::TableMissing,
        Check::Unparseable,
        Check::DuplicateReport,
        Check::CarriedForward,
        Check::ReviewPending,
        Check::SuitPending,
        Check::ReviewCorrected,
        Check::SuitCorrected,
        Check::BlankCells,
        Check::OtherHandlingHigh,
        Check::FeeNotStated,
        Check::TemplateMixed,
        Check::YearMismatch,
        Check::CharsetMismatch,
        Check::ValueConverted,
        Check::ZeroReport,
        Check::TextUnreadable,
        Check::MissingReport,
        Check::UnknownUnit,
        Check::RulesNonzero,
        Check::NarrativeMismatch,
        Check::CarryChain,
        Check::InForceChain,
        Check::TenfoldChange,
        Check::AggregateMismatch,
        Check::InternalError,
        Check::TwoReports,
        Check::ReportRepeated,
        Check::TimeLimit,
        Check::NestingCapped,
        Check::OutputLimited,
        Check::OutputFailed,
        Check::UnitErrorInTotal,
        Check::OtherVersion,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Check::T3RowSum => "T3_ROW_SUM",
            Check::T3ResultSum => "T3_RESULT_SUM",
            Check::T3Balance => "T3_BALANCE",
            Check::T4Sum => "T4_SUM",
            Check::Unanswered => "UNANSWERED",
            Check::ValueInvalid => "VALUE_INVALID",
            Check::TableMissing => "TABLE_MISSING",
            Check::Unparseable => "UNPARSEABLE",
            Check::DuplicateReport => "DUPLICATE_REPORT",
            Check::CarriedForward => "CARRIED_FORWARD",
            Check::ReviewPending => "REVIEW_PENDING",
            Check::SuitPending => "SUIT_PENDING",
            Check::ReviewCorrected => "REVIEW_CORRECTED",
            Check::SuitCorrected => "SUIT_CORRECTED",
            Check::BlankCells => "BLANK_CELLS",
            Check::OtherHandlingHigh => "OTHER_HANDLING_HIGH",
            Check::FeeNotStated => "FEE_NOT_STATED",
            Check::TemplateMixed => "TEMPLATE_MIXED",
            Check::YearMismatch => "YEAR_MISMATCH",
            Check::CharsetMismatch => "CHARSET_MISMATCH",
            Check::ValueConverted => "VALUE_CONVERTED",
            Check::ZeroReport => "ZERO_REPORT",
            Check::TextUnreadable => "TEXT_UNREADABLE",
            Check::MissingReport => "MISSING_REPORT",
            Check::UnknownUnit => "UNKNOWN_UNIT",
            Check::RulesNonzero => "RULES_NONZERO",
            Check::NarrativeMismatch => "NARRATIVE_MISMATCH",
            Check::CarryChain => "CARRY_CHAIN",
            Check::InForceChain => "IN_FORCE_CHAIN",
            Check::TenfoldChange => "TENFOLD_CHANGE",
            Check::AggregateMismatch => "AGGREGATE_MISMATCH",
            Check::InternalError => "INTERNAL_ERROR",
            Check::TwoReports => "TWO_REPORTS",
            Check::ReportRepeated => "REPORT_REPEATED",
            Check::TimeLimit => "TIME_LIMIT",
            Check::NestingCapped => "NESTING_CAPPED",
            Check::OutputLimited => "OUTPUT_LIMITED",
            Check::OutputFailed => "OUTPUT_FAILED",
            Check::UnitErrorInTotal => "UNIT_ERROR_IN_TOTAL",
            Check::OtherVersion => "OTHER_VERSION",
        }
    }

    /// What the check is, in the clerk's words (the workbook and the page show this; the id
    /// stays in `findings.csv`).
    pub fn name_zh(self) -> &'static str {
        use Check::*;
        match self {
            T3RowSum => "表三行合计不符",
            T3ResultSum => "表三办理结果合计不符",
            T3Balance => "表三收支不平衡",
            T4Sum => "表四合计不符",
            Unanswered => "申请未办结也未结转",
            ValueInvalid => "数字无法读取",
            TableMissing => "缺少表格",
            Unparseable => "文件无法读取",
            DuplicateReport => "报告重复",
            CarriedForward => "结转下年",
            ReviewPending => "行政复议未审结",
            SuitPending => "行政诉讼未审结",
            ReviewCorrected => "行政复议被纠正",
            SuitCorrected => "行政诉讼被纠正",
            BlankCells => "单元格未填",
            OtherHandlingHigh => "其他处理比例高",
            FeeNotStated => "未说明收费情况",
            TemplateMixed => "使用旧模板",
            YearMismatch => "年度不符",
            CharsetMismatch => "网页编码不符",
            ValueConverted => "单位已换算",
            ZeroReport => "本年无申请",
            TextUnreadable => "部分文字无法读取",
            MissingReport => "未报送",
            UnknownUnit => "不在名册中",
            RulesNonzero => "填报了规章",
            NarrativeMismatch => "正文与表格不符",
            CarryChain => "与上年结转不衔接",
            InForceChain => "现行有效件数不衔接",
            TenfoldChange => "与上年相差十倍以上",
            AggregateMismatch => "公布的汇总数不符",
            InternalError => "内部错误",
            TwoReports => "一个文件两份报告",
            ReportRepeated => "报告重复出现",
            TimeLimit => "读取超时",
            NestingCapped => "网页嵌套过深",
            OutputLimited => "输出只列出部分",
            OutputFailed => "输出无法生成",
            UnitErrorInTotal => "合计带入单位错误",
            OtherVersion => "另一版本未计入",
        }
    }

    pub fn severity(self) -> Severity {
        use Check::*;
        match self {
            T3RowSum | T3ResultSum | T3Balance | T4Sum | Unanswered | ValueInvalid
            | TableMissing | Unparseable | DuplicateReport | MissingReport | InternalError
            | TwoReports | TimeLimit | OutputFailed => Severity::Error,
            CarriedForward | ReviewPending | SuitPending | ReviewCorrected | SuitCorrected
            | BlankCells | OtherHandlingHigh | FeeNotStated | TemplateMixed | YearMismatch
            | CharsetMismatch | ValueConverted | TextUnreadable | UnknownUnit | RulesNonzero
            | NarrativeMismatch | CarryChain | InForceChain | TenfoldChange | AggregateMismatch
            | ReportRepeated | NestingCapped => Severity::Warning,
            ZeroReport | OutputLimited | UnitErrorInTotal | OtherVersion => Severity::Info,
        }
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Input path, or empty for district-level findings.
    pub source: String,
    pub unit: String,
    pub check: Check,
    /// Cell keys involved.
    pub cells: Vec<String>,
    /// What it says, in Chinese and in English.
    pub message: Message,
    /// Place in the source file (`line 12`, `table 2 row 5 col 3`), when there is one.
    pub place: String,
    /// The facts it is about beyond its cells' printed values — a figure quoted in the prose,
    /// a year, the text a cell printed, the table missing, a file — which the finding's id is
    /// made of with its check, its body and its cells (never its wording or place).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<String>,
}

impl Finding {
    pub fn severity(&self) -> Severity {
        self.check.severity()
    }

    /// Sort key: source, then check id, then cells and message (a total, stable order).
    pub fn sort_key(&self) -> (&str, &'static str, &[String], &str) {
        (
            &self.source,
            self.check.id(),
            &self.cells,
            self.message.line(),
        )
    }

    /// The same finding with these facts (see [`Finding::facts`]).
    pub fn with_facts<I, S>(mut self, facts: I) -> Finding
    where
        I: IntoIterator<Item = S>,
        S: ToString,
    {
        self.facts = facts.into_iter().map(|f| f.to_string()).collect();
        self
    }
}

/// A finding's text: a Chinese sentence and its English. The two are kept apart — where one
/// ends is recorded when the message is made, never searched for — and shown as one line,
/// Chinese first, where a single line is wanted (`findings.csv`).
#[derive(Clone, PartialEq, Eq)]
pub struct Message {
    /// `zh / en`.
    line: String,
    /// Bytes of `line` that are the Chinese half.
    zh_len: usize,
}

/// What separates the halves in the one-line form.
const SEPARATOR: &str = " / ";

impl Message {
    /// A message of two sentences (line breaks become spaces: a finding is one line).
    pub fn new(zh: impl AsRef<str>, en: impl AsRef<str>) -> Message {
        let zh = zh.as_ref().replace(['\n', '\r'], " ");
        let en = en.as_ref().replace(['\n', '\r'], " ");
        let zh_len = zh.len();
        let mut line = zh;
        line.push_str(SEPARATOR);
        line.push_str(&en);
        Message { line, zh_len }
    }

    /// The Chinese sentence.
    pub fn zh(&self) -> &str {
        &self.line[..self.zh_len]
    }

    /// The English sentence.
    pub fn en(&self) -> &str {
        &self.line[self.zh_len + SEPARATOR.len()..]
    }

    /// Both, as one line: `中文 / English`.
    pub fn line(&self) -> &str {
        &self.line
    }
}

impl std::ops::Deref for Message {
    type Target = str;
    fn deref(&self) -> &str {
        &self.line
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line)
    }
}

impl fmt::Debug for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.line, f)
    }
}

impl From<Message> for String {
    fn from(m: Message) -> String {
        m.line
    }
}

/// Stored (the spill, the cache) as its two sentences.
impl Serialize for Message {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.zh(), self.en()).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Message {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Message, D::Error> {
        let (zh, en) = <(String, String)>::deserialize(d)?;
        Ok(Message::new(zh, en))
    }
}

/// A note about the run (not a finding): one line, Chinese then English.
pub fn note(zh: impl AsRef<str>, en: impl AsRef<str>) -> String {
    Message::new(zh, en).into()
}

/// A message of a Chinese and an English sentence (see [`Message`]).
pub fn bilingual(zh: impl AsRef<str>, en: impl AsRef<str>) -> Message {
    Message::new(zh, en)
}

#[cfg(test)]
mod tests {
    use super::{Check, Message};

    #[test]
    fn a_message_keeps_its_halves_apart_whatever_they_say() {
        let m = Message::new("甲 / 乙\n丙", "a / b");
        assert_eq!(m.zh(), "甲 / 乙 丙");
        assert_eq!(m.en(), "a / b");
        assert_eq!(m.line(), "甲 / 乙 丙 / a / b");
        let back: Message = serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
        assert_eq!(back, m);
    }

    #[test]
    fn every_check_has_its_own_chinese_name() {
        let mut names: Vec<&str> = Check::ALL.iter().map(|c| c.name_zh()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Check::ALL.len());
        assert!(names.iter().all(|n| !n.is_ascii()));
    }
}
