//! Bodies: 400 to 800 words of headings, paragraphs, numbered steps, lists and sometimes a
//! table, a code block, an alert or an internal link.

use std::fmt::Write as _;

use crate::corpus::Article;
use crate::kind::Kind;
use crate::phrases::{
    ALERT_TYPES, GENERIC_HEADINGS, HEADING_GERUNDS, LINK_LEADS, SETTINGS_PATHS, STEP_VERBS,
    SYMPTOM_PREDICATES, TOPICS,
};
use crate::rng::Rng;
use crate::skeleton::capitalise;
use crate::words::{RARE_WORDS, Vocabulary};

/// Writes one article's Markdown body: kind-specific sections first, then general sections until
/// the word budget (400–800 words) is spent.
pub(crate) struct BodyWriter<'a> {
    pub(crate) rng: &'a mut Rng,
    pub(crate) vocabulary: &'a Vocabulary,
    pub(crate) articles: &'a [Article],
    /// Every cause article, as a fallback link target.
    pub(crate) causes: &'a [usize],
    pub(crate) article: &'a Article,
    /// Error codes whose pages list this article as a cause.
    pub(crate) codes: Vec<String>,
    pub(crate) topic_words: Vec<&'static str>,
    pub(crate) text: String,
    pub(crate) words: usize,
}

impl<'a> BodyWriter<'a> {
    pub(crate) fn new(
        rng: &'a mut Rng,
        vocabulary: &'a Vocabulary,
        articles: &'a [Article],
        causes: &'a [usize],
        index: usize,
        codes: Vec<String>,
    ) -> BodyWriter<'a> {
        let article = &articles[index];
        let topic_words = TOPICS[article.topic].split(' ').collect();
        BodyWriter {
            rng,
            vocabulary,
            articles,
            causes,
            article,
            codes,
            topic_words,
            text: String::with_capacity(5000),
            words: 0,
        }
    }

    pub(crate) fn write(&mut self) {
        let budget = self.rng.range(535, 765);
        self.intro();
        match self.article.kind {
            Kind::Cause => self.cause_sections(),
            Kind::Fix => self.fix_sections(),
            Kind::Error => self.error_sections(),
            Kind::Faq => self.faq_sections(),
            Kind::Guide => self.guide_sections(),
            Kind::Practice => self.practice_sections(),
            Kind::Restore => self.restore_sections(),
        }
        let mut extras_left = 1 + self.rng.below(2);
        while self.words < budget {
            let heading = self.heading_text();
            self.heading(2, &heading);
            self.paragraphs(1, 2, budget);
            if self.words >= budget {
                break;
            }
            if extras_left > 0 && self.words + 60 < budget && self.rng.chance(0.5) {
                extras_left -= 1;
                self.extra_block();
            }
            if self.words + 30 < budget && self.rng.chance(0.35) {
                let heading = self.heading_text();
                self.heading(3, &heading);
                self.paragraphs(1, 2, budget);
            }
        }
    }

    // --- blocks -------------------------------------------------------------------------------

    pub(crate) fn push_block(&mut self, block: &str) {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.text.push_str(block);
        if !block.ends_with('\n') {
            self.text.push('\n');
        }
        self.words += count_words(block);
    }

    pub(crate) fn heading(&mut self, level: usize, text: &str) {
        let block = format!("{} {text}", "#".repeat(level));
        self.push_block(&block);
    }

    pub(crate) fn intro(&mut self) {
        let mut paragraph = self.paragraph_text(2, 4);
        if let Some(code) = &self.article.error_code {
            let sentence = format!(
                " Error {code} appears when the {} cannot finish.",
                TOPICS[self.article.topic]
            );
            paragraph.push_str(&sentence);
        }
        self.push_block(&paragraph);
    }

    /// `min..=max` paragraphs, stopping early once `budget` words are written.
    pub(crate) fn paragraphs(&mut self, min: usize, max: usize, budget: usize) {
        let count = self.rng.range(min, max);
        for _ in 0..count {
            // Near the end of the budget, write shorter paragraphs so the total stays in range.
            let remaining = budget.saturating_sub(self.words);
            let most = (remaining / 13).clamp(1, 5);
            let mut paragraph = self.paragraph_text(2.min(most), most);
            if remaining > 40 && self.rng.chance(0.12) {
                paragraph.push(' ');
                paragraph.push_str(&self.link_sentence());
            }
            self.push_block(&paragraph);
            if self.words >= budget {
                break;
            }
        }
    }

    pub(crate) fn paragraph_text(&mut self, min: usize, max: usize) -> String {
        let count = self.rng.range(min, max);
        let sentences: Vec<String> = (0..count).map(|_| self.sentence(7, 20)).collect();
        sentences.join(" ")
    }

    /// A table, a fenced code block or a GitHub alert.
    pub(crate) fn extra_block(&mut self) {
        match self.rng.below(10) {
            0..=3 => self.alert(),
            4..=6 => self.table(),
            _ => self.code_block(),
        }
    }

    pub(crate) fn alert(&mut self) {
        let kind = *self.rng.pick(&ALERT_TYPES);
        let text = self.paragraph_text(1, 2);
        self.push_block(&format!("> [!{kind}]\n> {text}"));
    }

    pub(crate) fn table(&mut self) {
        let columns = self.rng.range(2, 4);
        let rows = self.rng.range(3, 6);
        let mut block = String::new();
        let header: Vec<String> = (0..columns)
            .map(|_| capitalise(&self.phrase(1, 2)))
            .collect();
        let _ = writeln!(block, "| {} |", header.join(" | "));
        let _ = writeln!(block, "|{}", " --- |".repeat(columns));
        for _ in 0..rows {
            let cells: Vec<String> = (0..columns)
                .map(|column| {
                    if column > 0 && self.rng.chance(0.2) {
                        format!("{} min", self.rng.range(1, 60))
                    } else {
                        capitalise(&self.phrase(1, 4))
                    }
                })
                .collect();
            let _ = writeln!(block, "| {} |", cells.join(" | "));
        }
        self.push_block(&block);
    }

    pub(crate) fn code_block(&mut self) {
        let mut block = String::from("```text\n");
        if self.rng.chance(0.3) {
            let _ = writeln!(block, "{}", self.rng.pick(&SETTINGS_PATHS));
        } else {
            let lines = self.rng.range(3, 6);
            let process = self.rng.pick(&[
                "backupd",
                "cloudd",
                "nsurlsessiond",
                "softwareupdated",
                "mobilesync",
            ]);
            let pid = self.rng.range(100, 9999);
            for _ in 0..lines {
                let message = self.phrase(3, 8);
                let code = match (&self.article.error_code, self.rng.chance(0.5)) {
                    (Some(code), true) => code.clone(),
                    _ => self.rng.range(1, 999).to_string(),
                };
                let _ = writeln!(
                    block,
                    "2026-{:02}-{:02} {:02}:{:02}:{:02} {process}[{pid}]: {message} (code={code})",
                    self.rng.range(1, 12),
                    self.rng.range(1, 28),
                    self.rng.range(0, 23),
                    self.rng.range(0, 59),
                    self.rng.range(0, 59),
                );
            }
        }
        block.push_str("```\n");
        self.push_block(&block);
    }

    pub(crate) fn bullet_list(&mut self, min: usize, max: usize) {
        let count = self.rng.range(min, max);
        let items: Vec<String> = (0..count)
            .map(|_| format!("- {}", self.sentence(4, 12)))
            .collect();
        self.push_block(&items.join("\n"));
    }

    pub(crate) fn numbered_steps(&mut self, min: usize, max: usize) {
        let count = self.rng.range(min, max);
        let mut block = String::new();
        for n in 1..=count {
            let step = if self.rng.chance(0.25) {
                format!("Go to **{}**.", self.rng.pick(&SETTINGS_PATHS))
            } else {
                let verb = *self.rng.pick(&STEP_VERBS);
                let rest = self.sentence(4, 12);
                format!("{verb} {}", lower_first(&rest))
            };
            let _ = writeln!(block, "{n}. {step}");
        }
        self.push_block(&block);
    }

    /// A list whose items link to the given articles, each with a short explanation.
    pub(crate) fn link_list(&mut self, targets: &[usize]) {
        let items: Vec<String> = targets
            .iter()
            .map(|&target| {
                let explanation = self.sentence(4, 10);
                format!("- {}: {explanation}", self.link_to(target))
            })
            .collect();
        self.push_block(&items.join("\n"));
    }

    // --- kind-specific sections ---------------------------------------------------------------

    pub(crate) fn cause_sections(&mut self) {
        self.heading(2, "Why it happens");
        let mut paragraph = self.paragraph_text(2, 4);
        for code in self.codes.clone() {
            let _ = write!(
                paragraph,
                " When this is the cause, the backup often ends with error {code}."
            );
        }
        self.push_block(&paragraph);
        self.heading(2, "How to tell");
        self.bullet_list(3, 5);
        self.heading(2, "What to do");
        self.paragraphs(1, 1, usize::MAX);
        if self.rng.chance(0.6) {
            let fixes = self.article.fixes.clone();
            self.link_list(&fixes);
        } else {
            self.bullet_list(2, 4);
        }
    }

    pub(crate) fn fix_sections(&mut self) {
        self.heading(2, "Before you start");
        self.paragraphs(1, 1, usize::MAX);
        if self.rng.chance(0.25) {
            self.alert();
        }
        self.heading(2, "Steps");
        self.numbered_steps(3, 8);
        self.heading(2, "If it still fails");
        self.paragraphs(1, 2, usize::MAX);
    }

    pub(crate) fn error_sections(&mut self) {
        let code = self.article.error_code.clone().unwrap_or_default();
        self.heading(2, "What you see");
        let message = capitalise(&self.phrase(4, 9));
        let shown = if self.rng.chance(0.5) {
            format!("```text\nThe backup could not be completed. {message} (error {code})\n```")
        } else {
            format!("> The backup could not be completed. {message} (error {code}).")
        };
        self.push_block(&shown);
        self.heading(2, "Why it happens");
        self.paragraphs(1, 2, usize::MAX);
        let causes = self.article.causes.clone();
        self.link_list(&causes);
        self.heading(2, "How to fix it");
        if self.rng.chance(0.5) {
            let fixes = self.article.fixes.clone();
            self.link_list(&fixes);
        } else {
            self.numbered_steps(3, 6);
        }
    }

    pub(crate) fn faq_sections(&mut self) {
        self.heading(2, "Short answer");
        self.paragraphs(1, 1, usize::MAX);
        self.heading(2, "Details");
        self.paragraphs(1, 2, usize::MAX);
        if !self.article.causes.is_empty() && self.rng.chance(0.5) {
            let causes = self.article.causes.clone();
            self.link_list(&causes);
        }
    }

    pub(crate) fn guide_sections(&mut self) {
        for _ in 0..self.rng.range(2, 3) {
            let heading = self.heading_text();
            self.heading(2, &heading);
            self.paragraphs(1, 2, usize::MAX);
            let sub = self.heading_text();
            self.heading(3, &sub);
            self.paragraphs(1, 1, usize::MAX);
        }
        if self.rng.chance(0.5) {
            self.table();
        } else {
            self.bullet_list(3, 6);
        }
    }

    pub(crate) fn practice_sections(&mut self) {
        self.heading(2, "Why it matters");
        self.paragraphs(1, 2, usize::MAX);
        self.heading(2, "How to do it");
        self.bullet_list(3, 6);
        self.heading(2, "How often");
        self.paragraphs(1, 1, usize::MAX);
    }

    pub(crate) fn restore_sections(&mut self) {
        self.heading(2, "Before you begin");
        self.bullet_list(3, 5);
        if self.rng.chance(0.6) {
            self.alert();
        }
        self.heading(2, "Steps");
        self.numbered_steps(5, 9);
        self.heading(2, "After the restore");
        self.paragraphs(1, 2, usize::MAX);
    }

    // --- words and sentences ------------------------------------------------------------------

    pub(crate) fn heading_text(&mut self) -> String {
        let topic = TOPICS[self.article.topic];
        match self.rng.below(6) {
            0 | 1 => self.rng.pick(&GENERIC_HEADINGS).to_string(),
            2 => format!("{} {topic}", self.rng.pick(&HEADING_GERUNDS)),
            3 => capitalise(&format!("{topic} {}", self.rng.pick(&SYMPTOM_PREDICATES))),
            4 => format!("More about {topic}"),
            _ => capitalise(&self.phrase(2, 4)),
        }
    }

    /// `min..=max` words without sentence punctuation.
    pub(crate) fn phrase(&mut self, min: usize, max: usize) -> String {
        let count = self.rng.range(min, max);
        let mut words: Vec<String> = Vec::with_capacity(count);
        while words.len() < count {
            let word = self.word();
            if words.last() != Some(&word) {
                words.push(word);
            }
        }
        words.join(" ")
    }

    /// A capitalised sentence of `min..=max` words, with the odd comma and inline markup.
    pub(crate) fn sentence(&mut self, min: usize, max: usize) -> String {
        let count = self.rng.range(min, max);
        let mut sentence = String::with_capacity(count * 7);
        let mut previous = String::new();
        let mut written = 0;
        while written < count {
            let word = self.word();
            if word == previous {
                continue;
            }
            if written > 0 {
                if written > 2 && written + 2 < count && self.rng.chance(0.06) {
                    sentence.push(',');
                }
                sentence.push(' ');
            }
            let styled = self.rng.chance(0.008);
            if styled && written > 0 {
                let _ = write!(sentence, "**{word}**");
            } else if written == 0 {
                sentence.push_str(&capitalise(&word));
            } else {
                sentence.push_str(&word);
            }
            previous = word;
            written += 1;
        }
        let end = match self.rng.below(100) {
            0..=2 => '?',
            3 => '!',
            _ => '.',
        };
        sentence.push(end);
        sentence
    }

    /// One token: mostly a Zipf-drawn word, sometimes a topic word, a number or a rare token.
    pub(crate) fn word(&mut self) -> String {
        let roll = self.rng.unit();
        if roll < 0.02 {
            TOPICS[self.article.topic].to_string()
        } else if roll < 0.045 {
            self.rng.pick(&self.topic_words).to_string()
        } else if roll < 0.062 {
            self.number_token()
        } else if roll < 0.065 {
            self.rare_token()
        } else {
            self.vocabulary.sample(self.rng).to_string()
        }
    }

    pub(crate) fn number_token(&mut self) -> String {
        match self.rng.below(8) {
            0 => self.rng.range(2, 12).to_string(),
            1 => self.rng.range(10, 99).to_string(),
            2 => format!("{}%", self.rng.range(5, 95)),
            3 => format!(
                "{} GB",
                self.rng.pick(&[5, 50, 64, 128, 200, 256, 512, 2000])
            ),
            4 => format!("iOS {}.{}", self.rng.range(12, 19), self.rng.range(0, 6)),
            5 => format!("{} minutes", self.rng.range(2, 90)),
            6 => self.rng.range(2019, 2026).to_string(),
            _ => format!("{}.{}", self.rng.range(1, 9), self.rng.range(0, 9)),
        }
    }

    pub(crate) fn rare_token(&mut self) -> String {
        match self.rng.below(5) {
            0 => format!("A{}", self.rng.range(1500, 3199)),
            1 => {
                let letter = (b'A' + self.rng.below(26) as u8) as char;
                format!(
                    "{}{letter}{}",
                    self.rng.range(19, 23),
                    self.rng.range(10, 999)
                )
            }
            2 => format!("0x{:04x}", self.rng.below(0x1_0000)),
            _ => self.rng.pick(&RARE_WORDS).to_string(),
        }
    }

    /// `[Title](@/kind/slug.md)` for another article.
    pub(crate) fn link_to(&self, target: usize) -> String {
        let target = &self.articles[target];
        format!("[{}](@/{}.md)", target.title, target.full_slug())
    }

    /// A sentence pointing the reader at a related article: one of this article's relations
    /// when it has any, otherwise a cause on the same subject.
    pub(crate) fn link_sentence(&mut self) -> String {
        let article = self.article;
        let candidates: Vec<usize> = article
            .causes
            .iter()
            .chain(&article.fixes)
            .chain(&article.related)
            .copied()
            .collect();
        let target = if !candidates.is_empty() && self.rng.chance(0.7) {
            *self.rng.pick(&candidates)
        } else {
            *self.rng.pick(self.causes)
        };
        format!("{} {}.", self.rng.pick(&LINK_LEADS), self.link_to(target))
    }
}

/// Lower-cases the first letter of a generated sentence unless the first word is a brand name.
pub(crate) fn lower_first(sentence: &str) -> String {
    let first_word = sentence.split(' ').next().unwrap_or("");
    if first_word.chars().skip(1).any(char::is_uppercase) || display_form_is_proper(first_word) {
        return sentence.to_string();
    }
    let mut chars = sentence.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(crate) fn display_form_is_proper(word: &str) -> bool {
    matches!(
        word.trim_end_matches([',', '.', '?', '!']),
        "Mac" | "Apple" | "Finder" | "Safari" | "Bluetooth" | "Windows"
    )
}

/// Words in Markdown text: whitespace-separated tokens that contain a letter.
pub(crate) fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|token| token.chars().any(char::is_alphabetic) && !token.starts_with("[!"))
        .count()
}
