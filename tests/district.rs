//! The bundled district (data/reports): totals, every unit's cells and every finding exactly as
//! the generator (scripts/gen_district.py) recorded them in data/expected/.

mod common;

use common::{read_csv, root, run, scratch};
use serde_json::Value;
use std::collections::BTreeSet;

fn expected(name: &str) -> Value {
    let text = std::fs::read_to_string(root().join("data/expected").join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn bundled_district_rolls_up_as_generated() {
    let out = scratch("district");
    let o = run(&[
        "run",
        "data/reports",
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "errors in the data give exit 1: {}",
        common::stderr(&o)
    );

    // District totals.
    let want = expected("district.json");
    let district = read_csv(&out.join("district.csv"));
    assert_eq!(district.len(), 1);
    let d = &district[0];
    assert_eq!(d["district"], "district");
    assert_eq!(d["year"], want["year"].to_string());
    assert_eq!(d["units_included"], want["units_included"].to_string());
    assert_eq!(d["reports_read"], want["reports_read"].to_string());
    let totals = want["totals"].as_object().unwrap();
    assert!(totals.len() > 200);
    for (key, value) in totals {
        let want = value.as_str().unwrap_or("");
        assert_eq!(d[key], want, "district total {key}");
    }

    // Every unit's cells, unit name, status and whether it was summed.
    let units = read_csv(&out.join("units.csv"));
    let want_units = expected("units.json");
    let want_units = want_units.as_object().unwrap();
    assert_eq!(units.len(), want_units.len());
    for u in &units {
        let w = &want_units[&u["source"]];
        if let Some(name) = w["unit"].as_str() {
            assert_eq!(u["unit"], name, "{}", u["source"]);
        }
        assert_eq!(
            u["status"],
            w["status"].as_str().unwrap(),
            "{}",
            u["source"]
        );
        assert_eq!(u["included"], w["included"].to_string(), "{}", u["source"]);
        if let Some(cells) = w["cells"].as_object() {
            for (key, value) in cells {
                assert_eq!(
                    u[key],
                    value.as_str().unwrap_or(""),
                    "{} {key}",
                    u["source"]
                );
            }
        }
    }

    // The folder mixes every format the tool reads.
    let formats: BTreeSet<&str> = units.iter().map(|u| u["format"].as_str()).collect();
    for f in ["text", "html", "docx", "pdf", "doc"] {
        assert!(formats.contains(f), "a {f} unit in the bundled data");
    }

    // Every finding: source, check and cells.
    let got: BTreeSet<(String, String, Vec<String>)> = read_csv(&out.join("findings.csv"))
        .into_iter()
        .map(|f| {
            let mut cells: Vec<String> = f["cells"]
                .split(';')
                .filter(|c| !c.is_empty())
                .map(String::from)
                .collect();
            cells.sort();
            (f["source"].clone(), f["check"].clone(), cells)
        })
        .collect();
    let want: BTreeSet<(String, String, Vec<String>)> = expected("findings.json")
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let cells = f["cells"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().to_string())
                .collect();
            (
                f["source"].as_str().unwrap().to_string(),
                f["check"].as_str().unwrap().to_string(),
                cells,
            )
        })
        .collect();
    let missing: Vec<_> = want.difference(&got).collect();
    let extra: Vec<_> = got.difference(&want).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:#?}\nextra {extra:#?}"
    );

    // The bundled data shows every in-report kind of finding the issue lists.
    let kinds: BTreeSet<&str> = got.iter().map(|(_, c, _)| c.as_str()).collect();
    for k in [
        "T3_ROW_SUM",
        "T3_RESULT_SUM",
        "T3_BALANCE",
        "UNANSWERED",
        "T4_SUM",
        "VALUE_INVALID",
        "TABLE_MISSING",
        "UNPARSEABLE",
        "CARRIED_FORWARD",
        "REVIEW_PENDING",
        "SUIT_PENDING",
        "REVIEW_CORRECTED",
        "SUIT_CORRECTED",
        "BLANK_CELLS",
        "OTHER_HANDLING_HIGH",
        "TEMPLATE_MIXED",
        "YEAR_MISMATCH",
        "DUPLICATE_REPORT",
        "FEE_NOT_STATED",
        "ZERO_REPORT",
    ] {
        assert!(kinds.contains(k), "no {k} in the bundled data");
    }
}
