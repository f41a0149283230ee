//! The query lexicon: what a query knows besides the index's terms. Synonyms (two-way groups and
//! one-way mappings, from `[search.synonyms]` and the built-in list of the site's language) and
//! filler words, analysed once into terms so that both searchers apply them alike: the CLI reads
//! the compiled [`Lexicon`] from the tantivy index's record, the browser from the manifest. How a
//! query uses it is [`crate::search::query`]'s spec; this module only decides what it holds.
//!
//! # Built-in lists, per language
//! Each language may have a file here, `<code>.toml` (today `en.toml`), shaped like
//! `[search.synonyms]` (`groups`, `[one-way]`) plus `fillers`. A site uses the file of its
//! `[book] language` (`en-GB` uses `en`) unless `[search.synonyms] defaults = false`; its own
//! entries come on top. A language without a file (French, German, ... today) has no built-in
//! list, and neither has a site whose language search has no rules for (`nl`, analysed as
//! English): English synonyms would only add noise to Dutch text.
//!
//! # Compiling
//! Every entry is analysed like a query, in the index's language ([`analysis::query_words`],
//! the very analysis the browser runs as WebAssembly on the reader's words): its terms joined by single
//! spaces are a *phrase*. A group becomes one rule per entry (the entry finds every other one),
//! a one-way mapping one rule. Rules with the same phrase are merged, a phrase never finds
//! itself (`canceled` and `cancelled` stem alike: nothing to add), and everything is sorted, so
//! the same `book.toml` always gives the same lexicon, byte for byte.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::config::SynonymsConfig;
use crate::diagnostic::Diagnostic;
use crate::search::analysis::{self, Language};

/// A language's built-in lists, as written in its file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BuiltIn {
    /// Filler words (lower case, as typed).
    #[serde(default)]
    pub fillers: Vec<String>,
    /// Two-way groups.
    #[serde(default)]
    pub groups: Vec<Vec<String>>,
    /// One-way mappings.
    #[serde(default)]
    pub one_way: BTreeMap<String, Vec<String>>,
}

/// The files of the languages that have a built-in list: (code, text).
const BUILT_IN: &[(&str, &str)] = &[("en", include_str!("en.toml"))];

/// The built-in lists of a language tag (`en`, `en-GB`), if it has any.
pub fn built_in(language: &str) -> Option<&'static BuiltIn> {
    static PARSED: OnceLock<Vec<(&'static str, BuiltIn)>> = OnceLock::new();
    let parsed = PARSED.get_or_init(|| {
        BUILT_IN
            .iter()
            .map(|(code, text)| {
                let list = toml::from_str(text)
                    .unwrap_or_else(|e| panic!("the built-in lexicon `{code}` is malformed: {e}"));
                (*code, list)
            })
            .collect()
    });
    let primary = language.split(['-', '_']).next().unwrap_or("");
    parsed
        .iter()
        .find(|(code, _)| code.eq_ignore_ascii_case(primary))
        .map(|(_, list)| list)
}

/// Synonym rules over analysed phrases.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Synonyms {
    /// Every phrase a rule names: terms joined by single spaces, sorted, each once.
    pub phrases: Vec<String>,
    /// (phrase, the phrases it finds) as indexes into `phrases`, sorted, each phrase once.
    pub rules: Vec<(u32, Vec<u32>)>,
}

impl Synonyms {
    /// The phrases `terms` finds, if a rule starts from exactly those terms.
    pub fn finds(&self, terms: &[&str]) -> Option<Vec<&str>> {
        let joined = terms.join(" ");
        let at = self.phrases.binary_search(&joined).ok()? as u32;
        let rule = self
            .rules
            .binary_search_by_key(&at, |(from, _)| *from)
            .ok()?;
        Some(
            self.rules[rule]
                .1
                .iter()
                .map(|&to| self.phrases[to as usize].as_str())
                .collect(),
        )
    }

    /// The most terms a rule starts from.
    pub fn longest(&self) -> usize {
        self.rules
            .iter()
            .map(|(from, _)| self.phrases[*from as usize].split(' ').count())
            .max()
            .unwrap_or(0)
    }
}

/// Everything a query knows besides the index: synonyms and filler words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lexicon {
    /// Filler words, lower case as typed, sorted.
    pub fillers: Vec<String>,
    /// Synonym rules.
    pub synonyms: Synonyms,
}

impl Lexicon {
    /// Whether `typed` (a query word as typed, lower case) is a filler word.
    pub fn is_filler(&self, typed: &str) -> bool {
        self.fillers
            .binary_search_by(|f| f.as_str().cmp(typed))
            .is_ok()
    }
}

/// The terms of one entry in `language`, joined by spaces, or `None` if it has none.
pub fn phrase(entry: &str, language: Language) -> Option<String> {
    let terms: Vec<String> = analysis::query_words(entry, false, language)
        .into_iter()
        .map(|w| w.term)
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// The lexicon of a site: the built-in list of its language tag `tag` (`[book] language`,
/// unless `config.defaults` is off) and the site's own synonyms, every entry analysed in
/// `language` (the index's). Entries that analyse to nothing are left out; [`problems`]
/// reports them.
pub fn compile(config: &SynonymsConfig, tag: &str, language: Language) -> Lexicon {
    let phrase = |entry: &str| phrase(entry, language);
    let mut rules: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut fillers = BTreeSet::new();
    let mut add_group = |entries: &mut dyn Iterator<Item = &str>| {
        let phrases: Vec<String> = entries.filter_map(phrase).collect();
        for from in &phrases {
            let targets = rules.entry(from.clone()).or_default();
            targets.extend(phrases.iter().filter(|to| *to != from).cloned());
        }
    };
    let built_in = config.defaults.then(|| built_in(tag)).flatten();
    if let Some(list) = built_in {
        fillers.extend(list.fillers.iter().map(|f| f.to_lowercase()));
        for group in &list.groups {
            add_group(&mut group.iter().map(String::as_str));
        }
    }
    for group in &config.groups {
        add_group(&mut group.iter().map(|s| s.value.as_str()));
    }
    let mut add_one_way = |from: &str, targets: &mut dyn Iterator<Item = &str>| {
        let Some(from) = phrase(from) else {
            return;
        };
        let found: Vec<String> = targets
            .filter_map(phrase)
            .filter(|to| *to != from)
            .collect();
        rules.entry(from).or_default().extend(found);
    };
    if let Some(list) = built_in {
        for (from, targets) in &list.one_way {
            add_one_way(from, &mut targets.iter().map(String::as_str));
        }
    }
    for (from, targets) in &config.one_way {
        add_one_way(&from.value, &mut targets.iter().map(|s| s.value.as_str()));
    }
    rules.retain(|_, targets| !targets.is_empty());

    let phrases: Vec<String> = rules
        .iter()
        .flat_map(|(from, targets)| std::iter::once(from).chain(targets))
        .cloned()
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect();
    let index = |p: &String| phrases.binary_search(p).expect("every phrase is listed") as u32;
    let rules = rules
        .iter()
        .map(|(from, targets)| (index(from), targets.iter().map(index).collect()))
        .collect();
    Lexicon {
        fillers: fillers.into_iter().collect(),
        synonyms: Synonyms { phrases, rules },
    }
}

/// The site's synonym entries that no query could ever use: those made only of stop words of
/// `language`.
pub fn problems(config: &SynonymsConfig, language: Language) -> Vec<Diagnostic> {
    let entries = config.groups.iter().flatten().chain(
        config
            .one_way
            .iter()
            .flat_map(|(from, to)| std::iter::once(from).chain(to)),
    );
    entries
        .filter(|entry| phrase(&entry.value, language).is_none())
        .map(|entry| {
            entry
                .diagnostic(format!("`{}` has no word search can use", entry.value))
                .with_help(
                    "searches leave out words such as `the`, `to` and `it`: name the thing itself",
                )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn site(text: &str) -> SynonymsConfig {
        crate::config::parse(Path::new("book.toml"), text)
            .expect("book.toml parses")
            .search
            .synonyms
    }

    fn finds(lexicon: &Lexicon, query: &str) -> Vec<String> {
        let terms = phrase(query, Language::English).unwrap();
        let terms: Vec<&str> = terms.split(' ').collect();
        lexicon
            .synonyms
            .finds(&terms)
            .unwrap_or_default()
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn groups_find_each_other_and_one_way_only_forwards() {
        let config = site(
            "[search.synonyms]\ndefaults = false\ngroups = [[\"Frozen\", \"stuck\", \"hangs\"]]\n\
             [search.synonyms.one-way]\nsurfshark = [\"VPN\"]\n\"power it off and on\" = [\"restart\"]\n",
        );
        let lexicon = compile(&config, "en", Language::English);
        assert_eq!(finds(&lexicon, "hanging"), ["frozen", "stuck"]);
        assert_eq!(finds(&lexicon, "stuck"), ["frozen", "hang"]);
        assert_eq!(finds(&lexicon, "surfshark"), ["vpn"]);
        assert_eq!(finds(&lexicon, "power off"), ["restart"]);
        assert!(finds(&lexicon, "vpn").is_empty());
        assert!(lexicon.fillers.is_empty());
        assert_eq!(lexicon.synonyms.longest(), 2);
    }

    #[test]
    fn the_built_in_list_comes_with_the_language_unless_turned_off() {
        let on = compile(&SynonymsConfig::default(), "en-GB", Language::English);
        assert_eq!(finds(&on, "greyed"), ["gray"]);
        assert!(on.is_filler("please"));
        let off = compile(
            &SynonymsConfig {
                defaults: false,
                ..SynonymsConfig::default()
            },
            "en",
            Language::English,
        );
        assert!(finds(&off, "greyed").is_empty());
        // A language without a list, and one search only analyses as English, get none.
        for (tag, language) in [("fr", Language::French), ("nl", Language::English)] {
            assert_eq!(
                compile(&SynonymsConfig::default(), tag, language),
                Lexicon::default()
            );
        }
    }

    /// A French site's entries are analysed as its queries are: elided articles out, French
    /// stems, accents folded; the English list does not apply.
    #[test]
    fn entries_are_analysed_in_the_index_language() {
        let config = site(
            "[book]\nlanguage = \"fr\"\n[search.synonyms]\ngroups = [[\"l'écran figé\", \"bloqué\"]]\n",
        );
        let lexicon = compile(&config, "fr", Language::French);
        let french = |text: &str| phrase(text, Language::French).unwrap();
        assert_eq!(french("l'écran figé"), french("écrans figés"));
        assert_ne!(
            french("l'écran figé"),
            phrase("l'écran figé", Language::English).unwrap()
        );
        assert_eq!(
            lexicon.synonyms.phrases,
            [french("bloqué"), french("écran figé")]
        );
        let terms = french("écran figé");
        let terms: Vec<&str> = terms.split(' ').collect();
        assert_eq!(
            lexicon.synonyms.finds(&terms),
            Some(vec![french("bloqué").as_str()])
        );
        assert!(lexicon.fillers.is_empty());
    }

    #[test]
    fn site_entries_add_to_the_built_in_ones() {
        let config = site("[search.synonyms.one-way]\ngrey = [\"silver\"]\n");
        let lexicon = compile(&config, "en", Language::English);
        assert_eq!(finds(&lexicon, "grey"), ["gray", "silver"]);
    }

    #[test]
    fn stop_word_entries_are_reported_where_they_are_written() {
        let config = site("[search.synonyms]\ngroups = [[\"the\", \"stuck\"], [\"a\", \"b c\"]]\n");
        let found: Vec<String> = problems(&config, Language::English)
            .iter()
            .map(|d| format!("{} {}", d.location(), d.message))
            .collect();
        assert_eq!(
            found,
            [
                "book.toml:2:12 `the` has no word search can use",
                "book.toml:2:30 `a` has no word search can use",
            ]
        );
    }

    /// The built-in lists parse, every entry has a searchable word, each group is more than
    /// one phrase after stemming, and fillers are lower case and not stop words already.
    #[test]
    fn every_built_in_entry_is_useful() {
        for (code, _) in BUILT_IN {
            let list = built_in(code).expect("a built-in list");
            let language = Language::from_tag(code).expect("a language search has rules for");
            let phrase = |entry: &str| phrase(entry, language);
            for group in &list.groups {
                let phrases: BTreeSet<String> = group
                    .iter()
                    .map(|e| phrase(e).unwrap_or_else(|| panic!("`{e}` has no term")))
                    .collect();
                assert!(phrases.len() > 1, "{group:?} is one phrase after analysis");
            }
            for (from, targets) in &list.one_way {
                let from = phrase(from).unwrap_or_else(|| panic!("`{from}` has no term"));
                for target in targets {
                    let to = phrase(target).unwrap_or_else(|| panic!("`{target}` has no term"));
                    assert_ne!(from, to, "`{target}` is its own synonym");
                }
            }
            for filler in &list.fillers {
                assert_eq!(filler, &filler.to_lowercase());
                assert!(
                    !analysis::is_stop_word(filler, language),
                    "`{filler}` is a stop word"
                );
            }
        }
    }
}
