//! Latency benchmark: how long a query takes once the index is loaded, on a generated site of
//! 10,000 articles (or the sizes given), for `remedy search`'s searcher (in process, tantivy
//! index open) and for the browser client's scoring (under Node, every file it needs loaded).
//! The queries: three-common-word queries, and a few hundred sampled from the site's titles,
//! symptoms and summaries (some cut short as while typing, some with a typo).
//!
//! ```text
//! cargo bench --bench search_latency            # 10,000 articles
//! cargo bench --bench search_latency -- 1000    # other sizes
//! ```
//!
//! Needs `node` for the client's figures. Target (issue 3): under 10 ms per query at 10,000.

mod common;

use std::time::Instant;

use remedy::search::{index, searcher};

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000]
    } else {
        sizes
    };
    for articles in sizes {
        let (root, _) = common::generated_site(articles);
        let build_dir = common::build(&root);
        let mut queries: Vec<String> = [
            "backup icloud storage",
            "iphone wifi settings",
            "error restart update",
            "battery backup restart",
        ]
        .map(str::to_string)
        .to_vec();
        queries.extend(common::sampled_queries(&root, 300));

        let open = index::open(&build_dir.join("search/index")).expect("open the index");
        for q in &queries {
            searcher::search(&open, q, 10).expect("search");
        }
        let mut cli = Vec::new();
        for q in &queries {
            let mut runs = Vec::new();
            for _ in 0..5 {
                let started = Instant::now();
                let hits = searcher::search(&open, q, 10).expect("search");
                runs.push(started.elapsed().as_secs_f64() * 1000.0);
                std::hint::black_box(hits);
            }
            runs.sort_by(f64::total_cmp);
            cli.push(runs[runs.len() / 2]);
        }
        report(
            &format!("remedy search (tantivy), {articles} articles"),
            &cli,
            &queries,
        );

        let Some(node) = common::webdriver::which("node") else {
            println!("node not found: the browser client's latency is not measured");
            continue;
        };
        let file = common::bench_dir().join("latency-queries.json");
        std::fs::write(&file, serde_json::to_string(&queries).unwrap()).unwrap();
        let output = std::process::Command::new(node)
            .arg(common::repo().join("tests/search/js/run_queries.js"))
            .arg(&build_dir)
            .arg(&file)
            .args(["10", "--repeat", "11"])
            .output()
            .expect("run node");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let result: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let js: Vec<f64> = result["millis"]
            .as_array()
            .expect("millis")
            .iter()
            .map(|m| m.as_f64().unwrap_or(0.0))
            .collect();
        report(
            &format!("browser client (Node), {articles} articles"),
            &js,
            &queries,
        );
    }
}

fn report(label: &str, millis: &[f64], queries: &[String]) {
    let mut sorted = millis.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = |q: f64| sorted[((sorted.len() - 1) as f64 * q).round() as usize];
    let mean = sorted.iter().sum::<f64>() / sorted.len() as f64;
    let slowest = millis
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(i, _)| queries[i].as_str())
        .unwrap_or_default();
    println!(
        "{label}: {} queries, median {:.2} ms, mean {:.2} ms, p95 {:.2} ms, max {:.2} ms ({slowest:?}); \
         three common words: {}",
        millis.len(),
        at(0.5),
        mean,
        at(0.95),
        at(1.0),
        millis[..4]
            .iter()
            .map(|m| format!("{m:.2}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
}
