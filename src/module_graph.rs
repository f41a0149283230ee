//! The import graph between the files of `src/`, and the test that keeps it free of cycles
//! (STYLE.md §11: dependencies point one way). Test-only: it reads the sources, not the crate.
//!
//! A file imports another when it names a path into it: `use crate::a::b`, `crate::a::b::f()`,
//! `super::x`, `self::x`, or a child module declared in the file (`mod http;` then
//! `http::serve`); a path counts for the file holding the longest module prefix it names, so
//! `crate::pipeline::load::Source` is an edge to `src/pipeline/load.rs` and `crate::Diagnostic`
//! (a re-export) one to `src/lib.rs`; a module imported by name (`use crate::search;`, then
//! `search::index::write`) is followed. A `mod.rs` is a file like any other: its children
//! importing it and it importing them is a cycle. Declaring a child (`pub mod http;`) is not an
//! import. An inline `#[cfg(test)] mod tests` is a node of its own (`file#tests`): it is
//! compiled only into the test harness, nothing imports it, so it can use the crate's top
//! without making a cycle. `src/main.rs` is the binary, a crate of its own, and is left out.
//! Comments, strings and character literals are skipped, so a doc link or a message naming a
//! path is no import.
//!
//! `cargo test --lib module_graph -- --nocapture` prints the graph, layer by layer: the files
//! of layer 0 import nothing of ours; each file imports only files of lower layers.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A token of Rust source, as far as paths need: identifiers, `::` and single punctuation.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Ident(String),
    PathSep,
    Punct(char),
}

/// Splits Rust source into tokens, dropping comments, strings, characters and lifetimes.
fn tokenize(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == '"' {
            i = skip_string(&chars, i + 1);
        } else if (c == 'r' || c == 'b') && raw_string_start(&chars, i).is_some() {
            let (hashes, body) = raw_string_start(&chars, i).unwrap_or((0, i));
            let closing: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            i = body;
            while i < chars.len() && !chars[i..].starts_with(&closing) {
                i += 1;
            }
            i += closing.len();
        } else if c == 'b' && next == Some('"') {
            i = skip_string(&chars, i + 2);
        } else if c == '\'' || (c == 'b' && next == Some('\'')) {
            let start = if c == 'b' { i + 1 } else { i };
            // A character literal ('a', '\n', '\u{1F600}') or a lifetime ('a, 'static).
            match (chars.get(start + 1), chars.get(start + 2)) {
                (Some('\\'), _) => {
                    i = start + 2;
                    while i < chars.len() && chars[i] != '\'' {
                        i += 1;
                    }
                    i += 1;
                }
                (Some(_), Some('\'')) => i = start + 3,
                _ => {
                    i = start + 1;
                    while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                        i += 1;
                    }
                }
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            tokens.push(Token::Ident(word.trim_start_matches("r#").to_string()));
        } else if c == ':' && next == Some(':') {
            tokens.push(Token::PathSep);
            i += 2;
        } else {
            tokens.push(Token::Punct(c));
            i += 1;
        }
    }
    tokens
}

/// The index just past a string whose body starts at `i`.
fn skip_string(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

/// For a raw string (`r"`, `r#"`, `br#"`) starting at `i`: its number of `#` and where its
/// body starts.
fn raw_string_start(chars: &[char], i: usize) -> Option<(usize, usize)> {
    let mut at = i;
    if chars.get(at) == Some(&'b') {
        at += 1;
    }
    if chars.get(at) != Some(&'r') {
        return None;
    }
    // Not the end of an identifier such as `for` or `bar`.
    if i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_') {
        return None;
    }
    at += 1;
    let hashes = chars[at..].iter().take_while(|&&c| c == '#').count();
    (chars.get(at + hashes) == Some(&'"')).then_some((hashes, at + hashes + 1))
}

/// The paths a file names, each as written from its first segment (`crate`, `super`, `self`
/// or a name), with `use` groups expanded, together with the inline module it is written in
/// (`["tests"]` inside `mod tests { ... }`) and the child modules the file declares.
#[derive(Debug, Default)]
struct FilePaths {
    /// (inline module path, path as written).
    paths: Vec<(Vec<String>, WrittenPath)>,
    /// `mod x;` declarations at the top level of the file.
    children: BTreeSet<String>,
    /// Inline modules marked `#[cfg(test)]`, by name.
    test_modules: BTreeSet<String>,
}

fn scan(tokens: &[Token]) -> FilePaths {
    let mut found = FilePaths::default();
    // (inline module name, brace depth inside it).
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    let ident = |i: usize| match tokens.get(i) {
        Some(Token::Ident(name)) => Some(name.as_str()),
        _ => None,
    };
    while i < tokens.len() {
        match &tokens[i] {
            Token::Punct('{') => depth += 1,
            Token::Punct('}') => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, d)| *d > depth) {
                    inline.pop();
                }
            }
            Token::Ident(word) if word == "mod" => {
                if let Some(name) = ident(i + 1) {
                    match tokens.get(i + 2) {
                        Some(Token::Punct(';')) if inline.is_empty() => {
                            found.children.insert(name.to_string());
                        }
                        Some(Token::Punct('{')) => {
                            if is_cfg_test(&tokens[..i]) && inline.is_empty() {
                                found.test_modules.insert(name.to_string());
                            }
                            inline.push((name.to_string(), depth + 1));
                        }
                        _ => {}
                    }
                }
            }
            Token::Ident(_)
                if tokens.get(i + 1) == Some(&Token::PathSep)
                    && i.checked_sub(1).and_then(|p| tokens.get(p)) != Some(&Token::PathSep) =>
            {
                let module: Vec<String> = inline.iter().map(|(name, _)| name.clone()).collect();
                let (paths, end) = path_tree(tokens, i);
                for path in paths {
                    found.paths.push((module.clone(), path));
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// Whether the tokens before a `mod` end with `#[cfg(test)]` (with `pub` and the like between).
fn is_cfg_test(before: &[Token]) -> bool {
    let cfg_test = [
        Token::Punct('#'),
        Token::Punct('['),
        Token::Ident("cfg".into()),
        Token::Punct('('),
        Token::Ident("test".into()),
        Token::Punct(')'),
        Token::Punct(']'),
    ];
    let trimmed = before
        .iter()
        .rposition(|t| !matches!(t, Token::Ident(w) if w == "pub"))
        .map_or(before, |last| &before[..=last]);
    trimmed.ends_with(&cfg_test)
}

/// A path as written: its segments, and the name it is imported as (`use a::b as c` → `c`).
type WrittenPath = (Vec<String>, Option<String>);

/// Reads the path starting at token `start` (`a::b::c`, `a::{b, c::d}`, `a::*`, `a::b as c`),
/// returns every full path it names and the index after it.
fn path_tree(tokens: &[Token], start: usize) -> (Vec<WrittenPath>, usize) {
    let renamed = |i: usize| match (tokens.get(i), tokens.get(i + 1)) {
        (Some(Token::Ident(word)), Some(Token::Ident(name))) if word == "as" => {
            (Some(name.clone()), i + 2)
        }
        _ => (None, i),
    };
    let mut prefix = Vec::new();
    let mut i = start;
    loop {
        match tokens.get(i) {
            Some(Token::Ident(name)) => {
                prefix.push(name.clone());
                i += 1;
            }
            _ => return (vec![(prefix, None)], i),
        }
        if tokens.get(i) != Some(&Token::PathSep) {
            let (rename, end) = renamed(i);
            return (vec![(prefix, rename)], end);
        }
        i += 1;
        match tokens.get(i) {
            Some(Token::Punct('{')) => {
                let mut paths = Vec::new();
                i += 1;
                while let Some(token) = tokens.get(i) {
                    match token {
                        Token::Punct('}') => {
                            i += 1;
                            break;
                        }
                        Token::Ident(_) => {
                            let (inner, end) = path_tree(tokens, i);
                            for (tail, rename) in inner {
                                let mut path = prefix.clone();
                                // `self` in a group names the prefix itself.
                                path.extend(tail.into_iter().filter(|s| s != "self"));
                                paths.push((path, rename));
                            }
                            i = end;
                        }
                        _ => i += 1,
                    }
                }
                return (paths, i);
            }
            Some(Token::Ident(_)) => {}
            _ => return (vec![(prefix, None)], i),
        }
    }
}

/// Every file of the library under `src/`, by module path (`[]` is `lib.rs`).
fn library_files(src: &Path) -> BTreeMap<Vec<String>, PathBuf> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(src).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = path.strip_prefix(src).unwrap_or(path);
        let mut segments: Vec<String> = relative
            .with_extension("")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().to_string())
            .collect();
        match segments.last().map(String::as_str) {
            Some("main") if segments.len() == 1 => continue,
            Some("lib") if segments.len() == 1 => segments.clear(),
            Some("mod") => {
                segments.pop();
            }
            _ => {}
        }
        files.insert(segments, Path::new("src").join(relative));
    }
    files
}

/// The node a file's inline test module gets.
fn test_node(file: &Path, module: &str) -> String {
    format!("{}#{module}", file.display())
}

/// The import graph: node → the nodes it imports. Nodes are files (`src/config.rs`) and inline
/// test modules (`src/config.rs#tests`).
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let files = library_files(src);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, file) in &files {
        let source = std::fs::read_to_string(src.join(file.strip_prefix("src").unwrap_or(file)))
            .unwrap_or_default();
        let found = scan(&tokenize(&source));
        let node = file.display().to_string();
        edges.entry(node.clone()).or_default();
        // Modules imported by name (`use crate::pipeline::{index, link}`, `use crate::search`,
        // `use a::b as c`): a later `index::index(...)` is a path into that module.
        let mut aliases: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (inline, (path, rename)) in &found.paths {
            let mut here = module.clone();
            here.extend(inline.iter().cloned());
            let Some(absolute) = absolute_path(&here, module, &found.children, &aliases, path)
            else {
                continue;
            };
            if files.contains_key(&absolute)
                && let Some(name) = rename.clone().or_else(|| absolute.last().cloned())
            {
                aliases.insert(name, absolute);
            }
        }
        for (inline, (path, _)) in found.paths {
            let mut here = module.clone();
            here.extend(inline.iter().cloned());
            let Some(absolute) = absolute_path(&here, module, &found.children, &aliases, &path)
            else {
                continue;
            };
            let Some(target) = (0..=absolute.len())
                .rev()
                .find_map(|n| files.get(&absolute[..n]))
            else {
                continue;
            };
            let from = match inline.first() {
                Some(name) if found.test_modules.contains(name) => test_node(file, name),
                _ => node.clone(),
            };
            let to = target.display().to_string();
            if from != to {
                edges.entry(from).or_default().insert(to);
            }
        }
    }
    edges
}

/// The module path a written path names, or `None` when it leaves the crate (`std::`,
/// `serde::`, a local type's `Self::`).
fn absolute_path(
    here: &[String],
    file_module: &[String],
    children: &BTreeSet<String>,
    aliases: &BTreeMap<String, Vec<String>>,
    path: &[String],
) -> Option<Vec<String>> {
    let first = path.first()?;
    match first.as_str() {
        "crate" => Some(path[1..].to_vec()),
        "self" => Some(here.iter().chain(&path[1..]).cloned().collect()),
        "super" => {
            let supers = path.iter().take_while(|s| *s == "super").count();
            let base = here.len().checked_sub(supers)?;
            Some(
                here[..base]
                    .iter()
                    .chain(&path[supers..])
                    .cloned()
                    .collect(),
            )
        }
        name if children.contains(name) && here == file_module => {
            Some(file_module.iter().chain(path).cloned().collect())
        }
        name => aliases
            .get(name)
            .map(|module| module.iter().chain(&path[1..]).cloned().collect()),
    }
}

/// The cycles of a graph: each strongly connected component of more than one node, sorted.
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Tarjan's algorithm, iteratively over the sorted nodes.
    struct State<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(state: &mut State<'a>, node: &'a str) {
        let next = state.index.len();
        state.index.insert(node, next);
        state.low.insert(node, next);
        state.stack.push(node);
        state.on_stack.insert(node);
        if let Some(targets) = state.edges.get(node) {
            for target in targets {
                let target = target.as_str();
                if !state.index.contains_key(target) {
                    visit(state, target);
                    let low = state.low[target].min(state.low[node]);
                    state.low.insert(node, low);
                } else if state.on_stack.contains(target) {
                    let low = state.index[target].min(state.low[node]);
                    state.low.insert(node, low);
                }
            }
        }
        if state.low[node] == state.index[node] {
            let mut component = Vec::new();
            while let Some(member) = state.stack.pop() {
                state.on_stack.remove(member);
                component.push(member.to_string());
                if member == node {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                state.found.push(component);
            }
        }
    }
    let mut state = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for node in edges.keys() {
        if !state.index.contains_key(node.as_str()) {
            visit(&mut state, node);
        }
    }
    state.found.sort();
    state.found
}

/// The graph as text, layer by layer (a file's layer is one more than the highest layer it
/// imports from); only meaningful for a graph without cycles.
fn layers(edges: &BTreeMap<String, BTreeSet<String>>) -> String {
    let mut layer: BTreeMap<&str, usize> = BTreeMap::new();
    while layer.len() < edges.len() {
        let before = layer.len();
        for (node, targets) in edges {
            if layer.contains_key(node.as_str()) {
                continue;
            }
            let known: Option<Vec<usize>> = targets
                .iter()
                .map(|t| layer.get(t.as_str()).copied())
                .collect();
            if let Some(known) = known {
                layer.insert(node, known.into_iter().max().map_or(0, |l| l + 1));
            }
        }
        if layer.len() == before {
            break;
        }
    }
    let mut text = String::new();
    let top = layer.values().copied().max().unwrap_or(0);
    for level in 0..=top {
        text.push_str(&format!("layer {level}\n"));
        for (node, _) in layer.iter().filter(|(_, l)| **l == level) {
            let targets = &edges[*node];
            if targets.is_empty() {
                text.push_str(&format!("  {node}\n"));
            } else {
                let names: Vec<&str> = targets.iter().map(String::as_str).collect();
                text.push_str(&format!("  {node} -> {}\n", names.join(", ")));
            }
        }
    }
    text
}

#[test]
fn tokens_skip_comments_strings_and_lifetimes() {
    let tokens = tokenize(
        "// crate::a\nfn f<'a>(x: &'a str) -> char { let s = \"crate::b\"; let r = r#\"crate::c\"#; '\\'' }\n/* crate::d */ crate::e",
    );
    let idents: Vec<&str> = tokens
        .iter()
        .filter_map(|t| match t {
            Token::Ident(w) => Some(w.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        idents,
        [
            "fn", "f", "x", "str", "char", "let", "s", "let", "r", "crate", "e"
        ]
    );
}

#[test]
fn paths_resolve_to_the_file_with_the_longest_prefix() {
    let found = scan(&tokenize(
        "mod http;\nuse crate::{diagnostic::Diagnostic, pipeline::{load, render::PageId}};\nuse crate::diagnostic::toml as wording;\nfn f() { http::serve(); super::x::y(); }\n#[cfg(test)]\nmod tests { use super::*; use crate::BuildOptions; }",
    ));
    let paths: Vec<String> = found
        .paths
        .iter()
        .map(|(inline, (path, rename))| {
            let rename = rename
                .as_ref()
                .map_or(String::new(), |r| format!(" as {r}"));
            format!("{}:{}{rename}", inline.join("::"), path.join("::"))
        })
        .collect();
    assert_eq!(
        paths,
        [
            ":crate::diagnostic::Diagnostic",
            ":crate::pipeline::load",
            ":crate::pipeline::render::PageId",
            ":crate::diagnostic::toml as wording",
            ":http::serve",
            ":super::x::y",
            "tests:super",
            "tests:crate::BuildOptions",
        ]
    );
    assert!(found.children.contains("http"));
    assert!(found.test_modules.contains("tests"));
    let cyclic: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
    ]
    .into_iter()
    .map(|(from, to)| (from.to_string(), to.iter().map(|s| s.to_string()).collect()))
    .collect();
    assert_eq!(cycles(&cyclic), [["a", "b", "c"]]);
}

/// A cycle through a module imported by name, a parent and its child, and through `super`.
#[test]
fn cycles_are_found_through_aliases_parents_and_super() {
    let src = tempfile::tempdir().unwrap();
    let files = [
        ("lib.rs", "pub mod a;\npub mod b;\npub mod p;\n"),
        ("a.rs", "use crate::b;\npub fn f() { b::g() }\n"),
        (
            "b.rs",
            "use crate::a as other;\npub fn g() { other::f() }\n",
        ),
        ("p/mod.rs", "mod c;\npub struct T;\npub fn h() { c::k() }\n"),
        ("p/c.rs", "pub fn k() -> super::T { super::T }\n"),
    ];
    for (path, text) in files {
        let path = src.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    assert_eq!(
        cycles(&graph(src.path())),
        [
            vec!["src/a.rs".to_string(), "src/b.rs".to_string()],
            vec!["src/p/c.rs".to_string(), "src/p/mod.rs".to_string()],
        ]
    );
}

#[test]
fn no_import_cycles_between_files() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let edges = graph(&src);
    assert!(edges.len() > 20, "the sources were not found: {edges:?}");
    let found = cycles(&edges);
    if found.is_empty() {
        println!("{}", layers(&edges));
    }
    let shown: Vec<String> = found.iter().map(|cycle| cycle.join(" ⇄ ")).collect();
    assert!(
        found.is_empty(),
        "import cycles between files of src/:\n{}\nthe edges:\n{}",
        shown.join("\n"),
        edges
            .iter()
            .filter(|(node, _)| found.iter().flatten().any(|n| n == *node))
            .map(|(node, targets)| format!(
                "  {node} -> {}",
                targets
                    .iter()
                    .filter(|t| found.iter().flatten().any(|n| n == *t))
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_search_analysis_is_a_leaf() {
    // `wasm/` compiles src/search/analysis/ on its own for the browser: it may import only
    // its own files.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let edges = graph(&src);
    let folder = "src/search/analysis/";
    let analysis: Vec<_> = edges
        .iter()
        .filter(|(node, _)| node.starts_with(folder) && !node.contains('#'))
        .collect();
    assert!(
        analysis.len() >= 3,
        "the analysis files were not found: {edges:?}"
    );
    for (node, targets) in analysis {
        for target in targets {
            assert!(
                target.starts_with(folder),
                "{node} imports {target}: the analysis must import nothing of Remedy's"
            );
        }
    }
}
