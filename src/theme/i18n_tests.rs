//! The shipped theme text: every language file complete, every key the templates, the scripts
//! and the Rust code ask for present, and no reader-facing English left in a template.

use std::collections::BTreeSet;

use super::*;

/// The languages the default theme must ship.
const SHIPPED: [&str; 6] = ["en", "fr", "de", "es", "pt", "it"];

fn built_in_text(prefix: &str) -> Vec<(String, String)> {
    let mut files = Vec::new();
    embedded_files(&DEFAULT_THEME, &mut |path, bytes| {
        if path.starts_with(prefix) {
            files.push((slash(path), String::from_utf8_lossy(bytes).into_owned()));
        }
    });
    files
}

#[test]
fn every_shipped_language_has_exactly_the_english_keys_and_placeholders() {
    let catalog = built_in_catalog();
    let english = catalog.theme_file("en").expect("i18n/en.toml");
    let mut problems = Vec::new();
    for language in SHIPPED {
        let Some(file) = catalog.theme_file(language) else {
            problems.push(format!("i18n/{language}.toml is missing"));
            continue;
        };
        for (key, text) in english {
            match file.get(key) {
                None => problems.push(format!("i18n/{language}.toml: missing key `{key}`")),
                Some(translated) => {
                    let (want, got) = (i18n::placeholders(text), i18n::placeholders(translated));
                    if want != got {
                        problems.push(format!(
                            "i18n/{language}.toml: `{key}` has placeholders {got:?}, English {want:?}"
                        ));
                    }
                    if translated.trim().is_empty() {
                        problems.push(format!("i18n/{language}.toml: `{key}` is empty"));
                    }
                }
            }
        }
        for key in file.keys().filter(|k| !english.contains_key(*k)) {
            problems.push(format!(
                "i18n/{language}.toml: key `{key}` is not in en.toml"
            ));
        }
    }
    // A string with a count is a plural form, with its sibling.
    for key in english.keys() {
        let base = key
            .strip_suffix("_one")
            .or_else(|| key.strip_suffix("_other"));
        if english[key].contains("{count}") && base.is_none() {
            problems.push(format!(
                "`{key}` holds `{{count}}` but is not a plural form"
            ));
        }
        if let Some(base) = base
            && !(english.contains_key(&format!("{base}_one"))
                && english.contains_key(&format!("{base}_other")))
        {
            problems.push(format!("`{key}` lacks its `_one` or `_other` sibling"));
        }
    }
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(
        catalog.theme_languages().collect::<Vec<_>>(),
        ["de", "en", "es", "fr", "it", "pt"]
    );
}

#[test]
fn every_key_the_templates_and_scripts_use_is_in_the_english_file() {
    let english = built_in_catalog().theme_file("en").unwrap().clone();
    let mut missing = BTreeSet::new();
    for (path, text) in built_in_text("templates") {
        for key in i18n::keys_used_by(&text) {
            if !english.contains_key(&key) && key != i18n::LANGUAGE_KEY {
                missing.insert(format!("{path}: `{key}`"));
            }
        }
    }
    // The scripts ask for `text('key')`, `plural('key', ...)` and (search.js's UI)
    // `pieces('key', ...)` of their own table.
    for (script, table) in [
        ("static/js/troubleshoot.js", "troubleshoot"),
        ("static/js/tabs.js", "tabs"),
        ("static/js/search.js", "search"),
    ] {
        let source = &built_in_text(script)[0].1;
        let mut asked = BTreeSet::new();
        for call in ["text('", "plural('", "pieces('"] {
            for (at, _) in source.match_indices(call) {
                let key: String = source[at + call.len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if call == "plural('" {
                    asked.insert(format!("{key}_one"));
                    asked.insert(format!("{key}_other"));
                } else {
                    asked.insert(key);
                }
            }
        }
        if script.ends_with("tabs.js") {
            asked.insert("tab".to_string());
        }
        assert!(asked.len() > 1 || script.ends_with("tabs.js"), "{script}");
        for key in asked {
            if !english.contains_key(&format!("script.{table}.{key}")) {
                missing.insert(format!("{script}: `{key}`"));
            }
        }
    }
    assert_eq!(missing, BTreeSet::new());
}

/// Text between tags and the values of attributes a reader hears or sees, once the
/// template's `{{ }}`, `{% %}` and `{# #}` are taken out: what would be hard-coded text.
fn literal_text(template: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut rest = template;
    while let Some(open) = rest.find(['{']) {
        plain.push_str(&rest[..open]);
        let after = &rest[open..];
        let close = match &after.get(..2) {
            Some("{{") => "}}",
            Some("{%") => "%}",
            Some("{#") => "#}",
            _ => {
                plain.push('{');
                rest = &after[1..];
                continue;
            }
        };
        match after.find(close) {
            Some(end) => {
                plain.push(' ');
                rest = &after[end + 2..];
            }
            None => rest = "",
        }
    }
    plain.push_str(rest);
    let mut found = Vec::new();
    let mut text = plain.as_str();
    while let Some(open) = text.find('<') {
        found.push(text[..open].to_string());
        let end = text[open..].find('>').map_or(text.len(), |e| open + e + 1);
        let tag = &text[open..end];
        for attribute in ["aria-label", "placeholder", "title", "alt", "data-label"] {
            let needle = format!(" {attribute}=\"");
            if let Some(at) = tag.find(&needle) {
                let value = &tag[at + needle.len()..];
                found.push(value[..value.find('"').unwrap_or(value.len())].to_string());
            }
        }
        text = &text[end..];
    }
    found.push(text.to_string());
    found
        .into_iter()
        .map(|t| t.trim().to_string())
        .filter(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .collect()
}

#[test]
fn no_template_holds_reader_facing_text_of_its_own() {
    // No allow-list is needed: punctuation between placeholders (`.`, `, `) has no letters,
    // and tags (`<!DOCTYPE html>`, the brand mark's SVG) are not text.
    let mut found = Vec::new();
    for (path, text) in built_in_text("templates") {
        for literal in literal_text(&text) {
            found.push(format!("{path}: {literal:?}"));
        }
    }
    assert_eq!(found, Vec::<String>::new());
    // The scan itself finds such text.
    assert_eq!(
        literal_text(
            "<p>{{ t.x }}</p><h2>Next steps</h2><a aria-label=\"More\" href=\"{{ root }}\">{% if a %}Hi{% endif %}</a>"
        ),
        ["Next steps", "More", "Hi"]
    );
}

/// The string literals of a script, each with the code just before and after it; comments
/// and regular expression literals are skipped (enough of JavaScript for the theme's
/// scripts).
fn string_literals(source: &str) -> Vec<(String, String, String)> {
    let chars: Vec<char> = source.chars().collect();
    let mut literals = Vec::new();
    let mut last_code = '(';
    let mut i = 0;
    let around = |from: usize, to: usize| -> String {
        chars[from.min(chars.len())..to.min(chars.len())]
            .iter()
            .collect()
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == '/' && "(,=:[!&|?{};".contains(last_code) {
            let mut class = false;
            i += 1;
            while i < chars.len() && (chars[i] != '/' || class) && chars[i] != '\n' {
                match chars[i] {
                    '\\' => i += 1,
                    '[' => class = true,
                    ']' => class = false,
                    _ => {}
                }
                i += 1;
            }
            last_code = ')';
            i += 1;
        } else if c == '\'' || c == '"' {
            let start = i;
            let mut value = String::new();
            i += 1;
            while i < chars.len() && chars[i] != c && chars[i] != '\n' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if let Some(&ch) = chars.get(i) {
                    value.push(ch);
                }
                i += 1;
            }
            i += 1;
            literals.push((
                around(start.saturating_sub(12), start),
                value,
                around(i, i + 12),
            ));
            last_code = ')';
        } else {
            if !c.is_whitespace() {
                last_code = if c.is_alphanumeric() || c == '_' || c == '$' {
                    ')'
                } else {
                    c
                };
            }
            i += 1;
        }
    }
    literals
}

/// The string literals of a script that read as words to a reader: two words side by side
/// (`'No results'`), or one capitalised word (`'Kind'`) that is not a key the script
/// compares `event.key` with (`'Enter'`) or a browser feature it tests (`'X' in window`).
/// In class names and selectors (`'search-hit kind-'`, `'.ts-symptoms h2'`) at most one
/// part is a word.
fn script_text(source: &str) -> Vec<String> {
    let wordlike = |w: &str| {
        !w.is_empty()
            && w.chars()
                .all(|c| c.is_alphabetic() || "’'?!,:;".contains(c))
    };
    string_literals(source)
        .into_iter()
        .filter(|(before, literal, after)| {
            let words: Vec<&str> = literal.split(' ').filter(|w| !w.is_empty()).collect();
            let word_run = words
                .iter()
                .filter(|w| wordlike(w.strip_suffix('.').unwrap_or(w)))
                .count()
                >= 2
                && literal != "use strict";
            let capitalised = words.len() == 1
                && wordlike(literal)
                && literal.chars().next().is_some_and(char::is_uppercase)
                && literal.chars().any(char::is_lowercase)
                && !before.trim_end().ends_with("key ===")
                && !after.trim_start().starts_with("in window");
            word_run || capitalised
        })
        .map(|(_, literal, _)| literal)
        .collect()
}

/// Where the page UI starts in search.js.
const SEARCH_UI_HEADER: &str = "/*!\n * Remedy search UI:";

#[test]
fn no_script_holds_reader_facing_text_of_its_own() {
    let mut found = Vec::new();
    for script in [
        "static/js/search.js",
        "static/js/troubleshoot.js",
        "static/js/tabs.js",
    ] {
        let source = &built_in_text(script)[0].1;
        // search.js is the engine, whose messages are for developers, then the page UI.
        let source = match source.find(SEARCH_UI_HEADER) {
            Some(at) if script.ends_with("search.js") => &source[at..],
            _ => source,
        };
        assert!(
            !script.ends_with("search.js") || source.starts_with(SEARCH_UI_HEADER),
            "search.js lacks its UI part"
        );
        for literal in script_text(source) {
            found.push(format!("{script}: {literal:?}"));
        }
    }
    assert_eq!(found, Vec::<String>::new());
    // The scan itself finds such text and passes over the rest.
    assert_eq!(
        script_text(
            "// 'A comment'\nel('p', 'search-hit kind-', 'No results');\nif (event.key === 'Enter') x('Kind');\nif ('IntersectionObserver' in window) y('use strict', /['’]s/g, \"Don't go\", 'Not found? Try again');"
        ),
        ["No results", "Kind", "Don't go", "Not found? Try again"]
    );
}
