//! Reference output for the JavaScript stemmer port (`themes/default/static/js/stemmer.js`).
//!
//! ```text
//! cargo run --example stem_words < tests/data/words.txt > /tmp/stems.tsv
//! node tests/js/stemmer_parity.js /tmp/stems.tsv
//! ```
//!
//! Default mode: every non-empty input line is one word. It goes through tantivy's own filters,
//! `RawTokenizer` (the whole line is one token) -> `LowerCaser` -> `Stemmer(English)`, and the
//! output is `word\tstem`, where `word` is the string the stemmer actually received (the line
//! lower-cased by tantivy; identical to the input for a lower-case word list). Each result is also
//! checked against calling `frostem` directly, which is what tantivy's `Stemmer` does.
//!
//! `--tokens` mode: every input line is running text. It is split exactly like tantivy's
//! built-in `en_stem` analyzer does (`SimpleTokenizer` -> `RemoveLongFilter::limit(40)` ->
//! `LowerCaser` -> `Stemmer(English)`), and one `token\tstem` line is printed per token, `token`
//! being the lower-cased token handed to the stemmer. The stems are checked against `en_stem`.

use std::io::{self, BufRead, BufWriter, Write};

use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    TokenizerManager,
};

/// All tokens that `analyzer` produces for `text`.
fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    analyzer
        .token_stream(text)
        .process(&mut |t| out.push(t.text.clone()));
    out
}

fn main() -> io::Result<()> {
    let token_mode = match std::env::args().nth(1).as_deref() {
        None => false,
        Some("--tokens") => true,
        Some(other) => {
            eprintln!(
                "usage: stem_words [--tokens] < input > output.tsv  (unknown argument {other:?})"
            );
            std::process::exit(2);
        }
    };

    // The stemmer's input: lower-cased by tantivy, and in token mode split like `en_stem`.
    let mut lower = TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .build();
    let mut split = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .build();
    // One word -> its stem, through tantivy's `Stemmer` filter.
    let mut stem = TextAnalyzer::builder(RawTokenizer::default())
        .filter(Stemmer::new(Language::English))
        .build();
    let mut en_stem = TokenizerManager::default()
        .get("en_stem")
        .expect("en_stem is built in");
    let frostem = frostem::Stemmer::new(frostem::Algorithm::English);

    let stdin = io::stdin();
    let mut out = BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        if line.is_empty() {
            continue;
        }
        let words = if token_mode {
            tokens(&mut split, &line)
        } else {
            tokens(&mut lower, &line)
        };
        let mut stems = Vec::with_capacity(words.len());
        for word in &words {
            let s = tokens(&mut stem, word);
            assert_eq!(s.len(), 1, "RawTokenizer yields exactly one token");
            let s = s.into_iter().next().unwrap();
            assert_eq!(
                s,
                frostem.stem(word),
                "tantivy Stemmer and frostem disagree on {word:?}"
            );
            writeln!(out, "{word}\t{s}")?;
            stems.push(s);
        }
        if token_mode {
            assert_eq!(
                stems,
                tokens(&mut en_stem, &line),
                "en_stem disagrees on {line:?}"
            );
        }
    }
    out.flush()
}
