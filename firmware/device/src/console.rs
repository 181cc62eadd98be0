//! The console scheme's text protocol (PROTOCOL.md §3.3), sans-IO: request lines
//! `<endpoint> <session-id> <hex>` in, answer frames and the prompt out. The chip's console
//! task and the virtual device's console both use it, so the line rules exist once.

mod frame;
mod line;
mod request;
mod stock;

pub use frame::{answer_frame, PROMPT};
pub use line::{Line, LineAssembler, LINE_LIMIT};
pub use request::{parse_request, ConsoleRequest, ConsoleSession, RequestLineError, Switch};
pub use stock::{
    stock_answer_frame, stock_command, stock_text, StockLineReader, StockStep, STOCK_LINE_BYTES,
    STOCK_PROMPT_DELAY_MS,
};
