//! The pages of a site: every page is a [`PageId`], [`plan`] lists them in a stable order and
//! [`output_path`] says where each goes in the build dir ([`describe`] names it for messages).
//! The files of article folders and the redirects of aliases are pages too, so the build and
//! the dev server publish them like any other. Also which pages show what, for the dev server:
//! [`pages_showing_body`] and whether a cause has a print view. Knows nothing of templates or
//! contexts.
//!
//! # Lists of more than one page
//! A kind's index and a tag's page list at most `[build] paginate` articles each (Hugo's and
//! Zola's paginators): page 1 stays at the list's own path (`causes/`, `tags/wi-fi/`), page
//! N ≥ 2 goes to `<path>page/N/` ([`list_page_path`]), so a list that fits on one page is
//! published exactly as before. A kind's articles are split in display order
//! ([`kind_members`]), a tag's in the order of [`crate::model::Tag::articles`]. The `page/`
//! folder of a kind whose list has more than one page is the list's: the link stage refuses
//! an article there (see `check_generated_paths` in [`crate::pipeline::link`]).

use std::collections::HashMap;
use std::ops::Range;

use crate::model::{Article, Site, TAGS_DIR, TROUBLESHOOTER_DIR, kinds};

/// One page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageId {
    /// `index.html`.
    Home,
    /// `<dir>/index.html` for the kind at the first index of `config.kinds`, with the page
    /// number second (1 for that page; N ≥ 2 is `<dir>/page/N/index.html`).
    Kind(usize, usize),
    /// `<slug>/index.html` for the article at this index of `site.articles`.
    Article(usize),
    /// `search/index.html`.
    Search,
    /// `404.html`.
    NotFound,
    /// `troubleshoot/index.html`: every symptom, grouped, and every cause with its fixes.
    Troubleshoot,
    /// `troubleshoot/<symptom>.html` for the symptom at this index of
    /// `site.troubleshooter.symptoms`.
    Symptom(usize),
    /// `<slug>/print.html`: the checklist of the cause at this index of `site.articles`.
    Print(usize),
    /// `<slug>/index.md`: the Markdown of the article at this index of `site.articles`.
    Source(usize),
    /// `tags/index.html`: every tag.
    Tags,
    /// `tags/<tag>/index.html` for the tag at the first index of `site.tags`, with the page
    /// number second (1 for that page; N ≥ 2 is `tags/<tag>/page/N/index.html`).
    Tag(usize, usize),
    /// The redirect of the alias at this index of `site.aliases`.
    Redirect(usize),
    /// `<slug>/<name>`: the file at the second index of the files of the article at the first.
    File(usize, usize),
}

impl PageId {
    /// Whether the page is an HTML page (not a Markdown source or a file of an article).
    pub fn is_html(self) -> bool {
        !matches!(self, PageId::Source(_) | PageId::File(..))
    }
}

/// Every page of the site, in a stable order.
pub fn plan(site: &Site) -> Vec<PageId> {
    let mut pages = vec![PageId::Home];
    let per_page = site.config.paginate;
    for (kind, members) in kind_members(site).iter().enumerate() {
        let count = page_count(members.len(), per_page);
        pages.extend((1..=count).map(|number| PageId::Kind(kind, number)));
    }
    // An edition's fallbacks have no pages of their own: they link to the original's.
    let own = || (0..site.articles.len()).filter(|&i| site.articles[i].fallback.is_none());
    pages.extend(own().map(PageId::Article));
    pages.extend(own().map(PageId::Source));
    pages.extend(
        own()
            .filter(|&i| has_print_page(site, i))
            .map(PageId::Print),
    );
    if !site.troubleshooter.is_empty() {
        pages.push(PageId::Troubleshoot);
        pages.extend((0..site.troubleshooter.symptoms.len()).map(PageId::Symptom));
    }
    if !site.tags.is_empty() {
        pages.push(PageId::Tags);
        for (index, tag) in site.tags.iter().enumerate() {
            let count = page_count(tag.articles.len(), per_page);
            pages.extend((1..=count).map(|number| PageId::Tag(index, number)));
        }
    }
    for (index, article) in site.articles.iter().enumerate() {
        // A translation's folder files are its original's, published once per edition.
        pages.extend((0..article.files.len()).map(|file| PageId::File(index, file)));
    }
    pages.extend((0..site.aliases.len()).map(PageId::Redirect));
    pages.push(PageId::Search);
    pages.push(PageId::NotFound);
    pages
}

/// The build-dir path of a page.
pub fn output_path(site: &Site, page: PageId) -> String {
    match page {
        PageId::Home => "index.html".to_string(),
        PageId::Kind(index, number) => format!(
            "{}index.html",
            list_page_path(&format!("{}/", site.config.kinds[index].dir), number)
        ),
        PageId::Article(index) => format!("{}/index.html", site.articles[index].slug),
        PageId::Search => "search/index.html".to_string(),
        PageId::NotFound => "404.html".to_string(),
        PageId::Troubleshoot => format!("{}/index.html", TROUBLESHOOTER_DIR),
        PageId::Symptom(index) => site.troubleshooter.symptoms[index].path(),
        PageId::Print(index) => print_path(&site.articles[index]),
        PageId::Source(index) => format!("{}/index.md", site.articles[index].slug),
        PageId::Tags => format!("{TAGS_DIR}/index.html"),
        PageId::Tag(index, number) => format!(
            "{}index.html",
            list_page_path(&site.tags[index].path(), number)
        ),
        PageId::Redirect(index) => site.aliases[index].output.clone(),
        PageId::File(index, file) => {
            let article = &site.articles[index];
            format!("{}/{}", article.slug, article.files[file].name)
        }
    }
}

/// What a page is, for messages: "the article `causes/x`", "the tag page of `iPad`".
pub fn describe(site: &Site, page: PageId) -> String {
    let slug = |index: usize| &site.articles[index].slug;
    match page {
        PageId::Home => "the home page".to_string(),
        PageId::Kind(index, 1) => format!("the index of {}", site.config.kinds[index].title),
        PageId::Kind(index, number) => format!(
            "page {number} of the index of {}",
            site.config.kinds[index].title
        ),
        PageId::Article(index) => format!("the article `{}`", slug(index)),
        PageId::Search => "the search page".to_string(),
        PageId::NotFound => "the page for pages not found".to_string(),
        PageId::Troubleshoot => "the troubleshooter".to_string(),
        PageId::Symptom(index) => format!(
            "the troubleshooter page of `{}`",
            site.troubleshooter.symptoms[index].text
        ),
        PageId::Print(index) => format!("the print view of `{}`", slug(index)),
        PageId::Source(index) => format!("the Markdown of `{}`", slug(index)),
        PageId::Tags => "the tag index".to_string(),
        PageId::Tag(index, 1) => format!("the tag page of `{}`", site.tags[index].name),
        PageId::Tag(index, number) => {
            format!(
                "page {number} of the tag page of `{}`",
                site.tags[index].name
            )
        }
        PageId::Redirect(index) => format!(
            "the alias `{}` of `{}`",
            site.aliases[index].path,
            slug(site.aliases[index].target)
        ),
        PageId::File(index, file) => format!(
            "the file `{}` of `{}`",
            site.articles[index].files[file].name,
            slug(index)
        ),
    }
}

/// The folder, under a list's own, of its pages after the first: `causes/page/2/`.
pub const PAGES_DIR: &str = "page";

/// How many pages a list of `len` articles takes at `per_page` articles a page (`[build]
/// paginate`; 0 puts every article on one page): at least one, so a kind with no articles
/// still has its index.
pub fn page_count(len: usize, per_page: usize) -> usize {
    if per_page == 0 {
        1
    } else {
        len.div_ceil(per_page).max(1)
    }
}

/// The positions in a list of `len` articles of those that page `number` (from 1) shows.
pub fn page_range(len: usize, per_page: usize, number: usize) -> Range<usize> {
    if per_page == 0 {
        return 0..len;
    }
    let start = number.saturating_sub(1).saturating_mul(per_page).min(len);
    start..start.saturating_add(per_page).min(len)
}

/// The site path of page `number` of the list whose first page is at `path` (`causes/`):
/// `path` itself for the first page, `causes/page/2/` for the second.
pub fn list_page_path(path: &str, number: usize) -> String {
    if number <= 1 {
        path.to_string()
    } else {
        format!("{path}{PAGES_DIR}/{number}/")
    }
}

/// The articles of each kind, as indexes into `site.articles` in display order, in
/// `config.kinds` order: what each kind's index lists, from one pass over the articles.
pub fn kind_members(site: &Site) -> Vec<Vec<usize>> {
    let position: HashMap<&str, usize> = site
        .config
        .kinds
        .iter()
        .enumerate()
        .map(|(i, kind)| (kind.name.as_str(), i))
        .collect();
    let mut members = vec![Vec::new(); site.config.kinds.len()];
    for (index, article) in site.articles.iter().enumerate() {
        if let Some(&kind) = position.get(article.kind.as_str()) {
            members[kind].push(index);
        }
    }
    members
}

/// Whether an article gets a print view: causes with at least one fix.
pub fn has_print_page(site: &Site, index: usize) -> bool {
    site.articles[index].kind == kinds::CAUSE
        && site.relations[index]
            .by_kind
            .get(kinds::FIX)
            .is_some_and(|fixes| !fixes.is_empty())
}

/// The site path of an article's print view, a file in the article's folder beside its
/// `index.html` (not a folder of its own): `causes/x/print.html`. An author cannot publish
/// there: a file `print.html` of the article's folder is refused as a clash with this page
/// (see [`crate::pipeline::link`]). Links are the same in a portable build.
pub fn print_path(article: &Article) -> String {
    format!("{}{PRINT_FILE}", article.url_path())
}

/// The file name of a cause's print view in the cause's folder.
pub const PRINT_FILE: &str = "print.html";

/// The pages that show something of an article's body (not only of its front matter): its
/// page, its Markdown source, the files of its folder and the print views that list its steps.
/// The dev server re-renders these after an edit that changed only the body.
pub fn pages_showing_body(site: &Site, index: usize) -> Vec<PageId> {
    let mut pages = vec![PageId::Article(index), PageId::Source(index)];
    pages.extend((0..site.articles[index].files.len()).map(|file| PageId::File(index, file)));
    if site.articles[index].kind == kinds::FIX
        && let Some(causes) = site.relations[index].by_kind.get(kinds::CAUSE)
    {
        pages.extend(
            causes
                .iter()
                .filter(|&&cause| has_print_page(site, cause))
                .map(|&cause| PageId::Print(cause)),
        );
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_takes_whole_pages_and_at_least_one() {
        assert_eq!(page_count(0, 100), 1);
        assert_eq!(page_count(100, 100), 1);
        assert_eq!(page_count(101, 100), 2);
        assert_eq!(page_count(250, 2), 125);
        assert_eq!(page_count(100_000, 0), 1, "0 never splits a list");
    }

    #[test]
    fn each_page_shows_its_slice_and_the_slices_cover_the_list_once() {
        assert_eq!(page_range(5, 2, 1), 0..2);
        assert_eq!(page_range(5, 2, 3), 4..5);
        assert_eq!(page_range(5, 0, 1), 0..5);
        for (len, per_page) in [(0, 3), (1, 3), (7, 3), (9, 3), (10, 1)] {
            let covered: Vec<usize> = (1..=page_count(len, per_page))
                .flat_map(|number| page_range(len, per_page, number))
                .collect();
            assert_eq!(covered, (0..len).collect::<Vec<_>>(), "{len} by {per_page}");
        }
    }

    #[test]
    fn pages_after_the_first_go_to_the_page_folder() {
        assert_eq!(list_page_path("causes/", 1), "causes/");
        assert_eq!(list_page_path("causes/", 2), "causes/page/2/");
        assert_eq!(list_page_path("tags/wi-fi/", 12), "tags/wi-fi/page/12/");
    }
}
