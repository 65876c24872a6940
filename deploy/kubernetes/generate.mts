/**
 * `npm run manifests`: validates every object against the Kubernetes API schemas and writes
 * deploy/kubernetes/{base,production}/*.yaml. `--json` prints the files as JSON instead of
 * writing them (tests/deployment/kubernetes.test.ts compares them with the committed ones).
 */
import fs from 'node:fs';
import path from 'node:path';
import { generatedFiles, manifests, PROFILES } from './manifests.mjs';

// The sources' folder: dist/deploy/kubernetes -> deploy/kubernetes.
const ROOT = path.resolve(import.meta.dirname, '..', '..', '..', 'deploy', 'kubernetes');

for (const profile of PROFILES)
  for (const file of manifests(profile)) for (const object of file.objects) object.validate();
const files = generatedFiles();
if (process.argv.includes('--json')) {
  process.stdout.write(JSON.stringify(Object.fromEntries(files)));
} else {
  for (const [name, content] of files) {
    fs.mkdirSync(path.dirname(path.join(ROOT, name)), { recursive: true });
    fs.writeFileSync(path.join(ROOT, name), content);
  }
  process.stdout.write(`wrote ${files.size} files under ${path.relative(process.cwd(), ROOT) || '.'}\n`);
}
