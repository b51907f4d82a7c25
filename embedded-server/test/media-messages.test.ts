import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Account, type TestServer } from './harness.js';
import { SAMPLES } from './sample-files.js';

let t: TestServer;
let alice: Account;
let bob: Account;
let cId: number;
let clientIds = 0;

async function upload(account: Account, mime: string): Promise<{ id: string; size: number }> {
  const reply = await t.request('POST', '/api/attachments', {
    token: account.token,
    raw: new Blob([new Uint8Array(SAMPLES[mime]!)]),
    headers: { 'content-type': mime },
  });
  expect(reply.status, reply.text).toBe(201);
  return reply.body.data;
}

const send = (account: Account, body: Record<string, unknown>) =>
  t.post(`/api/chat/${cId}/messages`, { clientMsgId: `media-${++clientIds}`, message: '', ...body }, account.token);

beforeAll(async () => {
  t = await startTestServer();
  alice = await t.signUp('alice');
  bob = await t.signUp('bob');
  cId = (await t.post('/api/chat', { toId: bob.user.id }, alice.token)).body.data.id;
});
afterAll(() => t.close());

describe('image and voice messages', () => {
  it('sends an image with a caption, its size filled in, viewable by the recipient through its signed URL', async () => {
    const image = await upload(alice, 'image/png');
    const reply = await send(alice, { type: 'IMAGE', attachmentId: image.id, message: '首页截图' });
    expect(reply.status, reply.text).toBe(201);
    const message = reply.body.data;
    expect(message).toMatchObject({ type: 'IMAGE', message: '首页截图', imageSize: image.size, voiceLength: -1 });
    expect(message.attachment.id).toBe(image.id);

    const seen = (await t.get(`/api/chat/${cId}/messages`, bob.token)).body.data.at(-1);
    expect(seen.attachment.url).toMatch(new RegExp(`^/api/attachments/${image.id}\\?u=${bob.user.id}&`));
    const file = await fetch(t.url + seen.attachment.url);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(SAMPLES['image/png']);

    const window = (await t.get('/api/chat?type=all', bob.token)).body.data.list[0];
    expect(window.afterMessage).toBe('[图片] 首页截图');
    const offline = (await t.get('/offlineMessages', bob.token)).body.messages.at(-1);
    expect(offline.msg).toContain('[图片] 首页截图');
  });

  it('sends a voice clip with its length, as the im dialect shows it', async () => {
    const clip = await upload(alice, 'audio/ogg');
    const reply = await send(alice, { type: 'VOICE', attachmentId: clip.id, voiceLength: 12 });
    expect(reply.status, reply.text).toBe(201);
    const poll = await t.get(
      `/api/im/getNewestMsgListByLastTime?appid=JH&from=${bob.user.id}&to=${alice.user.id}&fromrole=MEMBER&lasttime=0`,
      bob.token,
    );
    const [voice, image] = poll.body.data;
    expect(voice).toMatchObject({
      type: 'VOICE',
      voiceLength: 12,
      imageSize: -1,
      content: `/api/attachments/${clip.id}`,
    });
    expect(image).toMatchObject({ type: 'IMAGE', voiceLength: -1 });
    expect(image.imageSize).toBeGreaterThan(0);
  });

  it('refuses media messages that do not fit their type or their sender', async () => {
    const image = await upload(alice, 'image/png');
    const clip = await upload(alice, 'audio/mpeg');
    const bobsImage = await upload(bob, 'image/gif');
    const bad: Record<string, unknown>[] = [
      { type: 'IMAGE' },
      { type: 'IMAGE', attachmentId: clip.id },
      { type: 'VOICE', attachmentId: image.id, voiceLength: 3 },
      { type: 'VOICE', attachmentId: clip.id },
      { type: 'VOICE', attachmentId: clip.id, voiceLength: 0 },
      { type: 'IMAGE', attachmentId: bobsImage.id },
      { type: 'IMAGE', attachmentId: 'f'.repeat(24) },
      { type: 'IMAGE', attachmentId: 'not-an-id' },
      { type: 'TEXT', message: 'hi', attachmentId: image.id },
      { type: 'VIDEO', attachmentId: image.id },
    ];
    for (const body of bad) {
      const reply = await send(alice, body);
      expect(reply.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys(reply.body)).toEqual(['code', 'msg']);
    }
    // Bob cannot see Alice's unsent upload, nor forward it.
    expect(
      (await fetch(`${t.url}/api/attachments/${image.id}`, { headers: { authorization: `Bearer ${bob.token}` } }))
        .status,
    ).toBe(404);
  });
});
