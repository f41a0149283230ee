//! The dev server against what broke it (issue 15): its build dir deleted while serving,
//! descriptor exhaustion, clients that pipeline requests and never read the answers, a search
//! index damaged on disk, and a path that would redirect off the site. Through all of it the
//! server keeps answering everyone else.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use super::{PATIENCE, Server, assert_served_equals_a_full_build};

/// How long a request from a well-behaved client may take while others misbehave.
const PROMPT: Duration = Duration::from_secs(15);

/// One GET that must be answered within [`PROMPT`]: the status, or `None` when the server did
/// not answer in time (or closed the connection without an answer).
fn prompt_status(port: u16, path: &str) -> Option<u16> {
    let mut stream = TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), PROMPT).ok()?;
    stream.set_read_timeout(Some(PROMPT)).ok()?;
    stream.set_write_timeout(Some(PROMPT)).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).ok()?;
    std::str::from_utf8(&head[9..12]).ok()?.parse().ok()
}

/// Regression (row 2): after `rm -rf public`, an edit rewrote only the changed pages (144 of
/// 176 pages and the CSS and JS answered 404), and `remedy build` then refused the folder.
#[test]
fn a_build_dir_deleted_while_serving_is_rebuilt_whole() {
    let server = Server::start();
    let events = server.events();
    std::fs::remove_dir_all(server.path("public")).unwrap();
    server.edit("content/causes/low-battery.md", |text| {
        format!("{text}\nOne more line.\n")
    });
    events.next("reload");
    for path in [
        "/style.css",
        "/causes/",
        "/fixes/restart-iphone/",
        "/search/",
    ] {
        assert_eq!(server.get(path).status, 200, "{path}");
    }
    assert_served_equals_a_full_build(&server);
    crate::support::remedy(server.site.path(), &["build", "--quiet"]).expect_code(0);
}

/// Regression (row 3): out of file descriptors, tiny_http's listener panicked and never
/// accepted again. The server runs with 128 descriptors; 300 clients connect and idle, then
/// leave; a new client must be answered.
#[cfg(unix)]
#[test]
fn running_out_of_descriptors_pauses_accepting_and_recovers() {
    use std::os::unix::process::CommandExt as _;
    let site = tempfile::Builder::new()
        .prefix("remedy-serve-")
        .tempdir()
        .unwrap();
    crate::support::copy_bundled_site(site.path());
    let server = Server::start_with(site, |command| {
        // SAFETY: setrlimit is async-signal-safe and only affects the child.
        unsafe {
            command.pre_exec(|| {
                let limit = libc::rlimit {
                    rlim_cur: 128,
                    rlim_max: 128,
                };
                libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
                Ok(())
            });
        }
    });
    assert_eq!(prompt_status(server.port, "/"), Some(200));
    let mut idle: Vec<TcpStream> = Vec::new();
    for _ in 0..300 {
        match TcpStream::connect_timeout(
            &([127, 0, 0, 1], server.port).into(),
            Duration::from_millis(500),
        ) {
            Ok(stream) => idle.push(stream),
            // Past its descriptors, the server's backlog is full: each further client would
            // only wait out the timeout (20 s of the test run for the last 40).
            Err(_) if idle.len() > 128 => break,
            Err(_) => {}
        }
    }
    assert!(idle.len() > 128, "only {} connected", idle.len());
    std::thread::sleep(Duration::from_secs(2));
    drop(idle);
    let deadline = Instant::now() + PATIENCE;
    let mut status = None;
    while status != Some(200) && Instant::now() < deadline {
        status = prompt_status(server.port, "/causes/");
    }
    assert_eq!(status, Some(200), "the server stopped accepting");
}

/// Regression (row 11): four clients pipelining requests without reading the answers took all
/// four of tiny_http's threads, and nobody else was answered.
#[test]
fn clients_that_never_read_stall_only_themselves() {
    let server = Server::start();
    let port = server.port;
    let request = "GET /style.css HTTP/1.1\r\nHost: localhost\r\n\r\n".repeat(2000);
    let hostile: Vec<_> = (0..8)
        .map(|_| {
            let request = request.clone();
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
                stream
                    .set_write_timeout(Some(Duration::from_secs(20)))
                    .unwrap();
                // Writes until the server stops reading (its answers are never read).
                let _ = stream.write_all(request.as_bytes());
                stream
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(3));
    for path in ["/", "/causes/low-battery/", "/style.css"] {
        assert_eq!(prompt_status(port, path), Some(200), "{path}");
    }
    drop(hostile);
}

/// Regression (row 7): a damaged index made each search panic one of tiny_http's four
/// threads, until nothing answered, even after re-indexing. Now a failed search answers 503,
/// the index is rebuilt, and searching works again.
#[test]
fn a_damaged_search_index_is_rebuilt_while_serving() {
    let server = Server::start();
    let events = server.events();
    let search = "/_remedy/search?q=backup+failed+storage&limit=5";
    assert_eq!(prompt_status(server.port, search), Some(200));
    damage_in_place(&server.path("public/search/index"));
    for _ in 0..8 {
        let status = prompt_status(server.port, search);
        assert!(
            matches!(status, Some(200 | 503)),
            "a search on a damaged index answered {status:?}"
        );
    }
    assert_eq!(prompt_status(server.port, "/"), Some(200));
    events.next("search");
    let deadline = Instant::now() + PATIENCE;
    let mut answer = serde_json::Value::Null;
    while Instant::now() < deadline {
        let response = server.get(search);
        if response.status == 200 {
            answer = serde_json::from_str(&response.body).unwrap();
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(
        answer["results"]
            .as_array()
            .is_some_and(|results| !results.is_empty()),
        "{answer}"
    );
}

/// Flips bytes inside the index's term dictionary, postings and fast fields, writing into the
/// files in place, as a failing disk would: a server that has them mapped sees the change.
fn damage_in_place(index: &Path) {
    for entry in std::fs::read_dir(index).unwrap() {
        let path = entry.unwrap().path();
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !["term", "idx", "pos", "fast"].contains(&extension) {
            continue;
        }
        let mut bytes = std::fs::read(&path).unwrap();
        let length = bytes.len();
        for at in (0..length.saturating_sub(24)).step_by(97) {
            bytes[at] ^= 0xff;
        }
        let mut file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        file.write_all(&bytes).unwrap();
        file.sync_all().unwrap();
    }
}

/// Regression (row 15): `GET //causes` redirected to `//causes/`, which a browser reads as
/// another host.
#[test]
fn a_doubled_slash_never_redirects_off_the_site() {
    let server = Server::start();
    let redirect = server.get("//causes/low-battery");
    assert_eq!(redirect.status, 301);
    assert!(
        redirect
            .headers
            .contains("location: /causes/low-battery/\r\n")
            || redirect.headers.ends_with("location: /causes/low-battery/"),
        "{}",
        redirect.headers
    );
}
