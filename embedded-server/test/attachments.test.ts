import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNED_URL_LIFETIME_MS, signedAttachmentUrl } from '../src/wire/signed-urls.js';
import { APP_TOKEN, keysOf, startTestServer, type Account, type TestServer } from './harness.js';
import { ascii, file, SAMPLES } from './sample-files.js';

const MiB = 1024 * 1024;
const ATTACHMENT_ID = /^[0-9a-f]{24}$/;

const PNG = SAMPLES['image/png']!;

let t: TestServer;
let alice: Account;
let bob: Account;
let carol: Account;

beforeAll(async () => {
  t = await startTestServer();
  alice = await t.signUp('alice');
  bob = await t.signUp('bob');
  carol = await t.signUp('carol');
});
afterAll(() => t.close());

function upload(token: string | null, bytes: Uint8Array, contentType?: string) {
  return t.request('POST', '/api/attachments', {
    token,
    raw: new Blob([new Uint8Array(bytes)]),
    headers: contentType === undefined ? {} : { 'content-type': contentType },
  });
}

async function uploaded(token: string, bytes: Uint8Array, contentType?: string): Promise<string> {
  const reply = await upload(token, bytes, contentType);
  expect(reply.status, reply.text).toBe(201);
  return reply.body.data.id;
}

/** Fetches an attachment as bytes (the harness reads replies as text). */
async function download(path: string, token: string | null, headers: Record<string, string> = {}) {
  const response = await fetch(t.url + path, {
    headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers,
  });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

const jsonOf = (bytes: Buffer) => JSON.parse(bytes.toString('utf8'));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const attachmentsDir = () => join(t.dataDir, 'attachments');
const storedFile = (bytes: Uint8Array) => join(attachmentsDir(), sha256(bytes).slice(0, 2), sha256(bytes));

describe('uploading an attachment', () => {
  it.each(Object.entries(SAMPLES))('takes a %s file and answers its sniffed type and size', async (mime, bytes) => {
    const reply = await upload(alice.token, bytes, mime);
    expect(reply.status, reply.text).toBe(201);
    expect(keysOf(reply.body)).toEqual(['code', 'msg', 'data']);
    expect(reply.body.code).toBe(0);
    expect(reply.body.msg).toBe('success');
    const { id, url, size } = reply.body.data;
    expect(keysOf(reply.body.data)).toEqual(['id', 'url', 'size', 'mime', 'name']);
    expect(id).toMatch(ATTACHMENT_ID);
    expect(url).toBe(`/api/attachments/${id}`);
    expect(size).toBe(bytes.length);
    expect(reply.body.data.mime).toBe(mime);
  });

  it('sniffs the type when none is declared, or only application/octet-stream', async () => {
    for (const contentType of [undefined, 'application/octet-stream']) {
      const reply = await upload(alice.token, SAMPLES['audio/ogg']!, contentType);
      expect(reply.status, reply.text).toBe(201);
      expect(reply.body.data.mime).toBe('audio/ogg');
    }
  });

  it('reads a bare MPEG audio frame as audio/mpeg, but an AAC (ADTS) frame only as a plain file', async () => {
    const frame = await upload(alice.token, file([0xff, 0xfb, 0x90, 0x64]), 'audio/mpeg');
    expect(frame.status, frame.text).toBe(201);
    expect(frame.body.data.mime).toBe('audio/mpeg');
    const aac = await upload(alice.token, file([0xff, 0xf1, 0x50, 0x80]));
    expect(aac.status, aac.text).toBe(201);
    expect(aac.body.data.mime).toBe('application/octet-stream');
    expect(await upload(alice.token, file([0xff, 0xf1, 0x50, 0x80]), 'audio/mpeg')).toMatchObject({ status: 415 });
  });

  it('reads the declared type without parameters, and takes the names browsers also use', async () => {
    const declared: [string, Buffer][] = [
      ['audio/webm;codecs=opus', SAMPLES['audio/webm']!],
      ['IMAGE/PNG', PNG],
      ['image/jpg', SAMPLES['image/jpeg']!],
      ['audio/mp3', SAMPLES['audio/mpeg']!],
      ['audio/x-m4a', SAMPLES['audio/mp4']!],
    ];
    for (const [contentType, bytes] of declared) {
      const reply = await upload(alice.token, bytes, contentType);
      expect(reply.status, `${contentType}: ${reply.text}`).toBe(201);
    }
  });

  it('keeps the file under the data folder, named by its SHA-256, with no temporary file left', async () => {
    const bytes = file(ascii('GIF87a'), 40);
    await uploaded(alice.token, bytes, 'image/gif');
    expect(readFileSync(storedFile(bytes))).toEqual(bytes);
    expect(readdirSync(join(attachmentsDir(), sha256(bytes).slice(0, 2)))).toEqual([sha256(bytes)]);
  });

  it('gives each upload its own id but keeps identical bytes once', async () => {
    const bytes = file([...ascii('OggS'), 0, 2], 64);
    const first = await uploaded(alice.token, bytes);
    const second = await uploaded(bob.token, bytes);
    expect(first).not.toBe(second);
    expect(readdirSync(join(attachmentsDir(), sha256(bytes).slice(0, 2)))).toEqual([sha256(bytes)]);
  });

  it('refuses a declared type that the bytes contradict with 415', async () => {
    const reply = await upload(alice.token, PNG, 'image/jpeg');
    expect(reply.status).toBe(415);
    expect(keysOf(reply.body)).toEqual(['code', 'msg']);
    expect(reply.body.code).toBe(415);
    const voiceAsImage = await upload(alice.token, SAMPLES['audio/mpeg']!, 'image/png');
    expect(voiceAsImage.status).toBe(415);
  });

  it('takes bytes of any other kind as a plain file, but refuses them declared as an image or audio (415)', async () => {
    const page = Buffer.from('<html><script>alert(1)</script></html>');
    const exe = file(ascii('MZ'), 64);
    for (const [bytes, contentType] of [
      [page, 'text/html'],
      [page, undefined],
      [exe, 'application/octet-stream'],
    ] as const) {
      const reply = await upload(alice.token, bytes, contentType);
      expect(reply.status, `${contentType}: ${reply.text}`).toBe(201);
      expect(reply.body.data.mime).toBe('application/octet-stream');
    }
    for (const contentType of ['image/png', 'audio/ogg']) {
      const reply = await upload(alice.token, page, contentType);
      expect(reply.status, `${contentType}: ${reply.text}`).toBe(415);
      expect(keysOf(reply.body)).toEqual(['code', 'msg']);
    }
  });

  it('refuses an allowed file declared as a type that is not allowed (415)', async () => {
    for (const contentType of ['text/html', 'image/svg+xml', 'application/json', 'multipart/form-data; boundary=x']) {
      const reply = await upload(alice.token, PNG, contentType);
      expect(reply.status, contentType).toBe(415);
      expect(reply.body.code).toBe(415);
    }
  });

  it('takes exactly 10 MiB and refuses one byte more with 413 in {code, msg}', async () => {
    const limit = Buffer.alloc(10 * MiB);
    PNG.copy(limit);
    const atLimit = await upload(alice.token, limit, 'image/png');
    expect(atLimit.status, atLimit.text).toBe(201);
    expect(atLimit.body.data.size).toBe(10 * MiB);

    const over = Buffer.alloc(10 * MiB + 1);
    PNG.copy(over);
    const reply = await upload(alice.token, over, 'image/png');
    expect(reply.status).toBe(413);
    expect(keysOf(reply.body)).toEqual(['code', 'msg']);
    expect(reply.body.code).toBe(413);
  });

  it('refuses an empty body with 422', async () => {
    for (const contentType of ['image/png', undefined]) {
      const reply = await upload(alice.token, new Uint8Array(0), contentType);
      expect(reply.status, reply.text).toBe(422);
      expect(keysOf(reply.body)).toEqual(['code', 'msg']);
    }
  });

  it('needs a user token (401)', async () => {
    const reply = await upload(null, PNG, 'image/png');
    expect(reply.status).toBe(401);
    expect(keysOf(reply.body)).toEqual(['code', 'msg']);
  });

  it('keeps JSON bodies on other routes at 1 MiB', async () => {
    const reply = await t.post('/api/chat', { toId: bob.user.id, pad: 'x'.repeat(MiB + 10) }, alice.token);
    expect(reply.status).toBe(413);
  });
});

describe('downloading an attachment', () => {
  let id: string;
  beforeAll(async () => {
    id = await uploaded(alice.token, PNG, 'image/png');
  });

  it('serves the uploader the same bytes with type, length, entity tag and cache headers', async () => {
    const reply = await download(`/api/attachments/${id}`, alice.token);
    expect(reply.status).toBe(200);
    expect(reply.bytes).toEqual(PNG);
    expect(reply.headers.get('content-type')).toBe('image/png');
    expect(reply.headers.get('content-length')).toBe(String(PNG.length));
    expect(reply.headers.get('etag')).toBe(`"${sha256(PNG)}"`);
    expect(reply.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('content-disposition')).toBe(`inline; filename="${id}.png"`);
  });

  it('names each type’s file with its extension', async () => {
    const voice = await uploaded(alice.token, SAMPLES['audio/mp4']!);
    const reply = await download(`/api/attachments/${voice}`, alice.token);
    expect(reply.headers.get('content-type')).toBe('audio/mp4');
    expect(reply.headers.get('content-disposition')).toBe(`inline; filename="${voice}.m4a"`);
  });

  it('answers 304 with no body to a matching If-None-Match, and the file to another tag', async () => {
    const etag = `"${sha256(PNG)}"`;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const reply = await download(`/api/attachments/${id}`, alice.token, { 'if-none-match': ifNoneMatch });
      expect(reply.status, ifNoneMatch).toBe(304);
      expect(reply.bytes.length).toBe(0);
      expect(reply.headers.get('etag')).toBe(etag);
      expect(reply.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    }
    const stale = await download(`/api/attachments/${id}`, alice.token, { 'if-none-match': '"other"' });
    expect(stale.status).toBe(200);
    expect(stale.bytes).toEqual(PNG);
  });

  it('hides it from anyone who is neither its uploader nor in a window it was sent in (404)', async () => {
    const reply = await download(`/api/attachments/${id}`, bob.token);
    expect(reply.status).toBe(404);
    expect(keysOf(jsonOf(reply.bytes))).toEqual(['code', 'msg']);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    // An uploader of the very same bytes gets their own id, not this one.
    await uploaded(bob.token, PNG, 'image/png');
    expect((await download(`/api/attachments/${id}`, bob.token)).status).toBe(404);
  });

  it('answers an unknown id 404 and a malformed one 422', async () => {
    expect((await download('/api/attachments/0123456789abcdef01234567', alice.token)).status).toBe(404);
    const malformed = await download('/api/attachments/not-an-id', alice.token);
    expect(malformed.status).toBe(422);
    expect(keysOf(jsonOf(malformed.bytes))).toEqual(['code', 'msg']);
  });

  it('needs a valid token or a signed URL (401)', async () => {
    for (const token of [null, 'f'.repeat(64)]) {
      const reply = await download(`/api/attachments/${id}`, token);
      expect(reply.status).toBe(401);
      expect(keysOf(jsonOf(reply.bytes))).toEqual(['code', 'msg']);
    }
  });
});

/** Whom a signed URL is for: the account's user, on the session of its token. */
async function signedFor(account: { token: string; user: { id: number } }) {
  const sessions = (await t.get('/api/sessions', account.token)).body.data as { id: string; current: boolean }[];
  return { userId: account.user.id, sessionId: sessions.find((s) => s.current)!.id };
}

describe('signed attachment URLs', () => {
  let id: string;
  let forAlice: { userId: number; sessionId: string };
  beforeAll(async () => {
    id = await uploaded(alice.token, SAMPLES['image/webp']!);
    forAlice = await signedFor(alice);
  });

  it('serves the file without a token for an hour', async () => {
    const url = signedAttachmentUrl(id, forAlice, Date.now());
    expect(url).toMatch(
      new RegExp(`^/api/attachments/${id}\\?u=${alice.user.id}&s=[0-9a-f]{24}&exp=\\d{13}&sig=[0-9a-f]{64}$`),
    );
    const reply = await download(url, null);
    expect(reply.status).toBe(200);
    expect(reply.bytes).toEqual(SAMPLES['image/webp']);
    expect(reply.headers.get('content-type')).toBe('image/webp');
    expect(reply.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
  });

  it('refuses an expired URL with 401', async () => {
    const reply = await download(signedAttachmentUrl(id, forAlice, Date.now() - SIGNED_URL_LIFETIME_MS - 1000), null);
    expect(reply.status).toBe(401);
    expect(keysOf(jsonOf(reply.bytes))).toEqual(['code', 'msg']);
  });

  it('refuses a tampered signature, user, expiry or attachment id with 401', async () => {
    const url = signedAttachmentUrl(id, forAlice, Date.now());
    const sig = url.slice(-64);
    const flipped = `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`;
    const other = await uploaded(alice.token, SAMPLES['image/gif']!);
    for (const forged of [
      url.replace(sig, flipped),
      url.replace(`u=${alice.user.id}`, `u=${bob.user.id}`),
      url.replace(/exp=(\d+)/, (_, exp: string) => `exp=${Number(exp) + 3_600_000}`),
      url.replace(id, other),
      url.replace(/&sig=.*$/, ''),
      `${url.slice(0, -64)}zz`,
    ]) {
      const reply = await download(forged, null);
      expect(reply.status, forged).toBe(401);
    }
  });

  it('still checks the right to see it: a URL signed for someone without it is 404', async () => {
    const reply = await download(signedAttachmentUrl(id, await signedFor(carol), Date.now()), null);
    expect(reply.status).toBe(404);
  });

  it('stops working when the session it was issued to signs out', async () => {
    const again = (await t.post('/api/auth/login', { username: 'alice', password: 'password-123' })).body.data;
    const url = signedAttachmentUrl(id, await signedFor(again), Date.now());
    expect((await download(url, null)).status).toBe(200);
    await t.post('/api/auth/logout', {}, again.token);
    expect((await download(url, null)).status).toBe(401);
    // A forged session id is no better.
    expect((await download(url.replace(/s=[0-9a-f]+/, `s=${forAlice.sessionId}`), null)).status).toBe(401);
  });
});

describe('access through a sent message', () => {
  it('lets a member of the window the attachment was sent in read it, and nobody else', async () => {
    const id = await uploaded(alice.token, SAMPLES['image/jpeg']!, 'image/jpeg');
    const window = await t.post('/api/chat', { toId: bob.user.id }, alice.token);
    expect(window.status, window.text).toBe(200);
    const sent = await t.post(
      `/api/chat/${window.body.data.id}/messages`,
      { message: '', type: 'IMAGE', clientMsgId: 'attachment-test-1', attachmentId: id },
      alice.token,
    );
    expect(sent.status, sent.text).toBe(201);

    const asMember = await download(`/api/attachments/${id}`, bob.token);
    expect(asMember.status).toBe(200);
    expect(asMember.bytes).toEqual(SAMPLES['image/jpeg']);
    expect((await download(signedAttachmentUrl(id, await signedFor(bob), Date.now()), null)).status).toBe(200);
    expect((await download(`/api/attachments/${id}`, carol.token)).status).toBe(404);
  });
});

describe('storage', () => {
  it('writes nothing into the attachments folder but hash-named files, uploads leaving no partial file behind', () => {
    expect(existsSync(attachmentsDir())).toBe(true);
    expect(readdirSync(join(attachmentsDir(), 'incoming'))).toEqual([]);
    for (const folder of readdirSync(attachmentsDir()).filter((name) => name !== 'incoming')) {
      expect(folder).toMatch(/^[0-9a-f]{2}$/);
      for (const name of readdirSync(join(attachmentsDir(), folder)))
        expect(name).toMatch(new RegExp(`^${folder}[0-9a-f]{62}$`));
    }
  });
});

describe('an upload whose uploader is removed while it streams', () => {
  it('is answered 409 in the extension format, and keeps nothing', async () => {
    const qa = await startTestServer({ allowReset: true });
    try {
      const dave = await qa.signUp('dave');
      const incoming = join(qa.dataDir, 'attachments', 'incoming');
      const bytes = Buffer.concat([Buffer.from(PNG), Buffer.alloc(64 * 1024, 7)]);
      let sendRest!: () => void;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.subarray(0, 1024));
          sendRest = () => {
            controller.enqueue(bytes.subarray(1024));
            controller.close();
          };
        },
      });
      const reply = fetch(`${qa.url}/api/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${dave.token}`, 'content-type': 'image/png' },
        body,
        duplex: 'half',
      } as RequestInit);
      // The server has taken the upload (signed in, within quota) once it writes the first bytes.
      await expect.poll(() => existsSync(incoming) && readdirSync(incoming).length).toBe(1);
      expect((await qa.post('/api/admin/reset', {}, APP_TOKEN)).status).toBe(200);
      sendRest();
      const response = await reply;
      const answer = (await response.json()) as { code: number; msg: string };
      expect(response.status).toBe(409);
      expect(keysOf(answer)).toEqual(['code', 'msg']);
      expect(answer.msg).toMatch(/removed while it ran/);
      expect(readdirSync(incoming)).toEqual([]);
      expect(existsSync(join(qa.dataDir, 'attachments', sha256(bytes).slice(0, 2), sha256(bytes)))).toBe(false);
    } finally {
      await qa.close();
    }
  });
});

describe('an upload its client gives up on, closing its side of the connection mid-body', () => {
  it('ends: the connection is closed, nothing is kept, nothing is logged as a failure, and the server still stops', async () => {
    const logLines: string[] = [];
    const qa = await startTestServer({ logLines });
    let stopped = false;
    try {
      const erin = await qa.signUp('erin');
      const incoming = join(qa.dataDir, 'attachments', 'incoming');
      const { port } = new URL(qa.url);
      const closed = new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(
            `POST /api/attachments?name=big.bin HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
              `Authorization: Bearer ${erin.token}\r\nContent-Type: application/octet-stream\r\n` +
              `Content-Length: ${8 * MiB}\r\n\r\n`,
          );
          socket.write(Buffer.alloc(256 * 1024, 7));
        });
        let answer = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => (answer += chunk));
        socket.on('close', () => resolve(answer));
        socket.on('error', reject);
        // Once the server is writing the body to disk, the client stops sending and says so.
        void expect
          .poll(() => existsSync(incoming) && readdirSync(incoming).length)
          .toBe(1)
          .then(() => socket.end(), reject);
      });
      // Before, the server kept waiting for the rest of the body: the connection stayed open,
      // the partial file stayed, and stopping the server waited on that request for good.
      const answer = await closed;
      expect(answer.split('\r\n', 1)[0]).toBe('HTTP/1.1 400 Bad Request');
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({ code: 400, msg: expect.any(String) });
      await expect.poll(() => readdirSync(incoming)).toEqual([]);
      expect(readdirSync(join(qa.dataDir, 'attachments'))).toEqual(['incoming']);
      // A client that gave up is not the server failing.
      expect(logLines).toEqual([]);
      await qa.close();
      stopped = true;
    } finally {
      if (!stopped) await qa.close();
    }
  });
});
