/** How the content check speaks: plain text in a terminal, plus annotations in GitHub Actions. */
import { formatAnnotations, formatProblems, type ContentProblem } from '../../src/lib/validate.ts';

export function problemReport(problems: readonly ContentProblem[], env: NodeJS.ProcessEnv = process.env): string {
  const files = new Set(problems.map((p) => p.file)).size;
  const text = `Content check failed: ${problems.length} problem(s) in ${files} file(s).\n\n${formatProblems(problems)}`;
  return env.GITHUB_ACTIONS === 'true' ? `${text}\n${formatAnnotations(problems)}` : text;
}
