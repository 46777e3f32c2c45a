//! `santei serve [--port 8080] [--root DIR]` — a static file server for the page (www/) and the
//! package (pkg/). Binds 127.0.0.1 only, serves GET/HEAD of files under the root and nothing
//! else: no directory listings, no traversal out of the root, no server logic.
//!
//! One thread per connection, one request per connection (`Connection: close`), requests parsed
//! by `httparse`. (tiny_http 0.12 was tried first: its task pool can leave a connection unserved
//! while the browser fetches in parallel, which hung the page test now and then.)
//!
//! Every response carries the strict Content-Security-Policy the page is written for, so a
//! page change that needs an inline script or style, or a network call, fails in the browser
//! test instead of in a hospital portal.

use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// The policy the page must live with (also what the portal helper tests against).
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
form-action 'none'";

/// Options of `santei serve`.
#[derive(Debug, PartialEq, Eq)]
pub struct Options {
    pub port: u16,
    pub root: PathBuf,
}

/// Parse `[--port N] [--root DIR]` (also `--port=N`, `--root=DIR`).
pub fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut opts = Options {
        port: 8080,
        root: PathBuf::from("."),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (key, inline) = match a.split_once('=') {
            Some((k, v)) => (k, Some(v.to_string())),
            None => (a.as_str(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match key {
            "--port" | "-p" => {
                let v = value("--port")?;
                opts.port = v
                    .parse()
                    .map_err(|_| format!("--port: expected a number 0..65535, got {v:?}"))?;
            }
            "--root" => opts.root = PathBuf::from(value("--root")?),
            other => return Err(format!("serve: unknown option {other:?}")),
        }
    }
    Ok(opts)
}

/// Content type by file extension; unknown types are sent as bytes.
pub fn mime(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "txt" | "md" | "ts" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Percent-decode a URL path; `None` on a malformed escape or non-UTF-8 result.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hi = hex(*bytes.get(i + 1)?)?;
            let lo = hex(*bytes.get(i + 2)?)?;
            out.push(hi * 16 + lo);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The relative file path a URL names, or `None` when it could leave the root
/// (`..`, absolute parts, backslashes, NUL) or names a hidden file.
pub fn url_to_relative(url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut rel = PathBuf::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return None,
            // Hidden files (.git, .env, ...) are never served.
            s if s.starts_with('.') => return None,
            s => {
                let p = Path::new(s);
                if !matches!(p.components().next(), Some(Component::Normal(_)))
                    || p.components().count() != 1
                {
                    return None;
                }
                rel.push(s);
            }
        }
    }
    Some(rel)
}

enum Reply {
    File(PathBuf),
    Redirect(String),
    Status(u16, &'static str),
}

/// Decide what to answer for a URL, given the canonical root.
fn route(root: &Path, url: &str) -> Reply {
    let Some(rel) = url_to_relative(url) else {
        return Reply::Status(400, "bad path");
    };
    let path_part = url.split(['?', '#']).next().unwrap_or("");
    if rel.as_os_str().is_empty() && root.join("www").is_dir() {
        return Reply::Redirect("/www/".to_string());
    }
    let Ok(full) = root.join(&rel).canonicalize() else {
        return Reply::Status(404, "not found");
    };
    // Symlinks may not lead out of the root either.
    if !full.starts_with(root) {
        return Reply::Status(404, "not found");
    }
    if full.is_dir() {
        if !path_part.ends_with('/') {
            return Reply::Redirect(format!("{path_part}/"));
        }
        let index = full.join("index.html");
        return if index.is_file() {
            Reply::File(index)
        } else {
            Reply::Status(404, "not found")
        };
    }
    if full.is_file() {
        Reply::File(full)
    } else {
        Reply::Status(404, "not found")
    }
}

/// Largest request head read (request line + headers).
const MAX_HEAD: usize = 16 * 1024;

fn status_text(code: u16) -> &'static str {
    match code {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        _ => "Error",
    }
}

/// Write one response and close.
fn send(
    stream: &mut TcpStream,
    code: u16,
    headers: &[(&str, &str)],
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {code} {}\r\n", status_text(code));
    for (k, v) in [
        ("Content-Security-Policy", CSP),
        ("X-Content-Type-Options", "nosniff"),
        ("Cache-Control", "no-cache"),
        ("Referrer-Policy", "no-referrer"),
        ("Connection", "close"),
    ]
    .iter()
    .chain(headers)
    {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// Read the request head; `Err(code)` when it is malformed or too large.
fn read_head(stream: &mut TcpStream) -> Result<(String, String), u16> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        let n = stream.read(&mut chunk).map_err(|_| 400u16)?;
        if n == 0 {
            return Err(400);
        }
        buf.extend_from_slice(chunk.get(..n).unwrap_or_default());
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut req = httparse::Request::new(&mut headers);
        match req.parse(&buf) {
            Ok(httparse::Status::Complete(_)) => {
                let method = req.method.unwrap_or("").to_string();
                let path = req.path.unwrap_or("").to_string();
                return Ok((method, path));
            }
            Ok(httparse::Status::Partial) if buf.len() < MAX_HEAD => {}
            Ok(httparse::Status::Partial) => return Err(431),
            Err(_) => return Err(400),
        }
    }
}

fn handle(mut stream: TcpStream, root: &Path) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(15)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));
    let (method, url) = match read_head(&mut stream) {
        Ok(x) => x,
        Err(code) => {
            let _ = send(&mut stream, code, &[], status_text(code).as_bytes(), false);
            return;
        }
    };
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        let _ = send(
            &mut stream,
            405,
            &[("Allow", "GET, HEAD")],
            b"method not allowed",
            false,
        );
        return;
    }
    let _ = match route(root, &url) {
        Reply::File(path) => match fs::read(&path) {
            Ok(bytes) => send(
                &mut stream,
                200,
                &[("Content-Type", mime(&path))],
                &bytes,
                head_only,
            ),
            Err(_) => send(&mut stream, 404, &[], b"not found", head_only),
        },
        Reply::Redirect(to) => send(&mut stream, 301, &[("Location", &to)], b"", head_only),
        Reply::Status(code, text) => send(&mut stream, code, &[], text.as_bytes(), head_only),
    };
}

/// Serve until killed. Prints the URL (with the real port when `--port 0`) on stdout.
pub fn run(opts: &Options) -> Result<(), String> {
    let root = opts
        .root
        .canonicalize()
        .map_err(|e| format!("--root {}: {e}", opts.root.display()))?;
    let listener = TcpListener::bind(("127.0.0.1", opts.port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{}: {e}", opts.port))?;
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(opts.port);
    let page = if root.join("www").is_dir() {
        "www/"
    } else {
        ""
    };
    let mut out = std::io::stdout();
    let _ = writeln!(
        out,
        "santei: serving {} on http://127.0.0.1:{port}/{page}",
        root.display()
    );
    let _ = out.flush();
    let root = Arc::new(root);
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                let root = Arc::clone(&root);
                std::thread::spawn(move || handle(stream, &root));
            }
            Err(e) => eprintln!("santei: accept failed: {e}"),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused() {
        assert_eq!(url_to_relative("/../etc/passwd"), None);
        assert_eq!(url_to_relative("/www/%2e%2e/%2e%2e/etc/passwd"), None);
        assert_eq!(url_to_relative("/www/..%2fCargo.toml"), None);
        assert_eq!(url_to_relative("/a\\b"), None);
        assert_eq!(url_to_relative("/a%00b"), None);
        assert_eq!(url_to_relative("/%zz"), None);
        assert_eq!(url_to_relative("/.git/config"), None);
        assert_eq!(
            url_to_relative("/www/js/app.js?x=1"),
            Some(PathBuf::from("www/js/app.js"))
        );
        assert_eq!(
            url_to_relative("//www/./index.html"),
            Some(PathBuf::from("www/index.html"))
        );
    }

    #[test]
    fn mime_types() {
        assert_eq!(mime(Path::new("a/santei_bg.wasm")), "application/wasm");
        assert_eq!(mime(Path::new("a.mjs")), "text/javascript; charset=utf-8");
        assert_eq!(mime(Path::new("a.JS")), "text/javascript; charset=utf-8");
        assert_eq!(mime(Path::new("index.html")), "text/html; charset=utf-8");
        assert_eq!(mime(Path::new("x.UKE")), "application/octet-stream");
    }

    #[test]
    fn options() {
        let a = |v: &[&str]| parse_args(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(a(&[]).unwrap().port, 8080);
        assert_eq!(a(&["--port", "0"]).unwrap().port, 0);
        assert_eq!(
            a(&["--port=9000", "--root", "x"]).unwrap().root,
            PathBuf::from("x")
        );
        assert!(a(&["--port", "70000"]).is_err());
        assert!(a(&["--port"]).is_err());
        assert!(a(&["--bogus"]).is_err());
    }
}
