//! Crash safety: `remedy build` killed with SIGKILL at many points never leaves a broken site.
//!
//! A site of a few hundred articles is built once (the *old* site), then changed (every article
//! edited, one added) and built again many times, each run killed: at moments picked from what
//! the build has done so far (staging folder made, pages being written, search index being
//! written, just swapped in) and at spread-out times. After every kill the build dir must hold
//! either the old site or the new one, complete and byte for byte; a half-written mix never.
//! Then one build runs to the end, and nothing of the dead builds may be left beside the build
//! dir.
//!
//! The kill points are observed from outside, by watching the file system, so the release code
//! has no test hooks.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{TestSite, read_tree};

/// Articles in the generated site: enough that a build takes a while, few enough for CI.
const ARTICLES: usize = 300;

/// The tantivy index is compared as a list of files, not bytes: two builds of the same content
/// give it different segment ids.
const TANTIVY_DIR: &str = "search/index/";

fn article(n: usize, version: &str) -> String {
    let mut body = String::new();
    for paragraph in 0..6 {
        body.push_str(&format!(
            "## Step {paragraph}\n\nThe backup of phone {n} stops halfway ({version}). Check the \
             storage, the Wi-Fi network and the battery, then try again. Paragraph {paragraph} \
             says a little more about error {} and how to clear it.\n\n",
            9000 + n
        ));
    }
    format!(
        "+++\ntitle = \"Backup problem {n} ({version})\"\nsummary = \"What to do when backup {n} \
         fails.\"\nsymptoms = [\"backup {n} fails\"]\nweight = {n}\n+++\n\n{body}"
    )
}

fn write_site(site: &TestSite, version: &str) {
    for n in 0..ARTICLES {
        site.write(
            &format!("content/guides/problem-{n}.md"),
            &article(n, version),
        );
    }
}

/// A build dir as the bytes of everything but the tantivy index, and what the index holds: its
/// file names with segment ids left out, and its number of articles (it must open).
type Snapshot = (BTreeMap<String, Vec<u8>>, Vec<String>, u64);

fn snapshot(dir: &Path) -> Snapshot {
    let mut files = read_tree(dir);
    let mut index: Vec<String> = files
        .keys()
        .filter_map(|k| k.strip_prefix(TANTIVY_DIR))
        .map(|name| match name.split_once('.') {
            Some((segment, extension))
                if segment.len() == 32 && segment.chars().all(|c| c.is_ascii_hexdigit()) =>
            {
                format!("SEGMENT.{extension}")
            }
            _ => name.to_string(),
        })
        .collect();
    index.sort();
    files.retain(|k, _| !k.starts_with(TANTIVY_DIR));
    let open = remedy::search::index::open(&dir.join(TANTIVY_DIR)).expect("the index opens");
    let articles = open.reader.searcher().num_docs();
    (files, index, articles)
}

fn start_build(site: &TestSite) -> Child {
    Command::new(env!("CARGO_BIN_EXE_remedy"))
        .args(["build", "--quiet"])
        .current_dir(site.root())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start remedy build")
}

/// The staging folder of a running build, if it has made one.
fn staging_dir(site: &TestSite) -> Option<std::path::PathBuf> {
    fs::read_dir(site.root())
        .ok()?
        .flatten()
        .find(|e| e.file_name().to_string_lossy().contains(".remedy-staging-"))
        .map(|e| e.path())
}

/// When to kill a build.
#[derive(Debug, Clone, Copy)]
enum KillPoint {
    /// This long after it started.
    After(Duration),
    /// As soon as its staging folder exists.
    StagingMade,
    /// Once this many pages are in the staging folder.
    PagesWritten(usize),
    /// Once the tantivy index has started in the staging folder.
    IndexStarted,
    /// Once the browser index is in the staging folder: the swap is next.
    BrowserIndexWritten,
    /// As soon as the new site is in place (while the old one is being deleted).
    Swapped,
}

fn reached(site: &TestSite, point: KillPoint, started: Instant) -> bool {
    let staging = staging_dir(site);
    match point {
        KillPoint::After(delay) => started.elapsed() >= delay,
        KillPoint::StagingMade => staging.is_some(),
        KillPoint::PagesWritten(n) => staging.is_some_and(|s| {
            fs::read_dir(s.join("guides")).is_ok_and(|entries| entries.count() >= n)
        }),
        KillPoint::IndexStarted => staging.is_some_and(|s| s.join(TANTIVY_DIR).is_dir()),
        KillPoint::BrowserIndexWritten => {
            staging.is_some_and(|s| s.join("search/manifest.js").is_file())
        }
        KillPoint::Swapped => site.path("public/guides/added/index.html").is_file(),
    }
}

/// Starts a build and SIGKILLs it at `point`. Returns whether the kill came before the build
/// ended by itself.
fn kill_build_at(site: &TestSite, point: KillPoint) -> bool {
    let mut child = start_build(site);
    let started = Instant::now();
    loop {
        if child.try_wait().expect("poll the build").is_some() {
            return false;
        }
        if reached(site, point, started) {
            child.kill().expect("SIGKILL the build");
            child.wait().expect("reap the build");
            return true;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the build never reached {point:?}"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn a_build_killed_at_any_point_leaves_a_complete_site() {
    let site = TestSite::new("basic");
    write_site(&site, "old");
    site.remedy(&["build", "--quiet"]).expect_code(0);
    let old = snapshot(&site.path("public"));

    // The new content, and what its complete site looks like (built elsewhere).
    write_site(&site, "new");
    site.write("content/guides/added.md", &article(ARTICLES, "new"));
    let reference = tempfile::tempdir().unwrap();
    let reference_out = reference.path().join("public");
    // Timed kill points are spread over the length of this build (warm, like the ones killed).
    let started = Instant::now();
    site.remedy(&["build", "--quiet", "--out", reference_out.to_str().unwrap()])
        .expect_code(0);
    let full_build = started.elapsed();
    let new = snapshot(&reference_out);
    assert_ne!(old.0, new.0, "the change must show in the site");

    let mut points = vec![
        KillPoint::StagingMade,
        KillPoint::PagesWritten(1),
        KillPoint::PagesWritten(ARTICLES / 2),
        KillPoint::IndexStarted,
        KillPoint::BrowserIndexWritten,
        KillPoint::Swapped,
    ];
    // Spread-out times over the length of a build, with a fixed jitter so runs are repeatable.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for i in 0..8u32 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let jitter = (state % 1000) as f64 / 1000.0;
        // Up to 90% of the first build: later builds, with warm caches, may be faster.
        let fraction = (f64::from(i) + jitter) / 8.0 * 0.9;
        points.push(KillPoint::After(full_build.mul_f64(fraction)));
    }

    let mut survived = 0;
    let mut saw_old = 0;
    let mut saw_new = 0;
    let mut leftovers_seen = 0;
    for point in &points {
        let killed = kill_build_at(&site, *point);
        let now = snapshot(&site.path("public"));
        if now.0 == old.0 {
            assert_eq!(
                (&now.1, now.2),
                (&old.1, old.2),
                "the old index after {point:?}"
            );
            saw_old += 1;
        } else {
            assert_eq!(
                now.0.keys().collect::<Vec<_>>(),
                new.0.keys().collect::<Vec<_>>(),
                "after a kill at {point:?} the build dir is neither the old site nor the new one"
            );
            crate::support::assert_same_tree(
                &new.0,
                &now.0,
                &format!("the build dir after a kill at {point:?}"),
            );
            assert_eq!(
                now.1, new.1,
                "tantivy index files after a kill at {point:?}"
            );
            saw_new += 1;
        }
        if killed {
            survived += 1;
        }
        if staging_dir(&site).is_some() {
            leftovers_seen += 1;
        }
        // Later kills start from whatever this one left, like a writer who runs build again.
    }
    println!(
        "crash safety: {survived} of {} builds killed ({saw_old} left the old site, {saw_new} \
         the new one; {leftovers_seen} left a staging folder); a full build took {full_build:.2?}",
        points.len()
    );
    assert!(
        survived >= 8,
        "only {survived} builds were killed before they ended"
    );
    assert!(
        leftovers_seen > 0,
        "no kill left a staging folder to clean up"
    );

    // A build that runs to the end cleans up after the dead ones.
    site.remedy(&["build", "--quiet"]).expect_code(0);
    let now = snapshot(&site.path("public"));
    crate::support::assert_same_tree(&new.0, &now.0, "the build dir after a full build");
    assert_eq!(site.top_level(), ["book.toml", "content", "public"]);
}
