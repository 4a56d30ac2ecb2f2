/**
 * Hostile input: bodies built to exhaust an unauthenticated server. /api/messages takes only
 * `application/json` (charset optional, UTF-8) without a Content-Encoding, answers 415 for anything
 * else before reading a byte of the body, reads at most its size limit of raw bytes (413 past it),
 * writes nothing to disk, and only then authenticates. Memory figures are printed.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { alice, OUR_TENANT_ID } from '../support/cast';
import { postRaw, rssMiB, uploadFiles } from '../support/hostile-requests';
import { channelThread } from '../support/teams-client';
import { useTokenGuard } from '../support/token-guard-world';

const MiB = 1024 * 1024;

describe('e2e hostile: request bodies', function () {
  // The bot's own temp folder: formidable (restify's multipart parser) would leave upload_* files here.
  const botTmp = mkdtempSync(path.join(tmpdir(), 'token-guard-hostile-tmp-'));
  const world = useTokenGuard({ env: { TMPDIR: botTmp } });

  function helpBody(): string {
    return JSON.stringify(world.teams.messageActivity(alice, 'help', channelThread(OUR_TENANT_ID)));
  }
  function signed(headers: Record<string, string>): Record<string, string> {
    return { authorization: `Bearer ${world.teams.token()}`, ...headers };
  }

  const accepted = ['application/json', 'application/json; charset=utf-8', 'Application/JSON; charset="UTF-8"', 'application/json;charset=UTF-8'];
  for (const contentType of accepted) {
    it(`Content-Type ${contentType} is accepted (control)`, async function () {
      const answer = await postRaw(`${world.bot.url}/api/messages`, signed({ 'content-type': contentType }), helpBody());
      assert.equal(answer.status, 200, answer.text);
    });
  }

  const refusedTypes: [string, string | undefined][] = [
    ['no Content-Type', undefined],
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=xyz'],
    ['JSON in UTF-16', 'application/json; charset=utf-16'],
    ['a look-alike type', 'application/jsonp'],
    ['octet-stream', 'application/octet-stream'],
  ];
  for (const [what, contentType] of refusedTypes) {
    it(`${what} → 415, the activity is not handled`, async function () {
      const before = world.sim.connector.activities.length;
      const headers = signed(contentType === undefined ? {} : { 'content-type': contentType });
      const body = Buffer.from(helpBody());
      const answer = await postRaw(`${world.bot.url}/api/messages`, headers, body);
      assert.equal(answer.status, 415, answer.text);
      assert.match(answer.text, /application\/json/);
      assert.equal(world.sim.connector.activities.length, before, 'no reply was sent');
    });
  }

  for (const encoding of ['gzip', 'deflate', 'br', 'gzip, identity']) {
    it(`Content-Encoding ${encoding} → 415`, async function () {
      const answer = await postRaw(`${world.bot.url}/api/messages`, signed({ 'content-type': 'application/json', 'content-encoding': encoding }), gzipSync(helpBody()));
      assert.equal(answer.status, 415, answer.text);
    });
  }

  it('Content-Encoding identity is accepted (control)', async function () {
    const answer = await postRaw(`${world.bot.url}/api/messages`, signed({ 'content-type': 'application/json', 'content-encoding': 'identity' }), helpBody());
    assert.equal(answer.status, 200, answer.text);
  });

  it('415 comes before the body is read: the answer arrives while the upload is still open', async function () {
    const url = new URL(`${world.bot.url}/api/messages`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'text/plain', 'content-length': String(100 * MiB) } });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', (error) => reject(error));
      req.write(Buffer.alloc(64 * 1024, 'a')); // and never the rest
      setTimeout(() => reject(new Error('no answer within 5 s: the server waited for the body')), 5_000).unref();
    });
    assert.equal(status, 415);
  });

  it('a gzip bomb (200 MiB of JSON in ~200 KiB) → 415, memory flat', async function () {
    this.timeout(60_000);
    const pid = world.bot.pid!;
    const inflated = Buffer.concat([Buffer.from('{"type":"message","text":"'), Buffer.alloc(200 * MiB, 'a'), Buffer.from('"}')]);
    const bomb = gzipSync(inflated, { level: 9 });
    const before = rssMiB(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 20);
    try {
      for (const headers of [{ 'content-type': 'application/json', 'content-encoding': 'gzip' }, signed({ 'content-type': 'application/json', 'content-encoding': 'gzip' })]) {
        const answer = await postRaw(`${world.bot.url}/api/messages`, headers, bomb);
        assert.equal(answer.status, 415, answer.text);
      }
    } finally {
      clearInterval(sampler);
    }
    const after = rssMiB(pid);
    process.stderr.write(`      gzip bomb: ${(bomb.length / 1024).toFixed(0)} KiB → ${(inflated.length / MiB).toFixed(0)} MiB; bot RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} → ${after.toFixed(0)} MiB (growth ${(peak - before).toFixed(1)} MiB)\n`);
    assert.ok(peak - before < 64, `RSS grew by ${(peak - before).toFixed(0)} MiB`);
  });

  it('a 20 MiB multipart upload → 415, nothing written to TMPDIR, memory flat', async function () {
    this.timeout(60_000);
    const pid = world.bot.pid!;
    const boundary = 'hostile-boundary';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      Buffer.alloc(20 * MiB, 'z'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const before = rssMiB(pid);
    let status: number;
    try {
      status = (await postRaw(`${world.bot.url}/api/messages`, { 'content-type': `multipart/form-data; boundary=${boundary}` }, body)).status;
    } catch {
      status = -1; // the server may close the connection after answering, mid-upload
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = rssMiB(pid);
    process.stderr.write(`      multipart 20 MiB: bot RSS ${before.toFixed(0)} → ${after.toFixed(0)} MiB; upload_* files in TMPDIR: ${uploadFiles(botTmp).length}\n`);
    assert.ok(status === 415 || status === -1, `status ${status}`);
    assert.deepEqual(uploadFiles(botTmp), [], 'no upload_* file in the bot\'s TMPDIR');
    assert.ok(after - before < 32, `RSS grew by ${(after - before).toFixed(0)} MiB`);
  });

  it('a body past the size limit → 413 (declared length and chunked), memory flat', async function () {
    this.timeout(60_000);
    const pid = world.bot.pid!;
    const before = rssMiB(pid);
    const big = Buffer.concat([Buffer.from('{"type":"message","text":"'), Buffer.alloc(300 * 1024, 'a'), Buffer.from('"}')]);
    const declared = await postRaw(`${world.bot.url}/api/messages`, signed({ 'content-type': 'application/json' }), big);
    assert.equal(declared.status, 413, declared.text);
    // Chunked: no Content-Length, the limit is counted while reading.
    const chunks = Array.from({ length: 64 }, () => Buffer.alloc(256 * 1024, 'b'));
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    let chunkedStatus: number;
    try {
      const response = await fetch(`${world.bot.url}/api/messages`, {
        method: 'POST',
        headers: signed({ 'content-type': 'application/json' }),
        body: stream,
        duplex: 'half',
        signal: AbortSignal.timeout(20_000),
      } as RequestInit);
      chunkedStatus = response.status;
    } catch {
      chunkedStatus = -1; // closed mid-upload after the answer
    }
    assert.ok(chunkedStatus === 413 || chunkedStatus === -1, `chunked status ${chunkedStatus}`);
    const after = rssMiB(pid);
    process.stderr.write(`      over-limit bodies: bot RSS ${before.toFixed(0)} → ${after.toFixed(0)} MiB\n`);
    assert.ok(after - before < 32, `RSS grew by ${(after - before).toFixed(0)} MiB`);
    const health = await fetch(`${world.bot.url}/healthz`);
    assert.equal(health.status, 200);
  });
});
