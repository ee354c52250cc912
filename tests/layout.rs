//! The layout shows the architecture: the modules under `src/` import one another in one
//! direction only — no circle between the top-level groups (`read` → `template` → `check` →
//! `input` → `ledger` → `aggregate` → `office` → `output` → `cmd`), nor between the modules
//! of one group — and README's *Layout* names every group.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each module of `src/` (`read::extract::pdf`) and the file that is it.
fn modules() -> BTreeMap<String, PathBuf> {
    let src = common::root().join("src");
    let mut files = Vec::new();
    common::rust_files(&src, &mut files);
    files
        .into_iter()
        .filter_map(|f| {
            let rel = f.strip_prefix(&src).ok()?.with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            let name = parts.join("::");
            let skip = name.is_empty()
                || name == "lib"
                || name == "main"
                || parts.last().is_some_and(|p| p == "tests");
            (!skip).then_some((name, f))
        })
        .collect()
}

/// The code of a file without its tests and comments.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths named after `prefix` in `text`: `a::b` in `prefix a::b`, and each of a brace
/// group's (`prefix {a, b::c}` names `a` and `b::c`).
fn paths_after(text: &str, prefix: &str) -> Vec<String> {
    let path_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == ':';
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(prefix) {
        rest = &rest[at + prefix.len()..];
        let head: String = rest.chars().take_while(|c| path_char(*c)).collect();
        let after = &rest[head.len()..];
        if after.starts_with('{') && (head.is_empty() || head.ends_with("::")) {
            let group: String = after[1..].chars().take_while(|c| *c != '}').collect();
            for item in group.split(',') {
                let item: String = item.trim().chars().take_while(|c| path_char(*c)).collect();
                if !item.is_empty() && item != "self" {
                    out.push(format!("{head}{item}"));
                }
            }
        } else {
            out.push(head);
        }
    }
    out
}

/// Which modules each module names (`crate::a::b::…` and `super::…`, the longest prefix that
/// is a module).
fn imports(mods: &BTreeMap<String, PathBuf>) -> BTreeMap<String, BTreeSet<String>> {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, file) in mods {
        let text = code(file);
        // A module's `super` is its parent (for `a/mod.rs`, the crate's root).
        let parent: Vec<&str> = m.split("::").collect();
        let parent = parent[..parent.len() - 1].join("::");
        let named = paths_after(&text, "crate::").into_iter().chain(
            paths_after(&text, "super::").into_iter().map(|p| {
                if parent.is_empty() {
                    p
                } else {
                    format!("{parent}::{p}")
                }
            }),
        );
        for path in named {
            let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
            if let Some(target) = (1..=parts.len())
                .rev()
                .map(|k| parts[..k].join("::"))
                .find(|c| mods.contains_key(c))
            {
                if &target != m {
                    edges.entry(m.clone()).or_default().insert(target);
                }
            }
        }
    }
    edges
}

/// The circles of a graph (its strongly connected parts of more than one node).
fn circles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let nodes: BTreeSet<&String> = edges.keys().chain(edges.values().flatten()).collect();
    let reach = |from: &String| {
        let mut seen: BTreeSet<&String> = BTreeSet::new();
        let mut stack = vec![from];
        while let Some(n) = stack.pop() {
            for m in edges.get(n).into_iter().flatten() {
                if seen.insert(m) {
                    stack.push(m);
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&String, BTreeSet<&String>> =
        nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut out: Vec<Vec<String>> = Vec::new();
    for n in &nodes {
        let mut circle: Vec<String> = nodes
            .iter()
            .filter(|m| reached[*n].contains(*m) && reached[*m].contains(*n))
            .map(|m| m.to_string())
            .collect();
        circle.sort();
        if circle.len() > 1 && !out.contains(&circle) {
            out.push(circle);
        }
    }
    out
}

#[test]
fn modules_import_one_another_in_one_direction() {
    let mods = modules();
    assert!(mods.len() > 40, "{}", mods.len());
    let edges = imports(&mods);
    // Between the top-level groups.
    let mut groups: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (a, bs) in &edges {
        for b in bs {
            let (ga, gb) = (a.split("::").next().unwrap(), b.split("::").next().unwrap());
            if ga != gb {
                groups.entry(ga.into()).or_default().insert(gb.into());
            }
        }
    }
    assert_eq!(circles(&groups), Vec::<Vec<String>>::new(), "{groups:#?}");
    // Between the modules of one group (a module and its own parent are not a circle).
    let mut siblings: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (a, bs) in &edges {
        for b in bs {
            let (pa, pb): (Vec<&str>, Vec<&str>) =
                (a.split("::").collect(), b.split("::").collect());
            let common = pa.iter().zip(&pb).take_while(|(x, y)| x == y).count();
            if common < pa.len() && common < pb.len() {
                let key = |p: &[&str]| p[..=common].join("::");
                siblings.entry(key(&pa)).or_default().insert(key(&pb));
            }
        }
    }
    assert_eq!(
        circles(&siblings),
        Vec::<Vec<String>>::new(),
        "{siblings:#?}"
    );
}

#[test]
fn the_readme_names_every_group() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let layout = readme
        .split("## Layout")
        .nth(1)
        .expect("a Layout section")
        .split("\n## ")
        .next()
        .unwrap_or("");
    let groups: BTreeSet<String> = modules()
        .keys()
        .map(|m| m.split("::").next().unwrap().to_string())
        .collect();
    for g in groups {
        assert!(
            layout.contains(&format!("`{g}")),
            "README's Layout does not name {g}"
        );
    }
}
