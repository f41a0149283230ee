//! TOML errors as Remedy words them, for every TOML file it reads (`book.toml`, front matter,
//! `search-tests.toml`): a lowercase message without Rust or TOML-spec jargon, and a help line
//! where one helps ([`super::Diagnostic::toml`] puts them at their place in the file). It
//! decides wording only; which keys a file has is its parser's business. It imports only the
//! leaves `suggest` and `text`.

use crate::suggest;
use crate::text::lowercase_first;

/// A TOML error's message and help. `toml_text` is the text that was parsed (spans index into
/// it).
///
/// - `unknown field `x`, expected one of ...` → `unknown field `x``, with "did you mean" (by
///   spelling, or by meaning for names other tools use, such as `date` for `updated`) or the
///   list of known fields as help;
/// - `invalid type: string "ten", expected i64` → `expected a whole number, found the string
///   `"ten"``, with how to write one; `invalid value: integer `-1`, expected usize` →
///   `expected a whole number of 0 or more, found the number `-1``;
/// - `duplicate key` → `duplicate key `title``; an unclosed string says so.
pub fn describe(error: &toml::de::Error, toml_text: &str) -> (String, Option<String>) {
    let raw = error.message().trim().trim_end_matches('.');
    if let Some((field, candidates)) = parse_unknown_field(raw) {
        return (
            unknown_field(field),
            Some(unknown_field_hint(field, &candidates)),
        );
    }
    if let Some(rest) = raw
        .strip_prefix("invalid type: ")
        .or_else(|| raw.strip_prefix("invalid value: "))
        && let Some((found, expected)) = rest.rsplit_once(", expected ")
    {
        // "invalid value: integer `-1`, expected usize": a number below 0 where none can be.
        if expected.starts_with('u') && found.starts_with("integer `-") {
            return (
                format!(
                    "expected a whole number of 0 or more, found {}",
                    describe_found(found)
                ),
                None,
            );
        }
        let (expected, help) = describe_expected(expected);
        let message = format!("expected {expected}, found {}", describe_found(found));
        return (message, help.map(str::to_string));
    }
    if raw == "duplicate key"
        && let Some(key) = error
            .span()
            .and_then(|span| toml_text.get(span))
            .filter(|key| !key.is_empty() && !key.contains('\n'))
    {
        return (format!("duplicate key `{key}`"), None);
    }
    if raw == "invalid basic string, expected `\"`" {
        return (
            "the string is not closed".to_string(),
            Some(
                "end it with `\"` on the same line; text over several lines goes between `\"\"\"`"
                    .to_string(),
            ),
        );
    }
    if raw.starts_with("string values must be quoted") {
        return (
            "text must be in quotes".to_string(),
            Some("write it as `\"...\"`".to_string()),
        );
    }
    if raw.starts_with("missing escaped value") {
        return (
            "unknown escape after `\\`".to_string(),
            Some("write `\\\\` for a backslash, or use single quotes: `'C:\\path'`".to_string()),
        );
    }
    let message = lowercase_first(raw);
    if message.is_empty() {
        ("invalid TOML".to_string(), None)
    } else {
        (message, None)
    }
}

/// The message for a key a table does not have.
pub fn unknown_field(field: &str) -> String {
    format!("unknown field `{field}`")
}

/// Splits "unknown field `x`, expected one of `a`, `b`" (or "expected `a`") into the field and
/// the known fields.
pub fn parse_unknown_field(message: &str) -> Option<(&str, Vec<&str>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, expected) = rest.split_once('`')?;
    let candidates = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|c| !c.is_empty())
        .collect();
    Some((field, candidates))
}

/// Field names other tools use, and the field Remedy has for them.
const FIELD_SYNONYMS: [(&str, &str); 8] = [
    ("date", "updated"),
    ("lastmod", "updated"),
    ("last_modified", "updated"),
    ("description", "summary"),
    ("order", "weight"),
    ("folder", "dir"),
    ("directory", "dir"),
    ("error_code", "error_codes"),
];

/// "did you mean `x`?" for a misspelled or differently named field, else the known fields.
pub fn unknown_field_hint(field: &str, candidates: &[&str]) -> String {
    let synonym = FIELD_SYNONYMS
        .iter()
        .find(|(other, ours)| *other == field && candidates.contains(ours))
        .map(|(_, ours)| *ours);
    match synonym.or_else(|| suggest::closest(field, candidates.iter().copied())) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!(
            "known fields are {}",
            candidates
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// What serde expected, in words, and how to write one.
fn describe_expected(expected: &str) -> (&str, Option<&'static str>) {
    match expected {
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" => (
            "a whole number",
            Some("write a number without quotes, such as `10`"),
        ),
        "f32" | "f64" => (
            "a number",
            Some("write a number without quotes, such as `1.5`"),
        ),
        "a boolean" => (
            "`true` or `false`",
            Some("write `true` or `false`, without quotes"),
        ),
        "a string" => ("a string", Some("put the text in double quotes: `\"...\"`")),
        "a sequence" => (
            "a list",
            Some("write a list in brackets: `[\"first\", \"second\"]`"),
        ),
        "a TOML datetime" => (
            "a date",
            Some("write the date without quotes, such as `2026-11-26`"),
        ),
        other if other.starts_with("struct ") || other == "a map" => ("a table", None),
        other => (other, None),
    }
}

/// What serde found, in words: `string "ten"` → `the string `"ten"``.
fn describe_found(found: &str) -> String {
    let (kind, value) = match found.split_once(' ') {
        // serde may add the type it tried: "integer `99999999999999999999` as i128".
        Some((kind, value)) => match value.strip_prefix('`').and_then(|v| v.split_once('`')) {
            Some((quoted, _)) => (kind, quoted),
            None => (kind, value.trim_matches('`')),
        },
        None => (found, ""),
    };
    match (kind, value) {
        ("string", value) => format!("the string `{value}`"),
        ("integer", value) => format!("the number `{value}`"),
        ("floating", value) => format!("the number `{}`", value.trim_start_matches("point `")),
        ("boolean", value) => format!("`{value}`"),
        ("sequence", _) => "a list".to_string(),
        ("map", _) => "a table".to_string(),
        _ => found.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_get_the_closest_known_one_or_the_list() {
        assert_eq!(
            unknown_field_hint("wieght", &["title", "weight"]),
            "did you mean `weight`?"
        );
        assert_eq!(
            unknown_field_hint("date", &["title", "updated"]),
            "did you mean `updated`?"
        );
        assert_eq!(
            unknown_field_hint("zzz", &["title", "weight"]),
            "known fields are `title`, `weight`"
        );
        assert_eq!(
            parse_unknown_field("unknown field `x`, expected one of `a`, `b`"),
            Some(("x", vec!["a", "b"]))
        );
    }
}
