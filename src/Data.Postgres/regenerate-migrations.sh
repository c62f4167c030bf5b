#!/usr/bin/env bash
# Regenerates the PostgreSQL migrations from the current model as one "Initial" migration (the lead runs this after
# merging other schema changes; nobody has a PostgreSQL database of Forgetless to upgrade yet). SQLite's stay in src/Data.
set -euo pipefail
cd "$(dirname "$0")/../.."
find src/Data.Postgres/Migrations -name "*.cs" -delete 2>/dev/null || true  # keeps Migrations/.editorconfig (generated code)
dotnet ef migrations add PostgresInitial --project src/Data.Postgres --startup-project src/Data.Postgres --output-dir Migrations
