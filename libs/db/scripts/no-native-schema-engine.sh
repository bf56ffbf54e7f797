#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded on these machines. `prisma generate`
# only needs the file to exist; any CLI command that would run it lands here instead.
echo "The native Prisma schema engine is not installed here. Use 'npm run db:migrate' (apply) or" >&2
echo "'npm run db:migration -- <name>' (create) from the repository root; they run the WASM engine." >&2
exit 1
