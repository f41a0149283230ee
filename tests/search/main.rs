//! Search, end to end: ranking quality on the labelled queries, the command line, the browser
//! client under Node (same answers as the CLI, same stems as Rust) and the search UI in headless
//! Chromium. One binary; the bundled knowledge base is built once and shared by all tests.

mod browser;
mod cli;
mod js;
mod labels;
mod quality;
mod robustness;
mod support;
mod webdriver;
