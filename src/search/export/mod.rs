//! The browser index: the tantivy index, read back as [`crate::search::impacts`], rewritten as
//! small static files under `<build-dir>/search/`, so a first query downloads only what it
//! needs, over HTTP or from `file://`. Every file is JavaScript that hands its data to the client,
//! `(globalThis.RemedySearch ||= []).push(DATA)`, so the client can load it with a `<script>`
//! element where `fetch` is not allowed; `search.js` reads the same data in Node through
//! `require`.
//!
//! # Files
//! - `manifest.js`: the manifest: format, build id, the index's language and its analysis (the
//!   id of [`analysis::analysis_id`] and the WebAssembly module of that analysis, as text for
//!   gzip, from [`module`]: the browser analyses queries with the code that made the index), the query
//!   constants of [`query`] (the client takes them from here, so Rust holds the only copy),
//!   the impact scale, the document count, the kinds (name, title, folder, singular label),
//!   the first term of every term shard, the *rich* terms, the first letters that have a word
//!   list, the query lexicon ([`crate::search::lexicon`]: filler words and synonym rules over
//!   phrases analysed in the index's language, a few kilobytes at most) and the data of the
//!   filters the site offers (kind runs, each tag with its number of articles; see
//!   [`filter_data`]), and what the search box says in the site's language (the theme's
//!   `[script.search]`, which pages do not carry). All of it is part of the first query's
//!   download.
//! - `t/N.js`, term shards: every term of the index in byte order, cut into shards of about
//!   [`SHARD_BYTES`], each with its postings (below).
//! - `r/N.js`, rich files: the postings of one very common term (held by a quarter of the
//!   articles or more; the [`MAX_RICH_TERMS`] commonest) together with the document info of
//!   the articles it scores highest in. A query made of common words then needs no term shard
//!   and usually no info block: its best results are among those articles. Its term shard keeps
//!   only a stub, so prefix and typo matching still see the term.
//! - `d/N.js`, info blocks: the info (slug, kind, title, summary) of [`INFO_BLOCK`] articles in
//!   document order, for results no rich file carried.
//! - `f/tags.js` ([`TAG_FILE`]), when the site offers the tag filter: the articles of each tag,
//!   in the manifest's order. At 100,000 articles they weigh more than the rest of the manifest,
//!   and only a search with a tag chosen needs them.
//! - `w/X.js`, word lists: every term starting with the character of code point X (hex) and
//!   its `df`, without postings, for typo matching, which compares a word with every term of
//!   the same first letter and then needs the postings of only the few it keeps.
//!
//! Every data file carries the build id; the client refuses a file from another build (a
//! cached manifest) and reloads the manifest.
//!
//! How postings are quantized and written is [`encoding`]'s: this file decides what goes in
//! which file.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::config::Filter;
use crate::error::{Error, Result};
use crate::model::Site;
use crate::search::analysis;
use crate::search::impacts::Impacts;
use crate::search::index::IndexMeta;
use crate::search::index::tag_term;
use crate::search::query;

pub mod encoding;
pub mod module;

use encoding::{
    FLAG_STUB, Fnv, ascii_json, js_string, push_gaps, push_postings, push_term_head, split,
};
pub use encoding::{HEAD_POSTINGS, Scale};

/// The version of the browser index layout.
pub const FORMAT: u32 = 3;
/// About how many bytes of payload a term shard holds.
pub const SHARD_BYTES: usize = 16 * 1024;
/// Articles per info block.
pub const INFO_BLOCK: usize = 32;
/// At most this many terms get a rich file.
pub const MAX_RICH_TERMS: usize = 256;
/// The articles of each tag, for the tag filter.
pub const TAG_FILE: &str = "f/tags.js";

/// One file of the browser index: its path under `search/` and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// `manifest.js`, `t/0.js`, ...
    pub path: String,
    /// The file's text.
    pub text: String,
}

fn data_file(path: String, data: &str) -> File {
    File {
        path,
        text: format!("(globalThis.RemedySearch = globalThis.RemedySearch || []).push({data});\n"),
    }
}

/// Everything the browser index is made from besides the impacts.
#[derive(Debug, Clone, Default)]
pub struct SiteInfo {
    /// The base path links start with (`/` or `/help/`).
    pub base_path: String,
    /// The kinds: name, title, folder and singular label, in order.
    pub kinds: Vec<(String, String, String, String)>,
    /// The filters the site offers (`[search] filters`).
    pub filters: Vec<Filter>,
    /// Each article's tags as written, by slug.
    pub tags: BTreeMap<String, Vec<String>>,
    /// What the search box says, in the site's language
    /// ([`crate::config::SearchConfig::strings`]).
    pub strings: BTreeMap<String, String>,
}

impl SiteInfo {
    /// The info of a site.
    pub fn of(site: &Site) -> SiteInfo {
        SiteInfo {
            base_path: site.config.base_path().to_string(),
            kinds: site
                .config
                .kinds
                .iter()
                .map(|k| {
                    // The title the site shows: its section intro's, if it has one.
                    let title = site
                        .sections
                        .get(&k.name)
                        .and_then(|s| s.title.clone())
                        .unwrap_or_else(|| k.title.clone());
                    (k.name.clone(), title, k.dir.clone(), k.singular.clone())
                })
                .collect(),
            filters: site.config.search.filters.clone(),
            tags: site
                .articles
                .iter()
                .filter(|a| !a.front.tags.is_empty())
                .map(|a| {
                    let tags = a.front.tags.iter().map(|t| t.value.clone()).collect();
                    (a.slug.clone(), tags)
                })
                .collect(),
            strings: site.config.search.strings.clone(),
        }
    }
}

/// The filter data of the manifest: for `kind`, runs of documents of one kind in document order
/// (`[kind index, count]`); for `tags`, each tag (by its lower-cased form, shown as first
/// written) with its documents as a count and gaps in base64 VLQ (`[shown, documents]`).
fn filter_data(impacts: &Impacts, site: &SiteInfo) -> serde_json::Value {
    let mut data = serde_json::Map::new();
    for filter in &site.filters {
        let value = match filter {
            Filter::Kind => {
                let mut runs: Vec<(usize, u32)> = Vec::new();
                for doc in &impacts.docs {
                    let kind = site.kinds.iter().position(|k| k.0 == doc.kind).unwrap_or(0);
                    match runs.last_mut() {
                        Some((last, count)) if *last == kind => *count += 1,
                        _ => runs.push((kind, 1)),
                    }
                }
                serde_json::json!(runs)
            }
            Filter::Tags => serde_json::Value::Array(
                tag_documents(impacts, site)
                    .into_iter()
                    .map(|(shown, docs)| serde_json::json!([shown, docs.len()]))
                    .collect(),
            ),
        };
        data.insert(filter.name().to_string(), value);
    }
    serde_json::Value::Object(data)
}

/// Each tag of the site's articles, as shown (the first spelling met), with its articles in
/// document order, in the order of the tags' lower-cased terms.
fn tag_documents(impacts: &Impacts, site: &SiteInfo) -> Vec<(String, Vec<u32>)> {
    let mut tags: BTreeMap<String, (String, Vec<u32>)> = BTreeMap::new();
    for (doc, stored) in impacts.docs.iter().enumerate() {
        for tag in site.tags.get(&stored.slug).into_iter().flatten() {
            let entry = tags
                .entry(tag_term(tag))
                .or_insert_with(|| (tag.trim().to_string(), Vec::new()));
            if entry.1.last() != Some(&(doc as u32)) {
                entry.1.push(doc as u32);
            }
        }
    }
    tags.into_values().collect()
}

/// The payload of `f/tags.js` when the site offers the tag filter: the articles of each tag of
/// the manifest's list, in its order, as gaps. A tag's articles are the largest part of the
/// filter data and only a search with a tag chosen needs them, so they are not in the
/// manifest.
fn tag_file_payload(impacts: &Impacts, site: &SiteInfo) -> Option<String> {
    if !site.filters.contains(&Filter::Tags) {
        return None;
    }
    let lists: Vec<serde_json::Value> = tag_documents(impacts, site)
        .into_iter()
        .map(|(_, docs)| {
            let mut gaps = String::new();
            push_gaps(&mut gaps, &docs);
            serde_json::Value::String(gaps)
        })
        .collect();
    Some(ascii_json(&serde_json::Value::Array(lists)))
}

/// How many articles' info a rich file carries.
pub fn rich_info_docs(doc_count: usize) -> usize {
    (doc_count / 16).clamp(32, HEAD_POSTINGS)
}

/// Whether a term held by `holders` of `doc_count` articles is common enough for a rich file.
pub fn is_common(holders: usize, doc_count: usize) -> bool {
    holders >= 16 && holders * 4 >= doc_count
}

/// Where [`write`] hands each file as soon as it is made, from any thread.
pub type Put<'a> = dyn Fn(File) -> Result<()> + Sync + 'a;

/// Makes every file of the browser index and hands each to `put` as soon as it is made, on
/// every core (so in no set order): the manifest, the word lists, term shards, rich files and
/// info blocks. Each file is let go of once handed over: at 100,000 articles, holding them all
/// until the last was made put the build's peak 130 MB higher (1,480 MB against 1,359 MB;
/// 1,246 MB with no browser index at all).
pub fn write(impacts: &Impacts, meta: &IndexMeta, site: &SiteInfo, put: &Put<'_>) -> Result<()> {
    let info = DocInfo::new(impacts, site);
    let parts = Parts::make(impacts, &info, site);
    put(manifest(impacts, meta, site, &parts)?)?;
    parts.data_files(impacts, &info, put)
}

/// Every file of the browser index, as [`write`] makes them, in path order (numbered files by
/// their number: `t/2.js` before `t/10.js`).
pub fn files(impacts: &Impacts, meta: &IndexMeta, site: &SiteInfo) -> Result<Vec<File>> {
    let made = std::sync::Mutex::new(Vec::new());
    write(impacts, meta, site, &|file| {
        made.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(file);
        Ok(())
    })?;
    let mut files = made
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    files.sort_by(|a, b| path_order(&a.path).cmp(&path_order(&b.path)));
    Ok(files)
}

/// The order of [`files`]: by folder, then by the number a file is named with (hexadecimal for
/// the word lists, decimal for the others), then by name.
fn path_order(path: &str) -> (&str, u64, &str) {
    let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
    let stem = name.strip_suffix(".js").unwrap_or(name);
    let radix = if folder == "w" { 16 } else { 10 };
    (
        folder,
        u64::from_str_radix(stem, radix).unwrap_or(u64::MAX),
        name,
    )
}

/// The contents of the browser index, before they are written out as files.
struct Parts {
    scale: Scale,
    /// Term index → rich file id.
    rich_id: BTreeMap<usize, usize>,
    rich: Vec<RichFile>,
    /// (first term, payload).
    shards: Vec<(String, String)>,
    /// First character → (last term, payload).
    words: BTreeMap<char, (String, String)>,
    /// The payload of `f/tags.js`, when the site offers the tag filter.
    tags: Option<String>,
    build: String,
}

impl Parts {
    fn make(impacts: &Impacts, info: &DocInfo<'_>, site: &SiteInfo) -> Parts {
        let scale = Scale::spanning(impacts);
        let rich_id = rich_terms(impacts);
        // Independent parts, made side by side: in a large build the index is the last work
        // left, and the pages no longer keep the other core busy.
        let (rich, (shards, (words, tags))) = rayon::join(
            || rich_files(impacts, &scale, &rich_id, info),
            || {
                rayon::join(
                    || term_shards(impacts, &scale, &rich_id),
                    || rayon::join(|| word_lists(impacts), || tag_file_payload(impacts, site)),
                )
            },
        );
        let build = build_id(impacts, &shards, &rich, tags.as_deref());
        Parts {
            scale,
            rich_id,
            rich,
            shards,
            words,
            tags,
            build,
        }
    }

    /// Every data file (word lists, term shards, rich files, info blocks), each handed to
    /// `put` as soon as it is made.
    fn data_files(&self, impacts: &Impacts, info: &DocInfo<'_>, put: &Put<'_>) -> Result<()> {
        let build = js_string(&self.build);
        // (The word lists hold nothing the term shards do not: the build id covers them.)
        for (first, (_, payload)) in &self.words {
            let code = u32::from(*first);
            put(data_file(
                format!("w/{code:x}.js"),
                &format!("[\"words\",{build},{code},{}]", js_string(payload)),
            ))?;
        }
        // The term shards and rich files are most of the index's bytes (48 of 73 MB at 100,000
        // articles): escaped on every core.
        self.shards
            .par_iter()
            .enumerate()
            .try_for_each(|(n, (_, payload))| {
                put(data_file(
                    format!("t/{n}.js"),
                    &format!("[\"terms\",{build},{n},{}]", js_string(payload)),
                ))
            })?;
        self.rich.par_iter().try_for_each(|file| {
            put(data_file(
                format!("r/{}.js", file.id),
                &format!(
                    "[\"rich\",{build},{},{},{}]",
                    file.id,
                    js_string(&file.payload),
                    ascii_json(&serde_json::Value::Array(file.docs.clone()))
                ),
            ))
        })?;
        if let Some(tags) = &self.tags {
            put(data_file(
                TAG_FILE.to_string(),
                &format!("[\"tags\",{build},0,{tags}]"),
            ))?;
        }
        let doc_count = impacts.docs.len() as u32;
        let docs: Vec<u32> = (0..doc_count).collect();
        docs.par_chunks(INFO_BLOCK)
            .enumerate()
            .try_for_each(|(n, block)| {
                let docs: Vec<serde_json::Value> = block.iter().map(|&doc| info.of(doc)).collect();
                put(data_file(
                    format!("d/{n}.js"),
                    &format!(
                        "[\"docs\",{build},{n},{}]",
                        ascii_json(&serde_json::Value::Array(docs))
                    ),
                ))
            })
    }
}

/// The info of articles as the client shows them: `[slug, kind index, title, summary]`.
struct DocInfo<'a> {
    impacts: &'a Impacts,
    kind_index: BTreeMap<&'a str, usize>,
}

impl<'a> DocInfo<'a> {
    fn new(impacts: &'a Impacts, site: &'a SiteInfo) -> Self {
        let kind_index = site
            .kinds
            .iter()
            .enumerate()
            .map(|(i, (name, _, _, _))| (name.as_str(), i))
            .collect();
        DocInfo {
            impacts,
            kind_index,
        }
    }

    fn of(&self, doc: u32) -> serde_json::Value {
        let d = &self.impacts.docs[doc as usize];
        serde_json::json!([
            d.slug,
            self.kind_index.get(d.kind.as_str()).copied().unwrap_or(0),
            d.title,
            d.summary
        ])
    }
}

/// The commonest terms, which get rich files: term index → rich file id.
fn rich_terms(impacts: &Impacts) -> BTreeMap<usize, usize> {
    let doc_count = impacts.docs.len();
    let mut common: Vec<usize> = (0..impacts.terms.len())
        .filter(|&i| is_common(impacts.terms[i].postings.len(), doc_count))
        .collect();
    common.sort_by(|&a, &b| {
        let (a, b) = (&impacts.terms[a], &impacts.terms[b]);
        b.postings
            .len()
            .cmp(&a.postings.len())
            .then(a.term.cmp(&b.term))
    });
    common.truncate(MAX_RICH_TERMS);
    common.sort_unstable();
    common.iter().enumerate().map(|(id, &t)| (t, id)).collect()
}

/// One rich file: a common term's postings and the info of the articles it scores highest in.
struct RichFile {
    id: usize,
    payload: String,
    docs: Vec<serde_json::Value>,
}

fn rich_files(
    impacts: &Impacts,
    scale: &Scale,
    rich_id: &BTreeMap<usize, usize>,
    info: &DocInfo<'_>,
) -> Vec<RichFile> {
    let doc_count = impacts.docs.len() as u32;
    rich_id
        .iter()
        .map(|(&term_index, &id)| {
            let term = &impacts.terms[term_index];
            let encoded = split(term, scale);
            let mut payload = String::new();
            let flags = encoded.flags();
            push_term_head(&mut payload, "", &term.term, term.doc_freq, flags);
            push_postings(&mut payload, &encoded, &term.code_docs, doc_count);
            let docs = encoded
                .head
                .iter()
                .take(rich_info_docs(doc_count as usize))
                .map(|&(_, doc, _)| {
                    let mut record = info.of(doc);
                    if let serde_json::Value::Array(items) = &mut record {
                        items.insert(0, serde_json::json!(doc));
                    }
                    record
                })
                .collect();
            RichFile { id, payload, docs }
        })
        .collect()
}

/// Every term with its postings (a stub for rich terms), cut into shards of about
/// [`SHARD_BYTES`]: (first term, payload), the first shard's first term empty.
fn term_shards(
    impacts: &Impacts,
    scale: &Scale,
    rich_id: &BTreeMap<usize, usize>,
) -> Vec<(String, String)> {
    let doc_count = impacts.docs.len() as u32;
    // Each term's postings, encoded on every core: most of the work, and the last of a large
    // build. Only the entries' heads depend on the term before (its shared prefix), so they
    // are laid out one after another below.
    let postings: Vec<Option<(u64, String)>> = impacts
        .terms
        .par_iter()
        .enumerate()
        .with_min_len(256)
        .map(|(i, term)| {
            (!rich_id.contains_key(&i)).then(|| {
                let encoded = split(term, scale);
                let mut out = String::new();
                push_postings(&mut out, &encoded, &term.code_docs, doc_count);
                (encoded.flags(), out)
            })
        })
        .collect();
    let mut shards: Vec<(String, String)> = Vec::new();
    let mut payload = String::new();
    let mut first = String::new();
    let mut previous = String::new();
    for (term, postings) in impacts.terms.iter().zip(&postings) {
        if payload.len() >= SHARD_BYTES {
            shards.push((std::mem::take(&mut first), std::mem::take(&mut payload)));
            previous.clear();
        }
        if payload.is_empty() {
            first = if shards.is_empty() {
                String::new()
            } else {
                term.term.clone()
            };
        }
        match postings {
            None => push_term_head(
                &mut payload,
                &previous,
                &term.term,
                term.doc_freq,
                FLAG_STUB,
            ),
            Some((flags, postings)) => {
                push_term_head(&mut payload, &previous, &term.term, term.doc_freq, *flags);
                payload.push_str(postings);
            }
        }
        previous.clone_from(&term.term);
    }
    if !payload.is_empty() || shards.is_empty() {
        shards.push((first, payload));
    }
    shards
}

/// Word lists for typo matching: every term and its `df`, by first character: (previous
/// term, payload).
fn word_lists(impacts: &Impacts) -> BTreeMap<char, (String, String)> {
    let mut lists: BTreeMap<char, (String, String)> = BTreeMap::new();
    for term in &impacts.terms {
        let Some(first) = term.term.chars().next() else {
            continue;
        };
        let (previous, payload) = lists.entry(first).or_default();
        push_term_head(payload, previous, &term.term, term.doc_freq, FLAG_STUB);
        previous.clone_from(&term.term);
    }
    lists
}

/// The build id: a hash of everything the data files hold.
fn build_id(
    impacts: &Impacts,
    shards: &[(String, String)],
    rich: &[RichFile],
    tags: Option<&str>,
) -> String {
    let mut hasher = Fnv::default();
    if let Some(tags) = tags {
        hasher.write(tags.as_bytes());
    }
    for (_, payload) in shards {
        hasher.write(payload.as_bytes());
    }
    for file in rich {
        hasher.write(file.payload.as_bytes());
        hasher.write(
            serde_json::Value::Array(file.docs.clone())
                .to_string()
                .as_bytes(),
        );
    }
    for doc in &impacts.docs {
        hasher.write(doc.slug.as_bytes());
        hasher.write(doc.kind.as_bytes());
        hasher.write(doc.title.as_bytes());
        hasher.write(doc.summary.as_bytes());
    }
    format!("{:016x}", hasher.finish())
}

/// `manifest.js`: the manifest the client starts from, with its analysis module.
fn manifest(impacts: &Impacts, meta: &IndexMeta, site: &SiteInfo, parts: &Parts) -> Result<File> {
    let language = meta.analysis_language().ok_or_else(|| {
        Error::Internal(format!(
            "no analysis module for the index's analysis `{}`",
            meta.analysis
        ))
    })?;
    let module = module::encode(module::bytes(language));
    let manifest = serde_json::json!({
        "format": FORMAT,
        "build": parts.build,
        "language": meta.language,
        "options": { "fuzzy": meta.fuzzy, "prefix": meta.prefix },
        "analysis": {
            "id": analysis::analysis_id(language),
            "module": { "common": module.common, "text": module.text },
        },
        "query": {
            "minPrefixChars": query::MIN_PREFIX_CHARS,
            "maxPrefixTerms": query::MAX_PREFIX_TERMS,
            "fuzzyOneEditFrom": query::FUZZY_ONE_EDIT_FROM,
            "fuzzyTwoEditsFrom": query::FUZZY_TWO_EDITS_FROM,
            "maxTypoTerms": query::MAX_TYPO_TERMS,
            "typoWeightOne": query::TYPO_WEIGHT_ONE,
            "typoWeightTwo": query::TYPO_WEIGHT_TWO,
            "synonymWeight": query::SYNONYM_WEIGHT,
            "prominentWord": query::PROMINENT_WORD,
            "otherWord": query::OTHER_WORD,
            "minRequiredNumberDigits": query::MIN_REQUIRED_NUMBER_DIGITS,
        },
        "scale": [parts.scale.low, parts.scale.high],
        "docs": impacts.docs.len(),
        "infoBlock": INFO_BLOCK,
        "basePath": site.base_path,
        "kinds": site.kinds,
        "filters": filter_data(impacts, site),
        "lexicon": meta.lexicon,
        "strings": site.strings,
        "shards": parts.shards.iter().map(|(first, _)| first.as_str()).collect::<Vec<_>>(),
        "wordLists": parts.words.keys().collect::<String>(),
        "rich": parts.rich_id
            .iter()
            .map(|(&t, &id)| (impacts.terms[t].term.clone(), id))
            .collect::<BTreeMap<String, usize>>(),
    });
    Ok(data_file(
        "manifest.js".to_string(),
        &format!("[\"manifest\",{}]", ascii_json(&manifest)),
    ))
}

#[cfg(test)]
mod tests {
    use super::path_order;

    #[test]
    fn files_come_by_folder_then_by_number() {
        let mut paths = vec![
            "t/10.js",
            "w/1f.js",
            "manifest.js",
            "t/2.js",
            "w/a.js",
            "d/0.js",
            "f/tags.js",
            "r/3.js",
        ];
        paths.sort_by_key(|path| path_order(path));
        assert_eq!(
            paths,
            [
                "manifest.js",
                "d/0.js",
                "f/tags.js",
                "r/3.js",
                "t/2.js",
                "t/10.js",
                "w/a.js",
                "w/1f.js"
            ]
        );
    }
}
