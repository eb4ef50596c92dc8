import { domainToUnicode } from 'node:url';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** The page a new website shows until its owner uploads their own. */
export function defaultIndexPage(domain: string): string {
  // Show the name as people typed it (bücher.de), not its punycode form.
  const name = escapeHtml(domainToUnicode(domain) || domain);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${name}</title>
</head>
<body>
<h1>${name}</h1>
<p>This website is ready. Upload your own files to replace this page.</p>
</body>
</html>
`;
}
