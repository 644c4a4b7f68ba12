/**
 * Content problems and how they are told: in a terminal, in an editor's problem matcher and as
 * GitHub Actions annotations on a pull request's diff.
 */

export interface ContentProblem {
  /** Source file relative to the project root. */
  file: string;
  /** 1-based line in the file, when it can be found. */
  line?: number | undefined;
  /** 1-based column of the line, when it is known. */
  column?: number | undefined;
  /** Field path, e.g. `authors[1]`. */
  field: string;
  message: string;
  /** What to do about it, in a contributor's words. */
  hint?: string | undefined;
}

/**
 * Text from a content file, made safe to print on one line: a line break or control character in
 * a value could otherwise start a line of its own, which CI runners read as a command
 * (`::stop-commands::` in GitHub Actions turns off every annotation after it).
 */
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

// eslint-disable-next-line no-control-regex -- these are the characters being escaped
const UNPRINTABLE = /[\u0000-\u001f\u007f\u2028\u2029]/g;

export function oneLine(text: string): string {
  return text.replace(UNPRINTABLE, (char) => ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `file:line:column field: message`, one problem per line (the form editors and terminals turn
 * into links), with the hint indented below it.
 */
export function formatProblems(problems: readonly ContentProblem[]): string {
  return problems
    .map((p) => {
      const where = `${p.file}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : ''}`;
      return `${oneLine(where)} ${oneLine(p.field)}: ${oneLine(p.message)}${p.hint ? `\n    hint: ${oneLine(p.hint)}` : ''}`;
    })
    .join('\n');
}

/** GitHub Actions' escaping for workflow command values and properties. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `::error file=…,line=…,col=…,title=…::message` workflow commands: in GitHub Actions each problem
 * then shows on the pull request's diff, at its line.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions#setting-an-error-message
 */
export function formatAnnotations(problems: readonly ContentProblem[]): string {
  return problems
    .map((p) => {
      const properties = [
        `file=${escapeProperty(p.file)}`,
        ...(p.line ? [`line=${p.line}`] : []),
        ...(p.line && p.column ? [`col=${p.column}`] : []),
        `title=${escapeProperty(oneLine(p.field))}`,
      ];
      return `::error ${properties.join(',')}::${escapeData(oneLine(p.message) + (p.hint ? `\n${oneLine(p.hint)}` : ''))}`;
    })
    .join('\n');
}

/** The whole report: a count, then every problem; in GitHub Actions the annotations too. */
export function problemReport(problems: readonly ContentProblem[], env: NodeJS.ProcessEnv = process.env): string {
  const files = new Set(problems.map((p) => p.file)).size;
  const text = `Content check failed: ${problems.length} problem(s) in ${files} file(s).\n\n${formatProblems(problems)}`;
  return env.GITHUB_ACTIONS === 'true' ? `${text}\n${formatAnnotations(problems)}` : text;
}
