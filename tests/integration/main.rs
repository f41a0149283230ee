//! Remedy's integration tests: one binary that drives the real `remedy` executable over the
//! bundled knowledge base (the repository root) and over small fixture sites in
//! `tests/fixtures/`, each copied into a temporary folder first.
//!
//! - [`bundled_site`]: the bundled site builds with no diagnostic and has every planned page.
//! - [`links`]: every internal URL and `#fragment` of the built site resolves.
//! - [`site_files`]: sitemap, feed and robots.txt.
//! - [`json_ld`]: structured data parses and has the right `@type`.
//! - [`diagnostics`]: one broken fixture per class of problem, with the exact message.
//! - [`atomic_build`]: a failed build leaves the previous site untouched.
//! - [`reproducible`]: two builds give the same bytes.
//! - [`commands`]: `new`, usage errors, `--root`/`--out`/`--base-url`.
//! - [`serve`]: the dev server, live reload, overlay, safety, and incremental = full builds.

mod atomic_build;
mod bundled_site;
mod commands;
mod diagnostics;
mod html;
mod json_ld;
mod links;
mod reproducible;
mod serve;
mod site_files;
mod support;
