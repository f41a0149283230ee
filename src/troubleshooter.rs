//! The troubleshooter's data, derived from the relation graph: every symptom phrase that leads
//! to a cause, the causes it points at and the page it gets under `/troubleshoot/`.
//!
//! A phrase of an article's `symptoms` points at causes this way: on a cause, at the cause
//! itself; on any other article but a fix, at the causes the article lists (an error page's
//! `causes`, an FAQ entry's `causes`). A fix's `symptoms` are the words a reader would search
//! for the fix itself ("free up icloud"), not something the reader sees, so they are left out,
//! as is any phrase that points at no cause. The same phrase on several articles (compared
//! case-insensitively) is one symptom pointing at every cause of all of them.
//!
//! Symptoms are grouped by the kind of the first article that lists them (what goes wrong,
//! from causes; the messages, from error pages; the questions, from FAQ entries), in kind order,
//! and keep the order articles are displayed and phrases are written in. Each gets a URL slug
//! made from its words, unique within the troubleshooter.
//!
//! Ranking follows one rule everywhere (the pages here, `troubleshoot.js` in the browser): the
//! causes that explain more of the chosen symptoms first, then by weight, that is in display
//! order; each cause's fixes easiest first by `effort` (fixes without one last), ties in the
//! order written. This module computes; rendering and the browser script only show.

use std::collections::HashMap;

use crate::model::{Group, Site, Symptom, Troubleshooter, effort_minutes, kinds};

/// Derives the troubleshooter of a linked site (relations resolved).
pub fn derive(site: &Site) -> Troubleshooter {
    // Phrase (lower-cased) → (first text, causes, kind of the first article).
    let mut found: Vec<(String, Vec<usize>, String)> = Vec::new();
    let mut position: HashMap<String, usize> = HashMap::new();
    for (index, article) in site.articles.iter().enumerate() {
        let causes: Vec<usize> = match article.kind.as_str() {
            kinds::CAUSE => vec![index],
            kinds::FIX => continue,
            _ => site.relations[index]
                .by_kind
                .get(kinds::CAUSE)
                .cloned()
                .unwrap_or_default(),
        };
        if causes.is_empty() {
            continue;
        }
        for text in &article.front.symptoms {
            let key = text.to_lowercase();
            let at = *position.entry(key).or_insert_with(|| {
                found.push((text.clone(), Vec::new(), article.kind.clone()));
                found.len() - 1
            });
            for &cause in &causes {
                if !found[at].1.contains(&cause) {
                    found[at].1.push(cause);
                }
            }
        }
    }
    let mut symptoms: Vec<Symptom> = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut taken: HashMap<String, usize> = HashMap::new();
    for kind in &site.config.kinds {
        let members: Vec<&(String, Vec<usize>, String)> =
            found.iter().filter(|(_, _, k)| *k == kind.name).collect();
        if members.is_empty() {
            continue;
        }
        let group = groups.len();
        let mut in_group = Vec::new();
        for (text, causes, _) in members {
            let mut causes = causes.clone();
            causes.sort_unstable();
            in_group.push(symptoms.len());
            symptoms.push(Symptom {
                text: text.clone(),
                slug: unique_slug(&mut taken, &slugify(text)),
                causes,
                group,
            });
        }
        groups.push(Group {
            kind: kind.name.clone(),
            heading: group_heading(&kind.name, &kind.title),
            symptoms: in_group,
        });
    }
    Troubleshooter::new(symptoms, groups)
}

/// The first symptom that one of `article`'s own phrases became, if any: where an error page
/// sends its reader into the troubleshooter.
pub fn entry_for(site: &Site, article: usize) -> Option<usize> {
    let troubleshooter = &site.troubleshooter;
    site.articles[article]
        .front
        .symptoms
        .iter()
        .find_map(|phrase| troubleshooter.symptom_by_text(phrase))
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
        assert!(troubleshooter.symptom_by_text("free up storage").is_none());
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
    fn causes_explaining_more_symptoms_rank_first_then_by_weight() {
        let troubleshooter = Troubleshooter::new(
            vec![
                Symptom {
                    text: "a".into(),
                    slug: "a".into(),
                    causes: vec![1, 2, 3],
                    group: 0,
                },
                Symptom {
                    text: "b".into(),
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
