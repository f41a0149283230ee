//! # Remedy
//!
//! Remedy turns a folder of Markdown articles — causes, fixes, best practices, restore
//! procedures, error codes, FAQ entries, guides — into a static help site with a symptom search
//! that works offline.
//!
//! ```text
//!  book.toml ─┐
//!  content/ ──┴─ load ─→ parse (parallel) ─→ link ─→ render (parallel) ─→ write
//!                Source     Article           Site      pages, sitemap,      staging dir,
//!                                          (relations)  feed, assets         swapped in
//!                                                                            atomically
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
pub mod error;
pub mod front_matter;
pub mod markdown;
pub mod model;
pub mod pipeline;
pub mod seo;
pub mod theme;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
pub use crate::diagnostic::Diagnostic;
pub use crate::error::{Error, Result};
use crate::model::Site;
use crate::pipeline::parse::Parsed;
use crate::pipeline::{link, load, parse, render, write};

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
    /// The site and its relation graph.
    pub site: Site,
    /// The theme.
    pub theme: theme::Theme,
    /// Warnings found on the way.
    pub warnings: Vec<Diagnostic>,
    /// Time spent per step.
    pub timings: Vec<(&'static str, Duration)>,
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
    Ok(config)
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Runs load → parse → link: everything up to rendering. Errors in the content are returned as
/// [`Error::Content`] with every diagnostic found.
pub fn load_site(options: &BuildOptions) -> Result<Loaded> {
    let mut timings = Vec::new();
    let started = Instant::now();
    let config = load_config(options)?;
    let theme = theme::load(&options.root, &config)?;
    timings.push(("config and theme", started.elapsed()));

    let started = Instant::now();
    let loaded = load::load_content(&options.root, &config)?;
    timings.push(("load", started.elapsed()));

    let started = Instant::now();
    let results: Vec<_> = loaded
        .sources
        .par_iter()
        .map(|source| parse::parse(source, &config))
        .collect();
    let mut diagnostics = loaded.diagnostics;
    let mut articles = Vec::new();
    let mut sections = Vec::new();
    let mut drafts = HashSet::new();
    for result in results {
        match result {
            Ok(Parsed::Article(article)) => {
                if article.front.draft && !options.drafts {
                    drafts.insert(article.slug.clone());
                } else {
                    articles.push(std::sync::Arc::new(*article));
                }
            }
            Ok(Parsed::Section { kind, section }) => sections.push((kind, section)),
            Err(problems) => diagnostics.extend(problems),
        }
    }
    timings.push(("parse", started.elapsed()));

    let started = Instant::now();
    let (site, link_diagnostics) = link::link(&config, articles, sections, &drafts);
    diagnostics.extend(link_diagnostics);
    timings.push(("link", started.elapsed()));

    diagnostic::sort(&mut diagnostics);
    let (errors, warnings): (Vec<_>, Vec<_>) =
        diagnostics.into_iter().partition(Diagnostic::is_error);
    if !errors.is_empty() {
        let mut all = errors;
        all.extend(warnings);
        diagnostic::sort(&mut all);
        return Err(Error::Content(all));
    }
    Ok(Loaded {
        site,
        theme,
        warnings,
        timings,
    })
}

/// Renders every page of a loaded site, in parallel, handing each to `sink`. Template errors are
/// collected; the first failing page of each template is reported.
pub fn render_all(
    loaded: &Loaded,
    sink: &(dyn Fn(&str, &[u8]) -> Result<()> + Sync),
) -> Result<usize> {
    let site = &loaded.site;
    let renderer = render::PageRenderer::new(site, &loaded.theme);
    let pages = render::plan(site);
    let results: Vec<Result<(), Error>> = pages
        .par_iter()
        .map(|&page| match renderer.render(page) {
            Ok(output) => sink(&output.path, &output.bytes),
            Err(diagnostic) => Err(Error::Content(vec![*diagnostic])),
        })
        .collect();
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
    for output in render::site_files(site) {
        sink(&output.path, &output.bytes)?;
    }
    for (path, asset) in &loaded.theme.assets {
        sink(path, &asset.bytes)?;
    }
    Ok(pages.len())
}

/// Builds the site into its build dir: everything [`load_site`] does, then render and write.
/// The previous site stays in place unless the whole build succeeds.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let mut loaded = load_site(options)?;
    let build_dir = options.root.join(&loaded.site.config.build_dir);
    let started = Instant::now();
    let staging = write::Staging::new(&build_dir)?;
    let pages = render_all(&loaded, &|path, bytes| staging.put(path, bytes))?;
    loaded.timings.push(("render and write", started.elapsed()));
    let started = Instant::now();
    staging.commit()?;
    loaded.timings.push(("swap", started.elapsed()));
    Ok(BuildReport {
        build_dir,
        pages,
        articles_per_kind: articles_per_kind(&loaded.site),
        warnings: loaded.warnings,
        timings: loaded.timings,
    })
}

/// Checks the site without writing anything: loads, links and renders every page in memory.
/// Returns the warnings; errors come back as [`Error::Content`].
pub fn check(options: &BuildOptions) -> Result<Vec<Diagnostic>> {
    let loaded = load_site(options)?;
    render_all(&loaded, &|_, _| Ok(()))?;
    Ok(loaded.warnings)
}

/// Articles per kind, in kind order.
pub fn articles_per_kind(site: &Site) -> Vec<(String, usize)> {
    site.config
        .kinds
        .iter()
        .map(|kind| {
            (
                kind.title.clone(),
                site.articles.iter().filter(|a| a.kind == kind.name).count(),
            )
        })
        .collect()
}
