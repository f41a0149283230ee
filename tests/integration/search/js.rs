//! The browser client under Node, against the CLI: the same analysis of every title, summary
//! and symptom through the module the bundled build's manifest carries, the quality bar on the
//! labelled queries, and the same top 5 as `remedy search` for every labelled query and a few
//! hundred queries sampled from the corpus. (`languages` checks the analysis modules of every
//! language word by word.)
//!
//! These tests need `node`: they are ignored by a plain `cargo test` and run by
//! `cargo test -- --include-ignored`, as `.ci/run` does.

use std::path::{Path, PathBuf};
use std::process::Command;

use remedy::search::{analysis, index, searcher};

use super::quality::{MIN_HIT3, MIN_MRR};
use super::{
    labelled_queries, load_bundled, mrr_and_hit3, print_results, queries_in, sampled_queries,
};
use crate::support;

/// A file for the client's input, in a folder of its own under Cargo's target tmp dir.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("search-js");
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir.join(name)
}

/// Runs `tests/search/js/run_queries.js` over the bundled build and parses its JSON output.
pub fn run_client(node: &Path, queries: &[String], extra: &[&str], tag: &str) -> serde_json::Value {
    let queries = serde_json::json!(queries);
    run_client_on(node, &support::bundled_build().dir, &queries, extra, tag)
}

/// Runs `tests/search/js/run_queries.js` over the site built in `build` with `queries` (a JSON
/// array of strings or `{q, filters}` objects) and parses its JSON output.
pub fn run_client_on(
    node: &Path,
    build: &Path,
    queries: &serde_json::Value,
    extra: &[&str],
    tag: &str,
) -> serde_json::Value {
    let file = scratch(&format!("{tag}.json"));
    std::fs::write(&file, queries.to_string()).unwrap();
    let script = support::repo().join("tests/search/js/run_queries.js");
    let mut command = Command::new(node);
    command.arg(&script).arg(build).arg(&file).args(extra);
    let output = command.output().expect("run node");
    assert!(
        output.status.success(),
        "{:?} failed\n  stdout: {}\n  stderr: {}",
        command,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("client output is JSON")
}

/// The slugs of each answer of a client run.
pub fn slugs(results: &serde_json::Value) -> Vec<Vec<String>> {
    results["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|hits| {
            hits.as_array()
                .expect("hits")
                .iter()
                .map(|hit| hit["slug"].as_str().expect("slug").to_string())
                .collect()
        })
        .collect()
}

fn cli_top(queries: &[String], limit: usize) -> Vec<Vec<String>> {
    let open = index::open(&support::bundled_build().dir.join("search/index")).expect("open index");
    queries
        .iter()
        .map(|q| {
            searcher::search(&open, q, limit)
                .expect("search")
                .into_iter()
                .map(|h| h.slug)
                .collect()
        })
        .collect()
}

/// Titles, summaries, symptoms, headings and bodies of the bundled knowledge base.
pub fn bundled_texts() -> Vec<String> {
    let loaded = load_bundled();
    let mut texts = Vec::new();
    for article in &loaded.site.articles {
        texts.push(article.front.title.clone());
        texts.push(article.front.summary.clone());
        texts.extend(article.front.symptoms.iter().cloned());
        texts.extend(article.headings.iter().map(|h| h.text.clone()));
        texts.push(article.text.clone());
    }
    texts
}

#[test]
#[ignore = "needs node"]
fn the_js_analysis_matches_rust_on_the_corpus() {
    let node = support::node();
    let mut texts: Vec<String> = bundled_texts()
        .into_iter()
        .flat_map(|t| {
            // Bodies are long: analyse them sentence by sentence.
            t.split(['.', '\n']).map(str::to_string).collect::<Vec<_>>()
        })
        .filter(|t| !t.trim().is_empty())
        .collect();
    texts.extend(
        [
            "won’t back up",
            "iPhone's",
            "E-1234 and 0x8007000E",
            "iOS 17.1.2.",
            "Wi-Fi",
            "ÉCRAN cassé",
            "naïve café",
            "ΣΊΣΥΦΟΣ",
            "backup to",
            "how do i",
            "x\u{301}y",
            "１２３ full-width",
            "日本語のテキスト",
            "a—b",
            "end.",
            "rock'n'roll",
        ]
        .map(str::to_string),
    );
    let output = run_client(&node, &texts, &["--analyze"], "analysis");
    let js: Vec<Vec<String>> = serde_json::from_value(output["terms"].clone()).unwrap();
    let mut differences = Vec::new();
    for (text, js_terms) in texts.iter().zip(&js) {
        let rust: Vec<String> = analysis::query_words(text, true, analysis::Language::English)
            .into_iter()
            .map(|w| w.term)
            .collect();
        if &rust != js_terms {
            differences.push(format!("{text:?}\n  rust {rust:?}\n  js   {js_terms:?}"));
        }
    }
    println!(
        "analysis parity: {} texts, {} differ",
        texts.len(),
        differences.len()
    );
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[test]
#[ignore = "needs node"]
fn the_js_client_ranks_the_labelled_queries_well() {
    let node = support::node();
    let queries = labelled_queries();
    let texts: Vec<String> = queries.iter().map(|q| q.q.clone()).collect();
    let results = slugs(&run_client(&node, &texts, &["10"], "labelled"));
    print_results("JS client", &queries, &results);
    let (mrr, hit3) = mrr_and_hit3(&queries, &results);
    println!(
        "JS client: MRR {mrr:.3}, hit@3 {hit3:.3} over {} queries",
        queries.len()
    );
    assert!(
        mrr >= MIN_MRR && hit3 >= MIN_HIT3,
        "JS quality below the bar: MRR {mrr:.3} (need {MIN_MRR}), hit@3 {hit3:.3} (need {MIN_HIT3})"
    );
}

#[test]
#[ignore = "needs node"]
fn the_js_client_returns_the_cli_top_5() {
    let node = support::node();
    let mut queries: Vec<String> = labelled_queries().into_iter().map(|q| q.q).collect();
    let labelled = queries.len();
    queries.extend(sampled_queries(300));
    let js = slugs(&run_client(&node, &queries, &["5"], "parity"));
    let cli = cli_top(&queries, 5);
    let mut differences = Vec::new();
    for ((query, js), cli) in queries.iter().zip(&js).zip(&cli) {
        if js != cli {
            differences.push(format!("{query:?}\n  cli {cli:?}\n  js  {js:?}"));
        }
    }
    println!(
        "top-5 parity: {} queries ({labelled} labelled, {} sampled), {} differ",
        queries.len(),
        queries.len() - labelled,
        differences.len()
    );
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[test]
#[ignore = "needs node"]
fn a_cached_manifest_of_an_older_build_is_reloaded() {
    let node = support::node();
    let base = support::scratch_dir("search-stale");
    let old = base.join("old");
    let new = base.join("new");
    support::copy_bundled_site(&old);
    support::copy_bundled_site(&new);
    std::fs::write(
        new.join("content/causes/overheating.md"),
        "+++\ntitle = \"The iPhone overheats during the backup\"\n\
         summary = \"A hot phone pauses its backup.\"\nsymptoms = [\"phone too hot\"]\n+++\n\n\
         Let it cool down.\n",
    )
    .unwrap();
    for root in [&old, &new] {
        let options = remedy::BuildOptions {
            root: root.clone(),
            ..remedy::BuildOptions::default()
        };
        remedy::build(&options).expect("the fixture builds");
    }
    let output = Command::new(&node)
        .arg(support::repo().join("tests/search/js/stale_manifest.js"))
        .arg(old.join("public"))
        .arg(new.join("public"))
        .arg("iphone overheats")
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let result: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(result["manifests"], 2, "{result}");
    assert_eq!(result["stale"], result["fresh"], "{result}");
    assert_eq!(result["fresh"][0], "causes/overheating", "{result}");
}

/// `benches/first_query.js`, whose figures the README gives: with `--queries`, one line per
/// query of the file (each a cold first query: at least the script and the manifest) and a
/// summary over all of them; a single query's files add up to its total.
#[test]
#[ignore = "needs node"]
fn the_first_query_script_measures_each_labelled_query_cold() {
    let node = support::node();
    let build = &support::bundled_build().dir;
    let script = support::repo().join("benches/first_query.js");
    let file = support::repo().join("tests/search/queries.toml");
    let run = |args: &[&std::ffi::OsStr]| {
        let output = Command::new(&node)
            .arg(&script)
            .arg(build)
            .args(args)
            .output()
            .expect("run node");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(
            output.status.success(),
            "{stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        );
        stdout
    };
    let stdout = run(&["--queries".as_ref(), file.as_os_str()]);
    let queries: Vec<String> = queries_in(&file).into_iter().map(|q| q.q).collect();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), queries.len() + 1, "{stdout}");
    for (line, query) in lines.iter().zip(&queries) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let requests: usize = words[0].parse().expect(line);
        let kb: f64 = words[2].parse().expect(line);
        assert!(requests >= 2 && kb > 17.0, "{line}");
        assert!(line.ends_with(&format!("KB  {query}")), "{line}");
    }
    let summary = lines[queries.len()];
    assert!(
        summary.starts_with(&format!("{} queries: KB gzip -9 median", queries.len()))
            && summary.contains("within 80 KB and 5 requests:"),
        "{summary}"
    );

    let single = run(&["error 9006".as_ref()]);
    let (files, total) = single.trim_end().rsplit_once('\n').expect(&single);
    let sum: f64 = files
        .lines()
        .map(|l| l.split_whitespace().nth(1).unwrap().parse::<f64>().unwrap())
        .sum();
    let words: Vec<&str> = total.split_whitespace().collect();
    assert_eq!(
        words[1].parse::<usize>().unwrap(),
        files.lines().count(),
        "{single}"
    );
    let stated: f64 = words[3].parse().unwrap();
    assert!(
        (sum - stated).abs() <= 0.05 * files.lines().count() as f64,
        "{single}"
    );
    assert!(
        files.starts_with("js/search.js") && files.contains("manifest.js"),
        "{single}"
    );
}
