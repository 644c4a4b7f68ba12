import { compile } from './src/lib/mdx/compile.ts';
import { makePaths } from './src/lib/urls.ts';
const { withBase } = makePaths('/base/');
const src = `---
title: x
---
# Title

Text [link](java&#x09;script:alert(1)) and <a href="java&#x09;script:alert(1)">x</a> <a href="/articles/y/#z" class="callout evil" onClick="x">ok</a>.

<svg><a xlinkHref="javascript:x"><animate attributeName="href" values="javascript:x"/></a></svg>

<PullQuote cite="A">Hi **there**</PullQuote>

<Video title="t" src="javascript:alert(1)" />
<Video title="t" src="/media/x.mp4" captions="/media/x.vtt" />

| a | b |
|:--|--:|
| 1 | 2 |

![alt](./photo%20x.jpg "t") ![r](https://evil.example/x.png) ![bad](./bad%zz.png)

Footnote[^1]. <td>x</td> <script>alert(1)</script> <iframe src="x"></iframe> <div style="color:red">d</div>

[^1]: The note.

{"plain"} {1+1}
`;
const r = compile(src, { file: 'a.mdx', format: 'mdx', withBase });
console.log(r.html);
console.log(r.problems.map((p) => `${p.line}:${p.column} ${p.field}: ${p.message} | ${p.hint}`).join('\n'));
console.log(r.images, r.links, r.headings, r.words);
const b = compile(
  '---\nname: x\n---\nHi <meta http-equiv="refresh" content="0;url=x">\n\n<a href="javascript:x" onclick="y">x</a>\n\n<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>\n',
  { file: 'b.md', format: 'md', withBase },
);
console.log(b.html);
console.log(b.problems.map((p) => `${p.line}:${p.column} ${p.field}: ${p.message}`).join('\n'));
import { checkedTree } from './src/lib/mdx/compile.ts';
import { sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { SANITIZE_SCHEMA } from './src/lib/mdx/allowlist.ts';
for (const [s, f] of [
  [src, 'mdx'],
  [
    'Hi <meta http-equiv="refresh" content="0;url=x">\n\n<a href="javascript:x" onclick="y">x</a>\n\n<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>\n',
    'md',
  ],
] as const) {
  const { tree } = checkedTree(s, { file: 'x', format: f, withBase });
  const a = toHtml(tree!);
  const b = toHtml(sanitize(tree!, SANITIZE_SCHEMA));
  console.log('same after sanitize:', a === b);
  if (a !== b) console.log(a, '\n----\n', b);
}
