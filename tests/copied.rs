//! Copies of last year (issue 21): `PROSE_COPIED` when parts 一 or 五 are last year's again
//! (figures aside), `YEAR_STATED_AS_LAST` when the statistics period is last year's — on the
//! real 平潭 pages and mutants of them; and no false alarm between different units' real pages.

mod common;

use common::{corpus, night, read_csv, scratch, stderr, PINGTAN_PAGES};
use gid_rollup::input::load::parse_bytes;
use gid_rollup::template::likeness::ProsePrint;

fn page(name: &str) -> String {
    std::fs::read_to_string(corpus().join(format!("pingtan-2023/{name}.html"))).unwrap()
}

fn print_of(text: &str) -> ProsePrint {
    let f = parse_bytes(text.as_bytes(), "html", "unit", "x.html");
    let r = f.report.expect("a report");
    ProsePrint::of(
        r.sections.overview.as_deref(),
        r.sections.improvement.as_deref(),
    )
    .expect("parts 一 and 五 long enough")
}

#[test]
fn different_units_real_prose_is_not_alike() {
    let units: Vec<&str> = PINGTAN_PAGES
        .iter()
        .copied()
        .filter(|p| !p.starts_with("zone"))
        .collect();
    let prints: Vec<ProsePrint> = units.iter().map(|u| print_of(&page(u))).collect();
    let mut most = 0;
    for (i, a) in prints.iter().enumerate() {
        for b in &prints[i + 1..] {
            for (_, pct) in a.likeness(b) {
                most = most.max(pct);
            }
        }
        // Each with itself: the same.
        assert!(a.likeness(a).iter().all(|(_, p)| *p == 100));
    }
    // The threshold is 80%: the real units of one zone, written in one template, stay far below.
    assert!(most < 50, "{most}");
}

#[test]
fn last_years_report_sent_again_with_this_years_figures_is_found() {
    let dir = scratch("copied");
    let (now, last) = (dir.join("now"), dir.join("last"));
    std::fs::create_dir_all(&now).unwrap();
    std::fs::create_dir_all(&last).unwrap();
    // Last year's: the same words, the years one less and other figures (14 规范性文件 in
    // force, not 16: its tables are not this year's again).
    let text = page("hzs_xingzhengshenpi");
    std::fs::write(now.join("hzs.html"), &text).unwrap();
    std::fs::write(
        last.join("hzs_2022.html"),
        text.replace("2023", "2022")
            .replace("申请7件", "申请9件")
            .replace("<p>16</p>", "<p>14</p>"),
    )
    .unwrap();
    // Another unit's real page beside it, last year's its own other words.
    std::fs::write(now.join("jtj.html"), page("jtj_jiaotongjianshe")).unwrap();
    std::fs::write(
        last.join("jtj_2022.html"),
        page("jjp_jinjingpianqu")
            .replace("2023", "2022")
            .replace("金井片区管理局", "交通与建设局"),
    )
    .unwrap();
    let out = dir.join("out");
    let o = night(
        &now,
        &out,
        &["--previous", last.to_str().unwrap(), "--year", "2023", "-q"],
    );
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let copied: Vec<(String, String)> = read_csv(&out.join("findings.csv"))
        .into_iter()
        .filter(|f| f["check"] == "PROSE_COPIED")
        .map(|f| {
            (
                f["source"].rsplit('/').next().unwrap().to_string(),
                f["message"].clone(),
            )
        })
        .collect();
    assert_eq!(copied.len(), 1, "{copied:?}");
    assert_eq!(copied[0].0, "hzs.html");
    assert!(
        copied[0].1.starts_with("“一、总体情况”（相似度约100%）、“五、存在的主要问题及改进情况”（相似度约100%）与上年报告"),
        "{copied:?}"
    );
    // A warm night (every record from the cache, its fingerprint with it) finds the same.
    let first = std::fs::read(out.join("findings.csv")).unwrap();
    let o = night(
        &now,
        &out,
        &["--previous", last.to_str().unwrap(), "--year", "2023", "-q"],
    );
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    assert_eq!(common::manifest(&out)["cache"]["records_reused"], 2);
    assert_eq!(std::fs::read(out.join("findings.csv")).unwrap(), first);
}

#[test]
fn a_report_whose_statistics_period_is_last_years_is_found() {
    // The real 金井片区 page says 统计期限自2023年1月1日至2023年12月31日; its title is this
    // year's, the period last year's.
    let text = page("jjp_jinjingpianqu");
    let said = |t: &str| -> Vec<String> {
        parse_bytes(t.as_bytes(), "html", "unit", "jjp.html")
            .findings
            .iter()
            .filter(|f| f.check.id() == "YEAR_STATED_AS_LAST")
            .map(|f| f.message().zh().to_string())
            .collect()
    };
    let titled =
        format!("<p>平潭综合实验区金井片区管理局2024年度政府信息公开工作年度报告</p>{text}");
    assert_eq!(
        said(&titled),
        ["这是2024年度报告，但正文的统计期限写的是2023年；请核实是否沿用了上年报告的文字"]
    );
    // As published: the period is the report's year.
    assert_eq!(said(&text), Vec::<String>::new());
    let titled =
        format!("<p>平潭综合实验区金井片区管理局2023年度政府信息公开工作年度报告</p>{text}");
    assert_eq!(said(&titled), Vec::<String>::new());
}
