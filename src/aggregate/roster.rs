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

use crate::read::decode::decode;
use crate::read::normalize::label;
use crate::util::csvread::csv_rows;
use std::collections::HashMap;
use std::path::Path;

/// The short forms clerks write for the long words of bodies' names, longest first (a
/// body's name and a report's are compared in this short form too).
const SHORT_FORMS: [(&str, &str); 29] = [
    ("人力资源和社会保障", "人社"),
    ("城市管理和综合执法", "城管"),
    ("住房和城乡建设", "住建"),
    ("自然资源和规划", "自然资源"),
    ("规划和自然资源", "自然资源"),
    ("市场监督管理", "市场监管"),
    ("发展和改革", "发改"),
    ("发展改革", "发改"),
    ("退役军人事务", "退役军人"),
    ("机关事务管理", "机关事务"),
    ("人民政府办公室", "政府办"),
    ("文化和旅游", "文旅"),
    ("文化广电旅游", "文旅"),
    ("卫生健康", "卫健"),
    ("卫生和健康", "卫健"),
    ("科学技术", "科技"),
    ("交通运输", "交通"),
    ("农业农村", "农业"),
    ("医疗保障", "医保"),
    ("应急管理", "应急"),
    ("生态环境", "环境"),
    ("城市管理", "城管"),
    ("综合行政执法", "综合执法"),
    ("教育体育", "教体"),
    // Streets and zones: `东城街道` for `东城街道办事处`, `经开区管委会` for
    // `经济开发区管理委员会`.
    ("街道办事处", "街道"),
    ("街道办", "街道"),
    ("经济技术开发区", "经开区"),
    ("经济开发区", "经开区"),
    ("管理委员会", "管委会"),
];

/// A key in the short form: `发展和改革局` → `发改局`, `人力资源和社会保障局` → `人社局`.
pub fn abbreviate(key: &str) -> String {
    let mut k = key.to_string();
    for (long, short) in SHORT_FORMS {
        if k.contains(long) {
            k = k.replace(long, short);
        }
    }
    k
}

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
    /// The kind a body off the roster most likely is, from its name (see
    /// [`crate::template::meta::kind_of_name`]).
    pub fn of_name(name: &str) -> Kind {
        use crate::template::meta::NameKind;
        match crate::template::meta::kind_of_name(name) {
            NameKind::Street => Kind::Street,
            NameKind::Town => Kind::Town,
            NameKind::Department => Kind::Department,
            NameKind::Government => Kind::District,
        }
    }

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

    pub fn parse(s: &str) -> Option<Kind> {
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
    /// The report file to sum when the body sent several versions (`file` column: a file name
    /// or a path ending).
    pub file: Option<String>,
    /// Its own deadline (`due` column), overriding its kind's.
    pub due: Option<MonthDay>,
    /// The day its report was published, as the office recorded it (`published` column);
    /// it stands before what the page says.
    pub published: Option<crate::util::date::Date>,
}

/// A day of the year after the report's year by which a report must be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct MonthDay {
    pub month: u8,
    pub day: u8,
}

impl MonthDay {
    /// 31 January: departments, towns, streets and zones (《条例》第四十九条).
    pub const UNITS: MonthDay = MonthDay { month: 1, day: 31 };

    /// `01-31`, `1-31`, `2026-01-31` (its month and day), `1月31日`.
    pub fn parse(s: &str) -> Option<MonthDay> {
        let s = s.trim().trim_end_matches('日');
        let parts: Vec<&str> = s.split(['-', '/', '.', '月', '年']).collect();
        let (m, d) = match parts.as_slice() {
            [m, d] => (m, d),
            [_, m, d] => (m, d),
            _ => return None,
        };
        let (month, day) = (m.trim().parse::<u8>().ok()?, d.trim().parse::<u8>().ok()?);
        let days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days[usize::from(month - 1)];
        valid.then_some(MonthDay { month, day })
    }

    /// 31 March: the 本级政府's own report (《条例》第四十九条, 国办公开办函〔2021〕30号).
    pub const GOVERNMENT: MonthDay = MonthDay { month: 3, day: 31 };

    /// The deadline of a kind of body when neither the roster nor `--deadline` sets one.
    pub fn of_kind(kind: Kind) -> MonthDay {
        if kind.reports() {
            MonthDay::UNITS
        } else {
            MonthDay::GOVERNMENT
        }
    }

    /// The date in the year after `year`: `2026-01-31` (`None` only past the calendar).
    pub fn in_year_after(self, year: i32) -> Option<crate::util::date::Date> {
        crate::util::date::Date::new(year.checked_add(1)?, self.month, self.day)
    }
}

/// `2025-01-20`, `2025/1/20`, `2025.1.20`, `2025年1月20日` (a time after it is left).
fn full_date(s: &str) -> Option<crate::util::date::Date> {
    let s = s.trim();
    let s = s
        .split([' ', 'T'])
        .next()
        .unwrap_or(s)
        .trim_end_matches('日');
    let parts: Vec<&str> = s.split(['-', '/', '.', '月', '年']).collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    crate::util::date::Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
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
    #[error("名册 {0} 是 Excel 工作簿，请在 Excel 中“另存为”CSV（逗号分隔）后再用 / the roster {0} is an Excel workbook: save it as CSV (comma delimited) in Excel and pass that")]
    Workbook(String),
    #[error("roster: the header must name the columns name, kind and parent (名称、类型、上级; and may name aliases 别名, file 文件); found: {0}")]
    Header(String),
    #[error("roster line {0}: unknown kind {1:?} (city, district, department, town, street, zone, office)")]
    Kind(usize, String),
    #[error("名册第{0}行的发布日期“{1}”无法识别（应如 2025-01-20 或 2025年1月20日） / roster line {0}: published date {1:?} is not a date (write 2025-01-20 or 2025年1月20日)")]
    Published(usize, String),
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
    #[error("名册第{0}行的截止日期“{1}”无法识别（应如 01-31 或 1月31日） / roster line {0}: due date {1:?} is not a date (write 01-31 or 1月31日)")]
    Due(usize, String),
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

/// A roster file's text (UTF-8 with or without a BOM, or GBK), refusing a workbook and a file
/// larger than a roster.
pub fn roster_text(path: &Path) -> Result<String, RosterError> {
    let fail = |e: String| RosterError::Read(path.display().to_string(), e);
    let meta = std::fs::metadata(path).map_err(|e| fail(e.to_string()))?;
    if meta.len() > MAX_ROSTER_BYTES {
        return Err(fail(format!("larger than {MAX_ROSTER_BYTES} bytes")));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(e.to_string()))?;
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(RosterError::Workbook(path.display().to_string()));
    }
    Ok(decode(&bytes, false).text)
}

/// The roster's text with `add` (body name → aliases to add) written into its aliases column
/// (made when it has none), and a `suggested` column saying what was added, for the clerk to
/// review and keep: UTF-8 with a byte-order mark, every other cell as it was.
pub fn with_aliases(text: &str, add: &HashMap<String, Vec<String>>) -> Result<String, RosterError> {
    use crate::util::csvread::field;
    let rows = csv_rows(text);
    let mut rows = rows
        .into_iter()
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()));
    let (_, mut header) = rows
        .next()
        .ok_or_else(|| RosterError::Header(String::new()))?;
    let find = |names: &[&str], header: &[String]| {
        header.iter().position(|h| {
            let h = h.trim().trim_start_matches('\u{FEFF}');
            names.iter().any(|n| h.eq_ignore_ascii_case(n))
        })
    };
    let c_name = find(&["name", "名称", "单位", "单位名称"], &header)
        .ok_or_else(|| RosterError::Header(header.join(",")))?;
    let c_aliases = match find(&["aliases", "别名", "简称", "其他名称"], &header) {
        Some(c) => c,
        None => {
            header.push("aliases".into());
            header.len() - 1
        }
    };
    header.push("suggested".into());
    let width = header.len();
    let line =
        |cells: &[String]| cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(",") + "\r\n";
    let mut out = format!("\u{FEFF}{}", line(&header));
    let by_label: HashMap<String, &Vec<String>> = add.iter().map(|(k, v)| (label(k), v)).collect();
    for (_, mut r) in rows {
        r.resize(width, String::new());
        let name = r[c_name].trim().to_string();
        if let Some(new) = by_label.get(&label(&name)) {
            let mut aliases: Vec<String> = r[c_aliases]
                .split([';', '|', '；'])
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(String::from)
                .collect();
            let added: Vec<String> = new
                .iter()
                .filter(|a| !aliases.contains(a))
                .cloned()
                .collect();
            aliases.extend(added.iter().cloned());
            r[c_aliases] = aliases.join(";");
            r[width - 1] = format!("新增别名：{}", added.join("；"));
        }
        out.push_str(&line(&r));
    }
    Ok(out)
}

impl Roster {
    pub fn load(path: &Path) -> Result<Roster, RosterError> {
        Roster::parse(&roster_text(path)?)
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
            // The contract's English header, or the Chinese one a clerk writes.
            let names: &[&str] = match name {
                "name" => &["name", "名称", "单位", "单位名称"],
                "aliases" => &["aliases", "别名", "简称", "其他名称"],
                "kind" => &["kind", "类型", "类别", "单位类型"],
                "parent" => &["parent", "上级", "上级单位", "所属"],
                "file" => &["file", "文件", "报告文件", "采用文件"],
                "due" => &["due", "截止日期", "截止", "报送期限"],
                "published" => &[
                    "published",
                    "published_on",
                    "发布日期",
                    "发布时间",
                    "公开日期",
                ],
                _ => &[],
            };
            crate::util::csvread::column(&header, names)
        };
        let (Some(c_name), Some(c_kind), Some(c_parent)) =
            (col("name"), col("kind"), col("parent"))
        else {
            return Err(RosterError::Header(header.join(",")));
        };
        let c_aliases = col("aliases");
        let c_file = col("file");
        let c_due = col("due");
        let c_published = col("published");
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
            let due_text = c_due.map(|c| cell(&r, c)).unwrap_or_default();
            let due = match due_text.as_str() {
                "" => None,
                t => Some(MonthDay::parse(t).ok_or(RosterError::Due(line, due_text.clone()))?),
            };
            let published_text = c_published.map(|c| cell(&r, c)).unwrap_or_default();
            let published = match published_text.as_str() {
                "" => None,
                t => {
                    Some(full_date(t).ok_or(RosterError::Published(line, published_text.clone()))?)
                }
            };
            parents.push((line, cell(&r, c_parent)));
            nodes.push(Node {
                name,
                aliases,
                kind,
                parent: None,
                file: c_file.map(|c| cell(&r, c)).filter(|f| !f.is_empty()),
                due,
                published,
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
        // The district's and city's names, also without their 区/县/市 (`临江经济开发区…` is
        // 临江区's zone).
        let mut prefixes: Vec<String> = nodes
            .iter()
            .filter(|n| !n.kind.reports())
            .flat_map(|n| {
                let full = label(&n.name);
                let stem = full
                    .strip_suffix(['区', '县', '市'])
                    .filter(|s| s.chars().count() >= 2)
                    .map(str::to_string);
                std::iter::once(full).chain(stem)
            })
            .collect();
        prefixes.sort();
        prefixes.dedup();
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
                .flat_map(|a| roster.keys_of(a))
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
        for key in self.keys_of(unit) {
            match self.find_key(&key) {
                Match::Unknown => continue,
                found => return found,
            }
        }
        Match::Unknown
    }

    /// The keys a name is known by: its own, without a parenthesised part and that part alone
    /// (`城市管理局(综合执法局)`), and each in the short form clerks write (`发改局` for
    /// `发展和改革局`).
    fn keys_of(&self, name: &str) -> Vec<String> {
        let key = self.key(name);
        let mut keys = vec![key.clone()];
        if let (Some(open), Some(close)) = (key.find('('), key.rfind(')')) {
            if open < close {
                let outside = format!("{}{}", &key[..open], &key[close + 1..]);
                let inside = key[open + 1..close].to_string();
                keys.push(self.key(&outside));
                keys.push(self.key(&inside));
            }
        }
        let short: Vec<String> = keys.iter().map(|k| abbreviate(k)).collect();
        keys.extend(short);
        keys.retain(|k| !k.is_empty());
        let mut seen = std::collections::HashSet::new();
        keys.retain(|k| seen.insert(k.clone()));
        keys
    }

    fn find_key(&self, key: &str) -> Match {
        let key = key.to_string();
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

    /// The body (among those `allowed`) whose name is most like `unit`'s: the same short-form
    /// key but for a few characters (two-character pairs in common, Dice ≥ 0.6), and clearly
    /// the best; `None` when none is close or two are equally close.
    pub fn closest(&self, unit: &str, allowed: impl Fn(usize) -> bool) -> Option<usize> {
        let pairs = |k: &str| -> Vec<(char, char)> {
            let c: Vec<char> = k.chars().collect();
            c.windows(2).map(|w| (w[0], w[1])).collect()
        };
        let mine: Vec<Vec<(char, char)>> = self.keys_of(unit).iter().map(|k| pairs(k)).collect();
        let mut best: Vec<(f64, usize)> = Vec::new();
        for (i, n) in self.nodes.iter().enumerate().filter(|(i, _)| allowed(*i)) {
            let score = std::iter::once(&n.name)
                .chain(&n.aliases)
                .flat_map(|a| self.keys_of(a))
                .map(|k| {
                    let theirs = pairs(&k);
                    mine.iter()
                        .map(|m| {
                            let common = m.iter().filter(|p| theirs.contains(p)).count();
                            2.0 * common as f64 / (m.len() + theirs.len()).max(1) as f64
                        })
                        .fold(0.0, f64::max)
                })
                .fold(0.0, f64::max);
            if score >= 0.6 {
                best.push((score, i));
            }
        }
        best.sort_by(|a, b| b.0.total_cmp(&a.0));
        match best.as_slice() {
            [(_, i)] => Some(*i),
            [(a, i), (b, _), ..] if a - b > 0.15 => Some(*i),
            _ => None,
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
    fn short_names_parentheses_and_chinese_headers_match() {
        let r = Roster::parse(
            "\u{FEFF}名称,类型,上级\n临江区,区,\n发改局,部门,临江区\n人社局,部门,临江区\n临江区城市管理和综合执法局（城管局）,部门,临江区\n临江区机关事务管理中心,部门,临江区\n",
        )
        .unwrap();
        let id = |name: &str| match r.find(name) {
            Match::Unit(i) => r.nodes[i].name.clone(),
            other => format!("{other:?}"),
        };
        assert_eq!(id("临江区发展和改革局"), "发改局");
        assert_eq!(id("发展改革局"), "发改局");
        assert_eq!(id("临江区人力资源和社会保障局"), "人社局");
        assert_eq!(id("城管局"), "临江区城市管理和综合执法局（城管局）");
        assert_eq!(
            id("临江区城市管理和综合执法局"),
            "临江区城市管理和综合执法局（城管局）"
        );
        assert_eq!(id("临江区机关事务管理局"), "Unknown");
        // Not the same name, but close: "did you mean".
        let guess = r.closest("临江区机关事务管理局", |_| true);
        assert_eq!(
            guess.map(|i| r.nodes[i].name.as_str()),
            Some("临江区机关事务管理中心")
        );
        assert_eq!(r.closest("临江区教育局", |_| true), None);
        assert_eq!(abbreviate("住房和城乡建设局"), "住建局");
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
