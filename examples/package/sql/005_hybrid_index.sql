-- hybrid routing lookups
CREATE INDEX sessions_hybrid_route_idx ON sessions (hybrid_route);
