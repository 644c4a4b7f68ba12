/**
 * The components contributors may use in MDX, by name: what each is for, an example, which props
 * it needs, and the HTML it becomes. Articles are rendered to HTML when the content is loaded
 * (`compile.ts`), not compiled into one JavaScript module each, so a component is a pure function
 * from its props and rendered children to a HAST element. The compiler reads `check` to report a
 * bad prop with its line, and holds what `render` returns to the same allowlist as the rest of the
 * body, so a prop cannot smuggle a URL or attribute past it; CONTRIBUTING.md lists `summary` and
 * `example`. Paths on the site get the base path when the compiler finishes the tree.
 */
import type { Element, ElementContent, Properties } from 'hast';

/** A prop as written in MDX: `name="text"`, `name={12.5}`, `name={true}` or a bare `name`. */
export type PropValue = string | number | boolean | null;
export type Props = Record<string, PropValue>;

interface ComponentDefinition {
  summary: string;
  example: string;
  /** What is wrong with these props, one sentence each; empty when they are fine. */
  check(props: Props): string[];
  render(props: Props, children: ElementContent[]): Element;
}

export function h(tagName: string, properties: Properties = {}, children: ElementContent[] = []): Element {
  return { type: 'element', tagName, properties, children };
}

function text(value: string): ElementContent {
  return { type: 'text', value };
}

const str = (value: PropValue | undefined): string | undefined => (value === undefined || value === null ? undefined : String(value));

/** A required text prop, or the problem with it. */
function requireText(props: Props, name: string): string[] {
  return typeof props[name] === 'string' && props[name] !== '' ? [] : [`${name}="…" is required`];
}

function videoLink(props: Props): { href: string; site: string } | undefined {
  const youtube = str(props.youtube);
  const vimeo = str(props.vimeo);
  if (youtube) return { href: `https://www.youtube.com/watch?v=${encodeURIComponent(youtube)}`, site: 'YouTube' };
  if (vimeo) return { href: `https://vimeo.com/${encodeURIComponent(vimeo)}`, site: 'Vimeo' };
  return undefined;
}

function coordinate(value: number, positive: string, negative: string): string {
  return `${Math.abs(value).toFixed(4)}° ${value >= 0 ? positive : negative}`;
}

export const APPROVED_COMPONENTS = {
  PullQuote: {
    summary: 'A quotation set apart from the body.',
    example: '<PullQuote cite="Name, role">Words someone said.</PullQuote>',
    check: () => [],
    render: (props, children) => {
      const cite = str(props.cite);
      return h('figure', { className: ['pull-quote'] }, [
        h('blockquote', {}, children),
        ...(cite ? [h('figcaption', {}, [text(cite)])] : []),
      ]);
    },
  },
  Callout: {
    summary: 'A boxed note beside the story: background, a definition, a caveat.',
    example: '<Callout title="Background">Text of the note.</Callout>',
    check: () => [],
    render: (props, children) => {
      const title = str(props.title) ?? 'Note';
      return h('aside', { className: ['callout'], ariaLabel: title }, [
        h('p', { className: ['callout-title'] }, [text(title)]),
        ...children,
      ]);
    },
  },
  Figure: {
    summary: 'An image in the body with a caption and credit; the Markdown image inside is optimised like the hero.',
    example: '<Figure caption="What it shows." credit="Photo: Name">\n\n![Alt text](./chart.png)\n\n</Figure>',
    check: () => [],
    render: (props, children) => {
      const caption = str(props.caption);
      const credit = str(props.credit);
      const figcaption: ElementContent[] = [
        ...(caption ? [text(caption)] : []),
        ...(caption && credit ? [text(' ')] : []),
        ...(credit ? [h('span', { className: ['credit'] }, [text(credit)])] : []),
      ];
      return h('figure', { className: ['figure'] }, [...children, ...(figcaption.length ? [h('figcaption', {}, figcaption)] : [])]);
    },
  },
  Video: {
    summary:
      'A self-hosted video file from public/media/, or a link card to a YouTube or Vimeo video. No third-party player or script loads in the page.',
    example: '<Video src="/media/test-drive.mp4" title="Test drive" captions="/media/test-drive.en.vtt" />',
    check: (props) => [
      ...requireText(props, 'title'),
      ...(props.src || videoLink(props) ? [] : ['give src="/media/…" (a file in public/), youtube="…" or vimeo="…"']),
    ],
    render: (props) => {
      const title = str(props.title) ?? '';
      const src = str(props.src);
      const captions = str(props.captions);
      const poster = str(props.poster);
      const external = videoLink(props);
      // A file plays in the browser's own player and loads nothing until the reader presses play;
      // YouTube and Vimeo become a plain link, so no tracker or script of theirs runs on our pages.
      const media = src
        ? h('video', { controls: true, preload: 'none', src, poster, ariaLabel: title }, [
            ...(captions ? [h('track', { kind: 'captions', src: captions, default: true })] : []),
            h('a', { href: src }, [text(`Download the video: ${title}`)]),
          ])
        : h('a', { className: ['video-link'], href: external?.href, rel: ['noopener'] }, [
            h('span', { ariaHidden: 'true' }, [text('▶')]),
            text(` Watch on ${external?.site}: ${title}`),
          ]);
      return h('figure', { className: ['video'] }, [media, h('figcaption', {}, [text(title)])]);
    },
  },
  MapEmbed: {
    summary: 'A place, with a link to it on OpenStreetMap. No map tiles or scripts load from elsewhere.',
    example: '<MapEmbed label="Shanghai" lat={31.23} lon={121.47} />',
    check: (props) => [
      ...requireText(props, 'label'),
      ...(typeof props.lat === 'number' && Math.abs(props.lat) <= 90 ? [] : ['lat={…} must be a number from -90 to 90']),
      ...(typeof props.lon === 'number' && Math.abs(props.lon) <= 180 ? [] : ['lon={…} must be a number from -180 to 180']),
      ...(props.zoom === undefined || (Number.isInteger(props.zoom) && Number(props.zoom) >= 1 && Number(props.zoom) <= 19)
        ? []
        : ['zoom={…} must be a whole number from 1 to 19']),
    ],
    // An embedded map would load tiles and scripts from another site on every page view, which the
    // site's privacy promise and CSP rule out: the place and its coordinates link to OpenStreetMap.
    render: (props) => {
      const label = str(props.label) ?? '';
      const lat = Number(props.lat);
      const lon = Number(props.lon);
      const zoom = Number(props.zoom ?? 12);
      const href = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=${zoom}/${lat}/${lon}`;
      return h('figure', { className: ['map'] }, [
        h('p', { className: ['map-place'] }, [h('span', { ariaHidden: 'true' }, [text('📍')]), text(` ${label}`)]),
        h('figcaption', {}, [
          text(`${coordinate(lat, 'N', 'S')}, ${coordinate(lon, 'E', 'W')} · `),
          h('a', { href, rel: ['noopener'] }, [text(`View ${label} on OpenStreetMap`)]),
        ]),
      ]);
    },
  },
} satisfies Record<string, ComponentDefinition>;

export type ApprovedComponent = keyof typeof APPROVED_COMPONENTS;

export function isApprovedComponent(name: string): name is ApprovedComponent {
  return Object.hasOwn(APPROVED_COMPONENTS, name);
}
