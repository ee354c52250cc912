//! `--cases`: the 司法局's register against each unit's table 四 (issue 21), on the real 平潭
//! units: a register that agrees (a 复议机关 that is co-defendant not counted for itself, per
//! 〔2016〕201号), and registers that disagree, naming the cases.

mod common;

use common::{corpus, night, read_csv, scratch, stderr};
use std::path::{Path, PathBuf};

const ROSTER: &str = "name,aliases,kind,parent\n\
平潭综合实验区,,district,\n\
平潭综合实验区管委会办公室,,office,平潭综合实验区\n\
平潭综合实验区行政审批局,平潭综合区行政审批局,department,平潭综合实验区\n\
平潭综合实验区经济发展局,,department,平潭综合实验区\n\
平潭综合实验区金井片区管理局,,zone,平潭综合实验区\n\
平潭综合实验区交通与建设局,,department,平潭综合实验区\n\
平潭综合实验区社会事业局,,department,平潭综合实验区\n\
平潭综合实验区自然资源与生态环境局,,department,平潭综合实验区\n";

/// What the units' tables 四 print: 审批局 a review upheld and a lawsuit after review (其他),
/// 社会事业局 three lawsuits upheld, one pending and one after review upheld, 自然资源局 one
/// lawsuit upheld.
const REGISTER: &str = "\u{FEFF}单位,年度,类别,结果,案号,角色\n\
平潭综合区行政审批局,2023,复议,维持,岚政复〔2023〕1号,\n\
平潭综合实验区行政审批局,2023,复议后起诉,其他,（2023）闽0128行初11号,\n\
平潭综合实验区管委会办公室,2023,复议后起诉,其他,（2023）闽0128行初11号,复议机关共同被告\n\
平潭综合实验区社会事业局,2023,直接起诉,维持,（2023）闽0128行初1号,\n\
平潭综合实验区社会事业局,2023,直接起诉,维持,（2023）闽0128行初2号,\n\
平潭综合实验区社会事业局,2023,直接起诉,维持,（2023）闽0128行初3号,\n\
平潭综合实验区社会事业局,2023,直接起诉,尚未审结,（2023）闽0128行初4号,\n\
平潭综合实验区社会事业局,2023,复议后起诉,维持,（2023）闽0128行初5号,\n\
平潭综合实验区自然资源与生态环境局,2023,直接起诉,维持,（2023）闽0128行初6号,\n\
平潭综合实验区社会事业局,2022,复议,纠正,岚政复〔2022〕9号,\n";

/// The seven units' reports (not the zone's aggregate) and the roster.
fn setup(name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let reports = dir.join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    for e in std::fs::read_dir(corpus().join("pingtan-2023")).unwrap() {
        let p = e.unwrap().path();
        if !p.to_string_lossy().contains("zone_aggregate") {
            std::fs::copy(&p, reports.join(p.file_name().unwrap())).unwrap();
        }
    }
    std::fs::write(dir.join("roster.csv"), ROSTER).unwrap();
    (dir, reports)
}

/// A night with `register`: its CASES_MISMATCH findings (file, cells, message) and stderr.
fn compare(dir: &Path, reports: &Path, register: &str) -> (Vec<String>, String) {
    let reg = dir.join("案件登记.csv");
    std::fs::write(&reg, register).unwrap();
    let out = dir.join("out");
    let o = night(
        reports,
        &out,
        &[
            "--roster",
            dir.join("roster.csv").to_str().unwrap(),
            "--cases",
            reg.to_str().unwrap(),
            "-q",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let found = read_csv(&out.join("findings.csv"))
        .into_iter()
        .filter(|f| f["check"] == "CASES_MISMATCH")
        .map(|f| {
            format!(
                "{} {} {}",
                f["source"].rsplit('/').next().unwrap_or(""),
                f["cells"],
                f["message"].split(" / ").next().unwrap_or("")
            )
        })
        .collect();
    (found, stderr(&o))
}

#[test]
fn a_register_that_agrees_finds_nothing() {
    let (dir, reports) = setup("cases-agree");
    let (found, _) = compare(&dir, &reports, REGISTER);
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn a_register_that_disagrees_names_the_cases() {
    let (dir, reports) = setup("cases-disagree");
    // The review was corrected, by the register.
    let reg = REGISTER.replace(
        "2023,复议,维持,岚政复〔2023〕1号",
        "2023,复议,纠正,岚政复〔2023〕1号",
    );
    let (found, _) = compare(&dir, &reports, &reg);
    assert_eq!(
        found,
        [
            // findings.csv's order: by cells.
            "hzs_xingzhengshenpi.html t4.review.corrected 表四“行政复议”“结果纠正”为0件，而司法局案件登记为1件（案号：岚政复〔2023〕1号）；请核实",
            "hzs_xingzhengshenpi.html t4.review.upheld 表四“行政复议”“结果维持”为1件，而司法局案件登记为0件（登记中没有此类案件）；请核实",
        ]
    );
    // A lawsuit the register does not have.
    let reg = REGISTER.replace(
        "平潭综合实验区社会事业局,2023,直接起诉,尚未审结,（2023）闽0128行初4号,\n",
        "",
    );
    let (found, _) = compare(&dir, &reports, &reg);
    assert_eq!(
        found,
        ["shs_shehuishiye.html t4.suit_direct.pending 表四“行政诉讼·未经复议直接起诉”“尚未审结”为1件，而司法局案件登记为0件（登记中没有此类案件）；请核实"]
    );
}

#[test]
fn a_review_body_as_co_defendant_is_not_counted_for_itself() {
    let (dir, reports) = setup("cases-codefendant");
    let reg = REGISTER.replace(",复议机关共同被告", ",");
    let (found, _) = compare(&dir, &reports, &reg);
    assert_eq!(
        found,
        ["gwh_guanweihuibangongshi.html t4.suit_after_review.other 表四“行政诉讼·复议后起诉”“其他结果”为0件，而司法局案件登记为1件（案号：（2023）闽0128行初11号）；请核实"]
    );
}

#[test]
fn a_register_body_with_no_report_is_said_and_a_bad_register_stops_the_run() {
    let (dir, reports) = setup("cases-bad");
    let reg = format!("{REGISTER}平潭综合实验区财政金融局,2023,复议,维持,岚政复〔2023〕7号,\n");
    let (found, err) = compare(&dir, &reports, &reg);
    assert!(found.is_empty(), "{found:?}");
    assert!(
        err.contains(
            "案件登记中以下单位没有计入的2023年度报告，其案件未比对：平潭综合实验区财政金融局"
        ),
        "{err}"
    );
    let bad = REGISTER.replace("2023,直接起诉,尚未审结", "2023,直接起诉,撤回");
    std::fs::write(dir.join("bad.csv"), bad).unwrap();
    let o = night(
        &reports,
        &dir.join("out2"),
        &["--cases", dir.join("bad.csv").to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("案件登记第8行：结果“撤回”无法识别（维持、纠正、其他、尚未审结）"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.join("out2").exists());
    // A workbook is refused in the register's words, not the roster's.
    std::fs::write(dir.join("案件登记.xlsx"), b"PK\x03\x04 not a csv").unwrap();
    let o = night(
        &reports,
        &dir.join("out3"),
        &["--cases", dir.join("案件登记.xlsx").to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("是 Excel 工作簿，请在 Excel 中“另存为”CSV"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("案件登记"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("名册"), "{}", stderr(&o));
}
