//! Every finding's words, in Chinese and English, made from its facts ([`Said`]): one arm per
//! kind of finding, and the only place a finding's text is made. Cells are named by the
//! template's labels (`表三“（二）部分公开”行“总计”列`), never by their keys.

use super::said::{Blank, ChosenBy, DuplicateRole, NotSummed, ProseClaim, Said};
use super::Message;
use crate::read::extract::pdf::PdfNotice;
use crate::template::keys::{T3Row, T4Result};
use crate::template::wording::{cell_label, cells_label};

/// Characters of a sentence quoted in a message, at most.
const QUOTE_CHARS: usize = 80;

/// A sentence as a message quotes it: its first [`QUOTE_CHARS`] characters.
pub fn quote(s: &str) -> String {
    let q: String = s.chars().take(QUOTE_CHARS).collect();
    if s.chars().count() > QUOTE_CHARS {
        format!("{q}…")
    } else {
        q
    }
}

/// What a finding with these facts says.
pub fn message(said: &Said) -> Message {
    let (zh, en) = words(said);
    Message::new(zh, en)
}

/// A row's label without the long explanation in brackets (`（二）部分公开`).
fn row_name(row: T3Row) -> &'static str {
    let label = row.label();
    label.find("（区分").map_or(label, |i| &label[..i])
}

/// `1+0+2`.
fn terms(v: &[i128]) -> String {
    v.iter()
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join("+")
}

/// Table 二, 三, 四 by number.
fn table_zh(table: u8) -> &'static str {
    match table {
        2 => "二",
        3 => "三",
        4 => "四",
        _ => "？",
    }
}

/// `1, 3`.
fn pages(p: &[usize]) -> String {
    p.iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn year_or(year: Option<i32>, none: &str) -> String {
    year.map_or(none.to_string(), |y| y.to_string())
}

/// Why a body's file is not summed, for a clerk.
pub fn not_summed(why: &NotSummed) -> (String, String) {
    match why {
        NotSummed::Unread => ("文件无法读取".into(), "it could not be read".into()),
        NotSummed::TwoReports => (
            "文件中有两份不同的报告".into(),
            "it holds two different reports".into(),
        ),
        NotSummed::OtherYear(y) => (
            format!("是{}年度报告", year_or(*y, "其他")),
            format!("it is the {} report", year_or(*y, "another year's")),
        ),
        NotSummed::Duplicate => (
            "同一单位另有较新的报告".into(),
            "a newer report of the same unit is summed".into(),
        ),
    }
}

/// The Chinese and the English sentence.
fn words(said: &Said) -> (String, String) {
    use Said::*;
    match said {
        // ---- A file that could not be read.
        EmptyFile => ("文件为空".into(), "empty file".into()),
        CannotRead { error } => (
            format!("无法读取文件：{error}"),
            format!("cannot read the file: {error}"),
        ),
        TooLarge { size, limit } => (
            format!("文件过大（{size} 字节，上限 {limit} 字节），未读取"),
            format!("file too large ({size} bytes, limit {limit} bytes); not read"),
        ),
        GrewWhileRead => (
            "文件在读取时超过大小上限".into(),
            "file grew past the size limit while being read".into(),
        ),
        Docx(e) => e.messages(),
        Doc(e) => e.messages(),
        Workbook(e) => e.messages(),
        NameMismatch { extension, format } => {
            let (zh, en) = match format.as_str() {
                "html" => ("网页", "a web page"),
                "text" => ("文本", "text"),
                "docx" => ("Word 文档（.docx）", "a Word document (.docx)"),
                "doc" => ("Word 97–2003 文档（.doc）", "a Word 97–2003 document (.doc)"),
                "workbook" => ("表格（工作簿）", "a workbook"),
                "pdf" => ("PDF", "a PDF"),
                _ => ("其他格式", "another format"),
            };
            (
                format!("文件扩展名为 .{extension}，内容实为{zh}，已按{zh}读取"),
                format!("the file is named .{extension} but holds {en}; read as {en}"),
            )
        }
        Pdf(e) => e.messages(),
        OldBinaryDocument => (
            "旧版二进制文档（.doc/.wps/.xls）无法读取，请另存为 .docx（或网页、文本）后重新提交".into(),
            "old binary document (.doc/.wps/.xls) cannot be read: save it as .docx (or a web page or text) and submit it again".into(),
        ),
        BinaryData => (
            "文件是二进制数据，不是文本或网页".into(),
            "binary data, not text or a web page".into(),
        ),
        NotText => (
            "文件内容无法识别为文字（乱码或二进制）".into(),
            "content does not decode to text (binary or unknown encoding)".into(),
        ),
        TimeLimit { what } => crate::read::budget::messages(what),
        Internal { format, panic } => (
            format!("内部错误：读取此{format}文件时本工具出错（{panic}），文件未读取；请将此文件交给维护人员"),
            format!("internal error: the tool failed while reading this {format} file ({panic}); not read — please send the file to the maintainers"),
        ),
        NoReportTable => (
            "未找到任何可读的报告表格，文件不像是政府信息公开年度报告".into(),
            "no readable report table: this does not read as an annual disclosure report".into(),
        ),

        ScannedTablePages { pages: p } => (
            format!("第 {} 页是扫描图像，没有文字层；其余各页的表格不完整，本报告未计入汇总（表格可能在扫描页上）：请提供可复制文字的 PDF，或 Word、网页版", pages(p)),
            format!("page(s) {} are scanned images with no text layer and the other pages' tables are incomplete, so the report is not summed (the tables may be on the scanned pages): send a PDF with a text layer, or the Word or web version", pages(p)),
        ),

        // ---- Doubts about the reading.
        TooManyRows { all, max } => (
            format!("文件有 {all} 行（段），远多于一份报告，只读取了前 {max} 行"),
            format!("the file has {all} lines or paragraphs, far more than a report: only the first {max} were read"),
        ),
        NestingCapped { cap, dropped } => (
            format!("网页的标签嵌套超过 {cap} 层，更深的 {dropped} 个标签已忽略（文字保留）；表格若在其中，可能读不完整"),
            format!("the page nests tags deeper than {cap} levels: {dropped} deeper tags were ignored (their text kept); a table among them may read incompletely"),
        ),
        TooManyTags { max } => (
            format!("网页有超过 {max} 个标签，远多于一份报告，只读取了前 {max} 个标签及其间的文字"),
            format!("the page has more than {max} tags, far more than a report: only the first {max} tags and the text among them were read"),
        ),
        CharsetDeclared { declared, actual } => (
            format!("网页声明的编码为{declared}，实际内容为{actual}，已按{actual}读取"),
            format!("the page declares charset {declared} but its content is {actual}; read as {actual}"),
        ),
        Undecodable { encoding, count } => (
            format!("按{encoding}解码时有{count}处无法识别的字节"),
            format!("{count} undecodable byte sequence(s) when reading as {encoding}"),
        ),
        PdfNotice(n) => pdf_notice(n),

        // ---- Discovery.
        Unreachable { dangling, error } => {
            let (zh, en) = if *dangling {
                (
                    "链接指向的文件不存在或无法读取",
                    "a link whose target is missing or unreadable",
                )
            } else {
                ("无法读取", "cannot be read")
            };
            (format!("{zh}：{error}"), format!("{en}: {error}"))
        }
        NotAFile => (
            "不是普通文件或文件夹，已跳过".into(),
            "not a regular file or folder; passed over".into(),
        ),
        FolderLoop { path } => (
            format!("文件夹循环：{path} 指回其上级文件夹，未重复读取"),
            format!("directory loop: {path} leads back to a folder above it; not read again"),
        ),
        FolderEntryUnreadable { error } => (
            format!("文件夹中有无法读取的条目：{error}"),
            format!("an entry of this folder cannot be read: {error}"),
        ),
        FolderUnreadable { error } => (
            format!("无法读取文件夹：{error}"),
            format!("cannot read folder: {error}"),
        ),

        // ---- The report's own checks.
        SecondCopy { same: true } => (
            "文件中同一份报告出现了两次（第二份表三、表四的数字与第一份相同），只计入一次".into(),
            "the file holds the same report twice (the second tables 三 and 四 repeat the first); summed once".into(),
        ),
        SecondCopy { same: false } => (
            "文件中有两份报告（第二份表三的数字与第一份不同），无法确定应计入哪一份，未计入合计；请一个文件只放一份报告".into(),
            "the file holds two reports (a second table 三 with other numbers); which one counts cannot be known, so the file is not summed — put one report in each file".into(),
        ),
        RowSum { row, total, parts } => {
            let sum: i128 = parts.iter().sum();
            let (name, terms) = (row_name(*row), terms(parts));
            (
                format!("表三“{name}”行：总计{total}，但各类申请人之和为{sum}（{terms}）"),
                format!("table 3 row “{name}”: total {total} but the applicant columns sum to {sum} ({terms})"),
            )
        }
        ResultSum { col, processed, sum } => (
            format!("表三“{}”列：（七）总计为{processed}，但各办理结果之和为{sum}", col.label()),
            format!("table 3 column “{}”: （七）总计 (processed) {processed} but the result rows sum to {sum}", col.label()),
        ),
        Balance { col, new, over, done, forward } => (
            format!("表三“{}”列不平衡：新收{new}+上年结转{over}={}，而办理总计{done}+结转下年{forward}={}", col.label(), new + over, done + forward),
            format!("table 3 column “{}” does not balance: new {new} + carried over {over} = {}, but processed {done} + carried forward {forward} = {}", col.label(), new + over, done + forward),
        ),
        Unanswered { new, over, done, forward } => {
            let open = new + over - done - forward;
            (
                format!("有{open}件申请既未办结也未结转下年（{new}+{over}−{done}−{forward}）"),
                format!("{open} application(s) neither answered nor carried forward ({new}+{over}−{done}−{forward})"),
            )
        }
        T4Sum { block, total, parts } => {
            let sum: i128 = parts.iter().sum();
            let terms = terms(parts);
            (
                format!("表四“{}”：总计{total}，但维持、纠正、其他、未审结之和为{sum}（{terms}）", block.label()),
                format!("table 4 “{}”: total {total} but upheld+corrected+other+pending = {sum} ({terms})", block.label()),
            )
        }
        SectionMissing { parts } => {
            let names: Vec<&str> = parts
                .iter()
                .filter_map(|&p| crate::template::sections::PARTS.get(p).copied())
                .collect();
            (
                format!("报告缺少{}个部分：{}（年度报告应有六个部分）", names.len(), names.join("、")),
                format!("the report lacks {} of its six parts: {}", names.len(), names.join(", ")),
            )
        }
        CasesMismatch { block, result, table, register, cases } => {
            let listed = if cases.is_empty() {
                "登记中没有此类案件".to_string()
            } else {
                format!("案号：{}", cases.join("、"))
            };
            (
                format!("表四“{}”“{}”为{table}件，而司法局案件登记为{register}件（{listed}）；请核实", block.label(), result.label()),
                format!("table 4 \"{}\" \"{}\" has {table}, but the 司法局's register has {register} ({}); please verify", block.label(), result.label(), if cases.is_empty() { "none registered".to_string() } else { cases.join(", ") }),
            )
        }
        PublishedLate { on, source, due, days } => (
            format!("报告于{on}发布（据{}），晚于截止日期{due}，逾期{days}天", source.zh()),
            format!("published on {on} (per the {}), {days} day(s) after its deadline {due}", match source {
                crate::template::dated::DateSource::Meta => "page's publication-date meta",
                crate::template::dated::DateSource::Page => "date under the page's title",
                crate::template::dated::DateSource::Roster => "roster",
            }),
        ),
        ScanDoubtful { pages: p, cells, failing, tables } => {
            let listed: Vec<String> = cells
                .iter()
                .take(super::said::MAX_NAMED)
                .map(|d| {
                    let (k, read, conf) = (&d.key, &d.read, d.conf);
                    let name = cell_label(k);
                    if read.is_empty() {
                        format!("{name}有字迹但未识别出数字")
                    } else {
                        format!("{name}读作“{read}”（置信度{conf}%）")
                    }
                })
                .collect();
            let more = cells.len().saturating_sub(super::said::MAX_NAMED);
            let mut zh = format!("第 {} 页是扫描图像，经文字识别", pages(p));
            let mut en = format!("page(s) {} are scanned images, read by OCR", pages(p));
            if !cells.is_empty() {
                zh.push_str(&format!("，{}个单元格识别不确定：{}{}", cells.len(), listed.join("；"), if more > 0 { format!("；另有{more}个") } else { String::new() }));
                en.push_str(&format!("; {} cell(s) doubtful", cells.len()));
            }
            if !failing.is_empty() {
                let ids: Vec<&str> = failing.iter().map(|c| c.id()).collect();
                zh.push_str(&format!("；识别结果有{}项勾稽关系不成立（{}）", failing.len(), ids.join("、")));
                en.push_str(&format!("; {} check(s) fail on what was read ({})", failing.len(), ids.join(", ")));
            }
            if *tables < 3 {
                zh.push_str(&format!("；只读出{tables}张表"));
                en.push_str(&format!("; only {tables} table(s) read"));
            }
            zh.push_str("。该报告未计入合计：请对照原件核对，或请单位提供带文字层的 PDF、Word 或网页版");
            en.push_str(". Not summed: check against the original, or ask for a PDF with a text layer, the Word or the web version");
            (zh, en)
        }
        ImprovementEmpty { text } => {
            let said = if text.trim().is_empty() {
                "为空".to_string()
            } else {
                format!("只写了“{}”", text.trim())
            };
            (
                format!("第五部分“存在的主要问题及改进情况”{said}，应写明存在的问题和改进措施"),
                format!("part 五 (problems and improvements) is {}: it should state the problems and what is done about them", if text.trim().is_empty() { "empty".to_string() } else { format!("only \"{}\"", text.trim()) }),
            )
        }
        OldFormatCited { year } => (
            format!("{year}年度报告引用了已被替代的国办公开办函〔2019〕60号，应按国办公开办函〔2021〕30号的格式编制"),
            format!("a {year} report cites the 2019 notice (国办公开办函〔2019〕60号), replaced by 国办公开办函〔2021〕30号 and its format"),
        ),
        AssessmentNotStated { missing } => (
            format!("本级政府的年度报告未说明政府信息公开工作的{}情况（《条例》第五十条）", missing.join("、")),
            format!("the government's own report does not state its {} (regulation art. 50)", missing.join(", ")),
        ),
        TableMissing { table } => (
            format!("未找到表{}", table_zh(*table)),
            format!("table {table} not found"),
        ),
        TemplateMixed { old_t2, old_t3, year } => {
            let zh: Vec<&str> = [(*old_t2, "表二（旧栏目）"), (*old_t3, "表三（六）其他处理未分项")]
                .into_iter()
                .filter_map(|(on, s)| on.then_some(s))
                .collect();
            let en: Vec<&str> = [
                (*old_t2, "table 2 (old columns)"),
                (*old_t3, "table 3 with other handling as one row"),
            ]
            .into_iter()
            .filter_map(|(on, s)| on.then_some(s))
            .collect();
            (
                format!("使用了2019年试行模板的表格：{}", zh.join("、")),
                format!(
                    "2019 trial-template tables in a {} report: {}",
                    year_or(*year, "2021-template"),
                    en.join(", ")
                ),
            )
        }
        FeeNotStated => (
            "报告第六部分未说明信息处理费收取情况".into(),
            "section 6 does not state the information processing fees (信息处理费) collected".into(),
        ),
        RowUnreadable { table, cells, why } => {
            let named = cells_label(cells);
            (
                format!("{named}无法确定：{}", why.zh_or_en()),
                format!("table {table}: {named} cannot be read: {}", why.en),
            )
        }
        CellUnreadable { table, cells, raw, why } => {
            let named = cells_label(cells);
            (
                format!("{named}无法读作数字：“{raw}”（{}）", why.zh_or_en()),
                format!("table {table}: {named} is not a valid number: \"{raw}\" ({})", why.en),
            )
        }
        BlankCells {
            table,
            runs,
            blank,
            absent,
            absent_cells,
        } => {
            let how_zh = |b: &Blank| match b {
                Blank::Blank => "空白".to_string(),
                Blank::Placeholder(raw) => format!("“{raw}”"),
            };
            let how_en = |b: &Blank| match b {
                Blank::Blank => "blank".to_string(),
                Blank::Placeholder(raw) => format!("“{raw}”").replace(['“', '”'], "\""),
            };
            let n = blank + absent;
            let mut zh = format!("表{}有{n}个单元格未填数字", table_zh(*table));
            let mut en = format!("table {table} has {n} cell(s) without a number");
            if *blank > 0 {
                let list_zh: Vec<String> = runs
                    .iter()
                    .map(|(how, ks)| format!("{}（{}）", cells_label(ks), how_zh(how)))
                    .collect();
                let list_en: Vec<String> = runs
                    .iter()
                    .map(|(how, ks)| format!("{} ({})", cells_label(ks), how_en(how)))
                    .collect();
                zh += &format!("：{}", list_zh.join("、"));
                en += &format!(": {}", list_en.join(", "));
            }
            if *absent > 0 && absent_cells.is_empty() {
                zh += &format!("；{absent}个单元格所在行未印出");
                en += &format!("; {absent} cell(s) in rows not printed");
            } else if *absent > 0 {
                let rows = cells_label(absent_cells);
                zh += &format!("；{absent}个单元格所在行未印出：{rows}");
                en += &format!("; {absent} cell(s) in rows not printed: {rows}");
            }
            zh += "（空白不计为0，不计入合计）";
            en += " (blank is not zero: not summed)";
            (zh, en)
        }
        Converted { cell, raw, value } => (
            format!("{}按元填写“{raw}”，已换算为{value}万元", cell_label(cell)),
            format!("{} printed in yuan \"{raw}\", converted exactly to {value} (10k yuan)", cell_label(cell)),
        ),
        CarriedForward { n } => (
            format!("有{n}件申请结转下年度继续办理"),
            format!("{n} application(s) still open at year end (carried forward)"),
        ),
        OtherHandlingHigh { other, processed } => {
            let pct = other * 100 / (*processed).max(1);
            (
                format!("“其他处理”{other}件，占办理总数{processed}件的{pct}%，超过20%"),
                format!("other handling {other} of {processed} processed ({pct}%) exceeds 20%"),
            )
        }
        NoApplications => (
            "本年度未收到政府信息公开申请".into(),
            "no applications this year".into(),
        ),
        T4Flag { block, result, n } => {
            let (zh, en) = match result {
                T4Result::Pending => ("尚未审结", "pending"),
                T4Result::Corrected => ("结果纠正", "corrected"),
                T4Result::Upheld => ("结果维持", "upheld"),
                T4Result::Other => ("其他结果", "other"),
                T4Result::Total => ("总计", "in all"),
            };
            (
                format!("表四“{}”{zh}{n}件", block.label()),
                format!("table 4 “{}”: {n} {en}", block.label()),
            )
        }
        Prose { quote, claim } => {
            let (zh, en) = prose_claim(claim);
            (
                format!("正文“{quote}”{zh}"),
                format!("the text \"{quote}\" {en}"),
            )
        }

        // ---- The roll-up's decisions.
        OtherYear { got, want, inferred } => (
            format!(
                "报告年度为{got}年，而汇总年度为{want}年{}；未计入合计",
                if *inferred { "（按多数报告推定）" } else { "" }
            ),
            format!(
                "report year {got} differs from the roll-up year {want}{}; not summed",
                if *inferred { " (the majority year)" } else { "" }
            ),
        ),
        FitsSeveral { unit, bodies, top } => (
            format!("“{unit}”可对应名册中多个单位（{}）；已计入{top}合计", bodies.join("、")),
            format!("\"{unit}\" fits several roster bodies ({}); summed into {top} only", bodies.join(", ")),
        ),
        NotOnRoster { unit, maybe: Some(body), top } => (
            format!("“{unit}”不在名册中，可能就是名册中没有报告的“{body}”：若是，请在名册中为“{body}”加上别名“{unit}”；本次已计入{top}合计"),
            format!("\"{unit}\" is not on the roster: did you mean \"{body}\" (on the roster, with no report)? If so, add \"{unit}\" to its aliases; summed into {top} only this time"),
        ),
        NotOnRoster { unit, maybe: None, top } => (
            format!("“{unit}”不在名册中；已计入{top}合计"),
            format!("\"{unit}\" is not on the roster; summed into {top} only"),
        ),
        OtherVersion { unit, year, used, chosen_by } => {
            let year = year_or(*year, "?");
            let (how_zh, how_en) = match chosen_by {
                ChosenBy::RosterFile => ("名册指定的文件", "the file the roster names"),
                ChosenBy::Newest => (
                    "--prefer newest（最后修改的文件）",
                    "--prefer newest (the file changed last)",
                ),
                ChosenBy::LastPath => (
                    "--prefer path（路径排在最后的文件）",
                    "--prefer path (the file last in path order)",
                ),
            };
            (
                format!("{unit}{year}年度报告的另一版本；按{how_zh}采用 {used}，本文件未计入合计"),
                format!("another version of the {year} report of {unit}: {used} is summed, chosen by {how_en}; this file is not summed"),
            )
        }
        Duplicate { unit, year, role } => {
            let year = year_or(*year, "?");
            match role {
                DuplicateRole::Newest { reports, others, unnamed } => {
                    let (more_zh, more_en) = if *unnamed > 0 {
                        (format!("等（另有{unnamed}份）"), format!(" and {unnamed} more"))
                    } else {
                        Default::default()
                    };
                    (
                        format!("{unit}{year}年度报告有{reports}份；本文件最新，计入合计，另有：{}{more_zh}（用哪一份请在名册的“文件”列写明，或加 --prefer newest|path）", others.join("、")),
                        format!("{reports} reports for {unit} {year}; this one is the newest and is summed; also: {}{more_en} (name the file to use in the roster's file column, or pass --prefer newest|path)", others.join(", ")),
                    )
                }
                DuplicateRole::Older { newer } => (
                    format!("{unit}{year}年度报告重复；未计入合计，采用较新的 {newer}"),
                    format!("duplicate report for {unit} {year}; not summed, the newer {newer} is used"),
                ),
            }
        }
        Missing { body, year, sent } => {
            let (sent_zh, sent_en) = match sent {
                Some((source, why)) => {
                    let (why_zh, why_en) = not_summed(why);
                    (
                        format!("（所交文件 {source} 未计入：{why_zh}）"),
                        format!(" (the file sent, {source}, is not summed: {why_en})"),
                    )
                }
                None => Default::default(),
            };
            (
                format!("名册中的{body}没有{}年度报告{sent_zh}", year_or(*year, "")),
                format!(
                    "no {} from {body} (on the roster){sent_en}",
                    year.map_or("report".to_string(), |y| format!("{y} report"))
                ),
            )
        }
        RulesNonzero { values } => {
            let listed: Vec<String> = values
                .iter()
                .map(|(k, v)| format!("{}为{v}", cell_label(k)))
                .collect();
            (
                format!("区级及以下单位无权制定规章，但表二“规章”填报了数字（{}）", listed.join("，")),
                format!("a body at district level or below makes no 规章 (rules), yet table 2 gives: {}", listed.join(", ")),
            )
        }
        TotalOverflow { cell } => (
            format!("合计的{}超出可精确计算的范围", cell_label(cell)),
            format!("the district total of {} is out of the exactly summable range", cell_label(cell)),
        ),
        CarriedIntoTotal { inner, check, units, all_units, levels, published, unnamed } => {
            let (zh, en) = words(inner);
            let more = all_units.saturating_sub(super::said::MAX_NAMED);
            let (more_zh, more_en) = if more > 0 {
                (format!("等{all_units}个单位"), format!(" and {more} more"))
            } else {
                Default::default()
            };
            let (subject_zh, subject_en, remedy_zh, remedy_en) = if *published {
                (
                    format!("{}（公布的汇总报告）", levels.join("、")),
                    format!("{} (the published aggregate)", levels.join(", ")),
                    "单位改正后请据以更正公布的汇总报告",
                    "correct the published aggregate once they are",
                )
            } else if *unnamed {
                (
                    "合计".to_string(),
                    "the district totals".to_string(),
                    "单位改正后即消除",
                    "it goes when they are corrected",
                )
            } else {
                (
                    format!("{}合计", levels.join("、")),
                    format!("{} totals", levels.join(", ")),
                    "单位改正后即消除",
                    "it goes when they are corrected",
                )
            };
            (
                format!("{subject_zh}：{zh}。这是{}{more_zh}报告中的同一错误（{}）带入的，{remedy_zh}，不另计错误", units.join("、"), check.id()),
                format!("{subject_en}: {en}. Carried from the same error ({}) in the reports of {}{more_en}; {remedy_en}, and is not an error of its own", check.id(), units.join(", ")),
            )
        }

        // ---- Last year.
        LastYearUnreadable { why } => {
            let lines: Vec<String> = why.iter().map(|s| message(s).line().to_string()).collect();
            (
                format!("上年报告无法读取，本年报告未能与之比较（{}）", lines.join("；")),
                format!("last year's report could not be read, so this year's is not compared with it ({})", lines.join("; ")),
            )
        }
        FeeUnitDoubtful { printed, value, government, limit } => {
            let body = if *government { "一级政府" } else { "一个部门、乡镇（街道）" };
            // 万元 → 亿元: four places left, exactly.
            let yi = crate::value::Decimal::new(value.mantissa(), value.scale().saturating_add(4)).plain();
            let as_yuan = value.yuan_to_10k().map_or_else(String::new, |d| d.plain());
            (
                format!("表二“行政事业性收费”金额填写“{printed}”，未注明单位：按万元计为{yi}亿元，超过{body}通常的{limit}万元，可能是按元填写（按元应为{as_yuan}万元）；请核实"),
                format!("table 2 fees printed \"{printed}\" with no unit: as 10k yuan that is {yi} hundred million yuan, above the {limit} (10k yuan) usual for {}; perhaps yuan (that would be {as_yuan}): please verify", if *government { "a government" } else { "a department, town or street" }),
            )
        }
        FeeImplausible { fee, applications } => (
            format!("全年只收到{applications}件申请，却收取了信息处理费{fee}（每月申请不超过10件的不收费，《政府信息公开信息处理费管理办法》第四条）；请核实"),
            format!("a 信息处理费 of {fee} in a year of {applications} application(s) (no fee for 10 or fewer a month: 《办法》 art. 4): please verify"),
        ),
        InForceImpossible {
            what,
            issued,
            repealed,
            in_force,
        } => (
            format!("表二“{what}”现行有效{in_force}件，少于本年制发{issued}件减本年废止{repealed}件，不可能；请核实"),
            format!("table 二 “{what}”: {in_force} in force is fewer than {issued} issued minus {repealed} repealed this year, which cannot be"),
        ),
        ProseCopied { last, parts } => {
            let names: Vec<String> = parts
                .iter()
                .map(|(p, pct)| {
                    let name = crate::template::sections::PARTS.get(*p).copied().unwrap_or("");
                    format!("“{name}”（相似度约{pct}%）")
                })
                .collect();
            let en: Vec<String> = parts
                .iter()
                .map(|(p, pct)| format!("part {} (about {pct}% alike)", ["一", "二", "三", "四", "五", "六"].get(*p).copied().unwrap_or("?")))
                .collect();
            (
                format!("{}与上年报告 {last} 基本相同（数字除外），内容雷同；请按本年实际情况撰写", names.join("、")),
                format!("{} much the same as last year's report {last} (figures aside): please write this year's", en.join(", ")),
            )
        }
        YearStatedAsLast { year, stated } => (
            format!("这是{year}年度报告，但正文的统计期限写的是{stated}年；请核实是否沿用了上年报告的文字"),
            format!("a {year} report whose statistics period says {stated}: last year's text kept?"),
        ),
        SameAsLastYear { last, cells } => (
            format!("表二至表四的{cells}个数字与上年报告（{last}）完全相同，可能是把上年的报告改了年份重报；请核实后重新填报本年数字"),
            format!("all {cells} numbers of tables 二–四 equal last year's report ({last}): last year's report sent again with this year's year? Check and fill in this year's figures"),
        ),
        CarryChain { last, cols } => {
            let zh: Vec<String> = cols
                .iter()
                .map(|(c, a, b)| format!("{}列本年“上年结转”{a}，上年“结转下年”{b}", c.label()))
                .collect();
            let en: Vec<String> = cols
                .iter()
                .map(|(c, a, b)| format!("“{}”: carried over {a}, last year's carried forward {b}", c.label()))
                .collect();
            (
                format!("与上年报告（{last}）不衔接：{}", zh.join("；")),
                format!("does not continue last year's report ({last}): {}", en.join("; ")),
            )
        }
        InForceChain { last, items } => {
            let zh: Vec<String> = items
                .iter()
                .map(|i| format!("{}现行有效{}件，而上年现行有效{}+本年制发{}−本年废止{}={}", i.name, i.in_force, i.before, i.issued, i.repealed, i.want))
                .collect();
            let en: Vec<String> = items
                .iter()
                .map(|i| format!("{}: in force {}, but last year's in force {} + issued {} − repealed {} = {}", i.name, i.in_force, i.before, i.issued, i.repealed, i.want))
                .collect();
            (
                format!("现行有效件数与上年（{last}）不衔接：{}", zh.join("；")),
                format!("in-force counts do not follow from last year's ({last}): {}", en.join("; ")),
            )
        }
        Tenfold { items } => {
            let zh: Vec<String> = items
                .iter()
                .map(|(name, then, now)| format!("{name}上年{then}，本年{now}"))
                .collect();
            let en: Vec<String> = items
                .iter()
                .map(|(name, then, now)| format!("{name}: {then} last year, {now} this year"))
                .collect();
            (
                format!("与上年相比变化超过十倍（请核实）：{}", zh.join("；")),
                format!("changed more than tenfold from last year (please verify): {}", en.join("; ")),
            )
        }

        // ---- The published aggregate.
        PublishedUnreadable => (
            "公布的汇总报告无法读取或没有可读的表格，未比较".into(),
            "the published aggregate could not be read or has no readable table; nothing compared".into(),
        ),
        PublishedDiffers { level, cell, told, summed, causes } => {
            let (why_zh, why_en) = if causes.is_empty() {
                Default::default()
            } else {
                (
                    format!("；可能相关：{}", causes.join("、")),
                    format!("; possibly explained by: {}", causes.join(", ")),
                )
            };
            (
                format!(
                    "{level}公布的{}为{told}，而各单位之和为{}{why_zh}",
                    cell_label(cell),
                    summed.as_deref().unwrap_or("（无数字）")
                ),
                format!(
                    "{level} published {} = {told}, but its units add up to {}{why_en}",
                    cell_label(cell),
                    summed.as_deref().unwrap_or("(no number)")
                ),
            )
        }
        PublishedIncomplete { missing, failed, short } => {
            let (whom_zh, whom_en) = match (missing, failed) {
                (0, f) => (format!("{f}个文件无法读取"), format!("{f} file(s) could not be read")),
                (m, 0) => (format!("名册中{m}个单位没有报告"), format!("{m} roster unit(s) have no report")),
                (m, f) => (
                    format!("名册中{m}个单位没有报告，{f}个文件无法读取"),
                    format!("{m} roster unit(s) have no report and {f} file(s) could not be read"),
                ),
            };
            (
                format!("汇总不完整（{whom_zh}）：{short}个单元格的各单位之和小于公布数，未逐一列为不一致"),
                format!("incomplete ({whom_en}): {short} cell(s) where the units add up to less than was published are not listed one by one"),
            )
        }

        // ---- The outputs.
        ViewsLimited { units, findings, view_units, view_findings } => (
            format!("共 {units} 份报告、{findings} 项问题：summary.md、report.html、district.xlsx 只列出前 {view_units} 份报告和前 {view_findings} 项问题；全部见 units.csv、units.parquet、findings.csv"),
            format!("{units} reports and {findings} findings: summary.md, report.html and district.xlsx list the first {view_units} reports and {view_findings} findings; all are in units.csv, units.parquet and findings.csv"),
        ),
        ViewFailed { file, error } => (
            format!("{file} 无法生成（{error}），未写出；其他输出均已写出"),
            format!("{file} could not be made ({error}) and was not written; every other output was"),
        ),
    }
}

fn prose_claim(claim: &ProseClaim) -> (String, String) {
    match claim {
        ProseClaim::Received { said: n, table: t, carried: k } => (
            format!("称收到申请{n}件，而表三本年新收{t}件（上年结转{k}件）"),
            format!("says {n} applications were received, but table 3 has {t} new (and {k} carried over)"),
        ),
        ProseClaim::Answered { said: n, table: t } => (
            format!("称办结/答复{n}件，而表三办理总计{t}件"),
            format!("says {n} were answered, but table 3 has {t} processed"),
        ),
        ProseClaim::Forward { said: n, table: t } => (
            format!("称结转下年{n}件，而表三结转下年度{t}件"),
            format!("says {n} are carried forward, but table 3 has {t}"),
        ),
        ProseClaim::Reviews { said: n, table: t } => (
            format!("称行政复议{n}件，而表四行政复议总计{t}件"),
            format!("says {n} administrative reviews, but table 4 has {t}"),
        ),
        ProseClaim::Suits { said: n, table: t } => (
            format!("称行政诉讼{n}件，而表四行政诉讼合计{t}件"),
            format!("says {n} lawsuits, but table 4 has {t}"),
        ),
        ProseClaim::NoReview { table: t } => (
            format!("称没有行政复议，而表四有{t}件"),
            format!("says there was no administrative review, but table 4 has {t}"),
        ),
        ProseClaim::NoSuit { table: t } => (
            format!("称没有行政诉讼，而表四有{t}件"),
            format!("says there was no lawsuit, but table 4 has {t}"),
        ),
        ProseClaim::CarriedOver { said: n, table: t } => (
            format!("称上年结转{n}件，而表三上年结转{t}件"),
            format!("says {n} were carried over from last year, but table 3 has {t}"),
        ),
        ProseClaim::Table2 { key, said: n, table: t } => {
            let (row, column) = crate::template::keys::T2_2021
                .iter()
                .find(|f| f.key == key)
                .map_or(("", ""), |f| (f.row, f.column));
            (
                format!("称{row}{n}件，而表二“{row}”“{column}”为{t}"),
                format!("says {n} for {row}, but table 2 \"{row}\" \"{column}\" has {t}"),
            )
        }
        ProseClaim::Fees { said, table } => (
            format!("称行政事业性收费{}万元，而表二为{}万元", said.plain(), table.plain()),
            format!("says fees of {} (10k yuan), but table 2 has {}", said.plain(), table.plain()),
        ),
        ProseClaim::Results { suits, result, said: n, table: t } => {
            let (what, what_en) = if *suits { ("行政诉讼", "lawsuits") } else { ("行政复议", "reviews") };
            let (r, r_en) = match result {
                crate::template::keys::T4Result::Upheld => ("维持", "upheld"),
                crate::template::keys::T4Result::Corrected => ("纠正", "corrected"),
                _ => ("其他", "other"),
            };
            (
                format!("称{what}结果{r}{n}件，而表四为{t}件"),
                format!("says {n} {what_en} {r_en}, but table 4 has {t}"),
            )
        }
    }
}

fn pdf_notice(n: &PdfNotice) -> (String, String) {
    match n {
        PdfNotice::TooManyPages { pages, max } => (
            format!("PDF 共 {pages} 页，只读取了前 {max} 页"),
            format!("the PDF has {pages} pages; only the first {max} were read"),
        ),
        PdfNotice::Truncated { empty } => {
            let (lost_zh, lost_en) = if empty.is_empty() {
                Default::default()
            } else {
                (
                    format!("，第 {} 页已无内容", pages(empty)),
                    format!("; page(s) {} have no content left", pages(empty)),
                )
            };
            (
                format!("PDF 文件不完整（缺少文件结尾，可能被截断或未下载完），只读取了尚存的内容{lost_zh}"),
                format!("incomplete PDF (no end-of-file marker: truncated or partly downloaded); only what survives was read{lost_en}"),
            )
        }
        PdfNotice::Scanned { pages: p } => (
            format!("第 {} 页是扫描图像，没有文字层，其内容未读取", pages(p)),
            format!("page(s) {} are scanned images with no text layer; their content was not read", pages(p)),
        ),
        PdfNotice::OcrRead { pages: p, values, doubts } => (
            format!("第 {} 页是扫描图像，已用 Tesseract 识别（表格数值{values}个，不确定{}个）", pages(p), doubts.len()),
            format!("page(s) {} are scanned images, read with Tesseract ({values} table value(s), {} doubtful)", pages(p), doubts.len()),
        ),
        PdfNotice::NoOcr { chinese } => (
            format!(
                "扫描页未识别：本机{}；请安装（Debian：apt-get install tesseract-ocr tesseract-ocr-chi-sim）",
                if *chinese { "的 Tesseract 缺少中文识别数据 chi_sim" } else { "未安装文字识别程序 Tesseract" }
            ),
            format!(
                "scanned pages not read: {}; install it (Debian: apt-get install tesseract-ocr tesseract-ocr-chi-sim)",
                if *chinese { "Tesseract has no Chinese data (chi_sim)" } else { "Tesseract is not installed" }
            ),
        ),
        PdfNotice::OcrFailed { page, problem } => {
            let (zh, en) = problem.messages();
            (
                format!("第 {page} 页是扫描图像，未能识别：{zh}"),
                format!("page {page} is a scanned image that could not be read: {en}"),
            )
        }
        PdfNotice::Cut { pages: p } => (
            format!("第 {} 页的内容损坏或超过大小上限，未能完整读取", pages(p)),
            format!("page(s) {}: content damaged or past the size limit; not read in full", pages(p)),
        ),
        PdfNotice::OffPage { pages: p, glyphs } => (
            format!("第 {} 页有 {glyphs} 个字符印在页面之外（如表格宽于纸张），未读取", pages(p)),
            format!("page(s) {}: {glyphs} glyph(s) lie outside the page (a table wider than the paper, say); not read", pages(p)),
        ),
        PdfNotice::Unmapped { pages: p, glyphs } => (
            format!("第 {} 页有 {glyphs} 个字符无法识别（字体没有 Unicode 映射），以 � 代替", pages(p)),
            format!("page(s) {}: {glyphs} glyph(s) have no Unicode mapping in their font; shown as �", pages(p)),
        ),
    }
}
