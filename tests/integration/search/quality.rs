//! The quality bar on the labelled queries, for the command line: MRR ≥ 0.90 and hit@3 ≥ 0.95,
//! in English and, over the French edition's index, on the French queries.

use remedy::search::{index, searcher};

use super::{Labelled, french_queries, labelled_queries, mrr_and_hit3, print_results};
use crate::support;

/// The bar the issue sets.
pub const MIN_MRR: f64 = 0.90;
/// The bar the issue sets.
pub const MIN_HIT3: f64 = 0.95;

#[test]
fn the_cli_ranks_the_labelled_queries_well() {
    let open = index::open(&support::bundled_build().dir.join("search/index")).expect("open index");
    let queries = labelled_queries();
    let results: Vec<Vec<String>> = queries
        .iter()
        .map(|q| {
            searcher::search(&open, &q.q, 10)
                .expect("search")
                .into_iter()
                .map(|hit| hit.slug)
                .collect()
        })
        .collect();
    print_results("CLI", &queries, &results);
    let (mrr, hit3) = mrr_and_hit3(&queries, &results);
    println!(
        "CLI: MRR {mrr:.3}, hit@3 {hit3:.3} over {} queries",
        queries.len()
    );
    assert!(
        mrr >= MIN_MRR && hit3 >= MIN_HIT3,
        "CLI quality below the bar: MRR {mrr:.3} (need {MIN_MRR}), hit@3 {hit3:.3} (need {MIN_HIT3})"
    );
}

/// Ranks `queries` with the tantivy index at `index_dir` (relative to the bundled build) and
/// holds the bar.
fn holds_the_bar(label: &str, index_dir: &str, queries: &[Labelled]) {
    let open = index::open(&support::bundled_build().dir.join(index_dir)).expect("open index");
    let results: Vec<Vec<String>> = queries
        .iter()
        .map(|q| {
            searcher::search(&open, &q.q, 10)
                .expect("search")
                .into_iter()
                .map(|hit| hit.slug)
                .collect()
        })
        .collect();
    print_results(label, queries, &results);
    let (mrr, hit3) = mrr_and_hit3(queries, &results);
    println!(
        "{label}: MRR {mrr:.3}, hit@3 {hit3:.3} over {} queries",
        queries.len()
    );
    assert!(
        mrr >= MIN_MRR && hit3 >= MIN_HIT3,
        "{label} quality below the bar: MRR {mrr:.3} (need {MIN_MRR}), hit@3 {hit3:.3} (need {MIN_HIT3})"
    );
}

#[test]
fn the_cli_ranks_the_french_queries_well_in_the_french_edition() {
    holds_the_bar("CLI (fr)", "fr/search/index", &french_queries());
}
