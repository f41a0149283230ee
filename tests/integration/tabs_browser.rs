//! The tabs' script (`js/tabs.js`) in headless Chromium.
