//! Stage 2, parse: one [`Source`] in, one [`Article`] (or section intro) out. Splits the front
//! matter, validates it, renders the Markdown body. A file with problems gives all of them at
//! once, front matter and body together, with what could be read of it ([`Broken`]). Works on one file at a time, so the build
//! runs it in parallel and the dev server re-runs it on the one file that changed. It knows
//! nothing of other articles: relations and links are checked by the link stage.

use std::sync::Arc;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::front_matter;
use crate::markdown;
use crate::model::{Article, InternalLink, Section};
use crate::pipeline::load::Source;

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

/// Parses one source file, collecting every problem of its front matter and body.
pub fn parse(source: &Source, config: &Config) -> Result<Parsed, Box<Broken>> {
    let mut problems = Vec::new();
    let parsed = if source.is_section() {
        parse_section(source, config, &mut problems)?
    } else {
        parse_article(source, config, &mut problems)?
    };
    if problems.is_empty() {
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
    config: &Config,
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
    let (rendered, markdown_problems) = markdown::render(
        body,
        slug,
        &markdown::root_of(slug),
        config.allow_html,
        config.portable,
    );
    problems.extend(located_problems(source, body_offset, &markdown_problems));
    // In-page `#anchor` links are left alone: an index page's ids come from the theme.
    let links = rendered
        .links
        .into_iter()
        .filter(|link| !body[link.span.clone()].starts_with('#'))
        .map(|link| InternalLink {
            span: link.span.start + body_offset..link.span.end + body_offset,
            ..link
        })
        .collect();
    Ok(Parsed::Section {
        kind: source.kind.clone(),
        section: Section {
            title: front.title,
            description: front.description,
            html: rendered.html,
            path: source.path.clone(),
            source: source.text.clone(),
            links,
        },
    })
}

fn parse_article(
    source: &Source,
    config: &Config,
    problems: &mut Vec<Diagnostic>,
) -> Result<Parsed, Box<Broken>> {
    let path = &source.path;
    let text = &source.text;
    let kind = source
        .kind
        .clone()
        .expect("the load stage gives every article a kind");
    let split = front_matter::split(path, text).map_err(|d| Broken::of(*d))?;
    let front = front_matter::parse(path, text, &split).unwrap_or_else(|invalid| {
        problems.extend(invalid.problems);
        invalid.partial
    });
    let (rendered, markdown_problems) = markdown::render(
        split.body,
        &source.slug,
        &markdown::root_of(&source.slug),
        config.allow_html,
        config.portable,
    );
    problems.extend(located_problems(
        source,
        split.body_offset,
        &markdown_problems,
    ));
    let links = rendered
        .links
        .into_iter()
        .map(|link| InternalLink {
            span: link.span.start + split.body_offset..link.span.end + split.body_offset,
            ..link
        })
        .collect();
    Ok(Parsed::Article(Arc::new(Article {
        slug: source.slug.clone(),
        kind,
        path: source.path.clone(),
        source: source.text.clone(),
        front,
        html: rendered.html,
        headings: rendered.headings,
        links,
        text: rendered.text,
        steps: rendered.steps,
        steps_html: rendered.steps_html,
        fingerprint: fingerprint(source, config),
    })))
}

/// A hash of everything an article is parsed from: its slug, kind and text, and the settings
/// that change how Markdown renders.
pub fn fingerprint(source: &Source, config: &Config) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    source.slug.hash(&mut hasher);
    source.kind.hash(&mut hasher);
    source.text.hash(&mut hasher);
    config.allow_html.hash(&mut hasher);
    config.portable.hash(&mut hasher);
    hasher.finish()
}

/// The body's Markdown problems as diagnostics in the file.
fn located_problems(
    source: &Source,
    body_offset: usize,
    problems: &[markdown::MarkdownProblem],
) -> Vec<Diagnostic> {
    problems
        .iter()
        .map(|problem| {
            let span = problem.span.start + body_offset..problem.span.end + body_offset;
            let diagnostic =
                Diagnostic::at(&source.path, &source.text, span, problem.message.clone());
            match &problem.help {
                Some(help) => diagnostic.with_help(help.clone()),
                None => diagnostic,
            }
        })
        .collect()
}
