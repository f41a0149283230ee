//! The build-dir paths Remedy writes itself: every page of the [`render::plan`], the site files
//! (sitemap, with its parts `sitemap1.xml`, … when this site's is split, feed, robots,
//! `llms.txt`) and the search indexes ([`index::writes`]). A static file
//! of the site or its theme at one of those paths would be written twice; the build refuses it
//! up front with a diagnostic on the static file, rather than failing half-way on a staging
//! folder's temporary name. Reads nothing from disk.

use std::collections::HashSet;

use crate::diagnostic::{Diagnostic, display_path};
use crate::model::Site;
use crate::pipeline::{index, render};
use crate::theme::Theme;

/// One diagnostic for each asset of `theme` whose build-dir path Remedy writes itself, in the
/// default edition `site` or one of the `others` (whose pages are under their prefix), or
/// among `site_files` ([`render::site_files`] of them, made once by the caller, which writes
/// them too).
pub fn asset_collisions(
    site: &Site,
    others: &[&Site],
    theme: &Theme,
    site_files: &[render::Output],
) -> Vec<Diagnostic> {
    let generated: HashSet<String> = std::iter::once(site)
        .chain(others.iter().copied())
        .flat_map(|edition| {
            let prefix = &edition.config.edition_prefix;
            render::plan(edition)
                .into_iter()
                .map(move |page| format!("{prefix}{}", render::output_path(edition, page)))
        })
        .chain(site_files.iter().map(|file| file.path.clone()))
        .collect();
    theme
        .assets
        .iter()
        .filter(|(path, _)| generated.contains(path.as_str()) || index::writes(path))
        .map(|(path, asset)| {
            let what = if generated.contains(path.as_str()) {
                "a page"
            } else {
                "the search index"
            };
            Diagnostic::file(
                asset.origin.display_path(),
                format!("`{path}` is {what} Remedy generates, so this file would overwrite it"),
            )
            .with_help(format!(
                "move or rename `{}`: static files may use any other path",
                display_path(&asset.origin.display_path())
            ))
        })
        .collect()
}
