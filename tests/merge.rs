//! `merge`: district runs' `units.parquet` rolled up into a higher level equal, byte for byte in
//! the data files, one run over all the reports; a `units.parquet` edited by hand is refused.

mod common;

use common::{run, scratch, DATA_FILES};
use polars::prelude::*;
use std::path::{Path, PathBuf};

fn ok_run(args: &[&str]) {
    let o = run(args);
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        common::stderr(&o)
    );
}

/// The bundled reports split into two "districts", with their modification times kept (the
/// newest of two reports of one unit is the one summed).
fn two_districts(s: &Path) -> (PathBuf, PathBuf) {
    let (a, b) = (s.join("east"), s.join("west"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let mut files: Vec<_> = std::fs::read_dir(common::root().join("data/reports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for (i, f) in files.iter().enumerate() {
        let to = if i % 2 == 0 { &a } else { &b }.join(f.file_name().unwrap());
        std::fs::copy(f, &to).unwrap();
        let mtime = std::fs::metadata(f).unwrap().modified().unwrap();
        std::fs::File::options()
            .write(true)
            .open(&to)
            .unwrap()
            .set_modified(mtime)
            .unwrap();
    }
    (a, b)
}

#[test]
fn merging_district_runs_equals_one_run_over_all_their_reports() {
    let s = scratch("merge");
    let (a, b) = two_districts(&s);
    let p = |x: &Path| x.to_str().unwrap().to_string();
    let roster = p(&common::root().join("data/roster.csv"));
    let direct = s.join("direct");
    ok_run(&[
        "run",
        &p(&a),
        &p(&b),
        "--roster",
        &roster,
        "--out",
        &p(&direct),
        "-q",
    ]);
    // Each district on its own (one without a roster, one with), then the city over both.
    ok_run(&["run", &p(&a), "--out", &p(&s.join("east-out")), "-q"]);
    ok_run(&[
        "run",
        &p(&b),
        "--roster",
        &roster,
        "--out",
        &p(&s.join("west-out")),
        "-q",
    ]);
    let merged = s.join("city");
    ok_run(&[
        "merge",
        &p(&s.join("east-out")),
        &p(&s.join("west-out")),
        "--roster",
        &roster,
        "--out",
        &p(&merged),
        "-q",
    ]);
    for f in DATA_FILES {
        assert!(
            std::fs::read(direct.join(f)).unwrap() == std::fs::read(merged.join(f)).unwrap(),
            "{f} differs between the merge and the direct run"
        );
    }
    // It is a real roll-up: both districts' units are in it.
    let units = common::read_csv(&merged.join("units.csv"));
    assert!(units.iter().any(|u| u["source"].contains("/east/")));
    assert!(units.iter().any(|u| u["source"].contains("/west/")));
    assert_eq!(units.len(), 37);
}

#[test]
fn an_edited_or_missing_units_parquet_stops_the_merge() {
    let s = scratch("merge-edited");
    let (a, _) = two_districts(&s);
    let out = s.join("east-out");
    ok_run(&[
        "run",
        a.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "-q",
    ]);
    let path = out.join("units.parquet");
    let mut df = ParquetReader::new(std::fs::File::open(&path).unwrap())
        .finish()
        .unwrap();
    // Someone "corrects" a number in the readable column.
    let col = df
        .column("t3.new_received.total")
        .unwrap()
        .i64()
        .unwrap()
        .clone();
    let edited: Vec<Option<i64>> = col.iter().map(|v| v.map(|x| x + 1)).collect();
    df.with_column(Column::new("t3.new_received.total".into(), edited))
        .unwrap();
    let edited_dir = s.join("edited");
    std::fs::create_dir_all(&edited_dir).unwrap();
    ParquetWriter::new(std::fs::File::create(edited_dir.join("units.parquet")).unwrap())
        .finish(&mut df)
        .unwrap();
    let city = s.join("city");
    let o = run(&[
        "merge",
        edited_dir.to_str().unwrap(),
        "--out",
        city.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = common::stderr(&o);
    assert!(
        err.contains("damaged or was edited (t3.new_received.total)"),
        "{err}"
    );
    assert!(!city.join("district.csv").exists(), "nothing written");
    // A folder that is not a run's output.
    let o = run(&[
        "merge",
        a.to_str().unwrap(),
        "--out",
        city.to_str().unwrap(),
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(common::stderr(&o).contains("cannot read"));
}
