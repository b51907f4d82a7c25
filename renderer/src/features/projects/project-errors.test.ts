// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/http.js';
import { translator } from '../../i18n/text.js';
import { explainProjectError } from './project-errors.js';
import { projectsText } from './projects-text.js';

describe('server refusals in words', () => {
  const en = translator(projectsText, 'en');
  const zh = translator(projectsText, 'zh-CN');

  it('names the rule a 403 enforces', () => {
    expect(explainProjectError(new ApiError(403, 'only the owner may remove members'), 'remove', en)).toMatch(
      /only the owner removes members/,
    );
  });

  it('says what a 409 means for the action that met it', () => {
    const conflict = new ApiError(409, 'conflict');
    expect(explainProjectError(conflict, 'invite', en)).toMatch(/already a member/);
    expect(explainProjectError(conflict, 'inviteToTask', en)).toMatch(/already have this task/);
    expect(explainProjectError(conflict, 'leave', zh)).toBe('负责人不能退出自己的项目。');
  });

  it('explains a 422 by what was sent', () => {
    const invalid = new ApiError(422, 'name: too long');
    expect(explainProjectError(invalid, 'create', en)).toMatch(/at most 64 characters/);
    expect(explainProjectError(invalid, 'inviteToTask', zh)).toBe('只能邀请这个项目的成员执行它的任务。');
    expect(explainProjectError(invalid, 'invite', en)).toBe('Check the input: name: too long');
  });

  it('tells a lost connection from a refusal', () => {
    expect(explainProjectError(new ApiError(0, 'network unreachable'), 'load', en)).toMatch(/Cannot reach/);
    expect(explainProjectError(new TypeError('x'), 'load', zh)).toBe('无法连接服务器，请稍后再试。');
    expect(explainProjectError(new ApiError(404, 'no project'), 'load', en)).toMatch(/no longer a member/);
  });
});
