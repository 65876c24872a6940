import { registerEnumType } from 'type-graphql';

/** What a client system can be told about (docs/webhooks.md). */
export enum WebhookEvent {
  LISTED = 'LISTED',
  DELISTED = 'DELISTED',
  RECORD_ADDED = 'RECORD_ADDED',
  RECORD_REPAIRED = 'RECORD_REPAIRED',
  OPINION_REQUESTED = 'OPINION_REQUESTED',
  OPINION_ANSWERED = 'OPINION_ANSWERED',
  RECORD_REVOKED = 'RECORD_REVOKED',
  RECORD_CORRECTED = 'RECORD_CORRECTED',
  RECORD_SETTLED = 'RECORD_SETTLED',
  RECORD_WITHDRAWN = 'RECORD_WITHDRAWN',
  MEASURE_LIFTED = 'MEASURE_LIFTED',
  LISTING_NOTICE = 'LISTING_NOTICE',
}
registerEnumType(WebhookEvent, {
  name: 'WebhookEvent',
  description: 'A change a client system can subscribe to, on the subjects it watches.',
  valuesConfig: {
    LISTED: { description: 'A watched subject was put on a list (名单).' },
    DELISTED: {
      description: 'A listing of a watched subject ended early (delisted, or its records were repaired or revoked).',
    },
    RECORD_ADDED: { description: 'A new record on a watched subject that you may see.' },
    RECORD_REPAIRED: { description: 'A repair of a record on a watched subject was approved (信用修复).' },
    OPINION_REQUESTED: {
      description:
        'A clean-government opinion was asked on a watched person: to discipline inspection of the person’s jurisdiction only.',
    },
    OPINION_ANSWERED: {
      description:
        'Discipline inspection answered a clean-government opinion on a watched person: to the requesting organization department only (verdict, not the text).',
    },
    RECORD_REVOKED: {
      description: 'A record on a watched subject that you could see was revoked after an objection (异议撤销).',
    },
    RECORD_CORRECTED: {
      description: 'A record on a watched subject that you may see was corrected after an objection (异议更正).',
    },
    RECORD_SETTLED: {
      description:
        'A record on a watched subject that you could see was performed in full (履行完毕: arrears repaid, judgment performed).',
    },
    RECORD_WITHDRAWN: {
      description: 'The system that pushed a record on a watched subject that you could see withdrew it (撤回).',
    },
    MEASURE_LIFTED: {
      description:
        'A joint measure on a watched subject that you may read was lifted because its record or listing left use (解除).',
    },
    LISTING_NOTICE: {
      description:
        'A watched subject is told it is to be listed (告知: reasons, basis, objection window): to the subject itself and the list’s keepers of its jurisdiction only. LISTED follows when an objection is dismissed; without one the listing takes effect the day after noticeEndsOn.',
    },
  },
});
