//! HTTP transport: methods, URIs, body limits, handler errors, response format and eviction.

mod http_support;

use std::time::Duration;

use esprov_sim::http::HttpConfig;
use http_support::{start, start_with, Client};

#[tokio::test]
async fn unknown_uri_is_404() {
    let server = start().await;
    let mut c = Client::connect(&server).await;
    let r = c
        .post("/no-such-endpoint", b"x", None)
        .await
        .expect("a 404 response");
    assert_eq!(r.status, 404);
    assert!(server.events().is_empty(), "a 404 must not touch sessions");
}

#[tokio::test]
async fn unknown_uri_with_get_is_still_404() {
    let server = start().await;
    let mut c = Client::connect(&server).await;
    let r = c
        .request("GET", "/nothing", b"", None)
        .await
        .expect("a 404 response");
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn non_post_method_is_405() {
    let server = start().await;
    for method in ["GET", "PUT", "DELETE"] {
        let mut c = Client::connect(&server).await;
        let r = c
            .request(method, "/proto-ver", b"x", None)
            .await
            .expect("a 405 response");
        assert_eq!(r.status, 405, "{method}");
    }
    assert!(server.events().is_empty());
}

#[tokio::test]
async fn query_string_is_ignored_for_routing() {
    let server = start().await;
    let mut c = Client::connect(&server).await;
    let r = c
        .post("/proto-ver?x=1", b"---", None)
        .await
        .expect("a response");
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn empty_body_closes_without_response() {
    let server = start().await;
    let mut c = Client::connect(&server).await;
    assert!(c.post("/proto-ver", b"", None).await.is_none());
}

#[tokio::test]
async fn body_of_4096_is_accepted() {
    let server = start().await;
    let mut c = Client::connect(&server).await;
    let r = c
        .post("/proto-ver", &[7u8; 4096], None)
        .await
        .expect("a response");
    assert_eq!(r.status, 200);
    assert!(r.body.ends_with(&[7u8; 4096]));
}

#[tokio::test]
async fn body_of_4097_closes_without_response() {
    let server = start().await;
    let mut c = Client::connect(&server).await;
    assert!(c.post("/proto-ver", &[7u8; 4097], None).await.is_none());
}

#[tokio::test]
async fn missing_content_length_closes_without_response() {
    let server = start().await;
    let mut c = Client::connect(&server).await;
    c.send_raw(b"POST /proto-ver HTTP/1.1\r\nHost: d\r\n\r\n")
        .await;
    assert!(c.response().await.is_none());
}

#[tokio::test]
async fn chunked_body_closes_without_response() {
    let server = start().await;
    let mut c = Client::connect(&server).await;
    c.send_raw(
        b"POST /proto-ver HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
    )
    .await;
    assert!(c.response().await.is_none());
}

#[tokio::test]
async fn handler_error_closes_without_response() {
    let server = start().await;
    let mut c = Client::connect(&server).await;
    assert_eq!(
        c.post("/proto-ver", b"a", None)
            .await
            .expect("a response")
            .status,
        200
    );
    assert!(c.post("/fail", b"a", None).await.is_none());
}

#[tokio::test]
async fn response_is_200_text_html_with_length_and_keeps_alive() {
    let server = start().await;
    let mut c = Client::connect(&server).await;
    let first = c
        .post("/proto-ver", b"abc", None)
        .await
        .expect("a response");
    assert_eq!(first.status, 200);
    assert_eq!(first.header("Content-Type"), Some("text/html"));
    assert_eq!(
        first.header("Content-Length"),
        Some(first.body.len().to_string().as_str())
    );
    assert!(first.body.ends_with(b"|abc"));
    let second = c
        .post("/proto-ver", b"def", None)
        .await
        .expect("a second response on the same socket");
    assert_eq!(second.status, 200);
}

#[tokio::test]
async fn pipelined_requests_are_answered_in_order() {
    let server = start().await;
    let mut c = Client::connect(&server).await;
    c.send_raw(b"POST /proto-ver HTTP/1.1\r\nContent-Length: 1\r\n\r\naPOST /proto-ver HTTP/1.1\r\nContent-Length: 1\r\n\r\nb")
        .await;
    assert!(c.response().await.unwrap().body.ends_with(b"|a"));
    assert!(c.response().await.unwrap().body.ends_with(b"|b"));
}

#[tokio::test]
async fn second_connection_evicts_the_first() {
    let server = start().await;
    let mut first = Client::connect(&server).await;
    assert_eq!(
        first.post("/proto-ver", b"a", None).await.unwrap().status,
        200
    );
    let mut second = Client::connect(&server).await;
    assert_eq!(
        second.post("/proto-ver", b"b", None).await.unwrap().status,
        200
    );
    assert!(
        first.is_closed().await,
        "the older connection must be closed"
    );
}

#[tokio::test]
async fn malformed_and_oversized_heads_do_not_hang() {
    let server = start().await;
    let mut c = Client::connect(&server).await;
    c.send_raw(b"\x00\x01garbage\r\n\r\n").await;
    assert_eq!(c.response().await.map(|r| r.status), Some(400));
    let mut c = Client::connect(&server).await;
    let huge = format!("POST /proto-ver HTTP/1.1\r\nX: {}\r\n", "a".repeat(20_000));
    c.send_raw(huge.as_bytes()).await;
    assert_eq!(c.response().await.map(|r| r.status), Some(431));
}

#[tokio::test]
async fn partial_body_times_out_and_closes() {
    let server = start().await;
    let mut c = Client::connect(&server).await;
    c.send_raw(b"POST /proto-ver HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc")
        .await;
    assert!(c.response().await.is_none());
}

#[tokio::test]
async fn idle_connection_is_closed_after_the_idle_timeout() {
    let server = start_with(HttpConfig {
        idle_timeout: Duration::from_millis(200),
        ..HttpConfig::default()
    })
    .await;
    let mut c = Client::connect(&server).await;
    assert_eq!(c.post("/proto-ver", b"a", None).await.unwrap().status, 200);
    assert!(
        c.is_closed().await,
        "an idle connection must not be held forever"
    );
}
