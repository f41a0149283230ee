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
//! (`how`, `why`, ...), the lexicon's filler words (`please`, `hi`, `anyone`, ...,
//! [`crate::search::lexicon`], compared as typed) and numbers of fewer than
//! [`MIN_REQUIRED_NUMBER_DIGITS`] digits (`3 days`) are optional too. Every other word is
//! *required*.
//!
//! # 2. Variants: the terms a word matches, each with a weight
//! Terms come from the index's term dictionary (all searchable fields together); `df(t)` is the
//! sum over the fields of the number of articles whose field holds `t`.
//! - **Exact**: the word's own term, if the dictionary has it. Weight 1.
//! - **Digits** (a code written as letters then digits, such as `error9006`, with no exact
//!   variant): its digits ([`trailing_digits`], at least [`MIN_REQUIRED_NUMBER_DIGITS`] of
//!   them) if the dictionary holds them. Weight 1, and it counts for rule 4.1 as an exact code.
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
//! # 2a. Synonyms
//! The words are then read left to right against the lexicon's synonym rules, over their
//! terms: at each word the longest run of words whose terms are exactly a rule's phrase (at
//! most [`Synonyms::longest`] words) is taken, and the next run starts after it. Each run, and
//! each word in no run, is a *slot*; a run's slot also holds the rule's phrases as
//! *alternatives*, each a list of exact terms, kept only if the dictionary holds every one of
//! its terms. (`power cycle my phone` → the slot `power cycle` with the alternative `restart`,
//! and the slot `phone`.)
//!
//! An alternative of a run of several words, or of a word the site does not use (no exact
//! variant), *stands in* for the run: an article matching it counts as matching all the run's
//! required words (rule 4.2). An alternative of a single word the site does use only adds to
//! the score (section 3). So `surfshark` and `private internet access` rank the VPN articles as
//! if the reader had typed `vpn`, while `frozen` still puts the articles that say "frozen"
//! before those that only say "stuck".
//!
//! A required word that has no variant and whose slot has no alternative matches nothing: it
//! is *unmatched*. It does not count in rule 4.2 (no article can have it), and it is reported
//! as typed, so a reader learns that no article mentions `viber` instead of seeing ten
//! confident answers to the rest of the query.
//!
//! # 3. Score
//! The *impact* of a term in an article is its BM25 score (tantivy's: k1 = 1.2, b = 0.75, field
//! lengths quantized by tantivy, document count including every article) summed over the
//! searchable fields, each multiplied by its field weight (`[search.weights]`). A word scores,
//! in an article, the largest `weight × impact` among its variants (so `ful` matching both
//! `full` and `fulli` counts once). An alternative matches an article that holds every one of
//! its terms and then scores [`SYNONYM_WEIGHT`] × the sum of their impacts. A slot scores the
//! larger of its words' scores added up and its best matching alternative's; an article's score
//! is the sum of its slots' scores.
//!
//! *Precision.* The CLI computes impacts with tantivy at full precision. The browser index
//! ([`crate::search::export`]) stores them to 16 bits (steps of 0.02%), and for a term held by
//! more than [`HEAD_POSTINGS`](crate::search::export::HEAD_POSTINGS) articles exactly only for
//! the articles it scores highest in: the others that hold it all score the mean of their
//! impacts, which keeps a query of common words small to download. Where no term is that
//! common both rank alike, as the tests check on the bundled knowledge base; on larger sites
//! the browser's order differs only among articles whose difference lies in such a tail. Whether
//! an article holds a term in a prominent field (rule 4.2) is stored exactly for every article,
//! tail or not, so both count words alike everywhere.
//!
//! # 4. Ranking
//! An article matches when any variant of any word is in it. Matches are ordered by:
//! 1. **error codes first**: how many code words are exactly (not by prefix; by their digits
//!    for `error9006`) one of the article's `error_codes`, most first;
//! 2. **AND before OR**: how many required words it matches, most first, so articles with every
//!    word lead and the query falls back to fewer words rather than to nothing. A word counts
//!    [`PROMINENT_WORD`] when the article states it where it says what it is about, in its
//!    title, its symptoms or its error codes (the *prominent* fields), and only
//!    [`OTHER_WORD`] when it is found elsewhere only (summary, headings, body), so a stray word
//!    deep in a long body does not put an article before the one whose title and symptoms hold
//!    the query (a word matches prominently when any of its variants is in a prominent field).
//!    A term that more than [`MAX_PROMINENT_DOCS`] articles hold in a prominent field is too
//!    common there to tell them apart: it counts as prominent in every article holding it
//!    (which also keeps the browser index of a large site small).
//!    A slot whose alternatives stand in for its words counts, when one of them matches, the
//!    larger of its words' own count and all its required words at the alternative's rate
//!    (prominent when every term of that alternative is in a prominent field);
//! 3. score, highest first;
//! 4. the site's display order.
//!
//! # 5. Filters and the answer
//! Filters (`--kind`, `--tag`, `Remedy.query`'s `filters`) keep the ranked articles of one of
//! the given kinds (when any) that carry one of the given tags (when any), tags compared
//! lower-cased; they change no score. The answer is the best `limit` of what is left, how many
//! are left in all (`total`), and the unmatched words of section 2a.

use std::cmp::Ordering;
use std::ops::Range;

use crate::search::analysis::{self, QueryWord, Role};
use crate::search::lexicon::{Lexicon, Synonyms};

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
/// Numbers of fewer digits are optional words (`3 days`, `50 percent`): they rarely tell one
/// problem from another. Error codes still come first by rule 4.1 whatever their length.
pub const MIN_REQUIRED_NUMBER_DIGITS: usize = 3;
/// Weight of a synonym alternative's impacts.
pub const SYNONYM_WEIGHT: f64 = 0.8;
/// What a required word matched in a prominent field (title, symptoms, error codes) counts in
/// rule 4.2.
pub const PROMINENT_WORD: u32 = 5;
/// A term held in a prominent field by more articles than this counts as prominent in every
/// article holding it (rule 4.2).
pub const MAX_PROMINENT_DOCS: usize = 256;
/// What a required word matched only in other fields counts in rule 4.2: three fifths of a
/// prominent one, so two words found only in the body weigh a little more than one in the
/// title, and five of them as much as three.
pub const OTHER_WORD: u32 = 3;

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
    /// The digits of a code written as letters then digits (`error9006` → `9006`).
    Digits,
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
        self.word.code
            && self
                .variants
                .first()
                .is_some_and(|v| matches!(v.how, Match::Exact | Match::Digits))
    }
}

/// A run of words that a synonym rule starts from, or one word in no run (section 2a).
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// Its words, as a range of [`Plan::words`].
    pub words: Range<usize>,
    /// The rule's phrases whose every term the dictionary holds, each its terms.
    pub alternatives: Vec<Vec<String>>,
    /// Whether the alternatives stand in for the run's words: the run is several words, or a
    /// required word of it has no exact variant. Only then does a matching alternative count as
    /// the run's words in rule 4.2.
    pub stands_in: bool,
}

/// A planned query: its words with their variants, its slots, and the words that match nothing.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    /// The words, in query order.
    pub words: Vec<PlannedWord>,
    /// The slots, covering the words in order.
    pub slots: Vec<Slot>,
    /// The unmatched words, as typed, in query order.
    pub unmatched: Vec<String>,
}

impl Plan {
    /// The planned words of a slot.
    pub fn words_of(&self, slot: &Slot) -> &[PlannedWord] {
        &self.words[slot.words.clone()]
    }

    /// How many required words a slot holds.
    pub fn required_in(&self, slot: &Slot) -> u32 {
        self.words_of(slot).iter().filter(|w| w.required).count() as u32
    }
}

/// Plans a query (sections 1, 2 and 2a of the spec).
pub fn plan(
    query: &str,
    dictionary: &dyn Dictionary,
    options: QueryOptions,
    lexicon: &Lexicon,
) -> Plan {
    let words = plan_words(query, dictionary, options, lexicon);
    let slots = slots(&words, dictionary, &lexicon.synonyms);
    let mut unmatched = Vec::new();
    for slot in &slots {
        if !slot.alternatives.is_empty() {
            continue;
        }
        for word in &words[slot.words.clone()] {
            if word.required && word.variants.is_empty() {
                unmatched.push(word.word.typed.clone());
            }
        }
    }
    Plan {
        words,
        slots,
        unmatched,
    }
}

/// Section 2a: the slots of planned words.
fn slots(words: &[PlannedWord], dictionary: &dyn Dictionary, synonyms: &Synonyms) -> Vec<Slot> {
    let longest = synonyms.longest();
    let mut out = Vec::new();
    let mut at = 0;
    while at < words.len() {
        let mut slot = Slot {
            words: at..at + 1,
            alternatives: Vec::new(),
            stands_in: false,
        };
        for length in (1..=longest.min(words.len() - at)).rev() {
            let terms: Vec<&str> = words[at..at + length]
                .iter()
                .map(|w| w.word.term.as_str())
                .collect();
            if let Some(found) = synonyms.finds(&terms) {
                slot.words = at..at + length;
                slot.alternatives = found
                    .into_iter()
                    .map(|phrase| phrase.split(' ').map(str::to_string).collect::<Vec<_>>())
                    .filter(|terms| terms.iter().all(|t| dictionary.doc_freq(t).is_some()))
                    .collect();
                let run = &words[slot.words.clone()];
                slot.stands_in = run.len() > 1
                    || run.iter().any(|w| {
                        w.required && w.variants.first().is_none_or(|v| v.how != Match::Exact)
                    });
                break;
            }
        }
        at = slot.words.end;
        out.push(slot);
    }
    out
}

/// Sections 1 and 2: the words and their variants.
fn plan_words(
    query: &str,
    dictionary: &dyn Dictionary,
    options: QueryOptions,
    lexicon: &Lexicon,
) -> Vec<PlannedWord> {
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
            if variants.is_empty()
                && word.code
                && let Some(digits) = trailing_digits(&word.typed)
                && dictionary.doc_freq(digits).is_some()
            {
                variants.push(Variant {
                    term: digits.to_string(),
                    weight: 1.0,
                    how: Match::Digits,
                });
            }
            if last && (variants.is_empty() || unfinished_stop_word) {
                variants.extend(prefix_variants(&word, dictionary));
            }
            if variants.is_empty() && options.fuzzy && !word.code && !unfinished_stop_word {
                variants.extend(typo_variants(&word, dictionary));
            }
            PlannedWord {
                required: word.role == Role::Required
                    && !lexicon.is_filler(&word.typed)
                    && !is_small_number(&word.typed),
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

/// The digits ending a word made of letters then at least [`MIN_REQUIRED_NUMBER_DIGITS`]
/// digits: `9006` of `error9006`.
pub fn trailing_digits(typed: &str) -> Option<&str> {
    let start = typed.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = typed.split_at(start);
    let shaped = !letters.is_empty()
        && letters.chars().all(char::is_alphabetic)
        && digits.chars().all(|c| c.is_ascii_digit());
    (shaped && digits.len() >= MIN_REQUIRED_NUMBER_DIGITS).then_some(digits)
}

/// Whether a typed word is a number of fewer than [`MIN_REQUIRED_NUMBER_DIGITS`] digits.
pub fn is_small_number(typed: &str) -> bool {
    typed.chars().all(|c| c.is_ascii_digit()) && typed.len() < MIN_REQUIRED_NUMBER_DIGITS
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
    /// Required words it matches, each counted [`PROMINENT_WORD`] or [`OTHER_WORD`] (rule 4.2).
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
mod tests;
