//! The fast path: edits that change only the bodies of articles, re-rendering exactly their
//! pages.

use super::*;

impl Incremental {
    /// The fast path for the most common edit: only the bodies of existing articles changed
    /// (front matter identical, headings identical or not linked to, links still resolving).
    /// Then the relation graph, the order, every card and every other page are unchanged, so
    /// only the pages showing the edited bodies are rendered (the articles' pages, their
    /// Markdown, the print views listing their steps: [`render::pages_showing_body`]); nothing
    /// is re-linked. Returns `None` when
    /// the edit is anything else, having changed nothing.
    pub(super) fn body_only(
        &mut self,
        paths: &[PathBuf],
        started: Instant,
    ) -> Result<Option<Outcome>> {
        if self.failed
            || paths.is_empty()
            || !self.snippet_diagnostics.is_empty()
            || !self.build_dir_intact()
        {
            return Ok(None);
        }
        let (Some(site), Some(fingerprinter)) = (self.site.as_mut(), self.fingerprinter.as_ref())
        else {
            return Ok(None);
        };
        let mut replacements = Vec::new();
        for path in paths {
            let Some(FileEntry {
                parsed: Ok(Parsed::Article(new)),
                ..
            }) = self.files.get(path)
            else {
                return Ok(None);
            };
            let Some(&index) = site.by_slug.get(&new.slug) else {
                return Ok(None);
            };
            let old = &site.articles[index];
            if old.fingerprint == new.fingerprint {
                continue;
            }
            if old.kind != new.kind
                || old.front != new.front
                || old.warnings != new.warnings
                || old.files.len() != new.files.len()
                || old
                    .files
                    .iter()
                    .zip(&new.files)
                    .any(|(a, b)| a.name != b.name)
            {
                return Ok(None);
            }
            if old.headings != new.headings
                && self
                    .anchor_targets
                    .get_or_insert_with(|| anchor_link_targets(site))
                    .contains(&new.slug)
            {
                return Ok(None);
            }
            replacements.push((index, Arc::clone(new)));
        }
        let originals: Vec<(usize, Arc<crate::model::Article>)> = replacements
            .iter()
            .map(|(index, new)| {
                (
                    *index,
                    std::mem::replace(&mut site.articles[*index], Arc::clone(new)),
                )
            })
            .collect();
        let restore = |site: &mut Site| {
            for (index, old) in &originals {
                site.articles[*index] = Arc::clone(old);
            }
        };
        if replacements
            .iter()
            .any(|(index, _)| !crate::pipeline::link::links_resolve(site, &site.articles[*index]))
        {
            restore(site);
            return Ok(None);
        }
        crate::serve::timings::lap("  body only: checked", started);
        let _hold = self.search.hold();
        crate::serve::timings::lap("  body only: search lock held", started);
        let renderer =
            render::PageRenderer::with_kind_lists(site, &self.theme, fingerprinter.kind_lists());
        let mut outputs = Vec::new();
        let mut pages: Vec<PageId> = replacements
            .iter()
            .flat_map(|(index, _)| render::pages_showing_body(site, *index))
            .collect();
        pages.sort_unstable();
        pages.dedup();
        crate::serve::timings::lap("  body only: renderer made", started);
        for page in pages {
            match renderer.render(page) {
                Ok(output) => outputs.push((output, fingerprinter.page(site, page))),
                Err(_) => {
                    drop(renderer);
                    restore(site);
                    return Ok(None);
                }
            }
        }
        crate::serve::timings::lap("  body only: rendered", started);
        let mut written = Vec::new();
        for (output, fingerprint) in outputs {
            if write::update_file(&self.build_dir, &output.path, &output.bytes)? {
                written.push(output.path.clone());
            }
            self.pages.insert(output.path, fingerprint);
        }
        written.sort();
        crate::serve::timings::lap("  body only: written", started);
        if let Some(targets) = &mut self.anchor_targets {
            for (_, new) in &replacements {
                let anchored = new.links.iter().filter(|link| link.anchor.is_some());
                targets.extend(anchored.map(|link| link.target.clone()));
            }
        }
        if let Some(for_search) = &mut self.for_search {
            for (index, new) in replacements {
                for_search.edited.insert(index, new);
            }
        }
        self.generation += 1;
        Ok(Some(Outcome::Rebuilt {
            full: false,
            written,
            elapsed: started.elapsed(),
            warnings: self.warnings.clone(),
        }))
    }
}
