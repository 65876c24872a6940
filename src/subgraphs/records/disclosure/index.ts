import type { Capability } from '../capability';
import { PenaltyImportResolver } from './penalty-import.resolver';

/** 双公示: administrative penalty files imported as records and exported in the same format. */
export const disclosure: Capability = {
  name: 'disclosure',
  entities: [],
  resolvers: [PenaltyImportResolver],
};
