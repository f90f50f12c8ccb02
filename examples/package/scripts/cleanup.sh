#!/bin/bash
set -euo pipefail
rm -f /tmp/dten-ca-bundle.pem
rm -rf "/var/tmp/dten-upgrade"
