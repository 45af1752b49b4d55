#!/usr/bin/env bash
# The browser test of the built example site (README.md in this folder): installs what is
# missing (Debian's chromium and fonts-noto-cjk, the npm packages of package-lock.json),
# builds the release binary when needed, publishes the example site under a project-site
# subpath (http://127.0.0.1:PORT/archive/) into a temporary folder, and runs test.mjs on it.
#   KEEP=1       keep the temporary folder (the built site) and print where it is
#   SCREENSHOTS=0  do not save the screenshots (home, an article, a tag page at 390 and
#                  1280 px, light and dark) in tests/browser/screenshots/
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
started=$(date +%s)
say() { printf 'browser test: %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "browser test: not root and no sudo, cannot run: $*" >&2
    return 1
  fi
}

# System packages: the browser, and Korean fonts so Hangul is laid out as readers see it.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'ok installed' || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} (apt-get)"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi
chromium_bin="${CHROMIUM:-$(command -v chromium)}"

# Node.js 20.19 or newer (html-validate 10 needs it).
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "browser test: needs Node.js 20.19 or newer, found $(node --version 2>/dev/null || echo none)" >&2
  exit 1
fi

# npm packages, exactly as locked; reinstalled only when the lock file changed.
cd "$here"
if ! cmp -s package-lock.json node_modules/.clippings-lock 2>/dev/null; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.clippings-lock
fi

# The release binary (a no-op when it is up to date).
bin="${CARGO_TARGET_DIR:-$root/target}/release/clippings"
if command -v cargo >/dev/null 2>&1; then
  (cd "$root" && cargo build --release --locked --bin clippings)
elif [ ! -x "$bin" ]; then
  echo "browser test: $bin is missing and cargo is not installed" >&2
  exit 1
fi

# The example site (the repository root), copied so that the build's import step and cache
# never touch the working tree, published under a subpath as a GitHub project site is.
work="$(mktemp -d "${TMPDIR:-/tmp}/clippings-browser.XXXXXX")"
if [ "${KEEP:-0}" = 1 ]; then
  trap 'say "kept $work"' EXIT
else
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/site"
for item in clippings.toml content examples templates static .clippings/imports.json; do
  if [ -e "$root/$item" ]; then
    mkdir -p "$work/site/$(dirname "$item")"
    cp -R "$root/$item" "$work/site/$item"
  fi
done
port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
base_url="http://127.0.0.1:$port/archive/"
say "building the example site for $base_url"
"$bin" build --site "$work/site" --out "$work/public" --base-url "$base_url" | tail -n 2

args=(--site "$work/public" --port "$port" --base /archive/)
if [ "${SCREENSHOTS:-1}" = 1 ]; then args+=(--screenshots "$here/screenshots"); fi
status=0
CHROMIUM="$chromium_bin" node "$here/test.mjs" "${args[@]}" || status=$?
say "run.sh took $(( $(date +%s) - started )) s in all"
exit "$status"
