//! Unit tests of [`super`].

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

fn words(query: &str, options: QueryOptions) -> Vec<PlannedWord> {
    plan(query, &dictionary(), options, &Lexicon::default()).words
}

fn variants(word: &PlannedWord) -> Vec<(&str, Match)> {
    word.variants
        .iter()
        .map(|v| (v.term.as_str(), v.how))
        .collect()
}

#[test]
fn the_last_word_matches_as_a_prefix_unless_finished() {
    let planned = words("storage ful", ALL);
    assert_eq!(variants(&planned[0]), [("storag", Match::Exact)]);
    assert_eq!(
        variants(&planned[1]),
        [("full", Match::Prefix), ("fulli", Match::Prefix)]
    );
    assert_eq!(planned[1].variants[0].weight, 3.0 / 4.0);
    let planned = words("storage ful ", ALL);
    assert!(planned[1].variants.is_empty());
    let planned = words("storage full", ALL);
    assert_eq!(variants(&planned[1]), [("full", Match::Exact)]);
}

#[test]
fn typos_only_when_nothing_matches_exactly() {
    let planned = words("batery backup", ALL);
    assert_eq!(variants(&planned[0]), [("batteri", Match::Typo(1))]);
    let planned = words("backup stor", ALL);
    assert_eq!(variants(&planned[0]), [("backup", Match::Exact)]);
    let planned = words("stor", ALL);
    assert_eq!(
        variants(&planned[0]),
        [("storag", Match::Prefix), ("store", Match::Prefix)]
    );
    let no_typos = QueryOptions {
        fuzzy: false,
        ..ALL
    };
    assert!(words("batery ", no_typos)[0].variants.is_empty());
}

#[test]
fn codes_get_prefixes_but_no_typos() {
    let planned = words("error 900", ALL);
    assert_eq!(
        variants(&planned[1]),
        [("9006", Match::Prefix), ("9007", Match::Prefix)]
    );
    let planned = words("9008 ", ALL);
    assert!(planned[0].variants.is_empty());
    assert!(words("9006", ALL)[0].is_code());
}

#[test]
fn a_trailing_stop_word_is_an_optional_prefix() {
    let planned = words("backup for", ALL);
    assert_eq!(planned.len(), 2);
    assert!(!planned[1].required);
    assert_eq!(variants(&planned[1]), [("format", Match::Prefix)]);
    assert_eq!(words("backup for ", ALL).len(), 1);
}

fn lexicon(book_toml: &str) -> Lexicon {
    let config = crate::config::parse(std::path::Path::new("book.toml"), book_toml)
        .expect("book.toml parses");
    crate::search::lexicon::compile(
        &config.search.synonyms,
        &config.language,
        config.search.language,
    )
}

#[test]
fn synonym_runs_become_slots_with_the_alternatives_the_dictionary_holds() {
    let lexicon = lexicon(
        "[search.synonyms]\ndefaults = false\n[search.synonyms.one-way]\n\
         \"power cycle\" = [\"full\", \"restart\"]\npower = [\"battery\"]\n",
    );
    let planned = plan("power cycle the backup", &dictionary(), ALL, &lexicon);
    let slots: Vec<(Range<usize>, Vec<Vec<String>>)> = planned
        .slots
        .iter()
        .map(|s| (s.words.clone(), s.alternatives.clone()))
        .collect();
    assert_eq!(
        slots,
        [(0..2, vec![vec!["full".to_string()]]), (2..3, Vec::new()),]
    );
    assert!(planned.unmatched.is_empty(), "{:?}", planned.unmatched);
    assert_eq!(planned.required_in(&planned.slots[0]), 2);
    let planned = plan("power backup", &dictionary(), ALL, &lexicon);
    assert_eq!(planned.slots[0].alternatives, [vec!["batteri".to_string()]]);
}

#[test]
fn required_words_that_match_nothing_are_reported_as_typed() {
    let planned = plan("Viber backup full", &dictionary(), ALL, &Lexicon::default());
    assert_eq!(planned.unmatched, ["viber"]);
    let planned = plan("how backup", &dictionary(), ALL, &Lexicon::default());
    assert!(planned.unmatched.is_empty());
    let fillers = lexicon("[book]\nlanguage = \"en\"\n");
    let planned = plan("hi please backup", &dictionary(), ALL, &fillers);
    assert!(planned.unmatched.is_empty(), "{:?}", planned.unmatched);
    assert_eq!(
        planned.words.iter().map(|w| w.required).collect::<Vec<_>>(),
        [false, false, true]
    );
}

#[test]
fn a_code_glued_to_a_word_matches_its_digits_as_a_code() {
    let planned = words("error9006", ALL);
    assert_eq!(variants(&planned[0]), [("9006", Match::Digits)]);
    assert!(planned[0].is_code());
    assert!(words("error9008 ", ALL)[0].variants.is_empty());
    assert_eq!(trailing_digits("e12"), None);
    assert_eq!(trailing_digits("9006x"), None);
    assert_eq!(trailing_digits("code0x8007"), None);
}

#[test]
fn small_numbers_are_optional() {
    let planned = words("stuck 3 days 9006 ", ALL);
    let required: Vec<(&str, bool)> = planned
        .iter()
        .map(|w| (w.word.typed.as_str(), w.required))
        .collect();
    assert_eq!(
        required,
        [
            ("stuck", true),
            ("3", false),
            ("days", true),
            ("9006", true)
        ]
    );
}

#[test]
fn alternatives_stand_in_for_runs_and_for_words_the_site_lacks() {
    let lexicon = lexicon(
        "[search.synonyms]\ndefaults = false\ngroups = [[\"full\", \"stuffed\"]]\n\
         [search.synonyms.one-way]\nbackupp = [\"backup\"]\n\"store format\" = [\"backup\"]\n",
    );
    let stands_in = |query: &str| {
        plan(query, &dictionary(), ALL, &lexicon)
            .slots
            .iter()
            .map(|s| s.stands_in)
            .collect::<Vec<_>>()
    };
    assert_eq!(stands_in("stuffed "), [true]);
    assert_eq!(stands_in("full "), [false]);
    assert_eq!(stands_in("store format "), [true]);
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
