//! Hostile uses of what help-centre writers use: a huge file in an article's folder, an image
//! linked to a file outside the site or reaching out of the folder, a file that only says it is
//! an image; snippets that include themselves, chains of a thousand snippets, snippet names
//! that try to leave `snippets/`; aliases that try to leave the build dir; tabs nested a
//! thousand deep. Each is refused with its place, or builds with a warning, and never crashes.

use std::fs;

use super::{ARTICLE, LINKED_HEADING, assert_no_crash, assert_refused, with_article};
use crate::support::TestSite;

/// The folder the `how-it-works` guide becomes when it has files, and its article file.
const FOLDER: &str = "content/guides/how-it-works";
const FOLDER_ARTICLE: &str = "content/guides/how-it-works/index.md";

/// A `basic` site whose `how-it-works` guide is a folder with `body` after the heading the
/// fixture links to (the body starts on line 7).
fn with_folder_article(body: &str) -> TestSite {
    let site = TestSite::new("basic");
    fs::remove_file(site.path(ARTICLE)).unwrap();
    site.write(
        FOLDER_ARTICLE,
        &format!("+++\ntitle = \"How\"\n+++\n\n{LINKED_HEADING}{body}\n"),
    );
    site
}

#[test]
fn a_file_far_over_the_limit_beside_an_article() {
    let site = with_folder_article("![Huge](huge.png)");
    // Sparse: the size is what counts, and it is read from the file's metadata.
    let file = fs::File::create(site.path(&format!("{FOLDER}/huge.png"))).unwrap();
    file.set_len(40 * 1024 * 1024).unwrap();
    assert_refused(
        &site,
        1,
        "content/guides/how-it-works/huge.png: file is 40 MB, more than the 32 MB a file beside an article may have",
    );
}

#[test]
fn an_image_that_is_not_one_builds_with_a_warning() {
    let site = with_folder_article("![A screenshot](shot.png)");
    site.write(&format!("{FOLDER}/shot.png"), "<script>alert(1)</script>");
    let check = site.remedy(&["check"]);
    assert_no_crash(&check);
    check.expect_code(0);
    assert!(
        check
            .stderr
            .starts_with("warning: cannot read the width and height of image `shot.png`\n"),
        "{check}"
    );
    let build = site.remedy(&["build", "--quiet"]);
    build.expect_code(0);
    let page = fs::read_to_string(site.path("public/guides/how-it-works/index.html")).unwrap();
    assert!(page.contains(
        "<img src=\"shot.png\" alt=\"A screenshot\" loading=\"lazy\" decoding=\"async\">"
    ));
}

#[test]
fn an_image_path_that_leaves_the_article_folder() {
    let site = with_folder_article("![Secrets](../../../../etc/passwd)");
    assert_refused(
        &site,
        1,
        &format!(
            "{FOLDER_ARTICLE}:7:12: image `../../../../etc/passwd` is outside the article's folder"
        ),
    );
}

#[test]
fn hostile_image_text_is_escaped() {
    // A code span keeps its straight quotes (smart punctuation curls the others).
    let site =
        with_folder_article("![`\" onerror=\"alert(1)` <b>](a.svg \"\\\" onload=\\\"alert(2)\")");
    site.write(
        &format!("{FOLDER}/a.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"/>",
    );
    let build = site.remedy(&["build", "--quiet"]);
    assert_no_crash(&build);
    build.expect_code(0);
    let page = fs::read_to_string(site.path("public/guides/how-it-works/index.html")).unwrap();
    assert!(
        page.contains("<img src=\"a.svg\" alt=\"&quot; onerror=&quot;alert(1) &lt;b&gt;\" title=\"&quot; onload=&quot;alert(2)\" width=\"10\" height=\"10\""),
        "{page}"
    );
}

#[cfg(unix)]
#[test]
fn an_image_linked_to_a_file_outside_the_site() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.png");
    fs::write(&secret, b"\x89PNG\r\n\x1a\nsecret").unwrap();
    let site = with_folder_article("![Shot](shot.png)");
    std::os::unix::fs::symlink(&secret, site.path(&format!("{FOLDER}/shot.png"))).unwrap();
    assert_refused(
        &site,
        1,
        &format!(
            "{FOLDER}/shot.png: symlink points outside the site: `{}`",
            secret.canonicalize().unwrap().display()
        ),
    );
}

#[test]
fn a_snippet_that_includes_itself() {
    let site = with_article(&format!(
        "+++\ntitle = \"How\"\n+++\n\n{LINKED_HEADING}{{{{#snippet again}}}}\n"
    ));
    site.write("snippets/again.md", "Once more.\n\n{{#snippet again}}\n");
    assert_refused(
        &site,
        1,
        "snippets/again.md:3:1: snippet `again` includes itself: `again` → `again`",
    );
}

#[test]
fn a_chain_of_a_thousand_snippets_stops_at_the_limit() {
    let site = with_article(&format!(
        "+++\ntitle = \"How\"\n+++\n\n{LINKED_HEADING}{{{{#snippet s0}}}}\n"
    ));
    for n in 0..1000 {
        site.write(
            &format!("snippets/s{n}.md"),
            &format!("Level {n}.\n\n{{{{#snippet s{}}}}}\n", n + 1),
        );
    }
    assert_refused(
        &site,
        1,
        "snippets/s7.md:3:1: snippets nested more than 8 deep",
    );
}

#[test]
fn a_snippet_name_that_tries_to_leave_the_folder() {
    let site = with_article(&format!(
        "+++\ntitle = \"How\"\n+++\n\n{LINKED_HEADING}{{{{#snippet ../../book}}}}\n"
    ));
    let run = site.remedy(&["check"]);
    assert_no_crash(&run);
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}:7:1: no snippet `../../book`: `snippets/../../book.md` does not exist"),
    );
}

#[test]
fn a_snippet_file_with_a_bad_name_or_bytes() {
    let site = with_article(&format!(
        "+++\ntitle = \"How\"\n+++\n\n{LINKED_HEADING}{{{{#snippet note}}}}\n"
    ));
    fs::create_dir_all(site.path("snippets")).unwrap();
    fs::write(site.path("snippets/note.md"), b"Caf\xe9\n").unwrap();
    assert_refused(
        &site,
        1,
        "snippets/note.md:1:4: file is not valid UTF-8 (byte 0xe9)",
    );
    fs::remove_file(site.path("snippets/note.md")).unwrap();
    site.write("snippets/my note.md", "Hello.\n");
    assert_refused(
        &site,
        1,
        "snippets/my note.md: `my note` is not a valid snippet name",
    );
}

/// Aliases that would write outside the build dir, or are no path of the site.
#[test]
fn aliases_that_try_to_leave_the_site() {
    for (alias, written, message) in [
        ("../../etc", "../../etc", "leads out of the site"),
        (
            "/../../etc/passwd",
            "/../../etc/passwd",
            "leads out of the site",
        ),
        ("a/../../b", "a/../../b", "leads out of the site"),
        ("..\\\\..\\\\windows", "..\\..\\windows", "has a backslash"),
        (
            "//evil.example.com/x",
            "//evil.example.com/x",
            "is a URL, not a path of this site",
        ),
        (
            "C:/x",
            "C:/x",
            "has `:`, which a path of the site cannot hold",
        ),
        (
            "%2e%2e/x",
            "%2e%2e/x",
            "has `%`, which a path of the site cannot hold",
        ),
    ] {
        let site = with_article(&format!(
            "+++\ntitle = \"How\"\naliases = [\"{alias}\"]\n+++\n\n{LINKED_HEADING}"
        ));
        assert_refused(
            &site,
            1,
            &format!("{ARTICLE}:3:12: alias `{written}` {message}"),
        );
        assert!(!site.path("etc").exists() && !site.path("b").exists());
    }
}

#[test]
fn an_alias_with_a_control_character() {
    let site = with_article(&format!(
        "+++\ntitle = \"How\"\naliases = [\"old\\u0000page\"]\n+++\n\n{LINKED_HEADING}"
    ));
    assert_refused(
        &site,
        1,
        &format!("{ARTICLE}:3:12: control character U+0000 in the text"),
    );
}

#[test]
fn tabs_nested_a_thousand_deep() {
    let mut body = String::new();
    for level in 0..1000 {
        body.push_str(&format!("{}=== \"L{level}\"\n\n", "    ".repeat(level)));
    }
    let site = with_article(&format!(
        "+++\ntitle = \"How\"\n+++\n\n{LINKED_HEADING}{body}"
    ));
    let check = site.remedy(&["check"]);
    assert_no_crash(&check);
    check.expect_code(1);
    assert!(
        check
            .stderr
            .contains("error: tabs nested more than 8 deep\n"),
        "{check}"
    );
}
