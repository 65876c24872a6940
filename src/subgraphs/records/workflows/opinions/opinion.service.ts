import type { EntityManager } from '@mikro-orm/postgresql';
import { answersOpinion, requestsOpinionOn, withdrawsOpinion } from '../rules';
import { demand } from '../../../../auth/step-rights';
import type { Principal } from '../../../../auth/principal';
import { AppointmentPurpose } from '../../../../common/appointment-purpose';
import type { SubjectDirectory } from '../../../../common/subject-directory';
import { pgArray } from '../../../../db/sql';
import type { SubjectKeys } from '../../../../identity/subject-keys';
import {
  recordEvent,
  required,
  transition,
  WorkflowObjectType,
  type WorkflowSpec,
} from '../../lifecycle/state-machine';
import { notifyOpinions } from '../../webhooks/outbox';
import { WebhookEvent } from '../../webhooks/events';
import { OpinionState, OpinionVerdict } from './opinion.entity';
import { checkDueOn, resolveCandidates } from './opinion.candidates';

export const OPINION_WORKFLOW: WorkflowSpec<OpinionState> = {
  objectType: WorkflowObjectType.INTEGRITY_OPINION,
  table: 'records.integrity_opinion',
  transitions: {
    [OpinionState.REQUESTED]: [OpinionState.ANSWERED, OpinionState.WITHDRAWN],
    [OpinionState.ANSWERED]: [],
    [OpinionState.WITHDRAWN]: [],
  },
};

export interface OpinionDraft {
  personCodes: string[];
  purpose: AppointmentPurpose;
  dueOn?: string | null;
  note?: string | null;
}

interface OpinionRow {
  state: OpinionState;
  person_region: string;
  requester_key: string;
}

/**
 * 征求党风廉政意见 (docs/workflows.md): an organization department asks discipline inspection for
 * an opinion on each of its candidates (REQUESTED); discipline inspection of the person's
 * jurisdiction answers (ANSWERED: NO_OBJECTION, CONCERNS with text, UNDER_INVESTIGATION), also
 * after dueOn (the request is then overdue and monitoring warns); the requester may withdraw an
 * unanswered request. All or nothing: one bad person code refuses the whole call.
 */
export class OpinionService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Principal,
    private readonly selfKey: string | undefined,
    private readonly today: string,
    private readonly directory: SubjectDirectory,
    private readonly keys: SubjectKeys,
  ) {}

  /** One REQUESTED opinion per distinct person (input order); an open request for the same purpose is kept. */
  async request(draft: OpinionDraft): Promise<string[]> {
    const dueOn = checkDueOn(draft.dueOn, this.today);
    const persons = await resolveCandidates(this.keys, this.directory, draft.personCodes, (entry) =>
      requestsOpinionOn.holds(this.viewer, { ...entry, selfKey: this.selfKey, intake: isIntake(draft.purpose) }),
    );
    const requester = this.selfKey!;
    const [own] = await this.directory.lookup([requester]);
    const requesterRegion = own?.regionCode ?? (this.viewer.regionPrefix ?? '').padEnd(6, '0');
    const note = draft.note?.trim() || null;
    return this.em.transactional(async (em) => {
      const inserted: { id: string }[] = await em.execute(
        `INSERT INTO records.integrity_opinion (person_key, person_region, requester_key, requester_region, purpose, note, due_on, requested_by, requester_role)
         SELECT p.key, p.region, ?, ?, ?, ?, ?::date, ?, ? FROM jsonb_to_recordset(?::jsonb) AS p(key text, region varchar(6))
         ON CONFLICT (person_key, requester_key, purpose) WHERE state = 'REQUESTED' DO NOTHING RETURNING id::text`,
        [
          requester,
          requesterRegion,
          draft.purpose,
          note,
          dueOn,
          this.viewer.clientId,
          this.viewer.role,
          JSON.stringify(persons.map((p) => ({ key: p.key, region: p.regionCode }))),
        ],
      );
      // The history is read by everyone who sees the opinion (the file's readers too): the purpose, not the note.
      for (const row of inserted)
        await recordEvent(
          em,
          WorkflowObjectType.INTEGRITY_OPINION,
          row.id,
          null,
          OpinionState.REQUESTED,
          this.viewer,
          draft.purpose,
        );
      await notifyOpinions(
        em,
        WebhookEvent.OPINION_REQUESTED,
        inserted.map((row) => row.id),
      );
      const open: { id: string; person_key: string }[] = await em.execute(
        `SELECT id::text, person_key FROM records.integrity_opinion
         WHERE requester_key = ? AND purpose = ? AND state = 'REQUESTED' AND person_key = ANY(?::text[])`,
        [requester, draft.purpose, pgArray(persons.map((p) => p.key))],
      );
      const byPerson = new Map(open.map((row) => [row.person_key, row.id]));
      return persons.map((p) => byPerson.get(p.key)).filter((id): id is string => !!id);
    });
  }

  /** 回复: discipline inspection of the person's jurisdiction gives its opinion; CONCERNS needs the text. */
  answer(id: string, verdict: OpinionVerdict, text?: string | null) {
    const body = verdict === OpinionVerdict.CONCERNS ? required(text, 'text') : text?.trim() || null;
    return this.em.transactional(async (em) => {
      await transition<OpinionState, OpinionRow>(em, OPINION_WORKFLOW, {
        id,
        to: OpinionState.ANSWERED,
        actor: this.viewer,
        // The history is read by whoever sees the opinion: it carries the verdict, never the text.
        reason: verdict,
        authorize: (row) => demand(answersOpinion, this.viewer, row),
        set: () => ({ verdict, text: body, answered_by: this.viewer.clientId, answered_on: this.today }),
      });
      await notifyOpinions(em, WebhookEvent.OPINION_ANSWERED, [id]);
      return id;
    });
  }

  /** The requesting department no longer needs the opinion (the candidate withdrew, the post was filled). */
  withdraw(id: string, reason: string) {
    const text = required(reason, 'reason');
    return this.em.transactional(async (em) => {
      await transition<OpinionState, OpinionRow>(em, OPINION_WORKFLOW, {
        id,
        to: OpinionState.WITHDRAWN,
        actor: this.viewer,
        reason: text,
        authorize: (row) => demand(withdrawsOpinion, this.viewer, { ...row, selfKey: this.selfKey }),
      });
      return id;
    });
  }
}

/** 录用、调任: the candidate comes from outside the department's management. */
function isIntake(purpose: AppointmentPurpose): boolean {
  return purpose === AppointmentPurpose.RECRUITMENT || purpose === AppointmentPurpose.TRANSFER;
}
