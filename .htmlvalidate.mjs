/**
 * html-validate's settings for the built pages: test/site/html-validity.test.ts holds every page
 * of the test build to them, and `npx html-validate dist` applies them by hand. The recommended
 * preset (its accessibility rules included), two of its rules set to what the site writes on
 * purpose, one turned off, and one rule of the site's own.
 *
 * Astro writes compressed HTML: `<!DOCTYPE html>` in capitals, void elements without a slash
 * (`<meta charset="utf-8">`), attributes always quoted, boolean attributes bare. The preset's
 * formatting rules (doctype-style, void-style, attr-quotes, attribute-boolean-style) accept that
 * as it is, so they stay on at their defaults and hold every page to the one style.
 */
import { defineConfig, Rule } from 'html-validate';

/**
 * An element after `</html>` is a parse error (the "after after body" insertion mode): browsers
 * move it into `<body>`, and html-validate's own parser quietly keeps it beside `<html>`, which no
 * preset rule reports. A script written after a layout's closing tag ends up there.
 */
class InsideHtml extends Rule {
  documentation() {
    return {
      description: 'Everything but the doctype and comments belongs inside `<html>`; put the element inside the layout.',
      url: 'https://html.spec.whatwg.org/multipage/parsing.html#the-after-after-body-insertion-mode',
    };
  }

  setup() {
    this.on('dom:ready', ({ document }) => {
      for (const element of document.root.childElements) {
        if (element.tagName !== 'html') this.report(element, `<${element.tagName}> is outside <html>: write it inside the layout`);
      }
    });
  }
}

export default defineConfig({
  root: true,
  plugins: [{ name: 'newsroom', rules: { 'newsroom/inside-html': InsideHtml } }],
  extends: ['html-validate:recommended'],
  rules: {
    'newsroom/inside-html': 'error',
    // Lists styled `list-style: none` (navigation, article lists, pagination) carry role="list":
    // WebKit stops announcing such a list as a list to VoiceOver, and the role gives it back. Every
    // other redundant role is still reported.
    'no-redundant-role': ['error', { exclude: ['list'] }],
    // A headline may have 120 characters (the content contract), and a long one is the page's
    // whole <title> (src/lib/page-title.ts): cutting it there would cut it in tabs, bookmarks and
    // what a screen reader announces, while search results shorten it themselves. Longer than
    // any headline may be is still reported (the preset's limit is 70).
    'long-title': ['error', { maxlength: 120 }],
    // Turned off. A formatting rule for hand-written files: in the built pages, whitespace inside
    // text is the author's text (a `{" "}` at the end of an MDX line, a line of code in a <pre>),
    // which a browser collapses or a code block must keep, not markup to tidy.
    'no-trailing-whitespace': 'off',
  },
});
