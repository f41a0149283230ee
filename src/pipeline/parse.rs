//! Stage 2, parse: one [`Source`] in, one [`Article`] (or section intro) out. Splits the front
//! matter, validates it, renders the Markdown body. A file with problems gives all of them at
//! once, front matter and body together, with what could be read of it ([`Broken`]). Works on one file at a time, so the build
//! runs it in parallel and the dev server re-runs it on the one file that changed. It knows
//! nothing of other articles: relations and links are checked by the link stage. What else a
//! body may use (snippets, images of `static/`) comes in the [`Context`]; problems inside a
//! snippet are reported in the snippet's file.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::front_matter;
use crate::markdown;
use crate::model::{Article, FileFacts, FrontMatter, InternalLink, Section, Snippets};
use crate::pipeline::load::Source;

/// What parsing a file may use besides the file itself.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The site's configuration.
    pub config: &'a Config,
    /// The site's snippets.
    pub snippets: &'a Snippets,
    /// The files published at the root of the site (`static/` and the theme's), for images
    /// written `/name.png`; `None` when they are not known (the theme did not load).
    pub statics: Option<&'a BTreeMap<String, FileFacts>>,
    /// In an edition other than the default one, the articles translated into it: a link to
    /// any other goes to the original's page. `None` in the default edition.
    pub translated: Option<&'a std::collections::BTreeSet<String>>,
}

static NO_FILES: BTreeMap<String, FileFacts> = BTreeMap::new();
static NO_SNIPPETS: Snippets = Snippets::NONE;

impl<'a> Context<'a> {
    /// A context with no snippets and no static files.
    pub fn new(config: &'a Config) -> Context<'a> {
        Context {
            config,
            snippets: &NO_SNIPPETS,
            statics: Some(&NO_FILES),
            translated: None,
        }
    }
}

/// What one source file parses into.
#[derive(Debug, Clone)]
pub enum Parsed {
    /// An article, shared so the dev server can keep it between rebuilds without copying.
    Article(Arc<Article>),
    /// An `_index.md` intro of the home page (`kind: None`) or of a kind.
    Section {
        /// The kind's name, or `None` for the home page.
        kind: Option<String>,
        /// The intro.
        section: Section,
    },
}

/// A file with problems: every one found in it, and what could be read of it despite them.
#[derive(Debug, Clone)]
pub struct Broken {
    /// Every problem of the file: front matter and body together.
    pub problems: Vec<Diagnostic>,
    /// The article or intro as far as it could be read (wrong fields left at their defaults),
    /// `None` when not even its front matter could be found. It is not published; the link
    /// stage checks its relations and links, so one run reports every problem of the file.
    pub partial: Option<Parsed>,
}

impl Broken {
    fn of(problem: Diagnostic) -> Box<Broken> {
        Box::new(Broken {
            problems: vec![problem],
            partial: None,
        })
    }
}

/// Parses one source file, collecting every problem of its front matter and body. A file
/// whose problems are all warnings parses, with its warnings.
pub fn parse(source: &Source, context: &Context<'_>) -> Result<Parsed, Box<Broken>> {
    parse_with(source, context, Parts::All)
}

/// What of an article a parse makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parts {
    /// Everything.
    All,
    /// Everything but the body (its HTML and plain text), for a build that lets go of it
    /// anyway (see [`crate::pipeline::bodies`]).
    AllButBody,
    /// The body again, for an article parsed before with [`Parts::AllButBody`]: its front
    /// matter is neither read nor checked (the article made then holds it; left at its
    /// defaults here), the rest is made, the fingerprint included.
    BodyAgain,
}

/// [`parse`], making only `parts` of an article.
pub fn parse_with(
    source: &Source,
    context: &Context<'_>,
    parts: Parts,
) -> Result<Parsed, Box<Broken>> {
    parse_copying(source, context, parts, true)
}

/// [`parse_with`], moving the file's text from `source` into the article or intro made
/// instead of copying it there: a build has no other use for it once the file is parsed, and
/// at 100,000 articles the copies were 671 MB of fresh memory.
pub fn parse_taking(
    source: &mut Source,
    context: &Context<'_>,
    parts: Parts,
) -> Result<Parsed, Box<Broken>> {
    let mut result = parse_copying(source, context, parts, false);
    let text = std::mem::take(&mut source.text);
    let parsed = match &mut result {
        Ok(parsed) => Some(parsed),
        Err(broken) => broken.partial.as_mut(),
    };
    match parsed {
        Some(Parsed::Article(article)) => Arc::make_mut(article).source = text,
        Some(Parsed::Section { section, .. }) => section.source = text,
        None => {}
    }
    result
}

/// [`parse_with`]; the article or intro made holds a copy of the file's text when
/// `copy_text`, none otherwise.
fn parse_copying(
    source: &Source,
    context: &Context<'_>,
    parts: Parts,
    copy_text: bool,
) -> Result<Parsed, Box<Broken>> {
    let mut problems = Vec::new();
    let text = if copy_text {
        source.text.clone()
    } else {
        String::new()
    };
    let mut parsed = if source.is_section() {
        parse_section(source, context, text, &mut problems)?
    } else {
        parse_article(source, context, parts, text, &mut problems)?
    };
    if problems.iter().all(|d| !d.is_error()) {
        match &mut parsed {
            Parsed::Article(article) => Arc::make_mut(article).warnings = problems,
            Parsed::Section { section, .. } => section.warnings = problems,
        }
        Ok(parsed)
    } else {
        Err(Box::new(Broken {
            problems,
            partial: Some(parsed),
        }))
    }
}

fn parse_section(
    source: &Source,
    context: &Context<'_>,
    own_text: String,
    problems: &mut Vec<Diagnostic>,
) -> Result<Parsed, Box<Broken>> {
    let path = &source.path;
    let text = &source.text;
    let (front, body, body_offset) = if text.starts_with("+++") {
        let split = front_matter::split(path, text).map_err(|d| Broken::of(*d))?;
        let front = front_matter::parse_section(path, text, &split).unwrap_or_else(|invalid| {
            problems.extend(invalid.problems);
            invalid.partial
        });
        (front, split.body, split.body_offset)
    } else {
        (
            front_matter::SectionFrontMatter::default(),
            text.as_str(),
            0,
        )
    };
    let slug = source.slug.trim_end_matches("_index").trim_end_matches('/');
    let root = markdown::root_of(slug);
    let site_root = site_root(&root, context.config);
    let page = markdown::Page {
        site_root: &site_root,
        statics: context.statics,
        snippets: context.snippets,
        portable: context.config.portable,
        language: source.language.as_deref(),
        translated: context.translated,
        ..markdown::Page::new(slug, &root, context.config.allow_html)
    };
    let (rendered, markdown_problems) = markdown::render_page(body, &page);
    problems.extend(located_problems(source, body_offset, &markdown_problems));
    // In-page `#anchor` links are left alone: an index page's ids come from the theme. They
    // are the only links whose target is the page itself (`@/` links name `<kind>/_index`).
    let links = rendered
        .links
        .into_iter()
        .filter(|link| link.target != slug)
        .map(|link| in_file(link, body_offset))
        .collect();
    Ok(Parsed::Section {
        kind: source.kind.clone(),
        section: Section {
            title: front.title,
            description: front.description,
            html: rendered.html,
            path: source.path.clone(),
            source: own_text,
            links,
            warnings: Vec::new(),
        },
    })
}

/// The relative path from a page whose path to its edition's root is `root` to the root of
/// the whole site: one `../` more per folder of the edition's prefix (`fr/`).
fn site_root(root: &str, config: &Config) -> String {
    format!(
        "{root}{}",
        "../".repeat(config.edition_prefix.matches('/').count())
    )
}

fn parse_article(
    source: &Source,
    context: &Context<'_>,
    parts: Parts,
    own_text: String,
    problems: &mut Vec<Diagnostic>,
) -> Result<Parsed, Box<Broken>> {
    let path = &source.path;
    let text = &source.text;
    let kind = source
        .kind
        .clone()
        .expect("the load stage gives every article a kind");
    let split = front_matter::split(path, text).map_err(|d| Broken::of(*d))?;
    let front = if parts == Parts::BodyAgain {
        FrontMatter::default()
    } else {
        let front = front_matter::parse(path, text, &split).unwrap_or_else(|invalid| {
            problems.extend(invalid.problems);
            invalid.partial
        });
        check_tags_and_aliases(source, &front, problems);
        front
    };
    let root = markdown::root_of(&source.slug);
    let folder: Option<BTreeMap<String, FileFacts>> = source.is_folder().then(|| {
        source
            .files
            .iter()
            .map(|f| (f.name.clone(), f.facts))
            .collect()
    });
    let site_root = site_root(&root, context.config);
    let page = markdown::Page {
        site_root: &site_root,
        shares_folder: source.language.is_some(),
        folder: folder.as_ref(),
        statics: context.statics,
        snippets: context.snippets,
        portable: context.config.portable,
        language: source.language.as_deref(),
        translated: context.translated,
        body: parts != Parts::AllButBody,
        ..markdown::Page::new(&source.slug, &root, context.config.allow_html)
    };
    let (rendered, markdown_problems) = markdown::render_page(split.body, &page);
    problems.extend(located_problems(
        source,
        split.body_offset,
        &markdown_problems,
    ));
    let links = rendered
        .links
        .into_iter()
        .map(|link| in_file(link, split.body_offset))
        .collect();
    let includes: Vec<_> = rendered
        .includes
        .into_iter()
        .map(|include| match include.file {
            Some(_) => include,
            None => crate::model::Include {
                span: include.span.start + split.body_offset..include.span.end + split.body_offset,
                ..include
            },
        })
        .collect();
    let fingerprint = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        fingerprint(source, context.config).hash(&mut hasher);
        for include in &includes {
            include.snippet.hash(&mut hasher);
        }
        hasher.finish()
    };
    Ok(Parsed::Article(Arc::new(Article {
        slug: source.slug.clone(),
        kind,
        path: source.path.clone(),
        source: own_text,
        front,
        html: rendered.html,
        headings: rendered.headings,
        links,
        text: rendered.text,
        steps: rendered.steps,
        steps_html: rendered.steps_html,
        step_groups: rendered.step_groups,
        has_tabs: rendered.has_tabs,
        files: source.files.clone(),
        snippets: rendered.snippets,
        includes,
        warnings: Vec::new(),
        fingerprint,
        fallback: None,
        released: false,
    })))
}

/// What one file can tell of its tags and aliases: a tag with nothing left for a URL, a tag
/// listed twice, an alias that is no path of the site (the link stage checks what they clash
/// with).
fn check_tags_and_aliases(source: &Source, front: &FrontMatter, problems: &mut Vec<Diagnostic>) {
    let at = |span: &std::ops::Range<usize>, message: String| {
        Diagnostic::at(&source.path, &source.text, span.clone(), message)
    };
    let mut slugs: Vec<String> = Vec::new();
    for tag in front.tags.iter().filter(|tag| !tag.value.is_empty()) {
        let slug = crate::text::slugify(&tag.value);
        if slug.is_empty() {
            problems.push(
                at(
                    &tag.span,
                    format!("tag `{}` has no letter or digit a URL can hold", tag.value),
                )
                .with_help("a tag's page is `/tags/<tag>/`: use ASCII letters or digits in it"),
            );
        } else if slugs.contains(&slug) {
            problems.push(
                at(&tag.span, format!("tag `{}` is listed twice", tag.value))
                    .with_help("remove one of the two")
                    .warning(),
            );
        } else {
            slugs.push(slug);
        }
    }
    // An alias with a control character is refused by the front matter's own check.
    let printable = |alias: &&crate::model::Located| {
        !alias.value.chars().any(crate::text::is_forbidden_control)
    };
    for alias in front.aliases.iter().filter(printable) {
        if let Err((message, help)) = crate::text::alias_path(&alias.value) {
            problems.push(at(&alias.span, message).with_help(help));
        }
    }
}

/// A link of the body with its span made a range of the file (a link in a snippet keeps the
/// snippet's).
fn in_file(link: InternalLink, body_offset: usize) -> InternalLink {
    match link.file {
        Some(_) => link,
        None => InternalLink {
            span: link.span.start + body_offset..link.span.end + body_offset,
            ..link
        },
    }
}

/// A hash of everything a file is read from: its slug, kind, text and the files of its folder,
/// and the settings that change how Markdown renders. (An article's fingerprint adds the
/// snippets it includes.)
pub fn fingerprint(source: &Source, config: &Config) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    source.slug.hash(&mut hasher);
    source.kind.hash(&mut hasher);
    source.text.hash(&mut hasher);
    source.files.hash(&mut hasher);
    config.allow_html.hash(&mut hasher);
    config.portable.hash(&mut hasher);
    hasher.finish()
}

/// The body's Markdown problems as diagnostics in the file (or in the snippet they are in).
fn located_problems(
    source: &Source,
    body_offset: usize,
    problems: &[markdown::MarkdownProblem],
) -> Vec<Diagnostic> {
    problems
        .iter()
        .map(|problem| {
            let diagnostic = match &problem.file {
                Some(snippet) => Diagnostic::at(
                    &snippet.path,
                    &snippet.text,
                    problem.span.clone(),
                    problem.message.clone(),
                ),
                None => Diagnostic::at(
                    &source.path,
                    &source.text,
                    problem.span.start + body_offset..problem.span.end + body_offset,
                    problem.message.clone(),
                ),
            };
            let diagnostic = match &problem.help {
                Some(help) => diagnostic.with_help(help.clone()),
                None => diagnostic,
            };
            if problem.warning {
                diagnostic.warning()
            } else {
                diagnostic
            }
        })
        .collect()
}
