import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../../auth/principal';
import { demand } from '../../../auth/step-rights';
import { ConflictError, InputError } from '../../../common/errors';
import { bilingual } from '../../../common/language';
import type { DirectoryEntry, SubjectDirectory } from '../../../common/subject-directory';
import type { SubjectKeys } from '../../../identity/subject-keys';
import { SubjectKind } from '../../../common/subject-kind';
import { subjectStub } from '../subject.stub';
import type { EvaluationConfig } from '../policy/evaluation-config';
import { loadFacts } from './facts';
import type { Evaluation, Ranking, RankingEntry } from './monitoring.types';
import { asOfDay, parsePeriod, previousPeriod, type Period } from './period';
import { evaluate, rank, type EvaluationResult } from './scoring';
import { checkRanking, governmentLevelMatches } from './ranking-scope';
import { publishesRankings, readsEvaluations } from './rules';
import { invalidCodeError } from '../../../identity';

interface Scored {
  key: string;
  regionCode: string;
  score: number;
  result: EvaluationResult;
}

interface LiveRanking {
  period: Period;
  rows: { rank: number; scored: Scored; previous: { rank: number; score: number } | null }[];
}

/** A row of records.ranking_entry as published() selects it. */
interface RankingEntryRow {
  subject_key: string;
  rank: number;
  score: number;
  previous_rank: number | null;
  previous_score: number | null;
}

/**
 * Evaluation and rankings (docs/monitoring.md). Numbers are recomputed from the records on
 * every read, with the one `recordCounts` rule, until a ranking is published: then the
 * published rows are returned as frozen.
 */
export class EvaluationService {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Principal,
    private readonly today: string,
    private readonly config: EvaluationConfig,
    private readonly directory: SubjectDirectory,
    private readonly keys: SubjectKeys,
  ) {}

  period(code: string): Period {
    const period = parsePeriod(code, this.config.periodGranularity);
    if (period.start > this.today)
      throw new InputError(bilingual(`评价期 ${code} 尚未开始`, `period ${code} has not started`), { field: 'period' });
    return period;
  }

  /** One subject's evaluation; null for a valid code nobody registered. */
  async evaluation(subjectCode: string, periodCode: string): Promise<Evaluation | null> {
    const period = this.period(periodCode);
    const code = this.keys.identify(subjectCode ?? '');
    if (!code.check.valid) throw invalidCodeError(subjectCode ?? '', code.check, { field: 'subjectCode' });
    // Only organizations are evaluated: an ID number is refused before any look-up,
    // so the answer never tells whether a person is registered.
    const uscc = code.types.indexOf('USCC');
    if (uscc < 0)
      throw new InputError(
        bilingual(
          'subjectCode 须为统一社会信用代码（只评价组织）',
          'subjectCode must be a USCC: only organizations are evaluated',
        ),
        {
          field: 'subjectCode',
        },
      );
    const [entry] = await this.directory.lookup([code.keys[uscc]]);
    if (!entry) return null;
    if (!this.config.monitoredKinds.includes(entry.kind))
      throw new InputError(
        bilingual(
          `${entry.kind} 不在评价范围内（monitoredKinds）`,
          `a ${entry.kind} is not evaluated (monitoredKinds)`,
        ),
        { field: 'subjectCode' },
      );
    demand(readsEvaluations, this.viewer, { region: entry.regionCode });
    const [scored] = await this.score([entry], period);
    return toEvaluation(period, this.config.version, scored);
  }

  async ranking(periodCode: string, kind: SubjectKind, regionPrefix: string): Promise<Ranking> {
    const period = this.period(periodCode);
    checkRanking(kind, regionPrefix);
    const frozen = await this.published(period.code, kind, regionPrefix);
    if (frozen) return frozen;
    demand(readsEvaluations, this.viewer, { region: regionPrefix });
    const live = await this.live(period, kind, regionPrefix);
    return {
      period: period.code,
      kind,
      regionPrefix,
      published: false,
      publishedAt: null,
      indicatorVersion: this.config.version,
      entries: live.rows.map((row) => entryOf(row)),
    };
  }

  /** Freezes the ranking (CREDIT_OFFICE of the jurisdiction, a period that has ended); publishing twice is CONFLICT. */
  async publish(periodCode: string, kind: SubjectKind, regionPrefix: string): Promise<Ranking> {
    const period = this.period(periodCode);
    checkRanking(kind, regionPrefix);
    demand(publishesRankings, this.viewer, { region: regionPrefix });
    if (period.end >= this.today)
      throw new InputError(bilingual(`评价期 ${period.code} 尚未结束`, `period ${period.code} has not ended`), {
        field: 'period',
      });
    return this.em.transactional(async (em) => {
      const inTransaction = new EvaluationService(em, this.viewer, this.today, this.config, this.directory, this.keys);
      const live = await inTransaction.live(period, kind, regionPrefix);
      const [publication] = await em.execute(
        `INSERT INTO records.ranking_publication (period, kind, region_prefix, indicator_version, published_by) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (period, kind, region_prefix) DO NOTHING RETURNING id::text`,
        [period.code, kind, regionPrefix, this.config.version, this.viewer.clientId],
      );
      if (!publication)
        throw new ConflictError(
          bilingual(
            `${regionPrefix} 的 ${period.code} ${kind} 排名已发布`,
            `the ${period.code} ${kind} ranking of ${regionPrefix} is already published`,
          ),
          {
            state: 'PUBLISHED',
          },
        );
      const rows = live.rows.map((row) => ({
        subject_key: row.scored.key,
        subject_region: row.scored.regionCode,
        rank: row.rank,
        score: row.scored.score,
        previous_rank: row.previous?.rank ?? null,
        previous_score: row.previous?.score ?? null,
        indicators: Object.fromEntries(
          row.scored.result.indicators.map((i) => [i.code, { value: i.value, score: i.score }]),
        ),
      }));
      if (rows.length > 0) {
        await em.execute(
          `INSERT INTO records.ranking_entry (publication_id, subject_key, subject_region, rank, score, previous_rank, previous_score, indicators)
           SELECT ?, x.subject_key, x.subject_region, x.rank, x.score, x.previous_rank, x.previous_score, x.indicators
           FROM jsonb_to_recordset(?::jsonb) AS x(subject_key text, subject_region varchar(6), rank int, score float8, previous_rank int, previous_score float8, indicators jsonb)`,
          [publication.id, JSON.stringify(rows)],
        );
      }
      return (await inTransaction.published(period.code, kind, regionPrefix))!;
    });
  }

  private async score(entries: DirectoryEntry[], period: Period): Promise<Scored[]> {
    const asOf = asOfDay(period, this.today);
    const facts = await loadFacts(
      this.em,
      entries.map((e) => e.key),
      period,
      asOf,
    );
    return entries.map((entry, i) => {
      const result = evaluate(facts[i], this.config, period, asOf);
      return { key: entry.key, regionCode: entry.regionCode, score: result.total, result };
    });
  }

  /**
   * The candidates: GOVERNMENT = the governments one division level below the prefix; DEPARTMENT = every department
   * under it.
   */
  private async candidates(kind: SubjectKind, regionPrefix: string): Promise<DirectoryEntry[]> {
    const all = await this.directory.list({ kinds: [kind], regionPrefix });
    if (kind !== SubjectKind.GOVERNMENT) return all;
    return all.filter((e) => governmentLevelMatches(e.regionCode, regionPrefix));
  }

  private async live(period: Period, kind: SubjectKind, regionPrefix: string): Promise<LiveRanking> {
    const candidates = await this.candidates(kind, regionPrefix);
    const current = rank(await this.score(candidates, period));
    const before = previousPeriod(period, this.config.periodGranularity);
    const frozen = await this.published(before.code, kind, regionPrefix);
    const previous = new Map<string, { rank: number; score: number }>(
      frozen
        ? frozen.entries.map((e) => [e.subject.codeKey, { rank: e.rank, score: e.score }])
        : rank(await this.score(candidates, before)).map((r) => [r.item.key, { rank: r.rank, score: r.item.score }]),
    );
    return {
      period,
      rows: current.map((r) => ({ rank: r.rank, scored: r.item, previous: previous.get(r.item.key) ?? null })),
    };
  }

  private async published(period: string, kind: SubjectKind, regionPrefix: string): Promise<Ranking | null> {
    const [publication] = await this.em.execute(
      `SELECT id::text, indicator_version, published_at FROM records.ranking_publication WHERE period = ? AND kind = ? AND region_prefix = ?`,
      [period, kind, regionPrefix],
    );
    if (!publication) return null;
    const rows = await this.em.execute(
      `SELECT subject_key, rank, score, previous_rank, previous_score FROM records.ranking_entry
       WHERE publication_id = ? ORDER BY rank, subject_region, subject_key`,
      [publication.id],
    );
    return {
      period,
      kind,
      regionPrefix,
      published: true,
      publishedAt: new Date(publication.published_at),
      indicatorVersion: publication.indicator_version,
      entries: (rows as RankingEntryRow[]).map((r) => ({
        rank: r.rank,
        score: r.score,
        previousRank: r.previous_rank,
        previousScore: r.previous_score,
        subject: subjectStub(r.subject_key),
      })),
    };
  }
}

function entryOf(row: LiveRanking['rows'][number]): RankingEntry {
  return {
    rank: row.rank,
    score: row.scored.score,
    previousRank: row.previous?.rank ?? null,
    previousScore: row.previous?.score ?? null,
    subject: subjectStub(row.scored.key),
  };
}

function toEvaluation(period: Period, version: string, scored: Scored): Evaluation {
  return {
    period: period.code,
    total: scored.score,
    indicatorVersion: version,
    subject: subjectStub(scored.key),
    indicators: scored.result.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      weight: i.weight,
      value: i.value,
      score: i.score,
      items: i.evidence,
      recordIds: [...new Set(i.evidence.map((e) => e.recordId).filter((id): id is string => !!id))],
    })),
  };
}
