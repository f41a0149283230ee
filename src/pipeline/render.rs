//! Stage 4, render: the [`Site`] through the theme's Tera templates into pages, plus the site
//! files that are not templates (sitemap, robots, feed). Every page is a [`PageId`]; rendering
//! one needs only the site and the theme, so the build renders all pages in parallel and the dev
//! server re-renders just the pages a change touches.
//!
//! # Template contract
//! Every template gets:
//! - `site`: `title`, `description`, `language`, `base_url` (absolute, ends in `/`), `authors`,
//!   `kinds` (each `name`, `dir`, `title`, `description`, `path`, `count`), `asset_version`,
//!   `has_search_script` (whether the theme ships `js/search.js`, so a page never links a
//!   script that is not there), `has_troubleshoot_script` (the same for
//!   `js/troubleshoot.js`), `troubleshooter` (its path, `troubleshoot/`, or empty when the
//!   site has none).
//! - `root`: the relative path from the page to the site root (`../../` on an article, `` on the
//!   home page, the base path such as `/` on `404.html`, which is served at any depth). Every
//!   internal URL in a template is `{{ root }}{{ something.path }}`.
//! - `page`: `type` (`home`, `kind`, `article`, `search`, `404`, `troubleshoot`, `symptom`,
//!   `print`), `path` (site path of this page),
//!   `permalink` (absolute URL), `title` (the `<title>` text), `description`, `og_type`,
//!   `json_ld` (a list of JSON strings, safe inside `<script type="application/ld+json">`).
//!
//! `home.html` also gets `intro` (HTML), `common_symptoms` (each `text`, `path`, `kind`,
//! `title`), `sections` (each kind as in `site.kinds` with its first `articles` as cards) and
//! `errors` (cards). `search.html` and `404.html` get `sections` too, to offer a way in
//! without JavaScript.
//! `kind.html` (or `kind-<name>.html`) gets `kind` (as in `site.kinds`, plus `intro` HTML) and
//! `articles`: cards, each with `causes` and `fixes` (lists of `title`, `path`).
//! `article.html` (or `article-<name>.html`) gets `article`: a card plus `symptoms`, `content`
//! (HTML), `toc` (h2 entries with `id`, `title`, `children` of h3 entries), `steps`,
//! `word_count`, `reading_minutes`, `updated_human`, `breadcrumbs` (`title`, `path`),
//! `relations` (groups with `kind`, `heading`, `items` of cards), `related` (cards),
//! `previous`/`next` (cards or none), `print_path` (a cause's print view, or none) and
//! `troubleshoot` (where the article leads into the troubleshooter: `text`, `path`; none on
//! causes and fixes).
//! The troubleshooter's pages (`troubleshoot.html`, `symptom.html`) and the print view of a
//! cause (`print.html`) are described in [`troubleshoot`]. Each article's Markdown
//! (`<slug>/index.md`) and `llms.txt` are made in Rust by [`crate::llms`], not by templates.
//! A card is `slug`, `kind`, `kind_title`, `title`, `summary`, `path`, `error_codes`, `effort`,
//! `weight`, `updated` (`YYYY-MM-DD` or empty).

use std::collections::HashMap;

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::model::{Article, Site, TROUBLESHOOTER_DIR, kinds};
use crate::seo;
use crate::theme::Theme;

mod troubleshoot;

/// One page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageId {
    /// `index.html`.
    Home,
    /// `<dir>/index.html` for the kind at this index of `config.kinds`.
    Kind(usize),
    /// `<slug>/index.html` for the article at this index of `site.articles`.
    Article(usize),
    /// `search/index.html`.
    Search,
    /// `404.html`.
    NotFound,
    /// `troubleshoot/index.html`: every symptom, grouped, and every cause with its fixes.
    Troubleshoot,
    /// `troubleshoot/<symptom>/index.html` for the symptom at this index of
    /// `site.troubleshooter.symptoms`.
    Symptom(usize),
    /// `<slug>/print/index.html`: the checklist of the cause at this index of `site.articles`.
    Print(usize),
    /// `<slug>/index.md`: the Markdown of the article at this index of `site.articles`.
    Source(usize),
}

impl PageId {
    /// Whether the page is an HTML page (every page but the Markdown sources).
    pub fn is_html(self) -> bool {
        !matches!(self, PageId::Source(_))
    }
}

/// A rendered file: where it goes in the build dir and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Path relative to the build dir, `/`-separated.
    pub path: String,
    /// The file's contents.
    pub bytes: Vec<u8>,
}

/// The browser search client among the theme's assets; pages load it only if it is there.
const SEARCH_SCRIPT: &str = "js/search.js";
/// The troubleshooter's script among the theme's assets, loaded on its pages only.
const TROUBLESHOOT_SCRIPT: &str = "js/troubleshoot.js";
/// How many symptoms the home page shows.
const COMMON_SYMPTOMS: usize = 12;
/// How many articles of each kind the home page lists.
const ARTICLES_PER_SECTION: usize = 5;

/// Every page of the site, in a stable order.
pub fn plan(site: &Site) -> Vec<PageId> {
    let mut pages = vec![PageId::Home];
    pages.extend((0..site.config.kinds.len()).map(PageId::Kind));
    pages.extend((0..site.articles.len()).map(PageId::Article));
    pages.extend((0..site.articles.len()).map(PageId::Source));
    pages.extend(
        (0..site.articles.len())
            .filter(|&i| has_print_page(site, i))
            .map(PageId::Print),
    );
    if !site.troubleshooter.is_empty() {
        pages.push(PageId::Troubleshoot);
        pages.extend((0..site.troubleshooter.symptoms.len()).map(PageId::Symptom));
    }
    pages.push(PageId::Search);
    pages.push(PageId::NotFound);
    pages
}

/// The build-dir path of a page.
pub fn output_path(site: &Site, page: PageId) -> String {
    match page {
        PageId::Home => "index.html".to_string(),
        PageId::Kind(index) => format!("{}/index.html", site.config.kinds[index].dir),
        PageId::Article(index) => format!("{}/index.html", site.articles[index].slug),
        PageId::Search => "search/index.html".to_string(),
        PageId::NotFound => "404.html".to_string(),
        PageId::Troubleshoot => format!("{}/index.html", TROUBLESHOOTER_DIR),
        PageId::Symptom(index) => {
            format!("{}index.html", site.troubleshooter.symptoms[index].path())
        }
        PageId::Print(index) => format!("{}index.html", print_path(&site.articles[index])),
        PageId::Source(index) => format!("{}/index.md", site.articles[index].slug),
    }
}

/// Whether an article gets a print view: causes with at least one fix.
pub fn has_print_page(site: &Site, index: usize) -> bool {
    site.articles[index].kind == kinds::CAUSE
        && site.relations[index]
            .by_kind
            .get(kinds::FIX)
            .is_some_and(|fixes| !fixes.is_empty())
}

/// The site path of an article's print view: `causes/x/print/`.
pub fn print_path(article: &Article) -> String {
    format!("{}print/", article.url_path())
}

/// The pages that show something of an article's body (not only of its front matter): its
/// page, its Markdown source and the print views that list its steps. The dev server
/// re-renders these after an edit that changed only the body.
pub fn pages_showing_body(site: &Site, index: usize) -> Vec<PageId> {
    let mut pages = vec![PageId::Article(index), PageId::Source(index)];
    if site.articles[index].kind == kinds::FIX
        && let Some(causes) = site.relations[index].by_kind.get(kinds::CAUSE)
    {
        pages.extend(
            causes
                .iter()
                .filter(|&&cause| has_print_page(site, cause))
                .map(|&cause| PageId::Print(cause)),
        );
    }
    pages
}

/// Renders pages of one site with one theme. Holds what every page context shares, computed
/// once, so rendering N pages is O(N) work.
pub struct PageRenderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    shared: Shared<'a>,
}

impl<'a> PageRenderer<'a> {
    /// Prepares to render pages of `site` through `theme`.
    pub fn new(site: &'a Site, theme: &'a Theme) -> Self {
        PageRenderer {
            site,
            theme,
            shared: Shared::new(site, theme),
        }
    }

    /// Renders one page.
    pub fn render(&self, page: PageId) -> Result<Output, Box<Diagnostic>> {
        let site = self.site;
        let shared = &self.shared;
        let path = output_path(site, page);
        if let PageId::Source(index) = page {
            return Ok(Output {
                path,
                bytes: crate::llms::article_markdown(site, &site.articles[index]).into_bytes(),
            });
        }
        let (template_names, context, label): (Vec<String>, tera::Context, String) = match page {
            PageId::Home => (
                vec!["home.html".into()],
                home_context(shared),
                "the home page".into(),
            ),
            PageId::Kind(index) => {
                let kind = &site.config.kinds[index];
                (
                    vec![format!("kind-{}.html", kind.name), "kind.html".into()],
                    kind_context(shared, index),
                    format!("the {} index", kind.name),
                )
            }
            PageId::Article(index) => {
                let article = &site.articles[index];
                (
                    vec![
                        format!("article-{}.html", article.kind),
                        "article.html".into(),
                    ],
                    article_context(shared, index),
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
                not_found_context(shared),
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
            PageId::Source(_) => unreachable!("Markdown sources are not templates"),
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
        let html = self.theme.render(template, &context, &label)?;
        Ok(Output {
            path,
            bytes: html.into_bytes(),
        })
    }
}

/// The site files that are not templates: `sitemap.xml`, `robots.txt`, `feed.xml`.
pub fn site_files(site: &Site) -> Vec<Output> {
    let kind_paths: Vec<String> = site
        .config
        .kinds
        .iter()
        .map(|k| format!("{}/", k.dir))
        .collect();
    vec![
        Output {
            path: "sitemap.xml".into(),
            bytes: seo::sitemap(site, &kind_paths).into_bytes(),
        },
        Output {
            path: "robots.txt".into(),
            bytes: seo::robots(site).into_bytes(),
        },
        Output {
            path: "feed.xml".into(),
            bytes: seo::atom_feed(site).into_bytes(),
        },
        Output {
            path: "llms.txt".into(),
            bytes: crate::llms::llms_txt(site).into_bytes(),
        },
    ]
}

/// Data every page context starts from.
struct Shared<'a> {
    site: &'a Site,
    site_context: SiteContext<'a>,
    /// Each kind with its first articles, for the home, search and 404 pages.
    sections: Vec<Section<'a>>,
}

impl<'a> Shared<'a> {
    fn new(site: &'a Site, theme: &'a Theme) -> Self {
        let counts = kind_counts(site);
        let kinds = site
            .config
            .kinds
            .iter()
            .map(|kind| KindContext {
                name: &kind.name,
                dir: &kind.dir,
                title: &kind.title,
                description: site
                    .sections
                    .get(&kind.name)
                    .and_then(|s| s.description.as_deref())
                    .unwrap_or(""),
                path: format!("{}/", kind.dir),
                count: counts.get(kind.name.as_str()).copied().unwrap_or(0),
                intro: "",
            })
            .collect::<Vec<_>>();
        let sections = first_articles(site)
            .into_iter()
            .zip(&kinds)
            .map(|(articles, kind)| Section {
                kind: kind.clone(),
                articles: articles.into_iter().map(|i| card(site, i)).collect(),
            })
            .collect();
        Shared {
            site,
            sections,
            site_context: SiteContext {
                title: &site.config.title,
                description: site
                    .home
                    .description
                    .as_deref()
                    .unwrap_or(&site.config.description),
                language: &site.config.language,
                base_url: &site.config.base_url,
                authors: &site.config.authors,
                kinds,
                asset_version: &theme.asset_version,
                has_search_script: theme.assets.contains_key(SEARCH_SCRIPT),
                has_troubleshoot_script: theme.assets.contains_key(TROUBLESHOOT_SCRIPT),
                troubleshooter: if site.troubleshooter.is_empty() {
                    String::new()
                } else {
                    format!("{}/", TROUBLESHOOTER_DIR)
                },
            },
        }
    }

    fn context(&self, root: &str, page: PageContext) -> tera::Context {
        let mut context = tera::Context::new();
        context.insert("site", &self.site_context);
        context.insert("root", root);
        context.insert("page", &page);
        context
    }

    fn page(
        &self,
        kind: &'static str,
        path: String,
        title: String,
        description: String,
    ) -> PageContext {
        PageContext {
            kind,
            permalink: self.site.config.permalink(&path),
            path,
            title,
            description,
            og_type: if kind == "article" {
                "article"
            } else {
                "website"
            },
            json_ld: Vec::new(),
        }
    }
}

/// The first [`ARTICLES_PER_SECTION`] articles of each kind, in `config.kinds` order, from one
/// pass over the articles (which are already in display order).
fn first_articles(site: &Site) -> Vec<Vec<usize>> {
    let position: HashMap<&str, usize> = site
        .config
        .kinds
        .iter()
        .enumerate()
        .map(|(i, kind)| (kind.name.as_str(), i))
        .collect();
    let mut firsts = vec![Vec::new(); site.config.kinds.len()];
    for (index, article) in site.articles.iter().enumerate() {
        if let Some(&kind) = position.get(article.kind.as_str())
            && firsts[kind].len() < ARTICLES_PER_SECTION
        {
            firsts[kind].push(index);
        }
    }
    firsts
}

fn kind_counts(site: &Site) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for article in &site.articles {
        *counts.entry(article.kind.as_str()).or_insert(0) += 1;
    }
    counts
}

#[derive(Serialize)]
struct SiteContext<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: &'a str,
    authors: &'a [String],
    kinds: Vec<KindContext<'a>>,
    asset_version: &'a str,
    has_search_script: bool,
    has_troubleshoot_script: bool,
    troubleshooter: String,
}

#[derive(Serialize, Clone)]
struct KindContext<'a> {
    name: &'a str,
    dir: &'a str,
    title: &'a str,
    description: &'a str,
    path: String,
    count: usize,
    intro: &'a str,
}

#[derive(Serialize)]
struct PageContext {
    #[serde(rename = "type")]
    kind: &'static str,
    path: String,
    permalink: String,
    title: String,
    description: String,
    og_type: &'static str,
    json_ld: Vec<String>,
}

#[derive(Serialize)]
struct Card<'a> {
    slug: &'a str,
    kind: &'a str,
    kind_title: &'a str,
    title: &'a str,
    summary: &'a str,
    path: String,
    error_codes: Vec<&'a str>,
    effort: Option<&'a str>,
    weight: i64,
    updated: String,
}

fn card<'a>(site: &'a Site, index: usize) -> Card<'a> {
    let article = &site.articles[index];
    Card {
        slug: &article.slug,
        kind: &article.kind,
        kind_title: &site.kind_of(article).title,
        title: &article.front.title,
        summary: &article.front.summary,
        path: article.url_path(),
        error_codes: article.error_codes().collect(),
        effort: article.front.effort.as_deref(),
        weight: article.front.weight,
        updated: article
            .front
            .updated
            .map(|d| d.to_string())
            .unwrap_or_default(),
    }
}

#[derive(Serialize)]
struct Link<'a> {
    title: &'a str,
    path: String,
}

#[derive(Serialize)]
struct KindEntry<'a> {
    #[serde(flatten)]
    card: Card<'a>,
    causes: Vec<Link<'a>>,
    fixes: Vec<Link<'a>>,
}

#[derive(Serialize)]
struct Section<'a> {
    #[serde(flatten)]
    kind: KindContext<'a>,
    articles: Vec<Card<'a>>,
}

#[derive(Serialize)]
struct Symptom<'a> {
    text: &'a str,
    path: String,
    kind: &'a str,
    title: &'a str,
}

fn home_context(shared: &Shared<'_>) -> tera::Context {
    let site = shared.site;
    let mut page = shared.page(
        "home",
        String::new(),
        site.config.title.clone(),
        shared.site_context.description.to_string(),
    );
    page.json_ld = seo::home_json_ld(site);
    let mut context = shared.context("", page);
    context.insert("intro", &site.home.html);
    let mut seen = std::collections::HashSet::new();
    let mut symptoms = Vec::new();
    let causes: Vec<usize> = site.articles_of_kind(kinds::CAUSE).collect();
    for round in 0..2 {
        for &index in &causes {
            let article = &site.articles[index];
            if let Some(text) = article.front.symptoms.get(round)
                && symptoms.len() < COMMON_SYMPTOMS
                && seen.insert(text.to_lowercase())
            {
                symptoms.push(Symptom {
                    text,
                    path: article.url_path(),
                    kind: &article.kind,
                    title: &article.front.title,
                });
            }
        }
    }
    context.insert("common_symptoms", &symptoms);
    context.insert("sections", &shared.sections);
    let errors: Vec<Card<'_>> = site
        .articles_of_kind(kinds::ERROR)
        .map(|i| card(site, i))
        .collect();
    context.insert("errors", &errors);
    context
}

fn kind_context(shared: &Shared<'_>, index: usize) -> tera::Context {
    let site = shared.site;
    let kind = &site.config.kinds[index];
    let mut kind_context = shared.site_context.kinds[index].clone();
    let intro = site
        .sections
        .get(&kind.name)
        .map_or("", |s| s.html.as_str());
    kind_context.intro = intro;
    let path = format!("{}/", kind.dir);
    let mut page = shared.page(
        "kind",
        path.clone(),
        format!("{} · {}", kind_context.title, site.config.title),
        kind_context.description.to_string(),
    );
    page.json_ld = seo::kind_json_ld(site, kind_context.title, &path);
    let mut context = shared.context("../", page);
    let links = |i: usize, kind: &str| -> Vec<Link<'_>> {
        site.relations[i]
            .by_kind
            .get(kind)
            .map(|list| {
                list.iter()
                    .map(|&j| Link {
                        title: &site.articles[j].front.title,
                        path: site.articles[j].url_path(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let entries: Vec<KindEntry<'_>> = site
        .articles_of_kind(&kind.name)
        .map(|i| KindEntry {
            card: card(site, i),
            causes: links(i, kinds::CAUSE),
            fixes: links(i, kinds::FIX),
        })
        .collect();
    context.insert("kind", &kind_context);
    context.insert("articles", &entries);
    context
}

#[derive(Serialize)]
struct TocEntry<'a> {
    id: &'a str,
    title: &'a str,
    level: u8,
    children: Vec<TocEntry<'a>>,
}

#[derive(Serialize)]
struct RelationGroup<'a> {
    kind: &'a str,
    heading: String,
    items: Vec<Card<'a>>,
}

#[derive(Serialize)]
struct ArticleContext<'a> {
    #[serde(flatten)]
    card: Card<'a>,
    symptoms: &'a [String],
    content: &'a str,
    toc: Vec<TocEntry<'a>>,
    steps: &'a [String],
    word_count: usize,
    reading_minutes: usize,
    updated_human: String,
    breadcrumbs: Vec<seo::Crumb>,
    relations: Vec<RelationGroup<'a>>,
    related: Vec<Card<'a>>,
    previous: Option<Card<'a>>,
    next: Option<Card<'a>>,
    print_path: Option<String>,
    troubleshoot: Option<SymptomLink<'a>>,
}

#[derive(Serialize)]
struct SymptomLink<'a> {
    text: &'a str,
    path: String,
}

/// Where an article sends its reader into the troubleshooter: the symptom page of its first
/// phrase there. Causes and fixes have none (the troubleshooter leads to them, not from them).
fn troubleshoot_entry(site: &Site, index: usize) -> Option<&crate::model::Symptom> {
    let kind = site.articles[index].kind.as_str();
    if kind == kinds::CAUSE || kind == kinds::FIX {
        return None;
    }
    let symptom = crate::troubleshooter::entry_for(site, index)?;
    Some(&site.troubleshooter.symptoms[symptom])
}

fn article_context(shared: &Shared<'_>, index: usize) -> tera::Context {
    let site = shared.site;
    let article = &site.articles[index];
    let relations = &site.relations[index];
    let description = if article.front.summary.is_empty() {
        seo::excerpt(&article.text, seo::EXCERPT_CHARS)
    } else {
        article.front.summary.clone()
    };
    let mut page = shared.page(
        "article",
        article.url_path(),
        format!("{} · {}", article.front.title, site.config.title),
        description,
    );
    page.json_ld = seo::article_json_ld(site, article);
    let root = crate::markdown::root_of(&article.slug);
    let mut context = shared.context(&root, page);
    let mut groups: Vec<RelationGroup<'_>> = Vec::new();
    for kind in &site.config.kinds {
        if let Some(list) = relations.by_kind.get(&kind.name) {
            groups.push(RelationGroup {
                kind: &kind.name,
                heading: relation_heading(&article.kind, &kind.name, &kind.title),
                items: list.iter().map(|&j| card(site, j)).collect(),
            });
        }
    }
    let word_count = article.word_count();
    let article_context = ArticleContext {
        card: card(site, index),
        symptoms: &article.front.symptoms,
        content: &article.html,
        toc: table_of_contents(article),
        steps: &article.steps,
        word_count,
        reading_minutes: word_count.div_ceil(200).max(1),
        updated_human: article.front.updated.map(|d| d.human()).unwrap_or_default(),
        breadcrumbs: seo::breadcrumbs(site, article),
        relations: groups,
        related: relations.related.iter().map(|&j| card(site, j)).collect(),
        previous: relations.previous.map(|j| card(site, j)),
        next: relations.next.map(|j| card(site, j)),
        print_path: has_print_page(site, index).then(|| print_path(article)),
        troubleshoot: troubleshoot_entry(site, index).map(|symptom| SymptomLink {
            text: &symptom.text,
            path: symptom.path(),
        }),
    };
    context.insert("article", &article_context);
    context
}

/// The heading of a relation box on an article page, from the article's kind and the kind of
/// the articles listed.
pub fn relation_heading(from: &str, to: &str, to_title: &str) -> String {
    match (from, to) {
        (kinds::CAUSE, kinds::FIX) => "Fixes for this cause".to_string(),
        (kinds::FIX, kinds::CAUSE) => "Causes this fixes".to_string(),
        (_, kinds::ERROR) => "Error codes".to_string(),
        (kinds::ERROR, kinds::CAUSE) => "Why it happens".to_string(),
        (kinds::ERROR, kinds::FIX) => "How to fix it".to_string(),
        (_, kinds::CAUSE) => "Possible causes".to_string(),
        (_, kinds::FIX) => "Fixes to try".to_string(),
        _ => to_title.to_string(),
    }
}

fn table_of_contents(article: &Article) -> Vec<TocEntry<'_>> {
    let mut toc: Vec<TocEntry<'_>> = Vec::new();
    for heading in &article.headings {
        let entry = TocEntry {
            id: &heading.id,
            title: &heading.text,
            level: heading.level,
            children: Vec::new(),
        };
        match heading.level {
            2 => toc.push(entry),
            3 => match toc.last_mut() {
                Some(parent) => parent.children.push(entry),
                None => toc.push(entry),
            },
            _ => {}
        }
    }
    toc
}

fn search_context(shared: &Shared<'_>) -> tera::Context {
    let site = shared.site;
    let page = shared.page(
        "search",
        "search/".to_string(),
        format!("Search · {}", site.config.title),
        format!("Search {}", site.config.title),
    );
    let mut context = shared.context("../", page);
    context.insert("sections", &shared.sections);
    context
}

fn not_found_context(shared: &Shared<'_>) -> tera::Context {
    let site = shared.site;
    let page = shared.page(
        "404",
        "404.html".to_string(),
        format!("Page not found · {}", site.config.title),
        String::new(),
    );
    let mut context = shared.context(site.config.base_path(), page);
    context.insert("sections", &shared.sections);
    context
}

/// For every page, its output path and a fingerprint of everything its context is made from.
/// Two sites give a page the same fingerprint only if the page renders the same, so the dev
/// server re-renders exactly the pages whose fingerprint changed. This must mirror the context
/// builders above: a field added to a context must be hashed here too (the dev server's
/// byte-identity tests catch a miss).
pub fn fingerprints(site: &Site, theme: &Theme) -> Vec<(String, PageId, u64)> {
    let fingerprinter = Fingerprinter::new(site, theme);
    plan(site)
        .into_iter()
        .map(|page| {
            (
                output_path(site, page),
                page,
                fingerprinter.page(site, page),
            )
        })
        .collect()
}

type Hasher64 = std::collections::hash_map::DefaultHasher;

/// What page fingerprints are made from, computed once per site: a hash of everything every
/// page shares, a hash per card, and the first articles of each kind. The dev server keeps it
/// between rebuilds that change no card, so re-fingerprinting one article's page is O(1).
#[derive(Debug, Clone)]
pub struct Fingerprinter {
    global: u64,
    card_hashes: Vec<u64>,
    first_articles_of_kinds: Vec<Vec<usize>>,
}

impl Fingerprinter {
    /// Computes the shared hashes of `site`.
    pub fn new(site: &Site, theme: &Theme) -> Fingerprinter {
        use std::hash::{Hash, Hasher};
        let shared = Shared::new(site, theme);
        let mut global = Hasher64::new();
        theme.fingerprint.hash(&mut global);
        serde_json::to_string(&shared.site_context)
            .unwrap_or_default()
            .hash(&mut global);
        site.config.base_url.hash(&mut global);
        Fingerprinter {
            global: global.finish(),
            card_hashes: site.articles.iter().map(|a| card_hash(a)).collect(),
            first_articles_of_kinds: first_articles(site),
        }
    }

    /// The fingerprint of one page of `site` (the site this fingerprinter was made from, or
    /// one that differs from it only in the body of articles).
    pub fn page(&self, site: &Site, page: PageId) -> u64 {
        use std::hash::{Hash, Hasher};
        let card_hashes = &self.card_hashes;
        let section_hash = |kind: Option<&str>| {
            let mut hasher = Hasher64::new();
            let section = match kind {
                Some(kind) => site.sections.get(kind),
                None => Some(&site.home),
            };
            if let Some(section) = section {
                section.title.hash(&mut hasher);
                section.description.hash(&mut hasher);
                section.html.hash(&mut hasher);
            }
            hasher.finish()
        };
        let mut hasher = Hasher64::new();
        self.global.hash(&mut hasher);
        // Not the page id itself: article indexes shift when an article is added.
        let tag: u8 = match page {
            PageId::Home => 0,
            PageId::Kind(_) => 1,
            PageId::Article(_) => 2,
            PageId::Search => 3,
            PageId::NotFound => 4,
            PageId::Troubleshoot => 5,
            PageId::Symptom(_) => 6,
            PageId::Print(_) => 7,
            PageId::Source(_) => 8,
        };
        tag.hash(&mut hasher);
        match page {
            PageId::Home => {
                section_hash(None).hash(&mut hasher);
                for index in site.articles_of_kind(kinds::CAUSE) {
                    card_hashes[index].hash(&mut hasher);
                    site.articles[index].front.symptoms.hash(&mut hasher);
                }
                for &index in self.first_articles_of_kinds.iter().flatten() {
                    card_hashes[index].hash(&mut hasher);
                }
                for index in site.articles_of_kind(kinds::ERROR) {
                    card_hashes[index].hash(&mut hasher);
                }
            }
            PageId::Kind(kind_index) => {
                let kind = &site.config.kinds[kind_index];
                section_hash(Some(&kind.name)).hash(&mut hasher);
                for index in site.articles_of_kind(&kind.name) {
                    card_hashes[index].hash(&mut hasher);
                    for linked_kind in [kinds::CAUSE, kinds::FIX] {
                        if let Some(list) = site.relations[index].by_kind.get(linked_kind) {
                            for &j in list {
                                card_hashes[j].hash(&mut hasher);
                            }
                        }
                    }
                }
            }
            PageId::Article(index) => {
                let relations = &site.relations[index];
                site.articles[index].fingerprint.hash(&mut hasher);
                card_hashes[index].hash(&mut hasher);
                for (kind, list) in &relations.by_kind {
                    kind.hash(&mut hasher);
                    for &j in list {
                        card_hashes[j].hash(&mut hasher);
                    }
                }
                for &j in &relations.related {
                    card_hashes[j].hash(&mut hasher);
                }
                relations.previous.map(|j| card_hashes[j]).hash(&mut hasher);
                relations.next.map(|j| card_hashes[j]).hash(&mut hasher);
                has_print_page(site, index).hash(&mut hasher);
                troubleshoot_entry(site, index).hash(&mut hasher);
            }
            PageId::Source(index) => {
                site.articles[index].fingerprint.hash(&mut hasher);
                card_hashes[index].hash(&mut hasher);
            }
            PageId::Troubleshoot | PageId::Symptom(_) | PageId::Print(_) => {
                troubleshoot::hash_page(site, page, card_hashes, &mut hasher);
            }
            PageId::Search | PageId::NotFound => {
                for &index in self.first_articles_of_kinds.iter().flatten() {
                    card_hashes[index].hash(&mut hasher);
                }
            }
        }
        hasher.finish()
    }
}

/// A hash of what an article shows wherever it is listed (its card), and of what the pages
/// that list causes show of them (symptoms, on the home page).
pub fn card_hash(article: &Article) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = Hasher64::new();
    article.slug.hash(&mut hasher);
    article.kind.hash(&mut hasher);
    article.front.title.hash(&mut hasher);
    article.front.summary.hash(&mut hasher);
    for code in article.error_codes() {
        code.hash(&mut hasher);
    }
    article.front.effort.hash(&mut hasher);
    article.front.weight.hash(&mut hasher);
    article.front.updated.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::BuildOptions;

    fn bundled_site() -> crate::Loaded {
        crate::load_site(&BuildOptions {
            root: env!("CARGO_MANIFEST_DIR").into(),
            ..BuildOptions::default()
        })
        .expect("the bundled site loads")
    }

    fn page_html(loaded: &crate::Loaded, page: PageId) -> String {
        let renderer = PageRenderer::new(&loaded.site, &loaded.theme);
        String::from_utf8(renderer.render(page).expect("page renders").bytes).unwrap()
    }

    #[test]
    fn first_articles_are_the_first_of_each_kind_in_display_order() {
        let site = &bundled_site().site;
        let firsts = first_articles(site);
        assert_eq!(firsts.len(), site.config.kinds.len());
        for (kind, found) in site.config.kinds.iter().zip(&firsts) {
            let expected: Vec<usize> = site
                .articles_of_kind(&kind.name)
                .take(ARTICLES_PER_SECTION)
                .collect();
            assert_eq!(found, &expected, "kind `{}`", kind.name);
        }
    }

    #[test]
    fn every_page_carries_the_search_hooks_and_the_content_security_policy() {
        let loaded = bundled_site();
        let csp = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; \
                   img-src 'self' data:; style-src 'self'; script-src 'self'\">";
        for page in plan(&loaded.site) {
            let html = page_html(&loaded, page);
            if !page.is_html() {
                continue;
            }
            let root = match page {
                PageId::Home => "",
                PageId::Kind(_) | PageId::Search | PageId::Troubleshoot => "../",
                PageId::Article(_) | PageId::Symptom(_) => "../../",
                PageId::Print(_) => "../../../",
                PageId::NotFound => "/",
                PageId::Source(_) => unreachable!(),
            };
            for needle in [
                format!("data-root=\"{root}\""),
                format!(
                    "<form class=\"search-form{}\" role=\"search\" action=\"{root}search/\" \
                     method=\"get\">",
                    if page == PageId::Home {
                        " search-form-hero"
                    } else {
                        ""
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
                loaded.theme.assets.contains_key(SEARCH_SCRIPT),
                "{page:?}: the search script is linked if and only if the theme has it"
            );
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
            assert_eq!(
                html.matches("<script").count(),
                html.matches("<script type=\"application/ld+json\">")
                    .count()
                    + usize::from(html.contains(&script))
                    + usize::from(html.contains(&troubleshoot_script)),
                "{page:?} has an inline script"
            );
        }
    }

    #[test]
    fn a_page_whose_fingerprint_is_unchanged_renders_the_same() {
        let mut loaded = bundled_site();
        let render_all = |loaded: &crate::Loaded| -> Vec<String> {
            plan(&loaded.site)
                .into_iter()
                .map(|page| page_html(loaded, page))
                .collect()
        };
        let before = fingerprints(&loaded.site, &loaded.theme);
        let before_html = render_all(&loaded);
        // The first guide is listed on the home, search and 404 pages, its kind index and its
        // neighbours and relations.
        let first_guide = loaded.site.articles_of_kind("guide").next().unwrap();
        std::sync::Arc::make_mut(&mut loaded.site.articles[first_guide])
            .front
            .title
            .push_str(" (renamed)");
        let after = fingerprints(&loaded.site, &loaded.theme);
        let after_html = render_all(&loaded);
        let mut changed = Vec::new();
        for ((old, new), (old_html, new_html)) in before
            .iter()
            .zip(&after)
            .zip(before_html.iter().zip(&after_html))
        {
            if old.2 == new.2 {
                assert!(
                    old_html == new_html,
                    "{} changed but kept its fingerprint",
                    old.0
                );
            } else {
                changed.push(old.0.as_str());
            }
        }
        for page in [
            "index.html",
            "search/index.html",
            "404.html",
            "guides/index.html",
        ] {
            assert!(
                changed.contains(&page),
                "{page} not re-rendered: {changed:?}"
            );
        }
    }

    #[test]
    fn a_body_edit_changes_only_the_pages_that_show_the_body() {
        // The dev server's fast path re-renders `pages_showing_body` after a body-only edit:
        // every other page must keep its fingerprint.
        let mut loaded = bundled_site();
        let fix = loaded.site.by_slug["fixes/free-up-icloud-storage"];
        let before = fingerprints(&loaded.site, &loaded.theme);
        let article = std::sync::Arc::make_mut(&mut loaded.site.articles[fix]);
        article.steps.push("One more step.".to_string());
        article.html.push_str("<p>One more step.</p>");
        article.fingerprint ^= 1;
        let after = fingerprints(&loaded.site, &loaded.theme);
        let mut changed: Vec<PageId> = before
            .iter()
            .zip(&after)
            .filter(|(old, new)| old.2 != new.2)
            .map(|(old, _)| old.1)
            .collect();
        changed.sort();
        let mut expected = pages_showing_body(&loaded.site, fix);
        expected.sort();
        assert_eq!(changed, expected);
        let storage_full = loaded.site.by_slug["causes/icloud-storage-full"];
        assert!(
            changed.contains(&PageId::Print(storage_full)),
            "{changed:?}"
        );
    }

    #[test]
    fn the_search_page_has_a_live_region_and_a_way_in_without_javascript() {
        let loaded = bundled_site();
        let html = page_html(&loaded, PageId::Search);
        assert!(html.contains("<div id=\"search-results\" aria-live=\"polite\"></div>"));
        let noscript = &html[html.find("<noscript>").unwrap()..html.find("</noscript>").unwrap()];
        assert!(noscript.contains("href=\"../faq/\""), "{noscript}");
        assert!(noscript.contains("href=\"../guides/\""), "{noscript}");
        assert!(
            noscript.contains("href=\"../faq/how-to-troubleshoot-backup/\""),
            "{noscript}"
        );
    }
}
