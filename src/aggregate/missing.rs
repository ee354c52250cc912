//! What the roster tells of the district beyond the sums: the bodies with no report, and 规章
//! from bodies that cannot make them.

use super::decide::file_name;
use super::decide::not_summed;
use super::levels::reported_bodies;
use super::roster::{Kind, Roster};
use super::{Inclusion, Unit};
use crate::finding::{Check, Finding, Said};
use crate::ledger::Ledger;
use crate::value::Decimal;

/// Findings that need the roster: missing reports, and 规章 from bodies that cannot make them.
pub(super) fn roster_checks(r: &Roster, units: &[Unit], year: Option<i32>, findings: &mut Ledger) {
    let year_txt = year.map_or(String::new(), |y| y.to_string());
    let reported = reported_bodies(r, units);
    for (i, node) in r.nodes.iter().enumerate() {
        if !node.kind.reports() || reported[i] {
            continue;
        }
        // A report on no body that names this one as its likely body is the one finding.
        if units.iter().any(|u| u.maybe_body == Some(i)) {
            continue;
        }
        let sent: Vec<&Unit> = units.iter().filter(|u| u.roster == Some(i)).collect();
        // A file that could not be read is that body's one finding (UNPARSEABLE …), not a
        // second one saying its report is missing.
        if sent.iter().any(|u| u.inclusion == Inclusion::Unread) {
            continue;
        }
        let sent_file = sent.first().map_or(String::new(), |u| file_name(&u.source));
        let sent_said = sent
            .first()
            .and_then(|u| Some((u.source.clone(), not_summed(u)?)));
        findings.push(Finding {
            source: String::new(),
            unit: node.name.clone(),
            check: Check::MissingReport,
            cells: vec![],
            said: Said::Missing {
                body: node.name.clone(),
                year,
                sent: sent_said,
            },
            place: String::new(),
            facts: vec![year_txt.clone(), sent_file],
        });
    }
    // 规章 are made by provinces and cities with districts: a body at district level or below
    // has none to make, repeal or keep in force.
    for u in units.iter().filter(|u| u.summed()) {
        let Some(m) = u.roster else {
            continue;
        };
        if r.nodes[m].kind == Kind::City {
            continue;
        }
        use crate::template::cells::{RULES_IN_FORCE, RULES_ISSUED, RULES_REPEALED};
        let rules: Vec<(String, Decimal)> = [RULES_ISSUED, RULES_REPEALED, RULES_IN_FORCE]
            .into_iter()
            .filter_map(|c| u.number_of(c).map(|v| (c.key(), v)))
            .filter(|(_, v)| !v.is_zero())
            .collect();
        if rules.is_empty() {
            continue;
        }
        findings.push(Finding {
            source: u.source.clone(),
            unit: u.unit.clone(),
            check: Check::RulesNonzero,
            cells: rules.iter().map(|(k, _)| k.to_string()).collect(),
            said: Said::RulesNonzero {
                values: rules
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_string()))
                    .collect(),
            },
            place: String::new(),
            facts: Vec::new(),
        });
    }
}
