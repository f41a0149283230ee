//! Front matter: splitting the `+++` TOML block from the Markdown body and validating it into a
//! [`FrontMatter`], with every problem located in the file (the block's offset is added, so line
//! numbers are file lines). Unknown fields, wrong types, a missing title, a date in quotes and
//! an unreadable `effort` are diagnostics; nothing here looks at other articles.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::Diagnostic;
use crate::diagnostic::toml as toml_wording;
use crate::model::{Date, Extra, FrontMatter, Located, effort_minutes};
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

/// The fields of an article's front matter, in the order "known fields are" lists them.
pub const FIELDS: [&str; 14] = [
    "title",
    "summary",
    "symptoms",
    "error_codes",
    "fixes",
    "causes",
    "related",
    "weight",
    "updated",
    "draft",
    "effort",
    "tags",
    "aliases",
    "extra",
];

/// The fields of an `_index.md` section intro's front matter.
pub const SECTION_FIELDS: [&str; 2] = ["title", "description"];

/// The fields as written, each read on its own so that one wrong field does not hide another.
#[derive(Default)]
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
    tags: Option<Vec<Spanned<String>>>,
    aliases: Option<Vec<Spanned<String>>>,
    extra: Option<toml::Table>,
}

/// Front matter of an `_index.md` section intro.
#[derive(Default, Debug)]
pub struct SectionFrontMatter {
    /// Title override for the index page.
    pub title: Option<String>,
    /// One-sentence description.
    pub description: Option<String>,
}

/// Front matter with problems: every problem found in it, and what could be read despite them
/// (a field that is wrong is left at its default), so that the parse stage can still render
/// the body and the link stage still check the relations: one run reports everything.
#[derive(Debug)]
pub struct Invalid<T> {
    /// Every problem, in no particular order (the command sorts them).
    pub problems: Vec<Diagnostic>,
    /// The fields that could be read.
    pub partial: T,
}

/// Reads the front matter's TOML field by field: the value of each known field is handed to
/// `read`, each unknown one becomes a diagnostic. A syntax error (a string left open, a key
/// given twice) stops the reading: it is the one problem then.
struct Reader<'a> {
    path: &'a Path,
    text: &'a str,
    offset: usize,
    problems: Vec<Diagnostic>,
    /// The known fields the front matter gives, readable or not; empty after a syntax error.
    given: Vec<String>,
    /// Whether the TOML could be read at all.
    readable: bool,
}

impl<'a> Reader<'a> {
    fn read(
        path: &'a Path,
        text: &'a str,
        split: &Split<'a>,
        fields: &[&str],
        read: &mut dyn FnMut(&mut Reader<'a>, &str, Spanned<DeValue<'a>>),
    ) -> Reader<'a> {
        let mut reader = Reader {
            path,
            text,
            offset: split.front_matter_offset,
            problems: Vec::new(),
            given: Vec::new(),
            readable: false,
        };
        let table = match DeTable::parse(split.front_matter) {
            Ok(table) => table.into_inner(),
            Err(error) => {
                let diagnostic = reader.toml_problem(&error);
                reader.problems.push(diagnostic);
                return reader;
            }
        };
        reader.readable = true;
        for (key, value) in table {
            let name = key.get_ref().as_ref();
            if fields.contains(&name) {
                reader.given.push(name.to_string());
                read(&mut reader, name, value);
            } else {
                let span = key.span();
                let diagnostic = Diagnostic::at(
                    path,
                    text,
                    span.start + reader.offset..span.end + reader.offset,
                    toml_wording::unknown_field(name),
                )
                .with_help(toml_wording::unknown_field_hint(name, fields));
                reader.problems.push(diagnostic);
            }
        }
        reader
    }

    /// One field's value as `T`, or `None` and a diagnostic at the value.
    fn value<T: Deserialize<'a>>(&mut self, value: Spanned<DeValue<'a>>) -> Option<T> {
        match T::deserialize(toml::de::ValueDeserializer::from(value)) {
            Ok(value) => Some(value),
            Err(error) => {
                let diagnostic = self.toml_problem(&error);
                self.problems.push(diagnostic);
                None
            }
        }
    }

    fn toml_problem(&self, error: &toml::de::Error) -> Diagnostic {
        Diagnostic::toml(self.path, self.text, self.offset, error)
    }

    /// A diagnostic at `span`, a byte range of the front matter.
    fn at(&self, span: Range<usize>, message: String) -> Diagnostic {
        Diagnostic::at(
            self.path,
            self.text,
            span.start + self.offset..span.end + self.offset,
            message,
        )
    }
}

/// A diagnostic for each value holding a control character, which no page may contain.
fn control_characters<'a>(
    reader: &Reader<'_>,
    values: impl Iterator<Item = &'a Spanned<String>>,
) -> Vec<Diagnostic> {
    values
        .filter_map(|value| {
            let c = value.get_ref().chars().find(|&c| is_forbidden_control(c))?;
            Some(
                reader
                    .at(
                        value.span(),
                        format!("{} in the text", crate::text::forbidden_character(c)),
                    )
                    .with_help("remove the escape: no page may contain that character"),
            )
        })
        .collect()
}

/// Parses and validates an article's front matter, reporting every problem of every field.
/// `split` must come from `text`.
pub fn parse(
    path: &Path,
    text: &str,
    split: &Split<'_>,
) -> Result<FrontMatter, Box<Invalid<FrontMatter>>> {
    let mut raw = RawFrontMatter::default();
    let mut reader = Reader::read(
        path,
        text,
        split,
        &FIELDS,
        &mut |reader, name, value| match name {
            "title" => raw.title = reader.value(value),
            "summary" => raw.summary = reader.value(value),
            "symptoms" => raw.symptoms = reader.value(value),
            "error_codes" => raw.error_codes = reader.value(value),
            "fixes" => raw.fixes = reader.value(value),
            "causes" => raw.causes = reader.value(value),
            "related" => raw.related = reader.value(value),
            "weight" => raw.weight = reader.value(value),
            "updated" => raw.updated = reader.value(value),
            "draft" => raw.draft = reader.value(value),
            "effort" => raw.effort = reader.value(value),
            "tags" => raw.tags = reader.value(value),
            "aliases" => raw.aliases = reader.value(value),
            _ => raw.extra = reader.value(value),
        },
    );
    let offset = split.front_matter_offset;
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
        .chain(raw.symptoms.iter().flatten())
        .chain(raw.tags.iter().flatten())
        .chain(raw.aliases.iter().flatten());
    let control = control_characters(&reader, texts);
    reader.problems.extend(control);
    // A title that is there but wrong has its own diagnostic; after a syntax error, whether
    // there is one is not known.
    let title_missing = reader.readable && !reader.given.iter().any(|name| name == "title");
    let title = match raw.title {
        Some(title) if crate::text::is_blank(title.get_ref()) => {
            let diagnostic = reader.at(title.span(), "`title` is empty".to_string());
            reader.problems.push(diagnostic);
            String::new()
        }
        Some(title) => title.into_inner().trim().to_string(),
        None => {
            if title_missing {
                reader.problems.push(
                    Diagnostic::at(path, text, 0..3, "missing `title` in front matter")
                        .with_help("add a line such as `title = \"Not enough iCloud storage\"`"),
                );
            }
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
                let diagnostic = reader
                    .at(value.span(), "`updated` has a time but no date".to_string())
                    .with_help("write a date such as `updated = 2026-11-26`");
                reader.problems.push(diagnostic);
                None
            }
        },
    };
    let effort = match raw.effort {
        None => None,
        Some(value) if effort_minutes(value.get_ref()).is_none() => {
            let diagnostic = reader
                .at(
                    value.span(),
                    format!("cannot read effort `{}`", value.get_ref()),
                )
                .with_help("write a duration such as \"1 min\", \"15 min\" or \"1 hour\"");
            reader.problems.push(diagnostic);
            None
        }
        Some(value) => Some(value.into_inner()),
    };
    let error_codes = located(raw.error_codes);
    for code in &error_codes {
        if code.value.is_empty() || code.value.contains(char::is_whitespace) {
            reader.problems.push(
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
    let tags = located(raw.tags);
    for tag in &tags {
        if tag.value.is_empty() {
            reader.problems.push(
                Diagnostic::at(path, text, tag.span.clone(), "a tag is empty".to_string())
                    .with_help("write a tag such as \"iPad\", or remove the empty one"),
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
    let front = FrontMatter {
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
        tags,
        aliases: located(raw.aliases),
        extra: Extra(raw.extra.map(extra_json).unwrap_or_default()),
    };
    if reader.problems.is_empty() {
        Ok(front)
    } else {
        Err(Box::new(Invalid {
            problems: reader.problems,
            partial: front,
        }))
    }
}

/// The `[extra]` table as JSON for templates: TOML dates and times become their TOML text.
fn extra_json(table: toml::Table) -> serde_json::Map<String, serde_json::Value> {
    fn convert(value: toml::Value) -> serde_json::Value {
        match value {
            toml::Value::String(s) => serde_json::Value::String(s),
            toml::Value::Integer(i) => serde_json::Value::from(i),
            toml::Value::Float(f) => serde_json::Number::from_f64(f)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            toml::Value::Boolean(b) => serde_json::Value::Bool(b),
            toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
            toml::Value::Array(items) => {
                serde_json::Value::Array(items.into_iter().map(convert).collect())
            }
            toml::Value::Table(table) => serde_json::Value::Object(extra_json(table)),
        }
    }
    table.into_iter().map(|(k, v)| (k, convert(v))).collect()
}

/// Parses the front matter of an `_index.md`, reporting every problem.
pub fn parse_section(
    path: &Path,
    text: &str,
    split: &Split<'_>,
) -> Result<SectionFrontMatter, Box<Invalid<SectionFrontMatter>>> {
    let mut title: Option<Spanned<String>> = None;
    let mut description: Option<Spanned<String>> = None;
    let mut reader = Reader::read(
        path,
        text,
        split,
        &SECTION_FIELDS,
        &mut |reader, name, value| match name {
            "title" => title = reader.value(value),
            _ => description = reader.value(value),
        },
    );
    let control = control_characters(&reader, title.iter().chain(&description));
    reader.problems.extend(control);
    let front = SectionFrontMatter {
        title: title.map(Spanned::into_inner),
        description: description.map(Spanned::into_inner),
    };
    if reader.problems.is_empty() {
        Ok(front)
    } else {
        Err(Box::new(Invalid {
            problems: reader.problems,
            partial: front,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
        let path = Path::new("content/causes/x.md");
        let split = split(path, text).map_err(|d| vec![*d])?;
        parse(path, text, &split).map_err(|invalid| {
            let mut problems = invalid.problems;
            crate::diagnostic::sort(&mut problems);
            problems
        })
    }

    #[test]
    fn tags_aliases_and_extra_are_read() {
        let text = "+++\ntitle = \"A\"\ntags = [\"iPad\", \" Mac \"]\naliases = [\"old/\"]\n\
                    [extra]\nicon = \"cloud\"\nreviewed = 2026-01-02\nsteps = [1, 2]\n+++\n";
        let front = parse_text(text).unwrap();
        let tags: Vec<&str> = front.tags.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(tags, ["iPad", "Mac"]);
        assert_eq!(&text[front.tags[0].span.clone()], "\"iPad\"");
        assert_eq!(front.aliases[0].value, "old/");
        assert_eq!(
            serde_json::Value::Object(front.extra.0).to_string(),
            r#"{"icon":"cloud","reviewed":"2026-01-02","steps":[1,2]}"#
        );
    }

    #[test]
    fn an_empty_tag_and_a_non_table_extra_are_refused() {
        let e = parse_text("+++\ntitle = \"A\"\ntags = [\" \"]\nextra = 3\n+++\n").unwrap_err();
        let messages: Vec<String> = e
            .iter()
            .map(|d| format!("{}: {}", d.location(), d.message))
            .collect();
        assert_eq!(
            messages,
            [
                "content/causes/x.md:3:9: a tag is empty",
                "content/causes/x.md:4:9: expected a table, found the number `3`",
            ]
        );
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
    fn every_field_problem_is_reported_and_the_rest_is_kept() {
        let text = "+++\ntitle = 3\nfixs = [\"a\"]\nweight = \"ten\"\nfixes = [\"free-up\"]\ndraft = \"no\"\n+++\n";
        let path = Path::new("content/causes/x.md");
        let split = split(path, text).unwrap();
        let invalid = parse(path, text, &split).unwrap_err();
        let mut problems = invalid.problems;
        crate::diagnostic::sort(&mut problems);
        let found: Vec<String> = problems
            .iter()
            .map(|d| format!("{} {}", d.location(), d.message))
            .collect();
        // A title of the wrong type is not also "missing".
        assert_eq!(
            found,
            [
                "content/causes/x.md:2:9 expected a string, found the number `3`",
                "content/causes/x.md:3:1 unknown field `fixs`",
                "content/causes/x.md:4:10 expected a whole number, found the string `\"ten\"`",
                "content/causes/x.md:6:9 expected `true` or `false`, found the string `\"no\"`",
            ]
        );
        // What could be read is kept, for the link stage to check.
        assert_eq!(invalid.partial.fixes[0].value, "free-up");
        assert_eq!(&text[invalid.partial.fixes[0].span.clone()], "\"free-up\"");
    }

    #[test]
    fn a_section_intro_reports_every_problem_too() {
        let text = "+++\ntitle = 1\nsummary = \"x\"\n+++\nIntro.\n";
        let path = Path::new("content/causes/_index.md");
        let split = split(path, text).unwrap();
        let invalid = parse_section(path, text, &split).unwrap_err();
        let messages: Vec<&str> = invalid
            .problems
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "unknown field `summary`",
                "expected a string, found the number `1`"
            ]
        );
        assert_eq!(
            invalid.problems[0].help.as_deref(),
            Some("known fields are `title`, `description`")
        );
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
