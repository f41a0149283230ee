//! `remedy serve`: build once, serve the build dir on 127.0.0.1, watch the sources, rebuild only
//! what changed ([`incremental`]) and tell open pages to reload ([`http::LiveHub`]).
//!
//! The dev server writes the same build dir `remedy build` writes, with the same bytes: the
//! live-reload script is added to HTML responses on the way out, never to files. When a save
//! breaks the build, the diagnostics are printed (the same text as `remedy check`) and shown in
//! an overlay on every open page, and the last good site keeps being served.

pub mod http;
pub mod incremental;
pub mod search;
pub mod timings;
pub mod watch;

use std::path::Path;
use std::sync::{Arc, RwLock};

use crate::BuildOptions;
use crate::diagnostic::report;
use crate::error::{Error, Result};
use incremental::{Incremental, Outcome};
use timings::lap;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// What to build.
    pub build: BuildOptions,
    /// Address to bind.
    pub bind: String,
    /// Port (0 picks a free one).
    pub port: u16,
    /// Open a browser once serving.
    pub open: bool,
    /// Print nothing but problems.
    pub quiet: bool,
}

/// Builds, serves and watches until the process is stopped.
pub fn serve(options: ServeOptions) -> Result<()> {
    let root = options
        .build
        .root
        .canonicalize()
        .map_err(|e| Error::io(&options.build.root, e))?;
    let build = BuildOptions {
        root: root.clone(),
        ..options.build.clone()
    };
    // Watch before the first build, so nothing saved while it runs is missed.
    let config = crate::load_config(&build)?;
    let mut watcher = watch::Watcher::new(&root, &root.join(&config.build_dir), &config.theme)?;
    let started = std::time::Instant::now();
    let slot = search::SearchSlot::new();
    let (mut state, first) = Incremental::new(build, Arc::clone(&slot))?;
    if let Some(job) = state.search_job() {
        slot.remember(job);
    }
    let hub = http::LiveHub::new();
    report(&options, &first, started.elapsed(), &hub, &state);
    let build_dir = Arc::new(RwLock::new(state.build_dir().to_path_buf()));
    let endpoint_slot = Arc::clone(&slot);
    let endpoint_build_dir = Arc::clone(&build_dir);
    let default_language = config.language.clone();
    let edition_codes: Vec<String> = config.editions.iter().map(|e| e.code.clone()).collect();
    let server = http::start(
        &options.bind,
        options.port,
        Arc::clone(&build_dir),
        Arc::clone(&hub),
        Box::new(move |path, query| match path {
            "search" => {
                let (status, body) = match search::language_of(query) {
                    None => endpoint_slot.answer(query),
                    Some(code) if code == default_language => endpoint_slot.answer(query),
                    Some(code) if edition_codes.iter().any(|c| c == code) => {
                        let dir = endpoint_build_dir
                            .read()
                            .expect("build dir lock")
                            .join(code)
                            .join(crate::pipeline::index::TANTIVY_DIR);
                        search::answer_edition(&dir, query)
                    }
                    Some(code) => (
                        400,
                        serde_json::json!({
                            "error": format!("the site has no edition `{code}`")
                        })
                        .to_string(),
                    ),
                };
                Some((status, "application/json".to_string(), body.into_bytes()))
            }
            _ => None,
        }),
    )?;
    let search_hub = Arc::clone(&hub);
    let reindexer = search::Reindexer::start(
        Arc::clone(&slot),
        Arc::clone(&build_dir),
        move |generation| {
            search_hub.search_updated(generation);
        },
    );
    let url = format!("http://{}/", server.address());
    eprintln!("serving {} at {url} (Ctrl+C to stop)", display(&root));
    if options.open {
        open_browser(&url);
    }
    while let Some(changed) = watcher.next_batch() {
        let started = std::time::Instant::now();
        let first_event = watcher.first_event().unwrap_or(started);
        lap("batch handed over", first_event);
        let outcome = state.apply(&changed)?;
        lap("applied", first_event);
        *build_dir.write().expect("build dir lock") = state.build_dir().to_path_buf();
        report(&options, &outcome, started.elapsed(), &hub, &state);
        lap("reload sent", first_event);
        if let Outcome::Rebuilt { full, .. } = &outcome
            && let Some(job) = state.search_job()
        {
            if !full {
                reindexer.request(job.clone());
            }
            slot.remember(job);
        }
        if let Outcome::Rebuilt { full: true, .. } = &outcome {
            hub.search_updated(slot.generation());
        }
        lap("search job handed over", first_event);
    }
    drop(server);
    Ok(())
}

/// Prints what a rebuild did and tells the open pages.
fn report(
    options: &ServeOptions,
    outcome: &Outcome,
    elapsed: std::time::Duration,
    hub: &http::LiveHub,
    state: &Incremental,
) {
    match outcome {
        Outcome::Rebuilt {
            full,
            written,
            warnings,
            ..
        } => {
            let paths: Vec<String> = written.iter().map(|p| url_path(p)).collect();
            hub.reload(&paths);
            report::print(warnings);
            if !options.quiet {
                if *full {
                    let summary = state
                        .site()
                        .map(|site| crate::model::kinds_summary(&site.articles_per_kind()))
                        .unwrap_or_default();
                    eprintln!("built the whole site ({summary}) in {elapsed:.2?}");
                } else {
                    eprintln!(
                        "rebuilt {} file{} in {elapsed:.2?}",
                        written.len(),
                        if written.len() == 1 { "" } else { "s" }
                    );
                }
            }
        }
        Outcome::Failed(diagnostics) => {
            report::print(diagnostics);
            eprintln!(
                "error: {}; still serving the last good build",
                report::problems_found(diagnostics)
            );
            hub.problems(&report::overlay_text(diagnostics));
        }
        Outcome::Unchanged => {}
    }
}

/// The URL path of a build-dir file: `causes/x/index.html` → `/causes/x/`.
pub fn url_path(file: &str) -> String {
    if file == "*" {
        return file.to_string();
    }
    match file.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{file}"),
    }
}

fn display(path: &Path) -> String {
    crate::diagnostic::display_path(path)
}

fn open_browser(url: &str) {
    let command: Option<(&str, Vec<&str>)> = if cfg!(target_os = "macos") {
        Some(("open", vec![url]))
    } else if cfg!(windows) {
        Some(("cmd", vec!["/C", "start", url]))
    } else {
        Some(("xdg-open", vec![url]))
    };
    if let Some((program, args)) = command
        && std::process::Command::new(program)
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .is_err()
    {
        eprintln!("could not open a browser; open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_paths() {
        assert_eq!(url_path("causes/x/index.html"), "/causes/x/");
        assert_eq!(url_path("index.html"), "/");
        assert_eq!(url_path("sitemap.xml"), "/sitemap.xml");
    }
}
