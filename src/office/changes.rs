//! Since the last run, as the views show it: grouped by unit — each unit's new errors first,
//! then its new warnings, then what it resolved, with counts — the district's own findings
//! last; a screenful for the terminal and the summary, every group for the page and the
//! workbook's `变化` sheet; the totals that moved as a small table (cell, last, now, change).

use super::since::{Named, Since};

/// Units named one line each on a screen, at most (the rest are counted, and in the page).
pub const SCREEN_UNITS: usize = 10;

/// One unit's changes (or the district's own, `district`).
#[derive(Debug)]
pub struct Group<'a> {
    pub unit: &'a str,
    pub district: bool,
    /// New errors first, then new warnings.
    pub new: Vec<&'a Named>,
    pub resolved: Vec<&'a Named>,
}

impl Group<'_> {
    pub fn new_errors(&self) -> usize {
        self.new.iter().filter(|n| n.error).count()
    }

    pub fn new_warnings(&self) -> usize {
        self.new.len() - self.new_errors()
    }

    /// "新错误2项、新警告1项、已解决1项" / "2 new error(s), 1 new warning(s), 1 resolved".
    pub fn counts(&self) -> (String, String) {
        let mut zh = Vec::new();
        let mut en = Vec::new();
        for (n, z, e) in [
            (self.new_errors(), "新错误", "new error(s)"),
            (self.new_warnings(), "新警告", "new warning(s)"),
            (self.resolved.len(), "已解决", "resolved"),
        ] {
            if n > 0 {
                zh.push(format!("{z}{n}项"));
                en.push(format!("{n} {e}"));
            }
        }
        (zh.join("、"), en.join(", "))
    }

    /// How the views name it.
    pub fn title(&self) -> String {
        if self.district {
            format!("{}（合计与公布的汇总）", self.unit)
        } else {
            self.unit.to_string()
        }
    }
}

impl Since {
    /// The findings' changes by unit: units with new errors first, then those with new
    /// warnings, then those that only resolved findings (each in name order); the district's
    /// own findings last. Errors before warnings within a unit.
    pub fn groups(&self) -> Vec<Group<'_>> {
        let mut groups: Vec<Group<'_>> = Vec::new();
        let mut index: std::collections::HashMap<(&str, bool), usize> = Default::default();
        let all = (self.new_findings.iter().map(|n| (n, true)))
            .chain(self.resolved.iter().map(|n| (n, false)));
        for (n, new) in all {
            let i = *index
                .entry((n.unit.as_str(), n.district))
                .or_insert_with(|| {
                    groups.push(Group {
                        unit: &n.unit,
                        district: n.district,
                        new: Vec::new(),
                        resolved: Vec::new(),
                    });
                    groups.len() - 1
                });
            if new {
                groups[i].new.push(n);
            } else {
                groups[i].resolved.push(n);
            }
        }
        for g in &mut groups {
            // Stable: within errors and warnings, as the ledger ordered them.
            g.new.sort_by_key(|n| !n.error);
            g.resolved.sort_by_key(|n| !n.error);
        }
        groups.sort_by(|a, b| {
            let rank = |g: &Group| (g.district, g.new_errors() == 0, g.new.is_empty());
            rank(a).cmp(&rank(b)).then_with(|| a.unit.cmp(b.unit))
        });
        groups
    }

    /// A screenful: the reports new, revised and gone; the findings' counts; one line per unit
    /// (the first [`SCREEN_UNITS`]), indented. Chinese then English. The totals that moved are
    /// [`Since::totals_rows`], which each view lays out as a table.
    pub fn screen(&self) -> Vec<String> {
        let mut v = self.file_lines();
        if self.is_quiet() {
            return v;
        }
        if self.findings_compared && (self.new_count > 0 || self.resolved_count > 0) {
            let errors = self.new_findings.iter().filter(|n| n.error).count();
            let more = if self.new_count > self.new_findings.len() {
                format!("（列出前{}项）", self.new_findings.len())
            } else {
                String::new()
            };
            v.push(format!(
                "新出现的问题{}项（错误{errors}、警告{}）{more}，已解决{}项 / {} new finding(s) ({errors} error(s), {} warning(s)), {} resolved:",
                self.new_count,
                self.new_findings.len() - errors,
                self.resolved_count,
                self.new_count,
                self.new_findings.len() - errors,
                self.resolved_count
            ));
            let groups = self.groups();
            for g in groups.iter().take(SCREEN_UNITS) {
                let (zh, en) = g.counts();
                let first = g
                    .new
                    .first()
                    .map(|n| format!("：{}", clip(&n.text, 60)))
                    .unwrap_or_default();
                v.push(format!("  {}：{zh}{first} / {en}", g.title()));
            }
            if groups.len() > SCREEN_UNITS {
                let rest = groups.len() - SCREEN_UNITS;
                v.push(format!(
                    "  ……另有{rest}个单位有变化，全部见 report.html 与 district.xlsx 的“变化”表 / {rest} more unit(s): all in report.html and the 变化 sheet of district.xlsx"
                ));
            }
        }
        v
    }

    /// "合计变化N处（上次 → 本次）" / "N total(s) changed (last → now)", or `None`.
    pub fn totals_heading(&self) -> Option<(String, String)> {
        (!self.totals.is_empty()).then(|| {
            (
                format!("合计变化{}处（上次 → 本次）", self.totals.len()),
                format!("{} total(s) changed (last → now)", self.totals.len()),
            )
        })
    }

    /// The totals that moved: cell (in the template's words), last, now, change.
    pub fn totals_rows(&self) -> Vec<[String; 4]> {
        let show =
            |d: &Option<crate::value::Decimal>| d.map_or("空白".to_string(), |d| d.to_string());
        self.totals
            .iter()
            .map(|(k, a, b)| {
                let change = match (a, b) {
                    (Some(a), Some(b)) => b.checked_sub(*a).map_or(String::new(), |d| {
                        if d.is_negative() {
                            d.to_string()
                        } else {
                            format!("+{d}")
                        }
                    }),
                    _ => String::new(),
                };
                [
                    crate::template::wording::cell_label(k),
                    show(a),
                    show(b),
                    change,
                ]
            })
            .collect()
    }
}

/// The first `n` characters of `s`, with "…" when cut.
fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(unit: &str, error: bool, text: &str) -> Named {
        Named {
            unit: unit.into(),
            check: "X".into(),
            text: text.into(),
            error,
            district: unit == "临江区",
        }
    }

    #[test]
    fn grouped_by_unit_errors_first_the_district_last_and_a_screenful() {
        let mut s = Since {
            findings_compared: true,
            ..Default::default()
        };
        s.new_findings = vec![
            named("临江区", true, "合计不符"),
            named("审计局", false, "有2件申请结转"),
            named("审计局", true, "行合计不符"),
            named("财政局", false, "结转"),
        ];
        for i in 0..20 {
            s.new_findings
                .push(named(&format!("单位{i:02}"), false, "结转"));
        }
        s.new_count = s.new_findings.len();
        s.resolved = vec![named("教育局", true, "已改正")];
        s.resolved_count = 1;
        let groups = s.groups();
        assert_eq!(groups[0].unit, "审计局");
        assert_eq!(groups[0].new[0].text, "行合计不符", "errors first");
        assert_eq!(groups.last().unwrap().unit, "临江区", "the district last");
        assert_eq!(
            groups[groups.len() - 2].unit,
            "教育局",
            "only resolved: after the new"
        );
        let screen = s.screen();
        assert!(screen.len() <= 1 + SCREEN_UNITS + 1, "{screen:#?}");
        assert!(
            screen[0].starts_with("新出现的问题24项（错误2、警告22），已解决1项"),
            "{}",
            screen[0]
        );
        assert_eq!(
            screen[1],
            "  审计局：新错误1项、新警告1项：行合计不符 / 1 new error(s), 1 new warning(s)"
        );
        assert!(screen.last().unwrap().contains("另有"), "{screen:#?}");
        assert!(screen.iter().map(|l| l.chars().count()).sum::<usize>() < 1_500);
    }
}
