import type { RequestContext } from '../../common/context';
import { today } from '../../common/dates';
import { selfKeyOf } from '../../identity/subject-keys';
import { createRecordLoaders, type RecordLoaders } from './loaders';
import { ListingRepository } from './lists/listing.repository';
import { loadCheckFacts } from './lists/check-facts';
import type { CreditPolicy } from './policy/credit-policy';
import type { EvaluationConfig } from './policy/evaluation-config';
import type { InterceptionPolicy } from './policy/interception';
import { RecordRepository } from './findings/record.repository';
import type { DirectoryViewer, SubjectDirectory } from '../../common/subject-directory';
import { createWorkflowContext, type WorkflowContext } from './workflows/context';
import { createWebhookContext, type WebhookContext } from './webhooks/context';
import { createMonitoringContext, type MonitoringContext } from './monitoring/context';
import { createCadreContext, type CadreContext } from './cadre/context';

export interface RecordsContext extends RequestContext {
  records: {
    /** The date every publicity and listing rule is evaluated on, fixed for the request. */
    today: string;
    selfKey?: string;
    policy: CreditPolicy;
    /** Indicator system and warning rules (policy/evaluation-config.ts). */
    evaluation: EvaluationConfig;
    /** Interception and deposit relief per context (policy/interception.ts). */
    interception: InterceptionPolicy;
    repository: RecordRepository;
    listings: ListingRepository;
    loaders: RecordLoaders;
    directory: SubjectDirectory;
    /** The caller, for the registry's visibility rule in directory look-ups. */
    directoryViewer: DirectoryViewer;
  };
  /** Finders and loaders of the workflows (commitments, objections, repairs). */
  workflows: WorkflowContext;
  /** Finders and loaders of webhooks (subscriptions, deliveries, attempts). */
  webhooks: WebhookContext;
  /** Finders of monitoring (early warnings). */
  monitoring: MonitoringContext;
  /** Loaders of what cadre decisions read (files' commitments and measures, appointment verdicts). */
  cadre: CadreContext;
}

export function createRecordsContext(base: RequestContext): RecordsContext {
  const day = today();
  const policy = base.services.creditPolicy;
  const selfKey = selfKeyOf(base.viewer, base.services.keys);
  const repository = new RecordRepository(base.em, base.viewer, selfKey, day, base.audit);
  const listings = new ListingRepository(base.em, day);
  const directory = base.services.subjectDirectory(base.em, { viewer: base.viewer, requestId: base.requestId });
  let workflows: WorkflowContext | undefined;
  let webhooks: WebhookContext | undefined;
  let monitoring: MonitoringContext | undefined;
  let cadre: CadreContext | undefined;
  const context: RecordsContext = {
    ...base,
    records: {
      today: day,
      selfKey,
      policy,
      evaluation: base.services.evaluation,
      interception: base.services.interception,
      repository,
      listings,
      loaders: createRecordLoaders({
        records: repository,
        listings,
        directory,
        statusFacts: (keys) => loadCheckFacts(context, keys),
      }),
      directory,
      directoryViewer: { viewer: base.viewer, selfKey },
    },
    // Built on first use: most operations (status, blacklist, ingest) touch no workflow.
    get workflows() {
      return (workflows ??= createWorkflowContext(base.em, base.viewer, selfKey));
    },
    get webhooks() {
      return (webhooks ??= createWebhookContext(base.em, base.viewer));
    },
    get monitoring() {
      return (monitoring ??= createMonitoringContext(base.em, base.viewer, day));
    },
    get cadre() {
      return (cadre ??= createCadreContext(base.em, base.viewer, selfKey, day));
    },
  };
  return context;
}
