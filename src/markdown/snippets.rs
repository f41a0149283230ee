//! Snippets: a paragraph that is exactly `{{#snippet <name>}}` replaced by the snippet's
//! Markdown, rendered as part of the page (see [`super`]).

use super::*;

impl<'a> Renderer<'a> {
    /// If `events[i]` starts a paragraph (or a tight list item) that is exactly
    /// `{{#snippet <name>}}`, renders the snippet in its place and returns the index of the
    /// first event after it.
    pub(super) fn include_at(
        &mut self,
        events: &mut [(Event<'a>, Range<usize>)],
        i: usize,
    ) -> Option<usize> {
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
    pub(super) fn include(&mut self, name: &str, whole: Range<usize>, inline: bool) {
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
}

/// The snippet name of a text that is exactly `{{#snippet <name>}}` (around it, whitespace),
/// and the range of `{{#snippet <name>}}` in `text`, given the text's `range`.
pub(super) fn include_name(text: &str, range: Range<usize>) -> Option<(String, Range<usize>)> {
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
pub(super) const SNIPPETS: &str = "snippets";
