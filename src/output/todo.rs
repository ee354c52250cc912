//! The clerk's to-do list (待办): which units to phone today and about what. One entry per unit
//! with something to fix or verify, in roster order, each item in the report's own words (the
//! template's row and column labels, the printed place); then the roster bodies with no report,
//! by name, with the file each sent if any; then what the district's own totals need. Made once
//! and shown by the terminal, `summary.md`, `report.html` and the workbook's `待办` sheet.

use super::OutputError;
use crate::aggregate::{not_summed, Rollup};
use crate::finding::{Check, Severity};
use crate::ledger::{Findings, Listed};
use crate::template::wording::place_zh;

/// What one item asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub severity: Severity,
    pub check: Check,
    pub id: String,
    /// The finding's Chinese sentence.
    pub text: String,
    /// Where in the report, as printed (`表三第9行第5列`, `第2页`); empty when it is the whole file.
    pub place: String,
}

impl Item {
    /// `须更正` for an error, `请核实` for a warning.
    pub fn verb(&self) -> &'static str {
        match self.severity {
            Severity::Error => "须更正",
            _ => "请核实",
        }
    }

    /// What it says and where: `text（表三第9行第5列）`.
    pub fn detail(&self) -> String {
        if self.place.is_empty() {
            self.text.clone()
        } else {
            format!("{}（{}）", self.text, self.place)
        }
    }

    /// The item as one clause: `须更正：text（表三第9行第5列）`.
    pub fn clause(&self) -> String {
        format!("{}：{}", self.verb(), self.detail())
    }
}

/// One unit's file and its items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitTodo {
    /// Its index in the roll-up's units.
    pub index: usize,
    /// The roster body's name when the file was matched to one, else the unit's own.
    pub unit: String,
    pub source: String,
    pub items: Vec<Item>,
    /// Items left out because the office accepted them.
    pub accepted: usize,
    /// Routine facts (供参考: carried forward, pending, converted), folded to a count.
    pub routine: usize,
}

impl UnitTodo {
    /// What is left out of its items: `（另有供参考2项、已接受1项）`, or empty.
    pub fn aside(&self) -> String {
        let mut parts = Vec::new();
        if self.routine > 0 {
            parts.push(format!("供参考{}项", self.routine));
        }
        if self.accepted > 0 {
            parts.push(format!("已接受{}项", self.accepted));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("（另有{}）", parts.join("、"))
        }
    }

    pub fn errors(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .count()
    }
}

/// A roster body with no report summed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub name: String,
    /// The files it sent that are not summed, with why (`32_统计局.doc：文件无法读取`).
    pub sent: Vec<String>,
    /// Reports on no body whose name is most like this body's: probably its report under
    /// another name (`28_东城街道办事处.txt（“临江区东城街道办事处”）`). Such a body is not
    /// listed as 未报送 but as a likely pair, once.
    pub likely: Vec<String>,
    /// Its deadline (`2026-01-31`) and the days from the run's date to it (negative: overdue);
    /// `None` without a roll-up year.
    pub due: Option<(crate::util::date::Date, i64)>,
}

impl Missing {
    /// What is wrong, with the deadline: "未收到报告（截止2026-01-31，已逾期5天）", "未收到可计入
    /// 的报告；所交文件 …".
    pub fn what_zh(&self) -> String {
        let what = if self.sent.is_empty() {
            "未收到报告".to_string()
        } else {
            format!("未收到可计入的报告；所交文件 {}", self.sent.join("、"))
        };
        format!("{what}{}", self.due_zh())
    }

    /// "（截止2026-01-31，还有3天）", "（截止2026-01-31，已逾期5天）", "（今天截止）"; empty without
    /// a deadline.
    pub fn due_zh(&self) -> String {
        match &self.due {
            None => String::new(),
            Some((date, d)) if *d > 0 => format!("（截止{date}，还有{d}天）"),
            Some((date, 0)) => format!("（{date}截止，就是今天）"),
            Some((date, d)) => format!("（截止{date}，已逾期{}天）", -d),
        }
    }

    /// "临江区东城街道 ← 28_东城街道办事处.txt（“临江区东城街道办事处”）", for the likely pairs.
    pub fn pair(&self) -> String {
        format!("{} ← {}", self.name, self.likely.join("、"))
    }
}

/// How the views introduce the likely pairs, Chinese and English.
pub const LIKELY_HEAD: (&str, &str) = (
    "名称与名册不一致、可能已报送（请核实后在名册中加别名，可用 gid-rollup roster --suggest 生成）",
    "likely sent under another name (check, then add the alias to the roster: gid-rollup roster --suggest writes a copy with them)",
);

/// Of the notices (`通知/`, see `super::notice`): how many, and how many are new or changed since last night (what to send), and
/// last night's that are gone (resolved).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sent {
    pub all: usize,
    pub to_send: usize,
    pub resolved: usize,
}

impl Sent {
    /// One line for the terminal and the summary, or `None` when there are no notices.
    pub fn line(&self) -> Option<(String, String)> {
        (self.all > 0 || self.resolved > 0).then(|| {
            (
                format!(
                    "通知：{}份在 通知/，其中新的或有变化的{}份（见 通知/清单.csv），{}个单位的事项已全部解决",
                    self.all, self.to_send, self.resolved
                ),
                format!(
                    "notices: {} in 通知/, {} new or changed (通知/清单.csv), {} unit(s) with everything resolved",
                    self.all, self.to_send, self.resolved
                ),
            )
        })
    }
}

/// The to-do list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Todo {
    pub units: Vec<UnitTodo>,
    pub missing: Vec<Missing>,
    /// What the district's own totals or its published aggregate need (not a unit's).
    pub district: Vec<Item>,
    /// Items not listed (past the views' bound), and units with items not listed.
    pub more_items: usize,
    /// Findings the office accepted (left out of the list).
    pub accepted: usize,
    /// Routine facts (供参考) of all units, and how many units have them: folded to counts.
    pub routine: usize,
    pub routine_units: usize,
    /// The published aggregate's figure facts, which its units' own lines already say: a count.
    pub district_routine: usize,
    /// The notices written tonight (`通知/`).
    pub notices: Sent,
}

impl Todo {
    /// The units with at least one error.
    pub fn with_errors(&self) -> impl Iterator<Item = &UnitTodo> {
        self.units.iter().filter(|u| u.errors() > 0)
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty() && self.missing.is_empty() && self.district.is_empty()
    }

    /// The bodies with no report and none likely under another name: the ones to chase.
    pub fn not_reported(&self) -> impl Iterator<Item = &Missing> {
        self.missing.iter().filter(|m| m.likely.is_empty())
    }

    /// The bodies whose report is probably one on no body (a name the roster does not know).
    pub fn likely_pairs(&self) -> impl Iterator<Item = &Missing> {
        self.missing.iter().filter(|m| !m.likely.is_empty())
    }

    /// The units' routine facts as one line (none to phone about), or `None`.
    pub fn routine_line(&self) -> Option<(String, String)> {
        (self.routine > 0).then(|| {
            (
                format!(
                    "供参考：{}个单位共{}项例行情况（结转下年、复议或诉讼未审结、按元填写已换算），无须联系，明细见 findings.csv",
                    self.routine_units, self.routine
                ),
                format!(
                    "for reference: {} routine fact(s) in {} unit(s) (carried forward, cases pending, yuan converted): no call needed; all in findings.csv",
                    self.routine, self.routine_units
                ),
            )
        })
    }

    /// The published aggregate's figure facts as one line, or `None`.
    pub fn district_routine_line(&self) -> Option<(String, String)> {
        (self.district_routine > 0).then(|| {
            (
                format!(
                    "供参考：公布的汇总报告另有{}项数字情况（结转、复议与诉讼结果），各单位的已分别列出",
                    self.district_routine
                ),
                format!(
                    "for reference: {} figure fact(s) of the published aggregate (carried forward, review and suit results), already listed under their units",
                    self.district_routine
                ),
            )
        })
    }
}

/// Does a finding ask the clerk to do something? Errors and warnings that are not accepted;
/// a district total's failure that unit errors explain asks nothing more than those errors.
pub(super) fn actionable(f: &Listed) -> bool {
    f.severity() >= Severity::Warning && f.accepted.is_none()
}

/// A warning that is a routine fact (供参考), not a question: a unit's carry-over, pending cases
/// or converted fee; on the published aggregate, any fact its units' lines already give.
pub(super) fn routine(f: &Listed) -> bool {
    f.severity() == Severity::Warning
        && (f.check.is_routine() || (f.unit_index.is_none() && f.check.is_figure_fact()))
}

pub(super) fn item(f: &Listed) -> Item {
    let text = f.message().zh().to_string();
    Item {
        severity: f.severity(),
        check: f.check,
        id: f.id.clone(),
        text,
        place: place_zh(&f.place, &f.cells),
    }
}

/// Build the list from a roll-up (one pass over its findings; at most
/// [`super::VIEW_FINDINGS`] items are kept, the rest counted).
pub fn todo(r: &Rollup, findings: &Findings) -> Result<Todo, OutputError> {
    let mut t = Todo::default();
    // Unit index → its entry in `t.units`.
    let mut at: std::collections::HashMap<usize, usize> = Default::default();
    let mut kept = 0usize;
    let mut accepted_of: std::collections::HashMap<usize, usize> = Default::default();
    let mut routine_of: std::collections::HashMap<usize, usize> = Default::default();
    for f in findings.all() {
        let f = f.map_err(OutputError::Spill)?;
        if f.accepted.is_some() {
            t.accepted += 1;
            if let Some(i) = f.unit_index {
                *accepted_of.entry(i).or_default() += 1;
            }
            continue;
        }
        if f.check == Check::MissingReport {
            continue;
        }
        if !actionable(&f) {
            continue;
        }
        if routine(&f) {
            match f.unit_index {
                Some(i) => *routine_of.entry(i).or_default() += 1,
                None => t.district_routine += 1,
            }
            continue;
        }
        if kept >= super::VIEW_FINDINGS {
            t.more_items += 1;
            continue;
        }
        kept += 1;
        match f.unit_index {
            Some(i) => {
                let e = *at.entry(i).or_insert_with(|| {
                    let u = &r.units[i];
                    t.units.push(UnitTodo {
                        index: i,
                        unit: r
                            .roster_name(u)
                            .map_or_else(|| u.name().into_owned(), str::to_string),
                        source: r.units[i].source.clone(),
                        items: Vec::new(),
                        accepted: 0,
                        routine: 0,
                    });
                    t.units.len() - 1
                });
                t.units[e].items.push(item(&f));
            }
            None => {
                let mut it = item(&f);
                if !f.source.is_empty() {
                    // The published aggregate (or another file that is not a unit's).
                    it.text = format!("{}：{}", f.source, it.text);
                }
                t.district.push(it);
            }
        }
    }
    // Roster order (the body a file was matched to), then the files on no body by path.
    t.units.sort_by(|a, b| {
        let key = |u: &UnitTodo| (r.units[u.index].roster.unwrap_or(usize::MAX), u.index);
        key(a).cmp(&key(b))
    });
    t.routine = routine_of.values().sum();
    t.routine_units = routine_of.len();
    for u in &mut t.units {
        u.accepted = accepted_of.get(&u.index).copied().unwrap_or(0);
        u.routine = routine_of.get(&u.index).copied().unwrap_or(0);
        // Errors first within a unit, then in the order found.
        u.items.sort_by_key(|i| std::cmp::Reverse(i.severity));
    }
    // The missing bodies in roster order, each with the files it sent (a body whose file could
    // not be read has no MISSING_REPORT of its own: the file's finding is its one finding).
    t.missing = r
        .missing
        .iter()
        .map(|&body| Missing {
            name: r.roster_nodes[body].clone(),
            sent: r
                .units
                .iter()
                .filter(|u| u.roster == Some(body) && !u.summed())
                .map(|u| {
                    let why = not_summed(u).map_or_else(
                        || "已计入".to_string(),
                        |n| crate::finding::wording::not_summed(&n).0,
                    );
                    format!("{}：{why}", u.source)
                })
                .collect(),
            likely: r
                .units
                .iter()
                .filter(|u| u.maybe_body == Some(body))
                .map(|u| format!("{}（“{}”）", u.source, u.unit))
                .collect(),
            due: r.year.zip(r.roster_due.get(body)).and_then(|(y, day)| {
                let date = day.in_year_after(y)?;
                let today = crate::util::date::Date::today()?;
                Some((date, today.days_to(date)))
            }),
        })
        .collect();
    Ok(t)
}

/// The list as Markdown lines (for `summary.md`; the terminal prints its own).
pub fn markdown(t: &Todo) -> String {
    let mut s = String::new();
    if t.is_empty() {
        s.push_str("无：没有需要联系单位的事项 / nothing to do: no unit needs a call\n");
        for (zh, en) in [t.routine_line(), t.district_routine_line()]
            .into_iter()
            .flatten()
        {
            s.push_str(&format!("\n{zh} / {en}\n"));
        }
        return s;
    }
    if let Some((zh, en)) = t.notices.line() {
        s.push_str(&format!("{zh} / {en}\n\n"));
    }
    for (n, u) in t.units.iter().enumerate() {
        let clauses: Vec<String> = u.items.iter().map(Item::clause).collect();
        let accepted = u.aside();
        s.push_str(&format!(
            "{}. **{}**（{}）{}{}\n",
            n + 1,
            super::md_text(&u.unit),
            super::md_code(&u.source),
            super::md_text(&clauses.join("；")),
            accepted
        ));
    }
    if let Some((zh, en)) = t.routine_line() {
        s.push_str(&format!("\n{zh} / {en}\n"));
    }
    if t.likely_pairs().next().is_some() {
        s.push_str(&format!("\n**{} / {}:**\n\n", LIKELY_HEAD.0, LIKELY_HEAD.1));
        for m in t.likely_pairs() {
            s.push_str(&format!("- {}\n", super::md_text(&m.pair())));
        }
    }
    if t.not_reported().next().is_some() {
        s.push_str("\n**未报送 / not reported:**\n\n");
        for m in t.not_reported() {
            s.push_str(&format!(
                "- {}：{}\n",
                super::md_text(&m.name),
                super::md_text(&m.what_zh())
            ));
        }
    }
    if !t.district.is_empty() {
        s.push_str("\n**汇总本身（合计、公布的汇总报告） / the district's own totals and published report:**\n\n");
        for i in &t.district {
            s.push_str(&format!("- {}\n", super::md_text(&i.clause())));
        }
    }
    if let Some((zh, en)) = t.district_routine_line() {
        s.push_str(&format!("\n{zh} / {en}\n"));
    }
    if t.more_items > 0 {
        s.push_str(&format!(
            "\n此处只列出前 {} 项，另有 {} 项见 findings.csv / the first {} items are listed; {} more are in findings.csv\n",
            super::VIEW_FINDINGS,
            t.more_items,
            super::VIEW_FINDINGS,
            t.more_items
        ));
    }
    s
}
