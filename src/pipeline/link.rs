//! Stage 3, link: all parsed articles in, one [`Site`] out. Puts the articles in display order,
//! resolves the relation graph (`fixes`, `causes`, `related`) and derives its reverse edges,
//! sets previous/next within each kind, and checks everything that needs more than one
//! article: relations to missing articles or to the wrong kind, `@/` links and `#anchors` that
//! lead nowhere, duplicate error codes, error pages without a code. It gathers the tags
//! ([`tags`]) and resolves the aliases, checking that no alias or file of an article folder is
//! published over another file ([`published`]). Linear in the number of articles and
//! relations: the dev server re-runs it after every change.

mod published;
mod tags;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::{Article, Located, Relations, Section, Site, kinds, sort_articles};

/// Slugs of articles that exist as files but are not in the site.
#[derive(Debug, Clone, Default)]
pub struct LeftOut {
    /// Drafts left out of the build: a relation to one gets a clear message.
    pub drafts: HashSet<String>,
    /// Articles whose file has errors of its own: relations and links to them are not reported
    /// again, so one broken file gives one diagnostic, not one per article that links to it.
    pub broken: HashSet<String>,
    /// Articles whose files have problems, as far as they could be read: not published, but
    /// their relations and links are checked, so one run reports every problem of a file.
    pub partial_articles: Vec<Arc<Article>>,
    /// Section intros whose files have problems, as far as they could be read: their links are
    /// checked.
    pub partial_sections: Vec<Section>,
}

/// Builds the site from parsed articles and section intros; `assets` are the build-dir paths of
/// the theme's files (and the site's `static/`), which nothing else may take.
pub fn link(
    config: &Config,
    mut articles: Vec<Arc<Article>>,
    sections: Vec<(Option<String>, Section)>,
    left_out: &LeftOut,
    assets: &BTreeSet<String>,
) -> (Site, Vec<Diagnostic>) {
    sort_articles(config, &mut articles);
    let mut config = config.clone();
    // A kind's `_index.md` title is the kind's title everywhere: navigation, breadcrumbs, cards.
    for (kind, section) in &sections {
        if let (Some(kind), Some(title)) = (kind, &section.title)
            && let Some(definition) = config.kinds.iter_mut().find(|k| &k.name == kind)
        {
            definition.title = title.clone();
        }
    }
    let mut site = Site::new(config, articles);
    for (kind, section) in sections {
        match kind {
            None => site.home = section,
            Some(kind) => {
                site.sections.insert(kind, section);
            }
        }
    }
    let mut diagnostics = Vec::new();
    resolve_relations(&mut site, left_out, &mut diagnostics);
    set_neighbours(&mut site);
    check_links(&site, left_out, &mut diagnostics);
    check_partial_files(&site, left_out, &mut diagnostics);
    check_error_codes(&site, &mut diagnostics);
    check_generated_paths(&site, &mut diagnostics);
    resolve_escalation(&mut site, left_out, &mut diagnostics);
    site.troubleshooter = crate::troubleshooter::derive(&site);
    diagnostics.extend(tags::collect(&mut site));
    diagnostics.extend(published::check(
        &mut site,
        &left_out.partial_articles,
        assets,
    ));
    (site, diagnostics)
}

/// Resolves `[troubleshooter] escalation` to an article, or reports it at its line in
/// `book.toml` the way a relation to a missing article is reported.
fn resolve_escalation(site: &mut Site, left_out: &LeftOut, diagnostics: &mut Vec<Diagnostic>) {
    let Some(setting) = site.config.troubleshooter.escalation.clone() else {
        return;
    };
    let slug = setting.value.as_str();
    if let Some(&index) = site.by_slug.get(slug) {
        site.escalation = Some(index);
    } else if left_out.drafts.contains(slug) {
        diagnostics.push(
            setting
                .diagnostic(format!(
                    "`{slug}` is a draft, and drafts are left out of the build"
                ))
                .with_help("publish it (`draft = false`) or build with `--drafts`"),
        );
    } else if slug == "_index" || slug.ends_with("/_index") {
        diagnostics.push(
            setting
                .diagnostic(format!(
                    "`{slug}` is an intro page (`content/{slug}.md`), not an article"
                ))
                .with_help("`escalation` takes an article's slug such as `fixes/contact-support`"),
        );
    } else if !left_out.broken.contains(slug) {
        let mut diagnostic = setting.diagnostic(format!(
            "no article `{slug}`: `content/{slug}.md` does not exist"
        ));
        diagnostic = match closest_slug(site, slug, None) {
            Some(suggestion) => diagnostic.with_help(format!("did you mean `{suggestion}`?")),
            None => diagnostic
                .with_help("`escalation` takes a full slug such as `fixes/contact-support`"),
        };
        diagnostics.push(diagnostic);
    }
}

/// A relation field of the front matter: its name, its values, the kind it must point at (none
/// for `related`) and that kind's folder.
type RelationField<'a> = (
    &'static str,
    &'a [Located],
    Option<&'static str>,
    Option<&'a str>,
);

/// The resolved edges of one article's relations: `fixes` and `causes` targets, then
/// `related` ones. Problems with them go to `diagnostics`.
fn relation_edges(
    site: &Site,
    article: &Article,
    left_out: &LeftOut,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<usize>, Vec<usize>) {
    let fix_dir = site.config.kind(kinds::FIX).map(|k| k.dir.as_str());
    let cause_dir = site.config.kind(kinds::CAUSE).map(|k| k.dir.as_str());
    let fields: [RelationField<'_>; 3] = [
        ("fixes", &article.front.fixes, Some(kinds::FIX), fix_dir),
        (
            "causes",
            &article.front.causes,
            Some(kinds::CAUSE),
            cause_dir,
        ),
        ("related", &article.front.related, None, None),
    ];
    let mut forward = Vec::new();
    let mut related = Vec::new();
    let mut seen = HashSet::new();
    for (field, values, want_kind, dir) in fields {
        for value in values {
            match resolve(site, article, field, value, want_kind, dir, left_out) {
                Ok(target) => {
                    if !seen.insert((field, target)) {
                        diagnostics.push(
                            Diagnostic::at(
                                &article.path,
                                &article.source,
                                value.span.clone(),
                                format!("`{}` is listed twice in `{field}`", value.value),
                            )
                            .with_help("remove one of the two")
                            .warning(),
                        );
                    } else if want_kind.is_some() {
                        forward.push(target);
                    } else {
                        related.push(target);
                    }
                }
                Err(Some(diagnostic)) => diagnostics.push(*diagnostic),
                Err(None) => {}
            }
        }
    }
    (forward, related)
}

fn resolve_relations(site: &mut Site, left_out: &LeftOut, diagnostics: &mut Vec<Diagnostic>) {
    // Each article's edges are resolved on its own, on every core, with its forward edges by
    // kind; the problems are reported in article order all the same.
    let site_ref = &*site;
    let resolved: Vec<(Relations, Vec<usize>, Vec<Diagnostic>)> = site_ref
        .articles
        .par_iter()
        .map(|article| {
            let mut found = Vec::new();
            let (forward, related) = relation_edges(site_ref, article, left_out, &mut found);
            let mut relations = Relations {
                related,
                ..Relations::default()
            };
            for &target in &forward {
                push_edge(&mut relations, &site_ref.articles[target].kind, target);
            }
            (relations, forward, found)
        })
        .collect();
    let mut relations = Vec::with_capacity(resolved.len());
    let mut forward = Vec::with_capacity(resolved.len());
    for (article_relations, edges, found) in resolved {
        relations.push(article_relations);
        forward.push(edges);
        diagnostics.extend(found);
    }
    // The reverse edges, in site order.
    for (index, edges) in forward.iter().enumerate() {
        let kind = &site.articles[index].kind;
        for &target in edges {
            if !relations[target]
                .by_kind
                .get(kind)
                .is_some_and(|list| list.contains(&index))
            {
                push_edge(&mut relations[target], kind, index);
            }
        }
    }
    site.relations = relations;
}

/// Adds `target` to the edges of `relations` to articles of `kind`.
fn push_edge(relations: &mut Relations, kind: &str, target: usize) {
    match relations.by_kind.get_mut(kind) {
        Some(list) => list.push(target),
        None => {
            relations.by_kind.insert(kind.to_string(), vec![target]);
        }
    }
}

/// Resolves one relation value to an article index, or explains why it cannot; `Err(None)`
/// when the target's own file is broken (already reported).
fn resolve(
    site: &Site,
    article: &Article,
    field: &str,
    value: &Located,
    want_kind: Option<&str>,
    dir: Option<&str>,
    left_out: &LeftOut,
) -> Result<usize, Option<Box<Diagnostic>>> {
    resolve_strict(
        site,
        article,
        field,
        value,
        want_kind,
        dir,
        &left_out.drafts,
    )
    .map_err(|d| {
        let raw = value.value.trim_end_matches(".md").trim_matches('/');
        let slug = match dir {
            Some(dir) if !raw.contains('/') => format!("{dir}/{raw}"),
            _ => raw.to_string(),
        };
        (!left_out.broken.contains(&slug)).then_some(d)
    })
}

fn resolve_strict(
    site: &Site,
    article: &Article,
    field: &str,
    value: &Located,
    want_kind: Option<&str>,
    dir: Option<&str>,
    drafts: &HashSet<String>,
) -> Result<usize, Box<Diagnostic>> {
    let at = |message: String| {
        Box::new(Diagnostic::at(
            &article.path,
            &article.source,
            value.span.clone(),
            message,
        ))
    };
    let raw = value.value.trim_end_matches(".md").trim_matches('/');
    if let Some(want) = want_kind
        && dir.is_none()
    {
        return Err(at(format!(
            "`{field}` needs a kind named `{want}`, and this site has none"
        ))
        .with_help(format!(
            "add `[kinds.{want}]` to `book.toml`, or list the article in `related`"
        ))
        .into());
    }
    let slug = match dir {
        Some(dir) if !raw.contains('/') => format!("{dir}/{raw}"),
        _ => raw.to_string(),
    };
    if slug == article.slug {
        return Err(at(format!(
            "`{}` relates the article to itself",
            value.value
        )));
    }
    match site.by_slug.get(&slug) {
        Some(&target) => {
            let target_kind = &site.articles[target].kind;
            match want_kind {
                Some(want) if target_kind != want => Err(at(format!(
                    "`{slug}` is a {target_kind}, but `{field}` lists {}",
                    plural(site, want)
                ))
                .with_help(match target_kind.as_str() {
                    kinds::CAUSE => "list it in `causes`".to_string(),
                    kinds::FIX => "list it in `fixes`".to_string(),
                    _ => format!("list {} in `related`", plural(site, target_kind)),
                })
                .into()),
                _ => Ok(target),
            }
        }
        None if drafts.contains(&slug) => Err(at(format!(
            "`{slug}` is a draft, and drafts are left out of the build"
        ))
        .with_help("publish it (`draft = false`) or build with `--drafts`")
        .into()),
        None => {
            let expected = match want_kind {
                Some(want) => format!("no {want} `{raw}`"),
                None => format!("no article `{slug}`"),
            };
            let mut diagnostic = at(format!("{expected}: `content/{slug}.md` does not exist"));
            if let Some(suggestion) = closest_slug(site, &slug, want_kind) {
                let shown = match (dir, want_kind) {
                    (Some(dir), Some(_)) => suggestion
                        .strip_prefix(&format!("{dir}/"))
                        .unwrap_or(&suggestion)
                        .to_string(),
                    _ => suggestion,
                };
                diagnostic = Box::new(diagnostic.with_help(format!("did you mean `{shown}`?")));
            } else if want_kind.is_none() && !raw.contains('/') {
                diagnostic = Box::new(diagnostic.with_help(
                    "`related` takes full slugs such as `guides/how-icloud-backup-works`",
                ));
            }
            Err(diagnostic)
        }
    }
}

fn plural(site: &Site, kind: &str) -> String {
    site.config
        .kind(kind)
        .map_or_else(|| format!("{kind}s"), |k| k.title.to_lowercase())
}

/// The slug of the article (of `kind`, if given) closest to `slug`, for "did you mean".
fn closest_slug(site: &Site, slug: &str, kind: Option<&str>) -> Option<String> {
    let candidates = site
        .articles
        .iter()
        .filter(|a| kind.is_none_or(|k| a.kind == k))
        .map(|a| a.slug.as_str());
    crate::suggest::closest(slug, candidates).map(str::to_string)
}

fn set_neighbours(site: &mut Site) {
    let mut last_of_kind: HashMap<&str, usize> = HashMap::new();
    let mut pairs = Vec::new();
    for (index, article) in site.articles.iter().enumerate() {
        if let Some(previous) = last_of_kind.insert(article.kind.as_str(), index) {
            pairs.push((previous, index));
        }
    }
    for (previous, next) in pairs {
        site.relations[previous].next = Some(next);
        site.relations[next].previous = Some(previous);
    }
}

/// Whether every `@/` link and `#anchor` of `article` leads somewhere in `site` (which holds no
/// drafts or broken files that the article could point at). The dev server's fast path uses it
/// after an edit that changed only an article's body.
pub fn links_resolve(site: &Site, article: &Article) -> bool {
    let mut diagnostics = Vec::new();
    check_file_links(
        site,
        &section_slugs(site),
        &LeftOut::default(),
        (&article.path, &article.source, &article.links),
        &mut diagnostics,
    );
    diagnostics.is_empty()
}

fn section_slugs(site: &Site) -> HashSet<String> {
    site.config
        .kinds
        .iter()
        .map(|k| format!("{}/_index", k.dir))
        .chain(std::iter::once("_index".to_string()))
        .collect()
}

fn check_links(site: &Site, left_out: &LeftOut, diagnostics: &mut Vec<Diagnostic>) {
    let section_slugs = section_slugs(site);
    // Articles and the `_index.md` intros of the home page and the kinds, which link alike.
    let intros = std::iter::once(&site.home).chain(
        site.config
            .kinds
            .iter()
            .filter_map(|kind| site.sections.get(&kind.name)),
    );
    let files = site
        .articles
        .iter()
        .map(|a| (&a.path, &a.source, &a.links))
        .chain(intros.map(|s| (&s.path, &s.source, &s.links)));
    for file in files {
        check_file_links(site, &section_slugs, left_out, file, diagnostics);
    }
}

/// The relations and links of the files that have problems of their own (see
/// [`LeftOut::partial_articles`]): reported with those problems, in the same run.
fn check_partial_files(site: &Site, left_out: &LeftOut, diagnostics: &mut Vec<Diagnostic>) {
    let section_slugs = section_slugs(site);
    for article in &left_out.partial_articles {
        relation_edges(site, article, left_out, diagnostics);
        let file = (&article.path, &article.source, &article.links);
        check_file_links(site, &section_slugs, left_out, file, diagnostics);
    }
    for section in &left_out.partial_sections {
        let file = (&section.path, &section.source, &section.links);
        check_file_links(site, &section_slugs, left_out, file, diagnostics);
    }
}

/// A file's path, text and internal links.
type LinkingFile<'a> = (
    &'a std::path::PathBuf,
    &'a String,
    &'a Vec<crate::model::InternalLink>,
);

fn check_file_links(
    site: &Site,
    section_slugs: &HashSet<String>,
    left_out: &LeftOut,
    (path, source, links): LinkingFile<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    {
        for link in links {
            // A link written in a snippet is reported in the snippet.
            let at = |message: String| match &link.file {
                Some(snippet) => {
                    Diagnostic::at(&snippet.path, &snippet.text, link.span.clone(), message)
                }
                None => Diagnostic::at(path, source, link.span.clone(), message),
            };
            if section_slugs.contains(&link.target) {
                if link.anchor.is_some() {
                    diagnostics.push(at("links to an index page cannot have an anchor".into()));
                }
                continue;
            }
            let Some(target) = site.article(&link.target) else {
                if left_out.broken.contains(&link.target) {
                    continue;
                }
                if left_out.drafts.contains(&link.target) {
                    diagnostics.push(
                        at(format!(
                            "`{}` is a draft, and drafts are left out of the build",
                            link.target
                        ))
                        .with_help("publish it (`draft = false`) or build with `--drafts`"),
                    );
                    continue;
                }
                let mut diagnostic = at(format!(
                    "broken link: `content/{}.md` does not exist",
                    link.target
                ));
                if let Some(suggestion) = closest_slug(site, &link.target, None) {
                    diagnostic = diagnostic.with_help(format!("did you mean `@/{suggestion}.md`?"));
                }
                diagnostics.push(diagnostic);
                continue;
            };
            if let Some(anchor) = &link.anchor
                && !anchor.is_empty()
                && !target.headings.iter().any(|h| &h.id == anchor)
            {
                let mut diagnostic = at(format!(
                    "broken anchor: `{}` has no heading with id `{anchor}`",
                    target.slug
                ));
                let best =
                    crate::suggest::closest(anchor, target.headings.iter().map(|h| h.id.as_str()));
                diagnostic = match best {
                    Some(id) => diagnostic.with_help(format!("did you mean `#{id}`?")),
                    _ if target.headings.is_empty() => {
                        diagnostic.with_help("the target has no headings")
                    }
                    _ => diagnostic.with_help(format!(
                        "its headings are {}",
                        target
                            .headings
                            .iter()
                            .map(|h| format!("`#{}`", h.id))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                };
                diagnostics.push(diagnostic);
            }
        }
    }
}

/// Refuses an article whose page would land where readers of a cause's print view are sent
/// on: the print view is `causes/x/print.html`, and its old address `causes/x/print/` is
/// redirected there by `_redirects` (see [`crate::pipeline::render::redirects`]), so
/// `content/causes/x/print.md` cannot be published. (A file `print.html` in the cause's folder
/// is refused by [`published`], like any file that lands on a page.)
///
/// Refuses too an article in the `page/` folder of a kind whose index has more than one page
/// (`content/causes/page.md`, `content/causes/page/2.md`): that folder holds the index's pages
/// after the first (`causes/page/2/`, see [`crate::pipeline::render::plan`]), so the article
/// would overwrite one of them or sit among them. A kind whose index fits on one page leaves
/// the folder free, so a site that never splits a list builds as it always did.
fn check_generated_paths(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    use crate::pipeline::render::plan::{PAGES_DIR, kind_members, page_count};
    let paged_kinds: Vec<&str> = kind_members(site)
        .iter()
        .zip(&site.config.kinds)
        .filter(|(members, _)| page_count(members.len(), site.config.paginate) > 1)
        .map(|(_, kind)| kind.dir.as_str())
        .collect();
    for article in &site.articles {
        let Some(dir) = paged_kinds.iter().find(|dir| {
            article
                .slug
                .strip_prefix(**dir)
                .and_then(|rest| rest.strip_prefix('/'))
                .and_then(|rest| rest.strip_prefix(PAGES_DIR))
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        }) else {
            continue;
        };
        diagnostics.push(
            Diagnostic::file(
                &article.path,
                format!(
                    "the folder `{dir}/{PAGES_DIR}/` holds the pages of the {} index after the first (`{dir}/{PAGES_DIR}/2/`, ...): the article `{}` cannot be published there",
                    site.kind_of(article).title,
                    article.slug,
                ),
            )
            .with_help(
                "rename the file, or list more articles a page with `[build] paginate` in `book.toml` (`0` never splits a list)",
            ),
        );
    }
    for article in &site.articles {
        let Some(parent) = article.slug.strip_suffix("/print") else {
            continue;
        };
        let Some(&cause) = site.by_slug.get(parent) else {
            continue;
        };
        if site.articles[cause].kind != kinds::CAUSE {
            continue;
        }
        diagnostics.push(
            Diagnostic::file(
                &article.path,
                format!(
                    "`{}/` is the old address of the print view of the cause `{parent}`, redirected to `{parent}/print.html`: this article cannot be published there",
                    article.slug
                ),
            )
            .with_help("rename the file: every cause's print view is generated at `<cause>/print.html`, and `<cause>/print/` redirects to it"),
        );
    }
}

fn check_error_codes(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    let mut owners: HashMap<String, &Article> = HashMap::new();
    for article in site.articles.iter().filter(|a| a.kind == kinds::ERROR) {
        if article.front.error_codes.is_empty() {
            diagnostics.push(
                Diagnostic::at(
                    &article.path,
                    &article.source,
                    0..3,
                    "error page without `error_codes`",
                )
                .with_help(format!(
                    "add the code the reader sees, such as `error_codes = [\"{}\"]`",
                    article.slug.rsplit('/').next().unwrap_or("9006")
                )),
            );
        }
        for code in &article.front.error_codes {
            let key = code.value.to_lowercase();
            if let Some(first) = owners.get(&key) {
                diagnostics.push(
                    Diagnostic::at(
                        &article.path,
                        &article.source,
                        code.span.clone(),
                        format!(
                            "duplicate error code `{}`: `{}` already has it",
                            code.value,
                            crate::diagnostic::display_path(&first.path)
                        ),
                    )
                    .with_help("each error code has one page; merge the two or link them"),
                );
            } else {
                owners.insert(key, article);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::load::Source;
    use crate::pipeline::parse::{Parsed, parse};

    /// Parses `(slug, text)` articles and links them; returns the diagnostics as printed.
    fn link_articles(files: &[(&str, &str)], left_out: &LeftOut) -> Vec<String> {
        let config = Config::default();
        let articles = files
            .iter()
            .map(|(slug, text)| {
                let source = Source {
                    path: format!("content/{slug}.md").into(),
                    slug: slug.to_string(),
                    kind: config
                        .kind_by_dir(slug.split('/').next().unwrap())
                        .map(|k| k.name.clone()),
                    text: text.to_string(),
                    files: Vec::new(),
                    language: None,
                };
                match parse(&source, &crate::pipeline::parse::Context::new(&config)) {
                    Ok(Parsed::Article(article)) => article,
                    other => panic!("{slug} did not parse: {other:?}"),
                }
            })
            .collect();
        let (_, diagnostics) = link(&config, articles, Vec::new(), left_out, &BTreeSet::new());
        diagnostics.iter().map(|d| d.to_string()).collect()
    }

    const CAUSE: &str =
        "+++\ntitle = \"Full\"\nfixes = [\"free-up\"]\n+++\nSee [how](@/guides/how.md).\n";

    fn slugs(slugs: &[&str]) -> HashSet<String> {
        slugs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn relations_and_links_to_drafts_say_so() {
        let left_out = LeftOut {
            drafts: slugs(&["fixes/free-up", "guides/how"]),
            ..LeftOut::default()
        };
        assert_eq!(
            link_articles(&[("causes/full", CAUSE)], &left_out),
            [
                "error: `fixes/free-up` is a draft, and drafts are left out of the build\n --> content/causes/full.md:3:10\n  |\n3 | fixes = [\"free-up\"]\n  |          ^^^^^^^^^\n  |\n  = help: publish it (`draft = false`) or build with `--drafts`",
                "error: `guides/how` is a draft, and drafts are left out of the build\n --> content/causes/full.md:5:11\n  |\n5 | See [how](@/guides/how.md).\n  |           ^^^^^^^^^^^^^^^\n  |\n  = help: publish it (`draft = false`) or build with `--drafts`",
            ]
        );
    }

    #[test]
    fn relations_to_the_wrong_kind_say_which_field_takes_them() {
        let cause = "+++\ntitle = \"Full\"\nfixes = [\"guides/how\", \"causes/other\"]\n+++\n";
        let other = "+++\ntitle = \"Other\"\n+++\n";
        let guide = "+++\ntitle = \"How\"\n+++\n";
        let messages = link_articles(
            &[
                ("causes/full", cause),
                ("causes/other", other),
                ("guides/how", guide),
            ],
            &LeftOut::default(),
        );
        assert_eq!(
            messages,
            [
                "error: `guides/how` is a guide, but `fixes` lists fixes\n --> content/causes/full.md:3:10\n  |\n3 | fixes = [\"guides/how\", \"causes/other\"]\n  |          ^^^^^^^^^^^^\n  |\n  = help: list guides in `related`",
                "error: `causes/other` is a cause, but `fixes` lists fixes\n --> content/causes/full.md:3:24\n  |\n3 | fixes = [\"guides/how\", \"causes/other\"]\n  |                        ^^^^^^^^^^^^^^\n  |\n  = help: list it in `causes`",
            ]
        );
    }

    #[test]
    fn relations_need_their_kind_in_the_site() {
        let mut config = Config::default();
        config.kinds.retain(|k| k.name != kinds::FIX);
        let source = Source {
            path: "content/causes/full.md".into(),
            slug: "causes/full".to_string(),
            kind: Some(kinds::CAUSE.to_string()),
            text: "+++\ntitle = \"Full\"\nfixes = [\"x\"]\n+++\n".to_string(),
            files: Vec::new(),
            language: None,
        };
        let Ok(Parsed::Article(article)) =
            parse(&source, &crate::pipeline::parse::Context::new(&config))
        else {
            panic!("the article parses");
        };
        let (_, diagnostics) = link(
            &config,
            vec![article],
            Vec::new(),
            &LeftOut::default(),
            &BTreeSet::new(),
        );
        assert_eq!(
            diagnostics[0].to_string(),
            "error: `fixes` needs a kind named `fix`, and this site has none\n --> content/causes/full.md:3:10\n  |\n3 | fixes = [\"x\"]\n  |          ^^^\n  |\n  = help: add `[kinds.fix]` to `book.toml`, or list the article in `related`"
        );
    }

    /// A file with problems of its own still has its relations and links checked, in the
    /// same run, while links to it are not reported.
    #[test]
    fn the_relations_and_links_of_a_broken_file_are_checked_too() {
        let config = Config::default();
        let source = Source {
            path: "content/causes/full.md".into(),
            slug: "causes/full".to_string(),
            kind: Some(kinds::CAUSE.to_string()),
            text: "+++\ntitle = \"Full\"\nwieght = 1\nfixes = [\"free-up\"]\n+++\nSee [how](@/guides/how.md).\n"
                .to_string(),
            files: Vec::new(),
            language: None,
        };
        let Err(broken) = parse(&source, &crate::pipeline::parse::Context::new(&config)) else {
            panic!("the unknown field is a problem");
        };
        assert_eq!(broken.problems[0].message, "unknown field `wieght`");
        let Some(Parsed::Article(partial)) = broken.partial else {
            panic!("the article is read as far as it can be");
        };
        let left_out = LeftOut {
            partial_articles: vec![partial],
            broken: slugs(&["causes/full"]),
            ..LeftOut::default()
        };
        let (site, diagnostics) =
            link(&config, Vec::new(), Vec::new(), &left_out, &BTreeSet::new());
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "no fix `free-up`: `content/fixes/free-up.md` does not exist",
                "broken link: `content/guides/how.md` does not exist",
            ]
        );
        assert!(site.articles.is_empty(), "a broken file is not published");
    }

    #[test]
    fn relations_and_links_to_broken_articles_are_not_reported_again() {
        let left_out = LeftOut {
            broken: slugs(&["fixes/free-up", "guides/how"]),
            ..LeftOut::default()
        };
        assert!(link_articles(&[("causes/full", CAUSE)], &left_out).is_empty());
        let messages = link_articles(&[("causes/full", CAUSE)], &LeftOut::default());
        assert_eq!(messages.len(), 2, "{messages:#?}");
    }
}
