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

/// The template's row labels a scanned table's misread label is snapped to: every table-三 row
/// and group, and table 二's rows.
fn canonical() -> &'static [(&'static str, String)] {
    static ALL: std::sync::OnceLock<Vec<(&'static str, String)>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut labels: Vec<&'static str> = T3Row::ALL
            .iter()
            .filter(|r| **r != T3Row::OtherUnsplit)
            .map(|r| r.label())
            .collect();
        labels.extend(T3Group::ALL.iter().map(|g| g.label()));
        labels.extend([
            "规章",
            "行政规范性文件",
            "行政许可",
            "行政处罚",
            "行政强制",
            "行政事业性收费",
        ]);
        // Labels of one or two words (`（七）总计`, `3.其他`, `规章`) are also column headers or
        // read well as they are: never snapped to.
        labels
            .into_iter()
            .map(|l| (l, words_of(l)))
            .filter(|(_, w)| w.chars().count() >= 3)
            .collect()
    })
}

/// A label's words: its Chinese characters only (a marker such as `（一）` or `1.` is what OCR
/// misreads most, and says nothing the words do not).
fn words_of(s: &str) -> String {
    let norm = crate::read::normalize::label(s);
    strip_marker(&norm)
        .chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .collect()
}

/// Dice's likeness of two texts' characters and of their character pairs, averaged (0–1).
fn likeness(a: &str, b: &str) -> f64 {
    fn dice<T: Eq + std::hash::Hash>(x: Vec<T>, y: Vec<T>) -> f64 {
        if x.is_empty() || y.is_empty() {
            return 0.0;
        }
        let (nx, ny) = (x.len(), y.len());
        let mut pool: std::collections::HashMap<T, usize> = std::collections::HashMap::new();
        for v in y {
            *pool.entry(v).or_default() += 1;
        }
        let mut common = 0;
        for v in x {
            if let Some(n) = pool.get_mut(&v).filter(|n| **n > 0) {
                *n -= 1;
                common += 1;
            }
        }
        2.0 * common as f64 / (nx + ny) as f64
    }
    let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let pairs = |c: &[char]| c.windows(2).map(|w| (w[0], w[1])).collect::<Vec<_>>();
    (dice(ca.clone(), cb.clone()) + dice(pairs(&ca), pairs(&cb))) / 2.0
}

/// The template label a label read by OCR from a scanned table most likely is: the one whose
/// words are most alike, when it is clearly alike (half or more) and clearly the likeliest.
/// `None` for anything else (a header, a note): it is left as read.
pub fn snap_scanned(read: &str) -> Option<&'static str> {
    let words = words_of(read);
    if words.chars().count() < 2 {
        return None;
    }
    let mut scored: Vec<(f64, &'static str)> = canonical()
        .iter()
        .map(|(label, w)| (likeness(&words, w), *label))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (best, label) = scored[0];
    let second = scored.get(1).map_or(0.0, |s| s.0);
    (best >= 0.5 && best - second >= 0.1).then_some(label)
}

#[cfg(test)]
mod snap_tests {
    use super::snap_scanned;

    #[test]
    fn labels_misread_from_a_real_scan_are_snapped_and_headers_are_not() {
        // What Tesseract read from the scanned 洪泽区 report's table 三, and what it is.
        for (read, label) in [
            ("(-)子以公开", "（一）予以公开"),
            (
                "(:)部分公开【区分处理的，只计这-情形，不计其他情形)",
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            ),
            ("1.必十国家秘密", "1.属于国家秘密"),
            ("2.其他法律行政止公开", "2.其他法律行政法规禁止公开"),
            ("4保护第::方合法权益", "4.保护第三方合法权益"),
            ("7.属十行政执法案郑", "7.属于行政执法案卷"),
            ("8.居十行政个询事项", "8.属于行政查询事项"),
            ("3.补正后中请内容仍厅明依", "3.补正后申请内容仍不明确"),
            ("4.无正当理山大芝反复巾请", "4.无正当理由大量反复申请"),
            ("CA)其他处理", "（六）其他处理"),
            ("(四)天法提供。", "（四）无法提供"),
        ] {
            assert_eq!(snap_scanned(read), Some(label), "{read}");
        }
        for header in [
            "信息内容",
            "本年制发件数",
            "法人或其他组织",
            "申请人情况",
            "自然人",
            "总计",
        ] {
            assert_eq!(snap_scanned(header), None, "{header}");
        }
    }
}
