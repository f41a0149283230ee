//! Front matter: splitting the `+++` TOML block from the Markdown body and validating it into a
//! [`FrontMatter`], with every problem located in the file (the block's offset is added, so line
//! numbers are file lines). Unknown fields, wrong types, a missing title, a date in quotes and
//! an unreadable `effort` are diagnostics; nothing here looks at other articles.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Diagnostic;
use crate::model::{Date, FrontMatter, Located, effort_minutes};
use crate::text::is_forbidden_control;

/// A file split into its front matter and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The TOML between the `+++` lines.
    pub front_matter: &'a str,
    /// Byte offset of the TOML in the file.
    pub front_matter_offset: usize,
    /// The Markdown after the closing `+++` line.
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Splits `text` at its `+++` lines. Accepts `\r\n` line endings and trailing spaces after `+++`.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Box<Diagnostic>> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "+++" {
        let looks_like_yaml = text[..first_line_end].trim_end() == "---";
        let mut diagnostic = Diagnostic::at(
            path,
            text,
            0..first_line_end.min(3),
            "missing front matter: an article starts with a `+++` line",
        );
        diagnostic = if looks_like_yaml {
            diagnostic.with_help(
                "Remedy reads TOML front matter between `+++` lines, not YAML between `---`",
            )
        } else {
            diagnostic.with_help("start the file with `+++`, `title = \"...\"` and `+++`")
        };
        return Err(Box::new(diagnostic));
    }
    let front_matter_offset = (first_line_end + 1).min(text.len());
    let mut line_start = front_matter_offset;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        if text[line_start..line_end].trim_end() == "+++" {
            let body_offset = (line_end + 1).min(text.len());
            return Ok(Split {
                front_matter: &text[front_matter_offset..line_start],
                front_matter_offset,
                body: &text[body_offset..],
                body_offset,
            });
        }
        line_start = line_end + 1;
    }
    Err(Box::new(
        Diagnostic::at(path, text, 0..3, "front matter is not closed")
            .with_help("add a line with `+++` after the front matter"),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Option<Spanned<String>>,
    summary: Option<Spanned<String>>,
    symptoms: Option<Vec<Spanned<String>>>,
    error_codes: Option<Vec<Spanned<String>>>,
    fixes: Option<Vec<Spanned<String>>>,
    causes: Option<Vec<Spanned<String>>>,
    related: Option<Vec<Spanned<String>>>,
    weight: Option<i64>,
    updated: Option<Spanned<toml::value::Datetime>>,
    draft: Option<bool>,
    effort: Option<Spanned<String>>,
}

/// Front matter of an `_index.md` section intro.
#[derive(Default, Debug)]
pub struct SectionFrontMatter {
    /// Title override for the index page.
    pub title: Option<String>,
    /// One-sentence description.
    pub description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSectionFrontMatter {
    title: Option<Spanned<String>>,
    description: Option<Spanned<String>>,
}

/// A diagnostic for each value holding a control character, which no page may contain.
fn control_characters<'a>(
    path: &Path,
    text: &str,
    offset: usize,
    values: impl Iterator<Item = &'a Spanned<String>>,
) -> Vec<Diagnostic> {
    values
        .filter_map(|value| {
            let c = value.get_ref().chars().find(|&c| is_forbidden_control(c))?;
            let span = value.span();
            Some(
                Diagnostic::at(
                    path,
                    text,
                    span.start + offset..span.end + offset,
                    format!("control character U+{:04X} in the text", u32::from(c)),
                )
                .with_help("remove the escape: no page may contain that character"),
            )
        })
        .collect()
}

/// Parses and validates an article's front matter. `split` must come from `text`.
pub fn parse(path: &Path, text: &str, split: &Split<'_>) -> Result<FrontMatter, Vec<Diagnostic>> {
    let offset = split.front_matter_offset;
    let raw: RawFrontMatter = deserialize(path, text, split)?;
    let at = |span: Range<usize>, message: String| {
        Diagnostic::at(path, text, span.start + offset..span.end + offset, message)
    };
    let located = |values: Option<Vec<Spanned<String>>>| -> Vec<Located> {
        values
            .unwrap_or_default()
            .into_iter()
            .map(|v| Located {
                span: v.span().start + offset..v.span().end + offset,
                value: v.into_inner().trim().to_string(),
            })
            .collect()
    };
    // Text shown on pages: a control character written as a TOML escape (`\u0007`) would
    // make them invalid HTML, as one typed into the file does (the load stage refuses those).
    let texts = raw
        .title
        .iter()
        .chain(&raw.summary)
        .chain(raw.symptoms.iter().flatten());
    let mut diagnostics = control_characters(path, text, offset, texts);
    let title = match raw.title {
        Some(title) if title.get_ref().trim().is_empty() => {
            diagnostics.push(at(title.span(), "`title` is empty".to_string()));
            String::new()
        }
        Some(title) => title.into_inner().trim().to_string(),
        None => {
            diagnostics.push(
                Diagnostic::at(path, text, 0..3, "missing `title` in front matter")
                    .with_help("add a line such as `title = \"Not enough iCloud storage\"`"),
            );
            String::new()
        }
    };
    let updated = match raw.updated {
        None => None,
        Some(value) => match value.get_ref().date {
            Some(date) => Some(Date {
                year: date.year,
                month: date.month,
                day: date.day,
            }),
            None => {
                diagnostics.push(
                    at(value.span(), "`updated` has a time but no date".to_string())
                        .with_help("write a date such as `updated = 2026-11-26`"),
                );
                None
            }
        },
    };
    let effort = match raw.effort {
        None => None,
        Some(value) if effort_minutes(value.get_ref()).is_none() => {
            diagnostics.push(
                at(
                    value.span(),
                    format!("cannot read effort `{}`", value.get_ref()),
                )
                .with_help("write a duration such as \"1 min\", \"15 min\" or \"1 hour\""),
            );
            None
        }
        Some(value) => Some(value.into_inner()),
    };
    let error_codes = located(raw.error_codes);
    for code in &error_codes {
        if code.value.is_empty() || code.value.contains(char::is_whitespace) {
            diagnostics.push(
                Diagnostic::at(
                    path,
                    text,
                    code.span.clone(),
                    format!("`{}` is not an error code", code.value),
                )
                .with_help("an error code is one word, such as \"9006\" or \"0x8007000E\""),
            );
        }
    }
    let symptoms: Vec<String> = raw
        .symptoms
        .unwrap_or_default()
        .into_iter()
        .map(|s| s.into_inner().trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    Ok(FrontMatter {
        title,
        summary: raw
            .summary
            .map(Spanned::into_inner)
            .unwrap_or_default()
            .trim()
            .to_string(),
        symptoms,
        error_codes,
        fixes: located(raw.fixes),
        causes: located(raw.causes),
        related: located(raw.related),
        weight: raw.weight.unwrap_or(0),
        updated,
        draft: raw.draft.unwrap_or(false),
        effort,
    })
}

/// Parses the front matter of an `_index.md`.
pub fn parse_section(
    path: &Path,
    text: &str,
    split: &Split<'_>,
) -> Result<SectionFrontMatter, Vec<Diagnostic>> {
    let raw: RawSectionFrontMatter = deserialize(path, text, split)?;
    let texts = raw.title.iter().chain(&raw.description);
    let problems = control_characters(path, text, split.front_matter_offset, texts);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(SectionFrontMatter {
        title: raw.title.map(Spanned::into_inner),
        description: raw.description.map(Spanned::into_inner),
    })
}

fn deserialize<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
    split: &Split<'_>,
) -> Result<T, Vec<Diagnostic>> {
    toml::from_str(split.front_matter).map_err(|error| {
        vec![crate::diagnostic::toml::diagnostic(
            path,
            text,
            split.front_matter_offset,
            &error,
        )]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
        let path = Path::new("content/causes/x.md");
        let split = split(path, text).map_err(|d| vec![*d])?;
        parse(path, text, &split)
    }

    #[test]
    fn splits_with_crlf() {
        let text = "+++\r\ntitle = \"A\"\r\n+++\r\nBody\r\n";
        let s = split(Path::new("x.md"), text).unwrap();
        assert_eq!(s.front_matter, "title = \"A\"\r\n");
        assert_eq!(s.body, "Body\r\n");
        assert_eq!(parse_text(text).unwrap().title, "A");
    }

    #[test]
    fn unclosed_and_missing_front_matter() {
        let e = parse_text("+++\ntitle = \"A\"\n").unwrap_err();
        assert_eq!(
            e[0].to_string(),
            "error: front matter is not closed\n --> content/causes/x.md:1:1\n  |\n1 | +++\n  | ^^^\n  |\n  = help: add a line with `+++` after the front matter"
        );
        let e = parse_text("---\ntitle: A\n---\n").unwrap_err();
        assert_eq!(e[0].location(), "content/causes/x.md:1:1");
        assert!(e[0].help.as_deref().unwrap().contains("not YAML"));
    }

    #[test]
    fn unknown_field_is_located_in_the_file() {
        let e = parse_text("+++\ntitle = \"A\"\nfixs = [\"a\"]\n+++\n").unwrap_err();
        assert_eq!(e[0].location(), "content/causes/x.md:3:1");
        assert_eq!(e[0].message, "unknown field `fixs`");
        assert_eq!(e[0].help.as_deref(), Some("did you mean `fixes`?"));
        // Names from other generators get the field Remedy has for them.
        let e = parse_text("+++\ntitle = \"A\"\ndate = 2026-01-01\n+++\n").unwrap_err();
        assert_eq!(e[0].help.as_deref(), Some("did you mean `updated`?"));
    }

    #[test]
    fn wrong_types_and_missing_title() {
        let e = parse_text("+++\ntitle = \"A\"\nweight = \"ten\"\n+++\n").unwrap_err();
        assert_eq!(e[0].location(), "content/causes/x.md:3:10");
        assert_eq!(
            e[0].to_string(),
            "error: expected a whole number, found the string `\"ten\"`\n --> content/causes/x.md:3:10\n  |\n3 | weight = \"ten\"\n  |          ^^^^^\n  |\n  = help: write a number without quotes, such as `10`"
        );
        let e = parse_text("+++\nweight = 3\n+++\n").unwrap_err();
        assert_eq!(e[0].location(), "content/causes/x.md:1:1");
        assert_eq!(e[0].message, "missing `title` in front matter");
        let e = parse_text("+++\n+++\n").unwrap_err();
        assert_eq!(e[0].message, "missing `title` in front matter");
    }

    #[test]
    fn dates_in_quotes_get_help() {
        let e = parse_text("+++\ntitle = \"A\"\nupdated = \"2026-01-01\"\n+++\n").unwrap_err();
        assert_eq!(e[0].location(), "content/causes/x.md:3:11");
        assert_eq!(
            e[0].message,
            "expected a date, found the string `\"2026-01-01\"`"
        );
        assert!(e[0].help.as_deref().unwrap().contains("without quotes"));
    }

    /// Regression: `title = "Ring \u0007"` put a BEL into every page that shows the title.
    #[test]
    fn control_characters_written_as_escapes_are_refused() {
        let e = parse_text(
            "+++\ntitle = \"Ring \\u0007\"\nsummary = \"ok\"\nsymptoms = [\"fine\", \"bad \\b\"]\n+++\n",
        )
        .unwrap_err();
        let found: Vec<String> = e
            .iter()
            .map(|d| format!("{} {}", d.location(), d.message))
            .collect();
        assert_eq!(
            found,
            [
                "content/causes/x.md:2:9 control character U+0007 in the text",
                "content/causes/x.md:4:21 control character U+0008 in the text",
            ]
        );
        // A form feed is whitespace, and allowed.
        assert!(parse_text("+++\ntitle = \"A\\fB\"\n+++\n").is_ok());
    }

    #[test]
    fn relation_spans_are_file_offsets() {
        let text = "+++\ntitle = \"A\"\nfixes = [\"free-up\"]\nupdated = 2026-11-26\neffort = \"5 min\"\n+++\n";
        let fm = parse_text(text).unwrap();
        assert_eq!(&text[fm.fixes[0].span.clone()], "\"free-up\"");
        assert_eq!(fm.updated.unwrap().to_string(), "2026-11-26");
        assert_eq!(fm.effort.as_deref(), Some("5 min"));
    }
}
