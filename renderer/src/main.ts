/**
 * The start page served in web mode until the full client lands: it shows whether the
 * embedded server answers, and where its API description is.
 */
const root = document.getElementById('app')!;
const english = !navigator.language.toLowerCase().startsWith('zh');

function show(title: string, detail: string) {
  const heading = document.createElement('h1');
  heading.textContent = title;
  const paragraph = document.createElement('p');
  paragraph.textContent = detail;
  const link = document.createElement('a');
  link.href = '/api/openapi.json';
  link.textContent = english ? 'API description (OpenAPI)' : 'API 说明 (OpenAPI)';
  root.replaceChildren(heading, paragraph, link);
}

fetch('/api/health')
  .then((response) => response.json() as Promise<{ ok: boolean; version: string }>)
  .then(({ version }) =>
    show(
      english ? 'Messenger server is running' : 'Messenger 服务已启动',
      english ? `Version ${version}. The desktop client is being built.` : `版本 ${version}。桌面客户端正在开发中。`,
    ),
  )
  .catch(() => show(english ? 'Server unreachable' : '无法连接服务', english ? 'Start it again.' : '请重新启动服务。'));
