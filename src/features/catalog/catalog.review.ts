import crypto from 'node:crypto';
import { detectPii, type PiiType, type Span } from '../review/pii.rules.js';
import { maskValue, PROFILES, type MaskingProfile } from '../review/pii.masking.js';
import type { DocContent } from './catalog.content.js';
import { bodyText } from './catalog.html.js';

/**
 * 公开审查 of a catalogue edition (issue 4 §3, §10), pure: which approval chain an item goes
 * through, who may act at a step, the personal data found in its texts with the reviewer's
 * decisions, and the masked content that is published. The service stores the state on the
 * edition (`document_editions.review`) and records it with the published edition.
 */

export interface ChainStep {
  /** 科室负责人, 办公室（保密审查）, 分管领导 … */
  name: string;
  /** The reviewers who may act at this step; empty: any reviewer of the organisation. */
  userIds: string[];
  /** A 保密审查 step: its reviewer may release a confidentiality block with a reason (§7). */
  secrecy: boolean;
}

export interface ApprovalChain {
  name: string;
  /** 公文种类 (决定, 通知 …) or content-type keys (INTERPRETATION, STATISTICS …); empty: every other item. */
  appliesTo: string[];
  steps: ChainStep[];
  /** The masking profile (§3) for the items of this chain. */
  profile: string;
}

/** Without a configured chain: one review step whose reviewer may also release a confidentiality block. */
export const DEFAULT_CHAIN: ApprovalChain = { name: '默认审核流程', appliesTo: [], steps: [{ name: '审核', userIds: [], secrecy: true }], profile: 'default' };

export interface Approval {
  step: number;
  stepName: string;
  userId: string | null;
  name: string;
  at: string;
  comment: string;
}

export interface PiiDecision {
  action: 'mask' | 'keep';
  reason: string;
  userId: string | null;
  name: string;
  at: string;
}

/** The review of one edition: the chain fixed at submission, its progress and the decisions. */
export interface EditionReview {
  chain: ApprovalChain;
  step: number;
  approvals: Approval[];
  /** By finding key; a finding without a decision is masked. */
  decisions: Record<string, PiiDecision>;
  /** A confidentiality block released at a 保密审查 step (§7). */
  override: { userId: string | null; name: string; at: string; reason: string; step: number } | null;
  /** Set at publication: what was masked and how, so the published text can be explained. */
  published?: { at: string; profile: string; masked: { key: string; type: PiiType; as: string; occurrences: number }[]; kept: { key: string; type: PiiType; reason: string }[]; files: { from: string; to: string; fileName: string }[] };
}

/** The chain for an item: the first whose list names its 公文种类 or content type, else the first general one. */
export function chainFor(chains: ApprovalChain[], c: Pick<DocContent, 'genre' | 'contentType'>): ApprovalChain {
  const type = c.genre ?? c.contentType ?? '';
  return chains.find((ch) => ch.appliesTo.includes(type)) ?? chains.find((ch) => ch.appliesTo.length === 0) ?? DEFAULT_CHAIN;
}

export const newReview = (chain: ApprovalChain): EditionReview => ({ chain, step: 0, approvals: [], decisions: {}, override: null });

/** Whether this reviewer may act at the review's current step, and why not. */
export function mayActAtStep(r: EditionReview, userId: string | null | undefined): { ok: true } | { ok: false; reason: string } {
  const step = r.chain.steps[r.step];
  if (!step) return { ok: false, reason: '审核流程已完成。' };
  if (step.userIds.length && (!userId || !step.userIds.includes(userId))) return { ok: false, reason: `当前环节为“${step.name}”，须由该环节指定的审核人办理。` };
  return { ok: true };
}

export const isLastStep = (r: EditionReview) => r.step >= r.chain.steps.length - 1;

/** A finding's key names the value without holding it (no personal data in keys or the audit trail). */
export const findingKey = (type: PiiType, text: string) => `${type}:${crypto.createHash('sha256').update(text).digest('hex').slice(0, 16)}`;

export interface Piece {
  where: string;
  text: string;
  spans: (Span & { key: string })[];
}

export interface PiiFinding {
  key: string;
  type: PiiType;
  text: string;
  /** How the profile masks it. */
  masked: string;
  occurrences: number;
  where: string[];
  decision: PiiDecision | null;
}

/** The texts of an edition a reviewer reads: 名称, 内容概述, 正文, then the attachments' pieces. */
export function contentPieces(c: Pick<DocContent, 'title' | 'summary' | 'bodyHtml'>, attachments: { fileName: string; segments: { where: string; text: string }[] }[]): Piece[] {
  const raw = [
    { where: '名称', text: c.title },
    { where: '内容概述', text: c.summary },
    { where: '正文', text: bodyText(c.bodyHtml) },
    ...attachments.flatMap((a) => a.segments.map((s) => ({ where: `附件“${a.fileName}”${s.where}`, text: s.text }))),
  ];
  return raw.filter((p) => p.text.trim()).map((p) => ({ ...p, spans: detectPii(p.text).map((s) => ({ ...s, key: findingKey(s.type, s.text) })) }));
}

/** One finding per distinct value, with where it occurs, how it would be masked and the decision taken. */
export function findingsOf(pieces: Piece[], profile: MaskingProfile, decisions: Record<string, PiiDecision>): PiiFinding[] {
  const out = new Map<string, PiiFinding>();
  for (const p of pieces)
    for (const s of p.spans) {
      const f = out.get(s.key) ?? { key: s.key, type: s.type, text: s.text, masked: maskValue(s.text, profile.rules[s.type]), occurrences: 0, where: [], decision: decisions[s.key] ?? null };
      f.occurrences++;
      if (!f.where.includes(p.where)) f.where.push(p.where);
      out.set(s.key, f);
    }
  return [...out.values()];
}

export const profileOf = (r: EditionReview) => PROFILES[r.chain.profile] ?? PROFILES.default;

/** The values to replace and their masked forms; longer values first, so a value inside another is not cut in two. */
export function replacements(findings: PiiFinding[]): [string, string][] {
  return findings
    .filter((f) => f.decision?.action !== 'keep')
    .map((f) => [f.text, f.masked] as [string, string])
    .sort((a, b) => b[0].length - a[0].length);
}

const replaceAll = (text: string, pairs: [string, string][]) => pairs.reduce((t, [from, to]) => t.split(from).join(to), text);

/** The content as it is published: every value not kept replaced in 名称, 内容概述 and the body's text (never inside tags). */
export function maskContent<C extends Pick<DocContent, 'title' | 'summary' | 'bodyHtml'>>(c: C, pairs: [string, string][]): C {
  if (!pairs.length) return c;
  // The body is sanitised HTML: only the text between tags is touched; entities stay as they are.
  const pairsHtml = pairs.map(([from, to]) => [escapeHtml(from), escapeHtml(to)] as [string, string]);
  const bodyHtml = c.bodyHtml
    .split(/(<[^>]*>)/)
    .map((part) => (part.startsWith('<') ? part : replaceAll(part, pairsHtml)))
    .join('');
  return { ...c, title: replaceAll(c.title, pairs), summary: replaceAll(c.summary, pairs), bodyHtml };
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
