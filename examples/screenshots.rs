//! Screenshots of the key pages of a site, so anyone can look at every page after a change.
//!
//! ```sh
//! cargo run --example screenshots                       # the bundled site
//! cargo run --example screenshots -- --root DIR --out target/screenshots
//! cargo run --example screenshots -- --only troubleshooter   # pages whose name starts so
//! ```
//!
//! It builds the site (the library's `build`, into `<out>/site/`), opens it from `file://` in
//! headless Chromium driven through chromedriver (the WebDriver client of the integration
//! tests; no browser is downloaded: `apt-get install chromium chromium-driver`), and saves one
//! full-page PNG per page, per screen and per colour scheme: `<out>/<page>-<screen>-<scheme>.png`,
//! with the screens `phone` (390×844, a phone's viewport and touch) and `desktop` (1366×900),
//! and the schemes `light` and `dark` (`prefers-color-scheme` emulated). Pages that change
//! when something is chosen are shot in that state: the troubleshooter with a symptom ticked
//! (plus `troubleshooter-ticked-*-fold`: only what the first screen shows, where the phone's
//! sticky bar must be), the search page with a query. The print view and one article are also
//! shot as the printer sees them (`print` media emulated, `*-paper-*`).
//!
//! The pages are found from the bundled site's slugs when they exist, else from the first
//! article of each kind, so another site gets its screenshots too.

#[allow(dead_code)]
#[path = "../tests/integration/support/webdriver.rs"]
mod webdriver;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Value, json};

struct Screen {
    name: &'static str,
    width: u32,
    height: u32,
    mobile: bool,
}

const SCREENS: [Screen; 2] = [
    Screen {
        name: "phone",
        width: 390,
        height: 844,
        mobile: true,
    },
    Screen {
        name: "desktop",
        width: 1366,
        height: 900,
        mobile: false,
    },
];

const SCHEMES: [&str; 2] = ["light", "dark"];

/// A page to shoot: its name in the file names, its path under the build dir, what to do
/// once it has loaded (a script), and whether it is shot as printed.
struct Shot {
    name: String,
    path: String,
    setup: Option<&'static str>,
    paper: bool,
    fold_only: bool,
}

fn shot(name: &str, path: String) -> Shot {
    Shot {
        name: name.to_string(),
        path,
        setup: None,
        paper: false,
        fold_only: false,
    }
}

/// Ticks the first symptom of the troubleshooter (through a click, as a reader would).
const TICK_FIRST_SYMPTOM: &str = "
    var box = document.querySelector('.ts-symptoms input[type=checkbox]');
    if (box) box.click();
    return !!box;";

/// Types a query into the search page's field.
const SEARCH_QUERY: &str = "
    var input = document.getElementById('search-input');
    input.value = 'icloud storage full';
    input.dispatchEvent(new Event('input', {bubbles: true}));
    return true;";

fn main() {
    let mut root = PathBuf::from(".");
    let mut out = PathBuf::from("target/screenshots");
    let mut only: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--root" => root = args.next().map(PathBuf::from).unwrap_or(root),
            "--out" => out = args.next().map(PathBuf::from).unwrap_or(out),
            "--only" => only = args.next(),
            other => {
                eprintln!(
                    "usage: screenshots [--root DIR] [--out DIR] [--only PAGE] (unknown `{other}`)"
                );
                std::process::exit(2);
            }
        }
    }
    let site_dir = std::path::absolute(out.join("site")).expect("an absolute build dir");
    // The site's own folder as its base URL: the 404 page, which links from the base path
    // (it is served at any depth), then works from `file://` too.
    let options = remedy::BuildOptions {
        root: root.clone(),
        out: Some(site_dir.clone()),
        base_url: Some(format!("{}/", site_dir.display())),
        ..Default::default()
    };
    if let Err(error) = remedy::build(&options) {
        eprintln!("the site does not build: {error}");
        std::process::exit(1);
    }
    let loaded = remedy::load_site(&options).expect("the site loads again");
    let mut shots = shots(&loaded.site);
    if let Some(prefix) = &only {
        shots.retain(|shot| shot.name.starts_with(prefix.as_str()));
    }
    let Some((chromium, driver)) = webdriver::browser() else {
        eprintln!(
            "chromium and chromedriver are not on PATH (apt-get install chromium chromium-driver)"
        );
        std::process::exit(2);
    };
    let session = webdriver::Session::start(&chromium, &driver);
    let base = format!("file://{}/", site_dir.display());
    let mut written = 0;
    for screen in &SCREENS {
        session.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": screen.width, "height": screen.height,
                   "deviceScaleFactor": 1, "mobile": screen.mobile}),
        );
        session.cdp(
            "Emulation.setTouchEmulationEnabled",
            json!({"enabled": screen.mobile}),
        );
        for scheme in SCHEMES {
            for shot in &shots {
                session.cdp(
                    "Emulation.setEmulatedMedia",
                    json!({"media": if shot.paper { "print" } else { "screen" },
                           "features": [{"name": "prefers-color-scheme", "value": scheme}]}),
                );
                // A fresh start: no ticked symptoms or tried fixes kept from the last shot.
                let url = format!("{base}{}", shot.path);
                for _ in 0..2 {
                    session.goto("about:blank");
                    session.goto(&url);
                    session.wait_for(
                        "the page to load",
                        "return document.readyState === 'complete'",
                    );
                    session.script("try { localStorage.clear(); } catch (e) {} return 1;");
                }
                if let Some(setup) = shot.setup {
                    session.script(setup);
                }
                // Let scripts, fonts and transitions settle.
                std::thread::sleep(Duration::from_millis(400));
                let file = out.join(format!("{}-{}-{scheme}.png", shot.name, screen.name));
                save(&session, &file, screen, shot.fold_only);
                written += 1;
            }
        }
    }
    println!("{written} screenshots in {}", out.display());
}

/// The key pages: home, a kind index, a cause, a fix, an error, an FAQ entry, the
/// troubleshooter with a symptom ticked, a symptom page, a print view, search and the 404 page.
fn shots(site: &remedy::model::Site) -> Vec<Shot> {
    use remedy::model::kinds;
    let pick = |preferred: &str, kind: &str| -> Option<String> {
        site.article(preferred)
            .or_else(|| {
                site.articles_of_kind(kind)
                    .next()
                    .map(|i| &*site.articles[i])
            })
            .map(|a| a.url_path())
    };
    let mut shots = vec![shot("home", "index.html".into())];
    if let Some(kind) = site.config.kinds.iter().find(|k| k.name == kinds::CAUSE) {
        shots.push(shot("kind", format!("{}/index.html", kind.dir)));
    }
    let articles = [
        ("cause", "causes/icloud-storage-full", kinds::CAUSE),
        ("fix", "fixes/free-up-icloud-storage", kinds::FIX),
        ("error", "errors/9006", kinds::ERROR),
        ("faq", "faq/why-does-backup-fail", kinds::FAQ),
    ];
    for (name, preferred, kind) in articles {
        if let Some(path) = pick(preferred, kind) {
            shots.push(shot(name, format!("{path}index.html")));
        }
    }
    if !site.troubleshooter.is_empty() {
        shots.push(shot("troubleshooter", "troubleshoot/index.html".into()));
        for fold_only in [false, true] {
            shots.push(Shot {
                name: if fold_only {
                    "troubleshooter-ticked-fold".into()
                } else {
                    "troubleshooter-ticked".into()
                },
                path: "troubleshoot/index.html".into(),
                setup: Some(TICK_FIRST_SYMPTOM),
                paper: false,
                fold_only,
            });
        }
        let first = &site.troubleshooter.symptoms[0];
        shots.push(shot("symptom", first.path()));
    }
    if let Some(cause) = pick("causes/icloud-storage-full", kinds::CAUSE) {
        let print = format!("{cause}{}", remedy::pipeline::render::PRINT_FILE);
        shots.push(shot("print", print.clone()));
        shots.push(Shot {
            paper: true,
            ..shot("print-paper", print)
        });
        shots.push(Shot {
            paper: true,
            ..shot("cause-paper", format!("{cause}index.html"))
        });
    }
    shots.push(Shot {
        setup: Some(SEARCH_QUERY),
        ..shot("search", "search/index.html".into())
    });
    shots.push(shot("404", "404.html".into()));
    shots
}

/// Saves the page as a PNG: the whole page, or only the first screen.
fn save(session: &webdriver::Session, file: &Path, screen: &Screen, fold_only: bool) {
    let height = if fold_only {
        f64::from(screen.height)
    } else {
        session
            .script("return document.documentElement.scrollHeight")
            .as_f64()
            .unwrap_or(f64::from(screen.height))
    };
    let captured: Value = session.cdp(
        "Page.captureScreenshot",
        json!({"format": "png", "captureBeyondViewport": !fold_only,
               "clip": {"x": 0, "y": 0, "width": screen.width, "height": height, "scale": 1}}),
    );
    let data = captured["data"].as_str().expect("screenshot data");
    let bytes = base64_decode(data);
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent).expect("create the screenshots folder");
    }
    std::fs::write(file, bytes).unwrap_or_else(|e| panic!("write {}: {e}", file.display()));
}

/// Standard base64 (what CDP sends screenshots in) to bytes.
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        match c {
            b'A'..=b'Z' => Some(u32::from(c - b'A')),
            b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
            b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
            b'+' => Some(62),
            b'/' => Some(63),
            _ => None,
        }
    };
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut buffer = 0u32;
    let mut bits = 0;
    for c in text.bytes().filter_map(value) {
        buffer = (buffer << 6) | c;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_decodes() {
        assert_eq!(super::base64_decode("aGVsbG8gd29ybGQ="), b"hello world");
        assert_eq!(super::base64_decode("YQ=="), b"a");
    }
}
