//! `remedy serve`, for real: the server is started on a free port over a copy of the bundled
//! site, pages are fetched over HTTP, Markdown is edited on disk, and the live-reload events are
//! read from the event stream. After a run of edits of every kind, the served build dir must be
//! byte-identical to what `remedy build` writes for the same sources.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crate::support::{assert_same_tree, bundled_root, copy_tree, read_tree};

mod editions;
mod hostile;

/// How long any one expected event may take (generous: CI machines are slow and shared).
const PATIENCE: Duration = Duration::from_secs(60);

/// A running `remedy serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    stderr: Receiver<String>,
    site: tempfile::TempDir,
}

impl Server {
    /// Copies the bundled site into a temporary folder and serves it on a free port.
    fn start() -> Server {
        let site = tempfile::Builder::new()
            .prefix("remedy-serve-")
            .tempdir()
            .unwrap();
        std::fs::copy(
            bundled_root().join("book.toml"),
            site.path().join("book.toml"),
        )
        .unwrap();
        copy_tree(
            &bundled_root().join("content"),
            &site.path().join("content"),
        );
        copy_tree(
            &bundled_root().join("snippets"),
            &site.path().join("snippets"),
        );
        Server::start_in(site)
    }

    fn start_in(site: tempfile::TempDir) -> Server {
        Server::start_with(site, |_| {})
    }

    /// [`Server::start_in`], with `configure` applied to the command first.
    fn start_with(site: tempfile::TempDir, configure: impl FnOnce(&mut Command)) -> Server {
        let mut command = Command::new(crate::support::binary());
        command
            .args(["serve", "--port", "0"])
            .current_dir(site.path())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        configure(&mut command);
        let mut child = command.spawn().expect("remedy serve starts");
        let (sender, stderr) = channel();
        let pipe = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines() {
                let Ok(line) = line else { break };
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            port: 0,
            stderr,
            site,
        };
        let line = server.wait_for_line(|l| l.starts_with("serving "));
        let port = line
            .rsplit("http://127.0.0.1:")
            .next()
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        server.port = port;
        server
    }

    fn wait_for_line(&mut self, wanted: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.stderr.recv_timeout(left) {
                Ok(line) if wanted(&line) => return line,
                Ok(line) => seen.push(line),
                Err(_) => break,
            }
        }
        panic!(
            "the server never printed the expected line; it printed:\n{}",
            seen.join("\n")
        );
    }

    fn path(&self, relative: &str) -> std::path::PathBuf {
        self.site.path().join(relative)
    }

    fn edit(&self, relative: &str, change: impl FnOnce(String) -> String) {
        let path = self.path(relative);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, change(text)).unwrap();
    }

    fn get(&self, path: &str) -> Response {
        get(self.port, path)
    }

    fn events(&self) -> Events {
        Events::connect(self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP response.
struct Response {
    status: u16,
    headers: String,
    body: String,
}

fn get(port: u16, path: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Response {
        status,
        headers: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

/// The live-reload event stream, read on a thread.
struct Events {
    events: Receiver<(String, serde_json::Value)>,
}

impl Events {
    fn connect(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            stream,
            "GET /_remedy/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        let (sender, events) = channel();
        let (ready_sender, ready) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stream);
            let mut name = String::new();
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
                let text = line.trim_end().to_string();
                line.clear();
                if text.starts_with("retry:") {
                    let _ = ready_sender.send(());
                } else if let Some(event) = text.strip_prefix("event: ") {
                    name = event.to_string();
                } else if let Some(data) = text.strip_prefix("data: ") {
                    let value = serde_json::from_str(data).unwrap_or(serde_json::Value::Null);
                    if sender.send((std::mem::take(&mut name), value)).is_err() {
                        break;
                    }
                }
            }
        });
        ready
            .recv_timeout(PATIENCE)
            .expect("the event stream opens");
        Events { events }
    }

    /// Waits for the next event called `name`, skipping others.
    fn next(&self, name: &str) -> serde_json::Value {
        let deadline = Instant::now() + PATIENCE;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.events.recv_timeout(left) {
                Ok((event, data)) if event == name => return data,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        panic!("no `{name}` event arrived");
    }
}

/// The paths a reload names in the default edition: all but those of the bundled site's French
/// edition (`/fr/...`, see [`editions`]).
fn paths(reload: &serde_json::Value) -> Vec<String> {
    all_paths(reload)
        .into_iter()
        .filter(|p| !p.starts_with("/fr/"))
        .collect()
}

/// Every path a reload names.
fn all_paths(reload: &serde_json::Value) -> Vec<String> {
    reload["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn edits_reload_the_page_and_errors_show_in_an_overlay() {
    let server = Server::start();
    let page = server.get("/causes/low-battery/");
    assert_eq!(page.status, 200);
    assert!(
        page.headers.contains("content-type: text/html"),
        "{}",
        page.headers
    );
    assert!(
        page.body
            .contains("<script src=\"/_remedy/live.js\" defer></script></body>")
    );
    let on_disk =
        std::fs::read_to_string(server.path("public/causes/low-battery/index.html")).unwrap();
    assert!(
        !on_disk.contains("_remedy"),
        "the live-reload script must not reach the build dir"
    );
    assert!(on_disk.ends_with("</body>\n</html>\n"), "{on_disk}");

    let events = server.events();
    server.edit("content/causes/low-battery.md", |text| {
        text.replacen("title = \"", "title = \"Flat battery: ", 1)
    });
    let reload = events.next("reload");
    let changed = paths(&reload);
    assert!(
        changed.contains(&"/causes/low-battery/".to_string()),
        "{changed:?}"
    );
    assert!(changed.contains(&"/causes/".to_string()), "{changed:?}");
    assert!(
        !changed.contains(&"/guides/how-icloud-backup-works/".to_string()),
        "an unrelated page was re-rendered: {changed:?}"
    );
    assert!(
        server
            .get("/causes/low-battery/")
            .body
            .contains("Flat battery: ")
    );

    // Break the front matter: the overlay payload is the same text `remedy check` prints.
    let good = std::fs::read_to_string(server.path("content/causes/low-battery.md")).unwrap();
    server.edit("content/causes/low-battery.md", |text| {
        text.replacen("weight = ", "weight = \"heavy\" # ", 1)
    });
    let problems = events.next("problems");
    let text = problems["text"].as_str().unwrap();
    let check = crate::support::remedy(server.site.path(), &["check"]);
    check.expect_code(1);
    assert!(
        text.starts_with("error: ") && text.contains("--> content/causes/low-battery.md:"),
        "{text}"
    );
    assert!(
        check.stderr.starts_with(text),
        "overlay:\n{text}\ncheck:\n{}",
        check.stderr
    );
    // The last good site is still served.
    let page = server.get("/causes/low-battery/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Flat battery: "));

    // A new page connecting now is told about the problem at once.
    let late = server.events();
    assert!(
        late.next("problems")["text"]
            .as_str()
            .unwrap()
            .contains("low-battery.md")
    );

    // Fixing the file clears the overlay (a reload event, even if no page changed).
    std::fs::write(server.path("content/causes/low-battery.md"), good).unwrap();
    events.next("reload");
}

#[test]
fn the_server_refuses_traversal_and_serves_the_site_404() {
    let server = Server::start();
    std::fs::write(server.site.path().join("secret.txt"), "do not serve").unwrap();
    for attack in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/causes/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/causes/%00",
        "/causes/",
    ] {
        let response = server.get(attack);
        if attack == "/causes/" {
            assert_eq!(response.status, 200, "a kind page");
            continue;
        }
        assert_eq!(response.status, 404, "{attack}");
        assert!(!response.body.contains("do not serve"), "{attack}");
        assert!(
            response.body.contains("<h1"),
            "{attack}: not the site's 404 page"
        );
    }
    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("<h1"),
        "the site's own 404 page: {}",
        missing.body
    );
    let redirect = server.get("/causes/low-battery");
    assert_eq!(redirect.status, 301);
    assert!(redirect.headers.contains("location: /causes/low-battery/"));
    let css = server.get("/style.css");
    assert!(
        css.headers.contains("content-type: text/css"),
        "{}",
        css.headers
    );
    let sitemap = server.get("/sitemap.xml");
    assert!(sitemap.headers.contains("content-type: application/xml"));
    let post = {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        write!(
            stream,
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = String::new();
        stream.read_to_string(&mut raw).unwrap();
        raw
    };
    assert!(post.starts_with("HTTP/1.1 405"), "{post}");
}

#[test]
fn search_answers_while_serving_and_follows_edits() {
    let server = Server::start();
    let response = server.get("/_remedy/search?q=error+9006&limit=3");
    assert_eq!(response.status, 200);
    assert!(response.headers.contains("content-type: application/json"));
    let answer: serde_json::Value = serde_json::from_str(&response.body).unwrap();
    let hits = &answer["results"];
    assert_eq!(hits[0]["slug"], "errors/9006", "{answer}");
    assert_eq!(hits[0]["url"], "/errors/9006/");
    let fixes: serde_json::Value =
        serde_json::from_str(&server.get("/_remedy/search?q=error+9006&kind=fix").body).unwrap();
    assert_eq!(fixes["results"][0]["kind"], "fix", "{fixes}");
    // `lang=` asks another edition's index; an unknown code is refused.
    let french: serde_json::Value = serde_json::from_str(
        &server
            .get("/_remedy/search?q=erreur+9006&lang=fr&kind=error")
            .body,
    )
    .unwrap();
    assert_eq!(french["results"][0]["url"], "/fr/errors/9006/", "{french}");
    let english: serde_json::Value =
        serde_json::from_str(&server.get("/_remedy/search?q=error+9006&lang=en").body).unwrap();
    assert_eq!(english["results"][0]["url"], "/errors/9006/", "{english}");
    let unknown = server.get("/_remedy/search?q=x&lang=it");
    assert_eq!(unknown.status, 400);
    assert_eq!(unknown.body, "{\"error\":\"the site has no edition `it`\"}");

    let events = server.events();
    server.edit("content/fixes/restart-iphone.md", |text| {
        text.replacen("+++\n\n", "+++\n\nA quokka can restart anything.\n\n", 1)
    });
    events.next("reload");
    events.next("search");
    let answer: serde_json::Value =
        serde_json::from_str(&server.get("/_remedy/search?q=quokka").body).unwrap();
    assert_eq!(
        answer["results"][0]["slug"], "fixes/restart-iphone",
        "{answer}"
    );
    assert_eq!(answer["unmatched"], serde_json::json!([]), "{answer}");
}

#[test]
fn a_port_in_use_is_named_with_the_flag_to_change_it() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let run = crate::support::remedy(bundled_root(), &["serve", "--port", &port]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains(&format!("port {port} is already in use"))
            && run.stderr.contains("`--port`"),
        "{run}"
    );
}

#[test]
fn incremental_rebuilds_equal_a_full_build() {
    let server = Server::start();
    let events = server.events();
    let step = |what: &str, change: &dyn Fn()| {
        change();
        let reload = events.next("reload");
        eprintln!("{what}: {} paths", paths(&reload).len());
    };
    step("body edit", &|| {
        server.edit("content/guides/how-icloud-backup-works.md", |t| {
            format!("{t}\nOne more line.\n")
        })
    });
    step(
        "body edit that adds a heading to a page others link into",
        &|| {
            server.edit("content/fixes/restart-iphone.md", |t| {
                format!("{t}\n## If it restarts by itself\n\nThat is a different problem.\n")
            })
        },
    );
    step("body edit that breaks a link, then the fix", &|| {
        server.edit("content/fixes/update-ios.md", |t| {
            format!("{t}\nSee [this](@/causes/no-such-cause.md).\n")
        });
        assert!(
            events.next("problems")["text"]
                .as_str()
                .unwrap()
                .contains("no-such-cause")
        );
        server.edit("content/fixes/update-ios.md", |t| {
            t.replace(
                "See [this](@/causes/no-such-cause.md).",
                "See [this](@/causes/outdated-ios.md).",
            )
        });
    });
    step("title and weight change reorder the kind", &|| {
        server.edit("content/causes/outdated-ios.md", |t| {
            t.replacen("title = \"", "title = \"Aardvark: ", 1)
                .replacen("weight = ", "weight = 1 # ", 1)
        })
    });
    step("new article with relations", &|| {
        std::fs::write(
            server.path("content/fixes/cool-the-phone.md"),
            "+++\ntitle = \"Let the phone cool down\"\nsummary = \"A hot phone pauses backups.\"\nsymptoms = [\"phone is hot\"]\nweight = 5\nupdated = 2026-11-20\neffort = \"15 min\"\nrelated = [\"causes/low-battery\"]\n+++\n\n## Steps\n\n1. Take it out of the sun.\n2. Try again later.\n",
        )
        .unwrap()
    });
    step("a cause starts listing the new fix", &|| {
        server.edit("content/causes/low-battery.md", |t| {
            t.replacen("fixes = [", "fixes = [\"cool-the-phone\", ", 1)
        })
    });
    step("section intro edit", &|| {
        server.edit("content/fixes/_index.md", |t| {
            format!("{t}\nMore fixes appear over time.\n")
        })
    });
    step("article deleted, with its relation removed", &|| {
        server.edit("content/causes/low-battery.md", |t| {
            t.replacen("fixes = [\"cool-the-phone\", ", "fixes = [", 1)
        });
        std::fs::remove_file(server.path("content/fixes/cool-the-phone.md")).unwrap();
    });
    step(
        "editor-style save: write a temporary file, rename it over the article",
        &|| {
            let target = server.path("content/faq/is-my-iphone-backing-up.md");
            let text = std::fs::read_to_string(&target).unwrap();
            let temporary = server.path("content/faq/.is-my-iphone-backing-up.md.swp");
            std::fs::write(
                &temporary,
                text.replacen("title = \"", "title = \"Quick check: ", 1),
            )
            .unwrap();
            std::fs::rename(&temporary, &target).unwrap();
        },
    );
    // A snippet: exactly the pages of the articles that include it are written again (their
    // page, their Markdown, and the print views that list their steps).
    let includers: Vec<String> = crate::support::read_tree(&server.path("content"))
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains("{{#snippet back-up-now}}"))
        .map(|(path, _)| {
            let slug = path.trim_end_matches(".md").trim_end_matches("/index");
            format!("/{slug}/")
        })
        .collect();
    assert!(includers.len() > 3, "{includers:?}");
    server.edit("snippets/back-up-now.md", |t| {
        t.replace(
            "**Back Up Now**.",
            "**Back Up Now**. Stay on Wi-Fi until it finishes.",
        )
    });
    let written = paths(&events.next("reload"));
    for page in &includers {
        assert!(written.contains(page), "{page} not rewritten: {written:?}");
    }
    for path in &written {
        let page = path.trim_end_matches("index.md");
        assert!(
            includers.iter().any(|p| p == page) || path.ends_with("/print.html"),
            "{path} was rewritten but does not show the snippet: {written:?}"
        );
    }
    assert!(
        server
            .get("/fixes/restart-iphone/")
            .body
            .contains("Stay on Wi-Fi until it finishes."),
        "the page shows the new text"
    );
    // An image of an article folder: only the image is written again, and served.
    let image = "content/fixes/toggle-icloud-backup/icloud-backup-screen.svg";
    server.edit(image, |t| t.replace("#1f7a3a", "#1b6e34"));
    assert_eq!(
        paths(&events.next("reload")),
        ["/fixes/toggle-icloud-backup/icloud-backup-screen.svg"]
    );
    assert!(
        server
            .get("/fixes/toggle-icloud-backup/icloud-backup-screen.svg")
            .body
            .contains("#1b6e34")
    );
    step("an image changes size, so its page changes too", &|| {
        server.edit(image, |t| t.replace("height=\"330\"", "height=\"350\""))
    });
    step("a new file in an article folder, then shown", &|| {
        std::fs::write(
            server.path("content/fixes/toggle-icloud-backup/switch.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 40 20\"/>",
        )
        .unwrap();
    });
    step(
        "an article asks for a snippet that is not there yet",
        &|| {
            server.edit("content/fixes/toggle-icloud-backup/index.md", |t| {
                format!("{t}\n{{{{#snippet switch-note}}}}\n\n![The switch, off](switch.svg)\n")
            });
            assert!(
                events.next("problems")["text"]
                    .as_str()
                    .unwrap()
                    .contains("no snippet `switch-note`")
            );
            std::fs::write(
                server.path("snippets/switch-note.md"),
                "The switch is green when it is on.\n",
            )
            .unwrap();
        },
    );
    step("a file of an article folder deleted", &|| {
        server.edit("content/fixes/toggle-icloud-backup/index.md", |t| {
            t.replace("\n![The switch, off](switch.svg)\n", "")
        });
        std::fs::remove_file(server.path("content/fixes/toggle-icloud-backup/switch.svg")).unwrap();
    });
    // Last, a template override: it rebuilds everything, and since changes are applied in
    // order, its reload (`*`) means every earlier change is in the build dir too.
    std::fs::create_dir_all(server.path("templates")).unwrap();
    let base =
        std::fs::read_to_string(bundled_root().join("themes/default/templates/404.html")).unwrap();
    std::fs::write(
        server.path("templates/404.html"),
        base.replacen("</h1>", " (custom)</h1>", 1),
    )
    .unwrap();
    while !paths(&events.next("reload")).contains(&"*".to_string()) {}

    assert_served_equals_a_full_build(&server);
}

/// With two articles a page, adding and removing articles moves every later article of the
/// list to another page and adds or removes the list's last page: the dev server renders the
/// pages whose slice changed, writes a new last page, deletes one that went (in the French
/// edition too), and ends byte-identical to a full build.
#[test]
fn incremental_rebuilds_of_split_lists_equal_a_full_build() {
    let site = tempfile::Builder::new()
        .prefix("remedy-serve-")
        .tempdir()
        .unwrap();
    crate::support::copy_bundled_site(site.path());
    let config = site.path().join("book.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replacen("\n[build]\n", "\n[build]\npaginate = 2\n", 1),
    )
    .unwrap();
    let server = Server::start_in(site);
    let events = server.events();
    let built = |path: &str| server.path("public").join(path).is_file();
    // Fifteen fixes make eight pages; four articles tagged Battery, two.
    assert!(built("fixes/page/8/index.html") && !built("fixes/page/9/index.html"));
    assert!(built("tags/battery/page/2/index.html") && !built("tags/battery/page/3/index.html"));
    let fix = |title: &str| {
        format!(
            "+++\ntitle = \"{title}\"\nsummary = \"A fix listed first.\"\nweight = 1\ntags = [\"Battery\"]\n+++\n\n1. Try it.\n"
        )
    };
    std::fs::write(
        server.path("content/fixes/aaa-first.md"),
        fix("First of all"),
    )
    .unwrap();
    let written = paths(&events.next("reload"));
    // Every page of the fixes shows other fixes now; the Battery tag has a third page.
    for page in [
        "/fixes/",
        "/fixes/page/4/",
        "/fixes/page/8/",
        "/tags/battery/page/3/",
    ] {
        assert!(written.iter().any(|p| p == page), "{page}: {written:?}");
    }
    assert!(built("tags/battery/page/3/index.html"));
    std::fs::write(
        server.path("content/fixes/aab-second.md"),
        fix("Second of all"),
    )
    .unwrap();
    let written = paths(&events.next("reload"));
    assert!(written.iter().any(|p| p == "/fixes/page/9/"), "{written:?}");
    assert!(built("fixes/page/9/index.html") && built("fr/fixes/page/9/index.html"));
    assert!(
        server
            .get("/fixes/page/9/")
            .body
            .contains("aria-current=\"page\"")
    );
    // Both go: the last pages of the list and of the tag are removed.
    // (Removing one makes 16 fixes, eight pages; the second leaves four articles tagged
    // Battery, two pages: the last reload is the one that removes the tag's third page.)
    std::fs::remove_file(server.path("content/fixes/aaa-first.md")).unwrap();
    std::fs::remove_file(server.path("content/fixes/aab-second.md")).unwrap();
    while built("tags/battery/page/3/index.html") {
        events.next("reload");
    }
    assert!(!built("fixes/page/9/index.html") && !built("fr/fixes/page/9/index.html"));
    assert_served_equals_a_full_build(&server);
}

/// The served build dir holds the same bytes as a full build of the site (the tantivy folders of
/// every edition aside).
fn assert_served_equals_a_full_build(server: &Server) {
    let out = tempfile::tempdir().unwrap();
    let full = out.path().join("full");
    crate::support::remedy(
        server.site.path(),
        &["build", "--out", full.to_str().unwrap()],
    )
    .expect_code(0);
    let without_tantivy = |dir: &Path| {
        let mut tree = read_tree(dir);
        tree.retain(|path, _| !path.contains("search/index/"));
        tree
    };
    let expected = without_tantivy(&full);
    // The search indexes are rebuilt on a background thread after the pages (a reload never
    // waits for them): they may still be on their way in when the pages are, and must arrive.
    // An index of fewer articles has fewer shards: a shard may still be there, or not yet.
    let is_search = |path: &str| path.starts_with("search/") || path.contains("/search/");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let served = without_tantivy(&server.path("public"));
        let only_search_differs = served
            .keys()
            .chain(expected.keys())
            .filter(|path| served.get(*path) != expected.get(*path))
            .all(|path| is_search(path));
        if served == expected || !only_search_differs || std::time::Instant::now() > deadline {
            assert_same_tree(&served, &expected, "the served build dir and a full build");
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}
