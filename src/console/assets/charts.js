const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 400;
const HEIGHT = 150;
const BOTTOM = 20;
const LEFT = 34;

function svg(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

function el(tag, className) {
  const node = document.createElement(tag);
  node.className = className;
  return node;
}

/**
 * A bar chart per day as inline SVG (no library, nothing fetched): one bar per series side by
 * side, the top value on the axis, and a tooltip with the exact figure on every bar.
 */
export function barChart(caption, days, series, format = String) {
  const figure = document.createElement('figure');
  const title = document.createElement('figcaption');
  title.textContent = caption;
  figure.append(title);
  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    'aria-label': caption,
  });
  const top = Math.max(0, ...days.flatMap((day) => series.map((s) => day[s.key] ?? 0)));
  const slot = (WIDTH - LEFT) / Math.max(1, days.length);
  const bar = Math.max(1, (slot * 0.8) / series.length);
  chart.append(svg('text', { x: 0, y: 10 }, format(top)));
  chart.append(svg('text', { x: 0, y: HEIGHT - BOTTOM }, format(0)));
  days.forEach((day, i) => {
    series.forEach((s, j) => {
      const value = day[s.key] ?? 0;
      const height = top > 0 ? ((HEIGHT - BOTTOM - 4) * value) / top : 0;
      const rect = svg('rect', {
        class: `bar s${j}`,
        x: LEFT + i * slot + j * bar,
        y: HEIGHT - BOTTOM - height,
        width: bar,
        height,
      });
      const shown = day[s.key] === null || day[s.key] === undefined ? '–' : format(value);
      rect.append(svg('title', {}, `${day.day} · ${s.label}: ${shown}`));
      chart.append(rect);
    });
    // A label fits in about 40 units: fewer labels than days on a long period.
    if (i % Math.ceil(days.length / ((WIDTH - LEFT) / 40)) === 0)
      chart.append(svg('text', { x: LEFT + i * slot, y: HEIGHT - 6 }, day.day.slice(5)));
  });
  figure.append(chart);
  if (top === 0)
    figure.append(
      Object.assign(document.createElement('small'), {
        className: 'muted',
        textContent: 'Nothing in this period. ',
      }),
    );
  if (series.length > 1) {
    const legend = document.createElement('small');
    legend.className = 'muted';
    for (const [j, s] of series.entries()) {
      const key = el('span', `key s${j}`);
      legend.append(key, ` ${s.label}   `);
    }
    figure.append(legend);
  }
  return figure;
}
