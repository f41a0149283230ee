//! The data Remedy builds a site from: [`Article`]s with their [`FrontMatter`], and the [`Site`]
//! that holds them in display order together with the relation graph between them.
//!
//! The relation graph is one graph: a cause lists its fixes, an error code its causes and fixes,
//! and every such edge is also stored in reverse, so a fix knows the causes it addresses and a
//! cause knows the error codes that point at it. `related` links are one-way "see also" links.
//! This module holds data and answers questions about it; it does no IO.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::{Config, Kind};

/// Kind names with a fixed meaning in relations, structured data and the troubleshooter.
pub mod kinds {
    /// The kind `causes = [...]` points at.
    pub const CAUSE: &str = "cause";
    /// The kind `fixes = [...]` points at.
    pub const FIX: &str = "fix";
    /// Error-code pages: their `error_codes` must be unique.
    pub const ERROR: &str = "error";
    /// FAQ entries, marked up as `FAQPage`.
    pub const FAQ: &str = "faq";
    /// Restore procedures, marked up as `HowTo`.
    pub const RESTORE: &str = "restore";
}

/// A calendar date (`updated = 2026-11-26` in front matter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, such as 2026.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month, 1 to 31.
    pub day: u8,
}

impl Date {
    /// Days since 1970-01-01 (negative before), for comparing dates.
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date of a day counted from 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }

    /// Today's date in UTC.
    pub fn today() -> Date {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days_since_epoch((seconds / 86_400) as i64)
    }

    /// "26 November 2026".
    pub fn human(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let month = MONTHS[usize::from(self.month.clamp(1, 12)) - 1];
        format!("{} {month} {}", self.day, self.year)
    }

    /// RFC 3339 midnight UTC, for feeds: `2026-11-26T00:00:00Z`.
    pub fn rfc3339(&self) -> String {
        format!("{self}T00:00:00Z")
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A string from the front matter together with where it was written, for diagnostics.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Located {
    /// The value.
    pub value: String,
    /// Byte range of the value in the article's file.
    pub span: Range<usize>,
}

/// The front matter of an article, validated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct FrontMatter {
    /// Title (required).
    pub title: String,
    /// One sentence for lists and search results.
    pub summary: String,
    /// The words a reader would type.
    pub symptoms: Vec<String>,
    /// Error codes the article is about.
    pub error_codes: Vec<Located>,
    /// Fixes for this article's problem, as written (bare fix slugs or full slugs).
    pub fixes: Vec<Located>,
    /// Causes behind this article's problem, as written.
    pub causes: Vec<Located>,
    /// "See also" links, full slugs.
    pub related: Vec<Located>,
    /// Order within the kind, lower first.
    pub weight: i64,
    /// When the article was last updated.
    pub updated: Option<Date>,
    /// Drafts are left out unless `--drafts` is given.
    pub draft: bool,
    /// How long a fix takes ("1 min", "5 min", ...), for ordering fixes easiest first.
    pub effort: Option<String>,
    /// Tags as written (`"iPad"`), for tag pages and search filters.
    pub tags: Vec<Located>,
    /// Old paths of the article (`causes/old-slug/`), each published as a redirect.
    pub aliases: Vec<Located>,
    /// The free-form `[extra]` table, handed to templates as `article.extra`.
    pub extra: Extra,
}

/// The free-form `[extra]` table of an article's front matter, as JSON (TOML dates become
/// strings). Remedy does not look inside it; templates do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extra(pub serde_json::Map<String, serde_json::Value>);

impl std::hash::Hash for Extra {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // A map's JSON text is deterministic (keys are sorted), so it stands for the map.
        serde_json::Value::Object(self.0.clone())
            .to_string()
            .hash(state);
    }
}

/// A heading of an article body.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The unique `id` attribute.
    pub id: String,
    /// The heading as plain text.
    pub text: String,
}

/// An internal `@/kind/slug.md#anchor` link or `#anchor` link in a body, kept for checking.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct InternalLink {
    /// The target slug (`causes/x`), or the article's own slug for a `#anchor` link.
    pub target: String,
    /// The anchor after `#`, if any.
    pub anchor: Option<String>,
    /// Byte range of the link destination in the file.
    pub span: Range<usize>,
    /// The snippet the link is written in, when it is not in the article's own file (`span` is
    /// then a range of the snippet's text).
    pub file: Option<Arc<SnippetFile>>,
}

/// One file of `snippets/`: Markdown shared by several articles, included by a paragraph
/// `{{#snippet <name>}}` and rendered as part of the including article.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SnippetFile {
    /// The name it is included by: `back-up-now` for `snippets/back-up-now.md`.
    pub name: String,
    /// The language of a translated snippet (`fr` for `snippets/back-up-now.fr.md`); `None`
    /// for the snippet every language falls back to.
    pub language: Option<String>,
    /// The file, relative to the site root: `snippets/back-up-now.md`.
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
}

/// Every snippet of a site, by name and language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippets {
    by_name: BTreeMap<(String, Option<String>), Arc<SnippetFile>>,
}

impl Snippets {
    /// No snippets.
    pub const NONE: Snippets = Snippets {
        by_name: BTreeMap::new(),
    };

    /// The snippets of these files (a later file with the same name and language wins).
    pub fn new(files: impl IntoIterator<Item = SnippetFile>) -> Snippets {
        Snippets {
            by_name: files
                .into_iter()
                .map(|file| ((file.name.clone(), file.language.clone()), Arc::new(file)))
                .collect(),
        }
    }

    /// The snippet `name` for a page in `language`: its translation into that language if
    /// there is one, else the snippet without a language.
    pub fn find(&self, name: &str, language: Option<&str>) -> Option<&Arc<SnippetFile>> {
        language
            .and_then(|code| {
                self.by_name
                    .get(&(name.to_string(), Some(code.to_string())))
            })
            .or_else(|| self.by_name.get(&(name.to_string(), None)))
    }

    /// The names of all snippets, sorted, each once (for "did you mean").
    pub fn names(&self) -> impl Iterator<Item = &str> {
        let mut last = None;
        self.by_name
            .keys()
            .map(|(name, _)| name.as_str())
            .filter(move |name| last.replace(*name) != Some(*name))
    }

    /// Every snippet file.
    pub fn files(&self) -> impl Iterator<Item = &Arc<SnippetFile>> {
        self.by_name.values()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }
}

/// Where a `{{#snippet <name>}}` paragraph was replaced by a snippet.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Include {
    /// The file the paragraph is written in: `None` for the article, else a snippet that
    /// includes another.
    pub file: Option<Arc<SnippetFile>>,
    /// Byte range of `{{#snippet <name>}}` in that file.
    pub span: Range<usize>,
    /// The snippet included.
    pub snippet: Arc<SnippetFile>,
}

/// What is known of a file that may be shown as an image: its size in bytes, and its width and
/// height when it is an image that could be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileFacts {
    /// Size in bytes.
    pub len: u64,
    /// Width and height in pixels, for images.
    pub dimensions: Option<crate::image_size::Dimensions>,
}

/// A file published as is beside an article: anything in an article's folder
/// (`content/<kind>/<slug>/`) other than its `index.md`, such as a screenshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleFile {
    /// The path relative to the article's folder, `/`-separated: `screenshot.png`, `img/a.svg`.
    pub name: String,
    /// The file's bytes.
    pub bytes: Arc<[u8]>,
    /// A hash of the bytes, standing for them in fingerprints.
    pub hash: u64,
    /// Its size, and its dimensions if it is an image.
    pub facts: FileFacts,
}

impl ArticleFile {
    /// The file of `bytes`, named `name` in its article's folder.
    pub fn new(name: String, bytes: Vec<u8>) -> ArticleFile {
        use std::hash::{Hash as _, Hasher as _};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut hasher);
        let dimensions = crate::image_size::is_image_name(&name)
            .then(|| crate::image_size::dimensions(&name, &bytes))
            .flatten();
        ArticleFile {
            facts: FileFacts {
                len: bytes.len() as u64,
                dimensions,
            },
            name,
            hash: hasher.finish(),
            bytes: bytes.into(),
        }
    }
}

impl std::hash::Hash for ArticleFile {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
        self.hash.hash(state);
    }
}

/// The steps of one tab of a procedure written in tabs (`=== "Mac"`), for the print views.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct StepGroup {
    /// The tab's label.
    pub label: String,
    /// The items of the tab's first numbered list, as plain text.
    pub steps: Vec<String>,
    /// The same items as HTML, without links and images (for print views).
    pub steps_html: Vec<String>,
}

/// One Markdown article, parsed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Article {
    /// Path under `content/` without `.md`: `causes/icloud-storage-full`.
    pub slug: String,
    /// The kind's name: `cause`.
    pub kind: String,
    /// The file, relative to the site root: `content/causes/icloud-storage-full.md`.
    pub path: PathBuf,
    /// The whole text of the file, for diagnostics after parsing.
    pub source: String,
    /// Validated front matter.
    pub front: FrontMatter,
    /// The body rendered to HTML, internal links already resolved to relative URLs.
    pub html: String,
    /// Every heading of the body, in order.
    pub headings: Vec<Heading>,
    /// Internal links to check once every article is known.
    pub links: Vec<InternalLink>,
    /// The body as plain text (for search and structured data).
    pub text: String,
    /// The items of the body's first numbered list, as plain text (the steps of a procedure).
    pub steps: Vec<String>,
    /// The same items as HTML, without links and images (for print views).
    pub steps_html: Vec<String>,
    /// When that list is in a tab, the steps of every tab of its tab set, labelled (the first
    /// group holds `steps`); empty otherwise.
    pub step_groups: Vec<StepGroup>,
    /// Whether the body has tabs (pages with tabs load the tabs script).
    pub has_tabs: bool,
    /// The files of the article's folder, published beside its page; empty for an article
    /// written as `content/<kind>/<slug>.md`.
    pub files: Vec<Arc<ArticleFile>>,
    /// The snippets the body asks for, by name, found or not, each once: the dev server parses
    /// the article again when one of them changes.
    pub snippets: Vec<String>,
    /// Every `{{#snippet}}` paragraph replaced, in the article and in the snippets it includes.
    pub includes: Vec<Include>,
    /// The warnings of the file (a missing alt text, a large image): the article is published
    /// and they are reported.
    pub warnings: Vec<crate::diagnostic::Diagnostic>,
    /// A hash of everything the article was parsed from (slug, kind, file text): equal
    /// fingerprints mean equal articles. The dev server uses it to find the pages to re-render.
    pub fingerprint: u64,
    /// In an edition other than the default one, an article that is not translated is listed
    /// as the original, in the original's language (this code): it has no page of its own in
    /// the edition and links to the original's. `None` for an article of the edition.
    pub fallback: Option<String>,
    /// Whether the body was let go after parsing: `source`, `html` and `text` are then empty,
    /// and the build reads and parses the file again when it makes the article's page and
    /// indexes it (a large site is not held whole in memory, see [`crate::pipeline::bodies`]).
    pub released: bool,
}

impl Article {
    /// The article's path on the site relative to its edition's root:
    /// `causes/icloud-storage-full/`. A fallback ([`Article::fallback`]) is the original's
    /// page, one folder up from the edition (`../causes/x/`): editions other than the default
    /// one are published one folder deep, `/<code>/`.
    pub fn url_path(&self) -> String {
        match self.fallback {
            Some(_) => format!("../{}/", self.slug),
            None => format!("{}/", self.slug),
        }
    }

    /// The error codes as plain strings.
    pub fn error_codes(&self) -> impl Iterator<Item = &str> {
        self.front.error_codes.iter().map(|c| c.value.as_str())
    }

    /// The number of words in the body.
    pub fn word_count(&self) -> usize {
        crate::text::word_count(&self.text)
    }
}

/// The relations of one article, resolved to indexes into [`Site::articles`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Relations {
    /// Linked articles by kind name: forward edges first in the order written, then reverse
    /// edges in site order. Only `fixes` and `causes` edges (and their reverses) are here.
    pub by_kind: BTreeMap<String, Vec<usize>>,
    /// One-way "see also" links.
    pub related: Vec<usize>,
    /// The previous article of the same kind, in display order.
    pub previous: Option<usize>,
    /// The next article of the same kind, in display order.
    pub next: Option<usize>,
    /// The article's tags, as indexes into [`Site::tags`], in the order written.
    pub tags: Vec<usize>,
}

/// The optional `_index.md` of the home page or of a kind: an intro for its index page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// Title override for the index page.
    pub title: Option<String>,
    /// One-sentence description.
    pub description: Option<String>,
    /// The intro, rendered to HTML.
    pub html: String,
    /// The file it was read from (`content/causes/_index.md`), for diagnostics.
    pub path: PathBuf,
    /// The file's text, for diagnostics.
    pub source: String,
    /// Its `@/` links, checked by the link stage like an article's.
    pub links: Vec<InternalLink>,
    /// The warnings of the file.
    pub warnings: Vec<crate::diagnostic::Diagnostic>,
}

/// Everything a build renders: configuration, articles in display order and their relations.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// The configuration.
    pub config: Config,
    /// Articles sorted by kind order, then weight, then title, then slug. Shared, so the dev
    /// server can re-link a site after a change without copying every article.
    pub articles: Vec<Arc<Article>>,
    /// Relations, parallel to `articles`.
    pub relations: Vec<Relations>,
    /// `slug` → index into `articles`.
    pub by_slug: HashMap<String, usize>,
    /// The home page intro (`content/_index.md`).
    pub home: Section,
    /// Kind intros (`content/<dir>/_index.md`), by kind name.
    pub sections: HashMap<String, Section>,
    /// The troubleshooter's "still stuck?" article (`[troubleshooter] escalation`), resolved.
    pub escalation: Option<usize>,
    /// Symptoms → causes → fixes, derived from the relations by the link stage.
    pub troubleshooter: Troubleshooter,
    /// Every tag of the articles, by slug.
    pub tags: Vec<Tag>,
    /// The old paths of articles (`aliases`), each published as a redirect, by path.
    pub aliases: Vec<Alias>,
    /// Whether the site or its theme ships a `_redirects` of its own among its static files:
    /// then the build writes none (see [`crate::pipeline::render::redirects`]).
    pub ships_redirects: bool,
    /// Every edition of the site, the default one first, for language switchers and
    /// alternates; empty for a site in one language. Shared by the editions' sites.
    pub editions: Arc<Vec<Edition>>,
}

/// One edition of a site, as the pages of every edition see it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edition {
    /// The language code (`fr`); the default edition's is `[book] language`.
    pub code: String,
    /// The language's name in itself (`Français`).
    pub name: String,
    /// Where it is published in the build dir: empty for the default edition, else `fr/`.
    pub prefix: String,
    /// The articles that have a page in this edition: every article in the default one, the
    /// translated ones in another.
    pub articles: std::collections::BTreeSet<String>,
    /// The slugs of the tags that have a page in this edition (a translation may give its own
    /// tags, so the editions' tags differ).
    pub tags: std::collections::BTreeSet<String>,
}

impl Site {
    /// Builds the lookup tables for `articles`, which must already be in display order.
    pub fn new(config: Config, articles: Vec<Arc<Article>>) -> Site {
        let by_slug = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.slug.clone(), i))
            .collect();
        let relations = vec![Relations::default(); articles.len()];
        Site {
            config,
            articles,
            relations,
            by_slug,
            home: Section::default(),
            sections: HashMap::new(),
            escalation: None,
            troubleshooter: Default::default(),
            tags: Vec::new(),
            aliases: Vec::new(),
            ships_redirects: false,
            editions: Arc::default(),
        }
    }

    /// The article with this slug.
    pub fn article(&self, slug: &str) -> Option<&Article> {
        self.by_slug.get(slug).map(|&i| &*self.articles[i])
    }

    /// The kind definition of an article.
    pub fn kind_of(&self, article: &Article) -> &Kind {
        self.config
            .kind(&article.kind)
            .expect("articles only have configured kinds")
    }

    /// Articles per kind, in kind order: (kind title, count).
    pub fn articles_per_kind(&self) -> Vec<(String, usize)> {
        self.config
            .kinds
            .iter()
            .map(|kind| {
                let count = self.articles.iter().filter(|a| a.kind == kind.name).count();
                (kind.title.clone(), count)
            })
            .collect()
    }

    /// The articles of one kind, as indexes in display order.
    pub fn articles_of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.articles
            .iter()
            .enumerate()
            .filter(move |(_, a)| a.kind == kind)
            .map(|(i, _)| i)
    }
}

/// The folder of the tag pages in the build dir (reserved in `config::RESERVED_DIRS`).
pub const TAGS_DIR: &str = "tags";

/// One tag, with the articles that have it. Tags are told apart by their slug: `iPad` and
/// `ipad` are one tag.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Tag {
    /// The tag as shown: the spelling most of its articles use.
    pub name: String,
    /// Its URL segment: `wi-fi` for `Wi-Fi`.
    pub slug: String,
    /// The articles that have it, as indexes into `site.articles`, in display order.
    pub articles: Vec<usize>,
}

impl Tag {
    /// The site path of its page: `tags/wi-fi/`.
    pub fn path(&self) -> String {
        format!("{TAGS_DIR}/{}/", self.slug)
    }
}

/// An old path of an article, published as a page that redirects to it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Alias {
    /// The old site path, as the redirect answers it: `causes/old-slug/`, `help/storage.html`.
    pub path: String,
    /// The file of the build dir that holds the redirect: `causes/old-slug/index.html`.
    pub output: String,
    /// The article it leads to, an index into `site.articles`.
    pub target: usize,
}

/// The folder of the troubleshooter in the build dir (reserved in `config::RESERVED_DIRS`).
pub const TROUBLESHOOTER_DIR: &str = "troubleshoot";

/// One symptom of the troubleshooter.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Symptom {
    /// The phrase as first written, as readers see it (`iCloud storage full`).
    pub text: String,
    /// What phrases are compared by: the terms the search analysis makes of the phrase, sorted
    /// (see [`crate::troubleshooter::symptom_key`]). Phrases with the same key are one symptom.
    pub key: String,
    /// Its URL segment: `backup-stops-halfway`.
    pub slug: String,
    /// The causes it points at, as indexes into `site.articles`, in display order.
    pub causes: Vec<usize>,
    /// The group it is shown in, an index into [`Troubleshooter::groups`].
    pub group: usize,
}

impl Symptom {
    /// The site path of its page, a file of the troubleshooter's folder (not a folder of its
    /// own, so a site with thousands of symptoms does not make thousands of folders):
    /// `troubleshoot/backup-stops-halfway.html`. Links are the same in a portable build.
    pub fn path(&self) -> String {
        format!("{TROUBLESHOOTER_DIR}/{}.html", self.slug)
    }
}

/// A group of symptoms on the troubleshooter's index page.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Group {
    /// The kind whose articles the symptoms come from.
    pub kind: String,
    /// The heading shown above them.
    pub heading: String,
    /// The symptoms, as indexes into [`Troubleshooter::symptoms`], most useful first.
    pub symptoms: Vec<usize>,
    /// How many of them are shown at first; the rest are behind "more".
    pub shown: usize,
}

/// Everything the troubleshooter pages show, derived once per linked site by
/// [`crate::troubleshooter::derive`]: symptoms → causes, grouped.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Troubleshooter {
    /// Every symptom, group by group.
    pub symptoms: Vec<Symptom>,
    /// The groups, in kind order.
    pub groups: Vec<Group>,
    /// Every cause some symptom points at, in display order.
    pub causes: Vec<usize>,
    /// Key ([`Symptom::key`]) → symptom.
    by_key: BTreeMap<String, usize>,
    /// Cause → the symptoms that point at it, in order.
    by_cause: BTreeMap<usize, Vec<usize>>,
}

impl Troubleshooter {
    /// A troubleshooter of these symptoms and groups; the causes and lookups are derived.
    pub fn new(symptoms: Vec<Symptom>, groups: Vec<Group>) -> Troubleshooter {
        let mut causes: Vec<usize> = symptoms
            .iter()
            .flat_map(|s| s.causes.iter().copied())
            .collect();
        causes.sort_unstable();
        causes.dedup();
        let mut by_key = BTreeMap::new();
        let mut by_cause: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (index, symptom) in symptoms.iter().enumerate() {
            by_key.entry(symptom.key.clone()).or_insert(index);
            for &cause in &symptom.causes {
                by_cause.entry(cause).or_default().push(index);
            }
        }
        Troubleshooter {
            symptoms,
            groups,
            causes,
            by_key,
            by_cause,
        }
    }

    /// Whether the site has a troubleshooter at all (some symptom leads to a cause).
    pub fn is_empty(&self) -> bool {
        self.symptoms.is_empty()
    }

    /// The symptoms that point at a cause, as indexes into [`Troubleshooter::symptoms`].
    pub fn symptoms_of_cause(&self, cause: usize) -> &[usize] {
        self.by_cause.get(&cause).map_or(&[], Vec::as_slice)
    }

    /// The symptom whose page is `troubleshoot/<slug>/`.
    pub fn symptom_by_slug(&self, slug: &str) -> Option<usize> {
        self.symptoms.iter().position(|s| s.slug == slug)
    }

    /// The symptom whose [`Symptom::key`] is `key`, if any.
    pub fn symptom_by_key(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }
}

/// What a site holds, as the commands say it after a build: `2 guides, 10 causes, 15 fixes`
/// (kinds without articles left out), from [`Site::articles_per_kind`].
pub fn kinds_summary(articles_per_kind: &[(String, usize)]) -> String {
    articles_per_kind
        .iter()
        .filter(|(_, count)| *count > 0)
        .map(|(title, count)| format!("{count} {}", title.to_lowercase()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Sorts articles into display order: kind order, weight, title, slug.
pub fn sort_articles(config: &Config, articles: &mut [Arc<Article>]) {
    let kind_order: HashMap<&str, (i64, usize)> = config
        .kinds
        .iter()
        .enumerate()
        .map(|(i, k)| (k.name.as_str(), (k.order, i)))
        .collect();
    // Each article's key is made once (not twice per comparison) and sorted on every core: at
    // 100,000 articles the comparisons' lookups made this a seventh of the link stage. The
    // sort is stable, as the one it replaces was.
    let key = |a: &Arc<Article>| {
        let kind = kind_order
            .get(a.kind.as_str())
            .copied()
            .unwrap_or((i64::MAX, 0));
        (kind, a.front.weight, a.front.title.clone(), a.slug.clone())
    };
    articles.par_sort_by_cached_key(key);
}

/// The effort of a fix in minutes, for ordering fixes easiest first ("5 min" → 5, "1 hour" → 60).
pub fn effort_minutes(effort: &str) -> Option<u32> {
    let effort = effort.trim().to_ascii_lowercase();
    let (number, unit) = effort.split_once(' ')?;
    let number: u32 = number.parse().ok()?;
    match unit.trim() {
        "s" | "sec" | "secs" | "second" | "seconds" => Some(number.div_ceil(60)),
        "m" | "min" | "mins" | "minute" | "minutes" => Some(number),
        "h" | "hr" | "hrs" | "hour" | "hours" => Some(number * 60),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
