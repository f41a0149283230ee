//! Remedy's integration tests: one binary that drives the real `remedy` executable over the
//! bundled knowledge base (the repository root) and over small fixture sites in
//! `tests/fixtures/`, each copied into a temporary folder first. [`support`] holds what the
//! modules share: running `remedy`, fixture sites, the one build of the bundled site, and the
//! tools outside Rust (Chromium, Node, axe-core, the HTML checker) that the tests marked
//! `#[ignore = "needs ..."]` use.
//!
//! - [`bundled_site`]: the bundled site builds with no diagnostic and has every planned page.
//! - [`authoring`]: article folders and images, snippets, tabs, aliases, tags and `[extra]`,
//!   built and checked; [`tabs_browser`]: the tabs' script in headless Chromium.
//! - [`links`]: every internal URL and `#fragment` of the built site resolves.
//! - [`site_files`]: sitemap, feed and robots.txt.
//! - [`output_entries`]: symptom pages and print views are files, not folders; how many files
//!   and folders a generated site of 10,000 articles makes, against Hugo's.
//! - [`json_ld`]: structured data parses and has the right `@type`.
//! - [`diagnostics`]: one broken fixture per class of problem, with the exact message.
//! - [`bad_input`]: malformed and hostile sites and files: a clear diagnostic, never a crash.
//! - [`atomic_build`]: a failed build leaves the previous site untouched.
//! - [`crash_safety`]: a build killed at any point leaves the old site or the new one, whole.
//! - [`editions`]: translated editions, fallbacks, switcher, alternates, translation health;
//!   [`edition_files`]: what a translation shares: folder files, static images, snippets, tags.
//! - [`reproducible`]: two builds give the same bytes.
//! - [`security`]: hostile text is escaped everywhere; raw HTML on or off; the CSP holds.
//! - [`commands`]: `new`, usage errors, `--root`/`--out`/`--base-url`.
//! - [`serve`]: the dev server, live reload, overlay, safety, and incremental = full builds.
//! - [`health`]: content-health checks and `search-tests.toml` in `remedy check`.
//! - [`troubleshooter`]: the troubleshooter and print views without JavaScript.
//! - [`troubleshooter_browser`]: the troubleshooter's script in headless Chromium.
//! - [`llms`]: `llms.txt` and each article's Markdown.
//! - [`i18n`]: theme text in the site's language, a site's overrides and their warnings;
//!   [`i18n_browser`]: the scripts' strings in French in headless Chromium.
//! - [`page_main`]: snapshots of the `<main>` element of key pages of the bundled site.
//! - [`pages`]: what a reader sees: one "Next steps" block, no repeated headings or lists,
//!   print views with nested steps, symptoms as written.
//! - [`pagination`]: `[build] paginate`: kind indexes and tag pages split into pages, each
//!   article on one page, working pagers, first pages only in the sitemap, the `page/` folder
//!   refused to articles.
//! - [`portable`]: `[build] portable` / `--portable`: every internal link names a file, and
//!   the site opened from `file://` in headless Chromium, with and without JavaScript.
//! - [`layout_browser`]: phone layouts in headless Chromium: no sideways scrolling at 320px,
//!   a one-row header, a ticked symptom's likely cause in sight.
//! - [`accessibility`]: axe-core, keyboard, contrast and CSP reports in headless Chromium.
//! - [`search`]: ranking quality, `remedy search`, the browser client under Node and the
//!   search UI in headless Chromium.

mod accessibility;
mod atomic_build;
mod authoring;
mod bad_input;
mod bundled_site;
mod commands;
mod crash_safety;
mod diagnostics;
mod edition_files;
mod editions;
mod health;
mod html;
mod i18n;
mod i18n_browser;
mod json_ld;
mod layout_browser;
mod links;
mod llms;
mod output_entries;
mod page_main;
mod pages;
mod pagination;
mod portable;
mod reproducible;
mod search;
mod security;
mod serve;
mod site_files;
mod support;
mod tabs_browser;
mod troubleshooter;
mod troubleshooter_browser;
