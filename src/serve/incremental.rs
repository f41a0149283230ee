//! Incremental rebuilds for the dev server. Keeps every parsed file, the last good site and a
//! fingerprint per page (the build's own, [`render::Fingerprinter::all`]); on a change it re-reads and re-parses only
//! the changed files, re-links the whole graph (linear, and articles are shared, not copied),
//! and re-renders only the pages whose fingerprint changed: the article itself, its kind index,
//! the pages that list it through relations or as previous/next, and the home page when it
//! shows it. Sitemap, feed and robots are regenerated and written only if their bytes changed;
//! the parts of a split sitemap that it no longer has are removed.
//!
//! A change to a file of an article's folder (an image) re-reads that article with its files,
//! like an edit of the article. A change to `snippets/` re-reads the snippets and re-parses
//! exactly the articles that ask for a snippet that changed (or appeared, or went).
//!
//! A change to `book.toml` or to the theme rebuilds everything, and so does any change once the
//! build dir has lost Remedy's marker (deleted while serving). A change the per-file path
//! cannot reproduce exactly (folders, symlinks, bad names) re-walks `content/`, still reusing
//! the parse of every file whose text is unchanged. Whatever the path, the build dir ends up
//! byte-identical to what `remedy build` writes for the same sources. When the sources have
//! errors, nothing is written and the last good site keeps being served.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::model::{Site, Snippets};
use crate::pipeline::load::{self, Change, Source};
use crate::pipeline::parse::{self, Broken, Parsed};
use crate::pipeline::render::{self, PageFingerprint, PageId};
use crate::pipeline::write::{self, Sink as _};
use crate::seo;
use crate::theme::{self, Theme};
use crate::{BuildOptions, assemble};

use super::search::{Job, SearchSlot};
use std::sync::Arc;

/// What a call to [`Incremental::apply`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The build dir was updated.
    Rebuilt {
        /// Whether everything was rebuilt (configuration or theme changed).
        full: bool,
        /// Build-dir paths written or removed, `/`-separated, sorted.
        written: Vec<String>,
        /// Time from the start of the rebuild to the last file written.
        elapsed: Duration,
        /// Warnings of the new site.
        warnings: Vec<Diagnostic>,
    },
    /// The sources have errors; the build dir was left as it was.
    Failed(Vec<Diagnostic>),
    /// Nothing that affects the site changed.
    Unchanged,
}

mod body_only;
mod editions;

/// The dev server's build state.
pub struct Incremental {
    options: BuildOptions,
    config: Config,
    theme: Theme,
    build_dir: PathBuf,
    /// Every file under `content/` that the last walk found, parsed or with its problems.
    files: BTreeMap<PathBuf, FileEntry>,
    /// Problems of the tree itself (unknown folders, bad names), from the last walk, and of the
    /// files of article folders re-read since.
    tree_diagnostics: Vec<Diagnostic>,
    /// The site's snippets.
    snippets: Snippets,
    /// Problems with the files of `snippets/`.
    snippet_diagnostics: Vec<Diagnostic>,
    /// Fingerprints of the pages in the build dir, by build-dir path.
    pages: HashMap<String, u64>,
    /// The last site that built, if any.
    site: Option<Site>,
    /// Counts site versions, so search indexes are never replaced by older ones.
    generation: u64,
    /// The shared hashes behind the page fingerprints of the last site built.
    fingerprinter: Option<render::Fingerprinter>,
    /// The warnings of the last site built.
    warnings: Vec<Diagnostic>,
    /// Whether the last rebuild failed (the build dir holds an older site).
    failed: bool,
    /// The search index in the build dir, and the lock that orders writes to it.
    search: Arc<SearchSlot>,
    /// Every edition, from the last full load (see [`Incremental::with_editions`]); empty
    /// for a site in one language.
    editions: Arc<Vec<crate::model::Edition>>,
    /// The other editions' sites from the last full load, whose pages the sitemap lists.
    edition_sites: Vec<Site>,
    /// Fingerprints of the other editions' pages, by edition code, then by path inside the
    /// edition's folder (`causes/x/index.html` for `fr/causes/x/index.html`).
    edition_pages: BTreeMap<String, HashMap<String, u64>>,
    /// The last site built as search jobs share it, made when first asked for after the site
    /// was linked (see [`Incremental::search_job`]).
    for_search: Option<ForSearch>,
    /// The articles that links of the last site built point at with an `#anchor`, made when
    /// an edit first changes headings after the site was linked, and grown with the links of
    /// the bodies edited since (a link that went may stay: then an edit of its target's
    /// headings links the site again, which is only slower).
    anchor_targets: Option<HashSet<String>>,
}

/// A copy of the last site built, shared by the search jobs of the versions that differ from
/// it only in articles' bodies: after such an edit a job costs what the edit changed, not a
/// copy of the whole site.
struct ForSearch {
    /// The site as it was when copied.
    site: Arc<Site>,
    /// The articles whose bodies were edited since, by index.
    edited: BTreeMap<usize, Arc<crate::model::Article>>,
    /// Build-dir paths under `search/` that the indexer does not write (see [`Job::carry`]).
    carry: Vec<String>,
}

struct FileEntry {
    /// The text it was parsed from, to skip unchanged files on a re-walk.
    text_fingerprint: u64,
    /// The slug it is read as, to find two files of one article.
    slug: String,
    parsed: std::result::Result<Parsed, Box<Broken>>,
}

impl FileEntry {
    /// The snippets the file asked for (none when its body could not be read).
    fn snippets(&self) -> &[String] {
        match &self.parsed {
            Ok(Parsed::Article(article)) => &article.snippets,
            Err(broken) => match &broken.partial {
                Some(Parsed::Article(article)) => &article.snippets,
                _ => &[],
            },
            _ => &[],
        }
    }
}

impl Incremental {
    /// Builds the site once, fully. Content errors do not fail this: the state is kept and
    /// [`Incremental::last_failure`] holds them, so the server can start and show them.
    pub fn new(options: BuildOptions, search: Arc<SearchSlot>) -> Result<(Incremental, Outcome)> {
        let mut config = crate::load_config(&options)?;
        let theme = theme::load(&options.root, &config);
        let (theme, theme_error) = match theme {
            Ok(theme) => {
                theme::localize_config(&mut config, &theme);
                (Some(theme), None)
            }
            Err(Error::Content(diagnostics)) => (None, Some(diagnostics)),
            Err(other) => return Err(other),
        };
        let build_dir = options.root.join(&config.build_dir);
        let Some(theme) = theme else {
            return Err(Error::Content(theme_error.unwrap_or_default()));
        };
        let mut state = Incremental {
            options,
            config,
            theme,
            build_dir,
            files: BTreeMap::new(),
            tree_diagnostics: Vec::new(),
            snippets: Snippets::default(),
            snippet_diagnostics: Vec::new(),
            pages: HashMap::new(),
            site: None,
            generation: 0,
            fingerprinter: None,
            warnings: Vec::new(),
            failed: false,
            search,
            editions: Arc::default(),
            edition_sites: Vec::new(),
            edition_pages: BTreeMap::new(),
            for_search: None,
            anchor_targets: None,
        };
        let outcome = state.rebuild_everything()?;
        let outcome = state.with_editions(outcome, false)?;
        Ok((state, outcome))
    }

    /// Applies a batch of changed paths (relative to the site root or absolute under it): the
    /// default edition incrementally, then the other editions (see [`Self::with_editions`]).
    pub fn apply(&mut self, changed: &[PathBuf]) -> Result<Outcome> {
        let is_translation = |path: &PathBuf| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            name.strip_suffix(".md")
                .and_then(load::translation_language)
                .is_some()
        };
        let translations = changed.iter().any(is_translation);
        let originals: Vec<PathBuf> = changed
            .iter()
            .filter(|p| !is_translation(p))
            .cloned()
            .collect();
        let started = Instant::now();
        let outcome = self.apply_default(&originals)?;
        crate::serve::timings::lap("  default edition", started);
        self.with_editions(outcome, translations)
    }

    /// The build dir being served.
    pub fn build_dir(&self) -> &Path {
        &self.build_dir
    }

    /// The last site that built.
    pub fn site(&self) -> Option<&Site> {
        self.site.as_ref()
    }

    /// What the background re-indexer needs to bring the search indexes up to date with the
    /// last site built. The first job after the site was linked copies it; the jobs after edits
    /// of bodies share that copy and name the articles edited since.
    pub fn search_job(&mut self) -> Option<Job> {
        let site = self.site.as_ref()?;
        let for_search = self.for_search.get_or_insert_with(|| {
            let mut carry: Vec<String> = self
                .pages
                .keys()
                .filter(|p| p.starts_with("search/"))
                .cloned()
                .collect();
            carry.extend(
                self.theme
                    .assets
                    .keys()
                    .filter(|p| p.starts_with("search/"))
                    .cloned(),
            );
            carry.sort();
            carry.dedup();
            ForSearch {
                site: Arc::new(site.clone()),
                edited: BTreeMap::new(),
                carry,
            }
        });
        Some(Job {
            generation: self.generation,
            site: Arc::clone(&for_search.site),
            edited: for_search
                .edited
                .iter()
                .map(|(index, article)| (*index, Arc::clone(article)))
                .collect(),
            carry: for_search.carry.clone(),
            repair: false,
        })
    }

    /// Applies a batch of changed paths to the default edition.
    fn apply_default(&mut self, changed: &[PathBuf]) -> Result<Outcome> {
        let root = self.options.root.clone();
        let relative: Vec<PathBuf> = changed
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap_or(p).to_path_buf())
            .collect();
        let touches = |prefix: &str| relative.iter().any(|p| p.starts_with(prefix));
        if relative.iter().any(|p| p == Path::new(CONFIG_FILE))
            || touches(theme::THEMES_DIR)
            || touches(theme::SITE_TEMPLATES_DIR)
            || touches(theme::SITE_STATIC_DIR)
            || touches(crate::i18n::I18N_DIR)
        {
            return self.reload_everything();
        }
        let started = Instant::now();
        let mut walk = false;
        let mut any = false;
        let mut markdown = Vec::new();
        let mut snippets_changed = false;
        let tree_before = self.tree_diagnostics.clone();
        for path in &relative {
            let (path, slug, kind) = match load::classify(&root, &self.config, path) {
                Change::Ignored => continue,
                Change::NeedsFullWalk => {
                    walk = true;
                    continue;
                }
                Change::Snippets => {
                    snippets_changed = true;
                    continue;
                }
                Change::Markdown { slug, kind } => (path.clone(), slug, kind),
                Change::FileOfArticle {
                    article,
                    slug,
                    kind,
                } => (article, slug, kind),
            };
            any = true;
            if markdown.contains(&path) {
                continue;
            }
            markdown.push(path.clone());
            walk |= self.reload(&path, slug, kind, false);
        }
        crate::serve::timings::lap("  re-read and parsed", started);
        if snippets_changed {
            any = true;
            markdown.extend(self.reload_snippets()?);
        }
        if walk {
            return self.rewalk(false);
        }
        if !any {
            return Ok(Outcome::Unchanged);
        }
        // New problems of the tree (a file of an article folder too large) are reported by a
        // relink.
        if self.tree_diagnostics == tree_before
            && let Some(outcome) = self.body_only(&markdown, started)?
        {
            return Ok(outcome);
        }
        self.relink_and_write(false, started)
    }

    /// Re-reads the article file `path` (with the files of its folder) into the cache. Returns
    /// whether only a walk of `content/` can tell what the change does (a new file that would
    /// be a second file of one article).
    /// With `again`, the article is parsed even if its text and files did not change.
    fn reload(&mut self, path: &Path, slug: String, kind: Option<String>, again: bool) -> bool {
        let root = self.options.root.clone();
        self.tree_diagnostics.retain(|d| d.path != path);
        if !root.join(path).exists() {
            self.files.remove(path);
            return false;
        }
        // Only a file new to the site can clash with another's name or be a second file of
        // one article.
        let clash = !self.files.contains_key(path)
            && self.files.iter().any(|(other, entry)| {
                other != path
                    && (other.to_string_lossy().to_lowercase()
                        == path.to_string_lossy().to_lowercase()
                        || entry.slug.to_lowercase() == slug.to_lowercase())
            });
        if clash {
            return true;
        }
        match load::load_one(&root, path, slug.clone(), kind) {
            Ok((source, file_problems)) => {
                if source.is_folder() {
                    let folder = path.parent().unwrap_or(path).to_path_buf();
                    self.tree_diagnostics
                        .retain(|d| !is_file_of_folder(&root, &folder, &d.path));
                    self.tree_diagnostics.extend(file_problems);
                }
                self.parse_into_cache(source, again);
            }
            Err(diagnostic) => {
                self.files.insert(
                    path.to_path_buf(),
                    FileEntry {
                        text_fingerprint: 0,
                        slug,
                        parsed: Err(Box::new(Broken {
                            problems: vec![*diagnostic],
                            partial: None,
                        })),
                    },
                );
            }
        }
        false
    }

    /// Re-reads `snippets/` and parses again every article that asks for a snippet that
    /// changed, appeared or went. Returns the paths of those articles.
    fn reload_snippets(&mut self) -> Result<Vec<PathBuf>> {
        let root = self.options.root.clone();
        let (snippets, problems) = load::snippets::load_snippets(&root)?;
        self.snippet_diagnostics = problems;
        let old: BTreeMap<_, _> = self.snippets.files().map(|f| (f.name.clone(), f)).fold(
            BTreeMap::new(),
            |mut map, (name, file)| {
                map.entry(name)
                    .or_insert_with(Vec::new)
                    .push(Arc::clone(file));
                map
            },
        );
        let new: BTreeMap<_, _> = snippets.files().map(|f| (f.name.clone(), f)).fold(
            BTreeMap::new(),
            |mut map, (name, file)| {
                map.entry(name)
                    .or_insert_with(Vec::new)
                    .push(Arc::clone(file));
                map
            },
        );
        let changed: Vec<&String> = old
            .keys()
            .chain(new.keys())
            .filter(|name| old.get(*name) != new.get(*name))
            .collect();
        let affected: Vec<PathBuf> = self
            .files
            .iter()
            .filter(|(_, entry)| entry.snippets().iter().any(|n| changed.contains(&n)))
            .map(|(path, _)| path.clone())
            .collect();
        self.snippets = snippets;
        for path in &affected {
            if let Change::Markdown { slug, kind } = load::classify(&root, &self.config, path) {
                // The article's text may be the same: it is parsed again all the same.
                self.reload(path, slug, kind, true);
            }
        }
        Ok(affected)
    }

    fn parse_into_cache(&mut self, source: Source, again: bool) {
        let text_fingerprint = parse::fingerprint(&source, &self.config);
        if let Some(entry) = self.files.get(&source.path)
            && entry.text_fingerprint == text_fingerprint
            && text_fingerprint != 0
            && !again
        {
            return;
        }
        let context = parse::Context {
            config: &self.config,
            snippets: &self.snippets,
            statics: Some(&self.theme.asset_facts),
            translated: None,
        };
        let parsed = parse::parse(&source, &context);
        self.files.insert(
            source.path.clone(),
            FileEntry {
                text_fingerprint,
                slug: source.slug.clone(),
                parsed,
            },
        );
    }

    /// Reloads configuration and theme, then rebuilds everything.
    fn reload_everything(&mut self) -> Result<Outcome> {
        let mut config = match crate::load_config(&self.options) {
            Ok(config) => config,
            Err(Error::Content(diagnostics)) => {
                self.failed = true;
                return Ok(Outcome::Failed(diagnostics));
            }
            Err(other) => return Err(other),
        };
        let theme = match theme::load(&self.options.root, &config) {
            Ok(theme) => theme,
            Err(Error::Content(diagnostics)) => {
                self.failed = true;
                return Ok(Outcome::Failed(diagnostics));
            }
            Err(other) => return Err(other),
        };
        theme::localize_config(&mut config, &theme);
        self.build_dir = self.options.root.join(&config.build_dir);
        self.config = config;
        self.theme = theme;
        self.files.clear();
        self.rebuild_everything()
    }

    fn rebuild_everything(&mut self) -> Result<Outcome> {
        self.pages.clear();
        let (snippets, problems) = load::snippets::load_snippets(&self.options.root)?;
        self.snippets = snippets;
        self.snippet_diagnostics = problems;
        self.rewalk(true)
    }

    /// Walks `content/` again, re-parsing only files whose text changed.
    fn rewalk(&mut self, full: bool) -> Result<Outcome> {
        let started = Instant::now();
        let loaded = load::load_content(&self.options.root, &self.config)?;
        self.tree_diagnostics = loaded.diagnostics;
        let mut previous = std::mem::take(&mut self.files);
        let config = &self.config;
        let context = parse::Context {
            config,
            snippets: &self.snippets,
            statics: Some(&self.theme.asset_facts),
            translated: None,
        };
        let reused: Vec<(Source, u64, Option<FileEntry>)> = loaded
            .sources
            .into_iter()
            .map(|source| {
                let text_fingerprint = parse::fingerprint(&source, config);
                let entry = previous
                    .remove(&source.path)
                    .filter(|entry| entry.text_fingerprint == text_fingerprint);
                (source, text_fingerprint, entry)
            })
            .collect();
        let fresh: Vec<(PathBuf, FileEntry)> = reused
            .into_par_iter()
            .map(|(source, text_fingerprint, entry)| {
                let entry = entry.unwrap_or_else(|| FileEntry {
                    text_fingerprint,
                    slug: source.slug.clone(),
                    parsed: parse::parse(&source, &context),
                });
                (source.path, entry)
            })
            .collect();
        self.files = fresh.into_iter().collect();
        self.relink_and_write(full, started)
    }

    fn relink_and_write(&mut self, full: bool, started: Instant) -> Result<Outcome> {
        let parsed: Vec<_> = self.files.values().map(|e| e.parsed.clone()).collect();
        let mut diagnostics = self.tree_diagnostics.clone();
        diagnostics.extend(self.snippet_diagnostics.iter().cloned());
        let (mut site, warnings) = match assemble(
            &self.config,
            parsed,
            diagnostics,
            self.options.drafts,
            &crate::published_assets(&self.theme),
        ) {
            Ok(result) => result,
            Err(Error::Content(diagnostics)) => {
                self.failed = true;
                return Ok(Outcome::Failed(diagnostics));
            }
            Err(other) => return Err(other),
        };
        site.editions = self.editions.clone();
        let fingerprinter = render::Fingerprinter::new(&site, &self.theme);
        let fingerprints = fingerprinter.all(&site);
        self.generation += 1;
        let full = full || self.site.is_none() || !self.build_dir_intact();
        let written = if full {
            self.write_everything(&site)?
        } else {
            let others: Vec<&Site> = self.edition_sites.iter().collect();
            let site_files = render::site_files(&site, &others);
            let collisions = static_collisions(&site, &others, &self.theme, &site_files);
            if !collisions.is_empty() {
                self.failed = true;
                return Ok(Outcome::Failed(collisions));
            }
            self.write_changes(&site, &fingerprints, &site_files)?
        };
        self.pages = fingerprints
            .into_iter()
            .map(|(path, _, fp)| (path, fp))
            .collect();
        self.site = Some(site);
        self.for_search = None;
        self.anchor_targets = None;
        self.fingerprinter = Some(fingerprinter);
        self.warnings.clone_from(&warnings);
        self.failed = false;
        Ok(Outcome::Rebuilt {
            full,
            written,
            elapsed: started.elapsed(),
            warnings,
        })
    }

    /// Whether the build dir still holds the site this state wrote (it has Remedy's marker): one
    /// deleted or emptied while serving gets a full build, not only the changed pages.
    fn build_dir_intact(&self) -> bool {
        self.build_dir.join(write::MARKER_FILE).is_file()
    }

    /// A full build through a staging dir, swapped in like `remedy build` does.
    fn write_everything(&self, site: &Site) -> Result<Vec<String>> {
        let staging = write::Staging::new(&self.build_dir)?;
        // A progress bar for the first build of a large site; later full rebuilds are quiet.
        let progress = crate::progress_bar(
            self.options.progress
                && self.site.is_none()
                && site.articles.len() >= crate::PROGRESS_FROM,
        );
        let others: Vec<&Site> = self.edition_sites.iter().collect();
        crate::render_all(site, &others, &self.theme, &progress, &|path, bytes| {
            staging.put(path, bytes)
        })?;
        crate::pipeline::index::index(site, &staging)?;
        // The other editions are made again after the swap (see `with_editions`), each swapped
        // in whole: until then the build dir keeps their last pages, not a site without them.
        for edition in &self.config.editions {
            staging.keep(&edition.code)?;
        }
        let mut guard = self.search.hold();
        staging.commit()?;
        self.search
            .installed(&mut guard, self.generation, &self.build_dir);
        Ok(vec!["*".to_string()])
    }

    /// Re-renders the pages whose fingerprint changed and writes the site files `site_files`
    /// (see [`write_site_files`]).
    fn write_changes(
        &self,
        site: &Site,
        fingerprints: &[PageFingerprint],
        site_files: &[render::Output],
    ) -> Result<Vec<String>> {
        let _hold = self.search.hold();
        let renderer = render::PageRenderer::new(site, &self.theme);
        let stale: Vec<&PageFingerprint> = fingerprints
            .iter()
            .filter(|(path, _, fingerprint)| self.pages.get(path) != Some(fingerprint))
            .collect();
        let mut written = render_and_write(&renderer, &stale, &self.build_dir, "")?;
        let current: std::collections::HashSet<&str> =
            fingerprints.iter().map(|(p, _, _)| p.as_str()).collect();
        for path in self.pages.keys() {
            if !current.contains(path.as_str()) {
                write::remove_file(&self.build_dir, path)?;
                written.push(path.clone());
            }
        }
        written.extend(write_site_files(&self.build_dir, &self.theme, site_files)?);
        written.sort();
        Ok(written)
    }
}

/// The build's diagnostics when one of the default edition's `site_files` would land on a
/// static file of `theme` ([`crate::pipeline::reserved`]), else none. Only a part of the
/// sitemap can: an edit can make the sitemap outgrow one file without a full build, which is
/// where the build checks.
fn static_collisions(
    site: &Site,
    others: &[&Site],
    theme: &Theme,
    site_files: &[render::Output],
) -> Vec<Diagnostic> {
    if site_files
        .iter()
        .any(|file| theme.assets.contains_key(&file.path))
    {
        crate::pipeline::reserved::asset_collisions(site, others, theme, site_files)
    } else {
        Vec::new()
    }
}

/// Writes the site files `site_files` into `build_dir` where their bytes changed, then removes
/// the parts of a split sitemap that a larger sitemap left (`sitemap3.xml` once two parts
/// do, every part once one file holds it). The parts are numbered from 1 with no gap, so the
/// ones left over are those after the last one written, up to the first that is missing or
/// is a static file of `theme`. `_redirects` goes too once the site has no alias left (unless
/// it is the site's own static file). Returns the paths written or removed.
fn write_site_files(
    build_dir: &Path,
    theme: &Theme,
    site_files: &[render::Output],
) -> Result<Vec<String>> {
    let mut written = Vec::new();
    for output in site_files {
        if write::update_file(build_dir, &output.path, &output.bytes)? {
            written.push(output.path.clone());
        }
    }
    let parts = site_files
        .iter()
        .filter(|file| seo::is_sitemap_part(&file.path))
        .count();
    for number in parts + 1.. {
        let path = seo::sitemap_part(number);
        if theme.assets.contains_key(&path) || !build_dir.join(&path).is_file() {
            break;
        }
        write::remove_file(build_dir, &path)?;
        written.push(path);
    }
    let redirects = render::REDIRECTS_FILE;
    if !site_files.iter().any(|file| file.path == redirects)
        && !theme.assets.contains_key(redirects)
        && build_dir.join(redirects).is_file()
    {
        write::remove_file(build_dir, redirects)?;
        written.push(redirects.to_string());
    }
    Ok(written)
}

/// Whether the problem at `path` (relative to `root`) is about a file of the article folder
/// `folder`: a file under it that is not Markdown and not in a folder of another article.
fn is_file_of_folder(root: &Path, folder: &Path, path: &Path) -> bool {
    if !path.starts_with(folder) || path.extension().is_some_and(|e| e == "md") {
        return false;
    }
    let mut parent = path.parent();
    while let Some(dir) = parent {
        if dir == folder {
            return true;
        }
        if root.join(dir).join(load::FOLDER_ARTICLE).is_file() {
            return false;
        }
        parent = dir.parent();
    }
    false
}

/// The articles that a link of `site` points at with an `#anchor` (from an article, the home
/// page or a kind's intro), by slug.
fn anchor_link_targets(site: &Site) -> HashSet<String> {
    let links = site
        .articles
        .iter()
        .flat_map(|article| &article.links)
        .chain(&site.home.links)
        .chain(site.sections.values().flat_map(|section| &section.links));
    links
        .filter(|link| link.anchor.is_some())
        .map(|link| link.target.clone())
        .collect()
}

/// Renders `pages` on every core and writes each into `build_dir` under `prefix` (an edition's),
/// only where its bytes changed. Returns the paths written, in the pages' order.
fn render_and_write(
    renderer: &render::PageRenderer<'_>,
    pages: &[&PageFingerprint],
    build_dir: &Path,
    prefix: &str,
) -> Result<Vec<String>> {
    let results: Vec<Result<Option<String>>> = pages
        .par_iter()
        .map(|(_, page, _)| {
            let output = renderer
                .render(*page)
                .map_err(|d| Error::Content(vec![*d]))?;
            let path = format!("{prefix}{}", output.path);
            let changed = write::update_file(build_dir, &path, &output.bytes)?;
            Ok(changed.then_some(path))
        })
        .collect();
    let mut written = Vec::new();
    for result in results {
        written.extend(result?);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(path: &str, text: &str) -> render::Output {
        render::Output {
            path: path.to_string(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    /// A sitemap that shrinks leaves no part behind; a static file at a part's path stays.
    #[test]
    fn site_files_remove_the_sitemap_parts_left_over() {
        let mut theme = crate::fixture::loaded().theme;
        let build = tempfile::tempdir().unwrap();
        let dir = build.path();
        let parts = |count: usize| {
            let mut files = vec![output("sitemap.xml", &format!("index of {count}"))];
            files.extend((1..=count).map(|n| output(&seo::sitemap_part(n), "part")));
            files.push(output("robots.txt", "robots"));
            files
        };
        let on_disk = || {
            let mut names: Vec<String> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        let written = write_site_files(dir, &theme, &parts(3)).unwrap();
        assert_eq!(
            written,
            [
                "sitemap.xml",
                "sitemap1.xml",
                "sitemap2.xml",
                "sitemap3.xml",
                "robots.txt"
            ]
        );
        let written = write_site_files(dir, &theme, &parts(1)).unwrap();
        assert_eq!(written, ["sitemap.xml", "sitemap2.xml", "sitemap3.xml"]);
        assert_eq!(on_disk(), ["robots.txt", "sitemap.xml", "sitemap1.xml"]);
        // Back to one file: the last part goes too, and nothing else is touched.
        let single = [
            output("sitemap.xml", "urlset"),
            output("robots.txt", "robots"),
        ];
        let written = write_site_files(dir, &theme, &single).unwrap();
        assert_eq!(written, ["sitemap.xml", "sitemap1.xml"]);
        assert_eq!(on_disk(), ["robots.txt", "sitemap.xml"]);
        // A static file of the site at `sitemap1.xml` is the site's, not a part left over.
        std::fs::write(dir.join("sitemap1.xml"), "mine").unwrap();
        theme.assets.insert(
            "sitemap1.xml".into(),
            crate::theme::Asset {
                bytes: b"mine".to_vec(),
                origin: crate::theme::Origin::File("static/sitemap1.xml".into()),
            },
        );
        assert!(write_site_files(dir, &theme, &single).unwrap().is_empty());
        assert_eq!(std::fs::read(dir.join("sitemap1.xml")).unwrap(), b"mine");
    }

    #[test]
    fn site_files_remove_the_redirects_once_no_alias_is_left() {
        let mut theme = crate::fixture::loaded().theme;
        theme.assets.remove(render::REDIRECTS_FILE);
        let build = tempfile::tempdir().unwrap();
        let dir = build.path();
        let robots = output("robots.txt", "robots");
        let redirects = output(render::REDIRECTS_FILE, "/old /new/ 301\n");
        let written = write_site_files(dir, &theme, &[robots.clone(), redirects]).unwrap();
        assert_eq!(written, ["robots.txt", "_redirects"]);
        // The last alias deleted: the rules go with it.
        let written = write_site_files(dir, &theme, std::slice::from_ref(&robots)).unwrap();
        assert_eq!(written, ["_redirects"]);
        assert!(!dir.join(render::REDIRECTS_FILE).exists());
        // A site that ships its own `_redirects` keeps it.
        std::fs::write(dir.join(render::REDIRECTS_FILE), "mine").unwrap();
        theme.assets.insert(
            render::REDIRECTS_FILE.into(),
            crate::theme::Asset {
                bytes: b"mine".to_vec(),
                origin: crate::theme::Origin::File("static/_redirects".into()),
            },
        );
        assert!(write_site_files(dir, &theme, &[robots]).unwrap().is_empty());
        assert_eq!(
            std::fs::read(dir.join(render::REDIRECTS_FILE)).unwrap(),
            b"mine"
        );
    }
}
