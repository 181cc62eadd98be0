//! One HTTP exchange on a kept-alive socket: read the request with edge-http, write the answer.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use edge_http::io::server::Connection;
use edge_http::Method;
use embedded_io_async::{Read, Write};

/// Largest request body protocomm accepts (`MAX_REQ_BODY_LEN`).
pub const MAX_BODY: usize = 4096;

/// A request worth handing to protocomm.
pub struct Request {
    /// Endpoint name: the path without its leading `/`.
    pub endpoint: String,
    /// The `Cookie` header, if any.
    pub cookie: Option<String>,
    /// The raw protocomm payload.
    pub body: Vec<u8>,
}

/// How a read ended when it did not yield a request.
pub enum Refusal {
    /// Not POST: 405 for a known endpoint, 404 otherwise; the socket stays.
    Method(String),
    /// Bad framing or length: close the socket without an answer (ESP-IDF's handler failure).
    Close,
}

/// Reads one request's head and body.
pub async fn read<T: Read + Write>(conn: &mut Connection<'_, T, 16>) -> Result<Request, Refusal> {
    let (endpoint, cookie, length) = {
        let headers = conn.headers().map_err(|_| Refusal::Close)?;
        if headers.method != Method::Post {
            return Err(Refusal::Method(String::from(
                headers.path.trim_start_matches('/'),
            )));
        }
        if headers.headers.get("Transfer-Encoding").is_some() {
            return Err(Refusal::Close);
        }
        let length = headers.headers.content_len().ok_or(Refusal::Close)?;
        let endpoint = String::from(headers.path.trim_start_matches('/'));
        (
            endpoint,
            headers.headers.get("Cookie").map(String::from),
            length,
        )
    };
    let length = usize::try_from(length).map_err(|_| Refusal::Close)?;
    if !(1..=MAX_BODY).contains(&length) {
        return Err(Refusal::Close);
    }
    let mut body = alloc::vec![0u8; length];
    conn.read_exact(&mut body)
        .await
        .map_err(|_| Refusal::Close)?;
    Ok(Request {
        endpoint,
        cookie,
        body,
    })
}

/// Writes `status` with an optional protocomm payload and `Set-Cookie`.
pub async fn respond<T: Read + Write>(
    conn: &mut Connection<'_, T, 16>,
    status: u16,
    body: &[u8],
    cookie: Option<u32>,
) -> Result<(), ()> {
    let length = format!("{}", body.len());
    let set_cookie = cookie.map(esprov_proto::httpd::cookie_value);
    let mut headers: Vec<(&str, &str)> =
        alloc::vec![("Content-Type", "text/html"), ("Content-Length", &length)];
    if let Some(value) = &set_cookie {
        headers.push(("Set-Cookie", value));
    }
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    conn.initiate_response(status, Some(reason), &headers)
        .await
        .map_err(|_| ())?;
    conn.write_all(body).await.map_err(|_| ())?;
    conn.complete().await.map_err(|_| ())
}
