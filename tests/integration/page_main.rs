//! Snapshots of the `<main>` element of key pages of the bundled site: the home page, a kind
//! index, a cause, a fix, an error page, the troubleshooter and a print view. An unintended
//! change to what a reader sees shows as a diff; an intended one is accepted by writing the new
//! snapshots (README, "Tests").
//!
//! The pages come from the bundled site as it is when the test runs ([`bundled_build`]), so a
//! change to the content or the theme changes the snapshots too, and is reviewed the same way.
//! Nothing is stripped: the output is deterministic, so the element is compared byte for byte.
//! The snapshots live in `snapshots/` beside this file.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::support::bundled_build;

/// Snapshot name and page, as a path in the build dir.
const PAGES: [(&str, &str); 7] = [
    ("home", "index.html"),
    ("kind_causes", "causes/index.html"),
    (
        "cause_icloud_storage_full",
        "causes/icloud-storage-full/index.html",
    ),
    (
        "fix_free_up_icloud_storage",
        "fixes/free-up-icloud-storage/index.html",
    ),
    ("error_9006", "errors/9006/index.html"),
    ("troubleshooter", "troubleshoot/index.html"),
    (
        "print_icloud_storage_full",
        "causes/icloud-storage-full/print.html",
    ),
];

/// The page's one `<main>` element, from its start tag to its end tag.
fn main_element<'a>(page: &str, html: &'a str) -> &'a str {
    let start = html
        .find("<main")
        .unwrap_or_else(|| panic!("{page} has no <main>"));
    let end = html[start..]
        .find("</main>")
        .unwrap_or_else(|| panic!("{page}: <main> is not closed"))
        + start
        + "</main>".len();
    assert!(
        !html[end..].contains("<main"),
        "{page} has more than one <main>"
    );
    &html[start..end]
}

#[test]
fn the_main_element_of_key_pages_matches_its_snapshot() {
    let dir = &bundled_build().dir;
    // Every page is compared (and a new snapshot written for each that differs) before the
    // test fails, so one run shows every change.
    let differing: Vec<&str> = PAGES
        .iter()
        .filter(|(name, page)| {
            let html =
                std::fs::read_to_string(dir.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
            let main = main_element(page, &html);
            let mut settings = insta::Settings::clone_current();
            settings.set_description(format!("the <main> element of {page} in the bundled site"));
            settings.set_omit_expression(true);
            let compared = catch_unwind(AssertUnwindSafe(|| {
                settings.bind(|| insta::assert_snapshot!(*name, main));
            }));
            compared.is_err()
        })
        .map(|(name, _)| *name)
        .collect();
    assert!(
        differing.is_empty(),
        "pages whose <main> differs from its snapshot: {differing:?}"
    );
}
