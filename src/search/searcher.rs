//! The query spec ([`crate::search::query`]) run against the tantivy index: what `remedy search`
//! and the dev server answer with. Each word becomes a tantivy query: a
//! `DisjunctionMaxQuery` over its variants, each variant a `BoostQuery` (its weight) around a
//! `BooleanQuery` that sums the term's BM25 score over the searchable fields, each a
//! `BoostQuery` (the field weight) around a `TermQuery`. So typo and prefix matches are scored
//! by BM25 like exact ones, only down-weighted. Tantivy scores every word's matches; this
//! module adds the words up and ranks them by rule 4 of the spec.

use std::collections::HashMap;

use tantivy::query::{
    BooleanQuery, BoostQuery, DisjunctionMaxQuery, EnableScoring, Occur, Query, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, Searcher, TERMINATED, TantivyDocument, Term};

use crate::error::{Error, Result};
use crate::search::index::{OpenIndex, SearchField, StoredDoc};
use crate::search::query::{self, Dictionary, PlannedWord, QueryOptions, Ranked};

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

/// The tantivy query for one planned word.
fn word_query(word: &PlannedWord, index: &OpenIndex) -> Box<dyn Query> {
    let variants: Vec<Box<dyn Query>> = word
        .variants
        .iter()
        .map(|variant| {
            let fields: Vec<(Occur, Box<dyn Query>)> = SearchField::ALL
                .iter()
                .filter(|&&f| index.meta.weights[f as usize] > 0.0)
                .map(|&f| {
                    let term = Term::from_field_text(index.fields.get(f), &variant.term);
                    let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
                    let boosted: Box<dyn Query> = Box::new(BoostQuery::new(
                        Box::new(query),
                        index.meta.weights[f as usize],
                    ));
                    (Occur::Should, boosted)
                })
                .collect();
            Box::new(BoostQuery::new(
                Box::new(BooleanQuery::new(fields)),
                variant.weight as f32,
            )) as Box<dyn Query>
        })
        .collect();
    Box::new(DisjunctionMaxQuery::new(variants))
}

/// Every article a query matches, with its score.
fn matches(query: &dyn Query, searcher: &Searcher) -> Result<Vec<(DocAddress, f32)>> {
    let internal = |e: tantivy::TantivyError| Error::Internal(format!("searching: {e}"));
    let weight = query
        .weight(EnableScoring::enabled_from_searcher(searcher))
        .map_err(internal)?;
    let mut out = Vec::new();
    for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
        let mut scorer = weight.scorer(segment, 1.0).map_err(internal)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            out.push((DocAddress::new(ordinal as u32, doc), scorer.score()));
            doc = scorer.advance();
        }
    }
    Ok(out)
}

/// Ranks every article matching `text` (spec rule 4), best first, with scores.
pub fn rank(index: &OpenIndex, searcher: &Searcher, text: &str) -> Result<Vec<Ranked<DocAddress>>> {
    let options = QueryOptions {
        fuzzy: index.meta.fuzzy,
        prefix: index.meta.prefix,
        language: index.language,
    };
    let planned = query::plan(text, &TantivyDictionary::new(index, searcher), options);
    let mut found: HashMap<DocAddress, Ranked<DocAddress>> = HashMap::new();
    for word in &planned {
        if word.variants.is_empty() {
            continue;
        }
        for (doc, score) in matches(word_query(word, index).as_ref(), searcher)? {
            let entry = found.entry(doc).or_insert(Ranked {
                doc,
                codes: 0,
                words: 0,
                score: 0.0,
            });
            entry.score = (entry.score as f32 + score) as f64;
            entry.words += u32::from(word.required);
        }
        if word.is_code() {
            let field = index.fields.get(SearchField::ErrorCodes);
            let term = Term::from_field_text(field, &word.variants[0].term);
            let query = TermQuery::new(term, IndexRecordOption::Basic);
            for (doc, _) in matches(&query, searcher)? {
                if let Some(entry) = found.get_mut(&doc) {
                    entry.codes += 1;
                }
            }
        }
    }
    let mut ranked: Vec<Ranked<DocAddress>> = found.into_values().collect();
    ranked.sort_by(query::best_first);
    Ok(ranked)
}

/// Answers a query: the best `limit` articles.
pub fn search(index: &OpenIndex, text: &str, limit: usize) -> Result<Vec<Hit>> {
    let searcher = index.reader.searcher();
    let ranked = rank(index, &searcher, text)?;
    ranked
        .into_iter()
        .take(limit)
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
        .collect()
}
