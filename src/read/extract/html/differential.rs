//! The tree-less reader against html5ever's tree: the same [`Document`] for every page it
//! reads, on real pages and on generated tag soup.

use super::{extract_with_tree, fast};
use crate::read::extract::Document;

/// The tree's reading (the fast reader bails on pages whose tags the pre-scan drops).
fn by_tree(page: &str) -> (Document, bool) {
    let read = extract_with_tree(page).expect("no time budget in tests");
    assert_eq!(read.dropped_tags, 0);
    (read.doc, read.cut_at_tags)
}

/// Returns whether the fast reader read the page (and then it read it as the tree does).
fn same(page: &str) -> bool {
    match fast::read(page) {
        Ok(read) => {
            assert_eq!((read.doc, read.cut_at_tags), by_tree(page), "page:\n{page}");
            true
        }
        Err(_) => false,
    }
}

/// A page of more start tags than the cap is read up to the cap, as the tree reads it.
#[test]
fn pages_past_the_tag_cap_are_cut_where_the_prescan_cuts_them() {
    let rows = crate::read::extract::nesting::MAX_TAGS / 2 + 10;
    let page = format!(
        "<p>前言</p><table>{}</table><p>后记</p>",
        "<tr><td colspan=2>1</td></tr>".repeat(rows)
    );
    let read = fast::read(&page).expect("read without a tree");
    assert!(read.cut_at_tags);
    assert!(same(&page));
    // The cap's start tags are <p>, <table> and (<tr>, <td>) pairs: the paragraph and the first
    // 12,499 rows are read, the rest of the table and the epilogue not.
    assert_eq!(
        read.doc.rows.len(),
        1 + (crate::read::extract::nesting::MAX_TAGS - 2) / 2
    );
}

/// Compare both readings on every web page under `roots` (recursively): (pages, read without a
/// tree). Where a page was left to the tree, says where and in what state.
fn compare_folders(roots: &[std::path::PathBuf]) -> (usize, usize) {
    let mut todo = roots.to_vec();
    let (mut pages, mut fast_read) = (0, 0);
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).expect("dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                todo.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).expect("read");
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if super::super::sniff(&bytes, ext) != super::super::Format::Html {
                continue;
            }
            let text = crate::read::decode::decode(&bytes, true).text;
            pages += 1;
            if same(&text) {
                fast_read += 1;
            } else {
                let at = fast::LAST_BAIL.with(|b| b.get());
                let from = text.floor_char_boundary(at.saturating_sub(80));
                let to = text.ceil_char_boundary((at + 80).min(text.len()));
                let state = fast::BAIL_STATE.with(|b| b.borrow().clone());
                eprintln!(
                    "left to the tree: {} at {at}: {:?} {state}",
                    path.display(),
                    &text[from..to]
                );
            }
        }
    }
    (pages, fast_read)
}

#[test]
fn real_pages_read_without_a_tree_as_with_one() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (pages, fast_read) =
        compare_folders(&[root.join("tests/data/real"), root.join("data/reports")]);
    assert!(pages >= 20, "{pages}");
    // Every bundled page is one the fast reader reads.
    assert_eq!(fast_read, pages);
}

#[test]
fn hand_made_pages_read_without_a_tree_as_with_one() {
    let pages = [
        "<p>前言</p><table><tr><td rowspan=2>A</td><td colspan=2>B</td></tr>\
         <tr><td>1</td><td>&nbsp;</td></tr><tr><td>x</td><td>2</td><td><p>&nbsp;</p><p>3</p></td></tr></table><p>后记</p>",
        "<html><head><title>某区2023年度报告_栏目</title><script>var a='<table>'</script></head>\
         <body><table><tr><td><div>正文</div><table><tr><td>规<span>章</span></td><td>0<o:p> </o:p></td></tr></table></td></tr></table></body></html>",
        "<!DOCTYPE html><meta name=ArticleTitle content=' 标题 '><title>t</title>a<br>b<p>c<div>d</p>e</div>",
        "<ul><li>1<li>2</ul><dl><dt>a<dd>b</dl><h1>x<h2>y</h1>z",
        "<pre>\nkeep\n</pre><pre><!-- c -->\nkept</pre><listing>\nl</listing>",
        "<b>bold <i>both</i></b><a href=x>link</a> <font>f</font>",
        "<table><tr><td><b>x</td><td>y</b></td></tr></table>",
        "<form><p>in form</form><form>second</form>",
        "<select><option>a<option>b</select>after<button>btn</button>",
        "</p><p>x</br>y",
        "<table>\n<tr>\n<th>h</th>\n</tr>\n</table>",
        "<td>stray</td><tr>cell</tr>",
        "<body><p>a</body>after body</html>more",
        "text &amp; &lt;tag&gt; &#x4E00;&#20108;",
        "<div><span>a</div>b</span>c",
        "<table><tr><td>a<table><tr><td>b</td></tr></table>c</td></tr></table>",
        "<table><tbody><tr><td>1</td></tr></tbody><tbody><tr><td>2</td></tr></tbody></table>",
        // A link cut short by the end of a list: made again in the next paragraph.
        "<ul><li><a href=x>t</ul><div><p>foot<b>b</div>x</b>y",
        "<textarea>\n<td>x</td></textarea><noscript><td>n</td></noscript><iframe><p>i</iframe>",
    ];
    for page in pages {
        assert!(same(page), "the fast reader bailed on:\n{page}");
    }
    // Left to the tree: foster parenting, misnested formatting, foreign content.
    for page in [
        "<table>text<tr><td>1</td></tr></table>",
        "<b><p>x</b>y</p>",
        "<p><svg><title>x</title></svg>",
        "<table><caption>c</caption></table>",
        // Whether a table closes the paragraph depends on the doctype's quirks mode.
        "<p>a<option>b<table><tr><td>1</table>b</p>c",
    ] {
        assert!(fast::read(page).is_err(), "{page}");
    }
}

/// Read soups of `make` pages: the generator seeded from `GID_SOUP_SEED` (else `seed`), as many
/// as `GID_SOUP_RUNS` says (else 4,000); each compared both ways. Returns (read fast, runs).
fn soups(seed: u64, mut make: impl FnMut(&mut Rng) -> String) -> (usize, usize) {
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let mut rng = Rng(env("GID_SOUP_SEED").unwrap_or(seed));
    let runs = env("GID_SOUP_RUNS").map_or(4000, |n| n as usize);
    let read = (0..runs).filter(|_| same(&make(&mut rng))).count();
    eprintln!("fast reader: {read} of {runs}");
    (read, runs)
}

/// A small deterministic generator (xorshift), so the soup is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SOUP: &[&str] = &[
    "<p>",
    "</p>",
    "<p class=MsoNormal>",
    "<div>",
    "</div>",
    "<span>",
    "</span>",
    "<b>",
    "</b>",
    "<i>",
    "</i>",
    "<strong>",
    "</strong>",
    "<a href=\"x?a=1&b=2\">",
    "</a>",
    "<font size=2>",
    "</font>",
    "<u>",
    "</u>",
    "<table>",
    "</table>",
    "<table border=1>",
    "<tbody>",
    "</tbody>",
    "<thead>",
    "</thead>",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "<th>",
    "</th>",
    "<td colspan=2>",
    "<td rowspan=2>",
    "<td rowspan=\"3\" colspan='2'>",
    "<br>",
    "<br/>",
    "</br>",
    "<hr>",
    "<li>",
    "</li>",
    "<ul>",
    "</ul>",
    "<ol>",
    "</ol>",
    "<dl>",
    "<dt>",
    "<dd>",
    "</dl>",
    "<h1>",
    "</h1>",
    "<h2>",
    "</h3>",
    "<pre>",
    "</pre>",
    "<form>",
    "</form>",
    "<button>",
    "</button>",
    "<select>",
    "<option>",
    "</option>",
    "</select>",
    "<script>var a='<td>';</script>",
    "<style>p{}</style>",
    "<title>T&amp;x</title>",
    "<meta name=title content=\"M&amp;\">",
    "<meta name=keywords>",
    "<!-- c <td> -->",
    "<!DOCTYPE html>",
    "<html>",
    "</html>",
    "<head>",
    "</head>",
    "<body>",
    "</body>",
    "<o:p>",
    "</o:p>",
    "<o:p></o:p>",
    "<img src=a>",
    "<center>",
    "</center>",
    "<section>",
    "</section>",
    "<textarea>x</textarea>",
    "<noscript><p>n</p></noscript>",
    "<iframe>i</iframe>",
    "<em>",
    "</em>",
    "<label>",
    "</label>",
    "<nobr>",
    "</nobr>",
    "&nbsp;",
    "&amp;",
    "&#12288;",
    "文字",
    "12",
    " ",
    "\n",
    "x",
    "\u{3000}",
    "0",
    "<input type=hidden>",
    "<tr><td>1</td><td>2</td></tr>",
    "<blockquote>",
    "</blockquote>",
    "<link rel=x>",
    "<wbr>",
    "</ x>",
    "</>",
    "</</span>",
    "</</ul>",
    "<a href=a><b>",
    "</a></b>",
    "<p><font>",
];

fn soup(rng: &mut Rng) -> String {
    let mut page = String::new();
    let n = rng.below(60);
    for _ in 0..n {
        page.push_str(SOUP[rng.below(SOUP.len())]);
    }
    page
}

#[test]
fn generated_tag_soup_reads_without_a_tree_as_with_one() {
    let (read, runs) = soups(0x9e37_79b9_7f4a_7c15, soup);
    // Enough of the soup is read by the fast reader for the comparison to mean something.
    assert!(read * 4 > runs, "{read} of {runs}");
}

/// Any folder of pages, by hand:
/// `GID_HTML_DIR=/path/to/pages cargo test --lib pages_in_a_folder -- --ignored --nocapture`.
#[test]
#[ignore]
fn pages_in_a_folder() {
    let Ok(dir) = std::env::var("GID_HTML_DIR") else {
        return;
    };
    let (pages, fast_read) = compare_folders(&[std::path::PathBuf::from(dir)]);
    eprintln!("fast reader: {fast_read} of {pages} pages");
}

/// Soup of tag fragments, quotes, references and comment marks: where the tokenizer's rules
/// and the pre-scan's are finest (it found a comment left out between `<` and `/>`, a
/// self-closed `<title/>` read as closed, a quote after a name's `=`).
#[test]
fn generated_byte_soup_reads_without_a_tree_as_with_one() {
    let alphabet = [
        "<", ">", "/", "=", "\"", "'", " ", "&", ";", "#", "x", "a", "b", "td", "tr", "p", "table",
        "!", "-", "--", "\n", "\r", "1", "amp", "nbsp", "lt", "字", "?", "title", "script",
        "style", "colspan", "rowspan", "2", "\t", "<!--", "-->", "</", "/>", "&#", "x4E00",
        "CDATA[", "[", "]", "meta", "name", "content", "option", "select", "br", "pre", "li", "b",
        "font",
    ];

    let (read, runs) = soups(0x1234_5678_9abc_def1, |rng| {
        let n = rng.below(80);
        (0..n)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect()
    });
    assert!(read * 5 > runs, "{read} of {runs}");
}

/// Nesting at the pre-scan's cap: the tree-less reader never reads a page whose tags the
/// pre-scan would drop (the tree builder reads those, with NESTING_CAPPED), and reads the same
/// as the tree up to the cap. (Its own stack, which counts the implied `<html>` and `<body>`
/// and self-closed elements, may give up a few levels earlier: the tree then reads the page.)
#[test]
fn nesting_at_the_cap_is_read_without_a_tree_only_where_nothing_is_dropped() {
    let cap = crate::read::extract::nesting::MAX_DEPTH;
    let (mut read_fast, mut dropped) = (0, 0);
    // Headings close each other in the tree, not in the pre-scan, which counts them: only the
    // pre-scan's model (run beside the tree-less reader) sees those pages go too deep.
    let headings = "<h1>h".repeat(12);
    for depth in [cap - 12, cap - 6, cap - 3, cap - 2, cap - 1, cap, cap + 1] {
        for inner in [
            "x",
            "<title/>t",
            "<span/><b>y</b>",
            "<p>p<li>l",
            "<td>c</td>",
            &headings,
        ] {
            let page = format!("{}{inner}{}", "<div>".repeat(depth), "</div>".repeat(depth));
            let tree = extract_with_tree(&page).expect("no time budget in tests");
            if tree.dropped_tags > 0 {
                dropped += 1;
            }
            if let Ok(read) = fast::read(&page) {
                read_fast += 1;
                assert_eq!(tree.dropped_tags, 0, "{depth} {inner}");
                assert_eq!((read.doc, read.cut_at_tags), (tree.doc, tree.cut_at_tags));
            }
        }
    }
    assert!(
        read_fast >= 5 && dropped >= 5,
        "{read_fast} read, {dropped} dropped"
    );
}
