import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../src/http/request-context.js';
import { wantsEntities } from '../src/http/request-context.js';
import { answerRootOf } from '../src/http/routes.js';

// The root a route is said to answer with (answerRootOf) and the body its handler sends
// (wantsEntities) follow one rule for ?format=, so that the two cannot disagree.
describe('?format=Entity', () => {
  it('asks a route and its handler alike for entities, in any case', () => {
    const answers = { references: 'EntityReferences', entities: 'BackupJobSessions' } as const;
    for (const format of ['Entity', 'ENTITY', 'entity', 'Entities', 'references', '', undefined]) {
      const context = { query: () => format } as unknown as RequestContext;
      const entities = format?.toLowerCase() === 'entity';
      expect(wantsEntities(context), String(format)).toBe(entities);
      expect(answerRootOf(answers, format), String(format)).toBe(
        entities ? 'BackupJobSessions' : 'EntityReferences',
      );
    }
  });
});
