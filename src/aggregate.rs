//! District totals: pick the reports that count (status ok/partial, the roll-up year, one per
//! unit), sum every cell with polars, and re-check the arithmetic on the totals.

use crate::checks::{t3_arithmetic, t4_arithmetic, Sink};
use crate::findings::{bilingual, Check, Finding, Severity};
use crate::load::{Loaded, Status};
use crate::roster::{Match, Roster};
use crate::template::keys::{t3_key, t4_key, T3Col, T3Row, T4Block, T4Result};
use crate::template::{all_cell_keys, Entry, Report, Table3, Table4, Template};
use crate::value::{CellValue, Decimal};
use polars::prelude::{Column, DataFrame, PolarsResult};
use std::collections::BTreeMap;
use std::time::Duration;

/// The name of the district row when there is no roster.
pub const DISTRICT: &str = "district";

/// The result of a roll-up.
pub struct Rollup {
    /// The year rolled up, and whether it was inferred from the reports.
    pub year: Option<i32>,
    pub year_inferred: bool,
    /// Every input, in source order.
    pub units: Vec<Loaded>,
    /// Parallel to `units`: summed into the district totals.
    pub included: Vec<bool>,
    /// Parallel to `units`: the name of the roster body each summed report belongs to.
    pub roster_names: Vec<Option<String>>,
    /// One row per adding-up node of the roster (the top first), or the one district row;
    /// never empty.
    pub levels: Vec<Level>,
    /// All findings (units, discovery, district), sorted by source, then check.
    pub findings: Vec<Finding>,
}

/// A node of the roll-up tree (district.csv row): the sum of the reports under it.
#[derive(Debug, Clone)]
pub struct Level {
    pub name: String,
    /// `city`, `district`, or the kind of a body that has bodies under it.
    pub level: &'static str,
    pub parent: String,
    /// Totals in `all_cell_keys()` order; `None` where no unit printed a number.
    pub totals: Totals,
    pub included: usize,
    /// Roster bodies under it that must report; `None` without a roster.
    pub expected: Option<usize>,
    /// Of those, the ones with no report summed.
    pub missing: usize,
}

impl Level {
    pub fn total(&self, key: &str) -> Option<Decimal> {
        self.totals
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| *v)
    }
}

impl Rollup {
    /// The top node: the district (or the city above it).
    pub fn top(&self) -> &Level {
        &self.levels[0]
    }

    /// The top node's name (`district` without a roster).
    pub fn district(&self) -> &str {
        &self.top().name
    }

    /// The top node's totals.
    pub fn totals(&self) -> &Totals {
        &self.top().totals
    }

    pub fn units_included(&self) -> usize {
        self.included.iter().filter(|i| **i).count()
    }

    pub fn units_failed(&self) -> usize {
        self.units
            .iter()
            .filter(|u| u.status == Status::Failed)
            .count()
    }

    pub fn units_blank_celled(&self) -> usize {
        self.units
            .iter()
            .zip(&self.included)
            .filter(|(u, inc)| **inc && u.findings.iter().any(|f| f.check == Check::BlankCells))
            .count()
    }

    /// Error, warning and info counts per source.
    pub fn counts(&self) -> BTreeMap<&str, [usize; 3]> {
        let mut m: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
        for f in &self.findings {
            let slot = match f.severity() {
                Severity::Error => 0,
                Severity::Warning => 1,
                Severity::Info => 2,
            };
            m.entry(f.source.as_str()).or_default()[slot] += 1;
        }
        m
    }

    pub fn total(&self, key: &str) -> Option<Decimal> {
        self.top().total(key)
    }

    /// How many findings have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity() == severity)
            .count()
    }

    /// The roster bodies with no report (their `MISSING_REPORT` findings), in finding order.
    pub fn missing_units(&self) -> Vec<&str> {
        self.findings
            .iter()
            .filter(|f| f.check == Check::MissingReport)
            .map(|f| f.unit.as_str())
            .collect()
    }
}

/// Majority year of the readable reports (ties: the later year).
fn infer_year(units: &[Loaded]) -> Option<i32> {
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for u in units.iter().filter(|u| u.status != Status::Failed) {
        if let Some(y) = u.report.as_ref().and_then(|r| r.year) {
            *counts.entry(y).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|(y, n)| (*n, *y))
        .map(|(y, _)| y)
}

fn unit_finding(u: &Loaded, check: Check, zh: String, en: String) -> Finding {
    Finding {
        source: u.source.clone(),
        unit: u.unit().to_string(),
        check,
        cells: vec![],
        message: bilingual(zh, en),
        place: String::new(),
    }
}

/// How the roll-up year is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearChoice {
    /// `--year`.
    Given(i32),
    /// The year most reports give.
    Majority,
    /// No year: no report is held to one (`check` without `--year`).
    Unchecked,
}

/// Roll up loaded units.
pub fn rollup(
    units: Vec<Loaded>,
    mut findings: Vec<Finding>,
    choice: YearChoice,
    roster: Option<&Roster>,
) -> PolarsResult<Rollup> {
    let year_inferred = choice == YearChoice::Majority;
    let year = match choice {
        YearChoice::Given(y) => Some(y),
        YearChoice::Majority => infer_year(&units),
        YearChoice::Unchecked => None,
    };
    // A failed file has nothing to sum; a file holding two different reports cannot say which
    // one counts (TWO_REPORTS).
    let mut included: Vec<bool> = units
        .iter()
        .map(|u| {
            u.status != Status::Failed && !u.report.as_ref().is_some_and(|r| r.holds_two_reports())
        })
        .collect();
    for u in &units {
        findings.extend(u.findings.iter().cloned());
    }
    // Reports of another year are not this year's figures.
    for (i, u) in units.iter().enumerate() {
        let ry = u.report.as_ref().and_then(|r| r.year);
        if let (Some(want), Some(got)) = (year, ry) {
            if got != want && included[i] {
                included[i] = false;
                findings.push(unit_finding(
                    u,
                    Check::YearMismatch,
                    format!(
                        "报告年度为{got}年，而汇总年度为{want}年{}；未计入合计",
                        if year_inferred {
                            "（按多数报告推定）"
                        } else {
                            ""
                        }
                    ),
                    format!(
                        "report year {got} differs from the roll-up year {want}{}; not summed",
                        if year_inferred {
                            " (the majority year)"
                        } else {
                            ""
                        }
                    ),
                ));
            }
        }
    }
    // The roster body of each report.
    let matched: Vec<Option<usize>> = units
        .iter()
        .zip(&included)
        .map(|(u, inc)| match (roster, *inc) {
            (Some(r), true) => match r.find(u.unit()) {
                Match::Unit(i) => Some(i),
                Match::Unknown => {
                    findings.push(unit_finding(
                        u,
                        Check::UnknownUnit,
                        format!(
                            "“{}”不在名册中；已计入{}合计",
                            u.unit(),
                            r.nodes[r.top()].name
                        ),
                        format!(
                            "\"{}\" is not on the roster; summed into {} only",
                            u.unit(),
                            r.nodes[r.top()].name
                        ),
                    ));
                    None
                }
                Match::Ambiguous(many) => {
                    let names: Vec<&str> = many.iter().map(|&i| r.nodes[i].name.as_str()).collect();
                    findings.push(unit_finding(
                        u,
                        Check::UnknownUnit,
                        format!(
                            "“{}”可对应名册中多个单位（{}）；已计入{}合计",
                            u.unit(),
                            names.join("、"),
                            r.nodes[r.top()].name
                        ),
                        format!(
                            "\"{}\" fits several roster bodies ({}); summed into {} only",
                            u.unit(),
                            names.join(", "),
                            r.nodes[r.top()].name
                        ),
                    ));
                    None
                }
            },
            _ => None,
        })
        .collect();
    // One report per unit and year (per roster body when there is a roster): the newest file
    // counts.
    let mut groups: BTreeMap<(String, Option<i32>), Vec<usize>> = BTreeMap::new();
    for (i, u) in units.iter().enumerate() {
        if included[i] {
            let who = match (roster, matched[i]) {
                (Some(r), Some(m)) => r.nodes[m].name.clone(),
                _ => u.unit().to_string(),
            };
            let key = (who, u.report.as_ref().and_then(|r| r.year));
            groups.entry(key).or_default().push(i);
        }
    }
    for ((unit, ry), idx) in groups.into_iter().filter(|(_, v)| v.len() > 1) {
        let chosen = pick_newest(&units, &idx);
        let others: Vec<&str> = idx
            .iter()
            .filter(|i| **i != chosen)
            .map(|i| units[*i].source.as_str())
            .collect();
        let year_txt = ry.map_or("?".to_string(), |y| y.to_string());
        for &i in &idx {
            let u = &units[i];
            let (zh, en) = if i == chosen {
                (
                    format!("{unit}{year_txt}年度报告有{}份；本文件最新，计入合计，另有：{}", idx.len(), others.join("、")),
                    format!("{} reports for {unit} {year_txt}; this one is the newest and is summed; also: {}", idx.len(), others.join(", ")),
                )
            } else {
                included[i] = false;
                (
                    format!(
                        "{unit}{year_txt}年度报告重复；未计入合计，采用较新的 {}",
                        units[chosen].source
                    ),
                    format!(
                        "duplicate report for {unit} {year_txt}; not summed, the newer {} is used",
                        units[chosen].source
                    ),
                )
            };
            findings.push(unit_finding(u, Check::DuplicateReport, zh, en));
        }
    }
    if let Some(r) = roster {
        roster_checks(r, &units, &included, &matched, year, &mut findings);
    }
    let reports: Vec<&Report> = units
        .iter()
        .zip(&included)
        .filter(|(_, inc)| **inc)
        .filter_map(|(u, _)| u.report.as_ref())
        .collect();
    let (totals, overflow) = sum_cells(&reports)?;
    let district = roster.map_or(DISTRICT.to_string(), |r| r.nodes[r.top()].name.clone());
    let mut sink = Sink::new("", &district);
    for key in overflow {
        sink.push(
            Check::ValueInvalid,
            vec![key.clone()],
            None,
            bilingual(
                format!("合计{key}超出可精确计算的范围"),
                format!("district total {key} is out of the exactly summable range"),
            ),
        );
    }
    recheck(&totals, &mut sink);
    let mut levels = vec![Level {
        name: district.clone(),
        level: roster.map_or("district", |r| r.nodes[r.top()].kind.name()),
        parent: String::new(),
        totals,
        included: reports.len(),
        expected: roster.map(|r| expected_under(r, r.top())),
        missing: roster.map_or(0, |r| missing_under(r, r.top(), &included, &matched)),
    }];
    if let Some(r) = roster {
        for node in r.aggregates().into_iter().skip(1) {
            let under: Vec<&Report> = units
                .iter()
                .enumerate()
                .filter(|(i, _)| included[*i] && matched[*i].is_some_and(|m| r.under(m, node)))
                .filter_map(|(_, u)| u.report.as_ref())
                .collect();
            let (node_totals, _) = sum_cells(&under)?;
            let name = r.nodes[node].name.clone();
            let mut node_sink = Sink::new("", &name);
            recheck(&node_totals, &mut node_sink);
            findings.extend(node_sink.findings);
            levels.push(Level {
                name,
                level: r.nodes[node].kind.name(),
                parent: r.nodes[node]
                    .parent
                    .map(|p| r.nodes[p].name.clone())
                    .unwrap_or_default(),
                totals: node_totals,
                included: under.len(),
                expected: Some(expected_under(r, node)),
                missing: missing_under(r, node, &included, &matched),
            });
        }
    }
    findings.extend(sink.findings);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let roster_names = matched
        .iter()
        .map(|m| m.zip(roster).map(|(i, r)| r.nodes[i].name.clone()))
        .collect();
    Ok(Rollup {
        year,
        year_inferred,
        units,
        included,
        roster_names,
        levels,
        findings,
    })
}

/// Roster bodies at or under `node` that must report.
fn expected_under(r: &Roster, node: usize) -> usize {
    (0..r.nodes.len())
        .filter(|&i| r.nodes[i].kind.reports() && r.under(i, node))
        .count()
}

/// Roster bodies at or under `node` that must report and have no report summed.
fn missing_under(r: &Roster, node: usize, included: &[bool], matched: &[Option<usize>]) -> usize {
    (0..r.nodes.len())
        .filter(|&i| r.nodes[i].kind.reports() && r.under(i, node))
        .filter(|&i| {
            !included
                .iter()
                .zip(matched)
                .any(|(inc, m)| *inc && *m == Some(i))
        })
        .count()
}

/// Re-check the table-三 and table-四 arithmetic on summed totals.
fn recheck(totals: &Totals, sink: &mut Sink) {
    let lookup: BTreeMap<&str, Option<Decimal>> =
        totals.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let entry = |key: &str| Entry {
        value: lookup
            .get(key)
            .copied()
            .flatten()
            .map_or(CellValue::Absent, CellValue::Number),
        ..Default::default()
    };
    let mut t3 = Table3::empty(Template::T2021);
    for row in T3Row::ALL {
        for col in T3Col::ALL {
            t3.cells[row.index()][col.index()] = entry(&t3_key(row, col));
        }
    }
    let mut t4 = Table4::default();
    for b in T4Block::ALL {
        for r in T4Result::ALL {
            t4.cells[b.index()][r.index()] = entry(&t4_key(b, r));
        }
    }
    t3_arithmetic(&t3, sink);
    t4_arithmetic(&t4, sink);
}

/// Findings that need the roster: missing reports, and 规章 from bodies that cannot make them.
fn roster_checks(
    r: &Roster,
    units: &[Loaded],
    included: &[bool],
    matched: &[Option<usize>],
    year: Option<i32>,
    findings: &mut Vec<Finding>,
) {
    let year_txt = year.map_or(String::new(), |y| y.to_string());
    for (i, node) in r.nodes.iter().enumerate() {
        if !node.kind.reports() || (0..units.len()).any(|u| included[u] && matched[u] == Some(i)) {
            continue;
        }
        findings.push(Finding {
            source: String::new(),
            unit: node.name.clone(),
            check: Check::MissingReport,
            cells: vec![],
            message: bilingual(
                format!("名册中的{}没有{year_txt}年度报告", node.name),
                format!("no {year_txt} report from {} (on the roster)", node.name)
                    .replace("no  report", "no report"),
            ),
            place: String::new(),
        });
    }
    // 规章 are made by provinces and cities with districts: a body at district level or below
    // has none to make, repeal or keep in force.
    for (u, m) in units
        .iter()
        .zip(matched)
        .zip(included)
        .filter(|(_, inc)| **inc)
        .map(|(x, _)| x)
    {
        let (Some(m), Some(t2)) = (m, u.report.as_ref().and_then(|rep| rep.t2.as_ref())) else {
            continue;
        };
        if r.nodes[*m].kind == crate::roster::Kind::City {
            continue;
        }
        let rules: Vec<(&str, Decimal)> =
            ["t2.rules.issued", "t2.rules.repealed", "t2.rules.in_force"]
                .into_iter()
                .filter_map(|k| t2.get(k).and_then(Entry::number).map(|v| (k, v)))
                .filter(|(_, v)| !v.is_zero())
                .collect();
        if rules.is_empty() {
            continue;
        }
        let listed: Vec<String> = rules.iter().map(|(k, v)| format!("{k}={v}")).collect();
        findings.push(Finding {
            source: u.source.clone(),
            unit: u.unit().to_string(),
            check: Check::RulesNonzero,
            cells: rules.iter().map(|(k, _)| k.to_string()).collect(),
            message: bilingual(
                format!(
                    "区级及以下单位无权制定规章，但表二“规章”填报了数字（{}）",
                    listed.join("，")
                ),
                format!(
                    "a body at district level or below makes no 规章 (rules), yet table 2 gives {}",
                    listed.join(", ")
                ),
            ),
            place: String::new(),
        });
    }
}

/// The newest file by modification time; within two seconds (a fresh checkout), the last path.
fn pick_newest(units: &[Loaded], idx: &[usize]) -> usize {
    let mut best = idx[0];
    for &i in &idx[1..] {
        let (a, b) = (units[best].modified, units[i].modified);
        // `i` comes later in path order: it wins unless `best` is clearly newer.
        let newer = match (a, b) {
            (Some(a), Some(b)) => a
                .duration_since(b)
                .map_or(true, |older_by| older_by <= Duration::from_secs(2)),
            _ => true,
        };
        if newer {
            best = i;
        }
    }
    best
}

/// Sum every cell over `reports` with polars. Numbers are exact: each column is an `Int64` of
/// mantissas at the column's largest scale. Returns the totals and the keys that could not be
/// summed exactly (out of range).
/// Totals in key order, `None` where no unit printed a number.
type Totals = Vec<(String, Option<Decimal>)>;

fn sum_cells(reports: &[&Report]) -> PolarsResult<(Totals, Vec<String>)> {
    let keys = all_cell_keys();
    let per_report: Vec<Vec<(String, Option<&Entry>)>> =
        reports.iter().map(|r| r.cells()).collect();
    let mut columns = Vec::with_capacity(keys.len());
    let mut scales = Vec::with_capacity(keys.len());
    let mut overflow = Vec::new();
    for (k, key) in keys.iter().enumerate() {
        let values: Vec<Option<Decimal>> = per_report
            .iter()
            .map(|cells| cells[k].1.and_then(Entry::number))
            .collect();
        let scale = values
            .iter()
            .flatten()
            .map(Decimal::scale)
            .max()
            .unwrap_or(0);
        let mantissas: Vec<Option<i128>> = values
            .iter()
            .map(|v| v.and_then(|d| d.mantissa_at(scale)))
            .collect();
        let fits = mantissas
            .iter()
            .zip(&values)
            .all(|(m, v)| m.is_some() == v.is_some())
            && mantissas
                .iter()
                .flatten()
                .map(|m| m.unsigned_abs())
                .try_fold(0u128, |acc, m| acc.checked_add(m))
                .is_some_and(|s| s <= i64::MAX as u128);
        if !fits {
            overflow.push(key.clone());
        }
        let col: Vec<Option<i64>> = if fits {
            mantissas
                .iter()
                .map(|m| m.and_then(|m| i64::try_from(m).ok()))
                .collect()
        } else {
            vec![None; values.len()]
        };
        columns.push(Column::new(key.as_str().into(), col));
        scales.push(scale);
    }
    let df = DataFrame::new(reports.len(), columns)?;
    let mut totals = Vec::with_capacity(keys.len());
    for (key, scale) in keys.iter().zip(scales) {
        let series = df.column(key)?.as_materialized_series();
        let any = series.len() > series.null_count();
        let total = if any {
            Some(Decimal::new(i128::from(series.sum::<i64>()?), scale))
        } else {
            None
        };
        totals.push((key.clone(), total));
    }
    Ok((totals, overflow))
}
