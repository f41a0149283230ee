//! Arbitrary queries against the bundled index: junk, other scripts, control characters,
//! query-language punctuation, very long input. The searcher behind `remedy search` and the dev
//! server's `/_remedy/search` never fails or panics, returns at most the limit, each article
//! once, with finite scores; the browser client under Node answers every one of them too, with
//! the same top 5 as the CLI, and analyses each into the same terms as Rust (that test needs
//! `node`, so it is ignored by a plain `cargo test`).
//!
//! The queries come from a proptest strategy run with a fixed seed, so every run tries the same
//! [`QUERIES`] queries and a failure names the query.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

use remedy::search::{analysis, index, searcher};

use super::js::run_client;
use crate::support;

/// How many arbitrary queries each run tries.
const QUERIES: usize = 400;

fn query_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(" ".to_string()),
        Just("   ".to_string()),
        Just("-".to_string()),
        Just("'".to_string()),
        Just("\u{2019}".to_string()),
        Just(".".to_string()),
        Just("\"".to_string()),
        Just("*".to_string()),
        Just("+title:(".to_string()),
        Just(")~2^3".to_string()),
        Just("\\".to_string()),
        Just("backup".to_string()),
        Just("icloud storag".to_string()),
        Just("9006".to_string()),
        Just("error 90".to_string()),
        Just("Wi-Fi".to_string()),
        Just("the".to_string()),
        Just("how".to_string()),
        Just("İ".to_string()),
        Just("ß".to_string()),
        Just("日本語".to_string()),
        Just("\u{0}".to_string()),
        Just("\u{7}\u{1b}[31m".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{301}".to_string()),
        Just("😀".to_string()),
        Just("x".repeat(300)),
        Just("9".repeat(60)),
        "[a-z]{1,12}",
        "\\PC{1,4}",
    ]
}

/// The queries: a fixed, seeded draw from the strategy.
fn queries() -> Vec<String> {
    let strategy = prop::collection::vec(query_piece(), 0..12).prop_map(|p| p.concat());
    let mut runner = TestRunner::deterministic();
    (0..QUERIES)
        .map(|_| strategy.new_tree(&mut runner).expect("a query").current())
        .collect()
}

#[test]
fn arbitrary_queries_never_fail_the_cli_searcher() {
    let open = index::open(&support::bundled_build().dir.join("search/index")).expect("open index");
    let mut answered = 0;
    for query in queries() {
        let hits =
            searcher::search(&open, &query, 10).unwrap_or_else(|e| panic!("{query:?} failed: {e}"));
        assert!(hits.len() <= 10, "{query:?}: {} hits", hits.len());
        let mut slugs: Vec<&str> = hits.iter().map(|h| h.slug.as_str()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), hits.len(), "{query:?}: an article twice");
        for hit in &hits {
            assert!(
                hit.score.is_finite() && hit.score >= 0.0,
                "{query:?}: {hit:?}"
            );
        }
        answered += usize::from(!hits.is_empty());
    }
    println!("CLI searcher: {QUERIES} arbitrary queries, {answered} with results");
}

#[test]
#[ignore = "needs node"]
fn arbitrary_queries_never_fail_the_browser_client() {
    let node = support::node();
    let queries = queries();
    let output = run_client(&node, &queries, &["5"], "arbitrary");
    let results = output["results"].as_array().expect("results");
    assert_eq!(results.len(), queries.len());
    let open = index::open(&support::bundled_build().dir.join("search/index")).expect("open index");
    let mut differences = Vec::new();
    for (query, hits) in queries.iter().zip(results) {
        let hits = hits.as_array().expect("hits");
        assert!(hits.len() <= 5, "{query:?}: {} hits", hits.len());
        for hit in hits {
            let score = hit["score"].as_f64().unwrap_or(f64::NAN);
            assert!(score.is_finite() && score >= 0.0, "{query:?}: {hit}");
        }
        // Both follow one spec: the same top 5 as the CLI, junk queries included.
        let js: Vec<&str> = hits
            .iter()
            .map(|h| h["slug"].as_str().unwrap_or(""))
            .collect();
        let cli: Vec<String> = searcher::search(&open, query, 5)
            .expect("search")
            .into_iter()
            .map(|h| h.slug)
            .collect();
        if js != cli {
            differences.push(format!("{query:?}\n  cli {cli:?}\n  js  {js:?}"));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    let analysed = run_client(&node, &queries, &["--analyze"], "arbitrary-analysis");
    let js: Vec<Vec<String>> = serde_json::from_value(analysed["terms"].clone()).unwrap();
    let mut differences = Vec::new();
    for (query, js_terms) in queries.iter().zip(&js) {
        let rust: Vec<String> = analysis::query_words(query, true, analysis::Language::English)
            .into_iter()
            .map(|w| w.term)
            .collect();
        if &rust != js_terms {
            differences.push(format!("{query:?}\n  rust {rust:?}\n  js   {js_terms:?}"));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
