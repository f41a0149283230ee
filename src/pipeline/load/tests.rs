//! Unit tests of [`super`].

use super::*;

#[test]
fn slugs_that_differ_only_in_case_are_refused() {
    let temp = tempfile::tempdir().unwrap();
    let guides = temp.path().join("content/guides");
    fs::create_dir_all(&guides).unwrap();
    for name in ["How.md", "how.md"] {
        fs::write(guides.join(name), "+++\ntitle = \"How\"\n+++\n").unwrap();
    }
    let loaded = load_content(temp.path(), &Config::default()).unwrap();
    assert_eq!(loaded.sources.len(), 1);
    assert_eq!(
        loaded.diagnostics[0].to_string(),
        "error: duplicate slug: `guides/how` differs only in case from `content/guides/How.md`\n--> content/guides/how.md\n = help: rename one of them: on macOS and Windows the two pages would be one file"
    );
}

#[test]
fn files_that_are_not_utf8_show_the_line() {
    let bytes = b"+++\ntitle = \"Caf\xe9\"\n+++\n";
    let error = String::from_utf8(bytes.to_vec()).unwrap_err();
    let diagnostic = not_utf8(
        Path::new("content/guides/x.md"),
        bytes,
        error.utf8_error().valid_up_to(),
    );
    assert_eq!(
        diagnostic.to_string(),
        "error: file is not valid UTF-8 (byte 0xe9)\n --> content/guides/x.md:2:13\n  |\n2 | title = \"Caf\u{fffd}\"\n  |             ^\n  |\n  = help: save the file as UTF-8"
    );
}

/// Regression: a NUL or BEL byte in an article reached the page (and its meta description)
/// raw, which makes the page invalid HTML.
#[test]
fn control_characters_are_refused_with_their_place() {
    let temp = tempfile::tempdir().unwrap();
    let guides = temp.path().join("content/guides");
    fs::create_dir_all(&guides).unwrap();
    fs::write(
        guides.join("a.md"),
        "+++\ntitle = \"A\"\n+++\nBefore\0after\n",
    )
    .unwrap();
    fs::write(
        guides.join("b.md"),
        "+++\ntitle = \"B\"\n+++\n\ta\u{c}b\r\n",
    )
    .unwrap();
    let loaded = load_content(temp.path(), &Config::default()).unwrap();
    assert_eq!(
        loaded.sources.len(),
        1,
        "tab, form feed and CR are whitespace"
    );
    assert_eq!(
        loaded.diagnostics[0].to_string(),
        "error: control character U+0000 in the text\n --> content/guides/a.md:4:7\n  |\n4 | Before\u{fffd}after\n  |       ^\n  |\n  = help: delete it: editors hide it, and no page may contain it"
    );
}
