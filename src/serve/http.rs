//! The dev server's HTTP side, on tiny_http: static files from the build dir, the live-reload
//! event stream (server-sent events) and the client script that listens to it.
//!
//! Safety rules: only `GET` and `HEAD`; a path is percent-decoded once and refused (404) if any
//! segment is `..` or `.`, or it holds a backslash or NUL; the file found must canonicalize to
//! somewhere inside the build dir (no symlinks out); folders are never listed (a folder serves
//! its `index.html`, or redirects to the URL with a trailing `/` so relative links work);
//! anything not found gets the site's `404.html` with status 404. The live-reload script is
//! injected into HTML responses only here, never into files on disk.

use std::io::Write as _;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use crate::error::{Error, Result};

/// The URL prefix of the dev server's own endpoints.
pub const PREFIX: &str = "/_remedy/";
const LIVE_JS: &str = include_str!("live.js");
const LIVE_CSS: &str = include_str!("live.css");
const LIVE_TAG: &str = "<script src=\"/_remedy/live.js\" defer></script>";

/// Handles extra endpoints under [`PREFIX`] (search): `(path after the prefix, query string)` →
/// `Some((status, content type, body))`, or `None` for 404.
pub type Endpoint = dyn Fn(&str, &str) -> Option<(u16, String, Vec<u8>)> + Send + Sync;

/// Sends live-reload events to every open page.
#[derive(Default)]
pub struct LiveHub {
    clients: Mutex<Vec<Sender<String>>>,
    problems: Mutex<Option<String>>,
}

impl LiveHub {
    /// A new hub with no clients.
    pub fn new() -> Arc<LiveHub> {
        Arc::new(LiveHub::default())
    }

    fn subscribe(&self) -> Receiver<String> {
        let (sender, receiver) = channel();
        if let Some(text) = self.problems.lock().expect("hub lock").as_ref() {
            let _ = sender.send(event("problems", &serde_json::json!({ "text": text })));
        }
        self.clients.lock().expect("hub lock").push(sender);
        receiver
    }

    fn broadcast(&self, message: String) {
        let mut clients = self.clients.lock().expect("hub lock");
        clients.retain(|client| client.send(message.clone()).is_ok());
    }

    /// Tells pages that these URL paths changed (`*` for everything); clears any overlay.
    pub fn reload(&self, paths: &[String]) {
        *self.problems.lock().expect("hub lock") = None;
        self.broadcast(event("reload", &serde_json::json!({ "paths": paths })));
    }

    /// Shows the build's problems in an overlay on every page.
    pub fn problems(&self, text: &str) {
        *self.problems.lock().expect("hub lock") = Some(text.to_string());
        self.broadcast(event("problems", &serde_json::json!({ "text": text })));
    }

    /// Clears the overlay without reloading (the fix changed no page).
    pub fn clear(&self) {
        let had = self.problems.lock().expect("hub lock").take().is_some();
        if had {
            self.broadcast(event("ok", &serde_json::json!({})));
        }
    }

    /// Tells listeners that the search index now reflects site version `generation`.
    pub fn search_updated(&self, generation: u64) {
        self.broadcast(event(
            "search",
            &serde_json::json!({ "generation": generation }),
        ));
    }

    /// How many pages are listening.
    pub fn listeners(&self) -> usize {
        self.clients.lock().expect("hub lock").len()
    }
}

fn event(name: &str, data: &serde_json::Value) -> String {
    format!("event: {name}\ndata: {data}\n\n")
}

/// A running HTTP server.
pub struct Server {
    server: Arc<tiny_http::Server>,
    address: SocketAddr,
}

impl Server {
    /// The address it listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

/// Shared by the request threads.
struct Context {
    build_dir: Arc<RwLock<PathBuf>>,
    hub: Arc<LiveHub>,
    endpoint: Box<Endpoint>,
}

/// Binds `bind:port` and serves `build_dir` with four request threads.
pub fn start(
    bind: &str,
    port: u16,
    build_dir: Arc<RwLock<PathBuf>>,
    hub: Arc<LiveHub>,
    endpoint: Box<Endpoint>,
) -> Result<Server> {
    let listener = TcpListener::bind((bind, port)).map_err(|error| match error.kind() {
        std::io::ErrorKind::AddrInUse => Error::Usage(format!(
            "port {port} is already in use: stop the other server or choose another port with `--port`"
        )),
        std::io::ErrorKind::AddrNotAvailable | std::io::ErrorKind::InvalidInput => {
            Error::Usage(format!("cannot listen on `{bind}`: {error}"))
        }
        _ => Error::Usage(format!("cannot listen on {bind}:{port}: {error}")),
    })?;
    let address = listener
        .local_addr()
        .map_err(|e| Error::Internal(format!("no local address: {e}")))?;
    let server = Arc::new(
        tiny_http::Server::from_listener(listener, None)
            .map_err(|e| Error::Internal(format!("cannot start the server: {e}")))?,
    );
    let context = Arc::new(Context {
        build_dir,
        hub,
        endpoint,
    });
    for _ in 0..4 {
        let server = Arc::clone(&server);
        let context = Arc::clone(&context);
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                handle(&context, request);
            }
        });
    }
    Ok(Server { server, address })
}

fn handle(context: &Arc<Context>, request: Request) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(text_response(405, "method not allowed"));
        return;
    }
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    if let Some(endpoint) = path.strip_prefix(PREFIX) {
        match endpoint {
            "events" => {
                let context = Arc::clone(context);
                std::thread::spawn(move || stream_events(&context.hub, request));
            }
            "live.js" => {
                let _ = request.respond(bytes_response(
                    200,
                    "text/javascript; charset=utf-8",
                    LIVE_JS.as_bytes().to_vec(),
                ));
            }
            "live.css" => {
                let _ = request.respond(bytes_response(
                    200,
                    "text/css; charset=utf-8",
                    LIVE_CSS.as_bytes().to_vec(),
                ));
            }
            other => match (context.endpoint)(other, query) {
                Some((status, content_type, body)) => {
                    let _ = request.respond(bytes_response(status, &content_type, body));
                }
                None => respond_not_found(context, request),
            },
        }
        return;
    }
    let build_dir = context.build_dir.read().expect("build dir lock").clone();
    match resolve(&build_dir, path) {
        Resolved::File(file) => {
            let content_type = content_type(&file);
            match std::fs::read(&file) {
                Ok(bytes) => {
                    let bytes = if content_type.starts_with("text/html") {
                        inject_live_reload(bytes)
                    } else {
                        bytes
                    };
                    let _ = request.respond(bytes_response(200, content_type, bytes));
                }
                Err(_) => respond_not_found(context, request),
            }
        }
        Resolved::Redirect(location) => {
            let location = if query.is_empty() {
                location
            } else {
                format!("{location}?{query}")
            };
            let response =
                Response::empty(StatusCode(301)).with_header(header("Location", &location));
            let _ = request.respond(response);
        }
        Resolved::NotFound => respond_not_found(context, request),
    }
}

fn respond_not_found(context: &Context, request: Request) {
    let build_dir = context.build_dir.read().expect("build dir lock").clone();
    let page = std::fs::read(build_dir.join("404.html"))
        .unwrap_or_else(|_| b"<!DOCTYPE html><title>Not found</title><h1>Not found</h1>".to_vec());
    let _ = request.respond(bytes_response(
        404,
        "text/html; charset=utf-8",
        inject_live_reload(page),
    ));
}

/// What a request path maps to.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file inside the build dir.
    File(PathBuf),
    /// A folder requested without its trailing slash.
    Redirect(String),
    /// Nothing, or something the server refuses to serve.
    NotFound,
}

/// Maps a request path to a file inside `build_dir`, applying the safety rules above.
pub fn resolve(build_dir: &Path, raw_path: &str) -> Resolved {
    let Some(decoded) = percent_decode(raw_path) else {
        return Resolved::NotFound;
    };
    if !decoded.starts_with('/') || decoded.contains('\\') || decoded.contains('\0') {
        return Resolved::NotFound;
    }
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    if segments
        .iter()
        .any(|s| *s == ".." || *s == "." || s.contains(':'))
    {
        return Resolved::NotFound;
    }
    let mut file = build_dir.to_path_buf();
    for segment in &segments {
        file.push(segment);
    }
    let Ok(canonical_root) = build_dir.canonicalize() else {
        return Resolved::NotFound;
    };
    let Ok(canonical) = file.canonicalize() else {
        return Resolved::NotFound;
    };
    if !canonical.starts_with(&canonical_root) {
        return Resolved::NotFound;
    }
    if canonical.is_dir() {
        if !decoded.ends_with('/') {
            return Resolved::Redirect(format!("{raw_path}/"));
        }
        let index = canonical.join("index.html");
        return if index.is_file() {
            Resolved::File(index)
        } else {
            Resolved::NotFound
        };
    }
    if canonical.is_file() {
        Resolved::File(canonical)
    } else {
        Resolved::NotFound
    }
}

/// Decodes `%XX` escapes once; `None` if an escape is malformed or the result is not UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn stream_events(hub: &LiveHub, request: Request) {
    let receiver = hub.subscribe();
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\nX-Content-Type-Options: nosniff\r\n\r\nretry: 500\n\n";
    if writer
        .write_all(head.as_bytes())
        .and_then(|_| writer.flush())
        .is_err()
    {
        return;
    }
    loop {
        let message = match receiver.recv_timeout(Duration::from_secs(15)) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if writer
            .write_all(message.as_bytes())
            .and_then(|_| writer.flush())
            .is_err()
        {
            return;
        }
    }
}

/// Adds the live-reload script before `</body>` (or at the end).
fn inject_live_reload(mut bytes: Vec<u8>) -> Vec<u8> {
    let needle = b"</body>";
    match bytes
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
    {
        Some(position) => {
            bytes.splice(position..position, LIVE_TAG.bytes());
        }
        None => bytes.extend_from_slice(LIVE_TAG.as_bytes()),
    }
    bytes
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn bytes_response(
    status: u16,
    content_type: &str,
    body: Vec<u8>,
) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-cache"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
}

fn text_response(status: u16, text: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    bytes_response(
        status,
        "text/plain; charset=utf-8",
        text.as_bytes().to_vec(),
    )
}

/// The content type of a file, from its extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "wasm" => "application/wasm",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_traversal_and_serves_indexes() {
        let temp = tempfile::tempdir().unwrap();
        let site = temp.path().join("public");
        std::fs::create_dir_all(site.join("causes/x")).unwrap();
        std::fs::write(site.join("causes/x/index.html"), "x").unwrap();
        std::fs::write(temp.path().join("secret.txt"), "s").unwrap();
        let file = |p: &str| Resolved::File(site.join(p).canonicalize().unwrap());
        assert_eq!(resolve(&site, "/causes/x/"), file("causes/x/index.html"));
        assert_eq!(
            resolve(&site, "/causes/x"),
            Resolved::Redirect("/causes/x/".into())
        );
        assert_eq!(
            resolve(&site, "/causes/"),
            Resolved::NotFound,
            "no listings"
        );
        for attack in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2fsecret.txt",
            "/causes/..%2f..%2fsecret.txt",
            "/..\\secret.txt",
            "//etc/passwd",
            "/%00",
            "/%zz",
            "/C:/Windows",
        ] {
            assert_eq!(resolve(&site, attack), Resolved::NotFound, "{attack}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(temp.path().join("secret.txt"), site.join("link.txt"))
                .unwrap();
            assert_eq!(resolve(&site, "/link.txt"), Resolved::NotFound);
        }
    }

    #[test]
    fn injects_the_script_before_the_end_of_body() {
        let out = inject_live_reload(b"<html><body>x</body></html>".to_vec());
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("<html><body>x{LIVE_TAG}</body></html>")
        );
    }
}
