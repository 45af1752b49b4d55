//! `clippings serve` end to end: the real binary on a fresh site with a base path, asked
//! over plain TCP. Checks the pages, the 404 page, that traversal never reaches files outside
//! the preview, that HTML gets the live-reload script (and built files do not), and that an
//! edited article and a newly saved page show up without restarting the server.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{clippings, fixture, percent_encode_path, read};

/// How long to wait for the server to start or for a rebuild to show. Generous: it only
/// bounds a failing test, a passing one takes a second or two.
const PATIENCE: Duration = Duration::from_secs(60);

const TITLE: &str = "김천 쓰레기 대책 회의";
const EDITED_TITLE: &str = "김천 쓰레기 대책 회의 (수정)";
const SLUG: &str = "김천-쓰레기-회의";
/// A comment in clippings.toml (so on no page): traversal must never bring it back.
const CONFIG_MARKER: &str = "secret-config-marker";

/// A running `clippings serve`, killed when dropped (also when a test panics).
struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    host: String,
    /// The printed home page URL's path, `/clips/`.
    base: String,
    /// Everything printed so far, stdout and stderr.
    log: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(site: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_clippings"))
            .args(["serve", "--port", "0", "--site"])
            .arg(site)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let log = Arc::new(Mutex::new(String::new()));
        let (url_sender, url) = std::sync::mpsc::channel();
        // Keep reading both pipes for as long as the server lives, so it never blocks on a
        // full pipe; the first `serving … at URL` line is handed over.
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        let out_log = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line
                    .strip_prefix("serving ")
                    .and_then(|rest| rest.rsplit_once(" at "))
                    .map(|(_, url)| url.to_string())
                {
                    let _ = url_sender.send(url);
                }
                out_log.lock().unwrap().push_str(&format!("{line}\n"));
            }
        });
        let err_log = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                err_log
                    .lock()
                    .unwrap()
                    .push_str(&format!("stderr: {line}\n"));
            }
        });
        let mut server = Server {
            child,
            host: String::new(),
            base: String::new(),
            log,
        };
        let url = url
            .recv_timeout(PATIENCE)
            .unwrap_or_else(|_| panic!("no `serving … at URL` line; output:\n{}", server.log()));
        let rest = url
            .strip_prefix("http://")
            .unwrap_or_else(|| panic!("not an http URL: {url}"));
        let slash = rest.find('/').expect("a path in the URL");
        server.host = rest[..slash].to_string();
        server.base = rest[slash..].to_string();
        server
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Sends `GET target` (as written, nothing normalised) and returns the status and body.
    fn get(&self, target: &str) -> Response {
        let mut stream = TcpStream::connect(&self.host).expect("the server accepts");
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(
            stream,
            "GET {target} HTTP/1.0\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.host
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("a response");
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = raw
            .split_once("\r\n\r\n")
            .unwrap_or_else(|| panic!("not an HTTP response: {raw:?}"));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status in {head:?}"));
        Response {
            status,
            head: head.to_string(),
            body: body.to_string(),
        }
    }

    /// Asks for `target` until `done` holds, or panics after a while.
    fn wait_for(&self, target: &str, what: &str, done: impl Fn(&Response) -> bool) -> Response {
        let started = Instant::now();
        loop {
            let response = self.get(target);
            if done(&response) {
                return response;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "{target} never showed {what}; last answer {} {}\nserver output:\n{}",
                response.status,
                response.body,
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

struct Response {
    status: u16,
    head: String,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

fn article(title: &str) -> String {
    format!(
        "---\ntitle: {title}\nslug: {SLUG}\ndate: 2024-06-21\ntags: [환경]\n---\n\n시청에서 회의가 열렸다.\n"
    )
}

/// A new site published under a sub-path, with one article.
fn new_site(temp: &Path) -> PathBuf {
    let site = temp.join("site");
    let out = clippings(&["init", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", out.stderr);
    assert!(
        read(&site.join(".gitignore"))
            .lines()
            .any(|l| l == "/.clippings/serve/"),
        "init keeps the preview out of git"
    );
    let config = read(&site.join("clippings.toml")).replace(
        "base_url = \"/\"",
        &format!("base_url = \"https://user.github.io/clips/\"\n# {CONFIG_MARKER}"),
    );
    std::fs::write(site.join("clippings.toml"), config).unwrap();
    let dir = site.join("content/2024/06");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("meeting.md"), article(TITLE)).unwrap();
    site
}

#[test]
fn serves_the_site_under_its_base_path_and_follows_edits() {
    let temp = tempfile::tempdir().unwrap();
    let site = new_site(temp.path());
    let server = Server::start(&site);
    assert_eq!(server.base, "/clips/", "{}", server.log());

    // The home page: the article, and the reload script added at serve time.
    let home = server.get("/clips/");
    assert_eq!(home.status, 200, "{}", home.body);
    assert!(
        home.header("content-type")
            .is_some_and(|t| t.starts_with("text/html")),
        "{}",
        home.head
    );
    assert!(home.body.contains(TITLE), "{}", home.body);
    assert!(home.body.contains("/__clippings/reload"), "{}", home.body);
    let permalink = percent_encode_path(&format!("/clips/2024/06/21/{SLUG}/"));
    assert!(home.body.contains(&permalink), "{}", home.body);

    // The article, at its percent-encoded Hangul permalink.
    let page = server.get(&permalink);
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains(&format!("<h1>{TITLE}</h1>")),
        "{}",
        page.body
    );
    let without_slash = server.get(permalink.trim_end_matches('/'));
    assert_eq!(without_slash.status, 302);
    assert_eq!(without_slash.header("location"), Some(permalink.as_str()));

    // Static files with their types.
    let css = server.get("/clips/style.css");
    assert_eq!(css.status, 200);
    assert!(
        css.header("content-type")
            .is_some_and(|t| t.starts_with("text/css"))
    );
    assert!(!css.body.contains("__clippings"));

    // The root leads to the base path; other paths get the site's 404 page.
    let root = server.get("/");
    assert_eq!(root.status, 302);
    assert_eq!(root.header("location"), Some("/clips/"));
    for missing in ["/clips/no/such/page/", "/elsewhere/", "/style.css"] {
        let response = server.get(missing);
        assert_eq!(response.status, 404, "{missing}");
        assert!(
            response.body.contains("<html"),
            "{missing}: the site's 404.html"
        );
    }

    // Traversal, plain and encoded, never reads outside the preview.
    for target in [
        "/../clippings.toml",
        "/clips/../../../clippings.toml",
        "/clips/%2e%2e/%2e%2e/%2e%2e/clippings.toml",
        "/clips/..%2f..%2f..%2fclippings.toml",
        "/clips/..%5c..%5c..%5cclippings.toml",
        "/clips/%00",
    ] {
        let response = server.get(target);
        assert_ne!(response.status, 200, "{target}");
        assert!(!response.body.contains(CONFIG_MARKER), "{target}");
    }

    // The built files are clean; public/ is not touched.
    let built = read(&site.join(".clippings/serve/site/index.html"));
    assert!(
        !built.contains("__clippings"),
        "the script is added at serve time only"
    );
    assert!(
        built.contains("http://127.0.0.1:"),
        "built with the local base URL"
    );
    assert!(!site.join("public").exists());

    // An edit shows without a restart, and waiting pages hear about it.
    let generation: u64 = server
        .get("/__clippings/reload")
        .body
        .trim()
        .parse()
        .unwrap();
    let host = server.host.clone();
    let waiting = std::thread::spawn(move || {
        let mut stream = TcpStream::connect(&host).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(
            stream,
            "GET /__clippings/reload?since={generation} HTTP/1.0\r\n\r\n"
        )
        .unwrap();
        let mut raw = String::new();
        let _ = stream.read_to_string(&mut raw);
        raw
    });
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(
        site.join("content/2024/06/meeting.md"),
        article(EDITED_TITLE),
    )
    .unwrap();
    server.wait_for(&permalink, "the new title", |r| {
        r.body.contains(&format!("<h1>{EDITED_TITLE}</h1>"))
    });
    let answer = waiting.join().unwrap();
    let next: u64 = answer
        .rsplit("\r\n\r\n")
        .next()
        .and_then(|b| b.trim().parse().ok())
        .unwrap_or_else(|| panic!("no generation in {answer:?}"));
    assert!(next > generation, "{answer}");
    assert!(
        server.log().contains("content/2024/06/meeting.md changed"),
        "{}",
        server.log()
    );

    // A page saved into the import folder is imported and published.
    std::fs::copy(fixture("seed-kimcheon.txt"), site.join("saved/seed.txt")).unwrap();
    server.wait_for("/clips/", "the imported article", |r| {
        r.body.contains("김천시지역사회보장협의체 우수사례 공유")
    });
}

#[test]
fn a_broken_article_keeps_the_last_good_site() {
    let temp = tempfile::tempdir().unwrap();
    let site = new_site(temp.path());
    let server = Server::start(&site);
    let permalink = percent_encode_path(&format!("/clips/2024/06/21/{SLUG}/"));
    assert_eq!(server.get(&permalink).status, 200);

    let broken = site.join("content/2024/06/broken.md");
    std::fs::write(&broken, "---\ntitle: x\ndate: [\n---\n").unwrap();
    let started = Instant::now();
    while !server.log().contains("build failed") {
        assert!(started.elapsed() < PATIENCE, "{}", server.log());
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        server.log().contains("broken.md"),
        "the error names the file"
    );
    let page = server.get(&permalink);
    assert_eq!(page.status, 200);
    assert!(page.body.contains(TITLE));

    // Fixing it brings the server back to work.
    std::fs::remove_file(&broken).unwrap();
    std::fs::write(
        site.join("content/2024/06/meeting.md"),
        article(EDITED_TITLE),
    )
    .unwrap();
    server.wait_for(&permalink, "the new title", |r| {
        r.body.contains(EDITED_TITLE)
    });
}
