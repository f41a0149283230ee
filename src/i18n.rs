//! Theme text in the reader's language: the strings the theme's templates and scripts show
//! ("On this page", "No results for “{query}”"), read from `i18n/<code>.toml` files.
//!
//! # Where strings come from
//! A theme ships one file per language (`themes/default/i18n/en.toml`, `fr.toml`, ...; a theme
//! folder without `i18n/` uses the default theme's files). A site may add or override keys with
//! its own `i18n/<code>.toml` beside `book.toml`. For a page in language `fr` a key is looked up,
//! last match wins, in: the theme's English file, the site's English file, the theme's French
//! file, the site's French file. So a key missing in French shows in English, and a language
//! with no file at all (`nl`) shows the English strings ([`Catalog::language_warning`] says so
//! once). A tag with a region (`pt-BR`) uses its own file when there is one, else its
//! language's (`pt`).
//!
//! The theme's English file names the keys. A key in a site's file that is neither one of them
//! nor used by the site's own templates (`t.key`, or `key="key"` in a [`plural`](PLURAL_FUNCTION)
//! call) is a warning at its place in the file: most often a misspelt key.
//!
//! # Keys, placeholders, plurals, dates
//! Keys are flat at the top of a file (templates read them as `t.on_this_page`), except the
//! strings of the scripts, which live in one table per script (`[script.search]`,
//! `[script.troubleshoot]`, `[script.tabs]`); [`Strings::script_json`] hands a page the tables
//! of the scripts it loads. A string may hold placeholders, `{name}`, filled by the
//! [`fill`](FILL_FILTER) filter (`{{ t.redirect_home | fill(site=site.title) }}`). A string
//! with a count is a set of plural forms, `<key>_one` and `<key>_other` (the form for 1 in
//! English, and for 0 and 1 in French and Portuguese, is `_one`: see [`plural_category`]),
//! written in templates as `{{ plural(key="fix_count", count=n) }}` and in scripts through the
//! same rule; every string holding `{count}` is such a form. Dates (`updated_human`) are
//! `date_format` with `{day}`, `{month}` (`month_1` ... `month_12`) and `{year}`.
//!
//! This module reads no files (the theme hands it their text) and knows nothing of pages.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::{Map, Value};
use toml::de::{DeTable, DeValue};

use crate::diagnostic::Diagnostic;

/// The folder of a theme, or of a site, that holds the strings.
pub const I18N_DIR: &str = "i18n";
/// The language every other falls back to; its theme file names the keys.
pub const FALLBACK_LANGUAGE: &str = "en";
/// The table of the scripts' strings.
pub const SCRIPT_TABLE: &str = "script";
/// The key Remedy sets in `t` (and in the scripts' strings) to the code of the strings shown.
pub const LANGUAGE_KEY: &str = "language";
/// The search script's table (`[script.search]`).
pub const SEARCH_SCRIPT: &str = "search";
/// The search script's strings that every page carries: those it shows when the search index
/// (whose manifest carries the others) cannot be loaded.
pub const PAGE_SEARCH_KEYS: [&str; 1] = ["load_failed"];
/// The Tera filter that fills a string's placeholders.
pub const FILL_FILTER: &str = "fill";
/// The Tera function that picks a plural form and fills it.
pub const PLURAL_FUNCTION: &str = "plural";

/// One `i18n/<code>.toml` as read: its language, its text and the path diagnostics name.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The language code, from the file name (`fr`).
    pub language: String,
    /// The file's text.
    pub text: String,
    /// The path shown in diagnostics (`i18n/fr.toml`).
    pub path: PathBuf,
}

/// Keys to texts, keys of tables written with dots (`script.search.no_results`).
type Texts = BTreeMap<String, String>;

/// Every language's strings of a theme and of a site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    theme: BTreeMap<String, Texts>,
    site: BTreeMap<String, Texts>,
}

impl Catalog {
    /// Reads the theme's files and the site's. `site_keys` are the keys the site's own
    /// templates use, which its files may add. Returns the catalog and its problems: a file
    /// that is not TOML or holds something other than text is an error; a key of a site file
    /// that nothing uses is a warning.
    pub fn load(
        theme_files: &[SourceFile],
        site_files: &[SourceFile],
        site_keys: &BTreeSet<String>,
    ) -> (Catalog, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut catalog = Catalog::default();
        for file in theme_files {
            let texts = read_file(file, &mut diagnostics, &mut |_, _| {});
            catalog.theme.insert(file.language.clone(), texts);
        }
        let known = catalog
            .theme
            .get(FALLBACK_LANGUAGE)
            .cloned()
            .unwrap_or_default();
        for file in site_files {
            let mut unknown = Vec::new();
            let texts = read_file(file, &mut diagnostics, &mut |key, span| {
                if !known.contains_key(key) && !site_keys.contains(key) {
                    unknown.push((key.to_string(), span));
                }
            });
            for (key, span) in unknown {
                let mut diagnostic = Diagnostic::at(
                    &file.path,
                    &file.text,
                    span,
                    format!("unknown theme text `{key}`"),
                )
                .warning();
                diagnostic = match crate::suggest::closest(&key, known.keys().map(String::as_str)) {
                    Some(near) => diagnostic.with_help(format!("did you mean `{near}`?")),
                    None => diagnostic.with_help(format!(
                        "the keys are those of the theme's `{I18N_DIR}/{FALLBACK_LANGUAGE}.toml`, \
                         and those the site's templates use as `t.<key>`"
                    )),
                };
                diagnostics.push(diagnostic);
            }
            catalog.site.insert(file.language.clone(), texts);
        }
        (catalog, diagnostics)
    }

    /// The file code that serves `language`: itself, or its primary subtag (`pt` for `pt-BR`),
    /// when the theme or the site has a file for it.
    pub fn resolve(&self, language: &str) -> Option<String> {
        let primary = language.split(['-', '_']).next().unwrap_or(language);
        [language, primary]
            .into_iter()
            .find(|code| self.theme.contains_key(*code) || self.site.contains_key(*code))
            .map(str::to_string)
    }

    /// The languages the theme has a file for, sorted.
    pub fn theme_languages(&self) -> impl Iterator<Item = &str> {
        self.theme.keys().map(String::as_str)
    }

    /// The warning for a page language that has no strings, so its pages show English: `None`
    /// when there is a file for it.
    pub fn language_warning(&self, language: &str) -> Option<Diagnostic> {
        if self.resolve(language).is_some() {
            return None;
        }
        let available: Vec<String> = self.theme.keys().map(|code| format!("`{code}`")).collect();
        Some(
            Diagnostic::file(
                crate::config::CONFIG_FILE,
                format!("the theme has no text in `{language}`: pages show its English text"),
            )
            .with_help(format!(
                "add `{I18N_DIR}/{language}.toml` beside `book.toml` with the keys of the \
                 theme's `{I18N_DIR}/{FALLBACK_LANGUAGE}.toml`; the theme has {}",
                available.join(", ")
            ))
            .warning(),
        )
    }

    /// The strings pages in `language` show.
    pub fn strings(&self, language: &str) -> Strings {
        let code = self
            .resolve(language)
            .unwrap_or_else(|| FALLBACK_LANGUAGE.to_string());
        let mut texts = Texts::new();
        let mut layers = vec![
            self.theme.get(FALLBACK_LANGUAGE),
            self.site.get(FALLBACK_LANGUAGE),
        ];
        if code != FALLBACK_LANGUAGE {
            layers.push(self.theme.get(&code));
            layers.push(self.site.get(&code));
        }
        for layer in layers.into_iter().flatten() {
            texts.extend(layer.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        Strings {
            language: code,
            texts,
        }
    }

    /// The keys and texts of the theme's file for `language`, as written (for tests of the
    /// shipped files).
    pub fn theme_file(&self, language: &str) -> Option<&BTreeMap<String, String>> {
        self.theme.get(language)
    }
}

/// Reads one file's keys, flattening tables into dotted keys; `seen(key, span)` is called for
/// each key with the byte range of its name.
fn read_file(
    file: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
    seen: &mut dyn FnMut(&str, std::ops::Range<usize>),
) -> Texts {
    let mut texts = Texts::new();
    let table = match DeTable::parse(&file.text) {
        Ok(table) => table.into_inner(),
        Err(error) => {
            diagnostics.push(Diagnostic::toml(&file.path, &file.text, 0, &error));
            return texts;
        }
    };
    flatten(file, "", table, &mut texts, diagnostics, seen);
    texts
}

fn flatten(
    file: &SourceFile,
    prefix: &str,
    table: DeTable<'_>,
    texts: &mut Texts,
    diagnostics: &mut Vec<Diagnostic>,
    seen: &mut dyn FnMut(&str, std::ops::Range<usize>),
) {
    for (key, value) in table {
        let name = format!("{prefix}{}", key.get_ref());
        let value_span = value.span();
        match value.into_inner() {
            DeValue::String(text) => {
                if name == LANGUAGE_KEY {
                    diagnostics.push(
                        Diagnostic::at(
                            &file.path,
                            &file.text,
                            key.span(),
                            format!("`{LANGUAGE_KEY}` is set by Remedy"),
                        )
                        .with_help("the file's name says its language"),
                    );
                    continue;
                }
                seen(&name, key.span());
                texts.insert(name, text.into_owned());
            }
            DeValue::Table(inner) if prefix.is_empty() && name == SCRIPT_TABLE => {
                flatten(file, &format!("{name}."), inner, texts, diagnostics, seen);
            }
            DeValue::Table(inner) if prefix == format!("{SCRIPT_TABLE}.") => {
                flatten(file, &format!("{name}."), inner, texts, diagnostics, seen);
            }
            _ => diagnostics.push(
                Diagnostic::at(
                    &file.path,
                    &file.text,
                    value_span,
                    format!("`{name}` must be text in quotes"),
                )
                .with_help(format!(
                    "only the `[{SCRIPT_TABLE}.<script>]` tables may hold tables"
                )),
            ),
        }
    }
}

/// The strings of one language, resolved (see the module doc).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Strings {
    language: String,
    texts: Texts,
}

impl Strings {
    /// The code of the language the strings are in (`en` when a page language has no file).
    pub fn language(&self) -> &str {
        &self.language
    }

    /// The text of `key`; the key itself, in brackets, when no file has it (so a typo in a
    /// template shows on the page instead of an empty space).
    pub fn get(&self, key: &str) -> std::borrow::Cow<'_, str> {
        match self.texts.get(key) {
            Some(text) => text.as_str().into(),
            None => format!("[{key}]").into(),
        }
    }

    /// The text of `key`, if a file has it.
    pub fn try_get(&self, key: &str) -> Option<&str> {
        self.texts.get(key).map(String::as_str)
    }

    /// The text of `key` with its placeholders filled.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(&self.get(key), values)
    }

    /// The plural form of `key` for `count`, with `{count}` and the other placeholders filled.
    pub fn plural(&self, key: &str, count: u64, values: &[(&str, &str)]) -> String {
        let count_text = count.to_string();
        let mut all = vec![("count", count_text.as_str())];
        all.extend_from_slice(values);
        fill(&self.plural_form(key, count), &all)
    }

    fn plural_form(&self, key: &str, count: u64) -> std::borrow::Cow<'_, str> {
        let category = plural_category(&self.language, count);
        let wanted = format!("{key}_{category}");
        match self.texts.get(&wanted) {
            Some(text) => text.as_str().into(),
            None => self.get(&format!("{key}_other")).into_owned().into(),
        }
    }

    /// A date as readers of the language write it: "26 November 2026", "26 novembre 2026".
    pub fn date(&self, year: u16, month: u8, day: u8) -> String {
        let month_name = self.get(&format!("month_{}", month.clamp(1, 12)));
        fill(
            &self.get("date_format"),
            &[
                ("day", &day.to_string()),
                ("month", &month_name),
                ("year", &year.to_string()),
            ],
        )
    }

    /// What templates get as `t`: every top-level key, the `script` tables left out, plus
    /// `language`.
    pub fn template_value(&self) -> Value {
        let mut map = Map::new();
        for (key, text) in &self.texts {
            if !key.contains('.') {
                map.insert(key.clone(), Value::String(text.clone()));
            }
        }
        map.insert(LANGUAGE_KEY.into(), Value::String(self.language.clone()));
        Value::Object(map)
    }

    /// The strings of the scripts named (`search`, `troubleshoot`) as one JSON object, each
    /// script's table under its name plus `language`, safe inside a
    /// `<script type="application/json">` block (`<` is written `\u003c`).
    ///
    /// The search script's table holds only [`PAGE_SEARCH_KEYS`]: the rest travels in the
    /// search index's manifest ([`crate::config::SearchConfig::strings`]), which the script
    /// loads before it shows anything else.
    pub fn script_json(&self, scripts: &[&str]) -> String {
        let mut object = Map::new();
        object.insert(LANGUAGE_KEY.into(), Value::String(self.language.clone()));
        for script in scripts {
            let table: Map<String, Value> = self
                .script_table(script)
                .into_iter()
                .filter(|(key, _)| {
                    *script != SEARCH_SCRIPT || PAGE_SEARCH_KEYS.contains(&key.as_str())
                })
                .map(|(key, text)| (key, Value::String(text)))
                .collect();
            object.insert((*script).to_string(), Value::Object(table));
        }
        Value::Object(object).to_string().replace('<', "\\u003c")
    }

    /// The strings of the script named (`search`, `troubleshoot`), by key.
    pub fn script_table(&self, script: &str) -> BTreeMap<String, String> {
        let prefix = format!("{SCRIPT_TABLE}.{script}.");
        self.texts
            .range(prefix.clone()..)
            .take_while(|(key, _)| key.starts_with(&prefix))
            .map(|(key, text)| (key[prefix.len()..].to_string(), text.clone()))
            .collect()
    }
}

/// `text` with each `{name}` of `values` replaced; other braces are kept as written.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (close, *v))
        });
        match value {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders of a text: the names between braces, sorted.
pub fn placeholders(text: &str) -> BTreeSet<&str> {
    let mut names = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if !after[..close].is_empty()
                    && after[..close]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                names.insert(&after[..close]);
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    names
}

/// The plural category of a whole number in a language: `one` or `other`, the two forms
/// every shipped file writes. French and Portuguese use `one` for 0 and 1; Chinese, Japanese,
/// Korean, Vietnamese, Thai and Indonesian have no singular; the others use `one` for 1 alone
/// (the CLDR rules for whole numbers; the scripts ask the browser's `Intl.PluralRules`, which
/// agrees on these).
pub fn plural_category(language: &str, count: u64) -> &'static str {
    let primary = language.split(['-', '_']).next().unwrap_or(language);
    let one = match primary {
        "fr" | "pt" => count <= 1,
        "zh" | "ja" | "ko" | "vi" | "th" | "id" | "ms" => false,
        _ => count == 1,
    };
    if one { "one" } else { "other" }
}

/// The keys a template uses: `t.<key>` and `key="<key>"` (in a `plural` call, whose forms
/// `<key>_one` and `<key>_other` it then uses).
pub fn keys_used_by(template: &str) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    let identifier = |text: &str| -> String {
        text.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (at, _) in template.match_indices("t.") {
        let before = template[..at].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
            continue;
        }
        let key = identifier(&template[at + 2..]);
        if !key.is_empty() {
            keys.insert(key);
        }
    }
    for (at, _) in template.match_indices("key=\"") {
        let key = identifier(&template[at + 5..]);
        if !key.is_empty() {
            keys.insert(format!("{key}_one"));
            keys.insert(format!("{key}_other"));
        }
    }
    keys
}

/// Registers [`FILL_FILTER`] and [`PLURAL_FUNCTION`] on `tera`. Both read the page's `t`; their
/// output is escaped like any text.
pub fn register(tera: &mut tera::Tera) {
    tera.register_filter(
        FILL_FILTER,
        |text: &str, kwargs: tera::Kwargs, _: &tera::State| -> String {
            let values = kwarg_texts(&kwargs);
            let pairs: Vec<(&str, &str)> = values
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            fill(text, &pairs)
        },
    );
    tera.register_function(
        PLURAL_FUNCTION,
        |kwargs: tera::Kwargs, state: &tera::State| -> tera::TeraResult<String> {
            let key: String = kwargs.must_get::<&str>("key")?.to_string();
            let count = kwargs
                .must_get::<tera::Value>("count")?
                .as_u64()
                .ok_or_else(|| tera::Error::message("`count` must be a whole number"))?;
            let t: tera::Value = state
                .get("t")?
                .ok_or_else(|| tera::Error::message("the page has no `t`"))?;
            let language = t
                .get_from_path(LANGUAGE_KEY)
                .and_then(|v| v.as_str())
                .unwrap_or(FALLBACK_LANGUAGE);
            let category = plural_category(language, count);
            let wanted = format!("{key}_{category}");
            let other = format!("{key}_other");
            let form = t
                .get_from_path(&wanted)
                .or_else(|| t.get_from_path(&other))
                .and_then(|v| v.as_str())
                .ok_or_else(|| tera::Error::message(format!("no theme text `{key}_{category}`")))?;
            let values = kwarg_texts(&kwargs);
            let pairs: Vec<(&str, &str)> = values
                .iter()
                .filter(|(k, _)| k != "key")
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            Ok(fill(form, &pairs))
        },
    );
}

fn kwarg_texts(kwargs: &tera::Kwargs) -> Vec<(String, String)> {
    kwargs
        .iter()
        .map(|(key, value)| (key.to_string(), value.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(language: &str, path: &str, text: &str) -> SourceFile {
        SourceFile {
            language: language.into(),
            text: text.into(),
            path: path.into(),
        }
    }

    fn catalog(site: &[SourceFile]) -> (Catalog, Vec<String>) {
        let theme = [
            file(
                "en",
                "en.toml",
                "hello = \"Hello\"\nbye = \"Bye\"\nfix_count_one = \"{count} fix\"\nfix_count_other = \"{count} fixes\"\n[script.search]\nnone = \"No results for “{query}”\"\n",
            ),
            file(
                "fr",
                "fr.toml",
                "hello = \"Bonjour\"\nfix_count_one = \"{count} solution\"\nfix_count_other = \"{count} solutions\"\n",
            ),
        ];
        let (catalog, problems) = Catalog::load(&theme, site, &BTreeSet::from(["mine".into()]));
        (catalog, problems.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn a_key_missing_in_a_language_falls_back_to_english_and_the_site_overrides() {
        let (catalog, problems) = catalog(&[file(
            "fr",
            "i18n/fr.toml",
            "bye = \"Salut\"\nmine = \"À moi\"\n",
        )]);
        assert_eq!(problems, Vec::<String>::new());
        let fr = catalog.strings("fr-CA");
        assert_eq!(fr.language(), "fr");
        assert_eq!(fr.get("hello"), "Bonjour");
        assert_eq!(fr.get("bye"), "Salut");
        assert_eq!(fr.get("mine"), "À moi");
        assert_eq!(fr.plural("fix_count", 0, &[]), "0 solution");
        assert_eq!(fr.plural("fix_count", 2, &[]), "2 solutions");
        let en = catalog.strings("en");
        assert_eq!(en.plural("fix_count", 0, &[]), "0 fixes");
        assert_eq!(en.get("nope"), "[nope]");
        // No file for Dutch: English, and one warning.
        assert_eq!(catalog.strings("nl").get("hello"), "Hello");
        assert!(catalog.language_warning("fr").is_none());
        assert_eq!(
            catalog.language_warning("nl").unwrap().to_string(),
            "warning: the theme has no text in `nl`: pages show its English text\n--> book.toml\n = help: add `i18n/nl.toml` beside `book.toml` with the keys of the theme's `i18n/en.toml`; the theme has `en`, `fr`"
        );
    }

    #[test]
    fn an_unknown_key_in_a_site_file_is_a_located_warning() {
        let (_, problems) = catalog(&[file(
            "fr",
            "i18n/fr.toml",
            "hello = \"Salut\"\nhelo = \"Salut\"\n[script.search]\nnone = \"Rien\"\nnon = \"x\"\n",
        )]);
        assert_eq!(
            problems,
            [
                "warning: unknown theme text `helo`\n --> i18n/fr.toml:2:1\n  |\n2 | helo = \"Salut\"\n  | ^^^^\n  |\n  = help: did you mean `hello`?",
                "warning: unknown theme text `script.search.non`\n --> i18n/fr.toml:5:1\n  |\n5 | non = \"x\"\n  | ^^^\n  |\n  = help: did you mean `script.search.none`?",
            ]
        );
    }

    #[test]
    fn scripts_get_their_tables_as_json_safe_in_html() {
        let (catalog, _) = catalog(&[file(
            "en",
            "i18n/en.toml",
            "[script.search]\nnone = \"x\"\nload_failed = \"</script> “{query}”\"\n\
             [script.tabs]\nnone = \"y\"\n",
        )]);
        // The search's other strings travel in its index's manifest.
        assert_eq!(
            catalog.strings("en").script_json(&["search", "tabs"]),
            "{\"language\":\"en\",\"search\":{\"load_failed\":\"\\u003c/script> “{query}”\"},\
             \"tabs\":{\"none\":\"y\"}}"
        );
        assert_eq!(
            catalog.strings("en").script_table("search"),
            BTreeMap::from([
                ("load_failed".to_string(), "</script> “{query}”".to_string()),
                ("none".to_string(), "x".to_string()),
            ])
        );
    }

    #[test]
    fn fill_and_placeholders() {
        assert_eq!(
            fill("{count} of {total} {x}", &[("count", "2"), ("total", "5")]),
            "2 of 5 {x}"
        );
        assert_eq!(
            placeholders("“{query}” {count} {} {a b}"),
            BTreeSet::from(["count", "query"])
        );
    }

    #[test]
    fn plural_rules_of_the_shipped_languages() {
        for (language, zero, one, two) in [
            ("en", "other", "one", "other"),
            ("de", "other", "one", "other"),
            ("es", "other", "one", "other"),
            ("it", "other", "one", "other"),
            ("fr", "one", "one", "other"),
            ("pt-BR", "one", "one", "other"),
            ("ja", "other", "other", "other"),
        ] {
            assert_eq!(
                [
                    plural_category(language, 0),
                    plural_category(language, 1),
                    plural_category(language, 2)
                ],
                [zero, one, two],
                "{language}"
            );
        }
    }

    #[test]
    fn keys_used_by_a_template() {
        assert_eq!(
            keys_used_by("{{ t.mine }} {{ at.x }} {{ plural(key=\"items\", count=2) }}"),
            BTreeSet::from(["items_one".into(), "items_other".into(), "mine".into()])
        );
    }
}
