#!/usr/bin/env bash
# Puts a backup made by backup-sqlite.sh back as the receiver's database. Stop the receiver
# first (systemctl stop values-survey-receiver); start it again afterwards.
#
#   deploy/restore-sqlite.sh BACKUP_FILE [DATA_DIR]
#
# The backup is checked before anything is touched. The database it replaces is kept beside it as
# responses.sqlite.before-restore-<UTC time> (with its -wal file), never deleted. The restored
# file gets the data folder's owner.
set -euo pipefail

backup="${1:?usage: restore-sqlite.sh BACKUP_FILE [DATA_DIR]}"
data_dir="${2:-${DATA_DIR:-/var/lib/values-survey}}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
db="$data_dir/responses.sqlite"

if command -v systemctl >/dev/null 2>&1 &&
  systemctl is-active --quiet values-survey-receiver 2>/dev/null; then
  echo "restore-sqlite: the receiver is running: systemctl stop values-survey-receiver first." >&2
  exit 1
fi
if [ ! -f "$backup" ]; then
  echo "restore-sqlite: there is no backup at $backup" >&2
  exit 1
fi
counts="$(node "$here/sqlite-tool.mjs" check "$backup")"

umask 077
mkdir -p "$data_dir"
incoming="$data_dir/responses.sqlite.restoring"
cp "$backup" "$incoming"
if [ -f "$db" ]; then
  aside="$db.before-restore-$(date -u +%Y%m%dT%H%M%SZ)"
  mv "$db" "$aside"
  if [ -f "$db-wal" ]; then mv "$db-wal" "$aside-wal"; fi
  echo "the database it replaces is kept as $aside"
fi
# A -wal or -shm file left beside the restored database would belong to the old one.
rm -f "$db-wal" "$db-shm"
mv "$incoming" "$db"
chown --reference="$data_dir" "$db" 2>/dev/null || true
echo "restored $backup to $db ($counts); start the receiver again"
