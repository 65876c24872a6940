import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SUFFIX = '.jws';
const PREFIX = 'checkpoint-';

export interface CheckpointFile {
  file: string;
  jws: string;
}

/**
 * Writes a signed checkpoint as a new file, atomically: a reader (or a crash) sees the whole
 * file or none, never half of one. Names sort by time and say which process wrote them, so
 * several writers can share one directory.
 */
export function writeCheckpointFile(dir: string, jws: string, at: Date): string {
  fs.mkdirSync(dir, { recursive: true });
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('.', '');
  const writer = `${os.hostname().replace(/[^A-Za-z0-9.-]/g, '_')}-${process.pid}`;
  const file = path.join(dir, `${PREFIX}${stamp}-${writer}${SUFFIX}`);
  const temp = path.join(dir, `.${path.basename(file)}.tmp`);
  const fd = fs.openSync(temp, 'w', 0o644);
  try {
    fs.writeSync(fd, `${jws}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  return file;
}

/** Every checkpoint in the directory, oldest first; none when the directory does not exist. */
export function readCheckpointFiles(dir: string): CheckpointFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(PREFIX) && name.endsWith(SUFFIX))
    .sort()
    .map((name) => ({ file: path.join(dir, name), jws: fs.readFileSync(path.join(dir, name), 'utf8').trim() }));
}

/** Removes the checkpoints (and unfinished temporary files) of a directory: resets for tests and benchmarks only. */
export function removeCheckpoints(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    if (
      (name.startsWith(PREFIX) && name.endsWith(SUFFIX)) ||
      (name.startsWith(`.${PREFIX}`) && name.endsWith('.tmp'))
    ) {
      fs.rmSync(path.join(dir, name), { force: true });
    }
  }
}
