#!/bin/sh
# Stands in for Prisma's native schema engine where it could not be downloaded.
# `prisma generate` never runs the engine but insists that its file exists.
echo "Prisma's native schema engine is not installed on this machine." >&2
echo "Apply migrations with: npm run db:migrate" >&2
exit 1
