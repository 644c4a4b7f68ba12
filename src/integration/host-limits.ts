/**
 * What the static hosts accept, checked against the output before it is called deployable: an
 * archive outgrows a host's limits long before it outgrows the build, and a host says so only when
 * the deploy fails. The README's table lists the limits with their sources.
 */
import type { SizedFile } from '../lib/output-dir.ts';
export const DEPLOY_TARGETS = ['github-pages', 'cloudflare-pages-free', 'cloudflare-pages-paid', 'netlify', 's3'] as const;
export type DeployTarget = (typeof DEPLOY_TARGETS)[number];

export interface HostLimits {
  name: string;
  /** Files in the whole site. */
  files?: number;
  /** Files in any one folder. */
  filesPerFolder?: number;
  /** Bytes of any one file. */
  fileBytes?: number;
  /** Bytes of the whole site. */
  totalBytes?: number;
}

const MiB = 2 ** 20;
const GiB = 2 ** 30;

export const HOST_LIMITS: Record<DeployTarget, HostLimits> = {
  // docs.github.com/en/pages/getting-started-with-github-pages/github-pages-limits
  'github-pages': { name: 'GitHub Pages', totalBytes: 1 * GiB },
  // developers.cloudflare.com/pages/platform/limits/
  'cloudflare-pages-free': { name: 'Cloudflare Pages (Free plan)', files: 20_000, fileBytes: 25 * MiB },
  'cloudflare-pages-paid': { name: 'Cloudflare Pages (paid plans)', files: 100_000, fileBytes: 25 * MiB },
  // docs.netlify.com/site-deploys/overview/#files-per-directory-limit
  netlify: { name: 'Netlify', filesPerFolder: 54_000 },
  // docs.aws.amazon.com/AmazonS3/latest/userguide/upload-objects.html: one PUT; sync tools switch to multipart above it.
  s3: { name: 'S3-compatible object storage', fileBytes: 5 * GiB },
};

const size = (bytes: number) => (bytes >= GiB ? `${(bytes / GiB).toFixed(2)} GiB` : `${(bytes / MiB).toFixed(1)} MiB`);
const count = (n: number) => n.toLocaleString('en');

/** Every limit of `target` the output exceeds, each as a sentence naming the numbers and the files. */
export function hostLimitProblems(target: DeployTarget, files: readonly SizedFile[]): string[] {
  const limits = HOST_LIMITS[target];
  const problems: string[] = [];
  if (limits.files !== undefined && files.length > limits.files) {
    problems.push(`${count(files.length)} files, over the ${count(limits.files)} ${limits.name} accepts`);
  }
  if (limits.filesPerFolder !== undefined) {
    const perFolder = new Map<string, number>();
    for (const file of files) {
      const folder = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '.';
      perFolder.set(folder, (perFolder.get(folder) ?? 0) + 1);
    }
    for (const [folder, n] of [...perFolder].sort()) {
      if (n > limits.filesPerFolder)
        problems.push(`${count(n)} files in ${folder}/, over the ${count(limits.filesPerFolder)} per folder ${limits.name} accepts`);
    }
  }
  if (limits.fileBytes !== undefined) {
    const big = files.filter((file) => file.size > limits.fileBytes!).sort((a, b) => a.path.localeCompare(b.path));
    for (const file of big)
      problems.push(`${file.path} is ${size(file.size)}, over the ${size(limits.fileBytes)} per file ${limits.name} accepts`);
  }
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (limits.totalBytes !== undefined && total > limits.totalBytes) {
    problems.push(`${size(total)} in all, over the ${size(limits.totalBytes)} ${limits.name} accepts`);
  }
  return problems;
}

/** One line for the build's summary: how much of each limit the output uses. */
export function hostLimitUse(target: DeployTarget, files: readonly SizedFile[]): string {
  const limits = HOST_LIMITS[target];
  const uses = [
    limits.files !== undefined ? `${count(files.length)} of ${count(limits.files)} files` : undefined,
    limits.totalBytes !== undefined ? `${size(files.reduce((sum, file) => sum + file.size, 0))} of ${size(limits.totalBytes)}` : undefined,
  ].filter(Boolean);
  return `The output fits ${limits.name}${uses.length > 0 ? `: ${uses.join(', ')}` : ''}.`;
}
