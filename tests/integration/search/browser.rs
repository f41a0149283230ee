//! The search UI in real headless Chromium, driven through chromedriver: type a symptom,
//! results appear under the field, arrow + Enter opens the answer; the keyboard shortcuts; the
//! search page and its no-results state; `window.Remedy.search`; and an article whose title,
//! summary and body hold `<img src=x onerror=...>` showing as text. It runs from `file://`
//! (scripts loaded as files) and over HTTP.
//!
//! The tests need Chromium and chromedriver: they are ignored by a plain `cargo test` and run by
//! `cargo test -- --include-ignored`, as `.ci/run` does.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::support;
use crate::support::webdriver::{Session, keys};

const HOSTILE: &str = "<img src=x onerror=window.__remedyXss=1>";

/// The bundled site plus an article that tries to inject markup through search results.
fn hostile_site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let root = support::scratch_dir("search-browser-site");
        support::copy_bundled_site(&root);
        let article = format!(
            "+++\ntitle = \"Battery {HOSTILE} overheats\"\n\
             summary = \"When the {HOSTILE} battery overheats during a backup.\"\n\
             symptoms = [\"battery overheats\"]\n+++\n\n\
             The phone gets hot: {HOSTILE} let it cool down before backing up.\n"
        );
        std::fs::write(root.join("content/causes/overheating.md"), article).expect("write");
        let options = remedy::BuildOptions {
            root: root.clone(),
            ..remedy::BuildOptions::default()
        };
        remedy::build(&options).expect("the fixture builds");
        root
    })
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Types a query into the header's field and waits for results under it.
fn type_query(session: &Session, query: &str) -> String {
    let input = session.find("#search-input").expect("a search field");
    session.clear(&input);
    session.send_keys(&input, query);
    session.wait_for(
        &format!("results for {query:?}"),
        &format!(
            "var p = document.getElementById('search-popup'); \
             return p && !p.hidden && p.getAttribute('data-query') === {:?}",
            query.trim()
        ),
    );
    input
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn a_reader_finds_and_opens_an_answer_from_file_urls() {
    let site = hostile_site();
    let session = support::browser();
    session.goto(&file_url(&site.join("public/index.html")));

    // `/` focuses the search field.
    session.press(&["/"]);
    session.wait_for(
        "`/` to focus the search field",
        "return document.activeElement && document.activeElement.id === 'search-input'",
    );

    // Typing a symptom shows results; arrow down selects the first, Enter opens it.
    let input = type_query(&session, "backup stops halfway");
    let first = session.script(
        "var hit = document.querySelector('#search-popup .search-hit a'); \
         return [hit.href, hit.querySelector('.search-hit-title').textContent, \
                 hit.querySelector('.search-hit-kind').textContent, \
                 hit.querySelectorAll('mark').length]",
    );
    let href = first[0].as_str().unwrap().to_string();
    assert!(
        href.ends_with("/faq/backup-fails-halfway/index.html"),
        "first result {first}"
    );
    assert_eq!(first[2], "Questions", "kind label of {first}");
    assert!(first[3].as_u64().unwrap() > 0, "no highlight in {first}");
    session.send_keys(&input, keys::ARROW_DOWN);
    session.wait_for(
        "the first result to be selected",
        "var o = document.querySelector('#search-hit-0'); \
         return o.getAttribute('aria-selected') === 'true' && \
                document.getElementById('search-input').getAttribute('aria-activedescendant') === 'search-hit-0'",
    );
    session.send_keys(&input, keys::ENTER);
    session.wait_for(
        "Enter to open the answer",
        &format!("return location.href === {href:?}"),
    );
    let heading = session.script("return document.querySelector('h1').textContent");
    assert_eq!(heading, "Why does my iPhone backup fail halfway?");

    // Ctrl+K focuses the field from anywhere; Esc closes the list.
    session.script("document.activeElement.blur()");
    session.press(&[keys::CONTROL, "k"]);
    session.wait_for(
        "Ctrl+K to focus the search field",
        "return document.activeElement && document.activeElement.id === 'search-input'",
    );
    let input = type_query(&session, "error 9006");
    let top = session.script("return document.querySelector('#search-popup .search-hit a').href");
    assert!(
        top.as_str().unwrap().ends_with("/errors/9006/index.html"),
        "{top}"
    );
    session.send_keys(&input, keys::ESCAPE);
    session.wait_for(
        "Esc to close the list",
        "return document.getElementById('search-popup').hidden && \
         document.getElementById('search-input').getAttribute('aria-expanded') === 'false'",
    );

    // Nothing found: say so and point to the troubleshooter, the FAQ and the guides.
    type_query(&session, "zzyzx qwertyuiop");
    let empty = session.script(
        "var e = document.querySelector('#search-popup .search-empty'); \
         return e && [e.textContent, Array.from(e.querySelectorAll('a')).map(a => a.href)]",
    );
    assert!(empty[0].as_str().unwrap().contains("No results"), "{empty}");
    let links = empty[1].to_string();
    assert!(
        links.contains("/troubleshoot/index.html")
            && links.contains("/faq/index.html")
            && links.contains("/guides/index.html"),
        "{empty}"
    );
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn content_reaches_the_page_as_text_only() {
    let site = hostile_site();
    let session = support::browser();

    // In the list under the field.
    session.goto(&file_url(&site.join("public/index.html")));
    type_query(&session, "overheats");
    let shown = session.script(
        "var p = document.getElementById('search-popup'); \
         return [p.querySelector('.search-hit-title').textContent, \
                 p.querySelector('.search-hit-excerpt').textContent, \
                 p.querySelectorAll('img').length, typeof window.__remedyXss]",
    );
    assert_eq!(shown[0], format!("Battery {HOSTILE} overheats"), "{shown}");
    assert!(shown[1].as_str().unwrap().contains(HOSTILE), "{shown}");
    assert_eq!(shown[2], 0, "an <img> element reached the results: {shown}");
    assert_eq!(shown[3], "undefined", "the injected handler ran: {shown}");

    // On the search page, which follows ?q=.
    let page = site.join("public/search/index.html");
    session.goto(&format!("{}?q=battery%20overheats", file_url(&page)));
    session.wait_for(
        "results on the search page",
        "return document.querySelector('#search-results .search-hit')",
    );
    let shown = session.script(
        "var r = document.getElementById('search-results'); \
         return [r.querySelector('.search-hit-title').textContent, r.querySelectorAll('img').length, \
                 typeof window.__remedyXss, document.getElementById('search-input').value]",
    );
    assert_eq!(shown[0], format!("Battery {HOSTILE} overheats"), "{shown}");
    assert_eq!(shown[1], 0, "{shown}");
    assert_eq!(shown[2], "undefined", "{shown}");
    assert_eq!(shown[3], "battery overheats", "{shown}");
}

#[test]
#[ignore = "needs chromium and chromedriver"]
fn the_client_api_works_over_http() {
    let site = hostile_site();
    let port = serve(site.join("public"));
    let session = support::browser();
    session.goto(&format!("http://127.0.0.1:{port}/causes/low-battery/"));
    let results = session.async_script(
        "var done = arguments[arguments.length - 1]; \
         window.Remedy.search('error 9006', {limit: 3}).then(done, function (e) { done(String(e)); });",
    );
    let first = &results[0];
    assert_eq!(first["slug"], "errors/9006", "{results}");
    assert_eq!(first["kind"], "error", "{results}");
    assert_eq!(first["url"], "/errors/9006/", "{results}");
    assert!(
        first["title"].as_str().unwrap().contains("9006"),
        "{results}"
    );
    assert!(first["score"].as_f64().unwrap() > 0.0, "{results}");
    assert!(
        first["excerpt"].as_str().unwrap().contains("9006"),
        "{results}"
    );
    assert_eq!(results.as_array().unwrap().len(), 3, "{results}");

    // The search page over HTTP, reached by submitting the header's form.
    let input = session.find("#search-input").expect("a search field");
    session.send_keys(&input, "restor ");
    session.send_keys(&input, keys::ENTER);
    session.wait_for(
        "the search page's results",
        "return location.pathname === '/search/' && document.querySelector('#search-results .search-hit a')",
    );
    let top = session.script("return document.querySelector('#search-results .search-hit a').href");
    assert_eq!(
        top,
        format!("http://127.0.0.1:{port}/restore/restore-from-icloud-backup/")
    );
}

/// Serves a folder over HTTP on a free port, in a thread that lives as long as the tests.
fn serve(root: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
                        break;
                    }
                }
                let target = line.split_whitespace().nth(1).unwrap_or("/");
                let path = target.split('?').next().unwrap_or("/");
                let mut file = root.join(path.trim_start_matches('/'));
                if file.is_dir() {
                    file = file.join("index.html");
                }
                let mut stream = &stream;
                match std::fs::read(&file) {
                    Ok(bytes) if !path.contains("..") => {
                        let kind = match file.extension().and_then(|e| e.to_str()) {
                            Some("html") => "text/html; charset=utf-8",
                            Some("js") => "text/javascript; charset=utf-8",
                            Some("css") => "text/css; charset=utf-8",
                            Some("svg") => "image/svg+xml",
                            _ => "application/octet-stream",
                        };
                        let _ = write!(
                            stream,
                            "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
                             Connection: close\r\n\r\n",
                            bytes.len()
                        );
                        let _ = stream.write_all(&bytes);
                    }
                    _ => {
                        let _ = write!(
                            stream,
                            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        );
                    }
                }
            });
        }
    });
    port
}
