//! Markdown → HTML for article bodies, on pulldown-cmark with tables, footnotes, strikethrough,
//! task lists, heading attributes, smart punctuation and GitHub-style alerts (`> [!WARNING]`).
//!
//! Besides the HTML it gathers what later stages need without re-parsing: every heading with a
//! unique id (explicit `{#id}` or derived from the text, never one of the theme's own ids such
//! as `main`), the internal `@/kind/slug.md#anchor`
//! and `#anchor` links with their positions (the link stage checks them once every article is
//! known), the body as plain text for search, and the items of the first numbered list (the
//! steps of a procedure, for structured data). `@/` links are resolved here to URLs relative to
//! the page, which depends only on the two slugs. Tables are wrapped so they scroll on phones
//! (each wrap a focusable region with its own name: `Table`, `Table 2`, ...), and task-list
//! boxes are rendered as text a screen reader can announce.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{
    BlockQuoteKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};

use crate::model::{Heading, InternalLink};

/// The result of rendering one body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Every heading, in order, with unique ids.
    pub headings: Vec<Heading>,
    /// Internal links to check later; spans are byte ranges into the body.
    pub links: Vec<InternalLink>,
    /// The body as plain text, headings excluded.
    pub text: String,
    /// Plain-text items of the first top-level numbered list.
    pub steps: Vec<String>,
}

/// A problem found while rendering: a byte range into the body and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownProblem {
    /// Where, as a byte range into the body.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

/// The deepest Markdown nesting a body may have: block quotes, lists and their items, emphasis
/// and links each open an element. The HTML parsers of browsers flatten a page deeper than 513
/// elements (and the Nu HTML Checker calls it an error); no help article needs a hundred levels,
/// and 10,000 `>` must not make an invalid page.
pub const MAX_NESTING: usize = 100;

/// The pulldown-cmark extensions Remedy turns on.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_GFM
}

/// Renders `body`, the Markdown of the page `slug`, whose path to the site root is `root`
/// (`../../` for an article at `causes/x/`; see [`root_of`]). With `allow_html = false`, raw
/// HTML is shown as text.
pub fn render(
    body: &str,
    slug: &str,
    root: &str,
    allow_html: bool,
) -> (Rendered, Vec<MarkdownProblem>) {
    let mut renderer = Renderer {
        body,
        slug,
        root: root.to_string(),
        allow_html,
        out: Vec::new(),
        rendered: Rendered::default(),
        problems: Vec::new(),
        // Heading ids never take an id the theme gives its own elements.
        used_ids: crate::theme::page_ids().clone(),
        next_suffix: HashMap::new(),
        heading: None,
        list_depth: 0,
        steps_list: StepsList::NotSeen,
        step_text: None,
        tables: 0,
        depth: 0,
        too_deep: false,
    };
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        renderer.event(event, range);
    }
    let mut html_out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut html_out, renderer.out.into_iter());
    let mut rendered = renderer.rendered;
    rendered.html = html_out;
    let text = rendered
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    rendered.text = text;
    (rendered, renderer.problems)
}

/// The relative path from the page at `<path>/` to the site root: `causes/x` → `../../`.
pub fn root_of(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        "../".repeat(path.trim_end_matches('/').split('/').count())
    }
}

/// A heading id from its text: lower-cased, each run of other characters than letters and
/// digits turned into one `-`, trimmed of `-`. "What's *not* included?" → `what-s-not-included`.
pub fn heading_id(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_matches('-');
    if id.is_empty() {
        "section".to_string()
    } else {
        id.to_string()
    }
}

#[derive(PartialEq)]
enum StepsList {
    NotSeen,
    Inside,
    Done,
}

struct PendingHeading<'a> {
    level: HeadingLevel,
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    events: Vec<Event<'a>>,
    text: String,
    /// Where the heading is in the body.
    range: Range<usize>,
}

struct Renderer<'a> {
    body: &'a str,
    slug: &'a str,
    root: String,
    allow_html: bool,
    out: Vec<Event<'a>>,
    rendered: Rendered,
    problems: Vec<MarkdownProblem>,
    used_ids: HashSet<String>,
    /// For each heading id given more than once, the next `-N` suffix to try.
    next_suffix: HashMap<String, usize>,
    heading: Option<PendingHeading<'a>>,
    list_depth: usize,
    steps_list: StepsList,
    step_text: Option<String>,
    /// Tables seen so far, to give each scrollable table region a unique name.
    tables: usize,
    /// How many elements are open around the current event.
    depth: usize,
    /// Whether [`MAX_NESTING`] was passed (it is reported once).
    too_deep: bool,
}

impl<'a> Renderer<'a> {
    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        match &event {
            Event::Start(_) => {
                self.depth += 1;
                if self.depth > MAX_NESTING && !self.too_deep {
                    self.too_deep = true;
                    self.problems.push(MarkdownProblem {
                        span: range.start..range.start + 1,
                        message: format!(
                            "Markdown nested more than {MAX_NESTING} levels deep (quotes, lists, emphasis)"
                        ),
                        help: Some(
                            "browsers flatten a page nested this deep; use fewer levels".to_string(),
                        ),
                    });
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        if let Some(text) = plain_text(&event) {
            if let Some(heading) = &mut self.heading {
                heading.text.push_str(text);
            } else {
                self.rendered.text.push_str(text);
                if let Some(step) = &mut self.step_text {
                    step.push_str(text);
                }
            }
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                self.heading = Some(PendingHeading {
                    level,
                    id,
                    classes,
                    attrs,
                    events: Vec::new(),
                    text: String::new(),
                    range: range.clone(),
                });
            }
            Event::End(TagEnd::Heading(_)) => self.finish_heading(),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self.internal_link(dest_url, &range);
                self.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, label) = alert(kind);
                self.push(Event::Html(
                    format!(
                        "<div class=\"alert alert-{class}\" role=\"note\">\n<p class=\"alert-title\">{label}</p>\n"
                    )
                    .into(),
                ));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => self.push(Event::Html("</div>\n".into())),
            Event::Start(Tag::Table(alignments)) => {
                // A named region is a landmark, and landmarks on a page need distinct names.
                self.tables += 1;
                let name = match self.tables {
                    1 => "Table".to_string(),
                    n => format!("Table {n}"),
                };
                self.push(Event::Html(
                    format!(
                        "<div class=\"table-wrap\" role=\"region\" aria-label=\"{name}\" tabindex=\"0\">\n"
                    )
                    .into(),
                ));
                self.push(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                self.push(Event::End(TagEnd::Table));
                self.push(Event::Html("</div>\n".into()));
            }
            Event::TaskListMarker(done) => {
                let html = if done {
                    "<span class=\"task task-done\" aria-hidden=\"true\">☑</span><span class=\"visually-hidden\">Done: </span>"
                } else {
                    "<span class=\"task\" aria-hidden=\"true\">☐</span><span class=\"visually-hidden\">To do: </span>"
                };
                self.push(Event::InlineHtml(html.into()));
            }
            Event::Html(raw) | Event::InlineHtml(raw) if !self.allow_html => {
                self.push(Event::Text(raw));
            }
            Event::Start(Tag::List(start)) => {
                self.separate_words();
                self.list_depth += 1;
                if self.list_depth == 1 && start.is_some() && self.steps_list == StepsList::NotSeen
                {
                    self.steps_list = StepsList::Inside;
                }
                self.push(Event::Start(Tag::List(start)));
            }
            Event::End(TagEnd::List(ordered)) => {
                if self.list_depth == 1 && self.steps_list == StepsList::Inside {
                    self.steps_list = StepsList::Done;
                }
                self.list_depth = self.list_depth.saturating_sub(1);
                self.push(Event::End(TagEnd::List(ordered)));
            }
            Event::Start(Tag::Item) => {
                if self.list_depth == 1 && self.steps_list == StepsList::Inside {
                    self.step_text = Some(String::new());
                }
                self.push(Event::Start(Tag::Item));
            }
            Event::End(TagEnd::Item) => {
                self.rendered.text.push(' ');
                if self.list_depth == 1
                    && let Some(step) = self.step_text.take()
                {
                    let step = step.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !step.is_empty() {
                        self.rendered.steps.push(step);
                    }
                }
                self.push(Event::End(TagEnd::Item));
            }
            Event::End(TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::TableCell)
            | Event::SoftBreak
            | Event::HardBreak => {
                self.rendered.text.push(' ');
                if let Some(step) = &mut self.step_text {
                    step.push(' ');
                }
                self.push(event);
            }
            other => self.push(other),
        }
    }

    /// Keeps the words of adjacent blocks apart in the plain text.
    fn separate_words(&mut self) {
        self.rendered.text.push(' ');
        if let Some(step) = &mut self.step_text {
            step.push(' ');
        }
    }

    fn push(&mut self, event: Event<'a>) {
        match &mut self.heading {
            Some(heading) => heading.events.push(event),
            None => self.out.push(event),
        }
    }

    fn finish_heading(&mut self) {
        let Some(heading) = self.heading.take() else {
            return;
        };
        let text = heading
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let base = match &heading.id {
            Some(id) => id.to_string(),
            None => heading_id(&text),
        };
        // Each base remembers the next suffix to try, so `n` identical headings take `n` steps,
        // not `n²` (10,000 `## Same` took ten seconds).
        let mut id = base.clone();
        if !self.used_ids.insert(id.clone()) {
            let next = self.next_suffix.entry(base.clone()).or_insert(1);
            loop {
                id = format!("{base}-{next}");
                *next += 1;
                if self.used_ids.insert(id.clone()) {
                    break;
                }
            }
        }
        let attrs = if self.allow_html {
            heading.attrs
        } else {
            self.refuse_attributes(&heading.attrs, &heading.range);
            Vec::new()
        };
        self.rendered.headings.push(Heading {
            level: heading.level as u8,
            id: id.clone(),
            text,
        });
        self.rendered.text.push(' ');
        self.out.push(Event::Start(Tag::Heading {
            level: heading.level,
            id: Some(id.into()),
            classes: heading.classes,
            attrs,
        }));
        self.out.extend(heading.events);
        self.out.push(Event::End(TagEnd::Heading(heading.level)));
    }

    /// With `allow-html = false`, heading attributes other than `{#id}` and `.class` would write
    /// raw HTML attributes (`{onclick=...}`): they are refused.
    fn refuse_attributes(
        &mut self,
        attrs: &[(CowStr<'a>, Option<CowStr<'a>>)],
        range: &Range<usize>,
    ) {
        let Some((name, _)) = attrs.first() else {
            return;
        };
        let heading = &self.body[range.clone()];
        let span = match heading.rfind('{') {
            Some(open) => range.start + open..range.end,
            None => range.clone(),
        };
        self.problems.push(MarkdownProblem {
            span,
            message: format!("heading attribute `{name}` is raw HTML, and `allow-html` is off"),
            help: Some(
                "keep `{#id}` and `{.class}`, or set `allow-html = true` under `[build]` in \
                 `book.toml`"
                    .into(),
            ),
        });
    }

    /// Resolves `@/kind/slug.md#anchor` to a relative URL and records it and `#anchor` links.
    /// With `allow-html = false`, a link that runs script (`javascript:`, `vbscript:`, a `data:`
    /// page) is refused, since a theme need not forbid them with a content security policy.
    fn internal_link(&mut self, dest: CowStr<'a>, range: &Range<usize>) -> CowStr<'a> {
        let span = self.dest_span(&dest, range);
        if !self.allow_html
            && let Some(scheme) = script_scheme(&dest)
        {
            self.problems.push(MarkdownProblem {
                span,
                message: format!("a `{scheme}` link runs script, and `allow-html` is off"),
                help: Some("link to a page or an `https:` address instead".into()),
            });
            return CowStr::Borrowed("#");
        }
        if let Some(anchor) = dest.strip_prefix('#') {
            self.rendered.links.push(InternalLink {
                target: self.slug.to_string(),
                anchor: Some(anchor.to_string()),
                span,
            });
            return dest;
        }
        let Some(path) = dest.strip_prefix("@/") else {
            return dest;
        };
        let (file, anchor) = match path.split_once('#') {
            Some((file, anchor)) => (file, Some(anchor.to_string())),
            None => (path, None),
        };
        let Some(target) = file.strip_suffix(".md") else {
            self.problems.push(MarkdownProblem {
                span,
                message: format!("internal link `{dest}` does not name a Markdown file"),
                help: Some(
                    "write `@/kind/slug.md`, such as `@/causes/icloud-storage-full.md`".into(),
                ),
            });
            return dest;
        };
        let target = target.trim_start_matches('/').to_string();
        let url_path = match target.strip_suffix("_index") {
            Some(dir) => dir.to_string(),
            None => format!("{target}/"),
        };
        let url = match &anchor {
            Some(anchor) => format!("{}{url_path}#{anchor}", self.root),
            None => format!("{}{url_path}", self.root),
        };
        self.rendered.links.push(InternalLink {
            target,
            anchor,
            span,
        });
        url.into()
    }

    /// The byte range of a link's destination inside the link's source range.
    fn dest_span(&self, dest: &str, range: &Range<usize>) -> Range<usize> {
        let source = &self.body[range.clone()];
        match source.rfind(dest) {
            Some(offset) if !dest.is_empty() => {
                range.start + offset..range.start + offset + dest.len()
            }
            _ => range.clone(),
        }
    }
}

/// The scheme of a link destination that runs script when followed, as a browser reads it:
/// case folded, with the tabs and line breaks it ignores removed and leading spaces and control
/// characters trimmed. `None` for every other destination.
pub fn script_scheme(dest: &str) -> Option<&'static str> {
    let folded: String = dest
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(16)
        .flat_map(char::to_lowercase)
        .collect();
    if folded.starts_with("javascript:") {
        Some("javascript:")
    } else if folded.starts_with("vbscript:") {
        Some("vbscript:")
    } else if folded.starts_with("data:") && !folded.starts_with("data:image/") {
        Some("data:")
    } else {
        None
    }
}

fn plain_text<'b>(event: &'b Event<'_>) -> Option<&'b str> {
    match event {
        Event::Text(text) | Event::Code(text) => Some(text),
        _ => None,
    }
}

fn alert(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_ids() {
        let (r, _) = render(
            "## What's *not* included?\n\n## Steps\n\n## Steps\n\n### Custom {#mine}\n",
            "guides/x",
            &root_of("guides/x"),
            true,
        );
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["what-s-not-included", "steps", "steps-1", "mine"]);
        assert!(
            r.html
                .contains("<h2 id=\"what-s-not-included\">What’s <em>not</em> included?</h2>"),
            "{}",
            r.html
        );
        assert_eq!(r.headings[0].text, "What’s not included?");
    }

    #[test]
    fn headings_never_take_the_theme_s_ids() {
        let ids = crate::theme::page_ids();
        assert!(ids.contains("main"), "the skip link's target: {ids:?}");
        for id in ids {
            let text = id.replace('-', " ");
            if heading_id(&text) != *id {
                continue; // no heading text gives this id
            }
            let heading = format!("## {text}\n");
            let (r, _) = render(&heading, "guides/x", &root_of("guides/x"), true);
            assert_eq!(r.headings[0].id, format!("{id}-1"), "{heading}");
        }
    }

    #[test]
    fn internal_links_become_relative_urls() {
        let body = "See [storage](@/causes/icloud-storage-full.md#check) and [top](#steps).\n";
        let (r, problems) = render(body, "fixes/free-up", &root_of("fixes/free-up"), true);
        assert!(problems.is_empty());
        assert!(
            r.html
                .contains("href=\"../../causes/icloud-storage-full/#check\""),
            "{}",
            r.html
        );
        assert_eq!(r.links[0].target, "causes/icloud-storage-full");
        assert_eq!(r.links[0].anchor.as_deref(), Some("check"));
        assert_eq!(
            &body[r.links[0].span.clone()],
            "@/causes/icloud-storage-full.md#check"
        );
        assert_eq!(r.links[1].target, "fixes/free-up");
        assert_eq!(&body[r.links[1].span.clone()], "#steps");
    }

    #[test]
    fn links_to_non_markdown_files_are_problems() {
        let (_, problems) = render("[x](@/causes/x)\n", "a/b", &root_of("a/b"), true);
        assert_eq!(
            problems[0].message,
            "internal link `@/causes/x` does not name a Markdown file"
        );
    }

    #[test]
    fn alerts_tables_and_tasks() {
        let (r, _) = render(
            "> [!WARNING]\n> Careful.\n\n| a |\n|---|\n| b |\n\n- [x] done\n",
            "a/b",
            &root_of("a/b"),
            true,
        );
        assert!(r.html.contains("<div class=\"alert alert-warning\" role=\"note\">\n<p class=\"alert-title\">Warning</p>\n<p>Careful.</p>\n</div>"), "{}", r.html);
        assert!(r.html.contains("<div class=\"table-wrap\""));
        assert!(r.html.contains("Done: </span>"));
    }

    #[test]
    fn each_table_region_has_its_own_name() {
        let (r, _) = render(
            "| a |\n|---|\n| 1 |\n\n| b |\n|---|\n| 2 |\n\n| c |\n|---|\n| 3 |\n",
            "a/b",
            &root_of("a/b"),
            true,
        );
        let names: Vec<&str> = r
            .html
            .split("aria-label=\"")
            .skip(1)
            .map(|rest| &rest[..rest.find('"').unwrap()])
            .collect();
        assert_eq!(names, ["Table", "Table 2", "Table 3"]);
    }

    #[test]
    fn raw_html_can_be_escaped() {
        let (r, _) = render(
            "<script>alert(1)</script>\n\nhi <b>x</b>\n",
            "a/b",
            &root_of("a/b"),
            false,
        );
        assert!(!r.html.contains("<script>"));
        assert!(r.html.contains("&lt;script&gt;"));
        let (r, _) = render("hi <b>x</b>\n", "a/b", &root_of("a/b"), true);
        assert!(r.html.contains("<b>x</b>"));
    }

    #[test]
    fn collects_steps_and_text() {
        let (r, _) = render(
            "Intro.\n\n## How\n\n1. Open **Settings**.\n2. Tap `General`.\n   - nested\n\nThen:\n\n1. Other list.\n",
            "fixes/x",
            &root_of("fixes/x"),
            true,
        );
        assert_eq!(r.steps, ["Open Settings.", "Tap General. nested"]);
        assert_eq!(
            r.text,
            "Intro. Open Settings. Tap General. nested Then: Other list."
        );
    }

    /// Regression: 10,000 nested block quotes built a page the HTML checker rejects (more than
    /// 513 elements deep, which browsers flatten).
    #[test]
    fn nesting_deeper_than_the_limit_is_a_problem() {
        let deep = format!("Intro.\n\n{} deep\n", ">".repeat(MAX_NESTING + 1));
        let (_, problems) = render(&deep, "a/b", &root_of("a/b"), true);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].span, 8 + MAX_NESTING..8 + MAX_NESTING + 1);
        assert_eq!(
            problems[0].message,
            "Markdown nested more than 100 levels deep (quotes, lists, emphasis)"
        );
        let fine = format!("{} fine\n", ">".repeat(MAX_NESTING - 1));
        assert!(render(&fine, "a/b", &root_of("a/b"), true).1.is_empty());
    }

    #[test]
    fn heading_id_rules() {
        assert_eq!(heading_id("Error 9006: storage"), "error-9006-storage");
        assert_eq!(heading_id("!!!"), "section");
        assert_eq!(heading_id("Überblick"), "überblick");
    }
}
