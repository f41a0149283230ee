//! Content tabs, in the syntax of MkDocs Material (pymdownx.tabbed): a line `=== "Label"` at the
//! start of a line opens a tab, whose content is the lines after it indented by four spaces (or
//! a tab); consecutive tabs, blank lines between them allowed, make one tab set.
//!
//! ```text
//! === "iPhone"
//!
//!     Open **Settings** …
//!
//! === "Mac"
//!
//!     Open **System Settings** …
//! ```
//!
//! This is a pass over the lines of a Markdown text before it is parsed: each tab's content is
//! taken out of its indentation and wrapped in marker lines (`<remedy-tabs>`, `<remedy-tab>`
//! and their closing tags, each alone between blank lines, which CommonMark reads as HTML
//! blocks), so that one parse of the whole text reads the contents as ordinary Markdown (lists,
//! footnotes and reference links work across tabs) and the renderer turns the markers into the
//! tabs' HTML. [`Expanded`] maps every position of the new text back to the original, so
//! problems and links are still reported where they are written, and tells a marker the pass
//! made from the same text typed by a writer. Lines inside fenced code blocks are left alone.
//! Tabs inside tabs work, up to [`MAX_DEPTH`]. A leaf: it imports nothing of Remedy's.

use std::ops::Range;

/// How deeply tab sets may be nested inside tabs.
pub const MAX_DEPTH: usize = 8;

/// The marker lines, as the renderer sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// A tab set starts.
    SetOpen,
    /// A tab starts; its label is the next of [`Expanded::labels`].
    TabOpen,
    /// A tab ends.
    TabClose,
    /// A tab set ends.
    SetClose,
}

impl Marker {
    fn text(self) -> &'static str {
        match self {
            Marker::SetOpen => "<remedy-tabs>",
            Marker::TabOpen => "<remedy-tab>",
            Marker::TabClose => "</remedy-tab>",
            Marker::SetClose => "</remedy-tabs>",
        }
    }
}

/// A problem with the tab syntax, at a byte range of the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where, in the original text.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

/// A piece of the new text: copied from the original at `original`, or written by the pass
/// (a marker, a blank line), then standing for the original position `original`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    start: usize,
    original: usize,
    len: usize,
    written: bool,
}

/// A text with its tabs turned into marker lines, and the way back to the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expanded {
    /// The text to parse.
    pub text: String,
    /// The label of every tab, in the order of their [`Marker::TabOpen`] lines.
    pub labels: Vec<String>,
    /// Where each tab set starts in the original text (its first `===` line).
    pub sets: Vec<Range<usize>>,
    /// Problems with the syntax.
    pub problems: Vec<Problem>,
    segments: Vec<Segment>,
}

impl Expanded {
    /// The original position of the new text's byte `at`: where it was copied from, or, in a
    /// part the pass wrote, the position that part stands for.
    pub fn original(&self, at: usize) -> usize {
        let index = self
            .segments
            .partition_point(|segment| segment.start <= at)
            .saturating_sub(1);
        match self.segments.get(index) {
            Some(segment) if segment.written => segment.original,
            Some(segment) => segment.original + (at - segment.start).min(segment.len),
            None => at,
        }
    }

    /// The original range of a range of the new text.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.original(range.start);
        let end = if range.end > range.start {
            self.original(range.end - 1) + 1
        } else {
            start
        };
        start..end.max(start)
    }

    /// The marker at `range` of the new text (an HTML block's range), if the pass wrote one
    /// there: the same text typed by a writer is no marker.
    pub fn marker(&self, range: &Range<usize>) -> Option<Marker> {
        let text = self.text.get(range.clone())?.trim();
        let marker = [
            Marker::SetOpen,
            Marker::TabOpen,
            Marker::TabClose,
            Marker::SetClose,
        ]
        .into_iter()
        .find(|m| m.text() == text)?;
        let start = range.start + self.text[range.clone()].find('<')?;
        let index = self
            .segments
            .partition_point(|segment| segment.start <= start)
            .checked_sub(1)?;
        let segment = self.segments[index];
        (segment.written && start + text.len() <= segment.start + segment.len).then_some(marker)
    }

    /// How many markers the pass wrote.
    pub fn marker_count(&self) -> usize {
        self.labels.len() * 2 + self.sets.len() * 2
    }
}

/// One line of the text being read: its text (with its line ending) and where it starts in the
/// original.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    original: usize,
}

impl Line<'_> {
    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The columns of leading whitespace (a tab advances to the next multiple of 4).
    fn indent(&self) -> usize {
        let mut column = 0;
        for c in self.text.chars() {
            match c {
                ' ' => column += 1,
                '\t' => column += 4 - column % 4,
                _ => break,
            }
        }
        column
    }

    /// The line without its first four columns of indentation.
    fn dedent(&self) -> Line<'_> {
        let mut column = 0;
        let mut cut = 0;
        for (at, c) in self.text.char_indices() {
            if column >= 4 {
                break;
            }
            match c {
                ' ' => column += 1,
                '\t' => column += 4 - column % 4,
                _ => break,
            }
            cut = at + c.len_utf8();
        }
        if self.is_blank() {
            // Whitespace only: keep just its line ending.
            cut = self.text.len() - self.text.len().min(line_ending(self.text).len());
        }
        Line {
            text: &self.text[cut..],
            original: self.original + cut,
        }
    }
}

fn line_ending(text: &str) -> &str {
    if text.ends_with("\r\n") {
        "\r\n"
    } else if text.ends_with('\n') {
        "\n"
    } else {
        ""
    }
}

/// What a line starting with `===` is.
enum Header {
    /// A tab: its label, and where the label is in the line.
    Tab(String, Range<usize>),
    /// `=== something` that is no tab: the label is not quoted, or empty.
    Malformed(Problem),
}

/// Reads a tab header line: `=== "Label"` at the start of the line.
fn header(line: &Line<'_>) -> Option<Header> {
    let text = line.text.trim_end();
    let rest = text.strip_prefix("===")?;
    if !rest.starts_with([' ', '\t']) || rest.trim().is_empty() {
        return None; // `===` alone underlines a heading
    }
    let at = text.len() - rest.trim_start().len();
    let written = rest.trim();
    let span = line.original + at..line.original + text.len();
    if let Some(quoted) = written
        .strip_prefix('"')
        .and_then(|w| w.strip_suffix('"'))
        .filter(|_| written.len() >= 2)
    {
        let label = quoted.trim();
        if label.is_empty() {
            return Some(Header::Malformed(Problem {
                span,
                message: "a tab has an empty label".to_string(),
                help: "write the label between the quotes, such as `=== \"iPhone\"`".to_string(),
            }));
        }
        return Some(Header::Tab(label.to_string(), span));
    }
    let bare = written.trim_matches('"');
    Some(Header::Malformed(Problem {
        span,
        message: format!("tab label `{written}` is not in double quotes"),
        help: format!("write `=== \"{bare}\"`"),
    }))
}

/// A fence that opens a code block: its character and length.
fn opening_fence(line: &Line<'_>) -> Option<(char, usize)> {
    if line.indent() > 3 {
        return None;
    }
    let text = line.text.trim_start();
    let c = text.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let count = text.chars().take_while(|x| *x == c).count();
    if count < 3 || (c == '`' && text[count..].contains('`')) {
        return None;
    }
    Some((c, count))
}

fn closes_fence(line: &Line<'_>, (c, count): (char, usize)) -> bool {
    let text = line.text.trim();
    line.indent() <= 3
        && text.chars().take_while(|x| *x == c).count() >= count
        && text.chars().all(|x| x == c)
}

/// Builds the new text and its segments.
struct Builder {
    expanded: Expanded,
}

impl Builder {
    fn copy(&mut self, line: &Line<'_>) {
        let start = self.expanded.text.len();
        self.expanded.text.push_str(line.text);
        if let Some(last) = self.expanded.segments.last_mut()
            && !last.written
            && last.start + last.len == start
            && last.original + last.len == line.original
        {
            last.len += line.text.len();
            return;
        }
        self.expanded.segments.push(Segment {
            start,
            original: line.original,
            len: line.text.len(),
            written: false,
        });
    }

    fn write(&mut self, text: &str, stands_for: usize) {
        let start = self.expanded.text.len();
        self.expanded.text.push_str(text);
        self.expanded.segments.push(Segment {
            start,
            original: stands_for,
            len: text.len(),
            written: true,
        });
    }

    fn marker(&mut self, marker: Marker, stands_for: usize) {
        self.write(&format!("\n{}\n\n", marker.text()), stands_for);
    }
}

/// Turns the tabs of `text` into marker lines (see the module documentation).
pub fn expand(text: &str) -> Expanded {
    // A tab header starts a line with `===`; without one the text is copied as it is (most
    // articles: the line-by-line pass below showed in a large site's build profile).
    if !text.starts_with("===") && !text.contains("\n===") {
        return Expanded {
            text: text.to_string(),
            labels: Vec::new(),
            sets: Vec::new(),
            problems: Vec::new(),
            segments: whole(text),
        };
    }
    expand_lines(text)
}

/// The segments of a text copied whole.
fn whole(text: &str) -> Vec<Segment> {
    if text.is_empty() {
        return Vec::new();
    }
    vec![Segment {
        start: 0,
        original: 0,
        len: text.len(),
        written: false,
    }]
}

/// [`expand`], line by line.
fn expand_lines(text: &str) -> Expanded {
    let mut builder = Builder {
        expanded: Expanded {
            text: String::with_capacity(text.len() + 64),
            labels: Vec::new(),
            sets: Vec::new(),
            problems: Vec::new(),
            segments: Vec::new(),
        },
    };
    let mut lines = Vec::new();
    let mut at = 0;
    for piece in text.split_inclusive('\n') {
        lines.push(Line {
            text: piece,
            original: at,
        });
        at += piece.len();
    }
    blocks(&lines, 0, text.len(), &mut builder);
    builder.expanded
}

/// Copies `lines` into the builder, turning their tab sets into markers. `end` is the original
/// position just past the lines.
fn blocks(lines: &[Line<'_>], depth: usize, end: usize, out: &mut Builder) {
    let mut fence: Option<(char, usize)> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Some(open) = fence {
            if closes_fence(&line, open) {
                fence = None;
            }
            out.copy(&line);
            i += 1;
            continue;
        }
        if let Some(open) = opening_fence(&line) {
            fence = Some(open);
            out.copy(&line);
            i += 1;
            continue;
        }
        match header(&line) {
            None => {
                out.copy(&line);
                i += 1;
            }
            Some(Header::Malformed(problem)) => {
                out.expanded.problems.push(problem);
                out.copy(&line);
                i += 1;
            }
            Some(Header::Tab(label, span)) => {
                if depth >= MAX_DEPTH {
                    out.expanded.problems.push(Problem {
                        span,
                        message: format!("tabs nested more than {MAX_DEPTH} deep"),
                        help: "use fewer levels of tabs inside tabs".to_string(),
                    });
                    out.copy(&line);
                    i += 1;
                    continue;
                }
                i = tab_set(lines, i, label, span, depth, out);
            }
        }
    }
    // A code block left open inside a tab ends with the tab, as it would in MkDocs.
    if let Some((c, count)) = fence
        && depth > 0
    {
        out.write(&format!("\n{}\n", c.to_string().repeat(count)), end);
    }
}

/// Writes the tab set whose first header is `lines[first]`; returns the index of the first line
/// after it.
fn tab_set(
    lines: &[Line<'_>],
    first: usize,
    first_label: String,
    first_span: Range<usize>,
    depth: usize,
    out: &mut Builder,
) -> usize {
    let set_start = lines[first].original;
    out.expanded.sets.push(first_span.clone());
    out.marker(Marker::SetOpen, set_start);
    let (mut i, mut label, mut span) = (first, first_label, first_span);
    loop {
        let header_line = lines[i];
        i += 1;
        let mut end = i;
        while end < lines.len() && (lines[end].is_blank() || lines[end].indent() >= 4) {
            end += 1;
        }
        while end > i && lines[end - 1].is_blank() {
            end -= 1;
        }
        if end == i {
            out.expanded.problems.push(Problem {
                span: span.clone(),
                message: format!("tab `{label}` has no content"),
                help: "indent the tab's content by four spaces, under its `===` line".to_string(),
            });
        }
        out.marker(Marker::TabOpen, header_line.original);
        out.expanded.labels.push(label);
        let body: Vec<Line<'_>> = lines[i..end].iter().map(Line::dedent).collect();
        let body_end = lines
            .get(end)
            .map_or_else(|| header_line.original, |line| line.original);
        blocks(&body, depth + 1, body_end, out);
        out.marker(Marker::TabClose, body_end);
        i = end;
        let mut next = i;
        while next < lines.len() && lines[next].is_blank() {
            next += 1;
        }
        match lines.get(next).and_then(header) {
            Some(Header::Tab(next_label, next_span)) => {
                i = next;
                label = next_label;
                span = next_span;
            }
            _ => break,
        }
    }
    let stands_for = lines.get(i).map_or(set_start, |line| line.original);
    out.marker(Marker::SetClose, stands_for);
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_TABS: &str = "Intro.\n\n=== \"iPhone\"\n\n    Open **Settings**.\n\n=== \"Mac\"\n\n    1. Open Finder.\n    2. Click.\n\nAfter.\n";

    /// A text without a tab header is copied whole, exactly as the line-by-line pass copies it
    /// (a `===` underline or an indented header goes through the line pass, and copies too).
    #[test]
    fn a_text_without_tabs_is_expanded_as_the_line_pass_would() {
        for text in [
            "",
            "\n",
            "One line, no ending",
            "# Title\n\nBody.\r\nMore ==== here\n",
            "Heading\n===\n\n```\n=== \"In code\"\n```\n",
            "    === \"Indented\"\n\n        four spaces: code, not a tab\n",
        ] {
            let fast = expand(text);
            assert_eq!(fast, expand_lines(text), "{text:?}");
            assert_eq!(fast.text, text);
            assert_eq!(
                fast.original(text.len().saturating_sub(1)),
                text.len().saturating_sub(1)
            );
        }
        // With a header anywhere the line pass runs.
        assert_eq!(expand(TWO_TABS), expand_lines(TWO_TABS));
        assert_eq!(expand(TWO_TABS).labels, ["iPhone", "Mac"]);
    }

    #[test]
    fn tab_contents_lose_their_indentation_between_markers() {
        let expanded = expand(TWO_TABS);
        assert_eq!(
            expanded.text,
            "Intro.\n\n\n<remedy-tabs>\n\n\n<remedy-tab>\n\n\nOpen **Settings**.\n\n</remedy-tab>\n\n\n<remedy-tab>\n\n\n1. Open Finder.\n2. Click.\n\n</remedy-tab>\n\n\n</remedy-tabs>\n\n\nAfter.\n"
        );
        assert_eq!(expanded.labels, ["iPhone", "Mac"]);
        assert!(expanded.problems.is_empty());
        assert_eq!(expanded.marker_count(), 6);
    }

    #[test]
    fn positions_map_back_to_the_original() {
        let expanded = expand(TWO_TABS);
        for needle in ["**Settings**", "Finder", "Click", "After", "Intro"] {
            let new = expanded.text.find(needle).unwrap();
            let original = TWO_TABS.find(needle).unwrap();
            assert_eq!(expanded.original(new), original, "{needle}");
            assert_eq!(
                &TWO_TABS[expanded.original_range(new..new + needle.len())],
                needle
            );
        }
        // A marker stands for its `===` line.
        let marker = expanded.text.find("<remedy-tab>").unwrap();
        assert_eq!(
            &TWO_TABS[expanded.original(marker)..][..12],
            "=== \"iPhone\""
        );
    }

    #[test]
    fn only_written_markers_are_markers() {
        let typed = "<remedy-tab>\n\nText.\n";
        let expanded = expand(typed);
        assert_eq!(expanded.marker(&(0..13)), None);
        let expanded = expand(TWO_TABS);
        let at = expanded.text.find("<remedy-tabs>").unwrap();
        assert_eq!(expanded.marker(&(at..at + 14)), Some(Marker::SetOpen));
    }

    #[test]
    fn fenced_code_is_left_alone_and_a_fence_left_open_in_a_tab_ends_with_it() {
        let text = "```\n=== \"Not a tab\"\n```\n";
        assert_eq!(expand(text).text, text);
        let open = expand("=== \"A\"\n\n    ```\n    code\n=== \"B\"\n\n    b\n");
        assert!(
            open.text.contains("code\n\n```\n\n</remedy-tab>"),
            "{}",
            open.text
        );
        assert_eq!(open.labels, ["A", "B"]);
    }

    #[test]
    fn malformed_headers_and_empty_tabs_are_problems() {
        let text = "=== iPhone\n\n=== \"\"\n\n=== \"Mac\"\nNot indented.\n";
        let found: Vec<(String, &str)> = expand(text)
            .problems
            .iter()
            .map(|p| (p.message.clone(), &text[p.span.clone()]))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "tab label `iPhone` is not in double quotes".to_string(),
                    "iPhone"
                ),
                ("a tab has an empty label".to_string(), "\"\""),
                ("tab `Mac` has no content".to_string(), "\"Mac\""),
            ]
        );
        // A setext underline is no tab.
        assert!(expand("Title\n===\n").problems.is_empty());
    }

    #[test]
    fn tabs_nest_and_tabs_written_with_a_tab_character() {
        let text = "=== \"Outer\"\n\n\t=== \"Inner\"\n\n\t\tDeep.\n";
        let expanded = expand(text);
        assert_eq!(expanded.labels, ["Outer", "Inner"]);
        let deep = expanded.text.find("Deep.").unwrap();
        assert_eq!(expanded.original(deep), text.find("Deep.").unwrap());
        assert_eq!(expanded.marker_count(), 8);
    }

    #[test]
    fn nesting_is_bounded() {
        let mut text = String::new();
        for level in 0..=MAX_DEPTH {
            text.push_str(&format!("{}=== \"L{level}\"\n\n", "    ".repeat(level)));
        }
        text.push_str(&format!("{}x\n", "    ".repeat(MAX_DEPTH + 1)));
        let expanded = expand(&text);
        assert_eq!(expanded.problems.len(), 1, "{:?}", expanded.problems);
        assert_eq!(expanded.problems[0].message, "tabs nested more than 8 deep");
    }
}
