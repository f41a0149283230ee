//! Images: `![alt](path)` resolved by [`super::images`] and written as an `<img>` with its
//! size; a step's HTML keeps the alt text.

use super::*;

impl<'a> Renderer<'a> {
    /// Writes the `<img>` of the image just read.
    pub(super) fn finish_image(&mut self) {
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
        let originals_folder = shared_folder_url(page);
        let (resolved, problems) = images::resolve(
            &dest,
            &images::Places {
                slug: page.slug,
                root: page.site_root,
                folder_url: originals_folder.as_deref(),
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
}

/// Where a translation's folder files are, relative to its page: its original's folder
/// (`../../../guides/x/`); `None` for a page whose files are beside it.
pub(super) fn shared_folder_url(page: &Page<'_>) -> Option<String> {
    page.shares_folder
        .then(|| format!("{}{}/", page.site_root, page.slug))
}
