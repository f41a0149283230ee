//! Tab sets: the marker lines [`super::tabs`] leaves in the text become a `div.tabs` of
//! labelled `div.tab-panel`s.

use super::*;

impl<'a> Renderer<'a> {
    /// Writes the HTML of a tab marker.
    pub(super) fn marker(&mut self, marker: tabs::Marker) {
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
}
