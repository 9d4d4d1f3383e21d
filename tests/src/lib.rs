//! Drives the built Konbit window through WebDriver as a person would: `tauri-driver` in front
//! of WebKitWebDriver, under Xvfb. A small W3C client over `ureq` (synchronous, a dozen
//! endpoints) rather than an async WebDriver crate: the tests read top to bottom like a script.
//!
//! Environment: `KONBIT_APP` (the release binary built with `custom-protocol`), `TAURI_DRIVER`
//! (the `tauri-driver` binary), optionally `WEBKIT_DRIVER` (default `/usr/bin/WebKitWebDriver`).
//! `make test-e2e` sets them and runs the tests under `xvfb-run`.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};

/// The W3C key that identifies an element in WebDriver answers.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
const WAIT: Duration = Duration::from_secs(20);

/// A running `tauri-driver`; killed when dropped, with any app it started.
pub struct Driver {
    child: Child,
    base: String,
    agent: ureq::Agent,
}

/// One start of the app; `quit` closes the window like a person closing it.
pub struct App<'d> {
    driver: &'d Driver,
    session: String,
    artifacts: PathBuf,
}

#[derive(Debug, Clone)]
pub struct Element(String);

fn env_path(name: &str) -> PathBuf {
    match std::env::var_os(name) {
        Some(v) => PathBuf::from(v),
        None => panic!("{name} is not set: run the end-to-end tests with `make test-e2e`"),
    }
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free local port");
    listener.local_addr().expect("its address").port()
}

impl Driver {
    /// Starts `tauri-driver`; every app it launches opens the database `db`.
    pub fn start(db: &Path) -> Driver {
        Driver::start_with_dialogs(db, None)
    }

    /// The same, with every open or save dialog of the app answering `dialog_answer` at once
    /// (`KONBIT_E2E_DIALOG`): WebDriver cannot click inside a native GTK dialog. Only an app
    /// built with konbit-app's `e2e` feature reads it (`make app-e2e`).
    pub fn start_with_dialogs(db: &Path, dialog_answer: Option<&Path>) -> Driver {
        Driver::start_with(db, dialog_answer, None)
    }

    /// The same, every app it launches on the D-Bus session `bus`, where the app looks for a
    /// running instance of itself.
    pub fn start_on_bus(db: &Path, bus: &SessionBus) -> Driver {
        Driver::start_with(db, None, Some(&bus.address))
    }

    fn start_with(db: &Path, dialog_answer: Option<&Path>, bus: Option<&str>) -> Driver {
        let (port, native) = (free_port(), free_port());
        let webkit = std::env::var_os("WEBKIT_DRIVER")
            .map(PathBuf::from)
            .unwrap_or_else(|| "/usr/bin/WebKitWebDriver".into());
        let child = Command::new(env_path("TAURI_DRIVER"))
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
                "--native-driver",
            ])
            .arg(webkit)
            .env("KONBIT_DB", db)
            .envs(dialog_answer.map(|path| ("KONBIT_E2E_DIALOG", path.as_os_str())))
            .envs(bus.map(|address| ("DBUS_SESSION_BUS_ADDRESS", std::ffi::OsStr::new(address))))
            // Its own process group, so that WebKitWebDriver and the app go with it at the end.
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver starts");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(60)))
            .http_status_as_error(false)
            .build()
            .into();
        let driver = Driver {
            child,
            base: format!("http://127.0.0.1:{port}"),
            agent,
        };
        driver.wait_until_ready();
        driver
    }

    fn wait_until_ready(&self) {
        let start = Instant::now();
        while start.elapsed() < WAIT {
            if let Ok(mut response) = self.agent.get(format!("{}/status", self.base)).call() {
                if response.status() == 200 && response.body_mut().read_to_string().is_ok() {
                    return;
                }
            }
            sleep(Duration::from_millis(100));
        }
        panic!(
            "tauri-driver did not answer on {} within {WAIT:?}",
            self.base
        );
    }

    fn request(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.base);
        let result = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, body) => self
                .agent
                .post(&url)
                .send_json(body.unwrap_or_else(|| json!({}))),
        };
        let mut response = result.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = response.status();
        let value: Value = response.body_mut().read_json().unwrap_or(Value::Null);
        if status != 200 {
            panic!("{method} {path} answered {status}: {value}");
        }
        value["value"].clone()
    }

    /// Launches the app and waits for its first screen.
    pub fn launch(&self, artifacts: &Path) -> App<'_> {
        let caps = json!({ "capabilities": { "alwaysMatch": { "tauri:options": { "application": env_path("KONBIT_APP") } } } });
        let value = self.request("POST", "/session", Some(caps));
        let session = value["sessionId"]
            .as_str()
            .expect("a session id")
            .to_owned();
        std::fs::create_dir_all(artifacts).expect("artifacts folder");
        App {
            driver: self,
            session,
            artifacts: artifacts.to_owned(),
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // A failed test may leave WebKitWebDriver or the app running: end the whole group.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.child.wait();
    }
}

impl App<'_> {
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.driver
            .request(method, &format!("/session/{}{path}", self.session), body)
    }

    /// Every element matching now, in the page or, with `root`, inside that element.
    fn find_all(&self, root: Option<&Element>, using: &str, value: &str) -> Vec<Element> {
        let path = match root {
            Some(root) => format!("/element/{}/elements", root.0),
            None => "/elements".to_owned(),
        };
        let found = self.call(
            "POST",
            &path,
            Some(json!({ "using": using, "value": value })),
        );
        found
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|e| e[ELEMENT_KEY].as_str().map(|id| Element(id.to_owned())))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Waits until an element matches the CSS selector.
    pub fn css(&self, selector: &str) -> Element {
        self.wait_for("css selector", selector)
    }

    /// Waits until an element with exactly this visible text (of the given tag) appears.
    pub fn with_text(&self, tag: &str, text: &str) -> Element {
        self.wait_for(
            "xpath",
            &format!("//{tag}[normalize-space()={}]", xpath_literal(text)),
        )
    }

    /// Waits until an element of `tag` containing this text appears.
    pub fn containing(&self, tag: &str, text: &str) -> Element {
        self.wait_for(
            "xpath",
            &format!(
                "//{tag}[contains(normalize-space(), {})]",
                xpath_literal(text)
            ),
        )
    }

    /// Waits until an element matches the XPath: for what CSS cannot say ("the button of the row
    /// that names this supplier").
    pub fn xpath(&self, path: &str) -> Element {
        self.wait_for("xpath", path)
    }

    fn wait_for(&self, using: &str, value: &str) -> Element {
        self.wait_within(None, using, value)
    }

    /// Waits until an element matches, failing the test (with a screenshot) after [`WAIT`].
    fn wait_within(&self, root: Option<&Element>, using: &str, value: &str) -> Element {
        let start = Instant::now();
        loop {
            if let Some(e) = self.find_all(root, using, value).into_iter().next() {
                return e;
            }
            if start.elapsed() > WAIT {
                self.screenshot("timeout");
                panic!(
                    "nothing matched {using} `{value}` within {WAIT:?} (screenshot: timeout.png)"
                );
            }
            sleep(Duration::from_millis(100));
        }
    }

    pub fn click(&self, element: &Element) {
        self.call("POST", &format!("/element/{}/click", element.0), None);
    }

    /// Types into a field as a person would, after clearing it.
    pub fn type_into(&self, element: &Element, text: &str) {
        self.call("POST", &format!("/element/{}/clear", element.0), None);
        self.call(
            "POST",
            &format!("/element/{}/value", element.0),
            Some(json!({ "text": text })),
        );
    }

    /// Presses keys in the focused element, as a person typing: WebDriver key codes such as
    /// [`keys::ENTER`] may be mixed with text.
    pub fn press(&self, text: &str) {
        let active = self.call("GET", "/element/active", None);
        let id = active[ELEMENT_KEY]
            .as_str()
            .expect("a focused element")
            .to_owned();
        self.call(
            "POST",
            &format!("/element/{id}/value"),
            Some(json!({ "text": text })),
        );
    }

    /// Chooses the option with this text in a `<select>`, as a click would. The options of a
    /// list filled from the books (the people of "Je suis", the clients) arrive after the
    /// `<select>` itself, so the option is waited for.
    pub fn choose(&self, select: &Element, option: &str) {
        self.click(select);
        let xpath = format!(".//option[normalize-space()={}]", xpath_literal(option));
        let found = self.wait_within(Some(select), "xpath", &xpath);
        self.click(&found);
    }

    pub fn value(&self, element: &Element) -> String {
        self.call(
            "GET",
            &format!("/element/{}/property/value", element.0),
            None,
        )
        .as_str()
        .unwrap_or_default()
        .to_owned()
    }

    pub fn text(&self, element: &Element) -> String {
        self.call("GET", &format!("/element/{}/text", element.0), None)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Waits until the element's text is `expected`, and returns it; fails the test (with a
    /// screenshot) when it is not within the wait. No-break spaces count as spaces: WebKit's
    /// driver reads some of them as one and some as the other.
    pub fn wait_text(&self, element: &Element, expected: &str) -> String {
        self.wait_value(|| self.text(element), expected)
    }

    /// Waits until a field's value is `expected`, as [`App::wait_text`] does for text.
    pub fn wait_value_of(&self, element: &Element, expected: &str) -> String {
        self.wait_value(|| self.value(element), expected)
    }

    fn wait_value(&self, read: impl Fn() -> String, expected: &str) -> String {
        let start = Instant::now();
        let plain = |text: &str| text.replace('\u{a0}', " ");
        loop {
            let text = read();
            if plain(&text) == plain(expected) {
                return text;
            }
            if start.elapsed() > WAIT {
                self.screenshot("timeout");
                panic!("expected {expected:?}, still {text:?} after {WAIT:?} (screenshot: timeout.png)");
            }
            sleep(Duration::from_millis(100));
        }
    }

    /// Saves a PNG of the whole window as `<name>.png`, after two animation frames so the
    /// picture is the current one. WebKit takes the picture at the page's next paint, and the
    /// window renders without the GPU (`src-tauri/src/window.rs`): an idle page never paints
    /// again, and the request would wait forever. A pixel no one sees, fading between 0 and 1 %
    /// opacity in the corner each frame, keeps paints coming until the picture is taken.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        let script = "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";
        self.call(
            "POST",
            "/execute/async",
            Some(json!({ "script": script, "args": [] })),
        );
        let ticker = "const d = document.createElement('div'); d.id = 'e2e-paint-ticker';
            d.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none;background:#000;opacity:0';
            document.body.appendChild(d);
            let n = 0; const tick = () => { if (!d.isConnected) return; d.style.opacity = (n++ % 2) ? '0' : '0.01'; requestAnimationFrame(tick); };
            requestAnimationFrame(tick);";
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": ticker, "args": [] })),
        );
        let encoded = self.call("GET", "/screenshot", None);
        let stop = "document.getElementById('e2e-paint-ticker')?.remove();";
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": stop, "args": [] })),
        );
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(encoded.as_str().unwrap_or_default())
            .expect("the screenshot is base64");
        let path = self.artifacts.join(format!("{name}.png"));
        std::fs::write(&path, bytes).expect("screenshot written");
        path
    }

    /// Runs a script in the page and answers what it returns: for measures no element's text
    /// gives, such as whether the page overflows the window.
    pub fn script(&self, body: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": body, "args": [] })),
        )
    }

    /// Sets the window's size in CSS pixels, as a smaller screen would (1024 × 768).
    pub fn resize(&self, width: u32, height: u32) {
        self.call(
            "POST",
            "/window/rect",
            Some(json!({ "width": width, "height": height })),
        );
    }

    /// Waits until no element matches the XPath any more: what a removal or a closing shows.
    pub fn gone(&self, path: &str) {
        let start = Instant::now();
        while !self.find_all(None, "xpath", path).is_empty() {
            if start.elapsed() > WAIT {
                self.screenshot("timeout");
                panic!("`{path}` still matched after {WAIT:?} (screenshot: timeout.png)");
            }
            sleep(Duration::from_millis(100));
        }
    }

    /// Closes the window; the app exits and its database is closed.
    pub fn quit(self) {
        // Dropping ends the session.
    }
}

impl Drop for App<'_> {
    fn drop(&mut self) {
        let url = format!("{}/session/{}", self.driver.base, self.session);
        let _ = self.driver.agent.delete(&url).call();
    }
}

/// A D-Bus session bus of the test's own, stopped when dropped. `xvfb-run` starts none, and
/// without one the app cannot find an instance already running (the single-instance plugin
/// then launches normally); a desktop session always has one.
pub struct SessionBus {
    child: Child,
    pub address: String,
    _dir: tempfile::TempDir,
}

impl SessionBus {
    pub fn start() -> SessionBus {
        let dir = tempfile::tempdir().expect("a folder for the bus socket");
        let address = format!("unix:path={}", dir.path().join("bus").display());
        let child = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--nopidfile"])
            .arg(format!("--address={address}"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("dbus-daemon starts (package dbus)");
        let socket = dir.path().join("bus");
        let start = Instant::now();
        while !socket.exists() {
            assert!(
                start.elapsed() < WAIT,
                "dbus-daemon made no socket within {WAIT:?}"
            );
            sleep(Duration::from_millis(50));
        }
        SessionBus {
            child,
            address,
            _dir: dir,
        }
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// WebDriver's codes for the keys a person presses besides letters.
pub mod keys {
    pub const TAB: &str = "\u{E004}";
    pub const ENTER: &str = "\u{E007}";
    pub const ARROW_RIGHT: &str = "\u{E014}";
}

/// An XPath string literal for any text, apostrophes included.
pub fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        return format!("'{text}'");
    }
    if !text.contains('"') {
        return format!("\"{text}\"");
    }
    let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
    format!("concat({})", parts.join(", \"'\", "))
}

/// The demo's books (`konbit.sqlite`) in a folder of their own, removed when the `TempDir` is
/// dropped: what most scenarios start from.
pub fn demo_books() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = demo_books_in(dir.path());
    (dir, db)
}

/// The demo's books as `konbit.sqlite` in `dir`, built through the services the app's first
/// start calls.
pub fn demo_books_in(dir: &Path) -> PathBuf {
    let db = dir.join("konbit.sqlite");
    let mut store =
        konbit_core::store::Store::open(&db, konbit_core::store::OpenMode::CreateIfMissing)
            .expect("a new database");
    store
        .write(|tx| konbit_core::demo::create(tx, 1))
        .expect("the demo organisation");
    db
}

/// Where a test's screenshots go: `target/e2e-artifacts/<test>/` in the repository.
pub fn artifacts(test: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/e2e-artifacts")
        .join(test)
}

#[cfg(test)]
mod tests {
    use super::xpath_literal;

    #[test]
    fn xpath_literals_quote_any_text() {
        assert_eq!(xpath_literal("Clients"), "'Clients'");
        assert_eq!(
            xpath_literal("Créer l'organisation"),
            "\"Créer l'organisation\""
        );
        assert_eq!(xpath_literal("l'\"x\""), "concat('l', \"'\", '\"x\"')");
    }
}
