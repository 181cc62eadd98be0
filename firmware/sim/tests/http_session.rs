//! HTTP transport: cookie and same-socket session binding (PROTOCOL.md §3.1).

mod http_support;

use http_support::{start, Client};

#[tokio::test]
async fn first_response_sets_a_bare_session_cookie() {
    let server = start().await;
    let mut c = Client::connect(&server).await;
    let r = c.post("/prov-session", b"x", None).await.unwrap();
    let id = r.session();
    assert_eq!(
        r.header("Set-Cookie"),
        Some(format!("session={id}").as_str())
    );
    assert_eq!(server.events(), vec![format!("open {id}")]);
}

#[tokio::test]
async fn same_socket_without_cookie_continues_the_session() {
    let server = start().await;
    let mut c = Client::connect(&server).await;
    let id = c.post("/prov-session", b"x", None).await.unwrap().session();
    let r = c.post("/prov-session", b"y", None).await.unwrap();
    assert_eq!(r.session(), id);
    assert_eq!(r.header("Set-Cookie"), None);
    assert_eq!(server.events().len(), 1);
}

#[tokio::test]
async fn matching_cookie_continues_on_the_same_socket() {
    let server = start().await;
    let mut c = Client::connect(&server).await;
    let id = c.post("/prov-session", b"x", None).await.unwrap().session();
    let r = c
        .post("/prov-session", b"y", Some(&format!("session={id}")))
        .await
        .unwrap();
    assert_eq!(r.session(), id);
    assert_eq!(r.header("Set-Cookie"), None);
}

#[tokio::test]
async fn cookie_replay_on_a_new_connection_continues_the_session() {
    let server = start().await;
    let mut first = Client::connect(&server).await;
    let id = first
        .post("/prov-session", b"x", None)
        .await
        .unwrap()
        .session();
    drop(first);
    let mut second = Client::connect(&server).await;
    let r = second
        .post("/prov-session", b"y", Some(&format!("session={id}")))
        .await
        .unwrap();
    assert_eq!(r.session(), id);
    assert_eq!(r.header("Set-Cookie"), None);
    assert_eq!(
        server.events(),
        vec![format!("open {id}")],
        "socket close must not close the session"
    );
}

#[tokio::test]
async fn no_cookie_on_a_new_connection_starts_a_new_session() {
    let server = start().await;
    let mut first = Client::connect(&server).await;
    let old = first
        .post("/prov-session", b"x", None)
        .await
        .unwrap()
        .session();
    let mut second = Client::connect(&server).await;
    let r = second.post("/prov-session", b"y", None).await.unwrap();
    let new = r.session();
    assert_ne!(new, old);
    assert_eq!(
        r.header("Set-Cookie"),
        Some(format!("session={new}").as_str())
    );
    assert_eq!(
        server.events(),
        vec![
            format!("open {old}"),
            format!("close {old}"),
            format!("open {new}")
        ]
    );
}

#[tokio::test]
async fn stale_cookie_starts_a_new_session_even_on_the_same_socket() {
    let server = start().await;
    let mut c = Client::connect(&server).await;
    let old = c.post("/prov-session", b"x", None).await.unwrap().session();
    let stale = format!("session={}", old.wrapping_add(1));
    let r = c.post("/prov-session", b"y", Some(&stale)).await.unwrap();
    assert_ne!(r.session(), old);
    assert!(r.header("Set-Cookie").is_some());
    assert!(server.events().contains(&format!("close {old}")));
}

#[tokio::test]
async fn extra_cookies_force_a_new_session() {
    let server = start().await;
    let mut c = Client::connect(&server).await;
    c.post("/prov-session", b"x", None).await.unwrap();
    // "session=1; a=b" fits the 19-character buffer but is not an exact match.
    let r = c
        .post("/prov-session", b"y", Some("session=1; a=b"))
        .await
        .unwrap();
    assert!(r.header("Set-Cookie").is_some());
}

#[tokio::test]
async fn cookie_of_20_or_more_chars_is_treated_as_absent() {
    let server = start().await;
    let mut c = Client::connect(&server).await;
    let id = c.post("/prov-session", b"x", None).await.unwrap().session();
    let long = format!("session={id}; theme=dark-mode");
    assert!(long.len() >= 20);
    // Same socket and an unreadable cookie: the socket fallback keeps the session.
    let r = c.post("/prov-session", b"y", Some(&long)).await.unwrap();
    assert_eq!(r.session(), id);
    assert_eq!(r.header("Set-Cookie"), None);
    // New socket and an unreadable cookie: a new session, although the id inside matches.
    let mut other = Client::connect(&server).await;
    let r = other
        .post("/prov-session", b"z", Some(&long))
        .await
        .unwrap();
    assert_ne!(r.session(), id);
    assert!(r.header("Set-Cookie").is_some());
}

#[tokio::test]
async fn cookie_match_drops_socket_tracking() {
    let server = start().await;
    let mut c = Client::connect(&server).await;
    let id = c.post("/prov-session", b"x", None).await.unwrap().session();
    c.post("/prov-session", b"y", Some(&format!("session={id}")))
        .await
        .unwrap();
    // The client proved it uses cookies; a cookieless request now starts over.
    let r = c.post("/prov-session", b"z", None).await.unwrap();
    assert_ne!(r.session(), id);
}

#[tokio::test]
async fn not_found_and_method_errors_leave_the_session_alone() {
    let server = start().await;
    let mut c = Client::connect(&server).await;
    let id = c.post("/prov-session", b"x", None).await.unwrap().session();
    let mut probe = Client::connect(&server).await;
    assert_eq!(
        probe
            .post("/nope", b"x", Some("session=1"))
            .await
            .unwrap()
            .status,
        404
    );
    let mut again = Client::connect(&server).await;
    let r = again
        .post("/prov-session", b"y", Some(&format!("session={id}")))
        .await
        .unwrap();
    assert_eq!(r.session(), id);
}
