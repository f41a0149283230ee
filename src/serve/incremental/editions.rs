//! The other editions of a site with translations: rebuilt whole after each change, and the
//! default edition's pages told about them.

use super::*;

impl Incremental {
    /// The other editions (`[languages.<code>]`) after the default one's `outcome`: when the
    /// default edition built and anything changed (`translations`: a translation did), each
    /// edition is built again, whole, from a full load, and its folder (`fr/`) swapped in;
    /// the default edition's pages are rendered again too (their language switcher and
    /// alternates, and the sitemap, name the other editions' pages), each written only if it
    /// changed. Not incremental: with editions, every change costs a full render of the site.
    pub(super) fn with_editions(
        &mut self,
        outcome: Outcome,
        translations: bool,
    ) -> Result<Outcome> {
        if self.config.editions.is_empty()
            || matches!(outcome, Outcome::Failed(_))
            || (matches!(outcome, Outcome::Unchanged) && !translations)
        {
            return Ok(outcome);
        }
        let started = Instant::now();
        let loaded = match crate::load_site(&self.options) {
            Ok(loaded) => loaded,
            Err(Error::Content(diagnostics)) => {
                self.failed = true;
                return Ok(Outcome::Failed(diagnostics));
            }
            Err(other) => return Err(other),
        };
        let mut written = Vec::new();
        let others: Vec<&Site> = loaded.editions.iter().collect();
        let rewritten = std::sync::Mutex::new(Vec::new());
        // The default edition's pages were rendered with the editions as they were: again
        // only if a translation came or went.
        let changed = loaded.site.editions != self.editions;
        self.editions = loaded.site.editions.clone();
        if let Some(site) = &mut self.site {
            site.editions = self.editions.clone();
        }
        if changed {
            crate::render_all(
                &loaded.site,
                &others,
                &loaded.theme,
                &indicatif::ProgressBar::hidden(),
                &|path, bytes| {
                    if write::update_file(&self.build_dir, path, bytes)? {
                        rewritten
                            .lock()
                            .map_err(|_| Error::Internal("a render thread panicked".into()))?
                            .push(path.to_string());
                    }
                    Ok(())
                },
            )?;
            let mut rewritten = rewritten
                .into_inner()
                .map_err(|_| Error::Internal("a render thread panicked".into()))?;
            rewritten.sort();
            written.extend(rewritten);
        } else {
            // The sitemap lists the other editions' pages and their dates.
            for output in render::site_files(&loaded.site, &others) {
                if write::update_file(&self.build_dir, &output.path, &output.bytes)? {
                    written.push(output.path);
                }
            }
        }
        for edition in &loaded.editions {
            let prefix = edition.config.edition_prefix.as_str();
            let folder = prefix.trim_end_matches('/');
            let replacement = write::FolderReplacement::new(&self.build_dir, folder)?;
            crate::render_all(
                edition,
                &[],
                &loaded.theme,
                &indicatif::ProgressBar::hidden(),
                &|path, bytes| replacement.put(&format!("{prefix}{path}"), bytes),
            )?;
            crate::pipeline::index::index(
                edition,
                &write::Prefixed {
                    inner: &replacement,
                    prefix,
                },
            )?;
            replacement.commit()?;
            written.push(prefix.to_string());
        }
        self.edition_sites = loaded.editions;
        Ok(match outcome {
            Outcome::Rebuilt {
                full,
                written: mut default_written,
                elapsed,
                warnings,
            } => {
                default_written.extend(written);
                Outcome::Rebuilt {
                    full,
                    written: default_written,
                    elapsed: elapsed + started.elapsed(),
                    warnings,
                }
            }
            _ => Outcome::Rebuilt {
                full: false,
                written,
                elapsed: started.elapsed(),
                warnings: loaded.warnings,
            },
        })
    }
}
