//! The pages of a site: every page is a [`PageId`], [`plan`] lists them in a stable order and
//! [`output_path`] says where each goes in the build dir ([`describe`] names it for messages).
//! The files of article folders and the redirects of aliases are pages too, so the build and
//! the dev server publish them like any other. Also which pages show what, for the dev server:
//! [`pages_showing_body`] and whether a cause has a print view. Knows nothing of templates or
//! contexts.

use crate::model::{Article, Site, TAGS_DIR, TROUBLESHOOTER_DIR, kinds};

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
    /// `troubleshoot/<symptom>.html` for the symptom at this index of
    /// `site.troubleshooter.symptoms`.
    Symptom(usize),
    /// `<slug>/print.html`: the checklist of the cause at this index of `site.articles`.
    Print(usize),
    /// `<slug>/index.md`: the Markdown of the article at this index of `site.articles`.
    Source(usize),
    /// `tags/index.html`: every tag.
    Tags,
    /// `tags/<tag>/index.html` for the tag at this index of `site.tags`.
    Tag(usize),
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
    pages.extend((0..site.config.kinds.len()).map(PageId::Kind));
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
        pages.extend((0..site.tags.len()).map(PageId::Tag));
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
        PageId::Kind(index) => format!("{}/index.html", site.config.kinds[index].dir),
        PageId::Article(index) => format!("{}/index.html", site.articles[index].slug),
        PageId::Search => "search/index.html".to_string(),
        PageId::NotFound => "404.html".to_string(),
        PageId::Troubleshoot => format!("{}/index.html", TROUBLESHOOTER_DIR),
        PageId::Symptom(index) => site.troubleshooter.symptoms[index].path(),
        PageId::Print(index) => print_path(&site.articles[index]),
        PageId::Source(index) => format!("{}/index.md", site.articles[index].slug),
        PageId::Tags => format!("{TAGS_DIR}/index.html"),
        PageId::Tag(index) => format!("{}index.html", site.tags[index].path()),
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
        PageId::Kind(index) => format!("the index of {}", site.config.kinds[index].title),
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
        PageId::Tag(index) => format!("the tag page of `{}`", site.tags[index].name),
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
