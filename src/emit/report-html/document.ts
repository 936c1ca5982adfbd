/**
 * The page around the sections: head (charset, viewport, a Content-Security-Policy that allows only this
 * page's own inline stylesheet and script, by hash, and no network at all), header, navigation, overview,
 * footer. The CSP is defence in depth: even if markup were injected, it could load nothing and run nothing.
 */
import { createHash } from 'node:crypto';
import { html, trusted, type Html } from './html.js';

export interface NavItem {
  readonly id: string;
  readonly title: string;
}

function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

export interface PageParts {
  readonly title: string;
  readonly header: Html;
  readonly nav: readonly NavItem[];
  readonly sections: Html;
  readonly footer: Html;
  readonly css: string;
  readonly script: string;
}

/** The complete HTML document. `css` and `script` are constants of this module (never model data). */
export function renderPage(p: PageParts): string {
  const csp = [
    "default-src 'none'",
    `style-src ${cspHash(p.css)}`,
    `script-src ${cspHash(p.script)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const nav = p.nav.map((n) => html`<li><a href="#${n.id}">${n.title}</a></li>`);
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="photonic-foundry">
<title>${p.title}</title>
<style>${trusted(p.css)}</style>
</head>
<body>
${p.header}
<nav class="sections" aria-label="sections"><ul>${nav}</ul></nav>
<main class="wrap">
${p.sections}
</main>
<footer class="wrap">${p.footer}</footer>
<div id="tooltip" role="tooltip" hidden></div>
<script>${trusted(p.script)}</script>
</body>
</html>
`;
  return page.text;
}
