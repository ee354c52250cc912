//! A finding's id, from its meaning: the check, the body it is about (the roster body; without
//! one, the unit's name as its report gives it; for a file with no name inside, the file's
//! name), the cells involved with the values they hold, and the finding's other facts (a figure
//! quoted in the prose, a year, a file) — never its wording, its place in the file, a row
//! number or the run. So the same finding gets the same id every night, and keeps it when the
//! unit revises its report without changing what the finding is about (a word added to the
//! prose, a PDF exported again); when the values change, it is another finding.

use super::Subjects;
use crate::finding::Finding;
use crate::value::CellValue;
use sha2::Digest;

/// The letter every id of this version starts with (a letter first, so that a spreadsheet
/// never reads an id as a number; the version before gave `F`, see [`super::legacy`]).
pub const PREFIX: char = 'G';

/// Does `s` look like an id this version gives?
pub fn is_id(s: &str) -> bool {
    shaped(s, PREFIX)
}

/// `prefix` and 11 lower-case hex digits: an id's shape.
pub fn shaped(s: &str, prefix: char) -> bool {
    s.len() == 12
        && s.starts_with(prefix)
        && s[1..]
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// What a finding is about, as a digest (see the module's doc); `unit` is the unit whose
/// file it is about.
pub fn meaning(
    r: &dyn Subjects,
    f: &Finding,
    unit: Option<usize>,
    cells_of_unit: Option<&[CellValue]>,
) -> [u8; 32] {
    let mut h = sha2::Sha256::new();
    let mut part = |s: &str| {
        h.update(s.as_bytes());
        h.update([0x1f]);
    };
    part(f.check.id());
    let u = unit.map(|i| r.record(i));
    let body = match (unit, u) {
        (Some(i), Some(u)) => r
            .body(i)
            .map(str::to_string)
            .or_else(|| (!u.unit.is_empty()).then(|| u.unit.clone()))
            .unwrap_or_else(|| file_name(&u.source)),
        _ if !f.unit.is_empty() => f.unit.clone(),
        _ => file_name(&f.source),
    };
    part(&body);
    // The cells in a set's order, each with what it holds.
    let mut cells: Vec<&String> = f.cells.iter().collect();
    cells.sort();
    cells.dedup();
    // A district finding's cells hold its level's totals.
    let level = (u.is_none() && f.source.is_empty()).then_some(f.unit.as_str());
    for key in cells {
        part(key);
        let held = match (u, level) {
            (Some(u), _) => crate::template::cell_index(key).and_then(|i| match cells_of_unit {
                Some(values) => values.get(i).map(state),
                None => u.cells.values().nth(i).map(|v| state(&v)),
            }),
            (None, Some(l)) => r
                .level_total(l, key)
                .map(|t| t.map_or("blank".to_string(), |d| d.plain())),
            (None, None) => None,
        };
        part(held.as_deref().unwrap_or("-"));
    }
    part("facts");
    for fact in &f.facts {
        part(fact);
    }
    h.finalize().into()
}

/// The `n`th id (from 0) of findings of this meaning: `G` and 11 hex digits.
pub fn id(meaning: &[u8; 32], n: u32) -> String {
    let digest: [u8; 32] = if n == 0 {
        *meaning
    } else {
        let mut h = sha2::Sha256::new();
        h.update(meaning);
        h.update(n.to_le_bytes());
        h.finalize().into()
    };
    format!("{PREFIX}{}", &crate::input::digest::hex(&digest[..6])[..11])
}

/// A cell's state as the id sees it: its number, or what it is instead.
fn state(v: &CellValue) -> String {
    match v {
        CellValue::Number(d) => d.plain(),
        CellValue::Blank => "blank".into(),
        CellValue::Placeholder => "placeholder".into(),
        CellValue::Invalid => "invalid".into(),
        CellValue::Absent => "absent".into(),
    }
}

/// A path's last part.
fn file_name(source: &str) -> String {
    std::path::Path::new(source)
        .file_name()
        .map_or_else(|| source.to_string(), |n| n.to_string_lossy().into_owned())
}
