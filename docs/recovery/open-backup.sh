#!/usr/bin/env bash
# Opens an Athar backup without Athar, with two standard tools: argon2 (the
# reference Argon2 command; Debian/Ubuntu package "argon2") and GnuPG.
#
#   bash open-backup.sh athar-backup-YYYYMMDD-HHMM-xxxxxxxx.tar.gpg backup.tar
#
# It asks for the recovery phrase (five groups of five characters, typed with
# the dashes and in capitals, as Athar showed it) and writes the decrypted tar.
# What it does, so that it can be done by hand:
#   1. read the 8-character salt from the session-key packet (gpg --list-packets);
#   2. key = Argon2id(phrase, salt), t=3, m=64 MiB, p=1, 32 bytes, as hex (argon2 -r);
#   3. gpg --decrypt with that hex as the passphrase.
set -euo pipefail
in=${1:?usage: open-backup.sh BACKUP.tar.gpg OUTPUT.tar}
out=${2:?usage: open-backup.sh BACKUP.tar.gpg OUTPUT.tar}
if [ -z "${ATHAR_RECOVERY_PHRASE:-}" ]; then
  read -r -s -p "Recovery phrase: " ATHAR_RECOVERY_PHRASE
  echo >&2
fi
hex=$(gpg --batch --list-packets "$in" 2>/dev/null </dev/null | sed -n 's/.*salt \([0-9A-Fa-f]\{16\}\).*/\1/p' | head -n 1 || true)
if [ -z "$hex" ]; then
  echo "No recovery-phrase salt in $in: it is an older backup, opened with its passphrase: gpg --decrypt $in" >&2
  exit 2
fi
salt=$(printf "$(echo "$hex" | sed 's/../\\x&/g')")
key=$(printf %s "$ATHAR_RECOVERY_PHRASE" | argon2 "$salt" -id -t 3 -m 16 -p 1 -l 32 -r)
gpg --batch --quiet --pinentry-mode loopback --passphrase "$key" --output "$out" --decrypt "$in"
