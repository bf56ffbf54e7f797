// Setup of the unit tier (`*.test.ts`): a test there does no I/O, so a socket, a listening server or a child
// process is a misnamed test — it fails here, naming the tier it belongs to, instead of slowing every run.
// The real modules (require, not import) so that a test's own `import { spawnSync }` sees the refusal too.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const childProcess = require('node:child_process');
const net = require('node:net');

const refuse = (what, tier) =>
  function refused() {
    throw new Error(`a unit test (*.test.ts) ${what}: name it *.${tier}.test.ts (tiers: jest.preset.js)`);
  };

net.Socket.prototype.connect = refuse('opened a socket', 'int');
net.Server.prototype.listen = refuse('listened on a port', 'int');
childProcess.ChildProcess.prototype.spawn = refuse('started a process', 'e2e');
for (const name of ['spawnSync', 'execSync', 'execFileSync'])
  childProcess[name] = refuse('started a process', 'e2e');
