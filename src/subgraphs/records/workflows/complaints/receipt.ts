import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { HUB_TIME_ZONE } from '../../../../common/dates';
import { ComplaintState } from './complaint.entity';

/** 32 random bytes in base64url: 43 characters. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** SHA-256 (hex) of a receipt token: what the table keeps. Unkeyed is enough: the token has 256 bits of entropy. */
export function receiptHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A fresh receipt: the token for the reporter (once) and its hash for the row. */
export function newReceipt(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: receiptHash(token) };
}

/** What the holder of a receipt reads: where the complaint stands and the released answer, nothing else. */
@ObjectType('ComplaintFollowUp', {
  description: 'Where a complaint stands, as its reporter reads it with the receipt token.',
})
export class ComplaintFollowUp {
  @Field(() => ComplaintState, { description: 'Where the complaint stands.' }) state!: ComplaintState;
  @Field(() => LocalDateResolver, { description: 'Date by which it is to be verified or rejected.' }) dueOn!: string;
  @Field(() => String, {
    nullable: true,
    description: "The credit office's answer to the reporter, once released (null until then).",
  })
  answer!: string | null;
}

/**
 * The complaint a receipt names, while the receipt is valid (`receiptDays` after submission). A malformed,
 * unknown or expired token is the same null: the answer tells nothing about which tokens exist.
 */
export async function followUp(
  em: EntityManager,
  token: string,
  today: string,
  receiptDays: number,
): Promise<ComplaintFollowUp | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [row] = await em.execute(
    `SELECT state, due_on::text AS due_on, answer_to_reporter FROM records.complaint
      WHERE receipt_hash = ? AND (created_at AT TIME ZONE ?)::date > ?::date - ?::int`,
    [receiptHash(token), HUB_TIME_ZONE, today, receiptDays],
  );
  return row ? { state: row.state, dueOn: row.due_on, answer: row.answer_to_reporter ?? null } : null;
}
