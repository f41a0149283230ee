//! The width and height of an image, from its bytes, for `<img width height>` (which lets the
//! browser keep the image's place while it loads, so the text does not jump). PNG, JPEG, GIF,
//! WebP and the other raster formats are read by the `imagesize` crate, which looks only at the
//! header and decodes nothing; SVG, which it does not read, is read here from the root `<svg>`
//! element: its `width` and `height` in pixels (unitless or `px`), else its `viewBox`, the one
//! completing the other when only one length is given. A leaf: it imports nothing of Remedy's.

/// An image's size in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Dimensions {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// The extensions of the files treated as images (lower-case).
pub const IMAGE_EXTENSIONS: [&str; 7] = ["png", "jpg", "jpeg", "gif", "webp", "svg", "avif"];

/// Whether a file name has one of the [`IMAGE_EXTENSIONS`].
pub fn is_image_name(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(_, extension)| {
        IMAGE_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str())
    })
}

/// The size of the image `bytes` hold, or `None` when they are no image this module can read
/// (or a size of zero). `name` decides whether the bytes are read as SVG (`.svg`).
pub fn dimensions(name: &str, bytes: &[u8]) -> Option<Dimensions> {
    let is_svg = name
        .rsplit_once('.')
        .is_some_and(|(_, extension)| extension.eq_ignore_ascii_case("svg"));
    let (width, height) = if is_svg {
        svg_size(bytes)?
    } else {
        let size = imagesize::blob_size(bytes).ok()?;
        (size.width as f64, size.height as f64)
    };
    let round = |value: f64| -> Option<u32> {
        (value.is_finite() && value >= 0.5 && value < f64::from(u32::MAX))
            .then(|| value.round() as u32)
    };
    Some(Dimensions {
        width: round(width)?,
        height: round(height)?,
    })
}

/// The size of an SVG document from its root element.
fn svg_size(bytes: &[u8]) -> Option<(f64, f64)> {
    // The root element is near the top; a comment or a long DOCTYPE may come first.
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let text = String::from_utf8_lossy(head);
    let tag = root_svg_tag(&text)?;
    let width = attribute(tag, "width").and_then(pixels);
    let height = attribute(tag, "height").and_then(pixels);
    let view_box = attribute(tag, "viewBox").and_then(|value| {
        let numbers: Vec<f64> = value
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|part| !part.is_empty())
            .map(str::parse)
            .collect::<Result<_, _>>()
            .ok()?;
        match numbers[..] {
            [_, _, w, h] if w > 0.0 && h > 0.0 => Some((w, h)),
            _ => None,
        }
    });
    match (width, height, view_box) {
        (Some(w), Some(h), _) => Some((w, h)),
        (Some(w), None, Some((vw, vh))) => Some((w, w * vh / vw)),
        (None, Some(h), Some((vw, vh))) => Some((h * vw / vh, h)),
        (None, None, Some(size)) => Some(size),
        _ => None,
    }
}

/// The text of the root element's start tag (`<svg ...>`, without `<svg` and `>`), skipping the
/// XML declaration, comments, processing instructions and a DOCTYPE before it.
fn root_svg_tag(text: &str) -> Option<&str> {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = &after[after.find("-->")? + 3..];
        } else if rest.starts_with("<?") || rest.starts_with("<!") {
            rest = &rest[rest.find('>')? + 1..];
        } else {
            break;
        }
    }
    let after = rest
        .strip_prefix("<svg")
        .or_else(|| rest.strip_prefix("<svg:svg"))?;
    if !after.starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/') {
        return None;
    }
    // Attribute values may hold `>`; the tag ends at the first `>` outside quotes.
    let mut quote = None;
    for (at, c) in after.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), _) if c == open => quote = None,
            (None, '>') => return Some(&after[..at]),
            _ => {}
        }
    }
    None
}

/// The value of the attribute `name` in a start tag's text.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return None;
        }
        let name_end = rest.find(|c: char| c.is_whitespace() || c == '=' || c == '/')?;
        let found = &rest[..name_end];
        rest = rest[name_end..].trim_start();
        let Some(after_equals) = rest.strip_prefix('=') else {
            continue; // an attribute without a value
        };
        rest = after_equals.trim_start();
        let quote = rest.chars().next()?;
        let value = if quote == '"' || quote == '\'' {
            let end = rest[1..].find(quote)? + 1;
            let value = &rest[1..end];
            rest = &rest[end + 1..];
            value
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let value = &rest[..end];
            rest = &rest[end..];
            value
        };
        if found == name {
            return Some(value.trim());
        }
    }
}

/// A length in pixels: a plain number or one in `px`; `None` for other units and percentages,
/// which say nothing of the image's own size.
fn pixels(value: &str) -> Option<f64> {
    let number = value.strip_suffix("px").unwrap_or(value).trim();
    number.parse::<f64>().ok().filter(|n| *n > 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(width: u32, height: u32) -> Option<Dimensions> {
        Some(Dimensions { width, height })
    }

    #[test]
    fn raster_images_are_read_from_their_header() {
        // A 3 × 2 GIF header, a 1 × 1 PNG header.
        let gif = b"GIF89a\x03\x00\x02\x00\x00\x00\x00";
        assert_eq!(dimensions("a.gif", gif), size(3, 2));
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x90\x00\x00\x00\xc8\x08\x02\x00\x00\x00";
        assert_eq!(dimensions("a.png", png), size(400, 200));
        assert_eq!(dimensions("a.png", b"not an image"), None);
    }

    #[test]
    fn svg_sizes_come_from_width_height_or_the_view_box() {
        let read = |text: &str| dimensions("x.svg", text.as_bytes());
        assert_eq!(
            read("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"200px\">"),
            size(320, 200)
        );
        assert_eq!(read("<svg viewBox=\"0 0 640 400\"></svg>"), size(640, 400));
        assert_eq!(
            read("<svg width='100%' viewBox='0,0,64,40'/>"),
            size(64, 40)
        );
        assert_eq!(
            read("<svg width=\"320\" viewBox=\"0 0 640 400\">"),
            size(320, 200)
        );
        assert_eq!(
            read(
                "<?xml version=\"1.0\"?>\n<!-- a > b -->\n<!DOCTYPE svg>\n<svg data-x=\"a>b\" height=\"50\" viewBox=\"0 0 100 50\">"
            ),
            size(100, 50)
        );
        assert_eq!(read("<svg width=\"10em\" height=\"2em\">"), None);
        assert_eq!(read("<html><svg viewBox=\"0 0 1 1\">"), None);
        assert_eq!(read("<svgx viewBox=\"0 0 1 1\">"), None);
        assert_eq!(read("<svg viewBox=\"0 0 0 10\">"), None);
    }

    #[test]
    fn image_names() {
        assert!(is_image_name("Shot.PNG"));
        assert!(is_image_name("a.b.svg"));
        assert!(!is_image_name("notes.pdf"));
        assert!(!is_image_name("png"));
    }
}
