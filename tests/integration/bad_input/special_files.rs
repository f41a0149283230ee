//! Things in `content/` that look like articles and are not: a named pipe or a device with an
//! `.md` name (reading one waits for ever, or never ends) and an `_index.md` below a kind
//! folder's top (it would take the kind's title). Each is refused with its path, promptly.

use std::path::Path;
use std::time::{Duration, Instant};

use super::{assert_no_crash, assert_refused};
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

/// Runs `remedy` and kills it if it is still running after `deadline` (a hang must fail the
/// test, not hang the suite).
fn run_with_deadline(site: &TestSite, args: &[&str], deadline: Duration) -> crate::support::Run {
    let mut child = std::process::Command::new(crate::support::binary())
        .args(args)
        .current_dir(site.root())
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("remedy {args:?} still running after {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    crate::support::Run {
        command: format!("remedy {}", args.join(" ")),
        dir: site.root().to_path_buf(),
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}
