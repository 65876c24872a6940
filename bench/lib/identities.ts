/** Regions, code bodies and names the benchmark's own subjects are made of (no seeder uses these bodies). */
import { makeUscc } from '../../src/identity';

export const YANCHENG = [
  '320900',
  '320902',
  '320903',
  '320904',
  '320921',
  '320922',
  '320923',
  '320924',
  '320925',
  '320981',
];
export const ELSEWHERE = ['410300', '410302', '320100', '320200'];

/** Subjects the ingest scenario pushes findings about: owned by the benchmark, written by nothing else. */
export const INGEST_TARGETS = 200;
const INGEST_BODY_BASE = 60_000_000;
export const SEED_BODY_BASE = 30_000_000;
const UNKNOWN_BODY_BASE = 90_000_000;
export const ARCHIVE_BODY_BASE = 70_000_000;

export function ingestTargetCodes(): string[] {
  return Array.from({ length: INGEST_TARGETS }, (_, i) =>
    makeUscc('91', YANCHENG[i % YANCHENG.length], String(INGEST_BODY_BASE + i)),
  );
}

/** Valid codes nobody registers (the "unknown" part of a blacklist batch). */
export function unknownCode(i: number): string {
  return makeUscc('91', YANCHENG[i % YANCHENG.length], String(UNKNOWN_BODY_BASE + i));
}

export const SURNAMES = ['张', '王', '李', '赵', '陈', '刘', '杨', '黄', '周', '吴'];
export const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '军', '杰'];
