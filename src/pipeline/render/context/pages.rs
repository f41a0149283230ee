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

/// The context of page `number` (from 1) of the tag at `index`: the cards of that page only,
/// and a `pager` when the tag's list has more than one page (see [`super::kind_context`]).
pub(crate) fn tag_context(shared: &Shared<'_>, index: usize, number: usize) -> tera::Context {
    let site = shared.site;
    let tag = &site.tags[index];
    let strings = &shared.strings;
    let first = tag.path();
    let per_page = site.config.paginate;
    let count = super::super::plan::page_count(tag.articles.len(), per_page);
    let path = super::super::plan::list_page_path(&first, number);
    let listed = ListedPage::new(site, &shared.strings, &tag.name, &first, number, count);
    let mut page = shared.page(
        "tag",
        path.clone(),
        format!("{} · {}", listed.title, site.config.title),
        strings.fill("tag_description", &[("tag", &tag.name)]),
    );
    let mut crumbs = vec![
        seo::Crumb {
            title: strings.get("home").into_owned(),
            path: String::new(),
        },
        seo::Crumb {
            title: strings.get("tags").into_owned(),
            path: format!("{TAGS_DIR}/"),
        },
    ];
    if number == 1 {
        crumbs.push(seo::Crumb {
            title: tag.name.clone(),
            path: first,
        });
        page.json_ld = vec![seo::breadcrumb_json_ld(site, &crumbs)];
    } else {
        page.json_ld = listed.json_ld(site, crumbs.clone());
        crumbs.push(seo::Crumb {
            title: tag.name.clone(),
            path: first,
        });
        crumbs.push(seo::Crumb {
            title: listed.crumb().to_string(),
            path: path.clone(),
        });
    }
    let root = crate::markdown::root_of(&path);
    let mut context = shared.context(&root, page);
    context.insert("breadcrumbs", &linked(site, crumbs));
    context.insert("tag", &tag_entry(site, index));
    let shown = &tag.articles[super::super::plan::page_range(tag.articles.len(), per_page, number)];
    let articles: Vec<Card<'_>> = shown.iter().map(|&i| card(site, i)).collect();
    context.insert("articles", &articles);
    listed.insert_into(&mut context);
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
