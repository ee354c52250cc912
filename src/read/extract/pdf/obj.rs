//! Small lookups on lopdf objects that follow references and never fail loudly.

use lopdf::{Dictionary, Document, Object};

/// Largest decoded size of a font program's CMap, a form or a page's content stream.
pub const STREAM_LIMIT: usize = 16 * 1024 * 1024;

/// Follow references (a bounded number of times).
pub fn deref<'a>(doc: &'a Document, mut o: &'a Object) -> &'a Object {
    for _ in 0..16 {
        match o {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(next) => o = next,
                Err(_) => return &Object::Null,
            },
            _ => return o,
        }
    }
    &Object::Null
}

pub fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    d.get(key)
        .ok()
        .map(|o| deref(doc, o))
        .filter(|o| !matches!(o, Object::Null))
}

pub fn dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    match deref(doc, o) {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

pub fn name(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<String> {
    match get(doc, d, key)? {
        Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
        _ => None,
    }
}

pub fn as_number(doc: &Document, o: &Object) -> Option<f32> {
    match deref(doc, o) {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

pub fn number(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<f32> {
    get(doc, d, key).and_then(|o| as_number(doc, o))
}

/// Numbers of an array (`MediaBox`, `Matrix`), when every element is one.
pub fn numbers(doc: &Document, o: &Object) -> Option<Vec<f64>> {
    match deref(doc, o) {
        Object::Array(a) => a.iter().map(|x| as_number(doc, x).map(f64::from)).collect(),
        _ => None,
    }
}

/// A stream's decoded bytes, refusing ones that decode past `limit`.
pub fn stream_bytes(doc: &Document, o: &Object, limit: usize) -> Option<Vec<u8>> {
    match deref(doc, o) {
        Object::Stream(s) => s.get_plain_content_with_limit(limit).ok(),
        _ => None,
    }
}
