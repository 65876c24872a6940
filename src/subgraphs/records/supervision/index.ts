import type { Capability } from '../capability';
import { SupervisionResolver } from './supervision.resolver';

/** 自动监督: what platforms did with their blacklist checks, and the ledger the credit office supervises them by. */
export const supervision: Capability = {
  name: 'supervision',
  entities: [],
  resolvers: [SupervisionResolver],
};
