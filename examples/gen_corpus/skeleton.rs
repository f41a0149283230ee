//! Skeletons: each article's kind, title, slug, topic, error code and front-matter scalars,
//! before relations and bodies.

use std::collections::BTreeSet;

use crate::body::lower_first;
use crate::corpus::Article;
use crate::kind::Kind;
use crate::phrases::{
    ACTIVITIES, CAUSE_ADJECTIVES, CAUSE_STATES, CAUSE_VERBS, DEVICES, EFFORTS, EVENTS, FAIL_VERBS,
    FIX_CONTEXTS, FIX_VERBS, FREQUENCIES, GOOD_STATES, SOURCES, SYMPTOM_PREDICATES,
    SYMPTOM_SUBJECTS, TOPICS,
};
use crate::rng::Rng;

pub(crate) fn make_skeletons(rng: &mut Rng, total: usize) -> Vec<Article> {
    let counts = Kind::counts(total);
    let mut articles = Vec::with_capacity(total);
    let mut titles: BTreeSet<String> = BTreeSet::new();
    let mut codes: BTreeSet<String> = BTreeSet::new();
    for (kind, &count) in Kind::ALL.iter().zip(counts.iter()) {
        let kind = *kind;
        let mut slugs: BTreeSet<String> = BTreeSet::new();
        for _ in 0..count {
            let mut topic = rng.below(TOPICS.len());
            let mut error_code = None;
            if kind == Kind::Error {
                let code = loop {
                    let code = random_error_code(rng);
                    if codes.insert(code.clone()) {
                        break code;
                    }
                };
                error_code = Some(code);
            }
            let mut title = make_title(rng, kind, topic, error_code.as_deref());
            for _ in 0..8 {
                if !titles.contains(&title.to_lowercase()) {
                    break;
                }
                topic = rng.below(TOPICS.len());
                title = make_title(rng, kind, topic, error_code.as_deref());
            }
            titles.insert(title.to_lowercase());
            let base = match &error_code {
                Some(code) => slugify(code),
                None => slugify(&title),
            };
            let mut slug = base.clone();
            let mut suffix = 2;
            while !slugs.insert(slug.clone()) {
                slug = format!("{base}-{suffix}");
                suffix += 1;
            }
            let summary = make_summary(rng, kind, topic, &title);
            let symptoms =
                if matches!(kind, Kind::Cause | Kind::Error | Kind::Faq) || rng.chance(0.4) {
                    make_symptoms(rng, topic, error_code.as_deref())
                } else {
                    Vec::new()
                };
            let weight = rng.chance(0.7).then(|| rng.range(1, 100));
            // Dates from January 2024 to October 2026, never in the future of the generator.
            let updated = rng.chance(0.9).then(|| {
                let year = rng.range(2024, 2026);
                let last_month = if year == 2026 { 10 } else { 12 };
                (year, rng.range(1, last_month), rng.range(1, 28))
            });
            let effort = (kind == Kind::Fix).then(|| *rng.pick(&EFFORTS));
            articles.push(Article {
                kind,
                slug,
                title,
                topic,
                error_code,
                summary,
                symptoms,
                causes: Vec::new(),
                fixes: Vec::new(),
                related: Vec::new(),
                weight,
                updated,
                effort,
                body: String::new(),
                body_words: 0,
            });
        }
    }
    articles
}

/// A unique-looking error code: a four-digit number, an HRESULT-style hex code or `E-1234`.
pub(crate) fn random_error_code(rng: &mut Rng) -> String {
    match rng.below(10) {
        0..=3 => rng.range(1000, 9999).to_string(),
        4..=6 => format!("0x{:08X}", 0x8000_0000u64 | rng.below(0x1000_0000) as u64),
        _ => format!("E-{}", rng.range(1000, 9999)),
    }
}

/// Lower-case ASCII words joined by `-`.
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// Upper-cases the first letter unless the first word already carries capitals (`iCloud`).
pub(crate) fn capitalise(text: &str) -> String {
    let first_word = text.split(' ').next().unwrap_or("");
    if first_word.chars().any(|c| c.is_uppercase()) {
        return text.to_string();
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(crate) fn make_title(rng: &mut Rng, kind: Kind, topic: usize, code: Option<&str>) -> String {
    let t = TOPICS[topic];
    let other = TOPICS[rng.below(TOPICS.len())];
    let title = match kind {
        Kind::Cause => match rng.below(4) {
            0 => format!("{t} is {}", rng.pick(&CAUSE_STATES)),
            1 => format!("{} {}", rng.pick(&CAUSE_ADJECTIVES), t),
            2 => format!("{t} {} {}", rng.pick(&CAUSE_VERBS), other),
            _ => format!(
                "{t} not {}",
                rng.pick(&[
                    "verified",
                    "updated",
                    "supported",
                    "found",
                    "trusted",
                    "allowed"
                ])
            ),
        },
        Kind::Fix => match rng.below(3) {
            0 => format!("{} {}", rng.pick(&FIX_VERBS), t),
            1 => format!("{} {} {}", rng.pick(&FIX_VERBS), t, rng.pick(&FIX_CONTEXTS)),
            _ => format!("{} {} and {}", rng.pick(&FIX_VERBS), t, other),
        },
        Kind::Practice => match rng.below(4) {
            0 => format!("Keep {} {}", t, rng.pick(&GOOD_STATES)),
            1 => format!("{} {} {}", rng.pick(&FIX_VERBS), t, rng.pick(&FREQUENCIES)),
            2 => format!("Check {} before {}", t, rng.pick(&ACTIVITIES)),
            _ => format!("Plan {} around {}", t, other),
        },
        Kind::Guide => match rng.below(8) {
            0 => format!("How {} works", t),
            1 => format!("Understanding {}", t),
            2 => format!("What {} includes", t),
            3 => format!("A guide to {}", t),
            4 => format!("{t} explained"),
            5 => format!("Setting up {}", t),
            6 => format!("Managing {} on {}", t, rng.pick(&DEVICES)),
            _ => format!("{t} and {}", other),
        },
        Kind::Restore => match rng.below(4) {
            0 => format!("Restore {} from {}", t, rng.pick(&SOURCES)),
            1 => format!("Recover {} after {}", t, rng.pick(&EVENTS)),
            2 => format!("Move {} to a new {}", t, rng.pick(&DEVICES)),
            _ => format!("Restore {} from {}", rng.pick(&DEVICES), rng.pick(&SOURCES)),
        },
        Kind::Error => format!(
            "Error {}: {} is {}",
            code.unwrap_or("0000"),
            t,
            rng.pick(&CAUSE_STATES)
        ),
        Kind::Faq => match rng.below(7) {
            0 => format!("Why does {} {}?", t, rng.pick(&FAIL_VERBS)),
            1 => format!("How do I {} {}?", rng.pick(&FIX_VERBS).to_lowercase(), t),
            2 => format!("Is my {} {}?", t, rng.pick(&CAUSE_STATES)),
            3 => format!(
                "Can I {} {} without {}?",
                rng.pick(&FIX_VERBS).to_lowercase(),
                t,
                other
            ),
            4 => format!("What happens to {} after {}?", t, rng.pick(&EVENTS)),
            5 => format!("How long does {} take?", rng.pick(&ACTIVITIES)),
            _ => format!("Does {} affect {}?", t, other),
        },
    };
    capitalise(&title)
}

pub(crate) fn make_summary(rng: &mut Rng, kind: Kind, topic: usize, title: &str) -> String {
    let t = TOPICS[topic];
    let lead = match kind {
        Kind::Cause => format!("Why {t} can stop a backup, how to recognise it and what fixes it"),
        Kind::Fix => format!(
            "Step by step: {}, and how to confirm that it worked",
            lower_first(title)
        ),
        Kind::Practice => format!("A habit that keeps {t} from causing backup trouble"),
        Kind::Guide => format!("What you need to know about {t} on iPhone and in iCloud"),
        Kind::Restore => format!("How to bring back {t} safely, from start to finish"),
        Kind::Error => format!("What this error means for {t}, why it appears and how to clear it"),
        Kind::Faq => format!("A short answer about {t}, with the checks to run next"),
    };
    let tail = [
        "in a few minutes",
        "without losing data",
        "on any recent iPhone",
        "even on a slow network",
        "before the next nightly backup",
        "with or without a computer",
    ];
    let mut summary = if rng.chance(0.5) {
        format!("{lead} {}.", rng.pick(&tail))
    } else {
        format!("{lead}.")
    };
    if summary.len() > 160 {
        summary.truncate(summary[..157].rfind(' ').unwrap_or(157));
        summary.push('.');
    }
    summary
}

pub(crate) fn make_symptoms(rng: &mut Rng, topic: usize, code: Option<&str>) -> Vec<String> {
    let count = rng.range(3, 8);
    let mut symptoms: Vec<String> = Vec::with_capacity(count);
    if let Some(code) = code {
        symptoms.push(format!("error {code}"));
    }
    let topic_phrase = TOPICS[topic].to_lowercase();
    let mut attempts = 0;
    while symptoms.len() < count && attempts < 50 {
        attempts += 1;
        let subject = if rng.chance(0.3) {
            topic_phrase.as_str()
        } else {
            rng.pick(&SYMPTOM_SUBJECTS)
        };
        let symptom = format!("{subject} {}", rng.pick(&SYMPTOM_PREDICATES));
        if !symptoms.contains(&symptom) {
            symptoms.push(symptom);
        }
    }
    symptoms
}
