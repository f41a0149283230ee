//! The other editions of a site with translations, after each change: loaded and parsed again
//! from the sources (every edition's articles are made from the default one's, so the build's
//! own [`crate::load_site`] makes them), then each edition's pages whose fingerprint changed
//! ([`render::Fingerprinter::all`], as for the default edition) rendered again and written
//! only if their bytes changed, its pages that went removed, its site files rewritten if they
//! changed (the default edition's sitemap too, which lists every edition's pages, its parts
//! that went removed), and its search indexes (`fr/search/`) made again and swapped in whole
//! when any of its pages changed (or the index is missing or damaged on disk). A translation coming or going changes every page's language switcher:
//! then every page of every edition is rendered again (still written only if changed), and so
//! are the default edition's. The first build, a full rebuild of the default edition and a
//! build dir that lost Remedy's marker replace each edition's folder (`fr/`) whole.

use super::*;
use crate::pipeline::index;

impl Incremental {
    /// The other editions (`[languages.<code>]`) after the default one's `outcome`: when the
    /// default edition built and anything changed (`translations`: a translation did), each
    /// edition is loaded again and brought up to date (see the module doc); the default
    /// edition's pages are rendered again too when a translation came or went (their language
    /// switcher and alternates name the other editions' pages), each written only if it
    /// changed, and the sitemap, which lists every edition's pages, is rewritten if it changed.
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
            self.for_search = None;
        }
        // The sitemap lists the other editions' pages and their dates: it may have outgrown
        // one file, or need fewer parts.
        let site_files = render::site_files(&loaded.site, &others);
        let collisions = static_collisions(&loaded.site, &others, &loaded.theme, &site_files);
        if !collisions.is_empty() {
            self.failed = true;
            return Ok(Outcome::Failed(collisions));
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
        }
        // Written where their bytes changed (`render_all` has written them when a translation
        // came or went), then the sitemap's parts left over removed.
        written.extend(write_site_files(
            &self.build_dir,
            &loaded.theme,
            &site_files,
        )?);
        let whole =
            matches!(outcome, Outcome::Rebuilt { full: true, .. }) || !self.build_dir_intact();
        let mut edition_pages = BTreeMap::new();
        for edition in &loaded.editions {
            let code = edition.config.language.clone();
            let fingerprints = render::fingerprints(edition, &loaded.theme);
            match self.edition_pages.get(&code).filter(|_| !whole) {
                Some(previous) => written.extend(self.update_edition(
                    edition,
                    &loaded.theme,
                    previous,
                    &fingerprints,
                    changed,
                )?),
                None => written.push(self.replace_edition(edition, &loaded.theme)?),
            }
            let pages = fingerprints.into_iter().map(|(path, _, fp)| (path, fp));
            edition_pages.insert(code, pages.collect());
        }
        self.edition_pages = edition_pages;
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

    /// Renders the edition `edition` whole into a new copy of its folder (`fr/`), swapped in
    /// at once. Returns the folder's build-dir path (`fr/`).
    fn replace_edition(&self, edition: &Site, theme: &Theme) -> Result<String> {
        let prefix = edition.config.edition_prefix.as_str();
        let folder = prefix.trim_end_matches('/');
        let replacement = write::FolderReplacement::new(&self.build_dir, folder)?;
        crate::render_all(
            edition,
            &[],
            theme,
            &indicatif::ProgressBar::hidden(),
            &|path, bytes| replacement.put(&format!("{prefix}{path}"), bytes),
        )?;
        index::index(
            edition,
            &write::Prefixed {
                inner: &replacement,
                prefix,
            },
        )?;
        replacement.commit()?;
        Ok(prefix.to_string())
    }

    /// Brings the edition `edition`'s folder up to date from its pages' `previous`
    /// fingerprints: the pages whose fingerprint changed (every page with `every_page`)
    /// rendered and written if their bytes changed, the pages that went removed, the site
    /// files rewritten if they changed, and the search indexes made again when any page
    /// changed. Returns the build-dir paths written or removed.
    fn update_edition(
        &self,
        edition: &Site,
        theme: &Theme,
        previous: &HashMap<String, u64>,
        fingerprints: &[PageFingerprint],
        every_page: bool,
    ) -> Result<Vec<String>> {
        let prefix = edition.config.edition_prefix.as_str();
        let renderer = render::PageRenderer::new(edition, theme);
        let stale: Vec<&PageFingerprint> = fingerprints
            .iter()
            .filter(|(path, _, fingerprint)| every_page || previous.get(path) != Some(fingerprint))
            .collect();
        let mut written = render_and_write(&renderer, &stale, &self.build_dir, prefix)?;
        let current: std::collections::HashSet<&str> =
            fingerprints.iter().map(|(p, _, _)| p.as_str()).collect();
        let mut gone: Vec<&String> = previous
            .keys()
            .filter(|path| !current.contains(path.as_str()))
            .collect();
        gone.sort();
        for path in &gone {
            let path = format!("{prefix}{path}");
            write::remove_file(&self.build_dir, &path)?;
            written.push(path);
        }
        for output in render::site_files(edition, &[]) {
            let path = format!("{prefix}{}", output.path);
            if write::update_file(&self.build_dir, &path, &output.bytes)? {
                written.push(path);
            }
        }
        // The edition's folder is the build dir of its indexes; the pages under `search/`
        // (`search/index.html`) are carried over into the new copy. An index missing or
        // damaged on disk is made again too.
        let folder = self.build_dir.join(prefix.trim_end_matches('/'));
        let damaged = crate::search::index::open(&folder.join(index::TANTIVY_DIR)).is_err();
        if !stale.is_empty() || !gone.is_empty() || damaged {
            let replacement = write::FolderReplacement::new(&folder, index::BROWSER_DIR)?;
            index::index(edition, &replacement)?;
            for (path, _, _) in fingerprints {
                if path.starts_with(&format!("{}/", index::BROWSER_DIR)) && !index::writes(path) {
                    replacement.carry(path)?;
                }
            }
            replacement.commit()?;
            written.push(format!("{prefix}{}/", index::BROWSER_DIR));
        }
        written.sort();
        written.dedup();
        Ok(written)
    }
}
