//! Unit tests of [`super`].

use super::article::next_steps;
use super::*;

/// The next steps of an article, as (heading, slugs).
fn next_steps_of(site: &Site, slug: &str) -> Vec<(String, Vec<String>)> {
    let strings = crate::theme::built_in_catalog().strings("en");
    next_steps(site, &strings, site.by_slug[slug])
        .into_iter()
        .map(|group| {
            let slugs = group
                .items
                .iter()
                .map(|&i| site.articles[i].slug.clone())
                .collect();
            (group.heading, slugs)
        })
        .collect()
}

#[test]
fn next_steps_list_each_article_once_and_none_the_body_links_to() {
    let mut site = crate::fixture::site();
    // The cause's body links to its error page: not listed again.
    assert_eq!(
        next_steps_of(&site, "causes/storage-full"),
        [(
            "Fixes for this cause".to_string(),
            vec![
                "fixes/free-up-storage".to_string(),
                "fixes/reduce-backup-size".to_string()
            ]
        )]
    );
    // An error page's causes and fixes, each under its own heading.
    assert_eq!(
        next_steps_of(&site, "errors/9006"),
        [
            (
                "Causes".to_string(),
                vec![
                    "causes/storage-full".to_string(),
                    "causes/backup-too-large".to_string()
                ]
            ),
            (
                "Fixes".to_string(),
                vec!["fixes/free-up-storage".to_string()]
            ),
        ]
    );
    // A "see also" link to an article already listed is not listed twice.
    let error = site.by_slug["errors/9006"];
    let cause = site.by_slug["causes/storage-full"];
    site.relations[error].related = vec![cause, site.by_slug["guides/how-backup-works"]];
    assert_eq!(
        next_steps_of(&site, "errors/9006").last().unwrap(),
        &(
            "See also".to_string(),
            vec!["guides/how-backup-works".to_string()]
        )
    );
}

#[test]
fn kind_lists_are_the_articles_of_each_kind_in_display_order_and_their_firsts() {
    let site = &crate::fixture::site();
    let lists = KindLists::of(site);
    let firsts: Vec<&[usize]> = lists.firsts().collect();
    assert_eq!(firsts.len(), site.config.kinds.len());
    for (index, kind) in site.config.kinds.iter().enumerate() {
        let expected: Vec<usize> = site.articles_of_kind(&kind.name).collect();
        assert_eq!(lists.members(index), expected, "kind `{}`", kind.name);
        assert_eq!(lists.count(index), expected.len(), "kind `{}`", kind.name);
        let first = &expected[..expected.len().min(ARTICLES_PER_SECTION)];
        assert_eq!(firsts[index], first, "kind `{}`", kind.name);
    }
    assert!((0..site.config.kinds.len()).any(|kind| lists.count(kind) > 1));
}

#[test]
fn per_article_values_are_made_once_until_the_bound_then_each_time() {
    let cache = PerArticle::keeping(3, 1);
    let made = std::cell::Cell::new(0);
    let make = |text: &str| {
        made.set(made.get() + 1);
        tera::Value::from(text)
    };
    assert_eq!(cache.get_or(0, || make("zero")).as_str(), Some("zero"));
    assert_eq!(cache.get_or(0, || make("other")).as_str(), Some("zero"));
    assert_eq!(made.get(), 1, "the first value is kept");
    assert_eq!(cache.get_or(2, || make("two")).as_str(), Some("two"));
    assert_eq!(cache.get_or(2, || make("two")).as_str(), Some("two"));
    assert_eq!(
        made.get(),
        3,
        "past the bound a value is made each time it is asked for"
    );
}
