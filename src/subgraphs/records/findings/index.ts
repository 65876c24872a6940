import type { Capability } from '../capability';
import { ArchiveRecordsResolver, ArchiveRecordsStub, SanctionInEffectResolver } from './archive-records.resolver';
import { CreditRecord, RecordHistory, RecordResponsible } from './credit-record.entity';
import { RecordResolver, SubmitRecordResultResolver } from './record.resolver';
import { SubjectRecordsResolver } from './subject-records.resolver';
import { RecordArrearsResolver } from './arrears.resolver';

/** Credit records: the push (submitRecords), validation, push scope, row visibility. */
export const findings: Capability = {
  name: 'findings',
  entities: [CreditRecord, RecordResponsible, RecordHistory],
  resolvers: [
    RecordResolver,
    SubmitRecordResultResolver,
    SubjectRecordsResolver,
    ArchiveRecordsResolver,
    SanctionInEffectResolver,
    RecordArrearsResolver,
  ],
  // Reached only through the archives subgraph's entity: no resolver here returns it.
  orphanedTypes: [ArchiveRecordsStub],
};
