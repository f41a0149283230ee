//! `Remedy.query` under Node against `remedy search`: the same top results, the same unmatched
//! words and the same totals for every query of every labelled file (brand names, spellings,
//! negations, questions, out-of-scope words: the synonyms and the lexicon at work), and the same
//! filtered results on a site with kinds and tags to filter by.
//!
//! These tests need `node`: they are ignored by a plain `cargo test` and run by
//! `cargo test -- --include-ignored`, as `.ci/run` does.

use std::path::Path;

use remedy::search::{index, searcher};
use serde_json::{Value, json};

use super::js::{run_client_on, slugs};
use crate::support;

/// The queries of every `tests/search/queries*.toml`.
fn every_labelled_query() -> Vec<String> {
    let dir = support::repo().join("tests/search");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("read tests/search")
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("queries") && name.ends_with(".toml"))
        .collect();
    names.sort();
    let mut queries = Vec::new();
    for name in names {
        let text = std::fs::read_to_string(dir.join(&name)).expect("read a query file");
        let file: toml::Table = toml::from_str(&text).expect("a query file parses");
        for query in file["query"].as_array().expect("[[query]]") {
            queries.push(query["q"].as_str().expect("q").to_string());
        }
    }
    queries
}

/// What the CLI answers: (slugs, unmatched, total) per query.
fn cli_answers(
    build: &Path,
    queries: &[(String, searcher::Filters)],
    limit: usize,
) -> Vec<(Vec<String>, Vec<String>, usize)> {
    let open = index::open(&build.join("search/index")).expect("open the index");
    queries
        .iter()
        .map(|(text, filters)| {
            let answer = searcher::query(&open, text, limit, filters).expect("search");
            let slugs = answer.results.into_iter().map(|hit| hit.slug).collect();
            (slugs, answer.unmatched, answer.total)
        })
        .collect()
}

/// (slugs, unmatched, total) per query from a client run.
fn js_answers(output: &Value) -> Vec<(Vec<String>, Vec<String>, usize)> {
    let unmatched: Vec<Vec<String>> =
        serde_json::from_value(output["unmatched"].clone()).expect("unmatched words");
    let totals: Vec<usize> = serde_json::from_value(output["totals"].clone()).expect("totals");
    slugs(output)
        .into_iter()
        .zip(unmatched)
        .zip(totals)
        .map(|((slugs, unmatched), total)| (slugs, unmatched, total))
        .collect()
}

fn differences(
    labels: &[String],
    cli: &[(Vec<String>, Vec<String>, usize)],
    js: &[(Vec<String>, Vec<String>, usize)],
) -> Vec<String> {
    labels
        .iter()
        .zip(cli.iter().zip(js))
        .filter(|(_, (a, b))| a != b)
        .map(|(label, (a, b))| format!("{label}\n  cli {a:?}\n  js  {b:?}"))
        .collect()
}

#[test]
#[ignore = "needs node"]
fn the_js_client_answers_every_labelled_query_like_the_cli() {
    let node = support::node();
    let build = &support::bundled_build().dir;
    let queries = every_labelled_query();
    let output = run_client_on(&node, build, &json!(queries), &["5"], "every-labelled");
    let js = js_answers(&output);
    let with_filters: Vec<(String, searcher::Filters)> = queries
        .iter()
        .map(|q| (q.clone(), searcher::Filters::default()))
        .collect();
    let cli = cli_answers(build, &with_filters, 5);
    let reported = cli.iter().filter(|(_, words, _)| !words.is_empty()).count();
    let differ = differences(&queries, &cli, &js);
    println!(
        "{} queries, {reported} with unmatched words, {} differ",
        queries.len(),
        differ.len()
    );
    assert!(reported > 0, "no query reported an unmatched word");
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

/// Builds the "search-filters" fixture with the articles `write` adds, asks the Node client and
/// the CLI the same `queries` (top 10, no filters), checks they answer alike, and returns the
/// CLI's answers.
fn client_and_cli_agree(
    write: fn(&support::TestSite),
    queries: &[&str],
    name: &str,
) -> Vec<(Vec<String>, Vec<String>, usize)> {
    let node = support::node();
    let site = support::TestSite::new("search-filters");
    write(&site);
    site.remedy(&["build", "--quiet"]).expect_code(0);
    let build = site.path("public");
    let output = run_client_on(&node, &build, &json!(queries), &["10"], name);
    let js = js_answers(&output);
    let labels: Vec<String> = queries.iter().map(|q| q.to_string()).collect();
    let for_cli: Vec<(String, searcher::Filters)> = labels
        .iter()
        .map(|q| (q.clone(), searcher::Filters::default()))
        .collect();
    let cli = cli_answers(&build, &for_cli, 10);
    let differ = differences(&labels, &cli, &js);
    assert!(differ.is_empty(), "{}", differ.join("\n"));
    cli
}

#[test]
#[ignore = "needs node"]
fn the_js_client_counts_prominent_words_like_the_cli() {
    let queries = [
        "screen bright glare",
        "bright glare",
        "display screen",
        "power cycle the bright screen",
    ];
    let cli = client_and_cli_agree(
        super::cli::write_prominence_articles,
        &queries,
        "prominence",
    );
    assert_eq!(cli[0].0[0], "fixes/dim-the-screen");
}

#[test]
#[ignore = "needs node"]
fn the_js_client_counts_words_common_in_titles_like_the_cli() {
    let queries = [
        "screen glare sunlight",
        "screen sunlight",
        "glare screen",
        "screen",
    ];
    let cli = client_and_cli_agree(
        super::cli::write_common_title_articles,
        &queries,
        "common-titles",
    );
    assert_eq!(cli[0].0[0], "guides/glare-in-sunlight");
}

#[test]
#[ignore = "needs node"]
fn the_js_client_filters_like_the_cli() {
    let node = support::node();
    let site = support::TestSite::new("search-filters");
    site.remedy(&["build", "--quiet"]).expect_code(0);
    let build = site.path("public");
    let config = remedy::load_config(&remedy::BuildOptions {
        root: site.root().to_path_buf(),
        ..remedy::BuildOptions::default()
    })
    .expect("the fixture's book.toml");
    let cases: Vec<(&str, &[&str], &[&str])> = vec![
        ("battery", &[], &[]),
        ("battery", &["fix"], &[]),
        ("battery", &["fixes"], &["Mac"]),
        ("battery", &[], &["IPHONE"]),
        ("battery", &["faq", "guides"], &[]),
        ("battery", &[], &["watch"]),
        ("power cycle the notebook", &[], &[]),
        ("screen viber", &["cause"], &["mac", "ipad"]),
    ];
    let mut queries = Vec::new();
    let mut for_cli = Vec::new();
    let mut labels = Vec::new();
    for (text, kinds, tags) in &cases {
        queries.push(json!({"q": text, "filters": {"kind": kinds, "tags": tags}}));
        // The client takes a kind's name or folder, as `--kind` does; the searcher takes names.
        let names = kinds
            .iter()
            .map(|k| {
                let kind = config.kind(k).or_else(|| config.kind_by_dir(k));
                kind.expect("a kind of the fixture").name.clone()
            })
            .collect();
        let filters = searcher::Filters {
            kinds: names,
            tags: tags.iter().map(|t| t.to_string()).collect(),
        };
        for_cli.push((text.to_string(), filters));
        labels.push(format!("{text:?} kind {kinds:?} tags {tags:?}"));
    }
    let output = run_client_on(&node, &build, &Value::Array(queries), &["10"], "filters");
    let js = js_answers(&output);
    let cli = cli_answers(&build, &for_cli, 10);
    let differ = differences(&labels, &cli, &js);
    assert!(differ.is_empty(), "{}", differ.join("\n"));
    // The filters do narrow: fixes tagged Mac are one article, and the synonym finds the laptop.
    assert_eq!(cli[2].0, ["fixes/restart-device"]);
    assert_eq!(cli[5].2, 0);
    assert!(cli[6].0.contains(&"causes/screen-flickers".to_string()));
    assert_eq!(cli[7].1, ["viber"]);
}
