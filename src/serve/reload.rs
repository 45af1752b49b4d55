//! Live reload: a build generation counter that pages wait on, and the small script that
//! makes them wait.
//!
//! Every successful rebuild that changed the output bumps the generation. Each HTML
//! response gets, at serve time only (built files never contain it), a script that
//! long-polls [`RELOAD_PATH`] with the generation it was served at; the server answers when
//! the generation moves on (or after [`LONG_POLL`]), and the page reloads when the answer
//! differs. Hidden tabs stop polling, so background tabs do not hold the browser's few
//! connections to the server.

use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// The long-poll endpoint, at the root of the server whatever the base path.
pub const RELOAD_PATH: &str = "/__clippings/reload";

/// How long a reload request waits for a new build before answering with the same
/// generation (the page then asks again).
pub const LONG_POLL: Duration = Duration::from_secs(25);

/// The number of the last build the output reflects; waiters are woken when it changes.
#[derive(Debug, Default)]
pub struct Generation {
    value: Mutex<u64>,
    changed: Condvar,
}

impl Generation {
    pub fn current(&self) -> u64 {
        *self.value.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Marks a new build and wakes every waiting page.
    pub fn bump(&self) -> u64 {
        let mut value = self.value.lock().unwrap_or_else(|e| e.into_inner());
        *value += 1;
        self.changed.notify_all();
        *value
    }

    /// Waits until the generation differs from `since`, at most `timeout`; returns it.
    pub fn wait_past(&self, since: u64, timeout: Duration) -> u64 {
        let deadline = Instant::now() + timeout;
        let mut value = self.value.lock().unwrap_or_else(|e| e.into_inner());
        while *value == since {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            value = self
                .changed
                .wait_timeout(value, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        *value
    }
}

/// The inline script for a page served at `generation`.
pub fn script(generation: u64) -> String {
    format!(
        r#"<script>/* clippings serve: live reload (added by the preview server, not in the built site) */
(() => {{
  const served = {generation};
  let waiting = null;
  const wait = () => {{
    if (document.hidden || waiting) return;
    waiting = new AbortController();
    fetch("{RELOAD_PATH}?since=" + served, {{ cache: "no-store", signal: waiting.signal }})
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(r.statusText))))
      .then((text) => {{
        waiting = null;
        if (Number(text) !== served) location.reload();
        else wait();
      }})
      .catch(() => {{
        waiting = null;
        setTimeout(wait, 1000);
      }});
  }};
  document.addEventListener("visibilitychange", () => {{
    if (document.hidden) {{
      if (waiting) waiting.abort();
    }} else wait();
  }});
  wait();
}})();
</script>
"#
    )
}

/// `html` with `script` inserted before its last `</body>` (any case), or appended when
/// there is none.
pub fn inject(html: &[u8], script: &str) -> Vec<u8> {
    let at = html
        .windows(b"</body".len())
        .rposition(|w| w.eq_ignore_ascii_case(b"</body"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn the_script_goes_before_the_closing_body_tag() {
        let html = b"<html><body><p>x</p></body></html>\n";
        let out = String::from_utf8(inject(html, "<script>s</script>")).unwrap();
        assert_eq!(
            out,
            "<html><body><p>x</p><script>s</script></body></html>\n"
        );
    }

    #[test]
    fn the_last_closing_body_tag_wins_and_case_does_not_matter() {
        let html = b"<BODY><pre>&lt;/body&gt; </body></pre></BODY>";
        let out = String::from_utf8(inject(html, "S")).unwrap();
        assert_eq!(out, "<BODY><pre>&lt;/body&gt; </body></pre>S</BODY>");
    }

    #[test]
    fn without_a_body_tag_the_script_is_appended() {
        assert_eq!(inject(b"<p>x</p>", "S"), b"<p>x</p>S");
        assert_eq!(inject(b"", "S"), b"S");
    }

    #[test]
    fn the_script_carries_the_generation_and_the_endpoint() {
        let script = script(42);
        assert!(script.contains("const served = 42;"), "{script}");
        assert!(script.contains(RELOAD_PATH));
        assert!(script.starts_with("<script>") && script.trim_end().ends_with("</script>"));
    }

    #[test]
    fn waiters_wake_on_a_new_generation() {
        let generation = Arc::new(Generation::default());
        assert_eq!(generation.current(), 0);
        let waiter = {
            let generation = Arc::clone(&generation);
            std::thread::spawn(move || generation.wait_past(0, Duration::from_secs(60)))
        };
        std::thread::sleep(Duration::from_millis(20));
        assert_eq!(generation.bump(), 1);
        assert_eq!(waiter.join().unwrap(), 1);
    }

    #[test]
    fn a_stale_generation_answers_at_once_and_a_current_one_times_out() {
        let generation = Generation::default();
        generation.bump();
        assert_eq!(generation.wait_past(0, Duration::from_secs(60)), 1);
        assert_eq!(generation.wait_past(1, Duration::from_millis(10)), 1);
    }
}
