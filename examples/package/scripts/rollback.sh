#!/bin/bash
# dten rollback: restore the previous binaries from the backup taken by preinstall.
set -euo pipefail
BACKUP_DIR=/var/backups/dten

systemctl stop dten-agent.service
cp -a "$BACKUP_DIR/bin/." /opt/dten/bin/
psql -U dten -d dten -c "SELECT pg_advisory_lock(4242); ALTER TABLE sessions DROP COLUMN IF EXISTS hybrid_route; SELECT pg_advisory_unlock(4242);"
systemctl start dten-agent.service
