//! Page fingerprints: for every page a hash of everything its context is made from, so the
//! dev server re-renders exactly the pages a change touches. One implementation, used by the
//! build's tests and by `serve`: [`Fingerprinter::all`] is what both compare.

use std::collections::hash_map::DefaultHasher as Hasher64;
use std::hash::{Hash, Hasher};

use super::context::{KindLists, Shared, troubleshoot_entry};
use super::plan::{PageId, has_print_page, output_path, page_count, page_range, plan};
use super::troubleshoot;
use crate::model::{Article, Site, kinds};
use crate::theme::Theme;

/// A page's build-dir path, the page, and its fingerprint.
pub type PageFingerprint = (String, PageId, u64);

/// For every page, its output path and a fingerprint of everything its context is made from
/// (see [`Fingerprinter::all`]).
pub fn fingerprints(site: &Site, theme: &Theme) -> Vec<PageFingerprint> {
    Fingerprinter::new(site, theme).all(site)
}

/// What page fingerprints are made from, computed once per site: a hash of everything every
/// page shares, a hash per card, and the first articles of each kind. The dev server keeps it
/// between rebuilds that change no card, so re-fingerprinting one article's page is O(1).
#[derive(Debug, Clone)]
pub struct Fingerprinter {
    global: u64,
    card_hashes: Vec<u64>,
    kind_lists: KindLists,
}

impl Fingerprinter {
    /// Computes the shared hashes of `site`.
    pub fn new(site: &Site, theme: &Theme) -> Fingerprinter {
        let kind_lists = KindLists::of(site);
        let shared = Shared::with_kind_lists(site, theme, &kind_lists);
        let mut global = Hasher64::new();
        theme.fingerprint.hash(&mut global);
        serde_json::to_string(&shared.site_context)
            .unwrap_or_default()
            .hash(&mut global);
        site.config.base_url.hash(&mut global);
        Fingerprinter {
            global: global.finish(),
            card_hashes: (0..site.articles.len())
                .map(|index| card_hash(site, index))
                .collect(),
            kind_lists,
        }
    }

    /// The site's [`KindLists`], which stay right for a site that differs from the one this
    /// fingerprinter was made from only in the body of articles (see [`Self::page`]).
    pub fn kind_lists(&self) -> &KindLists {
        &self.kind_lists
    }

    /// For every page of `site` (the site this fingerprinter was made from), its output path
    /// and fingerprint. Two sites give a page the same fingerprint only if the page renders the
    /// same, so the dev server re-renders exactly the pages whose fingerprint changed. This
    /// must mirror the context builders ([`super::context`], [`super::troubleshoot`]): a field
    /// added to a context must be hashed here too (the dev server's byte-identity tests and
    /// this module's tests catch a miss).
    pub fn all(&self, site: &Site) -> Vec<PageFingerprint> {
        plan(site)
            .into_iter()
            .map(|page| (output_path(site, page), page, self.page(site, page)))
            .collect()
    }

    /// The fingerprint of one page of `site` (the site this fingerprinter was made from, or
    /// one that differs from it only in the body of articles).
    pub fn page(&self, site: &Site, page: PageId) -> u64 {
        let card_hashes = &self.card_hashes;
        let section_hash = |kind: Option<&str>| {
            let mut hasher = Hasher64::new();
            let section = match kind {
                Some(kind) => site.sections.get(kind),
                None => Some(&site.home),
            };
            if let Some(section) = section {
                section.title.hash(&mut hasher);
                section.description.hash(&mut hasher);
                section.html.hash(&mut hasher);
            }
            hasher.finish()
        };
        let mut hasher = Hasher64::new();
        self.global.hash(&mut hasher);
        // Not the page id itself: article indexes shift when an article is added.
        let tag: u8 = match page {
            PageId::Home => 0,
            PageId::Kind(..) => 1,
            PageId::Article(_) => 2,
            PageId::Search => 3,
            PageId::NotFound => 4,
            PageId::Troubleshoot => 5,
            PageId::Symptom(_) => 6,
            PageId::Print(_) => 7,
            PageId::Source(_) => 8,
            PageId::Tags => 9,
            PageId::Tag(..) => 10,
            PageId::Redirect(_) => 11,
            PageId::File(..) => 12,
        };
        tag.hash(&mut hasher);
        match page {
            PageId::Home => {
                section_hash(None).hash(&mut hasher);
                for index in site.articles_of_kind(kinds::CAUSE) {
                    card_hashes[index].hash(&mut hasher);
                    site.articles[index].front.symptoms.hash(&mut hasher);
                }
                for &index in self.kind_lists.firsts().flatten() {
                    card_hashes[index].hash(&mut hasher);
                }
                for index in site.articles_of_kind(kinds::ERROR) {
                    card_hashes[index].hash(&mut hasher);
                }
            }
            PageId::Kind(kind_index, number) => {
                let kind = &site.config.kinds[kind_index];
                section_hash(Some(&kind.name)).hash(&mut hasher);
                let members = self.kind_lists.members(kind_index);
                let (range, count) = list_page(members.len(), site.config.paginate, number);
                (number, count).hash(&mut hasher);
                for &index in &members[range] {
                    card_hashes[index].hash(&mut hasher);
                    for linked_kind in [kinds::CAUSE, kinds::FIX] {
                        if let Some(list) = site.relations[index].by_kind.get(linked_kind) {
                            for &j in list {
                                card_hashes[j].hash(&mut hasher);
                            }
                        }
                    }
                }
            }
            PageId::Article(index) => {
                let relations = &site.relations[index];
                site.articles[index].fingerprint.hash(&mut hasher);
                card_hashes[index].hash(&mut hasher);
                for (kind, list) in &relations.by_kind {
                    kind.hash(&mut hasher);
                    for &j in list {
                        card_hashes[j].hash(&mut hasher);
                    }
                }
                for &j in &relations.related {
                    card_hashes[j].hash(&mut hasher);
                }
                relations.previous.map(|j| card_hashes[j]).hash(&mut hasher);
                relations.next.map(|j| card_hashes[j]).hash(&mut hasher);
                has_print_page(site, index).hash(&mut hasher);
                troubleshoot_entry(site, index).hash(&mut hasher);
            }
            PageId::Source(index) => {
                site.articles[index].fingerprint.hash(&mut hasher);
                card_hashes[index].hash(&mut hasher);
            }
            PageId::Troubleshoot | PageId::Symptom(_) | PageId::Print(_) => {
                troubleshoot::hash_page(site, page, card_hashes, &mut hasher);
            }
            PageId::Search | PageId::NotFound => {
                for &index in self.kind_lists.firsts().flatten() {
                    card_hashes[index].hash(&mut hasher);
                }
            }
            PageId::Tags => {
                for tag in &site.tags {
                    (&tag.name, &tag.slug, tag.articles.len()).hash(&mut hasher);
                }
            }
            PageId::Tag(index, number) => {
                let tag = &site.tags[index];
                (&tag.name, &tag.slug).hash(&mut hasher);
                let (range, count) = list_page(tag.articles.len(), site.config.paginate, number);
                // The tag's count shows in the page's lead.
                (number, count, tag.articles.len()).hash(&mut hasher);
                for &article in &tag.articles[range] {
                    card_hashes[article].hash(&mut hasher);
                }
            }
            PageId::Redirect(index) => {
                site.aliases[index].hash(&mut hasher);
                card_hashes[site.aliases[index].target].hash(&mut hasher);
            }
            PageId::File(index, file) => {
                site.articles[index].files[file].hash(&mut hasher);
            }
        }
        hasher.finish()
    }
}

/// The positions in its list of the articles that page `number` of a list of `len` shows, and
/// how many pages the list has.
fn list_page(len: usize, per_page: usize, number: usize) -> (std::ops::Range<usize>, usize) {
    (page_range(len, per_page, number), page_count(len, per_page))
}

/// A hash of what an article shows wherever it is listed (its card: with its tags as the site
/// shows them), and of what the pages that list causes show of them (symptoms, on the home
/// page).
pub fn card_hash(site: &Site, index: usize) -> u64 {
    let article: &Article = &site.articles[index];
    let mut hasher = Hasher64::new();
    article.slug.hash(&mut hasher);
    article.kind.hash(&mut hasher);
    article.front.title.hash(&mut hasher);
    article.front.summary.hash(&mut hasher);
    for code in article.error_codes() {
        code.hash(&mut hasher);
    }
    article.front.effort.hash(&mut hasher);
    article.front.weight.hash(&mut hasher);
    article.front.updated.hash(&mut hasher);
    for &tag in &site.relations[index].tags {
        (&site.tags[tag].name, &site.tags[tag].slug).hash(&mut hasher);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;
    use crate::pipeline::render::pages_showing_body;

    fn page_html(loaded: &crate::Loaded, page: PageId) -> String {
        let renderer = super::super::PageRenderer::new(&loaded.site, &loaded.theme);
        String::from_utf8(renderer.render(page).expect("page renders").bytes).unwrap()
    }

    #[test]
    fn a_page_whose_fingerprint_is_unchanged_renders_the_same() {
        let mut loaded = fixture::loaded();
        let render_all = |loaded: &crate::Loaded| -> Vec<String> {
            plan(&loaded.site)
                .into_iter()
                .map(|page| page_html(loaded, page))
                .collect()
        };
        let before = fingerprints(&loaded.site, &loaded.theme);
        let before_html = render_all(&loaded);
        // The first guide is listed on the home, search and 404 pages, its kind index and its
        // neighbours and relations.
        let first_guide = loaded.site.articles_of_kind("guide").next().unwrap();
        std::sync::Arc::make_mut(&mut loaded.site.articles[first_guide])
            .front
            .title
            .push_str(" (renamed)");
        let after = fingerprints(&loaded.site, &loaded.theme);
        let after_html = render_all(&loaded);
        let mut changed = Vec::new();
        for ((old, new), (old_html, new_html)) in before
            .iter()
            .zip(&after)
            .zip(before_html.iter().zip(&after_html))
        {
            if old.2 == new.2 {
                assert!(
                    old_html == new_html,
                    "{} changed but kept its fingerprint",
                    old.0
                );
            } else {
                changed.push(old.0.as_str());
            }
        }
        for page in [
            "index.html",
            "search/index.html",
            "404.html",
            "guides/index.html",
        ] {
            assert!(
                changed.contains(&page),
                "{page} not re-rendered: {changed:?}"
            );
        }
    }

    #[test]
    fn a_list_page_whose_fingerprint_is_unchanged_renders_the_same() {
        // Two articles a page: renaming the second cause changes the first page of the causes
        // (and the pages that show the cause), not the second, whose slice and pager are
        // unchanged.
        let mut loaded = fixture::loaded();
        loaded.site.config.paginate = 2;
        let causes: Vec<usize> = loaded.site.articles_of_kind("cause").collect();
        assert!(causes.len() > 2, "the fixture has a second page of causes");
        let kind = loaded
            .site
            .config
            .kinds
            .iter()
            .position(|k| k.name == "cause")
            .unwrap();
        let before = fingerprints(&loaded.site, &loaded.theme);
        let before_html: Vec<String> = before.iter().map(|p| page_html(&loaded, p.1)).collect();
        std::sync::Arc::make_mut(&mut loaded.site.articles[causes[1]])
            .front
            .title
            .push_str(" (renamed)");
        let after = fingerprints(&loaded.site, &loaded.theme);
        let fingerprint = |list: &[PageFingerprint], page: PageId| {
            list.iter().find(|p| p.1 == page).map(|p| p.2).unwrap()
        };
        let first = PageId::Kind(kind, 1);
        let second = PageId::Kind(kind, 2);
        assert_ne!(fingerprint(&before, first), fingerprint(&after, first));
        assert_eq!(fingerprint(&before, second), fingerprint(&after, second));
        for (old, new) in before.iter().zip(&after) {
            if old.2 == new.2 {
                let index = before.iter().position(|p| p.0 == old.0).unwrap();
                assert!(
                    before_html[index] == page_html(&loaded, old.1),
                    "{} changed but kept its fingerprint",
                    old.0
                );
            }
        }
    }

    #[test]
    fn a_body_edit_changes_only_the_pages_that_show_the_body() {
        // The dev server's fast path re-renders `pages_showing_body` after a body-only edit:
        // every other page must keep its fingerprint.
        let mut loaded = fixture::loaded();
        let fix = loaded.site.by_slug["fixes/free-up-storage"];
        let before = fingerprints(&loaded.site, &loaded.theme);
        let article = std::sync::Arc::make_mut(&mut loaded.site.articles[fix]);
        article.steps.push("One more step.".to_string());
        article.html.push_str("<p>One more step.</p>");
        article.fingerprint ^= 1;
        let after = fingerprints(&loaded.site, &loaded.theme);
        let mut changed: Vec<PageId> = before
            .iter()
            .zip(&after)
            .filter(|(old, new)| old.2 != new.2)
            .map(|(old, _)| old.1)
            .collect();
        changed.sort();
        let mut expected = pages_showing_body(&loaded.site, fix);
        expected.sort();
        assert_eq!(changed, expected);
        let storage_full = loaded.site.by_slug["causes/storage-full"];
        assert!(
            changed.contains(&PageId::Print(storage_full)),
            "{changed:?}"
        );
    }
}
