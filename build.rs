//! Tells cargo to rebuild when anything under `themes/default/` changes. `include_dir!` in
//! `src/theme.rs` embeds that folder, and rustc tracks the files it embedded, but not files added
//! later: without this, a new template or asset (say `static/js/search.js`) would be missing
//! from the binary's built-in theme until some Rust file changed.

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
