//! The context of an article page: its table of contents, relations and "Next steps" (see
//! [`super`] for what templates get).

use std::collections::BTreeMap;

use super::*;

#[derive(Serialize)]
pub(super) struct TocEntry<'a> {
    id: &'a str,
    title: &'a str,
    level: u8,
    children: Vec<TocEntry<'a>>,
}

/// A group of related articles, `kind`, `heading` and `items` (cards), as a tera value: the
/// cards are the ones every page shares (see [`Shared::card_value`]).
fn relation_group(
    shared: &Shared<'_>,
    kind: &str,
    heading: String,
    items: impl Iterator<Item = usize>,
) -> tera::Value {
    let items: Vec<tera::Value> = items.map(|j| shared.card_value(j)).collect();
    let group: BTreeMap<&'static str, tera::Value> = BTreeMap::from([
        ("kind", kind.into()),
        ("heading", heading.into()),
        ("items", items.into()),
    ]);
    group.into()
}

#[derive(Serialize)]
pub(super) struct ArticleContext<'a> {
    #[serde(flatten)]
    card: Card<'a>,
    kind_title_in_text: String,
    symptoms: &'a [String],
    content: &'a str,
    toc: Vec<TocEntry<'a>>,
    steps: &'a [String],
    word_count: usize,
    reading_minutes: usize,
    updated_human: String,
    breadcrumbs: Vec<seo::Crumb>,
    print_path: Option<String>,
    troubleshoot: Option<SymptomLink<'a>>,
    extra: &'a serde_json::Map<String, serde_json::Value>,
    has_tabs: bool,
}

#[derive(Serialize)]
pub(super) struct SymptomLink<'a> {
    text: &'a str,
    path: String,
}

/// The context of the page of the article at `index`, made from `article`: the site's own
/// or, when the site let go of its body, the article parsed again.
pub(crate) fn article_context(
    shared: &Shared<'_>,
    index: usize,
    article: &crate::model::Article,
) -> tera::Context {
    let site = shared.site;
    let relations = &site.relations[index];
    let description = if article.front.summary.is_empty() {
        seo::excerpt(&article.text, seo::EXCERPT_CHARS)
    } else {
        article.front.summary.clone()
    };
    let mut page = shared.page(
        "article",
        article.url_path(),
        format!("{} · {}", article.front.title, site.config.title),
        description,
    );
    let home = shared.strings.get("home");
    page.json_ld = seo::article_json_ld(site, article, &home);
    let root = crate::markdown::root_of(&article.slug);
    let mut context = shared.context(&root, page);
    let mut groups: Vec<tera::Value> = Vec::new();
    for kind in &site.config.kinds {
        if let Some(list) = relations.by_kind.get(&kind.name) {
            let heading = relation_heading(&shared.strings, &article.kind, &kind.name, &kind.title);
            groups.push(relation_group(
                shared,
                &kind.name,
                heading,
                list.iter().copied(),
            ));
        }
    }
    let word_count = article.word_count();
    let article_context = ArticleContext {
        card: card(site, index),
        kind_title_in_text: title_in_text(&shared.strings, &site.kind_of(article).title),
        symptoms: &article.front.symptoms,
        content: &article.html,
        toc: table_of_contents(article),
        steps: &article.steps,
        word_count,
        reading_minutes: word_count.div_ceil(200).max(1),
        updated_human: article
            .front
            .updated
            .map(|d| shared.strings.date(d.year, d.month, d.day))
            .unwrap_or_default(),
        breadcrumbs: linked(site, seo::breadcrumbs(site, article, &home)),
        print_path: has_print_page(site, index).then(|| site.config.link(&print_path(article))),
        troubleshoot: troubleshoot_entry(site, index).map(|symptom| SymptomLink {
            text: &symptom.text,
            path: site.config.link(&symptom.path()),
        }),
        extra: &article.front.extra.0,
        has_tabs: article.has_tabs,
    };
    // The lists of other articles are added to the serialized rest as values that hold the
    // cards every page shares.
    let mut fields = tera::Value::from_serializable(&article_context)
        .into_map()
        .unwrap_or_default();
    let card_or_none = |j: Option<usize>| j.map_or(tera::Value::none(), |j| shared.card_value(j));
    let related: Vec<tera::Value> = relations
        .related
        .iter()
        .map(|&j| shared.card_value(j))
        .collect();
    let next_steps: Vec<tera::Value> = next_steps(site, &shared.strings, index)
        .into_iter()
        .map(|group| relation_group(shared, group.kind, group.heading, group.items.into_iter()))
        .collect();
    fields.insert("relations".into(), groups.into());
    fields.insert("related".into(), related.into());
    fields.insert("previous".into(), card_or_none(relations.previous));
    fields.insert("next".into(), card_or_none(relations.next));
    fields.insert("next_steps".into(), next_steps.into());
    context.insert_value("article", fields.into());
    if article.has_tabs {
        context.insert("script_strings", shared.tabs_script_strings());
    }
    context
}

/// One group of an article's "Next steps": a heading and the articles under it, as indexes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextStepGroup<'a> {
    /// The kind of the articles listed (`related` for "See also").
    pub kind: &'a str,
    /// The heading shown above them.
    pub heading: String,
    /// The articles, as indexes into `site.articles`.
    pub items: Vec<usize>,
}

/// What the end of an article offers next: its relations, a group per kind in kind order
/// (forward edges in the order written, then reverse ones), then its "See also" links. Each
/// article is listed once, in the first group that has it; the article itself and the articles
/// its body already links to are left out (the body has sent the reader there, with more to
/// say about them than a list can), as are groups left empty.
pub fn next_steps<'a>(site: &'a Site, strings: &Strings, index: usize) -> Vec<NextStepGroup<'a>> {
    let article = &site.articles[index];
    let relations = &site.relations[index];
    let mut listed: std::collections::HashSet<usize> = article
        .links
        .iter()
        .filter_map(|link| site.by_slug.get(&link.target).copied())
        .collect();
    listed.insert(index);
    let mut groups = Vec::new();
    let mut add = |kind, heading, list: &[usize]| {
        let items: Vec<usize> = list.iter().copied().filter(|&j| listed.insert(j)).collect();
        if !items.is_empty() {
            groups.push(NextStepGroup {
                kind,
                heading,
                items,
            });
        }
    };
    for kind in &site.config.kinds {
        if let Some(list) = relations.by_kind.get(&kind.name) {
            let heading = relation_heading(strings, &article.kind, &kind.name, &kind.title);
            add(kind.name.as_str(), heading, list);
        }
    }
    add(
        "related",
        strings.get("see_also").into_owned(),
        &relations.related,
    );
    groups
}

/// The heading of a group of related articles on an article page, from the article's kind and
/// the kind of the articles listed, in the language of `strings`.
pub fn relation_heading(strings: &Strings, from: &str, to: &str, to_title: &str) -> String {
    let key = match (from, to) {
        (kinds::CAUSE, kinds::FIX) => "fixes_for_this_cause",
        (kinds::FIX, kinds::CAUSE) => "what_this_fixes",
        (_, kinds::ERROR) => "error_codes",
        (kinds::ERROR, kinds::CAUSE) => "causes",
        (kinds::ERROR, kinds::FIX) => "fixes",
        (_, kinds::CAUSE) => "possible_causes",
        (_, kinds::FIX) => "fixes_to_try",
        _ => return to_title.to_string(),
    };
    strings.get(key).into_owned()
}

pub(super) fn table_of_contents(article: &Article) -> Vec<TocEntry<'_>> {
    let mut toc: Vec<TocEntry<'_>> = Vec::new();
    for heading in &article.headings {
        let entry = TocEntry {
            id: &heading.id,
            title: &heading.text,
            level: heading.level,
            children: Vec::new(),
        };
        match heading.level {
            2 => toc.push(entry),
            3 => match toc.last_mut() {
                Some(parent) => parent.children.push(entry),
                None => toc.push(entry),
            },
            _ => {}
        }
    }
    toc
}
