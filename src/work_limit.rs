//! How much work one page may cost a template: a page's output stops at [`MAX_PAGE_BYTES`], and
//! rendering it stops once it has taken [`MAX_PAGE_TIME`], checked as output is written. A
//! template that loops a hundred thousand times inside a loop of a hundred thousand, or a
//! component that calls itself four times at every level, would otherwise hang the build while
//! its memory grows; with the limit it is an error naming the template. The largest real
//! page (a kind index of a 10,000-article site, an article of the 8 MB maximum) is well under
//! both. This is a leaf: it knows nothing of templates, only of bytes and time.

use std::io::{self, Write};
use std::time::{Duration, Instant};

/// The most one page may weigh.
pub const MAX_PAGE_BYTES: usize = 64 * 1024 * 1024;
/// The longest one page may take to render.
pub const MAX_PAGE_TIME: Duration = Duration::from_secs(10);
/// The clock is read once per this many writes (templates write in small pieces).
const WRITES_PER_CLOCK: u32 = 256;

/// Which limit a page ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    /// More than [`MAX_PAGE_BYTES`].
    Size,
    /// More than [`MAX_PAGE_TIME`].
    Time,
}

/// A page's output, refusing writes past the limits.
#[derive(Debug)]
pub struct PageOutput {
    bytes: Vec<u8>,
    started: Instant,
    writes: u32,
    max_bytes: usize,
    max_time: Duration,
    exceeded: Option<Exceeded>,
}

impl PageOutput {
    /// An empty output with the standard limits, its clock started now.
    pub fn new() -> Self {
        PageOutput::with_limits(MAX_PAGE_BYTES, MAX_PAGE_TIME)
    }

    /// An empty output with other limits (for tests).
    pub fn with_limits(max_bytes: usize, max_time: Duration) -> Self {
        PageOutput {
            bytes: Vec::with_capacity(16 * 1024),
            started: Instant::now(),
            writes: 0,
            max_bytes,
            max_time,
            exceeded: None,
        }
    }

    /// The limit the page ran into, if any.
    pub fn exceeded(&self) -> Option<Exceeded> {
        self.exceeded
    }

    /// What was written.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    fn refuse(&mut self, exceeded: Exceeded) -> io::Error {
        self.exceeded = Some(exceeded);
        io::Error::other("the page is over its work limit")
    }
}

impl Default for PageOutput {
    fn default() -> Self {
        PageOutput::new()
    }
}

impl Write for PageOutput {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Some(exceeded) = self.exceeded {
            return Err(self.refuse(exceeded));
        }
        if self.bytes.len() + buf.len() > self.max_bytes {
            return Err(self.refuse(Exceeded::Size));
        }
        self.writes += 1;
        if self.writes.is_multiple_of(WRITES_PER_CLOCK) && self.started.elapsed() > self.max_time {
            return Err(self.refuse(Exceeded::Time));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_at_the_size_limit() {
        let mut output = PageOutput::with_limits(10, Duration::from_secs(60));
        output.write_all(b"0123456789").unwrap();
        assert!(output.write_all(b"x").is_err());
        assert_eq!(output.exceeded(), Some(Exceeded::Size));
        assert_eq!(output.into_bytes(), b"0123456789");
    }

    #[test]
    fn stops_at_the_time_limit() {
        let mut output = PageOutput::with_limits(usize::MAX, Duration::ZERO);
        std::thread::sleep(Duration::from_millis(2));
        let refused = (0..WRITES_PER_CLOCK).find(|_| output.write_all(b"x").is_err());
        assert_eq!(refused, Some(WRITES_PER_CLOCK - 1));
        assert_eq!(output.exceeded(), Some(Exceeded::Time));
    }
}
