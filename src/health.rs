//! Content health: what `remedy check` reports beyond what a build needs. Each finding is a
//! warning (an error under `check --strict`) located at the front-matter line it is about, or
//! at the title line when the problem is the article as a whole:
//!
//! - a cause with no fix, and a fix that addresses nothing (no cause or error lists it, and it
//!   lists none; the troubleshooter's escalation article is exempt: it is the fix for
//!   everything else);
//! - an orphan: no other article relates to it, in either direction (both show as links), lists
//!   it in `related` or links to it with `@/`;
//! - an error page with no cause;
//! - an article not updated for more than `[check] stale-after` days;
//! - two articles with the same title (compared case-insensitively);
//! - a summary longer than a search result's excerpt ([`crate::seo::EXCERPT_CHARS`]);
//! - two symptom phrases written differently that the troubleshooter takes for one (the same
//!   terms once analysed, [`crate::troubleshooter::symptom_key`]: "iCloud storage full" and
//!   "icloud storage is full"), at the later one with the first as a second place; only the
//!   phrases that become the troubleshooter's symptoms count (not a fix's search words);
//! - a symptom phrase whose search does not return its article in the top
//!   [`SYMPTOM_TOP`] (run against the same tantivy index a build makes, built in memory);
//! - a synonym of `book.toml` that finds nothing, because no article uses its target (located
//!   in `book.toml`).
//!
//! Front matter keeps no positions for plain fields, so lines are found again in the file's
//! text by [`field_span`]. This module reads nothing from disk.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Locator};
use crate::error::Result;
use crate::model::kinds;
use crate::model::{Article, Date, Site};
use crate::search::index::OpenIndex;
use crate::search::{lexicon, searcher};
use crate::seo::EXCERPT_CHARS;
use crate::troubleshooter::{causes_of_symptoms, symptom_key};

/// A symptom phrase must find its article among this many results.
pub const SYMPTOM_TOP: usize = 5;

/// Every content-health finding about the site's graph, dates, titles and summaries (all but
/// the search ones), as warnings, in site order.
pub fn check(site: &Site, today: Date) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let linked = linked_from_elsewhere(site);
    let mut titles: HashMap<String, &Article> = HashMap::new();
    for (index, article) in site.articles.iter().enumerate() {
        let article = &**article;
        let relations = &site.relations[index];
        let related_to = |kind: &str| relations.by_kind.get(kind).is_some_and(|l| !l.is_empty());
        let at_field = |field: &str, message: String| {
            let span = field_span(&article.source, field)
                .or_else(|| field_span(&article.source, "title"))
                .unwrap_or(0..3);
            Diagnostic::at(&article.path, &article.source, span, message).warning()
        };
        match article.kind.as_str() {
            kinds::CAUSE if !related_to(kinds::FIX) => found.push(
                at_field("fixes", "this cause has no fix".to_string()).with_help(
                    "list the fixes that solve it, such as `fixes = [\"restart-iphone\"]`",
                ),
            ),
            kinds::FIX
                if !related_to(kinds::CAUSE)
                    && !related_to(kinds::ERROR)
                    && site.escalation != Some(index) =>
            {
                found.push(
                    at_field("causes", "this fix addresses no cause or error".to_string())
                        .with_help("list it in the `fixes` of the causes it solves"),
                );
            }
            kinds::ERROR if !related_to(kinds::CAUSE) => found.push(
                at_field("error_codes", "this error code has no cause".to_string())
                    .with_help("list what makes it appear, such as `causes = [\"outdated-ios\"]`"),
            ),
            _ => {}
        }
        if !linked.contains(&index) {
            found.push(
                at_field("title", "nothing links to this article".to_string()).with_help(
                    "relate it to another article (`fixes`, `causes` or `related`) or link to it \
                     with `@/`, so readers can reach it",
                ),
            );
        }
        if let Some(updated) = article.front.updated {
            let age = today.days_since_epoch() - updated.days_since_epoch();
            let limit = i64::from(site.config.check.stale_after_days);
            if age > limit {
                found.push(
                    at_field(
                        "updated",
                        format!("not updated for {age} days (`[check] stale-after` is {limit})"),
                    )
                    .with_help("check that it is still right, then set `updated` to today"),
                );
            }
        }
        let key = article.front.title.to_lowercase();
        if let Some(first) = titles.get(&key) {
            found.push(
                at_field(
                    "title",
                    format!(
                        "duplicate title: `{}` has the same one",
                        crate::diagnostic::display_path(&first.path)
                    ),
                )
                .with_help("readers tell results apart by their titles: make them differ"),
            );
        } else {
            titles.insert(key, article);
        }
        let length = article.front.summary.chars().count();
        if length > EXCERPT_CHARS {
            found.push(
                at_field(
                    "summary",
                    format!(
                        "the summary is {length} characters, longer than a search excerpt \
                         ({EXCERPT_CHARS})"
                    ),
                )
                .with_help(
                    "search results and link previews cut it off: say it in one shorter sentence",
                ),
            );
        }
    }
    found.extend(near_duplicate_symptoms(site));
    found
}

/// Symptom phrases written differently but with the same terms, which the troubleshooter shows
/// as one symptom: each at its place, with the first such phrase (in site order) as the second
/// place. The same phrase written the same way on several articles is one symptom on purpose.
fn near_duplicate_symptoms(site: &Site) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut first: HashMap<String, (usize, &str)> = HashMap::new();
    // The places of an article's symptoms, found in one pass when first needed (an article
    // with thousands of symptoms must not be scanned once per symptom).
    let mut spans: HashMap<usize, HashMap<&str, Range<usize>>> = HashMap::new();
    let mut place = |index: usize, phrase: &str| {
        let source = &site.articles[index].source;
        spans
            .entry(index)
            .or_insert_with(|| symptom_spans(source))
            .get(phrase)
            .cloned()
            .or_else(|| field_span(source, "symptoms"))
            .unwrap_or(0..3)
    };
    for (index, article) in site.articles.iter().enumerate() {
        if causes_of_symptoms(site, index).is_empty() {
            continue;
        }
        for phrase in &article.front.symptoms {
            let key = symptom_key(phrase, site.config.search.language);
            let Some(&(other, written)) = first.get(&key) else {
                first.insert(key, (index, phrase));
                continue;
            };
            if written == phrase {
                continue;
            }
            let other_article = &site.articles[other];
            found.push(
                Diagnostic::at(
                    &article.path,
                    &article.source,
                    place(index, phrase),
                    format!("symptom `{phrase}` has the same words as `{written}`"),
                )
                .with_secondary(
                    &other_article.path,
                    &other_article.source,
                    place(other, written),
                    format!("`{written}` is written here"),
                )
                .with_help(format!(
                    "the troubleshooter shows both as one symptom, `{written}`: write the phrase \
                     the same way in both places, as readers should see it, or drop one"
                ))
                .warning(),
            );
        }
    }
    found
}

/// The articles some other article or intro points at: by a relation in either direction, by
/// `related`, or by an `@/` link.
fn linked_from_elsewhere(site: &Site) -> HashSet<usize> {
    let mut linked = HashSet::new();
    for (index, relations) in site.relations.iter().enumerate() {
        for list in relations.by_kind.values() {
            linked.extend(list.iter().copied().filter(|&j| j != index));
        }
        linked.extend(relations.related.iter().copied().filter(|&j| j != index));
    }
    let intros = std::iter::once(&site.home).chain(site.sections.values());
    let link_lists = site
        .articles
        .iter()
        .map(|a| (Some(a.slug.as_str()), &a.links))
        .chain(intros.map(|s| (None, &s.links)));
    for (from, links) in link_lists {
        for link in links {
            if Some(link.target.as_str()) != from
                && let Some(&target) = site.by_slug.get(&link.target)
            {
                linked.insert(target);
            }
        }
    }
    linked
}

/// Symptom phrases whose search does not return their article in the top [`SYMPTOM_TOP`] of
/// `index` (the site's search index). Each distinct phrase is searched once.
pub fn unfindable_symptoms(site: &Site, index: &OpenIndex) -> Result<Vec<Diagnostic>> {
    let mut phrases: Vec<&str> = site
        .articles
        .iter()
        .flat_map(|a| a.front.symptoms.iter().map(String::as_str))
        .collect();
    phrases.sort_unstable();
    phrases.dedup();
    let results: Vec<(&str, Vec<String>)> = phrases
        .par_iter()
        .map(|&phrase| {
            let hits = searcher::search(index, phrase, SYMPTOM_TOP)?;
            Ok((phrase, hits.into_iter().map(|h| h.slug).collect()))
        })
        .collect::<Result<_>>()?;
    let top: HashMap<&str, Vec<String>> = results.into_iter().collect();
    let mut found = Vec::new();
    for article in &site.articles {
        let mut seen = HashSet::new();
        let missed: Vec<(&str, &Vec<String>)> = article
            .front
            .symptoms
            .iter()
            .filter_map(|phrase| {
                let slugs = top.get(phrase.as_str())?;
                (!slugs.contains(&article.slug) && seen.insert(phrase))
                    .then_some((phrase.as_str(), slugs))
            })
            .collect();
        if missed.is_empty() {
            continue;
        }
        // Placed in one pass over the file and in order of position, so an article with
        // 20,000 symptoms costs 20,000 steps, not 20,000 scans of its front matter.
        let spans = symptom_spans(&article.source);
        let fallback = field_span(&article.source, "symptoms").unwrap_or(0..3);
        let mut placed: Vec<(Range<usize>, &str, &Vec<String>)> = missed
            .into_iter()
            .map(|(phrase, slugs)| {
                let span = spans.get(phrase).cloned().unwrap_or(fallback.clone());
                (span, phrase, slugs)
            })
            .collect();
        placed.sort_by_key(|(span, _, _)| span.start);
        let mut locator = Locator::new(&article.source);
        for (span, phrase, slugs) in placed {
            let shown = if slugs.is_empty() {
                "nothing".to_string()
            } else {
                slugs
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            found.push(
                locator
                    .at(
                        &article.path,
                        span,
                        format!(
                            "searching `{phrase}` does not find this article in the top \
                             {SYMPTOM_TOP}"
                        ),
                    )
                    .with_help(format!(
                        "the search finds {shown}; use the reader's words in the title, \
                         summary or body, or drop the phrase"
                    ))
                    .warning(),
            );
        }
    }
    Ok(found)
}

/// The site's own synonyms (`[search.synonyms]` in `book.toml`, not the built-in list) that
/// can find nothing: a one-way target that no article uses (all its words in one article), or
/// a group none of whose entries any article uses. Located at the entry in `book.toml`.
pub fn unused_synonyms(site: &Site, index: &OpenIndex) -> Vec<Diagnostic> {
    let synonyms = &site.config.search.synonyms;
    let occurs = |entry: &crate::config::Setting| {
        lexicon::phrase(&entry.value, index.language).is_some_and(|phrase| {
            let terms: Vec<&str> = phrase.split(' ').collect();
            searcher::some_article_holds(index, &terms).unwrap_or(true)
        })
    };
    let mut found = Vec::new();
    for group in &synonyms.groups {
        if !group.iter().any(occurs) {
            let words: Vec<String> = group.iter().map(|e| format!("`{}`", e.value)).collect();
            found.push(
                group[0]
                    .diagnostic(format!(
                        "no article uses any word of the synonym group {}",
                        words.join(", ")
                    ))
                    .with_help("a group helps when at least one of its words is in the articles")
                    .warning(),
            );
        }
    }
    for (from, targets) in &synonyms.one_way {
        for target in targets.iter().filter(|t| !occurs(t)) {
            found.push(
                target
                    .diagnostic(format!(
                        "no article uses `{}`, so `{}` finds nothing through it",
                        target.value, from.value
                    ))
                    .with_help("point the synonym at words the articles use")
                    .warning(),
            );
        }
    }
    found
}

/// The byte range of a top-level key (`title`, `fixes`, ...) in the front matter of `source`.
pub fn field_span(source: &str, key: &str) -> Option<Range<usize>> {
    let split = crate::front_matter::split(std::path::Path::new(""), source).ok()?;
    let mut offset = split.front_matter_offset;
    for line in split.front_matter.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            let start = offset + indent;
            return Some(start..start + key.len());
        }
        offset += line.len();
    }
    None
}

/// The byte range of each symptom phrase, quotes included, within the `symptoms` list, by
/// phrase (its first place when it is listed twice): every `"..."` string from the `symptoms`
/// key to the end of the front matter, found in one pass.
fn symptom_spans(source: &str) -> HashMap<&str, Range<usize>> {
    let mut spans = HashMap::new();
    let Some(from) = field_span(source, "symptoms").map(|span| span.start) else {
        return spans;
    };
    let Ok(split) = crate::front_matter::split(std::path::Path::new(""), source) else {
        return spans;
    };
    let end = split.body_offset.min(source.len()).max(from);
    let bytes = source.as_bytes();
    let mut at = from;
    while at < end {
        if bytes[at] != b'"' {
            at += 1;
            continue;
        }
        let mut close = at + 1;
        while close < end && bytes[close] != b'"' {
            close += if bytes[close] == b'\\' { 2 } else { 1 };
        }
        if close >= end {
            break;
        }
        spans.entry(&source[at + 1..close]).or_insert(at..close + 1);
        at = close + 1;
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_found_at_the_start_of_a_line() {
        let source = "+++\ntitle = \"A\"\nsummary=\"x\"\nfixes = []\n+++\nfixes = [] in the body\n";
        assert_eq!(&source[field_span(source, "fixes").unwrap()], "fixes");
        assert_eq!(field_span(source, "fixes").unwrap().start, 28);
        assert_eq!(&source[field_span(source, "summary").unwrap()], "summary");
        assert_eq!(field_span(source, "causes"), None);
        assert_eq!(field_span(source, "fix"), None);
    }

    #[test]
    fn symptoms_are_found_in_their_list() {
        let source =
            "+++\ntitle = \"backup stops\"\nsymptoms = [\"slow\", \"backup stops\"]\n+++\n";
        let spans = symptom_spans(source);
        let span = spans["backup stops"].clone();
        assert_eq!(&source[span.clone()], "\"backup stops\"");
        assert!(span.start > source.find("symptoms").unwrap());
        assert_eq!(&source[spans["slow"].clone()], "\"slow\"");
        let escaped = "+++\nsymptoms = [\"a \\\"b\\\" c\", \"d\"]\n+++\n";
        assert_eq!(&escaped[symptom_spans(escaped)["d"].clone()], "\"d\"");
    }
}
