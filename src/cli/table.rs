//! Plain aligned text tables for `scan` and `discover`.

use esprov::device_text;

/// Renders rows under a header, each column as wide as its widest cell, two spaces apart.
/// Cells may be device text (SSIDs, mDNS names): each is escaped and cut here.
pub fn render(header: &[&str], rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|cell| device_text::escape(cell)).collect())
        .collect();
    let rows = &rows;
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(width) = widths.get_mut(i) {
                *width = (*width).max(cell.chars().count());
            }
        }
    }
    let mut out = String::new();
    let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    for row in std::iter::once(&header).chain(rows) {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn columns_align_to_the_widest_cell() {
        let text = super::render(
            &["SSID", "RSSI"],
            &[
                vec!["home".into(), "-40".into()],
                vec!["a".into(), "-7".into()],
            ],
        );
        assert_eq!(text, "SSID  RSSI\nhome  -40\na     -7\n");
    }

    #[test]
    fn device_cells_cannot_reach_the_terminal_raw() {
        let text = super::render(&["SSID"], &[vec!["\u{1b}]0;owned\u{7}".into()]]);
        assert_eq!(text, "SSID\n\\u{1b}]0;owned\\u{7}\n");
    }
}
