//! Generates the protobuf messages from `proto/*.proto` with protox, so no system `protoc` is needed.

const SCHEMAS: &[&str] = &[
    "constants.proto",
    "sec0.proto",
    "sec1.proto",
    "sec2.proto",
    "session.proto",
    "wifi_constants.proto",
    "thread_constants.proto",
    "wifi_config.proto",
    "wifi_scan.proto",
    "wifi_ctrl.proto",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for schema in SCHEMAS {
        println!("cargo:rerun-if-changed=proto/{schema}");
    }
    let descriptors = protox::compile(SCHEMAS, ["proto"])?;
    prost_build::Config::new()
        .btree_map(["."])
        .compile_fds(descriptors)?;
    Ok(())
}
