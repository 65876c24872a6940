import fs from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError } from 'commander';

/** Parsers and checks of command-line arguments: run before any database is opened. */

export function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535)
    throw new InvalidArgumentError('must be a port number');
  return parsed;
}

export function count(value: string): number {
  const parsed = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('must be a whole number');
  return parsed;
}

/** A file argument that is wrong, said before the command starts a database for nothing. */
export class FileArgumentError extends Error {}

/** A file to read: it exists, is a regular file and is readable. */
export function checkInputFile(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new FileArgumentError(`文件不存在：${file} (no such file)`);
  }
  if (!stat.isFile()) throw new FileArgumentError(`不是文件：${file} (not a regular file)`);
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch {
    throw new FileArgumentError(`无法读取文件：${file} (not readable)`);
  }
}

/** A file to write: its directory exists and is writable, and it is not a directory itself. */
export function checkOutputFile(file: string): void {
  const dir = path.dirname(path.resolve(file));
  if (fs.existsSync(file) && fs.statSync(file).isDirectory())
    throw new FileArgumentError(`输出路径是目录：${file} (is a directory)`);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw new FileArgumentError(`无法写入目录：${dir} (directory missing or not writable)`);
  }
}
