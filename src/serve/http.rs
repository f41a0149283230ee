//! The dev server's HTTP side, on axum and hyper over a small tokio runtime: static files from
//! the build dir, the live-reload event stream (server-sent events), the client script that
//! listens to it, and the dev server's own endpoints (search).
//!
//! Safety rules: only `GET` and `HEAD`; a path is percent-decoded once and refused (404) if any
//! segment is `..` or `.`, or it holds a backslash or NUL; the file found must canonicalize to
//! somewhere inside the build dir (no symlinks out); folders are never listed (a folder serves
//! its `index.html`, or redirects to the URL with a trailing `/` so relative links work, always
//! to a path on this server: `//x` redirects to `/x/`, never to a protocol-relative URL; a
//! folder address with no folder but a file `<name>.html` beside, the old address of a symptom
//! page or a print view, redirects to that file);
//! anything not found gets the site's `404.html` with status 404. The live-reload script is
//! injected into HTML responses only here, never into files on disk. Other files are served by
//! tower-http's [`ServeFile`] (conditional and range requests) once [`resolve`] has allowed them.
//!
//! Hostile or broken clients cannot stall it: every connection is its own task, so a client
//! that sends requests without reading the answers (or sends its headers one byte a minute:
//! they must arrive within [`HEADER_TIMEOUT`]) holds up only itself. When the process runs out
//! of file descriptors, accepting pauses and resumes (nothing panics), and the number of open
//! connections is capped below the descriptor limit, so reading a page never lacks one. A
//! panic while answering one request becomes a 500 for that request alone.

use std::convert::Infallible;
use std::net::{SocketAddr, TcpListener as StdListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, mpsc};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::services::ServeFile;

use crate::error::{Error, Result};

/// The URL prefix of the dev server's own endpoints.
pub const PREFIX: &str = "/_remedy/";
const LIVE_JS: &str = include_str!("live.js");
const LIVE_CSS: &str = include_str!("live.css");
const LIVE_TAG: &str = "<script src=\"/_remedy/live.js\" defer></script>";

/// How long a client may take to send a request's headers (and how long an idle kept-alive
/// connection stays open).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(30);
/// How often an idle event stream gets a comment line, so proxies and browsers keep it open.
const EVENT_KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How long accepting pauses after an error such as running out of file descriptors.
const ACCEPT_PAUSE: Duration = Duration::from_millis(50);

/// Handles extra endpoints under [`PREFIX`] (search): `(path after the prefix, query string)` →
/// `Some((status, content type, body))`, or `None` for 404.
pub type Endpoint = dyn Fn(&str, &str) -> Option<(u16, String, Vec<u8>)> + Send + Sync;

/// Sends live-reload events to every open page.
#[derive(Default)]
pub struct LiveHub {
    clients: Mutex<Vec<mpsc::UnboundedSender<String>>>,
    problems: Mutex<Option<String>>,
}

impl LiveHub {
    /// A new hub with no clients.
    pub fn new() -> Arc<LiveHub> {
        Arc::new(LiveHub::default())
    }

    fn subscribe(&self) -> mpsc::UnboundedReceiver<String> {
        let (sender, receiver) = mpsc::unbounded_channel();
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
        let mut clients = self.clients.lock().expect("hub lock");
        clients.retain(|client| !client.is_closed());
        clients.len()
    }
}

fn event(name: &str, data: &serde_json::Value) -> String {
    format!("event: {name}\ndata: {data}\n\n")
}

/// A running HTTP server; dropping it stops it.
pub struct Server {
    runtime: Option<tokio::runtime::Runtime>,
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
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// Shared by the request handlers.
struct Context {
    build_dir: Arc<RwLock<PathBuf>>,
    hub: Arc<LiveHub>,
    endpoint: Box<Endpoint>,
}

/// Binds `bind:port` and serves `build_dir` on two runtime threads.
pub fn start(
    bind: &str,
    port: u16,
    build_dir: Arc<RwLock<PathBuf>>,
    hub: Arc<LiveHub>,
    endpoint: Box<Endpoint>,
) -> Result<Server> {
    let listener = StdListener::bind((bind, port)).map_err(|error| match error.kind() {
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
    listener
        .set_nonblocking(true)
        .map_err(|e| Error::Internal(format!("cannot start the server: {e}")))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("remedy-http")
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| Error::Internal(format!("cannot start the server: {e}")))?;
    let listener = {
        let _inside = runtime.enter();
        TcpListener::from_std(listener)
            .map_err(|e| Error::Internal(format!("cannot start the server: {e}")))?
    };
    let context = Arc::new(Context {
        build_dir,
        hub,
        endpoint,
    });
    let app = Router::new()
        .fallback(handle)
        .with_state(context)
        .layer(CatchPanicLayer::custom(|_| {
            text_response(500, "internal error while answering this request")
        }));
    runtime.spawn(accept_loop(listener, app, connection_limit()));
    Ok(Server {
        runtime: Some(runtime),
        address,
    })
}

/// How many connections may be open at once: well below the process's descriptor limit, so
/// that answering them (reading files, the index, the watcher) always has descriptors left.
fn connection_limit() -> usize {
    let descriptors = raise_descriptor_limit();
    let reserve = (descriptors / 4).clamp(16, 256);
    descriptors.saturating_sub(reserve).max(8)
}

/// Raises the soft limit on open files to the hard limit (as Go programs do at start), and
/// returns the limit in force.
fn raise_descriptor_limit() -> usize {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit and setrlimit only read and write the struct passed.
        unsafe {
            if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
                return 1024;
            }
            if limit.rlim_cur < limit.rlim_max {
                let raised = libc::rlimit {
                    rlim_cur: limit.rlim_max,
                    rlim_max: limit.rlim_max,
                };
                if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                    limit = raised;
                }
            }
        }
        usize::try_from(limit.rlim_cur)
            .unwrap_or(usize::MAX)
            .min(65_536)
    }
    #[cfg(not(unix))]
    {
        1024
    }
}

/// Accepts connections for ever, each served on its own task, at most `limit` at once.
async fn accept_loop(listener: TcpListener, app: Router, limit: usize) {
    let slots = Arc::new(Semaphore::new(limit));
    loop {
        let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of descriptors (EMFILE, ENFILE), or a connection reset before it was
                // accepted: wait a moment rather than spin, then accept again.
                tokio::time::sleep(ACCEPT_PAUSE).await;
                continue;
            }
        };
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(slot);
        });
    }
}

async fn handle(State(context): State<Arc<Context>>, request: Request) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return text_response(405, "method not allowed");
    }
    let path = request.uri().path().to_string();
    let query = request.uri().query().unwrap_or("").to_string();
    if let Some(endpoint) = path.strip_prefix(PREFIX) {
        return match endpoint {
            "events" => event_stream(&context.hub),
            "live.js" => bytes_response(200, "text/javascript; charset=utf-8", LIVE_JS.into()),
            "live.css" => bytes_response(200, "text/css; charset=utf-8", LIVE_CSS.into()),
            other => {
                let other = other.to_string();
                let answer = {
                    let context = Arc::clone(&context);
                    tokio::task::spawn_blocking(move || (context.endpoint)(&other, &query)).await
                };
                match answer {
                    Ok(Some((status, content_type, body))) => {
                        bytes_response(status, &content_type, body)
                    }
                    Ok(None) => not_found(&context).await,
                    Err(_) => text_response(500, "internal error while answering this request"),
                }
            }
        };
    }
    let build_dir = context.build_dir.read().expect("build dir lock").clone();
    let resolved = {
        let path = path.clone();
        tokio::task::spawn_blocking(move || resolve(&build_dir, &path))
            .await
            .unwrap_or(Resolved::NotFound)
    };
    match resolved {
        Resolved::File(file) => {
            let content_type = content_type(&file);
            if content_type.starts_with("text/html") {
                match tokio::fs::read(&file).await {
                    Ok(bytes) => bytes_response(200, content_type, inject_live_reload(bytes)),
                    Err(_) => not_found(&context).await,
                }
            } else {
                serve_file(&context, &file, content_type, request).await
            }
        }
        Resolved::Redirect(location) => {
            let location = if query.is_empty() {
                location
            } else {
                format!("{location}?{query}")
            };
            let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
            if let Ok(value) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            with_common_headers(response)
        }
        Resolved::NotFound => not_found(&context).await,
    }
}

/// A file that is not HTML, through tower-http (ranges, `If-Modified-Since`, `HEAD`).
async fn serve_file(
    context: &Context,
    file: &Path,
    content_type: &str,
    request: Request,
) -> Response {
    let mime = content_type
        .parse::<mime::Mime>()
        .unwrap_or(mime::APPLICATION_OCTET_STREAM);
    match ServeFile::new_with_mime(file, &mime)
        .try_call(request)
        .await
    {
        Ok(response) if response.status() == StatusCode::NOT_FOUND => not_found(context).await,
        Ok(response) => with_common_headers(response.map(Body::new)),
        Err(_) => not_found(context).await,
    }
}

async fn not_found(context: &Context) -> Response {
    let build_dir = context.build_dir.read().expect("build dir lock").clone();
    let page = tokio::fs::read(build_dir.join("404.html"))
        .await
        .unwrap_or_else(|_| b"<!DOCTYPE html><title>Not found</title><h1>Not found</h1>".to_vec());
    bytes_response(404, "text/html; charset=utf-8", inject_live_reload(page))
}

/// What a request path maps to.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file inside the build dir.
    File(PathBuf),
    /// A folder requested without its trailing slash: where to go instead.
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
        return moved_to_a_file(&canonical_root, &file, &decoded, raw_path);
    };
    if !canonical.starts_with(&canonical_root) {
        return Resolved::NotFound;
    }
    if canonical.is_dir() {
        if !decoded.ends_with('/') {
            // One leading `/`: `//host/x/` would send the browser to another host.
            return Resolved::Redirect(format!("/{}/", raw_path.trim_start_matches('/')));
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

/// A folder address with no folder (`/troubleshoot/x/`, `/causes/x/print/`) whose page is now a
/// file beside it (`troubleshoot/x.html`, `causes/x/print.html`: symptom pages and print views
/// were folders once): a redirect there, as `_redirects` gives a host that reads it. Else not
/// found.
fn moved_to_a_file(
    canonical_root: &Path,
    folder: &Path,
    decoded: &str,
    raw_path: &str,
) -> Resolved {
    if !decoded.ends_with('/') || folder.file_name().is_none() {
        return Resolved::NotFound;
    }
    let file = folder.with_extension("html");
    match file.canonicalize() {
        Ok(found) if found.starts_with(canonical_root) && found.is_file() => {
            let path = raw_path.trim_start_matches('/').trim_end_matches('/');
            Resolved::Redirect(format!("/{path}.html"))
        }
        _ => Resolved::NotFound,
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

/// The live-reload event stream: `retry`, any pending problems, then each event as it comes,
/// with a comment line when nothing happened for a while.
fn event_stream(hub: &LiveHub) -> Response {
    let receiver = hub.subscribe();
    let opening =
        futures_util::stream::once(async { Ok::<_, Infallible>("retry: 500\n\n".to_string()) });
    let events = futures_util::stream::unfold(receiver, |mut receiver| async move {
        let message = match tokio::time::timeout(EVENT_KEEP_ALIVE, receiver.recv()).await {
            Ok(Some(message)) => message,
            Ok(None) => return None,
            Err(_) => ": keep-alive\n\n".to_string(),
        };
        Some((Ok::<_, Infallible>(message), receiver))
    });
    let body = Body::from_stream(futures_util::StreamExt::chain(opening, events));
    let mut response = Response::new(body);
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    with_common_headers(response)
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

/// No caching (every save must show) and no content sniffing.
fn with_common_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

fn bytes_response(status: u16, content_type: &str, body: Vec<u8>) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() =
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if let Ok(value) = HeaderValue::from_str(content_type) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    with_common_headers(response)
}

fn text_response(status: u16, text: &str) -> Response {
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
            resolve(&site, "//causes/x"),
            Resolved::Redirect("/causes/x/".into()),
            "never a protocol-relative redirect"
        );
        assert_eq!(
            resolve(&site, "/causes/"),
            Resolved::NotFound,
            "no listings"
        );
        // A page that was a folder once and is a file now: its old address leads to it.
        std::fs::write(site.join("causes/x/print.html"), "p").unwrap();
        assert_eq!(
            resolve(&site, "/causes/x/print/"),
            Resolved::Redirect("/causes/x/print.html".into())
        );
        assert_eq!(resolve(&site, "/causes/x/print"), Resolved::NotFound);
        assert_eq!(resolve(&site, "/causes/x/gone/"), Resolved::NotFound);
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

    #[test]
    fn leaves_descriptors_for_answering() {
        let limit = connection_limit();
        assert!(limit >= 8, "{limit}");
        assert!(limit < raise_descriptor_limit(), "{limit}");
    }
}
