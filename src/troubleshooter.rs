//! The troubleshooter's data, derived from the relation graph: every symptom phrase that leads
//! to a cause, the causes it points at and the page it gets under `/troubleshoot/`.
//!
//! A phrase of an article's `symptoms` points at causes this way: on a cause, at the cause
//! itself; on any other article but a fix, at the causes the article lists (an error page's
//! `causes`, an FAQ entry's `causes`). A fix's `symptoms` are the words a reader would search
//! for the fix itself ("free up icloud"), not something the reader sees, so they are left out,
//! as is any phrase that points at no cause.
//!
//! Phrases are compared by what the search analysis makes of them ([`symptom_key`]): the
//! same terms, in any case, order or inflection ("Backup stopped halfway", "backup stops
//! halfway"), are one symptom pointing at every cause of all of them, shown as first written.
//! Writers write symptoms as readers should see them ("iCloud storage full"); `remedy check`
//! warns when two phrases are one symptom but written differently.
//!
//! Symptoms are grouped by the kind of the first article that lists them (what goes wrong,
//! from causes; the messages, from error pages; the questions, from FAQ entries), in kind order.
//! Within a group the most useful come first: those written earliest in the lists of the
//! group's articles (writers lead with what readers see most), then those more articles list.
//! A group shows a few ([`SHOWN_PER_GROUP`], more if needed so that every cause of the group
//! has a symptom shown) and keeps the rest behind "more". A troubleshooter with more causes
//! than `[troubleshooter] index-causes` lists none of them on its index, and a symptom for
//! each would be thousands in sight: there a group shows its [`SHOWN_PER_GROUP`] most useful. Each symptom gets a URL slug made from its words,
//! lower-cased, unique within the troubleshooter and never `index` (its page is
//! `troubleshoot/<slug>.html`, beside the troubleshooter's `index.html`).
//!
//! Ranking follows one rule everywhere (the pages here, `troubleshoot.js` in the browser): the
//! causes that explain more of the chosen symptoms first, then by weight, that is in display
//! order; each cause's fixes easiest first by `effort` (fixes without one last), ties in the
//! order written. This module computes; rendering and the browser script only show.

use std::collections::{HashMap, HashSet};

use crate::model::{Group, Site, Symptom, Troubleshooter, effort_minutes, kinds};
use crate::search::analysis;
use rayon::prelude::*;

/// How many symptoms a group shows before "more", unless more are needed to show one for each
/// of its causes.
pub const SHOWN_PER_GROUP: usize = 12;
/// A group keeps at least this many symptoms behind "more", or shows them all: a "more" that
/// hides one or two chips only costs the reader a click.
pub const FEWEST_BEHIND_MORE: usize = 3;

/// What symptom phrases are compared by: the terms the search analysis makes of the phrase
/// (lower-cased, stemmed, stop words left out), sorted and each once, joined by spaces. A
/// phrase of stop words only is compared by its lower-cased text. `language` is the site's
/// search analysis (`config.search.language`).
pub fn symptom_key(phrase: &str, language: analysis::Language) -> String {
    let mut terms: Vec<String> = analysis::query_words(phrase, false, language)
        .into_iter()
        .map(|word| word.term)
        .collect();
    terms.sort_unstable();
    terms.dedup();
    if terms.is_empty() {
        phrase.trim().to_lowercase()
    } else {
        terms.join(" ")
    }
}

/// A distinct phrase while deriving: what the troubleshooter will know of it.
struct Found {
    text: String,
    key: String,
    /// The causes it points at: in the order met while deriving, then once each in display
    /// order.
    causes: Vec<usize>,
    kind: String,
    /// The earliest place an article of its group's kind lists it at (0 for first): an FAQ
    /// entry leading with a cause's phrase does not make it a headline among the causes.
    position: usize,
    /// How many articles list it.
    articles: usize,
}

/// The causes the symptom phrases of an article point at (see the module doc): the cause
/// itself, none for a fix, the causes it lists for any other article.
pub fn causes_of_symptoms(site: &Site, index: usize) -> Vec<usize> {
    match site.articles[index].kind.as_str() {
        kinds::CAUSE => vec![index],
        kinds::FIX => Vec::new(),
        _ => site.relations[index]
            .by_kind
            .get(kinds::CAUSE)
            .cloned()
            .unwrap_or_default(),
    }
}

/// Derives the troubleshooter of a linked site (relations resolved).
pub fn derive(site: &Site) -> Troubleshooter {
    let mut found: Vec<Found> = Vec::new();
    let mut position_of: HashMap<String, usize> = HashMap::new();
    // Each article's causes and symptom keys (an analysis of each symptom) are found on every
    // core; they are gathered in site order.
    let per_article: Vec<(Vec<usize>, Vec<String>)> = (0..site.articles.len())
        .into_par_iter()
        .map(|index| {
            let causes = causes_of_symptoms(site, index);
            let keys = if causes.is_empty() {
                Vec::new()
            } else {
                site.articles[index]
                    .front
                    .symptoms
                    .iter()
                    .map(|text| symptom_key(text, site.config.search.language))
                    .collect()
            };
            (causes, keys)
        })
        .collect();
    for (article, (causes, keys)) in site.articles.iter().zip(per_article) {
        if causes.is_empty() {
            continue;
        }
        let mut counted = HashSet::new();
        for ((position, text), key) in article.front.symptoms.iter().enumerate().zip(keys) {
            let at = *position_of.entry(key.clone()).or_insert_with(|| {
                found.push(Found {
                    text: text.clone(),
                    key: key.clone(),
                    causes: Vec::new(),
                    kind: article.kind.clone(),
                    position,
                    articles: 0,
                });
                found.len() - 1
            });
            let entry = &mut found[at];
            if entry.kind == article.kind {
                entry.position = entry.position.min(position);
            }
            if counted.insert(at) {
                entry.articles += 1;
            }
            entry.causes.extend_from_slice(&causes);
        }
    }
    // Each symptom's causes once, in display order (a phrase many articles share may point at
    // thousands).
    for entry in &mut found {
        entry.causes.sort_unstable();
        entry.causes.dedup();
    }
    let causes: HashSet<usize> = found
        .iter()
        .flat_map(|f| f.causes.iter().copied())
        .collect();
    let cover_causes = index_lists_causes(site, causes.len());
    let mut symptoms: Vec<Symptom> = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    // `troubleshoot/index.html` is the troubleshooter itself: a symptom "Index" is `index-2`.
    let mut taken: HashMap<String, usize> = HashMap::from([("index".to_string(), 1)]);
    for kind in &site.config.kinds {
        let mut members: Vec<&Found> = found.iter().filter(|f| f.kind == kind.name).collect();
        if members.is_empty() {
            continue;
        }
        // Most useful first; a stable sort keeps the order met for ties.
        members.sort_by_key(|f| (f.position, std::cmp::Reverse(f.articles)));
        let (members, shown) = shown_first(members, cover_causes);
        let group = groups.len();
        let mut in_group = Vec::new();
        for member in members {
            let causes = member.causes.clone();
            in_group.push(symptoms.len());
            symptoms.push(Symptom {
                text: member.text.clone(),
                key: member.key.clone(),
                slug: unique_slug(&mut taken, &slugify(&member.text)),
                causes,
                group,
            });
        }
        groups.push(Group {
            kind: kind.name.clone(),
            heading: group_heading(&kind.name, &kind.title),
            symptoms: in_group,
            shown,
        });
    }
    Troubleshooter::new(symptoms, groups)
}

/// Whether the troubleshooter's index lists every one of its `causes` (how many there are),
/// each with its fixes: up to `[troubleshooter] index-causes`. Past it the index lists symptoms
/// only, and the script reads the causes of those ticked from their pages.
pub fn index_lists_causes(site: &Site, causes: usize) -> bool {
    causes <= site.config.troubleshooter.index_causes
}

/// How many of a symptom's `causes` (how many it has, most likely first) its page shows in
/// full, each with its fixes: up to `[troubleshooter] page-causes` (all of them when 0). The
/// others follow as links, and `troubleshoot.js` counts them when it ranks the causes of
/// several symptoms.
pub fn page_shows_in_full(site: &Site, causes: usize) -> usize {
    match site.config.troubleshooter.page_causes {
        0 => causes,
        limit => causes.min(limit),
    }
}

/// Splits a group's symptoms (most useful first) into those shown and those behind "more":
/// the most useful one of each cause not yet shown (when `cover_causes`), then the most useful
/// others up to [`SHOWN_PER_GROUP`]; all of them when fewer than [`FEWEST_BEHIND_MORE`] would
/// be left. Returns them reordered, shown first, each part most useful first, and how many are
/// shown.
fn shown_first(members: Vec<&Found>, cover_causes: bool) -> (Vec<&Found>, usize) {
    let mut shown = vec![false; members.len()];
    let mut covered: HashSet<usize> = HashSet::new();
    for (i, member) in members.iter().enumerate() {
        if cover_causes && member.causes.iter().any(|c| !covered.contains(c)) {
            shown[i] = true;
            covered.extend(member.causes.iter().copied());
        }
    }
    let mut count = shown.iter().filter(|&&s| s).count();
    for flag in shown.iter_mut() {
        if count >= SHOWN_PER_GROUP {
            break;
        }
        if !*flag {
            *flag = true;
            count += 1;
        }
    }
    let total = members.len();
    if total - count < FEWEST_BEHIND_MORE {
        return (members, total);
    }
    let (first, rest): (Vec<_>, Vec<_>) = members
        .into_iter()
        .zip(&shown)
        .partition(|(_, shown)| **shown);
    let ordered = first
        .into_iter()
        .chain(rest)
        .map(|(member, _)| member)
        .collect();
    (ordered, count)
}

/// The first symptom that one of `article`'s own phrases became, if any: where an error page
/// sends its reader into the troubleshooter.
pub fn entry_for(site: &Site, article: usize) -> Option<usize> {
    let troubleshooter = &site.troubleshooter;
    site.articles[article]
        .front
        .symptoms
        .iter()
        .find_map(|phrase| {
            troubleshooter.symptom_by_key(&symptom_key(phrase, site.config.search.language))
        })
}

/// Ranks causes for a set of chosen symptoms: those explaining more of them first, then in
/// display order (kind, weight, title). Returns each cause with how many symptoms it explains.
pub fn rank_causes(troubleshooter: &Troubleshooter, chosen: &[usize]) -> Vec<(usize, usize)> {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for &symptom in chosen {
        for &cause in &troubleshooter.symptoms[symptom].causes {
            *counts.entry(cause).or_insert(0) += 1;
        }
    }
    let mut ranked: Vec<(usize, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
}

/// The fixes of a cause, easiest first: by `effort` in minutes, fixes without an effort last,
/// ties in the order the relation lists them.
pub fn fixes_easiest_first(site: &Site, cause: usize) -> Vec<usize> {
    let mut fixes = site.relations[cause]
        .by_kind
        .get(kinds::FIX)
        .cloned()
        .unwrap_or_default();
    fixes.sort_by_key(|&fix| {
        site.articles[fix]
            .front
            .effort
            .as_deref()
            .and_then(effort_minutes)
            .unwrap_or(u32::MAX)
    });
    fixes
}

/// The heading of a group of symptoms, from the kind they come from.
fn group_heading(kind: &str, title: &str) -> String {
    match kind {
        kinds::CAUSE => "What goes wrong".to_string(),
        kinds::ERROR => "Messages and error codes".to_string(),
        kinds::FAQ => "Questions".to_string(),
        _ => title.to_string(),
    }
}

/// A URL segment from a phrase: ASCII letters and digits, lower-cased, other runs as one `-`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c == '\'' || c == '’' {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "symptom".to_string()
    } else {
        slug.chars()
            .take(80)
            .collect::<String>()
            .trim_end_matches('-')
            .to_string()
    }
}

fn unique_slug(taken: &mut HashMap<String, usize>, base: &str) -> String {
    let count = taken.entry(base.to_string()).or_insert(0);
    *count += 1;
    if *count == 1 {
        return base.to_string();
    }
    let mut n = *count;
    loop {
        let candidate = format!("{base}-{n}");
        if !taken.contains_key(&candidate) {
            taken.insert(candidate.clone(), 1);
            return candidate;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_letters_and_digits() {
        assert_eq!(slugify("Backup stops halfway!"), "backup-stops-halfway");
        assert_eq!(slugify("error 9006"), "error-9006");
        assert_eq!(slugify("  «»  "), "symptom");
        assert_eq!(slugify("iCloud: 5 GB full…"), "icloud-5-gb-full");
        assert_eq!(slugify("backup won't start"), "backup-wont-start");
    }

    #[test]
    fn equal_slugs_get_numbers() {
        let mut taken = HashMap::new();
        assert_eq!(unique_slug(&mut taken, "full"), "full");
        assert_eq!(unique_slug(&mut taken, "full"), "full-2");
        assert_eq!(unique_slug(&mut taken, "full-2"), "full-2-2");
        assert_eq!(unique_slug(&mut taken, "full"), "full-3");
    }

    #[test]
    fn symptoms_lead_to_their_causes() {
        let site = crate::fixture::site();
        let troubleshooter = derive(&site);
        let slug_of = |i: usize| site.articles[i].slug.as_str();
        let causes_of = |slug: &str| -> Vec<&str> {
            let symptom = troubleshooter
                .symptom_by_slug(slug)
                .unwrap_or_else(|| panic!("a symptom page `{slug}`"));
            troubleshooter.symptoms[symptom]
                .causes
                .iter()
                .map(|&i| slug_of(i))
                .collect()
        };
        // The same phrase on two causes, written in two cases, is one symptom.
        assert_eq!(
            causes_of("backup-stops-halfway"),
            ["causes/storage-full", "causes/weak-wifi"]
        );
        // An error page's phrase points at the causes it lists, in display order.
        assert_eq!(
            causes_of("error-9006"),
            ["causes/storage-full", "causes/backup-too-large"]
        );
        // A fix's phrases are not symptoms.
        assert!(
            troubleshooter
                .symptom_by_key(&symptom_key("free up storage", analysis::Language::English))
                .is_none()
        );
        let headings: Vec<&str> = troubleshooter
            .groups
            .iter()
            .map(|g| g.heading.as_str())
            .collect();
        assert_eq!(
            headings,
            ["What goes wrong", "Messages and error codes", "Questions"]
        );
        assert_eq!(
            troubleshooter.symptoms.len(),
            6,
            "{:?}",
            troubleshooter.symptoms
        );
        assert_eq!(
            troubleshooter.causes.len(),
            site.articles_of_kind(kinds::CAUSE).count()
        );
        let error_page = site.by_slug["errors/9006"];
        assert_eq!(
            entry_for(&site, error_page).map(|i| troubleshooter.symptoms[i].slug.as_str()),
            Some("error-9006")
        );
    }

    #[test]
    fn phrases_with_the_same_terms_are_one_symptom_shown_as_first_written() {
        assert_eq!(
            symptom_key("Backup stopped halfway", analysis::Language::English),
            "backup halfway stop"
        );
        assert_eq!(
            symptom_key("backup STOPS halfway", analysis::Language::English),
            symptom_key("Backup stopped halfway", analysis::Language::English)
        );
        assert_eq!(
            symptom_key("Wi-Fi keeps dropping", analysis::Language::English),
            symptom_key("wifi keep drops", analysis::Language::English)
        );
        assert_ne!(
            symptom_key("iCloud storage full", analysis::Language::English),
            symptom_key("storage full", analysis::Language::English)
        );
        assert_eq!(symptom_key("It is", analysis::Language::English), "it is");
        let mut site = crate::fixture::site();
        let weak_wifi = site.by_slug["causes/weak-wifi"];
        std::sync::Arc::make_mut(&mut site.articles[weak_wifi])
            .front
            .symptoms = vec!["The backup stopped halfway".into()];
        let troubleshooter = derive(&site);
        let halfway = troubleshooter
            .symptom_by_key(&symptom_key(
                "backup stops halfway",
                analysis::Language::English,
            ))
            .unwrap();
        let symptom = &troubleshooter.symptoms[halfway];
        assert_eq!(symptom.text, "backup stops halfway");
        assert_eq!(symptom.slug, "backup-stops-halfway");
        assert_eq!(
            symptom.causes,
            [site.by_slug["causes/storage-full"], weak_wifi]
        );
    }

    /// A found phrase of a group: `causes` and where it was first listed.
    fn found(text: &str, causes: &[usize], position: usize) -> Found {
        Found {
            text: text.into(),
            key: symptom_key(text, analysis::Language::English),
            causes: causes.to_vec(),
            kind: kinds::CAUSE.into(),
            position,
            articles: 1,
        }
    }

    #[test]
    fn a_group_shows_a_symptom_of_each_cause_then_the_most_useful_up_to_its_size() {
        let texts = |list: &[&Found]| list.iter().map(|f| f.text.clone()).collect::<Vec<_>>();
        // Sixteen symptoms of one cause and one of each of two others, most useful first.
        let mut all: Vec<Found> = (0..16).map(|i| found(&format!("a{i}"), &[1], i)).collect();
        all.push(found("b", &[2], 3));
        all.push(found("c", &[3], 4));
        let (ordered, shown) = shown_first(all.iter().collect(), true);
        assert_eq!(shown, SHOWN_PER_GROUP);
        assert_eq!(
            texts(&ordered[..shown]),
            [
                "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "b", "c"
            ]
        );
        assert_eq!(
            texts(&ordered[shown..]),
            ["a10", "a11", "a12", "a13", "a14", "a15"]
        );
        // Each of fourteen causes keeps a symptom in sight, past the usual size.
        let all: Vec<Found> = (0..18)
            .map(|i| found(&format!("s{i}"), &[i % 14], 0))
            .collect();
        let (_, shown) = shown_first(all.iter().collect(), true);
        assert_eq!(shown, 14);
        // Unless causes are left to the symptoms' pages: then the most useful twelve.
        let (ordered, shown) = shown_first(all.iter().collect(), false);
        assert_eq!(shown, SHOWN_PER_GROUP);
        assert_eq!(
            texts(&ordered[..shown]),
            texts(&all.iter().take(12).collect::<Vec<_>>())
        );
        // Too few left over for "more": all are shown.
        let all: Vec<Found> = (0..13).map(|i| found(&format!("s{i}"), &[1], i)).collect();
        let (ordered, shown) = shown_first(all.iter().collect(), true);
        assert_eq!((ordered.len(), shown), (13, 13));
    }

    #[test]
    fn causes_explaining_more_symptoms_rank_first_then_by_weight() {
        let troubleshooter = Troubleshooter::new(
            vec![
                Symptom {
                    text: "a".into(),
                    key: "a".into(),
                    slug: "a".into(),
                    causes: vec![1, 2, 3],
                    group: 0,
                },
                Symptom {
                    text: "b".into(),
                    key: "b".into(),
                    slug: "b".into(),
                    causes: vec![3],
                    group: 0,
                },
            ],
            Vec::new(),
        );
        assert_eq!(troubleshooter.causes, [1, 2, 3]);
        assert_eq!(
            rank_causes(&troubleshooter, &[0, 1]),
            [(3, 2), (1, 1), (2, 1)]
        );
        assert_eq!(rank_causes(&troubleshooter, &[0]), [(1, 1), (2, 1), (3, 1)]);
    }
}
