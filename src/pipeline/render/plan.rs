//! The pages of a site: every page is a [`PageId`], [`plan`] lists them in a stable order and
//! [`output_path`] says where each goes in the build dir. Also which pages show what, for the
//! dev server: [`pages_showing_body`] and whether a cause has a print view. Knows nothing of
//! templates or contexts.

use crate::model::{Article, Site, TROUBLESHOOTER_DIR, kinds};

/// One page of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PageId {
    /// `index.html`.
    Home,
    /// `<dir>/index.html` for the kind at this index of `config.kinds`.
    Kind(usize),
    /// `<slug>/index.html` for the article at this index of `site.articles`.
    Article(usize),
    /// `search/index.html`.
    Search,
    /// `404.html`.
    NotFound,
    /// `troubleshoot/index.html`: every symptom, grouped, and every cause with its fixes.
    Troubleshoot,
    /// `troubleshoot/<symptom>/index.html` for the symptom at this index of
    /// `site.troubleshooter.symptoms`.
    Symptom(usize),
    /// `<slug>/print/index.html`: the checklist of the cause at this index of `site.articles`.
    Print(usize),
    /// `<slug>/index.md`: the Markdown of the article at this index of `site.articles`.
    Source(usize),
}

impl PageId {
    /// Whether the page is an HTML page (every page but the Markdown sources).
    pub fn is_html(self) -> bool {
        !matches!(self, PageId::Source(_))
    }
}

/// Every page of the site, in a stable order.
pub fn plan(site: &Site) -> Vec<PageId> {
    let mut pages = vec![PageId::Home];
    pages.extend((0..site.config.kinds.len()).map(PageId::Kind));
    pages.extend((0..site.articles.len()).map(PageId::Article));
    pages.extend((0..site.articles.len()).map(PageId::Source));
    pages.extend(
        (0..site.articles.len())
            .filter(|&i| has_print_page(site, i))
            .map(PageId::Print),
    );
    if !site.troubleshooter.is_empty() {
        pages.push(PageId::Troubleshoot);
        pages.extend((0..site.troubleshooter.symptoms.len()).map(PageId::Symptom));
    }
    pages.push(PageId::Search);
    pages.push(PageId::NotFound);
    pages
}

/// The build-dir path of a page.
pub fn output_path(site: &Site, page: PageId) -> String {
    match page {
        PageId::Home => "index.html".to_string(),
        PageId::Kind(index) => format!("{}/index.html", site.config.kinds[index].dir),
        PageId::Article(index) => format!("{}/index.html", site.articles[index].slug),
        PageId::Search => "search/index.html".to_string(),
        PageId::NotFound => "404.html".to_string(),
        PageId::Troubleshoot => format!("{}/index.html", TROUBLESHOOTER_DIR),
        PageId::Symptom(index) => {
            format!("{}index.html", site.troubleshooter.symptoms[index].path())
        }
        PageId::Print(index) => format!("{}index.html", print_path(&site.articles[index])),
        PageId::Source(index) => format!("{}/index.md", site.articles[index].slug),
    }
}

/// Whether an article gets a print view: causes with at least one fix.
pub fn has_print_page(site: &Site, index: usize) -> bool {
    site.articles[index].kind == kinds::CAUSE
        && site.relations[index]
            .by_kind
            .get(kinds::FIX)
            .is_some_and(|fixes| !fixes.is_empty())
}

/// The site path of an article's print view: `causes/x/print/`.
pub fn print_path(article: &Article) -> String {
    format!("{}print/", article.url_path())
}

/// The pages that show something of an article's body (not only of its front matter): its
/// page, its Markdown source and the print views that list its steps. The dev server
/// re-renders these after an edit that changed only the body.
pub fn pages_showing_body(site: &Site, index: usize) -> Vec<PageId> {
    let mut pages = vec![PageId::Article(index), PageId::Source(index)];
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
