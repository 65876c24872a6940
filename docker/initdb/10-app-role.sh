#!/bin/sh
# First start of the PostgreSQL container only: the login role the hub runs as. Migrations
# (run as POSTGRES_USER, the schema owner) grant it what it may do (docs/audit.md, Roles).
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v pw="$HUB_DB_PASSWORD" <<'EOSQL'
CREATE ROLE credit_hub_app LOGIN PASSWORD :'pw';
EOSQL
