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

pub mod images;
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
    /// The relative path from the page to the site root (see [`root_of`]).
    pub root: &'a str,
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
}

static NO_FILES: BTreeMap<String, FileFacts> = BTreeMap::new();
static NO_SNIPPETS: Snippets = Snippets::NONE;

impl<'a> Page<'a> {
    /// A page with no folder, no static files and no snippets to use.
    pub fn new(slug: &'a str, root: &'a str, allow_html: bool) -> Page<'a> {
        Page {
            slug,
            root,
            allow_html,
            folder: None,
            statics: Some(&NO_FILES),
            snippets: &NO_SNIPPETS,
            language: None,
            portable: false,
            translated: None,
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

    /// If `events[i]` starts a paragraph (or a tight list item) that is exactly
    /// `{{#snippet <name>}}`, renders the snippet in its place and returns the index of the
    /// first event after it.
    fn include_at(&mut self, events: &mut [(Event<'a>, Range<usize>)], i: usize) -> Option<usize> {
        let (inline, content) = match events[i].0 {
            Event::Start(Tag::Paragraph) => (false, i + 1),
            Event::Start(Tag::Item) => (true, i + 1),
            _ => return None,
        };
        let stop = (content..events.len())
            .find(|&j| !matches!(events[j].0, Event::Text(_)))
            .unwrap_or(events.len());
        if stop == content {
            return None;
        }
        if !inline
            && !matches!(
                events.get(stop).map(|e| &e.0),
                Some(Event::End(TagEnd::Paragraph))
            )
        {
            return None;
        }
        let range = events[content].1.start..events[stop - 1].1.end;
        let (name, whole) = include_name(&self.origin().expanded.text, range)?;
        if inline {
            let start = std::mem::replace(&mut events[i].0, Event::Rule);
            self.event(start, events[i].1.clone());
            self.include(&name, whole, true);
            Some(stop)
        } else {
            self.include(&name, whole, false);
            Some(stop + 1)
        }
    }

    /// Renders the snippet `name`, asked for by `{{#snippet <name>}}` at `whole` (a range of
    /// the text being parsed): in a tight list item (`inline`), a snippet of one paragraph
    /// becomes the item's text.
    fn include(&mut self, name: &str, whole: Range<usize>, inline: bool) {
        if !self.rendered.snippets.iter().any(|n| n == name) {
            self.rendered.snippets.push(name.to_string());
        }
        let page = self.page;
        let Some(snippet) = page.snippets.find(name, page.language) else {
            let help = match crate::suggest::closest(name, page.snippets.names()) {
                Some(close) => format!("did you mean `{close}`?"),
                None if page.snippets.is_empty() => format!(
                    "a snippet is a file of `{SNIPPETS}/` at the site's root, such as `{SNIPPETS}/{name}.md`"
                ),
                None => format!(
                    "the snippets are {}",
                    page.snippets
                        .names()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            self.problem(
                whole,
                format!("no snippet `{name}`: `{SNIPPETS}/{name}.md` does not exist"),
                Some(help),
                false,
            );
            return;
        };
        let snippet = Arc::clone(snippet);
        if let Some(at) = self.chain.iter().position(|n| *n == snippet.name) {
            let cycle: Vec<String> = self.chain[at..]
                .iter()
                .chain(std::iter::once(&snippet.name))
                .map(|n| format!("`{n}`"))
                .collect();
            self.problem(
                whole,
                format!(
                    "snippet `{}` includes itself: {}",
                    snippet.name,
                    cycle.join(" → ")
                ),
                Some("remove one of the `{{#snippet}}` paragraphs of the cycle".to_string()),
                false,
            );
            return;
        }
        if self.chain.len() >= MAX_SNIPPET_DEPTH {
            self.problem(
                whole,
                format!("snippets nested more than {MAX_SNIPPET_DEPTH} deep"),
                Some(format!(
                    "`{}` includes snippets that include snippets {MAX_SNIPPET_DEPTH} times: include fewer from snippets",
                    self.chain[0]
                )),
                false,
            );
            return;
        }
        let span = self.origin().expanded.original_range(whole);
        self.rendered.includes.push(Include {
            file: self.origin().file.clone(),
            span,
            snippet: Arc::clone(&snippet),
        });
        let expanded = tabs::expand(&snippet.text);
        let mut events: Vec<(Event<'static>, Range<usize>)> =
            Parser::new_ext(&expanded.text, options())
                .into_offset_iter()
                .map(|(event, range)| (event.into_static(), range))
                .collect();
        // In a tight list item, one paragraph is the item's text.
        let one_paragraph = events.len() >= 2
            && matches!(events[0].0, Event::Start(Tag::Paragraph))
            && events
                .iter()
                .position(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph)))
                == Some(events.len() - 1);
        let unwrap =
            inline && one_paragraph && include_name(&expanded.text, events[0].1.clone()).is_none();
        if unwrap {
            events.pop();
            events.remove(0);
        }
        self.chain.push(snippet.name.clone());
        self.render_source(Cow::Owned(expanded), Some(snippet), events);
        self.chain.pop();
    }

    /// Writes the HTML of a tab marker.
    fn marker(&mut self, marker: tabs::Marker) {
        self.separate_words();
        let origin = self.origins.last_mut().expect("a source is being rendered");
        origin.markers_seen += 1;
        match marker {
            tabs::Marker::SetOpen => {
                self.tab_sets += 1;
                self.rendered.has_tabs = true;
                let id = self.unique_id(&format!("tabs-{}", self.tab_sets));
                self.push(Event::Html(
                    format!("<div class=\"tabs\" id=\"{id}\">\n").into(),
                ));
                self.tab_frames.push(TabFrame {
                    number: self.tab_sets,
                    id,
                    tabs: 0,
                    label: String::new(),
                    tab_open: false,
                    tab_has_steps: false,
                });
            }
            tabs::Marker::TabOpen => {
                let label = origin
                    .expanded
                    .labels
                    .get(origin.next_label)
                    .cloned()
                    .unwrap_or_default();
                origin.next_label += 1;
                let Some(frame) = self.tab_frames.last_mut() else {
                    return;
                };
                frame.tabs += 1;
                frame.tab_open = true;
                frame.tab_has_steps = false;
                frame.label.clone_from(&label);
                let base = format!("{}-{}", frame.id, frame.tabs);
                let id = self.unique_id(&base);
                for suffix in ["label", "tab"] {
                    self.used_ids.insert(format!("{id}-{suffix}"));
                }
                let mut escaped = String::new();
                let _ = pulldown_cmark_escape::escape_html(&mut escaped, &label);
                self.push(Event::Html(
                    format!(
                        "<div class=\"tab-panel\" id=\"{id}\" role=\"group\" aria-labelledby=\"{id}-label\">\n<p class=\"tab-label\" id=\"{id}-label\">{escaped}</p>\n"
                    )
                    .into(),
                ));
                self.rendered.text.push_str(&label);
                self.separate_words();
            }
            tabs::Marker::TabClose => {
                if let Some(frame) = self.tab_frames.last_mut()
                    && frame.tab_open
                {
                    frame.tab_open = false;
                    self.push(Event::Html("</div>\n".into()));
                }
            }
            tabs::Marker::SetClose => {
                if self.tab_frames.len() > self.origin().frames_at_start
                    && let Some(frame) = self.tab_frames.pop()
                {
                    if frame.tab_open {
                        self.push(Event::Html("</div>\n".into()));
                    }
                    self.push(Event::Html("</div>\n".into()));
                }
            }
        }
    }

    /// An id no heading or tab of the page has yet, `base` if it is free, else `base-N`. Each
    /// base remembers the next suffix to try, so `n` identical headings take `n` steps, not
    /// `n²` (10,000 `## Same` took ten seconds).
    fn unique_id(&mut self, base: &str) -> String {
        let mut id = base.to_string();
        if !self.used_ids.insert(id.clone()) {
            let next = self.next_suffix.entry(base.to_string()).or_insert(1);
            loop {
                id = format!("{base}-{next}");
                *next += 1;
                if self.used_ids.insert(id.clone()) {
                    break;
                }
            }
        }
        id
    }

    /// Writes the `<img>` of the image just read.
    fn finish_image(&mut self) {
        let Some(PendingImage {
            dest,
            title,
            alt,
            range,
        }) = self.image.take()
        else {
            return;
        };
        let alt = alt.split_whitespace().collect::<Vec<_>>().join(" ");
        let span = self.dest_span(&dest, &range);
        let page = self.page;
        let folder = page.folder;
        let (resolved, problems) = images::resolve(
            &dest,
            &images::Places {
                slug: page.slug,
                root: page.root,
                folder,
                statics: page.statics,
            },
        );
        for problem in problems {
            self.problem(span.clone(), problem.message, problem.help, problem.warning);
        }
        if alt.is_empty() {
            self.problem(
                span,
                format!("image `{dest}` has no alt text"),
                Some(
                    "describe what it shows for readers who cannot see it: `![The iCloud Backup switch, turned on](…)`"
                        .to_string(),
                ),
                true,
            );
        }
        let dimensions = resolved.facts.and_then(|facts| facts.dimensions);
        // A step's HTML keeps the alt text, not the image: a print view is elsewhere.
        if self.heading.is_none()
            && let Some(step) = &mut self.step_events
        {
            step.push(Event::Text(alt.clone().into()));
        }
        self.push_to_page(Event::InlineHtml(
            images::tag(&resolved.src, &alt, &title, dimensions).into(),
        ));
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
                    let step = step.split_whitespace().collect::<Vec<_>>().join(" ");
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

    /// A numbered list starts at the top of the body (or of a tab): the procedure's steps if it
    /// is the first, or the steps of another tab of the set that holds them.
    fn start_numbered_list(&mut self) {
        let frame = self.tab_frames.last_mut().filter(|frame| frame.tab_open);
        if self.steps_list == StepsList::NotSeen {
            self.steps_list = StepsList::Inside;
            self.step_target = StepTarget::Steps;
            if let Some(frame) = frame {
                frame.tab_has_steps = true;
                self.steps_set = Some(frame.number);
                self.rendered.step_groups.push(StepGroup {
                    label: frame.label.clone(),
                    steps: Vec::new(),
                    steps_html: Vec::new(),
                });
            }
        } else if let Some(frame) = frame
            && Some(frame.number) == self.steps_set
            && !frame.tab_has_steps
            && self.steps_list == StepsList::Done
        {
            frame.tab_has_steps = true;
            self.rendered.step_groups.push(StepGroup {
                label: frame.label.clone(),
                steps: Vec::new(),
                steps_html: Vec::new(),
            });
            self.step_target = StepTarget::Group(self.rendered.step_groups.len() - 1);
            self.steps_list = StepsList::Inside;
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
        let id = self.unique_id(&base);
        let attrs = if self.page.allow_html {
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
        if let Some(step) = &mut self.step_events {
            // A heading inside a step keeps no id: the print view has ids of its own.
            step.push(Event::Start(Tag::Heading {
                level: heading.level,
                id: None,
                classes: heading.classes.clone(),
                attrs: attrs.clone(),
            }));
            step.extend(heading.events.iter().filter_map(for_step));
            step.push(Event::End(TagEnd::Heading(heading.level)));
        }
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
        let span = match self.origin().expanded.text.get(range.clone()) {
            Some(heading) => match heading.rfind('{') {
                Some(open) => range.start + open..range.end,
                None => range.clone(),
            },
            None => range.clone(),
        };
        self.problem(
            span,
            format!("heading attribute `{name}` is raw HTML, and `allow-html` is off"),
            Some(
                "keep `{#id}` and `{.class}`, or set `allow-html = true` under `[build]` in \
                 `book.toml`"
                    .into(),
            ),
            false,
        );
    }

    /// Resolves `@/kind/slug.md#anchor` to a relative URL and records it and `#anchor` links.
    /// With `allow-html = false`, a link that runs script (`javascript:`, `vbscript:`, a `data:`
    /// page) is refused, since a theme need not forbid them with a content security policy.
    fn internal_link(&mut self, dest: CowStr<'a>, range: &Range<usize>) -> CowStr<'a> {
        let new_span = self.dest_span(&dest, range);
        if !self.page.allow_html
            && let Some(scheme) = script_scheme(&dest)
        {
            self.problem(
                new_span,
                format!("a `{scheme}` link runs script, and `allow-html` is off"),
                Some("link to a page or an `https:` address instead".into()),
                false,
            );
            return CowStr::Borrowed("#");
        }
        let span = self.origin().expanded.original_range(new_span.clone());
        let file = self.origin().file.clone();
        if let Some(anchor) = dest.strip_prefix('#') {
            self.rendered.links.push(InternalLink {
                target: self.page.slug.to_string(),
                anchor: Some(anchor.to_string()),
                span,
                file,
            });
            return dest;
        }
        let Some(path) = dest.strip_prefix("@/") else {
            return dest;
        };
        let (path_part, anchor) = match path.split_once('#') {
            Some((path_part, anchor)) => (path_part, Some(anchor.to_string())),
            None => (path, None),
        };
        let Some(target) = path_part.strip_suffix(".md") else {
            self.problem(
                new_span,
                format!("internal link `{dest}` does not name a Markdown file"),
                Some("write `@/kind/slug.md`, such as `@/causes/icloud-storage-full.md`".into()),
                false,
            );
            return dest;
        };
        let target = target.trim_start_matches('/').to_string();
        let url_path = crate::config::link_path(
            &match target.strip_suffix("_index") {
                Some(dir) => dir.to_string(),
                None => format!("{target}/"),
            },
            self.page.portable,
        );
        let fallback = self
            .page
            .translated
            .is_some_and(|translated| !target.ends_with("_index") && !translated.contains(&target));
        let root = if fallback {
            format!("{}../", self.page.root)
        } else {
            self.page.root.to_string()
        };
        let url = match &anchor {
            Some(anchor) => format!("{root}{url_path}#{anchor}"),
            None => format!("{root}{url_path}"),
        };
        self.rendered.links.push(InternalLink {
            target,
            anchor,
            span,
            file,
        });
        url.into()
    }

    /// The byte range of a link's destination inside the link's source range, in the text
    /// being parsed.
    fn dest_span(&self, dest: &str, range: &Range<usize>) -> Range<usize> {
        let text = &self.origin().expanded.text;
        let source = text.get(range.clone()).unwrap_or("");
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

/// The snippet name of a text that is exactly `{{#snippet <name>}}` (around it, whitespace),
/// and the range of `{{#snippet <name>}}` in `text`, given the text's `range`.
fn include_name(text: &str, range: Range<usize>) -> Option<(String, Range<usize>)> {
    let written = text.get(range.clone())?;
    let trimmed = written.trim();
    let inner = trimmed.strip_prefix("{{#snippet")?.strip_suffix("}}")?;
    if !inner.starts_with(char::is_whitespace) {
        return None;
    }
    let name = inner.trim();
    if name.is_empty() || name.contains(char::is_whitespace) {
        return None;
    }
    let start = range.start + (written.len() - written.trim_start().len());
    Some((name.to_string(), start..start + trimmed.len()))
}

/// The folder of snippets, for messages (the loader's `SNIPPETS_DIR`).
const SNIPPETS: &str = "snippets";

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
            false,
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
            let (r, _) = render(&heading, "guides/x", &root_of("guides/x"), true, false);
            assert_eq!(r.headings[0].id, format!("{id}-1"), "{heading}");
        }
    }

    #[test]
    fn internal_links_become_relative_urls() {
        let body = "See [storage](@/causes/icloud-storage-full.md#check) and [top](#steps).\n";
        let (r, problems) = render(
            body,
            "fixes/free-up",
            &root_of("fixes/free-up"),
            true,
            false,
        );
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
        let (_, problems) = render("[x](@/causes/x)\n", "a/b", &root_of("a/b"), true, false);
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
            false,
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
            false,
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
            false,
        );
        assert!(!r.html.contains("<script>"));
        assert!(r.html.contains("&lt;script&gt;"));
        let (r, _) = render("hi <b>x</b>\n", "a/b", &root_of("a/b"), true, false);
        assert!(r.html.contains("<b>x</b>"));
    }

    #[test]
    fn collects_steps_and_text() {
        let (r, _) = render(
            "Intro.\n\n## How\n\n1. Open **Settings**.\n2. Tap `General`.\n   - nested\n\nThen:\n\n1. Other list.\n",
            "fixes/x",
            &root_of("fixes/x"),
            true,
            false,
        );
        assert_eq!(r.steps, ["Open Settings.", "Tap General. nested"]);
        assert_eq!(
            r.text,
            "Intro. Open Settings. Tap General. nested Then: Other list."
        );
    }

    /// Regression: the steps flattened a nested list into one run-on line ("…for 30
    /// days.iCloud Drive: open…") and lost the bold labels of the print view.
    #[test]
    fn steps_keep_nested_lists_emphasis_and_code_and_their_text_keeps_sentences_apart() {
        let (r, _) = render(
            "1. Open **Settings**.\n2. Look at what uses space:\n   - **Backups**: delete old ones; they stay for 30 days.\n   - **iCloud Drive**: open `Files` and [tidy up](@/guides/x.md).\n3. Done ![a tick](tick.png)[^1].\n\n[^1]: A note.\n",
            "fixes/x",
            &root_of("fixes/x"),
            true,
            false,
        );
        assert_eq!(
            r.steps,
            [
                "Open Settings.",
                "Look at what uses space: Backups: delete old ones; they stay for 30 days. \
                 iCloud Drive: open Files and tidy up.",
                "Done a tick.",
            ]
        );
        assert_eq!(
            r.steps_html,
            [
                "Open <strong>Settings</strong>.",
                "Look at what uses space:\n<ul>\n<li><strong>Backups</strong>: delete old ones; \
                 they stay for 30 days.</li>\n<li><strong>iCloud Drive</strong>: open \
                 <code>Files</code> and tidy up.</li>\n</ul>",
                "Done a tick.",
            ]
        );
    }

    #[test]
    fn portable_links_name_the_page_s_file() {
        let body = "[a](@/causes/x.md#how) [b](@/causes/_index.md) [c](@/_index.md) [d](#top)\n";
        let (r, _) = render(body, "fixes/y", &root_of("fixes/y"), true, true);
        for href in [
            "href=\"../../causes/x/index.html#how\"",
            "href=\"../../causes/index.html\"",
            "href=\"../../index.html\"",
            "href=\"#top\"",
        ] {
            assert!(r.html.contains(href), "{href} in {}", r.html);
        }
        let (r, _) = render(body, "fixes/y", &root_of("fixes/y"), true, false);
        assert!(
            r.html.contains("href=\"../../causes/x/#how\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("href=\"../../\""), "{}", r.html);
    }

    /// Regression: 10,000 nested block quotes built a page the HTML checker rejects (more than
    /// 513 elements deep, which browsers flatten).
    #[test]
    fn nesting_deeper_than_the_limit_is_a_problem() {
        let deep = format!("Intro.\n\n{} deep\n", ">".repeat(MAX_NESTING + 1));
        let (_, problems) = render(&deep, "a/b", &root_of("a/b"), true, false);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].span, 8 + MAX_NESTING..8 + MAX_NESTING + 1);
        assert_eq!(
            problems[0].message,
            "Markdown nested more than 100 levels deep (quotes, lists, emphasis)"
        );
        let fine = format!("{} fine\n", ">".repeat(MAX_NESTING - 1));
        assert!(
            render(&fine, "a/b", &root_of("a/b"), true, false)
                .1
                .is_empty()
        );
    }

    #[test]
    fn heading_id_rules() {
        assert_eq!(heading_id("Error 9006: storage"), "error-9006-storage");
        assert_eq!(heading_id("!!!"), "section");
        assert_eq!(heading_id("Überblick"), "überblick");
    }

    fn snippets(files: &[(&str, &str)]) -> Snippets {
        Snippets::new(files.iter().map(|(name, text)| SnippetFile {
            name: name.to_string(),
            language: None,
            path: format!("snippets/{name}.md").into(),
            text: text.to_string(),
        }))
    }

    fn render_with(body: &str, snippets: &Snippets) -> (Rendered, Vec<MarkdownProblem>) {
        let root = root_of("fixes/x");
        let page = Page {
            snippets,
            ..Page::new("fixes/x", &root, true)
        };
        render_page(body, &page)
    }

    /// What each problem says and the text it points at (in the body, or `name: text` in a
    /// snippet).
    fn problems_at(body: &str, problems: &[MarkdownProblem]) -> Vec<(String, String)> {
        problems
            .iter()
            .map(|p| {
                let at = match &p.file {
                    Some(file) => format!("{}: {}", file.name, &file.text[p.span.clone()]),
                    None => body[p.span.clone()].to_string(),
                };
                (p.message.clone(), at)
            })
            .collect()
    }

    #[test]
    fn tabs_become_labelled_panels_in_one_set() {
        let body = "Intro.\n\n=== \"iPhone\"\n\n    ## On the phone\n\n    Open **Settings**.\n\n=== \"Mac <M1>\"\n\n    Open [Finder](#on-the-phone).\n\nAfter.\n";
        let (r, problems) = render(body, "fixes/x", &root_of("fixes/x"), true, false);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(r.has_tabs);
        assert_eq!(
            r.html,
            "<p>Intro.</p>\n<div class=\"tabs\" id=\"tabs-1\">\n<div class=\"tab-panel\" id=\"tabs-1-1\" role=\"group\" aria-labelledby=\"tabs-1-1-label\">\n<p class=\"tab-label\" id=\"tabs-1-1-label\">iPhone</p>\n<h2 id=\"on-the-phone\">On the phone</h2>\n<p>Open <strong>Settings</strong>.</p>\n</div>\n<div class=\"tab-panel\" id=\"tabs-1-2\" role=\"group\" aria-labelledby=\"tabs-1-2-label\">\n<p class=\"tab-label\" id=\"tabs-1-2-label\">Mac &lt;M1&gt;</p>\n<p>Open <a href=\"#on-the-phone\">Finder</a>.</p>\n</div>\n</div>\n<p>After.</p>\n"
        );
        assert_eq!(r.headings[0].id, "on-the-phone");
        // The link is located where it is written, inside the indented tab.
        assert_eq!(&body[r.links[0].span.clone()], "#on-the-phone");
        assert_eq!(
            r.text,
            "Intro. iPhone Open Settings. Mac <M1> Open Finder. After."
        );
    }

    #[test]
    fn a_heading_takes_no_id_of_a_tab() {
        let body = "=== \"A\"\n\n    a\n\n## Tabs 1 1\n";
        let (r, _) = render(body, "fixes/x", &root_of("fixes/x"), true, false);
        assert_eq!(r.headings[0].id, "tabs-1-1-1");
    }

    #[test]
    fn steps_written_in_tabs_keep_each_tab_s_list() {
        let body = "=== \"iPhone\"\n\n    1. Open Settings.\n    2. Tap Update.\n\n=== \"Mac\"\n\n    Connect it.\n\n    1. Open Finder.\n\n=== \"Notes\"\n\n    No list.\n\n1. A later list.\n";
        let (r, _) = render(body, "fixes/x", &root_of("fixes/x"), true, false);
        assert_eq!(r.steps, ["Open Settings.", "Tap Update."]);
        let groups: Vec<(&str, Vec<&str>)> = r
            .step_groups
            .iter()
            .map(|g| {
                (
                    g.label.as_str(),
                    g.steps.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            groups,
            [
                ("iPhone", vec!["Open Settings.", "Tap Update."]),
                ("Mac", vec!["Open Finder."]),
            ]
        );
        // Each group has its steps as HTML too, for print views.
        assert_eq!(r.step_groups[1].steps_html, ["Open Finder."]);
        // Steps outside tabs have no groups.
        let (r, _) = render("1. One.\n", "fixes/x", &root_of("fixes/x"), true, false);
        assert!(r.step_groups.is_empty());
    }

    #[test]
    fn a_snippet_is_rendered_as_part_of_the_page() {
        let snippets = snippets(&[(
            "back-up-now",
            "## Back up\n\nTap **Back Up Now**, then read [the steps](#back-up) and [the guide](@/guides/how.md#when).\n",
        )]);
        let body = "## Back up\n\nFirst.\n\n{{#snippet back-up-now}}\n";
        let (r, problems) = render_with(body, &snippets);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(
            r.html.ends_with("<h2 id=\"back-up-1\">Back up</h2>\n<p>Tap <strong>Back Up Now</strong>, then read <a href=\"#back-up\">the steps</a> and <a href=\"../../guides/how/#when\">the guide</a>.</p>\n"),
            "{}",
            r.html
        );
        assert_eq!(
            r.text,
            "First. Tap Back Up Now, then read the steps and the guide."
        );
        assert_eq!(r.snippets, ["back-up-now"]);
        assert_eq!(
            &body[r.includes[0].span.clone()],
            "{{#snippet back-up-now}}"
        );
        // Its links are checked from the page, and located in the snippet.
        let link = &r.links[0];
        assert_eq!(
            (link.target.as_str(), link.anchor.as_deref()),
            ("fixes/x", Some("back-up"))
        );
        let file = link.file.as_ref().expect("written in the snippet");
        assert_eq!(&file.text[link.span.clone()], "#back-up");
        assert_eq!(r.links[1].target, "guides/how");
    }

    #[test]
    fn a_snippet_in_a_tight_list_item_is_the_item_s_text() {
        let snippets = snippets(&[("back-up-now", "Tap **Back Up Now**.\n")]);
        let (r, problems) = render_with(
            "1. Open Settings.\n2. {{#snippet back-up-now}}\n",
            &snippets,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            r.html,
            "<ol>\n<li>Open Settings.</li>\n<li>Tap <strong>Back Up Now</strong>.</li>\n</ol>\n"
        );
        assert_eq!(r.steps, ["Open Settings.", "Tap Back Up Now."]);
    }

    #[test]
    fn unknown_snippets_cycles_and_deep_nesting_are_problems() {
        let cycle = snippets(&[
            ("back-up-now", "Tap.\n"),
            ("a", "A.\n\n{{#snippet b}}\n"),
            ("b", "B.\n\n{{#snippet a}}\n"),
        ]);
        let body = "{{#snippet bak-up-now}}\n\n{{#snippet a}}\n\nSee {{#snippet a}} here.\n\n`{{#snippet a}}` and \\{{#snippet a}} are how.\n";
        let (_, problems) = render_with(body, &cycle);
        assert_eq!(
            problems_at(body, &problems),
            [
                (
                    "no snippet `bak-up-now`: `snippets/bak-up-now.md` does not exist".to_string(),
                    "{{#snippet bak-up-now}}".to_string()
                ),
                (
                    "snippet `a` includes itself: `a` → `b` → `a`".to_string(),
                    "b: {{#snippet a}}".to_string()
                ),
                (
                    "`{{#snippet …}}` is not a paragraph of its own, so it is shown as text"
                        .to_string(),
                    "{{#snippet a}}".to_string()
                ),
            ]
        );
        assert_eq!(
            problems[0].help.as_deref(),
            Some("did you mean `back-up-now`?")
        );
        // Nine snippets deep, each including the next.
        let chain: Vec<(String, String)> = (0..=MAX_SNIPPET_DEPTH)
            .map(|n| {
                (
                    format!("s{n}"),
                    format!("Level {n}.\n\n{{{{#snippet s{}}}}}\n", n + 1),
                )
            })
            .collect();
        let files: Vec<(&str, &str)> = chain
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let deep = snippets(&files);
        let (r, problems) = render_with("{{#snippet s0}}\n", &deep);
        let found = problems_at("", &problems);
        assert_eq!(
            found,
            [(
                "snippets nested more than 8 deep".to_string(),
                "s7: {{#snippet s8}}".to_string()
            )]
        );
        assert!(
            r.text.contains("Level 7.") && !r.text.contains("Level 8."),
            "{}",
            r.text
        );
    }

    #[test]
    fn a_translated_snippet_is_preferred_for_its_language() {
        let snippets = Snippets::new([
            SnippetFile {
                name: "note".into(),
                language: None,
                path: "snippets/note.md".into(),
                text: "Hello.".into(),
            },
            SnippetFile {
                name: "note".into(),
                language: Some("fr".into()),
                path: "snippets/note.fr.md".into(),
                text: "Bonjour.".into(),
            },
        ]);
        let root = root_of("faq/x");
        let french = Page {
            snippets: &snippets,
            language: Some("fr"),
            ..Page::new("faq/x", &root, true)
        };
        assert_eq!(
            render_page("{{#snippet note}}\n", &french).0.text,
            "Bonjour."
        );
        let german = Page {
            language: Some("de"),
            ..french
        };
        assert_eq!(render_page("{{#snippet note}}\n", &german).0.text, "Hello.");
    }

    #[test]
    fn images_of_the_folder_get_their_size_and_problems_their_place() {
        let folder = BTreeMap::from([(
            "screen.svg".to_string(),
            FileFacts {
                len: 900,
                dimensions: Some(crate::image_size::Dimensions {
                    width: 600,
                    height: 340,
                }),
            },
        )]);
        let root = root_of("fixes/x");
        let page = Page {
            folder: Some(&folder),
            ..Page::new("fixes/x", &root, false)
        };
        let body = "![The *storage* bar](screen.svg \"Storage\")\n\n![](sreen.svg)\n";
        let (r, problems) = render_page(body, &page);
        assert!(
            r.html.starts_with("<p><img src=\"screen.svg\" alt=\"The storage bar\" title=\"Storage\" width=\"600\" height=\"340\" loading=\"lazy\" decoding=\"async\"></p>"),
            "{}",
            r.html
        );
        let found: Vec<(String, bool, String)> = problems
            .iter()
            .map(|p| {
                (
                    p.message.clone(),
                    p.warning,
                    body[p.span.clone()].to_string(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "image `sreen.svg` not found: `content/fixes/x/sreen.svg` does not exist"
                        .to_string(),
                    false,
                    "sreen.svg".to_string()
                ),
                (
                    "image `sreen.svg` has no alt text".to_string(),
                    true,
                    "sreen.svg".to_string()
                ),
            ]
        );
        assert_eq!(
            problems[0].help.as_deref(),
            Some("did you mean `screen.svg`?")
        );
    }
}
