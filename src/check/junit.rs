//! The report as JUnit XML, the format GitLab, GitHub and Jenkins display.

use std::fmt::Write;

use super::report::{CheckResult, Outcome, Report};

/// Renders one `<testsuite>` with a `<testcase>` per check.
pub(crate) fn render(report: &Report) -> String {
    let secs = |d: std::time::Duration| format!("{:.3}", d.as_secs_f64());
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let tests = report.checks.len();
    let _ = writeln!(
        xml,
        "<testsuites name=\"esprov check\" tests=\"{tests}\" failures=\"{}\" skipped=\"{}\" time=\"{}\">",
        report.summary.fail,
        report.summary.skip,
        secs(report.elapsed)
    );
    let _ = writeln!(
        xml,
        "  <testsuite name=\"esprov check {}\" tests=\"{tests}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"{}\">",
        attr(&report.device),
        report.summary.fail,
        report.summary.skip,
        secs(report.elapsed)
    );
    xml.push_str("    <properties>\n");
    let device = &report.firmware;
    let properties = [
        ("ver", device.ver.clone()),
        ("cap", device.cap.join(",")),
        ("sec_ver", device.sec_ver.to_string()),
        ("sec_patch_ver", device.sec_patch_ver.to_string()),
        ("legacy_proto_ver", device.legacy.to_string()),
    ];
    for (name, value) in properties {
        let _ = writeln!(
            xml,
            "      <property name=\"{name}\" value=\"{}\"/>",
            attr(&value)
        );
    }
    xml.push_str("    </properties>\n");
    for check in &report.checks {
        testcase(&mut xml, check);
    }
    let mut notes: Vec<String> = report
        .board_resets
        .iter()
        .map(|why| format!("board reset: {why}"))
        .collect();
    notes.extend(
        report
            .recovery
            .iter()
            .map(|note| format!("before the next run: {note}")),
    );
    if !notes.is_empty() {
        let _ = writeln!(
            xml,
            "    <system-out>{}</system-out>",
            text(&notes.join("\n"))
        );
    }
    xml.push_str("  </testsuite>\n</testsuites>\n");
    xml
}

fn testcase(xml: &mut String, check: &CheckResult) {
    let _ = write!(
        xml,
        "    <testcase classname=\"esprov.check.{}\" name=\"{}\" time=\"{:.3}\"",
        check.group.name(),
        check.id,
        check.elapsed.as_secs_f64()
    );
    let mut body = String::new();
    match check.result {
        Outcome::Pass => {}
        Outcome::Fail => {
            let _ = writeln!(
                body,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                attr(&check.detail),
                check.id,
                text(&check.detail)
            );
        }
        Outcome::Skip => {
            let _ = writeln!(body, "      <skipped message=\"{}\"/>", attr(&check.detail));
        }
    }
    let mut out = String::new();
    if check.result == Outcome::Pass || check.figure_ms.is_some() {
        out.push_str(&check.detail);
        if let Some(ms) = check.figure_ms {
            let _ = write!(out, "\nfigure_ms={:.1}", ms.rounded());
        }
    }
    if !check.log.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        let _ = write!(out, "--- device log\n{}", check.log.join("\n"));
    }
    if !out.is_empty() {
        let _ = writeln!(body, "      <system-out>{}</system-out>", text(&out));
    }
    if body.is_empty() {
        xml.push_str("/>\n");
    } else {
        xml.push_str(">\n");
        xml.push_str(&body);
        xml.push_str("    </testcase>\n");
    }
}

/// Text content: XML's five specials escaped, characters XML 1.0 forbids replaced.
fn text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// An attribute value: like text, and newlines kept as character references.
fn attr(raw: &str) -> String {
    text(raw).replace('\n', "&#10;").replace('\t', "&#9;")
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn escapes_specials_and_replaces_forbidden_characters() {
        assert_eq!(text("a<b>&\"'\u{1}"), "a&lt;b&gt;&amp;&quot;&apos;\u{fffd}");
    }
}
