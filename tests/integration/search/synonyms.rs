//! `[search.synonyms]` as a writer meets it: `remedy check` warns, at the line in `book.toml`,
//! about a synonym that can find nothing because no article uses its target, and an entry made
//! only of stop words is an error that stops the build.

use crate::support::TestSite;

const UNUSED: &str = r#"
[search.synonyms]
groups = [["zorp", "blarg"], ["storage", "space"]]

[search.synonyms.one-way]
surfshark = ["vpn", "storage"]
"#;

#[test]
fn check_warns_about_synonyms_no_article_uses() {
    let site = TestSite::new("basic");
    let book = std::fs::read_to_string(site.path("book.toml")).unwrap();
    site.write("book.toml", &format!("{book}{UNUSED}"));
    site.remedy(&["check"]).expect_code(0).expect_stderr(
        "warning: no article uses any word of the synonym group `zorp`, `blarg`
 --> book.toml:8:12
  |
8 | groups = [[\"zorp\", \"blarg\"], [\"storage\", \"space\"]]
  |            ^^^^^^
  |
  = help: a group helps when at least one of its words is in the articles

warning: no article uses `vpn`, so `surfshark` finds nothing through it
  --> book.toml:11:14
   |
11 | surfshark = [\"vpn\", \"storage\"]
   |              ^^^^^
   |
   = help: point the synonym at words the articles use

2 warnings, no errors
",
    );
    site.remedy(&["check", "--strict"]).expect_code(1);
    // A build does not search the site for them.
    site.remedy(&["build", "--quiet"]).expect_code(0);
}

#[test]
fn an_entry_of_stop_words_alone_stops_the_build() {
    let site = TestSite::new("basic");
    let book = std::fs::read_to_string(site.path("book.toml")).unwrap();
    site.write(
        "book.toml",
        &format!("{book}\n[search.synonyms.one-way]\n\"the\" = [\"storage\"]\n"),
    );
    site.remedy(&["build"]).expect_code(1).expect_stderr(
        "error: `the` has no word search can use
 --> book.toml:8:1
  |
8 | \"the\" = [\"storage\"]
  | ^^^^^
  |
  = help: searches leave out words such as `the`, `to` and `it`: name the thing itself

error: 1 problem found; nothing was written
",
    );
}
