//! The query spec ([`crate::search::query`]) run against the tantivy index: what `remedy search`
//! and the dev server answer with. Each word becomes a tantivy query: a
//! `DisjunctionMaxQuery` over its variants, each variant a `BoostQuery` (its weight) around a
//! `BooleanQuery` that sums the term's BM25 score over the searchable fields, each a
//! `BoostQuery` (the field weight) around a `TermQuery`. So typo and prefix matches are scored
//! by BM25 like exact ones, only down-weighted. Each term of a synonym alternative is such a
//! `BooleanQuery` on its own. Tantivy scores every word's and term's matches; this module
//! combines them by slot, adds the slots up and ranks them by rule 4 of the spec. Filters are
//! term queries on the kind and tag fields, applied to the ranked list.

use std::collections::HashMap;

use rustc_hash::FxHashSet;

use tantivy::query::{
    BooleanQuery, BoostQuery, DisjunctionMaxQuery, EnableScoring, Occur, Query, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Searcher, TERMINATED, TantivyDocument, Term};

use crate::error::{Error, Result};
use crate::search::index::{OpenIndex, SearchField, StoredDoc, tag_term};
use crate::search::query::{self, Dictionary, Plan, PlannedWord, QueryOptions, Ranked};

/// One search result.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hit {
    /// `causes/icloud-storage-full`.
    pub slug: String,
    /// `cause`.
    pub kind: String,
    /// The title.
    pub title: String,
    /// `/causes/icloud-storage-full/`.
    pub url: String,
    /// The score (rule 3 of the spec).
    pub score: f32,
    /// The summary.
    #[serde(skip)]
    pub summary: String,
}

/// The term dictionaries of all searchable fields of an index, as one [`Dictionary`].
pub struct TantivyDictionary<'a> {
    searcher: &'a Searcher,
    index: &'a OpenIndex,
}

impl<'a> TantivyDictionary<'a> {
    /// The dictionary of `index`, read through `searcher`.
    pub fn new(index: &'a OpenIndex, searcher: &'a Searcher) -> Self {
        TantivyDictionary { searcher, index }
    }

    fn fields(&self) -> impl Iterator<Item = tantivy::schema::Field> + '_ {
        SearchField::ALL.iter().map(|&f| self.index.fields.get(f))
    }
}

impl Dictionary for TantivyDictionary<'_> {
    fn doc_freq(&self, term: &str) -> Option<u64> {
        let mut total = 0;
        for field in self.fields() {
            total += self
                .searcher
                .doc_freq(&Term::from_field_text(field, term))
                .unwrap_or(0);
        }
        (total > 0).then_some(total)
    }

    fn with_prefix(&self, prefix: &str) -> Vec<(String, u64)> {
        let mut found: HashMap<String, u64> = HashMap::new();
        for field in self.fields() {
            for segment in self.searcher.segment_readers() {
                let Ok(inverted) = segment.inverted_index(field) else {
                    continue;
                };
                let Ok(mut stream) = inverted.terms().range().ge(prefix).into_stream() else {
                    continue;
                };
                while stream.advance() {
                    let Ok(term) = std::str::from_utf8(stream.key()) else {
                        continue;
                    };
                    if !term.starts_with(prefix) {
                        break;
                    }
                    *found.entry(term.to_string()).or_default() +=
                        u64::from(stream.value().doc_freq);
                }
            }
        }
        found.into_iter().collect()
    }
}

/// The query that sums one term's BM25 score over the searchable fields, each times its weight:
/// the term's impact (spec section 3).
fn term_query(term: &str, index: &OpenIndex) -> BooleanQuery {
    let fields: Vec<(Occur, Box<dyn Query>)> = SearchField::ALL
        .iter()
        .filter(|&&f| index.meta.weights[f as usize] > 0.0)
        .map(|&f| {
            let term = Term::from_field_text(index.fields.get(f), term);
            let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
            let boosted: Box<dyn Query> = Box::new(BoostQuery::new(
                Box::new(query),
                index.meta.weights[f as usize],
            ));
            (Occur::Should, boosted)
        })
        .collect();
    BooleanQuery::new(fields)
}

/// The query matching the articles that hold `term` in a prominent field of non-zero weight
/// (spec rule 4.2).
fn prominent_query(term: &str, index: &OpenIndex) -> BooleanQuery {
    let clauses: Vec<(Occur, Box<dyn Query>)> = SearchField::ALL
        .iter()
        .filter(|&&f| f.is_prominent() && index.meta.weights[f as usize] > 0.0)
        .map(|&field| {
            let term = Term::from_field_text(index.fields.get(field), term);
            let query: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
            (Occur::Should, query)
        })
        .collect();
    BooleanQuery::new(clauses)
}

/// The articles in which a word's terms count as prominent (spec rule 4.2).
enum Prominent {
    /// Every article holding one of the terms: each is held in a prominent field by more than
    /// [`query::MAX_PROMINENT_DOCS`] articles.
    All,
    /// These articles.
    Docs(Vec<DocAddress>),
}

impl Prominent {
    /// A walk through the articles in document order, for matches met in that order.
    fn cursor(&self) -> ProminentCursor<'_> {
        match self {
            Prominent::All => ProminentCursor { docs: None, at: 0 },
            Prominent::Docs(docs) => ProminentCursor {
                docs: Some(docs),
                at: 0,
            },
        }
    }
}

/// Tells whether documents, asked in ascending order, are among [`Prominent`]'s.
struct ProminentCursor<'a> {
    /// Sorted, each once; `None` for every article.
    docs: Option<&'a [DocAddress]>,
    at: usize,
}

impl ProminentCursor<'_> {
    fn holds(&mut self, doc: DocAddress) -> bool {
        let Some(docs) = self.docs else {
            return true;
        };
        while self.at < docs.len() && docs[self.at] < doc {
            self.at += 1;
        }
        docs.get(self.at) == Some(&doc)
    }
}

/// Whether more than [`query::MAX_PROMINENT_DOCS`] articles hold `term` in one prominent field:
/// then more than that many hold it in some prominent field, which its field counts alone tell
/// without listing the articles (a common word such as `backup` on a large site).
fn common_in_a_field(term: &str, index: &OpenIndex, searcher: &Searcher) -> Result<bool> {
    for &field in SearchField::ALL
        .iter()
        .filter(|&&f| f.is_prominent() && index.meta.weights[f as usize] > 0.0)
    {
        let held = searcher
            .doc_freq(&Term::from_field_text(index.fields.get(field), term))
            .map_err(|e| Error::Internal(format!("searching: {e}")))?;
        if held > query::MAX_PROMINENT_DOCS as u64 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The articles in which one of `terms` counts as prominent (spec rule 4.2): those holding it
/// in a prominent field, or every article holding it when more than
/// [`query::MAX_PROMINENT_DOCS`] hold it in a prominent field.
fn prominent_docs(terms: &[&str], index: &OpenIndex, searcher: &Searcher) -> Result<Prominent> {
    let mut out = Vec::new();
    let mut common = Vec::new();
    for &term in terms {
        if common_in_a_field(term, index, searcher)? {
            common.push(term);
            continue;
        }
        let docs: Vec<DocAddress> = matches(&prominent_query(term, index), searcher)?
            .into_iter()
            .map(|(doc, _)| doc)
            .collect();
        if docs.len() > query::MAX_PROMINENT_DOCS {
            common.push(term);
        } else {
            out.extend(docs);
        }
    }
    if !terms.is_empty() && common.len() == terms.len() {
        return Ok(Prominent::All);
    }
    for term in common {
        out.extend(
            matches(&term_query(term, index), searcher)?
                .into_iter()
                .map(|(doc, _)| doc),
        );
    }
    out.sort_unstable();
    out.dedup();
    Ok(Prominent::Docs(out))
}

/// The tantivy query for one planned word.
fn word_query(word: &PlannedWord, index: &OpenIndex) -> Box<dyn Query> {
    let variants: Vec<Box<dyn Query>> = word
        .variants
        .iter()
        .map(|variant| {
            Box::new(BoostQuery::new(
                Box::new(term_query(&variant.term, index)),
                variant.weight as f32,
            )) as Box<dyn Query>
        })
        .collect();
    Box::new(DisjunctionMaxQuery::new(variants))
}

/// Every article a query matches, with its score.
fn matches(query: &dyn Query, searcher: &Searcher) -> Result<Vec<(DocAddress, f32)>> {
    let mut out = Vec::new();
    for_each_match(query, searcher, |doc, score| out.push((doc, score)))?;
    Ok(out)
}

/// Calls `each` with every article a query matches and its score, in document order.
fn for_each_match(
    query: &dyn Query,
    searcher: &Searcher,
    mut each: impl FnMut(DocAddress, f32),
) -> Result<()> {
    let internal = |e: tantivy::TantivyError| Error::Internal(format!("searching: {e}"));
    let weight = query
        .weight(EnableScoring::enabled_from_searcher(searcher))
        .map_err(internal)?;
    for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
        let mut scorer = weight.scorer(segment, 1.0).map_err(internal)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            each(DocAddress::new(ordinal as u32, doc), scorer.score());
            doc = scorer.advance();
        }
    }
    Ok(())
}

/// What narrows the results (`--kind`, `--tag`): an article must be of one of `kinds` (when
/// any is given) and carry one of `tags` (when any is given).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Kind names.
    pub kinds: Vec<String>,
    /// Tags, compared as [`crate::search::index::tag_term`] makes them.
    pub tags: Vec<String>,
}

impl Filters {
    /// Whether nothing is filtered.
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty() && self.tags.is_empty()
    }

    /// The articles the filters let through, or `None` when nothing is filtered.
    fn allowed(
        &self,
        index: &OpenIndex,
        searcher: &Searcher,
    ) -> Result<Option<FxHashSet<DocAddress>>> {
        if self.is_empty() {
            return Ok(None);
        }
        let mut allowed: Option<FxHashSet<DocAddress>> = None;
        for (field, values) in [
            (index.fields.kind, &self.kinds),
            (index.fields.tags, &self.tags),
        ] {
            if values.is_empty() {
                continue;
            }
            let any: Vec<(Occur, Box<dyn Query>)> = values
                .iter()
                .map(|value| {
                    let term = Term::from_field_text(field, &tag_term(value));
                    let query: Box<dyn Query> =
                        Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                    (Occur::Should, query)
                })
                .collect();
            let docs: FxHashSet<DocAddress> = matches(&BooleanQuery::new(any), searcher)?
                .into_iter()
                .map(|(doc, _)| doc)
                .collect();
            allowed = Some(match allowed {
                None => docs,
                Some(before) => before.intersection(&docs).copied().collect(),
            });
        }
        Ok(allowed)
    }
}

/// What a slot contributes to one article (spec sections 3 and 4).
#[derive(Default)]
struct SlotMatch {
    words_score: f32,
    /// Its required words, each counted as rule 4.2 says.
    words: u32,
    alternative: Option<f32>,
    /// Whether a matching alternative has every term in a prominent field.
    alternative_prominent: bool,
}

/// What a required word counts in rule 4.2.
fn word_count(prominent: bool) -> u32 {
    if prominent {
        query::PROMINENT_WORD
    } else {
        query::OTHER_WORD
    }
}

/// Each document's place among all of a searcher's documents: its segment's first place plus
/// its number.
struct Places(Vec<u32>);

impl Places {
    fn of(searcher: &Searcher) -> Places {
        let mut first = Vec::with_capacity(searcher.segment_readers().len() + 1);
        let mut total = 0u32;
        for segment in searcher.segment_readers() {
            first.push(total);
            total += segment.max_doc();
        }
        first.push(total);
        Places(first)
    }

    /// How many places there are.
    fn len(&self) -> usize {
        self.0.last().map_or(0, |&n| n as usize)
    }

    fn at(&self, doc: DocAddress) -> usize {
        (self.0[doc.segment_ord as usize] + doc.doc_id) as usize
    }
}

/// Figures per document, kept at the document's [`Places`] place: adding to an article's is an
/// index, and taking them out again costs as many steps as articles were added to (the places
/// touched are listed), not a pass over the whole site.
struct Tally<T> {
    at: Vec<Option<T>>,
    touched: Vec<(u32, DocAddress)>,
}

impl<T> Tally<T> {
    const fn new() -> Self {
        Tally {
            at: Vec::new(),
            touched: Vec::new(),
        }
    }

    /// Empties the tally and makes room for `len` places.
    fn ready(&mut self, len: usize) {
        for (place, _) in self.touched.drain(..) {
            self.at[place as usize] = None;
        }
        if self.at.len() < len {
            self.at.resize_with(len, || None);
        }
    }

    /// Folds `value` into `doc`'s figures with `combine`, or makes them from it with `new`.
    fn add<U>(
        &mut self,
        place: usize,
        doc: DocAddress,
        value: U,
        combine: impl FnOnce(&mut T, U),
        new: impl FnOnce(U) -> T,
    ) {
        match &mut self.at[place] {
            Some(entry) => combine(entry, value),
            empty @ None => {
                *empty = Some(new(value));
                self.touched.push((place as u32, doc));
            }
        }
    }

    /// `doc`'s figures, if any were added.
    fn get_mut(&mut self, place: usize) -> Option<&mut T> {
        self.at[place].as_mut()
    }

    /// Every document's figures, in the order they were first added, leaving the tally empty
    /// (also when the iterator is dropped before its end).
    fn take(&mut self) -> Taken<'_, T> {
        Taken {
            at: &mut self.at,
            touched: self.touched.drain(..),
        }
    }
}

/// The figures of a [`Tally`] being taken out; what is left is emptied when dropped.
struct Taken<'a, T> {
    at: &'a mut [Option<T>],
    touched: std::vec::Drain<'a, (u32, DocAddress)>,
}

impl<T> Iterator for Taken<'_, T> {
    type Item = (DocAddress, T);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let (place, doc) = self.touched.next()?;
            if let Some(figures) = self.at[place as usize].take() {
                return Some((doc, figures));
            }
        }
    }
}

impl<T> Drop for Taken<'_, T> {
    fn drop(&mut self) {
        for (place, _) in self.touched.by_ref() {
            self.at[place as usize] = None;
        }
    }
}

/// What an alternative's terms add up to in one article: how many it holds, the sum of their
/// impacts, and how many of them it holds in a prominent field.
type AlternativeMatch = (usize, f32, usize);

/// An article's figures so far: its score and its words (rule 4.2), then its code words.
type Found = (f64, u32, u32);

/// The tallies one ranking fills, kept by each thread from one query to the next so that a
/// large site's are not allocated (and zeroed by the system) per query.
struct Tallies {
    slot: Tally<SlotMatch>,
    alternative: Tally<AlternativeMatch>,
    found: Tally<Found>,
}

thread_local! {
    static TALLIES: std::cell::RefCell<Tallies> = const {
        std::cell::RefCell::new(Tallies {
            slot: Tally::new(),
            alternative: Tally::new(),
            found: Tally::new(),
        })
    };
}

/// Ranks every article matching a plan (spec rule 4), with scores, handing each to `each` in
/// no particular order: [`query::best_first`] orders them ([`query`] keeps the first few). A common word on
/// a large site matches most articles, once per query, and `remedy check` runs a query per
/// symptom phrase: so each match is added to its article's figures where they lie (a
/// [`Tally`]), as tantivy yields it, and each document's figures are added in the same order
/// as ever (word by word, slot by slot), to the same bits.
pub fn rank(
    index: &OpenIndex,
    searcher: &Searcher,
    plan: &Plan,
    each: impl FnMut(Ranked<DocAddress>),
) -> Result<()> {
    let places = Places::of(searcher);
    TALLIES.with_borrow_mut(|tallies| {
        tallies.slot.ready(places.len());
        tallies.alternative.ready(places.len());
        tallies.found.ready(places.len());
        rank_into(index, searcher, plan, &places, tallies, each)
    })
}

/// [`rank`], in `tallies`, empty and as large as `places`.
fn rank_into(
    index: &OpenIndex,
    searcher: &Searcher,
    plan: &Plan,
    places: &Places,
    tallies: &mut Tallies,
    mut each: impl FnMut(Ranked<DocAddress>),
) -> Result<()> {
    let Tallies {
        slot: slot_matches,
        alternative: held,
        found,
    } = tallies;
    for slot in &plan.slots {
        for word in plan.words_of(slot) {
            if word.variants.is_empty() {
                continue;
            }
            let terms: Vec<&str> = word.variants.iter().map(|v| v.term.as_str()).collect();
            let prominent = if word.required {
                prominent_docs(&terms, index, searcher)?
            } else {
                Prominent::Docs(Vec::new())
            };
            let mut in_prominent = prominent.cursor();
            for_each_match(word_query(word, index).as_ref(), searcher, |doc, score| {
                let words = if word.required {
                    word_count(in_prominent.holds(doc))
                } else {
                    0
                };
                slot_matches.add(
                    places.at(doc),
                    doc,
                    (score, words),
                    |entry, (score, words)| {
                        entry.words_score += score;
                        entry.words += words;
                    },
                    |(score, words)| SlotMatch {
                        words_score: 0.0 + score,
                        words,
                        ..SlotMatch::default()
                    },
                );
            })?;
        }
        for alternative in &slot.alternatives {
            for term in alternative {
                let prominent = prominent_docs(&[term], index, searcher)?;
                let mut in_prominent = prominent.cursor();
                for_each_match(&term_query(term, index), searcher, |doc, impact| {
                    let prominent = usize::from(in_prominent.holds(doc));
                    held.add(
                        places.at(doc),
                        doc,
                        (impact, prominent),
                        |entry, (impact, prominent)| {
                            entry.0 += 1;
                            entry.1 += impact;
                            entry.2 += prominent;
                        },
                        |(impact, prominent)| (1, 0.0 + impact, prominent),
                    );
                })?;
            }
            for (doc, (count, impacts, in_prominent)) in held.take() {
                if count != alternative.len() {
                    continue;
                }
                let score = (query::SYNONYM_WEIGHT * f64::from(impacts)) as f32;
                slot_matches.add(
                    places.at(doc),
                    doc,
                    (score, in_prominent == alternative.len()),
                    |entry, (score, prominent)| {
                        entry.alternative = Some(entry.alternative.map_or(score, |s| s.max(score)));
                        entry.alternative_prominent |= prominent;
                    },
                    |(score, prominent)| SlotMatch {
                        alternative: Some(score),
                        alternative_prominent: prominent,
                        ..SlotMatch::default()
                    },
                );
            }
        }
        let required = plan.required_in(slot);
        for (doc, matched) in slot_matches.take() {
            let (score, words) = match matched.alternative {
                Some(alternative) if slot.stands_in => {
                    let standing = required * word_count(matched.alternative_prominent);
                    (
                        matched.words_score.max(alternative),
                        matched.words.max(standing),
                    )
                }
                Some(alternative) => (matched.words_score.max(alternative), matched.words),
                None => (matched.words_score, matched.words),
            };
            found.add(
                places.at(doc),
                doc,
                (score, words),
                |entry, (score, words)| {
                    entry.0 = (entry.0 as f32 + score) as f64;
                    entry.1 += words;
                },
                |(score, words)| ((0.0_f32 + score) as f64, words, 0),
            );
        }
    }
    for word in &plan.words {
        if word.is_code() {
            let field = index.fields.get(SearchField::ErrorCodes);
            let term = Term::from_field_text(field, &word.variants[0].term);
            let query = TermQuery::new(term, IndexRecordOption::Basic);
            for_each_match(&query, searcher, |doc, _| {
                if let Some(entry) = found.get_mut(places.at(doc)) {
                    entry.2 += 1;
                }
            })?;
        }
    }
    for (doc, (score, words, codes)) in found.take() {
        each(Ranked {
            doc,
            codes,
            words,
            score,
        });
    }
    Ok(())
}

/// The first `limit` results offered, in [`query::best_first`] order, the rest dropped. A total
/// order (ties go to the lower document), so keeping the first few met and sorting only them
/// gives what sorting everything would. A common word matches most of a large site, and
/// `remedy check` asks for the best five of each symptom phrase: the few kept are a heap whose
/// top is the worst of them, so most articles cost one comparison with it and none is moved.
struct Best {
    kept: std::collections::BinaryHeap<Kept>,
    limit: usize,
}

/// A result ordered as [`query::best_first`] does: the greatest is the worst.
struct Kept(Ranked<DocAddress>);

impl PartialEq for Kept {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Kept {}

impl PartialOrd for Kept {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Kept {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        query::best_first(&self.0, &other.0)
    }
}

impl Best {
    fn new(limit: usize) -> Best {
        Best {
            kept: std::collections::BinaryHeap::with_capacity(limit.min(64)),
            limit,
        }
    }

    fn offer(&mut self, result: Ranked<DocAddress>) {
        if self.kept.len() < self.limit {
            self.kept.push(Kept(result));
        } else if let Some(mut worst) = self.kept.peek_mut()
            && query::best_first(&result, &worst.0).is_lt()
        {
            *worst = Kept(result);
        }
    }

    /// The results kept, best first.
    fn into_sorted(self) -> Vec<Ranked<DocAddress>> {
        self.kept
            .into_sorted_vec()
            .into_iter()
            .map(|k| k.0)
            .collect()
    }
}

/// The answer to a query: the best results, the total number of matching articles, and the
/// words that matched nothing (what `remedy search --json` prints, less `total`'s use).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Answer {
    /// The query as given.
    pub query: String,
    /// The best results, best first.
    pub results: Vec<Hit>,
    /// The query's words that match nothing in the site, as typed (spec section 2a).
    pub unmatched: Vec<String>,
    /// How many articles match in all (within the filters).
    pub total: usize,
}

/// The plan of a query against `index`.
pub fn plan(index: &OpenIndex, searcher: &Searcher, text: &str) -> Plan {
    let options = QueryOptions {
        fuzzy: index.meta.fuzzy,
        prefix: index.meta.prefix,
        language: index.language,
    };
    query::plan(
        text,
        &TantivyDictionary::new(index, searcher),
        options,
        &index.meta.lexicon,
    )
}

/// Answers a query: the best `limit` articles within `filters`, and the unmatched words.
pub fn query(index: &OpenIndex, text: &str, limit: usize, filters: &Filters) -> Result<Answer> {
    let searcher = index.reader.searcher();
    let plan = plan(index, &searcher, text);
    let allowed = filters.allowed(index, &searcher)?;
    let mut total = 0;
    let mut best = Best::new(limit);
    rank(index, &searcher, &plan, |ranked| {
        if allowed.as_ref().is_none_or(|a| a.contains(&ranked.doc)) {
            total += 1;
            best.offer(ranked);
        }
    })?;
    let results = best
        .into_sorted()
        .into_iter()
        .map(|r| {
            let doc: TantivyDocument = searcher
                .doc(r.doc)
                .map_err(|e| Error::Internal(format!("reading a result: {e}")))?;
            let stored = StoredDoc::from_document(&doc, &index.fields);
            Ok(Hit {
                slug: stored.slug,
                kind: stored.kind,
                title: stored.title,
                url: stored.url,
                score: r.score as f32,
                summary: stored.summary,
            })
        })
        .collect::<Result<Vec<Hit>>>()?;
    Ok(Answer {
        query: text.to_string(),
        results,
        unmatched: plan.unmatched,
        total,
    })
}

/// Whether some article holds every one of `terms` (in any searchable field).
pub fn some_article_holds(index: &OpenIndex, terms: &[&str]) -> Result<bool> {
    let searcher = index.reader.searcher();
    let all: Vec<(Occur, Box<dyn Query>)> = terms
        .iter()
        .map(|term| {
            let query: Box<dyn Query> = Box::new(term_query(term, index));
            (Occur::Must, query)
        })
        .collect();
    Ok(!matches(&BooleanQuery::new(all), &searcher)?.is_empty())
}

/// Answers a query with its best `limit` articles, unfiltered.
pub fn search(index: &OpenIndex, text: &str, limit: usize) -> Result<Vec<Hit>> {
    Ok(query(index, text, limit, &Filters::default())?.results)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// A tally folds each document's values in the order they are added, gives each
        /// document once, and is empty again once taken (or readied).
        #[test]
        fn a_tally_folds_values_by_document(
            first in prop::collection::vec(((0u32..2, 0u32..40), 0u32..100), 0..60),
            second in prop::collection::vec(((0u32..2, 0u32..40), 0u32..100), 0..60),
        ) {
            let places = |doc: DocAddress| (doc.segment_ord * 40 + doc.doc_id) as usize;
            let mut tally: Tally<u64> = Tally::new();
            for round in [&first, &second] {
                tally.ready(80);
                let mut expected = std::collections::BTreeMap::new();
                for &((segment, number), value) in round {
                    let doc = DocAddress::new(segment, number);
                    let value = u64::from(value);
                    tally.add(places(doc), doc, value, |a, b| *a = *a * 1000 + b, |b| b + 1);
                    expected
                        .entry(doc)
                        .and_modify(|a: &mut u64| *a = *a * 1000 + value)
                        .or_insert(value + 1);
                }
                let got: std::collections::BTreeMap<DocAddress, u64> = tally.take().collect();
                prop_assert_eq!(&got, &expected);
                prop_assert!(tally.take().next().is_none());
                prop_assert!(tally.at.iter().all(Option::is_none));
                // Taken out in part, it is empty all the same.
                for &((segment, number), value) in round {
                    let doc = DocAddress::new(segment, number);
                    tally.add(places(doc), doc, u64::from(value), |a, b| *a += b, |b| b);
                }
                let mut taken = tally.take();
                prop_assert_eq!(taken.next().is_some(), !round.is_empty());
                drop(taken);
                prop_assert!(tally.at.iter().all(Option::is_none));
                prop_assert!(tally.touched.is_empty());
            }
        }

        /// Selecting the first few and sorting them is sorting everything and keeping the
        /// first few, ties (equal codes, words and score) included.
        #[test]
        fn the_best_few_are_the_first_few_of_the_whole_order(
            entries in prop::collection::vec((0u32..3, 0u32..3, 0u8..4, 0u32..2), 0..60),
            limit in 0usize..70,
        ) {
            let ranked: Vec<Ranked<DocAddress>> = entries
                .iter()
                .enumerate()
                .map(|(i, &(codes, words, score, segment))| Ranked {
                    doc: DocAddress::new(segment, i as u32),
                    codes,
                    words,
                    score: f64::from(score) / 2.0,
                })
                .collect();
            let mut all = ranked.clone();
            all.sort_by(query::best_first);
            all.truncate(limit);
            let key = |r: &Ranked<DocAddress>| (r.doc, r.codes, r.words, r.score.to_bits());
            let mut best = Best::new(limit);
            for result in ranked {
                best.offer(result);
            }
            let got: Vec<_> = best.into_sorted().iter().map(key).collect();
            let expected: Vec<_> = all.iter().map(key).collect();
            prop_assert_eq!(got, expected);
        }
    }
}
