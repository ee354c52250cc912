//! A notice for each unit (issue 21): `通知/<unit>.txt` with the unit's items in full, its
//! deadline and the office's contact line; `通知/清单.csv`; a printable page per unit in
//! `report.html`. A notice is byte-identical across unchanged nights and changes only for the
//! unit that changed.

mod common;

use common::{copy_reports, night, read_csv, root, scratch};
use std::collections::BTreeMap;
use std::path::Path;

const CONTACT: &str = "临江区政务公开办公室 王芳 0571-12345678";

fn office_night(reports: &Path, out: &Path) {
    let o = night(
        reports,
        out,
        &["--roster", "data/roster.csv", "--contact", CONTACT, "-q"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", common::stderr(&o));
}

/// Every notice's bytes, by file name.
fn notices(out: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(out.join("通知"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

/// `清单.csv`: file → changed.
fn changed(out: &Path) -> BTreeMap<String, String> {
    read_csv(&out.join("通知/清单.csv"))
        .into_iter()
        .map(|r| (r["file"].clone(), r["changed"].clone()))
        .collect()
}

#[test]
fn a_notice_says_what_the_unit_must_do_in_full() {
    let out = scratch("notices-text");
    office_night(&root().join("data/reports"), &out);
    let text = |name: &str| std::fs::read_to_string(out.join("通知").join(name)).unwrap();
    assert_eq!(
        text("临江区发展和改革局.txt"),
        format!(
            "政府信息公开工作年度报告审核通知（gid-rollup）\n\n\
             致：临江区发展和改革局\n\
             事由：2025年度政府信息公开工作年度报告审核意见（文件：02_发展和改革局.txt）\n\
             截止日期：2026-01-31\n\n\
             一、须更正（2项）\n\
             1. 表三“总计”列：（七）总计为28，但各办理结果之和为29（第489行）\n\
             2. 表三“（二）部分公开”行：总计2，但各类申请人之和为1（1+0+0+0+0+0）（第161行）\n\n\
             另有供参考事项1项（结转下年、复议或诉讼未审结、按元填写已换算），无须更正。\n\n\
             请更正后重新发布，并告知我们；“请核实”的事项如确认无误，请说明理由。\n\
             联系：{CONTACT}\n"
        )
    );
    // A body with no report is reminded; one whose file cannot be read is told why.
    let sports = text("临江区体育局.txt");
    assert!(
        sports.contains("事由：2025年度政府信息公开工作年度报告未报送\n截止日期：2026-01-31\n"),
        "{sports}"
    );
    assert!(
        sports.contains("尚未收到贵单位2025年度政府信息公开工作年度报告"),
        "{sports}"
    );
    let stats = text("临江区统计局.txt");
    assert!(
        stats.contains("一、须更正（1项）\n1. 不是可读的 Word 97–2003（.doc）文件"),
        "{stats}"
    );
    // The office's questions (which version to sum, an alias to add) are not the unit's.
    assert!(!out.join("通知/临江区审计局.txt").exists());
    let list = read_csv(&out.join("通知/清单.csv"));
    let row = list
        .iter()
        .find(|r| r["unit"] == "临江区发展和改革局")
        .unwrap();
    assert_eq!(
        (
            row["errors"].as_str(),
            row["to_verify"].as_str(),
            row["deadline"].as_str()
        ),
        ("2", "0", "2026-01-31")
    );
    // The tests' clock is 2026-01-01 in China: 30 days left.
    assert_eq!(row["days_left"], "30");
    assert_eq!(list.len(), notices(&out).len());
    // One printable page per notice, its text escaped.
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert_eq!(
        html.matches("<article class=\"notice\">").count(),
        list.len()
    );
    assert!(html.contains("表三“（二）部分公开”行：总计2，但各类申请人之和为1"));
    assert!(html.contains("break-before: page"));
}

#[test]
fn notices_stay_byte_identical_and_change_only_for_the_unit_that_changed() {
    let dir = scratch("notices-nights");
    let reports = dir.join("reports");
    copy_reports(&reports);
    let out = dir.join("out");
    office_night(&reports, &out);
    let first = notices(&out);
    assert!(first.len() > 15, "{}", first.len());
    assert!(changed(&out).values().all(|c| c == "new"));
    office_night(&reports, &out);
    assert_eq!(notices(&out), first);
    let summary = std::fs::read_to_string(out.join("summary.md")).unwrap();
    assert!(
        summary.contains(&format!(
            "通知：{}份在 通知/，其中新的或有变化的0份",
            first.len()
        )),
        "{summary}"
    );
    assert!(
        changed(&out).values().all(|c| c == "unchanged"),
        "{:?}",
        changed(&out)
    );
    // 发改局 revises its 部分公开 row: other numbers, the same two errors.
    let path = reports.join("02_发展和改革局.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[160], "2");
    let revise = |to: &str| {
        let mut l = lines.clone();
        l[160] = to;
        std::fs::write(&path, l.join("\n") + "\n").unwrap();
    };
    revise("3");
    office_night(&reports, &out);
    let second = notices(&out);
    let list = changed(&out);
    for (name, bytes) in &first {
        let now = &second[name];
        if name == "临江区发展和改革局.txt" {
            assert_ne!(now, bytes);
            assert_eq!(list[name], "changed");
        } else {
            assert_eq!(now, bytes, "{name}");
            assert_eq!(list[name], "unchanged", "{name}");
        }
    }
    // Corrected: its notice is gone, and the list says it is resolved.
    revise("1");
    office_night(&reports, &out);
    assert!(!out.join("通知/临江区发展和改革局.txt").exists());
    assert_eq!(changed(&out)["临江区发展和改革局.txt"], "resolved");
    assert_eq!(notices(&out).len(), first.len() - 1);
}

#[test]
fn a_notice_is_never_read_as_a_report_and_a_strange_file_among_them_is_kept() {
    let dir = scratch("notices-owned");
    let out = dir.join("out");
    office_night(&root().join("data/reports"), &out);
    // A notice copied among the reports is passed over, not read.
    let reports = dir.join("reports");
    copy_reports(&reports);
    std::fs::copy(
        out.join("通知/临江区体育局.txt"),
        reports.join("体育局通知.txt"),
    )
    .unwrap();
    std::fs::copy(out.join("通知/清单.csv"), reports.join("清单.csv")).unwrap();
    let other = dir.join("out2");
    office_night(&reports, &other);
    let sources: Vec<String> = read_csv(&other.join("units.csv"))
        .into_iter()
        .map(|r| r["source"].clone())
        .collect();
    assert!(
        !sources
            .iter()
            .any(|s| s.contains("通知") || s.contains("清单")),
        "{sources:?}"
    );
    // Someone's own file in 通知/: the set is not replaced (nor the file deleted).
    std::fs::write(out.join("通知/我的备注.txt"), "明天打电话").unwrap();
    let o = night(
        &root().join("data/reports"),
        &out,
        &["--roster", "data/roster.csv", "-q"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", common::stderr(&o));
    assert!(
        common::stderr(&o).contains("通知"),
        "{}",
        common::stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(out.join("通知/我的备注.txt")).unwrap(),
        "明天打电话"
    );
}
