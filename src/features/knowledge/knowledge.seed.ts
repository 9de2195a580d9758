import type { Ctx } from '../../platform/context.js';
import { addDays, shanghaiDate } from '../calendar/calendar.rules.js';
import { knowledgeEntries } from './knowledge.tables.js';
import { SEED_ENTRIES } from './knowledge.entries.js';

/**
 * The demo knowledge base, owned by the national bureau and applying to every organisation.
 * A few entries are past their review date, so the console's stale flag has something to show.
 */
export async function seedDemoKnowledge(ctx: Ctx, ownerOrgId: string): Promise<number> {
  const today = shanghaiDate(ctx.clock.now());
  const rows = SEED_ENTRIES.map((e, i) => ({
    ownerOrgId: ownerOrgId,
    question: e.question,
    phrasings: e.phrasings,
    answer: e.answer,
    links: e.links ?? [],
    category: e.category,
    ownerName: e.category === '政务公开' ? '办公室（政务公开）' : e.category === '零售许可' ? '专卖监督管理处' : '专卖监督管理处（12313）',
    reviewBy: addDays(today, i % 13 === 5 ? -10 : 180),
  }));
  await ctx.db.insert(knowledgeEntries).values(rows);
  return rows.length;
}
