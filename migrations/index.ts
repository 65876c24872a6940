import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123192946 } from './Migration20261123192946';
import { Migration20261123194105 } from './Migration20261123194105';
import { Migration20261123200026 } from './Migration20261123200026';
import { Migration20261123201932 } from './Migration20261123201932';
import { Migration20261123210654 } from './Migration20261123210654';
import { Migration20261123221043 } from './Migration20261123221043';
import { Migration20261123221044 } from './Migration20261123221044';
import { Migration20261123221512 } from './Migration20261123221512';
import { Migration20261123221823 } from './Migration20261123221823';
import { Migration20261201100000 } from './Migration20261201100000';
import { Migration20261201110000 } from './Migration20261201110000';
import { Migration20261201120000 } from './Migration20261201120000';
import { Migration20261201200000 } from './Migration20261201200000';
import { Migration20261201200100 } from './Migration20261201200100';
import { Migration20261201200200 } from './Migration20261201200200';
import { Migration20261201210000 } from './Migration20261201210000';
import { Migration20261201210100 } from './Migration20261201210100';
import { Migration20261202000000 } from './Migration20261202000000';
import { Migration20261202000100 } from './Migration20261202000100';
import { Migration20261202000200 } from './Migration20261202000200';
import { Migration20261202000400 } from './Migration20261202000400';
import { Migration20261202000500 } from './Migration20261202000500';
import { Migration20261202000600 } from './Migration20261202000600';
import { Migration20261202000700 } from './Migration20261202000700';
import { Migration20261203000100 } from './Migration20261203000100';
import { Migration20261203000600 } from './Migration20261203000600';
import { Migration20261204000100 } from './Migration20261204000100';
import { Migration20261205000100 } from './Migration20261205000100';

/**
 * Every migration, in order. Generated files are added here by `credit-hub migration create`;
 * tests/schema/migrations.test.ts fails when a file in this folder is not listed.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261123192946', class: Migration20261123192946 },
  { name: 'Migration20261123194105', class: Migration20261123194105 },
  { name: 'Migration20261123200026', class: Migration20261123200026 },
  { name: 'Migration20261123201932', class: Migration20261123201932 },
  { name: 'Migration20261123210654', class: Migration20261123210654 },
  { name: 'Migration20261123221043', class: Migration20261123221043 },
  { name: 'Migration20261123221044', class: Migration20261123221044 },
  { name: 'Migration20261123221512', class: Migration20261123221512 },
  { name: 'Migration20261123221823', class: Migration20261123221823 },
  { name: 'Migration20261201100000', class: Migration20261201100000 },
  { name: 'Migration20261201110000', class: Migration20261201110000 },
  { name: 'Migration20261201120000', class: Migration20261201120000 },
  { name: 'Migration20261201200000', class: Migration20261201200000 },
  { name: 'Migration20261201200100', class: Migration20261201200100 },
  { name: 'Migration20261201200200', class: Migration20261201200200 },
  { name: 'Migration20261201210000', class: Migration20261201210000 },
  { name: 'Migration20261201210100', class: Migration20261201210100 },
  { name: 'Migration20261202000000', class: Migration20261202000000 },
  { name: 'Migration20261202000100', class: Migration20261202000100 },
  { name: 'Migration20261202000200', class: Migration20261202000200 },
  { name: 'Migration20261202000400', class: Migration20261202000400 },
  { name: 'Migration20261202000500', class: Migration20261202000500 },
  { name: 'Migration20261202000600', class: Migration20261202000600 },
  { name: 'Migration20261202000700', class: Migration20261202000700 },
  { name: 'Migration20261203000100', class: Migration20261203000100 },
  { name: 'Migration20261203000600', class: Migration20261203000600 },
  { name: 'Migration20261204000100', class: Migration20261204000100 },
  { name: 'Migration20261205000100', class: Migration20261205000100 },
];
