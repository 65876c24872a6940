import fs from 'node:fs';
import path from 'node:path';
import { HUB_NODE_FLAGS } from '../../src/cli/node-flags';

/** Every real start of the hub carries its V8 flags (src/cli/node-flags.ts): npm start and the image. */
const ROOT = path.resolve(__dirname, '..', '..');

describe('the hub starts with its V8 flags', () => {
  it('npm start passes them to node before the CLI', () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(scripts.start).toBe(`node ${HUB_NODE_FLAGS.join(' ')} dist/src/cli/main.js serve`);
  });

  it("the image's ENTRYPOINT passes them to node before the CLI", () => {
    const dockerfile = fs.readFileSync(path.join(ROOT, 'docker', 'Dockerfile'), 'utf8');
    const entrypoint = /^ENTRYPOINT (.*)$/m.exec(dockerfile)?.[1];
    expect(JSON.parse(entrypoint!)).toEqual(['node', ...HUB_NODE_FLAGS, 'dist/src/cli/main.js']);
  });
});
