//! Findings: what the checks say about a report or the district — a check, the cells and facts
//! it is about ([`said`]), and the words for them ([`wording`], the only place a finding's text
//! is made).

pub mod said;
pub mod wording;

pub use said::Said;

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

/// Declares the checks: each one's variant, its stable id (`report-format.md`, plus the ones
/// the README documents), its severity and its name in the clerk's words — each said once.
macro_rules! checks {
    ($($variant:ident = $id:literal, $severity:ident, $zh:literal;)*) => {
        /// The checks.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Check {
            $($variant,)*
        }

        impl Check {
            pub const ALL: [Check; [$(Check::$variant),*].len()] = [$(Check::$variant),*];

            /// The stable id (`findings.csv`'s `check`).
            pub fn id(self) -> &'static str {
                match self {
                    $(Check::$variant => $id,)*
                }
            }

            /// What the check is, in the clerk's words (the workbook and the page show this;
            /// the id stays in `findings.csv`).
            pub fn name_zh(self) -> &'static str {
                match self {
                    $(Check::$variant => $zh,)*
                }
            }

            pub fn severity(self) -> Severity {
                match self {
                    $(Check::$variant => Severity::$severity,)*
                }
            }

            /// The check with this id.
            pub fn from_id(id: &str) -> Option<Check> {
                match id {
                    $($id => Some(Check::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

checks! {
    T3RowSum = "T3_ROW_SUM", Error, "表三行合计不符";
    T3ResultSum = "T3_RESULT_SUM", Error, "表三办理结果合计不符";
    T3Balance = "T3_BALANCE", Error, "表三收支不平衡";
    T4Sum = "T4_SUM", Error, "表四合计不符";
    Unanswered = "UNANSWERED", Error, "申请未办结也未结转";
    ValueInvalid = "VALUE_INVALID", Error, "数字无法读取";
    TableMissing = "TABLE_MISSING", Error, "缺少表格";
    SectionMissing = "SECTION_MISSING", Error, "缺少报告部分";
    ImprovementEmpty = "IMPROVEMENT_EMPTY", Warning, "问题及改进未填写";
    OldFormatCited = "OLD_FORMAT_CITED", Warning, "引用已废止的通知";
    AssessmentNotStated = "ASSESSMENT_NOT_STATED", Warning, "未说明考核评议";
    Unparseable = "UNPARSEABLE", Error, "文件无法读取";
    DuplicateReport = "DUPLICATE_REPORT", Error, "报告重复";
    CarriedForward = "CARRIED_FORWARD", Warning, "结转下年";
    ReviewPending = "REVIEW_PENDING", Warning, "行政复议未审结";
    SuitPending = "SUIT_PENDING", Warning, "行政诉讼未审结";
    ReviewCorrected = "REVIEW_CORRECTED", Warning, "行政复议被纠正";
    SuitCorrected = "SUIT_CORRECTED", Warning, "行政诉讼被纠正";
    BlankCells = "BLANK_CELLS", Warning, "单元格未填";
    OtherHandlingHigh = "OTHER_HANDLING_HIGH", Warning, "其他处理比例高";
    FeeNotStated = "FEE_NOT_STATED", Warning, "未说明收费情况";
    TemplateMixed = "TEMPLATE_MIXED", Warning, "使用旧模板";
    YearMismatch = "YEAR_MISMATCH", Warning, "年度不符";
    CharsetMismatch = "CHARSET_MISMATCH", Warning, "网页编码不符";
    ValueConverted = "VALUE_CONVERTED", Warning, "单位已换算";
    ZeroReport = "ZERO_REPORT", Info, "本年无申请";
    TextUnreadable = "TEXT_UNREADABLE", Warning, "部分文字无法读取";
    MissingReport = "MISSING_REPORT", Error, "未报送";
    PublishedLate = "PUBLISHED_LATE", Error, "逾期发布";
    UnknownUnit = "UNKNOWN_UNIT", Warning, "不在名册中";
    RulesNonzero = "RULES_NONZERO", Warning, "填报了规章";
    NarrativeMismatch = "NARRATIVE_MISMATCH", Warning, "正文与表格不符";
    CarryChain = "CARRY_CHAIN", Warning, "与上年结转不衔接";
    SameAsLastYear = "SAME_AS_LAST_YEAR", Error, "与上年报告数字相同";
    ProseCopied = "PROSE_COPIED", Warning, "正文与上年雷同";
    YearStatedAsLast = "YEAR_STATED_AS_LAST", Warning, "统计期限写成上年";
    InForceImpossible = "IN_FORCE_IMPOSSIBLE", Error, "现行有效件数不可能";
    FeeImplausible = "FEE_IMPLAUSIBLE", Warning, "收费与申请量不符";
    FeeUnitDoubtful = "FEE_UNIT_DOUBTFUL", Warning, "收费金额单位存疑";
    InForceChain = "IN_FORCE_CHAIN", Warning, "现行有效件数不衔接";
    TenfoldChange = "TENFOLD_CHANGE", Warning, "与上年相差十倍以上";
    AggregateMismatch = "AGGREGATE_MISMATCH", Warning, "公布的汇总数不符";
    CasesMismatch = "CASES_MISMATCH", Warning, "与案件登记不符";
    InternalError = "INTERNAL_ERROR", Error, "内部错误";
    TwoReports = "TWO_REPORTS", Error, "一个文件两份报告";
    ReportRepeated = "REPORT_REPEATED", Warning, "报告重复出现";
    TimeLimit = "TIME_LIMIT", Error, "读取超时";
    NestingCapped = "NESTING_CAPPED", Warning, "网页嵌套过深";
    OutputLimited = "OUTPUT_LIMITED", Info, "输出只列出部分";
    OutputFailed = "OUTPUT_FAILED", Error, "输出无法生成";
    UnitErrorInTotal = "UNIT_ERROR_IN_TOTAL", Info, "合计带入单位错误";
    OtherVersion = "OTHER_VERSION", Info, "另一版本未计入";
    NameMismatch = "NAME_MISMATCH", Info, "扩展名与内容不符";
    ScanRead = "SCAN_READ", Info, "扫描件经文字识别";
}

impl Check {
    /// A routine fact rather than a question for the unit: applications carried forward, cases
    /// pending at year end, a fee printed in 元 and converted exactly. The to-do list folds
    /// these to a count per unit (供参考); they stay warnings in every finding list.
    pub fn is_routine(self) -> bool {
        matches!(
            self,
            Check::CarriedForward
                | Check::ReviewPending
                | Check::SuitPending
                | Check::ValueConverted
        )
    }

    /// A question for the office, not for the unit (which roster body a name is, which of two
    /// versions to sum): left out of the unit's notice.
    pub fn is_for_office(self) -> bool {
        matches!(self, Check::UnknownUnit | Check::DuplicateReport)
    }

    /// A fact about a report's own figures that a district aggregate merely repeats (carried
    /// forward, cases pending or corrected): the units that have them are listed on their own.
    pub fn is_figure_fact(self) -> bool {
        self.is_routine() || matches!(self, Check::ReviewCorrected | Check::SuitCorrected)
    }
}

/// Stored (the spill, the cache, `units.parquet`) by its id.
impl Serialize for Check {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Check {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Check, D::Error> {
        let id = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Check::from_id(&id).ok_or_else(|| serde::de::Error::custom(format!("unknown check {id}")))
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
    /// What it says, as facts; [`Finding::message`] words them.
    pub said: Said,
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

    /// What it says, in Chinese and English.
    pub fn message(&self) -> Message {
        wording::message(&self.said)
    }

    /// The order of `findings.csv`: source, then check id, then cells, then what it says (a
    /// total, stable order; the words are made only to break a tie).
    pub fn order(&self, other: &Finding) -> std::cmp::Ordering {
        (&self.source, self.check.id(), &self.cells)
            .cmp(&(&other.source, other.check.id(), &other.cells))
            .then_with(|| self.message().line().cmp(other.message().line()))
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

/// A note about the run (not a finding): one line, Chinese then English.
pub fn note(zh: impl AsRef<str>, en: impl AsRef<str>) -> String {
    Message::new(zh, en).into()
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
    }

    #[test]
    fn every_check_is_stored_and_read_back_by_its_id() {
        for c in Check::ALL {
            assert_eq!(Check::from_id(c.id()), Some(c));
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.id()));
            assert_eq!(serde_json::from_str::<Check>(&json).unwrap(), c);
        }
        assert!(serde_json::from_str::<Check>("\"NO_SUCH\"").is_err());
        assert_eq!(Check::ALL.len(), 54);
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
