#!/usr/bin/env bash
# Adds a PostgreSQL migration for the current model: ./src/Data.Postgres/add-migration.sh NAME (the same NAME as the
# SQLite migration in src/Data). Until 2026-12-03 the PostgreSQL migrations were regenerated as one "Initial" on every
# schema change; since the multi-machine deployment shipped (issue 9), databases exist to upgrade, so
# 20261203111643_PostgresInitial is frozen and every change after it is a migration of its own.
set -euo pipefail
name="${1:?usage: $0 MIGRATION_NAME}"
cd "$(dirname "$0")/../.."
dotnet ef migrations add "$name" --project src/Data.Postgres --startup-project src/Data.Postgres --output-dir Migrations
