//! One broken fixture per class of problem. Each is `basic` with a few files replaced by those
//! of `tests/fixtures/broken/<name>/`; `check` and `build` must both print exactly the expected
//! diagnostics (location, message, source line with caret, help), exit 1, and `build` must not
//! write anything.

use crate::support::TestSite;

/// Copies `basic`, overlays `broken/<name>`, and checks what `check` and `build` print.
#[track_caller]
fn assert_problems(name: &str, expected: &str) {
    let site = TestSite::new("basic");
    site.overlay(&format!("broken/{name}"));
    let before = site.top_level();
    site.remedy(&["check"])
        .expect_code(1)
        .expect_stderr(expected);
    let build = site.remedy(&["build"]);
    build.expect_code(1).expect_stderr(expected);
    assert!(build.stdout.is_empty(), "{build}");
    assert_eq!(
        site.top_level(),
        before,
        "a failed build wrote files\n{build}"
    );
}

#[test]
fn the_basic_fixture_is_clean() {
    let site = TestSite::new("basic");
    site.remedy(&["check"])
        .expect_code(0)
        .expect_stderr("no problems found\n");
}

/// A string left open in the front matter: pointed at where the closing quote is missing. The error
/// page that lists this cause is not also blamed.
#[test]
fn invalid_toml_in_front_matter() {
    assert_problems(
        "invalid-toml",
        r#"error: the string is not closed
 --> content/causes/storage-full.md:3:49
  |
3 | summary = "There is no room left for the backup.
  |                                                 ^
  |
  = help: end it with `"` on the same line; text over several lines goes between `"""`

error: 1 problem found; nothing was written
"#,
    );
}

/// A misspelled field, with a "did you mean" help.
#[test]
fn unknown_field_with_did_you_mean() {
    assert_problems(
        "unknown-field",
        r#"error: unknown field `wieght`
 --> content/fixes/free-up-storage.md:4:1
  |
4 | wieght = 10
  | ^^^^^^
  |
  = help: did you mean `weight`?

error: 1 problem found; nothing was written
"#,
    );
}

/// A string where a number goes: the caret under the value.
#[test]
fn wrong_type() {
    assert_problems(
        "wrong-type",
        r#"error: expected a whole number, found the string `"first"`
 --> content/guides/how-it-works.md:4:10
  |
4 | weight = "first"
  |          ^^^^^^^
  |
  = help: write a number without quotes, such as `10`

error: 1 problem found; nothing was written
"#,
    );
}

/// No `title`: pointed at the opening `+++`. The cause that links to this guide is not also blamed.
#[test]
fn missing_title() {
    assert_problems(
        "missing-title",
        r#"error: missing `title` in front matter
 --> content/guides/how-it-works.md:1:1
  |
1 | +++
  | ^^^
  |
  = help: add a line such as `title = "Not enough iCloud storage"`

error: 1 problem found; nothing was written
"#,
    );
}

/// A folder under `content/` that no kind uses.
#[test]
fn unknown_kind_folder() {
    assert_problems(
        "unknown-kind-folder",
        r#"error: unknown kind folder `howtos`
--> content/howtos
 = help: the kinds in `book.toml` use the folders `guides`, `causes`, `fixes`, `practices`, `restore`, `errors`, `faq`

error: 1 problem found; nothing was written
"#,
    );
}

/// A fix that does not exist, with the closest fix as help.
#[test]
fn relation_to_a_missing_article() {
    assert_problems(
        "missing-relation",
        r#"error: no fix `free-up-space`: `content/fixes/free-up-space.md` does not exist
 --> content/causes/storage-full.md:6:10
  |
6 | fixes = ["free-up-space"]
  |          ^^^^^^^^^^^^^^^
  |
  = help: did you mean `free-up-storage`?

error: 1 problem found; nothing was written
"#,
    );
}

/// A guide listed in `fixes`.
#[test]
fn relation_to_the_wrong_kind() {
    assert_problems(
        "wrong-kind-relation",
        r#"error: `guides/how-it-works` is a guide, but `fixes` lists fixes
 --> content/causes/storage-full.md:6:29
  |
6 | fixes = ["free-up-storage", "guides/how-it-works"]
  |                             ^^^^^^^^^^^^^^^^^^^^^
  |
  = help: list guides in `related`

error: 1 problem found; nothing was written
"#,
    );
}

/// An `@/` link to a file that does not exist.
#[test]
fn broken_internal_link() {
    assert_problems(
        "broken-link",
        r#"error: broken link: `content/guides/how-it-work.md` does not exist
  --> content/causes/storage-full.md:13:66
   |
13 | The backup needs more room than the plan has. See [how it works](@/guides/how-it-work.md#where-backups-live).
   |                                                                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = help: did you mean `@/guides/how-it-works.md`?

error: 1 problem found; nothing was written
"#,
    );
}

/// An `@/` link to a heading id the target does not have.
#[test]
fn broken_heading_anchor() {
    assert_problems(
        "broken-anchor",
        r#"error: broken anchor: `guides/how-it-works` has no heading with id `where-backup-lives`
  --> content/causes/storage-full.md:13:66
   |
13 | The backup needs more room than the plan has. See [how it works](@/guides/how-it-works.md#where-backup-lives).
   |                                                                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = help: did you mean `#where-backups-live`?

error: 1 problem found; nothing was written
"#,
    );
}

/// Two files whose slugs differ only in case (needs a case-sensitive file system). The link to the
/// refused one is not also reported.
#[test]
fn duplicate_slug_differing_only_in_case() {
    assert_problems(
        "duplicate-slug",
        r#"error: duplicate slug: `guides/how-it-works` differs only in case from `content/guides/How-It-Works.md`
--> content/guides/how-it-works.md
 = help: rename one of them: on macOS and Windows the two pages would be one file

error: 1 problem found; nothing was written
"#,
    );
}

/// Two error pages for the same code.
#[test]
fn duplicate_error_code() {
    assert_problems(
        "duplicate-error-code",
        r#"error: duplicate error code `9006`: `content/errors/storage-error.md` already has it
 --> content/errors/9006.md:4:16
  |
4 | error_codes = ["9006"]
  |                ^^^^^^
  |
  = help: each error code has one page; merge the two or link them

error: 1 problem found; nothing was written
"#,
    );
}

/// A syntax error in the site's own `templates/article.html`: the template file and line.
#[test]
fn template_syntax_error_in_a_site_override() {
    assert_problems(
        "template-syntax",
        r#"error: template error: found `}` but expected }}
 --> templates/article.html:3:22
  |
3 | <h1>{{ article.title }</h1>
  |                      ^

error: 1 problem found; nothing was written
"#,
    );
}

/// An unknown filter, which Tera finds once all templates are loaded.
#[test]
fn template_with_an_unknown_filter() {
    assert_problems(
        "template-unknown-filter",
        r#"error: template error: unknown filter `shout`
 --> templates/article.html:3:24
  |
3 | <h1>{{ article.title | shout }}</h1>
  |                        ^^^^^

error: 1 problem found; nothing was written
"#,
    );
}

/// A field that does not exist, found while rendering: the template line and the page.
#[test]
fn template_error_while_rendering() {
    assert_problems(
        "template-render",
        r#"error: template error: field `author` is not defined
 --> templates/article.html:4:15
  |
4 | <p>{{ article.author.name }}</p>
  |               ^^^^^^
  |
  = help: available fields are `breadcrumbs`, `content`, `effort`, `error_codes`, `extra`, `has_tabs`, `kind`, `kind_singular`, `kind_title`, `kind_title_in_text`, `language`, `language_name`, `next`, `next_steps`, `path`, `previous`, `print_path`, `reading_minutes`, `related`, `relations`, `slug`, `steps`, `summary`, `symptoms`, `tags`, `title`, `toc`, `troubleshoot`, `updated`, `updated_human`, `weight`, `word_count` (while rendering `guides/how-it-works`)

error: 1 problem found; nothing was written
"#,
    );
}

/// A key of `[build]` written under `[book]`: its line, and where it goes.
#[test]
fn unknown_key_in_book_toml() {
    assert_problems(
        "config-unknown-key",
        r#"error: unknown field `theme`
 --> book.toml:3:1
  |
3 | theme = "default"
  | ^^^^^
  |
  = help: `theme` goes in the `[build]` table

error: 1 problem found; nothing was written
"#,
    );
}

/// A string where `book.toml` takes a number.
#[test]
fn wrong_type_in_book_toml() {
    assert_problems(
        "config-wrong-type",
        r#"error: expected a whole number, found the string `"ten"`
 --> book.toml:6:14
  |
6 | feed-limit = "ten"
  |              ^^^^^
  |
  = help: write a number without quotes, such as `10`

error: 1 problem found; nothing was written
"#,
    );
}

/// A table header without its `]`.
#[test]
fn invalid_toml_in_book_toml() {
    assert_problems(
        "config-invalid-toml",
        r#"error: unclosed table, expected `]`
 --> book.toml:4:7
  |
4 | [build
  |       ^

error: 1 problem found; nothing was written
"#,
    );
}

/// Four problems in four files: all reported in one run, sorted by path.
#[test]
fn problems_in_several_files_are_all_reported_sorted() {
    assert_problems(
        "several",
        r#"error: no fix `free-up-space`: `content/fixes/free-up-space.md` does not exist
 --> content/causes/storage-full.md:6:10
  |
6 | fixes = ["free-up-space"]
  |          ^^^^^^^^^^^^^^^

error: no cause `storage-ful`: `content/causes/storage-ful.md` does not exist
 --> content/errors/9006.md:5:11
  |
5 | causes = ["storage-ful"]
  |           ^^^^^^^^^^^^^
  |
  = help: did you mean `storage-full`?

error: unknown field `wieght`
 --> content/fixes/free-up-storage.md:4:1
  |
4 | wieght = 10
  | ^^^^^^
  |
  = help: did you mean `weight`?

error: unknown kind folder `howtos`
--> content/howtos
 = help: the kinds in `book.toml` use the folders `guides`, `causes`, `fixes`, `practices`, `restore`, `errors`, `faq`

error: 4 problems found; nothing was written
"#,
    );
}

/// Every problem of one file in one run: an unknown field, a relation to a missing fix, a
/// string for a number, a date in quotes and an unreadable effort in the front matter, and a
/// broken link in the body. A wrong field does not hide the next one, and the front matter's
/// problems do not hide the relations and links.
#[test]
fn every_problem_of_a_file_is_reported_in_one_run() {
    assert_problems(
        "several-in-one-file",
        r#"error: unknown field `symptomes`
 --> content/causes/storage-full.md:4:1
  |
4 | symptomes = ["not enough storage"]
  | ^^^^^^^^^
  |
  = help: did you mean `symptoms`?

error: no fix `free-up-space`: `content/fixes/free-up-space.md` does not exist
 --> content/causes/storage-full.md:6:10
  |
6 | fixes = ["free-up-space"]
  |          ^^^^^^^^^^^^^^^
  |
  = help: did you mean `free-up-storage`?

error: expected a whole number, found the string `"first"`
 --> content/causes/storage-full.md:7:10
  |
7 | weight = "first"
  |          ^^^^^^^
  |
  = help: write a number without quotes, such as `10`

error: expected a date, found the string `"2026-11-01"`
 --> content/causes/storage-full.md:8:11
  |
8 | updated = "2026-11-01"
  |           ^^^^^^^^^^^^
  |
  = help: write the date without quotes, such as `2026-11-26`

error: cannot read effort `a while`
 --> content/causes/storage-full.md:9:10
  |
9 | effort = "a while"
  |          ^^^^^^^^^
  |
  = help: write a duration such as "1 min", "15 min" or "1 hour"

error: broken link: `content/guides/how-it-work.md` does not exist
  --> content/causes/storage-full.md:14:66
   |
14 | The backup needs more room than the plan has. See [how it works](@/guides/how-it-work.md#where-backups-live).
   |                                                                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = help: did you mean `@/guides/how-it-works.md`?

error: 6 problems found; nothing was written
"#,
    );
}

/// Front matter that is not TOML at all still lets the body's links be checked.
#[test]
fn a_toml_syntax_error_does_not_hide_the_broken_links() {
    assert_problems(
        "invalid-toml-and-a-broken-link",
        r#"error: the string is not closed
 --> content/causes/storage-full.md:3:49
  |
3 | summary = "There is no room left for the backup.
  |                                                 ^
  |
  = help: end it with `"` on the same line; text over several lines goes between `"""`

error: broken link: `content/guides/how-it-work.md` does not exist
 --> content/causes/storage-full.md:9:66
  |
9 | The backup needs more room than the plan has. See [how it works](@/guides/how-it-work.md#where-backups-live).
  |                                                                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |
  = help: did you mean `@/guides/how-it-works.md`?

error: 2 problems found; nothing was written
"#,
    );
}

/// A broken template and a broken article: both reported in one run, not the template alone.
#[test]
fn template_and_content_problems_are_reported_together() {
    assert_problems(
        "template-and-content",
        r#"error: unknown field `wieght`
 --> content/fixes/free-up-storage.md:4:1
  |
4 | wieght = 10
  | ^^^^^^
  |
  = help: did you mean `weight`?

error: template error: found `}` but expected }}
 --> templates/article.html:3:22
  |
3 | <h1>{{ article.title }</h1>
  |                      ^

error: 2 problems found; nothing was written
"#,
    );
}

/// Warnings are printed but do not stop `build` or `check`; `check --strict` fails on them.
#[test]
fn warnings_fail_only_a_strict_check() {
    let site = TestSite::new("basic");
    site.overlay("warnings");
    let warning = r#"warning: `fixes/free-up-storage` is listed twice in `fixes`
 --> content/causes/storage-full.md:6:29
  |
6 | fixes = ["free-up-storage", "fixes/free-up-storage"]
  |                             ^^^^^^^^^^^^^^^^^^^^^^^
  |
  = help: remove one of the two

"#;
    site.remedy(&["check"])
        .expect_code(0)
        .expect_stderr(&format!("{warning}1 warning, no errors\n"));
    site.remedy(&["check", "--strict"])
        .expect_code(1)
        .expect_stderr(&format!(
            "{warning}error: 1 warning (--strict treats warnings as errors)\n"
        ));
    let build = site.remedy(&["build", "--quiet"]);
    build.expect_code(0).expect_stderr(warning);
    assert!(site.path("public/causes/storage-full/index.html").is_file());
}

/// The `_index.md` intros of the home page and of a kind are checked like articles (an in-page
/// `#list` link is left alone: an index page's ids come from the theme).
#[test]
fn broken_links_in_section_intros() {
    assert_problems(
        "intro-links",
        r#"error: broken link: `content/guides/how-it-work.md` does not exist
 --> content/_index.md:1:33
  |
1 | Welcome. Start with [the guide](@/guides/how-it-work.md).
  |                                 ^^^^^^^^^^^^^^^^^^^^^^^
  |
  = help: did you mean `@/guides/how-it-works.md`?

error: broken anchor: `guides/how-it-works` has no heading with id `where-backup-lives`
 --> content/causes/_index.md:6:26
  |
6 | See [where backups live](@/guides/how-it-works.md#where-backup-lives) and [the list](#list).
  |                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |
  = help: did you mean `#where-backups-live`?

error: 2 problems found; nothing was written
"#,
    );
}

/// An article written at the old address of a cause's print view (`<cause>/print/`, which
/// `_redirects` sends to `<cause>/print.html`) is refused, not shadowed by the redirect.
#[test]
fn article_at_a_print_view_path() {
    assert_problems(
        "print-clash",
        "error: `causes/storage-full/print/` is the old address of the print view of the cause `causes/storage-full`, redirected to `causes/storage-full/print.html`: this article cannot be published there
--> content/causes/storage-full/print.md
 = help: rename the file: every cause's print view is generated at `<cause>/print.html`, and `<cause>/print/` redirects to it

error: 1 problem found; nothing was written
",
    );
}

/// A file `print.html` in a cause's folder would land on the cause's print view: refused.
#[test]
fn file_at_a_print_view_path() {
    let site = TestSite::new("basic");
    let cause = std::fs::read_to_string(site.path("content/causes/storage-full.md")).unwrap();
    std::fs::remove_file(site.path("content/causes/storage-full.md")).unwrap();
    site.write("content/causes/storage-full/index.md", &cause);
    site.write("content/causes/storage-full/print.html", "<p>mine</p>");
    let expected = "error: this file clashes with the print view of `causes/storage-full`: both would be `causes/storage-full/print.html`
--> content/causes/storage-full/print.html
 = help: rename the file

error: 1 problem found; nothing was written
";
    site.remedy(&["check"])
        .expect_code(1)
        .expect_stderr(expected);
    site.remedy(&["build"])
        .expect_code(1)
        .expect_stderr(expected);
}
