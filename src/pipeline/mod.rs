//! The build pipeline, one stage per file: [`load`] → [`parse`] → [`link`] → [`render`] →
//! [`index`] → [`mod@write`]. Only `load` reads the content tree (and [`bodies`], which reads a
//! file again when a large build let go of what it said) and only `write` writes the build dir.

pub mod bodies;
pub mod index;
pub mod link;
pub mod load;
pub mod parse;
pub mod render;
pub mod reserved;
pub mod write;
