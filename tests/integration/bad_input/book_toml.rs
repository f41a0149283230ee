//! `book.toml` missing, a folder, with unknown keys or tables, wrong types, invalid TOML, a
//! control character written as an escape (there and in a section intro) or nesting past the
//! limit; and build dirs (from `book.toml` or `--out`) that would overwrite the content, the
//! site or the filesystem root.

use std::fs;

use super::{assert_no_crash, assert_refused, first_reported, with_config};
use crate::support::TestSite;

#[test]
fn book_toml_missing() {
    let site = TestSite::new("basic");
    fs::remove_file(site.path("book.toml")).unwrap();
    assert_refused(
        &site,
        2,
        "error: no `book.toml` in `.`: this is not a Remedy site (use `--root DIR`)",
    );
}

#[test]
fn book_toml_is_a_folder() {
    let site = TestSite::new("basic");
    fs::remove_file(site.path("book.toml")).unwrap();
    fs::create_dir(site.path("book.toml")).unwrap();
    let check = site.remedy(&["check"]);
    let first = check.stderr.lines().next().unwrap_or_default().to_string();
    assert!(
        first.starts_with("error: ") && first.contains("book.toml"),
        "{check}"
    );
    assert_refused(&site, 2, &first);
}

#[test]
fn book_toml_unknown_key() {
    let site = with_config("[book]\ntitle = \"Help\"\n[build]\nout-dir = \"site\"\n");
    assert_refused(&site, 1, "book.toml:4:1: unknown field `out-dir`");
}

#[test]
fn book_toml_unknown_table() {
    let site = with_config("[book]\ntitle = \"Help\"\n[serve]\nport = 3000\n");
    assert_refused(&site, 1, "book.toml:3:2: unknown field `serve`");
}

#[test]
fn book_toml_wrong_type() {
    let site = with_config("[book]\ntitle = \"Help\"\nauthors = \"me\"\n");
    assert_refused(
        &site,
        1,
        "book.toml:3:11: expected a list, found the string `\"me\"`",
    );
}

#[test]
fn book_toml_boolean_in_quotes() {
    let site = with_config("[search]\nfuzzy = \"yes\"\n");
    assert_refused(
        &site,
        1,
        "book.toml:2:9: expected `true` or `false`, found the string `\"yes\"`",
    );
}

#[test]
fn book_toml_invalid_toml() {
    let site = with_config("[book\ntitle = \"Help\"\n");
    assert_refused(&site, 1, "book.toml:1:6: unclosed table, expected `]`");
}

#[test]
fn book_toml_control_character_as_an_escape() {
    let site = with_config("[book]\ntitle = \"Help \\u0000\"\n");
    assert_refused(
        &site,
        1,
        "book.toml:2:9: control character U+0000 in the text",
    );
}

#[test]
fn section_intro_control_character_as_an_escape() {
    let site = TestSite::new("basic");
    site.write(
        "content/causes/_index.md",
        "+++\ntitle = \"Causes\"\ndescription = \"Why \\u001b[31m\"\n+++\n",
    );
    assert_refused(
        &site,
        1,
        "content/causes/_index.md:3:15: control character U+001B in the text",
    );
}

#[test]
fn book_toml_nested_10000_deep() {
    let nested = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let site = with_config(&format!("[book]\nauthors = {nested}\n"));
    let check = site.remedy(&["check"]);
    assert_no_crash(&check);
    let first = first_reported(&check.stderr);
    assert!(first.starts_with("book.toml:2:"), "{check}");
    assert_refused(&site, 1, &first);
}

#[test]
fn book_toml_base_url_not_a_url() {
    let site = with_config("[build]\nbase-url = \"help site\"\n");
    assert_refused(&site, 1, "book.toml:2:12: `help site` is not a base URL");
}

#[test]
fn book_toml_language_not_a_tag() {
    let site = with_config("[book]\nlanguage = \"en us\"\n");
    assert_refused(&site, 1, "book.toml:2:12: `en us` is not a language tag");
}

#[test]
fn book_toml_two_kinds_in_one_folder() {
    let site = with_config("[kinds.cause]\ndir = \"causes\"\n[kinds.reason]\ndir = \"causes\"\n");
    assert_refused(&site, 1, "book.toml:4:7: two kinds use the folder `causes`");
}

#[test]
fn book_toml_kind_in_a_reserved_folder() {
    let site = with_config("[kinds.cause]\n[kinds.script]\ndir = \"js\"\n");
    assert_refused(
        &site,
        1,
        "book.toml: kind `script` uses the reserved folder `js`",
    );
}

#[test]
fn build_dir_is_the_content_dir() {
    let site = with_config("[book]\ntitle = \"Help\"\n[build]\nbuild-dir = \"content\"\n");
    assert_refused(
        &site,
        1,
        "book.toml:4:13: `build-dir` `content` is inside `content/`: building would overwrite the site's sources",
    );
}

#[test]
fn build_dir_is_the_filesystem_root() {
    let site = with_config("[build]\nbuild-dir = \"/\"\n");
    assert_refused(
        &site,
        1,
        "book.toml:2:13: `build-dir` `/` is the filesystem root",
    );
}

#[test]
fn build_dir_is_the_site_root() {
    let site = with_config("[build]\nbuild-dir = \".\"\n");
    assert_refused(
        &site,
        1,
        "book.toml:2:13: `build-dir` `.` is the site root or above it: building would delete the site",
    );
}

#[test]
fn build_dir_above_the_site() {
    let site = with_config("[build]\nbuild-dir = \"public/../..\"\n");
    assert_refused(
        &site,
        1,
        "book.toml:2:13: `build-dir` `public/../..` is the site root or above it: building would delete the site",
    );
}

#[test]
fn out_flag_is_the_filesystem_root() {
    let site = TestSite::new("basic");
    let build = site.remedy(&["build", "--out", "/"]);
    assert_no_crash(&build);
    build.expect_code(2).expect_stderr(
        "error: build dir `/` is the site root or above it: building would delete the site\n",
    );
    assert_eq!(site.top_level(), ["book.toml", "content"]);
}

#[test]
fn out_flag_is_the_content_dir() {
    let site = TestSite::new("basic");
    let content = site.root().canonicalize().unwrap().join("content");
    let before = crate::support::read_tree(&site.path("content"));
    let build = site.remedy(&["build", "--out", content.to_str().unwrap()]);
    assert_no_crash(&build);
    build.expect_code(2).expect_stderr(&format!(
        "error: build dir `{}` is inside the site's `content/`: building would overwrite the \
         site's sources\n",
        content.display()
    ));
    crate::support::assert_same_tree(
        &before,
        &crate::support::read_tree(&site.path("content")),
        "content after a refused --out",
    );
}

/// Regression (issue 15, row 15): `escalation = "causes/_index"` said the existing file
/// `content/causes/_index.md` did not exist.
#[test]
fn escalation_to_an_intro_page_says_what_it_is() {
    let site =
        with_config("[book]\ntitle = \"Help\"\n[troubleshooter]\nescalation = \"causes/_index\"\n");
    site.write("content/causes/_index.md", "+++\ntitle = \"Causes\"\n+++\n");
    assert_refused(
        &site,
        1,
        "book.toml:4:14: `causes/_index` is an intro page (`content/causes/_index.md`), not an \
         article",
    );
}
