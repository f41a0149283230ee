//! Reading `snippets/`: the shared Markdown that articles include with `{{#snippet <name>}}`.

use super::*;

/// Reads `snippets/` under `root`: every `<name>.md` (and `<name>.<language>.md`, a
/// translation), names relative to the folder (`ios/settings` for `snippets/ios/settings.md`).
/// Problems with files are diagnostics; a missing folder is no snippets.
pub fn load_snippets(root: &Path) -> Result<(Snippets, Vec<Diagnostic>)> {
    let mut diagnostics = Vec::new();
    let mut entries = Vec::new();
    walk::walk(
        root,
        Path::new(SNIPPETS_DIR),
        &|name, _| is_ignored(name),
        &mut diagnostics,
        &mut |entry| {
            if entry.is_file {
                entries.push((entry.relative.clone(), entry.len));
            }
            walk::Next::Continue
        },
    )?;
    let mut files = Vec::new();
    for (relative, len) in entries {
        match read_snippet(root, &relative, len) {
            Ok(file) => files.push(file),
            Err(problem) => diagnostics.push(*problem),
        }
    }
    Ok((Snippets::new(files), diagnostics))
}

/// Reads one file of `snippets/` into a snippet, or the problem with it.
fn read_snippet(
    root: &Path,
    relative: &Path,
    len: Option<u64>,
) -> Result<SnippetFile, Box<Diagnostic>> {
    let inside = relative
        .strip_prefix(SNIPPETS_DIR)
        .unwrap_or(relative)
        .to_string_lossy()
        .replace('\\', "/");
    let Some(stem) = inside.strip_suffix(".md") else {
        return Err(Box::new(
            Diagnostic::file(relative, "not a snippet: snippets are Markdown files")
                .with_help("name it `<name>.md`, or move it out of `snippets/`"),
        ));
    };
    let (name, language) = match stem.rsplit_once('/') {
        Some((folder, file)) => match file.split_once('.') {
            Some((base, language)) => (format!("{folder}/{base}"), Some(language)),
            None => (stem.to_string(), None),
        },
        None => match stem.split_once('.') {
            Some((base, language)) => (base.to_string(), Some(language)),
            None => (stem.to_string(), None),
        },
    };
    let language_ok = language.is_none_or(|code| {
        !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    });
    if !language_ok || !name.split('/').all(is_slug_segment) {
        return Err(Box::new(
            Diagnostic::file(
                relative,
                format!("`{stem}` is not a valid snippet name"),
            )
            .with_help(format!(
                "use ASCII letters, digits, `-` and `_`, such as `{}.md`, and `<name>.<language>.md` for a translation",
                suggest_slug(stem)
            )),
        ));
    }
    let text = read_text(root, relative, len)?;
    if text.trim().is_empty() {
        return Err(Box::new(
            Diagnostic::file(relative, "snippet is empty")
                .with_help("write the Markdown it stands for, or delete the file"),
        ));
    }
    Ok(SnippetFile {
        name,
        language: language.map(str::to_string),
        path: relative.to_path_buf(),
        text,
    })
}
