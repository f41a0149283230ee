//! The settings of a site and their defaults: what [`super::parse`] makes of `book.toml`.
//! Every setting has a default, so a `book.toml` holding only `[book] title = "..."` builds a
//! site with the standard kinds. Data only: reading and checking `book.toml` is the parent
//! module's.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::search::analysis::Language;

/// The name of the configuration file at the root of a site.
pub const CONFIG_FILE: &str = "book.toml";

/// A kind of article: the folder it lives in, its title and where it sorts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kind {
    /// The kind's name, as used in front matter relations and search results (`cause`).
    pub name: String,
    /// The folder under `content/` (`causes`), also the URL segment.
    pub dir: String,
    /// The plural title shown on the site (`Causes`).
    pub title: String,
    /// The singular label shown beside one article of the kind (`Cause`), as in a search
    /// result.
    pub singular: String,
    /// Position among the kinds, lower first.
    pub order: i64,
}

/// The standard kinds, used when `book.toml` has no `[kinds]` table: (name, dir, title,
/// singular).
pub const STANDARD_KINDS: [(&str, &str, &str, &str); 7] = [
    ("guide", "guides", "Guides", "Guide"),
    ("cause", "causes", "Causes", "Cause"),
    ("fix", "fixes", "Fixes", "Fix"),
    ("practice", "practices", "Best practices", "Best practice"),
    ("restore", "restore", "Restore", "Restore guide"),
    ("error", "errors", "Error codes", "Error code"),
    ("faq", "faq", "FAQ", "FAQ"),
];

/// Relative weights of the searchable fields; the browser index and the tantivy index use the same.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldWeights {
    /// Exact error codes (`9006`, `0x8007000E`).
    pub error_codes: f32,
    /// The article title.
    pub title: f32,
    /// The symptom phrases of the front matter.
    pub symptoms: f32,
    /// The one-sentence summary.
    pub summary: f32,
    /// The text of the body's headings.
    pub headings: f32,
    /// The body text.
    pub body: f32,
}

impl Default for FieldWeights {
    fn default() -> Self {
        FieldWeights {
            error_codes: 8.0,
            title: 4.0,
            symptoms: 3.0,
            summary: 2.0,
            headings: 1.5,
            body: 1.0,
        }
    }
}

/// A way to narrow search results that a site offers (`[search] filters`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Filter {
    /// By kind of article (`fix`, `cause`, ...).
    Kind,
    /// By the articles' `tags`.
    Tags,
}

impl Filter {
    /// Every filter, in the order the search page shows them.
    pub const ALL: [Filter; 2] = [Filter::Kind, Filter::Tags];

    /// Its name in `book.toml`, in the browser index and in `Remedy.search`'s `filters`.
    pub fn name(self) -> &'static str {
        match self {
            Filter::Kind => "kind",
            Filter::Tags => "tags",
        }
    }
}

/// `[search.synonyms]`: words and phrases that find each other at query time (the analysis
/// of their words, the groups' expansion and the built-in lists are [`crate::search::synonyms`]'s).
#[derive(Debug, Clone, PartialEq)]
pub struct SynonymsConfig {
    /// Whether the built-in list of the site's language is used besides the site's own.
    pub defaults: bool,
    /// Two-way groups: each entry finds every other entry of its group.
    pub groups: Vec<Vec<Setting>>,
    /// One-way mappings: the entry finds its targets, not the other way round.
    pub one_way: Vec<(Setting, Vec<Setting>)>,
}

impl Default for SynonymsConfig {
    fn default() -> Self {
        SynonymsConfig {
            defaults: true,
            groups: Vec::new(),
            one_way: Vec::new(),
        }
    }
}

/// `[search]`: how the search indexes are built and queried.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchConfig {
    /// Whether misspelled words are matched (1 edit from 5 letters, 2 from 9).
    pub fuzzy: bool,
    /// Whether the last word of a query matches as a prefix (search as you type).
    pub prefix: bool,
    /// Field weights.
    pub weights: FieldWeights,
    /// The filters the browser index carries and the search page offers, in that order.
    pub filters: Vec<Filter>,
    /// Synonyms.
    pub synonyms: SynonymsConfig,
    /// The language both indexes analyse text in: `[book] language`'s when search has rules
    /// for it, English otherwise (with a warning, [`Config::warnings`]).
    pub language: Language,
    /// What the search box says, in the site's language: the theme's `[script.search]` table,
    /// set with the theme ([`crate::theme::localize_config`]). It travels in the browser
    /// index's manifest, which a reader's first query loads anyway, so that pages need not
    /// carry it: only the words shown when the index cannot load stay on each page
    /// ([`crate::i18n::PAGE_SEARCH_KEYS`]).
    pub strings: BTreeMap<String, String>,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            fuzzy: true,
            prefix: true,
            weights: FieldWeights::default(),
            filters: Vec::new(),
            synonyms: SynonymsConfig::default(),
            language: Language::English,
            strings: BTreeMap::new(),
        }
    }
}

/// `[check]`: content-health settings for `remedy check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckConfig {
    /// Articles not updated for more than this many days are reported as stale.
    pub stale_after_days: u32,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            stale_after_days: 365,
        }
    }
}

/// A setting whose value is checked against the content later (after loading), kept together
/// with where `book.toml` gives it so that a problem found then still points at its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    /// The value as written, trimmed.
    pub value: String,
    /// A diagnostic located at the value, with an empty message.
    place: Diagnostic,
}

impl Setting {
    /// A setting of `value`, given where `place` (a diagnostic with any message) points.
    pub fn new(value: String, place: Diagnostic) -> Setting {
        Setting { value, place }
    }

    /// A diagnostic (an error) about this setting, at its place in `book.toml`.
    pub fn diagnostic(&self, message: impl Into<String>) -> Diagnostic {
        let mut diagnostic = self.place.clone();
        diagnostic.message = message.into();
        diagnostic
    }
}

/// `[troubleshooter]`: the generated troubleshooter under `/troubleshoot/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TroubleshooterConfig {
    /// The article a reader who is still stuck is sent to (a full slug such as
    /// `fixes/contact-apple-support`), checked by the link stage like a relation.
    pub escalation: Option<Setting>,
    /// The most causes the troubleshooter's index lists in full, each with its fixes
    /// (`index-causes`). A troubleshooter with more lists only its symptoms there, each
    /// leading to its own page, and its script loads the causes of the symptoms a reader
    /// ticks from those pages: the index of a 100,000-article site stays a page a phone can
    /// open.
    pub index_causes: usize,
    /// The most causes a symptom's page shows in full, each with its fixes (`page-causes`;
    /// 0: every cause). The others follow as a list of links, least likely last: a symptom
    /// that hundreds of causes share keeps a page a phone can open (at 100,000 generated
    /// articles, the largest listed 558 causes in 775 KB).
    pub page_causes: usize,
}

impl Default for TroubleshooterConfig {
    fn default() -> Self {
        TroubleshooterConfig {
            escalation: None,
            index_causes: 200,
            page_causes: 25,
        }
    }
}

/// The whole configuration of a site.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Site title.
    pub title: String,
    /// One-sentence description, used on the home page and in meta tags.
    pub description: String,
    /// BCP 47 language tag (`en`).
    pub language: String,
    /// Authors, for the feed.
    pub authors: Vec<String>,
    /// Where `build` writes the site, relative to the root unless absolute.
    pub build_dir: PathBuf,
    /// Theme name: a folder under `themes/`, or the built-in `default`.
    pub theme: String,
    /// The absolute URL the site is published at, always ending in `/`.
    pub base_url: String,
    /// Whether raw HTML in Markdown is passed through (writers are trusted) or escaped.
    pub allow_html: bool,
    /// How many entries the Atom feed holds, most recently updated first.
    pub feed_limit: usize,
    /// Whether links between pages name the page's file (`causes/x/index.html`) rather than
    /// its folder, so the site works opened from a disk without a server or a script
    /// (`[build] portable`, `remedy build --portable`). See [`link_path`].
    pub portable: bool,
    /// How many articles a kind's index page and a tag's page list before the list goes on to
    /// `<kind-dir>/page/2/`, `tags/<tag>/page/2/` and so on (`[build] paginate`); 0 lists
    /// every article on one page. See [`crate::pipeline::render::plan::page_count`].
    pub paginate: usize,
    /// Search options.
    pub search: SearchConfig,
    /// Content-health options.
    pub check: CheckConfig,
    /// Troubleshooter options.
    pub troubleshooter: TroubleshooterConfig,
    /// The kinds of article, in display order.
    pub kinds: Vec<Kind>,
    /// The other editions (`[languages.<code>]`), by code; empty for a site in one language.
    pub editions: Vec<EditionConfig>,
    /// Where this configuration's edition is published in the build dir: empty for the default
    /// edition, `fr/` for the French one (see [`Config::for_edition`]).
    pub edition_prefix: String,
    /// Warnings about settings that work, but not as written (a language search has no rules
    /// for); `build` and `check` report them with the content's.
    pub warnings: Vec<Diagnostic>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Help center".to_string(),
            description: String::new(),
            language: "en".to_string(),
            authors: Vec::new(),
            build_dir: PathBuf::from("public"),
            theme: "default".to_string(),
            base_url: "/".to_string(),
            allow_html: true,
            feed_limit: 50,
            portable: false,
            paginate: DEFAULT_PAGINATE,
            search: SearchConfig::default(),
            check: CheckConfig::default(),
            troubleshooter: TroubleshooterConfig::default(),
            kinds: standard_kinds(),
            editions: Vec::new(),
            edition_prefix: String::new(),
            warnings: Vec::new(),
        }
    }
}

/// `[languages.<code>]`: an edition besides the default one, published under `/<code>/`.
#[derive(Debug, Clone, PartialEq)]
pub struct EditionConfig {
    /// The language code (`fr`), one search has rules for.
    pub code: String,
    /// The edition's site title; the default edition's when `None`.
    pub title: Option<String>,
    /// The edition's description; the default edition's when `None`.
    pub description: Option<String>,
    /// Kind titles in this language, by kind name; the default titles for the others.
    pub kind_titles: std::collections::BTreeMap<String, String>,
    /// Kind singular labels in this language, by kind name.
    pub kind_singulars: std::collections::BTreeMap<String, String>,
    /// `[languages.<code>.search.synonyms]`: the edition's synonyms. The default edition's
    /// `[search.synonyms]` are not used in it (they are in another language); the built-in
    /// list applies when the edition's language has one (English).
    pub synonyms: SynonymsConfig,
}

impl Config {
    /// The configuration of the edition `code`: its language (and search analysis), title,
    /// description, kind titles and singular labels, synonyms, its base URL under `<code>/`, everything else the
    /// default edition's. `None` when the site has no such edition.
    pub fn for_edition(&self, code: &str) -> Option<Config> {
        let edition = self.editions.iter().find(|e| e.code == code)?;
        let mut config = self.clone();
        config.language = edition.code.clone();
        if let Some(language) = Language::from_tag(&edition.code) {
            config.search.language = language;
        }
        if let Some(title) = &edition.title {
            config.title = title.clone();
        }
        if let Some(description) = &edition.description {
            config.description = description.clone();
        }
        for kind in &mut config.kinds {
            if let Some(title) = edition.kind_titles.get(&kind.name) {
                kind.title = title.clone();
            }
            if let Some(singular) = edition.kind_singulars.get(&kind.name) {
                kind.singular = singular.clone();
            }
        }
        config.search.synonyms = edition.synonyms.clone();
        config.edition_prefix = format!("{}/", edition.code);
        config.base_url = format!("{}{}", self.base_url, config.edition_prefix);
        // Warnings about `book.toml` are the default edition's to report.
        config.warnings = Vec::new();
        Some(config)
    }

    /// The default edition's base URL (this one's without its `<code>/`).
    pub fn default_base_url(&self) -> &str {
        self.base_url
            .strip_suffix(self.edition_prefix.as_str())
            .unwrap_or(&self.base_url)
    }

    /// The kind whose folder is `dir`.
    pub fn kind_by_dir(&self, dir: &str) -> Option<&Kind> {
        self.kinds.iter().find(|k| k.dir == dir)
    }

    /// The kind named `name`.
    pub fn kind(&self, name: &str) -> Option<&Kind> {
        self.kinds.iter().find(|k| k.name == name)
    }

    /// The path part of the base URL (`/` or `/help/`), used where relative links cannot work.
    pub fn base_path(&self) -> &str {
        match self.base_url.find("://") {
            Some(scheme_end) => {
                let after = &self.base_url[scheme_end + 3..];
                match after.find('/') {
                    Some(slash) => &after[slash..],
                    None => "/",
                }
            }
            None => &self.base_url,
        }
    }

    /// The absolute URL of a site path such as `causes/x/` (empty for the home page).
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// A site path as this site's pages link to it: see [`link_path`].
    pub fn link(&self, path: &str) -> String {
        link_path(path, self.portable)
    }
}

/// A site path (`causes/x/`, empty for the home page) as pages link to it: the folder, which a
/// web server answers with its `index.html`, or in a portable build the file itself
/// (`causes/x/index.html`, `index.html`), which a browser opens from a disk. The path of a
/// file (`feed.xml`) stays as it is. Feeds, sitemaps and canonical URLs are absolute and keep
/// the folder form either way.
pub fn link_path(path: &str, portable: bool) -> String {
    if portable && (path.is_empty() || path.ends_with('/')) {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// The standard kinds, in their standard order.
pub fn standard_kinds() -> Vec<Kind> {
    STANDARD_KINDS
        .iter()
        .enumerate()
        .map(|(i, (name, dir, title, singular))| Kind {
            name: name.to_string(),
            dir: dir.to_string(),
            title: title.to_string(),
            singular: singular.to_string(),
            order: (i as i64 + 1) * 10,
        })
        .collect()
}

/// How many articles a list page shows when `book.toml` does not say (Hugo's and Zola's
/// default is 10; help-centre lists are scanned, not read, so Remedy shows more).
pub const DEFAULT_PAGINATE: usize = 100;

/// Folders of the build dir that belong to Remedy, not to a kind.
pub const RESERVED_DIRS: [&str; 6] = ["search", "js", "css", "troubleshoot", "static", "tags"];
