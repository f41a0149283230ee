//! Content-health checks and search assertions in `remedy check`: the `health` fixture (`basic`
//! plus a few articles) trips every check once, with the exact diagnostics; `--strict` turns them
//! into a failure; `build` does not run them. `search-tests.toml` failures show the actual
//! ranking, and mistakes in the file are located like any content problem.

use crate::support::TestSite;

/// The staleness message counts days up to today: replace the count with `N`.
fn without_day_count(stderr: &str) -> String {
    let marker = "not updated for ";
    match stderr.find(marker) {
        Some(at) => {
            let start = at + marker.len();
            let digits = stderr[start..]
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(0);
            format!("{}N{}", &stderr[..start], &stderr[start + digits..])
        }
        None => stderr.to_string(),
    }
}

const HEALTH_WARNINGS: &str = r#"warning: the summary is 167 characters, longer than a search excerpt (160)
 --> content/causes/slow-servers.md:3:1
  |
3 | summary = "Now and then iCloud itself is slow or down for maintenance, and every backup started during that time fails or crawls along until the servers are back to normal again."
  | ^^^^^^^
  |
  = help: search results and link previews cut it off: say it in one shorter sentence

warning: searching `it is on` does not find this article in the top 5
 --> content/causes/slow-servers.md:4:29
  |
4 | symptoms = ["servers busy", "it is on"]
  |                             ^^^^^^^^^^
  |
  = help: the search finds nothing; use the reader's words in the title, summary or body, or drop the phrase

warning: this cause has no fix
 --> content/causes/slow-servers.md:5:1
  |
5 | fixes = []
  | ^^^^^
  |
  = help: list the fixes that solve it, such as `fixes = ["restart-iphone"]`

warning: this error code has no cause
 --> content/errors/9999.md:4:1
  |
4 | error_codes = ["9999"]
  | ^^^^^^^^^^^
  |
  = help: list what makes it appear, such as `causes = ["outdated-ios"]`

warning: this fix addresses no cause or error
 --> content/fixes/wait-it-out.md:2:1
  |
2 | title = "Wait and try again later"
  | ^^^^^
  |
  = help: list it in the `fixes` of the causes it solves

warning: duplicate title: `content/guides/how-it-works.md` has the same one
 --> content/guides/problem-list.md:2:1
  |
2 | title = "How backups work"
  | ^^^^^
  |
  = help: readers tell results apart by their titles: make them differ

warning: nothing links to this article
 --> content/guides/problem-list.md:2:1
  |
2 | title = "How backups work"
  | ^^^^^
  |
  = help: relate it to another article (`fixes`, `causes` or `related`) or link to it with `@/`, so readers can reach it

warning: not updated for N days (`[check] stale-after` is 365)
 --> content/guides/problem-list.md:5:1
  |
5 | updated = 2020-01-01
  | ^^^^^^^
  |
  = help: check that it is still right, then set `updated` to today

"#;

#[test]
fn every_health_check_fires_on_the_fixture_made_to_trip_it() {
    let site = TestSite::new("basic");
    site.overlay("health");
    let run = site.remedy(&["check"]);
    run.expect_code(0);
    assert_eq!(
        without_day_count(&run.stderr),
        format!("{HEALTH_WARNINGS}8 warnings, no errors\n"),
        "\n{run}"
    );
    let strict = site.remedy(&["check", "--strict"]);
    strict.expect_code(1);
    assert_eq!(
        without_day_count(&strict.stderr),
        format!("{HEALTH_WARNINGS}error: 8 warnings (--strict treats warnings as errors)\n"),
        "\n{strict}"
    );
    // `build` does not run the health checks, and does not fail on them.
    let build = site.remedy(&["build"]);
    build.expect_code(0);
    assert!(build.stderr.starts_with("built "), "{build}");
    assert!(!build.stderr.contains("warning"), "{build}");
}

#[test]
fn stale_after_is_read_from_book_toml() {
    let site = TestSite::new("basic");
    site.overlay("health");
    let config = std::fs::read_to_string(site.path("book.toml")).unwrap();
    site.write(
        "book.toml",
        &format!("{config}\n[check]\nstale-after = 100000\n"),
    );
    let run = site.remedy(&["check"]);
    run.expect_code(0);
    assert!(!run.stderr.contains("not updated"), "{run}");
    assert!(run.stderr.contains("7 warnings, no errors"), "{run}");
}

#[test]
fn the_escalation_article_needs_no_cause() {
    let site = TestSite::new("basic");
    site.overlay("health");
    let config = std::fs::read_to_string(site.path("book.toml")).unwrap();
    site.write(
        "book.toml",
        &format!("{config}\n[troubleshooter]\nescalation = \"fixes/wait-it-out\"\n"),
    );
    let run = site.remedy(&["check"]);
    run.expect_code(0);
    assert!(!run.stderr.contains("addresses no cause"), "{run}");
    assert!(
        run.stderr.contains("warning: this cause has no fix"),
        "{run}"
    );
    assert!(run.stderr.ends_with("7 warnings, no errors\n"), "{run}");
}

/// Two ways of writing one symptom (the same words once analysed) are named together: the
/// later one, and the first as the second place. The same phrase written alike is not.
#[test]
fn near_duplicate_symptoms_name_both_places() {
    let site = TestSite::new("basic");
    let path = "content/errors/9006.md";
    let text = std::fs::read_to_string(site.path(path)).unwrap();
    let with_symptoms = text.replace(
        "error_codes = [\"9006\"]\n",
        "error_codes = [\"9006\"]\nsymptoms = [\"Error 9006\", \"not enough storage\", \"Not Enough Storage!\"]\n",
    );
    assert_ne!(
        with_symptoms, text,
        "the fixture's error_codes line changed"
    );
    site.write(path, &with_symptoms);
    site.remedy(&["check"]).expect_code(0).expect_stderr(
        r#"warning: symptom `Not Enough Storage!` has the same words as `not enough storage`
 --> content/errors/9006.md:5:49
  |
5 | symptoms = ["Error 9006", "not enough storage", "Not Enough Storage!"]
  |                                                 ^^^^^^^^^^^^^^^^^^^^^
  |
 ::: content/causes/storage-full.md:4:13
  |
4 | symptoms = ["not enough storage"]
  |             -------------------- `not enough storage` is written here
  |
  = help: the troubleshooter shows both as one symptom, `not enough storage`: write the phrase the same way in both places, as readers should see it, or drop one

1 warning, no errors
"#,
    );
}

#[test]
fn failing_search_tests_show_the_actual_ranking() {
    let site = TestSite::new("basic");
    site.overlay("search-tests");
    site.remedy(&["check"]).expect_code(1).expect_stderr(
        r#"error: search `delete old backups`: `causes/storage-full` not in the top 3
 --> search-tests.toml:9:9
  |
9 | query = "delete old backups"
  |         ^^^^^^^^^^^^^^^^^^^^
  |
  = help: the top 4 are: 1. fixes/free-up-storage (7.64), 2. guides/how-it-works (6.15), 3. errors/9006 (0.59), 4. causes/storage-full (0.51)

error: 1 problem found; nothing was written
"#,
    );
    // `build` ignores the file.
    site.remedy(&["build"]).expect_code(0);
}

#[test]
fn passing_search_tests_are_quiet() {
    let site = TestSite::new("basic");
    site.write(
        "search-tests.toml",
        "[[test]]\nquery = \"error 9006\"\nexpect = [\"errors/9006\"]\nwithin = 1\n",
    );
    site.remedy(&["check"])
        .expect_code(0)
        .expect_stderr("no problems found\n");
}

#[test]
fn mistakes_in_search_tests_are_located() {
    let site = TestSite::new("basic");
    site.write(
        "search-tests.toml",
        "[[test]]\nquery = \"full\"\nexpect = [\"causes/storage-ful\"]\nwithin = 0\n\n\
         [[test]]\nquery = \"x\"\nexpected = []\n",
    );
    site.remedy(&["check"]).expect_code(1).expect_stderr(
        r#"error: unknown field `expected`
 --> search-tests.toml:8:1
  |
8 | expected = []
  | ^^^^^^^^
  |
  = help: did you mean `expect`?

error: 1 problem found; nothing was written
"#,
    );
    site.write(
        "search-tests.toml",
        "[[test]]\nquery = \"full\"\nexpect = [\"causes/storage-ful\"]\nwithin = 0\n",
    );
    site.remedy(&["check"]).expect_code(1).expect_stderr(
        r#"error: no article `causes/storage-ful`: `content/causes/storage-ful.md` does not exist
 --> search-tests.toml:3:11
  |
3 | expect = ["causes/storage-ful"]
  |           ^^^^^^^^^^^^^^^^^^^^
  |
  = help: did you mean `causes/storage-full`?

error: `within` must be at least 1
 --> search-tests.toml:4:10
  |
4 | within = 0
  |          ^
  |
  = help: it is how many of the top results may hold the articles

error: 2 problems found; nothing was written
"#,
    );
}

#[test]
fn a_missing_escalation_article_is_an_error_at_its_line() {
    let site = TestSite::new("basic");
    let config = std::fs::read_to_string(site.path("book.toml")).unwrap();
    site.write(
        "book.toml",
        &format!("{config}\n[troubleshooter]\nescalation = \"fixes/free-up-storag\"\n"),
    );
    let run = site.remedy(&["check"]);
    run.expect_code(1);
    assert!(
        run.stderr.starts_with(
            "error: no article `fixes/free-up-storag`: `content/fixes/free-up-storag.md` does not exist\n --> book.toml:8:14\n  |\n8 | escalation = \"fixes/free-up-storag\"\n  |              ^^^^^^^^^^^^^^^^^^^^^^\n  |\n  = help: did you mean `fixes/free-up-storage`?\n"
        ),
        "{run}"
    );
}
