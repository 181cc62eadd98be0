//! The esprov device on a PC, for tests and demos.
