//! Safe to leave running every night: the run never reads its own outputs or an office folder's
//! junk as reports, never blanks good outputs (nothing found, far fewer found, a write that
//! fails, a run killed while writing), runs once per output folder at a time, and replaces the
//! output set whole.

mod common;

use common::{command, copy_reports, manifest, read_csv, root, scratch, stderr};
use gid_rollup::finding::Check;
use gid_rollup::input::load::parse_bytes;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Output;

/// `run INPUT --out OUT EXTRA… -q`.
fn rollup(input: &Path, out: &Path, extra: &[&str]) -> Output {
    command()
        .arg("run")
        .arg(input)
        .arg("--out")
        .arg(out)
        .args(extra)
        .arg("-q")
        .output()
        .expect("the binary runs")
}

/// Every file of a folder and its folders (the notices in `通知/`), by path under it.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if e.file_type().unwrap().is_dir() {
            for (inner, bytes) in snapshot(&e.path()) {
                out.insert(format!("{name}/{inner}"), bytes);
            }
        } else {
            out.insert(name, fs::read(e.path()).unwrap());
        }
    }
    out
}

/// The names in a folder.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// The top row's value of a cell in district.csv.
fn district_total(dir: &Path, key: &str) -> String {
    read_csv(&dir.join("district.csv"))[0][key].clone()
}

/// One night's run with `--out` inside the reports folder, as a clerk would set it up.
fn night(reports: &Path) -> Output {
    rollup(reports, &reports.join("汇总"), &[])
}

#[test]
fn outputs_and_office_junk_inside_the_reports_folder_are_passed_over_night_after_night() {
    let s = scratch("inside");
    let reports = s.join("报告");
    copy_reports(&reports);
    for junk in [
        "Thumbs.db",
        "desktop.ini",
        ".DS_Store",
        "~$财政局.docx",
        ".~lock.财政局.docx#",
        "下载.tmp",
    ] {
        fs::write(reports.join(junk), b"\xd0\xcf\x11\xe0 not a report").unwrap();
    }
    let out = reports.join("汇总");

    let first = night(&reports);
    assert_eq!(first.status.code(), Some(1), "{}", stderr(&first));
    let m = manifest(&out);
    let passed = &m["passed_over"];
    assert_eq!(passed["output_file"], 0);
    assert_eq!(passed["office_lock"], 2, "{passed}");
    assert_eq!(passed["system_file"], 3, "{passed}");
    assert_eq!(passed["temporary_file"], 1, "{passed}");
    assert_eq!(
        passed["run_lock"], 1,
        "the run's own lock sits in the folder: {passed}"
    );
    assert_eq!(m["reports_read"], 37);
    // None of the junk is a finding.
    for f in read_csv(&out.join("findings.csv")) {
        assert!(
            !["Thumbs", "desktop", "DS_Store", "~$", "~lock", ".tmp"]
                .iter()
                .any(|j| f["source"].contains(j)),
            "{f:?}"
        );
    }
    assert_eq!(district_total(&out, "t3.new_received.total"), "573");
    let first_district = fs::read(out.join("district.csv")).unwrap();
    let first_units = read_csv(&out.join("units.csv")).len();
    // `check` on the folder passes over the same files, and the night's cache by its tag (it
    // has no cache of its own to know it by), and says so.
    let o = command().arg("check").arg(&reports).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let said = common::stdout(&o);
    assert!(
        said.ends_with(
            "passed over: 9 output files, 2 Office lock files, 3 system files, 1 temporary file, 1 record cache folder\n"
        ),
        "{said}"
    );
    // A clerk's renamed copy of last night's page among the reports.
    fs::copy(out.join("report.html"), reports.join("去年汇总.html")).unwrap();

    let second = night(&reports);
    assert_eq!(second.status.code(), Some(1), "{}", stderr(&second));
    assert_eq!(
        fs::read(out.join("district.csv")).unwrap(),
        first_district,
        "the second night sums the same reports, not last night's outputs"
    );
    assert_eq!(district_total(&out, "t3.new_received.total"), "573");
    assert_eq!(read_csv(&out.join("units.csv")).len(), first_units);
    let m = manifest(&out);
    assert_eq!(
        m["passed_over"]["output_file"], 10,
        "8 files and the notices' folder in 汇总/, and the copy"
    );
    let paths: Vec<&str> = m["passed_over_paths"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "output_file")
        .map(|p| p["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.iter().any(|p| p.ends_with("去年汇总.html")),
        "{paths:?}"
    );
    let summary = fs::read_to_string(out.join("summary.md")).unwrap();
    assert!(
        summary.contains("passed over: 10 output files, 1 run lock file, 2 Office lock files, 3 system files, 1 temporary file"),
        "{summary}"
    );
    assert!(
        summary.contains("已跳过：本工具的输出文件10个"),
        "{summary}"
    );
    // The record cache inside the reports folder is one thing passed over, never reports.
    assert!(summary.contains("本工具的记录缓存文件夹1个"), "{summary}");
    // Last night's set is kept whole beside the new one; nothing else is left.
    assert_eq!(
        fs::read(reports.join("汇总.previous/district.csv")).unwrap(),
        first_district
    );
    let beside: Vec<String> = names(&reports)
        .into_iter()
        .filter(|n| n.contains("汇总") && n != "去年汇总.html")
        .collect();
    // Beside the set: last night's, and the record cache (passed over as such).
    assert_eq!(beside, ["汇总", "汇总.cache", "汇总.previous"]);
    let mut outputs: Vec<String> = gid_rollup::output::output_names()
        .into_iter()
        .map(String::from)
        .collect();
    outputs.push("通知".to_string());
    outputs.sort();
    assert_eq!(outputs.len(), 9);
    assert_eq!(
        names(&out),
        outputs,
        "exactly the outputs, no temporary file"
    );

    // The third night passes over both sets.
    let third = night(&reports);
    assert_eq!(third.status.code(), Some(1));
    assert_eq!(manifest(&out)["passed_over"]["output_file"], 19);
    assert_eq!(fs::read(out.join("district.csv")).unwrap(), first_district);
}

#[test]
fn nothing_to_read_or_far_fewer_reports_keep_last_nights_outputs() {
    let s = scratch("nothing");
    let out = s.join("out");
    let reports = root().join("data/reports");
    let o = rollup(&reports, &out, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let last = snapshot(&out);
    assert_eq!(last.keys().filter(|k| !k.contains('/')).count(), 8);
    assert!(last.contains_key("通知/清单.csv"));

    let unchanged = |what: &str, o: &Output, says: &[&str]| {
        assert_eq!(o.status.code(), Some(2), "{what}: exit 2\n{}", stderr(o));
        for said in says {
            assert!(
                stderr(o).contains(said),
                "{what}: says {said:?}\n{}",
                stderr(o)
            );
        }
        assert!(
            snapshot(&out) == last,
            "{what}: last night's outputs byte-identical"
        );
        assert!(
            !s.join("out.previous").exists(),
            "{what}: nothing was swapped"
        );
        assert!(!s.join("out.lock").exists(), "{what}: the lock is gone");
    };
    let empty = s.join("empty");
    fs::create_dir_all(&empty).unwrap();
    unchanged(
        "an empty (unmounted) folder",
        &rollup(&empty, &out, &[]),
        &[
            "没有找到任何报告文件",
            "no report file found",
            "previous outputs",
        ],
    );
    let o = command().arg("check").arg(&empty).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "check on nothing: {}", stderr(&o));
    assert!(
        stderr(&o).contains("no report file found"),
        "{}",
        stderr(&o)
    );
    unchanged(
        "a missing folder",
        &rollup(&s.join("not-mounted"), &out, &[]),
        &["找不到", "input not found", "no output was changed"],
    );
    let junk = s.join("junk");
    fs::create_dir_all(&junk).unwrap();
    for j in ["Thumbs.db", "~$报告.docx", ".~lock.报告.docx#"] {
        fs::write(junk.join(j), "x").unwrap();
    }
    unchanged(
        "a folder of junk only",
        &rollup(&junk, &out, &[]),
        &[
            "no report file found",
            "passed over: 2 Office lock files, 1 system file",
        ],
    );
    // A link to a share that went away: its problem is said, and nothing is replaced.
    let gone = s.join("gone");
    fs::create_dir_all(&gone).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(s.join("unmounted-share"), gone.join("报告")).unwrap();
    #[cfg(unix)]
    unchanged(
        "a folder whose link leads nowhere",
        &rollup(&gone, &out, &[]),
        &["no report file found", "a link whose target is missing"],
    );
    let few = s.join("few");
    fs::create_dir_all(&few).unwrap();
    for f in ["02_发展和改革局.txt", "06_民政局.txt", "03_教育局.html"] {
        fs::copy(reports.join(f), few.join(f)).unwrap();
    }
    unchanged(
        "far fewer reports than last night",
        &rollup(&few, &out, &[]),
        &[
            "only 3 report(s) summed this time against 32 last time",
            "--allow-shrink",
        ],
    );
    // Told that it is right, the run replaces the set.
    let o = rollup(&few, &out, &["--allow-shrink"]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    assert_eq!(manifest(&out)["units_included"], 3);
    assert_eq!(snapshot(&s.join("out.previous")), last);
}

#[test]
fn a_second_run_on_the_same_output_folder_stops_at_once_naming_the_first() {
    let s = scratch("locked");
    let out = s.join("out");
    let reports = root().join("data/reports");
    // A run in progress: the lock held, its holder written.
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(true)
        .write(true)
        .open(s.join("out.lock"))
        .unwrap();
    lock.lock().unwrap();
    fs::write(
        s.join("out.lock"),
        format!(
            "{{\"tool\":\"gid-rollup\",\"lock\":true,\"pid\":{},\"started\":\"2026-12-01T01:00:00Z\",\"host\":\"office-pc\"}}",
            std::process::id()
        ),
    )
    .unwrap();
    let o = rollup(&reports, &out, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains(&format!("pid {}", std::process::id())), "{e}");
    assert!(
        // The holder's start in the office's zone (an older lock's UTC time too).
        e.contains("2026-12-01 09:00 +08:00") && e.contains("office-pc"),
        "{e}"
    );
    assert!(e.contains("另一次汇总正在写入"), "{e}");
    assert!(!out.exists(), "the second run wrote nothing");
    assert!(
        s.join("out.lock").exists(),
        "the holder's lock is not touched"
    );
    drop(lock);
    fs::remove_file(s.join("out.lock")).unwrap();

    // Two real runs started together: each finishes or stops at once; the set on disk is one
    // run's, complete.
    for round in 0..3 {
        let spawn = || {
            command()
                .arg("run")
                .arg(&reports)
                .arg("--out")
                .arg(&out)
                .arg("-q")
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        let mut codes = [a.status.code(), b.status.code()];
        codes.sort();
        assert!(
            codes == [Some(1), Some(1)] || codes == [Some(1), Some(2)],
            "round {round}: {codes:?}\n{}\n{}",
            stderr(&a),
            stderr(&b)
        );
        for o in [&a, &b] {
            if o.status.code() == Some(2) {
                assert!(
                    stderr(o).contains("another gid-rollup run"),
                    "{}",
                    stderr(o)
                );
            }
        }
        // The eight files and the notices' folder.
        assert_eq!(names(&out).len(), 9, "round {round}: a complete set");
        let m = manifest(&out);
        assert_eq!(
            m["inputs"].as_array().unwrap().len(),
            read_csv(&out.join("units.csv")).len(),
            "round {round}: one run's manifest and units.csv"
        );
        let beside: Vec<String> = names(&s)
            .into_iter()
            // The record cache lives beside the outputs, night after night.
            .filter(|n| n != "out" && n != "out.previous" && n != "out.cache")
            .collect();
        assert!(beside.is_empty(), "round {round}: left beside: {beside:?}");
    }
}

#[test]
fn a_lock_left_by_a_run_that_died_is_taken_over_with_a_note() {
    let s = scratch("stale-lock");
    let out = s.join("out");
    fs::write(
        s.join("out.lock"),
        r#"{"tool":"gid-rollup","lock":true,"pid":4000000,"started":"2026-12-01T01:00:00Z","host":"office-pc"}"#,
    )
    .unwrap();
    let o = rollup(&root().join("data/reports"), &out, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("took over the lock left by an earlier run (pid 4000000"),
        "{}",
        stderr(&o)
    );
    let notes = manifest(&out)["notes"].clone();
    assert!(
        notes[0].as_str().unwrap().contains("pid 4000000"),
        "{notes}"
    );
    assert!(!s.join("out.lock").exists(), "released at the end");
}

#[test]
fn a_run_that_fails_or_is_killed_while_writing_leaves_the_previous_set_as_it_was() {
    let s = scratch("failing");
    let out = s.join("out");
    let reports = root().join("data/reports");
    let o = rollup(&reports, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    let last = snapshot(&out);
    for fail in ["units.csv", "report.html", "manifest.json"] {
        let o = command()
            .env("GID_ROLLUP_FAIL_WRITE", fail)
            .args(["run", "--out"])
            .arg(&out)
            .arg(&reports)
            .arg("-q")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{fail}: {}", stderr(&o));
        assert!(stderr(&o).contains("outputs not updated"), "{}", stderr(&o));
        assert!(stderr(&o).contains("are unchanged"), "{}", stderr(&o));
        assert!(snapshot(&out) == last, "{fail}: the old set is intact");
        // The records read so far are kept (the cache is not an output).
        assert_eq!(
            names(&s),
            ["out", "out.cache"],
            "{fail}: nothing stale beside"
        );
    }
    // Killed while writing (a file-size limit stops it with SIGXFSZ): the old set is intact,
    // and the next run clears what the killed one left.
    let killed = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "ulimit -f 24; exec \"{}\" run \"{}\" --out \"{}\" -q",
            env!("CARGO_BIN_EXE_gid-rollup"),
            reports.display(),
            out.display()
        ))
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .output()
        .unwrap();
    assert!(
        !killed.status.success() && killed.status.code() != Some(1),
        "the run was stopped: {:?}",
        killed.status
    );
    assert!(
        snapshot(&out) == last,
        "killed mid-write: the old set is intact"
    );
    let left: Vec<String> = names(&s).into_iter().filter(|n| n != "out").collect();
    assert!(
        !left.is_empty(),
        "the killed run left its unfinished set or lock: {left:?}"
    );
    let o = rollup(&reports, &out, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        names(&s),
        ["out", "out.cache", "out.previous"],
        "leftovers removed"
    );
    assert!(snapshot(&s.join("out.previous")) == last);
}

#[test]
fn a_folder_of_someone_elses_files_is_never_used_as_the_output_folder() {
    let s = scratch("foreign-out");
    fs::write(s.join("工作记录.docx"), "mine").unwrap();
    let o = rollup(&root().join("data/reports"), &s, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("工作记录.docx"), "{}", stderr(&o));
    assert_eq!(names(&s), ["工作记录.docx"], "nothing was moved or written");
    assert_eq!(fs::read(s.join("工作记录.docx")).unwrap(), b"mine");
}

#[test]
fn a_year_that_few_reports_match_is_warned_about_at_the_top() {
    let s = scratch("year");
    let out = s.join("out");
    let o = rollup(&root().join("data/reports"), &out, &["--year", "2024"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let warning = "the roll-up year is 2024, but only 1 of 35 readable reports are for 2024: check the year (--year); the reports give 2025 (33), 2024 (1), 2022 (1)";
    assert!(
        stderr(&o).contains(warning),
        "on the terminal: {}",
        stderr(&o)
    );
    let summary = fs::read_to_string(out.join("summary.md")).unwrap();
    let top: String = summary.lines().take(5).collect::<Vec<_>>().join("\n");
    assert!(
        top.contains(warning) && top.contains("汇总年度为2024年"),
        "{top}"
    );
    assert!(fs::read_to_string(out.join("report.html"))
        .unwrap()
        .contains("only 1 of 35 readable reports"));
    // The year most reports give: no warning.
    let o = rollup(&root().join("data/reports"), &out, &[]);
    assert!(!stderr(&o).contains("roll-up year"), "{}", stderr(&o));
    assert_eq!(manifest(&out)["notes"], serde_json::json!([]));
    // A wrong --year in tomorrow's cron line would sum 1 report where 32 were: the good set
    // stays, and the message says why.
    let good = snapshot(&out);
    let o = rollup(&root().join("data/reports"), &out, &["--year", "2024"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("only 1 report(s) summed this time against 32 last time"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains(warning), "{}", stderr(&o));
    assert!(snapshot(&out) == good);
}

fn real(name: &str) -> Vec<u8> {
    fs::read(root().join("tests/data/real").join(name)).unwrap()
}

#[test]
fn a_file_holding_two_reports_is_a_finding_and_two_different_ones_are_not_summed() {
    let jjp = real("pingtan-2023/jjp_jinjingpianqu.html");
    let hzs = real("pingtan-2023/hzs_xingzhengshenpi.html");
    let seed = real("000_49a35c6be02d9886.txt");
    let checks = |bytes: &[u8], ext: &str| -> Vec<Check> {
        parse_bytes(bytes, ext, "x", "x")
            .findings
            .iter()
            .map(|f| f.check)
            .filter(|c| matches!(c, Check::TwoReports | Check::ReportRepeated))
            .collect()
    };
    assert_eq!(checks(&jjp, "html"), []);
    assert_eq!(checks(&seed, "txt"), []);
    assert_eq!(
        checks(&[&jjp[..], &jjp[..]].concat(), "html"),
        [Check::ReportRepeated]
    );
    assert_eq!(
        checks(&[&seed[..], b"\n", &seed[..]].concat(), "txt"),
        [Check::ReportRepeated]
    );
    assert_eq!(
        checks(&[&jjp[..], &hzs[..]].concat(), "html"),
        [Check::TwoReports]
    );

    // In a roll-up: the page saved twice counts once; two reports in one file not at all.
    let s = scratch("two-reports");
    let reports = s.join("reports");
    fs::create_dir_all(&reports).unwrap();
    fs::write(
        reports.join("jjp_twice.html"),
        [&jjp[..], &jjp[..]].concat(),
    )
    .unwrap();
    fs::write(
        reports.join("jjp_and_hzs.html"),
        [&jjp[..], &hzs[..]].concat(),
    )
    .unwrap();
    let single = s.join("single");
    fs::create_dir_all(&single).unwrap();
    fs::write(single.join("jjp.html"), &jjp).unwrap();
    let out = s.join("out");
    let o = rollup(&reports, &out, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let units = read_csv(&out.join("units.csv"));
    let included: BTreeMap<String, String> = units
        .iter()
        .map(|u| {
            (
                u["source"].rsplit('/').next().unwrap().to_string(),
                u["included"].clone(),
            )
        })
        .collect();
    assert_eq!(included["jjp_twice.html"], "true");
    assert_eq!(included["jjp_and_hzs.html"], "false");
    let findings = read_csv(&out.join("findings.csv"));
    let has = |file: &str, check: &str| {
        findings
            .iter()
            .any(|f| f["source"].ends_with(file) && f["check"] == check)
    };
    assert!(has("jjp_and_hzs.html", "TWO_REPORTS"));
    assert!(has("jjp_twice.html", "REPORT_REPEATED"));
    let one = s.join("out-single");
    let o = rollup(&single, &one, &[]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let key = "t3.new_received.total";
    assert_eq!(
        district_total(&out, key),
        district_total(&one, key),
        "summed once"
    );
}

#[test]
fn an_output_folder_of_an_earlier_version_is_recognised_and_replaced() {
    let s = scratch("upgrade");
    let reports = s.join("报告");
    copy_reports(&reports);
    let out = reports.join("汇总");
    assert_eq!(night(&reports).status.code(), Some(1));
    // As the version before the marks wrote it: no generator in the page, the manifest's keys
    // sorted (its "tool" far down, after the inputs).
    let page = fs::read_to_string(out.join("report.html")).unwrap();
    let old_page = page.replace("<meta name=\"generator\" content=\"gid-rollup 0.1.0\">", "");
    assert_ne!(page, old_page, "the page had the mark");
    fs::write(out.join("report.html"), old_page).unwrap();
    let m: BTreeMap<String, serde_json::Value> =
        serde_json::from_slice(&fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let old_manifest = serde_json::to_vec_pretty(&m).unwrap();
    let tool_at = String::from_utf8_lossy(&old_manifest)
        .find("\"tool\"")
        .unwrap();
    assert!(tool_at > 4096, "the tool's name comes late: {tool_at}");
    fs::write(out.join("manifest.json"), old_manifest).unwrap();

    let o = night(&reports);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(district_total(&out, "t3.new_received.total"), "573");
    // The eight files and the notices' folder.
    assert_eq!(manifest(&out)["passed_over"]["output_file"], 9);
    assert!(
        fs::read_to_string(reports.join("汇总.previous/report.html"))
            .unwrap()
            .contains("政府信息公开工作年度报告汇总")
    );
}

/// Many copies of one report: one is summed, and no message grows with their number (it names
/// ten others and counts the rest).
#[test]
fn many_copies_of_one_report_make_bounded_messages() {
    let s = scratch("copies");
    let reports = s.join("reports");
    fs::create_dir_all(&reports).unwrap();
    let seed = fs::read(root().join("tests/data/real/000_49a35c6be02d9886.txt")).unwrap();
    for i in 0..13 {
        fs::write(reports.join(format!("copy{i:02}.txt")), &seed).unwrap();
    }
    let out = s.join("out");
    let o = rollup(&reports, &out, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let findings = read_csv(&out.join("findings.csv"));
    let dups: Vec<_> = findings
        .iter()
        .filter(|f| f["check"] == "DUPLICATE_REPORT")
        .collect();
    assert_eq!(dups.len(), 13);
    let summed: Vec<_> = dups
        .iter()
        .filter(|f| f["message"].contains("is summed"))
        .collect();
    assert_eq!(summed.len(), 1);
    assert!(
        summed[0]["message"].contains("and 2 more"),
        "{}",
        summed[0]["message"]
    );
    assert_eq!(summed[0]["message"].matches("copy").count(), 10 + 10);
    assert_eq!(
        read_csv(&out.join("district.csv"))[0]["units_included"],
        "1"
    );
}
