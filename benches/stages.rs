//! Criterion benchmarks of the build's hot stages on a generated knowledge base of 1,000
//! articles (`examples/gen_corpus/`, seed 1, generated once under the target dir): parse every
//! article, link the site, render every page, write the tantivy index, and export the browser
//! index from it. Regressions in one stage show here even when the whole build hides them.
//!
//! `cargo bench --bench stages` (add `-- parse` to run one).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rayon::prelude::*;

use remedy::BuildOptions;
use remedy::pipeline::parse::{self, Parsed};
use remedy::pipeline::{load, render};

mod common;

fn stages(c: &mut Criterion) {
    let (root, _) = common::generated_site(1000);
    let options = BuildOptions {
        root: root.clone(),
        ..BuildOptions::default()
    };
    let config = remedy::load_config(&options).expect("config");
    let loaded = load::load_content(&root, &config).expect("content");
    let mut group = c.benchmark_group("1000 articles");
    group.sample_size(10);

    group.bench_function("parse", |b| {
        b.iter(|| {
            let parsed: Vec<_> = loaded
                .sources
                .par_iter()
                .map(|source| parse::parse(source, &parse::Context::new(&config)))
                .collect();
            black_box(parsed)
        })
    });

    let parsed: Vec<Result<Parsed, _>> = loaded
        .sources
        .iter()
        .map(|source| parse::parse(source, &parse::Context::new(&config)))
        .collect();
    group.bench_function("link", |b| {
        b.iter(|| {
            black_box(
                remedy::assemble(
                    &config,
                    parsed.clone(),
                    Vec::new(),
                    false,
                    &Default::default(),
                )
                .expect("links"),
            )
        })
    });

    let site = remedy::load_site(&options).expect("site");
    group.bench_function("render", |b| {
        let renderer = render::PageRenderer::new(&site.site, &site.theme);
        let pages = render::plan(&site.site);
        b.iter(|| {
            let bytes: usize = pages
                .par_iter()
                .map(|&page| renderer.render(page).expect("renders").bytes.len())
                .sum();
            black_box(bytes)
        })
    });

    let scratch = tempfile::tempdir().expect("temp dir");
    let tantivy_dir = scratch.path().join("index");
    group.bench_function("index", |b| {
        b.iter(|| {
            let _ = std::fs::remove_dir_all(&tantivy_dir);
            std::fs::create_dir_all(&tantivy_dir).expect("index dir");
            black_box(remedy::search::index::write(&site.site, &tantivy_dir).expect("index"))
        })
    });

    let _ = std::fs::remove_dir_all(&tantivy_dir);
    std::fs::create_dir_all(&tantivy_dir).expect("index dir");
    let meta = remedy::search::index::write(&site.site, &tantivy_dir).expect("index");
    std::fs::write(
        tantivy_dir.join(remedy::search::index::META_FILE),
        meta.to_json().expect("meta"),
    )
    .expect("meta file");
    let open = remedy::search::index::open(&tantivy_dir).expect("open");
    group.bench_function("export", |b| {
        let info = remedy::search::export::SiteInfo::of(&site.site);
        b.iter(|| {
            let impacts = remedy::search::impacts::read(&open).expect("impacts");
            black_box(remedy::search::export::files(&impacts, &open.meta, &info).expect("export"))
        })
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
