//! What each template gets: the contexts of the home page, the kind indexes, the article
//! pages, the search page and the 404 page, built from the [`Site`]; the troubleshooter's
//! pages are in [`super::troubleshoot`]. Everything here is data for templates: what a page
//! shows is decided by the model, and rendering is [`super::PageRenderer`]'s.
//!
//! # Template contract
//! Every template gets:
//! - `t`: the theme's text in the page's language (`t.on_this_page`; see [`crate::i18n`] for
//!   the files, the `fill` filter and the `plural` function), and `t.language`, the code of the
//!   text shown. `script_strings` is the JSON of the strings the page's scripts show, for a
//!   `<script type="application/json" id="remedy-strings">` block (empty when the page loads
//!   no script).
//! - `site`: `title`, `description`, `language`, `base_url` (absolute, ends in `/`), `authors`,
//!   `kinds` (each `name`, `dir`, `title`, `singular` (the label of one article of the kind),
//!   `description`, `path`, `count`), `asset_version`,
//!   `has_search_script` (whether the theme ships `js/search.js`, so a page never links a
//!   script that is not there), `has_troubleshoot_script`, `has_site_script` and
//!   `has_tabs_script` (the same for `js/troubleshoot.js`, `js/site.js` and `js/tabs.js`),
//!   `troubleshooter` (its path, `troubleshoot/`, or empty when the site has none),
//!   `troubleshooter_dir` (its folder, `troubleshoot/`, even in a portable build: for
//!   scripts), `tags` (the tag index's path, `tags/`, or empty when no article has tags),
//!   `home_path` and `search_path` (the home page's and the search page's paths, empty and
//!   `search/`), `portable`.
//! - `root`: the relative path from the page to the site root (`../../` on an article, `` on the
//!   home page, the base path such as `/` on `404.html`, which is served at any depth, or ``
//!   there in a portable build). Every internal URL in a template is
//!   `{{ root }}{{ something.path }}`; the home page's is `{{ root }}{{ site.home_path }}`.
//!   In a portable build (`[build] portable`) every such path names its page's file
//!   (`causes/x/index.html`, `index.html`: see [`crate::config::link_path`]), so the URLs
//!   work opened from a disk.
//! - `page`: `type` (`home`, `kind`, `article`, `search`, `404`, `troubleshoot`, `symptom`,
//!   `print`, `tags`, `tag`, `redirect`), `path` (site path of this page, the folder even in a
//!   portable build: compare it with `kind.dir`, not with link paths; the pages that are
//!   files of a folder, symptom pages `troubleshoot/x.html` and print views
//!   `causes/x/print.html`, have the file's path),
//!   `permalink` (absolute URL), `title` (the `<title>` text), `description`, `og_type`,
//!   `json_ld` (a list of JSON strings, safe inside `<script type="application/ld+json">`).
//!
//! `home.html` also gets `intro` (HTML), `common_symptoms` (each `text`, `path`, `kind`,
//! `title`), `sections` (each kind as in `site.kinds` with its first `articles` as cards) and
//! `errors` (cards of the first [`HOME_ERRORS`] error pages). `search.html` and `404.html` get `sections` too, to offer a way in
//! without JavaScript.
//! `kind.html` (or `kind-<name>.html`) gets `kind` (as in `site.kinds`, plus `intro` HTML) and
//! `articles`: cards, each with `causes` and `fixes` (lists of `title`, `path`), the articles
//! of this page of the kind's index (`[build] paginate` a page; see [`super::plan`]).
//! `kind.html` and `tag.html` get `list_page` (`number`, from 1; `page_of`, "Page 2 of 250",
//! and `crumb`, "Page 2", both empty on the first page; `path`, this page's as pages link to
//! it) and `pager`, none when the list fits on one page, else `number`, `count`, `previous`
//! and `next` (paths, or none at the ends) and `items` (each `number`, none for a gap, `path`
//! and `current`), which `partials/pager.html` shows. A page after the first has
//! `page.path` `causes/page/2/`, its own canonical URL, and its number in `page.title`.
//! `article.html` (or `article-<name>.html`) gets `article`: a card plus `symptoms`, `content`
//! (HTML), `toc` (h2 entries with `id`, `title`, `children` of h3 entries), `steps`,
//! `word_count`, `reading_minutes`, `updated_human` (in the page's language),
//! `breadcrumbs` (`title`, `path`),
//! `relations` (groups with `kind`, `heading`, `items` of cards), `related` (cards),
//! `next_steps` (groups like `relations`, then "See also": each related article once, those
//! the body links to left out; see [`article::next_steps`]), `previous`/`next` (cards or none),
//! `print_path` (a cause's print view, or none), `troubleshoot` (where the article leads
//! into the troubleshooter: `text`, `path`; none on causes and fixes), `extra` (the front
//! matter's free-form `[extra]` table, as written) and `has_tabs` (whether the body has tabs:
//! the page loads `js/tabs.js`).
//! `tags.html` gets `tags`: every tag, by name, each `name`, `slug`, `path` and `count`.
//! `tag.html` gets `tag` (`name`, `slug`, `path`, `count`) and `articles` (cards, in display
//! order, of this page of the tag's list).
//! `redirect.html` (the page left at an alias, an article's old path) gets `redirect`:
//! `path` (the old path), `url` (the article's page, relative to the redirect) and `article`
//! (a card); its `page.permalink` is the article's, for the canonical link.
//! The troubleshooter's pages (`troubleshoot.html`, `symptom.html`) and the print view of a
//! cause (`print.html`) are described in [`super::troubleshoot`]. Each article's Markdown
//! (`<slug>/index.md`) and `llms.txt` are made in Rust by [`crate::llms`], not by templates.
//! A kind (in `site.kinds`, `sections`, `kind`) has `title_in_text` too: its title as a
//! sentence of the page's language writes it (lower-cased in English, as written in German).
//! A card is `slug`, `kind`, `kind_title`, `kind_singular`, `title`, `summary`, `path`,
//! `error_codes`, `effort`, `weight`, `updated` (`YYYY-MM-DD` or empty), `tags` (each `name`,
//! `slug`, `path`) and, in an edition other than the default one, for an article not translated
//! into it, `language` (the original's language code; none otherwise) and `language_name`
//! (`English`).
//!
//! Editions (`[languages.<code>]`): every template also gets `asset_root`, the relative path
//! to the theme's files (`root` in the default edition, one folder further up in another,
//! which is published under `<code>/`: `root` is its edition's root), and `editions` (empty
//! for a site in one language): each edition's `code`, `name` (in itself), `url` (this page
//! there, relative: the same page, or an article's kind page when the article is not
//! translated, or the home page), `permalink`, `alternate` (whether `url` is this page, for
//! `hreflang`) and `current`.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

use super::plan::{has_print_page, print_path};
use crate::i18n::Strings;
use crate::model::{Article, Site, TAGS_DIR, TROUBLESHOOTER_DIR, kinds};
use crate::seo;
use crate::theme::Theme;

/// The browser search client among the theme's assets; pages load it only if it is there.
pub(super) const SEARCH_SCRIPT: &str = "js/search.js";
/// The troubleshooter's script among the theme's assets, loaded on its pages only.
pub(super) const TROUBLESHOOT_SCRIPT: &str = "js/troubleshoot.js";
/// The tabs' script among the theme's assets, loaded on pages with tabs only.
pub(super) const TABS_SCRIPT: &str = "js/tabs.js";
/// The small script every page loads: the phone menu, and links that point at a folder made to
/// name its `index.html` when the page is opened from `file://`.
pub(super) const SITE_SCRIPT: &str = "js/site.js";
/// How many symptoms the home page shows.
pub(super) const COMMON_SYMPTOMS: usize = 12;
/// How many error codes the home page's lookup lists, first in display order; the errors'
/// kind page lists them all.
pub(super) const HOME_ERRORS: usize = 24;
/// How many articles of each kind the home page lists.
pub(super) const ARTICLES_PER_SECTION: usize = 5;

/// Data every page context starts from.
pub(super) struct Shared<'a> {
    /// The site.
    pub(super) site: &'a Site,
    /// What every template gets as `site`.
    pub(super) site_context: SiteContext<'a>,
    /// Each kind with its first articles, for the home, search and 404 pages.
    pub(super) sections: Vec<Section<'a>>,
    /// The theme's text in the site's language.
    pub(super) strings: Strings,
    /// What templates get as `t`, converted once: a tera value shares its maps, so every
    /// page's context holds the same one instead of a copy.
    t: tera::Value,
    /// [`Shared::site_context`] as a tera value, converted once for the same reason.
    site_value: tera::Value,
    /// The scripts' strings as JSON: of the search scripts, and of those plus the
    /// troubleshooter's, the tabs' (empty when the theme has none of them).
    script_strings: ScriptStrings,
    /// Each cause's block on the troubleshooter's pages, made once, with its HTML.
    pub(super) cause_blocks: PerArticle,
    /// The theme, which renders each cause's block once ([`Shared::cause_blocks`]).
    pub(super) theme: &'a Theme,
    /// The cause blocks' template if it went over its work limit: the blocks are left to the
    /// pages then, which report it.
    pub(super) blocks_over_limit: crate::theme::OverLimit,
    /// Each article's card as the article pages that list it show it, made once.
    cards: PerArticle,
    /// The articles of each kind, which its index pages list a page at a time.
    pub(super) lists: KindLists,
}

/// A tera value per article, made the first time a page asks for it and then shared: a card
/// is the same on every page that lists its article, a cause's block on the page of each of its
/// symptoms, and a tera value shares its maps and lists, so each page's context holds the one
/// value instead of serializing it again. At most [`PerArticle::KEPT`] values are kept (about
/// 1.2 KB each), so a site of 100,000 articles does not hold a card for each: past that, a
/// value is made each time it is asked for. The pages are the same either way.
pub(super) struct PerArticle {
    len: usize,
    kept: usize,
    made: AtomicUsize,
    values: OnceLock<Box<[OnceLock<tera::Value>]>>,
}

impl PerArticle {
    /// How many values are kept at most.
    const KEPT: usize = 12_000;
    /// How many cause blocks are kept at most: more than cards, as a site has fewer causes
    /// than articles and each block is asked for by every symptom page of its cause. Keeping
    /// all 25,000 of a 100,000-article site's blocks took 3 % off its build time and did not
    /// move its peak memory (1.42–1.44 GB either way: the peak is the search index's).
    const CAUSE_BLOCKS_KEPT: usize = 40_000;

    fn new(len: usize) -> Self {
        PerArticle::keeping(len, Self::KEPT)
    }

    /// A cache of `len` articles that keeps at most `kept` values.
    fn keeping(len: usize, kept: usize) -> Self {
        PerArticle {
            len,
            kept,
            made: AtomicUsize::new(0),
            values: OnceLock::new(),
        }
    }

    /// The value of the article at `index`, made by `make` the first time.
    pub(super) fn get_or(&self, index: usize, make: impl FnOnce() -> tera::Value) -> tera::Value {
        let values = self
            .values
            .get_or_init(|| (0..self.len).map(|_| OnceLock::new()).collect());
        if let Some(value) = values[index].get() {
            return value.clone();
        }
        // Two pages may count the same value: the bound is approximate, and harmless.
        if self.made.fetch_add(1, Ordering::Relaxed) < self.kept {
            values[index].get_or_init(make).clone()
        } else {
            make()
        }
    }
}

/// The `script_strings` of the kinds of page, by the scripts they load.
struct ScriptStrings {
    search: String,
    troubleshooter: String,
    tabs: String,
}

impl<'a> Shared<'a> {
    pub(super) fn new(site: &'a Site, theme: &'a Theme) -> Self {
        Shared::with_kind_lists(site, theme, &KindLists::of(site))
    }

    /// [`Shared::new`] with the site's [`KindLists`] already made.
    pub(super) fn with_kind_lists(site: &'a Site, theme: &'a Theme, lists: &KindLists) -> Self {
        let strings = theme.i18n.strings(&site.config.language);
        let in_text = |title: &str| title_in_text(&strings, title);
        let kinds = site
            .config
            .kinds
            .iter()
            .enumerate()
            .map(|(index, kind)| KindContext {
                name: &kind.name,
                dir: &kind.dir,
                title: &kind.title,
                title_in_text: in_text(&kind.title),
                singular: &kind.singular,
                description: site
                    .sections
                    .get(&kind.name)
                    .and_then(|s| s.description.as_deref())
                    .unwrap_or(""),
                path: site.config.link(&format!("{}/", kind.dir)),
                count: lists.count(index),
                intro: "",
            })
            .collect::<Vec<_>>();
        let sections = lists
            .firsts()
            .zip(&kinds)
            .map(|(articles, kind)| Section {
                kind: kind.clone(),
                articles: articles.iter().map(|&i| card(site, i)).collect(),
            })
            .collect();
        let has = |script: &str| theme.assets.contains_key(script);
        let search = if has(SEARCH_SCRIPT) {
            vec!["search"]
        } else {
            Vec::new()
        };
        let with = |extra: &'static str, script: &str| {
            let mut scripts = search.clone();
            if has(script) {
                scripts.push(extra);
            }
            if scripts.is_empty() {
                String::new()
            } else {
                strings.script_json(&scripts)
            }
        };
        let script_strings = ScriptStrings {
            search: if search.is_empty() {
                String::new()
            } else {
                strings.script_json(&search)
            },
            troubleshooter: with("troubleshoot", TROUBLESHOOT_SCRIPT),
            tabs: with("tabs", TABS_SCRIPT),
        };
        let t = tera::Value::from_serializable(&strings.template_value());
        let site_context = SiteContext {
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
            has_site_script: theme.assets.contains_key(SITE_SCRIPT),
            troubleshooter: if site.troubleshooter.is_empty() {
                String::new()
            } else {
                site.config.link(&format!("{}/", TROUBLESHOOTER_DIR))
            },
            troubleshooter_dir: if site.troubleshooter.is_empty() {
                String::new()
            } else {
                format!("{}/", TROUBLESHOOTER_DIR)
            },
            tags: if site.tags.is_empty() {
                String::new()
            } else {
                site.config.link(&format!("{TAGS_DIR}/"))
            },
            has_tabs_script: theme.assets.contains_key(TABS_SCRIPT),
            home_path: site.config.link(""),
            search_path: site.config.link("search/"),
            portable: site.config.portable,
        };
        Shared {
            site,
            sections,
            t,
            site_value: tera::Value::from_serializable(&site_context),
            site_context,
            strings,
            script_strings,
            cause_blocks: PerArticle::keeping(site.articles.len(), PerArticle::CAUSE_BLOCKS_KEPT),
            theme,
            blocks_over_limit: crate::theme::OverLimit::default(),
            cards: PerArticle::new(site.articles.len()),
            lists: lists.clone(),
        }
    }

    /// The card of the article at `index` as a tera value, made once (see [`PerArticle`]).
    pub(super) fn card_value(&self, index: usize) -> tera::Value {
        self.cards.get_or(index, || {
            tera::Value::from_serializable(&card(self.site, index))
        })
    }

    pub(super) fn context(&self, root: &str, page: PageContext) -> tera::Context {
        let mut context = tera::Context::new();
        context.insert_value("site", self.site_value.clone());
        context.insert("root", root);
        let prefix = &self.site.config.edition_prefix;
        // The theme's files are the default edition's, one folder up from another edition's
        // root (the 404 page's root is absolute: `/fr/` → `/`).
        let asset_root = match root.strip_suffix(prefix.as_str()) {
            Some(base) if root.starts_with('/') => base.to_string(),
            _ => format!("{root}{}", "../".repeat(prefix.matches('/').count())),
        };
        context.insert("editions", &self.editions(root, &page));
        context.insert("asset_root", &asset_root);
        let scripts = match page.kind {
            "troubleshoot" | "symptom" | "print" => &self.script_strings.troubleshooter,
            _ => &self.script_strings.search,
        };
        context.insert("script_strings", scripts);
        context.insert("page", &page);
        context.insert_value("t", self.t.clone());
        context
    }

    /// The page in every edition, for the language switcher and the `hreflang` alternates:
    /// the same page where the edition has it (`alternate`: true), else the article's kind
    /// page, the edition's list of tags (a tag it has not) or the edition's home page. Empty for a site in one language.
    fn editions(&self, root: &str, page: &PageContext) -> Vec<EditionLink> {
        let site = self.site;
        let up = "../".repeat(site.config.edition_prefix.matches('/').count());
        let base = site.config.default_base_url();
        site.editions
            .iter()
            .map(|edition| {
                let (path, alternate) = match page.kind {
                    // Every edition lists every article of a kind (an article not translated
                    // as its original), so each has the same pages of a kind's index.
                    "home" | "kind" | "search" | "troubleshoot" | "tags" => {
                        (page.path.clone(), true)
                    }
                    // A translation may give its own tags: a tag another edition has not
                    // leads to that edition's list of tags. Its articles differ too, so a
                    // page after the first leads to the first page of the tag in another
                    // edition, which may have fewer pages.
                    "tag" => {
                        let rest = page.path.trim_start_matches(TAGS_DIR).trim_matches('/');
                        let (slug, paged) = match rest.split_once('/') {
                            Some((slug, _)) => (slug, true),
                            None => (rest, false),
                        };
                        let current = edition.prefix == site.config.edition_prefix;
                        if current || (edition.tags.contains(slug) && !paged) {
                            (page.path.clone(), true)
                        } else if edition.tags.contains(slug) {
                            (format!("{TAGS_DIR}/{slug}/"), false)
                        } else {
                            (format!("{TAGS_DIR}/"), false)
                        }
                    }
                    "article" => {
                        let slug = page.path.trim_end_matches('/');
                        if edition.articles.contains(slug) {
                            (page.path.clone(), true)
                        } else {
                            let dir = slug.split('/').next().unwrap_or_default();
                            (format!("{dir}/"), false)
                        }
                    }
                    _ => (String::new(), false),
                };
                EditionLink {
                    code: edition.code.clone(),
                    name: edition.name.clone(),
                    url: format!("{root}{up}{}{}", edition.prefix, site.config.link(&path)),
                    permalink: format!("{base}{}{path}", edition.prefix),
                    alternate,
                    current: edition.prefix == site.config.edition_prefix,
                }
            })
            .collect()
    }

    /// The strings of the scripts of a page with tabs.
    pub(super) fn tabs_script_strings(&self) -> &str {
        &self.script_strings.tabs
    }

    pub(super) fn page(
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

/// A kind's title as a sentence of the language of `strings` writes it: lower-cased unless the
/// language keeps its capital (`kind_title_in_sentence = "keep"`, German).
fn title_in_text(strings: &Strings, title: &str) -> String {
    if strings.get("kind_title_in_sentence") == "keep" {
        title.to_string()
    } else {
        title.to_lowercase()
    }
}

/// A breadcrumb trail as templates link it: each path as [`crate::config::Config::link`]
/// writes it (the trail's JSON-LD keeps the folders).
pub(super) fn linked(site: &Site, crumbs: Vec<seo::Crumb>) -> Vec<seo::Crumb> {
    crumbs
        .into_iter()
        .map(|crumb| seo::Crumb {
            path: site.config.link(&crumb.path),
            ..crumb
        })
        .collect()
}

/// What the pages list of each kind, in `config.kinds` order: all its articles, in display
/// order ([`super::plan::kind_members`]), which its index pages show a page at a time and
/// whose first [`ARTICLES_PER_SECTION`] are the home page's section. The dev server keeps it,
/// in the [`super::Fingerprinter`], across edits that change only articles' bodies, so
/// rendering an edited article's page does not walk the whole site again. Cloning it is
/// cheap: the lists are shared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindLists {
    /// The articles of each kind.
    members: std::sync::Arc<[Vec<usize>]>,
}

impl KindLists {
    /// The lists of `site`.
    pub fn of(site: &Site) -> KindLists {
        KindLists {
            members: super::plan::kind_members(site).into(),
        }
    }

    /// The articles of the kind at `kind` of `config.kinds`, in display order.
    pub(super) fn members(&self, kind: usize) -> &[usize] {
        &self.members[kind]
    }

    /// The first articles of each kind, for the home page's sections.
    pub(super) fn firsts(&self) -> impl Iterator<Item = &[usize]> {
        self.members
            .iter()
            .map(|members| &members[..members.len().min(ARTICLES_PER_SECTION)])
    }

    /// How many articles the kind at `kind` has.
    fn count(&self, kind: usize) -> usize {
        self.members[kind].len()
    }
}

#[derive(Serialize)]
pub(super) struct SiteContext<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: &'a str,
    authors: &'a [String],
    kinds: Vec<KindContext<'a>>,
    asset_version: &'a str,
    has_search_script: bool,
    has_troubleshoot_script: bool,
    has_site_script: bool,
    troubleshooter: String,
    tags: String,
    has_tabs_script: bool,
    troubleshooter_dir: String,
    home_path: String,
    search_path: String,
    portable: bool,
}

#[derive(Serialize, Clone)]
pub(super) struct KindContext<'a> {
    name: &'a str,
    dir: &'a str,
    title: &'a str,
    title_in_text: String,
    singular: &'a str,
    description: &'a str,
    path: String,
    count: usize,
    intro: &'a str,
}

#[derive(Serialize)]
pub(super) struct PageContext {
    #[serde(rename = "type")]
    kind: &'static str,
    path: String,
    pub(super) permalink: String,
    title: String,
    description: String,
    og_type: &'static str,
    pub(super) json_ld: Vec<String>,
}

/// One edition as a page links to it: see [`Shared::editions`].
#[derive(Serialize)]
pub(super) struct EditionLink {
    /// The language code, for `hreflang` and `lang`.
    code: String,
    /// The language's name in itself.
    name: String,
    /// The page's version in the edition, relative to this page.
    url: String,
    /// The same, absolute.
    permalink: String,
    /// Whether it is this page in the other edition (an `hreflang` alternate), not a page near it.
    alternate: bool,
    /// Whether it is this page's edition.
    current: bool,
}

#[derive(Serialize)]
pub(super) struct Card<'a> {
    slug: &'a str,
    kind: &'a str,
    kind_title: &'a str,
    kind_singular: &'a str,
    title: &'a str,
    summary: &'a str,
    path: String,
    error_codes: Vec<&'a str>,
    effort: Option<&'a str>,
    weight: i64,
    updated: String,
    tags: Vec<TagLink<'a>>,
    /// In another edition than the default one, an article not translated: the language it
    /// is in (its page is the original's), and that language's name in itself.
    language: Option<&'a str>,
    language_name: String,
}

/// A tag as cards and article pages show it.
#[derive(Serialize)]
pub(super) struct TagLink<'a> {
    name: &'a str,
    slug: &'a str,
    path: String,
}

/// A tag of the tag pages: a link plus how many articles have it.
#[derive(Serialize)]
pub(super) struct TagEntry<'a> {
    #[serde(flatten)]
    link: TagLink<'a>,
    count: usize,
}

fn tag_link(site: &Site, index: usize) -> TagLink<'_> {
    let tag = &site.tags[index];
    TagLink {
        name: &tag.name,
        slug: &tag.slug,
        path: site.config.link(&tag.path()),
    }
}

fn tag_entry(site: &Site, index: usize) -> TagEntry<'_> {
    TagEntry {
        link: tag_link(site, index),
        count: site.tags[index].articles.len(),
    }
}

pub(super) fn card<'a>(site: &'a Site, index: usize) -> Card<'a> {
    let article = &site.articles[index];
    Card {
        slug: &article.slug,
        kind: &article.kind,
        kind_title: &site.kind_of(article).title,
        kind_singular: &site.kind_of(article).singular,
        title: &article.front.title,
        summary: &article.front.summary,
        path: site.config.link(&article.url_path()),
        error_codes: article.error_codes().collect(),
        effort: article.front.effort.as_deref(),
        weight: article.front.weight,
        updated: article
            .front
            .updated
            .map(|d| d.to_string())
            .unwrap_or_default(),
        tags: site.relations[index]
            .tags
            .iter()
            .map(|&tag| tag_link(site, tag))
            .collect(),
        language: article.fallback.as_deref(),
        language_name: article
            .fallback
            .as_deref()
            .map(crate::language::native_name)
            .unwrap_or_default(),
    }
}

#[derive(Serialize)]
pub(super) struct Link<'a> {
    title: &'a str,
    path: String,
}

#[derive(Serialize)]
pub(super) struct KindEntry<'a> {
    #[serde(flatten)]
    card: Card<'a>,
    causes: Vec<Link<'a>>,
    fixes: Vec<Link<'a>>,
}

#[derive(Serialize)]
pub(super) struct Section<'a> {
    #[serde(flatten)]
    kind: KindContext<'a>,
    articles: Vec<Card<'a>>,
}

#[derive(Serialize)]
pub(super) struct Symptom<'a> {
    text: &'a str,
    path: String,
    kind: &'a str,
    title: &'a str,
}

pub(super) fn home_context(shared: &Shared<'_>) -> tera::Context {
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
    // Each cause's headline symptom; a second round only when there are few causes.
    for round in 0..2 {
        if round > 0 && symptoms.len() >= COMMON_SYMPTOMS / 2 {
            break;
        }
        for &index in &causes {
            let article = &site.articles[index];
            if let Some(text) = article.front.symptoms.get(round)
                && symptoms.len() < COMMON_SYMPTOMS
                && seen.insert(text.to_lowercase())
            {
                symptoms.push(Symptom {
                    text,
                    path: site.config.link(&article.url_path()),
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
        .take(HOME_ERRORS)
        .map(|i| card(site, i))
        .collect();
    context.insert("errors", &errors);
    context
}

/// The context of page `number` (from 1) of the index of the kind at `index`: the articles of
/// that page only (see [`super::plan::page_range`]), and a `pager` when the list has more
/// than one page. The first page shows the kind's intro; the others say which page they are
/// instead (`page_of`), and their `<title>`, breadcrumbs and JSON-LD name the page.
pub(super) fn kind_context(shared: &Shared<'_>, index: usize, number: usize) -> tera::Context {
    let site = shared.site;
    let kind = &site.config.kinds[index];
    let mut kind_context = shared.site_context.kinds[index].clone();
    let intro = site
        .sections
        .get(&kind.name)
        .map_or("", |s| s.html.as_str());
    kind_context.intro = intro;
    let first = format!("{}/", kind.dir);
    let members = shared.lists.members(index);
    let per_page = site.config.paginate;
    let count = super::plan::page_count(members.len(), per_page);
    let path = super::plan::list_page_path(&first, number);
    let listed = ListedPage::new(
        site,
        &shared.strings,
        kind_context.title,
        &first,
        number,
        count,
    );
    let mut page = shared.page(
        "kind",
        path.clone(),
        format!("{} · {}", listed.title, site.config.title),
        kind_context.description.to_string(),
    );
    let home = shared.strings.get("home");
    page.json_ld = if number == 1 {
        seo::kind_json_ld(site, kind_context.title, &path, &home)
    } else {
        listed.json_ld(
            site,
            vec![seo::Crumb {
                title: home.into_owned(),
                path: String::new(),
            }],
        )
    };
    let root = crate::markdown::root_of(path.trim_end_matches('/'));
    let mut context = shared.context(&root, page);
    let links = |i: usize, kind: &str| -> Vec<Link<'_>> {
        site.relations[i]
            .by_kind
            .get(kind)
            .map(|list| {
                list.iter()
                    .map(|&j| Link {
                        title: &site.articles[j].front.title,
                        path: site.config.link(&site.articles[j].url_path()),
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let entries: Vec<KindEntry<'_>> = members
        [super::plan::page_range(members.len(), per_page, number)]
    .iter()
    .map(|&i| KindEntry {
        card: card(site, i),
        causes: links(i, kinds::CAUSE),
        fixes: links(i, kinds::FIX),
    })
    .collect();
    context.insert("kind", &kind_context);
    context.insert("articles", &entries);
    listed.insert_into(&mut context);
    context
}

pub(super) mod pager;
use pager::ListedPage;

/// Where an article sends its reader into the troubleshooter: the symptom page of its first
/// phrase there. Causes and fixes have none (the troubleshooter leads to them, not from them).
pub(super) fn troubleshoot_entry(site: &Site, index: usize) -> Option<&crate::model::Symptom> {
    let kind = site.articles[index].kind.as_str();
    if kind == kinds::CAUSE || kind == kinds::FIX {
        return None;
    }
    let symptom = crate::troubleshooter::entry_for(site, index)?;
    Some(&site.troubleshooter.symptoms[symptom])
}

pub(super) mod article;

pub(super) fn search_context(shared: &Shared<'_>) -> tera::Context {
    let site = shared.site;
    let strings = &shared.strings;
    let page = shared.page(
        "search",
        "search/".to_string(),
        format!("{} · {}", strings.get("search"), site.config.title),
        strings.fill("search_description", &[("site", &site.config.title)]),
    );
    let mut context = shared.context("../", page);
    context.insert("sections", &shared.sections);
    context
}

pub(super) mod pages;

#[cfg(test)]
mod tests;
