#!/usr/bin/env bash
# Restores a backup made by backup-postgres.sh into the receiver's database, in one transaction
# (all or nothing). Stop the receivers first; start them again afterwards.
#
#   deploy/restore-postgres.sh BACKUP_FILE
#
# The database is $DATABASE_URL, else the DATABASE_URL line of /etc/values-survey/receiver.env.
# It must exist (an empty one after a loss: createdb -O <user> values_survey). The receiver's
# tables in it are replaced by the backup's (--clean); nothing else is touched.
set -euo pipefail

backup="${1:?usage: restore-postgres.sh BACKUP_FILE}"
url="${DATABASE_URL:-}"
if [ -z "$url" ] && [ -r /etc/values-survey/receiver.env ]; then
  url="$(sed -n 's/^DATABASE_URL=//p' /etc/values-survey/receiver.env | tail -n 1)"
fi
if [ -z "$url" ]; then
  echo "restore-postgres: set DATABASE_URL (the receiver's postgres://... address)" >&2
  exit 1
fi
if command -v systemctl >/dev/null 2>&1 &&
  systemctl is-active --quiet values-survey-receiver 2>/dev/null; then
  echo "restore-postgres: the receiver is running: systemctl stop values-survey-receiver first." >&2
  exit 1
fi
if [ ! -f "$backup" ]; then
  echo "restore-postgres: there is no backup at $backup" >&2
  exit 1
fi
pg_restore --list "$backup" >/dev/null

pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
  --exit-on-error --dbname="$url" "$backup"
echo "restored $backup; start the receivers again"
