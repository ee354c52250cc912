//! A clone of this repository tests itself with nothing beside it: no test or source file names
//! a path outside the repository.

mod common;

use std::path::Path;

#[test]
fn no_test_or_source_reads_outside_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["tests", "src", "benches"] {
        if root.join(dir).is_dir() {
            common::rust_files(&root.join(dir), &mut files);
        }
    }
    assert!(files.len() > 20, "the sources were found: {}", files.len());
    // Spelled in pieces so that this file does not match itself.
    let up = ["..", "/"].concat();
    let outside = [
        format!("\"{up}"),
        format!("{up}shared"),
        ["/work", "/shared"].concat(),
    ];
    let mut hits = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for (n, line) in text.lines().enumerate() {
            if outside.iter().any(|p| line.contains(p.as_str())) {
                hits.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        hits.is_empty(),
        "paths outside the repository:\n{}",
        hits.join("\n")
    );
}

#[test]
fn the_real_reports_the_tests_read_are_in_the_repository() {
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/real");
    for f in [
        "000_49a35c6be02d9886.txt",
        "hongze-district-2024.pdf",
        "pingtan-2023/zone_aggregate.full.html",
        "pingtan-2023/jjf_jingjifazhan.html",
        "README.md",
    ] {
        assert!(real.join(f).is_file(), "{f} is in tests/data/real");
    }
    let readme = std::fs::read_to_string(real.join("README.md")).unwrap();
    for publisher in [
        "杭州钱江经济开发区",
        "平潭综合实验区",
        "淮安市洪泽区人民政府",
    ] {
        assert!(readme.contains(publisher), "the README names {publisher}");
    }
}
