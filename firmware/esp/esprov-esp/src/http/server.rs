//! The HTTP server task: two sockets so a new connection evicts the old one (ESP-IDF runs one
//! open socket with LRU purge), one request at a time, until provisioning ends.

use edge_http::io::server::Connection;
use embassy_executor::Spawner;
use embassy_futures::select::{select, Either};
use embassy_net::tcp::TcpSocket;
use embassy_net::Stack;
use embassy_time::Duration;
use esp_println::println;

use super::request::{self, Refusal, Request};
use crate::service;
use esprov_proto::httpd::{Binding, SessionBinding};

/// protocomm's default port.
const PORT: u16 = 80;
/// An idle kept-alive connection is dropped after this long.
const IDLE: Duration = Duration::from_secs(30);
/// Room for one request head.
const HEAD: usize = 1024;

/// Spawns the server on the AP stack.
pub fn start(spawner: &Spawner, stack: Stack<'static>) -> Result<(), crate::Error> {
    crate::spawn(spawner, run(stack), "HTTP server")
}

#[embassy_executor::task]
async fn run(stack: Stack<'static>) {
    service::until_ended(serve(stack)).await;
    println!("HTTP server stopped");
}

/// Buffers of one TCP socket; the response to a 4 KiB request fits in a few KiB.
struct Buffers {
    rx: [u8; 1536],
    tx: [u8; 2048],
}

async fn serve(stack: Stack<'static>) {
    let mut a = Buffers {
        rx: [0; 1536],
        tx: [0; 2048],
    };
    let mut b = Buffers {
        rx: [0; 1536],
        tx: [0; 2048],
    };
    let mut sockets = [
        TcpSocket::new(stack, &mut a.rx, &mut a.tx),
        TcpSocket::new(stack, &mut b.rx, &mut b.tx),
    ];
    for socket in &mut sockets {
        socket.set_timeout(Some(IDLE));
    }
    let mut sessions = SessionBinding::default();
    let mut serial = 0u32;
    loop {
        // Both sockets listen, so whichever the stack hands the next connection to is served.
        let (first, second) = sockets.split_at_mut(1);
        let (index, accepted) = match select(first[0].accept(PORT), second[0].accept(PORT)).await {
            Either::First(result) => (0, result),
            Either::Second(result) => (1, result),
        };
        if accepted.is_err() {
            sockets[index].abort();
            continue;
        }
        serial = serial.wrapping_add(1);
        serve_until_evicted(&mut sockets, index, &mut serial, &mut sessions).await;
    }
}

/// Serves the socket at `current` until it closes; a new connection on the other socket evicts
/// it (ESP-IDF's LRU purge with one open socket) and is served next.
async fn serve_until_evicted(
    sockets: &mut [TcpSocket<'_>; 2],
    current: usize,
    serial: &mut u32,
    sessions: &mut SessionBinding,
) {
    let mut current = current;
    loop {
        let (first, second) = sockets.split_at_mut(1);
        let (active, standby) = if current == 0 {
            (&mut first[0], &mut second[0])
        } else {
            (&mut second[0], &mut first[0])
        };
        let outcome = select(connection(active, *serial, sessions), standby.accept(PORT)).await;
        // A graceful close (FIN), as httpd closing the socket; RST if the peer stalls.
        active.close();
        let _ = embassy_time::with_timeout(Duration::from_secs(1), active.flush()).await;
        active.abort();
        sessions.socket_closed(u64::from(*serial));
        match outcome {
            Either::Second(Ok(())) => {
                current = 1 - current;
                *serial = serial.wrapping_add(1);
            }
            Either::First(()) | Either::Second(Err(_)) => return,
        }
    }
}

/// Requests on one socket until the peer closes, a timeout, or a refusal that closes it.
async fn connection(socket: &mut TcpSocket<'_>, serial: u32, sessions: &mut SessionBinding) {
    let mut head = [0u8; HEAD];
    loop {
        let Ok(mut conn) = Connection::<_, 16>::new(&mut head, &mut *socket).await else {
            return;
        };
        let outcome = match request::read(&mut conn).await {
            Ok(req) => exchange(&mut conn, req, serial, sessions).await,
            Err(Refusal::Method(endpoint)) => {
                let status = if service::has_endpoint(&endpoint).await {
                    405
                } else {
                    404
                };
                request::respond(&mut conn, status, &[], None).await
            }
            Err(Refusal::Close) => Err(()),
        };
        if outcome.is_err() || conn.needs_close() {
            return;
        }
    }
}

/// One protocomm request: 404 for unknown endpoints, socket close on a refusal.
async fn exchange<T>(
    conn: &mut Connection<'_, T, 16>,
    req: Request,
    serial: u32,
    sessions: &mut SessionBinding,
) -> Result<(), ()>
where
    T: embedded_io_async::Read + embedded_io_async::Write,
{
    if !service::has_endpoint(&req.endpoint).await {
        return request::respond(conn, 404, &[], None).await;
    }
    let rng = esp_hal::rng::Rng::new();
    let binding = sessions.bind(req.cookie.as_deref(), u64::from(serial), || rng.random());
    let (session, cookie) = match binding {
        Binding::Continue(id) => (id, None),
        Binding::New { id, replaced } => {
            if let Some(old) = replaced {
                service::close(old).await;
            }
            service::open(id).await;
            (id, Some(id))
        }
    };
    let response = service::handle(&req.endpoint, session, &req.body)
        .await
        .ok_or(())?;
    request::respond(conn, 200, &response, cookie).await
}
