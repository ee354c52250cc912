//! The template's fields: every row, column and block of tables 二, 三 and 四, with the stable keys
//! of `report-format.md` and the official labels (used to print the official layout).

use crate::value::FieldKind;

/// Table 三 applicant columns, in printed order.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum T3Col {
    Natural,
    Commercial,
    Research,
    Social,
    Legal,
    OtherOrg,
    Total,
}

impl T3Col {
    pub const ALL: [T3Col; 7] = [
        T3Col::Natural,
        T3Col::Commercial,
        T3Col::Research,
        T3Col::Social,
        T3Col::Legal,
        T3Col::OtherOrg,
        T3Col::Total,
    ];
    /// The six applicant columns whose sum is `total`.
    pub const APPLICANTS: [T3Col; 6] = [
        T3Col::Natural,
        T3Col::Commercial,
        T3Col::Research,
        T3Col::Social,
        T3Col::Legal,
        T3Col::OtherOrg,
    ];

    pub fn key(self) -> &'static str {
        match self {
            T3Col::Natural => "natural",
            T3Col::Commercial => "commercial",
            T3Col::Research => "research",
            T3Col::Social => "social",
            T3Col::Legal => "legal",
            T3Col::OtherOrg => "other_org",
            T3Col::Total => "total",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            T3Col::Natural => "自然人",
            T3Col::Commercial => "商业企业",
            T3Col::Research => "科研机构",
            T3Col::Social => "社会公益组织",
            T3Col::Legal => "法律服务机构",
            T3Col::OtherOrg => "其他",
            T3Col::Total => "总计",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// Table 三 rows that carry numbers, in printed order (`OtherUnsplit` is the 2019 one-row form).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum T3Row {
    NewReceived,
    CarriedOver,
    Granted,
    Partial,
    DeniedSecret,
    DeniedLaw,
    DeniedSafety,
    DeniedThirdParty,
    DeniedInternal,
    DeniedProcess,
    DeniedEnforcement,
    DeniedQuery,
    UnableNoInfo,
    UnableNeedCreate,
    UnableUnclear,
    RefusedPetition,
    RefusedRepeat,
    RefusedPublication,
    RefusedMass,
    RefusedConfirm,
    OtherNoCorrection,
    OtherNoFee,
    OtherOther,
    OtherUnsplit,
    TotalProcessed,
    CarriedForward,
}

/// The group headings of table 三 (rows without numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T3Group {
    Results,
    Denied,
    Unable,
    Refused,
    Other,
}

impl T3Group {
    pub const ALL: [T3Group; 5] = [
        T3Group::Results,
        T3Group::Denied,
        T3Group::Unable,
        T3Group::Refused,
        T3Group::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            T3Group::Results => "三、本年度办理结果",
            T3Group::Denied => "（三）不予公开",
            T3Group::Unable => "（四）无法提供",
            T3Group::Refused => "（五）不予处理",
            T3Group::Other => "（六）其他处理",
        }
    }
}

impl T3Row {
    pub const ALL: [T3Row; 26] = [
        T3Row::NewReceived,
        T3Row::CarriedOver,
        T3Row::Granted,
        T3Row::Partial,
        T3Row::DeniedSecret,
        T3Row::DeniedLaw,
        T3Row::DeniedSafety,
        T3Row::DeniedThirdParty,
        T3Row::DeniedInternal,
        T3Row::DeniedProcess,
        T3Row::DeniedEnforcement,
        T3Row::DeniedQuery,
        T3Row::UnableNoInfo,
        T3Row::UnableNeedCreate,
        T3Row::UnableUnclear,
        T3Row::RefusedPetition,
        T3Row::RefusedRepeat,
        T3Row::RefusedPublication,
        T3Row::RefusedMass,
        T3Row::RefusedConfirm,
        T3Row::OtherNoCorrection,
        T3Row::OtherNoFee,
        T3Row::OtherOther,
        T3Row::OtherUnsplit,
        T3Row::TotalProcessed,
        T3Row::CarriedForward,
    ];

    /// Result rows whose sum is `total_processed` (with either form of （六）).
    pub fn is_result(self) -> bool {
        !matches!(
            self,
            T3Row::NewReceived | T3Row::CarriedOver | T3Row::TotalProcessed | T3Row::CarriedForward
        )
    }

    /// Rows of （六）其他处理, split or not.
    pub fn is_other_handling(self) -> bool {
        matches!(
            self,
            T3Row::OtherNoCorrection | T3Row::OtherNoFee | T3Row::OtherOther | T3Row::OtherUnsplit
        )
    }

    pub fn group(self) -> Option<T3Group> {
        use T3Row::*;
        match self {
            Granted | Partial | TotalProcessed => Some(T3Group::Results),
            DeniedSecret | DeniedLaw | DeniedSafety | DeniedThirdParty | DeniedInternal
            | DeniedProcess | DeniedEnforcement | DeniedQuery => Some(T3Group::Denied),
            UnableNoInfo | UnableNeedCreate | UnableUnclear => Some(T3Group::Unable),
            RefusedPetition | RefusedRepeat | RefusedPublication | RefusedMass | RefusedConfirm => {
                Some(T3Group::Refused)
            }
            OtherNoCorrection | OtherNoFee | OtherOther | OtherUnsplit => Some(T3Group::Other),
            NewReceived | CarriedOver | CarriedForward => None,
        }
    }

    pub fn key(self) -> &'static str {
        use T3Row::*;
        match self {
            NewReceived => "new_received",
            CarriedOver => "carried_over",
            Granted => "granted",
            Partial => "partial",
            DeniedSecret => "denied_secret",
            DeniedLaw => "denied_law",
            DeniedSafety => "denied_safety",
            DeniedThirdParty => "denied_third_party",
            DeniedInternal => "denied_internal",
            DeniedProcess => "denied_process",
            DeniedEnforcement => "denied_enforcement",
            DeniedQuery => "denied_query",
            UnableNoInfo => "unable_no_info",
            UnableNeedCreate => "unable_need_create",
            UnableUnclear => "unable_unclear",
            RefusedPetition => "refused_petition",
            RefusedRepeat => "refused_repeat",
            RefusedPublication => "refused_publication",
            RefusedMass => "refused_mass",
            RefusedConfirm => "refused_confirm",
            OtherNoCorrection => "other_no_correction",
            OtherNoFee => "other_no_fee",
            OtherOther => "other_other",
            OtherUnsplit => "other_unsplit",
            TotalProcessed => "total_processed",
            CarriedForward => "carried_forward",
        }
    }

    /// The 2021 template's label.
    pub fn label(self) -> &'static str {
        use T3Row::*;
        match self {
            NewReceived => "一、本年新收政府信息公开申请数量",
            CarriedOver => "二、上年结转政府信息公开申请数量",
            Granted => "（一）予以公开",
            Partial => "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            DeniedSecret => "1.属于国家秘密",
            DeniedLaw => "2.其他法律行政法规禁止公开",
            DeniedSafety => "3.危及“三安全一稳定”",
            DeniedThirdParty => "4.保护第三方合法权益",
            DeniedInternal => "5.属于三类内部事务信息",
            DeniedProcess => "6.属于四类过程性信息",
            DeniedEnforcement => "7.属于行政执法案卷",
            DeniedQuery => "8.属于行政查询事项",
            UnableNoInfo => "1.本机关不掌握相关政府信息",
            UnableNeedCreate => "2.没有现成信息需要另行制作",
            UnableUnclear => "3.补正后申请内容仍不明确",
            RefusedPetition => "1.信访举报投诉类申请",
            RefusedRepeat => "2.重复申请",
            RefusedPublication => "3.要求提供公开出版物",
            RefusedMass => "4.无正当理由大量反复申请",
            RefusedConfirm => "5.要求行政机关确认或重新出具已获取信息",
            OtherNoCorrection => "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            OtherNoFee => {
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
            }
            OtherOther => "3.其他",
            OtherUnsplit => "（六）其他处理（未分项）",
            TotalProcessed => "（七）总计",
            CarriedForward => "四、结转下年度继续办理",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// Table 四 blocks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum T4Block {
    Review,
    SuitDirect,
    SuitAfterReview,
}

impl T4Block {
    pub const ALL: [T4Block; 3] = [
        T4Block::Review,
        T4Block::SuitDirect,
        T4Block::SuitAfterReview,
    ];

    pub fn key(self) -> &'static str {
        match self {
            T4Block::Review => "review",
            T4Block::SuitDirect => "suit_direct",
            T4Block::SuitAfterReview => "suit_after_review",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            T4Block::Review => "行政复议",
            T4Block::SuitDirect => "行政诉讼·未经复议直接起诉",
            T4Block::SuitAfterReview => "行政诉讼·复议后起诉",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// Table 四 results within a block, in printed order.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum T4Result {
    Upheld,
    Corrected,
    Other,
    Pending,
    Total,
}

impl T4Result {
    pub const ALL: [T4Result; 5] = [
        T4Result::Upheld,
        T4Result::Corrected,
        T4Result::Other,
        T4Result::Pending,
        T4Result::Total,
    ];

    pub fn key(self) -> &'static str {
        match self {
            T4Result::Upheld => "upheld",
            T4Result::Corrected => "corrected",
            T4Result::Other => "other",
            T4Result::Pending => "pending",
            T4Result::Total => "total",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            T4Result::Upheld => "结果维持",
            T4Result::Corrected => "结果纠正",
            T4Result::Other => "其他结果",
            T4Result::Pending => "尚未审结",
            T4Result::Total => "总计",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// One field of table 二, either template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct T2Field {
    pub key: &'static str,
    pub row: &'static str,
    pub column: &'static str,
    pub kind: FieldKind,
}

const fn f(key: &'static str, row: &'static str, column: &'static str, kind: FieldKind) -> T2Field {
    T2Field {
        key,
        row,
        column,
        kind,
    }
}

use FieldKind::{Amount, Count, Money10kYuan, SignedCount};

/// 2021 template table 二, in printed order.
pub const T2_2021: [T2Field; 10] = [
    f("t2.rules.issued", "规章", "本年制发件数", Count),
    f("t2.rules.repealed", "规章", "本年废止件数", Count),
    f("t2.rules.in_force", "规章", "现行有效件数", Count),
    f(
        "t2.normative.issued",
        "行政规范性文件",
        "本年制发件数",
        Count,
    ),
    f(
        "t2.normative.repealed",
        "行政规范性文件",
        "本年废止件数",
        Count,
    ),
    f(
        "t2.normative.in_force",
        "行政规范性文件",
        "现行有效件数",
        Count,
    ),
    f("t2.licensing", "行政许可", "本年处理决定数量", Count),
    f("t2.punishment", "行政处罚", "本年处理决定数量", Count),
    f("t2.coercion", "行政强制", "本年处理决定数量", Count),
    f(
        "t2.fees_10k_yuan",
        "行政事业性收费",
        "本年收费金额（单位：万元）",
        Money10kYuan,
    ),
];

/// 2019 trial template table 二, in printed order. Not comparable with the 2021 fields.
pub const T2_2019: [T2Field; 22] = [
    f("t2_2019.rules.made", "规章", "本年新制作数量", Count),
    f("t2_2019.rules.published", "规章", "本年新公开数量", Count),
    f(
        "t2_2019.rules.total_public",
        "规章",
        "对外公开总数量",
        Count,
    ),
    f(
        "t2_2019.normative.made",
        "规范性文件",
        "本年新制作数量",
        Count,
    ),
    f(
        "t2_2019.normative.published",
        "规范性文件",
        "本年新公开数量",
        Count,
    ),
    f(
        "t2_2019.normative.total_public",
        "规范性文件",
        "对外公开总数量",
        Count,
    ),
    f(
        "t2_2019.licensing.prev_items",
        "行政许可",
        "上一年项目数量",
        Count,
    ),
    f(
        "t2_2019.licensing.change",
        "行政许可",
        "本年增/减",
        SignedCount,
    ),
    f(
        "t2_2019.licensing.decisions",
        "行政许可",
        "处理决定数量",
        Count,
    ),
    f(
        "t2_2019.other_services.prev_items",
        "其他对外管理服务事项",
        "上一年项目数量",
        Count,
    ),
    f(
        "t2_2019.other_services.change",
        "其他对外管理服务事项",
        "本年增/减",
        SignedCount,
    ),
    f(
        "t2_2019.other_services.decisions",
        "其他对外管理服务事项",
        "处理决定数量",
        Count,
    ),
    f(
        "t2_2019.punishment.prev_items",
        "行政处罚",
        "上一年项目数量",
        Count,
    ),
    f(
        "t2_2019.punishment.change",
        "行政处罚",
        "本年增/减",
        SignedCount,
    ),
    f(
        "t2_2019.punishment.decisions",
        "行政处罚",
        "处理决定数量",
        Count,
    ),
    f(
        "t2_2019.coercion.prev_items",
        "行政强制",
        "上一年项目数量",
        Count,
    ),
    f(
        "t2_2019.coercion.change",
        "行政强制",
        "本年增/减",
        SignedCount,
    ),
    f(
        "t2_2019.coercion.decisions",
        "行政强制",
        "处理决定数量",
        Count,
    ),
    f(
        "t2_2019.fees.prev_items",
        "行政事业性收费",
        "上一年项目数量",
        Count,
    ),
    f(
        "t2_2019.fees.change",
        "行政事业性收费",
        "本年增/减",
        SignedCount,
    ),
    f(
        "t2_2019.procurement.items",
        "政府集中采购",
        "采购项目数量",
        Count,
    ),
    f(
        "t2_2019.procurement.amount",
        "政府集中采购",
        "采购总金额",
        Amount,
    ),
];

/// Cell key of a table-三 cell, e.g. `t3.new_received.total`.
pub fn t3_key(row: T3Row, col: T3Col) -> String {
    format!("t3.{}.{}", row.key(), col.key())
}

/// Cell key of a table-四 cell, e.g. `t4.review.pending`.
pub fn t4_key(block: T4Block, result: T4Result) -> String {
    format!("t4.{}.{}", block.key(), result.key())
}
