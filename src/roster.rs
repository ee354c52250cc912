//! The roster (`--roster FILE`): the bodies that must report, how they may be named, what kind of
//! body each is and which node it rolls up into (units → district → city).
//!
//! CSV, UTF-8 or GBK (as Excel saves it), one row per body, with a header:
//!
//! ```text
//! name,aliases,kind,parent
//! 临江市,,city,
//! 临江区,,district,临江市
//! 临江区财政局,区财政局;临江区财政金融局,department,临江区
//! ```
//!
//! `kind` is `city`, `district` (nodes that add up their children), or `department`, `town`,
//! `street`, `zone`, `office` (bodies that publish a report). `parent` names another row; exactly
//! one row, the top, has none. `aliases` are other names the body's reports use (a renamed body's
//! old name), separated by `;` or `|`.

use crate::csvread::csv_rows;
use crate::decode::decode;
use crate::normalize::label;
use std::collections::HashMap;
use std::path::Path;

/// Largest roster file read.
const MAX_ROSTER_BYTES: u64 = 8 * 1024 * 1024;

/// What a roster body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    City,
    District,
    Department,
    Town,
    Street,
    Zone,
    Office,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::City => "city",
            Kind::District => "district",
            Kind::Department => "department",
            Kind::Town => "town",
            Kind::Street => "street",
            Kind::Zone => "zone",
            Kind::Office => "office",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "city" | "市" => Kind::City,
            "district" | "区" | "县" => Kind::District,
            "department" | "部门" => Kind::Department,
            "town" | "乡镇" | "镇" | "乡" => Kind::Town,
            "street" | "街道" => Kind::Street,
            "zone" | "园区" | "开发区" => Kind::Zone,
            "office" | "办公室" => Kind::Office,
            _ => return None,
        })
    }

    /// A body that publishes its own report (the others only add up their children).
    pub fn reports(self) -> bool {
        !matches!(self, Kind::City | Kind::District)
    }
}

/// One roster row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub name: String,
    pub aliases: Vec<String>,
    pub kind: Kind,
    pub parent: Option<usize>,
}

/// How a report's unit name matched the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    Unit(usize),
    Unknown,
    /// Several bodies fit the name.
    Ambiguous(Vec<usize>),
}

/// A roster that cannot be used (the run stops with exit 2).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RosterError {
    #[error("cannot read the roster {0}: {1}")]
    Read(String, String),
    #[error("roster: the header must name the columns name, kind and parent (and may name aliases); found: {0}")]
    Header(String),
    #[error("roster line {0}: unknown kind {1:?} (city, district, department, town, street, zone, office)")]
    Kind(usize, String),
    #[error("roster line {0}: empty name")]
    EmptyName(usize),
    #[error("roster line {0}: {1} is listed twice")]
    Twice(usize, String),
    #[error("roster line {0}: parent {1:?} is not a name in the roster")]
    Parent(usize, String),
    #[error("roster: exactly one row (the top, e.g. the district) must have no parent; found {0}")]
    Top(usize),
    #[error("roster: {0} is its own ancestor")]
    Cycle(String),
}

/// The roster.
#[derive(Debug, Clone)]
pub struct Roster {
    pub nodes: Vec<Node>,
    /// Normalised name or alias (prefixes of the district and city removed) → bodies.
    keys: HashMap<String, Vec<usize>>,
    /// Normalised names of the adding-up nodes, longest first (stripped from the front of names).
    prefixes: Vec<String>,
}

impl Roster {
    pub fn load(path: &Path) -> Result<Roster, RosterError> {
        let fail = |e: String| RosterError::Read(path.display().to_string(), e);
        let meta = std::fs::metadata(path).map_err(|e| fail(e.to_string()))?;
        if meta.len() > MAX_ROSTER_BYTES {
            return Err(fail(format!("larger than {MAX_ROSTER_BYTES} bytes")));
        }
        let bytes = std::fs::read(path).map_err(|e| fail(e.to_string()))?;
        Roster::parse(&decode(&bytes, false).text)
    }

    /// Parse roster CSV text.
    pub fn parse(text: &str) -> Result<Roster, RosterError> {
        let mut rows = csv_rows(text)
            .into_iter()
            .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()));
        let (_, header) = rows
            .next()
            .ok_or_else(|| RosterError::Header(String::new()))?;
        let col = |name: &str| {
            header
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
        };
        let (Some(c_name), Some(c_kind), Some(c_parent)) =
            (col("name"), col("kind"), col("parent"))
        else {
            return Err(RosterError::Header(header.join(",")));
        };
        let c_aliases = col("aliases");
        let cell =
            |r: &[String], c: usize| r.get(c).map(|s| s.trim().to_string()).unwrap_or_default();
        let mut nodes = Vec::new();
        let mut parents = Vec::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for (line, r) in rows {
            let name = cell(&r, c_name);
            if name.is_empty() {
                return Err(RosterError::EmptyName(line));
            }
            let kind_text = cell(&r, c_kind);
            let kind = Kind::parse(&kind_text).ok_or(RosterError::Kind(line, kind_text))?;
            let aliases = c_aliases
                .map(|c| cell(&r, c))
                .unwrap_or_default()
                .split([';', '|', '；'])
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(String::from)
                .collect();
            if by_name.insert(label(&name), nodes.len()).is_some() {
                return Err(RosterError::Twice(line, name));
            }
            parents.push((line, cell(&r, c_parent)));
            nodes.push(Node {
                name,
                aliases,
                kind,
                parent: None,
            });
        }
        for (i, (line, parent)) in parents.iter().enumerate() {
            if !parent.is_empty() {
                let p = by_name
                    .get(&label(parent))
                    .ok_or_else(|| RosterError::Parent(*line, parent.clone()))?;
                nodes[i].parent = Some(*p);
            }
        }
        let tops = nodes.iter().filter(|n| n.parent.is_none()).count();
        if tops != 1 {
            return Err(RosterError::Top(tops));
        }
        for (i, n) in nodes.iter().enumerate() {
            let mut at = n.parent;
            let mut steps = 0;
            while let Some(p) = at {
                steps += 1;
                if p == i || steps > nodes.len() {
                    return Err(RosterError::Cycle(n.name.clone()));
                }
                at = nodes[p].parent;
            }
        }
        let mut prefixes: Vec<String> = nodes
            .iter()
            .filter(|n| !n.kind.reports())
            .map(|n| label(&n.name))
            .collect();
        prefixes.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
        let mut roster = Roster {
            nodes,
            keys: HashMap::new(),
            prefixes,
        };
        let mut keys: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, n) in roster.nodes.iter().enumerate() {
            if !n.kind.reports() {
                continue;
            }
            let mut own: Vec<String> = std::iter::once(&n.name)
                .chain(&n.aliases)
                .map(|a| roster.key(a))
                .filter(|k| !k.is_empty())
                .collect();
            own.sort();
            own.dedup();
            for k in own {
                keys.entry(k).or_default().push(i);
            }
        }
        roster.keys = keys;
        Ok(roster)
    }

    /// A name's matching key: normalised, with the district's and city's names taken off its
    /// front (`平潭综合实验区财政金融局` and `财政金融局` are one key).
    fn key(&self, name: &str) -> String {
        let mut k = label(name);
        loop {
            let before = k.len();
            for p in &self.prefixes {
                if k.len() > p.len() {
                    if let Some(rest) = k.strip_prefix(p.as_str()) {
                        k = rest.to_string();
                    }
                }
            }
            if k.len() == before {
                return k;
            }
        }
    }

    /// The body a report's unit name belongs to. A name taken from a file name may carry the
    /// file's number in front (`32_统计局`): it is tried without it too.
    pub fn find(&self, unit: &str) -> Match {
        match self.find_exact(unit) {
            Match::Unknown => {
                let bare = unit
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .trim_start_matches(['_', '-', '.', ' ', '、', '．']);
                if bare.len() < unit.len() && !bare.is_empty() {
                    self.find_exact(bare)
                } else {
                    Match::Unknown
                }
            }
            found => found,
        }
    }

    fn find_exact(&self, unit: &str) -> Match {
        let key = self.key(unit);
        let found = self.keys.get(&key).or_else(|| {
            // `青山镇` for `青山镇人民政府`, and the other way round.
            let alt = match key.strip_suffix("人民政府") {
                Some(short) => short.to_string(),
                None => format!("{key}人民政府"),
            };
            self.keys.get(&alt)
        });
        match found.map(Vec::as_slice) {
            Some([one]) => Match::Unit(*one),
            Some(many) if !many.is_empty() => Match::Ambiguous(many.to_vec()),
            _ => Match::Unknown,
        }
    }

    /// The top node (the district, or the city above it).
    pub fn top(&self) -> usize {
        self.nodes
            .iter()
            .position(|n| n.parent.is_none())
            .unwrap_or(0)
    }

    /// Whether `node` is `ancestor` or below it.
    pub fn under(&self, node: usize, ancestor: usize) -> bool {
        let mut at = Some(node);
        while let Some(n) = at {
            if n == ancestor {
                return true;
            }
            at = self.nodes[n].parent;
        }
        false
    }

    /// Nodes that have children, top first, in roster order below it.
    pub fn aggregates(&self) -> Vec<usize> {
        let top = self.top();
        let mut out = vec![top];
        out.extend(
            (0..self.nodes.len())
                .filter(|&i| i != top && self.nodes.iter().any(|n| n.parent == Some(i))),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PINGTAN: &str = "name,aliases,kind,parent\n\
        平潭综合实验区,,district,\n\
        平潭综合实验区管委会办公室,管委会办公室,office,平潭综合实验区\n\
        平潭综合实验区财政金融局,,department,平潭综合实验区\n\
        平潭综合实验区行政审批局,\"区行政审批局;平潭综合区行政审批局\",department,平潭综合实验区\n\
        平潭综合实验区金井片区管理局,,zone,平潭综合实验区\n\
        金井镇人民政府,,town,平潭综合实验区金井片区管理局\n";

    #[test]
    fn names_match_with_and_without_the_district_and_through_aliases() {
        let r = Roster::parse(PINGTAN).unwrap();
        let id = |name: &str| match r.find(name) {
            Match::Unit(i) => r.nodes[i].name.clone(),
            other => format!("{other:?}"),
        };
        assert_eq!(id("财政金融局"), "平潭综合实验区财政金融局");
        assert_eq!(id("平潭综合实验区财政金融局"), "平潭综合实验区财政金融局");
        assert_eq!(id("平潭綜合實驗區財政金融局"), "平潭综合实验区财政金融局");
        assert_eq!(id("平潭综合区行政审批局"), "平潭综合实验区行政审批局");
        assert_eq!(id("金井镇"), "金井镇人民政府");
        assert_eq!(
            id("平潭综合实验区"),
            "Unknown",
            "the district itself does not report"
        );
        assert_eq!(id("交通与建设局"), "Unknown");
        assert_eq!(r.nodes[r.top()].name, "平潭综合实验区");
        let zone = r.nodes.iter().position(|n| n.kind == Kind::Zone).unwrap();
        assert_eq!(r.aggregates(), vec![0, zone]);
        assert!(r.under(5, 0) && r.under(5, zone) && !r.under(2, zone));
    }

    #[test]
    fn bad_rosters_are_refused_with_the_line() {
        assert!(matches!(
            Roster::parse("name,kind\nA,district\n"),
            Err(RosterError::Header(_))
        ));
        assert_eq!(
            Roster::parse("name,kind,parent\nA,district,\nB,ministry,A\n").unwrap_err(),
            RosterError::Kind(3, "ministry".into())
        );
        assert_eq!(
            Roster::parse("name,kind,parent\nA,district,\nB,town,C\n").unwrap_err(),
            RosterError::Parent(3, "C".into())
        );
        assert_eq!(
            Roster::parse("name,kind,parent\nA,district,\nB,district,\n").unwrap_err(),
            RosterError::Top(2)
        );
        assert_eq!(
            Roster::parse("name,kind,parent\nA,district,\nB,town,A\nB,town,A\n").unwrap_err(),
            RosterError::Twice(4, "B".into())
        );
        assert_eq!(
            Roster::parse("name,kind,parent\nT,district,\nA,zone,B\nB,zone,A\n").unwrap_err(),
            RosterError::Cycle("A".into())
        );
    }
}
