//! Front matter that is not closed, not TOML, of the wrong types or with unknown fields, and
//! nested past the limit: each refused with its line and column.

use super::{ARTICLE, assert_no_crash, assert_refused, first_reported, with_article};

#[test]
fn front_matter_not_closed() {
    let site = with_article("+++\ntitle = \"How\"\n\nThe body.\n");
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}:1:1: front matter is not closed"),
    );
}

#[test]
fn front_matter_empty() {
    let site = with_article("+++\n+++\nThe body.\n");
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}:1:1: missing `title` in front matter"),
    );
}

#[test]
fn front_matter_missing() {
    let site = with_article("Just a body.\n");
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}:1:1: missing front matter: an article starts with a `+++` line"),
    );
}

#[test]
fn front_matter_in_yaml() {
    let site = with_article("---\ntitle: How\n---\nThe body.\n");
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}:1:1: missing front matter: an article starts with a `+++` line"),
    );
    let run = site.remedy(&["check"]);
    assert!(run.stderr.contains("not YAML between `---`"), "{run}");
}

#[test]
fn front_matter_after_a_blank_line() {
    let site = with_article("\n+++\ntitle = \"How\"\n+++\n");
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}:1:1: missing front matter: an article starts with a `+++` line"),
    );
}

#[test]
fn front_matter_string_not_closed() {
    let site = with_article("+++\ntitle = \"How\nweight = 1\n+++\n");
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}:2:13: the string is not closed"),
    );
}

#[test]
fn front_matter_title_is_a_number() {
    let site = with_article("+++\ntitle = 3\n+++\n");
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}:2:9: expected a string, found the number `3`"),
    );
}

#[test]
fn front_matter_title_is_a_table() {
    let site = with_article("+++\ntitle = { text = \"How\" }\n+++\n");
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}:2:9: expected a string, found a table"),
    );
}

#[test]
fn front_matter_symptoms_is_a_string() {
    let site = with_article("+++\ntitle = \"How\"\nsymptoms = \"slow\"\n+++\n");
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}:3:12: expected a list, found the string `\"slow\"`"),
    );
}

#[test]
fn front_matter_draft_is_a_string() {
    let site = with_article("+++\ntitle = \"How\"\ndraft = \"no\"\n+++\n");
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}:3:9: expected `true` or `false`, found the string `\"no\"`"),
    );
}

#[test]
fn front_matter_weight_too_large() {
    let site = with_article("+++\ntitle = \"How\"\nweight = 99999999999999999999\n+++\n");
    assert_refused(
        &site,
        1,
        &format!(
            "{ARTICLE}:3:10: expected a whole number, found the number `99999999999999999999`"
        ),
    );
}

#[test]
fn front_matter_date_in_quotes() {
    let site = with_article("+++\ntitle = \"How\"\nupdated = \"2026-01-01\"\n+++\n");
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}:3:11: expected a date, found the string `\"2026-01-01\"`"),
    );
}

#[test]
fn front_matter_time_without_a_date() {
    let site = with_article("+++\ntitle = \"How\"\nupdated = 10:30:00\n+++\n");
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}:3:11: `updated` has a time but no date"),
    );
}

#[test]
fn front_matter_duplicate_key() {
    let site = with_article("+++\ntitle = \"How\"\ntitle = \"Again\"\n+++\n");
    assert_refused(&site, 1, &format!("{ARTICLE}:3:1: duplicate key `title`"));
}

#[test]
fn front_matter_unknown_field() {
    let site = with_article("+++\ntitle = \"How\"\nsymtoms = [\"slow\"]\n+++\n");
    assert_refused(&site, 1, &format!("{ARTICLE}:3:1: unknown field `symtoms`"));
}

#[test]
fn front_matter_empty_title() {
    let site = with_article("+++\ntitle = \"  \"\n+++\n");
    assert_refused(&site, 1, &format!("{ARTICLE}:2:9: `title` is empty"));
}

#[test]
fn front_matter_unreadable_effort() {
    let site = with_article("+++\ntitle = \"How\"\neffort = \"a while\"\n+++\n");
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}:3:10: cannot read effort `a while`"),
    );
}

#[test]
fn front_matter_error_code_with_a_space() {
    let site = with_article("+++\ntitle = \"How\"\nerror_codes = [\"90 06\"]\n+++\n");
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}:3:16: `90 06` is not an error code"),
    );
}

#[test]
fn front_matter_control_character_as_an_escape() {
    let site = with_article("+++\ntitle = \"How\"\nsummary = \"Beep \\u0007 beep\"\n+++\n");
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}:3:11: control character U+0007 in the text"),
    );
}

#[test]
fn front_matter_nested_10000_deep() {
    let nested = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let site = with_article(&format!("+++\ntitle = \"How\"\nrelated = {nested}\n+++\n"));
    let check = site.remedy(&["check"]);
    assert_no_crash(&check);
    check.expect_code(1);
    let first = first_reported(&check.stderr);
    assert!(
        first.starts_with(&format!("{ARTICLE}:3:")),
        "not located in the file\n{check}"
    );
    assert!(first.contains("recursion"), "{check}");
    // The 20,000-character line is shown cut around the caret.
    assert!(check.stderr.len() < 1000, "{check}");
    assert_refused(&site, 1, &first);
}
