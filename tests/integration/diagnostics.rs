//! One broken fixture per class of problem. Each is `basic` with a few files replaced by those
//! of `tests/fixtures/broken/<name>/`; `check` and `build` must both print exactly the expected
//! diagnostics (location, message, source line with caret, help), exit 1, and `build` must not
//! write anything.

use crate::support::TestSite;

/// Copies `basic`, overlays `broken/<name>`, and checks what `check` and `build` print.
#[track_caller]
#[allow(dead_code)] // used by the fixtures of the next commits
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
