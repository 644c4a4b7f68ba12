/**
 * The components contributors may use in MDX, by name, with what they are for. The content check
 * reads this list (it runs in plain Node and cannot import `.astro` files), `index.ts` must map
 * exactly these names (checked by the type system), and CONTRIBUTING.md documents them.
 */
export const APPROVED_COMPONENTS = {
  PullQuote: {
    summary: 'A quotation set apart from the body.',
    example: '<PullQuote cite="Name, role">Words someone said.</PullQuote>',
  },
  Callout: {
    summary: 'A boxed note beside the story: background, a definition, a caveat.',
    example: '<Callout title="Background">Text of the note.</Callout>',
  },
  Figure: {
    summary: 'An image in the body with a caption and credit; the Markdown image inside is optimised like the hero.',
    example: '<Figure caption="What it shows." credit="Photo: Name">\n\n![Alt text](./chart.png)\n\n</Figure>',
  },
  Video: {
    summary:
      'A self-hosted video file from public/media/, or a link card to a YouTube or Vimeo video. No third-party player or script loads in the page.',
    example: '<Video src="/media/test-drive.mp4" title="Test drive" captions="/media/test-drive.en.vtt" />',
  },
  MapEmbed: {
    summary: 'A place, with a link to it on OpenStreetMap. No map tiles or scripts load from elsewhere.',
    example: '<MapEmbed label="Shanghai" lat={31.23} lon={121.47} />',
  },
} as const;

export type ApprovedComponent = keyof typeof APPROVED_COMPONENTS;
