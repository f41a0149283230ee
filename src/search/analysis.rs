//! The one text analysis that both search indexes and both query implementations use: how text
//! becomes terms. It owns tokenizing, lower-casing, stop words and English stemming; nothing
//! else in Remedy decides what a term is. `themes/default/static/js/search.js` implements the
//! same rules in JavaScript (its `analyze` function) and tests hold the two together.
//!
//! # The rules
//! 1. **Word characters** are Unicode letters and numbers (`char::is_alphanumeric`; in
//!    JavaScript `[\p{Alphabetic}\p{N}]`). Everything else separates words, with three
//!    exceptions that glue word characters together when a word character follows:
//!    - an apostrophe (`'`, `’`, `ʼ`) is dropped and the word goes on: `won’t` → `wont`,
//!      `iPhone's` → `iphones`, so straight and curly apostrophes give the same term;
//!    - a hyphen or underscore joins two parts into a *compound*: `Wi-Fi`, `E-1234`;
//!    - a full stop joins two parts when digits stand on both sides of it: `17.1.2`.
//! 2. **Codes.** A compound holding a number is a code and is kept whole, lower-cased and
//!    unstemmed: `9006`, `0x8007000E` → `0x8007000e`, `E-1234` → `e-1234`. The index also gets
//!    each part of a code of several parts (`e`, `1234`), so a reader who types only the number
//!    finds it too.
//! 3. **Words.** A compound without a number is lower-cased and stemmed with the Snowball English
//!    stemmer of [`STEMMER_CRATE`] [`STEMMER_VERSION`] (the one tantivy uses). A compound of
//!    several parts is indexed both joined (`Wi-Fi` → `wifi`) and part by part (`wi`, `fi`), so
//!    `wifi`, `wi-fi` and `wi fi` all find it.
//! 4. **Stop words** ([`STOP_WORDS`]: articles, pronouns, auxiliaries and the like) are left
//!    out of the index and out of queries, except as the parts of a joined compound. Negations
//!    and particles that change a symptom's meaning (`not`, `off`, `up`, `out`) are kept, and
//!    so are question words ([`QUESTION_WORDS`]), which a query treats as optional.
//! 5. Terms longer than [`MAX_TERM_CHARS`] characters are dropped (base64 blobs, hashes).
//!
//! A query is analysed by the same rules, with one difference: a compound gives one *query
//! word*, its whole form (`wi-fi` → `wifi`, `E-1234` → `e-1234`), not its parts.
//!
//! The stemmer decides the stems both sides must agree on, so its version is pinned with `=` in
//! `Cargo.toml`, written into both index manifests, and checked against `Cargo.lock` by a test.

use std::ops::Range;
use std::sync::OnceLock;

/// The crate whose English stemmer makes the stems.
pub const STEMMER_CRATE: &str = "frostem";
/// Its exact version (`Cargo.toml` pins it with `=`; a test checks they agree).
pub const STEMMER_VERSION: &str = "1.20260821.8";
/// Terms longer than this many characters are dropped.
pub const MAX_TERM_CHARS: usize = 40;

/// Words left out of the index and of queries: function words that say nothing about a symptom.
/// Sorted, lower case, apostrophes removed (`dont` is not here on purpose: it is a negation).
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "am", "an", "and", "any", "are", "as", "at", "be", "been", "being", "but", "by",
    "can", "could", "did", "do", "does", "doing", "each", "for", "from", "had", "has", "have",
    "having", "he", "her", "here", "him", "his", "i", "if", "im", "in", "into", "is", "it", "its",
    "ive", "just", "may", "me", "might", "my", "myself", "of", "on", "or", "our", "she", "should",
    "so", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
    "those", "to", "was", "we", "were", "which", "while", "who", "whom", "will", "with", "would",
    "you", "your",
];

/// Question words: indexed like any word, but optional in a query. "why did my backup fail"
/// prefers the article that asks why, without dropping every article that does not.
pub const QUESTION_WORDS: &[&str] = &["how", "what", "when", "where", "why"];

/// Whether `word` (lower case, apostrophes removed) is a stop word.
pub fn is_stop_word(word: &str) -> bool {
    // Most words of a text are checked here: a length test, then a hash set.
    static SET: OnceLock<(usize, rustc_hash::FxHashSet<&'static str>)> = OnceLock::new();
    let (longest, set) = SET.get_or_init(|| {
        let longest = STOP_WORDS.iter().map(|w| w.len()).max().unwrap_or(0);
        (longest, STOP_WORDS.iter().copied().collect())
    });
    word.len() <= *longest && set.contains(word)
}

/// The English stem of a lower-case word.
///
/// Stems are remembered per thread: words follow Zipf's law, so a few thousand distinct words
/// make up almost all of a knowledge base's text, and looking a stem up is several times
/// cheaper than running the stemmer again.
pub fn stem(word: &str) -> String {
    static STEMMER: OnceLock<frostem::Stemmer> = OnceLock::new();
    /// Enough for the vocabulary of a large knowledge base; past it, stems are computed.
    const REMEMBERED: usize = 100_000;
    thread_local! {
        static STEMS: std::cell::RefCell<rustc_hash::FxHashMap<String, String>> =
            std::cell::RefCell::default();
    }
    STEMS.with(|stems| {
        if let Some(found) = stems.borrow().get(word) {
            return found.clone();
        }
        let stemmed = STEMMER
            .get_or_init(|| frostem::Stemmer::new(frostem::Algorithm::English))
            .stem(word)
            .into_owned();
        let mut stems = stems.borrow_mut();
        if stems.len() < REMEMBERED {
            stems.insert(word.to_string(), stemmed.clone());
        }
        stemmed
    })
}

/// A run of text that the rules above treat as one unit: a word, a code or a compound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compound {
    /// The parts, lower-cased, apostrophes removed.
    pub parts: Vec<String>,
    /// The joiner before each part after the first (`-`, `_` or `.`).
    pub joiners: Vec<char>,
    /// Byte range in the analysed text.
    pub span: Range<usize>,
}

impl Compound {
    /// Whether it holds a number, which makes it a code.
    pub fn is_code(&self) -> bool {
        self.parts.iter().any(|p| p.chars().any(char::is_numeric))
    }

    /// The whole compound: a code with its joiners (`e-1234`), words joined (`wifi`).
    pub fn whole(&self) -> String {
        let mut whole = self.parts[0].clone();
        let code = self.is_code();
        for (part, joiner) in self.parts[1..].iter().zip(&self.joiners) {
            if code {
                whole.push(*joiner);
            }
            whole.push_str(part);
        }
        whole
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02bc}')
}

/// Splits text into compounds (rule 1).
pub fn compounds(text: &str) -> Vec<Compound> {
    let char_at = |at: usize| text[at..].chars().next();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(first) = char_at(at) {
        if !first.is_alphanumeric() {
            at += first.len_utf8();
            continue;
        }
        let start = at;
        let mut parts = vec![String::new()];
        let mut joiners = Vec::new();
        let mut c = first;
        loop {
            let part = parts.last_mut().expect("a part");
            if c.is_ascii() {
                part.push(c.to_ascii_lowercase());
            } else {
                part.extend(c.to_lowercase());
            }
            at += c.len_utf8();
            let Some(next) = char_at(at) else {
                break;
            };
            if next.is_alphanumeric() {
                c = next;
                continue;
            }
            let Some(after) = char_at(at + next.len_utf8()) else {
                break;
            };
            if !after.is_alphanumeric() {
                break;
            }
            if is_apostrophe(next) {
                at += next.len_utf8();
            } else if next == '-'
                || next == '_'
                || (next == '.' && c.is_numeric() && after.is_numeric())
            {
                joiners.push(next);
                parts.push(String::new());
                at += next.len_utf8();
            } else {
                break;
            }
            c = after;
        }
        out.push(Compound {
            parts,
            joiners,
            span: start..at,
        });
    }
    out
}

/// The term of one lower-case part: a code kept whole, a word stemmed, or nothing for a stop
/// word or an over-long part.
fn part_term(part: &str, keep_stop_words: bool) -> Option<String> {
    // A part of at most MAX_TERM_CHARS bytes has at most as many characters: skip the count.
    if part.len() > MAX_TERM_CHARS && part.chars().count() > MAX_TERM_CHARS {
        return None;
    }
    if part.chars().any(char::is_numeric) {
        return Some(part.to_string());
    }
    if !keep_stop_words && is_stop_word(part) {
        return None;
    }
    Some(stem(part))
}

/// A term to index, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexTerm {
    /// The term.
    pub term: String,
    /// Byte range of its compound in the text.
    pub span: Range<usize>,
}

/// The terms to index for a text, in order (rules 1 to 5).
pub fn index_terms(text: &str) -> Vec<IndexTerm> {
    let mut out = Vec::new();
    for compound in compounds(text) {
        let mut push = |term: Option<String>| {
            if let Some(term) = term {
                out.push(IndexTerm {
                    term,
                    span: compound.span.clone(),
                });
            }
        };
        if compound.parts.len() == 1 {
            push(part_term(&compound.parts[0], false));
            continue;
        }
        push(part_term(&compound.whole(), true));
        for part in &compound.parts {
            push(part_term(part, false));
        }
    }
    out
}

/// What a query word counts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// An ordinary word: articles with every required word rank first.
    Required,
    /// A question word: it adds to the score but is not required.
    Optional,
    /// A stop word typed last, perhaps the start of a longer word: it only matches as a
    /// prefix, and is not required.
    Unfinished,
}

/// One word of a query, analysed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    /// What the reader typed, lower-cased, apostrophes removed, a compound joined (`wifi`,
    /// `e-1234`). Prefix matching and typo tolerance work from this.
    pub typed: String,
    /// The term it stands for: the stem of a word, or a code.
    pub term: String,
    /// Whether it is a code (holds a number).
    pub code: bool,
    /// What it counts for.
    pub role: Role,
}

/// The words of a query (the rules above; a compound is one word). Stop words are left out,
/// except the last word when `keep_last` is set (it may be the start of a longer word).
/// Repeated terms are kept once, at their last place.
pub fn query_words(text: &str, keep_last: bool) -> Vec<QueryWord> {
    let found = compounds(text);
    let count = found.len();
    let mut words: Vec<QueryWord> = Vec::new();
    for (i, compound) in found.into_iter().enumerate() {
        let typed = compound.whole();
        if typed.chars().count() > MAX_TERM_CHARS {
            continue;
        }
        let code = compound.is_code();
        let single = !code && compound.parts.len() == 1;
        let role = if single && is_stop_word(&typed) {
            if !(keep_last && i + 1 == count) {
                continue;
            }
            Role::Unfinished
        } else if single && QUESTION_WORDS.contains(&typed.as_str()) {
            Role::Optional
        } else {
            Role::Required
        };
        let term = if code { typed.clone() } else { stem(&typed) };
        words.retain(|w| w.term != term);
        words.push(QueryWord {
            typed,
            term,
            code,
            role,
        });
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        index_terms(text).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn stop_words_are_sorted_so_binary_search_works() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, STOP_WORDS);
    }

    #[test]
    fn words_are_lower_cased_and_stemmed_and_stop_words_dropped() {
        assert_eq!(
            terms("The backup stops HALFWAY through"),
            ["backup", "stop", "halfway", "through"]
        );
    }

    #[test]
    fn error_codes_stay_whole() {
        assert_eq!(terms("error 9006."), ["error", "9006"]);
        assert_eq!(terms("0x8007000E"), ["0x8007000e"]);
        assert_eq!(terms("code E-1234"), ["code", "e-1234", "e", "1234"]);
        assert_eq!(terms("iOS 17.1.2."), ["io", "17.1.2", "17", "1", "2"]);
    }

    #[test]
    fn apostrophes_straight_and_curly_are_the_same() {
        assert_eq!(terms("won't"), terms("won’t"));
        assert_eq!(terms("won't"), ["wont"]);
        assert_eq!(terms("iPhone’s backup"), ["iphon", "backup"]);
        assert_eq!(terms("'quoted'"), ["quot"]);
    }

    #[test]
    fn word_compounds_are_indexed_joined_and_by_part() {
        assert_eq!(terms("Wi-Fi"), ["wifi", "wi", "fi"]);
        assert_eq!(terms("back-up"), ["backup", "back", "up"]);
        assert_eq!(terms("end - of"), ["end"]);
    }

    #[test]
    fn query_words_keep_compounds_whole() {
        let words = query_words("Wi-Fi keeps dropping", false);
        let terms: Vec<&str> = words.iter().map(|w| w.term.as_str()).collect();
        assert_eq!(terms, ["wifi", "keep", "drop"]);
        let words = query_words("error E-1234", false);
        assert_eq!(words[1].term, "e-1234");
        assert!(words[1].code);
    }

    #[test]
    fn a_trailing_stop_word_is_kept_only_when_asked() {
        let words = query_words("backup to", false);
        assert_eq!(words.len(), 1);
        let words = query_words("backup to", true);
        assert_eq!(words.len(), 2);
        assert_eq!(words[1].role, Role::Unfinished);
        assert_eq!(words[1].typed, "to");
    }

    #[test]
    fn question_words_are_optional() {
        let words = query_words("why did my backup fail", false);
        let roles: Vec<(&str, Role)> = words.iter().map(|w| (w.term.as_str(), w.role)).collect();
        assert_eq!(
            roles,
            [
                ("whi", Role::Optional),
                ("backup", Role::Required),
                ("fail", Role::Required)
            ]
        );
    }

    #[test]
    fn repeated_words_count_once() {
        let words = query_words("backup backups", false);
        assert_eq!(words.len(), 1);
        assert_eq!(words[0].typed, "backups");
    }

    #[test]
    fn over_long_terms_are_dropped() {
        let long = "a".repeat(41);
        assert!(terms(&long).is_empty());
        assert_eq!(terms(&"b".repeat(40)).len(), 1);
    }

    #[test]
    fn the_pinned_stemmer_version_is_the_one_built() {
        let manifest = include_str!("../../Cargo.toml");
        assert!(
            manifest.contains(&format!("frostem = \"={STEMMER_VERSION}\"")),
            "Cargo.toml must pin frostem = \"={STEMMER_VERSION}\""
        );
        let lock = include_str!("../../Cargo.lock");
        assert!(
            lock.contains(&format!(
                "name = \"frostem\"\nversion = \"{STEMMER_VERSION}\""
            )),
            "Cargo.lock must resolve frostem {STEMMER_VERSION}"
        );
    }
}
