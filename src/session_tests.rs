//! Tests of scheme selection and the handshake driver.
