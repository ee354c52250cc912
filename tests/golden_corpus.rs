//! Golden tests on real published reports: every cell of tables 二, 三 and 四 as printed, the unit,
//! the year, and exactly the findings the printed numbers deserve. Expected values are in
//! `tests/data/real/*.expected`, written by reading each table.

mod common;

use common::{corpus, read_expected};

use gid_rollup::input::load::{parse_bytes, Status};
use gid_rollup::template::keys::{t3_key, T3Col, T3Row, T4Block, T4Result, T2_2021};
use gid_rollup::template::{Entry, Report};
use gid_rollup::value::CellValue;
use std::collections::BTreeSet;
use std::path::Path;

/// The printed form of a cell, in the expected-file notation.
fn notation(e: Option<&Entry>) -> String {
    match e.map(|e| &e.value) {
        Some(CellValue::Number(d)) => d.to_string(),
        Some(CellValue::Blank) => "_".into(),
        Some(CellValue::Placeholder) => format!("placeholder({})", e.unwrap().raw),
        Some(CellValue::Invalid) => format!("invalid({})", e.unwrap().raw),
        Some(CellValue::Absent) | None => "-".into(),
    }
}

fn check_golden(name: &str) {
    let e = read_expected(name);
    // Sources are this project's: tests/data/real (the published reports) or tests/data.
    let path = if e.source.starts_with("tests/") {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(&e.source)
    } else {
        corpus().join(&e.source)
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    let ext = path.extension().unwrap().to_str().unwrap();
    let stem = path.file_stem().unwrap().to_str().unwrap();
    let parsed = parse_bytes(&bytes, ext, stem, &e.source);
    let r: &Report = parsed.report.as_ref().expect("a report");
    assert_eq!(r.unit, e.unit, "{name}: unit");
    assert_eq!(r.year, Some(e.year), "{name}: year");
    assert_eq!(
        r.template_name(),
        Some(e.template.as_str()),
        "{name}: template"
    );
    assert_eq!(parsed.status, Status::Ok, "{name}: status");

    let t2 = r.t2.as_ref().expect("table 二");
    let got2: Vec<String> = T2_2021.iter().map(|f| notation(t2.get(f.key))).collect();
    assert_eq!(got2, e.t2, "{name}: table 二");

    let t3 = r.t3.as_ref().expect("table 三");
    assert!(
        e.t3.len() >= 25,
        "{name}: the expected file lists every printed row"
    );
    for (row_key, values) in &e.t3 {
        let row = T3Row::ALL.into_iter().find(|r| r.key() == row_key).unwrap();
        let got: Vec<String> = T3Col::ALL
            .iter()
            .map(|c| notation(Some(t3.get(row, *c))))
            .collect();
        assert_eq!(&got, values, "{name}: table 三 row {row_key}");
        if values.iter().all(|v| v == "-") {
            continue;
        }
        for c in T3Col::ALL {
            assert!(
                t3.get(row, c).place.is_some(),
                "{name}: {} has a place",
                t3_key(row, c)
            );
        }
    }
    let t4 = r.t4.as_ref().expect("table 四");
    let got4: Vec<String> = T4Block::ALL
        .iter()
        .flat_map(|b| T4Result::ALL.map(|x| notation(Some(t4.get(*b, x)))))
        .collect();
    assert_eq!(
        got4, e.t4,
        "{name}: table 四 (review, suit_direct, suit_after_review × 5)"
    );

    let got_findings: BTreeSet<(String, String)> = parsed
        .findings
        .iter()
        .map(|f| (f.check.id().to_string(), f.cells.join(";")))
        .collect();
    assert_eq!(got_findings, e.findings, "{name}: findings");
    for f in &parsed.findings {
        assert!(
            f.message().contains(" / "),
            "{name}: message has Chinese and English: {}",
            f.message()
        );
    }
}

#[test]
fn seed_every_cell_exact_and_no_unwarranted_finding() {
    check_golden("seed.expected");
}

#[test]
fn pingtan_administrative_approval_bureau() {
    check_golden("hzs_xingzhengshenpi.expected");
}

#[test]
fn pingtan_jinjing_area_with_a_blank_cell() {
    check_golden("jjp_jinjingpianqu.expected");
}

#[test]
fn pingtan_transport_cells_with_several_paragraphs() {
    check_golden("jtj_jiaotongjianshe.expected");
}

#[test]
fn pingtan_social_affairs_without_the_rules_row() {
    check_golden("shs_shehuishiye.expected");
}

#[test]
fn pingtan_committee_office_word_markup() {
    check_golden("gwh_guanweihuibangongshi.expected");
}

#[test]
fn pingtan_economic_development_unanswered_applications() {
    check_golden("jjf_jingjifazhan.expected");
}

#[test]
fn pingtan_natural_resources_published_arithmetic_errors() {
    check_golden("zrz_ziranziyuan.expected");
}

#[test]
fn pingtan_zone_aggregate_whole_page() {
    check_golden("zone_aggregate.full.expected");
}

#[test]
fn hongze_district_pdf_across_pages_with_other_handling_as_one_row() {
    check_golden("hongze-district-2024.expected");
}

#[test]
fn hongze_cells_have_their_page_and_position() {
    use gid_rollup::read::extract::Place;
    let path = corpus().join("hongze-district-2024.pdf");
    let bytes = std::fs::read(&path).unwrap();
    let parsed = parse_bytes(&bytes, "pdf", "hongze", "hongze.pdf");
    let r = parsed.report.expect("a report");
    let t3 = r.t3.expect("table 三");
    // 95 applications from natural persons: page 3, the first value column.
    let cell = t3.get(T3Row::NewReceived, T3Col::Natural);
    assert!(
        matches!(
            cell.place,
            Some(Place::Pdf {
                page: 3,
                x: 310..=330,
                y: 490..=510
            })
        ),
        "{:?}",
        cell.place
    );
    // After the page break, still the same column.
    let cell = t3.get(T3Row::UnableNeedCreate, T3Col::Natural);
    assert!(
        matches!(
            cell.place,
            Some(Place::Pdf {
                page: 4,
                x: 310..=330,
                ..
            })
        ),
        "{:?}",
        cell.place
    );
    assert_eq!(r.fee_statement.as_deref(), Some("2024年，区政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费0元。"));
}

#[test]
fn pingtan_zone_page_printed_to_pdf_reads_as_the_page() {
    check_golden("zone_aggregate.libreoffice-pdf.expected");
}

#[test]
fn pingtan_committee_office_page_printed_to_pdf_reads_as_the_page() {
    check_golden("gwh.libreoffice-pdf.expected");
}

#[test]
fn pingtan_transport_page_printed_to_pdf_with_a_row_cut_by_a_page_break() {
    check_golden("jtj.libreoffice-pdf.expected");
}

#[test]
fn pingtan_zone_page_through_word_to_pdf_with_symbol_font_bullets() {
    check_golden("zone_aggregate.libreoffice-docx-pdf.expected");
}

#[test]
fn pingtan_pages_converted_to_word_read_as_the_pages() {
    for name in common::PINGTAN_PAGES {
        check_golden(&format!("{name}.libreoffice-docx.expected"));
    }
}

#[test]
fn pingtan_pages_saved_as_word_97_read_as_the_pages() {
    // The piece table's UTF-16 text, cells and rows by their marks and the row-end paragraph's
    // properties (some in the Data stream), vertically merged cells left out as in `.docx`.
    for name in common::PINGTAN_PAGES {
        check_golden(&format!("{name}.libreoffice-doc.expected"));
    }
}

#[test]
fn pingtan_pages_saved_as_workbooks_read_as_the_pages() {
    // Calc puts each page's table cells and paragraphs in one sheet's cells (`.xlsx` and
    // `.xls`), its merged cells as merged regions.
    for name in common::PINGTAN_PAGES {
        for kind in ["xlsx", "xls"] {
            check_golden(&format!("{name}.libreoffice-{kind}.expected"));
        }
    }
    // And an OpenDocument spreadsheet (its merged cells are kept as covered cells).
    check_golden("hzs_xingzhengshenpi.libreoffice-ods.expected");
}

#[test]
fn glued_numbers_split_where_one_cut_adds_up() {
    // Table 三's seven numbers glued to the row's label (`…申请数量7000007`): each row cut where
    // its columns make its total, every cell equal to the page's (findings included).
    check_golden("hzs_xingzhengshenpi.glued.expected");
    check_golden("jjf_jingjifazhan.glued.expected");
    // The zone's （一）予以公开 (22|0|…|22 or 2|20|…|22) and （二）部分公开 each fit two cuts: the
    // one pair of cuts that makes the table's columns balance and add up is the page's.
    check_golden("zone_aggregate.full.glued.expected");
}

#[test]
fn pingtan_pages_printed_by_chromium_and_through_word_by_libreoffice() {
    // Chromium draws each cell's top and left borders and cuts tables at page breaks without a
    // closing line; the 管委会办公室 page's exact line heights make its lines overlap. Writer
    // cuts a row of table 三 after its numbers.
    for name in [
        "hzs_xingzhengshenpi.chromium-pdf",
        "gwh_guanweihuibangongshi.chromium-pdf",
        "shs_shehuishiye.libreoffice-docx-pdf",
    ] {
        check_golden(&format!("{name}.expected"));
    }
}
