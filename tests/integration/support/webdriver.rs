//! Just enough of a W3C WebDriver client to drive headless Chromium through `chromedriver`:
//! sessions, navigation, elements, keys and scripts, over plain HTTP/1.1 on localhost. No
//! crate does this without an async runtime, and the protocol is a few JSON requests.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// WebDriver's key codes.
pub mod keys {
    /// Enter.
    pub const ENTER: &str = "\u{E007}";
    /// Escape.
    pub const ESCAPE: &str = "\u{E00C}";
    /// Arrow down.
    pub const ARROW_DOWN: &str = "\u{E015}";
    /// Control (held until released by the end of the keys sent).
    pub const CONTROL: &str = "\u{E009}";
    /// Tab.
    pub const TAB: &str = "\u{E004}";
    /// Arrow left.
    pub const ARROW_LEFT: &str = "\u{E012}";
    /// Arrow right.
    pub const ARROW_RIGHT: &str = "\u{E014}";
    /// Home.
    pub const HOME: &str = "\u{E011}";
    /// End.
    pub const END: &str = "\u{E010}";
}

/// Finds an executable on PATH.
pub fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|candidate| candidate.is_file())
    })
}

/// Chromium and chromedriver, or `None` when either is missing.
pub fn browser() -> Option<(PathBuf, PathBuf)> {
    let chromium = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| which(name))?;
    let driver = which("chromedriver")?;
    Some((chromium, driver))
}

/// A running chromedriver with one headless Chromium session. Both end when it is dropped.
pub struct Session {
    driver: Child,
    port: u16,
    id: String,
}

impl Session {
    /// Starts chromedriver and a headless Chromium session.
    pub fn start(chromium: &std::path::Path, chromedriver: &std::path::Path) -> Session {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let mut session = Session {
            driver,
            port,
            id: String::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while session.request("GET", "/status", None).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium.to_string_lossy(),
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--window-size=1280,900",
                         "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync"]
            }
        }}});
        let created = session
            .request("POST", "/session", Some(capabilities))
            .expect("create a session");
        session.id = created["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        session
    }

    fn request(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).map_err(|e| e.to_string())?;
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .map_err(|e| e.to_string())?;
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let request = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.port,
            body.len()
        );
        stream
            .write_all(request.as_bytes())
            .map_err(|e| e.to_string())?;
        // Read the head, then exactly the body it announces (chromedriver keeps connections
        // open, so reading to the end would wait for the timeout).
        let mut response = Vec::new();
        let mut byte = [0u8; 1];
        while !response.ends_with(b"\r\n\r\n") {
            let read = match stream.read(&mut byte) {
                // A signal arrived while waiting (a long script): wait on.
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                other => other.map_err(|e| e.to_string())?,
            };
            if read == 0 {
                return Err("connection closed".to_string());
            }
            response.push(byte[0]);
        }
        let head = String::from_utf8_lossy(&response).to_ascii_lowercase();
        let length = head
            .lines()
            .find_map(|line| line.strip_prefix("content-length:"))
            .and_then(|value| value.trim().parse::<usize>().ok());
        let body_bytes = match length {
            Some(length) => {
                let mut body = vec![0u8; length];
                stream.read_exact(&mut body).map_err(|e| e.to_string())?;
                body
            }
            None => {
                let mut rest = Vec::new();
                stream.read_to_end(&mut rest).map_err(|e| e.to_string())?;
                if head.contains("transfer-encoding: chunked") {
                    dechunk(&String::from_utf8_lossy(&rest)).into_bytes()
                } else {
                    rest
                }
            }
        };
        let body = String::from_utf8_lossy(&body_bytes).to_string();
        let value: Value = serde_json::from_str(&body).map_err(|e| format!("{e}: {body}"))?;
        let status_ok = head
            .lines()
            .next()
            .is_some_and(|line| line.contains(" 200"));
        if status_ok {
            Ok(value["value"].clone())
        } else {
            Err(value["value"].to_string())
        }
    }

    fn command(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let path = format!("/session/{}{path}", self.id);
        self.request(method, &path, body)
            .unwrap_or_else(|e| panic!("WebDriver {method} {path}: {e}"))
    }

    /// Opens a URL.
    pub fn goto(&self, url: &str) {
        self.command("POST", "/url", Some(json!({ "url": url })));
    }

    /// The current URL.
    pub fn url(&self) -> String {
        self.command("GET", "/url", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// The first element matching a CSS selector, if any.
    pub fn find(&self, css: &str) -> Option<String> {
        let path = format!("/session/{}/element", self.id);
        let found = self
            .request(
                "POST",
                &path,
                Some(json!({"using": "css selector", "value": css})),
            )
            .ok()?;
        found
            .as_object()?
            .values()
            .next()?
            .as_str()
            .map(str::to_string)
    }

    /// Scrolls an element into the middle of the screen, moves the pointer to its middle and
    /// clicks there, as a finger or a mouse would: whatever is on top at that point gets the
    /// click (WebDriver's element click would refuse when another element covers the one
    /// named). The element must be visible.
    pub fn tap(&self, element: &str) {
        let reference = json!({"element-6066-11e4-a52e-4f735466cecf": element});
        let middle = self.command(
            "POST",
            "/execute/sync",
            Some(json!({
                "script": "var e = arguments[0]; \
                           if (e.getBoundingClientRect().bottom > innerHeight || \
                               e.getBoundingClientRect().top < 0) \
                             e.scrollIntoView({block: 'center', behavior: 'instant'}); \
                           var r = e.getBoundingClientRect(); \
                           return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];",
                "args": [reference]
            })),
        );
        let (x, y) = (
            middle[0].as_i64().unwrap_or(0),
            middle[1].as_i64().unwrap_or(0),
        );
        self.command(
            "POST",
            "/actions",
            Some(json!({"actions": [{"type": "pointer", "id": "finger",
            "parameters": {"pointerType": "mouse"},
            "actions": [
                {"type": "pointerMove", "origin": "viewport", "x": x, "y": y},
                {"type": "pointerDown", "button": 0},
                {"type": "pointerUp", "button": 0}
            ]}]})),
        );
        self.command("DELETE", "/actions", None);
    }

    /// The page's title.
    pub fn title(&self) -> String {
        self.command("GET", "/title", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Types into an element (WebDriver's key codes in [`keys`] work too).
    pub fn send_keys(&self, element: &str, text: &str) {
        self.command(
            "POST",
            &format!("/element/{element}/value"),
            Some(json!({ "text": text })),
        );
    }

    /// Clears an input.
    pub fn clear(&self, element: &str) {
        self.command(
            "POST",
            &format!("/element/{element}/clear"),
            Some(json!({})),
        );
    }

    /// Presses keys on whatever has the focus (the page's body if nothing does).
    pub fn press(&self, keys: &[&str]) {
        let mut down = Vec::new();
        let mut up = Vec::new();
        for key in keys {
            down.push(json!({"type": "keyDown", "value": key}));
            up.insert(0, json!({"type": "keyUp", "value": key}));
        }
        down.extend(up);
        self.command(
            "POST",
            "/actions",
            Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": down}]})),
        );
        self.command("DELETE", "/actions", None);
    }

    /// Runs a script in the page and returns what it returns.
    pub fn script(&self, source: &str) -> Value {
        self.command(
            "POST",
            "/execute/sync",
            Some(json!({"script": source, "args": []})),
        )
    }

    /// Runs an async script (its last argument is the callback) and returns its result.
    pub fn async_script(&self, source: &str) -> Value {
        self.command(
            "POST",
            "/execute/async",
            Some(json!({"script": source, "args": []})),
        )
    }

    /// Runs a Chrome DevTools Protocol command through chromedriver (`goog/cdp/execute`), such
    /// as `Emulation.setEmulatedMedia` to switch the colour scheme.
    pub fn cdp(&self, command: &str, params: Value) -> Value {
        self.command(
            "POST",
            "/goog/cdp/execute",
            Some(json!({"cmd": command, "params": params})),
        )
    }

    /// Waits until `script` returns something truthy, and returns it; panics after 10 s with
    /// `what` and the page's state.
    pub fn wait_for(&self, what: &str, script: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let value = self.script(script);
            let truthy = !matches!(value, Value::Null | Value::Bool(false))
                && value != json!("")
                && value != json!(0);
            if truthy {
                return value;
            }
            if Instant::now() > deadline {
                let body = self.script("return document.body ? document.body.innerHTML : ''");
                panic!(
                    "timed out waiting for {what}\n  url: {}\n  body: {}",
                    self.url(),
                    body.as_str().unwrap_or_default()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if !self.id.is_empty() {
            let _ = self.request("DELETE", &format!("/session/{}", self.id), None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn dechunk(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some((size, after)) = rest.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if size == 0 || after.len() < size {
            break;
        }
        out.push_str(&after[..size]);
        rest = after[size..].trim_start_matches("\r\n");
    }
    out
}
