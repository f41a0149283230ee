//! `book.toml` → [`Config`]: the site's title and language, where to build, which theme, search
//! options, content checks and the kinds of article (the settings and their defaults are in
//! [`settings`]).
//!
//! # Search
//! ```toml
//! [search]
//! fuzzy = true                 # typo tolerance
//! prefix = true                # the last word matches as a prefix (search as you type)
//! filters = ["kind", "tags"]   # filters the search page offers and the browser index carries
//!
//! [search.weights]             # field weights: error-codes, title, symptoms, summary, headings, body
//! title = 4.0
//!
//! [search.synonyms]
//! defaults = true              # the built-in list of the site's language (see below)
//! # Two-way groups: every entry finds all the others (Algolia's and Typesense's multi-way
//! # synonyms, Elasticsearch's `frozen, stuck, hangs`).
//! groups = [
//!   ["frozen", "stuck", "hangs"],
//!   ["back up now", "backup now"],
//! ]
//!
//! [search.synonyms.one-way]
//! # One-way: the key finds its targets, the targets do not find the key (Algolia's one-way
//! # synonyms, Typesense's `root`, Elasticsearch's `surfshark => vpn`, Meilisearch's map).
//! surfshark = ["vpn"]
//! "power cycle" = ["restart"]
//! ```
//! An entry may be several words; it is analysed like a query (lower-cased, stop words left
//! out, stemmed), so `Hangs` and `hanging` are the same entry. What the entries do at query
//! time, and the built-in lists, are [`crate::search::synonyms`]'s and
//! [`crate::search::query`]'s. Here an empty entry, a group of fewer than two entries, a
//! mapping with no target and an unknown filter are errors at their line.
//!
//! `[kinds.NAME] singular` is the label of one article of the kind (`Fix`; the plural `title`
//! heads the kind's page); a standard kind has its own default, any other kind its title.
//!
//! Every setting has a default, so a `book.toml` holding only `[book] title = "..."` builds a
//! site with the standard kinds. When `[kinds]` is present it is the complete list of kinds (a
//! knowledge base may define its own); a standard kind name (`cause`, `fix`, ...) given there
//! takes the standard folder and title unless they are set. Unknown keys and wrong types are
//! diagnostics naming the key and its line. This module reads no files but the one it is given.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::toml as toml_wording;
use crate::search::analysis::Language;

pub mod settings;
mod synonyms;
use synonyms::RawSynonyms;

pub use settings::{
    CONFIG_FILE, CheckConfig, Config, DEFAULT_PAGINATE, EditionConfig, FieldWeights, Filter, Kind,
    RESERVED_DIRS, STANDARD_KINDS, SearchConfig, Setting, SynonymsConfig, TroubleshooterConfig,
    link_path, standard_kinds,
};

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    book: Option<RawBook>,
    build: Option<RawBuild>,
    search: Option<RawSearch>,
    check: Option<RawCheck>,
    troubleshooter: Option<RawTroubleshooter>,
    kinds: Option<BTreeMap<Spanned<String>, RawKind>>,
    languages: Option<BTreeMap<Spanned<String>, RawLanguage>>,
}

/// `[languages.<code>]`: an edition other than the default one.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    title: Option<Spanned<String>>,
    description: Option<Spanned<String>>,
    kinds: Option<BTreeMap<Spanned<String>, RawLanguageKind>>,
    search: Option<RawLanguageSearch>,
}

/// `[languages.<code>.kinds.<name>]`: a kind's title and singular label in that edition.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLanguageKind {
    title: Option<Spanned<String>>,
    singular: Option<Spanned<String>>,
}

/// `[languages.<code>.search]`: the edition's own synonyms, shaped like `[search.synonyms]`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLanguageSearch {
    synonyms: Option<RawSynonyms>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawBook {
    title: Option<Spanned<String>>,
    description: Option<Spanned<String>>,
    language: Option<Spanned<String>>,
    authors: Option<Vec<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawBuild {
    build_dir: Option<Spanned<String>>,
    theme: Option<Spanned<String>>,
    base_url: Option<Spanned<String>>,
    allow_html: Option<bool>,
    feed_limit: Option<usize>,
    portable: Option<bool>,
    paginate: Option<usize>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawSearch {
    fuzzy: Option<bool>,
    prefix: Option<bool>,
    weights: Option<RawWeights>,
    filters: Option<Vec<Spanned<String>>>,
    synonyms: Option<RawSynonyms>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawWeights {
    error_codes: Option<Spanned<f32>>,
    title: Option<Spanned<f32>>,
    symptoms: Option<Spanned<f32>>,
    summary: Option<Spanned<f32>>,
    headings: Option<Spanned<f32>>,
    body: Option<Spanned<f32>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawCheck {
    stale_after: Option<u32>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawTroubleshooter {
    escalation: Option<Spanned<String>>,
    index_causes: Option<usize>,
    page_causes: Option<usize>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawKind {
    dir: Option<Spanned<String>>,
    title: Option<Spanned<String>>,
    singular: Option<Spanned<String>>,
    order: Option<i64>,
}

/// The reserved folders as a phrase: "`search`, `js`, ... and `tags`".
fn reserved_folders_list() -> String {
    let quoted: Vec<String> = RESERVED_DIRS.iter().map(|d| format!("`{d}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

/// Parses the text of `book.toml`. `path` is only used to name the file in diagnostics.
pub fn parse(path: &Path, text: &str) -> Result<Config, Vec<Diagnostic>> {
    let text_no_bom = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - text_no_bom.len();
    let raw: RawConfig = match toml::from_str(text_no_bom) {
        Ok(raw) => raw,
        Err(error) => {
            let mut diagnostic = Diagnostic::toml(path, text, bom, &error);
            if diagnostic.help.is_some()
                && let Some(elsewhere) = belongs_elsewhere(error.message())
            {
                diagnostic.help = Some(elsewhere);
            }
            return Err(vec![diagnostic]);
        }
    };
    let mut diagnostics = Vec::new();
    let at = |span: std::ops::Range<usize>, message: String| {
        Diagnostic::at(path, text, span.start + bom..span.end + bom, message)
    };
    let mut config = Config::default();

    let book = raw.book.unwrap_or_default();
    // Text every page shows: a control character written as an escape would make them invalid.
    let kind_titles = raw
        .kinds
        .iter()
        .flatten()
        .flat_map(|(_, k)| k.title.iter().chain(&k.singular));
    for value in book
        .title
        .iter()
        .chain(&book.description)
        .chain(kind_titles)
    {
        if let Some(c) = value
            .get_ref()
            .chars()
            .find(|&c| crate::text::is_forbidden_control(c))
        {
            diagnostics.push(
                at(
                    value.span(),
                    format!("{} in the text", crate::text::forbidden_character(c)),
                )
                .with_help("remove the escape: no page may contain that character"),
            );
        }
    }
    if let Some(title) = book.title {
        config.title = title.into_inner();
    }
    if let Some(description) = book.description {
        config.description = description.into_inner();
    }
    if let Some(language) = book.language {
        let valid = !language.get_ref().is_empty()
            && language
                .get_ref()
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-');
        if valid {
            config.language = language.get_ref().clone();
            match Language::from_tag(&config.language) {
                Some(analysis) => config.search.language = analysis,
                None => config.warnings.push(
                    at(
                        language.span(),
                        format!("search has no rules for `{}`", language.get_ref()),
                    )
                    .warning()
                    .with_help(format!(
                        "search uses English stemming and stop words; it has rules for {}",
                        Language::ALL.map(|l| format!("`{}`", l.code())).join(", ")
                    )),
                ),
            }
        } else {
            diagnostics.push(
                at(
                    language.span(),
                    format!("`{}` is not a language tag", language.get_ref()),
                )
                .with_help("use a BCP 47 tag such as `en` or `en-GB`"),
            );
        }
    }
    config.authors = book.authors.unwrap_or_default();

    let build = raw.build.unwrap_or_default();
    if let Some(dir) = build.build_dir {
        if dir.get_ref().trim().is_empty() {
            diagnostics.push(at(dir.span(), "`build-dir` is empty".to_string()));
        } else {
            config.build_dir = PathBuf::from(dir.get_ref());
            if let Err(message) = check_build_dir(&config.build_dir) {
                diagnostics.push(at(dir.span(), message));
            }
        }
    }
    if let Some(theme) = build.theme {
        let name = theme.get_ref();
        if name.is_empty() || name.contains(['/', '\\']) || name == "." || name == ".." {
            diagnostics.push(
                at(theme.span(), format!("`{name}` is not a theme name"))
                    .with_help("a theme is a folder name under `themes/`, such as `default`"),
            );
        } else {
            config.theme = name.clone();
        }
    }
    if let Some(base_url) = build.base_url {
        match normalize_base_url(base_url.get_ref()) {
            Ok(url) => config.base_url = url,
            Err(message) => diagnostics.push(
                at(base_url.span(), message)
                    .with_help("write an absolute URL such as `https://help.example.com/`"),
            ),
        }
    }
    if let Some(allow_html) = build.allow_html {
        config.allow_html = allow_html;
    }
    if let Some(limit) = build.feed_limit {
        config.feed_limit = limit;
    }
    if let Some(portable) = build.portable {
        config.portable = portable;
    }
    if let Some(paginate) = build.paginate {
        config.paginate = paginate;
    }

    let search = raw.search.unwrap_or_default();
    if let Some(fuzzy) = search.fuzzy {
        config.search.fuzzy = fuzzy;
    }
    if let Some(prefix) = search.prefix {
        config.search.prefix = prefix;
    }
    if let Some(weights) = search.weights {
        let targets = &mut config.search.weights;
        for (value, slot) in [
            (weights.error_codes, &mut targets.error_codes),
            (weights.title, &mut targets.title),
            (weights.symptoms, &mut targets.symptoms),
            (weights.summary, &mut targets.summary),
            (weights.headings, &mut targets.headings),
            (weights.body, &mut targets.body),
        ] {
            if let Some(value) = value {
                let weight = *value.get_ref();
                if (0.0..=100.0).contains(&weight) {
                    *slot = weight;
                } else {
                    diagnostics.push(at(
                        value.span(),
                        format!("field weight `{weight}` is out of range (0 to 100)"),
                    ));
                }
            }
        }
    }
    for filter in search.filters.into_iter().flatten() {
        match Filter::ALL.iter().find(|f| f.name() == filter.get_ref()) {
            Some(found) if config.search.filters.contains(found) => diagnostics.push(at(
                filter.span(),
                format!("the filter `{}` is listed twice", filter.get_ref()),
            )),
            Some(found) => config.search.filters.push(*found),
            None => diagnostics.push(
                at(
                    filter.span(),
                    format!("unknown filter `{}`", filter.get_ref()),
                )
                .with_help("the filters are `kind` and `tags`"),
            ),
        }
    }
    if let Some(synonyms) = search.synonyms {
        config.search.synonyms = synonyms::parse_synonyms(synonyms, &at, &mut diagnostics);
    }

    if let Some(check) = raw.check
        && let Some(days) = check.stale_after
    {
        config.check.stale_after_days = days;
    }

    let troubleshooter = raw.troubleshooter.unwrap_or_default();
    if let Some(limit) = troubleshooter.index_causes {
        config.troubleshooter.index_causes = limit;
    }
    if let Some(limit) = troubleshooter.page_causes {
        config.troubleshooter.page_causes = limit;
    }
    if let Some(escalation) = troubleshooter.escalation {
        let value = escalation
            .get_ref()
            .trim()
            .trim_end_matches(".md")
            .trim_matches('/')
            .to_string();
        if value.is_empty() {
            diagnostics.push(
                at(escalation.span(), "`escalation` is empty".to_string())
                    .with_help("name an article by its full slug, such as `fixes/contact-support`"),
            );
        } else {
            config.troubleshooter.escalation =
                Some(Setting::new(value, at(escalation.span(), String::new())));
        }
    }

    if let Some(kinds) = raw.kinds {
        config.kinds = Vec::new();
        let mut dirs = BTreeSet::new();
        for (name, raw_kind) in kinds {
            let standard = STANDARD_KINDS
                .iter()
                .find(|(n, _, _, _)| *n == name.get_ref());
            if !is_identifier(name.get_ref()) {
                diagnostics.push(
                    at(
                        name.span(),
                        format!("`{}` is not a kind name", name.get_ref()),
                    )
                    .with_help("kind names are lower-case letters, digits and `-`"),
                );
                continue;
            }
            let dir = match (&raw_kind.dir, standard) {
                (Some(dir), _) => dir.get_ref().clone(),
                (None, Some((_, dir, _, _))) => dir.to_string(),
                (None, None) => format!("{}s", name.get_ref()),
            };
            let dir_span = raw_kind
                .dir
                .as_ref()
                .map_or_else(|| name.span(), |d| d.span());
            if !is_identifier(&dir) {
                diagnostics.push(
                    at(dir_span, format!("`{dir}` is not a folder name for a kind"))
                        .with_help("use lower-case letters, digits and `-`, such as `causes`"),
                );
                continue;
            }
            if !dirs.insert(dir.clone()) {
                diagnostics.push(at(dir_span, format!("two kinds use the folder `{dir}`")));
                continue;
            }
            let title = raw_kind
                .title
                .as_ref()
                .map(|t| t.get_ref().clone())
                .unwrap_or_else(|| match standard {
                    Some((_, _, title, _)) => title.to_string(),
                    None => capitalize(&dir),
                });
            let singular = raw_kind
                .singular
                .as_ref()
                .map(|t| t.get_ref().clone())
                .unwrap_or_else(|| match standard {
                    Some((_, _, _, singular)) => singular.to_string(),
                    None => title.clone(),
                });
            let order = raw_kind.order.unwrap_or_else(|| {
                STANDARD_KINDS
                    .iter()
                    .position(|(n, _, _, _)| *n == name.get_ref())
                    .map_or(1000, |i| (i as i64 + 1) * 10)
            });
            config.kinds.push(Kind {
                name: name.get_ref().clone(),
                dir,
                title,
                singular,
                order,
            });
        }
        config
            .kinds
            .sort_by(|a, b| (a.order, &a.name).cmp(&(b.order, &b.name)));
        for reserved in RESERVED_DIRS {
            if let Some(kind) = config.kinds.iter().find(|k| k.dir == reserved) {
                diagnostics.push(
                    Diagnostic::file(
                        path,
                        format!("kind `{}` uses the reserved folder `{reserved}`", kind.name),
                    )
                    .with_help(format!(
                        "{} hold the site's own files",
                        reserved_folders_list()
                    )),
                );
            }
        }
    }

    if let Some(languages) = raw.languages {
        parse_languages(&mut config, languages, &at, &mut diagnostics);
    }

    if diagnostics.is_empty() {
        Ok(config)
    } else {
        Err(diagnostics)
    }
}

/// Reads the `[languages.<code>]` tables into [`Config::editions`]: each code one search has
/// rules for, not the default language's (that edition is `[book]`), with a title (the
/// default's when not given) and kind titles for kinds the site has.
fn parse_languages(
    config: &mut Config,
    languages: BTreeMap<Spanned<String>, RawLanguage>,
    at: &dyn Fn(std::ops::Range<usize>, String) -> Diagnostic,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let default = Language::from_tag(&config.language);
    for (code, raw) in languages {
        let Some(language) = Language::from_tag(code.get_ref())
            .filter(|language| language.code() == code.get_ref().as_str())
        else {
            diagnostics.push(
                at(
                    code.span(),
                    format!(
                        "`{}` is not a language search has rules for",
                        code.get_ref()
                    ),
                )
                .with_help(format!(
                    "an edition's code is one of {}",
                    Language::ALL.map(|l| format!("`{}`", l.code())).join(", ")
                )),
            );
            continue;
        };
        if Some(language) == default || code.get_ref() == &config.language {
            diagnostics.push(
                at(
                    code.span(),
                    format!("`{}` is the default language", code.get_ref()),
                )
                .with_help("the default edition is set by `[book]`: remove this table"),
            );
            continue;
        }
        let mut edition = EditionConfig {
            code: code.get_ref().clone(),
            title: raw.title.map(Spanned::into_inner),
            description: raw.description.map(Spanned::into_inner),
            kind_titles: BTreeMap::new(),
            kind_singulars: BTreeMap::new(),
            synonyms: raw
                .search
                .and_then(|search| search.synonyms)
                .map(|synonyms| synonyms::parse_synonyms(synonyms, at, diagnostics))
                .unwrap_or_default(),
        };
        for (name, kind) in raw.kinds.into_iter().flatten() {
            if config.kind(name.get_ref()).is_none() {
                diagnostics.push(
                    at(
                        name.span(),
                        format!("no kind is named `{}`", name.get_ref()),
                    )
                    .with_help(format!(
                        "the site's kinds are {}",
                        config
                            .kinds
                            .iter()
                            .map(|k| format!("`{}`", k.name))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                );
                continue;
            }
            if let Some(title) = kind.title {
                edition
                    .kind_titles
                    .insert(name.get_ref().clone(), title.into_inner());
            }
            if let Some(singular) = kind.singular {
                edition
                    .kind_singulars
                    .insert(name.get_ref().clone(), singular.into_inner());
            }
        }
        config.editions.push(edition);
    }
}

/// The keys of each table of `book.toml`, to tell a writer where a misplaced key goes.
const TABLE_KEYS: [(&str, &[&str]); 5] = [
    ("book", &["title", "description", "language", "authors"]),
    (
        "build",
        &[
            "build-dir",
            "theme",
            "base-url",
            "allow-html",
            "feed-limit",
            "portable",
            "paginate",
        ],
    ),
    (
        "search",
        &["fuzzy", "prefix", "weights", "filters", "synonyms"],
    ),
    ("check", &["stale-after"]),
    (
        "troubleshooter",
        &["escalation", "index-causes", "page-causes"],
    ),
];

/// For an unknown key that is known in another table: "`theme` goes in `[build]`".
fn belongs_elsewhere(message: &str) -> Option<String> {
    let (field, candidates) = toml_wording::parse_unknown_field(message)?;
    let (table, _) = TABLE_KEYS
        .iter()
        .find(|(_, keys)| keys.contains(&field) && !candidates.contains(&field))?;
    Some(format!("`{field}` goes in the `[{table}]` table"))
}

/// The folders of a site that hold its sources: a build dir inside one would overwrite them.
const SOURCE_FOLDERS: [&str; 5] = ["content", "themes", "templates", "static", ".git"];

/// Rejects build dirs that would overwrite the site itself or the filesystem root, judged from
/// the path as written (`..` steps are followed: `x/../content/out` is inside `content/`).
/// An absolute path is judged against the site root by [`check_build_dir_in`].
pub fn check_build_dir(dir: &Path) -> Result<(), String> {
    let shown = dir.display();
    if dir.has_root() && dir.components().count() == 1 {
        return Err(format!("`build-dir` `{shown}` is the filesystem root"));
    }
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    let mut above_root = false;
    for component in dir.components() {
        match component {
            Component::Normal(part) => parts.push(part),
            Component::ParentDir => above_root |= parts.pop().is_none(),
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return Ok(()),
        }
    }
    if above_root || parts.is_empty() {
        return Err(format!(
            "`build-dir` `{shown}` is the site root or above it: building would delete the site"
        ));
    }
    let first = parts[0].to_string_lossy();
    if SOURCE_FOLDERS.contains(&first.as_ref()) {
        return Err(format!(
            "`build-dir` `{shown}` is inside `{first}/`: building would overwrite the site's sources"
        ));
    }
    Ok(())
}

/// [`check_build_dir`] for the folder a build would really write, `root` (the site root)
/// joined with `dir`, symlinks of the existing part of the path resolved: an absolute
/// `build-dir`, `--out`, or a link may not land on the site root, above it, or inside its
/// sources either.
pub fn check_build_dir_in(root: &Path, dir: &Path) -> Result<(), String> {
    let shown = dir.display();
    let (Some(root), Some(target)) = (resolve(root), resolve(&root.join(dir))) else {
        return Ok(());
    };
    if root.starts_with(&target) {
        return Err(format!(
            "build dir `{shown}` is the site root or above it: building would delete the site"
        ));
    }
    for folder in SOURCE_FOLDERS {
        if target.starts_with(root.join(folder)) {
            return Err(format!(
                "build dir `{shown}` is inside the site's `{folder}/`: building would overwrite \
                 the site's sources"
            ));
        }
    }
    Ok(())
}

/// `path` made absolute with `..` steps applied and the longest existing prefix canonicalized
/// (so links are followed); `None` when even the filesystem root cannot be resolved.
fn resolve(path: &Path) -> Option<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().ok()?.join(path)
    };
    let mut resolved = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::ParentDir => {
                resolved = resolved.canonicalize().unwrap_or(resolved);
                resolved.pop();
            }
            Component::CurDir => {}
            other => resolved.push(other),
        }
    }
    let mut existing = resolved.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            let mut out = canonical;
            out.extend(rest.iter().rev());
            return Some(out);
        }
        rest.push(existing.file_name()?.to_os_string());
        existing = existing.parent()?;
    }
}

fn normalize_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let absolute = url.starts_with("https://") || url.starts_with("http://");
    if !(absolute || url.starts_with('/')) || url.contains(char::is_whitespace) {
        return Err(format!("`{url}` is not a base URL"));
    }
    if absolute && url.split("://").nth(1).is_none_or(|host| host.is_empty()) {
        return Err(format!("`{url}` has no host"));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

fn is_identifier(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;
