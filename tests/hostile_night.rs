//! What a hostile night found (issue 23), each through the binary: a link planted at the lock,
//! names a spreadsheet would run as formulas, raw HTML in names, exit codes once the outputs are
//! in place, `accept` without a findings.csv, text with CR line ends, non-UTF-8 file names.

mod common;

use common::{corpus, manifest, night, read_csv, root, scratch, stderr};
use std::fs;
use std::path::Path;

const SEED: &str = "000_49a35c6be02d9886.txt";

/// A folder with the seed report under `name`.
fn seed_as(dir: &Path, name: &str) {
    fs::create_dir_all(dir).unwrap();
    fs::copy(corpus().join(SEED), dir.join(name)).unwrap();
}

#[cfg(unix)]
#[test]
fn a_link_planted_at_the_lock_is_refused_and_what_it_points_to_is_untouched() {
    let s = scratch("hostile-lock");
    let reports = s.join("reports");
    seed_as(&reports, SEED);
    let victim = s.join("重要文件.txt");
    fs::write(&victim, "财务数据，不可覆盖").unwrap();
    let out = s.join("out");
    std::os::unix::fs::symlink(&victim, s.join("out.lock")).unwrap();
    let o = night(&reports, &out, &["-q"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("is a symbolic link"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&victim).unwrap(), "财务数据，不可覆盖");
    assert!(!out.exists(), "nothing was written");
    assert!(fs::symlink_metadata(s.join("out.lock"))
        .unwrap()
        .file_type()
        .is_symlink());

    // Removed, the next night runs.
    fs::remove_file(s.join("out.lock")).unwrap();
    let o = night(&reports, &out, &["-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn an_empty_lock_left_behind_is_taken_over_and_said() {
    let s = scratch("hostile-empty-lock");
    let reports = s.join("reports");
    seed_as(&reports, SEED);
    fs::write(s.join("out.lock"), "").unwrap();
    let o = night(&reports, &s.join("out"), &["-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("took over an empty or damaged run lock"),
        "{}",
        stderr(&o)
    );
    assert!(manifest(&s.join("out"))["notes"][0]
        .as_str()
        .unwrap()
        .contains("接管"));
}

/// Whether any field of any row of the CSV at `path` would run as a formula in a spreadsheet.
fn formulas(path: &Path) -> Vec<String> {
    read_csv(path)
        .into_iter()
        .flat_map(|row| row.into_values())
        .filter(|v| {
            v.starts_with(['=', '+', '@', '\t', '\r'])
                || (v.starts_with('-') && v[1..].parse::<f64>().is_err())
        })
        .collect()
}

#[test]
fn names_a_spreadsheet_would_run_are_text_in_every_csv_and_escaped_in_the_summary() {
    let s = scratch("hostile-names");
    let reports = s.join("reports");
    seed_as(&reports, "=cmd|' -C calc'!A0.txt");
    // A unit whose title says a formula, in a file whose name carries HTML.
    let seed = fs::read_to_string(corpus().join(SEED)).unwrap();
    let (_, rest) = seed.split_once('\n').unwrap();
    fs::write(
        reports.join("+SUM(1+1)<img src=x onerror=alert(2)>.txt"),
        format!("@SUM(A1)|calc局2022年政府信息公开工作年度报告\n{rest}"),
    )
    .unwrap();
    // And a file that is not a report: a finding to accept below.
    fs::write(reports.join("@garbage.txt"), "这不是年度报告").unwrap();
    let accepted = s.join("accepted.csv");
    let out = s.join("out");
    // Run from inside the reports folder on the files by name, so that the sources themselves
    // begin with `=` and `+`.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_gid-rollup"))
        .current_dir(&reports)
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .args([
            "run",
            "=cmd|' -C calc'!A0.txt",
            "+SUM(1+1)<img src=x onerror=alert(2)>.txt",
            "@garbage.txt",
            "--out",
        ])
        .arg(&out)
        .arg("--accepted")
        .arg(&accepted)
        .arg("-q")
        .output()
        .unwrap();
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let units = read_csv(&out.join("units.csv"));
    let sources: Vec<&str> = units.iter().map(|u| u["source"].as_str()).collect();
    assert!(
        sources.contains(&"'+SUM(1+1)<img src=x onerror=alert(2)>.txt"),
        "{sources:?}"
    );
    assert!(sources.contains(&"'=cmd|' -C calc'!A0.txt"), "{sources:?}");
    assert!(
        units.iter().any(|u| u["unit"] == "'@SUM(A1)|calc局"),
        "{units:?}"
    );
    for csv in ["units.csv", "findings.csv", "district.csv"] {
        assert_eq!(formulas(&out.join(csv)), Vec::<String>::new(), "{csv}");
    }

    // The summary: no raw HTML, no broken table, from any name.
    let summary = fs::read_to_string(out.join("summary.md")).unwrap();
    for line in summary.lines() {
        let outside_code: String = line.split('`').step_by(2).collect();
        assert!(!outside_code.contains("<img"), "{line}");
        assert!(!outside_code.contains("<script"), "{line}");
    }
    assert!(
        summary.contains("@SUM(A1)\\|calc局"),
        "the unit's | escaped"
    );

    // An accepted finding whose reason begins with `=`: written as text, read back as it was.
    let id = read_csv(&out.join("findings.csv"))
        .first()
        .map(|f| f["id"].clone());
    assert!(id.is_some(), "a finding to accept");
    if let Some(id) = id {
        let o = common::command()
            .args([
                "accept",
                &id,
                "--reason",
                "=HYPERLINK(\"http://x\",\"y\")",
                "--by",
                "王",
            ])
            .arg("--out")
            .arg(&out)
            .arg("--accepted")
            .arg(&accepted)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let text = fs::read_to_string(&accepted).unwrap();
        assert!(
            text.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
            "{text}"
        );
    }
}

#[test]
fn accept_refuses_an_id_it_cannot_look_up() {
    let s = scratch("hostile-accept");
    let accepted = s.join("accepted.csv");
    let o = common::command()
        .args(["accept", "G0123456789a", "--reason", "已核实", "--by", "王"])
        .arg("--out")
        .arg(s.join("nonexistent"))
        .arg("--accepted")
        .arg(&accepted)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cannot look the ids up"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("nonexistent"),
        "it says where it looked"
    );
    assert!(!accepted.exists(), "nothing written");
}

#[test]
fn text_with_cr_line_ends_reads_as_the_same_report() {
    let s = scratch("hostile-cr");
    let lf = fs::read(corpus().join(SEED)).unwrap();
    let text = String::from_utf8(lf).unwrap().replace("\r\n", "\n");
    let (a, b) = (s.join("lf"), s.join("cr"));
    fs::create_dir_all(&a).unwrap();
    fs::create_dir_all(&b).unwrap();
    fs::write(a.join("开发区.txt"), &text).unwrap();
    fs::write(b.join("开发区.txt"), text.replace('\n', "\r")).unwrap();
    let cells = |dir: &Path, out: &str| {
        let o = night(dir, &s.join(out), &["-q", "--fail-on", "never"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let mut u = read_csv(&s.join(out).join("units.csv")).remove(0);
        u.retain(|k, _| k.starts_with("t") && k.contains('.') || k == "status");
        u
    };
    let (from_lf, from_cr) = (cells(&a, "out-lf"), cells(&b, "out-cr"));
    assert_eq!(from_lf["status"], "ok");
    assert_eq!(from_lf["t3.new_received.total"], "2");
    assert_eq!(from_cr, from_lf);
}

#[cfg(target_os = "linux")]
#[test]
fn once_the_outputs_are_in_place_a_terminal_that_cannot_be_written_keeps_the_exit_status() {
    let s = scratch("hostile-full");
    let reports = s.join("reports");
    seed_as(&reports, SEED);
    let full = || {
        fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let o = common::command()
        .args(["run"])
        .arg(&reports)
        .arg("--out")
        .arg(s.join("out"))
        .stdout(full())
        .stderr(full())
        .status()
        .unwrap();
    // The seed is clean: 0, as with a terminal; never 2 (nor a panic's 101) with a new set.
    assert_eq!(o.code(), Some(0));
    assert!(s.join("out/units.csv").exists());
    // `check` prints its product: a full disk is its failure, and never a panic.
    let o = common::command()
        .arg("check")
        .arg(&reports)
        .stdout(full())
        .stderr(full())
        .status()
        .unwrap();
    assert_eq!(o.code(), Some(2));
}

#[cfg(target_os = "linux")]
#[test]
fn two_names_that_are_not_unicode_stay_two_in_every_output() {
    use std::os::unix::ffi::OsStrExt;
    let s = scratch("hostile-bytes");
    let reports = s.join("reports");
    fs::create_dir_all(&reports).unwrap();
    // 财政.txt and 人社.txt in GBK.
    for name in [&b"\xb2\xc6\xd5\xfe.txt"[..], &b"\xc8\xcb\xc9\xe7.txt"[..]] {
        let path = reports.join(std::ffi::OsStr::from_bytes(name));
        fs::copy(corpus().join(SEED), path).unwrap();
    }
    let out = s.join("out");
    let o = night(&reports, &out, &["-q", "--fail-on", "never"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let units = read_csv(&out.join("units.csv"));
    let sources: std::collections::BTreeSet<&str> =
        units.iter().map(|u| u["source"].as_str()).collect();
    assert_eq!(sources.len(), 2, "{sources:?}");
    assert!(
        sources
            .iter()
            .any(|s| s.ends_with("/\\xB2\\xC6\\xD5\\xFE.txt")),
        "{sources:?}"
    );
    // The same file is one report, counted once, on the second night (from the cache).
    let o = night(&reports, &out, &["-q", "--fail-on", "never"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(manifest(&out)["cache"]["records_reused"], 2);
    let _ = root();
}
