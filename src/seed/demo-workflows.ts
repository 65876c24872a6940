import type { HubServices } from '../services';
import { demoCadreFacts } from './demo/workflows/cadre';
import { demoRepayments } from './demo/workflows/arrears';
import { demoCases } from './demo/workflows/cases';
import { demoCommitments } from './demo/workflows/commitments';
import { demoComplaints } from './demo/workflows/complaints';
import { workflowContext } from './demo/workflows/context';
import { pushWorkflowFindings } from './demo/workflows/findings';
import { demoMeasures } from './demo/workflows/measures';
import { demoObjections, demoRepairs } from './demo/workflows/objections-and-repairs';
import { demoOpinions } from './demo/workflows/opinions';
import { demoInterceptions } from './demo/workflows/interceptions';
import { demoFindingLife } from './demo/workflows/finding-life';
import type { DemoSubjects } from './demo-subjects';

/**
 * Workflow examples in every state, made through the workflow services as a client would:
 * commitments PENDING / OVERDUE / FULFILLED / BREACHED / CHANGED, objections FILED / UPHELD /
 * CORRECTED / REVOKED, repairs SUBMITTED / APPROVED / REJECTED, joint measures INITIATED /
 * ACCEPTED / NOT_APPLICABLE / FED_BACK, complaints SUBMITTED / ASSIGNED / VERIFIED (with its
 * record) / REJECTED / CLOSED, government cases OPEN / RESOLVED, 廉政意见 ANSWERED / REQUESTED,
 * a repayment of arrears (清欠), blacklist checks reported on and not (自动监督), and a finding's whole life
 * (a case's record SETTLED, a withdrawal, a repair; their measures LIFTED, one confirmed).
 * They use records pushed here (响水县, 320921) so the findings other demo examples rely on keep
 * their meaning.
 */
export async function loadDemoWorkflows(services: HubServices, named: DemoSubjects): Promise<number> {
  // `credit-hub seed` is idempotent: the workflow steps are not, so they run once.
  const [loaded] = await services.orm.em.fork().execute('SELECT EXISTS (SELECT 1 FROM records.commitment) AS present');
  if (loaded.present) return 0;
  const ctx = workflowContext(services, named);
  const id = await pushWorkflowFindings(services, ctx);
  // In this order: the workflow ids (and the workflow events) follow it.
  await demoCommitments(ctx);
  await demoObjections(ctx, id);
  await demoRepairs(ctx, id);
  await demoMeasures(ctx, id);
  await demoComplaints(ctx);
  await demoCases(ctx);
  await demoOpinions(ctx);
  await demoCadreFacts(services, ctx);
  await demoRepayments(services, ctx, id);
  await demoInterceptions(services, named);
  await demoFindingLife(services, ctx);
  return 36;
}
