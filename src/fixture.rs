//! A small site for unit tests, built in memory through the real stages (parse, link, the
//! built-in theme), so that no unit test reads the bundled knowledge base in `content/`:
//! editing it never breaks one. Twelve articles of every standard kind, with the relations,
//! symptoms, steps and links the page, troubleshooter and Markdown tests need. Test-only.

use std::path::Path;

use crate::model::Site;
use crate::pipeline::load::Source;

/// The fixture's `book.toml`.
pub const BOOK_TOML: &str = "[book]\ntitle = \"Backup help\"\ndescription = \"Why backups fail and how to fix them.\"\n\n[build]\nbase-url = \"https://help.example.com/\"\n";

/// The fixture's files under `content/`: (path below `content/`, text).
pub const FILES: &[(&str, &str)] = &[
    (
        "_index.md",
        "Welcome. Start with [how backup works](@/guides/how-backup-works.md).\n",
    ),
    (
        "guides/how-backup-works.md",
        "+++\ntitle = \"How backup works\"\nsummary = \"Where backups live and when they run.\"\nweight = 10\nupdated = 2026-11-26\n+++\n\n## Where backups live\n\nIn your storage.\n\n## When they run\n\nEvery night, on power and Wi-Fi.\n",
    ),
    (
        "guides/what-backup-includes.md",
        "+++\ntitle = \"What a backup includes\"\nsummary = \"Settings, apps and messages, but not media.\"\nweight = 20\n+++\n\nSettings and messages.\n",
    ),
    (
        "causes/storage-full.md",
        "+++\ntitle = \"Not enough storage\"\nsummary = \"Your storage is full, so the backup cannot be saved.\"\nsymptoms = [\"backup stops halfway\", \"storage full\"]\nfixes = [\"free-up-storage\", \"reduce-backup-size\"]\nweight = 10\nupdated = 2026-11-26\n+++\n\n## What is going on\n\nThe backup needs more room than the plan has; you may see the code [9006](@/errors/9006.md).\n",
    ),
    (
        "causes/backup-too-large.md",
        "+++\ntitle = \"The backup is too large\"\nsummary = \"Old apps and their data make the backup larger than it needs to be.\"\nsymptoms = [\"backup takes forever\"]\nfixes = [\"reduce-backup-size\"]\nweight = 20\n+++\n\nLarge app data.\n",
    ),
    (
        "causes/weak-wifi.md",
        "+++\ntitle = \"Weak Wi-Fi\"\nsummary = \"The connection drops while the backup runs.\"\nsymptoms = [\"Backup stops halfway\", \"wifi drops\"]\nfixes = [\"use-stronger-wifi\"]\nweight = 30\n+++\n\nThe signal is weak.\n",
    ),
    (
        "fixes/free-up-storage.md",
        "+++\ntitle = \"Free up storage\"\nsummary = \"Delete what you do not need.\"\neffort = \"5 min\"\nweight = 10\n+++\n\n## Steps\n\n1. Open the storage settings.\n2. Delete old backups.\n",
    ),
    (
        "fixes/reduce-backup-size.md",
        "+++\ntitle = \"Reduce the backup size\"\nsummary = \"Leave out apps you do not need.\"\neffort = \"15 min\"\nweight = 20\n+++\n\n## Steps\n\n1. Open the backup settings.\n2. Turn off large apps.\n",
    ),
    (
        "fixes/use-stronger-wifi.md",
        "+++\ntitle = \"Use a stronger Wi-Fi network\"\nsummary = \"Move closer to the router.\"\neffort = \"1 min\"\nweight = 30\n+++\n\n1. Move closer to the router.\n",
    ),
    (
        "errors/9006.md",
        "+++\ntitle = \"Error 9006\"\nsummary = \"The storage is full.\"\nsymptoms = [\"error 9006\"]\nerror_codes = [\"9006\"]\ncauses = [\"storage-full\", \"backup-too-large\"]\nfixes = [\"free-up-storage\"]\nweight = 10\n+++\n\n## What you see\n\nA message with the code 9006.\n",
    ),
    (
        "faq/how-to-troubleshoot.md",
        "+++\ntitle = \"How do I troubleshoot a backup?\"\nsummary = \"Start with the storage, then the network.\"\nsymptoms = [\"why does backup fail\"]\ncauses = [\"weak-wifi\"]\n+++\n\nCheck the storage first.\n",
    ),
    (
        "restore/restore-from-backup.md",
        "+++\ntitle = \"Restore from a backup\"\nsummary = \"Erase the phone, then pick the backup.\"\n+++\n\n1. Erase the phone.\n2. Pick the backup.\n",
    ),
    (
        "practices/keep-storage-free.md",
        "+++\ntitle = \"Keep storage free\"\nsummary = \"Leave room for the next backup.\"\nrelated = [\"causes/storage-full\"]\n+++\n\nCheck monthly.\n",
    ),
];

/// The fixture's sources, as the load stage would read them.
pub fn sources() -> Vec<Source> {
    let config = config();
    FILES
        .iter()
        .map(|(path, text)| {
            let slug = path.trim_end_matches(".md").to_string();
            let kind = slug
                .split_once('/')
                .and_then(|(dir, _)| config.kind_by_dir(dir))
                .map(|kind| kind.name.clone());
            Source {
                path: Path::new("content").join(path),
                slug,
                kind,
                text: text.to_string(),
                files: Vec::new(),
                language: None,
            }
        })
        .collect()
}

/// The fixture's configuration.
pub fn config() -> crate::config::Config {
    crate::config::parse(Path::new("book.toml"), BOOK_TOML).expect("the fixture's book.toml")
}

/// The fixture's linked site.
pub fn site() -> Site {
    let config = config();
    let parsed = sources()
        .iter()
        .map(|source| {
            crate::pipeline::parse::parse(source, &crate::pipeline::parse::Context::new(&config))
        })
        .collect::<Vec<_>>();
    let (site, warnings) = crate::assemble(&config, parsed, Vec::new(), false, &Default::default())
        .expect("the fixture links");
    assert!(warnings.is_empty(), "{warnings:?}");
    site
}

/// The fixture's site with the built-in theme, ready to render.
pub fn loaded() -> crate::Loaded {
    let site = site();
    let root = tempfile::tempdir().expect("a temporary folder");
    let theme = crate::theme::load(root.path(), &site.config).expect("the built-in theme");
    crate::Loaded {
        site,
        editions: Vec::new(),
        theme,
        warnings: Vec::new(),
        timings: Vec::new(),
        snippets: crate::model::Snippets::default(),
    }
}
