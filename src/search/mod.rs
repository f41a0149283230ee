//! Symptom search: everything between an article's text and a ranked list of answers.
//!
//! ```text
//!                  analysis (terms, per language: tokenize, lower-case, elide, stop words,
//!                     │      stem, fold; also compiled to WebAssembly for search.js, wasm/)
//!                     │
//!  Site ──→ index ──→ tantivy index (search/index/) ──→ searcher ──→ `remedy search`
//!                     │
//!                     └──→ export ──→ browser index (search/*.js) ──→ search.js in the browser
//!                                      ▲                               ▲
//!                     query: the spec both searchers follow ──────────┘
//! ```
//!
//! [`analysis`] is the one definition of a term, [`query`] the one definition of how a query is
//! matched and ranked, [`lexicon`] what a query knows besides the index (synonyms, filler words,
//! built in per language and from `[search.synonyms]`); [`searcher`] implements the spec over
//! tantivy for the command line and `search.js` implements it over the browser index, which
//! [`export`] derives from the tantivy index itself, so both rank alike.

pub mod analysis;
pub mod export;
pub mod impacts;
pub mod index;
pub mod lexicon;
pub mod query;
pub mod searcher;
