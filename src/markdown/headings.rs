//! Headings: unique ids, the pending heading written once its text is known, and the
//! attributes refused when raw HTML is not allowed.

use super::*;

impl<'a> Renderer<'a> {
    /// An id no heading or tab of the page has yet, `base` if it is free, else `base-N`. Each
    /// base remembers the next suffix to try, so `n` identical headings take `n` steps, not
    /// `n²` (10,000 `## Same` took ten seconds).
    pub(super) fn unique_id(&mut self, base: &str) -> String {
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

    pub(super) fn finish_heading(&mut self) {
        let Some(heading) = self.heading.take() else {
            return;
        };
        let text = crate::text::squash_whitespace(&heading.text);
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
    pub(super) fn refuse_attributes(
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
}
