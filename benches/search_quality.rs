//! Search quality benchmark: every labelled query file (`tests/search/queries*.toml`) through
//! every searcher on the bundled knowledge base, in one table of MRR and hit@3.
//!
//! ```text
//! cargo bench --bench search_quality                 # the table
//! cargo bench --bench search_quality -- -v           # plus every query not answered first
//! cargo bench --bench search_quality -- forum        # only query files whose name has "forum"
//! REMEDY=/path/to/remedy cargo bench --bench search_quality   # measure another remedy build
//! ```
//!
//! The searchers, each over the same build of the bundled site:
//! - **CLI**: `remedy search QUERY --json --limit 10`, one process per query.
//! - **JS (Node)**: the site's own `js/search.js` under Node (`tests/search/js/quality.js`).
//! - **JS (Chromium)**: the same client in headless Chromium over HTTP, through
//!   `window.Remedy`; only when chromium and chromedriver are installed.
//! - **Pagefind**: `pagefind` indexing the article pages of the same build (`--root-selector
//!   article.article`, the equivalent of `data-pagefind-body` on each article; set
//!   `PAGEFIND_SCOPE=site` to index every page as Pagefind does by default), queried through its
//!   own browser client under Node (`tests/search/js/pagefind_queries.mjs`). The binary is
//!   `PAGEFIND`, `node_modules/.bin/pagefind`, a previous install under the target dir or
//!   `pagefind` on PATH; failing those, `npm` installs it under the target dir. `PAGEFIND=off`
//!   leaves it out.
//!
//! With `REMEDY` set, that binary builds the site and answers the CLI queries, and the site it
//! builds carries its own browser client, so an older build is measured whole (without the
//! `[search]` and `[kinds]` tables of `book.toml` if it cannot read them).
//!
//! Scoring, as written at the top of `tests/search/queries-forum.toml`: MRR (the first answer's
//! 1/rank within the top 10, else 0) and hit@3 over the queries whose `answers` list is not
//! empty. Queries with an `unmatched` key are out of scope: the table counts how many came back
//! with no results at all and, for a searcher that reports unmatched words (`remedy search
//! --json` printing `{query, results, unmatched}`, or `Remedy.query`), how many reported every
//! listed word. A query file may set `lang = "fr"` at its top; it is then passed on as `--lang`
//! and `{lang}` (Pagefind is given the query as it is).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::webdriver::{Session, browser, which};
use common::{Server, bench_dir, repo};
use serde_json::{Value, json};

const LIMIT: usize = 10;

/// One labelled query file.
#[derive(serde::Deserialize)]
struct QueryFile {
    #[serde(skip)]
    name: String,
    #[serde(default)]
    lang: Option<String>,
    query: Vec<Labelled>,
}

/// One labelled query.
#[derive(serde::Deserialize)]
struct Labelled {
    q: String,
    #[serde(default)]
    answers: Vec<String>,
    #[serde(default)]
    unmatched: Option<Vec<String>>,
}

/// What a searcher answered for one query.
struct Answer {
    /// The slugs of its first results, best first.
    slugs: Vec<String>,
    /// The query words it reported as matching nothing, when it reports them at all.
    unmatched: Option<Vec<String>>,
}

/// How a searcher answers a file's queries, or why it could not.
type Run<'a> = Box<dyn Fn(&QueryFile) -> Result<Vec<Answer>, String> + 'a>;

/// One searcher: its name and how it answers.
struct Searcher<'a> {
    name: &'static str,
    run: Run<'a>,
}

/// The figures of one file × searcher.
struct Score {
    scored: usize,
    mrr: f64,
    hit3: f64,
    out_of_scope: usize,
    empty: usize,
    reported: Option<usize>,
}

fn main() {
    let mut verbose = false;
    let mut filters = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "-v" | "--verbose" => verbose = true,
            "--bench" => {}
            other if !other.starts_with('-') => filters.push(other.to_string()),
            other => panic!("unknown argument `{other}` (use -v, or part of a query file's name)"),
        }
    }
    let files = query_files(&filters);
    assert!(!files.is_empty(), "no query file matches {filters:?}");

    let remedy = std::env::var_os("REMEDY")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_remedy")));
    let root = common::bundled_site();
    build_site(&remedy, &root);
    let build = root.join("public");
    let node = which("node");
    let mut notes = Vec::new();
    if node.is_none() {
        notes.push("JS (Node) and Pagefind: `node` is not on PATH".to_string());
    }
    let chromium = browser().map(|(chromium, driver)| {
        let session = Session::start(&chromium, &driver);
        let server = Server::start(build.clone());
        (session, server)
    });
    if chromium.is_none() {
        notes.push("JS (Chromium): chromium or chromedriver is not installed".to_string());
    }
    let pagefind_bundle = match (&node, pagefind()) {
        (Some(_), Ok(pagefind)) => Some(index_with_pagefind(&pagefind, &build)),
        (Some(_), Err(why)) => {
            notes.push(format!("Pagefind: {why}"));
            None
        }
        (None, _) => None,
    };

    let mut searchers: Vec<Searcher> = vec![Searcher {
        name: "CLI",
        run: Box::new(|file| run_cli(&remedy, &root, file)),
    }];
    if let Some(node) = &node {
        searchers.push(Searcher {
            name: "JS (Node)",
            run: Box::new(|file| run_node_client(node, &build, file)),
        });
    }
    if let Some((session, server)) = &chromium {
        searchers.push(Searcher {
            name: "JS (Chromium)",
            run: Box::new(|file| run_chromium(session, &build, server.port, file)),
        });
    }
    if let (Some(node), Some(bundle)) = (&node, &pagefind_bundle) {
        searchers.push(Searcher {
            name: "Pagefind",
            run: Box::new(|file| run_pagefind(node, bundle, file)),
        });
    }

    let mut rows = Vec::new();
    let mut details = Vec::new();
    for file in &files {
        let mut answers_by_searcher: Vec<(&str, Vec<Answer>)> = Vec::new();
        for searcher in &searchers {
            eprintln!("{} × {} ...", file.name, searcher.name);
            match (searcher.run)(file) {
                Ok(answers) => {
                    rows.push((file.name.clone(), searcher.name, Ok(score(file, &answers))));
                    if verbose {
                        details.push(misses(file, searcher.name, &answers));
                    }
                    answers_by_searcher.push((searcher.name, answers));
                }
                Err(why) => rows.push((file.name.clone(), searcher.name, Err(why))),
            }
        }
        note_parity(file, &answers_by_searcher, &mut notes);
    }

    for detail in details {
        println!("{detail}");
    }
    print_table(&rows);
    for note in notes {
        println!("{note}");
    }
}

/// `tests/search/queries*.toml`, `queries.toml` first, then by name; only those whose name
/// contains one of `filters` when any are given.
fn query_files(filters: &[String]) -> Vec<QueryFile> {
    let dir = repo().join("tests/search");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("read tests/search")
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("queries") && name.ends_with(".toml"))
        .filter(|name| filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str())))
        .collect();
    names.sort_by_key(|name| (name != "queries.toml", name.clone()));
    names
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(&name)).expect("read a query file");
            let mut file: QueryFile = toml::from_str(&text)
                .unwrap_or_else(|e| panic!("tests/search/{name} does not parse: {e}"));
            file.name = name;
            file
        })
        .collect()
}

fn build_site(remedy: &Path, root: &Path) {
    let build = || {
        Command::new(remedy)
            .arg("build")
            .arg("--root")
            .arg(root)
            .output()
            .expect("run remedy build")
    };
    let mut output = build();
    if !output.status.success() && std::env::var_os("REMEDY").is_some() {
        // An older build may not know this book.toml's [search] and [kinds] tables: measure it
        // without them, as it was.
        let book = root.join("book.toml");
        let text = std::fs::read_to_string(&book).expect("read book.toml");
        std::fs::write(&book, common::older_book_toml(&text)).expect("write book.toml");
        eprintln!("REMEDY cannot read book.toml: building without its [search] and [kinds] tables");
        output = build();
    }
    assert!(
        output.status.success(),
        "{} build failed:\n{}{}",
        remedy.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    eprintln!("{}", String::from_utf8_lossy(&output.stdout).trim());
}

/// The slugs of a results array, and the unmatched words of a `{results, unmatched}` object.
fn parse_answer(value: &Value) -> Result<Answer, String> {
    let (results, unmatched) = match value {
        Value::Array(_) => (value, None),
        Value::Object(object) => (
            object.get("results").unwrap_or(&Value::Null),
            Some(object.get("unmatched").cloned().unwrap_or(json!([]))),
        ),
        other => return Err(format!("unexpected answer {other}")),
    };
    let slugs = results
        .as_array()
        .ok_or_else(|| format!("no results array in {value}"))?
        .iter()
        .map(|hit| {
            hit.get("slug")
                .and_then(Value::as_str)
                .or_else(|| hit.as_str())
                .map(str::to_string)
                .ok_or_else(|| format!("a result without a slug: {hit}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let unmatched = match unmatched {
        None | Some(Value::Null) => None,
        Some(words) => Some(
            serde_json::from_value::<Vec<String>>(words)
                .map_err(|e| format!("unmatched is not a list of words: {e}"))?,
        ),
    };
    Ok(Answer { slugs, unmatched })
}

fn run_cli(remedy: &Path, root: &Path, file: &QueryFile) -> Result<Vec<Answer>, String> {
    file.query
        .iter()
        .map(|query| {
            let mut command = Command::new(remedy);
            command.arg("search").arg("--root").arg(root).args([
                "--limit",
                &LIMIT.to_string(),
                "--json",
            ]);
            if let Some(lang) = &file.lang {
                command.args(["--lang", lang]);
            }
            let output = command
                .arg("--")
                .arg(&query.q)
                .output()
                .map_err(|e| e.to_string())?;
            if !output.status.success() {
                return Err(format!(
                    "`remedy search {:?}` failed: {}",
                    query.q,
                    String::from_utf8_lossy(&output.stderr).trim()
                ));
            }
            let value: Value = serde_json::from_slice(&output.stdout)
                .map_err(|e| format!("`remedy search {:?}` printed no JSON: {e}", query.q))?;
            parse_answer(&value)
        })
        .collect()
}

/// The queries of a file as the Node scripts read them: `[{q, lang}]`.
fn queries_json(file: &QueryFile, tag: &str) -> PathBuf {
    let list: Vec<Value> = file
        .query
        .iter()
        .map(|query| match &file.lang {
            Some(lang) => json!({"q": query.q, "lang": lang}),
            None => json!({"q": query.q}),
        })
        .collect();
    let path = bench_dir().join(format!("quality-{tag}-{}.json", file.name));
    std::fs::write(&path, serde_json::to_string(&list).expect("JSON")).expect("write queries");
    path
}

fn run_node(
    node: &Path,
    script: &str,
    data: &Path,
    queries: &Path,
    edition: Option<&str>,
) -> Result<Value, String> {
    let output = Command::new(node)
        .arg(repo().join(script))
        .arg(data)
        .arg(queries)
        .arg(LIMIT.to_string())
        .args(edition)
        .output()
        .map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!(
            "{script} failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    serde_json::from_slice(&output.stdout).map_err(|e| format!("{script} printed no JSON: {e}"))
}

fn run_node_client(node: &Path, build: &Path, file: &QueryFile) -> Result<Vec<Answer>, String> {
    let queries = queries_json(file, "js");
    let output = run_node(
        node,
        "tests/search/js/quality.js",
        build,
        &queries,
        edition(build, file),
    )?;
    let results = output["results"].as_array().ok_or("no results")?;
    let unmatched = output["unmatched"].as_array().ok_or("no unmatched")?;
    results
        .iter()
        .zip(unmatched)
        .map(|(results, unmatched)| match unmatched {
            Value::Null => parse_answer(results),
            words => parse_answer(&json!({"results": results, "unmatched": words})),
        })
        .collect()
}

/// The edition a query file's `lang` names when the built site has one (`fr`, whose pages
/// search `fr/search/`); `None` for the default edition.
fn edition<'a>(build: &Path, file: &'a QueryFile) -> Option<&'a str> {
    file.lang
        .as_deref()
        .filter(|code| build.join(code).join("search").is_dir())
}

fn run_chromium(
    session: &Session,
    build: &Path,
    port: u16,
    file: &QueryFile,
) -> Result<Vec<Answer>, String> {
    let list: Vec<Value> = file
        .query
        .iter()
        .map(|query| json!({"q": query.q, "lang": file.lang}))
        .collect();
    let prefix = edition(build, file)
        .map(|code| format!("{code}/"))
        .unwrap_or_default();
    session.goto(&format!("http://127.0.0.1:{port}/{prefix}search/"));
    session.wait_for(
        "the search client",
        "return document.readyState === 'complete' && window.Remedy && true",
    );
    let script = format!(
        "var done = arguments[arguments.length - 1];
         var queries = {queries};
         (async function () {{
           var answers = [];
           for (var i = 0; i < queries.length; i++) {{
             var options = queries[i].lang ? {{limit: {LIMIT}, lang: queries[i].lang}} : {{limit: {LIMIT}}};
             var answer = typeof window.Remedy.query === 'function'
               ? await window.Remedy.query(queries[i].q, options)
               : await window.Remedy.search(queries[i].q, options);
             if (Array.isArray(answer)) answer = answer.map(function (hit) {{ return hit.slug; }});
             else answer = {{results: answer.results.map(function (hit) {{ return hit.slug; }}),
                            unmatched: answer.unmatched || []}};
             answers.push(answer);
           }}
           return answers;
         }})().then(done, function (error) {{ done({{error: String(error)}}); }});",
        queries = Value::Array(list)
    );
    let value = session.async_script(&script);
    if let Some(error) = value.get("error") {
        return Err(format!("in Chromium: {error}"));
    }
    value
        .as_array()
        .ok_or_else(|| format!("unexpected answer from Chromium: {value}"))?
        .iter()
        .map(parse_answer)
        .collect()
}

/// A `pagefind` binary, found or installed with npm under the target dir.
fn pagefind() -> Result<PathBuf, String> {
    let installed = bench_dir().join("npm/node_modules/.bin/pagefind");
    match std::env::var_os("PAGEFIND") {
        Some(off) if off == "off" => return Err("left out (PAGEFIND=off)".to_string()),
        Some(path) => return Ok(PathBuf::from(path)),
        None => {}
    }
    let local = repo().join("node_modules/.bin/pagefind");
    for candidate in [local, installed.clone()] {
        if candidate.is_file() {
            return Ok(candidate);
        }
    }
    if let Some(on_path) = which("pagefind") {
        return Ok(on_path);
    }
    let npm = which("npm").ok_or("not found, and `npm` is not on PATH to install it")?;
    let dir = bench_dir().join("npm");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    eprintln!("installing pagefind from npm into {} ...", dir.display());
    let status = Command::new(npm)
        .args([
            "install",
            "--silent",
            "--no-audit",
            "--no-fund",
            "pagefind@1",
        ])
        .current_dir(&dir)
        .status()
        .map_err(|e| e.to_string())?;
    if status.success() && installed.is_file() {
        Ok(installed)
    } else {
        Err("`npm install pagefind` failed".to_string())
    }
}

/// Indexes the build with Pagefind into its own folder under the target dir.
fn index_with_pagefind(pagefind: &Path, build: &Path) -> PathBuf {
    let whole_site = std::env::var("PAGEFIND_SCOPE").as_deref() == Ok("site");
    let bundle = bench_dir().join(if whole_site {
        "pagefind-site"
    } else {
        "pagefind-articles"
    });
    if bundle.exists() {
        std::fs::remove_dir_all(&bundle).expect("clear the previous Pagefind bundle");
    }
    let mut command = Command::new(pagefind);
    command
        .arg("--site")
        .arg(build)
        .arg("--output-path")
        .arg(&bundle)
        .arg("--silent");
    if !whole_site {
        command.args(["--root-selector", "article.article"]);
    }
    let status = command.status().expect("run pagefind");
    assert!(status.success(), "pagefind failed");
    let version = Command::new(pagefind)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    eprintln!(
        "indexed with {version} ({})",
        if whole_site {
            "every page"
        } else {
            "article pages"
        }
    );
    bundle
}

fn run_pagefind(node: &Path, bundle: &Path, file: &QueryFile) -> Result<Vec<Answer>, String> {
    let queries = queries_json(file, "pagefind");
    let output = run_node(
        node,
        "tests/search/js/pagefind_queries.mjs",
        bundle,
        &queries,
        None,
    )?;
    output["results"]
        .as_array()
        .ok_or("no results")?
        .iter()
        .map(parse_answer)
        .collect()
}

/// The rank (from 1) of the first answer within the top [`LIMIT`].
fn rank(query: &Labelled, answer: &Answer) -> Option<usize> {
    answer
        .slugs
        .iter()
        .take(LIMIT)
        .position(|slug| query.answers.contains(slug))
        .map(|at| at + 1)
}

fn score(file: &QueryFile, answers: &[Answer]) -> Score {
    let mut score = Score {
        scored: 0,
        mrr: 0.0,
        hit3: 0.0,
        out_of_scope: 0,
        empty: 0,
        reported: None,
    };
    for (query, answer) in file.query.iter().zip(answers) {
        if !query.answers.is_empty() {
            score.scored += 1;
            if let Some(rank) = rank(query, answer) {
                score.mrr += 1.0 / rank as f64;
                if rank <= 3 {
                    score.hit3 += 1.0;
                }
            }
        }
        if let Some(expected) = &query.unmatched {
            score.out_of_scope += 1;
            if answer.slugs.is_empty() {
                score.empty += 1;
            }
            if let Some(reported) = &answer.unmatched {
                let all = expected
                    .iter()
                    .all(|word| reported.iter().any(|r| r.eq_ignore_ascii_case(word)));
                *score.reported.get_or_insert(0) += usize::from(all);
            }
        }
    }
    if score.scored > 0 {
        score.mrr /= score.scored as f64;
        score.hit3 /= score.scored as f64;
    }
    score
}

/// Every query of a file that a searcher did not answer first, and its out-of-scope answers.
fn misses(file: &QueryFile, searcher: &str, answers: &[Answer]) -> String {
    let mut text = format!("{} × {searcher}: not answered first\n", file.name);
    for (query, answer) in file.query.iter().zip(answers) {
        let top: Vec<&str> = answer.slugs.iter().take(3).map(String::as_str).collect();
        if !query.answers.is_empty() {
            match rank(query, answer) {
                Some(1) => {}
                Some(rank) => text.push_str(&format!(
                    "  {rank:>2}   {:<58} {}\n",
                    query.q,
                    top.join(", ")
                )),
                None => text.push_str(&format!(
                    "  --   {:<58} {}\n",
                    query.q,
                    if top.is_empty() {
                        "(no results)".to_string()
                    } else {
                        top.join(", ")
                    }
                )),
            }
        }
        if query.unmatched.is_some() {
            let reported = match &answer.unmatched {
                Some(words) => format!("unmatched {words:?}"),
                None => "unmatched not reported".to_string(),
            };
            text.push_str(&format!(
                "  out  {:<58} {} results, {reported}{}\n",
                query.q,
                answer.slugs.len(),
                if top.is_empty() {
                    String::new()
                } else {
                    format!(": {}", top.join(", "))
                }
            ));
        }
    }
    text
}

/// Notes how often the browser client's top results differ from the CLI's.
fn note_parity(file: &QueryFile, answers: &[(&str, Vec<Answer>)], notes: &mut Vec<String>) {
    let by_name: BTreeMap<&str, &Vec<Answer>> =
        answers.iter().map(|(name, a)| (*name, a)).collect();
    let Some(cli) = by_name.get("CLI") else {
        return;
    };
    for name in ["JS (Node)", "JS (Chromium)"] {
        if let Some(js) = by_name.get(name) {
            let differ: Vec<&str> = file
                .query
                .iter()
                .zip(cli.iter().zip(js.iter()))
                .filter(|(_, (a, b))| a.slugs != b.slugs)
                .map(|(query, _)| query.q.as_str())
                .collect();
            notes.push(format!(
                "{}: {name} and CLI top {LIMIT} differ on {} of {} queries{}",
                file.name,
                differ.len(),
                file.query.len(),
                if differ.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", differ.join("; "))
                }
            ));
        }
    }
}

type Row = (String, &'static str, Result<Score, String>);

fn print_table(rows: &[Row]) {
    println!(
        "\nSearch quality on the bundled site: MRR and hit@3 over the top {LIMIT}, on the queries \
         with answers;\nout of scope: how many came back with no results, and how many reported \
         every foreign word as unmatched"
    );
    println!(
        "{:<24} {:<14} {:>7} {:>6} {:>6}   {:<22}",
        "file", "searcher", "queries", "MRR", "hit@3", "out of scope"
    );
    for (file, searcher, score) in rows {
        match score {
            Ok(score) => {
                let out_of_scope = if score.out_of_scope == 0 {
                    "-".to_string()
                } else {
                    let n = score.out_of_scope;
                    let reported = score
                        .reported
                        .map_or("not reported".to_string(), |r| format!("{r}/{n}"));
                    format!("{}/{n} no results, unmatched {reported}", score.empty)
                };
                println!(
                    "{file:<24} {searcher:<14} {:>7} {:>6.3} {:>6.3}   {out_of_scope}",
                    score.scored, score.mrr, score.hit3
                );
            }
            Err(why) => println!("{file:<24} {searcher:<14} failed: {why}"),
        }
    }
}
