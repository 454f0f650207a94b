import { createService } from './service';

const s = await createService({ warm: process.argv[2] !== 'cold' });
const texts: Record<string, string> = {
  en: 'my card has not arrived yet',
  pl: 'chcę rozmawiać z konsultantem',
  zh: '我想和人工客服说话',
  es: 'quiero hablar con un agente',
  de: 'Ich möchte mit einem Menschen sprechen',
  fr: 'je veux parler à un conseiller',
};
await (await fetch(s.url + '/nope')).text();
for (let round = 0; round < 3; round++) {
  const line: string[] = [];
  for (const [l, text] of Object.entries(texts)) {
    const t = performance.now();
    const r = await fetch(`${s.url}/conversations/c-${l}-${round}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: 'u1', text }),
    });
    await r.json();
    line.push(`${l} ${(performance.now() - t).toFixed(0)}`);
  }
  console.log(round, line.join(' | '));
}
await s.close();
