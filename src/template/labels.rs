//! Recognise the template's row labels in normalised cell text (see [`crate::read::normalize::label`]).

use super::keys::{T3Group, T3Row};
use crate::read::normalize::strip_marker;

/// Longest label body accepted: anything longer is prose.
const MAX_LABEL_CHARS: usize = 64;

/// What a table-三 cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T3Label {
    Row(T3Row),
    Group(T3Group),
}

fn plausible(body: &str) -> bool {
    !body.is_empty()
        && body.chars().count() <= MAX_LABEL_CHARS
        && !body.bytes().any(|b| b.is_ascii_digit())
}

/// Match a table-三 label. `group` is the group heading seen last (it decides `3.其他` and a
/// bare `总计`).
pub fn match_t3(norm: &str, group: Option<T3Group>) -> Option<T3Label> {
    use T3Label::{Group as G, Row as R};
    use T3Row::*;
    let body = strip_marker(norm);
    if !plausible(body) {
        return None;
    }
    let has = |s: &str| body.contains(s);
    let found = if has("本年新收") {
        R(NewReceived)
    } else if has("上年结转") {
        R(CarriedOver)
    } else if has("结转下年") || (has("结转") && has("继续办理")) {
        R(CarriedForward)
    } else if has("本年度办理结果") || body == "办理结果" {
        G(T3Group::Results)
    } else if body.starts_with("予以公开") {
        R(Granted)
    } else if body.starts_with("部分公开") {
        R(Partial)
    } else if body == "不予公开" {
        G(T3Group::Denied)
    } else if has("国家秘密") {
        R(DeniedSecret)
    } else if has("禁止公开") || body.starts_with("其他法律") {
        // `其他法律行政法规禁止公开`; one real PDF's text layer lost 法规禁.
        R(DeniedLaw)
    } else if has("三安全一稳定") || body.starts_with("危及") {
        R(DeniedSafety)
    } else if has("第三方合法权益") {
        R(DeniedThirdParty)
    } else if has("内部事务") {
        R(DeniedInternal)
    } else if has("过程性信息") {
        R(DeniedProcess)
    } else if has("行政执法案卷") {
        R(DeniedEnforcement)
    } else if has("行政查询事项") {
        R(DeniedQuery)
    } else if body == "无法提供" {
        G(T3Group::Unable)
    } else if has("不掌握") {
        R(UnableNoInfo)
    } else if has("另行制作") {
        R(UnableNeedCreate)
    } else if has("不明确") {
        R(UnableUnclear)
    } else if body == "不予处理" {
        G(T3Group::Refused)
    } else if has("信访") {
        R(RefusedPetition)
    } else if has("重复申请") {
        R(RefusedRepeat)
    } else if has("公开出版物") {
        R(RefusedPublication)
    } else if has("大量反复") {
        R(RefusedMass)
    } else if has("重新出具") || has("确认或") {
        R(RefusedConfirm)
    } else if body == "其他处理" {
        G(T3Group::Other)
    } else if has("不补正") {
        R(OtherNoCorrection)
    } else if has("缴纳费用") || has("收费通知") {
        R(OtherNoFee)
    } else if body == "其他" && group == Some(T3Group::Other) && body.len() != norm.len() {
        // `3.其他`; a bare 其他 is the column header (repeated after a page break).
        R(OtherOther)
    } else if body == "总计" && body.len() != norm.len() {
        // `（七）总计`; a bare 总计 is the column header.
        R(TotalProcessed)
    } else {
        return None;
    };
    Some(found)
}

/// A cell whose text alone names a row or a group of rows of table 二 or 三 (`行政许可`,
/// `2.重复申请`, `（六）其他处理`).
pub fn is_row_label(text: &str) -> bool {
    let norm = crate::read::normalize::label(text);
    match_t3(&norm, None).is_some() || match_t2(&norm).is_some()
}

/// Table 二 rows, both templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T2Row {
    Rules,
    Normative,
    Licensing,
    OtherServices,
    Punishment,
    Coercion,
    Fees,
    Procurement,
}

pub fn match_t2(norm: &str) -> Option<T2Row> {
    let body = strip_marker(norm);
    Some(match body {
        "规章" => T2Row::Rules,
        "行政规范性文件" | "规范性文件" => T2Row::Normative,
        "行政许可" => T2Row::Licensing,
        "其他对外管理服务事项" => T2Row::OtherServices,
        "行政处罚" => T2Row::Punishment,
        "行政强制" => T2Row::Coercion,
        "行政事业性收费" => T2Row::Fees,
        "政府集中采购" => T2Row::Procurement,
        _ => return None,
    })
}

/// Header words of the 2019 trial template's table 二.
pub fn is_t2_2019_header(norm: &str) -> bool {
    [
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "本年增/减",
        "本年增减",
        "采购项目数量",
    ]
    .iter()
    .any(|w| norm.contains(w))
        && norm.chars().count() <= 20
}

/// The start of table 三's header or heading (where table 二 ends).
pub fn is_t3_start(norm: &str) -> bool {
    let short = norm.chars().count() <= 80;
    short
        && (norm.contains("勾稽")
            || norm.contains("钩稽")
            || norm == "申请人情况"
            || (norm.contains("收到和处理政府信息公开申请") && norm.chars().count() <= 30))
        || matches!(match_t3(norm, None), Some(T3Label::Row(T3Row::NewReceived)))
}

/// Table 四's first header cell.
pub fn is_t4_anchor(norm: &str) -> bool {
    strip_marker(norm) == "行政复议"
}

/// A section heading (`四、…行政复议…`, `五、…`, `六、…`) that ends the table before it.
pub fn is_section_after_t3(norm: &str) -> bool {
    norm.chars().count() <= 40
        && (norm.starts_with("四.") && (norm.contains("复议") || norm.contains("诉讼"))
            || norm.starts_with("五.")
            || norm.starts_with("六."))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::normalize::label;

    fn t3(s: &str, g: Option<T3Group>) -> Option<T3Label> {
        match_t3(&label(s), g)
    }

    #[test]
    fn table_three_labels_in_both_scripts_and_variants() {
        use T3Label::*;
        assert_eq!(
            t3("一、本年新收政府信息公开申请数量", None),
            Some(Row(T3Row::NewReceived))
        );
        assert_eq!(
            t3("（二）部分公开（区分处理的，只计这一情形，", None),
            Some(Row(T3Row::Partial))
        );
        assert_eq!(t3("1.屬于國家秘密", None), Some(Row(T3Row::DeniedSecret)));
        assert_eq!(
            t3("2.其他法律行政止公开", None),
            Some(Row(T3Row::DeniedLaw))
        );
        assert_eq!(
            t3("3.危及“三安全一穩定”", None),
            Some(Row(T3Row::DeniedSafety))
        );
        assert_eq!(
            t3("2.沒有現成信息需要另行製作", None),
            Some(Row(T3Row::UnableNeedCreate))
        );
        assert_eq!(t3("(六)其他處理", None), Some(Group(T3Group::Other)));
        assert_eq!(
            t3("3、其他", Some(T3Group::Other)),
            Some(Row(T3Row::OtherOther))
        );
        assert_eq!(t3("其他", None), None);
        assert_eq!(t3("總計", None), None);
        assert_eq!(
            t3("(七)總計", Some(T3Group::Other)),
            Some(Row(T3Row::TotalProcessed))
        );
        assert_eq!(
            t3("四、結轉下年度繼續辦理", None),
            Some(Row(T3Row::CarriedForward))
        );
        assert_eq!(
            t3("5.要求行政機關確認或重新出具已獲取信息", None),
            Some(Row(T3Row::RefusedConfirm))
        );
        // Prose that quotes figures is not a label.
        assert_eq!(t3("本年新收政府信息公开申请21件", None), None);
    }

    #[test]
    fn table_two_rows_and_boundaries() {
        assert_eq!(match_t2(&label("規章")), Some(T2Row::Rules));
        assert_eq!(match_t2(&label("行政規范性文件")), Some(T2Row::Normative));
        assert_eq!(match_t2(&label("规范性文件类信息5条")), None);
        assert!(is_t2_2019_header(&label("本年增/减")));
        assert!(is_t3_start(&label(
            "（本列數據的勾稽關系為:第一項加第二項之和,等于第三項加第四項之和)"
        )));
        assert!(is_t4_anchor(&label("行政復議")));
        assert!(is_section_after_t3(&label("五、存在的主要问题及改进情况")));
        assert!(is_section_after_t3(&label(
            "四、政府信息公开行政复议、行政诉讼情况"
        )));
        assert!(!is_section_after_t3(&label("四、结转下年度继续办理")));
    }
}
