//! "Did you mean": the nearest known word to a misspelt one (column names of a manifest).

/// The known word within two edits of `word` (case ignored), the closest first; `None` when none is.
pub fn nearest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    known
        .iter()
        .map(|k| (distance(&word, k), *k))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance between two short words.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_column_and_strangers_find_none() {
        let known = ["device", "ssid", "passphrase", "password", "label"];
        assert_eq!(nearest("sid", &known), Some("ssid"));
        assert_eq!(nearest("Pasphrase", &known), Some("passphrase"));
        assert_eq!(nearest("devce", &known), Some("device"));
        assert_eq!(nearest("colour", &known), None);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
