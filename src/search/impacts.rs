//! Reads the tantivy index back as impacts: for every term of every searchable field, the
//! articles that hold it and what the term scores in each — its BM25 score per field, computed
//! with tantivy's own [`Bm25Weight`] from the index's own statistics, times the field weight,
//! summed over the fields (spec section 3). This is what the browser index is made of; reading
//! it from the finished tantivy index rather than from the articles guarantees that both
//! indexes hold the same terms with the same statistics.
//!
//! Error codes are kept apart as well: the articles whose `error_codes` hold a term, which
//! ranking rule 4.1 needs; and so are the articles holding it in a prominent field (error codes,
//! title, symptoms), which rule 4.2 needs.

use std::collections::BTreeMap;

use tantivy::postings::Postings;
use tantivy::query::Bm25Weight;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, TERMINATED, TantivyDocument};

use crate::error::{Error, Result};
use crate::search::index::{OpenIndex, SearchField, StoredDoc};

/// One term of the index with everything the browser needs to score it.
#[derive(Debug, Clone, PartialEq)]
pub struct TermImpacts {
    /// The term.
    pub term: String,
    /// `df(t)` of the spec: the sum over fields of the articles whose field holds it.
    pub doc_freq: u64,
    /// Every article holding the term, in document order, with its impact.
    pub postings: Vec<(DocId, f32)>,
    /// The articles whose `error_codes` hold the term, in document order.
    pub code_docs: Vec<DocId>,
    /// The articles holding the term in a prominent field of non-zero weight
    /// ([`SearchField::is_prominent`]), in document order: where it counts fully in ranking
    /// rule 4.2.
    pub prominent_docs: Vec<DocId>,
}

/// The whole index as impacts, plus the stored fields of every article.
#[derive(Debug, Clone, PartialEq)]
pub struct Impacts {
    /// Articles in document order.
    pub docs: Vec<StoredDoc>,
    /// Terms in byte order.
    pub terms: Vec<TermImpacts>,
}

fn internal(what: &str) -> impl Fn(tantivy::TantivyError) -> Error + '_ {
    move |e| Error::Internal(format!("{what}: {e}"))
}

/// Reads every term of `index` with its impacts. The index must be one segment, as
/// [`crate::search::index::write`] leaves it.
pub fn read(index: &OpenIndex) -> Result<Impacts> {
    let searcher = index.reader.searcher();
    let segments = searcher.segment_readers();
    if segments.len() != 1 {
        return Err(Error::Internal(format!(
            "the search index has {} segments, expected one",
            segments.len()
        )));
    }
    let segment = &segments[0];
    let max_doc = segment.max_doc();
    // The stored articles and the terms are read side by side, on two cores of the calling
    // thread's rayon pool (100,000 articles: 0.64 s one after the other, 0.34-0.44 s side by
    // side).
    let (docs, terms) = rayon::join(
        || read_docs(&searcher, max_doc, index),
        || read_terms(segment, max_doc, index),
    );
    Ok(Impacts {
        docs: docs?,
        terms: terms?,
    })
}

/// The stored fields of every article, in document order.
fn read_docs(
    searcher: &tantivy::Searcher,
    max_doc: DocId,
    index: &OpenIndex,
) -> Result<Vec<StoredDoc>> {
    let mut docs = Vec::with_capacity(max_doc as usize);
    for doc in 0..max_doc {
        let stored: TantivyDocument = searcher
            .doc(tantivy::DocAddress::new(0, doc))
            .map_err(internal("reading a stored article"))?;
        docs.push(StoredDoc::from_document(&stored, &index.fields));
    }
    Ok(docs)
}

/// Every term of every searchable field with its impacts, in byte order.
fn read_terms(
    segment: &tantivy::SegmentReader,
    max_doc: DocId,
    index: &OpenIndex,
) -> Result<Vec<TermImpacts>> {
    let mut merged: BTreeMap<String, TermImpacts> = BTreeMap::new();
    for field in SearchField::ALL {
        let weight = index.meta.weights[field as usize];
        let tantivy_field = index.fields.get(field);
        let inverted = segment
            .inverted_index(tantivy_field)
            .map_err(internal("reading the inverted index"))?;
        let fieldnorms = segment
            .get_fieldnorms_reader(tantivy_field)
            .map_err(internal("reading field lengths"))?;
        let average_length = inverted.total_num_tokens() as f32 / max_doc.max(1) as f32;
        let io = |e: std::io::Error| Error::Internal(format!("reading the term dictionary: {e}"));
        let mut stream = inverted.terms().stream().map_err(io)?;
        while stream.advance() {
            let Ok(term) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            let info = stream.value().clone();
            let entry = merged
                .entry(term.to_string())
                .or_insert_with(|| TermImpacts {
                    term: term.to_string(),
                    doc_freq: 0,
                    postings: Vec::new(),
                    code_docs: Vec::new(),
                    prominent_docs: Vec::new(),
                });
            entry.doc_freq += u64::from(info.doc_freq);
            let bm25 = Bm25Weight::for_one_term(
                u64::from(info.doc_freq),
                u64::from(max_doc),
                average_length,
            );
            let mut postings = inverted
                .read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)
                .map_err(io)?;
            let mut field_scores = Vec::with_capacity(info.doc_freq as usize);
            let mut doc = postings.doc();
            while doc != TERMINATED {
                let score = bm25.score(fieldnorms.fieldnorm_id(doc), postings.term_freq()) * weight;
                field_scores.push((doc, score));
                if field == SearchField::ErrorCodes {
                    entry.code_docs.push(doc);
                }
                doc = postings.advance();
            }
            if weight > 0.0 {
                entry.postings = merge_sum(&entry.postings, &field_scores);
                if field.is_prominent() {
                    entry.prominent_docs =
                        merge_docs(&entry.prominent_docs, field_scores.iter().map(|&(d, _)| d));
                }
            }
        }
    }
    Ok(merged.into_values().collect())
}

/// A doc-ordered list of documents and another, merged without repeats.
fn merge_docs(a: &[DocId], b: impl Iterator<Item = DocId>) -> Vec<DocId> {
    let mut out: Vec<DocId> = a.iter().copied().chain(b).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Two doc-ordered posting lists merged, scores of a doc in both added.
fn merge_sum(a: &[(DocId, f32)], b: &[(DocId, f32)]) -> Vec<(DocId, f32)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(&(da, sa)), Some(&(db, sb))) if da == db => {
                out.push((da, sa + sb));
                i += 1;
                j += 1;
            }
            (Some(&(da, sa)), Some(&(db, _))) if da < db => {
                out.push((da, sa));
                i += 1;
            }
            (Some(_), Some(&(db, sb))) => {
                out.push((db, sb));
                j += 1;
            }
            (Some(&(da, sa)), None) => {
                out.push((da, sa));
                i += 1;
            }
            (None, Some(&(db, sb))) => {
                out.push((db, sb));
                j += 1;
            }
            (None, None) => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merging_adds_the_scores_of_shared_docs() {
        let merged = merge_sum(&[(1, 1.0), (3, 2.0)], &[(2, 0.5), (3, 0.25), (7, 1.0)]);
        assert_eq!(merged, [(1, 1.0), (2, 0.5), (3, 2.25), (7, 1.0)]);
    }

    #[test]
    fn merging_documents_keeps_each_once_in_order() {
        assert_eq!(
            merge_docs(&[1, 4, 9], [2, 4, 10].into_iter()),
            [1, 2, 4, 9, 10]
        );
    }
}
