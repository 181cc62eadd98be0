//! The scan group: prov-scan's paging, read with a page size that does not divide the count.

use esprov_proto::version::{CAP_THREAD_SCAN, CAP_WIFI_SCAN};

use super::context::{CheckSession, Ctx};
use super::recorder::shown;
use super::recorder::{fail, pass, skip, Recorder, Verdict};
use crate::provision::scan::{page, start, status, wait_finished};
use crate::provision::{
    scan_pages, start_thread_scan, thread_scan_finished, thread_scan_page, thread_scan_status,
    ScanOptions,
};

/// Entries per ScanResult request: small and odd, so most counts need a short last page.
const PAGE_SIZE: u32 = 3;

pub(crate) async fn run(ctx: &mut Ctx<'_>, rec: &mut Recorder<'_>) {
    rec.run("scan.paging", paging(ctx)).await;
    rec.run("scan.thread-paging", thread_paging(ctx)).await;
}

async fn thread_paging(ctx: &Ctx<'_>) -> Verdict {
    if !ctx.info.has_cap(CAP_THREAD_SCAN) {
        return skip("the device has no thread_scan capability");
    }
    let mut session = match ctx.session().await {
        Ok(session) => session,
        Err(e) => return fail(format!("no session: {e}")),
    };
    let verdict = read_thread_pages(&mut session).await;
    session.close().await;
    verdict
}

/// Entries per ScanThreadResult request: Thread scans find few networks, so one per page.
const THREAD_PAGE_SIZE: u32 = 1;

async fn read_thread_pages(session: &mut CheckSession) -> Verdict {
    if let Err(e) = start_thread_scan(session).await {
        return fail(format!("ScanThreadStart refused: {e}"));
    }
    let count = match thread_scan_finished(session).await {
        Ok(count) => count,
        Err(e) => return fail(format!("ScanThreadStatus failed: {e}")),
    };
    if count == 0 {
        return skip("the Thread scan found no network, so there is nothing to page");
    }
    let mut seen: Vec<(String, String, u16)> = Vec::new();
    for (start_index, want) in scan_pages(count, THREAD_PAGE_SIZE) {
        let entries = match thread_scan_page(session, start_index, want).await {
            Ok(entries) => entries,
            Err(e) => {
                return fail(format!(
                    "ScanThreadResult({start_index}, {want}) failed: {e}"
                ))
            }
        };
        if entries.len() != want as usize {
            return fail(format!(
                "ScanThreadResult({start_index}, {want}) returned {} entries",
                entries.len()
            ));
        }
        for entry in entries {
            let key = (
                entry.ext_addr.clone(),
                entry.ext_pan_id.clone(),
                entry.channel,
            );
            if let Some(first) = seen.iter().position(|k| *k == key) {
                return fail(format!(
                    "network {:?} (router {}) reported twice, at {first} and {}",
                    shown(&entry.network_name),
                    entry.ext_addr,
                    seen.len()
                ));
            }
            seen.push(key);
        }
    }
    match thread_scan_status(session).await {
        Ok((_, again)) if again != count => {
            return fail(format!(
                "ScanThreadStatus said {count} results, then {again} after paging"
            ))
        }
        Ok(_) => {}
        Err(e) => return fail(format!("ScanThreadStatus after paging failed: {e}")),
    }
    if let Ok(extra) = thread_scan_page(session, count, 1).await {
        return fail(format!(
            "ScanThreadResult({count}, 1) past the end answered {} entries instead of an error",
            extra.len()
        ));
    }
    pass(format!(
        "{count} Thread results one per page, all distinct; the page past the end refused"
    ))
}

async fn paging(ctx: &Ctx<'_>) -> Verdict {
    if !ctx.info.has_cap(CAP_WIFI_SCAN) {
        return skip("the device has no wifi_scan capability");
    }
    let mut session = match ctx.session().await {
        Ok(session) => session,
        Err(e) => return fail(format!("no session: {e}")),
    };
    let verdict = read_pages(&mut session).await;
    session.close().await;
    verdict
}

async fn read_pages(session: &mut CheckSession) -> Verdict {
    let options = ScanOptions::default();
    if let Err(e) = start(session, &options).await {
        return fail(format!("ScanStart refused: {e}"));
    }
    let count = match wait_finished(session).await {
        Ok(count) => count,
        Err(e) => return fail(format!("ScanStatus failed: {e}")),
    };
    if count == 0 {
        return skip("the scan found no access point, so there is nothing to page");
    }
    let mut bssids: Vec<String> = Vec::new();
    for (start_index, want) in scan_pages(count, PAGE_SIZE) {
        let entries = match page(session, start_index, want).await {
            Ok(entries) => entries,
            Err(e) => return fail(format!("ScanResult({start_index}, {want}) failed: {e}")),
        };
        if entries.len() != want as usize {
            return fail(format!(
                "ScanResult({start_index}, {want}) returned {} entries",
                entries.len()
            ));
        }
        for entry in entries {
            if let Some(first) = bssids.iter().position(|b| *b == entry.bssid) {
                return fail(format!(
                    "BSSID {} ({:?}) reported twice, at {first} and {}",
                    entry.bssid,
                    shown(&entry.ssid),
                    bssids.len()
                ));
            }
            bssids.push(entry.bssid);
        }
    }
    match status(session).await {
        Ok((_, again)) if again != count => {
            return fail(format!(
                "ScanStatus said {count} results, then {again} after paging"
            ))
        }
        Ok(_) => {}
        Err(e) => return fail(format!("ScanStatus after paging failed: {e}")),
    }
    if let Ok(extra) = page(session, count, 1).await {
        return fail(format!(
            "ScanResult({count}, 1) past the end answered {} entries instead of an error",
            extra.len()
        ));
    }
    pass(format!(
        "{count} results in pages of {PAGE_SIZE}, all distinct; the page past the end refused"
    ))
}
