//! Benchmark corpus generator: writes a synthetic troubleshooting knowledge base of any size as a
//! Remedy site and, optionally, the same articles as a Hugo site.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --articles N --seed S --out DIR [--hugo DIR2]
//! ```
//!
//! The output is a pure function of `--articles` and `--seed`: the generator draws every choice
//! from its own splitmix64 stream and keeps everything in ordered collections, so two runs with
//! the same arguments write byte-identical files. It only needs `std`.
//!
//! What it writes into `DIR`:
//! - `book.toml` with the standard kinds (none declared, so Remedy's defaults apply);
//! - `content/_index.md` and `content/<kind-dir>/_index.md` (title, description, one intro
//!   paragraph), as in the bundled knowledge base;
//! - `content/<kind-dir>/<slug>.md` for the seven standard kinds, in the mix causes 25%,
//!   fixes 30%, FAQ 15%, errors 10%, guides 10%, practices 8%, restore 2%;
//! - TOML front matter with only the fields Remedy knows (`title`, `summary`, `symptoms`,
//!   `error_codes`, `causes`, `fixes`, `related`, `weight`, `updated`, `effort`), and every
//!   relation resolving: each cause lists one to four fixes, every fix is listed by a cause, each
//!   error page has a unique code, one or two causes and one to three fixes;
//! - bodies of 400–800 words (about 660 on average, some 4.4 KB per file with front matter, so
//!   44 MB at 10,000 articles) drawn from a Zipf-distributed vocabulary (about two thousand common
//!   English words with the troubleshooting domain words placed among the most frequent ranks, so
//!   that words such as "backup", "icloud" or "settings" occur in most articles and make the hard
//!   case for search), organised with headings, numbered steps, bullet lists and sometimes a
//!   table, a fenced code block, a GitHub alert or an internal `@/kind/slug.md` link (never with
//!   an anchor, so every link resolves).
//!
//! With `--hugo DIR2` it writes the same text as a Hugo site: `hugo.toml`, the articles with
//! Hugo front matter (`date`/`lastmod` from `updated`; the custom fields stay top-level rather
//! than under `[params]`, because Hugo before 0.123, such as Debian's 0.111, leaves a front-matter
//! `[params]` table out of `.Params`, while every version reads top-level custom fields), internal
//! links rewritten to plain URLs (`/causes/slug/`), and minimal layouts that render the title,
//! the content, the section lists and the relation links, with `data-pagefind-body` on `<main>`.
//!
//! The generator refuses to write into a non-empty directory unless an earlier run of this
//! generator made it (its `book.toml` or `hugo.toml` carries the generated title); it then
//! replaces only the `content/` (and, for Hugo, `layouts/`) folders it owns.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "\
usage: gen_corpus --articles N --seed S --out DIR [--hugo DIR2]

Writes a synthetic troubleshooting knowledge base of N articles (N >= 10) as a Remedy site in DIR
and, with --hugo, the same articles as a Hugo site in DIR2. Same arguments, same bytes.
Defaults: --articles 1000, --seed 1.";

/// The title both generated sites carry; it also marks a directory as ours to overwrite.
const SITE_TITLE: &str = "Generated help center";
const SITE_DESCRIPTION: &str = "A synthetic troubleshooting knowledge base about backups, storage and connectivity, \
     generated for benchmarks.";
const BASE_URL: &str = "https://help.example.com/";
const MIN_ARTICLES: usize = 10;

fn main() -> ExitCode {
    let args = match Args::parse(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    let started = Instant::now();
    let corpus = Corpus::generate(args.articles, args.seed);

    prepare_dir(&args.out, "book.toml", &["content"])?;
    write_file(&args.out.join("book.toml"), &remedy_book_toml())?;
    write_section_indexes(&args.out)?;
    let mut markdown_bytes = 0usize;
    for article in &corpus.articles {
        let text = corpus.remedy_markdown(article);
        markdown_bytes += text.len();
        write_file(&corpus.article_path(&args.out, article), &text)?;
    }

    if let Some(hugo_dir) = &args.hugo {
        prepare_dir(hugo_dir, "hugo.toml", &["content", "layouts"])?;
        write_file(&hugo_dir.join("hugo.toml"), &hugo_config())?;
        for (path, text) in HUGO_LAYOUTS {
            write_file(&hugo_dir.join(path), text)?;
        }
        write_section_indexes(hugo_dir)?;
        for article in &corpus.articles {
            let text = corpus.hugo_markdown(article);
            write_file(&corpus.article_path(hugo_dir, article), &text)?;
        }
    }

    let per_kind: Vec<String> = Kind::ALL
        .iter()
        .map(|&kind| {
            let count = corpus.articles.iter().filter(|a| a.kind == kind).count();
            format!("{} {count}", kind.dir())
        })
        .collect();
    let words: usize = corpus.articles.iter().map(|a| a.body_words).sum();
    println!(
        "gen_corpus: {} articles ({}), {markdown_bytes} bytes of Markdown ({:.1} MB), {words} words, seed {}, {:.2} s",
        corpus.articles.len(),
        per_kind.join(", "),
        markdown_bytes as f64 / 1e6,
        args.seed,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Command line

struct Args {
    articles: usize,
    seed: u64,
    out: PathBuf,
    hugo: Option<PathBuf>,
}

impl Args {
    /// Parses the arguments; `Ok(None)` means `--help` was asked for.
    fn parse(mut raw: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
        let mut articles = 1000usize;
        let mut seed = 1u64;
        let mut out = None;
        let mut hugo = None;
        while let Some(flag) = raw.next() {
            if flag == "-h" || flag == "--help" {
                return Ok(None);
            }
            let (name, inline_value) = match flag.split_once('=') {
                Some((name, value)) => (name.to_string(), Some(value.to_string())),
                None => (flag.clone(), None),
            };
            let mut value = || {
                inline_value
                    .clone()
                    .or_else(|| raw.next())
                    .ok_or_else(|| format!("`{name}` needs a value"))
            };
            match name.as_str() {
                "--articles" => {
                    let text = value()?;
                    articles = text
                        .parse()
                        .map_err(|_| format!("`--articles` wants a number, not `{text}`"))?;
                }
                "--seed" => {
                    let text = value()?;
                    seed = text
                        .parse()
                        .map_err(|_| format!("`--seed` wants a number, not `{text}`"))?;
                }
                "--out" => out = Some(PathBuf::from(value()?)),
                "--hugo" => hugo = Some(PathBuf::from(value()?)),
                _ => return Err(format!("unknown argument `{flag}`")),
            }
        }
        if articles < MIN_ARTICLES {
            return Err(format!("`--articles` must be at least {MIN_ARTICLES}"));
        }
        let out = out.ok_or("`--out DIR` is required")?;
        Ok(Some(Args {
            articles,
            seed,
            out,
            hugo,
        }))
    }
}

// ---------------------------------------------------------------------------------------------
// Output files

/// Makes `dir` ready to receive a generated site: creates it, accepts it empty, or, when an
/// earlier run of this generator wrote it (`marker` holds the generated title), removes the
/// folders that run owned. Any other non-empty directory is left alone and reported.
fn prepare_dir(dir: &Path, marker: &str, owned: &[&str]) -> Result<(), String> {
    if dir.exists() {
        let mut entries =
            fs::read_dir(dir).map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
        if entries.next().is_some() {
            let marker_text = fs::read_to_string(dir.join(marker)).unwrap_or_default();
            if !marker_text.contains(&format!("title = \"{SITE_TITLE}\"")) {
                return Err(format!(
                    "`{}` is not empty and was not written by gen_corpus; choose a new or empty directory",
                    dir.display()
                ));
            }
            for name in owned {
                let path = dir.join(name);
                if path.exists() {
                    fs::remove_dir_all(&path)
                        .map_err(|e| format!("cannot remove `{}`: {e}", path.display()))?;
                }
            }
        }
    }
    fs::create_dir_all(dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}

/// `content/_index.md` and one `content/<kind-dir>/_index.md` per kind, each with a title, a
/// description and one intro paragraph, the same for Remedy and Hugo (Hugo reads `description`).
fn write_section_indexes(root: &Path) -> Result<(), String> {
    let home = format!(
        "+++\ntitle = \"{SITE_TITLE}\"\ndescription = \"{SITE_DESCRIPTION}\"\n+++\n\n\
         Search for what you see on screen, such as an error code or the words of a message, or \
         start from the most common causes. Every fix says where to tap and what to try next.\n"
    );
    write_file(&root.join("content").join("_index.md"), &home)?;
    for kind in Kind::ALL {
        let index = format!(
            "+++\ntitle = \"{}\"\ndescription = \"{}\"\n+++\n\n{}\n",
            kind.title(),
            kind.description(),
            kind.intro()
        );
        write_file(
            &root.join("content").join(kind.dir()).join("_index.md"),
            &index,
        )?;
    }
    Ok(())
}

fn remedy_book_toml() -> String {
    format!(
        "[book]\ntitle = \"{SITE_TITLE}\"\ndescription = \"{SITE_DESCRIPTION}\"\n\n\
         [build]\nbase-url = \"{BASE_URL}\"\n"
    )
}

fn hugo_config() -> String {
    format!(
        "baseURL = \"{BASE_URL}\"\ntitle = \"{SITE_TITLE}\"\nlanguageCode = \"en\"\n\
         disableKinds = [\"taxonomy\", \"term\"]\nbuildFuture = true\n\n[params]\ndescription = \"{SITE_DESCRIPTION}\"\n"
    )
}

/// Minimal Hugo layouts doing the work Remedy's pages do: title, summary, symptoms, content,
/// relation links (including the causes a fix addresses, derived like Remedy's reverse edges),
/// section lists and the home page. The reverse edges come from one cached partial that maps
/// each fix to its causes for the whole site: a `where` over the causes on every fix page would
/// be quadratic and more than double Hugo's build time at 10,000 articles, which would measure
/// our template rather than Hugo.
const HUGO_LAYOUTS: [(&str, &str); 5] = [
    (
        "layouts/_default/baseof.html",
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
{{ with .Params.summary }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
</head>
<body>
<header>
<a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav>{{ range site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>
</header>
<main data-pagefind-body>
{{ block "main" . }}{{ end }}
</main>
<footer><p>{{ site.Title }}</p></footer>
</body>
</html>
"#,
    ),
    (
        "layouts/_default/single.html",
        r#"{{ define "main" }}
<article>
<p class="kind">{{ .CurrentSection.Title }}</p>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ with .Params.error_codes }}<p class="codes">Error code: {{ delimit . ", " }}</p>{{ end }}
{{ with .Params.symptoms }}<h2>Symptoms</h2>
<ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.effort }}<p class="effort">Takes about {{ . }}</p>{{ end }}
{{ .Content }}
{{ with .Params.causes }}<h2>Causes</h2>
<ul>{{ range . }}{{ with site.GetPage (printf "/causes/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul>{{ end }}
{{ with .Params.fixes }}<h2>Fixes</h2>
<ul>{{ range . }}{{ with site.GetPage (printf "/fixes/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul>{{ end }}
{{ if eq .Section "fixes" }}{{ with (partialCached "causes-of-fix.html" . "site").Get .File.ContentBaseName }}<h2>Fixes these causes</h2>
<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}{{ end }}
{{ with .Params.related }}<h2>Related</h2>
<ul>{{ range . }}{{ with site.GetPage (printf "/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul>{{ end }}
{{ if not .Lastmod.IsZero }}<p class="updated">Updated {{ .Lastmod.Format "2006-01-02" }}</p>{{ end }}
</article>
{{ end }}
"#,
    ),
    (
        "layouts/partials/causes-of-fix.html",
        r#"{{- /* Reverse edges, built once per site: fix slug -> the cause pages that list it. */ -}}
{{- $causes := newScratch -}}
{{- with site.GetPage "/causes" -}}
{{- range .Pages -}}{{- $cause := . -}}{{- range .Params.fixes -}}{{- $causes.Add . (slice $cause) -}}{{- end -}}{{- end -}}
{{- end -}}
{{- return $causes -}}
"#,
    ),
    (
        "layouts/_default/list.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul class="articles">
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>
{{ end }}</ul>
{{ end }}
"#,
    ),
    (
        "layouts/index.html",
        r#"{{ define "main" }}
<h1>{{ site.Title }}</h1>
<p>{{ site.Params.description }}</p>
{{ range site.Sections }}<section>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p>{{ len .Pages }} articles</p>
<ul>{{ range first 5 .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</section>
{{ end }}
{{ end }}
"#,
    ),
];

// ---------------------------------------------------------------------------------------------
// Random numbers

/// splitmix64: tiny, fast, and good enough for text; the whole corpus comes from one stream.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in `0..n`; `n` must be positive.
    fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// Uniform in `low..=high`.
    fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn chance(&mut self, probability: f64) -> bool {
        self.unit() < probability
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------------------
// Kinds

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Kind {
    Guide,
    Cause,
    Fix,
    Practice,
    Restore,
    Error,
    Faq,
}

impl Kind {
    const ALL: [Kind; 7] = [
        Kind::Guide,
        Kind::Cause,
        Kind::Fix,
        Kind::Practice,
        Kind::Restore,
        Kind::Error,
        Kind::Faq,
    ];

    fn dir(self) -> &'static str {
        match self {
            Kind::Guide => "guides",
            Kind::Cause => "causes",
            Kind::Fix => "fixes",
            Kind::Practice => "practices",
            Kind::Restore => "restore",
            Kind::Error => "errors",
            Kind::Faq => "faq",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Kind::Guide => "Guides",
            Kind::Cause => "Causes",
            Kind::Fix => "Fixes",
            Kind::Practice => "Best practices",
            Kind::Restore => "Restore",
            Kind::Error => "Error codes",
            Kind::Faq => "FAQ",
        }
    }

    fn description(self) -> &'static str {
        match self {
            Kind::Guide => "How backups, storage and connections work, explained from the start.",
            Kind::Cause => "The reasons a backup or update fails, likeliest first.",
            Kind::Fix => "Step-by-step fixes, each with the time it takes.",
            Kind::Practice => "Habits that keep backups working.",
            Kind::Restore => "Getting your data back from a backup.",
            Kind::Error => "Every error code, what it means and how to clear it.",
            Kind::Faq => "Short answers to common questions.",
        }
    }

    fn intro(self) -> &'static str {
        match self {
            Kind::Guide => {
                "Background reading: what each feature does, where your data is kept and what \
                 the limits are."
            }
            Kind::Cause => {
                "Why things go wrong. Each page tells you how to recognise the problem and \
                 which fixes to try."
            }
            Kind::Fix => "What to do about it. Each fix lists its steps and how long it takes.",
            Kind::Practice => "Small habits that stop most problems before they start.",
            Kind::Restore => "Procedures for bringing data back onto a phone, tablet or computer.",
            Kind::Error => {
                "Look up the code you see on screen to find its causes and the fixes that \
                 clear it."
            }
            Kind::Faq => "Quick answers, with links to the causes and fixes behind them.",
        }
    }

    /// Share of the corpus, in percent; the shares add up to 100.
    fn percent(self) -> usize {
        match self {
            Kind::Guide => 10,
            Kind::Cause => 25,
            Kind::Fix => 30,
            Kind::Practice => 8,
            Kind::Restore => 2,
            Kind::Error => 10,
            Kind::Faq => 15,
        }
    }

    /// How many articles of each kind (in `ALL` order) make `total`: largest remainder, then at
    /// least one of each kind.
    fn counts(total: usize) -> [usize; 7] {
        let mut counts = Kind::ALL.map(|kind| total * kind.percent() / 100);
        let assigned: usize = counts.iter().sum();
        let mut order: Vec<usize> = (0..Kind::ALL.len()).collect();
        order.sort_by_key(|&i| (std::cmp::Reverse(total * Kind::ALL[i].percent() % 100), i));
        for &i in order.iter().take(total - assigned) {
            counts[i] += 1;
        }
        for i in 0..counts.len() {
            while counts[i] == 0 {
                let largest = (0..counts.len()).max_by_key(|&j| (counts[j], j)).unwrap();
                counts[largest] -= 1;
                counts[i] += 1;
            }
        }
        counts
    }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

/// Zipf–Mandelbrot offset: flattens the very top ranks ("the" near 6% rather than 12%), as
/// in real English text.
const ZIPF_OFFSET: f64 = 2.7;

/// Words drawn with probability proportional to 1/(rank + offset): Zipf with exponent 1.
struct Vocabulary {
    words: Vec<&'static str>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    /// Ranks the common English words in their listed order, puts the core domain words among
    /// the top thirty ranks and spreads the other domain words over ranks 40 to 1,200.
    fn new() -> Vocabulary {
        let mut taken: BTreeSet<&str> = BTreeSet::new();
        let mut placed: Vec<(f64, &'static str)> = Vec::new();
        for (i, &word) in CORE_DOMAIN_WORDS.iter().enumerate() {
            if taken.insert(word) {
                placed.push((6.5 + 2.0 * i as f64, display_form(word)));
            }
        }
        let domain: Vec<&'static str> = DOMAIN_WORDS
            .split_whitespace()
            .filter(|w| taken.insert(w))
            .collect();
        let step = 1160.0 / domain.len() as f64;
        for (i, &word) in domain.iter().enumerate() {
            placed.push((40.5 + step * i as f64, display_form(word)));
        }
        let common = COMMON_WORDS.split_whitespace().filter(|w| taken.insert(w));
        for (i, word) in common.enumerate() {
            placed.push((i as f64, word));
        }
        placed.sort_by(|a, b| a.0.total_cmp(&b.0));
        let words: Vec<&'static str> = placed.into_iter().map(|(_, word)| word).collect();
        let mut total = 0.0;
        let cumulative = (0..words.len())
            .map(|rank| {
                total += 1.0 / (rank as f64 + 1.0 + ZIPF_OFFSET);
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    fn sample(&self, rng: &mut Rng) -> &'static str {
        let target = rng.unit() * self.cumulative[self.cumulative.len() - 1];
        let index = self.cumulative.partition_point(|&c| c <= target);
        self.words[index.min(self.words.len() - 1)]
    }
}

/// How a domain word is spelled in running text (brand names keep their capitals; the search
/// tokens, lower-cased, stay the same).
fn display_form(word: &'static str) -> &'static str {
    match word {
        "icloud" => "iCloud",
        "iphone" => "iPhone",
        "ios" => "iOS",
        "ipad" => "iPad",
        "macos" => "macOS",
        "itunes" => "iTunes",
        "imessage" => "iMessage",
        "facetime" => "FaceTime",
        "airpods" => "AirPods",
        "whatsapp" => "WhatsApp",
        "mac" => "Mac",
        "apple" => "Apple",
        "finder" => "Finder",
        "safari" => "Safari",
        "bluetooth" => "Bluetooth",
        "vpn" => "VPN",
        "dns" => "DNS",
        "usb" => "USB",
        "gb" => "GB",
        "tb" => "TB",
        "sim" => "SIM",
        "esim" => "eSIM",
        "dfu" => "DFU",
        "windows" => "Windows",
        other => other,
    }
}

/// The domain words every article should contain: placed among the most frequent ranks.
const CORE_DOMAIN_WORDS: [&str; 10] = [
    "backup", "icloud", "storage", "settings", "iphone", "wifi", "error", "restart", "update",
    "battery",
];

const DOMAIN_WORDS: &str = "
ios ipad mac apple account password restore sync photos network connection device data app apps
download upload space plan gb tb charger power signal router vpn profile firmware passcode
encryption encrypted finder itunes keychain messages contacts calendar notes reminders safari mail
drive cellular bluetooth airplane hotspot server status outage reboot reset verification
authentication code screen notification alert cache library album video videos media files folder
attachment quota subscription family sharing purchase migration transfer cable usb lightning port
adapter computer laptop desktop macos windows software version beta install reinstall uninstall
toggle switch tap swipe menu general progress estimate remaining halfway stuck frozen slow crash
crashes freeze timeout retry corrupt corrupted incomplete failed fails failure troubleshoot
troubleshooting diagnostics logs support technician warranty repair health capacity charging drain
overheating temperature dns proxy firewall bandwidth latency ethernet modem airpods recovery dfu
erase wipe snapshot archive schedule automatic manual nightly daily locked unlock trust pairing
certificate timezone region language carrier sim esim whatsapp imessage facetime login
";

/// Rare tokens: real but uncommon words from the field, used sparingly.
const RARE_WORDS: [&str; 48] = [
    "plist",
    "keybag",
    "sqlite",
    "manifest",
    "entitlement",
    "daemon",
    "throttling",
    "provisioning",
    "idempotent",
    "checksum",
    "deduplication",
    "handshake",
    "heuristic",
    "sandbox",
    "telemetry",
    "tethering",
    "captive",
    "portal",
    "subnet",
    "gateway",
    "payload",
    "journaling",
    "snapshotting",
    "quiesce",
    "rollback",
    "watchdog",
    "kernel",
    "partition",
    "volume",
    "filesystem",
    "apfs",
    "metadata",
    "thumbnail",
    "transcoding",
    "codec",
    "heic",
    "hevc",
    "backoff",
    "jitter",
    "keepalive",
    "lease",
    "dhcp",
    "mtu",
    "nat",
    "wpa3",
    "ssid",
    "mdm",
    "supervised",
];

/// About two thousand common English words, roughly most frequent first.
const COMMON_WORDS: &str = "
the of and to a in is it you that he was for on are with as i his they be at one have this from
or had by not word but what some we can out other were all there when up use your how said an each
she which do their time if will way about many then them write would like so these her long make
thing see him two has look more day could go come did number sound no most people my over know
water than call first who may down side been now find any new work part take get place made live
where after back little only round man year came show every good me give our under name very
through just form sentence great think say help low line differ turn cause much mean before move
right boy old too same tell does set three want air well also play small end put home read hand
port large spell add even land here must big high such follow act why ask men change went light
kind off need house picture try us again animal point mother world near build self earth father
head stand own page should country found answer school grow study still learn plant cover food sun
four between state keep eye never last let thought city tree cross farm hard start might story saw
far sea draw left late run while press close night real life few north open seem together next
white children begin got walk example ease paper group always music those both mark often letter
until mile river car feet care second book carry took science eat room friend began idea fish
mountain stop once base hear horse cut sure watch color face wood main enough plain girl usual
young ready above ever red list though feel talk bird soon body dog family direct pose leave song
measure door product black short numeral class wind question happen complete ship area half rock
order fire south problem piece told knew pass since top whole king space heard best hour better
true during hundred five remember step early hold west ground interest reach fast verb sing listen
six table travel less morning ten simple several vowel toward against pattern slow center love
person money serve appear road map rain rule govern pull cold notice voice unit power town fine
certain fly fall lead cry dark machine note wait plan figure star box noun field rest correct able
pound done beauty drive stood contain front teach week final gave green oh quick develop ocean warm
free minute strong special mind behind clear tail produce fact street inch multiply nothing course
stay wheel full force blue object decide surface deep moon island foot system busy test record boat
common gold possible plane dry wonder laugh thousand ago ran check game shape hot miss brought heat
snow tire bring yes distant fill east paint language among grand ball yet wave drop heart am
present heavy dance engine position arm wide sail material size vary settle speak weight general
ice matter circle pair include divide syllable felt perhaps pick sudden count square reason length
represent art subject region energy hunt probable bed brother egg ride cell believe fraction forest
sit race window store summer train sleep prove lone leg exercise wall catch mount wish sky board
joy winter sat written wild instrument kept glass grass cow job edge sign visit past soft fun
bright gas weather month million bear finish happy hope flower clothe strange gone jump baby eight
village meet root buy raise solve metal whether push seven paragraph third shall held hair describe
cook floor either result burn hill safe cat century consider type law bit coast copy phrase silent
tall sand soil roll temperature finger industry value fight lie beat excite natural view sense ear
else quite broke case middle son lake moment scale loud spring observe child straight consonant
nation dictionary milk speed method organ pay age section dress cloud surprise quiet stone tiny
climb cool design poor lot experiment bottom key iron single stick flat twenty skin smile crease
hole trade melody trip office receive row mouth exact symbol least trouble shout except wrote seed
tone join suggest clean break lady yard rise bad blow oil blood touch grew cent mix team wire cost
lost brown wear garden equal sent choose fell fit flow fair bank collect save control decimal gentle
woman captain practice separate difficult doctor please protect noon whose locate ring character
insect caught period indicate radio spoke atom human history effect electric expect crop modern
element hit student corner party supply bone rail imagine provide agree thus capital chair danger
fruit rich thick neighbor wash bat rather crowd corn compare poem string bell depend meat rub tube
famous dollar stream fear sight thin triangle planet hurry chief colony clock mine tie enter major
fresh search send yellow allow print dead spot desert suit current lift rose arrive master track
parent shore division sheet substance favor connect post spend chord fat glad original share
station dad bread charge proper bar offer segment duck instant market degree populate chick dear
enemy reply drink occur support speech nature range steam motion path liquid log meant quotient
teeth shell neck oxygen sugar pretty skill women season solution magnet silver thank branch match
suffix especially fig afraid huge sister steel discuss forward similar guide experience score apple
bought led pitch coat mass card band rope slip win dream evening condition feed tool total basic
smell valley nor double seat continue block chart hat sell success company subtract event
particular deal swim term opposite wife shoe shoulder spread arrange camp invent cotton born
determine quart nine truck noise level chance gather shop stretch throw shine property column
molecule select wrong gray repeat require broad prepare salt nose plural anger claim continent
account access action active activity actually address adjust advance advice affect afternoon alarm
alone already although amount analysis announce annual another anything anyway anywhere apart
apparent application apply approach approve article aside assume attach attempt attention audio
author available average avoid aware away balance basis become behavior belong below benefit beside
beyond bill billion brief broken browse budget buffer button calendar camera cancel capture careful
category challenge channel chapter chat choice client clip closed collection combine comfortable
command comment commit community compatible complain component compress concern confirm conflict
confuse consistent constant contact content context convert couple create credit critical customer
cycle database deadline debug decline default defect define delay delete deliver demand deny detail
detect diagnose dial different digital disable disappear discover disk display document domain
draft driver duplicate duration easily edit effort elsewhere email empty enable encrypt ensure
entire entry environment escape essential eventually evidence exactly examine excellent exchange
exist expand expense expert explain export expose extend external extra factor fail familiar
feature fee file filter finally firm fix flag flash forget format former frequent friendly function
further future gallery generate gesture global goal gradually graph guarantee handle hardware header
hidden highlight holder icon identify ignore image immediately impact import improve incoming
increase indeed individual inform initial input inside instance instead instruction intend internal
internet interrupt introduce invalid issue item itself journal keyboard label later latest launch
layer limit link load local lock manage maximum maybe memory mention message meter minimum mobile
mode model monitor monthly native navigate nearby nearly normal obvious occasional offline online
option ordinary otherwise output overall owner package pane pause payment pending percent perform
permission personal phone photo physical plenty plug policy popular portable prefer premium
pressure prevent preview previous price primary prior priority privacy private probably procedure
progress prompt proof properly provider public purchase purpose quality quickly rarely rate recent
recognize recommend recover reduce refer refresh refuse regular release reliable remain remote
remove rename replace report request resolve resource respond response restrict resume return
reveal review route routine safely sample scan screen script secure security seek sequence series
service session setting setup shortcut silence simply slightly slot source specific stable standard
submit sudden sufficient summary symptom target task technical temporary text thread throughout
ticket title traffic trigger typical unable unless unlikely unusual upgrade usage useful user
usually valid variable various verify visible volume warning weekly whatever wireless within
without worth zone ability absence absolute academic accept accident accompany accomplish according
accurate achieve acknowledge acquire actual addition adequate administration admit adopt adult
advantage adventure affair afford agency agenda agent ahead aid aim aircraft alive alter alternative
amazing ambition ancient angle anniversary annoying anticipate anxiety anybody apartment appeal
appearance appreciate appropriate approval approximately architect argument arise arrangement
arrival artist aspect assess asset assign assist associate assumption atmosphere attend attitude
attract audience authority autumn award awful background badly bag bake barely barrier basket beach
bean beautiful bedroom beginning behalf being bend besides bet bicycle bike biology birth birthday
bite bitter blade blame blank blanket blind boil bold bond boot border borrow boss bother bottle bowl
brain brave breakfast breath brick bridge brilliant broadcast brush bubble bucket building bunch
burden bury bus butter cabinet cake calculate calm campaign candidate capable career carefully
carpet cash castle casual catalog ceiling celebrate central ceremony chain champion charity cheap
cheese chemical chest chicken childhood chip chocolate circumstance citizen civil classic classroom
clerk clever click cliff climate clinic closet cluster coach coffee coin collapse colleague college
combination comfort commercial commission committee commonly communicate compete competition
complex complicated concept conclude concrete conference confidence confident consequence
considerable constantly construct consult consumer contest contract contrast contribute
conversation convince cookie cooking cope core cottage council counter county courage cousin crack
craft crash crazy cream creature crew crisis criteria crucial cultural culture cup curious curtain
curve custom dairy damp dancer daughter dawn debate debt decade decent declare decoration decrease
dedicate deeply defeat defend definitely definition delicate delight dentist department departure
deposit depth deputy derive deserve desire desk despite destination detailed devote diagram diet
difference difficulty dig dinner dirt dirty disaster discipline discount discovery dish dismiss
distance distinct distribute district diverse domestic dominant dot doubt downstairs dozen drama
dramatic drawer drawing dull dust duty eager earn easy economic economy edition editor educate
efficient elderly elect elegant elephant eliminate embrace emerge emergency emotion emphasis
employee employer encounter encourage engage engineer enhance enjoy enormous entertain enthusiasm
equipment era essay establish evaluate evolve exam exceed exception excess exciting excuse executive
exhibit exit expansion expensive explore express extent extreme fabric facility faint faith fame
fancy fantastic fare fashion fault fellow female fence festival fiction finance fitness flight flood
flour focus fold folk following fond forecast foreign forever formal fortune forth foundation frame
frankly freedom freeze frequently fridge frighten frozen fuel fulfill fund funny furniture gain gap
garage gate gear generation generous genius genuine giant gift glance glove grab grade grain grant
grateful greatly greet grocery growth guard guest habit hall hammer handsome hang harbor hardly harm
harvest headline heal healthy hearing height helpful hence herb hero hesitate highway hire historic
hobby holiday hollow honest honey honor hook horizon hospital host household housing however hug
humor hunger hungry husband ideal identity illness illustrate imagination immense implement imply
importance impose impress impression incident income incredible independent index industrial infant
infection inflation influence ingredient inherit injury inner innocent inquiry insight insist
inspect inspire instinct institute insurance intelligent intense interior interpret interval
interview invest investigate invite involve isolate jacket joint joke journey judge juice junior
justice justify keen kid kitchen knee knife knock knowledge lab ladder landscape lane largely laser
latter lawyer lazy leadership leaf league lean leather lecture legend leisure lemon lend lesson
license lifestyle lifetime likely lip literally literature loan lobby logic lonely loose lovely
loyal luck lucky lunch luxury magazine magic maintain majority manner manufacturer margin marine
marriage mask massive mate mathematics mayor meal meaning meanwhile measurement mechanism medal
medical medicine medium membership mental merchant mere merit mess metaphor midnight mild mineral
minister minor miracle mirror missing mission mistake moderate modest modify moreover motor mouse
movement movie mud muscle museum musical mutual mystery narrative narrow nasty naturally neat
necessarily negative negotiate nerve nervous nest net neutral nevertheless newspaper nice noble
nobody nod nonetheless norm notable notion novel nurse nut obey objective obligation observation
obtain obviously occasion occupy odd officer official onion opera operation opinion opponent
opportunity oppose orange organic organize origin outcome outdoor outline outstanding oven overcome
overlook overseas owe pace pack pain painting palace pale pan panel panic parade parking partly
partner passage passenger passion patience patient peace peak peer penalty pension pepper perfect
performance permanent persuade phase philosophy photograph physician piano pile pilot pink pipe pity
plastic plate platform pleasant pleasure plot pocket poet poetry pole police polish polite political
pollution pool portion portrait positive possess possibility potato potential pour poverty powder
powerful practical praise precious precise predict premise presence preserve president pretend
prevail pride prime prince principle prize producer profession professor profit program project
prominent promise promote pronounce proportion proposal propose prospect protein protest proud
provision psychology publish pump punch pupil pure pursue puzzle qualify quantity quarter queen
quote rabbit rage random rank rapid ratio raw reaction readily realistic reality realize rear
reasonable recall recipe reckon recognition recruit reflect reform regard register regret
regulation reject relate relation relative relax relevant relief rely remark remarkable remind rent
reputation rescue research reserve resident resign resist respect responsibility restaurant retain
retire reverse revolution reward rhythm rice rid ridiculous risk rival roof rough royal rubber rude
ruin rural rush sad sake salad salary sale satisfy sauce scene scheme scholar scope scratch scream
sculpture secret secretary sector seize seldom sensitive severe shade shadow shake shallow shame
sheep shelf shelter shift shirt shock shortly shower shrug shut shy sick silk silly sink situation
skirt slice slide slight slope smart smooth snake soccer social society sock sofa solar sole solid
somebody somewhat somewhere sophisticated sorry soul soup sour spare speaker species spin spirit
split sponsor squeeze staff stage stair stake stamp stance stare statement statue steady steep stem
stir stock stomach storm strategy straw strength stress strict strike strip structure struggle
studio stuff style subsequent substantial suburb succeed suffer suitable sum summit super superior
supplement suppose supreme surely surgery surround survey survive suspect sustain swallow sweat
sweep sweet swing sympathy tablet tackle tale talent tank tape taste tax tea tear teenager telephone
telescope television temple tend tender tennis tension tent terrible territory theater theme theory
therapy thereby therefore thirsty thorough threat threshold throat thumb tide tidy tight timber tip
tissue toast toe tolerate tomato tomorrow tongue tonight tooth topic torch tough tour tourist towel
tower toy trace tradition tragedy trail transport trap treasure treat treaty tremendous trend trial
tribe trick trim triumph tropical truly trunk truth tunnel twice twin twist ugly ultimate umbrella
uncle undergo understand unfortunately uniform union unique universe university unknown upper upset
urban urge urgent vacation vague vain valuable van vast vegetable vehicle venture venue vessel
veteran victory viewer virtual virtue vision visual vital vitamin vivid vocabulary volunteer vote
wage wagon waist wander warmth wealth weekend weird welcome welfare wheat whenever whereas whisper
whistle wholly widely wildlife willing winner wipe wisdom wise witness wolf wonderful wool worker
workshop worried worry worse worst wrap wrist writer yield youth zero
";

// ---------------------------------------------------------------------------------------------
// Phrase material for titles, symptoms and headings

/// What articles are about: each article has one of these as its topic.
const TOPICS: [&str; 84] = [
    "iCloud backup",
    "iCloud storage",
    "Wi-Fi connection",
    "battery",
    "iOS update",
    "Apple ID",
    "backup",
    "restore",
    "photo library",
    "iCloud Drive",
    "Messages in iCloud",
    "network settings",
    "date and time",
    "VPN profile",
    "content blocker",
    "device storage",
    "app data",
    "iCloud Keychain",
    "Find My",
    "Screen Time",
    "cellular data",
    "Bluetooth",
    "Low Power Mode",
    "encrypted backup",
    "Finder backup",
    "iTunes backup",
    "backup password",
    "two-factor authentication",
    "verification code",
    "Family Sharing",
    "storage plan",
    "iPhone",
    "iPad",
    "Apple Watch",
    "Mac",
    "sync",
    "Health data",
    "WhatsApp chat backup",
    "notes",
    "contacts",
    "calendar",
    "mail account",
    "voicemail",
    "SIM card",
    "eSIM",
    "router",
    "DNS settings",
    "proxy",
    "personal hotspot",
    "Airplane Mode",
    "App Store download",
    "software update",
    "beta profile",
    "configuration profile",
    "device management",
    "system data",
    "app cache",
    "photos",
    "videos",
    "music library",
    "downloads",
    "Lightning cable",
    "USB-C cable",
    "charger",
    "power adapter",
    "screen",
    "Face ID",
    "passcode",
    "backup schedule",
    "automatic backup",
    "manual backup",
    "backup size",
    "iCloud quota",
    "restore progress",
    "setup assistant",
    "data transfer",
    "recovery mode",
    "backup history",
    "Wi-Fi router",
    "Safari data",
    "reminders",
    "iCloud Photos",
    "shared album",
    "storage warning",
];

const DEVICES: [&str; 6] = [
    "iPhone",
    "iPad",
    "Mac",
    "Windows PC",
    "Apple Watch",
    "iPod touch",
];

const CAUSE_STATES: [&str; 20] = [
    "full",
    "out of date",
    "corrupted",
    "too large",
    "not signed in",
    "turned off",
    "misconfigured",
    "unstable",
    "blocked",
    "out of sync",
    "expired",
    "interrupted",
    "locked",
    "missing",
    "stuck",
    "too slow",
    "incompatible",
    "restricted",
    "paused",
    "damaged",
];

const CAUSE_ADJECTIVES: [&str; 14] = [
    "Unstable",
    "Outdated",
    "Corrupt",
    "Expired",
    "Misconfigured",
    "Incompatible",
    "Weak",
    "Missing",
    "Duplicate",
    "Stale",
    "Conflicting",
    "Interrupted",
    "Damaged",
    "Restricted",
];

const CAUSE_VERBS: [&str; 8] = [
    "blocks",
    "interrupts",
    "slows down",
    "prevents",
    "delays",
    "breaks",
    "conflicts with",
    "stops",
];

const FIX_VERBS: [&str; 30] = [
    "Restart",
    "Reset",
    "Update",
    "Free up",
    "Turn off",
    "Turn on",
    "Sign out of",
    "Sign in to",
    "Check",
    "Reconnect",
    "Remove",
    "Recreate",
    "Re-enable",
    "Toggle",
    "Clear",
    "Reinstall",
    "Verify",
    "Change",
    "Replace",
    "Charge",
    "Upgrade",
    "Disable",
    "Rebuild",
    "Repair",
    "Reduce",
    "Move",
    "Export",
    "Back up",
    "Renew",
    "Refresh",
];

const FIX_CONTEXTS: [&str; 10] = [
    "on iPhone",
    "on iPad",
    "on Mac",
    "in Settings",
    "from Finder",
    "with a computer",
    "before backing up",
    "over Wi-Fi",
    "after an update",
    "from iCloud.com",
];

const GOOD_STATES: [&str; 8] = [
    "up to date",
    "under the limit",
    "switched on",
    "tidy",
    "in sync",
    "charged",
    "secure",
    "small",
];

const FREQUENCIES: [&str; 6] = [
    "every month",
    "once a week",
    "regularly",
    "before every trip",
    "after each update",
    "every night",
];

const ACTIVITIES: [&str; 8] = [
    "a backup",
    "an update",
    "a restore",
    "travelling",
    "a repair",
    "switching phones",
    "selling a device",
    "a reset",
];

const EVENTS: [&str; 8] = [
    "a failed update",
    "a reset",
    "a repair",
    "losing a phone",
    "a screen replacement",
    "switching carriers",
    "a crash",
    "deleting an app",
];

const SOURCES: [&str; 5] = [
    "an iCloud backup",
    "a computer backup",
    "Finder",
    "an encrypted backup",
    "an older backup",
];

const FAIL_VERBS: [&str; 10] = [
    "stop halfway",
    "keep failing",
    "take so long",
    "never finish",
    "show an error",
    "fail overnight",
    "pause on its own",
    "use so much space",
    "ask for a password",
    "get stuck",
];

const SYMPTOM_SUBJECTS: [&str; 22] = [
    "backup",
    "icloud backup",
    "restore",
    "sync",
    "photo upload",
    "wifi",
    "battery",
    "update",
    "download",
    "sign in",
    "storage",
    "backup button",
    "progress bar",
    "apple id",
    "verification code",
    "iphone",
    "settings",
    "messages",
    "app",
    "icloud drive",
    "hotspot",
    "estimate",
];

const SYMPTOM_PREDICATES: [&str; 24] = [
    "stops halfway",
    "fails",
    "takes forever",
    "never finishes",
    "greyed out",
    "keeps failing",
    "won't start",
    "stuck",
    "very slow",
    "not enough storage",
    "disappears",
    "shows an error",
    "times out",
    "keeps restarting",
    "drains fast",
    "not responding",
    "asks for password",
    "hangs overnight",
    "out of space",
    "not showing",
    "turns off",
    "keeps asking",
    "can't connect",
    "is missing",
];

const STEP_VERBS: [&str; 16] = [
    "Open",
    "Tap",
    "Go to",
    "Select",
    "Turn on",
    "Turn off",
    "Wait for",
    "Check",
    "Confirm",
    "Enter",
    "Choose",
    "Scroll to",
    "Sign in with",
    "Connect",
    "Restart",
    "Keep",
];

const SETTINGS_PATHS: [&str; 10] = [
    "Settings > [your name] > iCloud > iCloud Backup",
    "Settings > General > Software Update",
    "Settings > General > iPhone Storage",
    "Settings > Wi-Fi",
    "Settings > Battery",
    "Settings > General > Date & Time",
    "Settings > General > Transfer or Reset iPhone",
    "Settings > [your name] > Sign-In & Security",
    "Settings > General > VPN & Device Management",
    "Settings > Cellular",
];

const ALERT_TYPES: [&str; 5] = ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"];

const EFFORTS: [&str; 5] = ["1 min", "5 min", "15 min", "30 min", "1 hour"];

const LINK_LEADS: [&str; 6] = [
    "For details, see",
    "If that does not help, read",
    "This is also covered in",
    "You may also want to check",
    "A related problem is described in",
    "Before you go on, look at",
];

const GENERIC_HEADINGS: [&str; 12] = [
    "What to check next",
    "Other things to try",
    "If nothing works",
    "Before you contact support",
    "How to tell if it worked",
    "Common mistakes",
    "Good to know",
    "Background",
    "What changes afterwards",
    "Limits and exceptions",
    "Things to avoid",
    "Why this matters",
];

const HEADING_GERUNDS: [&str; 8] = [
    "Checking",
    "Changing",
    "Reviewing",
    "Fixing",
    "Understanding",
    "Resetting",
    "Monitoring",
    "Cleaning up",
];

// ---------------------------------------------------------------------------------------------
// The corpus

struct Article {
    kind: Kind,
    slug: String,
    title: String,
    topic: usize,
    error_code: Option<String>,
    summary: String,
    symptoms: Vec<String>,
    causes: Vec<usize>,
    fixes: Vec<usize>,
    related: Vec<usize>,
    weight: Option<usize>,
    updated: Option<(usize, usize, usize)>,
    effort: Option<&'static str>,
    body: String,
    body_words: usize,
}

impl Article {
    fn full_slug(&self) -> String {
        format!("{}/{}", self.kind.dir(), self.slug)
    }
}

struct Corpus {
    articles: Vec<Article>,
}

/// Article indices grouped by kind and by topic, for picking relation targets.
struct Index {
    by_kind: BTreeMap<Kind, Vec<usize>>,
    by_kind_topic: BTreeMap<(Kind, usize), Vec<usize>>,
    by_topic: BTreeMap<usize, Vec<usize>>,
}

impl Index {
    fn new(articles: &[Article]) -> Index {
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
    fn pick_kind(&self, rng: &mut Rng, kind: Kind, topic: usize) -> usize {
        if let Some(same) = self.by_kind_topic.get(&(kind, topic))
            && rng.chance(0.5)
        {
            return *rng.pick(same);
        }
        *rng.pick(&self.by_kind[&kind])
    }

    /// `count` distinct articles of `kind`, none of them in `exclude`.
    fn pick_distinct(
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
    fn generate(total: usize, seed: u64) -> Corpus {
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

    fn article_path(&self, root: &Path, article: &Article) -> PathBuf {
        root.join("content")
            .join(article.kind.dir())
            .join(format!("{}.md", article.slug))
    }

    fn slugs<'a>(&'a self, indices: &'a [usize]) -> impl Iterator<Item = &'a str> + 'a {
        indices.iter().map(|&i| self.articles[i].slug.as_str())
    }

    fn remedy_markdown(&self, article: &Article) -> String {
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

    fn hugo_markdown(&self, article: &Article) -> String {
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
fn hugo_links(body: &str) -> String {
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

fn toml_string(value: &str) -> String {
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

fn push_string_field(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key} = {}", toml_string(value));
}

/// Writes `key = ["a", "b"]`, or nothing when there are no values.
fn push_array_field<'a>(out: &mut String, key: &str, values: impl IntoIterator<Item = &'a str>) {
    let items: Vec<String> = values.into_iter().map(toml_string).collect();
    if !items.is_empty() {
        let _ = writeln!(out, "{key} = [{}]", items.join(", "));
    }
}

// ---------------------------------------------------------------------------------------------
// Skeletons: kind, title, slug, topic, error code, front-matter scalars

fn make_skeletons(rng: &mut Rng, total: usize) -> Vec<Article> {
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
fn random_error_code(rng: &mut Rng) -> String {
    match rng.below(10) {
        0..=3 => rng.range(1000, 9999).to_string(),
        4..=6 => format!("0x{:08X}", 0x8000_0000u64 | rng.below(0x1000_0000) as u64),
        _ => format!("E-{}", rng.range(1000, 9999)),
    }
}

/// Lower-case ASCII words joined by `-`.
fn slugify(text: &str) -> String {
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
fn capitalise(text: &str) -> String {
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

fn make_title(rng: &mut Rng, kind: Kind, topic: usize, code: Option<&str>) -> String {
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

fn make_summary(rng: &mut Rng, kind: Kind, topic: usize, title: &str) -> String {
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

fn make_symptoms(rng: &mut Rng, topic: usize, code: Option<&str>) -> Vec<String> {
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

// ---------------------------------------------------------------------------------------------
// Relations

fn link_articles(rng: &mut Rng, articles: &mut [Article], index: &Index) {
    let causes = index.by_kind[&Kind::Cause].clone();
    let fixes = index.by_kind[&Kind::Fix].clone();

    // Causes list one to four fixes, and every fix is listed by at least one cause: deal the
    // fixes out over the causes in a shuffled order first, then top up.
    let mut order = fixes.clone();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    for (n, &fix) in order.iter().enumerate() {
        let cause = causes[n % causes.len()];
        articles[cause].fixes.push(fix);
    }
    for &cause in &causes {
        let wanted = rng.range(1, 4);
        let have = articles[cause].fixes.clone();
        if have.len() < wanted {
            let topic = articles[cause].topic;
            let extra = index.pick_distinct(rng, Kind::Fix, topic, wanted - have.len(), &have);
            articles[cause].fixes.extend(extra);
        }
    }

    for i in 0..articles.len() {
        let topic = articles[i].topic;
        match articles[i].kind {
            Kind::Error => {
                let cause_count = rng.range(1, 2);
                let chosen = index.pick_distinct(rng, Kind::Cause, topic, cause_count, &[]);
                // Prefer the fixes of the error's causes, then any fix.
                let mut pool: Vec<usize> = chosen
                    .iter()
                    .flat_map(|&c| articles[c].fixes.iter().copied())
                    .collect();
                pool.dedup();
                let wanted = rng.range(1, 3);
                let mut fixes_chosen = Vec::new();
                while fixes_chosen.len() < wanted && !pool.is_empty() {
                    let fix = pool.remove(rng.below(pool.len()));
                    if !fixes_chosen.contains(&fix) {
                        fixes_chosen.push(fix);
                    }
                }
                if fixes_chosen.len() < wanted {
                    let extra = index.pick_distinct(
                        rng,
                        Kind::Fix,
                        topic,
                        wanted - fixes_chosen.len(),
                        &fixes_chosen,
                    );
                    fixes_chosen.extend(extra);
                }
                articles[i].causes = chosen;
                articles[i].fixes = fixes_chosen;
            }
            Kind::Faq => {
                let cause_count = rng.range(0, 3);
                articles[i].causes = index.pick_distinct(rng, Kind::Cause, topic, cause_count, &[]);
                let fix_count = rng.range(1, 3);
                articles[i].fixes = index.pick_distinct(rng, Kind::Fix, topic, fix_count, &[]);
            }
            _ => {}
        }
        let related_count = match articles[i].kind {
            Kind::Guide | Kind::Practice | Kind::Restore => rng.range(1, 4),
            _ => rng.range(0, 3),
        };
        let mut related = Vec::with_capacity(related_count);
        let mut attempts = 0;
        while related.len() < related_count && attempts < 20 {
            attempts += 1;
            let candidate = if rng.chance(0.5) {
                *rng.pick(&index.by_topic[&topic])
            } else {
                rng.below(articles.len())
            };
            if candidate != i && !related.contains(&candidate) {
                related.push(candidate);
            }
        }
        articles[i].related = related;
    }
}

// ---------------------------------------------------------------------------------------------
// Bodies

/// Writes one article's Markdown body: kind-specific sections first, then general sections until
/// the word budget (400–800 words) is spent.
struct BodyWriter<'a> {
    rng: &'a mut Rng,
    vocabulary: &'a Vocabulary,
    articles: &'a [Article],
    /// Every cause article, as a fallback link target.
    causes: &'a [usize],
    article: &'a Article,
    /// Error codes whose pages list this article as a cause.
    codes: Vec<String>,
    topic_words: Vec<&'static str>,
    text: String,
    words: usize,
}

impl<'a> BodyWriter<'a> {
    fn new(
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

    fn write(&mut self) {
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

    fn push_block(&mut self, block: &str) {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.text.push_str(block);
        if !block.ends_with('\n') {
            self.text.push('\n');
        }
        self.words += count_words(block);
    }

    fn heading(&mut self, level: usize, text: &str) {
        let block = format!("{} {text}", "#".repeat(level));
        self.push_block(&block);
    }

    fn intro(&mut self) {
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
    fn paragraphs(&mut self, min: usize, max: usize, budget: usize) {
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

    fn paragraph_text(&mut self, min: usize, max: usize) -> String {
        let count = self.rng.range(min, max);
        let sentences: Vec<String> = (0..count).map(|_| self.sentence(7, 20)).collect();
        sentences.join(" ")
    }

    /// A table, a fenced code block or a GitHub alert.
    fn extra_block(&mut self) {
        match self.rng.below(10) {
            0..=3 => self.alert(),
            4..=6 => self.table(),
            _ => self.code_block(),
        }
    }

    fn alert(&mut self) {
        let kind = *self.rng.pick(&ALERT_TYPES);
        let text = self.paragraph_text(1, 2);
        self.push_block(&format!("> [!{kind}]\n> {text}"));
    }

    fn table(&mut self) {
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

    fn code_block(&mut self) {
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

    fn bullet_list(&mut self, min: usize, max: usize) {
        let count = self.rng.range(min, max);
        let items: Vec<String> = (0..count)
            .map(|_| format!("- {}", self.sentence(4, 12)))
            .collect();
        self.push_block(&items.join("\n"));
    }

    fn numbered_steps(&mut self, min: usize, max: usize) {
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
    fn link_list(&mut self, targets: &[usize]) {
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

    fn cause_sections(&mut self) {
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

    fn fix_sections(&mut self) {
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

    fn error_sections(&mut self) {
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

    fn faq_sections(&mut self) {
        self.heading(2, "Short answer");
        self.paragraphs(1, 1, usize::MAX);
        self.heading(2, "Details");
        self.paragraphs(1, 2, usize::MAX);
        if !self.article.causes.is_empty() && self.rng.chance(0.5) {
            let causes = self.article.causes.clone();
            self.link_list(&causes);
        }
    }

    fn guide_sections(&mut self) {
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

    fn practice_sections(&mut self) {
        self.heading(2, "Why it matters");
        self.paragraphs(1, 2, usize::MAX);
        self.heading(2, "How to do it");
        self.bullet_list(3, 6);
        self.heading(2, "How often");
        self.paragraphs(1, 1, usize::MAX);
    }

    fn restore_sections(&mut self) {
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

    fn heading_text(&mut self) -> String {
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
    fn phrase(&mut self, min: usize, max: usize) -> String {
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
    fn sentence(&mut self, min: usize, max: usize) -> String {
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
    fn word(&mut self) -> String {
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

    fn number_token(&mut self) -> String {
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

    fn rare_token(&mut self) -> String {
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
    fn link_to(&self, target: usize) -> String {
        let target = &self.articles[target];
        format!("[{}](@/{}.md)", target.title, target.full_slug())
    }

    /// A sentence pointing the reader at a related article: one of this article's relations
    /// when it has any, otherwise a cause on the same subject.
    fn link_sentence(&mut self) -> String {
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
fn lower_first(sentence: &str) -> String {
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

fn display_form_is_proper(word: &str) -> bool {
    matches!(
        word.trim_end_matches([',', '.', '?', '!']),
        "Mac" | "Apple" | "Finder" | "Safari" | "Bluetooth" | "Windows"
    )
}

/// Words in Markdown text: whitespace-separated tokens that contain a letter.
fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|token| token.chars().any(char::is_alphabetic) && !token.starts_with("[!"))
        .count()
}
