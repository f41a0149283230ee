//! Search, end to end: ranking quality on the labelled queries, the command line, the browser
//! client under Node (same answers as the CLI, same analysis as Rust) and the search UI in headless
//! Chromium. All of them read the one build of the bundled knowledge base in
//! [`support::bundled_build`]; this module holds what only they share: the labelled queries,
//! their measures, and queries sampled from the corpus.
//!
//! - [`quality`]: the CLI's MRR and hit@3 on the labelled queries.
//! - [`cli`]: `remedy search`, its JSON shape, text output and exit codes.
//! - [`js`]: the browser client under Node against the CLI (needs node).
//! - [`js_query`]: `Remedy.query` under Node against the CLI: unmatched words, totals, filters
//!   (needs node).
//! - [`labels`]: the labelled query files name real articles and truly foreign words.
//! - [`languages`]: the analysis modules of every language against the native analysis, and
//!   a French fixture site searched alike by the CLI and the browser (needs node, chromium).
//! - [`robustness`]: arbitrary queries never fail either searcher.
//! - [`synonyms`]: what `remedy check` and `build` say about `[search.synonyms]`.
//! - [`browser`]: the search UI in headless Chromium (needs chromium and chromedriver).

mod browser;
mod cli;
mod js;
mod js_query;
mod labels;
mod languages;
mod quality;
mod robustness;
mod synonyms;

use crate::support;

/// One labelled query.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Labelled {
    /// The query.
    pub q: String,
    /// The slugs that answer it.
    pub answers: Vec<String>,
}

#[derive(serde::Deserialize)]
struct QueryFile {
    query: Vec<Labelled>,
}

/// The labelled queries: `../shared/search/queries.toml` when it is there (the shared, possibly
/// newer set), otherwise the copy in `tests/search/queries.toml`.
pub fn labelled_queries() -> Vec<Labelled> {
    let shared = support::repo().join("../shared/search/queries.toml");
    let path = if shared.is_file() {
        shared
    } else {
        support::repo().join("tests/search/queries.toml")
    };
    queries_in(&path)
}

/// The labelled queries of a query file (`tests/search/queries*.toml`).
pub fn queries_in(path: &std::path::Path) -> Vec<Labelled> {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let file: QueryFile =
        toml::from_str(&text).unwrap_or_else(|e| panic!("parse {}: {e}", path.display()));
    file.query
}

/// The labelled French queries of the bundled site's French edition,
/// `tests/search/queries-fr.toml`.
pub fn french_queries() -> Vec<Labelled> {
    queries_in(&support::repo().join("tests/search/queries-fr.toml"))
}

/// Mean reciprocal rank (first answer within the top 10) and hit@3 of ranked slug lists.
pub fn mrr_and_hit3(queries: &[Labelled], results: &[Vec<String>]) -> (f64, f64) {
    let mut reciprocal = 0.0;
    let mut hits = 0;
    for (query, slugs) in queries.iter().zip(results) {
        if let Some(rank) = slugs
            .iter()
            .take(10)
            .position(|s| query.answers.contains(s))
        {
            reciprocal += 1.0 / (rank + 1) as f64;
            if rank < 3 {
                hits += 1;
            }
        }
    }
    let n = queries.len() as f64;
    (reciprocal / n, hits as f64 / n)
}

/// Prints a table of queries and their first results, marking those whose top result is not
/// an answer.
pub fn print_results(label: &str, queries: &[Labelled], results: &[Vec<String>]) {
    println!("{label}:");
    for (query, slugs) in queries.iter().zip(results) {
        let rank = slugs.iter().position(|s| query.answers.contains(s));
        let mark = match rank {
            Some(0) => "  ",
            Some(r) if r < 3 => " ~",
            _ => " !",
        };
        let top: Vec<&str> = slugs.iter().take(3).map(String::as_str).collect();
        println!("{mark} {:<40} {}", query.q, top.join(", "));
    }
}

/// The bundled knowledge base as the loader sees it (read only; nothing is built).
pub fn load_bundled() -> remedy::Loaded {
    let options = remedy::BuildOptions {
        root: support::bundled_root().to_path_buf(),
        ..remedy::BuildOptions::default()
    };
    remedy::load_site(&options).expect("load the bundled site")
}

/// `count` queries sampled from the bundled corpus, the same every run: runs of one to three
/// words from titles, summaries, symptoms and headings, some with the last word cut short (as
/// while typing), some with a typo, some finished with a space, some in capitals, plus the
/// error codes.
pub fn sampled_queries(count: usize) -> Vec<String> {
    let loaded = load_bundled();
    let mut sources: Vec<String> = Vec::new();
    let mut codes: Vec<String> = Vec::new();
    for article in &loaded.site.articles {
        sources.push(article.front.title.clone());
        sources.push(article.front.summary.clone());
        sources.extend(article.front.symptoms.iter().cloned());
        sources.extend(article.headings.iter().map(|h| h.text.clone()));
        codes.extend(article.error_codes().map(str::to_string));
    }
    let mut state: u64 = 0x5eed;
    let mut next = move |below: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % below.max(1)
    };
    let mut queries: Vec<String> = codes.iter().map(|c| format!("error {c}")).collect();
    while queries.len() < count {
        let source = &sources[next(sources.len())];
        let words: Vec<&str> = source
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '?' | ':' | '(' | ')'))
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            continue;
        }
        let length = 1 + next(3.min(words.len()));
        let start = next(words.len() - length + 1);
        let mut picked: Vec<String> = words[start..start + length]
            .iter()
            .map(|w| w.to_string())
            .collect();
        let last = picked.last_mut().expect("a word");
        let chars: Vec<char> = last.chars().collect();
        match next(6) {
            0 if chars.len() > 3 => *last = chars[..3.max(chars.len() * 2 / 3)].iter().collect(),
            1 if chars.len() >= 5 => {
                let mut typo = chars.clone();
                let at = 1 + next(typo.len() - 2);
                typo.swap(at, at + 1);
                *last = typo.into_iter().collect();
            }
            2 if chars.len() >= 5 => {
                let mut typo = chars.clone();
                typo.remove(1 + next(typo.len() - 1));
                *last = typo.into_iter().collect();
            }
            3 => last.push(' '),
            4 => *last = last.to_uppercase(),
            _ => {}
        }
        queries.push(picked.join(" "));
    }
    queries.truncate(count);
    queries
}
