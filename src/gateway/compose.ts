import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

export class CompositionError extends Error {}

/**
 * Composes subgraph SDLs into the supergraph. Errors are turned into one readable
 * message (which subgraph, what is wrong) so a bad schema stops start-up clearly.
 */
export function composeSupergraph(subgraphs: { name: string; sdl: string; url?: string }[]): string {
  const result = composeServices(
    subgraphs.map(({ name, sdl, url }) => ({ name, typeDefs: parse(sdl), url: url ?? `in-process://${name}` })),
  );
  if (result.errors && result.errors.length > 0) {
    const details = result.errors.map((error) => `  - ${error.message}`).join('\n');
    throw new CompositionError(`The subgraphs do not compose into a supergraph:\n${details}`);
  }
  return result.supergraphSdl!;
}
