//! Search assertions for writers: `search-tests.toml` at the site root says which articles a
//! query must find, and `remedy check` runs every one against the index a build would make.
//!
//! ```toml
//! [[test]]
//! query = "backup stops halfway"
//! expect = ["faq/backup-fails-halfway", "causes/icloud-storage-full"]
//! within = 3          # each expected article in the top 3; the default is 3
//! ```
//!
//! `expect` takes full slugs (`.md` and slashes around them are ignored). A slug that is no
//! article, an empty query or `expect`, `within = 0` and unknown keys are errors at their line,
//! like any content problem. A failing test is an error too: it names the expected articles
//! that are missing from the top `within` and shows the actual ranking. This module parses and
//! judges; reading the file is `load`'s job.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Diagnostic;
use crate::error::Result;
use crate::model::Site;
use crate::search::index::OpenIndex;
use crate::search::searcher;

/// The file's name, at the site root.
pub const FILE: &str = "search-tests.toml";

/// How many results a test looks at when it says nothing.
pub const DEFAULT_WITHIN: usize = 3;

/// How many results a failure shows at least.
const SHOWN: usize = 5;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    test: Vec<RawTest>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTest {
    query: Spanned<String>,
    expect: Spanned<Vec<Spanned<String>>>,
    within: Option<Spanned<i64>>,
}

/// One assertion: a query and the articles it must find within the top `within`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchTest {
    /// The query.
    pub query: String,
    /// Byte range of the query's value, for diagnostics.
    pub span: Range<usize>,
    /// The expected slugs, with where each is written.
    pub expect: Vec<(String, Range<usize>)>,
    /// How many of the top results may hold them.
    pub within: usize,
}

/// Parses `search-tests.toml` and checks its slugs against `site`. `path` names the file in
/// diagnostics.
pub fn parse(path: &Path, text: &str, site: &Site) -> Result<Vec<SearchTest>, Vec<Diagnostic>> {
    let raw: RawFile =
        toml::from_str(text).map_err(|error| vec![Diagnostic::toml(path, text, 0, &error)])?;
    let mut problems = Vec::new();
    let mut tests = Vec::new();
    for test in raw.test {
        let query = test.query.get_ref().trim().to_string();
        if query.is_empty() {
            problems.push(Diagnostic::at(
                path,
                text,
                test.query.span(),
                "the query is empty",
            ));
        }
        let within = match test.within {
            Some(within) if *within.get_ref() < 1 => {
                problems.push(
                    Diagnostic::at(path, text, within.span(), "`within` must be at least 1")
                        .with_help("it is how many of the top results may hold the articles"),
                );
                DEFAULT_WITHIN
            }
            Some(within) => *within.get_ref() as usize,
            None => DEFAULT_WITHIN,
        };
        if test.expect.get_ref().is_empty() {
            problems.push(
                Diagnostic::at(path, text, test.expect.span(), "`expect` lists no article")
                    .with_help("add the slugs the query must find, such as `\"causes/x\"`"),
            );
        }
        let mut expect = Vec::new();
        for slug in test.expect.into_inner() {
            let span = slug.span();
            let value = slug
                .get_ref()
                .trim()
                .trim_end_matches(".md")
                .trim_matches('/')
                .to_string();
            if site.article(&value).is_none() {
                let mut diagnostic = Diagnostic::at(
                    path,
                    text,
                    span.clone(),
                    format!("no article `{value}`: `content/{value}.md` does not exist"),
                );
                if let Some(close) = closest(site, &value) {
                    diagnostic = diagnostic.with_help(format!("did you mean `{close}`?"));
                }
                problems.push(diagnostic);
            }
            expect.push((value, span));
        }
        tests.push(SearchTest {
            query,
            span: test.query.span(),
            expect,
            within,
        });
    }
    if problems.is_empty() {
        Ok(tests)
    } else {
        Err(problems)
    }
}

fn closest<'a>(site: &'a Site, slug: &str) -> Option<&'a str> {
    crate::suggest::closest(slug, site.articles.iter().map(|a| a.slug.as_str()))
}

/// Runs every test against `index`; returns one error per failing test.
pub fn run(
    path: &Path,
    text: &str,
    tests: &[SearchTest],
    index: &OpenIndex,
) -> Result<Vec<Diagnostic>> {
    let mut failures = Vec::new();
    for test in tests {
        let hits = searcher::search(index, &test.query, test.within.max(SHOWN))?;
        let rank = |slug: &str| hits.iter().position(|h| h.slug == slug);
        let missing: Vec<&(String, Range<usize>)> = test
            .expect
            .iter()
            .filter(|(slug, _)| rank(slug).is_none_or(|r| r >= test.within))
            .collect();
        if missing.is_empty() {
            continue;
        }
        let names = missing
            .iter()
            .map(|(slug, _)| format!("`{slug}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let ranking = if hits.is_empty() {
            "the search finds nothing".to_string()
        } else {
            let list = hits
                .iter()
                .enumerate()
                .map(|(i, hit)| format!("{}. {} ({:.2})", i + 1, hit.slug, hit.score))
                .collect::<Vec<_>>()
                .join(", ");
            format!("the top {} are: {list}", hits.len())
        };
        failures.push(
            Diagnostic::at(
                path,
                text,
                test.span.clone(),
                format!(
                    "search `{}`: {names} not in the top {}",
                    test.query, test.within
                ),
            )
            .with_help(ranking),
        );
    }
    Ok(failures)
}
