//! Published by the deadline (issue 21): the publication date read from the page (a `<meta>`,
//! a date line under the title) or the roster, written to `units.csv`, and `PUBLISHED_LATE`
//! when it is after the body's deadline — on real 平潭 pages and mutants of them.

mod common;

use common::{corpus, night, read_csv, scratch};
use std::path::Path;

fn page(name: &str) -> String {
    std::fs::read_to_string(corpus().join("pingtan-2023").join(name)).unwrap()
}

/// A night over `reports` with `extra`: its `units.csv` rows and its `PUBLISHED_LATE` messages.
fn late(
    reports: &Path,
    name: &str,
    extra: &[&str],
) -> (Vec<(String, String, String)>, Vec<String>) {
    let out = scratch(name);
    let o = night(reports, &out, &[&["-q"], extra].concat());
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{}",
        common::stderr(&o)
    );
    let units = read_csv(&out.join("units.csv"))
        .into_iter()
        .map(|r| {
            let file = r["source"].rsplit('/').next().unwrap_or("").to_string();
            (
                file,
                r["published_on"].clone(),
                r["published_on_source"].clone(),
            )
        })
        .collect();
    let findings = read_csv(&out.join("findings.csv"))
        .into_iter()
        .filter(|r| r["check"] == "PUBLISHED_LATE")
        .map(|r| {
            format!(
                "{} {}",
                r["source"].rsplit('/').next().unwrap_or(""),
                r["message"]
            )
        })
        .collect();
    (units, findings)
}

#[test]
fn the_real_zone_report_was_published_in_time() {
    // 平潭's own report: <meta name="PubDate" content="2024-03-08 15:34">, before 31 March.
    let dir = scratch("dates-real");
    std::fs::write(dir.join("zone.html"), page("zone_aggregate.full.html")).unwrap();
    std::fs::write(dir.join("hzs.html"), page("hzs_xingzhengshenpi.html")).unwrap();
    let (units, findings) = late(&dir, "dates-real-out", &[]);
    assert_eq!(
        units,
        [
            ("hzs.html".into(), String::new(), String::new()),
            ("zone.html".into(), "2024-03-08".into(), "meta".into())
        ]
    );
    assert!(findings.is_empty(), "{findings:?}");
}

#[test]
fn a_late_government_report_is_found_by_its_meta_date() {
    let dir = scratch("dates-meta");
    let text = page("zone_aggregate.full.html").replace(
        "<meta name=\"PubDate\" content=\"2024-03-08 15:34\"/>",
        "<meta name=\"PubDate\" content=\"2024-04-08 15:34\"/>",
    );
    std::fs::write(dir.join("zone.html"), text).unwrap();
    let (_, findings) = late(&dir, "dates-meta-out", &[]);
    assert_eq!(
        findings,
        ["zone.html 报告于2024-04-08发布（据网页发布日期标记），晚于截止日期2024-03-31，逾期8天 / published on 2024-04-08 (per the page's publication-date meta), 8 day(s) after its deadline 2024-03-31"]
    );
}

/// 行政审批局's real page with a title and the date line a site prints under it.
fn dated_department(dir: &Path, date: &str) {
    let text = format!(
        "<p>平潭综合实验区行政审批局2023年度政府信息公开工作年度报告</p><p>发布时间：{date}　来源：区行政审批局</p>{}",
        page("hzs_xingzhengshenpi.html")
    );
    std::fs::write(dir.join("hzs.html"), text).unwrap();
}

const ROSTER: &str = "name,kind,parent,due,published\n平潭综合实验区,district,,,\n平潭综合实验区行政审批局,department,平潭综合实验区,DUE,PUBLISHED\n";

fn roster(dir: &Path, due: &str, published: &str) -> String {
    let path = dir.join("名册.csv");
    std::fs::write(
        &path,
        ROSTER.replace("DUE", due).replace("PUBLISHED", published),
    )
    .unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn a_department_is_due_on_31_january_unless_told_otherwise() {
    let dir = scratch("dates-dept");
    let reports = dir.join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    dated_department(&reports, "2024-02-05 10:00");
    // No roster: its name says a department.
    let (units, findings) = late(&reports, "dates-dept-1", &[]);
    assert_eq!(
        units,
        [("hzs.html".into(), "2024-02-05".into(), "page".into())]
    );
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert!(
        findings[0].contains("晚于截止日期2024-01-31，逾期5天"),
        "{findings:?}"
    );
    // The office's --deadline for departments, then the roster's own day for the body.
    let (_, findings) = late(
        &reports,
        "dates-dept-2",
        &["--deadline", "department=02-10"],
    );
    assert!(findings.is_empty(), "{findings:?}");
    let r = roster(&dir, "2月1日", "");
    let (_, findings) = late(&reports, "dates-dept-3", &["--roster", &r]);
    assert!(
        findings[0].contains("晚于截止日期2024-02-01，逾期4天"),
        "{findings:?}"
    );
    // The roster's date stands before the page's.
    let r = roster(&dir, "", "2024-01-30");
    let (units, findings) = late(&reports, "dates-dept-4", &["--roster", &r]);
    assert_eq!(
        units,
        [("hzs.html".into(), "2024-01-30".into(), "roster".into())]
    );
    assert!(findings.is_empty(), "{findings:?}");
    // In time by the page.
    dated_department(&reports, "2024年1月26日");
    let (units, findings) = late(&reports, "dates-dept-5", &[]);
    assert_eq!(
        units,
        [("hzs.html".into(), "2024-01-26".into(), "page".into())]
    );
    assert!(findings.is_empty(), "{findings:?}");
}

#[test]
fn a_roster_date_that_is_no_date_stops_the_run() {
    let dir = scratch("dates-bad");
    let r = roster(&dir, "", "2024-02-30");
    let o = night(
        &corpus().join("pingtan-2023"),
        &dir.join("out"),
        &["--roster", &r],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        common::stderr(&o).contains("名册第3行的发布日期“2024-02-30”无法识别"),
        "{}",
        common::stderr(&o)
    );
}
