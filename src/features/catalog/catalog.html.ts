import sanitizeHtml from 'sanitize-html';

/**
 * The body of a catalogue item is rich text, sanitised on every save (SECURITY INP-03): what staff
 * paste from Word keeps its structure (headings, paragraphs, lists, tables, links, emphasis) and
 * loses everything else — scripts, styles, classes, event handlers, frames, images from elsewhere.
 * The page's own h1 is the title, so headings in the body start at h2.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['h2', 'h3', 'h4', 'p', 'br', 'strong', 'b', 'em', 'i', 'u', 'sub', 'sup', 'ul', 'ol', 'li', 'blockquote', 'a', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href'], th: ['colspan', 'rowspan', 'scope'], td: ['colspan', 'rowspan'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  transformTags: {
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    b: 'strong',
    i: 'em',
    div: 'p',
  },
  // Empty paragraphs and links (Word leaves many) are dropped.
  exclusiveFilter: (frame) => (frame.tag === 'p' || frame.tag === 'a') && !frame.text.trim(),
  nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'title', 'head', 'xml'],
};

export const sanitizeBody = (html: string) => sanitizeHtml(html, OPTIONS).trim();

/** The plain text of a body, for search, summaries and comparison. Block ends become line breaks. */
export function bodyText(html: string): string {
  const spaced = html.replace(/<\/(p|h[2-4]|li|tr|blockquote|caption)>|<br\s*\/?>/gi, '\n').replace(/<\/t[dh]>/gi, '\t');
  return sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Plain text as body HTML: one paragraph per line (for imports and seeds). */
export const paragraphs = (text: string) =>
  text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`)
    .join('');
