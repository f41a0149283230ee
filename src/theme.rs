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
        add_built_in_strings(&mut theme_strings, &mut diagnostics_i18n);
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

/// What of the theme's text the site's configuration carries, in the site's language: the
/// search box's strings (`[script.search]`, which the browser index's manifest carries), and
/// the titles of the standard kinds whose title `book.toml` leaves as the standard English one
/// (`Fixes`; `kind_fix` of the theme's text: `Solutions`), and the same for the singular label
/// (`Fix`, `kind_fix_singular`: `Solution`), so a French site with the standard kinds reads
/// French kind titles everywhere (pages, search results, `llms.txt`). A title or label the site
/// sets is kept.
pub fn localize_config(config: &mut Config, theme: &Theme) {
    let strings = theme.i18n.strings(&config.language);
    config.search.strings = strings.script_table(crate::i18n::SEARCH_SCRIPT);
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
    add_built_in_strings(&mut files, &mut problems);
    Catalog::load(&files, &[], &Default::default()).0
}

/// Adds the built-in default theme's `i18n/<code>.toml` files to `files`.
fn add_built_in_strings(files: &mut Vec<SourceFile>, diagnostics: &mut Vec<Diagnostic>) {
    embedded_files(&DEFAULT_THEME, &mut |path, bytes| {
        if let Ok(name) = path.strip_prefix(i18n::I18N_DIR) {
            let origin = Origin::BuiltIn(path.to_path_buf());
            add_strings_file(files, diagnostics, &slash(name), bytes.to_vec(), origin);
        }
    });
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
mod tests;

/// The shipped theme text: every language file complete, every key the templates, the scripts
/// and the Rust code ask for present, and no reader-facing English left in a template.
#[cfg(test)]
mod i18n_tests;
