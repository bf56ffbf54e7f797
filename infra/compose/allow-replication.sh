#!/bin/sh
# Run once by the postgres image on a new data directory: lets a standby on the compose network stream WAL
# (trust, like every other connection of this development setup).
echo 'host replication all all trust' >> "$PGDATA/pg_hba.conf"
