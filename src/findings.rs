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

/// Join a Chinese and an English sentence into one line.
pub fn bilingual(zh: impl AsRef<str>, en: impl AsRef<str>) -> String {
    let line = format!("{} / {}", zh.as_ref(), en.as_ref());
    line.replace(['\n', '\r'], " ")
}
