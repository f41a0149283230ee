//! # Remedy
//!
//! Remedy turns a folder of Markdown articles — causes, fixes, best practices, restore
//! procedures, error codes, FAQ entries, guides — into a static help site with a symptom search
//! that works offline.
//!
//! ```text
//!  book.toml ─┐
//!  content/ ──┴─ load ─→ parse (parallel) ─→ link ─→ render (parallel) ─→ index ─→ write
//!                Source     Article           Site      pages, sitemap,     search    staging dir,
//!                                          (relations)  feed, assets        indexes   swapped in
//!                                                                                     atomically
//! ```
//!
//! Each stage lives in [`pipeline`], in a file named after it. Content problems at any stage are
//! [`Diagnostic`]s, collected and reported together; [`build`] refuses to write a site that has
//! any, and [`check`] runs the same stages without writing.

#![warn(missing_docs)]

pub mod cli;
pub mod cmd;
pub mod config;
pub mod diagnostic;
pub mod edition;
pub mod error;
#[cfg(test)]
mod fixture;
pub mod front_matter;
pub mod health;
pub mod i18n;
pub mod image_size;
pub mod language;
pub mod llms;
pub mod markdown;
pub mod model;
#[cfg(test)]
mod module_graph;
pub mod pipeline;
#[cfg(test)]
mod properties;
pub mod search;
pub mod search_tests;
pub mod seo;
pub mod serve;
pub mod suggest;
pub mod text;
pub mod theme;
pub mod troubleshooter;
pub mod walk;
pub mod work_limit;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
pub use crate::diagnostic::Diagnostic;
pub use crate::error::{Error, Result};
use crate::model::Site;
pub use crate::pipeline::bodies::Bodies;
use crate::pipeline::parse::{Broken, Parsed};
use crate::pipeline::render::PageId;
use crate::pipeline::{index, link, load, parse, render, write};

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site root (the folder with `book.toml`).
    pub root: PathBuf,
    /// Overrides `[build] build-dir`.
    pub out: Option<PathBuf>,
    /// Overrides `[build] base-url`.
    pub base_url: Option<String>,
    /// Include articles marked `draft = true`.
    pub drafts: bool,
    /// Sets `[build] portable`: links between pages name their `index.html`.
    pub portable: bool,
    /// Show a progress bar while rendering (only makes sense on a terminal).
    pub progress: bool,
}

/// What a build did.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    /// The build dir written.
    pub build_dir: PathBuf,
    /// Number of HTML pages.
    pub pages: usize,
    /// Articles per kind, in kind order: (kind title, count).
    pub articles_per_kind: Vec<(String, usize)>,
    /// Warnings (the build had no errors).
    pub warnings: Vec<Diagnostic>,
    /// Time spent per step.
    pub timings: Vec<(&'static str, Duration)>,
}

/// A loaded, checked site, ready to render.
#[derive(Debug)]
pub struct Loaded {
    /// The site and its relation graph: the default edition.
    pub site: Site,
    /// The other editions (`[languages.<code>]`), by code.
    pub editions: Vec<Site>,
    /// The theme.
    pub theme: theme::Theme,
    /// Warnings found on the way.
    pub warnings: Vec<Diagnostic>,
    /// Time spent per step.
    pub timings: Vec<(&'static str, Duration)>,
    /// The site's snippets, which an article parsed again includes.
    pub snippets: model::Snippets,
}

/// Reads the configuration, applying command-line overrides.
pub fn load_config(options: &BuildOptions) -> Result<Config> {
    let mut config = load::load_config(&options.root)?;
    if let Some(base_url) = &options.base_url {
        let text = format!("[build]\nbase-url = {}\n", toml_string(base_url));
        let parsed = config::parse(Path::new("--base-url"), &text).map_err(|d| {
            Error::Usage(format!(
                "--base-url: {}",
                d.first().map(|d| d.message.as_str()).unwrap_or("")
            ))
        })?;
        config.base_url = parsed.base_url;
    }
    if let Some(out) = &options.out {
        config.build_dir = out.clone();
    }
    if options.portable {
        config.portable = true;
    }
    config::check_build_dir_in(&options.root, &config.build_dir).map_err(Error::Usage)?;
    Ok(config)
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Runs load → parse → link: everything up to rendering. Errors in the content are returned as
/// [`Error::Content`] with every diagnostic found.
pub fn load_site(options: &BuildOptions) -> Result<Loaded> {
    load_site_with(options, Bodies::Held)
}

/// [`load_site`], letting go of the articles' bodies as `bodies` says (see
/// [`pipeline::bodies`]): a site that let go of them can only be built by [`build_with`] (or
/// checked by [`check_with`], which loads it keeping the files' text).
pub fn load_site_with(options: &BuildOptions, bodies: Bodies) -> Result<Loaded> {
    load_site_keeping(options, bodies, false)
}

/// [`load_site_with`], keeping every article's file text when `keep_files` (what `remedy check`
/// locates its warnings in) even if its body is let go of.
fn load_site_keeping(options: &BuildOptions, bodies: Bodies, keep_files: bool) -> Result<Loaded> {
    let mut timings = Vec::new();
    let started = Instant::now();
    let mut config = load_config(options)?;
    // The editions start from the kinds as book.toml writes them, and get the standard kinds'
    // titles in their own language.
    let written = config.clone();
    // Template problems are reported together with the content's, not instead of them.
    let (theme, template_problems) = match theme::load(&options.root, &config) {
        Ok(theme) => {
            theme::localize_config(&mut config, &theme);
            let warnings = theme.warnings.clone();
            (Some(theme), warnings)
        }
        Err(Error::Content(problems)) => (None, problems),
        Err(other) => return Err(other),
    };
    timings.push(("config and theme", started.elapsed()));

    let started = Instant::now();
    let mut loaded = load::load_content(&options.root, &config)?;
    let (snippets, snippet_problems) = load::snippets::load_snippets(&options.root)?;
    timings.push(("load", started.elapsed()));

    let started = Instant::now();
    let context = parse::Context {
        config: &config,
        snippets: &snippets,
        statics: theme.as_ref().map(|theme| &theme.asset_facts),
        translated: None,
    };
    // An article takes its file's text from the loaded source as it is parsed: a large site
    // is not held twice. A large one lets go of the bodies too, past its first files.
    let mut markdown = 0;
    let released: Vec<bool> = loaded
        .sources
        .iter()
        .map(|source| {
            let release = bodies.release(markdown);
            markdown += source.text.len() as u64;
            release
        })
        .collect();
    let results: Vec<_> = loaded
        .sources
        .par_iter_mut()
        .zip(released)
        .map(|(source, release)| {
            let mut parsed = parse::parse_taking(
                source,
                &context,
                if release {
                    parse::Parts::AllButBody
                } else {
                    parse::Parts::All
                },
            );
            if release
                && let Ok(Parsed::Article(article)) = &mut parsed
                && let Some(article) = std::sync::Arc::get_mut(article)
            {
                pipeline::bodies::release_body(article);
            }
            parsed
        })
        .collect();
    timings.push(("parse", started.elapsed()));

    let started = Instant::now();
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(snippet_problems);
    diagnostics.extend(template_problems);
    diagnostics.extend(search::lexicon::problems(
        &config.search.synonyms,
        config.search.language,
    ));
    let published = theme.as_ref().map(published_assets).unwrap_or_default();
    let (mut site, mut warnings) =
        assemble(&config, results, diagnostics, options.drafts, &published)?;
    timings.push(("link", started.elapsed()));
    // Template problems are errors, so `assemble` has returned them if there were any.
    let theme = theme.ok_or_else(|| Error::Internal("the theme did not load".to_string()))?;

    let started = Instant::now();
    let originals = edition::original_slugs(&loaded.sources);
    let inputs = edition::Inputs {
        originals: &originals,
        translations: &loaded.translations,
        snippets: &snippets,
        statics: Some(&theme.asset_facts),
        include_drafts: options.drafts,
        assets: &published,
    };
    let mut editions = Vec::new();
    let mut problems = Vec::new();
    for code in config.editions.iter().map(|e| &e.code) {
        let mut edition_config = written
            .for_edition(code)
            .ok_or_else(|| Error::Internal(format!("no edition `{code}`")))?;
        theme::localize_config(&mut edition_config, &theme);
        let (parsed, mut found) = edition::parse(&site, &edition_config, &inputs);
        found.extend(search::lexicon::problems(
            &edition_config.search.synonyms,
            edition_config.search.language,
        ));
        match assemble(&edition_config, parsed, found, options.drafts, &published) {
            Ok((edition_site, edition_warnings)) => {
                warnings.extend(edition_warnings);
                editions.push(edition_site);
            }
            Err(Error::Content(found)) => problems.extend(found),
            Err(other) => return Err(other),
        }
    }
    if !problems.is_empty() {
        problems.extend(warnings);
        diagnostic::sort(&mut problems);
        problems.dedup();
        return Err(Error::Content(problems));
    }
    if !editions.is_empty() {
        let list: Vec<model::Edition> = std::iter::once(edition::default_edition(&site))
            .chain(editions.iter().map(edition::edition_of))
            .collect();
        let list = std::sync::Arc::new(list);
        site.editions = list.clone();
        for edition_site in &mut editions {
            edition_site.editions = list.clone();
        }
        diagnostic::sort(&mut warnings);
        warnings.dedup();
        timings.push(("editions", started.elapsed()));
    }
    // Nothing more is reported in the articles' files, unless they are kept for the warnings.
    if !keep_files {
        for article in &mut site.articles {
            if let Some(article) = std::sync::Arc::get_mut(article) {
                pipeline::bodies::release_source(article);
            }
        }
    }
    Ok(Loaded {
        site,
        editions,
        theme,
        warnings,
        timings,
        snippets,
    })
}

/// The build-dir paths of a theme's assets (its static files and the site's `static/`), which
/// no alias and no file of an article may take.
pub fn published_assets(theme: &theme::Theme) -> std::collections::BTreeSet<String> {
    theme.assets.keys().cloned().collect()
}

/// Links parsed files into a site: leaves drafts out unless `include_drafts`, runs the link
/// stage (which also checks the relations and links of files with problems of their own, and
/// that nothing is published over `assets`, the theme's files), and sorts every diagnostic
/// (`diagnostics` holds those of earlier stages, to which the config's warnings and those of
/// parsed files are added). Returns the site and its warnings, or [`Error::Content`] with every
/// problem if there is any error.
pub fn assemble(
    config: &Config,
    parsed: impl IntoIterator<Item = Result<Parsed, Box<Broken>>>,
    mut diagnostics: Vec<Diagnostic>,
    include_drafts: bool,
    assets: &std::collections::BTreeSet<String>,
) -> Result<(Site, Vec<Diagnostic>)> {
    diagnostics.extend(config.warnings.iter().cloned());
    let mut articles = Vec::new();
    let mut sections = Vec::new();
    let mut left_out = link::LeftOut::default();
    for result in parsed {
        match result {
            Ok(Parsed::Article(article)) => {
                if article.front.draft && !include_drafts {
                    left_out.drafts.insert(article.slug.clone());
                } else {
                    diagnostics.extend(article.warnings.iter().cloned());
                    articles.push(article);
                }
            }
            Ok(Parsed::Section { kind, section }) => {
                diagnostics.extend(section.warnings.iter().cloned());
                sections.push((kind, section));
            }
            Err(broken) => {
                let Broken { problems, partial } = *broken;
                diagnostics.extend(problems);
                match partial {
                    Some(Parsed::Article(article)) if !article.front.draft || include_drafts => {
                        // Its problems may all be in snippets it includes, not in its file.
                        left_out.broken.insert(article.slug.clone());
                        left_out.partial_articles.push(article);
                    }
                    Some(Parsed::Section { section, .. }) => {
                        left_out.partial_sections.push(section);
                    }
                    _ => {}
                }
            }
        }
    }
    // Articles whose file has problems of its own: links to them are not reported again.
    for diagnostic in &diagnostics {
        let path = diagnostic::display_path(&diagnostic.path);
        if let Some(slug) = path
            .strip_prefix("content/")
            .and_then(|p| p.strip_suffix(".md"))
        {
            // `content/<kind>/<slug>/index.md` is the article `<kind>/<slug>`.
            let slug = slug.strip_suffix("/index").unwrap_or(slug);
            left_out.broken.insert(slug.to_string());
        }
    }
    let (site, link_diagnostics) = link::link(config, articles, sections, &left_out, assets);
    diagnostics.extend(link_diagnostics);
    diagnostic::sort(&mut diagnostics);
    // A problem in a snippet is found once per article that includes it.
    diagnostics.dedup();
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(Error::Content(diagnostics));
    }
    Ok((site, diagnostics))
}

/// Renders every page of a loaded site, in parallel, handing each to `sink` (with its path
/// in the edition: an edition other than the default one is written under its prefix by the
/// caller). `others` are the other editions, whose pages the default edition's sitemap lists;
/// the theme's assets are handed over with the default edition only. Template errors are
/// collected; the first failing page of each template is reported. Returns the number of HTML
/// pages (the articles' Markdown files are written too, but not counted).
pub fn render_all(
    site: &Site,
    others: &[&Site],
    theme: &theme::Theme,
    progress: &indicatif::ProgressBar,
    sink: &(dyn Fn(&str, &[u8]) -> Result<()> + Sync),
) -> Result<usize> {
    // The theme's assets are published with the default edition, which checks them against
    // every edition's pages and the site files (made once, here; written last).
    let site_files = render::site_files(site, others);
    if site.config.edition_prefix.is_empty() {
        let collisions = pipeline::reserved::asset_collisions(site, others, theme, &site_files);
        if !collisions.is_empty() {
            return Err(Error::Content(collisions));
        }
    }
    let renderer = render::PageRenderer::new(site, theme);
    let mut pages = render::plan(site);
    let html_pages = pages.iter().filter(|page| page.is_html()).count();
    // The pages of an article whose body the site let go of are made where it is parsed
    // again, by the search index (see `build`).
    pages.retain(|page| match page {
        PageId::Article(index) | PageId::Source(index) => !site.articles[*index].released,
        _ => true,
    });
    progress.set_length(pages.len() as u64);
    let results: Vec<Result<(), Error>> = pages
        .par_iter()
        .map(|&page| {
            let result = match renderer.render(page) {
                Ok(output) => sink(&output.path, &output.bytes),
                Err(diagnostic) => Err(Error::Content(vec![*diagnostic])),
            };
            progress.inc(1);
            result
        })
        .collect();
    progress.finish_and_clear();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    for result in results {
        match result {
            Ok(()) => {}
            Err(Error::Content(found)) => {
                for d in found {
                    if !diagnostics
                        .iter()
                        .any(|e| e.path == d.path && e.line == d.line && e.message == d.message)
                    {
                        diagnostics.push(d);
                    }
                }
            }
            Err(other) => return Err(other),
        }
    }
    if !diagnostics.is_empty() {
        diagnostic::sort(&mut diagnostics);
        return Err(Error::Content(diagnostics));
    }
    for output in &site_files {
        sink(&output.path, &output.bytes)?;
    }
    if site.config.edition_prefix.is_empty() {
        for (path, asset) in &theme.assets {
            sink(path, &asset.bytes)?;
        }
    }
    Ok(html_pages)
}

/// Builds the site into its build dir: everything [`load_site`] does, then render and write.
/// The previous site stays in place unless the whole build succeeds.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    build_with(options, Bodies::BySize)
}

/// [`build`], letting go of the articles' bodies after parsing as `bodies` says: the search
/// index then parses each file again and makes the article's page and Markdown from it (see
/// [`pipeline::bodies`]). The site is the same either way.
pub fn build_with(options: &BuildOptions, bodies: Bodies) -> Result<BuildReport> {
    let mut loaded = load_site_with(options, bodies)?;
    let build_dir = options.root.join(&loaded.site.config.build_dir);
    let started = Instant::now();
    let staging = write::Staging::new(&build_dir)?;
    let progress = progress_bar(options.progress && loaded.site.articles.len() >= PROGRESS_FROM);
    // The search index does not depend on the pages: it is built on its own thread while the
    // pages are rendered and written, which spend much of their time in the file system.
    let (pages, indexed) = std::thread::scope(|scope| {
        let site = &loaded.site;
        let staging = &staging;
        let editions = &loaded.editions;
        let theme = &loaded.theme;
        let snippets = &loaded.snippets;
        let root = &options.root;
        let indexing = scope.spawn(move || {
            let started = Instant::now();
            let released = ReleasedPages::new(root, site, theme, snippets);
            let bodies = |index: usize, article: &model::Article| -> Result<String> {
                released.text(index, article, &|path, bytes| staging.put(path, bytes))
            };
            let mut steps = index::index_with(site, staging, Some(&bodies))?;
            for edition in editions {
                let sink = write::Prefixed {
                    inner: staging,
                    prefix: &edition.config.edition_prefix,
                };
                for (step, took) in index::index(edition, &sink)? {
                    match steps.iter_mut().find(|(name, _)| *name == step) {
                        Some((_, total)) => *total += took,
                        None => steps.push((step, took)),
                    }
                }
            }
            Ok::<_, Error>((started.elapsed(), steps))
        });
        let pages = render_editions(site, editions, theme, &progress, &|path, bytes| {
            staging.put(path, bytes)
        })
        .map(|pages| (pages, started.elapsed()));
        let indexed = indexing
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (pages, indexed)
    });
    let (pages, rendered) = pages?;
    loaded.timings.push(("render and write", rendered));
    let (indexed, steps) = indexed?;
    loaded.timings.push(("search index", indexed));
    loaded.timings.extend(steps);
    loaded
        .timings
        .push(("both, side by side", started.elapsed()));
    let started = Instant::now();
    staging.commit()?;
    loaded.timings.push(("swap", started.elapsed()));
    let report = BuildReport {
        build_dir,
        pages,
        articles_per_kind: loaded.site.articles_per_kind(),
        warnings: std::mem::take(&mut loaded.warnings),
        timings: std::mem::take(&mut loaded.timings),
    };
    // Letting go of a large site takes a while (half a second at 100,000 articles) and
    // nothing waits for it: `remedy build` exits as soon as the report is printed.
    // (Should no thread start, the closure and the site are dropped here.)
    let _ = std::thread::Builder::new()
        .name("remedy-drop".to_string())
        .spawn(move || drop(loaded));
    Ok(report)
}

/// Checks the site without writing anything: loads, links and renders every page in memory,
/// then runs the content-health checks ([`health`]) and the site's `search-tests.toml`
/// ([`search_tests`]) against a search index built in memory. Returns the warnings; errors
/// (failing search tests among them) come back as [`Error::Content`].
pub fn check(options: &BuildOptions) -> Result<Vec<Diagnostic>> {
    check_at(options, model::Date::today())
}

/// [`check`], as if today were `today` (for the staleness check).
pub fn check_at(options: &BuildOptions, today: model::Date) -> Result<Vec<Diagnostic>> {
    check_summarized(options, today).map(|(warnings, _)| warnings)
}

/// [`check_at`], with a summary line per edition other than the default one: how much of
/// the site is translated into it ("`fr`: 54 of 56 articles translated (96%)").
pub fn check_summarized(
    options: &BuildOptions,
    today: model::Date,
) -> Result<(Vec<Diagnostic>, Vec<String>)> {
    check_with(options, today, Bodies::BySize)
}

/// [`check_summarized`], letting go of the articles' bodies after parsing as `bodies` says, as
/// a build does (the pages and the search index parse each such file again): a large site's
/// check then holds about what its build does, and every file's text, which the warnings are
/// located in. The findings are the same either way.
pub fn check_with(
    options: &BuildOptions,
    today: model::Date,
    bodies: Bodies,
) -> Result<(Vec<Diagnostic>, Vec<String>)> {
    let loaded = load_site_keeping(options, bodies, true)?;
    let summary: Vec<String> = loaded
        .editions
        .iter()
        .map(|edition| {
            let (translated, total) = edition::share(edition);
            format!(
                "`{}`: {translated} of {total} articles translated ({}%)",
                edition.config.language,
                (translated * 100).checked_div(total).unwrap_or(100)
            )
        })
        .collect();
    let search_tests = load::load_search_tests(&options.root)?;
    let site = &loaded.site;
    // The search index is built side by side with the pages, as in a build: it has threads of
    // its own (see `search::index::own_threads`), and the pages take rayon's.
    let (rendered, index) = std::thread::scope(|scope| {
        let index = scope.spawn(|| {
            let released = ReleasedPages::new(&options.root, site, &loaded.theme, &loaded.snippets);
            let bodies = |index: usize, article: &model::Article| -> Result<String> {
                released.text(index, article, &|_, _| Ok(()))
            };
            search::index::in_ram_with(site, Some(&bodies))
        });
        let rendered = render_editions(
            site,
            &loaded.editions,
            &loaded.theme,
            &indicatif::ProgressBar::hidden(),
            &|_, _| Ok(()),
        );
        let index = index
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (rendered, index)
    });
    rendered?;
    let index = index?;
    let mut diagnostics = loaded.warnings;
    diagnostics.extend(health::check(site, today));
    for edition in &loaded.editions {
        diagnostics.extend(edition::health(site, edition));
    }
    diagnostics.extend(health::unfindable_symptoms(site, &index)?);
    diagnostics.extend(health::unused_synonyms(site, &index));
    if let Some(text) = search_tests {
        let path = Path::new(search_tests::FILE);
        match search_tests::parse(path, &text, site) {
            Ok(tests) => diagnostics.extend(search_tests::run(path, &text, &tests, &index)?),
            Err(problems) => diagnostics.extend(problems),
        }
    }
    diagnostic::sort(&mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(Error::Content(diagnostics));
    }
    Ok((diagnostics, summary))
}

/// The pages of the articles whose bodies a site let go of (see [`pipeline::bodies`]), made
/// as the search index asks for each body: the file is parsed again, the article's page and
/// Markdown copy are made from it, and its text goes to the index.
struct ReleasedPages<'a> {
    reparse: pipeline::bodies::Reparse<'a>,
    renderer: render::PageRenderer<'a>,
}

impl<'a> ReleasedPages<'a> {
    fn new(
        root: &'a Path,
        site: &'a Site,
        theme: &'a theme::Theme,
        snippets: &'a model::Snippets,
    ) -> Self {
        ReleasedPages {
            reparse: pipeline::bodies::Reparse {
                root,
                context: parse::Context {
                    config: &site.config,
                    snippets,
                    statics: Some(&theme.asset_facts),
                    translated: None,
                },
            },
            renderer: render::PageRenderer::new(site, theme),
        }
    }

    /// The text of the article at `index`, its pages handed to `sink` by their build-dir paths.
    fn text(
        &self,
        index: usize,
        article: &model::Article,
        sink: &dyn Fn(&str, &[u8]) -> Result<()>,
    ) -> Result<String> {
        let body = self.reparse.body(article)?.into_owned();
        for output in self
            .renderer
            .render_body(index, &body)
            .map_err(|problem| Error::Content(vec![*problem]))?
        {
            sink(&output.path, &output.bytes)?;
        }
        Ok(body.text)
    }
}

/// Renders the default edition `site` (whose pages link the `editions`) and then each other
/// edition, handing every page to `sink` by its path in the build dir. Returns how many pages
/// were made.
fn render_editions(
    site: &Site,
    editions: &[Site],
    theme: &theme::Theme,
    progress: &indicatif::ProgressBar,
    sink: &(dyn Fn(&str, &[u8]) -> Result<()> + Sync),
) -> Result<usize> {
    let others: Vec<&Site> = editions.iter().collect();
    let mut pages = render_all(site, &others, theme, progress, sink)?;
    for edition in editions {
        let prefix = &edition.config.edition_prefix;
        pages += render_all(
            edition,
            &[],
            theme,
            &indicatif::ProgressBar::hidden(),
            &|path, bytes| sink(&format!("{prefix}{path}"), bytes),
        )?;
    }
    Ok(pages)
}

/// Sites with at least this many articles show a progress bar while rendering.
pub(crate) const PROGRESS_FROM: usize = 500;

/// A progress bar on stderr, or a hidden one.
pub(crate) fn progress_bar(visible: bool) -> indicatif::ProgressBar {
    if !visible {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("rendering {bar:30} {pos}/{len} pages")
    {
        bar.set_style(style);
    }
    bar
}
