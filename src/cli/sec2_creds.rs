//! `esprov sec2-creds`: a security 2 salt and verifier, printed for firmware sources.

use super::args::CredsFormat;

/// Renders a salt and verifier in the chosen format.
pub fn render(format: CredsFormat, salt: &[u8], verifier: &[u8]) -> String {
    match format {
        CredsFormat::C => c_arrays(salt, verifier),
        CredsFormat::Rust => rust_consts(salt, verifier),
        CredsFormat::Json => {
            let output = esprov::contract::Sec2CredsOutput {
                salt: hex::encode(salt),
                verifier: hex::encode(verifier),
            };
            format!("{}\n", esprov::contract::to_line(&output))
        }
        CredsFormat::Hex => format!("{}\n{}\n", hex::encode(salt), hex::encode(verifier)),
    }
}

/// The C arrays in the exact layout of `esp_prov.py --sec2_gen_cred` (PROTOCOL.md §2.3).
pub fn c_arrays(salt: &[u8], verifier: &[u8]) -> String {
    let mut out = String::from("==== Salt-verifier for security scheme 2 (SRP6a) ====\n");
    out.push_str(&c_array("sec2_salt", salt));
    out.push_str(&c_array("sec2_verifier", verifier));
    out
}

/// One `static const char NAME[] = { … };` block followed by a blank line.
fn c_array(name: &str, bytes: &[u8]) -> String {
    let mut out = format!("static const char {name}[] = {{\n");
    let lines: Vec<String> = bytes
        .chunks(16)
        .map(|chunk| {
            let items: Vec<String> = chunk.iter().map(|b| format!("{b:#04x}")).collect();
            format!("    {}", items.join(", "))
        })
        .collect();
    // Every wrapped line keeps its separator, as esp_prov's output does.
    out.push_str(&lines.join(", \n"));
    out.push_str("\n};\n\n");
    out
}

/// Rust constants for firmware written in Rust (esprov-device's config).
fn rust_consts(salt: &[u8], verifier: &[u8]) -> String {
    format!(
        "/// Security 2 salt.\npub const SEC2_SALT: [u8; {}] = {};\n\n\
         /// Security 2 verifier.\npub const SEC2_VERIFIER: [u8; {}] = {};\n",
        salt.len(),
        rust_array(salt),
        verifier.len(),
        rust_array(verifier)
    )
}

fn rust_array(bytes: &[u8]) -> String {
    let lines: Vec<String> = bytes
        .chunks(12)
        .map(|chunk| {
            let items: Vec<String> = chunk.iter().map(|b| format!("0x{b:02x},")).collect();
            format!("    {}", items.join(" "))
        })
        .collect();
    format!("[\n{}\n]", lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c_arrays_wrap_sixteen_items_and_keep_the_separator() {
        let salt: Vec<u8> = (0..18).collect();
        let text = c_arrays(&salt, &[0xab]);
        let expected = "==== Salt-verifier for security scheme 2 (SRP6a) ====\n\
            static const char sec2_salt[] = {\n    \
            0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, \n    \
            0x10, 0x11\n};\n\n\
            static const char sec2_verifier[] = {\n    0xab\n};\n\n";
        assert_eq!(text, expected);
    }

    #[test]
    fn hex_and_json_carry_both_values() {
        assert_eq!(render(CredsFormat::Hex, &[1, 2], &[3]), "0102\n03\n");
        let json: serde_json::Value =
            serde_json::from_str(&render(CredsFormat::Json, &[1, 2], &[3])).unwrap_or_default();
        assert_eq!(json["salt"], "0102");
        assert_eq!(json["verifier"], "03");
    }
}
