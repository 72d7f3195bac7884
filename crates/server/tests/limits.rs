//! The server's limits and errors, with a backend that misbehaves on
//! purpose: slow checks, a panicking check, too many at once, a wrong
//! token, bodies too large or malformed. Real HTTP over loopback.

use nblint_server::{Backend, Checked, Lang, ServeOptions};
use nblint_test_support::http;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Answers by the upload's name: `slow` sleeps, `panic` panics.
struct Fake;

impl Backend for Fake {
    fn check_upload(&self, name: &str, bytes: Vec<u8>, lang: Lang) -> Checked {
        match name {
            "slow.txt" => std::thread::sleep(Duration::from_millis(1500)),
            "panic.txt" => panic!("a check that panics"),
            _ => {}
        }
        let lang = if lang == Lang::En { "en" } else { "zh" };
        Checked {
            json: json!({ "name": name, "bytes": bytes.len(), "lang": lang }),
            view: Value::Null,
        }
    }
    fn watched_files(&self, _: &[PathBuf]) -> Vec<PathBuf> {
        Vec::new()
    }
    fn check_files(&self, _: &[PathBuf], _: Lang) -> Vec<Checked> {
        Vec::new()
    }
    fn rules(&self, _: Lang) -> Value {
        json!([])
    }
    fn rule(&self, _: &str, _: Lang) -> Option<Value> {
        None
    }
}

/// A server on a free loopback port, stopped when dropped.
struct Server {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    fn start(options: ServeOptions) -> Server {
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let options = ServeOptions {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            ..options
        };
        let thread = std::thread::spawn(move || {
            nblint_server::serve_until(
                options,
                Arc::new(Fake),
                |a| addr_tx.send(a).unwrap(),
                async {
                    let _ = rx.await;
                },
            )
            .unwrap();
        });
        let addr = addr_rx
            .recv_timeout(Duration::from_secs(10))
            .expect("the server starts");
        Server {
            addr,
            stop: Some(tx),
            thread: Some(thread),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.stop.take().unwrap().send(());
        let _ = self.thread.take().unwrap().join();
    }
}

/// One request; the status and the body as JSON (or as a string).
fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, Value) {
    let r = http::request(addr, method, path, headers, body);
    let json = serde_json::from_slice(&r.body).unwrap_or_else(|_| Value::String(r.text()));
    (r.status, json)
}

fn post(addr: SocketAddr, name: &str, body: &[u8]) -> (u16, Value) {
    request(addr, "POST", &format!("/api/check?name={name}"), &[], body)
}

#[test]
fn a_check_that_takes_too_long_is_a_504_and_the_server_goes_on() {
    let server = Server::start(ServeOptions {
        timeout: Duration::from_millis(300),
        ..ServeOptions::default()
    });
    let (status, body) = post(server.addr, "slow.txt", b"x");
    assert_eq!(status, 504, "{body}");
    assert_eq!(body["error"]["message"], "检查超时");
    assert_eq!(post(server.addr, "ok.txt", b"abc").0, 200);
}

#[test]
fn a_panicking_check_is_a_500_with_a_message_not_a_dead_server() {
    let server = Server::start(ServeOptions::default());
    let (status, body) = post(server.addr, "panic.txt", b"x");
    assert_eq!(status, 500, "{body}");
    assert!(
        body["error"]["hint"].as_str().unwrap().contains("报告"),
        "{body}"
    );
    let (status, body) = post(server.addr, "ok.txt", b"abc");
    assert_eq!((status, &body["bytes"]), (200, &json!(3)));
}

#[test]
fn more_checks_than_allowed_wait_then_get_503() {
    let server = Server::start(ServeOptions {
        max_concurrent: 1,
        queue_wait: Duration::from_millis(200),
        ..ServeOptions::default()
    });
    let addr = server.addr;
    let slow = std::thread::spawn(move || post(addr, "slow.txt", b"x").0);
    std::thread::sleep(Duration::from_millis(300));
    let (status, body) = post(addr, "ok.txt", b"x");
    assert_eq!(status, 503, "{body}");
    assert_eq!(slow.join().unwrap(), 200);
    assert_eq!(
        post(addr, "ok.txt", b"x").0,
        200,
        "the permit is given back"
    );
}

#[test]
fn a_body_over_the_limit_is_413_with_what_to_do() {
    let server = Server::start(ServeOptions {
        max_body: 1000,
        ..ServeOptions::default()
    });
    let (status, body) = post(server.addr, "big.txt", &vec![b'a'; 5000]);
    assert_eq!(status, 413, "{body}");
    assert!(
        body["error"]["hint"]
            .as_str()
            .unwrap()
            .contains("--max-upload"),
        "{body}"
    );
    let (status, body) = request(
        server.addr,
        "POST",
        "/api/check?lang=en",
        &[("Content-Type", "multipart/form-data; boundary=b")],
        format!("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n{}\r\n--b--\r\n", "a".repeat(5000)).as_bytes(),
    );
    assert_eq!(status, 413, "{body}");
    assert_eq!(
        body["error"]["message"],
        "the upload is larger than the limit"
    );
}

#[test]
fn malformed_multipart_is_a_400() {
    let server = Server::start(ServeOptions::default());
    let (status, body) = request(
        server.addr,
        "POST",
        "/api/check",
        &[("Content-Type", "multipart/form-data; boundary=b")],
        b"--b\r\nno headers here",
    );
    assert_eq!(status, 400, "{body}");
    let (status, body) = request(
        server.addr,
        "POST",
        "/api/check",
        &[("Content-Type", "multipart/form-data; boundary=b")],
        b"--b\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--b--\r\n",
    );
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"]["message"], "请求中没有文件");
}

#[test]
fn the_token_is_required_on_the_api_but_not_on_the_page() {
    let server = Server::start(ServeOptions {
        token: Some("s3cret".into()),
        ..ServeOptions::default()
    });
    let (status, body) = post(server.addr, "ok.txt", b"x");
    assert_eq!(status, 401, "{body}");
    let wrong = request(
        server.addr,
        "POST",
        "/api/check?name=a.txt",
        &[("Authorization", "Bearer nope")],
        b"x",
    );
    assert_eq!(wrong.0, 401);
    let right = request(
        server.addr,
        "POST",
        "/api/check?name=a.txt",
        &[("Authorization", "Bearer s3cret")],
        b"x",
    );
    assert_eq!(right.0, 200, "{}", right.1);
    assert_eq!(
        request(server.addr, "GET", "/api/rules?token=s3cret", &[], b"").0,
        200
    );
    let (status, page) = request(server.addr, "GET", "/", &[], b"");
    assert_eq!(status, 200);
    assert!(page
        .as_str()
        .unwrap()
        .contains("政府信息公开工作年度报告检查"));
}

#[test]
fn the_upload_name_only_tells_the_format() {
    let server = Server::start(ServeOptions::default());
    let (_, body) = post(server.addr, "..%2F..%2Fetc%2Fpasswd", b"x");
    assert_eq!(body["name"], "passwd");
}
