//! Tests of the HTTP transport against loopback servers.
