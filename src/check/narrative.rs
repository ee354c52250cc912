//! `NARRATIVE_MISMATCH`: figures the report states in words, against its tables.
//!
//! Read from the prose: applications received (收到/新收/受理/接收 … 申请 N 件 — which often
//! includes those carried over from last year), answered or concluded (办结/答复 N 件), carried
//! forward (结转下年 N 件), reviews and lawsuits (行政复议/行政诉讼 N 件, or 未发生/没有 … while
//! table 四 has cases). A sentence is read only when its figure clearly belongs to the verb, and
//! never when it speaks for a part of the body (其中, 代表, 各部门 …): a missed mismatch is
//! better than a false one.

use crate::check::Sink;
use crate::finding::said::{ProseClaim, Said};
use crate::finding::wording::quote;
use crate::finding::Check;
use crate::read::extract::Place;
use crate::template::keys::{T3Col, T3Row, T4Block, T4Result};
use crate::template::Report;
use crate::template::{cells, CellRef};
use regex::Regex;
use std::sync::OnceLock;

struct Patterns {
    received: Regex,
    answered: Regex,
    forward: Regex,
    review: Regex,
    suit: Regex,
    none: Regex,
    carried_over: Regex,
    /// Table 二's counts: the cell's key and its sentences.
    table2: Vec<(&'static str, Regex)>,
    fees: Regex,
    upheld: Regex,
    corrected: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let re = |s: &str| Regex::new(s).expect("static pattern");
        let n = r"(?:共计|合计|总计|累计|共)?(\d+)(?:件|条|个|宗|份|项|起)";
        Patterns {
            received: re(&format!(
                r"^(?P<before>[^。；;]*?)(?:收到|新收|受理|接收|接到)(?P<what>[^。；;，,]{{0,30}}?)(?:申请|事项){n}"
            )),
            answered: re(&format!(r"(?:办结|答复)(?:了)?(?:依申请公开|政府信息公开申请|申请)?{n}")),
            forward: re(&format!(r"结转(?:至|到)?下(?:一)?年(?:度)?(?:继续办理)?{n}")),
            review: re(&format!(r"行政复议(?:案件|申请)?{n}")),
            suit: re(&format!(r"行政诉讼(?:案件)?{n}")),
            none: re(r"(?:未发生|没有发生|没有|未收到|未出现|无)(?:政府信息公开)?(?:方面的|类|引发的)?(?P<what>行政复议|行政诉讼)"),
            carried_over: re(&format!(r"上年(?:度)?结转(?:的)?(?:政府信息公开)?(?:申请)?{n}")),
            table2: vec![
                (
                    "t2.normative.issued",
                    re(&format!(r"(?:制发|印发|出台|制定)(?:了)?(?:行政)?规范性文件{n}")),
                ),
                (
                    "t2.normative.repealed",
                    re(&format!(r"废止(?:了)?(?:行政)?规范性文件{n}")),
                ),
                (
                    "t2.normative.in_force",
                    // Only at a clause's start: "清理并集中发布现行有效…393件" counts what was
                    // published, not what is in force.
                    re(&format!(
                        r"(?:^|[,、:])(?:本年度|全年|截至年底|截至目前|目前|现有)?(?:共有|共)?(?:现行有效(?:的)?(?:行政)?规范性文件{n}|(?:行政)?规范性文件现行有效{n})"
                    )),
                ),
                (
                    "t2.licensing",
                    re(&format!(
                        r"(?:(?:作出|办理|办结|实施)(?:了)?行政许可(?:决定|事项)?{n}|行政许可决定{n})"
                    )),
                ),
                (
                    "t2.punishment",
                    re(&format!(
                        r"(?:(?:作出|实施|办理|办结)(?:了)?行政处罚(?:决定|案件)?{n}|行政处罚决定{n})"
                    )),
                ),
                (
                    "t2.coercion",
                    re(&format!(
                        r"(?:(?:作出|实施|采取)(?:了)?行政强制(?:措施|决定)?{n}|行政强制决定{n})"
                    )),
                ),
            ],
            fees: re(r"行政事业性收费(?:金额|总额|总金额)?(?:为|共计|共|合计|总计)?(\d+(?:\.\d+)?)万元"),
            upheld: re(&format!(r"(?:结果)?维持(?:原)?(?:行政行为|具体行政行为|决定|复议决定)?{n}")),
            corrected: re(&format!(r"(?:结果)?(?:被)?纠正{n}")),
        }
    })
}

/// Words that make a sentence speak for a part of the body, or of something else.
const PARTIAL: [&str; 8] = [
    "其中",
    "代表",
    "各部门",
    "各单位",
    "下属",
    "指导",
    "12345",
    "热线",
];

fn number(s: &str) -> Option<i128> {
    s.parse().ok()
}

/// The sentences of the prose (split at 。；;, in simplified script, blanks taken out) that may
/// state a figure, each with its paragraph's place. A sentence that cannot (see
/// [`may_claim`]) is neither converted nor copied. Splitting before converting changes
/// nothing: the converter matches dictionary keys left to right, and no key holds 。；;.
fn sentences(report: &Report) -> Vec<(String, Place)> {
    let mut out = Vec::new();
    for (text, place) in &report.prose {
        let normal = crate::read::normalize::nfkc_cow(text);
        for raw in normal.split(['。', '；', ';']) {
            if !may_claim(raw) {
                continue;
            }
            let simple = crate::read::normalize::to_simplified_cow(raw);
            let s: String = simple.split_whitespace().collect();
            if !s.is_empty() {
                out.push((s, *place));
            }
        }
    }
    out
}

/// Whether [`claims`] may find a figure in sentence `s`, read before or after conversion to
/// simplified script and with or without its blanks: every figure has a digit and every denial
/// a 行 (行政复议 / 行政诉讼), and conversion makes neither (no OpenCC entry adds one).
fn may_claim(s: &str) -> bool {
    s.contains('行') || s.chars().any(is_digit)
}

/// `\d` of the patterns: any decimal digit. `is_numeric` covers them all (its table is skipped
/// for ASCII and the CJK ideographs, none of which is numeric but the digits).
fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        !('\u{4E00}'..='\u{9FFF}').contains(&c) && c.is_numeric()
    }
}

/// Whether digits are followed at once by a counting word (件, 条 …): every figure pattern
/// needs that.
fn states_a_count(s: &str) -> bool {
    let mut after_digit = false;
    for c in s.chars() {
        // Blanks are passed over: the same answer with or without them.
        if c.is_whitespace() {
            continue;
        }
        if after_digit && matches!(c, '件' | '条' | '个' | '宗' | '份' | '项' | '起') {
            return true;
        }
        after_digit = is_digit(c);
    }
    false
}

/// A figure a sentence states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Applications received (this year's, or with those carried over).
    Received(i128),
    /// Applications answered or concluded.
    Answered(i128),
    /// Applications carried forward to next year.
    Forward(i128),
    Reviews(i128),
    Suits(i128),
    /// "There was no administrative review."
    NoReview,
    /// "There was no lawsuit."
    NoSuit,
    /// Applications carried over from last year.
    CarriedOver(i128),
    /// A count of table 二 (its cell's key).
    Table2(&'static str, i128),
    /// 行政事业性收费, 万元.
    Fees(crate::value::Decimal),
    /// Reviews (`suits` false) or lawsuits with a result.
    Results {
        suits: bool,
        result: T4Result,
        n: i128,
    },
}

/// The first number a pattern's groups caught (patterns with alternatives have one group
/// each).
fn caught(c: &regex::Captures) -> Option<i128> {
    c.iter().skip(1).flatten().find_map(|m| number(m.as_str()))
}

/// The results a sentence about one kind of case states ("行政复议3件，其中维持2件、纠正1件"):
/// read only when it names reviews or lawsuits, not both, and its only word of a part (其中)
/// comes after that name.
fn results(s: &str, p: &Patterns) -> Vec<Claim> {
    let (review, suit) = (s.find("行政复议"), s.find("行政诉讼"));
    let (suits, at) = match (review, suit) {
        (Some(at), None) => (false, at),
        (None, Some(at)) => (true, at),
        _ => return vec![],
    };
    let partial_before = PARTIAL
        .iter()
        .any(|w| s.find(w).is_some_and(|i| *w != "其中" || i < at));
    if partial_before {
        return vec![];
    }
    let tail = &s[at..];
    if !tail.contains("维持") && !tail.contains("纠正") {
        return vec![];
    }
    let mut out = Vec::new();
    for (re, result) in [
        (&p.upheld, T4Result::Upheld),
        (&p.corrected, T4Result::Corrected),
    ] {
        if let Some(n) = re.captures(tail).as_ref().and_then(caught) {
            out.push(Claim::Results { suits, result, n });
        }
    }
    out
}

/// The figures a sentence (simplified script, NFKC, no whitespace) states; none when it speaks
/// for a part of the body.
pub fn claims(s: &str) -> Vec<Claim> {
    // Every figure is digits, every denial names 行政复议 or 行政诉讼: other sentences (most of
    // a page) state nothing, and need no pattern.
    if !states_a_count(s)
        && !s.contains("行政复议")
        && !s.contains("行政诉讼")
        && !s.contains("万元")
    {
        return vec![];
    }
    let p = patterns();
    let mut out = results(s, p);
    if PARTIAL.iter().any(|w| s.contains(w)) {
        return out;
    }
    let first = |re: &Regex, group: usize| re.captures(s).and_then(|c| number(&c[group]));
    out.extend(first(&p.received, 3).map(Claim::Received));
    out.extend(first(&p.answered, 1).map(Claim::Answered));
    out.extend(first(&p.forward, 1).map(Claim::Forward));
    out.extend(first(&p.review, 1).map(Claim::Reviews));
    out.extend(first(&p.suit, 1).map(Claim::Suits));
    // Each pattern holds its words: a sentence without them is not searched.
    if s.contains("上年") {
        out.extend(first(&p.carried_over, 1).map(Claim::CarriedOver));
    }
    let table2_words = ["规范性文件", "行政许可", "行政处罚", "行政强制"];
    if table2_words.iter().any(|w| s.contains(w)) {
        for (key, re) in &p.table2 {
            out.extend(
                re.captures(s)
                    .as_ref()
                    .and_then(caught)
                    .map(|n| Claim::Table2(key, n)),
            );
        }
    }
    if s.contains("收费") {
        out.extend(
            p.fees
                .captures(s)
                .and_then(|c| crate::value::Decimal::parse_plain(&c[1]))
                .map(Claim::Fees),
        );
    }
    for c in p.none.captures_iter(s) {
        out.push(if &c["what"] == "行政复议" {
            Claim::NoReview
        } else {
            Claim::NoSuit
        });
        // 没有…行政复议及行政诉讼: the denial covers both.
        if s.contains("行政复议") && s.contains("行政诉讼") {
            out.extend([Claim::NoReview, Claim::NoSuit]);
        }
    }
    out.sort_by_key(|c| format!("{c:?}"));
    out.dedup();
    out
}

/// Compare the prose's figures with tables 三 and 四.
pub fn check(report: &Report, sink: &mut Sink) {
    let t3 = |row: T3Row| {
        report
            .t3
            .as_ref()
            .and_then(|t| t.get(row, T3Col::Total).number())
            .and_then(|d| d.as_int())
    };
    let t4 = |block: T4Block| {
        report
            .t4
            .as_ref()
            .and_then(|t| t.get(block, T4Result::Total).number())
            .and_then(|d| d.as_int())
    };
    let new = t3(T3Row::NewReceived);
    let carried = t3(T3Row::CarriedOver);
    let with_carried = new.zip(carried).map(|(a, b)| a + b);
    let processed = t3(T3Row::TotalProcessed);
    let forward = t3(T3Row::CarriedForward);
    let reviews = t4(T4Block::Review);
    let suits = t4(T4Block::SuitDirect)
        .zip(t4(T4Block::SuitAfterReview))
        .map(|(a, b)| a + b);
    let t2 = |key: &str| {
        report
            .t2
            .as_ref()
            .and_then(|t| t.get(key))
            .and_then(|e| e.number())
    };
    let result = |suits: bool, r: T4Result| {
        let cell = |b: T4Block| {
            report
                .t4
                .as_ref()
                .and_then(|t| t.get(b, r).number())
                .and_then(|d| d.as_int())
        };
        if suits {
            cell(T4Block::SuitDirect)
                .zip(cell(T4Block::SuitAfterReview))
                .map(|(a, b)| a + b)
        } else {
            cell(T4Block::Review)
        }
    };
    let mut seen = std::collections::BTreeSet::new();
    for (s, place) in sentences(report) {
        for claim in claims(&s) {
            // The cell and what is said of it, where the table disagrees.
            let found: Option<(CellRef, ProseClaim)> = match claim {
                Claim::Received(n) => new.filter(|&t| n != t && Some(n) != with_carried).map(|t| {
                    let carried = carried.unwrap_or(0);
                    (
                        cells::NEW_RECEIVED,
                        ProseClaim::Received {
                            said: n,
                            table: t,
                            carried,
                        },
                    )
                }),
                Claim::Answered(n) => processed
                    .filter(|&t| n != t && Some(n) != new && Some(n) != with_carried)
                    .map(|t| {
                        (
                            cells::TOTAL_PROCESSED,
                            ProseClaim::Answered { said: n, table: t },
                        )
                    }),
                Claim::Forward(n) => forward.filter(|&t| n != t).map(|t| {
                    (
                        cells::CARRIED_FORWARD,
                        ProseClaim::Forward { said: n, table: t },
                    )
                }),
                Claim::Reviews(n) => reviews.filter(|&t| n != t).map(|t| {
                    (
                        cells::REVIEW_TOTAL,
                        ProseClaim::Reviews { said: n, table: t },
                    )
                }),
                Claim::Suits(n) => suits.filter(|&t| n != t).map(|t| {
                    (
                        cells::SUIT_DIRECT_TOTAL,
                        ProseClaim::Suits { said: n, table: t },
                    )
                }),
                Claim::NoReview => reviews
                    .filter(|&t| t > 0)
                    .map(|t| (cells::REVIEW_TOTAL, ProseClaim::NoReview { table: t })),
                Claim::NoSuit => suits
                    .filter(|&t| t > 0)
                    .map(|t| (cells::SUIT_DIRECT_TOTAL, ProseClaim::NoSuit { table: t })),
                Claim::CarriedOver(n) => carried.filter(|&t| n != t).map(|t| {
                    (
                        cells::CARRIED_OVER,
                        ProseClaim::CarriedOver { said: n, table: t },
                    )
                }),
                Claim::Table2(key, n) => t2(key)
                    .and_then(|d| d.as_int())
                    .filter(|&t| n != t)
                    .and_then(|t| {
                        let cell = crate::template::cell_refs()
                            .iter()
                            .copied()
                            .find(|c| c.key() == key)?;
                        Some((
                            cell,
                            ProseClaim::Table2 {
                                key: key.to_string(),
                                said: n,
                                table: t,
                            },
                        ))
                    }),
                Claim::Fees(said) => t2(cells::FEES.key().as_str())
                    .filter(|t| t.checked_sub(said).is_some_and(|d| !d.is_zero()))
                    .map(|table| (cells::FEES, ProseClaim::Fees { said, table })),
                Claim::Results {
                    suits: is_suit,
                    result: r,
                    n,
                } => result(is_suit, r).filter(|&t| n != t).map(|t| {
                    let block = if is_suit {
                        T4Block::SuitDirect
                    } else {
                        T4Block::Review
                    };
                    (
                        CellRef::T4(block, r),
                        ProseClaim::Results {
                            suits: is_suit,
                            result: r,
                            said: n,
                            table: t,
                        },
                    )
                }),
            };
            if let Some((cell, said)) = found {
                if seen.insert((cell.key(), s.clone())) {
                    let figure = format!("{claim:?}");
                    sink.push_at(
                        Check::NarrativeMismatch,
                        vec![cell.key()],
                        Some(place),
                        Said::Prose {
                            quote: quote(&s),
                            claim: said,
                        },
                    )
                    .facts = vec![figure];
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::extract::text;
    use crate::template::parse;

    /// The findings for a report made of `prose` and a table 三/四 with the given totals.
    fn mismatches(prose: &str, new: u32, carried: u32, reviews: u32, suits: u32) -> Vec<String> {
        let row = |label: &str, v: u32| format!("{label}\t{v}\t0\t0\t0\t0\t0\t{v}\n");
        let t3 = format!(
            "{}{}（一）予以公开\t{}\t0\t0\t0\t0\t0\t{}\n（七）总计\t{}\t0\t0\t0\t0\t0\t{}\n{}",
            row("一、本年新收政府信息公开申请数量", new),
            row("二、上年结转政府信息公开申请数量", carried),
            new + carried,
            new + carried,
            new + carried,
            new + carried,
            row("四、结转下年度继续办理", 0)
        );
        let t4 = format!(
            "行政复议\n{reviews}\t0\t0\t0\t{reviews}\t{suits}\t0\t0\t0\t{suits}\t0\t0\t0\t0\t0\n"
        );
        let report = parse(&text::extract(&format!("{prose}\n{t3}{t4}")), "x");
        let mut sink = Sink::new("x", "x");
        check(&report, &mut sink);
        sink.findings.iter().map(|f| f.cells.join(";")).collect()
    }

    fn read(s: &str) -> Vec<Claim> {
        let s = crate::read::normalize::to_simplified(&crate::read::normalize::nfkc(s));
        claims(&s.split_whitespace().collect::<String>())
    }

    /// Sentences split before conversion give the claims that converting whole paragraphs gave.
    #[test]
    fn sentences_are_converted_one_by_one_with_the_same_claims() {
        let prose =
            "本年度，本機關共收到政府信息公開申請 12 件；辦結10件。上年結轉2件，結轉下年度4件；\
                     沒有行政複議及行政訴訟。全年工作平穩有序，\u{3000}新增公開目錄3個。\n\
                     2023年共收到申请5条；行政复议1件，行政诉讼0件。没有 行政 复议";
        let report = parse(&text::extract(prose), "x");
        assert!(!report.prose.is_empty());
        let whole: Vec<Vec<Claim>> = report
            .prose
            .iter()
            .flat_map(|(text, _)| {
                crate::read::normalize::to_simplified(&crate::read::normalize::nfkc(text))
                    .split(['。', '；', ';'])
                    .map(|s| claims(&s.split_whitespace().collect::<String>()))
                    .collect::<Vec<_>>()
            })
            .filter(|c| !c.is_empty())
            .collect();
        let one_by_one: Vec<Vec<Claim>> = sentences(&report)
            .iter()
            .map(|(s, _)| claims(s))
            .filter(|c| !c.is_empty())
            .collect();
        assert!(whole.len() >= 4, "{whole:?}");
        assert_eq!(one_by_one, whole);
    }

    #[test]
    fn figures_read_from_sentences_of_real_reports() {
        use Claim::*;
        let cases: [(&str, &[Claim]); 14] = [
            // 平潭 经济发展局 (jjf): none received.
            ("2023年，共收到政府信息公开申请0条", &[Received(0)]),
            ("2023年，没有政府信息公开行政复议及行政诉讼情况", &[NoReview, NoSuit]),
            // 平潭 管委会办公室 (gwh).
            ("2023年接收通过邮寄、网络提交的各类政府信息公开申请21件，主要涉及征地拆迁、统计信息等方面，21件公开申请均在法定时限内办理，办结率100%", &[Received(21)]),
            // 平潭 行政审批局 (hzs).
            ("收到公民、法人和其他组织政府信息公开申请7件，按照《条例》要求，及时规范答复7件", &[Answered(7), Received(7)]),
            ("从申请方式看，网络申请3件，占43%", &[]),
            ("因依申请公开引发行政复议1起、行政诉讼1起，分别被驳回行政复议申请和裁定按照撤诉处理", &[Reviews(1), Suits(1)]),
            // 平潭 金井片区 (jjp).
            ("本年度收到依申请公开事项1项，已在规定时限内答复并办结", &[Received(1)]),
            // 平潭 交通与建设局 (jtj); its 12345 hotline is not disclosure.
            ("全年我局共收到政府信息公开申请14件，均为网络申请，申请内容主要涉及物业管理、公共收益", &[Received(14)]),
            ("2023年，我局通过关联12345平台受理群众政策解答、维权服务等方面的诉求累计受理3519件，全部办结", &[]),
            // 平潭 社会事业局 (shs): documents, not applications.
            ("全年印发公文类政府信息共514条，其中主动公开信息数130，依申请公开信息数363条，不予公开21条", &[]),
            // The zone's aggregate.
            ("2023年全区接收通过邮寄、网络提交的各类政府信息公开申请共计81件，涉及自然人80件、商业企业1件", &[Received(81)]),
            ("因政府信息公开引起的行政复议案件2件、行政诉讼案件7件", &[Reviews(2), Suits(7)]),
            // The seed, in traditional script.
            ("累計收到政府信息公開申請2件,都已及時準確地進行了答復", &[Received(2)]),
            // 洪泽区: the office speaks for the district government's share only.
            ("2024年，区政府办代表区政府受理政府信息公开申请17件，均已在法定期限内予以答复", &[]),
        ];
        for (sentence, want) in cases {
            let mut want = want.to_vec();
            want.sort_by_key(|c| format!("{c:?}"));
            assert_eq!(read(sentence), want, "{sentence}");
        }
    }

    #[test]
    fn real_sentences_read_as_their_figures() {
        // (sentence from a real report, table figures: new, carried over, reviews, suits,
        // cells that must disagree)
        type Case = (&'static str, u32, u32, u32, u32, &'static [&'static str]);
        let cases: [Case; 12] = [
            // jjf: the prose says none, the table says 3.
            ("2023年，共收到政府信息公开申请0条。", 3, 0, 0, 0, &["t3.new_received.total"]),
            ("2023年，共收到政府信息公开申请0条。", 0, 0, 0, 0, &[]),
            // The seed, in traditional script.
            ("累計收到政府信息公開申請2件,都已及時準確地進行了答復。", 2, 0, 0, 0, &[]),
            ("累計收到政府信息公開申請2件,都已及時準確地進行了答復。", 5, 0, 0, 0, &["t3.new_received.total"]),
            // hzs: received and answered, a review and a lawsuit.
            (
                "收到公民、法人和其他组织政府信息公开申请7件，按照《条例》要求，及时规范答复7件。因依申请公开引发行政复议1起、行政诉讼1起。",
                7, 0, 1, 1, &[],
            ),
            (
                "收到公民、法人和其他组织政府信息公开申请7件，按照《条例》要求，及时规范答复7件。因依申请公开引发行政复议1起、行政诉讼1起。",
                7, 0, 2, 1, &["t4.review.total"],
            ),
            // The zone: received includes last year's.
            ("2023年全区接收通过邮寄、网络提交的各类政府信息公开申请共计81件，涉及自然人80件、商业企业1件。", 79, 2, 0, 0, &[]),
            // jjp: 事项 … 项.
            ("本年度收到依申请公开事项1项，已在规定时限内答复并办结。", 1, 0, 0, 0, &[]),
            ("本年度收到依申请公开事项1项，已在规定时限内答复并办结。", 4, 0, 0, 0, &["t3.new_received.total"]),
            // 洪泽区: the office speaks for itself, not the district: not read.
            ("2024年，区政府办代表区政府受理政府信息公开申请17件，均已在法定期限内予以答复。", 95, 0, 0, 0, &[]),
            // jtj: the 12345 hotline is not disclosure applications.
            ("2023年，我局通过关联12345平台受理群众政策解答、维权服务等方面的诉求累计受理3519件，全部办结。", 12, 0, 0, 0, &[]),
            // "None" while table 四 has cases.
            ("2023年，没有政府信息公开行政复议及行政诉讼情况。", 0, 0, 1, 0, &["t4.review.total"]),
        ];
        for (prose, new, carried, reviews, suits, want) in cases {
            let got = mismatches(prose, new, carried, reviews, suits);
            let want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
            assert_eq!(
                got, want,
                "{prose} (new {new}, carried {carried}, reviews {reviews}, suits {suits})"
            );
        }
    }

    #[test]
    fn table_two_carried_over_fees_and_results_are_read() {
        use crate::value::Decimal;
        use Claim::*;
        let cases: [(&str, Vec<Claim>); 8] = [
            (
                "2023年，我局制定规范性文件5件，全部完成图文解读",
                vec![Table2("t2.normative.issued", 5)],
            ),
            (
                "本年度废止规范性文件2件，现行有效规范性文件30件",
                vec![
                    Table2("t2.normative.in_force", 30),
                    Table2("t2.normative.repealed", 2),
                ],
            ),
            ("清理并集中发布现行有效行政规范性文件393件", vec![]),
            (
                "全年办理行政许可事项1234件，作出行政处罚决定56件",
                vec![Table2("t2.licensing", 1234), Table2("t2.punishment", 56)],
            ),
            ("上年结转政府信息公开申请3件", vec![CarriedOver(3)]),
            (
                "行政事业性收费共计12.50万元",
                vec![Fees(Decimal::new(1250, 2))],
            ),
            (
                "行政复议3件，其中维持2件、纠正1件",
                vec![
                    Results {
                        suits: false,
                        result: T4Result::Corrected,
                        n: 1,
                    },
                    Results {
                        suits: false,
                        result: T4Result::Upheld,
                        n: 2,
                    },
                ],
            ),
            ("各部门行政诉讼5件，维持5件", vec![]),
        ];
        for (sentence, want) in cases {
            let mut want = want;
            want.sort_by_key(|c| format!("{c:?}"));
            let mut got = read(sentence);
            got.sort_by_key(|c| format!("{c:?}"));
            assert_eq!(got, want, "{sentence}");
        }
    }

    #[test]
    fn counting_words_after_any_digit() {
        // The shortcut's ranges hold no numeric character but the ASCII digits.
        for c in ('\0'..='\u{7f}').chain('\u{4E00}'..='\u{9FFF}') {
            assert_eq!(c.is_numeric(), c.is_ascii_digit(), "{c:?}");
        }
        assert!(states_a_count("收到申请12件"));
        assert!(states_a_count("收到申请１２件"));
        assert!(states_a_count("收到申请٣件"));
        assert!(!states_a_count("收到申请十二件"));
        assert!(states_a_count("收到申请 12 件"));
        // A sentence that may state a figure, as read with its blanks.
        assert!(may_claim("没有 行政 复议"));
        assert!(may_claim("共收到 3\u{3000}件"));
        assert!(!may_claim("本机关 工作 总体 平稳"));
        assert!(!states_a_count("2023年"));
    }
}
