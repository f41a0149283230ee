//! Hostile text: a byte-order mark and CRLF line endings, which must build with the text on the
//! page; Markdown nested 10,000 levels deep, refused with a diagnostic and never a stack
//! overflow, and nesting within the limit, which builds; control characters in the text,
//! refused.

use std::fs;

use super::{
    ARTICLE, LINKED_HEADING, assert_no_crash, assert_refused, built_page, first_reported,
    with_article, with_article_bytes,
};
use crate::support::TestSite;

#[test]
fn byte_order_mark_and_crlf_line_endings_work() {
    let site = with_article_bytes(
        b"\xef\xbb\xbf+++\r\ntitle = \"How backups work\"\r\nsummary = \"Where they live.\"\r\n+++\r\n\r\n## Where backups live\r\n\r\nIn the cloud.\r\n",
    );
    fs::write(
        site.path("book.toml"),
        b"\xef\xbb\xbf[book]\r\ntitle = \"Fixture help\"\r\n\r\n[build]\r\nbase-url = \"https://help.example.com/\"\r\n",
    )
    .unwrap();
    let page = built_page(&site);
    assert!(page.contains("<h1>How backups work</h1>"), "{page}");
    assert!(page.contains("id=\"where-backups-live\""), "{page}");
    assert!(page.contains("Fixture help"), "{page}");
    assert!(
        !page.contains('\u{feff}'),
        "a byte-order mark reached the page"
    );
    assert!(!page.contains('\r'), "a carriage return reached the page");
}

#[test]
fn crlf_line_endings_alone_work() {
    let site = with_article(
        "+++\r\ntitle = \"How backups work\"\r\nweight = 10\r\n+++\r\n## Where backups live\r\n\r\nSee [storage](@/causes/storage-full.md).\r\n",
    );
    let page = built_page(&site);
    assert!(
        page.contains("href=\"../../causes/storage-full/\""),
        "{page}"
    );
}

/// A body nested `depth` levels deep (block quotes, or lists, or emphasis), after the heading
/// the fixture links to; the body starts on line 7.
fn nested_article(body: &str) -> TestSite {
    with_article(&format!(
        "+++\ntitle = \"How\"\n+++\n\n{LINKED_HEADING}{body}\n"
    ))
}

#[test]
fn ten_thousand_nested_block_quotes() {
    let site = nested_article(&format!("{} deepest words", ">".repeat(10_000)));
    assert_refused(
        &site,
        1,
        &format!(
            "{ARTICLE}:7:101: Markdown nested more than 100 levels deep (quotes, lists, emphasis)"
        ),
    );
}

#[test]
fn ten_thousand_nested_list_levels() {
    let site = nested_article(&format!("{}deepest item", "- ".repeat(10_000)));
    assert_refused(
        &site,
        1,
        &format!(
            "{ARTICLE}:7:101: Markdown nested more than 100 levels deep (quotes, lists, emphasis)"
        ),
    );
}

#[test]
fn ten_thousand_nested_numbered_lists() {
    let site = nested_article(&format!("{}first", "1. ".repeat(10_000)));
    assert_refused(
        &site,
        1,
        &format!(
            "{ARTICLE}:7:151: Markdown nested more than 100 levels deep (quotes, lists, emphasis)"
        ),
    );
}

#[test]
fn ten_thousand_nested_emphasis_and_brackets() {
    let body = format!(
        "{}link\n\n{}strong{}",
        "[".repeat(10_000),
        "**".repeat(5_000),
        "**".repeat(5_000)
    );
    let site = nested_article(&body);
    let check = site.remedy(&["check"]);
    assert_no_crash(&check);
    let first = first_reported(&check.stderr);
    assert!(
        first.starts_with(&format!("{ARTICLE}:9:"))
            && first
                .ends_with("Markdown nested more than 100 levels deep (quotes, lists, emphasis)"),
        "{check}"
    );
    assert_refused(&site, 1, &first);
}

#[test]
fn nesting_within_the_limit_builds() {
    let body = format!(
        "{} quoted\n\n{}item\n\n{}strong{}",
        ">".repeat(60),
        "- ".repeat(40),
        "**".repeat(20),
        "**".repeat(20)
    );
    let page = built_page(&nested_article(&body));
    assert!(page.contains("quoted") && page.contains("item") && page.contains("strong"));
}

#[test]
fn nul_byte_in_the_text() {
    let site = with_article("+++\ntitle = \"How\"\n+++\n\nBefore\0after.\n");
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}:5:7: control character U+0000 in the text"),
    );
}

#[test]
fn bell_character_in_a_heading() {
    let site = with_article("+++\ntitle = \"How\"\n+++\n\n## Ring \u{7}\n");
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}:5:9: control character U+0007 in the text"),
    );
}

/// Regression (issue 15, row 15): a title of only zero-width characters passed the "empty
/// title" check and made a page with an invisible heading.
#[test]
fn a_title_of_only_invisible_characters_is_empty() {
    let site =
        with_article("+++\ntitle = \"\u{200b}\u{2060}\u{feff} \"\n+++\n\n## Where backups live\n");
    assert_refused(
        &site,
        1,
        "content/guides/how-it-works.md:2:9: `title` is empty",
    );
}

/// Regression (row 15): noncharacters (U+FFFF, U+FDD0, U+1FFFE) reached the HTML, where the
/// HTML standard calls them parse errors; raw or as TOML escapes, they are refused like
/// control characters.
#[test]
fn noncharacters_are_refused() {
    let site = with_article("+++\ntitle = \"How\"\n+++\n\n## Where backups live\n\nA \u{ffff} B\n");
    assert_refused(
        &site,
        1,
        "content/guides/how-it-works.md:7:3: noncharacter U+FFFF in the text",
    );
    let site = with_article("+++\ntitle = \"How \\uFDD0\"\n+++\n\n## Where backups live\n");
    assert_refused(
        &site,
        1,
        "content/guides/how-it-works.md:2:9: noncharacter U+FDD0 in the text",
    );
    let site = with_article("+++\ntitle = \"How\"\n+++\n\n## Where backups live\n\n\u{1fffe}\n");
    assert_refused(
        &site,
        1,
        "content/guides/how-it-works.md:7:1: noncharacter U+1FFFE in the text",
    );
}
