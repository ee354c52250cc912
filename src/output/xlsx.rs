//! `district.xlsx`: the district totals in the official layout (one sheet per table, a block per
//! roster node), a `单位` sheet with every unit's cells, and a `问题` sheet with every finding,
//! coloured by severity.

use super::official::{cell_name, tables, Content, Grid};
use super::{Export, OutputError, RunRecord};
use crate::finding::Severity;
use crate::template::cell_keys;
use crate::value::Decimal;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

pub struct DistrictXlsx;

/// Cell styles.
struct Styles {
    title: Format,
    head: Format,
    label: Format,
    count: Format,
    money: Format,
    key: Format,
    text: Format,

    severity: [Format; 3],
}

fn styles() -> Styles {
    let base = Format::new()
        .set_font_name("宋体")
        .set_font_size(10)
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter);
    Styles {
        title: Format::new()
            .set_font_name("黑体")
            .set_font_size(12)
            .set_bold(),
        head: base
            .clone()
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_text_wrap()
            .set_background_color(Color::RGB(0xC6D9F1)),
        label: base.clone().set_text_wrap(),
        count: base
            .clone()
            .set_align(FormatAlign::Right)
            .set_num_format("0"),
        money: base
            .clone()
            .set_align(FormatAlign::Right)
            .set_num_format("0.##########"),
        key: Format::new()
            .set_font_size(8)
            .set_font_color(Color::RGB(0x808080)),
        text: Format::new().set_font_size(10).set_text_wrap(),

        severity: [
            Format::new().set_background_color(Color::RGB(0xDDEBF7)),
            Format::new().set_background_color(Color::RGB(0xFFF2CC)),
            Format::new().set_background_color(Color::RGB(0xF8CBAD)),
        ],
    }
}

/// Excel's limit on the text of one cell.
const MAX_CELL_CHARS: usize = 32_767;

/// Text that fits in one Excel cell: longer text is cut, and says so.
fn fit(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= MAX_CELL_CHARS {
        // Bytes bound characters: most text is short.
        return text.into();
    }
    if text.chars().count() <= MAX_CELL_CHARS {
        return text.into();
    }
    const CUT: &str = "…（过长已截断 / cut: too long）";
    let keep = MAX_CELL_CHARS - CUT.chars().count();
    let mut out: String = text.chars().take(keep).collect();
    out.push_str(CUT);
    out.into()
}

fn xerr(e: XlsxError) -> OutputError {
    OutputError::Render {
        name: "district.xlsx",
        message: e.to_string(),
    }
}

/// Write `grid` with its top-left corner at `top`, rows tall enough for wrapped labels (column
/// widths in `widths`, Excel's character units); returns the row after it.
fn write_grid(
    ws: &mut Worksheet,
    s: &Styles,
    grid: &Grid,
    top: u32,
    widths: &[f64],
) -> Result<u32, XlsxError> {
    let mut lines = vec![1usize; grid.height];
    for c in grid.cells.iter().filter(|c| c.rows == 1) {
        let text = match &c.content {
            Content::Head(t) | Content::Label(t) => t,
            Content::Value(..) => continue,
        };
        let width: f64 = widths[c.col..c.col + c.cols].iter().sum();
        // A CJK character is about two units wide.
        let need = (text.chars().count() as f64 * 2.0 / width.max(1.0)).ceil() as usize;
        lines[c.row] = lines[c.row].max(need);
    }
    for (r, n) in lines.iter().enumerate() {
        ws.set_row_height(top + r as u32, 14.0 * *n as f64 + 2.0)?;
    }
    for c in &grid.cells {
        let (r0, c0) = (top + c.row as u32, c.col as u16);
        let (r1, c1) = (r0 + c.rows as u32 - 1, c0 + c.cols as u16 - 1);
        let (text, format, number): (String, &Format, Option<Decimal>) = match &c.content {
            Content::Head(t) => (t.clone(), &s.head, None),
            Content::Label(t) => (t.clone(), &s.label, None),
            Content::Value(key, v) => {
                let f = if key == "t2.fees_10k_yuan" {
                    &s.money
                } else {
                    &s.count
                };
                (String::new(), f, *v)
            }
        };
        if r1 > r0 || c1 > c0 {
            ws.merge_range(r0, c0, r1, c1, &text, format)?;
        }
        match number {
            Some(v) => {
                let n: f64 = v.to_string().parse().unwrap_or(f64::NAN);
                ws.write_number_with_format(r0, c0, n, format)?;
            }
            None if r1 == r0 && c1 == c0 => {
                ws.write_string_with_format(r0, c0, &text, format)?;
            }
            None => {}
        }
    }
    Ok(top + grid.height as u32)
}

impl Export for DistrictXlsx {
    fn file_name(&self) -> &'static str {
        "district.xlsx"
    }

    fn write(&self, run: &RunRecord, out: &mut dyn std::io::Write) -> Result<(), OutputError> {
        out.write_all(&render_bytes(run)?)?;
        Ok(())
    }

    fn optional(&self) -> bool {
        true
    }
}

/// A block's title, in Chinese: `临江区 三、收到和处理政府信息公开申请情况（31个单位合计）`.
fn level_title(level: &crate::aggregate::Level, table: &str) -> String {
    let name = if level.name == crate::aggregate::DISTRICT {
        String::new()
    } else {
        format!("{} ", level.name)
    };
    let provisional = if level.with_errors > 0 {
        format!(
            "；暂定数：其中{}个单位的报告有错误待更正，更正后合计可能变化",
            level.with_errors
        )
    } else {
        String::new()
    };
    format!("{name}{table}（{}个单位合计{provisional}）", level.included)
}

/// `待办`: one row per item, unit by unit in roster order; then the missing units; then what
/// the district's own totals need. Printable: landscape, one page wide, headers repeated.
fn todo_sheet(ws: &mut Worksheet, s: &Styles, t: &super::todo::Todo) -> Result<(), XlsxError> {
    ws.set_name("待办")?;
    let heads = [
        ("序号", 5.0),
        ("单位", 24.0),
        ("事项", 8.0),
        ("说明", 70.0),
        ("位置", 16.0),
        ("文件", 30.0),
        ("编号", 14.0),
    ];
    for (c, (h, w)) in heads.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
        ws.write_string_with_format(0, c as u16, *h, &s.head)?;
    }
    let mut row = 1u32;
    let mut put = |ws: &mut Worksheet,
                   n: Option<usize>,
                   unit: &str,
                   verb: &str,
                   text: &str,
                   place: &str,
                   file: &str,
                   id: &str,
                   severity: Severity|
     -> Result<(), XlsxError> {
        let fill = &s.severity[match severity {
            Severity::Info => 0,
            Severity::Warning => 1,
            Severity::Error => 2,
        }];
        // Wrapped text needs its rows tall enough (about 35 characters a line in 说明).
        let lines = (text.chars().count() / 35 + 1).min(12);
        ws.set_row_height(row, 14.0 * lines as f64 + 2.0)?;
        if let Some(n) = n {
            ws.write_number_with_format(row, 0, n as f64, &s.label)?;
        } else {
            ws.write_string_with_format(row, 0, "", &s.label)?;
        }
        for (c, v) in [unit, verb, text, place, file, id].iter().enumerate() {
            let f = if c == 1 { fill } else { &s.label };
            ws.write_string_with_format(row, 1 + c as u16, fit(v), f)?;
        }
        row += 1;
        Ok(())
    };
    for (k, u) in t.units.iter().enumerate() {
        for (j, i) in u.items.iter().enumerate() {
            put(
                ws,
                (j == 0).then_some(k + 1),
                if j == 0 { &u.unit } else { "" },
                i.verb(),
                &i.text,
                &i.place,
                if j == 0 { &u.source } else { "" },
                &i.id,
                i.severity,
            )?;
        }
    }
    for (zh, _) in [t.routine_line(), t.district_routine_line()]
        .into_iter()
        .flatten()
    {
        put(ws, None, "", "供参考", &zh, "", "", "", Severity::Info)?;
    }
    for m in t.likely_pairs() {
        put(
            ws,
            None,
            &m.name,
            "可能已报送",
            &format!("名称与名册不一致：{}", m.likely.join("、")),
            "",
            "",
            "",
            Severity::Warning,
        )?;
    }
    for m in t.not_reported() {
        let text = m.what_zh();
        put(
            ws,
            None,
            &m.name,
            "未报送",
            &text,
            "",
            "",
            "",
            Severity::Error,
        )?;
    }
    for i in &t.district {
        put(
            ws,
            None,
            "汇总本身",
            i.verb(),
            &i.text,
            &i.place,
            "",
            &i.id,
            i.severity,
        )?;
    }
    if t.is_empty() && t.routine == 0 && t.district_routine == 0 {
        ws.write_string(1, 1, "没有需要联系的单位")?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// `同比`: the key totals and each unit's received and processed beside last year's.
fn yoy_sheet(
    ws: &mut Worksheet,
    s: &Styles,
    y: &crate::office::previous::YearOnYear,
) -> Result<(), XlsxError> {
    use crate::office::previous::change;
    ws.set_name("同比")?;
    let last = y.last_label();
    ws.write_string_with_format(0, 0, format!("与上年相比：{}", y.heading().0), &s.title)?;
    for (c, (h, w)) in [
        ("项目", 50.0),
        ("本年", 12.0),
        (last.as_str(), 12.0),
        ("变化", 12.0),
    ]
    .iter()
    .enumerate()
    {
        ws.set_column_width(c as u16, *w)?;
        ws.write_string_with_format(1, c as u16, *h, &s.head)?;
    }
    let number = |ws: &mut Worksheet, r: u32, c: u16, d: Option<Decimal>| match d {
        Some(d) => ws
            .write_number_with_format(r, c, d.to_string().parse().unwrap_or(f64::NAN), &s.money)
            .map(|_| ()),
        None => ws.write_string_with_format(r, c, "", &s.count).map(|_| ()),
    };
    let mut row = 2u32;
    for (k, now, then) in &y.totals {
        ws.write_string_with_format(
            row,
            0,
            crate::template::wording::cell_label(&k.key()),
            &s.label,
        )?;
        number(ws, row, 1, *now)?;
        number(ws, row, 2, *then)?;
        ws.write_string_with_format(row, 3, change(*now, *then), &s.count)?;
        row += 1;
    }
    row += 1;
    for (c, h) in crate::office::previous::UNIT_HEADS.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &s.head)?;
    }
    for u in &y.units {
        row += 1;
        ws.write_string_with_format(row, 0, fit(&u.unit), &s.label)?;
        number(ws, row, 1, u.received.0)?;
        number(ws, row, 2, u.received.1)?;
        ws.write_string_with_format(row, 3, change(u.received.0, u.received.1), &s.count)?;
        number(ws, row, 4, u.processed.0)?;
        number(ws, row, 5, u.processed.1)?;
        ws.write_string_with_format(row, 6, change(u.processed.0, u.processed.1), &s.count)?;
    }
    let apart = y.apart_rows();
    if !apart.is_empty() {
        row += 2;
        ws.write_string_with_format(row, 0, "仅一年有报告的单位（未计入上面的比较）", &s.title)?;
        row += 1;
        for (c, h) in ["哪一年", "单位", "新收", "办理"].iter().enumerate() {
            ws.write_string_with_format(row, c as u16, *h, &s.head)?;
        }
        for cells in apart {
            row += 1;
            for (c, v) in cells.iter().enumerate() {
                ws.write_string_with_format(row, c as u16, fit(v), &s.label)?;
            }
        }
    }
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

fn render_bytes(run: &RunRecord) -> Result<Vec<u8>, OutputError> {
    let r = run.rollup;
    let s = styles();
    let mut wb = Workbook::new();
    // A fixed creation time: the same inputs give the same bytes.
    let epoch = ExcelDateTime::from_ymd(2000, 1, 1).map_err(xerr)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title("政府信息公开工作年度报告汇总 / district roll-up")
            // The mark by which a later run knows this workbook is not a report.
            .set_author(format!("{} {}", super::marker::GENERATOR, run.version))
            .set_creation_datetime(&epoch),
    );
    // 待办 first: what the clerk does today.
    todo_sheet(wb.add_worksheet(), &s, &*run.todo()?).map_err(xerr)?;
    // Tables 二, 三, 四: one block per node of the roll-up tree, each on its own printed page.
    for (t, (name, widths)) in [
        ("表二", &[18.0, 16.0, 16.0, 16.0][..]),
        (
            "表三",
            &[6.0, 14.0, 30.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0][..],
        ),
        ("表四", &[7.0; 15][..]),
    ]
    .into_iter()
    .enumerate()
    {
        let ws = wb.add_worksheet();
        ws.set_name(name).map_err(xerr)?;
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, *w).map_err(xerr)?;
        }
        ws.set_landscape();
        ws.set_paper_size(9); // A4
        let mut row = 0u32;
        let mut breaks = Vec::new();
        // The district's own total first; the top above it labelled as such.
        for level in r.view_levels() {
            if row > 0 {
                breaks.push(row);
            }
            let value = |key: &str| level.total(key);
            let grid = tables(&value)[t].clone();
            let mut title = level_title(level, grid.title);
            if r.is_above_own(level) {
                title = format!("{title}——{}", super::level_heading(r, level).0);
            }
            ws.write_string_with_format(row, 0, title, &s.title)
                .map_err(xerr)?;
            row = write_grid(ws, &s, &grid, row + 1, widths).map_err(xerr)? + 1;
        }
        // One node per page: as wide as the paper, as many pages as nodes.
        ws.set_page_breaks(&breaks).map_err(xerr)?;
        ws.set_print_fit_to_pages(1, r.levels.len().clamp(1, u16::MAX as usize) as u16);
    }
    // The long sheets go to disk row by row (constant memory), and stop at a size a
    // workbook is read at; the data files have every row.
    units_sheet(wb.add_worksheet_with_constant_memory(), &s, run).map_err(xerr)?;
    findings_sheet(wb.add_worksheet_with_constant_memory(), &s, run)?;
    if let Some(y) = run.yoy {
        yoy_sheet(wb.add_worksheet(), &s, y).map_err(xerr)?;
    }
    if let Some(since) = run.since.filter(|s| !s.is_quiet()) {
        changes_sheet(wb.add_worksheet(), &s, since).map_err(xerr)?;
    }
    wb.save_to_buffer().map_err(xerr)
}

/// `变化`: since the last run, every unit's new and resolved findings (errors first), then the
/// totals that moved (cell, last, now, change).
fn changes_sheet(
    ws: &mut Worksheet,
    s: &Styles,
    since: &crate::office::since::Since,
) -> Result<(), XlsxError> {
    ws.set_name("变化")?;
    ws.write_string_with_format(
        0,
        0,
        format!(
            "与上次运行相比（{}）",
            crate::util::timefmt::view(&since.when)
        ),
        &s.title,
    )?;
    let mut row = 1u32;
    for line in since.file_lines() {
        ws.write_string(row, 0, line)?;
        row += 1;
    }
    row += 1;
    for (c, (h, w)) in [
        ("单位", 30.0),
        ("变化", 10.0),
        ("严重程度", 10.0),
        ("检查项", 24.0),
        ("问题", 90.0),
    ]
    .iter()
    .enumerate()
    {
        ws.set_column_width(c as u16, *w)?;
        ws.write_string_with_format(row, c as u16, *h, &s.head)?;
    }
    row += 1;
    for g in since.groups() {
        let items = g
            .new
            .iter()
            .map(|n| ("新出现", n))
            .chain(g.resolved.iter().map(|n| ("已解决", n)));
        for (what, n) in items {
            ws.write_string_with_format(row, 0, g.title(), &s.label)?;
            ws.write_string(row, 1, what)?;
            ws.write_string(row, 2, if n.error { "错误" } else { "警告" })?;
            ws.write_string(row, 3, &n.check)?;
            ws.write_string_with_format(row, 4, &n.text, &s.label)?;
            row += 1;
        }
    }
    if let Some((zh, _)) = since.totals_heading() {
        row += 1;
        ws.write_string_with_format(row, 0, zh, &s.title)?;
        row += 1;
        for (c, h) in ["项目", "上次", "本次", "变化"].iter().enumerate() {
            ws.write_string_with_format(row, c as u16, *h, &s.head)?;
        }
        row += 1;
        for cells in since.totals_rows() {
            for (c, v) in cells.iter().enumerate() {
                ws.write_string_with_format(row, c as u16, v, &s.label)?;
            }
            row += 1;
        }
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// `单位`: one row per unit; row 1 the contract keys (hidden), row 2 the Chinese headers.
fn units_sheet(ws: &mut Worksheet, s: &Styles, run: &RunRecord) -> Result<(), XlsxError> {
    let r = run.rollup;
    ws.set_name("单位")?;
    let fixed: [(&str, &str); 10] = [
        ("source", "文件"),
        ("unit", "单位"),
        ("year", "年度"),
        ("template", "模板"),
        ("status", "状态"),
        ("included", "计入合计"),
        ("roster_unit", "名册单位"),
        ("errors", "错误"),
        ("warnings", "警告"),
        ("infos", "提示"),
    ];
    let keys = cell_keys();
    // Row settings first: a constant-memory sheet writes each row out once it is done.
    ws.set_row_hidden(0)?;
    ws.set_row_height(1, 60)?;
    for (i, _) in keys.iter().enumerate() {
        ws.set_column_width((fixed.len() + i) as u16, 12)?;
    }
    ws.set_column_width(0, 36)?;
    ws.set_column_width(1, 28)?;
    ws.set_column_width(6, 28)?;
    for (c, (key, _)) in fixed.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *key, &s.key)?;
    }
    for (i, key) in keys.iter().enumerate() {
        ws.write_string_with_format(0, (fixed.len() + i) as u16, key, &s.key)?;
    }
    for (c, (_, zh)) in fixed.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *zh, &s.head)?;
    }
    for (i, key) in keys.iter().enumerate() {
        ws.write_string_with_format(1, (fixed.len() + i) as u16, cell_name(key), &s.head)?;
    }
    let counts = run.findings.counts_by_source();
    // As many units as the other views (2,000 rows of 270 cells stay quick to open and to
    // write every night); `units.csv` and `units.parquet` list all.
    let listed = r.units.len().min(super::VIEW_UNITS);
    for (i, u) in r.units.iter().take(listed).enumerate() {
        let (inc, roster) = (u.summed(), r.roster_name(u));
        let row = 2 + i as u32;
        let c = counts.get(u.source.as_str()).copied().unwrap_or_default();
        ws.write_string(row, 0, fit(&u.source))?;
        ws.write_string(row, 1, fit(&u.unit))?;
        if let Some(y) = u.year {
            ws.write_number(row, 2, y)?;
        }
        ws.write_string(row, 3, u.template.map_or("", |t| t.name()))?;
        ws.write_string(row, 4, status_zh(u.status))?;
        ws.write_string(row, 5, if inc { "是" } else { "否" })?;
        ws.write_string(row, 6, fit(roster.unwrap_or("")))?;
        for (k, n) in [c.errors, c.warnings, c.infos].iter().enumerate() {
            ws.write_number(row, 7 + k as u16, *n as f64)?;
        }
        for (k, v) in u.cells.numbers().enumerate() {
            if let Some(v) = v {
                let n: f64 = v.to_string().parse().unwrap_or(f64::NAN);
                ws.write_number(row, (fixed.len() + k) as u16, n)?;
            }
        }
    }
    let last_row = 1 + listed as u32;
    if let Some((zh, en)) = super::more_line(listed, r.units.len(), "units.csv") {
        ws.write_string(last_row + 1, 0, format!("{zh} / {en}"))?;
    }
    let last_col = (fixed.len() + keys.len() - 1) as u16;
    ws.autofilter(1, 0, last_row.max(2), last_col)?;
    ws.set_freeze_panes(2, 2)?;
    // Printed, the list of units (their 270 cell columns stay on screen, out of the print area).
    ws.set_print_area(1, 0, last_row.max(2), (fixed.len() - 1) as u16)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(1, 1)?;
    Ok(())
}

fn status_zh(s: crate::input::load::Status) -> &'static str {
    match s {
        crate::input::load::Status::Ok => "完整",
        crate::input::load::Status::Partial => "不完整",
        crate::input::load::Status::Failed => "无法读取",
    }
}

fn severity_zh(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
    }
}

/// `问题`: every finding with its file and place, coloured by severity.
fn findings_sheet(ws: &mut Worksheet, s: &Styles, run: &RunRecord) -> Result<(), OutputError> {
    let (listed, all) = super::view_findings(run.findings)?;
    findings_rows(ws, s, &listed, all).map_err(xerr)
}

fn findings_rows(
    ws: &mut Worksheet,
    s: &Styles,
    listed: &[crate::ledger::Listed],
    all: usize,
) -> Result<(), XlsxError> {
    ws.set_name("问题")?;
    let heads = [
        ("id", "编号", 14.0),
        ("source", "文件", 36.0),
        ("unit", "单位", 26.0),
        ("check", "检查", 20.0),
        ("severity", "严重程度", 9.0),
        ("cells", "单元格", 30.0),
        ("message", "说明", 90.0),
        ("accepted", "已接受", 24.0),
        ("place", "位置", 22.0),
    ];
    ws.set_row_hidden(0)?;
    for (c, (_, _, w)) in heads.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    for (c, (key, _, _)) in heads.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *key, &s.key)?;
    }
    for (c, (_, zh, _)) in heads.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *zh, &s.head)?;
    }
    for (i, f) in listed.iter().enumerate() {
        let row = 2 + i as u32;
        let fill = &s.severity[match f.severity() {
            Severity::Info => 0,
            Severity::Warning => 1,
            Severity::Error => 2,
        }];
        let accepted = f.accepted.map(|a| a.note()).unwrap_or_default();
        let message = f.message();
        let values = [
            f.id.as_str(),
            f.source.as_str(),
            f.unit.as_str(),
            f.check.name_zh(),
            severity_zh(f.severity()),
            &f.cells.join(";"),
            message.line(),
            &accepted,
            &crate::template::wording::place_zh(&f.place, &f.cells),
        ];
        // Wrapped messages need their rows tall enough (about 45 characters a line).
        let lines = (message.line().chars().count() / 45 + 1).min(15);
        ws.set_row_height(row, 13.0 * lines as f64 + 2.0)?;
        const MESSAGE: usize = 6;
        for (c, v) in values.iter().enumerate() {
            let format = if c == MESSAGE { &s.text } else { fill };
            let format = if c == MESSAGE {
                &format.clone().set_background_color(match f.severity() {
                    Severity::Info => Color::RGB(0xDDEBF7),
                    Severity::Warning => Color::RGB(0xFFF2CC),
                    Severity::Error => Color::RGB(0xF8CBAD),
                })
            } else {
                format
            };
            ws.write_string_with_format(row, c as u16, fit(v), format)?;
        }
    }
    let last = 1 + listed.len() as u32;
    if let Some((zh, en)) = super::more_line(listed.len(), all, "findings.csv") {
        ws.write_string(last + 1, 0, format!("{zh} / {en}"))?;
    }
    ws.autofilter(1, 0, last.max(2), (heads.len() - 1) as u16)?;
    ws.set_freeze_panes(2, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(1, 1)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_longer_than_an_excel_cell_is_cut_and_says_so() {
        assert_eq!(fit("平潭"), "平潭");
        let exact = "字".repeat(MAX_CELL_CHARS);
        assert_eq!(fit(&exact), exact.as_str());
        let long = "字".repeat(MAX_CELL_CHARS + 1);
        let cut = fit(&long);
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS);
        assert!(
            cut.ends_with("（过长已截断 / cut: too long）"),
            "{}",
            &cut[cut.len() - 60..]
        );
    }
}
