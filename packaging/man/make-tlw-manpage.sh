#!/usr/bin/env bash
# Writes tlw's man page from the program itself, so that it cannot drift from --help: help2man turns
# `tlw --help` into the page, and each sub-command listed there gets a section with its own --help.
# usage: make-tlw-manpage.sh TLW_BINARY OUTPUT.1.gz
set -euo pipefail

binary="$(realpath "$1")"
output="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Run it as plain `tlw`, so that the usage lines read "tlw ..." and not a build path.
mkdir "$work/bin"
ln -s "$binary" "$work/bin/tlw"
export PATH="$work/bin:$PATH"

# roff: a backslash is written \e; a line starting with . or ' would be a request.
escape() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }

commands="$(tlw --help | awk '/^Subcommands:/ { listing = 1; next }
                             listing && /^  [a-z]/ { print $1 }
                             listing && /^[^ ]/ { exit }')"
{
    cat "$here/tlw.h2m"
    echo "[COMMANDS]"
    echo "Each command prints its own help with \\fBtlw\\fR \\fIcommand\\fR \\fB\\-\\-help\\fR, as below."
    for command in $commands; do
        echo ".SS \"tlw $command\""
        echo ".nf"
        tlw "$command" --help | escape
        echo ".fi"
    done
} >"$work/include.h2m"

help2man --no-info --section=1 --source="TL Workbench" --manual="TL Workbench" \
    --name="transfer learning and fine-tuning of pretrained image CNNs, from the command line" \
    --include="$work/include.h2m" --output="$work/tlw.1" tlw
gzip -9n -c "$work/tlw.1" >"$output"
