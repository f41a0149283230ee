//! `REMEDY_SERVE_TIMINGS=1 remedy serve` prints when each step of a rebuild ended: the batch's
//! steps counted from its first file event (what `benches/serve_reload.py` measures, in parts),
//! the steps inside the rebuild (indented) from the rebuild's start.

/// Whether `REMEDY_SERVE_TIMINGS` is set.
fn timings() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("REMEDY_SERVE_TIMINGS").is_some())
}

/// With `REMEDY_SERVE_TIMINGS` set, prints the time from `since` to the end of the step `what`.
pub fn lap(what: &str, since: std::time::Instant) {
    if timings() {
        eprintln!(
            "timings: {:>8.2} ms  {what}",
            since.elapsed().as_secs_f64() * 1000.0
        );
    }
}
