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
    /// One line: Chinese, then English.
    pub message: String,
    /// Place in the source file (`line 12`, `table 2 row 5 col 3`), when there is one.
    pub place: String,
}

impl Finding {
    pub fn severity(&self) -> Severity {
        self.check.severity()
    }

    /// Sort key: source, then check id, then cells and message (a total, stable order).
    pub fn sort_key(&self) -> (&str, &'static str, &[String], &str) {
        (&self.source, self.check.id(), &self.cells, &self.message)
    }
}

/// The two halves of a line [`bilingual`] made: Chinese, English (both the line when it has
/// no English half).
pub fn halves(line: &str) -> (&str, &str) {
    line.split_once(" / ").unwrap_or((line, line))
}

/// Join a Chinese and an English sentence into one line.
pub fn bilingual(zh: impl AsRef<str>, en: impl AsRef<str>) -> String {
    let line = format!("{} / {}", zh.as_ref(), en.as_ref());
    line.replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::Check;

    #[test]
    fn every_check_has_its_own_chinese_name() {
        let mut names: Vec<&str> = Check::ALL.iter().map(|c| c.name_zh()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Check::ALL.len());
        assert!(names.iter().all(|n| !n.is_ascii()));
    }
}
