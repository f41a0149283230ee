//! Stage 4, render: the [`Site`] through the theme's Tera templates into pages, plus the site
//! files that are not templates (sitemap, robots, feed). Every page is a [`PageId`]; rendering
//! one needs only the site and the theme, so the build renders all pages in parallel and the dev
//! server re-renders just the pages a change touches.
//!
//! The stage in files: [`mod@plan`] lists the pages and where they go, [`context`] builds what each
//! template gets (the template contract is documented there), [`troubleshoot`] the contexts of
//! the troubleshooter's pages and print views, [`fingerprint`] the hash of each page's inputs;
//! this file renders a page through the theme. Each article's Markdown (`<slug>/index.md`) and
//! `llms.txt` are made in Rust by [`crate::llms`], not by templates.

pub mod context;
pub mod fingerprint;
pub mod plan;
pub mod troubleshoot;

use crate::diagnostic::Diagnostic;
use crate::model::{Article, Site};
use crate::seo;
use crate::theme::Theme;
pub use context::KindLists;
use context::{Shared, home_context, kind_context, search_context};
pub use fingerprint::{Fingerprinter, PageFingerprint, card_hash, fingerprints};
pub use plan::{
    PRINT_FILE, PageId, describe, has_print_page, output_path, pages_showing_body, plan, print_path,
};

/// The files at the root of the build dir that [`site_files`] makes (`_redirects` too, when
/// it has rules, and the sitemap's parts when it is split: see [`seo::sitemap`]).
pub const SITE_FILES: [&str; 4] = [seo::SITEMAP_FILE, "robots.txt", "feed.xml", "llms.txt"];

/// The redirects file Netlify and Cloudflare Pages read: a line `/<old> /<new>/ 301` per alias,
/// then the rules that send the old addresses of moved pages to their files (see [`redirects`]).
pub const REDIRECTS_FILE: &str = "_redirects";

/// A rendered file: where it goes in the build dir and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Path relative to the build dir, `/`-separated.
    pub path: String,
    /// The file's contents.
    pub bytes: Vec<u8>,
}

/// Renders pages of one site with one theme. Holds what every page context shares, computed
/// once, so rendering N pages is O(N) work.
pub struct PageRenderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    shared: Shared<'a>,
    /// The templates that went over their work limit on a page of this renderer.
    over_limit: crate::theme::OverLimit,
}

impl<'a> PageRenderer<'a> {
    /// Prepares to render pages of `site` through `theme`.
    pub fn new(site: &'a Site, theme: &'a Theme) -> Self {
        PageRenderer {
            site,
            theme,
            shared: Shared::new(site, theme),
            over_limit: crate::theme::OverLimit::default(),
        }
    }

    /// Renders one page.
    pub fn render(&self, page: PageId) -> Result<Output, Box<Diagnostic>> {
        self.render_with(page, None)
    }

    /// The pages made from the body of the article at `index` (its page and its Markdown),
    /// rendered from `body`: the article as parsed again with the body that the site let go
    /// of ([`crate::pipeline::bodies`]).
    pub fn render_body(
        &self,
        index: usize,
        body: &Article,
    ) -> Result<[Output; 2], Box<Diagnostic>> {
        Ok([
            self.render_with(PageId::Article(index), Some(body))?,
            self.render_with(PageId::Source(index), Some(body))?,
        ])
    }

    /// Renders one page; an article's page and Markdown from `body` when it is given.
    fn render_with(&self, page: PageId, body: Option<&Article>) -> Result<Output, Box<Diagnostic>> {
        let site = self.site;
        let shared = &self.shared;
        let path = output_path(site, page);
        if let PageId::Source(index) = page {
            let article = body.unwrap_or(&site.articles[index]);
            return Ok(Output {
                path,
                bytes: crate::llms::article_markdown(site, article).into_bytes(),
            });
        }
        if let PageId::File(index, file) = page {
            return Ok(Output {
                path,
                bytes: site.articles[index].files[file].bytes.to_vec(),
            });
        }
        let (template_names, context, label): (Vec<String>, tera::Context, String) = match page {
            PageId::Home => (
                vec!["home.html".into()],
                home_context(shared),
                "the home page".into(),
            ),
            PageId::Kind(index, number) => {
                let kind = &site.config.kinds[index];
                (
                    vec![format!("kind-{}.html", kind.name), "kind.html".into()],
                    kind_context(shared, index, number),
                    if number == 1 {
                        format!("the {} index", kind.name)
                    } else {
                        format!("page {number} of the {} index", kind.name)
                    },
                )
            }
            PageId::Article(index) => {
                let article = &site.articles[index];
                (
                    vec![
                        format!("article-{}.html", article.kind),
                        "article.html".into(),
                    ],
                    context::article::article_context(
                        shared,
                        index,
                        body.unwrap_or(&site.articles[index]),
                    ),
                    format!("`{}`", article.slug),
                )
            }
            PageId::Search => (
                vec!["search.html".into()],
                search_context(shared),
                "the search page".into(),
            ),
            PageId::NotFound => (
                vec!["404.html".into()],
                context::pages::not_found_context(shared),
                "the 404 page".into(),
            ),
            PageId::Troubleshoot => (
                vec!["troubleshoot.html".into()],
                troubleshoot::index_context(shared),
                "the troubleshooter".into(),
            ),
            PageId::Symptom(index) => (
                vec!["symptom.html".into()],
                troubleshoot::symptom_context(shared, index),
                format!(
                    "the troubleshooter page of `{}`",
                    site.troubleshooter.symptoms[index].text
                ),
            ),
            PageId::Print(index) => (
                vec!["print.html".into()],
                troubleshoot::print_context(shared, index),
                format!("the print view of `{}`", site.articles[index].slug),
            ),
            PageId::Tags => (
                vec!["tags.html".into()],
                context::pages::tags_context(shared),
                "the tag index".into(),
            ),
            PageId::Tag(index, number) => (
                vec!["tag.html".into()],
                context::pages::tag_context(shared, index, number),
                describe(site, page),
            ),
            PageId::Redirect(index) => (
                vec!["redirect.html".into()],
                context::pages::redirect_context(shared, index),
                format!("the redirect from `{}`", site.aliases[index].path),
            ),
            PageId::Source(_) | PageId::File(..) => {
                unreachable!("Markdown sources and files are not templates")
            }
        };
        let names: Vec<&str> = template_names.iter().map(String::as_str).collect();
        let Some(template) = self.theme.pick(&names) else {
            return Err(Box::new(
                Diagnostic::file(
                    "templates",
                    format!(
                        "template `{}` is missing from the theme",
                        names.last().unwrap_or(&"")
                    ),
                )
                .with_help("add it to `templates/` or use the default theme"),
            ));
        };
        let html = self
            .theme
            .render(template, &context, &label, &self.over_limit)?;
        Ok(Output {
            path,
            bytes: html.into_bytes(),
        })
    }
}

impl<'a> PageRenderer<'a> {
    /// [`PageRenderer::new`] with the site's [`KindLists`] already made (the dev server keeps
    /// them between edits that change only articles' bodies): no pass over the articles.
    pub fn with_kind_lists(site: &'a Site, theme: &'a Theme, lists: &KindLists) -> Self {
        PageRenderer {
            site,
            theme,
            shared: Shared::with_kind_lists(site, theme, lists),
            over_limit: crate::theme::OverLimit::default(),
        }
    }
}

/// The site files that are not templates: `sitemap.xml` (with its parts `sitemap1.xml`, …
/// when the site outgrows one file: [`seo::sitemap`]), `robots.txt`, `feed.xml`,
/// `llms.txt`, and `_redirects` when it has rules ([`redirects`]) and the site ships no
/// `_redirects` of its own. The default edition's sitemap
/// lists the pages of the other editions, `others`, too; an edition other than the default
/// one has no sitemap and no `robots.txt` of its own.
pub fn site_files(site: &Site, others: &[&Site]) -> Vec<Output> {
    // The sitemap's files are named by `seo::sitemap`.
    let [_, robots, feed, llms] = SITE_FILES;
    let mut files = Vec::new();
    if site.config.edition_prefix.is_empty() {
        let kind_paths: Vec<String> = site
            .config
            .kinds
            .iter()
            .map(|k| format!("{}/", k.dir))
            .collect();
        files.extend(
            seo::sitemap(site, others, &kind_paths)
                .into_iter()
                .map(|file| Output {
                    path: file.path,
                    bytes: file.xml.into_bytes(),
                }),
        );
        files.push(Output {
            path: robots.into(),
            bytes: seo::robots(site).into_bytes(),
        });
    }
    files.push(Output {
        path: feed.into(),
        bytes: seo::atom_feed(site).into_bytes(),
    });
    files.push(Output {
        path: llms.into(),
        bytes: crate::llms::llms_txt(site).into_bytes(),
    });
    let text = redirects(site, others);
    if !text.is_empty() && !site.ships_redirects {
        files.push(Output {
            path: REDIRECTS_FILE.into(),
            bytes: text.into_bytes(),
        });
    }
    files
}

/// `_redirects`, the format Netlify and Cloudflare Pages read (paths with the base URL's
/// path): a line `/<old> /<new>/ 301` per alias, sorted by the old path, then, in the default
/// edition's file, one rule per family of pages that moved from a folder of their own to a
/// file, for it and the `others` editions ([`moved_pages`]). The alias lines come first:
/// Cloudflare wants its static rules before its dynamic ones.
pub fn redirects(site: &Site, others: &[&Site]) -> String {
    let base = site.config.base_path();
    let mut text = String::new();
    for alias in &site.aliases {
        let target = &site.articles[alias.target];
        text.push_str(&format!(
            "{base}{} {base}{} 301\n",
            alias.path,
            target.url_path()
        ));
    }
    if site.config.edition_prefix.is_empty() {
        for edition in std::iter::once(site).chain(others.iter().copied()) {
            for (old, new) in moved_pages(edition) {
                let prefix = &edition.config.edition_prefix;
                text.push_str(&format!("{base}{prefix}{old} {base}{prefix}{new} 301\n"));
            }
        }
    }
    text
}

/// The rules, as `(old, new)` site paths with placeholders, that keep the addresses of the pages
/// that once had a folder of their own working where a server reads `_redirects`: a symptom
/// page `troubleshoot/x/` is now `troubleshoot/x.html`, a print view `causes/x/print/` is now
/// `causes/x/print.html`. One rule per family (and per depth of the causes' slugs), not one
/// per page: thousands of symptoms stay two lines. A placeholder (`:symptom`) matches one
/// segment of the path.
pub fn moved_pages(site: &Site) -> Vec<(String, String)> {
    let mut rules = Vec::new();
    if !site.troubleshooter.is_empty() {
        let dir = crate::model::TROUBLESHOOTER_DIR;
        rules.push((format!("{dir}/:symptom/"), format!("{dir}/:symptom.html")));
    }
    // The folders of the causes with a print view, each as its kind's folder and how many
    // segments follow it (`causes/x` is one; an article in a subfolder, two).
    let folders: std::collections::BTreeSet<(&str, usize)> = (0..site.articles.len())
        .filter(|&i| site.articles[i].fallback.is_none() && has_print_page(site, i))
        .map(|i| {
            let article = &site.articles[i];
            let dir = site.kind_of(article).dir.as_str();
            let rest = article.slug.strip_prefix(dir).unwrap_or(&article.slug);
            (dir, rest.trim_start_matches('/').split('/').count())
        })
        .collect();
    for (dir, depth) in folders {
        let mut folder: Vec<String> = (1..depth).map(|n| format!(":folder{n}")).collect();
        folder.push(":cause".to_string());
        let folder = folder.join("/");
        rules.push((
            format!("{dir}/{folder}/print/"),
            format!("{dir}/{folder}/{}", plan::PRINT_FILE),
        ));
    }
    rules
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;

    fn page_html(loaded: &crate::Loaded, page: PageId) -> String {
        let renderer = PageRenderer::new(&loaded.site, &loaded.theme);
        String::from_utf8(renderer.render(page).expect("page renders").bytes).unwrap()
    }

    #[test]
    fn every_page_carries_the_search_hooks_and_the_content_security_policy() {
        let mut loaded = fixture::loaded();
        // Two articles a page: the lists' pages after the first are checked too.
        loaded.site.config.paginate = 2;
        assert!(plan(&loaded.site).contains(&PageId::Kind(1, 2)));
        let csp = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; \
                   img-src 'self' data:; style-src 'self'; script-src 'self' 'wasm-unsafe-eval'\">";
        for page in plan(&loaded.site) {
            let html = page_html(&loaded, page);
            if !page.is_html() {
                continue;
            }
            let root = match page {
                PageId::Home => "",
                PageId::Kind(_, 1) | PageId::Search | PageId::Troubleshoot => "../",
                PageId::Kind(..) => "../../../",
                // A file of the troubleshooter's folder.
                PageId::Symptom(_) => "../",
                // A file of the cause's folder, beside its page.
                PageId::Article(_) | PageId::Print(_) => "../../",
                PageId::NotFound => "/",
                PageId::Tags => "../",
                PageId::Tag(_, 1) => "../../",
                PageId::Tag(..) => "../../../../",
                PageId::Redirect(_) => continue, // see the test of redirects
                PageId::Source(_) | PageId::File(..) => unreachable!(),
            };
            for needle in [
                format!("data-root=\"{root}\""),
                format!(
                    "<form class=\"search-form{}\" role=\"search\" action=\"{root}search/\" \
                     method=\"get\">",
                    match page {
                        PageId::Home => " search-form-hero",
                        PageId::Search => " search-form-page",
                        _ => "",
                    }
                ),
                "<input id=\"search-input\" type=\"search\" name=\"q\"".to_string(),
                "<label for=\"search-input\"".to_string(),
                csp.to_string(),
            ] {
                assert!(html.contains(&needle), "{page:?} lacks {needle}");
            }
            let script = format!(
                "<script src=\"{root}js/search.js?v={}\" defer></script>",
                loaded.theme.asset_version
            );
            assert_eq!(
                html.contains(&script),
                loaded.theme.assets.contains_key(context::SEARCH_SCRIPT),
                "{page:?}: the search script is linked if and only if the theme has it"
            );
            // The search UI is the second part of search.js: one script, one request.
            assert!(!html.contains("search-ui.js"), "{page:?}");
            assert_eq!(html.matches("<main").count(), 1, "{page:?}");
            assert!(!html.contains(" style="), "{page:?} has an inline style");
            let troubleshoot_script = format!(
                "<script src=\"{root}js/troubleshoot.js?v={}\" defer></script>",
                loaded.theme.asset_version
            );
            assert_eq!(
                html.contains(&troubleshoot_script),
                matches!(
                    page,
                    PageId::Troubleshoot | PageId::Symptom(_) | PageId::Print(_)
                ),
                "{page:?}: the troubleshooter's script is linked on its pages only"
            );
            let site_script = format!(
                "<script src=\"{root}js/site.js?v={}\" defer></script>",
                loaded.theme.asset_version
            );
            assert_eq!(
                html.contains(&site_script),
                loaded.theme.assets.contains_key(context::SITE_SCRIPT),
                "{page:?}: the site's script is linked if and only if the theme has it"
            );
            // The scripts' strings: a JSON data block, not a script, when the page loads one.
            let strings_block = "<script type=\"application/json\" id=\"remedy-strings\">";
            assert_eq!(
                html.matches(strings_block).count(),
                usize::from(html.contains(&script) || html.contains(&troubleshoot_script)),
                "{page:?}: the scripts' strings come with the scripts"
            );
            assert_eq!(
                html.matches("<script").count(),
                html.matches("<script type=\"application/ld+json\">")
                    .count()
                    + html.matches(strings_block).count()
                    + usize::from(html.contains(&script))
                    + usize::from(html.contains(&troubleshoot_script))
                    + usize::from(html.contains(&site_script)),
                "{page:?} has an inline script"
            );
        }
    }

    #[test]
    fn the_search_page_has_a_live_region_and_a_way_in_without_javascript() {
        let loaded = fixture::loaded();
        let html = page_html(&loaded, PageId::Search);
        assert!(html.contains("<div id=\"search-results\" aria-live=\"polite\"></div>"));
        let noscript = &html[html.find("<noscript>").unwrap()..html.find("</noscript>").unwrap()];
        assert!(noscript.contains("href=\"../faq/\""), "{noscript}");
        assert!(noscript.contains("href=\"../guides/\""), "{noscript}");
        assert!(
            noscript.contains("href=\"../faq/how-to-troubleshoot/\""),
            "{noscript}"
        );
    }
}
