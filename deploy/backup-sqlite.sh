#!/usr/bin/env bash
# Online backup of the receiver's SQLite database, safe while the receiver runs: SQLite's backup
# API (never a plain copy, which can be torn), checked, then moved into place.
#
#   deploy/backup-sqlite.sh [DATA_DIR] [BACKUP_DIR]
#
# DATA_DIR defaults to $DATA_DIR, else /var/lib/values-survey; BACKUP_DIR to $BACKUP_DIR, else
# /var/backups/values-survey. Writes BACKUP_DIR/responses-<UTC time>.sqlite (mode 0600), prints
# its path and how many responses it holds; with KEEP_DAYS=n, deletes this script's backups older
# than n days. The whole database comes, with the ids of erased responses, so a restore never
# takes back an erased response.
# Daily, from root's crontab:  15 2 * * *  /opt/values-survey/deploy/backup-sqlite.sh
set -euo pipefail

data_dir="${1:-${DATA_DIR:-/var/lib/values-survey}}"
backup_dir="${2:-${BACKUP_DIR:-/var/backups/values-survey}}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
db="$data_dir/responses.sqlite"

if [ ! -f "$db" ]; then
  echo "backup-sqlite: there is no database at $db (is DATA_DIR right?)" >&2
  exit 1
fi
umask 077
mkdir -p "$backup_dir"
target="$backup_dir/responses-$(date -u +%Y%m%dT%H%M%SZ).sqlite"
partial="$target.partial"
trap 'rm -f "$partial"' EXIT

counts="$(node "$here/sqlite-tool.mjs" backup "$db" "$partial")"
mv "$partial" "$target"
trap - EXIT
# Run as root while the receiver was stopped, SQLite may have made -wal and -shm files that the
# receiver's user could not open: give them the data folder's owner.
for file in "$db-wal" "$db-shm"; do
  if [ -e "$file" ]; then chown --reference="$data_dir" "$file" 2>/dev/null || true; fi
done

# Bundles the receiver has served (DATA_DIR/bundles): older snippets' scripts, kept with the data.
if [ -d "$data_dir/bundles" ]; then
  mkdir -p "$backup_dir/bundles"
  cp -p -n "$data_dir/bundles/"*.js "$backup_dir/bundles/" 2>/dev/null || true
fi

if [ -n "${KEEP_DAYS:-}" ]; then
  find "$backup_dir" -maxdepth 1 -name 'responses-*.sqlite' -mtime "+$KEEP_DAYS" -delete
fi
echo "$target ($counts)"
