import { createRequire } from 'node:module';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/common/paths';

/**
 * Loads a package of bench/package.json (PostGraphile, autocannon, and the pg they share) from
 * bench/node_modules: the compiled benchmark runs from dist/bench, whose own lookup would never
 * reach that folder. bench/install-deps.mjs installs it on demand.
 */
export const benchRequire = createRequire(path.join(PROJECT_ROOT, 'bench', 'package.json'));
