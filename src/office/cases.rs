//! `--cases FILE`: the 司法局's register of administrative reviews and lawsuits, against each
//! unit's table 四 (`CASES_MISMATCH`, naming the cases).
//!
//! The register is CSV: `unit, year, kind, result, case` (单位、年度、类别、结果、案号), and may
//! have a `role` (角色) column. Kinds: 复议, 直接起诉 (未经复议直接起诉), 复议后起诉; results:
//! 维持, 纠正, 其他, 尚未审结. Counted as 国办公开办函〔2016〕201号 says: a 复议机关 that is a
//! co-defendant after upholding the original decision (role 复议机关共同被告) does not count the
//! lawsuit for itself — the original body does.

use crate::aggregate::roster::{Match, Roster};
use crate::aggregate::Rollup;
use crate::finding::{Check, Finding, Said};
use crate::read::normalize::label;
use crate::template::keys::{T4Block, T4Result};
use crate::util::csvread::csv_rows;
use std::collections::BTreeMap;
use std::path::Path;

/// One case of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub unit: String,
    pub year: i32,
    pub block: T4Block,
    pub result: T4Result,
    pub number: String,
    /// The 复议机关 as co-defendant: not counted for this unit.
    pub co_defendant: bool,
}

/// The register, read and checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Register {
    pub cases: Vec<Case>,
}

/// A register that cannot be used (the run stops with exit 2, before any work).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RegisterError {
    #[error("无法读取案件登记 {0}：{1} / cannot read the case register {0}: {1}")]
    Read(String, String),
    #[error("案件登记 {0} 是 Excel 工作簿，请在 Excel 中“另存为”CSV（逗号分隔）后再用 / the case register {0} is an Excel workbook: save it as CSV (comma delimited) in Excel and pass that")]
    Workbook(String),
    #[error("案件登记的表头应有 单位、年度、类别、结果、案号（unit, year, kind, result, case）；实为：{0} / the case register's header must name unit, year, kind, result and case; found: {0}")]
    Header(String),
    #[error("案件登记第{0}行：{1}“{2}”无法识别（{3}） / case register line {0}: {1} {2:?} is not one of {3}")]
    Value(usize, &'static str, String, &'static str),
}

const KINDS: &str = "复议、直接起诉、复议后起诉";
const RESULTS: &str = "维持、纠正、其他、尚未审结";

fn kind(s: &str) -> Option<T4Block> {
    let s = label(s);
    Some(match s.as_str() {
        "复议" | "行政复议" | "review" => T4Block::Review,
        "直接起诉" | "未经复议直接起诉" | "诉讼" | "行政诉讼" | "suit_direct" => {
            T4Block::SuitDirect
        }
        "复议后起诉" | "suit_after_review" => T4Block::SuitAfterReview,
        _ => return None,
    })
}

fn result(s: &str) -> Option<T4Result> {
    let s = label(s);
    Some(match s.as_str() {
        "维持" | "结果维持" | "upheld" => T4Result::Upheld,
        "纠正" | "结果纠正" | "corrected" => T4Result::Corrected,
        "其他" | "其他结果" | "other" => T4Result::Other,
        "尚未审结" | "未审结" | "pending" => T4Result::Pending,
        _ => return None,
    })
}

impl Register {
    pub fn load(path: &Path) -> Result<Register, RegisterError> {
        use crate::aggregate::roster::RosterError;
        let shown = path.display().to_string();
        // Read as a roster is (size, encoding, a workbook refused), and said as the register.
        let text = crate::aggregate::roster::roster_text(path).map_err(|e| match e {
            RosterError::Workbook(_) => RegisterError::Workbook(shown.clone()),
            RosterError::Read(_, why) => RegisterError::Read(shown.clone(), why),
            other => RegisterError::Read(shown.clone(), other.to_string()),
        })?;
        Register::parse(&text)
    }

    pub fn parse(text: &str) -> Result<Register, RegisterError> {
        let mut rows = csv_rows(text)
            .into_iter()
            .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()));
        let (_, header) = rows
            .next()
            .ok_or_else(|| RegisterError::Header(String::new()))?;
        let col = |names: &[&str]| crate::util::csvread::column(&header, names);
        let (Some(c_unit), Some(c_year), Some(c_kind), Some(c_result), Some(c_case)) = (
            col(&["unit", "单位", "被申请人", "被告", "单位名称"]),
            col(&["year", "年度", "年份"]),
            col(&["kind", "类别", "类型", "案件类别"]),
            col(&["result", "结果", "审结结果", "结案结果"]),
            col(&["case", "案号", "case_number"]),
        ) else {
            return Err(RegisterError::Header(header.join(",")));
        };
        let c_role = col(&["role", "角色", "身份"]);
        let cell =
            |r: &[String], c: usize| r.get(c).map(|s| s.trim().to_string()).unwrap_or_default();
        let mut cases = Vec::new();
        for (line, r) in rows {
            let year_text = cell(&r, c_year);
            let year = year_text
                .trim_end_matches("年度")
                .trim_end_matches('年')
                .parse::<i32>()
                .ok()
                .filter(|y| (2008..=2100).contains(y))
                .ok_or(RegisterError::Value(
                    line,
                    "年度",
                    year_text.clone(),
                    "2008–2100",
                ))?;
            let kind_text = cell(&r, c_kind);
            let block =
                kind(&kind_text).ok_or(RegisterError::Value(line, "类别", kind_text, KINDS))?;
            let result_text = cell(&r, c_result);
            let result = result(&result_text).ok_or(RegisterError::Value(
                line,
                "结果",
                result_text,
                RESULTS,
            ))?;
            let role = c_role.map(|c| cell(&r, c)).unwrap_or_default();
            cases.push(Case {
                unit: cell(&r, c_unit),
                year,
                block,
                result,
                number: cell(&r, c_case),
                co_defendant: role.contains("复议机关") || role.contains("共同被告"),
            });
        }
        Ok(Register { cases })
    }
}

/// The unit index a register name is, among the summed units: through the roster when there is
/// one, else by the same name.
fn unit_of(r: &Rollup, roster: Option<&Roster>, name: &str) -> Option<usize> {
    if let Some(Match::Unit(body)) = roster.map(|ro| ro.find(name)) {
        return r
            .units
            .iter()
            .position(|u| u.summed() && u.roster == Some(body));
    }
    let key = label(name);
    r.units
        .iter()
        .position(|u| u.summed() && label(&u.unit) == key)
}

/// `CASES_MISMATCH` for every table-四 cell of a summed unit of the roll-up's year that differs
/// from the register's count; and the register's names that are no summed unit, as a note.
pub fn check(
    r: &Rollup,
    register: &Register,
    roster: Option<&Roster>,
) -> (Vec<Finding>, Option<String>) {
    let Some(year) = r.year else {
        return (vec![], None);
    };
    // Unit index → (block, result) → case numbers.
    let mut counted: BTreeMap<usize, BTreeMap<(T4Block, T4Result), Vec<String>>> = BTreeMap::new();
    let mut unknown: Vec<String> = Vec::new();
    for c in register
        .cases
        .iter()
        .filter(|c| c.year == year && !c.co_defendant)
    {
        match unit_of(r, roster, &c.unit) {
            Some(i) => counted
                .entry(i)
                .or_default()
                .entry((c.block, c.result))
                .or_default()
                .push(c.number.clone()),
            None => {
                if !unknown.contains(&c.unit) {
                    unknown.push(c.unit.clone());
                }
            }
        }
    }
    let mut out = Vec::new();
    for (i, u) in r
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.summed() && u.year == Some(year))
    {
        let mine = counted.get(&i);
        for block in T4Block::ALL {
            for res in [
                T4Result::Upheld,
                T4Result::Corrected,
                T4Result::Other,
                T4Result::Pending,
            ] {
                let cell = crate::template::CellRef::T4(block, res);
                let Some(table) = u.number_of(cell).and_then(|d| d.as_int()) else {
                    continue;
                };
                let cases = mine
                    .and_then(|m| m.get(&(block, res)))
                    .cloned()
                    .unwrap_or_default();
                let register_n = cases.len() as i128;
                if register_n == table {
                    continue;
                }
                out.push(Finding {
                    source: u.source.clone(),
                    unit: u.unit.clone(),
                    check: Check::CasesMismatch,
                    cells: vec![cell.key()],
                    said: Said::CasesMismatch {
                        block,
                        result: res,
                        table,
                        register: register_n,
                        cases: cases.clone(),
                    },
                    place: String::new(),
                    facts: vec![table.to_string(), cases.join(";")],
                });
            }
        }
    }
    let note = (!unknown.is_empty()).then(|| {
        format!(
            "案件登记中以下单位没有计入的{year}年度报告，其案件未比对：{} / the case register names bodies with no summed {year} report; their cases were not compared: {}",
            unknown.join("、"),
            unknown.join(", ")
        )
    });
    (out, note)
}
