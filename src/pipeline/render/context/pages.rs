//! The contexts of the pages that list tags, of redirect pages and of `404.html` (see
//! [`super`] for what templates get).

use super::*;

pub(crate) fn tags_context(shared: &Shared<'_>) -> tera::Context {
    let site = shared.site;
    let path = format!("{TAGS_DIR}/");
    let strings = &shared.strings;
    let mut page = shared.page(
        "tags",
        path.clone(),
        format!("{} · {}", strings.get("tags"), site.config.title),
        strings.fill("tags_description", &[("site", &site.config.title)]),
    );
    let crumbs = vec![
        seo::Crumb {
            title: strings.get("home").into_owned(),
            path: String::new(),
        },
        seo::Crumb {
            title: strings.get("tags").into_owned(),
            path,
        },
    ];
    page.json_ld = vec![seo::breadcrumb_json_ld(site, &crumbs)];
    let mut context = shared.context("../", page);
    context.insert("breadcrumbs", &linked(site, crumbs));
    let mut tags: Vec<TagEntry<'_>> = (0..site.tags.len()).map(|i| tag_entry(site, i)).collect();
    tags.sort_by_cached_key(|tag| (tag.link.name.to_lowercase(), tag.link.slug));
    context.insert("tags", &tags);
    context
}

pub(crate) fn tag_context(shared: &Shared<'_>, index: usize) -> tera::Context {
    let site = shared.site;
    let tag = &site.tags[index];
    let strings = &shared.strings;
    let mut page = shared.page(
        "tag",
        tag.path(),
        format!("{} · {}", tag.name, site.config.title),
        strings.fill("tag_description", &[("tag", &tag.name)]),
    );
    let crumbs = vec![
        seo::Crumb {
            title: strings.get("home").into_owned(),
            path: String::new(),
        },
        seo::Crumb {
            title: strings.get("tags").into_owned(),
            path: format!("{TAGS_DIR}/"),
        },
        seo::Crumb {
            title: tag.name.clone(),
            path: tag.path(),
        },
    ];
    page.json_ld = vec![seo::breadcrumb_json_ld(site, &crumbs)];
    let mut context = shared.context("../../", page);
    context.insert("breadcrumbs", &linked(site, crumbs));
    context.insert("tag", &tag_entry(site, index));
    let articles: Vec<Card<'_>> = tag.articles.iter().map(|&i| card(site, i)).collect();
    context.insert("articles", &articles);
    context
}

#[derive(Serialize)]
struct RedirectContext<'a> {
    path: &'a str,
    url: String,
    article: Card<'a>,
}

pub(crate) fn redirect_context(shared: &Shared<'_>, index: usize) -> tera::Context {
    let site = shared.site;
    let alias = &site.aliases[index];
    let article = &site.articles[alias.target];
    let mut page = shared.page(
        "redirect",
        alias.path.clone(),
        format!(
            "{} · {}",
            shared
                .strings
                .fill("moved_page_title", &[("title", &article.front.title)]),
            site.config.title
        ),
        String::new(),
    );
    // The canonical link names the page the alias leads to.
    page.permalink = site.config.permalink(&article.url_path());
    let folder = alias
        .output
        .rsplit_once('/')
        .map_or("", |(folder, _)| folder);
    let root = crate::markdown::root_of(folder);
    let mut context = shared.context(&root, page);
    context.insert(
        "redirect",
        &RedirectContext {
            path: &alias.path,
            url: format!("{root}{}", site.config.link(&article.url_path())),
            article: card(site, alias.target),
        },
    );
    context
}

pub(crate) fn not_found_context(shared: &Shared<'_>) -> tera::Context {
    let site = shared.site;
    let page = shared.page(
        "404",
        "404.html".to_string(),
        format!(
            "{} · {}",
            shared.strings.get("not_found_title"),
            site.config.title
        ),
        String::new(),
    );
    // Served at any depth, so absolute; opened from a disk, beside `index.html`.
    let root = if site.config.portable {
        ""
    } else {
        site.config.base_path()
    };
    let mut context = shared.context(root, page);
    context.insert("sections", &shared.sections);
    context
}
