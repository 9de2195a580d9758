import { checkText } from '../review/checks.rules.js';
import { dictionaryFor } from '../review/review.service.js';
import { detectPii } from '../review/pii.rules.js';
import { registerReviewGate } from './catalog.service.js';

/**
 * The automated checks that exist today, plugged into the catalogue's review gate: 错敏词 and
 * confidentiality markers (blocking, 涉密不上网) and personal data (reported for the reviewer).
 * The review issue adds masking decisions and approval chains through the same gate.
 */
registerReviewGate('wording', async (ctx, item) => {
  const texts = [item.text, ...item.files.map((f) => f.text)];
  const dict = await dictionaryFor(ctx, item.orgId);
  return texts.flatMap((t, i) =>
    checkText(t, dict).map((f) => ({
      check: f.blocking ? '保密审查' : '错敏词',
      message: `${i === 0 ? '正文' : `附件“${item.files[i - 1].fileName}”`}：“${f.text}”${f.suggestion ? `，建议改为“${f.suggestion}”` : ''}${f.note ? `（${f.note}）` : ''}`,
      blocking: f.blocking,
    })),
  );
});

registerReviewGate('pii', async (_ctx, item) => {
  const texts = [item.text, ...item.files.map((f) => f.text)];
  return texts.flatMap((t, i) => {
    const spans = detectPii(t);
    if (!spans.length) return [];
    const types = [...new Set(spans.map((s) => s.type))].join('、');
    return [{ check: '个人信息', message: `${i === 0 ? '正文' : `附件“${item.files[i - 1].fileName}”`}中检出 ${spans.length} 处疑似个人信息（${types}），请核实是否需要去标识化`, blocking: false }];
  });
});
