//! What the office reads: the workbook (read back with calamine) and the web page (rendered by
//! headless Chromium, Debian's `chromium`; `.ci/run` installs it).

mod common;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::{office_run, read_csv, scratch};
use std::path::{Path, PathBuf};
use std::process::Command;

fn text(d: Option<&Data>) -> String {
    match d {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

#[test]
fn the_workbook_has_the_official_layout_the_units_and_the_findings() {
    let out = office_run("xlsx", "data/previous");
    let district = read_csv(&out.join("district.csv"));
    let units = read_csv(&out.join("units.csv"));
    let findings = read_csv(&out.join("findings.csv"));
    let mut wb: Xlsx<_> = open_workbook(out.join("district.xlsx")).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["待办", "表二", "表三", "表四", "单位", "问题", "同比"]
    );

    // 表三: the district's own node's block first (临江区), then the others.
    let t3 = wb.worksheet_range("表三").unwrap();
    let at = |r: u32, c: u32| text(t3.get_value((r, c)));
    assert!(
        at(0, 0).starts_with("临江区 三、收到和处理政府信息公开申请情况"),
        "{}",
        at(0, 0)
    );
    assert_eq!(
        at(1, 0),
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    );
    assert_eq!(at(1, 3), "申请人情况");
    assert_eq!(at(2, 3), "自然人");
    assert_eq!(at(2, 4), "法人或其他组织");
    assert_eq!(at(3, 4), "商业企业");
    assert_eq!(at(2, 9), "总计");
    assert_eq!(at(4, 0), "一、本年新收政府信息公开申请数量");
    assert_eq!(at(6, 0), "三、本年度办理结果");
    assert_eq!(at(6, 1), "（一）予以公开");
    assert_eq!(at(8, 1), "（三）不予公开");
    assert_eq!(at(8, 2), "1.属于国家秘密");
    // Values are the totals of district.csv (临江区's row).
    let top = district.iter().find(|d| d["district"] == "临江区").unwrap();
    for (row, key) in [
        (4, "t3.new_received"),
        (5, "t3.carried_over"),
        (6, "t3.granted"),
    ] {
        for (c, col) in [
            "natural",
            "commercial",
            "research",
            "social",
            "legal",
            "other_org",
            "total",
        ]
        .iter()
        .enumerate()
        {
            assert_eq!(
                at(row, 3 + c as u32),
                top[&format!("{key}.{col}")],
                "{key}.{col}"
            );
        }
    }
    let merged: Vec<(u32, u32, u32, u32)> = wb
        .merge_cells_by_sheet_name("表三")
        .unwrap()
        .iter()
        .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
        .collect();
    for want in [
        (1, 0, 3, 2),  // the note over three rows and three columns
        (1, 3, 1, 9),  // 申请人情况
        (2, 3, 3, 3),  // 自然人 over two rows
        (2, 4, 2, 8),  // 法人或其他组织
        (4, 0, 4, 2),  // 一、本年新收…
        (8, 1, 15, 1), // （三）不予公开 over its eight rows
    ] {
        assert!(
            merged.contains(&want),
            "{want:?} merged in 表三: {merged:?}"
        );
    }
    // 表二: fees keep their decimals.
    let t2 = wb.worksheet_range("表二").unwrap();
    let fee = (0..40)
        .find(|r| text(t2.get_value((*r, 0))) == "行政事业性收费")
        .map(|r| text(t2.get_value((r, 1))))
        .unwrap();
    assert_eq!(
        fee.parse::<f64>().unwrap(),
        top["t2.fees_10k_yuan"].parse::<f64>().unwrap()
    );
    assert!(top["t2.fees_10k_yuan"].contains('.'));
    // 单位: contract keys in the first row, Chinese headers in the second, one row per file.
    let u = wb.worksheet_range("单位").unwrap();
    assert_eq!(u.height(), 2 + units.len());
    assert_eq!(text(u.get_value((0, 0))), "source");
    assert_eq!(text(u.get_value((1, 0))), "文件");
    let col = (0..u.width() as u32)
        .find(|c| text(u.get_value((0, *c))) == "t3.new_received.total")
        .unwrap();
    assert_eq!(
        text(u.get_value((1, col))),
        "表三·一、本年新收政府信息公开申请数量·总计"
    );
    for (i, unit) in units.iter().enumerate() {
        assert_eq!(text(u.get_value((2 + i as u32, 0))), unit["source"]);
        assert_eq!(
            text(u.get_value((2 + i as u32, col))),
            unit["t3.new_received.total"]
        );
    }
    // 问题: every finding, with its file and place.
    let p = wb.worksheet_range("问题").unwrap();
    assert_eq!(p.height(), 2 + findings.len());
    let column = |key: &str| {
        (0..p.width() as u32)
            .find(|c| text(p.get_value((0, *c))) == key)
            .unwrap_or_else(|| panic!("no column {key}"))
    };
    for key in ["id", "accepted"] {
        assert_eq!(
            text(p.get_value((2, column(key)))),
            findings[0][key],
            "{key}"
        );
    }
    assert_eq!(text(p.get_value((1, column("id")))), "编号");
    // Severity and place as a clerk reads them.
    let row_of = |id: &str| {
        (2..p.height() as u32)
            .find(|r| text(p.get_value((*r, column("id")))) == id)
            .unwrap()
    };
    let invalid = findings
        .iter()
        .find(|f| f["check"] == "VALUE_INVALID" && f["source"].ends_with("17_文化和旅游局.html"))
        .unwrap();
    let r = row_of(&invalid["id"]);
    assert_eq!(invalid["place"], "table 2 row 9 col 5");
    assert_eq!(text(p.get_value((r, column("place")))), "表三第9行第5列");
    assert_eq!(text(p.get_value((r, column("severity")))), "错误");
    assert_eq!(text(p.get_value((r, column("check")))), "数字无法读取");
}

fn chromium() -> PathBuf {
    for c in [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ] {
        if Path::new(c).exists() {
            return PathBuf::from(c);
        }
    }
    panic!(
        "headless Chromium is needed for this test: install Debian's `chromium` \
         (apt-get install chromium fonts-wqy-zenhei) or run .ci/run, which does"
    );
}

fn headless(args: &[&str]) -> std::process::Output {
    let profile = scratch("chromium-profile");
    Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            &format!("--user-data-dir={}", profile.display()),
        ])
        .args(args)
        .output()
        .expect("chromium runs")
}

#[test]
#[ignore = "needs headless Chromium: apt-get install chromium fonts-wqy-zenhei, then cargo test -- --include-ignored (.ci/run does both)"]
fn the_web_page_renders_in_chromium_and_shows_the_district_totals() {
    let out = office_run("html", "data/previous");
    let page = out.join("report.html");
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    let dom = headless(&["--dump-dom", &url]);
    let stderr = common::stderr(&dom);
    assert!(dom.status.success(), "{stderr}");
    for bad in [
        "CONSOLE",
        "Uncaught",
        "ERR_FILE_NOT_FOUND",
        "Failed to load",
    ] {
        assert!(!stderr.contains(bad), "chromium reported {bad}: {stderr}");
    }
    let html = common::stdout(&dom);
    // The numbers on the page are district.csv's.
    let district = read_csv(&out.join("district.csv"));
    for key in [
        "t3.new_received.total",
        "t3.total_processed.total",
        "t4.review.total",
        "t2.licensing",
        "t2.fees_10k_yuan",
    ] {
        // The first cell with this key (the district's own node's tables come first).
        let at = html.find(&format!("data-key=\"{key}\"")).expect(key);
        let start = at + html[at..].find('>').unwrap() + 1;
        let end = start + html[start..].find('<').unwrap();
        // The same number; the page prints no trailing zeros after the point (4212.740 is
        // 4212.74 there, as in the workbook).
        let own = district.iter().find(|d| d["district"] == "临江区").unwrap();
        let csv = &own[key];
        let plain = if csv.contains('.') {
            csv.trim_end_matches('0').trim_end_matches('.')
        } else {
            csv.as_str()
        };
        assert_eq!(&html[start..end], plain, "{key} on the page");
    }
    assert!(html.contains("临江区2025年政府信息公开工作年度报告汇总"));
    // In roster order.
    assert!(html.contains("未报单位 / not reported: 临江区统计局、临江区档案馆、临江区体育局"));
    for chart in ["chart-shares", "chart-units", "chart-findings"] {
        assert!(html.contains(&format!("id=\"{chart}\"")), "{chart}");
    }
    assert!(!html.contains("<script"), "no script on the page");
    assert!(
        !html.contains("http://") || !html.contains("src=\"http"),
        "no network"
    );

    // A screenshot for people to look at (a test artefact).
    let artefacts = Path::new(env!("CARGO_TARGET_TMPDIR")).join("artefacts");
    std::fs::create_dir_all(&artefacts).unwrap();
    let shot = artefacts.join("report.png");
    let _ = std::fs::remove_file(&shot);
    let o = headless(&[
        "--hide-scrollbars",
        "--window-size=1100,2400",
        &format!("--screenshot={}", shot.display()),
        &url,
    ]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "{} bytes",
        png.len()
    );
}
