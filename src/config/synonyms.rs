//! `[search.synonyms]` (and each edition's) read into [`SynonymsConfig`], every entry with
//! its place.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::settings::{Setting, SynonymsConfig};
use crate::diagnostic::Diagnostic;

/// A list of synonym entries, each with its place, the list with its own.
type RawEntries = Spanned<Vec<Spanned<String>>>;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawSynonyms {
    defaults: Option<bool>,
    groups: Option<Vec<RawEntries>>,
    one_way: Option<BTreeMap<Spanned<String>, RawEntries>>,
}

/// `[search.synonyms]`, each entry kept with its place for later diagnostics (a target that
/// occurs nowhere in the site is only known once the site is indexed).
pub(super) fn parse_synonyms(
    raw: RawSynonyms,
    at: &dyn Fn(std::ops::Range<usize>, String) -> Diagnostic,
    diagnostics: &mut Vec<Diagnostic>,
) -> SynonymsConfig {
    let entry = |text: Spanned<String>, diagnostics: &mut Vec<Diagnostic>| {
        let value = text.get_ref().trim().to_string();
        if value.is_empty() {
            diagnostics.push(
                at(text.span(), "the synonym is empty".to_string())
                    .with_help("write a word or a phrase, or remove the entry"),
            );
            return None;
        }
        Some(Setting::new(value, at(text.span(), String::new())))
    };
    let mut config = SynonymsConfig {
        defaults: raw.defaults.unwrap_or(true),
        ..SynonymsConfig::default()
    };
    for group in raw.groups.into_iter().flatten() {
        let span = group.span();
        let entries: Vec<Setting> = group
            .into_inner()
            .into_iter()
            .filter_map(|text| entry(text, diagnostics))
            .collect();
        if entries.len() < 2 {
            diagnostics.push(
                at(
                    span,
                    "a synonym group needs at least two entries".to_string(),
                )
                .with_help("list the words that mean the same, such as `[\"frozen\", \"stuck\"]`"),
            );
        } else {
            config.groups.push(entries);
        }
    }
    for (key, targets) in raw.one_way.into_iter().flatten() {
        let span = targets.span();
        let Some(from) = entry(key, diagnostics) else {
            continue;
        };
        let targets: Vec<Setting> = targets
            .into_inner()
            .into_iter()
            .filter_map(|text| entry(text, diagnostics))
            .collect();
        if targets.is_empty() {
            diagnostics.push(
                at(span, format!("`{}` has no synonym to find", from.value))
                    .with_help("list what it should find, such as `[\"vpn\"]`"),
            );
        } else {
            config.one_way.push((from, targets));
        }
    }
    config
}
