//! A small HTML reader for the tests: the tags of a page with their attributes, and the text of
//! its `<script>` elements. Enough for the well-formed HTML Remedy writes (it is not a browser
//! parser): comments are skipped, attribute values are unescaped, and the contents of `<script>`
//! and `<style>` are not read as tags.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::Path;

/// One start tag: its lower-cased name and its attributes, values unescaped.
#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    /// For `<script>` and `<style>`: the raw text up to the closing tag.
    pub raw_text: Option<String>,
}

impl Tag {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Every start tag of `html`, in order.
pub fn tags(html: &str) -> Vec<Tag> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if let Some(after) = rest.strip_prefix("!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        if rest.starts_with(['!', '/', '?']) {
            rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = &rest[name_end..];
        let mut attributes = Vec::new();
        loop {
            rest = rest.trim_start();
            if let Some(after) = rest.strip_prefix("/>").or_else(|| rest.strip_prefix('>')) {
                rest = after;
                break;
            }
            if rest.is_empty() {
                break;
            }
            if let Some(after) = rest.strip_prefix('/') {
                rest = after;
                continue;
            }
            let attr_end = rest
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
                .unwrap_or(rest.len());
            let attr = rest[..attr_end].to_ascii_lowercase();
            rest = rest[attr_end..].trim_start();
            let value = if let Some(after) = rest.strip_prefix('=') {
                let after = after.trim_start();
                let (value, remaining) = match after.chars().next() {
                    Some(quote @ ('"' | '\'')) => {
                        let inner = &after[1..];
                        let end = inner.find(quote).unwrap_or(inner.len());
                        (&inner[..end], inner.get(end + 1..).unwrap_or(""))
                    }
                    _ => {
                        let end = after
                            .find(|c: char| c.is_whitespace() || c == '>')
                            .unwrap_or(after.len());
                        (&after[..end], &after[end..])
                    }
                };
                rest = remaining;
                unescape(value)
            } else {
                String::new()
            };
            attributes.push((attr, value));
        }
        let raw_text = if name == "script" || name == "style" {
            let close = format!("</{name}");
            let end = rest.find(&close).unwrap_or(rest.len());
            let text = rest[..end].to_string();
            rest = &rest[end..];
            Some(text)
        } else {
            None
        };
        tags.push(Tag {
            name,
            attributes,
            raw_text,
        });
    }
    tags
}

/// Decodes the character references Remedy's templates and Markdown renderer produce.
pub fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semicolon) = rest.find(';').filter(|&i| i <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semicolon];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semicolon + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every HTML page under `dir`, by `/`-separated relative path, with its text.
pub fn pages(dir: &Path) -> BTreeMap<String, String> {
    let mut pages = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "html") {
            let relative = entry.path().strip_prefix(dir).unwrap();
            let text = fs::read_to_string(entry.path()).unwrap();
            pages.insert(relative.to_string_lossy().replace('\\', "/"), text);
        }
    }
    pages
}

/// The ids a fragment may point at: every `id` and every `<a name>`.
pub fn anchors(html: &str) -> HashSet<String> {
    tags(html)
        .into_iter()
        .flat_map(|tag| {
            let name = (tag.name == "a")
                .then(|| tag.attribute("name").map(str::to_string))
                .flatten();
            tag.attribute("id")
                .map(str::to_string)
                .into_iter()
                .chain(name)
        })
        .collect()
}

/// The text of every `<script type="application/ld+json">` block.
pub fn json_ld_blocks(html: &str) -> Vec<String> {
    tags(html)
        .into_iter()
        .filter(|tag| tag.name == "script" && tag.attribute("type") == Some("application/ld+json"))
        .map(|tag| tag.raw_text.unwrap_or_default())
        .collect()
}

#[test]
fn the_reader_finds_attributes_and_scripts() {
    let html = "<!-- <a href=\"no\"> --><p id=top><a class='x' href=\"a/?q=1&amp;b#c\">x</a>\
                <script type=\"application/ld+json\">{\"a\": \"<b>\"}</script><img src=x.png alt=\"\"/>";
    let tags = tags(html);
    let names: Vec<_> = tags.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["p", "a", "script", "img"]);
    assert_eq!(tags[1].attribute("href"), Some("a/?q=1&b#c"));
    assert_eq!(tags[3].attribute("src"), Some("x.png"));
    assert_eq!(json_ld_blocks(html), ["{\"a\": \"<b>\"}"]);
    assert_eq!(anchors(html), HashSet::from(["top".to_string()]));
    assert_eq!(unescape("&#x2F;&#47;&lt;&bogus; &"), "//<&bogus; &");
}
