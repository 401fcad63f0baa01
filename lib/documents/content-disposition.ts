/** RFC 6266 with RFC 5987's filename*: an ASCII fallback, then the name in UTF-8. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\%;]/g, '_')
    .trim();
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  // Nothing left of the name but its extension: "document.pdf", not a hidden ".pdf".
  const fallback = !ascii || ascii.startsWith('.') ? `document${ascii}` : ascii;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
