//! The labelled query files (`tests/search/queries*.toml`, measured by
//! `benches/search_quality.rs`) stay true to the bundled site: every answer names one of its
//! articles, and every word an out-of-scope query lists as `unmatched` occurs nowhere in it.

use std::collections::BTreeSet;

use crate::support;

#[derive(serde::Deserialize)]
struct QueryFile {
    query: Vec<Labelled>,
}

#[derive(serde::Deserialize)]
struct Labelled {
    q: String,
    #[serde(default)]
    answers: Vec<String>,
    #[serde(default)]
    unmatched: Vec<String>,
}

/// Every `queries*.toml` beside this file, by name.
fn query_files() -> Vec<(String, QueryFile)> {
    let dir = support::repo().join("tests/search");
    let mut files: Vec<(String, QueryFile)> = std::fs::read_dir(&dir)
        .expect("read tests/search")
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("queries") && name.ends_with(".toml"))
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(&name)).expect("read a query file");
            let file = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, file)
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

#[test]
fn labelled_answers_and_unmatched_words_fit_the_bundled_site() {
    let options = remedy::BuildOptions {
        root: support::repo().to_path_buf(),
        ..remedy::BuildOptions::default()
    };
    let loaded = remedy::load_site(&options).expect("load the bundled site");
    let slugs: BTreeSet<&str> = loaded
        .site
        .articles
        .iter()
        .map(|a| a.slug.as_str())
        .collect();
    let mut words = BTreeSet::new();
    for article in &loaded.site.articles {
        let front = &article.front;
        let texts = [&front.title, &front.summary, &article.text]
            .into_iter()
            .chain(&front.symptoms)
            .chain(article.headings.iter().map(|h| &h.text));
        for text in texts {
            words.extend(
                text.to_lowercase()
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_string),
            );
        }
    }

    let files = query_files();
    assert!(files.iter().any(|(name, _)| name == "queries-forum.toml"));
    let mut problems = Vec::new();
    let mut checked = 0;
    for (name, file) in &files {
        for query in &file.query {
            checked += 1;
            for answer in &query.answers {
                if !slugs.contains(answer.as_str()) {
                    problems.push(format!("{name}: {:?}: no article `{answer}`", query.q));
                }
            }
            for word in &query.unmatched {
                if words.contains(&word.to_lowercase()) {
                    problems.push(format!(
                        "{name}: {:?}: `{word}` is listed as unmatched but the site uses it",
                        query.q
                    ));
                }
                if !query.q.to_lowercase().contains(&word.to_lowercase()) {
                    problems.push(format!(
                        "{name}: {:?}: `{word}` is not in the query",
                        query.q
                    ));
                }
            }
        }
    }
    println!(
        "{checked} labelled queries in {} files checked",
        files.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
