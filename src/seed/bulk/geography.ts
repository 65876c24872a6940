import type { Prng } from './prng';
import type { Authority } from './record-templates';
import { PLACE_FIRST, PLACE_SECOND, PROVINCES, type PrefectureSeed, type ProvinceSeed } from './vocabulary';

export interface County {
  region: string;
  name: string; // 江宁区
  suffix: '区' | '县' | '市';
}
export interface Prefecture extends PrefectureSeed {
  province: ProvinceSeed;
  counties: County[];
}

/** One government and what hangs under it: what later phases need, kept compact. */
export interface Unit {
  index: number;
  region: string;
  level: 'city' | 'county';
  place: string; // 南京市 / 江宁区
  suffix: string; // 市 / 区 / 县
  provinceAbbr: string;
  docAbbr: string; // 宁 / 江
  governmentId: number;
  governmentCode: string;
  orgDeptId: number;
  /** Global department indexes (see Hierarchy.dept*). */
  departments: number[];
  townships: { id: number; name: string }[];
  authority: Partial<Record<Authority, string>>;
  servantStart: number;
  servantCount: number;
}

/** The governments made so far, their departments by global index, and the civil servants' keys in order. */
export interface Hierarchy {
  units: Unit[];
  /** Departments by global index: id, servant range, short name and head title (for positions). */
  deptId: number[];
  deptServantStart: number[];
  deptServantCount: number[];
  deptShort: string[];
  deptHead: string[];
  servantKeys: string[];
}

export function emptyHierarchy(): Hierarchy {
  return {
    units: [],
    deptId: [],
    deptServantStart: [],
    deptServantCount: [],
    deptShort: [],
    deptHead: [],
    servantKeys: [],
  };
}

export function newUnit(pref: Prefecture, county: County | null): Unit {
  return {
    index: -1,
    region: county ? county.region : `${pref.code}00`,
    level: county ? 'county' : 'city',
    place: county ? county.name : `${pref.name}市`,
    suffix: county ? county.suffix : '市',
    provinceAbbr: pref.province.abbr,
    docAbbr: county ? county.name[0]! : pref.abbr,
    governmentId: 0,
    governmentCode: '',
    orgDeptId: 0,
    departments: [],
    townships: [],
    authority: {},
    servantStart: 0,
    servantCount: 0,
  };
}

/** Prefectures with made-up counties (districts, counties, county-level cities), provinces interleaved. */
export function buildGeography(prng: Prng): Prefecture[] {
  const byProvince = PROVINCES.map((province) =>
    province.prefectures.map((pref): Prefecture => {
      const used = new Set<string>();
      const counties: County[] = [];
      const add = (first: number, count: number, suffix: County['suffix']) => {
        for (let i = 0; i < count; i++) {
          let name: string;
          do name = prng.pick(PLACE_FIRST) + prng.pick(PLACE_SECOND) + suffix;
          while (used.has(name) || name[0] === name[1]);
          used.add(name);
          counties.push({ region: pref.code + String(first + i).padStart(2, '0'), name, suffix });
        }
      };
      add(1, prng.int(2, 9), '区');
      add(21, prng.int(0, 8), '县');
      add(81, prng.int(0, 3), '市');
      return { ...pref, province, counties };
    }),
  );
  // Interleave provinces so that even a small load spans several of them.
  const order: Prefecture[] = [];
  for (let i = 0; order.length < byProvince.flat().length; i++) {
    for (const list of byProvince) if (list[i]) order.push(list[i]!);
  }
  return order;
}
