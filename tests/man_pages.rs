//! The checked-in man/ pages must match what `esprov man` writes now.
//! Regenerate with `ESPROV_UPDATE_MAN=1 cargo test --test man_pages`.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

fn pages(dir: &Path) -> BTreeMap<String, String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "1"))
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            (e.file_name().to_string_lossy().into_owned(), text)
        })
        .collect()
}

#[test]
fn checked_in_man_pages_are_current() {
    let fresh = std::env::temp_dir().join(format!("esprov-man-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&fresh);
    let out = fresh.to_string_lossy().into_owned();
    common::run(&["man", "--out-dir", &out]).expect_code(0);
    let generated = pages(&fresh);
    let _ = std::fs::remove_dir_all(&fresh);
    for page in [
        "esprov.1",
        "esprov-provision.1",
        "esprov-info.1",
        "esprov-batch.1",
    ] {
        assert!(
            generated.contains_key(page),
            "{page} not generated: {generated:?}"
        );
    }
    let provision = &generated["esprov-provision.1"];
    assert!(provision.contains("\\-\\-request\\-timeout"), "{provision}");
    assert!(provision.contains("Examples:"), "{provision}");

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    if std::env::var_os("ESPROV_UPDATE_MAN").is_some() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("man/");
        for (name, text) in &generated {
            std::fs::write(dir.join(name), text).expect("write man page");
        }
        return;
    }
    let checked_in = pages(&dir);
    let stale: Vec<&String> = generated
        .keys()
        .chain(checked_in.keys())
        .filter(|name| generated.get(*name) != checked_in.get(*name))
        .collect();
    assert!(
        stale.is_empty(),
        "stale man pages {stale:?}: run `ESPROV_UPDATE_MAN=1 cargo test --test man_pages` and commit man/"
    );
}
