//! What may be published where: the redirects of `aliases` and the files of article folders
//! must not land where another file of the site goes (a page, a file of the theme or of
//! `static/`, another alias), nor turn a file of the site into a folder or the other way round.
//! Resolves the aliases into `site.aliases` (each alias's path has been read by
//! [`crate::text::alias_path`] and its problems reported by the parse stage); the aliases of
//! articles that are not published for problems of their own are checked too, so one run
//! reports every problem of a file. The other pages cannot collide with one another, or are
//! checked where they are made (a cause's print view).

use std::collections::{BTreeMap, BTreeSet};

use std::sync::Arc;

use crate::config::RESERVED_DIRS;
use crate::diagnostic::Diagnostic;
use crate::model::{Alias, Article, Site};
use crate::pipeline::render::{self, PageId};

/// Checks the files of article folders and resolves the aliases, against the pages of `site`
/// and the theme's files `assets`; checks the aliases of `unpublished` articles (files with
/// problems) too.
pub fn check(
    site: &mut Site,
    unpublished: &[Arc<Article>],
    assets: &BTreeSet<String>,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    site.ships_redirects = assets.contains(render::REDIRECTS_FILE);
    // Without files in article folders or aliases nothing can land on another file: the pages
    // cannot collide with one another (see the module doc), and the table of every page
    // (a quarter of a million paths at 100,000 articles) is not made.
    let mut every = site.articles.iter().chain(unpublished);
    if !every.any(|article| !article.files.is_empty() || !article.front.aliases.is_empty()) {
        site.aliases = Vec::new();
        return diagnostics;
    }
    // Every build-dir file but the articles' files, and what it is.
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    for path in assets {
        taken.insert(path.clone(), format!("the static file `{path}`"));
    }
    for path in render::SITE_FILES.iter().chain([&render::REDIRECTS_FILE]) {
        taken.insert(path.to_string(), format!("the site's `{path}`"));
    }
    let pages = render::plan(site);
    for &page in &pages {
        if !matches!(page, PageId::File(..)) {
            taken.insert(
                render::output_path(site, page),
                render::describe(site, page),
            );
        }
    }
    for &page in &pages {
        let PageId::File(index, file) = page else {
            continue;
        };
        let output = render::output_path(site, page);
        match clash(&taken, &output) {
            Some(other) => {
                let article = &site.articles[index];
                let folder = article.path.parent().unwrap_or(&article.path);
                diagnostics.push(
                    Diagnostic::file(
                        folder.join(&article.files[file].name),
                        format!("this file {}", other.phrase(&output)),
                    )
                    .with_help("rename the file"),
                );
            }
            None => {
                taken.insert(output, render::describe(site, page));
            }
        }
    }
    let mut aliases = Vec::new();
    let published = site.articles.iter().map(|article| (true, article));
    let articles = published.chain(unpublished.iter().map(|article| (false, article)));
    for (index, (is_published, article)) in articles.enumerate() {
        for alias in &article.front.aliases {
            let Ok(path) = crate::text::alias_path(&alias.value) else {
                continue; // reported by the parse stage
            };
            let at = |message: String| {
                Diagnostic::at(&article.path, &article.source, alias.span.clone(), message)
            };
            let top = path.path.split('/').next().unwrap_or_default();
            if RESERVED_DIRS.contains(&top) {
                diagnostics.push(
                    at(format!(
                        "alias `{}` is in `{top}/`, a folder of the site's own files",
                        alias.value
                    ))
                    .with_help(format!(
                        "an alias is an old path of the article; {} are Remedy's",
                        RESERVED_DIRS
                            .iter()
                            .map(|d| format!("`{d}/`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                );
                continue;
            }
            // The parts of a split sitemap are not known here (they depend on every edition's
            // pages), so their names are the sitemap's whatever the site's size.
            if crate::seo::is_sitemap_part(top) {
                diagnostics.push(
                    at(format!(
                        "alias `{}` is where a part of the site's sitemap goes",
                        alias.value
                    ))
                    .with_help(format!(
                        "a sitemap of more than {} pages is split into `{}`, `{}`, …, which \
                         are Remedy's",
                        crate::seo::SITEMAP_MAX_URLS,
                        crate::seo::sitemap_part(1),
                        crate::seo::sitemap_part(2)
                    )),
                );
                continue;
            }
            if let Some(other) = clash(&taken, &path.output) {
                diagnostics.push(
                    at(format!(
                        "alias `{}` {}",
                        alias.value,
                        other.phrase(&path.output)
                    ))
                    .with_help("an alias is an old path that no page or file of the site has now"),
                );
                continue;
            }
            taken.insert(
                path.output.clone(),
                format!("the alias `{}` of `{}`", path.path, article.slug),
            );
            if is_published {
                aliases.push(Alias {
                    path: path.path,
                    output: path.output,
                    target: index,
                });
            }
        }
    }
    if !aliases.is_empty() && assets.contains(render::REDIRECTS_FILE) {
        diagnostics.push(
            Diagnostic::file(
                format!("static/{}", render::REDIRECTS_FILE),
                format!(
                    "`{}` is written from the articles' `aliases`, so this file would be lost",
                    render::REDIRECTS_FILE
                ),
            )
            .with_help(
                "move its rules to the aliases of the articles they lead to, or remove the aliases",
            ),
        );
    }
    aliases.sort_by(|a, b| a.path.cmp(&b.path));
    site.aliases = aliases;
    diagnostics
}

/// What a new file would land on.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Clash {
    /// A file at the same path: what it is.
    Same(String),
    /// A file where one of its folders would be: the folder, and what the file is.
    FileInTheWay(String, String),
    /// Files under its path, which would be a folder: what the first is.
    FolderInTheWay(String),
}

impl Clash {
    /// The rest of a sentence that starts with what would be published at `output`.
    fn phrase(&self, output: &str) -> String {
        match self {
            Clash::Same(what) => format!("clashes with {what}: both would be `{output}`"),
            Clash::FileInTheWay(folder, what) => {
                format!("would need the folder `{folder}`, which is {what}")
            }
            Clash::FolderInTheWay(what) => {
                format!("would be the file `{output}`, which is a folder of {what}")
            }
        }
    }
}

/// What `output` would land on: the file at the same path, a file where one of its folders
/// would be, or a folder of files where it would be a file.
fn clash(taken: &BTreeMap<String, String>, output: &str) -> Option<Clash> {
    if let Some(what) = taken.get(output) {
        return Some(Clash::Same(what.clone()));
    }
    for (at, _) in output.match_indices('/') {
        if let Some(what) = taken.get(&output[..at]) {
            return Some(Clash::FileInTheWay(output[..at].to_string(), what.clone()));
        }
    }
    let folder = format!("{output}/");
    taken
        .range(folder.clone()..)
        .next()
        .filter(|(path, _)| path.starts_with(&folder))
        .map(|(_, what)| Clash::FolderInTheWay(what.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clashes_are_same_paths_and_files_where_folders_would_be() {
        let taken: BTreeMap<String, String> = [
            ("style.css", "the static file `style.css`"),
            ("causes/x/index.html", "the article `causes/x`"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let phrase = |output: &str| clash(&taken, output).map(|c| c.phrase(output));
        assert_eq!(
            phrase("causes/x/index.html").as_deref(),
            Some("clashes with the article `causes/x`: both would be `causes/x/index.html`")
        );
        assert_eq!(
            phrase("style.css/index.html").as_deref(),
            Some("would need the folder `style.css`, which is the static file `style.css`")
        );
        assert_eq!(
            phrase("causes/x").as_deref(),
            Some("would be the file `causes/x`, which is a folder of the article `causes/x`")
        );
        assert_eq!(clash(&taken, "causes/y/index.html"), None);
        assert_eq!(clash(&taken, "causes/x-old/index.html"), None);
    }
}
