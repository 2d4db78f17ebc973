#!/usr/bin/env bash
# Backup of the receiver's PostgreSQL database with pg_dump (a consistent snapshot, safe while
# receivers run), in pg_dump's custom format, checked with pg_restore --list.
#
#   deploy/backup-postgres.sh [BACKUP_DIR]
#
# The database is $DATABASE_URL, else the DATABASE_URL line of /etc/values-survey/receiver.env;
# a password comes from ~/.pgpass or $PGPASSFILE, never the command line. BACKUP_DIR defaults to
# $BACKUP_DIR, else /var/backups/values-survey. Writes BACKUP_DIR/responses-<UTC time>.pgdump
# (mode 0600) and prints its path; with KEEP_DAYS=n, deletes this script's backups older than n
# days. pg_dump must be the server's version or newer.
set -euo pipefail

backup_dir="${1:-${BACKUP_DIR:-/var/backups/values-survey}}"
url="${DATABASE_URL:-}"
if [ -z "$url" ] && [ -r /etc/values-survey/receiver.env ]; then
  url="$(sed -n 's/^DATABASE_URL=//p' /etc/values-survey/receiver.env | tail -n 1)"
fi
if [ -z "$url" ]; then
  echo "backup-postgres: set DATABASE_URL (the receiver's postgres://... address)" >&2
  exit 1
fi
umask 077
mkdir -p "$backup_dir"
target="$backup_dir/responses-$(date -u +%Y%m%dT%H%M%SZ).pgdump"
partial="$target.partial"
trap 'rm -f "$partial"' EXIT

pg_dump --format=custom --no-owner --no-privileges --file="$partial" --dbname="$url"
if ! pg_restore --list "$partial" | grep -q ' TABLE DATA [^ ]* responses '; then
  echo "backup-postgres: the dump has no responses table: is DATABASE_URL the receiver's database?" >&2
  exit 1
fi
mv "$partial" "$target"
trap - EXIT

if [ -n "${KEEP_DAYS:-}" ]; then
  find "$backup_dir" -maxdepth 1 -name 'responses-*.pgdump' -mtime "+$KEEP_DAYS" -delete
fi
echo "$target"
