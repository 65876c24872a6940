import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'graphql';
import { loadExplorerExamples, readmeExamples } from '../../../src/gateway/explorer-examples';
import { statusForMediaType } from '../../../src/gateway/response-status';

/** What the explorer opens with: the client contract's files once they exist, else the README's examples. */
describe('explorer examples', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'explorer-examples-'));
    fs.writeFileSync(path.join(root, 'README.md'), '# x\n\n```graphql\n{ a }\n```\n\ntext\n\n```graphql\n{ b }\n```\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };

  it('without clients/, the fenced GraphQL blocks of the README in order', () => {
    expect(loadExplorerExamples(root).map((e) => e.query.trim())).toEqual(['{ a }', '{ b }']);
    expect(readmeExamples('```graphql\n{ a }\n```\n```graphql\n{ b }\n```\n', 1)).toHaveLength(1);
  });

  it('with clients/, one tab per operation file (any depth), with the fragments it uses from other files', () => {
    write(
      'clients/procurement/review.graphql',
      'query Review($code: String!) { creditStatus(code: $code) { ...Level } }\n',
    );
    write('clients/fragments/level.graphql', 'fragment Level on CreditStatus { level ...Score }\n');
    write('clients/fragments/score.graphql', 'fragment Score on CreditStatus { score }\n');
    write('clients/court/push.graphql', 'mutation Push { submitRecords(input: []) { created } }\n');
    write('clients/notes.md', 'not an operation');
    const examples = loadExplorerExamples(root);
    expect(examples.map((e) => e.title)).toEqual([
      path.join('court', 'push.graphql'),
      path.join('procurement', 'review.graphql'),
    ]);
    const review = parse(examples[1].query);
    expect(review.definitions.map((d) => ('name' in d ? d.name?.value : undefined))).toEqual([
      'Review',
      'Level',
      'Score',
    ]);
  });

  it('a file that does not parse is shown as written', () => {
    write('clients/broken.graphql', 'query Broken {');
    expect(loadExplorerExamples(root).map((e) => e.query)).toEqual(['# broken.graphql\n\nquery Broken {\n']);
  });
});

describe('status per media type (GraphQL over HTTP)', () => {
  const errors = (code: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ errors: [{ message: 'm', extensions: { code } }], ...extra });

  it('a request error is 200 in application/json, 400 in application/graphql-response+json', () => {
    for (const code of ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'QUERY_TOO_COMPLEX', 'BAD_USER_INPUT'])
      expect(statusForMediaType(400, 'application/json; charset=utf-8', errors(code))).toBe(200);
    expect(
      statusForMediaType(400, 'application/graphql-response+json; charset=utf-8', errors('GRAPHQL_PARSE_FAILED')),
    ).toBe(400);
  });

  it('a malformed request, and every status but 400, stay as they are', () => {
    expect(statusForMediaType(400, 'application/json', errors('BAD_REQUEST'))).toBe(400);
    expect(statusForMediaType(401, 'application/json', errors('UNAUTHENTICATED'))).toBe(401);
    expect(statusForMediaType(413, 'application/json', errors('QUERY_TOO_COMPLEX'))).toBe(413);
    expect(statusForMediaType(400, 'application/json', errors('GRAPHQL_PARSE_FAILED', { data: null }))).toBe(400);
    expect(statusForMediaType(400, 'application/json', 'not json')).toBe(400);
  });
});
