#!/bin/bash
# dten 5.0.1: retire the 4.x session table once the import has run.
set -e
psql -U dten -d dten -c "DROP TABLE IF EXISTS legacy_sessions"
