//! The one text analysis that both search indexes and both query implementations use: how text
//! becomes terms, in each language search supports ([`Language`]: English, French, German,
//! Spanish, Portuguese, Italian). It owns tokenizing, lower-casing, elision, diacritic folding,
//! stop words and stemming; nothing else in Remedy decides what a term is. The browser runs
//! this same code, compiled to WebAssembly (`wasm/` builds one module per language), so there
//! is no second implementation to keep in step.
//!
//! This module is a leaf: it imports nothing of Remedy's (only `frostem` and `rustc-hash`),
//! because `wasm/` compiles it on its own.
//!
//! # The rules
//! 1. **Word characters** are Unicode letters and numbers (`char::is_alphanumeric`) but the
//!    apostrophes below (`ʼ`, U+02BC, counts as a letter in Unicode), and the combining
//!    diacritical marks (U+0300–U+036F) that follow one: decomposed `e` + U+0301 is read as
//!    `é`. Everything else separates words, with three exceptions that glue word
//!    characters together when a word character follows:
//!    - an apostrophe (`'`, `’`, `ʼ`) is dropped and the word goes on: `won’t` → `wont`,
//!      `iPhone's` → `iphones`, so straight and curly apostrophes give the same term; in
//!      French and Italian, an *elided* word before it (compared folded) is dropped as well
//!      (`l'iPhone` → `iphone`, `qu'il` → `il`, `dell'app` → `app`; [`Rules::elisions`]);
//!    - a hyphen (`-`, U+2010, U+2011) or underscore joins two parts into a *compound*:
//!      `Wi-Fi`, `E-1234`;
//!    - a full stop joins two parts when digits stand on both sides of it: `17.1.2`.
//! 2. **Codes.** A compound holding a number is a code and is kept whole, lower-cased, folded
//!    (rule 4) and unstemmed: `9006`, `0x8007000E` → `0x8007000e`, `E-1234` → `e-1234`. The
//!    index also gets each part of a code of several parts (`e`, `1234`), so a reader who types
//!    only the number finds it too.
//! 3. **Words.** A compound without a number is lower-cased and stemmed with the language's
//!    Snowball stemmer from [`STEMMER_CRATE`] [`STEMMER_VERSION`] (the crate tantivy uses),
//!    and the stem is folded (rule 4). A compound of several parts is indexed both joined
//!    (`Wi-Fi` → `wifi`) and part by part (`wi`, `fi`), so `wifi`, `wi-fi` and `wi fi` all find
//!    it.
//! 4. **Diacritics.** Readers often type without accents (`bloquee` for `bloquée`), so terms
//!    are *folded*: `é` → `e`, `ç` → `c`, `ß` → `ss` (except the letters a language keeps,
//!    [`Rules::kept_letters`]: Spanish `ñ`). Folding comes *after* stemming, because the
//!    stemmers read the accents (French `bloquée` and `bloquer` share the stem `bloqu` only
//!    with them; unaccented, `bloquee` stems to `bloque`). So that an unaccented query meets
//!    its word all the same, a word with diacritics is indexed under two terms when they
//!    differ: the folded stem of the word (`bloqu`) and the folded stem of the word written
//!    without its diacritics (`bloque`). A query word has one term, the folded stem of what
//!    was typed: `bloquée`, `bloquer` and `bloqués` give `bloqu` and meet every form, and
//!    `bloquee` gives `bloque` and meets `bloquée` (and anything else spelled `bloquee` once
//!    folded). German folds too: its stemmer drops umlauts itself, so folding costs it
//!    nothing and lets a typed prefix (`schlü`) meet the terms (`schlussel`).
//! 5. **Stop words** ([`Rules::stop_words`]: articles, pronouns, auxiliaries and the like)
//!    are left out of the index and out of queries, except as the parts of a joined compound.
//!    Negations and particles that change a symptom's meaning (`not`, `off`, `up`, `out`;
//!    `pas`, `nicht`, `aus`, `no`, `não`, `non`) are kept, and so are question words
//!    ([`Rules::question_words`]), which a query treats as optional. Both lists are compared
//!    with the folded word.
//! 6. Terms longer than [`MAX_TERM_CHARS`] characters are dropped (base64 blobs, hashes).
//!
//! A query is analysed by the same rules, with one difference: a compound gives one *query
//! word*, its whole form (`wi-fi` → `wifi`, `E-1234` → `e-1234`), not its parts.
//!
//! # Keeping both sides in step
//! The stemmer decides the stems both sides must agree on, so its version is pinned with `=` in
//! `Cargo.toml` (and in `wasm/Cargo.lock`) and checked against `Cargo.lock` by a test. Any
//! change to these files changes [`SOURCE_HASH`], which both index manifests record
//! ([`analysis_id`]): an index made by another analysis is refused, the browser refuses a
//! module built from other sources, and a test fails until `wasm/build.sh` rebuilds the
//! modules.

mod fold;
mod language;

use std::ops::Range;

pub use fold::fold;
pub use language::{Language, Rules};

/// The crate whose Snowball stemmers make the stems.
pub const STEMMER_CRATE: &str = "frostem";
/// Its exact version (`Cargo.toml` pins it with `=`; a test checks they agree).
pub const STEMMER_VERSION: &str = "1.20260821.8";
/// Terms longer than this many characters are dropped.
pub const MAX_TERM_CHARS: usize = 40;

/// A hash (64-bit FNV-1a, carriage returns skipped so a Windows checkout hashes alike) of the
/// source files of this analysis: any change to the rules, the lists or the code changes it.
pub const SOURCE_HASH: u64 = fnv(&[
    include_bytes!("mod.rs"),
    include_bytes!("language.rs"),
    include_bytes!("fold.rs"),
]);

const fn fnv(files: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut file = 0;
    while file < files.len() {
        let bytes = files[file];
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] != b'\r' {
                hash ^= bytes[i] as u64;
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
            i += 1;
        }
        file += 1;
    }
    hash
}

/// What an index records about the analysis that made it, and what the browser's module
/// reports about itself: `fr frostem 1.20260821.8 french 0123456789abcdef`. Two analyses with
/// the same id make the same terms.
pub fn analysis_id(language: Language) -> String {
    format!(
        "{} {STEMMER_CRATE} {STEMMER_VERSION} {} {SOURCE_HASH:016x}",
        language.code(),
        language.snowball()
    )
}

/// Whether `word` (lower case, apostrophes removed, folded) is a stop word of `language`.
///
/// Most words of a text are checked here, so natively a length test and a hash set answer; the
/// WebAssembly module, which checks a query's few words, searches the sorted list instead and
/// leaves the hash table's code out (a test keeps the lists sorted, so both answer alike).
pub fn is_stop_word(word: &str, language: Language) -> bool {
    #[cfg(not(target_family = "wasm"))]
    {
        type Set = (usize, rustc_hash::FxHashSet<&'static str>);
        static SETS: std::sync::OnceLock<Vec<Set>> = std::sync::OnceLock::new();
        let sets = SETS.get_or_init(|| {
            Language::ALL
                .iter()
                .map(|language| {
                    let words = language.rules().stop_words;
                    let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
                    (longest, words.iter().copied().collect())
                })
                .collect()
        });
        let (longest, set) = &sets[language.index()];
        word.len() <= *longest && set.contains(word)
    }
    #[cfg(target_family = "wasm")]
    {
        language.rules().stop_words.binary_search(&word).is_ok()
    }
}

/// Whether `word` (lower case, apostrophes removed, folded) is a question word of `language`.
pub fn is_question_word(word: &str, language: Language) -> bool {
    language.rules().question_words.contains(&word)
}

/// The term of a lower-case word that is not a code: its stem in `language`, folded (rules 3
/// and 4).
///
/// Terms are remembered per thread and language: words follow Zipf's law, so a few thousand
/// distinct words make up almost all of a knowledge base's text, and looking a term up is
/// several times cheaper than running the stemmer again.
///
/// The WebAssembly module analyses a query at a time and remembers nothing: the table would
/// cost it more bytes than time.
pub fn word_term(word: &str, language: Language) -> String {
    with_word_term(word, language, str::to_string)
}

/// [`word_term`], handed to `f` without a copy of its own.
fn with_word_term<R>(word: &str, language: Language, f: impl FnOnce(&str) -> R) -> R {
    #[cfg(not(target_family = "wasm"))]
    {
        thread_local! {
            static TERMS: Remembered = per_language();
        }
        remembered(
            &TERMS,
            word,
            language,
            || Some(stem_and_fold(word, language)),
            // A word always has a term: the table holds one for it.
            |term| f(term.unwrap_or_default()),
        )
    }
    #[cfg(target_family = "wasm")]
    f(&stem_and_fold(word, language))
}

/// A word, part or term of at most [`Short::MAX`] bytes (most are), kept in the table's slot
/// itself with its length in the last byte: a lookup compares three machine words where the
/// slot is, without following a pointer to the key and another to the value (at 100,000
/// articles the tables outgrow the caches, and each pointer followed was a cache miss).
#[cfg(not(target_family = "wasm"))]
#[derive(Clone, Copy, PartialEq, Eq)]
struct Short([u8; 24]);

#[cfg(not(target_family = "wasm"))]
impl Short {
    /// The longest text kept.
    const MAX: usize = 23;
    /// No text: a part that makes no term (a stop word).
    const NONE: Short = Short([u8::MAX; 24]);

    /// `text`, if it is short enough.
    fn new(text: &str) -> Option<Short> {
        let len = text.len();
        if len > Short::MAX {
            return None;
        }
        let mut bytes = [0; 24];
        bytes[..len].copy_from_slice(text.as_bytes());
        bytes[Short::MAX] = len as u8;
        Some(Short(bytes))
    }

    /// The text, or `None` for [`Short::NONE`].
    fn get(&self) -> Option<&str> {
        let len = usize::from(self.0[Short::MAX]);
        // Whole strings were copied in, so the bytes are UTF-8.
        self.0
            .get(..len)
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
    }

    /// A hash of the text (FxHash's multiply-and-rotate over the three words).
    fn hash(&self) -> u64 {
        const K: u64 = 0xf135_7aea_2e62_a9c5;
        let mut hash = 0u64;
        for word in self.0.chunks_exact(8) {
            let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
            hash = (hash ^ word).wrapping_mul(K);
        }
        hash.rotate_left(26)
    }
}

/// What a thread remembers of each language's analysis: the term a word or part makes (or
/// [`Short::NONE`]), by the word or part.
#[cfg(not(target_family = "wasm"))]
type Remembered = std::cell::RefCell<Vec<hashbrown::HashTable<(Short, Short)>>>;

/// An empty table for each language.
#[cfg(not(target_family = "wasm"))]
fn per_language() -> Remembered {
    std::cell::RefCell::new(Language::ALL.iter().map(|_| Default::default()).collect())
}

/// The term remembered for `key` in `language` in this thread's `table` (or none), handed to
/// `f`; made by `make` (and remembered, up to [`REMEMBERED`] keys) the first time. `make` may
/// look up another table. A key or a term longer than [`Short::MAX`] bytes is not remembered:
/// it is made each time.
#[cfg(not(target_family = "wasm"))]
fn remembered<R>(
    table: &'static std::thread::LocalKey<Remembered>,
    key: &str,
    language: Language,
    make: impl FnOnce() -> Option<String>,
    f: impl FnOnce(Option<&str>) -> R,
) -> R {
    let Some(short) = Short::new(key) else {
        return f(make().as_deref());
    };
    let hash = short.hash();
    table.with(|table| {
        if let Some((_, term)) = table.borrow()[language.index()].find(hash, |(k, _)| *k == short) {
            return f(term.get());
        }
        let term = make();
        let result = f(term.as_deref());
        let kept = match &term {
            None => Some(Short::NONE),
            Some(term) => Short::new(term),
        };
        let mut table = table.borrow_mut();
        let table = &mut table[language.index()];
        if let Some(kept) = kept
            && table.len() < REMEMBERED
        {
            table.insert_unique(hash, (short, kept), |(k, _)| k.hash());
        }
        result
    })
}

/// How many words (or parts) each table of [`remembered`] keeps: enough for the vocabulary of a
/// large knowledge base; past it, terms are made each time.
#[cfg(not(target_family = "wasm"))]
const REMEMBERED: usize = 100_000;

/// [`word_term`], computed.
fn stem_and_fold(word: &str, language: Language) -> String {
    match frostem::Algorithm::from_name(language.snowball()) {
        Ok(algorithm) => {
            let stem = frostem::Stemmer::new(algorithm).stem(word);
            fold(&stem, language.rules().kept_letters).into_owned()
        }
        // Only a WebAssembly module built for another language lacks the stemmer.
        Err(_) => fold(word, language.rules().kept_letters).into_owned(),
    }
}

/// A run of text that the rules above treat as one unit: a word, a code or a compound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compound {
    /// The parts, lower-cased, apostrophes and elided words removed, not folded.
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

    /// The whole compound: a code with its joiners (`e-1234`), words joined (`wifi`). Not
    /// folded.
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

/// A letter or number that is not an apostrophe (rule 1).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_apostrophe(c)
}

/// The joiner a character stands for between two parts of a compound, if it is one.
fn joiner(c: char, before: char, after: char) -> Option<char> {
    match c {
        '-' | '\u{2010}' | '\u{2011}' => Some('-'),
        '_' => Some('_'),
        '.' if before.is_numeric() && after.is_numeric() => Some('.'),
        _ => None,
    }
}

/// Splits text into compounds (rule 1).
pub fn compounds(text: &str, language: Language) -> Vec<Compound> {
    let mut out = Vec::new();
    for_each_compound(text, language, |compound| out.push(compound.clone()));
    out
}

/// Hands each compound of `text` (rule 1) to `each`, in order. The compound handed over is
/// reused for the next one, so splitting a long text allocates almost nothing.
fn for_each_compound(text: &str, language: Language, mut each: impl FnMut(&Compound)) {
    let elisions = language.rules().elisions;
    let kept = language.rules().kept_letters;
    // An ASCII byte is its character: most of a text, read without slicing and decoding.
    let bytes = text.as_bytes();
    let char_at = |at: usize| match bytes.get(at) {
        Some(&byte) if byte.is_ascii() => Some(char::from(byte)),
        Some(_) => text[at..].chars().next(),
        None => None,
    };
    let mut compound = Compound {
        parts: vec![String::new()],
        joiners: Vec::new(),
        span: 0..0,
    };
    let mut at = 0;
    while let Some(first) = char_at(at) {
        if !is_word_char(first) {
            at += first.len_utf8();
            continue;
        }
        let mut start = at;
        compound.parts.truncate(1);
        compound.parts[0].clear();
        compound.joiners.clear();
        let mut c = first;
        loop {
            let part = compound.parts.last_mut().expect("a part");
            if fold::is_combining_mark(c) {
                // Composed with the letter before it where a precomposed letter exists;
                // otherwise folding would drop it anyway.
                if let Some(composed) = part.chars().next_back().and_then(|b| fold::compose(b, c)) {
                    part.pop();
                    part.push(composed);
                }
            } else if c.is_ascii() {
                part.push(c.to_ascii_lowercase());
            } else {
                part.extend(c.to_lowercase());
            }
            at += c.len_utf8();
            let Some(next) = char_at(at) else {
                break;
            };
            if is_word_char(next) || fold::is_combining_mark(next) {
                c = next;
                continue;
            }
            let Some(after) = char_at(at + next.len_utf8()) else {
                break;
            };
            if !is_word_char(after) {
                break;
            }
            if is_apostrophe(next) {
                if !elisions.is_empty() && elisions.contains(&fold(part, kept).as_ref()) {
                    part.clear();
                    if compound.joiners.is_empty() {
                        start = at + next.len_utf8();
                    }
                }
                at += next.len_utf8();
            } else if let Some(joiner) = joiner(next, c, after) {
                compound.joiners.push(joiner);
                compound.parts.push(String::new());
                at += next.len_utf8();
            } else {
                break;
            }
            c = after;
        }
        compound.span = start..at;
        each(&compound);
    }
}

/// The terms of one lower-case part (rules 2 to 6): a code kept whole, a word's terms, or
/// nothing for a stop word or an over-long part.
fn part_terms(part: &str, keep_stop_words: bool, language: Language, push: &mut dyn FnMut(&str)) {
    #[cfg(not(target_family = "wasm"))]
    if !keep_stop_words && part.is_ascii() {
        with_ascii_part_term(part, language, |term| {
            if let Some(term) = term {
                push(term);
            }
        });
        return;
    }
    computed_part_terms(part, keep_stop_words, language, push);
}

/// The term of an ASCII part of an indexed text (stop words dropped), or none, handed to `f`:
/// most parts of a text, each made at most one term by [`computed_part_terms`]. What each part
/// makes is remembered per thread and language, so a part seen before costs one lookup rather
/// than the stop-word, code and term lookups one after the other (the analysis showed in the
/// profile of a 100,000-article build).
#[cfg(not(target_family = "wasm"))]
fn with_ascii_part_term<R>(part: &str, language: Language, f: impl FnOnce(Option<&str>) -> R) -> R {
    thread_local! {
        static PARTS: Remembered = per_language();
    }
    let make = || {
        let mut term: Option<String> = None;
        computed_part_terms(part, false, language, &mut |made| term = Some(made.into()));
        term
    };
    // A part with a digit is its own term (a number, a version, a code): making it costs less
    // than looking it up, and most are seen once. Remembered, they filled the tables of a
    // 100,000-article build with tens of thousands of numbers, and every lookup then missed
    // the caches.
    if part.bytes().any(|b| b.is_ascii_digit()) {
        return f(make().as_deref());
    }
    remembered(&PARTS, part, language, make, f)
}

/// [`part_terms`], computed.
fn computed_part_terms(
    part: &str,
    keep_stop_words: bool,
    language: Language,
    push: &mut dyn FnMut(&str),
) {
    let folded = fold(part, language.rules().kept_letters);
    // A part of at most MAX_TERM_CHARS bytes has at most as many characters: skip the count.
    if folded.len() > MAX_TERM_CHARS && folded.chars().count() > MAX_TERM_CHARS {
        return;
    }
    if part.chars().any(char::is_numeric) {
        push(&folded);
        return;
    }
    if !keep_stop_words && is_stop_word(&folded, language) {
        return;
    }
    // Only a part with diacritics (or other non-ASCII letters) folds to something else.
    if matches!(folded, std::borrow::Cow::Owned(_)) && folded != part {
        let term = word_term(part, language);
        let unaccented = word_term(&folded, language);
        push(&term);
        if unaccented != term {
            push(&unaccented);
        }
        return;
    }
    with_word_term(part, language, |term| push(term));
}

/// The terms of one compound (rules 2 to 6): a single part's, or a compound's whole form
/// followed by its parts'.
fn compound_terms(compound: &Compound, language: Language, push: &mut dyn FnMut(&str)) {
    if compound.parts.len() == 1 {
        part_terms(&compound.parts[0], false, language, push);
        return;
    }
    part_terms(&compound.whole(), true, language, push);
    for part in &compound.parts {
        part_terms(part, false, language, push);
    }
}

/// A term to index, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexTerm {
    /// The term.
    pub term: String,
    /// Byte range of its compound in the text.
    pub span: Range<usize>,
}

/// The terms to index for a text, in order (rules 1 to 6).
pub fn index_terms(text: &str, language: Language) -> Vec<IndexTerm> {
    let mut out = Vec::new();
    for_each_compound(text, language, |compound| {
        compound_terms(compound, language, &mut |term| {
            out.push(IndexTerm {
                term: term.to_string(),
                span: compound.span.clone(),
            });
        });
    });
    out
}

/// The terms of [`index_terms`] without their places, appended to `out` separated by single
/// spaces (terms never hold whitespace): how the index writer takes them, with no allocation
/// per term.
pub fn push_index_terms(text: &str, language: Language, out: &mut String) {
    for_each_compound(text, language, |compound| {
        compound_terms(compound, language, &mut |term| {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(term);
        });
    });
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
    /// What the reader typed, lower-cased, apostrophes and elided words removed, folded, a
    /// compound joined (`wifi`, `e-1234`). Prefix matching and typo tolerance work from this.
    pub typed: String,
    /// The term it stands for: the folded stem of a word, or a code.
    pub term: String,
    /// Whether it is a code (holds a number).
    pub code: bool,
    /// What it counts for.
    pub role: Role,
}

/// The words of a query (the rules above; a compound is one word). Stop words are left out,
/// except the last word when `keep_last` is set (it may be the start of a longer word).
/// Repeated terms are kept once, at their last place.
pub fn query_words(text: &str, keep_last: bool, language: Language) -> Vec<QueryWord> {
    let found = compounds(text, language);
    let count = found.len();
    let mut words: Vec<QueryWord> = Vec::new();
    for (i, compound) in found.into_iter().enumerate() {
        let whole = compound.whole();
        let typed = fold(&whole, language.rules().kept_letters).into_owned();
        if typed.chars().count() > MAX_TERM_CHARS {
            continue;
        }
        let code = compound.is_code();
        let single = !code && compound.parts.len() == 1;
        let role = if single && is_stop_word(&typed, language) {
            if !(keep_last && i + 1 == count) {
                continue;
            }
            Role::Unfinished
        } else if single && is_question_word(&typed, language) {
            Role::Optional
        } else {
            Role::Required
        };
        let term = if code {
            typed.clone()
        } else {
            word_term(&whole, language)
        };
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
mod tests;
