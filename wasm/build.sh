#!/usr/bin/env bash
# Builds the search analysis as WebAssembly, one module per language, into wasm/modules/
# (committed: Remedy embeds them, so building Remedy never needs the wasm32 target).
#
#   wasm/build.sh           rebuild the modules (after changing src/search/analysis/)
#   wasm/build.sh --check   rebuild into a scratch folder and fail if the committed ones differ
#
# The build is reproducible: a pinned compiler (rust-toolchain.toml), --locked dependencies,
# no debug info, symbols stripped, and the paths of the sources remapped, so the bytes depend
# on nothing of the machine. rustup installs the compiler and the target if they are missing.
set -euo pipefail
cd "$(dirname "$0")"
wasm=$(pwd)
repo=$(cd .. && pwd)
languages=(en fr de es pt it)

check=false
case "${1:-}" in
  --check) check=true ;;
  "") ;;
  *) echo "usage: wasm/build.sh [--check]" >&2; exit 2 ;;
esac

toolchain=$(sed -n 's/^channel = "\(.*\)"$/\1/p' rust-toolchain.toml)
if ! rustup run "$toolchain" rustc --version >/dev/null 2>&1; then
  rustup toolchain install "$toolchain" --profile minimal
fi
rustup target add --toolchain "$toolchain" wasm32-unknown-unknown >/dev/null 2>&1 ||
  rustup target add --toolchain "$toolchain" wasm32-unknown-unknown

# Every path the compiler could write into the module (panic locations) is remapped: the
# repository, and the crates.io sources under CARGO_HOME.
cargo_home=${CARGO_HOME:-$HOME/.cargo}
flags=(--remap-path-prefix "$repo=/remedy")
for source in "$cargo_home"/registry/src/*/; do
  flags+=(--remap-path-prefix "${source%/}=/crates")
done
CARGO_ENCODED_RUSTFLAGS=$(IFS=$'\x1f'; echo "${flags[*]}")
export CARGO_ENCODED_RUSTFLAGS
unset RUSTFLAGS CARGO_BUILD_RUSTFLAGS

target_dir="$repo/target/wasm"
out="$wasm/modules"
if $check; then
  out="$target_dir/check"
fi
mkdir -p "$out"
for language in "${languages[@]}"; do
  cargo "+$toolchain" build --quiet --release --locked --target wasm32-unknown-unknown \
    --no-default-features --features "$language" --target-dir "$target_dir"
  cp "$target_dir/wasm32-unknown-unknown/release/remedy_analysis.wasm" "$out/analysis-$language.wasm"
done

if $check; then
  status=0
  for language in "${languages[@]}"; do
    if ! cmp -s "$out/analysis-$language.wasm" "$wasm/modules/analysis-$language.wasm"; then
      echo "wasm/modules/analysis-$language.wasm differs from what its sources build:" \
        "run wasm/build.sh and commit the modules" >&2
      status=1
    fi
  done
  [ "$status" = 0 ] && echo "wasm/modules: the ${#languages[@]} committed modules are what their sources build"
  exit "$status"
fi
for language in "${languages[@]}"; do
  printf '%s %7d bytes\n' "wasm/modules/analysis-$language.wasm" "$(wc -c <"$out/analysis-$language.wasm")"
done
