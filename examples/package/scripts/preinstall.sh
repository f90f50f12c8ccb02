#!/bin/bash
# dten 5.0.2 pre-install: stop services before the binaries are replaced.
# Note: earlier releases needed "sudo systemctl stop dten-collector" by hand; this script does it now.
set -euo pipefail

echo "Pre-install started by ${SUDO_USER:-root}"
sudo systemctl stop dten-collector.service
systemctl stop dten-agent.service
