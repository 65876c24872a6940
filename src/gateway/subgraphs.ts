import { CLIENT_ENTITIES } from '../auth/client.entity';
import type { SubgraphModule } from '../common/subgraph';
import { archivesSubgraph } from '../subgraphs/archives';
import { recordsSubgraph } from '../subgraphs/records';
import { subjectsSubgraph } from '../subgraphs/subjects';

/** Every subgraph of the hub, in composition order. Adding one is adding a line here. */
export const SUBGRAPHS: readonly SubgraphModule[] = [subjectsSubgraph, recordsSubgraph, archivesSubgraph];

/** Every entity: the subgraphs' and the gateway's client registry. */
export function allEntities() {
  return [...SUBGRAPHS.flatMap((subgraph) => subgraph.entities), ...CLIENT_ENTITIES];
}
