//! Remedy's search analysis (`src/search/analysis/`, compiled here in place with `#[path]`)
//! as a WebAssembly module for the browser, so that the browser makes exactly the terms the
//! indexes hold, with the same code. One module per language, chosen by a Cargo feature (`en`,
//! `fr`, `de`, `es`, `pt`, `it`), holding only that language's Snowball stemmer.
//!
//! This is a build-only crate outside Remedy's (DESIGN.md's "one crate" is about Remedy; this
//! one only produces the files `wasm/build.sh` commits under `wasm/modules/`, which Remedy
//! embeds). It needs no wasm-bindgen: the interface is a handful of exported functions over
//! the module's linear memory, and `themes/default/static/js/search.js` is its only caller.
//!
//! # Interface
//! - `input(len) -> ptr`: room for `len` bytes of UTF-8 input; the caller writes the text there.
//! - `query_words(len, keep_last) -> out_len`: analyses the input as a query
//!   ([`analysis::query_words`]); one line per word, `R` (required), `O` (optional) or `U`
//!   (unfinished), then `1` for a code or `0`, a tab, what was typed, a tab, the term.
//! - `index_terms(len) -> out_len`: analyses the input as indexed text
//!   ([`analysis::index_terms`]); one line per term: start and end of its compound in UTF-16
//!   code units (JavaScript string offsets), then the term, separated by tabs.
//! - `id() -> out_len`: [`analysis::analysis_id`] of the module's language.
//! - `output() -> ptr`: where the last answer's `out_len` bytes of UTF-8 are.
//!
//! A custom section, `remedy-analysis`, holds [`analysis::SOURCE_HASH`] (8 bytes, little
//! endian) and the language code, so a test can tell an out-of-date module without running it.
//!
//! Terms and typed words never hold tabs or line breaks (they are made of word characters and
//! joiners), so the lines need no escaping. Input that is not UTF-8 is read lossily.
//!
//! # Memory
//! The module allocates from free lists by size class ([`allocator`]) rather than with the
//! standard library's dlmalloc: it makes a few small strings per call, and dlmalloc was an
//! eighth of the module (the manifest carries the module, so its size is part of every first
//! query: 2.7 KB gzip less).

mod allocator;

#[path = "../../src/search/analysis/mod.rs"]
#[allow(unused)]
mod analysis;

use std::cell::RefCell;
use std::fmt::Write;

use analysis::Language;

#[cfg(feature = "en")]
const LANGUAGE: Language = Language::English;
#[cfg(feature = "fr")]
const LANGUAGE: Language = Language::French;
#[cfg(feature = "de")]
const LANGUAGE: Language = Language::German;
#[cfg(feature = "es")]
const LANGUAGE: Language = Language::Spanish;
#[cfg(feature = "pt")]
const LANGUAGE: Language = Language::Portuguese;
#[cfg(feature = "it")]
const LANGUAGE: Language = Language::Italian;

/// The hash of the analysis sources and the language, in a custom section: Remedy's tests read
/// it from the committed modules, without running them, to tell a module that is out of date.
#[unsafe(link_section = "remedy-analysis")]
#[used]
static STAMP: [u8; 10] = stamp();

const fn stamp() -> [u8; 10] {
    let hash = analysis::SOURCE_HASH.to_le_bytes();
    let code = LANGUAGE.code().as_bytes();
    [
        hash[0], hash[1], hash[2], hash[3], hash[4], hash[5], hash[6], hash[7], code[0], code[1],
    ]
}

thread_local! {
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static OUTPUT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Room for `len` bytes of input.
#[unsafe(no_mangle)]
pub extern "C" fn input(len: usize) -> *mut u8 {
    INPUT.with(|input| {
        let mut input = input.borrow_mut();
        input.clear();
        input.resize(len, 0);
        input.as_mut_ptr()
    })
}

/// Where the last answer is.
#[unsafe(no_mangle)]
pub extern "C" fn output() -> *const u8 {
    OUTPUT.with(|output| output.borrow().as_ptr())
}

/// Runs `answer` on the first `len` bytes of input and keeps what it writes as the output.
fn answer(len: usize, answer: impl FnOnce(&str, &mut String)) -> usize {
    let text = INPUT.with(|input| {
        let input = input.borrow();
        String::from_utf8_lossy(&input[..len.min(input.len())]).into_owned()
    });
    OUTPUT.with(|output| {
        let mut output = output.borrow_mut();
        output.clear();
        answer(&text, &mut output);
        output.len()
    })
}

/// The words of a query.
#[unsafe(no_mangle)]
pub extern "C" fn query_words(len: usize, keep_last: u32) -> usize {
    answer(len, |text, out| {
        for word in analysis::query_words(text, keep_last != 0, LANGUAGE) {
            out.push(match word.role {
                analysis::Role::Required => 'R',
                analysis::Role::Optional => 'O',
                analysis::Role::Unfinished => 'U',
            });
            out.push(if word.code { '1' } else { '0' });
            out.push('\t');
            out.push_str(&word.typed);
            out.push('\t');
            out.push_str(&word.term);
            out.push('\n');
        }
    })
}

/// The terms of indexed text, with their compounds' places in UTF-16 code units.
#[unsafe(no_mangle)]
pub extern "C" fn index_terms(len: usize) -> usize {
    answer(len, |text, out| {
        let terms = analysis::index_terms(text, LANGUAGE);
        // Spans are in bytes; JavaScript counts UTF-16 units. Terms come in text order.
        let mut byte = 0;
        let mut unit = 0;
        let mut units = |to: usize| {
            for c in text[byte..to].chars() {
                unit += c.len_utf16();
            }
            byte = to;
            unit
        };
        for term in terms {
            let start = units(term.span.start);
            let end = start + text[term.span.clone()].encode_utf16().count();
            let _ = writeln!(out, "{start}\t{end}\t{}", term.term);
        }
    })
}

/// The id of the analysis.
#[unsafe(no_mangle)]
pub extern "C" fn id() -> usize {
    answer(0, |_, out| out.push_str(&analysis::analysis_id(LANGUAGE)))
}
