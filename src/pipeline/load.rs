//! Stage 1, load: the only code that reads the site's sources. It reads `book.toml` into a
//! [`Config`] and walks `content/` into [`Source`]s: one per article, one per `_index.md`.
//!
//! It refuses what would make the rest of the pipeline guess: Markdown outside a kind folder,
//! folders that are not a kind, file names that are not slugs, slugs that differ only in case,
//! files that are empty, too large, not UTF-8 or hold control characters, `.md` names on things
//! that are not regular files (a named pipe would hang the read), `_index.md` below a kind
//! folder's top, and symlinks that loop or leave the site root.
//! Editor droppings (dotfiles, `~` backups, `#autosave#`) are skipped silently.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::config::{self, CONFIG_FILE, Config};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::text::{is_forbidden_control, is_ignored, is_slug_segment, suggest_slug};
use crate::walk;

/// The folder under the site root that holds the articles.
pub const CONTENT_DIR: &str = "content";

/// Articles larger than this are refused: no help article is this long, and the limit keeps a
/// stray data file from exhausting memory.
pub const MAX_ARTICLE_BYTES: u64 = 8 * 1024 * 1024;

/// One Markdown file read from `content/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Relative to the site root: `content/causes/x.md`.
    pub path: PathBuf,
    /// `causes/x` for an article; `causes/_index` or `_index` for a section intro.
    pub slug: String,
    /// The kind's name (`cause`); `None` for the home page's `_index.md`.
    pub kind: Option<String>,
    /// The file's text.
    pub text: String,
}

impl Source {
    /// Whether this is an `_index.md` section intro rather than an article.
    pub fn is_section(&self) -> bool {
        self.slug == "_index" || self.slug.ends_with("/_index")
    }
}

/// What [`load_content`] found.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Articles and section intros, sorted by path.
    pub sources: Vec<Source>,
    /// Problems with the tree itself.
    pub diagnostics: Vec<Diagnostic>,
}

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
    walk::walk(
        root,
        Path::new(CONTENT_DIR),
        &|name, _| is_ignored(name),
        &mut loaded.diagnostics,
        &mut |entry| {
            if entry.is_dir {
                return check_folder(config, entry, &mut problems);
            }
            match read_entry(root, config, entry, &mut slugs_by_lowercase) {
                Ok(Some(source)) => loaded.sources.push(source),
                Ok(None) => {}
                Err(problem) => problems.push(*problem),
            }
            walk::Next::Continue
        },
    )?;
    loaded.diagnostics.extend(problems);
    Ok(loaded)
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
/// a valid, unique slug (`None` for other files), or the problem with it.
fn read_entry(
    root: &Path,
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
    let components: Vec<String> = relative
        .strip_prefix(CONTENT_DIR)
        .unwrap_or(relative)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect();
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
    if let Some(first) = slugs_by_lowercase.insert(slug.to_lowercase(), relative.clone()) {
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
    let text = read_source(root, relative, entry.len)?;
    Ok(Some(Source {
        path: relative.clone(),
        slug,
        kind,
        text,
    }))
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
    /// A file the walk skips (editor droppings, non-Markdown files): nothing to do.
    Ignored,
    /// Anything else (folders, symlinks, bad names, Markdown outside a kind folder): only a
    /// full walk of `content/` gives the same result as a build.
    NeedsFullWalk,
}

/// Classifies a path relative to the site root the way [`load_content`] would treat it.
pub fn classify(root: &Path, config: &Config, relative: &Path) -> Change {
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
        return Change::Ignored;
    };
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

/// Reads one Markdown file that [`classify`] accepted. Used by the dev server to reload a
/// single changed file; gives the same diagnostics as [`load_content`] for it.
pub fn load_one(
    root: &Path,
    relative: &Path,
    slug: String,
    kind: Option<String>,
) -> Result<Source, Box<Diagnostic>> {
    let text = read_source(root, relative, None)?;
    Ok(Source {
        path: relative.to_path_buf(),
        slug,
        kind,
        text,
    })
}

fn read_source(root: &Path, relative: &Path, size: Option<u64>) -> Result<String, Box<Diagnostic>> {
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
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| is_forbidden_control(c)) {
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
    if text.trim().is_empty() {
        return Err(Box::new(
            Diagnostic::file(relative, "file is empty")
                .with_help("an article starts with `+++`, a `title = \"...\"` line and `+++`"),
        ));
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
mod tests {
    use super::*;

    #[test]
    fn slugs_that_differ_only_in_case_are_refused() {
        let temp = tempfile::tempdir().unwrap();
        let guides = temp.path().join("content/guides");
        fs::create_dir_all(&guides).unwrap();
        for name in ["How.md", "how.md"] {
            fs::write(guides.join(name), "+++\ntitle = \"How\"\n+++\n").unwrap();
        }
        let loaded = load_content(temp.path(), &Config::default()).unwrap();
        assert_eq!(loaded.sources.len(), 1);
        assert_eq!(
            loaded.diagnostics[0].to_string(),
            "error: duplicate slug: `guides/how` differs only in case from `content/guides/How.md`\n--> content/guides/how.md\n = help: rename one of them: on macOS and Windows the two pages would be one file"
        );
    }

    #[test]
    fn files_that_are_not_utf8_show_the_line() {
        let bytes = b"+++\ntitle = \"Caf\xe9\"\n+++\n";
        let error = String::from_utf8(bytes.to_vec()).unwrap_err();
        let diagnostic = not_utf8(
            Path::new("content/guides/x.md"),
            bytes,
            error.utf8_error().valid_up_to(),
        );
        assert_eq!(
            diagnostic.to_string(),
            "error: file is not valid UTF-8 (byte 0xe9)\n --> content/guides/x.md:2:13\n  |\n2 | title = \"Caf\u{fffd}\"\n  |             ^\n  |\n  = help: save the file as UTF-8"
        );
    }

    /// Regression: a NUL or BEL byte in an article reached the page (and its meta description)
    /// raw, which makes the page invalid HTML.
    #[test]
    fn control_characters_are_refused_with_their_place() {
        let temp = tempfile::tempdir().unwrap();
        let guides = temp.path().join("content/guides");
        fs::create_dir_all(&guides).unwrap();
        fs::write(
            guides.join("a.md"),
            "+++\ntitle = \"A\"\n+++\nBefore\0after\n",
        )
        .unwrap();
        fs::write(
            guides.join("b.md"),
            "+++\ntitle = \"B\"\n+++\n\ta\u{c}b\r\n",
        )
        .unwrap();
        let loaded = load_content(temp.path(), &Config::default()).unwrap();
        assert_eq!(
            loaded.sources.len(),
            1,
            "tab, form feed and CR are whitespace"
        );
        assert_eq!(
            loaded.diagnostics[0].to_string(),
            "error: control character U+0000 in the text\n --> content/guides/a.md:4:7\n  |\n4 | Before\u{fffd}after\n  |       ^\n  |\n  = help: delete it: editors hide it, and no page may contain it"
        );
    }
}
