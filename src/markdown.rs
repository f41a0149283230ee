//! Markdown → HTML for article bodies, on pulldown-cmark with tables, footnotes, strikethrough,
//! task lists, heading attributes, smart punctuation and GitHub-style alerts (`> [!WARNING]`).
//!
//! Besides the HTML it gathers what later stages need without re-parsing: every heading with a
//! unique id (explicit `{#id}` or derived from the text, never one of the theme's own ids such
//! as `main`), the internal `@/kind/slug.md#anchor`
//! and `#anchor` links with their positions (the link stage checks them once every article is
//! known), the body as plain text for search, and the items of the first numbered list (the
//! steps of a procedure): as plain text for structured data, each block and list item apart
//! from the next, and as HTML for print views, with their nested lists, emphasis and code but
//! without links, images and footnote marks (a print view lists a fix's steps on another page,
//! where relative addresses would point elsewhere). `@/` links are resolved here to URLs
//! relative to the page, which depends only on the two slugs; in a portable build
//! ([`crate::config::link_path`]) they name the page's `index.html`. Tables are wrapped so they scroll on phones
//! (each wrap a focusable region with its own name: `Table`, `Table 2`, ...), and task-list
//! boxes are rendered as text a screen reader can announce.
//!
//! Three things help-centre writers use are read here too:
//! - **Tabs** (`=== "Label"` and an indented body, MkDocs Material's syntax): [`tabs`] turns
//!   them into marker lines before the one parse, and the markers become a `div.tabs` of
//!   `div.tab-panel`s, each with its label as a visible `p.tab-label`, so the page reads well
//!   without JavaScript; the theme's `js/tabs.js` makes them WAI-ARIA tabs. When the procedure's
//!   numbered list is in a tab, the lists of the other tabs of its set are kept too, labelled
//!   ([`Rendered::step_groups`]), for the print views.
//! - **Snippets**: a paragraph (or a tight list item) that is exactly `{{#snippet <name>}}` is
//!   replaced by the snippet's Markdown, rendered here as part of the page: its headings get
//!   the page's unique ids, its `#anchor` and `@/` links are resolved from the page (and
//!   reported in the snippet's file), its text is the page's text. A snippet may include others,
//!   [`MAX_SNIPPET_DEPTH`] deep at most and never itself.
//! - **Images**: [`images`] resolves `![alt](path)` against the article's folder or `static/`
//!   and writes an `<img>` with its width and height.

mod headings;
mod image_tags;
pub mod images;
mod links;
mod snippets;
mod steps;
mod tab_sets;
pub mod tabs;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{
    BlockQuoteKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};

use crate::model::{FileFacts, Heading, Include, InternalLink, SnippetFile, Snippets, StepGroup};

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
    /// The same items as HTML (parallel to `steps`), without links, images and footnote marks.
    pub steps_html: Vec<String>,
    /// When that list is in a tab: the first numbered list of each tab of its set, labelled.
    pub step_groups: Vec<StepGroup>,
    /// Whether the body has tabs.
    pub has_tabs: bool,
    /// The snippets asked for, found or not, each once, in order.
    pub snippets: Vec<String>,
    /// Every snippet included, where.
    pub includes: Vec<Include>,
}

/// A problem found while rendering: a byte range into the body (or into a snippet) and a
/// message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownProblem {
    /// Where, as a byte range into the body, or into the text of `file`.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Whether it is only a warning.
    pub warning: bool,
    /// The snippet the problem is in, when it is not in the body.
    pub file: Option<Arc<SnippetFile>>,
}

/// How deeply snippets may include snippets: an article's snippet is 1 deep.
pub const MAX_SNIPPET_DEPTH: usize = 8;

/// The page a body is rendered for, and what its body may use.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    /// The page's slug (`causes/x`), the target of its `#anchor` links.
    pub slug: &'a str,
    /// The relative path from the page to the root of its edition (see [`root_of`]).
    pub root: &'a str,
    /// The relative path from the page to the root of the whole site, where `static/` files
    /// are published once for every edition: `root` in the default edition, `root` and one
    /// `../` per folder of the edition's prefix in another (`fr/`).
    pub site_root: &'a str,
    /// Whether the page is a translation, whose folder's files are its original's, published
    /// once beside the original's page (`<site_root><slug>/`) rather than again beside it.
    pub shares_folder: bool,
    /// Whether raw HTML is passed through (else it is shown as text).
    pub allow_html: bool,
    /// The files of the article's folder; `None` when the article is a single file.
    pub folder: Option<&'a BTreeMap<String, FileFacts>>,
    /// The files published at the site's root: `static/` and the theme's (`None`: not known,
    /// and images written `/…` are not checked).
    pub statics: Option<&'a BTreeMap<String, FileFacts>>,
    /// The site's snippets.
    pub snippets: &'a Snippets,
    /// The page's language, for translated snippets; `None` for the site's language.
    pub language: Option<&'a str>,
    /// Whether links to pages name their `index.html` (a portable build).
    pub portable: bool,
    /// In an edition other than the default one, the articles translated into it: an `@/`
    /// link to any other article goes to the original's page, one folder up (`../`).
    pub translated: Option<&'a std::collections::BTreeSet<String>>,
    /// Whether the body's HTML and plain text are made. A build that lets go of the bodies
    /// (see [`crate::pipeline::bodies`]) parses first for everything else only.
    pub body: bool,
}

static NO_FILES: BTreeMap<String, FileFacts> = BTreeMap::new();
static NO_SNIPPETS: Snippets = Snippets::NONE;

impl<'a> Page<'a> {
    /// A page with no folder, no static files and no snippets to use.
    pub fn new(slug: &'a str, root: &'a str, allow_html: bool) -> Page<'a> {
        Page {
            slug,
            root,
            site_root: root,
            shares_folder: false,
            allow_html,
            folder: None,
            statics: Some(&NO_FILES),
            snippets: &NO_SNIPPETS,
            language: None,
            portable: false,
            translated: None,
            body: true,
        }
    }
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
/// (`../../` for an article at `causes/x/`; see [`root_of`]), for a page with no folder, static
/// files or snippets ([`Page::new`]). With `allow_html = false`, raw HTML is shown as text;
/// with `portable`, links to pages name their `index.html`.
pub fn render(
    body: &str,
    slug: &str,
    root: &str,
    allow_html: bool,
    portable: bool,
) -> (Rendered, Vec<MarkdownProblem>) {
    render_page(
        body,
        &Page {
            portable,
            ..Page::new(slug, root, allow_html)
        },
    )
}

/// Renders `body`, the Markdown of `page`.
pub fn render_page(body: &str, page: &Page<'_>) -> (Rendered, Vec<MarkdownProblem>) {
    let expanded = tabs::expand(body);
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(&expanded.text, options())
        .into_offset_iter()
        .collect();
    let mut renderer = Renderer {
        page,
        origins: Vec::new(),
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
        step_target: StepTarget::Steps,
        step_events: None,
        tables: 0,
        depth: 0,
        too_deep: false,
        in_code_block: false,
        image: None,
        chain: Vec::new(),
        tab_sets: 0,
        tab_frames: Vec::new(),
        steps_set: None,
    };
    renderer.render_source(Cow::Borrowed(&expanded), None, events);
    if !page.body {
        let mut rendered = renderer.rendered;
        rendered.text = String::new();
        return (rendered, renderer.problems);
    }
    let mut html_out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut html_out, renderer.out.into_iter());
    let mut rendered = renderer.rendered;
    rendered.html = html_out;
    rendered.text = crate::text::squash_whitespace(&rendered.text);
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
    /// Where the heading is in the text being parsed.
    range: Range<usize>,
}

/// Where the events being rendered come from: the body, or a snippet it includes.
struct Origin<'a> {
    /// The text parsed, with the way back to the file's own text.
    expanded: Cow<'a, tabs::Expanded>,
    /// The snippet, or `None` for the body.
    file: Option<Arc<SnippetFile>>,
    /// How many of its tab labels were used.
    next_label: usize,
    /// How many of its tab markers were seen.
    markers_seen: usize,
    /// How many tab sets were open when it started.
    frames_at_start: usize,
}

/// A tab set being rendered.
struct TabFrame {
    /// Its number on the page.
    number: usize,
    /// Its `id`.
    id: String,
    /// How many tabs it has had so far.
    tabs: usize,
    /// The label of the tab being rendered.
    label: String,
    /// Whether a tab is open.
    tab_open: bool,
    /// Whether the tab being rendered already has its group of steps.
    tab_has_steps: bool,
}

/// Where the items of the numbered list being read go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StepTarget {
    /// `steps` (and the first of `step_groups`, when the list is in a tab).
    Steps,
    /// Another group of `step_groups`.
    Group(usize),
}

/// An image being read: its destination, title, alt text so far and where it is.
struct PendingImage {
    dest: String,
    title: String,
    alt: String,
    range: Range<usize>,
}

struct Renderer<'a> {
    page: &'a Page<'a>,
    /// The body and the snippets being included, innermost last.
    origins: Vec<Origin<'a>>,
    out: Vec<Event<'a>>,
    rendered: Rendered,
    problems: Vec<MarkdownProblem>,
    used_ids: HashSet<String>,
    /// For each id base given more than once, the next `-N` suffix to try.
    next_suffix: HashMap<String, usize>,
    heading: Option<PendingHeading<'a>>,
    list_depth: usize,
    steps_list: StepsList,
    step_text: Option<String>,
    /// The events of the step being read, for its HTML.
    step_events: Option<Vec<Event<'a>>>,
    /// Tables seen so far, to give each scrollable table region a unique name.
    tables: usize,
    /// How many elements are open around the current event.
    depth: usize,
    /// Whether [`MAX_NESTING`] was passed (it is reported once).
    too_deep: bool,
    /// Whether the events are inside a code block.
    in_code_block: bool,
    /// The image being read.
    image: Option<PendingImage>,
    /// The snippets being included, outermost first.
    chain: Vec<String>,
    /// Tab sets seen so far.
    tab_sets: usize,
    /// The tab sets open, innermost last.
    tab_frames: Vec<TabFrame>,
    /// The tab set that holds the procedure's steps, by number.
    steps_set: Option<usize>,
    /// Where the items of the numbered list being read go.
    step_target: StepTarget,
}

impl<'a> Renderer<'a> {
    /// The source being rendered.
    fn origin(&self) -> &Origin<'a> {
        self.origins.last().expect("a source is being rendered")
    }

    /// Records a problem at `range` of the text being parsed, in the file it was written in.
    fn problem(
        &mut self,
        range: Range<usize>,
        message: String,
        help: Option<String>,
        warning: bool,
    ) {
        let origin = self.origin();
        let span = origin.expanded.original_range(range);
        let file = origin.file.clone();
        self.problems.push(MarkdownProblem {
            span,
            message,
            help,
            warning,
            file,
        });
    }

    /// Renders the events of one source (the body, or a snippet), then checks that every tab
    /// marker of it was seen and closes the tab sets it left open.
    fn render_source(
        &mut self,
        expanded: Cow<'a, tabs::Expanded>,
        file: Option<Arc<SnippetFile>>,
        events: Vec<(Event<'a>, Range<usize>)>,
    ) {
        for problem in &expanded.problems {
            self.problems.push(MarkdownProblem {
                span: problem.span.clone(),
                message: problem.message.clone(),
                help: Some(problem.help.clone()),
                warning: false,
                file: file.clone(),
            });
        }
        self.origins.push(Origin {
            expanded,
            file,
            next_label: 0,
            markers_seen: 0,
            frames_at_start: self.tab_frames.len(),
        });
        self.run(events);
        let origin = self.origins.pop().expect("the source just pushed");
        if origin.markers_seen < origin.expanded.marker_count() {
            let span = origin.expanded.sets.first().cloned().unwrap_or(0..0);
            self.problems.push(MarkdownProblem {
                span,
                message: "a tab set does not end: a block inside it is not closed".to_string(),
                help: Some(
                    "close the HTML comment, `<pre>` or code fence inside the tabs".to_string(),
                ),
                warning: false,
                file: origin.file.clone(),
            });
        }
        while self.tab_frames.len() > origin.frames_at_start {
            if let Some(frame) = self.tab_frames.pop() {
                let closing = if frame.tab_open {
                    "</div>\n</div>\n"
                } else {
                    "</div>\n"
                };
                self.push(Event::Html(closing.into()));
            }
        }
    }

    /// Renders a list of events, replacing snippet paragraphs and tab markers.
    fn run(&mut self, mut events: Vec<(Event<'a>, Range<usize>)>) {
        let mut i = 0;
        while i < events.len() {
            if let Some(next) = self.include_at(&mut events, i) {
                i = next;
                continue;
            }
            if matches!(events[i].0, Event::Start(Tag::HtmlBlock))
                && let Some(marker) = self.origin().expanded.marker(&events[i].1)
            {
                self.marker(marker);
                while i < events.len() && !matches!(events[i].0, Event::End(TagEnd::HtmlBlock)) {
                    i += 1;
                }
                i += 1;
                continue;
            }
            let range = events[i].1.clone();
            let event = std::mem::replace(&mut events[i].0, Event::Rule);
            self.event(event, range);
            i += 1;
        }
    }

    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        match &event {
            Event::Start(_) => {
                self.depth += 1;
                if self.depth > MAX_NESTING && !self.too_deep {
                    self.too_deep = true;
                    self.problem(
                        range.start..range.start + 1,
                        format!(
                            "Markdown nested more than {MAX_NESTING} levels deep (quotes, lists, emphasis)"
                        ),
                        Some(
                            "browsers flatten a page nested this deep; use fewer levels".to_string(),
                        ),
                        false,
                    );
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        if let Some(image) = &mut self.image {
            match &event {
                // As pulldown-cmark's own renderer does, raw HTML in alt text is kept as text.
                Event::Text(text)
                | Event::Code(text)
                | Event::InlineHtml(text)
                | Event::Html(text) => image.alt.push_str(text),
                Event::SoftBreak | Event::HardBreak => image.alt.push(' '),
                _ => {}
            }
            if let Some(text) = plain_text(&event) {
                self.rendered.text.push_str(text);
                if let Some(step) = &mut self.step_text {
                    step.push_str(text);
                }
            }
            if matches!(event, Event::End(TagEnd::Image)) {
                self.rendered.text.push(' ');
                self.finish_image();
            }
            return;
        }
        // `\{{#snippet` is how a writer shows the syntax as text.
        let escaped = |at: usize| at > 0 && self.origin().expanded.text.as_bytes()[at - 1] == b'\\';
        if let Event::Text(text) = &event
            && !self.in_code_block
            && text.contains("{{#snippet")
            && let Some(start) = self.origin().expanded.text[range.clone()].find("{{#snippet")
            && !escaped(range.start + start)
        {
            let written = &self.origin().expanded.text[range.clone()];
            let end = written[start..]
                .find("}}")
                .map_or(start + "{{#snippet".len(), |close| start + close + 2);
            self.problem(
                range.start + start..range.start + end,
                "`{{#snippet …}}` is not a paragraph of its own, so it is shown as text"
                    .to_string(),
                Some(
                    "put it on a line of its own, with a blank line before and after it"
                        .to_string(),
                ),
                false,
            );
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
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                self.image = Some(PendingImage {
                    dest: dest_url.to_string(),
                    title: title.to_string(),
                    alt: String::new(),
                    range,
                });
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                self.in_code_block = true;
                self.push(Event::Start(Tag::CodeBlock(kind)));
            }
            Event::End(TagEnd::CodeBlock) => {
                self.in_code_block = false;
                self.rendered.text.push(' ');
                if let Some(step) = &mut self.step_text {
                    step.push(' ');
                }
                self.push(event);
            }
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
                    range,
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
                self.push_to_page(Event::Html(
                    format!(
                        "<div class=\"table-wrap\" role=\"region\" aria-label=\"{name}\" tabindex=\"0\">\n"
                    )
                    .into(),
                ));
                self.push(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                self.push(Event::End(TagEnd::Table));
                self.push_to_page(Event::Html("</div>\n".into()));
            }
            Event::TaskListMarker(done) => {
                let html = if done {
                    "<span class=\"task task-done\" aria-hidden=\"true\">☑</span><span class=\"visually-hidden\">Done: </span>"
                } else {
                    "<span class=\"task\" aria-hidden=\"true\">☐</span><span class=\"visually-hidden\">To do: </span>"
                };
                self.push(Event::InlineHtml(html.into()));
            }
            Event::Html(raw) | Event::InlineHtml(raw) if !self.page.allow_html => {
                self.push(Event::Text(raw));
            }
            Event::Start(Tag::List(start)) => {
                self.separate_words();
                self.list_depth += 1;
                if self.list_depth == 1 && start.is_some() {
                    self.start_numbered_list();
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
                self.push(Event::Start(Tag::Item));
                if self.list_depth == 1 && self.steps_list == StepsList::Inside {
                    self.step_text = Some(String::new());
                    self.step_events = Some(Vec::new());
                }
            }
            Event::End(TagEnd::Item) => {
                // Items end without a space: "…30 days." and "iCloud Drive…" stay apart.
                self.separate_words();
                if self.list_depth == 1
                    && let Some(step) = self.step_text.take()
                {
                    let events = self.step_events.take().unwrap_or_default();
                    let step = crate::text::squash_whitespace(&step);
                    if !step.is_empty() {
                        let mut html_out = String::new();
                        html::push_html(&mut html_out, events.into_iter());
                        let html_out = html_out.trim().to_string();
                        match self.step_target {
                            StepTarget::Steps => {
                                if self.steps_set.is_some()
                                    && let Some(group) = self.rendered.step_groups.first_mut()
                                {
                                    group.steps.push(step.clone());
                                    group.steps_html.push(html_out.clone());
                                }
                                self.rendered.steps.push(step);
                                self.rendered.steps_html.push(html_out);
                            }
                            StepTarget::Group(index) => {
                                if let Some(group) = self.rendered.step_groups.get_mut(index) {
                                    group.steps.push(step);
                                    group.steps_html.push(html_out);
                                }
                            }
                        }
                    }
                }
                self.push(Event::End(TagEnd::Item));
            }
            Event::End(TagEnd::Paragraph | TagEnd::TableCell)
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

    fn push(&mut self, event: Event<'a>) {
        if self.heading.is_none()
            && let Some(step) = &mut self.step_events
            && let Some(event) = for_step(&event)
        {
            step.push(event);
        }
        self.push_to_page(event);
    }

    /// Pushes an event to the page only, not to the HTML of a step (a table's scroll region:
    /// a print view would repeat its name).
    fn push_to_page(&mut self, event: Event<'a>) {
        match &mut self.heading {
            Some(heading) => heading.events.push(event),
            None => self.out.push(event),
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

/// An event as the HTML of a step has it: links and images keep only their text, footnote
/// marks go.
fn for_step<'a>(event: &Event<'a>) -> Option<Event<'a>> {
    match event {
        Event::Start(Tag::Link { .. } | Tag::Image { .. })
        | Event::End(TagEnd::Link | TagEnd::Image)
        | Event::FootnoteReference(_) => None,
        other => Some(other.clone()),
    }
}

#[cfg(test)]
mod tests;
