import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createService, limits, type Service } from './service';

// A real server on a loopback port, real HTTP requests (a bounded series), real library code.
const NOW = new Date('2026-11-24T10:00:00Z');
let service: Service | undefined;

beforeAll(async () => {
  service = await createService({ now: () => NOW, port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await service?.close();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: a parsed JSON response; the assertions check its shape
  json: Record<string, any>;
}

/** One request with node:http (no keep-alive, so closing the server never waits on a socket). */
function send(method: string, path: string, body?: string, contentType = 'application/json'): Promise<Reply> {
  const url = new URL(path, service!.url);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent: false,
        headers:
          body === undefined
            ? {}
            : { 'content-type': contentType, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            json: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A POST whose body is streamed in `pieces` chunks of `size` bytes (chunked transfer encoding). */
function sendStream(path: string, pieces: number, size: number): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, service!.url),
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            json: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    const piece = 'x'.repeat(size);
    let sent = 0;
    const write = () => {
      while (sent < pieces) {
        sent++;
        if (!req.write(piece)) return void req.once('drain', write);
      }
      req.end();
    };
    write();
  });
}

const post = (conversation: string, body: unknown) =>
  send('POST', `/conversations/${conversation}/messages`, JSON.stringify(body));

describe('http-service example: POST /conversations/:id/messages', () => {
  it('answers a question from the knowledge base and keeps the conversation with the bot', async () => {
    const { status, headers, json } = await post('c-normal', {
      customerId: 'u1',
      text: 'my card has not arrived yet',
    });
    expect(status).toBe(200);
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(json.decision.action).toBe('continue');
    expect(json.reply).toMatchObject({ kind: 'answer', articleId: 'card-arrival' });
    expect(json.search.hits[0].id).toBe('card-arrival');
    expect(json.search.confidence).toBeGreaterThan(0.5);
    expect(json.packet).toBeUndefined();
  });

  it('offers a person to an angry customer because of the frustration (no packet before a handoff)', async () => {
    const { status, json } = await post('c-angry', {
      customerId: 'u2',
      text: 'This is ridiculous!!! I have been waiting for WEEKS and nobody helps me. Worst service ever.',
    });
    expect(status).toBe(200);
    // Measured: offer, frustration 0.93 (useless_bot, anger, shouting, negative_sentiment).
    expect(json.decision.action).toBe('offer');
    expect(json.decision.reasons.map((r: { code: string }) => r.code)).toContain('frustration');
    expect(json.reply.kind).toBe('offer');
    expect(json.packet).toBeUndefined();
  });

  it('escalates an explicit request at once, with a packet that carries the earlier turns', async () => {
    await post('c-explicit', { customerId: 'u3', text: 'my card has not arrived yet' });
    const { status, json } = await post('c-explicit', {
      customerId: 'u3',
      text: 'chcę rozmawiać z konsultantem',
    });
    expect(status).toBe(200);
    expect(json.decision).toMatchObject({ action: 'escalate', delivery: { kind: 'live' }, score: 1 });
    expect(json.decision.reasons[0].code).toBe('explicit_request');
    expect(json.reply.kind).toBe('handoff');
    expect(json.packet.conversationId).toBe('c-explicit');
    expect(json.packet.transcript.map((m: { text: string }) => m.text)).toEqual([
      'my card has not arrived yet',
      expect.stringContaining('Cards arrive'),
      'chcę rozmawiać z konsultantem',
    ]);
    expect(json.packet.articlesShown.map((a: { id: string }) => a.id)).toEqual(['card-arrival']);
    expect(json.packet.waitingSince).toBe(NOW.toISOString());
  });

  it('takes the ticket path when no agent is available', async () => {
    const { json } = await post('c-ticket', {
      customerId: 'u4',
      text: 'I want to talk to a human',
      agentsAvailable: false,
    });
    expect(json.decision.action).toBe('escalate');
    expect(json.decision.delivery).toMatchObject({ kind: 'ticket', notice: 'no_agents_available' });
    expect(json.decision.delivery.ticket).toMatchObject({ customerId: 'u4', conversationId: 'c-ticket' });
  });

  it('answers bad input with 400 and the TandemError fields (code, path, message, every issue)', async () => {
    const { status, json } = await post('c-bad', { customerId: '', text: 5, extra: true });
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ code: 'INVALID_INPUT', module: 'http', path: 'customerId' });
    expect(json.error.message).toContain('customerId');
    expect(json.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['', 'customerId', 'text']);
  });

  it('answers malformed JSON with 400', async () => {
    const { status, json } = await send(
      'POST',
      '/conversations/c-json/messages',
      '{"customerId": "u5", "text": ',
    );
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ code: 'INVALID_INPUT', path: '' });
    expect(json.error.message).toMatch(/not valid JSON/);
  });

  it('refuses a body over 1 MiB with 413 (and accepts one just under it up to validation)', async () => {
    const over = await send('POST', '/conversations/c-big/messages', 'x'.repeat(limits.bodyBytes + 1));
    expect(over.status).toBe(413);
    expect(over.json.error.code).toBe('PAYLOAD_TOO_LARGE');
    // Streamed (chunked, no content-length): refused as soon as it passes the limit.
    const streamed = await sendStream('/conversations/c-big/messages', 40, 64 * 1024);
    expect(streamed.status).toBe(413);
    expect(streamed.json.error.code).toBe('PAYLOAD_TOO_LARGE');
    // Exactly the limit is read: a 1 MiB JSON body gets to validation (text over 10,000 chars).
    const text = 'a'.repeat(limits.bodyBytes - JSON.stringify({ customerId: 'u6', text: '' }).length);
    const at = await post('c-big', { customerId: 'u6', text });
    expect(at.status).toBe(400);
    expect(at.json.error.path).toBe('text');
  });

  it('answers an unknown route with 404, a wrong method with 405 and a non-JSON body with 415', async () => {
    expect((await send('GET', '/nope')).status).toBe(404);
    expect((await send('POST', '/conversations/c1/notes', '{}')).status).toBe(404);
    const get = await send('GET', '/conversations/c1/messages');
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect((await send('POST', '/conversations/c1/messages', 'text=hi', 'text/plain')).status).toBe(415);
  });

  it('refuses a conversation id that is not a plain id, and another customer on the same conversation', async () => {
    const bad = await send('POST', `/conversations/${encodeURIComponent('a b')}/messages`, '{}');
    expect(bad.status).toBe(400);
    expect(bad.json.error.path).toBe('params.id');
    await post('c-owner', { customerId: 'u7', text: 'hello' });
    const other = await post('c-owner', { customerId: 'u8', text: 'hello' });
    expect(other.status).toBe(409);
    expect(other.json.error).toMatchObject({ code: 'CONFLICT', path: 'customerId' });
  });
});
