//! The encoding of the browser index's data: impacts quantized on a logarithmic scale,
//! postings as base64 VLQ numbers, strings as ASCII JavaScript literals, and the hash of the
//! build id. [`super`] decides which terms go in which file; this file only writes them.
//!
//! # Postings and impacts
//! A term's postings are its articles with their impacts (spec section 3), each quantized to
//! 16 bits on a logarithmic scale between the smallest and the largest impact of the index
//! (steps of about 0.02%, so rankings match the CLI's full-precision scores), and sorted by
//! impact, highest first (ties by document). The first [`HEAD_POSTINGS`] are stored exactly;
//! a term held by more articles keeps the rest as a set of articles that all score the mean of
//! their impacts. Common words are the hard case for size: their long tails shrink to a set
//! (stored as its complement when that is smaller), and only their heads, where the best
//! results are, keep exact impacts. Below that many articles per term (every term of the
//! bundled knowledge base) the browser ranks exactly as the CLI does.
//!
//! # Encoding
//! Numbers are written as base64 VLQ (5 bits per character, the sixth says more follows, as
//! in source maps), which keeps the files ASCII and lets gzip see their structure. A term
//! entry is: shared prefix length with the previous term, suffix length (UTF-16 units),
//! suffix, `df`, flags (1: a stub, no postings follow; 2: has a tail; 4: the term is prominent
//! everywhere, [`query::MAX_PROMINENT_DOCS`]), then unless a stub:
//! head length, head postings (quantized impact as a decrease from the previous one, starting
//! from 65535; the document, as a gap from the previous one when the impact is equal, else
//! absolute, times two, plus one when the article holds the term in a prominent field: ranking
//! rule 4.2's flag), then with a tail: its mode (0 listed, 1 complement), its quantized impact,
//! its count and its documents as gaps (`d - previous - 1`), and the tail's documents that hold
//! the term in a prominent field as a count and gaps; then the error-code documents as a count
//! and gaps.

use std::fmt::Write as _;

use crate::search::impacts::{Impacts, TermImpacts};
use crate::search::query;

/// Postings per term stored with exact impacts.
pub const HEAD_POSTINGS: usize = 256;

/// Maps impacts to 16-bit levels on a logarithmic scale and back.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// The smallest impact (level 1).
    pub low: f64,
    /// The largest impact (level 65535).
    pub high: f64,
}

impl Scale {
    /// The highest level.
    pub const TOP: u32 = 65_535;

    /// The scale spanning these impacts.
    pub fn spanning(impacts: &Impacts) -> Scale {
        let mut low = f64::MAX;
        let mut high = 0.0f64;
        for term in &impacts.terms {
            for &(_, impact) in &term.postings {
                if impact > 0.0 {
                    low = low.min(f64::from(impact));
                    high = high.max(f64::from(impact));
                }
            }
        }
        if high == 0.0 {
            return Scale {
                low: 1.0,
                high: 2.0,
            };
        }
        if high <= low {
            high = low * 2.0;
        }
        Scale { low, high }
    }

    /// The level of an impact, 1 to [`Scale::TOP`].
    pub fn level(&self, impact: f64) -> u32 {
        let impact = impact.clamp(self.low, self.high);
        let fraction = (impact / self.low).ln() / (self.high / self.low).ln();
        1 + (fraction * f64::from(Self::TOP - 1)).round() as u32
    }

    /// The impact a level stands for (what the client scores with).
    pub fn impact(&self, level: u32) -> f64 {
        let fraction = f64::from(level.saturating_sub(1)) / f64::from(Self::TOP - 1);
        self.low * (self.high / self.low).powf(fraction)
    }
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Appends `value` as base64 VLQ.
pub fn push_number(out: &mut String, mut value: u64) {
    loop {
        let digit = (value & 31) as usize;
        value >>= 5;
        if value == 0 {
            out.push(BASE64[digit] as char);
            return;
        }
        out.push(BASE64[digit | 32] as char);
    }
}

/// A JavaScript string literal holding `text`, ASCII only.
pub fn js_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    out.push('"');
    out
}

/// JSON with every non-ASCII character escaped, so the file is ASCII.
pub(super) fn ascii_json(value: &serde_json::Value) -> String {
    let json = value.to_string();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        }
    }
    out
}

/// A term's postings, quantized and split for the browser.
pub(super) struct Encoded {
    /// Head postings: (level, doc, prominent), highest level first, then by doc.
    pub(super) head: Vec<(u32, u32, bool)>,
    /// Tail documents in order, and the level they all score.
    pub(super) tail: Vec<u32>,
    pub(super) tail_level: u32,
    /// The tail documents holding the term in a prominent field, in order (none when
    /// `everywhere`).
    pub(super) tail_prominent: Vec<u32>,
    /// Whether the term counts as prominent in every article holding it: more than
    /// [`query::MAX_PROMINENT_DOCS`] hold it in a prominent field (spec rule 4.2).
    pub(super) everywhere: bool,
}

impl Encoded {
    /// The flags of the term's entry.
    pub(super) fn flags(&self) -> u64 {
        let tail = if self.tail.is_empty() { 0 } else { FLAG_TAIL };
        let everywhere = if self.everywhere {
            FLAG_PROMINENT_EVERYWHERE
        } else {
            0
        };
        tail | everywhere
    }
}

pub(super) fn split(term: &TermImpacts, scale: &Scale) -> Encoded {
    let mut postings: Vec<(u32, u32, f32)> = term
        .postings
        .iter()
        .map(|&(doc, impact)| (scale.level(f64::from(impact)), doc, impact))
        .collect();
    // The head is the HEAD_POSTINGS best, highest level first, then in document order; the
    // tail is the rest, in document order. Only the head is sorted: the rest is selected
    // apart from it in linear time (a term in most of 100,000 articles has that many).
    let best_first = |a: &(u32, u32, f32), b: &(u32, u32, f32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
    if postings.len() > HEAD_POSTINGS {
        postings.select_nth_unstable_by(HEAD_POSTINGS, best_first);
    }
    let mut tail_part = postings.split_off(postings.len().min(HEAD_POSTINGS));
    postings.sort_unstable_by(best_first);
    tail_part.sort_unstable_by_key(|&(_, doc, _)| doc);
    let everywhere = term.prominent_docs.len() > query::MAX_PROMINENT_DOCS;
    let prominent = |doc: u32| everywhere || term.prominent_docs.binary_search(&doc).is_ok();
    let head = postings
        .iter()
        .map(|&(level, doc, _)| (level, doc, prominent(doc)))
        .collect();
    let tail: Vec<u32> = tail_part.iter().map(|&(_, doc, _)| doc).collect();
    let tail_prominent = if everywhere {
        Vec::new()
    } else {
        tail.iter().copied().filter(|&d| prominent(d)).collect()
    };
    let tail_level = if tail_part.is_empty() {
        0
    } else {
        let mean = tail_part.iter().map(|p| f64::from(p.2)).sum::<f64>() / tail_part.len() as f64;
        scale.level(mean)
    };
    Encoded {
        head,
        tail,
        tail_level,
        tail_prominent,
        everywhere,
    }
}

/// Appends a sorted list of documents: its count, then each as a gap from the one before.
pub(super) fn push_gaps(out: &mut String, docs: &[u32]) {
    push_number(out, docs.len() as u64);
    let mut previous: Option<u32> = None;
    for &doc in docs {
        push_number(
            out,
            u64::from(match previous {
                Some(p) => doc - p - 1,
                None => doc,
            }),
        );
        previous = Some(doc);
    }
}

/// Appends the postings part of a term entry (everything after the flags).
pub(super) fn push_postings(
    out: &mut String,
    encoded: &Encoded,
    code_docs: &[u32],
    doc_count: u32,
) {
    push_number(out, encoded.head.len() as u64);
    let mut previous_level = Scale::TOP;
    let mut previous_doc = 0;
    for (i, &(level, doc, prominent)) in encoded.head.iter().enumerate() {
        let decrease = previous_level - level;
        push_number(out, u64::from(decrease));
        let place = if decrease == 0 && i > 0 {
            doc - previous_doc - 1
        } else {
            doc
        };
        push_number(out, u64::from(place) * 2 + u64::from(prominent));
        previous_level = level;
        previous_doc = doc;
    }
    if !encoded.tail.is_empty() {
        // The head and the tail hold each document of the term once: the documents without
        // the term are the rest, listed instead of the tail when they are fewer (a term in
        // most articles). Only then are they looked for, a pass over every document.
        let without = (doc_count as usize).saturating_sub(encoded.head.len() + encoded.tail.len());
        let complement = without < encoded.tail.len();
        let missing: Vec<u32> = if complement {
            let mut holding = vec![false; doc_count as usize];
            for &(_, doc, _) in &encoded.head {
                holding[doc as usize] = true;
            }
            for &doc in &encoded.tail {
                holding[doc as usize] = true;
            }
            (0..doc_count).filter(|&d| !holding[d as usize]).collect()
        } else {
            Vec::new()
        };
        push_number(out, u64::from(complement));
        push_number(out, u64::from(encoded.tail_level));
        push_gaps(out, if complement { &missing } else { &encoded.tail });
        push_gaps(out, &encoded.tail_prominent);
    }
    push_gaps(out, code_docs);
}

pub(super) fn push_term_head(out: &mut String, previous: &str, term: &str, df: u64, flags: u64) {
    let shared = previous
        .chars()
        .zip(term.chars())
        .take_while(|(a, b)| a == b)
        .map(|(c, _)| c.len_utf16())
        .sum::<usize>();
    let suffix_units: Vec<u16> = term.encode_utf16().skip(shared).collect();
    push_number(out, shared as u64);
    push_number(out, suffix_units.len() as u64);
    out.push_str(&String::from_utf16_lossy(&suffix_units));
    push_number(out, df);
    push_number(out, flags);
}

/// No postings follow: a rich term in its term shard, or any entry of a word list.
pub(super) const FLAG_STUB: u64 = 1;
/// A tail follows the head postings.
pub(super) const FLAG_TAIL: u64 = 2;
/// The term counts as prominent in every article holding it (spec rule 4.2).
pub(super) const FLAG_PROMINENT_EVERYWHERE: u64 = 4;

/// FNV-1a, 64 bits: a stable hash for the build id.
#[derive(Debug)]
pub(super) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub(super) fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub(super) fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_base64_vlq() {
        let mut out = String::new();
        for n in [0, 1, 31, 32, 1000] {
            push_number(&mut out, n);
        }
        assert_eq!(out, "ABfgBof");
    }

    #[test]
    fn strings_are_ascii_literals() {
        assert_eq!(js_string("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(js_string("café 😀"), r#""caf\u00e9 \ud83d\ude00""#);
    }

    fn term_held_by(docs: u32, prominent: impl Fn(u32) -> bool) -> TermImpacts {
        TermImpacts {
            term: "backup".to_string(),
            doc_freq: u64::from(docs),
            postings: (0..docs).map(|d| (d, 1.0 + d as f32)).collect(),
            code_docs: Vec::new(),
            prominent_docs: (0..docs).filter(|&d| prominent(d)).collect(),
        }
    }

    #[test]
    fn prominent_articles_are_flagged_in_the_head_and_listed_in_the_tail() {
        let scale = Scale {
            low: 1.0,
            high: 1000.0,
        };
        // 400 articles, the ones of even number prominent: 200, few enough to list. The head
        // is the 256 highest impacts, articles 144 to 399.
        let encoded = split(&term_held_by(400, |d| d % 2 == 0), &scale);
        assert!(!encoded.everywhere);
        assert_eq!(encoded.flags(), FLAG_TAIL);
        assert!(encoded.head.iter().all(|&(_, d, p)| p == (d % 2 == 0)));
        let listed: Vec<u32> = (0..144).filter(|d| d % 2 == 0).collect();
        assert_eq!(encoded.tail_prominent, listed);

        // Every article prominent: more than MAX_PROMINENT_DOCS, so flagged once for all.
        let encoded = split(&term_held_by(400, |_| true), &scale);
        assert!(encoded.everywhere);
        assert_eq!(encoded.flags(), FLAG_TAIL | FLAG_PROMINENT_EVERYWHERE);
        assert!(encoded.head.iter().all(|&(_, _, p)| p));
        assert!(encoded.tail_prominent.is_empty());
    }

    #[test]
    fn levels_round_trip_within_a_step() {
        let scale = Scale {
            low: 0.001,
            high: 100.0,
        };
        assert_eq!(scale.level(0.001), 1);
        assert_eq!(scale.level(100.0), Scale::TOP);
        for impact in [0.0123, 1.0, 7.77, 42.0] {
            let back = scale.impact(scale.level(impact));
            assert!(
                (back / impact - 1.0).abs() < 2e-4,
                "{impact} came back as {back}"
            );
        }
    }
}
