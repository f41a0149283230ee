//! A damaged search index under `remedy search`: bytes flipped in a segment file (which made
//! tantivy panic), a segment file deleted (which gave "no results"), and `--limit 0` (which
//! said "no results" too). Each is a clear error, exit 2, naming the index folder and
//! `remedy build`; never a panic, never an answer from a broken index.

use std::fs;
use std::path::{Path, PathBuf};

use super::assert_no_crash;
use crate::support::TestSite;

const QUERY: &str = "storage full";

/// A built `basic` site and its tantivy index folder.
fn built() -> (TestSite, PathBuf) {
    let site = TestSite::new("basic");
    site.remedy(&["build", "--quiet"]).expect_code(0);
    let search = site.remedy(&["search", QUERY]);
    search.expect_code(0);
    assert!(search.stdout.contains("storage-full"), "{search}");
    let dir = site.path("public/search/index");
    (site, dir)
}

fn segment_file(dir: &Path, extension: &str) -> PathBuf {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == extension))
        .unwrap_or_else(|| panic!("no .{extension} file in {}", dir.display()))
}

#[track_caller]
fn assert_damaged(site: &TestSite, file: &str, problem: &str) {
    let run = site.remedy(&["search", QUERY]);
    assert_no_crash(&run);
    run.expect_code(2);
    let expected = format!(
        "error: the search index in `./public/search/index` is damaged (`{file}` {problem}): \
         rebuild with `remedy build`\n"
    );
    assert_eq!(run.stderr, expected, "{run}");
    assert!(run.stdout.is_empty(), "{run}");
}

/// Regression (issue 15, row 7): these flips made tantivy panic (exit 101).
#[test]
fn flipped_bytes_in_a_segment_file_are_damage() {
    for (extension, at) in [("fast", 5), ("term", 1228), ("idx", 40)] {
        let (site, dir) = built();
        let path = segment_file(&dir, extension);
        let mut bytes = fs::read(&path).unwrap();
        let at = at.min(bytes.len() / 2);
        for byte in &mut bytes[at..at + 8] {
            *byte ^= 0xff;
        }
        fs::write(&path, bytes).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        assert_damaged(&site, &name, "does not match its checksum");
    }
}

/// Regression (row 15): a deleted `.pos` file gave "no results" and exit 0.
#[test]
fn a_missing_segment_file_is_damage() {
    let (site, dir) = built();
    let path = segment_file(&dir, "pos");
    fs::remove_file(&path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    assert_damaged(&site, &name, "is missing");
    // Even when tantivy's own list of its files is gone too.
    fs::remove_file(dir.join(".managed.json")).unwrap();
    assert_damaged(&site, &name, "is missing");
    site.remedy(&["build", "--quiet"]).expect_code(0);
    site.remedy(&["search", QUERY]).expect_code(0);
}

/// Regression (row 15): `--limit 0` said "no results".
#[test]
fn a_limit_of_zero_is_a_usage_error() {
    let (site, _) = built();
    let run = site.remedy(&["search", "--limit", "0", QUERY]);
    assert_no_crash(&run);
    run.expect_code(2);
    assert!(
        run.stderr
            .starts_with("error: invalid value '0' for '--limit <LIMIT>': 0 is not in 1..=65535"),
        "{run}"
    );
}
