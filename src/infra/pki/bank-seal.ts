import { appearanceHexString, appearanceTextWidth, type AppearanceFont } from './appearance-font';

/**
 * An organisation's round seal (电子印章) drawn as vector PDF content: a red ring, a five-pointed star
 * in the middle, the organisation's name along the upper arc (read clockwise, characters upright
 * towards the rim) and the seal's use under the star, as Chinese official seals are laid out.
 */
export interface OrganisationSeal {
  readonly kind: 'organisation-seal';
  /** The registered name, e.g. 面签示范银行股份有限公司 (from the certificate's O, or given). */
  readonly name: string;
  /** What the seal is for, under the star: 合同专用章 (contract seal). */
  readonly label: string;
}

/** Seal red (GB/T seal ink is a bright vermilion). */
const RED = '0.86 0.08 0.1';

/** Every character the seal prints (so the appearance font subset includes them). */
export function sealTexts(seal: OrganisationSeal): string[] {
  return [seal.name, seal.label];
}

/**
 * Content-stream operators drawing `seal` as a disc of `diameter` points centred on (cx, cy), with
 * text in `fontName` (a resource of the same form XObject, backed by `font`).
 */
export function sealOperators({
  seal,
  font,
  fontName,
  cx,
  cy,
  diameter,
}: {
  seal: OrganisationSeal;
  font: AppearanceFont;
  fontName: string;
  cx: number;
  cy: number;
  diameter: number;
}): string[] {
  const r = diameter / 2;
  const ring = r * 0.065;
  const ops = ['q', `${RED} rg ${RED} RG`];

  // The ring: a circle stroked inside the disc.
  ops.push(`${fmt(ring)} w`, ...circle(cx, cy, r - ring / 2), 'S');

  // The star: five points, the top one straight up, filled.
  const outer = r * 0.3;
  const inner = outer * 0.382;
  const starY = cy + r * 0.02;
  const points: string[] = [];
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? outer : inner;
    const angle = Math.PI / 2 + (i * Math.PI) / 5;
    points.push(
      `${fmt(cx + radius * Math.cos(angle))} ${fmt(starY + radius * Math.sin(angle))} ${i === 0 ? 'm' : 'l'}`,
    );
  }
  ops.push(...points, 'h f');

  // The name along the upper arc: characters centred on a circle inside the ring, each rotated so its
  // top faces the rim, spread evenly clockwise over at most 250° (more for long names would meet the
  // label). Glyph advance decides each character's share of the arc (Latin letters are narrower).
  const name = [...seal.name];
  if (name.length > 0) {
    const band = r * 0.3; // thickness of the text band
    const textRadius = r - ring - band * 0.55; // where glyph centres lie
    const maxSpan = (250 * Math.PI) / 180;
    const units = name.map((ch) => appearanceTextWidth(font, ch, 1));
    const totalUnits = units.reduce((a, b) => a + b, 0);
    // Size: as large as the band allows, smaller when the name would not fit in the span.
    // Condense the characters as seal engravers do when many share the arc.
    const squeeze = name.length > 12 ? 85 : 100;
    const spacing = 1.1 * (squeeze / 100);
    const size = Math.min(band, (maxSpan * textRadius) / (totalUnits * spacing));
    const span = Math.min(maxSpan, (totalUnits * size * spacing) / textRadius);
    // Glyph centre above the baseline: the middle of an ideograph's em box in this face.
    const centreRise = ((font.ascent + font.descent) / 2 / 1000) * size;
    let along = 0;
    ops.push('BT', `/${fontName} ${fmt(size)} Tf`, `${squeeze} Tz`);
    name.forEach((ch, i) => {
      const share = (units[i]! / totalUnits) * span;
      const theta = Math.PI / 2 + span / 2 - along - share / 2; // angle of the glyph's centre
      along += share;
      const phi = theta - Math.PI / 2; // rotation: the glyph's up vector points outwards
      const [c, s] = [Math.cos(phi), Math.sin(phi)];
      const halfAdvance = (units[i]! * size * squeeze) / 100 / 2;
      const px = cx + textRadius * Math.cos(theta);
      const py = cy + textRadius * Math.sin(theta);
      // The origin (baseline, left) lies half an advance "left" and centreRise "down" of the centre.
      const ox = px - halfAdvance * c + centreRise * s;
      const oy = py - halfAdvance * s - centreRise * c;
      ops.push(
        `${fmt(c, 4)} ${fmt(s, 4)} ${fmt(-s, 4)} ${fmt(c, 4)} ${fmt(ox)} ${fmt(oy)} Tm ${appearanceHexString(font, ch)} Tj`,
      );
    });
    ops.push('100 Tz', 'ET');
  }

  // The label, horizontal under the star.
  if (seal.label) {
    const size = Math.min(r * 0.2, (r * 1.15) / Math.max(1, appearanceTextWidth(font, seal.label, 1)));
    const width = appearanceTextWidth(font, seal.label, size);
    const baseline = cy - r * 0.55;
    ops.push(
      'BT',
      `/${fontName} ${fmt(size)} Tf`,
      `${fmt(cx - width / 2)} ${fmt(baseline)} Td`,
      `${appearanceHexString(font, seal.label)} Tj`,
      'ET',
    );
  }
  ops.push('Q');
  return ops;
}

/** A circle as four Bézier curves (path only; the caller strokes or fills it). */
function circle(cx: number, cy: number, r: number): string[] {
  const k = 0.5523 * r;
  return [
    `${fmt(cx + r)} ${fmt(cy)} m`,
    `${fmt(cx + r)} ${fmt(cy + k)} ${fmt(cx + k)} ${fmt(cy + r)} ${fmt(cx)} ${fmt(cy + r)} c`,
    `${fmt(cx - k)} ${fmt(cy + r)} ${fmt(cx - r)} ${fmt(cy + k)} ${fmt(cx - r)} ${fmt(cy)} c`,
    `${fmt(cx - r)} ${fmt(cy - k)} ${fmt(cx - k)} ${fmt(cy - r)} ${fmt(cx)} ${fmt(cy - r)} c`,
    `${fmt(cx + k)} ${fmt(cy - r)} ${fmt(cx + r)} ${fmt(cy - k)} ${fmt(cx + r)} ${fmt(cy)} c`,
  ];
}

function fmt(n: number, digits = 2): string {
  return Number(n.toFixed(digits)).toString();
}
