//! Editions (`[languages.<code>]`): the site in another language, published under `/<code>/`.
//!
//! An edition is a whole [`Site`] made by the same stages as the default one, with its own
//! [`Config`] ([`Config::for_edition`]: language and search analysis, title, kind titles, base
//! URL under `<code>/`). Its articles are the translations (`x.fr.md` beside `x.md`), each
//! taking its relations, error codes and weight from the original (and its tags, unless it
//! gives its own in its language, like a Hugo or Zola translation), and, for every
//! article not translated, the original itself as a fallback ([`Article::fallback`]): listed
//! in the edition's navigation, kind pages and relations, with no page of its own, linking to
//! the original's page. [`parse`] makes an edition's files from the default site's;
//! [`health`] is what `remedy check` reports of a translation. Reads and writes no file.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{self, Diagnostic};
use crate::language::native_name;
use crate::model::{Article, Edition, FileFacts, Site, Snippets, kinds};
use crate::pipeline::load::Source;
use crate::pipeline::parse::{self, Parsed};

/// The front-matter keys a translation may give; the others come from the original.
pub const TRANSLATION_KEYS: [&str; 9] = [
    "title", "summary", "symptoms", "effort", "updated", "draft", "aliases", "tags", "extra",
];

/// The default edition as every edition's pages see it: all its articles have a page.
pub fn default_edition(site: &Site) -> Edition {
    Edition {
        code: site.config.language.clone(),
        name: native_name(&site.config.language),
        prefix: String::new(),
        articles: site.articles.iter().map(|a| a.slug.clone()).collect(),
        tags: site.tags.iter().map(|tag| tag.slug.clone()).collect(),
    }
}

/// An edition as every edition's pages see it: its translated articles have a page.
pub fn edition_of(site: &Site) -> Edition {
    Edition {
        code: site.config.language.clone(),
        name: native_name(&site.config.language),
        prefix: site.config.edition_prefix.clone(),
        articles: site
            .articles
            .iter()
            .filter(|a| a.fallback.is_none())
            .map(|a| a.slug.clone())
            .collect(),
        tags: site.tags.iter().map(|tag| tag.slug.clone()).collect(),
    }
}

/// The path of the original a translation translates: `content/causes/x.fr.md` →
/// `content/causes/x.md`, `content/causes/x/index.fr.md` → `content/causes/x/index.md`.
pub fn original_path(translation: &Source) -> std::path::PathBuf {
    let name = translation
        .path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let code = translation.language.as_deref().unwrap_or_default();
    let original = name
        .strip_suffix(&format!(".{code}.md"))
        .map_or(name.clone(), |stem| format!("{stem}.md"));
    translation.path.with_file_name(original)
}

/// Located errors for the keys of a translation's front matter that come from the original
/// (`fixes`, `weight`, ...): "`fixes` comes from the original `content/causes/x.md`". Only
/// the top-level keys, before the first `[table]`, are keys of the article.
pub fn foreign_keys(source: &Source) -> Vec<Diagnostic> {
    let Ok(split) = crate::front_matter::split(&source.path, &source.text) else {
        return Vec::new(); // the parse stage reports it
    };
    let original = diagnostic::display_path(&original_path(source));
    let mut problems = Vec::new();
    let mut offset = split.front_matter_offset;
    for line in split.front_matter.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            break;
        }
        let key = trimmed
            .split(['=', ' ', '\t', '.'])
            .next()
            .unwrap_or_default()
            .trim_matches('"');
        if !key.is_empty() && !key.starts_with('#') && !TRANSLATION_KEYS.contains(&key) {
            let start = offset + (line.len() - trimmed.len());
            problems.push(
                Diagnostic::at(
                    &source.path,
                    &source.text,
                    start..start + key.len(),
                    format!("`{key}` comes from the original `{original}`"),
                )
                .with_help(format!(
                    "a translation gives only {}",
                    TRANSLATION_KEYS.map(|k| format!("`{k}`")).join(", ")
                )),
            );
        }
        offset += line.len();
    }
    problems
}

/// Whether a translation's front matter says `draft = true`.
fn is_draft(source: &Source) -> bool {
    crate::front_matter::split(&source.path, &source.text)
        .ok()
        .and_then(|split| split.front_matter.parse::<toml::Table>().ok())
        .and_then(|table| table.get("draft").and_then(toml::Value::as_bool))
        .unwrap_or(false)
}

/// What [`assemble`] needs besides the default site and the edition's configuration.
pub struct Inputs<'a> {
    /// Every original's slug (`causes/x`, `causes/_index`, `_index`), drafts included.
    pub originals: &'a BTreeSet<String>,
    /// The translations of every language.
    pub translations: &'a [Source],
    /// The site's snippets.
    pub snippets: &'a Snippets,
    /// The theme's and `static/`'s files.
    pub statics: Option<&'a BTreeMap<String, FileFacts>>,
    /// Whether drafts are published.
    pub include_drafts: bool,
    /// The theme's asset paths, which nothing may be published over.
    pub assets: &'a BTreeSet<String>,
}

/// What [`parse`] makes of an edition: its files, parsed, for [`crate::assemble`], and the
/// problems found before parsing.
pub type EditionFiles = (Vec<Result<Parsed, Box<parse::Broken>>>, Vec<Diagnostic>);

/// Parses the files of the edition `config` (from [`Config::for_edition`]): the translations
/// into its language, each with what comes from its original, and the default edition's
/// articles and intros it has no translation of, as fallbacks. [`crate::assemble`] links them
/// into the edition's site. The diagnostics hold the problems found before parsing (keys a
/// translation may not give) and the warning of a translation without an original.
pub fn parse(default: &Site, config: &Config, inputs: &Inputs<'_>) -> EditionFiles {
    let code = config.language.clone();
    let mut diagnostics = Vec::new();
    let mut sources = Vec::new();
    for source in inputs
        .translations
        .iter()
        .filter(|s| s.language.as_deref() == Some(code.as_str()))
    {
        if !inputs.originals.contains(&source.slug) {
            diagnostics.push(
                Diagnostic::file(
                    &source.path,
                    format!(
                        "translation without an original: there is no `{}`",
                        diagnostic::display_path(&original_path(source))
                    ),
                )
                .with_help("rename it after the article it translates, or delete it")
                .warning(),
            );
            continue;
        }
        let published = source.is_section() || default.by_slug.contains_key(&source.slug);
        if !published || (is_draft(source) && !inputs.include_drafts) {
            continue; // its original is a draft left out, or it is one itself
        }
        // An intro's front matter is its own (`title`, `description`).
        let foreign = if source.is_section() {
            Vec::new()
        } else {
            foreign_keys(source)
        };
        if foreign.is_empty() {
            sources.push(source);
        } else {
            diagnostics.extend(foreign);
        }
    }
    let translated: BTreeSet<String> = sources
        .iter()
        .filter(|s| !s.is_section())
        .map(|s| s.slug.clone())
        .collect();
    let context = parse::Context {
        config,
        snippets: inputs.snippets,
        statics: inputs.statics,
        translated: Some(&translated),
    };
    let results: Vec<_> = sources
        .par_iter()
        .map(|source| parse::parse(source, &context))
        .collect();
    let mut parsed = Vec::with_capacity(default.articles.len() + results.len());
    let mut translated_sections = BTreeSet::new();
    for result in results {
        let result = match result {
            Ok(Parsed::Article(article)) => match default.article(&article.slug) {
                Some(original) => Ok(Parsed::Article(Arc::new(merge(article, original)))),
                None => continue,
            },
            Ok(Parsed::Section { kind, section }) => {
                translated_sections.insert(kind.clone());
                Ok(Parsed::Section { kind, section })
            }
            Err(broken) => Err(broken),
        };
        parsed.push(result);
    }
    for original in &default.articles {
        if !translated.contains(&original.slug) {
            parsed.push(Ok(Parsed::Article(Arc::new(fallback(
                original,
                &default.config.language,
            )))));
        }
    }
    // Intros not translated are the original's; their links were checked in the default
    // edition, where they lead.
    let originals = std::iter::once((None, &default.home)).chain(
        default
            .sections
            .iter()
            .map(|(kind, section)| (Some(kind.clone()), section)),
    );
    for (kind, section) in originals {
        if !translated_sections.contains(&kind) && !section.path.as_os_str().is_empty() {
            let mut section = section.clone();
            section.links.clear();
            section.warnings.clear();
            parsed.push(Ok(Parsed::Section { kind, section }));
        }
    }
    (parsed, diagnostics)
}

/// A parsed translation with what comes from its original: relations, error codes, weight,
/// and tags unless it gives its own (the kind and slug are the same by construction). Its folder's files are the
/// original's, published once beside the original's page (the translation's images point
/// there), so it publishes none of its own.
fn merge(translation: Arc<Article>, original: &Article) -> Article {
    let mut article = Arc::unwrap_or_clone(translation);
    article.files.clear();
    let front = &mut article.front;
    front.fixes = original.front.fixes.clone();
    front.causes = original.front.causes.clone();
    front.related = original.front.related.clone();
    front.error_codes = original.front.error_codes.clone();
    front.weight = original.front.weight;
    // Its own tags, in its language, when it gives them (`tags = ["réseau"]`): its edition's
    // tag pages and chips use them. Without them, the original's.
    if front.tags.is_empty() {
        front.tags = original.front.tags.clone();
    }
    article
}

/// The original listed in an edition that has no translation of it: no page, no files, no
/// redirects of its own there (the default edition publishes them), its links and warnings
/// already reported.
fn fallback(original: &Article, language: &str) -> Article {
    let mut article = original.clone();
    article.fallback = Some(language.to_string());
    article.links.clear();
    article.warnings.clear();
    article.files.clear();
    article.front.aliases.clear();
    article.front.draft = false;
    article
}

/// `remedy check`'s translation health of the edition `edition` against the default edition
/// `default`: a stale translation (its original updated after it), a translated cause whose
/// fixes are not translated, a translation lacking an explicit heading id (`{#id}`) of its
/// original that a link of the default edition names (ids made from the heading's text are
/// in the translation's language, and the link stage checks the edition's own links). Warnings, errors under `--strict`.
pub fn health(default: &Site, edition: &Site) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let default_path = |slug: &str| {
        default
            .article(slug)
            .map(|a| diagnostic::display_path(&a.path))
            .unwrap_or_default()
    };
    for (index, article) in edition.articles.iter().enumerate() {
        if article.fallback.is_some() {
            continue;
        }
        let Some(original) = default.article(&article.slug) else {
            continue;
        };
        if let (Some(original_date), Some(date)) = (original.front.updated, article.front.updated)
            && original_date > date
        {
            diagnostics.push(
                at_key(article, "updated", || {
                    format!(
                        "stale translation: `{}` was updated on {original_date}, this translation on {date}",
                        diagnostic::display_path(&original.path)
                    )
                })
                .with_help("bring the translation up to date, then set its `updated` to the original's")
                .warning(),
            );
        }
        if article.kind == kinds::CAUSE {
            let missing: Vec<String> = edition.relations[index]
                .by_kind
                .get(kinds::FIX)
                .into_iter()
                .flatten()
                .filter(|&&fix| edition.articles[fix].fallback.is_some())
                .map(|&fix| format!("`{}`", default_path(&edition.articles[fix].slug)))
                .collect();
            if !missing.is_empty() {
                diagnostics.push(
                    at_key(article, "title", || {
                        format!(
                            "translated cause whose fixes are not translated: {}",
                            missing.join(", ")
                        )
                    })
                    .with_help(format!(
                        "readers of this edition are sent to the fixes in `{}`",
                        default.config.language
                    ))
                    .warning(),
                );
            }
        }
    }
    // Links into a translated article, by anchor: does the translation have the heading?
    let mut reported = BTreeSet::new();
    for source in &default.articles {
        for link in &source.links {
            let Some(anchor) = link.anchor.as_deref().filter(|a| !a.is_empty()) else {
                continue;
            };
            let Some(&index) = edition.by_slug.get(&link.target) else {
                continue;
            };
            let target = &edition.articles[index];
            // Only an id the original gives explicitly (`{#id}`) is one a translation keeps:
            // others are made from the heading's text, in the translation's language.
            let explicit = default
                .article(&link.target)
                .is_some_and(|original| original.source.contains(&format!("{{#{anchor}}}")));
            if !explicit
                || target.fallback.is_some()
                || target.headings.iter().any(|h| h.id == anchor)
                || !reported.insert((link.target.clone(), anchor.to_string()))
            {
                continue;
            }
            diagnostics.push(
                Diagnostic::file(
                    &target.path,
                    format!(
                        "no heading with id `{anchor}`, which `{}` links to in the original",
                        diagnostic::display_path(&source.path)
                    ),
                )
                .with_help(format!(
                    "give the translated heading the original's id: `## … {{#{anchor}}}`"
                ))
                .warning(),
            );
        }
    }
    diagnostics
}

/// How much of the default edition is translated into `edition`: (translated, articles).
pub fn share(edition: &Site) -> (usize, usize) {
    let translated = edition
        .articles
        .iter()
        .filter(|a| a.fallback.is_none())
        .count();
    (translated, edition.articles.len())
}

/// A diagnostic located at the front-matter key `key` of an article (at the file when the key
/// is not found).
fn at_key(article: &Article, key: &str, message: impl FnOnce() -> String) -> Diagnostic {
    let text = &article.source;
    let start = text
        .match_indices(key)
        .find(|(i, _)| *i == 0 || text.as_bytes()[i - 1] == b'\n')
        .map(|(i, _)| i);
    match start {
        Some(start) => Diagnostic::at(&article.path, text, start..start + key.len(), message()),
        None => Diagnostic::file(&article.path, message()),
    }
}

/// Every original slug of a site's sources, for [`Inputs::originals`].
pub fn original_slugs(sources: &[Source]) -> BTreeSet<String> {
    sources.iter().map(|s| s.slug.clone()).collect()
}
