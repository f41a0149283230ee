//! Things in `content/` that look like articles and are not: a named pipe or a device with an
//! `.md` name (reading one waits for ever, or never ends) and an `_index.md` below a kind
//! folder's top (it would take the kind's title). Each is refused with its path, promptly.

use std::path::Path;
use std::time::{Duration, Instant};

use super::{assert_no_crash, assert_refused, run_with_deadline};
use crate::support::TestSite;

/// Regression (issue 15, row 10): `mkfifo content/causes/p.md` hung `build` and `check`.
#[cfg(unix)]
#[test]
fn a_named_pipe_with_a_markdown_name_is_refused_without_waiting() {
    let site = TestSite::new("basic");
    make_fifo(&site.path("content/causes/p.md"));
    let started = Instant::now();
    let run = run_with_deadline(&site, &["check"], Duration::from_secs(60));
    assert_no_crash(&run);
    assert!(started.elapsed() < Duration::from_secs(60));
    assert_refused(
        &site,
        1,
        "content/causes/p.md: not a regular file (a named pipe, socket or device), so it is not read",
    );
}

/// A character device node is refused the same way, never read (`/dev/zero`'s was read until
/// memory ran out). The node made here is `/dev/null`'s (1, 3), so running this test against a
/// build without the fix cannot exhaust the machine's memory: it reads nothing and reports an
/// empty file instead.
#[cfg(unix)]
#[test]
fn a_device_with_a_markdown_name_is_refused() {
    let site = TestSite::new("basic");
    let path = site.path("content/causes/device.md");
    let made = std::process::Command::new("mknod")
        .arg(&path)
        .args(["c", "1", "3"])
        .status()
        .expect("mknod runs");
    assert!(made.success(), "mknod needs root");
    let run = run_with_deadline(&site, &["check"], Duration::from_secs(60));
    assert_no_crash(&run);
    assert_refused(
        &site,
        1,
        "content/causes/device.md: not a regular file (a named pipe, socket or device), so it is not read",
    );
}

/// Regression (row 9): `content/causes/sub/_index.md` silently became the kind's intro.
#[test]
fn a_nested_section_intro_is_refused() {
    let site = TestSite::new("basic");
    site.write(
        "content/causes/sub/_index.md",
        "+++\ntitle = \"Hijacked\"\n+++\n\nNot the causes intro.\n",
    );
    assert_refused(
        &site,
        1,
        "content/causes/sub/_index.md: an `_index.md` only introduces a kind, so it belongs \
         directly in the kind's folder",
    );
}

#[cfg(unix)]
fn make_fifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
}
