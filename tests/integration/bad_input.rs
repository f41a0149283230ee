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
//! Each site starts as the `basic` fixture; the test then writes the bad file or link. The
//! cases are grouped by what is bad, one file each; this file holds what they share.

mod authoring;
mod book_toml;
mod bounded_work;
mod build_dir;
mod encodings;
mod file_names;
mod front_matter;
mod hostile_text;
mod markup;
mod relations;
mod search_index;
mod special_files;
mod templates;

use std::fs;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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

/// Runs `remedy args...` in `site` and kills it if it is still running after `deadline`: a
/// hang (or work without end) must fail the test, not hang the suite.
fn run_with_deadline(site: &TestSite, args: &[&str], deadline: Duration) -> Run {
    let mut child = Command::new(crate::support::binary())
        .args(args)
        .current_dir(site.root())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read both pipes while waiting, so a child that writes much never blocks on a full pipe.
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("remedy {args:?} still running after {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        command: format!("remedy {}", args.join(" ")),
        dir: site.root().to_path_buf(),
        code: status.code(),
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

/// Reads all of `pipe` on a thread of its own.
fn drain<R: Read + Send + 'static>(pipe: Option<R>) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut text = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut text);
        }
        String::from_utf8_lossy(&text).into_owned()
    })
}
