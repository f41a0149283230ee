//! The tags of a site: every article's `tags`, gathered into [`Tag`]s by their slug (the site's
//! slug rules, [`crate::text::slugify`]): `iPad`, `ipad` and `IPad` are one tag, `/tags/ipad/`.
//! A tag is shown in the spelling most of its articles use (on a tie, the spelling of the
//! article that comes first in display order); each other spelling is a warning at its place,
//! so that `check --strict` keeps a site's tags written one way. Tags with nothing left for a
//! URL and tags listed twice in one article are the parse stage's problems.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::model::{Site, Tag};
use crate::text::slugify;

/// Fills `site.tags` and each article's `relations.tags`; returns the warnings about spellings.
pub fn collect(site: &mut Site) -> Vec<Diagnostic> {
    // Slug → spellings with how many articles use each and the first article that does.
    let mut spellings: BTreeMap<String, Vec<(String, usize, usize)>> = BTreeMap::new();
    let mut of_article: Vec<Vec<String>> = Vec::with_capacity(site.articles.len());
    for (index, article) in site.articles.iter().enumerate() {
        let mut slugs = Vec::new();
        for tag in &article.front.tags {
            let slug = slugify(&tag.value);
            if slug.is_empty() || slugs.contains(&slug) {
                continue;
            }
            let known = spellings.entry(slug.clone()).or_default();
            match known.iter_mut().find(|(name, _, _)| *name == tag.value) {
                Some(entry) => entry.1 += 1,
                None => known.push((tag.value.clone(), 1, index)),
            }
            slugs.push(slug);
        }
        of_article.push(slugs);
    }
    let mut tags: Vec<Tag> = spellings
        .iter()
        .map(|(slug, names)| {
            let (name, _, _) = names
                .iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
                .expect("a tag has a spelling");
            Tag {
                name: name.clone(),
                slug: slug.clone(),
                articles: Vec::new(),
            }
        })
        .collect();
    let position: BTreeMap<&str, usize> = spellings
        .keys()
        .enumerate()
        .map(|(i, slug)| (slug.as_str(), i))
        .collect();
    for (index, slugs) in of_article.iter().enumerate() {
        site.relations[index].tags = slugs.iter().map(|slug| position[slug.as_str()]).collect();
        for slug in slugs {
            tags[position[slug.as_str()]].articles.push(index);
        }
    }
    let mut warnings = Vec::new();
    for article in &site.articles {
        for tag in &article.front.tags {
            let slug = slugify(&tag.value);
            let Some(&at) = position.get(slug.as_str()) else {
                continue;
            };
            let shown = &tags[at].name;
            if *shown != tag.value {
                warnings.push(
                    Diagnostic::at(
                        &article.path,
                        &article.source,
                        tag.span.clone(),
                        format!(
                            "tag `{}` is shown as `{shown}`, the spelling most articles use",
                            tag.value
                        ),
                    )
                    .with_help(format!("write `{shown}` here too"))
                    .warning(),
                );
            }
        }
    }
    site.tags = tags;
    warnings
}
