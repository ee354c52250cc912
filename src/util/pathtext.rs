//! A path as text for every output: the path itself when it is valid Unicode, else its valid
//! parts with each byte that is not shown as `\xNN` — so two different names (file names
//! written in GBK on a share, say) never print as the same `����`.

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::path::Path;

pub fn path_text(p: &Path) -> String {
    os_text(p.as_os_str())
}

pub fn os_text(s: &OsStr) -> String {
    if let Some(t) = s.to_str() {
        return t.to_string();
    }
    let mut out = String::new();
    for chunk in s.as_encoded_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_unicode_stay_apart() {
        use std::os::unix::ffi::OsStrExt;
        // 财政 and 人社 in GBK.
        let a = OsStr::from_bytes(b"nu/\xb2\xc6\xd5\xfe.txt");
        let b = OsStr::from_bytes(b"nu/\xc8\xcb\xc9\xe7.txt");
        assert_eq!(os_text(a), "nu/\\xB2\\xC6\\xD5\\xFE.txt");
        assert_ne!(os_text(a), os_text(b));
        assert_eq!(path_text(Path::new("报告/财政局.txt")), "报告/财政局.txt");
    }
}
