/** A placeholder product picture (the demo catalog has no photos): initials on a colour. */
export function productImageSvg(productId: string, name: string): string {
  let hash = 0;
  for (const char of productId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const hue = hash % 360;
  const initials = name
    .split(/\s+/)
    .filter((word) => /^[A-Za-z]/.test(word))
    .slice(-2)
    .map((word) => word[0]?.toUpperCase())
    .join('');
  const escapeXml = (text: string) => text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="120" viewBox="0 0 160 120"><rect width="160" height="120" fill="hsl(${hue},45%,55%)"/><text x="80" y="72" font-family="sans-serif" font-size="40" fill="#fff" text-anchor="middle">${escapeXml(initials)}</text></svg>`;
}
