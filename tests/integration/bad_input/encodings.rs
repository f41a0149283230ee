//! Files that are not UTF-8, UTF-16, empty or of blank lines, and an article of 50 MB.

use std::fs;

use super::{ARTICLE, assert_refused, with_article, with_article_bytes};
use crate::support::TestSite;

#[test]
fn not_utf8_in_the_body() {
    let site = with_article_bytes(b"+++\ntitle = \"How\"\n+++\n\nCaf\xe9 au lait.\n");
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}:5:4: file is not valid UTF-8 (byte 0xe9)"),
    );
}

#[test]
fn not_utf8_in_the_front_matter() {
    let site = with_article_bytes(b"+++\ntitle = \"\xff\"\n+++\n");
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}:2:10: file is not valid UTF-8 (byte 0xff)"),
    );
}

#[test]
fn utf16_file() {
    let text: Vec<u8> = "+++\ntitle = \"How\"\n+++\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(text);
    let site = with_article_bytes(&bytes);
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}:1:1: file is not valid UTF-8 (byte 0xff)"),
    );
}

#[test]
fn empty_file() {
    let site = with_article("");
    assert_refused(&site, 1, &format!("{ARTICLE}: file is empty"));
}

#[test]
fn file_of_blank_lines() {
    let site = with_article("\n \r\n\t\n");
    assert_refused(&site, 1, &format!("{ARTICLE}: file is empty"));
}

#[test]
fn article_of_50_megabytes() {
    let site = TestSite::new("basic");
    let path = site.path(ARTICLE);
    let mut text = String::from("+++\ntitle = \"How\"\n+++\n");
    let paragraph = "The backup stops halfway when storage runs out. ".repeat(20) + "\n\n";
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&paragraph);
    }
    fs::write(&path, text).unwrap();
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}: file is 50 MB, more than the 8 MB an article may have"),
    );
}

#[test]
fn book_toml_not_utf8() {
    let site = TestSite::new("basic");
    fs::write(
        site.path("book.toml"),
        b"[book]\ntitle = \"Aide \xe0 la maison\"\n",
    )
    .unwrap();
    assert_refused(
        &site,
        1,
        "book.toml:2:15: file is not valid UTF-8 (byte 0xe0)",
    );
}
