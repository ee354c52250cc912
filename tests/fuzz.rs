//! Fuzzing, with fixed seeds and a bounded number of cases, of what a night keeps between runs
//! (issue 23): the cache's entries and index, the run lock, and `merge`'s Parquet files. The
//! input files' own mutants are in `robustness.rs`. Whatever the damage: never a panic, never a
//! changed number, and the lock never written over someone's file.

mod common;

use common::{corpus, night, scratch, stderr, Rng};
use std::fs;
use std::path::{Path, PathBuf};

/// A small district: the seed and two real 平潭 pages.
fn reports(s: &Path) -> PathBuf {
    let dir = s.join("reports");
    fs::create_dir_all(&dir).unwrap();
    fs::copy(
        corpus().join("000_49a35c6be02d9886.txt"),
        dir.join("开发区.txt"),
    )
    .unwrap();
    for page in ["jtj_jiaotongjianshe.html", "shs_shehuishiye.html"] {
        fs::copy(corpus().join("pingtan-2023").join(page), dir.join(page)).unwrap();
    }
    dir
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn damaged_cache_entries_and_index_never_change_a_number() {
    let s = scratch("fuzz-cache");
    let reports = reports(&s);
    let (out, cache) = (s.join("out"), s.join("out.cache"));
    let ok = |o: std::process::Output| assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    ok(night(&reports, &out, &["-q"]));
    let units = fs::read(out.join("units.csv")).unwrap();
    let district = fs::read(out.join("district.csv")).unwrap();
    let mut rng = Rng::new(0x005e_ed23);
    for round in 0..12 {
        for f in files_under(&cache) {
            if f.ends_with("CACHEDIR.TAG") || rng.below(3) == 0 {
                continue;
            }
            let bytes = fs::read(&f).unwrap();
            fs::write(&f, rng.damage(&bytes)).unwrap();
        }
        ok(night(&reports, &out, &["-q"]));
        assert!(
            fs::read(out.join("district.csv")).unwrap() == district,
            "round {round}"
        );
        assert!(
            fs::read(out.join("units.csv")).unwrap() == units,
            "round {round}"
        );
    }
}

#[test]
fn whatever_sits_at_the_lock_a_run_takes_it_over_with_a_note_or_refuses_it_untouched() {
    let s = scratch("fuzz-lock");
    let reports = reports(&s);
    let out = s.join("out");
    let lock = s.join("out.lock");
    // A real lock's text, to damage.
    let held = "{\n  \"tool\": \"gid-rollup\",\n  \"lock\": true,\n  \"pid\": 4000000,\n  \"started\": \"2026-01-01T00:00:00Z\",\n  \"host\": \"x\"\n}\n";
    let mut rng = Rng::new(0x10c4);
    for case in 0..16 {
        let content: Vec<u8> = match case % 4 {
            0 => rng.damage(held.as_bytes()),
            1 => (0..rng.below(64)).map(|_| rng.next() as u8).collect(),
            2 => vec![0; rng.below(4096)],
            _ => held.as_bytes()[..rng.below(held.len())].to_vec(),
        };
        fs::write(&lock, &content).unwrap();
        let o = night(&reports, &out, &["-q"]);
        match o.status.code() {
            Some(0) => {
                assert!(
                    stderr(&o).contains("took over"),
                    "case {case}: {}",
                    stderr(&o)
                );
                assert!(!lock.exists(), "the run's own lock goes with it");
            }
            Some(2) => {
                assert!(
                    stderr(&o).contains("this tool did not write"),
                    "case {case}: {}",
                    stderr(&o)
                );
                assert_eq!(
                    fs::read(&lock).unwrap(),
                    content,
                    "case {case}: written over"
                );
                fs::remove_file(&lock).unwrap();
            }
            other => panic!("case {case}: exit {other:?}: {}", stderr(&o)),
        }
    }
}

#[test]
fn a_damaged_units_parquet_is_an_error_naming_it_never_a_panic_nor_other_numbers() {
    let s = scratch("fuzz-parquet");
    let reports = reports(&s);
    let district = s.join("district");
    let o = night(&reports, &district, &["-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let merge = |dir: &Path, out: &Path| {
        common::command()
            .arg("merge")
            .arg(dir)
            .arg("--out")
            .arg(out)
            .arg("-q")
            .output()
            .unwrap()
    };
    let whole = s.join("whole");
    let o = merge(&district, &whole);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let totals = fs::read(whole.join("district.csv")).unwrap();
    let parquet = fs::read(district.join("units.parquet")).unwrap();
    let mut rng = Rng::new(0xba5e);
    let (mut refused, mut read) = (0, 0);
    for case in 0..40 {
        let damaged = s.join(format!("damaged-{case}"));
        fs::create_dir_all(&damaged).unwrap();
        // Half the cases damage the footer's metadata (where the Parquet reader's own panics
        // were found), keeping its length and end mark; the others anywhere.
        let bytes = if case % 2 == 0 {
            footer_damage(&parquet, &mut rng)
        } else {
            rng.damage(&parquet)
        };
        fs::write(damaged.join("units.parquet"), bytes).unwrap();
        let out = s.join(format!("out-{case}"));
        let o = merge(&damaged, &out);
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "case {case}: {err}");
        match o.status.code() {
            Some(2) => {
                assert!(err.contains("units.parquet"), "case {case}: {err}");
                assert!(
                    !out.join("district.csv").exists(),
                    "case {case}: no outputs"
                );
                refused += 1;
            }
            Some(0 | 1) => {
                // Damage that the reader and our checks did not see left every number.
                assert!(
                    fs::read(out.join("district.csv")).unwrap() == totals,
                    "case {case}"
                );
                read += 1;
            }
            other => panic!("case {case}: exit {other:?}: {err}"),
        }
    }
    assert!(refused > 20, "{refused} refused, {read} read");
}

/// `parquet` with a few bytes of its footer's metadata changed (its length and `PAR1` kept).
fn footer_damage(parquet: &[u8], rng: &mut Rng) -> Vec<u8> {
    let n = parquet.len();
    let meta = u32::from_le_bytes(parquet[n - 8..n - 4].try_into().unwrap()) as usize;
    let start = n - 8 - meta;
    let mut out = parquet.to_vec();
    for _ in 0..1 + rng.below(3) {
        let at = start + rng.below(meta);
        out[at] = match rng.below(3) {
            0 => out[at] ^ (1 << rng.below(8)),
            1 => 0xff,
            _ => rng.next() as u8,
        };
    }
    out
}
