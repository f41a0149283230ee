//! The query spec: how a reader's query becomes a ranked list of articles. This is the one
//! written statement of it; two implementations follow it, the Rust one here and in
//! [`crate::search::searcher`] (for `remedy search` and the dev server) and the JavaScript one
//! in `themes/default/static/js/search.js` (for the browser). Tests check that both return the
//! same top results.
//!
//! # 1. Words
//! The query is analysed like the index ([`crate::search::analysis`]): lower-cased, split into
//! words (a compound such as `wi-fi` or `E-1234` is one word), stop words dropped, each word
//! stemmed unless it is a code (it holds a number). A word repeated counts once.
//! The *last* word is unfinished while the reader types: unless the query ends in whitespace,
//! it also matches as a prefix, and if it is a stop word it stays as an *optional* word that
//! only matches as a prefix (`backup for` may become `backup format`). Question words
//! (`how`, `why`, ...) are optional too. Every other word is *required*.
//!
//! # 2. Variants: the terms a word matches, each with a weight
//! Terms come from the index's term dictionary (all searchable fields together); `df(t)` is the
//! sum over the fields of the number of articles whose field holds `t`.
//! - **Exact**: the word's own term, if the dictionary has it. Weight 1.
//! - **Prefix** (last word only, `[search] prefix = true`, at least [`MIN_PREFIX_CHARS`]
//!   characters typed, and only when the word has no exact variant, so a finished word is
//!   not diluted by its longer neighbours): every other term that starts with what was typed
//!   (lower-cased, before stemming), weight `typed/len(t)` in characters, so the more of a term
//!   is guessed, the less it counts. At most [`MAX_PREFIX_TERMS`] of them: highest `df`
//!   first, then term order.
//! - **Typo** (`[search] fuzzy = true`, words that are not codes, only when the word has
//!   neither an exact nor a prefix variant, so exact matches always come first): terms within
//!   edit distance 1 of the word's term if the word has [`FUZZY_ONE_EDIT_FROM`] or more
//!   characters, 2 from [`FUZZY_TWO_EDITS_FROM`]. Edits are insertions, deletions,
//!   substitutions and swaps of two neighbouring characters (optimal string alignment), and
//!   the first character must match. Weight [`TYPO_WEIGHT_ONE`] for one edit,
//!   [`TYPO_WEIGHT_TWO`] for two; at most [`MAX_TYPO_TERMS`] of them: fewest edits first, then
//!   highest `df`, then term order.
//!
//! # 3. Score
//! The *impact* of a term in an article is its BM25 score (tantivy's: k1 = 1.2, b = 0.75, field
//! lengths quantized by tantivy, document count including every article) summed over the
//! searchable fields, each multiplied by its field weight (`[search.weights]`). A word scores,
//! in an article, the largest `weight × impact` among its variants (so `ful` matching both
//! `full` and `fulli` counts once); an article's score is the sum of its words' scores.
//!
//! *Precision.* The CLI computes impacts with tantivy at full precision. The browser index
//! ([`crate::search::export`]) stores them to 16 bits (steps of 0.02%), and for a term held by
//! more than [`HEAD_POSTINGS`](crate::search::export::HEAD_POSTINGS) articles exactly only for
//! the articles it scores highest in: the others that hold it all score the mean of their
//! impacts, which keeps a query of common words small to download. Where no term is that
//! common both rank alike, as the tests check on the bundled knowledge base; on larger sites
//! the browser's order differs only among articles whose difference lies in such a tail.
//!
//! # 4. Ranking
//! An article matches when any variant of any word is in it. Matches are ordered by:
//! 1. **error codes first**: how many code words are exactly (not by prefix) one of the
//!    article's `error_codes`, most first;
//! 2. **AND before OR**: how many required words it matches, most first, so articles with every
//!    word lead and the query falls back to fewer words rather than to nothing;
//! 3. score, highest first;
//! 4. the site's display order.

use std::cmp::Ordering;

use crate::search::analysis::{self, QueryWord, Role};

/// The fewest characters of a last word that match as a prefix.
pub const MIN_PREFIX_CHARS: usize = 3;
/// The most prefix completions of the last word.
pub const MAX_PREFIX_TERMS: usize = 12;
/// Words of this many characters get one typo.
pub const FUZZY_ONE_EDIT_FROM: usize = 5;
/// Words of this many characters get two typos.
pub const FUZZY_TWO_EDITS_FROM: usize = 9;
/// The most typo corrections of a word.
pub const MAX_TYPO_TERMS: usize = 8;
/// Weight of a term one edit away.
pub const TYPO_WEIGHT_ONE: f64 = 0.6;
/// Weight of a term two edits away.
pub const TYPO_WEIGHT_TWO: f64 = 0.4;

/// The query options a site chose under `[search]`, and the language of its index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueryOptions {
    /// Typo tolerance.
    pub fuzzy: bool,
    /// Prefix matching of the last word.
    pub prefix: bool,
    /// The language the query is analysed in: the index's.
    pub language: analysis::Language,
}

/// The term dictionary a query is planned against: all searchable fields together.
pub trait Dictionary {
    /// `df(term)`, or `None` if no article has the term.
    fn doc_freq(&self, term: &str) -> Option<u64>;
    /// Every term starting with `prefix`, with its `df`, in any order.
    fn with_prefix(&self, prefix: &str) -> Vec<(String, u64)>;
}

/// How a variant matches its word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// The word's own term.
    Exact,
    /// A completion of the unfinished last word.
    Prefix,
    /// A term this many edits away.
    Typo(u8),
}

/// A term a word matches, and its weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The term.
    pub term: String,
    /// Multiplies the term's impact.
    pub weight: f64,
    /// How it matches.
    pub how: Match,
}

/// A query word with the terms it matches.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedWord {
    /// The analysed word.
    pub word: QueryWord,
    /// Whether ranking counts it among the words an article must match (rule 4.2).
    pub required: bool,
    /// Its variants, exact first.
    pub variants: Vec<Variant>,
}

impl PlannedWord {
    /// Whether an exact match of this word in `error_codes` puts an article first (rule 4.1).
    pub fn is_code(&self) -> bool {
        self.word.code && self.variants.first().is_some_and(|v| v.how == Match::Exact)
    }
}

/// Plans a query (sections 1 and 2 of the spec).
pub fn plan(query: &str, dictionary: &dyn Dictionary, options: QueryOptions) -> Vec<PlannedWord> {
    let unfinished = options.prefix && !query.ends_with(char::is_whitespace);
    let words = analysis::query_words(query, unfinished, options.language);
    let count = words.len();
    words
        .into_iter()
        .enumerate()
        .map(|(i, word)| {
            let last = unfinished && i + 1 == count;
            let mut variants = Vec::new();
            let unfinished_stop_word = word.role == Role::Unfinished;
            if !unfinished_stop_word && dictionary.doc_freq(&word.term).is_some() {
                variants.push(Variant {
                    term: word.term.clone(),
                    weight: 1.0,
                    how: Match::Exact,
                });
            }
            if last && (variants.is_empty() || unfinished_stop_word) {
                variants.extend(prefix_variants(&word, dictionary));
            }
            if variants.is_empty() && options.fuzzy && !word.code && !unfinished_stop_word {
                variants.extend(typo_variants(&word, dictionary));
            }
            PlannedWord {
                required: word.role == Role::Required,
                word,
                variants,
            }
        })
        .collect()
}

fn prefix_variants(word: &QueryWord, dictionary: &dyn Dictionary) -> Vec<Variant> {
    let typed_chars = word.typed.chars().count();
    if typed_chars < MIN_PREFIX_CHARS {
        return Vec::new();
    }
    let mut found: Vec<(String, u64)> = dictionary
        .with_prefix(&word.typed)
        .into_iter()
        .filter(|(term, _)| word.role == Role::Unfinished || *term != word.term)
        .collect();
    found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    found.truncate(MAX_PREFIX_TERMS);
    found
        .into_iter()
        .map(|(term, _)| {
            let ratio = typed_chars as f64 / term.chars().count() as f64;
            Variant {
                weight: ratio,
                term,
                how: Match::Prefix,
            }
        })
        .collect()
}

/// How many typos a word of `chars` characters may have.
pub fn allowed_edits(chars: usize) -> usize {
    if chars >= FUZZY_TWO_EDITS_FROM {
        2
    } else if chars >= FUZZY_ONE_EDIT_FROM {
        1
    } else {
        0
    }
}

fn typo_variants(word: &QueryWord, dictionary: &dyn Dictionary) -> Vec<Variant> {
    let allowed = allowed_edits(word.typed.chars().count());
    let Some(first) = word.term.chars().next() else {
        return Vec::new();
    };
    if allowed == 0 {
        return Vec::new();
    }
    let target: Vec<char> = word.term.chars().collect();
    let mut found: Vec<(usize, u64, String)> = dictionary
        .with_prefix(first.encode_utf8(&mut [0; 4]))
        .into_iter()
        .filter_map(|(term, df)| {
            let candidate: Vec<char> = term.chars().collect();
            edit_distance(&target, &candidate, allowed)
                .filter(|&d| d > 0)
                .map(|d| (d, df, term))
        })
        .collect();
    found.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| b.1.cmp(&a.1))
            .then_with(|| a.2.cmp(&b.2))
    });
    found.truncate(MAX_TYPO_TERMS);
    found
        .into_iter()
        .map(|(edits, _, term)| Variant {
            term,
            weight: if edits == 1 {
                TYPO_WEIGHT_ONE
            } else {
                TYPO_WEIGHT_TWO
            },
            how: Match::Typo(edits as u8),
        })
        .collect()
}

/// The optimal-string-alignment distance between `a` and `b` (insertions, deletions,
/// substitutions, swaps of neighbours), or `None` if it is more than `limit`.
pub fn edit_distance(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let width = b.len() + 1;
    let mut before: Vec<usize> = vec![0; width];
    let mut previous: Vec<usize> = (0..width).collect();
    let mut current: Vec<usize> = vec![0; width];
    for i in 1..=a.len() {
        current[0] = i;
        let mut row_min = current[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
            row_min = row_min.min(best);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    let distance = previous[b.len()];
    (distance <= limit).then_some(distance)
}

/// How an article matched a query: what rule 4 orders by.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked<D> {
    /// The article (its document number: the site's display order).
    pub doc: D,
    /// Code words found exactly among its error codes.
    pub codes: u32,
    /// Required words it matches.
    pub words: u32,
    /// Its score.
    pub score: f64,
}

/// Rule 4 as an ordering: best first.
pub fn best_first<D: Ord>(a: &Ranked<D>, b: &Ranked<D>) -> Ordering {
    b.codes
        .cmp(&a.codes)
        .then_with(|| b.words.cmp(&a.words))
        .then_with(|| b.score.total_cmp(&a.score))
        .then_with(|| a.doc.cmp(&b.doc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    struct Terms(BTreeMap<String, u64>);

    impl Dictionary for Terms {
        fn doc_freq(&self, term: &str) -> Option<u64> {
            self.0.get(term).copied()
        }
        fn with_prefix(&self, prefix: &str) -> Vec<(String, u64)> {
            self.0
                .range(prefix.to_string()..)
                .take_while(|(t, _)| t.starts_with(prefix))
                .map(|(t, df)| (t.clone(), *df))
                .collect()
        }
    }

    fn dictionary() -> Terms {
        Terms(
            [
                ("backup", 50),
                ("batteri", 20),
                ("full", 10),
                ("fulli", 3),
                ("storag", 30),
                ("store", 5),
                ("format", 2),
                ("9006", 2),
                ("9007", 1),
            ]
            .into_iter()
            .map(|(t, df)| (t.to_string(), df))
            .collect(),
        )
    }

    const ALL: QueryOptions = QueryOptions {
        fuzzy: true,
        prefix: true,
        language: analysis::Language::English,
    };

    fn variants(word: &PlannedWord) -> Vec<(&str, Match)> {
        word.variants
            .iter()
            .map(|v| (v.term.as_str(), v.how))
            .collect()
    }

    #[test]
    fn the_last_word_matches_as_a_prefix_unless_finished() {
        let planned = plan("storage ful", &dictionary(), ALL);
        assert_eq!(variants(&planned[0]), [("storag", Match::Exact)]);
        assert_eq!(
            variants(&planned[1]),
            [("full", Match::Prefix), ("fulli", Match::Prefix)]
        );
        assert_eq!(planned[1].variants[0].weight, 3.0 / 4.0);
        let planned = plan("storage ful ", &dictionary(), ALL);
        assert!(planned[1].variants.is_empty());
        let planned = plan("storage full", &dictionary(), ALL);
        assert_eq!(variants(&planned[1]), [("full", Match::Exact)]);
    }

    #[test]
    fn typos_only_when_nothing_matches_exactly() {
        let planned = plan("batery backup", &dictionary(), ALL);
        assert_eq!(variants(&planned[0]), [("batteri", Match::Typo(1))]);
        let planned = plan("backup stor", &dictionary(), ALL);
        assert_eq!(variants(&planned[0]), [("backup", Match::Exact)]);
        let planned = plan("stor", &dictionary(), ALL);
        assert_eq!(
            variants(&planned[0]),
            [("storag", Match::Prefix), ("store", Match::Prefix)]
        );
        let no_typos = QueryOptions {
            fuzzy: false,
            ..ALL
        };
        assert!(
            plan("batery ", &dictionary(), no_typos)[0]
                .variants
                .is_empty()
        );
    }

    #[test]
    fn codes_get_prefixes_but_no_typos() {
        let planned = plan("error 900", &dictionary(), ALL);
        assert_eq!(
            variants(&planned[1]),
            [("9006", Match::Prefix), ("9007", Match::Prefix)]
        );
        let planned = plan("9008 ", &dictionary(), ALL);
        assert!(planned[0].variants.is_empty());
        assert!(plan("9006", &dictionary(), ALL)[0].is_code());
    }

    #[test]
    fn a_trailing_stop_word_is_an_optional_prefix() {
        let planned = plan("backup for", &dictionary(), ALL);
        assert_eq!(planned.len(), 2);
        assert!(!planned[1].required);
        assert_eq!(variants(&planned[1]), [("format", Match::Prefix)]);
        assert_eq!(plan("backup for ", &dictionary(), ALL).len(), 1);
    }

    #[test]
    fn edit_distance_counts_swaps_as_one() {
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(
            edit_distance(&chars("reciev"), &chars("receiv"), 2),
            Some(1)
        );
        assert_eq!(
            edit_distance(&chars("storag"), &chars("storag"), 1),
            Some(0)
        );
        assert_eq!(edit_distance(&chars("kitten"), &chars("sitting"), 2), None);
        assert_eq!(
            edit_distance(&chars("kitten"), &chars("sitting"), 3),
            Some(3)
        );
    }

    #[test]
    fn codes_then_words_then_score_then_order() {
        let ranked = |doc, codes, words, score| Ranked {
            doc,
            codes,
            words,
            score,
        };
        let mut list = [
            ranked(0, 0, 2, 9.0),
            ranked(1, 1, 1, 1.0),
            ranked(2, 0, 2, 10.0),
            ranked(3, 0, 1, 50.0),
            ranked(4, 0, 2, 9.0),
        ];
        list.sort_by(best_first);
        let order: Vec<i32> = list.iter().map(|r| r.doc).collect();
        assert_eq!(order, [1, 2, 0, 4, 3]);
    }
}
