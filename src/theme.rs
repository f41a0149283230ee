//! The theme: Tera templates and static assets. The default theme is compiled into the binary
//! (from `themes/default/`), so a site needs no theme folder; a site may name another theme in
//! `themes/<name>/`, and may override any single template or asset with its own `templates/`
//! and `static/` files (file by file, like mdBook and Zola). Template syntax errors become
//! diagnostics naming the template file, line and column ([`crate::diagnostic::tera`] words
//! them). The theme's text in each language (`i18n/<code>.toml`, which a site's own `i18n/`
//! files add to) is loaded with it into a [`Catalog`] ([`crate::i18n`] resolves it).

use std::collections::{BTreeMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use include_dir::{Dir, include_dir};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::tera::{self as tera_errors, TemplateSources};
use crate::error::{Error, Result};
use crate::i18n::{self, Catalog, SourceFile};
use crate::walk;
use crate::work_limit::{self, Exceeded, PageOutput};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The name of the theme compiled into Remedy.
pub const DEFAULT_THEME_NAME: &str = "default";

/// Where a template or asset came from, for diagnostics and for the dev server's watcher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk, relative to the site root.
    File(PathBuf),
    /// The default theme compiled into Remedy.
    BuiltIn(PathBuf),
}

impl Origin {
    /// The path shown in diagnostics.
    pub fn display_path(&self) -> PathBuf {
        match self {
            Origin::File(path) => path.clone(),
            Origin::BuiltIn(path) => Path::new("[built-in theme]").join(path),
        }
    }
}

/// One static asset, copied as is to the root of the build dir.
#[derive(Debug, Clone)]
pub struct Asset {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Where it came from.
    pub origin: Origin,
}

/// Templates, compiled once, and static assets.
pub struct Theme {
    /// The compiled templates.
    pub tera: tera::Tera,
    /// Template sources by template name, for diagnostics.
    pub templates: BTreeMap<String, (String, Origin)>,
    /// Assets by output path (`style.css`, `js/search.js`).
    pub assets: BTreeMap<String, Asset>,
    /// A short hash of all assets, appended to asset URLs so browsers reload changed files.
    pub asset_version: String,
    /// A hash of every template and asset: when it changes, every page must be rebuilt.
    pub fingerprint: u64,
    /// The size of every asset, and the width and height of those that are images, by output
    /// path: what an article's `![alt](/logo.svg)` may show.
    pub asset_facts: BTreeMap<String, crate::model::FileFacts>,
    /// The theme's text in every language it has, with the site's additions.
    pub i18n: Catalog,
    /// Warnings found loading it: unknown keys in the site's `i18n/` files, a page language
    /// with no text.
    pub warnings: Vec<Diagnostic>,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("templates", &self.templates.keys().collect::<Vec<_>>())
            .field("assets", &self.assets.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// The folders a site may use to override theme files.
pub const SITE_TEMPLATES_DIR: &str = "templates";
/// See [`SITE_TEMPLATES_DIR`].
pub const SITE_STATIC_DIR: &str = "static";
/// The folder that holds themes.
pub const THEMES_DIR: &str = "themes";

/// Loads the configured theme and the site's overrides, and compiles the templates.
pub fn load(root: &Path, config: &Config) -> Result<Theme> {
    let mut templates: BTreeMap<String, (String, Origin)> = BTreeMap::new();
    let mut assets: BTreeMap<String, Asset> = BTreeMap::new();
    let theme_dir = Path::new(THEMES_DIR).join(&config.theme);
    let mut diagnostics = Vec::new();
    let mut theme_strings = Vec::new();
    let mut diagnostics_i18n = Vec::new();
    if root.join(&theme_dir).is_dir() {
        let mut template_problems = Vec::new();
        read_tree(
            root,
            &theme_dir.join("templates"),
            &mut diagnostics,
            &mut |name, bytes, origin| {
                insert_template(&mut templates, &mut template_problems, name, bytes, origin)
            },
        )?;
        diagnostics.extend(template_problems);
        read_tree(
            root,
            &theme_dir.join("static"),
            &mut diagnostics,
            &mut |name, bytes, origin| {
                assets.insert(name, Asset { bytes, origin });
            },
        )?;
        read_tree(
            root,
            &theme_dir.join(i18n::I18N_DIR),
            &mut diagnostics,
            &mut |name, bytes, origin| {
                add_strings_file(
                    &mut theme_strings,
                    &mut diagnostics_i18n,
                    &name,
                    bytes,
                    origin,
                )
            },
        )?;
    } else if config.theme == DEFAULT_THEME_NAME {
        embedded_files(&DEFAULT_THEME, &mut |path, bytes| {
            let origin = Origin::BuiltIn(path.to_path_buf());
            if let Ok(name) = path.strip_prefix("templates") {
                insert_template(
                    &mut templates,
                    &mut diagnostics,
                    slash(name),
                    bytes.to_vec(),
                    origin,
                );
            } else if let Ok(name) = path.strip_prefix("static") {
                assets.insert(
                    slash(name),
                    Asset {
                        bytes: bytes.to_vec(),
                        origin,
                    },
                );
            } else if let Ok(name) = path.strip_prefix(i18n::I18N_DIR) {
                add_strings_file(
                    &mut theme_strings,
                    &mut diagnostics_i18n,
                    &slash(name),
                    bytes.to_vec(),
                    origin,
                );
            }
        });
    } else {
        return Err(Error::Content(vec![
            Diagnostic::file(
                crate::config::CONFIG_FILE,
                format!(
                    "theme `{}` not found: there is no folder `{}`",
                    config.theme,
                    crate::diagnostic::display_path(&theme_dir)
                ),
            )
            .with_help("remove `theme` to use the built-in default theme"),
        ]));
    }
    let mut template_problems = Vec::new();
    read_tree(
        root,
        Path::new(SITE_TEMPLATES_DIR),
        &mut diagnostics,
        &mut |name, bytes, origin| {
            insert_template(&mut templates, &mut template_problems, name, bytes, origin)
        },
    )?;
    diagnostics.extend(template_problems);
    read_tree(
        root,
        Path::new(SITE_STATIC_DIR),
        &mut diagnostics,
        &mut |name, bytes, origin| {
            assets.insert(name, Asset { bytes, origin });
        },
    )?;
    if theme_strings.is_empty() {
        // A theme of the site's own without text of its own speaks the default theme's.
        embedded_files(&DEFAULT_THEME, &mut |path, bytes| {
            if let Ok(name) = path.strip_prefix(i18n::I18N_DIR) {
                let origin = Origin::BuiltIn(path.to_path_buf());
                add_strings_file(
                    &mut theme_strings,
                    &mut diagnostics_i18n,
                    &slash(name),
                    bytes.to_vec(),
                    origin,
                );
            }
        });
    }
    let mut site_strings = Vec::new();
    read_tree(
        root,
        Path::new(i18n::I18N_DIR),
        &mut diagnostics,
        &mut |name, bytes, origin| {
            add_strings_file(
                &mut site_strings,
                &mut diagnostics_i18n,
                &name,
                bytes,
                origin,
            )
        },
    )?;
    let site_keys: std::collections::BTreeSet<String> = templates
        .values()
        .filter(|(_, origin)| matches!(origin, Origin::File(path) if path.starts_with(SITE_TEMPLATES_DIR)))
        .flat_map(|(source, _)| i18n::keys_used_by(source))
        .collect();
    let (catalog, problems) = Catalog::load(&theme_strings, &site_strings, &site_keys);
    diagnostics_i18n.extend(problems);
    let (errors, mut warnings): (Vec<_>, Vec<_>) =
        diagnostics_i18n.into_iter().partition(Diagnostic::is_error);
    diagnostics.extend(errors);
    warnings.extend(catalog.language_warning(&config.language));
    if !diagnostics.is_empty() {
        return Err(Error::Content(diagnostics));
    }

    let mut tera = tera::Tera::new();
    tera.autoescape_on([".html", ".htm", ".xml"]);
    i18n::register(&mut tera);
    if let Err(error) = tera.add_raw_templates(templates.iter().map(|(n, (s, _))| (n, s))) {
        return Err(Error::Content(tera_errors::load_diagnostics(
            &templates, &error,
        )));
    }

    let mut asset_hasher = std::collections::hash_map::DefaultHasher::new();
    for (name, asset) in &assets {
        name.hash(&mut asset_hasher);
        asset.bytes.hash(&mut asset_hasher);
    }
    let asset_hash = asset_hasher.finish();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    asset_hash.hash(&mut hasher);
    for (name, (source, _)) in &templates {
        name.hash(&mut hasher);
        source.hash(&mut hasher);
    }
    for file in theme_strings.iter().chain(&site_strings) {
        file.path.hash(&mut hasher);
        file.text.hash(&mut hasher);
    }
    let asset_facts = assets
        .iter()
        .map(|(name, asset)| {
            let dimensions = crate::image_size::is_image_name(name)
                .then(|| crate::image_size::dimensions(name, &asset.bytes))
                .flatten();
            let facts = crate::model::FileFacts {
                len: asset.bytes.len() as u64,
                dimensions,
            };
            (name.clone(), facts)
        })
        .collect();
    Ok(Theme {
        tera,
        templates,
        assets,
        asset_version: format!("{:08x}", asset_hash as u32),
        fingerprint: hasher.finish(),
        asset_facts,
        i18n: catalog,
        warnings,
    })
}

/// Adds an `i18n/<code>.toml` file to `files`; other files in the folder are left alone, and a
/// file that is not UTF-8 is a problem.
fn add_strings_file(
    files: &mut Vec<SourceFile>,
    diagnostics: &mut Vec<Diagnostic>,
    name: &str,
    bytes: Vec<u8>,
    origin: Origin,
) {
    let Some(language) = name.strip_suffix(".toml") else {
        return;
    };
    if language.contains('/') {
        return;
    }
    match String::from_utf8(bytes) {
        Ok(text) => files.push(SourceFile {
            language: language.to_string(),
            text,
            path: origin.display_path(),
        }),
        Err(_) => diagnostics.push(Diagnostic::file(
            origin.display_path(),
            "the file is not valid UTF-8",
        )),
    }
}

/// Gives the standard kinds whose title `book.toml` leaves as the standard English one
/// (`Fixes`) their title in the site's language (`kind_fix` of the theme's text: `Solutions`),
/// and the same for the singular label (`Fix`, `kind_fix_singular`: `Solution`), so a French
/// site with the standard kinds reads French kind titles everywhere (pages, search results,
/// `llms.txt`). A title or label the site sets is kept.
pub fn localize_kind_titles(config: &mut Config, theme: &Theme) {
    let strings = theme.i18n.strings(&config.language);
    for kind in &mut config.kinds {
        let Some((name, _, title, singular)) = crate::config::STANDARD_KINDS
            .iter()
            .find(|(name, _, _, _)| *name == kind.name)
        else {
            continue;
        };
        if kind.title == *title
            && let Some(localized) = strings.try_get(&format!("kind_{name}"))
        {
            kind.title = localized.to_string();
        }
        if kind.singular == *singular
            && let Some(localized) = strings.try_get(&format!("kind_{name}_singular"))
        {
            kind.singular = localized.to_string();
        }
    }
}

/// The built-in default theme's text in every language it ships, without a site's additions.
pub fn built_in_catalog() -> Catalog {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    embedded_files(&DEFAULT_THEME, &mut |path, bytes| {
        if let Ok(name) = path.strip_prefix(i18n::I18N_DIR) {
            let origin = Origin::BuiltIn(path.to_path_buf());
            add_strings_file(
                &mut files,
                &mut problems,
                &slash(name),
                bytes.to_vec(),
                origin,
            );
        }
    });
    Catalog::load(&files, &[], &Default::default()).0
}

/// The ids the built-in theme gives elements of its pages (`main` for the skip link, ...): a
/// heading in an article must not take one, or two elements would share an id and the skip link
/// or a label would point at the heading. Collected once from the literal `id="..."` values of
/// the built-in templates, so the list follows the theme.
pub fn page_ids() -> &'static HashSet<String> {
    static IDS: OnceLock<HashSet<String>> = OnceLock::new();
    IDS.get_or_init(|| {
        let mut ids = HashSet::new();
        embedded_files(&DEFAULT_THEME, &mut |path, bytes| {
            if !path.starts_with("templates") {
                return;
            }
            let text = String::from_utf8_lossy(bytes);
            for after in text.split("id=\"").skip(1) {
                if let Some(id) = after.split('"').next()
                    && !id.is_empty()
                    && !id.contains(['{', '}', ' '])
                {
                    ids.insert(id.to_string());
                }
            }
        });
        ids
    })
}

impl Theme {
    /// The first of `names` that exists, so `article-cause.html` can refine `article.html`.
    pub fn pick<'a>(&self, names: &[&'a str]) -> Option<&'a str> {
        names
            .iter()
            .copied()
            .find(|n| self.templates.contains_key(*n))
    }

    /// Renders `template` with `context`; errors become diagnostics on the template file, and
    /// so does a page over its work limit ([`crate::work_limit`]). A template that went over
    /// its limit on one page is recorded in `over_limit` (one per build), and its other pages
    /// fail at once with the same error: a runaway template must not cost every page the
    /// limit's ten seconds.
    pub fn render(
        &self,
        template: &str,
        context: &tera::Context,
        page: &str,
        over_limit: &OverLimit,
    ) -> Result<String, Box<Diagnostic>> {
        if let Some(diagnostic) = over_limit.get(template) {
            return Err(diagnostic);
        }
        let mut output = PageOutput::new();
        let rendered = self.tera.render_to(template, context, &mut output);
        if let Some(exceeded) = output.exceeded() {
            let path = self.templates.get(template).map_or_else(
                || PathBuf::from(template),
                |(_, origin)| origin.display_path(),
            );
            let message = match exceeded {
                Exceeded::Size => format!(
                    "template `{template}` wrote more than {} MB for one page",
                    work_limit::MAX_PAGE_BYTES / (1024 * 1024)
                ),
                Exceeded::Time => format!(
                    "template `{template}` took more than {} seconds for one page",
                    work_limit::MAX_PAGE_TIME.as_secs()
                ),
            };
            let diagnostic = Box::new(Diagnostic::file(path, message).with_help(format!(
                "look for a loop or a component that calls itself without end (while \
                 rendering {page})"
            )));
            over_limit.record(template, &diagnostic);
            return Err(diagnostic);
        }
        rendered.map_err(|error| {
            Box::new(tera_errors::template_diagnostic(
                &self.templates,
                &error,
                Some(page),
            ))
        })?;
        String::from_utf8(output.into_bytes()).map_err(|_| {
            Box::new(Diagnostic::file(
                PathBuf::from(template),
                format!("template `{template}` wrote text that is not UTF-8"),
            ))
        })
    }
}

/// The templates that went over their work limit during one build, with their error.
#[derive(Debug, Default)]
pub struct OverLimit(Mutex<BTreeMap<String, Box<Diagnostic>>>);

impl OverLimit {
    fn get(&self, template: &str) -> Option<Box<Diagnostic>> {
        self.0.lock().ok()?.get(template).cloned()
    }

    fn record(&self, template: &str, diagnostic: &Diagnostic) {
        if let Ok(mut map) = self.0.lock() {
            map.entry(template.to_string())
                .or_insert_with(|| Box::new(diagnostic.clone()));
        }
    }
}

fn insert_template(
    templates: &mut BTreeMap<String, (String, Origin)>,
    diagnostics: &mut Vec<Diagnostic>,
    name: String,
    bytes: Vec<u8>,
    origin: Origin,
) {
    match String::from_utf8(bytes) {
        Ok(text) => {
            templates.insert(name, (text, origin));
        }
        Err(_) => diagnostics.push(Diagnostic::file(
            origin.display_path(),
            "template is not valid UTF-8",
        )),
    }
}

impl TemplateSources for BTreeMap<String, (String, Origin)> {
    fn find(&self, name: &str) -> Option<(&str, PathBuf)> {
        self.get(name)
            .map(|(source, origin)| (source.as_str(), origin.display_path()))
    }
}

/// Calls `visit(name, bytes, origin)` for every file under `root/dir`, names relative to `dir`
/// with `/` separators, in sorted order (see [`crate::walk`] for how links are treated).
fn read_tree(
    root: &Path,
    dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
    visit: &mut dyn FnMut(String, Vec<u8>, Origin),
) -> Result<()> {
    let full = root.join(dir);
    let mut files = Vec::new();
    walk::walk(
        root,
        dir,
        &|name, is_dir| !is_dir && crate::text::is_ignored(name),
        diagnostics,
        &mut |entry| {
            if entry.is_file {
                files.push(entry.path.to_path_buf());
            }
            walk::Next::Continue
        },
    )?;
    for path in files {
        let relative = path.strip_prefix(&full).unwrap_or(&path);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        visit(slash(relative), bytes, Origin::File(dir.join(relative)));
    }
    Ok(())
}

fn embedded_files(dir: &Dir<'static>, visit: &mut dyn FnMut(&Path, &[u8])) {
    let mut files: Vec<_> = dir.files().collect();
    files.sort_by_key(|f| f.path());
    for file in files {
        visit(file.path(), file.contents());
    }
    let mut dirs: Vec<_> = dir.dirs().collect();
    dirs.sort_by_key(|d| d.path());
    for sub in dirs {
        embedded_files(sub, visit);
    }
}

fn slash(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_with_override(name: &str, text: &str) -> Vec<String> {
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join(SITE_TEMPLATES_DIR).join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        match load(temp.path(), &Config::default()) {
            Err(Error::Content(diagnostics)) => diagnostics.iter().map(|d| d.to_string()).collect(),
            other => panic!("expected template problems, got {other:?}"),
        }
    }

    #[test]
    fn problems_found_after_parsing_point_into_the_template() {
        // Tera reports these as one text of reports rather than as a located error.
        let problems = load_with_override(
            "article.html",
            "{% extends \"base.html\" %}\n{% block main %}\n{{ article.title | shout }}\n{% include \"nope.html\" %}\n{% endblock main %}\n{% block sidebar %}{% endblock sidebar %}\n",
        );
        assert_eq!(
            problems,
            [
                "error: template error: unknown filter `shout`\n --> templates/article.html:3:20\n  |\n3 | {{ article.title | shout }}\n  |                    ^^^^^",
                "error: template error: unknown template `nope.html`\n --> templates/article.html:4:12\n  |\n4 | {% include \"nope.html\" %}\n  |            ^^^^^^^^^^^",
                "error: template error: block `sidebar` is not defined in any parent template\n --> templates/article.html:6:10\n  |\n6 | {% block sidebar %}{% endblock sidebar %}\n  |          ^^^^^^^",
            ]
        );
    }

    #[test]
    fn syntax_errors_point_into_the_template() {
        let problems = load_with_override("home.html", "<h1>{{ site.title }</h1>\n");
        assert_eq!(
            problems,
            [
                "error: template error: found `}` but expected }}\n --> templates/home.html:1:19\n  |\n1 | <h1>{{ site.title }</h1>\n  |                   ^"
            ]
        );
    }

    /// Regression: a `static/` folder linked to `/etc` published every file of `/etc`.
    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_site_are_refused_and_links_within_it_followed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
        let site = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), site.path().join(SITE_STATIC_DIR)).unwrap();
        std::fs::create_dir(site.path().join(SITE_TEMPLATES_DIR)).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.txt"),
            site.path().join("templates/leak.html"),
        )
        .unwrap();
        let problems = match load(site.path(), &Config::default()) {
            Err(Error::Content(diagnostics)) => diagnostics,
            other => panic!("expected symlink problems, got {other:?}"),
        };
        let target = outside.path().canonicalize().unwrap();
        let messages: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            messages,
            [
                format!(
                    "error: symlink points outside the site: `{}/secret.txt`\n--> templates/leak.html\n = help: copy the file into the site instead of linking to it",
                    target.display()
                ),
                format!(
                    "error: symlink points outside the site: `{}`\n--> static\n = help: copy the file into the site instead of linking to it",
                    target.display()
                ),
            ]
        );

        // A link that stays inside the site is followed, as in `content/`.
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("assets")).unwrap();
        std::fs::write(site.path().join("assets/logo.svg"), "<svg/>").unwrap();
        std::fs::create_dir(site.path().join(SITE_STATIC_DIR)).unwrap();
        std::os::unix::fs::symlink(
            site.path().join("assets/logo.svg"),
            site.path().join("static/logo.svg"),
        )
        .unwrap();
        let theme = load(site.path(), &Config::default()).unwrap();
        assert_eq!(theme.assets["logo.svg"].bytes, b"<svg/>");
    }
}

/// The shipped theme text: every language file complete, every key the templates, the scripts
/// and the Rust code ask for present, and no reader-facing English left in a template.
#[cfg(test)]
mod i18n_tests {
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
                        let (want, got) =
                            (i18n::placeholders(text), i18n::placeholders(translated));
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
        // The scripts ask for `text('key')`, `plural('key', ...)` and (search-ui.js)
        // `pieces('key', ...)` of their own table.
        for (script, table) in [
            ("static/js/troubleshoot.js", "troubleshoot"),
            ("static/js/tabs.js", "tabs"),
            ("static/js/search-ui.js", "search"),
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

    #[test]
    fn no_script_holds_reader_facing_text_of_its_own() {
        let mut found = Vec::new();
        for script in [
            "static/js/search-ui.js",
            "static/js/troubleshoot.js",
            "static/js/tabs.js",
        ] {
            for literal in script_text(&built_in_text(script)[0].1) {
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
}
