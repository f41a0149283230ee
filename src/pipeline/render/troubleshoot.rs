//! The contexts of the troubleshooter's pages and of the print view of a cause, and their
//! fingerprints. What they show is decided in [`crate::troubleshooter`]; this file only turns
//! it into template data.
//!
//! # Template contract (in addition to `site`, `root` and `page`)
//! `troubleshoot.html` gets `troubleshooter`: `groups` (each `kind`, `heading`, `symptoms`, the
//! most useful first, and `more`, the rest, to show behind "more": each `text`, `slug`, `path`,
//! `causes` (the cause slugs, space-separated)), `causes` (cause blocks, in display order),
//! `cause_count`, `causes_on_demand`, `causes_path` (the causes' kind page), `escalation` (a
//! card or none) and `breadcrumbs`. When the troubleshooter has more causes than
//! `[troubleshooter] index-causes`, `causes_on_demand` is true and `causes` and every
//! symptom's `causes` are empty: the page lists symptoms, and the script loads the causes of
//! those a reader ticks from their pages.
//! `symptom.html` gets `symptom` (`text`, `slug`, `path`), `causes` (cause blocks, most likely
//! first, at most `[troubleshooter] page-causes` of them), `more_causes` (the less likely
//! others, each `slug`, `title`, `summary`, `path` and `weight`, without fixes; shown as links
//! marked `cause-link` with `data-cause` and `data-weight` inside `#ts-causes`, where
//! `troubleshoot.js` reads them), `cause_count` (all of them), `nearby` (other symptoms of
//! the same causes: `text`, `path`), `escalation` and `breadcrumbs`.
//! A cause block is a card plus `fixes` (cards, easiest first), `print_path` (or none) and
//! `html`: the block as `partials/cause-block.html` shows it, rendered once per cause with
//! `cause` and what every troubleshooter page gets (`site`, `root`, `t`, `asset_root`; `page`
//! is the troubleshooter's), or none when the theme has no such partial or it fails. The
//! default pages show `html` and include the partial only when it is none, so the partial must
//! not use what differs from page to page (`symptom`, `page`).
//! `print.html` gets `cause` (a card plus `symptoms`), `fixes` (cards plus `steps`, as plain
//! text, `steps_html`, each step's HTML with its nested lists, emphasis and code, and
//! `step_groups`; easiest first), `escalation` and `breadcrumbs`. `step_groups` is empty unless
//! the fix's steps are written in tabs: then it holds each tab's steps, `label`, `steps` and
//! `steps_html`.
//! `site.troubleshooter` is the troubleshooter's path (`troubleshoot/`), empty when the site
//! has none; `site.has_troubleshoot_script` says whether the theme ships `js/troubleshoot.js`.

use std::collections::BTreeMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::Hash;

use serde::Serialize;
use tera::value::Key;

use super::context::{Card, PageContext, Shared, card, linked};
use super::plan::{PageId, has_print_page, print_path};
use crate::model::{Site, TROUBLESHOOTER_DIR, kinds};
use crate::seo::{self, Crumb};
use crate::troubleshooter::{self, fixes_easiest_first};

/// How many other symptoms a symptom page suggests.
const NEARBY_SYMPTOMS: usize = 12;

/// The partial that shows a cause's block. Each cause's block is rendered through it once,
/// into the block's `html`, which the troubleshooter's pages then show: a cause of a large site
/// is on the pages of all its symptoms (16 of them on average at 100,000 articles), and
/// rendering its block on each was a third of the time spent rendering pages.
const CAUSE_BLOCK_TEMPLATE: &str = "partials/cause-block.html";

/// A cause's block, made once for all the pages that show it ([`Shared::cause_blocks`]).
fn cause_block(shared: &Shared<'_>, cause: usize) -> tera::Value {
    shared
        .cause_blocks
        .get_or(cause, || cause_block_value(shared, cause))
}

/// A cause's block (see the template contract above) as a tera value made of the cards every
/// page shares ([`Shared::card_value`]): the cause's card's fields, `fixes`, `print_path` and
/// `html`.
fn cause_block_value(shared: &Shared<'_>, cause: usize) -> tera::Value {
    let site = shared.site;
    let mut block: BTreeMap<Key<'static>, tera::Value> = match shared.card_value(cause).as_map() {
        Some(card) => card.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        None => BTreeMap::new(),
    };
    let fixes: Vec<tera::Value> = fixes_easiest_first(site, cause)
        .into_iter()
        .map(|fix| shared.card_value(fix))
        .collect();
    block.insert("fixes".into(), fixes.into());
    let print =
        has_print_page(site, cause).then(|| site.config.link(&print_path(&site.articles[cause])));
    block.insert(
        "print_path".into(),
        print.map_or(tera::Value::none(), Into::into),
    );
    let html = block_html(shared, cause, block.clone().into());
    block.insert("html".into(), html.map_or(tera::Value::none(), Into::into));
    block.into()
}

/// The HTML of a cause's block: [`CAUSE_BLOCK_TEMPLATE`] rendered with `cause` and what every
/// troubleshooter page gets (`site`, `root`, `t`...; `page` is the troubleshooter's). `None`
/// when the theme has no such partial or it fails: the pages then include the partial
/// themselves, and report its error.
fn block_html(shared: &Shared<'_>, cause: usize, block: tera::Value) -> Option<String> {
    shared.theme.pick(&[CAUSE_BLOCK_TEMPLATE])?;
    let mut context = shared.context("../", index_page(shared));
    context.insert_value("cause", block);
    let label = format!("the block of `{}`", shared.site.articles[cause].slug);
    shared
        .theme
        .render(
            CAUSE_BLOCK_TEMPLATE,
            &context,
            &label,
            &shared.blocks_over_limit,
        )
        .ok()
}

/// A cause a symptom's page lists past `[troubleshooter] page-causes`: a link, without its
/// fixes.
#[derive(Serialize)]
struct BriefCause<'a> {
    slug: &'a str,
    title: &'a str,
    summary: &'a str,
    path: String,
    weight: i64,
}

#[derive(Serialize)]
struct SymptomEntry<'a> {
    text: &'a str,
    slug: &'a str,
    path: String,
    causes: String,
}

#[derive(Serialize)]
struct GroupEntry<'a> {
    kind: &'a str,
    heading: String,
    symptoms: Vec<SymptomEntry<'a>>,
    more: Vec<SymptomEntry<'a>>,
}

#[derive(Serialize)]
struct IndexContext<'a> {
    groups: Vec<GroupEntry<'a>>,
    causes: Vec<tera::Value>,
    /// Whether the causes are left to the symptoms' pages (more than `index-causes` of them).
    causes_on_demand: bool,
    /// How many causes the troubleshooter has.
    cause_count: usize,
    /// The index page of the kind the causes are, to browse them all (empty if the site has
    /// no such kind).
    causes_path: String,
    escalation: Option<Card<'a>>,
    breadcrumbs: Vec<Crumb>,
}

fn crumb(title: &str, path: String) -> Crumb {
    Crumb {
        title: title.to_string(),
        path,
    }
}

/// Home › Troubleshooter.
fn trail(shared: &Shared<'_>) -> Vec<Crumb> {
    vec![
        crumb(&shared.strings.get("home"), String::new()),
        crumb(
            &shared.strings.get("troubleshooter"),
            format!("{}/", TROUBLESHOOTER_DIR),
        ),
    ]
}

fn escalation(site: &Site) -> Option<Card<'_>> {
    site.escalation.map(|index| card(site, index))
}

/// The troubleshooter's page.
fn index_page(shared: &Shared<'_>) -> PageContext {
    let site = shared.site;
    shared.page(
        "troubleshoot",
        format!("{}/", TROUBLESHOOTER_DIR),
        format!(
            "{} · {}",
            shared.strings.get("troubleshooter"),
            site.config.title
        ),
        shared
            .strings
            .get("troubleshooter_description")
            .into_owned(),
    )
}

pub(super) fn index_context(shared: &Shared<'_>) -> tera::Context {
    let site = shared.site;
    let troubleshooter = &site.troubleshooter;
    let mut page = index_page(shared);
    let breadcrumbs = trail(shared);
    page.json_ld = vec![seo::breadcrumb_json_ld(site, &breadcrumbs)];
    let mut context = shared.context("../", page);
    // Past the limit the page lists symptoms only: the script learns a symptom's causes from
    // its page, so the chips carry none.
    let on_demand = !troubleshooter::index_lists_causes(site, troubleshooter.causes.len());
    let entry = |i: usize| {
        let symptom = &troubleshooter.symptoms[i];
        SymptomEntry {
            text: &symptom.text,
            slug: &symptom.slug,
            path: site.config.link(&symptom.path()),
            causes: if on_demand {
                String::new()
            } else {
                symptom
                    .causes
                    .iter()
                    .map(|&c| site.articles[c].slug.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            },
        }
    };
    let groups = troubleshooter
        .groups
        .iter()
        .map(|group| {
            let (shown, more) = group
                .symptoms
                .split_at(group.shown.min(group.symptoms.len()));
            GroupEntry {
                kind: &group.kind,
                // The standard groups' headings in the page's language; others are kind titles.
                heading: shared
                    .strings
                    .try_get(&format!("group_{}", group.kind))
                    .unwrap_or(&group.heading)
                    .to_string(),
                symptoms: shown.iter().map(|&i| entry(i)).collect(),
                more: more.iter().map(|&i| entry(i)).collect(),
            }
        })
        .collect();
    context.insert(
        "troubleshooter",
        &IndexContext {
            groups,
            causes: if on_demand {
                Vec::new()
            } else {
                troubleshooter
                    .causes
                    .iter()
                    .map(|&c| cause_block(shared, c))
                    .collect()
            },
            causes_on_demand: on_demand,
            cause_count: troubleshooter.causes.len(),
            causes_path: site
                .config
                .kinds
                .iter()
                .find(|kind| kind.name == kinds::CAUSE)
                .map(|kind| site.config.link(&format!("{}/", kind.dir)))
                .unwrap_or_default(),
            escalation: escalation(site),
            breadcrumbs: linked(site, breadcrumbs),
        },
    );
    context
}

#[derive(Serialize)]
struct SymptomContext<'a> {
    text: &'a str,
    slug: &'a str,
    path: String,
}

#[derive(Serialize)]
struct NearbySymptom<'a> {
    text: &'a str,
    path: String,
}

/// Other symptoms of the causes of `symptom`, in troubleshooter order, at most
/// [`NEARBY_SYMPTOMS`]. Each cause's symptoms are in that order already, so only the first few
/// of each can be among the first overall: a cause with 20,000 symptoms costs each of their
/// pages a few steps, not 20,000.
fn nearby(site: &Site, symptom: usize) -> Vec<usize> {
    let troubleshooter = &site.troubleshooter;
    let mut found: Vec<usize> = troubleshooter.symptoms[symptom]
        .causes
        .iter()
        .flat_map(|&cause| {
            troubleshooter
                .symptoms_of_cause(cause)
                .iter()
                .copied()
                .take(NEARBY_SYMPTOMS + 1)
        })
        .filter(|&other| other != symptom)
        .collect();
    found.sort_unstable();
    found.dedup();
    found.truncate(NEARBY_SYMPTOMS);
    found
}

pub(super) fn symptom_context(shared: &Shared<'_>, index: usize) -> tera::Context {
    let site = shared.site;
    let troubleshooter = &site.troubleshooter;
    let symptom = &troubleshooter.symptoms[index];
    let mut page = shared.page(
        "symptom",
        symptom.path(),
        format!(
            "{} · {}",
            shared
                .strings
                .fill("symptom_title", &[("symptom", &symptom.text)]),
            site.config.title
        ),
        shared
            .strings
            .fill("symptom_description", &[("symptom", &symptom.text)]),
    );
    let mut breadcrumbs = trail(shared);
    breadcrumbs.push(crumb(&symptom.text, symptom.path()));
    page.json_ld = vec![seo::breadcrumb_json_ld(site, &breadcrumbs)];
    // The page is a file of the troubleshooter's folder: the root is one folder up.
    let mut context = shared.context("../", page);
    context.insert(
        "symptom",
        &SymptomContext {
            text: &symptom.text,
            slug: &symptom.slug,
            path: site.config.link(&symptom.path()),
        },
    );
    let ranked = troubleshooter::rank_causes(troubleshooter, &[index]);
    let (full, brief) = ranked.split_at(troubleshooter::page_shows_in_full(site, ranked.len()));
    let causes: Vec<tera::Value> = full
        .iter()
        .map(|&(cause, _)| cause_block(shared, cause))
        .collect();
    context.insert_value("causes", tera::Value::from(causes));
    let more: Vec<BriefCause<'_>> = brief
        .iter()
        .map(|&(cause, _)| {
            let article = &site.articles[cause];
            BriefCause {
                slug: &article.slug,
                title: &article.front.title,
                summary: &article.front.summary,
                path: site.config.link(&article.url_path()),
                weight: article.front.weight,
            }
        })
        .collect();
    context.insert("more_causes", &more);
    context.insert("cause_count", &ranked.len());
    let nearby: Vec<NearbySymptom<'_>> = nearby(site, index)
        .into_iter()
        .map(|i| NearbySymptom {
            text: &troubleshooter.symptoms[i].text,
            path: site.config.link(&troubleshooter.symptoms[i].path()),
        })
        .collect();
    context.insert("nearby", &nearby);
    context.insert("escalation", &escalation(site));
    context.insert("breadcrumbs", &linked(site, breadcrumbs));
    context
}

#[derive(Serialize)]
struct PrintCause<'a> {
    #[serde(flatten)]
    card: Card<'a>,
    symptoms: &'a [String],
}

#[derive(Serialize)]
struct PrintFix<'a> {
    #[serde(flatten)]
    card: Card<'a>,
    steps: &'a [String],
    step_groups: &'a [crate::model::StepGroup],
    steps_html: &'a [String],
}

pub(super) fn print_context(shared: &Shared<'_>, index: usize) -> tera::Context {
    let site = shared.site;
    let article = &site.articles[index];
    let path = print_path(article);
    let mut page = shared.page(
        "print",
        path.clone(),
        format!(
            "{} · {}",
            shared
                .strings
                .fill("checklist_title", &[("title", &article.front.title)]),
            site.config.title
        ),
        shared
            .strings
            .fill("checklist_description", &[("title", &article.front.title)]),
    );
    let mut breadcrumbs = seo::breadcrumbs(site, article, &shared.strings.get("home"));
    breadcrumbs.push(crumb(&shared.strings.get("checklist"), path));
    page.json_ld = vec![seo::breadcrumb_json_ld(site, &breadcrumbs)];
    // The page is a file of the cause's folder, beside its `index.html`: the same root.
    let root = crate::markdown::root_of(&article.slug);
    let mut context = shared.context(&root, page);
    context.insert(
        "cause",
        &PrintCause {
            card: card(site, index),
            symptoms: &article.front.symptoms,
        },
    );
    let fixes: Vec<PrintFix<'_>> = fixes_easiest_first(site, index)
        .into_iter()
        .map(|fix| PrintFix {
            card: card(site, fix),
            steps: &site.articles[fix].steps,
            step_groups: &site.articles[fix].step_groups,
            steps_html: &site.articles[fix].steps_html,
        })
        .collect();
    context.insert("fixes", &fixes);
    context.insert("escalation", &escalation(site));
    context.insert("breadcrumbs", &linked(site, breadcrumbs));
    context
}

/// Hashes what a troubleshooter or print page is made from (see [`super::fingerprint`]).
pub(super) fn hash_page(
    site: &Site,
    page: PageId,
    card_hashes: &[u64],
    hasher: &mut DefaultHasher,
) {
    let troubleshooter = &site.troubleshooter;
    let hash_cause = |cause: usize, hasher: &mut DefaultHasher| {
        card_hashes[cause].hash(hasher);
        has_print_page(site, cause).hash(hasher);
        for fix in fixes_easiest_first(site, cause) {
            card_hashes[fix].hash(hasher);
        }
    };
    site.escalation.map(|i| card_hashes[i]).hash(hasher);
    match page {
        PageId::Troubleshoot => {
            troubleshooter.hash(hasher);
            for &cause in &troubleshooter.causes {
                hash_cause(cause, hasher);
            }
        }
        PageId::Symptom(index) => {
            troubleshooter.symptoms[index].hash(hasher);
            for &cause in &troubleshooter.symptoms[index].causes {
                hash_cause(cause, hasher);
            }
            for other in nearby(site, index) {
                let symptom = &troubleshooter.symptoms[other];
                (&symptom.text, &symptom.slug).hash(hasher);
            }
        }
        PageId::Print(index) => {
            hash_cause(index, hasher);
            site.articles[index].front.symptoms.hash(hasher);
            site.kind_of(&site.articles[index]).title.hash(hasher);
            for fix in fixes_easiest_first(site, index) {
                site.articles[fix].steps.hash(hasher);
                site.articles[fix].step_groups.hash(hasher);
                site.articles[fix].steps_html.hash(hasher);
            }
        }
        _ => {}
    }
}
