import { addMonths, today } from '../common/dates';
import type { HubServices } from '../services';
import { demoFindingBatches } from './demo/records/findings';
import { demoListings, listDemoSubject } from './demo/records/listings';
import { demoPushers, submitDemoFindings } from './demo/push';
import type { DemoSubjects } from './demo-subjects';

/**
 * Demo findings pushed the way client systems push them (so they are validated and
 * idempotent), dated relative to today so publicity windows stay meaningful: active,
 * expired, serious, tolerated, restricted, honours, and listings in force and expired.
 */
export async function loadDemoRecords(
  services: HubServices,
  named: DemoSubjects,
): Promise<{ records: number; listings: number }> {
  const now = today();
  const pushers = demoPushers(named);
  let records = 0;
  const ids = new Map<string, string>();
  for (const [viewer, inputs] of demoFindingBatches(named, pushers, (months) => addMonths(now, -months))) {
    const results = await submitDemoFindings(services, now, viewer, inputs);
    for (const result of results) ids.set(result.externalId, result.recordId);
    records += results.length;
  }
  const listings = demoListings(named, pushers, (externalId) => ids.get(externalId)!);
  for (const [viewer, input] of listings) await listDemoSubject(services, now, viewer, input);
  return { records, listings: listings.length };
}
