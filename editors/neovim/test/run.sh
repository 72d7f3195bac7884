#!/usr/bin/env bash
# The Neovim setup against the real server: headless Neovim loads editors/neovim,
# opens corpus reports, and its diagnostics must be the ones `nblint check
# --format json` reports (lsp_test.lua says what is checked).
#
#   editors/neovim/test/run.sh            # nblint from $NBLINT, else target/debug/nblint, else PATH
#
# Needs `nvim` (Debian's neovim package, 0.7 or newer) and the corpus in
# ../shared/corpus (or $NBLINT_CORPUS). NBLINT_SKIP_NVIM=1 skips the test.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
plugin=$(cd "$here/.." && pwd)
repo=$(cd "$here/../../.." && pwd)

if [ "${NBLINT_SKIP_NVIM:-}" = 1 ]; then
    echo "neovim-lsp: skipped (NBLINT_SKIP_NVIM=1)"
    exit 0
fi
if ! command -v nvim >/dev/null 2>&1; then
    echo "error: nvim not found; install Neovim (apt-get install neovim) or set NBLINT_SKIP_NVIM=1" >&2
    exit 1
fi

nblint=${NBLINT:-}
if [ -z "$nblint" ]; then
    if [ -x "$repo/target/debug/nblint" ]; then
        nblint=$repo/target/debug/nblint
    else
        nblint=$(command -v nblint || true)
    fi
fi
if [ -z "$nblint" ] || [ ! -x "$nblint" ]; then
    echo "error: no nblint executable (build it with cargo build -p nblint, or set NBLINT)" >&2
    exit 1
fi
if ! "$nblint" lsp --help >/dev/null 2>&1; then
    echo "error: $nblint has no lsp subcommand" >&2
    exit 1
fi

corpus=${NBLINT_CORPUS:-$repo/../shared/corpus}
if [ ! -d "$corpus/seeds" ] && [ "${NBLINT_SKIP_CORPUS:-}" = 1 ]; then
    echo "neovim-lsp: skipped (no corpus at $corpus, NBLINT_SKIP_CORPUS=1)"
    exit 0
fi
files=(minhe-xian-2020-ocr.txt nanyang-szfb-2019-onecell.txt)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "${files[@]}"; do
    if [ ! -f "$corpus/seeds/$f" ]; then
        echo "error: $corpus/seeds/$f not found (set NBLINT_CORPUS)" >&2
        exit 1
    fi
    cp "$corpus/seeds/$f" "$tmp/$f"
    chmod u+w "$tmp/$f"
    # What the CLI says, file by file: exit code 1 means "diagnostics found".
    for lang in zh en; do
        rc=0
        (cd "$tmp" && "$nblint" check --format json --no-color --lang "$lang" "$f") >"$tmp/$f.$lang.json" || rc=$?
        if [ "$rc" -gt 1 ]; then
            echo "error: nblint check --lang $lang $f exited with $rc" >&2
            exit 1
        fi
    done
done

list=$(IFS=,; echo "${files[*]}")
echo "neovim: $(nvim --version | head -n 1); server: $nblint lsp"
NBLINT_BIN=$nblint NBLINT_TEST_DIR=$tmp NBLINT_TEST_FILES=$list \
    timeout 600 nvim --headless -u NONE -i NONE -n \
    --cmd "set runtimepath^=$plugin" \
    -c "luafile $here/lsp_test.lua" </dev/null
