// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/text.js';
import { inboxText, targetLabel } from './inbox-text.js';
import { destinationOf, parseTarget } from './params.js';

describe('a notification’s params', () => {
  it('name nothing to open when absent, empty or not JSON', () => {
    for (const params of [null, undefined, '', '   ', 'id=3', '{"id": 3', '{id: 3}', "{'id': 3}"])
      expect(parseTarget(params)).toBeNull();
  });

  it('name nothing to open when the JSON points at nothing', () => {
    for (const params of ['null', 'true', '[]', '[1, 2]', '{}', '{"nested": {"id": 3}}', '{"id": null}', '""'])
      expect(parseTarget(params)).toBeNull();
  });

  it('point at an id, a user or a task, as the demo data does', () => {
    expect(parseTarget('{"id": 3}')).toEqual({ ref: { kind: 'id', id: '3' }, fields: [{ key: 'id', value: '3' }] });
    expect(parseTarget('{"userId": 5}')?.ref).toEqual({ kind: 'user', id: '5' });
    expect(parseTarget('{"taskName": "接口联调"}')?.ref).toEqual({ kind: 'task', name: '接口联调' });
  });

  it('prefer the id when there are several fields, and keep the others for the details', () => {
    const target = parseTarget('{"taskName": "评审", "id": "e2a7", "extra": {"x": 1}}');
    expect(target?.ref).toEqual({ kind: 'id', id: 'e2a7' });
    expect(target?.fields).toEqual([
      { key: 'taskName', value: '评审' },
      { key: 'id', value: 'e2a7' },
    ]);
  });

  it('fall back to the first simple field, or a bare number or string', () => {
    expect(parseTarget('{"orderNo": "A-12"}')?.ref).toEqual({ kind: 'field', key: 'orderNo', value: 'A-12' });
    expect(parseTarget('42')?.ref).toEqual({ kind: 'id', id: '42' });
  });

  it('keep hostile values as plain, bounded text', () => {
    const target = parseTarget(JSON.stringify({ id: `<img src=x onerror=alert(1)>${'x'.repeat(500)}` }));
    expect(target?.ref.kind).toBe('id');
    expect(target?.ref.kind === 'id' && target.ref.id.length).toBe(200);
    expect(parseTarget('{"__proto__": {"id": 1}}')).toBeNull();
  });

  it('read as "#3", "user #5" or a task name in either language', () => {
    const zh = translator(inboxText, 'zh-CN');
    const en = translator(inboxText, 'en');
    expect(targetLabel(zh, { kind: 'id', id: '3' })).toBe('#3');
    expect(targetLabel(zh, { kind: 'user', id: '5' })).toBe('用户 #5');
    expect(targetLabel(en, { kind: 'user', id: '5' })).toBe('user #5');
    expect(targetLabel(en, { kind: 'task', name: 'Review' })).toBe('task “Review”');
  });

  it('lead to a task, a project, a chat or a person when they name one of this app', () => {
    const to = (params: string) => destinationOf(parseTarget(params));
    const hex = 'E2A7AF07009A48FCE8B0C2646F5089D3';
    expect(to('{"taskName": "接口联调"}')).toEqual({ kind: 'taskNamed', name: '接口联调' });
    expect(to(`{"missionId": "${hex}"}`)).toEqual({ kind: 'task', taskId: hex.toLowerCase() });
    expect(to(`{"projectId": "${hex}", "id": 3}`)).toEqual({ kind: 'project', projectId: hex.toLowerCase() });
    expect(to('{"cId": "12"}')).toEqual({ kind: 'chat', cId: 12 });
    expect(to('{"userId": 5}')).toEqual({ kind: 'person', userId: 5 });
  });

  it('lead nowhere when they name something of another system, or a malformed id', () => {
    const to = (params: string) => destinationOf(parseTarget(params));
    for (const params of [
      '{"id": 12}',
      '42',
      '{"orderNo": "A-12"}',
      '{"projectId": "12"}',
      '{"cId": "-1"}',
      '{"userId": "1e3"}',
    ])
      expect(to(params)).toBeNull();
    expect(destinationOf(null)).toBeNull();
  });
});
