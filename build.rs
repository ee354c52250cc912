//! `GID_BUILD_ID`: a hash of the sources, so that a record cached by one build of the tool is
//! never used by another (a parser fix must re-read every file).

use std::path::Path;

fn walk(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, files);
        } else {
            files.push(p);
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.lock");
    let mut files = Vec::new();
    walk(Path::new("src"), &mut files);
    files.push("Cargo.lock".into());
    files.sort();
    // FNV-1a over every path and its bytes.
    let mut h: u64 = 0xcbf29ce484222325;
    for f in files {
        let bytes = std::fs::read(&f).unwrap_or_default();
        for b in f
            .to_string_lossy()
            .as_bytes()
            .iter()
            .chain(&[0])
            .chain(&bytes)
        {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    println!("cargo:rustc-env=GID_BUILD_ID={h:016x}");
}
