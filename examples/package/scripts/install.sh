#!/bin/bash
# dten 5.0.2 install: binaries, schema, registration with the partner gateway.
INSTALL_DIR=/opt/dten
DB=dten

install -m 0755 bin/dten-agent bin/dtenctl "$INSTALL_DIR/bin/"
install -m 0644 lib/libdten.so.5 "$INSTALL_DIR/lib/"

echo "Applying schema: ALTER TABLE sessions (hybrid routing)"
psql -U dten -d "$DB" -c "ALTER TABLE sessions ADD COLUMN hybrid_route boolean NOT NULL DEFAULT false"
psql -U dten -d "$DB" -f sql/005_hybrid_index.sql

curl -fsSL -o /tmp/dten-ca-bundle.pem http://updates.northwind.example/dten/ca-bundle.pem
curl -fsS -X POST https://hooks.partner.example/api/v2/webhooks \
  -H "Content-Type: application/json" \
  -d '{"event": "session.closed", "url": "https://edge-01.internal/dten/events"}'
