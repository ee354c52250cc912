//! The command line: exit statuses, `check`, `show`, the default command, and byte-identical
//! outputs whatever `--jobs` is.

mod common;

use common::{read_csv, run, scratch};
use std::fs;

const SEED: &str = "tests/data/real/000_49a35c6be02d9886.txt";
const JJF: &str = "tests/data/real/pingtan-2023/jjf_jingjifazhan.html";
const JJP: &str = "tests/data/real/pingtan-2023/jjp_jinjingpianqu.html";
const HONGZE: &str = "tests/data/real/hongze-district-2024.pdf";

#[test]
fn jobs_1_and_4_give_byte_identical_outputs() {
    let a = scratch("jobs1");
    let b = scratch("jobs4");
    let oa = run(&[
        "run",
        "data/reports",
        "tests/data/real/pingtan-2023",
        "--out",
        a.to_str().unwrap(),
        "--jobs",
        "1",
        "-q",
    ]);
    let ob = run(&[
        "run",
        "data/reports",
        "tests/data/real/pingtan-2023",
        "--out",
        b.to_str().unwrap(),
        "--jobs",
        "4",
        "-q",
    ]);
    assert_eq!(oa.status.code(), ob.status.code());
    for f in [
        "units.csv",
        "district.csv",
        "findings.csv",
        "units.parquet",
        "summary.md",
        "district.xlsx",
        "report.html",
    ] {
        let (x, y) = (fs::read(a.join(f)).unwrap(), fs::read(b.join(f)).unwrap());
        assert!(!x.is_empty());
        assert!(x == y, "{f} differs between --jobs 1 and --jobs 4");
    }
    // The manifest records the arguments (which differ); everything else is the same.
    let strip = |p: &std::path::Path| {
        let mut v: serde_json::Value = serde_json::from_slice(&fs::read(p).unwrap()).unwrap();
        v.as_object_mut().unwrap().remove("arguments");
        v
    };
    assert_eq!(
        strip(&a.join("manifest.json")),
        strip(&b.join("manifest.json"))
    );
    let m = strip(&a.join("manifest.json"));
    assert_eq!(
        m["started"], "2026-01-01T08:00:00+08:00",
        "SOURCE_DATE_EPOCH fixes the clock; the time is the office's, with its offset"
    );
    assert_eq!(m["inputs"].as_array().unwrap().len(), 45);
    assert_eq!(
        m["inputs"][0]["path"], "data/reports/000_49a35c6be02d9886.txt",
        "sorted by path"
    );
    assert_eq!(
        m["inputs"][37]["path"], "tests/data/real/pingtan-2023/gwh_guanweihuibangongshi.html",
        "sorted by path"
    );
    let inputs = m["inputs"].as_array().unwrap();
    let first = inputs
        .iter()
        .find(|i| i["path"] == "data/reports/000_49a35c6be02d9886.txt")
        .unwrap();
    assert_eq!(first["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(first["format"], "text");
    assert_eq!(first["encoding"], "UTF-8");
    let format_of = |path: &str| {
        inputs
            .iter()
            .find(|i| i["path"] == path)
            .map(|i| (i["format"].clone(), i["status"].clone()))
            .unwrap()
    };
    assert_eq!(
        format_of("data/reports/08_财政局.docx"),
        ("docx".into(), "ok".into())
    );
    assert_eq!(
        format_of("data/reports/13_交通运输局.pdf"),
        ("pdf".into(), "ok".into())
    );
    assert_eq!(
        format_of("data/reports/33_档案馆.pdf"),
        ("pdf".into(), "failed".into())
    );
}

#[test]
fn no_subcommand_runs_the_rollup() {
    let out = scratch("default");
    let o = run(&["data/reports", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let stdout = common::stdout(&o);
    assert!(
        stdout.contains("报告37份：计入32，未计入3，无法读取2 / 37 reports: 32 summed, 3 not summed, 2 unreadable"),
        "{stdout}"
    );
    // The last line says why the status is 1.
    assert!(
        stdout
            .trim_end()
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("退出状态1：有") && l.contains("--fail-on error")),
        "{stdout}"
    );
    let summary = fs::read_to_string(out.join("summary.md")).unwrap();
    assert!(summary.contains("## 三、收到和处理政府信息公开申请情况"));
    assert!(summary.contains("| （七）总计 |"));
    assert!(summary.contains("### 临江区商务局"));
}

#[test]
fn fail_on_sets_the_exit_status() {
    let out = scratch("failon");
    let o = |level: &str, file: &str| {
        run(&[
            "run",
            file,
            "--out",
            out.to_str().unwrap(),
            "-q",
            "--fail-on",
            level,
        ])
        .status
        .code()
    };
    assert_eq!(o("error", JJF), Some(1), "UNANSWERED is an error");
    assert_eq!(o("never", JJF), Some(0));
    assert_eq!(o("error", JJP), Some(0), "only a warning (blank cell)");
    assert_eq!(o("warning", JJP), Some(1));
    assert_eq!(o("warning", SEED), Some(0), "the seed has no finding");
}

#[test]
fn bad_arguments_exit_2_and_write_nothing() {
    let out = scratch("badargs");
    let dest = out.join("o");
    assert_eq!(
        run(&["run", SEED, "--jobs", "0", "--out", dest.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&["run", "no/such/folder", "--out", dest.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&["run", SEED, "--year", "99", "--out", dest.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&["run", SEED, "--fail-on", "sometimes"]).status.code(),
        Some(2)
    );
    assert!(!dest.exists());
    let file = out.join("a-file");
    fs::write(&file, "x").unwrap();
    let o = run(&["run", SEED, "--out", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(common::stderr(&o).contains("is not a folder"));
}

#[test]
fn check_prints_findings_per_file() {
    let o = run(&["check", JJF, SEED]);
    assert_eq!(o.status.code(), Some(1));
    let s = common::stdout(&o);
    assert!(s.contains("平潭综合实验区经济发展局 2023"), "{s}");
    assert!(
        s.contains("error UNANSWERED 有3件申请既未办结也未结转下年"),
        "{s}"
    );
    assert!(
        s.contains("杭州钱江经济开发区 2022 · ok]\n  no findings"),
        "{s}"
    );
    let o = run(&["check", SEED, "--year", "2023"]);
    assert_eq!(o.status.code(), Some(0), "YEAR_MISMATCH is a warning");
    assert!(common::stdout(&o).contains("YEAR_MISMATCH"));
}

#[test]
fn show_gives_every_cell_with_state_and_place() {
    let o = run(&["show", JJP]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["format"], "html");
    assert_eq!(v["report"]["unit"], "平潭综合实验区金井片区管理局");
    let cells = v["report"]["t3"]["cells"].as_array().unwrap();
    assert_eq!(cells.len(), 25 * 7);
    let blank = cells
        .iter()
        .find(|c| c["key"] == "t3.carried_forward.commercial")
        .unwrap();
    assert_eq!(blank["state"], "blank");
    assert_eq!(blank["place"]["kind"], "table");
    assert_eq!(blank["place"]["table"], 2);
    let new = cells
        .iter()
        .find(|c| c["key"] == "t3.new_received.total")
        .unwrap();
    assert_eq!(
        (new["state"].as_str(), new["value"].as_str()),
        (Some("number"), Some("1"))
    );
    let o = run(&["show", SEED]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let first = &v["report"]["t3"]["cells"][0];
    assert_eq!(first["place"]["kind"], "line");
    assert_eq!(first["raw"], "2");
    // A PDF cell: its page and position.
    let o = run(&["show", HONGZE]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["format"], "pdf");
    let natural = &v["report"]["t3"]["cells"][0];
    assert_eq!(natural["key"], "t3.new_received.natural");
    assert_eq!(natural["value"], "95");
    assert_eq!(natural["place"]["kind"], "pdf");
    assert_eq!(natural["place"]["page"], 3);
    // A Word cell: its table, row and column.
    let o = run(&["show", "data/reports/08_财政局.docx"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let natural = &v["report"]["t3"]["cells"][0];
    assert_eq!(
        (
            &natural["place"]["kind"],
            &natural["place"]["table"],
            &natural["place"]["row"],
            &natural["place"]["col"]
        ),
        (&"table".into(), &2.into(), &4.into(), &4.into())
    );
}

#[test]
fn show_rows_gives_what_the_reader_saw() {
    let o = run(&["show", "--rows", HONGZE]);
    assert_eq!(o.status.code(), Some(0));
    let text = common::stdout(&o);
    assert!(
        text.starts_with("# tests/data/real/hongze-district-2024.pdf (pdf)\n"),
        "{text}"
    );
    assert!(
        text.lines().any(|l| l.starts_with("page 3 ")
            && l.ends_with("\t一、本年新收政府信息公开申请数量 | 95 | 0 | 0 | 0 | 0 | 0 | 95")),
        "{text}"
    );
    // The vertical label of table 三, one character per line, is one cell.
    assert!(
        text.contains("三⏎、⏎本⏎年⏎度⏎办⏎理⏎结⏎果 | （一）予以公开 | 50"),
        "{text}"
    );
    let o = run(&["show", "--rows", "data/reports/32_统计局.doc"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(common::stdout(&o).contains("save it as .docx"));
}

#[test]
fn units_csv_keeps_blank_apart_from_zero() {
    let out = scratch("blank");
    run(&["run", JJP, "--out", out.to_str().unwrap(), "-q"]);
    let units = read_csv(&out.join("units.csv"));
    assert_eq!(units[0]["t3.carried_forward.commercial"], "");
    assert_eq!(units[0]["t3.carried_forward.natural"], "0");
    let district = read_csv(&out.join("district.csv"));
    assert_eq!(district[0]["t3.carried_forward.commercial"], "");
    assert_eq!(district[0]["t3.new_received.total"], "1");
}

#[test]
fn units_parquet_reads_back_with_types() {
    use polars::prelude::{ParquetReader, SerReader};
    let out = scratch("parquet");
    run(&[
        "run",
        "tests/data/real/pingtan-2023",
        "--out",
        out.to_str().unwrap(),
        "-q",
    ]);
    let file = fs::File::open(out.join("units.parquet")).unwrap();
    let df = ParquetReader::new(file).finish().unwrap();
    assert_eq!(df.height(), 8);
    let units = df.column("unit").unwrap().str().unwrap().clone();
    let row = (0..df.height())
        .find(|i| units.get(*i) == Some("平潭综合实验区"))
        .expect("the zone's page");
    let new = df
        .column("t3.new_received.total")
        .unwrap()
        .i64()
        .unwrap()
        .get(row);
    assert_eq!(new, Some(81));
    let fee = df
        .column("t2.fees_10k_yuan")
        .unwrap()
        .str()
        .unwrap()
        .get(row);
    assert_eq!(fee, Some("5949.088667"), "money stays an exact decimal");
    let jjp = (0..df.height())
        .find(|i| units.get(*i) == Some("平潭综合实验区金井片区管理局"))
        .unwrap();
    let blank = df
        .column("t3.carried_forward.commercial")
        .unwrap()
        .i64()
        .unwrap()
        .get(jjp);
    assert_eq!(blank, None, "a blank cell is null, not 0");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // `check … | head -1`: the reader has what it wanted; no error, exit 0, as `rg` does.
    for args in [
        &["check", "data/reports"][..],
        &["show", "data/reports/01_人民政府办公室.html"][..],
        &["show", "--rows", "data/reports/01_人民政府办公室.html"][..],
    ] {
        let o = common::run_into_closed_pipe(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", common::stderr(&o));
        assert_eq!(common::stderr(&o), "", "{args:?}");
    }
    // A run whose story cannot be printed has still written its outputs: its exit status is
    // the findings' (1), not an error's (2).
    let out = scratch("closed_pipe_run");
    let o = common::run_into_closed_pipe(&["run", "data/reports", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", common::stderr(&o));
    assert!(
        !common::stderr(&o).contains("cannot write"),
        "{}",
        common::stderr(&o)
    );
    assert!(out.join("findings.csv").is_file());
    let _ = fs::remove_dir_all(&out);
}
