//! The tantivy index: its schema, how a [`Site`] is written into it, and how `remedy search`
//! opens it again. It lives in `<build-dir>/search/index/`, is written fresh on every build and
//! merged into one segment, so document numbers follow the site's display order and BM25
//! statistics count no deleted documents.
//!
//! Every searchable field is analysed by [`analysis`] and indexed under the tokenizer name
//! [`TOKENIZER`], with term frequencies but no positions (no query needs phrases). Writing
//! runs the analysis on every core, a chunk of articles at a time, and hands tantivy's single
//! indexing thread (one thread keeps documents in site order) each field as its terms joined by
//! spaces, which [`TermListTokenizer`] only splits: the index holds exactly the terms of
//! [`analysis::index_terms`], in the same order, as if [`RemedyTokenizer`] had run in tantivy.
//! The analysis is the site's search language's (`[book] language`, resolved to an
//! [`analysis::Language`] by the config). Beside tantivy's own files, [`META_FILE`] records
//! what the index was made with: its format, its language and the id of the analysis that made
//! its terms ([`analysis::analysis_id`]: stemmer, version and a hash of the analysis sources),
//! the field weights, the query options and the compiled query lexicon (so `remedy search`
//! applies the synonyms of the build it searches, as the browser does, whatever `book.toml`
//! says since). Queries are analysed in the language the index records. The kind and the
//! lower-cased tags of each article are indexed whole for the search filters. An index whose
//! record is missing, or whose format or analysis differs from what this binary makes, is
//! refused with a "run `remedy build`" error, never read wrongly.

use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{Index, IndexReader, IndexWriter, TantivyDocument};

use crate::config::SearchConfig;
use crate::error::{Error, Result};
use crate::model::{Article, Site};
use crate::search::analysis;
use crate::search::lexicon::{self, Lexicon};

/// The name Remedy's analysis is registered under in the tantivy index (in every language: the
/// language is in [`META_FILE`]).
pub const TOKENIZER: &str = "remedy";
/// The file beside tantivy's that records how the index was made.
pub const META_FILE: &str = "remedy-search.json";
/// The version of the index layout; bumped whenever fields or analysis change.
pub const FORMAT: u32 = 2;

/// The searchable fields, strongest first (DESIGN.md, "Search, by symptom").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SearchField {
    /// Exact error codes.
    ErrorCodes,
    /// The title.
    Title,
    /// The symptoms of the front matter.
    Symptoms,
    /// The summary.
    Summary,
    /// The body's headings.
    Headings,
    /// The body text.
    Body,
}

impl SearchField {
    /// Every searchable field, strongest first.
    pub const ALL: [SearchField; 6] = [
        SearchField::ErrorCodes,
        SearchField::Title,
        SearchField::Symptoms,
        SearchField::Summary,
        SearchField::Headings,
        SearchField::Body,
    ];

    /// The field's name in the schema.
    pub fn name(self) -> &'static str {
        match self {
            SearchField::ErrorCodes => "error_codes",
            SearchField::Title => "title",
            SearchField::Symptoms => "symptoms",
            SearchField::Summary => "summary",
            SearchField::Headings => "headings",
            SearchField::Body => "body",
        }
    }

    /// Whether the field is where an article says what it is about (its error codes, title and
    /// symptoms): a word matched there counts fully in ranking rule 4.2
    /// ([`crate::search::query::PROMINENT_WORD`]).
    pub fn is_prominent(self) -> bool {
        matches!(
            self,
            SearchField::ErrorCodes | SearchField::Title | SearchField::Symptoms
        )
    }

    /// The field's weight under `[search.weights]`.
    pub fn weight(self, weights: &crate::config::FieldWeights) -> f32 {
        match self {
            SearchField::ErrorCodes => weights.error_codes,
            SearchField::Title => weights.title,
            SearchField::Symptoms => weights.symptoms,
            SearchField::Summary => weights.summary,
            SearchField::Headings => weights.headings,
            SearchField::Body => weights.body,
        }
    }
}

/// The schema's fields.
#[derive(Debug, Clone)]
pub struct Fields {
    /// `causes/icloud-storage-full` (stored, indexed whole).
    pub slug: Field,
    /// The kind's name (stored, indexed whole, for the kind filter).
    pub kind: Field,
    /// The article's tags, lower-cased (indexed whole, for the tag filter).
    pub tags: Field,
    /// The page's URL path from the host: base path + slug + `/` (stored).
    pub url: Field,
    /// The title as written (stored; the searchable title is [`SearchField::Title`]).
    pub title_stored: Field,
    /// The summary as written (stored).
    pub summary_stored: Field,
    /// The searchable fields, in [`SearchField::ALL`] order.
    pub searchable: [Field; 6],
}

impl Fields {
    /// The tantivy field of a searchable field.
    pub fn get(&self, field: SearchField) -> Field {
        self.searchable[field as usize]
    }
}

/// The schema and its fields.
pub fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let slug = builder.add_text_field("slug", STRING | STORED);
    let kind = builder.add_text_field("kind", STRING | STORED);
    let tags = builder.add_text_field("tags", STRING);
    let url = builder.add_text_field("url", STORED);
    let title_stored = builder.add_text_field("title_text", STORED);
    let summary_stored = builder.add_text_field("summary_text", STORED);
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(TOKENIZER)
        .set_index_option(IndexRecordOption::WithFreqs);
    let options = TextOptions::default().set_indexing_options(indexing);
    let searchable = SearchField::ALL.map(|f| builder.add_text_field(f.name(), options.clone()));
    let fields = Fields {
        slug,
        kind,
        tags,
        url,
        title_stored,
        summary_stored,
        searchable,
    };
    (builder.build(), fields)
}

/// Remedy's analysis as a tantivy tokenizer: the terms of [`analysis::index_terms`] in a
/// language.
#[derive(Debug, Clone, Default)]
pub struct RemedyTokenizer {
    /// The language analysed.
    pub language: analysis::Language,
}

/// The token stream of [`RemedyTokenizer`].
#[derive(Debug)]
pub struct RemedyTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for RemedyTokenizer {
    type TokenStream<'a> = RemedyTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> RemedyTokenStream {
        let tokens = analysis::index_terms(text, self.language)
            .into_iter()
            .enumerate()
            .map(|(position, term)| Token {
                offset_from: term.span.start,
                offset_to: term.span.end,
                position,
                text: term.term,
                position_length: 1,
            })
            .collect();
        RemedyTokenStream { tokens, next: 0 }
    }
}

/// The tokenizer an index is written with: the text is already a list of analysed terms
/// separated by single spaces (terms never hold whitespace), so it only splits.
#[derive(Debug, Clone, Default)]
pub struct TermListTokenizer;

/// The token stream of [`TermListTokenizer`]: one token, rewritten for each term (as
/// tantivy's own tokenizers do), so indexing allocates nothing per term.
#[derive(Debug)]
pub struct TermListStream<'a> {
    terms: std::str::Split<'a, char>,
    offset: usize,
    token: Token,
}

impl Tokenizer for TermListTokenizer {
    type TokenStream<'a> = TermListStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> TermListStream<'a> {
        TermListStream {
            terms: text.split(' '),
            offset: 0,
            // The first term's position is 0: the position before it wraps around.
            token: Token {
                position: usize::MAX,
                ..Token::default()
            },
        }
    }
}

impl TokenStream for TermListStream<'_> {
    fn advance(&mut self) -> bool {
        for term in self.terms.by_ref() {
            let start = self.offset;
            self.offset += term.len() + 1;
            if term.is_empty() {
                continue;
            }
            self.token.text.clear();
            self.token.text.push_str(term);
            self.token.offset_from = start;
            self.token.offset_to = start + term.len();
            self.token.position = self.token.position.wrapping_add(1);
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// A text's analysed terms joined by spaces, for [`TermListTokenizer`].
fn term_list(text: &str, language: analysis::Language) -> String {
    let mut list = String::with_capacity(text.len());
    analysis::push_index_terms(text, language, &mut list);
    list
}

impl TokenStream for RemedyTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// The term a tag is indexed and filtered by: trimmed and lower-cased, so `iPad` and `ipad`
/// are one tag.
pub fn tag_term(tag: &str) -> String {
    tag.trim().to_lowercase()
}

/// What the index was made with ([`META_FILE`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexMeta {
    /// [`FORMAT`].
    pub format: u32,
    /// The language of the analysis: `en`, `fr`, ...
    pub language: String,
    /// [`analysis::analysis_id`] of that language.
    pub analysis: String,
    /// Field weights, in [`SearchField::ALL`] order.
    pub weights: [f32; 6],
    /// Whether typo tolerance is on.
    pub fuzzy: bool,
    /// Whether the last word matches as a prefix.
    pub prefix: bool,
    /// The query lexicon (synonyms, filler words) queries are planned with. (A default when
    /// missing, so a record of an older format is refused for its format, not as damaged.)
    #[serde(default)]
    pub lexicon: Lexicon,
}

impl IndexMeta {
    /// The record for an index of a site made now with these options; `language` is the site's
    /// `[book] language` tag, which picks the built-in synonym list.
    pub fn new(config: &SearchConfig, language: &str) -> IndexMeta {
        IndexMeta {
            format: FORMAT,
            language: config.language.code().to_string(),
            analysis: analysis::analysis_id(config.language),
            weights: SearchField::ALL.map(|f| f.weight(&config.weights)),
            fuzzy: config.fuzzy,
            prefix: config.prefix,
            lexicon: lexicon::compile(&config.synonyms, language, config.language),
        }
    }
}

impl IndexMeta {
    /// The language whose analysis made the index, if this binary makes the same analysis.
    pub fn analysis_language(&self) -> Option<analysis::Language> {
        analysis::Language::from_tag(&self.language)
            .filter(|&language| analysis::analysis_id(language) == self.analysis)
    }

    /// The text of [`META_FILE`].
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| Error::Internal(e.to_string()))
    }
}

fn tantivy_error(what: &str, error: tantivy::TantivyError) -> Error {
    Error::Internal(format!("{what}: {error}"))
}

/// Writes the tantivy index of `site` into the empty folder `dir` (which the write stage
/// hands out), merged to one segment. Returns the record of how it was made, which belongs
/// beside it as [`META_FILE`] ([`IndexMeta::to_json`]): [`open`] refuses the index without it.
pub fn write(site: &Site, dir: &Path) -> Result<IndexMeta> {
    write_with(site, dir, None)
}

/// The text of the body of an article whose site let go of it ([`Article::released`]), made
/// again from the article's index and the article (see [`crate::pipeline::bodies`]).
pub type BodyText<'a> = dyn Fn(usize, &Article) -> Result<String> + Sync + 'a;

/// [`write()`], getting the bodies that `site` let go of from `bodies`.
pub fn write_with(site: &Site, dir: &Path, bodies: Option<&BodyText<'_>>) -> Result<IndexMeta> {
    let (schema, fields) = schema();
    let index =
        Index::create_in_dir(dir, schema).map_err(|e| tantivy_error("creating the index", e))?;
    fill(site, &index, &fields, bodies)?;
    Ok(IndexMeta::new(&site.config.search, &site.config.language))
}

/// The same index as [`write()`] makes, in memory and open: what `remedy check` searches.
pub fn in_ram(site: &Site) -> Result<OpenIndex> {
    in_ram_with(site, None)
}

/// [`in_ram()`], getting the bodies that `site` let go of from `bodies`.
pub fn in_ram_with(site: &Site, bodies: Option<&BodyText<'_>>) -> Result<OpenIndex> {
    let (schema, fields) = schema();
    let index = Index::create_in_ram(schema);
    fill(site, &index, &fields, bodies)?;
    let reader = index
        .reader()
        .map_err(|e| tantivy_error("reading the index", e))?;
    Ok(OpenIndex {
        index,
        reader,
        fields,
        meta: IndexMeta::new(&site.config.search, &site.config.language),
        language: site.config.search.language,
    })
}

/// Threads of the search index's own, one per core: work sent to rayon's global pool from
/// outside it waits until the pool's workers have finished their own queue, which during a
/// build is the pages being rendered.
pub fn own_threads() -> Result<rayon::ThreadPool> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("remedy-analysis-{i}"))
        .build()
        .map_err(|e| Error::Internal(format!("starting the analysis threads: {e}")))
}

/// Indexes every article of `site` into the new, empty `index`, merged to one segment; the
/// bodies that `site` let go of come from `bodies`.
fn fill(site: &Site, index: &Index, fields: &Fields, bodies: Option<&BodyText<'_>>) -> Result<()> {
    index.tokenizers().register(TOKENIZER, TermListTokenizer);
    let language = site.config.search.language;
    // One indexing thread keeps documents in site order; a large budget keeps them in one
    // segment for all but huge sites, and any extra segments are merged below.
    let mut writer: IndexWriter = index
        .writer_with_num_threads(1, 400_000_000)
        .map_err(|e| tantivy_error("opening the index writer", e))?;
    // The analysis is most of the work: it runs on every core, a chunk of articles at a time,
    // while the writer's thread indexes the chunk before. It has threads of its own: during a
    // build the pages are rendered at the same time on rayon's global pool, whose workers
    // finish their own queue before they take work sent from outside it, so the index (the
    // longer task) would wait for the pages and then finish alone; with a pool of its own the
    // system shares the cores between both.
    const CHUNK: usize = 128;
    let base_path = site.config.base_path();
    let pool = own_threads()?;
    let body = |index: usize, article: &Article| -> Result<TantivyDocument> {
        if !article.released {
            return Ok(document(
                base_path,
                article,
                &article.text,
                fields,
                language,
            ));
        }
        let text = match bodies {
            Some(bodies) => bodies(index, article)?,
            None => {
                return Err(Error::Internal(format!(
                    "the body of `{}` was let go of and is not made again",
                    article.slug
                )));
            }
        };
        Ok(document(base_path, article, &text, fields, language))
    };
    for (number, chunk) in site.articles.chunks(CHUNK).enumerate() {
        let documents: Vec<TantivyDocument> = pool.install(|| {
            chunk
                .par_iter()
                .enumerate()
                // An edition's fallbacks are found by the default edition's search.
                .filter(|(_, article)| article.fallback.is_none())
                .map(|(at, article)| body(number * CHUNK + at, article))
                .collect::<Result<_>>()
        })?;
        for doc in documents {
            writer
                .add_document(doc)
                .map_err(|e| tantivy_error("indexing", e))?;
        }
    }
    writer
        .commit()
        .map_err(|e| tantivy_error("committing the index", e))?;
    let segments = index
        .searchable_segment_ids()
        .map_err(|e| tantivy_error("listing segments", e))?;
    if segments.len() > 1 {
        writer
            .merge(&segments)
            .wait()
            .map_err(|e| tantivy_error("merging segments", e))?;
    }
    writer
        .wait_merging_threads()
        .map_err(|e| tantivy_error("merging segments", e))
}

/// The tantivy document of one article, its searchable fields analysed into term lists in
/// `language`; `base_path` is the site's ([`crate::config::Config::base_path`]).
fn document(
    base_path: &str,
    article: &Article,
    body: &str,
    fields: &Fields,
    language: analysis::Language,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.slug, &article.slug);
    doc.add_text(fields.kind, &article.kind);
    for tag in &article.front.tags {
        doc.add_text(fields.tags, tag_term(&tag.value));
    }
    doc.add_text(fields.url, format!("{base_path}{}", article.url_path()));
    doc.add_text(fields.title_stored, &article.front.title);
    doc.add_text(fields.summary_stored, &article.front.summary);
    let mut add = |field: SearchField, text: &str| {
        doc.add_text(fields.get(field), term_list(text, language));
    };
    for code in article.error_codes() {
        add(SearchField::ErrorCodes, code);
    }
    add(SearchField::Title, &article.front.title);
    for symptom in &article.front.symptoms {
        add(SearchField::Symptoms, symptom);
    }
    add(SearchField::Summary, &article.front.summary);
    for heading in &article.headings {
        add(SearchField::Headings, &heading.text);
    }
    add(SearchField::Body, body);
    doc
}

/// An index opened for searching.
pub struct OpenIndex {
    /// The tantivy index.
    pub index: Index,
    /// Its reader.
    pub reader: IndexReader,
    /// Its fields.
    pub fields: Fields,
    /// What it was made with.
    pub meta: IndexMeta,
    /// The language its terms are in, which queries are analysed in.
    pub language: analysis::Language,
}

impl std::fmt::Debug for OpenIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenIndex")
            .field("meta", &self.meta)
            .finish_non_exhaustive()
    }
}

/// Opens the index in `dir`, refusing one that is missing or made differently.
pub fn open(dir: &Path) -> Result<OpenIndex> {
    let stale = |why: String| {
        Error::Search(format!(
            "{why} in `{}`: run `remedy build` first",
            crate::diagnostic::display_path(dir)
        ))
    };
    let meta_path = dir.join(META_FILE);
    let text = match std::fs::read_to_string(&meta_path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(stale("no search index".to_string()));
        }
        Err(e) => return Err(Error::io(&meta_path, e)),
    };
    let meta: IndexMeta = serde_json::from_str(&text).map_err(|_| {
        stale("the search index is damaged or from another version of remedy".to_string())
    })?;
    let language = meta.analysis_language().filter(|_| meta.format == FORMAT);
    let Some(language) = language else {
        return Err(stale(format!(
            "the search index was made by another version of remedy (format {}, analysis `{}`)",
            meta.format, meta.analysis
        )));
    };
    let index = Index::open_in_dir(dir)
        .map_err(|e| stale(format!("the search index cannot be opened ({e})")))?;
    index
        .tokenizers()
        .register(TOKENIZER, RemedyTokenizer { language });
    let (schema, fields) = schema();
    if index.schema() != schema {
        return Err(stale(
            "the search index has another schema than this version of remedy makes".to_string(),
        ));
    }
    verify(&index).map_err(|problem| damaged(dir, &problem))?;
    let reader = index
        .reader()
        .map_err(|e| damaged(dir, &format!("it cannot be read: {e}")))?;
    Ok(OpenIndex {
        index,
        reader,
        fields,
        meta,
        language,
    })
}

/// The error for an index whose files are damaged or missing.
pub fn damaged(dir: &Path, problem: &str) -> Error {
    Error::Search(format!(
        "the search index in `{}` is damaged ({problem}): rebuild with `remedy build`",
        crate::diagnostic::display_path(dir)
    ))
}

/// Checks that every file of every segment of `index` is there and passes its checksum
/// (tantivy ends each file with a CRC32 of its contents), so a damaged index is refused up
/// front instead of panicking deep inside a search. Reads every segment file once: the cost of
/// one search over a cold index. Returns what is wrong.
pub fn verify(index: &Index) -> std::result::Result<(), String> {
    use tantivy::Directory as _;
    let metas = index
        .load_metas()
        .map_err(|e| format!("its list of segments cannot be read: {e}"))?;
    let directory = index.directory();
    let managed = directory.list_managed_files();
    let mut files: Vec<_> = metas.list_segment_files().into_iter().collect();
    files.sort();
    for path in files {
        let shown = path.display();
        let listed = managed.contains(&path);
        let required = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| SEGMENT_FILES.contains(&e));
        if !directory.exists(&path).unwrap_or(false) {
            if listed || required {
                return Err(format!("`{shown}` is missing"));
            }
            continue;
        }
        match directory.validate_checksum(&path) {
            Ok(true) => {}
            Ok(false) => return Err(format!("`{shown}` does not match its checksum")),
            Err(e) => return Err(format!("`{shown}` cannot be read: {e}")),
        }
    }
    Ok(())
}

/// The files every segment of Remedy's schema has (terms, postings, positions, stored fields,
/// field norms, fast fields): one missing is damage even if tantivy's own list lost it too.
const SEGMENT_FILES: [&str; 6] = ["idx", "pos", "term", "store", "fieldnorm", "fast"];

/// The stored fields of a document, as search results show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredDoc {
    /// `causes/icloud-storage-full`.
    pub slug: String,
    /// `cause`.
    pub kind: String,
    /// The title.
    pub title: String,
    /// `/causes/icloud-storage-full/`.
    pub url: String,
    /// The summary.
    pub summary: String,
}

impl StoredDoc {
    /// Reads the stored fields of a tantivy document.
    pub fn from_document(doc: &TantivyDocument, fields: &Fields) -> StoredDoc {
        let text = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        StoredDoc {
            slug: text(fields.slug),
            kind: text(fields.kind),
            title: text(fields.title_stored),
            url: text(fields.url),
            summary: text(fields.summary_stored),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::searcher;

    /// The search keeps each segment's articles apart: in an index whose second segment
    /// repeats the first (tantivy makes one per commit), every article the queries match is
    /// ranked twice, with the same figures, once per segment.
    #[test]
    fn each_segment_s_articles_are_ranked_apart() {
        let site = crate::fixture::site();
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        index.tokenizers().register(TOKENIZER, TermListTokenizer);
        let language = site.config.search.language;
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 50_000_000).unwrap();
        for _ in 0..2 {
            for article in site.articles.iter().filter(|a| a.fallback.is_none()) {
                let doc = document("/", article, &article.text, &fields, language);
                writer.add_document(doc).unwrap();
            }
            writer.commit().unwrap();
        }
        let reader = index.reader().unwrap();
        let open = OpenIndex {
            index,
            reader,
            fields,
            meta: IndexMeta::new(&site.config.search, &site.config.language),
            language,
        };
        let searcher = open.reader.searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        let mut ranked_any = 0;
        for text in [
            "backup",
            "icloud storage full",
            "error 9006",
            "backups iclud",
        ] {
            let plan = searcher::plan(&open, &searcher, text);
            let mut by_segment: [Vec<(u32, u32, u32, u64)>; 2] = Default::default();
            searcher::rank(&open, &searcher, &plan, |r| {
                by_segment[r.doc.segment_ord as usize].push((
                    r.doc.doc_id,
                    r.codes,
                    r.words,
                    r.score.to_bits(),
                ));
            })
            .unwrap();
            for list in &mut by_segment {
                list.sort_unstable();
            }
            assert!(!by_segment[0].is_empty(), "{text}");
            assert_eq!(by_segment[0], by_segment[1], "{text}");
            ranked_any += by_segment[0].len();
        }
        assert!(ranked_any > 4);
    }
}
