/**
 * libkg's icon, drawn here (no outside asset): three linked nodes on a dark blue
 * rounded square. The SVG is the source; the .ico (for clients that ask for
 * /favicon.ico only) is the same shapes rasterised to 32x32 with 4x4 supersampling.
 */

const SIZE = 32;
const BG = [0x23, 0x39, 0x5b] as const;
const NODES: readonly [x: number, y: number, r: number][] = [
  [9, 10, 4],
  [23, 12, 3.5],
  [15, 23, 4.5],
];
const EDGES: readonly [number, number][] = [
  [0, 1],
  [1, 2],
  [2, 0],
];
const EDGE_WIDTH = 2;
const CORNER = 6;

export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" width="${SIZE}" height="${SIZE}">
<rect width="${SIZE}" height="${SIZE}" rx="${CORNER}" fill="#23395b"/>
<g stroke="#9cc3ff" stroke-width="${EDGE_WIDTH}">${EDGES.map(([a, b]) => {
  const [x1, y1] = NODES[a] as [number, number, number];
  const [x2, y2] = NODES[b] as [number, number, number];
  return `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"/>`;
}).join('')}</g>
<g fill="#fff">${NODES.map(([x, y, r]) => `<circle cx="${x}" cy="${y}" r="${r}"/>`).join('')}</g>
</svg>
`;

const inRoundedSquare = (x: number, y: number): boolean => {
  const dx = Math.max(CORNER - x, 0, x - (SIZE - CORNER));
  const dy = Math.max(CORNER - y, 0, y - (SIZE - CORNER));
  return x >= 0 && y >= 0 && x <= SIZE && y <= SIZE && dx * dx + dy * dy <= CORNER * CORNER;
};

const nearSegment = (px: number, py: number, [x1, y1]: readonly number[], [x2, y2]: readonly number[]): boolean => {
  const ax = (x2 as number) - (x1 as number);
  const ay = (y2 as number) - (y1 as number);
  const t = Math.max(0, Math.min(1, ((px - (x1 as number)) * ax + (py - (y1 as number)) * ay) / (ax * ax + ay * ay)));
  const dx = px - ((x1 as number) + t * ax);
  const dy = py - ((y1 as number) + t * ay);
  return dx * dx + dy * dy <= (EDGE_WIDTH / 2) ** 2;
};

/** The colour (RGBA) at one point of the icon. */
function colourAt(x: number, y: number): [number, number, number, number] {
  if (!inRoundedSquare(x, y)) return [0, 0, 0, 0];
  if (NODES.some(([cx, cy, r]) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r)) return [255, 255, 255, 255];
  if (EDGES.some(([a, b]) => nearSegment(x, y, NODES[a] as readonly number[], NODES[b] as readonly number[]))) return [0x9c, 0xc3, 0xff, 255];
  return [...BG, 255];
}

/** A 32x32, 32-bit ICO: one BMP image (bottom-up BGRA rows, then an all-zero AND mask; alpha does the masking). */
export function faviconIco(): Buffer {
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  const S = 4;
  for (let row = 0; row < SIZE; row++) {
    for (let col = 0; col < SIZE; col++) {
      const sum = [0, 0, 0, 0];
      for (let i = 0; i < S; i++)
        for (let j = 0; j < S; j++) {
          const c = colourAt(col + (j + 0.5) / S, row + (i + 0.5) / S);
          // Premultiply so transparent samples do not darken the edge.
          for (let k = 0; k < 3; k++) sum[k] = (sum[k] as number) + (c[k] as number) * (c[3] / 255);
          sum[3] = (sum[3] as number) + c[3];
        }
      const a = (sum[3] as number) / (S * S);
      const un = (k: number) => (a === 0 ? 0 : Math.round((sum[k] as number) / (S * S) / (a / 255)));
      const at = ((SIZE - 1 - row) * SIZE + col) * 4;
      pixels[at] = un(2);
      pixels[at + 1] = un(1);
      pixels[at + 2] = un(0);
      pixels[at + 3] = Math.round(a);
    }
  }
  const mask = Buffer.alloc(SIZE * 4);
  const bmp = Buffer.alloc(40);
  bmp.writeUInt32LE(40, 0);
  bmp.writeInt32LE(SIZE, 4);
  bmp.writeInt32LE(SIZE * 2, 8); // colour rows plus mask rows
  bmp.writeUInt16LE(1, 12);
  bmp.writeUInt16LE(32, 14);
  bmp.writeUInt32LE(pixels.length + mask.length, 20);
  const image = Buffer.concat([bmp, pixels, mask]);
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(SIZE, 6);
  header.writeUInt8(SIZE, 7);
  header.writeUInt16LE(1, 10);
  header.writeUInt16LE(32, 12);
  header.writeUInt32LE(image.length, 14);
  header.writeUInt32LE(header.length, 18);
  return Buffer.concat([header, image]);
}
