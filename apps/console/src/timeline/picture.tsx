/** The SVG drawing of a Picture (timeline/model.ts): one row per lane, time running left to right. */
import type { ComponentChildren } from 'preact';
import { danishDate, danishDateOf } from '@dnr/domain';
import { BASIS_IN_DANISH, EVENT_IN_DANISH, inDanish, STATE_IN_DANISH } from '../words/danish';
import { whenInDanish } from '../words/time';
import { toldOnTrail, VERDICT } from '../status/status-card';
import type { Picture } from './model';

const WIDTH = 1000;
const LABEL = 230;
const ROW = 38;
const BAR = 22;

/** Fill per state: refusal dark red, waiting amber, not binding grey or blue; the text beside says it too (colour is never the only cue). */
const FILL: Record<string, string> = {
  DNACPR: '#8b0a1e',
  ATTEMPT_CPR: '#1d6b35',
  in_force: '#8b0a1e',
  pending: '#b86e00',
  awaiting_relatives: '#b86e00',
  suspended: '#2c5d9e',
  advisory: '#7d7d7d',
  lapsed: '#7d7d7d',
  withdrawn: '#c9c9c9',
};

const iso = (instant: number) => new Date(instant).toISOString();

export function TimelinePicture({ picture, knownAt }: { picture: Picture; knownAt: number | null }) {
  const x = (t: number) => LABEL + ((t - picture.start) / (picture.end - picture.start)) * (WIDTH - LABEL - 10);
  const lanes = 1 + picture.bars.length + 2;
  const height = lanes * ROW + 30;
  const rowY = (i: number) => i * ROW + 6;
  const axis = axisTicks(picture.start, picture.end);
  return (
    <figure class="timeline-figure">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby="timeline-caption" preserveAspectRatio="xMinYMin meet">
        {axis.map((t) => (
          <g key={t.at}>
            <line x1={x(t.at)} x2={x(t.at)} y1={0} y2={height - 24} stroke="#d0d0d0" />
            <text x={x(t.at)} y={height - 8} text-anchor="middle" class="axis">{t.label}</text>
          </g>
        ))}
        <Lane y={rowY(0)} label="Status">
          {picture.verdict.map((s, i) => <Segment key={i} x1={x(s.from)} x2={x(s.to)} y={rowY(0)} fill={FILL[s.state]} title={`${VERDICT[s.state]} fra ${whenInDanish(iso(s.from))}`} />)}
        </Lane>
        {picture.bars.map((bar, b) => (
          <Lane key={bar.id} y={rowY(b + 1)} label={inDanish(BASIS_IN_DANISH, bar.kind, 'Beslutning').replace(/ \(undtagelse \d\)/, '')}>
            {bar.segments.map((s, i) => (
              <Segment key={i} x1={x(s.from)} x2={x(s.to)} y={rowY(b + 1)} fill={FILL[s.state] ?? '#7d7d7d'} title={`${inDanish(STATE_IN_DANISH, s.state, 'anden tilstand')} fra ${whenInDanish(iso(s.from))}`} />
            ))}
          </Lane>
        ))}
        <Lane y={rowY(lanes - 2)} label="Hændelser">
          {picture.marks.map((m) => (
            <path key={m.eventId} d={diamond(x(m.at), rowY(lanes - 2) + BAR / 2)} fill="#1a1a1a" class="mark">
              <title>{`${inDanish(EVENT_IN_DANISH, m.type, 'Hændelse')}: ${whenInDanish(iso(m.at))}`}</title>
            </path>
          ))}
        </Lane>
        <Lane y={rowY(lanes - 1)} label="Opslag">
          {picture.ticks.map((t, i) => (
            <line key={i} x1={x(t.at)} x2={x(t.at)} y1={rowY(lanes - 1)} y2={rowY(lanes - 1) + BAR} stroke={t.status ? FILL[t.status] : FILL.advisory} stroke-width={3} class="tick">
              <title>{`Opslag ${whenInDanish(iso(t.at))}: ${toldOnTrail(t)}`}</title>
            </line>
          ))}
        </Lane>
        {knownAt !== null && knownAt >= picture.start && knownAt <= picture.end && (
          <g class="known-at">
            <line x1={x(knownAt)} x2={x(knownAt)} y1={0} y2={height - 24} stroke="#000" stroke-width={2} stroke-dasharray="6 4" />
            <title>{`Kendt pr. ${whenInDanish(iso(knownAt))}`}</title>
          </g>
        )}
      </svg>
      <figcaption id="timeline-caption">
        Journalen over tid: status og hver beslutning som bjælker (mørkerød: i kraft, gul: afventer, blå: midlertidigt tilbagekaldt, grå: trukket tilbage eller bortfaldet),
        hændelser som ruder og opslag som streger. Samme oplysninger står i tabellerne nedenfor.
      </figcaption>
    </figure>
  );
}

function Lane({ y, label, children }: { y: number; label: string; children: ComponentChildren }) {
  return (
    <g>
      <text x={8} y={y + BAR / 2 + 5} class="lane-label">{label}</text>
      <line x1={LABEL} x2={WIDTH - 10} y1={y + BAR / 2} y2={y + BAR / 2} stroke="#e3e3e3" />
      {children}
    </g>
  );
}

function Segment({ x1, x2, y, fill, title }: { x1: number; x2: number; y: number; fill: string; title: string }) {
  return (
    <rect x={x1} y={y} width={Math.max(x2 - x1, 2)} height={BAR} fill={fill} stroke="#fff" stroke-width={1}>
      <title>{title}</title>
    </rect>
  );
}

const diamond = (cx: number, cy: number, r = 7) => `M${cx} ${cy - r} L${cx + r} ${cy} L${cx} ${cy + r} L${cx - r} ${cy} Z`;

/** Five to eight gridlines across the range, on whole days, hours or minutes, each labelled in Danish. */
function axisTicks(start: number, end: number): Array<{ at: number; label: string }> {
  const span = end - start;
  const units = [86_400_000, 3_600_000, 600_000, 60_000];
  const unit = units.find((u) => span / u >= 4) ?? 60_000;
  const step = Math.max(1, Math.round(span / unit / 6)) * unit;
  const ticks: Array<{ at: number; label: string }> = [];
  for (let t = Math.ceil(start / step) * step; t <= end && ticks.length < 8; t += step) {
    const when = whenInDanish(iso(t));
    ticks.push({ at: t, label: unit === 86_400_000 ? danishDate(danishDateOf(t)) : `kl. ${when.split(' kl. ')[1]}` });
  }
  return ticks;
}
