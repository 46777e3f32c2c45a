//! The native CLI: `santei evaluate FILE|-` prints exactly the library's JSON, and
//! `santei serve` serves files from its root on 127.0.0.1 with the right types, refusing
//! traversal and hidden files.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_santei");
const CLAIM: &str = r#"{"serviceDate":"2026-06-02","prescriptions":[{"id":"rx-1","dispensing":"outside","items":[]}]}"#;

fn run(args: &[&str], stdin: &str) -> (i32, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn evaluate_stdin_and_file_print_the_library_json() {
    let want = santei::Santei::new().evaluate_json(CLAIM);
    let (code, out) = run(&["evaluate", "-"], CLAIM);
    assert_eq!(code, 0);
    assert_eq!(out, format!("{want}\n"));
    let dir = std::env::temp_dir().join(format!("santei-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("claim.json");
    std::fs::write(&file, CLAIM).unwrap();
    let (code, out) = run(&["evaluate", file.to_str().unwrap()], "");
    assert_eq!(code, 0);
    assert_eq!(out, format!("{want}\n"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_input_is_an_envelope_with_exit_code_zero_and_bad_usage_is_two() {
    let (code, out) = run(&["evaluate", "-"], "{not json");
    assert_eq!(code, 0);
    assert!(out.contains("\"status\":\"error\""), "{out}");
    assert_eq!(run(&["evaluate"], "").0, 2);
    assert_eq!(run(&["evaluate", "/nonexistent/claim.json"], "").0, 2);
    assert_eq!(run(&["frobnicate"], "").0, 2);
    assert_eq!(run(&["serve", "--port", "x"], "").0, 2);
}

#[test]
fn batch_version_rules() {
    let (code, out) = run(&["batch", "-"], &format!("[{CLAIM}, 1]"));
    assert_eq!(code, 0);
    assert_eq!(
        out.trim_end(),
        santei::Santei::new().evaluate_batch_json(&format!("[{CLAIM}, 1]"))
    );
    assert_eq!(
        run(&["version"], "").1.trim_end(),
        santei::Santei::new().version_json()
    );
    assert_eq!(run(&["rules"], "").1.trim_end(), santei::rules_json());
}

fn get(port: u16, path: &str) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let split = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&buf[..split]).to_string();
    let code = head[9..12].parse().unwrap();
    (code, head, buf[split + 4..].to_vec())
}

#[test]
fn serve_static_files_safely() {
    let root = std::env::temp_dir().join(format!("santei-serve-{}", std::process::id()));
    std::fs::create_dir_all(root.join("www/js")).unwrap();
    std::fs::create_dir_all(root.join("pkg/web")).unwrap();
    std::fs::write(root.join("www/index.html"), "<!doctype html>").unwrap();
    std::fs::write(root.join("www/js/app.js"), "export {}").unwrap();
    std::fs::write(root.join("pkg/web/santei_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(root.join(".secret"), "no").unwrap();
    let mut child = Command::new(BIN)
        .args(["serve", "--port", "0", "--root", root.to_str().unwrap()])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port: u16 = line
        .split("127.0.0.1:")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();

    let (code, head, body) = get(port, "/www/");
    assert_eq!(code, 200, "{head}");
    assert!(head.contains("Content-Type: text/html"), "{head}");
    assert!(head.contains(
        "Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'"
    ));
    assert_eq!(body, b"<!doctype html>");
    let (code, head, _) = get(port, "/www/js/app.js");
    assert_eq!(code, 200);
    assert!(head.contains("Content-Type: text/javascript"), "{head}");
    let (code, head, body) = get(port, "/pkg/web/santei_bg.wasm");
    assert_eq!(code, 200);
    assert!(head.contains("Content-Type: application/wasm"), "{head}");
    assert_eq!(body, b"\0asm\x01\0\0\0");
    let (code, head, _) = get(port, "/");
    assert_eq!(code, 301);
    assert!(head.contains("Location: /www/"), "{head}");
    assert_eq!(get(port, "/www").0, 301);
    assert_eq!(get(port, "/nothing.js").0, 404);
    assert_eq!(get(port, "/pkg/").0, 404, "no directory listings");
    assert_eq!(get(port, "/../etc/passwd").0, 400);
    assert_eq!(get(port, "/www/%2e%2e/%2e%2e/etc/passwd").0, 400);
    assert_eq!(get(port, "/.secret").0, 400);
    // Not GET/HEAD: refused.
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "POST /www/ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
    )
    .unwrap();
    let mut buf = String::new();
    s.read_to_string(&mut buf).unwrap();
    assert!(buf.starts_with("HTTP/1.1 405"), "{buf}");
    // Garbage is a 400, and the server keeps serving.
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(b"\x00\x01garbage\r\n\r\n").unwrap();
    let mut buf = String::new();
    s.read_to_string(&mut buf).unwrap();
    assert!(buf.starts_with("HTTP/1.1 400"), "{buf}");
    assert_eq!(get(port, "/www/").0, 200);

    child.kill().unwrap();
    child.wait().unwrap();
    std::fs::remove_dir_all(&root).ok();
}
