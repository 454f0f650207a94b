import { formatTable as table } from '../../src/cli/io';
import { analyzeSentiment, detectFrustration, scoreConfidence } from '../../src/confidence/index';
import { conversations } from './data';

/** Sentiment in several languages, frustration signals, and the combined confidence score. */
export function confidenceSection(): string {
  const texts = [
    'The service was great!',
    'This is NOT what I ordered and nobody helps :(',
    'Obsługa była bardzo pomocna, dziękuję',
    'Karta nie doszła i nikt nie odpowiada',
    '客服态度很好，谢谢',
    '等了三天还没有退款，太差了',
  ];
  const rows = texts.map((text) => {
    const s = analyzeSentiment(text);
    return [text, s.language, s.compound.toFixed(3), s.label];
  });
  const frustrated = conversations.find((c) => c.meta.flow === 'frustrated' && c.language === 'en')!;
  const customerPart = frustrated.messages.slice(
    0,
    frustrated.messages.findIndex((m) => m.author === 'agent'),
  );
  const f = detectFrustration(customerPart.map((m) => ({ ...m, at: new Date(m.at) })));
  const calm = scoreConfidence({ top1: 0.92, top2: 0.31 });
  const upset = scoreConfidence({ top1: 0.92, top2: 0.31, frustration: f.score });
  return [
    'Sentiment (VADER for English; project lexicons for Polish and Chinese), language detected:',
    '',
    table(['text', 'lang', 'compound', 'label'], rows),
    '',
    `Frustration in sample conversation ${frustrated.id} (${customerPart.length} messages before a person joined):`,
    ...customerPart.filter((m) => m.author === 'customer').map((m) => `  customer: ${m.text}`),
    `  → score ${f.score.toFixed(2)}; signals: ${f.signals.map((s) => `${s.kind} (turn ${s.turn})`).join(', ')}`,
    '',
    `Confidence with a strong answer (top-1 0.92, margin 0.61): ${calm.score.toFixed(2)} ${calm.level};` +
      ` same answer to this frustrated customer: ${upset.score.toFixed(2)} ${upset.level}`,
  ].join('\n');
}
