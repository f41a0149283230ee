//! Inputs whose size a careless algorithm squares: 50,000 identical headings (each unique id
//! was searched for from `-1` again: 10,000 took ten seconds, 40,000 over a minute) and 20,000
//! unfindable symptoms on one front-matter line (each warning copied the 400 kB line: 8,000
//! took 6.3 GB, 10,000 ran out of memory). `remedy check` must report every one in time and
//! memory linear in the input.
//!
//! Benchmarks measure, tests assert: the bounds here are generous (the debug binary, a shared
//! machine), each about ten times under what the quadratic code took. Memory is the peak
//! resident size `/usr/bin/time -v` reports, and the run gets a 4 GiB address-space limit, so a
//! regression fails the test instead of exhausting the machine.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::TestSite;

const HEADINGS: usize = 50_000;
const SYMPTOMS: usize = 20_000;
const MAX_RESIDENT_KB: u64 = 500 * 1024;
const MAX_TIME: Duration = Duration::from_secs(120);

/// One article with 50,000 `## Same` headings and 20,000 distinct symptoms nothing matches
/// (emoji phrases), all on one line.
fn huge_article() -> String {
    let symptoms: Vec<String> = (0..SYMPTOMS)
        .map(|i| {
            let first = char::from_u32(0x1F600 + (i % 80) as u32).unwrap();
            let second = char::from_u32(0x1F300 + (i / 80) as u32).unwrap();
            format!("\"{first}{second}\"")
        })
        .collect();
    format!(
        "+++\ntitle = \"How it works\"\nsymptoms = [{}]\n+++\n\n## Where backups live\n\n{}",
        symptoms.join(", "),
        "## Same\n\nText.\n\n".repeat(HEADINGS)
    )
}

/// Regression (issue 15, rows 4 and 5).
#[cfg(unix)]
#[test]
fn identical_headings_and_thousands_of_symptoms_cost_linear_time_and_memory() {
    let site = TestSite::new("basic");
    site.write("content/guides/how-it-works.md", &huge_article());
    let started = Instant::now();
    let (output, resident_kb) = measured(&site, &["check"]);
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{}", tail(&stderr));
    assert!(
        stderr.contains(&format!("{SYMPTOMS} warnings, no errors")),
        "{}",
        tail(&stderr)
    );
    assert!(took < MAX_TIME, "`remedy check` took {took:?}");
    assert!(
        resident_kb < MAX_RESIDENT_KB,
        "`remedy check` peaked at {resident_kb} kB"
    );
    // A warning on the huge line shows an excerpt around its phrase, not the whole line.
    let last = stderr
        .split("\n\n")
        .filter(|w| w.starts_with("warning: searching"))
        .last()
        .unwrap();
    assert!(last.len() < 1500, "{last}");
    assert!(
        last.contains(" --> content/guides/how-it-works.md:3:"),
        "{last}"
    );

    let build = site.remedy(&["build", "--quiet"]);
    build.expect_code(0);
    let page = std::fs::read_to_string(site.path("public/guides/how-it-works/index.html")).unwrap();
    assert!(
        page.contains("id=\"same-49999\""),
        "the last of the headings"
    );
}

/// Runs `remedy args` in `site` under `/usr/bin/time -v` with a 4 GiB address-space limit,
/// killed after [`MAX_TIME`] (the quadratic code would run for many minutes): its output and
/// its peak resident size in kB.
#[cfg(unix)]
fn measured(site: &TestSite, args: &[&str]) -> (std::process::Output, u64) {
    use std::os::unix::process::CommandExt as _;
    let mut command = Command::new("/usr/bin/time");
    command
        .arg("-v")
        .args(["timeout", "--signal=KILL"])
        .arg(MAX_TIME.as_secs().to_string())
        .arg(crate::support::binary())
        .args(args)
        .current_dir(site.root())
        .env("NO_COLOR", "1");
    // SAFETY: setrlimit is async-signal-safe and only affects the child.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 4 << 30,
                rlim_max: 4 << 30,
            };
            libc::setrlimit(libc::RLIMIT_AS, &limit);
            Ok(())
        });
    }
    let output = command.output().expect("/usr/bin/time runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let resident = stderr
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|kb| kb.trim().parse().ok())
        .unwrap_or_else(|| panic!("no resident size in:\n{}", tail(&stderr)));
    (output, resident)
}

fn tail(text: &str) -> &str {
    let start = text.len().saturating_sub(3000);
    let mut start = start;
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}
