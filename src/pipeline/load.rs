//! Stage 1, load: the only code that reads the site's sources. It reads `book.toml` into a
//! [`Config`], walks `content/` into [`Source`]s (one per article, one per `_index.md`) and
//! reads `snippets/` into [`Snippets`].
//!
//! An article is `content/<kind>/<slug>.md` or, with files beside it, the folder
//! `content/<kind>/<slug>/` holding `index.md` and the files ([`ArticleFile`]s, read here so
//! that the write stage can publish them beside the page; their images' sizes are read too).
//! Both forms for one slug is a problem, and so is a file in no article's folder (a warning: it
//! is not published).
//!
//! It refuses what would make the rest of the pipeline guess: Markdown outside a kind folder,
//! folders that are not a kind, file names that are not slugs, slugs that differ only in case,
//! files that are empty, too large, not UTF-8 or hold control characters, `.md` names on things
//! that are not regular files (a named pipe would hang the read), `_index.md` below a kind
//! folder's top, and symlinks that loop or leave the site root.
//! Editor droppings (dotfiles, `~` backups, `#autosave#`) are skipped silently.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{self, CONFIG_FILE, Config};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::model::{ArticleFile, SnippetFile, Snippets};
use crate::text::{is_forbidden_control, is_ignored, is_slug_segment, suggest_slug};
use crate::walk;

/// The folder under the site root that holds the articles.
pub const CONTENT_DIR: &str = "content";

/// The folder under the site root that holds the snippets.
pub const SNIPPETS_DIR: &str = "snippets";

/// The file that makes a folder of `content/<kind>/` an article: `<slug>/index.md`.
pub const FOLDER_ARTICLE: &str = "index.md";

/// Articles larger than this are refused: no help article is this long, and the limit keeps a
/// stray data file from exhausting memory.
pub const MAX_ARTICLE_BYTES: u64 = 8 * 1024 * 1024;

/// Files in an article's folder larger than this are refused: every one is held in memory until
/// it is written, and a help page has no use for a file this large (images over 1 MB already
/// get a warning where they are shown).
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// One Markdown file read from `content/`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    /// Relative to the site root: `content/causes/x.md`.
    pub path: PathBuf,
    /// `causes/x` for an article; `causes/_index` or `_index` for a section intro.
    pub slug: String,
    /// The kind's name (`cause`); `None` for the home page's `_index.md`.
    pub kind: Option<String>,
    /// The file's text.
    pub text: String,
    /// For an article written as a folder (`<slug>/index.md`), the other files of the folder,
    /// in path order; empty otherwise.
    pub files: Vec<Arc<ArticleFile>>,
    /// For a translation (`x.fr.md`), its language code; `None` for an original.
    pub language: Option<String>,
}

impl Source {
    /// Whether this is an `_index.md` section intro rather than an article.
    pub fn is_section(&self) -> bool {
        self.slug == "_index" || self.slug.ends_with("/_index")
    }

    /// Whether the article is written as a folder, `content/<kind>/<slug>/index.md`.
    pub fn is_folder(&self) -> bool {
        let name = match &self.language {
            None => FOLDER_ARTICLE.to_string(),
            Some(code) => format!("index.{code}.md"),
        };
        !self.is_section() && self.path.file_name() == Some(name.as_ref())
    }
}

/// What [`load_content`] found.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Articles and section intros, sorted by path.
    pub sources: Vec<Source>,
    /// Translations (`x.fr.md`, `_index.fr.md`) of configured languages, sorted by path.
    pub translations: Vec<Source>,
    /// Problems with the tree itself.
    pub diagnostics: Vec<Diagnostic>,
}

pub mod snippets;

/// Reads and parses `book.toml` at `root`. A missing file is a usage error (this is not a site);
/// a malformed one gives diagnostics.
pub fn load_config(root: &Path) -> Result<Config> {
    let path = root.join(CONFIG_FILE);
    let text = match fs::read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => {
                return Err(Error::Content(vec![not_utf8(
                    Path::new(CONFIG_FILE),
                    error.as_bytes(),
                    error.utf8_error().valid_up_to(),
                )]));
            }
        },
        Err(error)
            if matches!(
                error.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            return Err(Error::Usage(format!(
                "no `{CONFIG_FILE}` in `{}`: this is not a Remedy site (use `--root DIR`)",
                crate::diagnostic::display_path(root)
            )));
        }
        Err(error) => return Err(Error::io(path, error)),
    };
    config::parse(Path::new(CONFIG_FILE), &text).map_err(Error::Content)
}

/// Reads the optional `search-tests.toml` at `root`: `None` when there is none.
pub fn load_search_tests(root: &Path) -> Result<Option<String>> {
    let path = root.join(crate::search_tests::FILE);
    match fs::read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Ok(Some(text)),
            Err(error) => Err(Error::Content(vec![not_utf8(
                Path::new(crate::search_tests::FILE),
                error.as_bytes(),
                error.utf8_error().valid_up_to(),
            )])),
        },
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(Error::io(path, error)),
    }
}

/// Walks `content/` under `root` and reads every article and section intro.
pub fn load_content(root: &Path, config: &Config) -> Result<Loaded> {
    let mut loaded = Loaded::default();
    if !root.join(CONTENT_DIR).is_dir() {
        loaded.diagnostics.push(
            Diagnostic::file(CONTENT_DIR, "the `content` folder is missing")
                .with_help("articles live in `content/<kind folder>/<slug>.md`"),
        );
        return Ok(loaded);
    }
    let mut problems = Vec::new();
    let mut slugs_by_lowercase: HashMap<String, PathBuf> = HashMap::new();
    let mut other_files = Vec::new();
    // Each file is read as soon as the walk names it, on another core than the walk's: on a
    // large site the walk (one folder entry after another) and the reading take about as long.
    // The files come back in the walk's order.
    let (sender, receiver) = std::sync::mpsc::channel();
    let mut named = 0;
    rayon::scope(|scope| {
        walk::walk(
            root,
            Path::new(CONTENT_DIR),
            &|name, _| is_ignored(name),
            &mut loaded.diagnostics,
            &mut |entry| {
                if entry.is_dir {
                    return check_folder(config, entry, &mut problems);
                }
                if !entry.name.ends_with(".md") {
                    if entry.is_file {
                        other_files.push(entry.relative.clone());
                    }
                    return walk::Next::Continue;
                }
                match classify_entry(config, entry, &mut slugs_by_lowercase) {
                    Ok(Some(mut source)) => {
                        let (place, len, sender) = (named, entry.len, sender.clone());
                        named += 1;
                        scope.spawn(move |_| {
                            let read = read_source(root, &source.path, len).map(|text| {
                                source.text = text;
                                source
                            });
                            // The receiver outlives the scope.
                            let _ = sender.send((place, read));
                        });
                    }
                    Ok(None) => {}
                    Err(problem) => problems.push(*problem),
                }
                walk::Next::Continue
            },
        )
    })?;
    drop(sender);
    let mut read: Vec<(usize, Result<Source, Box<Diagnostic>>)> = receiver.into_iter().collect();
    read.sort_unstable_by_key(|(place, _)| *place);
    for (_, result) in read {
        match result {
            Ok(source) if source.language.is_some() => loaded.translations.push(source),
            Ok(source) => loaded.sources.push(source),
            Err(problem) => problems.push(*problem),
        }
    }
    // The files of each article folder; the walk above has reported its links already.
    let mut published = BTreeSet::new();
    let sources = loaded.sources.iter_mut().chain(&mut loaded.translations);
    for source in sources.filter(|s| s.is_folder()) {
        let folder = source.path.parent().unwrap_or(Path::new(CONTENT_DIR));
        let files = folder_files(root, folder, &mut Vec::new(), &mut problems)?;
        published.extend(files.iter().map(|f| folder.join(&f.name)));
        source.files = files;
    }
    for path in other_files.iter().filter(|p| !published.contains(*p)) {
        if path.parent() == Some(Path::new(CONTENT_DIR)) {
            continue; // beside `_index.md` at the top: never a page's file
        }
        problems.push(
            Diagnostic::file(path, "file is not published: it is in no article's folder")
                .with_help(
                    "files are published beside an article written as a folder: \
                     `content/<kind>/<slug>/index.md` and the files next to it",
                )
                .warning(),
        );
    }
    loaded.diagnostics.extend(problems);
    Ok(loaded)
}

/// The files of the article folder `folder` (relative to `root`): every file under it but
/// Markdown, in path order, leaving out subfolders that are articles of their own (that hold an
/// `index.md`). Problems of the walk (links out of the site, loops) go to `walk_problems`,
/// unreadable files and files over [`MAX_FILE_BYTES`] to `problems`.
pub fn folder_files(
    root: &Path,
    folder: &Path,
    walk_problems: &mut Vec<Diagnostic>,
    problems: &mut Vec<Diagnostic>,
) -> Result<Vec<Arc<ArticleFile>>> {
    let mut found = Vec::new();
    walk::walk(
        root,
        folder,
        &|name, _| is_ignored(name),
        walk_problems,
        &mut |entry| {
            if entry.is_dir {
                if entry.depth > 0 && entry.path.join(FOLDER_ARTICLE).is_file() {
                    return walk::Next::SkipDir;
                }
            } else if entry.is_file && !entry.name.ends_with(".md") {
                found.push((entry.relative.clone(), entry.len));
            }
            walk::Next::Continue
        },
    )?;
    let mut files = Vec::with_capacity(found.len());
    for (relative, len) in found {
        let name = relative
            .strip_prefix(folder)
            .unwrap_or(&relative)
            .to_string_lossy()
            .replace('\\', "/");
        match read_file(root, &relative, len) {
            Ok(bytes) => files.push(Arc::new(ArticleFile::new(name, bytes))),
            Err(problem) => problems.push(*problem),
        }
    }
    Ok(files)
}

/// Reads a file of an article's folder, refusing one over [`MAX_FILE_BYTES`].
fn read_file(root: &Path, relative: &Path, len: Option<u64>) -> Result<Vec<u8>, Box<Diagnostic>> {
    let path = root.join(relative);
    let len = match len {
        Some(len) => len,
        None => fs::metadata(&path)
            .map_err(|e| Box::new(Diagnostic::file(relative, format!("cannot read: {e}"))))?
            .len(),
    };
    if len > MAX_FILE_BYTES {
        return Err(Box::new(
            Diagnostic::file(
                relative,
                format!(
                    "file is {} MB, more than the {} MB a file beside an article may have",
                    len / (1024 * 1024),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            )
            .with_help("make it smaller, or publish it elsewhere and link to it"),
        ));
    }
    fs::read(&path).map_err(|e| Box::new(Diagnostic::file(relative, format!("cannot read: {e}"))))
}

/// A folder of `content/`: one directly inside must be a kind's.
fn check_folder(
    config: &Config,
    entry: &walk::Entry<'_>,
    problems: &mut Vec<Diagnostic>,
) -> walk::Next {
    if entry.depth != 1 || config.kind_by_dir(&entry.name).is_some() {
        return walk::Next::Continue;
    }
    let known = config
        .kinds
        .iter()
        .map(|k| format!("`{}`", k.dir))
        .collect::<Vec<_>>()
        .join(", ");
    problems.push(
        Diagnostic::file(
            &entry.relative,
            format!("unknown kind folder `{}`", entry.name),
        )
        .with_help(format!(
            "the kinds in `{CONFIG_FILE}` use the folders {known}"
        )),
    );
    walk::Next::SkipDir
}

/// A file of `content/`: the source it holds if it is a Markdown article or section intro with
/// a valid, unique slug (`None` for other files), its text not read yet, or the problem with
/// it.
fn classify_entry(
    config: &Config,
    entry: &walk::Entry<'_>,
    slugs_by_lowercase: &mut HashMap<String, PathBuf>,
) -> Result<Option<Source>, Box<Diagnostic>> {
    let relative = &entry.relative;
    let Some(stem) = entry.name.strip_suffix(".md") else {
        return Ok(None);
    };
    if !entry.is_file {
        return Err(Box::new(not_a_file(relative)));
    }
    // `x.fr.md` is the French translation of `x.md`: read as if it were named `x.md`.
    let (stem, language) = match translation_language(stem) {
        Some((original, code)) => {
            if !config.editions.iter().any(|e| e.code == code) {
                return Err(Box::new(
                    Diagnostic::file(relative, format!("`{code}` is not a language of this site"))
                        .with_help(format!("add `[languages.{code}]` to {CONFIG_FILE}")),
                ));
            }
            (original, Some(code.to_string()))
        }
        None => (stem, None),
    };
    let name = format!("{stem}.md");
    let mut components: Vec<String> = relative
        .strip_prefix(CONTENT_DIR)
        .unwrap_or(relative)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect();
    // `<kind>/<slug>/index.md` is the article `<kind>/<slug>`, as `<kind>/<slug>.md` is.
    let mut stem = stem.to_string();
    if name == FOLDER_ARTICLE && components.len() >= 2 {
        if components.len() == 2 {
            return Err(Box::new(
                Diagnostic::file(relative, "`index.md` directly in a kind folder")
                    .with_help(format!(
                        "a kind's intro is `{CONTENT_DIR}/{}/_index.md`; an article folder is `{CONTENT_DIR}/{}/<slug>/index.md`",
                        components[0], components[0]
                    )),
            ));
        }
        components.pop();
        stem = components.last().cloned().unwrap_or_default();
    }
    let stem = stem.as_str();
    let kind = if components.len() == 1 {
        if stem != "_index" {
            return Err(Box::new(
                Diagnostic::file(relative, "article outside a kind folder").with_help(format!(
                    "move it into a kind folder such as `{CONTENT_DIR}/{}/`",
                    config.kinds.first().map_or("guides", |k| k.dir.as_str())
                )),
            ));
        }
        None
    } else {
        if stem == "_index" && components.len() > 2 {
            return Err(Box::new(nested_intro(relative, &components[0])));
        }
        config.kind_by_dir(&components[0]).map(|k| k.name.clone())
    };
    let slug_parts: Vec<&str> = components
        .iter()
        .map(String::as_str)
        .take(components.len() - 1)
        .chain(std::iter::once(stem))
        .collect();
    if let Some(bad) = slug_parts.iter().find(|part| !is_slug_segment(part)) {
        return Err(Box::new(
            Diagnostic::file(
                relative,
                format!("`{bad}` is not a valid slug: file and folder names become URLs"),
            )
            .with_help(format!(
                "use ASCII letters, digits, `-` and `_`, such as `{}`",
                suggest_slug(bad)
            )),
        ));
    }
    let slug = slug_parts.join("/");
    // Each language's files are checked against each other; a translation is not a duplicate.
    let key = match &language {
        Some(code) => format!("{}.{code}", slug.to_lowercase()),
        None => slug.to_lowercase(),
    };
    if let Some(first) = slugs_by_lowercase.get(&key)
        && crate::diagnostic::display_path(first).to_lowercase()
            != crate::diagnostic::display_path(relative).to_lowercase()
        && first_slug(first) == slug
    {
        return Err(Box::new(
            Diagnostic::file(
                relative,
                format!(
                    "the article `{slug}` is written twice: as `{}` and as `{}`",
                    crate::diagnostic::display_path(first),
                    crate::diagnostic::display_path(relative)
                ),
            )
            .with_help(format!(
                "keep one: an article with files beside it is a folder, `{CONTENT_DIR}/{slug}/{FOLDER_ARTICLE}`"
            )),
        ));
    }
    if let Some(first) = slugs_by_lowercase.insert(key, relative.clone()) {
        return Err(Box::new(
            Diagnostic::file(
                relative,
                format!(
                    "duplicate slug: `{slug}` differs only in case from `{}`",
                    crate::diagnostic::display_path(&first)
                ),
            )
            .with_help("rename one of them: on macOS and Windows the two pages would be one file"),
        ));
    }
    Ok(Some(Source {
        path: relative.clone(),
        slug,
        kind,
        text: String::new(),
        files: Vec::new(),
        language,
    }))
}

/// The original's stem and the language code of a translation's file stem: `x.fr` →
/// `(x, fr)`, `index.pt-BR`, `_index.de`. `None` when the stem has no `.<code>` ending.
pub fn translation_language(stem: &str) -> Option<(&str, &str)> {
    let (original, code) = stem.rsplit_once('.')?;
    let primary = code.split('-').next().unwrap_or_default();
    let is_code = (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && code.len() <= 8
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    (is_code && !original.is_empty()).then_some((original, code))
}

/// The slug of an article file's path: `content/guides/a/index.md` and `content/guides/a.md`
/// are both `guides/a`.
fn first_slug(path: &Path) -> String {
    let inside = path.strip_prefix(CONTENT_DIR).unwrap_or(path);
    let text = crate::diagnostic::display_path(inside);
    let text = text
        .strip_suffix(&format!("/{FOLDER_ARTICLE}"))
        .unwrap_or(&text);
    text.strip_suffix(".md").unwrap_or(text).to_string()
}

/// What one changed path under `content/` is, for the dev server's incremental rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A Markdown file with a valid slug in a kind folder (or an `_index.md`): it can be
    /// re-read on its own with [`load_one`].
    Markdown {
        /// `causes/x`, `causes/_index` or `_index`.
        slug: String,
        /// The kind's name; `None` for the home page's `_index.md`.
        kind: Option<String>,
    },
    /// A file of an article's folder (`content/<kind>/<slug>/<file>`, not Markdown): the
    /// article is re-read with [`load_one`], its files with it.
    FileOfArticle {
        /// The article's `index.md`, relative to the site root.
        article: PathBuf,
        /// The article's slug.
        slug: String,
        /// The article's kind.
        kind: Option<String>,
    },
    /// A file of `snippets/`: the snippets are re-read with [`snippets::load_snippets`].
    Snippets,
    /// A file the walk skips (editor droppings, files in no article's folder): nothing to do.
    Ignored,
    /// Anything else (folders, symlinks, bad names, Markdown outside a kind folder): only a
    /// full walk of `content/` gives the same result as a build.
    NeedsFullWalk,
}

/// Classifies a path relative to the site root the way [`load_content`] would treat it.
pub fn classify(root: &Path, config: &Config, relative: &Path) -> Change {
    if let Ok(inside) = relative.strip_prefix(SNIPPETS_DIR) {
        let hidden = inside
            .components()
            .any(|c| is_ignored(&c.as_os_str().to_string_lossy()));
        return if hidden {
            Change::Ignored
        } else {
            Change::Snippets
        };
    }
    let Ok(inside) = relative.strip_prefix(CONTENT_DIR) else {
        return Change::Ignored;
    };
    let components: Vec<String> = inside
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect();
    let Some(name) = components.last() else {
        return Change::NeedsFullWalk;
    };
    if components.iter().any(|c| is_ignored(c)) {
        return Change::Ignored;
    }
    let full = root.join(relative);
    match fs::symlink_metadata(&full) {
        Ok(meta) if meta.file_type().is_symlink() || meta.is_dir() => return Change::NeedsFullWalk,
        Ok(_) => {}
        // Deleted: decide from the name alone.
        Err(_) if !name.ends_with(".md") => return Change::NeedsFullWalk,
        Err(_) => {}
    }
    let Some(stem) = name.strip_suffix(".md") else {
        return file_of_article(root, config, relative);
    };
    let mut components = components.clone();
    let mut stem = stem.to_string();
    if name == FOLDER_ARTICLE && components.len() >= 2 {
        // A new or deleted article folder changes which files are published.
        if components.len() == 2 || !root.join(relative).exists() {
            return Change::NeedsFullWalk;
        }
        components.pop();
        stem = components.last().cloned().unwrap_or_default();
    }
    let stem = stem.as_str();
    let kind = if components.len() == 1 {
        if stem != "_index" {
            return Change::NeedsFullWalk;
        }
        None
    } else if stem == "_index" && components.len() > 2 {
        return Change::NeedsFullWalk;
    } else {
        match config.kind_by_dir(&components[0]) {
            Some(kind) => Some(kind.name.clone()),
            None => return Change::NeedsFullWalk,
        }
    };
    let mut parts: Vec<&str> = components[..components.len() - 1]
        .iter()
        .map(String::as_str)
        .collect();
    parts.push(stem);
    if !parts.iter().all(|p| is_slug_segment(p)) {
        return Change::NeedsFullWalk;
    }
    Change::Markdown {
        slug: parts.join("/"),
        kind,
    }
}

/// What a changed file that is not Markdown is: a file of the article whose folder holds it
/// (the nearest folder above it with an `index.md`), or nothing to do.
fn file_of_article(root: &Path, config: &Config, relative: &Path) -> Change {
    let mut folder = relative.parent();
    while let Some(dir) = folder {
        let inside = dir.strip_prefix(CONTENT_DIR).unwrap_or(dir);
        if inside.components().count() < 2 {
            break;
        }
        let article = dir.join(FOLDER_ARTICLE);
        if root.join(&article).is_file() {
            return match classify(root, config, &article) {
                Change::Markdown { slug, kind } => Change::FileOfArticle {
                    article,
                    slug,
                    kind,
                },
                other => other,
            };
        }
        folder = dir.parent();
    }
    Change::Ignored
}

/// Reads one Markdown file that [`classify`] accepted, with the files of its folder if it is an
/// article folder's `index.md`. Used by the dev server to reload a single changed article;
/// gives the same diagnostics as [`load_content`] for it: the problem that stops it from being
/// read, or the source and the problems with the files of its folder (which [`load_content`]
/// reports as problems of the tree).
pub fn load_one(
    root: &Path,
    relative: &Path,
    slug: String,
    kind: Option<String>,
) -> Result<(Source, Vec<Diagnostic>), Box<Diagnostic>> {
    let text = read_source(root, relative, None)?;
    let mut source = Source {
        path: relative.to_path_buf(),
        slug,
        kind,
        text,
        files: Vec::new(),
        language: None,
    };
    let mut problems = Vec::new();
    if source.is_folder() {
        let folder = relative.parent().unwrap_or(Path::new(CONTENT_DIR));
        source.files = folder_files(root, folder, &mut Vec::new(), &mut problems)
            .map_err(|e| Box::new(Diagnostic::file(folder, format!("cannot read: {e}"))))?;
    }
    Ok((source, problems))
}

/// Reads an article or section intro: [`read_text`], and refuses an empty file.
pub(crate) fn read_source(
    root: &Path,
    relative: &Path,
    size: Option<u64>,
) -> Result<String, Box<Diagnostic>> {
    let text = read_text(root, relative, size)?;
    if text.trim().is_empty() {
        return Err(Box::new(
            Diagnostic::file(relative, "file is empty")
                .with_help("an article starts with `+++`, a `title = \"...\"` line and `+++`"),
        ));
    }
    Ok(text)
}

/// Reads a text file of the site: at most [`MAX_ARTICLE_BYTES`], UTF-8 (a byte-order mark
/// dropped), with no control character a page may not hold.
fn read_text(root: &Path, relative: &Path, size: Option<u64>) -> Result<String, Box<Diagnostic>> {
    let path = root.join(relative);
    let size = match size {
        Some(size) => size,
        None => {
            let metadata = fs::metadata(&path)
                .map_err(|e| Box::new(Diagnostic::file(relative, format!("cannot read: {e}"))))?;
            if !metadata.is_file() {
                return Err(Box::new(not_a_file(relative)));
            }
            metadata.len()
        }
    };
    if size > MAX_ARTICLE_BYTES {
        return Err(Box::new(
            Diagnostic::file(
                relative,
                format!(
                    "file is {} MB, more than the {} MB an article may have",
                    size / (1024 * 1024),
                    MAX_ARTICLE_BYTES / (1024 * 1024)
                ),
            )
            .with_help("split it into several articles"),
        ));
    }
    let bytes = fs::read(&path)
        .map_err(|e| Box::new(Diagnostic::file(relative, format!("cannot read: {e}"))))?;
    let text = String::from_utf8(bytes).map_err(|error| {
        Box::new(not_utf8(
            relative,
            error.as_bytes(),
            error.utf8_error().valid_up_to(),
        ))
    })?;
    // A byte-order mark is not content: drop it so columns on line 1 match what editors show.
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if let Some((at, c)) = crate::text::find_forbidden(&text) {
        let mut diagnostic = Diagnostic::at(
            relative,
            &text,
            at..at + c.len_utf8(),
            format!("{} in the text", crate::text::forbidden_character(c)),
        )
        .with_help("delete it: editors hide it, and no page may contain it");
        // Shown as `�`, so the terminal prints something for the caret to point at.
        diagnostic.source_line = diagnostic
            .source_line
            .map(|line| line.replace(is_forbidden_control, "\u{fffd}"));
        return Err(Box::new(diagnostic));
    }
    Ok(text)
}

/// A `.md` name on something that is not a regular file: reading a named pipe waits for a
/// writer for ever, and a device can be endless.
fn not_a_file(relative: &Path) -> Diagnostic {
    Diagnostic::file(
        relative,
        "not a regular file (a named pipe, socket or device), so it is not read",
    )
    .with_help("replace it with a Markdown file, or delete it")
}

/// An `_index.md` below a kind folder's top: only kinds have intro pages, and a nested one
/// would silently take the kind's title.
fn nested_intro(relative: &Path, kind_dir: &str) -> Diagnostic {
    Diagnostic::file(
        relative,
        "an `_index.md` only introduces a kind, so it belongs directly in the kind's folder",
    )
    .with_help(format!(
        "move it to `{CONTENT_DIR}/{kind_dir}/_index.md`, or rename it to make it an article"
    ))
}

fn not_utf8(path: &Path, bytes: &[u8], valid_up_to: usize) -> Diagnostic {
    let before = String::from_utf8_lossy(&bytes[..valid_up_to]);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    // The line as an editor would show it, the bad bytes as `�`, so the caret has context.
    let line_end = bytes[valid_up_to..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| valid_up_to + i);
    let line_bytes = &bytes[bytes[..valid_up_to]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1)..line_end];
    let source_line = String::from_utf8_lossy(line_bytes)
        .trim_end_matches('\r')
        .to_string();
    Diagnostic {
        line,
        col,
        source_line: Some(source_line),
        width: 1,
        ..Diagnostic::file(
            path,
            format!(
                "file is not valid UTF-8 (byte 0x{:02x})",
                bytes[valid_up_to]
            ),
        )
    }
    .with_help("save the file as UTF-8")
}

#[cfg(test)]
mod tests;
