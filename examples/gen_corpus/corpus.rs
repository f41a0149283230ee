//! The corpus: the articles, the index of them by kind and topic that relations are picked
//! from, and how an article is written out as Remedy or Hugo Markdown.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::body::BodyWriter;
use crate::kind::Kind;
use crate::relations::link_articles;
use crate::rng::Rng;
use crate::skeleton::make_skeletons;
use crate::words::Vocabulary;

pub(crate) struct Article {
    pub(crate) kind: Kind,
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) topic: usize,
    pub(crate) error_code: Option<String>,
    pub(crate) summary: String,
    pub(crate) symptoms: Vec<String>,
    pub(crate) causes: Vec<usize>,
    pub(crate) fixes: Vec<usize>,
    pub(crate) related: Vec<usize>,
    pub(crate) weight: Option<usize>,
    pub(crate) updated: Option<(usize, usize, usize)>,
    pub(crate) effort: Option<&'static str>,
    pub(crate) body: String,
    pub(crate) body_words: usize,
}

impl Article {
    pub(crate) fn full_slug(&self) -> String {
        format!("{}/{}", self.kind.dir(), self.slug)
    }
}

pub(crate) struct Corpus {
    pub(crate) articles: Vec<Article>,
}

/// Article indices grouped by kind and by topic, for picking relation targets.
pub(crate) struct Index {
    pub(crate) by_kind: BTreeMap<Kind, Vec<usize>>,
    pub(crate) by_kind_topic: BTreeMap<(Kind, usize), Vec<usize>>,
    pub(crate) by_topic: BTreeMap<usize, Vec<usize>>,
}

impl Index {
    pub(crate) fn new(articles: &[Article]) -> Index {
        let mut index = Index {
            by_kind: BTreeMap::new(),
            by_kind_topic: BTreeMap::new(),
            by_topic: BTreeMap::new(),
        };
        for (i, article) in articles.iter().enumerate() {
            index.by_kind.entry(article.kind).or_default().push(i);
            index
                .by_kind_topic
                .entry((article.kind, article.topic))
                .or_default()
                .push(i);
            index.by_topic.entry(article.topic).or_default().push(i);
        }
        index
    }

    /// An article of `kind`, half the time on the same topic when there is one.
    pub(crate) fn pick_kind(&self, rng: &mut Rng, kind: Kind, topic: usize) -> usize {
        if let Some(same) = self.by_kind_topic.get(&(kind, topic))
            && rng.chance(0.5)
        {
            return *rng.pick(same);
        }
        *rng.pick(&self.by_kind[&kind])
    }

    /// `count` distinct articles of `kind`, none of them in `exclude`.
    pub(crate) fn pick_distinct(
        &self,
        rng: &mut Rng,
        kind: Kind,
        topic: usize,
        count: usize,
        exclude: &[usize],
    ) -> Vec<usize> {
        let available = self.by_kind[&kind].len();
        let count = count.min(available.saturating_sub(exclude.len()));
        let mut chosen: Vec<usize> = Vec::new();
        let mut attempts = 0;
        while chosen.len() < count && attempts < 100 {
            attempts += 1;
            let candidate = self.pick_kind(rng, kind, topic);
            if !chosen.contains(&candidate) && !exclude.contains(&candidate) {
                chosen.push(candidate);
            }
        }
        chosen
    }
}

impl Corpus {
    pub(crate) fn generate(total: usize, seed: u64) -> Corpus {
        let mut rng = Rng::new(seed);
        let vocabulary = Vocabulary::new();
        let mut articles = make_skeletons(&mut rng, total);
        let index = Index::new(&articles);
        link_articles(&mut rng, &mut articles, &index);

        // Which error codes point at each cause, so the cause can mention them.
        let mut codes_of_cause: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for article in &articles {
            if let Some(code) = &article.error_code {
                for &cause in &article.causes {
                    codes_of_cause.entry(cause).or_default().push(code.clone());
                }
            }
        }
        let causes = &index.by_kind[&Kind::Cause];
        for i in 0..articles.len() {
            let codes = codes_of_cause.remove(&i).unwrap_or_default();
            let (body, words) = {
                let mut writer =
                    BodyWriter::new(&mut rng, &vocabulary, &articles, causes, i, codes);
                writer.write();
                (writer.text, writer.words)
            };
            let article = &mut articles[i];
            article.body = body;
            article.body_words = words;
        }
        Corpus { articles }
    }

    pub(crate) fn article_path(&self, root: &Path, article: &Article) -> PathBuf {
        root.join("content")
            .join(article.kind.dir())
            .join(format!("{}.md", article.slug))
    }

    pub(crate) fn slugs<'a>(&'a self, indices: &'a [usize]) -> impl Iterator<Item = &'a str> + 'a {
        indices.iter().map(|&i| self.articles[i].slug.as_str())
    }

    pub(crate) fn remedy_markdown(&self, article: &Article) -> String {
        let mut out = String::with_capacity(article.body.len() + 600);
        out.push_str("+++\n");
        push_string_field(&mut out, "title", &article.title);
        push_string_field(&mut out, "summary", &article.summary);
        push_array_field(
            &mut out,
            "symptoms",
            article.symptoms.iter().map(String::as_str),
        );
        push_array_field(&mut out, "error_codes", article.error_code.as_deref());
        push_array_field(&mut out, "causes", self.slugs(&article.causes));
        push_array_field(&mut out, "fixes", self.slugs(&article.fixes));
        let related: Vec<String> = article
            .related
            .iter()
            .map(|&i| self.articles[i].full_slug())
            .collect();
        push_array_field(&mut out, "related", related.iter().map(String::as_str));
        push_array_field(&mut out, "tags", tags_of(&article.slug));
        if let Some(weight) = article.weight {
            let _ = writeln!(out, "weight = {weight}");
        }
        if let Some((year, month, day)) = article.updated {
            let _ = writeln!(out, "updated = {year}-{month:02}-{day:02}");
        }
        if let Some(effort) = article.effort {
            push_string_field(&mut out, "effort", effort);
        }
        out.push_str("+++\n\n");
        out.push_str(&article.body);
        out
    }

    pub(crate) fn hugo_markdown(&self, article: &Article) -> String {
        let mut out = String::with_capacity(article.body.len() + 600);
        out.push_str("+++\n");
        push_string_field(&mut out, "title", &article.title);
        push_string_field(&mut out, "summary", &article.summary);
        if let Some((year, month, day)) = article.updated {
            let _ = writeln!(out, "date = {year}-{month:02}-{day:02}");
            let _ = writeln!(out, "lastmod = {year}-{month:02}-{day:02}");
        }
        if let Some(weight) = article.weight {
            let _ = writeln!(out, "weight = {weight}");
        }
        // Custom fields stay at the top level: Hugo before 0.123 (Debian ships 0.111) does not
        // lift a front-matter `[params]` table into `.Params`; every version reads these.
        push_array_field(
            &mut out,
            "symptoms",
            article.symptoms.iter().map(String::as_str),
        );
        push_array_field(&mut out, "error_codes", article.error_code.as_deref());
        push_array_field(&mut out, "causes", self.slugs(&article.causes));
        push_array_field(&mut out, "fixes", self.slugs(&article.fixes));
        let related: Vec<String> = article
            .related
            .iter()
            .map(|&i| self.articles[i].full_slug())
            .collect();
        push_array_field(&mut out, "related", related.iter().map(String::as_str));
        if let Some(effort) = article.effort {
            push_string_field(&mut out, "effort", effort);
        }
        out.push_str("+++\n\n");
        out.push_str(&hugo_links(&article.body));
        out
    }
}

/// Rewrites `](@/kind/slug.md)` links to Hugo's plain URLs `](/kind/slug/)`.
pub(crate) fn hugo_links(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = rest.find("](@/") {
        let after = &rest[start + 4..];
        let Some(end) = after.find(".md)") else { break };
        out.push_str(&rest[..start]);
        out.push_str("](/");
        out.push_str(&after[..end]);
        out.push_str("/)");
        rest = &after[end + 4..];
    }
    out.push_str(rest);
    out
}

pub(crate) fn toml_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

pub(crate) fn push_string_field(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key} = {}", toml_string(value));
}

/// The devices and services an article is tagged with: none to two of [`TAGS`], chosen by a hash
/// of its slug (not from the generator's random stream, so the rest of the corpus is the same
/// with or without tags).
pub(crate) fn tags_of(slug: &str) -> Vec<&'static str> {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in slug.bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    let count = (hash % 3) as usize;
    let mut tags: Vec<&'static str> = (0..count)
        .map(|i| TAGS[((hash >> (8 + 8 * i)) % TAGS.len() as u64) as usize])
        .collect();
    tags.sort_unstable();
    tags.dedup();
    tags
}

/// The tags of the generated articles.
const TAGS: [&str; 10] = [
    "iPhone",
    "iPad",
    "Mac",
    "Windows",
    "Apple Watch",
    "iCloud",
    "Wi-Fi",
    "Battery",
    "Storage",
    "Accounts",
];

/// Writes `key = ["a", "b"]`, or nothing when there are no values.
pub(crate) fn push_array_field<'a>(
    out: &mut String,
    key: &str,
    values: impl IntoIterator<Item = &'a str>,
) {
    let items: Vec<String> = values.into_iter().map(toml_string).collect();
    if !items.is_empty() {
        let _ = writeln!(out, "{key} = [{}]", items.join(", "));
    }
}
