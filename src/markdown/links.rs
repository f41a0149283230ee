//! Links: `@/kind/slug.md#anchor` resolved to the page's relative URL (the link stage checks
//! it later), a translation's links to its folder's files led to its original's folder, and
//! the place of a link's destination in the source.

use super::*;

impl<'a> Renderer<'a> {
    /// Resolves `@/kind/slug.md#anchor` to a relative URL and records it and `#anchor` links.
    /// With `allow-html = false`, a link that runs script (`javascript:`, `vbscript:`, a `data:`
    /// page) is refused, since a theme need not forbid them with a content security policy.
    pub(super) fn internal_link(&mut self, dest: CowStr<'a>, range: &Range<usize>) -> CowStr<'a> {
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
            return self.shared_file_link(dest);
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
            self.page.site_root
        } else {
            self.page.root
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

    /// A translation's link to a file of its folder (`[the form](form.pdf)`) leads to the
    /// original's folder, where the file is published; any other link is left as written.
    fn shared_file_link(&self, dest: CowStr<'a>) -> CowStr<'a> {
        let (Some(folder_url), Some(folder)) =
            (image_tags::shared_folder_url(self.page), self.page.folder)
        else {
            return dest;
        };
        if dest.is_empty() || dest.starts_with('/') || images::has_scheme(&dest) {
            return dest;
        }
        let path = &dest[..dest.find(['?', '#']).unwrap_or(dest.len())];
        match images::normalize(&images::percent_decode(path)) {
            Some(key) if folder.contains_key(&key) => {
                format!("{folder_url}{}", dest.trim_start_matches("./")).into()
            }
            _ => dest,
        }
    }

    /// The byte range of a link's destination inside the link's source range, in the text
    /// being parsed.
    pub(super) fn dest_span(&self, dest: &str, range: &Range<usize>) -> Range<usize> {
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
