//! Property tests of the stages that take arbitrary text: front-matter splitting and parsing,
//! Markdown → HTML, whole article files through the parse stage, the search analysis, the browser export and the query planner. For any
//! input they must not panic, and the invariants below must hold. Inputs are drawn from
//! alphabets rich in the characters each stage treats specially (`+++` lines, `\r`, Markdown
//! punctuation, `@/` links, apostrophes and joiners, non-Latin letters and digits), so the
//! cases reach the interesting paths rather than plain words.
//!
//! Case counts are fixed per property (see [`CASES`] and the `with_cases` calls) so the whole
//! suite stays fast on two cores; failures are saved by proptest under `proptest-regressions/`
//! and replayed first on the next run.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

use proptest::prelude::*;

use crate::front_matter;
use crate::markdown;
use crate::search::analysis::{self, MAX_TERM_CHARS, Role};
use crate::search::query::{self, Dictionary, Match, QueryOptions};

/// Cases per property, unless a property says otherwise.
const CASES: u32 = 512;

/// Pieces of front-matter files: `+++` lines (with `\r` and trailing spaces), TOML, text.
fn front_matter_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("+++".to_string()),
        Just("+++ ".to_string()),
        Just("+++\r".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("title = \"A\"".to_string()),
        Just("weight = 3".to_string()),
        Just("updated = 2026-01-02".to_string()),
        Just("fixes = [\"a\", \"b\"]".to_string()),
        Just("\"".to_string()),
        Just("[".to_string()),
        Just("= ".to_string()),
        Just("\u{feff}".to_string()),
        "[ -~]{0,8}",
        "\\PC{0,4}",
    ]
}

fn front_matter_text() -> impl Strategy<Value = String> {
    prop::collection::vec(front_matter_piece(), 0..24).prop_map(|p| p.concat())
}

/// Pieces of Markdown: block and inline syntax, links of every kind, HTML, headings with ids.
fn markdown_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("# ".to_string()),
        Just("## ".to_string()),
        Just("### Steps".to_string()),
        Just(" {#main}".to_string()),
        Just(" {#x}".to_string()),
        Just("> ".to_string()),
        Just("> [!WARNING]\n".to_string()),
        Just("- ".to_string()),
        Just("1. ".to_string()),
        Just("   ".to_string()),
        Just("*".to_string()),
        Just("_".to_string()),
        Just("`".to_string()),
        Just("```\n".to_string()),
        Just("[".to_string()),
        Just("](".to_string()),
        Just(")".to_string()),
        Just("[a](@/causes/x.md)".to_string()),
        Just("[a](@/causes/x.md#y)".to_string()),
        Just("[a](@/causes/x)".to_string()),
        Just("[a](#steps)".to_string()),
        Just("[^1]".to_string()),
        Just("[^1]: note".to_string()),
        Just("| a | b |\n|---|---|\n| 1 | 2 |".to_string()),
        Just("- [ ] ".to_string()),
        Just("<b>".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("&amp;".to_string()),
        Just("\n=== \"Tab\"\n\n    ".to_string()),
        Just("=== \"\"".to_string()),
        Just("    ".to_string()),
        Just("\t".to_string()),
        Just("{{#snippet x}}".to_string()),
        Just("![a](x.png)".to_string()),
        Just("\r\n".to_string()),
        "[a-zA-Z0-9 ]{1,8}",
        "\\PC{1,3}",
    ]
}

fn markdown_text() -> impl Strategy<Value = String> {
    prop::collection::vec(markdown_piece(), 0..40).prop_map(|p| p.concat())
}

/// Pieces of search text: words, codes, joiners, apostrophes, other scripts and digits.
fn search_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(" ".to_string()),
        Just("-".to_string()),
        Just("_".to_string()),
        Just(".".to_string()),
        Just("'".to_string()),
        Just("\u{2019}".to_string()),
        Just("\u{2bc}".to_string()),
        Just("the".to_string()),
        Just("backup".to_string()),
        Just("backups".to_string()),
        Just("storage".to_string()),
        Just("how".to_string()),
        Just("Wi-Fi".to_string()),
        Just("9006".to_string()),
        Just("0x8007000E".to_string()),
        Just("17.1.2".to_string()),
        Just("İ".to_string()),
        Just("ß".to_string()),
        Just("ΣΊΣΥΦΟΣ".to_string()),
        Just("١٢٣".to_string()),
        Just("日本語".to_string()),
        Just("x\u{301}".to_string()),
        Just("e\u{301}".to_string()),
        Just("n\u{303}".to_string()),
        Just("\u{2011}".to_string()),
        Just("l'".to_string()),
        Just("qu\u{2019}".to_string()),
        Just("dell'".to_string()),
        Just("bloquée".to_string()),
        Just("Échoué".to_string()),
        Just("año".to_string()),
        Just("Größe".to_string()),
        Just("configuração".to_string()),
        Just("perché".to_string()),
        Just("œ".to_string()),
        Just("a".repeat(41)),
        "[a-z]{1,12}",
        "[0-9]{1,5}",
        "\\PC{1,3}",
    ]
}

fn search_text() -> impl Strategy<Value = String> {
    prop::collection::vec(search_piece(), 0..20).prop_map(|p| p.concat())
}

/// Any language search has rules for.
fn language() -> impl Strategy<Value = analysis::Language> {
    prop::sample::select(analysis::Language::ALL.to_vec())
}

/// `text` as a reader without accents on their keyboard types it: lower case, folded.
fn unaccented(text: &str, language: analysis::Language) -> String {
    let lower: String = text.chars().flat_map(char::to_lowercase).collect();
    analysis::fold(&lower, language.rules().kept_letters).into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    /// Splitting never panics, and a split's parts are the file's own slices: the front matter
    /// lies between the first line (`+++`) and the body.
    #[test]
    fn splitting_returns_slices_of_the_file(text in front_matter_text()) {
        let path = Path::new("content/guides/x.md");
        if let Ok(split) = front_matter::split(path, &text) {
            let fm_end = split.front_matter_offset + split.front_matter.len();
            prop_assert!(fm_end <= split.body_offset && split.body_offset <= text.len());
            prop_assert_eq!(&text[split.front_matter_offset..fm_end], split.front_matter);
            prop_assert_eq!(&text[split.body_offset..], split.body);
            let first_line = text.split('\n').next().unwrap_or_default();
            prop_assert_eq!(first_line.trim_end(), "+++");
            // Parsing what was split never panics, and every problem is on a line of the file.
            if let Err(invalid) = front_matter::parse(path, &text, &split) {
                let lines = text.split('\n').count();
                for problem in invalid.problems {
                    prop_assert!(problem.line >= 1 && problem.line <= lines, "{problem}");
                    prop_assert!(problem.col >= 1, "{problem}");
                }
            }
        }
    }

    /// Any front matter without a `+++` line, and any body, come back exactly, with `\n` or
    /// `\r\n` line endings.
    #[test]
    fn splitting_round_trips(
        lines in prop::collection::vec("[ -~]{0,12}", 0..6),
        body in "\\PC{0,40}",
        crlf in any::<bool>(),
    ) {
        let lines: Vec<String> = lines.into_iter().filter(|l| l.trim_end() != "+++").collect();
        let end = if crlf { "\r\n" } else { "\n" };
        let front: String = lines.iter().map(|l| format!("{l}{end}")).collect();
        let text = format!("+++{end}{front}+++{end}{body}");
        let split = front_matter::split(Path::new("x.md"), &text).unwrap();
        prop_assert_eq!(split.front_matter, front.as_str());
        prop_assert_eq!(split.body, body.as_str());
    }

    /// Rendering never panics; heading ids are unique, never one of the theme's own, and each is
    /// in the HTML; every recorded link's span is a slice of the body holding its target.
    #[test]
    fn markdown_headings_and_links(body in markdown_text(), allow_html in any::<bool>()) {
        let (rendered, problems) =
            markdown::render(&body, "guides/x", &markdown::root_of("guides/x"), allow_html, false);
        let mut seen = HashSet::new();
        let theme_ids = crate::theme::page_ids();
        for heading in &rendered.headings {
            prop_assert!(seen.insert(heading.id.clone()), "duplicate id {}", heading.id);
            prop_assert!(!theme_ids.contains(&heading.id), "theme id {}", heading.id);
            prop_assert!(!heading.id.is_empty());
            let attribute = format!(
                "id=\"{}\"",
                heading.id.replace('&', "&amp;").replace('"', "&quot;")
                    .replace('<', "&lt;").replace('>', "&gt;")
            );
            prop_assert!(rendered.html.contains(&attribute), "{attribute} not in {}", rendered.html);
        }
        for link in &rendered.links {
            prop_assert!(link.span.start <= link.span.end && link.span.end <= body.len());
            prop_assert!(body.is_char_boundary(link.span.start));
            prop_assert!(body.is_char_boundary(link.span.end));
            let written = &body[link.span.clone()];
            prop_assert!(
                written.starts_with("@/") || written.starts_with('#') || written.contains("@/"),
                "span {:?} holds {written:?}", link.span
            );
        }
        for problem in &problems {
            prop_assert!(problem.span.start <= problem.span.end && problem.span.end <= body.len());
            prop_assert!(body.is_char_boundary(problem.span.start));
        }
        // Tabs, alerts and tables open as many `div`s as they close.
        prop_assert_eq!(
            rendered.html.matches("<div").count(),
            rendered.html.matches("</div>").count(),
            "{}", rendered.html
        );
        if !allow_html {
            for tag in ["<script", "<img src=x", "<b>"] {
                prop_assert!(!rendered.html.contains(tag), "{tag} in {}", rendered.html);
            }
        }
    }

    /// A whole article file (front matter and Markdown, as an article or as a section intro)
    /// parses without panicking, and every problem points at a line of the file and a column
    /// within that line: body positions are shifted to file positions correctly.
    #[test]
    fn whole_files_parse_with_problems_inside_the_file(
        front in front_matter_text(),
        body in markdown_text(),
        section in any::<bool>(),
    ) {
        let text = format!("+++\n{front}\n+++\n{body}");
        let (path, slug, kind) = if section {
            ("content/causes/_index.md", "causes/_index", Some("cause".to_string()))
        } else {
            ("content/causes/x.md", "causes/x", Some("cause".to_string()))
        };
        let source = crate::pipeline::load::Source {
            path: Path::new(path).to_path_buf(),
            slug: slug.to_string(),
            kind,
            text: text.clone(),
            files: Vec::new(),
            language: None,
        };
        let config = crate::config::Config::default();
        if let Err(broken) = crate::pipeline::parse::parse(&source, &crate::pipeline::parse::Context::new(&config)) {
            let lines: Vec<&str> = text.split('\n').collect();
            for problem in broken.problems {
                prop_assert!(problem.line >= 1 && problem.line <= lines.len(), "{problem}");
                let line_chars = lines[problem.line - 1].trim_end_matches('\r').chars().count();
                prop_assert!(problem.col >= 1 && problem.col <= line_chars + 1, "{problem}");
            }
        }
    }

    /// The analysis never panics; terms are short, lower-case, without spaces, and their spans
    /// are ordered slices of the text.
    #[test]
    fn analysis_terms_are_well_formed(text in search_text(), language in language()) {
        let mut previous_start = 0;
        for term in analysis::index_terms(&text, language) {
            prop_assert!(!term.term.is_empty());
            prop_assert!(term.term.chars().count() <= MAX_TERM_CHARS, "{}", term.term);
            prop_assert!(!term.term.contains(char::is_whitespace), "{:?}", term.term);
            prop_assert_eq!(term.term.to_lowercase(), term.term.clone());
            prop_assert!(term.span.start >= previous_start && term.span.end <= text.len());
            prop_assert!(text.is_char_boundary(term.span.start));
            prop_assert!(text.is_char_boundary(term.span.end));
            previous_start = term.span.start;
        }
    }

    /// Text finds itself: every word that a query of some text requires (or counts, for
    /// question words) is among the terms indexed for that same text.
    #[test]
    fn a_query_finds_the_text_it_was_typed_from(
        text in search_text(),
        keep_last in any::<bool>(),
        language in language(),
    ) {
        let indexed: HashSet<String> =
            analysis::index_terms(&text, language).into_iter().map(|t| t.term).collect();
        let words = analysis::query_words(&text, keep_last, language);
        let mut terms = HashSet::new();
        for word in &words {
            prop_assert!(terms.insert(word.term.clone()), "{} twice", word.term);
            if word.role != Role::Unfinished {
                prop_assert!(indexed.contains(&word.term),
                    "query term {:?} of {text:?} not indexed: {indexed:?}", word.term);
            }
        }
    }

    /// The same, typed without accents: every required word of the unaccented text is among
    /// the terms indexed for the text as written (rule 4 of the analysis).
    #[test]
    fn a_query_without_accents_finds_the_text(text in search_text(), language in language()) {
        let indexed: HashSet<String> =
            analysis::index_terms(&text, language).into_iter().map(|t| t.term).collect();
        let typed = unaccented(&text, language);
        for word in analysis::query_words(&typed, false, language) {
            prop_assert!(indexed.contains(&word.term),
                "query term {:?} of {typed:?} not indexed for {text:?}: {indexed:?}", word.term);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The browser export

/// A reader of the browser index's term shards, written from the format in
/// [`crate::search::export`]'s documentation (not from its code).
mod shard_reader {
    const BASE64: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// One term entry of a shard.
    #[derive(Debug, PartialEq)]
    pub struct Entry {
        pub term: String,
        pub df: u64,
        /// Head postings as (level, doc).
        pub head: Vec<(u64, u64)>,
        /// The head's documents flagged as holding the term in a prominent field.
        pub prominent: Vec<u64>,
        pub code_docs: Vec<u64>,
    }

    struct Cursor {
        units: Vec<u16>,
        at: usize,
    }

    impl Cursor {
        fn number(&mut self) -> u64 {
            let (mut value, mut shift) = (0u64, 0);
            loop {
                let unit = self.units[self.at];
                self.at += 1;
                let digit = BASE64
                    .find(char::from_u32(u32::from(unit)).unwrap())
                    .unwrap() as u64;
                value |= (digit & 31) << shift;
                shift += 5;
                if digit & 32 == 0 {
                    return value;
                }
            }
        }

        fn gaps(&mut self) -> Vec<u64> {
            let count = self.number();
            let mut docs = Vec::new();
            let mut previous: Option<u64> = None;
            for _ in 0..count {
                let gap = self.number();
                let doc = previous.map_or(gap, |p| p + gap + 1);
                docs.push(doc);
                previous = Some(doc);
            }
            docs
        }
    }

    /// Reads the entries of a shard's payload (the JavaScript string, already unescaped).
    pub fn read(payload: &str) -> Vec<Entry> {
        let mut cursor = Cursor {
            units: payload.encode_utf16().collect(),
            at: 0,
        };
        let mut entries = Vec::new();
        let mut previous: Vec<u16> = Vec::new();
        while cursor.at < cursor.units.len() {
            let shared = cursor.number() as usize;
            let suffix_len = cursor.number() as usize;
            let mut term = previous[..shared].to_vec();
            term.extend_from_slice(&cursor.units[cursor.at..cursor.at + suffix_len]);
            cursor.at += suffix_len;
            let df = cursor.number();
            let flags = cursor.number();
            let mut head = Vec::new();
            let mut prominent = Vec::new();
            let mut code_docs = Vec::new();
            if flags & 1 == 0 {
                let count = cursor.number();
                let (mut level, mut doc) = (65_535u64, 0u64);
                for i in 0..count {
                    let decrease = cursor.number();
                    let value = cursor.number();
                    level -= decrease;
                    doc = if decrease == 0 && i > 0 {
                        doc + value / 2 + 1
                    } else {
                        value / 2
                    };
                    head.push((level, doc));
                    if value % 2 == 1 {
                        prominent.push(doc);
                    }
                }
                if flags & 2 != 0 {
                    let _mode = cursor.number();
                    let _level = cursor.number();
                    let _tail = cursor.gaps();
                    let _tail_prominent = cursor.gaps();
                }
                code_docs = cursor.gaps();
            }
            entries.push(Entry {
                term: String::from_utf16(&term).unwrap(),
                df,
                head,
                prominent,
                code_docs,
            });
            previous = term;
        }
        entries
    }
}

/// The data of a browser index file: the value pushed in `(...).push(DATA);`.
fn pushed_data(text: &str) -> serde_json::Value {
    let start = text.rfind(".push(").expect("a data file") + ".push(".len();
    let end = text.rfind(");").expect("a data file");
    serde_json::from_str(&text[start..end]).expect("the data is JSON")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every term the analysis makes from any texts comes back from the browser index's term
    /// shards unchanged, in byte order, with its `df`, its articles and its error-code articles.
    #[test]
    fn analysis_terms_round_trip_through_the_browser_export(
        texts in prop::collection::vec(search_text(), 1..12),
    ) {
        use crate::search::export::{self, SiteInfo};
        use crate::search::impacts::{Impacts, TermImpacts};
        use crate::search::index::{IndexMeta, StoredDoc};

        let mut postings: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
        for (doc, text) in texts.iter().enumerate() {
            for term in analysis::index_terms(text, analysis::Language::English) {
                postings.entry(term.term).or_default().insert(doc as u32);
            }
        }
        let terms: Vec<TermImpacts> = postings
            .iter()
            .map(|(term, docs)| TermImpacts {
                term: term.clone(),
                doc_freq: docs.len() as u64,
                postings: docs.iter().map(|&d| (d, 1.0 + d as f32 + term.len() as f32)).collect(),
                code_docs: if term.chars().any(char::is_numeric) {
                    docs.iter().copied().take(1).collect()
                } else {
                    Vec::new()
                },
                prominent_docs: docs.iter().copied().filter(|d| d % 2 == 0).collect(),
            })
            .collect();
        let impacts = Impacts {
            docs: texts
                .iter()
                .enumerate()
                .map(|(i, text)| StoredDoc {
                    slug: format!("guides/g{i}"),
                    kind: "guide".to_string(),
                    title: text.clone(),
                    url: format!("/guides/g{i}/"),
                    summary: text.clone(),
                })
                .collect(),
            terms: terms.clone(),
        };
        let meta = IndexMeta::new(&crate::config::SearchConfig::default(), "en");
        let site = SiteInfo {
            base_path: "/".to_string(),
            kinds: vec![("guide".into(), "Guides".into(), "guides".into(), "Guide".into())],
            ..SiteInfo::default()
        };
        let files = export::files(&impacts, &meta, &site).unwrap();
        let mut read = Vec::new();
        for file in files.iter().filter(|f| f.path.starts_with("t/")) {
            prop_assert!(file.text.is_ascii(), "{} is not ASCII", file.path);
            let data = pushed_data(&file.text);
            read.extend(shard_reader::read(data[3].as_str().unwrap()));
        }
        prop_assert_eq!(read.len(), terms.len());
        for (entry, term) in read.iter().zip(&terms) {
            prop_assert_eq!(&entry.term, &term.term);
            prop_assert_eq!(entry.df, term.doc_freq);
            let mut docs: Vec<u64> = entry.head.iter().map(|&(_, d)| d).collect();
            docs.sort_unstable();
            let expected: Vec<u64> = term.postings.iter().map(|&(d, _)| u64::from(d)).collect();
            prop_assert_eq!(docs, expected);
            let codes: Vec<u64> = term.code_docs.iter().map(|&d| u64::from(d)).collect();
            prop_assert_eq!(&entry.code_docs, &codes);
            let mut prominent = entry.prominent.clone();
            prominent.sort_unstable();
            let expected: Vec<u64> = term.prominent_docs.iter().map(|&d| u64::from(d)).collect();
            prop_assert_eq!(prominent, expected);
        }
        // Titles and summaries reach the info blocks unchanged.
        let info = files.iter().find(|f| f.path == "d/0.js").unwrap();
        let data = pushed_data(&info.text);
        for (i, text) in texts.iter().enumerate().take(export::INFO_BLOCK) {
            prop_assert_eq!(data[3][i][2].as_str(), Some(text.as_str()));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The query planner

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

/// The optimal-string-alignment distance without a limit, the plain textbook way.
fn reference_distance(a: &[char], b: &[char]) -> usize {
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES / 2))]

    /// Planning any query against any dictionary never panics, and follows the spec: exact
    /// first, prefixes only for the last word and only without an exact match, typos only
    /// without either, each list within its limit, every variant a term of the dictionary.
    #[test]
    fn query_plans_follow_the_spec(
        corpus in prop::collection::vec(search_text(), 0..8),
        query in search_text(),
        trailing_space in any::<bool>(),
        fuzzy in any::<bool>(),
        prefix in any::<bool>(),
    ) {
        let mut dictionary = BTreeMap::new();
        for text in &corpus {
            for term in analysis::index_terms(text, analysis::Language::English) {
                *dictionary.entry(term.term).or_insert(0) += 1;
            }
        }
        let dictionary = Terms(dictionary);
        let query = if trailing_space { format!("{query} ") } else { query };
        let lexicon = crate::search::lexicon::Lexicon::default();
        let planned = query::plan(
            &query,
            &dictionary,
            QueryOptions { fuzzy, prefix, language: analysis::Language::English },
            &lexicon,
        )
        .words;
        let count = planned.len();
        for (i, word) in planned.iter().enumerate() {
            prop_assert_eq!(
                word.required,
                word.word.role == Role::Required && !query::is_small_number(&word.word.typed)
            );
            let exact = word.variants.iter().filter(|v| v.how == Match::Exact).count();
            prop_assert!(exact <= 1);
            if exact == 1 {
                prop_assert_eq!(word.variants[0].how, Match::Exact);
                prop_assert_eq!(&word.variants[0].term, &word.word.term);
            }
            let prefixes = word.variants.iter().filter(|v| v.how == Match::Prefix).count();
            let typos: Vec<_> = word.variants.iter().filter(|v| matches!(v.how, Match::Typo(_))).collect();
            prop_assert!(prefixes <= query::MAX_PREFIX_TERMS);
            prop_assert!(typos.len() <= query::MAX_TYPO_TERMS);
            if prefixes > 0 {
                prop_assert!(prefix && !trailing_space && i + 1 == count, "prefix on {:?}", word.word);
                prop_assert!(word.word.typed.chars().count() >= query::MIN_PREFIX_CHARS);
            }
            if !typos.is_empty() {
                prop_assert!(fuzzy && !word.word.code && exact == 0 && prefixes == 0);
            }
            for variant in &word.variants {
                prop_assert!(dictionary.doc_freq(&variant.term).is_some(), "{} not a term", variant.term);
                prop_assert!(variant.weight > 0.0 && variant.weight <= 1.0, "{variant:?}");
                match variant.how {
                    Match::Prefix => prop_assert!(variant.term.starts_with(&word.word.typed)),
                    Match::Typo(edits) => {
                        let a: Vec<char> = variant.term.chars().collect();
                        let b: Vec<char> = word.word.term.chars().collect();
                        prop_assert_eq!(reference_distance(&a, &b), usize::from(edits));
                        prop_assert!(usize::from(edits) <= query::allowed_edits(word.word.typed.chars().count()));
                        prop_assert_eq!(a.first(), b.first());
                    }
                    Match::Digits => {
                        prop_assert!(word.word.code && word.word.typed.ends_with(&variant.term));
                    }
                    Match::Exact => {}
                }
            }
        }
    }

    /// The bounded edit distance is the textbook distance when within the limit, and `None`
    /// beyond it; it is symmetric.
    #[test]
    fn edit_distance_is_the_bounded_textbook_distance(
        a in "[a-d\u{e9}]{0,10}",
        b in "[a-d\u{e9}]{0,10}",
        limit in 0usize..4,
    ) {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let reference = reference_distance(&a, &b);
        let expected = (reference <= limit).then_some(reference);
        prop_assert_eq!(query::edit_distance(&a, &b, limit), expected);
        prop_assert_eq!(query::edit_distance(&b, &a, limit), expected);
    }

    /// Ranking is a total order: sorting gives a list in which no neighbour is out of order,
    /// and comparing two results both ways gives opposite answers.
    #[test]
    fn ranking_is_a_total_order(
        results in prop::collection::vec((0u32..50, 0u32..3, 0u32..4, -2.0f64..20.0), 0..40),
    ) {
        let mut ranked: Vec<query::Ranked<u32>> = results
            .iter()
            .map(|&(doc, codes, words, score)| query::Ranked { doc, codes, words, score })
            .collect();
        for a in &ranked {
            for b in &ranked {
                prop_assert_eq!(query::best_first(a, b), query::best_first(b, a).reverse());
            }
        }
        ranked.sort_by(query::best_first);
        for pair in ranked.windows(2) {
            prop_assert!(query::best_first(&pair[0], &pair[1]) != std::cmp::Ordering::Greater);
        }
    }
}

// Bounded work and hostile input (issue 15): diagnostics on huge lines, heading ids, script
// links, the dev server's paths, build-dir guards, file names and the page work limit.

mod robustness;
