//! `remedy new KIND TITLE`: scaffold an article with valid front matter in its kind's folder,
//! weighted after the kind's last article and dated today. Never overwrites a file.
//!
//! An error page must name its code, so `remedy new error "Error 9013"` takes the code from the
//! title (its last word with a digit) and names the file after it, `errors/9013.md`, as the
//! bundled site does; a title without a code gets its slug as a placeholder code.

use std::fs;
use std::path::Path;

use crate::cli::NewArgs;
use crate::error::{Error, Result};
use crate::model::Date;
use crate::model::kinds;
use crate::pipeline::load::{self, CONTENT_DIR};

/// Runs `remedy new`.
pub fn run(args: NewArgs) -> Result<i32> {
    let config = load::load_config(&args.root)?;
    let kind = config
        .kinds
        .iter()
        .find(|k| k.name == args.kind || k.dir == args.kind)
        .ok_or_else(|| {
            Error::Usage(format!(
                "unknown kind `{}`: this site has {}",
                args.kind,
                config
                    .kinds
                    .iter()
                    .map(|k| format!("`{}`", k.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
    let title = args.title.trim();
    if title.is_empty() {
        return Err(Error::Usage("the title is empty".to_string()));
    }
    let code = if kind.name == kinds::ERROR {
        error_code(title)
    } else {
        None
    };
    let slug = shorten_slug(&crate::text::suggest_slug(code.as_deref().unwrap_or(title)));
    let relative = Path::new(CONTENT_DIR)
        .join(&kind.dir)
        .join(format!("{slug}.md"));
    let path = args.root.join(&relative);
    if path.exists() {
        return Err(Error::Usage(format!(
            "`{}` already exists",
            crate::diagnostic::display_path(&relative)
        )));
    }
    let weight = next_weight(&args.root.join(CONTENT_DIR).join(&kind.dir));
    let text = scaffold(&kind.name, title, &slug, weight, Date::today());
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    println!("{}", crate::diagnostic::display_path(&relative));
    Ok(0)
}

/// The longest file name `remedy new` makes, in bytes (file systems allow 255): a long title
/// keeps its first words.
pub const MAX_SLUG_BYTES: usize = 80;

/// `slug` cut to at most [`MAX_SLUG_BYTES`], at a `-` where there is one.
pub fn shorten_slug(slug: &str) -> String {
    if slug.len() <= MAX_SLUG_BYTES {
        return slug.to_string();
    }
    let mut end = MAX_SLUG_BYTES;
    while !slug.is_char_boundary(end) {
        end -= 1;
    }
    let cut = &slug[..end];
    let cut = match cut.rfind('-') {
        Some(dash) if dash > MAX_SLUG_BYTES / 2 => &cut[..dash],
        _ => cut,
    };
    cut.trim_end_matches(['-', '_']).to_string()
}

/// The error code in a title such as "Error 9013" or "0x8007000E: out of memory": its last word
/// with a digit in it.
pub fn error_code(title: &str) -> Option<String> {
    title
        .split_whitespace()
        .map(|word| word.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
        .rfind(|word| word.chars().any(|c| c.is_ascii_digit()))
        .map(str::to_string)
}

/// The text of a new article of `kind` whose file is named `slug`.
pub fn scaffold(kind: &str, title: &str, slug: &str, weight: i64, today: Date) -> String {
    let title_toml = toml::Value::String(title.to_string()).to_string();
    let mut front = format!(
        "+++\ntitle = {title_toml}\nsummary = \"\"\nsymptoms = []\nweight = {weight}\nupdated = {today}\n"
    );
    let body = match kind {
        kinds::CAUSE => {
            front.push_str("fixes = []\n");
            "## What is going on\n\n## How to tell\n"
        }
        kinds::FIX => {
            front.push_str("effort = \"5 min\"\n");
            "## Steps\n\n1. \n\n## If it did not help\n"
        }
        kinds::ERROR => {
            let code = error_code(title).unwrap_or_else(|| slug.to_string());
            let code = toml::Value::String(code).to_string();
            front.push_str(&format!(
                "error_codes = [{code}]\ncauses = []\nfixes = []\n"
            ));
            "## What you see\n\n## Why it happens\n\n## What to do\n"
        }
        kinds::RESTORE => "## Before you start\n\n## Steps\n\n1. \n",
        _ => "",
    };
    format!("{front}+++\n\n{body}")
}

fn next_weight(dir: &Path) -> i64 {
    let mut highest = 0;
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            let Ok(text) = fs::read_to_string(entry.path()) else {
                continue;
            };
            for line in text.lines().take(40) {
                if let Some(value) = line.trim().strip_prefix("weight")
                    && let Some(number) = value.trim().strip_prefix('=')
                    && let Ok(weight) = number.trim().parse::<i64>()
                {
                    highest = highest.max(weight);
                }
            }
        }
    }
    highest + 10
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn scaffolds_parse_as_valid_front_matter() {
        let today = Date {
            year: 2026,
            month: 11,
            day: 26,
        };
        for kind in ["cause", "fix", "error", "restore", "guide"] {
            let text = scaffold(kind, "A \"quoted\" title", "a-quoted-title", 20, today);
            let path = Path::new("content/x/a.md");
            let split = crate::front_matter::split(path, &text).unwrap();
            let front = crate::front_matter::parse(path, &text, &split).unwrap();
            assert_eq!(front.title, "A \"quoted\" title");
            assert_eq!(front.weight, 20);
        }
    }

    #[test]
    fn long_titles_make_short_file_names() {
        let slug = shorten_slug(&crate::text::suggest_slug(
            &"backup fails again ".repeat(40),
        ));
        assert!(slug.len() <= MAX_SLUG_BYTES, "{slug}");
        assert!(slug.starts_with("backup-fails-again-backup"), "{slug}");
        assert!(!slug.ends_with('-'), "{slug}");
        assert_eq!(shorten_slug("short-one"), "short-one");
    }

    #[test]
    fn error_pages_get_their_code_from_the_title() {
        assert_eq!(error_code("Error 9013").as_deref(), Some("9013"));
        assert_eq!(
            error_code("0x8007000E: out of memory").as_deref(),
            Some("0x8007000E")
        );
        assert_eq!(error_code("Backup failed (4000)").as_deref(), Some("4000"));
        assert_eq!(error_code("Backup failed"), None);
        let today = Date {
            year: 2026,
            month: 11,
            day: 26,
        };
        // A scaffolded error page passes the link stage's "error page without a code" check.
        let text = scaffold("error", "Backup failed", "backup-failed", 10, today);
        assert!(
            text.contains("error_codes = [\"backup-failed\"]\n"),
            "{text}"
        );
        let text = scaffold("error", "Error 9013", "9013", 10, today);
        assert!(text.contains("error_codes = [\"9013\"]\n"), "{text}");
    }
}
