#!/bin/bash
set -e

cat > /etc/cron.d/dten-import <<'CRON'
0 3 * * * dten /opt/dten/bin/dtenctl import --from sftp://sftp-legacy.example.net/exports/daily
CRON

sudo systemctl restart dten-agent.service
