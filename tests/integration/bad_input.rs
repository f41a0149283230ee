//! The bad-input suite: malformed sites and files, each run through the real `remedy check` and
//! `remedy build`. A refused input must give a clear diagnostic (pinned here as the location,
//! `path:line:col` where the problem has a line, and the message), exit 1 (content) or
//! 2 (usage), never panic or die of a signal, and leave the site folder exactly as it was: no
//! build dir, no staging folder.
//!
//! Some inputs are hostile but valid — a byte-order mark, CRLF line endings, nesting within the
//! limit: those must build, and the page must hold the text. Deep nesting (10,000 levels, past
//! the limit of 100) runs in the real binary on purpose: a stack overflow aborts the process (a
//! signal, not a panic), which only a subprocess can observe.
//!
//! Each site starts as the `basic` fixture; the test then writes the bad file or link.

use std::fs;

use crate::support::{Run, TestSite};

/// The article that each case overwrites, and its display path in diagnostics.
const ARTICLE: &str = "content/guides/how-it-works.md";

/// Panics unless the run ended by itself (no signal) without a panic message.
#[track_caller]
fn assert_no_crash(run: &Run) {
    assert!(run.code.is_some(), "remedy died of a signal\n{run}");
    for sign in [
        "panicked",
        "RUST_BACKTRACE",
        "stack overflow",
        "internal error",
    ] {
        assert!(!run.stderr.contains(sign), "`{sign}` in stderr\n{run}");
    }
}

/// Whether `stderr` holds the diagnostic `location: message` (the way the problem is pinned
/// here), printed as `error: message` with `--> location` on the line after it; or, for a
/// usage error, the line `error: message` alone.
fn reports(stderr: &str, pinned: &str) -> bool {
    let lines: Vec<&str> = stderr.lines().collect();
    if let Some(message) = pinned.strip_prefix("error: ") {
        return lines.contains(&format!("error: {message}").as_str());
    }
    let Some((location, message)) = pinned.split_once(": ") else {
        return false;
    };
    lines.windows(2).any(|pair| {
        pair[0] == format!("error: {message}") && pair[1].trim_start() == format!("--> {location}")
    })
}

/// The first diagnostic of `stderr` as this suite pins one: `location: message`.
fn first_reported(stderr: &str) -> String {
    let mut lines = stderr.lines();
    let message = lines.next().unwrap_or_default();
    let message = message.strip_prefix("error: ").unwrap_or(message);
    let location = lines.next().unwrap_or_default().trim_start();
    let location = location.strip_prefix("--> ").unwrap_or(location);
    format!("{location}: {message}")
}

/// Runs `check` and `build` on `site`: both must exit `code` and report `first_line`, written
/// `path:line:col: message` (see [`reports`]), and the build must not write anything.
#[track_caller]
fn assert_refused(site: &TestSite, code: i32, first_line: &str) {
    let before = site.top_level();
    let check = site.remedy(&["check"]);
    assert_no_crash(&check);
    check.expect_code(code);
    let build = site.remedy(&["build"]);
    assert_no_crash(&build);
    build.expect_code(code);
    for run in [&check, &build] {
        assert!(
            reports(&run.stderr, first_line),
            "`{first_line}` is not reported\n{run}"
        );
    }
    if code == 1 {
        assert!(
            build.stderr.ends_with("found; nothing was written\n"),
            "{build}"
        );
    }
    assert!(build.stdout.is_empty(), "{build}");
    assert_eq!(
        site.top_level(),
        before,
        "a refused build wrote files\n{build}"
    );
}

/// A `basic` site whose `how-it-works` guide is `text`.
fn with_article(text: &str) -> TestSite {
    with_article_bytes(text.as_bytes())
}

fn with_article_bytes(bytes: &[u8]) -> TestSite {
    let site = TestSite::new("basic");
    fs::write(site.path(ARTICLE), bytes).unwrap();
    site
}

/// A `basic` site whose `book.toml` is `text`.
fn with_config(text: &str) -> TestSite {
    let site = TestSite::new("basic");
    site.write("book.toml", text);
    site
}

/// The heading the `basic` fixture's cause links to: articles that must build keep it.
const LINKED_HEADING: &str = "## Where backups live\n\n";

/// Builds `site` and returns the HTML of the `how-it-works` page.
#[track_caller]
fn built_page(site: &TestSite) -> String {
    let build = site.remedy(&["build", "--quiet"]);
    assert_no_crash(&build);
    build.expect_code(0);
    fs::read_to_string(site.path("public/guides/how-it-works/index.html")).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Front matter

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

// ---------------------------------------------------------------------------------------------
// Encodings and sizes

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

// ---------------------------------------------------------------------------------------------
// File names, folders and symlinks

#[test]
fn file_name_with_spaces() {
    let site = TestSite::new("basic");
    site.write(
        "content/guides/how it works.md",
        "+++\ntitle = \"How\"\n+++\n",
    );
    assert_refused(
        &site,
        1,
        "content/guides/how it works.md: `how it works` is not a valid slug: file and folder names become URLs",
    );
    let run = site.remedy(&["check"]);
    assert!(run.stderr.contains("such as `how-it-works`"), "{run}");
}

#[test]
fn file_name_not_ascii() {
    let site = TestSite::new("basic");
    site.write(
        "content/guides/réglages.md",
        "+++\ntitle = \"Réglages\"\n+++\n",
    );
    assert_refused(
        &site,
        1,
        "content/guides/réglages.md: `réglages` is not a valid slug: file and folder names become URLs",
    );
}

#[cfg(unix)]
#[test]
fn file_name_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let site = TestSite::new("basic");
    let name = std::ffi::OsStr::from_bytes(b"bad\xffname.md");
    fs::write(
        site.path("content/guides").join(name),
        "+++\ntitle = \"Bad\"\n+++\n",
    )
    .unwrap();
    assert_refused(
        &site,
        1,
        "content/guides/bad\u{fffd}name.md: `bad\u{fffd}name` is not a valid slug: file and folder names become URLs",
    );
}

#[test]
fn folder_name_with_a_space() {
    let site = TestSite::new("basic");
    site.write(
        "content/guides/getting started/first.md",
        "+++\ntitle = \"First\"\n+++\n",
    );
    assert_refused(
        &site,
        1,
        "content/guides/getting started/first.md: `getting started` is not a valid slug: file and folder names become URLs",
    );
}

#[test]
fn slugs_that_differ_only_in_case() {
    let site = TestSite::new("basic");
    site.write(
        "content/fixes/Free-Up-Storage.md",
        "+++\ntitle = \"Free\"\n+++\n",
    );
    assert_refused(
        &site,
        1,
        "content/fixes/free-up-storage.md: duplicate slug: `fixes/free-up-storage` differs only in case from `content/fixes/Free-Up-Storage.md`",
    );
}

#[test]
fn article_outside_a_kind_folder() {
    let site = TestSite::new("basic");
    site.write("content/loose.md", "+++\ntitle = \"Loose\"\n+++\n");
    assert_refused(&site, 1, "content/loose.md: article outside a kind folder");
}

#[test]
fn folder_that_is_not_a_kind() {
    let site = TestSite::new("basic");
    site.write("content/howtos/x.md", "+++\ntitle = \"X\"\n+++\n");
    assert_refused(&site, 1, "content/howtos: unknown kind folder `howtos`");
}

#[test]
fn content_folder_missing() {
    let site = TestSite::new("basic");
    fs::remove_dir_all(site.path("content")).unwrap();
    assert_refused(&site, 1, "content: the `content` folder is missing");
}

#[cfg(unix)]
mod symlinks {
    use std::os::unix::fs::symlink;

    use super::*;

    #[test]
    fn loop_back_to_a_parent_folder() {
        let site = TestSite::new("basic");
        symlink("..", site.path("content/guides/loop")).unwrap();
        assert_refused(
            &site,
            1,
            "content/guides/loop: symlink loop: this link points back to a folder that contains it",
        );
    }

    #[test]
    fn file_outside_the_site() {
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret.md");
        fs::write(&secret, "+++\ntitle = \"Secret\"\n+++\n").unwrap();
        let site = TestSite::new("basic");
        symlink(&secret, site.path("content/guides/secret.md")).unwrap();
        assert_refused(
            &site,
            1,
            &format!(
                "content/guides/secret.md: symlink points outside the site: `{}`",
                secret.canonicalize().unwrap().display()
            ),
        );
    }

    #[test]
    fn folder_outside_the_site() {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("x.md"), "+++\ntitle = \"X\"\n+++\n").unwrap();
        let site = TestSite::new("basic");
        symlink(outside.path(), site.path("content/guides/more")).unwrap();
        assert_refused(
            &site,
            1,
            &format!(
                "content/guides/more: symlink points outside the site: `{}`",
                outside.path().canonicalize().unwrap().display()
            ),
        );
    }

    #[test]
    fn link_to_nothing() {
        let site = TestSite::new("basic");
        symlink("gone.md", site.path("content/guides/gone-link.md")).unwrap();
        assert_refused(
            &site,
            1,
            "content/guides/gone-link.md: cannot read: No such file or directory (os error 2)",
        );
    }

    #[test]
    fn static_folder_outside_the_site() {
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("passwd"), "root:x:0:0").unwrap();
        let site = TestSite::new("basic");
        symlink(outside.path(), site.path("static")).unwrap();
        assert_refused(
            &site,
            1,
            &format!(
                "static: symlink points outside the site: `{}`",
                outside.path().canonicalize().unwrap().display()
            ),
        );
    }

    #[test]
    fn template_outside_the_site() {
        let outside = tempfile::tempdir().unwrap();
        let template = outside.path().join("article.html");
        fs::write(&template, "{{ article.title }}").unwrap();
        let site = TestSite::new("basic");
        fs::create_dir(site.path("templates")).unwrap();
        symlink(&template, site.path("templates/article.html")).unwrap();
        assert_refused(
            &site,
            1,
            &format!(
                "templates/article.html: symlink points outside the site: `{}`",
                template.canonicalize().unwrap().display()
            ),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Themes and templates

#[test]
fn theme_that_does_not_exist() {
    let site = with_config("[book]\ntitle = \"Help\"\n[build]\ntheme = \"fancy\"\n");
    assert_refused(
        &site,
        1,
        "book.toml: theme `fancy` not found: there is no folder `themes/fancy`",
    );
}

#[test]
fn theme_name_that_is_a_path() {
    let site = with_config("[book]\ntitle = \"Help\"\n[build]\ntheme = \"../other\"\n");
    assert_refused(&site, 1, "book.toml:4:9: `../other` is not a theme name");
}

#[test]
fn template_syntax_error() {
    let site = TestSite::new("basic");
    site.write("templates/home.html", "<h1>{{ site.title }</h1>\n");
    assert_refused(
        &site,
        1,
        "templates/home.html:1:19: template error: found `}` but expected }}",
    );
}

#[test]
fn template_that_includes_itself() {
    let site = TestSite::new("basic");
    site.write("templates/article.html", "{% include \"article.html\" %}\n");
    assert_refused(
        &site,
        1,
        "templates/article.html: template error: `article.html` includes itself (article.html → article.html)",
    );
}

#[test]
fn templates_that_include_each_other() {
    let site = TestSite::new("basic");
    site.write(
        "templates/article.html",
        "{% include \"partials/a.html\" %}\n",
    );
    site.write(
        "templates/partials/a.html",
        "{% include \"article.html\" %}\n",
    );
    assert_refused(
        &site,
        1,
        "templates/article.html: template error: `article.html` includes itself (article.html → partials/a.html → article.html)",
    );
}

#[test]
fn template_that_extends_itself() {
    let site = TestSite::new("basic");
    site.write(
        "templates/article.html",
        "{% extends \"article.html\" %}{% block main %}{% endblock main %}\n",
    );
    let check = site.remedy(&["check"]);
    assert_no_crash(&check);
    let first = first_reported(&check.stderr);
    assert!(first.starts_with("templates/article.html"), "{check}");
    assert!(first.contains("extends itself"), "{check}");
    assert_refused(&site, 1, &first);
}

#[test]
fn template_not_utf8() {
    let site = TestSite::new("basic");
    fs::create_dir(site.path("templates")).unwrap();
    fs::write(site.path("templates/article.html"), b"<h1>\xff</h1>").unwrap();
    assert_refused(
        &site,
        1,
        "templates/article.html: template is not valid UTF-8",
    );
}

// ---------------------------------------------------------------------------------------------
// Relations and links

#[test]
fn relation_cycle_of_one_article() {
    let site = with_article("+++\ntitle = \"How\"\nrelated = [\"guides/how-it-works\"]\n+++\n");
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}:3:12: `guides/how-it-works` relates the article to itself"),
    );
}

#[test]
fn relation_to_a_missing_article() {
    let site = with_article("+++\ntitle = \"How\"\nrelated = [\"causes/nope\"]\n+++\n");
    assert_refused(
        &site,
        1,
        &format!(
            "{ARTICLE}:3:12: no article `causes/nope`: `content/causes/nope.md` does not exist"
        ),
    );
}

#[test]
fn internal_link_to_a_file_that_is_not_markdown() {
    let site = with_article("+++\ntitle = \"How\"\n+++\n\nSee [this](@/causes/storage-full).\n");
    assert_refused(
        &site,
        1,
        &format!(
            "{ARTICLE}:5:12: internal link `@/causes/storage-full` does not name a Markdown file"
        ),
    );
}

// ---------------------------------------------------------------------------------------------
// book.toml

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
        "error: build dir `/` exists and was not made by Remedy (it has no `.remedy-build` \
         file), so it is not replaced: remove it or choose another `--out`\n",
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
        "error: build dir `{}` exists and was not made by Remedy (it has no `.remedy-build` \
         file), so it is not replaced: remove it or choose another `--out`\n",
        content.display()
    ));
    crate::support::assert_same_tree(
        &before,
        &crate::support::read_tree(&site.path("content")),
        "content after a refused --out",
    );
}

// ---------------------------------------------------------------------------------------------
// Hostile but valid: these must build

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
